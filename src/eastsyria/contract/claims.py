"""`disputes` and `casualties` as the documented objects (the README's sections on them).

A dispute in JSON is the one `show` gives (`dispute_view`), with the events it is about; in
CSV, TSV and Markdown a row per claim. A casualty figure is `casualty_view`'s, laid flat, with
its low and high as numbers and the group of figures it competes with. Field names and their
order are the contract pinned by tests/test_contract.py; add fields at the end.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eastsyria.contract.events import casualty_view, claim_view, dispute_view
from eastsyria.contract.texts import source_label

if TYPE_CHECKING:
    from eastsyria.core.catalog import Catalog
    from eastsyria.core.claims import Casualty, Competing
    from eastsyria.data.records import DisputeRecord, EventRecord

# A dispute as JSON and JSON Lines.
DISPUTE_FIELDS: tuple[str, ...] = ("id", "topic", "summary", "claims", "events")
# A row of CSV, TSV or Markdown: one claim, with its dispute's id and topic.
DISPUTE_CLAIM_FIELDS: tuple[str, ...] = (
    "id",
    "topic",
    "claimant",
    "claimant_name",
    "statement",
    "article",
    "section",
    "source",
    "source_url",
    "event",
    "event_title",
    "event_start",
    "event_end",
    "event_date",
)
DISPUTE_PIPED_FIELDS: tuple[str, ...] = ("id", "event", "claimant_name", "source", "statement")
DISPUTE_BRIEF_FIELDS: tuple[str, ...] = (
    "topic",
    "claimant_name",
    "source",
    "statement",
    "event",
    "event_date",
)


def event_brief(event: EventRecord) -> dict[str, Any]:
    """An event a claim is about: enough to find it and place it in time."""
    date = event["date"]
    return {
        "id": event["id"],
        "title": event["title"],
        "start": date["earliest"],
        "end": date["latest"],
        "date": date["text"],
    }


def dispute_document(catalog: Catalog, dispute: DisputeRecord) -> dict[str, Any]:
    """A disagreement in full (as `show` gives it) and the events its claims are about."""
    from eastsyria.core.claims import dispute_events

    return {
        **dispute_view(catalog, dispute),
        "events": [event_brief(event) for event in dispute_events(catalog, dispute)],
    }


def dispute_rows(catalog: Catalog, dispute: DisputeRecord) -> list[dict[str, Any]]:
    """A row per claim, the dispute's id and topic repeated on each."""
    rows = []
    for claim in dispute["claims"]:
        view = claim_view(catalog, claim)
        event = catalog.events_by_id.get(claim["event"] or "")
        brief = event_brief(event) if event else dict.fromkeys(("title", "start", "end", "date"))
        rows.append(
            {
                "id": dispute["id"],
                "topic": dispute["topic"],
                "claimant": claim["claimant"],
                "claimant_name": view["claimant_name"],
                "statement": claim["statement"],
                "article": claim["source"]["article"],
                "section": claim["source"]["section"],
                "source": view["source_label"],
                "source_url": view["source_url"],
                "event": claim["event"],
                "event_title": brief["title"],
                "event_start": brief["start"],
                "event_end": brief["end"],
                "event_date": brief["date"],
            }
        )
    return rows


# -- casualties -------------------------------------------------------------------------------

CASUALTY_FIELDS: tuple[str, ...] = (
    "scope",
    "party",
    "party_name",
    "kind",
    "low",
    "high",
    "best",
    "qualifier",
    "figure",
    "period_start",
    "period_end",
    "period",
    "claimed_by",
    "claimed_by_name",
    "article",
    "section",
    "source",
    "source_url",
    "event",
    "event_title",
    "event_start",
    "event_end",
    "event_date",
    "campaign",
    "campaign_name",
    "note",
    "group",
    "competing",
    "disputes",
)
CASUALTY_PIPED_FIELDS: tuple[str, ...] = (
    "scope",
    "group",
    "party_name",
    "kind",
    "low",
    "high",
    "qualifier",
    "period_start",
    "period_end",
    "claimed_by_name",
    "source",
    "event",
)
CASUALTY_BRIEF_FIELDS: tuple[str, ...] = (
    "scope",
    "group",
    "party_name",
    "figure",
    "period",
    "claimed_by_name",
    "source",
    "event",
)


def bounds(count: int, count_max: int | None, qualifier: str) -> tuple[int | None, int | None]:
    """The least and the most a figure says: 'at least 9' has no most, 'up to 1,000' no
    least; '5,000–10,000' is both ends; an exact or 'about' figure is both."""
    low: int | None = count
    high: int | None = count if count_max is None else count_max
    if qualifier == "at-least" and count_max is None:
        high = None
    if qualifier == "up-to":
        low, high = (None, high) if count_max is None else (count, count_max)
    return low, high


def casualty_row(
    catalog: Catalog, casualty: Casualty, group: int | None, competing: Competing | None
) -> dict[str, Any]:
    """One figure as claimed, flat: scope, who, how many (low, high), when, claimed by whom,
    where it is written, and the group of figures it competes with (`group`, `competing`)."""
    view = casualty_view(catalog, casualty.claim)
    event, source = casualty.event, view["source"]
    campaign = catalog.campaigns.get(casualty.campaign)
    low, high = bounds(view["count"], view["count_max"], view["qualifier"])
    # A campaign's total covers the campaign's dates.
    covered = view["period"] or (
        None
        if campaign is None or event is not None
        else {
            "start": campaign["date"]["earliest"],
            "end": campaign["date"]["latest"],
            "date": campaign["date"]["text"],
        }
    )
    return {
        "scope": casualty.scope,
        "party": view["party"],
        "party_name": view["party_name"],
        "kind": view["kind"],
        "low": low,
        "high": high,
        "best": view["best"],
        "qualifier": view["qualifier"],
        "figure": view["figure"],
        "period_start": covered["start"] if covered else None,
        "period_end": covered["end"] if covered else None,
        "period": covered["date"] if covered else None,
        "claimed_by": view["claimed_by"],
        "claimed_by_name": view["claimed_by_name"],
        "article": source["article"],
        "section": source["section"],
        "source": source_label(source),
        "source_url": source["url"],
        "event": event["id"] if event else None,
        "event_title": event["title"] if event else None,
        "event_start": event["date"]["earliest"] if event else None,
        "event_end": event["date"]["latest"] if event else None,
        "event_date": event["date"]["text"] if event else None,
        "campaign": casualty.campaign,
        "campaign_name": campaign["name"] if campaign else casualty.campaign,
        "note": view["note"],
        "group": group,
        "competing": bool(competing and competing.competing),
        "disputes": [d["id"] for d in catalog.disputes_by_event.get(event["id"], [])]
        if event
        else [],
    }


def casualty_rows(
    catalog: Catalog, groups: list[Competing], totals: list[Casualty]
) -> list[dict[str, Any]]:
    """The events' figures group by group (numbered from 1), then the campaigns' totals."""
    rows = [
        casualty_row(catalog, casualty, number, group)
        for number, group in enumerate(groups, start=1)
        for casualty in group.casualties
    ]
    return rows + [casualty_row(catalog, total, None, None) for total in totals]
