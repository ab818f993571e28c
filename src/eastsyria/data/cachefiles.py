"""The cache's files, safe in a directory that other users can write to.

Anyone who can write to the cache directory can put any file under any name there, swap
names between our checks, and compute an unkeyed digest; what they can never do is make a
file that belongs to us. So:

- An entry is read only if, on the opened descriptor, it is a regular file owned by us, not
  group- or world-writable, with no other hard link, and at most `MAX_TOTAL` bytes. It is
  opened with O_NOFOLLOW (a symlink is refused, not followed) and O_NONBLOCK (a FIFO or
  device never blocks), and at most the bound is read.
- A new entry is written to a temporary file created exclusively (O_EXCL|O_NOFOLLOW, mode
  0600) under a random name, then renamed over the entry. A failed or interrupted write
  (full disk, Ctrl-C, SIGTERM) removes its temporary file before the error goes on.
- Tidying touches only names this program makes (`ENTRY`, `TEMPORARY`) that are regular
  files owned by us: the newest entries are kept within `KEEP` entries and `MAX_TOTAL`
  bytes, and a temporary file older than `STALE_SECONDS` (no live writer's) is removed.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

KEEP = 8
MAX_TOTAL = 256 * 1024 * 1024  # bytes: every entry together, so also the largest one
STALE_SECONDS = 600

# The names this program makes (compiled when first tidying: a hit never needs them).
ENTRY = r"[0-9a-f]{64}\.cache"
# `.KEY.TOKEN.tmp`; TOKEN was the writer's pid before the names were random.
TEMPORARY = r"\.[0-9a-f]{64}\.[0-9a-f]+\.tmp"

_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def entry_name(key: str) -> str:
    return f"{key}.cache"


def ours(status: os.stat_result) -> bool:
    """A regular file of this user that nobody else may change, and not linked elsewhere."""
    return (
        stat.S_ISREG(status.st_mode)
        and status.st_uid == os.geteuid()
        and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
        and status.st_nlink == 1
    )


def read_entry(path: Path) -> memoryview | None:
    """The bytes of the entry at `path` if it may be trusted to be ours; else None."""
    try:
        descriptor = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC)
    except OSError:
        return None
    try:
        status = os.fstat(descriptor)
        if not ours(status) or status.st_size > MAX_TOTAL:
            return None
        buffer = bytearray(status.st_size)
        view = memoryview(buffer)
        done = 0
        while done < len(buffer):
            count = os.readv(descriptor, [view[done:]])
            if count == 0:  # shrank while we read: torn, a miss
                return None
            done += count
        return view
    except OSError:
        return None
    finally:
        os.close(descriptor)


def make_directory(directory: Path, anchor: Path | None) -> None:
    """Create the cache directory (0700), never `anchor` (it must exist) nor above it."""
    if anchor is not None:
        if not anchor.is_dir():
            raise FileNotFoundError(anchor)
        missing = [directory, *directory.parents]
        missing = missing[: missing.index(anchor)] if anchor in missing else [directory]
        for level in reversed(missing):
            with suppress(FileExistsError):
                level.mkdir(mode=0o700)
        return
    os.makedirs(directory, mode=0o700, exist_ok=True)


def _open_directory(directory: Path, anchor: Path | None) -> int:
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _CLOEXEC
    try:
        return os.open(directory, flags)
    except FileNotFoundError:
        make_directory(directory, anchor)
        return os.open(directory, flags)


class _Terminated(BaseException):
    """SIGTERM arrived while a temporary file existed."""


@contextmanager
def _cleanup_on_sigterm() -> Iterator[None]:
    """While writing, SIGTERM unwinds (so the temporary file goes), then is delivered again.

    Installed only around the write, which follows a full validation: no cost at start-up.
    """
    import signal

    try:
        previous = signal.signal(signal.SIGTERM, _raise_terminated)
    except ValueError:  # not the main thread: no handler, the sweep clears what is left
        yield
        return
    terminated = False
    try:
        yield
    except _Terminated:
        terminated = True
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)
    if terminated:
        os.kill(os.getpid(), signal.SIGTERM)  # as the signal would have done


def _raise_terminated(signum: int, frame: object) -> None:
    raise _Terminated


def _write_temporary(directory: int, key: str, blob: bytes) -> None:
    """Write `blob` as the entry of `key`, through a temporary file removed on any failure."""
    temporary = f".{key}.{os.urandom(8).hex()}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC
    descriptor = os.open(temporary, flags, 0o600, dir_fd=directory)
    try:
        try:
            view = memoryview(blob)
            while view:
                view = view[os.write(descriptor, view) :]
        finally:
            os.close(descriptor)
        os.replace(temporary, entry_name(key), src_dir_fd=directory, dst_dir_fd=directory)
    except BaseException:  # a full disk, Ctrl-C, SIGTERM: no orphan, then the error goes on
        _remove(temporary, directory)
        raise


def _remove(name: str, directory: int) -> None:
    with suppress(OSError):  # gone already, or not ours to remove
        os.unlink(name, dir_fd=directory)


def _tidy(directory: int, key: str, incoming: int) -> None:
    """Make room for an entry of `incoming` bytes; remove stale temporary files of ours."""
    import time

    stale_before = time.time() - STALE_SECONDS
    entries: list[tuple[int, int, str]] = []
    with os.scandir(directory) as scan:
        for item in scan:
            name = item.name
            is_entry = re.fullmatch(ENTRY, name) is not None and name != entry_name(key)
            if not is_entry and re.fullmatch(TEMPORARY, name) is None:
                continue
            try:
                status = item.stat(follow_symlinks=False)
            except OSError:
                continue
            if not ours(status):
                continue
            if is_entry:
                entries.append((status.st_mtime_ns, status.st_size, name))
            elif status.st_mtime < stale_before:
                _remove(name, directory)
    newest_first = sorted(entries, reverse=True)
    room, kept = MAX_TOTAL - incoming, 0
    for _, size, _ in newest_first[: KEEP - 1]:  # the new entry is the KEEP-th
        if size > room:
            break
        room, kept = room - size, kept + 1
    for _, _, name in newest_first[kept:]:
        _remove(name, directory)


def write_entry(directory: Path, anchor: Path | None, key: str, blob: bytes) -> None:
    """Keep `blob` as the entry of `key` in `directory`, created (0700) under `anchor`."""
    if len(blob) > MAX_TOTAL:
        return
    descriptor = _open_directory(directory, anchor)
    try:
        _tidy(descriptor, key, len(blob))
        with _cleanup_on_sigterm():
            _write_temporary(descriptor, key, blob)
    finally:
        os.close(descriptor)
