"""Filters, as typed, checked against the catalog and applied to the events."""

from __future__ import annotations

import math
from typing import Any

import pytest
from builders import SOURCE, actor, campaign, catalog, date, event, place

from eastsyria.core.catalog import Catalog
from eastsyria.core.geo import great_circle_km
from eastsyria.core.near import DEFAULT_RADIUS_KM, parse_radius
from eastsyria.core.query import (
    Filters,
    Query,
    build_query,
    matches,
    no_match_notes,
    place_notes,
    run,
    select,
)
from eastsyria.data.vocab import EVENT_TYPES
from eastsyria.errors import InputError

# The mean Earth radius (IUGG), so one degree of arc is EARTH_KM * pi / 180 ≈ 111.195 km.
EARTH_KM = 6371.0088
QUARTER = EARTH_KM * math.pi / 2  # equator to pole: 10007.543 km


def ids(found: list[Any]) -> list[str]:
    return [e["id"] for e in found]


def chosen(cat: Catalog, **filters: Any) -> list[str]:
    return ids(select(cat, Filters(**filters)))


def refused(cat: Catalog, **filters: Any) -> str:
    with pytest.raises(InputError) as error:
        build_query(cat, Filters(**filters))
    return error.value.message


# -- great-circle distance -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        ((35.0, 40.0), (35.0, 40.0), 0.0),
        # One degree along the equator or a meridian.
        ((0.0, 0.0), (0.0, 1.0), EARTH_KM * math.pi / 180),
        ((0.0, 0.0), (1.0, 0.0), EARTH_KM * math.pi / 180),
        # Equator to pole, a quarter of a great circle, whatever the longitude.
        ((0.0, 0.0), (90.0, 0.0), QUARTER),
        ((0.0, 10.0), (90.0, 120.0), QUARTER),
        ((-90.0, 0.0), (0.0, 33.0), QUARTER),
        # Pole to pole, and to the point on the other side of the Earth.
        ((90.0, 0.0), (-90.0, 0.0), 2 * QUARTER),
        ((0.0, 0.0), (0.0, 180.0), 2 * QUARTER),
        ((8.0, -179.0), (-8.0, 1.0), 2 * QUARTER),
        # Points a quarter of the way around the equator apart.
        ((0.0, -45.0), (0.0, 45.0), QUARTER),
        # cos d = sin(45)sin(45) + cos(45)cos(45)cos(90) = 1/2, so d is 60 degrees.
        ((45.0, 10.0), (45.0, 100.0), QUARTER * 2 / 3),
        # Along one meridian, 30 N to 30 S is 60 degrees.
        ((30.0, 5.0), (-30.0, 5.0), QUARTER * 2 / 3),
        # cos d = 0 + cos(0)cos(60)cos(90) = 0: 90 degrees.
        ((0.0, 20.0), (60.0, 110.0), QUARTER),
    ],
)
def test_great_circle_km_gives_known_distances(
    a: tuple[float, float], b: tuple[float, float], km: float
) -> None:
    assert great_circle_km(*a, *b) == pytest.approx(km, rel=1e-9, abs=1e-6)
    assert great_circle_km(*b, *a) == pytest.approx(km, rel=1e-9, abs=1e-6)


def test_great_circle_km_from_abu_kamal_to_al_qaim_is_a_few_km() -> None:
    # Abu Kamal 34.45 N 40.92 E, Al-Qa'im 34.37 N 41.09 E: about 18.6 km apart
    # (flat estimate: 9.30 km north-south, 16.11 km east-west).
    assert great_circle_km(34.4522, 40.9186, 34.3686, 41.0942) == pytest.approx(18.6, abs=0.1)


# -- dates ---------------------------------------------------------------------------------

