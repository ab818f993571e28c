"""What the map shows (contract.maps): the frame, the places drawn as marks and those listed
as too broad, where each event is drawn, and with a day who held each place."""

from __future__ import annotations

import math
from typing import Any

import builders
import pytest
from builders import actor, catalog, change, event, place, side

from eastsyria.contract.events import lead_side
from eastsyria.contract.maps import (
    MapPlace,
    best_place,
    events_map,
    line_features,
    map_view,
)
from eastsyria.core.catalog import Catalog
from eastsyria.core.projection import VALLEY, Box

SIDES = [*builders.SIDES, side("sdf", "Syrian Democratic Forces")]
RIVER = {
    "id": "euphrates",
    "name": "Euphrates",
    "kind": "river",
    "precision_km": 1.0,
    "note": None,
    "points": [(40.1234567, 34.9876543), (41.0, 34.4)],
}


def spot(place_id: str, lon: float, lat: float, km: float) -> dict[str, Any]:
    return place(place_id, lon=lon, lat=lat, coord_precision_km=km)


def world() -> Catalog:
    """Two events drawn at the town, one each at the village and at a place far north-west
    of the valley, one at a governorate too broad to be a mark."""
    cat = catalog(
        events=[
            event(
                "raid",
                "2017-11-01",
                places=["governorate", "town"],
                control=[change("town", "isil", "government")],
            ),
            event("clash", "2017-11-02", places=["village", "town"]),
            event("far-fight", "2017-11-03", places=["distant"]),
            event("wide", "2017-11-04", places=["governorate"]),
            event("tie", "2017-11-05", places=["village", "village-two"]),
        ],
        places=[
            spot("town", 40.92, 34.45, 1.0),
            spot("village", 40.8, 34.5, 2.0),
            spot("village-two", 40.7, 34.55, 2.0),
            spot("hamlet", 40.5, 34.6, 1.0),
            spot("far", 38.0, 36.5, 1.0),
            spot("distant", 39.0, 36.0, 0.5),
            spot("governorate", 40.5, 35.0, 80.0),
            spot("province", 40.0, 35.0, 100.0),
        ],
        actors=[actor("army", "government")],
        sides=SIDES,
    )
    cat.record["lines"] = [RIVER]  # type: ignore[typeddict-unknown-key]
    return cat


def test_an_event_is_drawn_at_its_most_precise_place_the_first_of_equals() -> None:
    cat = world()
    events = cat.events_by_id
    assert best_place(events["raid"], cat.places)["id"] == "town"
    assert best_place(events["clash"], cat.places)["id"] == "town"
    assert best_place(events["tie"], cat.places)["id"] == "village"
    gone = {**events["clash"], "places": ["no-such-place", "village"]}
    assert best_place(gone, cat.places)["id"] == "village"  # type: ignore[arg-type]


def test_the_map_frames_the_valley_and_every_drawn_mark() -> None:
    cat = world()
    view = map_view(cat, cat.events)
    # The distant place (39.0 E, 36.0 N) widens the frame by 8 km to the west and north;
    # the far one, with no event, does not.
    west = 39.0 - 8.0 / (111.320 * math.cos(math.radians(36.0)))
    assert view.box == pytest.approx(Box(west, VALLEY.south, VALLEY.east, 36.0 + 8.0 / 110.574))
    assert view.box.west < 38.92
    assert view.lines == (RIVER,)
    assert view.day is None
    assert view.event_count == 5


def test_marks_come_most_events_first_then_the_most_precise_and_broad_places_are_listed() -> None:
    cat = world()
    view = map_view(cat, cat.events)
    assert [(p.id, p.events) for p in view.places] == [
        ("town", ("raid", "clash")),
        ("distant", ("far-fight",)),
        ("village", ("tie",)),
        ("hamlet", ()),
        ("village-two", ()),
    ]
    # A place too broad for a mark is listed where an event is drawn there, not otherwise.
    assert [(p.id, p.events) for p in view.broad] == [("governorate", ("wide",))]
    assert view.places[0] == MapPlace("town", "Town", 40.92, 34.45, 1.0, ("raid", "clash"))
    assert view.places[0].label == "Town (2)"
    assert view.places[3].label == "Hamlet"


