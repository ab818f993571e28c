"""Typed dates turned into the span of days they mean, and how spans are compared.

`--from`, `--to` and `--on` go through `parse_span`: a year means all of it, a month all of it,
a day that day. The filters then compare ISO strings with `overlaps` and `inside`.
"""

from __future__ import annotations

import datetime as dt
import types

import pytest

from eastsyria.core.calendar import bucket
from eastsyria.core.dates import DaySpan, inside, overlaps, parse_span
from eastsyria.errors import InputError

# Written out, not imported: the wording users see is part of the behaviour.
FORMS = (
    "2017, 2017-11, 2017-11-19, 2017/11/19, 2017-W45, Nov 2017, 19 November 2017"
    " or November 19, 2017"
)


def refusal(typed: str) -> str:
    with pytest.raises(InputError) as caught:
        parse_span(typed)
    return caught.value.message


def expected_refusal(typed: str, why: str) -> str:
    return f"cannot read date {typed!r}: {why}; use {FORMS}"


# -- ISO forms ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "start", "end"),
    [
        ("2017", "2017-01-01", "2017-12-31"),
        ("2016", "2016-01-01", "2016-12-31"),
        ("0001", "0001-01-01", "0001-12-31"),
        ("9999", "9999-01-01", "9999-12-31"),
    ],
)
def test_a_year_is_every_day_of_that_year(typed: str, start: str, end: str) -> None:
    assert parse_span(typed).iso() == (start, end)


@pytest.mark.parametrize(
    ("typed", "last_day"),
    [
        ("2017-01", 31),
        ("2017-02", 28),
        ("2017-03", 31),
        ("2017-04", 30),
        ("2017-05", 31),
        ("2017-06", 30),
        ("2017-07", 31),
        ("2017-08", 31),
        ("2017-09", 30),
        ("2017-10", 31),
        ("2017-11", 30),
        ("2017-12", 31),
    ],
)
def test_a_month_runs_from_its_first_to_its_last_day(typed: str, last_day: int) -> None:
    span = parse_span(typed)
    year, month = int(typed[:4]), int(typed[5:])
    assert span == DaySpan(dt.date(year, month, 1), dt.date(year, month, last_day))


@pytest.mark.parametrize(
    ("typed", "end"),
    [
        ("2016-02", "2016-02-29"),  # divisible by 4
        ("2000-02", "2000-02-29"),  # divisible by 400
        ("1900-02", "1900-02-28"),  # divisible by 100 only: not a leap year
        ("2018-02", "2018-02-28"),
    ],
)
def test_february_has_29_days_only_in_leap_years(typed: str, end: str) -> None:
    assert parse_span(typed).iso() == (f"{typed}-01", end)


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("2017-11-19", "2017-11-19"),
        ("2017-11-9", "2017-11-09"),
        ("2017-1-5", "2017-01-05"),
        ("2017-11-01", "2017-11-01"),
        ("2017-11-30", "2017-11-30"),
        ("2017-12-31", "2017-12-31"),
        ("2016-02-29", "2016-02-29"),
        ("2017-01-31", "2017-01-31"),
    ],
)
def test_a_full_iso_date_is_that_one_day(typed: str, day: str) -> None:
    assert parse_span(typed).iso() == (day, day)


@pytest.mark.parametrize(
    ("typed", "start", "end"),
    [
        ("0001-12", "0001-12-01", "0001-12-31"),
        ("9998-12", "9998-12-01", "9998-12-31"),
        ("0001-01-01", "0001-01-01", "0001-01-01"),
        # The last month of the calendar has no "first of the next month" to count back from.
        ("9999-12", "9999-12-01", "9999-12-31"),
        ("9999-12-31", "9999-12-31", "9999-12-31"),
        ("Dec 9999", "9999-12-01", "9999-12-31"),
    ],
)
def test_december_and_the_first_day_work_at_the_ends_of_the_calendar(
    typed: str, start: str, end: str
) -> None:
    assert parse_span(typed).iso() == (start, end)


