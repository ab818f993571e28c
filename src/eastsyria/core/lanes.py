"""What `--lanes` takes. Light: completion reads `LANES` on every TAB press."""

from __future__ import annotations

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
