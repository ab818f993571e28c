"""The GeoJSON and KML exports in the clients their users open (issue 28): QGIS's temporal
controller (Debian's python3-qgis, run offscreen by the system's Python) and GDAL's
ogrinfo (gdal-bin). Each is skipped where its client is missing, and fails under CI=true.

QGIS, as a user sets a layer up (start and end from fields, its default limit mode "include
start, exclude end", or "include end"), must show every event on each of its days and on no
other (tests/clients/qgis_temporal.py). Before issue 28 the files had only the ISO days
`start` and `end`: GDAL reads them as dates, QGIS takes a date as its midnight, and on the
frame of 9 November 2017 it showed 7 of the 9 events of that day (42 of 479 days wrong).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import Run

QGIS_SCRIPT = Path(__file__).resolve().parent / "clients" / "qgis_temporal.py"
SYSTEM_PYTHON = "/usr/bin/python3"


def _need(present: bool, what: str, package: str) -> None:
    if present:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} is not installed; .ci/run installs {package}")
    pytest.skip(f"{what} ({package}) is not installed")


def _has_qgis() -> bool:
    if not Path(SYSTEM_PYTHON).exists():
        return False
    probe = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import qgis.core"],
        capture_output=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    return probe.returncode == 0


@pytest.fixture(scope="module")
def qgis() -> None:
    _need(_has_qgis(), "QGIS for the system's Python", "python3-qgis")


@pytest.fixture(scope="module")
def ogrinfo() -> None:
    _need(shutil.which("ogrinfo") is not None, "ogrinfo", "gdal-bin")


def _frames(path: Path, *options: str) -> tuple[int, list[dict[str, object]]]:
    """What QGIS's temporal controller shows of `path`, a JSON line per day."""
    done = subprocess.run(
        [SYSTEM_PYTHON, str(QGIS_SCRIPT), str(path), *options],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
        timeout=600,
    )
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, [json.loads(line) for line in done.stdout.splitlines()]


def _write(run: Run, tmp_path: Path, name: str, *args: str) -> Path:
    result = run(*args)
    assert result.status == 0, result.err
    path = tmp_path / name
    path.write_text(result.out, "utf-8")
    return path


@pytest.mark.usefixtures("qgis")
@pytest.mark.parametrize("mode", ["default", "include-end"])
def test_qgis_shows_every_event_on_each_of_its_days_and_no_other(
    run: Run, tmp_path: Path, mode: str
) -> None:
    path = _write(run, tmp_path, "events.geojson", "events", "--format", "geojson")
    status, days = _frames(path, "--limit-mode", mode)
    wrong = [day["day"] for day in days if day["shown"] != day["expected"]]
    assert (status, wrong) == (0, [])
    ninth = next(day for day in days if day["day"] == "2017-11-09")
    assert "abu-kamal-first-capture" in ninth["shown"]
    assert len(ninth["shown"]) == 9
    tenth = next(day for day in days if day["day"] == "2017-11-10")
    assert "abu-kamal-first-capture" not in tenth["shown"]


@pytest.mark.usefixtures("qgis")
def test_qgis_dropped_one_day_events_on_their_day_by_the_iso_days_alone(
    run: Run, tmp_path: Path
) -> None:
    """Why the date-times: `start` and `end` as QGIS reads them (dates, taken as their
    midnight) lose an event of one day on that day under the default limit mode."""
    path = _write(run, tmp_path, "events.geojson", "events", "--format", "geojson")
    status, days = _frames(path, "--start", "start", "--end", "end")
    ninth = next(day for day in days if day["day"] == "2017-11-09")
    assert status == 1
    assert "abu-kamal-first-capture" not in ninth["shown"]
    assert "abu-kamal-first-capture" in ninth["expected"]