def test_a_one_day_span_starts_and_ends_on_the_same_date() -> None:
    span = parse_span("2017-11-19")
    assert span.start == span.end == dt.date(2017, 11, 19)


def test_spaces_around_a_date_are_ignored() -> None:
    assert parse_span("  2017-11  ").iso() == ("2017-11-01", "2017-11-30")
    assert parse_span("\t2017\n").iso() == ("2017-01-01", "2017-12-31")


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("2017-00", "there is no month 0"),
        ("2017-13", "there is no month 13"),
        ("2017-13-45", "there is no month 13"),
        ("2017-11-0", "November 2017 has no day 0"),
        ("2017-11-31", "November 2017 has no day 31"),
        ("2017-01-32", "January 2017 has no day 32"),
        ("2017-12-32", "December 2017 has no day 32"),
        ("2017-02-29", "February 2017 has no day 29"),
        ("2016-02-30", "February 2016 has no day 30"),
        ("1900-02-29", "February 1900 has no day 29"),
        ("0000", "year out of range"),
        ("0000-11-19", "year out of range"),
    ],
)
def test_an_impossible_iso_date_is_refused_with_the_reason(typed: str, why: str) -> None:
    assert refusal(typed) == expected_refusal(typed, why)


def test_a_refusal_names_the_value_as_it_was_typed() -> None:
    # Not the cleaned-up value: what the user typed, spaces included.
    assert refusal(" 2017-13 ") == expected_refusal(" 2017-13 ", "there is no month 13")


# -- all-numeric forms other than ISO ----------------------------------------------------------


@pytest.mark.parametrize("typed", ["", " ", "  \t "])
def test_an_empty_date_is_refused(typed: str) -> None:
    assert refusal(typed) == expected_refusal(typed, "it is empty")


@pytest.mark.parametrize("typed", ["17", "201", "20177", "1"])
def test_a_bare_number_that_is_not_four_digits_is_not_a_year(typed: str) -> None:
    assert refusal(typed) == expected_refusal(typed, "a year has four digits")


@pytest.mark.parametrize(
    "typed",
    [
        "01/05/2017",
        "14/10/2017",
        "10/14/2017",
        "05.01.2017",
        "19-11-2017",
        "2017-11-19-1",
        "2017-11/19",
        "2017/11-19",
        "2017 11",
        "2017 19",
    ],
)
def test_all_numeric_dates_other_than_iso_are_refused_as_ambiguous(typed: str) -> None:
    assert refusal(typed) == expected_refusal(
        typed, "all-numeric dates other than YYYY-MM-DD or YYYY/MM/DD are ambiguous"
    )


# -- year first with slashes (2017/10/14), and ISO weeks (2017-W45) -----------------------------
# The year first is unambiguous whatever the separator; a week is what `stats --by week`
# prints, Monday to Sunday.


@pytest.mark.parametrize(
    ("typed", "start", "end"),
    [
        ("2017/10/14", "2017-10-14", "2017-10-14"),
        ("2017/10/4", "2017-10-04", "2017-10-04"),
        ("2017/10", "2017-10-01", "2017-10-31"),
        ("2016/02", "2016-02-01", "2016-02-29"),
        (" 2017/12/31 ", "2017-12-31", "2017-12-31"),
    ],
)
def test_a_year_first_date_with_slashes_is_read_as_its_dashed_form(
    typed: str, start: str, end: str
) -> None:
    assert parse_span(typed).iso() == (start, end)
    assert parse_span(typed) == parse_span(typed.strip().replace("/", "-"))


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("2017/13", "there is no month 13"),
        ("2017/02/29", "February 2017 has no day 29"),
        ("2017/11/31", "November 2017 has no day 31"),
        ("0000/11", "year out of range"),
    ],
)
def test_an_impossible_year_first_date_is_refused_with_the_reason(typed: str, why: str) -> None:
    assert refusal(typed) == expected_refusal(typed, why)


