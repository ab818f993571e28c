"""The values a TAB offers for an option or argument (places, actors, types, event ids...):
`candidates`, for the fast completion path (`completion`), Typer's own completion callbacks
(`options`) and `--side`'s help (`app`). A leaf of the CLI: it imports no other CLI module,
so each of them may import it.

hyphens and spaces (`fold`), so a name that matches does not always start with the typed
text, and bash replaces the word with the common prefix of its candidates: `"Abu K` became
`"Abu` when `Abukamal` was offered beside `Abu Kamal`. So every candidate starts with the
text as typed (`core.names.completions`):

- The strictest match that finds anything wins: names that start with the text as typed,
  then whatever its case, then as `fold` compares them, the order zsh's usual `matcher-list`
  tries. `Abu K` offers `Abu Kamal` and `Abu Kamal countryside`, and the word grows to their
  common prefix.
- A name found only by a looser match is continued from what was typed, not put in its
  place: `abu k` completes to `abu kamal`. Replacing the typed text is what a TAB must not
  do, and offering nothing would hide a name the command takes: it reads `abu kamal` as
  `Abu Kamal`, and the continued name always folds like the name itself.
- An item offers its own name when that fits, and its aliases only when it does not: `Abu`
  offers `Abu Kamal` and not also `Abukamal`; `Albu` offers `Albu Kamal`.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eastsyria.core.brief import CITE_STYLES
from eastsyria.core.calendar import BUCKETS, TOTAL_PERIODS
from eastsyria.core.geo import SORT_KEYS
from eastsyria.core.lanes import LANES
from eastsyria.core.names import completions
from eastsyria.data import vocab
from eastsyria.output.formats import COMMAND_FORMATS, FORMATS

if TYPE_CHECKING:
    from eastsyria.data.store import Store

Candidate = tuple[str, str]  # value, short description


class _Dataset:
    """What completion reads of a data file (`cache.names_of`): its named collections, how
    many events name each place and actor, and its events' ids and titles."""

    def __init__(self, names: dict[str, Any]) -> None:
        self.names = names

    def records(self, key: str) -> list[dict[str, Any]]:
        items = self.names.get(key)
        return items if isinstance(items, list) else []

    def event_counts(self, field: str) -> Counter[str]:
        """Events per place or actor."""
        return Counter(self.names["counts"][field])

    def kept_values(self) -> dict[str, dict[str, int]]:
        """Events per value of each kept column of imported rows (`cache.kept_values`)."""
        fields = self.names.get("fields")
        return fields if isinstance(fields, dict) else {}

    def events(self, typed: str) -> list[tuple[str, str]]:
        """(id, title) of the events whose ids start with `typed`."""
        from eastsyria.data.cache import names_events

        found = names_events(self.names)
        return [(event_id, title) for event_id, title in found if event_id.startswith(typed)]


class _Stored(_Dataset):
    """What completion reads of a large data file's kept store: the same, its events' ids
    and titles read from the store, only those that start with what was typed."""

    def __init__(self, store: Store) -> None:
        super().__init__(dict(store.record))
        self.store = store

    def event_counts(self, field: str) -> Counter[str]:
        return Counter(self.store.event_counts(field))

    def kept_values(self) -> dict[str, dict[str, int]]:
        return self.store.kept_values()

    def events(self, typed: str) -> list[tuple[str, str]]:
        found = self.store.titles_starting(typed, limit=500)
        return [(event_id, str(title)) for event_id, title in found]


