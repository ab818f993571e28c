"""The Catalog: look-ups by id and name, what lies inside what, counts, names of holders."""

from __future__ import annotations

from typing import Any

import pytest
from builders import actor, campaign, catalog, dataset, date, event, place

from eastsyria.core import catalog as catalog_module
from eastsyria.core.catalog import Catalog, count_events
from eastsyria.errors import InputError

# A small gazetteer: Syria > governorate > city > Hamidiyah, and Abu Kamal with two aliases.
PLACES = [
    place("syria", name="Syria", kind="country"),
    place("deir-ez-zor-governorate", name="Deir ez-Zor Governorate", parent="syria"),
    place("deir-ez-zor", name="Deir ez-Zor", parent="deir-ez-zor-governorate"),
    place("hamidiyah", name="Hamidiyah", parent="deir-ez-zor"),
    place(
        "abu-kamal",
        name="Abu Kamal",
        parent="deir-ez-zor-governorate",
        aliases=["Albu Kamal", "Bukamal"],
    ),
    place("raqqa", name="Raqqa", parent="syria"),
    place("al-qaim", name="Al-Qa'im", aliases=["Qaim"]),
]

# The army with a unit inside a unit; ISIL fighters on the other side.
ACTORS = [
    actor("syrian-arab-army", "government", name="Syrian Arab Army", aliases=["SAA"]),
    actor("tiger-forces", "government", name="Tiger Forces", parent="syrian-arab-army"),
    actor("tiger-brigade", "government", name="Tiger Brigade One", parent="tiger-forces"),
    actor("hezbollah", "government", name="Hezbollah"),
    actor("isil-fighters", "isil", name="ISIL fighters", aliases=["Daesh"]),
]

# Eastern Syria > Abu Kamal offensive > battle of the city; the aftermath stands alone.
CAMPAIGNS = [
    campaign("eastern-syria", name="Eastern Syria campaign"),
    campaign("abu-kamal-offensive", name="Abu Kamal offensive", parent="eastern-syria"),
    campaign("abu-kamal-city", name="Battle of Abu Kamal city", parent="abu-kamal-offensive"),
    campaign("aftermath", name="Aftermath", aliases=["2018 aftermath"]),
]


TYPES = (
    "offensive, advance, crossing, encirclement, siege, assault, capture, counter-attack,"
    " repulse, withdrawal, clearance, airstrike, link-up, announcement, clash-period,"
    " casualty-report, relief, commander-killed"
)


def gazetteer(**parts: Any) -> Catalog:
    parts.setdefault("places", PLACES)
    parts.setdefault("actors", ACTORS)
    parts.setdefault("campaigns", CAMPAIGNS)
    return catalog(**parts)


def message(error: pytest.ExceptionInfo[InputError]) -> str:
    return error.value.message


def test_the_catalog_keeps_its_record_and_finds_things_by_id() -> None:
    record = dataset(places=PLACES, actors=ACTORS, campaigns=CAMPAIGNS)
    cat = Catalog(record)  # type: ignore[arg-type]
    # The output layer reads the sources (article titles) from the record.
    assert cat.record is record
    assert cat.record["sources"][0]["title"] == "Article A"
    assert cat.places["hamidiyah"]["parent"] == "deir-ez-zor"
    assert cat.actors["tiger-forces"]["side"] == "government"
    assert cat.campaigns["aftermath"]["aliases"] == ["2018 aftermath"]
    assert cat.sides["isil"]["name"] == "Islamic State"


# -- count_events ------------------------------------------------------------------------


def test_count_events_counts_an_event_that_names_a_key_twice_once() -> None:
    events = [["a", "b", "a"], ["a"], ["b", "b"]]
    assert dict(count_events(events, lambda keys: keys)) == {"a": 2, "b": 2}


