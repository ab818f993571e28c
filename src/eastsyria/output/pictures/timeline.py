"""The timeline chart (SVG): a date axis with month ticks, a lane per campaign (or place, side,
actor), each event a mark at its date in its lead side's shape and colour.

An event dated to the day is a filled mark. One whose date is a span is a bar from its
earliest to its latest day, with a hollow mark on it (it is not a day); an end of the span
the source leaves open fades out ("by 16 October": known only to be done by then, so the
start fades; "early April": both ends fade). A disputed event has a dashed ring and a flag.
Titles sit beside their marks, stacked in rows so none overlaps another; the lane grows.

A summarised chart (more events than `summary.MARK_CAP`) draws a bar per period with its
count of events, and only the first and last events as marks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from eastsyria.contract.texts import counted
from eastsyria.core.calendar import month_end, ordinal
from eastsyria.output.pictures.lanes import group
from eastsyria.output.pictures.marks import SMALL, Paint, Rows, legend, text_width, wrap
from eastsyria.output.pictures.marks import heading as marks_heading
from eastsyria.output.pictures.timescale import Scale, fit
from eastsyria.output.svg import (
    EVENT_CLASS,
    UNKNOWN_COLOUR,
    document,
    label,
    mark,
    side_colour,
    side_shape,
    tag,
    text,
)

if TYPE_CHECKING:
    from eastsyria.contract.summary import TimelineSummary

View = Mapping[str, Any]
MARGIN = 16
ROW = 18
LANE_HEAD = 24
# Dates the sources give only roughly: both ends of the span are soft.
_VAGUE = ("approximate", "month-part", "month", "season", "year")
# How the source words a span, and which of its ends it leaves open: (start, end).
_OPEN_ENDS = {
    "by": (True, False),
    "until": (True, False),
    "from": (False, True),
    "between": (True, True),
    "around": (True, True),
    "early": (True, True),
    "mid": (True, True),
    "late": (True, True),
}


def soft_ends(view: View) -> tuple[bool, bool]:
    """Which ends of an event's span are not known: (start, end). A day has none; 'by
    16 October' leaves the start open; 'early April 2018', 'circa' and a season both."""
    if view["start"] == view["end"]:
        return False, False
    if view["precision"] in _VAGUE:
        return True, True
    return _OPEN_ENDS.get(view["qualifier"], (False, False))


class _Item(NamedTuple):
    view: View
    lo: float  # where its bar or mark begins and ends
    hi: float
    lines: list[str]
    at: float  # where its label begins (anchored at its end when `side` is "left")
    side: str  # where the label is: "right" or "left" of the mark, or "below" it
    # Whether its span goes on beyond the chart's dates (at the start, at the end).
    beyond: tuple[bool, bool] = (False, False)

    @property
    def rows(self) -> int:
        return len(self.lines) + (self.side == "below")


def _item(view: View, scale: Scale) -> _Item:
    first, last = ordinal(view["start"]), ordinal(view["end"])
    beyond = (first < scale.stretches[0].first, last + 1 > scale.stretches[-1].after)
    if first == last:
        lo = hi = scale.x(first + 0.5)
    else:
        lo, hi = scale.x(first), max(scale.x(last + 1), scale.x(first) + 6)
    words = ("⚑ " if view["disputes"] else "") + str(view["title"])
    width = text_width(words)
    right_room, left_room = scale.right - hi - 10, lo - 10 - scale.left
    if width <= right_room or (right_room >= left_room and right_room >= _ROOMY):
        return _Item(view, lo, hi, wrap(words, right_room), hi + 10, "right", beyond)
    if width <= left_room or left_room >= _ROOMY:
        return _Item(view, lo, hi, wrap(words, left_room), lo - 10, "left", beyond)
    # A bar across most of the chart: its title on the lines under it.
    at = min(max(lo, scale.left), scale.right - min(width, scale.right - scale.left))
    return _Item(view, lo, hi, wrap(words, scale.right - at), at, "below", beyond)


# The least room beside a mark a title is wrapped into; with less, it goes under the mark.
_ROOMY = 220


def _span(item: _Item) -> tuple[float, float]:
    width = max(text_width(line) for line in item.lines)
    if item.side == "left":
        return item.at - width, item.hi + 6
    if item.side == "below":
        return min(item.lo, item.at) - 6, max(item.hi, item.at + width) + 6
    return item.lo - 6, item.at + width


