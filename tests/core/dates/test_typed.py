"""What people type as a date, and the span of days it stands for."""

from __future__ import annotations

import pytest

from eastsyria.core.dates import ACCEPTED_FORMS, parse_span
from eastsyria.errors import InputError


@pytest.mark.parametrize(
    ("typed", "start", "end"),
    [
        ("2017", "2017-01-01", "2017-12-31"),
        ("2017-11", "2017-11-01", "2017-11-30"),
        ("2017-02", "2017-02-01", "2017-02-28"),
        ("2016-02", "2016-02-01", "2016-02-29"),
        ("2017-12", "2017-12-01", "2017-12-31"),
        ("2017-11-19", "2017-11-19", "2017-11-19"),
        ("2017-11-9", "2017-11-09", "2017-11-09"),
        ("Nov 2017", "2017-11-01", "2017-11-30"),
        ("November 2017", "2017-11-01", "2017-11-30"),
        ("sept 2017", "2017-09-01", "2017-09-30"),
        ("19 November 2017", "2017-11-19", "2017-11-19"),
        ("19 Nov 2017", "2017-11-19", "2017-11-19"),
        ("November 19, 2017", "2017-11-19", "2017-11-19"),
        ("  19   November   2017 ", "2017-11-19", "2017-11-19"),
        ("19th November 2017", "2017-11-19", "2017-11-19"),
    ],
)
def test_accepted_forms_mean_their_whole_period(typed: str, start: str, end: str) -> None:
    assert parse_span(typed).iso() == (start, end)


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("2017-13-45", "there is no month 13"),
        ("2017-02-30", "February 2017 has no day 30"),
        ("2017-11-31", "November 2017 has no day 31"),
        ("", "it is empty"),
        ("   ", "it is empty"),
        ("yesterday-ish", "not a date"),
        ("01/05/2017", "ambiguous"),
        ("05.01.2017", "ambiguous"),
        ("20177", "a year has four digits"),
        ("November 19", "it has no year"),
        ("Nov", "it has no year"),
        ("31 November 2017", "day is out of range"),
        ("Nov 2017 10:00", "not a date"),
        ("Smarch 2017", "not a date"),
    ],
)
def test_bad_dates_name_the_value_and_the_accepted_forms(typed: str, why: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_span(typed)
    message = caught.value.message
    assert f"cannot read date {typed!r}" in message
    assert why in message
    assert message.endswith(f"use {ACCEPTED_FORMS}")


def test_a_month_is_never_filled_from_today() -> None:
    # dateutil fills missing parts from today unless told otherwise: "Nov 2017" must stay
    # the whole month whatever the day is when it runs, and "19 November" is refused.
    assert parse_span("Nov 2017").iso() == ("2017-11-01", "2017-11-30")
    with pytest.raises(InputError):
        parse_span("19 November")