def test_count_events_keeps_first_seen_order_so_ties_are_stable() -> None:
    events = [["zeta", "alpha"], ["mid"], ["alpha", "zeta", "mid"]]
    counts = count_events(events, lambda keys: keys)
    assert list(counts) == ["zeta", "alpha", "mid"]
    assert counts.most_common() == [("zeta", 2), ("alpha", 2), ("mid", 2)]


def test_count_events_of_no_events_is_empty() -> None:
    assert not count_events([], lambda keys: keys)


def test_events_are_counted_by_place_and_by_actor_each_once_per_event() -> None:
    cat = gazetteer(
        events=[
            event(
                "first",
                "2017-11-01",
                places=["abu-kamal", "hamidiyah", "abu-kamal"],
                actors=[("tiger-forces", "attacker"), ("tiger-forces", "commander")],
            ),
            event(
                "second",
                "2017-11-02",
                places=["hamidiyah"],
                actors=[("isil-fighters", "defender"), ("tiger-forces", "attacker")],
            ),
        ]
    )
    assert dict(cat.event_counts_by_place) == {"abu-kamal": 1, "hamidiyah": 2}
    assert dict(cat.event_counts_by_actor) == {"tiger-forces": 2, "isil-fighters": 1}


def test_a_campaign_counts_the_events_of_the_campaigns_inside_it() -> None:
    cat = gazetteer(
        events=[
            event("outer", "2017-09-01", campaign="eastern-syria"),
            event("offensive", "2017-10-01", campaign="abu-kamal-offensive"),
            event("city-1", "2017-11-01", campaign="abu-kamal-city"),
            event("city-2", "2017-11-02", campaign="abu-kamal-city"),
        ]
    )
    assert dict(cat.event_counts_by_campaign) == {
        "eastern-syria": 4,
        "abu-kamal-offensive": 3,
        "abu-kamal-city": 2,
        "aftermath": 0,
    }


# -- event_sides ---------------------------------------------------------------------------


def test_event_sides_are_its_actors_sides_each_once_in_actor_order() -> None:
    cat = gazetteer()
    fight = event(
        "fight",
        "2017-11-01",
        actors=[
            ("isil-fighters", "defender"),
            ("tiger-forces", "attacker"),
            ("hezbollah", "supporter"),
            ("isil-fighters", "claimant"),
        ],
    )
    assert cat.event_sides(fight) == ["isil", "government"]  # type: ignore[arg-type]
    alone = event("alone", "2017-11-01", actors=[("hezbollah", "attacker")])
    assert cat.event_sides(alone) == ["government"]  # type: ignore[arg-type]
    assert cat.event_sides(event("nobody", "2017-11-01")) == []  # type: ignore[arg-type]


# -- what lies inside what -------------------------------------------------------------------


def test_places_within_holds_the_place_and_everything_inside_it_at_any_depth() -> None:
    cat = gazetteer()
    assert cat.places_within("syria") == {
        "syria",
        "deir-ez-zor-governorate",
        "deir-ez-zor",
        "hamidiyah",
        "abu-kamal",
        "raqqa",
    }
    assert cat.places_within("deir-ez-zor-governorate") == {
        "deir-ez-zor-governorate",
        "deir-ez-zor",
        "hamidiyah",
        "abu-kamal",
    }
    assert cat.places_within("deir-ez-zor") == {"deir-ez-zor", "hamidiyah"}


def test_a_place_with_nothing_inside_it_is_within_only_itself() -> None:
    cat = gazetteer()
    assert cat.places_within("hamidiyah") == {"hamidiyah"}
    # A place at the top of its own tree does not pull in the other trees.
    assert cat.places_within("al-qaim") == {"al-qaim"}


