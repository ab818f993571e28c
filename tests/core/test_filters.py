"""The filters as typed (`Filters`): each option by its name, the others their default."""

from __future__ import annotations

import pytest

from eastsyria.core.filters import OPTIONS, Filters


def test_an_option_not_given_is_its_default_and_a_repeated_one_a_tuple() -> None:
    typed = Filters(places=["Mayadin", "Hajin"], limit=5)
    assert typed.places == ("Mayadin", "Hajin")
    assert typed.limit == 5
    assert typed.actors == ()
    assert typed.within is False
    assert typed.sort == "date"
    assert typed.near is None


def test_an_unknown_option_is_refused_by_its_name() -> None:
    with pytest.raises(TypeError, match="no filter option 'colour'"):
        Filters(colour="red")
    with pytest.raises(AttributeError, match="colour"):
        Filters().colour  # noqa: B018


def test_filters_typed_alike_are_equal_and_hash_alike() -> None:
    assert Filters(places=("Hajin",)) == Filters(places=["Hajin"])
    assert hash(Filters(places=("Hajin",))) == hash(Filters(places=["Hajin"]))
    assert Filters(places=("Hajin",)) != Filters(places=("Mayadin",))
    assert Filters() != {name: option.default for name, option in OPTIONS.items()}
    assert len({Filters(), Filters(limit=None), Filters(limit=3)}) == 2


def test_the_repr_names_what_was_given_and_leaves_out_the_default_values() -> None:
    shown = repr(Filters(limit=5, sort="distance"))
    assert shown.startswith("Filters(")
    assert shown.endswith(")")
    assert "limit=5, sort='distance'" in shown
    # --within, --reverse and --near were not given: their defaults are not named.
    assert "within" not in shown
    assert "reverse" not in shown
    assert "near" not in shown
