"""What the sources claim: the disagreements that touch a set of events, and casualty figures,
each kept as claimed and grouped where two figures count the same losses (never added up).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from eastsyria.core.dates import overlaps
from eastsyria.core.names import did_you_mean, fold, suggest
from eastsyria.core.query import Filters, build_query, counted_by_source, matches, run, selection
from eastsyria.data import vocab
from eastsyria.data.store import Selection
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
    return catalog.source.events_with_ids(ids)


def disputes_kept(catalog: Catalog, filters: Filters) -> list[DisputeRecord]:
    """`disputes_touching` the events the filters keep: of those, only the ids of the events
    disputes name are read where the events source can select the filters itself."""
    if filters == Filters():
        return list(catalog.disputes)
    named = frozenset(c["event"] for d in catalog.disputes for c in d["claims"] if c["event"])
    query = build_query(catalog, filters)
    if counted_by_source(query):
        chosen = selection(catalog, query).narrowed(Selection(ids=named))
        wanted = set(catalog.source.selected_ids(chosen))
    else:
        wanted = {event["id"] for event in run(catalog, query)}
    return [d for d in catalog.disputes if any(c["event"] in wanted for c in d["claims"])]


def claimed_events(
    catalog: Catalog, filters: Filters
) -> tuple[list[EventRecord], list[tuple[str, str, str]] | None]:
    """The events the filters keep that carry a casualty claim, in the answer's order, and
    each (campaign, earliest, latest) of every event they keep (None: no filter, every
    campaign). Where the events source selects the filters itself, only the events with a
    claim are read."""
    query = build_query(catalog, filters)
    if filters == Filters() or (counted_by_source(query) and not query.by_distance):
        chosen = selection(catalog, query)
        found = catalog.source.select(chosen, reverse=query.reverse, with_casualties=True)
        claimed = [event for event in found if matches(catalog, query, event)]
        return claimed, None if filters == Filters() else catalog.source.spans(chosen)
    kept = run(catalog, query)
    spans = {(e["campaign"], e["date"]["earliest"], e["date"]["latest"]) for e in kept}
    return [event for event in kept if event["casualties"]], sorted(spans)


def stored_groups(
    catalog: Catalog, filters: Filters, parties: frozenset[str] | None = None
) -> tuple[list[tuple[Any, ...]], Iterator[list[int]], list[tuple[str, str, str]] | None] | None:
    """The figures `claimed_events` finds (of `parties` only, if given) as a store keeps them
    (`EventSource.stored_claims`), their records unread; their groups as `competing_groups`
    orders them, each as the figures' positions among those rows; the spans `claimed_events`
    gives. None where the events source keeps no claims or cannot select the filters itself.

    A figure alone in its event, of an event no disagreement names, is alone in its scope:
    a group of its own, with nothing to weigh (most of a large file's). The others are
    grouped by `competing_groups`, from what the store keeps of them."""
    query = build_query(catalog, filters)
    if not (filters == Filters() or (counted_by_source(query) and not query.by_distance)):
        return None
    chosen = selection(catalog, query)
    rows = catalog.source.stored_claims(chosen, reverse=query.reverse)
    if rows is None:
        return None
    if parties is not None:
        rows = [row for row in rows if row[1] in parties]
    per_event = Counter(row[0] for row in rows)
    disputed = catalog.disputes_by_event
    weighed: list[Casualty] = []
    position: dict[int, int] = {}
    events: dict[str, EventRecord] = {}
    alone: list[bool] = []
    for index, row in enumerate(rows):
        event_id = row[0]
        alone.append(per_event[event_id] == 1 and event_id not in disputed)
        if alone[-1]:
            continue
        # Of its event, grouping reads only the id: its days are the figure's own (`span`).
        event = events.setdefault(event_id, cast("EventRecord", {"id": event_id}))
        claim = {
            "party": row[1],
            "kind": row[2],
            "subgroup": row[3],
            "period": {"earliest": row[4], "latest": row[5]},
            "claimed_by": row[6],
            "claimant": row[7],
            "source": {"article": row[8]},
        }
        figure = Casualty(cast("CasualtyRecord", claim), event, "")
        weighed.append(figure)
        position[id(figure)] = index
    # Each weighed group at the place of its first figure, as `competing_groups` orders them.
    starting: dict[int, list[int]] = {}
    for group in competing_groups(catalog, weighed):
        members = [position[id(figure)] for figure in group.casualties]
        starting[members[0]] = members

    def groups() -> Iterator[list[int]]:
        for index, single in enumerate(alone):
            if single:
                yield [index]
            elif index in starting:
                yield starting[index]

    spans = None if filters == Filters() else catalog.source.spans(chosen)
    return rows, groups(), spans


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
        return span_totals(catalog, None)
    spans = {(e["campaign"], e["date"]["earliest"], e["date"]["latest"]) for e in events}
    return span_totals(catalog, spans)


def span_totals(catalog: Catalog, spans: Iterable[tuple[str, str, str]] | None) -> list[Casualty]:
    """`campaign_totals` of the events of these (campaign, earliest, latest): of every
    campaign when `spans` is None."""
    if spans is None:
        wanted = set(catalog.campaigns)
    else:
        wanted = set()
        for campaign, earliest, latest in spans:
            current: str | None = campaign
            while current is not None and current in catalog.campaigns:
                ran = catalog.campaigns[current]["date"]
                if overlaps(earliest, latest, ran["earliest"], ran["latest"]):
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


# How the losses two figures count stand to each other (`relation`).
SAME = "same"  # the same losses: competing figures, alternatives
INSIDE = "inside"  # the first is a part of the second's losses
CONTAINS = "contains"  # the second is a part of the first's
APART = "apart"  # other losses: they add up
OVERLAP = "overlap"  # may share some losses, neither inside the other: neither added nor set apart


def _side_of(catalog: Catalog, party: str) -> str | None:
    if party in catalog.sides:
        return party
    actor = catalog.actors.get(party)
    return actor["side"] if actor is not None else None


def party_within(catalog: Catalog, inner: str, outer: str) -> bool:
    """Whether every loss of party `inner` is one of `outer`'s, the two not the same: any
    party in everyone; any but civilians in the fighters on all sides; an actor in its
    side; a unit in the actor it belongs to."""
    if inner in (outer, "all"):
        return False
    if outer == "all":
        return True
    if outer == "all-fighters":
        return inner != "civilians"
    if outer in catalog.sides:
        return inner in catalog.actors and catalog.actors[inner]["side"] == outer
    return outer in catalog.actors and inner in catalog.actors_within(outer)


def party_relation(catalog: Catalog, first: str, second: str) -> str:
    """How two parties' losses stand: SAME, INSIDE (the first's inside the second's),
    CONTAINS, APART (civilians and fighters; two sides) or OVERLAP (two actors of one side,
    neither inside the other: a coalition and a state's forces may share losses)."""
    if first == second:
        return SAME
    if party_within(catalog, first, second):
        return INSIDE
    if party_within(catalog, second, first):
        return CONTAINS
    if "civilians" in (first, second) or "all-fighters" in (first, second):
        return APART
    side_a, side_b = _side_of(catalog, first), _side_of(catalog, second)
    if side_a is not None and side_b is not None and side_a != side_b:
        return APART
    return OVERLAP


def _subgroup(casualty: Casualty) -> str | None:
    words = casualty.claim.get("subgroup")
    return fold(words) if words else None


def relation(catalog: Catalog, a: Casualty, b: Casualty) -> str:
    """How the losses two figures of one kind count stand to each other, by party and
    subgroup alone: a figure of some of a party's losses (its subgroup, SOHR's 'Russians')
    is a part of a figure of all of them; two subgroups of one party may overlap."""
    parties = party_relation(catalog, a.claim["party"], b.claim["party"])
    sub_a, sub_b = _subgroup(a), _subgroup(b)
    if parties == SAME:
        if sub_a == sub_b:
            return SAME
        if sub_a is None:
            return CONTAINS
        return INSIDE if sub_b is None else OVERLAP
    if parties == INSIDE:
        return INSIDE if sub_b is None else OVERLAP
    if parties == CONTAINS:
        return CONTAINS if sub_a is None else OVERLAP
    return parties


def days_overlap(a: Casualty, b: Casualty) -> bool:
    span_a, span_b = a.span(), b.span()
    if span_a is None or span_b is None:
        return span_a is None and span_b is None
    return overlaps(span_a[0], span_a[1], span_b[0], span_b[1])


def scopes(catalog: Catalog, casualties: list[Casualty]) -> list[int]:
    """Each figure's scope, a number: the figures of one event, or of events a recorded
    disagreement sets against each other, share one (their losses may be the same); the
    figures of other events never count the same losses (an ACLED or UCDP row is an event
    of its own). A campaign's totals, from its infobox, are a scope of their own."""
    numbers: dict[str, int] = {}
    found: list[int] = []
    for casualty in casualties:
        key = f"event:{casualty.event['id']}" if casualty.event else f"campaign:{casualty.campaign}"
        if key not in numbers:
            number = len(numbers)
            numbers[key] = number
            if casualty.event is not None:
                for dispute in catalog.disputes_by_event.get(casualty.event["id"], []):
                    for claim in dispute["claims"]:
                        if claim["event"]:
                            numbers.setdefault(f"event:{claim['event']}", number)
        found.append(numbers[key])
    return found


def _same_losses(catalog: Catalog, a: Casualty, b: Casualty) -> bool:
    """Whether two figures of one scope count the same losses: one kind, the same party
    and subgroup, over days that overlap (a figure without a period covers its event's)."""
    return (
        a.claim["kind"] == b.claim["kind"]
        and relation(catalog, a, b) == SAME
        and days_overlap(a, b)
    )


class Competing(NamedTuple):
    """Figures that count the same losses: alternatives, never to be added together."""

    casualties: list[Casualty]
    # The disputes that set them against each other, where the data records one.
    disputes: list[str]
    # The index of the group whose losses these are a part of (never added to it); None
    # where they are a part of none.
    part_of: int | None = None
    # The group's scope: the event (or events a disagreement links) it belongs to.
    scope: int = 0

    @property
    def competing(self) -> bool:
        return len(self.casualties) > 1


def _shared_disputes(catalog: Catalog, members: list[Casualty]) -> list[str]:
    """The disagreements about the events of competing figures from different claimants or
    articles: what sets them against each other."""
    voices = {
        (c.claim["claimed_by"], c.claim.get("claimant"), c.claim["source"]["article"])
        for c in members
    }
    if len(voices) < 2:
        return []
    found: dict[str, None] = {}
    for casualty in members:
        if casualty.event is not None:
            for dispute in catalog.disputes_by_event.get(casualty.event["id"], []):
                found[dispute["id"]] = None
    return list(found)


def competing_groups(catalog: Catalog, casualties: list[Casualty]) -> list[Competing]:
    """The figures in groups, in the order of each group's first figure: two figures are in
    one group (they compete) when they count the same losses: figures of one event, or of
    events a recorded disagreement links, of one kind, of the same party and subgroup, over
    days that overlap. A group whose losses lie inside another group's of its scope (a
    party's civilians in the event's total, SOHR's Russians in its pro-government dead) is
    a part of it (`part_of`: the nearest such group), never added to it."""
    scope_of = scopes(catalog, casualties)
    leader = list(range(len(casualties)))

    def find(i: int) -> int:
        while leader[i] != i:
            leader[i] = leader[leader[i]]
            i = leader[i]
        return i

    # Figures are compared only within their scope: a large file has many small scopes.
    by_scope: dict[int, list[int]] = {}
    for i, scope in enumerate(scope_of):
        by_scope.setdefault(scope, []).append(i)
    for indices in by_scope.values():
        for n, i in enumerate(indices):
            for j in indices[n + 1 :]:
                if _same_losses(catalog, casualties[i], casualties[j]):
                    low, high = sorted((find(i), find(j)))
                    leader[high] = low
    members: dict[int, list[Casualty]] = {}
    for i, casualty in enumerate(casualties):
        members.setdefault(find(i), []).append(casualty)
    roots = list(members)
    groups = [members[root] for root in roots]
    group_scope = [scope_of[root] for root in roots]
    groups_by_scope: dict[int, list[int]] = {}
    for g, scope in enumerate(group_scope):
        groups_by_scope.setdefault(scope, []).append(g)

    def inside(g: int, h: int) -> bool:
        first, other = groups[g][0], groups[h][0]
        return (
            g != h
            and first.claim["kind"] == other.claim["kind"]
            and relation(catalog, first, other) == INSIDE
            and any(days_overlap(a, b) for a in groups[g] for b in groups[h])
        )

    found = []
    for g, figures in enumerate(groups):
        scope = group_scope[g]
        others = groups_by_scope[scope]
        if len(others) == 1 and len(figures) == 1:  # most of a large file's: nothing to weigh
            found.append(Competing(figures, [], None, scope))
            continue
        wholes = [h for h in others if inside(g, h)]
        nearest = [h for h in wholes if not any(inside(k, h) for k in wholes)]
        found.append(
            Competing(
                figures, _shared_disputes(catalog, figures), nearest[0] if nearest else None, scope
            )
        )
    return found
