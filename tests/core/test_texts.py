"""The texts a reader sees of contract objects: figures, labels, cells and date marks."""

from __future__ import annotations

from typing import Any

import pytest
from builders import casualty

from eastsyria.contract.texts import (
    actor_text,
    casualty_text,
    cell_text,
    commander_text,
    control_text,
    date_text,
    figure_text,
    record_date_text,
    source_label,
    strength_text,
)

SOURCE_VIEW = {
    "article": "abu-kamal-offensive",
    "section": "first-attack",
    "article_title": "2017 Abu Kamal offensive",
    "section_title": "First attack on the city",
}


def control_view(extent: str = "full") -> dict[str, Any]:
    """A control change as `event_view` hands it out."""
    return {
        "place": "abu-kamal",
        "place_name": "Abu Kamal",
        "from": "isil",
        "to": "government",
        "extent": extent,
        "note": None,
        "from_name": "Islamic State",
        "to_name": "Syrian government",
        "part": None,
        "status": "stated",
        "claimed_by": None,
        "claimed_by_name": None,
    }


def casualty_claim(**extra: Any) -> dict[str, Any]:
    """A casualty claim as `casualty_view` hands it out: nothing optional unless given."""
    return {
        "party_name": extra.pop("party_name", "Islamic State"),
        "figure": extra.pop("figure", "at least 601 killed"),
        "claimed_by_name": extra.pop("claimed_by_name", None),
        "period": extra.pop("period", None),
        "note": extra.pop("note", None),
        "source": extra.pop("source", SOURCE_VIEW),
    }


def commander(**extra: Any) -> dict[str, Any]:
    return {
        "name": extra.pop("name", "Maj. Gen. Issam Zahreddine"),
        "actor": None,
        "side": "government",
        "side_name": extra.pop("side_name", "Syrian government"),
        "killed": extra.pop("killed", False),
        "note": extra.pop("note", None),
    }


def strength(**extra: Any) -> dict[str, Any]:
    return {
        "side": "government",
        "side_name": "Syrian government",
        "figure": extra.pop("figure", "5,000"),
        "low": None,
        "high": None,
        "unit": extra.pop("unit", None),
    }


# -- figure_text --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "expected"),
    [(7, "7 killed"), (601, "601 killed"), (1500, "1,500 killed"), (1234567, "1,234,567 killed")],
)
def test_an_exact_figure_is_the_count_with_thousands_separators(count: int, expected: str) -> None:
    assert figure_text(casualty("isil", count)) == expected


def test_a_range_joins_both_ends_with_an_en_dash() -> None:
    assert figure_text(casualty("isil", 5000, count_max=10000)) == "5,000–10,000 killed"


def test_a_range_up_to_zero_is_still_a_range() -> None:
    # count_max 0 is a figure, not a missing one.
    assert figure_text(casualty("isil", 0, count_max=0)) == "0–0 killed"


@pytest.mark.parametrize(
    ("qualifier", "expected"),
    [
        ("at-least", "at least 601 killed"),
        ("up-to", "up to 601 killed"),
        ("about", "about 601 killed"),
        ("exact", "601 killed"),
    ],
)
def test_the_qualifier_words_the_figure(qualifier: str, expected: str) -> None:
    assert figure_text(casualty("isil", 601, qualifier=qualifier)) == expected


def test_a_qualified_range_keeps_both_the_words_and_the_kind() -> None:
    claim = casualty("civilians", 1200, count_max=1500, qualifier="about", kind="displaced")
    assert figure_text(claim) == "about 1,200–1,500 displaced"


# -- labels, control, actors --------------------------------------------------------------


def test_a_source_label_names_the_article_then_the_section() -> None:
    assert source_label(SOURCE_VIEW) == "2017 Abu Kamal offensive › First attack on the city"


def test_a_full_control_change_reads_place_from_and_to() -> None:
    assert control_text(control_view("full")) == "Abu Kamal: Islamic State → Syrian government"


def test_a_partial_control_change_is_marked_partial() -> None:
    assert (
        control_text(control_view("partial"))
        == "Abu Kamal: Islamic State → Syrian government (partial)"
    )


def test_an_actor_reads_with_its_role() -> None:
    assert actor_text({"name": "Tiger Forces", "role": "attacker"}) == "Tiger Forces (attacker)"


# -- casualty_text ------------------------------------------------------------------------


