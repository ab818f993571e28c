"""The store of a large data file when building it fails, is cut short, or meets odd data
(issue 26, items 8, 9 and 10).

- A store that cannot be written (full disk, quota, read-only folder, any error of SQLite's)
  is said in one warning line, and the whole file answers, exactly as it would have.
- SIGTERM or SIGHUP during a first build ends the processes that check shares of the file
  and removes every temporary file, as Ctrl-C does; a Ctrl-C at any later step too.
- The store answers byte for byte as the whole file: integers beyond 64 bits stay exact, and
  a damaged file gets the same one line and exit status either way.
"""

from __future__ import annotations

import errno
import importlib.util
import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import Result, Run, subprocess_env
from eastsyria.data import store, storebuild, stores, stream
from eastsyria.data.load import shipped_data_path
from security.test_fuzz import EXAMPLES, FUZZ, damaged_files

# Stores live in the cache folder, and these tests look at what is left in it.
pytestmark = pytest.mark.private_cache

SHIPPED = shipped_data_path()
ROOT = Path(__file__).resolve().parents[2]
QUERY = ("events", "--format", "json")


@pytest.fixture(autouse=True)
def _shares(monkeypatch: pytest.MonkeyPatch) -> None:
    """Three processes check a store's events in batches of 5 (a large file's are of 1,000,
    one process a core), so the 72 shipped events are shared as a large file's are."""
    monkeypatch.setattr(storebuild, "SHARE_BATCH", 5)
    monkeypatch.setattr(storebuild, "_parts", lambda: 3)


def _stores_folder() -> Path:
    return Path(os.environ["EASTSYRIA_CACHE_DIR"]) / "stores"


def _left_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir()) if folder.is_dir() else []


def _both_ways(run: Run, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[Result, Result]:
    """The answer from the whole file, then through a store (built by this run)."""
    monkeypatch.delenv(stores.STORE_MIN_ENV, raising=False)
    whole = run(*args)
    monkeypatch.setenv(stores.STORE_MIN_ENV, "0")
    return whole, run(*args)


# -- item 8: a store that cannot be written -------------------------------------------------

FULL = sqlite3.OperationalError("database or disk is full")


def _fails(error: BaseException) -> Callable[..., Any]:
    def fail(*_: object, **__: object) -> Any:
        raise error

    return fail


def _failing_in_shares(error: BaseException) -> Callable[..., Any]:
    """check_share failing in the processes that check shares (forked: they see the patch)."""
    first = os.getpid()
    check_share = storebuild.check_share

    def check(*args: Any, **kwargs: Any) -> Any:
        if os.getpid() != first:
            raise error
        return check_share(*args, **kwargs)

    return check


def _failing_creation(error_number: int) -> Callable[..., int]:
    """os.open failing as a full, read-only or over-quota disk fails a new file in stores/."""
    real_open = os.open

    def open_in_stores(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if "/stores/" in str(path) and flags & os.O_CREAT:
            raise OSError(error_number, os.strerror(error_number), str(path))
        return real_open(path, flags, *args, **kwargs)

    return open_in_stores


def _read_only(patches: pytest.MonkeyPatch) -> None:
    """A read-only file system: nothing is made in stores/, nor removed, not even a file
    that is not there (EROFS, not ENOENT)."""
    patches.setattr(os, "open", _failing_creation(errno.EROFS))
    real_unlink = os.unlink

    def unlink(path: Any, *args: Any, **kwargs: Any) -> None:
        if "/stores/" in str(path):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        real_unlink(path, *args, **kwargs)

    patches.setattr(os, "unlink", unlink)


# (what fails, the patch, what the warning says of it)
STORE_FAILURES: list[tuple[str, Callable[[pytest.MonkeyPatch], None], str]] = [
    *[
        (
            f"creating the store: {errno.errorcode[number]}",
            lambda m, n=number: m.setattr(os, "open", _failing_creation(n)),
            os.strerror(number),
        )
        for number in (errno.ENOSPC, errno.EROFS, errno.EDQUOT, errno.EACCES)
    ],
    ("a read-only file system", _read_only, os.strerror(errno.EROFS)),
    (
        "opening the new store",
        lambda m: m.setattr(sqlite3, "connect", _fails(sqlite3.OperationalError("unable to open"))),
        "unable to open",
    ),
    (
        "writing rows",
        lambda m: m.setattr(store.Writer, "flush", _fails(FULL)),
        "database or disk is full",
    ),
    (
        "a share's process",
        lambda m: m.setattr(storebuild, "check_share", _failing_in_shares(FULL)),
        "database or disk is full",
    ),
    (
        "a share's process out of memory",
        lambda m: m.setattr(storebuild, "check_share", _failing_in_shares(MemoryError())),
        "out of memory",
    ),
    (
        "a share's process, on a full disk",
        lambda m: m.setattr(
            storebuild,
            "check_share",
            _failing_in_shares(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))),
        ),
        os.strerror(errno.ENOSPC),
    ),
    (
        "copying a share's rows",
        lambda m: m.setattr(store.Writer, "absorb", _fails(FULL)),
        "database or disk is full",
    ),
    (
        "making the indexes",
        lambda m: m.setattr(store.Writer, "index", _fails(FULL)),
        "database or disk is full",
    ),
    (
        "writing the dataset's collections",
        lambda m: m.setattr(store.Writer, "finish", _fails(FULL)),
        "database or disk is full",
    ),
    (
        "renaming it into place",
        lambda m: m.setattr(os, "replace", _fails(OSError(errno.EIO, os.strerror(errno.EIO)))),
        os.strerror(errno.EIO),
    ),
]


