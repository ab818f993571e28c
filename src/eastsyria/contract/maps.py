"""What the map shows: its frame, its lines, the places drawn as marks, the places too broad to
be a mark, where each event is drawn, and (with a day) who held each place.

One view for the terminal map, the SVG map and the map's GeoJSON, so they never disagree.
Each event is drawn once, at its most precisely located place; a place located to within more
than `MARK_KM` is listed, not drawn as a dot. Past `summary.MARK_CAP` events the map is a
density (`density_view`): the events counted per place and lead side, none drawn alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from eastsyria.core.eventsource import lead_actor, marked_place
from eastsyria.core.projection import MARK_KM, VALLEY, Box, widened

if TYPE_CHECKING:
    from eastsyria.core.catalog import Catalog
    from eastsyria.core.geo import Offset
    from eastsyria.core.query import Filters
    from eastsyria.data.records import EventRecord, GeoLineRecord, PlaceRecord

# A place's events by the side that led them (None: no actor named), most first.
SideCounts = tuple[tuple[str | None, int], ...]


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
    # A density map's count of the events here, by lead side (`events` is then empty).
    sides: SideCounts = ()

    @property
    def event_count(self) -> int:
        """How many events are drawn (or counted) here."""
        return len(self.events) or sum(count for _, count in self.sides)

    @property
    def label(self) -> str:
        """The name the map writes beside the place, with how many events are drawn there."""
        return f"{self.name} ({self.event_count:,})" if self.event_count else self.name

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
    # A density map's count of its events (`events` is then empty); None: each is drawn.
    total: int | None = None

    @property
    def event_count(self) -> int:
        return len(self.events) if self.total is None else self.total

    @property
    def summarised(self) -> bool:
        return self.total is not None


def best_place(event: EventRecord, places: Mapping[str, PlaceRecord]) -> PlaceRecord:
    """The event's most precisely located place (the first named, of equals): where every
    event row locates it (`eventsource.marked_place`)."""
    precision = {p: places[p]["coord_precision_km"] for p in event["places"] if p in places}
    marked = marked_place(event, precision)
    if marked is None:
        raise ValueError(f"event {event['id']!r} names no known place")
    return places[marked]


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
    marked = {place: MapPlace("", "", 0, 0, 0, events=tuple(ids)) for place, ids in drawn.items()}
    view = _framed(catalog, marked, holders)
    return view._replace(
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


def _framed(
    catalog: Catalog, marked: Mapping[str, MapPlace], holders: Iterable[Mapping[str, Any]]
) -> MapView:
    """The frame, the lines and the places of a map whose places with events are `marked`
    (by place id: their `events` or `sides`), each place coloured by its holder's row."""
    held = {row["place"]: row for row in holders}

    def place(record: PlaceRecord) -> MapPlace:
        row = held.get(record["id"])
        drawn = marked.get(record["id"])
        return MapPlace(
            id=record["id"],
            name=catalog.place_label(record["id"]),
            lon=record["lon"],
            lat=record["lat"],
            precision_km=record["coord_precision_km"],
            events=drawn.events if drawn else (),
            side=row["side"] if row else None,
            holder_name=row["holder_name"] if row else None,
            certainty=row["certainty"] if row else None,
            split=bool(row and row["split"]),
            sides=drawn.sides if drawn else (),
        )

    precise = [p for p in catalog.places.values() if p["coord_precision_km"] <= MARK_KM]
    box = widened(VALLEY, ((p["lon"], p["lat"]) for p in precise if p["id"] in marked))
    shown = [place(p) for p in precise if box.holds(p["lon"], p["lat"])]
    shown.sort(key=lambda p: (-p.event_count, p.precision_km, p.name))
    broad = [
        place(p)
        for p in catalog.places.values()
        if p["coord_precision_km"] > MARK_KM and p["id"] in marked
    ]
    broad.sort(key=lambda p: (-p.event_count, p.precision_km, p.name))
    return MapView(
        box=box, lines=map_lines(catalog), places=tuple(shown), broad=tuple(broad), events={}
    )


def map_lines(catalog: Catalog) -> tuple[GeoLineRecord, ...]:
    """The lines a map draws: the data file's (the river, the border), every one."""
    return tuple(catalog.record.get("lines", []))


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

    day, holders = _holders(catalog, on)
    leads = {v["id"]: side for v in views if (side := lead_side(v)) != "unknown"}
    return map_view(catalog, events, holders=holders, day=day, leads=leads)