def test_a_bare_casualty_claim_is_party_figure_and_source() -> None:
    assert casualty_text(casualty_claim()) == (
        "Islamic State: at least 601 killed [2017 Abu Kamal offensive › First attack on the city]"
    )


def test_a_casualty_claim_says_who_claimed_it() -> None:
    claim = casualty_claim(claimed_by_name="SOHR")
    assert casualty_text(claim) == (
        "Islamic State: at least 601 killed, claimed by SOHR"
        " [2017 Abu Kamal offensive › First attack on the city]"
    )


def test_a_casualty_claim_says_for_when() -> None:
    period = {"start": "2017-11-16", "end": "2017-11-28", "date": "between 16 and 28 November"}
    assert casualty_text(casualty_claim(period=period)) == (
        "Islamic State: at least 601 killed, between 16 and 28 November"
        " [2017 Abu Kamal offensive › First attack on the city]"
    )


def test_a_casualty_claim_carries_its_note_in_brackets() -> None:
    assert casualty_text(casualty_claim(note="includes commanders")) == (
        "Islamic State: at least 601 killed (includes commanders)"
        " [2017 Abu Kamal offensive › First attack on the city]"
    )


def test_a_full_casualty_claim_reads_claimant_period_note_then_source() -> None:
    claim = casualty_claim(
        claimed_by_name="SOHR",
        period={"start": "2017-11-16", "end": "2017-11-28", "date": "16–28 November"},
        note="disputed",
    )
    assert casualty_text(claim) == (
        "Islamic State: at least 601 killed, claimed by SOHR, 16–28 November (disputed)"
        " [2017 Abu Kamal offensive › First attack on the city]"
    )


# -- commanders and strengths -------------------------------------------------------------


def test_a_commander_reads_with_their_side() -> None:
    assert commander_text(commander()) == "Maj. Gen. Issam Zahreddine (Syrian government)"


def test_a_killed_commander_is_marked_killed() -> None:
    assert (
        commander_text(commander(killed=True))
        == "Maj. Gen. Issam Zahreddine (Syrian government; killed)"
    )


def test_a_commander_note_follows_the_side_and_the_killed_mark() -> None:
    assert (
        commander_text(commander(note="WIA"))
        == "Maj. Gen. Issam Zahreddine (Syrian government; WIA)"
    )
    assert (
        commander_text(commander(killed=True, note="October 2017"))
        == "Maj. Gen. Issam Zahreddine (Syrian government; killed; October 2017)"
    )


def test_a_side_strength_is_named_by_its_side() -> None:
    assert strength_text(strength(figure="5,000")) == "Syrian government: 5,000"


def test_a_unit_strength_is_its_figure_alone_since_the_figure_names_the_unit() -> None:
    assert strength_text(strength(figure="Tiger Forces: 450", unit="tiger-forces")) == (
        "Tiger Forces: 450"
    )


# -- cell_text ----------------------------------------------------------------------------


def test_a_missing_value_is_an_empty_cell() -> None:
    assert cell_text("end", None) == ""


@pytest.mark.parametrize(("value", "expected"), [(True, "true"), (False, "false")])
def test_booleans_are_lower_case_words(value: bool, expected: str) -> None:
    assert cell_text("killed", value) == expected


@pytest.mark.parametrize(
    ("value", "expected"), [(0, "0"), (34.5, "34.5"), ("Abu Kamal", "Abu Kamal"), ("", "")]
)
def test_numbers_and_strings_read_as_themselves(value: Any, expected: str) -> None:
    assert cell_text("lat", value) == expected


def test_a_list_of_strings_is_joined_with_semicolons() -> None:
    assert cell_text("aliases", ["Albu Kamal", "Bukamal"]) == "Albu Kamal; Bukamal"
    assert cell_text("aliases", []) == ""


