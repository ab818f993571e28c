"""`--near` on the shipped dataset: how far and which way each event lies, read against the
geography (the data's coordinates, measured here with vectors) and the articles' distances."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path
from typing import Any

import pytest
from spherical import point_of, vector_bearing, vector_km

from conftest import Run

DATA = Path(__file__).resolve().parents[1] / "data" / "events.json"
PLACES = {p["id"]: p for p in json.loads(DATA.read_text(encoding="utf-8"))["places"]}


def where(a: str, b: str) -> tuple[float, float]:
    """The distance and bearing from place `a` to place `b`, from the data's coordinates."""
    first, second = PLACES[a], PLACES[b]
    points = (first["lat"], first["lon"], second["lat"], second["lon"])
    return vector_km(*points), vector_bearing(*points)


def near(run: Run, *args: str) -> list[dict[str, Any]]:
    result = run("events", *args, "--format", "json")
    assert result.status == 0, result.err
    found: list[dict[str, Any]] = result.json()
    return found


# -- the geography ------------------------------------------------------------------------


def test_mayadin_lies_north_west_of_abu_kamal_up_the_euphrates() -> None:
    km, bearing = where("abu-kamal", "mayadin")
    assert 292.5 <= bearing < 337.5  # NW, by the compass points either side
    assert 60 < km < 90


def test_al_qaim_lies_east_to_south_east_of_abu_kamal_across_the_border() -> None:
    km, bearing = where("abu-kamal", "al-qaim")
    assert 90 <= bearing <= 135
    assert km < 15


def test_events_at_mayadin_are_told_as_north_west_of_abu_kamal(run: Run) -> None:
    found = near(run, "--near", "Abu Kamal", "--radius", "90", "--place", "Mayadin", "--inside")
    km, bearing = where("abu-kamal", "mayadin")
    only_mayadin = [e for e in found if [p["id"] for p in e["places"]] == ["mayadin"]]
    assert len(only_mayadin) >= 5
    for event in only_mayadin:
        assert event["near"] == {"id": "abu-kamal", "name": "Abu Kamal", "label": "Abu Kamal"}
        assert event["near_place"] == {"id": "mayadin", "name": "Mayadin", "label": "Mayadin"}
        assert event["distance_km"] == pytest.approx(km, abs=0.06)
        assert event["bearing_deg"] == pytest.approx(bearing, abs=0.06)
        assert event["direction"] == point_of(bearing) == "NW"
        # Abu Kamal's and Mayadin's coordinates are good to 2 and 3 km: the distance is
        # 5 km less to 5 km more than between them, rounded outwards to 5 km steps.
        assert event["distance_margin_km"] == 5
        least, most = 5 * math.floor((km - 5) / 5), 5 * math.ceil((km + 5) / 5)
        assert event["distance_text"] == f"{least}–{most} km NW of Abu Kamal"


def test_the_t2_station_is_told_as_far_as_the_article_says_within_the_margin(run: Run) -> None:
    # "the Army and its allies captured the T-2 Pumping Station, after which they set up
    # positions 45 km from Abu Kamal" (2017 Abu Kamal offensive).
    found = near(run, "--near", "Abu Kamal", "--radius", "80", "--text", "T-2")
    captured = next(e for e in found if e["id"] == "t2-station-captured")
    low = captured["distance_km"] - captured["distance_margin_km"]
    high = captured["distance_km"] + captured["distance_margin_km"]
    assert low <= 45 <= high
    assert captured["direction"] in {"W", "WSW", "WNW"}  # the station lies up the desert road
    # 27 km of margin: the range it may lie in, rounded outwards to 10 km, never to the km,
    # and the article's 45 km inside it.
    least, most = map(int, captured["distance_text"].split(" km ")[0].split("–"))
    assert least % 10 == most % 10 == 0
    assert least <= low
    assert high <= most
    assert captured["distance_text"].endswith(" km W of Abu Kamal")


