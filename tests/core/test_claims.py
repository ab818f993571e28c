"""Competing casualty figures and the disputes touching events, without the CLI."""

from __future__ import annotations

from typing import Any

import pytest
from builders import SOURCE, actor, campaign, casualty, catalog, date, event

from eastsyria.contract.claims import bounds
from eastsyria.core.catalog import Catalog
from eastsyria.core.claims import (
    Casualty,
    campaign_totals,
    competing_groups,
    dispute_events,
    disputes_touching,
    event_casualties,
    party_ids,
    party_relation,
    relation,
)
from eastsyria.core.totals import totals
from eastsyria.errors import InputError

OTHER = {"article": "article-b", "section": "battle"}


def counts(cat: Catalog) -> list[list[int]]:
    groups = competing_groups(cat, event_casualties(cat.events))
    return [[c.claim["count"] for c in g.casualties] for g in groups]


def dispute(dispute_id: str, *events: str) -> dict[str, Any]:
    return {
        "id": dispute_id,
        "topic": dispute_id,
        "summary": "",
        "claims": [
            {"statement": e, "source": SOURCE, "claimant": None, "event": e} for e in events
        ],
    }


def test_same_party_and_kind_over_overlapping_days_compete() -> None:
    cat = catalog(
        events=[
            event(
                "tolls",
                date("2017-11-15", "2017-12-03"),
                casualties=[
                    casualty("all", 399, period=date("2017-11-16", "2017-11-28")),
                    casualty("all", 447, period=date("2017-11-15", "2017-12-03"), source=OTHER),
                ],
            )
        ]
    )
    groups = competing_groups(cat, event_casualties(cat.events))
    assert [[c.claim["count"] for c in g.casualties] for g in groups] == [[399, 447]]
    assert groups[0].competing
    assert groups[0].disputes == []


@pytest.mark.parametrize(
    ("second", "apart"),
    [
        ({"period": date("2017-12-01", "2017-12-05")}, True),  # days that do not overlap
        ({"period": date("2017-10-20", "2017-10-25")}, True),  # days before the first's
        ({"period": date("2017-11-01", "2017-11-05")}, False),  # days inside the first's
        ({"party": "isil"}, True),
        ({"kind": "wounded"}, True),
        ({}, False),
    ],
)
def test_other_days_party_or_kind_do_not_compete(second: dict[str, Any], apart: bool) -> None:
    # A copy: the parameter's dict is shared by every run of the test in one process.
    second = dict(second)
    party = second.pop("party", "army")
    first = casualty("army", 10, period=date("2017-11-01", "2017-11-10"))
    other = casualty(party, 20, **{"period": date("2017-11-10", "2017-11-20"), **second})
    cat = catalog(events=[event("e", date("2017-11-01", "2017-12-05"), casualties=[first, other])])
    assert counts(cat) == ([[10], [20]] if apart else [[10, 20]])


def test_figures_of_separate_events_never_compete() -> None:
    # Three rows of a dataset, the first two on the same day: each its own event, so their
    # figures are other losses, however alike.
    cat = catalog(
        events=[
            event("a", "2018-05-23", casualties=[casualty("army", 9, qualifier="at-least")]),
            event("b", "2018-05-23", casualties=[casualty("army", 4, source=OTHER)]),
            event("c", "2018-05-24", casualties=[casualty("army", 2)]),
        ]
    )
    assert counts(cat) == [[9], [4], [2]]


def test_figures_of_one_party_compete_wherever_the_event_lists_them() -> None:
    # The army's two figures are the first and the third of four: set against each other,
    # the others apart, whatever lies between them.
    figures = [
        casualty("army", 10),
        casualty("isil", 5),
        casualty("army", 12, source=OTHER),
        casualty("civilians", 3),
    ]
    cat = catalog(events=[event("e", "2017-11-01", casualties=figures)])
    assert counts(cat) == [[10, 12], [5], [3]]


def test_each_figure_of_an_event_is_counted_in_the_events_campaign() -> None:
    cat = catalog(
        campaigns=[campaign("outer"), campaign("inner", parent="outer")],
        events=[
            event("a", "2017-11-01", campaign="inner", casualties=[casualty("army", 4)]),
            event("b", "2017-11-02", campaign="outer", casualties=[casualty("isil", 7)]),
        ],
    )
    found = event_casualties(cat.events)
    assert [(c.claim["count"], c.event and c.event["id"], c.campaign) for c in found] == [
        (4, "a", "inner"),
        (7, "b", "outer"),
    ]


