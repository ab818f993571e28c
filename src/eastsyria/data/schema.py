"""The pydantic schema of data/events.json: the shape of every collection and value.

Only validation imports this module (it costs ~100 ms of pydantic import): queries run on
the plain records in `records`, which are what `Dataset.model_dump(mode="json",
by_alias=True)` produces. The cross-reference rules are in `references`, the values fields
take (ids, vocabularies, web addresses, points) in `values`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, model_validator

from eastsyria.data import vocab
from eastsyria.data.marks import Marked, Note, outside_sources_field
from eastsyria.data.values import (
    Anchor,
    Basis,
    CasualtyKind,
    ControlStatus,
    DatasetName,
    EventType,
    Extent,
    FigureQualifier,
    HoldingStatus,
    LineKind,
    LonLat,
    Name,
    Precision,
    Qualifier,
    Role,
    Slug,
    Url,
    needs_basis,
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class DateSpan(_Strict):
    """A date as the source states it: the earliest and latest day it can be, and how."""

    earliest: dt.date
    latest: dt.date
    precision: Precision = Field(
        description="day, approximate, range, month-part, month, season, year"
    )
    qualifier: Qualifier = Field(
        description="on, by, between, from, until, around, early, mid, ..."
    )
    text: Name = Field(description="the date in words, as the source words it")

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
    anchor: Anchor | None = Field(
        default=None,
        description="the fragment of the section's link, as the page writes it (Wikipedia: "
        "the heading with underscores for spaces); null where the section has none (the "
        "lead, the infobox): its link is the article's",
    )


class Source(_Strict, Marked):
    id: Slug
    title: Name
    container: Name | None = Field(
        default=None,
        description="the work the article is part of, as citations name it (an encyclopedia, "
        "a newspaper, a site): 'Wikipedia'",
    )
    publisher: Name
    url: Url | None = Field(default=None, description="the article's absolute http(s) URL")
    sections: list[Section] = Field(min_length=1)
    version: Name | None = Field(
        default=None,
        description="a dataset's release, as its makers number it (UCDP GED: '23.1'); what "
        "`import ucdp --ged-version` writes, and `cite` names",
    )
    outside_sources: dict[str, Note] = outside_sources_field()


class Side(_Strict):
    id: Slug
    name: Name
    description: str = ""


class Holding(_Strict):
    """Who held a place, or a part of it, when the data begins: its first period. Without
    one, the data does not say who held the place before its first change."""

    holder: Slug = Field(description="a side or actor id")
    extent: Extent = "full"
    part: str | None = Field(default=None, description="which part, in words")
    status: HoldingStatus = Field(
        default="stated", description="stated, reported, or inferred (then `basis` says from what)"
    )
    basis: Basis | None = Field(
        default=None, description="for an inferred holding: the statement it rests on"
    )
    source: SourceRef

    @model_validator(mode="after")
    def _based(self) -> Holding:
        needs_basis(self.status, self.basis, "holding")
        return self


class Place(_Strict, Marked):
    id: Slug
    name: Name
    aliases: list[Name] = []
    kind: Slug
    parent: Slug | None = Field(default=None, description="the place it lies inside")
    surrounds: Slug | None = Field(
        default=None,
        description="the place whose countryside or outskirts this is (not inside it)",
    )
    held_at_start: list[Holding] = Field(
        default=[], description="who held it when the data begins, where the text says"
    )
    country: Name
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    coord_precision_km: float = Field(gt=0, description="radius the coordinates are good to")
    coord_note: str | None = Field(default=None, description="how the coordinates were placed")
    outside_sources: dict[str, Note] = outside_sources_field()


class Actor(_Strict, Marked):
    id: Slug
    name: Name
    aliases: list[Name] = []
    kind: Slug
    side: Slug
    parent: Slug | None = None
    outside_sources: dict[str, Note] = outside_sources_field()


class CasualtyClaim(_Strict):
    party: Slug = Field(
        description="a side id, an actor id, 'civilians', 'all-fighters' or 'all' (everyone)"
    )
    subgroup: Name | None = Field(
        default=None,
        description="which of the party's losses it counts, in words, where only some of them "
        "(SOHR's 'Russians' among the pro-government dead): a part of the party's losses",
    )
    kind: CasualtyKind = "killed"
    count: int = Field(ge=0)
    count_max: int | None = Field(default=None, ge=0)
    best: int | None = Field(
        default=None,
        ge=0,
        description="the source's best estimate between count and count_max (UCDP's best)",
    )
    qualifier: FigureQualifier = "exact"
    claimed_by: Slug | None = Field(default=None, description="the actor who claims it")
    claimant: Name | None = Field(
        default=None,
        description="who claims it, as a name, where it is no actor of the file (an imported "
        "row's reporting outlets: ACLED's source, UCDP's source_office)",
    )
    period: DateSpan | None = None
    note: str | None = None
    source: SourceRef

    @model_validator(mode="after")
    def _range(self) -> CasualtyClaim:
        if self.claimed_by is not None and self.claimant is not None:
            raise ValueError(
                f"claimed_by {self.claimed_by!r} and claimant {self.claimant!r}: give one, "
                "claimed_by for an actor of the file, claimant for a name"
            )
        if self.count_max is not None and self.count_max < self.count:
            raise ValueError(f"count_max {self.count_max} is below count {self.count}")
        high = self.count if self.count_max is None else self.count_max
        if self.best is not None and not self.count <= self.best <= high:
            raise ValueError(f"best {self.best} is not between count {self.count} and {high}")
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
    role: Role


class ControlChange(_Strict):
    place: Slug
    from_: Slug = Field(alias="from")
    to: Slug
    extent: Extent = "full"
    part: str | None = Field(default=None, description="which part changed hands, in words")
    from_part: str | None = Field(
        default=None,
        description="which part the `from` side held when it changed hands, where the text says",
    )
    status: ControlStatus = "stated"
    basis: Basis | None = Field(
        default=None,
        description="for an inferred change: the statement of the text it rests on, in the "
        "project's words",
    )
    claimed_by: Slug | None = Field(default=None, description="the actor who claims or reports it")
    note: str | None = None

    @model_validator(mode="after")
    def _claimant(self) -> ControlChange:
        if self.status == "claimed" and self.claimed_by is None:
            raise ValueError("a claimed change needs claimed_by: who claims it")
        needs_basis(self.status, self.basis, "change")
        return self


class ArticleDate(_Strict):
    """When one of the event's articles dates it, where the articles word it differently."""

    article: Slug = Field(description="a source id the event cites")
    date: DateSpan


