"""Every filter of the events, declared once: its options (flags, help, type, what completes
them, which commands take them), how what was typed is checked against the catalog, the rule
an event must meet, and what an events source's indexes can tell of it.

From these entries `cli.options` makes the Typer options, `query.build_query` the checked
query, `query.matches` the test of each event and `query.selection` the selection a source
answers (a store in SQL). A new filter is one `Filter` in `FILTERS` and its rule.

All filters combine with AND; repeated values of one filter (two --place options) with OR.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from eastsyria.core.dates import DaySpan, inside, overlaps, parse_span
from eastsyria.core.geo import SORT_KEYS
from eastsyria.core.names import did_you_mean, fold_words, suggest
from eastsyria.core.near import DEFAULT_RADIUS_KM, RADIUS_FORMS, near_places, parse_radius
from eastsyria.data import vocab
from eastsyria.errors import InputError

if TYPE_CHECKING:
    from eastsyria.core.catalog import Catalog
    from eastsyria.data.records import EventRecord
    from eastsyria.data.store import Selection

# The commands that take the filters (each takes every filter whose `commands` name it).
# `reconcile` selects with every filter on both of its files, but a cut or an order of one
# file's events (--limit, --reverse, --sort) means nothing there: those are for the others.
_ORDERED_COMMANDS = frozenset(
    {"events", "timeline", "stats", "map", "disputes", "casualties", "report", "brief"}
)
FILTER_COMMANDS = _ORDERED_COMMANDS | {"reconcile"}


# Plain named tuples, not dataclasses: every TAB press reads these declarations
# (`cli.spec`), and importing `dataclasses` (with `inspect`) took a tenth of a press.
class Option(NamedTuple):
    """One option of the command line: `name` is its keyword in `Filters` and the command's
    parameter; `metavar` None is a flag without a value; `completes` is a kind of value
    `cli.values.candidates` offers; `many` may be repeated (a tuple of values)."""

    name: str
    flags: tuple[str, ...]
    help: str
    metavar: str | None = None
    completes: str | None = None
    value: type = str
    many: bool = False
    default: Any = None

    def typed(self, value: Any) -> Any:
        return tuple(value or ()) if self.many else value


class Filter(NamedTuple):
    """A filter and its options. `check` turns what was typed into the checked value (None:
    not asked for), or raises InputError; `checked_at` orders the checks, so that of several
    bad values the one told first stays the same. An asked-for filter keeps the events its
    `admits` takes; `selects` says it as a source's selection (without it the source gives
    every event, and `admits` alone decides). `commands`: the commands that take it."""

    name: str
    options: tuple[Option, ...]
    check: Callable[[Catalog, Filters], Any] | None = None
    checked_at: int = 100
    admits: Callable[[Catalog, Any, EventRecord], bool] | None = None
    selects: Callable[[Catalog, Any], Selection] | None = None
    commands: frozenset[str] = FILTER_COMMANDS


class Filters:
    """The filters as typed on the command line, before they are checked: each option's
    value by its name (`Filters(places=("Mayadin",), limit=5)`), the others their default."""

    __slots__ = ("_typed",)

    def __init__(self, **typed: Any) -> None:
        unknown = sorted(typed.keys() - OPTIONS.keys())
        if unknown:
            raise TypeError(f"no filter option {unknown[0]!r}")
        values = {name: typed.get(name, option.default) for name, option in OPTIONS.items()}
        self._typed = {name: OPTIONS[name].typed(value) for name, value in values.items()}

    def __getattr__(self, name: str) -> Any:
        try:
            return self._typed[name]
        except KeyError:
            raise AttributeError(name) from None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Filters) and self._typed == other._typed

    def __hash__(self) -> int:
        return hash(tuple(self._typed.items()))

    def __repr__(self) -> str:
        given = (f"{k}={v!r}" for k, v in self._typed.items() if v != OPTIONS[k].default)
        return f"Filters({', '.join(given)})"


# -- the rules, filter by filter -------------------------------------------------------------


def _selection(**parts: Any) -> Selection:
    """A source's selection, of the store's module: imported once a query is built, never by
    a TAB press, which reads only the declarations."""
    from eastsyria.data.store import Selection

    return Selection(**parts)


def date_bounds(filters: Filters) -> tuple[str | None, str | None]:
    if filters.date_on is not None and (
        filters.date_from is not None or filters.date_to is not None
    ):
        raise InputError("--on cannot be combined with --from or --to; use either")
    if filters.date_on is not None:
        return parse_span(filters.date_on).iso()
    low: DaySpan | None = parse_span(filters.date_from) if filters.date_from is not None else None
    high: DaySpan | None = parse_span(filters.date_to) if filters.date_to is not None else None
    if low is not None and high is not None and low.start > high.end:
        raise InputError(
            f"--from {filters.date_from!r} is later than --to {filters.date_to!r}; swap them"
        )
    return (
        low.start.isoformat() if low is not None else None,
        high.end.isoformat() if high is not None else None,
    )


def _dates(_: Catalog, filters: Filters) -> tuple[str | None, str | None, bool] | None:
    start, end = date_bounds(filters)
    return None if start is None and end is None else (start, end, filters.within)


def _in_dates(_: Catalog, dates: tuple[str | None, str | None, bool], event: EventRecord) -> bool:
    start, end, within = dates
    test = inside if within else overlaps
    return test(event["date"]["earliest"], event["date"]["latest"], start, end)


def _places(catalog: Catalog, filters: Filters) -> frozenset[str] | None:
    if filters.inside and not filters.places:
        raise InputError("--inside needs --place PLACE")
    if not filters.places:
        return None
    ids = [pid for name in filters.places for pid in catalog.places_named(name)]
    reach = catalog.places_within if filters.inside else catalog.places_around
    return frozenset().union(*(reach(i) for i in ids))


def _at_places(_: Catalog, places: frozenset[str], event: EventRecord) -> bool:
    return not places.isdisjoint(event["places"])


def _radius(_: Catalog, filters: Filters) -> None:
    if filters.radius is not None and filters.near is None:
        raise InputError("--radius needs --near PLACE")
    if filters.radius is not None:
        parse_radius(filters.radius)


def _wholly_within(_: Catalog, filters: Filters) -> None:
    if filters.wholly_within and filters.near is None:
        raise InputError("--wholly-within needs --near PLACE")


def _near(catalog: Catalog, filters: Filters) -> tuple[str, frozenset[str]] | None:
    """The --near place's id and the places within the radius of it."""
    radius = DEFAULT_RADIUS_KM if filters.radius is None else parse_radius(filters.radius)
    near, nearby = near_places(catalog, filters.near, radius, wholly=filters.wholly_within)
    return None if near is None else (near, nearby)


