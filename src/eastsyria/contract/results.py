"""What `control`, `stats` and `validate` compute, as the documented JSON objects."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from eastsyria.contract.control import basis_view
from eastsyria.contract.events import casualty_view
from eastsyria.core.catalog import Catalog
from eastsyria.core.control import (
    Change,
    Period,
    Share,
    claims_by_place,
    last_changes,
    periods,
)
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


def share_view(catalog: Catalog, share: Share) -> dict[str, Any]:
    return {
        "holder": share.holder,
        "holder_name": catalog.holder_name(share.holder),
        "side": catalog.holder_side(share.holder),
        "extent": share.extent,
        "part": share.part,
    }


def period_view(catalog: Catalog, period: Period) -> dict[str, Any]:
    """A period of control; its start and end carry the uncertainty of their events' dates.

    `holder` is the one who took the place (or held it first); `holders` everyone who held a
    part of it, when it was split.
    """
    begun = period.begun
    change = begun.change if begun else None
    lead = share_view(catalog, period.lead)
    return {
        **{key: lead[key] for key in ("holder", "holder_name", "side", "extent")},
        **_bound(begun.event if begun else None, "start"),
        **_bound(period.ended.event if period.ended else None, "end"),
        "event": begun.event["id"] if begun else None,
        "event_title": begun.event["title"] if begun else None,
        "note": change["note"] if change else None,
        # Added in issue 11, so after the fields scripts already read.
        "part": lead["part"],
        "split": period.split,
        "holders": [share_view(catalog, share) for share in period.shares],
        "status": change["status"] if change else None,
        "claimed_by": change["claimed_by"] if change else None,
        "claimed_by_name": catalog.holder_name(change["claimed_by"])
        if change and change["claimed_by"]
        else None,
        "certainty": period_certainty(period),
        "basis": basis_view(period.rests_on),
        "start_known": period.known_since,
        "from_part": change["from_part"] if change else None,
    }


def period_certainty(period: Period) -> str:
    """How sure the data is of a period's holders: `certain`, `reported` or `inferred` by the
    weakest thing it rests on, or `held-when-changed` for a first period known only from the
    `from` side of the change that ended it (who held the place then; since when, unknown)."""
    if not period.known_since:
        return "held-when-changed"
    return "certain" if period.status == "stated" else period.status


def claim_view(catalog: Catalog, claim: Change) -> dict[str, Any]:
    """A claimed change of control the text does not confirm: who claimed what, and when."""
    change = claim.change
    claimant = change["claimed_by"] or ""
    return {
        "claimed_by": claimant,
        "claimed_by_name": catalog.holder_name(claimant),
        "from": change["from"],
        "from_name": catalog.holder_name(change["from"]),
        "to": change["to"],
        "to_name": catalog.holder_name(change["to"]),
        "extent": change["extent"],
        "part": change["part"],
        **_bound(claim.event, "date"),
        "event": claim.event["id"],
        "event_title": claim.event["title"],
        "note": change["note"],
    }


def place_control(catalog: Catalog, place_id: str) -> dict[str, Any]:
    """`control PLACE --format json`: the place, who held it when, and unconfirmed claims."""
    place = catalog.places[place_id]
    return {
        "place": {
            **{key: place[key] for key in ("id", "name", "kind", "lat", "lon")},
            "label": catalog.place_label(place_id),
        },
        "periods": [period_view(catalog, p) for p in periods(catalog, place_id)],
        "claims": [claim_view(catalog, c) for c in claims_by_place(catalog).get(place_id, [])],
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
            "place_label": catalog.place_label(place_id),
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
            {
                "place": p,
                "place_name": catalog.places[p]["name"],
                "count": n,
                "place_label": catalog.place_label(p),
            }
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
    path: Path, record: DatasetRecord | None, problems: list[Problem], events: int | None = None
) -> dict[str, Any]:
    """`validate --format json`: {path, valid, counts, problems}. `events` counts the events
    where `record` does not hold them (a store's)."""
    counts = None if record is None else {key: len(record[key]) for key in COUNTED}  # type: ignore[literal-required]
    if counts is not None and events is not None:
        counts["events"] = events
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
