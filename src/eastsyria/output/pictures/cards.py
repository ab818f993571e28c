"""What the report page knows of each event: its row in the table, the words a search
looks in, and its card (what `show` gives), as plain strings ready to be shown.

Built from the contract's own views (`event_detail`), with the texts every other output
uses (`contract.texts`), so the page never says an event differently from `show`. Every
string is made inert here (`safe`: a bidi control or escape becomes a visible stand-in), and
only an http(s) address ever becomes a link.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from eastsyria.contract.texts import claim_text, control_text, date_text, source_label
from eastsyria.core.calendar import span_text
from eastsyria.core.sanitise import safe
from eastsyria.output.svg import side_colour

View = Mapping[str, Any]


def link(url: object) -> str | None:
    """`url` where it is an http(s) address a card may link to; None for anything else
    (a `javascript:` or `data:` address in a data file must never become a link)."""
    if isinstance(url, str) and url.lower().startswith(("https://", "http://")):
        return safe(url)
    return None


def _source(source: dict[str, Any]) -> dict[str, Any]:
    return {"label": source_label(source), "url": link(source["url"])}


def _place(place: View) -> dict[str, Any]:
    return {
        "name": place.get("label") or place["name"],
        "kind": place["kind"],
        "within": place.get("within", []),
        "aliases": place["aliases"],
    }


def _actor(actor: View) -> dict[str, Any]:
    side = actor["side"]
    return {
        "name": actor["name"],
        "side": side,
        "role": actor["role"],
        "colour": side_colour(side),
    }


def _dispute(dispute: View) -> dict[str, Any]:
    return {
        "topic": dispute["topic"],
        "summary": dispute["summary"],
        "claims": [
            {
                "statement": claim["statement"],
                "claimant": claim["claimant_name"],
                "source": claim["source_label"],
                "url": link(claim["source_url"]),
            }
            for claim in dispute["claims"]
        ],
    }


def card(detail: View) -> dict[str, Any]:
    """One event for the page, from its `show` view (`contract.events.event_detail`)."""
    start, end = detail["start"], detail["end"]
    built = {
        "id": detail["id"],
        "start": start,
        "end": end,
        "short_date": date_text(detail),
        "date": detail["date"],
        # "some day in 28 Oct – 3 Nov 2017", as `show` says it, where the day is not known.
        "span": span_text(start, end) if start != end else None,
        "title": detail["title"],
        "summary": detail["summary"],
        "type": detail["type"],
        "campaign_name": detail["campaign_name"],
        "places": [_place(place) for place in detail["places"]],
        "actors": [_actor(actor) for actor in detail["actors"]],
        "control": [control_text(change) for change in detail["control"]],
        "casualties": [
            {"text": claim_text(claim), **_source(claim["source"])}
            for claim in detail["casualties"]
        ],
        "sources": [_source(source) for source in detail["sources"]],
        "disputes": [_dispute(dispute) for dispute in detail["disputes"]],
    }
    return inert(built)  # type: ignore[no-any-return]


def inert(value: Any) -> Any:
    """`value` with every string in it made safe to show (see `core.sanitise.safe`)."""
    if isinstance(value, str):
        return safe(value)
    if isinstance(value, dict):
        return {key: inert(item) for key, item in value.items()}
    if isinstance(value, list):
        return [inert(item) for item in value]
    return value