def _limit(_: Catalog, filters: Filters) -> int | None:
    if filters.limit is not None and filters.limit < 1:
        raise InputError(f"--limit must be 1 or more, not {filters.limit}")
    return filters.limit  # type: ignore[no-any-return]


def _by_distance(_: Catalog, filters: Filters) -> bool | None:
    """Whether --sort asks for the nearest first; raises InputError on a key it cannot take."""
    if filters.sort not in SORT_KEYS:
        raise InputError(f"--sort must be {' or '.join(SORT_KEYS)}, not {filters.sort!r}")
    if filters.sort == "distance" and filters.near is None:
        raise InputError("--sort distance needs --near PLACE, the place to measure from")
    return True if filters.sort == "distance" else None


def _actors(catalog: Catalog, filters: Filters) -> frozenset[str] | None:
    if not filters.actors:
        return None
    ids = [catalog.resolve_actor(name) for name in filters.actors]
    return frozenset().union(*(catalog.actors_within(i) for i in ids))


def _with_actors(_: Catalog, actors: frozenset[str], event: EventRecord) -> bool:
    return any(a["actor"] in actors for a in event["actors"])


def _sides(catalog: Catalog, filters: Filters) -> frozenset[str] | None:
    return frozenset(catalog.resolve_side(s) for s in filters.sides) if filters.sides else None


def _actors_of_sides(catalog: Catalog, sides: frozenset[str]) -> Selection:
    return _selection(
        actor_sets=(frozenset(a for a, r in catalog.actors.items() if r["side"] in sides),)
    )


def _types(catalog: Catalog, filters: Filters) -> frozenset[str] | None:
    return frozenset(catalog.resolve_type(t) for t in filters.types) if filters.types else None


