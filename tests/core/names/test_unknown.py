"""A name that is not in the data: the one line that says so, with the nearest real answer.

Close spellings are offered ("did you mean"); failing that, what the data says about the very
word (an actor's kind, a side whose description names it); else the line says the name is
not in this dataset and how to list what is. Sides and types always list the valid ones.
"""

from __future__ import annotations

import pytest
from builders import actor, campaign, catalog, place, side

from eastsyria.core.catalog import Catalog
from eastsyria.errors import InputError

SIDES = [
    side(
        "government",
        "Syrian government and allies",
        "The Syrian state's forces together with Russia, Iran, Hezbollah and Palestinian"
        " militias fighting on its side.",
    ),
    side("isil", "Islamic State (ISIL)", "The jihadist group ISIL (IS, ISIS, Daesh)."),
    side("sdf", "Syrian Democratic Forces", "Operations east of the Euphrates and at Raqqa."),
]
ACTORS = [
    actor("pro-government-forces", "government", name="Pro-government forces", kind="coalition"),
    actor("irgc", "government", name="Islamic Revolutionary Guard Corps", aliases=["IRGC"]),
    actor("hezbollah", "government", name="Hezbollah", kind="militia"),
    actor("ndf", "government", name="National Defence Forces", kind="militia"),
    actor("liwa-al-quds", "government", name="Liwa al-Quds", kind="militia"),
    actor("fatah", "government", name="Fatah al-Intifada", kind="militia"),
    actor("isil", "isil", name="ISIL", kind="group"),
]
PLACES = [place("abu-kamal", name="Abu Kamal"), place("iraq", name="Iraq", kind="country")]
CAMPAIGNS = [campaign("abu-kamal-offensive", name="2017 Abu Kamal offensive")]


def data() -> Catalog:
    return catalog(sides=SIDES, actors=ACTORS, places=PLACES, campaigns=CAMPAIGNS)


def refusal(resolve: str, typed: str) -> str:
    with pytest.raises(InputError) as error:
        getattr(data(), resolve)(typed)
    return error.value.message


@pytest.mark.parametrize(
    ("resolve", "typed", "expected"),
    [
        (
            "resolve_place",
            "Raqqa",
            "no place 'Raqqa' in this dataset (2 places; list them with: eastsyria places)",
        ),
        (
            "resolve_campaign",
            "Aleppo offensive",
            "no campaign 'Aleppo offensive' in this dataset"
            " (1 campaign; list them with: eastsyria campaigns)",
        ),
        (
            "resolve_actor",
            "Damascus",
            "no actor 'Damascus' in this dataset (7 actors; list them with: eastsyria actors)",
        ),
    ],
)
def test_a_name_with_nothing_close_is_not_in_this_dataset(
    resolve: str, typed: str, expected: str
) -> None:
    assert refusal(resolve, typed) == expected


def test_an_actor_named_by_a_kind_lists_the_actors_of_that_kind() -> None:
    assert refusal("resolve_actor", "coalition") == (
        "no actor 'coalition' in this dataset (7 actors; list them with: eastsyria actors);"
        " actors of kind 'coalition': 'Pro-government forces'"
    )
    # Three are named; a plural finds the kind too.
    assert refusal("resolve_actor", "Militias") == (
        "no actor 'Militias' in this dataset (7 actors; list them with: eastsyria actors);"
        " actors of kind 'militia': 'Hezbollah', 'National Defence Forces', 'Liwa al-Quds'"
        " and 1 more"
    )


def test_three_actors_of_a_kind_are_all_named_with_nothing_more() -> None:
    three = [a for a in ACTORS if a["id"] != "fatah"]
    with pytest.raises(InputError) as error:
        catalog(sides=SIDES, actors=three).resolve_actor("militia")
    assert error.value.message == (
        "no actor 'militia' in this dataset (6 actors; list them with: eastsyria actors);"
        " actors of kind 'militia': 'Hezbollah', 'National Defence Forces', 'Liwa al-Quds'"
    )


