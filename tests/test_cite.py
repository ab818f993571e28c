"""`eastsyria cite`: citations as their readers take them.

CSL-JSON is validated against the official CSL-JSON schema (vendored in tests/schemas), and
BibTeX is parsed back with a real BibTeX parser (bibtexparser 2). The expected links are the
issue's and the articles' own: the two article URLs, and each section's heading as its
anchor.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import bibtexparser
import jsonschema
import pytest

from conftest import Run, run_process

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "csl-data.json").read_text("utf-8"))
CAMPAIGN_URL = "https://en.wikipedia.org/wiki/Eastern_Syria_campaign"
OFFENSIVE_URL = "https://en.wikipedia.org/wiki/2017_Abu_Kamal_offensive"
FIRST_ATTACK = f"{OFFENSIVE_URL}#First_attack_on_the_city"
# abu-kamal-first-capture cites these two sections, and so do the claims of its dispute.
FIRST_CAPTURE_LINKS = [f"{CAMPAIGN_URL}#Abu_Kamal_offensive", FIRST_ATTACK]


def bibtex_entries(text: str) -> list[Any]:
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    # Real BibTeX counts every brace, escaped or not: each entry's must balance.
    for block in re.split(r"\n(?=@)", text.strip()):
        depth = 0
        for char in block:
            depth += {"{": 1, "}": -1}.get(char, 0)
            assert depth >= 0, block
        assert depth == 0, block
    return list(library.entries)


def tex_to_text(value: str) -> str:
    """A BibTeX field value as a reader sees it once TeX has set it."""
    from pylatexenc.latex2text import (
        LatexNodes2Text,
        MacroTextSpec,
        get_default_latex_context_db,
    )

    context = get_default_latex_context_db()
    symbols = {
        "textbraceleft": "{",
        "textbraceright": "}",
        "textbackslash": "\\",
        "textasciicircum": "^",
        "textasciitilde": "~",
    }
    context.add_context_category(
        "text-symbols",
        prepend=True,
        macros=[MacroTextSpec(name, text) for name, text in symbols.items()],
    )
    return str(LatexNodes2Text(latex_context=context, math_mode="verbatim").latex_to_text(value))


def test_text_is_a_citation_a_line_with_the_link_to_the_section() -> None:
    result = run_process("cite", "abu-kamal-first-capture")
    assert result.returncode == 0
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[1] == (
        "“2017 Abu Kamal offensive”, section “First attack on the city”. Wikipedia (English). "
        + FIRST_ATTACK
    )
    assert [line.rsplit(" ", 1)[1] for line in lines] == FIRST_CAPTURE_LINKS


def test_on_a_terminal_the_text_wraps_and_keeps_each_link_whole_where_it_fits(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "90")
    out = run("cite", "abu-kamal-first-capture").out
    assert all(len(line) <= 90 for line in out.splitlines())
    assert FIRST_ATTACK in out.splitlines()


def test_a_prefix_is_accepted_and_each_section_is_cited_once(run: Run) -> None:
    by_id = run("cite", "abu-kamal-first-capture").out
    same_day = run("events", "--on", "2017-11-09", "--format", "json").json()
    assert run("cite", "abu-kamal-first-cap").out == by_id
    # The same event twice, and an event citing the same sections: nothing repeated.
    twice = run("cite", "abu-kamal-first-capture", "abu-kamal-first-capture").out
    assert twice == by_id
    together = run("cite", *[event["id"] for event in same_day]).out.splitlines()
    assert len(together) == len(set(together))
    assert set(by_id.splitlines()) <= set(together)


def test_a_short_code_is_accepted(run: Run) -> None:
    # The code the events table shows for abu-kamal-first-capture (README).
    assert run("cite", "6xgm").out == run("cite", "abu-kamal-first-capture").out


def test_csl_json_is_valid_csl_data_with_the_sections_and_links(run: Run) -> None:
    items = run("cite", "abu-kamal-first-capture", "--format", "csl-json").json()
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    jsonschema.validate(items, SCHEMA, cls=jsonschema.Draft7Validator)
    assert [item["URL"] for item in items] == FIRST_CAPTURE_LINKS
    first_attack = items[1]
    assert first_attack == {
        "id": "abu-kamal-offensive-2017:first-attack-on-the-city",
        "type": "entry-encyclopedia",
        "title": "2017 Abu Kamal offensive",
        "container-title": "Wikipedia",
        "publisher": "Wikipedia (English)",
        "section": "First attack on the city",
        "URL": FIRST_ATTACK,
    }


def test_the_schema_would_catch_a_broken_item() -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{"id": "x", "type": "wikipedia"}], SCHEMA)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{"id": "x", "type": "webpage", "url": "lowercase"}], SCHEMA)


def test_bibtex_parses_back_with_the_fields_and_links(run: Run) -> None:
    out = run("cite", "abu-kamal-first-capture", "--format", "bibtex").out
    entries = bibtex_entries(out)
    assert [entry.key for entry in entries] == [
        "eastern-syria-campaign:abu-kamal-offensive",
        "abu-kamal-offensive-2017:first-attack-on-the-city",
    ]
    assert {entry.entry_type for entry in entries} == {"misc"}
    assert [entry.fields_dict["url"].value for entry in entries] == FIRST_CAPTURE_LINKS
    fields = {name: field.value for name, field in entries[1].fields_dict.items()}
    assert fields == {
        "title": "{2017 Abu Kamal offensive}",
        "howpublished": "Wikipedia (English)",
        "note": "Section: First attack on the city",
        "url": FIRST_ATTACK,
    }


def test_ris_is_one_record_per_section(run: Run) -> None:
    out = run("cite", "abu-kamal-first-capture", "--format", "ris").out
    records = out.rstrip("\n").split("\n\n")
    assert len(records) == 2
    for record in records:
        lines = record.splitlines()
        assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in lines), lines
        assert lines[0] == "TY  - ENCYC"
        assert lines[-1].rstrip() == "ER  -"
    assert f"UR  - {FIRST_ATTACK}" in records[1].splitlines()
    assert "N1  - Section: First attack on the city" in records[1].splitlines()


def test_the_aftermath_section_link_percent_encodes_its_en_dash(run: Run) -> None:
    items = run("cite", "desert-pocket-offensive", "--format", "csl-json").json()
    assert items[0]["section"] == (
        "Aftermath – Continued ISIL attacks and operation to take the ISIL pocket"
    )
    assert items[0]["URL"] == (
        f"{CAMPAIGN_URL}#Aftermath_%E2%80%93_Continued_ISIL_attacks_and_operation_to_take_the_ISIL_pocket"
    )


def test_an_event_cites_its_casualty_claims_and_disputes_sources_too(run: Run) -> None:
    # The countryside death tolls: the campaign article gives one figure, the offensive
    # article another; both sections are cited.
    items = run("cite", "countryside-fighters-killed", "--format", "csl-json").json()
    assert {item["URL"] for item in items} >= {
        f"{CAMPAIGN_URL}#Western_bank_of_the_Euphrates_River",
        f"{OFFENSIVE_URL}#Second_attack_on_the_city",
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("cite", "abu-kamal-frist-capture"), "did you mean 'abu-kamal-first-capture'"),
        (("cite", "abu-kamal-first-capture", "nope"), "no event 'nope'"),
        (("cite", "abu"), "type more of it"),
        (("cite", "6xgm", "--format", "json"), "did you mean 'csl-json'?"),
        (("cite",), "Missing argument"),
    ],
)
def test_a_bad_id_or_format_is_one_line_with_the_fix(
    run: Run, args: tuple[str, ...], message: str
) -> None:
    result = run(*args)
    assert result.status == 2
    assert result.out == ""
    assert len(result.err.splitlines()) == 1
    assert message in result.err


# -- a data file of one's own ----------------------------------------------------------------

HOSTILE = 'A {b} c } \\d "e" 100% & $5 #1 a_b ^ ~ @misc{x,\nnew line ](javascript:x) | end'


def _source(document: dict[str, Any], **values: Any) -> None:
    document["sources"][0].update(values)


@pytest.fixture
def hostile(write_data: Callable[..., Path]) -> Path:
    def change(document: dict[str, Any]) -> None:
        _source(
            document,
            title=HOSTILE,
            publisher=HOSTILE,
            container=HOSTILE,
            url="https://example.org/wiki/Ünïcode_{page}",
        )
        document["sources"][0]["sections"][1].update(title=HOSTILE, anchor="Sec")

    return write_data(change)


def test_hostile_strings_cannot_break_bibtex(run: Run, hostile: Path) -> None:
    result = run("--data", str(hostile), "cite", "town-b-by", "--format", "bibtex")
    assert result.status == 0, result.err
    (entry,) = bibtex_entries(result.out)
    assert entry.key == "article-a:battle"
    flat = " ".join(HOSTILE.split())
    assert tex_to_text(entry.fields_dict["title"].value) == flat
    assert tex_to_text(entry.fields_dict["howpublished"].value) == flat
    assert tex_to_text(entry.fields_dict["note"].value) == f"Section: {flat}"
    # The link is ASCII: the non-ASCII letters and the braces percent-encoded.
    assert entry.fields_dict["url"].value == (
        "https://example.org/wiki/%C3%9Cn%C3%AFcode_%7Bpage%7D#Sec"
    )


def test_hostile_strings_cannot_break_csl_json_text_or_ris(run: Run, hostile: Path) -> None:
    items = run("--data", str(hostile), "cite", "town-b-by", "--format", "csl-json").json()
    jsonschema.validate(items, SCHEMA, cls=jsonschema.Draft7Validator)
    assert items[0]["title"] == HOSTILE
    text = run_process("--data", str(hostile), "cite", "town-b-by").stdout
    assert len(text.splitlines()) == 1
    ris = run("--data", str(hostile), "cite", "town-b-by", "--format", "ris").out
    assert [line[:2] for line in ris.splitlines()] == [
        "TY",
        "ID",
        "TI",
        "T2",
        "PB",
        "N1",
        "UR",
        "ER",
    ]


def test_a_file_without_urls_is_cited_without_links(run: Run) -> None:
    from conftest import MINI

    items = run("--data", str(MINI), "cite", "town-b-by", "--format", "csl-json").json()
    jsonschema.validate(items, SCHEMA, cls=jsonschema.Draft7Validator)
    assert items == [
        {
            "id": "article-a:battle",
            "type": "webpage",
            "title": "Article A",
            "publisher": "Test",
            "section": "The battle",
        }
    ]
    (entry,) = bibtex_entries(run("--data", str(MINI), "cite", "town-b-by", "-f", "bibtex").out)
    assert "url" not in entry.fields_dict
    assert run_process("--data", str(MINI), "cite", "town-b-by").stdout == (
        "“Article A”, section “The battle”. Test.\n"
    )


def test_control_characters_never_reach_the_terminal(
    run: Run, write_data: Callable[..., Path]
) -> None:
    path = write_data(lambda d: _source(d, title="Article\x1b]0;pwned\x07 A\x9b"))
    for fmt in ("text", "bibtex", "ris"):
        out = run("--data", str(path), "cite", "town-b-by", "--format", fmt).out
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", out), (fmt, out)
        # Shown, not acted on: the same visible stand-ins as everywhere (core.sanitise).
        assert "Article␛]0;pwned␇ A" in out
