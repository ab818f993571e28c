"""The same query on country-sized data files, against jq running the equivalent filter.

For each size, a synthetic file (benchmarks/synthetic.py: fixed seed, the project's schema)
is generated and checked with `eastsyria validate`; then

    eastsyria --data FILE events --from 2017-11-01 --place "Abu Kamal District" --format json

and jq with the same filter (events whose date.latest >= 2017-11-01 and whose places include
the place or any place inside it, printed as a JSON array) run alternately, `--runs` times
each, both into a pipe. Figures: median wall time and median peak RSS per child process
(os.wait4). The cache is warm for the timed runs; the cold first run (validation and caching)
is reported beside them. Both programs must find the same events.

    python benchmarks/scale.py                        # 10,000 and 100,000 events
    python benchmarks/scale.py --sizes 10000 --runs 5

Budget at 100,000 events (and any larger size asked): time <= 1.0x jq's, peak memory <= 2.5x
jq's. Exit status 0 when met, 1 when missed.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import measure
import synthetic
from measure import Sample

TIME_BUDGET = 1.0
MEMORY_BUDGET = 2.5
BUDGET_SIZE = 100_000

# The query's filter in jq: the place by its name, every place whose chain of parents reaches
# it, then the events that overlap the dates (latest >= from) at any of those places.
JQ_FILTER = """
(.places | map({key: .id, value: .parent}) | from_entries) as $parent
| ([.places[] | select(.name == $place) | .id] | first) as $target
| def inside: any(recurse($parent[.] // empty); . == $target);
  ([.places[].id | select(inside) | {key: ., value: true}] | from_entries) as $set
| [.events[] | select(.date.latest >= $from and any(.places[]; $set[.]))]
"""


@dataclass
class Size:
    """Every figure for one data file."""

    events: int
    path: Path
    file_bytes: int = 0
    validate: Sample | None = None
    cold: Sample | None = None
    ours: list[Sample] = field(default_factory=list)
    jq: list[Sample] = field(default_factory=list)
    found: int = 0

    def seconds(self, samples: list[Sample]) -> float:
        return measure.median([s.seconds for s in samples])

    def rss(self, samples: list[Sample]) -> float:
        return measure.median([s.max_rss_kib for s in samples])

    def time_ratio(self) -> float:
        return self.seconds(self.ours) / self.seconds(self.jq)

    def memory_ratio(self) -> float:
        return self.rss(self.ours) / self.rss(self.jq)


def ids_of(sample: Sample) -> list[str]:
    return [event["id"] for event in json.loads(sample.stdout)]


def measure_size(
    size: Size, program: list[str], jq: str, env: dict[str, str], args: argparse.Namespace
) -> None:
    started = time.perf_counter()
    synthetic.write(size.path, size.events, args.seed)
    size.file_bytes = size.path.stat().st_size
    print(
        f"{size.events:,} events: generated {size.path} ({size.file_bytes / 1e6:.1f} MB) "
        f"in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    size.validate = measure.checked([*program, "validate", str(size.path)], env, "validate")
    print(f"  {size.validate.stdout.decode().strip()}", flush=True)

    ours = [*program, "--data", str(size.path), "events", "--from", args.date_from]
    ours += ["--place", args.place, "--format", "json"]
    theirs = [jq, "--arg", "place", args.place, "--arg", "from", args.date_from, JQ_FILTER]
    theirs.append(str(size.path))

    cache = Path(env["EASTSYRIA_CACHE_DIR"])
    measure.clear(cache)
    size.cold = measure.checked(ours, env, "the cold query")
    reference = measure.checked(theirs, env, "jq")
    mine = ids_of(size.cold)
    if sorted(mine) != sorted(ids_of(reference)) or len(set(mine)) != len(mine):
        raise SystemExit(f"eastsyria and jq disagree on {size.path}: the filters differ")
    size.found = len(mine)
    for round_ in range(args.runs):
        pair = [(size.ours, ours), (size.jq, theirs)]
        for samples, argv in pair if round_ % 2 == 0 else reversed(pair):
            sample = measure.run(argv, env)
            if sample.status != 0:
                raise SystemExit(f"failed: {measure.shell(argv)}")
            samples.append(sample)
    print(
        f"  {size.found:,} matching events; eastsyria {measure.sec(size.seconds(size.ours))}, "
        f"jq {measure.sec(size.seconds(size.jq))}",
        flush=True,
    )


def report(sizes: list[Size], args: argparse.Namespace) -> bool:
    """Print the figures; True when the budget at the largest size is met."""
    rows = []
    for size in sizes:
        assert size.cold is not None
        assert size.validate is not None
        rows.append(
            [
                f"{size.events:,}",
                f"{size.file_bytes / 1e6:.1f} MB",
                f"{size.found:,}",
                measure.sec(size.seconds(size.ours)),
                measure.sec(size.seconds(size.jq)),
                measure.ratio(size.time_ratio()),
                measure.mib(size.rss(size.ours)),
                measure.mib(size.rss(size.jq)),
                measure.ratio(size.memory_ratio()),
                f"{measure.sec(size.cold.seconds)} / {measure.mib(size.cold.max_rss_kib)}",
                measure.sec(size.validate.seconds),
            ]
        )
    header = [
        "events",
        "file",
        "found",
        "eastsyria",
        "jq",
        "time ratio",
        "eastsyria RSS",
        "jq RSS",
        "memory ratio",
        "cold first run",
        "validate",
    ]
    print()
    print(measure.table(header, rows))
    print(f"  medians of {args.runs} alternating runs each, warm cache; RSS = peak per process")
    print("  cold first run: empty cache (validation with pydantic, then the cache is written)")
    print("  validate: `eastsyria validate FILE` (never uses the cache)")

    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        factor = large.events / small.events
        print()
        print(f"growth from {small.events:,} to {large.events:,} events ({factor:g}x the data):")
        growth = [
            [
                "eastsyria",
                measure.ratio(large.seconds(large.ours) / small.seconds(small.ours)),
                measure.ratio(large.rss(large.ours) / small.rss(small.ours)),
            ],
            [
                "jq",
                measure.ratio(large.seconds(large.jq) / small.seconds(small.jq)),
                measure.ratio(large.rss(large.jq) / small.rss(small.jq)),
            ],
        ]
        print(measure.table(["program", "time", "peak memory"], growth))

    # The budget is set for country-sized data: 100,000 events (and any larger size asked).
    judged = [size for size in sizes if size.events >= BUDGET_SIZE]
    met = True
    print()
    for size in judged:
        time_ok = size.time_ratio() <= TIME_BUDGET
        memory_ok = size.memory_ratio() <= MEMORY_BUDGET
        met &= time_ok and memory_ok
        print(
            f"budget at {size.events:,} events: time "
            f"{measure.ratio(size.time_ratio())} {measure.verdict(size.time_ratio(), TIME_BUDGET)}"
            f", memory {measure.ratio(size.memory_ratio())} "
            f"{measure.verdict(size.memory_ratio(), MEMORY_BUDGET)}"
        )
    if not judged:
        print(f"no budget judged: it is set for {BUDGET_SIZE:,} events and more")
    return met


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="10000,100000",
        help="event counts, comma-separated (default 10000,100000)",
    )
    parser.add_argument("--runs", type=int, default=5, help="alternating runs (default 5)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--place", default="Abu Kamal District", help="a place with others in it")
    parser.add_argument("--from", dest="date_from", default="2017-11-01", help="ISO date")
    parser.add_argument("--out", type=Path, default=measure.OUT, help="where files are written")
    parser.add_argument("--jq", default=shutil.which("jq") or "jq", help="the jq to compare with")
    parser.add_argument("--keep-env", action="store_true", help="keep PYTHONUNBUFFERED and such")
    parser.add_argument("--keep-files", action="store_true", help="keep the generated files")
    args = parser.parse_args(argv)
    try:
        counts = sorted({int(part) for part in args.sizes.split(",") if part.strip()})
    except ValueError:
        parser.error(f"--sizes {args.sizes!r}: give event counts such as 10000,100000")
    if not counts or counts[0] < 1 or args.runs < 1:
        parser.error("--sizes and --runs must be 1 or more")
    if shutil.which(args.jq) is None:
        parser.error(f"jq not found ({args.jq}); install it or pass --jq PATH")

    env = measure.child_env(args.out / "cache-scale", keep_env=args.keep_env)
    program = measure.program()
    jq_version = measure.checked([args.jq, "--version"], env, "jq --version").stdout.decode()
    print(f"eastsyria at scale: {measure.shell(program)} against {jq_version.strip()}")
    print(f"query: events --from {args.date_from} --place {args.place!r} --format json")
    print(measure.describe_environment(args.keep_env))
    print()

    sizes = [Size(n, args.out / f"synthetic-{n}-seed{args.seed}.json") for n in counts]
    try:
        for size in sizes:
            measure_size(size, program, args.jq, env, args)
    finally:
        if not args.keep_files:
            for size in sizes:
                size.path.unlink(missing_ok=True)
        measure.clear(Path(env["EASTSYRIA_CACHE_DIR"]))
    return 0 if report(sizes, args) else 1


if __name__ == "__main__":
    sys.exit(main())
