"""The cache of validated datasets: validation done once per file content, never trusted blind.

Keyed by the file's bytes, this program's version, the schema version and the source of the
modules that decide what a validated record is (`_SHAPE_SOURCES`), so a build that changed
the record's shape never reads another build's entries. The cache is only ever an
optimisation: a missing, stale, corrupt, foreign or unwritable cache falls back to validating
the file, silently.

Where: `EASTSYRIA_CACHE_DIR`, else `$XDG_CACHE_HOME/eastsyria`, else `~/.cache/eastsyria`.
Relative paths are ignored, as the XDG Base Directory spec asks for its variables; a relative
`EASTSYRIA_CACHE_DIR` turns the cache off (nothing is written where nobody asked). Without a
usable home (HOME empty, `/` or relative) there is no default location; a home directory that
does not exist is never created (nor the directory that would hold `$XDG_CACHE_HOME`).

The files are safe in a directory that other users can write to.

Anyone who can write to the cache directory can put any file under any name there, swap
names between our checks, and compute an unkeyed digest; what they can never do is make a
file that belongs to us. So:

- An entry is read only if, on the opened descriptor, it is a regular file owned by us, not
  group- or world-writable, with no other hard link, and at most `MAX_TOTAL` bytes. It is
  opened with O_NOFOLLOW (a symlink is refused, not followed) and O_NONBLOCK (a FIFO or
  device never blocks), and at most the bound is read.
- A new entry is written to a temporary file created exclusively (O_EXCL|O_NOFOLLOW, mode
  0600) under a random name, then renamed over the entry. A failed or interrupted write
  (full disk, Ctrl-C, SIGTERM, SIGHUP) removes its temporary file before the error goes on.
- Tidying touches only names this program makes (`ENTRY`, `NAMES`, `TEMPORARY`) that are
  regular files owned by us: the newest entries are kept within `KEEP` entries and
  `MAX_TOTAL` bytes (each with the names a TAB reads of it, `KEY.names`, which count in its
  bytes and go with it), and a temporary file older than `STALE_SECONDS` (no live writer's)
  is removed.
"""

from __future__ import annotations

import marshal
import os
import re
import stat
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from eastsyria import __version__
from eastsyria.data import vocab

if TYPE_CHECKING:
    from eastsyria.data.records import DatasetRecord

try:  # the built-in BLAKE2: importing hashlib would load OpenSSL, ~3 ms per run
    from _blake2 import blake2b as blake2b  # noqa: PLC0414 - the stores use it too
except ImportError:  # pragma: no cover - Pythons built without it
    from hashlib import blake2b as blake2b  # noqa: PLC0414

CACHE_DIR_ENV = "EASTSYRIA_CACHE_DIR"
NO_CACHE_ENV = "EASTSYRIA_NO_CACHE"

_CACHE_MAGIC = b"EASTSY01"
# 2: sources carry `container` and `url`, sections `anchor`.
# 3: control changes carry `from_part` and `basis`, starting holdings `status` and `basis`,
#    casualty claims `subgroup` and `claimant`; records may carry `outside_sources`.
_CACHE_FORMAT = "3"
# What a validated record looks like is decided here: the schema and its vocabularies, the
# reference checks, the normalisation in `load` and the plain-record types.
_SHAPE_SOURCES = (
    "schema.py",
    "values.py",
    "marks.py",
    "vocab.py",
    "references.py",
    "load.py",
    "records.py",
)
_build: bytes | None = None


def cache_location() -> tuple[Path, Path | None] | None:
    """The cache directory, and the existing directory it may be created in (None: any)."""
    if os.environ.get(NO_CACHE_ENV):
        return None
    configured = os.environ.get(CACHE_DIR_ENV)
    if configured:
        return (Path(configured), None) if os.path.isabs(configured) else None
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):
        return Path(xdg) / "eastsyria", Path(xdg).parent
    home = os.path.expanduser("~")
    if not os.path.isabs(home) or Path(home) == Path("/"):
        return None
    return Path(home) / ".cache" / "eastsyria", Path(home)


def cache_dir() -> Path | None:
    location = cache_location()
    return None if location is None else location[0]


