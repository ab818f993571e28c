"""What both importers share: the book of places, actors and sides an import gathers, and
the small conversions of a row's cells."""

from __future__ import annotations

from typing import Any

from eastsyria.imports.places import Ids, PlaceTree, slug
from eastsyria.imports.rows import Reject, shown
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
# The schema's limit on a name (data.values.Name): a longer actor or outlet is cut to it
# (`clipped`), a longer place is a reported row (`place_names`).
NAME_MAX = 300
# The largest figure of people a row may give. More is no count of one event (the world has
# some 8 billion people); and it keeps figures far below 2**53, above which JavaScript (an
# export's reader) and a float (the store's SQLite) lose whole numbers.
MOST_PEOPLE = 1_000_000_000


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
        raise Reject(f"{column} {shown(value)} is not a whole number of people")
    # Looked at before int(): Python refuses to read a number of over 4,300 digits.
    digits = whole.lstrip("0") or "0"
    if len(digits) > len(str(MOST_PEOPLE)) or int(digits) > MOST_PEOPLE:
        raise Reject(
            f"{column} {shown(value)} is above {MOST_PEOPLE:,} people: no count of one event"
        )
    return int(digits)


def place_names(values: dict[str, str], columns: dict[str, str]) -> dict[str, str]:
    """The row's place at each level (`columns`: level -> its column), spaces made single;
    a name longer than the schema allows is a reported row, not a file that fails
    `validate`."""
    found = {}
    for level, column in columns.items():
        name = " ".join(values[column].split())
        if len(name) > NAME_MAX:
            raise Reject(
                f"{column} is {len(name):,} characters long: a place's name has at most "
                f"{NAME_MAX} ({shown(name)})"
            )
        found[level] = name
    return found


def row_id(value: str, column: str) -> str:
    """The row's own id, as a slug ('SYR12345' -> 'syr12345')."""
    made = slug(value, 60)
    if not made:
        raise Reject(f"{column} {shown(value)} is not an id")
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


# The longest text a kept column may hold (the schema's limit; ACLED's tags run longest).
FIELD_TEXT_MAX = 2000
# The largest whole number a kept column may hold: JavaScript's and a float's exact integers.
FIELD_NUMBER_MAX = 2**53 - 1


def dataset_fields(kind: str, values: dict[str, str]) -> dict[str, Any]:
    """The event's `dataset`: the row's columns that the dataset's users sync, group and
    filter by (`vocab.DATASET_FIELDS`), each as written (spaces made single), a whole number
    where the codebook gives one, null where the cell is blank or the export has no such
    column (ACLED's older layout has no disorder_type, civilian_targeting or tags)."""
    from eastsyria.data.vocab import DATASET_FIELDS

    fields: dict[str, Any] = {}
    for column, whole in DATASET_FIELDS[kind].items():
        text = " ".join(values.get(column, "").split())
        if not text:
            fields[column] = None
        elif whole:
            digits = text.removesuffix(".0")
            if not digits.isascii() or not digits.isdigit() or len(digits) > 16:
                raise Reject(f"{column} {shown(text)} is not a whole number")
            if int(digits) > FIELD_NUMBER_MAX:
                raise Reject(f"{column} {shown(text)} is above {FIELD_NUMBER_MAX:,}")
            fields[column] = int(digits)
        else:
            fields[column] = clipped(text, FIELD_TEXT_MAX)
    return {"name": kind, "fields": fields}
