"""Pictures in text: bar charts of the counts, and the vertical timeline."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.text import Text

from eastsyria.contract.events import lead_side
from eastsyria.contract.summary import (
    ROW_CAP,
    TOP,
    Shown,
    TimelineSummary,
    cap,
    more_breakdown,
    timeline_counts_title,
    timeline_more,
)
from eastsyria.contract.texts import counted, date_text, source_label
from eastsyria.core.calendar import bucket_heading, span_text
from eastsyria.core.sanitise import safe
from eastsyria.output.grid import (
    claimant_cell,
    field_lines,
    name_cell,
    table_or_blocks,
    with_note,
    wrapped,
)
from eastsyria.output.layout import Cell, Column, Piece, text_of, wrap
from eastsyria.output.style import side_marker, side_style


def bar_chart(rows: Sequence[tuple[str, int]], width: int, title: str) -> RenderableType:
    """Horizontal bars scaled to the largest count; counts printed, so no bar is needed to read.

    A label too wide to leave room for a bar gets a line of its own, above its count.
    """
    lines = wrapped(Cell.words(title, "bold"), width)
    largest = max((count for _, count in rows), default=0)
    count_width = max((len(str(count)) for _, count in rows), default=1)
    label_width = max((cell_len(safe(label)) for label, _ in rows), default=0)
    beside = label_width + count_width + 6 <= width
    indent = label_width + 1 if beside else 2
    room = max(1, width - indent - count_width - 1)
    for label, count in rows:
        length = 0 if largest == 0 else max(1 if count else 0, round(count / largest * room))
        bar = Text(str(count).rjust(count_width))
        if length:
            bar.append(" " + "█" * length, style="cyan")
        if beside:
            lines.append(Text(safe(label).ljust(label_width) + " ") + bar)
        else:
            lines += [text_of(line) for line in wrap(Cell.words(label), width)]
            lines.append(Text(" " * indent) + bar)
    return Group(*lines)


# A run of more empty periods than this is drawn as one row ("0002 – 9998  0"): a data file
# whose days reach the calendar's edges would otherwise list thousands of empty years, and
# the periods with events after them would be left out as "more".
QUIET_PERIODS = 60


def quiet_runs_joined(rows: Sequence[tuple[str, int]]) -> list[tuple[str, int]]:
    """The periods with each run of more than QUIET_PERIODS empty ones as one row."""
    found: list[tuple[str, int]] = []
    quiet: list[str] = []
    for label, count in [*rows, ("", -1)]:
        if count == 0:
            quiet.append(label)
            continue
        if len(quiet) > QUIET_PERIODS:
            found.append((f"{quiet[0]} – {quiet[-1]}", 0))
        else:
            found += [(period, 0) for period in quiet]
        quiet = []
        if count > 0:
            found.append((label, count))
    return found


def _claims_table(
    claims: Sequence[tuple[dict[str, Any], dict[str, Any]]],
    width: int,
    event_dates: Mapping[str, str],
) -> RenderableType:
    columns = [
        Column("Party"),
        Column("Figure"),
        Column("When"),
        Column("Claimed by / source", flexible=True),
    ]
    rows = []
    for group, claim in claims:
        period = claim["period"]
        when = (
            span_text(period["start"], period["end"])
            if period
            else event_dates.get(claim["event"], claim["event_date"])
        )
        who = claimant_cell(claim["claimed_by_name"], source_label(claim["source"]))
        if claim["disputes"]:
            who = who.then(
                Cell.words("disputed:", "yellow").plus(
                    Cell.names([(d, "yellow") for d in claim["disputes"]])
                )
            )
        rows.append(
            [name_cell(group["party_name"]), Cell.whole(claim["figure"]), Cell.whole(when), who]
        )
    title = "Casualty claims as claimed (overlaps never added up)"
    return table_or_blocks(columns, rows, width, title=title)


def stats_claims(
    stats: dict[str, Any], every: bool, total: int | None = None
) -> Shown[tuple[dict[str, Any], dict[str, Any]]]:
    """The casualty claims `stats` draws: the first TOP, or all of them with `every`;
    `total` counts the claims where `stats` holds only those drawn."""
    shown = cap([(g, c) for g in stats["casualties"] for c in g["claims"]], TOP, every)
    if total is None:
        return shown
    return Shown(shown.rows, total - len(shown.rows))


def stats_screen(
    stats: dict[str, Any],
    width: int,
    event_dates: Mapping[str, str],
    every: bool = False,
    claims_total: int | None = None,
) -> RenderableType:
    """`stats`: a bar chart per count, then the casualty claims side by side.

    Each breakdown lists its TOP largest rows and counts the others (the periods: the first
    ROW_CAP, a long run of empty ones as one row), as do the claims; `every` lists them all.
    `event_dates` gives the short date of each event a claim without a period of its own
    comes from; `claims_total` counts the claims where `stats` holds only those drawn."""
    unit = stats["by"]
    periods = [(row["period"], row["count"]) for row in stats["periods"]]
    charts = [
        (
            periods if every else quiet_runs_joined(periods),
            f"Events per {unit} ({counted(stats['events'], 'event')}, by earliest possible day)",
            ROW_CAP,
            unit,
        ),
        # Types come from the vocabulary: never many, all listed.
        ([(row["type"], row["count"]) for row in stats["types"]], "By type", None, "type"),
        (
            [(row["side_name"], row["count"]) for row in stats["sides"]],
            "By side (events with an actor of that side)",
            TOP,
            "side",
        ),
        (
            [(row["place_label"], row["count"]) for row in stats["places"]],
            "By place" if every else f"By place (top {TOP})",
            TOP,
            "place",
        ),
    ]
    parts: list[RenderableType] = []
    for rows, title, limit, noun in charts:
        shown = cap(rows, limit or len(rows), every)
        more = more_breakdown(shown.hidden, noun) if shown.hidden else None
        parts += [Text(""), with_note(bar_chart(shown.rows, width, title), more, width)]
    claims = stats_claims(stats, every, claims_total)
    if claims.rows:
        more = more_breakdown(claims.hidden, "claim") if claims.hidden else None
        table = _claims_table(claims.rows, width, event_dates)
        parts += [Text(""), with_note(table, more, width)]
    return Group(*parts[1:])


_LANE = "│"
# An entry beside its date narrower than this reads a word or two a line.
_MIN_ENTRY_WIDTH = 28


def lane_letters(count: int) -> list[str]:
    """A label per lane: A, B, ... Z, then AA, AB..."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return [letters[i] if i < 26 else letters[i // 26 - 1] + letters[i % 26] for i in range(count)]