def _load_plain(path: Path) -> _Dataset | None:
    """The dataset for names only, never built nor validated on a TAB: a large file's kept
    store; else the names kept beside the file's validated dataset (written by the query
    that validated it); else that dataset, whose names are kept then for the next TAB; else
    (no query yet) the names read from the raw JSON, kept too: a press before any query reads
    the file once, not at every press (a query's names replace them).

    The names kept are found by the key of the file's content, which a press takes from the
    file's status when an earlier one noted it (`cache.seen_key`), without reading the file;
    else the file is read as every data file is (`read_bytes`: a pipe or a device never
    blocks a TAB) and hashed, and the key noted for the next press."""
    import time

    from eastsyria.data import cache
    from eastsyria.data.load import check_size, read_with_status
    from eastsyria.data.stores import kept_store, wants_store

    try:
        if wants_store(path):
            store = kept_store(path, names_only=True)
            return _Stored(store) if store else None
        names = None
        cached_too = cache.cache_dir() is not None
        started = time.time_ns()  # before the file is looked at: `cache.note_seen`
        if cached_too:
            status = os.stat(path)
            key = cache.seen_key(status)
            if key is not None:
                check_size(status, "")  # as if read: not above the size limit
                names = cache.lookup_names(key)
        if names is not None:
            return _Dataset(names)
        content, status = read_with_status(path)
        key = cache.key_of(content) if cached_too else None
        names = cache.lookup_names(key) if key is not None else None
        if names is None and key is not None:
            cached = cache.lookup(key)
            if cached is not None:
                names = cache.names_of(cached)
                cache.store_names(key, names)
        if names is not None and key is not None:
            cache.note_seen(status, key, started)
        if names is None:
            document = json.loads(content.removeprefix(b"\xef\xbb\xbf"))
            if not isinstance(document, dict):
                return None
            names = cache.names_of(document)
            if key is not None:  # kept for the next press (a query keeps its validated own)
                cache.store_names(key, names)
                cache.note_seen(status, key, started)
    except Exception:  # noqa: BLE001 - completion must never print an error
        return None
    return _Dataset(names)


def _spellings(item: dict[str, Any]) -> list[str]:
    aliases = item.get("aliases")
    names = [item.get("name"), *(aliases if isinstance(aliases, list) else [])]
    return [str(name) for name in names if name]


def _offer(
    items: list[dict[str, Any]], describe: dict[str, str], typed: str, *, ids_first: bool = False
) -> list[Candidate]:
    """Names and aliases that extend `typed`, and ids (also accepted) when no name does.

    With `ids_first` (campaigns, typed by id as often as by name) the id is an item's first
    spelling, so it is offered when it fits, and its names when only they do.
    """
    ids = [str(item.get("id", "")) for item in items]
    if ids_first:
        spellings = [[ids[index], *_spellings(item)] for index, item in enumerate(items)]
        found, own = completions(typed, spellings, "fold", own=2), 1
    else:
        found = completions(typed, [_spellings(item) for item in items], "fold")
        own = 0
        if not found:
            found, own = completions(typed, [[i] for i in ids], "case"), -1
    offered: list[Candidate] = []
    for index, at, text in found:
        item = items[index]
        about = describe.get(ids[index], "")
        if at != own:  # an id or an alias: say whose
            about = f"{item.get('name')}; {about}" if about else str(item.get("name"))
        offered.append((text, about))
    return list(dict.fromkeys(offered))


# Kinds named from a collection of the data file, each described by one of its fields and
# its number of events: (collection, field).
_DESCRIBED = {"place": ("places", "kind"), "actor": ("actors", "side")}
# Fixed vocabularies, and how loosely the command reads them (formats whatever the case,
# `--by` only as written, types as names are).
_FIXED = {"type": "fold", "format": "case"} | dict.fromkeys(
    ("by", "sort", "lanes", "per", "show"), "exact"
)
_FIXED["style"] = "exact"  # issue 29: brief --cite-style
# Kinds offered by id, each described by a field: (collection, field, how loosely read).
_BY_ID = {
    "side": ("sides", "name", "fold"),
    "event": ("events", "title", "exact"),
    "article": ("sources", "title", "fold"),
}