def test_objects_in_a_list_read_as_the_field_they_are_in() -> None:
    places = [{"id": "abu-kamal", "name": "Abu Kamal"}, {"id": "hiri", "name": "Hiri"}]
    assert cell_text("places", places) == "Abu Kamal; Hiri"


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("places", {"id": "abu-kamal", "name": "Abu Kamal", "kind": "city"}, "Abu Kamal"),
        ("units", {"id": "tiger-forces", "name": "Tiger Forces"}, "Tiger Forces"),
        (
            "actors",
            {"id": "saa", "name": "Syrian Army", "role": "attacker"},
            "Syrian Army (attacker)",
        ),
        ("disputes", {"id": "death-toll", "topic": "How many died"}, "death-toll"),
        ("sources", SOURCE_VIEW, "2017 Abu Kamal offensive › First attack on the city"),
        (
            "control",
            control_view("partial"),
            "Abu Kamal: Islamic State → Syrian government (partial)",
        ),
        (
            "casualties",
            casualty_claim(),
            "Islamic State: at least 601 killed"
            " [2017 Abu Kamal offensive › First attack on the city]",
        ),
        (
            "commanders",
            commander(killed=True),
            "Maj. Gen. Issam Zahreddine (Syrian government; killed)",
        ),
        ("strengths", strength(figure="5,000"), "Syrian government: 5,000"),
    ],
)
def test_an_object_reads_as_the_field_it_is_in(
    field: str, value: dict[str, Any], expected: str
) -> None:
    assert cell_text(field, value) == expected


def test_an_object_in_an_unknown_field_is_json_with_its_letters_kept() -> None:
    period = {"start": "2017-11-16", "date": "Qa’im, 16–28 November"}
    assert cell_text("period", period) == (
        '{"start": "2017-11-16", "date": "Qa’im, 16–28 November"}'
    )


# -- date_text -----------------------------------------------------------------------------


def _when(qualifier: str, precision: str, start: str, end: str) -> dict[str, str]:
    return {"qualifier": qualifier, "precision": precision, "start": start, "end": end}


@pytest.mark.parametrize(
    ("when", "with_year", "without_year"),
    [
        (_when("on", "day", "2017-11-03", "2017-11-03"), "3 Nov 2017", "3 Nov"),
        # "late on 3 November" stays late: it orders two events of that day.
        (_when("late", "day", "2017-11-03", "2017-11-03"), "late 3 Nov 2017", "late 3 Nov"),
        (_when("by", "range", "2017-09-18", "2017-10-16"), "≤ 16 Oct 2017", "≤ 16 Oct"),
        (_when("during", "range", "2017-11-03", "2017-11-04"), "3–4 Nov 2017", "3–4 Nov"),
        (
            _when("between", "range", "2017-11-15", "2017-12-03"),
            "15 Nov – 3 Dec 2017",
            "15 Nov – 3 Dec",
        ),
        (
            _when("around", "approximate", "2017-10-27", "2017-11-01"),
            "~ 27 Oct – 1 Nov 2017",
            "~ 27 Oct – 1 Nov",
        ),
        (_when("around", "approximate", "2017-11-09", "2017-11-09"), "~ 9 Nov 2017", "~ 9 Nov"),
        (_when("early", "month-part", "2018-04-01", "2018-04-10"), "early Apr 2018", "early Apr"),
        (_when("late", "month-part", "2018-04-21", "2018-04-30"), "late Apr 2018", "late Apr"),
        (_when("during", "season", "2018-06-21", "2018-08-31"), "summer 2018", "summer 2018"),
        (_when("during", "season", "2017-12-01", "2018-02-28"), "winter 2017–18", "winter 2017–18"),
        (_when("during", "month", "2018-04-01", "2018-04-30"), "Apr 2018", "Apr"),
        (_when("during", "year", "2018-01-01", "2018-12-31"), "2018", "2018"),
        # A "month" that is not a whole month is written as the span it is.
        (_when("during", "month", "2018-04-03", "2018-04-30"), "3–30 Apr 2018", "3–30 Apr"),
        # Across the new year the years stay, with or without.
        (
            _when("around", "approximate", "2017-12-28", "2018-01-03"),
            "~ 28 Dec 2017 – 3 Jan 2018",
            "~ 28 Dec 2017 – 3 Jan 2018",
        ),
    ],
)
def test_the_date_of_a_table_is_short_and_says_how_sure_it_is(
    when: dict[str, str], with_year: str, without_year: str
) -> None:
    assert date_text(when) == with_year
    assert date_text(when, year=False) == without_year


def test_a_recorded_date_reads_as_its_span() -> None:
    recorded: Any = {
        "earliest": "2017-11-29",
        "latest": "2017-12-05",
        "precision": "range",
        "qualifier": "by",
        "text": "by 5 December 2017",
    }
    assert record_date_text(recorded) == "≤ 5 Dec 2017"
    assert record_date_text(recorded, year=False) == "≤ 5 Dec"
