"""Who held a place at the end of a day, how sure that is, and what changed between two
days: the rules, on small datasets built for each case."""

from __future__ import annotations

import datetime as dt
from typing import Any

import builders
from builders import actor, catalog, change, date, event, place, side

from eastsyria.core.catalog import Catalog
from eastsyria.core.control import Share, changes_by_place
from eastsyria.core.standing import (
    Band,
    change_days,
    change_spans,
    held_places,
    place_bands,
    shifts,
    standing,
    standings,
)

SIDES = [*builders.SIDES, side("sdf", "Syrian Democratic Forces")]


def town(*events: dict[str, Any], disputes: list[dict[str, Any]] | None = None) -> Catalog:
    return catalog(
        events=list(events),
        places=[place("town"), place("village"), place("river", name="A River")],
        actors=[actor("army", "government"), actor("isil-fighters", "isil")],
        sides=SIDES,
        disputes=disputes,
    )


def taken(event_id: str, when: str | dict[str, Any], *changes: dict[str, Any]) -> dict[str, Any]:
    places = list(dict.fromkeys(c["place"] for c in changes)) or ["town"]
    return event(event_id, when, places=places, control=list(changes))


def holders(cat: Catalog, place_id: str, day: str) -> list[tuple[str, str]]:
    return [(s.holder, s.extent) for s in standing(cat, place_id, day).shares]


def dispute(dispute_id: str, topic: str, *events: str) -> dict[str, Any]:
    claims = [
        {"statement": f"Claim {i}", "source": builders.SOURCE, "claimant": None, "event": e}
        for i, e in enumerate(events)
    ]
    return {"id": dispute_id, "topic": topic, "summary": topic, "claims": claims}


def test_the_end_of_a_day_shows_a_change_of_that_day() -> None:
    cat = town(taken("taken", "2017-11-09", change("town", "isil", "government")))
    # Before its first change, the data does not say who held it: `from` says only who
    # held it when it changed hands.
    assert holders(cat, "town", "2017-11-08") == []
    assert holders(cat, "town", "2017-11-09") == [("government", "full")]
    assert standing(cat, "town", "2017-11-09").certainty == "certain"
    assert standing(cat, "town", "2017-11-08").certainty == "unknown"


def test_a_day_inside_a_changes_uncertain_span_is_possible() -> None:
    by_28 = date("2017-11-22", "2017-11-28", qualifier="by")
    cat = town(taken("pocket-cleared", by_28, change("town", "isil", "government")))
    before = standing(cat, "town", "2017-11-21")
    inside = standing(cat, "town", "2017-11-22")
    last = standing(cat, "town", "2017-11-28")
    assert before.certainty == "unknown"
    assert inside.certainty == "possible"
    # It had the holder it lost it from; it may already have passed on.
    assert [s.holder for s in inside.shares] == ["isil"]
    assert [s.holder for s in inside.may_pass_to] == ["government"]
    assert [c.event["id"] for c in inside.pending] == ["pocket-cleared"]
    assert (last.certainty, [s.holder for s in last.shares]) == ("certain", ["government"])
    assert standing(cat, "town", "2017-11-27").certainty == "possible"


def test_only_the_changes_already_possible_are_pending() -> None:
    cat = town(
        taken("entered", date("2017-10-12", "2017-10-14"), change("town", "isil", "sdf")),
        taken("lost", date("2017-10-20", "2017-10-25"), change("town", "sdf", "isil")),
    )
    found = standing(cat, "town", "2017-10-13")
    assert [c.event["id"] for c in found.pending] == ["entered"]
    # A later change done surely means every change before it is done too.
    assert holders(cat, "town", "2017-10-25") == [("isil", "full")]
    assert standing(cat, "town", "2017-10-25").certainty == "certain"


