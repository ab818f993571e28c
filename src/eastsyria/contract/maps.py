"""What the map shows: its frame, its lines, the places drawn as marks, the places too broad to
be a mark, where each event is drawn, and (with a day) who held each place.

One view for the terminal map, the SVG map and the map's GeoJSON, so they never disagree.
Each event is drawn once, at its most precisely located place; a place located to within more
than `MARK_KM` is listed, not drawn as a dot.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from eastsyria.core.projection import MARK_KM, VALLEY, Box, widened

if TYPE_CHECKING:
    from eastsyria.core.catalog import Catalog
    from eastsyria.data.records import EventRecord, GeoLineRecord, PlaceRecord


class MapPlace(NamedTuple):
    id: str
    name: str
    lon: float
    lat: float
    precision_km: float
    # The events drawn here, oldest first: those whose most precise place this is.
    events: tuple[str, ...] = ()
    # With a day: the side the place is coloured in (None: unknown), how certain that is
    # (certain, possible, contested, unknown) and whether the place was divided.
    side: str | None = None
    holder_name: str | None = None
    certainty: str | None = None
    split: bool = False

    @property
    def label(self) -> str:
        """The name the map writes beside the place, with how many events are drawn there."""
        return f"{self.name} ({len(self.events)})" if self.events else self.name

    @property
    def uncertain(self) -> bool:
        """Coloured, but the holder may have changed by then or is disputed."""
        return self.certainty in ("possible", "contested")


class MapView(NamedTuple):
    box: Box
    lines: tuple[GeoLineRecord, ...]
    # Located precisely enough to be a mark (within MARK_KM), inside the frame; most events
    # first, then the most precisely located.
    places: tuple[MapPlace, ...]
    # Too broad to be a mark, with the events drawn there: listed beside the map.
    broad: tuple[MapPlace, ...]
    # The events, by id: {title, date, start, side} for marks and tooltips; `side` is the
    # side that led it (None: no actor named).
    events: Mapping[str, Mapping[str, str | None]]
    # With --on: the day whose end the holders are given at (ISO).
    day: str | None = None

    @property
    def event_count(self) -> int:
        return len(self.events)


def best_place(event: EventRecord, places: Mapping[str, PlaceRecord]) -> PlaceRecord:
    """The event's most precisely located place (the first named, of equals)."""
    named = [places[p] for p in event["places"] if p in places]
    return min(named, key=lambda place: place["coord_precision_km"])


def map_view(
    catalog: Catalog,
    events: Sequence[EventRecord],
    *,
    holders: Iterable[Mapping[str, Any]] = (),
    day: str | None = None,
    leads: Mapping[str, str] | None = None,
) -> MapView:
    """The map of `events`: `holders` are `control --on` rows (contract.control), for `day`;
    `leads` the side each event is drawn in, by event id."""
    drawn: dict[str, list[str]] = {}
    for event in events:
        drawn.setdefault(best_place(event, catalog.places)["id"], []).append(event["id"])
    held = {row["place"]: row for row in holders}

    def place(record: PlaceRecord) -> MapPlace:
        row = held.get(record["id"])
        return MapPlace(
            id=record["id"],
            name=catalog.place_label(record["id"]),
            lon=record["lon"],
            lat=record["lat"],
            precision_km=record["coord_precision_km"],
            events=tuple(drawn.get(record["id"], ())),
            side=row["side"] if row else None,
            holder_name=row["holder_name"] if row else None,
            certainty=row["certainty"] if row else None,
            split=bool(row and row["split"]),
        )

    precise = [p for p in catalog.places.values() if p["coord_precision_km"] <= MARK_KM]
    box = widened(VALLEY, ((p["lon"], p["lat"]) for p in precise if p["id"] in drawn))
    shown = [place(p) for p in precise if box.holds(p["lon"], p["lat"])]
    shown.sort(key=lambda p: (-len(p.events), p.precision_km, p.name))
    broad = [
        place(p)
        for p in catalog.places.values()
        if p["coord_precision_km"] > MARK_KM and p["id"] in drawn
    ]
    broad.sort(key=lambda p: (-len(p.events), p.precision_km, p.name))
    lines = tuple(catalog.record.get("lines", []))
    return MapView(
        box=box,
        lines=lines,
        places=tuple(shown),
        broad=tuple(broad),
        events={
            e["id"]: {
                "title": e["title"],
                "date": e["date"]["text"],
                "start": e["date"]["earliest"],
                "side": (leads or {}).get(e["id"]),
            }
            for e in events
        },
        day=day,
    )


def line_features(lines: Iterable[GeoLineRecord]) -> list[dict[str, Any]]:
    """The map's lines as GeoJSON LineString features, [lon, lat] as RFC 7946 orders them."""
    return [
        {
            "type": "Feature",
            "id": f"line:{line['id']}",
            "geometry": {
                "type": "LineString",
                "coordinates": [[round(lon, 6), round(lat, 6)] for lon, lat in line["points"]],
            },
            "properties": {
                "id": line["id"],
                "name": line["name"],
                "kind": line["kind"],
                "precision_km": line["precision_km"],
                "note": line["note"],
            },
        }
        for line in lines
    ]


def events_map(
    catalog: Catalog,
    events: Sequence[EventRecord],
    views: Sequence[Mapping[str, Any]],
    on: str | None = None,
) -> MapView:
    """The map of `events` (with their `views`, in the same order) as `map` and the report
    draw it: each event in its lead side's colour and, with `--on DATE`, each place coloured
    by who held it at the end of that day (week, month, year)."""
    from eastsyria.contract.events import lead_side

    day = None
    holders: list[dict[str, Any]] = []
    if on is not None:
        from eastsyria.contract.control import standing_views
        from eastsyria.core.dates import parse_span

        day = parse_span(on).end.isoformat()
        holders = standing_views(catalog, day)
    leads = {v["id"]: side for v in views if (side := lead_side(v)) != "unknown"}
    return map_view(catalog, events, holders=holders, day=day, leads=leads)
