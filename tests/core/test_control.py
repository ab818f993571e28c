"""Who held each place when, derived from the events' control changes, without the CLI."""

from __future__ import annotations

import itertools
from typing import Any

import builders
from builders import actor, catalog, change, date, event, place, side

from eastsyria.core.catalog import Catalog
from eastsyria.core.control import (
    Basis,
    Change,
    Period,
    Share,
    after,
    changes_by_place,
    last_changes,
    periods,
    weakest,
)

SIDES = [*builders.SIDES, side("sdf", "Syrian Democratic Forces")]


def town_catalog(*events: dict[str, Any], places: list[dict[str, Any]] | None = None) -> Catalog:
    return catalog(
        events=list(events),
        places=places or [place("town"), place("village")],
        actors=[actor("army", "government"), actor("isil-fighters", "isil")],
        sides=SIDES,
    )


def taken(event_id: str, when: str | dict[str, Any], *changes: dict[str, Any]) -> dict[str, Any]:
    """An event that changes the control of the places its `changes` name."""
    places = list(dict.fromkeys(c["place"] for c in changes)) or ["town"]
    return event(event_id, when, places=places, control=list(changes))


def event_ids(changes: list[Change]) -> list[str]:
    return [c.event["id"] for c in changes]


# -- changes_by_place -------------------------------------------------------------------------


def test_changes_are_listed_per_place_oldest_first() -> None:
    cat = town_catalog(
        taken("town-lost", "2017-11-01", change("town", "government", "isil")),
        taken("town-taken", "2017-10-01", change("town", "isil", "government")),
        taken("village-taken", "2017-10-15", change("village", "isil", "sdf")),
        event("airstrike-without-control-change", "2017-10-20"),
    )
    found = changes_by_place(cat)
    assert set(found) == {"town", "village"}
    assert event_ids(found["town"]) == ["town-taken", "town-lost"]
    assert event_ids(found["village"]) == ["village-taken"]
    assert [(c.change["from"], c.change["to"]) for c in found["town"]] == [
        ("isil", "government"),
        ("government", "isil"),
    ]


def test_one_event_changing_two_places_counts_for_each_with_its_own_change() -> None:
    cat = town_catalog(
        taken(
            "both-lost",
            "2017-10-23",
            change("town", "government", "isil"),
            change("village", "government", "isil", extent="partial"),
        )
    )
    found = changes_by_place(cat)
    assert event_ids(found["town"]) == event_ids(found["village"]) == ["both-lost"]
    assert found["town"][0].change["extent"] == "full"
    assert found["village"][0].change["extent"] == "partial"


def test_no_control_changes_means_no_places() -> None:
    assert changes_by_place(town_catalog(event("a-clash", "2017-10-01"))) == {}


def test_a_town_taken_and_partly_retaken_the_same_day_chains_from_the_last_holder() -> None:
    # Abu Kamal: taken on 9 November, partly retaken late that day. The retaking's id
    # sorts first, but it can only start from the holder the capture left.
    cat = town_catalog(
        taken("town-lost", "2017-10-01", change("town", "government", "isil")),
        taken(
            "a-partly-retaken", "2017-11-09", change("town", "government", "isil", extent="partial")
        ),
        taken("b-taken", "2017-11-09", change("town", "isil", "government")),
    )
    assert event_ids(changes_by_place(cat)["town"]) == ["town-lost", "b-taken", "a-partly-retaken"]


def test_three_changes_of_one_day_each_start_from_the_holder_the_one_before_left() -> None:
    cat = town_catalog(
        taken("town-lost", "2017-10-01", change("town", "government", "isil")),
        taken("a-handed-over", "2017-11-09", change("town", "government", "sdf")),
        taken("b-retaken", "2017-11-09", change("town", "sdf", "isil")),
        taken("c-taken", "2017-11-09", change("town", "isil", "government")),
    )
    # isil held it: taken by the army, handed to the SDF, lost by the SDF to isil.
    assert event_ids(changes_by_place(cat)["town"]) == [
        "town-lost",
        "c-taken",
        "a-handed-over",
        "b-retaken",
    ]


