"""When two articles' dates of one event disagree (`compare`'s `date` kind).

A date that only bounds the day ("by 26 October": done by then) is narrowed, not
contradicted, by a date inside it ("on 26 October"); spans a thing lasted, and days, must be
the same to agree.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from builders import SOURCE, casualty, catalog, date, event

from eastsyria.contract.compare import COMPARE_FIELDS, compare_rows
from eastsyria.core.catalog import Catalog
from eastsyria.core.compare import Difference, dates_agree, differences, two_articles
from eastsyria.errors import InputError

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
        # Bounds that meet on one day agree; a day on a bound's first day narrows it.
        (BY_26, date("2017-10-26", "2017-10-28", qualifier="by"), True),
        (BY_26, date("2017-10-23"), True),
        # A span the thing lasted that reaches outside a bound, before it or after it.
        (BY_26, date("2017-10-25", "2017-10-28", qualifier="until"), False),
        (BY_26, date("2017-10-22", "2017-10-24", qualifier="between"), False),
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


# -- which two articles ------------------------------------------------------------------------


def test_the_two_articles_are_those_chosen_else_the_files_first_two() -> None:
    assert two_articles(["a", "b", "c"], ["c", "b"]) == ("c", "b")
    assert two_articles(["a", "b", "c"], []) == ("a", "b")
    assert two_articles(["a", "b"], []) == ("a", "b")


@pytest.mark.parametrize(
    ("sources", "chosen", "message"),
    [
        (["a", "b"], ["a", "a"], "compare 'a' with another article: name two different ones"),
        (
            ["a", "b", "c"],
            ["a"],
            "compare takes two articles, or none for the data file's first two"
            " (it has: a, b, c); got 1",
        ),
        (
            ["a", "b", "c"],
            ["a", "b", "c"],
            "compare takes two articles, or none for the data file's first two"
            " (it has: a, b, c); got 3",
        ),
        (["a"], [], "this data file has only one article: there is nothing to compare"),
        ([], [], "this data file has only one article: there is nothing to compare"),
    ],
)
def test_two_articles_refuses_what_cannot_be_compared(
    sources: list[str], chosen: list[str], message: str
) -> None:
    with pytest.raises(InputError) as error:
        two_articles(sources, chosen)
    assert error.value.message == message


# -- every kind of difference, in order --------------------------------------------------------

THIRD = {"article": "article-c", "section": "battle"}


def figure(party: str, count: int, source: dict[str, str], **extra: Any) -> dict[str, Any]:
    return casualty(party, count, source=source, **extra)


def claims(*refs: tuple[dict[str, str], str | None]) -> list[dict[str, Any]]:
    return [
        {"statement": f"Claim {i}", "source": source, "claimant": None, "event": about}
        for i, (source, about) in enumerate(refs)
    ]


def dispute(dispute_id: str, *refs: tuple[dict[str, str], str | None]) -> dict[str, Any]:
    return {"id": dispute_id, "topic": dispute_id, "summary": "", "claims": claims(*refs)}


def told_twice() -> Catalog:
    dated = event("both-dated", "2017-10-05", sources=[SOURCE, OTHER])
    dated["dated_by"] = [
        {"article": "article-a", "date": date("2017-10-05")},
        {"article": "article-b", "date": date("2017-10-06")},
    ]
    counted = event(
        "both-counted",
        "2017-10-10",
        sources=[SOURCE, OTHER],
        casualties=[
            figure("isil", 10, SOURCE),
            figure("isil", 12, OTHER),
            figure("army", 5, SOURCE),  # the same figure from each: no difference
            figure("army", 5, OTHER),
            figure("isil", 3, SOURCE, kind="wounded"),  # told by one only
            figure("army", 2, SOURCE, kind="wounded", count_max=4),
            figure("army", 2, OTHER, kind="wounded"),
            figure("sdf", 7, SOURCE),
            figure("sdf", 7, OTHER, qualifier="at-least"),
            figure("all", 100, SOURCE),  # the same two figures from each, in another order
            figure("all", 200, SOURCE),
            figure("all", 200, OTHER),
            figure("all", 100, OTHER),
        ],
    )
    return catalog(
        events=[
            event("a-only", "2017-10-01", sources=[SOURCE]),
            event("b-only", "2017-10-02", sources=[OTHER]),
            event("c-only", "2017-10-03", sources=[THIRD]),
            dated,
            counted,
            event("agreed", "2017-10-11", sources=[SOURCE, OTHER]),
        ],
        disputes=[
            dispute("about-counted", (SOURCE, "a-only"), (OTHER, "both-counted")),
            dispute("a-alone", (SOURCE, "both-dated"), (SOURCE, "both-dated")),
            dispute("about-nothing", (SOURCE, None), (OTHER, None)),
            dispute("about-dated", (SOURCE, "both-dated"), (OTHER, "gone"), (THIRD, None)),
            dispute("about-onlys", (SOURCE, "b-only"), (OTHER, "a-only")),
        ],
    )


def test_differences_come_kind_by_kind_each_in_the_order_of_the_events() -> None:
    cat = told_twice()
    found = differences(cat, "article-a", "article-b")
    events = cat.events_by_id
    disputes = {d["id"]: d for d in cat.disputes}
    assert found == [
        Difference("only", events["a-only"], told_by=0),
        Difference("only", events["b-only"], told_by=1),
        Difference("date", events["both-dated"]),
        Difference("figure", events["both-counted"], party="isil", casualty_kind="killed"),
        Difference("figure", events["both-counted"], party="army", casualty_kind="wounded"),
        Difference("figure", events["both-counted"], party="sdf", casualty_kind="killed"),
        # A disagreement is about the event both articles tell, else the first it names;
        # one about no event comes last.
        Difference("account", events["b-only"], dispute=disputes["about-onlys"]),
        Difference("account", events["both-dated"], dispute=disputes["about-dated"]),
        Difference("account", events["both-counted"], dispute=disputes["about-counted"]),
        Difference("account", None, dispute=disputes["about-nothing"]),
    ]


def test_differences_read_from_the_other_side_swap_who_tells_what() -> None:
    cat = told_twice()
    found = differences(cat, "article-b", "article-a")
    # What the first article alone tells comes first.
    assert [(d.kind, d.event["id"] if d.event else None, d.told_by) for d in found[:2]] == [
        ("only", "b-only", 0),
        ("only", "a-only", 1),
    ]
    assert [d.kind for d in found] == [
        "only",
        "only",
        "date",
        "figure",
        "figure",
        "figure",
        "account",
        "account",
        "account",
        "account",
    ]
    # Compared with a third article, only what one of the two tells and the other not.
    third = differences(cat, "article-a", "article-c")
    assert [(d.kind, d.event["id"] if d.event else None, d.told_by) for d in third] == [
        ("only", "a-only", 0),
        ("only", "both-dated", 0),
        ("only", "both-counted", 0),
        ("only", "agreed", 0),
        ("only", "c-only", 1),
        ("account", "both-dated", None),
    ]


# -- compare's rows ----------------------------------------------------------------------------


def row(kind: str, event_id: str | None, **fields: Any) -> dict[str, Any]:
    return {
        "kind": kind,
        "event": event_id,
        "dispute": None,
        "start": None,
        "end": None,
        "title": None,
        "about": None,
        "first": "article-a",
        "first_says": None,
        "first_sections": None,
        "second": "article-b",
        "second_says": None,
        "second_sections": None,
        **fields,
    }


def test_each_difference_is_a_flat_row_of_what_each_article_says_and_where() -> None:
    cat = told_twice()
    rows = compare_rows(cat, differences(cat, "article-a", "article-b"), "article-a", "article-b")
    on = {"start": "2017-10-10", "end": "2017-10-10", "title": "Both counted"}
    assert rows == [
        row(
            "only", "a-only", start="2017-10-01", end="2017-10-01", title="A only",
            about="the event", first_says="2017-10-01", first_sections="battle",
        ),
        row(
            "only", "b-only", start="2017-10-02", end="2017-10-02", title="B only",
            about="the event", second_says="2017-10-02", second_sections="battle",
        ),
        row(
            "date", "both-dated", start="2017-10-05", end="2017-10-05", title="Both dated",
            about="date", first_says="2017-10-05", first_sections="battle",
            second_says="2017-10-06", second_sections="battle",
        ),
        row(
            "figure", "both-counted", **on, about="Islamic State killed",
            first_says="10 killed", first_sections="battle",
            second_says="12 killed", second_sections="battle",
        ),
        row(
            "figure", "both-counted", **on, about="Army wounded",
            first_says="2–4 wounded", first_sections="battle",
            second_says="2 wounded", second_sections="battle",
        ),
        # A party the data does not name is shown as given.
        row(
            "figure", "both-counted", **on, about="sdf killed",
            first_says="7 killed", first_sections="battle",
            second_says="at least 7 killed", second_sections="battle",
        ),
        row(
            "account", "b-only", dispute="about-onlys", start="2017-10-02", end="2017-10-02",
            title="B only", about="about-onlys", first_says="Claim 0", first_sections="battle",
            second_says="Claim 1", second_sections="battle",
        ),
        row(
            "account", "both-dated", dispute="about-dated", start="2017-10-05",
            end="2017-10-05", title="Both dated", about="about-dated", first_says="Claim 0",
            first_sections="battle", second_says="Claim 1", second_sections="battle",
        ),
        row(
            "account", "both-counted", dispute="about-counted", **on, about="about-counted",
            first_says="Claim 0", first_sections="battle", second_says="Claim 1",
            second_sections="battle",
        ),
        # About no event: titled by its topic.
        row(
            "account", None, dispute="about-nothing", title="about-nothing",
            about="about-nothing", first_says="Claim 0", first_sections="battle",
            second_says="Claim 1", second_sections="battle",
        ),
    ]  # fmt: skip
    assert list(rows[0]) == list(COMPARE_FIELDS)


def test_a_rows_sayings_join_several_claims_and_sections_and_give_a_figures_period() -> None:
    north = {"article": "article-a", "section": "north"}
    cat = catalog(
        events=[
            event(
                "toll",
                "2017-11-01",
                sources=[SOURCE, north, SOURCE, OTHER],
                casualties=[
                    figure("isil", 10, SOURCE, period=date("2017-10-01", "2017-10-31")),
                    figure("isil", 12, north),
                    figure("isil", 15, OTHER),
                ],
            )
        ],
        disputes=[
            dispute("how-many", (SOURCE, "toll"), (north, "toll"), (SOURCE, None), (OTHER, None))
        ],
    )
    toll = cat.events_by_id["toll"]
    diffs = [
        Difference("figure", toll, party="isil", casualty_kind="killed"),
        Difference("account", toll, dispute=cat.disputes[0]),
        Difference("date", toll),
    ]
    rows = compare_rows(cat, diffs, "article-a", "article-c")
    assert (rows[0]["first_says"], rows[0]["first_sections"]) == (
        "10 killed (2017-10-01 to 2017-10-31); 12 killed",
        "battle, north",
    )
    assert (rows[1]["first_says"], rows[1]["first_sections"]) == (
        "Claim 0 / Claim 1 / Claim 2",
        "battle, north",
    )
    assert (rows[2]["first_says"], rows[2]["first_sections"]) == ("2017-11-01", "battle, north")
    # An article that says nothing of it.
    for found in rows:
        assert (found["second"], found["second_says"], found["second_sections"]) == (
            "article-c",
            None if found["kind"] != "figure" else "",
            None,
        )
    # A difference about no event, other than a disagreement, says nothing.
    (bare,) = compare_rows(cat, [Difference("date", None)], "article-a", "article-b")
    assert bare == row("date", None, title="", about="date")


def test_figures_are_compared_article_by_article_not_with_the_rest() -> None:
    third = {"article": "article-c", "section": "battle"}
    cat = catalog(
        events=[
            event(
                "toll",
                "2017-11-01",
                sources=[SOURCE, OTHER, third],
                casualties=[
                    figure("isil", 10, SOURCE),
                    figure("isil", 12, OTHER),
                    figure("isil", 10, third),
                    figure("isil", 12, third),
                ],
            )
        ]
    )
    assert [d.kind for d in differences(cat, "article-a", "article-b")] == ["figure"]
    assert [d.kind for d in differences(cat, "article-a", "article-c")] == ["figure"]
