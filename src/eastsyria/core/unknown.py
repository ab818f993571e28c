"""The one line for a name the dataset does not know: what was meant, or what to try."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from eastsyria.core.catalog import labels
from eastsyria.core.names import did_you_mean, fold, fold_words, suggest
from eastsyria.data import vocab

if TYPE_CHECKING:
    from eastsyria.core.catalog import Catalog


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
