"""Places that share a name: how each is shown (`core.placenames`) and what a name picks."""

from __future__ import annotations

import pytest
from builders import catalog, place

from eastsyria.core.placenames import kind_word, place_labels
from eastsyria.errors import InputError


def test_a_name_no_other_place_has_is_shown_as_it_is() -> None:
    assert place_labels([place("hajin", name="Hajin"), place("mayadin", name="Mayadin")]) == {
        "hajin": "Hajin",
        "mayadin": "Mayadin",
    }


def test_places_of_one_name_are_shown_with_their_kind() -> None:
    labels = place_labels(
        [
            place("abu-kamal", name="Abu Kamal", kind="location", country="Syria"),
            place("abu-kamal-admin2", name="Abu Kamal", kind="admin2", country="Syria"),
            # Names match as typed names do: case, hyphens and spaces aside.
            place("deir", name="Deir ez-Zor", kind="city", country="Syria"),
            place("deir-admin1", name="DEIR EZ ZOR", kind="admin1", country="Syria"),
            place("border", name="Border crossing", kind="border-crossing", country="Iraq"),
            place("border-2", name="Border crossing", kind="admin1", country="Turkey"),
        ]
    )
    assert labels == {
        "abu-kamal": "Abu Kamal (location)",
        "abu-kamal-admin2": "Abu Kamal (district)",
        "deir": "Deir ez-Zor (city)",
        "deir-admin1": "DEIR EZ ZOR (governorate)",
        # Outside Syria and Iraq an admin level keeps its code.
        "border": "Border crossing (border crossing)",
        "border-2": "Border crossing (admin1)",
    }


def test_two_of_one_kind_add_what_they_lie_in_and_else_their_id() -> None:
    labels = place_labels(
        [
            place("mayadin", name="Mayadin", kind="city"),
            place("abu-kamal", name="Abu Kamal", kind="city"),
            place("ham-1", name="Hamidiyah", kind="town", parent="mayadin"),
            place("ham-2", name="Hamidiyah", kind="town", parent="abu-kamal"),
            place("ham-3", name="Hamidiyah", kind="village", parent="abu-kamal"),
            place("x-1", name="Tal", kind="village", parent="mayadin"),
            place("x-2", name="Tal", kind="village", parent="mayadin"),
        ]
    )
    assert [labels[p] for p in ("ham-1", "ham-2", "ham-3", "x-1", "x-2")] == [
        "Hamidiyah (town in Mayadin)",
        "Hamidiyah (town in Abu Kamal)",
        "Hamidiyah (village)",
        "Tal (x-1)",
        "Tal (x-2)",
    ]


def test_kind_words() -> None:
    assert kind_word("admin2", "Iraq") == "district"
    assert kind_word("admin1", "Syria") == "governorate"
    assert kind_word("gas-field", "Syria") == "gas field"


def test_a_shared_name_stands_for_every_place_a_shown_name_or_an_id_for_one() -> None:
    cat = catalog(
        places=[
            place("abu-kamal-admin2", name="Abu Kamal", kind="admin2", country="Syria"),
            place("abu-kamal", name="Abu Kamal", kind="location", parent="abu-kamal-admin2"),
        ]
    )
    assert cat.places_named("Abu Kamal") == ["abu-kamal-admin2", "abu-kamal"]
    assert cat.places_named("abukamal") == ["abu-kamal-admin2", "abu-kamal"]
    assert cat.places_named("Abu Kamal (district)") == ["abu-kamal-admin2"]
    assert cat.places_named(" abu kamal (LOCATION) ") == ["abu-kamal"]
    assert cat.places_named("abu-kamal") == ["abu-kamal"]  # exactly its id
    assert cat.place_path("abu-kamal") == ["Abu Kamal (location)", "Abu Kamal (district)"]
    with pytest.raises(InputError) as refused:
        cat.resolve_place("Abu Kamal", "--near")
    assert refused.value.message == (
        "--near 'Abu Kamal' fits 2 places: 'Abu Kamal (district)' (abu-kamal-admin2) and "
        "'Abu Kamal (location)' (abu-kamal); it takes one: give the name as shown or the id"
    )
    with pytest.raises(InputError) as unknown:
        cat.places_named("Abu Kamel")
    assert "did you mean 'Abu Kamal'?" in unknown.value.message


