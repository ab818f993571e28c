"""Pictures in text: bar charts of the counts, and the vertical timeline."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from eastsyria.contract.texts import source_label
from eastsyria.core.calendar import bucket_heading, span_text
from eastsyria.output.style import date_cell, lead_side, place_names, side_marker
from eastsyria.output.text import safe


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


def _claims_table(casualties: list[dict[str, Any]]) -> Table:
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
    claims = [(group, claim) for group in casualties for claim in group["claims"]]
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
    return table


def stats_screen(stats: dict[str, Any], width: int) -> RenderableType:
    """`stats`: a bar chart per count, then the casualty claims side by side."""
    charts = [
        (
            [(row["period"], row["count"]) for row in stats["periods"]],
            f"Events per {stats['by']} ({stats['events']} events, by earliest possible day)",
        ),
        ([(row["type"], row["count"]) for row in stats["types"]], "By type"),
        (
            [(row["side_name"], row["count"]) for row in stats["sides"]],
            "By side (events with an actor of that side)",
        ),
        (
            [(row["place_name"], row["count"]) for row in stats["places"][:15]],
            "By place (top 15)",
        ),
    ]
    parts: list[RenderableType] = []
    for rows, title in charts:
        parts += [Text(""), bar_chart(rows, width, title)]
    if stats["casualties"]:
        parts += [Text(""), _claims_table(stats["casualties"])]
    return Group(*parts[1:])


def timeline(
    views: Sequence[dict[str, Any]],
    campaigns: Sequence[dict[str, Any]],
    sides: Sequence[dict[str, Any]],
    by: str = "month",
) -> RenderableType:
    """A vertical timeline: a heading per month or week, one entry per event.

    The left gutter has one lane per campaign, drawn while that campaign runs, with the
    event's own campaign marked by its side's symbol, so the campaigns' spans run alongside.
    `campaigns` are campaign views; `sides` are {id, name}.
    """
    lane_on, lane_off = "│", " "

    legend = Table.grid(padding=(0, 1))
    legend.add_column(no_wrap=True)
    legend.add_column(overflow="fold")
    for index, campaign in enumerate(campaigns):
        lanes = "".join(lane_on if i == index else lane_off for i in range(len(campaigns)))
        legend.add_row(
            Text(lanes, style="cyan"),
            Text(f"{safe(campaign['name'])}: {span_text(campaign['start'], campaign['end'])}"),
        )
    key = Text("Sides: ")
    for side in sides:
        key.append_text(side_marker(side["id"]))
        key.append(f" {safe(side['name'])}  ")
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
        heading = bucket_heading(view["start"], by)
        active = [c["start"] <= view["end"] and view["start"] <= c["end"] for c in campaigns]
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
        entry.append(f"\n{view['type']} · {place_names(view)}", style="dim")
        body.add_row(event_lanes, date_cell(view), entry)
    return Group(legend, key, marks, Text(""), body)
