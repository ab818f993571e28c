"""Who held each place at the end of one day, how sure the data lets anyone be, and what
changed hands between two days.

A change's date is a span of days (earliest..latest). At the end of a day, a change whose
latest day is on or before it has surely happened, and so has every change before it in the
place's chain; a later change whose earliest day is on or before it may or may not have
happened yet (it is pending). The holding is what the surely done changes left, and its
certainty is the weakest of what it rests on:

- `unknown`: the data does not say who held the place that day: it never names a holder, or
  the day lies before the place's first change and the data does not say who held it when
  the data begins (the first change's `from` says who held it when it changed hands, not
  since when);
- `contested`: a dispute touches a pending change's event, or the event of the change that
  gave the holding while the dispute still bears on it: up to the last day of the events the
  dispute is about (when IS fell back, say), or for the whole holding where that change gave
  only a part (how much of the town IS retook); or a dispute still bears on an unconfirmed
  claim that the place changed hands (the desert pocket said retaken in June 2018);
- `possible`: a change is pending, so the place may already have passed on (or, before the
  first change of a place with no starting holder, its `from` side may not have held it yet);
- `inferred`: the holding rests on a change or a starting holding the text implies but does
  not state (every town of a bank that was "cleared"); `basis` gives the statement;
- `reported`: it rests on something the text gives only as reported ("reportedly took");
- `certain`: it rests only on statements of the text, and nothing is pending or disputed.

Claims the text does not confirm never move control; those dated on or before the day and
not before the holding began are kept beside it.

The same holdings across time, as bands (what both control charts draw), are at the end.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

from eastsyria.core.calendar import FIRST_DAY, LAST_DAY, date_of, ordinal
from eastsyria.core.control import (
    Basis,
    Change,
    Share,
    after,
    changes_by_place,
    claims_by_place,
    first_period,
    periods,
    rests_after,
    weakest,
)

if TYPE_CHECKING:
    from collections.abc import Collection

    from eastsyria.core.catalog import Catalog
    from eastsyria.data.records import DisputeRecord

# Strongest first: an answer is only as sure as the weakest thing it rests on.
CERTAINTIES = ("certain", "reported", "inferred", "possible", "contested", "unknown")


@dataclass(frozen=True, slots=True)
class Standing:
    """Who held `place` at the end of `day`: `shares` (none when the data does not say), the
    change that gave them (None: held since before the data begins, or, when `known_since` is
    False, known only as the `from` side of the first change, still pending), the changes that
    may already have happened, who would hold it once they had, what touches it, and what the
    holding rests on. `first_change` is the place's first change when the day lies before it
    and the data does not say who held the place then."""

    place: str
    day: str
    shares: tuple[Share, ...]
    begun: Change | None
    pending: tuple[Change, ...]
    may_pass_to: tuple[Share, ...]
    disputes: tuple[DisputeRecord, ...]
    claims: tuple[Change, ...]
    rests_on: tuple[Basis, ...] = ()
    known_since: bool = True
    first_change: Change | None = None

    @property
    def certainty(self) -> str:
        if not self.shares:
            return "unknown"
        if self.disputes:
            return "contested"
        if self.pending:
            return "possible"
        status = weakest(self.rests_on)
        return "certain" if status == "stated" else status

    @property
    def lead(self) -> Share | None:
        """The holder named first: whoever took it, else its first holder."""
        if not self.shares:
            return None
        taker = self.begun.change["to"] if self.begun else None
        return next((s for s in self.shares if s.holder == taker), self.shares[0])


def _earliest(change: Change) -> str:
    return change.event["date"]["earliest"]


def _latest(change: Change) -> str:
    return change.event["date"]["latest"]


def _last_day(catalog: Catalog, dispute: DisputeRecord) -> str:
    """The last day any event the dispute is about may have happened on."""
    found = (catalog.events_by_id.get(c["event"] or "") for c in dispute["claims"])
    return max((event["date"]["latest"] for event in found if event is not None), default="")


def standing(
    catalog: Catalog,
    place_id: str,
    day: str,
    chain: list[Change] | None = None,
    claims: list[Change] | None = None,
) -> Standing:
    """Who held `place_id` at the end of `day` (ISO), and how certain that is."""
    if chain is None:
        chain = changes_by_place(catalog).get(place_id, [])
    if claims is None:
        claims = claims_by_place(catalog).get(place_id, [])
    return Ledger(catalog, place_id, chain, claims).at(day)


class Ledger:
    """One place's changes and claims, ready to say how it stood at the end of any day.

    Its changes are in the catalog's order, so by their earliest day: a day's changes, and
    the claims to keep beside it, are found by bisection, and what the changes before them
    left is worked out once, change by change, only as far as a day asks. A chart asks for
    many days of one place: each costs the changes that may be pending that day, not the
    whole chain again."""

    def __init__(
        self, catalog: Catalog, place_id: str, chain: list[Change], claims: list[Change]
    ) -> None:
        self.catalog, self.place_id, self.chain, self.claims = catalog, place_id, chain, claims
        self.first = first_period(catalog, place_id, chain)
        first = self.first
        # held[n]: the shares and what they rest on once the first n changes have happened.
        self.held = [(first.shares, first.rests_on) if first else ((), ())]
        self.earliest = [_earliest(c) for c in chain]
        self.claimed_on = [_earliest(c) for c in claims]
        self.last_days: dict[str, str] = {}

    def _held_after(self, count: int) -> tuple[tuple[Share, ...], tuple[Basis, ...]]:
        held = self.held
        while len(held) <= count:
            change = self.chain[len(held) - 1]
            shares, bases = held[-1]
            held.append((after(shares, change.change), rests_after(bases, change)))
        return held[count]

    def last_day(self, dispute: DisputeRecord) -> str:
        """The last day any event the dispute is about may have happened on (`_last_day`),
        found once per dispute."""
        known = self.last_days.get(dispute["id"])
        if known is None:
            known = self.last_days[dispute["id"]] = _last_day(self.catalog, dispute)
        return known

    def at(self, day: str) -> Standing:
        """How the place stood at the end of `day` (ISO)."""
        catalog, chain, first = self.catalog, self.chain, self.first
        # Every change that may have happened by then comes before `reached`; the last of
        # them surely done is `done`, and those after it are pending.
        reached = bisect_right(self.earliest, day)
        done = reached - 1
        while done >= 0 and _latest(chain[done]) > day:
            done -= 1
        shares, bases = self._held_after(done + 1)
        begun = chain[done] if done >= 0 else None
        pending = tuple(chain[done + 1 : reached])
        # Before its first change, a place without `held_at_start` is known only as that
        # change's `from` side: while the change may be pending, and not at all before.
        known_since = first is None or first.known_since or begun is not None
        first_change = None
        if not known_since and not pending:
            shares, bases, first_change = (), (), chain[0]
        may_pass_to = shares
        for change in pending:
            may_pass_to = after(may_pass_to, change.change)
        disputes = {
            d["id"]: d for c in pending for d in catalog.disputes_by_event.get(c.event["id"], [])
        }
        if begun is not None:
            for dispute in catalog.disputes_by_event.get(begun.event["id"], []):
                if begun.change["extent"] == "partial" or day <= self.last_day(dispute):
                    disputes.setdefault(dispute["id"], dispute)
        since = _earliest(begun) if begun else ""
        claimed_on = self.claimed_on
        noted = tuple(self.claims[bisect_left(claimed_on, since) : bisect_right(claimed_on, day)])
        for claim in noted:
            for dispute in catalog.disputes_by_event.get(claim.event["id"], []):
                if day <= self.last_day(dispute):
                    disputes.setdefault(dispute["id"], dispute)
        return Standing(
            self.place_id,
            day,
            shares,
            begun,
            pending,
            may_pass_to if pending else (),
            tuple(disputes.values()),
            noted if shares else (),
            bases,
            known_since,
            first_change,
        )


def standings(catalog: Catalog, day: str) -> list[Standing]:
    """Every place at the end of `day`: those with a holder by name, then the unknown ones."""
    chains, claims = changes_by_place(catalog), claims_by_place(catalog)
    found = [
        Ledger(catalog, place_id, chains.get(place_id, []), claims.get(place_id, [])).at(day)
        for place_id in catalog.places
    ]
    found.sort(key=lambda s: (not s.shares, catalog.places[s.place]["name"].casefold()))
    return found


@dataclass(frozen=True, slots=True)
class Shift:
    """A place whose control may have changed between the end of two days: how it stood at
    each, and every change that may lie in between, oldest first."""

    before: Standing
    after: Standing
    changes: tuple[Change, ...]

    @property
    def place(self) -> str:
        return self.before.place

    @property
    def net_change(self) -> bool:
        """False when it changed hands and came back to the holders it had."""
        return frozenset(self.before.shares) != frozenset(self.after.shares)


def shifts(catalog: Catalog, first: str, last: str) -> list[Shift]:
    """Every place with a change that may lie between the end of `first` and the end of
    `last` (ISO days, `first` <= `last`), by the place's name."""
    chains, claims = changes_by_place(catalog), claims_by_place(catalog)
    found = []
    for place_id, chain in chains.items():
        between = tuple(c for c in chain if _latest(c) > first and _earliest(c) <= last)
        if not between:
            continue
        ledger = Ledger(catalog, place_id, chain, claims.get(place_id, []))
        found.append(Shift(ledger.at(first), ledger.at(last), between))
    found.sort(key=lambda s: catalog.places[s.place]["name"].casefold())
    return found


