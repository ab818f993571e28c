"""Whole runs of the program made at random, and what counts as one ending badly.

A case is any command with any of its formats and options (well-typed values most of the
time, hostile ones otherwise), against one of several data files (the shipped one, the shipped
one with escape sequences in every text, one with events at the edges of the calendar, one
with no events, an imported one), at a terminal width from 0 to 100,000 columns, on a
terminal (with or without colour) or a pipe; or an import of an ACLED or UCDP file whose
cells were damaged (hostile text, dates at the calendar's edges, huge figures, long names,
bytes that are not UTF-8). Pictures and reports are written to a path that may be a file, a
folder, a missing folder, /dev/null or /dev/full. `make_case(seed)` makes the same case
from the same seed.

`verdict(case)` runs it in-process (as tests/conftest.py's `run` does) and names what went
wrong, or None:
- "traceback": an exception escaped the program (a user would see a traceback);
- "exit N": a status other than 0, 2, or 74 for a write to /dev/full;
- "error lines": an error that is not exactly one last line on stderr (`validate` and
  `import` list problems and rows first, and notes said before an answer may precede a
  failed write), or data on stdout beside an error;
- "unsafe stdout"/"unsafe stderr": a character a terminal acts on (security/hostile.py);
- "bad json": a JSON answer that does not parse.
A hang is the runner's to find (benchmarks/fuzz.py gives every case a time limit).

tests/security/test_fuzz_cases.py runs a few hundred cases in CI; benchmarks/fuzz.py runs
100,000 and more across processes, with a time and memory limit for each.
"""

from __future__ import annotations

import contextlib
import copy
import csv
import io
import itertools
import json
import random
from pathlib import Path
from typing import Any, NamedTuple

from conftest import MINI, TESTS, TerminalStream, TextStream, subprocess_env
from eastsyria.cli import entry, spec
from eastsyria.data.load import shipped_data_path
from eastsyria.output.environment import Environment
from eastsyria.output.formats import COMMAND_FORMATS
from security.hostile import hostile_document, unsafe_in

SAMPLES = TESTS / "samples"

WIDTHS = [0, 1, 2, 3, 4, 5, 8, 12, 20, 40, 60, 80, 100, 120, 200, 1000, 100_000]
DATES = ["2017", "2017-10", "2017-10-05", "2017-11-09", "2017/10/05", "2017-W40", "Oct 2017",
         "9999-12", "9999-12-31", "Dec 9999", "0001-01-01", "0001", "2017-02-30", "2017-W53",
         "10000", "", "1 November 2017", "2018-04"]  # fmt: skip
HOSTILE_BITS = [
    *"aZ09 -_.,;:'\"\\/$`()[]{}<>|&*?!#=+@%~^",
    *"\x1b\x07\x9b\u202e\n\t\r\u2028\u0085\x1c يكé\U000e0041",
    "<script>",
    "&lt;svg onload=alert(1)&gt;",
    "]]>",
    "=cmd|' /C calc'!A0",
    "${IFS}",
    "$(touch pwned)",
]
NAMES = ["Abu Kamal", "abu kamal", "Mayadin", "Deir ez-Zor", "Town A", "town-b", "Hezbollah",
         "army", "isil", "Daesh", "government", "sdf", "Russia", "Abu Kamel", "Syria"]  # fmt: skip
TYPED = {
    "--from": DATES,
    "--to": DATES,
    "--on": DATES,
    "--limit": ["1", "0", "-1", "3", "99999999999999999999"],
    "--radius": ["30", "30km", "0.5 km", "0", "nan", "1e400", "-3"],
    "--text": ["army", "town b", "", "abu"],
    "--by": ["month", "week", "year", "day", "decade"],
    "--lanes": ["place", "side", "campaign", "type", "x"],
}
# A data file's events moved to the edges of the calendar: what a valid file may hold.
_EDGE_DATES = [
    ("0001-01-01", "0001-01-01", "day"),
    ("9999-12-31", "9999-12-31", "day"),
    ("9999-12-01", "9999-12-31", "month"),
    ("0001-01-01", "0001-12-31", "year"),
]
JSON_FORMATS = {"json", "geojson", "timelinejs", "csl-json"}
COMMANDS = frozenset([*COMMAND_FORMATS, "report"])
WRITES_A_FILE = {"report": "-o", "timeline": "--svg", "map": "--svg", "control": "--svg"}


