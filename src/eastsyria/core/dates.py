"""What people type as a date, turned into the span of days it means.

"2017" is the whole year, "Nov 2017" the whole month, "19 November 2017" one day. ISO forms
are parsed here directly; worded forms go through dateutil, which is imported only then.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from eastsyria.core.calendar import MONTH_NAMES
from eastsyria.errors import InputError

ACCEPTED_FORMS = "2017, 2017-11, 2017-11-19, Nov 2017, 19 November 2017 or November 19, 2017"

_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_NUMERIC = re.compile(r"[\d\s/.\-]+")
_MONTH_WORD = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?=\s|,|$|\d)",
    re.IGNORECASE,
)
_ONLY_DATE_WORDS = re.compile(r"[A-Za-z]+\.?|\d{1,2}(?:st|nd|rd|th)?|\d{4}|,|\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DaySpan:
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


def parse_span(text: str) -> DaySpan:
    """The days a typed date covers. Raises InputError naming the value and the accepted forms."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise _bad(text, "it is empty")
    iso = _ISO.fullmatch(cleaned)
    if iso:
        year, month, day = iso.groups()
        return _span(text, int(year), int(month) if month else None, int(day) if day else None)
    if _NUMERIC.fullmatch(cleaned):
        if re.fullmatch(r"\d+", cleaned):
            raise _bad(text, "a year has four digits")
        raise _bad(text, "all-numeric dates other than YYYY-MM-DD are ambiguous")
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