DATED = [
    event("late-october-to-early-november", date("2017-10-28", "2017-11-03")),
    event("fifth-of-november", "2017-11-05"),
    event("last-of-november", "2017-11-30"),
    event("first-of-december", "2017-12-01"),
]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (
            {"date_from": "2017-11"},
            [
                "late-october-to-early-november",
                "fifth-of-november",
                "last-of-november",
                "first-of-december",
            ],
        ),
        (
            {"date_from": "2017-11-04"},
            ["fifth-of-november", "last-of-november", "first-of-december"],
        ),
        ({"date_from": "2017-12-01"}, ["first-of-december"]),
        ({"date_from": "2018"}, []),
        (
            {"date_to": "2017-11"},
            ["late-october-to-early-november", "fifth-of-november", "last-of-november"],
        ),
        ({"date_to": "2017-10-28"}, ["late-october-to-early-november"]),
        ({"date_to": "2017-10-27"}, []),
        (
            {"date_on": "2017-11"},
            ["late-october-to-early-november", "fifth-of-november", "last-of-november"],
        ),
        ({"date_on": "2017-11-03"}, ["late-october-to-early-november"]),
        ({"date_on": "2017-11-30"}, ["last-of-november"]),
        (
            {"date_from": "2017-11-03", "date_to": "2017-11-05"},
            ["late-october-to-early-november", "fifth-of-november"],
        ),
        ({"date_from": "2017-11-06", "date_to": "2017-11-29"}, []),
    ],
)
def test_an_event_matches_when_its_span_overlaps_the_asked_days(
    filters: dict[str, str], expected: list[str]
) -> None:
    assert chosen(catalog(events=DATED), **filters) == expected


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"date_from": "2017-11"}, ["fifth-of-november", "last-of-november", "first-of-december"]),
        ({"date_on": "2017-11"}, ["fifth-of-november", "last-of-november"]),
        ({"date_to": "2017-11-02"}, []),
        ({"date_to": "2017-11-03"}, ["late-october-to-early-november"]),
        ({"date_from": "2017-10-28", "date_to": "2017-11-03"}, ["late-october-to-early-november"]),
        ({"date_on": "2017-11-03"}, []),
    ],
)
def test_within_keeps_only_events_whose_whole_span_is_inside(
    filters: dict[str, str], expected: list[str]
) -> None:
    cat = catalog(events=DATED)
    assert chosen(cat, within=True, **filters) == expected
    # The rule alone says so too, without the events source's selection.
    query = build_query(cat, Filters(within=True, **filters))
    assert [e["id"] for e in cat.events if matches(cat, query, e)] == expected


def test_a_span_that_starts_before_from_still_matches_unless_within() -> None:
    cat = catalog(events=DATED)
    assert "late-october-to-early-november" in chosen(cat, date_from="2017-11-01")
    assert "late-october-to-early-november" not in chosen(cat, date_from="2017-11-01", within=True)


def test_within_without_dates_changes_nothing() -> None:
    cat = catalog(events=DATED)
    assert chosen(cat, within=True) == ids(DATED)


@pytest.mark.parametrize(
    ("filters", "start", "end"),
    [
        ({}, None, None),
        ({"date_from": "2017-11"}, "2017-11-01", None),
        ({"date_to": "2017-11"}, None, "2017-11-30"),
        ({"date_to": "2016-02"}, None, "2016-02-29"),
        ({"date_on": "2017"}, "2017-01-01", "2017-12-31"),
        ({"date_on": "19 November 2017"}, "2017-11-19", "2017-11-19"),
        ({"date_from": "2017-11-19", "date_to": "2017-11"}, "2017-11-19", "2017-11-30"),
        ({"date_from": "2017-11-05", "date_to": "2017-11-05"}, "2017-11-05", "2017-11-05"),
    ],
)
def test_dates_become_inclusive_iso_bounds(
    filters: dict[str, str], start: str | None, end: str | None
) -> None:
    query = build_query(catalog(), Filters(**filters))
    assert (query["date"] or (None, None))[:2] == (start, end)


@pytest.mark.parametrize(
    "filters",
    [
        {"date_on": "2017-11", "date_from": "2017-10"},
        {"date_on": "2017-11", "date_to": "2017-12"},
        {"date_on": "2017-11", "date_from": "2017-10", "date_to": "2017-12"},
    ],
)
def test_on_cannot_be_combined_with_from_or_to(filters: dict[str, str]) -> None:
    assert refused(catalog(), **filters) == (
        "--on cannot be combined with --from or --to; use either"
    )


