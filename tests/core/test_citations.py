"""Citations of the sections events cite, built from small datasets (see `builders`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from builders import casualty, dataset, event

from eastsyria.contract.citations import (
    Citation,
    bibtex,
    bibtex_entry,
    citations,
    csl_item,
    csl_json,
    language_of,
    ris,
    ris_record,
    tex_text,
    text_citation,
    text_citations,
)
from eastsyria.core.catalog import Catalog

SOURCES = [
    {
        "id": "offensive",
        "title": "2017 Abu Kamal offensive",
        "container": "Wikipedia",
        "publisher": "Wikipedia (English)",
        "url": "https://en.wikipedia.org/wiki/2017_Abu_Kamal_offensive",
        "sections": [
            {"id": "lead", "title": "Introduction", "path": ["Introduction"], "anchor": None},
            {
                "id": "first-attack",
                "title": "First attack on the city",
                "path": ["The offensive", "First attack on the city"],
                "anchor": "First_attack_on_the_city",
            },
        ],
    },
    {
        "id": "blog",
        "title": "A field report",
        "container": None,
        "publisher": "A blog",
        "url": None,
        "sections": [{"id": "all", "title": "Whole post", "path": ["Whole post"], "anchor": None}],
    },
]
LEAD = {"article": "offensive", "section": "lead"}
FIRST_ATTACK = {"article": "offensive", "section": "first-attack"}
BLOG = {"article": "blog", "section": "all"}
FIRST_ATTACK_CITATION = Citation(
    key="offensive:first-attack",
    title="2017 Abu Kamal offensive",
    section="First attack on the city",
    container="Wikipedia",
    publisher="Wikipedia (English)",
    url="https://en.wikipedia.org/wiki/2017_Abu_Kamal_offensive#First_attack_on_the_city",
    language="en",
    accessed=dt.date(2026, 12, 7),
)
BLOG_CITATION = Citation("blog:all", "A field report", "Whole post", None, "A blog", None)


def catalog(events: list[dict[str, Any]], disputes: list[dict[str, Any]] | None = None) -> Catalog:
    record = dataset(events=events, disputes=disputes)
    record["sources"] = SOURCES
    return Catalog(record)  # type: ignore[arg-type]


def test_each_section_once_in_the_order_first_cited() -> None:
    first = event("first", "2017-11-08", sources=[FIRST_ATTACK, LEAD])
    second = event("second", "2017-11-09", sources=[LEAD, BLOG, FIRST_ATTACK])
    data = catalog([first, second])
    picked = [data.events_by_id["first"], data.events_by_id["second"]]
    cited = citations(data, picked, dt.date(2026, 12, 7))
    assert [c.key for c in cited] == ["offensive:first-attack", "offensive:lead", "blog:all"]
    assert cited[0] == FIRST_ATTACK_CITATION
    # The lead has no anchor: its link is the article's.
    assert cited[1].url == "https://en.wikipedia.org/wiki/2017_Abu_Kamal_offensive"
    assert cited[2] == BLOG_CITATION._replace(accessed=dt.date(2026, 12, 7))
    # Without a day, none is made up.
    assert {c.accessed for c in citations(data, picked)} == {None}


def test_casualty_claims_and_disputes_are_cited_too() -> None:
    toll = event(
        "toll", "2017-11-08", sources=[LEAD], casualties=[casualty("isil", 5, source=BLOG)]
    )
    dispute = {
        "id": "d",
        "topic": "t",
        "summary": "",
        "claims": [
            {"statement": "a", "source": LEAD, "claimant": None, "event": "toll"},
            {"statement": "b", "source": FIRST_ATTACK, "claimant": None, "event": "toll"},
        ],
    }
    data = catalog([toll], [dispute])
    keys = [c.key for c in citations(data, [data.events_by_id["toll"]])]
    assert keys == ["offensive:lead", "blog:all", "offensive:first-attack"]


def test_text_names_title_section_publisher_access_date_and_link() -> None:
    assert text_citation(FIRST_ATTACK_CITATION) == (
        "“2017 Abu Kamal offensive”, section “First attack on the city”. Wikipedia (English). "
        "Accessed 7 December 2026. "
        "https://en.wikipedia.org/wiki/2017_Abu_Kamal_offensive#First_attack_on_the_city"
    )
    assert text_citation(BLOG_CITATION) == "“A field report”, section “Whole post”. A blog."


def test_tex_text_escapes_every_special_character() -> None:
    assert tex_text("{}%&$#_^~\\") == (
        r"\textbraceleft{}\textbraceright{}\%\&\$\#\_\textasciicircum{}\textasciitilde{}"
        r"\textbackslash{}"
    )
    assert tex_text("Ḥajīn – 2017\nnext\tline") == "Ḥajīn – 2017 next line"


def test_a_bibtex_entry_is_online_with_its_work_link_access_date_and_language() -> None:
    assert bibtex_entry(FIRST_ATTACK_CITATION) == (
        "@online{offensive:first-attack,\n"
        "  title = {{2017 Abu Kamal offensive}},\n"
        "  organization = {Wikipedia},\n"
        "  note = {Section: First attack on the city},\n"
        "  url = {https://en.wikipedia.org/wiki/2017_Abu_Kamal_offensive#First_attack_on_the_city},\n"
        "  urldate = {2026-12-07},\n"
        "  langid = {english}\n"
        "}\n"
    )
    # No work, link, day or language known: the publisher, and nothing made up.
    assert bibtex_entry(BLOG_CITATION) == (
        "@online{blog:all,\n"
        "  title = {{A field report}},\n"
        "  organization = {A blog},\n"
        "  note = {Section: Whole post}\n"
        "}\n"
    )


def test_csl_items_an_encyclopedia_entry_or_a_web_page() -> None:
    assert csl_item(FIRST_ATTACK_CITATION) == {
        "id": "offensive:first-attack",
        "type": "entry-encyclopedia",
        "title": "2017 Abu Kamal offensive",
        "container-title": "Wikipedia",
        "section": "First attack on the city",
        "URL": "https://en.wikipedia.org/wiki/2017_Abu_Kamal_offensive#First_attack_on_the_city",
        "accessed": {"date-parts": [[2026, 12, 7]]},
        "language": "en",
    }
    assert csl_item(BLOG_CITATION) == {
        "id": "blog:all",
        "type": "webpage",
        "title": "A field report",
        "publisher": "A blog",
        "section": "Whole post",
    }


def test_an_ris_record_keeps_each_value_on_its_line() -> None:
    hostile = BLOG_CITATION._replace(title="Two\nlines\nER  - ")
    assert ris_record(hostile).splitlines() == [
        "TY  - ELEC",
        "ID  - blog:all",
        "TI  - Two lines ER -",
        "PB  - A blog",
        "N1  - Section: Whole post",
        "ER  - ",
    ]


def test_an_ris_record_of_an_encyclopaedia_article_names_it_and_links_the_section() -> None:
    assert ris_record(FIRST_ATTACK_CITATION) == (
        "TY  - ENCYC\n"
        "ID  - offensive:first-attack\n"
        "TI  - 2017 Abu Kamal offensive\n"
        "T2  - Wikipedia\n"
        "N1  - Section: First attack on the city\n"
        "UR  - https://en.wikipedia.org/wiki/2017_Abu_Kamal_offensive#First_attack_on_the_city\n"
        "Y2  - 2026/12/07\n"
        "LA  - en\n"
        "ER  - \n"
    )


def test_a_list_of_citations_in_each_format_holds_every_citation_in_order() -> None:
    cited = [FIRST_ATTACK_CITATION, BLOG_CITATION]
    # Plain text: a citation a line.
    assert text_citations(cited).split("\n") == [
        text_citation(FIRST_ATTACK_CITATION),
        text_citation(BLOG_CITATION),
    ]
    # BibTeX and RIS: each entry or record ends its last line; a blank line between two.
    assert bibtex(cited) == bibtex_entry(FIRST_ATTACK_CITATION) + "\n" + bibtex_entry(BLOG_CITATION)
    assert ris(cited) == ris_record(FIRST_ATTACK_CITATION) + "\n" + ris_record(BLOG_CITATION)
    assert bibtex(cited).count("@online{") == 2
    assert ris(cited).count("\nER  - \n") == 2
    # CSL-JSON: one item each, in the order first cited.
    assert csl_json(cited) == [csl_item(FIRST_ATTACK_CITATION), csl_item(BLOG_CITATION)]
    # Nothing cited: nothing written.
    assert (text_citations([]), bibtex([]), ris([]), csl_json([])) == ("", "", "", [])


def test_a_wikipedia_edition_gives_the_language_and_no_other_address_does() -> None:
    assert language_of("https://en.wikipedia.org/wiki/Raqqa") == "en"
    assert language_of("https://ar.m.wikipedia.org/wiki/x") == "ar"
    assert language_of("https://zh-yue.wikipedia.org/wiki/x") == "zh-yue"
    assert language_of("https://www.wikipedia.org/") is None
    assert language_of("https://example.org/en.wikipedia.org/") is None
    assert language_of(None) is None
