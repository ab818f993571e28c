"""Each command's machine formats on the small dataset, every expected value worked out by
hand from tests/data/mini.json:

- town-b-by: "by 20 October 2017" (1-20 October), Town B, the Army attacking; Town B passes
  from isil to government; at least 12 ISIL fighters killed.
- town-a-taken: 5 October 2017, Town A, the Brigade (a unit of the Army) attacking ISIL;
  Town A passes from isil to government.

Events sort by their earliest possible day, so town-b-by (1 October) comes first.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from documented import PERIOD_KEYS

from conftest import MINI, FakeEnvironment, Run
from eastsyria.cli import entry


@pytest.fixture(autouse=True)
def _mini(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EASTSYRIA_DATA", str(MINI))


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


ISIL_CLAIM = {
    "party": "isil",
    "party_name": "Islamic State",
    "kind": "killed",
    "count": 12,
    "count_max": None,
    "best": None,
    "qualifier": "at-least",
    "figure": "at least 12 killed",
    "claimed_by": None,
    "claimed_by_name": None,
    "period": None,
    "note": None,
    "source": {
        "article": "article-a",
        "section": "battle",
        "article_title": "Article A",
        "section_title": "The battle",
        "url": None,
        "article_url": None,
    },
    "subgroup": None,
    "claimant": "Article A (unattributed)",
}


def test_stats_json_counts_by_month_type_side_and_place(run: Run) -> None:
    result = run("stats", "--format", "json")
    assert result.status == 0
    assert result.json() == {
        "by": "month",
        "events": 2,
        "periods": [{"period": "2017-10", "count": 2}],
        "types": [{"type": "capture", "count": 2}],
        # town-a-taken has a government unit and ISIL; town-b-by the Army only.
        "sides": [
            {"side": "government", "side_name": "Government", "count": 2},
            {"side": "isil", "side_name": "Islamic State", "count": 1},
        ],
        "places": [
            {"place": "town-b", "place_name": "Town B", "count": 1, "place_label": "Town B"},
            {"place": "town-a", "place_name": "Town A", "count": 1, "place_label": "Town A"},
        ],
        "casualties": [
            {
                "party": "isil",
                "party_name": "Islamic State",
                "claims": [
                    {
                        **ISIL_CLAIM,
                        "event": "town-b-by",
                        "event_date": "by 20 October 2017",
                        "disputes": [],
                    }
                ],
            }
        ],
    }


def test_stats_by_week_labels_iso_weeks(run: Run) -> None:
    # 1 October 2017 is a Sunday (ISO week 39); 5 October a Thursday (week 40).
    periods = run("stats", "--by", "week", "--format", "json").json()["periods"]
    assert periods == [
        {"period": "2017-W39", "count": 1},
        {"period": "2017-W40", "count": 1},
    ]


def test_stats_json_of_nothing_is_an_empty_count(run: Run) -> None:
    result = run("stats", "--from", "2018", "--format", "json")
    assert result.status == 0
    stats = result.json()
    assert (stats["events"], stats["periods"], stats["types"], stats["casualties"]) == (
        0,
        [],
        [],
        [],
    )


def test_validate_json_of_a_valid_file_counts_its_collections(run: Run) -> None:
    result = run("validate", "--format", "json")
    assert result.status == 0
    assert result.json() == {
        "path": str(MINI),
        "valid": True,
        "counts": {
            "events": 2,
            "places": 3,
            "actors": 3,
            "campaigns": 1,
            "disputes": 0,
            "sources": 1,
        },
        "problems": [],
    }


def test_validate_json_of_an_invalid_file_lists_each_problem_and_exits_2(
    run: Run, write_data: Callable[..., Path]
) -> None:
    def break_it(document: dict[str, Any]) -> None:
        document["events"][0]["campaign"] = "nowhere"
        document["actors"][0]["side"] = "martians"

    path = write_data(break_it)
    result = run("validate", str(path), "--format", "json")
    assert result.status == 2
    assert result.json() == {
        "path": str(path),
        "valid": False,
        "counts": None,
        "problems": [
            {"location": "actors[0].side", "message": "unknown side 'martians'"},
            {"location": "events[0].campaign", "message": "unknown campaign 'nowhere'"},
        ],
    }
    assert result.err == f"eastsyria: error: {path}: 2 problems\n"


def test_validate_text_lists_problems_on_stderr_only(
    run: Run, write_data: Callable[..., Path]
) -> None:
    path = write_data(lambda d: d["events"][0].update(campaign="nowhere"))
    result = run("validate", str(path))
    assert result.status == 2
    assert result.out == ""
    assert result.err.splitlines() == [
        f"{path}: events[0].campaign: unknown campaign 'nowhere'",
        f"eastsyria: error: {path}: 1 problem",
    ]


def test_control_of_a_place_as_csv_is_one_row_per_period(run: Run) -> None:
    result = run("control", "Al-Town", "--format", "csv")
    assert result.status == 0
    assert rows(result.out) == [
        PERIOD_KEYS,
        # Held by ISIL when it fell (the data gives no starting holder): since when, unknown.
        [
            "isil",
            "Islamic State",
            "isil",
            "full",
            "",
            "",
            "",
            "2017-10-05",
            "2017-10-05",
            "5 October 2017",
            "",
            "",
            "",
            # part, split, holders, status, claimed_by, claimed_by_name
            "",
            "false",
            "Islamic State",
            "",
            "",
            "",
            # certainty, basis, start_known, from_part
            "held-when-changed",
            "stated (town-a-taken)",
            "false",
            "",
        ],
        [
            "government",
            "Government",
            "government",
            "full",
            "2017-10-05",
            "2017-10-05",
            "5 October 2017",
            "",
            "",
            "",
            "town-a-taken",
            "Army takes Town A",
            "",
            "",
            "false",
            "Government",
            "stated",
            "",
            "",
            "certain",
            "stated (town-a-taken)",
            "true",
            "",
        ],
    ]


def test_control_of_a_place_as_json_and_jsonl_agree(run: Run) -> None:
    document = run("control", "town-b", "--format", "json").json()
    assert document["place"] == {
        "id": "town-b",
        "name": "Town B",
        "kind": "town",
        "lat": 35.1,
        "lon": 40.1,
        "label": "Town B",
    }
    periods = document["periods"]
    assert [list(p) for p in periods] == [PERIOD_KEYS, PERIOD_KEYS]
    # "by 20 October": the change may have come any day from 1 to 20 October.
    assert (periods[1]["start"], periods[1]["start_latest"]) == ("2017-10-01", "2017-10-20")
    lines = run("control", "town-b", "--format", "jsonl").out.splitlines()
    assert [json.loads(line) for line in lines] == periods


def test_control_summary_as_csv_lists_every_place_that_changed_hands(run: Run) -> None:
    assert rows(run("control", "--format", "csv").out) == [
        [
            "place",
            "place_name",
            "changes",
            "last_holder",
            "last_holder_name",
            "last_extent",
            "since",
            "since_date",
            "event",
            "place_label",
        ],
        [
            "town-a",
            "Town A",
            "1",
            "government",
            "Government",
            "full",
            "2017-10-05",
            "5 October 2017",
            "town-a-taken",
            "Town A",
        ],
        [
            "town-b",
            "Town B",
            "1",
            "government",
            "Government",
            "full",
            "2017-10-01",
            "by 20 October 2017",
            "town-b-by",
            "Town B",
        ],
    ]


def test_a_place_that_never_changed_hands_is_said_so_in_every_format(run: Run) -> None:
    for fmt in ("table", "json", "csv"):
        result = run("control", "Syria", "--format", fmt)
        assert result.status == 0
        assert result.err == "Syria did not change hands in the data\n"


def test_events_csv_cells_read_as_the_show_screen_does(run: Run) -> None:
    out = run("events", "--format", "csv", "--fields", "id,control,casualties,actors").out
    assert rows(out) == [
        ["id", "control", "casualties", "actors"],
        [
            "town-b-by",
            "Town B: Islamic State → Government",
            "Islamic State: at least 12 killed [Article A › The battle]",
            "Army (attacker)",
        ],
        [
            "town-a-taken",
            "Town A: Islamic State → Government",
            "",
            "Brigade (attacker); ISIL (defender)",
        ],
    ]
    show = run("show", "town-b-by").out
    assert "Town B: Islamic State → Government" in show
    assert "Islamic State: at least 12 killed [Article A › The battle]" in show


def test_markdown_takes_the_brief_fields_unless_asked(run: Run) -> None:
    lines = run("events", "--format", "markdown").out.splitlines()
    assert lines[0] == "| date | title | places | actors | type | sources |"
    assert lines[2] == (
        "| by 20 October 2017 | Town B falls | Town B | Army (attacker) | capture "
        "| Article A › The battle |"
    )
    picked = run("events", "--format", "markdown", "--fields", "id,start").out.splitlines()
    assert picked == [
        "| id | start |",
        "| --- | --- |",
        "| town-b-by | 2017-10-01 |",
        "| town-a-taken | 2017-10-05 |",
    ]


def test_commands_write_to_the_environment_they_are_given(
    capsys: pytest.CaptureFixture[str],
) -> None:
    env = FakeEnvironment(encoding="ascii")
    assert entry.run(["events", "--format", "json", "--fields", "id,date"], env) == 0
    assert entry.run(["events", "--place", "nowhere"], env) == 2
    # Nothing reached the process's own streams.
    assert capsys.readouterr() == ("", "")
    out = env.out.getvalue()
    assert '"date": "by 20 October 2017"' in out
    assert env.err.getvalue() == (
        "eastsyria: error: no place 'nowhere' in this dataset"
        " (3 places; list them with: eastsyria places)\n"
    )


def test_an_ascii_terminal_gets_ascii_marks(capsys: pytest.CaptureFixture[str]) -> None:
    env = FakeEnvironment(encoding="ascii")
    assert entry.run(["events"], env) == 0
    table = env.out.getvalue()
    assert table.isascii()
    # "≤ 20 Oct" with its mark made ASCII, one character for one; the rule too.
    assert "< 20 Oct" in table
    assert "-" * 40 in table
