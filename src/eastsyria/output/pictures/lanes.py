"""The lanes of the timeline chart: which lanes an event goes in (`core.lanes` says which
lanes there are)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


def _keys(view: Mapping[str, Any], lanes: str, sides: Mapping[str, str]) -> list[tuple[str, str]]:
    """The lanes (id, name) one event goes in."""
    if lanes == "campaign":
        return [(view["campaign"], view["campaign_name"])]
    if lanes == "side":
        from eastsyria.contract.events import lead_side

        side = lead_side(dict(view))
        return [(side, sides.get(side, side))]
    found = {
        item["id"]: item.get("label") or item["name"]
        for item in view["places" if lanes == "place" else "actors"]
    }
    return list(found.items())


def group(
    views: Sequence[Mapping[str, Any]], lanes: str, sides: Mapping[str, str]
) -> list[tuple[str, str, list[Mapping[str, Any]]]]:
    """The lanes (id, name, events) in the order their first event comes, events in date
    order; an event in several lanes is in each."""
    found: dict[str, tuple[str, str, list[Mapping[str, Any]]]] = {}
    for view in views:
        for key, name in _keys(view, lanes, sides):
            found.setdefault(key, (key, name, []))[2].append(view)
    return list(found.values())
