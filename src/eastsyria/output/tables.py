"""Rich tables for people: the events, one event in full, listings, campaigns, control.

Everything here lays out contract objects and nothing else: no look-ups in the dataset.
Text from the data file always goes through `Text(...)`/`safe`, never through markup, so
a title containing "[bold]" or an escape sequence is shown as written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from eastsyria.contract.texts import casualty_text, cell_text, control_text
from eastsyria.output.style import actors_text, date_cell, place_names, side_style
from eastsyria.output.text import safe

# Below this many columns five table columns leave a word or two per line: each event is
# drawn as a short block instead.
NARROW_WIDTH = 60


def _table(title: str | None = None) -> Table:
    return Table(
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        title=Text(title, style="bold") if title else None,
        title_justify="left",
    )


def events_table(views: Sequence[dict[str, Any]], width: int) -> RenderableType:
    """The events as a table, or on a narrow terminal as one block per event."""
    if width < NARROW_WIDTH:
        return _event_blocks(views)
    # No ratios or minimum widths: Rich then narrows the widest columns to fit the terminal
    # and never draws a line wider than it.
    table = _table()
    for heading in ("Date", "Event", "Places", "Actors", "Type"):
        table.add_column(heading, overflow="fold")
    for view in views:
        table.add_row(
            date_cell(view),
            Text(safe(view["title"]), style="bold"),
            Text(place_names(view)),
            actors_text(view),
            Text(view["type"]),
        )
    return table


def _event_blocks(views: Sequence[dict[str, Any]]) -> RenderableType:
    blocks: list[RenderableType] = []
    for view in views:
        heading = date_cell(view)
        heading.append(f" · {view['type']}", style="dim")
        heading.append("\n")
        heading.append(safe(view["title"]), style="bold")
        where_and_who = Text(place_names(view) + "\n")
        where_and_who.append_text(actors_text(view))
        blocks += [heading, Padding(where_and_who, (0, 0, 1, 2))]
    return Group(*blocks)


def _field_grid() -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    return grid


def _lines(items: Iterable[str]) -> Text:
    """One line per item; each made inert on its own, so the line breaks survive."""
    return Text("\n".join(safe(item) for item in items))


def event_detail(detail: dict[str, Any]) -> RenderableType:
    """`show`: every field of one event, then each disagreement between the sources."""
    grid = _field_grid()
    grid.add_row("Id", Text(detail["id"]))
    grid.add_row("Title", Text(safe(detail["title"]), style="bold"))
    date = date_cell(detail)
    date.append(f"  ({detail['precision']}, {detail['qualifier']})", style="dim")
    grid.add_row("Date", date)
    grid.add_row("Type", Text(f"{detail['type']} · {safe(detail['campaign_name'])}"))
    grid.add_row(
        "Places",
        _lines(
            f"{p['name']} ({p['kind']}; {', '.join(p['within']) or '-'})" for p in detail["places"]
        ),
    )
    actors = Text()
    for index, actor in enumerate(detail["actors"]):
        if index:
            actors.append("\n")
        actors.append(safe(actor["name"]), style=side_style(actor["side"]))
        actors.append(f" ({actor['side']}, {actor['role']})", style="dim")
    grid.add_row("Actors", actors)
    if detail["control"]:
        grid.add_row("Control", _lines(control_text(c) for c in detail["control"]))
    if detail["casualties"]:
        grid.add_row("Casualties", _lines(casualty_text(c) for c in detail["casualties"]))
    grid.add_row("Summary", Text(safe(detail["summary"])))
    grid.add_row("Sources", _lines(cell_text("sources", s) for s in detail["sources"]))
    return Group(grid, *(_dispute_table(dispute) for dispute in detail["disputes"]))


def _dispute_table(dispute: dict[str, Any]) -> RenderableType:
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
        who = f" ({claim['claimant_name']})" if claim["claimant_name"] else ""
        table.add_row(
            Text(safe(claim["source_label"] + who)),
            Text(safe(claim["statement"])),
            Text(claim["event"] or ""),
        )
    return table


# The labelled lines of a campaign block, in order: (label, field).
_CAMPAIGN_LINES = (
    ("Id", "id"),
    ("Codename", "codename"),
    ("Dates", "date"),
    ("Part of", "part_of"),
    ("Result", "result"),
    ("Territory", "territory"),
    ("Concurrent", "concurrent"),
    ("Events", "event_count"),
)
# Fields listed one item a line.
_CAMPAIGN_LISTS = (
    ("Commanders", "commanders"),
    ("Units", "units"),
    ("Strengths", "strengths"),
    ("Casualties", "casualties"),
)


def campaign_blocks(campaigns: Sequence[dict[str, Any]]) -> RenderableType:
    """Each campaign's infobox facts as a block of labelled lines."""
    blocks: list[RenderableType] = []
    for campaign in campaigns:
        grid = _field_grid()
        grid.title = Text(safe(campaign["name"]), style="bold underline")
        grid.title_justify = "left"
        for label, name in _CAMPAIGN_LINES:
            if campaign[name] not in (None, "", []):
                grid.add_row(label, Text(safe(cell_text(name, campaign[name]))))
        for label, name in _CAMPAIGN_LISTS:
            items = [cell_text(name, item) for item in campaign[name]]
            if items:
                # Units are short names: one wrapped line reads better than a column of them.
                grid.add_row(
                    label, Text(safe(", ".join(items))) if name == "units" else _lines(items)
                )
        grid.add_row("Sources", Text(safe(cell_text("sources", campaign["sources"]))))
        blocks += [grid, Text("")]
    return Group(*blocks)


def simple_table(rows: Iterable[dict[str, Any]], columns: Sequence[tuple[str, str]]) -> Table:
    """A table of plain values: `columns` pairs a heading with the field it shows."""
    table = _table()
    for heading, _ in columns:
        table.add_column(heading, overflow="fold")
    for row in rows:
        table.add_row(*(Text(safe(cell_text(name, row.get(name)))) for _, name in columns))
    return table


def control_periods(place: dict[str, Any], periods: list[dict[str, Any]]) -> Table:
    """`control PLACE`: who held it, from when until when, and what began each period."""
    table = _table(f"Who held {safe(place['name'])}")
    for heading in ("Holder", "From", "Until", "Begun by"):
        table.add_column(heading, overflow="fold")
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
