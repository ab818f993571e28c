"""Rich renderings for people: tables, the timeline, one event, control periods, stats.

Everything here takes views and results computed by the core and only lays them out. Text
from the data file always goes through `Text(...)`/`safe`, never through markup, so a title
containing "[bold]" or an escape sequence is shown as written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from eastsyria.catalog import Catalog
from eastsyria.views import source_label

SIDE_STYLES: dict[str, str] = {
    "government": "red",
    "isil": "bright_black",
    "iraq": "green",
    "monitor": "blue",
}
_FALLBACK_STYLES = ("magenta", "cyan", "yellow", "bright_blue")
# Shapes as well as colours, so sides stay apart in plain text.
SIDE_MARKERS: dict[str, str] = {"government": "●", "isil": "■", "iraq": "▲", "monitor": "◆"}
_FALLBACK_MARKER = "◇"

# What a terminal that cannot show these characters (LANG=C) gets instead: one character
# for one, so that Rich's layout still lines up, and the marks keep their meaning. Anything
# else it cannot show becomes "?".
ASCII_FALLBACKS = str.maketrans(
    "–—·≤↔›→‘’“”″…█│●■▲◆◇␛␇",
    '--.<*>>\'\'""".#|o#^+x^^',
)


class AsciiFallbackStream:
    """A text stream for a terminal that is not UTF-8: typographic marks become ASCII ones."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self.encoding = getattr(stream, "encoding", None) or "ascii"

    def write(self, text: str) -> int:
        return self._stream.write(text.translate(ASCII_FALLBACKS))

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()


# How a date that is not one known day is flagged, before the source's words.
PRECISION_MARKS: dict[str, str] = {
    "day": "",
    "approximate": "~",
    "month-part": "~",
    "month": "~",
    "season": "~",
    "year": "~",
}


def safe(text: str) -> str:
    """Data text made inert: control characters (ESC, BEL, C1...) shown as visible symbols."""
    if text.isprintable():
        return text
    out: list[str] = []
    for ch in text:
        code = ord(ch)
        if ch in "\n\t":
            out.append(" ")
        elif code < 0x20:
            out.append(chr(0x2400 + code))
        elif code == 0x7F:
            out.append("␡")
        elif 0x80 <= code < 0xA0 or not ch.isprintable():
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def side_style(side: str) -> str:
    if side in SIDE_STYLES:
        return SIDE_STYLES[side]
    return _FALLBACK_STYLES[sum(map(ord, side)) % len(_FALLBACK_STYLES)]


def side_marker(side: str) -> Text:
    return Text(SIDE_MARKERS.get(side, _FALLBACK_MARKER), style=side_style(side))


def date_mark(view: dict[str, Any]) -> str:
    if view["qualifier"] == "by":
        return "≤"
    if view["precision"] in ("range",) or view["qualifier"] == "between":
        return "↔"
    return PRECISION_MARKS.get(view["precision"], "~")


def short_day(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {day:%b} {day.year}"


def span_text(start: str, end: str) -> str:
    """'1–20 Oct 2017', '28 Oct – 3 Nov 2017', '5 Dec 2017': as short as stays exact."""
    first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    if first == last:
        return short_day(start)
    if first.year != last.year:
        return f"{short_day(start)} – {short_day(end)}"
    if first.month != last.month:
        return f"{first.day} {first:%b} – {last.day} {last:%b} {last.year}"
    return f"{first.day}–{last.day} {last:%b} {last.year}"


def date_cell(view: dict[str, Any], *, with_span: bool = True) -> Text:
    """The date as the source words it; an uncertain one marked, with its span beneath."""
    mark = date_mark(view)
    text = Text()
    if mark:
        text.append(f"{mark} ", style="bold yellow")
    text.append(safe(view["date"]), style="" if not mark else "italic")
    if with_span and view["precision"] != "day":
        text.append(f"\n[{span_text(view['start'], view['end'])}]", style="dim")
    return text


def actors_text(view: dict[str, Any]) -> Text:
    text = Text()
    for index, actor in enumerate(view["actors"]):
        if index:
            text.append(", ")
        text.append(safe(actor["name"]), style=side_style(actor["side"]))
    return text


def lead_side(view: dict[str, Any]) -> str:
    """The side an event is drawn in: its first attacker's, else its first actor's."""
    for role in ("attacker", "claimant", "reporter"):
        for actor in view["actors"]:
            if actor["role"] == role:
                return str(actor["side"])
    return str(view["actors"][0]["side"]) if view["actors"] else "unknown"


# Below this many columns five table columns leave a word or two per line: each event is
# drawn as a short block instead.
NARROW_WIDTH = 60


def events_table(views: Sequence[dict[str, Any]], width: int) -> RenderableType:
    """The events as a table, or on a narrow terminal as one block per event."""
    if width < NARROW_WIDTH:
        return _event_blocks(views)
    # No ratios or minimum widths: Rich then narrows the widest columns to fit the terminal
    # and never draws a line wider than it.
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for heading in ("Date", "Event", "Places", "Actors", "Type"):
        table.add_column(heading, overflow="fold")
    for view in views:
        table.add_row(
            date_cell(view),
            Text(safe(view["title"]), style="bold"),
            Text(_place_names(view)),
            actors_text(view),
            Text(view["type"]),
        )
    return table


def _place_names(view: dict[str, Any]) -> str:
    return ", ".join(safe(p["name"]) for p in view["places"])


def _event_blocks(views: Sequence[dict[str, Any]]) -> RenderableType:
    blocks: list[RenderableType] = []
    for view in views:
        heading = date_cell(view)
        heading.append(f" · {view['type']}", style="dim")
        heading.append("\n")
        heading.append(safe(view["title"]), style="bold")
        where_and_who = Text(_place_names(view) + "\n")
        where_and_who.append_text(actors_text(view))
        blocks += [heading, Padding(where_and_who, (0, 0, 1, 2))]
    return Group(*blocks)


def _field_grid() -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    return grid


def _within(catalog: Catalog, place_id: str) -> str:
    return ", ".join(safe(name) for name in catalog.place_path(place_id)[1:]) or "-"


def event_detail(catalog: Catalog, view: dict[str, Any]) -> RenderableType:
    grid = _field_grid()
    grid.add_row("Id", Text(view["id"]))
    grid.add_row("Title", Text(safe(view["title"]), style="bold"))
    date = date_cell(view)
    date.append(f"  ({view['precision']}, {view['qualifier']})", style="dim")
    grid.add_row("Date", date)
    grid.add_row("Type", Text(f"{view['type']} · {safe(view['campaign_name'])}"))
    grid.add_row(
        "Places",
        Text(
            "\n".join(
                f"{safe(p['name'])} ({p['kind']}; {_within(catalog, p['id'])})"
                for p in view["places"]
            )
        ),
    )
    actors = Text()
    for index, actor in enumerate(view["actors"]):
        if index:
            actors.append("\n")
        actors.append(safe(actor["name"]), style=side_style(actor["side"]))
        actors.append(f" ({actor['side']}, {actor['role']})", style="dim")
    grid.add_row("Actors", actors)
    if view["control"]:
        grid.add_row(
            "Control",
            Text(
                "\n".join(
                    f"{safe(c['place_name'])}: {catalog.holder_name(c['from'])} → "
                    f"{catalog.holder_name(c['to'])}"
                    + (" (partial)" if c["extent"] == "partial" else "")
                    for c in view["control"]
                )
            ),
        )
    if view["casualties"]:
        grid.add_row("Casualties", Text("\n".join(casualty_line(c) for c in view["casualties"])))
    grid.add_row("Summary", Text(safe(view["summary"])))
    grid.add_row("Sources", Text("\n".join(safe(source_label(s)) for s in view["sources"])))
    parts: list[RenderableType] = [grid]
    for dispute in catalog.disputes_by_event.get(view["id"], []):
        parts.append(dispute_block(catalog, dispute))
    return Group(*parts)


def casualty_line(claim: dict[str, Any]) -> str:
    line = f"{safe(claim['party_name'])}: {claim['figure']}"
    if claim["claimed_by_name"]:
        line += f", claimed by {safe(claim['claimed_by_name'])}"
    if claim["period"]:
        line += f", {safe(claim['period']['date'])}"
    if claim["note"]:
        line += f" ({safe(claim['note'])})"
    return f"{line} [{safe(source_label(claim['source']))}]"


def dispute_block(catalog: Catalog, dispute: Any) -> RenderableType:
    from eastsyria.views import source_view

    table = Table(
        title=Text(f"Sources disagree: {safe(dispute['topic'])}", style="bold yellow"),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column("Source", ratio=2, overflow="fold")
    table.add_column("Claim", ratio=5, overflow="fold")
    table.add_column("Event", ratio=2, overflow="fold")
    for claim in dispute["claims"]:
        who = f" ({catalog.holder_name(claim['claimant'])})" if claim["claimant"] else ""
        table.add_row(
            Text(safe(source_label(source_view(catalog, claim["source"]))) + who),
            Text(safe(claim["statement"])),
            Text(claim["event"] or ""),
        )
    return table


def _lines(items: Iterable[str]) -> Text:
    """One line per item; each made inert on its own, so the line breaks survive."""
    return Text("\n".join(safe(item) for item in items))


def campaign_blocks(campaigns: Sequence[dict[str, Any]]) -> RenderableType:
    """Each campaign's infobox facts as a block of labelled lines."""
    from eastsyria.exports import cell_text

    blocks: list[RenderableType] = []
    for campaign in campaigns:
        grid = _field_grid()
        grid.title = Text(safe(campaign["name"]), style="bold underline")
        grid.title_justify = "left"
        rows = [
            ("Id", campaign["id"]),
            ("Codename", campaign["codename"]),
            ("Dates", campaign["date"]),
            ("Part of", campaign["part_of"]),
            ("Result", campaign["result"]),
            ("Territory", campaign["territory"]),
            ("Concurrent", campaign["concurrent"]),
            ("Events", campaign["event_count"]),
        ]
        for label, value in rows:
            if value not in (None, "", []):
                grid.add_row(label, Text(safe(cell_text(value))))
        commanders = []
        for commander in campaign["commanders"]:
            about = [commander["side_name"]]
            about += ["killed"] if commander["killed"] else []
            about += [commander["note"]] if commander["note"] else []
            commanders.append(f"{commander['name']} ({'; '.join(about)})")
        if commanders:
            grid.add_row("Commanders", _lines(commanders))
        if campaign["units"]:
            grid.add_row("Units", Text(safe(", ".join(u["name"] for u in campaign["units"]))))
        if campaign["strengths"]:
            strengths = [
                s["figure"] if s["unit"] else f"{s['side_name']}: {s['figure']}"
                for s in campaign["strengths"]
            ]
            grid.add_row("Strengths", _lines(strengths))
        if campaign["casualties"]:
            grid.add_row(
                "Casualties", Text("\n".join(casualty_line(c) for c in campaign["casualties"]))
            )
        grid.add_row("Sources", Text(safe(cell_text(campaign["sources"]))))
        blocks += [grid, Text("")]
    return Group(*blocks)


