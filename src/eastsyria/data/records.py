"""The validated dataset as plain dicts: the shape `schema.Dataset` dumps to.

Queries and outputs run on these so that a cached, already-validated dataset can be used
without importing pydantic. `schema` is the single definition of the shape; these types only
describe it to mypy.
"""

from __future__ import annotations

from typing import NotRequired, TypedDict


class DateSpanRecord(TypedDict):
    earliest: str
    latest: str
    precision: str
    qualifier: str
    text: str


class SourceRefRecord(TypedDict):
    article: str
    section: str


class SectionRecord(TypedDict):
    id: str
    title: str
    path: list[str]
    anchor: str | None


class SourceRecord(TypedDict):
    id: str
    title: str
    container: str | None
    publisher: str
    url: str | None
    sections: list[SectionRecord]
    # A dataset's release (UCDP GED '23.1'); missing in older files.
    version: NotRequired[str | None]
    # The fields the articles do not give, each with a note (missing in older files).
    outside_sources: NotRequired[dict[str, str]]


class SideRecord(TypedDict):
    id: str
    name: str
    description: str


class HoldingRecord(TypedDict):
    holder: str
    extent: str
    part: str | None
    status: str
    basis: str | None
    source: SourceRefRecord


class PlaceRecord(TypedDict):
    id: str
    name: str
    aliases: list[str]
    kind: str
    parent: str | None
    surrounds: str | None
    held_at_start: list[HoldingRecord]
    country: str
    lat: float
    lon: float
    coord_precision_km: float
    coord_note: str | None
    # The fields the articles do not give, each with a note (missing in older files).
    outside_sources: NotRequired[dict[str, str]]


class ActorRecord(TypedDict):
    id: str
    name: str
    aliases: list[str]
    kind: str
    side: str
    parent: str | None
    # The fields the articles do not give, each with a note (missing in older files).
    outside_sources: NotRequired[dict[str, str]]


class CasualtyRecord(TypedDict):
    party: str
    subgroup: str | None
    kind: str
    count: int
    count_max: int | None
    best: int | None
    qualifier: str
    claimed_by: str | None
    claimant: str | None
    period: DateSpanRecord | None
    note: str | None
    source: SourceRefRecord


class CommanderRecord(TypedDict):
    name: str
    actor: str | None
    side: str
    killed: bool
    note: str | None


class StrengthRecord(TypedDict):
    side: str
    figure: str
    low: int | None
    high: int | None
    unit: str | None


class CampaignRecord(TypedDict):
    id: str
    name: str
    aliases: list[str]
    codename: str | None
    date: DateSpanRecord
    parent: str | None
    part_of: list[str]
    result: str
    territory: str | None
    commanders: list[CommanderRecord]
    units: list[str]
    strengths: list[StrengthRecord]
    casualties: list[CasualtyRecord]
    concurrent: list[str]
    sources: list[SourceRefRecord]


class EventActorRecord(TypedDict):
    actor: str
    role: str


# "from" is a keyword, hence the functional form.
ControlRecord = TypedDict(
    "ControlRecord",
    {
        "place": str,
        "from": str,
        "to": str,
        "extent": str,
        "part": str | None,
        "from_part": str | None,
        "status": str,
        "basis": str | None,
        "claimed_by": str | None,
        "note": str | None,
    },
)


class ArticleDateRecord(TypedDict):
    article: str
    date: DateSpanRecord


class DatasetFieldsRecord(TypedDict):
    name: str
    fields: dict[str, str | int | None]


class EventRecord(TypedDict):
    id: str
    date: DateSpanRecord
    title: str
    summary: str
    type: str
    campaign: str
    places: list[str]
    actors: list[EventActorRecord]
    control: list[ControlRecord]
    casualties: list[CasualtyRecord]
    sources: list[SourceRefRecord]
    dated_by: list[ArticleDateRecord]
    # An imported row's dataset and kept columns (null for a curated event; missing in
    # older files).
    dataset: NotRequired[DatasetFieldsRecord | None]
    # The fields the articles do not give, each with a note (missing in older files).
    outside_sources: NotRequired[dict[str, str]]


class ClaimRecord(TypedDict):
    statement: str
    source: SourceRefRecord
    claimant: str | None
    event: str | None


class DisputeRecord(TypedDict):
    id: str
    topic: str
    summary: str
    claims: list[ClaimRecord]


class GeoLineRecord(TypedDict):
    id: str
    name: str
    kind: str
    precision_km: float
    note: str
    points: list[list[float]]


class DatasetRecord(TypedDict):
    schema_version: int
    sources: list[SourceRecord]
    sides: list[SideRecord]
    campaigns: list[CampaignRecord]
    places: list[PlaceRecord]
    actors: list[ActorRecord]
    events: list[EventRecord]
    disputes: list[DisputeRecord]
    lines: list[GeoLineRecord]