def _holders(catalog: Catalog, on: str | None) -> tuple[str | None, list[dict[str, Any]]]:
    """With `--on DATE`: the last day of it, and who held each place at its end."""
    if on is None:
        return None, []
    from eastsyria.contract.control import standing_views
    from eastsyria.core.dates import parse_span

    day = parse_span(on).end.isoformat()
    return day, standing_views(catalog, day)


# -- a map of more events than are drawn one by one --------------------------------------------

# (place, lead actor, events): each event counted at its most precisely located place and by
# the actor it is drawn for (`eventsource.lead_actor`; None: no actor named).
Tally = list[tuple[str, "str | None", int]]


class MapChoice(NamedTuple):
    """What `map` draws: the matching events one by one (with --near's offsets), or, past
    `summary.MARK_CAP` of them, only their `tally` (then `found` is empty)."""

    found: list[EventRecord]
    near: dict[str, Offset]
    tally: Tally | None = None


def place_ranks(catalog: Catalog) -> dict[str, int]:
    """Each place's rank by how precisely it is located (0: the most precise): an event is
    counted at its place of least rank, the first named of equals, as `best_place` picks."""
    order = {
        km: i
        for i, km in enumerate(sorted({p["coord_precision_km"] for p in catalog.places.values()}))
    }
    return {place_id: order[p["coord_precision_km"]] for place_id, p in catalog.places.items()}


def choose_map(catalog: Catalog, filters: Filters, *, every: bool = False) -> MapChoice:
    """The matching events, or their tally when there are more than MARK_CAP (and not
    `every`). A store counts and tallies its selection itself; otherwise the events are read
    one at a time and only the first MARK_CAP + 1 kept, so memory does not grow with them."""
    from eastsyria.contract.summary import MARK_CAP
    from eastsyria.core.query import (
        build_query,
        candidates,
        counted_by_source,
        matches,
        measure,
        run,
        selection,
    )

    query = build_query(catalog, filters)
    ranks = place_ranks(catalog)
    if every or query.by_distance or counted_by_source(query):
        chosen = selection(catalog, query)
        if not every and not query.by_distance and catalog.source.count(chosen) > MARK_CAP:
            return MapChoice([], {}, catalog.source.by_mark(chosen, ranks))
        # --sort distance: --limit keeps the nearest, so every match is read to order them.
        found = run(catalog, query)
        if every or len(found) <= MARK_CAP:
            return MapChoice(found, measure(catalog, query, found))
        return MapChoice([], {}, tally_events(found, ranks))
    kept: list[EventRecord] = []
    counts: Counter[tuple[str, str | None]] = Counter()
    matched = 0
    for event in candidates(catalog, query, reverse=query.reverse):
        if not matches(catalog, query, event):
            continue
        matched += 1
        if matched <= MARK_CAP + 1:
            kept.append(event)
        place = marked_place(event, ranks)
        if place is not None:
            counts[place, lead_actor(event)] += 1
        if matched == query.limit:
            break
    if len(kept) <= MARK_CAP:
        return MapChoice(kept, measure(catalog, query, kept))
    return MapChoice([], {}, [(place, actor, n) for (place, actor), n in counts.items()])


def tally_events(events: Iterable[EventRecord], ranks: Mapping[str, int]) -> Tally:
    """`by_mark` of events already read (`place_ranks` the ranks)."""
    counts = Counter(
        (place, lead_actor(event))
        for event in events
        if (place := marked_place(event, ranks)) is not None
    )
    return [(place, actor, n) for (place, actor), n in counts.items()]


def density_view(catalog: Catalog, tally: Tally, on: str | None = None) -> MapView:
    """The map of a tally (`choose_map`): a place by its count of events and the sides that
    led them, none drawn alone; with `--on DATE` the places coloured as `events_map` does."""
    order = list(catalog.sides)
    counts: dict[str, Counter[str | None]] = {}
    for place, actor, count in tally:
        side = catalog.actors[actor]["side"] if actor in catalog.actors else None
        counts.setdefault(place, Counter())[None if side == "unknown" else side] += count

    def most_first(item: tuple[str | None, int]) -> tuple[int, int, str]:
        side, count = item
        return (-count, order.index(side) if side in order else len(order), side or "")

    marked = {
        place: MapPlace("", "", 0, 0, 0, sides=tuple(sorted(by_side.items(), key=most_first)))
        for place, by_side in counts.items()
    }
    day, holders = _holders(catalog, on)
    view = _framed(catalog, marked, holders)
    return view._replace(day=day, total=sum(count for _, _, count in tally))
