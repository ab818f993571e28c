"""An event as the documented JSON object (README, "JSON contract"), and `show`'s detail."""

from __future__ import annotations

from typing import Any

import pytest
from builders import actor, campaign, casualty, change, dataset, date, event, place
from documented import CASUALTY_KEYS, EVENT_CONTRACT, SOURCE_KEYS

from eastsyria.contract.events import (
    EVENT_BRIEF_FIELDS,
    EVENT_FIELDS,
    casualty_view,
    dispute_view,
    event_detail,
    event_view,
    located_view,
    offset_view,
    source_view,
)
from eastsyria.contract.fields import pick
from eastsyria.contract.texts import cell_text
from eastsyria.core.catalog import Catalog
from eastsyria.core.geo import Offset, offset

# Two articles whose sections share an id: a section is looked up in its own article. The
# first has a URL (the issue's), the second none, as a data file of schema 1 may leave it.
OFFENSIVE_URL = "https://en.wikipedia.org/wiki/2017_Abu_Kamal_offensive"
SOURCES = [
    {
        "id": "offensive",
        "title": "2017 Abu Kamal offensive",
        "container": "Wikipedia",
        "publisher": "Wikipedia",
        "url": OFFENSIVE_URL,
        "sections": [
            {"id": "infobox", "title": "Infobox", "path": ["Infobox"], "anchor": None},
            {
                "id": "first-attack",
                "title": "First attack on the city",
                "path": ["First"],
                "anchor": "First_attack_on_the_city",
            },
        ],
    },
    {
        "id": "campaign",
        "title": "Eastern Syria campaign",
        "container": None,
        "publisher": "Wikipedia",
        "url": None,
        "sections": [
            {
                "id": "first-attack",
                "title": "Abu Kamal offensive",
                "path": ["Abu Kamal"],
                "anchor": None,
            },
        ],
    },
]
FIRST_ATTACK_URL = f"{OFFENSIVE_URL}#First_attack_on_the_city"
FIRST_ATTACK = {"article": "offensive", "section": "first-attack"}
CAMPAIGN_ARTICLE = {"article": "campaign", "section": "first-attack"}

PLACES = [
    place("syria", name="Syria", kind="country"),
    place("governorate", parent="syria", name="Deir ez-Zor Governorate", kind="governorate"),
    place(
        "abu-kamal",
        parent="governorate",
        name="Abu Kamal",
        aliases=["Albu Kamal", "Bukamal"],
        kind="city",
        lat=34.45,
        lon=40.92,
    ),
    place("hiri", parent="abu-kamal", name="Hiri", kind="village", lat=34.4, lon=41.0),
]
ACTORS = [
    actor("saa", "government", name="Syrian Arab Army"),
    actor("tiger-forces", "government", parent="saa", name="Tiger Forces"),
    actor("isil-fighters", "isil", name="ISIL fighters"),
    actor("sohr", "monitor", name="Syrian Observatory for Human Rights"),
]
SIDES = [
    {"id": "government", "name": "Syrian government and allies", "description": ""},
    {"id": "isil", "name": "Islamic State (ISIL)", "description": ""},
    {"id": "monitor", "name": "Monitors", "description": ""},
]
CAMPAIGNS = [campaign("abu-kamal-offensive", name="2017 Abu Kamal offensive")]


def claim(
    statement: str, source: dict[str, str], claimant: str | None, event_id: str | None
) -> dict[str, Any]:
    return {"statement": statement, "source": source, "claimant": claimant, "event": event_id}


TOLL = {
    "id": "death-toll",
    "topic": "How many died",
    "summary": "The two articles give different tolls.",
    "claims": [
        claim("At least 601 killed.", FIRST_ATTACK, "sohr", "first-capture"),
        claim("Hundreds killed.", CAMPAIGN_ARTICLE, None, "first-capture"),
    ],
}
DATE_OF_FALL = {
    "id": "date-of-fall",
    "topic": "When Abu Kamal fell",
    "summary": "8 or 9 November.",
    "claims": [claim("On 9 November.", FIRST_ATTACK, "isil-fighters", "first-capture")],
}