def test_the_first_changes_of_a_place_start_from_a_holder_no_same_day_change_left() -> None:
    # No earlier change says who held it: the chain starts with the change whose `from`
    # no other change of that day hands the place to.
    cat = town_catalog(
        taken("a-handed-to-sdf", "2017-11-09", change("town", "government", "sdf")),
        taken("b-taken-from-isil", "2017-11-09", change("town", "isil", "government")),
    )
    assert event_ids(changes_by_place(cat)["town"]) == ["b-taken-from-isil", "a-handed-to-sdf"]


def test_a_first_day_that_is_a_cycle_starts_with_the_full_change() -> None:
    # The place's first changes: taken, then partly retaken the same day. Every change
    # starts from a holder another one hands it to, so no holder is "before the data";
    # the full capture comes first whatever the ids, and the partial retaking answers it.
    cat = town_catalog(
        taken(
            "a-counter-attack", "2017-11-09", change("town", "government", "isil", extent="partial")
        ),
        taken("b-capture", "2017-11-09", change("town", "isil", "government")),
    )
    assert event_ids(changes_by_place(cat)["town"]) == ["b-capture", "a-counter-attack"]
    held = periods(cat, "town")
    assert [(p.holder, p.extent) for p in held] == [
        ("isil", "full"),
        ("government", "full"),
        ("isil", "partial"),
    ]


def test_changes_that_do_not_chain_keep_their_order() -> None:
    # Two sources disagreeing about one day: nothing follows the last holder, so the
    # loading order (by id) stands, and every change is still listed once.
    cat = town_catalog(
        taken("town-lost", "2017-10-01", change("town", "government", "isil")),
        taken("a-claim", "2017-11-09", change("town", "sdf", "government")),
        taken("b-claim", "2017-11-09", change("town", "sdf", "isil")),
    )
    assert event_ids(changes_by_place(cat)["town"]) == ["town-lost", "a-claim", "b-claim"]


def test_changes_of_different_days_are_never_reordered_to_chain() -> None:
    # The later change does not start from the holder the earlier left (a gap in the
    # record), but dates win: chaining only orders changes dated alike.
    cat = town_catalog(
        taken("town-lost", "2017-10-01", change("town", "government", "isil")),
        taken("town-taken", "2017-10-05", change("town", "sdf", "government")),
        taken("town-retaken", "2017-10-09", change("town", "isil", "sdf")),
    )
    assert event_ids(changes_by_place(cat)["town"]) == ["town-lost", "town-taken", "town-retaken"]


def test_same_first_day_but_a_different_last_day_is_not_the_same_date() -> None:
    # "On 1 November" comes before "1 to 5 November": they are not chained together.
    cat = town_catalog(
        taken("town-lost", "2017-10-01", change("town", "government", "isil")),
        taken("a-span", date("2017-11-01", "2017-11-05"), change("town", "isil", "government")),
        taken("b-day", "2017-11-01", change("town", "government", "sdf")),
    )
    assert event_ids(changes_by_place(cat)["town"]) == ["town-lost", "b-day", "a-span"]


# -- periods ----------------------------------------------------------------------------------


def test_periods_run_from_before_the_data_to_after_it() -> None:
    cat = town_catalog(
        taken("town-taken", "2017-10-01", change("town", "isil", "government")),
        taken(
            "town-partly-lost",
            "2017-11-01",
            change("town", "government", "isil", extent="partial", note="the east of the town"),
        ),
    )
    changes = changes_by_place(cat)["town"]
    taken_on, lost_on = Basis.of(changes[0]), Basis.of(changes[1])
    assert periods(cat, "town") == [
        # Known only from the change that ended it: who held the town then, not since when.
        Period((Share("isil", "full"),), None, changes[0], (taken_on,), known_since=False),
        Period((Share("government", "full"),), changes[0], changes[1], (taken_on,)),
        # The holder it was taken from keeps the rest of the town, on the word of both changes.
        Period(
            (Share("government", "partial"), Share("isil", "partial")),
            changes[1],
            None,
            (taken_on, lost_on),
        ),
    ]


