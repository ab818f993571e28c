"""`map`: the terminal map, `map --svg`, holders with --on, KML read back, and the curated lines.

Facts from the articles: the Abu Kamal offensive is fought from Deir ez-Zor and Mayadin down
to Abu Kamal; Iraqi forces held Al-Qa'im before Abu Kamal first fell (9 November 2017);
the government held Mayadin (taken 14 October) by then; Abu Kamal changed hands the same day
and was fought over.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import Run, drawn_map, run_on_terminal
from eastsyria.output.svg import side_colour

DATA = Path(__file__).resolve().parents[1] / "data" / "events.json"
SVG = "{http://www.w3.org/2000/svg}"
KML = "{http://www.opengis.net/kml/2.2}"
CAMPAIGN = ("--campaign", "abu-kamal-offensive")


def _braille(text: str) -> list[str]:
    return [ch for ch in text if 0x2801 <= ord(ch) <= 0x28FF]


def _dense(text: str) -> int:
    """Braille cells with four dots or more: the river is drawn two dots thick."""
    return sum(1 for ch in _braille(text) if bin(ord(ch) - 0x2800).count("1") >= 4)


@pytest.mark.parametrize("columns", [40, 60, 80])
def test_the_places_listed_under_the_map_are_never_broken_across_lines(
    columns: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "Abu Kamal border crossing (1)" stays on one line: a list breaks between names."""
    monkeypatch.setenv("COLUMNS", str(columns))
    monkeypatch.setenv("NO_COLOR", "1")
    result = run_on_terminal("map")
    assert result.status == 0, result.err
    listed = result.out[result.out.index("Located too broadly") :]
    for name in ("Abu Kamal border crossing (1)", "Deir ez-Zor Governorate (6)"):
        assert any(name in line for line in listed.splitlines()), name


