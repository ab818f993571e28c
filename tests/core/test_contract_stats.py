"""The documented JSON of `stats`, built without the CLI.

Field names and their order are the contract scripts rely on (README, "JSON contract"), so
every object is compared whole and its keys in order.
"""

from __future__ import annotations

from typing import Any

import builders
from builders import SOURCE, actor, casualty, catalog, date, event, place
from documented import CASUALTY_KEYS

from eastsyria.contract.stats import stats_view
from eastsyria.core.catalog import Catalog
from eastsyria.core.stats import event_stats

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
