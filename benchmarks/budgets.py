"""Issue 27's budgets, every one measured in one run and printed side by side as ratios.

For each size (a synthetic file, benchmarks/synthetic.py --seed 1, or one given with --file),
with the store built first (warm), these run as child processes into a pipe (wall time from
start to reaped, peak RSS as GNU time reports it), `--runs` times each, alternating with what
they are compared with:

- `events --from 2017-11-01 --place "Abu Kamal District"` as `-f json`, `-f jsonl` and
  `-f csv`, beside DuckDB printing the same events from Parquet (benchmarks/duckdb/events.sql)
  and the sqlite3 program printing their stored records from the project's own store, in
  order (the design's floor); the three answers must hold the same ids;
- `events -f jsonl` of every event: its peak memory from the smallest to the largest size is
  how memory grows with the answer (10 times as many events);
- `control`, `stats`, `casualties`, `disputes`, `timeline` (their human output, piped) beside
  DuckDB's query for the same aggregate (benchmarks/duckdb/COMMAND.sql);
- `report -o FILE`, `map --svg FILE`, `timeline --svg FILE`: time, memory, the file's size and
  the time headless Chromium takes to load it (its own navigation timing, offline);
- a TAB press (`--data FILE events --place Ab<TAB>`) under bash's protocol (words joined by
  newlines, and by spaces), zsh's and fish's, paired with `python -c pass`, on a file under
  the store threshold (--tab-size, 10,000 events) and at every size;
- the curated dataset's start-up cases of benchmarks/startup.py.

    pip install -e '.[test,bench]'          # bench: DuckDB (its column is empty without it)
    python benchmarks/budgets.py            # 100,000 and 1,000,000 events, 3 runs
    python benchmarks/budgets.py --file 100000=/work/big/s100k.json --runs 1
    python benchmarks/budgets.py --quick    # tiny files through the store, 1 run: a smoke test

Budgets (at the largest size): `events -f json` <= 1.0x DuckDB and <= 2x sqlite3; `-f jsonl`
and `-f csv` <= `-f json`; every event as JSON Lines, largest size / smallest <= 1.5x peak
memory; each aggregate <= 3x DuckDB; each picture <= 30 s, <= 1 GiB, a file under 5 MB that
Chromium loads in <= 3 s; every command's time grows <= 11x from the smallest size to the
largest; a TAB press <= 6x `python -c pass`; start-up: completion <= 6x, json and tsv <= 7x,
table <= 11x. Exit status 0 when every budget is met, 1 when one is missed. A run that passes
--limit seconds or --memory GiB is stopped, counted as missed, and not run again.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NamedTuple

import measure
import parquet
import startup
import synthetic
from measure import Sample
from store import _timed, place_ids

AGGREGATES = ("control", "stats", "casualties", "disputes", "timeline")
PICTURES = {
    "report": ("report", "-o", "{}.html"),
    "map --svg": ("map", "--svg", "{}.svg"),
    "timeline --svg": ("timeline", "--svg", "{}.svg"),
}
FORMATS = ("json", "jsonl", "csv")
EVENTS_DUCKDB, EVENTS_SQLITE = 1.0, 2.0
AGGREGATE_DUCKDB = 3.0
PICTURE_SECONDS, PICTURE_MIB, PICTURE_MB, PICTURE_LOAD = 30.0, 1024.0, 5.0, 3.0
MEMORY_GROWTH, TIME_GROWTH = 1.5, 11.0
TAB_BUDGET = 6.0
TIMED_OUT = (124, 137)
# Why a figure may be missing without a budget being missed: what this machine lacks.
UNMEASURABLE = (
    "DuckDB not installed",
    "no chromium",
)  # `timeout`'s status, and a process killed by it

# Each shell's completion request for `eastsyria --data FILE events --place Ab<TAB>`, as the
# scripts Typer installs send it: bash's words joined by newlines (its script sets IFS), or by
# spaces (a script or shell that does not); zsh's and fish's whole line in one variable.
PROTOCOLS: dict[str, Callable[[list[str]], dict[str, str]]] = {
    "bash": lambda words: {
        "_EASTSYRIA_COMPLETE": "complete_bash",
        "COMP_WORDS": "\n".join(words),
        "COMP_CWORD": str(len(words) - 1),
    },
    "bash (spaces)": lambda words: {
        "_EASTSYRIA_COMPLETE": "complete_bash",
        "COMP_WORDS": " ".join(words),
        "COMP_CWORD": str(len(words) - 1),
    },
    "zsh": lambda words: {
        "_EASTSYRIA_COMPLETE": "complete_zsh",
        "_TYPER_COMPLETE_ARGS": " ".join(words),
    },
    "fish": lambda words: {
        "_EASTSYRIA_COMPLETE": "complete_fish",
        "_TYPER_COMPLETE_ARGS": " ".join(words),
        "_TYPER_COMPLETE_FISH_ACTION": "get-args",
    },
}


@dataclass
class Runs:
    """The runs of one command at one size; `stopped` says why they ended early, if they did."""

    samples: list[Sample] = field(default_factory=list)
    stopped: str = ""
    # The first run's output, when it is compared with another program's.
    output: bytes = b""

    def seconds(self) -> list[float]:
        return sorted(sample.seconds for sample in self.samples)

    def median(self) -> float:
        return measure.median(self.seconds())

    def rss_mib(self) -> float:
        return measure.median([sample.max_rss_kib for sample in self.samples]) / 1024

    def spread(self) -> str:
        if not self.samples:
            return self.stopped or "-"
        low, high = self.seconds()[0], self.seconds()[-1]
        shown = f"{low:.2f} / {self.median():.2f} / {high:.2f} s"
        return f"> {shown} ({self.stopped})" if self.stopped else shown

    @property
    def usable(self) -> bool:
        return bool(self.samples) and not self.stopped


@dataclass(eq=False)  # one per file: told apart by identity
class Size:
    events: int
    path: Path
    generated: bool = False
    found: int = 0
    runs: dict[str, Runs] = field(default_factory=dict)
    # Per pair name: the per-round ratios of a command's time to what it is compared with.
    ratios: dict[str, list[float]] = field(default_factory=dict)
    file_mb: dict[str, float] = field(default_factory=dict)
    load_seconds: dict[str, list[float]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def of(self, name: str) -> Runs:
        return self.runs.setdefault(name, Runs())


class Member(NamedTuple):
    """One command of a group that runs in turn: how it runs is `how`: "ours" (within the
    time and memory limits), "theirs" (within the time limit), or "bare" (nothing around
    it: a TAB press and `python -c pass`, whose figure is start-up, which a wrapper's own
    process would blur)."""

    argv: list[str]
    env: dict[str, str]
    runs: Runs
    how: str = "ours"
    keep: bool = False  # the first run's output kept (Runs.output)


class Runner:
    """Runs children within the limits, alternating the members of a group round by round."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.runs = args.runs
        self.limits = ["timeout", "-s", "KILL", str(args.limit)]
        self.memory = ["prlimit", f"--as={int(args.memory * 1024**3)}"]

    def once(self, member: Member) -> None:
        runs = member.runs
        if runs.stopped:
            return
        if member.how == "bare":
            # No peak memory: wait4's counts the pages the child shared with this process
            # when forked, and this process is far larger than a TAB press.
            sample = replace(measure.run(member.argv, member.env), max_rss_kib=0)
        else:
            limits = [*self.limits, *(self.memory if member.how == "ours" else [])]
            keep = member.keep and not runs.samples
            sample = _timed(member.argv, member.env, limits=limits, check=False, keep_stdout=keep)
            runs.output, sample = runs.output or sample.stdout, replace(sample, stdout=b"")
        if sample.status in TIMED_OUT:
            runs.stopped = f"stopped at {self.limits[-1]} s"
        elif sample.status != 0:
            said = sample.stderr.decode("utf-8", "replace").strip().splitlines()
            runs.stopped = f"exit {sample.status}: {said[-1][:80] if said else 'no message'}"
        runs.samples.append(sample)

    def alternate(self, group: Sequence[Member]) -> list[list[float]]:
        """`--runs` rounds of every member of `group`, in turn (reversed every other round);
        per round, the first member's time over each member's, while both ran whole."""
        ratios: list[list[float]] = [[] for _ in group]
        first = group[0].runs
        for round_ in range(self.runs):
            for member in group if round_ % 2 == 0 else list(reversed(group)):
                self.once(member)
            for index, member in enumerate(group):
                runs = member.runs
                if first.usable and runs.usable and len(runs.samples) == len(first.samples):
                    ratios[index].append(first.samples[-1].seconds / runs.samples[-1].seconds)
        return ratios