def test_the_first_period_is_held_in_full_even_when_the_first_change_is_partial() -> None:
    cat = town_catalog(
        taken("town-partly-taken", "2017-10-01", change("town", "isil", "sdf", extent="partial")),
    )
    first, second = periods(cat, "town")
    assert (first.holder, first.extent, first.begun) == ("isil", "full", None)
    assert first.ended is not None
    assert first.ended.event["id"] == "town-partly-taken"
    assert (second.holder, second.extent, second.ended) == ("sdf", "partial", None)


def test_each_period_ends_with_the_change_that_begins_the_next() -> None:
    cat = town_catalog(
        taken("one", "2017-10-01", change("town", "isil", "government")),
        taken("two", "2017-10-11", change("town", "government", "isil")),
        taken("three", "2017-10-21", change("town", "isil", "government")),
    )
    found = periods(cat, "town")
    assert [p.holder for p in found] == ["isil", "government", "isil", "government"]
    for before, later in itertools.pairwise(found):
        assert before.ended is later.begun
    assert found[0].begun is None
    assert found[-1].ended is None


def test_periods_follow_the_same_day_chain() -> None:
    cat = town_catalog(
        taken("town-lost", "2017-10-01", change("town", "government", "isil")),
        taken(
            "a-partly-retaken", "2017-11-09", change("town", "government", "isil", extent="partial")
        ),
        taken("b-taken", "2017-11-09", change("town", "isil", "government")),
    )
    assert [(p.holder, p.extent) for p in periods(cat, "town")] == [
        ("government", "full"),
        ("isil", "full"),
        ("government", "full"),
        ("isil", "partial"),
    ]


def test_a_period_is_as_certain_as_the_weakest_thing_it_rests_on() -> None:
    cat = town_catalog(
        taken("town-taken", "2017-10-01", change("town", "isil", "government")),
        taken(
            "town-partly-lost",
            "2017-10-11",
            change("town", "government", "isil", extent="partial", status="reported"),
        ),
        taken(
            "town-cleared",
            "2017-10-21",
            change("town", "isil", "government", status="inferred", basis="The bank was cleared."),
        ),
        taken("town-lost", "2017-10-31", change("town", "government", "isil")),
    )
    # Before its first change the town is known only as that change's `from` side; a partial
    # change rests on what the rest was held on too; a full one on itself alone.
    assert [p.certainty for p in periods(cat, "town")] == [
        "held-when-changed",
        "certain",
        "reported",
        "inferred",
        "certain",
    ]


def test_a_place_that_never_changed_hands_has_no_periods() -> None:
    cat = town_catalog(taken("town-taken", "2017-10-01", change("town", "isil", "government")))
    assert periods(cat, "village") == []
    assert periods(cat, "no-such-place") == []


# -- last_changes -----------------------------------------------------------------------------


def test_last_changes_put_the_most_changed_place_first_then_order_by_name() -> None:
    places = [
        place("p-one", name="Mayadin"),
        place("p-two", name="Hamidiyah"),
        place("p-three", name="Abu Kamal"),
        place("p-four", name="Zor Shamir"),
    ]
    cat = town_catalog(
        taken("mayadin-taken", "2017-10-01", change("p-one", "isil", "government")),
        taken("hamidiyah-taken", "2017-10-02", change("p-two", "isil", "government")),
        taken("zor-lost", "2017-10-03", change("p-four", "isil", "sdf")),
        taken("zor-taken", "2017-10-04", change("p-four", "sdf", "government")),
        taken("abu-kamal-taken", "2017-11-09", change("p-three", "isil", "government")),
        taken("abu-kamal-lost", "2017-11-11", change("p-three", "government", "isil")),
        taken("abu-kamal-retaken", "2017-11-19", change("p-three", "isil", "government")),
        places=places,
    )
    found = last_changes(cat)
    assert [(place_id, count, last.event["id"]) for place_id, count, last in found] == [
        ("p-three", 3, "abu-kamal-retaken"),
        ("p-four", 2, "zor-taken"),
        ("p-two", 1, "hamidiyah-taken"),
        ("p-one", 1, "mayadin-taken"),
    ]


