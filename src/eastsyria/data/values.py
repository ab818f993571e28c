"""The values a data file's fields take: ids, names, words of a vocabulary, web addresses,
points. Only the schema imports this module (it brings pydantic)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, Field

from eastsyria.data import vocab

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=120)]
Name = Annotated[str, Field(min_length=1, max_length=300)]


def _one_of(allowed: tuple[str, ...], what: str) -> AfterValidator:
    """A check that a string is one of a vocabulary's words."""

    def check(value: str) -> str:
        if value not in allowed:
            raise ValueError(f"unknown {what} {value!r}; expected one of: {', '.join(allowed)}")
        return value

    return AfterValidator(check)


Precision = Annotated[str, _one_of(vocab.PRECISIONS, "precision")]
Qualifier = Annotated[str, _one_of(vocab.QUALIFIERS, "qualifier")]
CasualtyKind = Annotated[str, _one_of(vocab.CASUALTY_KINDS, "casualty kind")]
FigureQualifier = Annotated[str, _one_of(vocab.FIGURE_QUALIFIERS, "figure qualifier")]
Role = Annotated[str, _one_of(vocab.ROLES, "role")]
Extent = Annotated[str, _one_of(vocab.CONTROL_EXTENTS, "control extent")]
ControlStatus = Annotated[str, _one_of(vocab.CONTROL_STATUSES, "control status")]
HoldingStatus = Annotated[str, _one_of(vocab.HOLDING_STATUSES, "holding status")]
Basis = Annotated[str, Field(min_length=1, max_length=1000)]
EventType = Annotated[str, _one_of(vocab.EVENT_TYPES, "event type")]
LineKind = Annotated[str, _one_of(vocab.LINE_KINDS, "line kind")]
DatasetName = Annotated[str, _one_of(tuple(vocab.DATASET_FIELDS), "dataset")]


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
