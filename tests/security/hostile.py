"""A hostile data file: the shipped dataset with escape sequences in every free-text string.

Every string of the shipped file that the schema does not constrain (names, aliases,
titles, summaries, notes, descriptions, claims, section titles...) gets `EVIL` appended:
OSC (window title), CSI (colour, clear screen), BEL, a C1 CSI, a right-to-left override,
a line separator and a tag character. Ids, dates, enumerations and references keep their
values, so the file stays valid and every command has something to show.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eastsyria.data.load import shipped_data_path

EVIL = "\x1b]0;PWNED\x07\x1b[31m\x1b[2J\x9b2J\u202eevil\u2028\U000e0041\x7f"

# Keys whose values are ids, dates, enumerations, links or references: the schema checks
# them, so they cannot carry text.
_CONSTRAINED = frozenset(
    [
        "id",
        "actor",
        "anchor",
        "article",
        "campaign",
        "claimant",
        "claimed_by",
        "earliest",
        "event",
        "extent",
        "from",
        "holder",
        "kind",
        "latest",
        "parent",
        "party",
        "place",
        "places",
        "precision",
        "qualifier",
        "role",
        "section",
        "side",
        "status",
        "surrounds",
        "to",
        "type",
        "unit",
        "units",
        "url",
    ]
)

# What no output may carry raw: C0 controls but tab and newline, DEL, C1 controls, bidi
# controls, line/paragraph separators, other invisible format characters, tag characters.
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u206f"
    "\ufeff\U000e0000-\U000e007f]"
)
# What Rich itself writes when colour is on: SGR colours and OSC 8 hyperlinks.
_RICH_CODES = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b\x07]*\x1b\\")


def unsafe_in(text: str, *, colour: bool = False) -> list[str]:
    """The unsafe characters of `text`, Rich's own colour and link codes aside if `colour`."""
    return UNSAFE.findall(_RICH_CODES.sub("", text) if colour else text)


def _poison(node: Any, poison: Callable[[str], str], key: str | None = None) -> Any:
    if isinstance(node, dict):
        return {k: _poison(v, poison, k) for k, v in node.items()}
    if isinstance(node, list):
        return [_poison(item, poison, key) for item in node]
    if isinstance(node, str) and key not in _CONSTRAINED:
        return poison(node)
    return node


def hostile_document(poison: Callable[[str], str] = lambda text: text + EVIL) -> dict[str, Any]:
    """The shipped dataset with every free-text string replaced by `poison` of it (by
    default, `EVIL` appended), in the order the file holds them."""
    document = json.loads(shipped_data_path().read_text(encoding="utf-8"))
    poisoned: dict[str, Any] = _poison(document, poison)
    poisoned["schema_version"] = document["schema_version"]
    return poisoned


def write_hostile(directory: Path) -> Path:
    path = directory / "hostile.json"
    path.write_text(json.dumps(hostile_document(), ensure_ascii=False), encoding="utf-8")
    return path
