"""`--source ARTICLE` on every command, and `compare`: each article's own telling.

The facts come from the two articles in /work/shared/sources/:
- campaign article: "managing to capture the strategic T-2 Pumping Station by 26 October";
  "Fighting in the surrounding countryside of Abu Kamal continued until 28 November. Between
  16 and 28 November 399 fighters on both sides were killed."; infobox "601+ killed".
- offensive article: "On 26 October, the Army and its allies captured the T-2 Pumping
  Station"; "Fighting in the surrounding countryside continued until 6 December. During the
  fighting between 15 November and 3 December 447 fighters on both sides were killed.";
  "That evening, pro-government sources reported Abu Kamal had been captured" (8 November,
  which the campaign article does not tell); infobox "376+ killed".
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from documented import COMPARE_KEYS

from conftest import MINI, Run

CAMPAIGN = "eastern-syria-campaign"
OFFENSIVE = "abu-kamal-offensive-2017"


def _events(run: Run, *args: str) -> dict[str, dict[str, Any]]:
    result = run("events", *args, "--format", "json")
    assert result.status == 0, result.err
    return {event["id"]: event for event in result.json()}


def test_campaign_article_at_abu_kamal_has_only_its_own_events(run: Run) -> None:
    told = _events(run, "--source", CAMPAIGN, "--place", "Abu Kamal")
    assert {"t2-station-captured", "abu-kamal-second-capture"} <= set(told)
    # Told only by the offensive article.
    assert "abu-kamal-capture-claimed" not in told
    assert "hiri-cross-border-raid" not in told
    for event in told.values():
        assert {s["article"] for s in event["sources"]} == {CAMPAIGN}, event["id"]


def test_each_article_ends_the_countryside_fighting_on_its_own_day(run: Run) -> None:
    campaign = _events(run, "--source", "campaign")["abu-kamal-countryside-fighting"]
    offensive = _events(run, "--source", "offensive")["abu-kamal-countryside-fighting"]
    assert campaign["end"] == "2017-11-28"
    assert offensive["end"] == "2017-12-06"
    assert "6 December" not in campaign["date"]
    # Both readings together, without --source.
    both = _events(run)["abu-kamal-countryside-fighting"]
    assert (both["start"], both["end"]) == ("2017-11-19", "2017-12-06")


def test_t2_is_taken_by_26_october_or_on_it(run: Run) -> None:
    # Together: the day, as the offensive article gives it; the campaign's "by" agrees.
    both = _events(run)["t2-station-captured"]
    assert (both["start"], both["end"], both["precision"]) == ("2017-10-26", "2017-10-26", "day")
    campaign = _events(run, "--source", CAMPAIGN)["t2-station-captured"]
    offensive = _events(run, "--source", OFFENSIVE)["t2-station-captured"]
    assert (campaign["start"], campaign["end"], campaign["qualifier"]) == (
        "2017-10-23",
        "2017-10-26",
        "by",
    )
    assert (offensive["start"], offensive["end"], offensive["qualifier"]) == (
        "2017-10-26",
        "2017-10-26",
        "on",
    )


def test_stats_under_one_source_has_only_its_figures(run: Run) -> None:
    for article, own, other in ((CAMPAIGN, 399, 447), (OFFENSIVE, 447, 399)):
        result = run("stats", "--source", article, "--format", "json")
        assert result.status == 0, result.err
        claims = [claim for group in result.json()["casualties"] for claim in group["claims"]]
        assert {claim["source"]["article"] for claim in claims} == {article}
        counts = [claim["count"] for claim in claims if claim["party"] == "all-fighters"]
        assert own in counts, (article, counts)
        assert other not in counts, (article, counts)


def test_campaign_figures_are_the_articles_own(run: Run) -> None:
    result = run("campaigns", "--source", "offensive", "--format", "json")
    campaigns = {c["id"]: c for c in result.json()}
    figures = [c["figure"] for c in campaigns["abu-kamal-offensive"]["casualties"]]
    assert "at least 376 killed" in figures
    # 601+ is the campaign article's infobox: not told by the offensive article.
    assert campaigns["eastern-syria-campaign"]["casualties"] == []
    assert "central-syria-campaign-2017" not in campaigns


def test_a_disagreement_left_with_one_claim_is_dropped(run: Run) -> None:
    both = run("show", "abu-kamal-first-capture", "--format", "json").json()
    assert any(len(d["claims"]) == 3 for d in both["disputes"])
    offensive = run("show", "abu-kamal-first-capture", "--source", "offensive", "--format", "json")
    claims = [c for d in offensive.json()["disputes"] for c in d["claims"]]
    assert claims
    assert {c["source"]["article"] for c in claims} == {OFFENSIVE}
    campaign = run("show", "abu-kamal-first-capture", "--source", "campaign", "--format", "json")
    assert campaign.json()["disputes"] == []


@pytest.mark.parametrize(
    "command",
    [
        ["events"],
        ["timeline"],
        ["control", "Abu Kamal"],
        ["stats"],
        ["places"],
        ["actors"],
        ["campaigns"],
        ["cite", "abu-kamal-second-capture"],
        ["show", "abu-kamal-second-capture"],
    ],
)
def test_every_query_command_takes_source(run: Run, command: list[str]) -> None:
    result = run(*command, "--source", "Eastern Syria campaign")
    assert result.status == 0, result.err


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("ofensive", "did you mean 'abu-kamal-offensive-2017'?"),
        ("reuters", "choose from: eastern-syria-campaign, abu-kamal-offensive-2017"),
    ],
)
def test_an_unknown_article_is_one_line_and_exit_2(run: Run, typed: str, says: str) -> None:
    result = run("events", "--source", typed)
    assert result.status == 2
    assert result.out == ""
    assert len(result.err.strip().splitlines()) == 1
    assert repr(typed) in result.err
    assert says in result.err


def test_an_article_the_data_has_not_cited_for_an_event(run: Run) -> None:
    # The 8 November claim is the offensive article's alone.
    result = run("show", "abu-kamal-capture-claimed", "--source", "campaign")
    assert result.status == 2
    assert "abu-kamal-capture-claimed" in result.err


def test_resolve_article_by_start_word_title_and_ambiguity() -> None:
    from eastsyria.core.sources import resolve_article
    from eastsyria.errors import InputError

    sources = [
        {"id": "eastern-syria-campaign", "title": "Eastern Syria campaign"},
        {"id": "abu-kamal-offensive-2017", "title": "2017 Abu Kamal offensive"},
        {"id": "mayadin-offensive-2017", "title": "2017 Mayadin offensive"},
    ]
    assert resolve_article(sources, "2017 abu kamal offensive") == "abu-kamal-offensive-2017"
    assert resolve_article(sources, "abu") == "abu-kamal-offensive-2017"
    assert resolve_article(sources, "campaign") == "eastern-syria-campaign"
    assert resolve_article(sources, "Mayadin") == "mayadin-offensive-2017"
    with pytest.raises(InputError, match="could be any of"):
        resolve_article(sources, "offensive")


# -- the data: each article's own date ------------------------------------------------------------


def _mini_with(tmp_path: Path, dated_by: list[dict[str, Any]]) -> Path:
    doc = json.loads(MINI.read_text(encoding="utf-8"))
    doc["events"][0]["dated_by"] = dated_by
    path = tmp_path / "dated.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def _day(day: str) -> dict[str, str]:
    return {"earliest": day, "latest": day, "precision": "day", "qualifier": "on", "text": day}


@pytest.mark.parametrize(
    ("dated_by", "where", "says"),
    [
        (
            [{"article": "article-b", "date": _day("2017-10-05")}],
            "events[0].dated_by[0].article",
            "the event does not cite 'article-b'",
        ),
        (
            [{"article": "article-a", "date": _day("2017-10-06")}],
            "events[0].dated_by[0].date",
            "widen the event's date",
        ),
        (
            [
                {"article": "article-a", "date": _day("2017-10-05")},
                {"article": "article-a", "date": _day("2017-10-05")},
            ],
            "events[0].dated_by[1].article",
            "dates the event twice",
        ),
    ],
)
def test_validate_checks_each_articles_date(
    run: Run, tmp_path: Path, dated_by: list[dict[str, Any]], where: str, says: str
) -> None:
    result = run("validate", str(_mini_with(tmp_path, dated_by)), "--format", "json")
    assert result.status == 2
    problems = result.json()["problems"]
    assert any(p["location"] == where and says in p["message"] for p in problems), problems


def _span(earliest: str, latest: str, qualifier: str) -> dict[str, str]:
    return {
        "earliest": earliest,
        "latest": latest,
        "precision": "range",
        "qualifier": qualifier,
        "text": f"{qualifier} {latest}",
    }


def test_a_by_date_may_hold_the_day_the_event_is_narrowed_to(run: Run, tmp_path: Path) -> None:
    # The event is dated 5 October; the article's own "by 5 October" (from 1 October) holds it.
    by = [{"article": "article-a", "date": _span("2017-10-01", "2017-10-05", "by")}]
    result = run("validate", str(_mini_with(tmp_path, by)))
    assert result.status == 0, result.out + result.err
    # A span the thing lasted is no bound: the event's date must cover it.
    lasted = [{"article": "article-a", "date": _span("2017-10-01", "2017-10-05", "between")}]
    result = run("validate", str(_mini_with(tmp_path, lasted)), "--format", "json")
    assert result.status == 2
    assert [p["location"] for p in result.json()["problems"]] == ["events[0].dated_by[0].date"]
    # Nor may a bound end before the event's date.
    early = [{"article": "article-a", "date": _span("2017-10-01", "2017-10-04", "by")}]
    assert run("validate", str(_mini_with(tmp_path, early))).status == 2


def test_a_file_without_dated_by_is_still_valid(run: Run) -> None:
    assert "dated_by" not in MINI.read_text(encoding="utf-8")
    assert run("validate", str(MINI)).status == 0


def test_the_json_schema_has_dated_by(run: Run) -> None:
    schema = run("schema").json()
    assert "dated_by" in schema["$defs"]["Event"]["properties"]


# -- compare ---------------------------------------------------------------------------------


def _compare(run: Run, *args: str) -> list[dict[str, Any]]:
    result = run("compare", *args, "--format", "json")
    assert result.status == 0, result.err
    rows: list[dict[str, Any]] = result.json()
    return rows


def test_compare_lines_the_articles_up(run: Run) -> None:
    rows = _compare(run)
    only = {r["event"]: r for r in rows if r["kind"] == "only"}
    # "On 26 October, government forces managed to capture the Saqr island": campaign only.
    assert only["saqr-island-captured"]["first_says"] is not None
    assert only["saqr-island-captured"]["second_says"] is None
    assert only["abu-kamal-capture-claimed"]["first_says"] is None
    dated = {r["event"]: r for r in rows if r["kind"] == "date"}
    assert "28 November" in dated["abu-kamal-countryside-fighting"]["first_says"]
    assert "6 December" in dated["abu-kamal-countryside-fighting"]["second_says"]
    # "by 26 October" and "On 26 October": the same day, worded two ways, is no difference.
    assert set(dated) == {"countryside-fighters-killed", "abu-kamal-countryside-fighting"}
    figures = [r for r in rows if r["kind"] == "figure"]
    assert [(r["first_says"][:10], r["second_says"][:10]) for r in figures] == [
        ("399 killed", "447 killed")
    ]
    accounts = {r["dispute"] for r in rows if r["kind"] == "account"}
    assert {"october-28-counter-attack", "countryside-fighting-end"} <= accounts
    # A disagreement within one article is not a difference between the two.
    assert "mayadin-base-attack-losses" not in accounts
    # Grouped by kind, in this order.
    kinds = [r["kind"] for r in rows]
    assert kinds == sorted(kinds, key=["only", "date", "figure", "account"].index)


def test_compare_either_way_round(run: Run) -> None:
    forward = _compare(run, "campaign", "offensive")
    back = _compare(run, "offensive", "campaign")
    assert len(forward) == len(back)
    assert {r["first"] for r in back} == {OFFENSIVE}
    assert next(r for r in back if r["kind"] == "figure")["first_says"].startswith("447")


def test_compare_csv_is_flat_with_a_stable_header(run: Run) -> None:
    result = run("compare", "--format", "csv")
    reader = csv.DictReader(io.StringIO(result.out))
    assert reader.fieldnames == COMPARE_KEYS
    assert any(row["kind"] == "figure" for row in reader)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["campaign"], "compare takes two articles"),
        (["campaign", "eastern-syria-campaign"], "name two different ones"),
        (["campaign", "ofensive"], "did you mean"),
    ],
)
def test_compare_bad_articles(run: Run, args: list[str], says: str) -> None:
    result = run("compare", *args)
    assert result.status == 2
    assert says in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_compare_of_a_file_with_one_article(run: Run) -> None:
    result = run("--data", str(MINI), "compare")
    assert result.status == 2
    assert "only one article" in result.err


def test_compare_table_groups_the_differences(run: Run) -> None:
    result = run("compare", "--format", "table")
    assert result.status == 0
    for heading in (
        "Only in Eastern Syria campaign",
        "Only in 2017 Abu Kamal offensive",
        "Dated differently",
        "Different figures",
        "Told differently",
    ):
        assert heading in result.out


def test_an_event_the_article_does_not_tell_says_so(run: Run) -> None:
    # The evening claim of 8 November is the offensive article's alone; `dxif` is its code.
    for typed in ("abu-kamal-capture-claimed", "dxif"):
        result = run("show", typed, "--source", "campaign")
        assert result.status == 2
        assert "is not told by 'eastern-syria-campaign'" in result.err
        assert "leave out --source" in result.err


def test_compare_counts_its_articles_before_reading_them(run: Run) -> None:
    result = run("compare", "a", "b", "c")
    assert result.status == 2
    assert "compare takes two articles" in result.err
    assert "got 3" in result.err


# -- completion -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "offered"),
    [
        (("eastsyria", "events", "--source", ""), [CAMPAIGN, OFFENSIVE]),
        (("eastsyria", "timeline", "--source", "ea"), [CAMPAIGN]),
        (("eastsyria", "compare", "ab"), [OFFENSIVE]),
        (("eastsyria", "compare", CAMPAIGN, "ab"), [OFFENSIVE]),
    ],
)
def test_article_ids_complete_without_heavy_imports(
    words: tuple[str, ...], offered: list[str]
) -> None:
    from completion.test_protocol import HEAVY, bash_words, complete

    result = complete("bash", bash_words(*words), importtime=True)
    assert result.stdout.splitlines() == offered
    imported = {
        row.split("|")[-1].strip().split(".")[0]
        for row in result.stderr.splitlines()
        if row.startswith("import time:")
    }
    assert imported
    assert not imported & set(HEAVY)


def test_compare_on_a_narrow_terminal_labels_the_articles_by_a_word(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    result = run("compare", "--format", "table")
    lines = result.out.splitlines()
    assert max(len(line) for line in lines) <= 40
    assert any(line.startswith("Campaign   399 killed") for line in lines)
    assert any(line.startswith("Offensive  447 killed") for line in lines)
