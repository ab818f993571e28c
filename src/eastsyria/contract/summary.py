"""What a table or timeline shows of a huge result: the rows it draws, the rest counted.

A table for people draws at most `ROW_CAP` rows; past that, `events` draws the first ones
and says how many more there are, `timeline` draws the first and last few events with the
number of events per period between them, and `stats` lists the `TOP` largest rows of each
breakdown. Nothing is cut silently: every cut is told with its count and the way to see it
all (`--all`, or a format for programs, which always carries every row). The cut is made
here, on the records, before any view is built or laid out: that is where the time goes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Generic, NamedTuple, TypeVar

from eastsyria.contract.texts import counted
from eastsyria.core.calendar import UNITS, all_buckets, bucket, bucket_count

if TYPE_CHECKING:
    from eastsyria.core.catalog import Catalog
    from eastsyria.core.eventsource import EventSource
    from eastsyria.core.geo import Offset
    from eastsyria.core.query import Filters, Query
    from eastsyria.data.records import EventRecord

# The most rows a table draws unless --all: about four screens of a terminal, read in a
# second or two, and laid out in a tenth of one. The same on a pipe, so that the output of
# a command does not depend on where it goes.
ROW_CAP = 200
# The most events a picture (`map`, `timeline --svg`, the report's) draws as marks unless
# --all: past it, `map` draws a disc per place sized by its events and `timeline --svg`
# the events per period with the first and last ENDS drawn. About what a reader can tell
# apart on one page, and a file that a browser opens at once.
MARK_CAP = 500
# The most events a report lists unless --all: past it, the page lists the first and the
# last REPORT_CAP // 2 in its table's order and counts every event per period, type, side
# and place (a page of a million rows and cards would not open).
REPORT_CAP = 2 * ROW_CAP
# The events a summarised timeline draws at each end.
ENDS = 10
# The rows of each breakdown `stats` lists unless --all (most common first).
TOP = 15
# A summary's count per period uses `--by`'s period, unless that gives fewer rows than
# this (a finer one then: weeks, days) or more than `PERIOD_ROWS` (a coarser one: years).
FEWEST_PERIODS = 3
PERIOD_ROWS = 60

T = TypeVar("T")


class Shown(NamedTuple, Generic[T]):
    """The rows drawn, and how many of the result are not."""

    rows: list[T]
    hidden: int


def cap(rows: Sequence[T], limit: int, everything: bool = False) -> Shown[T]:
    """The first `limit` rows (all of them with `everything`), and the count of the rest."""
    if everything or len(rows) <= limit:
        return Shown(list(rows), 0)
    return Shown(list(rows[:limit]), len(rows) - limit)


class TimelineSummary(NamedTuple):
    """A timeline too long to draw: its ends, and the count of events per period."""

    first: list[EventRecord]
    last: list[EventRecord]
    # The period counted by ('day', 'week', 'month' or 'year') and every period from the
    # first event's to the last's, empty ones included, with its count. They add up to
    # `total`.
    unit: str
    periods: list[tuple[str, int]]
    total: int

    @property
    def hidden(self) -> int:
        return self.total - len(self.first) - len(self.last)


def period_unit(first: str, last: str, by: str) -> str:
    """The period to count a span of days by: `by`, or the next finer one while it gives
    fewer than FEWEST_PERIODS rows, or the next coarser one while it gives more than
    PERIOD_ROWS."""
    index = UNITS.index(by)
    while index + 1 < len(UNITS) and bucket_count(first, last, UNITS[index]) > PERIOD_ROWS:
        index += 1
    if index == UNITS.index(by):
        while index > 0 and bucket_count(first, last, UNITS[index]) < FEWEST_PERIODS:
            index -= 1
    return UNITS[index]


def summarise_timeline(
    events: Sequence[EventRecord], by: str = "month", ends: int = ENDS
) -> TimelineSummary:
    """The first and last `ends` events, and every event counted in the period of its
    earliest possible day (the one the timeline heads it with)."""
    days = Counter(e["date"]["earliest"] for e in events)
    tail = max(ends, len(events) - ends)
    return summarise_days(sorted(days.items()), list(events[:ends]), list(events[tail:]), by)


def summarise_days(
    days: Sequence[tuple[str, int]],
    first: list[EventRecord],
    last: list[EventRecord],
    by: str = "month",
) -> TimelineSummary:
    """A timeline's summary from its events counted by earliest day (in order of the day),
    and the events drawn at each end (a store counts the days itself)."""
    unit = period_unit(days[0][0], days[-1][0], by) if days else by
    counts: Counter[str] = Counter()
    for day, count in days:
        counts[bucket(day, unit)] += count
    periods = (
        [(b, counts.get(b, 0)) for b in all_buckets(days[0][0], days[-1][0], unit)] if days else []
    )
    total = sum(count for _, count in days)
    return TimelineSummary(first, last, unit, periods, total)


def stored_summary(
    catalog: Catalog, filters: Filters, by: str = "month"
) -> tuple[TimelineSummary, dict[str, Offset]] | None:
    """A huge timeline's summary as its events source counts it (a store reads only the
    events drawn), with where its drawn events lie from --near's place; None with a filter
    only the query core applies, or for ROW_CAP events or fewer (they are all drawn)."""
    from eastsyria.core.query import build_query, counted_by_source, measure, selection

    query = build_query(catalog, filters)
    if not counted_by_source(query):
        return None
    source = catalog.source
    chosen = selection(catalog, query)
    if source.count(chosen) <= ROW_CAP:
        return None
    first = list(source.select(chosen, limit=ENDS))
    last = list(source.select(chosen, reverse=True, limit=ENDS))[::-1]
    summary = summarise_days(source.by_day(chosen), first, last, by)
    return summary, measure(catalog, query, [*first, *last])


class ReportSummary(NamedTuple):
    """A report too long to list every event: the events it lists at each end and every
    event counted per period (`listed`), and per type, side and place, most events first
    (a tie in the order first met, as `stats` ranks them)."""

    listed: TimelineSummary
    types: list[tuple[str, int]]
    sides: list[tuple[str, int]]
    places: list[tuple[str, int]]


def report_listing(
    catalog: Catalog, query: Query, everything: bool = False
) -> tuple[list[EventRecord], ReportSummary | None]:
    """The events a report lists, in its table's order, and past REPORT_CAP (unless
    `everything`) the summary of all of them, counted as `stats` counts them: by the events
    source itself (a store reads only the events listed), or, with a filter or an order only
    the query core knows (--text, --limit, --sort distance), over the matching events."""
    from eastsyria.core.eventsource import InMemory
    from eastsyria.core.query import counted_by_source, run, selection
    from eastsyria.core.stats import counted_stats, event_stats
    from eastsyria.data.store import Selection

    source: EventSource
    if everything:
        return run(catalog, query), None
    if counted_by_source(query) and not query.by_distance:
        source, chosen, reverse = catalog.source, selection(catalog, query), query.reverse
        if source.count(chosen) <= REPORT_CAP:
            return run(catalog, query), None
        # Counted per day: the summary picks its period from the span (`summarise_days`).
        stats = counted_stats(catalog, source, chosen, "day")
    else:
        found = run(catalog, query)
        if len(found) <= REPORT_CAP:
            return found, None
        stats = event_stats(catalog, found, "day")
        # `found` is in the table's order already: its own source keeps that order.
        source, chosen, reverse = InMemory(found), Selection(), False
    ends = REPORT_CAP // 2
    first = list(source.select(chosen, reverse=reverse, limit=ends))
    last = list(source.select(chosen, reverse=not reverse, limit=ends))[::-1]
    summary = ReportSummary(
        listed=summarise_days(stats.periods, first, last),
        types=stats.types,
        sides=stats.sides,
        places=stats.places,
    )
    return [*first, *last], summary


# -- what a reader is told --------------------------------------------------------------------


def more_rows(hidden: int, noun: str) -> str:
    """The last line of a capped table: how many rows are not drawn, and how to see them."""
    return (
        f"… and {counted(hidden, 'more ' + noun)} not shown: narrow the filters, add --all "
        f"to show every one, or use --format json or csv for programs"
    )


def more_breakdown(hidden: int, noun: str) -> str:
    """Below a breakdown of `stats` cut to its top rows: '+ 263 more places (--all)'."""
    return f"+ {counted(hidden, 'more ' + noun)} (--all lists every one)"


def timeline_counts_title(summary: TimelineSummary) -> str:
    """Above the counts of a summarised timeline."""
    return (
        f"{counted(summary.total, 'event')} per {summary.unit}, by earliest possible day; "
        f"the first {len(summary.first)} and the last {len(summary.last)} are drawn"
    )


def timeline_more(summary: TimelineSummary) -> str:
    """The last line of a summarised timeline."""
    return (
        f"… {counted(summary.hidden, 'event')} between them not drawn: narrow the filters, "
        f"add --all to draw every one, or use --format json or csv for programs"
    )


def report_more(summary: ReportSummary) -> str:
    """Below a report's note when it lists only its ends: how many events are not listed,
    and how to get them."""
    return (
        f"{counted(summary.listed.hidden, 'event')} counted on the page but not listed: "
        f"narrow the filters, add --all to list every one, or use "
        f"eastsyria events --format jsonl for programs"
    )
