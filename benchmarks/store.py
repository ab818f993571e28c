"""The indexed store at a million events: every budget of issue 15, measured in one run.

For each size, a synthetic file (benchmarks/synthetic.py: fixed seed, the project's schema) is
generated, and these run as child processes (wall time from start to reaped, peak RSS from
os.wait4), each into a pipe:

- first run: `events --from 2017-11-01 --place "Abu Kamal District" --format json` with an
  empty cache, so the file is validated in a stream into a new store;
- warm query: the same, `--runs` times, alternating with jq running the same filter
  (scale.JQ_FILTER) over the same file; both must find the same events;
- DuckDB: the same filter in DuckDB's `read_json` over the events as newline-delimited JSON
  (what a power user would pick instead), if the `duckdb` package is importable;
- a TAB press: `eastsyria --data FILE events --place Ab<TAB>` (bash's protocol), against
  `python -c pass`;
- `timeline` and `stats` of every event (their human output, piped);
- two answers that do not grow with the data: the same query's first 20 events
  (`--limit 20`) and `show ID` of one of them.

    python benchmarks/store.py                                  # 100,000 and 1,000,000 events
    python benchmarks/store.py --sizes 100000 --runs 3

Budgets (at the largest size unless said): warm query <= 0.1x jq's wall time and <= 0.25x
its peak memory; first run <= 2x jq's wall time and <= 1x its peak memory; a TAB press <= 6x
`python -c pass`; `timeline` and `stats` over 100,000 events <= 2 s each. Exit status 0 when
every budget is met, 1 when one is missed.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import measure
import synthetic
from measure import Sample
from scale import JQ_FILTER

WARM_TIME, WARM_MEMORY = 0.1, 0.25
FIRST_TIME, FIRST_MEMORY = 2.0, 1.0
TAB_BUDGET = 6.0
SUMMARY_SECONDS, SUMMARY_SIZE = 2.0, 100_000

DUCKDB_QUERY = """
import duckdb, sys
places = sys.argv[2].split(",")
found = duckdb.sql(
    "SELECT id FROM read_json(?, format='newline_delimited', maximum_object_size=104857600) "
    "WHERE date.latest >= ? AND list_has_any(places, ?::VARCHAR[])",
    params=[sys.argv[1], sys.argv[3], places],
).fetchall()
print("\\n".join(row[0] for row in found))
"""


@dataclass
class Size:
    events: int
    path: Path
    file_bytes: int = 0
    found: int = 0
    first: Sample | None = None
    warm: list[Sample] = field(default_factory=list)
    jq: list[Sample] = field(default_factory=list)
    duckdb: list[Sample] = field(default_factory=list)
    tab: list[Sample] = field(default_factory=list)
    python: list[Sample] = field(default_factory=list)
    timeline: list[Sample] = field(default_factory=list)
    stats: list[Sample] = field(default_factory=list)
    first_20: list[Sample] = field(default_factory=list)
    show: list[Sample] = field(default_factory=list)


def seconds(samples: list[Sample]) -> float:
    return measure.median([s.seconds for s in samples])


def rss(samples: list[Sample]) -> float:
    return measure.median([s.max_rss_kib for s in samples])


def spread(samples: list[Sample]) -> str:
    values = sorted(s.seconds for s in samples)
    return f"{values[0]:.2f} / {measure.median(values):.2f} / {values[-1]:.2f} s"


def place_ids(path: Path, name: str) -> list[str]:
    """The place named `name` and every place inside it, from the file's own gazetteer."""
    from eastsyria.data.stream import read_document

    places = read_document(path, {}, lambda _, __: None)["places"]
    parents = {place["id"]: place["parent"] for place in places}
    target = next(place["id"] for place in places if place["name"] == name)

    def inside(place: str | None) -> bool:
        while place is not None:
            if place == target:
                return True
            place = parents.get(place)
        return False

    return [place for place in parents if inside(place)]