@pytest.mark.parametrize("columns", [80, 120])
def test_the_terminal_map_fits_the_width_and_names_the_valley(
    columns: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    result = run_on_terminal("map", *CAMPAIGN)
    assert result.status == 0, result.err
    lines = result.out.splitlines()
    from rich.cells import cell_len

    assert all(cell_len(line) <= columns for line in lines)
    assert len(_braille(result.out)) > 200
    assert _dense(result.out) > 20
    for name in ("Abu Kamal (", "Mayadin", "Hajin", "Al-Qa'im"):
        assert name in result.out
    assert "Euphrates (drawn to ±5 km)" in result.out
    assert "Syria–Iraq border" in result.out
    assert " km " in result.out  # the scale bar
    assert "events on the map" in result.err


def test_without_lines_no_river_is_drawn(tmp_path: Path) -> None:
    data = json.loads(DATA.read_text("utf-8"))
    del data["lines"]
    bare = tmp_path / "bare.json"
    bare.write_text(json.dumps(data), "utf-8")
    result = run_on_terminal("--data", str(bare), "map", *CAMPAIGN)
    assert result.status == 0, result.err
    assert _dense(result.out) < 5  # rings that cross, at most
    assert "Euphrates (drawn" not in result.out


def test_piped_the_map_is_plain_text(run: Run) -> None:
    result = run("map", *CAMPAIGN)
    assert result.status == 0
    assert "\x1b" not in result.out
    assert _braille(result.out)
    assert "Abu Kamal (" in result.out


def test_the_terminal_map_is_coloured_by_holder_on_a_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    result = run_on_terminal("map", *CAMPAIGN, "--on", "2017-11-10")
    assert "\x1b[" in result.out
    assert "Holders at the end of 10 Nov 2017" in result.out
    # Abu Kamal changed hands that day and was fought over: marked as uncertain.
    assert "Abu Kamal (3) ?" in result.out.replace("\x1b[0m", "").replace("\x1b[1m", "")


def _svg(run: Run, tmp_path: Path, *args: str, data: Path | None = None) -> ET.Element:
    target = tmp_path / "map.svg"
    first = ("--data", str(data)) if data else ()
    result = run(*first, "map", *args, "--svg", str(target), "--format", "geojson")
    assert result.status == 0, result.err
    text = target.read_text("utf-8")
    assert "http" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "href" not in text
    return ET.fromstring(text)


def _marks(root: ET.Element, kind: str) -> dict[str, ET.Element]:
    return {g.get("data-id", ""): g for g in root.iter(f"{SVG}g") if g.get("class") == kind}


def test_the_svg_map_has_a_mark_per_event_and_its_places(run: Run, tmp_path: Path) -> None:
    root = _svg(run, tmp_path, *CAMPAIGN)
    events = run("events", *CAMPAIGN, "--format", "json").json()
    marks = [g for g in root.iter(f"{SVG}g") if g.get("class") == "event"]
    assert sorted(g.get("data-id") for g in marks) == sorted(e["id"] for e in events)
    places = _marks(root, "place")
    assert {"abu-kamal", "mayadin", "deir-ez-zor", "hajin", "al-qaim"} <= set(places)
    # Governorates and countries are never a dot on the map.
    assert "deir-ez-zor-governorate" not in places
    assert "syria" not in places
    # Each place is a circle as wide as its coordinates are uncertain: T-2 (±25 km) is wider
    # than Abu Kamal (±2 km).
    radius = {pid: float(places[pid].findall(f"{SVG}circle")[0].get("r", 0)) for pid in places}
    assert radius["t2-pumping-station"] > 5 * radius["abu-kamal"]
    paths = [p for p in root.iter(f"{SVG}path") if p.get("stroke-dasharray") == "9 5"]
    assert paths, "the border is dashed"


def test_the_svg_map_colours_places_by_holder(run: Run, tmp_path: Path) -> None:
    places = _marks(_svg(run, tmp_path, *CAMPAIGN, "--on", "2017-11-10"), "place")

    def fill(place: str) -> str | None:
        return places[place].findall(f"{SVG}circle")[1].get("fill")

    assert fill("al-qaim") == side_colour("iraq")
    assert fill("mayadin") == side_colour("government")
    ring = places["abu-kamal"].findall(f"{SVG}circle")[0]
    assert ring.get("stroke-dasharray") == "4 3", "contested: dashed"


def test_hostile_names_stay_text(run: Run, tmp_path: Path) -> None:
    data = json.loads(DATA.read_text("utf-8"))
    hostile = "</text><script>alert(1)</script>\u202eevil"
    for place in data["places"]:
        if place["id"] == "abu-kamal":
            place["name"] = hostile
    data["lines"][0]["name"] = "<svg onload=alert(1)>"
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(data), "utf-8")
    root = _svg(run, tmp_path, data=path)
    text = ET.tostring(root, encoding="unicode")
    assert not list(root.iter(f"{SVG}script"))
    assert "\u202e" not in text
    labels = "".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "<script>alert(1)</script>" in labels
    shown = run_on_terminal("--data", str(path), "map")
    assert "\u202e" not in shown.out
    assert "\x1b" not in shown.out


def _kml(run: Run, *args: str) -> tuple[str, ET.Element]:
    result = run(*args, "--format", "kml")
    assert result.status == 0, result.err
    return result.out, ET.fromstring(result.out)


@pytest.mark.parametrize("command", ["events", "timeline", "map"])
def test_kml_has_a_placemark_and_timespan_per_event(run: Run, command: str) -> None:
    _, root = _kml(run, command, *CAMPAIGN)
    assert root.tag == f"{KML}kml"
    events = {e["id"]: e for e in run("events", *CAMPAIGN, "--format", "json").json()}
    folder = next(f for f in root.iter(f"{KML}Folder") if f.findtext(f"{KML}name") == "Events")
    marks = folder.findall(f"{KML}Placemark")
    assert len(marks) == len(events)
    for mark in marks:
        data = {d.get("name"): d.text for d in mark.iter(f"{KML}SimpleData")}
        event = events[data["id"] or ""]
        # The whole of each day: from the first second of its start to the last of its end.
        assert mark.findtext(f"{KML}TimeSpan/{KML}begin") == f"{event['start']}T00:00:00"
        assert mark.findtext(f"{KML}TimeSpan/{KML}end") == f"{event['end']}T23:59:59"
        assert float(data["coord_precision_km"] or 0) > 0
        assert mark.find(f"{KML}Point/{KML}coordinates") is not None
    # The first capture of Abu Kamal is dated to the day: it spans that day, and no other.
    first = next(m for m in marks if "abu-kamal-first-capture" in ET.tostring(m, "unicode"))
    assert first.findtext(f"{KML}TimeSpan/{KML}begin") == "2017-11-09T00:00:00"
    assert first.findtext(f"{KML}TimeSpan/{KML}end") == "2017-11-09T23:59:59"


