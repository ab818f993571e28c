"""The indexed store (large data files): the same answers as the whole file loaded, from a
file validated in a stream, and a store that is never trusted blind."""

from __future__ import annotations

import io
import itertools
import json
import os
import stat
from pathlib import Path
from typing import Any, TextIO, cast

import pytest
from tests.conftest import (
    FakeEnvironment,
    Run,
    TextStream,
    run_on_terminal,
    run_process,
    subprocess_env,
)
from tests.security.hostile import EVIL, hostile_document

from eastsyria.cli import entry
from eastsyria.contract.events import EVENT_FIELDS, EVENT_PIPED_FIELDS
from eastsyria.core.sanitise import json_text
from eastsyria.data import storebuild, stores, stream
from eastsyria.data.codes import short_ids
from eastsyria.data.load import shipped_data_path
from eastsyria.data.store import Store
from eastsyria.output import kml, machine
from eastsyria.output.environment import OutputStream
from eastsyria.output.machine import serialised, write_json

# Stores live in the cache folder, and these tests count them.
pytestmark = pytest.mark.private_cache

SHIPPED = shipped_data_path()


@pytest.fixture(autouse=True)
def _checked_in_shares(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every store here is built by three processes, each checking batches of 5 events (a
    large file's are of 1,000, on as many processes as cores): the 72 events are shared."""
    monkeypatch.setattr(storebuild, "SHARE_BATCH", 5)
    monkeypatch.setattr(storebuild, "_parts", lambda: 3)


# Every kind of filter and every command that reads events: each must answer the same
# through the store as from the whole file.
QUERIES = [
    ("events", "-f", "json"),
    ("events",),
    ("events", "--from", "2017-11-01", "--place", "Abu Kamal", "-f", "json"),
    ("events", "--from", "2017-10", "--to", "2017-11", "--within", "-f", "json"),
    ("events", "--on", "2017-11-09", "-f", "json"),
    ("events", "--place", "Deir ez-Zor Governorate", "--inside", "-f", "json"),
    ("events", "--near", "Abu Kamal", "--radius", "60", "--sort", "distance", "-f", "json"),
    ("events", "--actor", "Hezbollah", "-f", "json"),
    ("events", "--side", "isil", "--type", "capture", "-f", "json"),
    ("events", "--campaign", "abu-kamal-offensive", "--reverse", "--limit", "3", "-f", "json"),
    ("events", "--text", "siege", "-f", "json"),
    ("events", "--disputed", "-f", "csv"),
    ("events", "--from", "2017-11-01", "--place", "Abu Kamal", "-f", "csv"),
    ("events", "--fields", "date,title,places", "-f", "csv"),
    ("events", "--no-csv-guard", "-f", "csv"),
    ("events", "--from", "2017-11-01", "--place", "Abu Kamal"),  # piped: TSV
    ("events", "--fields", "id,title,places"),
    ("events", "--reverse", "--limit", "5"),
    ("timeline", "-f", "json"),
    ("timeline", "--from", "2017-11"),
    ("stats", "-f", "json"),
    ("stats", "--by", "week", "--place", "Mayadin"),
    ("control", "-f", "json"),
    ("control", "Abu Kamal"),
    ("control", "--on", "2017-11-10", "-f", "json"),
    ("control", "-f", "geojson"),
    ("control", "Abu Kamal", "-f", "json"),
    ("control", "Deir ez-Zor", "--on", "2017-11-10", "-f", "csv"),
    ("control", "--diff", "2017-11-01", "2017-11-30", "-f", "jsonl"),
    ("control", "--chart"),
    ("places", "-f", "json"),
    ("actors", "-f", "json"),
    ("campaigns", "-f", "json"),
    ("disputes", "-f", "json"),
    ("disputes",),
    ("casualties", "-f", "json"),
    ("map", "-f", "geojson"),
    ("events", "--source", "abu-kamal-offensive-2017", "-f", "json"),
    # Issue 28: where each event is, in the rows kept and in rows made; TSV's header.
    ("events", "--fields", "place_name,lat,lon", "-f", "csv"),
    ("events", "-f", "tsv", "--header"),
    ("places", "-f", "tsv", "--header"),
    # Issue 29: a brief reads its events through the store as `events` does.
    ("brief", "--accessed", "2026-12-07", "-f", "json"),
    ("brief", "--place", "Abu Kamal", "--sentences", "10", "--accessed", "2026-12-07"),
    ("brief", "--from", "2018", "-f", "markdown", "--accessed", "2026-12-07"),
    # Within a budget the store ranks the selection from its columns and reads only the first.
    ("brief", "--sentences", "12", "--accessed", "2026-12-07", "-f", "json"),
    ("brief", "--max-words", "400", "--side", "isil", "--accessed", "2026-12-07"),
    ("brief", "--sentences", "5", "--limit", "20", "--accessed", "2026-12-07"),
]


@pytest.fixture(scope="module")
def queries_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache for every query below: the store is built by the first and read by the
    others (building it is what the other tests here are about)."""
    return tmp_path_factory.mktemp("queries-cache")


@pytest.mark.parametrize("args", QUERIES, ids=" ".join)
def test_the_store_answers_as_the_whole_file_does(
    run: Run, monkeypatch: pytest.MonkeyPatch, queries_cache: Path, args: tuple[str, ...]
) -> None:
    monkeypatch.setenv("EASTSYRIA_CACHE_DIR", str(queries_cache))
    opened: list[Store] = []

    def open_store(path: Path, **options: Any) -> Store:
        opened.append(real_open_store(path, **options))
        return opened[-1]

    real_open_store = stores.open_store
    monkeypatch.setattr(stores, "open_store", open_store)
    whole = run(*args)
    assert opened == [], "the whole file was read through a store"
    monkeypatch.setenv("EASTSYRIA_STORE_MIN_MB", "0")
    stored = run(*args)
    assert (stored.status, stored.out, stored.err) == (whole.status, whole.out, whole.err)
    assert whole.status == 0
    assert len(opened) == 1, "the store was not used"


def test_events_named_by_id_short_code_and_prefix_through_the_store(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    everything = [event["id"] for event in run("events", "-f", "json").json()]
    first = everything[0]
    table = run_on_terminal("events", "--place", "Abu Kamal").out
    monkeypatch.setenv("EASTSYRIA_STORE_MIN_MB", "0")
    assert run_on_terminal("events", "--place", "Abu Kamal").out == table  # the same codes
    code = short_ids(everything)[first]
    assert code in table or code in run_on_terminal("events").out
    for typed in (first, first[:-2], code):
        shown = run("show", typed, "-f", "json")
        assert shown.status == 0, shown.err
        assert shown.json()["id"] == first
    missing = run("show", "no-such-event")
    assert missing.status == 2
    assert "no event 'no-such-event'" in missing.err


def _stores() -> list[Path]:
    directory = Path(os.environ["EASTSYRIA_CACHE_DIR"]) / "stores"
    return sorted(directory.glob("*.sqlite3")) if directory.is_dir() else []


def _events_first(tmp_path: Path) -> Path:
    """The shipped data with its events before everything they name."""
    document = json.loads(SHIPPED.read_text(encoding="utf-8"))
    reordered = {"events": document.pop("events"), **document}
    path = tmp_path / "events-first.json"
    path.write_text(json.dumps(reordered, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_file_that_gives_its_events_first_is_read_all_the_same(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = _events_first(tmp_path)
    whole = run("--data", str(path), "events", "--place", "Mayadin", "-f", "json")
    monkeypatch.setenv("EASTSYRIA_STORE_MIN_MB", "0")
    stored = run("--data", str(path), "events", "--place", "Mayadin", "-f", "json")
    assert stored.out == whole.out
    shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))["events"]
    at_mayadin = [event["id"] for event in shipped if "mayadin" in event["places"]]
    assert sorted(event["id"] for event in stored.json()) == sorted(at_mayadin)


def test_the_stream_reads_what_json_loads_reads_whatever_the_chunk(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    expected = json.loads(SHIPPED.read_text(encoding="utf-8"))
    path = _events_first(tmp_path)
    events: list[Any] = []

    def keep(_: int, event: Any) -> None:
        events.append(event)

    for chunk in (1, 7, 4096):
        monkeypatch.setattr(stream, "CHUNK", chunk)
        events.clear()
        document = stream.read_document(SHIPPED, {}, keep)
        assert {**document, "events": events} == expected
        events.clear()
        stream.read_document(path, {}, keep)
        assert events == expected["events"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"events": [1, 2', "Expecting"),
        ('{"events": [1,, 2]}', "Expecting value at line 1, column 15"),
        ('{"events": [1]]}', "Expecting ',' delimiter at line 1, column 15"),
        ('{"sides": []} extra', "Extra data at line 1, column 15"),
        ('{"sides": [] "x": 1}', "Expecting ',' delimiter at line 1, column 14"),
        ("", "is empty"),
    ],
)
def test_broken_json_is_one_line_with_where_it_breaks(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "broken.json"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("EASTSYRIA_STORE_MIN_MB", "0")
    done = run("--data", str(path), "events")
    assert done.status == 2
    assert message in done.err
    assert len(done.err.strip().splitlines()) == 1
    assert not _stores()


def _broken(tmp_path: Path, change: str) -> Path:
    document = json.loads(SHIPPED.read_text(encoding="utf-8"))
    events = document["events"]
    if change == "unknown place":
        events[3]["places"].append("atlantis")
    elif change == "duplicate id":
        events[10]["id"] = events[2]["id"]
    elif change == "bad date":
        events[5]["date"]["earliest"] = "2017-13-01"
    elif change == "unknown event in a dispute":
        document["disputes"][0]["claims"][0]["event"] = "no-such-event"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "change", ["unknown place", "duplicate id", "bad date", "unknown event in a dispute"]
)
def test_validating_in_a_stream_finds_the_problems_a_whole_file_check_finds(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, change: str
) -> None:
    path = _broken(tmp_path, change)
    whole = run("validate", str(path), "-f", "json")
    query = run("--data", str(path), "events")
    monkeypatch.setenv("EASTSYRIA_STORE_MIN_MB", "0")
    streamed = run("validate", str(path), "-f", "json")
    assert whole.status == streamed.status == 2
    assert streamed.out == whole.out
    assert json.loads(whole.out)["problems"]
    stored_query = run("--data", str(path), "events")
    assert (stored_query.status, stored_query.err) == (query.status, query.err)
    assert not _stores()  # an invalid file leaves no store behind


def test_validate_of_a_large_file_counts_what_the_store_holds(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = run("validate", str(SHIPPED))
    monkeypatch.setenv("EASTSYRIA_STORE_MIN_MB", "0")
    streamed = run("validate", str(SHIPPED))
    assert streamed.out == whole.out
    assert " 72 events" in whole.out
    assert len(_stores()) == 1


def _stored_copy(run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    path = tmp_path / "events.json"
    path.write_bytes(SHIPPED.read_bytes())
    monkeypatch.setenv("EASTSYRIA_STORE_MIN_MB", "0")
    assert run("--data", str(path), "events", "--on", "2017-11-09").status == 0
    return path


def test_a_changed_file_gets_a_new_store(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = _stored_copy(run, monkeypatch, tmp_path)
    (store,) = _stores()
    built = store.stat().st_ino
    document = json.loads(path.read_text(encoding="utf-8"))
    document["events"][0]["title"] = "A title zanzibarish since the store was built"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    found = run("--data", str(path), "events", "--text", "zanzibarish", "-f", "json").json()
    assert [event["title"] for event in found] == ["A title zanzibarish since the store was built"]
    (store,) = _stores()
    assert store.stat().st_ino != built


@pytest.mark.parametrize("harm", ["world-writable", "garbage", "symlink"])
def test_a_store_that_may_not_be_ours_is_never_read(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, harm: str
) -> None:
    path = _stored_copy(run, monkeypatch, tmp_path)
    (store,) = _stores()
    expected = run("--data", str(path), "events", "-f", "json").out
    if harm == "world-writable":
        store.chmod(0o666)
    elif harm == "garbage":
        store.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4096)
    else:
        elsewhere = tmp_path / "elsewhere.sqlite3"
        store.rename(elsewhere)
        store.symlink_to(elsewhere)
    again = run("--data", str(path), "events", "-f", "json")
    assert (again.status, again.out, again.err) == (0, expected, "")


def test_a_stores_directory_others_may_enter_is_not_used(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    stores = Path(os.environ["EASTSYRIA_CACHE_DIR"]) / "stores"
    stores.mkdir(parents=True)
    stores.chmod(0o777)
    path = tmp_path / "events.json"
    path.write_bytes(SHIPPED.read_bytes())
    monkeypatch.setenv("EASTSYRIA_STORE_MIN_MB", "0")
    expected = run("events", "-f", "json").out
    assert run("--data", str(path), "events", "-f", "json").out == expected
    assert list(stores.iterdir()) == []
    assert stat.S_IMODE(stores.stat().st_mode) == 0o777  # left as it was found


def test_the_store_min_size_setting_is_checked(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EASTSYRIA_STORE_MIN_MB", "lots")
    done = run("events")
    assert done.status == 2
    assert "EASTSYRIA_STORE_MIN_MB='lots' is not a number of megabytes" in done.err


def _written(data: object, out: TextIO) -> str:
    write_json(data, out)
    if isinstance(out, OutputStream):
        out.flush()
        return stream_bytes(out).decode("utf-8")
    return cast("io.StringIO", out).getvalue()


def stream_bytes(out: OutputStream) -> bytes:
    wrapped = cast("io.TextIOWrapper", out._stream)
    wrapped.flush()
    return cast("io.BytesIO", wrapped.buffer).getvalue()


def test_large_json_is_written_by_orjson_exactly_as_the_standard_library_writes_it(
    run: Run,
) -> None:
    views = run("events", "--near", "Abu Kamal", "--radius", "500", "-f", "json").json()
    many = views * 40  # above the size orjson takes over at
    hostile = [{"title": "\x1b[31m\u202e\u0000 «ال» \u2028", "n": 2**63, "x": [1.5, {}]}] * 3000
    surrogate = [{"title": "\ud800"}] * 3000  # beyond orjson: the standard library writes it
    huge = [{"n": 10**30}] * 3000  # beyond orjson too
    for data in (many, {"events": many}, hostile, surrogate, huge):
        expected = json_text(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"
        # A stream of text, and standard output's bytes (written straight to them).
        assert _written(data, TextStream()) == expected
        binary = OutputStream(io.TextIOWrapper(io.BytesIO(), encoding="utf-8"))
        assert _written(data, cast("TextIO", binary)) == expected
    # Only an exponent is written otherwise (1e-07 and 1e-7), which JSON reads alike.
    tiny = [{"km": 1e-7}] * 3000
    assert json.loads(_written(tiny, TextStream())) == tiny


def _colliding_ids() -> tuple[str, str]:
    """Two ids whose 4-letter codes are the same (found by trying, as a user's could be)."""
    seen: dict[str, str] = {}
    for number in range(100_000):
        item = f"clash-{number}"
        code = short_ids([item])[item]
        if code in seen:
            return seen[code], item
        seen[code] = item
    raise AssertionError("no two codes collide")  # pragma: no cover


def test_ids_whose_codes_collide_get_longer_codes_through_the_store_too(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    document = json.loads(SHIPPED.read_text(encoding="utf-8"))
    first, second = _colliding_ids()
    for item in (first, second):
        document["events"].append({**document["events"][0], "id": item, "title": f"A {item}"})
    path = tmp_path / "clash.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    codes = short_ids(event["id"] for event in document["events"])
    assert len(codes[first]) == len(codes[second]) == 5
    assert codes[first][:4] == codes[second][:4]
    shown = run_on_terminal("--data", str(path), "events", "--text", "clash").out
    assert first in shown
    monkeypatch.setenv("EASTSYRIA_STORE_MIN_MB", "0")
    assert run_on_terminal("--data", str(path), "events", "--text", "clash").out == shown
    for item in (first, second):
        assert run("--data", str(path), "show", codes[item], "-f", "json").json()["id"] == item
    shared = run("--data", str(path), "show", codes[first][:4])
    assert shared.status == 2


def test_ctrl_c_while_a_store_is_built_stops_it_and_leaves_nothing_behind(tmp_path: Path) -> None:
    import importlib.util
    import signal
    import subprocess
    import sys
    import time

    spec = importlib.util.spec_from_file_location(
        "synthetic", Path(__file__).resolve().parents[1] / "benchmarks" / "synthetic.py"
    )
    assert spec is not None
    assert spec.loader is not None
    synthetic = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synthetic)
    path = tmp_path / "large.json"
    synthetic.write(path, 20_000, 1)
    cache = tmp_path / "cache"
    env = {
        **subprocess_env(),
        "EASTSYRIA_CACHE_DIR": str(cache),
        "EASTSYRIA_STORE_MIN_MB": "0",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "eastsyria", "--data", str(path), "events", "--limit", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    stores = cache / "stores"
    deadline = time.monotonic() + 60
    while not (stores.is_dir() and any(stores.glob(".*.tmp"))):  # the build has begun
        assert time.monotonic() < deadline, "the store was never begun"
        time.sleep(0.01)
    time.sleep(0.1)  # into validating the events (20,000 take over a second)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert (process.returncode, out, err) == (130, "", "eastsyria: error: interrupted\n")
    assert list(stores.iterdir()) == []  # no store, no shard, no temporary file


def test_only_the_newest_stores_are_kept_and_nothing_of_others(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("EASTSYRIA_STORE_MIN_MB", "0")
    stores = Path(os.environ["EASTSYRIA_CACHE_DIR"]) / "stores"
    stores.mkdir(mode=0o700, parents=True)
    someone = stores / "notes.txt"  # not a name this program makes: never touched
    someone.write_text("mine", encoding="utf-8")
    old_temporary = stores / f".{'a' * 32}.sqlite3.{'b' * 16}.tmp"
    old_temporary.write_bytes(b"left by a build cut short")
    os.utime(old_temporary, (1, 1))
    paths = []
    for number in range(6):
        path = tmp_path / f"copy-{number}.json"
        path.write_bytes(SHIPPED.read_bytes())
        assert run("--data", str(path), "events", "--limit", "1").status == 0
        paths.append(path)
    kept = sorted(p.name for p in stores.iterdir())
    assert len([name for name in kept if name.endswith(".sqlite3")]) == 4
    assert "notes.txt" in kept
    assert old_temporary.name not in kept
    # The newest is among them: the last file's next query reads it, builds nothing.
    before = {p.name: p.stat().st_ino for p in stores.glob("*.sqlite3")}
    assert run("--data", str(paths[-1]), "events", "--limit", "1").status == 0
    assert {p.name: p.stat().st_ino for p in stores.glob("*.sqlite3")} == before


def test_stores_are_kept_only_while_they_fit_in_the_byte_budget(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store is several times its file: older stores go once the kept ones would pass
    KEEP_STORE_BYTES, the newest first, and the store just built stays whatever its size."""
    monkeypatch.setenv("EASTSYRIA_STORE_MIN_MB", "0")
    folder = Path(os.environ["EASTSYRIA_CACHE_DIR"]) / "stores"
    folder.mkdir(mode=0o700, parents=True)
    gib = 1024**3

    def older_store(name: str, size: int, age: int) -> Path:
        store = folder / f"{name * 32}.sqlite3"
        with store.open("wb") as out:
            out.truncate(size)  # sparse: its size is what counts
        os.utime(store, (1000 - age, 1000 - age))
        return store

    # Newest first: 3, 4 and 2 GiB. With the new, small store, 3 GiB fit in 8, then 3 + 4,
    # then 2 more would pass it.
    older = [older_store("a", 3 * gib, 0), older_store("b", 4 * gib, 1)]
    too_many = older_store("c", 2 * gib, 2)
    assert run("events", "--limit", "1").status == 0
    (new,) = set(folder.glob("*.sqlite3")) - {*older, too_many}
    assert {p.name for p in folder.glob("*.sqlite3")} == {new.name, *(p.name for p in older)}
    # A budget smaller than the new store alone: it stays, every other store goes.
    monkeypatch.setattr(stores, "KEEP_STORE_BYTES", 1)
    stores._tidy(new)
    assert [p.name for p in folder.glob("*.sqlite3")] == [new.name]


def test_ctrl_c_while_waiting_for_a_share_leaves_no_shard_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Seen once under load: Ctrl-C while the first process waited for another's result left
    # that share's shard in the stores folder, as the share had already been taken off the
    # list of those to stop.
    from eastsyria.data.store import Writer

    monkeypatch.setattr(storebuild, "_parts", lambda: 2)
    read_to_end = storebuild._read_to_end

    def interrupted(descriptor: int) -> bytes:
        read_to_end(descriptor)  # the other process has written its shard and its result
        raise KeyboardInterrupt

    monkeypatch.setattr(storebuild, "_read_to_end", interrupted)
    writer = Writer(tmp_path / "store.sqlite3")
    shards: list[str] = []

    def gather_interrupted() -> None:
        with storebuild.started(SHIPPED, writer) as shares:
            shards.extend(share.shard.name for share in shares.running)
            shares.gather(writer)

    try:
        with pytest.raises(KeyboardInterrupt):
            gather_interrupted()
    finally:
        writer.close()
    assert shards == ["store.sqlite3.1"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["store.sqlite3"]


# -- issue 27: each event's view kept serialised, answers written as they are read ----------


@pytest.fixture(scope="module")
def hostile_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped events with escape sequences, bidirectional controls and tag characters in
    every text, Arabic in one title, titles that start a spreadsheet formula or hold what CSV
    quotes (commas, quotes, line breaks), and casualty figures beyond 64 bits."""
    document = hostile_document()
    document["events"][0]["title"] = "معركة البوكمال " + EVIL
    for event, title in zip(document["events"][1:], CSV_TITLES, strict=False):
        event["title"] = title
    claims = [e["casualties"][0] for e in document["events"] if e.get("casualties")]
    for claim, figure in zip(claims, (2**64, 10**30, 2**63, 10**300), strict=False):
        claim.update(count=figure, count_max=figure * 3, best=figure * 2)
    path = tmp_path_factory.mktemp("hostile") / "hostile.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


# Each read by a spreadsheet as a formula unless guarded, or quoted by CSV.
CSV_TITLES = [
    '=HYPERLINK("http://example.com/x", "click, here")',
    "+1 Mayadin, then\nDeir ez-Zor",
    '-2+3 "quoted", and \r\n a CR',
    "@SUM(A1);'x'",
    "  =1 after spaces, Ünïcode",
    "-12.5",
]


@pytest.fixture(scope="module")
def hostile_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile-cache")


STREAMED = [
    ("events", "-f", "json"),
    ("events", "-f", "jsonl"),
    ("events", "-f", "csv"),  # the rows the store keeps
    ("events", "--no-csv-guard", "-f", "csv"),  # rows made from the views
    ("events", "--fields", "title,summary,places", "-f", "csv"),
    ("events", "--from", "2017-11-01", "--place", "Abu Kamal", "-f", "csv"),
    ("events", "--reverse", "--limit", "4", "-f", "csv"),
    ("events", "--text", "siege", "-f", "csv"),
    ("events", "--near", "Abu Kamal", "--radius", "80", "-f", "csv"),
    ("events",),  # piped: TSV, the lines the store keeps
    ("events", "--from", "2017-11-01", "--place", "Abu Kamal", "-f", "tsv"),
    ("events", "--fields", "title,summary", "-f", "tsv"),  # lines made from the views
    ("events", "--text", "siege", "-f", "tsv"),
    ("events", "--near", "Abu Kamal", "--radius", "80", "-f", "tsv"),
    ("events", "-f", "geojson"),
    ("events", "--from", "2017-11-01", "--place", "Abu Kamal", "-f", "jsonl"),
    ("events", "--fields", "id,title,casualties", "-f", "json"),
    ("events", "--text", "siege", "-f", "json"),  # checked by the core: the stored views
    ("events", "--reverse", "--limit", "4", "-f", "jsonl"),
    ("events", "--near", "Abu Kamal", "--radius", "80", "-f", "json"),  # views made
    # piped: each figure's line as the store keeps it, grouped as the whole file groups them
    ("casualties", "-f", "tsv"),
    ("casualties", "--party", "isil", "-f", "tsv"),
    ("casualties", "--from", "2017-11", "--reverse", "-f", "tsv"),
    ("casualties", "--place", "Abu Kamal", "-f", "tsv"),
    ("casualties", "--text", "siege", "-f", "tsv"),  # checked by the core: the records read
    ("stats",),  # the events of the claims drawn, read by party
]


@pytest.mark.parametrize("args", STREAMED, ids=" ".join)
def test_hostile_text_and_huge_integers_come_from_the_store_as_the_whole_file_writes_them(
    run: Run,
    monkeypatch: pytest.MonkeyPatch,
    hostile_file: Path,
    hostile_cache: Path,
    args: tuple[str, ...],
) -> None:
    monkeypatch.setenv("EASTSYRIA_CACHE_DIR", str(hostile_cache))
    whole = run("--data", str(hostile_file), *args)
    monkeypatch.setenv(stores.STORE_MIN_ENV, "0")
    stored = run("--data", str(hostile_file), *args)
    assert whole.status == 0, whole.err
    assert (stored.status, stored.out, stored.err) == (whole.status, whole.out, whole.err)
    assert "\x1b" not in stored.out
    assert "\u202e" not in stored.out
    # Through a stream that is not UTF-8 too: JSON \\u-escapes the rest.
    outputs = []
    for minimum in ("1000", "0"):
        monkeypatch.setenv(stores.STORE_MIN_ENV, minimum)
        env = FakeEnvironment(encoding="ascii")
        assert entry.run(["--data", str(hostile_file), *args], env) == 0
        outputs.append(env.out.getvalue())
    assert outputs[0] == outputs[1]


def test_standard_output_gets_the_stored_bytes_as_the_whole_file_writes_them(
    monkeypatch: pytest.MonkeyPatch, hostile_file: Path, hostile_cache: Path
) -> None:
    monkeypatch.setenv("EASTSYRIA_CACHE_DIR", str(hostile_cache))
    answers = []
    for minimum in ("1000", "0"):
        for fmt in ("json", "jsonl"):
            env = subprocess_env(EASTSYRIA_STORE_MIN_MB=minimum)
            done = run_process("--data", str(hostile_file), "events", "-f", fmt, env=env)
            assert done.returncode == 0, done.stderr
            answers.append(done.stdout)
    assert answers[:2] == answers[2:]
    assert "18446744073709551616" in answers[0]


def test_the_views_kept_are_the_bytes_the_writers_write_for_each_view(
    monkeypatch: pytest.MonkeyPatch, hostile_file: Path, hostile_cache: Path
) -> None:
    from eastsyria.contract.events import event_view
    from eastsyria.core.catalog import Catalog
    from eastsyria.data.load import load_record

    monkeypatch.setenv("EASTSYRIA_CACHE_DIR", str(hostile_cache))
    monkeypatch.setenv(stores.STORE_MIN_ENV, "0")
    assert (
        entry.run(["--data", str(hostile_file), "events", "--limit", "1"], FakeEnvironment()) == 0
    )
    kept = stores.kept_store(hostile_file)
    assert kept is not None
    assert kept.has_views
    data = Catalog(load_record(hostile_file))
    views = [event_view(data, event) for event in data.events]  # chronological
    odd = {"title": "\ud800\x7f\U000e0041", "n": 10**30, "lat": 1e-05, "km": 1e-07, "x": [{}]}
    for view in [*views, odd]:
        (item,), (line,) = serialised([view])
        indented = json_text(json.dumps(view, ensure_ascii=False, indent=2))
        assert item.decode() == indented.replace("\n", "\n  ")
        assert line.decode() == json_text(json.dumps(view, ensure_ascii=False))
    items, lines = serialised(views)
    rows = kept.connection.execute("SELECT v.json, l.line FROM views v JOIN lines l USING (n)")
    assert [tuple(row) for row in rows] == list(zip(items, lines, strict=True))
    # Each event's CSV row: the line `write_csv` writes for it (every field, the guard on).
    assert kept.kept_rows == {"csv", "tsv"}
    for view in [*views, {**odd, "title": '=1+2, "x"\n'}]:
        written = io.StringIO()
        machine.write_csv([view], EVENT_FIELDS, written)
        row = written.getvalue().split("\n", 1)[1]
        assert machine.csv_rows([view], EVENT_FIELDS) == [row.encode()]
    csv_rows = [row[0] for row in kept.connection.execute("SELECT csv FROM csv_rows ORDER BY n")]
    assert csv_rows == machine.csv_rows(views, EVENT_FIELDS)
    assert any(b"'=HYPERLINK" in row for row in csv_rows)
    # ... and its line of TSV (the piped fields).
    for view in [*views, {**odd, "title": "a\tb\nc \u2028"}]:
        written = io.StringIO()
        machine.write_tsv([view], EVENT_PIPED_FIELDS, written)
        assert machine.tsv_rows([view], EVENT_PIPED_FIELDS) == [written.getvalue().encode()]
    tsv_rows = [row[0] for row in kept.connection.execute("SELECT tsv FROM tsv_rows ORDER BY n")]
    assert tsv_rows == machine.tsv_rows(views, EVENT_PIPED_FIELDS)


# A format, the function that makes its cells from a view, and a cell of a hostile title.
KEPT_ROWS = [
    ("csv", "_csv_cells", ',"\'=HYPERLINK(""http://example.com/x"", ""click, here"")",'),
    ("tsv", "_tsv_cell", "\t+1 Mayadin, then Deir ez-Zor\t"),
]


@pytest.mark.parametrize("case", KEPT_ROWS, ids=[case[0] for case in KEPT_ROWS])
def test_a_csv_or_tsv_answer_through_the_store_is_its_kept_rows_no_view_made(
    monkeypatch: pytest.MonkeyPatch,
    hostile_file: Path,
    hostile_cache: Path,
    case: tuple[str, str, str],
) -> None:
    fmt, maker, made = case
    monkeypatch.setenv("EASTSYRIA_CACHE_DIR", str(hostile_cache))
    query = ["--data", str(hostile_file), "events", "--reverse", "-f", fmt]
    whole = FakeEnvironment()
    assert entry.run(query, whole) == 0
    monkeypatch.setenv(stores.STORE_MIN_ENV, "0")
    assert entry.run([*query, "--limit", "1"], FakeEnvironment()) == 0  # built, if not yet

    def refused(*_: object) -> None:
        raise AssertionError("a row was made from a view")

    monkeypatch.setattr(machine, maker, refused)
    monkeypatch.setattr(machine, "view_of", refused)
    env = FakeEnvironment()
    assert entry.run(query, env) == 0
    assert env.out.getvalue() == whole.out.getvalue()
    assert made in env.out.getvalue()


def test_what_makes_a_kept_csv_or_tsv_row_is_in_the_stores_fingerprint() -> None:
    """A change to any code that writes a kept CSV row, TSV line or casualty figure builds
    the store again."""
    import inspect

    from eastsyria.contract import claims, events, stored, texts
    from eastsyria.core import catalog, eventsource, sanitise, totals
    from eastsyria.core import claims as core_claims

    covered = {
        (Path(stores.__file__).parent / name).resolve()
        for name in (*stores._SHAPE_SOURCES, *stores._VIEW_SOURCES)
    }
    makers = [
        machine.kept_forms,
        machine.csv_rows,
        machine._csv_cells,
        machine.tsv_rows,
        machine.tsv_line,
        machine._tsv_cell,
        texts.cell_text,
        *texts.LINKED_TEXTS.values(),
        sanitise.csv_cell,
        sanitise.csv_cells,
        sanitise.safe,
        events.view_renderer,
        events.event_view,
        stored.store_renderer,
        claims.stored_claims,
        claims.casualty_row,
        core_claims.Casualty.span,
        totals.bounds,
        events.casualty_view,
        # Issue 28: where each event row locates the event.
        events.located_view,
        eventsource.marked_place,
        catalog.Catalog,
    ]
    for maker in makers:
        assert Path(inspect.getsourcefile(maker) or "").resolve() in covered, maker


def test_a_query_reads_the_events_in_the_order_they_are_numbered_never_sorting_them(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eastsyria.data.store import Selection

    monkeypatch.setenv(stores.STORE_MIN_ENV, "0")
    assert run("events", "--limit", "1").status == 0
    kept = stores.kept_store(SHIPPED)
    assert kept is not None
    numbered = [row[0] for row in kept.connection.execute("SELECT id FROM events ORDER BY n")]
    assert numbered == [event["id"] for event in json.loads(run("events", "-f", "json").out)]
    at = frozenset({"abu-kamal", "abu-kamal-district"})
    for selection in (Selection(), Selection(start="2017-11-01", place_sets=(at,))):
        for columns in ("body", "v.json", "l.line", "c.csv", "t.tsv", "e.body, v.json, l.line"):
            for reverse, limit in ((False, -1), (True, 3)):
                sql, parameters = kept._selected(columns, selection, reverse, limit)
                plan = kept.connection.execute(f"EXPLAIN QUERY PLAN {sql}", parameters)
                assert not [row for row in plan if "TEMP B-TREE" in row[-1]], sql


class _Spied(TextStream):
    """Standard output that notes each write in `log`."""

    def __init__(self, log: list[str]) -> None:
        super().__init__()
        self.log = log

    def write(self, text: str) -> int:
        self.log.append("write")
        return super().write(text)


STREAMED = [
    *(("events", "-f", fmt) for fmt in ("json", "jsonl", "csv", "tsv", "markdown")),
    *(("events", "-f", fmt) for fmt in ("geojson", "kml")),
    *(("timeline", "-f", fmt) for fmt in ("json", "jsonl", "csv", "markdown", "kml")),
    ("map", "-f", "geojson"),
    ("map", "-f", "kml"),
]


@pytest.mark.parametrize("args", STREAMED, ids=" ".join)
def test_an_answer_is_written_a_batch_at_a_time_as_the_store_reads_it(
    monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    monkeypatch.setenv(stores.STORE_MIN_ENV, "0")
    assert entry.run(["events", "--limit", "1"], FakeEnvironment()) == 0
    log: list[str] = []
    serialised_batches = Store.serialised

    def read(store: Store, *args: Any, **options: Any) -> Any:
        for batch in serialised_batches(store, *args, **{**options, "batch": 5}):
            assert len(batch) <= 5
            log.append("read")
            yield batch

    monkeypatch.setattr(Store, "serialised", read)
    monkeypatch.setattr(machine, "TSV_CHUNK", 5)
    monkeypatch.setattr(kml, "KML_CHUNK", 5, raising=False)  # (raising: absent before it)
    env = FakeEnvironment()
    env.out = env.stdout = _Spied(log)
    assert entry.run(list(args), env) == 0
    assert log.count("read") == 15  # the 72 events, 5 at a time
    # Every batch is written before the next is read: no list of every row is made.
    reads = [at for at, what in enumerate(log) if what == "read"]
    assert all("write" in log[a:b] for a, b in itertools.pairwise([*reads, len(log)]))


def test_an_answer_checked_by_the_core_is_written_a_batch_at_a_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from eastsyria.contract import events

    monkeypatch.setenv(stores.STORE_MIN_ENV, "0")
    monkeypatch.setattr(events, "VIEW_BATCH", 3)
    assert entry.run(["events", "--limit", "1"], FakeEnvironment()) == 0
    log: list[str] = []
    select_serialised = Store.select_serialised

    def read(store: Store, *args: Any, **options: Any) -> Any:
        for found in select_serialised(store, *args, **options):
            log.append("read")
            yield found

    monkeypatch.setattr(Store, "select_serialised", read)
    env = FakeEnvironment()
    env.out = env.stdout = _Spied(log)
    assert entry.run(["events", "--text", "a", "-f", "jsonl"], env) == 0
    reads = [at for at, what in enumerate(log) if what == "read"]
    assert len(reads) > 6
    assert log.index("write") < reads[3]  # written after the first 3, before the 4th is read
