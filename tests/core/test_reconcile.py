"""The rule of `reconcile`: which events of two files match, their score and reasons, and
what agrees and differs between them (`core.reconcile`), on small datasets built here."""

from __future__ import annotations

from typing import Any

import pytest
from builders import SIDES, actor, casualty, catalog, change, date, event, place

from eastsyria.core.catalog import Catalog
from eastsyria.core.reconcile import (
    DEFAULT_MIN_SCORE,
    PLACE_SLACK_KM,
    WEIGHTS,
    Killed,
    Reconciled,
    dates_score,
    figures_verdict,
    held_after,
    held_verdict,
    killed,
    points,
    reconcile,
    sketch,
    types_score,
)

# One degree of latitude is 111.2 km on the sphere `core.geo` measures on.
KM_PER_DEGREE = 111.195


def _files(
    ours: list[dict[str, Any]],
    theirs: list[dict[str, Any]],
    *,
    our_places: list[dict[str, Any]] | None = None,
    their_places: list[dict[str, Any]] | None = None,
) -> tuple[Catalog, Catalog]:
    actors = [actor("army", "government"), actor("isil-fighters", "isil"), actor("sdf", "sdf")]
    town = [place("town", lat=34.0, lon=40.0, coord_precision_km=2)]
    return (
        catalog(events=ours, places=our_places or town, actors=actors),
        catalog(events=theirs, places=their_places or town, actors=actors),
    )


def _run(files: tuple[Catalog, Catalog], **options: Any) -> Reconciled:
    data, against = files
    return reconcile(
        [sketch(data, e) for e in data.events],
        [sketch(against, e) for e in against.events],
        where=(points(data), points(against)),
        labels=(data.place_labels, against.place_labels),
        side_names=data.side_names,
        **options,
    )


FIGHT = [("army", "attacker"), ("isil-fighters", "defender")]


def test_the_weights_add_up_to_one_and_the_default_is_documented() -> None:
    assert sum(WEIGHTS.values()) == pytest.approx(1.0)
    assert DEFAULT_MIN_SCORE == 0.5


def test_one_event_told_alike_in_both_files_matches_with_score_one_and_its_reasons() -> None:
    files = _files(
        [event("ours", "2017-11-09", actors=FIGHT, type="capture")],
        [event("theirs", "2017-11-09", actors=FIGHT, type="capture")],
    )
    found = _run(files)
    assert [(m.data.id, m.against.id) for m in found.matches] == [("ours", "theirs")]
    match = found.matches[0]
    # Same day, same point (place component 1 - 0 and allowed 2 + 2 + 5 = 9 km, under 50).
    assert match.score == 1.0
    assert match.reasons == (
        "same dates: 9 Nov 2017",
        "Town: 0 km apart, within 9 km precision",
        "sides agree: Syrian government vs Islamic State",
        "types: both capture",
    )
    assert found.only_data == []
    assert found.only_against == []


def test_a_capture_and_a_battle_are_compatible_and_score_half_for_type() -> None:
    assert types_score("capture", "clash-period") == 0.5
    assert types_score("airstrike", "assault") == 0.5
    assert types_score("announcement", "casualty-report") == 0.5
    assert types_score("capture", "capture") == 1.0
    # Never the same happening: no candidate at all.
    assert types_score("airstrike", "capture") == 0.0
    assert types_score("announcement", "capture") == 0.0
    files = _files(
        [event("battle", "2017-11-09", actors=FIGHT, type="clash-period")],
        [event("capture", "2017-11-09", actors=FIGHT, type="capture")],
    )
    match = _run(files).matches[0]
    assert match.reasons[-1] == "types: clash-period ~ capture"
    assert match.score == pytest.approx(1 - 0.15 * 0.5)
    strike = _files(
        [event("strike", "2017-11-09", actors=FIGHT, type="airstrike")],
        [event("capture", "2017-11-09", actors=FIGHT, type="capture")],
    )
    assert _run(strike).matches == []


def test_dates_a_day_apart_match_within_the_slack_and_not_beyond_it() -> None:
    ours = [event("ours", "2017-11-10", actors=FIGHT)]
    files = _files(ours, [event("theirs", "2017-11-09", actors=FIGHT)])
    match = _run(files).matches[0]
    # 1 day apart with 1 day of slack: 0.5 x (1 - 1/2) for the dates.
    assert match.components["dates"] == 0.25
    assert match.reasons[0] == "dates 1 day apart: 10 Nov 2017 and 9 Nov 2017"
    assert _run(files, days=0).matches == []
    far = _files(ours, [event("theirs", "2017-11-06", actors=FIGHT)])
    found = _run(far)
    assert found.matches == []
    assert [s.id for s in found.only_data] == ["ours"]
    assert [s.id for s in found.only_against] == ["theirs"]
    # 4 days apart, with 5 of slack: 0.5 x (1 - 4/6).
    assert _run(far, days=5).matches[0].components["dates"] == pytest.approx(0.5 / 3)


