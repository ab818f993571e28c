"""Properties of the core that must hold for any data, checked with hypothesis."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINI, Run
from eastsyria.core.catalog import Catalog
from eastsyria.core.names import fold
from eastsyria.core.query import Filters, select
from eastsyria.data.load import load_record, shipped_data_path, validate_document

FIRST = dt.date(2017, 1, 1)
DAYS = 730
PLACES = ["town-a", "town-b"]
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _day(offset: int) -> str:
    return (FIRST + dt.timedelta(days=offset)).isoformat()


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    """A valid dataset with 0-25 events of random spans and places."""
    document: dict[str, Any] = json.loads(MINI.read_text(encoding="utf-8"))
    template = document["events"][0]
    events = []
    for index in range(draw(st.integers(0, 25))):
        start = draw(st.integers(0, DAYS - 1))
        length = draw(st.sampled_from([0, 0, 0, 1, 5, 30, 120]))
        end = min(DAYS - 1, start + length)
        event = copy.deepcopy(template)
        event.update(
            id=f"event-{index}",
            date={
                "earliest": _day(start),
                "latest": _day(end),
                "precision": "day" if start == end else "range",
                "qualifier": "on" if start == end else "between",
                "text": "generated",
            },
            places=[draw(st.sampled_from(PLACES))],
            control=[],
        )
        events.append(event)
    document["events"] = events
    return document


def _catalog(document: dict[str, Any]) -> Catalog:
    record, problems = validate_document(document)
    assert record is not None, problems
    return Catalog(record)


def _ids(catalog: Catalog, **filters: Any) -> list[str]:
    return [event["id"] for event in select(catalog, Filters(**filters))]


spans = st.tuples(st.integers(0, DAYS - 1), st.integers(0, DAYS - 1)).map(sorted)


@FAST
@given(documents(), spans)
def test_a_date_filter_returns_exactly_the_overlapping_events(
    document: dict[str, Any], span: list[int]
) -> None:
    catalog = _catalog(document)
    low, high = _day(span[0]), _day(span[1])
    expected = {
        e["id"]
        for e in document["events"]
        if dt.date.fromisoformat(e["date"]["latest"]) >= dt.date.fromisoformat(low)
        and dt.date.fromisoformat(e["date"]["earliest"]) <= dt.date.fromisoformat(high)
    }
    found = _ids(catalog, date_from=low, date_to=high)
    assert set(found) == expected
    inside = set(_ids(catalog, date_from=low, date_to=high, within=True))
    assert inside == {
        e["id"]
        for e in document["events"]
        if low <= e["date"]["earliest"] and e["date"]["latest"] <= high
    }
    assert inside <= expected


@FAST
@given(documents(), spans, st.integers(0, DAYS - 2))
def test_splitting_a_range_in_two_and_joining_gives_the_whole(
    document: dict[str, Any], span: list[int], cut: int
) -> None:
    catalog = _catalog(document)
    low, high = span
    middle = min(max(cut, low), high)
    if middle >= high:
        middle = low
    whole = _ids(catalog, date_from=_day(low), date_to=_day(high))
    left = _ids(catalog, date_from=_day(low), date_to=_day(middle))
    right = _ids(catalog, date_from=_day(middle + 1), date_to=_day(high)) if middle < high else []
    joined = list(dict.fromkeys(left + right))
    order = {event_id: index for index, event_id in enumerate(whole)}
    assert sorted(joined, key=order.__getitem__) == whole


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    return Catalog(load_record(shipped_data_path(), use_cache=False))


def test_every_alias_of_a_place_gives_the_same_result_as_its_name(shipped: Catalog) -> None:
    checked = 0
    for place in shipped.places.values():
        by_name = _ids(shipped, places=(place["name"],))
        for alias in place["aliases"]:
            assert _ids(shipped, places=(alias,)) == by_name, (place["name"], alias)
            checked += 1
    assert checked > 30


def test_every_alias_of_an_actor_gives_the_same_result_as_its_name(shipped: Catalog) -> None:
    checked = 0
    for actor in shipped.actors.values():
        by_name = _ids(shipped, actors=(actor["name"],))
        for alias in actor["aliases"]:
            assert _ids(shipped, actors=(alias,)) == by_name, (actor["name"], alias)
            checked += 1
    assert checked > 20


def _respell(name: str, data: st.DataObject) -> str:
    """The same name as someone might type it: other case, hyphens, apostrophes, spaces.

    A space before an Arabic article stays a space or a mark: "ديرالزور" is not how
    "دير الزور" is written, and its ال is no article there.
    """
    out = []
    for index, original in enumerate(name):
        choice = data.draw(st.sampled_from(["keep", "upper", "lower"]))
        ch = {"upper": original.upper(), "lower": original.lower()}.get(choice, original)
        if ch in "-' ’":
            joined = [] if name.startswith("ال", index + 1) else [""]
            ch = data.draw(st.sampled_from(["-", " ", *joined, "'", "’"]))
        out.append(ch)
    return "".join(out)


@FAST
@given(st.data())
def test_respelt_names_resolve_to_the_same_place(shipped: Catalog, data: st.DataObject) -> None:
    place = data.draw(st.sampled_from(sorted(shipped.places)))
    labels = [shipped.places[place]["name"], *shipped.places[place]["aliases"]]
    label = data.draw(st.sampled_from(labels))
    typed = _respell(label, data)
    # Unconditional: with matching broken (say `fold` keeping case), a respelt name would no
    # longer resolve, and this fails.
    assert shipped.resolve_place(typed) == shipped.resolve_place(label)
    if typed != label:
        assert fold(typed) == fold(label)


# `run` only captures output, which each call reads back, so sharing it between examples is safe.
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    place=st.sampled_from(["Abu Kamal", "Mayadin", "Deir ez-Zor", "Syria", "Al-Qa'im"]),
    start=st.sampled_from([None, "2017-10", "2017-11-01", "Nov 2017", "2018"]),
    reverse=st.booleans(),
)
def test_json_jsonl_and_csv_carry_the_same_ids_in_the_same_order(
    run: Run, place: str, start: str | None, reverse: bool
) -> None:
    args = ["events", "--place", place, *(["--from", start] if start else [])]
    args += ["--reverse"] if reverse else []
    as_json = [e["id"] for e in run(*args, "--format", "json").json()]
    jsonl = run(*args, "--format", "jsonl").out.splitlines()
    as_jsonl = [json.loads(line)["id"] for line in jsonl]
    rows = list(csv.DictReader(io.StringIO(run(*args, "--format", "csv").out)))
    assert as_json == as_jsonl == [row["id"] for row in rows]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=6,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_damaged_datasets_validate_or_fail_cleanly(
    run: Run, write_data: Callable[..., Path], mini_document: dict[str, Any], data: st.DataObject
) -> None:
    document = copy.deepcopy(mini_document)
    for _ in range(data.draw(st.integers(1, 3))):
        paths = [p for p in _paths(document) if p]
        path = data.draw(st.sampled_from(paths))
        parent = document
        for key in path[:-1]:
            parent = parent[key]
        parent[path[-1]] = data.draw(json_values)
    file = write_data(raw=json.dumps(document))
    result = run("validate", str(file))
    assert result.status in (0, 2)
    assert "Traceback" not in result.err
    if result.status == 0:
        assert result.out.startswith("valid: ")
    else:
        assert result.out == ""
        assert result.err.splitlines()[-1].startswith("eastsyria: error: ")
