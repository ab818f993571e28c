"""The map for print (SVG): the Euphrates as a blue path, the border dashed, each place a
translucent circle as wide as its coordinates are uncertain, with its name; each event a mark
by its place, in the colour and shape of the side that led it; with a day, the places in the
colour of who held them. A north arrow, a scale bar and a legend that states the lines'
precision. Self-contained: no font, image or style from elsewhere.

A density map (more events than `summary.MARK_CAP`) draws no event alone: each place is a
disc whose area is its number of events, cut into the colours of the sides that led them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from eastsyria.contract.maps import MapPlace, MapView
from eastsyria.contract.texts import counted
from eastsyria.core.labels import Rect, around, place_labels
from eastsyria.core.projection import MARK_KM, Projection, fit, height_for, scale_km
from eastsyria.output.pictures.marks import text_width
from eastsyria.output.svg import (
    EVENT_CLASS,
    PLACE_CLASS,
    UNKNOWN_COLOUR,
    document,
    label,
    mark,
    side_colour,
    side_shape,
    tag,
    text,
)

RIVER_COLOUR = "#2F6FB3"
BORDER_COLOUR = "#555555"
LAND_COLOUR = "#F6F3EA"
_PAD = 24
_TOP = 44
_EVENT_SIZE = 7
# How fast the spiral of a place's event marks grows: px per square root of a mark's rank.
_SPIRAL_STEP = 3.8
_FONT = 12


def _where_events(x: float, y: float, count: int) -> list[tuple[float, float]]:
    """Marks spread around a place on a sunflower spiral, none on top of another."""
    golden = math.pi * (3 - math.sqrt(5))
    return [
        (x + (8 + _SPIRAL_STEP * math.sqrt(i)) * math.cos(i * golden),
         y + (8 + _SPIRAL_STEP * math.sqrt(i)) * math.sin(i * golden))
        for i in range(count)
    ]  # fmt: skip


def _event_mark(view: MapView, event_id: str, x: float, y: float) -> str:
    event = view.events[event_id]
    side = event["side"]
    tip = tag("title", text(f"{event['date']}: {event['title']}"))
    shape = mark(side_shape(side), x, y, _EVENT_SIZE, fill=side_colour(side), stroke="#fff")
    return tag("g", [tip, shape], class_=EVENT_CLASS, data_id=event_id)


def _disc_radius(place: MapPlace, largest: int, inner_w: float) -> float:
    """A density disc's radius: its area in proportion to the place's events, the largest a
    thirtieth of the map's width across in radius."""
    most = max(10.0, inner_w / 30)
    return max(3.0, most * math.sqrt(place.event_count / largest))


def _disc(place: MapPlace, side_names: Mapping[str, str], x: float, y: float, r: float) -> str:
    """A place's events as a disc of `r`, in slices by the side that led them (largest first,
    clockwise from the top)."""
    said = "; ".join(
        f"{side_names.get(side, side) if side else 'no actor named'} {count:,}"
        for side, count in place.sides
    )
    parts = [tag("title", text(f"{place.name}: {counted(place.event_count, 'event')} ({said})"))]
    if len(place.sides) == 1:
        colour = side_colour(place.sides[0][0])
        parts.append(tag("circle", cx=x, cy=y, r=r, fill=colour, fill_opacity="0.85",
                         stroke="#fff", stroke_width="1.2"))  # fmt: skip
    else:
        start = 0.0
        for side, count in place.sides:
            end = start + count / place.event_count
            parts.append(_slice((x, y), r, start, end, side_colour(side)))
            start = end
    return tag("g", parts, class_="density", data_id=place.id)


def _slice(centre: tuple[float, float], r: float, start: float, end: float, colour: str) -> str:
    """A slice of a disc from `start` to `end` (fractions of a turn, clockwise from the top)."""
    x, y = centre
    a, b = (2 * math.pi * t - math.pi / 2 for t in (start, end))
    big = 1 if end - start > 0.5 else 0
    path = (
        f"M{x:.1f},{y:.1f} L{x + r * math.cos(a):.1f},{y + r * math.sin(a):.1f} "
        f"A{r:.1f},{r:.1f} 0 {big} 1 {x + r * math.cos(b):.1f},{y + r * math.sin(b):.1f} Z"
    )
    return tag("path", d=path, fill=colour, fill_opacity="0.85", stroke="#fff",
               stroke_width="0.8")  # fmt: skip


