"""Pictures of a huge selection summarise it: `map` draws a disc per place sized by its
events, `timeline --svg` a bar per period with its first and last events, past MARK_CAP (500)
events; `--all` draws every mark. Through the store as from the whole file, the same bytes.

The data is test_huge's synthetic file (`benchmarks/synthetic.generate`, fixed seed); every
expected count is computed here from the document as written, with the rule the README
states (each event at its most precisely located place, the first named of equals; in the
side of its first attacker, else claimant, else reporter, else its first actor), not from
the program.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from tests import test_huge
from tests.conftest import Run, drawn_both_ways, run_on_terminal

# The 600 synthetic events of the table's summary tests, written once, loaded both ways
# (fixtures: `huge` is the document, its file read whole or through its store).
EVENTS = test_huge.EVENTS
document = test_huge.document
huge_file = test_huge.huge_file
huge = test_huge.huge
CAP = 500  # the README's number: a picture of more than 500 events is summarised
ENDS = 10
SVG = "{http://www.w3.org/2000/svg}"
MARK_KM = 50  # a place located more broadly is listed under the map, not drawn


def _groups(svg: Path, kind: str) -> dict[str, ET.Element]:
    root = ET.parse(svg).getroot()
    return {g.get("data-id", ""): g for g in root.iter(f"{SVG}g") if g.get("class") == kind}


def _title(element: ET.Element) -> str:
    found = element.find(f"{SVG}title")
    assert found is not None
    return found.text or ""


def _in_order(document: dict[str, Any]) -> list[dict[str, Any]]:
    return sorted(
        document["events"],
        key=lambda e: (e["date"]["earliest"], e["date"]["latest"], e["id"]),
    )


def _expected_density(document: dict[str, Any]) -> dict[str, Counter[str]]:
    """Events by place and lead side's name, as written in the document."""
    places = {p["id"]: p for p in document["places"]}
    sides = {s["id"]: s["name"] for s in document["sides"]}
    actor_side = {a["id"]: a["side"] for a in document["actors"]}
    found: dict[str, Counter[str]] = {}
    for event in document["events"]:
        best = min(event["places"], key=lambda p: places[p]["coord_precision_km"])
        lead = None
        for role in ("attacker", "claimant", "reporter"):
            lead = lead or next((a["actor"] for a in event["actors"] if a["role"] == role), None)
        if lead is None and event["actors"]:
            lead = event["actors"][0]["actor"]
        side = actor_side[lead] if lead else None
        name = sides.get(side, side) if side and side != "unknown" else "no actor named"
        found.setdefault(best, Counter())[name] += 1
    return found


def test_a_map_of_more_than_500_events_is_a_disc_per_place(
    run: Run, huge: dict[str, Any], tmp_path: Path
) -> None:
    target = tmp_path / "map.svg"
    result = run("map", "--svg", str(target))
    assert result.status == 0, result.err
    assert not _groups(target, "event")  # no event drawn alone
    discs = _groups(target, "density")
    broad = {p["id"] for p in huge["places"] if p["coord_precision_km"] > MARK_KM}
    expected = {p: c for p, c in _expected_density(huge).items() if p not in broad}
    assert set(discs) == set(expected)
    for place, counts in expected.items():
        said = _title(discs[place])
        total = re.search(r": ([\d,]+) events? \((.*)\)$", said)
        assert total is not None, said
        assert int(total[1].replace(",", "")) == sum(counts.values())
        shown = {
            name: int(count.replace(",", ""))
            for name, count in (part.rsplit(" ", 1) for part in total[2].split("; "))
        }
        assert shown == dict(counts)
    text = target.read_text("utf-8")
    assert f"eastsyria map: {EVENTS} events, counted per place" in text
    places = len(_expected_density(huge))
    assert f"Summarised: {EVENTS} events at {places} places" in text
    assert "--all draws every event" in text
    assert f"{EVENTS} events on the map" in result.err


def test_the_terminal_map_says_it_is_summarised(run: Run, huge: dict[str, Any]) -> None:
    result = run_on_terminal("map")
    assert result.status == 0, result.err
    places = len(_expected_density(huge))
    said = " ".join(result.out.split())
    assert f"Summarised: {EVENTS} events at {places} places, counted per place" in said
    assert "(--all reads every event)" in said
    busiest = max(_expected_density(huge).items(), key=lambda item: sum(item[1].values()))
    name = next(p["name"] for p in huge["places"] if p["id"] == busiest[0])
    assert f"{name} ({sum(busiest[1].values())})" in said


@pytest.mark.parametrize("command", ["map", "timeline"])
def test_500_events_draw_every_mark_and_501_summarise(
    run: Run, huge: dict[str, Any], tmp_path: Path, command: str
) -> None:
    """The edge, read through --limit (which the store cannot count: the events are read
    one by one, and no more than 501 kept)."""
    first = [e["id"] for e in _in_order(huge)]
    at_cap, past_cap = tmp_path / "500.svg", tmp_path / "501.svg"
    quiet = ("-f", "json") if command == "timeline" else ("-f", "geojson")  # every event
    for limit, target in ((CAP, at_cap), (CAP + 1, past_cap)):
        result = run(command, "--limit", str(limit), "--svg", str(target), *quiet)
        assert result.status == 0, result.err
    assert sorted(_groups(at_cap, "event")) == sorted(first[:CAP])
    drawn = _groups(past_cap, "event")
    if command == "map":
        assert not drawn
        assert f"eastsyria map: {CAP + 1} events, counted per place" in past_cap.read_text("utf-8")
    else:
        assert sorted(drawn) == sorted(first[:ENDS] + first[CAP + 1 - ENDS : CAP + 1])


