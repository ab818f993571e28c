"""The shipped dataset keeps the curation rules: cited, uncertain dates kept uncertain,
and every disagreement between the two articles recorded with both claims."""

from __future__ import annotations

import itertools
import json
import math
from typing import Any

import pytest

from conftest import Run
from eastsyria.core.compare import dates_agree
from eastsyria.data.load import shipped_data_path

ARTICLES = {"eastern-syria-campaign", "abu-kamal-offensive-2017"}


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(shipped_data_path().read_text(encoding="utf-8"))
    return loaded


def test_the_shipped_file_is_valid(run: Run) -> None:
    result = run("validate")
    assert result.status == 0, result.err
    assert result.out.startswith("valid: ")


def test_both_articles_are_sources_and_every_event_cites_one(document: dict[str, Any]) -> None:
    assert {s["id"] for s in document["sources"]} == ARTICLES
    cited = {ref["article"] for e in document["events"] for ref in e["sources"]}
    assert cited == ARTICLES
    # Events both articles tell are merged into one that cites both.
    both = [e for e in document["events"] if {r["article"] for r in e["sources"]} == ARTICLES]
    assert len(both) >= 15


def test_uncertain_dates_stay_uncertain(document: dict[str, Any]) -> None:
    for event in document["events"]:
        date = event["date"]
        if date["precision"] == "day":
            assert date["earliest"] == date["latest"], event["id"]
        if date["qualifier"] in ("by", "between", "early", "during"):
            assert date["earliest"] < date["latest"], event["id"]
    by_text = {e["date"]["text"]: e["date"] for e in document["events"]}
    early_april = next(d for t, d in by_text.items() if "early April 2018" in t)
    assert (early_april["earliest"], early_april["precision"]) == ("2018-04-01", "month-part")
    assert early_april["latest"] > "2018-04-01"
    by_5_december = next(d for t, d in by_text.items() if t.startswith("by 5 December"))
    assert by_5_december["latest"] == "2017-12-05"
    assert by_5_december["earliest"] < "2017-12-05"


def test_an_event_the_articles_date_alike_has_their_narrowest_date(
    document: dict[str, Any],
) -> None:
    # Where each article dates an event its own way, the event's date spans the readings if
    # they disagree; if they agree ("by 26 October" and "on 26 October"), it is the narrowest,
    # never a range both articles narrow to a day.
    checked = 0
    for event in document["events"]:
        readings = [dated["date"] for dated in event.get("dated_by", [])]
        if len(readings) < 2:
            continue
        span = (event["date"]["earliest"], event["date"]["latest"])
        if all(dates_agree(a, b) for a, b in itertools.combinations(readings, 2)):
            checked += 1
            narrowest = (max(r["earliest"] for r in readings), min(r["latest"] for r in readings))
            assert span == narrowest, event["id"]
            if span[0] == span[1]:
                assert event["date"]["precision"] == "day", event["id"]
        else:
            assert span == (
                min(r["earliest"] for r in readings),
                max(r["latest"] for r in readings),
            ), event["id"]
    assert checked >= 1  # the T-2 station