# -- who held each place across time, as bands ------------------------------------------------
#
# Days are ordinals with a fraction (`calendar.ordinal`). A change dated to the day happens in
# the middle of it ("late" on it: near its end); one whose date is a span of days happens
# somewhere in it, and the band across that span is a shift from the old holders to the new.


class Band(NamedTuple):
    """From `start` to `end`: held by `shares`, from the change `begun` (None: since before
    the data) until `ended` (None: the end of the data); or, where `before` is given, passing
    from `before` to `shares` by `begun` on a day not known more closely."""

    start: float
    end: float
    shares: tuple[Share, ...]
    before: tuple[Share, ...] | None
    begun: Change | None
    ended: Change | None
    # The weakest status of what the holding rests on: "stated", "reported" or "inferred".
    status: str = "stated"


class PlaceBands(NamedTuple):
    place: str
    name: str
    bands: list[Band]
    # Where a dispute bears on the holding: (start, end) spans of days.
    contested: list[tuple[float, float]]
    # Claims the sources do not confirm: (day, the claim).
    claims: list[tuple[float, Change]]


def change_days(change: Change) -> tuple[float, float]:
    """When a change happened: a point in its day, or the span of days it may lie in."""
    date = change.event["date"]
    first, last = ordinal(date["earliest"]), ordinal(date["latest"])
    if first == last:
        point = first + (0.8 if date["qualifier"] == "late" else 0.5)
        return point, point
    return float(first), float(last + 1)


