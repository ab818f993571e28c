"""Where a data file contradicts itself about who held what; `validate` reports each as a
problem a data author must fix, so that no answer of `control` rests on a contradiction.

- A place and its parts: a place held in full by one side cannot have a part (a place whose
  `parent` chain leads to it) held by another; a place split between holders cannot have a
  part held by someone who holds none of it. Checked at the end of every day on which either
  of them may have changed hands, and reported with the days it lasts.
- A chain that does not connect: a change's `from` side must be among the holders the data
  gives the place just before it (its starting holders, or what the change before it left).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from eastsyria.core.calendar import shifted
from eastsyria.core.control import after, changes_by_place, first_period
from eastsyria.errors import Problem

if TYPE_CHECKING:
    from eastsyria.core.catalog import Catalog
    from eastsyria.core.control import Change, Period, Share


def control_problems(catalog: Catalog) -> list[Problem]:
    """Every contradiction in the data's account of control, chain breaks first."""
    return [*chain_breaks(catalog), *part_contradictions(catalog)]


def _holders(shares: tuple[Share, ...]) -> str:
    return " and ".join(
        share.holder if share.extent == "full" else f"{share.holder} (part)" for share in shares
    )


def chain_breaks(catalog: Catalog) -> list[Problem]:
    """Changes whose `from` side did not hold the place just before, as the data tells it."""
    found = []
    for place_id, chain in changes_by_place(catalog).items():
        first = first_period(catalog, place_id, chain)
        if first is None:
            continue
        # Without `held_at_start` the first change's own `from` side starts the chain.
        shares, before = first.shares, "its held_at_start"
        for step in chain:
            change = step.change
            if change["from"] not in {share.holder for share in shares}:
                found.append(
                    Problem(
                        f"events[id={step.event['id']}].control (place {place_id})",
                        f"{change['from']} loses {place_id} here, but {before} leaves it to "
                        f"{_holders(shares)}: give the change the side that held the place "
                        "then, or add the change that gave it to this side",
                    )
                )
            shares = after(shares, change)
            before = f"event {step.event['id']}"
    return found


def _parts(catalog: Catalog) -> dict[str, list[str]]:
    """Each place to the places that lie inside it, at any depth (`parent` chains)."""
    inside: dict[str, list[str]] = {}
    for place_id in catalog.places:
        seen = {place_id}
        parent = catalog.places[place_id]["parent"]
        while parent is not None and parent in catalog.places and parent not in seen:
            inside.setdefault(parent, []).append(place_id)
            seen.add(parent)
            parent = catalog.places[parent]["parent"]
    return inside


def _days(chain: list[Change]) -> set[str]:
    return {c.event["date"][end] for c in chain for end in ("earliest", "latest")}


class Held(NamedTuple):
    """Who held a place at the end of `day`, as `standing` tells it, and the change that gave
    it (None: its first period)."""

    day: str
    shares: tuple[Share, ...]
    begun: Change | None


def timeline(first: Period | None, chain: list[Change], days: list[str]) -> list[Held]:
    """The place's holders at the end of each of `days` (sorted), in one pass over its
    changes: what `standing` gives for each day, without going over the chain for every
    day. A change is done once its latest day is past, with every change before it; before
    the first change of a place known only from it, nobody holds it unless that change may
    be pending (the chain is in order of earliest days)."""
    if first is None:
        return [Held(day, (), None) for day in days]
    by_latest = sorted(range(len(chain)), key=lambda i: chain[i].event["date"]["latest"])
    found, shares = [], first.shares
    done, applied, next_latest = -1, -1, 0
    for day in days:
        while next_latest < len(by_latest) and (
            chain[by_latest[next_latest]].event["date"]["latest"] <= day
        ):
            done = max(done, by_latest[next_latest])
            next_latest += 1
        while applied < done:
            applied += 1
            shares = after(shares, chain[applied].change)
        pending = done + 1 < len(chain) and chain[done + 1].event["date"]["earliest"] <= day
        if not first.known_since and done < 0 and not pending:
            found.append(Held(day, (), None))
        else:
            found.append(Held(day, shares, chain[done] if done >= 0 else None))
    return found


def _clash(whole: Held, part: Held) -> bool:
    """True when `part` has a holder that holds none of `whole` (both known)."""
    if not whole.shares or not part.shares:
        return False
    holders = {share.holder for share in whole.shares}
    return any(share.holder not in holders for share in part.shares)


def _day_before(day: str) -> str:
    """The day before `day`; the calendar's first day has none, and stays itself."""
    return shifted(dt.date.fromisoformat(day), -1).isoformat()


def _since(held: Held) -> str:
    return f"event {held.begun.event['id']}" if held.begun else "the start of the data"


def _at(held: list[Held], day: str, index: int) -> int:
    """The index in `held` of the last entry on or before `day`, from `index` on."""
    while index + 1 < len(held) and held[index + 1].day <= day:
        index += 1
    return index


def part_contradictions(catalog: Catalog) -> list[Problem]:
    """Every span of days on which a place and a place inside it disagree on who held them."""
    chains = changes_by_place(catalog)
    # The holdings at the start are checked from the first day any place changed hands.
    firsts = [chain[0].event["date"]["earliest"] for chain in chains.values() if chain]
    start = {min(firsts)} if firsts else set()
    held: dict[str, list[Held]] = {}

    def timeline_of(place_id: str) -> list[Held]:
        if place_id not in held:
            chain = chains.get(place_id, [])
            days = sorted(_days(chain) | start)
            held[place_id] = timeline(first_period(catalog, place_id, chain), chain, days)
        return held[place_id]

    found = []
    for whole_id, parts in _parts(catalog).items():
        if not chains.get(whole_id) and not catalog.places[whole_id]["held_at_start"]:
            continue
        for part_id in parts:
            if not chains.get(part_id) and not catalog.places[part_id]["held_at_start"]:
                continue
            wholes, partials = timeline_of(whole_id), timeline_of(part_id)
            days = sorted({h.day for h in wholes} | {h.day for h in partials})
            spans: list[tuple[str, str, Held, Held]] = []
            at_whole = at_part = 0
            for index, day in enumerate(days):
                at_whole, at_part = _at(wholes, day, at_whole), _at(partials, day, at_part)
                whole, part = wholes[at_whole], partials[at_part]
                if not _clash(whole, part):
                    continue
                following = days[index + 1] if index + 1 < len(days) else None
                last = _day_before(following) if following else "the end of the data"
                earlier = spans[-1] if spans else None
                if (
                    earlier is not None
                    and earlier[1] == _day_before(day)
                    and (earlier[2].shares, earlier[3].shares) == (whole.shares, part.shares)
                ):
                    spans[-1] = (earlier[0], last, earlier[2], earlier[3])
                else:
                    spans.append((day, last, whole, part))
            for first, last, whole, part in spans:
                found.append(
                    Problem(
                        f"places[id={whole_id}] and places[id={part_id}]",
                        f"from the end of {first} until {last}, {whole_id} is held by "
                        f"{_holders(whole.shares)} (since {_since(whole)}), but {part_id}, "
                        f"which lies inside it, is held by {_holders(part.shares)} (since "
                        f"{_since(part)}): make the change that gave {whole_id} partial, or "
                        f"add the change that gave {part_id} to its holder",
                    )
                )
    return found