@pytest.mark.usefixtures("qgis")
@pytest.mark.parametrize("mode", ["default", "include-end"])
def test_qgis_plays_who_held_each_place_day_by_day(run: Run, tmp_path: Path, mode: str) -> None:
    """A feature per place and period of control shows from the first day its change may
    have happened to the last day its end may have (open ends: the data's first and last
    day of a change), and on no other day."""
    path = _write(run, tmp_path, "control.geojson", "control", "--format", "geojson")
    periods = ("--id", "place_id,holder,start", "--expect-end", "end_latest")
    status, days = _frames(path, *periods, "--limit-mode", mode)
    wrong = [day["day"] for day in days if day["shown"] != day["expected"]]
    assert (status, wrong) == (0, [])
    ninth = next(day for day in days if day["day"] == "2017-11-09")
    held = {key.split("|")[1] for key in ninth["shown"] if key.startswith("abu-kamal|")}
    assert held == {"isil", "government"}  # it changed hands that day


@pytest.mark.usefixtures("qgis")
@pytest.mark.parametrize("mode", ["default", "include-end"])
@pytest.mark.parametrize("command", ["events", "control"])
def test_qgis_reads_each_kml_timespan_as_whole_days(
    run: Run, tmp_path: Path, mode: str, command: str
) -> None:
    """QGIS (GDAL's LIBKML) reads a TimeSpan as the fields `begin` and `end`: each placemark
    shows on the days from its begin's to its end's, both included, and on no other. (With
    the ISO days alone, `end` read as its midnight, the 9 November frame showed 7 of 9.)"""
    path = _write(run, tmp_path, f"{command}.kml", command, "--format", "kml")
    spans = ("--start", "begin", "--end", "end", "--expect-start", "begin", "--expect-end", "end")
    status, days = _frames(path, *spans, "--id", "Name,begin", "--limit-mode", mode)
    wrong = [day["day"] for day in days if day["shown"] != day["expected"]]
    assert (status, wrong) == (0, [])
    assert days[0]["fields"] == {"begin": "DateTime", "end": "DateTime"}


def _ogrinfo(path: Path, *options: str) -> str:
    return subprocess.run(
        ["ogrinfo", "-ro", "-al", "-so", *options, str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def _layers(listing: str) -> dict[str, str]:
    return {part.split("\n")[0]: part for part in listing.split("Layer name: ")[1:]}


@pytest.mark.usefixtures("ogrinfo")
def test_gdal_reads_a_geometry_type_per_geojson_layer_and_typed_times(
    run: Run, tmp_path: Path
) -> None:
    for args, geometry in [
        (("events",), "Point"),
        (("map",), "Point"),
        (("map", "--lines"), "Line String"),
        (("control",), "Point"),
    ]:
        path = _write(run, tmp_path, "layer.geojson", *args, "--format", "geojson")
        listing = _ogrinfo(path)
        assert f"Geometry: {geometry}\n" in listing, args
        # Flat: no property GDAL reads as a JSON string.
        assert "(JSON)" not in listing, args
        if geometry == "Point":
            assert "time_start: DateTime" in listing, args
            assert "time_end: DateTime" in listing, args


@pytest.mark.usefixtures("ogrinfo")
def test_gdal_reads_kml_fields_typed_and_a_geometry_type_per_folder(
    run: Run, tmp_path: Path
) -> None:
    path = _write(run, tmp_path, "map.kml", "map", "--format", "kml")
    # LIBKML (QGIS's reader): the Schema's types, and each TimeSpan as date-times.
    typed = _layers(_ogrinfo(path))
    assert "coord_precision_km: Real" in typed["Events"]
    assert "coord_precision_km: Real" in typed["Places"]
    assert "precision_km: Real" in typed["Lines"]
    assert "begin: DateTime" in typed["Events"]
    # GDAL's own KML reader reads each folder as a layer of one geometry type.
    plain = _layers(_ogrinfo(path, "--config", "GDAL_SKIP", "LIBKML"))
    geometries = {
        name: layer.split("Geometry: ")[1].split("\n")[0] for name, layer in plain.items()
    }
    assert geometries == {"Events": "Point", "Places": "Point", "Lines": "Line String"}
