"""The command line's conventions: an option that takes one value is given once, and a
picture (`--svg FILE`) or page (`-o FILE`) written to a file is said on stderr, not drawn on
stdout as well."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import Run, run_on_terminal
from eastsyria.cli.app import COMMAND_MODULES


def _single_value_options() -> list[tuple[str, str, int]]:
    """Every option of every command (and the global --data) that takes one value, with
    how many words that value is: from the Click commands `--help` is made from."""
    from typer.main import get_command

    from eastsyria.cli.app import app

    group: Any = get_command(app)
    found = [
        (name, param.opts[0], param.nargs)
        for name, _ in COMMAND_MODULES
        for param in group.commands[name].params
        if param.param_type_name == "option"
        and not (param.is_flag or param.multiple or param.count)
    ]
    found += [("", param.opts[0], 1) for param in group.params if param.opts[0] == "--data"]
    return found


SINGLE = _single_value_options()


def test_the_options_checked_cover_every_command() -> None:
    # `schema` takes no option of a value.
    assert {command for command, _, _ in SINGLE} == {"", *dict(COMMAND_MODULES)} - {"schema"}
    assert ("events", "--text", 1) in SINGLE
    assert ("control", "--diff", 2) in SINGLE
    assert ("report", "--output", 1) in SINGLE


@pytest.mark.parametrize(
    ("command", "flag", "words"), SINGLE, ids=[f"{c or 'eastsyria'} {f}" for c, f, _ in SINGLE]
)
def test_an_option_of_one_value_given_twice_is_refused(
    run: Run, command: str, flag: str, words: int
) -> None:
    first = ["1000", "2000"][:words]
    second = ["3000", "4000"][:words]
    where = [command] if command else []
    result = run(*where, flag, *first, flag, *second, *([] if command else ["events"]))
    assert result.status == 2, result
    assert result.out == ""
    [line] = result.err.splitlines()
    assert line.startswith(f"eastsyria: error: {flag}"), line
    assert f"was given twice ({' '.join(first)!r} and {' '.join(second)!r}); give it once" in line


@pytest.mark.parametrize(
    "args",
    [
        # Each way of writing an option's value: --opt=value, a short option's joined value.
        ("events", "--from=2017-10", "--from", "2017-11"),
        ("events", "-fjson", "--format", "csv"),
        ("events", "-f", "json", "--format=csv"),
        ("timeline", "--svg", "a.svg", "--svg", "b.svg"),
        ("report", "-o", "a.html", "--output", "b.html"),
        ("events", "--near", "Hajin", "--near", "Mayadin"),
        ("control", "--on", "2017-10", "--on", "2017-11"),
        ("casualties", "--per", "year", "--total", "--per", "all"),
    ],
    ids=" ".join,
)
def test_every_spelling_of_a_repeated_option_is_refused(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.status == 2, result
    assert result.out == ""
    assert "was given twice" in result.err
    assert len(result.err.splitlines()) == 1
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_the_same_value_twice_is_that_value(run: Run) -> None:
    once = run("events", "--from", "2017-11", "-f", "json")
    twice = run("events", "--from", "2017-11", "--from", "2017-11", "-f", "json", "-f", "json")
    assert twice == once
    assert once.status == 0


def test_options_that_repeat_still_gather_every_value(run: Run) -> None:
    """--place, --actor, --side, --type, --campaign (and casualties' --party): any of them."""
    hajin = run("events", "--place", "Hajin", "-f", "json").json()
    mayadin = run("events", "--place", "Mayadin", "-f", "json").json()
    both = run("events", "--place", "Hajin", "--place", "Mayadin", "-f", "json").json()
    assert hajin
    assert mayadin
    assert {e["id"] for e in both} == {e["id"] for e in hajin} | {e["id"] for e in mayadin}
    types = run("events", "-t", "airstrike", "--type", "capture", "-f", "json").json()
    assert {e["type"] for e in types} == {"airstrike", "capture"}


def test_a_flag_given_twice_is_still_the_flag(run: Run) -> None:
    assert run("stats", "--all", "--all").out == run("stats", "--all").out


def test_completion_still_reads_a_line_with_an_option_given_twice() -> None:
    """Typer's own completion parses the line leniently: a repeated option is no error
    there, and what follows it completes (the fast path: tests/completion)."""
    from typer._click.shell_completion import get_completion_class
    from typer.main import get_command

    from eastsyria.cli.app import app

    command = get_command(app)  # registers Typer's completion classes
    bash: Any = get_completion_class("bash")
    complete = bash(command, {}, "eastsyria", "_EASTSYRIA_COMPLETE")
    args = ["events", "--text", "a", "--text", "b", "--place"]
    offered = [item.value for item in complete.get_completions(args, "Abu K")]
    assert "Abu Kamal" in offered
    names = [item.value for item in complete.get_completions(args[:-1], "--pl")]
    assert names == ["--place"]


# --- Files written: the file, and "wrote FILE" on stderr -------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("timeline", "--campaign", "abu-kamal-offensive"),
        ("timeline", "--from", "2017-11", "--lanes", "side"),
        ("map", "--from", "2017-11"),
        ("map", "--on", "2017-11-10"),
        ("control",),
        ("control", "Abu Kamal"),
        ("control", "--on", "2017-11-10"),
        ("control", "--diff", "2017-11-01", "2017-11-30"),
    ],
    ids=" ".join,
)
@pytest.mark.parametrize("terminal", [True, False], ids=["terminal", "pipe"])
def test_svg_writes_the_picture_and_says_so_with_nothing_on_stdout(
    run: Run, tmp_path: Path, args: tuple[str, ...], terminal: bool
) -> None:
    picture = tmp_path / "picture.svg"
    runner = run_on_terminal if terminal else run
    result = runner(*args, "--svg", str(picture))
    assert result.status == 0, result.err
    assert result.out == ""
    assert picture.read_text("utf-8").startswith("<?xml")
    lines = result.err.splitlines()
    assert lines[0] == f"wrote {picture}"
    # After it, only what a table says beside its drawing: the map's count.
    if args[0] == "map":
        assert len(lines) == 2
        assert lines[1].endswith("events on the map")
    else:
        assert lines == [f"wrote {picture}"]


