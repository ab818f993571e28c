"""How sides and dates look on a terminal: colours, markers, the marked date cell."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from eastsyria.contract.texts import date_mark
from eastsyria.core.calendar import span_text
from eastsyria.output.text import safe

SIDE_STYLES: dict[str, str] = {
    "government": "red",
    "isil": "bright_black",
    "iraq": "green",
    "monitor": "blue",
}
_FALLBACK_STYLES = ("magenta", "cyan", "yellow", "bright_blue")
# Shapes as well as colours, so sides stay apart in plain text.
SIDE_MARKERS: dict[str, str] = {"government": "●", "isil": "■", "iraq": "▲", "monitor": "◆"}
_FALLBACK_MARKER = "◇"


def side_style(side: str) -> str:
    if side in SIDE_STYLES:
        return SIDE_STYLES[side]
    return _FALLBACK_STYLES[sum(map(ord, side)) % len(_FALLBACK_STYLES)]


def side_marker(side: str) -> Text:
    return Text(SIDE_MARKERS.get(side, _FALLBACK_MARKER), style=side_style(side))


def date_cell(view: dict[str, Any]) -> Text:
    """The date as the source words it; an uncertain one marked, with its span beneath."""
    mark = date_mark(view)
    text = Text()
    if mark:
        text.append(f"{mark} ", style="bold yellow")
    text.append(safe(view["date"]), style="" if not mark else "italic")
    if view["precision"] != "day":
        text.append(f"\n[{span_text(view['start'], view['end'])}]", style="dim")
    return text


def actors_text(view: dict[str, Any]) -> Text:
    text = Text()
    for index, actor in enumerate(view["actors"]):
        if index:
            text.append(", ")
        text.append(safe(actor["name"]), style=side_style(actor["side"]))
    return text


def place_names(view: dict[str, Any]) -> str:
    return ", ".join(safe(p["name"]) for p in view["places"])


def lead_side(view: dict[str, Any]) -> str:
    """The side an event is drawn in: its first attacker's, else its first actor's."""
    for role in ("attacker", "claimant", "reporter"):
        for actor in view["actors"]:
            if actor["role"] == role:
                return str(actor["side"])
    return str(view["actors"][0]["side"]) if view["actors"] else "unknown"
