"""What `reconcile` and `brief` read of a large file's events, from its store's indexes,
without a record decoded: for `reconcile` each selected event's id, dates, type, places and
sides, and its title; for `brief` what ranks it (`stored_ranks`).

The rows are those `core.reconcile.sketch` makes of the records: places sorted, each once;
the sides of all the event's actors (the store's `event_sides`), each once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from eastsyria.data.store import Selection, Store

SketchRow = tuple[str, str, str, str, tuple[str, ...], frozenset[str]]


def stored_sketches(store: Store, selection: Selection) -> tuple[list[SketchRow], dict[str, str]]:
    """(each selected event's sketch, in chronological order; each one's title, by id)."""
    condition, parameters = selection.where()
    where = "" if condition == "1" else f"WHERE {condition}"
    inside = "" if condition == "1" else f"WHERE event IN (SELECT n FROM events {where})"  # noqa: S608
    connection = store.connection
    places: dict[int, set[str]] = {}
    for event, place in connection.execute(
        f"SELECT event, place FROM event_places {inside}",  # noqa: S608 - our own words
        parameters,
    ):
        places.setdefault(event, set()).add(place)
    sides: dict[int, set[str]] = {}
    for event, side in connection.execute(
        f"SELECT event, side FROM event_sides {inside}",  # noqa: S608 - our own words
        parameters,
    ):
        if side:
            sides.setdefault(event, set()).add(side)
    rows: list[SketchRow] = []
    titles: dict[str, str] = {}
    empty: frozenset[str] = frozenset()
    for n, event_id, earliest, latest, kind, title in connection.execute(
        "SELECT n, id, earliest, latest, type, json_extract(body, '$.title') "  # noqa: S608
        f"FROM events {where} ORDER BY n",
        parameters,
    ):
        rows.append(
            (
                event_id,
                earliest,
                latest,
                kind,
                tuple(sorted(places.get(n, ()))),
                frozenset(sides[n]) if n in sides else empty,
            )
        )
        titles[event_id] = title
    return rows, titles


# id, earliest, latest, whether it changes who holds a place, whether it has casualty claims.
RankRow = tuple[str, str, str, bool, bool]


def stored_ranks(store: Store, selection: Selection) -> list[RankRow]:
    """What `brief` ranks each selected event by, from the events' own columns."""
    condition, parameters = selection.where()
    where = "" if condition == "1" else f"WHERE {condition}"
    sql = f"SELECT id, earliest, latest, control, casualties FROM events {where} ORDER BY n"  # noqa: S608
    return [
        (event_id, earliest, latest, bool(control), bool(casualties))
        for event_id, earliest, latest, control, casualties in store.connection.execute(
            sql, parameters
        )
    ]
