"""`eastsyria cite`: citations as their readers take them.

CSL-JSON is validated against the official CSL-JSON schema (vendored in tests/schemas), and
BibTeX is parsed back with a real BibTeX parser (bibtexparser 2). The expected links are the
issue's and the articles' own: the two article URLs, and each section's heading as its
anchor.
"""

from __future__ import annotations

import datetime as dt
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
# The day the tests say the sources were accessed (a run without --accessed says today).
ON = ("--accessed", "2026-12-07")


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
    result = run_process("cite", "abu-kamal-first-capture", *ON)
    assert result.returncode == 0
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[1] == (
        "“2017 Abu Kamal offensive”, section “First attack on the city”. Wikipedia (English). "
        "Accessed 7 December 2026. " + FIRST_ATTACK
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
    items = run("cite", "abu-kamal-first-capture", "--format", "csl-json", *ON).json()
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    jsonschema.validate(items, SCHEMA, cls=jsonschema.Draft7Validator)
    assert [item["URL"] for item in items] == FIRST_CAPTURE_LINKS
    first_attack = items[1]
    assert first_attack == {
        "id": "abu-kamal-offensive-2017:first-attack-on-the-city",
        "type": "entry-encyclopedia",
        "title": "2017 Abu Kamal offensive",
        # The work it is part of, not a publisher (which APA would print as the author).
        "container-title": "Wikipedia",
        "section": "First attack on the city",
        "URL": FIRST_ATTACK,
        "accessed": {"date-parts": [[2026, 12, 7]]},
        "language": "en",
    }


def test_the_schema_would_catch_a_broken_item() -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{"id": "x", "type": "wikipedia"}], SCHEMA)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{"id": "x", "type": "webpage", "url": "lowercase"}], SCHEMA)


def test_bibtex_parses_back_with_the_fields_and_links(run: Run) -> None:
    out = run("cite", "abu-kamal-first-capture", "--format", "bibtex", *ON).out
    entries = bibtex_entries(out)
    assert [entry.key for entry in entries] == [
        "eastern-syria-campaign:abu-kamal-offensive",
        "abu-kamal-offensive-2017:first-attack-on-the-city",
    ]
    assert {entry.entry_type for entry in entries} == {"online"}
    assert [entry.fields_dict["url"].value for entry in entries] == FIRST_CAPTURE_LINKS
    fields = {name: field.value for name, field in entries[1].fields_dict.items()}
    assert fields == {
        "title": "{2017 Abu Kamal offensive}",
        "organization": "Wikipedia",
        "note": "Section: First attack on the city",
        "url": FIRST_ATTACK,
        "urldate": "2026-12-07",
        "langid": "english",
    }


def test_ris_is_one_record_per_section(run: Run) -> None:
    out = run("cite", "abu-kamal-first-capture", "--format", "ris", *ON).out
    records = out.rstrip("\n").split("\n\n")
    assert len(records) == 2
    for record in records:
        lines = record.splitlines()
        assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in lines), lines
        assert lines[0] == "TY  - ENCYC"
        assert lines[-1].rstrip() == "ER  -"
    assert f"UR  - {FIRST_ATTACK}" in records[1].splitlines()
    assert "N1  - Section: First attack on the city" in records[1].splitlines()
    assert records[1].splitlines()[-4:-1] == [
        f"UR  - {FIRST_ATTACK}",
        "Y2  - 2026/12/07",
        "LA  - en",
    ]
    assert "T2  - Wikipedia" in records[1].splitlines()


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
    assert tex_to_text(entry.fields_dict["organization"].value) == flat
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
        "N1",
        "UR",
        "Y2",
        "ER",
    ]