def test_from_later_than_to_is_refused_with_both_values() -> None:
    assert refused(catalog(), date_from="2017-12", date_to="2017-11") == (
        "--from '2017-12' is later than --to '2017-11'; swap them"
    )
    assert refused(catalog(), date_from="2017-11-06", date_to="2017-11-05") == (
        "--from '2017-11-06' is later than --to '2017-11-05'; swap them"
    )


def test_a_bad_date_is_refused() -> None:
    assert refused(catalog(), date_on="01/05/2017").startswith("cannot read date '01/05/2017'")
    assert refused(catalog(), date_from="2017-13").startswith("cannot read date '2017-13'")
    assert refused(catalog(), date_to="someday").startswith("cannot read date 'someday'")


# -- places --------------------------------------------------------------------------------

# A governorate with a city (with a district inside it) and a village; a second town apart.
PLACES = [
    place("governorate", name="Deir ez-Zor Governorate"),
    place("city", name="Deir ez-Zor", parent="governorate"),
    place("district", name="Jubaylah", parent="city"),
    place("village", name="Hamidiyah", parent="governorate"),
    place("town", name="Abu Kamal", aliases=["Albu Kamal"]),
]
AT_PLACES = [
    event("in-the-governorate", "2017-11-01", places=["governorate"]),
    event("in-the-city", "2017-11-02", places=["city"]),
    event("in-the-district", "2017-11-03", places=["district"]),
    event("in-the-village", "2017-11-04", places=["village"]),
    event("in-the-town", "2017-11-05", places=["town"]),
    event("in-the-district-and-town", "2017-11-06", places=["district", "town"]),
]


def places_catalog() -> Catalog:
    return catalog(places=PLACES, events=AT_PLACES)


def test_a_place_matches_events_there_or_anywhere_inside_it() -> None:
    cat = places_catalog()
    assert chosen(cat, places=("Deir ez-Zor",)) == [
        "in-the-city",
        "in-the-district",
        "in-the-district-and-town",
    ]
    assert chosen(cat, places=("governorate",)) == [
        "in-the-governorate",
        "in-the-city",
        "in-the-district",
        "in-the-village",
        "in-the-district-and-town",
    ]
    assert chosen(cat, places=("village",)) == ["in-the-village"]


def test_a_repeated_place_means_any_of_them() -> None:
    cat = places_catalog()
    assert chosen(cat, places=("Hamidiyah", "albu kamal")) == [
        "in-the-village",
        "in-the-town",
        "in-the-district-and-town",
    ]


def test_place_and_near_must_both_hold() -> None:
    # Everything here is at the same default coordinates, so near the town means all places.
    cat = places_catalog()
    assert chosen(cat, places=("Jubaylah",), near="Abu Kamal") == [
        "in-the-district",
        "in-the-district-and-town",
    ]


def test_an_unknown_place_is_refused_with_a_suggestion() -> None:
    assert refused(places_catalog(), places=("Hamidiya",)) == (
        "no place 'Hamidiya'; did you mean 'Hamidiyah'?"
    )
    assert refused(places_catalog(), near="Abu Kamel") == (
        "no place 'Abu Kamel'; did you mean 'Abu Kamal'?"
    )


def north_of(lat: float, km: float) -> float:
    """The latitude `km` due north of `lat` (one degree of arc is EARTH_KM * pi / 180 km)."""
    return lat + km / (EARTH_KM * math.pi / 180)


# A centre and places due north of it at known distances.
NEAR_PLACES = [
    place("centre", name="Centre", lat=35.0, lon=40.0),
    place("at-9-9-km", lat=north_of(35.0, 9.9), lon=40.0),
    place("at-10-1-km", lat=north_of(35.0, 10.1), lon=40.0),
    place("at-25-km", lat=north_of(35.0, 25.0), lon=40.0),
    place("at-30-km-south", lat=north_of(35.0, -30.0), lon=40.0),
]
NEAR_EVENTS = [
    event("e-centre", "2017-11-01", places=["centre"]),
    event("e-9-9", "2017-11-02", places=["at-9-9-km"]),
    event("e-10-1", "2017-11-03", places=["at-10-1-km"]),
    event("e-25", "2017-11-04", places=["at-25-km"]),
    event("e-30-south", "2017-11-05", places=["at-30-km-south"]),
]


