"""`reconcile` for people: the matches as a table (score, the two events, the verdicts), then
the events only one file has, each file its own table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from eastsyria.contract.texts import counted
from eastsyria.core.calendar import span_text
from eastsyria.output.grid import name_cell, table_or_blocks
from eastsyria.output.layout import Cell, Column

if TYPE_CHECKING:
    from rich.console import RenderableType

# An only-in list longer than this is cut, and says how many more the formats for programs
# give: a table of 100,000 imported rows is read by nobody.
SHOWN_ONLY = 50
# So is the table of matches past this many.
SHOWN_MATCHES = 200


def _event(row: Mapping[str, Any], side: str, short_ids: Mapping[str, str]) -> Cell:
    """The event's date, its title, and its short code (as the events table shows it)."""
    day = span_text(row[f"{side}_start"], row[f"{side}_end"])
    code = short_ids.get(row[f"{side}_id"], row[f"{side}_id"])
    title = Cell.words(row[f"{side}_title"] or "")
    return Cell.whole(day, "dim").plus(title, name_cell(f"[{code}]", "dim"))


def _more(count: int) -> str:
    return f"… and {count:,} more (all of them: --format csv or json)"


def _pair(label: str, first: Any, second: Any, verdict: str) -> str:
    """'killed 12 ≠ 35–44', 'held government = government', 'killed 20–40 / –'."""
    mark = {"agree": "=", "differ": "≠"}.get(verdict, "/")
    return f"{label} {'–' if first is None else first} {mark} {'–' if second is None else second}"


def verdicts(row: Mapping[str, Any]) -> list[str]:
    """The verdict on each aspect, short: what the data file says, then the other file."""
    dates = {"same": "same dates", "overlap": "dates overlap"}.get(
        row["dates"], f"{row['days_apart']} day{'s' * (row['days_apart'] != 1)} apart"
    )
    parts = [dates]
    if row["fatalities"] != "none":
        parts.append(_pair("killed", row["data_killed"], row["against_killed"], row["fatalities"]))
    if row["held_after"] != "none":
        parts.append(_pair("held", row["data_held"], row["against_held"], row["held_after"]))
    if row["types"] != "same":
        parts.append(f"{row['data_type']} ~ {row['against_type']}")
    return parts


def reconcile_screen(
    rows: Sequence[Mapping[str, Any]],
    width: int,
    names: tuple[str, str],
    short_ids: tuple[Mapping[str, str], Mapping[str, str]],
) -> RenderableType:
    """The matches, then the only-in lists; `names` are the two files' names, `short_ids`
    each file's short codes (as the events table shows them)."""
    from rich.console import Group
    from rich.text import Text

    parts: list[RenderableType] = []
    matches = [r for r in rows if r["status"] == "match"]
    if matches:
        columns = [
            Column("Score"),
            Column(f"In {names[0]}, then in {names[1]}", flexible=True),
            Column("Agrees / differs"),
        ]
        cells = [
            [
                Cell.whole(f"{r['score']:.2f}"),
                _event(r, "data", short_ids[0]).then(_event(r, "against", short_ids[1])),
                Cell.joined((Cell.whole(part) for part in verdicts(r)), ";"),
            ]
            for r in matches[:SHOWN_MATCHES]
        ]
        title = f"Matches: {len(matches):,}"
        parts.append(table_or_blocks(columns, cells, width, title=title))
        if len(matches) > SHOWN_MATCHES:
            parts.append(Text(_more(len(matches) - SHOWN_MATCHES), style="dim"))
    for status, side, index in (("only-data", "data", 0), ("only-against", "against", 1)):
        only = [r for r in rows if r["status"] == status]
        if not only:
            continue
        shown = only[:SHOWN_ONLY]
        cells = [
            [
                Cell.whole(span_text(r[f"{side}_start"], r[f"{side}_end"])),
                Cell.words(r[f"{side}_title"] or ""),
                name_cell(short_ids[index].get(r[f"{side}_id"], r[f"{side}_id"])),
            ]
            for r in shown
        ]
        columns = [Column("Date"), Column("Event", flexible=True), Column("Id")]
        heading = f"Only in {names[index]}: {counted(len(only), 'event')}"
        parts.append(table_or_blocks(columns, cells, width, title=heading))
        if len(only) > len(shown):
            parts.append(Text(_more(len(only) - len(shown)), style="dim"))
    spaced: list[RenderableType] = []
    for part in parts:
        spaced += [Text(""), part]
    return Group(*spaced[1:])
