"""What one dataset confirms, contradicts or lacks in another (`reconcile`).

Two files' events are matched by a rule a user can check: each match carries a score and
the reasons for it.

Candidates. An event of the data file and an event of the other file are a candidate pair
when all four hold:

- dates: their spans (earliest..latest) overlap, or lie at most `days` apart (default 1:
  ACLED and UCDP date a clash to the day where the curated data may say "by 9 November");
- places: some place of one and some place of the other lie within the distance their
  coordinates allow: the two places' `coord_precision_km` added up, plus `PLACE_SLACK_KM`;
- sides: they share a side (the sides of their actors); an event whose actors have no side
  is not held to it;
- types: compatible (`TYPE_FAMILIES`: the same type, or two types of one family, such as a
  curated `capture` and an imported battle, `clash-period`).

Score. The weighted sum (`WEIGHTS`) of four components, each in [0, 1]:

- dates: when the spans overlap, 0.5 + 0.5 x the days they share / the days either covers
  (1 for the same day; 0.625 for 9 November against "by 9 November", 6-9 November; near
  0.5 against a season); when they lie `gap` days apart, 0.5 x (1 - gap / (days + 1));
- place: 1 - 0.5 x distance / allowed (1 at the same point, 0.5 at the limit); times
  min(1, 50 km / allowed): a match that only a wide area allows counts for less;
- sides: the shared sides over the sides of the event with fewer (1: all of them agree);
  0.5 where one event names no side;
- type: 1 for the same type, 0.5 for a compatible one.

Assignment. Each event of the data file gets its best candidate at or above `min_score`
(the first in the other file's order on a tie); several of its events may match one event
of the other file. The events of either file that no match names are "only in" their file.

The matching reads only a `Sketch` of each event (dates, type, places, sides): a large
file's store gives them from its indexes, without a record read. What agrees and differs
(`aspects`) is worked out from the records of the matched events alone.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from eastsyria.core.calendar import span_text
from eastsyria.core.geo import great_circle_km
from eastsyria.data.vocab import RECONCILE_DAYS, RECONCILE_MIN_SCORE

if TYPE_CHECKING:
    from eastsyria.core.catalog import Catalog
    from eastsyria.core.filters import Filters
    from eastsyria.data.records import EventRecord

# The weight of each component in the score: they add up to 1.
WEIGHTS: Mapping[str, float] = {"dates": 0.35, "place": 0.30, "sides": 0.20, "type": 0.15}
DEFAULT_DAYS = RECONCILE_DAYS
DEFAULT_MIN_SCORE = RECONCILE_MIN_SCORE
# Added to the two places' precisions: coordinates of one town differ by a few km between
# datasets (a town's centre, its market, its district office).
PLACE_SLACK_KM = 5.0
# An allowed distance above this counts for less (the place component).
_NEAR_KM = 50.0
# Types that are reported of one happening, each family a set: a curated capture and an
# imported battle at the same place and days may be the same fight.
TYPE_FAMILIES: Mapping[str, frozenset[str]] = {
    "fighting": frozenset(
        {
            "offensive", "advance", "crossing", "encirclement", "siege", "assault",
            "capture", "counter-attack", "repulse", "withdrawal", "clearance",
            "link-up", "clash-period", "relief",
        }
    ),
    "strike": frozenset({"airstrike", "assault", "clash-period"}),
    "losses": frozenset(
        {"casualty-report", "commander-killed", "clash-period", "assault", "airstrike"}
    ),
    "statement": frozenset({"announcement", "casualty-report"}),
}  # fmt: skip
# Sides that name no party: the importers' side of actors no name of theirs matched
# (imports/default_sides.toml). Two rows of unidentified gunmen are not the same fight.
UNNAMED_SIDES = frozenset({"unknown"})
# The sides component of an event whose actors have no side: neither confirmed nor denied.
_UNKNOWN_SIDES = 0.5
# The date index keeps spans in classes by the days they cover past the first (a day, a week,
# a month), each looked up in its own window; longer ones are scanned.
_SPAN_CLASSES = (0, 6, 31)


class Sketch(NamedTuple):
    """What matching reads of an event: its id, its span, type, places and sides."""

    id: str
    earliest: str
    latest: str
    type: str
    places: tuple[str, ...]
    sides: frozenset[str]


def sketch(catalog: Catalog, event: EventRecord) -> Sketch:
    """The sketch of a record: its places sorted, the sides of all its actors (as a store
    keeps them, `event_sides`) but `UNNAMED_SIDES`."""
    sides = {
        catalog.actors[role["actor"]]["side"]
        for role in event["actors"]
        if role["actor"] in catalog.actors
    }
    return Sketch(
        event["id"],
        event["date"]["earliest"],
        event["date"]["latest"],
        event["type"],
        tuple(sorted(set(event["places"]))),
        frozenset(s for s in sides if s and s not in UNNAMED_SIDES),
    )


class Point(NamedTuple):
    lat: float
    lon: float
    km: float


def points(catalog: Catalog) -> dict[str, Point]:
    """Each place's coordinates and precision, by id."""
    return {
        p: Point(r["lat"], r["lon"], r["coord_precision_km"]) for p, r in catalog.places.items()
    }


