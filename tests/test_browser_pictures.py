"""The pictures and the report as a reader opens them: in headless Chromium (tests/browser.py).

Each page must load with no request to anything but itself and no console error; its event
marks and table rows are counted in the DOM; a search, a sort and a click do what a reader
expects; and a screenshot is taken. Skipped where chromium is missing, failed in CI.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from browser import Browser, Page, chromium_or_skip
from conftest import Run, drawn_map, run_process
from eastsyria.data.load import shipped_data_path

SHIPPED: dict[str, Any] = json.loads(shipped_data_path().read_text(encoding="utf-8"))
EVENTS = SHIPPED["events"]
# The map draws a place located to within 50 km as a mark, and each event at its most
# precisely located place when that is one of them (README, "A map of the events").
MAPPED = {p["id"] for p in SHIPPED["places"] if p["coord_precision_km"] <= 50}
# The control chart has a row per place someone held: at the start, or after a change.
HELD = {p["id"] for p in SHIPPED["places"] if p.get("held_at_start")} | {
    change["place"] for event in EVENTS for change in event["control"]
}
SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    chromium_or_skip()
    with Browser(width=1300, height=900) as opened:
        yield opened


@pytest.fixture
def report(run: Run, tmp_path: Path) -> Callable[..., Path]:
    def write(*args: str, data: Path | None = None) -> Path:
        target = tmp_path / "report.html"
        given = ("--data", str(data)) if data else ()
        result = run(*given, "report", *args, "-o", str(target))
        assert result.status == 0, result.err
        return target

    return write


@pytest.fixture
def whole(browser: Browser, report: Callable[..., Path]) -> Page:
    """The report of every event, open in the browser."""
    return browser.open(report().as_uri())


def _count(page: Page, selector: str) -> int:
    return int(page.evaluate(f"document.querySelectorAll({json.dumps(selector)}).length"))


def _shown_rows(page: Page) -> list[str]:
    return list(
        page.evaluate(
            "Array.from(document.querySelectorAll('#events-table tbody tr'))"
            ".filter(row => !row.hidden).map(row => row.dataset.id)"
        )
    )


def test_the_harness_sees_every_request_and_error_a_page_makes(
    browser: Browser, tmp_path: Path
) -> None:
    # Else "no request, no error" below would prove nothing.
    (tmp_path / "other.css").write_text("p{}", encoding="utf-8")
    page_file = tmp_path / "leaky.html"
    page_file.write_text(
        '<!DOCTYPE html><link rel="stylesheet" href="other.css">'
        '<img src="https://example.org/pixel.png">'
        "<script>console.error('said'); setTimeout(() => { throw new Error('late') }, 20);"
        "</script>",
        encoding="utf-8",
    )
    page = browser.open(page_file.as_uri())
    assert page.requests == [(tmp_path / "other.css").as_uri(), "https://example.org/pixel.png"]
    assert "console.error: said" in page.errors
    assert any(error.startswith("uncaught: Error: late") for error in page.errors)
    # Kept off the network: the host does not resolve.
    assert any("ERR_NAME_NOT_RESOLVED" in error for error in page.errors)


def test_the_report_loads_offline_with_every_event(
    browser: Browser, report: Callable[..., Path], tmp_path: Path
) -> None:
    page = browser.open(report().as_uri())
    assert page.requests == []
    assert page.errors == []
    assert _count(page, "#events-table tbody tr") == len(EVENTS)
    # The timeline and the map draw every event, the control chart every place held.
    assert _count(page, "#picture-1 g.event") == len(EVENTS)
    assert _count(page, "#picture-2 g.event") == len(EVENTS)
    assert _count(page, "#picture-2 g.place") == len(MAPPED)
    assert _count(page, "#picture-3 g.place") == len(HELD)
    assert page.evaluate("document.getElementById('count').textContent") == (
        f"{len(EVENTS)} of {len(EVENTS)} events"
    )
    shot = page.screenshot(tmp_path / "report.png")
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height > 900) == (1300, True)


def _mentions(event: dict[str, Any], word: str) -> bool:
    """What the search box looks in (README, "Pictures and the report"): the title, summary,
    date and type, the campaign, each place by any of its names, each actor and its side."""
    places = {place["id"]: place for place in SHIPPED["places"]}
    actors = {actor["id"]: actor for actor in SHIPPED["actors"]}
    campaigns = {campaign["id"]: campaign["name"] for campaign in SHIPPED["campaigns"]}
    texts = [event["title"], event["summary"], event["date"]["text"], event["type"]]
    texts.append(campaigns.get(event["campaign"], ""))
    for place in event["places"]:
        texts += [places[place]["name"], *places[place]["aliases"]]
    for role in event["actors"]:
        texts += [actors[role["actor"]]["name"], actors[role["actor"]]["side"]]
    return any(word.lower() in text.lower() for text in texts)


def test_typing_in_the_search_box_keeps_the_events_that_mention_it(whole: Page) -> None:
    page = whole
    page.type("#search", "Mayadin")
    expected = {event["id"] for event in EVENTS if _mentions(event, "Mayadin")}
    # The campaign article: Mayadin was encircled on 12 October 2017 and taken two days later.
    assert {"mayadin-encircled", "mayadin-captured"} <= expected
    assert set(_shown_rows(page)) == expected
    assert page.evaluate("document.getElementById('count').textContent") == (
        f"{len(expected)} of {len(EVENTS)} events"
    )
    # The marks of the other events fade in the pictures: in the timeline and in the map.
    for picture in ("#picture-1", "#picture-2"):
        shown = page.evaluate(
            f"[...document.querySelectorAll('{picture} g.event:not(.dim)')].map(g => g.dataset.id)"
        )
        assert sorted(shown) == sorted(expected), picture
    page.type("#search", " Abu")
    both = {e["id"] for e in EVENTS if _mentions(e, "Mayadin") and _mentions(e, "Abu")}
    assert set(_shown_rows(page)) == both
    assert page.errors == []


def test_a_heading_sorts_the_rows_and_again_reverses_them(
    browser: Browser, report: Callable[..., Path]
) -> None:
    page = browser.open(report("--campaign", "abu-kamal-offensive").as_uri())
    shown = _shown_rows(page)
    by_id = {event["id"]: event for event in EVENTS}
    page.click("th:nth-child(2) button")  # Title
    titles = [by_id[i]["title"] for i in _shown_rows(page)]
    assert [t.casefold() for t in titles] == sorted(t.casefold() for t in titles)
    page.click("th:nth-child(1) button")  # Date: by start day, the table's own order
    assert _shown_rows(page) == shown
    page.click("th:nth-child(1) button")
    assert _shown_rows(page) == shown[::-1]
    assert page.evaluate("document.querySelector('th:nth-child(1)').ariaSort") == "descending"


def test_clicking_a_row_shows_its_card_with_its_sources_as_links(whole: Page) -> None:
    page = whole
    page.click('tr[data-id="abu-kamal-first-capture"]')
    assert page.evaluate("document.getElementById('card').open") is True
    card = page.evaluate("document.getElementById('card-body').innerText")
    assert "Abu Kamal falls; SOHR and army confirm" in card
    assert "9 November 2017" in card
    assert "Sources disagree: When Abu Kamal first fell" in card
    links = page.evaluate("Array.from(document.querySelectorAll('#card-body a')).map(a => a.href)")
    # The offensive article's section "First attack on the city" tells the first capture.
    assert (
        "https://en.wikipedia.org/wiki/2017_Abu_Kamal_offensive#First_attack_on_the_city" in links
    )
    # Showing a link fetches nothing.
    assert page.requests == []
    assert page.errors == []


def test_clicking_a_mark_in_a_picture_shows_that_event(whole: Page) -> None:
    page = whole
    page.click('g.event[data-id="mayadin-captured"]')
    assert page.evaluate("document.getElementById('card').open") is True
    title = page.evaluate("document.getElementById('card-title').textContent")
    assert title == next(e["title"] for e in EVENTS if e["id"] == "mayadin-captured")


def test_on_a_phone_only_the_pictures_scroll_sideways(
    report: Callable[..., Path], tmp_path: Path
) -> None:
    chromium_or_skip()
    with Browser(width=390, height=844) as phone:
        page = phone.open(report().as_uri())
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.screenshot(tmp_path / "phone.png", full_page=False)
        assert page.errors == []


def test_the_page_refuses_any_fetch_a_script_might_try(whole: Page) -> None:
    page = whole
    outcome = page.evaluate("fetch('https://example.org/x').then(() => 'fetched', () => 'refused')")
    assert outcome == "refused"
    assert page.requests == []
    # The browser reports the refusal, as it should.
    assert any("Content Security Policy" in error for error in page.errors)


def test_hostile_data_stays_text_in_the_browser(
    browser: Browser, write_data: Callable[..., Path], report: Callable[..., Path]
) -> None:
    def poison(document: dict[str, Any]) -> None:
        document["events"][0]["title"] = "</script><img src=x onerror=alert(2)>"

    page = browser.open(report(data=write_data(poison)).as_uri())
    assert page.errors == []
    assert page.requests == []
    assert _count(page, "img") == 0
    titles = page.evaluate(
        "Array.from(document.querySelectorAll('tbody td:nth-child(2)')).map(c => c.textContent)"
    )
    assert "</script><img src=x onerror=alert(2)>" in titles


# -- every picture a command draws --------------------------------------------------------------

# (name, the command's arguments with {path} for the file, what to count in the DOM and how
# many the data says there should be). The map and control chart join this list.
PICTURES: list[tuple[str, list[str], dict[str, int]]] = [
    ("timeline", ["timeline", "--svg", "{path}"], {"g.event": len(EVENTS)}),
    (
        "map",
        ["map", "--svg", "{path}"],
        {
            "g.place": len(MAPPED),
            # Every event: those at no such place in rows under the map, by their place.
            "g.event": len(EVENTS),
        },
    ),
    ("control", ["control", "--svg", "{path}"], {"g.place": len(HELD)}),
    ("control of Abu Kamal", ["control", "Abu Kamal", "--svg", "{path}"], {"g.place": 1}),
]


@pytest.mark.parametrize(("name", "args", "marks"), PICTURES, ids=[p[0] for p in PICTURES])
def test_a_picture_opens_with_no_request_and_every_mark(
    browser: Browser, tmp_path: Path, name: str, args: list[str], marks: dict[str, int]
) -> None:
    path = tmp_path / f"{name}.svg"
    result = run_process(*(arg.replace("{path}", str(path)) for arg in args))
    assert result.returncode == 0, result.stderr
    # Well-formed XML, naming no other host or file: only the SVG namespace, and internal
    # references (#id).
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG_NS}svg"
    for element in root.iter():
        for key, value in element.attrib.items():
            if key.endswith("href") or "url(" in value:
                assert value.startswith("#") or "url(#" in value, (element.tag, key, value)
    assert "http" not in path.read_text(encoding="utf-8").replace("http://www.w3.org/2000/svg", "")
    page = browser.open(path.as_uri())
    assert page.requests == []
    assert page.errors == []
    for selector, count in marks.items():
        assert _count(page, selector) == count, selector
    assert page.screenshot(tmp_path / f"{name}.png").stat().st_size > 1000


def test_pictures_of_600_events_open_summarised(browser: Browser, run: Run, tmp_path: Path) -> None:
    """Past 500 events the map is a disc per place and the chart a bar per month, with no
    event drawn alone but the chart's first and last 10; both open offline with no error."""
    from tests.conftest import synthetic_document

    import test_huge

    document = synthetic_document(test_huge.EVENTS)
    data = tmp_path / "600.json"
    data.write_text(json.dumps(document), encoding="utf-8")
    places = {p["id"]: p for p in document["places"]}
    # Each event at its most precisely located place; one within 50 km is a disc.
    marked = {
        min(e["places"], key=lambda p: places[p]["coord_precision_km"]) for e in document["events"]
    }
    discs = {p for p in marked if places[p]["coord_precision_km"] <= 50}
    months = {e["date"]["earliest"][:7] for e in document["events"]}
    span = (int(max(months)[:4]) - int(min(months)[:4])) * 12
    span += int(max(months)[5:]) - int(min(months)[5:]) + 1
    for command, counts in (
        ("map", {"g.event": 0, "g.density": len(discs)}),
        ("timeline", {"g.event": 20, "g.period": span}),
    ):
        target = tmp_path / f"{command}.svg"
        assert run("--data", str(data), command, "--svg", str(target)).status == 0
        page = browser.open(target.as_uri())
        assert page.requests == []
        assert page.errors == []
        for selector, expected in counts.items():
            assert _count(page, selector) == expected, (command, selector)


