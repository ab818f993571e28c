"""Where a large data file's store lives, when it is trusted, and building it when not.

A file of `STORE_MIN_MB` or more is queried through an indexed store (`store`); a smaller one
is loaded whole from the validated cache (`cache`), which for the shipped 72 events is
quicker than importing sqlite3. Both give the same records to the same query core.

Stores live in `stores/` under the cache directory: a directory of this user's that nobody
else may enter (0700, checked on every use, never followed through a link). The store of a
data file is named after the file's real path and used only while its fingerprint matches:
the file's device, inode, size and modification and change times (a changed file has a new
change time, which its writer cannot set), this program's version and the source of the
modules that decide a record's shape. The file itself is not hashed: at 800 MB that alone
would take longer than a query. Without a usable cache directory the store is built in a
temporary directory, removed as soon as the store is open. A store is written under a
temporary name and renamed into place, so a reader never sees half of one.

A store that cannot be written (a full disk, a quota, a read-only folder, any error of
SQLite's) raises StoreUnavailable, which says why in one line: the caller warns and reads the
whole file instead. Whatever ends a build (that, an invalid file, Ctrl-C, SIGTERM, SIGHUP)
leaves no temporary file, shard or process behind.
"""

from __future__ import annotations

import os
import stat
import sys
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from eastsyria import __version__
from eastsyria.data import cache, vocab
from eastsyria.errors import DataFileError

if TYPE_CHECKING:
    from eastsyria.data.store import Store
    from eastsyria.data.storebuild import Renderer

STORE_MIN_ENV = "EASTSYRIA_STORE_MIN_MB"
DEFAULT_STORE_MIN_MB = 16.0
_SHAPE_SOURCES = ("store.py", "storebuild.py", "stream.py")
# What decides the events' views a store keeps serialised (a renderer given to `open_store`
# makes them): read, never imported, from the layers above.
_VIEW_SOURCES = (
    "../contract/claims.py",
    "../contract/events.py",
    "../contract/stored.py",
    "../contract/texts.py",
    "../core/catalog.py",
    "../core/claims.py",
    "../core/eventsource.py",
    "../core/labels.py",
    "../core/links.py",
    "../core/placenames.py",
    "../core/sanitise.py",
    "../core/totals.py",
    "../output/machine.py",
)


def store_min_bytes() -> int:
    """Files this size or larger are queried through a store."""
    configured = os.environ.get(STORE_MIN_ENV, "").strip()
    try:
        megabytes = float(configured) if configured else DEFAULT_STORE_MIN_MB
    except ValueError:
        megabytes = -1.0
    if not megabytes >= 0:
        raise DataFileError(
            f"{STORE_MIN_ENV}={configured!r} is not a number of megabytes (0: always a store)"
        )
    return int(megabytes * 1024 * 1024)


def wants_store(path: Path) -> bool:
    """Whether the data file at `path` is large enough to be queried through a store."""
    try:
        status = os.stat(path)
    except OSError:
        return False  # reading it says what is wrong
    return stat.S_ISREG(status.st_mode) and status.st_size >= store_min_bytes()


def _identity(status: os.stat_result) -> tuple[int, ...]:
    """What tells a data file's content changed without reading it."""
    return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)


def _fingerprint(status: os.stat_result) -> str:
    from eastsyria.data.store import STORE_FORMAT

    here = Path(__file__).parent
    digest = cache.blake2b(digest_size=16)
    digest.update(cache.build_digest())
    for name in (*_SHAPE_SOURCES, *_VIEW_SOURCES):
        try:
            digest.update((here / name).read_bytes())
        except OSError:
            digest.update(b"-")
    parts = (
        __version__,
        STORE_FORMAT,
        vocab.SCHEMA_VERSION,
        sys.version_info[:2],
        _identity(status),
    )
    return f"{parts}|{digest.hexdigest()}"


