"""`control --on` and `control --diff` as documented objects (contract.control): who held a
place at the end of a day and why that is as certain as it is, in words; what changed hands
between two days."""

from __future__ import annotations

from typing import Any

import builders
from builders import actor, catalog, change, date, event, place, side

from eastsyria.contract.control import (
    DIFF_FIELDS,
    ON_FIELDS,
    basis_view,
    held_when_changed,
    reason,
    rests_on_text,
    shift_views,
    standing_view,
    standing_views,
    step_view,
    when_text,
)
from eastsyria.core.catalog import Catalog
from eastsyria.core.control import Basis, Change
from eastsyria.core.standing import standing

SIDES = [*builders.SIDES, side("sdf", "Syrian Democratic Forces")]
GOVERNMENT = {
    "holder": "government",
    "holder_name": "Syrian government",
    "side": "government",
    "extent": "partial",
    "part": None,
}
ISIL_NORTH = {
    "holder": "isil",
    "holder_name": "Islamic State",
    "side": "isil",
    "extent": "partial",
    "part": "the north",
}
TOWN_NOW = (
    "since 5 Nov 2017; reported, not stated (North retaken); disputed: How much was"
    " retaken; Syrian Democratic Forces claimed Syrian Democratic Forces took it on"
    " 7 Nov 2017, unconfirmed"
)


def taken(
    event_id: str, when: str | dict[str, Any], *changes: dict[str, Any], **extra: Any
) -> dict[str, Any]:
    places = list(dict.fromkeys(c["place"] for c in changes))
    return event(event_id, when, places=places, control=list(changes), **extra)


def world() -> Catalog:
    """The town taken on 1 November, its north retaken (reported, disputed) on the 5th and
    a claim on the 7th; the village cleared by 28 November; a pocket IS held at the start, on
    an inference."""
    bank = {
        "holder": "isil",
        "extent": "full",
        "part": None,
        "status": "inferred",
        "basis": "The whole bank was cleared",
    }
    return catalog(
        events=[
            taken("town-taken", "2017-11-01", change("town", "isil", "government")),
            taken(
                "north-retaken",
                "2017-11-05",
                change(
                    "town",
                    "government",
                    "isil",
                    extent="partial",
                    part="the north",
                    status="reported",
                ),
            ),
            taken(
                "sdf-claim",
                "2017-11-07",
                change("town", "isil", "sdf", status="claimed", claimed_by="sdf"),
            ),
            taken(
                "village-cleared",
                date("2017-11-22", "2017-11-28", qualifier="by", text="by 28 November 2017"),
                change("village", "isil", "sdf"),
                title="Village cleared",
            ),
        ],
        places=[
            place("town", name="Town", lat=34.45, lon=40.92),
            place("village", name="Village", lat=34.5, lon=40.8),
            place("pocket", name="Pocket", held_at_start=[bank]),
            place("elsewhere", name="Elsewhere"),
        ],
        actors=[actor("army", "government", name="Syrian Arab Army")],
        sides=SIDES,
        disputes=[
            {
                "id": "how-much",
                "topic": "How much was retaken",
                "summary": "All or part",
                "claims": [
                    {
                        "statement": s,
                        "source": builders.SOURCE,
                        "claimant": None,
                        "event": "north-retaken",
                    }
                    for s in ("all", "part")
                ],
            }
        ],
    )


# -- dates and reasons in words ----------------------------------------------------------------


def test_a_changes_date_in_a_sentence() -> None:
    assert when_text(date("2017-11-09")) == "9 Nov 2017"
    # "by 28 November": some day of the span, not "≤ 28 Nov".
    assert when_text(date("2017-11-22", "2017-11-28", qualifier="by")) == "22–28 Nov 2017"
    assert when_text(date("2017-11-09", qualifier="late")) == "late 9 Nov 2017"
    assert (
        when_text(date("2017-11-09", "2017-11-10", precision="approximate", qualifier="about"))
        == "~ 9–10 Nov 2017"
    )


def test_what_a_holding_rests_on_is_told_where_weaker_than_a_statement() -> None:
    cat = world()
    retaken = cat.events_by_id["north-retaken"]
    bases = (
        Basis("stated", "town-taken", None, cat.events_by_id["town-taken"]),
        Basis("reported", "north-retaken", None, retaken),
        Basis("inferred", "north-retaken", "The bank was cleared", retaken),
        Basis("inferred", None, "Held since 2014"),
        Basis("reported", None, None),
    )
    assert rests_on_text(bases) == [
        "reported, not stated (North retaken)",
        "inferred (North retaken): The bank was cleared",
        "inferred (who held it at the start): Held since 2014",
        "reported, not stated (who held it at the start)",
    ]
    assert basis_view(bases[:2] + bases[3:4]) == [
        {"event": "town-taken", "status": "stated", "statement": None},
        {"event": "north-retaken", "status": "reported", "statement": None},
        {"event": None, "status": "inferred", "statement": "Held since 2014"},
    ]


