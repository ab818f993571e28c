"""The map's projection and label placement, and the curated lines against the places."""

from __future__ import annotations

import itertools
import json
import math
from pathlib import Path

import pytest

from eastsyria.core.geo import great_circle_km
from eastsyria.core.labels import Rect, around, place_labels
from eastsyria.core.projection import VALLEY, Box, fit, height_for, scale_km, widened

DATA = json.loads((Path(__file__).resolve().parents[2] / "data" / "events.json").read_text("utf-8"))
PLACES = {p["id"]: p for p in DATA["places"]}
LINES = {line["kind"]: line for line in DATA["lines"]}


def test_a_km_is_as_long_across_as_up_and_down() -> None:
    projection = fit(VALLEY, 800, 800, pad=10)
    deir, kamal = PLACES["deir-ez-zor"], PLACES["abu-kamal"]
    x1, y1 = projection.xy(deir["lon"], deir["lat"])
    x2, y2 = projection.xy(kamal["lon"], kamal["lat"])
    km = great_circle_km(deir["lat"], deir["lon"], kamal["lat"], kamal["lon"])
    assert math.hypot(x2 - x1, y2 - y1) / projection.per_km == pytest.approx(km, rel=0.01)
    # North is up, east to the right: Abu Kamal lies south-east of Deir ez-Zor.
    assert x2 > x1
    assert y2 > y1


def test_the_whole_frame_fits_inside_the_padding() -> None:
    projection = fit(VALLEY, 600, 300, pad=20)
    for lon in (VALLEY.west, VALLEY.east):
        for lat in (VALLEY.south, VALLEY.north):
            x, y = projection.xy(lon, lat)
            assert -0.01 <= x <= 600.01
            assert 19.99 <= y <= 280.01


def test_widened_takes_in_new_points_and_keeps_the_old_frame() -> None:
    palmyra = PLACES["palmyra"]
    box = widened(VALLEY, [(palmyra["lon"], palmyra["lat"])])
    assert box.holds(palmyra["lon"], palmyra["lat"])
    assert box.east == VALLEY.east
    assert box.west < palmyra["lon"]
    assert widened(VALLEY, []) == VALLEY


def test_height_and_scale() -> None:
    box = Box(40.0, 34.0, 41.0, 35.0)
    km_w, km_h = box.km_size()
    assert height_for(box, 100) == pytest.approx(100 * km_h / km_w)
    assert scale_km(2.0, 45) == 20  # 20 km is 40 units, 25 would be 50
    assert scale_km(0.001, 0.45) == 250
    assert scale_km(100.0, 1) == 1  # nothing fits: the shortest


KM_LAT, KM_LON = 110.574, 111.320  # km in a degree of latitude; of longitude at the equator


def test_a_box_holds_its_edges_and_nothing_beyond() -> None:
    for lon in (VALLEY.west, VALLEY.east):
        for lat in (VALLEY.south, VALLEY.north):
            assert VALLEY.holds(lon, lat)
    assert VALLEY.holds(40.5, 35.0)
    assert not VALLEY.holds(39.99, 35.0)
    assert not VALLEY.holds(41.16, 35.0)
    assert not VALLEY.holds(40.5, 34.29)
    assert not VALLEY.holds(40.5, 35.46)


def test_widened_adds_the_margin_around_each_new_point_in_km() -> None:
    box = Box(0.0, 0.0, 1.0, 1.0)
    # A point far to the north-east at 60 degrees, where a degree of longitude is half as long.
    grown = widened(box, [(3.0, 60.0)], margin_km=10.0)
    across = KM_LON * math.cos(math.radians(60.0))
    assert grown == pytest.approx(Box(0.0, 0.0, 3.0 + 10.0 / across, 60.0 + 10.0 / KM_LAT))
    # And one to the south-west, with the default margin of 8 km.
    grown = widened(box, [(-2.0, -50.0)])
    across = KM_LON * math.cos(math.radians(-50.0))
    assert grown == pytest.approx(Box(-2.0 - 8.0 / across, -50.0 - 8.0 / KM_LAT, 1.0, 1.0))
    # A point inside the frame with its margin changes nothing.
    assert widened(box, [(0.5, 0.5)], margin_km=1.0) == box


