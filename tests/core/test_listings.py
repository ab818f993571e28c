"""`places`, `actors` and `campaigns`: the gazetteer, the actors and the campaigns as JSON."""

from __future__ import annotations

from typing import Any

import pytest
from builders import actor, campaign, casualty, dataset, date, event, place

from eastsyria.contract.listings import (
    ACTOR_FIELDS,
    CAMPAIGN_FIELDS,
    PLACE_FIELDS,
    actor_views,
    campaign_views,
    place_views,
)
from eastsyria.core.catalog import Catalog

SIDES = [
    {"id": "government", "name": "Syrian government and allies", "description": ""},
    {"id": "isil", "name": "Islamic State (ISIL)", "description": ""},
]
PLACES = [
    place("governorate", name="Deir ez-Zor Governorate", kind="governorate", lat=35.0, lon=40.5),
    place(
        "abu-kamal",
        parent="governorate",
        name="Abu Kamal",
        aliases=["Albu Kamal"],
        kind="city",
        lat=34.45,
        lon=40.92,
        coord_precision_km=2.0,
    ),
    place("hiri", parent="abu-kamal", name="Hiri", kind="village"),
]
ACTORS = [
    actor("saa", "government", name="Syrian Arab Army", aliases=["SAA"], kind="army"),
    actor("tiger-forces", "government", parent="saa", name="Tiger Forces", kind="unit"),
    actor("isil-fighters", "isil", name="ISIL fighters"),
]
INFOBOX = {"article": "article-a", "section": "battle"}
CAMPAIGNS = [
    campaign("eastern-syria", name="Eastern Syria campaign"),
    campaign(
        "abu-kamal-offensive",
        name="2017 Abu Kamal offensive",
        aliases=["Operation Dawn 3"],
        codename="Operation Fajr-3",
        date=date("2017-10-23", "2017-12-06", qualifier="between", text="23 October – 6 December"),
        parent="eastern-syria",
        part_of=["Eastern Syria campaign"],
        result="Decisive victory",
        territory="Abu Kamal taken",
        commanders=[
            {
                "name": "Maj. Gen. Suheil al-Hassan",
                "actor": None,
                "side": "government",
                "killed": False,
                "note": None,
            },
            {"name": "Hani Al-Thalji", "actor": None, "side": "isil", "killed": True, "note": "x"},
        ],
        units=["tiger-forces", "isil-fighters"],
        strengths=[
            {"side": "isil", "figure": "5,000–10,000+", "low": 5000, "high": None, "unit": None},
            {
                "side": "government",
                "figure": "Tiger Forces: 450",
                "low": 450,
                "high": 450,
                "unit": "tiger-forces",
            },
        ],
        casualties=[casualty("government", 376, qualifier="at-least", source=INFOBOX)],
        concurrent=["Battle of Mayadin"],
        sources=[INFOBOX],
    ),
    campaign("mayadin", name="Battle of Mayadin", parent="abu-kamal-offensive"),
    campaign("aftermath", name="2018 aftermath"),
]
EVENTS = [
    # Two places inside Abu Kamal and one named twice: each event counts once per place.
    event(
        "first-capture",
        "2017-11-09",
        places=["abu-kamal", "hiri", "abu-kamal"],
        actors=[("tiger-forces", "attacker"), ("isil-fighters", "defender")],
        campaign="abu-kamal-offensive",
    ),
    event(
        "retaken",
        "2017-11-11",
        places=["abu-kamal"],
        actors=[("isil-fighters", "attacker")],
        campaign="abu-kamal-offensive",
    ),
    event("mayadin-push", "2017-10-20", places=["hiri"], campaign="mayadin"),
    event("opening", "2017-09-01", places=["hiri"], campaign="eastern-syria"),
]


@pytest.fixture
def catalog() -> Catalog:
    record = dataset(events=EVENTS, places=PLACES, actors=ACTORS, campaigns=CAMPAIGNS, sides=SIDES)
    return Catalog(record)  # type: ignore[arg-type]


