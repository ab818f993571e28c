"""What `control`, `stats` and `validate` compute, as the documented JSON objects."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from eastsyria.contract.events import casualty_view
from eastsyria.core.catalog import Catalog
from eastsyria.core.control import Period, last_changes, periods
from eastsyria.core.stats import EventStats, casualty_claims
from eastsyria.errors import Problem

if TYPE_CHECKING:
    from eastsyria.data.records import DatasetRecord, EventRecord

# -- control ----------------------------------------------------------------------------------


def _bound(event: EventRecord | None, prefix: str) -> dict[str, Any]:
    if event is None:
        return {prefix: None, f"{prefix}_latest": None, f"{prefix}_date": None}
    date = event["date"]
    return {
        prefix: date["earliest"],
        f"{prefix}_latest": date["latest"],
        f"{prefix}_date": date["text"],
    }


def period_view(catalog: Catalog, period: Period) -> dict[str, Any]:
    """A period of control; its start and end carry the uncertainty of their events' dates."""
    begun = period.begun
    return {
        "holder": period.holder,
        "holder_name": catalog.holder_name(period.holder),
        "side": catalog.holder_side(period.holder),
        "extent": period.extent,
        **_bound(begun.event if begun else None, "start"),
        **_bound(period.ended.event if period.ended else None, "end"),
        "event": begun.event["id"] if begun else None,
        "event_title": begun.event["title"] if begun else None,
        "note": begun.change["note"] if begun else None,
    }


def place_control(catalog: Catalog, place_id: str) -> dict[str, Any]:
    """`control PLACE --format json`: the place and who held it when."""
    place = catalog.places[place_id]
    return {
        "place": {key: place[key] for key in ("id", "name", "kind", "lat", "lon")},
        "periods": [period_view(catalog, p) for p in periods(catalog, place_id)],
    }


def control_summary(catalog: Catalog) -> list[dict[str, Any]]:
    """`control --format json`: every place that changed hands, how often, who held it last."""
    return [
        {
            "place": place_id,
            "place_name": catalog.places[place_id]["name"],
            "changes": count,
            "last_holder": last.change["to"],
            "last_holder_name": catalog.holder_name(last.change["to"]),
            "last_extent": last.change["extent"],
            "since": last.event["date"]["earliest"],
            "since_date": last.event["date"]["text"],
            "event": last.event["id"],
        }
        for place_id, count, last in last_changes(catalog)
    ]


# -- stats ------------------------------------------------------------------------------------


def stats_view(catalog: Catalog, stats: EventStats, events: list[EventRecord]) -> dict[str, Any]:
    """`stats --format json`: the counts, and every casualty claim with its claimant."""
    return {
        "by": stats.by,
        "events": stats.events,
        "periods": [{"period": b, "count": n} for b, n in stats.periods],
        "types": [{"type": t, "count": n} for t, n in stats.types],
        "sides": [
            {"side": s, "side_name": catalog.holder_name(s), "count": n} for s, n in stats.sides
        ],
        "places": [
            {"place": p, "place_name": catalog.places[p]["name"], "count": n}
            for p, n in stats.places
        ],
        "casualties": [
            {
                "party": party,
                "party_name": catalog.party_name(party),
                "claims": [
                    {
                        **casualty_view(catalog, claim),
                        "event": event["id"],
                        "event_date": event["date"]["text"],
                        "disputes": [
                            d["id"] for d in catalog.disputes_by_event.get(event["id"], [])
                        ],
                    }
                    for event, claim in claims
                ],
            }
            for party, claims in casualty_claims(catalog, events)
        ],
    }


# -- validate ---------------------------------------------------------------------------------

COUNTED = ("events", "places", "actors", "campaigns", "disputes", "sources")


def validation_report(
    path: Path, record: DatasetRecord | None, problems: list[Problem]
) -> dict[str, Any]:
    """`validate --format json`: {path, valid, counts, problems}."""
    counts = None if record is None else {key: len(record[key]) for key in COUNTED}  # type: ignore[literal-required]
    return {
        "path": str(path),
        "valid": record is not None,
        "counts": counts,
        "problems": [{"location": p.location, "message": p.message} for p in problems],
    }


def validation_lines(report: dict[str, Any]) -> list[str]:
    """['valid: data/events.json: 64 events, 29 places, ...'], or the problems, one a line."""
    if report["valid"]:
        listed = ", ".join(f"{count} {key}" for key, count in report["counts"].items())
        return [f"valid: {report['path']}: {listed}"]
    return [f"{report['path']}: {p['location']}: {p['message']}" for p in report["problems"]]