class Case(NamedTuple):
    args: list[str]
    width: int
    terminal: bool
    colour: bool
    # Where the run may write: its own empty folder.
    folder: Path


class Files(NamedTuple):
    """The data files and import inputs every case draws from, written once; and the names
    each data file holds, by kind ('place', 'event'...), for well-typed values."""

    data: list[Path]
    csvs: dict[str, list[Path]]
    names: dict[Path, dict[str, list[str]]]


def _names(path: Path) -> dict[str, list[str]]:
    document = json.loads(path.read_text(encoding="utf-8"))

    def of(key: str, *fields: str) -> list[str]:
        return [item[f] for item in document.get(key, []) for f in fields if item.get(f)]

    events = document.get("events", [])
    return {
        "place": of("places", "id", "name"),
        "actor": of("actors", "id", "name"),
        "side": of("sides", "id", "name"),
        "campaign": of("campaigns", "id", "name"),
        "article": of("sources", "id", "title"),
        "event": [event["id"] for event in events],
        "type": sorted({event["type"] for event in events}),
        "party": of("sides", "id"),
    }


def prepare(folder: Path) -> Files:
    folder.mkdir(parents=True, exist_ok=True)
    mini = json.loads(MINI.read_text(encoding="utf-8"))
    hostile = folder / "hostile.json"
    hostile.write_text(json.dumps(hostile_document(), ensure_ascii=False), encoding="utf-8")
    edges = folder / "edges.json"
    edges.write_text(json.dumps(_at_the_edges(mini)), encoding="utf-8")
    empty = folder / "empty.json"
    empty.write_text(json.dumps({**mini, "events": [], "disputes": []}), encoding="utf-8")
    imported = folder / "imported.json"
    with contextlib.redirect_stderr(io.StringIO()):
        entry.run(
            ["import", "acled", str(SAMPLES / "acled-syria.csv"), "-o", str(imported)],
            _environment(80, terminal=False, colour=False),
        )
    csvs = {
        "acled": [SAMPLES / "acled-syria.csv", SAMPLES / "acled-old-layout.csv"],
        "ucdp": [SAMPLES / "ucdp-syria.csv"],
    }
    data = [shipped_data_path(), hostile, edges, empty, imported, MINI]
    return Files(data, csvs, {path: _names(path) for path in data})


def _at_the_edges(mini: dict[str, Any]) -> dict[str, Any]:
    document = copy.deepcopy(mini)
    events = list(document["events"])
    for index, (earliest, latest, precision) in enumerate(_EDGE_DATES):
        event = copy.deepcopy(events[index % len(events)])
        event["id"] = f"{event['id']}-edge-{index}"
        # A second change of the same place would contradict the first (`validate`).
        event["control"] = []
        event["date"] = {
            "earliest": earliest,
            "latest": latest,
            "precision": precision,
            "qualifier": "on" if precision == "day" else "during",
            "text": f"{earliest} to {latest}",
        }
        document["events"].append(event)
    return document


def _environment(width: int, *, terminal: bool, colour: bool) -> Environment:
    stdout = TerminalStream() if terminal else TextStream()
    return Environment(stdout, TextStream(), colour=colour, width=width, terminal=terminal)


def _hostile(rng: random.Random, most: int = 12) -> str:
    return "".join(rng.choice(HOSTILE_BITS) for _ in range(rng.randint(0, most)))


def _value(rng: random.Random, flag: str, names: dict[str, list[str]]) -> str:
    """Most often a value of the kind the option takes, from the data file when it names
    things (a place, an event), sometimes a near miss or a value of the wrong kind, now and
    then hostile text."""
    pick = rng.random()
    known = names.get(spec.VALUE_KINDS.get(flag, ""), [])
    if pick < 0.7 and known:
        return rng.choice(known)
    if pick < 0.7 and flag in TYPED:
        return rng.choice(TYPED[flag])
    if pick < 0.9:
        return rng.choice([*NAMES, *DATES])
    return _hostile(rng)


