"""Tables laid out by hand so that no word, name or id is ever cut.

Rich wraps a cell at spaces, but once a column is narrower than a word it cuts the word
("paramilitarie/s"), and it narrows columns without asking what is in them. Here every cell
is a run of *pieces* (a word of a title, a whole name of a list, an id) that are never split:
a column is never made narrower than its widest word, a list breaks between names before it
breaks inside one, and a layout that cannot keep to that is not used (the caller draws
blocks instead). The lines are then handed to Rich as they are, with no wrapping left to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

from rich.cells import cell_len
from rich.console import Group
from rich.text import Text

from eastsyria.core.sanitise import safe

# Between two columns.
GAP = 2


class Piece(NamedTuple):
    """A run of text that stays on one line if it fits: a word, or a name of a list."""

    text: str
    style: str = ""
    # False for a run that must never break at its spaces either: a date, a heading.
    breakable: bool = True
    # A URL: no spaces, and where it is wider than the line it breaks before its '#' or
    # after a '/', '-' or '_' (`_link_cut`), never inside a word or an escape (%E2%80%93).
    link: bool = False

    def narrowest(self) -> int:
        if self.link:
            return max(cell_len(part) for part in _LINK_BREAKS.findall(self.text))
        if not self.breakable:
            return cell_len(self.text)
        return max((cell_len(word) for word in self.text.split()), default=0)


# A link's smallest runs: each ends after a '/', '-' or '_', or before a '#'.
_LINK_BREAKS = re.compile(r"#?[^/\-_#]*[/\-_]?")


# A piece that ends the line: what follows starts a new one.
BREAK = Piece("\n", breakable=False)


class Cell(NamedTuple):
    """What one cell says: pieces separated by spaces (a list's items end in ',').

    Every constructor makes its text inert (`core.sanitise.safe`): a table, its title and
    every block are made of cells, so no text from a data file reaches a terminal raw
    whichever command lays it out, even one that forgot to."""

    pieces: tuple[Piece, ...]

    @classmethod
    def words(cls, text: str, style: str = "") -> Cell:
        return cls(tuple(Piece(word, style) for word in safe(text).split()))

    @classmethod
    def whole(cls, text: str, style: str = "") -> Cell:
        """One run that is never broken: a date, a figure, an id."""
        return cls((Piece(safe(text), style, breakable=False),) if text else ())

    @classmethod
    def joined(cls, cells: Iterable[Cell], mark: str) -> Cell:
        """The cells in one run, each but the last ending in `mark` (',', ' ·', ' ›')."""
        parts = [cell.pieces for cell in cells if cell.pieces]
        pieces: list[Piece] = []
        for part in parts[:-1]:
            pieces += [*part[:-1], part[-1]._replace(text=part[-1].text + mark)]
        return cls(tuple(pieces + list(parts[-1] if parts else ())))

    @classmethod
    def prose(cls, text: str, style: str = "") -> Cell:
        """Words, as `words`, where a word that is a web address is a link (`link`)."""
        return cls(
            tuple(
                Piece(word, style, link=word.startswith(("https://", "http://")))
                for word in safe(text).split()
            )
        )

    @classmethod
    def link(cls, url: str, style: str = "") -> Cell:
        """A URL, broken only where it must be (see `Piece.link`)."""
        return cls((Piece(safe(url), style, breakable=False, link=True),) if url else ())

    @classmethod
    def names(cls, names: Sequence[tuple[str, str]], more: int = 0) -> Cell:
        """A list of (name, style): each name one piece, never broken, commas between, then
        "+N" if `more`."""
        listed = cls.joined((cls.whole(name, style) for name, style in names), ",")
        return listed.plus(cls((Piece(f"+{more}", "dim"),))) if more else listed

    def styled(self, style: str) -> Cell:
        """The same pieces, in `style` where they have none of their own."""
        return Cell(tuple(p._replace(style=p.style or style) for p in self.pieces))

    def plus(self, *others: Cell) -> Cell:
        """This cell's pieces, then the others' on the same line."""
        return Cell(self.pieces + tuple(p for other in others for p in other.pieces))

    def then(self, *others: Cell) -> Cell:
        """This cell, then each of the others from a new line (an empty one takes none)."""
        pieces = self.pieces
        for other in others:
            if pieces and other.pieces:
                pieces = (*pieces, BREAK)
            pieces = pieces + other.pieces
        return Cell(pieces)

    @lru_cache(maxsize=1 << 14)  # noqa: B019 - cells are values, kept while a table is laid out
    def width(self) -> int:
        """Its width with no line broken but at its BREAKs."""
        widest = used = 0
        for piece in self.pieces:
            if piece is BREAK:
                used = 0
                continue
            used += cell_len(piece.text) + (1 if used else 0)
            widest = max(widest, used)
        return widest

    @lru_cache(maxsize=1 << 14)  # noqa: B019 - as `width`
    def narrowest(self) -> int:
        """The narrowest column it fits in without cutting a word or a name."""
        return max((p.narrowest() for p in self.pieces if p is not BREAK), default=0)


Line = list[Piece]


def wrap(cell: Cell, width: int) -> list[Line]:
    """The cell's lines at `width`: pieces kept whole where they fit, else broken at spaces."""
    lines: list[Line] = [[]]
    used = 0
    for piece in cell.pieces:
        if piece is BREAK:
            lines.append([])
            used = 0
            continue
        size = cell_len(piece.text)
        if lines[-1] and used + 1 + size <= width:
            lines[-1].append(piece)
            used += 1 + size
            continue
        if size <= width:
            if lines[-1]:
                lines.append([])
            lines[-1].append(piece)
            used = size
            continue
        # Wider than the column: its words, as a title's are. Only a block on a terminal
        # narrower than a name comes here; tables are never laid out narrower than one.
        words = (
            _link_parts(piece.text, width)
            if piece.link
            else (part for whole in piece.text.split() for part in _parts(whole, width))
        )
        if piece.link and lines[-1]:
            # A link starts its own line, so that the most of it is in one piece.
            lines.append([])
            used = 0
        for word in words:
            word_size = cell_len(word)
            if lines[-1] and used + 1 + word_size <= width:
                lines[-1].append(Piece(word, piece.style))
                used += 1 + word_size
            else:
                if lines[-1]:
                    lines.append([])
                lines[-1].append(Piece(word, piece.style))
                used = word_size
    return lines


def _parts(word: str, width: int) -> list[str]:
    """A word wider than the line (a long path) in pieces that fit: each ends after a '/',
    else a '-', in the line's second half, as a path or URL is broken; else at the width."""
    parts: list[str] = []
    # Each cut takes at least a character, so that a line of one column ends too.
    half = max(1, width // 2)
    while cell_len(word) > width > 0:
        cut = word.rfind("/", 0, width) + 1
        if cut < half:
            cut = word.rfind("-", 0, width) + 1
        if cut < half:
            cut = width
        parts.append(word[:cut])
        word = word[cut:]
    return [*parts, word] if word else parts


def _link_parts(url: str, width: int) -> list[str]:
    """A link wider than the line in lines that fit (see `_link_cut`)."""
    parts: list[str] = []
    while cell_len(url) > width > 0:
        cut = _link_cut(url, width)
        parts.append(url[:cut])
        url = url[cut:]
    return [*parts, url] if url else parts


def _link_cut(url: str, width: int) -> int:
    """Where the first line of a link wider than the line ends: before its '#' where the
    fragment then has a line of its own; else after a '/', else after a '-' or '_', the
    first of these found in the line's second half; else after the last of them that fits;
    only if none does, at the width.

    A link is ASCII (see `core.links`): a character is a column.
    """
    fragment = url.find("#", 1)
    if 0 < fragment <= width and len(url) - fragment <= width:
        return fragment
    breaks = [
        [i for i, char in enumerate(url[: width + 1]) if char == "#" and i > 0],
        [i + 1 for i, char in enumerate(url[:width]) if char == "/"],
        [i + 1 for i, char in enumerate(url[:width]) if char in "-_"],
    ]
    for kind in breaks:
        if kind and kind[-1] >= width // 2:
            return kind[-1]
    return max((cut for kind in breaks for cut in kind), default=width)


@lru_cache(maxsize=1 << 16)
def line_count(cell: Cell, width: int) -> int:
    """How many lines `wrap` gives; asked again and again while widths are chosen."""
    if BREAK not in cell.pieces and cell.width() <= width:
        return 1
    return _lines(cell, piece_sizes(cell), width)


@lru_cache(maxsize=1 << 14)
def piece_sizes(cell: Cell) -> tuple[int, ...]:
    """Each piece's width, -1 for a BREAK: what `count_lines` needs of a cell."""
    return tuple(-1 if piece is BREAK else cell_len(piece.text) for piece in cell.pieces)


def count_lines(sizes: Sequence[int], width: int) -> int | None:
    """The lines `wrap` gives a cell of these piece sizes at `width`, counted without
    building them; None where a piece is wider than the line (`wrap` breaks it up)."""
    count, used, started = 1, 0, False
    for size in sizes:
        if size < 0:
            count, used, started = count + 1, 0, False
        elif started and used + 1 + size <= width:
            used += 1 + size
        elif size <= width:
            count += started
            used, started = size, True
        else:
            return None
    return count


def text_of(line: Line) -> Text:
    """A line as Rich text; neighbouring pieces of one style are one run (one span of a
    picture's text, so "Town B falls" stays findable in an SVG)."""
    text = Text()
    run: list[str] = []
    style = None
    for piece in line:
        if run and piece.style != style:
            text.append(" ".join(run), style=style or "")
            text.append(" ")
            run = []
        run.append(piece.text)
        style = piece.style
    if run:
        text.append(" ".join(run), style=style or "")
    return text


class Column:
    """A table's column: its heading (made inert, as a cell's text: a heading may be a
    source's title) and whether it takes what width is left once the others have theirs
    (a title, a summary)."""

    __slots__ = ("flexible", "heading")

    def __init__(self, heading: str, flexible: bool = False) -> None:
        self.heading = safe(heading)
        self.flexible = flexible


def total_lines(rows: Sequence[Sequence[Cell]], widths: Sequence[int]) -> int:
    return sum(
        max(line_count(cell, w) for cell, w in zip(row, widths, strict=True)) for row in rows
    )


def draw(
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[int],
) -> Group:
    """The table as lines of text: headings, a rule, then each row's lines side by side.

    No line has trailing spaces: the last column is not padded.
    """
    lines: list[Text] = []
    lines.append(_joined([Text(c.heading, style="bold") for c in columns], widths))
    lines.append(Text("─" * (sum(widths) + GAP * (len(widths) - 1)), style="dim"))
    for row in rows:
        wrapped = [wrap(cell, w) for cell, w in zip(row, widths, strict=True)]
        for index in range(max(len(cell_lines) for cell_lines in wrapped)):
            lines.append(
                _joined(
                    [
                        text_of(cell_lines[index]) if index < len(cell_lines) else Text()
                        for cell_lines in wrapped
                    ],
                    widths,
                )
            )
    return Group(*lines)


def _joined(parts: Sequence[Text], widths: Sequence[int]) -> Text:
    # The last non-empty part ends the line, so nothing trails it.
    last = max((i for i, part in enumerate(parts) if part.plain), default=-1)
    line = Text(no_wrap=True, overflow="ignore")
    for index, (part, width) in enumerate(zip(parts, widths, strict=True)):
        if index > last:
            break
        line.append_text(part)
        if index < last:
            line.append(" " * (width - cell_len(part.plain) + GAP))
    return line


# -- how wide each column is ---------------------------------------------------------------
# As few lines as the width allows, and never narrower than a column's widest word or name
# (then there is no table, and the caller draws blocks).

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
    rows = _sample(rows)
    natural, narrowest, room = _limits(columns, rows, width)
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


def _limits(
    columns: Sequence[Column], rows: Sequence[Sequence[Cell]], width: int
) -> tuple[list[int], list[int], int]:
    """Each column's natural width (its widest cell on one line) and narrowest (its widest
    word or name), and the room the columns share."""
    count = len(columns)
    headings = [cell_len(c.heading) for c in columns]
    natural = [max([headings[i]] + [row[i].width() for row in rows]) for i in range(count)]
    narrowest = [max([headings[i]] + [row[i].narrowest() for row in rows]) for i in range(count)]
    return natural, narrowest, width - GAP * (count - 1)


def fewest_lines(
    columns: Sequence[Column], rows: Sequence[Sequence[Cell]], width: int
) -> int | None:
    """A floor under the lines of any widths `fit_widths` may choose: each column as wide as
    it can be while the others are at their narrowest (a cell never takes more lines for a
    wider column); None where there is no layout at all. Cheap: one count a cell, where
    choosing the widths counts each cell at many widths."""
    natural, narrowest, room = _limits(columns, _sample(rows), width)
    spare = room - sum(narrowest)
    if spare < 0:
        return None
    return total_lines(
        rows, [min(high, low + spare) for high, low in zip(natural, narrowest, strict=True)]
    )


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

    # A cell with no forced break that is no wider than the column is one line: known
    # without `line_count`, whose cache would hash the whole cell to say so.
    fits_at = [
        [
            -1 if BREAK in row[i].pieces else cell_width
            for row, cell_width in zip(rows, one_line[i], strict=True)
        ]
        for i in range(count)
    ]

    sizes = [[piece_sizes(row[i]) for row in rows] for i in range(count)]

    def lines_at(i: int, w: int) -> list[int]:
        if (i, w) not in cache:
            cache[(i, w)] = [
                1 if 0 <= fits <= w else _lines(row[i], cell_sizes, w)
                for row, fits, cell_sizes in zip(rows, fits_at[i], sizes[i], strict=True)
            ]
        return cache[(i, w)]

    def rest_of(i: int) -> list[int]:
        """Each row's lines in every column but `i`, at the current widths."""
        others = [lines_at(j, w) for j, w in enumerate(widths) if j != i]
        return [max(lines) for lines in zip(*others, strict=True)] if others else [0] * len(rows)

    current = sum(map(max, zip(*(lines_at(i, w) for i, w in enumerate(widths)), strict=True)))
    while True:
        spare = room - sum(widths)
        best: tuple[float, int, int, int] | None = None
        for i in range(count):
            # A trial widens one column: the rows' lines elsewhere are computed once for all
            # of its steps, so each trial costs a row's max, not a pass over every column.
            rest: list[int] | None = None
            for step in steps[i]:
                if step <= widths[i]:
                    continue
                if step - widths[i] > spare:
                    break
                if rest is None:
                    rest = rest_of(i)
                saved = current - sum(map(max, rest, lines_at(i, step)))
                if saved > 0:
                    rate = saved / (step - widths[i])
                    if best is None or rate > best[0]:
                        best = (rate, i, step, current - saved)
        if best is None:
            break
        _, i, step, current = best
        widths[i] = step
    return widths


def _lines(cell: Cell, sizes: tuple[int, ...], width: int) -> int:
    """The cell's lines at `width`, from its piece sizes where no piece is wider than that."""
    counted = count_lines(sizes, width)
    return len(wrap(cell, width)) if counted is None else counted


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