def change_spans(catalog: Catalog, place_ids: list[str]) -> list[tuple[float, float]]:
    """The days of every change and claim of the places: where a chart must show detail."""
    chains, claims = changes_by_place(catalog), claims_by_place(catalog)
    return [
        (ordinal(c.event["date"]["earliest"]), ordinal(c.event["date"]["latest"]))
        for place in place_ids
        for c in [*chains.get(place, []), *claims.get(place, [])]
    ]


def held_places(catalog: Catalog, place_ids: Collection[str] | None = None) -> list[str]:
    """The places the data says someone held (or only those of `place_ids`), by their first
    change."""
    chains = changes_by_place(catalog)
    found = [
        p
        for p, place in catalog.places.items()
        if (place_ids is None or p in place_ids) and (chains.get(p) or place["held_at_start"])
    ]
    first = {p: chains[p][0].event["date"]["earliest"] if chains.get(p) else "" for p in found}
    return sorted(found, key=lambda p: (first[p], catalog.places[p]["name"].casefold()))


def place_bands(catalog: Catalog, place_id: str, first: float, last: float) -> PlaceBands:
    """The bands of one place from day `first` to day `last`."""
    bands: list[Band] = []
    at = first
    previous: tuple[Share, ...] = ()
    for period in periods(catalog, place_id):
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
                bands.append(Band(lo, hi, period.shares, previous, change, period.ended))
            at = hi
        end = change_days(period.ended)[0] if period.ended else last
        end = max(end, at)
        bands.append(Band(at, end, period.shares, None, change, period.ended, period.status))
        at = end
        previous = period.shares
    claims = [(change_days(c)[0], c) for c in claims_by_place(catalog).get(place_id, [])]
    name = catalog.place_label(place_id)
    return PlaceBands(place_id, name, bands, _contested(catalog, place_id, bands), claims)


def _contested(catalog: Catalog, place_id: str, bands: list[Band]) -> list[tuple[float, float]]:
    """The spans of the holdings on which a dispute bears (`standing` says so of the end of a
    day): each day of a holding is contested when the place stood contested at the end of
    that day with these holders, or else at the end of the day before.

    A place's standing only changes on the days of its changes and claims, and the day after
    the last day a dispute bears on: the days between are judged by the run they are in, so
    that a holding of thousands of years costs no more than one of a week."""
    chain = changes_by_place(catalog).get(place_id, [])
    claims = claims_by_place(catalog).get(place_id, [])
    if not any(catalog.disputes_by_event.get(c.event["id"]) for c in [*chain, *claims]):
        return []
    known: dict[int, Standing] = {}
    ledger = Ledger(catalog, place_id, chain, claims)

    def at(day: int) -> Standing:
        # A band may reach past the calendar's edge (a picture's padding): the day stays in it.
        day = min(max(day, FIRST_DAY), LAST_DAY)
        if day not in known:
            known[day] = ledger.at(date_of(day).isoformat())
        return known[day]

    turns: set[int] = set()
    for change in [*chain, *claims]:
        turns.update((ordinal(_earliest(change)), ordinal(_latest(change))))
        for dispute in catalog.disputes_by_event.get(change.event["id"], []):
            if last := ledger.last_day(dispute):
                turns.add(ordinal(last) + 1)
    # Where the standing of a day or of the day before it may differ from the day before's.
    starts = sorted(turns | {day + 1 for day in turns})

    found: list[tuple[float, float]] = []
    for band in bands:
        if band.before is not None:
            continue
        held = frozenset(band.shares)
        first, after = int(band.start), int(-(-band.end // 1))
        inside = starts[bisect_right(starts, first) : bisect_left(starts, after)]
        runs = [first, *inside, after]
        for day, following in pairwise(runs):
            # The calendar's first day has no day before it.
            days = (day, day - 1) if day > FIRST_DAY else (day,)
            same = [s for s in map(at, days) if frozenset(s.shares) == held]
            if not same or same[0].certainty != "contested":
                continue
            lo, hi = max(band.start, day), min(band.end, float(following))
            if found and found[-1][1] == lo:
                found[-1] = (found[-1][0], hi)
            else:
                found.append((lo, hi))
    return found