@pytest.mark.parametrize(
    ("failing", "reason"),
    [(patch, reason) for _, patch, reason in STORE_FAILURES],
    ids=[name for name, _, _ in STORE_FAILURES],
)
@pytest.mark.parametrize("command", [QUERY, ("validate",)], ids=" ".join)
def test_a_store_that_cannot_be_written_is_a_warning_and_the_whole_file_answers(
    run: Run,
    monkeypatch: pytest.MonkeyPatch,
    failing: Callable[[pytest.MonkeyPatch], None],
    reason: str,
    command: tuple[str, ...],
) -> None:
    whole = run(*command)
    failing(monkeypatch)
    monkeypatch.setenv(stores.STORE_MIN_ENV, "0")
    stored = run(*command)
    assert (stored.status, stored.out) == (whole.status, whole.out) == (0, whole.out)
    (warning,) = stored.err.splitlines()
    assert warning.startswith("eastsyria: warning: "), warning
    assert reason in warning
    assert "reading the whole file instead" in warning
    assert _left_in(_stores_folder()) == []  # no store, no shard, no temporary file


def _synthetic(path: Path, events: int) -> Path:
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks" / "synthetic.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    written: Path = module.write(path, events, 1)
    return written


def _limit_file_size() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))


def test_a_real_write_limit_fails_the_store_and_the_whole_file_answers(tmp_path: Path) -> None:
    """No fault injected: the kernel refuses every write past 64 KiB (`ulimit -f`, EFBIG), as
    a full disk refuses them, to every process of the build."""
    path = _synthetic(tmp_path / "large.json", 600)
    cache = tmp_path / "cache"
    query = ("--data", str(path), "events", "--limit", "3", "-f", "csv")
    whole = subprocess.run(
        [sys.executable, "-m", "eastsyria", *query],
        capture_output=True,
        text=True,
        env=subprocess_env(EASTSYRIA_NO_CACHE="1"),
        check=False,
    )
    limited = subprocess.run(
        [sys.executable, "-m", "eastsyria", *query],
        capture_output=True,
        text=True,
        env=subprocess_env(EASTSYRIA_CACHE_DIR=str(cache), EASTSYRIA_STORE_MIN_MB="0"),
        preexec_fn=_limit_file_size,
        check=False,
    )
    assert (whole.returncode, whole.stderr) == (0, "")
    assert (limited.returncode, limited.stdout) == (0, whole.stdout)
    (warning,) = limited.stderr.splitlines()
    assert warning.startswith("eastsyria: warning: "), warning
    assert _left_in(cache / "stores") == []


# -- item 9: signals during a build ---------------------------------------------------------


