"""Counts over a set of events, and their casualty claims side by side, without the CLI."""

from __future__ import annotations

from typing import Any

import builders
import pytest
from builders import actor, casualty, catalog, date, event, place

from eastsyria.core.catalog import Catalog
from eastsyria.core.query import Filters
from eastsyria.core.stats import EventStats, casualty_claims, event_stats, select_stats

SIDES = [*builders.SIDES, builders.IRAQ]
ACTORS = [
    actor("army", "government", name="Syrian Arab Army"),
    actor("tiger-forces", "government", parent="army"),
    actor("isil-fighters", "isil"),
    actor("pmf", "iraq", name="Popular Mobilization Forces"),
]
PLACES = [place("town"), place("village"), place("bridge")]


def stats_catalog(*events: dict[str, Any]) -> Catalog:
    return catalog(events=list(events), places=PLACES, actors=ACTORS, sides=SIDES)


def stats_of(*events: dict[str, Any], by: str = "month") -> EventStats:
    cat = stats_catalog(*events)
    return event_stats(cat, cat.events, by)


# -- event_stats: periods ---------------------------------------------------------------------


def test_events_are_counted_by_month_with_the_empty_months_between() -> None:
    found = stats_of(
        event("a", "2017-09-10"),
        event("b", "2017-11-02"),
        event("c", "2017-11-30"),
    )
    assert found.by == "month"
    assert found.events == 3
    assert found.periods == [("2017-09", 1), ("2017-10", 0), ("2017-11", 2)]


def test_an_event_counts_in_the_period_of_its_earliest_possible_day() -> None:
    # "Between 28 November and 5 December" counts in November, and the periods end with
    # the last event's earliest day: no December.
    found = stats_of(
        event("a", "2017-11-02"),
        event("b", date("2017-11-28", "2017-12-05")),
        event("c", date("2017-10-01", "2017-10-31", precision="month", qualifier="during")),
    )
    assert found.periods == [("2017-10", 1), ("2017-11", 2)]


def test_periods_run_from_the_earliest_event_whatever_order_the_events_come_in() -> None:
    cat = stats_catalog(
        event("a", "2017-09-10"),
        event("b", "2017-10-02"),
        event("c", "2017-12-30"),
    )
    newest_first = list(reversed(cat.events))
    assert event_stats(cat, newest_first).periods == [
        ("2017-09", 1),
        ("2017-10", 1),
        ("2017-11", 0),
        ("2017-12", 1),
    ]


def test_events_are_counted_by_iso_week_with_the_empty_weeks_between() -> None:
    found = stats_of(
        event("monday", "2017-11-06"),
        event("sunday", "2017-11-12"),
        event("two-weeks-on", "2017-11-21"),
        by="week",
    )
    assert found.by == "week"
    assert found.periods == [("2017-W45", 2), ("2017-W46", 0), ("2017-W47", 1)]


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        # 1 January 2017 is a Sunday: the last day of ISO week 52 of 2016.
        ("week", [("2016-W52", 2), ("2017-W01", 1)]),
        ("month", [("2016-12", 1), ("2017-01", 2)]),
    ],
)
def test_periods_cross_the_new_year(by: str, expected: list[tuple[str, int]]) -> None:
    found = stats_of(
        event("a", "2016-12-30"), event("b", "2017-01-01"), event("c", "2017-01-02"), by=by
    )
    assert found.periods == expected


def test_one_event_gives_one_period() -> None:
    assert stats_of(event("a", "2017-11-09")).periods == [("2017-11", 1)]


def test_no_events_count_nothing() -> None:
    cat = stats_catalog(event("a", "2017-11-09"))
    assert event_stats(cat, [], "week") == EventStats("week", 0, [], [], [], [])


def test_only_the_events_given_are_counted() -> None:
    # What `stats --from ...` passes: the filtered events, not the whole catalog.
    cat = stats_catalog(
        event("a", "2017-09-10", type="airstrike", places=["village"]),
        event("b", "2017-11-02", actors=[("pmf", "attacker")]),
        event("c", "2017-12-30", type="siege", places=["bridge"]),
    )
    found = event_stats(cat, [e for e in cat.events if e["id"] == "b"])
    assert found == EventStats(
        "month", 1, [("2017-11", 1)], [("capture", 1)], [("iraq", 1)], [("town", 1)]
    )