class Match(NamedTuple):
    data: Sketch
    against: Sketch
    score: float
    # Each component's value, by its name in WEIGHTS.
    components: Mapping[str, float]
    reasons: tuple[str, ...]
    # The nearest pair of places: (data's place, against's place, km apart, km allowed).
    places: tuple[str, str, float, float]


class Reconciled(NamedTuple):
    matches: list[Match]
    only_data: list[Sketch]
    only_against: list[Sketch]


@lru_cache(maxsize=8192)
def day_number(iso: str) -> int:
    return dt.date.fromisoformat(iso).toordinal()


@lru_cache(maxsize=1024)
def types_score(first: str, second: str) -> float:
    """1 for the same type, 0.5 for two of one family (`TYPE_FAMILIES`), else 0."""
    if first == second:
        return 1.0
    together = any(first in f and second in f for f in TYPE_FAMILIES.values())
    return 0.5 if together else 0.0


def sides_score(first: frozenset[str], second: frozenset[str]) -> float | None:
    """The shared sides over the fewer; None when either names no side (not held to it)."""
    if not first or not second:
        return None
    return len(first & second) / min(len(first), len(second))


def dates_score(data: Sketch, against: Sketch, days: int) -> tuple[float, int] | None:
    """(the dates component, the gap in days: 0 when the spans overlap); None beyond `days`."""
    a0, a1 = day_number(data.earliest), day_number(data.latest)
    b0, b1 = day_number(against.earliest), day_number(against.latest)
    gap = max(b0 - a1, a0 - b1, 0)
    if gap > days:
        return None
    if gap:
        return 0.5 * (1 - gap / (days + 1)), gap
    shared = min(a1, b1) - max(a0, b0) + 1
    either = max(a1, b1) - min(a0, b0) + 1
    return 0.5 + 0.5 * shared / either, 0


def place_score(km: float, allowed: float) -> float:
    return (1 - 0.5 * km / allowed) * min(1.0, _NEAR_KM / allowed)


# The nearest pair of places of two events: (data's place, against's place, km, km allowed).
_Nearest = tuple[str, str, float, float]


class _Places:
    """The nearest pair of places of two events, each pair measured once."""

    def __init__(self, data: Mapping[str, Point], against: Mapping[str, Point]) -> None:
        self.data, self.against = data, against
        self._pairs: dict[tuple[str, str], tuple[float, float] | None] = {}
        self._one: dict[str, list[tuple[str, float]]] = {}
        self._sets: dict[tuple[tuple[str, ...], tuple[str, ...]], _Nearest | None] = {}

    def pair(self, a: str, b: str) -> tuple[float, float] | None:
        """(km apart, km allowed) of two places within reach, else None."""
        key = (a, b)
        if key in self._pairs:
            return self._pairs[key]
        p, q = self.data.get(a), self.against.get(b)
        found = None
        if p is not None and q is not None:
            allowed = p.km + q.km + PLACE_SLACK_KM
            # A degree of latitude is at least 111 km apart on any meridian: most pairs are
            # too far by that alone, without the great circle.
            if abs(p.lat - q.lat) * 111.0 <= allowed:
                km = great_circle_km(p.lat, p.lon, q.lat, q.lon)
                found = (km, allowed) if km <= allowed else None
        self._pairs[key] = found
        return found

    def best(self, a: tuple[str, ...], b: tuple[str, ...]) -> _Nearest | None:
        """The pair of places of highest place component (the first of equals), or None if
        none is within reach."""
        found: _Nearest | None = None
        top = -1.0
        for x in a:
            for y in b:
                measured = self.pair(x, y)
                if measured is not None and place_score(*measured) > top:
                    top = place_score(*measured)
                    found = (x, y, *measured)
        return found

    def reach(self, a: tuple[str, ...]) -> dict[str, float]:
        """Each place of the other file within reach of a place of `a`, with the highest
        place component of its pairs; made from each place's own reach, measured once."""
        merged: dict[str, float] = {}
        for x in a:
            own = self._one.get(x)
            if own is None:
                own = self._one[x] = []
                for y in self.against:
                    measured = self.pair(x, y)
                    if measured is not None:
                        own.append((y, place_score(*measured)))
            for y, score in own:
                if score > merged.get(y, -1.0):
                    merged[y] = score
        return merged

    def nearest(self, a: tuple[str, ...], b: tuple[str, ...]) -> _Nearest | None:
        """`best`, each pair of sets of places measured once."""
        key = (a, b)
        if key not in self._sets:
            self._sets[key] = self.best(a, b)
        return self._sets[key]