def timeline(
    views: Sequence[dict[str, Any]],
    campaigns: Sequence[dict[str, Any]],
    sides: Sequence[dict[str, Any]],
    width: int,
    by: str = "month",
    *,
    summary: TimelineSummary | None = None,
) -> RenderableType:
    """A vertical timeline: a heading per month or week, one entry per event.

    With a `summary` (a result too long to draw), `views` are its first and last events:
    the events per period are counted between them, and a last line says how many are not
    drawn and how to see them.

    Each campaign of the result has a lane in the left gutter, labelled with its letter at
    every heading and drawn while the campaign runs; an event sits in its campaign's lane,
    marked with the symbol of its side. The legend names only the campaigns and sides that
    appear. `campaigns` are campaign views; `sides` are {id, name}.
    """
    present = {view["campaign"] for view in views}
    shown = [c for c in campaigns if c["id"] in present]
    letters = lane_letters(len(shown))
    lane_width = max((len(letter) for letter in letters), default=1)
    side_names = {side["id"]: side["name"] for side in sides}
    event_sides = list(dict.fromkeys(lead_side(view) for view in views))

    legend: list[tuple[str, list[Cell]]] = [
        (
            "Campaigns",
            [
                Cell.words(f"{letter} {safe(c['name'])} ({span_text(c['start'], c['end'])})")
                for letter, c in zip(letters, shown, strict=True)
            ],
        ),
        (
            "Sides",
            [
                # The mark in its side's colour, as in the gutter below.
                Cell.whole(side_marker(side).plain, side_style(side)).plus(
                    name_cell(side_names.get(side, side))
                )
                for side in event_sides
            ],
        ),
        (
            "Dates",
            [
                Cell.words(
                    "3 Nov: that day; ≤ 5 Dec: by that day; 3–4 Nov: some day in the span; "
                    "~: approximate"
                )
            ],
        ),
    ]
    lines: list[RenderableType] = [*field_lines(legend, width), Text("")]

    gutter = (lane_width + 1) * len(shown)
    dates = [date_text(view, year=False) for view in views]
    date_width = max((cell_len(d) for d in dates), default=0)
    entry_width = width - gutter - date_width - 2
    # Too narrow for the date beside the entry: the date gets a line of its own above it.
    stacked = entry_width < _MIN_ENTRY_WIDTH
    if stacked:
        entry_width = max(1, width - gutter)

    def lanes(active: list[bool], marks: dict[int, Text] | None = None) -> Text:
        text = Text()
        for index, is_active in enumerate(active):
            if marks and index in marks:
                text.append_text(marks[index])
            else:
                text.append(_LANE if is_active else " ", style="cyan")
            text.append(" " * lane_width)
        return text

    current_heading = None
    for position, (view, date) in enumerate(zip(views, dates, strict=True)):
        if summary is not None and position == len(summary.first):
            heading_line = timeline_counts_title(summary)
            periods = quiet_runs_joined(summary.periods)
            lines += [Text(""), bar_chart(periods, width, heading_line), Text("")]
            current_heading = None
        active = [c["start"] <= view["end"] and view["start"] <= c["end"] for c in shown]
        heading = bucket_heading(view["start"], by)
        if heading != current_heading:
            current_heading = heading
            labels = Text()
            for letter, is_active in zip(letters, active, strict=True):
                labels.append(letter.ljust(lane_width + 1) if is_active else " " * (lane_width + 1))
            lines.append(labels + Text(heading, style="bold underline"))
        lane = next(i for i, c in enumerate(shown) if c["id"] == view["campaign"])
        marked = lanes(active, {lane: side_marker(lead_side(view))})
        title = wrap(Cell.words(view["title"], "bold"), entry_width)
        parts = [Cell.words(view["type"], "dim")]
        parts.append(
            Cell.names([(safe(p.get("label") or p["name"]), "dim") for p in view["places"]])
        )
        if view.get("distance_text"):
            # With --near: "70–85 km NW of Abu Kamal", kept on one line where it fits.
            parts.append(Cell((Piece(safe(view["distance_text"]), "dim"),)))
        detail = wrap(Cell.joined(parts, " ·"), entry_width)
        if stacked:
            lines.append(marked + Text(date))
            lines += [lanes(active) + text_of(line) for line in title + detail]
            continue
        for index, line in enumerate(title + detail):
            prefix = marked if index == 0 else lanes(active)
            when = date if index == 0 else ""
            lines.append(prefix + Text(when.ljust(date_width) + "  ") + text_of(line))
    if summary is not None:
        lines += [Text(""), *wrapped(Cell.words(timeline_more(summary)), width)]
    return Group(*lines)