def events_as_ndjson(path: Path, target: Path) -> None:
    """The file's events, one JSON object a line, read in a stream (by another process)."""
    script = (
        "import json, sys; from pathlib import Path; "
        "from eastsyria.data.stream import read_document; "
        "out = open(sys.argv[2], 'w', encoding='utf-8'); "
        "read_document(Path(sys.argv[1]), {}, lambda _, e: out.write(json.dumps(e) + '\\n'))"
    )
    subprocess.run([sys.executable, "-c", script, str(path), str(target)], check=True)


# Reads the two answers (files) and prints how many events they share, and one of them.
COMPARE = """
import json, sys
ours = [event["id"] for event in json.load(open(sys.argv[1], encoding="utf-8"))]
theirs = [event["id"] for event in json.load(open(sys.argv[2], encoding="utf-8"))]
if sorted(ours) != sorted(theirs) or len(set(ours)) != len(ours):
    sys.exit("eastsyria and jq disagree: the filters differ")
print(len(ours), ours[len(ours) // 2])
"""


def _same_events(
    ours: list[str], theirs: list[str], env: dict[str, str], folder: Path
) -> tuple[int, str]:
    """Both answers into files, compared by another process: this one stays small, since a
    child's peak RSS counts what it shares with this process when forked. The number of
    events found, and the id of the middle one."""
    answers = [folder / "answer-eastsyria.json", folder / "answer-jq.json"]
    for argv, answer in zip((ours, theirs), answers, strict=True):
        with answer.open("wb") as out:
            subprocess.run(argv, stdout=out, env=env, check=True)
    compared = subprocess.run(
        [sys.executable, "-c", COMPARE, *map(str, answers)],
        capture_output=True,
        text=True,
        check=False,
    )
    for answer in answers:
        answer.unlink()
    if compared.returncode != 0:
        raise SystemExit(compared.stderr.strip())
    count, middle = compared.stdout.split()
    return int(count), middle


def _without_output(sample: Sample) -> Sample:
    return Sample(sample.seconds, sample.max_rss_kib, sample.status, b"", b"")


# Peak RSS as GNU time reports it for the program alone: os.wait4's figure for a child of
# this process also counts the pages it shared with it when forked (all of this process's
# memory), which made every small child look as large as this benchmark.
GNU_TIME = Path("/usr/bin/time")


def _timed(
    argv: list[str],
    env: dict[str, str],
    *,
    limits: Sequence[str] = (),
    check: bool = True,
    keep_stdout: bool = False,
) -> Sample:
    """One run whose output is read and dropped (unless `keep_stdout`); it must succeed
    unless `check` is false (its stderr is then kept). `limits` is a command that runs `argv`
    within limits of time or memory (`timeout`, `prlimit`): GNU time then counts the largest
    process under it."""
    if not GNU_TIME.exists():
        sample = measure.run([*limits, *argv], env, keep_stdout=keep_stdout)
    else:
        with tempfile.NamedTemporaryFile("r", suffix=".rss") as report:
            timed = [str(GNU_TIME), "-f", "%M", "-o", report.name, *limits, *argv]
            sample = measure.run(timed, env, keep_stdout=keep_stdout)
            kib = int(report.read().split()[-1] or 0)
        sample = Sample(sample.seconds, kib, sample.status, sample.stdout, sample.stderr)
    if check and sample.status != 0:
        raise SystemExit(f"failed: {measure.shell(argv)}")
    return sample if not check else _without_output(sample)


