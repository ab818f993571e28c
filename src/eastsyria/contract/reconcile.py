"""`reconcile`'s rows: one documented, flat object per match or event only one file has.

Flat on purpose (every value a string, a number, null, or `reasons`, a list of strings that
CSV joins with '; '), so CSV carries the same contract as JSON. Field names and their order
are pinned by tests/test_contract.py; add fields at the end.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from eastsyria.core.catalog import Catalog
    from eastsyria.core.reconcile import Match, Reconciled, Sketch
    from eastsyria.data.records import EventRecord

RECONCILE_FIELDS: tuple[str, ...] = (
    "status",
    "score",
    "data_id",
    "data_start",
    "data_end",
    "data_type",
    "data_title",
    "against_id",
    "against_start",
    "against_end",
    "against_type",
    "against_title",
    "distance_km",
    "allowed_km",
    "dates",
    "days_apart",
    "data_killed",
    "against_killed",
    "fatalities",
    "data_held",
    "against_held",
    "held_after",
    "types",
    "reasons",
)
# A TSV line when piped: what matched and the verdicts.
RECONCILE_PIPED_FIELDS: tuple[str, ...] = (
    "status",
    "score",
    "data_id",
    "against_id",
    "dates",
    "fatalities",
    "held_after",
    "types",
)
# A Markdown table: the same, with the titles.
RECONCILE_BRIEF_FIELDS: tuple[str, ...] = (
    "status",
    "score",
    "data_id",
    "data_title",
    "against_id",
    "against_title",
    "dates",
    "fatalities",
    "held_after",
)
# What --show keeps: the matches, the events only one file has, or both.
STATUSES = ("match", "only-data", "only-against")


def _side(prefix: str, item: Sketch | None, title: str | None) -> dict[str, Any]:
    if item is None:
        return dict.fromkeys(
            (f"{prefix}_{name}" for name in ("id", "start", "end", "type", "title")), None
        )
    return {
        f"{prefix}_id": item.id,
        f"{prefix}_start": item.earliest,
        f"{prefix}_end": item.latest,
        f"{prefix}_type": item.type,
        f"{prefix}_title": title,
    }


_NO_ASPECTS: dict[str, Any] = {
    "distance_km": None,
    "allowed_km": None,
    "dates": None,
    "days_apart": None,
    "data_killed": None,
    "against_killed": None,
    "fatalities": None,
    "data_held": None,
    "against_held": None,
    "held_after": None,
    "types": None,
    "reasons": [],
}


def only_row(status: str, item: Sketch, title: str | None) -> dict[str, Any]:
    """The row of an event only one file has (`status` only-data or only-against)."""
    mine = "data" if status == "only-data" else "against"
    other = "against" if mine == "data" else "data"
    sides = {**_side(mine, item, title), **_side(other, None, None)}
    row: dict[str, Any] = {"status": status, "score": None}
    row.update({name: sides[name] for name in RECONCILE_FIELDS if name in sides})
    row.update(_NO_ASPECTS)
    return {name: row[name] for name in RECONCILE_FIELDS}


def match_row(
    catalogs: tuple[Catalog, Catalog],
    match: Match,
    records: tuple[EventRecord, EventRecord],
) -> dict[str, Any]:
    """The row of a match: both events, the verdict on each aspect, the reasons."""
    from eastsyria.core.reconcile import (
        dates_verdict,
        figures_verdict,
        held_after,
        held_verdict,
        killed,
        types_verdict,
    )

    data_catalog, against_catalog = catalogs
    data_event, against_event = records
    dates, apart = dates_verdict(match.data, match.against)
    data_killed = killed(data_catalog, data_event)
    against_killed = killed(against_catalog, against_event)
    data_held = held_after(data_catalog, data_event)
    against_held = held_after(against_catalog, against_event)
    row: dict[str, Any] = {"status": "match", "score": match.score}
    row.update(_side("data", match.data, data_event["title"]))
    row.update(_side("against", match.against, against_event["title"]))
    row.update(
        {
            "distance_km": round(match.places[2], 1),
            "allowed_km": round(match.places[3], 1),
            "dates": dates,
            "days_apart": apart,
            "data_killed": data_killed.text if data_killed else None,
            "against_killed": against_killed.text if against_killed else None,
            "fatalities": figures_verdict(data_killed, against_killed),
            "data_held": ", ".join(data_held) or None,
            "against_held": ", ".join(against_held) or None,
            "held_after": held_verdict(data_held, against_held),
            "types": types_verdict(match.data.type, match.against.type),
            "reasons": list(match.reasons),
        }
    )
    return {name: row[name] for name in RECONCILE_FIELDS}


_RECORDS_AT_ONCE = 5000


def reconcile_rows(
    catalogs: tuple[Catalog, Catalog],
    found: Reconciled,
    titles: tuple[Mapping[str, str], Mapping[str, str]],
    records: Callable[[list[str], list[str]], tuple[Mapping[str, Any], Mapping[str, Any]]],
    show: str,
) -> list[dict[str, Any]]:
    """The rows of a reconciliation (`core.reconcile.Reconciled`): its matches, in the data
    file's order, then the events only the data file has, then those only the other has;
    `show` keeps `matches`, `only` or `all`. `records` reads the matched events' records
    (by id, of each file); `titles` gives the only-in events' titles."""
    rows: list[dict[str, Any]] = []
    if show in ("matches", "all"):
        # A batch of records at a time: of a million events, the matched ones read at once
        # were most of the memory.
        for start in range(0, len(found.matches), _RECORDS_AT_ONCE):
            batch = found.matches[start : start + _RECORDS_AT_ONCE]
            data, against = records([m.data.id for m in batch], [m.against.id for m in batch])
            rows += [
                match_row(catalogs, m, (data[m.data.id], against[m.against.id])) for m in batch
            ]
    if show in ("only", "all"):
        rows += [only_row("only-data", s, titles[0].get(s.id)) for s in found.only_data]
        rows += [only_row("only-against", s, titles[1].get(s.id)) for s in found.only_against]
    return rows
