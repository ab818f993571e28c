"""Names beside marks without overlap: each label takes the first of its candidate positions
that stays inside the picture and clear of what is already there, most important first.
A label with no room left is dropped, and the caller says so. Units are the caller's:
terminal cells or pixels.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple


class Rect(NamedTuple):
    x: float
    y: float
    width: float
    height: float

    def overlaps(self, other: Rect, gap: float = 0.0) -> bool:
        return not (
            self.x + self.width + gap <= other.x
            or other.x + other.width + gap <= self.x
            or self.y + self.height <= other.y
            or other.y + other.height <= self.y
        )

    def inside(self, bounds: Rect) -> bool:
        return (
            self.x >= bounds.x
            and self.y >= bounds.y
            and self.x + self.width <= bounds.x + bounds.width
            and self.y + self.height <= bounds.y + bounds.height
        )


def around(
    x: float, y: float, width: float, height: float, gap: float, *farther: float
) -> tuple[Rect, ...]:
    """Where a `width` x `height` label may go beside a mark at (x, y), best first: right,
    left, then above and below on either side and straight above and below, `gap` away;
    then the same `farther` away (a picture draws a leader line to those)."""
    rects: list[Rect] = []
    for reach in (gap, *farther):
        middle, half = y - height / 2, reach / 2
        rects += [
            Rect(x + reach, middle, width, height),
            Rect(x - reach - width, middle, width, height),
            Rect(x + half, y - half - height, width, height),
            Rect(x + half, y + half, width, height),
            Rect(x - half - width, y - half - height, width, height),
            Rect(x - half - width, y + half, width, height),
            Rect(x - width / 2, y - reach - height, width, height),
            Rect(x - width / 2, y + reach, width, height),
        ]
    return tuple(rects)


def place_labels(
    candidates: Sequence[Sequence[Rect]],
    bounds: Rect,
    taken: Sequence[Rect] = (),
    *,
    gap: float = 0.0,
    cost: Callable[[Rect], float] | None = None,
) -> list[Rect | None]:
    """For each label (in order of importance), the first free candidate, or the cheapest
    by `cost` (what it would hide) of the free ones; None where none is free. `taken` are
    marks no label may cover; labels keep `gap` apart side by side."""
    used = _Grid(bounds, gap)
    for rect in taken:
        used.add(rect)
    chosen: list[Rect | None] = []
    for options in candidates:
        free = [rect for rect in options if rect.inside(bounds) and not used.hits(rect, gap)]
        if cost is not None:
            free.sort(key=cost)  # stable: of equal cost, the earlier candidate
        pick = free[0] if free else None
        if pick is not None:
            used.add(pick)
        chosen.append(pick)
    return chosen


class _Grid:
    """Rects filed by the cells of a grid they reach (widened by `gap`): a rect is checked
    only against those near it, not against every mark and label of a map (hundreds of
    places, with 32 candidates each)."""

    def __init__(self, bounds: Rect, gap: float, cells: int = 32) -> None:
        self.left, self.top = bounds.x, bounds.y
        self.size = max(bounds.width, bounds.height, 1.0) / cells
        self.gap = gap
        self.filed: dict[tuple[int, int], list[Rect]] = {}

    def _cells(self, rect: Rect) -> list[tuple[int, int]]:
        size, gap = self.size, self.gap
        columns = range(
            int((rect.x - gap - self.left) // size),
            int((rect.x + rect.width + gap - self.left) // size) + 1,
        )
        rows = range(
            int((rect.y - self.top) // size), int((rect.y + rect.height - self.top) // size) + 1
        )
        return [(column, row) for column in columns for row in rows]

    def add(self, rect: Rect) -> None:
        for cell in self._cells(rect):
            self.filed.setdefault(cell, []).append(rect)

    def hits(self, rect: Rect, gap: float) -> bool:
        return any(
            rect.overlaps(other, gap)
            for cell in self._cells(rect)
            for other in self.filed.get(cell, ())
        )