def simple_table(rows: Iterable[dict[str, Any]], columns: Sequence[tuple[str, str]]) -> Table:
    """A table of plain values: `columns` pairs a heading with the row key it shows."""
    from eastsyria.exports import cell_text

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for heading, _ in columns:
        table.add_column(heading, overflow="fold")
    for row in rows:
        table.add_row(*(Text(safe(cell_text(row.get(key)))) for _, key in columns))
    return table


def control_periods(place: dict[str, Any], periods: list[dict[str, Any]]) -> Table:
    table = Table(
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        title=Text(f"Who held {safe(place['name'])}", style="bold"),
        title_justify="left",
    )
    table.add_column("Holder", overflow="fold")
    table.add_column("From", overflow="fold")
    table.add_column("Until", overflow="fold")
    table.add_column("Begun by", overflow="fold")
    for period in periods:
        holder = Text(safe(period["holder_name"]), style=side_style(period["side"]))
        if period["extent"] == "partial":
            holder.append(" (part of it; contested)", style="italic")
        table.add_row(
            holder,
            Text(safe(period["start_date"] or "before the data begins")),
            Text(safe(period["end_date"] or "end of the data")),
            Text(safe(period["event_title"] or "-")),
        )
    return table


def bar_chart(rows: Sequence[tuple[str, int]], width: int, title: str) -> Table:
    """Horizontal bars scaled to the largest count; counts printed, so no bar is needed to read."""
    table = Table.grid(padding=(0, 1))
    table.title = Text(title, style="bold")
    table.title_justify = "left"
    table.add_column(no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    table.add_column(no_wrap=True, overflow="crop")
    largest = max((count for _, count in rows), default=0)
    label_width = max((len(label) for label, _ in rows), default=0)
    room = max(4, width - label_width - 8)
    for label, count in rows:
        length = 0 if largest == 0 else max(1 if count else 0, round(count / largest * room))
        table.add_row(Text(safe(label)), str(count), Text("█" * length, style="cyan"))
    return table


def stats_view(result: dict[str, Any], width: int) -> RenderableType:
    parts: list[RenderableType] = [
        bar_chart(
            [(row["period"], row["count"]) for row in result["periods"]],
            width,
            f"Events per {result['by']} ({result['events']} events, by earliest possible day)",
        ),
        Text(""),
        bar_chart([(row["type"], row["count"]) for row in result["types"]], width, "By type"),
        Text(""),
        bar_chart(
            [(row["side_name"], row["count"]) for row in result["sides"]],
            width,
            "By side (events with an actor of that side)",
        ),
        Text(""),
        bar_chart(
            [(row["place_name"], row["count"]) for row in result["places"][:15]],
            width,
            "By place (top 15)",
        ),
    ]
    if result["casualties"]:
        table = Table(
            box=box.SIMPLE_HEAD,
            pad_edge=False,
            title=Text("Casualty claims as claimed (overlaps never added up)"),
            title_justify="left",
        )
        table.add_column("Party", overflow="fold")
        table.add_column("Figure", no_wrap=True)
        table.add_column("Claimed by", overflow="fold")
        table.add_column("When", overflow="fold")
        table.add_column("Source", overflow="fold")
        claims = [(g, c) for g in result["casualties"] for c in g["claims"]]
        disputed = any(claim["disputes"] for _, claim in claims)
        if disputed:
            table.add_column("Dispute", overflow="fold")
        for group, claim in claims:
            when = claim["period"]["date"] if claim["period"] else claim["event_date"]
            cells = [
                Text(safe(group["party_name"])),
                Text(claim["figure"]),
                Text(safe(claim["claimed_by_name"] or "source article")),
                Text(safe(when)),
                Text(safe(source_label(claim["source"]))),
            ]
            if disputed:
                cells.append(Text(", ".join(claim["disputes"])))
            table.add_row(*cells)
        parts += [Text(""), table]
    return Group(*parts)


# -- the timeline ---------------------------------------------------------------------------


def _period_key(iso: str, by: str) -> str:
    day = dt.date.fromisoformat(iso)
    if by == "week":
        monday = day - dt.timedelta(days=day.weekday())
        year, week, _ = day.isocalendar()
        return f"Week {week}, {year} (from {monday.day} {monday:%B})"
    return f"{day:%B} {day.year}"


def timeline(
    catalog: Catalog, views: Sequence[dict[str, Any]], by: str = "month"
) -> RenderableType:
    """A vertical timeline: a heading per month or week, one entry per event.

    The left gutter has one lane per campaign, drawn while that campaign runs, with the
    event's own campaign marked by its side's symbol, so the campaigns' spans run alongside.
    """
    campaigns = list(catalog.campaigns.values())
    lane_on, lane_off = "│", " "

    legend = Table.grid(padding=(0, 1))
    legend.add_column(no_wrap=True)
    legend.add_column(overflow="fold")
    for index, campaign in enumerate(campaigns):
        lanes = "".join(lane_on if i == index else lane_off for i in range(len(campaigns)))
        legend.add_row(
            Text(lanes, style="cyan"),
            Text(
                f"{safe(campaign['name'])}: "
                f"{span_text(campaign['date']['earliest'], campaign['date']['latest'])}"
            ),
        )
    sides = Text("Sides: ")
    for side_id, side in catalog.sides.items():
        sides.append_text(side_marker(side_id))
        sides.append(f" {safe(side['name'])}  ")
    marks = Text(
        "Dates: no mark = that day; ≤ = by that day; ↔ = some time in the span shown; "
        "~ = approximate. [..] gives the earliest and latest possible day.",
        style="dim",
    )

    body = Table.grid(padding=(0, 1))
    body.add_column(no_wrap=True)  # campaign lanes
    body.add_column(ratio=2, min_width=12, overflow="fold")  # date
    body.add_column(ratio=5, min_width=16, overflow="fold")  # event
    current_heading = None
    for view in views:
        heading = _period_key(view["start"], by)
        active = [
            c["date"]["earliest"] <= view["end"] and view["start"] <= c["date"]["latest"]
            for c in campaigns
        ]
        if heading != current_heading:
            current_heading = heading
            body.add_row(
                Text("".join(lane_on if a else lane_off for a in active), style="cyan"),
                Text(heading, style="bold underline"),
                Text(""),
            )
        event_lanes = Text()
        for campaign, is_active in zip(campaigns, active, strict=True):
            if campaign["id"] == view["campaign"]:
                event_lanes.append_text(side_marker(lead_side(view)))
            else:
                event_lanes.append(lane_on if is_active else lane_off, style="cyan")
        entry = Text(safe(view["title"]), style="bold")
        entry.append(f"\n{view['type']} · {_place_names(view)}", style="dim")
        body.add_row(event_lanes, date_cell(view), entry)
    return Group(legend, sides, marks, Text(""), body)
