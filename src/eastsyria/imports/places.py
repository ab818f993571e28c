"""The places of an import: country > admin1 > admin2 > location, gathered row by row.

The datasets give coordinates for the location of each row only. A place's point is the
centre of its rows' points (for a location, usually one point), and its radius
(`coord_precision_km`) is wide enough to cover every one of them with its own precision:
the distance from the centre to the farthest corner of their bounding box, plus the widest
radius of their codes. `coord_note` says so. Only the running sums and the box are kept,
so a million rows need no more memory than their few thousand places.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from eastsyria.core.geo import great_circle_km

LEVELS: tuple[str, ...] = ("country", "admin1", "admin2", "location")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str, limit: int = 80) -> str:
    """'Abu Kamal' -> 'abu-kamal'; accents dropped; '' for a name with no Latin letter."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return _NOT_SLUG.sub("-", folded).strip("-")[:limit].strip("-")


class Ids:
    """Unique ids from names: the name's slug, else `fallback-N`; a taken one gets the
    `qualifier`'s slug, then a number."""

    def __init__(self, fallback: str) -> None:
        self.taken: set[str] = set()
        self.fallback = fallback

    def new(self, name: str, qualifier: str = "") -> str:
        base = slug(name) or f"{self.fallback}-{len(self.taken) + 1}"
        options = [base, f"{base}-{slug(qualifier, 30)}"] if slug(qualifier) else [base]
        chosen = next((option for option in options if option not in self.taken), None)
        number = 2
        while chosen is None:
            if f"{base}-{number}" not in self.taken:
                chosen = f"{base}-{number}"
            number += 1
        self.taken.add(chosen)
        return chosen


class _Spot:
    __slots__ = ("box", "id", "kind", "km", "kms", "lat", "lon", "name", "parent", "rows")

    def __init__(self, place_id: str, name: str, kind: str, parent: str | None) -> None:
        self.id, self.name, self.kind, self.parent = place_id, name, kind, parent
        self.rows, self.lat, self.lon, self.km = 0, 0.0, 0.0, 0.0
        self.box = [math.inf, -math.inf, math.inf, -math.inf]
        self.kms: set[float] = set()

    def add(self, lat: float, lon: float, km: float) -> None:
        self.rows += 1
        self.lat += lat
        self.lon += lon
        box = self.box
        box[0], box[1] = min(box[0], lat), max(box[1], lat)
        box[2], box[3] = min(box[2], lon), max(box[3], lon)
        self.km = max(self.km, km)
        if len(self.kms) < 8:
            self.kms.add(km)


class PlaceTree:
    def __init__(self, dataset: str) -> None:
        self.dataset = dataset
        self._spots: dict[tuple[str, ...], _Spot] = {}
        self._ids = Ids("place")

    def add(self, names: dict[str, str], lat: float, lon: float, km: float) -> str:
        """The id of the row's most precise place, each level of it counting the point."""
        key: tuple[str, ...] = ()
        parent: _Spot | None = None
        for kind in LEVELS:
            name = " ".join(names.get(kind, "").split())
            if not name:
                continue
            key = (*key, name)
            spot = self._spots.get(key)
            if spot is None:
                # An admin level's id says which it is ('abu-kamal-admin2'), so that the town
                # keeps the plain one ('abu-kamal').
                named = f"{name} {kind}" if kind.startswith("admin") else name
                place_id = self._ids.new(named, parent.name if parent else "")
                spot = _Spot(place_id, name, kind, parent.id if parent else None)
                self._spots[key] = spot
            spot.add(lat, lon, km)
            parent = spot
        if parent is None:
            from eastsyria.imports.rows import Reject

            raise Reject("no place: country, admin1, admin2 and location are all blank")
        return parent.id

    def records(self) -> Iterator[dict[str, Any]]:
        """The locations first, then the admin levels, the countries last. A town and its
        district may share a name: commands show each with its kind and answer a name for
        both (`core.placenames`)."""
        for level in reversed(LEVELS):
            for key, spot in self._spots.items():
                if spot.kind == level:
                    yield self._record(key[0], spot)

    def _record(self, country: str, spot: _Spot) -> dict[str, Any]:
        lat, lon = spot.lat / spot.rows, spot.lon / spot.rows
        south, north, west, east = spot.box
        spread = max(
            great_circle_km(lat, lon, corner_lat, corner_lon)
            for corner_lat in (south, north)
            for corner_lon in (west, east)
        )
        radius = math.ceil((spread + spot.km) * 10) / 10
        rows = "row" if spot.rows == 1 else f"{spot.rows:,} rows"
        if spread < 0.05:
            codes = " and ".join(f"{km:g}" for km in sorted(spot.kms))
            note = (
                f"The point {self.dataset} gives for its {rows}; the radius is its "
                f"precision code's ({codes} km)."
            )
        else:
            note = (
                f"The centre of the points of its {rows} in {self.dataset} (not a surveyed "
                "centre); the radius covers every one of them with its precision code's radius."
            )
        return {
            "id": spot.id,
            "name": spot.name,
            "aliases": [],
            "kind": spot.kind,
            "parent": spot.parent,
            "surrounds": None,
            "held_at_start": [],
            "country": country,
            "lat": round(lat, 5),
            "lon": round(lon, 5),
            "coord_precision_km": max(radius, 0.1),
            "coord_note": note,
        }
