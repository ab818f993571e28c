"""`report -o FILE.html`: one self-contained page, read here without a browser.

The page is parsed as HTML: one table row per event the filters keep, the events' data
parses back from its script element, nothing in it names a host to fetch from, and strings
from a hostile data file stay text. tests/test_browser_pictures.py opens it in Chromium.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from conftest import Run
from eastsyria.data.load import shipped_data_path

SHIPPED: dict[str, Any] = json.loads(shipped_data_path().read_text(encoding="utf-8"))


class Page(HTMLParser):
    """What a browser would build from the page: its elements, rows and scripts."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.rows: list[str] = []
        self.scripts: dict[str, str] = {}
        self._script: str | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if tag == "tr" and found.get("data-id"):
            self.rows.append(str(found["data-id"]))
        if tag == "script":
            self._script = found.get("id") or "code"
            self.scripts[self._script] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self.scripts[self._script] += data

    def data(self) -> list[dict[str, Any]]:
        return json.loads(self.scripts["events-data"])  # type: ignore[no-any-return]


def _report(run: Run, tmp_path: Path, *args: str) -> tuple[str, str]:
    target = tmp_path / "report.html"
    result = run("report", *args, "-o", str(target))
    assert result.status == 0, result.err
    # The page goes to the file; stdout stays empty, and a note says what was written.
    assert result.out == ""
    return target.read_text(encoding="utf-8"), result.err


def test_the_whole_report_has_a_row_and_a_card_for_every_event(run: Run, tmp_path: Path) -> None:
    html, note = _report(run, tmp_path)
    page = Page(html)
    every = [event["id"] for event in SHIPPED["events"]]
    assert sorted(page.rows) == sorted(every)
    assert [card["id"] for card in page.data()] == page.rows
    assert note == f"wrote {tmp_path / 'report.html'}: {len(every)} events\n"


def test_the_filters_are_those_of_events(run: Run, tmp_path: Path) -> None:
    html, note = _report(run, tmp_path, "--place", "Mayadin", "--to", "2017-10-31")
    page = Page(html)
    # The campaign article: the army encircled Mayadin on 12 October 2017, and took it two
    # days later.
    days = {card["start"] for card in page.data()}
    assert {"2017-10-12", "2017-10-14"} <= days
    assert all(card["start"] <= "2017-10-31" for card in page.data())
    listed = run("events", "--place", "Mayadin", "--to", "2017-10-31", "--format", "json")
    assert page.rows == [event["id"] for event in listed.json()]
    assert f": {len(page.rows)} events" in note
    # The page says how it was chosen, so that it can be made again.
    assert "Chosen with: --to 2017-10-31 --place Mayadin." in html


def test_a_card_carries_what_show_gives_with_links_to_the_sections(
    run: Run, tmp_path: Path
) -> None:
    page = Page(_report(run, tmp_path, "--on", "2017-11-09")[0])
    card = next(c for c in page.data() if c["id"] == "abu-kamal-first-capture")
    # The offensive article's section "First attack on the city" tells the first capture.
    section = "https://en.wikipedia.org/wiki/2017_Abu_Kamal_offensive#First_attack_on_the_city"
    assert section in [source["url"] for source in card["sources"]]
    assert card["date"] == "9 November 2017"
    assert [place["name"] for place in card["places"]] == ["Abu Kamal"]
    assert card["control"] == ["Abu Kamal: Islamic State (ISIL) → Syrian government and allies"]
    assert card["disputes"][0]["topic"] == "When Abu Kamal first fell"
    assert {"name": "ISIL", "side": "isil", "role": "defender"}.items() <= {
        **next(a for a in card["actors"] if a["name"] == "ISIL")
    }.items()


def test_nothing_in_the_page_can_fetch_anything(run: Run, tmp_path: Path) -> None:
    html, _ = _report(run, tmp_path)
    page = Page(html)
    policy = next(
        attrs["content"]
        for tag, attrs in page.tags
        if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"
    )
    assert policy is not None
    assert "default-src 'none'" in policy
    assert "connect-src" not in policy  # falls back to 'none'
    # No element loads anything: no src, no stylesheet link, no external script.
    assert [tag for tag, attrs in page.tags if "src" in attrs] == []
    assert [tag for tag, _ in page.tags if tag in ("link", "iframe", "object", "embed")] == []
    # The only addresses are the links to the sources' sections, which nothing follows
    # unless a reader clicks them.
    outside = re.findall(r"(?:https?:|//)[^\s\"'<>)]*", html)
    anchors = {attrs["href"] for tag, attrs in page.tags if tag == "a"}
    card_links = {
        source["url"] for card in page.data() for source in card["sources"] if source["url"]
    }
    known = {"http://www.w3.org/2000/svg", *anchors, *card_links}
    assert {url for url in outside if url not in known and not url.startswith("//")} == set()
    assert "@import" not in html
    assert "url(http" not in html


