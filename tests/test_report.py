"""`report -o FILE.html`: one self-contained page, read here without a browser.

The page is parsed as HTML: the events' data (one entry per event the filters keep, from
which the page's script writes the table's rows and the cards) parses back from its script
element, nothing in it names a host to fetch from, and strings from a hostile data file stay
text. Past REPORT_CAP events the page lists the first and last ones and counts them all; the
synthetic files here are written by benchmarks/synthetic.py, and every expected count is
computed from the document written. tests/test_browser_pictures.py and
tests/test_browser_report.py open the pages in Chromium.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from conftest import Run, synthetic_document
from eastsyria.data.load import shipped_data_path

SHIPPED: dict[str, Any] = json.loads(shipped_data_path().read_text(encoding="utf-8"))


class Page(HTMLParser):
    """What a browser would build from the page: its elements, rows and scripts."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: dict[str, str] = {}
        # Each summary table's caption and rows (name, events), in order.
        self.tallies: dict[str, list[tuple[str, int]]] = {}
        self._script: str | None = None
        self._cells: list[str] | None = None
        self._caption: str | None = None
        self._text = ""
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if tag == "script":
            self._script = found.get("id") or "code"
            self.scripts[self._script] = ""
        if tag == "div" and found.get("class") == "tally":
            self._caption = ""
        if tag in ("caption", "td"):
            self._text = ""
        if tag == "tr":
            self._cells = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None
        if tag == "caption" and self._caption is not None:
            self._caption = self._text
            self.tallies[self._caption] = []
        if tag == "table":
            self._caption = None
        if tag == "td" and self._cells is not None:
            self._cells.append(self._text)
        if tag == "tr" and self._cells and self._caption in self.tallies:
            name, count = self._cells
            self.tallies[self._caption].append((name, int(count.replace(",", ""))))

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self.scripts[self._script] += data
        self._text += data

    def data(self) -> list[dict[str, Any]]:
        return json.loads(self.scripts["events-data"])  # type: ignore[no-any-return]

    @property
    def rows(self) -> list[str]:
        """The events the table lists, in its order: page.js writes a row for each."""
        return [card["id"] for card in self.data()]


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
    # No summary: the 72 events are all listed.
    assert page.tallies == {}
    assert "not listed" not in html
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


# -- a report too long to list: its ends listed, every event counted ---------------------------

CAP = 400  # the README's number: a report of more than 400 events lists the first and last 200


@pytest.fixture(scope="module")
def synthetic_files(tmp_path_factory: pytest.TempPathFactory) -> dict[int, tuple[Path, Any]]:
    """Files of CAP and CAP + 1 synthetic events, written once, with a cache of their own."""
    folder = tmp_path_factory.mktemp("synthetic")
    files = {}
    for events in (CAP, CAP + 1):
        document = synthetic_document(events)
        path = folder / f"s{events}.json"
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        files[events] = (path, document)
    return files


@pytest.fixture(params=["whole file", "store"])
def source(
    request: pytest.FixtureRequest,
    synthetic_files: dict[int, tuple[Path, Any]],
    monkeypatch: pytest.MonkeyPatch,
) -> dict[int, tuple[Path, Any]]:
    """The synthetic files, read whole or through their indexed store: every test here runs
    both ways."""
    folder = next(iter(synthetic_files.values()))[0].parent
    monkeypatch.setenv("EASTSYRIA_CACHE_DIR", str(folder / "cache"))
    if request.param == "store":
        monkeypatch.setenv("EASTSYRIA_STORE_MIN_MB", "0")
    return synthetic_files


def _chronological(document: dict[str, Any]) -> list[str]:
    events = sorted(
        document["events"],
        key=lambda e: (e["date"]["earliest"], e["date"]["latest"], e["id"]),
    )
    return [event["id"] for event in events]


def _synthetic_report(run: Run, path: Path, target: Path, *args: str) -> tuple[Page, str, str]:
    result = run("--data", str(path), "report", *args, "-o", str(target))
    assert result.status == 0, result.err
    assert result.out == ""
    html = target.read_text(encoding="utf-8")
    return Page(html), html, result.err


def test_a_report_of_cap_events_lists_every_one(
    run: Run, tmp_path: Path, source: dict[int, tuple[Path, Any]]
) -> None:
    path, document = source[CAP]
    page, html, note = _synthetic_report(run, path, tmp_path / "r.html")
    assert page.rows == _chronological(document)
    assert page.tallies == {}
    assert "not listed" not in html
    assert note == f"wrote {tmp_path / 'r.html'}: {CAP} events\n"


