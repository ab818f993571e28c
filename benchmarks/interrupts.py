"""Ctrl-C at every moment of a run: how each interrupted run ended.

    python benchmarks/interrupts.py                 # 210 runs, 0-140 ms, three commands
    python benchmarks/interrupts.py --runs 1000 --max-ms 200

Each run starts the installed `eastsyria` script, sends SIGINT after a delay (spread evenly
over 0..--max-ms), and sorts the outcome:

- `130, one line`: "eastsyria: error: interrupted" and exit 130 (what must happen);
- `finished first`: exit 0, the answer complete before the signal came;
- `Python start-up`: the interrupt landed while Python itself was starting (its streams,
  `site`, the script's very first instruction), before the first line of any script runs:
  Python reports it itself;
- `killed by SIGINT`: before Python set up its handler, the signal ended the process, as it
  ends any program (the shell reports 130);
- anything else (a traceback from eastsyria, another exit status) is a failure: exit 1.
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

COMMANDS = (["events", "--format", "json"], ["timeline"], ["--help"])
PYTHON_START = ("Fatal Python error: init_", "Failed checking if argv[0] is an import path")
# The script's own first instruction, before its first line: the traceback has that one frame.
SCRIPT_START = re.compile(
    r'Traceback \(most recent call last\):\n  File "[^"]*", line 0, in <module>\n'
    r"KeyboardInterrupt\n?"
)


def _program() -> list[str]:
    script = Path(sys.executable).parent / "eastsyria"
    return [str(script)] if script.exists() else [sys.executable, "-m", "eastsyria"]


def _outcome(code: int, err: str) -> str:
    if code == 130 and err.strip() == "eastsyria: error: interrupted":
        return "130, one line"
    if code == 0 and "Traceback" not in err and "Exception ignored" not in err:
        return "finished first"
    if (err.startswith(PYTHON_START) and "/eastsyria/" not in err) or SCRIPT_START.fullmatch(err):
        return "Python start-up"
    if code == -signal.SIGINT and not err:
        return "killed by SIGINT"
    return "FAILURE"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=210)
    parser.add_argument("--max-ms", type=float, default=140.0)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("EASTSYRIA_", "_EASTSYRIA"))}
    env["EASTSYRIA_CACHE_DIR"] = str(Path(__file__).parent / "out" / "cache-interrupts")
    outcomes: collections.Counter[str] = collections.Counter()
    failures = []
    for index in range(args.runs):
        command = COMMANDS[index % len(COMMANDS)]
        delay = args.max_ms * index / max(1, args.runs - 1) / 1000
        process = subprocess.Popen(
            [*_program(), *command],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
        outcome = _outcome(process.returncode, err)
        outcomes[outcome] += 1
        if outcome == "FAILURE":
            failures.append((round(delay * 1000, 1), command, process.returncode, err[-400:]))
    print(f"{args.runs} runs, SIGINT after 0-{args.max_ms:g} ms")
    for outcome, count in outcomes.most_common():
        print(f"  {count:5d}  {outcome}")
    for failure in failures[:5]:
        print("FAILURE", *failure, sep="\n  ")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
