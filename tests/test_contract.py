"""The JSON field contract scripts rely on, and the structure of every export."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

import pytest
from documented import (
    ACTOR_KEYS,
    CASUALTY_KEYS,
    CASUALTY_ROW_KEYS,
    CONTROL_KEYS,
    DATASET_COLUMNS,
    DATED_BY_KEYS,
    DISPUTE_CLAIM_KEYS,
    DISPUTE_EVENT_KEYS,
    DISPUTE_KEYS,
    DISPUTE_ROW_KEYS,
    EVENT_CONTRACT,
    PLACE_KEYS,
    SOURCE_KEYS,
)

from conftest import Run


@pytest.fixture(scope="module")
def all_events() -> list[dict[str, Any]]:
    from eastsyria.cli import entry

    buffer = io.StringIO()
    import contextlib

    with contextlib.redirect_stdout(buffer):
        assert entry.run(["events", "--format", "json"]) == 0
    found: list[dict[str, Any]] = json.loads(buffer.getvalue())
    return found


def test_every_event_has_the_contract_fields_in_order(all_events: list[dict[str, Any]]) -> None:
    for event in all_events:
        assert list(event)[: len(EVENT_CONTRACT)] == list(EVENT_CONTRACT)
        for name, kind in EVENT_CONTRACT.items():
            assert isinstance(event[name], kind), (event["id"], name)
        assert dt.date.fromisoformat(event["start"]) <= dt.date.fromisoformat(event["end"])
        assert (event["precision"] == "day") == (event["start"] == event["end"]) or event[
            "precision"
        ] != "day"
        assert event["places"]
        assert event["sources"]
        for place in event["places"]:
            assert list(place) == PLACE_KEYS
            assert isinstance(place["lat"], float)
            assert isinstance(place["lon"], float)
        for actor in event["actors"]:
            assert list(actor) == ACTOR_KEYS
        for change in event["control"]:
            assert list(change) == CONTROL_KEYS
        for source in event["sources"]:
            assert list(source) == SOURCE_KEYS
        for claim in event["casualties"]:
            assert list(claim) == CASUALTY_KEYS
            assert isinstance(claim["count"], int)
            assert list(claim["source"]) == SOURCE_KEYS
        for dispute in event["disputes"]:
            assert list(dispute) == ["id", "topic"]


def test_json_is_plain_json_even_on_a_terminal(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    out = run("events", "--limit", "2", "--format", "json").out
    assert "\x1b" not in out
    assert json.loads(out)


def test_fields_keeps_only_those_fields_in_that_order(run: Run) -> None:
    result = run("events", "--limit", "2", "--format", "json", "--fields", "title,id,start")
    assert [list(e) for e in result.json()] == [["title", "id", "start"]] * 2
    jsonl = run("events", "--limit", "2", "--format", "jsonl", "--fields", "id,end")
    assert [list(json.loads(line)) for line in jsonl.out.splitlines()] == [["id", "end"]] * 2


def test_jsonl_is_one_event_object_per_line(run: Run, all_events: list[dict[str, Any]]) -> None:
    lines = run("events", "--format", "jsonl").out.splitlines()
    assert [json.loads(line) for line in lines] == all_events


def test_csv_has_a_header_and_joins_lists(run: Run, all_events: list[dict[str, Any]]) -> None:
    out = run("events", "--format", "csv").out
    rows = list(csv.DictReader(io.StringIO(out)))
    # `dataset_fields` is a column for each kept column of an imported row.
    at = list(EVENT_CONTRACT).index("dataset_fields")
    header = [*list(EVENT_CONTRACT)[:at], *DATASET_COLUMNS, *list(EVENT_CONTRACT)[at + 1 :]]
    assert list(rows[0]) == header
    assert len(rows) == len(all_events)
    by_id = {row["id"]: row for row in rows}
    sample = next(e for e in all_events if len(e["places"]) > 1)
    assert by_id[sample["id"]]["places"] == "; ".join(p["name"] for p in sample["places"])
    sources = by_id[sample["id"]]["sources"].split("; ")
    # Each cited section as its label and its link, as a URL is set in plain text.
    assert sources == [
        f"{s['article_title']} › {s['section_title']} <{s['url']}>" for s in sample["sources"]
    ]


def test_markdown_is_a_table(run: Run, all_events: list[dict[str, Any]]) -> None:
    lines = run("events", "--format", "markdown").out.splitlines()
    assert lines[0] == "| date | title | places | actors | type | sources |"
    assert lines[1] == "| --- | --- | --- | --- | --- | --- |"
    assert len(lines) == 2 + len(all_events)
    assert all(line.startswith("| ") and line.endswith(" |") for line in lines)


def test_geojson_is_an_rfc7946_feature_collection(
    run: Run, all_events: list[dict[str, Any]]
) -> None:
    collection = run("events", "--format", "geojson").json()
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert len(features) == sum(len(e["places"]) for e in all_events)
    for feature in features:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        # [lon, lat]: everything here lies in Syria or Iraq, where lon > lat.
        assert 35 <= lon <= 43, feature["id"]
        assert 32 <= lat <= 37.5, feature["id"]
        assert feature["properties"]["place_id"] in feature["id"]
        assert {"id", "start", "end", "title", "sources"} <= set(feature["properties"])
    abu_kamal = next(f for f in features if f["properties"]["place_name"] == "Abu Kamal")
    assert abu_kamal["geometry"]["coordinates"] == pytest.approx([40.92, 34.45], abs=0.05)


def test_timelinejs_structure(run: Run, all_events: list[dict[str, Any]]) -> None:
    timeline = run("events", "--format", "timelinejs").json()
    assert set(timeline) == {"title", "events", "eras"}
    assert len(timeline["events"]) == len(all_events)
    by_id = {e["id"]: e for e in all_events}
    for entry in timeline["events"]:
        event = by_id[entry["unique_id"]]
        start = entry["start_date"]
        assert set(start) == {"year", "month", "day"}
        assert (
            dt.date(int(start["year"]), int(start["month"]), int(start["day"])).isoformat()
            == (event["start"])
        )
        assert entry["text"]["headline"]
        assert entry["text"]["text"].startswith("<p>")
        assert entry["group"] == event["campaign_name"]
        if event["precision"] != "day":
            assert entry["display_date"] == event["date"]
            if event["end"] != event["start"]:
                assert "end_date" in entry
    eras = timeline["eras"]
    assert {e["text"]["headline"] for e in eras} >= {"Eastern Syria campaign"}
    for era in eras:
        assert set(era["start_date"]) == {"year", "month", "day"}


def test_show_json_has_the_full_disputes(run: Run) -> None:
    detail = run("show", "abu-kamal-first-capture", "--format", "json").json()
    assert list(detail)[: len(EVENT_CONTRACT)] == list(EVENT_CONTRACT)
    assert detail["disputes"]
    claims = detail["disputes"][0]["claims"]
    assert len(claims) >= 2
    assert {c["source"]["article"] for c in claims} >= {"abu-kamal-offensive-2017"}


@pytest.mark.parametrize("command", ["places", "actors", "campaigns"])
def test_the_other_collections_in_every_format(run: Run, command: str) -> None:
    as_json = run(command, "--format", "json").json()
    assert as_json
    assert all("event_count" in row for row in as_json)
    rows = list(csv.DictReader(io.StringIO(run(command, "--format", "csv").out)))
    assert [r["id"] for r in rows] == [r["id"] for r in as_json]
    jsonl = [json.loads(line) for line in run(command, "--format", "jsonl").out.splitlines()]
    assert jsonl == as_json
    picked = run(command, "--format", "json", "--fields", "id,name").json()
    assert [list(r) for r in picked] == [["id", "name"]] * len(as_json)


# `control --on DATE` and `control --diff DATE1 DATE2` (issue 13), as the README documents.
CONTROL_ON_KEYS = [
    *("place", "place_name", "on", "holder", "holder_name", "side", "extent", "part"),
    *("split", "holders", "certainty", "reason", "since", "since_latest", "since_date"),
    *("event", "event_title", "pending", "may_pass_to", "disputes", "claimed", "lat", "lon"),
    "place_label",
    # Added in issue 24.
    *("basis", "since_known"),
]
CONTROL_DIFF_KEYS = [
    *("place", "place_name", "before_on", "after_on"),
    *("before_holder", "before_holder_name", "before_holders", "before_certainty"),
    *("before_reason", "after_holder", "after_holder_name", "after_holders"),
    *("after_certainty", "after_reason", "net_change", "changes", "lat", "lon"),
    "place_label",
]
CONTROL_STEP_KEYS = [
    *("event", "event_title", "date", "date_latest", "date_date", "when"),
    *("from", "from_name", "to", "to_name", "extent", "part"),
]


def test_control_on_and_diff_rows_have_their_contract_fields(run: Run) -> None:
    on = run("control", "--on", "2017-11-24", "--format", "json").json()
    assert all(list(row) == CONTROL_ON_KEYS for row in on)
    pending = [step for row in on for step in row["pending"]]
    assert pending
    assert all(list(step) == CONTROL_STEP_KEYS for step in pending)
    certainties = {"certain", "reported", "inferred", "possible", "contested", "unknown"}
    assert all(row["certainty"] in certainties for row in on)
    basis_keys = ["event", "status", "statement"]
    assert all(list(basis) == basis_keys for row in on for basis in row["basis"])
    diff = run("control", "--diff", "2017-11-01", "2017-11-30", "--format", "json").json()
    assert diff
    assert all(list(row) == CONTROL_DIFF_KEYS for row in diff)
    assert all(list(step) == CONTROL_STEP_KEYS for row in diff for step in row["changes"])


def test_disputes_have_the_documented_fields_in_order(run: Run) -> None:
    found = run("disputes", "--format", "json").json()
    assert found
    for dispute in found:
        assert list(dispute) == DISPUTE_KEYS
        for claim in dispute["claims"]:
            assert list(claim) == DISPUTE_CLAIM_KEYS
        for event in dispute["events"]:
            assert list(event) == DISPUTE_EVENT_KEYS
    rows = list(csv.DictReader(io.StringIO(run("disputes", "--format", "csv").out)))
    assert list(rows[0]) == DISPUTE_ROW_KEYS


def test_casualty_rows_have_the_documented_fields_in_order(run: Run) -> None:
    found = run("casualties", "--format", "json").json()
    assert found
    for row in found:
        assert list(row) == CASUALTY_ROW_KEYS
        assert row["scope"] in ("event", "campaign")
        assert isinstance(row["low"], int | None)
        assert isinstance(row["high"], int | None)
        assert isinstance(row["competing"], bool)
    header = run("casualties", "--format", "csv").out.splitlines()[0]
    assert header.split(",") == CASUALTY_ROW_KEYS


def test_each_articles_own_date_is_in_the_event_where_they_differ(
    all_events: list[dict[str, Any]], run: Run
) -> None:
    by_id = {event["id"]: event for event in all_events}
    # "managing to capture the strategic T-2 Pumping Station by 26 October" (campaign
    # article); "On 26 October, the Army and its allies captured the T-2 Pumping Station"
    # (offensive article).
    t2 = {d["article"]: d for d in by_id["t2-station-captured"]["dated_by"]}
    assert all(list(d) == DATED_BY_KEYS for d in t2.values())
    campaign, offensive = t2["eastern-syria-campaign"], t2["abu-kamal-offensive-2017"]
    assert (campaign["qualifier"], campaign["end"]) == ("by", "2017-10-26")
    assert campaign["start"] < "2017-10-26"
    assert (offensive["precision"], offensive["start"], offensive["end"]) == (
        "day",
        "2017-10-26",
        "2017-10-26",
    )
    # Events the articles date alike carry none.
    assert by_id["abu-kamal-second-capture"]["dated_by"] == []
    rows = csv.DictReader(io.StringIO(run("events", "--text", "T-2 Pumping", "-f", "csv").out))
    cell = next(row for row in rows if row["id"] == "t2-station-captured")["dated_by"]
    assert cell.startswith("eastern-syria-campaign: by 26 October 2017")
    assert "; abu-kamal-offensive-2017: 26 October 2017" in cell
