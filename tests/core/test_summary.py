"""What a table or timeline shows of a huge result (contract.summary): the rows it draws, the
period a summarised timeline counts by, and every cut told with its count."""

from __future__ import annotations

import pytest
from builders import event

from eastsyria.contract.summary import (
    ROW_CAP,
    Shown,
    TimelineSummary,
    cap,
    more_breakdown,
    more_rows,
    period_unit,
    summarise_days,
    summarise_timeline,
    timeline_counts_title,
    timeline_more,
)


def test_cap_draws_the_first_rows_and_counts_the_rest() -> None:
    assert cap([1, 2, 3], 2) == Shown([1, 2], 1)
    assert cap([1, 2], 2) == Shown([1, 2], 0)
    assert cap((1, 2, 3), 2, everything=True) == Shown([1, 2, 3], 0)
    assert cap([], 2) == Shown([], 0)
    assert ROW_CAP == 200


@pytest.mark.parametrize(
    ("first", "last", "by", "unit"),
    [
        ("2017-01-01", "2017-12-31", "month", "month"),  # 12 months
        ("2017-09-01", "2017-11-30", "month", "month"),  # 3 months: enough
        ("2017-10-01", "2017-11-30", "month", "week"),  # 2 months: too few, weeks
        ("2017-11-01", "2017-11-20", "month", "week"),  # weeks 44 to 47
        ("2017-11-01", "2017-11-05", "month", "day"),  # one week: days
        ("2017-11-01", "2017-11-02", "week", "day"),  # two days: days all the same
        ("2013-01-01", "2017-12-31", "month", "month"),  # 60 months: at most
        ("2013-01-01", "2018-01-31", "month", "year"),  # 61 months: years
        ("2017-01-01", "2018-06-30", "week", "month"),  # 78 weeks: months
        ("2000-01-01", "2099-01-01", "month", "year"),  # a century: years all the same
        ("2017-01-01", "2017-03-15", "day", "week"),  # 74 days: weeks
    ],
)
def test_the_period_counted_by_gives_three_to_sixty_rows_where_it_can(
    first: str, last: str, by: str, unit: str
) -> None:
    assert period_unit(first, last, by) == unit


DAYS = ["2017-11-01", "2017-11-01", "2017-11-03", "2017-11-20", "2017-11-21", "2017-12-05"]
EVENTS = [event(f"e{i}", day) for i, day in enumerate(DAYS)]


def test_a_summarised_timeline_counts_every_period_and_keeps_both_ends() -> None:
    summary = summarise_timeline(EVENTS, ends=2)
    # Two months are too few rows: weeks. 1 and 3 November lie in week 44, 20 and 21
    # November in week 47, 5 December in week 49.
    assert summary == TimelineSummary(
        EVENTS[:2],
        EVENTS[4:],
        "week",
        [
            ("2017-W44", 3),
            ("2017-W45", 0),
            ("2017-W46", 0),
            ("2017-W47", 2),
            ("2017-W48", 0),
            ("2017-W49", 1),
        ],
        6,
    )
    assert summary.hidden == 2


def test_a_short_timeline_never_draws_an_event_twice() -> None:
    summary = summarise_timeline(EVENTS[:3], ends=2)
    assert (summary.first, summary.last, summary.hidden) == (EVENTS[:2], EVENTS[2:3], 0)
    assert summarise_timeline(EVENTS[:3]).last == []  # ten at each end: all drawn first


def test_a_summary_of_days_counted_elsewhere() -> None:
    summary = summarise_days([("2017-01-05", 4), ("2017-03-02", 1), ("2017-06-30", 2)], [], [])
    assert (summary.unit, summary.total) == ("month", 7)
    assert summary.periods == [
        ("2017-01", 4),
        ("2017-02", 0),
        ("2017-03", 1),
        ("2017-04", 0),
        ("2017-05", 0),
        ("2017-06", 2),
    ]
    assert summarise_days([], [], [], "week") == TimelineSummary([], [], "week", [], 0)