def test_a_name_fitting_several_places_is_answered_for_all_and_says_so() -> None:
    from eastsyria.core.placenames import ambiguity_note, ambiguity_refusal

    labels = {"abu-kamal": "Abu Kamal (city)", "abu-kamal-admin2": "Abu Kamal (district)"}
    assert ambiguity_note("--place", "Abu Kamal", ["abu-kamal", "abu-kamal-admin2"], labels) == (
        "--place 'Abu Kamal' fits 2 places, so the answer is for both: 'Abu Kamal (city)'"
        " (abu-kamal) and 'Abu Kamal (district)' (abu-kamal-admin2); to pick one, give the"
        " name as shown or the id"
    )
    three = ["a", "b", "c"]
    assert ambiguity_note("--near", "X", three, {}) == (
        "--near 'X' fits 3 places, so the answer is for all 3: 'a' (a), 'b' (b) and 'c' (c);"
        " to pick one, give the name as shown or the id"
    )
    assert ambiguity_refusal("--near", "X", three, {"a": "A"}) == (
        "--near 'X' fits 3 places: 'A' (a), 'b' (b) and 'c' (c); it takes one: give the name"
        " as shown or the id"
    )


def test_a_place_named_like_another_places_label_makes_that_one_show_its_id() -> None:
    labels = place_labels(
        [
            place("abu-kamal", name="Abu Kamal", kind="location", country="Syria"),
            place("abu-kamal-admin2", name="Abu Kamal", kind="admin2", country="Syria"),
            place("odd", name="Abu Kamal (district)", kind="town", country="Syria"),
        ]
    )
    assert labels == {
        "abu-kamal": "Abu Kamal (location)",
        # "Abu Kamal (district)" would name two places: the district shows its id instead.
        "abu-kamal-admin2": "Abu Kamal (abu-kamal-admin2)",
        "odd": "Abu Kamal (district)",
    }


def test_a_field_missing_from_a_place_not_yet_validated_counts_as_blank() -> None:
    # Completion reads a file before it is validated: no id is the blank id, no name shows
    # the id, and no kind is shown as "place".
    assert place_labels([{"name": "Hajin"}]) == {"": "Hajin"}
    assert place_labels([{"id": "hajin"}]) == {"hajin": "hajin"}
    assert place_labels(
        [{"id": "tal-1", "name": "Tal"}, {"id": "tal-2", "name": "Tal", "kind": "village"}]
    ) == {"tal-1": "Tal (place)", "tal-2": "Tal (village)"}


def test_a_kind_without_a_country_keeps_its_code() -> None:
    assert kind_word("admin2") == "admin2"
    assert kind_word("oil-field") == "oil field"


def test_a_list_of_places_names_one_alone_joins_up_to_five_and_counts_the_rest() -> None:
    from eastsyria.core.placenames import listed

    labels = {"a": "A (town)"}
    assert listed(["a"], labels) == "'A (town)' (a)"
    assert listed(["a", "b"], labels) == "'A (town)' (a) and 'b' (b)"
    assert listed(list("abcde"), labels) == "'A (town)' (a), 'b' (b), 'c' (c), 'd' (d) and 'e' (e)"
    assert listed(list("abcdef"), labels) == (
        "'A (town)' (a), 'b' (b), 'c' (c), 'd' (d), 'e' (e) and 1 more"
        " (eastsyria places lists them)"
    )
    assert listed(list("abcdefgh"), labels, limit=2) == (
        "'A (town)' (a), 'b' (b) and 6 more (eastsyria places lists them)"
    )
