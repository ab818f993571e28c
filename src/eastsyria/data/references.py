"""The cross-reference rules of a schema-valid dataset: ids unique, every reference known.

Run after pydantic has checked the shape; each problem carries its JSON path.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from eastsyria.data import vocab
from eastsyria.data.schema import CasualtyClaim, Dataset, Event, Source, SourceRef
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


def reference_problems(data: Dataset) -> list[Problem]:
    """Every broken cross-reference in a schema-valid dataset, each with its JSON path."""
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
        problems.extend(_id_problems(name, getattr(data, name)))

    sections = {(s.id, sec.id) for s in data.sources for sec in s.sections}
    for index, source in enumerate(data.sources):
        problems.extend(_section_problems(f"sources[{index}]", source))
    ids = {
        "side": {s.id for s in data.sides},
        "place": {p.id for p in data.places},
        "actor": {a.id for a in data.actors},
        "campaign": {c.id for c in data.campaigns},
        "event": {e.id for e in data.events},
    }
    ids["side or actor"] = ids["side"] | ids["actor"]
    ids["party"] = ids["side or actor"] | set(vocab.SPECIAL_PARTIES)

    def need(ok: bool, path: str, message: str) -> None:
        if not ok:
            problems.append(Problem(path, message))

    def known(what: str, value: str | None, path: str) -> None:
        """`value`, where there is one, is the id of a `what` in the dataset."""
        if value is not None:
            need(value in ids[what], path, f"unknown {what} {value!r}")

    def need_source(ref: SourceRef, path: str) -> None:
        message = f"no section {ref.section!r} in source {ref.article!r}"
        need((ref.article, ref.section) in sections, path, message)

    def check_casualty(claim: CasualtyClaim, path: str) -> None:
        known("party", claim.party, f"{path}.party")
        known("actor", claim.claimed_by, f"{path}.claimed_by")
        need_source(claim.source, f"{path}.source")

    for index, place in enumerate(data.places):
        path = f"places[{index}]"
        known("place", place.parent, f"{path}.parent")
        known("place", place.surrounds, f"{path}.surrounds")
        need(place.surrounds != place.id, f"{path}.surrounds", "a place cannot surround itself")
        for i, holding in enumerate(place.held_at_start):
            known("side or actor", holding.holder, f"{path}.held_at_start[{i}].holder")
            need_source(holding.source, f"{path}.held_at_start[{i}].source")
    problems.extend(_cycles("places", {p.id: p.parent for p in data.places}))

    for index, actor in enumerate(data.actors):
        known("side", actor.side, f"actors[{index}].side")
        known("actor", actor.parent, f"actors[{index}].parent")
    problems.extend(_cycles("actors", {a.id: a.parent for a in data.actors}))

    for index, campaign in enumerate(data.campaigns):
        path = f"campaigns[{index}]"
        known("campaign", campaign.parent, f"{path}.parent")
        for i, commander in enumerate(campaign.commanders):
            known("side", commander.side, f"{path}.commanders[{i}].side")
            known("actor", commander.actor, f"{path}.commanders[{i}].actor")
        for i, unit in enumerate(campaign.units):
            known("actor", unit, f"{path}.units[{i}]")
        for i, strength in enumerate(campaign.strengths):
            known("side", strength.side, f"{path}.strengths[{i}].side")
            known("actor", strength.unit, f"{path}.strengths[{i}].unit")
        for i, claim in enumerate(campaign.casualties):
            check_casualty(claim, f"{path}.casualties[{i}]")
        for i, ref in enumerate(campaign.sources):
            need_source(ref, f"{path}.sources[{i}]")

    for index, event in enumerate(data.events):
        path = f"events[{index}]"
        known("campaign", event.campaign, f"{path}.campaign")
        for i, place_id in enumerate(event.places):
            known("place", place_id, f"{path}.places[{i}]")
        for i, role in enumerate(event.actors):
            known("actor", role.actor, f"{path}.actors[{i}].actor")
        for i, change in enumerate(event.control):
            cpath = f"{path}.control[{i}]"
            need(
                change.place in event.places,
                f"{cpath}.place",
                f"control change names {change.place!r}, which is not one of the event's places",
            )
            known("side or actor", change.from_, f"{cpath}.from")
            known("side or actor", change.to, f"{cpath}.to")
            need(change.from_ != change.to, f"{cpath}.to", "control passes from a holder to itself")
            known("actor", change.claimed_by, f"{cpath}.claimed_by")
        for i, claim in enumerate(event.casualties):
            check_casualty(claim, f"{path}.casualties[{i}]")
        for i, ref in enumerate(event.sources):
            need_source(ref, f"{path}.sources[{i}]")
        problems.extend(_dating_problems(path, event))

    for index, dispute in enumerate(data.disputes):
        for i, statement in enumerate(dispute.claims):
            cpath = f"disputes[{index}].claims[{i}]"
            need_source(statement.source, f"{cpath}.source")
            known("actor", statement.claimant, f"{cpath}.claimant")
            known("event", statement.event, f"{cpath}.event")
    return problems


def _dating_problems(path: str, event: Event) -> Iterator[Problem]:
    """Each article's own date of an event: an article the event cites, given once, and
    inside the event's `date`, which spans every reading."""
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
        if dated.date.earliest < span.earliest or dated.date.latest > span.latest:
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
