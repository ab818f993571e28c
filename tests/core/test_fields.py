"""`--fields`: which fields of a contract object to keep, checked against its field list."""

from __future__ import annotations

import pytest

from eastsyria.contract.fields import check_fields, pick
from eastsyria.errors import InputError

KNOWN = ("id", "start", "end", "title", "places")


def test_no_fields_asked_means_every_field_in_contract_order() -> None:
    assert check_fields(None, KNOWN) == KNOWN


def test_fields_come_in_the_order_asked_not_the_contract_order() -> None:
    assert check_fields("title,id", KNOWN) == ("title", "id")


def test_one_field_is_a_one_field_tuple() -> None:
    assert check_fields("places", KNOWN) == ("places",)


def test_spaces_around_names_are_ignored() -> None:
    assert check_fields(" start , end ", KNOWN) == ("start", "end")


def test_a_field_named_twice_is_kept_once_where_first_named() -> None:
    assert check_fields("title,id,title, id", KNOWN) == ("title", "id")


def test_blank_names_between_commas_are_ignored() -> None:
    assert check_fields(",id,, ,title,", KNOWN) == ("id", "title")


@pytest.mark.parametrize("requested", ["", " ", ",", " , ,"])
def test_naming_no_field_at_all_is_an_error_listing_the_known_fields(requested: str) -> None:
    with pytest.raises(InputError) as raised:
        check_fields(requested, KNOWN)
    assert raised.value.message == (
        f"--fields {requested!r} names no field; known: id, start, end, title, places"
    )


def test_an_unknown_field_is_an_error_with_a_suggestion_and_the_known_fields() -> None:
    with pytest.raises(InputError) as raised:
        check_fields("id,titel", KNOWN)
    assert raised.value.message == (
        "no field 'titel'; did you mean 'title'? (known: id, start, end, title, places)"
    )


def test_an_unknown_field_like_no_known_one_gets_no_suggestion() -> None:
    with pytest.raises(InputError) as raised:
        check_fields("casualties", KNOWN)
    assert raised.value.message == "no field 'casualties' (known: id, start, end, title, places)"


def test_the_first_unknown_field_is_the_one_reported() -> None:
    with pytest.raises(InputError, match="no field 'xyz'"):
        check_fields("id,xyz,qqq", KNOWN)


def test_field_names_are_matched_exactly_not_folded() -> None:
    # The output keys are the contract's names; "Title" would be a different key.
    with pytest.raises(InputError) as raised:
        check_fields("Title", KNOWN)
    assert raised.value.message.startswith("no field 'Title'; did you mean 'title'?")


def test_pick_keeps_only_the_fields_asked_in_their_order() -> None:
    view = {"id": "e1", "start": "2017-11-19", "title": "Taken", "places": []}
    picked = pick(view, ("title", "id"))
    assert picked == {"title": "Taken", "id": "e1"}
    assert list(picked) == ["title", "id"]


def test_pick_with_no_fields_is_an_empty_object() -> None:
    assert pick({"id": "e1"}, ()) == {}
