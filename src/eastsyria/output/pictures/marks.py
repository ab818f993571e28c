"""What the charts share: how wide a label is, rows of labels that never overlap, the paint
(gradients for an uncertain end, hatching for a shared or contested holding) and the legend.

Every paint is defined once in the picture's `<defs>` and referred to as `url(#id)`, a
reference inside the picture: nothing is fetched.
"""

from __future__ import annotations

import functools
import math
import unicodedata
from collections.abc import Callable, Sequence

from eastsyria.contract.summary import MARK_CAP
from eastsyria.output.svg import label, tag

# Sizes in pixels.
FONT = 12
SMALL = 11


def text_width(value: str, size: float = FONT, *, bold: bool = False) -> float:
    """A generous estimate of a label's width in the system sans-serif: wide characters
    count double, so a label never runs into the next. `bold` (the `bold` class, weight
    600): a wider face, measured a character at a time (`_bold_units`)."""
    return sum(map(_bold_units if bold else _units, value)) * size


@functools.cache
def _units(c: str) -> float:
    # Cached: a chart of 100,000 titles measures millions of characters of a few hundred kinds.
    return 2.0 if unicodedata.east_asian_width(c) in "WF" else 0.62 if c.isupper() else 0.55


@functools.cache
def _bold_units(c: str) -> float:
    """A bold character's width in ems. A bold face is wider than `_units` allows: measured
    in Chromium with DejaVu Sans Bold (the widest face of the font stack), 'Khirbet
    Buwaytiyah (187)' is 173 px at 12 px, 8% more than `text_width` gave it, and ran out of
    a map's frame; these classes give each name tried 5-11% more than it takes."""
    if unicodedata.east_asian_width(c) in "WF":
        return 2.0
    if c in "mwMW":
        return 1.08
    if c in "il.,:;'|!j":
        return 0.36
    if c in " ()-frtI[]/":
        return 0.52
    return 0.82 if c.isupper() else 0.72


def wrap(value: str, room: float, size: float = FONT) -> list[str]:
    """Words in lines no wider than `room` (a word wider than that gets a line of its own)."""
    lines: list[str] = []
    for word in value.split():
        if lines and text_width(f"{lines[-1]} {word}", size) <= room:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


class Rows:
    """Rows of items laid left to right, each placed in the first row where it overlaps
    nothing (greedy stacking); an item of several lines takes several rows.

    Past `MARK_CAP` items (a chart drawn with --all), an item goes in the first row whose
    every item ends left of it: as quick to find among 20,000 rows as among 20 (the first
    row where it overlaps nothing takes a look at every row), and never an overlap, though
    a gap between two items of a row is no longer filled."""

    def __init__(self, gap: float = 8) -> None:
        self.taken: list[list[tuple[float, float]]] = []
        self.gap = gap
        self.placed = 0
        self._ends: _Ends | None = None

    def _free(self, row: int, lo: float, hi: float) -> bool:
        if row >= len(self.taken):
            return True
        return all(hi + self.gap <= a or lo >= b + self.gap for a, b in self.taken[row])

    def place(self, lo: float, hi: float, lines: int = 1) -> int:
        """The first row from which `lines` rows are free between `lo` and `hi`; taken."""
        self.placed += 1
        if self.placed > MARK_CAP:
            return self._after_ends(lo, hi, lines)
        row = 0
        while not all(self._free(row + i, lo, hi) for i in range(lines)):
            row += 1
        while len(self.taken) < row + lines:
            self.taken.append([])
        for i in range(lines):
            self.taken[row + i].append((lo, hi))
        return row

    def _after_ends(self, lo: float, hi: float, lines: int) -> int:
        if self._ends is None:
            self._ends = _Ends([max(b for _, b in row) for row in self.taken])
            self.taken = [[] for _ in self.taken]  # only the rows' count is read from now
        ends, limit, row = self._ends, lo - self.gap, 0
        while True:
            row = ends.first_at_most(row, limit)
            blocked = next((row + i for i in range(1, lines) if ends[row + i] > limit), None)
            if blocked is None:
                break
            row = blocked + 1
        for i in range(lines):
            ends.set(row + i, max(ends[row + i], hi))
        while len(self.taken) < row + lines:
            self.taken.append([])
        return row

    def __len__(self) -> int:
        return len(self.taken)


