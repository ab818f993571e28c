"""Counts over a set of events, and their casualty claims side by side (never summed)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eastsyria.core.calendar import all_buckets, bucket
from eastsyria.core.catalog import Catalog
from eastsyria.core.eventsource import EventSource, count_events, event_places
from eastsyria.core.query import Filters, build_query, counted_by_source, run, selection

if TYPE_CHECKING:
    from eastsyria.data.records import CasualtyRecord, EventRecord
    from eastsyria.data.store import Selection


@dataclass(frozen=True, slots=True)
class EventStats:
    """Events counted by the period of their earliest possible day, type, side and place.

    `periods` runs from the first event's period to the last's, empty ones included; the
    other counts are most common first.
    """

    by: str
    events: int
    periods: list[tuple[str, int]]
    types: list[tuple[str, int]]
    sides: list[tuple[str, int]]
    places: list[tuple[str, int]]


def event_stats(catalog: Catalog, events: list[EventRecord], by: str = "month") -> EventStats:
    per_period = Counter(bucket(e["date"]["earliest"], by) for e in events)
    buckets: list[str] = []
    if events:
        earliest = min(e["date"]["earliest"] for e in events)
        latest = max(e["date"]["earliest"] for e in events)
        buckets = all_buckets(earliest, latest, by)
    return EventStats(
        by=by,
        events=len(events),
        periods=[(b, per_period.get(b, 0)) for b in buckets],
        types=Counter(e["type"] for e in events).most_common(),
        sides=count_events(events, catalog.event_sides).most_common(),
        places=count_events(events, event_places).most_common(),
    )


def select_stats(
    catalog: Catalog, filters: Filters, by: str = "month"
) -> tuple[EventStats, list[EventRecord]]:
    """The counts of the events matching `filters`, and those of them with casualty claims
    (the events `casualty_claims` reads). The events source counts them itself (a store
    reads no event but those with claims) unless a filter only the query core applies is
    given; `event_stats` counts the matching events then."""
    query = build_query(catalog, filters)
    if counted_by_source(query):
        chosen = selection(catalog, query)
        claimed = list(catalog.source.select(chosen, with_casualties=True))
        return counted_stats(catalog, catalog.source, chosen, by), claimed
    found = run(catalog, query)
    return event_stats(catalog, found, by), [event for event in found if event["casualties"]]


def counted_stats(catalog: Catalog, source: EventSource, chosen: Selection, by: str) -> EventStats:
    """The stats of the events `source` selects (`chosen`), counted by the source itself (a
    store in SQL), per period of `by`."""
    days = source.by_day(chosen)
    per_period: Counter[str] = Counter()
    for day, count in days:
        per_period[bucket(day, by)] += count
    buckets = all_buckets(days[0][0], days[-1][0], by) if days else []
    sides = {actor_id: actor["side"] for actor_id, actor in catalog.actors.items()}
    return EventStats(
        by=by,
        events=sum(count for _, count in days),
        periods=[(b, per_period.get(b, 0)) for b in buckets],
        types=source.ranked(chosen, "types"),
        sides=source.ranked(chosen, "sides", sides),
        places=source.ranked(chosen, "places"),
    )


def casualty_claims(
    catalog: Catalog, events: list[EventRecord]
) -> list[tuple[str, list[tuple[EventRecord, CasualtyRecord]]]]:
    """Every casualty figure of the events, grouped by party, parties by name.

    Overlapping claims (two counts of the same dead) stay side by side; nothing is added up.
    """
    groups: dict[str, list[tuple[EventRecord, CasualtyRecord]]] = {}
    for event in events:
        for claim in event["casualties"]:
            groups.setdefault(claim["party"], []).append((event, claim))
    return sorted(groups.items(), key=lambda item: catalog.party_name(item[0]))
