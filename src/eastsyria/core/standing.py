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
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from eastsyria.core.control import (
    Basis,
    Change,
    Share,
    after,
    changes_by_place,
    claims_by_place,
    first_period,
    rests_after,
    weakest,
)

if TYPE_CHECKING:
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
    first = first_period(catalog, place_id, chain)
    shares, bases = (first.shares, first.rests_on) if first else ((), ())
    done = max((i for i, c in enumerate(chain) if _latest(c) <= day), default=-1)
    for change in chain[: done + 1]:
        shares = after(shares, change.change)
        bases = rests_after(bases, change)
    begun = chain[done] if done >= 0 else None
    pending = tuple(c for c in chain[done + 1 :] if _earliest(c) <= day)
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
            if begun.change["extent"] == "partial" or day <= _last_day(catalog, dispute):
                disputes.setdefault(dispute["id"], dispute)
    since = _earliest(begun) if begun else ""
    noted = tuple(c for c in claims if _earliest(c) <= day and _earliest(c) >= since)
    for claim in noted:
        for dispute in catalog.disputes_by_event.get(claim.event["id"], []):
            if day <= _last_day(catalog, dispute):
                disputes.setdefault(dispute["id"], dispute)
    return Standing(
        place_id,
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
        standing(catalog, place_id, day, chains.get(place_id, []), claims.get(place_id, []))
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
        held = claims.get(place_id, [])
        found.append(
            Shift(
                standing(catalog, place_id, first, chain, held),
                standing(catalog, place_id, last, chain, held),
                between,
            )
        )
    found.sort(key=lambda s: catalog.places[s.place]["name"].casefold())
    return found
