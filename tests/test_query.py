"""The `events` filters, on the shipped dataset: what researchers ask of it."""

from __future__ import annotations

import pytest

from conftest import Run, ids


def events(run: Run, *args: str) -> list[dict[str, object]]:
    result = run("events", *args, "--format", "json")
    assert result.status == 0, result.err
    assert result.err == ""
    found: list[dict[str, object]] = result.json()
    return found


def test_everything_is_in_chronological_order(run: Run) -> None:
    found = events(run)
    keys = [(e["start"], e["end"], e["id"]) for e in found]
    assert keys == sorted(keys)  # type: ignore[type-var]
    assert 64 <= len(found) <= 90


def test_the_main_query_abu_kamal_after_1_november(run: Run) -> None:
    found = events(run, "--from", "2017-11-01", "--place", "Abu Kamal")
    assert found
    # The city, and its surroundings: its countryside (with the airbase, the T-2 station and
    # the border crossing in it) and the Hiri area on its outskirts.
    around = {
        "Abu Kamal",
        "Abu Kamal countryside",
        "Hiri",
        "Hamdan Military Airbase",
        "T-2 Pumping Station",
        "Abu Kamal border crossing",
    }
    for event in found:
        assert event["end"] >= "2017-11-01"  # type: ignore[operator]
        names = {p["name"] for p in event["places"]}  # type: ignore[attr-defined]
        assert names & around
    found_ids = {e["id"] for e in found}
    assert {"abu-kamal-first-capture", "abu-kamal-second-capture"} <= found_ids
    # What happened outside the city: the offensive article's strike "outside Abu Kamal"
    # (1 November), the advance to 15 km (5 November), the airbase north of the town, the
    # border crossing, the push to 25-35 km west of it, and the countryside's fighting and
    # death tolls.
    assert {
        "tu-22m3-strike-near-abu-kamal",
        "abu-kamal-within-15-km",
        "hamdan-airbase-captured",
        "pmf-seizes-border-crossing",
        "desert-advance-25-35-km",
        "countryside-fighters-killed",
        "abu-kamal-countryside-fighting",
        "hiri-cross-border-raid",
    } <= found_ids
    # The October drive on Abu Kamal is before the asked span.
    assert all(e["start"] >= "2017-10-23" for e in found)  # type: ignore[operator]


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("mayadeen", "Mayadin"),
        ("Al-Mayadin", "Mayadin"),
        ("Albu Kamal", "Abu Kamal"),
        ("al-bukamal", "Abu Kamal"),
        ("ABU KAMAL", "Abu Kamal"),
        ("Al-Qaim", "Al-Qa'im"),
        ("al qa’im", "Al-Qa'im"),
        ("deir ezzor", "Deir ez-Zor"),
        ("Dayr az-Zawr", "Deir ez-Zor"),
        ("T2", "T-2 Pumping Station"),
    ],
)
def test_place_names_are_case_accent_apostrophe_and_hyphen_insensitive(
    run: Run, typed: str, canonical: str
) -> None:
    assert ids(run("events", "--place", typed, "--format", "json")) == ids(
        run("events", "--place", canonical, "--format", "json")
    )
    assert events(run, "--place", typed)


def test_a_place_includes_what_lies_inside_it(run: Run) -> None:
    city = {e["id"] for e in events(run, "--place", "Deir ez-Zor")}
    hamidiyah = {e["id"] for e in events(run, "--place", "Hamidiyah")}
    saqr = {e["id"] for e in events(run, "--place", "Saqr island")}
    assert hamidiyah
    assert saqr
    assert hamidiyah | saqr <= city
    syria = {e["id"] for e in events(run, "--place", "Syria")}
    assert city <= syria


def test_repeated_places_mean_any_of_them(run: Run) -> None:
    mayadin = {e["id"] for e in events(run, "--place", "Mayadin")}
    hajin = {e["id"] for e in events(run, "--place", "Hajin")}
    both = {e["id"] for e in events(run, "--place", "Mayadin", "--place", "Hajin")}
    assert both == mayadin | hajin


