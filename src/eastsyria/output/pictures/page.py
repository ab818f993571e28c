"""The offline report: one HTML file with the pictures, a table of the events that sorts and
searches, and each event's card, opened by double-click with no server and no network.

Everything is inline: the style and the small script (page.css and page.js beside this
module, hand-written, no library), the pictures (SVG, as the --svg commands draw them) and
the events' data (JSON in a `<script type="application/json">`). A Content-Security-Policy
forbids every fetch, so even a data string that tried could not reach any host. Data strings
are escaped here, and the script only ever puts them in with `textContent`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from importlib.resources import files
from typing import Any, NamedTuple

from eastsyria.contract.texts import counted
from eastsyria.output.svg import EVENT_CLASS, FONT_STACK, attributes, text

# Nothing may be fetched: no host, no file, no font. Inline style and script only, and
# images written into the page itself (`data:`).
POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)
DATA_ID = "events-data"
# The table's columns: heading, and the key its rows sort by (page.js reads it).
COLUMNS: tuple[tuple[str, str], ...] = (
    ("Date", "date"), ("Title", "title"), ("Places", "places"), ("Actors", "actors"),
    ("Type", "type"),
)  # fmt: skip

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>\s*")
# An id attribute (not `data-id`, which names an event), and the references to one.
_ID = re.compile(r'(?<![\w-])id="([^"]+)"')
_ID_OR_REFERENCE = re.compile(r'((?<![\w-])id="|url\(#|href="#)([^")]+)')


# Elements HTML writes without an end tag; every other one gets its end tag even when empty
# (`<div/>` would open a div that never closes).
_VOID = frozenset({"meta", "input", "br", "hr", "img", "link"})


def tag(name: str, body: str | Iterable[str] = "", /, **attrs: object) -> str:
    """One HTML element; `body` is markup already made (use `text` for data strings)."""
    if name in _VOID:
        return f"<{name}{attributes(attrs)}>"
    inner = body if isinstance(body, str) else "".join(body)
    return f"<{name}{attributes(attrs)}>{inner}</{name}>"


def _asset(name: str) -> str:
    return files("eastsyria.output.pictures").joinpath(name).read_text(encoding="utf-8")


def script_json(value: object) -> str:
    """JSON that cannot end the script element holding it, nor start an HTML comment or a
    line break in old parsers: '<', '>' and '&' and U+2028/U+2029 are written as \\u escapes,
    which parse back to the same strings."""
    dumped = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char in "<>&\u2028\u2029":
        dumped = dumped.replace(char, f"\\u{ord(char):04x}")
    return dumped


def inline_svg(svg: str, prefix: str) -> str:
    """An SVG document ready to sit inside the page: without its XML declaration, and with
    every id (and each `url(#id)` and `href="#id"` naming one) given `prefix`, so that two
    pictures that both define a gradient `fade` do not take each other's."""
    body = _XML_DECLARATION.sub("", svg, count=1)
    named = set(_ID.findall(body))

    def prefixed(match: re.Match[str]) -> str:
        before, name = match.groups()
        return f"{before}{prefix}-{name}" if name in named else match.group()

    return _ID_OR_REFERENCE.sub(prefixed, body)


def _table() -> str:
    """The table's frame: page.js writes its rows from the events' data, a page of them at
    a time, so that a table of 100,000 events opens as fast as one of 100."""
    headings = [
        tag("th", tag("button", text(name), type="button", data_key=key), scope="col")
        for name, key in COLUMNS
    ]
    return tag(
        "table",
        [
            tag("caption", "Click a heading to sort by it, a row to see the event's card."),
            tag("thead", tag("tr", headings)),
            tag("tbody", ""),
        ],
        id="events-table",
    ) + tag(
        "nav",
        [
            tag("button", "Previous", type="button", class_="previous"),
            tag("span", "", class_="rows"),
            tag("button", "Next", type="button", class_="next"),
        ],
        class_="pager",
        aria_label="Pages of the table",
        hidden="",
    )


class Counts(NamedTuple):
    """What a summarised page says of every event: how many there are, how many it lists at
    each end, and breakdowns as (heading, column name, [(name, events)])."""

    total: int
    first: int
    last: int
    breakdowns: list[tuple[str, str, list[tuple[str, int]]]]


def _tally(heading: str, column: str, rows: Sequence[tuple[str, int]]) -> str:
    most = max((count for _, count in rows), default=0) or 1
    body = [
        tag(
            "tr",
            [
                tag("td", text(name)),
                tag(
                    "td",
                    [
                        tag("span", "", class_="bar", style=f"width:{100 * count / most:.1f}%"),
                        f"{count:,}",
                    ],
                    class_="n",
                ),
            ],
        )
        for name, count in rows
    ]
    head = tag("tr", [tag("th", text(column), scope="col"), tag("th", "Events", scope="col")])
    return tag(
        "div",
        tag("table", [tag("caption", text(heading)), tag("thead", head), tag("tbody", body)]),
        class_="tally",
    )