def test_kml_reads_back_with_gdal(run: Run, tmp_path: Path) -> None:
    if shutil.which("ogrinfo") is None:
        if os.environ.get("CI"):
            pytest.fail("ogrinfo is not installed; .ci/run installs gdal-bin")
        pytest.skip("ogrinfo (gdal-bin) is not installed")
    text, _ = _kml(run, "map", *CAMPAIGN)
    path = tmp_path / "map.kml"
    path.write_text(text, "utf-8")
    listing = subprocess.run(
        ["ogrinfo", "-ro", "-al", "-so", str(path)], capture_output=True, text=True, check=True
    ).stdout
    count = len(run("events", *CAMPAIGN, "--format", "json").json())
    layers = listing.split("Layer name: ")[1:]
    counts = {
        layer.split("\n")[0]: layer.split("Feature Count: ")[1].split()[0] for layer in layers
    }
    assert counts["Events"] == str(count)
    assert counts["Lines"] == "2"


def test_map_geojson_is_points_and_its_lines_come_with_lines(run: Run) -> None:
    # A GIS layer holds one kind of geometry: GDAL read the mixed collection as "Unknown".
    features = run("map", *CAMPAIGN, "--format", "geojson").json()["features"]
    assert features
    assert {f["geometry"]["type"] for f in features} == {"Point"}
    lines = run("map", "--format", "geojson", "--lines").json()["features"]
    assert {f["geometry"]["type"] for f in lines} == {"LineString"}
    assert {f["properties"]["kind"] for f in lines} == {"river", "border"}


def test_lines_are_geojson_only(run: Run) -> None:
    result = run("map", "--lines", "--format", "kml")
    assert result.status == 2
    assert result.out == ""
    assert result.err.strip().splitlines() == [
        "eastsyria: error: --lines writes the map's lines as GeoJSON, not as kml: add "
        "--format geojson (KML has them in a folder of their own)"
    ]


def test_a_bad_line_is_one_clear_error(run: Run, tmp_path: Path) -> None:
    data = json.loads(DATA.read_text("utf-8"))
    data["lines"][0]["points"] = [[40.1, 95]]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), "utf-8")
    result = run("--data", str(path), "map")
    assert result.status == 2
    assert result.out == ""
    assert len(result.err.strip().splitlines()) == 1
    assert "latitude 95 is outside -90..90" in result.err
    assert "Traceback" not in result.err


def _label_extents(svg: Path) -> tuple[float, float, list[tuple[str, float, float, float]]]:
    """The map's frame (width, height) and each name in it: its text, where it starts and
    ends left to right by the width estimate the map places it by (a bold name in the bold
    face), and its baseline."""
    from eastsyria.output.pictures.marks import text_width

    root = ET.parse(svg).getroot()
    frame = root.find(f"{SVG}clipPath/{SVG}rect")
    assert frame is not None
    area = next(g for g in root.iter(f"{SVG}g") if g.get("clip-path") == "url(#map-area)")
    names = []
    for element in area.iter(f"{SVG}text"):
        said = "".join(element.itertext())
        width = text_width(said, 12, bold=element.get("class") == "bold")
        x = float(element.get("x", "0"))
        anchor = element.get("text-anchor", "start")
        start = x - {"start": 0.0, "middle": width / 2, "end": width}[anchor]
        names.append((said, start, start + width, float(element.get("y", "0"))))
    return float(frame.get("width", "0")), float(frame.get("height", "0")), names


@pytest.mark.parametrize(
    ("events", "width"), [(None, 600), (None, 1000), (None, 1400), (600, 800), (600, 1200)]
)
def test_every_place_name_on_the_svg_map_sits_inside_its_frame(
    run: Run, tmp_path: Path, events: int | None, width: int
) -> None:
    """A name in bold is wider than one in the regular face: placed as if regular, 'Hamdan
    Military Airbase (1)' ran past the right edge of the shipped map 1,000 px wide, and a
    name of the map of 600 events past it at every width tried."""
    frame_w, frame_h, names = _label_extents(drawn_map(run, tmp_path, width, events))
    assert len(names) > 10
    outside = [n for n in names if n[1] < 0 or n[2] > frame_w or not 12 <= n[3] <= frame_h]
    assert outside == []
