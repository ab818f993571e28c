"""The validated-dataset cache: it may only ever save time, never change an answer."""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

from conftest import Run, ids, subprocess_env

# Tests of the cache itself: each starts from an empty one.
pytestmark = pytest.mark.private_cache


def _cache_files() -> list[Path]:
    return sorted(Path(os.environ["EASTSYRIA_CACHE_DIR"]).glob("*.cache"))


def test_a_query_fills_the_cache_and_the_next_one_uses_it(
    run: Run, write_data: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_data()
    first = run("--data", str(path), "events", "--format", "json")
    assert len(_cache_files()) == 1
    # With the cache warm, validation (pydantic) must not run at all.
    from eastsyria.data import load as dataset

    def no_validation(document: Any) -> Any:
        raise AssertionError("validated although the cache had this file")

    monkeypatch.setattr(dataset, "validate_document", no_validation)
    second = run("--data", str(path), "events", "--format", "json")
    assert second.out == first.out


def test_a_stale_cache_never_answers_for_a_changed_file(
    run: Run, write_data: Callable[..., Path]
) -> None:
    path = write_data()
    assert ids(run("--data", str(path), "events", "--format", "json")) == [
        "town-b-by",
        "town-a-taken",
    ]
    document = json.loads(path.read_text(encoding="utf-8"))
    document["events"][0]["title"] = "Army takes Town A again"
    document["events"].pop()
    path.write_text(json.dumps(document), encoding="utf-8")
    result = run("--data", str(path), "events", "--format", "json")
    assert [(e["id"], e["title"]) for e in result.json()] == [
        ("town-a-taken", "Army takes Town A again")
    ]


@pytest.mark.parametrize(
    "damage",
    [
        lambda blob: b"",
        lambda blob: b"garbage" * 10,
        lambda blob: blob[: len(blob) // 2],
        lambda blob: blob[:-5] + b"XXXXX",
    ],
    ids=["empty", "garbage", "truncated", "flipped-bytes"],
)
def test_a_corrupt_cache_is_ignored(
    damage: Callable[[bytes], bytes], run: Run, write_data: Callable[..., Path]
) -> None:
    path = write_data()
    expected = run("--data", str(path), "events", "--format", "json").out
    (cache,) = _cache_files()
    cache.write_bytes(damage(cache.read_bytes()))
    result = run("--data", str(path), "events", "--format", "json")
    assert result.status == 0
    assert result.err == ""
    assert result.out == expected


def test_an_unwritable_cache_is_no_error(
    run: Run, write_data: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache directory should be")
    monkeypatch.setenv("EASTSYRIA_CACHE_DIR", str(blocker / "cache"))
    result = run("--data", str(write_data()), "events", "--format", "json")
    assert result.status == 0
    assert result.err == ""
    assert ids(result) == ["town-b-by", "town-a-taken"]


def test_the_cache_can_be_turned_off(
    run: Run, write_data: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EASTSYRIA_NO_CACHE", "1")
    assert run("--data", str(write_data()), "events", "--format", "json").status == 0
    assert _cache_files() == []


def _imported_top_level_modules(*args: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "eastsyria", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=subprocess_env(),
        timeout=60,
        check=True,
    )
    return {
        row.split("|")[-1].strip().split(".")[0]
        for row in result.stderr.splitlines()
        if row.startswith("import time:")
    }


def test_a_warm_json_query_imports_no_pydantic_rich_or_dateutil() -> None:
    query = ("events", "--from", "2017-11-01", "--place", "Abu Kamal", "--format", "json")
    cold = _imported_top_level_modules(*query)
    assert "pydantic" in cold  # the first run validates the file and fills the cache
    warm = _imported_top_level_modules(*query)
    assert "typer" in warm
    assert not warm & {"pydantic", "rich", "dateutil"}
    table = _imported_top_level_modules(*query[:-1], "table")
    assert "rich" in table
    assert not table & {"pydantic", "dateutil"}
    worded = _imported_top_level_modules("events", "--from", "1 November 2017", "-f", "json")
    assert "dateutil" in worded


# -- the names a TAB reads, kept beside the dataset -------------------------------------------


def _names_files() -> list[Path]:
    return sorted(Path(os.environ["EASTSYRIA_CACHE_DIR"]).glob("*.names"))


def _place_names(path: Path, typed: str = "") -> list[str]:
    from eastsyria.cli.values import candidates

    return [value for value, _ in candidates("place", typed, "events", path)]


def _forge_names(entry: Path, place: str) -> None:
    """Rewrite a names entry as anyone could: same format, a new place, a correct digest."""
    blob = entry.read_bytes()
    key, names = marshal.loads(blob[8 + 32 :])  # noqa: S302 - our own test file
    names["places"][1]["name"] = place
    payload = marshal.dumps((key, names))
    entry.write_bytes(blob[:8] + hashlib.blake2b(payload, digest_size=32).digest() + payload)


def test_a_query_keeps_the_names_a_tab_reads_and_a_tab_reads_nothing_else(
    run: Run, write_data: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_data()
    assert run("--data", str(path), "events", "--format", "json").status == 0
    (entry,) = _cache_files()
    (names,) = _names_files()
    assert names.name == entry.name.replace(".cache", ".names")
    assert stat.S_IMODE(names.stat().st_mode) == 0o600
    # With the names kept, a TAB neither loads the dataset nor parses the JSON.
    from eastsyria.cli import values
    from eastsyria.data import cache

    monkeypatch.setattr(cache, "lookup", mock.Mock(side_effect=AssertionError("dataset")))
    monkeypatch.setattr(values.json, "loads", mock.Mock(side_effect=AssertionError("JSON")))
    assert _place_names(path, "To") == ["Town A", "Town B"]


def test_a_tab_keeps_the_names_of_a_dataset_cached_without_them(
    run: Run, write_data: Callable[..., Path]
) -> None:
    path = write_data()
    run("--data", str(path), "events", "--format", "json")
    (names,) = _names_files()
    names.unlink()  # as a cache written before names were kept
    assert _place_names(path, "To") == ["Town A", "Town B"]
    assert _names_files() == [names]


COMPLETED = [
    ("place", "events", ""),
    ("place", "control", "Abu"),
    ("place", "events", "abu k"),
    ("actor", "events", ""),
    ("actor", "events", "Kata"),
    ("side", "events", ""),
    ("party", "casualties", ""),
    ("party", "casualties", "is"),
    ("campaign", "events", ""),
    ("campaign", "events", "east"),
    ("event", "show", ""),
    ("event", "show", "abu-kamal-"),
    ("article", "compare", ""),
]


def test_a_tab_offers_the_same_from_the_names_the_dataset_or_the_raw_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Whatever a TAB reads (the names kept, the validated dataset before they were, the raw
    JSON before any query), it offers the same values with the same descriptions. (Events
    come in file order from the JSON, in date order once validated: shells sort them.)"""
    from eastsyria.cli.values import candidates
    from eastsyria.data.load import load_record, shipped_data_path

    path = shipped_data_path()

    def offered() -> list[list[tuple[str, str]]]:
        return [
            sorted(candidates(kind, typed, command, path)) for kind, command, typed in COMPLETED
        ]

    raw = offered()
    assert _cache_files() == []  # nothing validated, nothing kept
    assert all(raw), "every kind offers something"
    load_record(path)  # a query validates the file: its dataset and names are kept
    (names,) = _names_files()
    assert offered() == raw
    names.unlink()
    assert offered() == raw  # from the dataset, which keeps the names again
    assert offered() == raw
    monkeypatch.setenv("EASTSYRIA_NO_CACHE", "1")
    assert offered() == raw


@pytest.mark.parametrize(
    "spoil",
    [
        lambda names: names.chmod(0o620),
        lambda names: names.chmod(0o602),
        lambda names: os.link(names, names.with_name("elsewhere")),
        lambda names: names.write_bytes(names.read_bytes()[:-7]),
    ],
    ids=["group-writable", "world-writable", "hard-linked", "truncated"],
)
def test_names_are_trusted_as_an_entry_is(
    spoil: Callable[[Path], object], run: Run, write_data: Callable[..., Path]
) -> None:
    path = write_data()
    run("--data", str(path), "events", "--format", "json")
    (names,) = _names_files()
    _forge_names(names, "Forged Town")
    assert _place_names(path, "Fo") == ["Forged Town"]  # the control: a forgery of ours is read
    spoil(names)
    assert _place_names(path, "To") == ["Town A", "Town B"]
    assert _place_names(path, "Fo") == []


def test_names_go_with_their_dataset(run: Run, write_data: Callable[..., Path]) -> None:
    from eastsyria.data import cache

    for number in range(cache.KEEP + 2):

        def retitle(document: dict[str, Any], number: int = number) -> None:
            document["events"][0]["title"] = f"Army takes Town A ({number})"

        run("--data", str(write_data(retitle)), "events", "--format", "json")
    datasets = {path.stem for path in _cache_files()}
    assert len(datasets) == cache.KEEP
    assert {path.stem for path in _names_files()} == datasets


def test_a_tab_offers_the_same_from_the_store_and_never_builds_one(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file queried through a store: a TAB reads only the store's names (`StoreNames`),
    offers what it offers from the whole file, and before any query offers nothing rather
    than build a store."""
    from eastsyria.cli.values import candidates
    from eastsyria.data.load import shipped_data_path

    path = shipped_data_path()

    def offered() -> list[list[tuple[str, str]]]:
        return [
            sorted(candidates(kind, typed, command, path)) for kind, command, typed in COMPLETED
        ]

    whole = offered()
    monkeypatch.setenv("EASTSYRIA_STORE_MIN_MB", "0")
    stores = Path(os.environ["EASTSYRIA_CACHE_DIR"]) / "stores"
    assert offered() == [[] for _ in COMPLETED]
    assert not any(stores.glob("*.sqlite3"))
    assert run("events", "--format", "json").status == 0  # builds the store
    assert offered() == whole
