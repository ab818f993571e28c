"""Longitude and latitude onto a flat picture: the map's frame, projection and scale.

An equirectangular projection, its east–west scale shrunk by the cosine of the frame's middle
latitude, so that a kilometre is as long across as it is up and down. Over the hundred or so
kilometres of the Euphrates valley that is off by far less than the places' own precision.
Pure arithmetic: the terminal map and the SVG map both draw from it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import NamedTuple

KM_PER_DEGREE_LAT = 110.574
KM_PER_DEGREE_LON_AT_EQUATOR = 111.320
# A place located to within this many km is a mark on the map; a wider one (a governorate, a
# country, "the Euphrates west bank") is listed beside it, never drawn as a dot.
MARK_KM = 50.0
# Scale bars are one of these lengths, the longest that fits.
_NICE_KM = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)


class Box(NamedTuple):
    """A frame in degrees: west and east longitude, south and north latitude."""

    west: float
    south: float
    east: float
    north: float

    @property
    def mid_lat(self) -> float:
        return (self.south + self.north) / 2

    def km_size(self) -> tuple[float, float]:
        """(width, height) of the frame in km, as the projection measures them."""
        across = KM_PER_DEGREE_LON_AT_EQUATOR * math.cos(math.radians(self.mid_lat))
        return (self.east - self.west) * across, (self.north - self.south) * KM_PER_DEGREE_LAT

    def holds(self, lon: float, lat: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north


# The Euphrates valley from Deir ez-Zor down to Al-Qa'im, with a margin for names.
VALLEY = Box(west=40.0, south=34.3, east=41.15, north=35.45)


def widened(box: Box, points: Iterable[tuple[float, float]], margin_km: float = 8.0) -> Box:
    """`box` grown to take in every (lon, lat) point, with `margin_km` around the new ones."""
    west, south, east, north = box
    dlat = margin_km / KM_PER_DEGREE_LAT
    for lon, lat in points:
        across = KM_PER_DEGREE_LON_AT_EQUATOR * math.cos(math.radians(lat))
        dlon = margin_km / across
        west, east = min(west, lon - dlon), max(east, lon + dlon)
        south, north = min(south, lat - dlat), max(north, lat + dlat)
    return Box(west, south, east, north)


class Projection(NamedTuple):
    """A box fitted to a picture `width` x `height` (any unit: pixels, braille dots): x grows
    east from the left edge, y grows south from the top edge."""

    box: Box
    width: float
    height: float
    # Picture units per km, the same both ways.
    per_km: float

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        across = KM_PER_DEGREE_LON_AT_EQUATOR * math.cos(math.radians(self.box.mid_lat))
        x = (lon - self.box.west) * across * self.per_km
        y = (self.box.north - lat) * KM_PER_DEGREE_LAT * self.per_km
        return x, y

    def length(self, km: float) -> float:
        """`km` in picture units."""
        return km * self.per_km


def fit(box: Box, width: float, height: float, pad: float = 0.0) -> Projection:
    """The projection that shows all of `box` inside `width` x `height` less `pad` on every
    side, as large as it fits, centred; the frame grows to fill the picture's other sides, so
    the picture shows more of the land rather than blank margins."""
    km_w, km_h = box.km_size()
    inner_w, inner_h = max(width - 2 * pad, 1.0), max(height - 2 * pad, 1.0)
    per_km = min(inner_w / km_w, inner_h / km_h)
    extra_w_km = (width / per_km - km_w) / 2
    extra_h_km = (height / per_km - km_h) / 2
    across = KM_PER_DEGREE_LON_AT_EQUATOR * math.cos(math.radians(box.mid_lat))
    grown = Box(
        box.west - extra_w_km / across,
        box.south - extra_h_km / KM_PER_DEGREE_LAT,
        box.east + extra_w_km / across,
        box.north + extra_h_km / KM_PER_DEGREE_LAT,
    )
    # The mid-latitude is unchanged (the box grew as much north as south), so the scale holds.
    return Projection(grown, width, height, per_km)


def height_for(box: Box, width: float) -> float:
    """The height that shows `box` at `width` with nothing to spare: the frame's aspect."""
    km_w, km_h = box.km_size()
    return width * km_h / km_w


def scale_km(per_km: float, longest: float) -> int:
    """The longest round distance in km whose bar, at `per_km` units a km, is no longer than
    `longest` units."""
    fitting = [km for km in _NICE_KM if km * per_km <= longest]
    return fitting[-1] if fitting else _NICE_KM[0]
