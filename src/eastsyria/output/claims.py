"""`disputes` and `casualties` drawn for people: each disagreement with its claims, and the
casualty figures with competing ones side by side under a marker that says not to add them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from eastsyria.contract.texts import CAMPAIGN_TOTALS_NOTE, COMPETING_NOTE, TOTALS_NOTE
from eastsyria.core.calendar import span_text
from eastsyria.core.sanitise import safe
from eastsyria.output.details import dispute_table
from eastsyria.output.grid import claimant_cell, name_cell, table_or_blocks, wrapped
from eastsyria.output.layout import Cell, Column

View = Mapping[str, Any]


def disputes_screen(
    disputes: Sequence[View], width: int, short_ids: Mapping[str, str], dates: Mapping[str, str]
) -> RenderableType:
    """Each disagreement: its topic, what it is about, the events (short date, short id,
    title), then each claim beside its source and claimant.

    `short_ids` and `dates` give each event's short code and short date, as `events` shows
    them.
    """
    parts: list[RenderableType] = []
    for dispute in disputes:
        if parts:
            parts.append(Text(""))
        parts += wrapped(Cell.words(dispute["topic"], "bold underline"), width)
        parts += wrapped(Cell.words(dispute["summary"], "dim"), width)
        for event in dispute["events"]:
            line = Cell.joined(
                (
                    Cell.whole(dates.get(event["id"], event["date"])),
                    Cell.whole(short_ids.get(event["id"], event["id"]), "cyan"),
                    Cell.words(event["title"]),
                ),
                " ·",
            )
            parts += wrapped(line, width - 2, 2)
        parts.append(dispute_table(dispute, width, short_ids=short_ids))
    return Group(*parts)


def _when(row: View, dates: Mapping[str, str]) -> str:
    if row["period_start"] and row["period_end"]:
        return span_text(row["period_start"], row["period_end"])
    return dates.get(row["event"] or "", row["event_date"] or "")


def _whose(row: View) -> str:
    """Whose losses: 'Islamic State (ISIL)', 'Russians (of Syrian government and allies)'."""
    if row.get("subgroup"):
        return f"{row['subgroup']} (of {row['party_name']})"
    return str(row["party_name"])


def _figure(row: View, whole: str | None = None) -> Cell:
    """Whose losses, over the figure as claimed: 'Islamic State (ISIL)' / 'at least 985
    killed'; then, for a part, the whole it is a part of."""
    cell = name_cell(row["party_name"])
    if row.get("subgroup"):
        cell = cell.then(Cell.words(f"only: {row['subgroup']}"))
    cell = cell.then(Cell.whole(row["figure"], "bold"))
    if whole:
        cell = cell.then(Cell.words(f"a part of {whole}: not to be added to it", "dim"))
    return cell


def _wholes(rows: Sequence[View]) -> dict[int, str]:
    """Each group's losses in words, for the parts of it: 'Syrian government and allies,
    35 killed'; competing figures joined with 'or'."""
    figures: dict[int, list[str]] = {}
    names: dict[int, str] = {}
    for row in rows:
        if row["group"] is not None:
            names.setdefault(row["group"], _whose(row))
            figures.setdefault(row["group"], []).append(str(row["figure"]))
    return {g: f"{names[g]}, {' or '.join(dict.fromkeys(f))}" for g, f in figures.items()}


def _figures_table(
    rows: Sequence[View],
    width: int,
    title: str,
    *,
    dates: Mapping[str, str],
    ids: Mapping[str, str],
    wholes: Mapping[int, str],
) -> RenderableType:
    columns = [
        Column("Party / figure"),
        Column("When"),
        Column("Claimed by / source", flexible=True),
        Column("Event"),
    ]
    cells = [
        [
            _figure(row, wholes.get(row["part_of"]) if row.get("part_of") else None),
            Cell.whole(_when(row, dates)),
            claimant_cell(row["claimant"], row["source"]),
            Cell.whole(ids.get(row["event"], row["event"]), "cyan"),
        ]
        for row in rows
    ]
    return table_or_blocks(columns, cells, width, title=title)


