"""`disputes` and `casualties` as the documented objects (docs/formats.md: "Disputes",
"Casualties").

A dispute in JSON is the one `show` gives (`dispute_view`), with the events it is about; in
CSV, TSV and Markdown a row per claim. A casualty figure is `casualty_view`'s, laid flat, with
its low and high as numbers and the group of figures it competes with. Field names and their
order are the contract pinned by tests/test_contract.py; add fields at the end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from eastsyria.contract.events import casualty_view, claim_view, dispute_view
from eastsyria.contract.texts import source_label
from eastsyria.core.totals import bounds

if TYPE_CHECKING:
    from eastsyria.core.catalog import Catalog
    from eastsyria.core.claims import Casualty, Competing
    from eastsyria.core.totals import Total
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
    "subgroup",
    "claimant",
    "part_of",
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
    "claimant",
    "source",
    "event",
)
CASUALTY_BRIEF_FIELDS: tuple[str, ...] = (
    "scope",
    "group",
    "party_name",
    "figure",
    "period",
    "claimant",
    "source",
    "event",
)


def casualty_row(
    catalog: Catalog,
    casualty: Casualty,
    group: int | None,
    competing: Competing | None,
    part_of: int | None = None,
) -> dict[str, Any]:
    """One figure as claimed, flat: scope, who, how many (low, high), when, claimed by whom,
    where it is written, the group of figures it competes with (`group`, `competing`) and
    the group whose losses it is a part of (`part_of`)."""
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
        "subgroup": view["subgroup"],
        "claimant": view["claimant"],
        "part_of": part_of,
    }


def casualty_rows(
    catalog: Catalog, groups: list[Competing], totals: list[Casualty]
) -> list[dict[str, Any]]:
    """The events' figures group by group (numbered from 1), each with the number of the
    group it is a part of; then the campaigns' totals."""
    rows = [
        casualty_row(
            catalog,
            casualty,
            number,
            group,
            None if group.part_of is None else group.part_of + 1,
        )
        for number, group in enumerate(groups, start=1)
        for casualty in group.casualties
    ]
    return rows + [casualty_row(catalog, total, None, None) for total in totals]


# A figure's piped fields after its scope and group (the first two, `piped_lines`): the
# line a store keeps of it.
STORED_PIPED_FIELDS = CASUALTY_PIPED_FIELDS[2:]


def stored_claims(
    catalog: Catalog,
    event: EventRecord,
    line: Callable[[Mapping[str, Any], Sequence[str]], str],
) -> list[tuple[Any, ...]]:
    """What a store keeps of each casualty figure of `event` (`data.store`'s `claims`
    table): what grouping reads of it, and its piped line after its group's number, made
    by `line` (`output.machine.tsv_line`) from its row as `casualty_rows` makes it."""
    from eastsyria.core.claims import Casualty

    kept = []
    for claim in event["casualties"]:
        figure = Casualty(claim, event, event["campaign"])
        earliest, latest = figure.span() or ("", "")
        kept.append(
            (
                event["id"],
                claim["party"],
                claim["kind"],
                claim.get("subgroup"),
                earliest,
                latest,
                claim["claimed_by"],
                claim.get("claimant"),
                claim["source"]["article"],
                line(casualty_row(catalog, figure, None, None), STORED_PIPED_FIELDS),
            )
        )
    return kept


def piped_lines(
    rows: Sequence[Sequence[Any]], groups: Iterable[list[int]], batch: int = 1000
) -> Iterator[str]:
    """The figures group by group as `casualty_rows` gives them, in TSV with the piped
    fields: each figure's stored line (the last of its row, `stored_claims`) after its scope
    and its group's number, `batch` groups at a time. `groups` gives each group's figures
    as their positions in `rows` (`core.claims.stored_groups`)."""
    lines: list[str] = []
    for number, group in enumerate(groups, start=1):
        head = f"event\t{number}\t"
        lines.extend(head + rows[index][-1] + "\n" for index in group)
        if len(lines) >= batch:
            yield "".join(lines)
            lines = []
    if lines:
        yield "".join(lines)


# -- casualties --total -----------------------------------------------------------------------

CASUALTY_TOTAL_FIELDS: tuple[str, ...] = (
    "scope",
    "place",
    "place_name",
    "period_start",
    "period_end",
    "period",
    "kind",
    "low",
    "high",
    "total",
    "events",
    "figures",
    "competing",
    "parts",
    "claimants",
    "campaign",
    "campaign_name",
)
CASUALTY_TOTAL_PIPED_FIELDS: tuple[str, ...] = (
    "scope",
    "place_name",
    "period_start",
    "period_end",
    "kind",
    "low",
    "high",
    "figures",
    "claimants",
)
CASUALTY_TOTAL_BRIEF_FIELDS: tuple[str, ...] = (
    "scope",
    "place_name",
    "period",
    "total",
    "figures",
    "claimants",
)


def total_text(low: int, high: int | None, kind: str) -> str:
    """'78 killed', '20–40 killed', 'at least 2,573 killed'."""
    if high is None:
        return f"at least {low:,} {kind}"
    if high == low:
        return f"{low:,} {kind}"
    return f"{low:,}–{high:,} {kind}"


def total_row(catalog: Catalog, total: Total) -> dict[str, Any]:
    """One place and period's total (or a campaign's), flat: where, when, the least and
    the most, and what it rests on."""
    from eastsyria.contract.events import claimant_name
    from eastsyria.core.calendar import span_text, whole_period

    place = catalog.places.get(total.place or "")
    campaign = catalog.campaigns.get(total.campaign or "")
    period = None
    if total.start and total.end:
        period = whole_period(total.start, total.end) or span_text(total.start, total.end)
    return {
        "scope": total.scope,
        "place": total.place,
        "place_name": place["name"] if place else None,
        "period_start": total.start or None,
        "period_end": total.end or None,
        "period": period,
        "kind": total.kind,
        "low": total.low,
        "high": total.high,
        "total": total_text(total.low, total.high, total.kind),
        "events": total.events,
        "figures": len(total.figures),
        "competing": total.competing,
        "parts": total.parts,
        "claimants": list(dict.fromkeys(claimant_name(catalog, c.claim) for c in total.figures)),
        "campaign": total.campaign,
        "campaign_name": (campaign["name"] if campaign else total.campaign)
        if total.campaign
        else None,
    }
