"""The indexed store of a large data file: SQLite, built while the file is validated.

A query reads only what it returns: the events' index columns (dates, type, campaign) and
their places and actors are indexed, and each event's validated record is kept as JSON (a
format DuckDB or PostgreSQL read as they are). Everything but the events (sources, sides,
places, actors, campaigns, disputes, lines: hundreds of items, not millions) is one JSON
record in `meta`, loaded whole. Building validates the file in a stream (`stream`) in
bounded memory: one chunk of the file and one event at a time, the rest in the database.

The file is written once, under a temporary name that is renamed into place, and never
changed after: readers open it read-only and immutable. Where it lives and when it is
trusted is `stores`.

`Selection` is what the store's indexes can tell of a query (the query core has the last
word on each event). The store's counts (`count`, `by_day`, `ranked`) are those `stats` and
a summarised timeline show, made from indexes without reading a single event's record, ties
ordered as the query core orders them (the first event in chronological order that has the
key, then its position in that event's list).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, cast

from eastsyria.data.codes import SHORTEST, short_ids, shortest_code
from eastsyria.errors import EastsyriaError

if TYPE_CHECKING:
    import sqlite3

    from eastsyria.data.records import DatasetRecord, EventRecord

# 3: events with their index columns and JSON record; places and actors by event; meta.
# 4: the records gained fields (control `from_part` and `basis`, casualty `claimant`...).
# 5: a record that may hold an integer beyond 64 bits is marked (`_EXACT`).
# 6: events numbered in chronological order; each event's view kept serialised (`views`).
# 7: each casualty claim of an event in a table of its own (`claims`), and each event's
#    view as its row of CSV and its line of TSV (`csv_rows`, `tsv_rows`).
# 8: each kept column of an imported row, folded, in a table of its own (`event_fields`).
STORE_FORMAT = "8"


class StoreUnavailable(EastsyriaError):
    """No store could be written (a full disk, a quota, a read-only folder, any error of
    SQLite's or of a process checking a share): the whole file answers instead."""


def remove(path: Path) -> None:
    """Remove a file a build made, if it is there. Never an error: on a read-only file system
    even a file that is not there cannot be removed (EROFS), and tidying up must not hide
    what made the build fail."""
    with contextlib.suppress(OSError):
        path.unlink()


def why(exc: BaseException) -> str:
    """What stopped a store being written, in a few words."""
    import sqlite3

    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    if isinstance(exc, MemoryError):
        return "out of memory"
    if isinstance(exc, EastsyriaError):
        return exc.message
    if isinstance(exc, sqlite3.Error):
        return str(exc) or type(exc).__name__  # "database or disk is full"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE events (
    n INTEGER PRIMARY KEY,      -- the event's place in chronological order (earliest, latest,
                                -- id); while the file is read, its index in the file
    id TEXT NOT NULL,
    code TEXT NOT NULL,         -- the id's shortest code (`codes`), shared by a few
    earliest TEXT NOT NULL,     -- ISO days: the span the event may lie in
    latest TEXT NOT NULL,
    type TEXT NOT NULL,
    campaign TEXT NOT NULL,
    control INTEGER NOT NULL,   -- 1 when the event changes who holds a place
    casualties INTEGER NOT NULL, -- 1 when it carries a casualty claim
    body TEXT NOT NULL          -- the validated record, JSON
);
CREATE TABLE event_places (place TEXT NOT NULL, event INTEGER NOT NULL);
CREATE TABLE event_actors (actor TEXT NOT NULL, event INTEGER NOT NULL);
CREATE TABLE event_sides (side TEXT, event INTEGER NOT NULL);  -- once per side of its actors
CREATE TABLE views (          -- each event's documented view, serialised (`serialised`):
    n INTEGER PRIMARY KEY,      -- the event's n
    json BLOB NOT NULL          -- as an item of an indented JSON array
);
CREATE TABLE lines (n INTEGER PRIMARY KEY, line BLOB NOT NULL);  -- as a line of JSON Lines
CREATE TABLE csv_rows (n INTEGER PRIMARY KEY, csv BLOB NOT NULL);  -- as a row of CSV
CREATE TABLE tsv_rows (n INTEGER PRIMARY KEY, tsv BLOB NOT NULL);  -- as a line of TSV
CREATE TABLE claims (         -- each casualty claim of an event, in the order of its event's
    n INTEGER NOT NULL,         -- the event's n
    event TEXT NOT NULL,        -- and its id: grouping reads it, and no event's row is read
    party TEXT NOT NULL,
    kind TEXT NOT NULL,
    subgroup TEXT,
    earliest TEXT NOT NULL,     -- the days it covers: its period's, else its event's
    latest TEXT NOT NULL,
    claimed_by TEXT,
    claimant TEXT,
    article TEXT NOT NULL,      -- the article its source cites
    piped TEXT NOT NULL         -- its line of `casualties` in TSV, after its group's number
);
CREATE TABLE event_fields (   -- each kept column of an imported row (`--where`), by its
    field TEXT NOT NULL,        -- name, and its value folded (`vocab.kept_parts`: the whole
    value TEXT NOT NULL,        -- value and each part between semicolons)
    event INTEGER NOT NULL      -- the event's n
);
"""
# Made once every row is in: an index built over sorted input is several times faster
# than one kept up to date row by row.
_INDEXES = """
CREATE UNIQUE INDEX events_id ON events (id);
CREATE INDEX events_latest ON events (latest);
CREATE INDEX events_control ON events (control) WHERE control;
CREATE INDEX events_casualties ON events (earliest) WHERE casualties;
CREATE INDEX places_events ON event_places (place, event);
CREATE INDEX actors_events ON event_actors (actor, event);
CREATE INDEX events_code ON events (code);
CREATE INDEX sides_events ON event_sides (side, event);
-- What `stats` counts every event by, each read from its own index rather than the records.
CREATE INDEX events_type ON events (type);
CREATE INDEX events_earliest ON events (earliest);
CREATE INDEX claims_events ON claims (n);
CREATE INDEX claims_parties ON claims (party, n);
CREATE INDEX fields_events ON event_fields (field, value, event);
"""
# A file's events as they were read (`Writer.index`): their ids to check, and their order to
# number them by (`Writer.chronological`).
_READ_INDEXES = """
CREATE UNIQUE INDEX events_id ON events (id);
CREATE INDEX events_order ON events (earliest, latest, id);
"""
# What is kept of each event's view, in the order `Writer.add_numbered` takes it; each table
# is known in a query by its first letter (`Store._selected`).
_KEPT_TABLES = ("views", "lines", "csv_rows", "tsv_rows")
_ROW_COLUMNS = {"csv": "c.csv", "tsv": "t.tsv"}
_Value = TypeVar("_Value")
# A store's events are numbered in this order: reading them by `n` needs no sort.
_ORDER = "ORDER BY n"
_ORDER_REVERSED = "ORDER BY n DESC"
_COLUMNS = "n, id, code, earliest, latest, type, campaign, control, casualties, body"
_BATCH = 5000
# A naming of a place or actor by an event, ordered as the events are, then as the event's
# own list (the rows of one event's namings are in its order), as one integer: its event's
# number and its row (of event_places or event_actors, `{0}` their alias).
_NAMING = "{0}event * 4294967296 + {0}rowid"
# orjson, which reads the records, reads an integer beyond 64 bits as a float (2**64 as
# 1.8446744073709552e+19). A record with a run of 19 digits or more (in a number, or in a
# text: then needlessly) is kept with a leading space, which JSON ignores, and read by the
# standard library's decoder, which keeps every integer exact. Found by turning every digit
# into '0' and everything else into a space (a tenth of a regular expression's time).
_DIGITS_ONLY = bytes(0x30 if 0x30 <= byte <= 0x39 else 0x20 for byte in range(256))
_WIDE = b"0" * 19
_EXACT = " "


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
    # Kept columns of imported rows (`--where`): each field with the folded values it may have.
    kept: tuple[tuple[str, frozenset[str]], ...] = ()

    def narrowed(self, other: Selection) -> Selection:
        """The events both select."""

        def both(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
            return b if a is None else a if b is None else a & b

        return Selection(
            start=other.start if self.start is None else self.start,
            end=other.end if self.end is None else self.end,
            within=self.within or other.within,
            place_sets=(*self.place_sets, *other.place_sets),
            actor_sets=(*self.actor_sets, *other.actor_sets),
            types=both(self.types, other.types),
            campaigns=both(self.campaigns, other.campaigns),
            ids=both(self.ids, other.ids),
            kept=(*self.kept, *other.kept),
        )

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
        for field, values in self.kept:
            where.append(
                f"{table}n IN (SELECT event FROM event_fields WHERE field = ? AND value IN "  # noqa: S608
                "(SELECT value FROM json_each(?)))"
            )
            parameters.extend((field, _listed(values)))
        return (" AND ".join(where) or "1"), parameters


def _listed(values: Iterable[str]) -> str:
    return json.dumps(sorted(values))


class Rendered(NamedTuple):
    """What a store keeps of a batch of events besides their records (`storebuild.Renderer`
    makes it): each event's view serialised, in the order of `_KEPT_TABLES` (an item of an
    indented JSON array, a line of JSON Lines, and where given a row of CSV and a line of
    TSV: `output.machine.kept_forms`), and its casualty figures, each as the columns of the
    `claims` table after `n` (`contract.claims.stored_claims`)."""

    views: tuple[Sequence[bytes], ...]
    claims: Sequence[Sequence[tuple[Any, ...]]]


class Writer:
    """Rows of a store being built, written in batches inside one transaction."""

    def __init__(self, path: Path) -> None:
        """A new store at `path`, which must not exist: made here, 0600 as the cache's
        files are (SQLite would make it as the umask says)."""
        import sqlite3

        self.path = path
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
        flags |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        os.close(os.open(path, flags, 0o600))
        self.connection = sqlite3.connect(path, isolation_level=None)
        for pragma in (
            "page_size = 8192",  # rows of ~700 bytes: fewer pages, a shallower tree
            "journal_mode = OFF",  # a new file, renamed into place only when whole
            "synchronous = OFF",
            "locking_mode = EXCLUSIVE",
            "cache_size = -262144",  # 256 MiB
            "temp_store = MEMORY",  # the sorts that build the indexes
            "threads = 4",  # ... and on several cores
        ):
            self.connection.execute(f"PRAGMA {pragma}")
        self.connection.executescript(_TABLES)
        self.connection.execute("BEGIN")
        self.events: list[tuple[Any, ...]] = []
        self.places: list[tuple[str, int]] = []
        self.actors: list[tuple[str, int]] = []

    def add(
        self,
        index: int,
        columns: tuple[str, str, str, str, str, bool, bool],
        links: tuple[Iterable[str], Iterable[str]],
        body: str,
    ) -> None:
        """Event `index` of the file: (id, earliest, latest, type, campaign, whether it
        changes control, whether it has casualty claims), (its places, its actors), its
        record as JSON."""
        places, actors = links
        if may_hold_wide_integer(body.encode("utf-8", "surrogatepass")):
            body = _EXACT + body
        flags = (1 if columns[5] else 0, 1 if columns[6] else 0)
        code = shortest_code(columns[0])
        self.events.append((index, columns[0], code, *columns[1:5], *flags, body))
        self.places.extend((place, index) for place in dict.fromkeys(places))
        self.actors.extend((actor, index) for actor in dict.fromkeys(actors))
        if len(self.events) >= _BATCH:
            self.flush()

    def flush(self) -> None:
        execute = self.connection.executemany
        execute("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", self.events)
        execute("INSERT INTO event_places VALUES (?, ?)", self.places)
        execute("INSERT INTO event_actors VALUES (?, ?)", self.actors)
        self.events, self.places, self.actors = [], [], []

    def commit(self) -> None:
        self.flush()
        self.connection.execute("COMMIT")

    def clear(self) -> None:
        """Forget every event written (the file gives its events again: the last count)."""
        self.events, self.places, self.actors = [], [], []
        for table in ("events", "event_places", "event_actors"):
            self.connection.execute(f"DELETE FROM {table}")  # noqa: S608 - our own names

    def absorb(self, shard: Path) -> None:
        """Copy the rows of another writer's finished store (a share of the events)."""
        self.commit()
        connection = self.connection
        connection.execute("ATTACH DATABASE ? AS shard", (str(shard),))
        for table in ("events", "event_places", "event_actors", *_KEPT_TABLES, "claims"):
            connection.execute(f"INSERT INTO main.{table} SELECT * FROM shard.{table}")  # noqa: S608
        connection.execute("DETACH DATABASE shard")
        connection.execute("BEGIN")

    def duplicate_ids(self, limit: int = 100) -> list[tuple[str, list[int]]]:
        """Ids given to more than one event, with the events' indexes in the file."""
        self.flush()
        rows = self.connection.execute(
            "SELECT id, group_concat(n) FROM events GROUP BY id HAVING count(*) > 1 "
            "ORDER BY min(n) LIMIT ?",
            (limit,),
        )
        return [(event_id, [int(n) for n in numbers.split(",")]) for event_id, numbers in rows]

    def has_event(self, event_id: str) -> bool:
        self.flush()
        found = self.connection.execute("SELECT 1 FROM events WHERE id = ?", (event_id,))
        return found.fetchone() is not None

    def bodies(self) -> Iterator[tuple[int, str]]:
        self.flush()
        yield from self.connection.execute("SELECT n, body FROM events ORDER BY n")

    def index(self, *, unique: bool = True) -> None:
        """Index what was read: its ids must be unique (`duplicate_ids`), unless only to
        look them up in a store that will not be kept; and their chronological order, to
        number them by (`chronological`)."""
        self.flush()
        connection = self.connection
        connection.execute("COMMIT")
        if unique:
            connection.executescript(_READ_INDEXES)
        else:
            connection.execute("CREATE INDEX events_id ON events (id)")

    def chronological(self, start: int = 0, stop: int = -1) -> Iterator[tuple[Any, ...]]:
        """The events read (`index`), from the `start`th to before the `stop`th (-1: to the
        end) in chronological order: each as a row of the events table (`_COLUMNS`)."""
        return chronological(self.connection, start, stop)

    def add_numbered(self, rows: Sequence[tuple[Any, ...]], kept: Rendered | None) -> None:
        """Events as rows of the events table, numbered in chronological order, and (unless
        None) what is kept of each (`Rendered`): a store written in order."""
        execute = self.connection.executemany
        execute("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        if kept is None:
            return
        numbers = [row[0] for row in rows]
        for table, forms in zip(_KEPT_TABLES, kept.views, strict=False):
            execute(f"INSERT INTO {table} VALUES (?, ?)", zip(numbers, forms, strict=True))  # noqa: S608
        execute(
            "INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (number, *claim)
                for number, claims in zip(numbers, kept.claims, strict=True)
                for claim in claims
            ),
        )

    def number_links(self, read: Writer, sides: Mapping[str, str | None]) -> None:
        """The places and actors of `read`'s events, under their chronological numbers, and
        the sides of their actors (`sides`: each actor's)."""
        connection = self.connection
        connection.execute("COMMIT")
        connection.execute("ATTACH DATABASE ? AS read", (str(read.path),))
        connection.execute("BEGIN")
        connection.execute("CREATE TEMP TABLE numbers (read INTEGER PRIMARY KEY, n INTEGER)")
        connection.execute(
            "INSERT INTO numbers SELECT n, row_number() OVER (ORDER BY earliest, latest, id) - 1 "
            "FROM read.events ORDER BY n"
        )
        for table, key in (("event_places", "place"), ("event_actors", "actor")):
            connection.execute(
                f"INSERT INTO main.{table} SELECT r.{key}, x.n FROM read.{table} AS r "  # noqa: S608 - our own names
                "JOIN numbers AS x ON x.read = r.event ORDER BY r.rowid"
            )
        connection.execute("DROP TABLE numbers")
        connection.execute(
            "INSERT INTO main.event_sides SELECT DISTINCT s.value, a.event "
            "FROM main.event_actors AS a JOIN json_each(?) AS s ON s.key = a.actor",
            (json.dumps(dict(sides)),),
        )
        connection.execute("COMMIT")
        connection.execute("DETACH DATABASE read")
        connection.execute("BEGIN")

    def index_numbered(self) -> None:
        """Index a store written in order (`add_numbered`, `number_links`), with the kept
        columns of its imported rows (`event_fields`)."""
        self._kept_fields()
        self.connection.execute("COMMIT")
        self.connection.executescript(_INDEXES)

    def _kept_fields(self) -> None:
        from eastsyria.data.vocab import kept_parts

        rows = self.connection.execute(_KEPT_FIELDS)
        self.connection.executemany(
            "INSERT INTO event_fields VALUES (?, ?, ?)",
            (
                (field, part, n)
                for field, value, n in rows
                if value is not None
                for part in kept_parts(value)
            ),
        )

    def finish(self, record: DatasetRecord) -> None:
        """Keep the dataset's other collections, and counts of what names what."""
        connection = self.connection
        counts = {
            "places": dict(connection.execute(_COUNT.format(table="event_places", key="place"))),
            "actors": dict(connection.execute(_COUNT.format(table="event_actors", key="actor"))),
            "campaigns": dict(connection.execute(_COUNT.format(table="events", key="campaign"))),
        }
        total = connection.execute("SELECT count(*) FROM events").fetchone()[0]
        rest = {key: value for key, value in record.items() if key != "events"}
        meta = {
            "record": rest,
            "counts": counts,
            "events": total,
            "fields": kept_counts(connection),
        }
        for table, form in zip(_KEPT_TABLES, ("views", "lines", "csv", "tsv"), strict=True):
            kept = connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
            meta[form] = kept == total
        connection.execute("INSERT INTO meta VALUES ('dataset', ?)", (json.dumps(meta),))
        connection.execute("PRAGMA optimize")

    def set_fingerprint(self, fingerprint: str) -> None:
        self.connection.execute("INSERT INTO meta VALUES ('fingerprint', ?)", (fingerprint,))

    def close(self) -> None:
        self.connection.close()


