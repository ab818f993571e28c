"""The loaded dataset with its look-ups: ids, names and aliases, what lies inside what."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from eastsyria.core.names import did_you_mean, fold, short_ids, suggest
from eastsyria.data import vocab
from eastsyria.errors import InputError

if TYPE_CHECKING:
    from eastsyria.data.records import (
        ActorRecord,
        CampaignRecord,
        DatasetRecord,
        DisputeRecord,
        EventRecord,
        PlaceRecord,
        SideRecord,
    )


_Item = TypeVar("_Item")


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


def _descendants(parents: Mapping[str, str | None], root: str) -> frozenset[str]:
    children: dict[str, list[str]] = defaultdict(list)
    for child, parent in parents.items():
        if parent is not None:
            children[parent].append(child)
    found = {root}
    stack = [root]
    while stack:
        for child in children.get(stack.pop(), ()):
            if child not in found:
                found.add(child)
                stack.append(child)
    return frozenset(found)


class Catalog:
    """A validated dataset, ready to query. Build it with `Catalog(record)`."""

    def __init__(self, record: DatasetRecord) -> None:
        self.record = record
        self.sides: dict[str, SideRecord] = {s["id"]: s for s in record["sides"]}
        self.places: dict[str, PlaceRecord] = {p["id"]: p for p in record["places"]}
        self.actors: dict[str, ActorRecord] = {a["id"]: a for a in record["actors"]}
        self.campaigns: dict[str, CampaignRecord] = {c["id"]: c for c in record["campaigns"]}
        # Chronological: the order every listing and export uses.
        self.events: list[EventRecord] = record["events"]
        self.disputes: list[DisputeRecord] = record["disputes"]

    @cached_property
    def events_by_id(self) -> dict[str, EventRecord]:
        return {e["id"]: e for e in self.events}

    @cached_property
    def disputes_by_event(self) -> dict[str, list[DisputeRecord]]:
        found: dict[str, list[DisputeRecord]] = defaultdict(list)
        for dispute in self.disputes:
            for event_id in dict.fromkeys(c["event"] for c in dispute["claims"] if c["event"]):
                found[event_id].append(dispute)
        return dict(found)

    @cached_property
    def event_counts_by_place(self) -> Counter[str]:
        return count_events(self.events, event_places)

    @cached_property
    def event_counts_by_actor(self) -> Counter[str]:
        return count_events(self.events, event_actors)

    @cached_property
    def event_counts_by_campaign(self) -> Counter[str]:
        """As `--campaign` counts them: a campaign with the campaigns inside it."""
        own = count_events(self.events, event_campaign)
        return Counter({c: sum(own[i] for i in self.campaigns_within(c)) for c in self.campaigns})

    def event_sides(self, event: EventRecord) -> list[str]:
        """The sides of the event's actors, each once, in the order of its actors."""
        return list(dict.fromkeys(self.actors[actor]["side"] for actor in event_actors(event)))

    # -- what lies inside what ---------------------------------------------------------

    def places_within(self, place_id: str) -> frozenset[str]:
        return _descendants({p: r["parent"] for p, r in self.places.items()}, place_id)

    def actors_within(self, actor_id: str) -> frozenset[str]:
        return _descendants({a: r["parent"] for a, r in self.actors.items()}, actor_id)

    def campaigns_within(self, campaign_id: str) -> frozenset[str]:
        return _descendants({c: r["parent"] for c, r in self.campaigns.items()}, campaign_id)

    def place_path(self, place_id: str) -> list[str]:
        """Names from the place up: Hamidiyah, Deir ez-Zor, Deir ez-Zor Governorate, Syria."""
        names: list[str] = []
        current: str | None = place_id
        while current is not None and current in self.places and len(names) < 32:
            names.append(self.places[current]["name"])
            current = self.places[current]["parent"]
        return names

    # -- names -------------------------------------------------------------------------

    def holder_name(self, holder: str) -> str:
        if holder in self.sides:
            return self.sides[holder]["name"]
        if holder in self.actors:
            return self.actors[holder]["name"]
        return holder

    def holder_side(self, holder: str) -> str:
        if holder in self.actors:
            return self.actors[holder]["side"]
        return holder

    def party_name(self, party: str) -> str:
        return vocab.SPECIAL_PARTIES.get(party) or self.holder_name(party)

    @cached_property
    def _name_keys(self) -> dict[str, dict[str, str]]:
        """By kind, every spelling (id, name, alias) of each item, folded, to its id."""
        return {
            "place": _name_index(self.places.values()),
            "actor": _name_index(self.actors.values()),
            "campaign": _name_index(self.campaigns.values()),
            "side": _name_index(self.sides.values()),
        }

    def resolve_place(self, name: str) -> str:
        return _resolve("place", name, self._name_keys["place"], _names(self.places))

    def resolve_actor(self, name: str) -> str:
        return _resolve("actor", name, self._name_keys["actor"], _names(self.actors))

    def resolve_campaign(self, name: str) -> str:
        return _resolve("campaign", name, self._name_keys["campaign"], _names(self.campaigns))

    def resolve_side(self, name: str) -> str:
        # Sides are typed by id (`--side isil`), so suggest ids.
        keys = self._name_keys["side"]
        return _resolve("side", name, keys, {side: side for side in self.sides})

    def resolve_type(self, name: str) -> str:
        keys = {fold(t): t for t in vocab.EVENT_TYPES}
        return _resolve("event type", name, keys, {t: t for t in vocab.EVENT_TYPES})

    @cached_property
    def short_ids(self) -> dict[str, str]:
        """Each event id's short code, as the events table shows it (see `names.short_ids`)."""
        return short_ids(self.events_by_id)

    def resolve_event(self, event_id: str) -> EventRecord:
        """The event with this id or short code, or the one event whose id starts with it."""
        wanted = event_id.strip()
        event = self.events_by_id.get(wanted)
        if event is not None:
            return event
        by_code = {code: item for item, code in self.short_ids.items()}
        if wanted.lower() in by_code:
            return self.events_by_id[by_code[wanted.lower()]]
        starting = [key for key in self.events_by_id if wanted and key.startswith(wanted)]
        if len(starting) == 1:
            return self.events_by_id[starting[0]]
        if starting:
            listed = ", ".join(sorted(starting)[:5]) + (", ..." if len(starting) > 5 else "")
            raise InputError(
                f"event id {event_id!r} is the start of {len(starting)} ids ({listed}); "
                "type more of it"
            )
        hint = did_you_mean(suggest(event_id, self.events_by_id))
        raise InputError(f"no event {event_id!r}{hint}")


def _name_index(items: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    keys: dict[str, str] = {}
    for item in items:
        for label in (item["id"], item["name"], *item.get("aliases", [])):
            keys.setdefault(fold(str(label)), item["id"])
    return keys


def _names(items: Mapping[str, Mapping[str, Any]]) -> dict[str, str]:
    return {item_id: str(item["name"]) for item_id, item in items.items()}


def _resolve(what: str, name: str, keys: Mapping[str, str], names: Mapping[str, str]) -> str:
    """The id that `name` (a name, an alias or an id) stands for; else what was meant."""
    found = keys.get(fold(name))
    if found is not None:
        return found
    if not name.strip():
        raise InputError(f"empty {what} name")
    # Match against every spelling, but suggest each thing once, by its own name:
    # "Abu Kamel" suggests 'Abu Kamal', not also its aliases 'Albu Kamal' and 'Bukamal'.
    close = suggest(name, keys, limit=12)
    meant = dict.fromkeys(names[keys[fold(label)]] for label in close)
    raise InputError(f"no {what} {name!r}{did_you_mean(list(meant)[:3])}")
