"""The periods `stats` counts by and `timeline` heads with, and spans of days written short."""

from __future__ import annotations

import pytest

from eastsyria.core.calendar import (
    BUCKETS,
    MONTH_NAMES,
    all_buckets,
    bucket,
    bucket_heading,
    check_bucket,
    short_day,
    span_text,
)
from eastsyria.errors import InputError

# -- the names of the periods ------------------------------------------------------------------


def test_month_names_run_january_to_december() -> None:
    assert MONTH_NAMES[0] == "January"
    assert MONTH_NAMES[10] == "November"
    assert MONTH_NAMES[11] == "December"
    assert len(MONTH_NAMES) == 12


@pytest.mark.parametrize("by", ["month", "week"])
def test_month_and_week_are_the_periods_one_can_count_by(by: str) -> None:
    assert check_bucket(by) == by


@pytest.mark.parametrize("by", ["day", "Month", "weeks", "", "month "])
def test_any_other_period_is_refused_naming_the_value_and_the_choices(by: str) -> None:
    with pytest.raises(InputError) as caught:
        check_bucket(by)
    assert caught.value.message == f"--by must be month or week, not {by!r}"


def test_the_periods_are_listed_month_first() -> None:
    # Completion offers them in this order.
    assert BUCKETS == ("month", "week")


# -- the period a day falls in -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "month"),
    [
        ("2017-11-01", "2017-11"),
        ("2017-11-30", "2017-11"),
        ("2017-12-31", "2017-12"),
        ("2018-01-01", "2018-01"),
        ("2016-02-29", "2016-02"),
    ],
)
def test_by_month_a_day_falls_in_its_calendar_month(day: str, month: str) -> None:
    assert bucket(day, "month") == month


@pytest.mark.parametrize(
    ("day", "week"),
    [
        ("2017-11-06", "2017-W45"),  # a Monday: the first day of its week
        ("2017-11-12", "2017-W45"),  # a Sunday: the last day of the same week
        ("2017-11-13", "2017-W46"),
        ("2017-01-02", "2017-W01"),  # week numbers have two digits
        ("2017-03-06", "2017-W10"),
        # Weeks belong to the ISO year of their Thursday, not to the calendar year.
        ("2017-01-01", "2016-W52"),
        ("2018-12-31", "2019-W01"),
        ("2015-12-31", "2015-W53"),
        ("2016-01-03", "2015-W53"),
        ("2016-01-04", "2016-W01"),
        ("2020-12-31", "2020-W53"),
        ("2021-01-03", "2020-W53"),
    ],
)
def test_by_week_a_day_falls_in_its_iso_week(day: str, week: str) -> None:
    assert bucket(day, "week") == week


@pytest.mark.parametrize(
    ("day", "heading"),
    [
        ("2017-11-01", "November 2017"),
        ("2017-01-31", "January 2017"),
        ("2017-12-31", "December 2017"),
    ],
)
def test_a_month_heading_names_the_month_and_year(day: str, heading: str) -> None:
    assert bucket_heading(day, "month") == heading


@pytest.mark.parametrize(
    ("day", "heading"),
    [
        ("2017-11-06", "Week 45, 2017 (from 6 November)"),
        ("2017-11-09", "Week 45, 2017 (from 6 November)"),
        ("2017-11-12", "Week 45, 2017 (from 6 November)"),
        ("2017-11-01", "Week 44, 2017 (from 30 October)"),
        # The ISO year and the month of the Monday, even across a new year.
        ("2017-01-01", "Week 52, 2016 (from 26 December)"),
        ("2019-01-01", "Week 1, 2019 (from 31 December)"),
        ("2021-01-03", "Week 53, 2020 (from 28 December)"),
    ],
)
def test_a_week_heading_gives_the_iso_week_and_its_monday(day: str, heading: str) -> None:
    assert bucket_heading(day, "week") == heading


# -- every period between two days -------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "last", "months"),
    [
        ("2017-11-19", "2017-11-19", ["2017-11"]),
        ("2017-11-01", "2017-11-30", ["2017-11"]),
        ("2017-11-30", "2017-12-01", ["2017-11", "2017-12"]),
        # Every month in between, those with no events included, across a new year.
        ("2017-10-31", "2018-02-01", ["2017-10", "2017-11", "2017-12", "2018-01", "2018-02"]),
        # Starting on the 31st, the next period is still the next month (not one skipped).
        ("2017-01-31", "2017-04-30", ["2017-01", "2017-02", "2017-03", "2017-04"]),
        ("2016-01-30", "2016-03-01", ["2016-01", "2016-02", "2016-03"]),
    ],
)
def test_all_months_from_the_first_day_to_the_last(
    first: str, last: str, months: list[str]
) -> None:
    assert all_buckets(first, last, "month") == months


