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

import fcntl
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

import pytest

from conftest import Result, Run, run_on_terminal, subprocess_env
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
