"""Filters over the events: what the user typed, checked against the catalog, then applied.

Each filter is declared once, in `filters.FILTERS`: its options, its check, its rule and
its selection. This module checks them all (`build_query`), keeps the events every asked-for
filter admits (`matches`, `run`), and asks the events source (`core.eventsource`) for no
more than the filters select. All filters combine with AND; repeated values of one filter
(two --place options) with OR.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from eastsyria.core.catalog import Catalog
from eastsyria.core.filters import FILTERS, Filters, date_bounds
from eastsyria.core.geo import Offset, nearest
from eastsyria.data.store import Selection, Store

if TYPE_CHECKING:
    from eastsyria.data.records import EventRecord

__all__ = ["Filters", "Query", "build_query", "date_bounds", "matches", "run", "select"]


@dataclass(frozen=True)
class Query:
    """Checked filters: the checked value of each filter asked for, by its name (`FILTERS`).

    "date" is (start, end, within) in ISO days; "place", "actor", "side", "type" and
    "campaign" sets of ids (places and actors with what they contain); "near" the --near
    place's id and the places within the radius; "text" the folded words; "limit",
    "reverse", "sort" (True: nearest first) and "disputed" as given."""

    checked: Mapping[str, Any] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Any:
        return self.checked.get(name)

    @property
    def limit(self) -> int | None:
        return self.checked.get("limit")

    @property
    def reverse(self) -> bool:
        return bool(self.checked.get("reverse"))

    @property
    def by_distance(self) -> bool:
        return bool(self.checked.get("sort"))

    @property
    def near(self) -> str | None:
        return self.checked["near"][0] if "near" in self.checked else None

    @property
    def near_places(self) -> frozenset[str]:
        return self.checked["near"][1] if "near" in self.checked else frozenset()


# The filters in the order their values are checked: of several bad values, the first is told.
_CHECK_ORDER = sorted(FILTERS, key=lambda f: f.checked_at)


def build_query(catalog: Catalog, filters: Filters) -> Query:
    """Check every filter against the catalog; raises InputError on the first bad value."""
    checked = {f.name: f.check(catalog, filters) for f in _CHECK_ORDER if f.check is not None}
    return Query({name: value for name, value in checked.items() if value is not None})


def place_notes(catalog: Catalog, filters: Filters) -> tuple[str, ...]:
    """What to tell on stderr before the answer: each --place name that fits several places,
    all of which the answer is for, and how to pick one."""
    from eastsyria.core.placenames import ambiguity_note

    notes = []
    for name in dict.fromkeys(filters.places):
        found = catalog.places_named(name)
        if len(found) > 1:
            notes.append(ambiguity_note("--place", name, found, catalog.place_labels))
    return tuple(notes)


def offset_of(catalog: Catalog, query: Query, event: EventRecord) -> Offset | None:
    """--near: where the event's place nearest the reference lies from it, among its places
    within the radius; None without --near."""
    if query.near is None:
        return None
    within = [p for p in event["places"] if p in query.near_places]
    covering = frozenset(p for p in within if query.near in catalog.places_within(p))
    return nearest(catalog.places, query.near, within, catalog.places_within(query.near), covering)


def _rules(query: Query) -> list[tuple[Any, Any]]:
    """The rule of each asked-for filter that has one, with its checked value."""
    return [
        (f.admits, query.checked[f.name])
        for f in FILTERS
        if f.admits is not None and f.name in query.checked
    ]


def matches(catalog: Catalog, query: Query, event: EventRecord) -> bool:
    return all(admits(catalog, value, event) for admits, value in _rules(query))


def run(catalog: Catalog, query: Query) -> list[EventRecord]:
    """The matching events in chronological order (earliest, latest, id), or nearest the
    --near place first (in that order on a tie); then reversed, then cut to --limit."""
    rules = _rules(query)

    def kept(event: EventRecord) -> bool:
        return all(admits(catalog, value, event) for admits, value in rules)

    if query.by_distance:
        found = [event for event in candidates(catalog, query) if kept(event)]
        distances = measure(catalog, query, found)
        found.sort(key=lambda e: _order(distances.get(e["id"])))
        if query.reverse:
            found.reverse()
        return found if query.limit is None else found[: query.limit]
    found = []
    limit = query.limit
    for event in candidates(catalog, query, reverse=query.reverse):
        if kept(event):
            found.append(event)
            if len(found) == limit:
                break
    return found


def candidates(catalog: Catalog, query: Query, *, reverse: bool = False) -> Iterable[EventRecord]:
    """The events that may match, chronological (or reversed): those the events source
    selects. `matches` has the last word on each, so the selection need only never leave
    out an event that matches."""
    return catalog.source.select(selection(catalog, query), reverse=reverse)


def selection(catalog: Catalog, query: Query) -> Selection:
    """What the events source can select of the query: every filter with a selection."""
    chosen = Selection()
    for f in FILTERS:
        if f.selects is not None and f.name in query.checked:
            chosen = chosen.narrowed(f.selects(catalog, query.checked[f.name]))
    return chosen


def counted_by_source(query: Query) -> bool:
    """Whether the source's own counts of its selection are the query's: no filter it cannot
    select (--text) and no cut that depends on order (--limit)."""
    return query.limit is None and all(
        f.selects is not None for f in FILTERS if f.admits is not None and f.name in query.checked
    )


def decided_by_source(query: Query) -> bool:
    """Whether the events the source selects are the answer itself, in its order: no filter
    it cannot select by (--text), nothing measured from a place (--near); --reverse and
    --limit it applies itself."""
    return query.near is None and all(
        f.selects is not None for f in FILTERS if f.admits is not None and f.name in query.checked
    )


def _viewed(catalog: Catalog) -> Store | None:
    """The store behind the catalog, if it keeps each event's view serialised."""
    source = catalog.source
    return source if isinstance(source, Store) and source.has_views else None


