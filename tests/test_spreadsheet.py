"""What a spreadsheet or pandas reads (issue 28): every event row says where the event is, flat
(`place_id`, `place_name`, `lat`, `lon`, `coord_precision_km`), and TSV can start with its
field names (`--header`)."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from conftest import TESTS, Run, run_process

LOCATED = ["place_id", "place_name", "lat", "lon", "coord_precision_km"]
# Syria's extent (WGS84), a little widened: every curated place lies inside it.
SYRIA_LAT = (32.3, 37.4)
SYRIA_LON = (35.6, 42.5)


def _csv(out: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(out)))


def test_every_curated_event_is_located_in_syria_in_numbers_a_spreadsheet_reads(run: Run) -> None:
    """The CSV as Python's csv module reads it: lat and lon parse as floats inside Syria for
    every event with a place (every curated one has one), at the event's own place."""
    rows = _csv(run("events", "-f", "csv").out)
    views = {view["id"]: view for view in run("events", "-f", "json").json()}
    assert len(rows) == len(views) == 72
    for row in rows:
        view = views[row["id"]]
        assert view["places"], row["id"]
        lat, lon, km = float(row["lat"]), float(row["lon"]), float(row["coord_precision_km"])
        assert SYRIA_LAT[0] < lat < SYRIA_LAT[1], row["id"]
        assert SYRIA_LON[0] < lon < SYRIA_LON[1], row["id"]
        assert km > 0
        # One of the event's own places, and the most precisely located of them.
        place = next(p for p in view["places"] if p["id"] == row["place_id"])
        assert (row["place_name"], lat, lon) == (place["name"], place["lat"], place["lon"])


def test_the_place_is_the_most_precisely_located_of_the_event_s_places(run: Run) -> None:
    places = {p["id"]: p for p in run("places", "-f", "json").json()}
    for view in run("events", "-f", "json").json():
        precision = [places[p["id"]]["coord_precision_km"] for p in view["places"]]
        first_best = view["places"][precision.index(min(precision))]["id"]
        assert view["place_id"] == first_best, view["id"]
        assert view["coord_precision_km"] == min(precision)


def test_a_row_is_located_where_kml_draws_the_event(run: Run) -> None:
    """One rule for both: the event's placemark stands at its row's lat and lon."""
    rows = {row["id"]: row for row in run("events", "-f", "json").json()}
    kml = ET.fromstring(run("events", "-f", "kml").out)
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    events = kml.find("k:Document/k:Folder", ns)
    assert events is not None
    drawn = 0
    for mark in events.findall("k:Placemark", ns):
        data = {  # <Data><value> or, typed by a <Schema>, <SimpleData>
            str(d.get("name")): d.findtext("k:value", None, ns) or d.text or ""
            for d in mark.iter()
            if d.tag.endswith("Data") and d.get("name")
        }
        lon, lat = (float(x) for x in mark.findtext("k:Point/k:coordinates", "", ns).split(","))
        row = rows[data["id"]]
        assert (data["place"], lat, lon) == (row["place_id"], row["lat"], row["lon"])
        assert float(data["coord_precision_km"]) == row["coord_precision_km"]
        drawn += 1
    assert drawn == len(rows)


def _after_dated_by(fields: list[str]) -> list[str]:
    at = fields.index("dated_by") + 1
    return fields[at : at + len(LOCATED)]


def test_the_location_ends_every_event_format_in_the_same_order(run: Run) -> None:
    view = run("events", "--limit", "1", "-f", "json").json()[0]
    # After `dated_by`; an imported row's own columns (`dataset`, ...) come after it.
    assert _after_dated_by(list(view)) == LOCATED
    line = json.loads(run("events", "--limit", "1", "-f", "jsonl").out)
    assert _after_dated_by(list(line)) == LOCATED
    header = run("events", "--limit", "1", "-f", "csv").out.splitlines()[0]
    assert _after_dated_by(header.split(",")) == LOCATED
    # TSV: after the columns scripts cut (start ... type), so those stay where they were.
    tsv = run("events", "--limit", "1", "-f", "tsv", "--header").out.splitlines()
    assert tsv[0].split("\t") == [
        "start", "end", "id", "title", "places", "actors", "type", *LOCATED,
    ]  # fmt: skip
    cells = tsv[1].split("\t")
    assert cells[2] == view["id"]
    located = [view["place_id"], view["place_name"], view["lat"], view["lon"]]
    assert cells[-5:] == [*map(str, located), str(view["coord_precision_km"])]


