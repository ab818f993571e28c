"""The control picture draws at most what it can show: past PLACE_ROWS (40) places, the 40
that changed hands most and a count of the rest (`--all` draws every one); in a row whose
holdings do not fit THINNEST (10) pixels each, a pixel column that two or more holdings fall
in is one stretch that says how often the place changed hands there. The curated picture is
not crowded and has fewer than 40 places: it is drawn as before (tests/test_charts.py).

Every expected count is computed here from the data as written, not from the program."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from builders import actor, catalog, change, date, event, place, side
from tests import test_huge
from tests.conftest import Run, drawn_both_ways

from eastsyria.core.catalog import Catalog
from eastsyria.core.standing import Band
from eastsyria.output.pictures.bands import control_chart
from eastsyria.output.pictures.control import Mixed, column_pieces, control_svg, crowded

ROWS = 40  # the README's number: a control picture draws at most 40 places unless --all
THINNEST = 10  # the narrowest a holding is drawn in a row that has room for it
SVG = "{http://www.w3.org/2000/svg}"
FIRST = dt.date(2017, 1, 1)
SIDES = [side("government", "Syrian government"), side("isil", "Islamic State")]

document = test_huge.document
huge_file = test_huge.huge_file


def _day(offset: int) -> str:
    return (FIRST + dt.timedelta(days=offset)).isoformat()


def _changes(town: str, days: list[int]) -> list[dict[str, Any]]:
    """A change of `town` on each of `days`, back and forth between the two sides."""
    holders = ("isil", "government")
    return [
        event(
            f"{town}-{number:05d}",
            date(_day(offset)),
            places=[town],
            control=[change(town, holders[number % 2], holders[(number + 1) % 2])],
        )
        for number, offset in enumerate(days)
    ]


def _towns(counts: list[int]) -> Catalog:
    """Town n changes hands counts[n] times, every 3 days from day n."""
    towns = [f"town-{number:03d}" for number in range(len(counts))]
    events = [
        e
        for number, (town, count) in enumerate(zip(towns, counts, strict=True))
        for e in _changes(town, [number + 3 * k for k in range(count)])
    ]
    return catalog(
        events=events,
        places=[place(town, lat=34.0 + i / 100) for i, town in enumerate(towns)],
        actors=[actor("army", "government"), actor("isil-fighters", "isil")],
        sides=SIDES,
    )


def _rows(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return [g.get("data-id", "") for g in root.iter(f"{SVG}g") if g.get("class") == "place"]


def _chart_text(cat: Catalog, everything: bool = False) -> str:
    from rich.console import Console

    console = Console(width=120, no_color=True, color_system=None, record=True, file=None)
    with console.capture() as captured:
        console.print(control_chart(cat, 120, None, [], everything))
    return captured.get()


def test_40_places_are_all_drawn_and_41_leave_out_the_one_that_changed_hands_least() -> None:
    every = _towns([1 + n for n in range(ROWS)])
    svg = control_svg(every)
    assert len(_rows(svg)) == ROWS
    assert "more place" not in svg
    assert "more place" not in _chart_text(every)

    # town-000 changed hands once, every other town more often: it is the one left out.
    one_more = _towns([1 + n for n in range(ROWS + 1)])
    svg = control_svg(one_more)
    drawn = _rows(svg)
    assert len(drawn) == ROWS
    assert "town-000" not in drawn
    assert "+ 1 more place (--all draws every one)" in svg
    assert f"the {ROWS} places that changed hands most, of {ROWS + 1}" in svg
    chart = _chart_text(one_more)
    assert "+ 1 more place (--all draws every one)" in chart
    least = one_more.place_label("town-000")
    assert least not in chart
    assert one_more.place_label("town-001") in chart

    everything = control_svg(one_more, everything=True)
    assert len(_rows(everything)) == ROWS + 1
    assert "more place" not in everything
    assert least in _chart_text(one_more, everything=True)


def _band(start: float, end: float, begun: object) -> Band:
    return Band(start, end, (), None, begun, None)  # type: ignore[arg-type]


def test_a_row_is_crowded_only_when_its_holdings_cannot_each_have_10_pixels() -> None:
    # Two holdings of a pixel each are drawn 10 pixels wide: 20 pixels in all.
    bands = [_band(0, 1, "a"), _band(1, 2, "b")]
    assert not crowded(bands, float, 20)
    assert crowded(bands, float, 19)


def test_a_pixel_column_two_holdings_fall_in_is_one_stretch_with_its_changes() -> None:
    # Holdings of 5, 0.3, 0.3, 0.3 and 5 pixels: the three short ones and the start of the
    # last fall in column 5, where the place changed hands three times.
    edges = [0, 5, 5.3, 5.6, 5.9, 10.9]
    bands = [_band(lo, hi, f"change {n}") for n, (lo, hi) in enumerate(itertools.pairwise(edges))]
    pieces = column_pieces(bands, float)
    assert [(p.lo, p.hi) for p in pieces] == [(0, 5), (5, 6), (6, 11)]
    assert pieces[0].shows is bands[0]
    assert pieces[2].shows is bands[4]
    mixed = pieces[1].shows
    assert isinstance(mixed, Mixed)
    assert mixed.bands == bands[1:5]
    assert mixed.changes == 3


def _one_town(changes: int) -> Catalog:
    """One town that changes hands `changes` times over the same two years."""
    return catalog(
        events=_changes("town", [730 * k // changes for k in range(changes)]),
        places=[place("town")],
        actors=[actor("army", "government"), actor("isil-fighters", "isil")],
        sides=SIDES,
    )


def _elements(svg: str) -> int:
    return len(re.findall(r"<(?:rect|line|text)\b", svg))


def test_the_picture_does_not_grow_with_the_changes() -> None:
    width = 1200
    drawn = {
        count: _elements(control_svg(_one_town(count), width=width)) for count in (40, 400, 4000)
    }
    # 40 changes fit: a holding each; past that, at most a piece per pixel column.
    assert drawn[40] >= 40
    assert drawn[4000] <= drawn[400] < width
    svg = control_svg(_one_town(4000), width=width)
    # Nearly every change falls in a stretch that counts it; none is counted twice.
    found = re.findall(r"changed hands (once|[\d,]+ times) here", svg)
    told = [1 if n == "once" else int(n.split()[0].replace(",", "")) for n in found]
    assert 3900 <= sum(told) <= 4000
    assert "thin lines: changed hands several times within a pixel" in svg


def _held(document: dict[str, Any]) -> Counter[str]:
    """The confirmed control changes of each place a holder is known for, as written."""
    counts: Counter[str] = Counter()
    for record in document["events"]:
        for moved in record.get("control") or []:
            if moved.get("status") != "claimed":
                counts[moved["place"]] += 1
    for where in document["places"]:
        if where.get("held_at_start"):
            counts.setdefault(where["id"], 0)
    return counts


def test_the_summarised_picture_counts_the_places_as_written(
    run: Run, document: dict[str, Any], huge_file: Path, tmp_path: Path
) -> None:
    counts = _held(document)
    assert len(counts) > ROWS
    target = tmp_path / "control.svg"
    result = run("--data", str(huge_file), "control", "--svg", str(target))
    assert result.status == 0, result.err
    svg = target.read_text(encoding="utf-8")
    assert f"the {ROWS} places that changed hands most, of {len(counts):,}" in svg
    assert f"+ {len(counts) - ROWS:,} more places (--all draws every one)" in svg
    drawn = _rows(svg)
    fewest_drawn = min(counts[p] for p in drawn)
    assert all(counts[p] <= fewest_drawn for p in counts if p not in drawn)
    assert len(drawn) == ROWS
    every = tmp_path / "every.svg"
    assert run("--data", str(huge_file), "control", "--svg", str(every), "--all").status == 0
    assert len(_rows(every.read_text(encoding="utf-8"))) == len(counts)


@pytest.mark.parametrize("args", [("--svg",), ("--chart",), ("--chart", "--all")], ids=" ".join)
def test_a_store_draws_the_same_control_picture_as_the_whole_file(
    huge_file: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    def control(target: Path) -> tuple[str, ...]:
        return ("control", *args, *((str(target),) if args[0] == "--svg" else ()))

    answers = drawn_both_ways(huge_file, monkeypatch, control)
    assert answers[0] == answers[1]
    assert "more place" in (answers[0][0] + answers[0][2].decode()) or "--all" in args
