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


# The calendar's first and last days as ordinals (`date.toordinal()`). Data may lie on either
# (an event on 0001-01-01 or 9999-12-31 is valid), so no step of a day, a week or a month, no
# padding of a picture's range and no tick may go past them: arithmetic on days goes
# through `date_of` and `shifted`, which stop at the edge, never through a bare timedelta.
FIRST_DAY = dt.date.min.toordinal()
LAST_DAY = dt.date.max.toordinal()


def ordinal(iso: str) -> int:
    """An ISO day as a number of days (`date.toordinal()`): what pictures lay out in."""
    return dt.date.fromisoformat(iso).toordinal()


def date_of(day: float) -> dt.date:
    """The date of an ordinal (a fraction of a day dropped), held to the calendar: a day
    before its first is its first, one after its last its last."""
    return dt.date.fromordinal(min(max(int(day), FIRST_DAY), LAST_DAY))


def shifted(day: dt.date, days: int) -> dt.date:
    """`day` moved by `days`, stopping at the calendar's first or last day."""
    return date_of(day.toordinal() + days)


def month_end(day: dt.date) -> dt.date:
    """The last day of `day`'s month (December's is the 31st: 9999 has no month after it)."""
    if day.month == 12:
        return day.replace(day=31)
    return dt.date(day.year, day.month + 1, 1) - dt.timedelta(days=1)


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
        return f"{year:04d}-W{week:02d}"
    return iso[:7]


def bucket_heading(iso: str, by: str) -> str:
    """The period a day falls in, for people: 'November 2017', 'Week 45, 2017 (from 6 November)'."""
    day = dt.date.fromisoformat(iso)
    if by == "week":
        monday = shifted(day, -day.weekday())
        year, week, _ = day.isocalendar()
        return f"Week {week}, {year} (from {monday.day} {MONTH_NAMES[monday.month - 1]})"
    return f"{MONTH_NAMES[day.month - 1]} {day.year}"


def all_buckets(first: str, last: str, by: str) -> list[str]:
    """Every period from the one of `first` to the one of `last`, empty ones included (none
    when `last` comes before `first`). Listed from the calendar's own numbers, never by
    stepping from a day to the next period's first day: after 9999's last there is none."""
    start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    if end < start:
        return []
    if by == "year":
        return [f"{year:04d}" for year in range(start.year, end.year + 1)]
    if by == "month":
        months = range(start.year * 12 + start.month - 1, end.year * 12 + end.month)
        return [f"{month // 12:04d}-{month % 12 + 1:02d}" for month in months]
    if by == "week":
        (first_year, first_week, _), (last_year, last_week, _) = (
            start.isocalendar(),
            end.isocalendar(),
        )
        found: list[str] = []
        for year in range(first_year, last_year + 1):
            # 28 December always falls in the last ISO week of its year.
            weeks = last_week if year == last_year else dt.date(year, 12, 28).isocalendar().week
            since = first_week if year == first_year else 1
            found += [f"{year:04d}-W{week:02d}" for week in range(since, weeks + 1)]
        return found
    days = range(start.toordinal(), end.toordinal() + 1)
    return [dt.date.fromordinal(day).isoformat() for day in days]


def bucket_count(first: str, last: str, by: str) -> int:
    """How many periods `all_buckets` gives, counted without listing them (a span of all
    the calendar's days is 3.6 million days, 520,000 weeks)."""
    start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    if end < start:
        return 0
    if by == "day":
        return end.toordinal() - start.toordinal() + 1
    if by == "week":
        first_monday = start.toordinal() - start.weekday()
        last_monday = end.toordinal() - end.weekday()
        return (last_monday - first_monday) // 7 + 1
    if by == "month":
        return (end.year - start.year) * 12 + end.month - start.month + 1
    return end.year - start.year + 1


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
    if first.day != 1 or last != month_end(last):
        return None
    if first.year == last.year and (first.month, last.month) == (1, 12):
        return str(first.year)
    if (first.year, first.month) == (last.year, last.month):
        return f"{MONTH_NAMES[first.month - 1][:3]} {first.year}"
    return None
