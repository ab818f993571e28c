"""`--source ARTICLE`: reading what a user typed for an article, and the dataset as one article
tells it (its events with its own dates and sections, its figures, its side of each
disagreement, its campaigns and places, and the actors all of these name)."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from builders import SOURCES, actor, campaign, casualty, change, dataset, date, event, place

from eastsyria.core.sources import article_date, as_told_by, cites, resolve_article
from eastsyria.errors import InputError

ARTICLES = [
    {"id": "eastern-syria-campaign", "title": "Eastern Syria campaign (2017)"},
    {"id": "abu-kamal-offensive-2017", "title": "Abu Kamal offensive (2017)"},
    {"id": "battle-of-hajin", "title": "Battle of Hajin"},
]


def refused(typed: str, articles: list[dict[str, Any]] = ARTICLES) -> str:
    with pytest.raises(InputError) as error:
        resolve_article(articles, typed)
    return error.value.message


# -- resolve_article ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "article"),
    [
        ("eastern-syria-campaign", "eastern-syria-campaign"),
        ("Eastern Syria campaign (2017)", "eastern-syria-campaign"),
        ("ABU KAMAL OFFENSIVE 2017", "abu-kamal-offensive-2017"),  # the id, however written
        ("eastern", "eastern-syria-campaign"),  # a unique start of the id
        ("Battle of", "battle-of-hajin"),  # a unique start of the title
        ("campaign", "eastern-syria-campaign"),  # a unique word
        ("offensive", "abu-kamal-offensive-2017"),
        ("hajin", "battle-of-hajin"),
    ],
)
def test_an_article_is_found_by_id_title_start_or_word(typed: str, article: str) -> None:
    assert resolve_article(ARTICLES, typed) == article


def test_an_exact_id_or_title_wins_over_a_start_of_others() -> None:
    articles = [
        {"id": "hajin-2018", "title": "Hajin 2018"},
        {"id": "hajin", "title": "Hajin"},
    ]
    assert resolve_article(articles, "hajin") == "hajin"
    assert resolve_article(articles, "Hajin 2018") == "hajin-2018"


def test_a_word_must_match_whole_words() -> None:
    # "kamal off" is no word of either, nor a start of either.
    assert "no article 'kamal off'" in refused("kamal off")
    # Two words in a row are a word run of the title.
    assert resolve_article(ARTICLES, "kamal offensive") == "abu-kamal-offensive-2017"


def test_a_name_several_articles_share_names_each_and_asks_for_more() -> None:
    assert refused("2017") == (
        "article '2017' could be any of: eastern-syria-campaign, abu-kamal-offensive-2017;"
        " type more of its id"
    )


def test_an_empty_article_is_refused_naming_the_choices() -> None:
    assert refused("  ") == (
        "empty article name; choose from: eastern-syria-campaign, abu-kamal-offensive-2017,"
        " battle-of-hajin"
    )


def test_a_misspelt_article_suggests_it_once_by_id() -> None:
    assert refused("Battle of Hajn") == (
        "no article 'Battle of Hajn' in this dataset; did you mean 'battle-of-hajin'?"
    )
    assert refused("estern-syria-campaign") == (
        "no article 'estern-syria-campaign' in this dataset; did you mean 'eastern-syria-campaign'?"
    )


def test_an_unknown_article_with_nothing_close_lists_the_choices() -> None:
    assert refused("Raqqa") == (
        "no article 'Raqqa' in this dataset; choose from: eastern-syria-campaign,"
        " abu-kamal-offensive-2017, battle-of-hajin"
    )


# -- one article's telling ---------------------------------------------------------------------

A = {"article": "article-a", "section": "battle"}
B = {"article": "article-b", "section": "fighting"}
SOURCES_AB = [
    *SOURCES,
    {
        "id": "article-b",
        "title": "Article B",
        "container": None,
        "publisher": "Test",
        "url": None,
        "sections": [{"id": "fighting", "title": "Fighting", "path": ["Fighting"], "anchor": None}],
    },
]


def holding(holder: str, source: dict[str, str]) -> dict[str, Any]:
    return {
        "holder": holder,
        "extent": "full",
        "part": None,
        "status": "stated",
        "basis": None,
        "source": source,
    }


def two_articles() -> dict[str, Any]:
    """Article A tells of the town's capture (by 26 October, B says on it) and a toll in the
    countryside; B alone of a raid on the village and of the farms' first holder. They
    disagree on the toll and, with a claim of each, on the raid."""
    events = [
        event(
            "town-taken",
            date("2017-10-23", "2017-10-26", qualifier="by"),
            places=["town"],
            actors=[("army", "attacker"), ("isil-fighters", "defender")],
            control=[change("town", "isil", "government")],
            sources=[A, B],
        ),
        event(
            "countryside-toll",
            date("2017-11-15", "2017-12-03"),
            places=["countryside"],
            casualties=[
                casualty("all", 399, source=A, claimed_by="monitor"),
                casualty("all", 447, source=B),
            ],
            sources=[A, B],
        ),
        event(
            "village-raid",
            "2017-11-20",
            places=["village"],
            actors=[("tiger-unit", "attacker")],
            control=[change("village", "isil", "sdf-unit", claimed_by="claimer")],
            sources=[B],
        ),
    ]
    # The builder makes no `dated_by`: each article's own date of the capture.
    events[0]["dated_by"] = [
        {"article": "article-a", "date": date("2017-10-23", "2017-10-26", qualifier="by")},
        {"article": "article-b", "date": date("2017-10-26")},
    ]
    record = dataset(
        events=events,
        places=[
            place("country"),
            place("town", parent="country", held_at_start=[holding("isil", A), holding("sdf", B)]),
            place("countryside", surrounds="town"),
            place("outskirts", parent="countryside"),
            place("village", parent="country"),
            place("farms", parent="village", held_at_start=[holding("isil", B)]),
            place("elsewhere"),
        ],
        actors=[
            actor("army", "government"),
            actor("tiger-forces", "government", parent="army"),
            actor("tiger-unit", "government", parent="tiger-forces"),
            actor("isil-fighters", "isil"),
            actor("sdf-unit", "sdf"),
            actor("claimer", "government"),
            actor("monitor", "government"),
            actor("commander-unit", "government"),
            actor("disputer", "isil"),
            actor("strength-unit", "government"),
            actor("infobox-claimer", "government"),
            actor("never-named", "isil"),
        ],
        campaigns=[
            campaign("war", sources=[B]),
            campaign(
                "campaign",
                parent="war",
                result="Town taken",
                commanders=[{"name": "A general", "actor": "commander-unit", "side": None}],
                strengths=[
                    {
                        "side": "government",
                        "figure": "400",
                        "low": 400,
                        "high": 400,
                        "unit": "strength-unit",
                    },
                    {"side": "isil", "figure": "many", "low": None, "high": None, "unit": None},
                ],
                casualties=[
                    casualty("isil", 601, source=A, claimed_by="infobox-claimer"),
                    casualty("isil", 376, source=B),
                ],
                sources=[A, B],
            ),
            campaign("b-only", sources=[B]),
        ],
        disputes=[
            {
                "id": "toll",
                "topic": "The toll",
                "summary": "399 or 447",
                "claims": [
                    {
                        "statement": "399",
                        "source": A,
                        "claimant": None,
                        "event": "countryside-toll",
                    },
                    {
                        "statement": "447",
                        "source": B,
                        "claimant": None,
                        "event": "countryside-toll",
                    },
                ],
            },
            {
                "id": "raid",
                "topic": "The raid",
                "summary": "who raided",
                "claims": [
                    {
                        "statement": "x",
                        "source": A,
                        "claimant": "disputer",
                        "event": "village-raid",
                    },
                    {"statement": "y", "source": A, "claimant": None, "event": "town-taken"},
                    {"statement": "z", "source": B, "claimant": None, "event": "village-raid"},
                ],
            },
        ],
    )
    record["sources"] = copy.deepcopy(SOURCES_AB)
    return record


def test_an_event_is_cited_by_an_article_among_its_sources() -> None:
    record = two_articles()
    raid = next(e for e in record["events"] if e["id"] == "village-raid")
    assert cites(raid, "article-b")
    assert not cites(raid, "article-a")


def test_an_article_gives_its_own_date_else_the_events() -> None:
    record = two_articles()
    taken, toll = (
        next(e for e in record["events"] if e["id"] == i)
        for i in ("town-taken", "countryside-toll")
    )
    assert article_date(taken, "article-b") == date("2017-10-26")
    assert article_date(taken, "article-a")["qualifier"] == "by"
    assert article_date(toll, "article-a") is toll["date"]


def test_an_article_keeps_only_the_events_it_cites_with_its_own_dates_and_sources() -> None:
    record = two_articles()
    before = copy.deepcopy(record)
    told = as_told_by(record, "article-a")
    assert record == before  # the record is left as it is
    assert [e["id"] for e in told["events"]] == ["town-taken", "countryside-toll"]
    taken, toll = told["events"]
    assert taken["date"]["qualifier"] == "by"
    assert taken["sources"] == [A]
    assert taken["dated_by"] == [record["events"][0]["dated_by"][0]]
    assert [c["count"] for c in toll["casualties"]] == [399]
    assert toll["dated_by"] == []
    assert [s["id"] for s in told["sources"]] == ["article-a"]


def test_events_are_ordered_by_the_articles_own_dates() -> None:
    record = two_articles()
    # B dates the capture 26 October; put the toll on 25 October, which A and B agree on.
    record["events"][1]["date"] = date("2017-10-25")
    told = as_told_by(record, "article-b")
    assert [e["id"] for e in told["events"]] == ["countryside-toll", "town-taken", "village-raid"]
    told = as_told_by(record, "article-a")
    # A's capture began on 23 October, before the toll.
    assert [e["id"] for e in told["events"]] == ["town-taken", "countryside-toll"]


def test_a_disagreement_keeps_the_articles_claims_where_two_remain() -> None:
    told = as_told_by(two_articles(), "article-a")
    # The toll keeps one claim of A's: no longer a disagreement.
    assert [d["id"] for d in told["disputes"]] == ["raid"]
    (raid,) = told["disputes"]
    assert [c["statement"] for c in raid["claims"]] == ["x", "y"]
    # A claim about an event the article does not tell loses its event; the others keep it.
    assert [c["event"] for c in raid["claims"]] == [None, "town-taken"]
    assert [d["id"] for d in as_told_by(two_articles(), "article-b")["disputes"]] == []


def test_campaigns_keep_the_articles_figures_and_bare_names_of_those_holding_its_events() -> None:
    told = {c["id"]: c for c in as_told_by(two_articles(), "article-a")["campaigns"]}
    # A cites the campaign; the war holds it but is B's, so its infobox is emptied.
    assert set(told) == {"war", "campaign"}
    assert [c["count"] for c in told["campaign"]["casualties"]] == [601]
    assert told["campaign"]["sources"] == [A]
    assert told["campaign"]["result"] == "Town taken"
    assert told["war"]["sources"] == []
    assert told["war"]["result"] == ""
    assert told["war"]["casualties"] == []
    assert told["war"]["name"] == "War"
    assert told["war"]["parent"] is None


def test_an_uncited_campaign_that_holds_an_event_is_kept_bare() -> None:
    record = two_articles()
    record["campaigns"][1]["sources"] = [B]
    told = {c["id"]: c for c in as_told_by(record, "article-a")["campaigns"]}
    # Every event's campaign is "campaign": kept by name with what holds it, figures gone.
    assert set(told) == {"war", "campaign"}
    assert told["campaign"]["casualties"] == []
    assert told["campaign"]["commanders"] == []
    assert told["campaign"]["sources"] == []
    assert set(as_told_by(record, "article-b")["campaigns"][0]) == set(record["campaigns"][0])
    assert [c["id"] for c in as_told_by(record, "article-b")["campaigns"]] == [
        "war",
        "campaign",
        "b-only",
    ]


def test_places_are_those_named_with_what_they_lie_inside_or_around() -> None:
    told = as_told_by(two_articles(), "article-a")
    # The countryside lies around the town, inside the country; the outskirts and the
    # village are not named by A's events.
    assert [p["id"] for p in told["places"]] == ["country", "town", "countryside"]
    # Each keeps only the starting holders the article states.
    assert [[h["holder"] for h in p["held_at_start"]] for p in told["places"]] == [[], ["isil"], []]


def test_a_place_whose_first_holder_the_article_states_is_kept_with_it() -> None:
    told = {p["id"]: p for p in as_told_by(two_articles(), "article-b")["places"]}
    assert set(told) == {"country", "town", "countryside", "village", "farms"}
    assert [h["holder"] for h in told["farms"]["held_at_start"]] == ["isil"]


def test_a_surrounding_place_brings_what_it_lies_inside_and_around() -> None:
    record = two_articles()
    record["places"] = [
        place("region"),
        place("city", parent="region"),
        place("belt", surrounds="city"),
        place("ring", surrounds="belt-town"),
        place("belt-town", parent="belt"),
        place("hamlet", parent="ring"),
    ]
    record["events"] = [event("x", "2017-11-01", places=["hamlet"], sources=[A])]
    told = as_told_by(record, "article-a")
    # hamlet < ring, around belt-town < belt, around city < region.
    assert [p["id"] for p in told["places"]] == [
        "region",
        "city",
        "belt",
        "ring",
        "belt-town",
        "hamlet",
    ]


def test_actors_are_those_the_telling_names_with_the_units_above_them() -> None:
    told = as_told_by(two_articles(), "article-a")
    assert [a["id"] for a in told["actors"]] == [
        "army",
        "isil-fighters",
        "monitor",
        "commander-unit",
        "disputer",
        "strength-unit",
        "infobox-claimer",
    ]
    told = as_told_by(two_articles(), "article-b")
    # The raid's unit brings the units above it; the farms' holder, the change's sides and
    # its claimant are named too, and the commander of the campaign both articles cite.
    assert [a["id"] for a in told["actors"]] == [
        "army",
        "tiger-forces",
        "tiger-unit",
        "isil-fighters",
        "sdf-unit",
        "claimer",
        "commander-unit",
        "strength-unit",
    ]


def test_a_unit_brings_every_unit_above_it_however_deep() -> None:
    record = two_articles()
    record["actors"] = [
        actor("army", "government"),
        actor("corps", "government", parent="army"),
        actor("brigade", "government", parent="corps"),
        actor("battalion", "government", parent="brigade"),
        actor("other", "government", parent="army"),
    ]
    record["campaigns"] = [campaign("campaign", sources=[B])]
    record["disputes"] = []
    record["events"] = [event("x", "2017-11-01", actors=[("battalion", "attacker")], sources=[A])]
    told = as_told_by(record, "article-a")
    assert [a["id"] for a in told["actors"]] == ["army", "corps", "brigade", "battalion"]


def test_a_place_brings_everything_it_lies_inside_however_deep() -> None:
    record = two_articles()
    record["places"] = [
        place("country"),
        place("governorate", parent="country"),
        place("district", parent="governorate"),
        place("village", parent="district"),
        place("other", parent="country"),
    ]
    record["events"] = [event("x", "2017-11-01", places=["village"], sources=[A])]
    told = as_told_by(record, "article-a")
    assert [p["id"] for p in told["places"]] == ["country", "governorate", "district", "village"]