def test_the_first_changes_from_side_is_all_it_tells() -> None:
    cat = world()
    first = Change(cat.events_by_id["town-taken"], cat.events_by_id["town-taken"]["control"][0])
    assert held_when_changed(cat, first) == "held by Islamic State when it changed hands"
    part = Change(first.event, {**first.change, "from_part": "the east"})  # type: ignore[typeddict-item]
    assert held_when_changed(cat, part) == (
        "held by Islamic State (part: the east) when it changed hands"
    )


def test_the_reason_names_the_start_weaker_bases_the_dispute_and_claims_since() -> None:
    cat = world()
    assert reason(cat, standing(cat, "town", "2017-11-08")) == TOWN_NOW
    # Before the claim and the retaking: only since when.
    assert reason(cat, standing(cat, "town", "2017-11-02")) == "since 1 Nov 2017"


def test_the_reason_for_a_place_not_yet_known_or_never_named() -> None:
    cat = world()
    assert reason(cat, standing(cat, "village", "2017-11-20")) == (
        "the data does not say; held by Islamic State when it changed hands, 22–28 Nov 2017"
    )
    assert reason(cat, standing(cat, "elsewhere", "2017-11-20")) == (
        "the data does not say who held it"
    )


def test_the_reason_while_a_change_may_have_happened() -> None:
    cat = world()
    assert reason(cat, standing(cat, "village", "2017-11-25")) == (
        "held when it changed hands, since when the data does not say; may have passed to"
        " Syrian Democratic Forces by 28 Nov 2017 (Village cleared)"
    )
    # A pending change dated otherwise than "by" gives its own wording too.
    spans = catalog(
        events=[
            taken("held", "2017-11-01", change("town", "isil", "government")),
            taken(
                "lost",
                date("2017-11-10", "2017-11-12", qualifier="between", text="10 to 12 November"),
                change("town", "government", "isil", extent="partial"),
                title="Lost",
            ),
        ],
        places=[place("town")],
        sides=SIDES,
    )
    assert reason(spans, standing(spans, "town", "2017-11-11")) == (
        "since 1 Nov 2017; may have passed to Syrian government (the rest) and Islamic State"
        " (the rest) by 12 Nov 2017 (Lost, 10 to 12 November)"
    )


def test_the_reason_for_a_starting_holding() -> None:
    cat = world()
    assert reason(cat, standing(cat, "pocket", "2017-11-01")) == (
        "since before the data; inferred (who held it at the start): The whole bank was cleared"
    )


# -- control --on ------------------------------------------------------------------------------


def test_a_place_at_the_end_of_a_day_laid_out() -> None:
    cat = world()
    view = standing_view(cat, standing(cat, "town", "2017-11-08"))
    assert view == {
        "place": "town",
        "place_name": "Town",
        "on": "2017-11-08",
        # Named after whoever took it: IS took the north.
        "holder": "isil",
        "holder_name": "Islamic State",
        "side": "isil",
        "extent": "partial",
        "part": "the north",
        "split": True,
        "holders": [GOVERNMENT, ISIL_NORTH],
        "certainty": "contested",
        "reason": TOWN_NOW,
        "since": "2017-11-05",
        "since_latest": "2017-11-05",
        "since_date": "2017-11-05",
        "event": "north-retaken",
        "event_title": "North retaken",
        "pending": [],
        "may_pass_to": [],
        "disputes": [{"id": "how-much", "topic": "How much was retaken"}],
        "claimed": [
            {
                "claimed_by": "sdf",
                "claimed_by_name": "Syrian Democratic Forces",
                "from": "isil",
                "from_name": "Islamic State",
                "to": "sdf",
                "to_name": "Syrian Democratic Forces",
                "extent": "full",
                "part": None,
                "date": "2017-11-07",
                "date_latest": "2017-11-07",
                "date_date": "2017-11-07",
                "event": "sdf-claim",
                "event_title": "Sdf claim",
                "note": None,
            }
        ],
        "lat": 34.45,
        "lon": 40.92,
        "place_label": "Town",
        "basis": [
            {"event": "town-taken", "status": "stated", "statement": None},
            {"event": "north-retaken", "status": "reported", "statement": None},
        ],
        "since_known": True,
    }
    assert list(view) == list(ON_FIELDS)