def build_digest() -> bytes:
    """A digest of the sources that decide the record's shape: read once per process."""
    global _build  # noqa: PLW0603 - computed on first use, like an import
    if _build is None:
        digest = blake2b(digest_size=16)
        here = Path(__file__).parent
        for name in _SHAPE_SOURCES:
            try:
                digest.update((here / name).read_bytes())
            except OSError:  # a build without sources: its version alone tells it apart
                digest.update(b"-")
        _build = digest.digest()
    return _build


def _version() -> bytes:
    return f"{__version__}|{_CACHE_FORMAT}|{vocab.SCHEMA_VERSION}|{sys.version_info[:2]}".encode()


def key_of(content: bytes) -> str:
    """The cache key of a data file's bytes: hashed once, then looked up and stored by."""
    digest = blake2b(content, digest_size=32)
    digest.update(_version())
    digest.update(build_digest())
    return digest.hexdigest()


def _read_cache(
    directory: Path, key: str, magic: bytes = _CACHE_MAGIC, kind: str = "cache"
) -> DatasetRecord | None:
    try:
        blob = read_entry(directory / entry_name(key, kind))
        if blob is None or blob[: len(magic)] != magic:
            return None
        stored_digest = blob[len(magic) : len(magic) + 32]
        payload = blob[len(magic) + 32 :]
        if blake2b(payload, digest_size=32).digest() != stored_digest:
            return None
        # A file of ours (read_entry checked), whole (its digest) and of this key and build.
        stored_key, record = marshal.loads(payload)  # noqa: S302
        if stored_key != key or not isinstance(record, dict):
            return None
        return cast("DatasetRecord", record)
    except Exception:  # noqa: BLE001 - any unreadable cache is simply a miss
        return None


def _share_strings(value: Any, pool: dict[str, str]) -> None:
    """Make equal strings in `value` one object, in place: ids, kinds and dates repeat.

    marshal writes a string seen before as a back-reference, so the cache gets smaller and
    loads into fewer objects (at 100,000 events: 42 MB instead of 63, ~130 MB less memory).
    """
    items = value.items() if type(value) is dict else enumerate(value)
    for key, item in items:
        if type(item) is str:
            value[key] = pool.setdefault(item, item)
        elif type(item) in (dict, list):
            _share_strings(item, pool)


def _write_cache(
    location: tuple[Path, Path | None],
    key: str,
    record: DatasetRecord | dict[str, Any],
    magic: bytes = _CACHE_MAGIC,
    kind: str = "cache",
) -> None:
    try:
        _share_strings(record, {})
        payload = marshal.dumps((key, cast(Any, record)))
        blob = magic + blake2b(payload, digest_size=32).digest() + payload
        write_entry(*location, key, blob, kind)
    except Exception:  # noqa: BLE001 - an unwritable cache must never fail a query
        return


def lookup(key: str) -> DatasetRecord | None:
    """The validated dataset of the file with this key if the cache has it; never validates."""
    directory = cache_dir()
    return None if directory is None else _read_cache(directory, key)


def store(key: str, record: DatasetRecord) -> None:
    """Keep the validated dataset of the file with this key; a failed write is a later miss."""
    location = cache_location()
    if location is not None:
        _write_cache(location, key, record)
        _write_cache(location, key, _packed(names_of(record)), _NAMES_MAGIC, "names")


# -- the names a TAB offers, kept beside the validated dataset ------------------------------

# A TAB press offers names (places, actors, sides, campaigns, articles) and event ids, and
# says how many events name each place and actor: `names_of` is all it reads of a dataset, a
# tenth of its size. They are kept beside the dataset's entry, `KEY.names` by `KEY.cache`,
# written and trusted as every entry is, and go with it when it is evicted; so a TAB on a
# file a query has validated loads neither the dataset nor the JSON.
_NAMES_MAGIC = b"EASTSYN1"
NAMED_COLLECTIONS = ("places", "actors", "sides", "campaigns", "sources")