def candidates(kind: str, typed: str, command: str | None, data: Path) -> list[Candidate]:
    """What may be typed for a value of `kind` that starts with `typed` (see `completions`)."""
    if kind in _FIXED:
        fixed = {
            "type": vocab.EVENT_TYPES,
            "format": COMMAND_FORMATS.get(command or "", tuple(FORMATS)),
            "by": BUCKETS,
            "sort": SORT_KEYS,
            "lanes": LANES,
            "per": TOTAL_PERIODS,
            "style": CITE_STYLES,
            "show": vocab.RECONCILE_SHOWS,
        }[kind]
        return [(text, "") for _, _, text in completions(typed, [[v] for v in fixed], _FIXED[kind])]

    dataset = _load_plain(data)
    if dataset is None:
        return []
    if kind in _DESCRIBED:
        collection, about = _DESCRIBED[kind]
        items = dataset.records(collection)
        if kind == "place":  # places that share a name, as shown: "Abu Kamal (district)"
            from eastsyria.core.placenames import place_labels

            shown = place_labels(items)
            items = [{**item, "name": shown[str(item.get("id", ""))]} for item in items]
        counts = dataset.event_counts(collection)
        describe = {
            str(item.get("id")): f"{item.get(about)}, {counts[str(item.get('id'))]} events"
            for item in items
        }
        return _offer(items, describe, typed)
    if kind == "campaign":
        campaigns = dataset.records("campaigns")
        describe = {str(c.get("id")): str((c.get("date") or {}).get("text", "")) for c in campaigns}
        return _offer(campaigns, describe, typed, ids_first=True)
    if kind == "party":
        # What --party takes: a side, one of the parties that are neither side nor actor, an
        # actor; a spelling offered once ("isil" the side, not "isIL" the actor as well).
        specials = [[party] for party in vocab.SPECIAL_PARTIES]
        offered = [
            *candidates("side", typed, command, data),
            *((text, "") for _, _, text in completions(typed, specials, "fold")),
            *candidates("actor", typed, command, data),
        ]
        seen: set[str] = set()
        unique = []
        for text, about in offered:
            if text.casefold() not in seen:
                seen.add(text.casefold())
                unique.append((text, about))
        return unique
    if kind == "where":
        return _where(dataset.kept_values(), typed)
    if kind in _BY_ID:
        collection, about, loosest = _BY_ID[kind]
        described = (
            dataset.events(typed)
            if collection == "events"
            else [
                (str(item.get("id", "")), str(item.get(about, "")))
                for item in dataset.records(collection)
            ]
        )
        ids = [[item_id] for item_id, _ in described]
        return [
            (text, described[index][1][:60]) for index, _, text in completions(typed, ids, loosest)
        ]
    return []


def _where(kept: dict[str, dict[str, int]], typed: str) -> list[Candidate]:
    """`--where FIELD=VALUE`: the kept columns the file's events give (`FIELD=`), then the
    values of the one typed, the most common first, each with its number of events."""
    field, equals, value = typed.partition("=")
    if not equals:
        # In the order the contract gives them (`vocab.DATASET_FIELD_NAMES`).
        named = [name for name in vocab.DATASET_FIELD_NAMES if name in kept]
        offered = completions(typed, [[name] for name in named], "exact")
        if len(offered) != 1:
            return [(f"{text}=", _counted(len(kept[text]), "value")) for _, _, text in offered]
        # One field: its values, so that the shell inserts `FIELD=` and what they share
        # without the space it puts after a lone candidate.
        field, value = offered[0][2], ""
    values = kept.get(field)
    if not isinstance(values, dict):
        return []
    ranked = sorted(values, key=lambda v: (-values[v], v))
    found = completions(value, [[v] for v in ranked], "fold")
    return [(f"{field}={text}", _counted(values[ranked[i]], "event")) for i, _, text in found]


def _counted(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def side_help(data: str | None) -> str | None:
    """`--side`'s help naming the sides of the data file `data` (as `--data` gives it), shown
    when a command's help is asked for; None when the file names none."""
    from eastsyria.core.filters import OPTIONS
    from eastsyria.data.load import data_path

    sides = candidates("side", "", None, data_path(data))
    if not sides:
        return None
    listed = ", ".join(side for side, _ in sides)
    return f"{OPTIONS['sides'].help.rstrip('.')}: {listed}."