# Each name on the map as the browser lays it out, where it leaves the map's frame: its
# text, left and right, top and bottom (in the frame's own units).
_NAMES_OUTSIDE = """(() => {
  const frame = document.querySelector('clipPath rect');
  const width = +frame.getAttribute('width'), height = +frame.getAttribute('height');
  const area = document.querySelector('g[clip-path="url(#map-area)"]');
  return [...area.querySelectorAll('text')]
    .map(t => { const b = t.getBBox(); return [t.textContent, b.x, b.x + b.width, b.y,
                                               b.y + b.height]; })
    .filter(([, left, right, top, bottom]) =>
      left < 0 || right > width || top < 0 || bottom > height);
})()"""


@pytest.mark.parametrize(("events", "width"), [(None, 1000), (None, 1400), (600, 1200)])
def test_no_place_name_on_the_map_runs_out_of_its_frame(
    browser: Browser, run: Run, tmp_path: Path, events: int | None, width: int
) -> None:
    """Measured by the browser in its own face: a bold name (a place with events) is wider
    than one in the regular face: 'Abu Kamal border crossing (1)' ran 11 px past the right
    edge of the shipped map 1,400 px wide, 'Abu Naqqarah (2)' 3 px past 600 events'."""
    page = browser.open(drawn_map(run, tmp_path, width, events).as_uri())
    assert _count(page, 'g[clip-path="url(#map-area)"] text') > 10
    assert page.evaluate(_NAMES_OUTSIDE) == []
