"""The lanes of the timeline chart: what `--lanes` takes, and which lanes an event goes in.

Light: completion reads `LANES` on every TAB press.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from eastsyria.errors import InputError

# One lane per campaign (the default), per place, per side (the event's lead side) or
# per actor; an event at several places, or with several actors, is in each of their lanes.
LANES: tuple[str, ...] = ("campaign", "place", "side", "actor")


def check_lanes(value: str) -> str:
    if value not in LANES:
        from eastsyria.core.names import did_you_mean, suggest

        hint = did_you_mean(suggest(value, LANES))
        raise InputError(f"--lanes {value!r}: no such lanes{hint} (choose {', '.join(LANES)})")
    return value


def _keys(view: Mapping[str, Any], lanes: str, sides: Mapping[str, str]) -> list[tuple[str, str]]:
    """The lanes (id, name) one event goes in."""
    if lanes == "campaign":
        return [(view["campaign"], view["campaign_name"])]
    if lanes == "side":
        from eastsyria.output.style import lead_side

        side = lead_side(dict(view))
        return [(side, sides.get(side, side))]
    found = {item["id"]: item["name"] for item in view["places" if lanes == "place" else "actors"]}
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
