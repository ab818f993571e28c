"""What the sources claim: the disagreements that touch a set of events, and casualty figures,
each kept as claimed and grouped where two figures count the same losses (never added up).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from eastsyria.core.dates import overlaps
from eastsyria.core.names import did_you_mean, fold, suggest
from eastsyria.data import vocab
from eastsyria.errors import InputError

if TYPE_CHECKING:
    from eastsyria.core.catalog import Catalog
    from eastsyria.data.records import CasualtyRecord, DisputeRecord, EventRecord


def disputes_touching(catalog: Catalog, events: list[EventRecord] | None) -> list[DisputeRecord]:
    """The disputes with a claim about one of `events`, in the data file's order; every
    dispute (one about no event too) when `events` is None."""
    if events is None:
        return list(catalog.disputes)
    wanted = {event["id"] for event in events}
    return [d for d in catalog.disputes if any(c["event"] in wanted for c in d["claims"])]


def dispute_events(catalog: Catalog, dispute: DisputeRecord) -> list[EventRecord]:
    """The events a dispute's claims are about, each once, oldest first."""
    ids = {claim["event"] for claim in dispute["claims"] if claim["event"]}
    return [event for event in catalog.events if event["id"] in ids]


class Casualty(NamedTuple):
    """One casualty figure as claimed: from an event, or an infobox's campaign total."""

    claim: CasualtyRecord
    # The event that reports it; None for a campaign's total.
    event: EventRecord | None
    # The campaign it is counted in: the event's, or the campaign whose infobox gives it.
    campaign: str

    @property
    def scope(self) -> str:
        return "event" if self.event is not None else "campaign"

    def span(self) -> tuple[str, str] | None:
        """The days it covers: its own period, else its event's date; None for a total."""
        period = self.claim["period"]
        if period is not None:
            return period["earliest"], period["latest"]
        if self.event is not None:
            return self.event["date"]["earliest"], self.event["date"]["latest"]
        return None


def event_casualties(events: list[EventRecord]) -> list[Casualty]:
    """Every figure the events report, in the events' order."""
    return [Casualty(claim, e, e["campaign"]) for e in events for claim in e["casualties"]]


def campaign_totals(catalog: Catalog, events: list[EventRecord] | None) -> list[Casualty]:
    """The infoboxes' totals: of every campaign when `events` is None, else of the campaigns
    the events belong to or lie inside, while the campaign ran (the 2018 aftermath lies
    inside the Eastern Syria campaign, but its events are not in that campaign's totals)."""
    if events is None:
        wanted = set(catalog.campaigns)
    else:
        wanted = set()
        for event in events:
            date = event["date"]
            current: str | None = event["campaign"]
            while current is not None and current in catalog.campaigns:
                ran = catalog.campaigns[current]["date"]
                if overlaps(date["earliest"], date["latest"], ran["earliest"], ran["latest"]):
                    wanted.add(current)
                current = catalog.campaigns[current]["parent"]
    return [
        Casualty(claim, None, campaign["id"])
        for campaign in catalog.campaigns.values()
        if campaign["id"] in wanted
        for claim in campaign["casualties"]
    ]


def party_ids(catalog: Catalog, names: tuple[str, ...]) -> frozenset[str]:
    """The parties `--party` names: a side with every actor of it ('government': the losses of
    the Syrian government and allies, of pro-government forces, of the Russian armed forces);
    an actor with its units; 'civilians' or 'all-fighters' (or their names)."""
    wanted: set[str] = set()
    special = {fold(k): k for k in vocab.SPECIAL_PARTIES}
    special.update({fold(v): k for k, v in vocab.SPECIAL_PARTIES.items()})
    for name in names:
        if fold(name) in special:
            wanted.add(special[fold(name)])
            continue
        try:
            side = catalog.resolve_side(name)
        except InputError:
            side = None
        if side is not None:
            wanted.add(side)
            wanted.update(a for a, actor in catalog.actors.items() if actor["side"] == side)
            continue
        try:
            wanted.update(catalog.actors_within(catalog.resolve_actor(name)))
        except InputError:
            # Every spelling, each suggested once by the name a reader knows it by.
            shown = {side: side for side in catalog.sides} | {k: k for k in special.values()}
            for actor in catalog.actors.values():
                for label in (actor["id"], actor["name"], *actor["aliases"]):
                    shown.setdefault(label, actor["name"])
            close = suggest(name, list(shown), limit=12)
            hint = did_you_mean(list(dict.fromkeys(shown[label] for label in close))[:3])
            raise InputError(
                f"no party {name!r}{hint} (a party is a side: {', '.join(catalog.sides)}; "
                "an actor (list them with: eastsyria actors); civilians; or all-fighters)"
            ) from None
    return frozenset(wanted)


