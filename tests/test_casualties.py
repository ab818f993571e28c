"""`casualties`: every figure as claimed, competing ones side by side and never added up, the
infoboxes' campaign totals apart; the figures read from the two articles."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from conftest import Run, run_on_terminal

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


def test_sohr_and_the_russian_ministry_compete_over_the_mayadin_base(run: Run) -> None:
    rows = [row for row in figures(run) if row["event"] == "mayadin-base-attack"]
    russians = [
        (r["low"], r["high"], r["claimed_by"]) for r in rows if r["party"] == "russian-armed-forces"
    ]
    # SOHR: at least nine Russians; the Russian defence ministry: no fewer than four.
    assert russians == [(9, None, "sohr"), (4, None, "russian-ministry-of-defence")]
    groups = {r["party"]: r["group"] for r in rows if r["party"] != "russian-armed-forces"}
    russian_groups = {r["group"] for r in rows if r["party"] == "russian-armed-forces"}
    assert len(russian_groups) == 1
    assert all(r["competing"] for r in rows if r["party"] == "russian-armed-forces")
    # SOHR's 35 pro-government dead and the ministry's 43 attackers are other losses: the
    # dispute does not make them alternatives to each other or to the Russian figures.
    assert len({*groups.values(), *russian_groups}) == 3
    assert not any(r["competing"] for r in rows if r["party"] != "russian-armed-forces")
    assert all(r["qualifier"] in ("exact", "at-least") for r in rows)


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
    assert {("russian-armed-forces", 9), ("russian-armed-forces", 4)} <= government
    assert ("pro-government-forces", 35) in government
    russians = figures(run, "--party", "Russian Armed Forces")
    assert [(r["low"], r["claimed_by"]) for r in russians] == [
        (9, "sohr"),
        (4, "russian-ministry-of-defence"),
    ]
    assert all(r["competing"] for r in russians)
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
    from test_completion import bash_words, complete

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
