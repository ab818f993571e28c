"""The events in memory answer through the same interface as a store: what a selection takes,
and the counts `stats` shows, made from it, equal to counting the matching events."""

from __future__ import annotations

from typing import Any

import pytest
from builders import actor, catalog, date, event, place, side

from eastsyria.core.catalog import Catalog
from eastsyria.core.eventsource import admits
from eastsyria.core.query import Filters, build_query, no_match_notes, select, selection
from eastsyria.core.stats import event_stats, select_stats

SIDES = [side("government", "Syrian government"), side("isil", "Islamic State")]
ACTORS = [
    actor("army", "government"),
    actor("isil-fighters", "isil"),
    actor("militia", "government"),
]
PLACES = [place("town"), place("village"), place("hill")]
# Ties everywhere: two types of two events, places and sides named as often as each other.
EVENTS = [
    event("a", "2017-11-01", places=["village", "town"], actors=[("isil-fighters", "attacker")]),
    event(
        "b", "2017-11-02", places=["town", "village"], actors=[("army", "attacker")], type="assault"
    ),
    event("c", "2017-11-02", places=["hill"], actors=[("militia", "attacker")], type="assault"),
    event("d", "2017-12-05", places=["hill"], actors=[("army", "a"), ("isil-fighters", "d")]),
]


def _catalog() -> Catalog:
    return catalog(sides=SIDES, actors=ACTORS, places=PLACES, events=EVENTS)


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"places": ("hill",)},
        {"sides": ("isil",)},
        {"date_from": "2017-11-02"},
        {"types": ("assault",)},
    ],
)
def test_counts_from_the_source_are_those_of_the_matching_events(filters: dict[str, Any]) -> None:
    cat = _catalog()
    counted, claimed = select_stats(cat, Filters(**filters))
    assert counted == event_stats(cat, select(cat, Filters(**filters)))
    assert claimed.every() == []
    assert claimed.total == 0


def test_counts_keep_ties_in_the_order_first_seen() -> None:
    counted, _ = select_stats(_catalog(), Filters())
    # 'village' and 'town' are both named twice, 'village' first; so are 'hill' and the sides.
    assert counted.places == [("village", 2), ("town", 2), ("hill", 2)]
    assert counted.sides == [("government", 3), ("isil", 2)]
    assert counted.types == [("capture", 2), ("assault", 2)]
    assert counted.periods == [("2017-11", 3), ("2017-12", 1)]


def test_a_selection_takes_what_its_dates_places_and_actors_say() -> None:
    cat = _catalog()
    query = build_query(cat, Filters(date_to="2017-11-02", within=True, sides=("government",)))
    chosen = selection(cat, query)
    assert [e["id"] for e in cat.events if admits(chosen, e)] == ["b", "c"]


def test_an_actor_no_event_names_is_pointed_at_the_campaigns_that_list_it() -> None:
    from builders import campaign

    cat = catalog(
        sides=SIDES,
        actors=[*ACTORS, actor("guards", "government", name="Revolutionary Guards")],
        places=PLACES,
        campaigns=[campaign("campaign", name="Eastern campaign", units=["guards"])],
        events=EVENTS,
    )
    assert no_match_notes(cat, Filters(actors=("guards",))) == (
        "no events match these filters",
        "no event names 'guards' or what belongs to it; the infoboxes of Eastern campaign "
        "list Revolutionary Guards (see: eastsyria campaigns)",
    )
    assert no_match_notes(cat, Filters(actors=("army",))) == ("no events match these filters",)
    # Each actor asked for is looked at, after one that events do name.
    assert no_match_notes(cat, Filters(actors=("army", "guards")))[1:] == (
        "no event names 'guards' or what belongs to it; the infoboxes of Eastern campaign "
        "list Revolutionary Guards (see: eastsyria campaigns)",
    )


# -- the in-memory source itself -------------------------------------------------------------


def _source() -> Any:
    from eastsyria.core.eventsource import InMemory

    return InMemory(_catalog().events)


def test_a_selection_of_days_overlaps_them_or_within_lies_inside_them() -> None:
    from eastsyria.data.store import Selection

    span = event("span", date("2017-11-01", "2017-11-05"))
    # Overlapping: the span's latest day on or after the start, its earliest on or before the end.
    assert admits(Selection(start="2017-11-05"), span)
    assert not admits(Selection(start="2017-11-06"), span)
    assert admits(Selection(end="2017-11-01"), span)
    assert not admits(Selection(end="2017-10-31"), span)
    # Within: the whole span inside the days.
    assert not admits(Selection(start="2017-11-02", within=True), span)
    assert admits(Selection(start="2017-11-01", within=True), span)
    assert not admits(Selection(end="2017-11-04", within=True), span)
    assert admits(Selection(end="2017-11-05", within=True), span)


