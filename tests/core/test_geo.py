"""Distance and direction between places, checked against another way of working them out
(`spherical`: vectors on a unit sphere, where the program uses the haversine and bearing
formulas), and told no more precisely than the coordinates allow."""

from __future__ import annotations

import math
from typing import Any

import pytest
from builders import catalog, event, place
from spherical import KM_PER_DEGREE, vector_bearing, vector_km

from eastsyria.core.geo import (
    COMPASS_POINTS,
    Offset,
    compass_point,
    great_circle_km,
    initial_bearing_deg,
    nearest,
    offset,
    rounding_step,
)
from eastsyria.core.query import Filters, select, select_located
from eastsyria.errors import InputError

# -- the 16 points of the compass ----------------------------------------------------------


@pytest.mark.parametrize(
    ("bearing", "point"),
    [
        (0.0, "N"),
        (359.99, "N"),
        (360.0, "N"),
        (348.75, "N"),  # the boundary between NNW and N belongs to N
        (348.74, "NNW"),
        (11.24, "N"),
        (11.25, "NNE"),  # and the one between N and NNE to NNE: boundaries go clockwise
        (22.5, "NNE"),
        (33.75, "NE"),
        (45.0, "NE"),
        (90.0, "E"),
        (101.25, "ESE"),
        (135.0, "SE"),
        (168.74, "SSE"),
        (168.75, "S"),
        (180.0, "S"),
        (225.0, "SW"),
        (247.5, "WSW"),
        (270.0, "W"),
        (303.75, "NW"),
        (326.25, "NNW"),
        (-22.5, "NNW"),
        (371.25, "NNE"),  # a bearing past a whole turn reads as it does within one
    ],
)
def test_a_bearing_reads_as_the_nearest_of_16_compass_points(bearing: float, point: str) -> None:
    assert compass_point(bearing) == point


def test_each_compass_point_covers_22_5_degrees_centred_on_its_own_bearing() -> None:
    assert len(COMPASS_POINTS) == 16
    for index, point in enumerate(COMPASS_POINTS):
        centre = index * 22.5
        assert compass_point(centre) == point
        assert compass_point(centre - 11.2) == point
        assert compass_point(centre + 11.2) == point


# -- bearings ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "bearing"),
    [
        ((0.0, 0.0), (1.0, 0.0), 0.0),  # due north along a meridian
        ((0.0, 0.0), (0.0, 1.0), 90.0),  # due east along the equator
        ((0.0, 0.0), (-1.0, 0.0), 180.0),
        ((0.0, 0.0), (0.0, -1.0), 270.0),
        ((10.0, 20.0), (90.0, 0.0), 0.0),  # to the pole is north from anywhere
        ((35.0, 40.0), (-90.0, 0.0), 180.0),
    ],
)
def test_bearings_along_meridians_and_the_equator(
    a: tuple[float, float], b: tuple[float, float], bearing: float
) -> None:
    assert initial_bearing_deg(*a, *b) == pytest.approx(bearing, abs=1e-9)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ((45.0, 0.0), (45.0, 10.0)),
        ((34.451, 40.918), (35.018, 40.451)),
        ((34.451, 40.918), (34.39, 41.02)),
        ((-33.9, 18.4), (51.5, -0.1)),
        ((60.0, 170.0), (60.0, -170.0)),
    ],
)
def test_the_bearing_agrees_with_the_vector_method(
    a: tuple[float, float], b: tuple[float, float]
) -> None:
    assert initial_bearing_deg(*a, *b) == pytest.approx(vector_bearing(*a, *b), abs=1e-6)


def test_a_great_circle_along_a_parallel_sets_off_poleward() -> None:
    # From 45 N heading for a point 10 degrees east on the same parallel, the shortest way
    # bends north first: the initial bearing is a little under 90.
    assert 80 < initial_bearing_deg(45.0, 0.0, 45.0, 10.0) < 90


# -- honest rounding -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("margin", "step"), [(0, 1), (4.9, 1), (5, 5), (24.9, 5), (25, 10), (99, 10), (100, 50)]
)
def test_the_rounding_step_grows_with_the_margin(margin: float, step: int) -> None:
    assert rounding_step(margin) == step