class _DateIndex:
    """The other file's events of one set of places, by how many days their spans cover: the
    spans of each class sorted by their first day (looked up by bisection), the longest
    apart (scanned)."""

    def __init__(self) -> None:
        # (first day, position in the file) of each class of span, and their first days.
        self.classes: list[list[tuple[int, int]]] = [[] for _ in _SPAN_CLASSES]
        # Each class that has spans: (its longest, their first days, their positions).
        self.kept: list[tuple[int, list[int], list[int]]] = []
        self.first = self.last = 0  # the first day of any short span, the last
        self.long: list[int] = []
        # Each event's first and last day, by its position in the file.
        self.spans: dict[int, tuple[int, int]] = {}

    def add(self, position: int, item: Sketch) -> None:
        first, last = day_number(item.earliest), day_number(item.latest)
        self.spans[position] = first, last
        for index, longest in enumerate(_SPAN_CLASSES):
            if last - first <= longest:
                self.classes[index].append((first, position))
                return
        self.long.append(position)

    def sort(self) -> None:
        # Only the classes that have spans: most sets of places have one or two.
        self.kept = []
        for longest, spans in zip(_SPAN_CLASSES, self.classes, strict=True):
            if spans:
                spans.sort()
                starts = [first for first, _ in spans]
                self.kept.append((longest, starts, [position for _, position in spans]))
        self.first = min((kept[1][0] for kept in self.kept), default=0)
        self.last = max((kept[1][-1] + kept[0] for kept in self.kept), default=0)

    def near(self, first: int, last: int, days: int) -> list[int]:
        """The positions of the events that may lie within `days` of first..last."""
        found = self.long
        if first - days > self.last or last + days < self.first:
            return found
        for longest, starts, positions in self.kept:
            low = bisect.bisect_left(starts, first - days - longest)
            high = bisect.bisect_right(starts, last + days, low)
            if low < high:
                found = found + positions[low:high]
        return found


def _day_text(item: Sketch) -> str:
    return span_text(item.earliest, item.latest)


def reasons_of(
    data: Sketch,
    against: Sketch,
    places: _Nearest,
    *,
    labels: tuple[Mapping[str, str], Mapping[str, str]],
    side_names: Mapping[str, str],
) -> tuple[str, ...]:
    """Why the pair matches, one phrase per component, as the rule reads them."""
    a0, a1 = day_number(data.earliest), day_number(data.latest)
    b0, b1 = day_number(against.earliest), day_number(against.latest)
    gap = max(b0 - a1, a0 - b1, 0)
    data_day, against_day = _day_text(data), _day_text(against)
    if gap == 0:
        dates = f"dates overlap: {data_day} within {against_day}"
        if (data.earliest, data.latest) == (against.earliest, against.latest):
            dates = f"same dates: {data_day}"
    else:
        dates = f"dates {gap} day{'s' * (gap != 1)} apart: {data_day} and {against_day}"
    here, there, km, allowed = places
    named = labels[0].get(here, here)
    other = labels[1].get(there, there)
    at = named if named == other else f"{named} and {other}"
    where = f"{at}: {km:.0f} km apart, within {allowed:.0f} km precision"
    shared = [side_names.get(s, s) for s in sorted(data.sides & against.sides)]
    fewer = min(len(data.sides), len(against.sides))
    if not fewer:
        sides = "sides: not known in one file"
    elif len(shared) == fewer:  # every side of the event that names fewer
        sides = f"sides agree: {' vs '.join(shared)}"
    else:
        sides = f"sides share {', '.join(shared)} ({len(shared)} of {fewer})"
    if data.type == against.type:
        kinds = f"types: both {data.type}"
    else:
        kinds = f"types: {data.type} ~ {against.type}"
    return dates, where, sides, kinds