def _records(document: Any, collection: str) -> list[dict[str, Any]]:
    items = document.get(collection)
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def _named(event: dict[str, Any], field: str) -> list[str]:
    """The places or actors an event names (an actor by its role's `actor`)."""
    values = event.get(field)
    items = values if isinstance(values, list) else []
    ids = [value.get("actor") if isinstance(value, dict) else value for value in items]
    return [item for item in ids if isinstance(item, str)]


def names_of(document: Any) -> dict[str, Any]:
    """What a TAB reads of a dataset: its named collections, how many events name each place
    and actor (an event that names one twice counts once), and each event's id and title.

    From a validated dataset or from a file not yet validated alike (malformed entries
    skipped), so that a TAB offers the same either way."""
    events = _records(document, "events")
    counts: dict[str, dict[str, int]] = {"places": {}, "actors": {}}
    for field, counted in counts.items():
        for event in events:
            for name in dict.fromkeys(_named(event, field)):
                counted[name] = counted.get(name, 0) + 1
    return {
        **{collection: _records(document, collection) for collection in NAMED_COLLECTIONS},
        "counts": counts,
        "events": [(str(event.get("id", "")), str(event.get("title", ""))) for event in events],
        "fields": kept_values(events),
    }


# The values of a kept column a TAB offers (`--where FIELD=VALUE`): the most common, so that
# a column of a different value a row (ACLED's timestamp) keeps the names small.
KEPT_VALUES_OFFERED = 500


def kept_values(events: Iterable[Any]) -> dict[str, dict[str, int]]:
    """How many events give each value of each kept column of an imported row (the event's
    `dataset.fields`), as text; the most common `KEPT_VALUES_OFFERED` of each column."""
    counted: dict[str, Counter[str]] = {}
    for event in events:
        kept = event.get("dataset") if isinstance(event, dict) else None
        fields = kept.get("fields") if isinstance(kept, dict) else None
        if not isinstance(fields, dict):
            continue
        for field, value in fields.items():
            if isinstance(field, str) and type(value) in (str, int):
                counted.setdefault(field, Counter())[str(value)] += 1
    # The most common first, then in order of their text: as a store counts them.
    return {
        field: dict(sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))[:KEPT_VALUES_OFFERED])
        for field, values in counted.items()
    }


def _packed(names: dict[str, Any]) -> dict[str, Any]:
    """`names` with its events marshalled apart: a TAB that completes no event id (most do
    not) never builds their ids and titles, nine tenths of what it reads."""
    _share_strings(names, {})
    return {**names, "events": marshal.dumps(names["events"])}


def names_events(names: dict[str, Any]) -> list[tuple[str, str]]:
    """The (id, title) of each event of `names`, as kept or as `names_of` made them."""
    events = names["events"]
    if isinstance(events, bytes):
        # Of an entry of ours, whole (its digest checked), like the rest of it.
        return cast("list[tuple[str, str]]", marshal.loads(events))  # noqa: S302
    return cast("list[tuple[str, str]]", events)


def lookup_names(key: str) -> dict[str, Any] | None:
    """The names of the file whose dataset has `key`, if kept (`names_of`)."""
    directory = cache_dir()
    if directory is None:
        return None
    return cast("dict[str, Any] | None", _read_cache(directory, key, _NAMES_MAGIC, "names"))


def store_names(key: str, names: dict[str, Any]) -> None:
    """Keep the names of the file whose dataset has `key`; a failed write is a later miss."""
    location = cache_location()
    if location is not None:
        _write_cache(location, key, _packed(names), _NAMES_MAGIC, "names")


# -- the key of a data file's content, told by its status alone ------------------------------

