"""Who held each place when, derived from the events' control changes (never typed in)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eastsyria.core.catalog import Catalog

if TYPE_CHECKING:
    from eastsyria.data.records import ControlRecord, EventRecord


@dataclass(frozen=True, slots=True)
class Change:
    event: EventRecord
    change: ControlRecord


def changes_by_place(catalog: Catalog) -> dict[str, list[Change]]:
    """Every place's control changes in chronological order of their events."""
    found: dict[str, list[Change]] = {}
    for event in catalog.events:
        for change in event["control"]:
            found.setdefault(change["place"], []).append(Change(event, change))
    return {place: _chained(changes) for place, changes in found.items()}


def _chained(changes: list[Change]) -> list[Change]:
    """Changes dated alike ordered so that each one starts from the holder the last one left.

    Events of the same day sort by id, which says nothing about their order: Abu Kamal fell
    on 9 November and was partly retaken late that same day.
    """
    ordered: list[Change] = []
    index = 0
    while index < len(changes):
        date = changes[index].event["date"]
        same = [
            c
            for c in changes[index:]
            if (c.event["date"]["earliest"], c.event["date"]["latest"])
            == (date["earliest"], date["latest"])
        ]
        index += len(same)
        while same:
            if ordered:
                holder = ordered[-1].change["to"]
                follows = [c for c in same if c.change["from"] == holder]
            else:
                targets = {c.change["to"] for c in same}
                follows = [c for c in same if c.change["from"] not in targets]
                # A same-day cycle (taken, then partly retaken) has no change that starts
                # from outside it: the full change comes before the partial one answering it.
                follows = follows or [c for c in same if c.change["extent"] == "full"]
            chosen = (follows or same)[0]
            ordered.append(chosen)
            same.remove(chosen)
    return ordered


@dataclass(frozen=True, slots=True)
class Period:
    """A holder's time in control of a place: begun by one change, ended by the next.

    `begun` is None for the first period, held since before the data begins; `ended` is None
    for the last, still held when the data ends.
    """

    holder: str
    extent: str
    begun: Change | None
    ended: Change | None


def periods(catalog: Catalog, place_id: str) -> list[Period]:
    """The periods of who held `place_id`, oldest first; none if it never changed hands."""
    changes = changes_by_place(catalog).get(place_id)
    if not changes:
        return []
    first = changes[0]
    found = [Period(first.change["from"], "full", None, first)]
    for current, following in itertools.zip_longest(changes, changes[1:]):
        found.append(Period(current.change["to"], current.change["extent"], current, following))
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