def reconcile(
    data: Sequence[Sketch],
    against: Sequence[Sketch],
    *,
    where: tuple[Mapping[str, Point], Mapping[str, Point]],
    labels: tuple[Mapping[str, str], Mapping[str, str]] = ({}, {}),
    side_names: Mapping[str, str] | None = None,
    days: int = DEFAULT_DAYS,
    min_score: float = DEFAULT_MIN_SCORE,
) -> Reconciled:
    """Match the data file's events (`data`) with the other file's (`against`), both in
    their files' chronological order; `where` gives each file's places (`points`), `labels`
    their names for the reasons. See the module's rule."""
    by_place: dict[str, _DateIndex] = {}
    for position, item in enumerate(against):
        for place in item.places:
            by_place.setdefault(place, _DateIndex()).add(position, item)
    for index in by_place.values():
        index.sort()
    measure = _Places(*where)
    # Each set of places of the data file: the other file's places within reach, the nearest
    # first, each with the most a pair of events there can score.
    near_sets: dict[tuple[str, ...], list[tuple[float, _DateIndex]]] = {}
    # Events the rule cannot tell apart (all but their ids alike) match alike.
    answered: dict[tuple[object, ...], tuple[float, int, Match] | None] = {}
    names = side_names or {}
    matches: list[Match] = []
    only_data: list[Sketch] = []
    matched: set[int] = set()
    for item in data:
        alike = item[1:]
        if alike in answered:
            best = answered[alike]
        else:
            reach = near_sets.get(item.places)
            if reach is None:
                found_places = measure.reach(item.places)
                reach = sorted(
                    (
                        (_most(score), by_place[place])
                        for place, score in found_places.items()
                        if place in by_place
                    ),
                    key=lambda found: -found[0],
                )
                near_sets[item.places] = reach
            best = _best(item, against, reach, measure, days=days, min_score=min_score)
            if best is not None:
                score, position, found_match = best
                reasons = reasons_of(
                    item, found_match.against, found_match.places, labels=labels, side_names=names
                )
                best = (score, position, found_match._replace(reasons=reasons))
            answered[alike] = best
        if best is None:
            only_data.append(item)
        else:
            matches.append(best[2]._replace(data=item))
            matched.add(best[1])
    only_against = [item for position, item in enumerate(against) if position not in matched]
    return Reconciled(matches, only_data, only_against)


def _most(place: float) -> float:
    """The most a pair of events can score with this place component (the rest all 1)."""
    return round(1 - WEIGHTS["place"] * (1 - place), 3)


def _most_with(place: float, kinds: float) -> float:
    """The most a pair of events can score with these place and type components."""
    most = WEIGHTS["dates"] + WEIGHTS["place"] * place + WEIGHTS["sides"] + WEIGHTS["type"] * kinds
    return round(most, 3)


def _best(
    item: Sketch,
    against: Sequence[Sketch],
    reach: list[tuple[float, _DateIndex]],
    measure: _Places,
    *,
    days: int,
    min_score: float,
) -> tuple[float, int, Match] | None:
    """The best match of `item` among the events at the places in `reach` (the nearest
    first): the highest score at or above `min_score`, the first in the file of equals; a
    place whose events cannot score as high is not read. An event at several places is
    scored once, where it is first found (at its nearest place)."""
    first, last = day_number(item.earliest), day_number(item.latest)
    kind, sides = item.type, item.sides
    best: tuple[float, int, Match] | None = None
    seen: set[int] = set()
    for most, index in reach:
        if most < min_score or (best is not None and most < best[0]):
            break
        for position in index.near(first, last, days):
            if position in seen:
                continue
            seen.add(position)
            # The cheap gates first (most pairs fail one): the days, the sides, the types.
            other = against[position]
            b0, b1 = index.spans[position]
            if b0 - last > days or first - b1 > days:
                continue
            if sides and other.sides and sides.isdisjoint(other.sides):
                continue
            kinds = types_score(kind, other.type)
            if not kinds:
                continue
            nearest = measure.nearest(item.places, other.places)
            if nearest is None:
                continue
            if best is not None and best[0] > _most_with(place_score(*nearest[2:]), kinds):
                continue  # it cannot score as high, whatever its dates and sides
            found = _scored(item, other, nearest, days)
            if found is None or found[0] < min_score:
                continue
            if best is None or (found[0], -position) > (best[0], -best[1]):
                score, components, _ = found
                match = Match(item, other, score, components, (), nearest)
                best = (score, position, match)
    return best


def _scored(
    data: Sketch, against: Sketch, places: tuple[str, str, float, float], days: int
) -> tuple[float, dict[str, float], int] | None:
    """(score, components, gap in days) of a pair whose places are within reach; None where
    another gate (dates, sides, types) fails."""
    kinds = types_score(data.type, against.type)
    if kinds == 0:
        return None
    sides = sides_score(data.sides, against.sides)
    if sides == 0:
        return None
    dated = dates_score(data, against, days)
    if dated is None:
        return None
    components = {
        "dates": dated[0],
        "place": place_score(places[2], places[3]),
        "sides": _UNKNOWN_SIDES if sides is None else sides,
        "type": kinds,
    }
    score = round(sum(WEIGHTS[name] * value for name, value in components.items()), 3)
    return score, components, dated[1]