def test_a_disputed_change_makes_the_holding_contested() -> None:
    cat = town(
        taken("taken", "2017-11-01", change("town", "isil", "government")),
        taken(
            "part-retaken",
            "2017-11-05",
            change("town", "government", "isil", extent="partial", part="the north"),
        ),
        disputes=[dispute("how-much", "How much was retaken", "part-retaken")],
    )
    found = standing(cat, "town", "2017-11-06")
    assert found.certainty == "contested"
    assert [d["topic"] for d in found.disputes] == ["How much was retaken"]
    assert {(s.holder, s.extent, s.part) for s in found.shares} == {
        ("government", "partial", None),
        ("isil", "partial", "the north"),
    }
    # The holding before the disputed change is not touched by it.
    assert standing(cat, "town", "2017-11-02").certainty == "certain"


def test_a_pending_disputed_change_is_contested_too() -> None:
    cat = town(
        taken("taken", date("2017-11-01", "2017-11-10"), change("town", "isil", "government")),
        disputes=[dispute("when", "When it fell", "taken")],
    )
    assert standing(cat, "town", "2017-11-05").certainty == "contested"
    assert standing(cat, "town", "2017-10-31").certainty == "unknown"


def test_a_claim_never_moves_control_but_is_mentioned_once_made() -> None:
    cat = town(
        taken("claimed", "2017-11-03", change("town", "isil", "government", status="claimed")),
        taken("taken", "2017-11-09", change("town", "isil", "government")),
    )
    early = standing(cat, "town", "2017-11-02")
    claimed = standing(cat, "town", "2017-11-04")
    later = standing(cat, "town", "2017-11-10")
    # Nobody is named before the change, so no claim is listed beside a holding.
    assert (early.claims, claimed.shares, claimed.claims) == ((), (), ())
    assert claimed.first_change is not None
    assert claimed.first_change.event["id"] == "taken"
    # Made before the holding that followed began: not mentioned any more.
    assert later.claims == ()


def test_every_place_is_listed_the_unknown_ones_last() -> None:
    cat = town(taken("taken", "2017-11-09", change("village", "isil", "sdf")))
    found = standings(cat, "2017-11-10")
    assert [(s.place, s.certainty) for s in found] == [
        ("village", "certain"),
        ("river", "unknown"),
        ("town", "unknown"),
    ]
    assert found[1].shares == ()


def test_shifts_list_every_change_between_two_days_and_flag_a_return() -> None:
    cat = town(
        taken("town-lost", "2017-10-24", change("town", "government", "isil")),
        taken("town-back", "2017-11-20", change("town", "isil", "government")),
        taken("village-taken", "2017-11-02", change("village", "isil", "sdf")),
        taken("village-later", "2017-12-05", change("village", "sdf", "government")),
    )
    found = {s.place: s for s in shifts(cat, "2017-10-20", "2017-11-30")}
    assert set(found) == {"town", "village"}
    assert [c.event["id"] for c in found["town"].changes] == ["town-lost", "town-back"]
    # Before 24 October nobody is known to have held the town: not "back as before".
    assert found["town"].before.shares == ()
    assert found["town"].net_change is True
    assert found["village"].net_change is True
    assert [s.holder for s in found["village"].after.shares] == ["sdf"]
    # A change on the first day itself happened by its end: not in between.
    assert {s.place for s in shifts(cat, "2017-11-02", "2017-11-30")} == {"town"}
    # A change that may lie in between is listed, the end it may touch marked possible.
    spans = town(taken("maybe", date("2017-11-25", "2017-12-02"), change("town", "isil", "sdf")))
    (maybe,) = shifts(spans, "2017-11-01", "2017-11-30")
    assert maybe.after.certainty == "possible"


# -- bands: who held each place across time, as the control charts draw it --------------------


def day(iso: str) -> int:
    return dt.date.fromisoformat(iso).toordinal()


def test_a_change_of_one_day_lies_in_its_middle_late_near_its_end_a_span_across_it() -> None:
    cat = town(
        taken("on-9", "2017-11-09", change("town", "isil", "government")),
        taken("late-9", date("2017-11-09", qualifier="late"), change("town", "government", "isil")),
        taken("in-20-22", date("2017-11-20", "2017-11-22"), change("town", "isil", "sdf")),
    )
    found = [change_days(c) for c in changes_by_place(cat)["town"]]
    nine = day("2017-11-09")
    assert found == [
        (nine + 0.5, nine + 0.5),
        (nine + 0.8, nine + 0.8),
        # Some time from the start of the 20th to the end of the 22nd.
        (day("2017-11-20"), day("2017-11-23")),
    ]
    # Where a chart needs detail: whole days, for claims too.
    assert change_spans(cat, ["town", "village"]) == [
        (nine, nine),
        (nine, nine),
        (day("2017-11-20"), day("2017-11-22")),
    ]


