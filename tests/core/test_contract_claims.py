"""`disputes` and `casualties` as documented objects (contract.claims): a disagreement with the
events it is about, a row per claim, a casualty figure laid flat, and a total in words."""

from __future__ import annotations

from typing import Any

from builders import SOURCE, actor, campaign, casualty, dataset, date, event, place

from eastsyria.contract.claims import (
    CASUALTY_FIELDS,
    CASUALTY_TOTAL_FIELDS,
    DISPUTE_CLAIM_FIELDS,
    casualty_row,
    casualty_rows,
    dispute_document,
    dispute_rows,
    event_brief,
    total_row,
    total_text,
)
from eastsyria.core.catalog import Catalog
from eastsyria.core.claims import Casualty, Competing
from eastsyria.core.totals import Total

URL = "https://example.org/wiki/Article_A"
LABEL = "Article A › The battle"
SECTION_URL = f"{URL}#The_battle"

TOLL = casualty(
    "isil",
    20,
    count_max=40,
    claimed_by="army",
    period=date("2017-11-08", "2017-11-09"),
    note="In the raid.",
)
BARE = casualty("army", 3, qualifier="at-least")
INFOBOX = casualty("isil", 601, qualifier="at-least")


def world() -> Catalog:
    """A raid (9 November) and a later clash (1 December) in the campaign, and a
    disagreement about the raid whose second claim is about no event."""
    record = dataset(
        events=[
            event("clash", "2017-12-01", title="Clash", places=["village"]),
            event("raid", "2017-11-09", title="Raid", casualties=[TOLL, BARE]),
        ],
        places=[place("town"), place("village")],
        actors=[actor("army", "government", name="Syrian Army")],
        campaigns=[campaign("campaign", name="Deir ez-Zor campaign", casualties=[INFOBOX])],
        disputes=[
            {
                "id": "toll",
                "topic": "The toll",
                "summary": "20 or 40",
                "claims": [
                    {"statement": "Twenty", "source": SOURCE, "claimant": "army", "event": "raid"},
                    {"statement": "Forty", "source": SOURCE, "claimant": None, "event": None},
                    {"statement": "Later", "source": SOURCE, "claimant": None, "event": "clash"},
                ],
            }
        ],
    )
    record["sources"][0]["url"] = URL
    record["sources"][0]["sections"][0]["anchor"] = "The_battle"
    return Catalog(record)  # type: ignore[arg-type]


# -- disputes ----------------------------------------------------------------------------------


def test_an_event_brief_is_its_id_title_and_dates() -> None:
    cat = world()
    assert event_brief(cat.events_by_id["raid"]) == {
        "id": "raid",
        "title": "Raid",
        "start": "2017-11-09",
        "end": "2017-11-09",
        "date": "2017-11-09",
    }


def test_a_dispute_document_is_the_dispute_in_full_with_its_events_oldest_first() -> None:
    cat = world()
    document = dispute_document(cat, cat.disputes[0])
    assert list(document) == ["id", "topic", "summary", "claims", "events"]
    assert (document["id"], document["topic"], document["summary"]) == (
        "toll",
        "The toll",
        "20 or 40",
    )
    assert [e["id"] for e in document["events"]] == ["raid", "clash"]
    assert document["events"][1] == {
        "id": "clash",
        "title": "Clash",
        "start": "2017-12-01",
        "end": "2017-12-01",
        "date": "2017-12-01",
    }
    first = document["claims"][0]
    assert (first["claimant_name"], first["source_label"], first["source_url"]) == (
        "Syrian Army",
        LABEL,
        SECTION_URL,
    )


