"""`control PLACE`, `control --on DATE` and `control --diff DATE1 DATE2`, drawn for people.

Imported only when a table is drawn: what it imports brings Rich with it.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from eastsyria.core.sanitise import safe
from eastsyria.output.details import aside
from eastsyria.output.grid import name_cell, table_or_blocks
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
    first = Cell.words(clauses[0])
    since, _, date = clauses[0].partition(" ")
    if since == "since" and date != "before the data":
        # "18 Sep – 16 Oct 2017" kept on one line: a date broken in two misreads.
        first = Cell.words(since).plus(Cell.whole(date))
    return first.then(*(Cell.words(clause) for clause in clauses[1:]))


# A place name this long or shorter is never broken ('Abu Kamal', 'Hamidiyah').
_SHORT_NAME = 16


def _place(name: str) -> Cell:
    """A place's name: a short one whole, a long one broken between words where the column
    is narrow ('Euphrates western bank (Mayadin–Abu Kamal)')."""
    return Cell.whole(name) if len(name) <= _SHORT_NAME else Cell.words(name)


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
        *(Cell.whole(step["when"], "dim").plus(Cell.words(step["event_title"])) for step in steps)
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


def holders_cell(holders: Sequence[View]) -> Cell:
    """Each holder on its own line, coloured by side, with the part it held in italics."""
    from eastsyria.contract.texts import share_text
    from eastsyria.output.style import side_style

    cells = [
        name_cell(share["holder_name"], side_style(share["side"])).plus(aside(share_text(share)))
        for share in holders
    ]
    return functools.reduce(Cell.then, cells, Cell(()))


def control_periods(
    place: View,
    periods: Sequence[View],
    width: int,
    begun: Sequence[str | None],
    claims: Sequence[tuple[View, str]] = (),
) -> RenderableType:
    """`control PLACE`: who held it, or which part of it each, from when until when, and what
    began each period; then the claims the text does not confirm, which moved nothing.

    `begun` is the short date of the event that began each period (None for the first, held
    from before the data begins, or known only when it changed hands: its start "not said");
    a period ends when the next begins. `claims` pairs each
    claim with its short date.
    """
    from rich.console import Group
    from rich.text import Text

    from eastsyria.contract.texts import share_text, status_text

    columns = [
        Column("Holder", flexible=True),
        Column("From"),
        Column("Until"),
        Column("Begun by", flexible=True),
    ]
    rows = []
    ends = [*begun[1:], None]
    for period, start, end in zip(periods, begun, ends, strict=True):
        said = status_text(period) if period["status"] else ""
        if period["certainty"] in ("reported", "inferred") and not said:
            # Begun by a stated change, but part of it is held on a weaker word.
            said = f"partly {period['certainty']}"
        if period["from_part"]:
            held = f"the side that lost it held {period['from_part']}"
            said = f"{said}; {held}" if said else held
        since = start or "before the data begins"
        if not period["start_known"]:
            # All the data says is who held it when it changed hands.
            since, said = "not said", "held when it changed hands; since when, not said"
        began = Cell.words(period["event_title"] or "-").plus(aside(said))
        rows.append(
            [
                holders_cell(period["holders"]),
                Cell.whole(since),
                Cell.whole(end or "end of the data"),
                began,
            ]
        )
    table = table_or_blocks(columns, rows, width, title=f"Who held {safe(place['name'])}")
    if not claims:
        return table
    claim_rows = [
        [
            name_cell(claim["claimed_by_name"]),
            Cell.whole(when),
            Cell.words(f"{claim['from_name']} → {claim['to_name']}").plus(
                aside(share_text(claim) if claim["extent"] == "partial" else "")
            ),
            Cell.words(claim["event_title"]),
        ]
        for claim, when in claims
    ]
    claim_columns = [
        Column("Claimed by"),
        Column("On"),
        Column("Claim", flexible=True),
        Column("Event", flexible=True),
    ]
    title = "Claimed, not confirmed by the sources (not counted above)"
    return Group(table, Text(""), table_or_blocks(claim_columns, claim_rows, width, title=title))