def test_near_finds_places_within_the_radius(run: Run) -> None:
    near = events(run, "--near", "Abu Kamal", "--radius", "15")
    names = {p["name"] for e in near for p in e["places"]}  # type: ignore[attr-defined]
    assert "Al-Qa'im" in names  # across the border, about 10 km away
    assert "Mayadin" not in {
        p["name"]
        for e in near
        for p in e["places"]  # type: ignore[attr-defined]
        if all(q["name"] != "Abu Kamal" for q in e["places"])  # type: ignore[attr-defined]
    }
    tight = events(run, "--near", "Abu Kamal", "--radius", "1")
    assert {e["id"] for e in tight} <= {e["id"] for e in near}


@pytest.mark.parametrize("alias", ["ISIS", "Daesh", "IS", "Islamic State", "isil"])
def test_actor_aliases(run: Run, alias: str) -> None:
    assert ids(run("events", "--actor", alias, "--format", "json")) == ids(
        run("events", "--actor", "ISIL", "--format", "json")
    )


def test_an_actor_includes_its_units(run: Run) -> None:
    army = {e["id"] for e in events(run, "--actor", "Syrian Arab Army")}
    tigers = {e["id"] for e in events(run, "--actor", "Tiger Forces")}
    assert tigers
    assert tigers <= army
    assert ids(run("events", "--actor", "SAA", "--format", "json")) == sorted(
        army, key=[e["id"] for e in events(run)].index
    )


def test_everything_hezbollah_did(run: Run) -> None:
    found = events(run, "--actor", "Hezbollah")
    assert found
    for event in found:
        assert any(a["name"] == "Hezbollah" for a in event["actors"])  # type: ignore[attr-defined]


def test_side_filter(run: Run) -> None:
    iraq = events(run, "--side", "iraq")
    assert iraq
    for event in iraq:
        assert any(a["side"] == "iraq" for a in event["actors"])  # type: ignore[attr-defined]


def test_type_campaign_text_limit_reverse(run: Run) -> None:
    captures = events(run, "--type", "capture")
    assert captures
    assert all(e["type"] == "capture" for e in captures)
    aftermath = events(run, "--campaign", "aftermath-2018")
    assert aftermath
    assert all(e["start"] >= "2018" for e in aftermath)
    # A campaign includes the campaigns inside it.
    whole = {e["id"] for e in events(run, "--campaign", "Eastern Syria campaign")}
    offensive = {e["id"] for e in events(run, "--campaign", "abu-kamal-offensive")}
    assert offensive
    assert offensive <= whole
    pontoon = events(run, "--text", "pontoon")
    assert pontoon
    assert all("pontoon" in f"{e['title']} {e['summary']}".lower() for e in pontoon)
    everything = ids(run("events", "--format", "json"))
    assert ids(run("events", "--limit", "3", "--format", "json")) == everything[:3]
    assert (
        ids(run("events", "--reverse", "--limit", "2", "--format", "json")) == everything[::-1][:2]
    )


def test_partial_dates_cover_their_whole_period(run: Run) -> None:
    november = events(run, "--from", "2017-11", "--to", "2017-11")
    assert november == events(run, "--on", "Nov 2017")
    assert all(e["start"] <= "2017-11-30" and e["end"] >= "2017-11-01" for e in november)  # type: ignore[operator]
    assert events(run, "--from", "2018") == events(run, "--on", "2018")


def test_overlap_finds_uncertain_dates_and_within_does_not(run: Run) -> None:
    # "Early April 2018" is stored as a span, so a day inside it finds it...
    shaer = "shaer-gas-field-attack"
    assert shaer in {e["id"] for e in events(run, "--on", "2018-04-05")}
    # ...but only a span that holds the whole of it keeps it with --within.
    assert events(run, "--on", "2018-04-05", "--within") == []
    assert shaer in {e["id"] for e in events(run, "--on", "2018-04", "--within")}
