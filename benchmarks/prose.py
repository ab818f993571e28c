"""Issue 29's figures: `brief` and `reconcile` on large files, each beside `events -f jsonl` of
the same file (every event written out), alternated in the same run so that the ratio holds
on a loaded machine.

    python benchmarks/prose.py --file /work/big/s100k.json --file acled100k.json --runs 3

Each file is a data file of this project (`benchmarks/synthetic.py` writes one; `benchmarks/
imports.py` an ACLED export to import); its store is built before the runs (not timed). The
budgets: `reconcile` of 100,000 imported events against the curated data within a few seconds,
at most 8x writing them all as JSON Lines; `brief` within a budget, or of the events of one
day, at most 1x that (it reads only the events it may tell).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from measure import checked, child_env, median, mib, program, ratio, run, sec, table, verdict

RECONCILE_BUDGET = 8.0
BRIEF_BUDGET = 1.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--file", action="append", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cache", type=Path, help="cache folder (default: a new one)")
    args = parser.parse_args(argv)
    cache = args.cache or Path(tempfile.mkdtemp(prefix="eastsyria-prose-"))
    env = child_env(cache)
    eastsyria = program()
    commands = {
        "reconcile -f jsonl": (["reconcile", "-f", "jsonl"], RECONCILE_BUDGET),
        "brief --sentences 40": (["brief", "--sentences", "40"], BRIEF_BUDGET),
        "brief (no budget)": (["brief"], BRIEF_BUDGET),
        "brief --on 2017-11-09": (["brief", "--on", "2017-11-09"], BRIEF_BUDGET),
    }
    rows, met = [], True
    for path in args.file:
        data = [*eastsyria, "--data", str(path)]
        checked([*data, "events", "--limit", "1", "-f", "json"], env, f"the store of {path}")
        for name, (words, budget) in commands.items():
            ours, floor = [], []
            for _ in range(args.runs):
                ours.append(run([*data, *words], env))
                floor.append(run([*data, "events", "-f", "jsonl"], env))
            if any(s.status != 0 for s in ours + floor):
                raise SystemExit(f"{name} on {path} failed")
            mine = median([s.seconds for s in ours])
            theirs = median([s.seconds for s in floor])
            within = mine / theirs <= budget
            met &= within
            rows.append(
                [
                    path.name,
                    name,
                    sec(mine),
                    mib(median([s.max_rss_kib for s in ours])),
                    sec(theirs),
                    ratio(mine / theirs),
                    verdict(mine / theirs, budget),
                ]
            )
    header = ["file", "command", "median", "peak", "events -f jsonl", "ratio", "budget"]
    print(table(header, rows))
    print("all budgets met" if met else "BUDGET MISSED")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
