"""The texts a reader sees of contract objects: figures, labels, cells and date marks."""

from __future__ import annotations

from typing import Any

import pytest
from builders import casualty

from eastsyria.contract.texts import (
    LINKED_TEXTS,
    actor_text,
    basis_text,
    casualty_text,
    cell_text,
    claimed_text,
    commander_text,
    control_about,
    control_text,
    counted,
    date_text,
    distance_text,
    figure_text,
    holding_text,
    linked_casualty_text,
    record_date_text,
    share_text,
    short_distance_text,
    source_label,
    source_text,
    status_text,
    step_text,
    strength_text,
)
from eastsyria.core.geo import Offset

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


# -- counts, distances, holdings, steps, claims and bases ----------------------------------------


def test_a_count_is_plural_but_for_one_with_thousands_separated() -> None:
    assert counted(1, "event") == "1 event"
    assert counted(0, "event") == "0 events"
    assert counted(72, "place") == "72 places"
    assert counted(99_800, "event") == "99,800 events"


@pytest.mark.parametrize(
    ("found", "text"),
    [
        (Offset("abu-kamal", "hiri", "at", 0.0, 0.0, None), "at Abu Kamal"),
        (Offset("abu-kamal", "hiri", "in", 0.0, 0.0, None), "in Abu Kamal"),
        (Offset("abu-kamal", "hiri", "around", 4.0, 6.0, None), "around Abu Kamal"),
        (Offset("abu-kamal", "hiri", "covers", 0.0, 0.0, None), "covers Abu Kamal"),
        # Within a 10 km margin (steps of 5): at most 3 + 10 km, told as up to 15.
        (Offset("abu-kamal", "hiri", "within", 3.0, 10.0, None), "up to 15 km from Abu Kamal"),
        # 77 km give or take 8 (steps of 5): at least 69, told 65; at most 85.
        (Offset("abu-kamal", "hiri", "from", 77.0, 8.0, 315.0), "65–85 km NW of Abu Kamal"),
        # 10 km give or take 8: the least rounds down to 0.
        (Offset("abu-kamal", "hiri", "from", 10.0, 8.0, 90.0), "up to 20 km E of Abu Kamal"),
    ],
)
def test_where_a_place_lies_from_the_reference(found: Offset, text: str) -> None:
    assert distance_text(found, "Abu Kamal") == text


def test_a_distance_under_a_heading_that_names_the_place_drops_the_name() -> None:
    near = {"name": "Abu Kamal"}
    assert short_distance_text({"distance_text": "65–85 km NW of Abu Kamal", "near": near}) == (
        "65–85 km NW"
    )
    assert short_distance_text({"distance_text": "up to 15 km from Abu Kamal", "near": near}) == (
        "up to 15 km"
    )
    assert short_distance_text({"distance_text": "at Abu Kamal", "near": near}) == "at Abu Kamal"
    labelled = {"name": "Abu Kamal", "label": "Abu Kamal (city)"}
    assert (
        short_distance_text({"distance_text": "5–15 km E of Abu Kamal (city)", "near": labelled})
        == "5–15 km E"
    )
    assert short_distance_text({"distance_text": None, "near": near}) == ""
    assert short_distance_text({"distance_text": "at Abu Kamal", "near": None}) == ""
    assert short_distance_text({}) == ""


def share(extent: str, part: str | None = None) -> dict[str, Any]:
    return {"holder": "isil", "holder_name": "Islamic State", "extent": extent, "part": part}


def test_a_holding_names_its_part_or_the_rest() -> None:
    assert share_text(share("full")) == ""
    assert share_text(share("full", "the north")) == ""
    assert share_text(share("partial", "the north")) == "part: the north"
    assert share_text(share("partial")) == "the rest"
    assert holding_text(share("full")) == "Islamic State"
    assert holding_text(share("partial", "the north")) == "Islamic State (part: the north)"
    assert holding_text(share("partial")) == "Islamic State (the rest)"


def step(part: str | None = None) -> dict[str, Any]:
    return {
        "when": "9 Nov 2017",
        "from_name": "Islamic State",
        "to_name": "Syrian government",
        "part": part,
        "event": "abu-kamal-first-capture",
        "claimed_by_name": "Pro-government sources",
        "date_date": "8 November 2017",
    }


def test_a_step_and_a_claim_read_from_and_to() -> None:
    assert step_text(step()) == (
        "9 Nov 2017: Islamic State → Syrian government (abu-kamal-first-capture)"
    )
    assert step_text(step("40 percent")) == (
        "9 Nov 2017: Islamic State → Syrian government (part: 40 percent) (abu-kamal-first-capture)"
    )
    assert claimed_text(step()) == (
        "Pro-government sources, 8 November 2017: Islamic State → Syrian government"
    )


def test_a_basis_reads_its_status_where_and_statement() -> None:
    assert basis_text({"status": "stated", "event": "second-capture", "statement": None}) == (
        "stated (second-capture)"
    )
    assert basis_text({"status": "stated", "event": None, "statement": None}) == (
        "stated (held at the start)"
    )
    assert basis_text(
        {"status": "inferred", "event": "link-up", "statement": "The bank was cleared"}
    ) == ("inferred (link-up): The bank was cleared")


# -- how the text vouches for a change --------------------------------------------------------