def _place_colour(place: MapPlace, view: MapView) -> str:
    if view.day is None:
        return "#777777"
    return side_colour(place.side) if place.side else UNKNOWN_COLOUR


def _place_tip(place: MapPlace, view: MapView) -> str:
    tip = f"{place.name}: located to within ±{place.precision_km:g} km"
    if view.day is not None:
        holder = place.holder_name or "holder not known"
        tip += f"; {holder} ({place.certainty or 'unknown'})"
    return tip


def _place(place: MapPlace, view: MapView, projection: Projection) -> str:
    x, y = projection.xy(place.lon, place.lat)
    colour = _place_colour(place, view)
    radius = projection.length(place.precision_km)
    dashed = "4 3" if view.day is not None and place.uncertain else None
    return tag(
        "g",
        [
            tag("title", text(_place_tip(place, view))),
            tag(
                "circle",
                cx=x,
                cy=y,
                r=max(radius, 4.0),
                fill=colour,
                fill_opacity="0.14" if radius < 60 else "0.06",
                stroke=colour,
                stroke_opacity="0.7",
                stroke_dasharray=dashed or "2 2",
            ),
            tag("circle", cx=x, cy=y, r=3.0, fill=colour, stroke="#fff"),
        ],
        class_=PLACE_CLASS,
        data_id=place.id,
    )


def _line(points: Sequence[tuple[float, float]], kind: str) -> str:
    path = "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in points)
    if kind == "river":
        return tag("path", d=path, fill="none", stroke=RIVER_COLOUR, stroke_width="3.5",
                   stroke_linejoin="round", stroke_linecap="round")  # fmt: skip
    return tag("path", d=path, fill="none", stroke=BORDER_COLOUR, stroke_width="1.6",
               stroke_dasharray="9 5")  # fmt: skip


def _labels(
    view: MapView,
    projection: Projection,
    taken: list[Rect],
    bounds: Rect,
    discs: Mapping[str, float],
) -> tuple[list[str], list[MapPlace]]:
    """Each place's name where it overlaps nothing, a leader line to it where it had to go
    farther out; the places left unnamed."""
    names = [p.label + (" ?" if view.day is not None and p.uncertain else "") for p in view.places]
    candidates = []
    for place, name in zip(view.places, names, strict=True):
        x, y = projection.xy(place.lon, place.lat)
        if place.id in discs:
            reach = 4 + discs[place.id]
        else:
            reach = 10 + (_SPIRAL_STEP * math.sqrt(len(place.events)) if place.events else 0)
        sizes = (text_width(name, _FONT, bold=bool(place.event_count)), _FONT + 2)
        candidates.append(around(x, y, *sizes, reach, reach + 18, reach + 40, reach + 70))
    chosen = place_labels(candidates, bounds, taken, gap=4)
    drawn, unnamed = [], []
    for place, name, rect, options in zip(view.places, names, chosen, candidates, strict=True):
        if rect is None:
            unnamed.append(place)
            continue
        if options.index(rect) >= 8:
            x, y = projection.xy(place.lon, place.lat)
            to_x = min(max(x, rect.x), rect.x + rect.width)
            to_y = min(max(y, rect.y), rect.y + rect.height)
            drawn.append(tag("path", d=f"M{x:.1f},{y:.1f} L{to_x:.1f},{to_y:.1f}",
                             stroke="#888", stroke_width="0.8"))  # fmt: skip
        weight = "bold" if place.event_count else None
        # Held to the side of its place: a name left of it ends there, one above or below
        # is centred, so a face narrower than the estimate leaves no gap at the place.
        x, _ = projection.xy(place.lon, place.lat)
        anchor, at = "start", rect.x
        if rect.x + rect.width <= x:
            anchor, at = "end", rect.x + rect.width
        elif rect.x < x:
            anchor, at = "middle", rect.x + rect.width / 2
        drawn.append(label(name, at, rect.y + _FONT, class_=weight, stroke="#fff",
                           stroke_width="3", paint_order="stroke",
                           text_anchor=None if anchor == "start" else anchor))  # fmt: skip
    return drawn, unnamed


# How a summarised picture tells the way to see every event.
EVERY_EVENT = "--all draws every event"