def around() -> Catalog:
    """Abu Kamal with a quarter inside it; its countryside around it, with Hiri inside the
    countryside and Hiri's outskirts around Hiri; Mayadin elsewhere with its own countryside."""
    return catalog(
        places=[
            place("governorate", name="Governorate"),
            place("abu-kamal", name="Abu Kamal", parent="governorate"),
            place("old-quarter", name="Old quarter", parent="abu-kamal"),
            place("countryside", name="Abu Kamal countryside", surrounds="abu-kamal"),
            place("hiri", name="Hiri", parent="countryside"),
            place("hiri-farms", name="Hiri farms", parent="hiri"),
            place("hiri-outskirts", name="Hiri outskirts", surrounds="hiri"),
            place("mayadin", name="Mayadin", parent="governorate"),
            place("mayadin-countryside", name="Mayadin countryside", surrounds="mayadin"),
        ]
    )


def test_places_around_adds_the_surroundings_and_everything_inside_them() -> None:
    # Hiri lies in the countryside around Abu Kamal, not inside the city: asking about Abu
    # Kamal takes it in, with the farms inside Hiri and the outskirts around Hiri.
    assert around().places_around("abu-kamal") == {
        "abu-kamal",
        "old-quarter",
        "countryside",
        "hiri",
        "hiri-farms",
        "hiri-outskirts",
    }


def test_places_around_takes_in_what_surrounds_anything_inside_the_place() -> None:
    # The governorate holds Abu Kamal and Mayadin; their countrysides lie around them.
    assert around().places_around("governorate") == {
        "governorate",
        "abu-kamal",
        "old-quarter",
        "countryside",
        "hiri",
        "hiri-farms",
        "hiri-outskirts",
        "mayadin",
        "mayadin-countryside",
    }


def test_places_around_does_not_reach_up_or_sideways() -> None:
    cat = around()
    # A countryside does not take in the town it surrounds, nor a quarter its town.
    assert cat.places_around("countryside") == {
        "countryside",
        "hiri",
        "hiri-farms",
        "hiri-outskirts",
    }
    assert cat.places_around("old-quarter") == {"old-quarter"}
    assert cat.places_around("mayadin") == {"mayadin", "mayadin-countryside"}
    # places_within keeps to what lies inside.
    assert cat.places_within("abu-kamal") == {"abu-kamal", "old-quarter"}


def test_actors_within_holds_the_actor_and_its_units_at_any_depth() -> None:
    cat = gazetteer()
    assert cat.actors_within("syrian-arab-army") == {
        "syrian-arab-army",
        "tiger-forces",
        "tiger-brigade",
    }
    assert cat.actors_within("tiger-forces") == {"tiger-forces", "tiger-brigade"}
    assert cat.actors_within("isil-fighters") == {"isil-fighters"}


def test_campaigns_within_holds_the_campaign_and_those_inside_it_at_any_depth() -> None:
    cat = gazetteer()
    assert cat.campaigns_within("eastern-syria") == {
        "eastern-syria",
        "abu-kamal-offensive",
        "abu-kamal-city",
    }
    assert cat.campaigns_within("abu-kamal-offensive") == {"abu-kamal-offensive", "abu-kamal-city"}
    assert cat.campaigns_within("aftermath") == {"aftermath"}


def test_what_lies_inside_stops_at_a_cycle_of_parents() -> None:
    # Validation refuses such a file; the look-up must still end.
    cat = catalog(places=[place("a", parent="b"), place("b", parent="a"), place("c", parent="b")])
    assert cat.places_within("a") == {"a", "b", "c"}


def test_place_path_runs_from_the_place_up_to_the_top() -> None:
    cat = gazetteer()
    assert cat.place_path("hamidiyah") == [
        "Hamidiyah",
        "Deir ez-Zor",
        "Deir ez-Zor Governorate",
        "Syria",
    ]
    assert cat.place_path("syria") == ["Syria"]


def test_place_path_of_an_unknown_place_is_empty_and_stops_at_an_unknown_parent() -> None:
    cat = catalog(places=[place("town", name="Town", parent="missing")])
    assert cat.place_path("nowhere") == []
    assert cat.place_path("town") == ["Town"]


def test_place_path_gives_up_after_32_names_on_a_cycle_of_parents() -> None:
    cat = catalog(places=[place("a", name="A", parent="b"), place("b", name="B", parent="a")])
    assert cat.place_path("a") == ["A", "B"] * 16


