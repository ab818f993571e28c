"""Choosing fields: what `--fields` names, checked against a contract's field list."""

from __future__ import annotations

from typing import Any

from eastsyria.core.names import did_you_mean, suggest
from eastsyria.errors import InputError


def check_fields(requested: str | None, known: tuple[str, ...]) -> tuple[str, ...]:
    """The fields named by --fields, in the order given; all of them when None."""
    if requested is None:
        return known
    names = tuple(dict.fromkeys(name.strip() for name in requested.split(",") if name.strip()))
    if not names:
        raise InputError(f"--fields {requested!r} names no field; known: {', '.join(known)}")
    for name in names:
        if name not in known:
            hint = did_you_mean(suggest(name, known))
            raise InputError(f"no field {name!r}{hint} (known: {', '.join(known)})")
    return names


def pick(view: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    return {name: view[name] for name in fields}
