"""The events table: the layout that reads best at the terminal's width, chosen among
columns side by side, two lines per event, or a block per event on a narrow terminal.

Everything here lays out contract objects and nothing else: no look-ups in the dataset.
The layout is `layout`'s, so no word, name or id is ever cut; text from the data file goes
through `safe` and into `Text`, never through markup, so "[bold]" in a title is shown as written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from rich.console import Group, RenderableType
from rich.text import Text

from eastsyria.contract.texts import DISPUTED_SIGN, date_text, short_distance_text
from eastsyria.core.sanitise import safe
from eastsyria.output.grid import value_cell, wrapped
from eastsyria.output.layout import (
    Cell,
    Column,
    draw,
    fewest_lines,
    fit_widths,
    total_lines,
)
from eastsyria.output.style import side_style

# Below this many columns a table of events leaves a word or two per line: each event is
# drawn as a short block instead.
NARROW_WIDTH = 60

View = Mapping[str, Any]


# -- cells ---------------------------------------------------------------------------------------


def one_year(views: Sequence[View]) -> str | None:
    """The one year every span lies in, if there is one: the date column can leave it out."""
    years = {view["start"][:4] for view in views} | {view["end"][:4] for view in views}
    return years.pop() if len(years) == 1 else None


def names_cell(names: Sequence[tuple[str, str]], short: bool) -> Cell:
    """A list of (name, style); `short` keeps the first and counts the rest: 'ISIL +3'."""
    if short and len(names) > 1:
        return Cell.names(names[:1], more=len(names) - 1)
    return Cell.names(names)


def _actor_names(view: View) -> list[tuple[str, str]]:
    return [(safe(a["name"]), side_style(a["side"])) for a in view["actors"]]


def _place_names(view: View) -> list[tuple[str, str]]:
    """With --near, the place the distance is told of comes first (and stays when the others
    are counted: 'Abu Kamal countryside +1')."""
    first = (view.get("near_place") or {}).get("id")
    places = sorted(view["places"], key=lambda p: p["id"] != first)
    return [(safe(p.get("label") or p["name"]), "") for p in places]


class EventColumns(NamedTuple):
    """How the events table shows its columns in one layout."""

    # Ids as the short form `show` accepts, not in full.
    short_ids: bool = False
    short_actors: bool = False
    short_places: bool = False
    # Whether the columns the user did not ask for by name may be left out.
    drop_type: bool = False


_HEADINGS = {
    "id": "Id",
    "date": "Date",
    "title": "Event",
    "places": "Places",
    "actors": "Actors",
    "type": "Type",
    "campaign_name": "Campaign",
}
# Columns that take the width the others leave.
_FLEXIBLE = frozenset({"title", "summary", "control", "casualties", "sources"})
DEFAULT_EVENT_COLUMNS: tuple[str, ...] = ("date", "id", "title", "places", "actors", "type")


def default_columns(near: bool) -> tuple[str, ...]:
    """The columns shown when none are asked for; with --near, how far beside where."""
    if not near:
        return DEFAULT_EVENT_COLUMNS
    return ("date", "id", "title", "places", "distance_text", "actors", "type")


def _variant(field: str, how: EventColumns) -> bool:
    """Which of its two forms a field takes in a layout (only ids and lists have two)."""
    if field == "id":
        return how.short_ids
    if field == "actors":
        return how.short_actors
    return field == "places" and how.short_places


class CellCache:
    """Cells of one table, each built once however many layouts are tried."""

    def __init__(self, short_ids: Mapping[str, str], with_year: bool, mark: str) -> None:
        self.short_ids = short_ids
        self.with_year = with_year
        self.mark = mark
        self._cells: dict[tuple[str, int, bool], Cell] = {}
        self._stacked: dict[tuple[int, bool, bool, bool, tuple[str, ...]], list[Cell]] = {}

    def get(self, field: str, index: int, view: View, how: EventColumns) -> Cell:
        key = (field, index, _variant(field, how))
        cell = self._cells.get(key)
        if cell is None:
            cell = self._cells[key] = event_cell(
                field, view, how, self.short_ids, self.with_year, mark=self.mark
            )
        return cell

    def stacked(self, index: int, view: View, how: EventColumns, shown: list[str]) -> list[Cell]:
        """A stacked row: date over id, and the title over a line of `shown` fields; built
        once for each way its cells can look, however many layouts are tried."""
        key = (index, how.short_ids, how.short_places, how.short_actors, tuple(shown))
        row = self._stacked.get(key)
        if row is None:
            cell = {f: self.get(f, index, view, how) for f in ("date", "id", "title", *shown)}
            detail = Cell.joined((cell[f] for f in shown), " ·")
            row = [cell["date"].then(cell["id"]), cell["title"].then(detail.styled("dim"))]
            self._stacked[key] = row
        return row


def title_cell(view: View, mark: str) -> Cell:
    """The title in bold, marked where the sources disagree about the event: the sign before
    it ('⚑ Two tolls...'), or words after it ('Two tolls... (disputed)')."""
    title = Cell.words(view["title"], "bold")
    if not view.get("disputes"):
        return title
    if mark == DISPUTED_SIGN:
        return Cell.whole(mark, "yellow").plus(title)
    return title.plus(Cell.whole(mark, "yellow"))


def event_cell(
    field: str,
    view: View,
    how: EventColumns,
    short_ids: Mapping[str, str],
    with_year: bool,
    *,
    mark: str = DISPUTED_SIGN,
) -> Cell:
    """One field of an event as a table cell; its date `with_year` or without; `mark` shows
    that the sources disagree about it."""
    if field == "date":
        return Cell.whole(date_text(view, year=with_year))
    if field == "id":
        return Cell.whole(short_ids.get(view["id"], view["id"]) if how.short_ids else view["id"])
    if field == "title":
        return title_cell(view, mark)
    if field == "places":
        return names_cell(_place_names(view), how.short_places)
    if field == "actors":
        return names_cell(_actor_names(view), how.short_actors)
    if field == "distance_text":
        # Under a heading naming the --near place: '70–85 km NW', 'up to 15 km'.
        return Cell.whole(short_distance_text(view))
    return value_cell(field, view.get(field))


def _event_layouts() -> list[tuple[EventColumns, float]]:
    """The ways to show the columns, each with what it costs a reader in lines per event:
    the layout with the fewest lines plus cost wins, cheapest first on a tie."""
    layouts = [
        (
            EventColumns(ids, actors, places, drop),
            0.05 * ids + 0.1 * actors + 0.1 * places + 0.15 * drop,
        )
        for ids in (False, True)
        for actors in (False, True)
        for places in (False, True)
        for drop in (False, True)
    ]
    return sorted(layouts, key=lambda layout: layout[1])


_LAYOUTS = _event_layouts()
# The two-line layout costs this much more than the same columns side by side.
_STACKED_COST = 0.2


def events_table(
    views: Sequence[View],
    width: int,
    *,
    fields: Sequence[str] | None = None,
    short_ids: Mapping[str, str] | None = None,
    mark: str = DISPUTED_SIGN,
) -> RenderableType:
    """The events laid out for `width`: side by side where that keeps rows short, else each
    event in two lines (title; where, who and what) beside its date and id, else, on a narrow
    terminal, as a block per event.

    `fields` are the columns asked for (default: date, id, title, places, actors, type);
    `short_ids` maps an id to the shorter form `show` also accepts; `mark` marks the
    events the sources disagree about (`DISPUTED_SIGN`, or words where it may not show).
    """
    near = next((view["near"] for view in views if view.get("near")), None)
    chosen = tuple(fields) if fields else default_columns(near is not None)
    shorts = short_ids or {}
    year = one_year(views)
    headings = _headings(year, (near.get("label") or near["name"]) if near else None)
    best: tuple[float, list[Column], list[list[Cell]], list[int]] | None = None
    if width < NARROW_WIDTH:
        return _event_blocks(views, chosen, width, shorts, mark)
    cells = CellCache(shorts, year is None, mark)
    for how, cost in _LAYOUTS:
        if best is not None and best[0] <= 1 + cost:
            break  # no layout from here on can do better
        if fields and how.drop_type:
            continue
        for stacked in (False, True) if not fields else (False,):
            columns, rows = _event_rows(views, chosen, how, cells, headings, stacked=stacked)
            if best is not None and _cannot_beat(
                best[0], columns, rows, width, cost=cost, stacked=stacked
            ):
                continue
            widths = fit_widths(columns, rows, width)
            if widths is None:
                continue
            score = total_lines(rows, widths) / max(1, len(rows)) + cost
            score += _STACKED_COST if stacked else 0
            if best is None or score < best[0]:
                best = (score, columns, rows, widths)
    if best is None:
        return _event_blocks(views, chosen, width, shorts, mark)
    return draw(best[1], best[2], best[3])


def _cannot_beat(
    best: float,
    columns: list[Column],
    rows: list[list[Cell]],
    width: int,
    *,
    cost: float,
    stacked: bool,
) -> bool:
    """Whether this layout's score cannot fall below `best` whatever widths it gets: the
    score of its fewest possible lines, summed in the same order as a score is (so that
    the floor is never above the score in floating point either)."""
    floor = fewest_lines(columns, rows, width)
    if floor is None:
        return True
    score = floor / max(1, len(rows)) + cost
    score += _STACKED_COST if stacked else 0
    return score >= best


def _event_rows(
    views: Sequence[View],
    fields: Sequence[str],
    how: EventColumns,
    cells: CellCache,
    headings: Mapping[str, str],
    *,
    stacked: bool,
) -> tuple[list[Column], list[list[Cell]]]:
    """The columns and cells of one layout. Stacked: date over id, and the title over a line
    of places, the distance from the --near place, actors and type."""
    names = [f for f in fields if not (how.drop_type and f == "type")]
    if not stacked:
        columns = [_event_column(name, headings) for name in names]
        rows = [[cells.get(f, i, view, how) for f in names] for i, view in enumerate(views)]
        return columns, rows
    shown = [f for f in _STACKED_DETAIL if f in names]
    columns = [
        Column(f"{headings['date']} / Id"),
        Column(f"Event / {' · '.join(_stacked_name(f, headings) for f in shown)}", flexible=True),
    ]
    rows = [cells.stacked(index, view, how, shown) for index, view in enumerate(views)]
    return columns, rows


# The second line of a stacked row.
_STACKED_DETAIL = ("places", "distance_text", "actors", "type")


def _stacked_name(field: str, headings: Mapping[str, str]) -> str:
    """What the heading of a stacked table calls a part of the second line: 'places',
    'from Abu Kamal'."""
    heading = headings.get(field, field)
    return heading[:1].lower() + heading[1:]


def _headings(year: str | None, near: str | None) -> dict[str, str]:
    """The column headings: the date's is the year every date lies in, where there is one;
    the distance's names the --near place ('From Abu Kamal')."""
    headings = dict(_HEADINGS)
    if year:
        headings["date"] = year
    if near:
        headings["distance_text"] = f"From {safe(near)}"
    return headings