def test_each_campaigns_totals_are_a_scope_of_their_own() -> None:
    # Two infoboxes give the army's dead: other campaigns, so other losses. Within one
    # infobox, two figures of the same losses from two articles compete (a total has no
    # days of its own: two totals of one campaign cover the same days).
    outer = campaign(
        "outer",
        casualties=[casualty("army", 601), casualty("army", 650, source=OTHER)],
    )
    inner = campaign("inner", parent="outer", casualties=[casualty("army", 376)])
    cat = catalog(campaigns=[outer, inner])
    found = campaign_totals(cat, None)
    assert [(c.claim["count"], c.event, c.campaign) for c in found] == [
        (601, None, "outer"),
        (650, None, "outer"),
        (376, None, "inner"),
    ]
    groups = competing_groups(cat, found)
    assert [[c.claim["count"] for c in g.casualties] for g in groups] == [[601, 650], [376]]
    assert [g.scope for g in groups] == [0, 1]


def test_events_a_dispute_links_may_count_the_same_losses() -> None:
    cat = catalog(
        events=[
            event("a", "2018-05-23", casualties=[casualty("army", 9)]),
            event("b", "2018-05-23", casualties=[casualty("army", 4, source=OTHER)]),
        ],
        disputes=[dispute("which", "a", "b")],
    )
    groups = competing_groups(cat, event_casualties(cat.events))
    assert [[c.claim["count"] for c in g.casualties] for g in groups] == [[9, 4]]
    assert groups[0].disputes == ["which"]


def test_a_part_is_shown_with_its_whole_never_competing() -> None:
    # One UCDP row: 20-40 in all, 4 of the army, 20 IS fighters, 2 civilians.
    figures = [
        casualty("all", 20, count_max=40, best=26),
        casualty("army", 4),
        casualty("isil-fighters", 20),
        casualty("civilians", 2),
    ]
    cat = catalog(events=[event("row", "2017-11-09", casualties=figures)])
    groups = competing_groups(cat, event_casualties(cat.events))
    assert [len(g.casualties) for g in groups] == [1, 1, 1, 1]
    assert [g.part_of for g in groups] == [None, 0, 0, 0]
    [total] = totals(cat, groups)
    assert (total.low, total.high, total.parts) == (20, 40, 3)


def test_a_subgroup_is_a_part_of_its_party_and_not_a_rival_of_a_unit() -> None:
    actors = [
        actor("army", "government"),
        actor("russia", "government"),
        actor("russian-forces", "government", parent="russia"),
        actor("isil-fighters", "isil"),
    ]
    figures = [
        casualty("government", 35, claimed_by="army"),
        casualty("government", 9, subgroup="Russians", qualifier="at-least", claimed_by="army"),
        casualty("russian-forces", 4, qualifier="at-least", claimant="Ministry"),
        casualty("isil-fighters", 43, claimant="Ministry"),
    ]
    cat = catalog(actors=actors, events=[event("base", "2018-05-23", casualties=figures)])
    groups = competing_groups(cat, event_casualties(cat.events))
    assert [g.part_of for g in groups] == [None, 0, 0, None]
    assert not any(g.competing for g in groups)
    [total] = totals(cat, groups)
    assert (total.low, total.high) == (78, 78)


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("army", "isil-fighters", "apart"),  # two sides
        ("civilians", "all-fighters", "apart"),
        ("army", "government", "inside"),  # an actor in its side
        ("government", "all-fighters", "inside"),
        ("all", "civilians", "contains"),
        ("army", "other-force", "overlap"),  # one side, neither inside the other
        ("army", "army", "same"),
        ("civilians", "army", "apart"),  # civilians are no fighters of any side
        ("government", "army", "contains"),
        ("all", "all-fighters", "contains"),  # everyone: the fighters and the civilians
        ("army-unit", "army", "inside"),  # a unit in the actor it belongs to
        ("army", "army-unit", "contains"),
        ("army-unit", "other-force", "overlap"),
    ],
)
def test_party_relation(first: str, second: str, expected: str) -> None:
    actors = [
        actor("army", "government"),
        actor("army-unit", "government", parent="army"),
        actor("other-force", "government"),
        actor("isil-fighters", "isil"),
    ]
    assert party_relation(catalog(actors=actors), first, second) == expected


