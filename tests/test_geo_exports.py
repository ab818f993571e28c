"""GeoJSON and KML as GIS clients read them (issue 28): each day whole as date-times, flat
properties, a style per side and typed fields in KML, one geometry type per layer, and a
feature per place and period of control.

The real clients (QGIS's temporal controller, GDAL) read these files in
tests/test_geo_clients.py; here are the values themselves, so they hold wherever those
clients are missing.

Facts from the articles: Abu Kamal first fell on 9 November 2017 (an event of one day)
and changed hands again that day; ISIL held it before.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from conftest import Run

KML = "{http://www.opengis.net/kml/2.2}"
DATA = Path(__file__).resolve().parents[1] / "data" / "events.json"
# The fields an events CSV row joins from lists (and objects), as GeoJSON now carries them.
JOINED = ("places", "actors", "control", "casualties", "sources", "disputes", "dated_by")


def _flat(properties: dict[str, Any]) -> bool:
    return all(isinstance(v, str | int | float | bool) or v is None for v in properties.values())


def _lead_side(view: dict[str, Any]) -> str:
    for role in ("attacker", "claimant", "reporter"):
        for actor in view["actors"]:
            if actor["role"] == role:
                return str(actor["side"])
    return str(view["actors"][0]["side"]) if view["actors"] else "unknown"


def test_each_event_feature_covers_its_days_whole_and_is_flat(run: Run) -> None:
    views = {v["id"]: v for v in run("events", "--format", "json").json()}
    places = {p["id"]: p for p in run("places", "--format", "json").json()}
    rows = {
        row["id"]: row
        for row in csv.DictReader(
            io.StringIO(run("events", "--format", "csv", "--no-csv-guard").out)
        )
    }
    features = run("events", "--format", "geojson").json()["features"]
    assert len(features) == sum(len(v["places"]) for v in views.values())
    for feature in features:
        properties = feature["properties"]
        view = views[properties["id"]]
        assert _flat(properties), feature["id"]
        # The contract's days stay as they are; the date-times cover them whole.
        assert (properties["start"], properties["end"]) == (view["start"], view["end"])
        assert properties["time_start"] == f"{view['start']}T00:00:00"
        assert properties["time_end"] == f"{view['end']}T23:59:59"
        # Lists joined as the CSV row joins them.
        for name in JOINED:
            assert properties[name] == rows[view["id"]][name], (feature["id"], name)
        # The feature's own place, and the side the pictures draw the event in.
        place = places[properties["place_id"]]
        assert feature["id"] == f"{view['id']}@{place['id']}"
        assert (properties["place_name"], properties["place_kind"]) == (
            place["name"],
            place["kind"],
        )
        assert properties["coord_precision_km"] == place["coord_precision_km"]
        assert properties["lead_side"] == _lead_side(view)
    first = next(f for f in features if f["id"] == "abu-kamal-first-capture@abu-kamal")
    assert first["properties"]["time_start"] == "2017-11-09T00:00:00"
    assert first["properties"]["time_end"] == "2017-11-09T23:59:59"
    assert first["properties"]["place_name"] == "Abu Kamal"


@pytest.mark.parametrize(
    "args",
    [
        ("map",),
        ("control",),
        ("control", "Abu Kamal"),
        ("control", "--on", "2017-11-10"),
        ("control", "--diff", "2017-11-01", "2017-11-30"),
    ],
    ids=" ".join,
)
def test_every_geojson_property_is_a_flat_value(run: Run, args: tuple[str, ...]) -> None:
    # GDAL reads a list or object as a "JSON" string QGIS cannot style or label by.
    features = run(*args, "--format", "geojson").json()["features"]
    assert features
    for feature in features:
        assert _flat(feature["properties"]), feature["id"]


def test_control_geojson_is_a_feature_per_place_and_period(run: Run) -> None:
    summary = run("control", "--format", "json").json()
    features = run("control", "--format", "geojson").json()["features"]
    held = {
        row["place"]: run("control", row["place"], "--format", "json").json()["periods"]
        for row in summary
    }
    assert [f["id"] for f in features] == [
        f"{place}/{n}" for place, periods in held.items() for n in range(1, len(periods) + 1)
    ]
    one = run("control", "Abu Kamal", "--format", "geojson").json()["features"]
    assert one == [f for f in features if f["properties"]["place_id"] == "abu-kamal"]
    changes = [e for e in run("events", "--format", "json").json() if e["control"]]
    # Held since before the data, or still at its end: its first or last change's day.
    bounds = (min(e["start"] for e in changes), max(e["end"] for e in changes))
    for feature in features:
        properties = feature["properties"]
        place, number = feature["id"].split("/")
        period = held[place][int(number) - 1]
        for name in ("holder", "holder_name", "extent", "certainty", "start", "end"):
            assert properties[name] == period[name], (feature["id"], name)
        # From the first day the change may have happened to the last its end may have.
        start = period["start"] or bounds[0]
        end = period["end_latest"] or bounds[1]
        assert properties["time_start"] == f"{start}T00:00:00", feature["id"]
        assert properties["time_end"] == f"{end}T23:59:59", feature["id"]
    abu_kamal = [f["properties"] for f in one]
    assert [(p["holder"], p["start"]) for p in abu_kamal[:2]] == [
        ("isil", None),
        ("government", "2017-11-08"),
    ]


@pytest.mark.parametrize("day", ["2017-09-20", "2017-10-15", "2017-11-09", "2017-11-24"])
def test_the_periods_shown_on_a_day_hold_the_holder_control_on_gives(run: Run, day: str) -> None:
    """What a time slider shows on a day includes who `control --on` says held each place at
    its end (the day a change may fall, the old and the new holders both show)."""
    features = run("control", "--format", "geojson").json()["features"]
    shown: dict[str, set[str]] = {}
    for feature in features:
        p = feature["properties"]
        if p["time_start"][:10] <= day <= p["time_end"][:10]:
            shown.setdefault(p["place_id"], set()).add(p["holder"])
    standing = run("control", "--on", day, "--format", "json").json()
    checked = 0
    for row in standing:
        if row["holder"] is not None and row["place"] in {
            f["properties"]["place_id"] for f in features
        }:
            assert row["holder"] in shown.get(row["place"], set()), (day, row["place"])
            checked += 1
    assert checked


def _kml(run: Run, *args: str) -> ET.Element:
    result = run(*args, "--format", "kml")
    assert result.status == 0, result.err
    return ET.fromstring(result.out)


@pytest.mark.parametrize("command", ["events", "timeline", "map"])
def test_kml_styles_each_event_by_its_lead_side_in_the_pictures_colours(
    run: Run, command: str
) -> None:
    from eastsyria.output.kml import kml_colour, side_style_id
    from eastsyria.output.svg import UNKNOWN_COLOUR, side_colour

    root = _kml(run, command)
    styles = {s.get("id"): s for s in root.iter(f"{KML}Style")}
    sides = [s["id"] for s in json.loads(DATA.read_text("utf-8"))["sides"]]
    assert sides
    for side in sides:
        style = styles[f"side-{side}"]
        assert style.findtext(f"{KML}IconStyle/{KML}color") == kml_colour(side_colour(side))
        # Each keeps the balloon that is the description alone.
        assert style.findtext(f"{KML}BalloonStyle/{KML}text") == "$[description]"
    unknown = styles["side-unknown"].findtext(f"{KML}IconStyle/{KML}color")
    assert unknown == kml_colour(UNKNOWN_COLOUR)
    assert kml_colour("#D55E00") == "ff005ed5"  # aabbggrr
    views = {v["id"]: v for v in run("events", "--format", "json").json()}
    events = next(f for f in root.iter(f"{KML}Folder") if f.findtext(f"{KML}name") == "Events")
    for mark in events.findall(f"{KML}Placemark"):
        data = {d.get("name"): d.text for d in mark.iter(f"{KML}SimpleData")}
        side = _lead_side(views[data["id"] or ""])
        assert data["lead_side"] == side
        assert mark.findtext(f"{KML}styleUrl") == f"#{side_style_id(side)}"


def test_kml_extended_data_is_typed_by_its_schema(run: Run) -> None:
    root = _kml(run, "map")
    schemas = {
        f"#{schema.get('id')}": [(f.get("name"), f.get("type")) for f in schema]
        for schema in root.iter(f"{KML}Schema")
    }
    assert ("coord_precision_km", "double") in schemas["#event-fields"]
    assert ("precision_km", "double") in schemas["#line-fields"]
    marks = list(root.iter(f"{KML}Placemark"))
    assert marks
    for mark in marks:
        data = mark.find(f"{KML}ExtendedData/{KML}SchemaData")
        assert data is not None
        fields = schemas[data.get("schemaUrl") or ""]
        assert [d.get("name") for d in data] == [name for name, _ in fields]
        for (_, kind), value in zip(fields, data, strict=True):
            if kind == "double":
                float(value.text or "")


@pytest.mark.parametrize("side", ['x"/><script>pwn(1)</script>', "a b", "", "é", "#x"])
def test_a_style_id_is_never_made_of_a_data_files_text(side: str) -> None:
    from eastsyria.output.kml import side_style_id

    made = side_style_id(side)
    assert re.fullmatch(r"sidehash-[0-9a-f]{16}", made)
    assert side_style_id("government") == "side-government"


def test_control_kml_is_a_placemark_per_place_and_period(run: Run) -> None:
    from eastsyria.output.kml import side_style_id

    features = run("control", "--format", "geojson").json()["features"]
    root = _kml(run, "control")
    marks = list(root.iter(f"{KML}Placemark"))
    assert len(marks) == len(features)
    for mark, feature in zip(marks, features, strict=True):
        p = feature["properties"]
        data = {d.get("name"): d.text for d in mark.iter(f"{KML}SimpleData")}
        assert (data["place_id"], data["holder"]) == (p["place_id"], p["holder"])
        assert mark.findtext(f"{KML}TimeSpan/{KML}begin") == p["time_start"]
        assert mark.findtext(f"{KML}TimeSpan/{KML}end") == p["time_end"]
        assert mark.findtext(f"{KML}styleUrl") == f"#{side_style_id(p['side'] or 'unknown')}"
    one = _kml(run, "control", "Abu Kamal")
    names = [m.findtext(f"{KML}name") for m in one.iter(f"{KML}Placemark")]
    assert names[:2] == [
        "Abu Kamal: Islamic State (ISIL)",
        "Abu Kamal: Syrian government and allies",
    ]


@pytest.mark.parametrize(
    "view", [("--on", "2017-11-10"), ("--diff", "2017-11-01", "2017-11-30")], ids=" ".join
)
def test_control_kml_of_a_day_is_a_placemark_per_row(run: Run, view: tuple[str, ...]) -> None:
    from eastsyria.output.kml import side_style_id

    rows = run("control", *view, "--format", "json").json()
    root = _kml(run, "control", *view)
    marks = list(root.iter(f"{KML}Placemark"))
    assert [m.findtext(f"{KML}name") for m in marks] == [r["place_label"] for r in rows]
    # Typed as the JSON's values are: a boolean as bool, text as string.
    fields = {f.get("name"): f.get("type") for f in root.iter(f"{KML}SimpleField")}
    assert fields["place"] == "string"
    if view[0] == "--on":
        assert fields["split"] == "bool"
    for mark, row in zip(marks, rows, strict=True):
        data = {d.get("name"): d.text or "" for d in mark.iter(f"{KML}SimpleData")}
        assert data["place"] == row["place"]
        side = row.get("side") or "unknown"
        assert mark.findtext(f"{KML}styleUrl") == f"#{side_style_id(side)}"