def north_of(lat: float, km: float) -> float:
    return lat + km / KM_PER_DEGREE


def precise(place_id: str, lat: float, lon: float, km: float, **extra: Any) -> Any:
    return place(place_id, lat=lat, lon=lon, coord_precision_km=km, **extra)


CENTRE = precise("centre", 35.0, 40.0, 1.0)


@pytest.mark.parametrize(
    ("there", "relation", "least", "most", "direction"),
    [
        # 27.3 km north, both good to 1 km: 25.3 to 29.3 km, to the whole km outwards.
        (precise("p", north_of(35.0, 27.3), 40.0, 1.0), "from", 25, 30, "N"),
        # 27.3 km with 3 + 1 = 4 km of margin: still whole km; with 6 km, to 5 km.
        (precise("p", north_of(35.0, 27.3), 40.0, 3.0), "from", 23, 32, "N"),
        (precise("p", north_of(35.0, 27.3), 40.0, 5.0), "from", 20, 35, "N"),
        # 60 km with 26 km of margin: 34 to 86 km, to 10 km.
        (precise("p", north_of(35.0, -60.0), 40.0, 25.0), "from", 30, 90, "S"),
        # 4 km away, good to 5 + 1 km: the most the distance can be is 10 km.
        (precise("p", north_of(35.0, 4.0), 40.0, 5.0), "within", 0, 10, None),
        # Exactly as far as the margin: the places may still coincide.
        (precise("p", north_of(35.0, 8.0), 40.0, 7.0 + 1e-9), "within", 0, 20, None),
    ],
)
def test_a_distance_is_told_no_more_precisely_than_the_coordinates_allow(
    there: Any, relation: str, least: int, most: int, direction: str | None
) -> None:
    found = offset(CENTRE, there)
    told = (found.relation, found.least_km, found.told_km, found.direction)
    assert told == (relation, least, most, direction)
    assert found.margin_km == pytest.approx(1.0 + there["coord_precision_km"])


def test_the_place_itself_inside_it_and_around_it_have_no_distance_or_direction() -> None:
    inside = precise("district", north_of(35.0, 2.0), 40.0, 1.0, parent="centre")
    outskirts = precise("outskirts", north_of(35.0, 20.0), 40.0, 30.0, surrounds="centre")
    assert offset(CENTRE, CENTRE)[2:] == ("at", 0.0, 0.0, None)
    assert offset(CENTRE, inside, inside=True)[2:] == ("in", 0.0, 0.0, None)
    around = offset(CENTRE, outskirts)
    assert (around.relation, around.bearing, around.told_km) == ("around", None, 0)
    assert around.km == pytest.approx(20.0)


def test_an_offset_names_its_reference_and_place_and_tells_no_distance_where_none_is() -> None:
    # What the JSON of an event's distance is made from: the two places by id, and 0 km
    # and no direction where the place is the reference, lies in it, or takes it in.
    inside = precise("district", north_of(35.0, 2.0), 40.0, 1.0, parent="centre")
    region = precise("region", north_of(35.0, 30.0), 40.0, 60.0)
    outskirts = precise("outskirts", north_of(35.0, 20.0), 40.0, 30.0, surrounds="centre")
    vague = precise("vague", north_of(35.0, 4.0), 40.0, 5.0)
    there = precise("there", north_of(35.0, 27.3), 40.0, 1.0)
    assert offset(CENTRE, CENTRE) == Offset("centre", "centre", "at", 0.0, 0.0, None)
    assert offset(CENTRE, inside, inside=True) == Offset("centre", "district", "in", 0, 0, None)
    assert offset(CENTRE, region, covers=True) == Offset("centre", "region", "covers", 0, 0, None)
    around = offset(CENTRE, outskirts)
    assert around[:3] == ("centre", "outskirts", "around")
    assert (around.margin_km, around.bearing) == (31.0, None)
    within = offset(CENTRE, vague)
    assert within[:3] == ("centre", "vague", "within")
    assert (within.margin_km, within.bearing) == (6.0, None)
    far = offset(CENTRE, there)
    assert far[:3] == ("centre", "there", "from")
    assert (far.km, far.margin_km) == (pytest.approx(27.3), 2.0)


