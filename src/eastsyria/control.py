"""Who held each place when, derived from the events' control changes (never typed in)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from eastsyria.catalog import Catalog

if TYPE_CHECKING:
    from eastsyria.records import ControlRecord, EventRecord


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
            chosen = (follows or same)[0]
            ordered.append(chosen)
            same.remove(chosen)
    return ordered


def _bound(event: EventRecord | None, prefix: str) -> dict[str, Any]:
    if event is None:
        return {prefix: None, f"{prefix}_latest": None, f"{prefix}_date": None}
    date = event["date"]
    return {
        prefix: date["earliest"],
        f"{prefix}_latest": date["latest"],
        f"{prefix}_date": date["text"],
    }


def periods(catalog: Catalog, place_id: str) -> list[dict[str, Any]]:
    """The periods of who held `place_id`, oldest first.

    A period starts with the event that began it; its start and end carry the uncertainty of
    those events' dates (`start`..`start_latest`). The first period, held since before the
    data begins, has start null; the current one has end null.
    """
    changes = changes_by_place(catalog).get(place_id, [])
    if not changes:
        return []
    result: list[dict[str, Any]] = []
    first = changes[0]

    def period(holder: str, begun: Change | None, ended: Change | None) -> dict[str, Any]:
        return {
            "holder": holder,
            "holder_name": catalog.holder_name(holder),
            "side": catalog.holder_side(holder),
            "extent": begun.change["extent"] if begun else "full",
            **_bound(begun.event if begun else None, "start"),
            **_bound(ended.event if ended else None, "end"),
            "event": begun.event["id"] if begun else None,
            "event_title": begun.event["title"] if begun else None,
            "note": begun.change["note"] if begun else None,
        }

    result.append(period(first.change["from"], None, first))
    for index, current in enumerate(changes):
        following = changes[index + 1] if index + 1 < len(changes) else None
        result.append(period(current.change["to"], current, following))
    return result


def place_control(catalog: Catalog, place_id: str) -> dict[str, Any]:
    place = catalog.places[place_id]
    return {
        "place": {
            "id": place["id"],
            "name": place["name"],
            "kind": place["kind"],
            "lat": place["lat"],
            "lon": place["lon"],
        },
        "periods": periods(catalog, place_id),
    }


def control_summary(catalog: Catalog) -> list[dict[str, Any]]:
    """Every place that changed hands: how often, and who held it last."""
    rows: list[dict[str, Any]] = []
    for place_id, changes in changes_by_place(catalog).items():
        last = changes[-1]
        rows.append(
            {
                "place": place_id,
                "place_name": catalog.places[place_id]["name"],
                "changes": len(changes),
                "last_holder": last.change["to"],
                "last_holder_name": catalog.holder_name(last.change["to"]),
                "last_extent": last.change["extent"],
                "since": last.event["date"]["earliest"],
                "since_date": last.event["date"]["text"],
                "event": last.event["id"],
            }
        )
    rows.sort(key=lambda row: (-row["changes"], row["place_name"]))
    return rows
