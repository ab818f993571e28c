"""Mutation testing of the core: would a test fail if this line of the core were wrong?

    python benchmarks/mutation.py                 # a fresh run over every module, then the figures
    python benchmarks/mutation.py core.dates ...  # run again only these modules' mutants
    python benchmarks/mutation.py --resume        # carry on: the modules not run since the start
    python benchmarks/mutation.py --report        # only write the figures of the last run

Runs `mutmut run` (configured in pyproject.toml: it mutates every module of
src/eastsyria/core and src/eastsyria/contract and runs tests/core alone against each
mutant), counts the outcome of every mutant per module, and rewrites the figures in
benchmarks/MUTATION.md between its markers: the run's date, commit and wall time, and per
module the mutants, their outcomes and the seconds their tests took. Every surviving mutant
must be explained there (a line naming it, or a `name*` pattern, under "Survivors"); one that
is not is listed as unexplained, and the script exits 1. So does a module under 90% caught
(killed, or stopped by mutmut's time limit because a test looped on it).

Each module is run on its own (`mutmut run "eastsyria.core.dates.*"`) and timed, so the
table gives the wall time of every module; the first one run also builds the mutants and
collects which tests reach which function (a few minutes on a shared 2-core machine).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
import subprocess
import sys
import time
from collections import Counter, defaultdict
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "benchmarks" / "MUTATION.md"
FIGURES = ("<!-- figures -->\n", "<!-- /figures -->")
UNEXPLAINED = ("<!-- unexplained -->\n", "<!-- /unexplained -->")
RUN = ("<!-- run -->\n", "<!-- /run -->")
MUTANTS = ROOT / "mutants"
WALL = MUTANTS / "wall-seconds.json"
PARTS = ("core", "contract")
THRESHOLD = 0.90
# The unexplained survivors whose change is written out beside them.
SHOWN = 60
# "eastsyria.core.dates.x_parse_span__mutmut_3" -> "core.dates"
_MODULE = re.compile(r"^eastsyria\.(?P<module>[a-z_]+\.[a-z_]+)\.")


def _git(*args: str) -> str:
    done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
    return done.stdout.strip()


def commit() -> str:
    """The commit the run tested, marked when src or tests differ from it."""
    head = _git("rev-parse", "--short=12", "HEAD") or "unknown"
    dirty = _git("status", "--porcelain", "--", "src", "tests", "pyproject.toml")
    return f"{head} (with uncommitted changes)" if dirty else head


def seconds_by_mutant() -> dict[str, float]:
    """How long each mutant's tests ran in the runs that decided it (mutmut's own record)."""
    found: dict[str, float] = {}
    for meta in (MUTANTS / "src").rglob("*.py.meta"):
        found.update(json.loads(meta.read_text(encoding="utf-8")).get("durations_by_key", {}))
    return found


def all_modules() -> list[str]:
    """Every module mutated: "core.dates", "contract.events"..."""
    src = ROOT / "src" / "eastsyria"
    return [
        f"{part}.{path.stem}"
        for part in PARTS
        for path in sorted((src / part).glob("*.py"))
        if path.stem != "__init__"
    ]


def wall_seconds() -> dict[str, float]:
    """The wall time of each module's last run, since the last fresh start."""
    return json.loads(WALL.read_text(encoding="utf-8")) if WALL.exists() else {}


def run_modules(modules: list[str], max_children: str) -> None:
    """Run each module's mutants (all again, whatever mutmut kept) and time it."""
    for module in modules:
        started = time.monotonic()
        print(f"== {module}", flush=True)
        subprocess.run(
            [sys.executable, "-m", "mutmut", "run", "--max-children", max_children,
             f"eastsyria.{module}.*"],
            cwd=ROOT,
            check=False,
        )  # fmt: skip
        walls = wall_seconds()
        walls[module] = round(time.monotonic() - started, 1)
        WALL.write_text(json.dumps(walls, indent=1, sort_keys=True), encoding="utf-8")