FIRST_CAPTURE = event(
    "first-capture",
    date("2017-11-08", "2017-11-09", qualifier="between", text="8 or 9 November 2017"),
    places=["abu-kamal", "hiri"],
    actors=[("tiger-forces", "attacker"), ("isil-fighters", "defender")],
    campaign="abu-kamal-offensive",
    title="Syrian Army takes Abu Kamal",
    summary="The army enters the city.",
    type="capture",
    control=[
        change("abu-kamal", "isil", "government"),
        {**change("hiri", "isil", "tiger-forces"), "extent": "partial", "note": "the north"},
    ],
    casualties=[casualty("isil", 601, qualifier="at-least", claimed_by="sohr")],
    sources=[FIRST_ATTACK, CAMPAIGN_ARTICLE],
)
QUIET_DAY = event(
    "quiet-day",
    "2017-11-12",
    places=["syria"],
    campaign="no-such-campaign",
    title="Nothing much",
    summary="A quiet day.",
    type="announcement",
)


@pytest.fixture
def catalog() -> Catalog:
    record = dataset(
        events=[FIRST_CAPTURE, QUIET_DAY],
        places=PLACES,
        actors=ACTORS,
        campaigns=CAMPAIGNS,
        disputes=[TOLL, DATE_OF_FALL],
        sides=SIDES,
    )
    record["sources"] = SOURCES
    return Catalog(record)  # type: ignore[arg-type]


# -- source_view --------------------------------------------------------------------------


def test_a_source_names_its_article_and_its_section() -> None:
    record = dataset()
    record["sources"] = SOURCES
    view = source_view(Catalog(record), FIRST_ATTACK)
    assert view == {
        "article": "offensive",
        "section": "first-attack",
        "article_title": "2017 Abu Kamal offensive",
        "section_title": "First attack on the city",
        "url": "https://en.wikipedia.org/wiki/2017_Abu_Kamal_offensive#First_attack_on_the_city",
        "article_url": "https://en.wikipedia.org/wiki/2017_Abu_Kamal_offensive",
    }
    assert list(view) == SOURCE_KEYS


def test_a_section_without_an_anchor_links_to_its_article(catalog: Catalog) -> None:
    view = source_view(catalog, {"article": "offensive", "section": "infobox"})
    assert view["url"] == view["article_url"] == OFFENSIVE_URL


def test_an_article_without_a_url_has_no_links(catalog: Catalog) -> None:
    view = source_view(catalog, CAMPAIGN_ARTICLE)
    assert (view["url"], view["article_url"]) == (None, None)


def test_a_section_is_looked_up_in_its_own_article(catalog: Catalog) -> None:
    view = source_view(catalog, CAMPAIGN_ARTICLE)
    assert view["article_title"] == "Eastern Syria campaign"
    assert view["section_title"] == "Abu Kamal offensive"


def test_an_unknown_section_falls_back_to_its_id(catalog: Catalog) -> None:
    view = source_view(catalog, {"article": "offensive", "section": "aftermath"})
    assert view == {
        "article": "offensive",
        "section": "aftermath",
        "article_title": "2017 Abu Kamal offensive",
        "section_title": "aftermath",
        "url": OFFENSIVE_URL,
        "article_url": OFFENSIVE_URL,
    }


def test_an_unknown_article_falls_back_to_both_ids(catalog: Catalog) -> None:
    view = source_view(catalog, {"article": "lost-article", "section": "infobox"})
    assert view == {
        "article": "lost-article",
        "section": "infobox",
        "article_title": "lost-article",
        "section_title": "infobox",
        "url": None,
        "article_url": None,
    }


# -- casualty_view ------------------------------------------------------------------------