# A TAB press needs the key of a data file's content (`key_of`) to find its names, and
# hashing the file (8 MB at 10,000 events) cost more than the rest of the press. So the key
# is noted with the file's status when its bytes were read (`note_seen`), and a later press
# takes it from the status alone (`seen_key`), reading nothing of the file, only when every
# field is the same: the device and inode (the same file, not another one put at its path or
# renamed over it), the size, and the modification and change times to the nanosecond. Any
# write sets both times; the file's owner can set the modification time back (`touch -d`,
# `cp -p`, `rsync -t`), but not the change time, which a `utime` sets to now.
#
# A time is only as fine as the file system keeps it (a kernel tick; a second or two on
# some), so a file written again in the tick it was read in may keep both times: git's
# "racily clean" entries, whose content git compares again. Here such a status is never
# noted: only a file whose two times are SETTLED_NS or more before the moment its bytes began
# to be read is, so that any later write gives it another time. (A file written within that
# moment is hashed on every press until it is that old.) The index is one file per build of
# this program (`BUILD.seen`, a build's keys are its own), trusted and written as the tables
# of the program are (`lookup_program`), of the KEEP_SEEN files read last.
SEEN_KIND = "seen"
KEEP_SEEN = 64
SETTLED_NS = 2_000_000_000  # FAT keeps times to 2 seconds
_seen_build: str | None = None


def _seen_index() -> str:
    """The build of the keys an index holds: what `key_of` adds to a file's bytes."""
    global _seen_build  # noqa: PLW0603 - computed on first use, like an import
    if _seen_build is None:
        digest = blake2b(_version(), digest_size=32)
        digest.update(build_digest())
        _seen_build = digest.hexdigest()
    return _seen_build


def _settled(status: os.stat_result, started_ns: int) -> bool:
    """Whether the file of `status`, read from `started_ns` on, was last written long enough
    before that a later write cannot keep its times."""
    return max(status.st_mtime_ns, status.st_ctime_ns) < started_ns - SETTLED_NS


def _noted(status: os.stat_result, started_ns: int, key: str) -> tuple[int, int, int, int, str]:
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, started_ns, key)


def seen_key(status: os.stat_result) -> str | None:
    """The key of the content of the file of `status` (as `os.stat` gives it), if noted by
    `note_seen` with that very status; else None, and the file must be read."""
    if not stat.S_ISREG(status.st_mode):
        return None
    index = lookup_program(SEEN_KIND, _seen_index())
    noted = None if index is None else index.get((status.st_dev, status.st_ino))
    if not isinstance(noted, tuple) or len(noted) != 5:
        return None
    started_ns, key = noted[3], noted[4]
    if not isinstance(started_ns, int) or not isinstance(key, str):
        return None
    if noted != _noted(status, started_ns, key) or not _settled(status, started_ns):
        return None
    return key


def note_seen(status: os.stat_result, key: str, started_ns: int) -> None:
    """Note that the file of `status` (its descriptor's, before its bytes were read from the
    moment `started_ns`, of `time.time_ns`) holds the content of `key`; nothing if it was
    written too recently for its times to tell a later write (`SETTLED_NS`)."""
    if not stat.S_ISREG(status.st_mode) or not _settled(status, started_ns):
        return
    build = _seen_index()
    index = dict(lookup_program(SEEN_KIND, build) or {})
    where = (status.st_dev, status.st_ino)
    noted = _noted(status, started_ns, key)
    before = index.get(where)
    if isinstance(before, tuple) and before[:3] == noted[:3] and before[4:] == (key,):
        return  # noted already
    index.pop(where, None)
    index[where] = noted
    for oldest in list(index)[:-KEEP_SEEN]:
        del index[oldest]
    store_program(SEEN_KIND, build, index)


# -- the files: trusted only when ours, written atomically, tidied --------------------------

KEEP = 8
MAX_TOTAL = 256 * 1024 * 1024  # bytes: every entry together, so also the largest one
STALE_SECONDS = 600

# The names this program makes (compiled when first tidying: a hit never needs them).
ENTRY = r"[0-9a-f]{64}\.cache"
NAMES = r"[0-9a-f]{64}\.names"  # a dataset's names, beside its entry
# `.KEY.TOKEN.tmp`; TOKEN was the writer's pid before the names were random.
TEMPORARY = r"\.[0-9a-f]{64}\.[0-9a-f]+\.tmp"

_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def entry_name(key: str, kind: str = "cache") -> str:
    return f"{key}.{kind}"


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


# -- ending by a signal with nothing left behind --------------------------------------------