# -- event_stats: types, sides and places -----------------------------------------------------


def test_types_are_counted_most_common_first() -> None:
    found = stats_of(
        event("a", "2017-10-01", type="airstrike"),
        event("b", "2017-10-02", type="capture"),
        event("c", "2017-10-03", type="siege"),
        event("d", "2017-10-04", type="capture"),
        event("e", "2017-10-05", type="siege"),
        event("f", "2017-10-06", type="capture"),
    )
    assert found.types == [("capture", 3), ("siege", 2), ("airstrike", 1)]


def test_sides_are_counted_once_an_event_however_many_of_their_actors_took_part() -> None:
    found = stats_of(
        event("a", "2017-10-01", actors=[("isil-fighters", "defender")]),
        event(
            "b",
            "2017-10-02",
            actors=[
                ("army", "attacker"),
                ("tiger-forces", "attacker"),
                ("isil-fighters", "defender"),
            ],
        ),
        event("c", "2017-10-03", actors=[("isil-fighters", "attacker"), ("pmf", "supporter")]),
        event("d", "2017-10-04", actors=[]),
    )
    assert found.sides == [("isil", 3), ("government", 1), ("iraq", 1)]


def test_places_are_counted_most_common_first() -> None:
    found = stats_of(
        event("a", "2017-10-01", places=["bridge"]),
        event("b", "2017-10-02", places=["town", "village"]),
        event("c", "2017-10-03", places=["village"]),
        event("d", "2017-10-04", places=["village", "town"]),
    )
    assert found.places == [("village", 3), ("town", 2), ("bridge", 1)]


def test_an_event_that_names_a_place_twice_counts_once_for_it() -> None:
    found = stats_of(event("a", "2017-10-01", places=["town", "town"]))
    assert found.places == [("town", 1)]


# -- casualty_claims --------------------------------------------------------------------------


def claims_of(cat: Catalog, events: list[dict[str, Any]] | None = None) -> list[Any]:
    """(party, [(event id, count), ...]) for each party, as `casualty_claims` orders them."""
    found = casualty_claims(cat, cat.events if events is None else events)  # type: ignore[arg-type]
    return [(party, [(e["id"], c["count"]) for e, c in claims]) for party, claims in found]


def test_casualty_claims_are_grouped_by_party_and_never_summed() -> None:
    cat = stats_catalog(
        event("a", "2017-10-01", casualties=[casualty("isil", 100), casualty("government", 7)]),
        event("b", "2017-10-02", casualties=[casualty("isil", 60), casualty("isil", 75)]),
        event("c", "2017-10-03"),
    )
    assert claims_of(cat) == [
        ("isil", [("a", 100), ("b", 60), ("b", 75)]),
        ("government", [("a", 7)]),
    ]


def test_each_claim_keeps_its_event_and_its_own_record() -> None:
    claim = casualty("civilians", 23, claimed_by="isil", note="in the market")
    cat = stats_catalog(event("a", "2017-10-01", casualties=[claim]))
    [(party, [(found_event, found_claim)])] = casualty_claims(cat, cat.events)
    assert party == "civilians"
    assert found_event is cat.events[0]
    assert found_claim == claim


@pytest.mark.parametrize(
    ("parties", "by_name"),
    [
        # Islamic State, Syrian government, civilians, fighters on all sides: by the name
        # `party_name` gives, not by the id.
        (
            ["all-fighters", "civilians", "government", "isil"],
            ["isil", "government", "civilians", "all-fighters"],
        ),
        # An actor as the party: by its own name, "Popular Mobilization Forces".
        (["pmf", "isil", "army"], ["isil", "pmf", "army"]),
    ],
)
def test_parties_are_sorted_by_their_name(parties: list[str], by_name: list[str]) -> None:
    cat = stats_catalog(
        event("a", "2017-10-01", casualties=[casualty(party, 1) for party in parties])
    )
    assert [party for party, _ in claims_of(cat)] == by_name