def _draw(item: _Item, y: float, side: str, paint: Paint) -> str:
    view, colour, shape = item.view, side_colour(side), side_shape(side)
    parts = [tag("title", text(f"{view['date']}: {view['title']}"))]
    if item.lo == item.hi:
        parts.append(mark(shape, item.lo, y, 10, fill=colour, stroke="#fff", stroke_width=0.8))
    else:
        soft_start, soft_end = soft_ends(view)
        fill = paint.fade(colour, soft_start, soft_end)
        width = item.hi - item.lo
        parts.append(tag("rect", x=item.lo, y=y - 4, width=width, height=8.0, rx=2, fill=fill))
        # A sharp end gets a cap; an end beyond the chart's dates runs to its edge, uncapped.
        ends = zip((item.lo, item.hi), (soft_start, soft_end), item.beyond, strict=True)
        for x, soft, beyond in ends:
            if not soft and not beyond:
                parts.append(tag("rect", x=x - 1, y=y - 6, width=2.0, height=12.0, fill=colour))
        middle = (item.lo + item.hi) / 2
        parts.append(mark(shape, middle, y, 9, fill="#fff", stroke=colour, stroke_width=1.8))
    if view["disputes"]:
        centre = item.lo if item.lo == item.hi else (item.lo + item.hi) / 2
        parts.append(
            tag(
                "circle",
                cx=centre,
                cy=float(y),
                r=9.0,
                fill="none",
                stroke="#B00020",
                stroke_width=1.3,
                stroke_dasharray="3 2",
            )
        )
    anchor = "end" if item.side == "left" else None
    first = y + 4 + ROW * (item.side == "below")
    for i, line in enumerate(item.lines):
        parts.append(label(line, item.at, first + i * ROW, text_anchor=anchor))
    return tag("g", parts, class_=EVENT_CLASS, data_id=view["id"])


def _axis(scale: Scale, y: float, top: float, bottom: float) -> list[str]:
    """Month (or day) labels at `y`, and their grid lines from `top` to `bottom`."""
    parts = []
    for tick in scale.ticks(lambda s: text_width(s, SMALL), 10):
        parts.append(tag("line", x1=tick.x, x2=tick.x, y1=top, y2=bottom, stroke="#e2e2e2"))
        parts.append(label(tick.text, tick.x + 3, y, class_="small muted"))
    return parts


def _legend_entries(
    views: Sequence[View], lanes: str, sides: Mapping[str, str], paint: Paint
) -> list[tuple[Any, str]]:
    from eastsyria.contract.events import lead_side

    shown = {lead_side(dict(view)) for view in views}
    order = [s for s in sides if s in shown] + sorted(shown - set(sides))
    entries: list[tuple[Any, str]] = [
        (
            lambda x, y, s=side: mark(side_shape(s), x, y, 10, fill=side_colour(s)),
            sides.get(side, side),
        )
        for side in order
    ]
    spans = [v for v in views if v["start"] != v["end"]]
    if spans:
        entries.append(
            (
                lambda x, y: tag("rect", x=x - 9, y=y - 4, width=18.0, height=8.0, fill="#777"),
                "a bar: some time in the span, or all of it (hollow mark: not a day)",
            )
        )
    if any(any(soft_ends(v)) for v in spans):
        fill = paint.fade("#777777", False, True)
        entries.append(
            (
                lambda x, y: tag("rect", x=x - 9, y=y - 4, width=18.0, height=8.0, fill=fill),
                "fading end: not known (by 16 Oct: the start; early Apr: both)",
            )
        )
    if any(v["disputes"] for v in views):
        entries.append(
            (
                lambda x, y: tag(
                    "circle",
                    cx=x,
                    cy=y,
                    r=7.0,
                    fill="none",
                    stroke="#B00020",
                    stroke_dasharray="3 2",
                ),
                "⚑ the sources disagree about it",
            )
        )
    if lanes in ("place", "actor"):
        entries.append((lambda x, y: "", f"an event with several {lanes}s is in each lane"))
    return entries


def _lane(
    name: str, events: Sequence[View], scale: Scale, y: float, paint: Paint, *, drawn: str = ""
) -> tuple[list[str], float]:
    """One lane from `y` down: its heading (its count of events, and `drawn` after it),
    then its events' rows; and where it ends."""
    from eastsyria.contract.events import lead_side

    left, right = scale.left, scale.right
    parts = [
        tag("rect", x=left, y=y, width=right - left, height=20.0, fill="#f2f2f2"),
        label(name, left + 6, y + 14, class_="bold"),
        label(
            counted(len(events), "event") + drawn,
            left + 16 + text_width(name) * 1.15,
            y + 14,
            class_="small muted",
        ),
    ]
    rows, placed = Rows(), []
    for view in events:
        item = _item(view, scale)
        placed.append((item, rows.place(*_span(item), lines=item.rows)))
    for item, row in placed:
        top = y + LANE_HEAD + 9 + row * ROW
        parts.append(_draw(item, top, lead_side(dict(item.view)), paint))
    return parts, y + LANE_HEAD + max(1, len(rows)) * ROW + 10


