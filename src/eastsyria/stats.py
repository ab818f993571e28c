"""Counts over a set of events, and their casualty claims side by side (never summed)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import TYPE_CHECKING, Any

from eastsyria.catalog import Catalog
from eastsyria.views import casualty_view

if TYPE_CHECKING:
    from eastsyria.records import EventRecord

BUCKETS: tuple[str, ...] = ("month", "week")


def _bucket(iso: str, by: str) -> str:
    day = dt.date.fromisoformat(iso)
    if by == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return iso[:7]


def _next_bucket_start(day: dt.date, by: str) -> dt.date:
    if by == "week":
        return day - dt.timedelta(days=day.weekday()) + dt.timedelta(days=7)
    return (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def _all_buckets(first: str, last: str, by: str) -> list[str]:
    """Every bucket from the first event's to the last's, empty ones included."""
    buckets: list[str] = []
    day = dt.date.fromisoformat(first)
    end = dt.date.fromisoformat(last)
    while day <= end:
        buckets.append(_bucket(day.isoformat(), by))
        day = _next_bucket_start(day, by)
    if not buckets or buckets[-1] != _bucket(last, by):
        buckets.append(_bucket(last, by))
    return buckets


def event_stats(catalog: Catalog, events: list[EventRecord], by: str = "month") -> dict[str, Any]:
    """Events counted by the period of their earliest possible day, type, side and place."""
    per_period = Counter(_bucket(e["date"]["earliest"], by) for e in events)
    buckets: list[str] = []
    if events:
        earliest = min(e["date"]["earliest"] for e in events)
        latest = max(e["date"]["earliest"] for e in events)
        buckets = _all_buckets(earliest, latest, by)
    by_type = Counter(e["type"] for e in events)
    by_side = Counter(
        side for e in events for side in {catalog.actors[a["actor"]]["side"] for a in e["actors"]}
    )
    by_place = Counter(place for e in events for place in set(e["places"]))
    return {
        "by": by,
        "events": len(events),
        "periods": [{"period": b, "count": per_period.get(b, 0)} for b in buckets],
        "types": [{"type": t, "count": n} for t, n in by_type.most_common()],
        "sides": [
            {"side": s, "side_name": catalog.holder_name(s), "count": n}
            for s, n in by_side.most_common()
        ],
        "places": [
            {"place": p, "place_name": catalog.places[p]["name"], "count": n}
            for p, n in by_place.most_common()
        ],
        "casualties": casualty_claims(catalog, events),
    }


def casualty_claims(catalog: Catalog, events: list[EventRecord]) -> list[dict[str, Any]]:
    """Every casualty figure of the events, grouped by party, each with claimant and source.

    Overlapping claims (two counts of the same dead) are listed side by side and marked with
    the dispute they belong to; nothing is added up.
    """
    groups: dict[str, list[dict[str, Any]]] = {}
    for event in events:
        disputes = [d["id"] for d in catalog.disputes_by_event.get(event["id"], [])]
        for claim in event["casualties"]:
            row = {
                **casualty_view(catalog, claim),
                "event": event["id"],
                "event_date": event["date"]["text"],
                "disputes": disputes,
            }
            groups.setdefault(claim["party"], []).append(row)
    return [
        {"party": party, "party_name": catalog.party_name(party), "claims": claims}
        for party, claims in sorted(groups.items(), key=lambda item: catalog.party_name(item[0]))
    ]
