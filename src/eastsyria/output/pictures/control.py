"""The control chart (SVG): a row per place, time across, a band per holding in the holder's
colour; striped where holders share the place, cross-hatched where a dispute bears on the
holding, fading from one holder to the next across the days a change may lie in. Months in
which nothing changed hands are cut out (marked ≈) so the busy weeks get the room.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING

from eastsyria.contract.texts import counted
from eastsyria.core.calendar import ordinal
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


def _row(catalog: Catalog, place: PlaceBands, scale: Scale, y: float, paint: Paint) -> list[str]:
    """The bands of one place on a bar centred on `y`: a holding is never thinner than
    THINNEST (the next band starts a little later), and the contested spans are laid over
    the bands they fall in."""
    parts = []
    edge = scale.left
    # The contested spans are in order and apart: a band looks only at those it may meet.
    contested = place.contested
    ends = [end for _, end in contested]
    for band in place.bands:
        lo = max(scale.x(band.start), edge)
        hi = max(scale.x(band.end), lo + (THINNEST if band.before is None else 0))
        edge = hi
        box = {"y": y - BAR / 2, "height": float(BAR)}
        parts.append(
            tag(
                "rect",
                tag("title", text(_title(catalog, band))),
                x=lo,
                width=max(hi - lo, 0.5),
                fill=_fill(catalog, band, paint),
                # Pale, edged with dashes, where the holding is inferred or only reported.
                **({} if band.status == "stated" else _unstated(catalog, band)),
                **box,
            )
        )
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
            parts.append(
                tag(
                    "rect",
                    tag("title", text("contested: the sources disagree about who held it")),
                    x=first,
                    width=max(last - first, 1.0),
                    fill=paint.contested(),
                    # The lower half, so the holders' colours still show above.
                    y=y,
                    height=BAR / 2,
                )
            )
    for day, claim in place.claims:
        x = scale.x(day)
        parts.append(
            tag(
                "line",
                tag("title", text(_claim_title(catalog, claim))),
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


def _entries(catalog: Catalog, rows: list[PlaceBands], paint: Paint, scale: Scale) -> list[Entry]:
    holders = dict.fromkeys(s.holder for place in rows for b in place.bands for s in b.shares)
    entries = [(_box(_colour(catalog, h)), catalog.holder_name(h)) for h in holders]
    bands = [b for place in rows for b in place.bands]
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
) -> str:
    """Who held each place (or only those of `place_ids`) when, `width` pixels wide; `lines`
    are (ISO day, words) marked by a vertical line at the end of that day."""
    places = held_places(catalog, place_ids)
    paint = Paint()
    name_room = min(230.0, width * 0.26)
    left, right = MARGIN + name_room + 10, width - MARGIN
    days = change_spans(catalog, places) + [(ordinal(day), ordinal(day)) for day, _ in lines]
    scale = fit_cut(days or [(ordinal("2017-01-01"),) * 2], left, right, cut=24)
    first, last = scale.stretches[0].first, scale.stretches[-1].after
    rows = [place_bands(catalog, p, first, last) for p in places]
    count = counted(len(rows), "place")
    heading = f"eastsyria control: who held what, {count}"
    title, below = marks_heading(heading, MARGIN, width - 2 * MARGIN)
    parts = [title]
    drawn, height = legend(_entries(catalog, rows, paint, scale), MARGIN, below, width - 2 * MARGIN)
    parts.append(drawn)
    if not rows:
        names = sorted(catalog.place_label(p) for p in place_ids or ())
        name = " or ".join(names) if names else "any place"
        parts.append(label(f"The data never says who held {name}.", MARGIN, below + 24))
        return document(width, below + 44, parts, title=heading)
    axis = below + height + 16
    y = axis + 10
    body = []
    for place in rows:
        names = wrap(place.name, name_room)
        tall = max(26.0, 15.0 * len(names) + 10)
        middle = y + tall / 2
        inner = [
            label(line, MARGIN, middle + 4 - 7.5 * (len(names) - 1) + 15 * i)
            for i, line in enumerate(names)
        ]
        inner += _row(catalog, place, scale, middle, paint)
        body.append(tag("g", inner, class_=PLACE_CLASS, data_id=place.place))
        y += tall
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
    return document(
        width,
        bottom + 26 + 14 * len(lines),
        [paint.defs(), *parts],
        title=heading,
        description="A row per place, time across, a band per holder.",
    )
