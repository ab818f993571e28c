"""Checking a large file's events on every core: a process per core, each a share of them.

Validating an event costs four times as much as reading it, so each process reads the whole
file (the operating system keeps it in memory once) and checks one batch in N, writing the
rows of its share to a store of its own (a "shard"); the first process then copies the
shards' rows into the store being built. On two cores the first run at a million events
takes about half the time. Without fork (not on Linux or macOS) or with one core, one
process checks everything.

A share's process ends with its problems; one that fails in any other way makes the build
fail, never a store with some events missing. Ctrl-C, an error or an early end in the first
process kills the others and removes their shards.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from eastsyria.errors import DataFileError, Problem

if TYPE_CHECKING:
    from eastsyria.data.store import Writer

# More processes than this gain little: each reads the whole file.
MAX_PARTS = 4


def _parts() -> int:
    if not hasattr(os, "fork"):
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_PARTS))


class Shares:
    """The other processes' shares of the events: (pid, the pipe of its result, its shard)."""

    def __init__(self, parts: int) -> None:
        self.parts = parts
        self.share = (0, parts)
        self.running: list[tuple[int, int, Path]] = []

    def gather(self, writer: Writer) -> list[Problem]:
        """Wait for every other share; copy its rows into `writer`; their problems."""
        problems: list[Problem] = []
        while self.running:
            pid, pipe, shard = self.running.pop(0)
            with os.fdopen(pipe, "rb") as reader:
                result = reader.read()
            _, status = os.waitpid(pid, 0)
            if status != 0 or not result:
                shard.unlink(missing_ok=True)
                raise DataFileError("a process checking part of the data file failed; run again")
            problems += pickle.loads(result)  # noqa: S301 - from our own child, through a pipe
            if not problems:
                writer.absorb(shard)
            shard.unlink(missing_ok=True)
        return problems

    def stop(self) -> None:
        for pid, pipe, shard in self.running:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(OSError):
                os.waitpid(pid, 0)
            with contextlib.suppress(OSError):
                os.close(pipe)
            shard.unlink(missing_ok=True)
        self.running.clear()


@contextlib.contextmanager
def started(path: Path, writer: Writer) -> Iterator[Shares]:
    """The other shares of the file's events, started; stopped at the end, however it ends."""
    shares = Shares(_parts())
    try:
        for part in range(1, shares.parts):
            shard = writer.path.with_name(f"{writer.path.name}.{part}")
            shares.running.append(_start(path, shard, (part, shares.parts)))
        yield shares
    finally:
        shares.stop()


def _start(path: Path, shard: Path, share: tuple[int, int]) -> tuple[int, int, Path]:
    reading, writing = os.pipe()
    pid = os.fork()
    if pid != 0:
        os.close(writing)
        return pid, reading, shard
    # The child: never returns; its result goes through the pipe, its rows into the shard.
    status = 1
    try:
        os.close(reading)
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends it at once
        from eastsyria.data.store import Writer
        from eastsyria.data.storebuild import check_share

        own = Writer(shard)
        problems = check_share(path, own, share)
        own.commit()
        own.close()
        with os.fdopen(writing, "wb") as out:
            out.write(pickle.dumps(problems))
        status = 0
    finally:
        os._exit(status)
