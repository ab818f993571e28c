"""The documented JSON of `validate` and the lines of its verdict, built without the CLI."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from builders import SOURCE, actor, dataset, event, place

from eastsyria.contract.validate import validation_lines, validation_report
from eastsyria.errors import Problem


def dispute(dispute_id: str, *event_ids: str | None) -> dict[str, Any]:
    return {
        "id": dispute_id,
        "topic": f"Topic {dispute_id}",
        "summary": "The articles disagree.",
        "claims": [
            {"statement": "A claim.", "source": SOURCE, "claimant": None, "event": event_id}
            for event_id in event_ids
        ],
    }


def valid_record() -> Any:
    return dataset(
        events=[event("a", "2017-11-03"), event("b", "2017-11-04")],
        places=[place("town")],
        actors=[actor("army", "government"), actor("isil-fighters", "isil"), actor("x", "isil")],
        disputes=[dispute("toll", "a")],
    )


def test_a_valid_file_is_reported_with_its_counts_in_order() -> None:
    found = validation_report(Path("data/mine.json"), valid_record(), [])
    assert found == {
        "path": "data/mine.json",
        "valid": True,
        "counts": {
            "events": 2,
            "places": 1,
            "actors": 3,
            "campaigns": 1,
            "disputes": 1,
            "sources": 1,
        },
        "problems": [],
    }
    assert list(found) == ["path", "valid", "counts", "problems"]
    assert list(found["counts"]) == [
        "events",
        "places",
        "actors",
        "campaigns",
        "disputes",
        "sources",
    ]


def test_an_invalid_file_is_reported_with_every_problem_and_no_counts() -> None:
    problems = [
        Problem("$.events[0].date.earliest", "'2017-13-01' is not a date"),
        Problem("line 3, column 14", "Expecting ',' delimiter"),
    ]
    found = validation_report(Path("bad.json"), None, problems)
    assert found == {
        "path": "bad.json",
        "valid": False,
        "counts": None,
        "problems": [
            {"location": "$.events[0].date.earliest", "message": "'2017-13-01' is not a date"},
            {"location": "line 3, column 14", "message": "Expecting ',' delimiter"},
        ],
    }
    assert [list(problem) for problem in found["problems"]] == [["location", "message"]] * 2


def test_a_valid_file_reads_as_one_line_with_its_counts() -> None:
    report = validation_report(Path("data/mine.json"), valid_record(), [])
    assert validation_lines(report) == [
        "valid: data/mine.json: 2 events, 1 places, 3 actors, 1 campaigns, 1 disputes, 1 sources"
    ]


def test_an_invalid_file_reads_as_a_line_a_problem_each_with_the_path() -> None:
    report = validation_report(
        Path("bad.json"),
        None,
        [Problem("$.places[2].lat", "95 is more than 90"), Problem("$.events", "is empty")],
    )
    assert validation_lines(report) == [
        "bad.json: $.places[2].lat: 95 is more than 90",
        "bad.json: $.events: is empty",
    ]


def test_a_stores_events_are_counted_where_the_record_does_not_hold_them() -> None:
    record = {**valid_record(), "events": []}  # a store's record: its events are in SQLite
    found = validation_report(Path("big.db"), record, [], events=120_000)
    assert found["counts"] == {
        "events": 120_000,
        "places": 1,
        "actors": 3,
        "campaigns": 1,
        "disputes": 1,
        "sources": 1,
    }
    # An invalid file has no counts, whatever was counted.
    assert validation_report(Path("big.db"), None, [], events=7)["counts"] is None
