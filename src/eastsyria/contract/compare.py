"""`compare`'s rows: one documented, flat object per difference between two articles.

Flat on purpose (every value a string or null), so CSV carries the same contract as JSON.
Field names and their order are pinned by tests/test_contract.py; add fields at the end.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eastsyria.contract.texts import figure_text
from eastsyria.core.sources import article_date

if TYPE_CHECKING:
    from eastsyria.core.catalog import Catalog
    from eastsyria.core.compare import Difference
    from eastsyria.data.records import EventRecord, SourceRefRecord

COMPARE_FIELDS: tuple[str, ...] = (
    "kind",
    "event",
    "dispute",
    "start",
    "end",
    "title",
    "about",
    "first",
    "first_says",
    "first_sections",
    "second",
    "second_says",
    "second_sections",
)

# A TSV line when piped: what differs and what each says.
COMPARE_PIPED_FIELDS: tuple[str, ...] = ("kind", "event", "about", "first_says", "second_says")


def _sections(refs: list[SourceRefRecord], article: str) -> str | None:
    """The sections of `article` among `refs`, comma-separated; None if it cites none."""
    ids = list(dict.fromkeys(ref["section"] for ref in refs if ref["article"] == article))
    return ", ".join(ids) if ids else None


def _says(catalog: Catalog, diff: Difference, article: str) -> tuple[str | None, str | None]:
    """What `article` says of the difference, and the sections where it says it."""
    event = diff.event
    if diff.kind == "account" and diff.dispute is not None:
        claims = [c for c in diff.dispute["claims"] if c["source"]["article"] == article]
        said = " / ".join(c["statement"] for c in claims)
        return said or None, _sections([c["source"] for c in claims], article)
    if event is None:  # every other kind is about an event
        return None, None
    if diff.kind == "figure":
        figured = [
            c
            for c in event["casualties"]
            if (c["party"], c["kind"], c["source"]["article"])
            == (diff.party, diff.casualty_kind, article)
        ]
        figures = [
            figure_text(c) + (f" ({c['period']['text']})" if c["period"] else "") for c in figured
        ]
        return "; ".join(figures), _sections([c["source"] for c in figured], article)
    sections = _sections(event["sources"], article)
    if sections is None:
        return None, None
    return article_date(event, article)["text"], sections


def _about(catalog: Catalog, diff: Difference) -> str:
    if diff.kind == "figure":
        return f"{catalog.party_name(diff.party or '')} {diff.casualty_kind}"
    if diff.kind == "account" and diff.dispute is not None:
        return diff.dispute["topic"]
    return "the event" if diff.kind == "only" else "date"


def compare_rows(
    catalog: Catalog, diffs: list[Difference], first: str, second: str
) -> list[dict[str, Any]]:
    """The contract rows of `diffs` between `first` and `second` (article ids)."""
    rows: list[dict[str, Any]] = []
    for diff in diffs:
        event: EventRecord | None = diff.event
        first_says, first_sections = _says(catalog, diff, first)
        second_says, second_sections = _says(catalog, diff, second)
        title = event["title"] if event else (diff.dispute or {"topic": ""})["topic"]
        rows.append(
            {
                "kind": diff.kind,
                "event": event["id"] if event else None,
                "dispute": diff.dispute["id"] if diff.dispute else None,
                "start": event["date"]["earliest"] if event else None,
                "end": event["date"]["latest"] if event else None,
                "title": title,
                "about": _about(catalog, diff),
                "first": first,
                "first_says": first_says,
                "first_sections": first_sections,
                "second": second,
                "second_says": second_says,
                "second_sections": second_sections,
            }
        )
    return rows