def test_fit_centres_the_box_as_large_as_it_fits_and_grows_the_frame_to_the_picture() -> None:
    box = Box(40.0, 34.0, 41.0, 35.0)
    km_w = KM_LON * math.cos(math.radians(34.5))
    projection = fit(box, 200, 100, pad=10)
    # 80 units of height for 110.574 km: the height limits it (180 across would fit more).
    assert projection.per_km == pytest.approx(80 / KM_LAT)
    assert (projection.width, projection.height) == (200, 100)
    assert projection.xy(40.0, 35.0) == pytest.approx((100 - km_w * 80 / KM_LAT / 2, 10))
    assert projection.xy(41.0, 34.0) == pytest.approx((100 + km_w * 80 / KM_LAT / 2, 90))
    # The grown frame is the whole picture, with the same middle latitude.
    grown = projection.box
    assert projection.xy(grown.west, grown.north) == pytest.approx((0, 0))
    assert projection.xy(grown.east, grown.south) == pytest.approx((200, 100))
    assert grown.mid_lat == pytest.approx(34.5)
    assert projection.length(10) == pytest.approx(10 * 80 / KM_LAT)
    # A wide picture's width limits it instead.
    tall = fit(box, 100, 400, pad=5)
    assert tall.per_km == pytest.approx(90 / km_w)
    assert tall.xy(40.0, 35.0)[0] == pytest.approx(5)


def test_fit_keeps_a_unit_when_the_padding_leaves_no_room() -> None:
    box = Box(40.0, 34.0, 41.0, 35.0)
    assert fit(box, 10, 10, pad=20).per_km == pytest.approx(1 / KM_LAT)
    # A frame wider than tall: one unit across limits it.
    wide = Box(40.0, 34.0, 42.0, 35.0)
    km_w = 2 * KM_LON * math.cos(math.radians(34.5))
    assert fit(wide, 10, 10, pad=20).per_km == pytest.approx(1 / km_w)


def test_fit_without_padding_fills_the_picture() -> None:
    box = Box(40.0, 34.0, 41.0, 35.0)
    assert fit(box, 200, 100).per_km == pytest.approx(100 / KM_LAT)
    assert fit(box, 200, 100).xy(40.5, 35.0)[1] == pytest.approx(0)


def test_the_scale_bar_is_the_longest_round_length_that_fits() -> None:
    assert scale_km(1.0, 100) == 100  # exactly as long as it may be
    assert scale_km(1.0, 99.9) == 50
    assert scale_km(2.0, 99) == 25
    assert scale_km(1.0, 5000) == 1000
    assert scale_km(1.0, 0.5) == 1


def test_labels_never_overlap_and_drop_what_has_no_room() -> None:
    bounds = Rect(0, 0, 40, 5)
    candidates = [around(10, 2.5, 8, 1, 1.5) for _ in range(20)]
    chosen = place_labels(candidates, bounds, [Rect(10, 2, 1, 1)], gap=1)
    placed = [rect for rect in chosen if rect is not None]
    assert placed
    assert None in chosen
    for i, rect in enumerate(placed):
        assert rect.inside(bounds)
        assert not rect.overlaps(Rect(10, 2, 1, 1))
        assert not any(rect.overlaps(other) for other in placed[i + 1 :])


def _side_of_river(place_id: str) -> tuple[float, str]:
    """How far the place lies from the drawn river (km), and on which bank looking downstream."""
    place = PLACES[place_id]
    across = 111.32 * math.cos(math.radians(place["lat"]))
    px, py = place["lon"] * across, place["lat"] * 110.57
    best = (math.inf, "")
    points = LINES["river"]["points"]
    for (lon1, lat1), (lon2, lat2) in itertools.pairwise(points):
        ax, ay, bx, by = lon1 * across, lat1 * 110.57, lon2 * across, lat2 * 110.57
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
        distance = math.hypot(px - ax - t * dx, py - ay - t * dy)
        if distance < best[0]:
            best = (distance, "left" if dx * (py - ay) - dy * (px - ax) > 0 else "right")
    return best


@pytest.mark.parametrize(
    ("place", "bank"),
    [
        ("deir-ez-zor", "right"),
        ("mayadin", "right"),
        ("al-quriyah", "right"),
        ("al-asharah", "right"),
        ("abu-kamal", "right"),
        ("al-qaim", "right"),
        ("hajin", "left"),
    ],
)
def test_the_river_runs_past_the_towns_on_their_bank(place: str, bank: str) -> None:
    distance, side = _side_of_river(place)
    assert side == bank
    assert distance <= LINES["river"]["precision_km"] + PLACES[place]["coord_precision_km"]


def test_the_border_runs_between_abu_kamal_and_al_qaim() -> None:
    border = LINES["border"]["points"]
    lats = [lat for _, lat in border]
    assert min(lats) <= 33.9
    assert max(lats) >= 35.6
    # Where it meets the river it lies east of Abu Kamal and west of Al-Qa'im.
    crossing = min(border, key=lambda p: abs(p[1] - PLACES["abu-kamal"]["lat"]))
    assert PLACES["abu-kamal"]["lon"] < crossing[0]
    assert crossing[0] < PLACES["al-qaim"]["lon"]
