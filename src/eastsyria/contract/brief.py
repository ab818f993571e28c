"""`brief`'s documented fields (`-f json`) and its references, numbered or as notes.

A sentence cites source sections; each is cited as `cite` cites it (`contract.citations`:
the same keys, the same reference text), so a brief's references and `cite`'s are one
thing. `Cited` numbers them in the order a reader first meets them (`numbered`), or gives
each sentence a note of its own (`footnotes`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, NamedTuple

from eastsyria.contract.citations import section_citations, text_citation
from eastsyria.core.sanitise import safe

if TYPE_CHECKING:
    from eastsyria.contract.citations import Citation
    from eastsyria.core.brief import Brief, Ref, Sentence
    from eastsyria.core.catalog import Catalog
    from eastsyria.imports.citing import Work

# The fields of `brief -f json`, in order (docs/formats.md).
BRIEF_FIELDS = ("end", "selected", "told", "left_out", "listing", "paragraphs", "references")
PARAGRAPH_FIELDS = ("kind", "sentences")
SENTENCE_FIELDS = ("text", "events", "citations", "notes")
CITATION_FIELDS = ("article", "section", "keys")
REFERENCE_FIELDS = ("number", "key", "text")


class Cited(NamedTuple):
    """A brief's sources as cited: each section's citation keys (`cite`'s ids), every
    reference's text by key, numbered in the order first cited."""

    keys: dict[Ref, list[str]]
    texts: dict[str, str]
    numbers: dict[str, int]

    def sentence_keys(self, sentence: Sentence) -> list[str]:
        """The keys a sentence cites, each once, in the order of their numbers."""
        keys = dict.fromkeys(key for ref in sentence.refs for key in self.keys[ref])
        return sorted(keys, key=lambda key: self.numbers.get(key, 0))


def cite_brief(catalog: Catalog, made: Brief, accessed: dt.date | None) -> Cited:
    refs = [ref for sentence in made.sentences() for ref in sentence.refs]
    found: dict[Ref, list[Citation | Work]] = section_citations(catalog, refs, accessed)
    keys = {ref: [item.key for item in items] for ref, items in found.items()}
    texts = {item.key: text_citation(item) for items in found.values() for item in items}
    numbers: dict[str, int] = {}
    for ref in refs:
        for key in keys[ref]:
            numbers.setdefault(key, len(numbers) + 1)
    return Cited(keys, texts, numbers)


def left_out_note(made: Brief) -> str | None:
    """The closing line of a brief that left events out: how many, and the command that
    lists the whole selection."""
    if not made.left_out:
        return None
    told = len(made.told)
    return (
        f"{made.left_out:,} of the {made.selected:,} events selected are left out for length "
        f"({told:,} told, ranked first); list them all with: {made.listing}"
    )


def brief_view(made: Brief, cited: Cited) -> dict[str, Any]:
    """`brief -f json`: the brief as data. Each sentence's notes are its references'
    numbers."""
    paragraphs = [
        {
            "kind": paragraph.kind,
            "sentences": [
                {
                    "text": safe(sentence.text),
                    "events": list(sentence.events),
                    "citations": [
                        {"article": ref[0], "section": ref[1], "keys": cited.keys[ref]}
                        for ref in sentence.refs
                    ],
                    "notes": [cited.numbers[key] for key in cited.sentence_keys(sentence)],
                }
                for sentence in paragraph.sentences
            ],
        }
        for paragraph in made.paragraphs
    ]
    references = [
        {"number": number, "key": key, "text": cited.texts[key]}
        for key, number in cited.numbers.items()
    ]
    return {
        "end": made.end,
        "selected": made.selected,
        "told": len(made.told),
        "left_out": made.left_out,
        "listing": made.listing if made.left_out else None,
        "paragraphs": paragraphs,
        "references": references,
    }
