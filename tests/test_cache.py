"""The validated-dataset cache: it may only ever save time, never change an answer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

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
