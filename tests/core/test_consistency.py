"""`validate`'s control checks: a place and the places inside it agree on who held them, and
each change starts from a holder the data gives the place just before it."""

from __future__ import annotations

from typing import Any

import pytest
from builders import catalog, change, date, event, place

from eastsyria.core.catalog import Catalog
from eastsyria.core.consistency import (
    Held,
    chain_breaks,
    control_problems,
    part_contradictions,
    timeline,
)
from eastsyria.core.control import changes_by_place, first_period
from eastsyria.core.standing import standing


def holding(holder: str, extent: str = "full") -> dict[str, Any]:
    return {
        "holder": holder,
        "extent": extent,
        "part": None,
        "status": "stated",
        "basis": None,
        "source": {"article": "article-a", "section": "battle"},
    }


def bank(*events: dict[str, Any], bank_start: str | None = "isil") -> Catalog:
    start = [holding(bank_start)] if bank_start else []
    return catalog(
        events=list(events),
        places=[
            place("bank", held_at_start=start),
            place("town", parent="bank"),
            place("village", parent="town"),
        ],
    )


def taken(event_id: str, day: str, *changes: dict[str, Any]) -> dict[str, Any]:
    return event(event_id, day, places=[c["place"] for c in changes], control=list(changes))


def test_a_part_held_by_a_side_that_holds_none_of_the_whole_is_a_problem() -> None:
    found = part_contradictions(
        bank(taken("town-taken", "2017-11-05", change("town", "isil", "government")))
    )
    assert [problem.location for problem in found] == ["places[id=bank] and places[id=town]"]
    # From the end of the day it fell until the end of the data, one problem, its days named.
    assert found[0].message.startswith(
        "from the end of 2017-11-05 until the end of the data, bank is held by isil"
    )
    assert "town, which lies inside it, is held by government" in found[0].message


def test_a_part_of_a_part_is_inside_the_whole_too() -> None:
    found = part_contradictions(
        bank(taken("village-taken", "2017-11-05", change("village", "isil", "government")))
    )
    assert [problem.location for problem in found] == ["places[id=bank] and places[id=village]"]


def test_a_partial_change_of_the_whole_makes_room_for_its_parts() -> None:
    cat = bank(
        taken(
            "town-taken",
            "2017-11-05",
            change("town", "isil", "government"),
            change("bank", "isil", "government", extent="partial"),
        )
    )
    assert control_problems(cat) == []


def test_a_disagreement_that_ends_is_reported_with_its_last_day() -> None:
    cat = bank(
        taken("town-taken", "2017-11-05", change("town", "isil", "government")),
        taken("bank-taken", "2017-11-20", change("bank", "isil", "government")),
    )
    (found,) = part_contradictions(cat)
    assert found.message.startswith("from the end of 2017-11-05 until 2017-11-19,")


def test_a_whole_nobody_is_known_to_hold_contradicts_no_part() -> None:
    cat = bank(
        taken("town-taken", "2017-11-05", change("town", "isil", "government")),
        bank_start=None,
    )
    assert control_problems(cat) == []


def test_a_change_from_a_side_that_did_not_hold_the_place_breaks_the_chain() -> None:
    cat = bank(taken("bank-taken", "2017-11-05", change("bank", "sdf", "government")))
    (found,) = chain_breaks(cat)
    assert found.location == "events[id=bank-taken].control (place bank)"
    assert found.message.startswith("sdf loses bank here, but its held_at_start leaves it to isil")


def test_a_chain_that_connects_has_no_break() -> None:
    cat = bank(
        taken("lost", "2017-11-05", change("bank", "isil", "government", extent="partial")),
        taken("retaken", "2017-11-08", change("bank", "government", "isil")),
        taken("again", "2017-11-12", change("bank", "isil", "government")),
    )
    assert chain_breaks(cat) == []
    broken = bank(
        taken("lost", "2017-11-05", change("bank", "isil", "government")),
        taken("lost-twice", "2017-11-08", change("bank", "isil", "government")),
    )
    assert [p.location for p in chain_breaks(broken)] == [
        "events[id=lost-twice].control (place bank)"
    ]


# -- timeline: standing's answer for many days in one pass ------------------------------------


def every_day(first: str, last: str) -> list[str]:
    import datetime as dt

    start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    return [(start + dt.timedelta(days=n)).isoformat() for n in range((end - start).days + 1)]


