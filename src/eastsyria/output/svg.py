"""The pieces every picture is made of: escaped elements, one document frame, the sides' colours
and shapes, and the class names the report page and the tests find marks by.

Pictures are read where the network is closed, or watched: nothing in them may name another
host. Fonts are the reader's own (a system font stack), text stays text (searchable and
copyable), and every string from the data file is made inert (`core.sanitise.safe`) and then
escaped for XML, so a title like `</svg><script>` is only ever shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape

from eastsyria.core.sanitise import safe

FONT_STACK = (
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", '
    '"DejaVu Sans", Arial, sans-serif'
)
# The class names marks carry, for the report page's script and the browser tests: an
# event drawn anywhere is `<g class="event" data-id="…">`, a place `<g class="place" …>`.
EVENT_CLASS = "event"
PLACE_CLASS = "place"

# Colours that keep apart in print and for the common colour blindnesses (Okabe–Ito), and a
# shape per side so a grey-scale copy still tells them apart.
SIDE_COLOURS: dict[str, str] = {
    "government": "#D55E00",
    "isil": "#333333",
    "iraq": "#009E73",
    "sdf": "#CC79A7",
    "monitor": "#0072B2",
}
_FALLBACK_COLOURS = ("#E69F00", "#56B4E9", "#F0E442", "#999999")
SIDE_SHAPES: dict[str, str] = {
    "government": "circle",
    "isil": "square",
    "iraq": "triangle",
    "sdf": "diamond",
    "monitor": "diamond",
}
UNKNOWN_COLOUR = "#BBBBBB"


def side_colour(side: str | None) -> str:
    if side is None:
        return UNKNOWN_COLOUR
    if side in SIDE_COLOURS:
        return SIDE_COLOURS[side]
    return _FALLBACK_COLOURS[sum(map(ord, side)) % len(_FALLBACK_COLOURS)]


def side_shape(side: str | None) -> str:
    return SIDE_SHAPES.get(side or "", "circle")


def text(value: object) -> str:
    """A data string made inert and escaped for XML text or an attribute value."""
    return escape(safe(str(value)), quote=True)


def _number(value: float) -> str:
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else str(rounded)


def attributes(attrs: Mapping[str, object]) -> str:
    """` name="value"` for each attribute that is not None; numbers to a tenth, names with `_`
    written with `-` (`font_size` is `font-size`) and a trailing `_` dropped (`class_`)."""
    parts = []
    for name, value in attrs.items():
        if value is None:
            continue
        written = _number(value) if isinstance(value, float) else text(value)
        parts.append(f' {name.rstrip("_").replace("_", "-")}="{written}"')
    return "".join(parts)


def tag(name: str, body: str | Iterable[str] = "", /, **attrs: object) -> str:
    """One element; `body` is markup already made (use `text` for data strings)."""
    inner = body if isinstance(body, str) else "".join(body)
    if not inner:
        return f"<{name}{attributes(attrs)}/>"
    return f"<{name}{attributes(attrs)}>{inner}</{name}>"


def label(value: object, x: float, y: float, /, **attrs: object) -> str:
    """A text element holding a data string."""
    return tag("text", text(value), x=float(x), y=float(y), **attrs)


def mark(shape: str, x: float, y: float, size: float, /, **attrs: object) -> str:
    """A marker of `shape` (circle, square, triangle, diamond) centred on (x, y), `size` across."""
    r = size / 2
    if shape == "square":
        return tag("rect", x=x - r, y=y - r, width=float(size), height=float(size), **attrs)
    if shape in ("triangle", "diamond"):
        if shape == "triangle":
            corners = [(x, y - r * 1.15), (x + r * 1.1, y + r * 0.85), (x - r * 1.1, y + r * 0.85)]
        else:
            corners = [(x, y - r * 1.25), (x + r * 1.25, y), (x, y + r * 1.25), (x - r * 1.25, y)]
        points = " ".join(f"{_number(px)},{_number(py)}" for px, py in corners)
        return tag("polygon", points=points, **attrs)
    return tag("circle", cx=float(x), cy=float(y), r=float(r), **attrs)


def document(
    width: float, height: float, body: Iterable[str], *, title: str, description: str = ""
) -> str:
    """A whole SVG file: its size in pixels, a title and description readers and screen
    readers show, the font stack, and `body`. Only the SVG namespace is named."""
    style = (
        f"text{{font-family:{FONT_STACK};fill:#222}}"
        ".small{font-size:11px}.muted{fill:#666}.bold{font-weight:600}"
    )
    head = tag("title", text(title)) + (tag("desc", text(description)) if description else "")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + tag(
            "svg",
            [
                head,
                tag("style", style),
                tag("rect", width="100%", height="100%", fill="#fff"),
                *body,
            ],
            xmlns="http://www.w3.org/2000/svg",
            width=float(width),
            height=float(height),
            viewBox=f"0 0 {_number(width)} {_number(height)}",
            font_size="12",
        )
        + "\n"
    )