def test_a_day_inside_a_span_scores_by_the_days_they_share() -> None:
    files = _files(
        [event("ours", "2017-11-09", actors=FIGHT)],
        [event("by-the-9th", date("2017-11-06", "2017-11-09", qualifier="by"), actors=FIGHT)],
    )
    match = _run(files).matches[0]
    # One day shared of the four either covers: 0.5 + 0.5 x 1/4.
    assert match.components["dates"] == 0.625
    assert match.reasons[0] == "dates overlap: 9 Nov 2017 within 6–9 Nov 2017"
    data, against = files
    assert dates_score(sketch(data, data.events[0]), sketch(against, against.events[0]), 1) == (
        0.625,
        0,
    )


def test_places_match_within_both_precisions_and_the_slack() -> None:
    # 2 km + 3 km of precision and 5 km of slack: 10 km allowed.
    ours = [place("here", lat=34.0, lon=40.0, coord_precision_km=2)]
    near = [place("there", lat=34.0 + 9.5 / KM_PER_DEGREE, lon=40.0, coord_precision_km=3)]
    far = [place("there", lat=34.0 + 10.5 / KM_PER_DEGREE, lon=40.0, coord_precision_km=3)]
    assert PLACE_SLACK_KM == 5.0
    found = _run(
        _files(
            [event("ours", "2017-11-09", places=["here"], actors=FIGHT)],
            [event("theirs", "2017-11-09", places=["there"], actors=FIGHT)],
            our_places=ours,
            their_places=near,
        )
    )
    match = found.matches[0]
    assert match.reasons[1] == "Here and There: 10 km apart, within 10 km precision"
    # 1 - 0.5 x 9.5 / 10.
    assert match.components["place"] == pytest.approx(0.525, abs=0.001)
    missed = _run(
        _files(
            [event("ours", "2017-11-09", places=["here"], actors=FIGHT)],
            [event("theirs", "2017-11-09", places=["there"], actors=FIGHT)],
            our_places=ours,
            their_places=far,
        )
    )
    assert missed.matches == []


def test_a_wide_area_counts_for_less_than_a_town() -> None:
    wide = [place("region", lat=34.0, lon=40.0, coord_precision_km=95)]
    found = _run(
        _files(
            [event("ours", "2017-11-09", places=["town"], actors=FIGHT)],
            [event("theirs", "2017-11-09", places=["region"], actors=FIGHT)],
            their_places=wide,
        )
    )
    # 2 + 95 + 5 = 102 km allowed: the component is scaled by 50 / 102.
    assert found.matches[0].components["place"] == pytest.approx(50 / 102)


def test_events_with_no_side_in_common_never_match() -> None:
    files = _files(
        [event("ours", "2017-11-09", actors=[("sdf", "attacker")])],
        [event("theirs", "2017-11-09", actors=[("army", "attacker")])],
    )
    assert _run(files).matches == []
    partly = _files(
        [event("ours", "2017-11-09", actors=[("sdf", "attacker"), ("isil-fighters", "defender")])],
        [event("theirs", "2017-11-09", actors=FIGHT)],
    )
    match = _run(partly).matches[0]
    # One side shared of the two each names.
    assert match.components["sides"] == 0.5
    assert match.reasons[2] == "sides share Islamic State (1 of 2)"
    # An event whose actors have no side (none named) is not held to the rule: half marks.
    unnamed = _files([event("ours", "2017-11-09")], [event("theirs", "2017-11-09", actors=FIGHT)])
    match = _run(unnamed).matches[0]
    assert match.components["sides"] == 0.5
    assert match.reasons[2] == "sides: not known in one file"


def test_min_score_leaves_out_weaker_matches() -> None:
    files = _files(
        [event("ours", "2017-11-10", actors=FIGHT, type="clash-period")],
        [event("theirs", "2017-11-09", actors=FIGHT, type="capture")],
    )
    # dates 0.25, place 1, sides 1, type 0.5: 0.35 x 0.25 + 0.3 + 0.2 + 0.15 x 0.5 = 0.6625.
    assert _run(files).matches[0].score == pytest.approx(0.662, abs=0.001)
    assert _run(files, min_score=0.66).matches
    assert _run(files, min_score=0.67).matches == []


def test_each_data_event_takes_its_best_match_and_several_may_confirm_one() -> None:
    files = _files(
        [
            event("row-1", "2017-11-09", actors=FIGHT, type="clash-period"),
            event("row-2", "2017-11-09", actors=FIGHT, type="capture"),
        ],
        [
            event("capture", "2017-11-09", actors=FIGHT, type="capture"),
            event("assault", date("2017-11-08", "2017-11-11"), actors=FIGHT, type="assault"),
        ],
    )
    found = _run(files)
    # row-1 is compatible with both; the capture's dates agree better (1 against 0.625).
    assert [(m.data.id, m.against.id) for m in found.matches] == [
        ("row-1", "capture"),
        ("row-2", "capture"),
    ]
    assert [s.id for s in found.only_against] == ["assault"]