# Reads the three answers (files) and prints the ids each holds, in order, one answer a line:
# eastsyria's and DuckDB's JSON arrays, sqlite3's views (or records) one after another.
COMPARE = """
import json, sys
def ids(path):
    text = open(path, encoding="utf-8").read()
    if path.endswith(".lines"):
        found, at, decoder = [], 0, json.JSONDecoder()
        while True:
            while at < len(text) and text[at].isspace():
                at += 1
            if at == len(text):
                return found
            item, at = decoder.raw_decode(text, at)
            found.append(item["id"])
    return [event["id"] for event in json.loads(text)] if text.strip() else []
answers = [ids(path) for path in sys.argv[1:]]
for answer in answers:
    print(len(answer), hash(tuple(answer)), hash(tuple(sorted(answer))))
"""


def _answers_agree(argvs: dict[str, list[str]], env: dict[str, str], folder: Path) -> list[str]:
    """Each command's answer into a file, compared by another process (this one stays small):
    the disagreements, in words; the number of events is kept in the first line."""
    files = {
        name: folder / f"answer-{index}.{'lines' if name == 'sqlite3' else 'json'}"
        for index, name in enumerate(argvs)
    }
    for name, argv in argvs.items():
        with files[name].open("wb") as out:
            subprocess.run(argv, stdout=out, env=env, check=True)
    compared = subprocess.run(
        [sys.executable, "-c", COMPARE, *map(str, files.values())],
        capture_output=True,
        text=True,
        check=True,
    )
    for file in files.values():
        file.unlink()
    rows = [line.split() for line in compared.stdout.splitlines()]
    names = list(argvs)
    found = [f"{rows[0][0]}"]
    for name, row in zip(names[1:], rows[1:], strict=True):
        if row[2] != rows[0][2]:
            found.append(f"{name} finds other events than eastsyria ({row[0]}, not {rows[0][0]})")
        elif row[1] != rows[0][1]:
            found.append(f"{name} finds the same events in another order")
    return found


