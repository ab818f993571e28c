"""What both importers share: the book of places, actors and sides an import gathers, and
the small conversions of a row's cells."""

from __future__ import annotations

from typing import Any

from eastsyria.imports.places import Ids, PlaceTree, slug
from eastsyria.imports.rows import Reject
from eastsyria.imports.sides import SideMap

# ACLED's actor-type codes (inter1, inter2), for an actor's kind.
INTER_KINDS = {
    "1": "state-forces",
    "2": "rebel-group",
    "3": "political-militia",
    "4": "identity-militia",
    "5": "rioters",
    "6": "protesters",
    "7": "civilians",
    "8": "external-forces",
}
NAME_MAX = 300


class Book:
    """The places, actors and sides of one import, gathered row by row."""

    def __init__(self, dataset: str, source: str, sides: SideMap) -> None:
        self.source = source
        self.places = PlaceTree(dataset)
        self.sides = sides
        self._actors: dict[str, dict[str, Any]] = {}
        self._actor_ids = Ids("actor")

    def actor(self, name: str, inter: str = "") -> str:
        """The id of the actor named `name` (as written), added on first sight."""
        known = self._actors.get(name)
        if known is None:
            code = inter.strip()
            kind = INTER_KINDS.get(code) or slug(code, 40) or "group"
            known = {
                "id": self._actor_ids.new(name),
                "name": name,
                "aliases": [],
                "kind": kind,
                "side": self.sides.side_of(name, code),
                "parent": None,
            }
            self._actors[name] = known
        return str(known["id"])

    def actors(self) -> list[dict[str, Any]]:
        return list(self._actors.values())


def clipped(text: str, limit: int = NAME_MAX) -> str:
    """One line of at most `limit` characters, cut at a word with '…' where longer."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def count(value: str, column: str) -> int | None:
    """A figure of the row: None where the cell is blank (no claim), never a made-up 0."""
    text = value.strip()
    if not text:
        return None
    whole = text.removesuffix(".0")
    if not whole.isascii() or not whole.isdigit():
        raise Reject(f"{column} {value!r} is not a whole number of people")
    return int(whole)


def row_id(value: str, column: str) -> str:
    """The row's own id, as a slug ('SYR12345' -> 'syr12345')."""
    made = slug(value, 60)
    if not made:
        raise Reject(f"{column} {value!r} is not an id")
    return made


def names(*cells: str) -> list[str]:
    """The actor names of cells: ACLED's associated actors are split on ';'; blanks dropped."""
    found: list[str] = []
    for cell in cells:
        for part in cell.split(";"):
            name = clipped(part)
            if name and name not in found:
                found.append(name)
    return found
