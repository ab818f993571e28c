"""How wide each column of a table is: as few lines as the width allows, and never narrower
than a column's widest word or name (then there is no table, and the caller draws blocks)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len

from eastsyria.output.layout import GAP, Cell, Column, line_count, total_lines

# Rows looked at to choose the widths: a sample of a long table chooses as well and fast.
_SAMPLE = 120


def _sample(rows: Sequence[Sequence[Cell]]) -> Sequence[Sequence[Cell]]:
    if len(rows) <= _SAMPLE:
        return rows
    step = len(rows) / _SAMPLE
    return [rows[int(index * step)] for index in range(_SAMPLE)]


def fit_widths(
    columns: Sequence[Column], rows: Sequence[Sequence[Cell]], width: int
) -> list[int] | None:
    """Each column's width at `width`, as few lines as it can, or None if some column would
    have to cut a word or a name.

    Two ways of sharing the room are tried (see `_share_widths` and `_step_widths`), what
    either leaves over goes to the flexible columns (a title), and the one with fewer lines
    is kept. No column is ever narrower than its widest word or name.
    """
    count = len(columns)
    rows = _sample(rows)
    headings = [cell_len(c.heading) for c in columns]
    natural = [max([headings[i]] + [row[i].width() for row in rows]) for i in range(count)]
    narrowest = [max([headings[i]] + [row[i].narrowest() for row in rows]) for i in range(count)]
    room = width - GAP * (count - 1)
    if sum(narrowest) > room:
        return None
    if sum(natural) <= room:
        return natural
    candidates = [
        _spread(columns, found, natural, room)
        for found in (
            _share_widths(rows, natural, narrowest, room),
            _step_widths(rows, natural, narrowest, room),
        )
    ]
    return min(candidates, key=lambda widths: total_lines(rows, widths))


def _share_widths(
    rows: Sequence[Sequence[Cell]], natural: list[int], narrowest: list[int], room: int
) -> list[int]:
    """Widths that fit most cells of each column on one line: all of them, else nine in ten,
    three in four, half or a quarter, whichever share fits in the room first."""
    cell_widths = [sorted(row[i].width() for row in rows) or [0] for i in range(len(natural))]
    for share in (0.9, 0.75, 0.5, 0.25):
        wanted = [
            min(high, max(low, w[min(len(w) - 1, int(share * len(w)))]))
            for low, high, w in zip(narrowest, natural, cell_widths, strict=True)
        ]
        if sum(wanted) <= room:
            return wanted
    return list(narrowest)


def _step_widths(
    rows: Sequence[Sequence[Cell]], natural: list[int], narrowest: list[int], room: int
) -> list[int]:
    """From the narrowest, width goes a step at a time to the column where it saves the most
    lines for each column spent."""
    count = len(natural)
    widths = list(narrowest)
    one_line = [[row[i].width() for row in rows] for i in range(count)]
    # Where a cell needs one line less: its whole width, a half of it, a third.
    steps = [
        sorted({min(natural[i], -(-w // parts)) for w in one_line[i] for parts in (1, 2, 3)})
        for i in range(count)
    ]
    cache: dict[tuple[int, int], list[int]] = {}

    def lines_at(i: int, w: int) -> list[int]:
        if (i, w) not in cache:
            cache[(i, w)] = [line_count(row[i], w) for row in rows]
        return cache[(i, w)]

    def total(trial: list[int]) -> int:
        per_column = [lines_at(i, w) for i, w in enumerate(trial)]
        return sum(max(lines) for lines in zip(*per_column, strict=True))

    current = total(widths)
    while True:
        spare = room - sum(widths)
        best: tuple[float, int, int, int] | None = None
        for i in range(count):
            for step in steps[i]:
                if step <= widths[i]:
                    continue
                if step - widths[i] > spare:
                    break
                trial = [*widths[:i], step, *widths[i + 1 :]]
                saved = current - total(trial)
                if saved > 0:
                    rate = saved / (step - widths[i])
                    if best is None or rate > best[0]:
                        best = (rate, i, step, current - saved)
        if best is None:
            break
        _, i, step, current = best
        widths[i] = step
    return widths


def _spread(
    columns: Sequence[Column], widths: list[int], natural: list[int], room: int
) -> list[int]:
    count = len(columns)
    widths = list(widths)
    # What is left goes to the flexible columns, in proportion to what each still lacks of
    # its widest cell; then, if any is left, to the others the same way.
    for group in ([i for i in range(count) if columns[i].flexible], list(range(count))):
        spare = room - sum(widths)
        lacking = {i: natural[i] - widths[i] for i in group if natural[i] > widths[i]}
        total_lacking = sum(lacking.values())
        for i, lack in lacking.items():
            widths[i] += min(lack, spare * lack // total_lacking)
        for i in lacking:  # what rounding left over
            widths[i] += max(0, min(room - sum(widths), natural[i] - widths[i]))
    return widths