def spanned(event_id: str, first: str, last: str, *changes: dict[str, Any]) -> dict[str, Any]:
    return event(
        event_id,
        date(first, last, qualifier="between"),
        places=[c["place"] for c in changes],
        control=list(changes),
    )


CHAINS = {
    # Known from the start; a full change, a partial one, one back.
    "held at the start": bank(
        taken("one", "2017-10-03", change("bank", "isil", "government")),
        taken("two", "2017-10-06", change("bank", "government", "isil", extent="partial")),
        taken("three", "2017-10-09", change("bank", "isil", "government")),
    ),
    # Known only from the first change, itself a span of days: pending inside it.
    "known from its first change": bank(
        spanned("one", "2017-10-03", "2017-10-05", change("bank", "isil", "government")),
        taken("two", "2017-10-08", change("bank", "government", "sdf")),
        bank_start=None,
    ),
    # A long span that ends after a later change's: done only when both are.
    "spans that end out of order": bank(
        spanned("long", "2017-10-02", "2017-10-10", change("bank", "isil", "government")),
        spanned("short", "2017-10-04", "2017-10-05", change("bank", "government", "sdf")),
        taken("last", "2017-10-12", change("bank", "sdf", "isil", extent="partial")),
    ),
    "no change": bank(),
    # One change, a span of days, of a place known only from it.
    "one pending change": bank(
        spanned("one", "2017-10-03", "2017-10-06", change("bank", "isil", "government")),
        bank_start=None,
    ),
}


@pytest.mark.parametrize("name", list(CHAINS))
def test_timeline_gives_what_standing_gives_on_every_day(name: str) -> None:
    cat = CHAINS[name]
    chain = changes_by_place(cat).get("bank", [])
    days = every_day("2017-10-01", "2017-10-14")
    found = timeline(first_period(cat, "bank", chain), chain, days)
    assert [h.day for h in found] == days
    for held in found:
        told = standing(cat, "bank", held.day)
        assert held.shares == told.shares, held.day
        assert held.begun == told.begun, held.day


def test_timeline_of_a_place_the_data_never_names_a_holder_of() -> None:
    cat = bank(bank_start=None)
    assert timeline(first_period(cat, "bank", []), [], ["2017-10-01", "2017-10-02"]) == [
        Held("2017-10-01", (), None),
        Held("2017-10-02", (), None),
    ]


def test_timeline_of_some_days_only() -> None:
    cat = CHAINS["held at the start"]
    chain = changes_by_place(cat)["bank"]
    found = timeline(first_period(cat, "bank", chain), chain, ["2017-10-02", "2017-10-10"])
    assert [(h.day, [s.holder for s in h.shares]) for h in found] == [
        ("2017-10-02", ["isil"]),
        ("2017-10-10", ["government"]),
    ]
    assert found[0].begun is None
    assert found[1].begun is not None
    assert found[1].begun.event["id"] == "three"


def test_a_chain_break_says_who_the_change_before_left_the_place_to() -> None:
    cat = bank(
        taken("lost", "2017-11-05", change("bank", "isil", "government", extent="partial")),
        taken("raid", "2017-11-08", change("bank", "sdf", "government")),
    )
    (found,) = chain_breaks(cat)
    assert found.message == (
        "sdf loses bank here, but event lost leaves it to isil (part) and government (part):"
        " give the change the side that held the place then, or add the change that gave it"
        " to this side"
    )


def test_a_chain_without_starting_holders_starts_from_its_first_changes_side() -> None:
    cat = bank(
        taken("lost", "2017-11-05", change("bank", "isil", "government")),
        taken("lost-again", "2017-11-08", change("bank", "isil", "government")),
        bank_start=None,
    )
    (found,) = chain_breaks(cat)
    assert found.message.startswith(
        "isil loses bank here, but event lost leaves it to government: "
    )


def test_a_contradiction_names_both_holders_and_since_when() -> None:
    (found,) = part_contradictions(
        bank(taken("town-taken", "2017-11-05", change("town", "isil", "government")))
    )
    assert found.message == (
        "from the end of 2017-11-05 until the end of the data, bank is held by isil (since the"
        " start of the data), but town, which lies inside it, is held by government (since"
        " event town-taken): make the change that gave bank partial, or add the change that"
        " gave town to its holder"
    )


