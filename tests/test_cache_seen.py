"""A TAB press takes the key of a data file's content from the file's status, never reading
it again (`cache.seen_key`), and never offers the names of content the file no longer holds.

A file is noted only when its times are `SETTLED_NS` older than the press that read it; the
tests that need a noted file say the press came that long after the file was written
(`_long_after`), since a file's change time cannot be set back; those of a file too recent
say it came right after (`_just_after`), however slow the machine running them."""

from __future__ import annotations

import builtins
import io
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Run

pytestmark = pytest.mark.private_cache

TOWNS = ["Town A", "Town B"]


def _place_names(path: Path, typed: str = "To") -> list[str]:
    from eastsyria.cli.values import candidates

    return sorted(value for value, _ in candidates("place", typed, "events", path))


@pytest.fixture
def _long_after(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if each press came long after the file was last written."""
    from eastsyria.data import cache

    monkeypatch.setattr(cache, "SETTLED_NS", -60 * 10**9, raising=False)


@pytest.fixture
def _just_after(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if each press came right after the file was written, however slow the machine."""
    from eastsyria.data import cache

    monkeypatch.setattr(cache, "SETTLED_NS", 600 * 10**9, raising=False)


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every path opened from now on, however it is opened."""
    paths: list[str] = []
    os_open, io_open = os.open, io.open

    def os_opened(path: object, *args: object, **kwargs: object) -> int:
        paths.append(os.fsdecode(path))  # type: ignore[arg-type]
        return os_open(path, *args, **kwargs)  # type: ignore[arg-type]

    def io_opened(path: object, *args: object, **kwargs: object) -> object:
        if isinstance(path, (str, bytes, os.PathLike)):
            paths.append(os.fsdecode(path))
        return io_open(path, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "open", os_opened)
    monkeypatch.setattr(io, "open", io_opened)
    monkeypatch.setattr(builtins, "open", io_opened)
    return paths


def _noted(path: Path) -> bool:
    from eastsyria.data import cache

    return cache.seen_key(os.stat(path)) is not None


def _rename_town(path: Path, new: bytes = b"Town Z") -> None:
    """Write `Town A` as `new` in the file, in place: the same size, and its modification time
    put back, as `cp -p` or `rsync -t` would leave it; only its change time moves on (the
    write is made again until it lands in a later tick of the file system's clock than the
    change time noted, as any write after a settled file's press does)."""
    before = path.stat()
    content = path.read_bytes().replace(b"Town A", new)
    assert len(content) == before.st_size
    for _ in range(10_000):
        with open(path, "r+b") as stream:
            stream.write(content)
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        if path.stat().st_ctime_ns != before.st_ctime_ns:
            break
        time.sleep(0.001)
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert after.st_ctime_ns != before.st_ctime_ns


@pytest.mark.usefixtures("_long_after")
def test_a_warm_tab_never_opens_the_data_file(
    run: Run, write_data: Callable[..., Path], opened: list[str]
) -> None:
    path = write_data()
    assert run("--data", str(path), "events", "--format", "json").status == 0
    assert _place_names(path) == TOWNS  # reads and hashes the file, and notes its key
    assert str(path) in opened
    opened.clear()
    assert _place_names(path) == TOWNS
    assert _place_names(path, "Town B") == ["Town B"]
    assert str(path) not in opened
    assert opened, "the names kept are read"


@pytest.mark.usefixtures("_long_after")
def test_a_tab_before_any_query_reads_the_file_once_not_at_every_press(
    run: Run, write_data: Callable[..., Path], opened: list[str]
) -> None:
    """With no query yet, the first press reads the JSON and keeps its names; the next ones
    read those; a query then keeps the validated dataset's names in their place."""
    path = write_data()
    assert _place_names(path) == TOWNS
    assert _noted(path)
    opened.clear()
    assert _place_names(path) == TOWNS
    assert str(path) not in opened
    _rename_town(path)  # changed: read again, never the names of what it held
    assert _place_names(path) == ["Town B", "Town Z"]
    assert run("--data", str(path), "events", "--format", "json").status == 0
    opened.clear()
    assert _place_names(path) == ["Town B", "Town Z"]
    assert str(path) not in opened


def _in_place(path: Path) -> None:
    _rename_town(path)


def _renamed_over(path: Path) -> None:
    """Another file, the same size and modification time, renamed over this one."""
    before = path.stat()
    other = path.with_name("other.json")
    other.write_bytes(path.read_bytes().replace(b"Town A", b"Town Z"))
    os.utime(other, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(other, path)


@pytest.mark.usefixtures("_long_after")
@pytest.mark.parametrize("change", [_in_place, _renamed_over], ids=["in place", "renamed over"])
def test_a_file_changed_keeping_its_size_and_time_offers_its_new_names(
    change: Callable[[Path], None], run: Run, write_data: Callable[..., Path]
) -> None:
    path = write_data()
    run("--data", str(path), "events", "--format", "json")
    assert _place_names(path) == TOWNS
    assert _noted(path)
    change(path)
    assert _place_names(path) == ["Town B", "Town Z"]
    run("--data", str(path), "events", "--format", "json")  # names kept for the new content
    assert _place_names(path) == ["Town B", "Town Z"]
    assert _noted(path)
    assert _place_names(path) == ["Town B", "Town Z"]


@pytest.mark.usefixtures("_long_after")
def test_a_touched_file_is_read_again_and_noted_again(
    run: Run, write_data: Callable[..., Path], opened: list[str]
) -> None:
    path = write_data()
    run("--data", str(path), "events", "--format", "json")
    _place_names(path)
    path.touch()
    opened.clear()
    assert _place_names(path) == TOWNS
    assert str(path) in opened
    opened.clear()
    assert _place_names(path) == TOWNS
    assert str(path) not in opened


@pytest.mark.usefixtures("_long_after")
def test_a_key_noted_for_one_file_is_never_taken_for_another(
    run: Run, write_data: Callable[..., Path]
) -> None:
    """Another file of the same size and times (to the nanosecond, as a copy may have) has
    its own names: a file is known by its device and inode too."""
    first = write_data()
    run("--data", str(first), "events", "--format", "json")
    assert _place_names(first) == TOWNS
    second = first.with_name("second.json")
    second.write_bytes(first.read_bytes().replace(b"Town A", b"Town Z"))
    status = first.stat()
    os.utime(second, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert _place_names(second) == ["Town B", "Town Z"]
    assert _place_names(first) == TOWNS


@pytest.mark.usefixtures("_just_after")
def test_a_file_written_within_the_settling_time_is_never_noted(
    run: Run, write_data: Callable[..., Path], opened: list[str]
) -> None:
    """A file written as recently as the press may be written again in the same tick of the
    file system's clock, keeping its times: such a file is read on every press (git's
    "racily clean" files), and so it offers its new names, however soon they came."""
    path = write_data()
    run("--data", str(path), "events", "--format", "json")
    assert _place_names(path) == TOWNS
    assert not _noted(path)
    status = path.stat()
    content = path.read_bytes().replace(b"Town A", b"Town Z")
    with open(path, "r+b") as stream:  # at once: its change time may be the same
        stream.write(content)
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    opened.clear()
    assert _place_names(path) == ["Town B", "Town Z"]
    assert str(path) in opened


@pytest.mark.usefixtures("_just_after")
def test_a_file_dated_back_is_as_recent_as_its_change_time(
    run: Run, write_data: Callable[..., Path]
) -> None:
    """A modification time set an hour back (`touch -d`) does not make a file settled: its
    change time, which nobody can set, is now."""
    path = write_data()
    run("--data", str(path), "events", "--format", "json")
    hour_ago = time.time_ns() - 3600 * 10**9
    os.utime(path, ns=(hour_ago, hour_ago))
    assert _place_names(path) == TOWNS
    assert not _noted(path)


@pytest.mark.usefixtures("_long_after")
@pytest.mark.parametrize(
    "spoil",
    [
        lambda index: index.chmod(0o620),
        lambda index: os.link(index, index.with_name("elsewhere")),
        lambda index: index.write_bytes(index.read_bytes()[:-3]),
    ],
    ids=["group-writable", "hard-linked", "truncated"],
)
def test_the_index_is_trusted_only_as_an_entry_is(
    spoil: Callable[[Path], object],
    run: Run,
    write_data: Callable[..., Path],
    opened: list[str],
) -> None:
    path = write_data()
    run("--data", str(path), "events", "--format", "json")
    _place_names(path)
    (index,) = Path(os.environ["EASTSYRIA_CACHE_DIR"]).glob("*.seen")
    spoil(index)
    opened.clear()
    assert _place_names(path) == TOWNS
    assert str(path) in opened


@pytest.mark.usefixtures("_long_after")
def test_the_index_keeps_the_files_read_last(
    run: Run, write_data: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from eastsyria.data import cache

    monkeypatch.setattr(cache, "KEEP_SEEN", 2)
    paths = [write_data() for _ in range(3)]
    run("--data", str(paths[0]), "events", "--format", "json")  # the same content: one entry
    for path in paths:
        _place_names(path)
    assert [_noted(path) for path in paths] == [False, True, True]
    _place_names(paths[0])
    assert [_noted(path) for path in paths] == [True, False, True]