_COUNT = "SELECT {key}, count(*) FROM {table} GROUP BY {key}"
# Each kept column of each imported event, as given: (field, value, event's n).
_KEPT_FIELDS = (
    "SELECT f.key, f.value, e.n FROM events AS e, json_each(e.body, '$.dataset.fields') AS f "
    "WHERE json_type(e.body, '$.dataset.fields') = 'object'"
)
# The values a TAB offers of each kept column (as `cache.kept_values` counts them).
KEPT_VALUES_OFFERED = 500


def kept_counts(connection: sqlite3.Connection) -> dict[str, dict[str, int]]:
    """How many events give each value of each kept column, as text, the most common
    `KEPT_VALUES_OFFERED` of each: what a TAB offers for `--where FIELD=`."""
    counted: dict[str, dict[str, int]] = {}
    rows = connection.execute(
        f"SELECT key, CAST(value AS TEXT), count(*) AS c FROM ({_KEPT_FIELDS}) "  # noqa: S608
        "WHERE value IS NOT NULL GROUP BY 1, 2 ORDER BY 1, c DESC, 2"
    )
    for field, value, count in rows:
        values = counted.setdefault(field, {})
        if len(values) < KEPT_VALUES_OFFERED:
            values[value] = count
    return counted


_TITLES = (
    "SELECT id, json_extract(body, '$.title') FROM events "
    "WHERE id >= ? AND substr(id, 1, length(?)) = ? ORDER BY id LIMIT ?"
)
_TITLES_BELOW = (
    "SELECT id, json_extract(body, '$.title') FROM events "
    "WHERE id >= ? AND id < ? AND substr(id, 1, length(?)) = ? ORDER BY id LIMIT ?"
)


