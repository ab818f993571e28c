"""Periods of the calendar (what `stats` counts by and `timeline` heads with), and spans of
days written short. Light: completion imports it for the names of the periods."""

from __future__ import annotations

import datetime as dt

from eastsyria.errors import InputError

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

BUCKETS: tuple[str, ...] = ("month", "week")
# How `casualties --total` cuts time: a calendar month, a year, or all the days as one.
TOTAL_PERIODS: tuple[str, ...] = ("month", "year", "all")
# Every period `bucket` knows, finest first: a summary of a huge result counts by day or by
# year where --by's month or week would give too few or too many rows.
UNITS: tuple[str, ...] = ("day", "week", "month", "year")


def ordinal(iso: str) -> int:
    """An ISO day as a number of days (`date.toordinal()`): what pictures lay out in."""
    return dt.date.fromisoformat(iso).toordinal()


def check_bucket(by: str) -> str:
    if by not in BUCKETS:
        raise InputError(f"--by must be {' or '.join(BUCKETS)}, not {by!r}")
    return by


def bucket(iso: str, by: str) -> str:
    """The period a day falls in: '2017-11' by month, the ISO week '2017-W45' by week,
    '2017-11-19' by day, '2017' by year."""
    if by == "day":
        return iso
    if by == "year":
        return iso[:4]
    day = dt.date.fromisoformat(iso)
    if by == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return iso[:7]


def bucket_heading(iso: str, by: str) -> str:
    """The period a day falls in, for people: 'November 2017', 'Week 45, 2017 (from 6 November)'."""
    day = dt.date.fromisoformat(iso)
    if by == "week":
        monday = day - dt.timedelta(days=day.weekday())
        year, week, _ = day.isocalendar()
        return f"Week {week}, {year} (from {monday.day} {MONTH_NAMES[monday.month - 1]})"
    return f"{MONTH_NAMES[day.month - 1]} {day.year}"


def _next_bucket_start(day: dt.date, by: str) -> dt.date:
    if by == "day":
        return day + dt.timedelta(days=1)
    if by == "year":
        return dt.date(day.year + 1, 1, 1)
    if by == "week":
        return day - dt.timedelta(days=day.weekday()) + dt.timedelta(days=7)
    if day.month == 12:
        return dt.date(day.year + 1, 1, 1)
    return dt.date(day.year, day.month + 1, 1)


def all_buckets(first: str, last: str, by: str) -> list[str]:
    """Every period from the one of `first` to the one of `last`, empty ones included.

    None when `last` comes before `first`.
    """
    buckets: list[str] = []
    day = dt.date.fromisoformat(first)
    end = dt.date.fromisoformat(last)
    while day <= end:
        buckets.append(bucket(day.isoformat(), by))
        day = _next_bucket_start(day, by)
    return buckets


# -- a span of days written short -------------------------------------------------------------


def short_day(iso: str, *, year: bool = True) -> str:
    """'3 Nov 2017'; '3 Nov' without the year."""
    day = dt.date.fromisoformat(iso)
    text = f"{day.day} {MONTH_NAMES[day.month - 1][:3]}"
    return f"{text} {day.year}" if year else text


def span_text(start: str, end: str, *, year: bool = True) -> str:
    """'1–20 Oct 2017', '28 Oct – 3 Nov 2017', '5 Dec 2017': as short as stays exact.

    Without `year` the year is left out, unless the span crosses into another year.
    """
    first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    if first.year != last.year:
        return f"{short_day(start)} – {short_day(end)}"
    suffix = f" {last.year}" if year else ""
    if first == last:
        return short_day(start, year=False) + suffix
    first_month, last_month = MONTH_NAMES[first.month - 1][:3], MONTH_NAMES[last.month - 1][:3]
    if first.month != last.month:
        return f"{first.day} {first_month} – {last.day} {last_month}{suffix}"
    return f"{first.day}–{last.day} {last_month}{suffix}"


# Meteorological seasons of the northern hemisphere, by month.
_SEASONS = ("winter",) * 2 + ("spring",) * 3 + ("summer",) * 3 + ("autumn",) * 3 + ("winter",)


def season_of(start: str, end: str) -> str:
    """'summer 2018': the season of the span's middle day; a winter that spans two years
    is 'winter 2017–18'."""
    first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    middle = first + (last - first) / 2
    season = _SEASONS[middle.month - 1]
    if season == "winter" and first.year != last.year:
        return f"winter {first.year}–{last.year % 100:02d}"
    return f"{season} {middle.year}"


def whole_period(start: str, end: str) -> str | None:
    """'Apr 2018' when the span is a whole month, '2018' when it is a whole year; else None."""
    first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    after = last + dt.timedelta(days=1)
    if first.day != 1 or after.day != 1:
        return None
    if first.year == last.year and (first.month, last.month) == (1, 12):
        return str(first.year)
    if (first.year, first.month) == (last.year, last.month):
        return f"{MONTH_NAMES[first.month - 1][:3]} {first.year}"
    return None