def near_catalog() -> Catalog:
    return catalog(places=NEAR_PLACES, events=NEAR_EVENTS)


def test_near_without_radius_uses_the_default_of_10_km() -> None:
    assert DEFAULT_RADIUS_KM == 10.0
    assert chosen(near_catalog(), near="Centre") == ["e-centre", "e-9-9"]


@pytest.mark.parametrize(
    ("radius", "expected"),
    [
        ("0.001", ["e-centre"]),
        ("9.8", ["e-centre"]),
        ("10.2", ["e-centre", "e-9-9", "e-10-1"]),
        ("26", ["e-centre", "e-9-9", "e-10-1", "e-25"]),
        ("30.5", ["e-centre", "e-9-9", "e-10-1", "e-25", "e-30-south"]),
        ("20000", ["e-centre", "e-9-9", "e-10-1", "e-25", "e-30-south"]),
    ],
)
def test_near_keeps_places_within_the_radius_in_every_direction(
    radius: str, expected: list[str]
) -> None:
    assert chosen(near_catalog(), near="centre", radius=radius) == expected


def test_near_a_place_other_than_the_first_measures_from_that_place() -> None:
    # From 25 km north: the 10.1 km place is 14.9 km away, the 9.9 km one 15.1 km.
    assert chosen(near_catalog(), near="at-25-km", radius="15") == ["e-10-1", "e-25"]


def test_radius_without_near_is_refused() -> None:
    assert refused(near_catalog(), radius="5") == "--radius needs --near PLACE"
    assert refused(near_catalog(), radius="0") == "--radius needs --near PLACE"


@pytest.mark.parametrize(
    ("typed", "km"),
    [
        ("30", 30.0),
        ("30km", 30.0),
        ("30 km", 30.0),
        ("30.5km", 30.5),
        ("30 KM", 30.0),
        ("30 Km", 30.0),
        (" 30 ", 30.0),
        ("+30", 30.0),
        ("30.", 30.0),
        (".5", 0.5),
        ("0.001", 0.001),
        ("20000", 20_000.0),
        ("20000 km", 20_000.0),
        ("12 kilometres", 12.0),
        ("12 kilometers", 12.0),
    ],
)
def test_a_radius_is_kilometres_with_or_without_the_unit(typed: str, km: float) -> None:
    assert parse_radius(typed) == km


FIX = "give kilometres, as 30, 30km or 30.5 km"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("30mi", f"--radius '30mi' is not in km; {FIX}"),
        ("30 miles", f"--radius '30 miles' is not in km; {FIX}"),
        ("500m", f"--radius '500m' is not in km; {FIX}"),
        ("abc", f"--radius 'abc' is not a distance; {FIX}"),
        ("nan", f"--radius 'nan' is not a distance; {FIX}"),
        ("inf", f"--radius 'inf' is not a distance; {FIX}"),
        ("-inf", f"--radius '-inf' is not a distance; {FIX}"),
        ("1e3", f"--radius '1e3' is not a distance; {FIX}"),
        ("30,5", f"--radius '30,5' is not a distance; {FIX}"),
        ("30 km km", f"--radius '30 km km' is not a distance; {FIX}"),
        ("km", f"--radius 'km' is not a distance; {FIX}"),
        ("", f"--radius '' is not a distance; {FIX}"),
        ("-5", "--radius '-5' is out of range; give more than 0 and at most 20000 km"),
        ("-5km", "--radius '-5km' is out of range; give more than 0 and at most 20000 km"),
        ("0", "--radius '0' is out of range; give more than 0 and at most 20000 km"),
        ("0.0 km", "--radius '0.0 km' is out of range; give more than 0 and at most 20000 km"),
        ("20000.5", "--radius '20000.5' is out of range; give more than 0 and at most 20000 km"),
        ("1000000", "--radius '1000000' is out of range; give more than 0 and at most 20000 km"),
    ],
)
def test_a_radius_that_is_not_kilometres_in_range_is_refused_naming_it(
    typed: str, message: str
) -> None:
    with pytest.raises(InputError) as error:
        parse_radius(typed)
    assert error.value.message == message
    assert refused(near_catalog(), near="Centre", radius=typed) == message