class _Ends:
    """The right end of each row's last item (a row not yet made: minus infinity), in a
    tree of minimums: the first row ending at or left of a point is found in log(rows)."""

    def __init__(self, ends: list[float]) -> None:
        self.size = 1
        self.tree: list[float] = []
        self._build(ends)

    def _build(self, ends: list[float]) -> None:
        while self.size <= len(ends) + 8:
            self.size *= 2
        self.tree = [-math.inf] * (2 * self.size)
        self.tree[self.size : self.size + len(ends)] = ends
        for node in range(self.size - 1, 0, -1):
            self.tree[node] = min(self.tree[2 * node], self.tree[2 * node + 1])

    def __getitem__(self, row: int) -> float:
        return self.tree[self.size + row] if row < self.size else -math.inf

    def set(self, row: int, end: float) -> None:
        if row + 8 >= self.size:  # room for the rows an item of several lines takes
            self._build(self.tree[self.size :] + [-math.inf] * (row + 8))
        node = self.size + row
        self.tree[node] = end
        while node > 1:
            node //= 2
            self.tree[node] = min(self.tree[2 * node], self.tree[2 * node + 1])

    def first_at_most(self, start: int, limit: float) -> int:
        """The first row from `start` whose end is at or left of `limit`."""
        node, low, width = 1, 0, self.size
        stack: list[tuple[int, int, int]] = []
        while True:
            if low + width > start and self.tree[node] <= limit:
                if width == 1:
                    return low
                stack.append((2 * node + 1, low + width // 2, width // 2))
                node, width = 2 * node, width // 2
            elif stack:
                node, low, width = stack.pop()
            else:
                return self.size  # past every row made: free


class Paint:
    """The gradients and patterns a picture uses, each defined once."""

    def __init__(self) -> None:
        self.defined: dict[str, str] = {}

    def _use(self, name: str, build: Callable[[], str]) -> str:
        if name not in self.defined:
            self.defined[name] = build()
        return f"url(#{name})"

    def fade(self, colour: str, soft_start: bool, soft_end: bool) -> str:
        """A bar of `colour` that fades out towards each uncertain end."""
        name = f"fade-{colour.lstrip('#')}-{int(soft_start)}{int(soft_end)}"
        stops = [(0.0, 0.08 if soft_start else 1.0), (0.5, 1.0), (1.0, 0.08 if soft_end else 1.0)]
        if soft_start != soft_end:
            stops = [(0.0, stops[0][1]), (1.0, stops[2][1])]
        return self._use(name, lambda: _gradient(name, [(o, colour, a) for o, a in stops]))

    def shift(self, before: str, after: str) -> str:
        """Across the uncertain span of a change: the old holder fading out, the new in."""
        name = f"shift-{before.lstrip('#')}-{after.lstrip('#')}"
        stops = [(0.0, before, 1.0), (0.5, before, 0.3), (0.5, after, 0.3), (1.0, after, 1.0)]
        return self._use(name, lambda: _gradient(name, stops))

    def stripes(self, colours: Sequence[str]) -> str:
        """Diagonal stripes of each holder's colour: a place shared between them."""
        name = "split-" + "-".join(c.lstrip("#") for c in colours)
        band = 4.0
        bands = [
            tag("rect", x=band * i, y=0.0, width=band, height=band * len(colours), fill=c)
            for i, c in enumerate(colours)
        ]
        return self._use(
            name,
            lambda: tag(
                "pattern",
                bands,
                id=name,
                patternUnits="userSpaceOnUse",
                width=band * len(colours),
                height=band * len(colours),
                patternTransform="rotate(45)",
            ),
        )

    def contested(self) -> str:
        """Fine level lines, white and black, laid over a band (so they show on every
        colour, and apart from the diagonal stripes of a shared place): a dispute bears on
        the holding."""
        name = "contested"
        lines = [
            tag("rect", x=0.0, y=0.0, width=4.0, height=1.3, fill="#fff", opacity=0.9),
            tag("rect", x=0.0, y=1.3, width=4.0, height=1.1, fill="#000", opacity=0.8),
        ]
        return self._use(
            name,
            lambda: tag(
                "pattern", lines, id=name, patternUnits="userSpaceOnUse", width=4.0, height=4.5
            ),
        )

    def defs(self) -> str:
        return tag("defs", list(self.defined.values())) if self.defined else ""


def _gradient(name: str, stops: Sequence[tuple[float, str, float]]) -> str:
    return tag(
        "linearGradient",
        [
            tag("stop", offset=float(offset), stop_color=colour, stop_opacity=float(alpha))
            for offset, colour, alpha in stops
        ],
        id=name,
        x1="0",
        x2="1",
        y1="0",
        y2="0",
    )


def heading(words: str, left: float, width: float) -> tuple[str, float]:
    """A picture's title in bold, wrapped to `width`; the markup and where it ends."""
    lines = wrap(words, width, 16 * 1.1)
    parts = [
        label(line, left, 28 + 20 * i, class_="bold", font_size="16")
        for i, line in enumerate(lines)
    ]
    return "".join(parts), 20.0 * len(lines) + 20


# A legend entry: a function drawing its symbol centred on (x, y), and its words.
Entry = tuple[Callable[[float, float], str], str]


def legend(entries: Sequence[Entry], left: float, top: float, width: float) -> tuple[str, float]:
    """The entries laid out in lines across `width`; the markup and the height it takes."""
    parts, x, y = [], left, top + 10
    for symbol, words in entries:
        room = 26 + text_width(words, SMALL)
        if x > left and x + room > left + width:
            x, y = left, y + 20
        lines = wrap(words, width - 26, SMALL) if room > width else [words]
        parts.append(symbol(x + 9, y))
        for i, line in enumerate(lines):
            parts.append(label(line, x + 22, y + 4 + 14 * i, class_="small"))
        y += 14 * (len(lines) - 1)
        x += room + 14
    return "".join(parts), y + 12 - top
