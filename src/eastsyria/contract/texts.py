"""Every text a reader sees of a contract object, written once.

The CSV and Markdown cells, the tables and `show` all call these, so a control change or a
casualty figure reads the same wherever it appears.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from eastsyria.data.records import CasualtyRecord

_FIGURE_PREFIXES = {"at-least": "at least ", "up-to": "up to ", "about": "about "}


def figure_text(claim: CasualtyRecord) -> str:
    """'at least 601 killed', '5,000–10,000 killed': the figure as claimed, never rounded."""
    count = f"{claim['count']:,}"
    if claim["count_max"] is not None:
        count = f"{count}–{claim['count_max']:,}"
    return f"{_FIGURE_PREFIXES.get(claim['qualifier'], '')}{count} {claim['kind']}"


def source_label(source: dict[str, Any]) -> str:
    """'2017 Abu Kamal offensive › First attack on the city'."""
    return f"{source['article_title']} › {source['section_title']}"


def control_text(change: dict[str, Any]) -> str:
    """'Abu Kamal: Islamic State (ISIL) → Syrian government and allies (partial)'."""
    partial = " (partial)" if change["extent"] == "partial" else ""
    return f"{change['place_name']}: {change['from_name']} → {change['to_name']}{partial}"


def casualty_text(claim: dict[str, Any]) -> str:
    """A casualty claim with who claimed it, for when, any note, and its source."""
    text = f"{claim['party_name']}: {claim['figure']}"
    if claim["claimed_by_name"]:
        text += f", claimed by {claim['claimed_by_name']}"
    if claim["period"]:
        text += f", {claim['period']['date']}"
    if claim["note"]:
        text += f" ({claim['note']})"
    return f"{text} [{source_label(claim['source'])}]"


def actor_text(actor: dict[str, Any]) -> str:
    return f"{actor['name']} ({actor['role']})"


def commander_text(commander: dict[str, Any]) -> str:
    """'Maj. Gen. Issam Zahreddine (Syrian government and allies; killed)'."""
    about = [commander["side_name"]]
    about += ["killed"] if commander["killed"] else []
    about += [commander["note"]] if commander["note"] else []
    return f"{commander['name']} ({'; '.join(about)})"


def strength_text(strength: dict[str, Any]) -> str:
    # A unit's figure already names the unit ("Tiger Forces: 450").
    if strength["unit"]:
        return str(strength["figure"])
    return f"{strength['side_name']}: {strength['figure']}"


def _name(value: dict[str, Any]) -> str:
    return str(value["name"])


def _dispute_id(value: dict[str, Any]) -> str:
    return str(value["id"])


# How an object inside a field reads in one cell, by the field it is in.
OBJECT_TEXTS: dict[str, Callable[[dict[str, Any]], str]] = {
    "places": _name,
    "actors": actor_text,
    "control": control_text,
    "casualties": casualty_text,
    "sources": source_label,
    "disputes": _dispute_id,
    "units": _name,
    "commanders": commander_text,
    "strengths": strength_text,
}


def cell_text(field: str, value: Any) -> str:
    """One CSV, Markdown or table cell: lists joined with '; ', objects as their field reads."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(cell_text(field, item) for item in value)
    if isinstance(value, dict):
        text = OBJECT_TEXTS.get(field)
        return text(value) if text else json.dumps(value, ensure_ascii=False)
    return str(value)


# How a date that is not one known day is flagged, before the source's words: "≤" by that
# day, "↔" some time in the span, "~" approximate; a known day has no mark.
_PRECISION_MARKS: dict[str, str] = {"day": "", "range": "↔"}


def date_mark(event: dict[str, Any]) -> str:
    if event["qualifier"] == "by":
        return "≤"
    if event["qualifier"] == "between":
        return "↔"
    return _PRECISION_MARKS.get(event["precision"], "~")