# -- actors, sides, types, campaigns --------------------------------------------------------

ACTORS = [
    actor("syrian-arab-army", "government", name="Syrian Arab Army", aliases=["SAA"]),
    actor("tiger-forces", "government", name="Tiger Forces", parent="syrian-arab-army"),
    actor("tiger-brigade", "government", name="Tiger Brigade", parent="tiger-forces"),
    actor("hezbollah", "government", name="Hezbollah"),
    actor("isil-fighters", "isil", name="ISIL fighters"),
    actor("pmf", "iraq", name="Popular Mobilization Forces"),
]
SIDES = [
    {"id": "government", "name": "Syrian government", "description": ""},
    {"id": "isil", "name": "Islamic State", "description": ""},
    {"id": "iraq", "name": "Iraqi forces", "description": ""},
]
SIDE_IDS = "government, isil, iraq"
TYPES = ", ".join(EVENT_TYPES)
CAMPAIGNS = [
    campaign("eastern-syria", name="Eastern Syria campaign"),
    campaign("abu-kamal-offensive", name="Abu Kamal offensive", parent="eastern-syria"),
    campaign("abu-kamal-city", name="Battle of Abu Kamal city", parent="abu-kamal-offensive"),
    campaign("aftermath", name="2018 aftermath"),
]
WHO = [
    event(
        "army-attacks",
        "2017-11-01",
        actors=[("syrian-arab-army", "attacker")],
        type="assault",
        campaign="eastern-syria",
    ),
    event(
        "tigers-take-a-town",
        "2017-11-02",
        actors=[("tiger-brigade", "attacker"), ("isil-fighters", "defender")],
        type="capture",
        campaign="abu-kamal-offensive",
    ),
    event(
        "isil-counter-attacks",
        "2017-11-03",
        actors=[("isil-fighters", "attacker")],
        type="counter-attack",
        campaign="abu-kamal-city",
    ),
    event(
        "hezbollah-and-pmf-link-up",
        "2017-11-04",
        actors=[("hezbollah", "attacker"), ("pmf", "supporter")],
        type="link-up",
        campaign="abu-kamal-city",
    ),
    event("a-report", "2018-06-01", type="casualty-report", campaign="aftermath"),
]


def who_catalog() -> Catalog:
    return catalog(actors=ACTORS, sides=SIDES, campaigns=CAMPAIGNS, events=WHO)


@pytest.mark.parametrize(
    ("actors", "expected"),
    [
        (("Syrian Arab Army",), ["army-attacks", "tigers-take-a-town"]),
        (("Tiger Forces",), ["tigers-take-a-town"]),
        (("tiger-brigade",), ["tigers-take-a-town"]),
        (("isil fighters",), ["tigers-take-a-town", "isil-counter-attacks"]),
        (("SAA", "Hezbollah"), ["army-attacks", "tigers-take-a-town", "hezbollah-and-pmf-link-up"]),
    ],
)
def test_an_actor_matches_events_with_it_or_one_of_its_units(
    actors: tuple[str, ...], expected: list[str]
) -> None:
    assert chosen(who_catalog(), actors=actors) == expected


@pytest.mark.parametrize(
    ("sides", "expected"),
    [
        (("government",), ["army-attacks", "tigers-take-a-town", "hezbollah-and-pmf-link-up"]),
        (("isil",), ["tigers-take-a-town", "isil-counter-attacks"]),
        (("Iraqi forces",), ["hezbollah-and-pmf-link-up"]),
        (
            ("iraq", "isil"),
            ["tigers-take-a-town", "isil-counter-attacks", "hezbollah-and-pmf-link-up"],
        ),
    ],
)
def test_a_side_matches_events_with_an_actor_of_that_side(
    sides: tuple[str, ...], expected: list[str]
) -> None:
    assert chosen(who_catalog(), sides=sides) == expected


