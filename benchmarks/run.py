"""Every benchmark in one go: start-up ratios, then the scale comparison with jq.

    python benchmarks/run.py                    # both, default settings (about a minute)
    python benchmarks/run.py --only startup --runs 30 --compare-typer
    python benchmarks/run.py --only scale --sizes 10000,100000 --scale-runs 5

Exit status 0 when every budget is met, 1 when one is missed.
"""

from __future__ import annotations

import argparse
import sys

import scale
import startup


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=("startup", "scale"), help="run just one of the two")
    parser.add_argument("--runs", type=int, help="start-up: alternating runs (default 15)")
    parser.add_argument("--compare-typer", action="store_true", help="start-up: also Typer 0.29")
    parser.add_argument("--sizes", help="scale: event counts (default 10000,100000)")
    parser.add_argument("--scale-runs", type=int, help="scale: alternating runs (default 5)")
    parser.add_argument("--keep-env", action="store_true", help="keep PYTHONUNBUFFERED and such")
    args = parser.parse_args(argv)

    common = ["--keep-env"] if args.keep_env else []
    status = 0
    if args.only in (None, "startup"):
        options = [*common, *(["--runs", str(args.runs)] if args.runs else [])]
        options += ["--compare-typer"] if args.compare_typer else []
        status |= startup.main(options)
    if args.only in (None, "scale"):
        if args.only is None:
            print("\n" + "=" * 100 + "\n")
        options = [*common, *(["--sizes", args.sizes] if args.sizes else [])]
        options += ["--runs", str(args.scale_runs)] if args.scale_runs else []
        status |= scale.main(options)
    return status


if __name__ == "__main__":
    sys.exit(main())
