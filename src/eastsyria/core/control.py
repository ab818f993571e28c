"""Who held each place when, derived from the events' control changes (never typed in).

A place is held in full by one holder, or split between holders who each hold part of it
(Deir ez-Zor through the siege; Abu Kamal after IS retook 40 percent of it). A `full`
change gives the whole place to its new holder; a `partial` one gives the new holder a part
and leaves the rest with whoever held it. A change the text reports only as a party's claim
never moves control: `claims` lists it beside the periods.

What the data does not say is never filled in: before a place's first change its holder is
unknown unless the place says who held it when the data begins (`held_at_start`). The `from`
side of a change says who held the place when it changed hands, not since when, so the first
period of a place without `held_at_start` is known only at its end (`Period.known_since` is
False). Every holding carries what it rests on (`Basis`): a stated, reported or inferred change
or starting holding; the weakest of them bounds how sure an answer can be.
"""

from __future__ import annotations

import collections
import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from eastsyria.core.catalog import Catalog

if TYPE_CHECKING:
    from eastsyria.data.records import ControlRecord, EventRecord


@dataclass(frozen=True, slots=True)
class Change:
    event: EventRecord
    change: ControlRecord


def is_claim(change: ControlRecord) -> bool:
    """A party's claim the text does not confirm: it is shown, but never moves control."""
    return change["status"] == "claimed"


class Chains(NamedTuple):
    """Every place's control changes, chained (`changes_by_place`), and its claims
    (`claims_by_place`): found once per catalog (`control_chains`), in one pass over its
    control events. Shared by every caller: never changed once made."""

    changes: dict[str, list[Change]]
    claims: dict[str, list[Change]]


# Where the chains are kept on a catalog (`Catalog.worked_out`).
_CHAINS = "control chains"


def control_chains(catalog: Catalog) -> Chains:
    """The catalog's chains, worked out the first time they are asked for, and kept on it."""
    found = catalog.worked_out.get(_CHAINS)
    if not isinstance(found, Chains):
        found = catalog.worked_out[_CHAINS] = chains_of(catalog)
    return found


def chains_of(catalog: Catalog) -> Chains:
    """Read the catalog's control events once, and chain each place's changes."""
    changes: dict[str, list[Change]] = {}
    claims: dict[str, list[Change]] = {}
    for event in catalog.control_events():
        for change in event["control"]:
            found = claims if is_claim(change) else changes
            found.setdefault(change["place"], []).append(Change(event, change))
    return Chains({place: _chained(listed) for place, listed in changes.items()}, claims)


def changes_by_place(catalog: Catalog) -> dict[str, list[Change]]:
    """Every place's control changes (claims left out) in chronological order of their events.

    Made once per catalog and shared: read it, never change it."""
    return control_chains(catalog).changes


def claims_by_place(catalog: Catalog) -> dict[str, list[Change]]:
    """Every place's claimed, unconfirmed changes, in the order of their events (shared, as
    `changes_by_place` is)."""
    return control_chains(catalog).claims


def _dates(change: Change) -> tuple[str, str]:
    date = change.event["date"]
    return date["earliest"], date["latest"]


def _chained(changes: list[Change]) -> list[Change]:
    """Changes dated alike ordered so that each one starts from the holder the last one left.

    Events of the same day sort by id, which says nothing about their order: Abu Kamal fell
    on 9 November and was partly retaken late that same day. `changes` are in the catalog's
    order, so changes dated alike are next to each other: each is looked at a fixed number
    of times, however many share a date.
    """
    ordered: list[Change] = []
    for _, dated_alike in itertools.groupby(changes, key=_dates):
        same = list(dated_alike)
        if len(same) == 1:
            ordered.append(same[0])
            continue
        # "Late 9 November" comes after anything else on 9 November.
        for late in (False, True):
            _follow(ordered, [c for c in same if _late(c) is late])
    return ordered