@pytest.mark.parametrize(
    ("typed", "monday", "sunday"),
    [
        ("2017-W45", "2017-11-06", "2017-11-12"),
        ("2017W45", "2017-11-06", "2017-11-12"),
        ("2017-w45", "2017-11-06", "2017-11-12"),
        ("2017w45", "2017-11-06", "2017-11-12"),
        ("2017 W45", "2017-11-06", "2017-11-12"),
        ("2017-W5", "2017-01-30", "2017-02-05"),
        # Week 1 holds the year's first Thursday: it may start in December before it...
        ("2019-W01", "2018-12-31", "2019-01-06"),
        # ...and the last week may end in January after it.
        ("2017-W52", "2017-12-25", "2017-12-31"),
        # 29 December 2014 is a Monday, in week 1 of 2015: the last week of 2014 is still 52.
        ("2014-W52", "2014-12-22", "2014-12-28"),
        ("2020-W53", "2020-12-28", "2021-01-03"),
        ("2015-W53", "2015-12-28", "2016-01-03"),
        ("0001-W01", "0001-01-01", "0001-01-07"),
    ],
)
def test_an_iso_week_is_its_monday_to_its_sunday(typed: str, monday: str, sunday: str) -> None:
    assert parse_span(typed).iso() == (monday, sunday)


@pytest.mark.parametrize("day", ["2017-11-06", "2017-11-12", "2018-12-31", "2020-12-31"])
def test_the_week_stats_prints_is_read_back_as_the_week_holding_the_day(day: str) -> None:
    span = parse_span(bucket(day, "week"))
    assert span.start.isoformat() <= day <= span.end.isoformat()
    assert span.start.weekday() == 0
    assert (span.end - span.start).days == 6


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("2017-W53", "2017 has no ISO week 53: its weeks run 1 to 52"),
        ("2018-W53", "2018 has no ISO week 53: its weeks run 1 to 52"),
        ("2017-W54", "there is no ISO week 54: weeks run 1 to 52, or 53 in some years"),
        ("2020-W54", "there is no ISO week 54: weeks run 1 to 52, or 53 in some years"),
        ("2017-W00", "there is no ISO week 0: weeks run 1 to 52, or 53 in some years"),
        ("2017-W99", "there is no ISO week 99: weeks run 1 to 52, or 53 in some years"),
        ("0000-W01", "year out of range"),
        ("9999-W52", "it ends after 9999-12-31"),
    ],
)
def test_a_week_the_year_does_not_have_is_refused_with_the_reason(typed: str, why: str) -> None:
    assert refusal(typed) == expected_refusal(typed, why)


@pytest.mark.parametrize("typed", ["2017-W", "2017-W100", "2017-X45", "17-W45", "2017--W45"])
def test_a_week_written_otherwise_is_not_a_date(typed: str) -> None:
    assert refusal(typed).startswith(f"cannot read date {typed!r}: ")


# -- worded forms ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "start", "end"),
    [
        ("Nov 2017", "2017-11-01", "2017-11-30"),
        ("November 2017", "2017-11-01", "2017-11-30"),
        ("nov. 2017", "2017-11-01", "2017-11-30"),
        ("NOVEMBER 2017", "2017-11-01", "2017-11-30"),
        ("2017 Nov", "2017-11-01", "2017-11-30"),
        ("sept 2017", "2017-09-01", "2017-09-30"),
        ("Feb 2016", "2016-02-01", "2016-02-29"),
        ("February 2017", "2017-02-01", "2017-02-28"),
        ("Dec 2017", "2017-12-01", "2017-12-31"),
        ("Jan 2018", "2018-01-01", "2018-01-31"),
    ],
)
def test_a_worded_month_and_year_is_the_whole_month(typed: str, start: str, end: str) -> None:
    assert parse_span(typed).iso() == (start, end)


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("19 November 2017", "2017-11-19"),
        ("19 Nov 2017", "2017-11-19"),
        ("November 19, 2017", "2017-11-19"),
        ("19th November 2017", "2017-11-19"),
        ("1st Nov 2017", "2017-11-01"),
        ("2 Nov 2017", "2017-11-02"),
        ("Nov 30 2017", "2017-11-30"),
        ("29 February 2016", "2016-02-29"),
        ("  19   November   2017 ", "2017-11-19"),
    ],
)
def test_a_worded_day_month_and_year_is_that_one_day(typed: str, day: str) -> None:
    assert parse_span(typed).iso() == (day, day)