def test_a_whole_not_yet_known_contradicts_no_part_until_it_is() -> None:
    cat = bank(
        taken("town-taken", "2017-11-05", change("town", "isil", "sdf")),
        taken("bank-taken", "2017-11-20", change("bank", "isil", "government")),
        bank_start=None,
    )
    (found,) = part_contradictions(cat)
    assert found.message.startswith("from the end of 2017-11-20 until the end of the data,")


def test_each_span_of_contradiction_is_reported_on_its_own() -> None:
    cat = bank(
        taken("town-taken", "2017-11-05", change("town", "isil", "government")),
        taken("bank-taken", "2017-11-10", change("bank", "isil", "government")),
        taken("town-lost", "2017-11-15", change("town", "government", "isil")),
    )
    found = part_contradictions(cat)
    assert [p.message.split(", bank is held by ")[0] for p in found] == [
        "from the end of 2017-11-05 until 2017-11-09",
        "from the end of 2017-11-15 until the end of the data",
    ]
    assert "bank is held by government (since event bank-taken)" in found[1].message
    assert "is held by isil (since event town-lost)" in found[1].message


def test_a_contradiction_lasting_over_a_day_that_changes_nothing_is_one_span() -> None:
    cat = bank(
        taken("town-taken", "2017-11-05", change("town", "isil", "government")),
        spanned("bank-lost", "2017-11-08", "2017-11-12", change("bank", "isil", "sdf")),
    )
    # On 8 November the bank's change may still be pending: the same holders, one span.
    found = part_contradictions(cat)
    assert [p.message.split(", bank is held by ")[0] for p in found] == [
        "from the end of 2017-11-05 until 2017-11-11",
        "from the end of 2017-11-12 until the end of the data",
    ]
    # The span joined keeps who held the whole and the part, and since when.
    assert "bank is held by isil (since the start of the data), but town" in found[0].message
    assert "town, which lies inside it, is held by government (since event town-taken)" in (
        found[0].message
    )


def test_a_whole_lost_and_retaken_contradicts_its_part_while_it_was_lost() -> None:
    cat = bank(
        taken("bank-taken", "2017-11-05", change("bank", "isil", "government")),
        taken("town-taken", "2017-11-05", change("town", "isil", "government")),
        taken("bank-lost", "2017-11-10", change("bank", "government", "isil")),
        taken("bank-retaken", "2017-11-15", change("bank", "isil", "government")),
    )
    found = part_contradictions(cat)
    assert [p.location for p in found] == ["places[id=bank] and places[id=town]"]
    assert found[0].message.startswith(
        "from the end of 2017-11-10 until 2017-11-14, bank is held by isil (since event bank-lost)"
    )


def test_starting_holders_of_a_part_are_checked_once_anything_changes_hands() -> None:
    village = [holding("sdf")]

    def with_village(*events: dict[str, Any]) -> Catalog:
        return catalog(
            events=list(events),
            places=[
                place("bank", held_at_start=[holding("isil")]),
                place("town", parent="bank"),
                place("village", parent="town", held_at_start=village),
                place("elsewhere"),
            ],
        )

    # Nothing changes hands: nothing is checked.
    assert part_contradictions(with_village()) == []
    found = part_contradictions(
        with_village(taken("elsewhere", "2017-11-01", change("elsewhere", "isil", "sdf")))
    )
    assert [p.location for p in found] == ["places[id=bank] and places[id=village]"]
    assert found[0].message.startswith("from the end of 2017-11-01 until the end of the data,")


def test_a_whole_nobody_holds_is_passed_over_and_the_next_whole_checked() -> None:
    cat = bank(
        taken("town-taken", "2017-11-05", change("town", "isil", "government")),
        taken("village-taken", "2017-11-08", change("village", "isil", "sdf")),
        bank_start=None,
    )
    assert [p.location for p in part_contradictions(cat)] == [
        "places[id=town] and places[id=village]"
    ]


def test_places_inside_a_missing_or_circular_parent_end_the_look_up() -> None:
    # Validation refuses both; the check must still end.
    cat = catalog(
        events=[taken("a-taken", "2017-11-05", change("a", "isil", "government"))],
        places=[
            place("a", parent="b", held_at_start=[holding("isil")]),
            place("b", parent="a", held_at_start=[holding("isil")]),
            place("c", parent="nowhere"),
            # Below the cycle: its look-up up the parents meets the cycle and must end too.
            place("d", parent="a"),
        ],
    )
    assert [p.location for p in part_contradictions(cat)] == [
        "places[id=b] and places[id=a]",
        "places[id=a] and places[id=b]",
    ]
