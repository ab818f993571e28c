"""Places that share a name: how each is shown, and what a typed name stands for.

An import can hold a town and its district both named "Abu Kamal" (ACLED's location and
admin2), or a UCDP location and governorate both "Dayr az Zawr governorate". Names match as
`fold` compares them, so "Deir ez-Zor" and "Deir ez Zor" are one name too. Such places are
never shown alike (`place_labels`):

- a place whose name no other place has is shown by its name;
- places that share a name are each shown with their kind: "Abu Kamal (location)", "Abu
  Kamal (district)" (the importers' admin1 and admin2 are a governorate and a district in
  Syria and Iraq, and keep those codes elsewhere);
- two of the same kind add what they lie in: "Hamidiyah (town in Mayadin)";
- and where even that is shared, the id: "Hamidiyah (hamidiyah-2)".

Here and not in `catalog`, so that completion offers the same names without loading it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from eastsyria.core.names import fold

# What the importers' administrative levels are called where the project's data lies.
_ADMIN_WORDS = {"admin1": "governorate", "admin2": "district"}
_ADMIN_COUNTRIES = frozenset({"Syria", "Iraq"})


def kind_word(kind: str, country: str = "") -> str:
    """A place's kind as a reader says it: 'district' for an import's Syrian admin2."""
    if kind in _ADMIN_WORDS and country in _ADMIN_COUNTRIES:
        return _ADMIN_WORDS[kind]
    return kind.replace("-", " ")


def place_labels(places: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """By id, the name each place is shown by (see the module's docstring). Reads the places
    of a file not yet validated too (completion): a field that is missing counts as blank."""
    items = {str(p.get("id", "")): p for p in places}
    names = {pid: str(p.get("name") or pid) for pid, p in items.items()}
    sharing: dict[str, list[str]] = defaultdict(list)
    for pid, name in names.items():
        sharing[fold(name)].append(pid)
    labels = dict(names)
    for group in sharing.values():
        if len(group) < 2:
            continue
        words = {
            pid: kind_word(str(items[pid].get("kind") or "place"), str(items[pid].get("country")))
            for pid in group
        }
        counts = Counter(words.values())
        for pid in group:
            word = words[pid]
            if counts[word] > 1:
                parent = items.get(str(items[pid].get("parent")))
                word = f"{word} in {names[str(parent.get('id'))]}" if parent else pid
            labels[pid] = f"{names[pid]} ({word})"
        # The same kind in places of the same name: the id tells them apart.
        seen = Counter(fold(labels[pid]) for pid in group)
        for pid in group:
            if seen[fold(labels[pid])] > 1:
                labels[pid] = f"{names[pid]} ({pid})"
    taken = set(sharing)
    for pid, label in labels.items():
        if label != names[pid] and fold(label) in taken:
            # A place is named like another's label, "Abu Kamal (district)": the id.
            labels[pid] = f"{names[pid]} ({pid})"
    return labels


def listed(ids: Iterable[str], labels: Mapping[str, str], limit: int = 5) -> str:
    """ "'Abu Kamal (location)' (abu-kamal) and 'Abu Kamal (district)' (abu-kamal-admin2)"."""
    found = list(ids)
    quoted = [f"'{labels.get(pid, pid)}' ({pid})" for pid in found[:limit]]
    if len(found) > limit:
        return f"{', '.join(quoted)} and {len(found) - limit} more (eastsyria places lists them)"
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} and {quoted[-1]}"


def ambiguity_note(option: str, typed: str, ids: list[str], labels: Mapping[str, str]) -> str:
    """The stderr line for a name that fits several places, answered for all of them."""
    every = "both" if len(ids) == 2 else f"all {len(ids)}"
    return (
        f"{option} {typed!r} fits {len(ids)} places, so the answer is for {every}: "
        f"{listed(ids, labels)}; to pick one, give the name as shown or the id"
    )


def ambiguity_refusal(option: str, typed: str, ids: list[str], labels: Mapping[str, str]) -> str:
    """The error for a name that fits several places where one place is needed."""
    return (
        f"{option} {typed!r} fits {len(ids)} places: {listed(ids, labels)}; "
        "it takes one: give the name as shown or the id"
    )
