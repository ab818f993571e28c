"""The control chart in the terminal (`control --chart`): a row per place, time across the
terminal's width, a block per column in the colour of who held the place then.

Without colour (a pipe, NO_COLOR) each holder is a letter: upper case held in full, lower
case shared (the holders' letters alternate), `~` where it changed hands some day in that
span. Under a row, `!` marks where the sources dispute the holding, `?` a claim they do
not confirm and `*` a holding the text implies or only reports, never states. Months in
which nothing changed hands are cut out, marked `≈` on the axis.

Like the SVG (`pictures.control`), past PLACE_ROWS places it draws those that changed hands
most and counts the rest, and a row too crowded to give each holding a column shows `#`
where a place changed hands more than once within a column.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from eastsyria.core.calendar import ordinal
from eastsyria.core.sanitise import safe
from eastsyria.core.standing import Band, PlaceBands, change_spans, held_places, place_bands
from eastsyria.output.environment import picture_width
from eastsyria.output.pictures.control import (
    Mixed,
    column_pieces,
    crowded,
    more_places,
    shown_places,
)
from eastsyria.output.pictures.timescale import Scale, fit_cut

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType

    from eastsyria.core.catalog import Catalog

# Glyphs with colour: held in full, shared, changing hands; the mark of a chosen day.
_FULL, _SHARED, _SHIFT, _DAY = "█", "▒", "░", "┃"
# A column in which the place changed hands more than once: the same with colour or without.
_MIXED = "#"


def _band_columns(bands: Sequence[Band], scale: Scale, columns: int) -> list[Band | Mixed | None]:
    """The band each column shows: a holding gets at least one column (the next band then
    starts a column later), so that one held for hours still shows; in a row too crowded
    for that, a column two or more holdings fall in shows them as one `Mixed`."""
    found: list[Band | Mixed | None] = [None] * columns
    if crowded(bands, scale.x, columns, 1):
        for piece in column_pieces(bands, scale.x):
            lo, hi = max(piece.lo, 0), max(min(piece.hi, columns), 0)
            found[lo:hi] = [piece.shows] * (hi - lo) if hi > lo else []
        return found
    edge = 0
    for band in bands:
        lo = max(round(scale.x(band.start)), edge)
        hi = max(round(scale.x(band.end)), lo + (1 if band.before is None else 0))
        found[lo:hi] = [band] * len(found[lo:hi])
        edge = hi
    return found


def _letters(holders: Sequence[str]) -> dict[str, str]:
    """A letter per holder, each different: the first of its id not yet taken."""
    found: dict[str, str] = {}
    for holder in holders:
        letters = [c for c in holder.lower() if c.isalpha()] + list("xyzqwkvj")
        found[holder] = next((c for c in letters if c not in found.values()), "?")
    return found


class ControlChart:
    """A Rich renderable: it draws in colour, or in letters where the console has none."""

    def __init__(
        self,
        catalog: Catalog,
        places: list[str],
        width: int,
        days: Sequence[tuple[str, str]],
        everything: bool = False,
    ) -> None:
        self.catalog, self.days = catalog, days
        places, self.hidden = shown_places(catalog, places, everything)
        # Each column is a look at every place's holdings: no wider than a picture may be.
        width = picture_width(width)
        longest = max((len(catalog.place_label(p)) for p in places), default=10)
        self.name_width = max(8, min(longest, 24, width // 3))
        self.columns = max(10, width - self.name_width - 1)
        marked = [(ordinal(day), ordinal(day)) for day, _ in days]
        found = change_spans(catalog, places) + marked
        self.scale: Scale = fit_cut(
            found or [(ordinal("2017-01-01"),) * 2], 0, self.columns, cut=1, margin=3
        )
        first, last = self.scale.stretches[0].first, self.scale.stretches[-1].after
        self.rows = [place_bands(catalog, p, first, last) for p in places]
        holders = [s.holder for r in self.rows for b in r.bands for s in b.shares]
        self.letters = _letters(list(dict.fromkeys(holders)))

    def _in_cut(self, x: float) -> bool:
        return any(lo <= x < hi for lo, hi in self.scale.cuts)

    def _style(self, holder: str) -> str:
        from eastsyria.output.style import side_style

        return side_style(self.catalog.holder_side(holder))

    def _cell(self, band: Band | Mixed | None, column: int, colour: bool) -> tuple[str, str]:
        if band is None:
            return " ", ""
        if isinstance(band, Mixed):
            return _MIXED, ""
        shares = band.shares
        holder = shares[column % len(shares)].holder
        if band.before is not None:
            return (_SHIFT if colour else "~"), self._style(shares[-1].holder)
        letter = self.letters[holder]
        if len(shares) > 1:
            return (_SHARED if colour else letter), self._style(holder)
        return (_FULL if colour else letter.upper()), self._style(holder)

    def _bar(self, place: PlaceBands, colour: bool) -> tuple[list[tuple[str, str]], str]:
        """The cells of a place's bar, and the line of marks under it."""
        cells, marks = [], []
        shown = _band_columns(place.bands, self.scale, self.columns)
        for column in range(self.columns):
            lo, hi = self.scale.day(column), self.scale.day(column + 1)
            if self._in_cut(column + 0.5):
                cells.append((" ", ""))
                marks.append(" ")
                continue
            cells.append(self._cell(shown[column], column, colour))
            disputed = any(min(hi, b) > max(lo, a) for a, b in place.contested)
            claimed = any(lo <= day < hi for day, _ in place.claims)
            band = shown[column]
            unstated = isinstance(band, Band) and band.status != "stated"
            marks.append("?" if claimed else "!" if disputed else "*" if unstated else " ")
        for day, _ in self.days:
            # The end of the calendar's last day is the scale's right edge: its last column.
            column = min(int(self.scale.x(ordinal(day) + 1)), self.columns - 1)
            if column >= 0:
                cells[column] = ((_DAY if colour else "|"), "bold red")
        return cells, "".join(marks).rstrip()

    def _axis(self) -> str:
        line = [" "] * self.columns
        for tick in self.scale.ticks(len, 1):
            start = int(tick.x)
            line[start : start + len(tick.text)] = list(tick.text)
        for lo, _ in self.scale.cuts:
            line[int(lo)] = "≈"
        return "".join(line).rstrip()

    def _legend(self, colour: bool) -> Iterator[tuple[str, str, str]]:
        """(glyph, its style, what it means)."""
        for holder, letter in self.letters.items():
            glyph = _FULL if colour else letter.upper()
            yield glyph, self._style(holder), self.catalog.holder_name(holder)
        bands = [b for r in self.rows for b in r.bands]
        if any(len(b.shares) > 1 and b.before is None for b in bands):
            if colour:
                yield _SHARED, "", "shared between holders"
            else:
                yield "lower case", "", "shared (the holders' letters alternate)"
        if any(b.before is not None for b in bands):
            yield (_SHIFT if colour else "~"), "", "changed hands some day in that span"
        if any(crowded(r.bands, self.scale.x, self.columns, 1) for r in self.rows):
            yield _MIXED, "", "changed hands more than once within the column"
        if any(r.contested for r in self.rows):
            yield "!", "", "(under a row) contested: the sources disagree"
        if any(r.claims for r in self.rows):
            yield "?", "", "(under a row) a claim the sources do not confirm"
        if any(b.status != "stated" for b in bands):
            yield "*", "", "(under a row) inferred or only reported, not stated"
        for _, words in self.days:
            yield (_DAY if colour else "|"), "bold red", words
        if self.scale.cuts:
            yield "≈", "", "months with no change left out"

    def __rich_console__(
        self, console: Console, options: ConsoleOptions
    ) -> Iterator[RenderableType]:
        from rich.text import Text

        colour = not console.no_color and console.color_system is not None
        legend = Text()
        for glyph, style, words in self._legend(colour):
            piece = Text.assemble((glyph, style), " ", safe(words))
            if legend and legend.cell_len + 3 + piece.cell_len > options.max_width:
                yield legend
                legend = Text()
            legend.append_text(Text("   ") + piece if legend else piece)
        yield legend
        yield Text("")
        yield Text(" " * (self.name_width + 1) + self._axis(), style="dim")
        for place in self.rows:
            cells, marks = self._bar(place, colour)
            names = _wrap(safe(place.name), self.name_width)
            lines = max(len(names), 2 if marks else 1)
            for i in range(lines):
                text = Text((names[i] if i < len(names) else "").ljust(self.name_width) + " ")
                if i == 0:
                    for glyphs, style in _runs(cells):
                        text.append(glyphs, style)
                elif i == 1 and marks:
                    text.append(marks, "bold")
                yield text
        if self.hidden:
            yield Text(more_places(self.hidden), style="dim")


def _runs(cells: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Neighbouring cells of one style joined: one colour code per run, not per cell."""
    runs: list[tuple[str, str]] = []
    for glyph, style in cells:
        if runs and runs[-1][1] == style:
            runs[-1] = (runs[-1][0] + glyph, style)
        else:
            runs.append((glyph, style))
    return runs


def _wrap(name: str, width: int) -> list[str]:
    lines: list[str] = []
    for whole in name.split():
        # A word wider than the column (never in the shipped data) is broken.
        pieces = [whole[i : i + width] for i in range(0, len(whole), width)]
        for word in pieces:
            if lines and len(lines[-1]) + 1 + len(word) <= width:
                lines[-1] += " " + word
            else:
                lines.append(word)
    return lines or [""]


def control_chart(
    catalog: Catalog,
    width: int,
    place_id: str | None,
    days: Sequence[tuple[str, str]],
    everything: bool = False,
) -> ControlChart:
    """Every place someone held (or only `place_id`), a row each, `width` columns wide; past
    PLACE_ROWS places, those that changed hands most, unless `everything`."""
    places = held_places(catalog, [place_id] if place_id else None)
    return ControlChart(catalog, places, width, days, everything)