def chronological(
    connection: sqlite3.Connection, start: int = 0, stop: int = -1
) -> Iterator[tuple[Any, ...]]:
    """`Writer.chronological` through any connection to the file being read."""
    return connection.execute(
        f"SELECT {_COLUMNS} FROM events ORDER BY earliest, latest, id LIMIT ? OFFSET ?",  # noqa: S608
        (-1 if stop < 0 else stop - start, start),
    )


def may_hold_wide_integer(json_text: bytes) -> bool:
    """Whether JSON text has a run of 19 digits or more: an integer orjson may not read
    exactly (`_EXACT`)."""
    return _WIDE in json_text.translate(_DIGITS_ONLY)


def record_of(body: str) -> EventRecord:
    """An event's record from its JSON in the store."""
    import orjson

    return cast("EventRecord", json.loads(body) if body[0] == _EXACT else orjson.loads(body))


class Store:
    """A built store, open read-only: the dataset's collections and its events on demand."""

    def __init__(self, connection: sqlite3.Connection, keep_open: Any = None) -> None:
        self.connection = connection
        self._keep_open = keep_open  # the descriptor the connection was opened through
        row = connection.execute("SELECT value FROM meta WHERE key = 'dataset'").fetchone()
        meta = json.loads(row[0])
        self.record = cast("DatasetRecord", {**meta["record"], "events": []})
        self.counts: dict[str, dict[str, int]] = meta["counts"]
        self.size: int = meta["events"]
        # Whether each event's view is kept serialised (`marked`): not by a build given no
        # way to make views (`stores.open_store`).
        self.has_views: bool = bool(meta.get("views"))
        # ... and as a row of CSV, a line of TSV (`csv_rows`, `tsv_rows`): the forms kept.
        self.kept_rows = frozenset(
            form for form in ("csv", "tsv") if self.has_views and meta.get(form)
        )

    def _events(self, sql: str, parameters: Sequence[Any] = ()) -> Iterator[EventRecord]:
        # orjson reads a record in a third of json's time: a query may read 100,000 of them.
        import orjson

        loads, exact = orjson.loads, json.loads
        for (body,) in self.connection.execute(sql, parameters):
            yield cast("EventRecord", exact(body) if body[0] == _EXACT else loads(body))

    def all_events(self) -> list[EventRecord]:
        return list(self._events(f"SELECT body FROM events {_ORDER}"))  # noqa: S608

    def control_events(self) -> list[EventRecord]:
        """The events that change who holds a place, in chronological order: through their
        own index, whose entries are in the order of the events' numbers (chronological). Asked
        to sort them otherwise, SQLite read every event in order to pick these out."""
        sql = f"SELECT body FROM events INDEXED BY events_control WHERE control {_ORDER}"  # noqa: S608
        return list(self._events(sql))

    def event(self, event_id: str) -> EventRecord | None:
        return next(self._events("SELECT body FROM events WHERE id = ?", (event_id,)), None)

    def ids_starting(self, prefix: str, limit: int) -> list[str]:
        """Ids that start with `prefix`, in order, at most `limit` of them."""
        rows = self.connection.execute(
            "SELECT id FROM events WHERE id >= ? AND substr(id, 1, length(?)) = ? "
            "ORDER BY id LIMIT ?",
            (prefix, prefix, prefix, limit),
        )
        return [row[0] for row in rows]

    def ids_with_prefix(self, prefix: str) -> list[str]:
        """The first 1,000 ids that start with `prefix`: a prefix of a million ids is not
        worth listing."""
        return self.ids_starting(prefix, limit=1000)

    def ids_like(self, typed: str) -> list[str]:
        """The ids to suggest for a mistyped one: those that share its first 3 letters."""
        return self.ids_starting(typed[:3], limit=1000) if typed[:3] else []

    def event_counts(self, kind: str) -> Mapping[str, int]:
        """How many events name each of the 'places', 'actors' or 'campaigns'."""
        return self.counts[kind]

    def kept_values(self) -> dict[str, dict[str, int]]:
        """Events per value of each kept column of imported rows (`kept_counts`), read from
        the dataset's entry only when asked (a TAB after `--where`)."""
        row = self.connection.execute(
            "SELECT json_extract(value, '$.fields') FROM meta WHERE key = 'dataset'"
        ).fetchone()
        found = json.loads(row[0]) if row is not None and row[0] else {}
        return found if isinstance(found, dict) else {}

    def titles_starting(self, prefix: str, limit: int) -> list[tuple[str, str]]:
        # Bounded above as well: the index is read from `prefix` to the first id past all
        # that start with it, not to the end (a prefix no id has read half a million ids).
        # (A bound only SQLite can see: `? IS NULL OR id < ?` would not narrow the range.)
        past = _past_prefix(prefix)
        rows = self.connection.execute(
            _TITLES if past is None else _TITLES_BELOW,
            (prefix, prefix, prefix, limit)
            if past is None
            else (prefix, past, prefix, prefix, limit),
        )
        return [(row[0], row[1]) for row in rows]

    def _sharing(self, code: str) -> dict[str, str]:
        """The codes of the ids whose shortest code is `code`'s first letters."""
        rows = self.connection.execute("SELECT id FROM events WHERE code = ?", (code[:SHORTEST],))
        return short_ids([row[0] for row in rows])

    def id_of_code(self, code: str) -> str | None:
        return next((item for item, own in self._sharing(code).items() if own == code), None)

    def codes_of(self, ids: Iterable[str]) -> dict[str, str]:
        rows = self.connection.execute(
            "SELECT id, code, (SELECT count(*) FROM events AS o WHERE o.code = e.code) "
            "FROM events AS e WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(list(ids)),),
        )
        return {
            item: code if sharing == 1 else self._sharing(code)[item]
            for item, code, sharing in rows
        }

    def select(
        self,
        selection: Selection,
        *,
        reverse: bool = False,
        limit: int = -1,
        with_casualties: bool = False,
    ) -> Iterator[EventRecord]:
        """The selected events in chronological order (or reversed), at most `limit` of
        them (-1: all); with `with_casualties`, only those with a casualty claim."""
        sql, parameters = self._selected("body", selection, reverse, limit, with_casualties)
        return self._events(sql, parameters)

    def _selected(
        self,
        columns: str,
        selection: Selection,
        reverse: bool,
        limit: int,
        with_casualties: bool = False,
    ) -> tuple[str, list[Any]]:
        """The SQL of `select` for `columns` of the events (`e`) and their views (`v.json`,
        `l.line`, `c.csv`, `t.tsv`), read in the order of their numbers: the events selected
        are found first (by whichever index suits) as a set of numbers, never sorted with
        their records."""
        condition, parameters = selection.where()
        if with_casualties:
            condition += " AND casualties"
        tables = [name for name in _KEPT_TABLES if f"{name[0]}." in columns]
        if "e." in columns or columns == "body" or not tables:
            first = "events AS e"
        else:  # only what is kept serialised: not a row of the events read
            first = f"{tables[0]} AS {tables[0][0]}"
            tables = tables[1:]
        key = first[-1]
        joined = "".join(f"JOIN {name} AS {name[0]} ON {name[0]}.n = {key}.n " for name in tables)
        where = (
            ""
            if condition == "1"
            else f"WHERE {key}.n IN (SELECT n FROM events WHERE {condition}) "  # noqa: S608
        )
        order = f"ORDER BY {key}.n DESC" if reverse else f"ORDER BY {key}.n"
        sql = f"SELECT {columns} FROM {first} {joined}{where}{order}"  # noqa: S608
        if limit >= 0:
            return f"{sql} LIMIT ?", [*parameters, limit]
        return sql, parameters

    def serialised(
        self,
        selection: Selection,
        *,
        lines: bool = False,
        rows: str | None = None,
        reverse: bool = False,
        limit: int = -1,
        batch: int = 500,
    ) -> Iterator[list[bytes]]:
        """The views of the selected events (`has_views`) serialised as items of a JSON
        array (or, with `lines`, as JSON Lines, each without its line break; with `rows`
        'csv' or 'tsv', one of `kept_rows`, as rows of CSV or lines of TSV, each with its
        line break), in the order of `select`: a batch at a time, never decoded."""
        column = _ROW_COLUMNS[rows] if rows else "l.line" if lines else "v.json"
        sql, parameters = self._selected(column, selection, reverse, limit)
        cursor = self.connection.execute(sql, parameters)
        while found := cursor.fetchmany(batch):
            yield [row[0] for row in found]

    def select_serialised(
        self, selection: Selection, *, reverse: bool = False, limit: int = -1
    ) -> Iterator[tuple[EventRecord, bytes, bytes]]:
        """`select`, each event with its view serialised both ways (`serialised`)."""
        import orjson

        loads, exact = orjson.loads, json.loads
        sql, parameters = self._selected("e.body, v.json, l.line", selection, reverse, limit)
        for body, view, line in self.connection.execute(sql, parameters):
            record = exact(body) if body[0] == _EXACT else loads(body)
            yield cast("EventRecord", record), view, line

    # -- counts made by the database ---------------------------------------------------

    def count(self, selection: Selection) -> int:
        condition, parameters = selection.where()
        sql = f"SELECT count(*) FROM events WHERE {condition}"  # noqa: S608
        return int(self.connection.execute(sql, parameters).fetchone()[0])

    def by_day(self, selection: Selection) -> list[tuple[str, int]]:
        """The events by their earliest possible day, in order of the day."""
        condition, parameters = selection.where()
        sql = f"SELECT earliest, count(*) FROM events WHERE {condition} GROUP BY earliest"  # noqa: S608
        return [(day, n) for day, n in self.connection.execute(sql, parameters)]

    def events_by_id(self) -> Mapping[str, EventRecord]:
        return _EventsById(self)

    def codes_by_id(self) -> Mapping[str, str]:
        return _CodesById(self)

    def close(self) -> None:
        self.connection.close()

    def by_mark(
        self, selection: Selection, place_ranks: Mapping[str, int]
    ) -> list[tuple[str, str | None, int]]:
        """(place, lead actor, events) for the map's density: each selected event counted
        at its place of least rank (`place_ranks`; the first named of equals, a place not
        ranked left out) and by its lead actor (`lead_actor`; None: none named)."""
        condition, parameters = selection.where("e.")
        # The least of rank and position in one integer: SQLite's min() then gives the
        # place of that row. Every CTE is made once (a parameter read per event is 20 times
        # slower); the body is read only for the actors' roles, which no column holds.
        sql = (
            "WITH ranks(place, r) AS MATERIALIZED (SELECT key, value FROM json_each(?)), "  # noqa: S608
            "best(n, place, k) AS MATERIALIZED (SELECT p.event, p.place, "
            "min(ranks.r * 4294967296 + p.rowid) FROM event_places AS p "
            "JOIN ranks ON ranks.place = p.place GROUP BY p.event), "
            f"lead(n, actor) AS MATERIALIZED (SELECT e.n, ({_LEAD_ACTOR}) FROM events AS e "
            f"WHERE {condition}) "
            "SELECT best.place, lead.actor, count(*) FROM lead JOIN best ON best.n = lead.n "
            "GROUP BY best.place, lead.actor"
        )
        rows = self.connection.execute(sql, [json.dumps(dict(place_ranks)), *parameters])
        return [(place, actor, count) for place, actor, count in rows]

    # -- what a summary reads: counts ranked in SQL, and only the events it names ----------

    def ranked(
        self, selection: Selection, kind: str, sides: dict[str, str] | None = None
    ) -> list[tuple[str, int]]:
        """The selected events counted by 'types', 'places' or 'sides' (`sides` gives each
        actor's side: the store's `event_sides`, made from the same file, count by them),
        most first, a tie in the order `Counter.most_common` keeps over the events in order.
        Counted from the indexes alone; no record is read (`_first_keys` orders ties)."""
        condition, parameters = selection.where()
        chosen = f"IN (SELECT n FROM events WHERE {condition})"  # noqa: S608
        if kind == "types":
            sql = f"SELECT type, count(*) FROM events WHERE {condition} GROUP BY type"  # noqa: S608
            rows = self.connection.execute(sql, parameters)
        elif kind == "places":
            where = "" if condition == "1" else f"WHERE event {chosen}"
            sql = f"SELECT place, count(*) FROM event_places {where} GROUP BY place"  # noqa: S608
            rows = self.connection.execute(sql, parameters)
        else:  # the sides of the store's own actors: those of `sides`, from the same file
            where = "" if condition == "1" else f"WHERE event {chosen}"
            sql = f"SELECT side, count(*) FROM event_sides {where} GROUP BY side"  # noqa: S608
            rows = self.connection.execute(sql, parameters)
        counts: list[tuple[str, int]] = [(key, count) for key, count in rows]
        keys_of: dict[int, list[str]] = {}
        for key, count in counts:
            keys_of.setdefault(count, []).append(key)
        tied = frozenset(key for keys in keys_of.values() if len(keys) > 1 for key in keys)
        firsts = self._first_keys(selection, kind, tied, sides) if tied else {}
        return sorted(counts, key=lambda row: (-row[1], firsts.get(row[0], 0)))

    def _first_keys(
        self, selection: Selection, kind: str, keys: frozenset[str], sides: dict[str, str] | None
    ) -> dict[str, int]:
        """The place of the first naming of each of `keys` among the selected events: the
        event's number (they are numbered in order) and the naming's row, which keeps the
        order of the event's own list, in one integer."""
        condition, parameters = selection.where()
        # Of the selected events only (every event: no condition to check).
        chosen = "" if condition == "1" else f"IN (SELECT n FROM events WHERE {condition})"  # noqa: S608
        if kind == "types":
            sql = (
                "SELECT type, min(n) FROM events WHERE type IN "  # noqa: S608
                f"(SELECT value FROM json_each(?)) AND {condition} GROUP BY type"
            )
            rows = self.connection.execute(sql, [_listed(keys), *parameters])
        elif kind == "places":
            sql = (
                f"SELECT place, min({_NAMING.format('')}) FROM event_places "  # noqa: S608
                "WHERE place IN (SELECT value FROM json_each(?)) "
                f"{chosen and 'AND event ' + chosen} GROUP BY place"
            )
            rows = self.connection.execute(sql, [_listed(keys), *parameters])
        else:
            wanted = {actor: side for actor, side in (sides or {}).items() if side in keys}
            sql = (
                f"SELECT s.value, min({_NAMING.format('a.')}) FROM event_actors AS a "  # noqa: S608
                "JOIN json_each(?) AS s ON s.key = a.actor "
                f"{chosen and 'WHERE a.event ' + chosen} GROUP BY s.value"
            )
            rows = self.connection.execute(sql, [json.dumps(wanted), *parameters])
        return {key: int(first) for key, first in rows}

    # -- casualty claims, from their own table ---------------------------------------------

    def _claims_of(self, selection: Selection) -> tuple[str, list[Any]]:
        """The condition on `claims` (as `c`) that keeps the claims of the selected events."""
        condition, parameters = selection.where()
        if condition == "1":
            return "1", parameters
        return f"c.n IN (SELECT n FROM events WHERE {condition} AND casualties)", parameters  # noqa: S608

    def claims_by_party(self, selection: Selection) -> list[tuple[str, int, int]]:
        """(party, claims, the place of its first claim among all) of the selected events'
        casualty claims, in any order."""
        condition, parameters = self._claims_of(selection)
        sql = (
            "SELECT c.party, count(*), min(c.rowid) FROM claims AS c "  # noqa: S608
            f"WHERE {condition} GROUP BY c.party"
        )
        return [tuple(row) for row in self.connection.execute(sql, parameters)]

    def claiming(self, selection: Selection, party: str, limit: int) -> list[EventRecord]:
        """The first selected events, in order, with a claim of `party`: as many as hold
        its first `limit` claims."""
        condition, parameters = self._claims_of(selection)
        sql = (
            "SELECT body FROM events WHERE n IN (SELECT c.n FROM claims AS c "  # noqa: S608
            f"WHERE c.party = ? AND {condition} ORDER BY c.n LIMIT ?) {_ORDER}"
        )
        return list(self._events(sql, [party, *parameters, limit]))

    def stored_claims(
        self, selection: Selection, *, reverse: bool = False
    ) -> list[tuple[Any, ...]] | None:
        """The selected events' claims as the `claims` table keeps them (its columns after
        `n`, the event's id first), in the events' order (reversed with `reverse`), each
        event's in its own order; None where the store keeps no claims (built without
        views)."""
        if not self.has_views:
            return None
        condition, parameters = self._claims_of(selection)
        order = "DESC" if reverse else ""
        sql = (
            "SELECT c.event, c.party, c.kind, c.subgroup, c.earliest, c.latest, "  # noqa: S608
            "c.claimed_by, c.claimant, c.article, c.piped "
            f"FROM claims AS c WHERE {condition} ORDER BY c.n {order}, c.rowid"
        )
        return self.connection.execute(sql, parameters).fetchall()

    def events_with_ids(self, ids: Iterable[str]) -> list[EventRecord]:
        """The events of these ids that there are, in chronological order."""
        sql = f"SELECT body FROM events WHERE id IN (SELECT value FROM json_each(?)) {_ORDER}"  # noqa: S608
        return list(self._events(sql, (_listed(set(ids)),)))

    def selected_ids(self, selection: Selection) -> list[str]:
        """The ids of the selected events, in chronological order, their records unread."""
        condition, parameters = selection.where()
        sql = f"SELECT id FROM events WHERE {condition} {_ORDER}"  # noqa: S608
        return [row[0] for row in self.connection.execute(sql, parameters)]

    def spans(self, selection: Selection) -> list[tuple[str, str, str]]:
        """Each (campaign, earliest, latest) of the selected events, once, in order."""
        condition, parameters = selection.where()
        sql = (
            "SELECT DISTINCT campaign, earliest, latest FROM events "  # noqa: S608
            f"WHERE {condition} ORDER BY campaign, earliest, latest"
        )
        return [tuple(row) for row in self.connection.execute(sql, parameters)]

    def citing(self, articles: frozenset[str]) -> Iterator[EventRecord]:
        """The events whose sources name one of `articles`, in chronological order: only the
        records whose text holds an article's id are decoded (an id that JSON would write
        with escapes is looked for in every record)."""
        if articles and all(_verbatim(article) for article in articles):
            condition = " OR ".join("instr(body, ?)" for _ in articles)
            sql = f"SELECT body FROM events WHERE {condition} {_ORDER}"  # noqa: S608
            found = self._events(sql, sorted(articles))
        else:
            found = self._events(f"SELECT body FROM events {_ORDER}")  # noqa: S608
        return (event for event in found if cites_any(event, articles))