def map_svg(
    view: MapView, side_names: Mapping[str, str], *, width: int = 1200, every: str = EVERY_EVENT
) -> str:
    """The map `width` pixels wide; a density map says `every`: how to see each event."""
    inner_w = width - 2 * _PAD
    inner_h = min(height_for(view.box, inner_w), inner_w * 1.3)
    projection = fit(view.box, inner_w, inner_h, pad=12)
    body: list[str] = [
        tag("clipPath", tag("rect", width=float(inner_w), height=inner_h), id="map-area"),
    ]
    drawn: list[str] = [tag("rect", width=float(inner_w), height=inner_h, fill=LAND_COLOUR)]
    for line in view.lines:
        drawn.append(_line([projection.xy(lon, lat) for lon, lat in line["points"]], line["kind"]))
    drawn += [_place(place, view, projection) for place in view.places]
    taken: list[Rect] = []
    largest = max((p.event_count for p in (*view.places, *view.broad)), default=1)
    discs: dict[str, float] = {}
    for place in view.places:
        x, y = projection.xy(place.lon, place.lat)
        taken.append(Rect(x - 4, y - 4, 8, 8))
        if view.summarised:
            if place.event_count:
                r = discs[place.id] = _disc_radius(place, largest, inner_w)
                drawn.append(_disc(place, side_names, x, y, r))
                taken.append(Rect(x - r, y - r, 2 * r, 2 * r))
            continue
        for event_id, (ex, ey) in zip(
            place.events, _where_events(x, y, len(place.events)), strict=True
        ):
            drawn.append(_event_mark(view, event_id, ex, ey))
            taken.append(Rect(ex - 5, ey - 5, 10, 10))
    taken.append(Rect(inner_w - 44, 0, 44, 60))  # the north arrow
    taken.append(Rect(0, inner_h - 40, 200, 40))  # the scale bar
    bounds = Rect(0, 0, inner_w, inner_h)
    names, unnamed = _labels(view, projection, taken, bounds, discs)
    drawn += names
    drawn += _north_arrow(inner_w - 24, 12) + _scale(projection, 14, inner_h - 16)
    body.append(tag("g", drawn, clip_path="url(#map-area)", transform=f"translate({_PAD},{_TOP})"))
    legend, legend_h = _legend(view, side_names, unnamed, width, _TOP + inner_h + 18, every=every)
    body += legend
    title = f"eastsyria map: {counted(view.event_count, 'event')}"
    if view.summarised:
        title += ", counted per place"
    if view.day is not None:
        from eastsyria.core.calendar import short_day

        title += f", places by holder at the end of {short_day(view.day)}"
    # 16 px, smaller where the picture is too narrow for the whole title.
    size = min(16.0, (width - 2 * _PAD) / (len(title) * 0.6))
    body.insert(0, label(title, _PAD, 28, class_="bold", font_size=round(size, 1)))
    height = _TOP + inner_h + 18 + legend_h
    return document(width, height, body, title=title, description=_note(view))


def _north_arrow(x: float, y: float) -> list[str]:
    arrow = f"{x},{y + 10} {x - 7},{y + 30} {x},{y + 25} {x + 7},{y + 30}"
    return [tag("polygon", points=arrow, fill="#333"),
            label("N", x, y + 44, text_anchor="middle", class_="bold")]  # fmt: skip


def _scale(projection: Projection, x: float, y: float) -> list[str]:
    km = scale_km(projection.per_km, 180)
    length = projection.length(km)
    ticks = f"M{x:.1f},{y - 5:.1f} V{y:.1f} H{x + length:.1f} V{y - 5:.1f}"
    return [tag("path", d=ticks, fill="none", stroke="#333", stroke_width="1.5"),
            label(f"{km} km", x + length + 6, y, class_="small")]  # fmt: skip


def _note(view: MapView) -> str:
    said = "; ".join(
        f"{line['name']} drawn to within ±{line['precision_km']:g} km: {line['note']}"
        for line in view.lines
    )
    return said or "No river or border lines in the data file."


class _Flow:
    """The key's items left to right, onto a new row when the next does not fit; a long
    text broken between words."""

    def __init__(self, width: float, top: float) -> None:
        self.left, self.right = float(_PAD), width - _PAD
        self.x, self.y = self.left, top + 6
        self.parts: list[str] = []

    def newline(self, space: float = 20) -> None:
        if self.x > self.left:
            self.x, self.y = self.left, self.y + space

    def at(self, width: float, after: float = 18) -> tuple[float, float]:
        """Where an item `width` wide goes (its left end, the row's middle)."""
        if self.x > self.left and self.x + width > self.right:
            self.newline()
        where = self.x, self.y
        self.x += width + after
        return where

    def words(self, said: str, **attrs: object) -> None:
        """`said` as one text where it fits, else in pieces broken between words."""
        words = said.split(" ")
        while words:
            room = self.right - self.x
            count = len(words)
            while count > 1 and text_width(" ".join(words[:count]), _FONT) > room:
                count -= 1
            piece = " ".join(words[:count])
            if text_width(piece, _FONT) > room and self.x > self.left:
                self.newline()
                continue
            x, y = self.at(text_width(piece, _FONT), after=12)
            self.parts.append(label(piece, x, y + 4, **attrs))
            words = words[count:]