def test_all_months_of_a_year_are_twelve_each_once() -> None:
    assert all_buckets("2017-01-15", "2017-12-15", "month") == [
        f"2017-{m:02d}" for m in range(1, 13)
    ]


@pytest.mark.parametrize(
    ("first", "last", "weeks"),
    [
        ("2017-11-06", "2017-11-12", ["2017-W45"]),
        ("2017-11-12", "2017-11-13", ["2017-W45", "2017-W46"]),
        # A Sunday to the Monday two weeks on: the empty week between is included.
        ("2017-11-12", "2017-11-27", ["2017-W45", "2017-W46", "2017-W47", "2017-W48"]),
        ("2017-11-09", "2017-11-23", ["2017-W45", "2017-W46", "2017-W47"]),
        # Across a new year with a week 53, then week 1 of the next ISO year.
        ("2020-12-20", "2021-01-05", ["2020-W51", "2020-W52", "2020-W53", "2021-W01"]),
        # Across a new year with a week 52 only.
        ("2016-12-25", "2017-01-09", ["2016-W51", "2016-W52", "2017-W01", "2017-W02"]),
    ],
)
def test_all_weeks_from_the_first_day_to_the_last(first: str, last: str, weeks: list[str]) -> None:
    assert all_buckets(first, last, "week") == weeks


# -- spans of days written short ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "text"),
    [
        ("2017-11-19", "19 Nov 2017"),
        ("2017-11-01", "1 Nov 2017"),
        ("2018-01-05", "5 Jan 2018"),
        ("2017-12-31", "31 Dec 2017"),
        ("2017-09-14", "14 Sep 2017"),
    ],
)
def test_a_day_is_written_with_a_three_letter_month(day: str, text: str) -> None:
    assert short_day(day) == text


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        # One day: that day.
        ("2017-12-05", "2017-12-05", "5 Dec 2017"),
        # The same month: the month and year once.
        ("2017-10-01", "2017-10-20", "1–20 Oct 2017"),
        ("2017-11-30", "2017-11-30", "30 Nov 2017"),
        # Across months of one year: each month, the year once.
        ("2017-10-28", "2017-11-03", "28 Oct – 3 Nov 2017"),
        ("2017-09-14", "2017-12-17", "14 Sep – 17 Dec 2017"),
        # Across years: both days in full.
        ("2017-12-30", "2018-01-02", "30 Dec 2017 – 2 Jan 2018"),
        # The same day and month of different years is not the same day.
        ("2017-11-19", "2018-11-19", "19 Nov 2017 – 19 Nov 2018"),
        # The same month of different years is not the same month.
        ("2017-11-01", "2018-11-20", "1 Nov 2017 – 20 Nov 2018"),
        # The same day of different months is not the same day.
        ("2017-10-19", "2017-11-19", "19 Oct – 19 Nov 2017"),
    ],
)
def test_a_span_is_written_as_short_as_stays_exact(start: str, end: str, text: str) -> None:
    assert span_text(start, end) == text


def test_no_periods_run_backwards() -> None:
    assert all_buckets("2017-11-05", "2017-10-01", "month") == []
    assert all_buckets("2017-11-05", "2017-11-01", "week") == []


def test_the_month_after_december_starts_on_new_years_day() -> None:
    # A span ending on 1 January still reaches January's period.
    assert all_buckets("2017-12-15", "2018-01-01", "month") == ["2017-12", "2018-01"]