def _same_losses(a: Casualty, b: Casualty) -> bool:
    """Whether two figures count the same kind of loss of the same party over days that
    overlap (a figure without a period covers its event's days)."""
    if a.claim["kind"] != b.claim["kind"] or a.claim["party"] != b.claim["party"]:
        return False
    span_a, span_b = a.span(), b.span()
    if span_a is None or span_b is None:
        return False
    return overlaps(span_a[0], span_a[1], span_b[0], span_b[1])


def _parties_overlap(catalog: Catalog, first: str, second: str) -> bool:
    """Whether some of one party's losses are the other's: the same party, an actor and
    its side or a unit of it, or fighters on all sides and any party but civilians."""
    if first == second or "all" in (first, second):
        return True
    if "all-fighters" in (first, second):
        return "civilians" not in (first, second)

    def within(inner: str, outer: str) -> bool:
        if outer in catalog.sides:
            return inner in catalog.actors and catalog.actors[inner]["side"] == outer
        return outer in catalog.actors and inner in catalog.actors_within(outer)

    return within(first, second) or within(second, first)


def _from_two_sides(catalog: Catalog, a: Casualty, b: Casualty) -> str | None:
    """The dispute that sets two figures against each other: one between their events, the
    figures of one kind, of parties whose losses overlap (the Russians SOHR counts and those
    the ministry counts; not the attackers the ministry counts), from different claimants or
    articles. None where there is none."""
    if a.event is None or b.event is None or a.claim["kind"] != b.claim["kind"]:
        return None
    if not _parties_overlap(catalog, a.claim["party"], b.claim["party"]):
        return None
    if (a.claim["claimed_by"], a.claim["source"]["article"]) == (
        b.claim["claimed_by"],
        b.claim["source"]["article"],
    ):
        return None
    of_b = {d["id"] for d in catalog.disputes_by_event.get(b.event["id"], [])}
    for dispute in catalog.disputes_by_event.get(a.event["id"], []):
        if dispute["id"] in of_b:
            return dispute["id"]
    return None


class Competing(NamedTuple):
    """Figures that count the same losses: alternatives, never to be added together."""

    casualties: list[Casualty]
    # The disputes that set them against each other, where the data records one.
    disputes: list[str]

    @property
    def competing(self) -> bool:
        return len(self.casualties) > 1


def competing_groups(catalog: Catalog, casualties: list[Casualty]) -> list[Competing]:
    """The figures in groups, in the order of each group's first figure: two figures are in
    one group when they count the same kind of loss of the same party over overlapping days,
    or when a dispute between their events sets them against each other (figures of one
    kind, of overlapping parties, from different claimants or articles); and so on,
    transitively."""
    leader = list(range(len(casualties)))

    def find(i: int) -> int:
        while leader[i] != i:
            leader[i] = leader[leader[i]]
            i = leader[i]
        return i

    joined_by: dict[int, list[str]] = {}
    for i, a in enumerate(casualties):
        for j in range(i + 1, len(casualties)):
            b = casualties[j]
            dispute = _from_two_sides(catalog, a, b)
            if dispute is None and not _same_losses(a, b):
                continue
            low, high = sorted((find(i), find(j)))
            leader[high] = low
            merged = joined_by.pop(high, []) + joined_by.get(low, [])
            joined_by[low] = merged + ([dispute] if dispute else [])
    groups: dict[int, list[Casualty]] = {}
    for i, casualty in enumerate(casualties):
        groups.setdefault(find(i), []).append(casualty)
    return [
        Competing(members, list(dict.fromkeys(joined_by.get(root, []))))
        for root, members in groups.items()
    ]
