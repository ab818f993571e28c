"""`contract.brief`: a brief's references (cite's keys and text, numbered as first cited),
its closing line and its JSON view, on a small dataset."""

from __future__ import annotations

import datetime as dt

from eastsyria.contract.brief import BRIEF_FIELDS, brief_view, cite_brief, left_out_note
from eastsyria.contract.citations import section_citations, text_citation
from eastsyria.core.brief import Brief, Paragraph, Sentence

from .builders import catalog, event

BATTLE = ("article-a", "battle")


def _made(*sentences: Sentence, selected: int = 1, listing: str = "") -> Brief:
    told = tuple(dict.fromkeys(e for s in sentences for e in s.events))
    return Brief((Paragraph("event", sentences),), "2017-11-02", selected, told, listing)


def test_references_are_cites_own_keys_and_text_numbered_as_first_cited() -> None:
    data = catalog(events=[event("a", "2017-11-01")])
    made = _made(Sentence("One.", ("a",), (BATTLE,)), Sentence("Two.", ("a",), (BATTLE,)))
    cited = cite_brief(data, made, dt.date(2026, 12, 7))
    item = section_citations(data, [BATTLE], dt.date(2026, 12, 7))[BATTLE][0]
    assert cited.keys == {BATTLE: ["article-a:battle"]}
    assert cited.numbers == {"article-a:battle": 1}
    assert cited.texts == {"article-a:battle": text_citation(item)}
    assert "Accessed 7 December 2026." in cited.texts["article-a:battle"]


def test_the_json_view_gives_every_sentence_its_events_citations_and_notes() -> None:
    data = catalog(events=[event("a", "2017-11-01")])
    made = _made(
        Sentence("It fell\x1b[31m.", ("a",), (BATTLE,)), selected=3, listing="eastsyria events"
    )
    view = brief_view(made, cite_brief(data, made, None))
    assert tuple(view) == BRIEF_FIELDS
    assert (view["end"], view["selected"], view["told"], view["left_out"]) == (
        "2017-11-02",
        3,
        1,
        2,
    )
    assert view["listing"] == "eastsyria events"
    sentence = view["paragraphs"][0]["sentences"][0]
    assert sentence == {
        "text": "It fell␛[31m.",
        "events": ["a"],
        "citations": [{"article": "article-a", "section": "battle", "keys": ["article-a:battle"]}],
        "notes": [1],
    }
    assert view["references"][0]["number"] == 1
    assert view["references"][0]["key"] == "article-a:battle"


def test_the_closing_line_says_how_many_were_left_out_and_how_to_list_them() -> None:
    told = _made(Sentence("One.", ("a",), (BATTLE,)), selected=1)
    assert left_out_note(told) is None
    short = _made(
        Sentence("One.", ("a",), (BATTLE,)), selected=1200, listing="eastsyria events -p X"
    )
    assert left_out_note(short) == (
        "1,199 of the 1,200 events selected are left out for length (1 told, ranked first); "
        "list them all with: eastsyria events -p X"
    )
    assert (
        brief_view(told, cite_brief(catalog(events=[event("a", "2017-11-01")]), told, None))[
            "listing"
        ]
        is None
    )


def test_a_sentence_cites_its_references_in_the_order_of_their_numbers() -> None:
    from .builders import SOURCES

    sources = [
        {
            **SOURCES[0],
            "sections": [*SOURCES[0]["sections"], {**SOURCES[0]["sections"][0], "id": "later"}],
        }
    ]
    data = catalog(events=[event("a", "2017-11-01")])
    data.record["sources"] = sources  # type: ignore[index]
    later = ("article-a", "later")
    made = _made(Sentence("One.", ("a",), (BATTLE,)), Sentence("Two.", ("a",), (later, BATTLE)))
    cited = cite_brief(data, made, None)
    assert cited.numbers == {"article-a:battle": 1, "article-a:later": 2}
    assert cited.sentence_keys(made.sentences()[1]) == ["article-a:battle", "article-a:later"]
    view = brief_view(made, cited)
    assert [p["kind"] for p in view["paragraphs"]] == ["event"]
    assert view["paragraphs"][0]["sentences"][1]["notes"] == [1, 2]
    assert [set(r) for r in view["references"]] == [{"number", "key", "text"}] * 2
