"""The events behind the catalog: one interface, `EventSource`, with two answers to it.

A dataset loaded whole keeps its events in memory (`InMemory`, here); a large data file's are
in an indexed SQLite store (`data.store.Store`), read as they are asked for. Both give the
same records, in the same order, and the same counts: the catalog, the query core and the
commands never ask which one they have. A `Selection` (`data.store`) is what a source
selects by: the store in SQL, `InMemory` here, event by event.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cached_property
from itertools import islice
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from eastsyria.data.codes import short_ids

if TYPE_CHECKING:
    from eastsyria.data.records import EventRecord
    from eastsyria.data.store import Selection

_Item = TypeVar("_Item")


class EventSource(Protocol):
    """The events of a dataset, chronological (earliest, latest, id), and counts of them."""

    def all_events(self) -> list[EventRecord]: ...

    def events_by_id(self) -> Mapping[str, EventRecord]: ...

    def control_events(self) -> list[EventRecord]:
        """The events that change who holds a place, chronological."""
        ...

    def event_counts(self, kind: str) -> Mapping[str, int]:
        """How many events name each of the 'places', 'actors' or 'campaigns'."""
        ...

    def codes_by_id(self) -> Mapping[str, str]: ...

    def id_of_code(self, code: str) -> str | None: ...

    def ids_with_prefix(self, prefix: str) -> list[str]:
        """The ids that start with `prefix` (a store lists the first 1,000)."""
        ...

    def ids_like(self, typed: str) -> Iterable[str]:
        """The ids to suggest for a mistyped one (a store: those of its first 3 letters)."""
        ...

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
        ...

    def count(self, selection: Selection) -> int: ...

    def by_day(self, selection: Selection) -> list[tuple[str, int]]:
        """The events by their earliest possible day, in order of the day."""
        ...

    def by_mark(
        self, selection: Selection, place_ranks: Mapping[str, int]
    ) -> list[tuple[str, str | None, int]]:
        """(place, lead actor, events): each event at its place of least rank (the first
        named of equals; a place not ranked left out) and by its `lead_actor`, in any order."""
        ...

    def ranked(
        self, selection: Selection, kind: str, sides: dict[str, str] | None = None
    ) -> list[tuple[str, int]]:
        """The selected events counted by 'types', 'places' or 'sides' (`sides`: each
        actor's side), most first, ties as `Counter.most_common` over the events in order."""
        ...

    def events_with_ids(self, ids: Iterable[str]) -> list[EventRecord]:
        """The events of these ids that there are, chronological."""
        ...

    def selected_ids(self, selection: Selection) -> list[str]:
        """The ids of the selected events, chronological, their records unread."""
        ...

    def spans(self, selection: Selection) -> list[tuple[str, str, str]]:
        """Each (campaign, earliest, latest) of the selected events, once, sorted."""
        ...

    def citing(self, articles: frozenset[str]) -> Iterator[EventRecord]:
        """The events whose sources name one of `articles`, chronological."""
        ...

    def claims_by_party(self, selection: Selection) -> list[tuple[str, int, int]]:
        """(party, claims, the place of its first claim among all, in order) of the selected
        events' casualty claims, in any order."""
        ...

    def claiming(self, selection: Selection, party: str, limit: int) -> list[EventRecord]:
        """The first selected events, chronological, with a claim of `party`: as many as
        hold its first `limit` claims."""
        ...

    def stored_claims(
        self, selection: Selection, *, reverse: bool = False
    ) -> list[tuple[Any, ...]] | None:
        """The selected events' claims as a store keeps them (`data.store`'s `claims`
        table); None where none are kept (events in memory)."""
        ...


def chronological(event: EventRecord) -> tuple[str, str, str]:
    """An event's place in the dataset's order (the order its events are kept in)."""
    return event["date"]["earliest"], event["date"]["latest"], event["id"]


def count_events(events: Iterable[_Item], keys: Callable[[_Item], Iterable[str]]) -> Counter[str]:
    """How many events name each key; an event that names a key twice counts once.

    Keys are counted in the order first seen, so ties keep a stable order (a set's order
    would change with the process's hash seed).
    """
    counts: Counter[str] = Counter()
    for event in events:
        counts.update(list(dict.fromkeys(keys(event))))
    return counts


def event_places(event: EventRecord) -> list[str]:
    return event["places"]


def event_actors(event: EventRecord) -> list[str]:
    return [role["actor"] for role in event["actors"]]


def event_campaign(event: EventRecord) -> list[str]:
    return [event["campaign"]]


_NAMED = {"places": event_places, "actors": event_actors, "campaigns": event_campaign}


def admits(selection: Selection, event: EventRecord) -> bool:
    """Whether the selection takes the event: what the store's SQL asks, asked of a record."""
    date = event["date"]
    low, high = (
        (date["earliest"], date["latest"])
        if selection.within
        else (date["latest"], date["earliest"])
    )
    if selection.start is not None and low < selection.start:
        return False
    if selection.end is not None and high > selection.end:
        return False
    if any(allowed.isdisjoint(event["places"]) for allowed in selection.place_sets):
        return False
    if selection.actor_sets:
        actors = event_actors(event)
        if any(allowed.isdisjoint(actors) for allowed in selection.actor_sets):
            return False
    if selection.types is not None and event["type"] not in selection.types:
        return False
    if selection.campaigns is not None and event["campaign"] not in selection.campaigns:
        return False
    if selection.kept and not kept_match(selection.kept, event):
        return False
    return selection.ids is None or event["id"] in selection.ids


def kept_match(wanted: tuple[tuple[str, frozenset[str]], ...], event: EventRecord) -> bool:
    """Whether an imported event's kept columns have one of the values wanted of each
    field (`--where`, folded: `vocab.kept_parts`); a curated event has none."""
    from eastsyria.data.vocab import kept_parts

    kept = event.get("dataset")
    if not kept:
        return False
    fields = kept["fields"]
    for field, values in wanted:
        value = fields.get(field)
        if value is None or values.isdisjoint(kept_parts(value)):
            return False
    return True


class InMemory:
    """The events of a dataset loaded whole, in the order of its file (chronological)."""

    def __init__(self, events: list[EventRecord]) -> None:
        self.events = events

    def all_events(self) -> list[EventRecord]:
        return self.events

    @cached_property
    def _by_id(self) -> dict[str, EventRecord]:
        return {e["id"]: e for e in self.events}

    def events_by_id(self) -> Mapping[str, EventRecord]:
        return self._by_id

    def control_events(self) -> list[EventRecord]:
        return [event for event in self.events if event["control"]]

    def event_counts(self, kind: str) -> Mapping[str, int]:
        return count_events(self.events, _NAMED[kind])

    @cached_property
    def _codes(self) -> dict[str, str]:
        return short_ids(self._by_id)

    def codes_by_id(self) -> Mapping[str, str]:
        return self._codes

    def id_of_code(self, code: str) -> str | None:
        return {own: item for item, own in self._codes.items()}.get(code)

    def ids_with_prefix(self, prefix: str) -> list[str]:
        return [key for key in self._by_id if key.startswith(prefix)]

    def ids_like(self, typed: str) -> Iterable[str]:
        return self._by_id

    def select(
        self,
        selection: Selection,
        *,
        reverse: bool = False,
        limit: int = -1,
        with_casualties: bool = False,
    ) -> Iterator[EventRecord]:
        ordered = reversed(self.events) if reverse else iter(self.events)
        found = (
            event
            for event in ordered
            if (event["casualties"] or not with_casualties) and admits(selection, event)
        )
        return found if limit < 0 else islice(found, limit)

    def count(self, selection: Selection) -> int:
        return sum(1 for _ in self.select(selection))

    def by_day(self, selection: Selection) -> list[tuple[str, int]]:
        days = Counter(event["date"]["earliest"] for event in self.select(selection))
        return sorted(days.items())

    def _tally(
        self, selection: Selection, keys: Callable[[EventRecord], list[str]]
    ) -> list[tuple[str, int, str]]:
        """(key, events naming it, the position of the first: the event's and the key's in
        it), the events in order."""
        counts: Counter[str] = Counter()
        first: dict[str, str] = {}
        for index, event in enumerate(self.select(selection)):
            named = list(dict.fromkeys(keys(event)))
            counts.update(named)
            for position, key in enumerate(named):
                first.setdefault(key, f"{index:012d} {position:012d}")
        return [(key, count, first[key]) for key, count in counts.items()]

    def by_mark(
        self, selection: Selection, place_ranks: Mapping[str, int]
    ) -> list[tuple[str, str | None, int]]:
        counts: Counter[tuple[str, str | None]] = Counter()
        for event in self.select(selection):
            place = marked_place(event, place_ranks)
            if place is not None:
                counts[place, lead_actor(event)] += 1
        return [(place, actor, count) for (place, actor), count in counts.items()]

    # -- what a summary reads (`Store`'s methods of the same names) -----------------------

    def ranked(
        self, selection: Selection, kind: str, sides: dict[str, str] | None = None
    ) -> list[tuple[str, int]]:
        keys: dict[str, Callable[[EventRecord], list[str]]] = {
            "types": lambda event: [event["type"]],
            "places": event_places,
            "sides": lambda event: [
                (sides or {})[a] for a in event_actors(event) if a in (sides or {})
            ],
        }
        rows = self._tally(selection, keys[kind])
        return [(key, count) for key, count, _ in sorted(rows, key=lambda r: (-r[1], r[2]))]

    def events_with_ids(self, ids: Iterable[str]) -> list[EventRecord]:
        found = [self._by_id[item] for item in set(ids) if item in self._by_id]
        return sorted(found, key=chronological)

    def selected_ids(self, selection: Selection) -> list[str]:
        return [event["id"] for event in self.select(selection)]

    def spans(self, selection: Selection) -> list[tuple[str, str, str]]:
        found = {
            (event["campaign"], event["date"]["earliest"], event["date"]["latest"])
            for event in self.select(selection)
        }
        return sorted(found)

    def citing(self, articles: frozenset[str]) -> Iterator[EventRecord]:
        return (
            event
            for event in self.events
            if any(ref["article"] in articles for ref in event["sources"])
        )

    def claims_by_party(self, selection: Selection) -> list[tuple[str, int, int]]:
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}
        claims = (c for e in self.select(selection, with_casualties=True) for c in e["casualties"])
        for index, claim in enumerate(claims):
            counts[claim["party"]] += 1
            first.setdefault(claim["party"], index)
        return [(party, count, first[party]) for party, count in counts.items()]

    def claiming(self, selection: Selection, party: str, limit: int) -> list[EventRecord]:
        found: list[EventRecord] = []
        room = limit
        for event in self.select(selection, with_casualties=True):
            if room <= 0:
                break
            held = sum(1 for claim in event["casualties"] if claim["party"] == party)
            if held:
                found.append(event)
                room -= held
        return found

    def stored_claims(
        self, selection: Selection, *, reverse: bool = False
    ) -> list[tuple[Any, ...]] | None:
        return None


# The roles an event's lead actor is looked for in, first to last.
_LEAD_ROLES = {"attacker": 0, "claimant": 1, "reporter": 2}


def lead_actor(event: EventRecord) -> str | None:
    """The actor an event is drawn for: its first attacker, else its first claimant, else
    its first reporter, else its first actor; None when it names none."""
    actors = event["actors"]
    if not actors:
        return None
    ranks = [_LEAD_ROLES.get(role["role"], len(_LEAD_ROLES)) for role in actors]
    return actors[ranks.index(min(ranks))]["actor"]


def marked_place(event: EventRecord, place_ranks: Mapping[str, float]) -> str | None:
    """The event's place of least rank, the first named of equals (None: none ranked).

    With each place's `coord_precision_km` as its rank (`Catalog.place_precision`), or its
    rank by it (`contract.maps.place_ranks`), this is the event's most precisely located
    place: the one rule for where an event is drawn (the map, KML) and located (an event
    row's `place_id`, `lat`, `lon`)."""
    ranked = [(place_ranks[p], i) for i, p in enumerate(event["places"]) if p in place_ranks]
    return event["places"][min(ranked)[1]] if ranked else None
