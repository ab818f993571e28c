"""A result too big to draw: the table, the timeline and stats summarise it, never silently.

The data is a synthetic file of 600 events (`benchmarks/synthetic.generate`, fixed seed);
every expected count is computed here from that document, not from the program's output.
The formats for programs always carry every event.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import Run, run_on_terminal, synthetic_document

EVENTS = 600
CAP = 200  # the README's number: a table of more than 200 events is summarised
TOP = 15


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return synthetic_document(EVENTS)


@pytest.fixture(scope="module")
def huge_file(document: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The file written once, with a cache of its own that every test here shares: its
    store is built once, not once a test (reading it is what these tests are about)."""
    folder = tmp_path_factory.mktemp("huge")
    path = folder / "huge.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(params=["whole file", "store"])
def huge(
    document: dict[str, Any],
    huge_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> dict[str, Any]:
    """The file, loaded whole or (as a large file is) through its indexed store, which
    counts a huge result itself: every test here runs both ways."""
    monkeypatch.setenv("EASTSYRIA_DATA", str(huge_file))
    monkeypatch.setenv("EASTSYRIA_CACHE_DIR", str(huge_file.parent / "cache"))
    monkeypatch.setenv("COLUMNS", "80")
    if request.param == "store":
        monkeypatch.setenv("EASTSYRIA_STORE_MIN_MB", "0")
    return document


SAME_BOTH_WAYS = [
    ("timeline",),
    ("timeline", "--by", "week", "--from", "2017-06", "--to", "2018-03"),
    ("timeline", "--near", "Abu Kamal", "--radius", "40"),
    ("timeline", "--text", "Abu Kamal"),
    ("stats",),
    ("stats", "-f", "json"),
    ("stats", "--by", "week", "--side", "isil", "-f", "json"),
    ("stats", "--place", "Abu Kamal District", "--all"),
    ("stats", "--text", "captures", "-f", "json"),
    ("events", "--type", "capture", "--reverse"),
    ("events", "--actor", "Hezbollah", "--limit", "30", "-f", "json"),
]


@pytest.mark.parametrize("args", SAME_BOTH_WAYS, ids=" ".join)
def test_a_store_draws_and_counts_a_huge_result_as_the_whole_file_does(
    run: Run,
    huge_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
) -> None:
    path = huge_file
    monkeypatch.setenv("EASTSYRIA_CACHE_DIR", str(huge_file.parent / "cache"))
    monkeypatch.setenv("COLUMNS", "80")
    whole = run_on_terminal("--data", str(path), *args)
    monkeypatch.setenv("EASTSYRIA_STORE_MIN_MB", "0")
    stored = run_on_terminal("--data", str(path), *args)
    assert (stored.status, stored.out, stored.err) == (whole.status, whole.out, whole.err)
    assert whole.status == 0
    assert whole.out.strip()


def _in_order(document: dict[str, Any]) -> list[dict[str, Any]]:
    return sorted(document["events"], key=lambda e: (e["date"]["earliest"], e["date"]["latest"]))


def test_events_table_shows_the_first_rows_and_counts_the_rest(
    run: Run, huge: dict[str, Any]
) -> None:
    every_id = {e["id"] for e in huge["events"]}
    result = run("events", "--format", "table", "--fields", "id")
    assert result.status == 0, result.err
    lines = result.out.splitlines()
    shown = [line.strip() for line in lines if line.strip() in every_id]
    assert len(shown) == CAP
    # The earliest events, oldest first (ties in the program's own order).
    earliest = {e["id"]: e["date"]["earliest"] for e in huge["events"]}
    hidden = every_id - set(shown)
    assert [earliest[i] for i in shown] == sorted(earliest[i] for i in shown)
    assert max(earliest[i] for i in shown) <= min(earliest[i] for i in hidden)
    more = " ".join(lines[-2:])
    assert f"… and {EVENTS - CAP} more events not shown" in more
    assert "--all" in more
    assert "--format json" in more
    assert f"{EVENTS} events" in result.err


def test_all_draws_every_row(run: Run, huge: dict[str, Any]) -> None:
    result = run("events", "--format", "table", "--fields", "id", "--all")
    assert result.status == 0, result.err
    # Each synthetic id ends in its number (a long one may wrap at a hyphen).
    assert len(re.findall(r"-?\d{6}$", result.out, re.M)) == EVENTS
    assert "more events" not in result.out


def test_a_table_under_the_cap_is_drawn_whole(run: Run, huge: dict[str, Any]) -> None:
    result = run("events", "--format", "table", "--fields", "id", "--limit", str(CAP))
    assert result.status == 0, result.err
    assert "more events" not in result.out


@pytest.mark.parametrize(
    ("command", "fmt"),
    [("events", "json"), ("events", "csv"), ("events", "tsv"), ("timeline", "json")],
)
def test_formats_for_programs_carry_every_event(
    run: Run, huge: dict[str, Any], command: str, fmt: str
) -> None:
    result = run(command, "--format", fmt)
    assert result.status == 0, result.err
    if fmt == "json":
        assert len(result.json()) == EVENTS
    else:
        rows = result.out.splitlines()
        assert len(rows) == EVENTS + (fmt == "csv")


def _period_counts(text: str) -> dict[str, int]:
    return {m[1]: int(m[2]) for m in re.finditer(r"^(\d{4}-\d{2}) +(\d+)\b", text, re.M)}


def test_timeline_draws_its_ends_and_counts_every_month(run: Run, huge: dict[str, Any]) -> None:
    result = run("timeline", "--format", "table")
    assert result.status == 0, result.err
    expected = Counter(e["date"]["earliest"][:7] for e in huge["events"])
    counts = _period_counts(result.out)
    assert {month: n for month, n in counts.items() if n} == dict(expected)
    assert sum(counts.values()) == EVENTS
    ordered = _in_order(huge)
    # The first and last ten are drawn (titles may wrap: compare their first words).
    for event in ordered[:10] + ordered[-10:]:
        assert " ".join(event["title"].split()[:3]) in result.out
    assert result.out.count("\n│") + result.out.count("\n●") < 400
    ending = " ".join(result.out.split())
    assert f"… {EVENTS - 20} events between them not drawn" in ending
    assert "add --all to draw every one" in ending


def test_timeline_all_draws_every_event(run: Run, huge: dict[str, Any]) -> None:
    result = run("timeline", "--format", "table", "--all")
    assert result.status == 0, result.err
    assert "not drawn" not in result.out
    headings = {e["date"]["earliest"][:7] for e in huge["events"]}
    assert result.out.count(" 2017\n") + result.out.count(" 2018\n") == len(headings)


def test_stats_lists_the_top_places_and_counts_the_others(run: Run, huge: dict[str, Any]) -> None:
    places = Counter(p for e in huge["events"] for p in dict.fromkeys(e["places"]))
    claims = sum(len(e["casualties"]) for e in huge["events"])
    result = run("stats", "--format", "table")
    assert result.status == 0, result.err
    text = " ".join(result.out.split())
    assert f"+ {len(places) - TOP} more places (--all lists every one)" in text
    assert f"+ {claims - TOP} more claims" in text
    names = {p["id"]: p["name"] for p in huge["places"]}
    top_name = names[places.most_common(1)[0][0]]
    assert re.search(rf"^{re.escape(top_name)} +{places.most_common(1)[0][1]}\b", result.out, re.M)

    every = run("stats", "--format", "table", "--all")
    assert "more places" not in every.out
    assert "more claims" not in every.out
    for place_id in places:
        assert names[place_id] in every.out

    document = run("stats", "--format", "json").json()
    assert len(document["places"]) == len(places)
    assert sum(len(group["claims"]) for group in document["casualties"]) == claims
    assert sum(row["count"] for row in document["periods"]) == EVENTS


@pytest.mark.parametrize("width", ["40", "80", "120"])
def test_summaries_wrap_between_words(
    run: Run, huge: dict[str, Any], monkeypatch: pytest.MonkeyPatch, width: str
) -> None:
    monkeypatch.setenv("COLUMNS", width)
    for args in (("events",), ("timeline",), ("stats",)):
        result = run(*args, "--format", "table")
        assert result.status == 0, result.err
        assert max(len(line) for line in result.out.splitlines()) <= int(width)
        words = set(" ".join(result.out.split()).split(" "))
        assert {"filters,", "every"} <= words or "(--all" in words
