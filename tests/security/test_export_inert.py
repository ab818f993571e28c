"""Exports that other programs show as HTML carry a data file's text as text (issue 26).

TimelineJS3 renders its JSON as HTML in a web page, and Google Earth renders a KML
placemark's balloon as HTML with JavaScript. A data file of one's own, whose every free text
holds script in the forms each reader decodes (raw markup, entities it decodes once, twice,
a CDATA end, a KML `$[entity]`, a `javascript:` link, a bare `www.` link with a quote), is
exported and opened in the real reader: TimelineJS 3.9.11 from npm, in headless Chromium,
every slide shown; the KML balloons built as Google Earth builds them, each element then
hovered and focused. No payload may run, nothing may be fetched, every link must go to
http(s), and each text must be shown as the data file wrote it.

The library is installed by .ci/run (`npm install` into TIMELINEJS_HOME); without it these
tests skip, and fail in CI (CI=true), as chromium_or_skip does.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from browser import Browser, Page, chromium_or_skip
from conftest import Run
from security.hostile import hostile_document

TIMELINEJS_VERSION = "3.9.11"
TIMELINEJS_HOME = (
    Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    / "eastsyria-tests"
    / "timelinejs"
)
TIMELINEJS = TIMELINEJS_HOME / "node_modules" / "@knight-lab" / "timelinejs"
KML = "{http://www.opengis.net/kml/2.2}"

# Each calls pwn(N), N numbering the poisoned string; the pages define pwn to note N.
PAYLOADS = (
    "<img src=x onerror={call}>",
    # TimelineJS decodes entities in `group` and `display_date` before setting innerHTML.
    "&lt;svg onload={call}&gt;",
    "&amp;lt;svg onload={call}&amp;gt;",
    # A KML description in CDATA ends at the first ]]>.
    "]]><script>{call}</script>",
    # TimelineJS's autolink writes a bare www. link into href='...' unescaped.
    " www.x'/autofocus/onfocus='{call}'/x",
    " <a href=javascript:{call}>j</a>",
    # Google Earth replaces $[name] in a balloon with the placemark's name.
    " $[name]",
)
# The schema's shortest limit on a free text (an event's title).
LONGEST = 200


@dataclass(frozen=True)
class Hostile:
    path: Path
    # The JSON path of each poisoned string, by its number N.
    fields: dict[int, str]

    def named(self, numbers: list[int]) -> list[str]:
        return [self.fields.get(number, f"#{number}") for number in sorted(set(numbers))]


def _payload(number: int) -> str:
    return "".join(payload.format(call=f"pwn({number})") for payload in PAYLOADS)


def _fields(node: Any, path: str, found: dict[int, str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            _fields(value, f"{path}.{key}", found)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            _fields(item, f"{path}[{index}]", found)
    elif isinstance(node, str):
        for number in re.findall(r"pwn\((\d+)\)", node):
            found[int(number)] = path


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Hostile:
    numbers = itertools.count(1)

    def poison(text: str) -> str:
        return f"{_payload(next(numbers))} {text}"[:LONGEST]

    document = hostile_document(poison)
    fields: dict[int, str] = {}
    _fields(document, "$", fields)
    path = tmp_path_factory.mktemp("hostile-exports") / "hostile.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return Hostile(path, fields)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    chromium_or_skip()
    with Browser(width=1300, height=900) as opened:
        yield opened


def _exported(run: Run, *args: str) -> str:
    result = run(*args)
    assert result.status == 0, result.err
    return result.out


def test_the_hostile_file_is_valid_and_poisons_every_text(run: Run, hostile: Hostile) -> None:
    # Else the exports below would show an error, and prove nothing.
    assert run("validate", str(hostile.path)).status == 0
    kinds = {re.sub(r"\[\d+\]", "[]", path) for path in hostile.fields.values()}
    for expected in (
        "$.campaigns[].name",
        "$.events[].title",
        "$.events[].summary",
        "$.events[].date.text",
        "$.places[].name",
        "$.actors[].name",
        "$.sources[].title",
        "$.sources[].sections[].title",
        "$.lines[].name",
        "$.lines[].note",
    ):
        assert expected in kinds


# -- TimelineJS ------------------------------------------------------------------------------


def _timelinejs_or_skip() -> Path:
    """The folder of TimelineJS's built files; skip without them, fail in CI."""
    package = TIMELINEJS / "package.json"
    found = json.loads(package.read_text("utf-8"))["version"] if package.exists() else None
    if found != TIMELINEJS_VERSION:
        message = f"TimelineJS {TIMELINEJS_VERSION} is not in {TIMELINEJS_HOME} (found {found})"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}; .ci/run installs it")
        pytest.skip(message)
    return TIMELINEJS / "dist"