def test_a_subgroup_is_inside_its_partys_losses_and_two_subgroups_may_overlap() -> None:
    cat = catalog(actors=[actor("army", "government")])

    def figure(party: str, subgroup: str | None = None) -> Casualty:
        claim = casualty(party, 1, subgroup=subgroup)
        return Casualty(claim, None, "campaign")  # type: ignore[arg-type]

    russians, chechens = figure("government", "Russians"), figure("government", "Chechens")
    assert relation(cat, russians, figure("government")) == "inside"
    assert relation(cat, figure("government"), russians) == "contains"
    assert relation(cat, russians, chechens) == "overlap"
    assert relation(cat, russians, figure("government", "russians")) == "same"
    # The army is inside the government side; some of the side's losses may or may not
    # be the army's, so they overlap.
    assert relation(cat, figure("government"), figure("army")) == "contains"
    assert relation(cat, russians, figure("army")) == "overlap"
    assert relation(cat, figure("army"), figure("government")) == "inside"
    assert relation(cat, figure("army"), russians) == "overlap"


def test_losses_that_may_overlap_count_the_larger_at_least_their_sum_at_most() -> None:
    actors = [actor("army", "government"), actor("militia", "government")]
    figures = [casualty("army", 10), casualty("militia", 6, count_max=8)]
    cat = catalog(actors=actors, events=[event("e", "2017-11-01", casualties=figures)])
    [total] = totals(cat, competing_groups(cat, event_casualties(cat.events)))
    assert (total.low, total.high) == (10, 18)


def test_competing_figures_are_a_range_and_separate_events_add_up() -> None:
    cat = catalog(
        events=[
            event(
                "tolls",
                date("2017-11-15", "2017-11-28"),
                casualties=[casualty("all", 399), casualty("all", 447, source=OTHER)],
            ),
            event("strike", "2017-11-20", casualties=[casualty("all", 5, qualifier="at-least")]),
            event("later", "2017-12-02", casualties=[casualty("all", 1)]),
        ]
    )
    groups = competing_groups(cat, event_casualties(cat.events))
    found = [(t.start, t.end, t.low, t.high) for t in totals(cat, groups)]
    assert found == [("2017-11-01", "2017-11-30", 404, None), ("2017-12-01", "2017-12-31", 1, 1)]
    # A year: one period; all places and all days: one total.
    assert [(t.low, t.high) for t in totals(cat, groups, per="all", by_place=False)] == [
        (405, None)
    ]


def test_a_dispute_sets_figures_of_different_claimants_against_each_other() -> None:
    sohr = casualty("russians", 9, claimed_by="sohr")
    ministry = casualty("russians", 4, claimed_by="ministry")
    attackers = casualty("isil", 43, claimed_by="ministry")
    same_claimant = casualty("russians", 5, claimed_by="sohr", kind="wounded")
    events = [event("base", "2018-05-23", casualties=[sohr, ministry, attackers, same_claimant])]
    cat = catalog(events=events, disputes=[dispute("losses", "base")])
    groups = competing_groups(cat, event_casualties(cat.events))
    # The attackers' dead are other losses than the Russians': the dispute does not join them.
    assert [[c.claim["count"] for c in g.casualties] for g in groups] == [[9, 4], [43], [5]]
    assert groups[0].disputes == ["losses"]


def test_a_dispute_sets_figures_of_claimants_named_in_words_against_each_other() -> None:
    # One article, no actor claims them: two claimants it names, so two voices.
    ministry = casualty("army", 4, claimant="Ministry of Defence")
    monitor = casualty("army", 9, claimant="a monitoring group")
    cat = catalog(
        events=[event("base", "2018-05-23", casualties=[ministry, monitor])],
        disputes=[dispute("losses", "base")],
    )
    [group] = competing_groups(cat, event_casualties(cat.events))
    assert [c.claim["count"] for c in group.casualties] == [4, 9]
    assert group.disputes == ["losses"]
    # The same claimant twice in one article: one voice, nothing disputed between them.
    again = casualty("army", 9, claimant="Ministry of Defence")
    cat = catalog(
        events=[event("base", "2018-05-23", casualties=[ministry, again])],
        disputes=[dispute("losses", "base")],
    )
    [group] = competing_groups(cat, event_casualties(cat.events))
    assert group.disputes == []