def test_places_exactly_as_far_apart_as_their_margin_may_coincide() -> None:
    lat = north_of(35.0, 8.0)
    km = great_circle_km(35.0, 40.0, lat, 40.0)
    # Each place good to half the distance: the margin is the distance itself, to the bit.
    reference, there = precise("a", 35.0, 40.0, km / 2), precise("b", lat, 40.0, km / 2)
    found = offset(reference, there)
    assert found.km == found.margin_km
    assert (found.relation, found.bearing) == ("within", None)


def test_the_nearest_place_of_an_event_is_the_one_the_distance_is_told_of() -> None:
    places = {
        p["id"]: p
        for p in [
            CENTRE,
            precise("far", north_of(35.0, 40.0), 40.0, 1.0),
            precise("close", north_of(35.0, -12.0), 40.0, 1.0),
            precise("vague", north_of(35.0, 3.0), 40.0, 50.0),
            precise("inner", 35.0, 40.1, 1.0, parent="centre"),
        ]
    }
    assert nearest(places, "centre", ["far", "close"]).place == "close"  # type: ignore[union-attr]
    # "within ~55 km" is farther, as told, than 12 km south.
    assert nearest(places, "centre", ["vague", "close"]).place == "close"  # type: ignore[union-attr]
    inner = nearest(places, "centre", ["far", "inner"], frozenset({"inner"}))
    assert inner is not None
    assert inner.relation == "in"
    assert nearest(places, "centre", []) is None


# -- --sort distance ------------------------------------------------------------------------

SORT_PLACES = [
    CENTRE,
    precise("north-20", north_of(35.0, 20.0), 40.0, 1.0),
    precise("south-5", north_of(35.0, -5.0), 40.0, 1.0),
    precise("east-12", 35.0, 40.0 + 12.0 / (KM_PER_DEGREE * math.cos(math.radians(35))), 1.0),
]
SORT_EVENTS = [
    event("a-north-20", "2017-11-01", places=["north-20"]),
    event("b-centre", "2017-11-02", places=["centre"]),
    event("c-south-5", "2017-11-03", places=["south-5"]),
    event("d-east-12-and-north", "2017-11-04", places=["north-20", "east-12"]),
    event("e-centre", "2017-11-05", places=["centre"]),
]


def sorted_ids(**filters: Any) -> list[str]:
    cat = catalog(places=SORT_PLACES, events=SORT_EVENTS)
    return [e["id"] for e in select(cat, Filters(**{"near": "centre", "radius": "30", **filters}))]


def test_sort_distance_puts_the_nearest_first_and_ties_by_date() -> None:
    assert sorted_ids() == [
        "a-north-20",
        "b-centre",
        "c-south-5",
        "d-east-12-and-north",
        "e-centre",
    ]
    assert sorted_ids(sort="distance") == [
        "b-centre",
        "e-centre",
        "c-south-5",
        "d-east-12-and-north",  # measured at its nearer place, 12 km east
        "a-north-20",
    ]


def test_wholly_within_keeps_places_that_cannot_lie_beyond_the_radius() -> None:
    # east-12 lies 12 km from the centre by their coordinates; each is good to 1 km, so it
    # may be 14 km away. 13.5 km holds its coordinates and its own circle (13 km), but not
    # the centre's circle as well: --wholly-within leaves it out.
    assert sorted_ids(radius="13.5") == ["b-centre", "c-south-5", "d-east-12-and-north", "e-centre"]
    assert sorted_ids(radius="13.5", wholly_within=True) == ["b-centre", "c-south-5", "e-centre"]
    assert sorted_ids(radius="14", wholly_within=True) == [
        "b-centre",
        "c-south-5",
        "d-east-12-and-north",
        "e-centre",
    ]
    # The place itself is always kept, however wide its circle against the radius.
    assert sorted_ids(radius="1", wholly_within=True) == ["b-centre", "e-centre"]


def test_wholly_within_needs_near() -> None:
    cat = catalog(places=SORT_PLACES, events=SORT_EVENTS)
    with pytest.raises(InputError) as error:
        select(cat, Filters(wholly_within=True))
    assert error.value.message == "--wholly-within needs --near PLACE"


