"""The cache in a directory others can write to, as the probe found it (issue 12, 2, 3, 4, 8).

Each test plants what another user of a shared cache directory could plant, or interrupts a
write as a user or the system would, and checks the query still answers from the data file
(nothing printed, nothing overwritten, nothing left behind, nothing of others removed).
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from conftest import Run, subprocess_env
from eastsyria.data import cache, load

# Tests of the cache itself: each starts from an empty one.
pytestmark = pytest.mark.private_cache

NOBODY = 65534
as_root = pytest.mark.skipif(os.geteuid() != 0, reason="planting another user's file needs root")
Query = tuple[str, ...]


def _cache_dir() -> Path:
    return Path(os.environ["EASTSYRIA_CACHE_DIR"])


def _entry(path: Path) -> Path:
    """Where the cache keeps the validated dataset of the data file at `path`."""
    return _cache_dir() / f"{cache.key_of(path.read_bytes())}.cache"


def _query(path: Path) -> Query:
    return ("--data", str(path), "events", "--format", "json")


def _titles(result: Any) -> dict[str, str]:
    assert result.status == 0, result.err
    assert result.err == ""
    return {event["id"]: event["title"] for event in result.json()}


TRUE_TITLES = {"town-a-taken": "Army takes Town A", "town-b-by": "Town B falls"}


def _forge(entry: Path, title: str) -> None:
    """Rewrite a real entry as anyone could: same format, a new title, a correct digest."""
    blob = entry.read_bytes()
    magic = blob[:8]
    key, record = marshal.loads(blob[8 + 32 :])  # noqa: S302 - our own test file
    for event in record["events"]:
        event["title"] = title
    payload = marshal.dumps((key, record))
    entry.write_bytes(magic + hashlib.blake2b(payload, digest_size=32).digest() + payload)


# -- 2: planted links, forged entries, FIFOs and endless files ---------------------------------


def test_a_link_at_the_old_temporary_name_never_overwrites_its_target(
    run: Run, write_data: Callable[..., Path], tmp_path: Path
) -> None:
    path = write_data()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    key = cache.key_of(path.read_bytes())
    directory = _cache_dir()
    # The name a write used to take: `.KEY.PID.tmp`, PID this process (the run is in-process).
    (directory / f".{key}.{os.getpid()}.tmp").symlink_to(victim)
    (directory / f"{key}.cache").symlink_to(victim)  # and at the entry's own name
    assert _titles(run(*_query(path))) == TRUE_TITLES
    assert victim.read_text() == "precious\n"
    assert stat.S_ISREG(os.lstat(directory / f"{key}.cache").st_mode)  # the link was replaced


def _filled(run: Run, path: Path) -> Path:
    assert _titles(run(*_query(path))) == TRUE_TITLES
    entry = _entry(path)
    assert entry.is_file()
    return entry


def test_a_forged_entry_is_served_only_because_it_is_ours(
    run: Run, write_data: Callable[..., Path]
) -> None:
    """The control for the next tests: the forgery is well made, so only trust rejects it."""
    path = write_data()
    _forge(_filled(run, path), "Forged")
    assert set(_titles(run(*_query(path))).values()) == {"Forged"}


@as_root
def test_a_forged_entry_of_another_user_is_not_served(
    run: Run, write_data: Callable[..., Path]
) -> None:
    path = write_data()
    entry = _filled(run, path)
    _forge(entry, "Forged")
    os.chown(entry, NOBODY, NOBODY)
    assert _titles(run(*_query(path))) == TRUE_TITLES


@pytest.mark.parametrize("bits", [stat.S_IWGRP, stat.S_IWOTH], ids=["group", "world"])
def test_an_entry_others_may_write_is_not_served(
    bits: int, run: Run, write_data: Callable[..., Path]
) -> None:
    path = write_data()
    entry = _filled(run, path)
    _forge(entry, "Forged")
    entry.chmod(0o600 | bits)
    assert _titles(run(*_query(path))) == TRUE_TITLES


COMPLETE_PLACE = {
    "_EASTSYRIA_COMPLETE": "complete_bash",
    "COMP_WORDS": "eastsyria\n--data\n{data}\nevents\n--place\nTo",
    "COMP_CWORD": "5",
}


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str
    peak_mib: float


def _process(path: Path, *, completing: bool = False) -> Ran:
    """The real program on `path` in a subprocess, with its peak memory (os.wait4).

    A hang is a failure after 30 s; address space is capped at 2 GiB, so a run that reads
    without end fails the test instead of the machine.
    """
    env = subprocess_env()
    args: Query = ()
    if completing:
        env.update({k: v.format(data=path) for k, v in COMPLETE_PLACE.items()})
    else:
        args = _query(path)

    def capped() -> None:  # pragma: no cover - runs in the child
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(
            [sys.executable, "-m", "eastsyria", *args],
            stdout=out,
            stderr=err,
            env=env,
            preexec_fn=capped,  # noqa: PLW1509 - only sets a limit
        )
        deadline = time.monotonic() + 120  # hung, not slow on a busy machine
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                child.kill()
                child.wait()
                pytest.fail("the program hung")
            time.sleep(0.02)
        child.returncode = os.waitstatus_to_exitcode(status)  # Popen must not wait again
        out.seek(0)
        err.seek(0)
        return Ran(
            child.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            usage.ru_maxrss / 1024,
        )


@pytest.mark.parametrize("completing", [False, True], ids=["query", "completion"])
def test_a_fifo_at_the_entry_never_hangs(completing: bool, write_data: Callable[..., Path]) -> None:
    path = write_data()
    os.mkfifo(_entry(path))
    result = _process(path, completing=completing)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    if completing:
        assert result.stdout.splitlines() == ["Town\\ A", "Town\\ B"]
    else:
        assert "Army takes Town A" in result.stdout


@pytest.mark.parametrize("endless", ["dev-zero", "sparse-file"])
def test_an_endless_entry_is_not_read(endless: str, write_data: Callable[..., Path]) -> None:
    """A link to /dev/zero, or a file of ours far above the size bound: memory stays bounded."""
    path = write_data()
    entry = _entry(path)
    if endless == "dev-zero":
        entry.symlink_to("/dev/zero")
    else:
        with entry.open("wb") as sparse:
            sparse.truncate(cache.MAX_TOTAL + 1)  # just above the bound
        entry.chmod(0o600)
    result = _process(path)
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stderr == ""
    assert "Army takes Town A" in result.stdout
    assert result.peak_mib < 200, result.peak_mib


def test_an_entry_of_another_build_is_not_read(
    write_data: Callable[..., Path], tmp_path: Path
) -> None:
    """A build with the same version number whose records lack a field (here `summary`)."""
    build = tmp_path / "build"
    shutil.copytree(Path(load.__file__).parents[1], build / "eastsyria")
    changed = build / "eastsyria" / "data" / "load.py"
    source = changed.read_text(encoding="utf-8")
    sort = '    record["events"].sort('
    assert sort in source
    drop = '    for event in record["events"]:\n        del event["summary"]  # type: ignore\n'
    changed.write_text(source.replace(sort, drop + sort), encoding="utf-8")
    path = write_data()
    fill = "import sys; from eastsyria.data import load; load.load_record(load.Path(sys.argv[1]))"
    other = subprocess.run(
        [sys.executable, "-c", fill, str(path)],
        capture_output=True,
        text=True,
        env=subprocess_env(PYTHONPATH=str(build)),
        timeout=60,
        check=False,
    )
    assert other.returncode == 0, other.stderr
    assert len(list(_cache_dir().glob("*.cache"))) == 1
    result = _process(path)
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stderr == ""
    assert '"summary": "The army captured Town A."' in result.stdout
    assert len(list(_cache_dir().glob("*.cache"))) == 2  # each build its own entry


# -- 3: eviction touches only our own entries --------------------------------------------------


def _fill(run: Run, write_data: Callable[..., Path], count: int) -> None:
    for number in range(count):

        def retitle(document: dict[str, Any], number: int = number) -> None:
            document["events"][0]["title"] = f"Army takes Town A ({number})"

        path = write_data(retitle)
        assert run(*_query(path)).status == 0


def _ours() -> list[Path]:
    return [p for p in _cache_dir().iterdir() if re.fullmatch(r"[0-9a-f]{64}\.cache", p.name)]


def test_eviction_leaves_other_files_alone(
    run: Run, write_data: Callable[..., Path], tmp_path: Path
) -> None:
    directory = _cache_dir()
    foreign = [directory / name for name in ("pip.cache", "0123abc.cache", "A" * 64 + ".cache")]
    for file in foreign:
        file.write_text("someone else's\n")
    victim = tmp_path / "victim.cache"
    victim.write_text("linked\n")
    link = directory / f"{'e' * 64}.cache"
    link.symlink_to(victim)
    old = time.time() - 86_400  # older than every entry: first to go if it were ours
    for file in [*foreign, link]:
        os.utime(file, (old, old), follow_symlinks=False)
    _fill(run, write_data, cache.KEEP + 3)
    assert all(file.read_text() == "someone else's\n" for file in foreign)
    assert link.is_symlink()
    assert victim.read_text() == "linked\n"
    assert len([p for p in _ours() if not p.is_symlink()]) == cache.KEEP


@as_root
def test_eviction_leaves_another_users_entry_alone(
    run: Run, write_data: Callable[..., Path]
) -> None:
    theirs = _cache_dir() / f"{'f' * 64}.cache"
    theirs.write_text("theirs\n")
    os.chown(theirs, NOBODY, NOBODY)
    os.utime(theirs, (0, 0))
    _fill(run, write_data, cache.KEEP + 1)
    assert theirs.read_text() == "theirs\n"


def test_the_total_size_stays_within_the_bound(run: Run, write_data: Callable[..., Path]) -> None:
    """Big entries of ours (sparse: their size counts, not the disk they take) make room."""
    for number in range(3):
        big = _cache_dir() / f"{number:064x}.cache"
        with big.open("wb") as sparse:
            sparse.truncate(cache.MAX_TOTAL // 2)
        os.utime(big, (number, number))
    _fill(run, write_data, 1)
    sizes = [p.stat().st_size for p in _ours()]
    assert sum(sizes) <= cache.MAX_TOTAL
    assert sorted(sizes)[-1] == cache.MAX_TOTAL // 2  # the newest big one stayed
    assert len(sizes) == 2


# -- 4: no temporary file left behind ----------------------------------------------------------


def _temporaries() -> list[str]:
    return sorted(p.name for p in _cache_dir().iterdir() if p.name.endswith(".tmp"))


def _failing_write(error: BaseException) -> Callable[[int, Any], int]:
    real = os.write

    def write(descriptor: int, data: Any) -> int:
        if not os.readlink(f"/proc/self/fd/{descriptor}").startswith(str(_cache_dir())):
            return real(descriptor, data)  # not the cache's write (pytest's own output, say)
        real(descriptor, bytes(data[: len(data) // 2]))  # half done when it fails
        raise error

    return write


@pytest.mark.parametrize(
    "error",
    [KeyboardInterrupt(), OSError(28, "No space left on device")],
    ids=["ctrl-c", "disk-full"],
)
def test_an_interrupted_write_leaves_no_temporary_file(
    error: BaseException, write_data: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_data()
    with monkeypatch.context() as patch:
        patch.setattr(os, "write", _failing_write(error))
        if isinstance(error, KeyboardInterrupt):
            with pytest.raises(KeyboardInterrupt):
                load.load_record(path)
        else:
            assert load.load_record(path)["events"]  # a full disk never fails the query
    assert _temporaries() == []
    assert list(_cache_dir().iterdir()) == []


def test_sigterm_during_a_write_leaves_no_temporary_file(write_data: Callable[..., Path]) -> None:
    path = write_data()
    program = (
        "import os, signal, sys\n"
        "from eastsyria.data import load\n"
        "real = os.write\n"
        "def write(fd, data):\n"
        "    real(fd, bytes(data[:100]))\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    return 100\n"
        "os.write = write\n"
        "load.load_record(load.Path(sys.argv[1]))\n"
        "print('not terminated')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program, str(path)],
        capture_output=True,
        text=True,
        env=subprocess_env(),
        timeout=60,
        check=False,
    )
    assert result.returncode == -signal.SIGTERM, result.stderr
    assert result.stdout == ""
    assert _temporaries() == []


@as_root
def test_stale_temporary_files_of_ours_are_swept_and_no_others(
    run: Run, write_data: Callable[..., Path], tmp_path: Path
) -> None:
    directory = _cache_dir()
    key = "c" * 64
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    planted = {
        "stale": directory / f".{key}.4242.tmp",  # a writer killed an hour ago
        "live": directory / f".{key}.4343.tmp",  # a writer at work now
        "theirs": directory / f".{key}.4444.tmp",
        "foreign": directory / ".other-program.tmp",
    }
    for file in planted.values():
        file.write_bytes(b"x" * 1000)
    os.chown(planted["theirs"], NOBODY, NOBODY)
    link = directory / f".{key}.4545.tmp"
    link.symlink_to(victim)
    hour_ago = time.time() - 3600
    for file in [*planted.values(), link]:
        if file is not planted["live"]:
            os.utime(file, (hour_ago, hour_ago), follow_symlinks=False)
    assert run(*_query(write_data())).status == 0
    kept = (planted["live"], planted["theirs"], planted["foreign"], link)
    assert _temporaries() == sorted(p.name for p in kept)
    assert victim.read_text() == "precious\n"


# -- 8: where the cache goes -------------------------------------------------------------------


@pytest.fixture
def elsewhere(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No EASTSYRIA_CACHE_DIR, HOME at `home` beside a working directory of its own, both
    empty (to see what lands there)."""
    monkeypatch.delenv("EASTSYRIA_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    work = tmp_path / "work"
    work.mkdir()
    (tmp_path / "home").mkdir()
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(work)
    return work


def _answers(run: Run, path: Path) -> None:
    assert _titles(run(*_query(path))) == TRUE_TITLES


def test_the_default_cache_is_private_and_in_the_home(
    run: Run, write_data: Callable[..., Path], elsewhere: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = elsewhere.parent / "home"
    _answers(run, write_data())
    assert len(list((home / ".cache" / "eastsyria").glob("*.cache"))) == 1
    for made in (home / ".cache", home / ".cache" / "eastsyria"):
        assert stat.S_IMODE(made.stat().st_mode) == 0o700


@pytest.mark.parametrize(
    "case",
    [("XDG_CACHE_HOME", 1), ("EASTSYRIA_CACHE_DIR", 0)],
    ids=["xdg-ignored", "cache-dir-turns-it-off"],
)
def test_a_relative_cache_location_is_never_used(
    case: tuple[str, int],
    run: Run,
    write_data: Callable[..., Path],
    elsewhere: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """XDG: relative paths are to be ignored; a relative EASTSYRIA_CACHE_DIR: no cache."""
    variable, in_home = case
    monkeypatch.setenv(variable, "relative-cache")
    _answers(run, write_data())
    assert list(elsewhere.iterdir()) == []
    assert len(list((elsewhere.parent / "home/.cache/eastsyria").glob("*.cache"))) == in_home


def test_an_absolute_xdg_cache_home_is_used(
    run: Run, write_data: Callable[..., Path], elsewhere: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    xdg = elsewhere.parent / "xdg"
    monkeypatch.setenv("XDG_CACHE_HOME", str(xdg))
    _answers(run, write_data())
    assert len(list((xdg / "eastsyria").glob("*.cache"))) == 1
    assert stat.S_IMODE((xdg / "eastsyria").stat().st_mode) == 0o700


def test_an_empty_home_means_no_cache(
    run: Run, write_data: Callable[..., Path], elsewhere: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", "")
    before = Path("/.cache/eastsyria").exists()
    _answers(run, write_data())
    assert Path("/.cache/eastsyria").exists() == before
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("variable", ["HOME", "XDG_CACHE_HOME"])
def test_a_missing_home_is_not_created(
    variable: str,
    run: Run,
    write_data: Callable[..., Path],
    elsewhere: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    home = elsewhere.parent / "gone" / "home"
    monkeypatch.setenv(variable, str(home if variable == "HOME" else home / ".cache"))
    _answers(run, write_data())
    assert not (elsewhere.parent / "gone").exists()


def test_a_new_cache_dir_is_private(
    run: Run, write_data: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = tmp_path / "new" / "cache"
    monkeypatch.setenv("EASTSYRIA_CACHE_DIR", str(directory))
    _answers(run, write_data())
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