def store_file(cache: Path, data: Path) -> Path | None:
    """The store of `data` in the cache: by the name the program gives it, else the newest."""
    from eastsyria.data import stores

    folder = cache / "stores"
    named = folder / stores._name(data)
    if named.exists():
        return named
    found = sorted(folder.glob("*.sqlite3"), key=lambda path: path.stat().st_mtime)
    return found[-1] if found else None


def floor_query(store: Path, places: list[str], date_from: str) -> str:
    """sqlite3's query: the stored records of the answer's events, in the answer's order."""
    import sqlite3

    connection = sqlite3.connect(f"{store.as_uri()}?mode=ro", uri=True)
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    connection.close()
    quoted = ", ".join("'" + place.replace("'", "''") + "'" for place in places)
    # The benchmark's own place ids and date, quoted: nothing a user typed.
    where = (
        f"WHERE events.latest >= '{date_from}' AND events.n IN "  # noqa: S608
        f"(SELECT event FROM event_places WHERE place IN ({quoted}))"
    )
    if "views" in tables:
        # A store that keeps each event's view already serialised (format 7 on: the `views`
        # table) is read for it, the bytes `events -f json` writes; else the record.
        return (
            "SELECT views.json FROM views JOIN events ON events.n = views.n "  # noqa: S608
            f"{where} ORDER BY events.n"
        )
    return f"SELECT body FROM events {where} ORDER BY earliest, latest, id"  # noqa: S608


