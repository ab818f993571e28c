"""Who held each place, as bands across time: what both control charts (SVG and terminal)
draw. Derived from `core.control` (the periods) and `core.standing` (when a dispute makes a
holding contested); never typed in.

Days are ordinals with a fraction (see `timescale`). A change dated to the day happens in
the middle of it ("late" on it: near its end); one whose date is a span of days happens
somewhere in it, and the band across that span is a shift from the old holders to the new.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from eastsyria.output.pictures.timescale import ordinal

if TYPE_CHECKING:
    from collections.abc import Collection

    from eastsyria.core.catalog import Catalog
    from eastsyria.core.control import Change, Share


class Band(NamedTuple):
    """From `start` to `end`: held by `shares`; or, where `before` is given, passing from
    `before` to `shares` on a day not known more closely."""

    start: float
    end: float
    shares: tuple[Share, ...]
    before: tuple[Share, ...] | None
    title: str
    # The weakest status of what the holding rests on: "stated", "reported" or "inferred".
    status: str = "stated"


class Row(NamedTuple):
    place: str
    name: str
    bands: list[Band]
    # Where a dispute bears on the holding: (start, end) spans of days.
    contested: list[tuple[float, float]]
    # Claims the sources do not confirm: (day, what was claimed).
    claims: list[tuple[float, str]]


def change_days(change: Change) -> tuple[float, float]:
    """When a change happened: a point in its day, or the span of days it may lie in."""
    date = change.event["date"]
    first, last = ordinal(date["earliest"]), ordinal(date["latest"])
    if first == last:
        point = first + (0.8 if date["qualifier"] == "late" else 0.5)
        return point, point
    return float(first), float(last + 1)


def spans(catalog: Catalog, place_ids: list[str]) -> list[tuple[float, float]]:
    """The days of every change and claim of the places: where a chart must show detail."""
    from eastsyria.core.control import changes_by_place, claims_by_place

    chains, claims = changes_by_place(catalog), claims_by_place(catalog)
    return [
        (ordinal(c.event["date"]["earliest"]), ordinal(c.event["date"]["latest"]))
        for place in place_ids
        for c in [*chains.get(place, []), *claims.get(place, [])]
    ]


def held_places(catalog: Catalog, place_ids: Collection[str] | None = None) -> list[str]:
    """The places the data says someone held (or only those of `place_ids`), by their first
    change."""
    from eastsyria.core.control import changes_by_place

    chains = changes_by_place(catalog)
    found = [
        p
        for p, place in catalog.places.items()
        if (place_ids is None or p in place_ids) and (chains.get(p) or place["held_at_start"])
    ]
    first = {p: chains[p][0].event["date"]["earliest"] if chains.get(p) else "" for p in found}
    return sorted(found, key=lambda p: (first[p], catalog.places[p]["name"].casefold()))


def _names(catalog: Catalog, shares: tuple[Share, ...]) -> str:
    from eastsyria.contract.control import share_view
    from eastsyria.contract.texts import holding_text

    return " and ".join(holding_text(share_view(catalog, s)) for s in shares)


def _when(change: Change | None, fallback: str) -> str:
    from eastsyria.contract.control import when_text

    return when_text(change.event["date"]) if change else fallback


def row(catalog: Catalog, place_id: str, first: float, last: float) -> Row:
    """The bands of one place from day `first` to day `last`."""
    from eastsyria.core.control import claims_by_place, periods

    found = periods(catalog, place_id)
    bands: list[Band] = []
    at = first
    previous: tuple[Share, ...] = ()
    for period in found:
        change = period.begun
        if not period.known_since and period.ended is not None:
            # Held by its first loser when it changed hands; since when, the data does not
            # say: nothing is drawn before the change.
            at = max(at, change_days(period.ended)[0])
            previous = period.shares
            continue
        if change is not None:
            lo, hi = change_days(change)
            lo = max(lo, at)
            hi = max(hi, lo)
            if hi > lo:
                title = (
                    f"{_names(catalog, previous)} → {_names(catalog, period.shares)}: "
                    f"some day in {_when(change, '')} ({change.event['title']}); "
                    "the date is uncertain"
                )
                bands.append(Band(lo, hi, period.shares, previous, title))
            at = hi
        end = change_days(period.ended)[0] if period.ended else last
        end = max(end, at)
        shared = "; shared" if period.split else ""
        status = period.status
        how = "" if status == "stated" else f"; {status}, not stated"
        title = (
            f"{_names(catalog, period.shares)}: from {_when(change, 'before the data')} "
            f"until {_when(period.ended, 'the end of the data')}{shared}{how}"
        )
        bands.append(Band(at, end, period.shares, None, title, status))
        at = end
        previous = period.shares
    claims = [
        (
            change_days(c)[0],
            f"claimed by {catalog.holder_name(c.change['claimed_by'] or '')} "
            f"({_when(c, '')}): {catalog.holder_name(c.change['to'])} took it; unconfirmed",
        )
        for c in claims_by_place(catalog).get(place_id, [])
    ]
    name = catalog.place_label(place_id)
    return Row(place_id, name, bands, _contested(catalog, place_id, bands), claims)


def _contested(catalog: Catalog, place_id: str, bands: list[Band]) -> list[tuple[float, float]]:
    """The spans of the holdings on which a dispute bears (`core.standing` says so of the
    end of a day): each day of a holding is contested when the place stood contested at
    the end of that day with these holders, or else at the end of the day before."""
    from eastsyria.core.control import changes_by_place, claims_by_place
    from eastsyria.core.standing import Standing, standing

    chain = changes_by_place(catalog).get(place_id, [])
    claims = claims_by_place(catalog).get(place_id, [])
    if not any(catalog.disputes_by_event.get(c.event["id"]) for c in [*chain, *claims]):
        return []
    known: dict[int, Standing] = {}

    def at(day: int) -> Standing:
        if day not in known:
            iso = dt.date.fromordinal(day).isoformat()
            known[day] = standing(catalog, place_id, iso, chain, claims)
        return known[day]

    found: list[tuple[float, float]] = []
    for band in bands:
        if band.before is not None:
            continue
        held = frozenset(band.shares)
        for day in range(int(band.start), int(-(-band.end // 1))):
            same = [s for s in (at(day), at(day - 1)) if frozenset(s.shares) == held]
            if not same or same[0].certainty != "contested":
                continue
            lo, hi = max(band.start, day), min(band.end, day + 1.0)
            if found and found[-1][1] == lo:
                found[-1] = (found[-1][0], hi)
            else:
                found.append((lo, hi))
    return found
