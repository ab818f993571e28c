"""How far, and in which direction, one place of the dataset lies from another.

Places have coordinates and `coord_precision_km`, how far the real place may lie from them
(a city's extent, a region's spread): each place is somewhere in its circle of uncertainty.
The distance between two places is the distance between their coordinates give or take the
two precisions added up, the margin, so it is told as the range it may lie in:

- the reference place itself, or a place inside it: `at` or `in` it, 0 km, no direction;
- its countryside or outskirts (a place that `surrounds` it): `around` it, no direction;
- a wider place it lies inside (its governorate, its country): that place `covers` it, no
  distance or direction (from the wider place's centre, one would mean nothing);
- a margin at least as large as the distance: the places may coincide, so only the most
  the distance can be is known, `within` (up to the distance plus the margin, rounded up);
- otherwise the range the distance lies in `from` the reference: the distance less the
  margin, rounded down, to the distance plus the margin, rounded up, each to a step the
  margin allows (whole km under 5 km of margin, 5 km under 25, 10 km under 100, else 50),
  and the initial great-circle bearing from the reference, on the 16 points of the compass.

`farthest_km` is the most two places can be apart: what `--wholly-within` keeps within the
radius.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from eastsyria.data.records import PlaceRecord

EARTH_RADIUS_KM = 6371.0088
# The orders of the events (--sort): by date (earliest, latest, id), or nearest the --near
# place first. Here, not in `query`, so that completion offers them without importing it.
SORT_KEYS: tuple[str, ...] = ("date", "distance")
COMPASS_POINTS: tuple[str, ...] = (
    "N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE",
    "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW",
)  # fmt: skip
# (largest margin, step): a distance is rounded to the step of the first margin above its own.
_STEPS: tuple[tuple[float, int], ...] = ((5, 1), (25, 5), (100, 10), (math.inf, 50))
# Coordinates are given to 5 decimals, about a metre: a bound within a metre of a step is
# on it (12 km less 2 km of margin, measured as 9.9999991, is 10).
_SLACK_KM = 0.001
# What an offset says: the place is the reference, lies inside it, surrounds it, takes it
# in, may
# coincide with it given the margin, or lies a known distance from it in a known direction.
RELATIONS = ("at", "in", "around", "covers", "within", "from")


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The haversine distance over a sphere of the Earth's mean radius."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def initial_bearing_deg(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The direction to set off in from the first point towards the second along the great
    circle, in degrees clockwise from true north, 0 up to (not including) 360."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dlmb = math.radians(lon2 - lon1)
    y = math.sin(dlmb) * math.cos(phi2)
    x = math.cos(phi1) * math.sin(phi2) - math.sin(phi1) * math.cos(phi2) * math.cos(dlmb)
    bearing = math.degrees(math.atan2(y, x)) % 360.0
    # A hair west of north (-1e-15) is 360.0 after the modulo: that is north, 0.
    return 0.0 if bearing >= 360.0 else bearing


def compass_point(bearing: float) -> str:
    """The nearest of the 16 compass points: each covers 22.5 degrees, N from 348.75 up to
    11.25 (a bearing on a boundary goes clockwise: 11.25 is NNE)."""
    return COMPASS_POINTS[math.floor((bearing % 360.0 + 11.25) / 22.5) % 16]


def rounding_step(margin_km: float) -> int:
    """The step a distance with this margin is told in (see the module's docstring)."""
    return next(step for largest, step in _STEPS if margin_km < largest)


class Offset(NamedTuple):
    """Where an event's place lies from a reference place."""

    reference: str
    place: str
    relation: str
    # Between the coordinates (the order of --sort distance); 0 `at` and `in`.
    km: float
    # The two places' coord_precision_km added up; 0 `at` and `in`.
    margin_km: float
    # From the reference, only where the relation is `from`.
    bearing: float | None

    @property
    def direction(self) -> str | None:
        return None if self.bearing is None else compass_point(self.bearing)

    @property
    def order(self) -> tuple[int, float]:
        """Nearest first: the reference and what lies in it, then its surroundings (by the
        distance between the coordinates), then the rest by the distance as told: measured,
        or the most it can be (`within`)."""
        if self.relation in ("at", "in"):
            return (0, 0.0)
        if self.relation in ("around", "covers"):
            return (1, self.km)
        return (2, self.km + self.margin_km if self.relation == "within" else self.km)

    @property
    def told_km(self) -> int:
        """The most the distance can be, rounded up to the margin's step (`within`, `from`);
        0 where no distance is told."""
        if self.relation not in ("within", "from"):
            return 0
        step = rounding_step(self.margin_km)
        return max(step, math.ceil((self.km + self.margin_km - _SLACK_KM) / step) * step)

    @property
    def least_km(self) -> int:
        """The least the distance can be, rounded down to the margin's step (`from`); 0 where
        the places may coincide or no distance is told."""
        if self.relation != "from":
            return 0
        step = rounding_step(self.margin_km)
        return math.floor((self.km - self.margin_km + _SLACK_KM) / step) * step


def farthest_km(reference: PlaceRecord, place: PlaceRecord) -> float:
    """The most the two places can be apart: wherever each lies in its circle of uncertainty,
    the distance between their coordinates plus both their `coord_precision_km`."""
    km = great_circle_km(reference["lat"], reference["lon"], place["lat"], place["lon"])
    return km + reference["coord_precision_km"] + place["coord_precision_km"]


def offset(
    reference: PlaceRecord, place: PlaceRecord, *, inside: bool = False, covers: bool = False
) -> Offset:
    """Where `place` lies from `reference`; `inside`: the place lies within the reference;
    `covers`: the reference lies within the place."""
    if place["id"] == reference["id"] or inside:
        relation = "at" if place["id"] == reference["id"] else "in"
        return Offset(reference["id"], place["id"], relation, 0.0, 0.0, None)
    if covers:
        return Offset(reference["id"], place["id"], "covers", 0.0, 0.0, None)
    coordinates = (reference["lat"], reference["lon"], place["lat"], place["lon"])
    km = great_circle_km(*coordinates)
    margin = reference["coord_precision_km"] + place["coord_precision_km"]
    if place["surrounds"] == reference["id"]:
        return Offset(reference["id"], place["id"], "around", km, margin, None)
    if margin >= km:
        return Offset(reference["id"], place["id"], "within", km, margin, None)
    return Offset(
        reference["id"], place["id"], "from", km, margin, initial_bearing_deg(*coordinates)
    )


def nearest(
    places: Mapping[str, PlaceRecord],
    reference: str,
    candidates: Iterable[str],
    inside: frozenset[str] = frozenset(),
    covering: frozenset[str] = frozenset(),
) -> Offset | None:
    """The offset of the candidate place nearest the reference (`Offset.order`; the first on a
    tie); `inside` are the places that lie within the reference, `covering` those it lies in."""
    found = [
        offset(places[reference], places[p], inside=p in inside, covers=p in covering)
        for p in candidates
    ]
    return min(found, key=lambda o: o.order, default=None)
