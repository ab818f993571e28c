"""The pydantic schema of data/events.json and the cross-reference rules.

Only validation imports this module (it costs ~100 ms of pydantic import): queries run on
the plain records in `records`, which are what `Dataset.model_dump(mode="json",
by_alias=True)` produces.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from eastsyria import vocab
from eastsyria.problems import Problem

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=120)]
Name = Annotated[str, Field(min_length=1, max_length=300)]


def _one_of(value: str, allowed: tuple[str, ...], what: str) -> str:
    if value not in allowed:
        raise ValueError(f"unknown {what} {value!r}; expected one of: {', '.join(allowed)}")
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class DateSpan(_Strict):
    """A date as the source states it: the earliest and latest day it can be, and how."""

    earliest: dt.date
    latest: dt.date
    precision: str = Field(description="day, approximate, range, month-part, month, season, year")
    qualifier: str = Field(description="on, by, between, from, until, around, early, mid, ...")
    text: Name = Field(description="the date in words, as the source words it")

    @field_validator("precision")
    @classmethod
    def _precision(cls, value: str) -> str:
        return _one_of(value, vocab.PRECISIONS, "precision")

    @field_validator("qualifier")
    @classmethod
    def _qualifier(cls, value: str) -> str:
        return _one_of(value, vocab.QUALIFIERS, "qualifier")

    @model_validator(mode="after")
    def _ordered(self) -> DateSpan:
        if self.earliest > self.latest:
            raise ValueError(f"earliest {self.earliest} is after latest {self.latest}")
        if self.precision == "day" and self.earliest != self.latest:
            raise ValueError("precision 'day' needs earliest == latest")
        return self


class SourceRef(_Strict):
    article: Slug
    section: Slug


class Section(_Strict):
    id: Slug
    title: Name
    path: list[Name] = Field(description="headings from the top of the article down")


class Source(_Strict):
    id: Slug
    title: Name
    publisher: Name
    sections: list[Section] = Field(min_length=1)


class Side(_Strict):
    id: Slug
    name: Name
    description: str = ""


class Place(_Strict):
    id: Slug
    name: Name
    aliases: list[Name] = []
    kind: Slug
    parent: Slug | None = None
    country: Name
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    coord_precision_km: float = Field(gt=0, description="radius the coordinates are good to")


class Actor(_Strict):
    id: Slug
    name: Name
    aliases: list[Name] = []
    kind: Slug
    side: Slug
    parent: Slug | None = None


class CasualtyClaim(_Strict):
    party: Slug = Field(description="a side id, an actor id, 'civilians' or 'all-fighters'")
    kind: str = "killed"
    count: int = Field(ge=0)
    count_max: int | None = Field(default=None, ge=0)
    qualifier: str = "exact"
    claimed_by: Slug | None = None
    period: DateSpan | None = None
    note: str | None = None
    source: SourceRef

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str) -> str:
        return _one_of(value, vocab.CASUALTY_KINDS, "casualty kind")

    @field_validator("qualifier")
    @classmethod
    def _qualifier(cls, value: str) -> str:
        return _one_of(value, vocab.FIGURE_QUALIFIERS, "figure qualifier")

    @model_validator(mode="after")
    def _range(self) -> CasualtyClaim:
        if self.count_max is not None and self.count_max < self.count:
            raise ValueError(f"count_max {self.count_max} is below count {self.count}")
        return self


class Commander(_Strict):
    name: Name
    actor: Slug | None = None
    side: Slug
    killed: bool = False
    note: str | None = None


class Strength(_Strict):
    side: Slug
    figure: Name = Field(description="the strength as the infobox gives it")
    low: int | None = Field(default=None, ge=0)
    high: int | None = Field(default=None, ge=0)
    unit: Slug | None = None


class Campaign(_Strict):
    id: Slug
    name: Name
    aliases: list[Name] = []
    codename: str | None = None
    date: DateSpan
    parent: Slug | None = None
    part_of: list[Name] = []
    result: str = ""
    territory: str | None = None
    commanders: list[Commander] = []
    units: list[Slug] = []
    strengths: list[Strength] = []
    casualties: list[CasualtyClaim] = []
    concurrent: list[Name] = []
    sources: list[SourceRef] = Field(min_length=1)


class EventActor(_Strict):
    actor: Slug
    role: str

    @field_validator("role")
    @classmethod
    def _role(cls, value: str) -> str:
        return _one_of(value, vocab.ROLES, "role")


class ControlChange(_Strict):
    place: Slug
    from_: Slug = Field(alias="from")
    to: Slug
    extent: str = "full"
    note: str | None = None

    @field_validator("extent")
    @classmethod
    def _extent(cls, value: str) -> str:
        return _one_of(value, vocab.CONTROL_EXTENTS, "control extent")


class Event(_Strict):
    id: Slug
    date: DateSpan
    title: Annotated[str, Field(min_length=1, max_length=200)]
    summary: Annotated[str, Field(min_length=1)]
    type: str
    campaign: Slug
    places: list[Slug] = Field(min_length=1)
    actors: list[EventActor] = []
    control: list[ControlChange] = []
    casualties: list[CasualtyClaim] = []
    sources: list[SourceRef] = Field(min_length=1)

    @field_validator("type")
    @classmethod
    def _type(cls, value: str) -> str:
        return _one_of(value, vocab.EVENT_TYPES, "event type")


class Claim(_Strict):
    statement: Name = Field(description="what this source says, in the project's own words")
    source: SourceRef
    claimant: Slug | None = None
    event: Slug | None = None


class Dispute(_Strict):
    id: Slug
    topic: Name
    summary: str = ""
    claims: list[Claim] = Field(min_length=2)


class Dataset(_Strict):
    schema_version: Literal[1]
    sources: list[Source] = Field(min_length=1)
    sides: list[Side] = Field(min_length=1)
    campaigns: list[Campaign] = []
    places: list[Place] = []
    actors: list[Actor] = []
    events: list[Event] = []
    disputes: list[Dispute] = []


def _duplicates(ids: Iterable[str]) -> set[str]:
    return {key for key, count in Counter(ids).items() if count > 1}


def _id_problems(collection: str, items: list[Any]) -> Iterator[Problem]:
    repeated = _duplicates(item.id for item in items)
    for index, item in enumerate(items):
        if item.id in repeated:
            yield Problem(f"{collection}[{index}].id", f"duplicate id {item.id!r}")


def reference_problems(data: Dataset) -> list[Problem]:
    """Every broken cross-reference in a schema-valid dataset, each with its JSON path."""
    problems: list[Problem] = []
    for name in ("sources", "sides", "campaigns", "places", "actors", "events", "disputes"):
        problems.extend(_id_problems(name, getattr(data, name)))

    sections = {(s.id, sec.id) for s in data.sources for sec in s.sections}
    sides = {s.id for s in data.sides}
    places = {p.id for p in data.places}
    actors = {a.id for a in data.actors}
    campaigns = {c.id for c in data.campaigns}
    events = {e.id for e in data.events}
    holders = sides | actors
    parties = holders | set(vocab.SPECIAL_PARTIES)

    def need(ok: bool, path: str, message: str) -> None:
        if not ok:
            problems.append(Problem(path, message))

    def need_source(ref: SourceRef, path: str) -> None:
        need(
            (ref.article, ref.section) in sections,
            path,
            f"no section {ref.section!r} in source {ref.article!r}",
        )

    def check_casualty(claim: CasualtyClaim, path: str) -> None:
        need(claim.party in parties, f"{path}.party", f"unknown party {claim.party!r}")
        if claim.claimed_by is not None:
            need(
                claim.claimed_by in actors,
                f"{path}.claimed_by",
                f"unknown actor {claim.claimed_by!r}",
            )
        need_source(claim.source, f"{path}.source")

    for index, place in enumerate(data.places):
        if place.parent is not None:
            need(
                place.parent in places, f"places[{index}].parent", f"unknown place {place.parent!r}"
            )
    problems.extend(_cycles("places", {p.id: p.parent for p in data.places}))

    for index, actor in enumerate(data.actors):
        path = f"actors[{index}]"
        need(actor.side in sides, f"{path}.side", f"unknown side {actor.side!r}")
        if actor.parent is not None:
            need(actor.parent in actors, f"{path}.parent", f"unknown actor {actor.parent!r}")
    problems.extend(_cycles("actors", {a.id: a.parent for a in data.actors}))

    for index, campaign in enumerate(data.campaigns):
        path = f"campaigns[{index}]"
        if campaign.parent is not None:
            need(
                campaign.parent in campaigns,
                f"{path}.parent",
                f"unknown campaign {campaign.parent!r}",
            )
        for i, commander in enumerate(campaign.commanders):
            need(
                commander.side in sides,
                f"{path}.commanders[{i}].side",
                f"unknown side {commander.side!r}",
            )
            if commander.actor is not None:
                need(
                    commander.actor in actors,
                    f"{path}.commanders[{i}].actor",
                    f"unknown actor {commander.actor!r}",
                )
        for i, unit in enumerate(campaign.units):
            need(unit in actors, f"{path}.units[{i}]", f"unknown actor {unit!r}")
        for i, strength in enumerate(campaign.strengths):
            need(
                strength.side in sides,
                f"{path}.strengths[{i}].side",
                f"unknown side {strength.side!r}",
            )
            if strength.unit is not None:
                need(
                    strength.unit in actors,
                    f"{path}.strengths[{i}].unit",
                    f"unknown actor {strength.unit!r}",
                )
        for i, claim in enumerate(campaign.casualties):
            check_casualty(claim, f"{path}.casualties[{i}]")
        for i, ref in enumerate(campaign.sources):
            need_source(ref, f"{path}.sources[{i}]")

    for index, event in enumerate(data.events):
        path = f"events[{index}]"
        need(
            event.campaign in campaigns, f"{path}.campaign", f"unknown campaign {event.campaign!r}"
        )
        for i, place_id in enumerate(event.places):
            need(place_id in places, f"{path}.places[{i}]", f"unknown place {place_id!r}")
        for i, role in enumerate(event.actors):
            need(role.actor in actors, f"{path}.actors[{i}].actor", f"unknown actor {role.actor!r}")
        for i, change in enumerate(event.control):
            cpath = f"{path}.control[{i}]"
            need(
                change.place in event.places,
                f"{cpath}.place",
                f"control change names {change.place!r}, which is not one of the event's places",
            )
            need(
                change.from_ in holders, f"{cpath}.from", f"unknown side or actor {change.from_!r}"
            )
            need(change.to in holders, f"{cpath}.to", f"unknown side or actor {change.to!r}")
            need(change.from_ != change.to, f"{cpath}.to", "control passes from a holder to itself")
        for i, claim in enumerate(event.casualties):
            check_casualty(claim, f"{path}.casualties[{i}]")
        for i, ref in enumerate(event.sources):
            need_source(ref, f"{path}.sources[{i}]")

    for index, dispute in enumerate(data.disputes):
        for i, statement in enumerate(dispute.claims):
            cpath = f"disputes[{index}].claims[{i}]"
            need_source(statement.source, f"{cpath}.source")
            if statement.claimant is not None:
                need(
                    statement.claimant in actors,
                    f"{cpath}.claimant",
                    f"unknown actor {statement.claimant!r}",
                )
            if statement.event is not None:
                need(
                    statement.event in events,
                    f"{cpath}.event",
                    f"unknown event {statement.event!r}",
                )
    return problems


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


def json_schema() -> dict[str, Any]:
    schema = Dataset.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "eastsyria dataset"
    return schema