def test_only_the_claims_of_the_events_given_are_listed() -> None:
    cat = stats_catalog(
        event("a", "2017-10-01", casualties=[casualty("isil", 100)]),
        event("b", "2017-10-02", casualties=[casualty("government", 7)]),
    )
    assert claims_of(cat, [cat.events[1]]) == [("government", [("b", 7)])]
    assert claims_of(cat, []) == []


def test_events_without_casualties_give_no_claims() -> None:
    assert claims_of(stats_catalog(event("a", "2017-10-01"))) == []


# -- select_stats: the counts of what the filters choose ---------------------------------------


def test_select_stats_count_the_chosen_events_and_hand_over_those_with_claims() -> None:
    cat = stats_catalog(
        event("raid", "2017-10-05", places=["town"], actors=[("army", "attacker")]),
        event(
            "clash",
            "2017-11-02",
            type="clash-period",
            places=["village", "town"],
            actors=[("isil-fighters", "attacker")],
            casualties=[casualty("isil", 12)],
        ),
        event("bridge-down", "2017-11-20", places=["bridge"], casualties=[casualty("army", 3)]),
    )
    counts, claimed = select_stats(cat, Filters(places=("town",)), "week")
    assert counts == EventStats(
        by="week",
        events=2,
        periods=[(f"2017-W{week}", 1 if week in (40, 44) else 0) for week in range(40, 45)],
        types=[("capture", 1), ("clash-period", 1)],
        sides=[("government", 1), ("isil", 1)],
        places=[("town", 2), ("village", 1)],
    )
    assert [e["id"] for e in claimed.every()] == ["clash"]
    counts, claimed = select_stats(cat, Filters())
    assert (counts.by, counts.events, counts.periods) == (
        "month",
        3,
        [("2017-10", 1), ("2017-11", 2)],
    )
    assert [e["id"] for e in claimed.every()] == ["clash", "bridge-down"]


def test_select_stats_count_what_only_the_query_core_can_choose() -> None:
    # --text and --limit are not a selection the events source can count: the matching
    # events are counted one by one, with the same result.
    cat = stats_catalog(
        event("raid", "2017-10-05", places=["town"], actors=[("army", "attacker")]),
        event(
            "clash",
            "2017-11-02",
            title="Clash at the village",
            places=["village", "town"],
            actors=[("isil-fighters", "attacker")],
            casualties=[casualty("isil", 12)],
        ),
        event("bridge-down", "2017-11-20", places=["bridge"], casualties=[casualty("army", 3)]),
    )
    counts, claimed = select_stats(cat, Filters(text="village"), "week")
    assert counts == EventStats(
        by="week",
        events=1,
        periods=[("2017-W44", 1)],
        types=[("capture", 1)],
        sides=[("isil", 1)],
        places=[("village", 1), ("town", 1)],
    )
    assert [e["id"] for e in claimed.every()] == ["clash"]
    counts, claimed = select_stats(cat, Filters(limit=1))
    assert (counts.events, counts.periods, counts.places) == (1, [("2017-10", 1)], [("town", 1)])
    assert claimed.every() == []


def test_select_stats_of_nothing_count_nothing() -> None:
    cat = stats_catalog(event("raid", "2017-10-05", places=["town"]))
    counts, claimed = select_stats(cat, Filters(date_from="2018"))
    assert counts == EventStats("month", 0, [], [], [], [])
    assert claimed.every() == []


def test_the_claims_a_screen_draws_are_read_from_the_events_that_hold_them() -> None:
    # Parties in the order of their names (the Islamic State's before the Syrian Arab
    # Army's), each party's claims in the events' order; the first 2 claims are ISIL's.
    cat = stats_catalog(
        event("first", "2017-10-05", places=["town"], casualties=[casualty("army", 1)]),
        event("second", "2017-10-06", places=["town"], casualties=[casualty("isil", 2)]),
        event("third", "2017-10-07", places=["town"], casualties=[casualty("isil", 3)]),
        event("fourth", "2017-10-08", places=["town"], casualties=[casualty("isil", 4)]),
    )
    _, claimed = select_stats(cat, Filters())
    assert claimed.total == 4
    assert [e["id"] for e in claimed.first(2)] == ["second", "third"]
    assert [e["id"] for e in claimed.first(4)] == ["first", "second", "third", "fourth"]
    assert [e["id"] for e in claimed.every()] == ["first", "second", "third", "fourth"]