def test_with_near_the_distance_keeps_its_column_and_the_location_follows(run: Run) -> None:
    out = run("events", "--near", "Abu Kamal", "--radius", "30", "-f", "tsv", "--header").out
    header = out.splitlines()[0].split("\t")
    assert header[7] == "distance_text"
    assert header[8:] == LOCATED


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "jsonl", "markdown"])
def test_fields_choose_the_location_in_every_format(run: Run, fmt: str) -> None:
    result = run("events", "--on", "2017-11-09", "--fields", "lat,lon,place_name", "-f", fmt)
    assert result.status == 0, result.err
    expected = [
        [view["lat"], view["lon"], view["place_name"]]
        for view in run("events", "--on", "2017-11-09", "-f", "json").json()
    ]
    assert expected
    if fmt == "json":
        got = [list(row.values()) for row in result.json()]
    elif fmt == "jsonl":
        got = [list(json.loads(line).values()) for line in result.out.splitlines()]
    else:
        sep = {"csv": ",", "tsv": "\t", "markdown": " | "}[fmt]
        lines = result.out.splitlines()
        if fmt == "csv":
            assert lines[0] == "lat,lon,place_name"
            lines = lines[1:]
        if fmt == "markdown":
            lines = [line.strip("| ") for line in lines[2:]]
        got = [[float(a), float(b), c] for a, b, c in (line.split(sep) for line in lines)]
    assert got == expected


# -- TSV --header, on every command that writes TSV ----------------------------------------

TSV_QUERIES = [
    ("events",),
    ("events", "--fields", "id,lat,lon"),
    ("events", "--near", "Mayadin", "--radius", "15"),
    ("places",),
    ("actors",),
    ("campaigns",),
    ("control",),
    ("control", "Abu Kamal"),
    ("control", "--on", "2017-11-10"),
    ("control", "--diff", "2017-10-01", "2017-12-01"),
    ("compare", "eastern-syria-campaign", "abu-kamal-offensive-2017"),
    ("disputes",),
    ("casualties",),
    ("casualties", "--total"),
    ("reconcile", "--data", str(TESTS / "samples" / "acled-reconcile.json")),
]


def test_every_command_that_writes_tsv_takes_header() -> None:
    from eastsyria.output.formats import COMMAND_FORMATS

    takers = {name for name, formats in COMMAND_FORMATS.items() if "tsv" in formats}
    assert takers == {query[0] for query in TSV_QUERIES}


@pytest.mark.parametrize("args", TSV_QUERIES, ids=" ".join)
def test_header_is_the_field_names_then_the_same_lines(run: Run, args: tuple[str, ...]) -> None:
    plain = run(*args, "-f", "tsv")
    headed = run(*args, "-f", "tsv", "--header")
    assert (plain.status, headed.status) == (0, 0), headed.err
    first, rest = headed.out.split("\n", 1)
    assert rest == plain.out  # without --header, exactly what it was
    names = first.split("\t")
    assert names
    assert all(name.isidentifier() for name in names)
    assert {line.count("\t") for line in plain.out.splitlines()} == {len(names) - 1}
    if args[0] in ("events", "actors", "campaigns", "disputes"):  # fields the JSON has too
        first_object = json.loads(run(*args, "-f", "jsonl").out.splitlines()[0])
        assert set(names) <= set(first_object) | {"event", "claimant_name", "source", "statement"}


def test_a_piped_answer_gets_the_header_without_format() -> None:
    piped = run_process("events", "--on", "2017-11-09", "--header")  # TSV, as on any pipe
    assert piped.returncode == 0
    assert piped.stdout.splitlines()[0].startswith("start\tend\tid\ttitle\t")


def test_an_empty_answer_is_its_header_alone(run: Run) -> None:
    result = run("events", "--from", "2019-06-01", "-f", "tsv", "--header")
    assert result.status == 0
    assert result.out.splitlines() == ["\t".join(
        ["start", "end", "id", "title", "places", "actors", "type", *LOCATED]
    )]  # fmt: skip


@pytest.mark.parametrize("fmt", ["csv", "markdown", "table"])
def test_header_changes_nothing_where_there_is_always_one(run: Run, fmt: str) -> None:
    assert run("places", "-f", fmt, "--header").out == run("places", "-f", fmt).out


@pytest.mark.parametrize(
    ("args", "fmt"),
    [(("events",), "json"), (("events",), "jsonl"), (("events",), "geojson"),
     (("events",), "kml"), (("control",), "geojson"), (("places",), "json")],
)  # fmt: skip
def test_header_with_a_format_of_objects_is_refused_in_one_line(
    run: Run, args: tuple[str, ...], fmt: str
) -> None:
    result = run(*args, "-f", fmt, "--header")
    assert result.status == 2
    assert result.out == ""
    assert result.err == (
        f"eastsyria: error: --header is for tsv (csv, markdown and tables always have one), "
        f"not {fmt}\n"
    )


def test_header_is_only_an_option_of_the_commands_that_write_tsv(run: Run) -> None:
    assert run("stats", "--header").status == 2
    assert "--header" in run("events", "--help").out
    assert "--header" not in run("map", "--help").out
