"""The events in memory answer through the same interface as a store: what a selection takes,
and the counts `stats` shows, made from it, equal to counting the matching events."""

from __future__ import annotations

from typing import Any

import pytest
from builders import actor, catalog, event, place, side

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
    assert claimed == []


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
