"""Tables and labelled blocks of any cells: the layout every screen but the events table
uses, and the cells of names, sources and plain values they are made of.

A table is drawn only when its columns fit without cutting a word or a name and its running
text keeps room to be read; otherwise each row becomes a block of labelled lines.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.text import Text

from eastsyria.contract.texts import cell_text, source_label
from eastsyria.core.sanitise import safe
from eastsyria.output.layout import Cell, Column, Piece, draw, fit_widths, text_of, wrap

# A column of running text (a claim, a title) narrower than this reads a word or two a line.
MIN_FLEXIBLE_WIDTH = 28


def name_cell(name: str, style: str = "") -> Cell:
    """A name from the data: kept on one line wherever the line is wide enough for it."""
    return Cell.whole(name, style)


def source_cell(label: str) -> Cell:
    """'2017 Abu Kamal offensive › First attack on the city': the article's title and the
    section's each kept on one line where it fits, else broken between words."""
    return Cell.joined((Cell((Piece(safe(part)),)) for part in label.split(" › ")), " ›")


def claimant_cell(name: str | None, label: str) -> Cell:
    """Who makes a claim (the article itself where the text names no one), then where it is
    written: 'Syrian Observatory for Human Rights' / 'Eastern Syria campaign › Aftermath'."""
    return name_cell(name or "the source article").then(source_cell(label))


def link_cell(url: str) -> Cell:
    """A URL, shown in full (a pipe gets it as text) and, on a terminal that shows them, a
    hyperlink; broken, where it must be, only after a '/', '-' or '_' or before a '#'."""
    # A link from the data file has no spaces or control characters (the schema sees to it),
    # so it can stand in a style, where a space would end it.
    return Cell.link(url, f"link {url}" if url.isprintable() and " " not in url else "")


def cited_cell(source: Mapping[str, Any]) -> Cell:
    """A cited section: its label, then its link on a line of its own where it has one."""
    label = source_cell(source_label(dict(source)))
    return label.then(link_cell(source["url"])) if source.get("url") else label


def value_cell(field: str, value: Any) -> Cell:
    """Any other field: lists name by name, numbers and ids whole, text word by word."""
    if isinstance(value, list):
        return Cell.names([(safe(cell_text(field, item)), "") for item in value])
    text = safe(cell_text(field, value))
    if field == "name" or field.endswith("_name") or field in _LABELS:
        return Cell.whole(text)
    if isinstance(value, int | float):
        return Cell.whole(text)
    return Cell.words(text)


# A place's name as shown ("Abu Kamal (district)"), kept whole as a name is.
_LABELS = frozenset({"label", "place_label", "parent_label"})


def wrapped(cell: Cell, width: int, indent: int = 0) -> list[Text]:
    return [Text(" " * indent) + text_of(line) for line in wrap(cell, max(1, width))]


def with_note(drawing: RenderableType, note: str | None, width: int) -> RenderableType:
    """A drawing with a line under it, wrapped between words (a capped table's "… and 300
    more"), or the drawing alone."""
    if note is None:
        return drawing
    return Group(drawing, *wrapped(Cell.words(note), width))


def field_lines(fields: Sequence[tuple[str, Sequence[Cell]]], width: int) -> list[Text]:
    """'Label  value' lines: each value item starts a line, wrapped between its words.

    Where the labels leave too little room for some value's longest word or name, each
    label gets a line of its own, its values indented beneath.
    """
    label_width = max((len(label) for label, _ in fields), default=0)
    room = width - label_width - 2
    narrowest = max((cell.narrowest() for _, cells in fields for cell in cells), default=0)
    lines: list[Text] = []
    if narrowest > room:
        for label, cells in fields:
            lines.append(Text(label, style="bold"))
            for cell in cells:
                lines += wrapped(cell, width - 2, 2)
        return lines
    for label, cells in fields:
        first = True
        for cell in cells:
            for line in wrap(cell, max(room, 1)):
                lead = (
                    Text(label.ljust(label_width), style="bold")
                    if first
                    else Text(" " * label_width)
                )
                lines.append(lead + Text("  ") + text_of(line))
                first = False
    return lines


def item_cells(items: Sequence[str], style: str = "") -> list[Cell]:
    return [Cell.words(item, style) for item in items]


def _readable_widths(
    columns: Sequence[Column], rows: Sequence[Sequence[Cell]], width: int
) -> list[int] | None:
    """`fit_widths`, unless a flexible column (a claim, a title) would be left too narrow to
    read."""
    widths = fit_widths(columns, rows, width)
    if widths is None:
        return None
    for i, (column, w) in enumerate(zip(columns, widths, strict=True)):
        longest = max([cell_len(column.heading)] + [row[i].width() for row in rows])
        if column.flexible and w < min(MIN_FLEXIBLE_WIDTH, longest):
            return None
    return widths


def table_or_blocks(
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    width: int,
    *,
    title: str | None = None,
    spare: Sequence[int] = (),
) -> RenderableType:
    """A table when its columns fit without cutting a word, else a block of labelled lines
    per row.

    `spare` are the indices of columns that may be left out, first one first, to make the
    table fit; a last line then says which were.
    """
    heading = wrapped(Cell.words(title, "bold"), width) if title else []
    kept = list(range(len(columns)))
    for leave_out in [None, *spare]:
        if leave_out is not None:
            kept.remove(leave_out)
        shown = [columns[i] for i in kept]
        cells = [[row[i] for i in kept] for row in rows]
        widths = _readable_widths(shown, cells, width)
        if widths is not None:
            table = draw(shown, cells, widths)
            left_out = [columns[i].heading for i in range(len(columns)) if i not in kept]
            note = f"Not shown at {width} columns: {', '.join(left_out)} (see --fields)"
            notes = wrapped(Cell.words(note, "dim"), width) if left_out else []
            return Group(*heading, table, *notes)
    lines: list[RenderableType] = list(heading)
    for index, row in enumerate(rows):
        if index or title:
            lines.append(Text(""))
        lines += field_lines(
            [(c.heading, [cell]) for c, cell in zip(columns, row, strict=True) if cell.pieces],
            width,
        )
    return Group(*lines)
