"""Counts over a set of events, and their casualty claims side by side (never summed)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eastsyria.core.calendar import all_buckets, bucket
from eastsyria.core.catalog import Catalog, count_events, event_places

if TYPE_CHECKING:
    from eastsyria.data.records import CasualtyRecord, EventRecord


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