def test_reverse_and_limit_apply_after_sorting() -> None:
    assert sorted_ids(sort="distance", limit=3) == ["b-centre", "e-centre", "c-south-5"]
    assert sorted_ids(sort="distance", reverse=True, limit=2) == [
        "a-north-20",
        "d-east-12-and-north",
    ]


def test_each_event_is_measured_at_its_place_nearest_the_reference() -> None:
    cat = catalog(places=SORT_PLACES, events=SORT_EVENTS)
    filters = Filters(near="centre", radius="30")
    found, offsets = select_located(cat, filters)
    assert [e["id"] for e in found] == [e["id"] for e in select(cat, filters)]
    told = {key: (o.place, o.direction, o.least_km, o.told_km) for key, o in offsets.items()}
    # 12 km give or take the two places' 1 km each; 5 km likewise.
    assert told["d-east-12-and-north"] == ("east-12", "E", 10, 14)
    assert told["c-south-5"] == ("south-5", "S", 3, 7)
    assert told["b-centre"] == ("centre", None, 0, 0)
    assert select_located(cat, Filters())[1] == {}


def test_an_event_inside_the_near_place_is_in_it_and_one_at_what_holds_it_covers_it() -> None:
    places = [
        precise("region", 35.0, 40.05, 1.0),
        precise("centre", 35.0, 40.0, 1.0, parent="region"),
        precise("district", north_of(35.0, 2.0), 40.0, 1.0, parent="centre"),
    ]
    events = [
        event("at-region", "2017-11-01", places=["region"]),
        event("at-district", "2017-11-02", places=["district"]),
    ]
    cat = catalog(places=places, events=events)
    found, offsets = select_located(cat, Filters(near="centre", radius="30", sort="distance"))
    assert {key: (o.place, o.relation) for key, o in offsets.items()} == {
        "at-district": ("district", "in"),
        "at-region": ("region", "covers"),
    }
    # What lies in the place comes first, then what it lies in.
    assert [e["id"] for e in found] == ["at-district", "at-region"]


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"sort": "distance"}, "--sort distance needs --near PLACE, the place to measure from"),
        ({"sort": "size", "near": "centre"}, "--sort must be date or distance, not 'size'"),
        ({"sort": "Distance", "near": "centre"}, "--sort must be date or distance, not 'Distance'"),
    ],
)
def test_a_sort_that_cannot_be_done_is_refused(filters: dict[str, str], message: str) -> None:
    with pytest.raises(InputError) as error:
        select(catalog(places=SORT_PLACES, events=SORT_EVENTS), Filters(**filters))
    assert error.value.message == message


def test_the_vector_distance_agrees_with_the_test_places() -> None:
    # The helpers above place points by km north: check them with the vector method.
    assert vector_km(35.0, 40.0, north_of(35.0, 27.3), 40.0) == pytest.approx(27.3)


def test_near_places_take_the_radius_itself_and_by_default_the_coordinates_alone() -> None:
    from eastsyria.core.geo import farthest_km, great_circle_km
    from eastsyria.core.near import near_places

    vague = precise("vague", north_of(35.0, 8.0), 40.0, 5.0)
    cat = catalog(places=[CENTRE, vague], events=[])
    apart = great_circle_km(35.0, 40.0, vague["lat"], vague["lon"])
    # A place exactly at the radius is within it.
    assert near_places(cat, "centre", apart) == ("centre", frozenset({"centre", "vague"}))
    # By default its coordinates decide, not its circle of uncertainty (8 + 5 + 1 km).
    assert near_places(cat, "centre", 10.0)[1] == frozenset({"centre", "vague"})
    assert near_places(cat, "centre", 10.0, wholly=True)[1] == frozenset({"centre"})
    widest = farthest_km(CENTRE, vague)
    assert near_places(cat, "centre", widest, wholly=True)[1] == frozenset({"centre", "vague"})


def test_an_ambiguous_near_place_is_refused_naming_the_option() -> None:
    from eastsyria.core.near import near_places

    twins = [
        precise("hamra-a", 35.0, 40.0, 1.0, name="Hamra"),
        precise("hamra-b", 36.0, 40.0, 1.0, name="Hamra"),
    ]
    with pytest.raises(InputError) as error:
        near_places(catalog(places=twins, events=[]), "Hamra", 5.0)
    assert error.value.message.startswith("--near 'Hamra' fits 2 places")
