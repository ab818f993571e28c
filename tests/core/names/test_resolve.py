"""Resolving what people type (a place, actor, campaign, side, type or event id) to the one
thing it names, and the one line that refuses a name the data does not hold."""

from __future__ import annotations

from typing import Any

import pytest
from builders import TYPES, actor, campaign, catalog, dataset, event, gazetteer, place

from eastsyria.core import catalog as catalog_module
from eastsyria.core.catalog import Catalog
from eastsyria.errors import InputError


def message(error: pytest.ExceptionInfo[InputError]) -> str:
    return error.value.message


@pytest.mark.parametrize(
    "typed",
    ["Abu Kamal", "abu-kamal", "ABU KAMAL", "Albu Kamal", "albu-kamal", "BUKAMAL", " Abú Kámal "],
)
def test_resolve_place_accepts_name_alias_or_id_in_any_case_accents_or_hyphens(
    typed: str,
) -> None:
    assert gazetteer().resolve_place(typed) == "abu-kamal"


def test_resolve_place_ignores_apostrophes() -> None:
    cat = gazetteer()
    assert cat.resolve_place("al qa’im") == "al-qaim"
    assert cat.resolve_place("Qaim") == "al-qaim"


@pytest.mark.parametrize(
    ("typed", "actor_id"),
    [
        ("Tiger Forces", "tiger-forces"),
        ("tiger-forces", "tiger-forces"),
        ("saa", "syrian-arab-army"),
        ("Syrian Arab Army", "syrian-arab-army"),
        ("daesh", "isil-fighters"),
    ],
)
def test_resolve_actor_accepts_name_alias_or_id(typed: str, actor_id: str) -> None:
    assert gazetteer().resolve_actor(typed) == actor_id


@pytest.mark.parametrize(
    ("typed", "campaign_id"),
    [
        ("Abu Kamal offensive", "abu-kamal-offensive"),
        ("abu-kamal-city", "abu-kamal-city"),
        ("2018 Aftermath", "aftermath"),
    ],
)
def test_resolve_campaign_accepts_name_alias_or_id(typed: str, campaign_id: str) -> None:
    assert gazetteer().resolve_campaign(typed) == campaign_id


@pytest.mark.parametrize(
    ("typed", "side_id"),
    [
        ("isil", "isil"),
        ("ISIL", "isil"),
        ("Islamic State", "isil"),
        ("syrian government", "government"),
    ],
)
def test_resolve_side_accepts_an_id_or_a_name(typed: str, side_id: str) -> None:
    assert gazetteer().resolve_side(typed) == side_id


@pytest.mark.parametrize(
    ("typed", "type_id"),
    [("capture", "capture"), ("Counter Attack", "counter-attack"), ("LINK_UP", "link-up")],
)
def test_resolve_type_accepts_event_types_however_written(typed: str, type_id: str) -> None:
    assert gazetteer().resolve_type(typed) == type_id


def test_a_spelling_two_places_share_stands_for_both_and_an_id_for_one() -> None:
    # Never the first one listed, silently: the one-place look-up refuses, naming both.
    cat = catalog(
        places=[
            place("old-town", name="Old Town", aliases=["Centre"]),
            place("centre", name="Centre"),
        ]
    )
    assert cat.places_named("Centre") == ["old-town", "centre"]
    assert cat.places_named("CENTRE ") == ["old-town", "centre"]
    with pytest.raises(InputError) as refused:
        cat.resolve_place("Centre", "--near")
    assert "--near 'Centre' fits 2 places: 'Old Town' (old-town) and 'Centre' (centre)" in str(
        refused.value
    )
    assert cat.resolve_place("centre") == "centre"  # exactly its id
    assert cat.resolve_place("old-town") == "old-town"


def test_resolving_again_gives_the_same_answer() -> None:
    cat = gazetteer()
    assert cat.resolve_place("Bukamal") == "abu-kamal"
    assert cat.resolve_place("Hamidiyah") == "hamidiyah"
    assert cat.resolve_actor("Daesh") == "isil-fighters"
    assert cat.resolve_actor("Hezbollah") == "hezbollah"