def test_a_file_without_urls_is_cited_without_links(run: Run) -> None:
    from conftest import MINI

    items = run("--data", str(MINI), "cite", "town-b-by", "--format", "csl-json", *ON).json()
    jsonschema.validate(items, SCHEMA, cls=jsonschema.Draft7Validator)
    assert items == [
        {
            "id": "article-a:battle",
            "type": "webpage",
            "title": "Article A",
            "publisher": "Test",
            "section": "The battle",
            "accessed": {"date-parts": [[2026, 12, 7]]},
        }
    ]
    (entry,) = bibtex_entries(run("--data", str(MINI), "cite", "town-b-by", "-f", "bibtex").out)
    assert "url" not in entry.fields_dict
    assert run_process("--data", str(MINI), "cite", "town-b-by", *ON).stdout == (
        "“Article A”, section “The battle”. Test. Accessed 7 December 2026.\n"
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


# -- the access date -------------------------------------------------------------------------


def test_without_accessed_the_access_date_is_today_as_a_citation_manager_records_it(
    run: Run,
) -> None:
    before = dt.date.today()
    items = run("cite", "6xgm", "--format", "csl-json").json()
    after = dt.date.today()
    days = {tuple(item["accessed"]["date-parts"][0]) for item in items}
    assert days <= {(d.year, d.month, d.day) for d in (before, after)}
    assert len(days) == 1


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("2026-12-07", "2026-12-07"),
        ("7 December 2026", "2026-12-07"),
        ("Mar 1, 2025", "2025-03-01"),
    ],
)
def test_accessed_takes_a_day_as_the_other_dates_do(run: Run, typed: str, day: str) -> None:
    entry = bibtex_entries(run("cite", "6xgm", "-f", "bibtex", "--accessed", typed).out)[0]
    assert entry.fields_dict["urldate"].value == day


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2026-12", "--accessed '2026-12' is 2026-12-01 to 2026-12-31: give the one day"),
        ("31 February 2026", "cannot read date '31 February 2026': day is out of range"),
        ("yesterday", "cannot read date 'yesterday'"),
    ],
)
def test_a_bad_access_date_is_one_line_naming_it(run: Run, typed: str, message: str) -> None:
    result = run("cite", "6xgm", "--accessed", typed)
    assert result.status == 2
    assert result.out == ""
    assert len(result.err.splitlines()) == 1
    assert message in result.err


# -- imported data: the dataset, as its makers ask to be cited -------------------------------

SAMPLES = Path(__file__).parent / "samples"
RALEIGH = (
    "Raleigh, Clionadh, Andrew Linke, Håvard Hegre and Joakim Karlsen (2010). “Introducing "
    "ACLED: An Armed Conflict Location and Event Dataset.” Journal of Peace Research 47(5): "
    "651–660. https://doi.org/10.1177/0022343310378914"
)
SUNDBERG = (
    "Sundberg, Ralph and Erik Melander (2013). “Introducing the UCDP Georeferenced Event "
    "Dataset.” Journal of Peace Research 50(4): 523–532. "
    "https://doi.org/10.1177/0022343313484347"
)
DAVIES = (
    "Davies, Shawn, Therése Pettersson and Magnus Öberg (2023). “Organized violence "
    "1989–2022, and the return of conflict between states.” Journal of Peace Research 60(4): "
    "691–708. https://doi.org/10.1177/00223433231185169"
)


def imported(run: Run, tmp_path: Path, kind: str, *extra: str) -> Path:
    # A local name of the user's own: it must never reach a citation.
    local = tmp_path / f"my-{kind}-download-copy.csv"
    local.write_bytes((SAMPLES / f"{kind}-syria.csv").read_bytes())
    out = tmp_path / f"{kind}.json"
    result = run("import", kind, str(local), "-o", str(out), *extra)
    assert result.status == 0, result.err
    return out


def test_acled_events_cite_raleigh_2010_and_the_export_with_its_access_date(
    run: Run, tmp_path: Path
) -> None:
    data = imported(run, tmp_path, "acled")
    result = run_process("--data", str(data), "cite", "acled-syr1001", "acled-syr1002", *ON)
    assert result.stdout.splitlines() == [
        RALEIGH,
        "Armed Conflict Location & Event Data (ACLED). ACLED data export. "
        "Accessed 7 December 2026. https://acleddata.com/",
    ]


def test_ucdp_events_cite_the_ged_release_and_its_articles(run: Run, tmp_path: Path) -> None:
    data = imported(run, tmp_path, "ucdp", "--ged-version", "23.1")
    result = run_process("--data", str(data), "cite", "ucdp-190005", "ucdp-190004", *ON)
    assert result.stdout.splitlines() == [
        SUNDBERG,
        DAVIES,
        "Uppsala Conflict Data Program (UCDP) (2023). UCDP Georeferenced Event Dataset (GED) "
        "Global, version 23.1. Accessed 7 December 2026. https://ucdp.uu.se/downloads/",
    ]
    (dataset,) = [
        item
        for item in run("--data", str(data), "cite", "ucdp-190005", "-f", "csl-json", *ON).json()
        if item["type"] == "dataset"
    ]
    assert (dataset["version"], dataset["issued"]) == ("23.1", {"date-parts": [[2023]]})