def timeline_svg(
    views: Sequence[View],
    *,
    width: int = 1200,
    lanes: str = "campaign",
    sides: Mapping[str, str] | None = None,
    dates: tuple[str | None, str | None] = (None, None),
    summary: TimelineSummary | None = None,
    every: str = "--all draws every one",
) -> str:
    """The chart of `views` (event views, in date order), `width` pixels wide, over `dates`
    (ISO first and last day, as the filters asked; None: the events' own first or last).
    With a `summary`, `views` are its first and last events, and its counts are drawn (with
    `every`: how to see each event)."""
    sides = sides or {}
    paint = Paint()
    left, right = MARGIN, width - MARGIN
    count = counted(summary.total if summary else len(views), "event")
    heading = f"eastsyria timeline: {count}, a lane per {lanes}"
    if summary is not None:
        heading = (
            f"eastsyria timeline: {count} per {summary.unit}, the first {len(summary.first)} "
            f"and the last {len(summary.last)} drawn, a lane per {lanes}"
        )
    title, below = marks_heading(heading, left, right - left)
    parts = [title]
    if not views:
        parts.append(label("No events match these filters.", left, below + 24))
        return document(width, below + 44, parts, title=heading)
    first, last = dates
    periods = _period_days(summary) if summary else []
    earliest = ordinal(first) if first else min(ordinal(v["start"]) for v in views)
    latest = ordinal(last) if last else max(ordinal(v["end"]) for v in views)
    if periods and not first:
        earliest = min(earliest, periods[0][0])
    if periods and not last:
        latest = max(latest, periods[-1][1] - 1)
    scale = fit([earliest, latest], left, right)
    drawn, height = legend(_legend_entries(views, lanes, sides, paint), left, below, right - left)
    top = below + height + 8
    if summary is not None:
        bars, height = _counts(summary, periods, scale, top, every=every)
        drawn += "".join(bars)
        top += height
    axis_top = top + 14
    y = axis_top + 8
    body = []
    for key, name, events in group(views, lanes, sides):
        lane, y = _lane(name, events, scale, y, paint, drawn=" drawn" if summary else "")
        body.append(tag("g", lane, class_="lane", data_id=key))
    bottom = y + 4
    parts.append(drawn)
    parts += _axis(scale, top + 8, axis_top, bottom)
    parts += body
    parts += [
        label(t.text, t.x + 3, bottom + 14, class_="small muted")
        for t in scale.ticks(lambda s: text_width(s, SMALL), 10)
    ]
    return document(
        width,
        bottom + 26,
        [paint.defs(), *parts],
        title=heading,
        description="Each event a mark at its date; a span a bar; a fading end an open date.",
    )


# The height of the tallest bar of a summarised chart's counts.
_BARS = 90


def _period_days(summary: TimelineSummary) -> list[tuple[int, int, int]]:
    """Each period of the summary as (its first day, the day after its last, its count)."""
    found = []
    for key, count in summary.periods:
        if summary.unit == "day":
            first = after = ordinal(key)
            after += 1
        elif summary.unit == "week":
            year, week = key.split("-W")
            first = dt.date.fromisocalendar(int(year), int(week), 1).toordinal()
            after = first + 7
        elif summary.unit == "month":
            year, month = key.split("-")
            start = dt.date(int(year), int(month), 1)
            first = start.toordinal()
            after = month_end(start).toordinal() + 1
        else:
            first = dt.date(int(key), 1, 1).toordinal()
            after = dt.date(int(key), 12, 31).toordinal() + 1
        found.append((first, after, count))
    return found


def _counts(
    summary: TimelineSummary,
    periods: list[tuple[int, int, int]],
    scale: Scale,
    top: float,
    *,
    every: str,
) -> tuple[list[str], float]:
    """A bar per period, as tall as its count of events, under a line that says what they
    are; and the height they take."""
    most = max((count for _, _, count in periods), default=0) or 1
    words = (
        f"Summarised: {counted(summary.total, 'event')}, too many to draw one by one "
        f"({every}). Each bar is a {summary.unit}'s events, by earliest possible day "
        f"(the tallest: {most:,}); {counted(summary.hidden, 'event')} between the first "
        f"{len(summary.first)} and the last {len(summary.last)} are not drawn."
    )
    lines = wrap(words, scale.right - scale.left, SMALL)
    parts = [
        label(line, scale.left, top + 12 + 14 * i, class_="small") for i, line in enumerate(lines)
    ]
    base = top + 14 * len(lines) + 20 + _BARS
    for first, after, count in periods:
        lo, hi = scale.x(first), scale.x(after)
        tall = _BARS * count / most
        tip = tag("title", text(f"{_bucket_text(first, summary.unit)}: {counted(count, 'event')}"))
        bar = tag("rect", x=lo, y=base - tall, width=max(hi - lo - 1, 1.0), height=tall,
                  fill=UNKNOWN_COLOUR, stroke="#888", stroke_width=0.5)  # fmt: skip
        parts.append(tag("g", [tip, bar], class_="period"))
    parts.append(tag("line", x1=scale.left, x2=scale.right, y1=base, y2=base, stroke="#888"))
    parts.append(label(f"{most:,}", scale.left + 2, base - _BARS - 2, class_="small muted"))
    return parts, base - top + 10


def _bucket_text(first: int, unit: str) -> str:
    """The period beginning on `first` (an ordinal), for people."""
    from eastsyria.core.calendar import bucket_heading, short_day

    iso = dt.date.fromordinal(first).isoformat()
    if unit == "year":
        return iso[:4]
    return short_day(iso) if unit == "day" else bucket_heading(iso, unit)