def _open_timeline(browser: Browser, dist: Path, folder: Path, exported: str) -> Page:
    """A page that shows `exported` in TimelineJS (its built files in `dist`), from local
    files only."""
    # A script file of its own, not inline: in a <script> element a "</script>" in the data
    # would end it, and this page must not be the way in.
    (folder / "timeline-data.js").write_text(f"window.TIMELINE = {exported};", "utf-8")
    page = folder / "timeline.html"
    page.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<link rel='stylesheet' href='{(dist / 'css' / 'timeline.css').as_uri()}'>"
        "<script>window.fired = []; window.pwn = n => window.fired.push(n);</script>"
        f"<script src='{(dist / 'js' / 'timeline.js').as_uri()}'></script>"
        "<script src='timeline-data.js'></script>"
        "</head><body><div id='timeline' style='width: 1200px; height: 800px'></div><script>"
        "window.shown = new Promise(ready => {"
        "  window.timeline = new TL.Timeline('timeline', window.TIMELINE, {"
        f"   script_path: '{(dist / 'js').as_uri()}/', font: null, hash_bookmark: false"
        "  });"
        "  window.timeline.on('ready', ready);"
        "});"
        "</script></body></html>",
        "utf-8",
    )
    return browser.open(page.as_uri())


# Hovers and focuses every element under `root` (a selector), then lists whatever there
# could run script or fetch, and the payloads that ran.
_PROBE = """const probe = root => {
  const all = Array.from(document.querySelectorAll(`${root} *`));
  for (const element of all) {
    for (const kind of ['mouseover', 'mouseenter', 'focus', 'focusin']) {
      element.dispatchEvent(new Event(kind));
    }
  }
  return {
    active: Array.from(document.querySelectorAll(`${root} :is(ACTIVE)`), e => e.outerHTML),
    handlers: all.flatMap(e => e.getAttributeNames().filter(name => name.startsWith('on'))),
    links: Array.from(document.querySelectorAll(`${root} a[href]`), a => a.href),
    fired: window.fired,
  };
};
""".replace("ACTIVE", "script, img, svg, iframe, object, embed, style, link, video, audio")

# Goes to every slide in turn, noting what it and the arrows to its neighbours show; then
# reads the time navigation's groups, eras and markers, and probes the whole timeline.
_SHOW_EVERY_SLIDE = (
    _PROBE
    + """(async () => {
  await window.shown;
  const text = (root, selector) => {
    const found = root.querySelector(selector);
    return found ? found.textContent : null;
  };
  const slides = {};
  const arrows = [];
  const count = window.timeline.config.events.length + 1;
  for (let n = 0; n < count; n++) {
    window.timeline.goTo(n);
    await new Promise(frame => requestAnimationFrame(frame));
    const id = window.timeline.current_id;
    const slide = document.getElementById(id);
    slides[id] = {
      headline: text(slide, '.tl-headline'),
      date: text(slide, '.tl-headline-date'),
      paragraphs: Array.from(slide.querySelectorAll('.tl-text-content p'), p => p.textContent),
      links: Array.from(slide.querySelectorAll('.tl-text-content a'),
                        a => [a.getAttribute('href'), a.textContent]),
    };
    for (const arrow of document.querySelectorAll('.tl-slidenav-content-container')) {
      arrows.push([text(arrow, '.tl-slidenav-title'), text(arrow, '.tl-slidenav-description')]);
    }
  }
  const texts = selector => Array.from(document.querySelectorAll(selector), e => e.textContent);
  return {
    ...probe('#timeline'), slides, arrows,
    groups: texts('.tl-timegroup-message'),
    eras: texts('.tl-timeera-text'),
    markers: texts('.tl-timemarker .tl-headline'),
  };
})()"""
)