# -- names of holders and parties ------------------------------------------------------------


def test_holder_name_is_the_side_or_actor_name_else_the_holder_as_given() -> None:
    cat = gazetteer()
    assert cat.holder_name("isil") == "Islamic State"
    assert cat.holder_name("tiger-forces") == "Tiger Forces"
    assert cat.holder_name("unknown") == "unknown"


def test_holder_name_prefers_the_side_when_an_actor_has_the_same_id() -> None:
    cat = catalog(actors=[actor("isil", "isil", name="ISIL the actor")])
    assert cat.holder_name("isil") == "Islamic State"


def test_holder_side_is_an_actors_side_or_the_holder_itself() -> None:
    cat = gazetteer()
    assert cat.holder_side("tiger-forces") == "government"
    assert cat.holder_side("isil") == "isil"
    assert cat.holder_side("civilians") == "civilians"


@pytest.mark.parametrize(
    ("party", "name"),
    [
        ("civilians", "civilians"),
        ("all-fighters", "fighters on all sides"),
        ("government", "Syrian government"),
        ("isil-fighters", "ISIL fighters"),
        ("someone", "someone"),
    ],
)
def test_party_name_covers_special_parties_sides_and_actors(party: str, name: str) -> None:
    assert gazetteer().party_name(party) == name


# -- resolving what people type ------------------------------------------------------------


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


# -- events and disputes ---------------------------------------------------------------------


def two_events() -> Catalog:
    return gazetteer(
        events=[
            event("abu-kamal-second-capture", "2017-11-19"),
            event("abu-kamal-first-capture", "2017-11-09"),
        ]
    )


def test_events_are_kept_in_chronological_order_and_found_by_id() -> None:
    cat = two_events()
    assert [e["id"] for e in cat.events] == ["abu-kamal-first-capture", "abu-kamal-second-capture"]
    assert list(cat.events_by_id) == ["abu-kamal-first-capture", "abu-kamal-second-capture"]
    assert cat.events_by_id["abu-kamal-second-capture"]["date"] == date("2017-11-19")


def test_resolve_event_finds_an_id_with_spaces_around_it() -> None:
    found = two_events().resolve_event("  abu-kamal-first-capture ")
    assert found["id"] == "abu-kamal-first-capture"


def test_an_unknown_event_id_suggests_the_closest_ids() -> None:
    with pytest.raises(InputError) as error:
        two_events().resolve_event("abu-kamal-frist-capture")
    assert message(error) == (
        "no event 'abu-kamal-frist-capture'; did you mean "
        "'abu-kamal-first-capture' or 'abu-kamal-second-capture'?"
    )
    with pytest.raises(InputError) as error:
        two_events().resolve_event("raqqa")
    assert message(error) == "no event 'raqqa'"


def claim(event_id: str | None) -> dict[str, Any]:
    return {
        "statement": "a claim",
        "source": {"article": "article-a", "section": "battle"},
        "claimant": None,
        "event": event_id,
    }


def dispute(dispute_id: str, *events: str | None) -> dict[str, Any]:
    return {
        "id": dispute_id,
        "topic": dispute_id,
        "summary": "",
        "claims": [claim(e) for e in events],
    }


def test_disputes_by_event_lists_each_dispute_once_under_every_event_it_concerns() -> None:
    cat = gazetteer(
        disputes=[
            dispute("who-took-it", "first", "first", None, "second"),
            dispute("how-many-died", "second"),
            dispute("general", None),
        ]
    )
    by_event = cat.disputes_by_event
    assert {key: [d["id"] for d in found] for key, found in by_event.items()} == {
        "first": ["who-took-it"],
        "second": ["who-took-it", "how-many-died"],
    }
    assert by_event.get("third") is None


def test_no_disputes_means_none_by_event() -> None:
    assert gazetteer().disputes_by_event == {}
