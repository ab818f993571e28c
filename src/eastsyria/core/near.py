"""--near: how far a typed --radius is, and which places lie within it of the --near place."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from eastsyria.core.geo import farthest_km, great_circle_km
from eastsyria.errors import InputError

if TYPE_CHECKING:
    from eastsyria.core.catalog import Catalog

DEFAULT_RADIUS_KM = 10.0
MAX_RADIUS_KM = 20_000
RADIUS_FORMS = "30, 30km or 30.5 km"
_KM = frozenset({"km", "kms", "kilometre", "kilometres", "kilometer", "kilometers"})

# A number with an optional sign (so that "-5" is refused as too small, not as unreadable),
# then an optional unit: only km is taken.
_RADIUS = re.compile(r"([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*([^\W\d_]+)?")


def parse_radius(text: str) -> float:
    """The kilometres of a typed --radius: 30, 30km, 30 km, 30.5km, 30 KM.

    Raises InputError naming the value and the fix: no other unit, above 0 and at most
    MAX_RADIUS_KM (a radius of 0 would find only the place itself; any greater radius on
    the Earth covers it all).
    """
    found = _RADIUS.fullmatch(text.strip())
    if found is None:
        raise InputError(f"--radius {text!r} is not a distance; give kilometres, as {RADIUS_FORMS}")
    number, unit = found.groups()
    if unit is not None and unit.casefold() not in _KM:
        raise InputError(f"--radius {text!r} is not in km; give kilometres, as {RADIUS_FORMS}")
    km = float(number)
    if not 0 < km <= MAX_RADIUS_KM:
        raise InputError(
            f"--radius {text!r} is out of range; give more than 0 and at most {MAX_RADIUS_KM} km"
        )
    return km


def near_places(
    catalog: Catalog, name: str | None, radius: float, *, wholly: bool = False
) -> tuple[str | None, frozenset[str]]:
    """--near: the reference place's id and the places within `radius` km of it: those whose
    coordinates are; with `wholly` (--wholly-within), the place itself, what lies inside it,
    and the places whose whole circle of uncertainty lies within the radius of every point
    of the reference's own (their coordinates' distance plus both `coord_precision_km`)."""
    if name is None:
        return None, frozenset()
    centre_id = catalog.resolve_place(name, "--near")
    centre = catalog.places[centre_id]
    if wholly:
        inside_it = catalog.places_within(centre_id)
        return centre_id, frozenset(
            pid
            for pid, place in catalog.places.items()
            if pid in inside_it or farthest_km(centre, place) <= radius
        )
    nearby = frozenset(
        pid
        for pid, place in catalog.places.items()
        if great_circle_km(centre["lat"], centre["lon"], place["lat"], place["lon"]) <= radius
    )
    return centre_id, nearby