def _campaigns(catalog: Catalog, filters: Filters) -> frozenset[str] | None:
    if not filters.campaigns:
        return None
    ids = [catalog.resolve_campaign(c) for c in filters.campaigns]
    return frozenset().union(*(catalog.campaigns_within(i) for i in ids))


def _words(_: Catalog, filters: Filters) -> tuple[str, ...] | None:
    words = tuple(fold_words(filters.text).split()) if filters.text else ()
    if filters.text is not None and not words:
        raise InputError(f"--text {filters.text!r} has no words to search for")
    return words or None


def _has_words(_: Catalog, words: tuple[str, ...], event: EventRecord) -> bool:
    haystack = fold_words(f"{event['title']} {event['summary']}")
    padded = f" {haystack} "
    return all(f" {word}" in padded for word in words)


def _wheres(_: Catalog, filters: Filters) -> tuple[tuple[str, frozenset[str]], ...] | None:
    """--where FIELD=VALUE: each kept field asked for and the values it may have (folded),
    in the order first typed. The same field twice is either value; two fields are both."""
    if not filters.where:
        return None
    wanted: dict[str, set[str]] = {}
    for typed in filters.where:
        field, equals, value = typed.partition("=")
        field = field.strip()
        example = "such as --where 'sub_event_type=Air/drone strike'"
        if not equals or not field:
            raise InputError(f"--where {typed!r} is not FIELD=VALUE, {example}")
        if field not in vocab.DATASET_FIELD_NAMES:
            hint = did_you_mean(suggest(field, vocab.DATASET_FIELD_NAMES))
            raise InputError(
                f"--where: no kept field {field!r}{hint} (the kept fields of imported rows: "
                f"{', '.join(vocab.DATASET_FIELD_NAMES)})"
            )
        folded = vocab.fold_kept(value)
        if not folded:
            raise InputError(f"--where {typed!r} has no value, {example}")
        wanted.setdefault(field, set()).add(folded)
    return tuple((field, frozenset(values)) for field, values in wanted.items())


def _has_fields(
    _: Catalog, wheres: tuple[tuple[str, frozenset[str]], ...], event: EventRecord
) -> bool:
    from eastsyria.core.eventsource import kept_match

    return kept_match(wheres, event)


def _typed(name: str) -> Callable[[Catalog, Filters], Any]:
    """The check of an option taken as typed: its value, None when not given."""
    return lambda _, filters: getattr(filters, name) or None


_RADIUS_HELP = f"Distance for --near, in km, as {RADIUS_FORMS} (default {DEFAULT_RADIUS_KM:g})."