def measure_events(
    size: Size, args: argparse.Namespace, env: dict[str, str], run: Runner, folder: Path | None
) -> None:
    data = [*measure.program(), "--data", str(size.path)]
    query = [*data, "events", "--from", args.date_from, "--place", args.place]
    argvs = {"eastsyria": [*query, "-f", "json"]}
    if folder is not None:
        argvs["DuckDB"] = parquet.query(
            folder, "events", place=args.place, date_from=args.date_from
        )
    store = store_file(Path(env["EASTSYRIA_CACHE_DIR"]), size.path)
    if store is None:
        size.notes.append(
            "no store in the cache: the file is under the threshold (sqlite3 not run)"
        )
    else:
        places = parquet.inside(folder, args.place) if folder else place_ids(size.path, args.place)
        argvs["sqlite3"] = [
            "sqlite3",
            "-readonly",
            str(store),
            floor_query(store, places, args.date_from),
        ]
    found, *disagreements = _answers_agree(argvs, env, args.out)
    size.found = int(found)
    for disagreement in disagreements:
        size.notes.append(f"{disagreement}: its ratio is not judged")
        argvs.pop(disagreement.split()[0])
    group = [Member(argvs["eastsyria"], env, size.of("events -f json"))]
    group += [
        Member(argv, env, size.of(name), "theirs")
        for name, argv in argvs.items()
        if name != "eastsyria"
    ]
    group += [Member([*query, "-f", fmt], env, size.of(f"events -f {fmt}")) for fmt in FORMATS[1:]]
    ratios = run.alternate(group)
    compared = [*list(argvs)[1:], *FORMATS[1:]]
    for name, values in zip(compared, ratios[1:], strict=True):
        if name in FORMATS:  # jsonl and csv over json, not json over them
            size.ratios[f"{name}/json"] = [1 / value for value in values]
        else:
            size.ratios[f"json/{name}"] = values
    run.alternate([Member([*data, "events", "-f", "jsonl"], env, size.of("every event -f jsonl"))])


# What eastsyria's human output and DuckDB's rows must share, line by line: the columns
# (tab-separated) that each prints of the same thing.
SAME_COLUMNS = {
    "control": ([0, 2, 3, 8], [0, 2, 3, 8]),  # place, changes, last holder, its event
    "casualties": ([1, -1], [0, -1]),  # claim number, event
    "disputes": ([0, 1], [0, 1]),  # dispute, event
}
MONTH_COUNT = re.compile(r"^(\d{4}-\d{2})[ \t]+([\d,]+)(?:\s|$)", re.MULTILINE)


def _disagreement(command: str, ours: bytes, theirs: bytes) -> str:
    """How DuckDB's answer differs from eastsyria's, where they print the same thing."""
    mine, its = ours.decode("utf-8", "replace"), theirs.decode("utf-8", "replace")
    if command in SAME_COLUMNS:
        columns = SAME_COLUMNS[command]
        keys = [
            [tuple(line.split("\t")[c] for c in wanted) for line in text.splitlines() if line]
            for text, wanted in zip((mine, its), columns, strict=True)
        ]
        return "" if keys[0] == keys[1] else f"{len(keys[1])} rows, not {len(keys[0])} the same"
    if command == "stats":  # the events per month
        months = [
            [(month, count.replace(",", "")) for month, count in MONTH_COUNT.findall(text)]
            for text in (mine, its)
        ]
        return "" if months[0] == months[1] else "other counts per month"
    return ""  # timeline: its picture and DuckDB's rows share no text to compare


def measure_aggregates(size: Size, env: dict[str, str], run: Runner, folder: Path | None) -> None:
    data = [*measure.program(), "--data", str(size.path)]
    for command in AGGREGATES:
        ours = size.of(command)
        group = [Member([*data, command], env, ours, keep=folder is not None)]
        if folder is not None:
            theirs = size.of(f"DuckDB {command}")
            group.append(Member(parquet.query(folder, command), env, theirs, "theirs", True))
        ratios = run.alternate(group)[-1] if folder is not None else []
        if folder is not None and ours.usable and theirs.usable:
            differs = _disagreement(command, ours.output, theirs.output)
            if differs:
                size.notes.append(f"DuckDB's `{command}` answers otherwise ({differs}): not judged")
                ratios = []
            ours.output = theirs.output = b""
        size.ratios[command] = ratios
        print(f"  {command}: {ours.spread()}", flush=True)


def page_load_seconds(path: Path, runs: int) -> list[float]:
    """Chromium's own time from navigation to the end of the load event, each in a new tab."""
    sys.path.insert(0, str(measure.CHECKOUT / "tests"))
    from browser import Browser

    timing = "performance.getEntriesByType('navigation')[0].loadEventEnd"
    with Browser() as browser:
        return [browser.open(path.as_uri()).evaluate(timing) / 1000 for _ in range(runs)]


