"""Distance and bearing on a sphere worked out with vectors, not with the program's formulas.

Each point goes on a unit sphere as a 3-D vector: the distance is the angle between two
vectors, the bearing the angle between north and the way to the other point, read from the
east and north components of its vector at the first point.
"""

from __future__ import annotations

import math

EARTH_KM = 6371.0088
KM_PER_DEGREE = EARTH_KM * math.pi / 180
# The 16 points, clockwise from north, each 22.5 degrees wide.
POINTS = (
    "N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE",
    "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW",
)  # fmt: skip


def vector(lat: float, lon: float) -> tuple[float, float, float]:
    phi, lmb = math.radians(lat), math.radians(lon)
    return (math.cos(phi) * math.cos(lmb), math.cos(phi) * math.sin(lmb), math.sin(phi))


def dot(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True))


def vector_bearing(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The bearing as the angle, at the first point, between north and the way to the second."""
    phi, lmb = math.radians(lat1), math.radians(lon1)
    east = (-math.sin(lmb), math.cos(lmb), 0.0)
    north = (-math.sin(phi) * math.cos(lmb), -math.sin(phi) * math.sin(lmb), math.cos(phi))
    target = vector(lat2, lon2)
    return math.degrees(math.atan2(dot(target, east), dot(target, north))) % 360


def vector_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    cosine = max(-1.0, min(1.0, dot(vector(lat1, lon1), vector(lat2, lon2))))
    return EARTH_KM * math.acos(cosine)


def point_of(bearing: float) -> str:
    """The compass point, by counting sectors from N's start at -11.25."""
    return POINTS[int(((bearing + 11.25) % 360) // 22.5)]