def test_the_last_change_is_the_last_of_the_same_day_chain() -> None:
    cat = town_catalog(
        taken("town-lost", "2017-10-01", change("town", "government", "isil")),
        taken(
            "a-partly-retaken", "2017-11-09", change("town", "government", "isil", extent="partial")
        ),
        taken("b-taken", "2017-11-09", change("town", "isil", "government")),
    )
    [(place_id, count, last)] = last_changes(cat)
    assert (place_id, count) == ("town", 3)
    assert last.event["id"] == "a-partly-retaken"
    assert (last.change["to"], last.change["extent"]) == ("isil", "partial")


def test_no_control_changes_means_no_last_changes() -> None:
    assert last_changes(town_catalog(event("a-clash", "2017-10-01"))) == []


# -- after: who holds which part once a change has happened -----------------------------------


def test_a_change_in_full_leaves_the_taker_alone_with_the_part_it_names() -> None:
    split = (Share("isil", "partial", "the east"), Share("government", "partial"))
    taken_whole = change("town", "isil", "government", part="the old city")
    assert after(split, taken_whole) == (Share("government", "full", "the old city"),)


def test_a_new_holder_takes_its_part_the_loser_keeps_the_rest_and_others_their_own() -> None:
    shares = (Share("government", "partial", "the west"), Share("sdf", "partial", "the north"))
    found = after(shares, change("town", "government", "isil", extent="partial", part="the south"))
    assert found == (
        Share("government", "partial", None),  # the rest, no longer just "the west"
        Share("sdf", "partial", "the north"),
        Share("isil", "partial", "the south"),
    )


def test_a_holder_gaining_ground_keeps_the_words_of_the_parts_unless_it_names_its_own() -> None:
    shares = (Share("government", "partial", "the west"), Share("isil", "partial", "the east"))
    gained = change("town", "isil", "government", extent="partial")
    # No part named: each keeps the words of its part.
    assert after(shares, gained) == (
        Share("isil", "partial", "the east"),
        Share("government", "partial", "the west"),
    )
    # A part named: the gainer holds that now; the loser keeps its words.
    named = change("town", "isil", "government", extent="partial", part="most of the town")
    assert after(shares, named) == (
        Share("isil", "partial", "the east"),
        Share("government", "partial", "most of the town"),
    )
    # A change from a side that holds no part (the data contradicts itself): the others keep
    # their words.
    stray = change("town", "sdf", "government", extent="partial")
    assert after(shares, stray) == (
        Share("isil", "partial", "the east"),
        Share("government", "partial", "the west"),
    )
    # The gainer held "the rest" and names a part anew: the loser now has the rest.
    rest = (Share("isil", "partial", None), Share("government", "partial", "the river bank"))
    regained = change("town", "government", "isil", extent="partial", part="most of the desert")
    assert after(rest, regained) == (
        Share("government", "partial", None),
        Share("isil", "partial", "most of the desert"),
    )


def test_the_first_period_holds_the_part_its_starting_holding_or_first_change_names() -> None:
    held = [
        {"holder": h, "extent": "partial", "part": part, "status": "stated", "basis": None}
        for h, part in (("government", "the west"), ("isil", None))
    ]
    cat = town_catalog(
        taken(
            "village-partly-taken",
            "2017-10-01",
            change("village", "government", "isil", extent="partial", from_part="the centre"),
        ),
        places=[place("town", held_at_start=held), place("village")],
    )
    # Held at the start and never changed hands: one period, still held.
    (town,) = periods(cat, "town")
    assert town.shares == (Share("government", "partial", "the west"), Share("isil", "partial"))
    assert (town.begun, town.ended, town.known_since) == (None, None, True)
    first = periods(cat, "village")[0]
    assert first.shares == (Share("government", "partial", "the centre"),)


def test_what_rests_on_nothing_is_certain_and_an_inference_keeps_its_statement() -> None:
    assert weakest(()) == "stated"
    cat = town_catalog(
        taken(
            "town-cleared",
            "2017-10-21",
            change("town", "isil", "government", status="inferred", basis="The bank was cleared."),
        ),
    )
    (cleared,) = changes_by_place(cat)["town"]
    assert Basis.of(cleared) == Basis("inferred", "town-cleared", "The bank was cleared.")
