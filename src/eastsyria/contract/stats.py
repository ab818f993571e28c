"""What `stats` computes, as the documented JSON object."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eastsyria.contract.events import casualty_view
from eastsyria.core.stats import casualty_claims

if TYPE_CHECKING:
    from eastsyria.core.catalog import Catalog
    from eastsyria.core.stats import EventStats
    from eastsyria.data.records import CasualtyRecord, EventRecord


def stats_view(
    catalog: Catalog,
    stats: EventStats,
    events: list[EventRecord],
    claims_limit: int | None = None,
) -> dict[str, Any]:
    """`stats --format json`: the counts, and every casualty claim with its claimant (the
    first `claims_limit` of them, for a screen that draws no more)."""
    groups = casualty_claims(catalog, events)
    if claims_limit is not None:
        kept: list[tuple[str, list[tuple[EventRecord, CasualtyRecord]]]] = []
        room = claims_limit
        for party, claims in groups:
            if room <= 0:
                break
            kept.append((party, claims[:room]))
            room -= len(claims[:room])
        groups = kept
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
            for party, claims in groups
        ],
    }