def _counts(counts: Counts, listed: int) -> str:
    not_listed = counts.total - listed
    told = (
        f"The table lists {listed:,} of the {counted(counts.total, 'event')}: the first "
        f"{counts.first:,} and the last {counts.last:,} in its order (the pictures draw "
        f"those). The {counted(not_listed, 'event')} between them "
        f"{'is' if not_listed == 1 else 'are'} not listed, but every event is counted "
        f"below. To list every one, make the page again with --all (a large page) or "
        f"narrower filters; with the same filters, "
    )
    programs = " gives every event's data."
    return tag(
        "section",
        [
            tag("h2", "Every event, counted"),
            tag(
                "p",
                [text(told), tag("code", "eastsyria events --format jsonl"), programs],
                class_="more",
            ),
            tag("div", [_tally(*breakdown) for breakdown in counts.breakdowns], class_="tallies"),
        ],
        id="summary",
    )


def _pictures(pictures: Sequence[tuple[str, str]]) -> list[str]:
    return [
        tag(
            "section",
            [
                tag("h2", text(heading)),
                tag("div", inline_svg(svg, f"p{number}"), class_="picture"),
            ],
            id=f"picture-{number}",
            class_="figure",
        )
        for number, (heading, svg) in enumerate(pictures, 1)
    ]


def _sources(sources: Sequence[tuple[str, str | None]]) -> str:
    items = []
    for name, url in sources:
        shown = text(name)
        if url is not None:
            shown = tag("a", shown, href=url, rel="noopener noreferrer", target="_blank")
        items.append(tag("li", shown))
    return tag(
        "section",
        [
            tag("h2", "Sources"),
            tag(
                "p",
                "Each event cites the sections of these articles it is drawn from; the "
                "titles and summaries are this project's own words. Links open the "
                "articles online; nothing on this page fetches anything by itself.",
            ),
            tag("ul", items),
        ],
        id="sources",
    )


def report_page(
    cards: Sequence[Mapping[str, Any]],
    pictures: Sequence[tuple[str, str]],
    *,
    title: str,
    about: Sequence[str],
    sources: Sequence[tuple[str, str | None]],
    counts: Counts | None = None,
) -> str:
    """The whole page: `cards` (see `cards.card`) in the table and the data, `pictures` as
    (heading, SVG document) pairs, a `title`, lines `about` what it shows, the articles
    (name, link) the events come from, and with `counts` every event counted where `cards`
    are only some of them."""
    total = len(cards)
    noun = "listed event" if counts else "event"
    count = f"{total:,} of {counted(total, noun)}" if cards else "no events"
    search = tag(
        "div",
        [
            tag("label", "Search the events", for_="search"),
            tag(
                "input",
                id="search",
                type="search",
                placeholder="a place, an actor, any word…",
                autocomplete="off",
                spellcheck="false",
            ),
            tag("output", count, id="count", for_="search", data_noun=noun),
        ],
        class_="search",
    )
    events = tag(
        "section",
        [
            tag("h2", "Events"),
            search,
            _table() if cards else tag("p", "No events match."),
            tag("noscript", tag("p", "The table and the cards need JavaScript.")),
        ],
        id="events",
    )
    card = tag(
        "dialog",
        [tag("button", "Close", type="button", class_="close"), tag("div", "", id="card-body")],
        id="card",
        aria_labelledby="card-title",
    )
    style = _asset("page.css").replace("__FONT_STACK__", FONT_STACK)
    head = [
        tag("meta", charset="utf-8"),
        tag("meta", http_equiv="Content-Security-Policy", content=POLICY),
        tag("meta", name="referrer", content="no-referrer"),
        tag("meta", name="viewport", content="width=device-width, initial-scale=1"),
        tag("title", text(title)),
        tag("style", style),
    ]
    body = [
        tag(
            "header",
            [tag("h1", text(title)), *(tag("p", text(line), class_="about") for line in about)],
        ),
        tag(
            "main",
            [
                *_pictures(pictures),
                _counts(counts, total) if counts else "",
                events,
                _sources(sources),
            ],
        ),
        card,
        f'<script type="application/json" id="{DATA_ID}">{script_json(list(cards))}</script>',
        tag("script", _asset("page.js").replace("__EVENT_CLASS__", EVENT_CLASS)),
    ]
    return (
        "<!DOCTYPE html>\n"
        + tag("html", [tag("head", head), tag("body", body)], lang="en", dir="ltr")
        + "\n"
    )
