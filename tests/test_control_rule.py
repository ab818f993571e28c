"""`control --on` never claims more than the data says, on every day of the shipped data.

The expected answers are worked out here from data/events.json itself, by the rule the README
states, never from the program: a holding is `certain` only where a cited statement gives it
(a stated change, or a stated `held_at_start`) and nothing pending, disputed, inferred or only
reported weakens it; before a place's first change, nobody holds it unless `held_at_start`
says so.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from eastsyria.contract.control import standing_views
from eastsyria.core.catalog import Catalog
from eastsyria.data.load import load_record

DATA = Path(__file__).resolve().parents[1] / "data" / "events.json"
RAW: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
STRENGTH = {"stated": 0, "reported": 1, "inferred": 2}


def _changes(place_id: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """The place's changes that move control (claims never do), by their events' dates."""
    found = [
        (event, change)
        for event in RAW["events"]
        for change in event.get("control", [])
        if change["place"] == place_id and change.get("status", "stated") != "claimed"
    ]
    found.sort(key=lambda pair: (pair[0]["date"]["earliest"], pair[0]["date"]["latest"]))
    return found


PLACES = {place["id"]: place for place in RAW["places"]}
CHANGES = {place_id: _changes(place_id) for place_id in PLACES}
FIRST = min(e["date"]["earliest"] for e in RAW["events"] if e["date"]["precision"] != "season")
LAST = max(e["date"]["latest"] for e in RAW["events"] if e.get("control"))


def _days() -> list[str]:
    first, last = dt.date.fromisoformat(FIRST), dt.date.fromisoformat(LAST)
    return [(first + dt.timedelta(days=n)).isoformat() for n in range((last - first).days + 1)]


def _expected(place_id: str, day: str) -> dict[str, Any]:
    """What the rule allows for the place at the end of `day`: whether anyone is known to
    hold it, and the weakest status of what the holding rests on (pending and disputes
    aside: they only weaken it further)."""
    changes = CHANGES[place_id]
    start = PLACES[place_id].get("held_at_start", [])
    done = [c for c in changes if c[0]["date"]["latest"] <= day]
    # Every change before a surely done one is done too.
    if done:
        done = changes[: changes.index(done[-1]) + 1]
    pending = [c for c in changes[len(done) :] if c[0]["date"]["earliest"] <= day]
    if not start and not done and not pending:
        return {"known": False}
    # What it rests on: the changes since the last one that gave the whole place, else all of
    # them and the starting holding (or the first change's `from` side, which is that change).
    segment = done
    for index in range(len(done) - 1, -1, -1):
        if done[index][1].get("extent", "full") == "full":
            segment = done[index:]
            break
    else:
        segment = done
    statuses = [c[1].get("status", "stated") for c in segment]
    full_since = bool(segment) and segment[0][1].get("extent", "full") == "full"
    if not full_since:
        statuses += [h.get("status", "stated") for h in start]
        if not start:
            statuses.append((pending or done)[0][1].get("status", "stated"))
    weakest = max(statuses, key=STRENGTH.__getitem__, default="stated")
    return {"known": True, "weakest": weakest, "pending": bool(pending)}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog(load_record(DATA, use_cache=False))


def test_the_data_spans_the_days_checked() -> None:
    assert FIRST <= "2017-09-14"
    assert LAST >= "2018-09-16"


def test_every_day_of_the_data_claims_no_more_than_the_rule_allows(catalog: Catalog) -> None:
    wrong = []
    for day in _days():
        for row in standing_views(catalog, day):
            expected = _expected(row["place"], day)
            certainty = row["certainty"]
            if not expected["known"]:
                if certainty != "unknown" or row["holders"]:
                    wrong.append((day, row["place"], certainty, "nobody is known to hold it"))
                continue
            if certainty == "unknown":
                wrong.append((day, row["place"], certainty, "the data names a holder"))
            elif certainty == "certain" and (
                expected["weakest"] != "stated" or expected["pending"]
            ):
                wrong.append((day, row["place"], certainty, expected))
            elif expected["pending"] and certainty not in ("possible", "contested"):
                wrong.append((day, row["place"], certainty, "a change may be pending"))
            elif (
                not expected["pending"]
                and certainty != "contested"
                and expected["weakest"] != "stated"
                and certainty != expected["weakest"]
            ):
                wrong.append((day, row["place"], certainty, expected))
            if certainty == "certain":
                # A cited statement gives it: every basis is stated, and names a source.
                bases = row["basis"]
                if not bases or any(b["status"] != "stated" for b in bases):
                    wrong.append((day, row["place"], certainty, bases))
    assert wrong == []


def on(catalog: Catalog, day: str) -> dict[str, dict[str, Any]]:
    return {row["place"]: row for row in standing_views(catalog, day)}


def test_the_west_bank_towns_have_no_holder_before_the_texts_name_one(catalog: Catalog) -> None:
    # "By 25 October, IS managed to push government troops out of the town Al-Asharah, as
    # well as parts of Al-Quriyah": when the troops got in, the texts never say.
    found = on(catalog, "2017-10-01")
    for place in ("al-asharah", "al-quriyah", "mahkan"):
        assert (found[place]["certainty"], found[place]["holders"]) == ("unknown", [])
        assert "when it changed hands" in found[place]["reason"]


def test_the_west_bank_towns_return_to_the_government_with_the_bank_as_inferred(
    catalog: Catalog,
) -> None:
    # "On 6 December ... the whole western bank of the Euphrates cleared": the towns are not
    # named, so their return is inferred; the bank itself was stated secured on 17 December.
    found = on(catalog, "2017-12-31")
    for place in ("al-asharah", "mahkan"):
        assert (found[place]["holder"], found[place]["certainty"]) == ("government", "inferred")
        assert found[place]["basis"][0]["event"] == "west-bank-link-up"
        assert "whole western bank" in found[place]["basis"][0]["statement"]
    bank = found["euphrates-west-bank"]
    assert (bank["holder"], bank["certainty"]) == ("government", "certain")
    # Nothing on the bank is left to IS at the end of the year.
    inside = [p for p, place in PLACES.items() if place.get("parent") == "euphrates-west-bank"]
    assert {p for p in inside if found[p]["holder"] == "isil"} == set()


def test_on_1_december_the_bank_and_its_parts_agree(catalog: Catalog) -> None:
    # The pocket and Al-Quriyah had fallen by 28 November; the bank was cleared only on 6
    # December: it is split, never "ISIL, full, certain" beside government-held parts.
    found = on(catalog, "2017-12-01")
    bank = found["euphrates-west-bank"]
    assert {(h["holder"], h["extent"]) for h in bank["holders"]} == {
        ("isil", "partial"),
        ("government", "partial"),
    }
    assert bank["certainty"] == "inferred"
    for part in ("al-quriyah", "mayadin-pocket"):
        assert found[part]["holder"] == "government"


def test_al_salihiyah_is_back_with_is_before_the_army_seizes_it_on_17_december(
    catalog: Catalog,
) -> None:
    # Cleared with the bank on 6 December (inferred), retaken "some territory" by IS between
    # 6 and 17 December, seized by the army on 17 December (stated).
    for day in ("2017-12-06", "2017-12-16"):
        held = on(catalog, day)["al-salihiyah"]
        # IS may already have it back: the attacks' span starts that day.
        assert (held["holder"], held["certainty"]) == ("government", "possible")
        assert [(b["event"], b["status"]) for b in held["basis"]] == [
            ("west-bank-link-up", "inferred")
        ]
        assert [step["to"] for step in held["pending"]] == ["isil"]
    after = on(catalog, "2017-12-17")["al-salihiyah"]
    assert (after["holder"], after["certainty"]) == ("government", "certain")


def test_the_border_crossing_has_no_holder_before_the_pmf_took_it(catalog: Catalog) -> None:
    assert on(catalog, "2017-11-10")["abu-kamal-border-crossing"]["certainty"] == "unknown"
    after = on(catalog, "2017-11-13")["abu-kamal-border-crossing"]
    assert (after["holder"], after["certainty"]) == ("iraq", "reported")


def test_the_government_held_the_south_of_abu_kamal_when_is_retook_it(catalog: Catalog) -> None:
    # "...to maintain their presence in the southern part of the city" (11 November).
    from eastsyria.contract.control import place_control

    periods = place_control(catalog, "abu-kamal")["periods"]
    retaken = next(p for p in periods if p["event"] == "isil-recaptures-abu-kamal")
    assert (retaken["holder"], retaken["from_part"]) == ("isil", "the southern part of the city")
    # Abu Kamal was IS's stronghold before the offensive (the offensive article's lead).
    assert (periods[0]["holder"], periods[0]["certainty"], periods[0]["start_known"]) == (
        "isil",
        "certain",
        True,
    )


def test_validate_reads_holdings_as_control_on_does(catalog: Catalog) -> None:
    # `validate` walks each place's holdings in one pass (core.consistency.timeline); on
    # every day of the data it must see the holders `control --on` gives.
    from eastsyria.core.consistency import timeline
    from eastsyria.core.control import changes_by_place, first_period
    from eastsyria.core.standing import standing

    chains = changes_by_place(catalog)
    days = _days()
    for place_id in PLACES:
        chain = chains.get(place_id, [])
        walked = timeline(first_period(catalog, place_id, chain), chain, days)
        for held in walked:
            told = standing(catalog, place_id, held.day)
            assert (held.shares, held.begun) == (told.shares, told.begun), (place_id, held.day)