def test_one_more_event_lists_the_ends_and_counts_every_event(
    run: Run, tmp_path: Path, source: dict[int, tuple[Path, Any]]
) -> None:
    path, document = source[CAP + 1]
    target = tmp_path / "r.html"
    page, html, note = _synthetic_report(run, path, target)
    ordered = _chronological(document)
    # The first and the last 200, in the table's order; the one between them is counted.
    assert page.rows == ordered[: CAP // 2] + ordered[-CAP // 2 :]
    assert note.splitlines() == [
        f"wrote {target}: {CAP + 1} events, {CAP} of them listed",
        "1 event counted on the page but not listed: narrow the filters, add --all to list "
        "every one, or use eastsyria events --format jsonl for programs",
    ]
    text = " ".join(html.split())
    assert f"The table lists {CAP} of the {CAP + 1} events" in text
    assert "The 1 event between them is not listed, but every event is counted" in text
    assert "--all" in text
    assert "eastsyria events --format jsonl" in text
    events = document["events"]
    months = Counter(e["date"]["earliest"][:7] for e in events)
    counted_months = page.tallies["Events per month"]
    # Every month from the first event's to the last's, empty ones included.
    assert {month: n for month, n in counted_months if n} == dict(months)
    assert [month for month, _ in counted_months] == sorted(month for month, _ in counted_months)
    assert sum(n for _, n in counted_months) == CAP + 1
    assert dict(page.tallies["By type"]) == dict(Counter(e["type"] for e in events))
    place_names = {place["id"]: place["name"] for place in document["places"]}
    places = Counter(place_names[p] for e in events for p in dict.fromkeys(e["places"]))
    assert dict(page.tallies["By place"]) == dict(places)
    # Most events first.
    assert [n for _, n in page.tallies["By place"]] == sorted(places.values(), reverse=True)
    side_of = {actor["id"]: actor["side"] for actor in document["actors"]}
    side_names = {side["id"]: side["name"] for side in document["sides"]}
    sides = Counter(
        side_names[side]
        for e in events
        for side in dict.fromkeys(side_of[role["actor"]] for role in e["actors"])
    )
    assert dict(page.tallies["By side"]) == dict(sides)


def test_all_lists_every_event(
    run: Run, tmp_path: Path, source: dict[int, tuple[Path, Any]]
) -> None:
    path, document = source[CAP + 1]
    page, html, note = _synthetic_report(run, path, tmp_path / "r.html", "--all")
    assert page.rows == _chronological(document)
    assert page.tallies == {}
    assert "not listed" not in html
    assert note == f"wrote {tmp_path / 'r.html'}: {CAP + 1} events\n"
    assert "Chosen with: --all." in html


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("--reverse", "--from", "2017-03", "--place", "Deir ez-Zor"),
        # Filters and an order only the query core knows: counted over the events found.
        ("--text", "Syrian", "--near", "Abu Kamal", "--sort", "distance"),
    ],
    ids=" ".join,
)
def test_the_store_writes_the_page_the_whole_file_writes(
    run: Run,
    tmp_path: Path,
    synthetic_files: dict[int, tuple[Path, Any]],
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
) -> None:
    path, _ = synthetic_files[CAP + 1]
    monkeypatch.setenv("EASTSYRIA_CACHE_DIR", str(path.parent / "cache"))
    whole = run("--data", str(path), "report", *args, "-o", str(tmp_path / "whole.html"))
    monkeypatch.setenv("EASTSYRIA_STORE_MIN_MB", "0")
    stored = run("--data", str(path), "report", *args, "-o", str(tmp_path / "stored.html"))
    assert whole.status == stored.status == 0, whole.err + stored.err
    written = (tmp_path / "whole.html").read_bytes()
    assert (tmp_path / "stored.html").read_bytes() == written
    assert whole.err.replace("whole.html", "stored.html") == stored.err


def test_reversed_the_table_lists_the_latest_first(
    run: Run, tmp_path: Path, source: dict[int, tuple[Path, Any]]
) -> None:
    path, document = source[CAP + 1]
    page, _, _ = _synthetic_report(run, path, tmp_path / "r.html", "--reverse")
    latest_first = _chronological(document)[::-1]
    assert page.rows == latest_first[: CAP // 2] + latest_first[-CAP // 2 :]


def test_a_summarised_report_makes_cards_for_the_listed_events_only(
    run: Run,
    tmp_path: Path,
    synthetic_files: dict[int, tuple[Path, Any]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The work grows with the events listed, not with those counted: the store is asked for
    the listed ones only, and only they are made cards."""
    from eastsyria.contract import events as contract_events
    from eastsyria.data.store import Store

    path, _ = synthetic_files[CAP + 1]
    monkeypatch.setenv("EASTSYRIA_CACHE_DIR", str(path.parent / "cache"))
    monkeypatch.setenv("EASTSYRIA_STORE_MIN_MB", "0")
    detailed: list[str] = []
    selected: list[int] = []
    real_detail, real_select = contract_events.event_detail, Store.select

    def event_detail(catalog: Any, event: Any) -> Any:
        detailed.append(event["id"])
        return real_detail(catalog, event)

    def select(self: Store, selection: Any, **options: Any) -> Any:
        for event in real_select(self, selection, **options):
            selected.append(1)
            yield event

    monkeypatch.setattr(contract_events, "event_detail", event_detail)
    monkeypatch.setattr(Store, "select", select)
    page, _, _ = _synthetic_report(run, path, tmp_path / "r.html")
    assert len(page.rows) == CAP
    assert len(detailed) == CAP
    # The table's CAP events, then every one of the CAP + 1 for the pictures, which draw
    # each event up to MARK_CAP (past it they count in the store: test_summarised_pictures).
    assert sum(selected) == CAP + CAP + 1