def test_the_place_itself_its_outskirts_and_vague_places_say_no_more_than_is_known(
    run: Run,
) -> None:
    found = {e["id"]: e for e in near(run, "--near", "Abu Kamal", "--radius", "30")}
    first = found["abu-kamal-first-capture"]
    assert (first["distance_text"], first["distance_km"], first["direction"]) == (
        "at Abu Kamal",
        0.0,
        None,
    )
    # Hiri is on the city's outskirts (its `surrounds`): around it, in no one direction.
    raid = found["hiri-cross-border-raid"]
    assert (raid["near_place"]["id"], raid["distance_text"]) == ("hiri", "around Abu Kamal")
    assert raid["bearing_deg"] is None
    # The border crossing's coordinates are good to 5 km, Abu Kamal's to 2: closer than that
    # margin, the two may as well coincide; only the most the distance can be is told.
    crossing = found["pmf-seizes-border-crossing"]
    km, _ = where("abu-kamal", "abu-kamal-border-crossing")
    assert km < 7
    assert crossing["direction"] is None
    assert crossing["distance_text"] == "up to 15 km from Abu Kamal"


def test_deir_ez_zor_districts_are_in_the_city(run: Run) -> None:
    found = near(run, "--near", "Deir ez-Zor", "--text", "Hamidiyah")
    assert found
    assert all(e["distance_text"] == "in Deir ez-Zor" for e in found)


def test_a_governorate_event_near_mayadin_covers_it_with_no_distance(run: Run) -> None:
    # Mayadin lies in Deir ez-Zor Governorate: a distance to the governorate's centre would
    # say nothing about where an event placed only there happened.
    found = near(run, "--near", "Mayadin", "--radius", "30")
    wide = [e for e in found if [p["id"] for p in e["places"]] == ["deir-ez-zor-governorate"]]
    assert wide
    for event in wide:
        assert event["distance_text"] == "covers Mayadin"
        assert event["distance_km"] == 0
        assert event["direction"] is None


def test_wholly_within_drops_places_that_may_lie_beyond_the_radius(run: Run) -> None:
    plain = {e["id"]: e for e in near(run, "--near", "Mayadin", "--radius", "15")}
    strict = {
        e["id"]: e for e in near(run, "--near", "Mayadin", "--radius", "15", "--wholly-within")
    }
    # The governorate's coordinates are 10 km from Mayadin's, but good only to 120 km: it
    # covers Mayadin and reaches far beyond 15 km. Al-Quriyah lies 9 km off, good to 6 km,
    # and Mayadin to 3: up to 18 km apart.
    assert "eastern-syria-campaign-begins" in plain
    assert plain["eastern-syria-campaign-begins"]["distance_text"] == "covers Mayadin"
    assert "al-asharah-and-al-quriyah-lost" in plain
    for dropped in ("eastern-syria-campaign-begins", "al-asharah-and-al-quriyah-lost"):
        assert dropped not in strict
    # Mayadin's own events stay; every place kept lies, wherever it is in its circle and
    # wherever Mayadin is in its own, within 15 km.
    assert [i for i, e in plain.items() if e["distance_text"] == "at Mayadin"] == [
        i for i, e in strict.items() if e["distance_text"] == "at Mayadin"
    ]
    wider = near(run, "--near", "Mayadin", "--radius", "40", "--wholly-within")
    own = PLACES["mayadin"]["coord_precision_km"]
    others = {e["near_place"]["id"] for e in [*strict.values(), *wider]} - {"mayadin"}
    assert others  # al-Quriyah and the Mayadin pocket, within 40 km
    for place in others:
        km, _ = where("mayadin", place)
        assert km + PLACES[place]["coord_precision_km"] + own <= 40
    for radius, kept in ((15, list(strict.values())), (40, wider)):
        for event in kept:
            place = event["near_place"]["id"]
            if place != "mayadin":
                km, _ = where("mayadin", place)
                assert km + PLACES[place]["coord_precision_km"] + own <= radius


def test_wholly_within_needs_near(run: Run) -> None:
    result = run("events", "--wholly-within")
    assert (result.status, result.out) == (2, "")
    assert result.err == "eastsyria: error: --wholly-within needs --near PLACE\n"


def test_without_near_the_fields_are_null(run: Run) -> None:
    for event in near(run, "--limit", "3"):
        assert [event[f] for f in ("near", "distance_km", "direction", "distance_text")] == [
            None
        ] * 4


# -- --sort distance --------------------------------------------------------------------------


def test_the_three_nearest_are_at_the_place_then_by_date(run: Run) -> None:
    by_date = near(run, "--near", "Abu Kamal", "--radius", "30")
    nearest = near(run, "--near", "Abu Kamal", "--radius", "30", "--sort", "distance", "-n", "3")
    at_city = [e["id"] for e in by_date if e["distance_text"] == "at Abu Kamal"]
    assert [e["id"] for e in nearest] == at_city[:3]


