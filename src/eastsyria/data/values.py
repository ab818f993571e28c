"""The values a data file's fields take: ids, names, words of a vocabulary, web addresses,
points. Only the schema imports this module (it brings pydantic)."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import AfterValidator, Field, GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

from eastsyria.data import vocab

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=120)]
Name = Annotated[str, Field(min_length=1, max_length=300)]


class _OneOf:
    """A string that is one of a vocabulary's words. `validate` refuses any other with a
    message naming the words, and the JSON Schema lists them as an `enum` from the same
    tuple, so that a schema validator refuses every word `validate` refuses."""

    def __init__(self, allowed: tuple[str, ...], what: str) -> None:
        self.allowed = allowed
        self.what = what

    def check(self, value: str) -> str:
        if value not in self.allowed:
            words = ", ".join(self.allowed)
            raise ValueError(f"unknown {self.what} {value!r}; expected one of: {words}")
        return value

    def __get_pydantic_core_schema__(
        self, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(self.check, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {**handler(schema), "enum": list(self.allowed)}


Precision = Annotated[str, _OneOf(vocab.PRECISIONS, "precision")]
Qualifier = Annotated[str, _OneOf(vocab.QUALIFIERS, "qualifier")]
CasualtyKind = Annotated[str, _OneOf(vocab.CASUALTY_KINDS, "casualty kind")]
FigureQualifier = Annotated[str, _OneOf(vocab.FIGURE_QUALIFIERS, "figure qualifier")]
Role = Annotated[str, _OneOf(vocab.ROLES, "role")]
Extent = Annotated[str, _OneOf(vocab.CONTROL_EXTENTS, "control extent")]
ControlStatus = Annotated[str, _OneOf(vocab.CONTROL_STATUSES, "control status")]
HoldingStatus = Annotated[str, _OneOf(vocab.HOLDING_STATUSES, "holding status")]
EventType = Annotated[str, _OneOf(vocab.EVENT_TYPES, "event type")]
LineKind = Annotated[str, _OneOf(vocab.LINE_KINDS, "line kind")]
DatasetName = Annotated[str, _OneOf(tuple(vocab.DATASET_FIELDS), "dataset")]
Basis = Annotated[str, Field(min_length=1, max_length=1000)]


def _no_spaces_or_controls(value: str, what: str) -> None:
    """A value that goes into a link has no spaces, line breaks or invisible characters
    (control or format characters, such as a bidirectional override)."""
    bad = next((ch for ch in value if ch.isspace() or not ch.isprintable()), None)
    if bad is not None:
        raise ValueError(f"{what} contains {bad!r}; {what}s have no spaces or control characters")


def _web_address(value: str) -> str:
    """An absolute http(s) URL of an article: a scheme, a host, and no fragment (the
    sections' anchors give those)."""
    _no_spaces_or_controls(value, "URL")
    try:
        parts = urlsplit(value)
    except ValueError as exc:
        raise ValueError(f"not a URL: {exc}") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ValueError("expected an absolute http or https URL, such as https://example.org/page")
    if "#" in value:
        raise ValueError("an article's URL has no '#fragment': each section gives its anchor")
    return value


def _fragment(value: str) -> str:
    _no_spaces_or_controls(value, "anchor")
    if value.startswith("#"):
        raise ValueError("write the anchor without its leading '#'")
    return value


Url = Annotated[str, Field(min_length=1, max_length=2000), AfterValidator(_web_address)]
Anchor = Annotated[str, Field(min_length=1, max_length=500), AfterValidator(_fragment)]


def _lon_lat(point: list[float]) -> list[float]:
    lon, lat = point
    if not -180 <= lon <= 180:
        raise ValueError(f"longitude {lon:g} is outside -180..180 (a point is [lon, lat])")
    if not -90 <= lat <= 90:
        raise ValueError(f"latitude {lat:g} is outside -90..90 (a point is [lon, lat])")
    return point


LonLat = Annotated[list[float], Field(min_length=2, max_length=2), AfterValidator(_lon_lat)]


def needs_basis(status: str, basis: str | None, what: str) -> None:
    if status == "inferred" and basis is None:
        raise ValueError(f"an inferred {what} needs basis: the statement of the text it rests on")
