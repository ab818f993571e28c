"""`show`, the listings and the campaigns' infoboxes, drawn for people."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from eastsyria.contract.texts import casualty_text, cell_text, control_about
from eastsyria.core.calendar import span_text
from eastsyria.core.names import arabic_name
from eastsyria.core.sanitise import safe
from eastsyria.output.grid import (
    cited_cell,
    field_lines,
    item_cells,
    name_cell,
    source_cell,
    table_or_blocks,
    value_cell,
)
from eastsyria.output.layout import Cell, Column
from eastsyria.output.style import side_style

View = Mapping[str, Any]


def aside(text: str) -> Cell:
    """'(part: 40 percent)': what qualifies a name, in italics; nothing for no text. A short
    one, '(the rest)', is kept on one line."""
    if not text:
        return Cell(())
    shown = f"({safe(text)})"
    return Cell.whole(shown, "italic") if len(text.split()) <= 2 else Cell.words(shown, "italic")


def _control_cell(change: View) -> Cell:
    return name_cell((change.get("place_label") or change["place_name"]) + ":").plus(
        name_cell(change["from_name"]),
        Cell.whole("→"),
        name_cell(change["to_name"]),
        aside(control_about(change)),
    )


def event_detail(detail: View, width: int) -> RenderableType:
    """`show`: every field of one event, then each disagreement between the sources."""
    date = Cell.words(detail["date"])
    if detail["start"] != detail["end"]:
        span = f"(some day in {span_text(detail['start'], detail['end'])})"
        date = date.then(Cell.words(span, "dim"))
    places = []
    for place in detail["places"]:
        within = [safe(name) for name in place["within"]] or ["-"]
        # The closing parenthesis rides on the last name, as it would in a sentence.
        within[-1] += ")"
        # Its Arabic name, where it has one, opens the parenthesis: "Abu Kamal (البوكمال;
        # city; Deir ez-Zor Governorate, Syria)".
        arabic = arabic_name(place["aliases"])
        opening = (
            [name_cell(f"({arabic};"), Cell.words(f"{place['kind']};")]
            if arabic
            else [Cell.words(f"({place['kind']};")]
        )
        places.append(
            name_cell(place["name"]).plus(*opening, Cell.names([(name, "") for name in within]))
        )
    actors = [
        name_cell(a["name"], side_style(a["side"])).plus(
            Cell.words(f"({a['side']}, {a['role']})", "dim")
        )
        for a in detail["actors"]
    ]
    fields: list[tuple[str, Sequence[Cell]]] = [
        ("Id", [Cell.whole(detail["id"])]),
        ("Title", [Cell.words(detail["title"], "bold")]),
        ("Date", [date]),
        ("Type", [Cell.words(detail["type"] + " ·").plus(name_cell(detail["campaign_name"]))]),
        ("Places", places),
        ("Actors", actors),
    ]
    if detail["control"]:
        fields.append(("Control", [_control_cell(c) for c in detail["control"]]))
    if detail["casualties"]:
        fields.append(("Casualties", item_cells([casualty_text(c) for c in detail["casualties"]])))
    fields.append(("Summary", [Cell.words(detail["summary"])]))
    fields.append(("Sources", [cited_cell(s) for s in detail["sources"]]))
    if detail.get("dataset"):
        # An imported row's own columns, as its dataset names them (those given).
        kept = detail["dataset_fields"].items()
        cells = [Cell.words(f"{k}: {v}") for k, v in kept if v is not None]
        fields.append((str(detail["dataset"]).upper(), cells))
    parts: list[RenderableType] = list(field_lines(fields, width))
    for dispute in detail["disputes"]:
        title = f"Sources disagree: {safe(dispute['topic'])}"
        parts += [Text(""), dispute_table(dispute, width, title=title)]
    return Group(*parts)


def dispute_table(
    dispute: View,
    width: int,
    *,
    title: str | None = None,
    short_ids: Mapping[str, str] | None = None,
) -> RenderableType:
    """Each claim of a disagreement beside its source and claimant, and the event it is
    about (by its short code where `short_ids` gives one)."""
    columns = [Column("Source", flexible=True), Column("Claim", flexible=True), Column("Event")]
    rows = []
    shorts = short_ids or {}
    for claim in dispute["claims"]:
        source = source_cell(claim["source_label"])
        if claim["claimant_name"]:
            source = source.plus(name_cell(f"({claim['claimant_name']})"))
        event = claim["event"] or ""
        rows.append([source, Cell.words(claim["statement"]), Cell.whole(shorts.get(event, event))])
    return table_or_blocks(columns, rows, width, title=title)


# -- listings, campaigns, control ----------------------------------------------------------------


def simple_table(
    rows: Sequence[View],
    columns: Sequence[tuple[str, str]],
    width: int,
    spare: Sequence[str] = (),
) -> RenderableType:
    """A table of plain values: `columns` pairs a heading with the field it shows; the
    fields in `spare` may be left out, first one first, where the table would not fit."""
    table_columns = [
        Column(heading, flexible=isinstance(rows[0].get(name) if rows else None, list))
        for heading, name in columns
    ]
    cells = [[value_cell(name, row.get(name)) for _, name in columns] for row in rows]
    names = [name for _, name in columns]
    spare_columns = [names.index(name) for name in spare if name in names]
    return table_or_blocks(table_columns, cells, width, spare=spare_columns)


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


def campaign_blocks(campaigns: Sequence[View], width: int) -> RenderableType:
    """Each campaign's infobox facts as a block of labelled lines."""
    parts: list[RenderableType] = []
    for campaign in campaigns:
        fields: list[tuple[str, Sequence[Cell]]] = []
        for label, name in _CAMPAIGN_LINES:
            if campaign[name] not in (None, "", []):
                fields.append((label, [Cell.words(cell_text(name, campaign[name]))]))
        for label, name in _CAMPAIGN_LISTS:
            items = [cell_text(name, item) for item in campaign[name]]
            if items:
                # Units are short names: one wrapped list reads better than a column of them.
                cells = (
                    [Cell.names([(safe(item), "") for item in items])]
                    if name == "units"
                    else item_cells(items)
                )
                fields.append((label, cells))
        fields.append(("Sources", [cited_cell(s) for s in campaign["sources"]]))
        if parts:
            parts.append(Text(""))
        parts.append(Text(safe(campaign["name"]), style="bold underline"))
        parts += field_lines(fields, width)
    return Group(*parts)
