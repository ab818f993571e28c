"""The control chart (SVG): a row per place, time across, a band per holding in the holder's
colour; striped where holders share the place, cross-hatched where a dispute bears on the
holding, fading from one holder to the next across the days a change may lie in. Months in
which nothing changed hands are cut out (marked ≈) so the busy weeks get the room.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING, NamedTuple

from eastsyria.contract.texts import counted
from eastsyria.core.calendar import ordinal
from eastsyria.core.control import changes_by_place
from eastsyria.core.standing import Band, PlaceBands, change_spans, held_places, place_bands
from eastsyria.output.pictures.marks import SMALL, Entry, Paint, legend, text_width, wrap
from eastsyria.output.pictures.marks import heading as marks_heading
from eastsyria.output.pictures.timescale import Scale, fit_cut
from eastsyria.output.svg import PLACE_CLASS, document, label, side_colour, tag, text

if TYPE_CHECKING:
    from eastsyria.core.catalog import Catalog
    from eastsyria.core.control import Change, Share

MARGIN = 16
BAR = 16
# The narrowest a holding is drawn, so that a holding of hours still shows.
THINNEST = 10.0
# The most places a control picture (and `control --chart`) draws a row for unless --all:
# past it, the places that changed hands most, and the rest counted. About a screen and a
# half of rows, read at a glance; the rows are what makes the picture grow.
PLACE_ROWS = 40
# Drawn where a place changed hands more often than the picture can draw apart: thin grey
# lines on white, like no holder's colour.
MIXED = "url(#mixed)"
_MIXED_PATTERN = (
    '<pattern id="mixed" patternUnits="userSpaceOnUse" width="3" height="4">'
    '<rect width="3" height="4" fill="#fff"/><rect width="1" height="4" fill="#777"/></pattern>'
)
MORE_PLACES = "--all draws every one"


class Shown(NamedTuple):
    """The places a picture draws a row for, in the order drawn, and how many it leaves out."""

    places: list[str]
    hidden: int


def shown_places(catalog: Catalog, places: list[str], everything: bool = False) -> Shown:
    """`places` (in `held_places`'s order), or past PLACE_ROWS the PLACE_ROWS of them with
    the most control changes, busiest first (ties in `places`'s order)."""
    if everything or len(places) <= PLACE_ROWS:
        return Shown(places, 0)
    chains = changes_by_place(catalog)
    order = {place: index for index, place in enumerate(places)}
    busiest = sorted(places, key=lambda p: (-len(chains.get(p, ())), order[p]))
    return Shown(busiest[:PLACE_ROWS], len(places) - PLACE_ROWS)


def more_places(hidden: int) -> str:
    return f"+ {counted(hidden, 'more place')} ({MORE_PLACES})"


class Mixed(NamedTuple):
    """Neighbouring holdings too short to draw apart, from `start` to `end`: drawn as one
    stretch in which the place changed hands `changes` times, held in turn by `holders`."""

    start: float
    end: float
    bands: list[Band]

    @property
    def changes(self) -> int:
        """The changes of hands inside the stretch."""
        return len(self.begun)

    @property
    def holders(self) -> list[str]:
        return list(dict.fromkeys(s.holder for b in self.bands for s in b.shares))

    @property
    def begun(self) -> list[Change]:
        """The changes inside the stretch: not that of its first holding, which began before
        it, unless that is the span of days the change may lie in."""
        first = self.bands[0]
        outside = first.begun if first.before is None else None
        found = (b.begun for b in self.bands if b.begun is not None)
        return list({id(c): c for c in found if c is not outside}.values())


def crowded(
    bands: Sequence[Band], x: Callable[[float], float], room: float, thinnest: float = THINNEST
) -> bool:
    """Whether a row's holdings, each drawn at least `thinnest` wide as `x` places them, would
    be pushed past `room`: then they are drawn by the pixel column (`column_pieces`)."""
    edge = -float("inf")
    for band in bands:
        lo = max(x(band.start), edge)
        edge = max(x(band.end), lo + (thinnest if band.before is None else 0))
    return edge > room + 0.5


class Piece(NamedTuple):
    """What a stretch of whole pixel columns of a crowded row shows, from `lo` to `hi`."""

    lo: int
    hi: int
    shows: Band | Mixed


def column_pieces(bands: Sequence[Band], x: Callable[[float], float]) -> list[Piece]:
    """A crowded row by the pixel column (or terminal column): a column that one holding
    alone covers shows it; a column that two or more fall in shows them as one `Mixed`
    stretch, joined with its neighbours of the same kind. The pieces are as many as the
    columns at most, however many the holdings."""
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    for index, band in enumerate(bands):
        lo = int(x(band.start) // 1)
        hi = max(lo + 1, int(-(-x(band.end) // 1)))
        for column in range(lo, hi):
            first.setdefault(column, index)
            last[column] = index
    pieces: list[Piece] = []
    runs: list[tuple[int, int, int, int]] = []  # (lo, hi, first band, last band)
    for column in sorted(first):
        one, other = first[column], last[column]
        if runs:
            lo, hi, was_one, was_other = runs[-1]
            mixed, was_mixed = one != other, was_one != was_other
            joins = (mixed and was_mixed) or (not mixed and not was_mixed and one == was_one)
            if hi == column and joins:
                runs[-1] = (lo, column + 1, min(one, was_one), max(other, was_other))
                continue
        runs.append((column, column + 1, one, other))
    for lo, hi, one, other in runs:
        if one == other:
            pieces.append(Piece(lo, hi, bands[one]))
        else:
            shown = list(bands[one : other + 1])
            pieces.append(Piece(lo, hi, Mixed(shown[0].start, shown[-1].end, shown)))
    return pieces


def _colour(catalog: Catalog, holder: str) -> str:
    return side_colour(catalog.holder_side(holder))


def _fill(catalog: Catalog, band: Band, paint: Paint) -> str:
    colours = [_colour(catalog, s.holder) for s in band.shares]
    if band.before is not None:
        return paint.shift(_lead_colour(catalog, band.before), _lead_colour(catalog, band.shares))
    return colours[0] if len(colours) == 1 else paint.stripes(colours)


def _lead_colour(catalog: Catalog, shares: tuple[Share, ...]) -> str:
    return (
        _colour(catalog, shares[-1].holder)
        if len(shares) > 1
        else _colour(catalog, shares[0].holder)
    )


def _names(catalog: Catalog, shares: tuple[Share, ...]) -> str:
    from eastsyria.contract.control import share_view
    from eastsyria.contract.texts import holding_text

    return " and ".join(holding_text(share_view(catalog, s)) for s in shares)


def _when(change: Change | None, fallback: str) -> str:
    from eastsyria.contract.control import when_text

    return when_text(change.event["date"]) if change else fallback


def _title(catalog: Catalog, band: Band) -> str:
    """What a band says when pointed at: who held the place from when until when, or who it
    passed from and to on a day not known more closely."""
    change = band.begun
    if band.before is not None and change is not None:
        return (
            f"{_names(catalog, band.before)} → {_names(catalog, band.shares)}: "
            f"some day in {_when(change, '')} ({change.event['title']}); "
            "the date is uncertain"
        )
    shared = "; shared" if len(band.shares) > 1 else ""
    how = "" if band.status == "stated" else f"; {band.status}, not stated"
    return (
        f"{_names(catalog, band.shares)}: from {_when(change, 'before the data')} "
        f"until {_when(band.ended, 'the end of the data')}{shared}{how}"
    )


def _claim_title(catalog: Catalog, claim: Change) -> str:
    return (
        f"claimed by {catalog.holder_name(claim.change['claimed_by'] or '')} "
        f"({_when(claim, '')}): {catalog.holder_name(claim.change['to'])} took it; unconfirmed"
    )


def _row(
    catalog: Catalog, place: PlaceBands, pieces: list[Piece] | None, *, scale: Scale, y: float,
    paint: Paint,
) -> list[str]:  # fmt: skip
    """The bands of one place on a bar centred on `y`: a holding is never thinner than
    THINNEST (the next band starts a little later), and the contested spans are laid over
    the bands they fall in; a crowded row is drawn by its `pieces` (`column_pieces`)."""
    if pieces is not None:
        parts = _crowded_row(catalog, place, pieces, scale=scale, y=y, paint=paint)
    else:
        parts = _bands_row(catalog, place, scale, y, paint)
    for x, claims in _claim_columns(scale, place.claims):
        parts.append(
            tag(
                "line",
                tag("title", text(_claims_title(catalog, claims))),
                x1=x,
                x2=x,
                y1=y - BAR / 2 - 4,
                y2=y + BAR / 2 + 4,
                stroke="#000",
                stroke_width=1.5,
                stroke_dasharray="2 2",
            )
        )
    return parts


def _holding(
    catalog: Catalog, band: Band, *, x: float, width: float, y: float, paint: Paint
) -> str:
    return tag(
        "rect",
        tag("title", text(_title(catalog, band))),
        x=x,
        width=width,
        fill=_fill(catalog, band, paint),
        # Pale, edged with dashes, where the holding is inferred or only reported.
        **({} if band.status == "stated" else _unstated(catalog, band)),
        y=y - BAR / 2,
        height=float(BAR),
    )


def _contested_mark(first: float, last: float, y: float, paint: Paint) -> str:
    return tag(
        "rect",
        tag("title", text("contested: the sources disagree about who held it")),
        x=first,
        width=max(last - first, 1.0),
        fill=paint.contested(),
        # The lower half, so the holders' colours still show above.
        y=y,
        height=BAR / 2,
    )


def _bands_row(
    catalog: Catalog, place: PlaceBands, scale: Scale, y: float, paint: Paint
) -> list[str]:
    parts = []
    edge = scale.left
    # The contested spans are in order and apart: a band looks only at those it may meet.
    contested = place.contested
    ends = [end for _, end in contested]
    for band in place.bands:
        lo = max(scale.x(band.start), edge)
        hi = max(scale.x(band.end), lo + (THINNEST if band.before is None else 0))
        edge = hi
        parts.append(_holding(catalog, band, x=lo, width=max(hi - lo, 0.5), y=y, paint=paint))
        # Where the band was pushed later, what lies on it moves with it.
        shift = lo - scale.x(band.start)
        for index in range(bisect_right(ends, band.start), len(contested)):
            start, end = contested[index]
            if start >= band.end:
                break
            first = max(lo, scale.x(max(start, band.start)) + shift)
            last = min(hi, scale.x(min(end, band.end)) + shift)
            if min(end, band.end) <= max(start, band.start):
                continue
            parts.append(_contested_mark(first, last, y, paint))
    return parts


def _crowded_row(
    catalog: Catalog, place: PlaceBands, pieces: list[Piece], *, scale: Scale, y: float,
    paint: Paint,
) -> list[str]:  # fmt: skip
    """A row drawn by the pixel column: a holding where one alone fills the columns, a dark
    stretch where several fall in the same columns; the contested spans within a piece are
    one mark from the first contested pixel to the last."""
    parts = []
    contested = [(scale.x(start), scale.x(end)) for start, end in place.contested]
    ends = [end for _, end in contested]
    for piece in pieces:
        shows, width = piece.shows, float(piece.hi - piece.lo)
        if isinstance(shows, Mixed):
            title = tag("title", text(_mixed_title(catalog, shows)))
            box = {"y": y - BAR / 2, "height": float(BAR)}
            parts.append(tag("rect", title, x=piece.lo, width=width, fill=MIXED, **box))
        else:
            parts.append(_holding(catalog, shows, x=piece.lo, width=width, y=y, paint=paint))
        inside = []
        for index in range(bisect_right(ends, piece.lo), len(contested)):
            start, end = contested[index]
            if start >= piece.hi:
                break
            inside.append((max(start, piece.lo), min(end, piece.hi)))
        if inside:
            parts.append(_contested_mark(inside[0][0], inside[-1][1], y, paint))
    return parts


def _claim_columns(
    scale: Scale, claims: Sequence[tuple[float, Change]]
) -> list[tuple[float, list[Change]]]:
    """The claims of a row, those in one pixel column drawn as one line (at the first's x)."""
    found: dict[int, tuple[float, list[Change]]] = {}
    for day, claim in claims:
        x = scale.x(day)
        found.setdefault(int(x), (x, []))[1].append(claim)
    return list(found.values())


def _claims_title(catalog: Catalog, claims: list[Change]) -> str:
    if len(claims) == 1:
        return _claim_title(catalog, claims[0])
    return f"{len(claims)} claims the sources do not confirm, the first: " + _claim_title(
        catalog, claims[0]
    )


def _mixed_title(catalog: Catalog, mixed: Mixed) -> str:
    """What a stretch too short to draw apart says when pointed at: how often the place
    changed hands in it, between which days, and who held it in turn (kept short: a crowded
    picture has thousands)."""
    holders = [catalog.holder_name(h) for h in mixed.holders]
    named = ", ".join(holders[:4]) + (f" and {len(holders) - 4} more" if len(holders) > 4 else "")
    changes = mixed.begun
    first = _when(changes[0], "") if changes else ""
    last = _when(changes[-1], "") if changes else ""
    span = first if first == last else f"{first} to {last}"
    times = "once" if len(changes) == 1 else counted(len(changes), "time")
    return f"changed hands {times} here, {span}; held in turn by {named}"


def _unstated(catalog: Catalog, band: Band) -> dict[str, object]:
    """How a holding the texts do not state is drawn: pale, with a dashed edge in the
    holder's colour (pale black alone would read as the grey of a change's span)."""
    return {
        "fill_opacity": 0.4,
        "stroke": _lead_colour(catalog, band.shares),
        "stroke_width": 1.5,
        "stroke_dasharray": "4 2",
    }


def _box(fill: str) -> Callable[[float, float], str]:
    """A legend's swatch of `fill`."""
    return lambda x, y: tag("rect", x=x - 9, y=y - 6, width=18.0, height=12.0, fill=fill)


def _claim_mark(x: float, y: float) -> str:
    return tag("line", x1=x, x2=x, y1=y - 7, y2=y + 7, stroke="#000", stroke_width=1.5,
               stroke_dasharray="2 2")  # fmt: skip


def _entries(
    catalog: Catalog, rows: list[PlaceBands], drawn: list[list[Piece] | None], paint: Paint,
    scale: Scale,
) -> list[Entry]:  # fmt: skip
    holders = dict.fromkeys(s.holder for place in rows for b in place.bands for s in b.shares)
    entries = [(_box(_colour(catalog, h)), catalog.holder_name(h)) for h in holders]
    bands = [
        shown
        for place, pieces in zip(rows, drawn, strict=True)
        for shown in (place.bands if pieces is None else (p.shows for p in pieces))
        if isinstance(shown, Band)
    ]
    if any(isinstance(p.shows, Mixed) for pieces in drawn for p in pieces or ()):
        words = (
            "thin lines: changed hands several times within a pixel (point at it: how often; "
            'eastsyria control "PLACE": every holding)'
        )
        entries.append((_box(MIXED), words))
    if any(len(b.shares) > 1 and b.before is None for b in bands):
        stripes = paint.stripes(["#D55E00", "#333333"])
        entries.append((_box(stripes), "stripes: shared between holders"))
    if any(place.contested for place in rows):
        entries.append((_box(paint.contested()), "lined: contested (the sources disagree)"))
    if any(b.before is not None for b in bands):
        fade = paint.shift("#999999", "#999999")
        entries.append((_box(fade), "fading: changed hands some day in that span"))
    if any(place.claims for place in rows):
        entries.append((_claim_mark, "a claim the sources do not confirm"))
    pale = next((b for b in bands if b.status != "stated" and b.before is None), None)
    if pale is not None:
        swatch = {"fill": _lead_colour(catalog, pale.shares), **_unstated(catalog, pale)}
        entries.append(
            (
                lambda x, y: tag("rect", x=x - 9, y=y - 6, width=18.0, height=12.0, **swatch),
                "pale, dashed: inferred or only reported, not stated",
            )
        )
    if scale.cuts:
        entries.append(
            (lambda x, y: label("≈", x - 4, y + 4, class_="bold"), "months with no change left out")
        )
    return entries


def control_svg(
    catalog: Catalog,
    *,
    width: int = 1200,
    place_ids: Collection[str] | None = None,
    lines: Sequence[tuple[str, str]] = (),
    everything: bool = False,
) -> str:
    """Who held each place (or only those of `place_ids`) when, `width` pixels wide; `lines`
    are (ISO day, words) marked by a vertical line at the end of that day.

    Past PLACE_ROWS places (unless `everything`), the PLACE_ROWS that changed hands most,
    the rest counted; a row whose holdings do not fit THINNEST pixels each is drawn by the
    pixel column, a column two or more holdings fall in as a stretch that says how often
    the place changed hands in it."""
    held = held_places(catalog, place_ids)
    places, hidden = shown_places(catalog, held, everything)
    paint = Paint()
    name_room = min(230.0, width * 0.26)
    left, right = MARGIN + name_room + 10, width - MARGIN
    days = change_spans(catalog, places) + [(ordinal(day), ordinal(day)) for day, _ in lines]
    scale = fit_cut(days or [(ordinal("2017-01-01"),) * 2], left, right, cut=24)
    first, last = scale.stretches[0].first, scale.stretches[-1].after
    rows = [place_bands(catalog, p, first, last) for p in places]

    runs = [
        column_pieces(row.bands, scale.x) if crowded(row.bands, scale.x, right) else None
        for row in rows
    ]
    count = counted(len(rows), "place")
    if hidden:
        count = f"the {count} that changed hands most, of {len(held):,}"
    heading = f"eastsyria control: who held what, {count}"
    title, below = marks_heading(heading, MARGIN, width - 2 * MARGIN)
    parts = [title]
    entries = _entries(catalog, rows, runs, paint, scale)
    drawn, height = legend(entries, MARGIN, below, width - 2 * MARGIN)
    parts.append(drawn)
    if not rows:
        names = sorted(catalog.place_label(p) for p in place_ids or ())
        name = " or ".join(names) if names else "any place"
        parts.append(label(f"The data never says who held {name}.", MARGIN, below + 24))
        return document(width, below + 44, parts, title=heading)
    axis = below + height + 16
    y = axis + 10
    body = []
    for place, drawn_row in zip(rows, runs, strict=True):
        names = wrap(place.name, name_room)
        tall = max(26.0, 15.0 * len(names) + 10)
        middle = y + tall / 2
        inner = [
            label(line, MARGIN, middle + 4 - 7.5 * (len(names) - 1) + 15 * i)
            for i, line in enumerate(names)
        ]
        inner += _row(catalog, place, drawn_row, scale=scale, y=middle, paint=paint)
        body.append(tag("g", inner, class_=PLACE_CLASS, data_id=place.place))
        y += tall
    if hidden:
        body.append(label(more_places(hidden), MARGIN, y + 18, class_="muted"))
        y += 26
    bottom = y + 6
    for tick in scale.ticks(lambda s: text_width(s, SMALL), 10):
        parts.append(tag("line", x1=tick.x, x2=tick.x, y1=axis + 6, y2=bottom, stroke="#e2e2e2"))
        parts.append(label(tick.text, tick.x + 3, axis, class_="small muted"))
        parts.append(label(tick.text, tick.x + 3, bottom + 14, class_="small muted"))
    parts += body
    for lo, hi in scale.cuts:
        parts.append(
            tag(
                "rect",
                x=lo + 5,
                y=axis + 6,
                width=hi - lo - 10,
                height=bottom - axis - 6,
                fill="#fff",
            )
        )
        parts.append(label("≈", (lo + hi) / 2, axis, text_anchor="middle", class_="bold"))
    for i, (day, words) in enumerate(lines):
        x = scale.x(ordinal(day) + 1)
        half = text_width(words, SMALL) / 2
        parts.append(
            tag("line", x1=x, x2=x, y1=axis + 6, y2=bottom, stroke="#B00020", stroke_width=1.5)
        )
        at = min(max(x, MARGIN + half), width - MARGIN - half)
        parts.append(
            label(
                words,
                at,
                bottom + 30 + 14 * i,
                text_anchor="middle",
                fill="#B00020",
                class_="small",
            )
        )
    mixed = any(isinstance(p.shows, Mixed) for pieces in runs for p in pieces or ())
    defs = [paint.defs(), *([tag("defs", _MIXED_PATTERN)] if mixed else [])]
    return document(
        width,
        bottom + 26 + 14 * len(lines),
        [*defs, *parts],
        title=heading,
        description="A row per place, time across, a band per holder.",
    )
