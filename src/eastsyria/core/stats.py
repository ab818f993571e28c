"""Counts over a set of events, and their casualty claims side by side (never summed)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from eastsyria.core.calendar import all_buckets, bucket
from eastsyria.core.catalog import Catalog
from eastsyria.core.eventsource import EventSource, chronological, count_events, event_places
from eastsyria.core.query import Filters, build_query, counted_by_source, run, selection
from eastsyria.data.store import Selection

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


class Claimed:
    """The casualty claims of the events `stats` counts: how many, the events that hold the
    first of them (`casualty_claims`' order), or every event with one. Read from the events
    source where it selected them (a store reads only the events it names), else from the
    matching events."""

    def __init__(
        self,
        catalog: Catalog,
        chosen: Selection | None = None,
        events: list[EventRecord] | None = None,
    ) -> None:
        self.catalog = catalog
        self.chosen = chosen
        self._events = events

    @cached_property
    def _parties(self) -> list[tuple[str, int]]:
        """(party, claims), in the order of `casualty_claims`' groups."""
        if self.chosen is None:
            groups = casualty_claims(self.catalog, self.every())
            return [(party, len(claims)) for party, claims in groups]
        rows = self.catalog.source.claims_by_party(self.chosen)
        # A party's first claim orders parties of one name, as `casualty_claims` keeps them.
        rows.sort(key=lambda row: (self.catalog.party_name(row[0]), row[2]))
        return [(party, count) for party, count, _ in rows]

    @property
    def total(self) -> int:
        return sum(count for _, count in self._parties)

    def every(self) -> list[EventRecord]:
        """Every event with a claim, in order."""
        if self._events is None:
            chosen = self.chosen or Selection()
            self._events = list(self.catalog.source.select(chosen, with_casualties=True))
        return self._events

    def first(self, limit: int) -> list[EventRecord]:
        """Events, in order, that hold the first `limit` claims of `casualty_claims`' groups
        (and perhaps others, which come after them in their parties' groups)."""
        if self.chosen is None or self._events is not None:
            return self.every()
        wanted: dict[str, EventRecord] = {}
        room = limit
        for party, count in self._parties:
            if room <= 0:
                break
            for event in self.catalog.source.claiming(self.chosen, party, room):
                wanted[event["id"]] = event
            room -= min(count, room)
        return sorted(wanted.values(), key=chronological)


def select_stats(
    catalog: Catalog, filters: Filters, by: str = "month"
) -> tuple[EventStats, Claimed]:
    """The counts of the events matching `filters`, and their casualty claims. The events
    source counts them itself (a store reads no event but those with the claims asked for)
    unless a filter only the query core applies is given; `event_stats` counts the matching
    events then."""
    query = build_query(catalog, filters)
    if counted_by_source(query):
        chosen = selection(catalog, query)
        return counted_stats(catalog, catalog.source, chosen, by), Claimed(catalog, chosen)
    found = run(catalog, query)
    claimed = [event for event in found if event["casualties"]]
    return event_stats(catalog, found, by), Claimed(catalog, events=claimed)


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
