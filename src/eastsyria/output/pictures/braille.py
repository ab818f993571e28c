"""A character canvas for the terminal map: lines and rings in Unicode braille (2 x 4 dots a
cell), with text (markers, names) laid over them, each cell styled.

Braille dots are about as tall as they are wide on a terminal (a cell is twice as tall as it
is wide, and holds two dots across and four down), so the map's kilometres stay square.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Sequence

from rich.cells import get_character_cell_size
from rich.text import Text

_BRAILLE = 0x2800
# The bit of each dot, by (column, row) inside a cell.
_BITS = ((0x01, 0x02, 0x04, 0x40), (0x08, 0x10, 0x20, 0x80))


class Canvas:
    def __init__(self, columns: int, rows: int) -> None:
        self.columns = columns
        self.rows = rows
        self._dots = [[0] * columns for _ in range(rows)]
        self._dot_styles: list[list[str]] = [[""] * columns for _ in range(rows)]
        # Text laid over the dots: a character, or "" in the cell a wide character spills
        # into; None where nothing is written.
        self._text: list[list[str | None]] = [[None] * columns for _ in range(rows)]
        self._text_styles: list[list[str]] = [[""] * columns for _ in range(rows)]

    @property
    def dot_width(self) -> int:
        return self.columns * 2

    @property
    def dot_height(self) -> int:
        return self.rows * 4

    def dot(self, x: float, y: float, style: str = "") -> None:
        dx, dy = math.floor(x), math.floor(y)
        if 0 <= dx < self.dot_width and 0 <= dy < self.dot_height:
            row, col = dy // 4, dx // 2
            self._dots[row][col] |= _BITS[dx % 2][dy % 4]
            self._dot_styles[row][col] = style

    def line(self, points: Sequence[tuple[float, float]], style: str = "", dash: int = 0) -> None:
        """A polyline in dots; `dash` > 0 draws `dash` dots, then leaves as many out."""
        step = 0
        for (x0, y0), (x1, y1) in itertools.pairwise(points):
            count = max(1, int(max(abs(x1 - x0), abs(y1 - y0))))
            for i in range(count):
                if not dash or (step // dash) % 2 == 0:
                    t = i / count
                    self.dot(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, style)
                step += 1

    def thick_line(self, points: Sequence[tuple[float, float]], style: str = "") -> None:
        """A line two dots thick, to stand out from the thin ones and the dotted rings."""
        self.line(points, style)
        self.line([(x + 1, y) for x, y in points], style)
        self.line([(x, y + 1) for x, y in points], style)

    def ring(self, x: float, y: float, radius: float, style: str = "") -> None:
        """A dotted circle: a dot every third dot's length around it, lighter than a line."""
        count = max(8, int(2 * math.pi * radius / 3))
        for i in range(count):
            angle = 2 * math.pi * i / count
            self.dot(x + radius * math.cos(angle), y + radius * math.sin(angle), style)

    def free(self, row: int, col: int, width: int) -> bool:
        """Whether `width` cells from (row, col) are inside and hold no text yet."""
        if not (0 <= row < self.rows and col >= 0 and col + width <= self.columns):
            return False
        return all(self._text[row][c] is None for c in range(col, col + width))

    def inked(self, row: int, col: int, width: int) -> int:
        """How many of those cells hold dots: what a text there would hide."""
        return sum(1 for c in range(col, col + width) if self._dots[row][c])

    def write(self, row: int, col: int, text: str, style: str = "") -> None:
        for char in text:
            size = get_character_cell_size(char)
            if size == 0 or col + size > self.columns:
                continue
            self._text[row][col] = char
            self._text_styles[row][col] = style
            if size == 2:
                self._text[row][col + 1] = ""
            col += size

    def lines(self) -> Iterator[Text]:
        for row in range(self.rows):
            line = Text(no_wrap=True, overflow="crop")
            for col in range(self.columns):
                char = self._text[row][col]
                if char is not None:
                    if char:
                        line.append(char, self._text_styles[row][col] or None)
                elif self._dots[row][col]:
                    line.append(chr(_BRAILLE + self._dots[row][col]), self._dot_styles[row][col])
                else:
                    line.append(" ")
            line.rstrip()
            yield line


def text_width(text: str) -> int:
    return sum(get_character_cell_size(char) for char in text)