def test_a_tie_goes_to_the_first_event_of_the_other_file() -> None:
    files = _files(
        [event("ours", "2017-11-09", actors=FIGHT)],
        [
            event("b-second", "2017-11-09", actors=FIGHT),
            event("a-first", "2017-11-09", actors=FIGHT),
        ],
    )
    assert _run(files).matches[0].against.id == "a-first"


def test_figures_agree_when_their_ranges_overlap() -> None:
    assert figures_verdict(Killed(12, None), Killed(20, 45)) == "agree"
    assert figures_verdict(Killed(78, None), Killed(10, 20)) == "differ"
    assert figures_verdict(Killed(10, 20), Killed(21, 30)) == "differ"
    assert figures_verdict(Killed(10, 20), Killed(20, 30)) == "agree"
    assert figures_verdict(None, Killed(3, 3)) == "only-against"
    assert figures_verdict(Killed(3, 3), None) == "only-data"
    assert figures_verdict(None, None) == "none"
    assert Killed(12, None).text == "12+"
    assert Killed(1200, 1500).text == "1,200–1,500"
    assert Killed(8, 8).text == "8"


def test_competing_figures_are_a_range_and_separate_losses_add_up() -> None:
    data = catalog(
        events=[
            event(
                "fight",
                "2017-11-09",
                actors=FIGHT,
                casualties=[
                    # Two figures of the same losses compete: 30 to 40.
                    casualty("government", 30, claimed_by="army"),
                    casualty("government", 40, claimed_by="isil-fighters"),
                    # Other losses: added.
                    casualty("isil", 5),
                    # Not the killed.
                    casualty("isil", 100, kind="wounded"),
                ],
            )
        ]
    )
    # Figures of the parties only: 35 to 45 of them, and nothing said of anyone else killed,
    # so at least 35, with no most.
    assert killed(data, data.events[0]) == Killed(35, None)
    assert killed(data, event("none", "2017-11-09")) is None  # type: ignore[arg-type]
    # A figure of everyone killed bounds it.
    whole = catalog(
        events=[event("fight", "2017-11-09", actors=FIGHT, casualties=[casualty("all", 50)])]
    )
    assert killed(whole, whole.events[0]) == Killed(50, 50)


def test_figures_of_some_parties_differ_from_a_whole_toll_only_where_they_exceed_it() -> None:
    parties = Killed(35, None)  # 30-40 of the army's dead and 5 of IS's, as above
    assert figures_verdict(parties, Killed(50, 50)) == "agree"  # 50 in all may hold them
    assert figures_verdict(parties, Killed(20, 30)) == "differ"  # 35 of two sides > 30 in all
    assert figures_verdict(Killed(20, 30), parties) == "differ"


def test_who_held_the_place_after_is_each_files_control_records() -> None:
    data = catalog(
        events=[
            event("taken", "2017-11-09", actors=FIGHT, control=[change("town", "isil", "army")])
        ]
    )
    assert held_after(data, data.events[0]) == ("government",)
    assert held_verdict(("government",), ("government",)) == "agree"
    assert held_verdict(("isil",), ("government",)) == "differ"
    assert held_verdict((), ("government",)) == "only-against"
    assert held_verdict(("isil",), ()) == "only-data"
    assert held_verdict((), ()) == "none"


def test_long_spans_are_found_as_well_as_short_ones() -> None:
    files = _files(
        [event("ours", "2017-11-09", actors=FIGHT, type="clash-period")],
        [event("season", date("2017-06-01", "2017-12-31"), actors=FIGHT, type="clash-period")],
    )
    match = _run(files).matches[0]
    assert match.against.id == "season"
    # One day of the 214 either covers.
    assert match.components["dates"] == pytest.approx(0.5 + 0.5 / 214)


def test_unidentified_actors_are_no_side_in_common() -> None:
    actors = [actor("gunmen", "unknown"), actor("army", "government")]
    unknown = [{"id": "unknown", "name": "Unidentified", "description": ""}]
    data = catalog(
        events=[event("ours", "2017-11-09", actors=[("gunmen", "attacker")])],
        actors=actors,
        sides=[*SIDES, *unknown],
    )
    assert sketch(data, data.events[0]).sides == frozenset()
    both = catalog(
        events=[
            event("mixed", "2017-11-09", actors=[("gunmen", "attacker"), ("army", "defender")])
        ],
        actors=actors,
        sides=[*SIDES, *unknown],
    )
    assert sketch(both, both.events[0]).sides == frozenset({"government"})