def test_the_places_held_are_those_with_a_change_or_a_starting_holder_by_first_change() -> None:
    start = {"holder": "isil", "extent": "full", "part": None, "status": "stated", "basis": None}
    cat = catalog(
        events=[
            taken("village-taken", "2017-10-01", change("village", "isil", "government")),
            taken("town-taken", "2017-11-01", change("town", "isil", "government")),
        ],
        places=[
            place("town"),
            place("village"),
            place("river"),
            place("bank", held_at_start=[start]),
        ],
        actors=[actor("army", "government")],
        sides=SIDES,
    )
    # A starting holder and no change sorts first; the river no one ever held is left out.
    assert held_places(cat) == ["bank", "village", "town"]
    assert held_places(cat, ["town", "river"]) == ["town"]


def test_a_town_taken_then_partly_retaken_over_days_is_a_band_a_shift_and_a_shared_band() -> None:
    cat = town(
        taken("taken", "2017-11-09", change("town", "isil", "government")),
        taken(
            "retaken",
            date("2017-11-20", "2017-11-22"),
            change("town", "government", "isil", extent="partial", status="reported"),
        ),
    )
    first, last = float(day("2017-11-01")), float(day("2017-12-01"))
    found = place_bands(cat, "town", first, last)
    taken_on, retaken_on = changes_by_place(cat)["town"]
    government = (Share("government", "full"),)
    shared = (Share("government", "partial"), Share("isil", "partial"))
    assert (found.place, found.name) == ("town", "Town")
    assert found.bands == [
        # Nothing before the town was taken: who held it until then, the data does not say.
        Band(day("2017-11-09") + 0.5, day("2017-11-20"), government, None, taken_on, retaken_on),
        # Passing from the government to the two some day from the 20th to the 22nd.
        Band(day("2017-11-20"), day("2017-11-23"), shared, government, retaken_on, None),
        Band(day("2017-11-23"), last, shared, None, retaken_on, None, "reported"),
    ]
    assert (found.contested, found.claims) == ([], [])


def test_a_band_starts_at_the_first_day_drawn_where_the_place_was_held_from_the_start() -> None:
    start = {"holder": "isil", "extent": "full", "part": None, "status": "stated", "basis": None}
    cat = catalog(
        events=[taken("taken", "2017-11-09", change("town", "isil", "government"))],
        places=[place("town", held_at_start=[start])],
        actors=[actor("army", "government")],
        sides=SIDES,
    )
    first, last = float(day("2017-11-01")), float(day("2017-12-01"))
    (change_on,) = changes_by_place(cat)["town"]
    assert place_bands(cat, "town", first, last).bands == [
        Band(first, day("2017-11-09") + 0.5, (Share("isil", "full"),), None, None, change_on),
        Band(day("2017-11-09") + 0.5, last, (Share("government", "full"),), None, change_on, None),
    ]


def test_a_disputed_partial_change_makes_its_holding_contested_and_a_claim_is_kept() -> None:
    cat = town(
        taken("taken", "2017-11-09", change("town", "isil", "government")),
        taken("retaken", "2017-11-20", change("town", "government", "isil", extent="partial")),
        taken(
            "said-retaken",
            "2017-11-25",
            change("town", "government", "isil", status="claimed", claimed_by="isil"),
        ),
        disputes=[dispute("how-much", "How much IS retook", "retaken")],
    )
    first, last = float(day("2017-11-01")), float(day("2017-12-01"))
    found = place_bands(cat, "town", first, last)
    # A dispute about a partial change bears on the whole holding it gave; the full change
    # before it was never disputed.
    assert found.contested == [(day("2017-11-20") + 0.5, last)]
    assert [(at, c.event["id"]) for at, c in found.claims] == [
        (day("2017-11-25") + 0.5, "said-retaken")
    ]


