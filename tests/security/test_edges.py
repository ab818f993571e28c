"""Issue 26, findings 5 and 6: terminals of any width, and days at the calendar's edges.

As found: a terminal narrower than 4 columns (`COLUMNS=3`, a 2-column pane) hung every
table command, its memory growing 35 MB a second (a word broken for a line of one column
was cut into pieces of no character); `map` grew without bound with the width (23 GB at
100,000 columns); COLUMNS or LINES of "²" was a traceback. Events on 0001-01-01 or
9999-12-31, in a valid data file, crashed `stats` (also `--by week`), the tables' dates,
`timeline --svg`, `control --svg`, `control --chart` and `report`; so did `control --chart
--on 9999-12-31` and `timeline --svg --from 0001-01-01 --to 9999-12-31` on the shipped data.

Now every screen is drawn for a width between a floor and a ceiling (`usable_width`), and
every step between days stops at the calendar's edge (`calendar.date_of`, `shifted`).
"""

from __future__ import annotations

import copy
import fcntl
import itertools
import json
import os
import pty
import re
import resource
import select
import struct
import subprocess
import sys
import termios
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import Result, Run, run_on_terminal, subprocess_env
from eastsyria.core.calendar import (
    UNITS,
    all_buckets,
    bucket,
    bucket_count,
    bucket_heading,
    whole_period,
)
from eastsyria.output.environment import (
    NARROWEST,
    PICTURE_WIDEST,
    WIDEST,
    Environment,
    picture_width,
    terminal_size,
    usable_width,
)
from eastsyria.output.formats import COMMAND_FORMATS
from eastsyria.output.layout import Cell, text_of, wrap
from eastsyria.output.pictures.timescale import Stretch, fit, fit_cut

PROGRAM = [sys.executable, "-m", "eastsyria"]
# Far above what any command needs (the shipped data runs in under 80 MB), far below what
# the hang reached before it was killed.
MEMORY_LIMIT = 512 * 1024 * 1024
# Seconds before a run counts as hung: no timing is asserted, a start on a busy machine
# takes a second or two.
HUNG = 60


