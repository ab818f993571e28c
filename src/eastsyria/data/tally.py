"""Which events a store holds, and counts of them made by the database.

`Selection` is what the store's indexes can tell of a query (the query core has the last
word on each event). The counts are those `stats` and a summarised timeline show, made
without reading a single event's record: by day, by type, by place and by side, each with
the key that orders ties as the query core does (the first event in chronological order that
has it, and its position in that event's list).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from eastsyria.data.store import Store

# An event's place in chronological order as text, to take the least of: ISO days are of
# one width, and an id has no space, so the text sorts as (earliest, latest, id) does.
_CHRONOLOGICAL = "e.earliest || ' ' || e.latest || ' ' || e.id"


@dataclass(frozen=True)
class Selection:
    """The events whose dates overlap (or, `within`, lie inside) start..end and that name
    one of each set of places and actors, of these types, campaigns and ids (None: any)."""

    start: str | None = None
    end: str | None = None
    within: bool = False
    place_sets: tuple[frozenset[str], ...] = ()
    actor_sets: tuple[frozenset[str], ...] = ()
    types: frozenset[str] | None = None
    campaigns: frozenset[str] | None = None
    ids: frozenset[str] | None = None

    def where(self, table: str = "") -> tuple[str, list[Any]]:
        """The SQL condition on the events table (named `table`, as 'e.'), its parameters.

        Only this module's own words go into the SQL: every value is a parameter."""
        where: list[str] = []
        parameters: list[Any] = []
        if self.start is not None:
            where.append(f"{table}earliest >= ?" if self.within else f"{table}latest >= ?")
            parameters.append(self.start)
        if self.end is not None:
            where.append(f"{table}latest <= ?" if self.within else f"{table}earliest <= ?")
            parameters.append(self.end)
        for links, column, sets in (
            ("event_places", "place", self.place_sets),
            ("event_actors", "actor", self.actor_sets),
        ):
            for allowed in sets:
                where.append(
                    f"{table}n IN (SELECT event FROM {links} WHERE {column} IN "  # noqa: S608
                    "(SELECT value FROM json_each(?)))"
                )
                parameters.append(_listed(allowed))
        for column, values in (("type", self.types), ("campaign", self.campaigns)):
            if values is not None:
                where.append(f"{table}{column} IN (SELECT value FROM json_each(?))")  # noqa: S608
                parameters.append(_listed(values))
        if self.ids is not None:
            where.append(f"{table}id IN (SELECT value FROM json_each(?))")  # noqa: S608
            parameters.append(_listed(self.ids))
        return (" AND ".join(where) or "1"), parameters


def _listed(values: Iterable[str]) -> str:
    return json.dumps(sorted(values))


def count(store: Store, selection: Selection) -> int:
    condition, parameters = selection.where()
    sql = f"SELECT count(*) FROM events WHERE {condition}"  # noqa: S608
    return int(store.connection.execute(sql, parameters).fetchone()[0])


def by_day(store: Store, selection: Selection) -> list[tuple[str, int]]:
    """The events by their earliest possible day, in order of the day."""
    condition, parameters = selection.where()
    sql = f"SELECT earliest, count(*) FROM events WHERE {condition} GROUP BY earliest"  # noqa: S608
    return [(day, n) for day, n in store.connection.execute(sql, parameters)]


def by_type(store: Store, selection: Selection) -> list[tuple[str, int, str]]:
    """(type, events, the first event's key) for each type."""
    condition, parameters = selection.where("e.")
    sql = (
        f"SELECT e.type, count(*), min({_CHRONOLOGICAL}) FROM events AS e "  # noqa: S608
        f"WHERE {condition} GROUP BY e.type"
    )
    return [tuple(row) for row in store.connection.execute(sql, parameters)]


def by_place(store: Store, selection: Selection) -> list[tuple[str, int, str]]:
    """(place, events naming it, the first naming event's key and the place's position)."""
    condition, parameters = selection.where("e.")
    sql = (
        f"SELECT p.place, count(*), min({_CHRONOLOGICAL} || printf(' %012d', p.rowid)) "  # noqa: S608
        f"FROM event_places AS p JOIN events AS e ON e.n = p.event "
        f"WHERE {condition} GROUP BY p.place"
    )
    return [tuple(row) for row in store.connection.execute(sql, parameters)]


def by_side(
    store: Store, selection: Selection, sides: dict[str, str]
) -> list[tuple[str, int, str]]:
    """(side, events with an actor of it, the first such event's key and actor position);
    `sides` gives each actor's side."""
    condition, parameters = selection.where("e.")
    sql = (
        f"SELECT s.value, count(DISTINCT a.event), "  # noqa: S608
        f"min({_CHRONOLOGICAL} || printf(' %012d', a.rowid)) "
        f"FROM event_actors AS a JOIN json_each(?) AS s ON s.key = a.actor "
        f"JOIN events AS e ON e.n = a.event WHERE {condition} GROUP BY s.value"
    )
    rows = store.connection.execute(sql, [json.dumps(sides), *parameters])
    return [tuple(row) for row in rows]
