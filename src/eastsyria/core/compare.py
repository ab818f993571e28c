"""Two articles lined up: what one tells and the other does not, and where both tell it
differently (`eastsyria compare`).

Four kinds of difference, in this order:
- `only`: an event one article cites and the other does not;
- `date`: an event both cite, each with its own date (`dated_by`), and the two dates do not
  agree (`dates_agree`: "on 26 October" agrees with "by 26 October", which it narrows);
- `figure`: casualty claims on one event for the same party and kind, from each article,
  with different numbers;
- `account`: a disagreement (`disputes`) with claims from both articles.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from eastsyria.core.eventsource import chronological
from eastsyria.core.sources import article_date, cites
from eastsyria.data.vocab import BOUND_QUALIFIERS
from eastsyria.errors import InputError

if TYPE_CHECKING:
    from eastsyria.core.catalog import Catalog
    from eastsyria.data.records import (
        CasualtyRecord,
        DateSpanRecord,
        DisputeRecord,
        EventRecord,
    )

KINDS: tuple[str, ...] = ("only", "date", "figure", "account")


class Difference(NamedTuple):
    kind: str
    # The event it is about; a disagreement's first event (None if its claims name none).
    event: EventRecord | None
    dispute: DisputeRecord | None = None
    # For `figure`: the party and kind of the claims.
    party: str | None = None
    casualty_kind: str | None = None
    # For `only`: which of the two articles tells it (0 or 1).
    told_by: int | None = None


def two_articles(sources: list[str], chosen: list[str]) -> tuple[str, str]:
    """The articles to compare: the two chosen (ids), else the data file's first two."""
    if len(chosen) == 2:
        first, second = chosen
        if first == second:
            raise InputError(f"compare {first!r} with another article: name two different ones")
        return first, second
    if chosen:
        raise InputError(
            f"compare takes two articles, or none for the data file's first two "
            f"(it has: {', '.join(sources)}); got {len(chosen)}"
        )
    if len(sources) < 2:
        raise InputError("this data file has only one article: there is nothing to compare")
    return sources[0], sources[1]


def dates_agree(first: DateSpanRecord, second: DateSpanRecord) -> bool:
    """Whether two articles' dates of one event can both be true.

    The same span agrees. A date that only bounds the day (qualifier `by` or `around`,
    `BOUND_QUALIFIERS`) says the event came at some day inside it: a date of the other article
    inside that window narrows it and agrees ("on 26 October" and "by 26 October", from 23
    October), and two bounds agree where some day fits both. Anything else disagrees: two
    different days, a day outside the other's window, or two spans the thing lasted
    ("until 28 November" and "until 6 December")."""
    a = (first["earliest"], first["latest"])
    b = (second["earliest"], second["latest"])
    if a == b:
        return True
    a_bound = first["qualifier"] in BOUND_QUALIFIERS
    b_bound = second["qualifier"] in BOUND_QUALIFIERS
    if a_bound and b_bound:
        return a[0] <= b[1] and b[0] <= a[1]
    if a_bound:
        return a[0] <= b[0] and b[1] <= a[1]
    if b_bound:
        return b[0] <= a[0] and a[1] <= b[1]
    return False


def _figure(claim: CasualtyRecord) -> tuple[int, int | None, str]:
    return claim["count"], claim["count_max"], claim["qualifier"]


def _figure_differences(event: EventRecord, first: str, second: str) -> list[Difference]:
    found: list[Difference] = []
    keys = dict.fromkeys((c["party"], c["kind"]) for c in event["casualties"])
    for party, kind in keys:
        by_article = [
            {_figure(c) for c in event["casualties"] if (c["party"], c["kind"]) == (party, kind)
             and c["source"]["article"] == article}
            for article in (first, second)
        ]  # fmt: skip
        if all(by_article) and by_article[0] != by_article[1]:
            found.append(Difference("figure", event, party=party, casualty_kind=kind))
    return found


def differences(catalog: Catalog, first: str, second: str) -> list[Difference]:
    """Every difference between the two articles, grouped by kind (`KINDS`), each group in
    the order of the events."""
    only: list[list[Difference]] = [[], []]
    dated: list[Difference] = []
    figures: list[Difference] = []
    # An event neither article cites differs in nothing: only the others are read.
    for event in catalog.source.citing(frozenset((first, second))):
        told = (cites(event, first), cites(event, second))
        if told[0] != told[1]:
            only[0 if told[0] else 1].append(Difference("only", event, told_by=0 if told[0] else 1))
            continue
        if not all(told):
            continue
        if not dates_agree(article_date(event, first), article_date(event, second)):
            dated.append(Difference("date", event))
        figures.extend(_figure_differences(event, first, second))
    accounts: list[Difference] = []
    for dispute in catalog.disputes:
        articles = {claim["source"]["article"] for claim in dispute["claims"]}
        if {first, second} <= articles:
            found = (catalog.events_by_id.get(c["event"] or "") for c in dispute["claims"])
            named = [event for event in found if event is not None]
            # The event both tell, where there is one: what the disagreement is about.
            shared = [e for e in named if cites(e, first) and cites(e, second)]
            about = shared or named
            first_event = about[0] if about else None
            accounts.append(Difference("account", first_event, dispute=dispute))
    # In the events' order (chronological), those about no event last.
    accounts.sort(key=lambda d: (0, *chronological(d.event)) if d.event else (1, "", "", ""))
    return [*only[0], *only[1], *dated, *figures, *accounts]