def measure_pictures(
    size: Size, args: argparse.Namespace, env: dict[str, str], run: Runner
) -> None:
    data = [*measure.program(), "--data", str(size.path)]
    for name, words in PICTURES.items():
        target = args.out / f"budgets-{size.events}-{name.split()[0]}"
        argv = [*data, *(word.format(target) for word in words)]
        written = Path(argv[-1])
        written.unlink(missing_ok=True)
        run.alternate([Member(argv, env, size.of(name))])
        if written.exists() and size.of(name).usable:
            size.file_mb[name] = written.stat().st_size / 1e6
            if args.chromium:
                size.load_seconds[name] = page_load_seconds(written, run.runs)
            written.unlink()
        print(f"  {name}: {size.of(name).spread()}", flush=True)


def measure_tab(size: Size, env: dict[str, str], run: Runner) -> None:
    program = measure.program()
    words = ["eastsyria", "--data", str(size.path), "events", "--place", "Ab"]
    bare = [sys.executable, "-c", "pass"]
    for shell, protocol in PROTOCOLS.items():
        tab_env = {**env, **protocol(words)}
        offered = measure.checked(program, tab_env, f"a TAB press ({shell})").stdout.decode()
        if "Abu" not in offered:
            size.notes.append(f"the TAB press ({shell}) did not offer Abu Kamal: {offered[:80]!r}")
        for _ in range(2):  # each pair twice as many times: these are short
            ratios = run.alternate(
                [
                    Member(program, tab_env, size.of(f"TAB {shell}"), "bare"),
                    Member(bare, env, size.of(f"python -c pass ({shell})"), "bare"),
                ]
            )
            size.ratios.setdefault(f"TAB {shell}", []).extend(ratios[1])


def prepare(size: Size, args: argparse.Namespace, env: dict[str, str]) -> Path | None:
    """The file (generated if missing), the store built (one query), the Parquet export."""
    if not size.path.exists():
        started = time.perf_counter()
        synthetic.write(size.path, size.events, args.seed)
        size.generated = True
        print(f"generated {size.path} in {time.perf_counter() - started:.1f} s", flush=True)
    started = time.perf_counter()
    query = [*measure.program(), "--data", str(size.path), "events", "--place", args.place]
    measure.checked([*query, "--limit", "1"], env, "the query that builds the store")
    print(
        f"{size.events:,} events: store ready in {time.perf_counter() - started:.1f} s", flush=True
    )
    if not args.duckdb:
        return None
    started = time.perf_counter()
    folder = parquet.export(size.path, args.out)
    print(f"  Parquet ready in {time.perf_counter() - started:.1f} s ({folder})", flush=True)
    return folder


@dataclass
class Check:
    """One budget: what, where, the value measured against its limit (None: not measured)."""

    what: str
    where: str
    value: float | None
    limit: float
    unit: str = "x"
    why_not: str = ""

    @property
    def met(self) -> bool:
        return self.value is not None and self.value <= self.limit

    def row(self) -> list[str]:
        if self.value is None:
            shown = self.why_not or "not measured"
            verdict = "not measured" if self.why_not in UNMEASURABLE else "**MISSED**"
        else:
            shown = f"{self.value:.2f}{self.unit}"
            verdict = "met" if self.met else "**MISSED**"
        return [self.what, self.where, shown, f"<= {self.limit:g}{self.unit}", verdict]


def _median_ratio(size: Size, key: str) -> float | None:
    values = size.ratios.get(key, [])
    return measure.median(values) if values else None


def _why(size: Size, *names: str) -> str:
    for name in names:
        runs = size.runs.get(name)
        if runs is None or not runs.samples:
            return f"{name}: not run"
        if runs.stopped:
            return f"{name}: {runs.stopped}"
    return ""


