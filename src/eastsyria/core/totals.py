"""What the casualty claims allow in total: per place and period, the lowest and the highest
count of one kind of losses, adding the figures of separate losses, taking competing figures
as a range, and never adding a part to its whole (`casualties --total`)."""

from __future__ import annotations

import calendar
from typing import TYPE_CHECKING, NamedTuple

from eastsyria.core.claims import (
    APART,
    Casualty,
    Competing,
    days_overlap,
    relation,
)

if TYPE_CHECKING:
    from eastsyria.core.catalog import Catalog


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


class Total(NamedTuple):
    """The least and the most all the losses of one kind come to, at one place over one
    period (or in one campaign's infobox), as the claims allow: figures of other losses
    added, competing figures a range, a part never added to its whole."""

    # `event` (the events' figures) or `campaign` (an infobox's totals).
    scope: str
    # The events' place (their first place); None for all places or a campaign.
    place: str | None
    start: str
    end: str
    kind: str
    low: int
    # None: no most (an "at least" figure is in it).
    high: int | None
    # The events whose figures it takes, in the data's order; empty for a campaign.
    events: list[str]
    # Every figure it rests on; how many of them compete with another; how many are parts
    # a whole stands for.
    figures: list[Casualty]
    competing: int
    parts: int
    campaign: str | None


def _unit_range(catalog: Catalog, groups: list[Competing]) -> tuple[int, int | None]:
    """What one scope's groups of one kind come to: each group its range (the lowest low
    and the highest high of its competing figures); a group that is a part of another left
    out (its whole stands for it); groups of losses that may overlap together at least the
    largest and at most their sum; the rest added up."""
    tops = [g for g in groups if g.part_of is None]
    ranges = []
    for group in tops:
        lows, highs = [], []
        for casualty in group.casualties:
            low, high = bounds(
                casualty.claim["count"], casualty.claim["count_max"], casualty.claim["qualifier"]
            )
            lows.append(low or 0)
            highs.append(high)
        ranges.append((min(lows), None if None in highs else max(h or 0 for h in highs)))
    # Groups that may share losses, joined (transitively) into one bundle.
    bundle = list(range(len(tops)))
    for i, first in enumerate(tops):
        for j in range(i + 1, len(tops)):
            second = tops[j]
            a, b = first.casualties[0], second.casualties[0]
            shared = relation(catalog, a, b) != APART and any(
                days_overlap(x, y) for x in first.casualties for y in second.casualties
            )
            if shared:
                old, new = bundle[j], bundle[i]
                bundle = [new if k == old else k for k in bundle]
    low, high = 0, 0
    unbounded = False
    for name in dict.fromkeys(bundle):
        members = [ranges[k] for k in range(len(tops)) if bundle[k] == name]
        low += max(lowest for lowest, _ in members)
        for _, highest in members:
            if highest is None:
                unbounded = True
            else:
                high += highest
    return low, None if unbounded else high


def _period(start: str, end: str, per: str) -> tuple[str, str]:
    """The period a scope's days fall in: their month or year where they lie in one, else
    their own days (never a guessed share of them)."""
    if per == "month" and start[:7] == end[:7]:
        year, month = int(start[:4]), int(start[5:7])
        last = calendar.monthrange(year, month)[1]
        return f"{start[:7]}-01", f"{start[:7]}-{last:02d}"
    if per == "year" and start[:4] == end[:4]:
        return f"{start[:4]}-01-01", f"{start[:4]}-12-31"
    return start, end


def totals(
    catalog: Catalog,
    groups: list[Competing],
    campaigns: list[Competing] | None = None,
    *,
    per: str = "month",
    by_place: bool = True,
) -> list[Total]:
    """The events' figures (`groups`, as competing_groups makes them) added up by place
    and period, then each campaign's infobox totals (`campaigns`) apart.

    The figures of a scope (an event, or events a disagreement links) come to a range
    (`_unit_range`); the scope falls in the period of its figures' days (`per`: their month
    or year where they lie in one, else their own days; `all`: one period for them all)
    and at its first event's first place (all places as one where `by_place` is false);
    the scopes of one place and period add up: they are separate events.
    """
    units: dict[tuple[int, str], list[Competing]] = {}
    for group in groups:
        if group.casualties[0].event is not None:
            units.setdefault((group.scope, group.casualties[0].claim["kind"]), []).append(group)
    buckets: dict[tuple[str | None, str, str, str], list[tuple[list[Competing], int, int | None]]]
    buckets = {}
    spans: dict[tuple[str | None, str, str, str], list[tuple[str, str]]] = {}
    for (_, kind), members in units.items():
        days = [c.span() for g in members for c in g.casualties]
        known = [d for d in days if d is not None]
        start, end = min(d[0] for d in known), max(d[1] for d in known)
        first = members[0].casualties[0].event
        place = first["places"][0] if by_place and first is not None and first["places"] else None
        period = ("", "") if per == "all" else _period(start, end, per)
        key = (place, *period, kind)
        low, high = _unit_range(catalog, members)
        buckets.setdefault(key, []).append((members, low, high))
        spans.setdefault(key, []).append((start, end))
    found = []
    for key, parts in buckets.items():
        place, start, end, kind = key
        if per == "all":
            start, end = min(s for s, _ in spans[key]), max(e for _, e in spans[key])
        found.append(
            _total(
                "event", place=place, start=start, end=end, kind=kind, units=parts, campaign=None
            )
        )

    def order(total: Total) -> tuple[str, str, str, str]:
        place = catalog.places.get(total.place or "")
        return total.start, total.end, place["name"] if place else "", total.kind

    found.sort(key=order)
    by_campaign: dict[tuple[str, str], list[Competing]] = {}
    for group in campaigns or []:
        casualty = group.casualties[0]
        by_campaign.setdefault((casualty.campaign, casualty.claim["kind"]), []).append(group)
    for (campaign_id, kind), members in by_campaign.items():
        ran = catalog.campaigns[campaign_id]["date"] if campaign_id in catalog.campaigns else None
        low, high = _unit_range(catalog, members)
        start, end = (ran["earliest"], ran["latest"]) if ran else ("", "")
        found.append(
            _total(
                "campaign",
                place=None,
                start=start,
                end=end,
                kind=kind,
                units=[(members, low, high)],
                campaign=campaign_id,
            )
        )
    return found


def _total(
    scope: str,
    *,
    place: str | None,
    start: str,
    end: str,
    kind: str,
    units: list[tuple[list[Competing], int, int | None]],
    campaign: str | None,
) -> Total:
    high: int | None = 0
    for _, _, unit_high in units:
        high = None if high is None or unit_high is None else high + unit_high
    groups = [g for members, _, _ in units for g in members]
    figures = [c for g in groups for c in g.casualties]
    return Total(
        scope,
        place,
        start,
        end,
        kind,
        sum(low for _, low, _ in units),
        high,
        list(dict.fromkeys(c.event["id"] for c in figures if c.event is not None)),
        figures,
        sum(len(g.casualties) for g in groups if g.competing),
        sum(len(g.casualties) for g in groups if g.part_of is not None),
        campaign,
    )