def test_every_cut_is_told_with_its_count_and_the_way_to_see_it_all() -> None:
    assert more_rows(1, "event") == (
        "… and 1 more event not shown: narrow the filters, add --all to show every one, or"
        " use --format json or csv for programs"
    )
    assert more_rows(1234, "place").startswith("… and 1,234 more places not shown: ")
    assert more_breakdown(263, "place") == "+ 263 more places (--all lists every one)"
    assert more_breakdown(1, "actor") == "+ 1 more actor (--all lists every one)"
    summary = summarise_timeline(EVENTS, ends=2)
    assert timeline_counts_title(summary) == (
        "6 events per week, by earliest possible day; the first 2 and the last 2 are drawn"
    )
    assert timeline_more(summary) == (
        "… 2 events between them not drawn: narrow the filters, add --all to draw every one,"
        " or use --format json or csv for programs"
    )


def test_the_period_counted_by_runs_from_the_first_day_to_the_last() -> None:
    # January to March: three months, enough rows (from February, or to February, would
    # be too few: weeks).
    days = [("2017-01-05", 1), ("2017-02-01", 1), ("2017-03-30", 1)]
    assert summarise_days(days, [], []).unit == "month"
    spread = [
        event(f"e{i}", day) for i, day in enumerate(("2017-01-05", "2017-03-01", "2017-06-30"))
    ]
    assert summarise_timeline(spread).unit == "month"
    assert summarise_timeline(spread, by="week").unit == "week"


def _huge() -> list[dict[str, object]]:
    """205 events, one a day from 1 September 2017: all at the town, every other one at the
    village too (so 103 of them)."""
    import datetime as dt

    first = dt.date(2017, 9, 1)
    return [
        event(
            f"e{i:03d}",
            (first + dt.timedelta(days=i)).isoformat(),
            places=["town", "village"] if i % 2 == 0 else ["town"],
            actors=[("army", "attacker")],
        )
        for i in range(205)
    ]


def test_a_huge_timeline_is_summarised_as_its_source_counts_it() -> None:
    from builders import catalog, place

    from eastsyria.contract.summary import stored_summary
    from eastsyria.core.query import Filters

    cat = catalog(events=_huge(), places=[place("town"), place("village", lat=36.0)])
    found = stored_summary(cat, Filters())
    assert found is not None
    summary, offsets = found
    assert summary.first == cat.events[:10]
    assert summary.last == cat.events[-10:]
    # 1 September 2017 + 204 days is 23 March 2018.
    assert summary.unit == "month"
    assert summary.periods == [
        ("2017-09", 30),
        ("2017-10", 31),
        ("2017-11", 30),
        ("2017-12", 31),
        ("2018-01", 31),
        ("2018-02", 28),
        ("2018-03", 24),
    ]
    assert (summary.total, summary.hidden) == (205, 185)
    assert offsets == {}
    # A side is selected as its actors, which the catalog knows.
    by_side = stored_summary(cat, Filters(sides=("government",)))
    assert by_side is not None
    assert by_side[0] == summary
    weekly = stored_summary(cat, Filters(), "week")
    assert weekly is not None
    assert weekly[0].unit == "week"
    assert weekly[0].total == 205
    # Near the town (the village is 220 km off): where each drawn event lies from it.
    near = stored_summary(cat, Filters(near="Town", radius="5"))
    assert near is not None
    assert sorted(near[1]) == [e["id"] for e in [*cat.events[:10], *cat.events[-10:]]]


def test_no_stored_summary_for_a_timeline_drawn_whole_or_one_the_source_cannot_count() -> None:
    from builders import catalog, place

    from eastsyria.contract.summary import stored_summary
    from eastsyria.core.query import Filters

    cat = catalog(events=_huge(), places=[place("town"), place("village", lat=36.0)])
    assert stored_summary(cat, Filters(places=("Village",))) is None  # 103 events
    assert stored_summary(cat, Filters(text="happened")) is None  # --text: the query core's
    assert stored_summary(cat, Filters(limit=205)) is None
    # ROW_CAP events are all drawn; one more is summarised.
    assert stored_summary(cat, Filters(date_from="2017-09-06")) is None  # 200 events
    assert stored_summary(cat, Filters(date_from="2017-09-05")) is not None  # 201
