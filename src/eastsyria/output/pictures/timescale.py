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

from eastsyria.core.calendar import MONTH_NAMES


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
        is wide; the year written on the first and wherever it changes."""
        found: list[Tick] = []
        year = None
        end = self.left - gap
        for stretch in self.stretches:
            # A stretch too short for a month tick says at least which day it starts on.
            first = [int(-(-stretch.first // 1))]
            for days, daily in (_tick_days(stretch, measure("28 Sep 2017") + gap), (first, True)):
                before = len(found)
                for day in days:
                    date = dt.date.fromordinal(day)
                    month = MONTH_NAMES[date.month - 1][:3]
                    text = f"{date.day} {month}" if daily else month
                    if date.year != year:
                        text = f"{text} {date.year}"
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


def _tick_days(stretch: Stretch, room: float) -> tuple[list[int], bool]:
    """The days to tick inside a stretch, and whether they are days rather than months:
    every day, every 2, 5 or 7 days, or the first of every 1, 2, 3, 6 or 12 months, the
    first step that leaves `room` between ticks."""
    days = range(int(-(-stretch.first // 1)), int(stretch.after))
    for step, of_month in _DAYS_OF_MONTH.items():
        if step * stretch.per_day >= room:
            return [d for d in days if dt.date.fromordinal(d).day in of_month], True
    months = next((m for m in (1, 2, 3, 6) if m * 30 * stretch.per_day >= room), 12)
    firsts = [dt.date.fromordinal(d) for d in days]
    return [
        date.toordinal() for date in firsts if date.day == 1 and (date.month - 1) % months == 0
    ], False


def fit(days: Iterable[float], left: float, right: float, pad: float = 0.04) -> Scale:
    """One stretch from the earliest to the latest day (each a whole day), padded on both
    sides by `pad` of the range and at least two days."""
    found = list(days)
    lo, hi = min(found), max(found) + 1
    margin = max(2.0, (hi - lo) * pad)
    return Scale((Stretch(lo - margin, hi + margin, left, right),))


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
    for lo, hi in sorted((lo - margin, hi + 1 + margin) for lo, hi in spans):
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