def test_a_casualty_claim_has_the_contract_keys_in_order_with_names(catalog: Catalog) -> None:
    claim = casualty(
        "isil",
        5000,
        count_max=10000,
        qualifier="about",
        claimed_by="sohr",
        period=date("2017-11-16", "2017-11-28", text="between 16 and 28 November"),
        note="fighters only",
        source=FIRST_ATTACK,
    )
    view = casualty_view(catalog, claim)
    assert list(view) == CASUALTY_KEYS
    assert view == {
        "party": "isil",
        "party_name": "Islamic State (ISIL)",
        "kind": "killed",
        "count": 5000,
        "count_max": 10000,
        "best": None,
        "qualifier": "about",
        "figure": "about 5,000–10,000 killed",
        "claimed_by": "sohr",
        "claimed_by_name": "Syrian Observatory for Human Rights",
        "period": {
            "start": "2017-11-16",
            "end": "2017-11-28",
            "date": "between 16 and 28 November",
        },
        "note": "fighters only",
        "source": {
            "article": "offensive",
            "section": "first-attack",
            "article_title": "2017 Abu Kamal offensive",
            "section_title": "First attack on the city",
            "url": FIRST_ATTACK_URL,
            "article_url": OFFENSIVE_URL,
        },
        "subgroup": None,
        "claimant": "Syrian Observatory for Human Rights",
    }
    assert list(view["period"]) == ["start", "end", "date"]


def test_a_claimant_is_named_by_the_file_or_the_article_speaks(catalog: Catalog) -> None:
    named = casualty_view(catalog, casualty("isil", 3, claimant="Deir Ezzor 24; SANA"))
    assert (named["claimed_by"], named["claimant"]) == (None, "Deir Ezzor 24; SANA")
    article = {"article": "offensive", "section": "first-attack"}
    unattributed = casualty_view(catalog, casualty("isil", 3, source=article))
    source = next(s for s in catalog.record["sources"] if s["id"] == "offensive")
    expected = f"{source['container']} article" if source["container"] else source["title"]
    assert unattributed["claimant"] == f"{expected} (unattributed)"


def test_an_unclaimed_casualty_claim_has_no_claimant_name_period_or_note(catalog: Catalog) -> None:
    view = casualty_view(catalog, casualty("government", 376))
    assert view["claimed_by"] is None
    assert view["claimed_by_name"] is None
    assert view["period"] is None
    assert view["note"] is None
    assert view["figure"] == "376 killed"


@pytest.mark.parametrize(
    ("party", "name"),
    [
        ("civilians", "civilians"),
        ("all-fighters", "fighters on all sides"),
        ("government", "Syrian government and allies"),
        ("tiger-forces", "Tiger Forces"),
    ],
)
def test_the_party_is_named_as_a_special_party_a_side_or_an_actor(
    catalog: Catalog, party: str, name: str
) -> None:
    assert casualty_view(catalog, casualty(party, 1))["party_name"] == name


def test_a_claimant_that_is_a_side_is_named_by_the_side(catalog: Catalog) -> None:
    view = casualty_view(catalog, casualty("isil", 1, claimed_by="government"))
    assert view["claimed_by_name"] == "Syrian government and allies"


def test_a_best_estimate_and_a_subgroup_are_given_as_the_file_gives_them(
    catalog: Catalog,
) -> None:
    # SOHR counting only the Russians among the pro-government dead, 20 to 40, most likely 30.
    claim = casualty("government", 20, count_max=40, best=30, subgroup="Russians")
    view = casualty_view(catalog, claim)
    assert (view["best"], view["subgroup"]) == (30, "Russians")
    plain = casualty_view(catalog, casualty("government", 20))
    assert (plain["best"], plain["subgroup"]) == (None, None)


# -- event_view ---------------------------------------------------------------------------


def test_the_event_fields_are_the_readme_contract_in_order(catalog: Catalog) -> None:
    assert list(EVENT_FIELDS) == list(EVENT_CONTRACT)
    for record in catalog.events:
        assert list(event_view(catalog, record)) == list(EVENT_CONTRACT)


def test_the_event_date_fields_come_from_its_date_span(catalog: Catalog) -> None:
    view = event_view(catalog, catalog.events_by_id["first-capture"])
    assert {k: view[k] for k in ("start", "end", "precision", "qualifier", "date")} == {
        "start": "2017-11-08",
        "end": "2017-11-09",
        "precision": "range",
        "qualifier": "between",
        "date": "8 or 9 November 2017",
    }


def test_the_event_text_fields_and_its_campaign_name(catalog: Catalog) -> None:
    view = event_view(catalog, catalog.events_by_id["first-capture"])
    assert view["id"] == "first-capture"
    assert view["title"] == "Syrian Army takes Abu Kamal"
    assert view["summary"] == "The army enters the city."
    assert view["type"] == "capture"
    assert view["campaign"] == "abu-kamal-offensive"
    assert view["campaign_name"] == "2017 Abu Kamal offensive"