def _nothing_ran(shown: dict[str, Any], hostile: Hostile | None = None) -> None:
    """What `_PROBE` found: no payload ran (named by its field), nothing that could run or
    fetch is on the page, and every link goes to a web address."""
    assert (hostile.named(shown["fired"]) if hostile else shown["fired"]) == []
    assert shown["active"] == []
    assert shown["handlers"] == []
    assert [link for link in shown["links"] if not link.startswith(("https://", "http://"))] == []


def _label(source: dict[str, Any]) -> str:
    return f"{source['article_title']} › {source['section_title']}"


def test_timelinejs_shows_every_field_of_a_hostile_file_as_text(
    run: Run, browser: Browser, hostile: Hostile, tmp_path: Path
) -> None:
    library = _timelinejs_or_skip()
    data = ("--data", str(hostile.path))
    exported = _exported(run, *data, "events", "--format", "timelinejs")
    views = json.loads(_exported(run, *data, "events", "--format", "json"))
    page = _open_timeline(browser, library, tmp_path, exported)
    shown = page.evaluate(_SHOW_EVERY_SLIDE)
    page.settle()

    _nothing_ran(shown, hostile)
    assert page.errors == []
    own = (tmp_path / "timeline-data.js").as_uri()
    assert [u for u in page.requests if not u.startswith(f"{library.as_uri()}/") and u != own] == []

    # Every text as the data file wrote it: shown as text, nothing lost.
    assert len(shown["slides"]) == len(views) + 1
    for view in views:
        slide = shown["slides"][view["id"]]
        assert slide["headline"] == view["title"], view["id"]
        assert slide["paragraphs"][0] == view["summary"], view["id"]
        cited = [[source["url"], _label(source)] for source in view["sources"]]
        assert slide["links"] == cited, view["id"]
        if view["precision"] != "day":
            assert slide["date"] == view["date"], view["id"]
    campaigns = {view["campaign_name"] for view in views}
    assert set(shown["groups"]) == campaigns
    assert set(shown["eras"]) >= campaigns
    assert set(shown["markers"]) == {view["title"] for view in views}
    headlines = {slide["headline"] for slide in shown["slides"].values()}
    dates = {slide["date"] for slide in shown["slides"].values()}
    # The arrows to a slide's neighbours show their headlines and dates (at either end,
    # TimelineJS's own words).
    told = {text for arrow in shown["arrows"] for text in arrow if "pwn(" in text}
    assert told
    assert told <= headlines | dates


# -- KML -------------------------------------------------------------------------------------

# Google Earth's balloon where a placemark has no BalloonStyle: its name in bold, then its
# description, both as HTML.
DEFAULT_BALLOON = "<b>$[name]</b><br>$[description]"
_ENTITY = re.compile(r"\$\[([^\]]+)\]")


def _balloons(kml: str) -> list[tuple[ET.Element, str]]:
    """Each placemark and the HTML of its balloon as Google Earth builds it: its style's
    BalloonStyle text (or the default), each $[entity] replaced by the placemark's name,
    description or ExtendedData value as it is, and again in what that brought in (the
    worst a reader may do)."""
    root = ET.fromstring(kml)
    styles = {
        f"#{style.get('id')}": style.findtext(f"{KML}BalloonStyle/{KML}text")
        for style in root.iter(f"{KML}Style")
    }
    balloons = []
    for mark in root.iter(f"{KML}Placemark"):
        values = {
            "name": mark.findtext(f"{KML}name") or "",
            "description": mark.findtext(f"{KML}description") or "",
        }
        for data in mark.iter(f"{KML}SimpleData"):
            # Google Earth names a typed field $[schema/field] (and $[field]).
            schema = (mark.find(f"{KML}ExtendedData/{KML}SchemaData") or ET.Element("")).get(
                "schemaUrl", ""
            )
            name = data.get("name") or ""
            values[name] = values[f"{schema.lstrip('#')}/{name}"] = data.text or ""
        balloon = styles.get(mark.findtext(f"{KML}styleUrl") or "") or DEFAULT_BALLOON
        for _ in range(3):
            balloon = _ENTITY.sub(lambda m, v=values: v.get(m.group(1), m.group()), balloon)
        balloons.append((mark, balloon))
    return balloons


