"""The documented JSON of `control`, `stats` and `validate`, built without the CLI.

Field names and their order are the contract scripts rely on (README, "JSON contract"), so
every object is compared whole and its keys in order.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import builders
from builders import SOURCE, actor, casualty, catalog, change, dataset, date, event, place
from documented import CASUALTY_KEYS, PERIOD_KEYS

from eastsyria.contract.results import (
    control_summary,
    place_control,
    stats_view,
    validation_lines,
    validation_report,
)
from eastsyria.core.catalog import Catalog
from eastsyria.core.stats import event_stats
from eastsyria.errors import Problem

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


# -- stats ------------------------------------------------------------------------------------


def dispute(dispute_id: str, *event_ids: str | None) -> dict[str, Any]:
    return {
        "id": dispute_id,
        "topic": f"Topic {dispute_id}",
        "summary": "The articles disagree.",
        "claims": [
            {"statement": "A claim.", "source": SOURCE, "claimant": None, "event": event_id}
            for event_id in event_ids
        ],
    }


def stats_catalog() -> Catalog:
    return contract_catalog(
        event(
            "abu-kamal-assault",
            date("2017-11-08", "2017-11-09", text="8 or 9 November 2017"),
            type="assault",
            places=["abu-kamal", "hiri"],
            actors=[("army", "attacker"), ("isil-fighters", "defender")],
            casualties=[
                casualty(
                    "isil",
                    100,
                    count_max=150,
                    qualifier="about",
                    claimed_by="army",
                    period=date("2017-11-01", "2017-11-09", text="1 to 9 November"),
                    note="in the city",
                ),
                casualty("civilians", 12, qualifier="at-least"),
            ],
        ),
        event(
            "al-qaim-captured",
            "2017-11-03",
            places=["al-qaim"],
            actors=[("pmf", "attacker")],
            casualties=[casualty("isil", 40, kind="captured", claimed_by="iraq")],
        ),
        event("hiri-shelled", "2017-09-20", type="airstrike", places=["hiri"]),
        disputes=[
            dispute("toll", "abu-kamal-assault", None),
            dispute("who-first", "al-qaim-captured", "abu-kamal-assault"),
        ],
    )


SOURCE_VIEW = {
    "article": "article-a",
    "section": "battle",
    "article_title": "Article A",
    "section_title": "The battle",
    "url": None,
    "article_url": None,
}


def test_stats_view_gives_the_counts_in_the_documented_shape() -> None:
    cat = stats_catalog()
    found = stats_view(cat, event_stats(cat, cat.events, "month"), cat.events)
    assert list(found) == ["by", "events", "periods", "types", "sides", "places", "casualties"]
    assert found["by"] == "month"
    assert found["events"] == 3
    assert found["periods"] == [
        {"period": "2017-09", "count": 1},
        {"period": "2017-10", "count": 0},
        {"period": "2017-11", "count": 2},
    ]
    # Ties keep the order first seen, oldest event first.
    assert found["types"] == [
        {"type": "airstrike", "count": 1},
        {"type": "capture", "count": 1},
        {"type": "assault", "count": 1},
    ]
    assert found["sides"] == [
        {"side": "iraq", "side_name": "Iraqi forces", "count": 1},
        {"side": "government", "side_name": "Syrian government", "count": 1},
        {"side": "isil", "side_name": "Islamic State", "count": 1},
    ]
    assert found["places"] == [
        {"place": "hiri", "place_name": "Hiri", "count": 2, "place_label": "Hiri"},
        {"place": "al-qaim", "place_name": "Al-Qa'im", "count": 1, "place_label": "Al-Qa'im"},
        {"place": "abu-kamal", "place_name": "Abu Kamal", "count": 1, "place_label": "Abu Kamal"},
    ]


def test_stats_view_lists_every_casualty_claim_with_its_event_and_disputes() -> None:
    cat = stats_catalog()
    found = stats_view(cat, event_stats(cat, cat.events, "week"), cat.events)
    assert found["by"] == "week"
    # Parties by name: "Islamic State" before "civilians"; claims never added up.
    assert found["casualties"] == [
        {
            "party": "isil",
            "party_name": "Islamic State",
            "claims": [
                {
                    "party": "isil",
                    "party_name": "Islamic State",
                    "kind": "captured",
                    "count": 40,
                    "count_max": None,
                    "best": None,
                    "qualifier": "exact",
                    "figure": "40 captured",
                    "claimed_by": "iraq",
                    "claimed_by_name": "Iraqi forces",
                    "period": None,
                    "note": None,
                    "source": SOURCE_VIEW,
                    "subgroup": None,
                    "claimant": "Iraqi forces",
                    "event": "al-qaim-captured",
                    "event_date": "2017-11-03",
                    "disputes": ["who-first"],
                },
                {
                    "party": "isil",
                    "party_name": "Islamic State",
                    "kind": "killed",
                    "count": 100,
                    "count_max": 150,
                    "best": None,
                    "qualifier": "about",
                    "figure": "about 100–150 killed",
                    "claimed_by": "army",
                    "claimed_by_name": "Syrian Arab Army",
                    "period": {
                        "start": "2017-11-01",
                        "end": "2017-11-09",
                        "date": "1 to 9 November",
                    },
                    "note": "in the city",
                    "source": SOURCE_VIEW,
                    "subgroup": None,
                    "claimant": "Syrian Arab Army",
                    "event": "abu-kamal-assault",
                    "event_date": "8 or 9 November 2017",
                    "disputes": ["toll", "who-first"],
                },
            ],
        },
        {
            "party": "civilians",
            "party_name": "civilians",
            "claims": [
                {
                    "party": "civilians",
                    "party_name": "civilians",
                    "kind": "killed",
                    "count": 12,
                    "count_max": None,
                    "best": None,
                    "qualifier": "at-least",
                    "figure": "at least 12 killed",
                    "claimed_by": None,
                    "claimed_by_name": None,
                    "period": None,
                    "note": None,
                    "source": SOURCE_VIEW,
                    "subgroup": None,
                    "claimant": "Article A (unattributed)",
                    "event": "abu-kamal-assault",
                    "event_date": "8 or 9 November 2017",
                    "disputes": ["toll", "who-first"],
                }
            ],
        },
    ]
    assert [list(group) for group in found["casualties"]] == [["party", "party_name", "claims"]] * 2
    assert list(found["casualties"][1]["claims"][0]) == [
        *CASUALTY_KEYS,
        "event",
        "event_date",
        "disputes",
    ]


def test_a_claim_of_an_event_in_no_dispute_has_an_empty_list_of_disputes() -> None:
    cat = contract_catalog(
        event("a", "2017-11-03", casualties=[casualty("isil", 5)], places=["hiri"]),
        disputes=[dispute("other", None)],
    )
    found = stats_view(cat, event_stats(cat, cat.events), cat.events)
    [group] = found["casualties"]
    assert [claim["disputes"] for claim in group["claims"]] == [[]]


def test_stats_view_of_no_events_is_empty_counts() -> None:
    cat = stats_catalog()
    assert stats_view(cat, event_stats(cat, [], "month"), []) == {
        "by": "month",
        "events": 0,
        "periods": [],
        "types": [],
        "sides": [],
        "places": [],
        "casualties": [],
    }


# -- validate ---------------------------------------------------------------------------------


def valid_record() -> Any:
    return dataset(
        events=[event("a", "2017-11-03"), event("b", "2017-11-04")],
        places=[place("town")],
        actors=[actor("army", "government"), actor("isil-fighters", "isil"), actor("x", "isil")],
        disputes=[dispute("toll", "a")],
    )


def test_a_valid_file_is_reported_with_its_counts_in_order() -> None:
    found = validation_report(Path("data/mine.json"), valid_record(), [])
    assert found == {
        "path": "data/mine.json",
        "valid": True,
        "counts": {
            "events": 2,
            "places": 1,
            "actors": 3,
            "campaigns": 1,
            "disputes": 1,
            "sources": 1,
        },
        "problems": [],
    }
    assert list(found) == ["path", "valid", "counts", "problems"]
    assert list(found["counts"]) == [
        "events",
        "places",
        "actors",
        "campaigns",
        "disputes",
        "sources",
    ]


def test_an_invalid_file_is_reported_with_every_problem_and_no_counts() -> None:
    problems = [
        Problem("$.events[0].date.earliest", "'2017-13-01' is not a date"),
        Problem("line 3, column 14", "Expecting ',' delimiter"),
    ]
    found = validation_report(Path("bad.json"), None, problems)
    assert found == {
        "path": "bad.json",
        "valid": False,
        "counts": None,
        "problems": [
            {"location": "$.events[0].date.earliest", "message": "'2017-13-01' is not a date"},
            {"location": "line 3, column 14", "message": "Expecting ',' delimiter"},
        ],
    }
    assert [list(problem) for problem in found["problems"]] == [["location", "message"]] * 2


def test_a_valid_file_reads_as_one_line_with_its_counts() -> None:
    report = validation_report(Path("data/mine.json"), valid_record(), [])
    assert validation_lines(report) == [
        "valid: data/mine.json: 2 events, 1 places, 3 actors, 1 campaigns, 1 disputes, 1 sources"
    ]


def test_an_invalid_file_reads_as_a_line_a_problem_each_with_the_path() -> None:
    report = validation_report(
        Path("bad.json"),
        None,
        [Problem("$.places[2].lat", "95 is more than 90"), Problem("$.events", "is empty")],
    )
    assert validation_lines(report) == [
        "bad.json: $.places[2].lat: 95 is more than 90",
        "bad.json: $.events: is empty",
    ]
