"""The loaded dataset with its look-ups: ids, names and aliases, what lies inside what; and
the one line for a name the dataset does not know: what was meant, or what to try."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any

from eastsyria.core.eventsource import EventSource, InMemory, event_actors
from eastsyria.core.names import did_you_mean, fold, fold_words, suggest
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
    """A validated dataset, ready to query. Build it with `Catalog(record)`, its events in
    memory, or with `Catalog(store.record, source=store)` for a large file's indexed store
    (`data.store`): then the events stay on disk until asked for, and queries read only what
    they find. Either way its events are reached through `source` (`core.eventsource`)."""

    def __init__(
        self,
        record: DatasetRecord,
        *,
        untold: Mapping[str, str] | None = None,
        source: EventSource | None = None,
    ) -> None:
        self.record = record
        self.source: EventSource = InMemory(record["events"]) if source is None else source
        # With --source: the events the dataset has but the article does not tell, by id
        # and short code, to the article's id (`core.sources.as_told_by`).
        self.untold: Mapping[str, str] = untold or {}
        self.sides: dict[str, SideRecord] = {s["id"]: s for s in record["sides"]}
        self.places: dict[str, PlaceRecord] = {p["id"]: p for p in record["places"]}
        self.actors: dict[str, ActorRecord] = {a["id"]: a for a in record["actors"]}
        self.campaigns: dict[str, CampaignRecord] = {c["id"]: c for c in record["campaigns"]}
        self.disputes: list[DisputeRecord] = record["disputes"]

    @cached_property
    def events(self) -> list[EventRecord]:
        """Every event, chronological: the order every listing and export uses."""
        return self.source.all_events()

    @cached_property
    def events_by_id(self) -> Mapping[str, EventRecord]:
        return self.source.events_by_id()

    def control_events(self) -> list[EventRecord]:
        """The events that change who holds a place, chronological."""
        return self.source.control_events()

    @cached_property
    def disputes_by_event(self) -> dict[str, list[DisputeRecord]]:
        found: dict[str, list[DisputeRecord]] = defaultdict(list)
        for dispute in self.disputes:
            for event_id in dict.fromkeys(c["event"] for c in dispute["claims"] if c["event"]):
                found[event_id].append(dispute)
        return dict(found)

    @cached_property
    def event_counts_by_place(self) -> Counter[str]:
        return Counter(self.source.event_counts("places"))

    @cached_property
    def event_counts_by_actor(self) -> Counter[str]:
        return Counter(self.source.event_counts("actors"))

    @cached_property
    def event_counts_by_campaign(self) -> Counter[str]:
        """As `--campaign` counts them: a campaign with the campaigns inside it."""
        own = Counter(self.source.event_counts("campaigns"))
        return Counter({c: sum(own[i] for i in self.campaigns_within(c)) for c in self.campaigns})

    def event_sides(self, event: EventRecord) -> list[str]:
        """The sides of the event's actors, each once, in the order of its actors."""
        return list(dict.fromkeys(self.actors[actor]["side"] for actor in event_actors(event)))

    # -- what lies inside what ---------------------------------------------------------

    def places_within(self, place_id: str) -> frozenset[str]:
        return _descendants(self._place_parents, place_id)

    @cached_property
    def _place_parents(self) -> dict[str, str | None]:
        return {p: r["parent"] for p, r in self.places.items()}

    def places_around(self, place_id: str) -> frozenset[str]:
        """The place, what lies inside it, and its surroundings: the countryside or outskirts
        of it or of anything inside it (Hiri, on the outskirts of Abu Kamal, is not inside
        the city but is around it), with what lies inside those, and so on."""
        found = set(self.places_within(place_id))
        grown = True
        while grown:
            around = {p for p, r in self.places.items() if r["surrounds"] in found} - found
            grown = bool(around)
            for surrounding in around:
                found |= self.places_within(surrounding)
        return frozenset(found)

    def actors_within(self, actor_id: str) -> frozenset[str]:
        return _descendants({a: r["parent"] for a, r in self.actors.items()}, actor_id)

    def campaigns_within(self, campaign_id: str) -> frozenset[str]:
        return _descendants({c: r["parent"] for c, r in self.campaigns.items()}, campaign_id)

    def place_path(self, place_id: str) -> list[str]:
        """Names from the place up: Hamidiyah, Deir ez-Zor, Deir ez-Zor Governorate, Syria;
        each as shown (`place_label`), qualified where places share a name."""
        names: list[str] = []
        current: str | None = place_id
        while current is not None and current in self.places and len(names) < 32:
            names.append(self.place_label(current))
            current = self.places[current]["parent"]
        return names

    # -- names -------------------------------------------------------------------------

    @cached_property
    def side_names(self) -> dict[str, str]:
        """Each side's name by its id, in the data's order (legends list them so)."""
        return {side_id: side["name"] for side_id, side in self.sides.items()}

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
    def name_keys(self) -> dict[str, dict[str, str]]:
        """By kind, every spelling (id, name, alias) of each item, folded, to its id."""
        return {
            "place": _name_index(self.places.values()),
            "actor": _name_index(self.actors.values()),
            "campaign": _name_index(self.campaigns.values()),
            "side": _name_index(self.sides.values()),
            "type": {fold(t): t for t in vocab.EVENT_TYPES},
        }

    @cached_property
    def place_labels(self) -> dict[str, str]:
        """By id, the name each place is shown by: qualified where places share a name
        ("Abu Kamal (district)"; `core.placenames`)."""
        from eastsyria.core.placenames import place_labels

        return place_labels(self.places.values())

    def place_label(self, place_id: str) -> str:
        return self.place_labels.get(place_id, place_id)

    @cached_property
    def _place_keys(self) -> dict[str, tuple[str, ...]]:
        """Every spelling (id, name, alias) of each place, folded, to every place it fits;
        and each qualified label to its one place."""
        found: dict[str, dict[str, None]] = defaultdict(dict)
        for place in self.places.values():
            for label in labels(place):
                found[fold(str(label))][place["id"]] = None
        keys = {key: tuple(ids) for key, ids in found.items()}
        for place_id, label in self.place_labels.items():
            if label != self.places[place_id]["name"]:
                keys[fold(label)] = (place_id,)
        return keys

    def places_named(self, name: str) -> list[str]:
        """Every place `name` stands for: the place with exactly this id, else the one shown
        by this qualified name ("Abu Kamal (district)"), else each place whose name, alias
        or id it spells (`fold`); raises InputError when none."""
        wanted = name.strip()
        if wanted in self.places:
            return [wanted]
        found = self._place_keys.get(fold(name))
        if found:
            return list(found)
        return [self._resolve("place", name)]

    def resolve_place(self, name: str, option: str = "place") -> str:
        """The one place `name` stands for; InputError listing them where it fits several."""
        found = self.places_named(name)
        if len(found) > 1:
            from eastsyria.core.placenames import ambiguity_refusal

            raise InputError(ambiguity_refusal(option, name, found, self.place_labels))
        return found[0]

    def resolve_actor(self, name: str) -> str:
        return self._resolve("actor", name)

    def resolve_campaign(self, name: str) -> str:
        return self._resolve("campaign", name)

    def resolve_side(self, name: str) -> str:
        return self._resolve("side", name)

    def resolve_type(self, name: str) -> str:
        return self._resolve("type", name)

    def _resolve(self, kind: str, name: str) -> str:
        """The id that `name` (a name, an alias or an id) stands for; else what was meant."""
        keys = self.name_keys[kind]
        found = keys.get(fold(name))
        if found is not None:
            return found
        what = "event type" if kind == "type" else kind
        if not name.strip():
            raise InputError(f"empty {what} name")
        raise InputError(unknown_name(self, kind, name, keys))

    @cached_property
    def short_ids(self) -> Mapping[str, str]:
        """Each event id's short code, as the events table shows it (see `codes.short_ids`)."""
        return self.source.codes_by_id()

    def resolve_event(self, event_id: str) -> EventRecord:
        """The event with this id or short code, or the one event whose id starts with it."""
        wanted = event_id.strip()
        event = self.events_by_id.get(wanted)
        if event is not None:
            return event
        coded = self.source.id_of_code(wanted.lower())
        if coded is not None:
            return self.events_by_id[coded]
        starting = self.source.ids_with_prefix(wanted) if wanted else []
        if len(starting) == 1:
            return self.events_by_id[starting[0]]
        if starting:
            listed = ", ".join(sorted(starting)[:5]) + (", ..." if len(starting) > 5 else "")
            raise InputError(
                f"event id {event_id!r} is the start of {len(starting)} ids ({listed}); "
                "type more of it"
            )
        if wanted.lower() in self.untold:
            raise InputError(
                f"event {wanted!r} is not told by {self.untold[wanted.lower()]!r}: "
                "leave out --source to see it"
            )
        hint = did_you_mean(suggest(event_id, self.source.ids_like(wanted)))
        raise InputError(f"no event {event_id!r}{hint}")

    # -- worked out once ---------------------------------------------------------------

    @cached_property
    def worked_out(self) -> dict[str, object]:
        """What a core module works out once from the catalog and then shares, under the
        module's own key (`core.control`: every place's chain of control changes)."""
        return {}

    @cached_property
    def place_precision(self) -> dict[str, float]:
        """By id, how far each place's coordinates may be off (`coord_precision_km`): the
        ranks `eventsource.marked_place` finds an event's most precisely located place by."""
        return {place_id: p["coord_precision_km"] for place_id, p in self.places.items()}