def test_a_place_whose_change_may_have_happened_lists_it_and_who_would_hold_it() -> None:
    cat = world()
    view = standing_view(cat, standing(cat, "village", "2017-11-25"))
    assert (view["holder"], view["extent"], view["split"]) == ("isil", "full", False)
    assert (view["certainty"], view["since"], view["event"]) == ("possible", None, None)
    assert (view["since_latest"], view["since_date"], view["event_title"]) == (None, None, None)
    assert view["since_known"] is False
    assert view["may_pass_to"] == [
        {
            "holder": "sdf",
            "holder_name": "Syrian Democratic Forces",
            "side": "sdf",
            "extent": "full",
            "part": None,
        }
    ]
    assert view["pending"] == [
        {
            "event": "village-cleared",
            "event_title": "Village cleared",
            "date": "2017-11-22",
            "date_latest": "2017-11-28",
            "date_date": "by 28 November 2017",
            "when": "22–28 Nov 2017",
            "from": "isil",
            "from_name": "Islamic State",
            "to": "sdf",
            "to_name": "Syrian Democratic Forces",
            "extent": "full",
            "part": None,
        }
    ]


def test_a_place_nobody_is_known_to_hold_has_empty_holder_fields() -> None:
    cat = world()
    view = standing_view(cat, standing(cat, "village", "2017-11-20"))
    assert {
        k: view[k] for k in ("holder", "holder_name", "side", "extent", "part")
    } == dict.fromkeys(("holder", "holder_name", "side", "extent", "part"))
    assert (view["split"], view["holders"], view["certainty"]) == (False, [], "unknown")
    assert view["since_known"] is None
    assert view["basis"] == []


def test_every_place_or_one_at_the_end_of_a_day() -> None:
    cat = world()
    assert [v["place"] for v in standing_views(cat, "2017-11-08")] == [
        "pocket",
        "town",
        "elsewhere",
        "village",
    ]
    (one,) = standing_views(cat, "2017-11-08", "town")
    assert one["reason"] == TOWN_NOW


def test_a_step_is_a_change_with_its_event_and_dates() -> None:
    cat = world()
    taken_event = cat.events_by_id["town-taken"]
    assert step_view(cat, Change(taken_event, taken_event["control"][0])) == {
        "event": "town-taken",
        "event_title": "Town taken",
        "date": "2017-11-01",
        "date_latest": "2017-11-01",
        "date_date": "2017-11-01",
        "when": "1 Nov 2017",
        "from": "isil",
        "from_name": "Islamic State",
        "to": "government",
        "to_name": "Syrian government",
        "extent": "full",
        "part": None,
    }


# -- control --diff ----------------------------------------------------------------------------


def test_what_changed_hands_between_two_days() -> None:
    cat = world()
    (row,) = shift_views(cat, "2017-10-31", "2017-11-08")
    assert list(row) == list(DIFF_FIELDS)
    assert {k: v for k, v in row.items() if k not in ("changes", "after_holders")} == {
        "place": "town",
        "place_name": "Town",
        "before_on": "2017-10-31",
        "after_on": "2017-11-08",
        "before_holder": None,
        "before_holder_name": None,
        "before_holders": [],
        "before_certainty": "unknown",
        "before_reason": (
            "the data does not say; held by Islamic State when it changed hands, 1 Nov 2017"
        ),
        "after_holder": "isil",
        "after_holder_name": "Islamic State",
        "after_certainty": "contested",
        "after_reason": TOWN_NOW,
        "net_change": True,
        "lat": 34.45,
        "lon": 40.92,
        "place_label": "Town",
    }
    assert row["after_holders"] == [GOVERNMENT, ISIL_NORTH]
    assert [c["event"] for c in row["changes"]] == ["town-taken", "north-retaken"]
    assert row["changes"][1]["part"] == "the north"


def test_what_changed_hands_at_one_place() -> None:
    cat = world()
    assert [r["place"] for r in shift_views(cat, "2017-10-31", "2017-11-30")] == [
        "town",
        "village",
    ]
    assert [r["place"] for r in shift_views(cat, "2017-10-31", "2017-11-30", "village")] == [
        "village"
    ]
    assert shift_views(cat, "2017-10-31", "2017-11-08", "village") == []


def test_every_dispute_bearing_on_a_holding_is_named_in_its_reason() -> None:
    cat = world()
    cat.disputes.append(
        {
            "id": "who",
            "topic": "Who retook it",
            "summary": "IS or its allies",
            "claims": [
                {
                    "statement": s,
                    "source": builders.SOURCE,
                    "claimant": None,
                    "event": "north-retaken",
                }
                for s in ("IS", "allies")
            ],
        }
    )
    cat.__dict__.pop("disputes_by_event", None)  # worked out again with the new dispute
    assert "; disputed: How much was retaken; Who retook it; " in reason(
        cat, standing(cat, "town", "2017-11-08")
    )
