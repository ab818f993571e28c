"""The documented JSON of `control` (the summary and one place's periods), built without the CLI.

Field names and their order are the contract scripts rely on (README, "JSON contract"), so
every object is compared whole and its keys in order.
"""

from __future__ import annotations

from typing import Any

import builders
from builders import actor, catalog, change, date, event, place
from documented import CLAIM_KEYS, PERIOD_KEYS

from eastsyria.contract.control import control_summary, place_control
from eastsyria.core.catalog import Catalog

SIDES = [*builders.SIDES, builders.IRAQ]
ACTORS = [
    actor("army", "government", name="Syrian Arab Army"),
    actor("isil-fighters", "isil", name="ISIL fighters"),
    actor("pmf", "iraq", name="Popular Mobilization Forces"),
]
PLACES = [
    place("abu-kamal", name="Abu Kamal", kind="city", lat=34.45, lon=40.92, aliases=["Bukamal"]),
    place("al-qaim", name="Al-Qa'im", lat=34.37, lon=41.09),
    place("hiri", name="Hiri", kind="village", lat=34.40, lon=41.0),
]


def contract_catalog(*events: dict[str, Any], **parts: Any) -> Catalog:
    return catalog(events=list(events), places=PLACES, actors=ACTORS, sides=SIDES, **parts)


# -- control PLACE ----------------------------------------------------------------------------

ABU_KAMAL = (
    event(
        "abu-kamal-first-capture",
        date("2017-11-08", "2017-11-09", text="8 or 9 November 2017"),
        title="Abu Kamal captured",
        places=["abu-kamal"],
        control=[change("abu-kamal", "isil", "government")],
    ),
    event(
        "isil-counter-attack",
        date("2017-11-10", "2017-11-11", qualifier="by", text="by 11 November 2017"),
        title="ISIL retakes part of Abu Kamal",
        places=["abu-kamal"],
        control=[
            change(
                "abu-kamal", "government", "isil", extent="partial", note="about 40% of the city"
            )
        ],
    ),
)


def holder(holder_id: str, name: str, extent: str, part: str | None = None) -> dict[str, Any]:
    return {
        "holder": holder_id,
        "holder_name": name,
        "side": holder_id,
        "extent": extent,
        "part": part,
    }


def test_place_control_gives_the_place_and_who_held_it_when() -> None:
    found = place_control(contract_catalog(*ABU_KAMAL), "abu-kamal")
    assert list(found) == ["place", "periods", "claims"]
    assert found["place"] == {
        "id": "abu-kamal",
        "name": "Abu Kamal",
        "kind": "city",
        "lat": 34.45,
        "lon": 40.92,
        "label": "Abu Kamal",
    }
    assert list(found["place"]) == ["id", "name", "kind", "lat", "lon", "label"]
    assert found["periods"] == [
        {
            # Known only from the change that ended it (no held_at_start): no start, no
            # event, and the certainty says so.
            "holder": "isil",
            "holder_name": "Islamic State",
            "side": "isil",
            "extent": "full",
            "start": None,
            "start_latest": None,
            "start_date": None,
            "end": "2017-11-08",
            "end_latest": "2017-11-09",
            "end_date": "8 or 9 November 2017",
            "event": None,
            "event_title": None,
            "note": None,
            "part": None,
            "split": False,
            "holders": [holder("isil", "Islamic State", "full")],
            "status": None,
            "claimed_by": None,
            "claimed_by_name": None,
            "certainty": "held-when-changed",
            "basis": [{"event": "abu-kamal-first-capture", "status": "stated", "statement": None}],
            "start_known": False,
            "from_part": None,
        },
        {
            "holder": "government",
            "holder_name": "Syrian government",
            "side": "government",
            "extent": "full",
            "start": "2017-11-08",
            "start_latest": "2017-11-09",
            "start_date": "8 or 9 November 2017",
            "end": "2017-11-10",
            "end_latest": "2017-11-11",
            "end_date": "by 11 November 2017",
            "event": "abu-kamal-first-capture",
            "event_title": "Abu Kamal captured",
            "note": None,
            "part": None,
            "split": False,
            "holders": [holder("government", "Syrian government", "full")],
            "status": "stated",
            "claimed_by": None,
            "claimed_by_name": None,
            "certainty": "certain",
            "basis": [{"event": "abu-kamal-first-capture", "status": "stated", "statement": None}],
            "start_known": True,
            "from_part": None,
        },
        {
            # Still held when the data ends: no end.
            "holder": "isil",
            "holder_name": "Islamic State",
            "side": "isil",
            "extent": "partial",
            "start": "2017-11-10",
            "start_latest": "2017-11-11",
            "start_date": "by 11 November 2017",
            "end": None,
            "end_latest": None,
            "end_date": None,
            "event": "isil-counter-attack",
            "event_title": "ISIL retakes part of Abu Kamal",
            "note": "about 40% of the city",
            "part": None,
            # The government keeps the rest of the city: a split, with both holders.
            "split": True,
            "holders": [
                holder("government", "Syrian government", "partial"),
                holder("isil", "Islamic State", "partial"),
            ],
            "status": "stated",
            "claimed_by": None,
            "claimed_by_name": None,
            "certainty": "certain",
            # The rest is held on the word of the capture, the part on the counter-attack's.
            "basis": [
                {"event": "abu-kamal-first-capture", "status": "stated", "statement": None},
                {"event": "isil-counter-attack", "status": "stated", "statement": None},
            ],
            "start_known": True,
            "from_part": None,
        },
    ]
    assert [list(period) for period in found["periods"]] == [PERIOD_KEYS] * 3


