"""A date axis for pictures, in pixels or terminal columns: days to x, and the ticks to label.

Days are ordinals (`date.toordinal()`), a fraction of a day added where a picture needs one
(a change in the middle of a day, late in it). A scale is one or more stretches of days laid
side by side; between two stretches lies a cut (a long time where nothing happened), drawn
narrow and marked so nobody reads it as days. Pure: no Rich, no SVG.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import NamedTuple

from eastsyria.core.calendar import FIRST_DAY, LAST_DAY, MONTH_NAMES, date_of


class Stretch(NamedTuple):
    """Days `first` up to (not including) `after`, drawn from `left` to `right`."""

    first: float
    after: float
    left: float
    right: float

    @property
    def per_day(self) -> float:
        return (self.right - self.left) / (self.after - self.first)


class Tick(NamedTuple):
    x: float
    text: str


class Scale(NamedTuple):
    stretches: tuple[Stretch, ...]

    @property
    def left(self) -> float:
        return self.stretches[0].left

    @property
    def right(self) -> float:
        return self.stretches[-1].right

    @property
    def cuts(self) -> list[tuple[float, float]]:
        """Where time is cut out: (x where a stretch ends, x where the next begins)."""
        return [(a.right, b.left) for a, b in zip(self.stretches, self.stretches[1:], strict=False)]

    def x(self, day: float) -> float:
        """Where `day` (an ordinal, perhaps with a fraction) lies; a day inside a cut lies
        inside the cut, one outside the scale at its edge."""
        first = self.stretches[0]
        if day <= first.first:
            return first.left
        for stretch, following in zip(self.stretches, (*self.stretches[1:], None), strict=True):
            if day <= stretch.after:
                return stretch.left + (day - stretch.first) * stretch.per_day
            if following is not None and day < following.first:
                share = (day - stretch.after) / (following.first - stretch.after)
                return stretch.right + share * (following.left - stretch.right)
        return self.right

    def day(self, x: float) -> float:
        """The day (ordinal with a fraction) drawn at `x`: the inverse of `x`."""
        for stretch in self.stretches:
            if x <= stretch.right:
                return stretch.first + max(0.0, x - stretch.left) / stretch.per_day
        return self.stretches[-1].after

    def ticks(self, measure: Callable[[str], float], gap: float) -> list[Tick]:
        """Labelled ticks that do not overlap (each label drawn from its tick rightwards,
        `measure` its width, `gap` the room kept after it): months, or days where a month
        is wide, or years where a year is narrow; the year written on the first and wherever
        it changes."""
        found: list[Tick] = []
        year = None
        end = self.left - gap
        for stretch in self.stretches:
            # A stretch too short for a month tick says at least which day it starts on.
            first = [min(int(-(-stretch.first // 1)), LAST_DAY)]
            for days, kind in (_tick_days(stretch, measure("28 Sep 2017") + gap), (first, "day")):
                before = len(found)
                for day in days:
                    date = date_of(day)
                    month = MONTH_NAMES[date.month - 1][:3]
                    text = {"day": f"{date.day} {month}", "month": month, "year": ""}[kind]
                    if date.year != year or kind == "year":
                        text = f"{text} {date.year}".lstrip()
                    x = stretch.left + (day - stretch.first) * stretch.per_day
                    if x >= end and x + measure(text) <= stretch.right + 1:
                        found.append(Tick(x, text))
                        end = x + measure(text) + gap
                        year = date.year
                if len(found) > before:
                    break
        return found


# The days of the month ticked at each step of days.
_DAYS_OF_MONTH = {
    1: range(1, 32),
    2: range(1, 30, 2),
    5: (1, 6, 11, 16, 21, 26),
    7: (1, 8, 15, 22),
}
_MONTH_STEPS = (1, 2, 3, 6, 12)
# Past a year a tick: every so many years, the years that are a multiple of it.
_YEAR_STEPS = (2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)


def _tick_days(stretch: Stretch, room: float) -> tuple[list[int], str]:
    """The days to tick inside a stretch, and what they stand for ("day", "month" or
    "year"): every day, every 2, 5 or 7 days, the first of every 1, 2, 3, 6 or 12 months,
    or the first day of every 2, 5, 10... years, the first step that leaves `room` between
    ticks. Only the ticks are listed, never every day: a stretch may hold the whole
    calendar (3.6 million days)."""
    lo = min(max(int(-(-stretch.first // 1)), FIRST_DAY), LAST_DAY)
    hi = min(int(-(-stretch.after // 1)), LAST_DAY + 1)
    for step, of_month in _DAYS_OF_MONTH.items():
        if step * stretch.per_day >= room:
            return [d for d in range(lo, hi) if dt.date.fromordinal(d).day in of_month], "day"
    first, last = date_of(lo), date_of(hi - 1)
    months = next((m for m in _MONTH_STEPS if m * 30 * stretch.per_day >= room), None)
    if months is not None:
        steps = range(first.year * 12 + first.month - 1, last.year * 12 + last.month)
        found = [dt.date(i // 12, i % 12 + 1, 1) for i in steps if i % 12 % months == 0]
        kind = "month"
    else:
        years = next((y for y in _YEAR_STEPS if y * 365 * stretch.per_day >= room), 10_000)
        found = [dt.date(y, 1, 1) for y in range(first.year, last.year + 1) if y % years == 0]
        kind = "year"
    return [d.toordinal() for d in found if lo <= d.toordinal() < hi], kind


def fit(days: Iterable[float], left: float, right: float, pad: float = 0.04) -> Scale:
    """One stretch from the earliest to the latest day (each a whole day), padded on both
    sides by `pad` of the range and at least two days."""
    found = list(days)
    lo, hi = min(found), max(found) + 1
    margin = max(2.0, (hi - lo) * pad)
    return Scale((Stretch(*_in_calendar(lo - margin, hi + margin), left, right),))


def _in_calendar(first: float, after: float) -> tuple[float, float]:
    """A padded range of days held to the calendar: no day before its first, none after its
    last (an event on 0001-01-01 is drawn at the picture's edge)."""
    return max(first, FIRST_DAY), min(after, LAST_DAY + 1)


def fit_cut(
    spans: Iterable[tuple[float, float]],
    left: float,
    right: float,
    *,
    cut: float,
    quiet: float = 45,
    margin: float = 6,
) -> Scale:
    """Stretches around the spans of days that matter (each padded by `margin` days); a
    stretch of more than `quiet` days between them is cut out, drawn `cut` wide."""
    merged: list[list[float]] = []
    for lo, hi in sorted(_in_calendar(lo - margin, hi + 1 + margin) for lo, hi in spans):
        if merged and lo - merged[-1][1] <= quiet:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    room = right - left - cut * (len(merged) - 1)
    per_day = room / sum(hi - lo for lo, hi in merged)
    stretches = []
    x = left
    for lo, hi in merged:
        stretches.append(Stretch(lo, hi, x, x + (hi - lo) * per_day))
        x += (hi - lo) * per_day + cut
    return Scale(tuple(stretches))