def _event_column(field: str, headings: Mapping[str, str]) -> Column:
    heading = headings.get(field, field.replace("_", " ").capitalize())
    return Column(heading, flexible=field in _FLEXIBLE)


def _distance_cell(view: View) -> Cell:
    """Where there is no heading to name the --near place: '70–85 km NW of Abu Kamal'."""
    return Cell.whole(view.get("distance_text") or "")


def _event_blocks(
    views: Sequence[View],
    fields: Sequence[str],
    width: int,
    short_ids: Mapping[str, str],
    mark: str,
) -> RenderableType:
    """Each event as a few lines: when, what kind and its id; the title; where; who."""
    how = EventColumns(short_ids=True)
    head = [f for f in ("date", "type", "id") if f in fields]
    lines: list[Text] = []
    for view in views:
        if lines:
            lines.append(Text(""))
        # "3 Nov 2017 · airstrike · wuwv"
        first = (
            event_cell(f, view, how, short_ids, True, mark=mark).styled(_BLOCK_STYLES[f])
            for f in head
        )
        lines += wrapped(Cell.joined(first, " ·"), width)
        for field in fields:
            if field not in head:
                indent = 0 if field == "title" else 2
                cell = event_cell(field, view, how, short_ids, True, mark=mark)
                if field == "distance_text":
                    cell = _distance_cell(view)
                lines += wrapped(cell, width - indent, indent)
    return Group(*lines)


_BLOCK_STYLES = {"date": "", "type": "dim", "id": "cyan"}
