"""A report too long to list, as a reader opens it in headless Chromium (tests/browser.py).

Past REPORT_CAP events the page lists the first and last ones and counts them all; with
--all it lists every event. Either way the table shows a page of rows at a time, written by
the page's script from the events' data: a search looks through every listed event (not
only the page shown), the pager turns the pages, and a row opens its card. The data is a
synthetic file (benchmarks/synthetic.py) of REPORT_CAP + 1 events; what is expected is
computed from the document written.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser import Browser, Page, chromium_or_skip
from conftest import Run, synthetic_document

CAP = 400  # the README's number: a report of more than 400 events lists the first and last 200
PAGE = 200  # the rows a page of the table shows


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    chromium_or_skip()
    with Browser(width=1300, height=900) as opened:
        yield opened


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return synthetic_document(CAP + 1)


@pytest.fixture
def data_file(document: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("EASTSYRIA_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "synthetic.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def _ordered(document: dict[str, Any]) -> list[dict[str, Any]]:
    return sorted(
        document["events"], key=lambda e: (e["date"]["earliest"], e["date"]["latest"], e["id"])
    )


def _open(browser: Browser, run: Run, data: Path, target: Path, *args: str) -> Page:
    result = run("--data", str(data), "report", *args, "-o", str(target))
    assert result.status == 0, result.err
    page = browser.open(target.as_uri())
    assert page.requests == []
    assert page.errors == []
    return page


def _rows(page: Page) -> list[str]:
    return list(
        page.evaluate(
            "Array.from(document.querySelectorAll('#events-table tbody tr'))"
            ".map(row => row.dataset.id)"
        )
    )


def _text(page: Page, selector: str) -> str:
    return str(page.evaluate(f"document.querySelector({json.dumps(selector)}).textContent"))


def test_a_summarised_page_searches_pages_and_opens_cards(
    browser: Browser, run: Run, data_file: Path, document: dict[str, Any], tmp_path: Path
) -> None:
    page = _open(browser, run, data_file, tmp_path / "report.html")
    ordered = _ordered(document)
    listed = ordered[: CAP // 2] + ordered[-CAP // 2 :]
    # A page of rows, and the pager to the next.
    assert _rows(page) == [event["id"] for event in listed[:PAGE]]
    assert _text(page, "nav.pager .rows") == f"Rows 1–{PAGE} of {CAP}"
    assert _text(page, "#count") == f"{CAP} of {CAP} listed events"
    page.click("nav.pager .next")
    assert _rows(page) == [event["id"] for event in listed[PAGE:CAP]]
    # The counts of every event are on the page, above the table.
    assert page.evaluate("document.querySelectorAll('#summary .tally').length") == 4
    # A search looks through every listed event, the pages not shown too.
    wanted = listed[-1]
    page.type("#search", wanted["title"])
    shown = _rows(page)
    assert wanted["id"] in shown
    assert len(shown) < CAP
    assert set(shown) <= {event["id"] for event in listed}
    assert _text(page, "#count") == f"{len(shown)} of {CAP} listed events"
    # Its row opens its card.
    page.click(f'#events-table tr[data-id="{wanted["id"]}"]')
    assert page.evaluate("document.getElementById('card').open") is True
    assert _text(page, "#card-title") == wanted["title"]
    assert page.errors == []
    assert page.requests == []


def test_all_lists_every_event_a_page_at_a_time(
    browser: Browser, run: Run, data_file: Path, document: dict[str, Any], tmp_path: Path
) -> None:
    page = _open(browser, run, data_file, tmp_path / "report.html", "--all")
    ordered = _ordered(document)
    assert page.evaluate("document.getElementById('summary')") is None
    assert _text(page, "nav.pager .rows") == f"Rows 1–{PAGE} of {CAP + 1}"
    # The one event the summarised page leaves out is listed, and found.
    middle = ordered[CAP // 2]
    page.type("#search", middle["title"])
    assert middle["id"] in _rows(page)
    # Sorted by date, latest first, the last page ends with the earliest event.
    page.evaluate("document.getElementById('search').value = ''")
    page.type("#search", " ")
    page.click("th:nth-child(1) button")
    page.click("th:nth-child(1) button")
    assert _rows(page)[0] == ordered[-1]["id"]
    page.click("nav.pager .next")
    page.click("nav.pager .next")
    assert _rows(page) == [ordered[0]["id"]]
    assert page.evaluate("document.querySelector('nav.pager .next').disabled") is True
    assert page.errors == []
