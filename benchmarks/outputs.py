"""Every output of every command, written to a folder, so two versions can be compared.

    python benchmarks/outputs.py DIR          # run every invocation, one file each in DIR
    diff -r BEFORE AFTER                      # what a change changed, byte for byte

Each command runs in every format it takes, with and without filters, at 80 and 120 columns,
both as a pipe (plain text) and as a terminal would see it (EASTSYRIA_FORCE_TTY, FORCE_COLOR).
A file holds the exit code, stderr and stdout. Pictures (`--svg`, `report`) go to stdout or to
a file under DIR that is then read back into the record, so they are compared too.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from eastsyria.output.formats import COMMAND_FORMATS

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "tests" / "samples"

# Every command in every format it takes; `import` and `schema` (which has no --format) are
# run once each below.
FORMATS = {name: f for name, f in COMMAND_FORMATS.items() if name not in ("import", "schema")}

# The arguments each command is run with, besides --format: none, then typical filters.
VARIANTS: dict[str, tuple[tuple[str, ...], ...]] = {
    "events": (
        (),
        ("--from", "2017-11-01", "--place", "Abu Kamal"),
        ("--actor", "Hezbollah"),
        ("--type", "capture", "--to", "2017-10-31"),
        ("--near", "Mayadin", "--radius", "30"),
        ("--source", "abu-kamal-offensive-2017"),
        ("--campaign", "abu-kamal-offensive", "--limit", "5"),
        ("--side", "isil", "--reverse"),
        ("--text", "bridge"),
        ("--from", "2030-01-01"),
    ),
    "show": (("{first}",), ("{last}",)),
    "places": ((), ("--source", "abu-kamal-offensive-2017")),
    "actors": ((),),
    "campaigns": ((),),
    "control": (
        (),
        ("--on", "2017-10-01"),
        ("--on", "2017-11-20"),
        ("Mayadin",),
        ("Abu Kamal",),
        ("Al-Asharah",),
    ),
    "stats": ((), ("--by", "week"), ("--place", "Abu Kamal")),
    "validate": ((),),
    "timeline": ((), ("--by", "week"), ("--place", "Mayadin")),
    "cite": (("{first}",), ("{first}", "{last}")),
    "compare": ((),),
    "disputes": ((),),
    "casualties": ((), ("--total",), ("--total", "--per", "year"), ("--total", "--all-places")),
    "map": ((), ("--place", "Abu Kamal")),
}

EXTRA: tuple[tuple[str, ...], ...] = (
    ("--help",),
    ("events", "--help"),
    ("control", "--help"),
    ("events", "--place", "Abu Kamall"),
    ("events", "--from", "2017-13-01"),
    ("events", "--format", "yaml"),
    ("control", "--svg", "-"),
    ("control", "--on", "2017-11-20", "--svg", "-"),
    ("timeline", "--svg", "-"),
    ("map", "--svg", "-"),
    ("validate", "--data", str(SAMPLES / "acled-syria.csv")),
    ("schema",),
    ("import", "acled", str(SAMPLES / "acled-syria.csv")),
    ("import", "ucdp", str(SAMPLES / "ucdp-syria.csv")),
    ("import", "sides"),
    ("report", "-o", "{dir}/report.html"),
)


def invocations(out: Path) -> list[tuple[str, ...]]:
    every: list[tuple[str, ...]] = []
    for command, formats in FORMATS.items():
        for variant in VARIANTS[command]:
            for fmt in formats:
                every.append((command, *variant, "--format", fmt))
    every.extend(EXTRA)
    ids = first_and_last_ids()
    return [tuple(a.format(first=ids[0], last=ids[1], dir=out) for a in args) for args in every]


def first_and_last_ids() -> tuple[str, str]:
    import json

    events = json.loads((ROOT / "data" / "events.json").read_text())["events"]
    return events[0]["id"], events[-1]["id"]


# Rich numbers each terminal hyperlink at random (`ESC]8;id=NNN;`): the same link either way.
_LINK_ID = re.compile(rb"\x1b\]8;id=\d+;")


def run(args: tuple[str, ...], columns: int, terminal: bool, out: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR"}}
    env.update(COLUMNS=str(columns), LINES="40", TZ="UTC", LC_ALL="C.UTF-8")
    env.pop("EASTSYRIA_DATA", None)
    if terminal:
        env.update(EASTSYRIA_FORCE_TTY="1", FORCE_COLOR="1")
    else:
        env.pop("EASTSYRIA_FORCE_TTY", None)
    done = subprocess.run(
        [sys.executable, "-m", "eastsyria", *args],
        capture_output=True,
        env=env,
        cwd=out,
        check=False,
    )
    written = b""
    report = out / "report.html"
    if args[0] == "report" and report.exists():
        written = report.read_bytes()
        report.unlink()
    label = " ".join(args).replace(str(out), "DIR").replace(str(SAMPLES), "SAMPLES")
    name = hashlib.sha1(
        f"{label}|{columns}|{terminal}".encode(), usedforsecurity=False
    ).hexdigest()[:16]
    body = (
        f"$ {label}  (COLUMNS={columns}{', terminal' if terminal else ''})\n"
        f"exit {done.returncode}\n--- stderr\n".encode()
        + done.stderr.replace(str(out).encode(), b"DIR").replace(str(SAMPLES).encode(), b"SAMPLES")
        + b"--- stdout\n"
        + _LINK_ID.sub(b"\x1b]8;id=N;", done.stdout)
        + (b"--- written\n" + written if written else b"")
    )
    (out / f"{name}.out").write_bytes(body)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    out: Path = args.dir.resolve()
    out.mkdir(parents=True, exist_ok=True)
    jobs = [
        (call, columns, terminal)
        for call in invocations(out)
        for columns in (80, 120)
        for terminal in (False, True)
        # report writes one file; it is the same at every width, so run it once.
        if call[0] != "report" or (columns, terminal) == (80, False)
    ]
    with ThreadPoolExecutor(args.jobs) as pool:
        list(pool.map(lambda job: run(*job, out), jobs))
    print(f"{len(jobs)} outputs in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