def test_a_dispute_is_a_row_per_claim_with_its_event_laid_flat() -> None:
    cat = world()
    rows = dispute_rows(cat, cat.disputes[0])
    assert rows[0] == {
        "id": "toll",
        "topic": "The toll",
        "claimant": "army",
        "claimant_name": "Syrian Army",
        "statement": "Twenty",
        "article": "article-a",
        "section": "battle",
        "source": LABEL,
        "source_url": SECTION_URL,
        "event": "raid",
        "event_title": "Raid",
        "event_start": "2017-11-09",
        "event_end": "2017-11-09",
        "event_date": "2017-11-09",
    }
    assert list(rows[0]) == list(DISPUTE_CLAIM_FIELDS)
    # A claim about no event: its event's fields are empty.
    assert rows[1] == {
        **rows[0],
        "claimant": None,
        "claimant_name": None,
        "statement": "Forty",
        "event": None,
        "event_title": None,
        "event_start": None,
        "event_end": None,
        "event_date": None,
    }
    assert (rows[2]["event"], rows[2]["event_title"], rows[2]["event_start"]) == (
        "clash",
        "Clash",
        "2017-12-01",
    )


# -- casualties --------------------------------------------------------------------------------


def figures(cat: Catalog) -> tuple[Casualty, Casualty, Casualty]:
    raid = cat.events_by_id["raid"]
    return (
        Casualty(raid["casualties"][0], raid, "campaign"),
        Casualty(raid["casualties"][1], raid, "campaign"),
        Casualty(cat.campaigns["campaign"]["casualties"][0], None, "campaign"),
    )


def test_an_events_figure_laid_flat() -> None:
    cat = world()
    toll, bare, _ = figures(cat)
    row = casualty_row(cat, toll, 3, Competing([toll, bare], ["toll"]), 1)
    assert row == {
        "scope": "event",
        "party": "isil",
        "party_name": "Islamic State",
        "kind": "killed",
        "low": 20,
        "high": 40,
        "best": None,
        "qualifier": "exact",
        "figure": "20–40 killed",
        "period_start": "2017-11-08",
        "period_end": "2017-11-09",
        "period": "2017-11-08 to 2017-11-09",
        "claimed_by": "army",
        "claimed_by_name": "Syrian Army",
        "article": "article-a",
        "section": "battle",
        "source": LABEL,
        "source_url": SECTION_URL,
        "event": "raid",
        "event_title": "Raid",
        "event_start": "2017-11-09",
        "event_end": "2017-11-09",
        "event_date": "2017-11-09",
        "campaign": "campaign",
        "campaign_name": "Deir ez-Zor campaign",
        "note": "In the raid.",
        "group": 3,
        "competing": True,
        "disputes": ["toll"],
        "subgroup": None,
        "claimant": "Syrian Army",
        "part_of": 1,
    }
    assert list(row) == list(CASUALTY_FIELDS)


def test_an_events_figure_without_its_own_period_has_none_and_competes_with_nothing() -> None:
    cat = world()
    _, bare, _ = figures(cat)
    row = casualty_row(cat, bare, 1, Competing([bare], []))
    assert (row["low"], row["high"], row["figure"]) == (3, None, "at least 3 killed")
    assert (row["period_start"], row["period_end"], row["period"]) == (None, None, None)
    assert (row["competing"], row["part_of"], row["claimed_by_name"]) == (False, None, None)
    # No actor claims it: the article speaks in its own voice.
    assert row["claimant"] == "Article A (unattributed)"
    assert casualty_row(cat, bare, None, None)["competing"] is False


def test_a_campaigns_total_covers_the_campaigns_dates_and_no_event() -> None:
    cat = world()
    _, _, infobox = figures(cat)
    row = casualty_row(cat, infobox, None, None)
    assert {k: row[k] for k in ("scope", "low", "high", "group", "competing", "disputes")} == {
        "scope": "campaign",
        "low": 601,
        "high": None,
        "group": None,
        "competing": False,
        "disputes": [],
    }
    assert (row["period_start"], row["period_end"], row["period"]) == (
        "2017-09-01",
        "2017-12-31",
        "2017-09-01 to 2017-12-31",
    )
    assert [row[k] for k in ("event", "event_title", "event_start", "event_end", "event_date")] == [
        None
    ] * 5
    assert (row["campaign"], row["campaign_name"]) == ("campaign", "Deir ez-Zor campaign")
    # A campaign the data does not hold: named by its id, with no dates.
    lost = casualty_row(cat, infobox._replace(campaign="gone"), None, None)
    assert (lost["campaign_name"], lost["period_start"], lost["period"]) == ("gone", None, None)


