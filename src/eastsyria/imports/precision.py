"""How exact the datasets' dates and coordinates are: their codes, turned into date spans and
radii without claiming more than the codebook allows.

Dates
-----
ACLED codebook ("time_precision"): 1, the source gives the day of the event; 2, the source
gives only a week or a few days ("last week", "early in the week") and ACLED codes one day
of them; 3, the source gives only the month, and ACLED codes one day of that month.
So a 1 is the day; a 2 is a span from 6 days before to 6 days after the coded day ("within
a week of it": wide enough whichever day of the week ACLED coded); a 3 is the whole month.

UCDP GED codebook ("date_prec", with "date_start" and "date_end", the earliest and latest
day the event can have happened): 1, the exact day is known; 2, the event took place within
2 to 6 days; 3, only the week is known; 4, only the month is known, or a span of 8 to 30
days; 5, only the year is known, or a span of more than a month. The span is always
date_start..date_end as UCDP gives them; the code only names how the span is worded: a
day where start and end are one day, a month or a year where the span is exactly one.

Coordinates (coord_precision_km: the radius the point is good to)
-----------------------------------------------------------------
ACLED codebook ("geo_precision"): 1, the source names the town or village (a point in a
named town: 5 km, a town's extent); 2, the source says "near" a town or names only a small
part of a district, coded to the nearest town (25 km); 3, the source names only a larger
region, coded to its provincial capital or centre (100 km, a Syrian governorate's rough
radius).

UCDP GED codebook ("where_prec"): 1, the exact location (5 km); 2, within about 25 km of a
known point (25 km); 3, only the second-order administrative division, a district (50 km);
4, only the first-order division, a province (100 km); 5, a part of a country larger than a
province, or a linear feature such as a river or a road (250 km); 6, only the country
(500 km); 7, international waters or airspace, or not in any country (1,000 km).
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections.abc import Mapping

from eastsyria.imports.rows import Reject, shown

ACLED_DATE_WORDS = {1: "the day", 2: "within a week of the date (±6 days)", 3: "the month"}
UCDP_DATE_WORDS = {
    1: "the day",
    2: "within 2 to 6 days",
    3: "the week",
    4: "the month, or 8 to 30 days",
    5: "the year, or more than a month",
}
ACLED_KM: dict[int, float] = {1: 5, 2: 25, 3: 100}
UCDP_KM: dict[int, float] = {1: 5, 2: 25, 3: 50, 4: 100, 5: 250, 6: 500, 7: 1000}
ACLED_WEEK_DAYS = 6

_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y")


def parse_day(value: str, column: str) -> dt.date:
    """'2017-11-09' or '09 November 2017' (UCDP's '2017-11-09 00:00:00.000' too)."""
    text = value.strip()
    if len(text) > 10 and text[:4].isdigit() and text[10] in " T":
        text = text[:10]
    for fmt in _FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise Reject(f"{column} {shown(value)} is not a date (expected 2017-11-09 or 09 November 2017)")


def code(value: str, column: str, allowed: Mapping[int, object]) -> int:
    """A precision code of the codebook's: one of `allowed`."""
    try:
        number = int(value.strip())
    except ValueError:
        number = 0
    if number not in allowed:
        codes = ", ".join(str(c) for c in allowed)
        raise Reject(f"{column} {shown(value)} is not one of the codebook's codes {codes}")
    return number


def _day_text(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def acled_span(day: dt.date, precision: int) -> dict[str, str]:
    """The DateSpan of an ACLED row (see the module's docstring)."""
    if precision == 1:
        return span(day, day, "day", "on", _day_text(day))
    if precision == 2:
        gap = dt.timedelta(days=ACLED_WEEK_DAYS)
        if not dt.date.min + gap <= day <= dt.date.max - gap:
            raise Reject(
                f"event_date {day} with time_precision 2 (within a week of it) reaches past "
                f"the dates a data file holds, {dt.date.min} to {dt.date.max}"
            )
        text = f"within a week of {_day_text(day)}"
        return span(day - gap, day + gap, "approximate", "around", text)
    return span(day.replace(day=1), _month_end(day), "month", "during", f"{day:%B %Y}")


def ucdp_span(start: dt.date, end: dt.date, precision: int) -> dict[str, str]:
    """The DateSpan of a UCDP row: date_start..date_end, worded as the code says."""
    if end < start:
        raise Reject(f"date_end {end} is before date_start {start}")
    if start == end:
        return span(start, end, "day", "on", _day_text(start))
    between = f"between {_day_text(start)} and {_day_text(end)}"
    if precision == 4 and start.day == 1 and end == _month_end(start):
        return span(start, end, "month", "during", f"{start:%B %Y}")
    whole_year = (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
    if precision == 5 and whole_year and start.year == end.year:
        return span(start, end, "year", "during", str(start.year))
    words = f" ({UCDP_DATE_WORDS[precision]})" if precision > 1 else ""
    return span(start, end, "range", "between", f"{between}{words}")


def span(
    earliest: dt.date, latest: dt.date, precision: str, qualifier: str, text: str
) -> dict[str, str]:
    """A DateSpan record."""
    return {
        "earliest": earliest.isoformat(),
        "latest": latest.isoformat(),
        "precision": precision,
        "qualifier": qualifier,
        "text": text,
    }


def coordinates(lat_text: str, lon_text: str) -> tuple[float, float]:
    """The row's point; a missing, blank, non-numeric or impossible one is no point (never a
    made-up 0, 0)."""
    if not lat_text.strip() or not lon_text.strip():
        raise Reject("no coordinates (latitude or longitude is blank)")
    try:
        lat, lon = float(lat_text), float(lon_text)
    except ValueError:
        raise Reject(f"coordinates {shown(lat_text)}, {shown(lon_text)} are not numbers") from None
    if not (math.isfinite(lat) and -90 <= lat <= 90 and math.isfinite(lon) and -180 <= lon <= 180):
        raise Reject(f"coordinates {lat!r}, {lon!r} are outside -90..90, -180..180")
    return lat, lon