def test_without_a_ged_version_none_is_named_or_guessed(run: Run, tmp_path: Path) -> None:
    data = imported(run, tmp_path, "ucdp")
    lines = run_process("--data", str(data), "cite", "ucdp-190005", *ON).stdout.splitlines()
    assert lines == [
        SUNDBERG,
        "Uppsala Conflict Data Program (UCDP). UCDP Georeferenced Event Dataset (GED) Global. "
        "Accessed 7 December 2026. https://ucdp.uu.se/downloads/",
    ]


@pytest.mark.parametrize("kind", ["acled", "ucdp"])
def test_an_imported_dataset_is_cited_in_every_format_never_by_the_local_file(
    run: Run, tmp_path: Path, kind: str
) -> None:
    data = imported(run, tmp_path, kind, *(["--ged-version", "23.1"] if kind == "ucdp" else []))
    first = run("--data", str(data), "events", "-f", "json").json()[0]["id"]
    outputs = {
        fmt: run("--data", str(data), "cite", first, "-f", fmt, *ON).out
        for fmt in ("text", "bibtex", "csl-json", "ris")
    }
    for fmt, out in outputs.items():
        assert "my-" not in out, fmt
        assert ".csv" not in out, fmt
    items = json.loads(outputs["csl-json"])
    jsonschema.validate(items, SCHEMA, cls=jsonschema.Draft7Validator)
    assert [item["type"] for item in items][-1] == "dataset"
    assert {"article-journal"} == {item["type"] for item in items[:-1]}
    entries = bibtex_entries(outputs["bibtex"])
    assert [entry.entry_type for entry in entries][-1] == "dataset"
    assert entries[-1].fields_dict["urldate"].value == "2026-12-07"
    assert {entry.entry_type for entry in entries[:-1]} == {"article"}
    ris = outputs["ris"].rstrip("\n").split("\n\n")
    assert [record.splitlines()[0] for record in ris][-1] == "TY  - DATA"
    assert "Y2  - 2026/12/07" in ris[-1].splitlines()


def test_a_curated_source_with_an_importers_name_and_link_is_cited_as_itself(
    run: Run, write_data: Callable[..., Path]
) -> None:
    # ACLED's name and link, but not a file `import` wrote (its source's id is the data's).
    path = write_data(
        lambda d: _source(
            d,
            publisher="Armed Conflict Location & Event Data (ACLED)",
            url="https://acleddata.com/",
        )
    )
    (item,) = run("--data", str(path), "cite", "town-b-by", "-f", "csl-json", *ON).json()
    assert item["id"] == "article-a:battle"
    assert item["type"] == "webpage"


@pytest.mark.parametrize(
    ("kind", "version", "message"),
    [
        ("acled", "23.1", "--ged-version is the release of a UCDP GED file, not of an ACLED"),
        ("ucdp", "23", "--ged-version '23' is not a UCDP GED version"),
        ("ucdp", "GEDEvent_v23_1.csv", "is not a UCDP GED version: give it as UCDP numbers it"),
    ],
)
def test_a_bad_ged_version_is_one_line(
    run: Run, tmp_path: Path, kind: str, version: str, message: str
) -> None:
    out = tmp_path / "out.json"
    result = run(
        "import", kind, str(SAMPLES / f"{kind}-syria.csv"), "-o", str(out), "--ged-version", version
    )
    assert result.status == 2
    assert len(result.err.splitlines()) == 1
    assert message in result.err
    assert not out.exists()


def test_a_hand_written_release_of_another_form_is_named_without_a_year(
    run: Run, tmp_path: Path
) -> None:
    data = imported(run, tmp_path, "ucdp")
    document = json.loads(data.read_text("utf-8"))
    document["sources"][0]["version"] = "the 2023 release"
    data.write_text(json.dumps(document), "utf-8")
    lines = run_process("--data", str(data), "cite", "ucdp-190005", *ON).stdout.splitlines()
    assert lines[-1] == (
        "Uppsala Conflict Data Program (UCDP). UCDP Georeferenced Event Dataset (GED) Global, "
        "version the 2023 release. Accessed 7 December 2026. https://ucdp.uu.se/downloads/"
    )
