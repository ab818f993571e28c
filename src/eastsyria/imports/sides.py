"""Which side each imported actor is on: a small mapping file the user can edit.

The shipped defaults are `default_sides.toml` (printed by `eastsyria import sides`); a user's
own file has the same shape, in TOML or JSON: `[[sides]]` with id, name, description and the
names (`match`) that put an actor on the side, an `[inter]` table from ACLED's actor-type codes
to a side for actors no name matches, and the `default` side for every other actor.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from pathlib import Path
from typing import Any, NamedTuple

from eastsyria.data.load import read_bytes
from eastsyria.errors import DataFileError, InputError

DEFAULT_FILE = Path(__file__).with_name("default_sides.toml")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# The schema's limits (data.values): an id, a name.
ID_MAX = 120
NAME_MAX = 300


class SideRule(NamedTuple):
    id: str
    name: str
    description: str
    pattern: re.Pattern[str] | None


class SideMap:
    """The sides of an import, and the side of each actor by its name (and ACLED inter code)."""

    def __init__(self, rules: list[SideRule], inter: dict[str, str], default: str) -> None:
        self.rules = rules
        self.inter = {key.casefold(): value for key, value in inter.items()}
        self.default = default
        self._known: dict[tuple[str, str], str] = {}

    def side_of(self, name: str, inter: str = "") -> str:
        """The side whose longest matching name is the longest (ties: the side listed
        first); else the inter code's side; else the default."""
        key = (name, inter)
        if key not in self._known:
            best, length = None, 0
            for rule in self.rules:
                for found in rule.pattern.finditer(name) if rule.pattern else ():
                    if len(found.group()) > length:
                        best, length = rule.id, len(found.group())
            fallback = self.inter.get(inter.strip().casefold(), self.default)
            self._known[key] = best or fallback
        return self._known[key]

    def sides(self) -> list[dict[str, str]]:
        return [{"id": r.id, "name": r.name, "description": r.description} for r in self.rules]


def default_text() -> str:
    return DEFAULT_FILE.read_text(encoding="utf-8")


def load(path: Path | None) -> SideMap:
    """The mapping of `path` (TOML, or JSON if it ends in .json); the defaults without one."""
    shown = path or DEFAULT_FILE
    form = "JSON" if shown.suffix.lower() == ".json" else "TOML"
    try:
        # Read as a data file is: a pipe or a device is refused at once, never waited on.
        content = read_bytes(shown, "sides file", form)
    except DataFileError:
        if not os.path.lexists(shown):
            raise InputError(
                f"no sides file {shown}: start one with: eastsyria import sides > {shown}"
            ) from None
        raise
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"cannot read sides file {shown}: {exc}") from None
    try:
        raw = json.loads(text) if shown.suffix.lower() == ".json" else tomllib.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"sides file {shown} is not valid {form}: {exc}") from None
    except RecursionError:
        raise InputError(f"sides file {shown} is nested too deeply to read") from None
    return _mapping(shown, raw)


def _mapping(path: Path, raw: Any) -> SideMap:
    def bad(where: str, what: str) -> InputError:
        return InputError(f"sides file {path}: {where} {what} (see: eastsyria import sides)")

    if not isinstance(raw, dict) or not isinstance(raw.get("sides"), list) or not raw["sides"]:
        raise bad("it", "lists no [[sides]]")
    rules: list[SideRule] = []
    for index, side in enumerate(raw["sides"]):
        where = f"sides[{index}]"
        if not isinstance(side, dict):
            raise bad(where, "is not a table")
        side_id = side.get("id")
        if not isinstance(side_id, str) or not _SLUG.match(side_id) or len(side_id) > ID_MAX:
            raise bad(
                f"{where}.id",
                f"{side_id!r} is not an id like 'government' or 'isil' (at most {ID_MAX} "
                "characters)",
            )
        names = side.get("match", [])
        if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
            raise bad(f"{where}.match", "must be a list of names")
        name = side.get("name", side_id)
        if not isinstance(name, str) or not name.strip() or len(name) > NAME_MAX:
            raise bad(f"{where}.name", f"must be a name of 1 to {NAME_MAX} characters")
        alternatives = "|".join(re.escape(n.strip()) for n in sorted(names, key=len, reverse=True))
        pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE) if names else None
        rules.append(SideRule(side_id, name, str(side.get("description", "")), pattern))
    ids = [rule.id for rule in rules]
    if len(set(ids)) != len(ids):
        raise bad("[[sides]]", "lists a side id twice")
    default = raw.get("default", "unknown")
    if default not in ids:
        raise bad("default", f"{default!r} is not one of the sides listed: {', '.join(ids)}")
    inter = raw.get("inter", {})
    if not isinstance(inter, dict):
        raise bad("[inter]", "is not a table")
    for code, side_id in inter.items():
        if side_id not in ids:
            raise bad(f"inter {code!r}", f"names side {side_id!r}, not one of: {', '.join(ids)}")
    return SideMap(rules, {str(k): str(v) for k, v in inter.items()}, str(default))