def test_the_lead_is_whoever_took_the_place_even_when_it_took_only_part() -> None:
    cat = town(
        taken("taken", "2017-11-01", change("town", "isil", "government")),
        taken(
            "part-retaken",
            "2017-11-05",
            change("town", "government", "isil", extent="partial", part="the north"),
        ),
    )
    split = standing(cat, "town", "2017-11-06")
    # The government keeps the rest and is listed first, but IS took the town's north:
    # the holding is named after the taker, never after the holder it was taken from.
    assert [s.holder for s in split.shares] == ["government", "isil"]
    assert split.lead is not None
    assert (split.lead.holder, split.lead.part) == ("isil", "the north")
    whole = standing(cat, "town", "2017-11-02")
    assert whole.lead is not None
    assert (whole.lead.holder, whole.lead.extent) == ("government", "full")


def test_the_lead_before_any_change_is_the_first_holder_and_none_when_unknown() -> None:
    cat = catalog(
        events=[taken("later", "2017-12-01", change("town", "isil", "government"))],
        places=[
            place(
                "town",
                held_at_start=[
                    {
                        "holder": "sdf",
                        "extent": "partial",
                        "part": "the east",
                        "status": "stated",
                        "basis": None,
                    },
                    {
                        "holder": "isil",
                        "extent": "partial",
                        "part": None,
                        "status": "stated",
                        "basis": None,
                    },
                ],
            ),
            place("village"),
        ],
        sides=SIDES,
    )
    held = standing(cat, "town", "2017-11-01")
    assert held.begun is None
    assert held.lead is not None
    assert held.lead.holder == "sdf"
    assert standing(cat, "village", "2017-11-01").lead is None


def test_a_shift_holds_both_ends_in_full_with_the_claims_made_by_then() -> None:
    cat = town(
        taken("village-taken", "2017-09-01", change("village", "isil", "sdf")),
        taken("taken", "2017-10-01", change("town", "isil", "government")),
        taken(
            "claim", "2017-10-05", change("town", "isil", "sdf", status="claimed", claimed_by="sdf")
        ),
        taken("lost", "2017-11-09", change("town", "government", "isil")),
    )
    # The village changed before the first day: listed nowhere, and the places after it
    # in the data are still looked at. A change on the last day itself is in between.
    (shift,) = shifts(cat, "2017-10-10", "2017-11-09")
    assert shift.place == "town"
    assert [c.event["id"] for c in shift.changes] == ["lost"]
    before, after = shift.before, shift.after
    assert (before.place, before.day, after.place, after.day) == (
        "town",
        "2017-10-10",
        "town",
        "2017-11-09",
    )
    assert [(s.holder, s.extent) for s in before.shares] == [("government", "full")]
    assert [(s.holder, s.extent) for s in after.shares] == [("isil", "full")]
    assert before.begun is not None
    assert before.begun.event["id"] == "taken"
    # The claim was made after the government took the town, before the first day.
    assert [c.event["id"] for c in before.claims] == ["claim"]
    assert after.claims == ()
    assert shifts(cat, "2017-10-10", "2017-11-08") == []


def test_standings_give_every_place_its_own_chain_and_claims() -> None:
    cat = town(
        taken("taken", "2017-10-01", change("town", "isil", "government")),
        taken(
            "claim", "2017-10-05", change("town", "isil", "sdf", status="claimed", claimed_by="sdf")
        ),
        taken("village-taken", "2017-10-02", change("village", "isil", "sdf")),
    )
    found = {s.place: s for s in standings(cat, "2017-10-10")}
    assert [s.holder for s in found["town"].shares] == ["government"]
    assert [c.event["id"] for c in found["town"].claims] == ["claim"]
    assert [s.holder for s in found["village"].shares] == ["sdf"]
    assert found["village"].claims == ()
    assert found["river"].shares == ()


