"""What the benchmark scripts share: the child environment, one timed run, and the report.

Every figure comes from a child process: wall time around its whole life (start to reaped),
peak resident memory from os.wait4's per-child rusage (ru_maxrss, KiB on Linux).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent
CHECKOUT = BENCHMARKS.parent
OUT = BENCHMARKS / "out"

# Set in some shells and containers, never by the program: they would measure something
# else (every small write a system call; every module compiled again at each start).
DISTORTING = ("PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE", "PYTHONPROFILEIMPORTTIME")
# What would change which data or cache the program uses, or what it answers.
PROGRAM_VARIABLES = ("EASTSYRIA_", "_EASTSYRIA", "_TYPER", "COMP_")


@dataclass(frozen=True)
class Sample:
    """One child process: its wall time, peak RSS, exit status and output."""

    seconds: float
    max_rss_kib: int
    status: int
    stdout: bytes
    stderr: bytes


def child_env(cache_dir: Path, *, keep_env: bool = False, **extra: str) -> dict[str, str]:
    """The environment of every child: ours, less what would distort or redirect it."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(PROGRAM_VARIABLES) and (keep_env or key not in DISTORTING)
    }
    env.pop("FORCE_COLOR", None)
    env["EASTSYRIA_CACHE_DIR"] = str(cache_dir)
    env.update(extra)
    return env


def removed_variables(keep_env: bool) -> list[str]:
    return [] if keep_env else [name for name in DISTORTING if name in os.environ]


def program(python: Path | None = None) -> list[str]:
    """The installed `eastsyria` script next to the interpreter, else `python -m eastsyria`."""
    interpreter = python or Path(sys.executable)
    script = interpreter.with_name("eastsyria")
    if script.is_file():
        return [str(script)]
    return [str(interpreter), "-m", "eastsyria"]


def run(argv: Sequence[str], env: Mapping[str, str], *, keep_stdout: bool = False) -> Sample:
    """Run `argv` with its stdout into a pipe that we drain; time it and take its rusage."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=errors, env=dict(env))
        assert child.stdout is not None
        chunks: list[bytes] = []
        while chunk := child.stdout.read(1 << 16):
            if keep_stdout:
                chunks.append(chunk)
        child.stdout.close()
        _, wait_status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(wait_status)
        errors.seek(0)
        stderr = errors.read()
    return Sample(seconds, usage.ru_maxrss, child.returncode, b"".join(chunks), stderr)


def checked(argv: Sequence[str], env: Mapping[str, str], what: str) -> Sample:
    """One run that must succeed; stops the benchmark with the child's own words if not."""
    sample = run(argv, env, keep_stdout=True)
    if sample.status != 0:
        message = sample.stderr.decode("utf-8", "replace").strip() or "(no message)"
        raise SystemExit(f"{what} failed (exit {sample.status}): {message}\n  {shell(argv)}")
    return sample


def clear(directory: Path) -> None:
    shutil.rmtree(directory, ignore_errors=True)


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def sec(seconds: float) -> str:
    return f"{seconds:.2f} s"


def mib(kib: float) -> str:
    return f"{kib / 1024:.0f} MiB"


def ratio(value: float) -> str:
    return f"{value:.2f}x"


def verdict(value: float, budget: float) -> str:
    return f"met (<= {budget:g}x)" if value <= budget else f"MISSED (> {budget:g}x)"


def shell(argv: Sequence[str]) -> str:
    import shlex

    return " ".join(shlex.quote(part) for part in argv)


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain text table, left-aligned, two spaces between columns."""
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(str(cell).ljust(width) for cell, width in zip(header, widths, strict=True))]
    lines.append("  ".join("-" * width for width in widths))
    lines.extend(
        "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in rows
    )
    return "\n".join(line.rstrip() for line in lines)


def describe_environment(keep_env: bool) -> str:
    removed = removed_variables(keep_env)
    if not removed:
        return "environment: as inherited"
    return f"environment: as inherited, less {', '.join(removed)} (see benchmarks/README.md)"
