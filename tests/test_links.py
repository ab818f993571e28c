"""Every citation resolves to a link to its section: in `show`, JSON and every export.

The links are the issue's: the two articles' URLs, and each section's heading (spaces as
underscores, as Wikipedia writes anchors) as the fragment.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from conftest import Run, run_process

CAMPAIGN_URL = "https://en.wikipedia.org/wiki/Eastern_Syria_campaign"
OFFENSIVE_URL = "https://en.wikipedia.org/wiki/2017_Abu_Kamal_offensive"
FIRST_ATTACK = f"{OFFENSIVE_URL}#First_attack_on_the_city"
CAMPAIGN_SECTION = f"{CAMPAIGN_URL}#Abu_Kamal_offensive"
FIRST_ATTACK_LABEL = "2017 Abu Kamal offensive › First attack on the city"
# Every section heading of the two articles (their `== Heading ==` lines), as its anchor.
SECTION_LINKS = {
    f"{CAMPAIGN_URL}#Surrounding_Deir_ez-Zor",
    f"{CAMPAIGN_URL}#Capture_of_Mayadin",
    f"{CAMPAIGN_URL}#Deir_ez-Zor_city_cleared",
    f"{CAMPAIGN_URL}#Abu_Kamal_offensive",
    f"{CAMPAIGN_URL}#Western_bank_of_the_Euphrates_River",
    f"{CAMPAIGN_URL}#Aftermath_%E2%80%93_Continued_ISIL_attacks_and_operation_to_take_the_ISIL_pocket",
    f"{OFFENSIVE_URL}#Advance_to_the_border",
    f"{OFFENSIVE_URL}#First_attack_on_the_city",
    f"{OFFENSIVE_URL}#Second_attack_on_the_city",
}


def test_show_json_links_each_source_and_each_disputed_claim(run: Run) -> None:
    detail = run("show", "abu-kamal-first-capture", "--format", "json").json()
    assert [(s["url"], s["article_url"]) for s in detail["sources"]] == [
        (CAMPAIGN_SECTION, CAMPAIGN_URL),
        (FIRST_ATTACK, OFFENSIVE_URL),
    ]
    claims = detail["disputes"][0]["claims"]
    for claim in claims:
        assert list(claim)[-1] == "source_url"
    assert {claim["source_url"] for claim in claims} == {FIRST_ATTACK, CAMPAIGN_SECTION}


def test_every_cited_section_of_the_dataset_has_its_link(run: Run) -> None:
    events = run("events", "--format", "json").json()
    campaigns = run("campaigns", "--format", "json").json()
    sources = [s for item in events + campaigns for s in item["sources"]]
    sources += [c["source"] for item in events + campaigns for c in item["casualties"]]
    for source in sources:
        assert source["article_url"] in (CAMPAIGN_URL, OFFENSIVE_URL)
        if source["section"] in ("infobox", "lead"):
            assert source["url"] == source["article_url"]  # no anchor: the article itself
        else:
            assert source["url"] in SECTION_LINKS, source
    # The data cites every section of both articles.
    assert {s["url"] for s in sources if "#" in s["url"]} == SECTION_LINKS


def test_show_prints_each_link_plain_when_piped() -> None:
    result = run_process("show", "abu-kamal-first-capture")
    assert result.returncode == 0
    assert "\x1b" not in result.stdout
    lines = [line.strip() for line in result.stdout.splitlines()]
    at = lines.index(FIRST_ATTACK_LABEL)
    assert lines[at + 1] == FIRST_ATTACK


def test_show_makes_each_link_a_hyperlink_on_a_colour_terminal(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    out = run("show", "abu-kamal-first-capture").out
    # OSC 8: ESC ] 8 ; params ; URI ESC \ text ESC ] 8 ; ; ESC \
    targets = re.findall(r"\x1b\]8;[^;]*;([^\x1b]+)\x1b\\", out)
    assert FIRST_ATTACK in targets
    assert CAMPAIGN_SECTION in targets


def test_csv_cells_carry_the_links(run: Run) -> None:
    out = run("events", "--format", "csv", "--fields", "id,sources,casualties").out
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(out))}
    assert rows["abu-kamal-first-capture"]["sources"] == (
        f"Eastern Syria campaign › Abu Kamal offensive <{CAMPAIGN_SECTION}>; "
        f"{FIRST_ATTACK_LABEL} <{FIRST_ATTACK}>"
    )
    toll = rows["countryside-fighters-killed"]["casualties"]
    assert f"[2017 Abu Kamal offensive › Second attack on the city <{OFFENSIVE_URL}" in toll


def test_markdown_sources_are_links(run: Run) -> None:
    out = run("events", "--format", "markdown", "--fields", "id,sources").out
    row = next(line for line in out.splitlines() if "abu-kamal-first-capture" in line)
    assert f"[{FIRST_ATTACK_LABEL}]({FIRST_ATTACK})" in row
    assert f"[Eastern Syria campaign › Abu Kamal offensive]({CAMPAIGN_SECTION})" in row


def test_geojson_and_timelinejs_carry_the_links(run: Run) -> None:
    features = run("events", "--format", "geojson").json()["features"]
    feature = next(f for f in features if f["properties"]["id"] == "abu-kamal-first-capture")
    # Flat, as the CSV cell: each source's label and its link in angle brackets.
    sources = feature["properties"]["sources"]
    assert sources.index(f"<{CAMPAIGN_SECTION}>") < sources.index(f"<{FIRST_ATTACK}>")
    timeline = run("events", "--format", "timelinejs").json()
    entry = next(e for e in timeline["events"] if e["unique_id"] == "abu-kamal-first-capture")
    assert [href for href, _ in anchors(entry["text"]["text"])] == [
        CAMPAIGN_SECTION,
        FIRST_ATTACK,
    ]
    assert anchors(entry["text"]["text"])[1][1] == FIRST_ATTACK_LABEL


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []
        self._href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._href = dict(attrs).get("href") or ""
            self.found.append((self._href, ""))

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            href, text = self.found[-1]
            self.found[-1] = (href, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._href = None


def anchors(html: str) -> list[tuple[str, str]]:
    """(href, text) of each link, as a browser reads the HTML."""
    parser = _Anchors()
    parser.feed(html)
    return parser.found


# -- hostile titles in a data file of one's own ---------------------------------------------

HOSTILE = 'Quote " <b>bold</b> ](javascript:alert(1)) [x] | pipe \\ `tick` *star*'


@pytest.fixture
def hostile(write_data: Callable[..., Path]) -> Path:
    def change(document: dict[str, Any]) -> None:
        source = document["sources"][0]
        source.update(title=HOSTILE, url="https://example.org/w/a(b)\"c'")
        source["sections"][1]["anchor"] = "The_battle"

    return write_data(change)


def test_a_hostile_title_cannot_break_a_markdown_link(run: Run, hostile: Path) -> None:
    out = run("--data", str(hostile), "events", "-f", "markdown", "--fields", "id,sources").out
    row = out.splitlines()[2]
    cell = row.removeprefix("| town-b-by | ").removesuffix(" |")
    # One link: its text is the label with every Markdown mark escaped, its destination
    # the link with nothing that could end it.
    match = re.fullmatch(r"\[((?:\\.|[^\\\]])*)\]\(([^()\s]*)\)", cell)
    assert match is not None, cell
    assert re.sub(r"\\(.)", r"\1", match.group(1)) == f"{HOSTILE} › The battle"
    assert match.group(2) == "https://example.org/w/a%28b%29%22c'#The_battle"


def test_a_hostile_title_cannot_break_a_timelinejs_link(run: Run, hostile: Path) -> None:
    timeline = run("--data", str(hostile), "events", "--format", "timelinejs").json()
    entry = next(e for e in timeline["events"] if e["unique_id"] == "town-b-by")
    assert anchors(entry["text"]["text"]) == [
        ("https://example.org/w/a(b)%22c'#The_battle", f"{HOSTILE} › The battle")
    ]


def test_a_file_without_links_still_works_everywhere(run: Run) -> None:
    from conftest import MINI

    detail = run("--data", str(MINI), "show", "town-b-by", "--format", "json").json()
    assert [(s["url"], s["article_url"]) for s in detail["sources"]] == [(None, None)]
    out = run("--data", str(MINI), "events", "-f", "markdown", "--fields", "id,sources").out
    assert "| town-b-by | Article A › The battle |" in out.splitlines()
    csv_out = run("--data", str(MINI), "events", "-f", "csv", "--fields", "id,sources").out
    assert "town-b-by,Article A › The battle" in csv_out.splitlines()
    shown = run("--data", str(MINI), "show", "town-b-by").out
    assert "http" not in shown
    assert json.loads(run("--data", str(MINI), "events", "-f", "timelinejs").out)