def test_a_dispute_on_a_full_change_bears_on_it_until_its_last_events_last_day() -> None:
    cat = town(
        taken("taken", "2017-11-01", change("town", "isil", "government")),
        event("fell-back", date("2017-11-04", "2017-11-05"), places=["village"]),
        disputes=[dispute("when", "When IS fell back", "taken", "fell-back")],
    )
    assert standing(cat, "town", "2017-11-01").certainty == "contested"
    assert standing(cat, "town", "2017-11-05").certainty == "contested"
    assert standing(cat, "town", "2017-11-06").certainty == "certain"
    assert standing(cat, "town", "2017-11-06").disputes == ()


def test_a_disputed_claim_makes_the_holding_contested_while_the_dispute_bears_on_it() -> None:
    cat = town(
        taken("taken", "2017-11-01", change("town", "isil", "government")),
        taken("claim", "2017-11-03", change("town", "government", "isil", status="claimed")),
        event("counter", "2017-11-04", places=["village"]),
        disputes=[dispute("retaken", "Whether IS retook it", "claim", "counter", "gone")],
    )
    assert standing(cat, "town", "2017-11-02").certainty == "certain"
    found = standing(cat, "town", "2017-11-04")
    assert (found.certainty, [d["id"] for d in found.disputes]) == ("contested", ["retaken"])
    assert standing(cat, "town", "2017-11-05").certainty == "certain"
    assert [c.event["id"] for c in standing(cat, "town", "2017-11-05").claims] == ["claim"]


def test_every_dispute_of_the_change_and_of_a_claim_is_kept() -> None:
    cat = town(
        taken("taken", "2017-11-01", change("town", "isil", "government")),
        taken(
            "part-retaken",
            "2017-11-05",
            change("town", "government", "isil", extent="partial", part="the north"),
        ),
        taken("claim", "2017-11-06", change("town", "government", "sdf", status="claimed")),
        disputes=[
            dispute("how-much", "How much", "part-retaken"),
            dispute("who", "Who", "part-retaken"),
            dispute("claim-a", "Claim A", "claim"),
            dispute("claim-b", "Claim B", "claim"),
        ],
    )
    found = standing(cat, "town", "2017-11-06")
    assert [d["id"] for d in found.disputes] == ["how-much", "who", "claim-a", "claim-b"]


def test_a_claim_is_noted_from_its_own_day_and_from_the_day_the_holding_began() -> None:
    cat = town(
        taken("taken", "2017-11-01", change("town", "isil", "government")),
        taken("same-day", "2017-11-01", change("town", "government", "sdf", status="claimed")),
        taken("later", "2017-11-03", change("town", "government", "sdf", status="claimed")),
    )
    assert [c.event["id"] for c in standing(cat, "town", "2017-11-01").claims] == ["same-day"]
    assert [c.event["id"] for c in standing(cat, "town", "2017-11-03").claims] == [
        "same-day",
        "later",
    ]


def test_a_claim_beside_a_holding_since_before_the_data_is_noted() -> None:
    start = [{"holder": "isil", "extent": "full", "part": None, "status": "stated", "basis": None}]
    cat = catalog(
        events=[taken("claim", "2017-11-03", change("town", "isil", "sdf", status="claimed"))],
        places=[place("town", held_at_start=start)],
        sides=SIDES,
    )
    assert [c.event["id"] for c in standing(cat, "town", "2017-11-04").claims] == ["claim"]


# -- bands: what the survivors of the mutation run showed untested ------------------------------


def test_a_chart_needs_detail_on_the_days_of_a_claim_too() -> None:
    cat = town(
        taken("taken", "2017-11-09", change("town", "isil", "government")),
        taken(
            "said-lost",
            date("2017-11-12", "2017-11-14"),
            change("town", "government", "isil", status="claimed", claimed_by="isil"),
        ),
    )
    # The claim moves no control, but a chart draws it: whole days, from its first to its last.
    assert change_spans(cat, ["town"]) == [
        (day("2017-11-09"), day("2017-11-09")),
        (day("2017-11-12"), day("2017-11-14")),
    ]