# -- what agrees and what differs, from the matched events' records ----------------------


class Killed(NamedTuple):
    """The least and the most an event's figures of the killed allow (`core.totals`): figures
    of separate losses added, competing ones a range, a part never added to its whole;
    `high` None: no most (an "at least" figure is in it, or the figures are of some parties
    only, not of everyone killed)."""

    low: int
    high: int | None

    @property
    def text(self) -> str:
        if self.high is None:
            return f"{self.low:,}+"
        if self.high == self.low:
            return f"{self.low:,}"
        return f"{self.low:,}–{self.high:,}"


def killed(catalog: Catalog, event: EventRecord) -> Killed | None:
    """What the event's figures of the killed come to; None when it has none."""
    from eastsyria.core.claims import competing_groups, event_casualties
    from eastsyria.core.totals import totals

    figures = [c for c in event_casualties([event]) if c.claim["kind"] == "killed"]
    if not figures:
        return None
    found = totals(catalog, competing_groups(catalog, figures), per="all", by_place=False)
    if not found:
        return None
    # Figures of some parties only (ISIL's dead, the army's) are the least of the whole toll,
    # never its most: against a count of everyone killed they differ only where they exceed it.
    whole = any(c.claim["party"] == "all" and not c.claim.get("subgroup") for c in figures)
    return Killed(found[0].low, found[0].high if whole else None)


def figures_verdict(data: Killed | None, against: Killed | None) -> str:
    """`agree` when the two ranges overlap (an open range reaches any higher figure),
    `differ` when they do not; `only-data`, `only-against` or `none` when one or both give
    no figure."""
    if data is None or against is None:
        return (
            "none"
            if data is None and against is None
            else ("only-data" if against is None else "only-against")
        )
    below = data.high is not None and data.high < against.low
    above = against.high is not None and against.high < data.low
    return "differ" if below or above else "agree"


def held_after(catalog: Catalog, event: EventRecord) -> tuple[str, ...]:
    """The sides the event's control records hand its places to, each once, in order."""
    return tuple(dict.fromkeys(catalog.holder_side(change["to"]) for change in event["control"]))


def held_verdict(data: tuple[str, ...], against: tuple[str, ...]) -> str:
    """`agree` when both record the same sides taking hold, `differ` when they record others;
    `only-data`, `only-against` or `none` when one or both record no change of hands."""
    if not data or not against:
        return (
            "none" if not data and not against else ("only-data" if not against else "only-against")
        )
    return "agree" if set(data) == set(against) else "differ"


def dates_verdict(data: Sketch, against: Sketch) -> tuple[str, int]:
    """(`same`, `overlap` or `apart`, the days between the spans: 0 unless apart)."""
    if (data.earliest, data.latest) == (against.earliest, against.latest):
        return "same", 0
    a0, a1 = day_number(data.earliest), day_number(data.latest)
    b0, b1 = day_number(against.earliest), day_number(against.latest)
    gap = max(b0 - a1, a0 - b1, 0)
    return ("overlap", 0) if gap == 0 else ("apart", gap)


def types_verdict(data: str, against: str) -> str:
    return "same" if data == against else "compatible"


def selected_sketches(
    catalog: Catalog, filters: Filters, name: str
) -> tuple[list[Sketch], dict[str, str]]:
    """The sketches of the events the filters keep of one file (`name`, which a bad value
    names: a place or actor that file does not know), chronological, and their titles by
    id. A large file's store answers from its indexes where it decides the whole query."""
    from eastsyria.core.query import build_query, decided_by_source, run, selection
    from eastsyria.data.store import Store
    from eastsyria.errors import InputError

    try:
        query = build_query(catalog, filters)
    except InputError as exc:
        raise InputError(f"{name}: {exc.message}") from None
    source = catalog.source
    if isinstance(source, Store) and decided_by_source(query):
        from eastsyria.data.sketches import stored_sketches

        rows, titles = stored_sketches(source, selection(catalog, query))
        return [
            Sketch._make((*row[:5], row[5] - UNNAMED_SIDES))
            if row[5] & UNNAMED_SIDES
            else Sketch._make(row)
            for row in rows
        ], titles
    found = run(catalog, query)
    return [sketch(catalog, event) for event in found], {e["id"]: e["title"] for e in found}
