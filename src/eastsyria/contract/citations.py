"""Ready citations of the source sections that events cite: plain text, BibTeX, CSL-JSON, RIS.

A citation says only what the data file holds: the article's title, the section, the work it
is part of, the publisher and the link. No access date, revision or author is made up; a
source the file gives no URL is cited without one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from eastsyria.core.links import section_url
from eastsyria.core.sanitise import safe

if TYPE_CHECKING:
    from eastsyria.core.catalog import Catalog
    from eastsyria.data.records import EventRecord, SourceRefRecord


class Citation(NamedTuple):
    """One cited section of one article."""

    # Stable and readable: '<article id>:<section id>', both slugs, so safe as a BibTeX key.
    key: str
    title: str
    section: str
    container: str | None
    publisher: str
    url: str | None


def _refs(catalog: Catalog, event: EventRecord) -> Iterator[SourceRefRecord]:
    """Every section `show` cites for the event: its sources, its casualty claims' and the
    claims of its disagreements'."""
    yield from event["sources"]
    yield from (claim["source"] for claim in event["casualties"])
    for dispute in catalog.disputes_by_event.get(event["id"], []):
        yield from (claim["source"] for claim in dispute["claims"])


def citations(catalog: Catalog, events: Iterable[EventRecord]) -> list[Citation]:
    """The sections the events cite, each once, in the order first cited."""
    articles = {source["id"]: source for source in catalog.record["sources"]}
    found: dict[str, Citation] = {}
    for event in events:
        for ref in _refs(catalog, event):
            key = f"{ref['article']}:{ref['section']}"
            if key in found:
                continue
            article = articles[ref["article"]]
            section = next(s for s in article["sections"] if s["id"] == ref["section"])
            found[key] = Citation(
                key=key,
                title=article["title"],
                section=section["title"],
                container=article["container"],
                publisher=article["publisher"],
                url=section_url(article["url"], section["anchor"]),
            )
    return list(found.values())


def _line(text: str) -> str:
    """Text from the data file on one line (a line break would start a new record), made
    inert (an escape sequence would reach the terminal or the TeX run)."""
    return safe(" ".join(text.split()))


# -- plain text ------------------------------------------------------------------------------


def text_citation(citation: Citation) -> str:
    """'“2017 Abu Kamal offensive”, section “First attack on the city”. Wikipedia (English).
    https://en.wikipedia.org/wiki/2017_Abu_Kamal_offensive#First_attack_on_the_city'"""
    text = f"“{_line(citation.title)}”, section “{_line(citation.section)}”. "
    text += f"{_line(citation.publisher)}."
    return f"{text} {citation.url}" if citation.url else text


def text_citations(cited: Iterable[Citation]) -> str:
    return "\n".join(text_citation(citation) for citation in cited)


# -- BibTeX ----------------------------------------------------------------------------------

# TeX's special characters as text. Braces become commands, not \{ and \}: BibTeX counts
# every brace, escaped or not, so a lone one would end (or never end) the field.
_TEX = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_TEX_SPECIAL = re.compile("[" + re.escape("".join(_TEX)) + "]")


def tex_text(text: str) -> str:
    """Text as a BibTeX field value: TeX's special characters escaped, one line; anything
    else, non-ASCII letters included, left as it is (UTF-8, as biber and BibTeX 8-bit read)."""
    return _TEX_SPECIAL.sub(lambda match: _TEX[match.group()], _line(text))


def bibtex_entry(citation: Citation) -> str:
    """A @misc entry: title (double-braced, so no style lowercases a name in it),
    howpublished (the publisher), note (the section) and url."""
    fields = [
        ("title", "{" + tex_text(citation.title) + "}"),
        ("howpublished", tex_text(citation.publisher)),
        ("note", f"Section: {tex_text(citation.section)}"),
    ]
    if citation.url:
        # A link is ASCII with no brace, space or backslash (core.links): read verbatim by
        # biblatex and the url package.
        fields.append(("url", citation.url))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{citation.key},\n{body}\n}}\n"


def bibtex(cited: Iterable[Citation]) -> str:
    return "\n".join(bibtex_entry(citation) for citation in cited)


# -- CSL-JSON --------------------------------------------------------------------------------


def csl_item(citation: Citation) -> dict[str, Any]:
    """A CSL-JSON item (what Zotero, pandoc and citeproc read): an encyclopedia entry where
    the article is part of a named work, else a web page."""
    item: dict[str, Any] = {
        "id": citation.key,
        "type": "entry-encyclopedia" if citation.container else "webpage",
        "title": citation.title,
    }
    if citation.container:
        item["container-title"] = citation.container
    item["publisher"] = citation.publisher
    item["section"] = citation.section
    if citation.url:
        item["URL"] = citation.url
    return item


def csl_json(cited: Iterable[Citation]) -> list[dict[str, Any]]:
    return [csl_item(citation) for citation in cited]


# -- RIS -------------------------------------------------------------------------------------


def ris_record(citation: Citation) -> str:
    """An RIS record: ENCYC (or ELEC, a web page), each value on its one line."""
    tags = [
        ("TY", "ENCYC" if citation.container else "ELEC"),
        ("ID", citation.key),
        ("TI", citation.title),
        ("T2", citation.container),
        ("PB", citation.publisher),
        ("N1", f"Section: {citation.section}"),
        ("UR", citation.url),
    ]
    lines = [f"{tag}  - {_line(value)}" for tag, value in tags if value]
    return "\n".join([*lines, "ER  - "]) + "\n"


def ris(cited: Iterable[Citation]) -> str:
    return "\n".join(ris_record(citation) for citation in cited)