def checks(sizes: list[Size], tab: Size, args: argparse.Namespace) -> list[Check]:
    large, small = sizes[-1], sizes[0]
    at = f"{large.events:,}"
    found: list[Check] = []
    for key, limit in (
        ("json/DuckDB", EVENTS_DUCKDB),
        ("json/sqlite3", EVENTS_SQLITE),
        ("jsonl/json", 1.0),
        ("csv/json", 1.0),
    ):
        against = key.split("/")[1]
        why = "DuckDB not installed" if against == "DuckDB" and not args.duckdb else ""
        name = f"events -f {key.split('/')[0]}"
        found.append(
            Check(
                f"`{name}` / {against}",
                at,
                _median_ratio(large, key),
                limit,
                why_not=why or _why(large, name),
            )
        )
    if len(sizes) > 1:
        every = "every event -f jsonl"
        growth = None
        if large.of(every).usable and small.of(every).usable:
            growth = large.of(every).rss_mib() / small.of(every).rss_mib()
        found.append(
            Check(
                f"peak memory of `events -f jsonl` (every event), {small.events:,}"
                f" -> {large.events:,}",
                "both",
                growth,
                MEMORY_GROWTH,
                why_not=_why(large, every) or _why(small, every),
            )
        )
    for command in AGGREGATES:
        why = "DuckDB not installed" if not args.duckdb else _why(large, command)
        found.append(
            Check(
                f"`{command}` / DuckDB",
                at,
                _median_ratio(large, command),
                AGGREGATE_DUCKDB,
                why_not=why,
            )
        )
    for name in PICTURES:
        runs, why = large.of(name), _why(large, name)
        usable = runs.usable
        found.append(
            Check(
                f"`{name}` time", at, runs.median() if usable else None, PICTURE_SECONDS, " s", why
            )
        )
        found.append(
            Check(
                f"`{name}` peak memory",
                at,
                runs.rss_mib() if usable else None,
                PICTURE_MIB,
                " MiB",
                why,
            )
        )
        found.append(
            Check(
                f"`{name}` file", at, large.file_mb.get(name), PICTURE_MB, " MB", why or "no file"
            )
        )
        loads = large.load_seconds.get(name)
        found.append(
            Check(
                f"`{name}` Chromium load",
                at,
                measure.median(loads) if loads else None,
                PICTURE_LOAD,
                " s",
                why or ("no chromium" if not args.chromium else "no file"),
            )
        )
    if len(sizes) > 1:
        for name, time_growth, _ in growth_rows(small, large):
            found.append(
                Check(
                    f"growth of `{name}`",
                    f"{small.events:,} -> {at}",
                    time_growth,
                    TIME_GROWTH,
                    why_not=_why(large, name) or _why(small, name),
                )
            )
    for size in dict.fromkeys([tab, large]):
        for shell in PROTOCOLS:
            key = f"TAB {shell}"
            found.append(
                Check(
                    f"TAB ({shell}) / `python -c pass`",
                    f"{size.events:,}",
                    _median_ratio(size, key),
                    TAB_BUDGET,
                    why_not=_why(size, key),
                )
            )
    for check in found:  # a figure missing for no reason of the machine's is a miss
        if check.value is None and not check.why_not:
            check.why_not = "no figure (see the notes)"
    return found


def growth_rows(small: Size, large: Size) -> list[tuple[str, float | None, float | None]]:
    """Every eastsyria command measured at both sizes: its time and memory, large / small."""
    rows = []
    names = [f"events -f {fmt}" for fmt in FORMATS] + ["every event -f jsonl"]
    for name in [*names, *AGGREGATES, *PICTURES]:
        a, b = small.runs.get(name), large.runs.get(name)
        if a is None or b is None:
            continue
        if a.usable and b.usable:
            rows.append((name, b.median() / a.median(), b.rss_mib() / a.rss_mib()))
        else:
            rows.append((name, None, None))
    return rows