# What ends a process from outside: `kill PID` (SIGTERM), a closed terminal or ssh session
# (SIGHUP). Ctrl-C (SIGINT) is Python's KeyboardInterrupt already.
ENDING_SIGNALS = ("SIGTERM", "SIGHUP")


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived while files were being written: the stack unwinds (each
    `finally` removes what it made), then the signal ends the process (`unwound_on_ending`)."""

    def __init__(self, signal_number: int) -> None:
        super().__init__(signal_number)
        self.signal_number = signal_number


class _Unwinding:
    """The handler `unwound_on_ending` installs: raises Terminated once; a second signal
    while the first unwinds is only kept, so that it cannot cut the removals short."""

    def __init__(self) -> None:
        self.arrived: list[int] = []
        self.held: list[int] | None = None  # where `termination_held` notes signals

    def __call__(self, signal_number: int, frame: object) -> None:
        if self.held is not None:
            self.held.append(signal_number)
        else:
            self.raise_once(signal_number)

    def raise_once(self, signal_number: int) -> None:
        self.arrived.append(signal_number)
        if len(self.arrived) == 1:
            raise Terminated(signal_number)


_unwinding: _Unwinding | None = None


@contextmanager
def unwound_on_ending() -> Iterator[None]:
    """While inside, SIGTERM and SIGHUP unwind the stack as Ctrl-C does, so that temporary
    files and helper processes go; then the signal is delivered again and ends the process
    as it would have. A signal this process ignores (`nohup`) stays ignored.

    Installed only around writing files, which follows a full validation: no cost at start-up.
    """
    import signal

    global _unwinding  # noqa: PLW0603 - the one handler of this process, while inside
    if _unwinding is not None:  # inside another: that one unwinds
        yield
        return
    handler = _Unwinding()
    previous: dict[int, Any] = {}
    try:
        for name in ENDING_SIGNALS:
            number = getattr(signal, name, None)
            if number is not None and signal.getsignal(number) is not signal.SIG_IGN:
                previous[number] = signal.signal(number, handler)
    except ValueError:  # not the main thread: no handler, the tidying clears what is left
        for number, before in previous.items():
            signal.signal(number, before)
        yield
        return
    _unwinding = handler
    try:
        yield
    except Terminated:
        pass
    finally:
        _unwinding = None
        for number, before in previous.items():
            signal.signal(number, signal.SIG_DFL if before is None else before)
    if handler.arrived:
        os.kill(os.getpid(), handler.arrived[0])  # ends the process, as the signal would have
        raise SystemExit(128 + handler.arrived[0])  # only if someone else's handler did not


@contextmanager
def termination_held(noted: list[int]) -> Iterator[None]:
    """Inside `unwound_on_ending`, a SIGTERM or SIGHUP is noted in `noted` instead of raised:
    around pydantic, which swallows an exception raised in the Python it calls back (see
    `load.ctrl_c_held`). The caller stops at a safe point of its own (`raise_noted`); one
    noted is raised on leaving. Outside `unwound_on_ending`, nothing changes."""
    handler = _unwinding
    if handler is None or handler.held is not None:
        yield
        return
    handler.held = noted
    try:
        yield
    except BaseException:
        handler.arrived.extend(_ending(noted))  # the process still ends by it
        raise
    finally:
        handler.held = None
    for number in _ending(noted):
        handler.raise_once(number)


def _ending(noted: list[int]) -> list[int]:
    import signal

    return [number for number in noted if number != signal.SIGINT]


def raise_noted(noted: list[int]) -> None:
    """Stop as a signal noted by `termination_held` or `load.ctrl_c_held` asks: Ctrl-C
    raises KeyboardInterrupt, SIGTERM and SIGHUP Terminated."""
    import signal

    if signal.SIGINT in noted:
        raise KeyboardInterrupt
    handler = _unwinding
    for number in noted:
        if handler is not None:
            handler.raise_once(number)


def _write_temporary(directory: int, key: str, blob: bytes, kind: str = "cache") -> None:
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
        os.replace(temporary, entry_name(key, kind), src_dir_fd=directory, dst_dir_fd=directory)
    except BaseException:  # a full disk, Ctrl-C, a signal: no orphan, then the error goes on
        _remove(temporary, directory)
        raise


def _remove(name: str, directory: int) -> None:
    with suppress(OSError):  # gone already, or not ours to remove
        os.unlink(name, dir_fd=directory)


def _tidy(directory: int, key: str, incoming: int, kind: str = "cache") -> None:
    """Make room for the `kind` file of `key`, of `incoming` bytes; remove stale temporary
    files of ours. A dataset's names count with its entry, in its bytes but not as an entry
    of their own, and go with it (or alone, once it has gone)."""
    import time

    stale_before = time.time() - STALE_SECONDS
    entries: list[tuple[int, int, str]] = []
    names: dict[str, int] = {}  # size of each dataset's names, by its key
    partner = 0  # the other file of `key`'s pair, kept with the one written
    with os.scandir(directory) as scan:
        for item in scan:
            name = item.name
            is_entry = re.fullmatch(ENTRY, name) is not None
            is_names = re.fullmatch(NAMES, name) is not None
            if not is_entry and not is_names and re.fullmatch(TEMPORARY, name) is None:
                continue
            try:
                status = item.stat(follow_symlinks=False)
            except OSError:
                continue
            if not ours(status):
                continue
            if name.startswith(key) and (is_entry or is_names):
                partner += 0 if name == entry_name(key, kind) else status.st_size
            elif is_entry:
                entries.append((status.st_mtime_ns, status.st_size, name))
            elif is_names:
                names[name[:64]] = status.st_size
            elif status.st_mtime < stale_before:
                _remove(name, directory)
    newest_first = sorted(entries, reverse=True)
    room, kept = MAX_TOTAL - incoming - partner, 0
    for _, size, name in newest_first[: KEEP - 1]:  # the new entry is the KEEP-th
        taken = size + names.get(name[:64], 0)
        if taken > room:
            break
        room, kept = room - taken, kept + 1
    for _, _, name in newest_first[kept:]:
        _remove(name, directory)
    staying = {name[:64] for _, _, name in newest_first[:kept]}
    for gone in names.keys() - staying:
        _remove(entry_name(gone, "names"), directory)


def write_entry(
    directory: Path, anchor: Path | None, key: str, blob: bytes, kind: str = "cache"
) -> None:
    """Keep `blob` as the `kind` file of `key` in `directory`, created (0700) under `anchor`."""
    if len(blob) > MAX_TOTAL:
        return
    descriptor = _open_directory(directory, anchor)
    try:
        _tidy(descriptor, key, len(blob), kind)
        with unwound_on_ending():
            _write_temporary(descriptor, key, blob, kind)
    finally:
        os.close(descriptor)


# -- tables of the program itself, not of a data file -----------------------------------------

# What a TAB needs of the command line's declarations (`cli.commandnames`) is kept as one file
# per kind, `BUILD.KIND`, keyed by a digest of the program's build, trusted as every entry is
# (`read_entry`, its digest, its key) and written as every entry is. A build writes its own and
# removes the other builds' of that kind: no dataset entry is evicted for it.
_PROGRAM_MAGIC = b"EASTSYP1"


def lookup_program(kind: str, build: str) -> Any | None:
    """The table `kind` this build kept (`store_program`); None if missing or not ours."""
    directory = cache_dir()
    if directory is None:
        return None
    return _read_cache(directory, build, _PROGRAM_MAGIC, kind)


def store_program(kind: str, build: str, table: dict[str, Any]) -> None:
    """Keep the table `kind` of this build, and drop other builds' tables of that kind."""
    location = cache_location()
    if location is None:
        return
    try:
        payload = marshal.dumps((build, table))
        blob = _PROGRAM_MAGIC + blake2b(payload, digest_size=32).digest() + payload
        descriptor = _open_directory(*location)
        try:
            own = entry_name(build, kind)
            with os.scandir(descriptor) as scan:
                for item in scan:
                    if item.name != own and re.fullmatch(rf"[0-9a-f]{{64}}\.{kind}", item.name):
                        with suppress(OSError):
                            if ours(item.stat(follow_symlinks=False)):
                                _remove(item.name, descriptor)
            with unwound_on_ending():
                _write_temporary(descriptor, build, blob, kind)
        finally:
            os.close(descriptor)
    except Exception:  # noqa: BLE001 - an unwritable cache must never fail a TAB
        return
