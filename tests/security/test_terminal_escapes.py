"""Finding 5: strings from a data file reached the terminal raw (OSC, CSI, BEL, C1, U+202E).

As found: side and actor names (in suggestions), dispute claimants (in `show`) and the JSON
keys in pydantic's error locations (`validate`, load errors). Now every string from the data
passes the one sanitiser (`core.sanitise`), on stdout and stderr, in every command and
format; JSON escapes what it must and still parses back to the very same strings; CSV cells
cannot start a spreadsheet formula unless asked; Markdown escapes `<` and `&`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import Run, run_on_terminal, run_process, subprocess_env
from eastsyria.output.formats import COMMAND_FORMATS
from security.hostile import EVIL, hostile_document, unsafe_in, write_hostile


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_hostile(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return hostile_document()


def test_the_hostile_file_is_valid_and_poisons_every_kind_of_text(
    run: Run, hostile: Path, document: dict[str, Any]
) -> None:
    # Else the commands below would only ever show an error, and prove nothing.
    assert run("validate", str(hostile)).status == 0
    assert document["sides"][0]["name"].endswith(EVIL)
    assert document["actors"][0]["name"].endswith(EVIL)
    assert document["disputes"][0]["topic"].endswith(EVIL)
    assert document["events"][0]["title"].endswith(EVIL)


def _commands(document: dict[str, Any]) -> list[list[str]]:
    events = [event["id"] for event in document["events"]]
    disputed = sorted({claim["event"] for d in document["disputes"] for claim in d["claims"]})
    places = [place["id"] for place in document["places"]]
    articles = [source["id"] for source in document["sources"]]
    return [
        ["events"],
        ["events", "--near", places[0]],
        ["timeline"],
        ["stats"],
        ["stats", "--by", "week"],
        ["places"],
        ["actors"],
        ["campaigns"],
        ["casualties"],
        ["disputes"],
        ["compare"],
        ["compare", *articles[:2], "--all"],
        ["map"],
        ["schema"],
        ["validate"],
        ["cite", *events[:3]],
        ["brief"],
        ["brief", "--sentences", "5", "--cite-style", "footnotes"],
        *(["show", event] for event in [*events[:4], *disputed[:4]]),
        ["control"],
        ["control", "--on", "2017-11-10"],
        ["control", "--diff", "2017-10-01", "2017-12-01"],
        *(["control", place] for place in places[:: max(1, len(places) // 6)]),
        ["reconcile"],
    ]


# Commands that write a file rather than show text (their pages are checked in a browser,
# tests/test_report.py), or that read no data file (`import`, tests/security/
# test_import_hostile.py).
NOT_SHOWN = {"report", "import"}


def test_every_command_is_run_with_hostile_data(document: dict[str, Any]) -> None:
    # A new command that shows data text fails here until it is added to `_commands`.
    from typer.main import get_command

    from eastsyria.cli.app import app

    shown = {args[0] for args in _commands(document)}
    assert shown | NOT_SHOWN == set(get_command(app).commands)  # type: ignore[attr-defined]


def test_on_a_terminal_no_command_lets_a_control_character_through(
    hostile: Path, document: dict[str, Any]
) -> None:
    leaks = []
    for args in _commands(document):
        result = run_on_terminal("--data", str(hostile), *args)
        assert result.status in (0, 2), (args, result.err)
        for stream, text in (("stdout", result.out), ("stderr", result.err)):
            if unsafe_in(text):
                leaks.append((*args[:2], stream, unsafe_in(text)[:3]))
    assert leaks == []


@pytest.mark.parametrize("colour", [False, True], ids=["plain", "colour"])
def test_no_command_or_format_lets_a_control_character_through(
    run: Run,
    hostile: Path,
    document: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    colour: bool,
) -> None:
    if colour:
        monkeypatch.setenv("FORCE_COLOR", "1")
    leaks = []
    for args in _commands(document):
        for fmt in COMMAND_FORMATS[args[0]]:
            result = run("--data", str(hostile), *args, "--format", fmt)
            assert result.status in (0, 2), (args, fmt, result.err)
            for stream, text in (("stdout", result.out), ("stderr", result.err)):
                if unsafe_in(text, colour=colour):
                    leaks.append((*args[:1], fmt, stream, unsafe_in(text, colour=colour)[:3]))
    assert leaks == []


def test_as_found_names_in_suggestions_reach_stderr_inert(run: Run, hostile: Path) -> None:
    # The probe's case: a misspelt actor got "did you mean" with the raw hostile name.
    result = run("--data", str(hostile), "events", "--actor", "Hezbolah")
    assert result.status == 2
    assert "did you mean 'Hezbollah␛]0;PWNED␇" in result.err
    assert unsafe_in(result.err) == []


def test_as_found_dispute_claimants_in_show_are_inert(
    run: Run, hostile: Path, document: dict[str, Any]
) -> None:
    event = document["disputes"][0]["claims"][0]["event"]
    result = run("--data", str(hostile), "show", event)
    assert result.status == 0, result.err
    assert "Sources disagree" in result.out
    assert unsafe_in(result.out) == []


def test_as_found_json_keys_in_error_locations_are_inert(
    run: Run, write_data: Callable[..., Path]
) -> None:
    key = "\x1b]0;PWNED\x07\u202ekey\x9b"
    path = write_data(lambda d: d["events"][0].update({key: 1}))
    checked = run("validate", str(path))
    loaded = run("--data", str(path), "events")
    for result in (checked, loaded):
        assert result.status == 2
        assert unsafe_in(result.out + result.err) == []
    # A key that is not a plain name is written as a JSON string: escaped, and readable.
    assert 'events[0]["\\u001b]0;PWNED\\u0007\\u202ekey\\u009b"]' in checked.err
    as_json = run("validate", str(path), "--format", "json")
    (problem,) = as_json.json()["problems"]
    assert json.loads(problem["location"].removeprefix("events[0][").removesuffix("]")) == key


def test_json_escapes_what_a_terminal_would_act_on_and_loses_nothing(
    run: Run, hostile: Path, document: dict[str, Any]
) -> None:
    for fmt in ("json", "jsonl"):
        result = run("--data", str(hostile), "events", "--format", fmt, "--fields", "id,title")
        assert unsafe_in(result.out) == []
        rows = (
            result.json()
            if fmt == "json"
            else [json.loads(line) for line in result.out.splitlines()]
        )
        titles = {event["id"]: event["title"] for event in document["events"]}
        assert {row["id"]: row["title"] for row in rows} == titles


def test_the_real_process_writes_inert_text_too(hostile: Path) -> None:
    env = subprocess_env(EASTSYRIA_FORCE_TTY="1")
    for args in (["events"], ["actors"], ["events", "--actor", "Hezbolah"]):
        done = run_process("--data", str(hostile), *args, env=env)
        assert unsafe_in(done.stdout + done.stderr) == [], args


def _titled(title: str) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        (event,) = (e for e in document["events"] if e["id"] == "town-b-by")
        event["title"] = title

    return change


def _csv_title(run: Run, path: Path, *options: str) -> str:
    """The CSV cell of the title of event town-b-by."""
    out = run("--data", str(path), "events", "-f", "csv", "--fields", "id,title", *options).out
    return {row["id"]: row["title"] for row in csv.DictReader(io.StringIO(out))}["town-b-by"]


FORMULAS = ["=1+2", "+A1", "-cmd|' /C calc'!A0", "@SUM(A1)", "\t=1", "\r=1", "  =1"]


@pytest.mark.parametrize("title", FORMULAS)
def test_csv_cells_cannot_start_a_formula(
    run: Run, write_data: Callable[..., Path], title: str
) -> None:
    path = write_data(_titled(title))
    guarded = _csv_title(run, path)
    # A spreadsheet skips leading spaces, tabs and CRs: what follows must not be a formula.
    assert guarded.lstrip(" ")[:1] not in ("=", "+", "-", "@"), guarded
    assert unsafe_in(guarded) == []
    # Turned off, the cell is written as it is, control characters still made visible.
    plain = _csv_title(run, path, "--no-csv-guard")
    assert plain == guarded.removeprefix("'")
    assert plain.lstrip(" ␍")[:1] in ("=", "+", "-", "@")


@pytest.mark.parametrize("title", ["-5", "+3.5", "Town - B", "e=mc2", "'quoted'"])
def test_csv_guard_leaves_numbers_and_ordinary_text_alone(
    run: Run, write_data: Callable[..., Path], title: str
) -> None:
    assert _csv_title(run, write_data(_titled(title))) == title


def test_markdown_escapes_tags_entities_and_controls(
    run: Run, write_data: Callable[..., Path]
) -> None:
    title = "<script>alert(1)</script> &amp; | \x1b[31m"
    path = write_data(_titled(title))
    out = run("--data", str(path), "events", "-f", "markdown", "--fields", "id,title").out
    row = next(line for line in out.splitlines() if "town-b-by" in line)
    assert "<script" not in row
    assert "&lt;script>alert(1)&lt;/script> &amp;amp; \\| ␛[31m" in row