@pytest.mark.parametrize(
    ("typed", "start", "end"),
    [
        # The day 1 and the day 2 are what dateutil would fill in: they must still be read
        # as given, not mistaken for a missing day.
        ("1 Nov 2017", "2017-11-01", "2017-11-01"),
        ("2 Feb 2017", "2017-02-02", "2017-02-02"),
        ("1 Jan 2004", "2004-01-01", "2004-01-01"),
        ("2 Feb 2004", "2004-02-02", "2004-02-02"),
        ("Jan 2000", "2000-01-01", "2000-01-31"),
        ("Feb 2004", "2004-02-01", "2004-02-29"),
    ],
)
def test_the_parts_given_are_told_apart_from_the_parts_left_out(
    typed: str, start: str, end: str
) -> None:
    assert parse_span(typed).iso() == (start, end)


@pytest.mark.parametrize(
    "today",
    # Today on the 1st or the 2nd, and on the very days dateutil could be given as defaults.
    [dt.date(2017, 11, 1), dt.date(2017, 11, 2), dt.date(2000, 1, 1), dt.date(2004, 2, 2)],
)
def test_a_month_is_never_narrowed_to_a_day_taken_from_today(
    today: dt.date, monkeypatch: pytest.MonkeyPatch
) -> None:
    # dateutil fills what is missing from today unless given a default: with the clock set,
    # "Nov 2017" must stay the whole month and "19 Nov 2017" that one day, whatever the date.
    from dateutil.parser import _parser

    class Today(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> Today:
            return cls(today.year, today.month, today.day, 9, 30, tzinfo=tz)

    clock = types.ModuleType("datetime")
    clock.__dict__.update(vars(dt))
    clock.datetime = Today  # type: ignore[attr-defined]
    monkeypatch.setattr(_parser, "datetime", clock)

    assert parse_span("Nov 2017").iso() == ("2017-11-01", "2017-11-30")
    assert parse_span("Feb 2004").iso() == ("2004-02-01", "2004-02-29")
    assert parse_span("19 Nov 2017").iso() == ("2017-11-19", "2017-11-19")


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("yesterday-ish", "not a date"),
        ("Smarch 2017", "not a date"),
        ("Nov Dec 2017", "not a date"),
        ("Nov 2017 Dec", "not a date"),
        ("Nov 2017 10:00", "not a date"),
        ("Nov 2017!", "not a date"),
        ("November 19", "it has no year"),
        ("Nov", "it has no year"),
        ("19 Nov 17", "it has no year"),
    ],
)
def test_a_worded_date_that_is_not_one_is_refused_with_the_reason(typed: str, why: str) -> None:
    assert refusal(typed) == expected_refusal(typed, why)


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        # dateutil would read the third number as a time or a year: 1 November 2002.
        ("Nov 1 2 2017", "it has more numbers than a day and a year"),
        ("Nov 19 12 2017", "it has more numbers than a day and a year"),
        ("Nov 2017 13 14", "it has more numbers than a day and a year"),
        ("Nov 2017 2018", "it has more numbers than a day and a year"),
        # ... or a two-digit year of this century: November 1999.
        ("Nov 0099", "a year before 1000 only as YYYY-MM or YYYY-MM-DD"),
        # ... or the weekday for a day of the month.
        ("Tuesday Nov 2017", "give the day of the month as a number"),
    ],
)
def test_a_worded_date_is_never_read_as_a_day_the_user_did_not_type(typed: str, why: str) -> None:
    assert refusal(typed) == expected_refusal(typed, why)