@pytest.mark.parametrize("command", ["map", "timeline"])
def test_all_draws_every_mark(run: Run, huge: dict[str, Any], tmp_path: Path, command: str) -> None:
    target = tmp_path / "all.svg"
    assert run(command, "--all", "--svg", str(target)).status == 0
    assert sorted(_groups(target, "event")) == sorted(e["id"] for e in huge["events"])
    assert not _groups(target, "density")


def test_the_timeline_chart_counts_every_month_and_draws_its_ends(
    run: Run, huge: dict[str, Any], tmp_path: Path
) -> None:
    target = tmp_path / "timeline.svg"
    assert run("timeline", "--svg", str(target), "-f", "json").status == 0
    ordered = [e["id"] for e in _in_order(huge)]
    assert sorted(_groups(target, "event")) == sorted(ordered[:ENDS] + ordered[-ENDS:])
    months = Counter(e["date"]["earliest"][:7] for e in huge["events"])
    root = ET.parse(target).getroot()
    bars = [_title(g) for g in root.iter(f"{SVG}g") if g.get("class") == "period"]
    names = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]  # fmt: skip
    shown = {}
    for said in bars:
        match = re.fullmatch(r"(\w+) (\d{4}): ([\d,]+) events?", said)
        assert match is not None, said
        shown[f"{match[2]}-{names.index(match[1]) + 1:02d}"] = int(match[3].replace(",", ""))
    first, last = min(months), max(months)
    assert {m: n for m, n in shown.items() if n} == dict(months)
    assert min(shown) == first
    assert max(shown) == last
    text = target.read_text("utf-8")
    assert f"eastsyria timeline: {EVENTS} events per month" in text
    assert f"{EVENTS - 2 * ENDS} events between the first {ENDS}" in text


SAME_BOTH_WAYS = [
    ("map",),
    ("map", "--side", "isil"),
    ("map", "--text", "Abu Kamal"),
    ("map", "--on", "2017-11"),
    ("timeline",),
    ("timeline", "--lanes", "side", "--by", "week"),
]


@pytest.mark.parametrize("args", SAME_BOTH_WAYS, ids=" ".join)
def test_a_store_draws_the_same_pictures_as_the_whole_file(
    huge_file: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    answers = drawn_both_ways(huge_file, monkeypatch, lambda target: (*args, "--svg", str(target)))
    assert all(saved for _, _, saved in answers)
    assert answers[0] == answers[1]


def test_a_summarised_picture_makes_no_view_and_no_mark_per_event(
    run: Run, huge: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The work done does not grow with the events: views and marks only for those drawn."""
    from eastsyria.contract import events
    from eastsyria.output.pictures import map as map_picture
    from eastsyria.output.pictures import timeline as timeline_picture

    made: Counter[str] = Counter()
    # A first query builds the store (when there is one), which writes every event's view
    # once for the answers to come: that is not the picture's work.
    assert run("events", "--limit", "1", "-f", "json").status == 0

    def counting(module: Any, name: str) -> None:
        real = getattr(module, name)

        def spy(*args: Any, **kwargs: Any) -> Any:
            made[name] += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, spy)

    counting(events, "event_view")
    counting(map_picture, "_event_mark")
    counting(map_picture, "_disc")
    counting(timeline_picture, "_draw")
    assert run("map", "--svg", str(tmp_path / "m.svg")).status == 0
    broad = {p["id"] for p in huge["places"] if p["coord_precision_km"] > MARK_KM}
    assert made == Counter({"_disc": len(set(_expected_density(huge)) - broad)})
    made.clear()
    assert run("timeline", "--svg", str(tmp_path / "t.svg"), "-f", "table").status == 0
    assert made == Counter({"event_view": 2 * ENDS, "_draw": 2 * ENDS})


def test_a_chart_row_search_does_not_grow_with_the_rows() -> None:
    """Past MARK_CAP items a lane's rows are found in a tree of their ends: the every-row
    check of the first 500 is not repeated for each later item, and nothing overlaps."""
    from eastsyria.output.pictures import marks

    checked: Counter[int] = Counter()
    real = marks.Rows._free

    def spy(self: marks.Rows, row: int, lo: float, hi: float) -> bool:
        checked[len(spans)] += 1
        return real(self, row, lo, hi)

    spans: list[tuple[int, float, float]] = []
    rows = marks.Rows()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(marks.Rows, "_free", spy)
        for i in range(3000):
            lo = (i * 37) % 900
            spans.append((rows.place(lo, lo + 150), lo, lo + 150))
    assert sum(checked.values()) > 0
    assert max(checked) < CAP  # no row is checked one by one after the 500th item
    by_row: dict[int, list[tuple[float, float]]] = {}
    for row, lo, hi in spans:
        by_row.setdefault(row, []).append((lo, hi))
    for items in by_row.values():
        items.sort()
        assert all(b + rows.gap <= c for (_, b), (c, _) in itertools.pairwise(items))