def test_disputes_touching_keeps_those_about_the_events() -> None:
    cat = catalog(
        events=[event("a", "2017-11-01"), event("b", "2017-11-02"), event("c", "2017-11-03")],
        disputes=[dispute("one", "a", "b"), dispute("two", "c")],
    )
    assert [d["id"] for d in disputes_touching(cat, None)] == ["one", "two"]
    assert [d["id"] for d in disputes_touching(cat, [cat.events_by_id["b"]])] == ["one"]
    assert disputes_touching(cat, []) == []
    assert [e["id"] for e in dispute_events(cat, cat.disputes[0])] == ["a", "b"]


def test_campaign_totals_of_the_events_campaigns_while_they_ran() -> None:
    outer = campaign(
        "outer",
        date=date("2017-09-01", "2017-12-31"),
        casualties=[casualty("army", 601, qualifier="at-least")],
    )
    inner = campaign(
        "inner", parent="outer", date=date("2017-10-23", "2017-12-06"),
        casualties=[casualty("army", 376, qualifier="at-least")],
    )  # fmt: skip
    later = campaign("later", parent="outer", date=date("2018-04-01", "2018-09-16"))
    cat = catalog(
        campaigns=[outer, inner, later],
        events=[
            event("a", "2017-11-01", campaign="inner"),
            event("b", "2018-05-01", campaign="later"),
        ],
    )

    def totals(events: list[Any] | None) -> list[int]:
        return [t.claim["count"] for t in campaign_totals(cat, events)]

    assert totals(None) == [601, 376]
    assert totals([cat.events_by_id["a"]]) == [601, 376]
    # The later campaign lies inside the outer one, but after it ran.
    assert totals([cat.events_by_id["b"]]) == []


def test_campaign_totals_leave_out_a_campaign_before_it_began_and_one_not_in_the_data() -> None:
    outer = campaign(
        "outer",
        date=date("2017-09-01", "2017-12-31"),
        casualties=[casualty("army", 601, qualifier="at-least")],
    )
    cat = catalog(
        campaigns=[outer],
        events=[
            event("early", "2017-08-01", campaign="outer"),
            event("elsewhere", "2017-10-01", campaign="gone"),
        ],
    )
    assert campaign_totals(cat, [cat.events_by_id["early"]]) == []
    assert campaign_totals(cat, [cat.events_by_id["elsewhere"]]) == []


@pytest.mark.parametrize(
    ("figure", "low_high"),
    [
        ((399, None, "exact"), (399, 399)),
        ((9, None, "at-least"), (9, None)),
        ((1000, None, "up-to"), (None, 1000)),
        ((5000, 10000, "exact"), (5000, 10000)),
        ((300, None, "about"), (300, 300)),
    ],
)
def test_low_and_high_say_only_what_the_figure_says(
    figure: tuple[int, int | None, str], low_high: tuple[int | None, int | None]
) -> None:
    assert bounds(*figure) == low_high


# -- --party --------------------------------------------------------------------------------


def parties() -> Catalog:
    return catalog(
        actors=[
            actor("army", "government", name="Syrian Arab Army", aliases=["SAA"]),
            actor("tigers", "government", name="Tiger Forces", parent="army"),
            actor("tiger-unit", "government", name="Tiger Unit", parent="tigers"),
            actor("russia", "government", name="Russian Armed Forces"),
            actor("isil-fighters", "isil", name="ISIL fighters", aliases=["Daesh"]),
        ]
    )