def _open_balloons(browser: Browser, folder: Path, kml: str) -> tuple[Page, list[ET.Element]]:
    """One page holding every balloon of `kml`, each in its own section, parsed as a
    browser parses a page (so a <script> in one would run)."""
    balloons = _balloons(kml)
    page = folder / "balloons.html"
    page.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        "<script>window.fired = []; window.pwn = n => window.fired.push(n);</script>"
        "</head><body>"
        + "".join(f"<section class='balloon'>{html}</section>" for _, html in balloons)
        + "</body></html>",
        "utf-8",
    )
    return browser.open(page.as_uri()), [mark for mark, _ in balloons]


_READ_BALLOONS = (
    _PROBE
    + """(() => {
  const result = probe('body');
  result.balloons = Array.from(document.querySelectorAll('section.balloon'), balloon => ({
    text: balloon.textContent,
    links: Array.from(balloon.querySelectorAll('a'), a => [a.getAttribute('href'), a.textContent]),
  }));
  return result;
})()"""
)


def _event_id(mark: ET.Element) -> str | None:
    for data in mark.iter(f"{KML}SimpleData"):
        if data.get("name") == "id" and mark.find(f"{KML}TimeSpan") is not None:
            return data.text
    return None


@pytest.mark.parametrize("command", ["events", "map", "control"])
def test_kml_balloons_show_every_field_of_a_hostile_file_as_text(
    run: Run, browser: Browser, hostile: Hostile, tmp_path: Path, command: str
) -> None:
    data = ("--data", str(hostile.path))
    kml = _exported(run, *data, command, "--format", "kml")
    views = {v["id"]: v for v in json.loads(_exported(run, *data, "events", "--format", "json"))}
    page, marks = _open_balloons(browser, tmp_path, kml)
    shown = page.evaluate(_READ_BALLOONS)
    page.settle()

    _nothing_ran(shown, hostile)
    assert page.errors == []
    assert page.requests == []
    events = 0
    for mark, balloon in zip(marks, shown["balloons"], strict=True):
        name = mark.findtext(f"{KML}name") or ""
        assert name in balloon["text"]
        event = _event_id(mark)
        if event is None:
            assert balloon["links"] == []
            continue
        events += 1
        view = views[event]
        for told in (view["title"], view["summary"], view["date"]):
            assert told in balloon["text"], event
        assert balloon["links"] == [
            [source["url"], _label(source)] for source in view["sources"]
        ], event
    # control: a placemark per period, its place's and holder's names in its balloon.
    assert events > 0 if command != "control" else marks


def test_curated_kml_balloons_link_their_sources(
    run: Run, browser: Browser, tmp_path: Path
) -> None:
    kml = _exported(run, "events", "--format", "kml")
    views = {v["id"]: v for v in json.loads(_exported(run, "events", "--format", "json"))}
    page, marks = _open_balloons(browser, tmp_path, kml)
    shown = page.evaluate(_READ_BALLOONS)
    _nothing_ran(shown)
    assert page.errors == []
    assert page.requests == []
    linked = 0
    for mark, balloon in zip(marks, shown["balloons"], strict=True):
        event = _event_id(mark)
        if event is None:
            continue
        expected = [[s["url"], _label(s)] for s in views[event]["sources"] if s["url"]]
        assert balloon["links"] == expected, event
        linked += bool(expected)
    assert linked == len(views)


def test_a_cdata_end_in_a_balloon_cannot_end_its_section() -> None:
    # Escaped data never holds "]]>" ('>' is escaped), but the writer does not rely on it.
    from eastsyria.output.kml import _cdata

    markup = "<p>a]]><script>pwn(1)</script>]]>b</p>"
    assert ET.fromstring(f"<d>{_cdata(markup)}</d>").text == markup


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://example.org/a#b", True),
        ("HTTP://example.org", True),
        ("javascript:pwn(1)", False),
        ("data:text/html,<script>pwn(1)</script>", False),
        ("//example.org", False),
        ("https://", False),
        ("example.org", False),
    ],
)
def test_only_a_web_address_becomes_a_link(url: str, linked: bool) -> None:
    # The schema admits only http(s) article URLs; the writers do not rely on it.
    from eastsyria.core.links import is_web_link
    from eastsyria.output.kml import _balloon
    from eastsyria.output.machine import _tl_cited

    source = {"article_title": "A", "section_title": "B", "url": url}
    assert is_web_link(url) is linked
    assert ("<a " in _tl_cited(source)) is linked
    assert ("<a " in _balloon("T", links=[("A › B", url)])) is linked