@pytest.mark.parametrize("typed", ["31 November 2017", "29 Feb 2017", "Nov 32 2017"])
def test_a_worded_day_the_month_does_not_have_is_refused(typed: str) -> None:
    # dateutil's own reason, cut before its colon and the echoed value.
    assert refusal(typed) == expected_refusal(typed, "day is out of range for month")


@pytest.mark.parametrize("typed", ["Nov 2017 foo", "foo Nov 2017"])
def test_a_word_that_is_not_part_of_a_date_is_refused_in_lowercase(typed: str) -> None:
    # dateutil says "Unknown string format: <value>": cut at the colon and lowercased.
    assert refusal(typed) == expected_refusal(typed, "unknown string format")


# -- comparing spans ---------------------------------------------------------------------------

NOVEMBER = ("2017-11-01", "2017-11-30")


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2017-10-20", "2017-10-31", False),  # ends the day before
        ("2017-10-20", "2017-11-01", True),  # ends on the first day
        ("2017-10-20", "2017-12-05", True),  # covers it all
        ("2017-11-05", "2017-11-06", True),  # inside
        ("2017-11-30", "2017-12-05", True),  # starts on the last day
        ("2017-12-01", "2017-12-05", False),  # starts the day after
    ],
)
def test_a_span_overlaps_when_it_shares_at_least_one_day(
    start: str, end: str, expected: bool
) -> None:
    assert overlaps(start, end, *NOVEMBER) is expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2017-10-20", "2017-11-05", False),  # starts before
        ("2017-11-01", "2017-11-05", True),  # starts on the first day
        ("2017-11-01", "2017-11-30", True),  # exactly the same
        ("2017-11-25", "2017-11-30", True),  # ends on the last day
        ("2017-11-25", "2017-12-01", False),  # ends after
        ("2017-10-20", "2017-12-05", False),  # covers it all, so is not inside
    ],
)
def test_a_span_is_inside_only_when_all_its_days_are(start: str, end: str, expected: bool) -> None:
    assert inside(start, end, *NOVEMBER) is expected


@pytest.mark.parametrize(
    ("lo", "hi", "expected"),
    [
        (None, None, True),
        ("2017-11-10", None, True),  # ends on --from
        ("2017-11-11", None, False),  # ends before --from
        (None, "2017-11-05", True),  # starts on --to
        (None, "2017-11-04", False),  # starts after --to
    ],
)
def test_an_open_bound_does_not_limit_overlapping(
    lo: str | None, hi: str | None, expected: bool
) -> None:
    assert overlaps("2017-11-05", "2017-11-10", lo, hi) is expected


@pytest.mark.parametrize(
    ("lo", "hi", "expected"),
    [
        (None, None, True),
        ("2017-11-05", None, True),  # starts on --from
        ("2017-11-06", None, False),  # starts before --from
        (None, "2017-11-10", True),  # ends on --to
        (None, "2017-11-09", False),  # ends after --to
    ],
)
def test_an_open_bound_does_not_limit_inside(
    lo: str | None, hi: str | None, expected: bool
) -> None:
    assert inside("2017-11-05", "2017-11-10", lo, hi) is expected


def test_an_uncertain_date_overlaps_a_day_it_may_be_on_but_is_not_inside_it() -> None:
    # README: "early April 2018" (1-10 April) is found by --on 2018-04-05; --within drops it.
    on = parse_span("2018-04-05").iso()
    assert overlaps("2018-04-01", "2018-04-10", *on)
    assert not inside("2018-04-01", "2018-04-10", *on)
    whole_month = parse_span("April 2018").iso()
    assert inside("2018-04-01", "2018-04-10", *whole_month)