@pytest.mark.parametrize(
    ("args", "fmt"),
    [
        (("timeline", "--from", "2017-11"), "json"),
        (("timeline", "--from", "2017-11"), "table"),
        (("map", "--from", "2017-11"), "geojson"),
        (("control", "--on", "2017-11-10"), "csv"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, tuple) else value,
)
def test_svg_with_a_format_asked_for_writes_that_format_too(
    run: Run, tmp_path: Path, args: tuple[str, ...], fmt: str
) -> None:
    picture = tmp_path / "picture.svg"
    result = run(*args, "--svg", str(picture), "-f", fmt)
    alone = run(*args, "-f", fmt)
    assert result.status == 0, result.err
    assert result.out == alone.out
    assert result.out.strip()
    assert f"wrote {picture}" in result.err.splitlines()
    assert picture.stat().st_size > 0
    if fmt in ("json", "geojson"):
        json.loads(result.out)


def test_control_chart_beside_svg_draws_the_chart_too(run: Run, tmp_path: Path) -> None:
    picture = tmp_path / "picture.svg"
    result = run("control", "--chart", "--svg", str(picture))
    assert result.status == 0, result.err
    assert result.out == run("control", "--chart").out
    assert result.out.strip()
    assert f"wrote {picture}" in result.err.splitlines()


def test_svg_to_standard_output_is_the_picture_alone(tmp_path: Path) -> None:
    """`--svg /dev/stdout | rsvg-convert ...`: nothing but the SVG document on stdout."""
    from conftest import run_process

    done = run_process("timeline", "--from", "2017-11", "--svg", "/dev/stdout")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("<?xml")
    assert done.stdout.rstrip().endswith("</svg>")
    assert done.stderr == "wrote /dev/stdout\n"


def test_svg_of_no_events_says_so_after_writing(run: Run, tmp_path: Path) -> None:
    picture = tmp_path / "picture.svg"
    result = run("timeline", "--from", "2019-01", "--svg", str(picture))
    assert result.status == 0
    assert result.out == ""
    lines = result.err.splitlines()
    assert lines[0] == f"wrote {picture}"
    assert "no events match" in lines[1]


def test_a_refused_svg_path_writes_nothing(run: Run, tmp_path: Path) -> None:
    result = run("map", "--svg", str(tmp_path))
    assert result.status == 2
    assert result.out == ""
    assert "wrote" not in result.err


def test_import_says_each_file_it_wrote(run: Run, tmp_path: Path) -> None:
    from conftest import TESTS

    out, rejected = tmp_path / "out.json", tmp_path / "rejected.csv"
    sample = TESTS / "samples" / "acled-syria.csv"
    result = run("import", "acled", str(sample), "-o", str(out), "--rejected", str(rejected))
    assert result.status == 0, result.err
    assert result.out == ""
    lines = result.err.splitlines()
    assert lines[-3:-1] == [f"wrote {out}", f"wrote {rejected}"]
    assert lines[-1].startswith("imported ")


def test_report_says_the_file_it_wrote(run: Run, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    result = run("report", "--campaign", "abu-kamal-offensive", "-o", str(page))
    assert result.status == 0, result.err
    assert result.out == ""
    assert result.err.splitlines()[0].startswith(f"wrote {page}: ")
