"""The README's one command per client (QGIS, a spreadsheet, Zotero and pandoc, Google Earth),
run as a user runs it, and what it writes opened in that client: GDAL's ogrinfo and QGIS for
the GeoJSON and its style, Python's csv reader for the spreadsheet, pandoc's citeproc for the
citations, GDAL's KML reader (which QGIS uses too) for Google Earth's file.

The program each command ends by opening (`&& qgis FILE`, `&& google-earth-pro FILE`) is a
desktop application: it is left out, and its file opened by the client that can run here.
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest

from test_cite_styles import rendered
from test_geo_clients import ogrinfo, qgis  # noqa: F401  (the fixtures)
from test_qgis_style import _opened

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
CLIENTS = README.split("<!-- clients -->", 1)[1].split("<!-- /clients -->", 1)[0]
COMMANDS = re.findall(r"```bash\n(.+?)\n```", CLIENTS)
# A desktop application the command ends by opening its file in.
OPENED = re.compile(r" && (qgis|google-earth-pro) (\S+)$")


def _command(start: str) -> str:
    found = [command for command in COMMANDS if command.startswith(start)]
    assert len(found) == 1, (start, COMMANDS)
    return found[0]


def _run(command: str, folder: Path) -> Path | None:
    """Run the README's `command` in `folder` with this interpreter's eastsyria; the file
    it ends by opening in a desktop application, if any."""
    opened = OPENED.search(command)
    line = OPENED.sub("", command)
    line = re.sub(r"(^|&& )eastsyria ", rf"\g<1>{sys.executable} -m eastsyria ", line)
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", line],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return folder / opened.group(2) if opened else None


def test_there_is_a_command_for_each_client() -> None:
    assert [command.split()[1] for command in COMMANDS] == [
        "events",
        "control",
        "events",
        "cite",
        "events",
    ]


def _ogrinfo(path: Path) -> str:
    done = subprocess.run(
        ["ogrinfo", "-so", "-al", str(path)], capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.mark.usefixtures("ogrinfo", "qgis")
def test_qgis_opens_the_events_styled_and_playing_by_day(tmp_path: Path) -> None:
    opened = _run(_command("eastsyria events --format geojson --qml"), tmp_path)
    assert opened == tmp_path / "events.geojson"
    summary = _ogrinfo(opened)
    assert "Geometry: Point" in summary
    assert "time_start: DateTime" in summary
    assert "lead_side: String" in summary
    qgis_view = _opened(opened, "2017-11-09")
    assert qgis_view["temporal"]["active"] is True
    assert "abu-kamal-first-capture" in qgis_view["shown"]
    assert "abu-kamal-second-capture" not in qgis_view["shown"]  # 19 November


@pytest.mark.usefixtures("ogrinfo", "qgis")
def test_qgis_opens_the_periods_of_control(tmp_path: Path) -> None:
    opened = _run(_command("eastsyria control --format geojson --qml"), tmp_path)
    assert opened == tmp_path / "held.geojson"
    assert "Geometry: Point" in _ogrinfo(opened)
    qgis_view = _opened(opened, "2017-11-09", "--id", "place_id")
    assert qgis_view["temporal"]["active"] is True
    assert "abu-kamal" in qgis_view["shown"]


def test_a_spreadsheet_gets_a_place_and_its_coordinates_on_every_row(tmp_path: Path) -> None:
    assert _run(_command("eastsyria events --format csv"), tmp_path) is None
    with (tmp_path / "events.csv").open(encoding="utf-8", newline="") as sheet:
        rows = list(csv.DictReader(sheet))
    assert len(rows) == 72
    for row in rows:
        # In Syria and its Iraqi border country, where every curated place lies.
        assert 32 < float(row["lat"]) < 38, row["id"]
        assert 35 < float(row["lon"]) < 43, row["id"]
        assert float(row["coord_precision_km"]) > 0
        assert row["place_name"]


def test_pandoc_renders_the_citations_in_apa(tmp_path: Path) -> None:
    _run(_command("eastsyria cite"), tmp_path)
    items = (tmp_path / "sources.json").read_text(encoding="utf-8")
    (tmp_path / "pandoc").mkdir()
    text = rendered(items, tmp_path / "pandoc", "apa.csl")
    assert "In Wikipedia. Retrieved" in text
    assert "https://en.wikipedia.org/wiki/2017_Abu_Kamal_offensive#" in text


@pytest.mark.usefixtures("ogrinfo")
def test_google_earths_file_is_points_in_time_with_typed_fields(tmp_path: Path) -> None:
    opened = _run(_command("eastsyria events --format kml"), tmp_path)
    assert opened == tmp_path / "events.kml"
    summary = _ogrinfo(opened)
    events = summary.split("Layer name: Events", 1)[1].split("Layer name:", 1)[0]
    assert "Feature Count: 72" in events
    # GDAL's KML reader declares no layer's geometry type: every feature's is read instead.
    features = subprocess.run(
        ["ogrinfo", "-q", "-geom=SUMMARY", str(opened), "Events"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    geometries = re.findall(r"^\s+([A-Z]+) :", features, re.MULTILINE)
    assert geometries == ["POINT"] * 72
    assert "begin: DateTime" in events
    assert "coord_precision_km: Real" in events