# In the order --help lists their options.
FILTERS: tuple[Filter, ...] = (
    Filter(
        "date",
        (
            Option(
                "date_from",
                ("--from",),
                "Events on or after DATE (2017, 2017-11, 2017-11-19, 2017/11/19, 2017-W45, "
                "Nov 2017...).",
                "DATE",
            ),
            Option(
                "date_to",
                ("--to",),
                "Events on or before DATE; a month, week or year runs to its end.",
                "DATE",
            ),
            Option(
                "date_on", ("--on",), "Events on DATE (a day, ISO week, month or year).", "DATE"
            ),
            Option(
                "within",
                ("--within",),
                "Keep only events whose whole date span lies inside the dates.",
                value=bool,
                default=False,
            ),
        ),
        check=_dates,
        checked_at=0,
        admits=_in_dates,
        selects=lambda _, dates: _selection(start=dates[0], end=dates[1], within=dates[2]),
    ),
    Filter(
        "place",
        (
            Option(
                "places",
                ("--place", "-p"),
                "At this place, anywhere inside it, or in its surroundings (its countryside or "
                "outskirts); repeat for any of several.",
                "NAME",
                "place",
                many=True,
            ),
            Option(
                "inside",
                ("--inside",),
                "With --place: only the place and what lies inside it, not its surroundings.",
                value=bool,
                default=False,
            ),
        ),
        check=_places,
        checked_at=40,
        admits=_at_places,
        selects=lambda _, places: _selection(place_sets=(places,)),
    ),
    Filter(
        "near",
        (Option("near", ("--near",), "At places within --radius of this place.", "NAME", "place"),),
        check=_near,
        checked_at=50,
        admits=lambda catalog, near, event: _at_places(catalog, near[1], event),
        selects=lambda _, near: _selection(place_sets=(near[1],)),
    ),
    Filter("radius", (Option("radius", ("--radius",), _RADIUS_HELP, "KM"),), _radius, 20),
    Filter(
        "wholly_within",
        (
            Option(
                "wholly_within",
                ("--wholly-within",),
                "With --near: keep only places whose whole circle of uncertainty lies within "
                "--radius of every point of the --near place's own.",
                value=bool,
                default=False,
            ),
        ),
        _wholly_within,
        21,
    ),
    Filter(
        "actor",
        (
            Option(
                "actors",
                ("--actor", "-a"),
                "Involving this actor or one of its units; repeat for any of several.",
                "NAME",
                "actor",
                many=True,
            ),
        ),
        check=_actors,
        checked_at=70,
        admits=_with_actors,
        selects=lambda _, actors: _selection(actor_sets=(actors,)),
    ),
    Filter(
        "side",
        # The sides are the data file's: `cli.app` adds them to the help when help is asked for.
        (
            Option(
                "sides", ("--side",), "Involving an actor of this side.", "SIDE", "side", many=True
            ),
        ),
        check=_sides,
        checked_at=80,
        admits=lambda catalog, sides, event: not sides.isdisjoint(catalog.event_sides(event)),
        selects=_actors_of_sides,
    ),
    Filter(
        "type",
        (
            Option(
                "types",
                ("--type", "-t"),
                f"Of this event type: {', '.join(vocab.EVENT_TYPES)}.",
                "TYPE",
                "type",
                many=True,
            ),
        ),
        check=_types,
        checked_at=90,
        admits=lambda _, types, event: event["type"] in types,
        selects=lambda _, types: _selection(types=types),
    ),
    Filter(
        "campaign",
        (
            Option(
                "campaigns",
                ("--campaign", "-c"),
                "In this campaign or one inside it.",
                "NAME",
                "campaign",
                many=True,
            ),
        ),
        check=_campaigns,
        checked_at=100,
        admits=lambda _, campaigns, event: event["campaign"] in campaigns,
        selects=lambda _, campaigns: _selection(campaigns=campaigns),
    ),
    Filter(
        "text",
        (Option("text", ("--text",), "With all these words in the title or summary.", "WORDS"),),
        check=_words,
        checked_at=110,
        admits=_has_words,
    ),
    Filter(
        "where",
        (
            Option(
                "where",
                ("--where",),
                "An imported row's kept column has this value (case ignored; a part between "
                "semicolons counts): 'sub_event_type=Air/drone strike'; repeat: "
                "every field must match, the same field twice either value.",
                "FIELD=VALUE",
                "where",
                many=True,
            ),
        ),
        check=_wheres,
        checked_at=105,
        admits=_has_fields,
        selects=lambda _, wheres: _selection(kept=wheres),
    ),
    # Not filters but the cut and the order of what they keep.
    Filter(
        "limit",
        (Option("limit", ("--limit", "-n"), "At most N events.", "N", value=int),),
        _limit,
        10,
        commands=_ORDERED_COMMANDS,
    ),
    Filter(
        "reverse",
        (Option("reverse", ("--reverse",), "Newest first.", value=bool, default=False),),
        _typed("reverse"),
        commands=_ORDERED_COMMANDS,
    ),
    Filter(
        "sort",
        (
            Option(
                "sort",
                ("--sort",),
                "Order by date, or by distance from --near, nearest first (ties by date).",
                "|".join(SORT_KEYS),
                "sort",
                default="date",
            ),
        ),
        _by_distance,
        60,
        commands=_ORDERED_COMMANDS,
    ),
    Filter(
        "disputed",
        (
            Option(
                "disputed",
                ("--disputed",),
                "Only events the sources disagree about (the disputes command lists each "
                "disagreement).",
                value=bool,
                default=False,
            ),
        ),
        check=_typed("disputed"),
        admits=lambda catalog, _, event: event["id"] in catalog.disputes_by_event,
        selects=lambda catalog, _: _selection(ids=frozenset(catalog.disputes_by_event)),
    ),
)
# Every option of the filters, by name, in the order of FILTERS.
OPTIONS: Mapping[str, Option] = {o.name: o for f in FILTERS for o in f.options}
