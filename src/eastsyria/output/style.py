"""How sides look on a terminal: colours, and markers that tell them apart without colour."""

from __future__ import annotations

from rich.text import Text

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
