"""What people type as a date, turned into the span of days it means.

"2017" is the whole year, "Nov 2017" the whole month, "19 November 2017" one day, "2017-W45"
the ISO week, Monday to Sunday. Numeric forms with the year first (2017-11-19, 2017/11/19) and
ISO weeks are parsed here directly; worded forms go through dateutil, imported only then.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from eastsyria.core.calendar import MONTH_NAMES
from eastsyria.errors import InputError

ACCEPTED_FORMS = (
    "2017, 2017-11, 2017-11-19, 2017/11/19, 2017-W45, Nov 2017, 19 November 2017"
    " or November 19, 2017"
)

# The year first, then month and day, all with the same separator: 2017-11-19 or 2017/11/19.
_ISO = re.compile(r"(\d{4})(?:([-/])(\d{1,2})(?:\2(\d{1,2}))?)?")
# An ISO week, as `stats --by week` prints it: 2017-W45; also 2017W45, 2017 W45, 2017-w45.
_WEEK = re.compile(r"(\d{4})[- ]?W(\d{1,2})", re.IGNORECASE)
_NUMERIC = re.compile(r"[\d\s/.\-]+")
_MONTH_WORD = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?=\s|,|$|\d)",
    re.IGNORECASE,
)
_ONLY_DATE_WORDS = re.compile(r"[A-Za-z]+\.?|\d{1,2}(?:st|nd|rd|th)?|\d{4}|,|\s+", re.IGNORECASE)


class DaySpan(NamedTuple):
    """Inclusive span of days."""

    start: dt.date
    end: dt.date

    def iso(self) -> tuple[str, str]:
        return self.start.isoformat(), self.end.isoformat()


def _bad(text: str, why: str) -> InputError:
    return InputError(f"cannot read date {text!r}: {why}; use {ACCEPTED_FORMS}")


def _span(text: str, year: int, month: int | None, day: int | None) -> DaySpan:
    if not 1 <= year <= 9999:
        raise _bad(text, "year out of range")
    if month is None:
        return DaySpan(dt.date(year, 1, 1), dt.date(year, 12, 31))
    if not 1 <= month <= 12:
        raise _bad(text, f"there is no month {month}")
    # Not via the first of the next month: December 9999 has none.
    last_day = 31 if month == 12 else (dt.date(year, month + 1, 1) - dt.timedelta(days=1)).day
    if day is None:
        return DaySpan(dt.date(year, month, 1), dt.date(year, month, last_day))
    if not 1 <= day <= last_day:
        raise _bad(text, f"{MONTH_NAMES[month - 1]} {year} has no day {day}")
    day_date = dt.date(year, month, day)
    return DaySpan(day_date, day_date)


def _week(text: str, year: int, week: int) -> DaySpan:
    """ISO week `week` of ISO year `year`: its Monday to its Sunday."""
    if not 1 <= year <= 9999:
        raise _bad(text, "year out of range")
    if not 1 <= week <= 53:
        raise _bad(text, f"there is no ISO week {week}: weeks run 1 to 52, or 53 in some years")
    # 28 December always falls in the last ISO week of its year.
    if week > dt.date(year, 12, 28).isocalendar().week:
        raise _bad(text, f"{year} has no ISO week {week}: its weeks run 1 to 52")
    monday = dt.date.fromisocalendar(year, week, 1)
    try:
        return DaySpan(monday, monday + dt.timedelta(days=6))
    except OverflowError:
        # The last week of 9999 ends in a year no date can hold.
        raise _bad(text, "it ends after 9999-12-31") from None


def parse_span(text: str) -> DaySpan:
    """The days a typed date covers. Raises InputError naming the value and the accepted forms."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise _bad(text, "it is empty")
    iso = _ISO.fullmatch(cleaned)
    if iso:
        year, _, month, day = iso.groups()
        return _span(text, int(year), int(month) if month else None, int(day) if day else None)
    week = _WEEK.fullmatch(cleaned)
    if week:
        return _week(text, int(week[1]), int(week[2]))
    if _NUMERIC.fullmatch(cleaned):
        if re.fullmatch(r"\d+", cleaned):
            raise _bad(text, "a year has four digits")
        raise _bad(text, "all-numeric dates other than YYYY-MM-DD or YYYY/MM/DD are ambiguous")
    return _parse_words(text, cleaned)


def _parse_words(text: str, cleaned: str) -> DaySpan:
    months = _MONTH_WORD.findall(cleaned)
    if len(months) != 1 or "".join(_ONLY_DATE_WORDS.findall(cleaned)) != cleaned:
        raise _bad(text, "not a date")
    # A day and a year at most: dateutil would read a third number as a time or a year
    # ("Nov 1 2 2017" as 1 November 2002), a day the user never meant.
    numbers = re.findall(r"\d+", cleaned)
    years = [number for number in numbers if len(number) == 4]
    if not years:
        raise _bad(text, "it has no year")
    if len(years) > 1 or len(numbers) > 2:
        raise _bad(text, "it has more numbers than a day and a year")

    from dateutil import parser as date_parser

    # dateutil fills what is missing from `default`: parsing with two different defaults
    # shows which parts were really given, so nothing is silently taken from today.
    first_default = dt.datetime(2000, 1, 1)
    second_default = dt.datetime(2004, 2, 2)
    try:
        first = date_parser.parse(cleaned, default=first_default)
        second = date_parser.parse(cleaned, default=second_default)
    except (ValueError, OverflowError) as exc:
        # dateutil's reason, without the value it echoes after a colon.
        raise _bad(text, str(exc).split(":")[0].lower()) from None
    if first.year != int(years[0]):
        # "Nov 0099" would otherwise be November 1999.
        raise _bad(text, "a year before 1000 only as YYYY-MM or YYYY-MM-DD")
    day = first.day if first.day == second.day else None
    if day is not None and len(numbers) == 1:
        # dateutil takes a weekday ("Tuesday Nov 2017") for a day of the month.
        raise _bad(text, "give the day of the month as a number")
    return _span(text, first.year, first.month, day)


def overlaps(start: str, end: str, lo: str | None, hi: str | None) -> bool:
    """Whether the ISO span start..end shares a day with lo..hi (None: open)."""
    return (lo is None or end >= lo) and (hi is None or start <= hi)


def inside(start: str, end: str, lo: str | None, hi: str | None) -> bool:
    """Whether the ISO span start..end lies wholly inside lo..hi (None: open)."""
    return (lo is None or start >= lo) and (hi is None or end <= hi)