@pytest.mark.parametrize(
    ("types", "expected"),
    [
        (("capture",), ["tigers-take-a-town"]),
        (("Counter Attack",), ["isil-counter-attacks"]),
        (("assault", "link up"), ["army-attacks", "hezbollah-and-pmf-link-up"]),
        (("airstrike",), []),
    ],
)
def test_a_type_matches_events_of_that_type(types: tuple[str, ...], expected: list[str]) -> None:
    assert chosen(who_catalog(), types=types) == expected


@pytest.mark.parametrize(
    ("campaigns", "expected"),
    [
        (
            ("Eastern Syria campaign",),
            [
                "army-attacks",
                "tigers-take-a-town",
                "isil-counter-attacks",
                "hezbollah-and-pmf-link-up",
            ],
        ),
        (
            ("abu-kamal-offensive",),
            ["tigers-take-a-town", "isil-counter-attacks", "hezbollah-and-pmf-link-up"],
        ),
        (("abu kamal city",), ["isil-counter-attacks", "hezbollah-and-pmf-link-up"]),
        (
            ("aftermath", "abu-kamal-city"),
            ["isil-counter-attacks", "hezbollah-and-pmf-link-up", "a-report"],
        ),
    ],
)
def test_a_campaign_matches_its_events_and_those_of_campaigns_inside_it(
    campaigns: tuple[str, ...], expected: list[str]
) -> None:
    assert chosen(who_catalog(), campaigns=campaigns) == expected


def test_different_filters_must_all_hold() -> None:
    cat = who_catalog()
    assert chosen(cat, sides=("isil",), types=("capture",)) == ["tigers-take-a-town"]
    assert chosen(cat, actors=("SAA",), campaigns=("abu-kamal-offensive",)) == [
        "tigers-take-a-town"
    ]
    assert chosen(cat, sides=("government",), date_from="2017-11-03") == [
        "hezbollah-and-pmf-link-up"
    ]
    assert chosen(cat, actors=("Hezbollah",), sides=("isil",)) == []
    assert chosen(cat, types=("casualty-report",), campaigns=("eastern-syria",)) == []


@pytest.mark.parametrize(
    ("filters", "error"),
    [
        ({"actors": ("Tigre Forces",)}, "no actor 'Tigre Forces'; did you mean 'Tiger Forces'?"),
        ({"sides": ("isl",)}, f"no side 'isl'; did you mean 'isil'? (choose from: {SIDE_IDS})"),
        (
            {"types": ("captur",)},
            f"no event type 'captur'; did you mean 'capture'? (choose from: {TYPES})",
        ),
        ({"campaigns": ("aftermat",)}, "no campaign 'aftermat'; did you mean '2018 aftermath'?"),
    ],
)
def test_unknown_names_are_refused(filters: dict[str, Any], error: str) -> None:
    assert refused(who_catalog(), **filters) == error


def test_build_query_turns_names_into_sets_of_ids() -> None:
    query = build_query(
        who_catalog(),
        Filters(
            actors=("Tiger Forces",),
            sides=("Islamic State", "iraq"),
            types=("Link Up",),
            campaigns=("abu-kamal-offensive",),
        ),
    )
    assert query["actor"] == {"tiger-forces", "tiger-brigade"}
    assert query["side"] == {"isil", "iraq"}
    assert query["type"] == {"link-up"}
    assert query["campaign"] == {"abu-kamal-offensive", "abu-kamal-city"}


def test_no_filters_is_an_empty_query_that_keeps_every_event() -> None:
    cat = who_catalog()
    query = build_query(cat, Filters())
    assert query == Query()
    assert ids(run(cat, query)) == ids(WHO)


# -- text ----------------------------------------------------------------------------------