def test_broad_places_are_ordered_like_marks() -> None:
    cat = world()
    cat.events_by_id["tie"]["places"] = ["province"]
    cat.events_by_id["clash"]["places"] = ["province"]
    # Two events at the province, one at the governorate (the raid is drawn at the town).
    view = map_view(cat, [cat.events_by_id[e] for e in ("wide", "tie", "raid", "clash")])
    assert [p.id for p in view.broad] == ["province", "governorate"]
    view = map_view(cat, [cat.events_by_id[e] for e in ("wide", "tie", "raid")])
    assert [p.id for p in view.broad] == ["governorate", "province"]
    view = map_view(cat, [cat.events_by_id[e] for e in ("tie",)])
    assert [p.id for p in view.broad] == ["province"]
    # Of equals in events, the more precise first, then by name.
    cat.places["province"]["coord_precision_km"] = 60.0
    view = map_view(cat, [cat.events_by_id[e] for e in ("wide", "tie")])
    assert [p.id for p in view.broad] == ["province", "governorate"]


def test_each_event_is_given_its_title_date_and_lead_side() -> None:
    cat = world()
    view = map_view(cat, cat.events[:2], leads={"raid": "government"}, day="2017-11-30")
    assert view.events == {
        "raid": {
            "title": "Raid",
            "date": "2017-11-01",
            "start": "2017-11-01",
            "side": "government",
        },
        "clash": {"title": "Clash", "date": "2017-11-02", "start": "2017-11-02", "side": None},
    }
    assert view.day == "2017-11-30"
    assert map_view(cat, cat.events[:1]).events["raid"]["side"] is None


def test_holders_colour_the_places_they_name() -> None:
    cat = world()
    rows = [
        {
            "place": "town",
            "side": "government",
            "holder_name": "Syrian government",
            "certainty": "possible",
            "split": True,
        },
        {
            "place": "village",
            "side": "isil",
            "holder_name": "IS",
            "certainty": "certain",
            "split": False,
        },
    ]
    places = {p.id: p for p in map_view(cat, cat.events, holders=rows).places}
    town, village, hamlet = places["town"], places["village"], places["hamlet"]
    assert (town.side, town.holder_name, town.certainty, town.split) == (
        "government",
        "Syrian government",
        "possible",
        True,
    )
    assert town.uncertain
    assert (village.side, village.split, village.uncertain) == ("isil", False, False)
    assert (hamlet.side, hamlet.holder_name, hamlet.certainty, hamlet.split) == (
        None,
        None,
        None,
        False,
    )
    assert not hamlet.uncertain
    assert MapPlace("x", "X", 0, 0, 1, certainty="contested").uncertain


def test_lines_are_geojson_features_in_lon_lat_order() -> None:
    assert line_features([RIVER]) == [
        {
            "type": "Feature",
            "id": "line:euphrates",
            "geometry": {
                "type": "LineString",
                "coordinates": [[40.123457, 34.987654], [41.0, 34.4]],
            },
            "properties": {
                "id": "euphrates",
                "name": "Euphrates",
                "kind": "river",
                "precision_km": 1.0,
                "note": None,
            },
        }
    ]


def test_an_event_is_drawn_in_its_first_attackers_side_else_its_first_actors() -> None:
    actors = [
        {"role": "defender", "side": "isil"},
        {"role": "reporter", "side": "sdf"},
        {"role": "claimant", "side": "iraq"},
        {"role": "attacker", "side": "government"},
        {"role": "attacker", "side": "sdf"},
    ]
    assert lead_side({"actors": actors}) == "government"
    assert lead_side({"actors": actors[:3]}) == "iraq"
    assert lead_side({"actors": actors[:2]}) == "sdf"
    assert lead_side({"actors": actors[:1]}) == "isil"
    assert lead_side({"actors": []}) == "unknown"


def test_the_events_map_colours_events_by_lead_and_places_by_holder_on_a_day() -> None:
    cat = world()
    views = [
        {"id": "raid", "actors": [{"role": "attacker", "side": "government"}]},
        {"id": "clash", "actors": []},
    ]
    view = events_map(cat, cat.events[:2], views, on="2017-11")
    # A month's end: who held each place on 30 November.
    assert view.day == "2017-11-30"
    assert (view.events["raid"]["side"], view.events["clash"]["side"]) == ("government", None)
    places = {p.id: p for p in view.places}
    assert (places["town"].side, places["town"].certainty) == ("government", "certain")
    assert (places["village"].side, places["village"].certainty) == (None, "unknown")
    plain = events_map(cat, cat.events[:2], views)
    assert plain.day is None
    assert {p.certainty for p in plain.places} == {None}


def test_a_place_located_to_within_fifty_km_is_a_mark_and_a_map_may_have_no_lines() -> None:
    cat = catalog(
        events=[
            event("e", "2017-11-01", places=["edge"]),
            event("f", "2017-11-02", places=["wider"]),
        ],
        places=[spot("edge", 40.5, 35.0, 50.0), spot("wider", 40.6, 35.0, 50.5)],
    )
    view = map_view(cat, cat.events)
    assert [p.id for p in view.places] == ["edge"]
    assert [p.id for p in view.broad] == ["wider"]
    assert view.lines == ()
