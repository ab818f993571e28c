"""Matching what people type against names, and the suggestions for a misspelt one (how many
an error offers when it does not say)."""

from __future__ import annotations

import pytest

from eastsyria.core.names import did_you_mean, fold, fold_words, suggest


@pytest.mark.parametrize(
    "typed",
    [
        "Al-Qa'im",
        "al qaim",
        "AL-QA’IM",
        "Al Qaʿim",
        "al_qa.im",
        "Al–Qa—im",
        "al\tqa`im",
        "Al-Qá'im",
    ],
)
def test_fold_ignores_case_accents_apostrophes_hyphens_and_spaces(typed: str) -> None:
    assert fold(typed) == "alqaim"


def test_fold_keeps_letters_and_digits_apart() -> None:
    assert fold("T-2") == "t2"
    assert fold("Deir ez-Zor") != fold("Deir ez-Zur")


def test_fold_words_keeps_word_boundaries_and_drops_marks() -> None:
    assert fold_words("Abu Kamal's  centre—retaken!") == "abu kamals centre retaken"
    assert fold_words("Qá’im") == "qaim"
    assert fold_words("  ") == ""


def test_suggest_finds_the_closest_names_best_first() -> None:
    names = ["Abu Kamal", "Al-Qa'im", "Mayadin", "Abu Hamam", "Abu Hamal"]
    # "Abu Hamal" is 0.75 from it, "Abu Hamam" only 0.63: below 0.7, not offered.
    assert suggest("Abu Kamel", names) == ["Abu Kamal", "Abu Hamal"]
    assert suggest("mayadeen", names) == ["Mayadin"]


def test_suggest_falls_back_to_a_prefix_or_a_part_of_the_name() -> None:
    names = ["Deir ez-Zor Governorate", "Mayadin"]
    # Too short for a close match, but the start of a name.
    assert suggest("deir", names) == ["Deir ez-Zor Governorate"]
    assert suggest("zor gov", names) == ["Deir ez-Zor Governorate"]
    assert suggest("", names) == []


def test_only_the_best_kind_of_match_is_offered_even_a_word_typed_exactly() -> None:
    # "Al" is too short to be a prefix. "Ali" is close to it as a whole name (0.8); "Al" is
    # a word of "Al Bukamal", exactly, but a word match is the weaker kind: not offered
    # beside a whole name, though alone it is.
    assert suggest("Al", ["Al Bukamal", "Ali"]) == ["Ali"]
    assert suggest("Al", ["Al Bukamal"]) == ["Al Bukamal"]


def test_a_long_name_is_compared_letter_by_letter_like_a_short_one() -> None:
    # difflib ignores the frequent letters of a text of 200 characters or more unless told
    # not to ("autojunk"): such a name would never be offered for a misspelling of it.
    name = "Qasr " + "abcdefghij" * 25
    assert suggest("Qasx " + "abcdefghij" * 25, ["Mayadin", name]) == [name]


def test_suggest_returns_at_most_limit_names_each_once() -> None:
    names = ["Town A", "Town B", "Town C", "town a"]
    found = suggest("Town", names, limit=2)
    assert len(found) == 2
    assert set(found) < {"Town A", "Town B", "Town C"}
    # "town a" folds like "Town A": offered once, under the first spelling; a name it
    # starts beats names merely spelt like it ("Town B"), which are not offered beside it.
    assert suggest("Town A", names) == ["Town A"]
    assert sorted(suggest("Town X", names)) == ["Town A", "Town B", "Town C"]


def test_did_you_mean_lists_one_two_or_three_names() -> None:
    assert did_you_mean([]) == ""
    assert did_you_mean(["Abu Kamal"]) == "; did you mean 'Abu Kamal'?"
    assert did_you_mean(["A", "B"]) == "; did you mean 'A' or 'B'?"
    assert did_you_mean(["A", "B", "C"]) == "; did you mean 'A', 'B' or 'C'?"


def test_fold_words_splits_at_every_character_that_is_not_a_letter_or_digit() -> None:
    # The definition --text relies on: a word is a run of characters for which
    # str.isalnum() holds, everything else separates words. Checked over all of Unicode.
    characters = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000]
    for start in range(0, len(characters), 64):
        text = "a" + "".join(characters[start : start + 64]) + " b_c\t\nd"
        lowered = fold_words(text)
        assert "  " not in lowered
        assert lowered == lowered.strip()
        for word in lowered.split(" "):
            assert word.isalnum(), (start, word)
    assert (
        fold_words("Deir ez-Zor's_siege  (2017)") == "deir ez zors siege 2017"
    )  # apostrophes join


TOWNS = ["Town A", "Town B", "Town C", "Town D", "Town E"]
GOVERNORATES = [
    "Deir ez-Zor Governorate North",
    "Deir ez-Zor Governorate South",
    "Deir ez-Zor Governorate East",
    "Deir ez-Zor Governorate West",
]


def test_an_error_offers_at_most_three_close_names_by_default() -> None:
    # Five names are equally close to "Town": only three are offered.
    found = suggest("Town", TOWNS)
    assert len(found) == 3
    assert set(found) < set(TOWNS)


def test_an_error_offers_at_most_three_names_that_start_with_the_value_by_default() -> None:
    # "deir" is too short to be close to any of them, but starts all four: the first three
    # in the order given are offered.
    assert suggest("deir", GOVERNORATES) == GOVERNORATES[:3]
    assert did_you_mean(suggest("deir", GOVERNORATES)) == (
        "; did you mean 'Deir ez-Zor Governorate North', 'Deir ez-Zor Governorate South'"
        " or 'Deir ez-Zor Governorate East'?"
    )


def test_a_larger_limit_offers_more_names() -> None:
    assert len(suggest("Town", TOWNS, limit=5)) == 5
    assert suggest("deir", GOVERNORATES, limit=4) == GOVERNORATES