def test_casualty_rows_number_the_groups_from_one_then_list_the_totals() -> None:
    cat = world()
    toll, bare, infobox = figures(cat)
    groups = [Competing([toll, bare], []), Competing([bare], [], part_of=0)]
    rows = casualty_rows(cat, groups, [infobox])
    assert [(r["group"], r["part_of"], r["scope"], r["competing"]) for r in rows] == [
        (1, None, "event", True),
        (1, None, "event", True),
        (2, 1, "event", False),
        (None, None, "campaign", False),
    ]
    assert [r["low"] for r in rows] == [20, 3, 3, 601]


# -- casualties --total ------------------------------------------------------------------------


def test_a_total_in_words_says_as_much_as_its_ends() -> None:
    assert total_text(78, 78, "killed") == "78 killed"
    assert total_text(1500, 2500, "wounded") == "1,500–2,500 wounded"
    assert total_text(2573, None, "killed") == "at least 2,573 killed"
    assert total_text(1000, 1000, "captured") == "1,000 captured"


def total(**changed: Any) -> Total:
    cat = world()
    toll, bare, _ = figures(cat)
    fields: dict[str, Any] = {
        "scope": "event",
        "place": "town",
        "start": "2017-11-01",
        "end": "2017-11-30",
        "kind": "killed",
        "low": 23,
        "high": None,
        "events": ["raid"],
        "figures": [toll, bare, toll],
        "competing": 2,
        "parts": 1,
        "campaign": None,
    }
    return Total(**{**fields, **changed})


def test_a_total_laid_flat() -> None:
    row = total_row(world(), total())
    assert row == {
        "scope": "event",
        "place": "town",
        "place_name": "Town",
        "period_start": "2017-11-01",
        "period_end": "2017-11-30",
        "period": "Nov 2017",  # a whole month
        "kind": "killed",
        "low": 23,
        "high": None,
        "total": "at least 23 killed",
        "events": ["raid"],
        "figures": 3,
        "competing": 2,
        "parts": 1,
        # Each claimant once, in the order of the figures.
        "claimants": ["Syrian Army", "Article A (unattributed)"],
        "campaign": None,
        "campaign_name": None,
    }
    assert list(row) == list(CASUALTY_TOTAL_FIELDS)


def test_a_totals_period_is_as_short_as_stays_exact_and_none_without_dates() -> None:
    cat = world()
    assert total_row(cat, total(start="2017-11-03", end="2017-11-05"))["period"] == "3–5 Nov 2017"
    assert total_row(cat, total(start="2017-01-01", end="2017-12-31"))["period"] == "2017"
    bare = total_row(cat, total(start="", end="", place=None))
    assert (bare["period_start"], bare["period_end"], bare["period"]) == (None, None, None)
    assert bare["place_name"] is None
    assert total_row(cat, total(end=""))["period"] is None


def test_a_campaigns_total_is_named_by_its_campaign() -> None:
    cat = world()
    row = total_row(cat, total(scope="campaign", place=None, campaign="campaign", high=601))
    assert (row["campaign"], row["campaign_name"], row["total"]) == (
        "campaign",
        "Deir ez-Zor campaign",
        "23–601 killed",
    )
    assert total_row(cat, total(campaign="gone"))["campaign_name"] == "gone"


def test_a_figure_of_an_event_no_disagreement_touches_has_no_disputes() -> None:
    cat = world()
    _, bare, _ = figures(cat)
    alone = bare._replace(event={**cat.events_by_id["raid"], "id": "quiet"})
    assert casualty_row(cat, alone, 1, None)["disputes"] == []