@pytest.fixture(scope="module")
def large_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A file whose share of events takes a share process a second or more to check."""
    return _synthetic(tmp_path_factory.mktemp("large") / "large.json", 8_000)


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _running(pid: int) -> bool:
    """Whether `pid` is a process that has not ended (a zombie has)."""
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait_for(found: Callable[[], list[Path]], what: str) -> list[Path]:
    deadline = time.monotonic() + 60
    while not (seen := found()):
        assert time.monotonic() < deadline, f"{what} never appeared"
        time.sleep(0.01)
    return seen


needs_shares = pytest.mark.skipif(
    not Path("/proc/self/stat").exists() or len(os.sched_getaffinity(0)) < 2,
    reason="a store is checked in shares by several processes only on 2 cores or more; "
    "the processes are found in /proc",
)


@needs_shares
@pytest.mark.parametrize("ending", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
@pytest.mark.parametrize("where", ["cache folder", "no cache folder"])
def test_a_signal_during_a_first_build_ends_every_process_and_leaves_nothing(
    large_file: Path, tmp_path: Path, ending: signal.Signals, where: str
) -> None:
    cache, temporary = tmp_path / "cache", tmp_path / "tmp"
    temporary.mkdir()
    env = subprocess_env(
        EASTSYRIA_CACHE_DIR=str(cache), EASTSYRIA_STORE_MIN_MB="0", TMPDIR=str(temporary)
    )
    if where == "no cache folder":
        env["EASTSYRIA_NO_CACHE"] = "1"
    process = subprocess.Popen(
        [sys.executable, "-m", "eastsyria", "--data", str(large_file), "events", "--limit", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        # A share's process has begun writing its rows: its shard is there.
        (shard, *_) = _wait_for(
            lambda: [*cache.glob("stores/.*.tmp.*"), *temporary.glob("*/.*.tmp.*")], "a shard"
        )
        shares = _children(process.pid)
        assert shares, "no process checks a share"
        process.send_signal(ending)
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
        process.wait()
    assert (process.returncode, out, err) == (-ending, "", "")
    assert [pid for pid in shares if _running(pid)] == []
    assert _left_in(cache / "stores") == []
    assert _left_in(temporary) == []
    assert not shard.exists()


def _ctrl_c_after(patches: pytest.MonkeyPatch, owner: Any, name: str) -> None:
    """`owner.name`, the first time the store's build calls it, does its work, then a
    Ctrl-C lands (SIGINT, as a terminal sends it)."""
    real = getattr(owner, name)
    pressed: list[bool] = []
    first = os.getpid()
    callers = ("eastsyria.data.storebuild",) if owner is os else ("eastsyria.data.store",)

    def then_ctrl_c(*args: Any, **kwargs: Any) -> Any:
        done = real(*args, **kwargs)
        caller = sys._getframe(1).f_globals.get("__name__", "")
        if not pressed and caller.startswith(callers) and os.getpid() == first:
            pressed.append(True)
            os.kill(first, signal.SIGINT)
        return done

    patches.setattr(owner, name, then_ctrl_c)


LATE_STEPS = [
    (os, "fork"),
    (storebuild, "_read_to_end"),
    (os, "waitpid"),
    (os, "close"),
    (store.Writer, "absorb"),
    (store.Writer, "duplicate_ids"),
    (store.Writer, "index"),
    (store.Writer, "finish"),
    (store.Writer, "close"),
]


@pytest.mark.parametrize(
    ("owner", "step"), LATE_STEPS, ids=[f"after {name}" for _, name in LATE_STEPS]
)
def test_a_late_ctrl_c_leaves_no_shard_and_no_process(
    run: Run, monkeypatch: pytest.MonkeyPatch, owner: Any, step: str
) -> None:
    started: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        if pid:
            started.append(pid)
        return pid

    monkeypatch.setenv(stores.STORE_MIN_ENV, "0")
    with monkeypatch.context() as patches:
        patches.setattr(os, "fork", fork)
        _ctrl_c_after(patches, owner, step)
        done = run(*QUERY)
    assert (done.status, done.out, done.err) == (130, "", "eastsyria: error: interrupted\n")
    assert started
    for pid in started:  # each was waited for: none runs on, nor is left a zombie
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
    assert _left_in(_stores_folder()) == []


def test_shards_are_private_as_every_file_of_the_cache_is(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    modes: list[int] = []
    absorb = store.Writer.absorb

    def absorbing(writer: store.Writer, shard: Path) -> None:
        modes.append(stat.S_IMODE(os.stat(shard).st_mode))
        modes.append(stat.S_IMODE(os.stat(writer.path).st_mode))
        absorb(writer, shard)

    monkeypatch.setattr(store.Writer, "absorb", absorbing)
    monkeypatch.setenv(stores.STORE_MIN_ENV, "0")
    assert run(*QUERY).status == 0
    # Two shards checking events, two numbering them with their views, and the stores built.
    assert modes == [0o600] * 8


# -- item 10: the store answers as the whole file does ---------------------------------------


def _with_casualties(tmp_path: Path, *figures: int) -> Path:
    document = json.loads(SHIPPED.read_text(encoding="utf-8"))
    claims = [e["casualties"][0] for e in document["events"] if e.get("casualties")]
    for claim, figure in zip(claims, figures, strict=False):
        claim.update(count=figure, count_max=figure * 3, best=figure * 2)
    path = tmp_path / "figures.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "command",
    [
        ("casualties", "-f", "csv"),
        ("casualties", "-f", "json"),
        ("events", "-f", "json"),
    ],
    ids=" ".join,
)
def test_integers_beyond_64_bits_come_back_exact_through_the_store(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, command: tuple[str, ...]
) -> None:
    path = _with_casualties(tmp_path, 2**64, 10**30, 2**63, 2**64 - 1, 10**300)
    whole, stored = _both_ways(run, monkeypatch, "--data", str(path), *command)
    assert whole.status == 0, whole.err
    assert "18446744073709551616" in whole.out
    assert (stored.status, stored.out, stored.err) == (whole.status, whole.out, whole.err)


def _same_both_ways(run: Run, monkeypatch: pytest.MonkeyPatch, path: Path) -> Result:
    """Assert the store and the whole file say the same of the file at `path`: a query's
    status and stderr, and every line `validate` writes; the whole file's query."""
    whole, stored = _both_ways(run, monkeypatch, "--data", str(path), "events", "--limit", "2")
    assert (stored.status, stored.err) == (whole.status, whole.err)
    assert (stored.out == whole.out) or whole.status != 0
    checked, streamed = _both_ways(run, monkeypatch, "validate", str(path), "-f", "json")
    assert (streamed.status, streamed.err) == (checked.status, checked.err)
    assert streamed.out == checked.out
    return whole