def by_id(views: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {view["id"]: view for view in views}


# -- places -------------------------------------------------------------------------------


def test_place_fields_are_the_documented_ones_in_order(catalog: Catalog) -> None:
    assert PLACE_FIELDS == (
        "id",
        "name",
        "aliases",
        "kind",
        "parent",
        "parent_name",
        "country",
        "lat",
        "lon",
        "coord_precision_km",
        "event_count",
        "label",
        "parent_label",
    )
    for view in place_views(catalog):
        assert list(view) == list(PLACE_FIELDS)


def test_places_are_listed_in_gazetteer_order(catalog: Catalog) -> None:
    assert [p["id"] for p in place_views(catalog)] == ["governorate", "abu-kamal", "hiri"]


def test_a_place_view_copies_the_gazetteer_and_names_its_parent(catalog: Catalog) -> None:
    assert by_id(place_views(catalog))["abu-kamal"] == {
        "id": "abu-kamal",
        "name": "Abu Kamal",
        "aliases": ["Albu Kamal"],
        "kind": "city",
        "parent": "governorate",
        "parent_name": "Deir ez-Zor Governorate",
        "country": "Syria",
        "lat": 34.45,
        "lon": 40.92,
        "coord_precision_km": 2.0,
        "event_count": 2,
        "label": "Abu Kamal",
        "parent_label": "Deir ez-Zor Governorate",
    }


def test_a_place_at_the_top_has_no_parent_name(catalog: Catalog) -> None:
    top = by_id(place_views(catalog))["governorate"]
    assert top["parent"] is None
    assert top["parent_name"] is None
    assert top["parent_label"] is None


def test_a_place_counts_the_events_that_name_it_not_those_inside_it(catalog: Catalog) -> None:
    counts = {p["id"]: p["event_count"] for p in place_views(catalog)}
    # Nothing names the governorate itself; Hiri is named by three events.
    assert counts == {"governorate": 0, "abu-kamal": 2, "hiri": 3}


# -- actors -------------------------------------------------------------------------------


def test_actor_fields_are_the_documented_ones_in_order(catalog: Catalog) -> None:
    assert ACTOR_FIELDS == (
        "id",
        "name",
        "aliases",
        "kind",
        "side",
        "side_name",
        "parent",
        "parent_name",
        "event_count",
    )
    for view in actor_views(catalog):
        assert list(view) == list(ACTOR_FIELDS)


def test_an_actor_view_names_its_side_and_the_actor_it_belongs_to(catalog: Catalog) -> None:
    assert by_id(actor_views(catalog))["tiger-forces"] == {
        "id": "tiger-forces",
        "name": "Tiger Forces",
        "aliases": [],
        "kind": "unit",
        "side": "government",
        "side_name": "Syrian government and allies",
        "parent": "saa",
        "parent_name": "Syrian Arab Army",
        "event_count": 1,
    }


def test_actors_are_listed_in_order_with_their_own_event_counts(catalog: Catalog) -> None:
    views = actor_views(catalog)
    assert [(a["id"], a["side_name"], a["parent_name"], a["event_count"]) for a in views] == [
        # The army's unit took part, the army itself is named by no event.
        ("saa", "Syrian government and allies", None, 0),
        ("tiger-forces", "Syrian government and allies", "Syrian Arab Army", 1),
        ("isil-fighters", "Islamic State (ISIL)", None, 2),
    ]
    assert views[0]["aliases"] == ["SAA"]
    assert views[0]["kind"] == "army"


# -- campaigns ----------------------------------------------------------------------------


def test_campaign_fields_are_the_documented_ones_in_order(catalog: Catalog) -> None:
    assert CAMPAIGN_FIELDS == (
        "id",
        "name",
        "aliases",
        "codename",
        "start",
        "end",
        "date",
        "parent",
        "part_of",
        "result",
        "territory",
        "commanders",
        "units",
        "strengths",
        "casualties",
        "concurrent",
        "sources",
        "event_count",
    )
    for view in campaign_views(catalog):
        assert list(view) == list(CAMPAIGN_FIELDS)


def test_a_campaign_count_includes_the_campaigns_inside_it(catalog: Catalog) -> None:
    counts = {c["id"]: c["event_count"] for c in campaign_views(catalog)}
    assert counts == {
        "eastern-syria": 4,  # its own opening, the offensive's two, Mayadin's one
        "abu-kamal-offensive": 3,  # its two and Mayadin's one
        "mayadin": 1,
        "aftermath": 0,
    }


def test_a_campaign_view_has_its_infobox_facts_with_names(catalog: Catalog) -> None:
    view = by_id(campaign_views(catalog))["abu-kamal-offensive"]
    assert view == {
        "id": "abu-kamal-offensive",
        "name": "2017 Abu Kamal offensive",
        "aliases": ["Operation Dawn 3"],
        "codename": "Operation Fajr-3",
        "start": "2017-10-23",
        "end": "2017-12-06",
        "date": "23 October – 6 December",
        "parent": "eastern-syria",
        "part_of": ["Eastern Syria campaign"],
        "result": "Decisive victory",
        "territory": "Abu Kamal taken",
        "commanders": [
            {
                "name": "Maj. Gen. Suheil al-Hassan",
                "actor": None,
                "side": "government",
                "killed": False,
                "note": None,
                "side_name": "Syrian government and allies",
            },
            {
                "name": "Hani Al-Thalji",
                "actor": None,
                "side": "isil",
                "killed": True,
                "note": "x",
                "side_name": "Islamic State (ISIL)",
            },
        ],
        "units": [
            {"id": "tiger-forces", "name": "Tiger Forces"},
            {"id": "isil-fighters", "name": "ISIL fighters"},
        ],
        "strengths": [
            {
                "side": "isil",
                "figure": "5,000–10,000+",
                "low": 5000,
                "high": None,
                "unit": None,
                "side_name": "Islamic State (ISIL)",
            },
            {
                "side": "government",
                "figure": "Tiger Forces: 450",
                "low": 450,
                "high": 450,
                "unit": "tiger-forces",
                "side_name": "Syrian government and allies",
            },
        ],
        "casualties": [
            {
                "party": "government",
                "party_name": "Syrian government and allies",
                "kind": "killed",
                "count": 376,
                "count_max": None,
                "best": None,
                "qualifier": "at-least",
                "figure": "at least 376 killed",
                "claimed_by": None,
                "claimed_by_name": None,
                "period": None,
                "note": None,
                "source": {
                    "article": "article-a",
                    "section": "battle",
                    "article_title": "Article A",
                    "section_title": "The battle",
                    "url": None,
                    "article_url": None,
                },
                "subgroup": None,
                "claimant": "Article A (unattributed)",
            }
        ],
        "concurrent": ["Battle of Mayadin"],
        "sources": [
            {
                "article": "article-a",
                "section": "battle",
                "article_title": "Article A",
                "section_title": "The battle",
                "url": None,
                "article_url": None,
            }
        ],
        "event_count": 3,
    }
    assert list(view["commanders"][0])[-1] == "side_name"
    assert list(view["strengths"][0])[-1] == "side_name"
    assert list(view["units"][0]) == ["id", "name"]


def test_the_campaign_record_itself_is_left_alone(catalog: Catalog) -> None:
    campaign_views(catalog)
    record = catalog.campaigns["abu-kamal-offensive"]
    assert "side_name" not in record["commanders"][0]
    assert record["units"] == ["tiger-forces", "isil-fighters"]


def test_a_campaign_at_the_top_with_nothing_recorded(catalog: Catalog) -> None:
    view = by_id(campaign_views(catalog))["aftermath"]
    assert view["parent"] is None
    assert view["codename"] is None
    assert view["commanders"] == []
    assert view["units"] == []
    assert view["strengths"] == []
    assert view["casualties"] == []
    assert [c["id"] for c in campaign_views(catalog)] == [
        "eastern-syria",
        "abu-kamal-offensive",
        "mayadin",
        "aftermath",
    ]
