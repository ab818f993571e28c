"""`timeline` and `map` answer a store as `events` does: JSON, JSON Lines, CSV, Markdown,
GeoJSON and KML are written a batch at a time as the store reads them, never held whole
(tests/test_store.py), in the bytes of the whole file's answer, which is made from every view
at once; a picture beside them reads only the events it draws."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests import test_huge
from tests.conftest import FakeEnvironment, Result

from eastsyria.cli import entry
from eastsyria.data import stores

document = test_huge.document
huge_file = test_huge.huge_file

# Each is also written a batch at a time (tests/test_store.py, STREAMED).
STREAMED = [
    ("timeline", "-f", "json"),
    ("timeline", "-f", "jsonl"),
    ("timeline", "-f", "csv"),
    ("timeline", "-f", "markdown"),
    ("timeline", "-f", "kml"),
    ("map", "-f", "geojson"),
    ("map", "-f", "kml"),
    ("events", "-f", "kml"),
    ("events", "-f", "markdown"),
]


def _answer(args: tuple[str, ...], encoding: str) -> Result:
    env = FakeEnvironment(encoding=encoding)
    status = entry.run(list(args), env)
    return Result(int(status), env.out.getvalue(), env.err.getvalue())


@pytest.mark.parametrize("encoding", ["utf-8", "ascii"])
@pytest.mark.parametrize(
    "args",
    [
        *STREAMED,
        ("timeline", "-f", "json", "--from", "2017-11", "--to", "2018-01"),
        ("timeline", "-f", "jsonl", "--text", "siege"),
        ("timeline", "-f", "csv", "--near", "Abu Kamal", "--radius", "40"),
        ("timeline", "-f", "csv", "--reverse", "--limit", "4"),
        ("timeline", "-f", "json", "--from", "2030-01"),
        ("timeline", "-f", "markdown", "--from", "2030-01"),
        ("map", "-f", "geojson", "--on", "2017-11-10"),
        ("map", "-f", "geojson", "--near", "Abu Kamal", "--sort", "distance", "--limit", "3"),
        ("map", "-f", "geojson", "--from", "2030-01"),  # no event: an empty collection
        ("map", "-f", "kml", "--on", "2017-11-10"),
        ("map", "-f", "kml", "--from", "2030-01"),
        ("timeline", "-f", "kml", "--near", "Abu Kamal", "--radius", "40"),
        ("events", "-f", "kml", "--text", "siege", "--reverse", "--limit", "9"),
        ("events", "-f", "kml", "--from", "2030-01"),
        ("events", "-f", "markdown", "--fields", "id,title,sources"),
        ("events", "-f", "markdown", "--near", "Abu Kamal", "--radius", "40"),
    ],
    ids=" ".join,
)
def test_a_streamed_timeline_or_map_has_the_bytes_of_the_whole_files(
    monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], encoding: str
) -> None:
    whole = _answer(args, encoding)
    monkeypatch.setenv(stores.STORE_MIN_ENV, "0")
    assert _answer(args, encoding) == whole
    assert whole.status == 0
    assert whole.out


@pytest.mark.parametrize(
    "args",
    [
        ("timeline", "-f", "jsonl"),
        ("timeline", "-f", "json", "--lanes", "place"),
        ("timeline", "-f", "csv", "--text", "Abu Kamal"),
        ("timeline", "-f", "json", "--from", "2017-11", "--to", "2017-12"),
        ("timeline", "-f", "markdown", "--all"),
        ("map", "-f", "geojson"),
        ("map", "-f", "geojson", "--text", "Abu Kamal"),
        ("map", "-f", "geojson", "--on", "2017-11"),
        ("map", "-f", "geojson", "--from", "2017-11", "--to", "2017-12"),
        ("map", "-f", "kml", "--side", "isil"),
        ("timeline", "-f", "kml", "--by", "week"),
    ],
    ids=" ".join,
)
def test_a_picture_beside_a_streamed_answer_is_the_whole_files(
    huge_file: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, args: tuple[str, ...]
) -> None:
    """600 events: past MARK_CAP the picture is summarised, from the store's own counts
    when the answer is streamed."""
    monkeypatch.setenv("EASTSYRIA_CACHE_DIR", str(huge_file.parent / "cache"))
    answers = []
    for store in ("1000000", "0"):
        monkeypatch.setenv(stores.STORE_MIN_ENV, store)
        target = tmp_path / f"{store}.svg"
        answer = _answer(("--data", str(huge_file), *args, "--svg", str(target)), "utf-8")
        assert answer.status == 0, answer.err
        # Each run says where it wrote its own picture ("wrote FILE").
        said = answer.err.replace(str(target), "PICTURE")
        answers.append((answer.status, answer.out, said, target.read_bytes()))
    assert answers[0] == answers[1]


def test_a_streamed_timeline_makes_a_view_only_for_the_events_its_picture_draws(
    huge_file: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The rows are written as the store keeps them; the picture of 600 events draws the
    first and last 10."""
    from eastsyria.contract import events

    monkeypatch.setenv("EASTSYRIA_CACHE_DIR", str(huge_file.parent / "cache"))
    monkeypatch.setenv(stores.STORE_MIN_ENV, "0")
    data = ("--data", str(huge_file))
    assert _answer((*data, "events", "--limit", "1"), "utf-8").status == 0  # the store
    made: list[str] = []
    real = events.event_view

    def spy(*args: Any, **kwargs: Any) -> Any:
        made.append("view")
        return real(*args, **kwargs)

    monkeypatch.setattr(events, "event_view", spy)
    target = tmp_path / "t.svg"
    answer = _answer((*data, "timeline", "-f", "jsonl", "--svg", str(target)), "utf-8")
    assert answer.status == 0, answer.err
    assert len(answer.out.splitlines()) == test_huge.EVENTS
    assert len(made) == 20
    made.clear()
    answer = _answer((*data, "map", "-f", "geojson", "--svg", str(target)), "utf-8")
    assert answer.status == 0, answer.err
    assert made == []