# An event's lead actor (`lead_actor`): its first attacker, else claimant, else reporter,
# else its first actor; the role's rank and the actor's position in one integer, least first.
_LEAD_ACTOR = (
    "SELECT actor FROM (SELECT json_extract(a.value, '$.actor') AS actor, "
    "min((CASE json_extract(a.value, '$.role') WHEN 'attacker' THEN 0 WHEN 'claimant' THEN 1 "
    "WHEN 'reporter' THEN 2 ELSE 3 END) * 65536 + a.key) "
    "FROM json_each(e.body, '$.actors') AS a)"
)


def _verbatim(text: str) -> bool:
    """Whether any JSON encoder writes `text` as it is: letters, digits and -_.: only (no
    quote, backslash, slash or character beyond ASCII, which some escape)."""
    return all(char.isascii() and (char.isalnum() or char in "-_.: ") for char in text)


def cites_any(event: EventRecord, articles: frozenset[str]) -> bool:
    return any(ref["article"] in articles for ref in event["sources"])


class _ById(Mapping[str, _Value]):
    """A store's events' somethings by event id, each read when asked for."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def __iter__(self) -> Iterator[str]:
        return iter(self.store.ids_starting("", limit=-1))

    def __len__(self) -> int:
        return self.store.size


class _EventsById(_ById["EventRecord"]):
    def __getitem__(self, event_id: str) -> EventRecord:
        found = self.store.event(event_id)
        if found is None:
            raise KeyError(event_id)
        return found


class _CodesById(_ById[str]):
    def __getitem__(self, event_id: str) -> str:
        return self.store.codes_of([event_id])[event_id]


class StoreNames(Store):
    """A kept store as a TAB press reads it: the collections it completes from and the
    events that name each place and actor, taken by SQLite out of the dataset's entry
    without the rest (at a million events, its disputes are nine tenths of the entry)."""

    def __init__(self, connection: sqlite3.Connection, keep_open: Any = None) -> None:
        self.connection = connection
        self._keep_open = keep_open
        paths = [f"'$.record.{collection}'" for collection in NAMED]
        row = connection.execute(
            f"SELECT json_extract(value, {', '.join(paths)}, '$.counts', '$.events') "  # noqa: S608 - constant names
            "FROM meta WHERE key = 'dataset'"
        ).fetchone()
        *collections, counts, size = json.loads(row[0])
        named = {
            collection: items or [] for collection, items in zip(NAMED, collections, strict=True)
        }
        self.record = cast("DatasetRecord", {**named, "events": []})
        self.counts = counts
        self.size = size


# What `StoreNames` reads of a dataset's collections.
NAMED = ("places", "actors", "sides", "campaigns", "sources")


def _past_prefix(prefix: str) -> str | None:
    """The least string greater than every string that starts with `prefix`, in code point
    order (SQLite's for UTF-8 text), to bound a range over an index; None: no such bound
    (an empty prefix)."""
    for at in range(len(prefix) - 1, -1, -1):
        code = ord(prefix[at]) + 1
        code = 0xE000 if 0xD800 <= code <= 0xDFFF else code  # no surrogate is text
        if code <= 0x10FFFF:
            return prefix[:at] + chr(code)
    return None
