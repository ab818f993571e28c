"""`casualties`: every figure as claimed, competing ones side by side and never added up, the
infoboxes' campaign totals apart; the figures read from the two articles."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from documented import CASUALTY_TOTAL_KEYS

from conftest import TESTS, Run, run_on_terminal

FORMATS = ("table", "tsv", "json", "jsonl", "csv", "markdown")


def figures(run: Run, *args: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = run("casualties", "--format", "json", *args).json()
    return found


def test_the_two_tolls_stand_side_by_side_in_one_group(run: Run) -> None:
    rows = [row for row in figures(run) if row["party"] == "all-fighters"]
    # Campaign article, "Western bank of the Euphrates River": 399 between 16 and 28
    # November; offensive article, "Second attack on the city": 447 from 15 November to
    # 3 December.
    assert [
        (r["low"], r["high"], r["period_start"], r["period_end"], r["article"]) for r in rows
    ] == [
        (399, 399, "2017-11-16", "2017-11-28", "eastern-syria-campaign"),
        (447, 447, "2017-11-15", "2017-12-03", "abu-kamal-offensive-2017"),
    ]
    assert rows[0]["group"] == rows[1]["group"]
    assert all(r["competing"] for r in rows)
    assert all(r["disputes"] == ["countryside-fighters-killed"] for r in rows)
    assert rows[0]["section"] == "western-bank-of-the-euphrates"
    assert rows[1]["section"] == "second-attack-on-the-city"


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_tolls_are_never_added_up_in_any_format(run: Run, fmt: str) -> None:
    out = run("casualties", "--format", fmt).out
    assert "399" in out
    assert "447" in out
    assert "846" not in out  # 399 + 447


def test_sohrs_russians_and_the_ministrys_soldiers_are_parts_of_the_35_not_rivals(
    run: Run,
) -> None:
    rows = [row for row in figures(run) if row["event"] == "mayadin-base-attack"]
    found = {(r["party"], r["subgroup"], r["low"], r["high"], r["claimant"]): r for r in rows}
    # SOHR: 35 pro-government dead, at least nine of them Russians (a nationality); the
    # Russian defence ministry: at least four Russian soldiers and 43 attackers.
    sohr = "Syrian Observatory for Human Rights"
    ministry = "Russian Ministry of Defence"
    whole = found["government", None, 35, 35, sohr]
    russians = found["government", "Russians", 9, None, sohr]
    soldiers = found["russian-armed-forces", None, 4, None, ministry]
    attackers = found["isil", None, 43, 43, ministry]
    assert len(rows) == 4
    # Four groups: nothing competes; the Russians and the soldiers are each a part of the 35.
    assert len({r["group"] for r in rows}) == 4
    assert not any(r["competing"] for r in rows)
    assert russians["part_of"] == soldiers["part_of"] == whole["group"]
    assert whole["part_of"] is None
    assert attackers["part_of"] is None


def test_every_figure_names_who_claims_it(run: Run) -> None:
    rows = figures(run)
    assert all(r["claimant"] for r in rows)
    by_event = {(r["event"], r["party"]): r["claimant"] for r in rows}
    # "ISIL had lost 42 fighters, while 27 soldiers were killed": the article's own words.
    assert by_event["abu-kamal-drive-first-48-hours", "isil"] == "Wikipedia article (unattributed)"
    assert by_event["desert-pocket-recapture-claimed", "isil"] == "Syrian Defence Ministry"


def test_figures_of_different_parties_do_not_compete(run: Run) -> None:
    # 48 hours from 23 October: 42 IS fighters and 27 soldiers killed (offensive article).
    rows = [r for r in figures(run) if r["event"] == "abu-kamal-drive-first-48-hours"]
    assert sorted((r["party"], r["low"]) for r in rows) == [("government", 27), ("isil", 42)]
    assert len({r["group"] for r in rows}) == 2
    assert not any(r["competing"] for r in rows)


def test_the_infobox_totals_come_apart_with_their_source(run: Run) -> None:
    totals = [r for r in figures(run) if r["scope"] == "campaign"]
    found = {(r["campaign"], r["party"]): (r["low"], r["high"], r["qualifier"]) for r in totals}
    assert found == {
        ("eastern-syria-campaign", "government"): (601, None, "at-least"),
        ("eastern-syria-campaign", "isil"): (985, None, "at-least"),
        ("eastern-syria-campaign", "civilians"): (987, 987, "exact"),
        ("abu-kamal-offensive", "government"): (376, None, "at-least"),
        ("abu-kamal-offensive", "isil"): (352, None, "at-least"),
        ("abu-kamal-offensive", "civilians"): (269, 269, "exact"),
    }
    for row in totals:
        assert row["section"] == "infobox"
        assert row["event"] is None
        assert row["group"] is None
    articles = {r["campaign"]: r["article"] for r in totals}
    assert articles == {
        "eastern-syria-campaign": "eastern-syria-campaign",
        "abu-kamal-offensive": "abu-kamal-offensive-2017",
    }
    # A total covers its campaign's dates: the campaign ran 14 September – 17 December 2017.
    campaign = next(r for r in totals if r["campaign"] == "eastern-syria-campaign")
    assert (campaign["period_start"], campaign["period_end"]) == ("2017-09-14", "2017-12-17")
    scopes = [r["scope"] for r in figures(run)]
    assert scopes == sorted(scopes, key=lambda s: s == "campaign")


def test_csv_low_and_high_are_numbers_a_spreadsheet_sorts(run: Run) -> None:
    rows = list(csv.DictReader(io.StringIO(run("casualties", "--format", "csv").out)))
    for row in rows:
        for name in ("low", "high"):
            assert row[name] == "" or row[name].isdigit(), row
    tolls = [row for row in rows if row["party"] == "all-fighters"]
    assert [(row["low"], row["high"]) for row in tolls] == [("399", "399"), ("447", "447")]
    assert tolls[0]["source_url"].endswith(
        "Eastern_Syria_campaign#Western_bank_of_the_Euphrates_River"
    )


def test_jsonl_is_a_figure_a_line(run: Run) -> None:
    lines = run("casualties", "--format", "jsonl").out.splitlines()
    assert [json.loads(line) for line in lines] == figures(run)


def test_the_filters_keep_the_figures_of_their_events_and_campaigns(run: Run) -> None:
    found = figures(run, "--campaign", "aftermath-2018")
    assert {r["event"] for r in found} == {
        "mayadin-base-attack",
        "desert-pocket-recapture-claimed",
        "isil-overruns-saa-lines",
    }
    # The 2018 aftermath's infobox gives no totals.
    assert all(r["scope"] == "event" for r in found)
    december = figures(run, "--place", "Abu Kamal", "--from", "2017-11-15", "--to", "2017-11-30")
    assert {r["low"] for r in december if r["scope"] == "event"} == {399, 447}
    # The offensive lies inside the campaign: both infoboxes' totals are given.
    assert {r["campaign"] for r in december if r["scope"] == "campaign"} == {
        "abu-kamal-offensive",
        "eastern-syria-campaign",
    }
    # The campaign's first day: no event reports a figure, the campaign's totals stand.
    first_day = figures(run, "--on", "2017-09-14")
    assert {(r["scope"], r["campaign"]) for r in first_day} == {
        ("campaign", "eastern-syria-campaign")
    }
    # The summer of 2017, in the Central Syria campaign: no figure at all.
    none = run("casualties", "--on", "2017-06")
    assert none.status == 0
    assert none.err == "no casualty figures match these filters\n"
    assert run("casualties", "--on", "2017-06", "-f", "json").json() == []
    bad = run("casualties", "--from", "2017-13")
    assert bad.status == 2
    assert len(bad.err.splitlines()) == 1
    assert "2017-13" in bad.err


def test_fields_choose_columns_and_refuse_unknown_ones(run: Run) -> None:
    out = run("casualties", "-f", "csv", "--fields", "party,low,high,article").out
    assert out.splitlines()[0] == "party,low,high,article"
    wrong = run("casualties", "-f", "csv", "--fields", "count")
    assert wrong.status == 2
    assert wrong.err.startswith("eastsyria: error: no field 'count'")


def test_the_table_marks_competing_figures_and_keeps_totals_apart() -> None:
    result = run_on_terminal("casualties")
    text = " ".join(result.out.split())
    assert (
        "Competing claims, not to be added: Fighters killed in the fighting around Abu Kamal"
        in text
    )
    competing = text.index("Competing claims, not to be added: Fighters killed")
    totals = text.index("Campaign totals from the infoboxes")
    assert competing < text.index("399 killed") < text.index("447 killed") < totals
    assert text.index("at least 601 killed") > totals
    assert "846" not in text
    assert result.err == "18 figures, never added up\n"
    # A part says which whole it belongs to, and that it is not to be added to it.
    assert text.count("a part of Syrian government") == 2  # SOHR's Russians, the soldiers


@pytest.mark.parametrize("width", ["40", "80", "120", "200"])
def test_the_table_never_cuts_a_figure(width: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", width)
    out = run_on_terminal("casualties").out
    assert all(len(line) <= int(width) for line in out.splitlines())
    for figure in ("399 killed", "447 killed", "at least 9 killed", "at least 985 killed"):
        assert figure in out


def test_party_keeps_the_figures_of_a_side_an_actor_or_civilians(run: Run) -> None:
    isil = figures(run, "--party", "isil")
    # 42 (first 48 hours), 52 (6–17 December), 43 (Mayadin base, the ministry), at least 50
    # (the June 2018 claim); the infoboxes: at least 985 and at least 352.
    assert [r["low"] for r in isil] == [42, 52, 43, 50, 985, 352]
    # A side takes in its actors: the Russian armed forces died on the government's side.
    government = {(r["party"], r["low"]) for r in figures(run, "--party", "government")}
    assert {("russian-armed-forces", 4), ("government", 9), ("government", 35)} <= government
    # SOHR's nine Russians are a nationality among the pro-government dead, not the
    # Russian armed forces: only the ministry's soldiers are theirs.
    russians = figures(run, "--party", "Russian Armed Forces")
    assert [(r["low"], r["claimed_by"]) for r in russians] == [(4, "russian-ministry-of-defence")]
    assert not any(r["competing"] for r in russians)
    civilians = figures(run, "--party", "civilians")
    assert [(r["campaign"], r["low"]) for r in civilians] == [
        ("eastern-syria-campaign", 987),
        ("abu-kamal-offensive", 269),
    ]
    both = figures(run, "--party", "civilians", "--party", "all-fighters")
    assert sorted(r["low"] for r in both) == [269, 399, 447, 987]


def test_an_unknown_party_is_one_line_with_the_fix(run: Run) -> None:
    result = run("casualties", "--party", "civilans")
    assert result.status == 2
    assert result.out == ""
    assert result.err.startswith("eastsyria: error: no party 'civilans'; did you mean 'civilians'?")
    assert len(result.err.splitlines()) == 1


def test_party_completes_sides_parties_and_actors() -> None:
    from completion.test_protocol import bash_words, complete

    offered = complete("bash", bash_words("eastsyria", "casualties", "--party", "is")).stdout
    assert offered.splitlines()[0] == "isil"
    assert "isIL" not in offered.splitlines()
    offered = complete("bash", bash_words("eastsyria", "casualties", "--party", "civ")).stdout
    assert offered.splitlines() == ["civilians"]


def test_a_misspelt_party_is_matched_against_aliases_too(run: Run) -> None:
    # 'isl' is a start of the actor ISIL's alias "Islamic State", not of any actor's name.
    result = run("casualties", "--party", "isl")
    assert result.status == 2
    assert "did you mean 'ISIL'" in result.err


# -- imported ACLED and UCDP rows, and --total ----------------------------------------------

SAMPLES = TESTS / "samples"


def imported(run: Run, kind: str, sample: Path, tmp_path: Path) -> Path:
    out = tmp_path / f"{kind}.json"
    result = run("import", kind, str(sample), "-o", str(out))
    assert result.status == 0, result.err
    return out


def totals(run: Run, data: Path | None, *args: str) -> list[dict[str, Any]]:
    head = ("--data", str(data)) if data else ()
    result = run(*head, "casualties", "--total", "--format", "json", *args)
    assert result.status == 0, result.err
    found: list[dict[str, Any]] = result.json()
    return found


def test_acled_rows_are_separate_events_that_add_up(run: Run, tmp_path: Path) -> None:
    # The sample, with one more row: a clash at Abu Kamal on 8 November, 7 killed, the day
    # before SYR1001's (9 November, 12 killed). Two rows, two events: they add up.
    lines = (SAMPLES / "acled-syria.csv").read_text(encoding="utf-8").splitlines()
    first = next(line for line in lines if line.startswith("SYR1001,"))
    extra = first.replace("SYR1001,2017-11-09", "SYR1010,2017-11-08").replace(
        ",12,,1700000000", ",7,,1700000000"
    )
    sample = tmp_path / "acled.csv"
    sample.write_text("\n".join([*lines, extra]) + "\n", encoding="utf-8")
    data = imported(run, "acled", sample, tmp_path)
    rows = run("--data", str(data), "casualties", "--format", "json").json()
    # Each figure names its claimant: the row's `source` column.
    claimants = {r["event"]: r["claimant"] for r in rows}
    assert claimants["acled-syr1001"] == "SOHR; SANA"
    assert claimants["acled-syr1005"] == "Euphrates Post"
    assert claimants["acled-syr1010"] == "SOHR; SANA"
    assert not any(r["competing"] for r in rows)
    assert len({r["group"] for r in rows}) == len(rows)
    found = {(t["place_name"], t["period"]): (t["low"], t["high"]) for t in totals(run, data)}
    # "At least" 12 and "at least" 7 at Abu Kamal in November: at least 19, no most.
    assert found["Abu Kamal", "Nov 2017"] == (19, None)
    assert found["Deir ez Zor", "Nov 2017"] == (3, None)
    every = totals(run, data, "--all-places")
    november = next(t for t in every if t["period"] == "Nov 2017")
    # 12 + 7 (Abu Kamal) + 5 (Şeddadê) + 3 (Deir ez Zor); the Hajin strike gives no figure.
    assert (november["low"], november["high"], november["place"]) == (27, None, None)
    assert november["total"] == "at least 27 killed"
    assert november["figures"] == 4
    assert november["competing"] == november["parts"] == 0


def test_a_ucdp_rows_parts_are_never_added_to_its_total(run: Run, tmp_path: Path) -> None:
    data = imported(run, "ucdp", SAMPLES / "ucdp-syria.csv", tmp_path)
    rows = run("--data", str(data), "casualties", "--format", "json").json()
    row = [r for r in rows if r["event"] == "ucdp-190001"]
    whole = next(r for r in row if r["party"] == "all")
    parts = [r for r in row if r["party"] != "all"]
    # Low 20, best 26, high 40; deaths_a 4, deaths_b 20, 2 civilians: parts of the 20-40.
    assert (whole["low"], whole["high"], whole["part_of"]) == (20, 40, None)
    assert sorted(r["low"] for r in parts) == [2, 4, 20]
    assert all(r["part_of"] == whole["group"] for r in parts)
    assert not any(r["competing"] for r in rows)
    # Every figure names its claimant: the row's source_office.
    assert {r["claimant"] for r in row} == {"AFP"}
    assert {r["claimant"] for r in rows if r["event"] == "ucdp-190002"} == {"SOHR"}
    by_place = {(t["place_name"], t["period"]): t for t in totals(run, data)}
    abu_kamal = by_place["Abu Kamal town", "Nov 2017"]
    assert (abu_kamal["low"], abu_kamal["high"]) == (20, 40)  # never 20 + 4 + 20 + 2
    assert (abu_kamal["figures"], abu_kamal["parts"]) == (4, 3)
    assert abu_kamal["claimants"] == ["AFP"]
    # A row dated only to 2017 is a period of its own, never put in a month.
    assert (by_place["Syria", "2017"]["low"], by_place["Syria", "2017"]["high"]) == (1, 1)
    # All places in November: Abu Kamal 20-40, Hajin 8-15, Şeddadê 6-9 (10-25 November),
    # the border airspace 3: separate rows, added.
    every = {t["period"]: t for t in totals(run, data, "--all-places")}
    assert (every["Nov 2017"]["low"], every["Nov 2017"]["high"]) == (37, 67)
    assert every["Nov 2017"]["total"] == "37–67 killed"
    assert len(every["Nov 2017"]["events"]) == 4
    # The year: November's, October's 5 at Mayadin and the year's 1.
    year = totals(run, data, "--all-places", "--per", "year")
    assert [(t["period"], t["low"], t["high"]) for t in year] == [("2017", 43, 73)]


def test_total_of_the_curated_figures(run: Run) -> None:
    found = totals(run, None)
    events = {(t["place"], t["period"]): t for t in found if t["scope"] == "event"}
    mayadin = events["mayadin", "May 2018"]
    # SOHR's 35 pro-government dead (the Russians and the ministry's soldiers inside them)
    # and the ministry's 43 attackers: 78, not 35 + 9 + 4 + 43.
    assert (mayadin["low"], mayadin["high"]) == (78, 78)
    assert (mayadin["figures"], mayadin["parts"]) == (4, 2)
    assert mayadin["claimants"] == [
        "Syrian Observatory for Human Rights",
        "Russian Ministry of Defence",
    ]
    # The two articles' tolls for the fighting around Abu Kamal: a range, never 846.
    tolls = next(t for t in found if t["events"] == ["countryside-fighters-killed"])
    assert (tolls["low"], tolls["high"], tolls["competing"]) == (399, 447, 2)
    assert tolls["period"] == "15 Nov – 3 Dec 2017"  # its days cross a month: its own period
    # The infoboxes' totals apart, each its own article's: never added to each other.
    campaigns = {t["campaign"]: t for t in found if t["scope"] == "campaign"}
    assert (
        campaigns["eastern-syria-campaign"]["low"],
        campaigns["eastern-syria-campaign"]["high"],
    ) == (
        601 + 985 + 987,
        None,
    )
    assert campaigns["abu-kamal-offensive"]["total"] == "at least 997 killed"
    assert all(t["place"] is None for t in campaigns.values())
    whole = [t for t in totals(run, None, "--all-places", "--per", "all") if t["scope"] == "event"]
    # 42 + 27, 399-447, 67 + 52, 78, at least 50, at least 25.
    assert [(t["low"], t["high"]) for t in whole] == [(69 + 399 + 119 + 78 + 50 + 25, None)]
    assert (whole[0]["period_start"], whole[0]["period_end"]) == ("2017-10-23", "2018-09-16")


@pytest.mark.parametrize("fmt", FORMATS)
def test_total_in_every_format(run: Run, fmt: str) -> None:
    result = run("casualties", "--total", "--format", fmt)
    assert result.status == 0
    assert "399" in result.out
    assert "447" in result.out
    assert "846" not in result.out


def test_total_csv_has_its_documented_fields_and_numbers(run: Run) -> None:
    rows = list(csv.DictReader(io.StringIO(run("casualties", "--total", "-f", "csv").out)))
    assert list(rows[0]) == CASUALTY_TOTAL_KEYS
    assert all(r["low"].isdigit() and (r["high"] == "" or r["high"].isdigit()) for r in rows)
    for row in run("casualties", "--total", "-f", "json").json():
        assert list(row) == CASUALTY_TOTAL_KEYS


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--per", "year"), "--per year is for the totals: add --total"),
        (("--all-places",), "--all-places is for the totals: add --total"),
        (("--total", "--per", "week"), "--per must be month, year, all, not 'week'"),
        (("--total", "--fields", "group"), "no field 'group'"),
    ],
)
def test_total_options_refuse_what_they_cannot_do(
    run: Run, args: tuple[str, ...], words: str
) -> None:
    result = run("casualties", *args)
    assert result.status == 2
    assert len(result.err.splitlines()) == 1
    assert words in result.err
