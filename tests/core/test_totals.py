"""What the casualty claims allow in total (`casualties --total`), without the CLI: the
events' figures by place and period, then each campaign's infobox totals apart."""

from __future__ import annotations

from builders import actor, campaign, casualty, catalog, date, event

from eastsyria.core.claims import campaign_totals, competing_groups, event_casualties
from eastsyria.core.totals import Total, bounds, totals

OTHER = {"article": "article-b", "section": "battle"}


def test_each_campaigns_infobox_totals_follow_the_events_one_per_campaign_and_kind() -> None:
    outer = campaign(
        "outer",
        date=date("2017-09-01", "2017-12-31", qualifier="between"),
        casualties=[
            # Two sources on the army's dead compete: a range. The other side's are added.
            casualty("army", 601),
            casualty("army", 700, source=OTHER),
            casualty("isil-fighters", 2000),
            casualty("army", 1500, kind="wounded"),
        ],
    )
    inner = campaign(
        "inner",
        parent="outer",
        date=date("2017-10-23", "2017-12-06", qualifier="between"),
        casualties=[casualty("isil-fighters", 376, qualifier="at-least")],
    )
    cat = catalog(
        campaigns=[outer, inner],
        events=[event("a", "2017-11-01", campaign="inner", casualties=[casualty("army", 3)])],
    )
    groups = competing_groups(cat, event_casualties(cat.events))
    infobox = competing_groups(cat, campaign_totals(cat, None))
    found = totals(cat, groups, infobox)
    assert [(t.scope, t.campaign, t.kind) for t in found] == [
        ("event", None, "killed"),
        ("campaign", "outer", "killed"),
        ("campaign", "outer", "wounded"),
        ("campaign", "inner", "killed"),
    ]
    _, killed, wounded, inner_killed = found
    # A campaign's total is over the days the campaign ran, at no place, resting on no event.
    assert killed == Total(
        "campaign",
        None,
        "2017-09-01",
        "2017-12-31",
        "killed",
        601 + 2000,
        700 + 2000,
        [],
        killed.figures,
        2,
        0,
        "outer",
    )
    assert [c.claim["count"] for c in killed.figures] == [601, 700, 2000]
    assert (wounded.start, wounded.end, wounded.low, wounded.high) == (
        "2017-09-01",
        "2017-12-31",
        1500,
        1500,
    )
    assert [c.claim["count"] for c in wounded.figures] == [1500]
    assert (inner_killed.start, inner_killed.end, inner_killed.low, inner_killed.high) == (
        "2017-10-23",
        "2017-12-06",
        376,
        None,
    )
    assert (inner_killed.competing, inner_killed.parts, inner_killed.events) == (0, 0, [])
    # Without the infoboxes, the events' totals alone.
    assert totals(cat, groups) == found[:1]


def test_a_campaigns_part_is_never_added_to_its_whole() -> None:
    outer = campaign(
        "outer",
        casualties=[casualty("all", 5000), casualty("civilians", 1200)],
    )
    cat = catalog(campaigns=[outer])
    infobox = competing_groups(cat, campaign_totals(cat, None))
    [total] = totals(cat, [], infobox)
    assert (total.low, total.high, total.parts, total.campaign) == (5000, 5000, 1, "outer")


def test_up_to_has_no_least_and_none_killed_adds_nothing() -> None:
    figures = [casualty("all", 1000, qualifier="up-to")]
    cat = catalog(events=[event("e", "2017-11-01", casualties=figures)])
    [total] = totals(cat, competing_groups(cat, event_casualties(cat.events)))
    assert (total.low, total.high) == (0, 1000)
    cat = catalog(events=[event("e", "2017-11-01", casualties=[casualty("civilians", 0)])])
    [total] = totals(cat, competing_groups(cat, event_casualties(cat.events)))
    assert (total.low, total.high) == (0, 0)


def test_only_losses_that_may_overlap_are_bundled_the_other_sides_are_added() -> None:
    # The army's and a militia's dead may be the same men (one side): at least the larger,
    # at most both; the IS fighters' dead are other losses: added to both ends.
    actors = [
        actor("army", "government"),
        actor("militia", "government"),
        actor("isil-fighters", "isil"),
    ]
    figures = [
        casualty("army", 10),
        casualty("militia", 6, count_max=8),
        casualty("isil-fighters", 43),
    ]
    cat = catalog(actors=actors, events=[event("e", "2017-11-01", casualties=figures)])
    [total] = totals(cat, competing_groups(cat, event_casualties(cat.events)))
    assert (total.low, total.high) == (10 + 43, 10 + 8 + 43)


def test_a_scope_over_days_of_two_months_keeps_its_own_days() -> None:
    # Never a guessed share of each month: the figure's own days; by year, its year.
    figures = [casualty("all", 447)]
    cat = catalog(events=[event("tolls", date("2017-11-15", "2017-12-03"), casualties=figures)])
    groups = competing_groups(cat, event_casualties(cat.events))
    assert [(t.start, t.end) for t in totals(cat, groups)] == [("2017-11-15", "2017-12-03")]
    assert [(t.start, t.end) for t in totals(cat, groups, per="year")] == [
        ("2017-01-01", "2017-12-31")
    ]
    cat = catalog(events=[event("tolls", date("2017-12-15", "2018-01-03"), casualties=figures)])
    groups = competing_groups(cat, event_casualties(cat.events))
    assert [(t.start, t.end) for t in totals(cat, groups, per="year")] == [
        ("2017-12-15", "2018-01-03")
    ]


def test_up_to_a_range_says_both_ends() -> None:
    # 'up to 500–800': the range is what the figure says; only a bare 'up to' has no least.
    assert bounds(500, 800, "up-to") == (500, 800)
    assert bounds(800, None, "up-to") == (None, 800)
    assert bounds(500, 800, "at-least") == (500, 800)
