"""The cross-reference rules of a schema-valid dataset: ids unique, every reference known.

Run after pydantic has checked the shape; each problem carries its JSON path.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Container, Iterable, Iterator
from typing import Any

from eastsyria.data import vocab
from eastsyria.data.schema import (
    Actor,
    Campaign,
    CasualtyClaim,
    Dataset,
    Event,
    Place,
    Side,
    Source,
    SourceRef,
)
from eastsyria.errors import Problem


def _duplicates(ids: Iterable[str]) -> set[str]:
    return {key for key, count in Counter(ids).items() if count > 1}


def _id_problems(collection: str, items: list[Any]) -> Iterator[Problem]:
    repeated = _duplicates(item.id for item in items)
    for index, item in enumerate(items):
        if item.id in repeated:
            yield Problem(f"{collection}[{index}].id", f"duplicate id {item.id!r}")


def _section_problems(path: str, source: Source) -> Iterator[Problem]:
    """A section's anchor is unique within its source, and only given where the source has
    a URL for it to complete."""
    anchors = _duplicates(section.anchor for section in source.sections if section.anchor)
    for i, section in enumerate(source.sections):
        spath = f"{path}.sections[{i}]"
        if section.anchor in anchors:
            yield Problem(f"{spath}.anchor", f"duplicate anchor {section.anchor!r}")
        if section.anchor and source.url is None:
            yield Problem(
                f"{spath}.anchor", "an anchor needs its source's url: add the article's URL"
            )


class Known:
    """The ids a reference may name, by kind, and the (source, section) pairs."""

    def __init__(
        self,
        *,
        sources: Iterable[Source] = (),
        sides: Iterable[Side] = (),
        places: Iterable[Place] = (),
        actors: Iterable[Actor] = (),
        campaigns: Iterable[Campaign] = (),
        event_ids: Container[str] = (),
    ) -> None:
        self.sections = {(s.id, sec.id) for s in sources for sec in s.sections}
        side_ids = {s.id for s in sides}
        actor_ids = {a.id for a in actors}
        self.ids: dict[str, Container[str]] = {
            "side": side_ids,
            "place": {p.id for p in places},
            "actor": actor_ids,
            "campaign": {c.id for c in campaigns},
            "event": event_ids,
            "side or actor": side_ids | actor_ids,
            "party": side_ids | actor_ids | set(vocab.SPECIAL_PARTIES),
        }

    @classmethod
    def of(cls, data: Dataset, event_ids: Container[str] | None = None) -> Known:
        """What `data` defines; its own events' ids unless `event_ids` are given (a store
        checks the events it holds: a million ids stay on disk)."""
        return cls(
            sources=data.sources,
            sides=data.sides,
            places=data.places,
            actors=data.actors,
            campaigns=data.campaigns,
            event_ids={e.id for e in data.events} if event_ids is None else event_ids,
        )


class _Checks:
    """Problems found against what is `Known`, each with its JSON path."""

    def __init__(self, known: Known) -> None:
        self.known_ids = known
        self.problems: list[Problem] = []

    def need(self, ok: bool, path: str, message: str) -> None:
        if not ok:
            self.problems.append(Problem(path, message))

    def known(self, what: str, value: str | None, path: str, index: int | None = None) -> None:
        """`value`, where there is one, is the id of a `what` in the dataset. The path of a
        list item is `path[index]`, put together only for a problem (a million events are
        checked as a store is built)."""
        if value is not None and value not in self.known_ids.ids[what]:
            where = path if index is None else f"{path}[{index}]"
            self.problems.append(Problem(where, f"unknown {what} {value!r}"))

    def source(self, ref: SourceRef, path: str, index: int | None = None) -> None:
        if (ref.article, ref.section) not in self.known_ids.sections:
            message = f"no section {ref.section!r} in source {ref.article!r}"
            self.problems.append(Problem(path if index is None else f"{path}[{index}]", message))

    def casualty(self, claim: CasualtyClaim, path: str) -> None:
        self.known("party", claim.party, f"{path}.party")
        self.known("actor", claim.claimed_by, f"{path}.claimed_by")
        self.source(claim.source, f"{path}.source")


def reference_problems(
    data: Dataset,
    event_ids: Container[str] | None = None,
    events_checked: tuple[list[Problem], list[Problem]] | None = None,
) -> list[Problem]:
    """Every broken cross-reference in a schema-valid dataset, each with its JSON path.

    With `event_ids`, the events are elsewhere (a store being built checks each with
    `event_problems` as it comes): the disputes are checked against those ids, and
    `events_checked` are the events' problems found there (ids given twice, then broken
    references, each in the events' order), listed where the events' own would be."""
    problems: list[Problem] = []
    for name in (
        "sources",
        "sides",
        "campaigns",
        "places",
        "actors",
        "events",
        "disputes",
        "lines",
    ):
        if name == "events" and events_checked is not None:
            problems.extend(events_checked[0])
        else:
            problems.extend(_id_problems(name, getattr(data, name)))

    for index, source in enumerate(data.sources):
        problems.extend(_section_problems(f"sources[{index}]", source))
    known = Known.of(data, event_ids)
    check = _Checks(known)
    check.problems = problems

    for index, place in enumerate(data.places):
        path = f"places[{index}]"
        check.known("place", place.parent, f"{path}.parent")
        check.known("place", place.surrounds, f"{path}.surrounds")
        check.need(
            place.surrounds != place.id, f"{path}.surrounds", "a place cannot surround itself"
        )
        for i, holding in enumerate(place.held_at_start):
            check.known("side or actor", holding.holder, f"{path}.held_at_start[{i}].holder")
            check.source(holding.source, f"{path}.held_at_start[{i}].source")
    problems.extend(_cycles("places", {p.id: p.parent for p in data.places}))

    for index, actor in enumerate(data.actors):
        check.known("side", actor.side, f"actors[{index}].side")
        check.known("actor", actor.parent, f"actors[{index}].parent")
    problems.extend(_cycles("actors", {a.id: a.parent for a in data.actors}))

    for index, campaign in enumerate(data.campaigns):
        path = f"campaigns[{index}]"
        check.known("campaign", campaign.parent, f"{path}.parent")
        for i, commander in enumerate(campaign.commanders):
            check.known("side", commander.side, f"{path}.commanders[{i}].side")
            check.known("actor", commander.actor, f"{path}.commanders[{i}].actor")
        for i, unit in enumerate(campaign.units):
            check.known("actor", unit, f"{path}.units[{i}]")
        for i, strength in enumerate(campaign.strengths):
            check.known("side", strength.side, f"{path}.strengths[{i}].side")
            check.known("actor", strength.unit, f"{path}.strengths[{i}].unit")
        for i, claim in enumerate(campaign.casualties):
            check.casualty(claim, f"{path}.casualties[{i}]")
        for i, ref in enumerate(campaign.sources):
            check.source(ref, f"{path}.sources[{i}]")

    if events_checked is not None:
        problems.extend(events_checked[1])
    for index, event in enumerate(data.events):
        problems.extend(event_problems(index, event, known))

    for index, dispute in enumerate(data.disputes):
        for i, statement in enumerate(dispute.claims):
            cpath = f"disputes[{index}].claims[{i}]"
            check.source(statement.source, f"{cpath}.source")
            check.known("actor", statement.claimant, f"{cpath}.claimant")
            check.known("event", statement.event, f"{cpath}.event")
    return problems


def event_problems(index: int, event: Event, known: Known) -> list[Problem]:
    """The broken references of the event at `events[index]` (its id's uniqueness aside)."""
    check = _Checks(known)
    path = f"events[{index}]"
    check.known("campaign", event.campaign, f"{path}.campaign")
    places = f"{path}.places"
    for i, place_id in enumerate(event.places):
        check.known("place", place_id, places, i)
    for i, role in enumerate(event.actors):
        if role.actor not in known.ids["actor"]:
            check.known("actor", role.actor, f"{path}.actors[{i}].actor")
    for i, change in enumerate(event.control):
        cpath = f"{path}.control[{i}]"
        check.need(
            change.place in event.places,
            f"{cpath}.place",
            f"control change names {change.place!r}, which is not one of the event's places",
        )
        check.known("side or actor", change.from_, f"{cpath}.from")
        check.known("side or actor", change.to, f"{cpath}.to")
        check.need(
            change.from_ != change.to, f"{cpath}.to", "control passes from a holder to itself"
        )
        check.known("actor", change.claimed_by, f"{cpath}.claimed_by")
    for i, claim in enumerate(event.casualties):
        check.casualty(claim, f"{path}.casualties[{i}]")
    sources = f"{path}.sources"
    for i, ref in enumerate(event.sources):
        check.source(ref, sources, i)
    if event.dated_by:
        check.problems.extend(_dating_problems(path, event))
    return check.problems


def _dating_problems(path: str, event: Event) -> Iterator[Problem]:
    """Each article's own date of an event: an article the event cites, given once, and
    inside the event's `date`, which spans the readings that disagree. A reading that only
    bounds the day (`by`, `around`) may instead hold the event's date, which another
    article narrows it to ("by 26 October" holds "26 October")."""
    cited = {ref.article for ref in event.sources}
    repeated = _duplicates(dated.article for dated in event.dated_by)
    span = event.date
    for i, dated in enumerate(event.dated_by):
        dpath = f"{path}.dated_by[{i}]"
        if dated.article not in cited:
            listed = ", ".join(sorted(cited))
            yield Problem(
                f"{dpath}.article",
                f"the event does not cite {dated.article!r} (it cites: {listed})",
            )
        if dated.article in repeated:
            yield Problem(f"{dpath}.article", f"{dated.article!r} dates the event twice")
        inside = span.earliest <= dated.date.earliest and dated.date.latest <= span.latest
        narrowed = (
            dated.date.qualifier in vocab.BOUND_QUALIFIERS
            and dated.date.earliest <= span.earliest
            and span.latest <= dated.date.latest
        )
        if not (inside or narrowed):
            yield Problem(
                f"{dpath}.date",
                f"{dated.date.earliest}..{dated.date.latest} is not inside the event's date "
                f"{span.earliest}..{span.latest}: widen the event's date to cover it",
            )


def _cycles(collection: str, parents: dict[str, str | None]) -> Iterator[Problem]:
    order = {key: index for index, key in enumerate(parents)}
    for start in parents:
        seen = {start}
        current = parents.get(start)
        while current is not None and current in parents:
            if current in seen:
                yield Problem(
                    f"{collection}[{order[start]}].parent", f"{start!r} lies inside itself"
                )
                break
            seen.add(current)
            current = parents[current]
