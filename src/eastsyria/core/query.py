"""Filters over the events: what the user typed, resolved against the catalog, then applied.

All filters combine with AND; repeated values of one filter (two --place options) with OR.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eastsyria.core.catalog import Catalog
from eastsyria.core.dates import DaySpan, inside, overlaps, parse_span
from eastsyria.core.geo import SORT_KEYS, Offset, nearest
from eastsyria.core.names import fold_words
from eastsyria.core.near import DEFAULT_RADIUS_KM, near_places, parse_radius
from eastsyria.errors import InputError

if TYPE_CHECKING:
    from eastsyria.data.records import EventRecord
    from eastsyria.data.store import Selection


@dataclass(frozen=True)
class Filters:
    """The filters as typed on the command line, before they are checked."""

    date_from: str | None = None
    date_to: str | None = None
    date_on: str | None = None
    within: bool = False
    places: tuple[str, ...] = ()
    inside: bool = False
    near: str | None = None
    radius: str | None = None
    wholly_within: bool = False
    actors: tuple[str, ...] = ()
    sides: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    campaigns: tuple[str, ...] = ()
    text: str | None = None
    limit: int | None = None
    reverse: bool = False
    sort: str = "date"
    disputed: bool = False


@dataclass(frozen=True)
class Query:
    """Checked filters: ISO bounds and sets of ids (places and actors with what they contain)."""

    start: str | None = None
    end: str | None = None
    within: bool = False
    place_sets: tuple[frozenset[str], ...] = ()
    actor_ids: frozenset[str] | None = None
    side_ids: frozenset[str] | None = None
    type_ids: frozenset[str] | None = None
    campaign_ids: frozenset[str] | None = None
    words: tuple[str, ...] = ()
    limit: int | None = None
    reverse: bool = False
    # --near: the reference place's id and the places within the radius.
    near: str | None = None
    near_places: frozenset[str] = frozenset()
    by_distance: bool = False
    # Only events a recorded disagreement between the sources touches.
    disputed: bool = False


def date_bounds(filters: Filters) -> tuple[str | None, str | None]:
    if filters.date_on is not None and (
        filters.date_from is not None or filters.date_to is not None
    ):
        raise InputError("--on cannot be combined with --from or --to; use either")
    if filters.date_on is not None:
        return parse_span(filters.date_on).iso()
    low: DaySpan | None = parse_span(filters.date_from) if filters.date_from is not None else None
    high: DaySpan | None = parse_span(filters.date_to) if filters.date_to is not None else None
    if low is not None and high is not None and low.start > high.end:
        raise InputError(
            f"--from {filters.date_from!r} is later than --to {filters.date_to!r}; swap them"
        )
    return (
        low.start.isoformat() if low is not None else None,
        high.end.isoformat() if high is not None else None,
    )


def build_query(catalog: Catalog, filters: Filters) -> Query:
    """Check every filter against the catalog; raises InputError on the first bad value."""
    start, end = date_bounds(filters)

    if filters.limit is not None and filters.limit < 1:
        raise InputError(f"--limit must be 1 or more, not {filters.limit}")
    if filters.radius is not None and filters.near is None:
        raise InputError("--radius needs --near PLACE")
    if filters.wholly_within and filters.near is None:
        raise InputError("--wholly-within needs --near PLACE")
    radius = DEFAULT_RADIUS_KM if filters.radius is None else parse_radius(filters.radius)

    if filters.inside and not filters.places:
        raise InputError("--inside needs --place PLACE")
    place_sets: list[frozenset[str]] = []
    if filters.places:
        ids = [pid for name in filters.places for pid in catalog.places_named(name)]
        reach = catalog.places_within if filters.inside else catalog.places_around
        place_sets.append(frozenset().union(*(reach(i) for i in ids)))
    near, nearby = near_places(catalog, filters.near, radius, wholly=filters.wholly_within)
    if near is not None:
        place_sets.append(nearby)
    by_distance = _check_sort(filters)

    actor_ids = None
    if filters.actors:
        ids = [catalog.resolve_actor(name) for name in filters.actors]
        actor_ids = frozenset().union(*(catalog.actors_within(i) for i in ids))
    side_ids = frozenset(catalog.resolve_side(s) for s in filters.sides) if filters.sides else None
    type_ids = frozenset(catalog.resolve_type(t) for t in filters.types) if filters.types else None
    campaign_ids = None
    if filters.campaigns:
        ids = [catalog.resolve_campaign(c) for c in filters.campaigns]
        campaign_ids = frozenset().union(*(catalog.campaigns_within(i) for i in ids))
    words = tuple(fold_words(filters.text).split()) if filters.text else ()
    if filters.text is not None and not words:
        raise InputError(f"--text {filters.text!r} has no words to search for")

    return Query(
        start=start,
        end=end,
        within=filters.within,
        place_sets=tuple(place_sets),
        actor_ids=actor_ids,
        side_ids=side_ids,
        type_ids=type_ids,
        campaign_ids=campaign_ids,
        words=words,
        limit=filters.limit,
        reverse=filters.reverse,
        near=near,
        near_places=nearby,
        by_distance=by_distance,
        disputed=filters.disputed,
    )


def place_notes(catalog: Catalog, filters: Filters) -> tuple[str, ...]:
    """What to tell on stderr before the answer: each --place name that fits several places,
    all of which the answer is for, and how to pick one."""
    from eastsyria.core.placenames import ambiguity_note

    notes = []
    for name in dict.fromkeys(filters.places):
        found = catalog.places_named(name)
        if len(found) > 1:
            notes.append(ambiguity_note("--place", name, found, catalog.place_labels))
    return tuple(notes)


def _check_sort(filters: Filters) -> bool:
    """Whether --sort asks for the nearest first; raises InputError on a key it cannot take."""
    if filters.sort not in SORT_KEYS:
        raise InputError(f"--sort must be {' or '.join(SORT_KEYS)}, not {filters.sort!r}")
    if filters.sort == "distance" and filters.near is None:
        raise InputError("--sort distance needs --near PLACE, the place to measure from")
    return filters.sort == "distance"


def offset_of(catalog: Catalog, query: Query, event: EventRecord) -> Offset | None:
    """--near: where the event's place nearest the reference lies from it, among its places
    within the radius; None without --near."""
    if query.near is None:
        return None
    within = [p for p in event["places"] if p in query.near_places]
    covering = frozenset(p for p in within if query.near in catalog.places_within(p))
    return nearest(catalog.places, query.near, within, catalog.places_within(query.near), covering)


def matches(catalog: Catalog, query: Query, event: EventRecord) -> bool:
    date = event["date"]
    if query.start is not None or query.end is not None:
        test = inside if query.within else overlaps
        if not test(date["earliest"], date["latest"], query.start, query.end):
            return False
    if query.type_ids is not None and event["type"] not in query.type_ids:
        return False
    if query.disputed and event["id"] not in catalog.disputes_by_event:
        return False
    if query.campaign_ids is not None and event["campaign"] not in query.campaign_ids:
        return False
    for allowed in query.place_sets:
        if allowed.isdisjoint(event["places"]):
            return False
    if query.actor_ids is not None and not any(
        a["actor"] in query.actor_ids for a in event["actors"]
    ):
        return False
    if query.side_ids is not None and query.side_ids.isdisjoint(catalog.event_sides(event)):
        return False
    if query.words:
        haystack = fold_words(f"{event['title']} {event['summary']}")
        padded = f" {haystack} "
        if not all(f" {word}" in padded for word in query.words):
            return False
    return True


def run(catalog: Catalog, query: Query) -> list[EventRecord]:
    """The matching events in chronological order (earliest, latest, id), or nearest the
    --near place first (in that order on a tie); then reversed, then cut to --limit."""
    if query.by_distance:
        found = [event for event in candidates(catalog, query) if matches(catalog, query, event)]
        distances = measure(catalog, query, found)
        found.sort(key=lambda e: _order(distances.get(e["id"])))
        if query.reverse:
            found.reverse()
        return found if query.limit is None else found[: query.limit]
    if catalog.store is None:
        found = [event for event in catalog.events if matches(catalog, query, event)]
        if query.reverse:
            found.reverse()
        return found if query.limit is None else found[: query.limit]
    found = []
    for event in candidates(catalog, query, reverse=query.reverse):
        if matches(catalog, query, event):
            found.append(event)
            if len(found) == query.limit:
                break
    return found


def candidates(catalog: Catalog, query: Query, *, reverse: bool = False) -> Iterable[EventRecord]:
    """The events that may match, chronological (or reversed): every event, or from a store
    those its indexes find. `matches` has the last word on each, so the store need only
    never leave out an event that matches."""
    if catalog.store is None:
        return reversed(catalog.events) if reverse else catalog.events
    return catalog.store.select(selection(catalog, query), reverse=reverse)


def selection(catalog: Catalog, query: Query) -> Selection:
    """What a store's indexes can tell of the query: all of it but --text and --limit."""
    from eastsyria.data.store import Selection

    actor_sets: list[frozenset[str]] = [] if query.actor_ids is None else [query.actor_ids]
    if query.side_ids is not None:
        sides = query.side_ids
        actor_sets.append(frozenset(a for a, r in catalog.actors.items() if r["side"] in sides))
    return Selection(
        start=query.start,
        end=query.end,
        within=query.within,
        place_sets=query.place_sets,
        actor_sets=tuple(actor_sets),
        types=query.type_ids,
        campaigns=query.campaign_ids,
        ids=frozenset(catalog.disputes_by_event) if query.disputed else None,
    )