def test_an_unknown_campaign_is_named_by_its_id(catalog: Catalog) -> None:
    view = event_view(catalog, catalog.events_by_id["quiet-day"])
    assert view["campaign"] == "no-such-campaign"
    assert view["campaign_name"] == "no-such-campaign"


def test_places_are_objects_with_the_contract_keys_in_the_event_order(catalog: Catalog) -> None:
    places = event_view(catalog, catalog.events_by_id["first-capture"])["places"]
    assert places == [
        {
            "id": "abu-kamal",
            "name": "Abu Kamal",
            "aliases": ["Albu Kamal", "Bukamal"],
            "kind": "city",
            "lat": 34.45,
            "lon": 40.92,
            "label": "Abu Kamal",
        },
        {
            "id": "hiri",
            "name": "Hiri",
            "aliases": [],
            "kind": "village",
            "lat": 34.4,
            "lon": 41.0,
            "label": "Hiri",
        },
    ]
    fields = ["id", "name", "aliases", "kind", "lat", "lon", "label"]
    assert [list(p) for p in places] == [fields] * 2


def test_actors_are_named_with_their_side_and_role(catalog: Catalog) -> None:
    actors = event_view(catalog, catalog.events_by_id["first-capture"])["actors"]
    assert actors == [
        {"id": "tiger-forces", "name": "Tiger Forces", "side": "government", "role": "attacker"},
        {"id": "isil-fighters", "name": "ISIL fighters", "side": "isil", "role": "defender"},
    ]
    assert [list(a) for a in actors] == [["id", "name", "side", "role"]] * 2


def test_control_changes_name_the_place_and_both_holders(catalog: Catalog) -> None:
    control = event_view(catalog, catalog.events_by_id["first-capture"])["control"]
    assert control == [
        {
            "place": "abu-kamal",
            "place_name": "Abu Kamal",
            "from": "isil",
            "to": "government",
            "extent": "full",
            "note": None,
            "from_name": "Islamic State (ISIL)",
            "to_name": "Syrian government and allies",
            "part": None,
            "status": "stated",
            "claimed_by": None,
            "claimed_by_name": None,
            "basis": None,
            "from_part": None,
            "place_label": "Abu Kamal",
        },
        {
            "place": "hiri",
            "place_name": "Hiri",
            "from": "isil",
            "to": "tiger-forces",
            "extent": "partial",
            "note": "the north",
            "from_name": "Islamic State (ISIL)",
            "to_name": "Tiger Forces",
            "part": None,
            "status": "stated",
            "claimed_by": None,
            "claimed_by_name": None,
            "basis": None,
            "from_part": None,
            "place_label": "Hiri",
        },
    ]
    assert list(control[0]) == [
        "place",
        "place_name",
        "from",
        "to",
        "extent",
        "note",
        "from_name",
        "to_name",
        "part",
        "status",
        "claimed_by",
        "claimed_by_name",
        "basis",
        "from_part",
        "place_label",
    ]


def test_a_claimed_change_names_who_claims_it(catalog: Catalog) -> None:
    claimed = {**change("hiri", "isil", "government", claimed_by="sohr"), "status": "claimed"}
    record = event("claimed-change", "2017-11-10", places=["hiri"], control=[claimed])
    control = event_view(catalog, record)["control"][0]
    assert (control["claimed_by"], control["claimed_by_name"]) == (
        "sohr",
        "Syrian Observatory for Human Rights",
    )


def test_each_article_s_own_date_is_given_with_the_event_s_date_fields(catalog: Catalog) -> None:
    record = {
        **event(
            "dated-twice",
            date("2017-11-08", "2017-11-09", qualifier="between"),
            places=["abu-kamal"],
        ),
        "dated_by": [
            {"article": "offensive", "date": date("2017-11-08", text="8 November 2017")},
            {
                "article": "campaign",
                "date": date("2017-11-01", "2017-11-09", qualifier="by", text="by 9 November"),
            },
        ],
    }
    assert event_view(catalog, record)["dated_by"] == [
        {
            "article": "offensive",
            "start": "2017-11-08",
            "end": "2017-11-08",
            "precision": "day",
            "qualifier": "on",
            "date": "8 November 2017",
        },
        {
            "article": "campaign",
            "start": "2017-11-01",
            "end": "2017-11-09",
            "precision": "range",
            "qualifier": "by",
            "date": "by 9 November",
        },
    ]
    # Where the articles agree, the file gives no `dated_by`: the list is empty.
    assert event_view(catalog, catalog.events_by_id["quiet-day"])["dated_by"] == []


