"""What TAB offers for a typed prefix: always what was typed, continued; never shorter."""

from __future__ import annotations

import pytest

from eastsyria.core.names import completions, continued, fold

ABU_KAMAL = ["Abu Kamal", "Albu Kamal", "Abukamal", "Al-Bukamal"]
COUNTRYSIDE = ["Abu Kamal countryside"]
MAYADIN = ["Mayadin", "Mayadeen", "Al-Mayadin"]


@pytest.mark.parametrize(
    ("typed", "label", "match", "expected"),
    [
        ("Abu", "Abu Kamal", "exact", "Abu Kamal"),
        ("abu", "Abu Kamal", "exact", None),
        ("abu k", "Abu Kamal", "case", "abu kamal"),
        ("ABU K", "Abu Kamal", "case", "ABU Kamal"),
        ("abuk", "Abu Kamal", "case", None),
        ("abuk", "Abu Kamal", "fold", "abukamal"),
        # Where the typed text stops, the rest of the name starts, with its own spaces...
        ("deir", "Deir ez-Zor", "fold", "deir ez-Zor"),
        ("deirez", "Deir ez-Zor", "fold", "deirez-Zor"),
        # ...unless the typed text ends in a mark fold ignores: then the name's marks go too.
        ("deir-", "Deir ez-Zor", "fold", "deir-ez-Zor"),
        ("al qa", "Al-Qa'im", "fold", "al qa'im"),
        ("qa", "Qá'im", "fold", "qa'im"),
        ("x", "Abu Kamal", "fold", None),
        ("-", "Abu Kamal", "fold", None),
        ("", "Abu Kamal", "fold", "Abu Kamal"),
        # casefold may change the length: "ß" is "ss".
        ("STRASS", "Straße", "case", "STRASSe"),
    ],
)
def test_continued_keeps_what_was_typed_and_adds_the_rest(
    typed: str, label: str, match: str, expected: str | None
) -> None:
    found = continued(typed, label, match)
    assert found == expected
    if found is not None:
        assert found.startswith(typed)
        assert fold(found) == fold(label)


def test_an_item_offers_its_name_when_it_fits_not_also_its_aliases() -> None:
    found = completions("Abu", [ABU_KAMAL, COUNTRYSIDE])
    assert found == [(0, 0, "Abu Kamal"), (1, 0, "Abu Kamal countryside")]
    # "Abu K" folds like "Abukamal" too, and the name still wins.
    assert [text for *_, text in completions("Abu K", [ABU_KAMAL])] == ["Abu Kamal"]


def test_an_alias_is_offered_when_it_fits_and_the_name_does_not() -> None:
    assert completions("Albu", [ABU_KAMAL, COUNTRYSIDE]) == [(0, 1, "Albu Kamal")]
    assert completions("Abuk", [ABU_KAMAL]) == [(0, 2, "Abukamal")]
    assert completions("Al-", [ABU_KAMAL, MAYADIN]) == [(0, 3, "Al-Bukamal"), (1, 2, "Al-Mayadin")]


def test_the_strictest_match_that_finds_anything_wins() -> None:
    # "Al" as typed starts two aliases: the names that only fold like it are not added.
    assert [text for *_, text in completions("Al", [ABU_KAMAL, ["al-Husayniyah"]])] == [
        "Albu Kamal",
        "Al-Bukamal",
    ]
    # Nothing starts with "mayad" as typed: the names are continued whatever the case.
    assert completions("mayad", [MAYADIN, ["Mayadin pocket"]]) == [
        (0, 0, "mayadin"),
        (1, 0, "mayadin pocket"),
    ]
    assert completions("mayad", [MAYADIN], loosest="exact") == []


def test_nothing_typed_offers_every_name_and_no_alias() -> None:
    assert [text for *_, text in completions("", [ABU_KAMAL, MAYADIN])] == ["Abu Kamal", "Mayadin"]


def test_empty_spellings_are_never_offered() -> None:
    assert completions("", [["", ""], []]) == []


def test_with_two_own_spellings_the_first_that_fits_is_offered_alone() -> None:
    # A campaign: its id, its name, an alias.
    campaign = ["eastern-syria-campaign", "Eastern Syria campaign", "Eastern Syria campaign (2017)"]
    assert completions("east", [campaign], own=2) == [(0, 0, "eastern-syria-campaign")]
    assert completions("East", [campaign], own=2) == [(0, 1, "Eastern Syria campaign")]
    assert completions("East", [campaign]) == [
        (0, 1, "Eastern Syria campaign"),
        (0, 2, "Eastern Syria campaign (2017)"),
    ]
