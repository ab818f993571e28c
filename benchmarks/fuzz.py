"""The long fuzz run: many random whole runs of the program, on every core, each with a time
and a memory limit; what ends badly is counted by kind and the first seeds of each kind are
kept, so any finding can be run again alone.

    python benchmarks/fuzz.py                    # 100,000 runs, seeds 0..99,999
    python benchmarks/fuzz.py --runs 2000 --first 500000
    python benchmarks/fuzz.py --seed 1234 -v     # one case again, its command line shown
    python benchmarks/fuzz.py --processes --runs 4000   # each case a real process

The cases and what counts as ending badly are tests/security/fuzzcases.py's (a short run of
them is part of the test suite: tests/security/test_fuzz_cases.py). Here a run that takes
longer than --limit seconds counts as a hang, and one that needs more than --memory MB as
running out of memory (exit 1). Prints a table of the kinds, the seeds of the first few of
each, the runs per second and the wall time.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from types import FrameType

TESTS = Path(__file__).resolve().parents[1] / "tests"
sys.path[:0] = [str(TESTS), str(TESTS / "core")]


class Hang(BaseException):
    """A run over its time limit (a BaseException: nothing in the program catches it)."""


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise Hang


def _worker(
    seeds: list[int],
    limit: float,
    memory_mb: int,
    processes: bool,
    results: multiprocessing.Queue[object],
) -> None:
    from security import fuzzcases

    resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, memory_mb << 20))
    signal.signal(signal.SIGALRM, _on_alarm)
    base = Path(tempfile.mkdtemp(prefix="eastsyria-fuzz-"))
    os.environ["EASTSYRIA_CACHE_DIR"] = str(base / "cache")
    files = fuzzcases.prepare(base / "files")
    folder = base / "case"
    for seed in seeds:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        os.chdir(folder)
        case = fuzzcases.make_case(seed, files, folder)
        status: int | None
        if processes:
            status, found = fuzzcases.process_outcome(case, limit)
        else:
            signal.setitimer(signal.ITIMER_REAL, limit)
            try:
                status, found = fuzzcases.outcome(case)
            except Hang:
                status, found = None, f"hang: over {limit:g} s"
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        results.put((seed, found, case.args, case.width, case.terminal, status))
    os.chdir(base.parent)
    shutil.rmtree(base, ignore_errors=True)
    results.put(None)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=100_000)
    parser.add_argument("--first", type=int, default=0, help="the first seed")
    parser.add_argument("--seed", type=int, help="run this one case alone")
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--limit", type=float, default=30.0, help="seconds a run may take")
    parser.add_argument("--memory", type=int, default=3000, help="MB a worker may use")
    parser.add_argument(
        "--processes",
        action="store_true",
        help="run each case as a real process (python -m eastsyria): slower, and what start-up"
        " and exit add",
    )
    parser.add_argument("-v", "--verbose", action="store_true")
    options = parser.parse_args()
    seeds = (
        [options.seed]
        if options.seed is not None
        else list(range(options.first, options.first + options.runs))
    )
    workers = max(1, min(options.workers, len(seeds)))
    results: multiprocessing.Queue[object] = multiprocessing.Queue()
    processes = [
        multiprocessing.Process(
            target=_worker,
            args=(seeds[index::workers], options.limit, options.memory, options.processes, results),
        )
        for index in range(workers)
    ]
    started = time.monotonic()
    for process in processes:
        process.start()
    from security import fuzzcases

    kinds: Counter[str] = Counter()
    answered: dict[str, Counter[int | None]] = defaultdict(Counter)
    examples: dict[str, list[tuple[int, str]]] = {}
    done = finished = 0
    while finished < workers:
        item = results.get()
        if item is None:
            finished += 1
            continue
        seed, found, args, width, terminal, status = item  # type: ignore[misc]
        done += 1
        command = next((word for word in args if word in fuzzcases.COMMANDS), "?")
        answered[command][status] += 1
        kind = "ok" if found is None else found.split(":")[0]
        kinds[kind] += 1
        if found is not None and len(examples.setdefault(kind, [])) < 5:
            examples[kind].append((seed, found))
        if options.verbose or (found is not None and (seed, found) in examples[kind]):
            where = f"COLUMNS={width} {'tty' if terminal else 'pipe'}"
            print(f"seed {seed}: {found or 'ok'} [{where}] eastsyria {' '.join(args)}")
        if done % 5000 == 0:
            print(f"... {done:,} runs, {time.monotonic() - started:,.0f} s", flush=True)
    for process in processes:
        process.join()
    wall = time.monotonic() - started
    print(f"\n{done:,} runs in {wall:,.0f} s ({done / wall:,.1f} a second, {workers} workers)")
    for kind, count in kinds.most_common():
        seeds_seen = ", ".join(str(seed) for seed, _ in examples.get(kind, []))
        print(f"  {kind:<16} {count:>8,}  {seeds_seen}")
    print("\nexit statuses by command (0: an answer; 2: a refusal; 74: /dev/full):")
    for command, statuses in sorted(answered.items()):
        shown = ", ".join(f"{s}: {n:,}" for s, n in sorted(statuses.items(), key=str))
        print(f"  {command:<12} {sum(statuses.values()):>7,}  {shown}")
    return 0 if set(kinds) <= {"ok"} else 1


if __name__ == "__main__":
    sys.exit(main())