def counted_in_store(catalog: Catalog, query: Query) -> bool:
    """Whether the store's own counts are the query's: it has a store, and no filter that
    only `matches` can apply (--text) or that depends on order (--limit)."""
    return catalog.store is not None and not query.words and query.limit is None


def select(catalog: Catalog, filters: Filters) -> list[EventRecord]:
    """The events matching the filters as typed; raises InputError on the first bad value."""
    return run(catalog, build_query(catalog, filters))


def select_located(
    catalog: Catalog, filters: Filters
) -> tuple[list[EventRecord], dict[str, Offset]]:
    """`select`, and with --near where each event lies from the place (`measure`), the
    filters checked once."""
    query = build_query(catalog, filters)
    found = run(catalog, query)
    return found, measure(catalog, query, found)


def _order(found: Offset | None) -> tuple[int, float]:
    return (0, 0.0) if found is None else found.order


def measure(catalog: Catalog, query: Query, events: list[EventRecord]) -> dict[str, Offset]:
    """--near: each event's offset from the reference place, by event id; empty without it."""
    if query.near is None:
        return {}
    offsets = ((event["id"], offset_of(catalog, query, event)) for event in events)
    return {event_id: found for event_id, found in offsets if found is not None}


def no_match_notes(catalog: Catalog, filters: Filters) -> tuple[str, ...]:
    """What to say when nothing matches: that, and where an asked-for actor does appear.

    IRGC and Soleimani are in the infoboxes' units and commanders but in no event, so
    `--actor Iran` finds no event; the reader is pointed at the campaigns that list them.
    """
    notes = ["no events match these filters"]
    for name in filters.actors:
        wanted = catalog.actors_within(catalog.resolve_actor(name))
        if next(iter(candidates(catalog, Query(actor_ids=wanted))), None) is not None:
            continue
        listing: dict[str, list[str]] = {}
        for campaign in catalog.campaigns.values():
            named = [*campaign["units"], *(c["actor"] for c in campaign["commanders"])]
            for actor in named:
                if actor in wanted:
                    listing.setdefault(catalog.actors[actor]["name"], []).append(campaign["name"])
        if listing:
            where = " and ".join(dict.fromkeys(c for cs in listing.values() for c in cs))
            notes.append(
                f"no event names {name!r} or what belongs to it; the infoboxes of {where} "
                f"list {', '.join(listing)} (see: eastsyria campaigns)"
            )
    return tuple(notes)