def _shipped() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(SHIPPED.read_text(encoding="utf-8"))
    return document


def _text(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False)


def _schema_problems() -> str:
    document = _shipped()
    document = {"zzz": 1, **document, "aaa": 2}  # unknown keys, before and after the events
    document["events"][3]["bogus"] = 1
    document["events"][40]["date"]["earliest"] = "2017-13-01"
    document["sources"][0]["bogus"] = 1
    document["lines"] = 5
    del document["sides"]
    document["disputes"][0]["bogus"] = 1
    return _text(document)


def _reference_problems() -> str:
    document = _shipped()
    events = document["events"]
    events[30]["id"], events[50]["id"] = events[2]["id"], events[20]["id"]  # interleaved twice
    events[25]["places"].append("atlantis")
    events[60]["campaign"] = "no-such-campaign"
    document["disputes"][0]["claims"][0]["event"] = "no-such-event"
    document["places"][3]["parent"] = "nowhere"
    return _text(document)


def _events_first(text: str) -> str:
    document = json.loads(text)
    return _text({"events": document.pop("events"), **document})


def _key_twice(key: str, value: Any) -> str:
    """A top-level key given again at the end (the last is the one JSON readers keep)."""
    return _text(_shipped())[:-1] + f", {json.dumps(key)}: {json.dumps(value)}}}"


ARABIC = "\u0627\u0644\u0628\u0648\u0643\u0645\u0627\u0644"


def _bad_byte(at: float, before: str = "") -> bytes:
    """The shipped file, one line long, with a byte no UTF-8 has at `at` of its length."""
    text = _text(_shipped()).replace('"2017 Abu Kamal', f'"{before}2017 Abu Kamal', 1)
    data = text.encode("utf-8")
    cut = int(len(data) * at)
    while data[cut] >= 0x80:  # not inside another character
        cut += 1
    return data[:cut] + b"\xff" + data[cut:]