def _private_directory() -> Path | None:
    """`stores/` in the cache directory, made if missing; None where it is not ours alone."""
    location = cache.cache_location()
    if location is None:
        return None
    directory, anchor = location
    try:
        cache.make_directory(directory, anchor)
        stores = directory / "stores"
        with suppress(FileExistsError):
            stores.mkdir(mode=0o700)
        status = os.lstat(stores)
    except OSError:
        return None
    private = (
        stat.S_ISDIR(status.st_mode)
        and status.st_uid == os.geteuid()
        and not status.st_mode & 0o077
    )
    return stores if private else None


def _name(path: Path) -> str:
    real = os.path.realpath(path).encode("utf-8", "surrogateescape")
    return f"{cache.blake2b(real, digest_size=16).hexdigest()}.sqlite3"


def _open(file: Path, fingerprint: str, *, names_only: bool = False) -> Store | None:
    """The store at `file` if it is ours, whole and of this fingerprint; else None. With
    `names_only`, only what a TAB reads of it (`StoreNames`)."""
    import sqlite3

    from eastsyria.data.store import Store, StoreNames

    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(file, flags | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not cache.ours(os.fstat(descriptor)):
            os.close(descriptor)
            return None
        # Through the descriptor checked above, so a file swapped in since is never read.
        through = f"/proc/self/fd/{descriptor}"
        target = through if os.path.exists(through) else str(file)
        connection = sqlite3.connect(
            f"file:{target}?mode=ro&immutable=1", uri=True, check_same_thread=False
        )
        row = connection.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
        if row is None or row[0] != fingerprint:
            connection.close()
            os.close(descriptor)
            return None
        opened = StoreNames if names_only else Store
        return opened(connection, keep_open=_Descriptor(descriptor))
    except (sqlite3.Error, ValueError, KeyError, TypeError):
        os.close(descriptor)
        return None


class _Descriptor:
    """Closes the descriptor a store was opened through when the store goes."""

    def __init__(self, number: int) -> None:
        self.number = number

    def __del__(self) -> None:
        with suppress(OSError):
            os.close(self.number)


def kept_store(path: Path, *, names_only: bool = False) -> Store | None:
    """The store kept for the data file at `path` if it is current; never builds one (a TAB
    press must not validate a million events). With `names_only`, what a TAB reads of it."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    directory = _private_directory()
    if directory is None:
        return None
    return _open(directory / _name(path), _fingerprint(status), names_only=names_only)


def open_store(path: Path, *, reuse: bool = True, renderer: Renderer | None = None) -> Store:
    """The store of the data file at `path`: the one kept for it (with `reuse`), or one built
    now, which validates the whole file (an invalid file raises DataFileError with its
    problems; a store that cannot be written, StoreUnavailable), keeping each event's view
    as `renderer` serialises it."""
    try:
        status = os.stat(path)
    except OSError:
        from eastsyria.data.load import read_bytes

        read_bytes(path)  # says what is wrong, as for any data file
        raise
    fingerprint = _fingerprint(status)
    seen = (fingerprint, _identity(status))
    directory = _private_directory()
    if directory is not None and reuse:
        kept = _open(directory / _name(path), fingerprint)
        if kept is not None:
            return kept
    with cache.unwound_on_ending():
        if directory is not None:
            return build_store(path, directory / _name(path), seen, renderer)
        return _build_elsewhere(path, seen, renderer)


def _build_elsewhere(
    path: Path, seen: tuple[str, tuple[int, ...]], renderer: Renderer | None = None
) -> Store:
    """A store built in a temporary directory, removed once the store is open (it is read
    through its descriptor until this process ends)."""
    import shutil
    import tempfile

    from eastsyria.data.store import StoreUnavailable

    try:
        directory = Path(tempfile.mkdtemp(prefix="eastsyria-store-"))
    except OSError as exc:
        raise StoreUnavailable(_unbuilt(Path(tempfile.gettempdir()), exc)) from None
    try:
        return build_store(path, directory / _name(path), seen, renderer)
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def _unbuilt(directory: Path, reason: BaseException | str) -> str:
    """The warning of a store that could not be built in `directory`, and why."""
    from eastsyria.data.store import why

    if isinstance(reason, BaseException):
        reason = why(reason)
    return (
        f"could not build the store of this large data file in {str(directory)!r}: {reason}; "
        f"reading the whole file instead, which is slower ({cache.CACHE_DIR_ENV} chooses "
        "where stores are kept)"
    )


# A store takes about 1.5 times its data file: the newest few are kept (of files that change
# or move, the old ones are never read again), and what a build cut short left behind.
KEEP_STORES = 4
# ... and no more bytes than this in all, the newest first: a store keeps every event's
# answer written ahead (about 7 times its data file, 5.5 GB at a million events), so four
# of them could fill a disk. The store just built is kept whatever its size.
KEEP_STORE_BYTES = 8 * 1024**3
_STALE_SECONDS = 24 * 3600


def _tidy(kept: Path) -> None:
    """Remove all but the KEEP_STORES newest stores beside `kept` (it among them) that fit in
    KEEP_STORE_BYTES with it, and the temporary files and shards of builds that ended a day
    ago or more: only names this program makes, of regular files of this user."""
    import re
    import time

    ours = re.compile(r"\.?[0-9a-f]{32}\.sqlite3(\.[0-9a-f]{16}(\.read)?\.tmp(\.\d+)?)?")
    stores: list[tuple[int, int, Path]] = []
    stale_before = time.time() - _STALE_SECONDS
    with suppress(OSError), os.scandir(kept.parent) as entries:
        for entry in entries:
            if not ours.fullmatch(entry.name):
                continue
            status = entry.stat(follow_symlinks=False)
            if not cache.ours(status):
                continue
            if entry.name.endswith(".sqlite3"):
                if entry.name != kept.name:
                    stores.append((status.st_mtime_ns, status.st_size, Path(entry.path)))
            elif status.st_mtime < stale_before:
                Path(entry.path).unlink(missing_ok=True)
    try:
        room = KEEP_STORE_BYTES - kept.stat().st_size
    except OSError:
        room = KEEP_STORE_BYTES
    for index, (_, size, old) in enumerate(sorted(stores, reverse=True)):
        room -= size
        if index < KEEP_STORES - 1 and room >= 0:
            continue
        with suppress(OSError):
            old.unlink()


def build_store(
    path: Path, file: Path, seen: tuple[str, tuple[int, ...]], renderer: Renderer | None = None
) -> Store:
    """Validate the data file into a new store at `file` and open it; `seen` is the file's
    fingerprint and identity when it was looked at."""
    import sqlite3

    from eastsyria.data.load import check_readable
    from eastsyria.data.store import StoreUnavailable, remove

    check_readable(path)
    temporary = file.with_name(f".{file.name}.{os.urandom(8).hex()}.tmp")
    try:
        _write(path, temporary, seen, renderer)
        os.replace(temporary, file)
    except BaseException as exc:  # a full disk, an invalid file, Ctrl-C, a signal: no orphan
        remove(temporary)
        if isinstance(exc, (OSError, sqlite3.Error, StoreUnavailable)):
            raise StoreUnavailable(_unbuilt(file.parent, exc)) from None
        raise
    _tidy(file)
    opened = _open(file, seen[0])
    if opened is None:
        raise StoreUnavailable(_unbuilt(file.parent, "the store written could not be read"))
    return opened


def _write(
    path: Path, temporary: Path, seen: tuple[str, tuple[int, ...]], renderer: Renderer | None
) -> None:
    """Validate the file into a store of the events as read (beside `temporary`), then write
    them numbered in chronological order, with their views, to `temporary`."""
    from eastsyria.data.load import invalid
    from eastsyria.data.store import Writer, remove
    from eastsyria.data.storebuild import build, number

    fingerprint, identity = seen
    read_path = temporary.with_name(temporary.name.replace(".tmp", ".read.tmp"))
    read: Writer | None = None
    try:
        read = Writer(read_path)
        record, problems = build(path, read)
        if record is None:
            raise invalid(path, problems)
        writer = Writer(temporary)
        try:
            number(read, writer, record, renderer)
            writer.set_fingerprint(fingerprint)
            writer.finish(record)
        finally:
            writer.close()
    finally:
        if read is not None:
            read.close()
        remove(read_path)
    if _identity(os.stat(path)) != identity:
        raise DataFileError(f"data file {str(path)!r} changed while it was read; run again")