def stored_answer(
    catalog: Catalog, query: Query, *, lines: bool = False, rows: str | None = None
) -> Iterator[list[bytes]] | None:
    """The answer's views as the store keeps them serialised (as JSON array items, with
    `lines` as JSON Lines, with `rows` 'csv' or 'tsv' as rows of CSV or lines of TSV), a
    batch at a time, where the store decides the whole query (`decided_by_source`) and
    keeps that form; else None."""
    store = _viewed(catalog)
    if store is None or not decided_by_source(query) or not {rows} <= {None, *store.kept_rows}:
        return None
    limit = -1 if query.limit is None else query.limit
    chosen = selection(catalog, query)
    return store.serialised(chosen, lines=lines, rows=rows, reverse=query.reverse, limit=limit)


def checked_serialised(
    catalog: Catalog, query: Query
) -> Iterator[tuple[EventRecord, bytes, bytes]] | None:
    """`run` through a store that keeps the views serialised, each kept event with its view
    (as a JSON array item and a line), one at a time; None without such a store, or with
    --near (its views tell where each event lies)."""
    store = _viewed(catalog)
    if store is None or query.near is not None:
        return None
    rules = _rules(query)

    def answer(found: Iterator[tuple[EventRecord, bytes, bytes]]) -> Iterator[Any]:
        left = query.limit
        for event, item, line in found:
            if left == 0:
                return
            if all(admits(catalog, value, event) for admits, value in rules):
                yield event, item, line
                left = None if left is None else left - 1

    return answer(store.select_serialised(selection(catalog, query), reverse=query.reverse))


def select(catalog: Catalog, filters: Filters) -> list[EventRecord]:
    """The events matching the filters as typed; raises InputError on the first bad value."""
    return run(catalog, build_query(catalog, filters))


def select_located(
    catalog: Catalog, filters: Filters
) -> tuple[list[EventRecord], dict[str, Offset]]:
    """`select`, and with --near where each event lies from the place (`measure`), the
    filters checked once."""
    query = build_query(catalog, filters)
    found = run(catalog, query)
    return found, measure(catalog, query, found)


def _order(found: Offset | None) -> tuple[int, float]:
    return (0, 0.0) if found is None else found.order


def measure(catalog: Catalog, query: Query, events: list[EventRecord]) -> dict[str, Offset]:
    """--near: each event's offset from the reference place, by event id; empty without it."""
    if query.near is None:
        return {}
    offsets = ((event["id"], offset_of(catalog, query, event)) for event in events)
    return {event_id: found for event_id, found in offsets if found is not None}


def no_match_notes(catalog: Catalog, filters: Filters) -> tuple[str, ...]:
    """What to say when nothing matches: that, and where an asked-for actor does appear.

    IRGC and Soleimani are in the infoboxes' units and commanders but in no event, so
    `--actor Iran` finds no event; the reader is pointed at the campaigns that list them.
    """
    notes = ["no events match these filters"]
    for name in filters.actors:
        wanted = catalog.actors_within(catalog.resolve_actor(name))
        if next(iter(candidates(catalog, Query({"actor": wanted}))), None) is not None:
            continue
        listing: dict[str, list[str]] = {}
        for campaign in catalog.campaigns.values():
            named = [*campaign["units"], *(c["actor"] for c in campaign["commanders"])]
            for actor in named:
                if actor in wanted:
                    listing.setdefault(catalog.actors[actor]["name"], []).append(campaign["name"])
        if listing:
            where = " and ".join(dict.fromkeys(c for cs in listing.values() for c in cs))
            notes.append(
                f"no event names {name!r} or what belongs to it; the infoboxes of {where} "
                f"list {', '.join(listing)} (see: eastsyria campaigns)"
            )
    return tuple(notes)