def _follow(ordered: list[Change], candidates: list[Change]) -> None:
    """Append `candidates` (changes of one date, in the catalog's order) to `ordered`, each
    time the first that starts from the holder the last one left, else the first left."""
    if not candidates:
        return
    if not ordered:
        first = _first_change(candidates)
        ordered.append(first)
        candidates = [c for c in candidates if c is not first]
    # Each holder's waiting changes, in order; a change taken through another queue is
    # skipped when its turn comes.
    waiting: dict[str, collections.deque[int]] = {}
    for index, change in enumerate(candidates):
        waiting.setdefault(change.change["from"], collections.deque()).append(index)
    taken = [False] * len(candidates)
    unused = 0
    for _ in candidates:
        queue = waiting.get(ordered[-1].change["to"])
        while queue and taken[queue[0]]:
            queue.popleft()
        if queue:
            chosen = queue.popleft()
        else:
            while taken[unused]:
                unused += 1
            chosen = unused
        taken[chosen] = True
        ordered.append(candidates[chosen])


def _first_change(candidates: list[Change]) -> Change:
    """The first change of a place, among changes dated alike: one whose `from` no other
    hands the place to."""
    targets = {c.change["to"] for c in candidates}
    follows = [c for c in candidates if c.change["from"] not in targets]
    # A same-day cycle (taken, then partly retaken) has no change that starts from outside
    # it: the full change comes before the partial one answering it.
    follows = follows or [c for c in candidates if c.change["extent"] == "full"]
    return (follows or candidates)[0]


def _late(change: Change) -> bool:
    return change.event["date"]["qualifier"] == "late"


# How strongly the text vouches for a change or a starting holding, strongest first.
STATUS_ORDER = ("stated", "reported", "inferred")


@dataclass(frozen=True, slots=True)
class Basis:
    """One thing a holding rests on: a change (`event` set) or the place's starting holding
    (`event` None), how the text vouches for it, and for an inferred one the statement the
    inference rests on."""

    status: str
    event_id: str | None
    statement: str | None
    event: EventRecord | None = field(default=None, compare=False, repr=False)

    @staticmethod
    def of(change: Change) -> Basis:
        event = change.event
        return Basis(change.change["status"], event["id"], change.change["basis"], event)


def weakest(bases: tuple[Basis, ...]) -> str:
    """The weakest status among `bases`: "stated" when they are all stated (or there are none)."""
    return max((b.status for b in bases), key=STATUS_ORDER.index, default="stated")


def _joined(first: tuple[Basis, ...], more: tuple[Basis, ...]) -> tuple[Basis, ...]:
    return first + tuple(b for b in more if b not in first)


@dataclass(frozen=True, slots=True)
class Share:
    """One holder's hold on a place: all of it, or a part (`part` says which, where known)."""

    holder: str
    extent: str
    part: str | None = None


@dataclass(frozen=True, slots=True)
class Period:
    """Who held a place, and which part each, from one change until the next.

    `begun` is None for the first period: held since before the data begins when
    `known_since`, else known only from the `from` side of the change that ended it (who held
    the place when it changed hands; since when, the data does not say). `ended` is None for the
    last, still held when the data ends. `shares` has one entry when the place was held in
    full, several when it was split. `rests_on` is every change or starting holding the holding
    rests on.
    """

    shares: tuple[Share, ...]
    begun: Change | None
    ended: Change | None
    rests_on: tuple[Basis, ...] = ()
    known_since: bool = True

    @property
    def split(self) -> bool:
        return len(self.shares) > 1

    @property
    def lead(self) -> Share:
        """The holder the period is named after: whoever took it, else its first holder."""
        if self.begun is not None:
            taker = self.begun.change["to"]
            for share in self.shares:
                if share.holder == taker:
                    return share
        return self.shares[0]

    @property
    def holder(self) -> str:
        return self.lead.holder

    @property
    def extent(self) -> str:
        return self.lead.extent

    @property
    def status(self) -> str:
        """The weakest status of what the holding rests on."""
        return weakest(self.rests_on)

    @property
    def certainty(self) -> str:
        """How sure the data is of the holders: `certain`, `reported` or `inferred` by the
        weakest thing the holding rests on, or `held-when-changed` for a first period known
        only from the `from` side of the change that ended it (who held the place then; since
        when, unknown)."""
        if not self.known_since:
            return "held-when-changed"
        return "certain" if self.status == "stated" else self.status