def _legend(
    view: MapView,
    side_names: Mapping[str, str],
    unnamed: list[MapPlace],
    width: int,
    top: float,
    *,
    every: str = EVERY_EVENT,
) -> tuple[list[str], float]:
    """The key under the map, and how tall it is."""
    flow = _Flow(width, top)
    for line in view.lines:
        x, y = flow.at(32, after=6)
        flow.parts.append(_line([(x, y), (x + 30, y)], line["kind"]))
        flow.words(f"{line['name']} (drawn to ±{line['precision_km']:g} km)")
    x, y = flow.at(20, after=6)
    flow.parts += [
        tag("circle", cx=x + 9, cy=y, r=9.0, fill="#777", fill_opacity="0.16", stroke="#777",
            stroke_dasharray="2 2"),
        tag("circle", cx=x + 9, cy=y, r=3.0, fill="#777"),
    ]  # fmt: skip
    flow.words("place; the circle is how far off its coordinates may be")
    flow.newline()
    if view.summarised:
        _density_key(flow, view, side_names, every)
    else:
        flow.words("Events, each at its most precisely located place, by the side that led it:")
    for side in dict.fromkeys(e["side"] for e in view.events.values()):
        x, y = flow.at(10, after=4)
        flow.parts.append(mark(side_shape(side), x + 4, y, _EVENT_SIZE, fill=side_colour(side)))
        flow.words(side_names.get(side, side) if side else "no actor named")
    if view.day is not None:
        flow.newline()
        flow.words("Places, by who held them:")
        for held in dict.fromkeys(p.side for p in view.places if p.side):
            x, y = flow.at(10, after=4)
            flow.parts.append(tag("circle", cx=x + 5, cy=y, r=5.0, fill=side_colour(held)))
            flow.words(side_names.get(held, held))
        flow.words("grey: not known; dashed, '?': may have changed hands, or disputed",
                   class_="muted")  # fmt: skip
    flow.newline(28)
    for place in view.broad:
        flow.words(f"{place.name}, only to within ±{place.precision_km:g} km:", class_="muted")
        if view.summarised:
            flow.words(counted(place.event_count, "event"), class_="muted")
        for event_id in place.events:
            x, y = flow.at(8, after=3)
            flow.parts.append(_event_mark(view, event_id, x + 4, y))
        flow.newline()
    if view.broad:
        flow.words(f"(located more broadly than ±{MARK_KM:g} km: listed, not drawn)",
                   class_="muted small")  # fmt: skip
        flow.newline()
    if unnamed:
        flow.words(f"Not named for lack of room: {', '.join(p.label for p in unnamed)}",
                   class_="muted")  # fmt: skip
        flow.newline()
    return flow.parts, flow.y - top + 24


def _density_key(flow: _Flow, view: MapView, side_names: Mapping[str, str], every: str) -> None:
    """What a density map shows instead of its events, and the colour of each side."""
    places = [p for p in (*view.places, *view.broad) if p.event_count]
    flow.words(
        f"Summarised: {counted(view.event_count, 'event')} at {counted(len(places), 'place')}, "
        f"too many to draw one by one ({every}). Each place is a disc whose "
        "area is its number of events, each at its most precisely located place, in slices "
        "by the side that led them:"
    )
    totals: dict[str | None, int] = {}
    for place in places:
        for side, count in place.sides:
            totals[side] = totals.get(side, 0) + count
    for side in sorted(totals, key=lambda s: -totals[s]):
        name = side_names.get(side, side) if side else "no actor named"
        said = f"{name} ({totals[side]:,})"
        if flow.x + 14 + text_width(said, _FONT) > flow.right:
            flow.newline()  # the swatch on the line of its words
        x, y = flow.at(10, after=4)
        flow.parts.append(tag("circle", cx=x + 5, cy=y, r=5.0, fill=side_colour(side)))
        flow.words(said)
