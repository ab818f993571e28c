"""The cache of validated datasets: validation done once per file content, never trusted blind.

Keyed by the file's bytes, this program's version, the schema version and the source of the
modules that decide what a validated record is (`_SHAPE_SOURCES`), so a build that changed
the record's shape never reads another build's entries. The cache is only ever an
optimisation: a missing, stale, corrupt, foreign or unwritable cache falls back to validating
the file, silently. Which files are trusted, and how they are written and tidied, is in
`cachefiles`.

Where: `EASTSYRIA_CACHE_DIR`, else `$XDG_CACHE_HOME/eastsyria`, else `~/.cache/eastsyria`.
Relative paths are ignored, as the XDG Base Directory spec asks for its variables; a relative
`EASTSYRIA_CACHE_DIR` turns the cache off (nothing is written where nobody asked). Without a
usable home (HOME empty, `/` or relative) there is no default location; a home directory that
does not exist is never created (nor the directory that would hold `$XDG_CACHE_HOME`).
"""

from __future__ import annotations

import marshal
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from eastsyria import __version__
from eastsyria.data import cachefiles, vocab

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
_SHAPE_SOURCES = ("schema.py", "vocab.py", "references.py", "load.py", "records.py")
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


def key_of(content: bytes) -> str:
    """The cache key of a data file's bytes: hashed once, then looked up and stored by."""
    digest = blake2b(content, digest_size=32)
    version = f"{__version__}|{_CACHE_FORMAT}|{vocab.SCHEMA_VERSION}|{sys.version_info[:2]}"
    digest.update(version.encode())
    digest.update(build_digest())
    return digest.hexdigest()


def _read_cache(directory: Path, key: str) -> DatasetRecord | None:
    try:
        blob = cachefiles.read_entry(directory / cachefiles.entry_name(key))
        if blob is None or blob[: len(_CACHE_MAGIC)] != _CACHE_MAGIC:
            return None
        stored_digest = blob[len(_CACHE_MAGIC) : len(_CACHE_MAGIC) + 32]
        payload = blob[len(_CACHE_MAGIC) + 32 :]
        if blake2b(payload, digest_size=32).digest() != stored_digest:
            return None
        # A file of ours (cachefiles checked), whole (its digest) and of this key and build.
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


def _write_cache(location: tuple[Path, Path | None], key: str, record: DatasetRecord) -> None:
    try:
        _share_strings(record, {})
        payload = marshal.dumps((key, cast(Any, record)))
        blob = _CACHE_MAGIC + blake2b(payload, digest_size=32).digest() + payload
        cachefiles.write_entry(*location, key, blob)
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