def own_flags(left_out: frozenset[str]) -> dict[str, list[str]]:
    """Each command's options, but those in `left_out` (a path a fuzzed value would write
    anywhere, or read any file through)."""
    from typer.main import get_command

    from eastsyria.cli.app import app

    group: Any = get_command(app)
    return {
        name: sorted(
            flag
            for p in command.params
            for flag in p.opts
            if flag.startswith("-") and flag not in left_out
        )
        for name, command in group.commands.items()
    }


_FLAGS: dict[str, list[str]] = {}


def make_case(seed: int, files: Files, folder: Path) -> Case:
    rng = random.Random(seed)  # noqa: S311 - the same case from the same seed, not secrecy
    if not _FLAGS:
        # Outputs are given their own paths (`_output_path`), the data file its own.
        _FLAGS.update(own_flags(frozenset(["--svg", "--data", "-o", "--output"])))
    width = rng.choice(WIDTHS)
    terminal = rng.random() < 0.5
    colour = terminal and rng.random() < 0.5
    if rng.random() < 0.12:
        return Case(_import_args(rng, files, folder), width, terminal, colour, folder)
    command = rng.choice(sorted(set(_FLAGS) - {"import"}))
    data = rng.choice(files.data)
    names = files.names[data]
    args = [command]
    kind = spec.POSITIONAL_KINDS.get(command)
    if kind is not None and rng.random() < 0.9:
        known = names.get(kind) or NAMES
        for _ in range(1 if kind != "article" else 2):
            args.append(rng.choice(known) if rng.random() < 0.8 else _value(rng, "", names))
    if command == "validate" and rng.random() < 0.5:
        args.append(str(rng.choice(files.data)))
    for _ in range(rng.choice([0, 0, 1, 1, 1, 2, 2, 3, 4])):
        flag = rng.choice(_FLAGS[command] or ["--help"])
        if flag in ("--help", "-h") and rng.random() < 0.8:
            continue
        args.append(flag)
        if flag in spec.VALUE_KINDS or flag in spec.FREE_VALUE_OPTIONS or flag in TYPED:
            args.append(_value(rng, flag, names))
    if rng.random() < 0.7 and command in COMMAND_FORMATS:
        args += ["--format", rng.choice(COMMAND_FORMATS[command])]
    if command in WRITES_A_FILE and (command == "report" or rng.random() < 0.3):
        args += [WRITES_A_FILE[command], _output_path(rng, folder, command)]
    return Case(["--data", str(data), *args], width, terminal, colour, folder)


def _output_path(rng: random.Random, folder: Path, command: str) -> str:
    suffix = ".html" if command == "report" else ".svg"
    return rng.choice(
        [
            *[str(folder / f"out{suffix}")] * 6,
            str(folder),
            str(folder / "missing" / f"out{suffix}"),
            "/dev/null",
            "/dev/full",
        ]
    )


def _import_args(rng: random.Random, files: Files, folder: Path) -> list[str]:
    kind = rng.choice(sorted(files.csvs))
    source = rng.choice(files.csvs[kind])
    damaged = folder / "input.csv"
    damaged.write_bytes(_damaged_csv(rng, source))
    args = ["import", kind, str(damaged)]
    if rng.random() < 0.5:
        args += ["-o", str(folder / "imported.json")]
    if rng.random() < 0.3:
        args += ["--rejected", rng.choice([str(folder / "rejected.csv"), "/dev/full"])]
    return args


def _damaged_csv(rng: random.Random, source: Path) -> bytes:
    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    for _ in range(rng.randint(1, 6)):
        row = rng.choice(body)
        column = rng.randrange(len(row))
        name = header[column] if column < len(header) else ""
        row[column] = _damaged_cell(rng, name, row[column])
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *body])
    data = out.getvalue().encode("utf-8")
    if rng.random() < 0.05:
        at = rng.randrange(len(data))
        data = data[:at] + rng.choice([b"\xff", b"\xc3", b"\x00", b"\r"]) + data[at:]
    return data


def _damaged_cell(rng: random.Random, name: str, value: str) -> str:
    if "date" in name:
        return rng.choice(["0001-01-01", "9999-12-31", "31 December 9999", "1 January 0001", value])
    if name in ("time_precision", "date_prec"):
        return rng.choice(["1", "2", "3", "4", "5", "", "x"])
    if name in ("fatalities", "best", "high", "low", "deaths_civilians"):
        return rng.choice(["9" * 5000, "-1", "1e400", "18446744073709551616", "", value])
    if name in ("latitude", "longitude"):
        return rng.choice(["nan", "inf", "91", "-181", "", "1e400", value])
    return rng.choice([value + _hostile(rng), "x" * rng.choice([300, 301, 5000]), _hostile(rng)])