def test_sort_distance_keeps_every_event_and_orders_them_as_told(run: Run) -> None:
    by_date = near(run, "--near", "Abu Kamal", "--radius", "80")
    by_distance = near(run, "--near", "Abu Kamal", "--radius", "80", "--sort", "distance")
    assert sorted(e["id"] for e in by_date) == sorted(e["id"] for e in by_distance)
    told = [e for e in by_distance if e["direction"] is not None]
    assert [e["distance_km"] for e in told] == sorted(e["distance_km"] for e in told)
    # Mayadin (about 75 km) is farther than Hajin (about 30 km), both measured.
    order = [e["id"] for e in by_distance]
    assert order.index("isil-capital-moves-to-hajin") < order.index("mayadin-captured")
    # The city's own events come first, its outskirts next.
    assert by_distance[0]["distance_text"] == "at Abu Kamal"
    farthest = near(run, "--near", "Abu Kamal", "--radius", "80", "--sort", "distance", "--reverse")
    assert [e["id"] for e in farthest] == order[::-1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["events", "--sort", "distance"],
            "--sort distance needs --near PLACE, the place to measure from",
        ),
        (
            ["events", "--near", "Abu Kamal", "--sort", "nearest"],
            "--sort must be date or distance, not 'nearest'",
        ),
        (
            ["timeline", "--near", "Abu Kamal", "--sort", "distance"],
            "--sort 'distance': a timeline runs in date order; to list the events nearest first, "
            "use eastsyria events --near PLACE --sort distance",
        ),
    ],
)  # fmt: skip
def test_a_sort_that_cannot_be_done_is_one_line_and_exit_2(
    run: Run, args: list[str], message: str
) -> None:
    result = run(*args)
    assert result.status == 2
    assert result.out == ""
    assert result.err == f"eastsyria: error: {message}\n"


# -- what people see ------------------------------------------------------------------------


@pytest.mark.parametrize("width", ["80", "120"])
def test_the_table_has_a_column_from_the_place(
    run: Run, monkeypatch: pytest.MonkeyPatch, width: str
) -> None:
    monkeypatch.setenv("COLUMNS", width)
    out = run("events", "--near", "Mayadin", "--radius", "15", "--format", "table").out
    assert "From Mayadin" in out or "from Mayadin" in out
    assert "up to 20 km SE" in out
    assert "at Mayadin" in out
    assert all(len(line) <= int(width) for line in out.splitlines())


def test_csv_and_tsv_carry_the_distance(run: Run) -> None:
    out = run("events", "--near", "Mayadin", "--radius", "15", "--format", "csv").out
    rows = list(csv.DictReader(io.StringIO(out)))
    lost = next(r for r in rows if r["id"] == "al-asharah-and-al-quriyah-lost")
    assert (lost["near"], lost["direction"], lost["distance_text"]) == (
        "Mayadin",
        "SE",
        "up to 20 km SE of Mayadin",
    )
    assert float(lost["bearing_deg"]) == pytest.approx(where("mayadin", "al-quriyah")[1], abs=0.06)
    tsv = run("events", "--near", "Mayadin", "--radius", "15", "--format", "tsv").out
    line = next(x for x in tsv.splitlines() if "\tal-asharah-and-al-quriyah-lost\t" in x)
    # The eighth cell, after the piped fields and before where the event is (issue 28).
    assert line.split("\t")[7] == "up to 20 km SE of Mayadin"
    assert line.split("\t")[8:11] == ["al-asharah", "Al-Asharah", "34.92"]  # its own place


def test_the_timeline_tells_the_distance_beside_the_places(run: Run) -> None:
    out = run("timeline", "--near", "Mayadin", "--radius", "15").out
    assert "up to 20 km SE of Mayadin" in out


def test_stats_counts_what_near_keeps_and_the_n_nearest_with_sort(run: Run) -> None:
    every = run("stats", "--near", "Mayadin", "--radius", "15", "--format", "json").json()
    nearest = run(
        "stats", "--near", "Mayadin", "--radius", "15", "--sort", "distance", "-n", "3",
        "--format", "json",
    ).json()  # fmt: skip
    assert every["events"] == len(near(run, "--near", "Mayadin", "--radius", "15"))
    # The three nearest are all at Mayadin itself, the first three of its events by date:
    # the offensive is launched, troops enter the town, and are pushed back out in October.
    assert nearest["events"] == 3
    assert [row["place_name"] for row in nearest["places"]] == ["Mayadin"]
    assert [row["period"] for row in nearest["periods"]] == ["2017-10"]