@pytest.fixture
def hostile_page(run: Run, tmp_path: Path, write_data: Any) -> str:
    def poison(document: dict[str, Any]) -> None:
        event = document["events"][0]
        event["title"] = "</script><script>alert(1)</script><img src=x onerror=alert(2)>"
        event["summary"] = "line\u2028separator \u202eevil <!-- comment & more"
        document["places"][1]["name"] = "<b>Town</b> &amp; </td></tr></table>"

    data = write_data(poison)
    target = tmp_path / "hostile.html"
    result = run("--data", str(data), "report", "-o", str(target))
    assert result.status == 0, result.err
    return target.read_text(encoding="utf-8")


def test_hostile_strings_stay_text(hostile_page: str) -> None:
    page = Page(hostile_page)
    # Nothing the data says became an element: one data script and the page's own.
    assert sorted(page.scripts) == ["code", "events-data"]
    assert [tag for tag, _ in page.tags if tag in ("img", "b")] == []
    assert [tag for tag, _ in page.tags if tag == "table"] == ["table"]
    assert "</script><script>alert" not in hostile_page
    assert "\u2028" not in hostile_page
    assert "\u202e" not in hostile_page
    # The data parses back: the title as written, the bidi override made a visible stand-in.
    card = next(c for c in page.data() if c["title"].startswith("</script>"))
    assert card["title"] == "</script><script>alert(1)</script><img src=x onerror=alert(2)>"
    assert "\\u202eevil" in card["summary"]
    places = {place["name"] for c in page.data() for place in c["places"]}
    assert "<b>Town</b> &amp; </td></tr></table>" in places


@pytest.mark.parametrize(
    ("target", "says"),
    [
        ("no/such/dir/r.html", "no directory 'no/such/dir'; create it first"),
        (".", "it is a directory; name a file in it, such as 'report.html'"),
    ],
)
def test_a_path_that_cannot_be_written_is_refused_in_one_line(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str, says: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("report", "-o", target)
    assert result.status == 2
    assert result.out == ""
    assert result.err == f"eastsyria: error: cannot write the report to {target!r}: {says}\n"
    assert list(tmp_path.iterdir()) == []


def test_without_output_it_says_which_option_is_missing(run: Run) -> None:
    result = run("report", "--place", "Mayadin")
    assert result.status == 2
    assert result.out == ""
    assert "Missing option '--output' / '-o'" in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_no_match_still_writes_a_page_and_says_so(run: Run, tmp_path: Path) -> None:
    html, note = _report(run, tmp_path, "--from", "2030")
    assert Page(html).rows == []
    assert "No events match." in html
    assert note.splitlines() == [
        f"wrote {tmp_path / 'report.html'}: 0 events",
        "no events match these filters",
    ]


def test_two_pictures_that_name_the_same_id_keep_their_own() -> None:
    from eastsyria.output.pictures.page import inline_svg

    svg = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg">'
        '<linearGradient id="fade"/><rect fill="url(#fade)"/><use href="#fade"/>'
        '<g class="event" data-id="fade"/></svg>'
    )
    first, second = inline_svg(svg, "p1"), inline_svg(svg, "p2")
    assert not first.startswith("<?xml")
    for prefix, inlined in (("p1", first), ("p2", second)):
        assert f'id="{prefix}-fade"' in inlined
        assert f"url(#{prefix}-fade)" in inlined
        assert f'href="#{prefix}-fade"' in inlined
    # An event's id is not an element's: the page finds the event by it.
    assert 'data-id="fade"' in first


def test_the_data_cannot_close_its_script_element() -> None:
    from eastsyria.output.pictures.page import script_json

    value = ["</script>", "<!--", "a\u2028b\u2029c", "&amp;"]
    written = script_json(value)
    assert re.search(r"[<>&\u2028\u2029]", written) is None
    assert json.loads(written) == value