def test_each_name_index_is_built_once_however_many_names_are_resolved(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Resolving many --place or --actor values must not re-read every spelling each time.
    built: list[int] = []
    real = catalog_module._name_index

    def counting(items: Any) -> dict[str, str]:
        built.append(1)
        return real(items)

    monkeypatch.setattr(catalog_module, "_name_index", counting)
    cat = gazetteer()
    for typed in ("Bukamal", "Hamidiyah", "syria", "Raqqa"):
        cat.resolve_place(typed)
    keys = cat._place_keys
    for typed in ("Bukamal", "Hamidiyah", "syria", "Raqqa"):
        cat.places_named(typed)
    assert cat._place_keys is keys  # the places' own index, built once
    cat.resolve_actor("Daesh")
    # The four kinds' indexes are built together, once.
    assert len(built) == 4
    for typed in ("Daesh", "Hezbollah"):
        cat.resolve_actor(typed)
    for typed in ("isil", "government"):
        cat.resolve_side(typed)
    for typed in ("aftermath", "eastern-syria"):
        cat.resolve_campaign(typed)
    assert len(built) == 4


def test_place_actor_and_campaign_spellings_are_not_mixed_up() -> None:
    cat = catalog(
        places=[place("raqqa", name="Raqqa")],
        actors=[actor("raqqa-brigade", "isil", name="Raqqa Brigade", aliases=["Raqqa"])],
        campaigns=[campaign("raqqa-campaign", name="Raqqa campaign", aliases=["Raqqa"])],
    )
    assert cat.resolve_actor("Raqqa") == "raqqa-brigade"
    assert cat.resolve_place("Raqqa") == "raqqa"
    assert cat.resolve_campaign("Raqqa") == "raqqa-campaign"
    assert cat.resolve_actor("Raqqa") == "raqqa-brigade"


def test_an_unknown_place_suggests_the_closest_name() -> None:
    with pytest.raises(InputError) as error:
        gazetteer().resolve_place("Hamidiya")
    assert message(error) == "no place 'Hamidiya'; did you mean 'Hamidiyah'?"


def test_a_misspelt_alias_suggests_the_place_by_its_own_name() -> None:
    with pytest.raises(InputError) as error:
        gazetteer().resolve_place("Bukamel")
    assert message(error) == "no place 'Bukamel'; did you mean 'Abu Kamal'?"


def test_a_place_close_by_several_spellings_is_suggested_once_next_to_others() -> None:
    # Four spellings of Abu Kamal are closer than "Abu Hamal": it is still offered, second.
    cat = catalog(
        places=[
            place(
                "abu-kamal",
                name="Abu Kamal",
                aliases=["Albu Kamal", "Abou Kamal", "Abu Kamaal", "Abu Kemal"],
            ),
            place("abu-hamal", name="Abu Hamal"),
        ]
    )
    with pytest.raises(InputError) as error:
        cat.resolve_place("Abu Kamel")
    assert message(error) == "no place 'Abu Kamel'; did you mean 'Abu Kamal' or 'Abu Hamal'?"


def test_at_most_three_things_are_suggested() -> None:
    cat = catalog(places=[place(f"town-{c}", name=f"Town {c.upper()}") for c in "abcd"])
    with pytest.raises(InputError) as error:
        cat.resolve_place("Town E")
    text = message(error)
    assert text.startswith("no place 'Town E'; did you mean ")
    offered = [name for name in ("Town A", "Town B", "Town C", "Town D") if f"'{name}'" in text]
    assert len(offered) == 3


def test_an_unknown_name_with_nothing_close_says_it_is_not_in_the_dataset() -> None:
    with pytest.raises(InputError) as error:
        gazetteer().resolve_place("Palmyra")
    assert message(error) == (
        "no place 'Palmyra' in this dataset (7 places; list them with: eastsyria places)"
    )


@pytest.mark.parametrize(
    ("resolve", "typed", "expected"),
    [
        ("resolve_actor", "Tigre Forces", "no actor 'Tigre Forces'; did you mean 'Tiger Forces'?"),
        ("resolve_actor", "Dash", "no actor 'Dash'; did you mean 'ISIL fighters'?"),
        (
            "resolve_campaign",
            "Aftermat",
            "no campaign 'Aftermat'; did you mean 'Aftermath'?",
        ),
        # Sides are typed by id, so the id is suggested, with every choice.
        (
            "resolve_side",
            "isl",
            "no side 'isl'; did you mean 'isil'? (choose from: government, isil)",
        ),
        (
            "resolve_side",
            "Islamic Stat",
            "no side 'Islamic Stat'; did you mean 'isil'? (choose from: government, isil)",
        ),
        (
            "resolve_type",
            "captur",
            f"no event type 'captur'; did you mean 'capture'? (choose from: {TYPES})",
        ),
    ],
)
def test_unknown_names_of_every_kind_suggest_what_was_meant(
    resolve: str, typed: str, expected: str
) -> None:
    with pytest.raises(InputError) as error:
        getattr(gazetteer(), resolve)(typed)
    assert message(error) == expected


@pytest.mark.parametrize(
    ("resolve", "what"),
    [
        ("resolve_place", "place"),
        ("resolve_actor", "actor"),
        ("resolve_campaign", "campaign"),
        ("resolve_side", "side"),
        ("resolve_type", "event type"),
    ],
)
@pytest.mark.parametrize("typed", ["", "   "])
def test_an_empty_name_is_refused_as_empty(resolve: str, what: str, typed: str) -> None:
    with pytest.raises(InputError) as error:
        getattr(gazetteer(), resolve)(typed)
    assert message(error) == f"empty {what} name"


# -- events, by id, short code or the start of an id ------------------------------------------


def many_events(**extra: Any) -> Catalog:
    ids = ["raid-one", "raid-two", "raid-three", "clash", *(f"x-{n}" for n in range(1, 7))]
    return Catalog(dataset(events=[event(i, "2017-11-01") for i in ids]), **extra)  # type: ignore[arg-type]


def refused_event(cat: Any, typed: str) -> str:
    with pytest.raises(InputError) as error:
        cat.resolve_event(typed)
    return message(error)


def test_an_event_is_found_by_its_short_code_however_written() -> None:
    cat = many_events()
    for event_id, code in cat.short_ids.items():
        assert cat.resolve_event(code)["id"] == event_id
        assert cat.resolve_event(f" {code.upper()} ")["id"] == event_id


def test_an_event_is_found_by_the_start_of_its_id_where_only_one_starts_so() -> None:
    cat = many_events()
    assert cat.resolve_event("cla")["id"] == "clash"
    assert cat.resolve_event("raid-th")["id"] == "raid-three"
    assert refused_event(cat, "raid") == (
        "event id 'raid' is the start of 3 ids (raid-one, raid-three, raid-two); type more of it"
    )
    assert refused_event(cat, "x-") == (
        "event id 'x-' is the start of 6 ids (x-1, x-2, x-3, x-4, x-5, ...); type more of it"
    )
    # An id's start is matched as typed.
    assert refused_event(cat, "CLA").startswith("no event 'CLA'")


def test_a_whole_id_is_its_event_even_where_it_starts_other_ids() -> None:
    ids = ["raid", "raid-two", "y-1", "y-2", "y-3", "y-4", "y-5"]
    cat = Catalog(dataset(events=[event(i, "2017-11-01") for i in ids]))  # type: ignore[arg-type]
    assert cat.resolve_event("raid")["id"] == "raid"
    assert cat.resolve_event(" raid ")["id"] == "raid"
    # Five ids are all listed; only a sixth would be left to "...".
    assert refused_event(cat, "y-") == (
        "event id 'y-' is the start of 5 ids (y-1, y-2, y-3, y-4, y-5); type more of it"
    )
    # Nothing typed is no event, not the start of every id.
    assert refused_event(cat, "  ").startswith("no event '  '")


def test_an_event_another_article_tells_says_so_under_source() -> None:
    cat = many_events(untold={"gone-event": "article-b"})
    assert refused_event(cat, " Gone-Event ") == (
        "event 'Gone-Event' is not told by 'article-b': leave out --source to see it"
    )
    assert refused_event(many_events(), "gone-event") == "no event 'gone-event'"