def _mutmut(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "mutmut", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout


def outcomes() -> dict[str, str]:
    """Every mutant's outcome (killed, survived, timeout...) by its name."""
    found: dict[str, str] = {}
    for line in _mutmut("results", "--all", "true").splitlines():
        name, _, status = line.strip().partition(": ")
        if status:
            found[name] = status
    return found


def change_of(name: str) -> str:
    """What the mutant changes, as its removed and added lines."""
    lines = _mutmut("show", name).splitlines()
    changed = [
        line[1:].strip()
        for line in lines
        if line[:1] in "-+" and not line.startswith(("---", "+++"))
    ]
    return " → ".join(f"`{line}`" for line in changed)


# `eastsyria.core.totals.x__unit_range__mutmut_36`, `_37`, `..._38`, `..._mutmut_39`: a
# number alone names another mutant of the function named last.
_NAMED = re.compile(r"`(eastsyria\.[^`\s]+|(?:\.\.\.)?_(?:mutmut_)?\d+)`")


def explained_names(text: str) -> set[str]:
    """Every mutant name (or `name*` pattern) that `text` names, the short forms written out."""
    found: set[str] = set()
    function = ""
    for token in _NAMED.findall(text):
        if token.startswith("eastsyria."):
            found.add(token)
            function = token.rpartition("__mutmut_")[0]
        elif function:
            found.add(f"{function}__mutmut_{token.rpartition('_')[2]}")
    return found


def _between(text: str, markers: tuple[str, str], body: str) -> str:
    start, end = markers
    head, _, rest = text.partition(start)
    _, _, tail = rest.partition(end)
    return f"{head}{start}{body}{end}{tail}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "modules", nargs="*", help="run only these modules' mutants again (core.dates ...)"
    )
    parser.add_argument("--report", action="store_true", help="only report the last run")
    parser.add_argument(
        "--resume", action="store_true", help="run only the modules not run since the start"
    )
    parser.add_argument("--max-children", default="2", help="mutants tested at once (2)")
    args = parser.parse_args(argv)
    run_line = None
    if not args.report:
        unknown = sorted(set(args.modules) - set(all_modules()))
        if unknown:
            parser.error(f"no such module: {', '.join(unknown)} (choose from {all_modules()})")
        modules = args.modules or all_modules()
        if args.resume:
            modules = [m for m in modules if m not in wall_seconds()]
        elif not args.modules:
            shutil.rmtree(MUTANTS, ignore_errors=True)
        started, began = time.monotonic(), dt.datetime.now(dt.UTC)
        run_modules(modules, args.max_children)
        minutes = (time.monotonic() - started) / 60
        what = ", ".join(modules) if args.modules or args.resume else "every module"
        run_line = (
            f"Last run: {began:%Y-%m-%d %H:%M} UTC, commit {commit()}, {what}, "
            f"{minutes:.1f} minutes wall with `--max-children {args.max_children}` "
            f"(mutmut {_mutmut('--version').split()[-1]}).\n"
        )

    by_module: dict[str, Counter[str]] = defaultdict(Counter)
    survivors: dict[str, list[str]] = defaultdict(list)
    seconds: defaultdict[str, float] = defaultdict(float)
    took = seconds_by_mutant()
    statuses = outcomes()
    for name, status in sorted(statuses.items()):
        match = _MODULE.match(name)
        if match is None:
            continue
        by_module[match["module"]][status] += 1
        seconds[match["module"]] += took.get(name, 0.0)
        if status not in ("killed", "timeout"):
            survivors[match["module"]].append(name)

    text = REPORT.read_text(encoding="utf-8")
    if run_line is not None:
        text = _between(text, RUN, run_line)
    walls = wall_seconds()
    rows = [
        "| module | mutants | killed | timeout | survived | other | caught | test seconds "
        "| wall seconds |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    failing = []

    def row(name: str, counts: Counter[str], test_seconds: float, wall: object) -> str:
        total = sum(counts.values())
        # A mutant that makes a test loop until mutmut stops it is caught too.
        caught = counts["killed"] + counts["timeout"]
        other = total - caught - counts["survived"]
        if name != "**all**" and caught / total < THRESHOLD:
            failing.append(name)
        return (
            f"| {name} | {total} | {counts['killed']} | {counts['timeout']} | "
            f"{counts['survived']} | {other} | {caught / max(total, 1):.1%} | "
            f"{test_seconds:.0f} | {wall} |"
        )

    # Only the modules whose every mutant has an outcome (an interrupted run leaves others).
    stale = sorted(m for m, counts in by_module.items() if counts["not checked"])
    for module in stale:
        del by_module[module]
        survivors.pop(module, None)
    for module, counts in sorted(by_module.items()):
        rows.append(row(module, counts, seconds[module], walls.get(module, "")))
    all_counts = sum(by_module.values(), Counter())
    rows.append(row("**all**", all_counts, sum(seconds.values()), f"{sum(walls.values()):.0f}"))
    if stale:
        rows.append(f"\nNot run to the end: {', '.join(stale)}.")
    text = _between(text, FIGURES, "\n".join(rows) + "\n")

    named = explained_names(text.split(UNEXPLAINED[0])[0])
    # A name with a * explains every mutant it matches (all those of one function).
    patterns = [n for n in named if "*" in n]
    unexplained = [
        name
        for module in sorted(survivors)
        for name in survivors[module]
        if name not in named and not any(fnmatch(name, p) for p in patterns)
    ]
    # What each changes, from `mutmut show` (a second each): for the first SHOWN only.
    missing = [
        f"- `{name}` ({statuses[name]})" + (f": {change_of(name)}" if n < SHOWN else "")
        for n, name in enumerate(unexplained)
    ]
    text = _between(text, UNEXPLAINED, ("\n".join(missing) + "\n") if missing else "")
    REPORT.write_text(text, encoding="utf-8")

    print("\n".join(rows))
    for line in missing:
        print(f"unexplained: {line}")
    if stale:
        print(f"not run to the end: {', '.join(stale)}")
    for module in failing:
        print(f"under {THRESHOLD:.0%} caught: {module}")
    return 1 if missing or failing or stale else 0


if __name__ == "__main__":
    sys.exit(main())