@pytest.mark.parametrize(
    ("start", "end", "season"),
    [
        # The middle day, 16 June, is in summer (a third of the way, 21 May, is not).
        ("2018-04-01", "2018-08-31", "summer 2018"),
        ("2018-06-01", "2018-06-30", "summer 2018"),
        ("2018-03-01", "2018-03-31", "spring 2018"),
        ("2017-09-01", "2017-11-30", "autumn 2017"),
        # Across a new year but in autumn by its middle (16 November): not a winter.
        ("2017-09-01", "2018-01-31", "autumn 2017"),
        ("2017-12-01", "2018-02-28", "winter 2017–18"),
        ("2018-01-01", "2018-02-28", "winter 2018"),
        ("2099-12-01", "2100-02-28", "winter 2099–00"),
    ],
)
def test_a_season_is_that_of_the_spans_middle_day(start: str, end: str, season: str) -> None:
    from eastsyria.core.calendar import season_of

    assert season_of(start, end) == season


def test_a_day_and_a_year_are_buckets_too() -> None:
    from eastsyria.core.calendar import all_buckets, bucket

    assert bucket("2017-11-05", "day") == "2017-11-05"
    assert bucket("2017-11-05", "year") == "2017"
    assert all_buckets("2016-12-30", "2018-01-02", "year") == ["2016", "2017", "2018"]


@pytest.mark.parametrize(
    ("first", "last", "years"),
    [
        # A span ending on New Year's Day reaches the new year, and no further.
        ("2017-12-31", "2018-01-01", ["2017", "2018"]),
        ("2017-01-01", "2017-12-31", ["2017"]),
        ("2017-06-15", "2019-01-01", ["2017", "2018", "2019"]),
    ],
)
def test_all_years_from_the_first_day_to_the_last(first: str, last: str, years: list[str]) -> None:
    assert all_buckets(first, last, "year") == years


def test_all_days_from_the_first_to_the_last_each_once() -> None:
    assert all_buckets("2017-11-29", "2017-12-02", "day") == [
        "2017-11-29",
        "2017-11-30",
        "2017-12-01",
        "2017-12-02",
    ]
    assert all_buckets("2016-02-28", "2016-03-01", "day") == [
        "2016-02-28",
        "2016-02-29",
        "2016-03-01",
    ]


def test_the_periods_a_total_and_a_summary_count_by() -> None:
    from eastsyria.core.calendar import TOTAL_PERIODS, UNITS

    # `casualties --per`, in the order offered; a summary's units, finest first.
    assert TOTAL_PERIODS == ("month", "year", "all")
    assert UNITS == ("day", "week", "month", "year")


def test_a_day_is_a_number_of_days_for_pictures_to_lay_out() -> None:
    from eastsyria.core.calendar import ordinal

    assert ordinal("0001-01-01") == 1
    assert ordinal("2017-11-20") - ordinal("2017-11-19") == 1
    assert ordinal("2018-01-01") - ordinal("2017-01-01") == 365


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        # Without the year: one day, one month, two months of one year.
        ("2017-12-05", "2017-12-05", "5 Dec"),
        ("2017-10-01", "2017-10-20", "1–20 Oct"),
        ("2017-10-28", "2017-11-03", "28 Oct – 3 Nov"),
        # Across years the years stay: without them the span would read backwards.
        ("2017-12-30", "2018-01-02", "30 Dec 2017 – 2 Jan 2018"),
    ],
)
def test_a_span_without_its_year_keeps_it_only_across_years(
    start: str, end: str, text: str
) -> None:
    assert span_text(start, end, year=False) == text


def test_a_day_without_its_year() -> None:
    assert short_day("2017-11-03", year=False) == "3 Nov"


@pytest.mark.parametrize(
    ("start", "end", "whole"),
    [
        ("2018-04-01", "2018-04-30", "Apr 2018"),
        ("2016-02-01", "2016-02-29", "Feb 2016"),
        ("2017-12-01", "2017-12-31", "Dec 2017"),
        ("2018-01-01", "2018-12-31", "2018"),
        # Not whole: a day short at either end, two months, two years, a year and a month.
        ("2018-04-02", "2018-04-30", None),
        ("2018-04-01", "2018-04-29", None),
        ("2016-02-01", "2016-02-28", None),
        ("2018-04-01", "2018-05-31", None),
        ("2017-01-01", "2018-12-31", None),
        ("2017-12-01", "2019-01-31", None),
        ("2017-01-01", "2017-11-30", None),
        ("2017-02-01", "2017-12-31", None),
        ("2017-04-01", "2018-04-30", None),
    ],
)
def test_a_whole_month_or_year_is_named_short(start: str, end: str, whole: str | None) -> None:
    from eastsyria.core.calendar import whole_period

    assert whole_period(start, end) == whole