def test_casualties_and_sources_are_their_views(catalog: Catalog) -> None:
    record = catalog.events_by_id["first-capture"]
    view = event_view(catalog, record)
    assert view["casualties"] == [casualty_view(catalog, record["casualties"][0])]
    assert view["casualties"][0]["figure"] == "at least 601 killed"
    assert view["casualties"][0]["claimed_by_name"] == "Syrian Observatory for Human Rights"
    assert [(s["article_title"], s["section_title"]) for s in view["sources"]] == [
        ("2017 Abu Kamal offensive", "First attack on the city"),
        ("Eastern Syria campaign", "Abu Kamal offensive"),
    ]


def test_disputes_are_listed_by_id_and_topic_only(catalog: Catalog) -> None:
    view = event_view(catalog, catalog.events_by_id["first-capture"])
    assert view["disputes"] == [
        {"id": "death-toll", "topic": "How many died"},
        {"id": "date-of-fall", "topic": "When Abu Kamal fell"},
    ]


def test_an_event_with_nothing_recorded_has_empty_lists(catalog: Catalog) -> None:
    view = event_view(catalog, catalog.events_by_id["quiet-day"])
    assert view["actors"] == []
    assert view["control"] == []
    assert view["casualties"] == []
    assert view["disputes"] == []


def test_the_view_is_a_copy_that_leaves_the_catalog_alone(catalog: Catalog) -> None:
    view = event_view(catalog, catalog.events_by_id["first-capture"])
    view["places"][0]["name"] = "changed"
    assert catalog.places["abu-kamal"]["name"] == "Abu Kamal"


def test_a_place_an_actor_in_a_role_and_a_section_are_made_once_and_shared(
    catalog: Catalog,
) -> None:
    # A large answer names the same few places, actors and sections over and over: each is
    # one object, shared by every view that names it, not a copy a view.
    record = catalog.events_by_id["first-capture"]
    first, again = event_view(catalog, record), event_view(catalog, record)
    assert first["places"][0] is again["places"][0]
    assert first["actors"][0] is again["actors"][0]
    assert first["sources"][0] is again["sources"][0]
    assert first["sources"][0] is source_view(catalog, FIRST_ATTACK)
    assert first["casualties"][0]["source"] is source_view(
        catalog, record["casualties"][0]["source"]
    )
    # `show` adds to copies: the shared place stays as every other view gives it.
    event_detail(catalog, record)
    assert "within" not in event_view(catalog, record)["places"][0]


# -- offset_view: where an event lies from the --near place -------------------------------

NEAR_FIELDS = list(EVENT_FIELDS[EVENT_FIELDS.index("near") : EVENT_FIELDS.index("dated_by")])


@pytest.fixture
def near_catalog() -> Catalog:
    # Two places share the name Abu Kamal: each is shown by its label, qualified by its kind.
    places = [
        place("syria", name="Syria", kind="country"),
        place("abu-kamal-district", parent="syria", name="Abu Kamal", kind="district"),
        place("abu-kamal", parent="abu-kamal-district", name="Abu Kamal", kind="city"),
        place("hajin", parent="abu-kamal-district", name="Hajin", kind="town"),
    ]
    record = dataset(events=[event("hajin-falls", "2017-12-14", places=["hajin"])], places=places)
    return Catalog(record)  # type: ignore[arg-type]


def test_without_near_every_near_field_is_null(catalog: Catalog) -> None:
    view = event_view(catalog, catalog.events_by_id["first-capture"])
    assert [view[name] for name in NEAR_FIELDS] == [None] * len(NEAR_FIELDS)