def _dispute(document: dict[str, Any], dispute_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(d for d in document["disputes"] if d["id"] == dispute_id)
    return found


@pytest.mark.parametrize(
    ("dispute_id", "figures"),
    [
        ("countryside-fighting-end", ["28 November", "6 December"]),
        ("countryside-fighters-killed", ["399", "447"]),
        ("october-28-counter-attack", ["Mayadin"]),
        ("abu-kamal-first-capture-date", ["8 November", "9 November"]),
        ("mayadin-base-attack-losses", ["35", "43"]),
        ("government-strength", ["several thousand", "8,000", "450"]),
    ],
)
def test_every_known_disagreement_keeps_both_claims(
    document: dict[str, Any], dispute_id: str, figures: list[str]
) -> None:
    dispute = _dispute(document, dispute_id)
    assert len(dispute["claims"]) >= 2
    statements = " ".join(c["statement"] for c in dispute["claims"])
    for figure in figures:
        assert figure in statements, (dispute_id, figure)
    events = {e["id"] for e in document["events"]}
    assert all(c["event"] in events for c in dispute["claims"] if c["event"])


def test_the_two_articles_each_keep_their_claim(document: dict[str, Any]) -> None:
    for dispute_id in (
        "countryside-fighting-end",
        "countryside-fighters-killed",
        "october-28-counter-attack",
        "government-strength",
    ):
        claims = _dispute(document, dispute_id)["claims"]
        assert {c["source"]["article"] for c in claims} == ARTICLES, dispute_id


def test_the_countryside_death_tolls_are_two_claims_not_a_sum(run: Run) -> None:
    result = run("events", "--type", "casualty-report", "--format", "json")
    claims = [
        claim
        for event in result.json()
        for claim in event["casualties"]
        if claim["party"] == "all-fighters"
    ]
    figures = {(c["count"], c["period"]["start"], c["period"]["end"]) for c in claims}
    assert (399, "2017-11-16", "2017-11-28") in figures
    assert (447, "2017-11-15", "2017-12-03") in figures
    assert 846 not in {c["count"] for c in claims}


def test_the_mayadin_raid_keeps_each_claimant(run: Run) -> None:
    found = run("events", "--on", "2018-05-23", "--place", "Mayadin", "--format", "json").json()
    (raid,) = found
    claimed = {(c["claimed_by"], c["count"]) for c in raid["casualties"]}
    assert ("sohr", 35) in claimed
    assert ("sohr", 9) in claimed
    assert ("russian-ministry-of-defence", 4) in claimed
    assert ("russian-ministry-of-defence", 43) in claimed


# -- what the articles do not say is marked as such ------------------------------------------


def _marks(record: dict[str, Any]) -> dict[str, str]:
    marks: dict[str, str] = record.get("outside_sources", {})
    return marks


def test_every_source_link_and_publisher_is_marked_or_absent(document: dict[str, Any]) -> None:
    # The article texts are titles and prose: no URL, publisher, work or section anchor in
    # them. Each one the file gives was built from the title, and says so.
    for source in document["sources"]:
        marks = _marks(source)
        for field in ("url", "publisher", "container"):
            if source.get(field):
                assert marks.get(field), (source["id"], field)
        if any(section.get("anchor") for section in source["sections"]):
            assert marks.get("sections.anchor"), source["id"]


def test_every_place_says_how_its_coordinates_were_placed(document: dict[str, Any]) -> None:
    # No coordinate is in the articles.
    for place in document["places"]:
        assert (place.get("coord_note") or "").strip(), place["id"]


def test_every_arabic_alias_is_marked_as_from_outside(document: dict[str, Any]) -> None:
    # The articles are in English: an Arabic name is never theirs.
    for collection in ("places", "actors"):
        for record in document[collection]:
            arabic = [a for a in record["aliases"] if any("\u0600" <= ch <= "\u06ff" for ch in a)]
            note = _marks(record).get("aliases", "")
            for alias in arabic:
                assert alias in note, (record["id"], alias)


def test_an_undated_commander_death_says_its_place_is_not_the_texts(
    document: dict[str, Any],
) -> None:
    # The infoboxes mark commanders killed in action and give no date or place.
    deaths = [e for e in document["events"] if e["type"] == "commander-killed"]
    assert len(deaths) == 5
    for event in deaths:
        assert "places" in _marks(event), event["id"]


def test_asapov_is_not_called_russian(document: dict[str, Any]) -> None:
    # The campaign infobox names "Lt. Gen. Valery Asapov" among the government side's
    # commanders, killed; nothing says where he came from.
    event = next(e for e in document["events"] if e["id"] == "valery-asapov-killed")
    assert "Russia" not in event["title"] + event["summary"]
    actor = next(a for a in document["actors"] if a["id"] == "valery-asapov")
    assert actor["side"] == "government"
    assert actor["parent"] is None


def _border_offsets(document: dict[str, Any], lon: float, lat: float) -> tuple[float, bool]:
    """How far (km) a point lies from the file's Syria–Iraq border line, and whether it is
    on Syria's side: the left of the line as it runs, from the Jordan tripoint north-east to
    the Euphrates and then north."""
    (border,) = [line for line in document["lines"] if line["kind"] == "border"]
    across, up = 111.32 * math.cos(math.radians(34.4)), 110.57  # km a degree, near the border
    x, y = lon * across, lat * up
    best: tuple[float, bool] | None = None
    for (lon1, lat1), (lon2, lat2) in itertools.pairwise(border["points"]):
        ax, ay, bx, by = lon1 * across, lat1 * up, lon2 * across, lat2 * up
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
        away = math.hypot(x - (ax + t * dx), y - (ay + t * dy))
        left = dx * (y - ay) - dy * (x - ax) > 0
        if best is None or away < best[0]:
            best = (away, left)
    assert best is not None
    return best


def test_every_place_near_the_border_is_on_its_countrys_side_of_the_line(
    document: dict[str, Any],
) -> None:
    # The map draws the border from `lines`; a place the file puts in Syria must not lie in
    # Iraq by that same line (the border crossing and the point where the army reached the
    # border once did), and a place on the border lies on the line.
    checked = set()
    for place in document["places"]:
        away, in_syria = _border_offsets(document, place["lon"], place["lat"])
        if away > 100 or place["kind"] == "country":
            continue
        checked.add(place["id"])
        assert in_syria == (place["country"] == "Syria"), (place["id"], round(away, 2))
        if place["kind"] in ("border", "border-crossing"):
            assert away < 1, (place["id"], round(away, 2))
    assert {"abu-kamal-border-crossing", "syria-iraq-border", "al-qaim", "abu-kamal"} <= checked
