"""Help that teaches: every command shows real examples and the values its options take."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from conftest import Run
from eastsyria.cli.app import COMMAND_MODULES, command_function
from eastsyria.contract.events import EVENT_FIELDS
from eastsyria.contract.listings import PLACE_FIELDS
from eastsyria.data import vocab
from eastsyria.output.formats import COMMAND_FORMATS

COMMANDS = [command_function(name) for name, _ in COMMAND_MODULES]
NAMES = [command.__name__ for command in COMMANDS]
# Commands whose answer is a file they write (-o FILE), not stdout: they take no --format.
WRITES_FILES = frozenset({"report"})


def help_text(run: Run, *args: str) -> str:
    result = run(*args, "--help")
    assert result.status == 0
    return " ".join(result.out.split())  # unwrapped: a value may sit at a line break


def examples(run: Run, name: str) -> list[str]:
    out = run(name, "--help").out
    return [line.strip() for line in out.splitlines() if line.strip().startswith("eastsyria ")]


def test_the_command_list_is_whole() -> None:
    assert set(NAMES) == set(COMMAND_FORMATS) | WRITES_FILES


def test_top_level_help_lists_every_command_without_cutting_its_summary(run: Run) -> None:
    out = run("--help").out
    listed = out.split("Commands:", 1)[1]
    assert "..." not in listed
    for name in NAMES:
        assert re.search(rf"^  {name} ", listed, re.MULTILINE), name
    # A summary that wraps keeps its last words: stats' ends with "side by side."
    assert "side by side." in " ".join(listed.split())


@pytest.mark.parametrize("name", NAMES)
def test_every_command_has_an_example(run: Run, name: str) -> None:
    assert examples(run, name), name


@pytest.mark.parametrize("name", NAMES)
def test_every_example_in_the_help_runs(
    run: Run, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for example in examples(run, name):
        if name in WRITES_FILES or "--svg" in example or "--qml" in example:
            # The file it writes (`report -o`, `--svg map.svg`, `--qml events.qml`) lands
            # here, not in the repo.
            monkeypatch.chdir(tmp_path)
        words = shlex.split(example.split(" > ")[0])[1:]
        result = run(*words)
        assert result.status == 0, (example, result.err)
        flag = "-o" if name in WRITES_FILES else "--svg"
        if flag in words and not {"-f", "--format", "--chart"} & set(words):
            # Nothing on stdout; a note on stderr says what was written, and it is there.
            assert result.out == "", example
            written = words[words.index(flag) + 1]
            assert f"wrote {written}" in result.err, example
            assert (tmp_path / written).stat().st_size > 0, example
        else:
            assert result.out, example


def test_the_values_of_side_type_format_fields_and_by_are_listed(run: Run) -> None:
    events = help_text(run, "events")
    assert (
        "--side SIDE Involving an actor of this side: government, isil, iraq, sdf, monitor."
        in events
    )
    assert f"Of this event type: {', '.join(vocab.EVENT_TYPES)}." in events
    assert f"Output format: {', '.join(COMMAND_FORMATS['events'])}." in events
    assert f"{', '.join(EVENT_FIELDS)}." in events
    assert f"{', '.join(PLACE_FIELDS)}." in help_text(run, "places")
    assert "Group by month or week." in help_text(run, "timeline")
    assert "Output format: table, json. Default: table." in help_text(run, "show")


def test_the_sides_listed_are_the_data_files(run: Run) -> None:
    from conftest import MINI

    mini = help_text(run, "--data", str(MINI), "stats")
    assert "Involving an actor of this side: government, isil." in mini


def test_a_run_builds_only_the_command_it_names() -> None:
    # Building every command's options is a third of a query's start-up; help and a
    # misspelt command still get them all (to list them, to suggest one).
    from eastsyria.cli.app import click_command

    every = set(click_command(["--help"]).commands)
    assert len(every) == len(COMMANDS)
    assert set(click_command(["events", "--place", "Abu Kamal"]).commands) == {"events"}
    assert set(click_command(["--data", "x.json", "control", "--on", "2017"]).commands) == {
        "control"
    }
    assert set(click_command(["--data=x.json", "places"]).commands) == {"places"}
    assert set(click_command(["evnts"]).commands) == every
    assert set(click_command([]).commands) == every