def measure_size(size: Size, args: argparse.Namespace, env: dict[str, str]) -> None:
    program = measure.program()
    if not size.path.exists():
        started = time.perf_counter()
        synthetic.write(size.path, size.events, args.seed)
        print(f"generated {size.path} in {time.perf_counter() - started:.1f} s", flush=True)
    size.file_bytes = size.path.stat().st_size
    data = [*program, "--data", str(size.path)]
    ours = [*data, "events", "--from", args.date_from, "--place", args.place, "--format", "json"]
    theirs = [args.jq, "--arg", "place", args.place, "--arg", "from", args.date_from, JQ_FILTER]
    theirs.append(str(size.path))

    measure.clear(Path(env["EASTSYRIA_CACHE_DIR"]))
    size.first = _timed(ours, env)
    print(f"{size.events:,} events: first run {measure.sec(size.first.seconds)}", flush=True)
    size.found, middle = _same_events(ours, theirs, env, args.out)
    for round_ in range(args.runs):
        pair = [(size.warm, ours), (size.jq, theirs)]
        for samples, argv in pair if round_ % 2 == 0 else reversed(pair):
            samples.append(_timed(argv, env))

    if args.duckdb:
        ndjson = size.path.with_suffix(".ndjson")
        events_as_ndjson(size.path, ndjson)
        places = ",".join(place_ids(size.path, args.place))
        query = [sys.executable, "-c", DUCKDB_QUERY, str(ndjson), places, args.date_from]
        for _ in range(args.runs):
            sample = measure.checked(query, env, "duckdb")
            if len(sample.stdout.split()) != size.found:
                raise SystemExit("DuckDB's query finds other events than eastsyria's")
            size.duckdb.append(_without_output(sample))
        ndjson.unlink()

    words = ["eastsyria", "--data", str(size.path), "events", "--place", "Ab"]
    tab_env = {
        **env,
        "_EASTSYRIA_COMPLETE": "complete_bash",
        "COMP_WORDS": "\n".join(words),
        "COMP_CWORD": str(len(words) - 1),
    }
    offered = measure.checked(program, tab_env, "a TAB press").stdout.decode()
    if "Abu Kamal" not in offered.replace("\\ ", " "):
        raise SystemExit(f"the TAB press did not offer Abu Kamal: {offered[:200]!r}")
    for _ in range(args.runs * 2):
        size.tab.append(_timed(program, tab_env))
        size.python.append(_timed([sys.executable, "-c", "pass"], env))
    # Queries whose answer does not grow with the data: what the indexes alone decide.
    first_20 = [*ours, "--limit", "20"]
    show = [*data, "show", middle, "--format", "json"]
    for _ in range(args.runs):
        size.timeline.append(_timed([*data, "timeline"], env))
        size.stats.append(_timed([*data, "stats"], env))
        size.first_20.append(_timed(first_20, env))
        size.show.append(_timed(show, env))
    print(f"  measured: {size.found:,} matching events", flush=True)


def report(sizes: list[Size], args: argparse.Namespace) -> bool:
    rows = []
    for size in sizes:
        assert size.first is not None
        jq_time, jq_rss = seconds(size.jq), rss(size.jq)
        rows.append(
            [
                f"{size.events:,}",
                f"{size.file_bytes / 1e6:.0f} MB",
                f"{size.found:,}",
                f"{measure.sec(seconds(size.warm))} / {measure.mib(rss(size.warm))}",
                f"{seconds(size.warm) / jq_time:.3f}x / {rss(size.warm) / jq_rss:.3f}x",
                f"{measure.sec(size.first.seconds)} / {measure.mib(size.first.max_rss_kib)}",
                f"{size.first.seconds / jq_time:.2f}x / {size.first.max_rss_kib / jq_rss:.2f}x",
                f"{measure.sec(jq_time)} / {measure.mib(jq_rss)}",
                f"{seconds(size.duckdb) / jq_time:.3f}x" if size.duckdb else "-",
                f"{seconds(size.tab) / seconds(size.python):.2f}x",
                measure.sec(seconds(size.timeline)),
                measure.sec(seconds(size.stats)),
                measure.sec(seconds(size.first_20)),
                measure.sec(seconds(size.show)),
            ]
        )
    header = [
        "events",
        "file",
        "found",
        "warm query",
        "warm/jq",
        "first run",
        "first/jq",
        "jq",
        "DuckDB/jq",
        "TAB",
        "timeline",
        "stats",
        "--limit 20",
        "show",
    ]
    print()
    print(measure.table(header, rows))
    print(
        f"  wall time / peak RSS; medians of {args.runs} runs (TAB: {args.runs * 2}, against "
        "`python -c pass`); first run: empty cache, the store built"
    )
    for size in sizes:
        print(
            f"  {size.events:,}: warm query min/median/max {spread(size.warm)}; "
            f"jq {spread(size.jq)}; TAB {spread(size.tab)}, python -c pass {spread(size.python)}"
        )
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        assert small.first is not None
        assert large.first is not None
        print()
        print(f"growth from {small.events:,} to {large.events:,} events:")
        growth = [
            ["first run", large.first.seconds / small.first.seconds,
             large.first.max_rss_kib / small.first.max_rss_kib],
            ["warm query", seconds(large.warm) / seconds(small.warm),
             rss(large.warm) / rss(small.warm)],
            ["jq", seconds(large.jq) / seconds(small.jq), rss(large.jq) / rss(small.jq)],
            ["TAB press", seconds(large.tab) / seconds(small.tab), rss(large.tab) / rss(small.tab)],
            ["--limit 20", seconds(large.first_20) / seconds(small.first_20),
             rss(large.first_20) / rss(small.first_20)],
            ["show ID", seconds(large.show) / seconds(small.show),
             rss(large.show) / rss(small.show)],
        ]  # fmt: skip
        shown = [[name, measure.ratio(t), measure.ratio(m)] for name, t, m in growth]
        print(measure.table(["what", "time", "peak memory"], shown))
    return judge(sizes)