def test_an_actor_that_a_side_mentions_points_to_that_side() -> None:
    # No actor is named Iran, and none is said to be Iranian: only the side's description
    # names it. Nothing is made up, "Islamic Revolutionary Guard Corps" included.
    assert refusal("resolve_actor", "Iran") == (
        "no actor 'Iran' in this dataset (7 actors; list them with: eastsyria actors);"
        " side 'government' (Syrian government and allies) mentions 'Iran':"
        " try --side government"
    )


def test_a_mention_is_of_whole_words() -> None:
    # "Ira" is inside "Iran" and "Iraq", but no description has the word.
    assert "mentions" not in refusal("resolve_actor", "Ira")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (
            "regime",
            "no side 'regime' in this dataset; choose from: government, isil, sdf",
        ),
        (
            "Iran",
            "no side 'Iran' in this dataset; side 'government' (Syrian government and allies)"
            " mentions 'Iran': try --side government; choose from: government, isil, sdf",
        ),
        (
            "Hezbollah",
            "no side 'Hezbollah' in this dataset; 'Hezbollah' is an actor (use --actor),"
            " of side 'government'; choose from: government, isil, sdf",
        ),
        (
            "goverment",
            "no side 'goverment'; did you mean 'government'? (choose from: government, isil, sdf)",
        ),
    ],
)
def test_an_unknown_side_lists_the_valid_sides(typed: str, expected: str) -> None:
    assert refusal("resolve_side", typed) == expected


def test_an_unknown_type_lists_the_valid_types() -> None:
    types = (
        "offensive, advance, crossing, encirclement, siege, assault, capture, counter-attack,"
        " repulse, withdrawal, clearance, airstrike, link-up, announcement, clash-period,"
        " casualty-report, relief, commander-killed"
    )
    assert refusal("resolve_type", "siege2") == (
        f"no event type 'siege2'; did you mean 'siege'? (choose from: {types})"
    )
    assert refusal("resolve_type", "battle") == f"no event type 'battle'; choose from: {types}"


def _shipped_refusal(resolve: str, typed: str) -> str:
    from eastsyria.data.load import load_record, shipped_data_path

    shipped = Catalog(load_record(shipped_data_path(), use_cache=False))
    with pytest.raises(InputError) as raised:
        getattr(shipped, resolve)(typed)
    return raised.value.message


def test_a_word_of_a_name_is_matched_as_written_not_folded() -> None:
    # Matched against folded spellings ("qasemsoleimani"), these found nothing.
    assert _shipped_refusal("resolve_actor", "Suleimani") == (
        "no actor 'Suleimani'; did you mean 'Qasem Soleimani'?"
    )
    assert _shipped_refusal("resolve_place", "zor gov") == (
        "no place 'zor gov'; did you mean 'Deir ez-Zor Governorate'?"
    )


def test_a_misspelt_whole_name_is_not_also_offered_names_with_a_word_like_it() -> None:
    # البوكمل is close to البوكمال (Abu Kamal) and to a word of ريف البوكمال (its countryside).
    assert _shipped_refusal("resolve_place", "البوكمل") == (
        "no place 'البوكمل'; did you mean 'Abu Kamal'?"
    )


def test_a_close_spelling_is_still_offered_by_name() -> None:
    assert refusal("resolve_actor", "Hezbolah") == "no actor 'Hezbolah'; did you mean 'Hezbollah'?"
    assert (
        refusal("resolve_place", "Abu Kamel") == "no place 'Abu Kamel'; did you mean 'Abu Kamal'?"
    )


# -- --lanes ---------------------------------------------------------------------------------


def test_lanes_are_one_of_four_and_a_misspelt_one_is_suggested() -> None:
    from eastsyria.core.lanes import LANES, check_lanes

    assert LANES == ("campaign", "place", "side", "actor")
    for lanes in LANES:
        assert check_lanes(lanes) == lanes
    with pytest.raises(InputError) as error:
        check_lanes("sides")
    assert error.value.message == (
        "--lanes 'sides': no such lanes; did you mean 'side'? (choose campaign, place, side, actor)"
    )
    with pytest.raises(InputError) as error:
        check_lanes("zzz")
    assert error.value.message == (
        "--lanes 'zzz': no such lanes (choose campaign, place, side, actor)"
    )