def _limit_memory() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _bounded(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The real program under a memory limit and a deadline."""
    return subprocess.run(
        [*PROGRAM, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=subprocess_env(**env),
        preexec_fn=_limit_memory,
        timeout=HUNG,
        check=False,
    )


def _no_traceback(err: str) -> None:
    assert "Traceback" not in err, err
    assert "Error:" not in err, err


# -- finding 5: any width ----------------------------------------------------------------------

NARROW = (0, 1, 2, 3, 4)
HUGE = (100_000, 10**9)
# Every command that draws for a terminal (a table, or text wrapped to the width), with what
# makes each of its screens.
SCREENS: tuple[tuple[str, ...], ...] = (
    ("events",),
    ("events", "--limit", "1"),
    ("show", "abu-kamal-first-capture"),
    ("places",),
    ("actors",),
    ("campaigns",),
    ("control",),
    ("control", "abu-kamal"),
    ("control", "--chart"),
    ("control", "--on", "2017-11-01"),
    ("control", "--diff", "2017-11-01", "2017-11-30"),
    ("stats",),
    ("stats", "--by", "week"),
    ("timeline",),
    ("timeline", "--by", "week"),
    ("map",),
    ("map", "--on", "2017-11-01"),
    ("disputes",),
    ("casualties",),
    ("casualties", "--total"),
    ("compare",),
    ("cite", "abu-kamal-first-capture"),
    ("validate",),
    ("brief", "--place", "Abu Kamal", "--on", "2017-11-09"),
    ("reconcile", "--data", str(Path(__file__).parents[1] / "samples" / "acled-reconcile.json")),
)


def test_every_command_that_draws_for_a_terminal_is_drawn_at_odd_widths() -> None:
    drawn = {c for c, formats in COMMAND_FORMATS.items() if {"table", "text"} & set(formats)}
    assert drawn == {args[0] for args in SCREENS}


@pytest.mark.parametrize(
    ("columns", "width"),
    [
        (None, 80),
        (-5, NARROWEST),
        (0, NARROWEST),
        (1, NARROWEST),
        (NARROWEST - 1, NARROWEST),
        (NARROWEST, NARROWEST),
        (100, 100),
        (WIDEST, WIDEST),
        (10**9, WIDEST),
    ],
)
def test_the_usable_width_has_a_floor_and_a_ceiling(columns: int | None, width: int) -> None:
    assert usable_width(columns) == width
    assert picture_width(width) == min(width, PICTURE_WIDEST)
    if columns is not None:
        assert Environment(sys.stdout, sys.stderr, width=columns).width == width


@pytest.mark.parametrize(
    ("value", "read"),
    [
        ("120", 120),
        ("007", 7),
        ("0", None),
        ("", None),
        ("-5", None),
        ("junk", None),
        ("²", None),  # a digit to str.isdigit, not to int(): Rich's traceback
        ("١٢", None),  # Arabic-Indic digits: int() reads them, a terminal never writes them
        ("1e3", None),
        (" 12", None),
        ("9" * 5000, 10**9),  # past int()'s 4,300 digits
    ],
)
def test_columns_and_lines_are_read_without_failing(value: str, read: int | None) -> None:
    columns, lines = terminal_size({"COLUMNS": value, "LINES": value})
    if read is not None:
        assert (columns, lines) == (read, read)
    else:
        # Not read from the variable: the terminal's own size, or nothing (not a terminal).
        assert columns is None or columns > 0
        assert lines is None or lines > 0


def _screen(monkeypatch: pytest.MonkeyPatch, width: int, args: tuple[str, ...]) -> Result:
    monkeypatch.setenv("COLUMNS", str(width))
    return run_on_terminal(*args)


def cell_len(text: str) -> int:
    """The columns a terminal gives `text`, as Rich measures them (Rich is imported where it
    is used: the lint keeps it off every module's top level)."""
    from rich.cells import cell_len as columns

    return columns(text)


def _fits(out: str, width: int) -> list[str]:
    return [line for line in out.splitlines() if cell_len(line) > width]


@pytest.mark.parametrize("args", SCREENS, ids=" ".join)
def test_any_width_is_drawn_as_the_floor_or_the_ceiling(
    monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    floor = _screen(monkeypatch, NARROWEST, args)
    assert floor.status == 0, floor.err
    assert floor.out.strip()
    assert _fits(floor.out, NARROWEST) == []
    for width in NARROW:
        drawn = _screen(monkeypatch, width, args)
        assert (drawn.status, drawn.out, drawn.err) == (0, floor.out, floor.err), width
    ceiling = _screen(monkeypatch, WIDEST, args)
    assert ceiling.status == 0, ceiling.err
    assert _fits(ceiling.out, WIDEST) == []
    for width in HUGE:
        drawn = _screen(monkeypatch, width, args)
        assert (drawn.status, drawn.out) == (0, ceiling.out), width


@pytest.mark.parametrize("args", [("events",), ("control", "--chart"), ("map",)], ids=" ".join)
@pytest.mark.parametrize("width", [1, 10**9])
def test_a_table_forced_onto_a_pipe_is_bounded_too(
    run: Run, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], width: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    result = run(*args, "--format", "table")
    assert result.status == 0, result.err
    assert _fits(result.out, usable_width(width)) == []


def test_a_narrow_screen_still_says_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    # The event's title, where and who, a word or a name a line where they must break.
    out = _screen(monkeypatch, 1, ("events", "--limit", "1")).out
    assert " ".join(out.split()).startswith("summer 2017 · relief · e3gz Summer campaign lifts")
    assert "Deir ez-Zor" in out
    assert "Syrian Arab Army," in out


def test_the_map_is_no_wider_than_a_picture_may_be(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = _screen(monkeypatch, 10**9, ("map",)).out.splitlines()
    braille = [line for line in lines if re.search("[\u2801-\u28ff]", line)]
    assert braille
    assert max(cell_len(line) for line in braille) <= PICTURE_WIDEST
    assert len(lines) < PICTURE_WIDEST


@pytest.mark.parametrize("width", [1, 2, 3])
def test_a_word_wider_than_the_line_is_broken_into_pieces_that_fit(width: int) -> None:
    # Where a block is indented on a screen of the floor's width, or a caller asks for a
    # line of one column: each piece takes at least a character (it took none at 1).
    lines = wrap(Cell.words("deir-ez-zor/siege-lifted Abu"), width)
    pieces = [piece.text for line in lines for piece in line]
    assert "".join(pieces) == "deir-ez-zor/siege-liftedAbu"
    assert all(cell_len(text_of(line).plain) <= width for line in lines)


def _on_a_pty(args: list[str], columns: int) -> tuple[int, str]:
    """The program on a terminal `columns` wide (no COLUMNS: the terminal says its size), under
    the memory limit; its status and what the terminal showed."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    env = subprocess_env()
    env.pop("COLUMNS")
    env.pop("LINES", None)
    child = subprocess.Popen(
        [*PROGRAM, *args],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
        preexec_fn=_limit_memory,  # noqa: PLW1509 - only sets a limit
        close_fds=True,
    )
    os.close(follower)
    shown = b""
    deadline = time.monotonic() + HUNG
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 0.5)
            if not ready:
                continue
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the program ended and closed the terminal
                break
            if not chunk:
                break
            shown += chunk
        else:
            child.kill()
            pytest.fail(f"{args} hung on a {columns}-column terminal")
        status = child.wait(timeout=HUNG)
    finally:
        os.close(leader)
    return status, shown.decode("utf-8", "replace").replace("\r\n", "\n")


@pytest.mark.parametrize("args", [["events", "--limit", "1"], ["control", "--chart"]], ids=" ".join)
def test_a_two_column_terminal_gets_an_answer(args: list[str]) -> None:
    status, shown = _on_a_pty(args, 2)
    assert status == 0, shown
    _no_traceback(shown)
    assert shown.strip()
    assert _fits(re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]|\x1b\][^\x07]*\x07", "", shown), NARROWEST) == []


@pytest.mark.parametrize(
    ("columns", "args"),
    [
        ("3", ["events", "--limit", "1"]),
        ("0", ["timeline", "--limit", "3"]),
        ("-5", ["stats"]),
        ("²", ["events", "--limit", "1"]),
        ("9" * 5000, ["control", "--chart"]),
        ("100000", ["map"]),
        ("1000000000", ["casualties"]),
    ],
    ids=lambda value: value[:12] if isinstance(value, str) else " ".join(value),
)
def test_the_real_program_answers_at_any_columns(columns: str, args: list[str]) -> None:
    done = _bounded(*args, COLUMNS=columns, LINES=columns, EASTSYRIA_FORCE_TTY="1")
    assert done.returncode == 0, done.stderr
    _no_traceback(done.stderr)
    assert done.stdout.strip()
    assert _fits(done.stdout, WIDEST) == []


# -- finding 6: the calendar's edges ----------------------------------------------------------


def _span(first: str, last: str, precision: str, qualifier: str, text: str) -> dict[str, str]:
    return {
        "earliest": first,
        "latest": last,
        "precision": precision,
        "qualifier": qualifier,
        "text": text,
    }


FIRST_DAY = _span("0001-01-01", "0001-01-01", "day", "on", "1 January 1")
LAST_DAY = _span("9999-12-31", "9999-12-31", "day", "on", "31 December 9999")
_A = {"article": "article-a", "section": "battle"}
_B = {"article": "article-b", "section": "edges"}
# Every precision, and spans that touch an edge or run from one to the other.
EDGE_DATES = {
    "first-day": FIRST_DAY,
    "first-week": _span("0001-01-01", "0001-01-07", "range", "during", "the first week of 1"),
    "first-month-part": _span("0001-01-01", "0001-01-10", "month-part", "early", "early Jan 1"),
    "first-month": _span("0001-01-01", "0001-01-31", "month", "during", "January 1"),
    "first-year": _span("0001-01-01", "0001-12-31", "year", "during", "the year 1"),
    "all-time": _span("0001-01-01", "9999-12-31", "range", "between", "at some time"),
    "last-year": _span("9999-01-01", "9999-12-31", "year", "during", "9999"),
    "last-season": _span("9999-06-21", "9999-09-22", "season", "during", "summer 9999"),
    "last-month": _span("9999-12-01", "9999-12-31", "month", "during", "December 9999"),
    "last-month-part": _span("9999-12-21", "9999-12-31", "month-part", "late", "late Dec 9999"),
    "last-week": _span("9999-12-25", "9999-12-31", "range", "during", "the last week of 9999"),
    "last-around": _span("9999-12-30", "9999-12-31", "approximate", "around", "about then"),
    "last-by": _span("9999-12-01", "9999-12-31", "range", "by", "by 31 December 9999"),
    "last-day": LAST_DAY,
}
# Town Edge changes hands on the first day and back on the last, and the two articles
# dispute it: its holding runs from one end of the calendar to the other.
EDGE_CONTROL = {
    "first-day": [{"place": "town-edge", "from": "isil", "to": "government"}],
    "last-day": [{"place": "town-edge", "from": "government", "to": "isil"}],
}


def _killed(count: int, period: dict[str, str], source: dict[str, str]) -> dict[str, Any]:
    return {
        "party": "isil",
        "kind": "killed",
        "count": count,
        "qualifier": "exact",
        "period": period,
        "source": source,
    }


EDGE_CASUALTIES = {
    "first-day": [_killed(5, FIRST_DAY, _A), _killed(7, FIRST_DAY, _B)],
    "first-year": [_killed(3, EDGE_DATES["first-year"], _A)],
    "last-month": [_killed(9, EDGE_DATES["last-month"], _A)],
    "last-day": [_killed(11, LAST_DAY, _A), _killed(13, LAST_DAY, _B)],
}


def edge_document(mini: dict[str, Any], fillers: int = 0) -> dict[str, Any]:
    """The mini data file, a second article, and an event at the calendar's edges for every
    precision; `fillers` more events in 2017, to make a result too long to draw whole."""
    document = copy.deepcopy(mini)
    document["sources"].append(
        {
            "id": "article-b",
            "title": "Article B",
            "publisher": "Test",
            "sections": [{"id": "edges", "title": "Edges", "path": ["Edges"]}],
        }
    )
    town = {**document["places"][1], "id": "town-edge", "name": "Town Edge", "aliases": []}
    document["places"].append({**town, "lat": 34.9, "lon": 40.2})
    all_time = EDGE_DATES["all-time"]
    document["campaigns"].append(
        {"id": "edge-campaign", "name": "Edge campaign", "date": all_time, "sources": [_B]}
    )
    for name, date in EDGE_DATES.items():
        document["events"].append(
            {
                "id": name,
                "date": date,
                "title": f"Edge {name}",
                "summary": f"At the edge: {name}.",
                "type": "capture" if name in EDGE_CONTROL else "clash-period",
                "campaign": "edge-campaign",
                "places": ["town-edge"],
                "actors": [
                    {"actor": "army", "role": "attacker"},
                    {"actor": "isil", "role": "defender"},
                ],
                "control": EDGE_CONTROL.get(name, []),
                "casualties": EDGE_CASUALTIES.get(name, []),
                "sources": [_A, _B],
            }
        )
    document["disputes"].append(
        {
            "id": "edge-dispute",
            "topic": "Who held Town Edge",
            "summary": "The two articles differ.",
            "claims": [
                {"statement": "A has the army take it.", "source": _A, "event": "first-day"},
                {"statement": "B has IS retake it.", "source": _B, "event": "last-day"},
            ],
        }
    )
    filler = {**document["events"][1], "control": [], "casualties": []}
    document["events"] += [{**filler, "id": f"filler-{i}"} for i in range(fillers)]
    return document


@pytest.fixture(scope="module")
def edges(tmp_path_factory: pytest.TempPathFactory, mini_document: dict[str, Any]) -> Path:
    path = tmp_path_factory.mktemp("edges") / "edges.json"
    path.write_text(json.dumps(edge_document(mini_document)), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def long_edges(tmp_path_factory: pytest.TempPathFactory, mini_document: dict[str, Any]) -> Path:
    """More events than a table draws (ROW_CAP): summaries, counted by a period chosen for
    a span of all the calendar."""
    path = tmp_path_factory.mktemp("edges") / "long-edges.json"
    path.write_text(json.dumps(edge_document(mini_document, fillers=250)), encoding="utf-8")
    return path


def test_the_edge_file_is_valid(run: Run, edges: Path) -> None:
    result = run("validate", str(edges))
    assert result.status == 0, result.err
    dates = [e["date"] for e in json.loads(edges.read_text())["events"]]
    assert {"0001-01-01", "9999-12-31"} <= {d[end] for d in dates for end in ("earliest", "latest")}
    assert {d["precision"] for d in dates} >= {"day", "month", "month-part", "year", "season"}


# What each command is run with, besides no arguments: every kind of screen it has.
EDGE_ARGUMENTS: dict[str, list[list[str]]] = {
    "show": [["first-day"], ["last-day"], ["all-time"], ["last-month"]],
    "control": [
        [],
        ["town-edge"],
        ["--on", "0001-01-01"],
        ["--on", "9999-12-31"],
        ["--diff", "0001-01-01", "9999-12-31"],
    ],
    "stats": [[], ["--by", "week"]],
    "timeline": [[], ["--by", "week"]],
    "cite": [["first-day", "last-day", "all-time"]],
    "compare": [["article-a", "article-b"]],
    "casualties": [[], ["--total"], ["--total", "--per", "year"], ["--total", "--per", "all"]],
    "map": [[], ["--on", "0001-01-01"], ["--on", "9999-12-31"]],
    "events": [[], ["--on", "9999-12"], ["--from", "9999-W51"], ["--to", "0001-01"]],
}
# `import` reads CSV, `schema` no data.
EDGE_COMMANDS = sorted(set(COMMAND_FORMATS) - {"import", "schema"})


def _each_output(data: Path, command: str) -> Iterator[list[str]]:
    variants = [[str(data)]] if command == "validate" else EDGE_ARGUMENTS.get(command, [[]])
    for extra in variants:
        for fmt in COMMAND_FORMATS[command]:
            yield ["--data", str(data), command, *extra, "--format", fmt]


def _answers(result: Result, args: list[str]) -> None:
    assert result.status == 0, (args, result.err)
    _no_traceback(result.err)
    assert result.out.strip(), args


@pytest.mark.parametrize("command", EDGE_COMMANDS)
def test_every_command_and_format_answers_at_the_calendar_edges(
    run: Run, edges: Path, command: str
) -> None:
    for args in _each_output(edges, command):
        _answers(run(*args), args)


@pytest.mark.parametrize("command", ["events", "timeline", "stats", "control", "casualties"])
def test_so_does_the_store(
    run: Run, edges: Path, command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EASTSYRIA_STORE_MIN_MB", "0")
    for args in _each_output(edges, command):
        _answers(run(*args), args)


@pytest.mark.parametrize("store", ["", "0"], ids=["whole file", "store"])
@pytest.mark.parametrize(
    "args", [["events"], ["timeline"], ["timeline", "--by", "week"], ["stats"]], ids=" ".join
)
def test_a_summary_of_all_the_calendar_is_short(
    run: Run, long_edges: Path, args: list[str], store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if store:
        monkeypatch.setenv("EASTSYRIA_STORE_MIN_MB", store)
    result = run("--data", str(long_edges), *args, "--format", "table")
    _answers(result, args)
    # Not a row for each of thousands of empty periods: a run of them is one row.
    assert len(result.out.splitlines()) < 400
    if args[0] == "timeline":
        # 9,999 years are too many rows for a summary by month or week: it counts by year.
        assert re.search(r"^0002 – 2016 +0$", result.out, re.MULTILINE), result.out
        assert re.search(r"^2017 +252 █+$", result.out, re.MULTILINE), result.out
    if args[0] == "stats":
        assert re.search(r"^2017-10 +252 █+$", result.out, re.MULTILINE), result.out


def _texts(svg: Path) -> list[str]:
    root = ET.parse(svg).getroot()
    return ["".join(node.itertext()) for node in root.iter() if node.tag.endswith("}text")]


@pytest.mark.parametrize(
    ("args", "shows"),
    [
        (["timeline"], ["1000", "5000", "9000", "⚑ Edge first-day", "⚑ Edge last-day"]),
        (["timeline", "--by", "week"], ["1000", "9000", "Edge last-week"]),
        (["control"], ["1 Jan 1", "26 Dec 9999", "Town Edge"]),
        (["control", "town-edge"], ["1 Jan 1", "Town Edge"]),
        (["control", "--on", "9999-12-31"], ["1 Jan 1", "end of 31 Dec 9999"]),
        (["control", "--chart", "--on", "0001-01-01"], ["1 Jan 1", "end of 1 Jan 1"]),
        (["map"], ["Town Edge (14)"]),
    ],
    ids=lambda value: " ".join(value[:3]),
)
def test_the_pictures_at_the_edges_are_drawn_with_their_axis(
    run: Run, edges: Path, tmp_path: Path, args: list[str], shows: list[str]
) -> None:
    svg = tmp_path / "picture.svg"
    result = run("--data", str(edges), *args, "--svg", str(svg))
    assert result.status == 0, (args, result.err)
    _no_traceback(result.err)
    # The picture alone, but for --chart, an answer on stdout asked for as well.
    assert bool(result.out.strip()) == ("--chart" in args), args
    assert f"wrote {svg}" in result.err
    texts = _texts(svg)
    assert set(shows) <= set(texts), texts


def test_the_report_at_the_edges(run: Run, edges: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    result = run("--data", str(edges), "report", "-o", str(page))
    assert result.status == 0, result.err
    html = page.read_text(encoding="utf-8")
    assert "1 Jan 1 – 31 Dec 9999" in html
    assert "Edge last-day" in html


def test_the_terminal_chart_marks_the_last_day_of_the_calendar(
    run: Run, edges: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    result = run("--data", str(edges), "control", "--chart", "--on", "9999-12-31")
    _answers(result, [])
    rows = [line for line in result.out.splitlines() if line.startswith("Town ")]
    # The end of 31 December 9999 is the chart's right edge: marked in its last column.
    assert rows, result.out
    assert all(row.endswith("|") for row in rows), result.out
    assert "1 Jan 1" in result.out


@pytest.mark.parametrize(
    "args",
    [
        ["control", "--chart", "--on", "9999-12-31"],
        ["control", "--chart", "--on", "0001-01-01"],
        ["control", "--svg", "{tmp}/c.svg", "--on", "9999-12-31"],
        ["control", "abu-kamal", "--svg", "{tmp}/p.svg", "--on", "0001-01-01"],
        ["control", "--chart", "--diff", "0001-01-01", "9999-12-31"],
        ["timeline", "--svg", "{tmp}/t.svg", "--from", "0001-01-01", "--to", "9999-12-31"],
        ["timeline", "--svg", "{tmp}/t.svg", "--from", "9999-12-31"],
        ["map", "--svg", "{tmp}/m.svg", "--to", "0001-01-01"],
        ["stats", "--from", "0001-01-01", "--to", "9999-12-31", "--by", "week"],
        ["report", "-o", "{tmp}/r.html", "--from", "0001-01-01", "--to", "9999-12-31"],
    ],
    ids=lambda args: " ".join(a for a in args if "{tmp}" not in a),
)
def test_the_shipped_data_asked_about_the_edges(run: Run, tmp_path: Path, args: list[str]) -> None:
    result = run(*(arg.format(tmp=tmp_path) for arg in args))
    assert result.status == 0, result.err
    _no_traceback(result.err)


# -- the calendar's arithmetic ----------------------------------------------------------------

EDGE_SPANS = [
    ("0001-01-01", "0001-01-01"),
    ("0001-01-01", "0001-03-05"),
    ("9999-11-30", "9999-12-31"),
    ("9999-12-31", "9999-12-31"),
    ("9998-12-28", "9999-12-31"),
    ("0001-01-01", "9999-12-31"),
]


@pytest.mark.parametrize(("first", "last"), EDGE_SPANS)
@pytest.mark.parametrize("by", UNITS)
def test_periods_reach_the_edges_and_stop_there(first: str, last: str, by: str) -> None:
    if by == "day" and last[:4] != first[:4]:
        assert bucket_count(first, last, by) > 365
        return  # millions of days: counted, never listed (`period_unit`)
    found = all_buckets(first, last, by)
    assert len(found) == bucket_count(first, last, by)
    assert found[0] == bucket(first, by)
    assert found[-1] == bucket(last, by)
    assert found == sorted(set(found))


def test_the_edges_have_names() -> None:
    assert bucket("0001-01-01", "week") == "0001-W01"
    assert bucket("9999-12-31", "week") == "9999-W52"
    assert bucket_heading("9999-12-31", "week") == "Week 52, 9999 (from 27 December)"
    assert whole_period("9999-12-01", "9999-12-31") == "Dec 9999"
    assert whole_period("9999-01-01", "9999-12-31") == "9999"
    assert whole_period("0001-01-01", "0001-01-31") == "Jan 1"
    assert whole_period("9999-12-02", "9999-12-31") is None


ScaleMaker = Callable[[float, float], Any]


@pytest.mark.parametrize(
    "make",
    [
        lambda lo, hi: fit([lo, hi], 0, 1000),
        lambda lo, hi: fit_cut([(lo, lo), (hi, hi)], 0, 1000, cut=10),
    ],
    ids=["fit", "fit_cut"],
)
def test_a_scale_is_padded_only_inside_the_calendar(make: ScaleMaker) -> None:
    import datetime as dt

    first, last = dt.date.min.toordinal(), dt.date.max.toordinal()
    scale = make(first, last)
    assert scale.stretches[0].first == first
    assert scale.stretches[-1].after == last + 1
    ticks = scale.ticks(len, 1)
    assert ticks
    assert all(a.x + len(a.text) < b.x for a, b in itertools.pairwise(ticks))


def test_ticks_over_thousands_of_years_are_round_years() -> None:
    import datetime as dt

    first, last = dt.date.min.toordinal(), dt.date.max.toordinal() + 1
    scale = fit([first, last - 1], 0, 1000)
    assert scale.stretches == (Stretch(first, last, 0, 1000),)
    labels = [tick.text for tick in scale.ticks(lambda text: 7 * len(text), 10)]
    assert labels == [str(year) for year in range(1000, 10_000, 1000)]