def labels(item: Mapping[str, Any]) -> tuple[Any, ...]:
    return (item["id"], item["name"], *item.get("aliases", []))


def _name_index(items: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    keys: dict[str, str] = {}
    for item in items:
        for label in labels(item):
            keys.setdefault(fold(str(label)), item["id"])
    return keys


# -- a name the dataset does not know --------------------------------------------------


def _spellings(catalog: Catalog, kind: str) -> list[str]:
    """Every spelling of every item of `kind`, as written: ids, names, aliases."""
    if kind == "type":
        return list(vocab.EVENT_TYPES)
    collections: dict[str, Mapping[str, Mapping[str, Any]]] = {
        "place": catalog.places,
        "actor": catalog.actors,
        "campaign": catalog.campaigns,
        "side": catalog.sides,
    }
    items = collections[kind].values()
    return [str(label) for item in items for label in labels(item)]


def _shown(catalog: Catalog, kind: str) -> dict[str, str]:
    """By id, what a reader is offered: names; sides and types by id, as they are typed."""
    if kind == "side":
        return {side: side for side in catalog.sides}
    if kind == "type":
        return {t: t for t in vocab.EVENT_TYPES}
    if kind == "place":
        return _names(catalog.places)
    if kind == "actor":
        return _names(catalog.actors)
    return _names(catalog.campaigns)


def unknown_name(catalog: Catalog, kind: str, name: str, keys: Mapping[str, str]) -> str:
    """The one line for a name that is not known, with the nearest real answer.

    What the data says about the very word (an actor's kind, a side that mentions it)
    comes first; then names spelt like it; else the valid choices, or how to list them.
    """
    what = "event type" if kind == "type" else kind
    shown = _shown(catalog, kind)
    choices = f"choose from: {', '.join(shown.values())}" if kind in ("side", "type") else ""
    hints = _data_hints(catalog, kind, name)
    if not hints:
        # Match against every spelling, but suggest each thing once, by its own name:
        # "Abu Kamel" suggests 'Abu Kamal', not also its aliases 'Albu Kamal', 'Bukamal'.
        # Spelt as written, not folded: a word-level near miss ("Suleimani" for Qasem
        # Soleimani) needs the words.
        close = suggest(name, _spellings(catalog, kind), limit=12)
        meant = list(dict.fromkeys(shown[keys[fold(label)]] for label in close))[:3]
        if meant:
            return f"no {what} {name!r}{did_you_mean(meant)}" + (f" ({choices})" if choices else "")
    parts = [f"no {what} {name!r}" + ("" if kind == "type" else " in this dataset")]
    if not choices:
        count = f"{len(shown)} {kind}{'' if len(shown) == 1 else 's'}"
        parts[0] += f" ({count}; list them with: eastsyria {kind}s)"
    return "; ".join([*parts, *hints, *([choices] if choices else [])])


def _data_hints(catalog: Catalog, kind: str, name: str) -> list[str]:
    """What the data itself says about a word that names no actor or side."""
    hints: list[str] = []
    if kind == "side":
        actor_id = catalog.name_keys["actor"].get(fold(name))
        if actor_id is not None:
            actor = catalog.actors[actor_id]
            hints.append(f"'{actor['name']}' is an actor (use --actor), of side '{actor['side']}'")
    if kind == "actor":
        key = fold(name)
        of_kind = [
            a for a in catalog.actors.values() if key in (fold(a["kind"]), fold(a["kind"]) + "s")
        ]
        if of_kind:
            listed = ", ".join(f"'{a['name']}'" for a in of_kind[:3])
            more = f" and {len(of_kind) - 3} more" if len(of_kind) > 3 else ""
            hints.append(f"actors of kind '{of_kind[0]['kind']}': {listed}{more}")
    if kind in ("actor", "side") and not hints:
        words = f" {fold_words(name)} "
        for side in catalog.sides.values():
            if words.strip() and words in f" {fold_words(side['description'])} ":
                hints.append(
                    f"side '{side['id']}' ({side['name']}) mentions {name!r}: "
                    f"try --side {side['id']}"
                )
    return hints


def _names(items: Mapping[str, Mapping[str, Any]]) -> dict[str, str]:
    return {item_id: str(item["name"]) for item_id, item in items.items()}