def test_a_selection_takes_an_event_only_if_every_set_names_it() -> None:
    from eastsyria.data.store import Selection

    one = EVENTS[3]  # hill; army and isil-fighters; capture; campaign
    assert admits(Selection(place_sets=(frozenset({"hill"}), frozenset({"hill", "town"}))), one)
    assert not admits(Selection(place_sets=(frozenset({"hill"}), frozenset({"town"}))), one)
    assert admits(Selection(actor_sets=(frozenset({"army"}), frozenset({"isil-fighters"}))), one)
    assert not admits(Selection(actor_sets=(frozenset({"army"}), frozenset({"militia"}))), one)
    assert admits(Selection(types=frozenset({"capture"})), one)
    assert not admits(Selection(types=frozenset({"assault"})), one)
    assert admits(Selection(campaigns=frozenset({"campaign"})), one)
    assert not admits(Selection(campaigns=frozenset({"other"})), one)
    assert admits(Selection(ids=frozenset({"d"})), one)
    assert not admits(Selection(ids=frozenset({"a"})), one)
    assert not admits(Selection(types=frozenset()), one)


def test_the_source_selects_in_order_reversed_cut_and_with_casualties() -> None:
    from builders import casualty

    from eastsyria.core.eventsource import InMemory
    from eastsyria.data.store import Selection

    events = [*_catalog().events]
    events[1] = {**events[1], "casualties": [casualty("isil", 3)]}
    source = InMemory(events)
    every = Selection()
    assert [e["id"] for e in source.select(every)] == ["a", "b", "c", "d"]
    assert [e["id"] for e in source.select(every, reverse=True)] == ["d", "c", "b", "a"]
    assert [e["id"] for e in source.select(every, limit=2)] == ["a", "b"]
    assert [e["id"] for e in source.select(every, reverse=True, limit=1)] == ["d"]
    assert list(source.select(every, limit=0)) == []
    assert [e["id"] for e in source.select(every, with_casualties=True)] == ["b"]
    assert source.count(every) == 4
    assert source.count(Selection(place_sets=(frozenset({"hill"}),))) == 2


def test_the_source_counts_by_day_type_place_and_side_ties_in_the_order_first_seen() -> None:
    from eastsyria.data.store import Selection

    source = _source()
    every = Selection()
    assert source.by_day(every) == [("2017-11-01", 1), ("2017-11-02", 2), ("2017-12-05", 1)]
    # A tie goes to the key seen first: in an earlier event, else earlier in the event's list.
    assert source.ranked(every, "types") == [("capture", 2), ("assault", 2)]
    assert source.ranked(every, "places") == [("village", 2), ("town", 2), ("hill", 2)]
    sides = {"army": "government", "isil-fighters": "isil"}  # the militia has none here
    assert source.ranked(every, "sides", sides) == [("isil", 2), ("government", 2)]
    assert source.ranked(Selection(types=frozenset({"assault"})), "places") == [
        ("town", 1),
        ("village", 1),
        ("hill", 1),
    ]


def test_the_source_finds_events_by_id_code_and_prefix_and_counts_what_they_name() -> None:
    from builders import change

    from eastsyria.core.eventsource import InMemory

    events = [*_catalog().events]
    events[2] = {**events[2], "control": [change("hill", "isil", "government")]}
    source = InMemory(events)
    assert list(source.events_by_id()) == ["a", "b", "c", "d"]
    assert source.events_by_id()["c"] is events[2]
    assert [e["id"] for e in source.control_events()] == ["c"]
    assert dict(source.event_counts("places")) == {"village": 2, "town": 2, "hill": 2}
    assert dict(source.event_counts("actors")) == {"isil-fighters": 2, "army": 2, "militia": 1}
    assert dict(source.event_counts("campaigns")) == {"campaign": 4}
    codes = source.codes_by_id()
    assert sorted(codes) == ["a", "b", "c", "d"]
    assert [source.id_of_code(codes[i]) for i in "abcd"] == ["a", "b", "c", "d"]
    assert source.id_of_code("no-such-code") is None
    assert source.ids_with_prefix("c") == ["c"]
    assert source.ids_with_prefix("") == ["a", "b", "c", "d"]
    assert list(source.ids_like("x")) == ["a", "b", "c", "d"]
