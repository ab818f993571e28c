"""`control --on DATE` and `control --diff DATE1 DATE2`: who held what on a day and what
changed hands between two days, checked against what the two articles say."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from conftest import Run, run_process


def on(run: Run, day: str, *extra: str) -> dict[str, dict[str, Any]]:
    result = run("control", "--on", day, "--format", "json", *extra)
    assert result.status == 0, result.err
    return {row["place_name"]: row for row in result.json()}


def held(row: dict[str, Any]) -> set[tuple[str, str]]:
    return {(h["holder"], h["extent"]) for h in row["holders"]}


def diff(run: Run, first: str, last: str, *extra: str) -> dict[str, dict[str, Any]]:
    result = run("control", "--diff", first, last, "--format", "json", *extra)
    assert result.status == 0, result.err
    return {row["place_name"]: row for row in result.json()}


def test_on_10_november_is_holds_part_of_abu_kamal_which_the_sources_dispute(run: Run) -> None:
    # "Late on 9 November, an IS counterattack recaptured 40 percent of Abu Kamal" (offensive
    # article); the campaign article says "large parts": a recorded disagreement.
    abu_kamal = on(run, "2017-11-10")["Abu Kamal"]
    assert held(abu_kamal) == {("isil", "partial"), ("government", "partial")}
    assert abu_kamal["split"] is True
    assert abu_kamal["certainty"] == "contested"
    assert "How much of Abu Kamal IS retook" in abu_kamal["reason"]
    assert [d["id"] for d in abu_kamal["disputes"]] == ["abu-kamal-counter-attack-extent"]
    isil = next(h for h in abu_kamal["holders"] if h["holder"] == "isil")
    assert "40 percent" in isil["part"]


def test_on_20_november_the_government_holds_abu_kamal_for_certain(run: Run) -> None:
    # "Syrian Army forces stormed the city again, capturing it by 19 November."
    abu_kamal = on(run, "2017-11-20")["Abu Kamal"]
    assert (abu_kamal["holder"], abu_kamal["extent"], abu_kamal["certainty"]) == (
        "government",
        "full",
        "certain",
    )
    assert abu_kamal["since"] == "2017-11-19"


@pytest.mark.parametrize("day", ["2017-10-15", "2017-10-20", "2017-10-31"])
def test_deir_ez_zor_is_split_through_october(run: Run, day: str) -> None:
    # The city was held in part by each side until ISIL's last districts fell on 3 November.
    deir_ez_zor = on(run, day)["Deir ez-Zor"]
    assert held(deir_ez_zor) == {("isil", "partial"), ("government", "partial")}
    # From 27 October two more districts may have fell ("several days later", no day).
    pending = [step["event"] for step in deir_ez_zor["pending"]]
    if day >= "2017-10-27":
        assert (deir_ez_zor["certainty"], pending) == (
            "possible",
            ["deir-ez-zor-two-districts-and-stadium"],
        )
    else:
        assert (deir_ez_zor["certainty"], pending) == ("certain", [])
    after = on(run, "2017-11-03")["Deir ez-Zor"]
    assert held(after) == {("government", "full")}


def test_a_dispute_about_when_a_change_came_stops_bearing_after_its_days(run: Run) -> None:
    # The articles disagree on the 28 October counter-attack and the pull-back to Mayadin
    # (28 or 29 October); once both days are past, both agree IS held Al-Quriyah.
    assert on(run, "2017-10-29")["Al-Quriyah"]["certainty"] == "contested"
    later = on(run, "2017-10-30")["Al-Quriyah"]
    # The troops withdrew; that IS then held the town is inferred, not stated.
    assert (later["holder"], later["certainty"]) == ("isil", "inferred")
    assert [(b["event"], b["status"]) for b in later["basis"]] == [
        ("withdrawal-to-mayadin", "inferred")
    ]


def test_a_disputed_claim_of_recapture_contests_the_pocket_while_the_dispute_lasts(
    run: Run,
) -> None:
    # The June 2018 announcement that the desert pocket was retaken is called premature:
    # IS attacks went on all summer. After the summer the claim is only noted.
    summer = on(run, "2018-07-15")["Homs–Deir ez-Zor desert pocket"]
    assert (summer["holder"], summer["certainty"]) == ("isil", "contested")
    assert [d["id"] for d in summer["disputes"]] == ["desert-pocket-recaptured"]
    # Afterwards IS holds most of it again; the army's share rests on IS falling back into
    # the desert, which says no more than that the army may have taken what IS left.
    after = on(run, "2018-10-15")["Homs–Deir ez-Zor desert pocket"]
    assert after["certainty"] == "inferred"


def test_a_day_inside_an_uncertain_span_is_possible_with_the_holder_it_may_pass_to(
    run: Run,
) -> None:
    # The pocket southeast of Mayadin was cleared "by 28 November": on the 24th it may or may
    # not have fallen yet.
    pocket = on(run, "2017-11-24")["ISIL pocket southeast of Mayadin"]
    assert (pocket["holder"], pocket["certainty"]) == ("isil", "possible")
    assert [h["holder"] for h in pocket["may_pass_to"]] == ["government"]
    assert [p["date_latest"] for p in pocket["pending"]] == ["2017-11-28"]
    assert "may have passed to Syrian government and allies by 28 Nov 2017" in pocket["reason"]
    assert on(run, "2017-11-28")["ISIL pocket southeast of Mayadin"]["certainty"] == "certain"


def test_every_place_is_listed_those_without_a_holder_last(run: Run) -> None:
    result = run("control", "--on", "2017-11-10", "--format", "json")
    rows = result.json()
    places = run("places", "--format", "json").json()
    assert len(rows) == len(places)
    certainties = [row["certainty"] for row in rows]
    first_unknown = certainties.index("unknown")
    assert set(certainties[first_unknown:]) == {"unknown"}
    syria = next(row for row in rows if row["place"] == "syria")
    assert (syria["holder"], syria["holders"]) == (None, [])


def test_a_month_means_its_last_day(run: Run) -> None:
    assert on(run, "2017-11") == on(run, "2017-11-30")
    assert {row["on"] for row in on(run, "2017-W45").values()} == {"2017-11-12"}


def test_a_claim_made_since_the_holding_began_is_mentioned(run: Run) -> None:
    # Pro-government sources said on 8 November that the town had fallen; SOHR said only
    # parts of it were held.
    abu_kamal = on(run, "2017-11-08", "Abu Kamal")["Abu Kamal"]
    assert [c["claimed_by"] for c in abu_kamal["claimed"]] == ["pro-government-media"]
    assert "unconfirmed" in abu_kamal["reason"]
    assert held(abu_kamal) == {("isil", "partial"), ("government", "partial")}


def test_one_place_on_a_day(run: Run) -> None:
    assert list(on(run, "2017-11-20", "Abu Kamal")) == ["Abu Kamal"]


def test_between_1_and_30_november_the_border_towns_changed_hands(run: Run) -> None:
    found = diff(run, "2017-11-01", "2017-11-30")
    # Abu Kamal, Al-Qa'im across the border, the crossing; Deir ez-Zor and its Hamidiyah
    # district (2-3 November); the pocket and Al-Quriyah (by 28 November).
    assert {
        "Abu Kamal",
        "Al-Qa'im",
        "Abu Kamal border crossing",
        "Deir ez-Zor",
        "Hamidiyah",
        "ISIL pocket southeast of Mayadin",
        "Al-Quriyah",
    } <= set(found)
    abu_kamal = found["Abu Kamal"]
    assert (abu_kamal["before_holder"], abu_kamal["after_holder"]) == ("isil", "government")
    assert abu_kamal["net_change"] is True
    assert [c["event"] for c in abu_kamal["changes"]][-1] == "abu-kamal-second-capture"
    assert [c["date"] for c in abu_kamal["changes"]] == sorted(
        c["date"] for c in abu_kamal["changes"]
    )
    assert found["Al-Qa'im"]["after_holder"] == "iraq"
    assert {h["holder"] for h in found["Deir ez-Zor"]["before_holders"]} == {"isil", "government"}


def test_a_place_that_changed_hands_and_back_is_flagged(run: Run) -> None:
    # Abu Kamal: IS's stronghold (the offensive article's lead) until 9 November, partly
    # retaken that night, wholly on 11 November: IS again, as on 1 November.
    abu_kamal = diff(run, "2017-11-01", "2017-11-15")["Abu Kamal"]
    assert abu_kamal["net_change"] is False
    assert abu_kamal["before_holder"] == abu_kamal["after_holder"] == "isil"
    assert len(abu_kamal["changes"]) == 4
    # Al-Quriyah: nobody is known to have held it on 20 October (the government held it
    # when IS pushed it out of parts by 25 October; since when, the texts do not say).
    quriyah = diff(run, "2017-10-20", "2017-12-01")["Al-Quriyah"]
    assert quriyah["net_change"] is True
    assert (quriyah["before_holder"], quriyah["before_certainty"]) == (None, "unknown")
    assert quriyah["after_holder"] == "government"
    assert len(quriyah["changes"]) == 4


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (("--diff", "2017-11-30", "2017-11-01"), ("swap them", "'2017-11-01' '2017-11-30'")),
        (("--on", "2017-11-10", "--diff", "2017-11-01", "2017-11-30"), ("--on", "--diff")),
        (("--on", "2017-11-31"), ("'2017-11-31'", "no day 31")),
        (("--on", "2017-11", "--fields", "place,holdr"), ("'holdr'", "did you mean 'holder'")),
        (("--diff", "2017-11-01", "2017-11-30", "--fields", "changez"), ("'changez'", "changes")),
        (("--format", "timelinejs"), ("'timelinejs'", "geojson")),
        (("--diff", "2017-11-01"), ("requires 2 arguments: --diff DATE1 DATE2",)),
    ],
)
def test_bad_input_is_one_line_naming_the_value_and_the_fix(
    run: Run, args: tuple[str, ...], names: tuple[str, ...]
) -> None:
    result = run("control", *args)
    assert result.status == 2
    assert result.out == ""
    assert len(result.err.strip().splitlines()) == 1
    for name in names:
        assert name in result.err


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("Abu Kamal",),
        ("--on", "2017-11-10"),
        ("Abu Kamal", "--on", "2017-11-10"),
        ("--diff", "2017-11-01", "2017-11-30"),
    ],
)
def test_every_view_writes_geojson_points_per_place(run: Run, args: tuple[str, ...]) -> None:
    result = run("control", *args, "--format", "geojson")
    assert result.status == 0, result.err
    document = result.json()
    assert document["type"] == "FeatureCollection"
    features = document["features"]
    assert features
    places = {p["id"]: p for p in run("places", "--format", "json").json()}
    for feature in features:
        assert feature["geometry"]["type"] == "Point"
        # The summary and one place: a feature per period, "place/1", "place/2"...
        where = places[feature["id"].split("/")[0]]
        assert feature["geometry"]["coordinates"] == [where["lon"], where["lat"]]


def test_geojson_of_a_day_carries_holder_and_certainty(run: Run) -> None:
    document = run("control", "--on", "2017-11-10", "--format", "geojson").json()
    abu_kamal = next(f for f in document["features"] if f["id"] == "abu-kamal")
    properties = abu_kamal["properties"]
    assert (properties["holder"], properties["extent"], properties["certainty"]) == (
        "isil",
        "partial",
        "contested",
    )
    assert properties["reason"]
    # Flat, as its CSV cell: QGIS labels by it (GDAL read a list as a JSON string).
    assert properties["holders"].count("; ") == 1


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("Abu Kamal",),
        ("--on", "2017-11-10"),
        ("--diff", "2017-11-01", "2017-11-30"),
    ],
)
def test_every_view_takes_csv_flat_and_fields(run: Run, args: tuple[str, ...]) -> None:
    rows = list(csv.DictReader(io.StringIO(run("control", *args, "--format", "csv").out)))
    assert rows
    for row in rows:
        assert not any(value.startswith(("[", "{")) for value in row.values())
    first = list(rows[0])[:2]
    picked = run("control", *args, "--format", "jsonl", "--fields", ",".join(reversed(first)))
    lines = picked.out.splitlines()
    assert len(lines) == len(rows)
    assert list(picked.json() if len(lines) == 1 else __import__("json").loads(lines[0])) == list(
        reversed(first)
    )


def test_csv_joins_holders_as_the_events_csv_joins_lists(run: Run) -> None:
    rows = csv.DictReader(io.StringIO(run("control", "--on", "2017-11-10", "--format", "csv").out))
    abu_kamal = next(row for row in rows if row["place"] == "abu-kamal")
    assert abu_kamal["holders"].startswith("Syrian government and allies (the rest); Islamic")


def test_piped_lines_are_one_place_each() -> None:
    result = run_process("control", "--on", "2017-11-10")
    lines = result.stdout.splitlines()
    assert len(lines) == len(run_process("places", "--format", "tsv").stdout.splitlines())
    assert lines[0].split("\t")[:3] == [
        "Abu Kamal",
        "Syrian government and allies (the rest); Islamic State (ISIL) (part: 40 percent "
        "(offensive article) or large parts (campaign article))",
        "contested",
    ]
    changed = run_process("control", "--diff", "2017-11-01", "2017-11-30").stdout.splitlines()
    assert all(line.count("\t") == 4 for line in changed)


@pytest.mark.parametrize("width", [40, 80, 120, 200])
def test_the_tables_fit_and_are_tables_where_there_is_room(
    run: Run, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    for args, table_from in (
        (("--on", "2017-11-24"), 80),
        (("--on", "2017-10-13"), 80),
        (("--diff", "2017-11-01", "2017-11-30"), 120),
    ):
        out = run("control", *args, "--format", "table").out
        lines = out.splitlines()
        assert all(len(line) <= width for line in lines)
        # One line per place where the table has room: its headings on one line.
        assert (
            (lines[1].startswith("Place ") and "Held by" in lines[1]) or "After" in lines[1]
        ) == (width >= table_from), out
