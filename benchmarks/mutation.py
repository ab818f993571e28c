"""Mutation testing of the core: would a test fail if this line of the core were wrong?

    python benchmarks/mutation.py            # run mutmut, then write the figures
    python benchmarks/mutation.py --report   # only write the figures of the last run

Runs `mutmut run` (configured in pyproject.toml: it mutates src/eastsyria/core and contract
and runs tests/core against each mutant), counts the outcome of every mutant per module,
and rewrites the figures in benchmarks/MUTATION.md between its markers. Every surviving
mutant must be explained there (a line naming it under "Survivors"); one that is not is
listed as unexplained, and the script exits 1. So does a module under 85% killed.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "benchmarks" / "MUTATION.md"
FIGURES = ("<!-- figures -->\n", "<!-- /figures -->")
UNEXPLAINED = ("<!-- unexplained -->\n", "<!-- /unexplained -->")
THRESHOLD = 0.85
# "eastsyria.core.dates.x_parse_span__mutmut_3" -> "core.dates"
_MODULE = re.compile(r"^eastsyria\.(?P<module>[a-z_]+\.[a-z_]+)\.")


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


def _between(text: str, markers: tuple[str, str], body: str) -> str:
    start, end = markers
    head, _, rest = text.partition(start)
    _, _, tail = rest.partition(end)
    return f"{head}{start}{body}{end}{tail}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--report", action="store_true", help="only report the last run")
    args = parser.parse_args(argv)
    if not args.report:
        subprocess.run([sys.executable, "-m", "mutmut", "run"], cwd=ROOT, check=False)

    by_module: dict[str, Counter[str]] = defaultdict(Counter)
    survivors: dict[str, list[str]] = defaultdict(list)
    statuses = outcomes()
    for name, status in sorted(statuses.items()):
        match = _MODULE.match(name)
        if match is None:
            continue
        by_module[match["module"]][status] += 1
        if status != "killed":
            survivors[match["module"]].append(name)

    text = REPORT.read_text(encoding="utf-8")
    rows = [
        "| module | mutants | killed | survived | other | killed share |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    failing = []
    for module, counts in sorted(by_module.items()):
        total = sum(counts.values())
        killed = counts["killed"]
        other = total - killed - counts["survived"]
        share = killed / total
        if share < THRESHOLD:
            failing.append(module)
        rows.append(
            f"| {module} | {total} | {killed} | {counts['survived']} | {other} | {share:.1%} |"
        )
    all_counts = sum(by_module.values(), Counter())
    total = sum(all_counts.values())
    rows.append(
        f"| **all** | {total} | {all_counts['killed']} | {all_counts['survived']} | "
        f"{total - all_counts['killed'] - all_counts['survived']} | "
        f"{all_counts['killed'] / max(total, 1):.1%} |"
    )
    text = _between(text, FIGURES, "\n".join(rows) + "\n")

    explained = text.split(UNEXPLAINED[0])[0]
    missing = [
        f"- `{name}` ({statuses[name]}): {change_of(name)}"
        for module in sorted(survivors)
        for name in survivors[module]
        if f"`{name}`" not in explained
    ]
    text = _between(text, UNEXPLAINED, ("\n".join(missing) + "\n") if missing else "")
    REPORT.write_text(text, encoding="utf-8")

    print("\n".join(rows))
    for line in missing:
        print(f"unexplained: {line}")
    for module in failing:
        print(f"under {THRESHOLD:.0%} killed: {module}")
    return 1 if missing or failing else 0


if __name__ == "__main__":
    sys.exit(main())
