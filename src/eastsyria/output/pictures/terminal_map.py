"""The map on a terminal: the river, the border, the places and the events drawn in braille
at the terminal's width, a name beside each place, a scale bar, a north arrow and a legend.

Colours are Rich styles (off when piped or under NO_COLOR: the braille still draws, and the
legend says what each sign means without them).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from rich.console import Group
from rich.text import Text

from eastsyria.core.labels import Rect, around, place_labels
from eastsyria.core.projection import MARK_KM, fit, height_for, scale_km
from eastsyria.core.sanitise import safe
from eastsyria.output.environment import picture_width
from eastsyria.output.pictures.braille import Canvas, text_width
from eastsyria.output.style import side_style

if TYPE_CHECKING:
    from rich.console import RenderableType

    from eastsyria.contract.maps import MapPlace, MapView

LINE_STYLES = {"river": "bright_blue", "border": "yellow"}
# The border is dashed: this many dots drawn, as many left out.
BORDER_DASH = 3
PRECISE, ROUGH = "●", "◌"
UNCERTAIN_SIGN = "?"
# Padding around the frame, in dots: room for the names of the places at its edges.
_PAD_DOTS = 6


def map_rows(view: MapView, columns: int) -> int:
    """About columns / 2.2 rows, fewer for a frame wider than it is tall."""
    fitted = math.ceil(height_for(view.box, columns * 2 - 2 * _PAD_DOTS) / 4) + 3
    return max(10, min(round(columns / 2.2), fitted))


def _marker(place: MapPlace, cell_km: float) -> str:
    return ROUGH if place.precision_km > cell_km else PRECISE


def _style(place: MapPlace, day: str | None) -> str:
    if day is not None:
        return f"bold {side_style(place.side)}" if place.side else "dim"
    if place.sides:  # a density: the side that led most of its events
        return f"bold {side_style(place.sides[0][0])}" if place.sides[0][0] else "bold"
    return "bold" if place.events else "dim"


def _label(place: MapPlace, day: str | None) -> str:
    sign = f" {UNCERTAIN_SIGN}" if day is not None and place.uncertain else ""
    return safe(place.label) + sign


def map_screen(view: MapView, width: int, side_names: Mapping[str, str]) -> RenderableType:
    # The screen's width (a map of 20 columns still shows the valley), and no wider than a
    # picture may be, since its rows grow with its columns (`picture_width`).
    columns = picture_width(width)
    canvas = Canvas(columns, map_rows(view, columns))
    projection = fit(view.box, canvas.dot_width, canvas.dot_height, pad=_PAD_DOTS)
    cell_km = 2 / projection.per_km
    for line in view.lines:
        points = [projection.xy(lon, lat) for lon, lat in line["points"]]
        if line["kind"] == "river":
            canvas.thick_line(points, LINE_STYLES["river"])
        else:
            canvas.line(points, LINE_STYLES.get(line["kind"], ""), dash=BORDER_DASH)

    cells: dict[str, tuple[int, int]] = {}
    for place in view.places:
        x, y = projection.xy(place.lon, place.lat)
        radius = projection.length(place.precision_km)
        if radius >= 3:
            canvas.ring(x, y, radius, _style(place, view.day))
        cell = (int(y // 4), int(x // 2))
        # A density's places with events are what it shows: their sign goes over the river.
        over = view.summarised and place.event_count > 0
        if cell not in cells.values() and (over or canvas.free(*cell, 1)):
            cells[place.id] = cell
    for place in view.places:
        if place.id in cells:
            row, col = cells[place.id]
            canvas.write(row, col, _marker(place, cell_km), _style(place, view.day))
    canvas.write(0, columns - 1, "N")
    canvas.write(1, columns - 1, "↑")

    placed = [p for p in view.places if p.id in cells]
    marks = [Rect(col, row, 1, 1) for row, col in cells.values()]
    marks += [Rect(columns - 1, 0, 1, 2)]
    labels = [_label(p, view.day) for p in placed]
    candidates = [
        [
            Rect(round(r.x), round(r.y), r.width, 1)
            for r in around(cells[p.id][1] + 0.5, cells[p.id][0] + 0.5, text_width(t), 1, 1.5)
        ]
        for p, t in zip(placed, labels, strict=True)
    ]

    def hidden(rect: Rect) -> int:
        return canvas.inked(int(rect.y), int(rect.x), int(rect.width))

    bounds = Rect(0, 0, columns, canvas.rows)
    chosen = place_labels(candidates, bounds, marks, gap=1, cost=hidden)
    unnamed = []
    for place, label, rect in zip(placed, labels, chosen, strict=True):
        if rect is None:
            unnamed.append(place)
            continue
        style = "bold" if place.event_count else "dim"
        canvas.write(int(rect.y), int(rect.x), label, style)
    unnamed += [p for p in view.places if p.id not in cells]

    return Group(
        *canvas.lines(),
        _scale(projection.per_km, columns),
        *_legend(view, side_names, cell_km, unnamed, columns),
    )


def _scale(per_km: float, columns: int) -> Text:
    """A bar of a round number of km, about a quarter of the width at most, north up."""
    km = scale_km(per_km, columns * 2 / 4)
    cells = max(2, round(km * per_km / 2))
    return Text(f"├{'─' * (cells - 2)}┤ {km} km   (north is up)", no_wrap=True, overflow="crop")


def _listing(heading: str, places: Sequence[MapPlace], columns: int) -> Text:
    """`heading` and the places' labels, a line broken only between two labels (never inside
    one, "Abu Kamal / District"), unless a label alone is wider than the screen."""
    lines = [heading]
    for i, place in enumerate(places):
        item = safe(place.label) + ("," if i < len(places) - 1 else "")
        if text_width(lines[-1]) + 1 + text_width(item) <= columns:
            lines[-1] += " " + item
        else:
            lines.append(item)
    return Text("\n".join(lines))


def _legend(
    view: MapView,
    side_names: Mapping[str, str],
    cell_km: float,
    unnamed: list[MapPlace],
    columns: int,
) -> list[Text]:
    parts: list[Text] = []
    key = Text()
    for line in view.lines:
        sample = "⠒ ⠒ ⠒" if line["kind"] == "border" else "⠿⠿⠿⠿⠿"
        key.append("   " if key else "")
        key.append(sample, LINE_STYLES.get(line["kind"], ""))
        key.append(f" {safe(line['name'])} (drawn to ±{line['precision_km']:g} km)")
    parts.append(key)
    # An entry a line, so that a narrow terminal wraps inside an entry, never across two.
    if view.summarised:
        places = sum(1 for p in (*view.places, *view.broad) if p.event_count)
        parts.append(
            Text(
                f"Summarised: {view.event_count:,} events at {places:,} places, counted per "
                "place; a place's sign is in the colour of the side that led most of them "
                "(--all reads every event)"
            )
        )
        leading = Text("Led most events there: ")
        for i, side in enumerate(dict.fromkeys(p.sides[0][0] for p in view.places if p.sides)):
            leading.append("   " if i else "")
            leading.append(PRECISE, f"bold {side_style(side)}" if side else "bold")
            leading.append(f" {safe(side_names.get(side, side)) if side else 'no actor named'}")
        parts.append(leading)
    parts.append(Text(f"{PRECISE} place   (n) events drawn there, each at its most precise place"))
    parts.append(
        Text(
            f"{ROUGH} place located only to ±{cell_km:.1f} km or worse; the dotted ring shows "
            "how far off"
        )
    )
    if view.day is not None:
        from eastsyria.core.calendar import short_day

        held = Text(f"Holders at the end of {short_day(view.day)}: ")
        for i, side in enumerate(dict.fromkeys(p.side for p in view.places if p.side)):
            held.append("   " if i else "")
            held.append(PRECISE, f"bold {side_style(side)}")
            held.append(f" {safe(side_names.get(side, side))}")
        parts.append(held)
        parts.append(Text(f"dim: not known   {UNCERTAIN_SIGN} may have changed hands, or disputed"))
    if view.broad:
        heading = f"Located too broadly to draw (more than ±{MARK_KM:g} km):"
        parts.append(_listing(heading, view.broad, columns))
    if unnamed:
        parts.append(_listing("No room to name (a wider terminal shows more):", unnamed, columns))
    return parts
