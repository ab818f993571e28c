"""`import acled|ucdp`: the sample files under tests/samples (the codebooks' own column
headers, with awkward rows) become data files that validate and answer like the curated
data; every row is imported or reported with its line, none is lost.

The expected values are read from the sample rows themselves (the CSV files), not from the
program's output."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from conftest import TESTS, Run

SAMPLES = TESTS / "samples"
ACLED = SAMPLES / "acled-syria.csv"
UCDP = SAMPLES / "ucdp-syria.csv"
OLD_ACLED = SAMPLES / "acled-old-layout.csv"


def data_rows(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as stream:
        return sum(1 for _ in csv.reader(stream)) - 1


def imported(run: Run, kind: str, sample: Path, tmp_path: Path, *extra: str) -> Path:
    out = tmp_path / f"{sample.stem}.json"
    result = run("import", kind, str(sample), "-o", str(out), *extra)
    assert result.status == 0, result.err
    return out


def query(run: Run, data: Path, *args: str) -> Any:
    result = run("--data", str(data), *args, "--format", "json")
    assert result.status == 0, result.err
    return result.json()


@pytest.mark.parametrize(
    ("kind", "sample"), [("acled", ACLED), ("ucdp", UCDP), ("acled", OLD_ACLED)]
)
def test_no_row_is_lost_and_the_result_validates(
    run: Run, tmp_path: Path, kind: str, sample: Path
) -> None:
    out = tmp_path / "out.json"
    result = run("import", kind, str(sample), "-o", str(out))
    last = result.err.strip().splitlines()[-1]
    reported = [line for line in result.err.splitlines() if line.startswith(f"{sample}:")]
    document = json.loads(out.read_text(encoding="utf-8"))
    total = data_rows(sample)
    assert last.startswith(
        f"imported {len(document['events'])} of {total} rows; {len(reported)} reported"
    )
    assert len(document["events"]) + len(reported) == total
    assert run("validate", str(out)).status == 0


def test_each_awkward_acled_row_is_reported_with_its_physical_line(
    run: Run, tmp_path: Path
) -> None:
    result = run("import", "acled", str(ACLED), "-o", str(tmp_path / "a.json"))
    reported = {
        int(line.split(":")[1]): line.split(": ", 1)[1]
        for line in result.err.splitlines()
        if line.startswith(f"{ACLED}:")
    }
    # SYR1003's note spans lines 4 to 6, so the rows after it start three lines on.
    assert sorted(reported) == [9, 10, 11, 12, 13]
    assert "no coordinates" in reported[9]  # SYR1006, latitude blank
    assert "31 February 2017" in reported[10]  # SYR1007
    assert "SYR1001" in reported[11]
    assert "line 2" in reported[11]
    assert "95.2" in reported[12]  # a latitude past the pole
    assert "time_precision '4'" in reported[13]
    assert "imported 5 of 10 rows; 5 reported" in result.err


def test_rejected_rows_are_written_with_line_and_reason(run: Run, tmp_path: Path) -> None:
    rejected = tmp_path / "rejected.csv"
    imported(run, "ucdp", UCDP, tmp_path, "--rejected", str(rejected))
    with rejected.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [row["line"] for row in rows] == ["9", "10", "11", "12"]
    assert "date_end 2017-11-18 is before date_start 2017-11-20" in rows[1]["reason"]
    assert "not in order" in rows[3]["reason"]  # best 50 above high 40


def test_acled_dates_are_spans_of_their_precision(run: Run, tmp_path: Path) -> None:
    data = imported(run, "acled", ACLED, tmp_path)
    events = {e["id"]: e for e in query(run, data, "events")}
    spans = {key: (e["start"], e["end"]) for key, e in events.items()}
    assert spans["acled-syr1001"] == ("2017-11-09", "2017-11-09")  # precision 1: the day
    # "09 November 2017", precision 2: within a week of it.
    assert spans["acled-syr1002"] == ("2017-11-03", "2017-11-15")
    assert spans["acled-syr1003"] == ("2017-10-01", "2017-10-31")  # precision 3: the month


def test_ucdp_dates_keep_start_and_end(run: Run, tmp_path: Path) -> None:
    data = imported(run, "ucdp", UCDP, tmp_path)
    spans = {e["id"]: (e["start"], e["end"]) for e in query(run, data, "events")}
    assert spans["ucdp-190001"] == ("2017-11-09", "2017-11-09")
    assert spans["ucdp-190002"] == ("2017-11-03", "2017-11-06")  # "2017-11-03 00:00:00.000"
    assert spans["ucdp-190003"] == ("2017-10-16", "2017-10-22")
    assert spans["ucdp-190004"] == ("2017-10-01", "2017-10-31")
    assert spans["ucdp-190005"] == ("2017-01-01", "2017-12-31")
    document = json.loads(data.read_text(encoding="utf-8"))
    words = {e["id"]: e["date"]["precision"] for e in document["events"]}
    assert words["ucdp-190004"] == "month"
    assert words["ucdp-190005"] == "year"


def test_precision_codes_become_radii(run: Run, tmp_path: Path) -> None:
    acled = json.loads(imported(run, "acled", ACLED, tmp_path).read_text(encoding="utf-8"))
    km = {p["name"]: p["coord_precision_km"] for p in acled["places"] if p["kind"] == "location"}
    assert (km["Abu Kamal"], km["Hajin"], km["الميادين"]) == (5, 25, 100)  # geo_precision 1, 2, 3
    ucdp = json.loads(imported(run, "ucdp", UCDP, tmp_path).read_text(encoding="utf-8"))
    km = {p["name"]: p["coord_precision_km"] for p in ucdp["places"] if p["kind"] == "location"}
    # where_prec 1 to 7, rows 190001, 190002, 190003, 190004, 190006, 190005, 190007.
    assert [
        km[name]
        for name in (
            "Abu Kamal town",
            "Hajin town",
            "الميادين",
            "Dayr az Zawr governorate",
            "Şeddadê",
            "Syria",
            "Border airspace",
        )
    ] == [5, 25, 50, 100, 250, 500, 1000]


def test_admin_levels_cover_their_locations(run: Run, tmp_path: Path) -> None:
    data = json.loads(imported(run, "acled", ACLED, tmp_path).read_text(encoding="utf-8"))
    places = {p["id"]: p for p in data["places"]}
    district = places["abu-kamal-admin2"]
    # Abu Kamal (34.4506, 40.9171, 5 km) and Hajin (34.6958, 40.8355, 25 km).
    assert district["lat"] == pytest.approx((34.4506 + 34.6958) / 2, abs=1e-4)
    assert district["coord_precision_km"] >= 25 + 14
    assert "covers every one of them" in district["coord_note"]
    assert places["abu-kamal"]["parent"] == "abu-kamal-admin2"
    assert places["abu-kamal-admin2"]["parent"] == "deir-ez-zor-admin1"
    assert places["deir-ez-zor-admin1"]["parent"] == "syria"


def test_near_answers_from_the_imported_rows(run: Run, tmp_path: Path) -> None:
    data = imported(run, "acled", ACLED, tmp_path)
    near = [e["id"] for e in query(run, data, "events", "--near", "abu-kamal", "--radius", "30")]
    # Abu Kamal itself and Hajin, about 28 km away; not Mayadin, Deir ez-Zor or Şeddadê.
    assert sorted(near) == ["acled-syr1001", "acled-syr1002"]


def test_non_latin_names_survive(run: Run, tmp_path: Path) -> None:
    data = imported(run, "acled", ACLED, tmp_path)
    names = {p["name"] for p in query(run, data, "places")}
    assert {"الميادين", "Şeddadê"} <= names
    result = run("--data", str(data), "events", "--place", "الميادين", "--format", "json")
    assert [e["id"] for e in result.json()] == ["acled-syr1003"]
    notes = {e["id"]: e["summary"] for e in query(run, data, "events")}
    assert notes["acled-syr1001"].count('"IS"') == 1  # quotes and commas inside a cell
    assert "\n" in notes["acled-syr1003"]  # the multi-line note


def test_actors_get_sides_from_the_default_mapping(run: Run, tmp_path: Path) -> None:
    data = imported(run, "acled", ACLED, tmp_path)
    sides = {a["name"]: a["side"] for a in query(run, data, "actors")}
    assert sides["Military Forces of Syria (2000-)"] == "government"
    assert sides["Hezbollah"] == "government"  # an associated actor, split on ';'
    assert sides["Islamic State (Syria)"] == "isil"
    assert sides["YPG: People's Protection Units"] == "sdf"
    assert sides["Civilians (Syria)"] == "other"
    assert sides["Liwa Ahrar al-Sharqiya"] == "unknown"  # in no list of names


def test_a_sides_file_of_ones_own(run: Run, tmp_path: Path) -> None:
    printed = run("import", "sides")
    assert printed.status == 0
    own = tmp_path / "sides.toml"
    own.write_text(
        printed.out.replace(
            'match = ["Islamic State", ', 'match = ["Liwa Ahrar", "Islamic State", '
        ),
        encoding="utf-8",
    )
    data = imported(run, "acled", ACLED, tmp_path, "--sides", str(own))
    sides = {a["name"]: a["side"] for a in query(run, data, "actors")}
    assert sides["Liwa Ahrar al-Sharqiya"] == "isil"


def test_fatalities_become_claims_and_a_blank_is_none(run: Run, tmp_path: Path) -> None:
    data = imported(run, "acled", ACLED, tmp_path)
    rows = query(run, data, "casualties")
    figures = {row["event"]: (row["party"], row["low"], row["high"]) for row in rows}
    assert figures["acled-syr1001"] == ("all", 12, None)  # "at least": ACLED counts low
    assert figures["acled-syr1005"] == ("civilians", 3, None)  # violence against civilians
    assert figures["acled-syr1003"] == ("all", 0, 0)
    assert "acled-syr1002" not in figures  # fatalities blank: no claim


def test_ucdp_keeps_low_best_high_and_the_parties(run: Run, tmp_path: Path) -> None:
    data = imported(run, "ucdp", UCDP, tmp_path)
    rows = [r for r in query(run, data, "casualties") if r["event"] == "ucdp-190001"]
    found = {(r["party"], r["low"], r["high"], r["best"]) for r in rows}
    # low 20, best 26, high 40; deaths_a 4 (Government of Syria), deaths_b 20 (IS), 2 civilians.
    assert found == {
        ("all", 20, 40, 26),
        ("government-of-syria", 4, 4, None),
        ("is", 20, 20, None),
        ("civilians", 2, 2, None),
    }
    totals = [r for r in query(run, data, "casualties") if r["event"] == "ucdp-190004"]
    assert totals == []  # best, low and high blank


def test_timeline_and_stats_answer(run: Run, tmp_path: Path) -> None:
    data = imported(run, "ucdp", UCDP, tmp_path)
    stats = query(run, data, "stats")
    assert stats["events"] == 7  # 11 rows, 4 reported
    months = {p["period"]: p["count"] for p in stats["periods"]}
    # By earliest day: 190005 (2017), 190003 and 190004 (October), the other four November.
    assert (months["2017-01"], months["2017-10"], months["2017-11"]) == (1, 2, 4)
    timeline = run("--data", str(data), "timeline")
    assert timeline.status == 0
    assert "Government of Syria - IS at Abu Kamal town" in timeline.out


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("import", "ucdp", str(ACLED)), "looks like an ACLED export"),
        (("import", "acled", str(UCDP)), "looks like a UCDP GED file"),
        (("import", "acled", "nowhere.csv"), "CSV file 'nowhere.csv' does not exist"),
        (("import", "acledd", str(ACLED)), "did you mean"),
        (("import", "acled"), "needs the CSV file"),
        (("import", "acled", str(ACLED), "--sides", "no-such.toml"), "eastsyria import sides >"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(run: Run, args: tuple[str, ...], words: str) -> None:
    result = run(*args)
    assert result.status == 2
    assert words in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert "Traceback" not in result.err


def test_a_missing_column_is_named(run: Run, tmp_path: Path) -> None:
    lines = ACLED.read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0].replace("geo_precision", "geo_prec")
    broken = tmp_path / "broken.csv"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("import", "acled", str(broken))
    assert result.status == 2
    assert "no column geo_precision" in result.err
    assert "ACLED export" in result.err


def test_the_shipped_data_file_is_never_overwritten(run: Run) -> None:
    from eastsyria.data.load import shipped_data_path

    before = shipped_data_path().read_bytes()
    result = run("import", "acled", str(ACLED), "-o", str(shipped_data_path()))
    assert result.status == 2
    assert "shipped data file" in result.err
    assert shipped_data_path().read_bytes() == before


def test_without_o_the_file_goes_to_stdout(run: Run) -> None:
    result = run("import", "acled", str(OLD_ACLED))
    assert json.loads(result.out)["events"][0]["id"] == "acled-syr2001"
    assert result.err.strip() == "imported 2 of 2 rows; 0 reported"


# -- places that share a name (issue 24, part 3) ---------------------------------------------
# In the ACLED sample the town of Abu Kamal (row SYR1001) and its district (admin2, which
# also holds Hajin, row SYR1002) are both "Abu Kamal"; so are Deir ez Zor's town, district
# and governorate. UCDP's row 190003 is placed at a location named like its governorate.

AMBIGUOUS_NOTE = (
    "--place 'Abu Kamal' fits 2 places, so the answer is for both: 'Abu Kamal (location)' "
    "(abu-kamal) and 'Abu Kamal (district)' (abu-kamal-admin2); to pick one, give the name as "
    "shown or the id\n"
)


def place_ids(run: Run, data: Path, *args: str) -> tuple[list[str], str]:
    result = run("--data", str(data), "events", *args, "--format", "json")
    assert result.status == 0, result.err
    return [e["id"] for e in result.json()], result.err


def test_a_name_a_town_and_its_district_share_answers_for_both(run: Run, tmp_path: Path) -> None:
    data = imported(run, "acled", ACLED, tmp_path)
    # The district holds the town and Hajin: both rows, never the town's one alone.
    found, said = place_ids(run, data, "--place", "Abu Kamal")
    assert found == ["acled-syr1002", "acled-syr1001"]
    assert said == AMBIGUOUS_NOTE
    # However it is spelt, as names match.
    spelt = said.replace("'Abu Kamal'", "'abu kamal'", 1)
    assert place_ids(run, data, "--place", "abu kamal") == (found, spelt)


@pytest.mark.parametrize(
    "args",
    [
        ["disputes", "--actor", "nobody"],
        ["casualties", "--radius", "5"],
        ["report", "-o", "."],
        ["timeline", "--lanes", "place"],
    ],
)
def test_a_failing_command_says_only_its_error_not_the_note_on_the_name(
    run: Run, tmp_path: Path, args: list[str]
) -> None:
    # Found by benchmarks/fuzz.py: the note came first, then the error, two lines.
    data = imported(run, "acled", ACLED, tmp_path)
    result = run("--data", str(data), args[0], "--place", "Abu Kamal", *args[1:])
    assert result.status == 2
    assert len(result.err.splitlines()) == 1
    assert result.err.startswith("eastsyria: error: ")


def test_the_note_on_the_name_comes_just_before_a_written_answer(run: Run, tmp_path: Path) -> None:
    data = imported(run, "acled", ACLED, tmp_path)
    page = tmp_path / "page.html"
    result = run("--data", str(data), "report", "--place", "Abu Kamal", "-o", str(page))
    assert result.status == 0
    assert result.err == AMBIGUOUS_NOTE + f"wrote {page}: 2 events\n"


def test_a_qualified_name_or_an_id_picks_one_place(run: Run, tmp_path: Path) -> None:
    data = imported(run, "acled", ACLED, tmp_path)
    assert place_ids(run, data, "--place", "Abu Kamal (location)") == (["acled-syr1001"], "")
    assert place_ids(run, data, "--place", "abu-kamal") == (["acled-syr1001"], "")
    district = (["acled-syr1002", "acled-syr1001"], "")
    assert place_ids(run, data, "--place", "Abu Kamal (district)") == district
    assert place_ids(run, data, "--place", "abu kamal (DISTRICT)") == district
    assert place_ids(run, data, "--place", "abu-kamal-admin2") == district
    # The town and Hajin are inside the district: --inside keeps them.
    assert place_ids(run, data, "--place", "Abu Kamal (district)", "--inside") == district


def test_one_place_is_needed_for_near_and_control_place(run: Run, tmp_path: Path) -> None:
    data = imported(run, "acled", ACLED, tmp_path)
    listed = (
        "'Abu Kamal (location)' (abu-kamal) and 'Abu Kamal (district)' (abu-kamal-admin2); "
        "it takes one: give the name as shown or the id\n"
    )
    near = run("--data", str(data), "events", "--near", "Abu Kamal")
    assert (near.status, near.out) == (2, "")
    assert near.err == f"eastsyria: error: --near 'Abu Kamal' fits 2 places: {listed}"
    held = run("--data", str(data), "control", "Abu Kamal")
    assert (held.status, held.out) == (2, "")
    assert held.err == f"eastsyria: error: PLACE 'Abu Kamal' fits 2 places: {listed}"
    assert run("--data", str(data), "control", "Abu Kamal (district)").status == 0


def test_places_of_one_name_are_told_apart_wherever_they_are_shown(
    run: Run, tmp_path: Path
) -> None:
    data = imported(run, "acled", ACLED, tmp_path)
    places = query(run, data, "places")
    labels = {p["id"]: p["label"] for p in places}
    assert len(set(labels.values())) == len(labels)
    assert labels["abu-kamal"] == "Abu Kamal (location)"
    assert labels["abu-kamal-admin2"] == "Abu Kamal (district)"
    assert labels["deir-ez-zor-admin1"] == "Deir ez Zor (governorate)"
    assert labels["hajin"] == "Hajin"  # no other place is named so
    # JSON keeps the name as the data file has it.
    assert {p["name"] for p in places if p["id"].startswith("abu-kamal")} == {"Abu Kamal"}
    hajin = next(p for p in places if p["id"] == "hajin")
    assert (hajin["parent_name"], hajin["parent_label"]) == ("Abu Kamal", "Abu Kamal (district)")
    # The lines a pipe gets, and the table's rows: no two alike.
    for args in (("places",), ("control", "--on", "2017-12-31")):
        lines = run("--data", str(data), *args, "--format", "tsv").out.splitlines()
        assert len(lines) == len(set(lines)) == len(places)
        table = run("--data", str(data), *args, "--format", "table").out
        assert "Abu Kamal (location)" in table
        assert "Abu Kamal (district)" in table
    rows = query(run, data, "control", "--on", "2017-12-31")
    assert len({r["place_label"] for r in rows}) == len(rows)
    event = query(run, data, "events", "--place", "abu-kamal")[0]
    assert [(p["name"], p["label"]) for p in event["places"]] == [
        ("Abu Kamal", "Abu Kamal (location)")
    ]
    shown = run("--data", str(data), "show", "acled-syr1001", "--format", "json").json()
    assert shown["places"][0]["within"] == [
        "Abu Kamal (district)",
        "Deir ez Zor (governorate)",
        "Syria",
    ]


def test_ucdp_places_named_like_their_governorate_are_told_apart(run: Run, tmp_path: Path) -> None:
    data = imported(run, "ucdp", UCDP, tmp_path)
    labels = {p["id"]: p["label"] for p in query(run, data, "places")}
    assert labels["dayr-az-zawr-governorate"] == "Dayr az Zawr governorate (location)"
    assert labels["dayr-az-zawr-governorate-admin1"] == "Dayr az Zawr governorate (governorate)"
    found, said = place_ids(run, data, "--place", "Dayr az Zawr governorate")
    # The governorate holds every row placed in it, the location's among them.
    located, _ = place_ids(run, data, "--place", "Dayr az Zawr governorate (location)")
    whole, _ = place_ids(run, data, "--place", "dayr-az-zawr-governorate-admin1")
    assert set(located) < set(whole) == set(found)
    assert said.startswith("--place 'Dayr az Zawr governorate' fits 2 places, so the answer")


def test_near_tells_how_far_a_vague_place_may_lie_and_wholly_within_drops_it(
    run: Run, tmp_path: Path
) -> None:
    data = imported(run, "ucdp", UCDP, tmp_path)
    near = {
        e["id"]: e for e in query(run, data, "events", "--near", "Abu Kamal town", "--radius", "30")
    }
    # "Border airspace" (row 190007): its point is 11 km from the town's, but good only to
    # 1,000 km (where_prec 7), the town's to 5: it may lie up to 1,016 km away, told in 50s.
    airspace = near["ucdp-190007"]
    assert airspace["distance_text"] == "up to 1050 km from Abu Kamal town"
    # Hajin town (190002): 28 km, good to 25 km (where_prec 2): up to 58 km, in 10s.
    assert near["ucdp-190002"]["distance_text"] == "up to 60 km from Abu Kamal town"
    strict = query(
        run, data, "events", "--near", "Abu Kamal town", "--radius", "30", "--wholly-within"
    )
    assert [e["id"] for e in strict] == ["ucdp-190001"]
    # 58 km: Hajin town is kept with a radius that holds the whole of both circles.
    wide = query(
        run, data, "events", "--near", "Abu Kamal town", "--radius", "59", "--wholly-within"
    )
    assert sorted(e["id"] for e in wide) == ["ucdp-190001", "ucdp-190002"]
