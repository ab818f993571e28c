"""`control --on DATE` and `control --diff DATE1 DATE2`, drawn for people.

Imported only when a table is drawn: what it imports brings Rich with it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from eastsyria.core.sanitise import safe
from eastsyria.output.details import holders_cell
from eastsyria.output.grid import table_or_blocks
from eastsyria.output.layout import Cell, Column

if TYPE_CHECKING:
    from rich.console import RenderableType

View = Mapping[str, Any]

# How each certainty is shown: the word, and its style.
_CERTAINTY_STYLES = {
    "certain": "",
    "reported": "cyan",
    "inferred": "magenta",
    "possible": "yellow",
    "contested": "red",
    "unknown": "dim",
}


def _certainty(value: str) -> Cell:
    return Cell.whole(value, _CERTAINTY_STYLES.get(value, ""))


def _reasons(row: View) -> Cell:
    """Since when, then why it is less than certain, each from a new line, short: the
    events behind it are in the JSON's `reason`, `pending` and `claimed`."""
    from eastsyria.contract.texts import holding_text
    from eastsyria.core.calendar import short_day

    # The reason's first clause says since when ("since 9 Nov 2017"), or that none is known
    # (then the rest says who held it when it first changed hands, if anyone).
    said = row["reason"].split("; ")
    clauses = said if row["certainty"] == "unknown" else said[:1]
    # The certainty says "inferred" or "reported" where that is the weakest thing about the
    # holding; where a pending change or a dispute weakens it more, say it here.
    if row["certainty"] in ("possible", "contested"):
        statuses = {basis["status"] for basis in row["basis"]}
        weak = [how for how in ("inferred", "reported") if how in statuses]
        clauses += [f"rests on what is {how}" for how in weak]
    if row["disputes"]:
        clauses.append("disputed: " + "; ".join(d["topic"] for d in row["disputes"]))
    if row["pending"]:
        names = " and ".join(holding_text(h) for h in row["may_pass_to"])
        by = short_day(row["pending"][-1]["date_latest"])
        clauses.append(f"may have passed to {names} by {by}")
    clauses += [f"claimed by {c['claimed_by_name']}, unconfirmed" for c in row["claimed"]]
    first = Cell.words(safe(clauses[0]))
    since, _, date = clauses[0].partition(" ")
    if since == "since" and date != "before the data":
        # "18 Sep – 16 Oct 2017" kept on one line: a date broken in two misreads.
        first = Cell.words(since).plus(Cell.whole(safe(date)))
    return first.then(*(Cell.words(safe(clause)) for clause in clauses[1:]))


# A place name this long or shorter is never broken ('Abu Kamal', 'Hamidiyah').
_SHORT_NAME = 16


def _place(name: str) -> Cell:
    """A place's name: a short one whole, a long one broken between words where the column
    is narrow ('Euphrates western bank (Mayadin–Abu Kamal)')."""
    return Cell.whole(safe(name)) if len(name) <= _SHORT_NAME else Cell.words(safe(name))


def _holders(holders: Sequence[View]) -> Cell:
    return holders_cell(holders) if holders else Cell.whole("-", "dim")


# From this width on, the reasons get the room of running text.
_ROOMY = 100


def standing_table(rows: Sequence[View], day: str, width: int) -> RenderableType:
    """Place | Held by | Certainty | Since, why: every place at the end of `day`."""
    from eastsyria.core.calendar import short_day

    columns = [
        Column("Place"),
        Column("Held by", flexible=True),
        Column("Certainty"),
        # Flexible (never narrower than running text reads well) where there is room for
        # it beside the holders; at 80 columns it may be narrower.
        Column("Since, why", flexible=width >= _ROOMY),
    ]
    cells = [
        [
            _place(row.get("place_label") or row["place_name"]),
            _holders(row["holders"]),
            _certainty(row["certainty"]),
            _reasons(row),
        ]
        for row in rows
    ]
    title = f"Who held what at the end of {short_day(day)}"
    return table_or_blocks(columns, cells, width, title=title)


def _changes(steps: Sequence[View]) -> Cell:
    """Each change on its own line: its date, then its event's title."""
    return Cell(()).then(
        *(
            Cell.whole(step["when"], "dim").plus(Cell.words(safe(step["event_title"])))
            for step in steps
        )
    )


def shift_table(rows: Sequence[View], first: str, last: str, width: int) -> RenderableType:
    """Place | Before | After | Changes: what changed hands between the end of two days."""
    from eastsyria.core.calendar import short_day

    columns = [
        Column("Place"),
        # Names, never long: what room is left goes to the changes' titles.
        Column("Before"),
        Column("After"),
        Column("Changes", flexible=True),
    ]
    cells = []
    for row in rows:
        place = _place(row.get("place_label") or row["place_name"])
        if not row["net_change"]:
            place = place.then(Cell.words("(back as before)", "italic"))
        after = _holders(row["after_holders"])
        if row["after_certainty"] != "certain":
            after = after.then(_certainty(row["after_certainty"]))
        before = _holders(row["before_holders"])
        if row["before_certainty"] != "certain":
            before = before.then(_certainty(row["before_certainty"]))
        cells.append([place, before, after, _changes(row["changes"])])
    title = f"Changed hands between the end of {short_day(first)} and the end of {short_day(last)}"
    return table_or_blocks(columns, cells, width, title=title)
