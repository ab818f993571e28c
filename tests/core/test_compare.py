"""When two articles' dates of one event disagree (`compare`'s `date` kind).

A date that only bounds the day ("by 26 October": done by then) is narrowed, not
contradicted, by a date inside it ("on 26 October"); spans a thing lasted, and days, must be
the same to agree.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from builders import SOURCE, catalog, date, event

from eastsyria.core.compare import dates_agree, differences

BY_26 = date("2017-10-23", "2017-10-26", qualifier="by")
ON_26 = date("2017-10-26")


@pytest.mark.parametrize(
    ("first", "second", "agree"),
    [
        (ON_26, ON_26, True),
        # "by 26 October" (from 23 October) and "on 26 October": the day narrows the bound.
        (BY_26, ON_26, True),
        (date("2017-10-24"), BY_26, True),
        # A day outside the window, before it or after it.
        (BY_26, date("2017-10-27"), False),
        (date("2017-10-22"), BY_26, False),
        (ON_26, date("2017-10-25"), False),
        # Two bounds agree where some day fits both, and not where none does.
        (BY_26, date("2017-10-23", "2017-10-28", qualifier="by"), True),
        (BY_26, date("2017-10-27", "2017-10-28", qualifier="by"), False),
        # "meanwhile": that day or the next.
        (date("2017-11-09", "2017-11-10", qualifier="around"), date("2017-11-10"), True),
        # Spans the thing lasted are not bounds: "until 28 November" is not "until 6 December",
        # even though one lies inside the other.
        (
            date("2017-11-19", "2017-11-28", qualifier="until"),
            date("2017-11-19", "2017-12-06", qualifier="until"),
            False,
        ),
        (
            date("2017-11-16", "2017-11-28", qualifier="between"),
            date("2017-11-15", "2017-12-03", qualifier="between"),
            False,
        ),
        # A span inside a bound narrows it.
        (date("2017-11-01", "2017-11-28", qualifier="by"), date("2017-11-21", "2017-11-28"), True),
    ],
)
def test_dates_agree(first: dict[str, Any], second: dict[str, Any], agree: bool) -> None:
    assert dates_agree(first, second) is agree  # type: ignore[arg-type]
    assert dates_agree(second, first) is agree  # type: ignore[arg-type]


OTHER = {"article": "article-b", "section": "battle"}


def _two_articles(second_date: dict[str, Any]) -> list[str]:
    """The events `compare` dates differently, where article A says "by 26 October" and
    article B `second_date`."""
    both = date(
        min(BY_26["earliest"], second_date["earliest"]),
        max(BY_26["latest"], second_date["latest"]),
        qualifier="between",
    )
    told = event("station-taken", both, sources=[SOURCE, OTHER])
    told["dated_by"] = [
        {"article": "article-a", "date": BY_26},
        {"article": "article-b", "date": second_date},
    ]
    data = catalog(events=[told])
    second_source = copy.deepcopy(data.record["sources"][0])
    second_source["id"] = "article-b"
    data.record["sources"].append(second_source)
    return [d.event["id"] for d in differences(data, "article-a", "article-b") if d.kind == "date"]


def test_compare_lists_a_day_outside_the_other_articles_by_not_one_inside_it() -> None:
    assert _two_articles(ON_26) == []
    assert _two_articles(date("2017-10-27")) == ["station-taken"]
