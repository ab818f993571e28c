"""More on suggestions: how many names an error offers when it does not say."""

from __future__ import annotations

from eastsyria.core.names import did_you_mean, suggest

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