def markdown(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


COMPARED = {
    "events -f json": [("DuckDB", "json/DuckDB"), ("sqlite3", "json/sqlite3")],
    "events -f jsonl": [("events -f json", "jsonl/json")],
    "events -f csv": [("events -f json", "csv/json")],
    **{command: [(f"DuckDB {command}", command)] for command in AGGREGATES},
}


def figures(size: Size) -> list[list[str]]:
    rows = []
    for name, runs in size.runs.items():
        if name.startswith(("DuckDB", "python -c pass", "sqlite3")):
            continue
        against = COMPARED.get(name, [])
        if name.startswith("TAB "):
            against = [(f"python -c pass ({name[4:]})", name)]
        extra = ""
        if name in size.file_mb:
            loads = size.load_seconds.get(name)
            extra = f"{size.file_mb[name]:.1f} MB" + (
                f", loads in {measure.median(loads):.2f} s" if loads else ""
            )
        # A run that was stopped has no peak of its own to show (GNU time saw `timeout`'s).
        memory = f"{runs.rss_mib():,.0f} MiB" if runs.usable and runs.rss_mib() else "-"
        if not against:
            rows.append([f"`{name}`", runs.spread(), memory, extra or "-", "-", "-"])
        for other, key in against:
            theirs = size.runs.get(other) if other in size.runs else size.runs.get(other.split()[0])
            value = _median_ratio(size, key)
            shown = "-"
            if theirs is not None and theirs.samples:
                shown = f"{other.split(' (')[0]}: {theirs.spread()}"
                shown += f", {theirs.rss_mib():,.0f} MiB" if theirs.rss_mib() else ""
            rows.append(
                [
                    f"`{name}`",
                    runs.spread(),
                    memory,
                    extra or "-",
                    shown,
                    f"{value:.2f}x" if value is not None else "-",
                ]
            )
    return rows


def report(
    sizes: list[Size],
    tab: Size,
    args: argparse.Namespace,
    startup_rows: list[list[str]],
    startup_met: bool,
) -> bool:
    print()
    header = [
        "command",
        "time min / median / max",
        "peak memory",
        "file",
        "compared with",
        "ratio (median of pairs)",
    ]
    for size in dict.fromkeys([tab, *sizes]):
        answer = f"; answer of the query: {size.found:,} events" if size in sizes else ""
        print(f"### {size.events:,} events ({size.path.name}{answer})\n")
        print(markdown(header, figures(size)))
        for note in size.notes:
            print(f"\n- {note}")
        print()
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        print(f"### Growth from {small.events:,} to {large.events:,} events\n")
        rows = [
            [f"`{name}`", "-" if t is None else f"{t:.2f}x", "-" if m is None else f"{m:.2f}x"]
            for name, t, m in growth_rows(small, large)
        ]
        print(markdown(["command", "time", "peak memory"], rows))
        print()
    print("### Start-up (curated dataset, benchmarks/startup.py's cases)\n")
    print(
        markdown(
            ["case", "median", "`python -c pass`", "median ratio", "budget", "heavy imports"],
            startup_rows,
        )
    )
    print()
    found = checks(sizes, tab, args)
    print("### Budgets\n")
    print(markdown(["budget", "at", "measured", "limit", "verdict"], [c.row() for c in found]))
    print()
    print(
        f"medians of {args.runs} runs (a TAB press and `python -c pass`: {args.runs * 2}); "
        "ratios: the median over rounds of the pair's times; wall time from start to reaped, "
        "peak RSS as GNU time reports it; output into a pipe"
    )
    return startup_met and all(c.met or c.why_not in UNMEASURABLE for c in found)


def measure_startup(args: argparse.Namespace) -> tuple[list[list[str]], bool]:
    """benchmarks/startup.py's cases, alternating with `python -c pass`, and their imports."""
    env = measure.child_env(args.out / "cache-startup")
    program = measure.program()
    for case in startup.CASES:  # warm-up: the cache filled, the output checked
        measure.run(case.argv(program), {**env, **case.env})
        startup.check_output(
            case, measure.checked(case.argv(program), {**env, **case.env}, case.name)
        )
    figures_ = startup.alternate(startup.CASES, program, env, args.startup_runs)
    rows, met = [], True
    for case in startup.CASES:
        figure = figures_[case.name]
        imports = startup.heavy_imports(program, case, env)
        unneeded = [name for name in imports if name not in case.needs]
        ok = figure.ratio() <= case.budget and not unneeded
        met &= ok
        rows.append(
            [
                case.name,
                measure.ms(figure.seconds()),
                measure.ms(figure.bare_seconds()),
                f"{figure.ratio():.2f}x",
                f"<= {case.budget:g}x " + ("met" if ok else "**MISSED**"),
                ", ".join(imports) or "none",
            ]
        )
    return rows, met


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", help="event counts, comma-separated (default 100000,1000000)")
    parser.add_argument("--runs", type=int, help="runs of each (default 3)")
    parser.add_argument(
        "--file",
        action="append",
        default=[],
        metavar="N=PATH",
        help="use PATH as the file of N events (never deleted)",
    )
    parser.add_argument(
        "--tab-size", type=int, help="TAB press on a file this size (default 10000)"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a smoke test: 200 and 2,000 events through the store, 1 run",
    )
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--place", default="Abu Kamal District", help="a place with others in it")
    parser.add_argument("--from", dest="date_from", default="2017-11-01", help="ISO date")
    parser.add_argument("--limit", type=float, default=120.0, help="seconds a run may take (120)")
    parser.add_argument(
        "--memory",
        type=float,
        default=6.0,
        help="GiB of address space an eastsyria run may take (6)",
    )
    parser.add_argument("--startup-runs", type=int, help="start-up: alternating runs (default 15)")
    parser.add_argument("--out", type=Path, default=measure.OUT, help="where files are written")
    parser.add_argument(
        "--cache",
        type=Path,
        help="the program's cache (kept; default: a new one in --out, removed at the end)",
    )
    parser.add_argument(
        "--no-chromium",
        dest="chromium",
        action="store_false",
        help="do not load the pictures in Chromium",
    )
    parser.add_argument("--keep-files", action="store_true", help="keep generated files")
    args = parser.parse_args(argv)
    quick = args.quick
    args.sizes = args.sizes or ("200,2000" if quick else "100000,1000000")
    args.runs = args.runs or (1 if quick else 3)
    args.tab_size = args.tab_size or (200 if quick else 10_000)
    args.startup_runs = args.startup_runs or (2 if quick else 15)
    counts = sorted({int(part) for part in args.sizes.split(",") if part.strip()})
    given = {int(n): Path(p) for n, _, p in (item.partition("=") for item in args.file)}
    args.duckdb = parquet.available()
    if args.chromium and shutil.which("chromium") is None:
        args.chromium = False
    args.out.mkdir(parents=True, exist_ok=True)
    cache = args.cache or args.out / "cache-budgets"
    # The quick mode's files are small: the store is forced for them (0 MB), not for TAB's.
    forced = {"EASTSYRIA_STORE_MIN_MB": "0"} if quick else {}
    env = measure.child_env(cache, **forced)
    plain_env = measure.child_env(cache)

    def size_of(n: int) -> Size:
        path = given.get(n) or args.out / f"synthetic-{n}-seed{args.seed}.json"
        return Size(n, path)

    print(f"issue 27's budgets; query: events --from {args.date_from} --place {args.place!r}")
    print(measure.describe_environment(False))
    if not args.duckdb:
        print("duckdb is not installed (pip install -e '.[bench]'): its column is left empty")
    if not args.chromium:
        print("no chromium: the pictures' load times are not measured")
    run = Runner(args)
    sizes = [size_of(n) for n in counts]
    tab = next((size for size in sizes if size.events == args.tab_size), size_of(args.tab_size))
    started = time.perf_counter()
    try:
        for size in sizes:
            folder = prepare(size, args, env)
            measure_events(size, args, env, run, folder)
            print(f"  events: {size.of('events -f json').spread()}", flush=True)
            measure_aggregates(size, env, run, folder)
            measure_pictures(size, args, env, run)
            measure_tab(size, env, run)
        if tab not in sizes:
            if not tab.path.exists():
                synthetic.write(tab.path, tab.events, args.seed)
                tab.generated = True
            measure.run(
                [*measure.program(), "--data", str(tab.path), "events", "--limit", "1"], plain_env
            )
            measure_tab(tab, plain_env, run)
        startup_rows, startup_met = measure_startup(args)
    finally:
        if not args.keep_files:
            for size in [*sizes, tab]:
                if size.generated:
                    size.path.unlink(missing_ok=True)
            if args.cache is None:
                measure.clear(cache)
    met = report(sizes, tab, args, startup_rows, startup_met)
    print(
        f"\ntook {time.perf_counter() - started:.0f} s; "
        + ("all budgets met" if met else "BUDGET MISSED (see above)")
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