def losing_shares(change: ControlRecord) -> tuple[Share, ...]:
    """Who held the place when `change` happened, as far as the change itself says: its `from`
    side (the part it held where the text says which)."""
    part = change["from_part"]
    return (Share(change["from"], "partial" if part else "full", part),)


def after(shares: tuple[Share, ...], change: ControlRecord) -> tuple[Share, ...]:
    """Who holds the place once `change` has happened."""
    taker, part = change["to"], change["part"]
    if change["extent"] == "full":
        return (Share(taker, "full", part),)
    had = next((s for s in shares if s.holder == taker), None)
    if had is None:
        # A new holder takes `part`; the holder it was taken from keeps "the rest".
        loser_part: str | None = None
    else:
        # A holder gaining ground: `part`, where given, says what it holds now; the loser
        # keeps the words of its part, unless the gainer held "the rest" and now holds a
        # part named anew (IS re-entering most of the desert): then the loser has the rest.
        part = part if part is not None else had.part
        loser_part = next((s.part for s in shares if s.holder == change["from"]), None)
        if change["part"] is not None and had.part is None:
            loser_part = None
    kept = [
        Share(s.holder, "partial", loser_part if s.holder == change["from"] else s.part)
        for s in shares
        if s.holder != taker
    ]
    return (*kept, Share(taker, "partial", part))


def rests_after(bases: tuple[Basis, ...], change: Change) -> tuple[Basis, ...]:
    """What the holding rests on once `change` has happened: the change alone when it gave
    the whole place, else also what the rest was held on."""
    own = (Basis.of(change),)
    return own if change.change["extent"] == "full" else _joined(bases, own)


def first_period(catalog: Catalog, place_id: str, chain: list[Change]) -> Period | None:
    """The place's first period, before `chain` (its changes) begins: held since before the
    data begins where its `held_at_start` says so, else known only as the `from` side of its
    first change; None when the data never names a holder."""
    place = catalog.places.get(place_id)
    held = place["held_at_start"] if place else []
    if held:
        shares = tuple(Share(h["holder"], h["extent"], h["part"]) for h in held)
        bases = tuple(dict.fromkeys(Basis(h["status"], None, h["basis"]) for h in held))
        return Period(shares, None, chain[0] if chain else None, bases)
    if chain:
        first = chain[0]
        return Period(losing_shares(first.change), None, first, (Basis.of(first),), False)
    return None


def periods(catalog: Catalog, place_id: str) -> list[Period]:
    """The periods of who held `place_id`, oldest first; none if the data never says."""
    changes = changes_by_place(catalog).get(place_id, [])
    first = first_period(catalog, place_id, changes)
    if first is None:
        return []
    found = [first]
    shares, bases = first.shares, first.rests_on
    for current, following in itertools.zip_longest(changes, changes[1:]):
        shares = after(shares, current.change)
        bases = rests_after(bases, current)
        found.append(Period(shares, current, following, bases))
    return found


def last_changes(catalog: Catalog) -> list[tuple[str, int, Change]]:
    """Every place that changed hands: (place, how many changes, the last one).

    Most changes first, then by the place's name.
    """
    found = [
        (place_id, len(changes), changes[-1])
        for place_id, changes in changes_by_place(catalog).items()
    ]
    found.sort(key=lambda row: (-row[1], catalog.places[row[0]]["name"]))
    return found