def _totals_table(rows: Sequence[View], width: int) -> RenderableType:
    columns = [
        Column("Campaign"),
        Column("Party / figure"),
        Column("Claimed by / source", flexible=True),
    ]
    cells = [
        [
            name_cell(row["campaign_name"]),
            _figure(row),
            claimant_cell(row["claimant"], row["source"]),
        ]
        for row in rows
    ]
    return table_or_blocks(columns, cells, width, title=TOTALS_NOTE)


def casualties_screen(
    rows: Sequence[View],
    width: int,
    topics: Mapping[int, str],
    dates: Mapping[str, str],
    short_ids: Mapping[str, str],
) -> RenderableType:
    """Competing figures group by group, each under the marker and the topic of the dispute
    that sets them against each other; then the figures nothing competes with; then the
    campaigns' totals, apart.

    `topics` gives a group's dispute topic, where one joins it; `dates` and `short_ids` each
    event's short date and code.
    """
    groups: dict[int, list[View]] = {}
    for row in rows:
        if row["scope"] == "event":
            groups.setdefault(row["group"], []).append(row)
    parts: list[RenderableType] = []
    wholes = _wholes(rows)
    single = [members[0] for members in groups.values() if len(members) == 1]
    for members in groups.values():
        if len(members) > 1:
            about = topics.get(members[0]["group"]) or _same_losses_text(members[0])
            title = f"{COMPETING_NOTE}: {safe(about)}"
            parts += [
                Text(""),
                _figures_table(members, width, title, dates=dates, ids=short_ids, wholes=wholes),
            ]
    if single:
        title = "Figures from the events that no other figure competes with"
        parts += [
            Text(""),
            _figures_table(single, width, title, dates=dates, ids=short_ids, wholes=wholes),
        ]
    totals = [row for row in rows if row["scope"] == "campaign"]
    if totals:
        parts += [Text(""), _totals_table(totals, width)]
    return Group(*parts[1:])


def _same_losses_text(row: View) -> str:
    return f"{_whose(row)}, {row['kind']}, in one event over overlapping days"


def _rests_on(row: View) -> Cell:
    """What a total rests on: 'SOHR; AFP' / '2 events, 5 figures: 2 competing, 3 parts
    not added'."""
    claimants = Cell.words("; ".join(row["claimants"]))
    events = len(row["events"])
    counts = [f"{events} event{'s' if events != 1 else ''}"] if events else []
    counts.append(f"{row['figures']} figure{'s' if row['figures'] != 1 else ''}")
    aside = []
    if row["competing"]:
        aside.append(f"{row['competing']} competing")
    if row["parts"]:
        aside.append(f"{row['parts']} part{'s' if row['parts'] != 1 else ''} not added")
    text = ", ".join(counts) + (f": {', '.join(aside)}" if aside else "")
    return claimants.then(Cell.words(text, "dim"))


def _sums_table(
    rows: Sequence[View], heading: str, name_field: str, width: int, title: str
) -> RenderableType:
    """One table of totals: what they are of (`heading`, named by `name_field`), when, the
    total, and what it rests on."""
    columns = [
        Column(heading),
        Column("When"),
        Column("Total"),
        Column("Claimed by / rests on", flexible=True),
    ]
    cells = [
        [
            name_cell(row[name_field] or "all places"),
            Cell.whole(row["period"] or ""),
            Cell.whole(row["total"], "bold"),
            _rests_on(row),
        ]
        for row in rows
    ]
    return table_or_blocks(columns, cells, width, title=title)


def totals_screen(rows: Sequence[View], width: int) -> RenderableType:
    """The totals per place and period, then each campaign's infobox totals apart."""
    parts: list[RenderableType] = []
    events = [row for row in rows if row["scope"] == "event"]
    if events:
        title = (
            "Totals the claims allow, per place and period (separate events added; "
            "competing figures a range; a part never added to its whole)"
        )
        parts += [Text(""), _sums_table(events, "Place", "place_name", width, title)]
    campaigns = [row for row in rows if row["scope"] == "campaign"]
    if campaigns:
        table = _sums_table(campaigns, "Campaign", "campaign_name", width, CAMPAIGN_TOTALS_NOTE)
        parts += [Text(""), table]
    return Group(*parts[1:])
