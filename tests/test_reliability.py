"""Bad input, faults of the environment and hostile data: nothing breaks, nothing leaks."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import MINI, Run, run_process, subprocess_env
from eastsyria.data.load import shipped_data_path

# Each bad input, and what the one line on stderr must say.
BAD_INPUTS: list[tuple[list[str], str]] = [
    (["events", "--from", "2017-13-45"], "cannot read date '2017-13-45': there is no month 13"),
    (["events", "--from", "2017-02-30"], "February 2017 has no day 30"),
    (["events", "--from", ""], "cannot read date '': it is empty"),
    (["events", "--to", "yesterday-ish"], "cannot read date 'yesterday-ish': not a date"),
    (
        ["events", "--on", "01/05/2017"],
        "all-numeric dates other than YYYY-MM-DD or YYYY/MM/DD are ambiguous",
    ),
    (["events", "--from", "20177"], "a year has four digits"),
    (["events", "--from", "2017-12", "--to", "2017-11"], "later than --to '2017-11'; swap them"),
    (["events", "--on", "2017-11", "--from", "2017-10"], "--on cannot be combined with --from"),
    (["events", "--place", "Abu Kamel"], "no place 'Abu Kamel'; did you mean 'Abu Kamal'"),
    (["events", "--place", "Mayadinn"], "did you mean 'Mayadin'"),
    (["events", "--actor", "Hezbolah"], "no actor 'Hezbolah'; did you mean 'Hezbollah'"),
    (["events", "--type", "captur"], "no event type 'captur'; did you mean 'capture'"),
    (["events", "--campaign", "abu kamal ofensive"], "no campaign 'abu kamal ofensive'"),
    (["events", "--side", "goverment"], "no side 'goverment'; did you mean 'government'"),
    (["events", "--format", "jsn"], "no format 'jsn' for events; did you mean 'json'"),
    (
        ["events", "--format", "json", "--fields", "id,titel"],
        "no field 'titel'; did you mean 'title'",
    ),
    (
        ["stats", "--format", "json", "--fields", "id"],
        "No such option: --fields",
    ),
    (["show", "abu-kamal-first-capturx"], "no event 'abu-kamal-first-capturx'; did you mean"),
    (["show", "abu-kamal"], "event id 'abu-kamal' is the start of 11 ids (abu-kamal-approach"),
    (["events", "--limit", "0"], "--limit must be 1 or more, not 0"),
    (["events", "--limit", "-1"], "--limit must be 1 or more, not -1"),
    (["events", "--limit", "many"], "'many' is not a valid int"),
    (
        ["events", "--near", "Abu Kamal", "--radius", "-5"],
        "--radius '-5' is out of range; give more than 0 and at most 20000 km",
    ),
    (["events", "--radius", "5"], "--radius needs --near PLACE"),
    (["events", "--text", "  "], "has no words to search for"),
    (["timeline", "--by", "year"], "--by must be month or week, not 'year'"),
    (["control", "Atlantis"], "no place 'Atlantis'"),
    (["events", "--bogus"], "No such option: --bogus"),
    (["nonsense"], "No such command 'nonsense'"),
]


@pytest.mark.parametrize(
    ("args", "message"), BAD_INPUTS, ids=[" ".join(a) or "-" for a, _ in BAD_INPUTS]
)
def test_bad_input_is_one_line_on_stderr_and_exit_2(
    run: Run, args: list[str], message: str
) -> None:
    result = run(*args)
    assert result.status == 2
    assert result.out == ""
    assert result.err.count("\n") == 1, result.err
    assert result.err.startswith("eastsyria: error: ")
    assert message in result.err


@pytest.mark.parametrize(
    "setup",
    ["missing", "directory", "unreadable", "empty", "invalid-json", "wrong-shape", "not-utf8"],
)
def test_bad_data_files_through_the_environment_variable(setup: str, tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    if setup == "directory":
        path.mkdir()
    elif setup == "unreadable":
        path.write_text("{}")
        path.chmod(0)
        if os.access(path, os.R_OK):
            pytest.skip("running as a user who can read any file")
    elif setup == "empty":
        path.write_text("")
    elif setup == "invalid-json":
        path.write_text('{"schema_version": 1,\n "sources": [}')
    elif setup == "wrong-shape":
        path.write_text('{"schema_version": 1, "sources": [], "sides": "all"}')
    elif setup == "not-utf8":
        path.write_bytes(b'{"schema_version": "\xe9"}')
    result = run_process("events", env=subprocess_env(EASTSYRIA_DATA=str(path)))
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert str(path) in result.stderr
    if setup == "invalid-json":
        # The stray "}" is the 14th character of the second line.
        assert "line 2, column 14" in result.stderr
    if setup == "wrong-shape":
        # The first problem with its JSON path, and how many more `validate` would list.
        assert "sources: List should have at least 1 item" in result.stderr
        assert "(and 1 more)" in result.stderr


def test_running_as_root_still_reports_an_unreadable_file_cleanly(tmp_path: Path) -> None:
    # Root reads anything; a path through a file is unreadable for everyone.
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run_process("--data", str(blocker / "events.json"), "events")
    assert result.returncode == 2
    assert "cannot be read" in result.stderr or "does not exist" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "fmt", ["table", "json", "jsonl", "csv", "markdown", "geojson", "timelinejs"]
)
@pytest.mark.parametrize("head", [["head", "-n", "1"], ["head", "-c", "10"]])
def test_a_closed_pipe_ends_quietly(fmt: str, head: list[str]) -> None:
    producer = subprocess.Popen(
        [sys.executable, "-m", "eastsyria", "events", "--format", fmt],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=subprocess_env(),
    )
    assert producer.stdout is not None
    consumer = subprocess.run(head, stdin=producer.stdout, capture_output=True, check=True)
    producer.stdout.close()
    _, err = producer.communicate(timeout=60)
    assert consumer.stdout
    assert producer.returncode == 0
    # Nothing but the table's own notes reach stderr: the count ("N events") and what its
    # mark of disputed events means.
    notes = err.decode().splitlines()
    legend = "(disputed) the sources disagree: eastsyria disputes"
    assert err == b"" or (fmt == "table" and notes[0].endswith(" events")), err
    assert notes[1:] in ([], [legend]), err


def _big_dataset(tmp_path: Path, events: int) -> Path:
    document: dict[str, Any] = json.loads(MINI.read_text(encoding="utf-8"))
    template = document["events"][0]
    document["events"] = [
        {**template, "id": f"event-{i}", "summary": "A long summary. " * 20} for i in range(events)
    ]
    path = tmp_path / "big.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_ctrl_c_during_output_exits_130_without_a_traceback(tmp_path: Path) -> None:
    data = _big_dataset(tmp_path, 3000)
    process = subprocess.Popen(
        [sys.executable, "-m", "eastsyria", "--data", str(data), "events", "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=subprocess_env(),
    )
    assert process.stdout is not None
    process.stdout.read(1000)  # output has begun; the rest fills the pipe and blocks
    time.sleep(0.3)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert b"Traceback" not in err
    assert err.decode().strip() == "eastsyria: error: interrupted"


CURLY = "Al-Qa’im"


@pytest.mark.parametrize(
    "args",
    [
        ["events", "--place", "Al-Qaim"],
        ["events", "--place", "Al-Qaim", "--format", "json"],
        ["events", "--place", "Al-Qaim", "--format", "csv"],
        ["timeline", "--place", "Al-Qaim"],
        ["places"],
        ["actors"],
        ["campaigns"],
        ["show", "abu-kamal-first-capture"],
        ["control", "Abu Kamal"],
        ["stats"],
    ],
)
@pytest.mark.parametrize(
    "encoding",
    [
        {"LANG": "C", "LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONIOENCODING": ""},
        {"PYTHONIOENCODING": "ascii"},
    ],
)
def test_an_ascii_terminal_degrades_gracefully(args: list[str], encoding: dict[str, str]) -> None:
    env = subprocess_env(**encoding)
    if not encoding["PYTHONIOENCODING"]:
        del env["PYTHONIOENCODING"]
    result = subprocess.run(
        [sys.executable, "-X", "utf8=0", "-m", "eastsyria", *args],
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    assert result.stdout
    result.stdout.decode("ascii")  # nothing but ASCII reached the terminal


HOSTILE = (
    "[bold red]loud[/] [link=https://example.com]x[/link] \x1b[31mred\x1b[0m "
    "\x1b]8;;http://e\x07link\x1b]8;;\x07 bell\x07"
)


def test_data_text_is_never_markup_or_escape_sequences(
    run: Run, write_data: Callable[..., Path]
) -> None:
    def hostile(document: dict[str, Any]) -> None:
        document["events"][0]["title"] = HOSTILE
        document["events"][0]["summary"] = HOSTILE
        document["places"][1]["name"] = "[red]Town A[/red]"

    path = str(write_data(hostile))
    for args in (["events"], ["timeline"], ["show", "town-a-taken"], ["places"]):
        result = run("--data", path, *args)
        assert result.status == 0, result.err
        assert "\x1b" not in result.out
        assert "\x07" not in result.out
        assert ("[bold" in result.out and "loud[/]" in result.out) or args == ["places"]
        if args != ["places"]:
            assert "␛[31mred" in result.out
    assert "[red]Town A[/red]" in run("--data", path, "places").out
    # Programs get the text exactly as the file holds it.
    as_json = run("--data", path, "events", "--format", "json").json()
    assert HOSTILE in {e["title"] for e in as_json}


COMMANDS = [
    ["events"],
    ["events", "--format", "json"],
    ["events", "--format", "csv"],
    ["events", "--format", "geojson"],
    ["events", "--format", "timelinejs"],
    ["events", "--format", "markdown"],
    ["show", "town-a-taken"],
    ["places"],
    ["actors", "--format", "json"],
    ["campaigns"],
    ["timeline"],
    ["control"],
    ["control", "Town A", "--format", "json"],
    ["stats"],
    ["validate"],
    ["schema"],
]


def test_no_command_writes_to_the_data_file(
    run: Run, write_data: Callable[..., Path], tmp_path: Path
) -> None:
    path = write_data()
    before = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    listing_before = sorted(p.name for p in tmp_path.iterdir())
    for command in COMMANDS:
        result = run("--data", str(path), *command)
        assert result.status == 0, (command, result.err)
        assert path.read_bytes() == before
        assert path.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in tmp_path.iterdir()) == listing_before


def test_the_shipped_file_is_untouched_by_queries(run: Run) -> None:
    path = shipped_data_path()
    before = path.read_bytes()
    for command in (["events"], ["timeline"], ["stats"], ["control"], ["validate"]):
        assert run(*command).status == 0
    assert path.read_bytes() == before


def test_a_ten_megabyte_summary_works(run: Run, write_data: Callable[..., Path]) -> None:
    def huge(document: dict[str, Any]) -> None:
        document["events"][0]["summary"] = "word " * 2_000_000

    path = str(write_data(huge))
    started = time.perf_counter()
    result = run("--data", path, "events", "--format", "json", "--fields", "id")
    assert result.status == 0
    assert [e["id"] for e in result.json()] == ["town-b-by", "town-a-taken"]
    assert time.perf_counter() - started < 60


def test_empty_results_are_not_errors(run: Run) -> None:
    table = run("events", "--from", "2030")
    assert (table.status, table.out, table.err) == (0, "", "no events match these filters\n")
    as_json = run("events", "--from", "2030", "--format", "json")
    assert (as_json.status, as_json.out, as_json.err) == (0, "[]\n", "")
    jsonl = run("events", "--from", "2030", "--format", "jsonl")
    assert (jsonl.status, jsonl.out) == (0, "")
    csv_out = run("events", "--from", "2030", "--format", "csv", "--fields", "id,title")
    assert (csv_out.status, csv_out.out) == (0, "id,title\n")
