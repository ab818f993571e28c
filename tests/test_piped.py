"""What a pipe gets: TSV lines a shell user can grep, sort and cut; tables only when asked."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from conftest import MINI, Run, run_process, subprocess_env


def test_piped_events_are_one_tab_separated_line_per_event() -> None:
    result = run_process("--data", str(MINI), "events")
    assert result.returncode == 0
    assert result.stderr == ""  # counts are for people at a terminal
    # start, end, id, title, places, actors, type, then where it is (place_id, place_name,
    # lat, lon, coord_precision_km): read off tests/data/mini.json.
    assert result.stdout.splitlines() == [
        "2017-10-01\t2017-10-20\ttown-b-by\tTown B falls\tTown B\tArmy (attacker)\tcapture"
        "\ttown-b\tTown B\t35.1\t40.1\t2.0",
        "2017-10-05\t2017-10-05\ttown-a-taken\tArmy takes Town A\tTown A\t"
        "Brigade (attacker); ISIL (defender)\tcapture\ttown-a\tTown A\t35.0\t40.0\t2.0",
    ]


def test_fields_choose_the_columns_of_a_piped_line() -> None:
    result = run_process("--data", str(MINI), "events", "--fields", "id,date")
    assert result.stdout == "town-b-by\tby 20 October 2017\ntown-a-taken\t5 October 2017\n"


def test_a_tab_or_line_break_in_the_data_cannot_break_a_line(
    run: Run, write_data: Callable[..., Path]
) -> None:
    def hostile(document: dict[str, Any]) -> None:
        for event in document["events"]:
            event["title"] = f"{event['id']}\tin two cells\nand two lines"

    path = write_data(hostile)
    out = run("--data", str(path), "events", "--format", "tsv", "--fields", "id,title").out
    assert out.splitlines() == [
        "town-b-by\ttown-b-by in two cells and two lines",
        "town-a-taken\ttown-a-taken in two cells and two lines",
    ]


def test_listings_and_control_are_tsv_on_a_pipe_too() -> None:
    places = run_process("--data", str(MINI), "places").stdout.splitlines()
    assert len(places) == 3
    assert all("\t" in line and line == line.rstrip() for line in places)
    control = run_process("--data", str(MINI), "control").stdout.splitlines()
    assert control
    assert all(line.count("\t") >= 3 for line in control)


def test_a_table_on_a_pipe_when_asked() -> None:
    asked = run_process("--data", str(MINI), "events", "--format", "table").stdout
    forced = run_process(
        "--data", str(MINI), "events", env=subprocess_env(EASTSYRIA_FORCE_TTY="1")
    ).stdout
    assert asked == forced
    assert asked.splitlines()[0].split() == ["2017", "Id", "Event", "Places", "Actors", "Type"]


def test_json_is_the_same_on_a_pipe_and_a_terminal(run: Run) -> None:
    piped = run_process("--data", str(MINI), "events", "--format", "json").stdout
    assert json.loads(piped) == run("--data", str(MINI), "events", "--format", "json").json()


def test_people_formats_stay_drawings_on_a_pipe() -> None:
    # show, stats and timeline draw for people; there is no row to cut out of them.
    shown = run_process("--data", str(MINI), "show", "town-b-by").stdout
    assert shown.startswith("Id ")
    timeline = run_process("--data", str(MINI), "timeline").stdout
    assert timeline.startswith("Campaigns ")


def test_timeline_writes_the_same_rows_as_events_in_every_format(run: Run) -> None:
    for fmt in ("json", "jsonl", "csv", "markdown"):
        timeline = run("--data", str(MINI), "timeline", "--format", fmt).out
        events = run("--data", str(MINI), "events", "--format", fmt).out
        assert timeline == events, fmt


def test_the_timeline_legend_names_only_what_is_shown(run: Run) -> None:
    out = run("timeline", "--campaign", "abu-kamal-offensive", "--side", "iraq").out
    legend = out.split("\n\n", 1)[0]
    assert "A 2017 Abu Kamal offensive" in legend
    assert "Eastern Syria campaign" not in legend  # no event of it in the result
    assert "2018 aftermath" not in legend
    assert "Iraqi forces" in legend
