"""The timeline and control charts: what a reader of the picture relies on.

The facts come from the articles (and the data file that cites them), never from the
program's own output: the T-2 station was taken "by 26 October" (the campaign article), so
its start is open; the Shaer gas field attack was in "early April 2018", both ends open; Abu
Kamal fell on 9 November, IS retook 40 percent of it late that day and all of it on
11 November, and the army took it for good on 19 November (the offensive article).
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from conftest import MINI, Run, run_on_terminal

SVG = "{http://www.w3.org/2000/svg}"
DATA = Path(__file__).resolve().parents[1] / "data" / "events.json"
EVENTS = json.loads(DATA.read_text(encoding="utf-8"))["events"]
GOVERNMENT, ISIL = "#D55E00", "#333333"


def _draw(run: Run, tmp_path: Path, *args: str) -> tuple[ElementTree.Element, str]:
    target = tmp_path / "picture.svg"
    result = run(*args, "--svg", str(target))
    assert result.status == 0, result.err
    svg = target.read_text(encoding="utf-8")
    return ElementTree.fromstring(svg), svg


def _groups(root: ElementTree.Element, kind: str) -> list[ElementTree.Element]:
    return [g for g in root.iter(f"{SVG}g") if g.get("class") == kind]


def _self_contained(svg: str) -> None:
    assert "https://" not in svg
    assert svg.count("http://") == svg.count('xmlns="http://www.w3.org/2000/svg"') == 1
    assert re.findall(r"url\((?!#)", svg) == []
    assert "<script" not in svg
    assert "<image" not in svg
    assert "@import" not in svg


def _paint(root: ElementTree.Element, reference: str) -> ElementTree.Element:
    """The gradient or pattern a `url(#id)` names, defined in the picture."""
    name = re.fullmatch(r"url\(#([\w-]+)\)", reference)
    assert name, reference
    found = [e for e in root.iter() if e.get("id") == name[1]]
    assert len(found) == 1, name[1]
    return found[0]


def _event(root: ElementTree.Element, event_id: str) -> ElementTree.Element:
    (found,) = [g for g in _groups(root, "event") if g.get("data-id") == event_id]
    return found


def _opacities(gradient: ElementTree.Element) -> list[tuple[float, float]]:
    return [
        (float(s.get("offset", 0)), float(s.get("stop-opacity", 1)))
        for s in gradient.iter(f"{SVG}stop")
    ]


# -- the timeline chart --------------------------------------------------------------------


def test_every_event_is_a_mark_with_its_date_in_a_lane_per_campaign(
    run: Run, tmp_path: Path
) -> None:
    root, svg = _draw(run, tmp_path, "--data", str(DATA), "timeline")
    _self_contained(svg)
    marks = _groups(root, "event")
    assert sorted(g.get("data-id") for g in marks) == sorted(e["id"] for e in EVENTS)
    campaigns = {e["campaign"] for e in EVENTS}
    assert {g.get("data-id") for g in _groups(root, "lane")} == campaigns
    # Hover text: the date as the source words it, and the title.
    title = _event(root, "abu-kamal-first-capture").find(f"{SVG}title")
    assert title is not None
    assert title.text is not None
    assert "9 November 2017" in title.text
    assert "Abu Kamal" in title.text


def test_an_open_date_fades_where_it_is_open_and_a_day_is_a_plain_mark(
    run: Run, tmp_path: Path
) -> None:
    root, _ = _draw(run, tmp_path, "--data", str(DATA), "timeline")

    def bar_stops(event_id: str) -> list[tuple[float, float]]:
        fills = [e.get("fill", "") for e in _event(root, event_id) if e.tag == f"{SVG}rect"]
        gradients = [_paint(root, fill) for fill in fills if fill.startswith("url(")]
        assert len(gradients) == 1
        assert gradients[0].tag == f"{SVG}linearGradient"
        return _opacities(gradients[0])

    # "by 16 October": known to be done by then, not since when: the start fades.
    husayniyah = bar_stops("al-husayniyah-captured")
    assert husayniyah[0][1] < 0.5
    assert husayniyah[-1][1] == 1
    # "early April 2018": both ends are soft.
    shaer = bar_stops("shaer-gas-field-attack")
    assert shaer[0][1] < 0.5
    assert shaer[-1][1] < 0.5
    assert max(a for _, a in shaer) == 1
    # 9 November 2017, to the day: a filled mark, no bar, no gradient.
    day = _event(root, "abu-kamal-first-capture")
    assert "url(" not in ElementTree.tostring(day, encoding="unicode")


def test_a_disputed_event_is_flagged(run: Run, tmp_path: Path) -> None:
    root, _ = _draw(run, tmp_path, "--data", str(DATA), "timeline")
    disputed = _event(root, "abu-kamal-first-capture")  # when it first fell is disputed
    assert any(e.get("stroke-dasharray") for e in disputed.iter(f"{SVG}circle"))
    assert any((t.text or "").startswith("⚑") for t in disputed.iter(f"{SVG}text"))
    plain = _event(root, "abu-kamal-second-capture")
    assert not any(e.get("stroke-dasharray") for e in plain.iter(f"{SVG}circle"))


def test_the_chart_spans_the_dates_asked_for(run: Run, tmp_path: Path) -> None:
    """Asked what happened in November 2017, the axis is November, not the year that the
    campaign-long spans would stretch it to; a span going on beyond it runs to the edge,
    without the cap of an end the source gives."""
    args = ("--data", str(DATA), "timeline")
    root, _ = _draw(run, tmp_path, *args, "--from", "2017-11-01", "--to", "2017-11-30")
    ticks = [t.text or "" for t in root.iter(f"{SVG}text") if t.get("class") == "small muted"]
    assert ticks[0] == "1 Nov 2017"
    dates = [tick for tick in ticks if not tick.endswith("events")]  # lane counts
    assert all(re.fullmatch(r"\d+ (Nov|Dec)( 2017)?", tick) for tick in dates), dates

    def caps(root: ElementTree.Element) -> int:
        # Zahreddine was killed some time during the campaign, 14 September to 17 December.
        bar = _event(root, "issam-zahreddine-killed")
        return sum(1 for r in bar.iter(f"{SVG}rect") if r.get("width") == "2")

    whole, _ = _draw(run, tmp_path, *args)
    assert (caps(whole), caps(root)) == (2, 0)


def test_lanes_by_place_put_an_event_in_each_of_its_places(run: Run, tmp_path: Path) -> None:
    root, _ = _draw(run, tmp_path, "--data", str(DATA), "timeline", "--lanes", "place")
    places = {p for e in EVENTS for p in e["places"]}
    assert {g.get("data-id") for g in _groups(root, "lane")} == places
    # Hezbollah attacked Abu Kamal from Al-Qa'im: in both lanes.
    ids = [g.get("data-id") for g in _groups(root, "event")]
    assert ids.count("hezbollah-attacks-from-iraq") == 2
    assert len(ids) == sum(len(set(e["places"])) for e in EVENTS)
    assert "is in each lane" in ElementTree.tostring(root, encoding="unicode")


@pytest.mark.parametrize("lanes", ["side", "actor"])
def test_lanes_by_side_and_actor(run: Run, tmp_path: Path, lanes: str) -> None:
    root, _ = _draw(run, tmp_path, "--data", str(DATA), "timeline", "--lanes", lanes)
    found = {g.get("data-id") for g in _groups(root, "lane")}
    if lanes == "actor":
        assert found == {a["actor"] for e in EVENTS for a in e["actors"]}
    else:
        assert {"government", "isil", "iraq"} <= found


def test_two_events_make_a_small_chart_with_a_legend(run: Run, tmp_path: Path) -> None:
    root, svg = _draw(run, tmp_path, "--data", str(MINI), "timeline", "--width", "480")
    assert root.get("width") == "480"
    assert len(_groups(root, "event")) == 2
    assert len(_groups(root, "lane")) == 1
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert "Town A" in " ".join(texts)
    assert any("fading end" in t for t in texts)
    # Mini data: Town B fell "by 20 October 2017": its start fades.
    assert "fade-" in svg


def test_lanes_need_the_chart_and_a_known_name(run: Run, tmp_path: Path) -> None:
    typo = run("timeline", "--svg", str(tmp_path / "t.svg"), "--lanes", "plac")
    assert typo.status == 2
    assert "'place'" in typo.err
    assert typo.out == ""
    alone = run("timeline", "--lanes", "place")
    assert alone.status == 2
    assert "--svg" in alone.err


HOSTILE = "</text><script>alert(1)</script> & Co \u202e evil"


def _hostile(document: dict[str, Any]) -> None:
    document["events"][0]["title"] = HOSTILE
    document["places"][1]["name"] = HOSTILE


@pytest.mark.parametrize("command", [("timeline",), ("control",)])
def test_hostile_titles_are_only_text(
    run: Run, tmp_path: Path, write_data: Callable[..., Path], command: tuple[str, ...]
) -> None:
    data = write_data(_hostile)
    root, svg = _draw(run, tmp_path, "--data", str(data), *command)
    _self_contained(svg)
    assert not [e for e in root.iter() if e.tag.endswith("script")]
    assert "\u202e" not in svg
    shown = " ".join(t.text or "" for t in root.iter())
    assert "</text><script>alert(1)</script> & Co" in shown


# -- the control chart ---------------------------------------------------------------------


def _bands(root: ElementTree.Element, place: str) -> list[ElementTree.Element]:
    (row,) = [g for g in _groups(root, "place") if g.get("data-id") == place]
    return [r for r in row.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]


def _holder_colours(root: ElementTree.Element, fills: list[str]) -> list[str]:
    """The colours of a run of bands: a plain colour, or each stripe of a shared place."""
    colours = []
    for fill in fills:
        if fill.startswith("url("):
            paint = _paint(root, fill)
            colours.append("+".join(r.get("fill", "") for r in paint.iter(f"{SVG}rect")))
        else:
            colours.append(fill)
    return colours


def test_abu_kamal_changes_hands_three_times(run: Run, tmp_path: Path) -> None:
    root, svg = _draw(run, tmp_path, "--data", str(DATA), "control")
    _self_contained(svg)
    bands = [b for b in _bands(root, "abu-kamal") if b.get("fill") != "url(#contested)"]
    colours = _holder_colours(root, [b.get("fill", "") for b in bands])
    whole = [c for c in colours if "+" not in c]
    # IS, the army (9 Nov), IS again (11 Nov), the army for good (19 Nov).
    assert whole == [ISIL, GOVERNMENT, ISIL, GOVERNMENT]
    changes = sum(a != b for a, b in itertools.pairwise(colours))
    assert changes >= 3
    # Late on 9 November IS retook 40 percent: the place shared, drawn in both colours' stripes.
    shared = [
        (b, c)
        for b, c in zip(bands, colours, strict=True)
        if "40 percent" in (b.findtext(f"{SVG}title") or "")
    ]
    assert len(shared) == 1
    band, stripes = shared[0]
    assert set(stripes.split("+")) == {GOVERNMENT, ISIL}
    assert "11 Nov 2017" in (band.findtext(f"{SVG}title") or "")
    # And a dispute bears on it (how much of the town IS retook).
    contested = [b for b in _bands(root, "abu-kamal") if b.get("fill") == "url(#contested)"]
    assert contested


def test_every_place_that_changed_hands_is_a_row(run: Run, tmp_path: Path) -> None:
    root, _ = _draw(run, tmp_path, "--data", str(DATA), "control")
    changed = {c["place"] for e in EVENTS for c in e["control"]}
    rows = {g.get("data-id") for g in _groups(root, "place")}
    assert changed <= rows
    # al-Husayniyah was taken "by 16 October": the change fades across its open days.
    fills = [b.get("fill", "") for b in _bands(root, "al-husayniyah")]
    shifts = [f for f in fills if f.startswith("url(#shift-")]
    assert len(shifts) == 1
    assert [o for o, _ in _opacities(_paint(root, shifts[0]))] == [0, 0.5, 0.5, 1]


def test_one_place_and_a_day_line(run: Run, tmp_path: Path) -> None:
    root, _ = _draw(
        run, tmp_path, "--data", str(DATA), "control", "Abu Kamal", "--on", "2017-11-10"
    )
    assert [g.get("data-id") for g in _groups(root, "place")] == ["abu-kamal"]
    assert "end of 10 Nov 2017" in [t.text for t in root.iter(f"{SVG}text")]
    _, diff = _draw(
        run, tmp_path, "--data", str(DATA), "control", "--diff", "2017-11-01", "2017-11-30"
    )
    assert "end of 1 Nov 2017" in diff
    assert "end of 30 Nov 2017" in diff


def test_the_terminal_chart_reads_without_colour(run: Run) -> None:
    result = run_on_terminal("--data", str(DATA), "control", "Abu Kamal", "--chart")
    assert result.status == 0, result.err
    (line,) = [line for line in result.out.splitlines() if line.startswith("Abu Kamal")]
    bar = line.removeprefix("Abu Kamal").strip()
    # IS held it, the army took it, IS retook it (sharing it between), the army again.
    assert re.fullmatch(r"I+[gi]*G+[gi]*I+G+", bar), bar
    assert "G Syrian government and allies" in result.out
    piped = run("--data", str(DATA), "control", "--chart")
    assert piped.status == 0
    assert "Abu Kamal" in piped.out
    assert "\x1b" not in piped.out


def test_no_chart_for_a_place_that_never_changed_hands_even_inside_one_that_did() -> None:
    # "abu-kamal" is held and lies in the id "abu-kamal-countryside": a place is looked up
    # by its id, never by a piece of another's, so no empty chart of made-up days is drawn.
    result = run_on_terminal("--data", str(DATA), "control", "Abu Kamal countryside", "--chart")
    assert result.status == 0, result.err
    assert result.out == ""
    assert "Abu Kamal countryside did not change hands in the data" in result.err


def test_the_terminal_chart_refuses_machine_formats(run: Run) -> None:
    result = run("control", "--chart", "--format", "json")
    assert result.status == 2
    assert "--chart" in result.err
    assert result.out == ""