# A kept column's name: lower case, as the datasets' codebooks write them.
FieldName = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,59}$")]
FieldValue = (
    Annotated[StrictStr, Field(min_length=1, max_length=2000)]
    | Annotated[StrictInt, Field(ge=0, le=2**53 - 1)]
)


def _kept_columns_schema(schema: dict[str, Any]) -> None:
    """The JSON schema of `DatasetFields` as strict as `validate`: each dataset's own column
    names, a whole number or a text as its codebook gives it (the dataset's name is an enum
    as every vocabulary is: `values._OneOf`)."""
    text = {"type": "string", "minLength": 1, "maxLength": 2000}
    whole = {"type": "integer", "minimum": 0, "maximum": 2**53 - 1}
    schema["allOf"] = [
        {
            "if": {"properties": {"name": {"const": name}}},
            "then": {
                "properties": {
                    "fields": {
                        "type": "object",
                        "additionalProperties": False,
                        "properties": {
                            column: {"anyOf": [whole if is_whole else text, {"type": "null"}]}
                            for column, is_whole in columns.items()
                        },
                    }
                }
            },
        }
        for name, columns in vocab.DATASET_FIELDS.items()
    ]


class DatasetFields(_Strict):
    """The columns of an imported row that the dataset's users sync, group and filter by
    (`vocab.DATASET_FIELDS`), as the dataset gives them: a curated event has none."""

    model_config = ConfigDict(json_schema_extra=_kept_columns_schema)

    name: DatasetName = Field(description="the dataset the row comes from: acled or ucdp")
    fields: dict[FieldName, FieldValue | None] = Field(
        description="the row's kept columns by the codebook's names (ACLED's timestamp, "
        "sub_event_type, admin1...; UCDP's type_of_violence, conflict_new_id...), null where "
        "the cell is blank; whole numbers where the codebook gives them"
    )

    @model_validator(mode="after")
    def _known(self) -> DatasetFields:
        known = vocab.DATASET_FIELDS[self.name]
        for field, value in self.fields.items():
            if field not in known:
                raise ValueError(
                    f"{self.name} has no kept field {field!r}; expected one of: {', '.join(known)}"
                )
            if value is not None and isinstance(value, int) != known[field]:
                wanted = "a whole number" if known[field] else "a text"
                raise ValueError(f"{self.name} field {field!r} is {wanted}, not {value!r}")
        return self


class Event(_Strict, Marked):
    id: Slug
    date: DateSpan
    title: Annotated[str, Field(min_length=1, max_length=200)]
    summary: Annotated[str, Field(min_length=1)]
    type: EventType
    campaign: Slug
    places: list[Slug] = Field(min_length=1)
    actors: list[EventActor] = []
    control: list[ControlChange] = []
    casualties: list[CasualtyClaim] = []
    sources: list[SourceRef] = Field(min_length=1)
    dated_by: list[ArticleDate] = Field(
        default_factory=list,  # not default=[], which is deep-copied for every event
        json_schema_extra={"default": []},
        description="each article's own date for the event, where the articles word it "
        "differently; `date` spans the readings that disagree, and is the narrower where one "
        "only bounds the other ('on 26 October' within 'by 26 October')",
    )
    dataset: DatasetFields | None = Field(
        default=None,
        description="an imported row's dataset and the columns kept of it; null for a "
        "curated event",
    )
    outside_sources: dict[str, Note] = outside_sources_field()


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


class GeoLine(_Strict):
    """A line drawn under the map (a river, a border): curated geography, not an event."""

    id: Slug
    name: Name
    kind: LineKind
    precision_km: float = Field(gt=0, description="how far the drawn line may be off, in km")
    note: Annotated[str, Field(min_length=1, max_length=2000)] = Field(
        description="where the points come from"
    )
    points: list[LonLat] = Field(min_length=2, description="[lon, lat] pairs (WGS84), in order")


class Dataset(_Strict):
    schema_version: Literal[1]
    sources: list[Source] = Field(min_length=1)
    sides: list[Side] = Field(min_length=1)
    campaigns: list[Campaign] = []
    places: list[Place] = []
    actors: list[Actor] = []
    events: list[Event] = []
    disputes: list[Dispute] = []
    lines: list[GeoLine] = Field(default=[], description="rivers and borders for the map; optional")


def json_schema() -> dict[str, Any]:
    schema = Dataset.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "eastsyria dataset"
    return schema