def verdict(case: Case) -> str | None:
    """What went wrong in the run, or None (see the module's docstring)."""
    return outcome(case)[1]


def outcome(case: Case) -> tuple[int | None, str | None]:
    """The run's exit status (None if an exception escaped) and what went wrong, if anything."""
    env = _environment(case.width, terminal=case.terminal, colour=case.colour)
    direct_out, direct_err = io.StringIO(), io.StringIO()
    try:
        # Click writes its own help and usage straight to the process's streams.
        with contextlib.redirect_stdout(direct_out), contextlib.redirect_stderr(direct_err):
            status = int(entry.run(list(case.args), env))
    except Exception as exc:  # noqa: BLE001 - any of them is what a user sees as a traceback
        return None, f"traceback: {type(exc).__name__}: {str(exc)[:200]}"
    out = env.stdout.getvalue() + direct_out.getvalue()  # type: ignore[attr-defined]
    err = env.stderr.getvalue() + direct_err.getvalue()  # type: ignore[attr-defined]
    return status, _judged(case, status, out, err)


def process_outcome(case: Case, limit: float) -> tuple[int | None, str | None]:
    """As `outcome`, by the real program in a process of its own (`python -m eastsyria`):
    what its start and end add (flushing at exit, the launcher's Ctrl-C handling). A
    terminal is stood for by EASTSYRIA_FORCE_TTY on a pipe; colour by FORCE_COLOR."""
    import subprocess
    import sys

    env = subprocess_env(COLUMNS=str(case.width), LINES="50")
    if case.terminal:
        env["EASTSYRIA_FORCE_TTY"] = "1"
    if case.colour:
        del env["NO_COLOR"]
        env["FORCE_COLOR"] = "1"
    try:
        done = subprocess.run(
            [sys.executable, "-m", "eastsyria", *case.args],
            capture_output=True,
            env=env,
            cwd=case.folder,
            timeout=limit,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None, f"hang: over {limit:g} s"
    out = done.stdout.decode("utf-8", "replace")
    err = done.stderr.decode("utf-8", "replace")
    if "Traceback (most recent call last)" in err or done.returncode < 0:
        return None, f"traceback: exit {done.returncode}: {err[-300:]!r}"
    return done.returncode, _judged(case, done.returncode, out, err)


def _judged(case: Case, status: int, out: str, err: str) -> str | None:
    full = "/dev/full" in case.args
    if status not in (0, 2) and not (status == 74 and full):
        return f"exit {status}: {err[-300:]!r}"
    for stream, text in (("stdout", out), ("stderr", err)):
        if unsafe_in(text, colour=case.colour):
            return f"unsafe {stream}: {unsafe_in(text, colour=case.colour)[:3]}"
    if status != 0:
        lines = err.splitlines()
        if not lines or not lines[-1].startswith("eastsyria: error: "):
            return f"error lines: {err[-300:]!r}"
        if sum(line.startswith("eastsyria: error: ") for line in lines) != 1:
            return f"error lines: {err[-300:]!r}"
        # `validate` and `import` list problems and rows first; a write that fails (74)
        # follows what was said before the answer (which places a --place name fits).
        listed = {"validate", "import"} & set(case.args) or status == 74
        if not listed and (len(lines) != 1 or out):
            return f"error lines: {err[-300:]!r} beside {out[:100]!r}"
        return None
    chosen = format_of(case.args)
    if chosen in JSON_FORMATS and out.strip() and not {"--help", "-h"} & set(case.args):
        try:
            json.loads(out)
        except ValueError:
            return "bad json"
    return None


def format_of(args: list[str]) -> str | None:
    """The format asked for: the value of the last --format (Click keeps the last)."""
    chosen = None
    for flag, value in itertools.pairwise(args):
        if flag in ("--format", "-f"):
            chosen = value.strip().lower()
    return chosen


__all__ = ["Case", "Files", "make_case", "prepare", "verdict"]