def test_a_first_change_over_days_is_a_shift_from_its_loser_until_the_next_change() -> None:
    cat = town(
        taken("entered", date("2017-11-20", "2017-11-22"), change("town", "isil", "sdf")),
        taken("lost", "2017-11-26", change("town", "sdf", "isil")),
        taken(
            "said-back",
            date("2017-11-28", "2017-11-30"),
            change("town", "isil", "sdf", status="claimed", claimed_by="sdf"),
        ),
    )
    first, last = float(day("2017-11-01")), float(day("2017-12-01"))
    entered, lost = changes_by_place(cat)["town"]
    isil, sdf = (Share("isil", "full"),), (Share("sdf", "full"),)
    found = place_bands(cat, "town", first, last)
    assert found.bands == [
        # Nothing before the 20th (since when IS held it, the data does not say); from the
        # start of the 20th to the end of the 22nd, passing from IS, the first loser, to the
        # SDF; then the SDF's until IS took it back in the middle of the 26th.
        Band(day("2017-11-20"), day("2017-11-23"), sdf, isil, entered, lost),
        Band(day("2017-11-23"), day("2017-11-26") + 0.5, sdf, None, entered, lost),
        Band(day("2017-11-26") + 0.5, last, isil, None, lost, None),
    ]
    # A claim dated over days is drawn where its span begins.
    assert [(at, c.event["id"]) for at, c in found.claims] == [(day("2017-11-28"), "said-back")]


def held_from_start(holder: str) -> list[dict[str, Any]]:
    return [{"holder": holder, "extent": "full", "part": None, "status": "stated", "basis": None}]


def test_a_disputed_claim_contests_a_holding_from_the_start_while_the_dispute_bears() -> None:
    cat = catalog(
        events=[
            taken(
                "said-retaken",
                "2017-11-10",
                change("town", "government", "isil", status="claimed", claimed_by="isil"),
            ),
            event("counter", "2017-11-12", places=["village"]),
        ],
        places=[place("town", held_at_start=held_from_start("government")), place("village")],
        sides=SIDES,
        disputes=[dispute("retaken", "Whether IS retook it", "said-retaken", "counter")],
    )
    first, last = float(day("2017-11-01")), float(day("2017-12-01"))
    found = place_bands(cat, "town", first, last)
    assert found.bands == [Band(first, last, (Share("government", "full"),), None, None, None)]
    # Certain until the claim; contested from the claim's day to the end of the last day of
    # the events the dispute is about (the 12th); certain again after.
    assert found.contested == [(day("2017-11-10"), day("2017-11-13"))]


def test_a_dispute_bears_on_the_holding_after_a_change_over_days_not_on_the_passing() -> None:
    cat = town(
        taken("entered", date("2017-11-20", "2017-11-22"), change("town", "isil", "sdf")),
        event("fell-back", "2017-11-24", places=["village"]),
        disputes=[dispute("when", "When IS fell back", "entered", "fell-back")],
    )
    found = place_bands(cat, "town", float(day("2017-11-01")), float(day("2017-12-01")))
    assert [band.before is not None for band in found.bands] == [True, False]
    # The passing (20th to 22nd) is drawn as a passing; the SDF's holding after it is
    # contested until the end of the 24th.
    assert found.contested == [(day("2017-11-23"), day("2017-11-25"))]


def test_a_disputed_holding_is_contested_until_the_change_that_ended_it_within_its_day() -> None:
    cat = town(
        taken("taken", "2017-11-01", change("town", "isil", "government")),
        taken("lost", "2017-11-02", change("town", "government", "isil")),
        event("fell-back", "2017-11-05", places=["village"]),
        disputes=[dispute("when", "When IS fell back", "taken", "fell-back")],
    )
    found = place_bands(cat, "town", float(day("2017-10-25")), float(day("2017-11-30")))
    # The government held it from the middle of the 1st to the middle of the 2nd, all of
    # it under the dispute (which bears until the 5th); IS's holding after is not disputed.
    assert found.contested == [(day("2017-11-01") + 0.5, day("2017-11-02") + 0.5)]