TEXTS = [
    event(
        "hamidiyah",
        "2017-11-01",
        title="Army captures Hamidiyah",
        summary="Tiger Forces took the village after heavy fighting.",
    ),
    event(
        "qaim",
        "2017-11-02",
        title="Iraqi forces enter Al-Qa’im",
        summary="The town was cleared. Fighting moved to the border.",
    ),
    event(
        "airstrike",
        "2017-11-03",
        title="Airstrike near Mayadin",
        summary="Coalition aircraft struck a convoy.",
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("army", ["hamidiyah"]),
        ("ARMY CAPTURES", ["hamidiyah"]),
        ("hamidiyah tiger", ["hamidiyah"]),
        # Words are prefixes of words: "capt" finds "captures", "tures" does not.
        ("capt", ["hamidiyah"]),
        ("tures", []),
        ("midiyah", []),
        # Words found in the summary too, and a word in both.
        ("convoy", ["airstrike"]),
        ("fighting", ["hamidiyah", "qaim"]),
        ("fight border", ["qaim"]),
        # The first word of the summary and the last of the title are words of their own.
        ("the town", ["qaim"]),
        ("mayadin coalition", ["airstrike"]),
        # Every word must be found, in any order.
        ("army convoy", []),
        ("village army", ["hamidiyah"]),
        # Accents, apostrophes and punctuation are ignored.
        ("al-qa'im", ["qaim"]),
        ("Qá'im", ["qaim"]),
        ("qaim", ["qaim"]),
        ("fighting.", ["hamidiyah", "qaim"]),
    ],
)
def test_text_matches_events_with_all_words_as_word_prefixes(
    text: str, expected: list[str]
) -> None:
    assert chosen(catalog(events=TEXTS), text=text) == expected


def test_text_words_are_folded_in_the_query() -> None:
    query = build_query(catalog(), Filters(text="  Al-Qá’im  Army "))
    assert query["text"] == ("al", "qaim", "army")


@pytest.mark.parametrize("text", ["", "   ", "--", "'’"])
def test_text_without_words_is_refused(text: str) -> None:
    assert refused(catalog(), text=text) == f"--text {text!r} has no words to search for"


# -- limit and order -----------------------------------------------------------------------

FOUR = [event(f"day-{day}", f"2017-11-0{day}") for day in (1, 2, 3, 4)]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["day-1", "day-2", "day-3", "day-4"]),
        ({"limit": 1}, ["day-1"]),
        ({"limit": 2}, ["day-1", "day-2"]),
        ({"limit": 10}, ["day-1", "day-2", "day-3", "day-4"]),
        ({"reverse": True}, ["day-4", "day-3", "day-2", "day-1"]),
        # Reversed first, then limited: the newest events.
        ({"reverse": True, "limit": 2}, ["day-4", "day-3"]),
        ({"reverse": True, "limit": 1, "date_to": "2017-11-03"}, ["day-3"]),
        ({"limit": 1, "date_from": "2017-11-02"}, ["day-2"]),
    ],
)
def test_limit_and_reverse(filters: dict[str, Any], expected: list[str]) -> None:
    assert chosen(catalog(events=FOUR), **filters) == expected


@pytest.mark.parametrize("limit", [0, -1])
def test_a_limit_below_one_is_refused(limit: int) -> None:
    assert refused(catalog(), limit=limit) == f"--limit must be 1 or more, not {limit}"


def test_run_applies_a_checked_query() -> None:
    cat = catalog(events=FOUR)
    query = Query({"date": ("2017-11-02", "2017-11-03", False), "reverse": True})
    assert ids(run(cat, query)) == ["day-3", "day-2"]
    assert [matches(cat, query, e) for e in cat.events] == [False, True, True, False]


# -- what is said beside the answer -----------------------------------------------------------


def test_a_place_name_fitting_several_places_is_noted_once() -> None:
    cat = catalog(
        places=[
            place("abu-kamal", name="Abu Kamal", kind="city"),
            place("abu-kamal-district", name="Abu Kamal", kind="district"),
            place("hajin", name="Hajin"),
        ]
    )
    notes = place_notes(cat, Filters(places=("abu kamal", "Hajin", "abu kamal")))
    assert notes == (
        "--place 'abu kamal' fits 2 places, so the answer is for both: 'Abu Kamal (city)'"
        " (abu-kamal) and 'Abu Kamal (district)' (abu-kamal-district); to pick one, give the"
        " name as shown or the id",
    )
    assert place_notes(cat, Filters(places=("Hajin",))) == ()
    assert place_notes(cat, Filters()) == ()