def judge(sizes: list[Size]) -> bool:
    largest = sizes[-1]
    assert largest.first is not None
    jq_time, jq_rss = seconds(largest.jq), rss(largest.jq)
    checks = [
        ("warm query time", seconds(largest.warm) / jq_time, WARM_TIME),
        ("warm query memory", rss(largest.warm) / jq_rss, WARM_MEMORY),
        ("first run time", largest.first.seconds / jq_time, FIRST_TIME),
        ("first run memory", largest.first.max_rss_kib / jq_rss, FIRST_MEMORY),
        ("TAB press", seconds(largest.tab) / seconds(largest.python), TAB_BUDGET),
    ]
    print()
    met = True
    for what, value, budget in checks:
        met &= value <= budget
        print(f"{what} at {largest.events:,} events: {value:.3f}x {measure.verdict(value, budget)}")
    for size in sizes:
        if size.events == SUMMARY_SIZE:
            for what, samples in (("timeline", size.timeline), ("stats", size.stats)):
                took = seconds(samples)
                met &= took <= SUMMARY_SECONDS
                ok = "met" if took <= SUMMARY_SECONDS else "MISSED"
                print(f"{what} over {size.events:,} events: {took:.2f} s {ok} (<= 2 s)")
    return met


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,1000000", help="event counts, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs of each (default 3)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--place", default="Abu Kamal District", help="a place with others in it")
    parser.add_argument("--from", dest="date_from", default="2017-11-01", help="ISO date")
    parser.add_argument("--out", type=Path, default=measure.OUT, help="where files are written")
    parser.add_argument("--jq", default=shutil.which("jq") or "jq", help="the jq to compare with")
    parser.add_argument("--keep-files", action="store_true", help="keep the generated files")
    args = parser.parse_args(argv)
    counts = sorted({int(part) for part in args.sizes.split(",") if part.strip()})
    if shutil.which(args.jq) is None:
        parser.error(f"jq not found ({args.jq}); install it or pass --jq PATH")
    try:
        import duckdb  # noqa: F401
    except ImportError:
        args.duckdb = False
        print("duckdb is not installed (pip install duckdb): its column is left empty")
    else:
        args.duckdb = True
    args.out.mkdir(parents=True, exist_ok=True)
    env = measure.child_env(args.out / "cache-store")
    print(f"the indexed store against jq and DuckDB; query: events --from {args.date_from} "
          f"--place {args.place!r} --format json")  # fmt: skip
    print(measure.describe_environment(False))
    sizes = [Size(n, args.out / f"synthetic-{n}-seed{args.seed}.json") for n in counts]
    try:
        for size in sizes:
            measure_size(size, args, env)
    finally:
        if not args.keep_files:
            for size in sizes:
                size.path.unlink(missing_ok=True)
        measure.clear(Path(env["EASTSYRIA_CACHE_DIR"]))
    return 0 if report(sizes, args) else 1


if __name__ == "__main__":
    sys.exit(main())