def vouched(
    status: str, by: str | None = None, extent: str = "full", part: str | None = None
) -> dict[str, Any]:
    return {**control_view(extent), "status": status, "claimed_by_name": by, "part": part}


@pytest.mark.parametrize(
    ("change", "status", "about"),
    [
        (vouched("stated"), "", ""),
        (vouched("stated", "SOHR"), "", ""),
        (vouched("reported", "SOHR"), "reported by SOHR", "reported by SOHR"),
        (vouched("reported"), "reportedly", "reportedly"),
        (vouched("inferred"), "inferred, not stated", "inferred, not stated"),
        (vouched("claimed", "IS"), "claimed by IS, unconfirmed", "claimed by IS, unconfirmed"),
        (vouched("stated", extent="partial"), "", "partial"),
        (vouched("stated", extent="partial", part="the north"), "", "part: the north"),
        (
            vouched("reported", "SOHR", "partial", "40 percent"),
            "reported by SOHR",
            "part: 40 percent; reported by SOHR",
        ),
        (vouched("stated", extent="full", part="the north"), "", ""),
    ],
)
def test_how_the_text_vouches_for_a_change(change: dict[str, Any], status: str, about: str) -> None:
    assert status_text(change) == status
    assert control_about(change) == about
    said = f" ({about})" if about else ""
    assert control_text(change) == f"Abu Kamal: Islamic State → Syrian government{said}"


def test_a_control_change_is_placed_by_its_label_where_it_has_one() -> None:
    labelled = {**control_view(), "place_label": "Abu Kamal (city)"}
    assert control_text(labelled) == "Abu Kamal (city): Islamic State → Syrian government"


# -- sources with their links, and the cells that carry them ------------------------------------


def test_a_source_in_plain_text_carries_its_link_where_it_has_one() -> None:
    linked = {**SOURCE_VIEW, "url": "https://example.org/a#b"}
    assert source_text(linked) == (
        "2017 Abu Kamal offensive › First attack on the city <https://example.org/a#b>"
    )
    assert source_text({**SOURCE_VIEW, "url": None}) == (
        "2017 Abu Kamal offensive › First attack on the city"
    )
    assert source_text(SOURCE_VIEW) == "2017 Abu Kamal offensive › First attack on the city"
    claim = casualty_claim(source=linked)
    assert linked_casualty_text(claim) == (
        "Islamic State: at least 601 killed"
        " [2017 Abu Kamal offensive › First attack on the city <https://example.org/a#b>]"
    )
    assert cell_text("casualties", [claim], LINKED_TEXTS) == linked_casualty_text(claim)
    assert cell_text("sources", [linked], LINKED_TEXTS) == source_text(linked)
    assert cell_text("sources", [linked]) == source_label(linked)


def test_cells_of_the_other_fields_read_as_their_objects() -> None:
    assert cell_text("dated_by", [{"article": "campaign", "date": "by 26 October 2017"}]) == (
        "campaign: by 26 October 2017"
    )
    assert cell_text("places", [{"name": "Abu Kamal", "label": "Abu Kamal (city)"}]) == (
        "Abu Kamal (city)"
    )
    assert cell_text("near", {"name": "Hajin", "label": None}) == "Hajin"
    assert cell_text("units", [{"name": "Tiger Forces"}]) == "Tiger Forces"
    assert cell_text("near_place", {"name": "Hiri"}) == "Hiri"
    assert cell_text("disputes", [{"id": "toll"}, {"id": "when"}]) == "toll; when"
    assert cell_text("basis", [{"status": "stated", "event": None, "statement": None}]) == (
        "stated (held at the start)"
    )
    for field in ("pending", "changes"):
        assert cell_text(field, [step()]) == step_text(step())
    for field in ("holders", "may_pass_to", "before_holders", "after_holders"):
        assert cell_text(field, [share("partial")]) == "Islamic State (the rest)"
    assert cell_text("claimed", [step()]) == claimed_text(step())
    assert cell_text("count", 0) == "0"
    assert cell_text("note", "") == ""
    assert cell_text("split", False) == "false"


def test_a_best_estimate_is_told_inside_a_range_only() -> None:
    assert figure_text(casualty("all", 8, count_max=15, best=10)) == (  # type: ignore[arg-type]
        "8–15 killed (best estimate 10)"
    )
    assert figure_text(casualty("all", 1000, count_max=2000, best=1500)) == (  # type: ignore[arg-type]
        "1,000–2,000 killed (best estimate 1,500)"
    )
    # Of a single figure, the best estimate is the figure.
    assert figure_text(casualty("all", 10, best=10)) == "10 killed"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("start", "end", "precision", "qualifier", "text"),
    [
        ("2017-11-11", "2017-11-20", "month-part", "mid", "mid Nov 2017"),
        ("2017-11-01", "2017-11-10", "month-part", "early", "early Nov 2017"),
        # Early, mid or late of a span that is not a part of a month: the span.
        ("2017-11-01", "2017-11-10", "range", "early", "1–10 Nov 2017"),
    ],
)
def test_a_part_of_a_month_is_named_so(
    start: str, end: str, precision: str, qualifier: str, text: str
) -> None:
    view = {"start": start, "end": end, "precision": precision, "qualifier": qualifier}
    assert date_text(view) == text