@pytest.mark.parametrize(
    ("names", "wanted"),
    [
        # A side, by id or name: the side and every actor of it.
        (("government",), {"government", "army", "tigers", "tiger-unit", "russia"}),
        (("Syrian Government",), {"government", "army", "tigers", "tiger-unit", "russia"}),
        # An actor, by id, name or alias: it and its units.
        (("tigers",), {"tigers", "tiger-unit"}),
        (("SAA",), {"army", "tigers", "tiger-unit"}),
        (("daesh",), {"isil-fighters"}),
        # The special parties, by id or name, however written.
        (("civilians",), {"civilians"}),
        (("All Fighters",), {"all-fighters"}),
        (("fighters on all sides",), {"all-fighters"}),
        (("everyone (fighters and civilians)",), {"all"}),
        (("isil", "russia"), {"isil", "isil-fighters", "russia"}),
        (("civilians", "russia"), {"civilians", "russia"}),  # a special party, then more
        ((), set()),
    ],
)
def test_party_ids_are_the_parties_a_party_option_names(
    names: tuple[str, ...], wanted: set[str]
) -> None:
    assert party_ids(parties(), names) == wanted


def test_an_unknown_party_suggests_by_the_name_a_reader_knows_and_lists_the_kinds() -> None:
    with pytest.raises(InputError) as error:
        party_ids(parties(), ("Tiger Forcez",))
    assert error.value.message == (
        "no party 'Tiger Forcez'; did you mean 'Tiger Forces'? (a party is a side:"
        " government, isil; an actor (list them with: eastsyria actors); civilians; or"
        " all-fighters)"
    )
    with pytest.raises(InputError) as error:
        party_ids(parties(), ("civilian",))
    assert error.value.message.startswith("no party 'civilian'; did you mean 'civilians'?")
    with pytest.raises(InputError) as error:
        party_ids(parties(), ("tiger",))
    # The id and both names of the Tiger actors are close: each offered once, by name.
    assert error.value.message.startswith(
        "no party 'tiger'; did you mean 'Tiger Forces' or 'Tiger Unit'?"
    )
    with pytest.raises(InputError) as error:
        party_ids(parties(), ("zzz",))
    assert error.value.message.startswith("no party 'zzz' (a party is a side: ")


def test_a_total_is_each_place_and_period_with_what_it_rests_on() -> None:
    from builders import place

    from eastsyria.core.totals import Total

    figures = [casualty("all", 399), casualty("all", 447, source=OTHER)]
    cat = catalog(
        places=[place("town"), place("village")],
        events=[
            event(
                "tolls", date("2017-11-15", "2017-11-28"), places=["village"], casualties=figures
            ),
            event(
                "strike",
                "2017-11-20",
                places=["town"],
                casualties=[casualty("all", 5, qualifier="at-least")],
            ),
        ],
    )
    groups = competing_groups(cat, event_casualties(cat.events))
    town, village = totals(cat, groups)  # one month: by the place's name
    assert town == Total(
        "event",
        "town",
        "2017-11-01",
        "2017-11-30",
        "killed",
        5,
        None,
        ["strike"],
        town.figures,
        0,
        0,
        None,
    )
    assert [c.claim["count"] for c in town.figures] == [5]
    assert village == Total(
        "event",
        "village",
        "2017-11-01",
        "2017-11-30",
        "killed",
        399,
        447,
        ["tolls"],
        village.figures,
        2,
        0,
        None,
    )
    assert [c.claim["count"] for c in village.figures] == [399, 447]
    # A year where the days lie in one; `all`: each place over its own days, earliest first.
    assert [(t.place, t.start, t.end) for t in totals(cat, groups, per="year")] == [
        ("town", "2017-01-01", "2017-12-31"),
        ("village", "2017-01-01", "2017-12-31"),
    ]
    assert [(t.place, t.start, t.end) for t in totals(cat, groups, per="all")] == [
        ("village", "2017-11-15", "2017-11-28"),
        ("town", "2017-11-20", "2017-11-20"),
    ]
    (together,) = totals(cat, groups, by_place=False)
    assert (together.place, together.low, together.high, together.events) == (
        None,
        404,
        None,
        ["tolls", "strike"],
    )


def test_an_unknown_party_suggests_at_most_three_names() -> None:
    units = [actor(f"unit-{n}", "government", name=f"Tiger Unit {n}") for n in "1234"]
    with pytest.raises(InputError) as error:
        party_ids(catalog(actors=units), ("Tiger Unit",))
    assert error.value.message.startswith(
        "no party 'Tiger Unit'; did you mean 'Tiger Unit 1', 'Tiger Unit 2' or 'Tiger Unit 3'?"
    )