def test_a_holder_that_is_an_actor_is_named_and_given_its_side() -> None:
    cat = contract_catalog(
        event(
            "pmf-takes-al-qaim",
            "2017-11-03",
            places=["al-qaim"],
            control=[change("al-qaim", "isil", "pmf")],
        )
    )
    last = place_control(cat, "al-qaim")["periods"][-1]
    assert (last["holder"], last["holder_name"], last["side"]) == (
        "pmf",
        "Popular Mobilization Forces",
        "iraq",
    )


def test_a_place_that_never_changed_hands_has_no_periods() -> None:
    found = place_control(contract_catalog(*ABU_KAMAL), "hiri")
    assert found == {
        "place": {
            "id": "hiri",
            "name": "Hiri",
            "kind": "village",
            "lat": 34.40,
            "lon": 41.0,
            "label": "Hiri",
        },
        "periods": [],
        "claims": [],
    }


def test_a_reported_change_names_who_reported_it_and_a_claim_is_listed_apart() -> None:
    # Hiri: the Popular Mobilization Forces reportedly took it from the south ISIL held; the
    # army then claimed it, which the text does not confirm: a claim never starts a period.
    cat = contract_catalog(
        event(
            "pmf-reportedly-takes-hiri",
            date("2017-11-03", "2017-11-03", text="3 November 2017"),
            title="Hiri reportedly taken",
            places=["hiri"],
            control=[
                change(
                    "hiri",
                    "isil",
                    "pmf",
                    status="reported",
                    claimed_by="pmf",
                    from_part="the south",
                )
            ],
        ),
        event(
            "army-claims-hiri",
            date("2017-11-05", "2017-11-05", text="5 November 2017"),
            title="The army claims Hiri",
            places=["hiri"],
            control=[
                change(
                    "hiri",
                    "pmf",
                    "government",
                    status="claimed",
                    claimed_by="army",
                    note="unconfirmed",
                )
            ],
        ),
    )
    found = place_control(cat, "hiri")
    taken = found["periods"][-1]
    assert (taken["holder"], taken["status"], taken["from_part"]) == (
        "pmf",
        "reported",
        "the south",
    )
    assert (taken["claimed_by"], taken["claimed_by_name"]) == ("pmf", "Popular Mobilization Forces")
    assert taken["end"] is None  # the claim did not end the holding
    # The first period, before any change, was reported by nobody and began with no change.
    first = found["periods"][0]
    assert (first["status"], first["claimed_by"], first["claimed_by_name"], first["from_part"]) == (
        None,
        None,
        None,
        None,
    )
    assert found["claims"] == [
        {
            "claimed_by": "army",
            "claimed_by_name": "Syrian Arab Army",
            "from": "pmf",
            "from_name": "Popular Mobilization Forces",
            "to": "government",
            "to_name": "Syrian government",
            "extent": "full",
            "part": None,
            "date": "2017-11-05",
            "date_latest": "2017-11-05",
            "date_date": "5 November 2017",
            "event": "army-claims-hiri",
            "event_title": "The army claims Hiri",
            "note": "unconfirmed",
        }
    ]
    assert [list(claim) for claim in found["claims"]] == [CLAIM_KEYS]


# -- control ----------------------------------------------------------------------------------


def test_control_summary_lists_every_place_that_changed_hands_most_changes_first() -> None:
    cat = contract_catalog(
        event(
            "al-qaim-captured",
            "2017-11-03",
            places=["al-qaim"],
            control=[change("al-qaim", "isil", "iraq")],
        ),
        *ABU_KAMAL,
    )
    found = control_summary(cat)
    assert found == [
        {
            "place": "abu-kamal",
            "place_name": "Abu Kamal",
            "changes": 2,
            "last_holder": "isil",
            "last_holder_name": "Islamic State",
            "last_extent": "partial",
            "since": "2017-11-10",
            "since_date": "by 11 November 2017",
            "event": "isil-counter-attack",
            "place_label": "Abu Kamal",
        },
        {
            "place": "al-qaim",
            "place_name": "Al-Qa'im",
            "changes": 1,
            "last_holder": "iraq",
            "last_holder_name": "Iraqi forces",
            "last_extent": "full",
            "since": "2017-11-03",
            "since_date": "2017-11-03",
            "event": "al-qaim-captured",
            "place_label": "Al-Qa'im",
        },
    ]
    assert [list(row) for row in found] == [
        [
            "place",
            "place_name",
            "changes",
            "last_holder",
            "last_holder_name",
            "last_extent",
            "since",
            "since_date",
            "event",
            "place_label",
        ]
    ] * 2


def test_control_summary_is_empty_when_nothing_changed_hands() -> None:
    assert control_summary(contract_catalog(event("a-clash", "2017-11-03", places=["hiri"]))) == []