def infobox_only() -> Catalog:
    """Iran's guard and its commander are named in the campaigns' infoboxes, in no event (the
    data holds none: in memory every event is a candidate, see the note below)."""
    return catalog(
        actors=[
            actor("iran", "government", name="Iran"),
            actor("irgc", "government", name="IRGC", parent="iran"),
            actor("soleimani", "government", name="Qasem Soleimani", parent="irgc"),
            actor("army", "government", name="Syrian Arab Army"),
        ],
        campaigns=[
            campaign("campaign", name="Eastern Syria campaign", units=["irgc", "army"]),
            campaign(
                "offensive",
                name="Abu Kamal offensive",
                units=["irgc"],
                commanders=[{"name": "Qasem Soleimani", "actor": "soleimani", "side": None}],
            ),
            campaign("other", name="Other", units=["army"]),
        ],
    )


def test_no_match_says_so_and_where_an_actor_in_no_event_is_listed() -> None:
    # NOTE for the lead (issue 25 round): with the events in memory, `candidates` hands over
    # every event unfiltered, so this note appears only when the data holds no event at all;
    # `events --actor IRGC` on the shipped data says only "no events match these filters".
    # Behaviour is frozen this round, so this test pins the rule where both paths agree.
    cat = infobox_only()
    assert no_match_notes(cat, Filters(actors=("Iran",))) == (
        "no events match these filters",
        "no event names 'Iran' or what belongs to it; the infoboxes of Eastern Syria campaign"
        " and Abu Kamal offensive list IRGC, Qasem Soleimani (see: eastsyria campaigns)",
    )
    assert no_match_notes(cat, Filters(actors=("soleimani",))) == (
        "no events match these filters",
        "no event names 'soleimani' or what belongs to it; the infoboxes of Abu Kamal"
        " offensive list Qasem Soleimani (see: eastsyria campaigns)",
    )
    # An actor in no infobox either: only that nothing matches.
    lone = catalog(actors=[actor("army", "government", name="Syrian Arab Army")])
    assert no_match_notes(lone, Filters(actors=("army",))) == ("no events match these filters",)
    assert no_match_notes(cat, Filters()) == ("no events match these filters",)
    # An actor some event names: nothing more to say.
    named = catalog(
        actors=[actor("army", "government")],
        events=[event("raid", "2017-11-01", actors=[("army", "attacker")])],
    )
    assert no_match_notes(named, Filters(actors=("army",))) == ("no events match these filters",)


def test_inside_needs_a_place_and_keeps_to_what_lies_inside_it() -> None:
    cat = catalog(
        places=[
            place("town"),
            place("quarter", parent="town"),
            place("countryside", surrounds="town"),
        ],
        events=[
            event("in-town", "2017-11-01", places=["quarter"]),
            event("around-town", "2017-11-02", places=["countryside"]),
        ],
    )
    with pytest.raises(InputError) as error:
        build_query(cat, Filters(inside=True))
    assert error.value.message == "--inside needs --place PLACE"
    assert chosen(cat, places=("town",)) == ["in-town", "around-town"]
    assert chosen(cat, places=("town",), inside=True) == ["in-town"]


def test_disputed_keeps_the_events_a_disagreement_is_about() -> None:
    cat = catalog(
        events=[event("quiet", "2017-11-01"), event("argued", "2017-11-02")],
        disputes=[
            {
                "id": "d",
                "topic": "d",
                "summary": "",
                "claims": [
                    {"statement": "x", "source": SOURCE, "claimant": None, "event": "argued"}
                ],
            }
        ],
    )
    assert chosen(cat, disputed=True) == ["argued"]
    assert chosen(cat) == ["quiet", "argued"]
    query = build_query(cat, Filters(disputed=True))
    assert [e["id"] for e in cat.events if matches(cat, query, e)] == ["argued"]
