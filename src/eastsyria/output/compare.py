"""`compare` for people: the differences between two articles, a titled table per kind."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from eastsyria.contract.texts import counted
from eastsyria.output.grid import name_cell, table_or_blocks
from eastsyria.output.layout import Cell, Column

if TYPE_CHECKING:
    from rich.console import RenderableType

_HEADINGS = {
    "date": "Dated differently",
    "figure": "Different figures",
    "account": "Told differently (disagreements with claims from both)",
}


# Narrower than this, the two articles are labelled by a word of their titles: a label as
# long as "2017 Abu Kamal offensive" would leave a block's text a word or two a line.
_SHORT_LABELS_BELOW = 60


def _short_titles(titles: tuple[str, str]) -> tuple[str, str]:
    """Each title's last word that the other title lacks ('campaign', 'offensive'), else
    the title."""
    words = [title.split() for title in titles]
    short = []
    for index, own in enumerate(words):
        other = {word.casefold() for word in words[1 - index]}
        unique = [word for word in own if word.casefold() not in other]
        short.append(unique[-1].capitalize() if unique else titles[index])
    return short[0], short[1]


def _says(value: str | None) -> Cell:
    return Cell.words(value) if value else Cell.words("(not said)", "dim")


def compare_screen(
    rows: Sequence[Mapping[str, Any]],
    titles: tuple[str, str],
    width: int,
    event_dates: Mapping[str, str],
    short_ids: Mapping[str, str],
) -> RenderableType:
    """Each kind of difference as its own table; `event_dates` gives each event's short
    date, `short_ids` its short code (as the events table shows it), `titles` the two
    articles' titles."""
    from rich.console import Group
    from rich.text import Text

    labels = _short_titles(titles) if width < _SHORT_LABELS_BELOW else titles
    parts: list[RenderableType] = []
    for index, title in enumerate(titles):
        side = "first" if index == 0 else "second"
        only = [r for r in rows if r["kind"] == "only" and r[f"{side}_says"] is not None]
        if only:
            cells = [
                [Cell.whole(event_dates.get(r["event"], "")), Cell.words(r["title"]),
                 name_cell(short_ids.get(r["event"], r["event"]))]
                for r in only
            ]  # fmt: skip
            columns = [Column("Date"), Column("Event", flexible=True), Column("Id")]
            heading = f"Only in {title}: {counted(len(only), 'event')}"
            parts.append(table_or_blocks(columns, cells, width, title=heading, spare=(2,)))
    for kind, heading in _HEADINGS.items():
        found = [r for r in rows if r["kind"] == kind]
        if not found:
            continue
        columns = [
            Column("Event" if kind != "account" else "Disagreement", flexible=True),
            Column(labels[0], flexible=True),
            Column(labels[1], flexible=True),
        ]
        cells = [
            [
                Cell.words(r["title"] if kind != "account" else r["about"])
                if kind != "figure"
                else Cell.words(f"{r['title']}: {r['about']}"),
                _says(r["first_says"]),
                _says(r["second_says"]),
            ]
            for r in found
        ]
        parts.append(table_or_blocks(columns, cells, width, title=f"{heading}: {len(found)}"))
    spaced: list[RenderableType] = []
    for part in parts:
        spaced += [Text(""), part]
    return Group(*spaced[1:])