def test_a_place_apart_is_told_in_km_to_a_tenth_and_by_its_compass_point(
    near_catalog: Catalog,
) -> None:
    # 72.34 km between the coordinates, 10 km of margin (told in steps of 5 km): 60-85 km;
    # a bearing of 301.26 degrees lies in WNW (292.5 up to 315).
    found = Offset("abu-kamal", "hajin", "from", 72.34, 10, 301.26)
    view = offset_view(near_catalog, found)
    assert view == {
        "near": {"id": "abu-kamal", "name": "Abu Kamal", "label": "Abu Kamal (city)"},
        "near_place": {"id": "hajin", "name": "Hajin", "label": "Hajin"},
        "distance_km": 72.3,
        "distance_margin_km": 10.0,
        "bearing_deg": 301.3,
        "direction": "WNW",
        "distance_text": "60–85 km WNW of Abu Kamal (city)",
    }
    assert list(view) == NEAR_FIELDS
    assert isinstance(view["distance_margin_km"], float)


def test_a_place_within_the_margin_has_no_bearing_only_the_most_it_can_be(
    near_catalog: Catalog,
) -> None:
    # 3.24 km apart with 4 km of margin: they may coincide; up to 8 km, told in 1 km steps.
    found = Offset("abu-kamal", "hajin", "within", 3.24, 4.0, None)
    view = offset_view(near_catalog, found)
    assert {k: view[k] for k in NEAR_FIELDS[2:]} == {
        "distance_km": 3.2,
        "distance_margin_km": 4.0,
        "bearing_deg": None,
        "direction": None,
        "distance_text": "up to 8 km from Abu Kamal (city)",
    }


def test_an_event_at_the_near_place_carries_the_near_fields(near_catalog: Catalog) -> None:
    reference = near_catalog.places["abu-kamal-district"]
    found = offset(reference, near_catalog.places["hajin"], inside=True)
    view = event_view(near_catalog, near_catalog.events_by_id["hajin-falls"], found)
    assert {k: view[k] for k in NEAR_FIELDS} == {
        "near": {
            "id": "abu-kamal-district",
            "name": "Abu Kamal",
            "label": "Abu Kamal (district)",
        },
        "near_place": {"id": "hajin", "name": "Hajin", "label": "Hajin"},
        "distance_km": 0.0,
        "distance_margin_km": 0.0,
        "bearing_deg": None,
        "direction": None,
        "distance_text": "in Abu Kamal (district)",
    }


# -- dispute_view and event_detail --------------------------------------------------------


def test_a_dispute_in_full_names_each_claimant_and_source(catalog: Catalog) -> None:
    view = dispute_view(catalog, TOLL)
    assert view == {
        "id": "death-toll",
        "topic": "How many died",
        "summary": "The two articles give different tolls.",
        "claims": [
            {
                "statement": "At least 601 killed.",
                "source": FIRST_ATTACK,
                "claimant": "sohr",
                "event": "first-capture",
                "claimant_name": "Syrian Observatory for Human Rights",
                "source_label": "2017 Abu Kamal offensive › First attack on the city",
                "source_url": FIRST_ATTACK_URL,
            },
            {
                "statement": "Hundreds killed.",
                "source": CAMPAIGN_ARTICLE,
                "claimant": None,
                "event": "first-capture",
                "claimant_name": None,
                "source_label": "Eastern Syria campaign › Abu Kamal offensive",
                "source_url": None,
            },
        ],
    }
    assert list(view) == ["id", "topic", "summary", "claims"]
    assert list(view["claims"][0])[-3:] == ["claimant_name", "source_label", "source_url"]


def test_event_detail_is_the_event_view_with_places_within_and_full_disputes(
    catalog: Catalog,
) -> None:
    record = catalog.events_by_id["first-capture"]
    detail = event_detail(catalog, record)
    view = event_view(catalog, record)
    assert list(detail) == list(EVENT_CONTRACT)
    assert {k: v for k, v in detail.items() if k not in ("places", "disputes")} == {
        k: v for k, v in view.items() if k not in ("places", "disputes")
    }
    assert detail["disputes"] == [dispute_view(catalog, TOLL), dispute_view(catalog, DATE_OF_FALL)]