# Each kind of damage whose wording, or whose answer, once differed between the two.
DAMAGE: dict[str, Callable[[], bytes | str]] = {
    "bad byte after non-ASCII text": lambda: _bad_byte(0.5, ARABIC * 40),
    "bad byte far along one line": lambda: _bad_byte(0.9),
    "a character cut at the end": lambda: _text(_shipped()).encode("utf-8") + b"\xd8",
    "broken JSON far along one line": lambda: _text(_shipped())[:-30] + "!!" + "}" * 5,
    "broken JSON in the events": lambda: _text(_shipped()).replace('"type": ', '"type" ', 1),
    "schema problems in collections and events": _schema_problems,
    "schema problems with the events first": lambda: _events_first(_schema_problems()),
    "broken references and ids given twice": _reference_problems,
    "broken references with the events first": lambda: _events_first(_reference_problems()),
    "events that are no array": lambda: _text({**_shipped(), "events": {"a": 1}}),
    "a top-level key given twice": lambda: _key_twice("lines", 5),
    "what events name given again after them": lambda: _key_twice("places", []),
    "the events given twice": lambda: _key_twice("events", _shipped()["events"][:3]),
    "the events given twice, the last bad": lambda: _key_twice("events", [{"id": 1}]),
    "two byte order marks": lambda: "\ufeff\ufeff" + _text(_shipped()),
    "a byte order mark only": lambda: "\ufeff",
    "an array with more after it": lambda: "[1, 2] [3]",
    "a number of 5,000 digits": lambda: _text(_shipped()).replace(": 42,", f": {'4' * 5000},", 1),
    "vertical tabs only": lambda: "\x0b\x0c \n",
    "nothing": lambda: "",
    # Found by the property test below: the store read a JSON error in its first piece and
    # never reached the bad byte, which the whole file, decoded first, reports.
    "broken JSON early, a bad byte in a later piece": lambda: (
        b"[1] " + _text(_shipped()).encode("utf-8") + b"\xc2"
    ),
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_file_gets_the_same_line_from_the_store_as_from_the_whole_file(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, damage: str
) -> None:
    made = DAMAGE[damage]()
    path = tmp_path / "damaged.json"
    path.write_bytes(made.encode("utf-8", "surrogatepass") if isinstance(made, str) else made)
    monkeypatch.setattr(stream, "CHUNK", 4096)  # read in many pieces, as a large file is
    whole = _same_both_ways(run, monkeypatch, path)
    assert len(whole.err.splitlines()) == 1, whole.err
    assert _left_in(_stores_folder()) in ([], [f"{stores._name(path)}"])


def _damaged_bytes(draw: st.DrawFn, content: bytes) -> bytes:
    """`content` with a few bytes changed, cut or added anywhere (a chunk's edge too)."""
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(content)))
        action = draw(st.sampled_from(["flip", "cut", "insert", "truncate"]))
        if action == "flip" and at < len(content):
            content = content[:at] + bytes([draw(st.integers(0, 255))]) + content[at + 1 :]
        elif action == "cut":
            content = content[:at] + content[at + draw(st.integers(1, 40)) :]
        elif action == "insert":
            content = content[:at] + draw(st.binary(min_size=1, max_size=4)) + content[at:]
        elif action == "truncate":
            content = content[:at]
    return content


@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    return _damaged_bytes(draw, draw(damaged_files()))


# Each case builds up to two stores, in two processes each (a fork of this one: 10 ms); the
# long run is EASTSYRIA_FUZZ_EXAMPLES=10000 (as tests/security/test_fuzz.py's), a quarter
# of which run here.
@settings(FUZZ, max_examples=max(EXAMPLES // 4, 10))
@given(
    content=damaged(),
    # Read in pieces of this many bytes (a large file is read in pieces of 4 MB), and the
    # events checked by this many processes.
    reading=st.tuples(st.sampled_from([64, 257, 4096]), st.sampled_from([1, 2])),
)
def test_any_damaged_file_gets_the_same_answer_from_the_store_as_from_the_whole_file(
    run: Run,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    content: bytes,
    reading: tuple[int, int],
) -> None:
    chunk, parts = reading
    monkeypatch.setattr(stream, "CHUNK", chunk)
    monkeypatch.setattr(storebuild, "_parts", lambda: parts)
    monkeypatch.setattr(storebuild, "SHARE_BATCH", 1)  # the mini file's 2 events, shared
    path = tmp_path / "damaged.json"
    path.write_bytes(content)
    _same_both_ways(run, monkeypatch, path)


@pytest.fixture(autouse=True)
def _no_stray_processes() -> Iterator[None]:
    """Every process a test here starts has ended by its end."""
    yield
    if Path("/proc/self/stat").exists():
        assert [pid for pid in _children(os.getpid()) if _running(pid)] == []
