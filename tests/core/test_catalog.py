"""The Catalog: look-ups by id and name, what lies inside what, counts, names of holders."""

from __future__ import annotations

from typing import Any

import pytest
from builders import (
    ACTORS,
    CAMPAIGNS,
    PLACES,
    actor,
    catalog,
    dataset,
    date,
    event,
    gazetteer,
    place,
)

from eastsyria.core.catalog import Catalog
from eastsyria.core.eventsource import InMemory, count_events
from eastsyria.errors import InputError


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


def test_the_catalog_reads_its_events_from_the_source_it_is_handed() -> None:
    # A store holds the events apart from the record: the catalog asks its source, never
    # the record's own list.
    record = dataset(events=[event("in-the-record", "2017-11-01")])
    source = InMemory([event("from-the-source", "2017-11-02")])  # type: ignore[list-item]
    cat = Catalog(record, source=source)  # type: ignore[arg-type]
    assert [e["id"] for e in cat.events] == ["from-the-source"]
    assert list(cat.events_by_id) == ["from-the-source"]


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
