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
    date_mark,
    figure_text,
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


# -- date_mark ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("qualifier", "precision", "mark"),
    [
        ("on", "day", ""),
        ("late", "day", ""),
        ("by", "range", "≤"),
        ("by", "day", "≤"),
        ("between", "range", "↔"),
        ("between", "approximate", "↔"),
        ("until", "range", "↔"),
        ("during", "range", "↔"),
        ("around", "approximate", "~"),
        ("from", "approximate", "~"),
        ("early", "month-part", "~"),
        ("during", "month", "~"),
        ("during", "season", "~"),
        ("during", "year", "~"),
    ],
)
def test_the_date_mark_says_how_sure_the_day_is(qualifier: str, precision: str, mark: str) -> None:
    assert date_mark({"qualifier": qualifier, "precision": precision}) == mark