def test_each_place_in_the_detail_lies_within_the_places_above_it(catalog: Catalog) -> None:
    places = event_detail(catalog, catalog.events_by_id["first-capture"])["places"]
    assert [(p["name"], p["within"]) for p in places] == [
        ("Abu Kamal", ["Deir ez-Zor Governorate", "Syria"]),
        ("Hiri", ["Abu Kamal", "Deir ez-Zor Governorate", "Syria"]),
    ]
    assert list(places[0]) == ["id", "name", "aliases", "kind", "lat", "lon", "label", "within"]


def test_a_place_at_the_top_lies_within_nothing_and_no_disputes_is_empty(
    catalog: Catalog,
) -> None:
    detail = event_detail(catalog, catalog.events_by_id["quiet-day"])
    assert detail["places"][0]["within"] == []
    assert detail["disputes"] == []


# -- EVENT_BRIEF_FIELDS -------------------------------------------------------------------


def test_the_brief_fields_are_contract_fields_that_read_as_a_report_row(catalog: Catalog) -> None:
    assert EVENT_BRIEF_FIELDS == ("date", "title", "places", "actors", "type", "sources")
    row = pick(event_view(catalog, catalog.events_by_id["first-capture"]), EVENT_BRIEF_FIELDS)
    assert [cell_text(name, value) for name, value in row.items()] == [
        "8 or 9 November 2017",
        "Syrian Army takes Abu Kamal",
        "Abu Kamal; Hiri",
        "Tiger Forces (attacker); ISIL fighters (defender)",
        "capture",
        "2017 Abu Kamal offensive › First attack on the city; "
        "Eastern Syria campaign › Abu Kamal offensive",
    ]


# -- where an event is located (issue 28): its most precisely located place, flat ----------


def _located(places: list[str], *known: dict[str, Any]) -> dict[str, Any]:
    record = dataset(places=list(known), events=[event("raid", "2017-11-09", places=places)])
    view = event_view(Catalog(record), Catalog(record).events[0])
    at = EVENT_FIELDS.index("place_id")  # the five location fields, after dated_by
    return {name: view[name] for name in EVENT_FIELDS[at : at + 5]}


def test_an_event_is_located_at_its_most_precisely_located_place() -> None:
    district = place(
        "district", name="Abu Kamal District", lat=34.6, lon=40.9, coord_precision_km=25.0
    )
    town = place("town", name="Abu Kamal", lat=34.4528, lon=40.9181, coord_precision_km=2.0)
    assert _located(["district", "town"], district, town) == {
        "place_id": "town",
        "place_name": "Abu Kamal",
        "lat": 34.4528,
        "lon": 40.9181,
        "coord_precision_km": 2.0,
    }
    at = EVENT_FIELDS.index("dated_by") + 1  # then an imported row's dataset fields
    assert list(EVENT_FIELDS[at : at + 5]) == [
        "place_id", "place_name", "lat", "lon", "coord_precision_km",
    ]  # fmt: skip


def test_of_equally_precise_places_the_first_named_locates_the_event() -> None:
    east = place("east", lat=34.1, lon=41.0, coord_precision_km=3.0)
    west = place("west", lat=34.2, lon=40.0, coord_precision_km=3.0)
    assert _located(["west", "east"], east, west)["place_id"] == "west"
    assert _located(["east", "west"], east, west)["place_id"] == "east"


def test_the_place_name_is_the_name_as_a_control_change_gives_it_not_the_label() -> None:
    # Two places named alike: the label is qualified ("Abu Kamal (district)"), the name not.
    town = place("abu-kamal", name="Abu Kamal", coord_precision_km=2.0)
    district = place(
        "abu-kamal-district", name="Abu Kamal", kind="district", coord_precision_km=1.0
    )
    located = _located(["abu-kamal", "abu-kamal-district"], town, district)
    assert (located["place_id"], located["place_name"]) == ("abu-kamal-district", "Abu Kamal")


def test_an_event_with_no_place_is_located_nowhere() -> None:
    # The schema asks for a place; an event that names none would be null in every field.
    catalog = Catalog(dataset(events=[event("raid", "2017-11-09")]))
    placeless = {**catalog.events[0], "places": []}
    at = EVENT_FIELDS.index("place_id")
    assert located_view(catalog, placeless) == dict.fromkeys(EVENT_FIELDS[at : at + 5])  # type: ignore[arg-type]
