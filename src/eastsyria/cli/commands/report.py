"""`report`: the matching events as one offline HTML page, pictures, table and cards."""

# No `from __future__ import annotations`: Typer reads these annotations on every run.
import shlex
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from eastsyria.cli import spec
from eastsyria.cli.context import catalog, check_output, environment
from eastsyria.cli.options import AllOpt, option, takes_filters
from eastsyria.core.query import Filters

if TYPE_CHECKING:
    from eastsyria.contract.summary import ReportSummary
    from eastsyria.core.catalog import Catalog
    from eastsyria.core.query import Query
    from eastsyria.data.records import EventRecord
    from eastsyria.output.pictures.page import Counts

TITLE = "The 2017 Eastern Syria campaign and its 2018 aftermath"
# The pictures' width: as wide as the page's column, so that they are not scaled down.
PICTURE_WIDTH = 1200
# Options that say where the page goes, not what is in it.
_NOT_FILTERS = frozenset({"output"})


@takes_filters
def report(
    ctx: typer.Context,
    filters: Filters,
    *,
    output: Annotated[Path, option(spec.OUTPUT)],
    every: AllOpt = False,
) -> None:
    """Write the matching events as one self-contained HTML page to open offline.

    The page holds the pictures, a table of the events that sorts (click a heading) and
    searches, and each event's card with its sources as links, as `show` gives it. All its
    style, script and data are inline, and it fetches nothing: it opens by double-click, with
    no server and no network. Takes the same filters as `events`.

    Over 400 events, it lists the first and last 200 and counts every event per period,
    type, side and place (--all lists every one).

    Examples:

      eastsyria report -o eastsyria.html

      eastsyria report --campaign abu-kamal-offensive -o abu-kamal.html
    """
    from eastsyria.contract.events import event_detail, event_view
    from eastsyria.contract.summary import report_listing
    from eastsyria.core.query import build_query, measure, no_match_notes
    from eastsyria.data.outfile import write_text

    env = environment(ctx)
    check_output(ctx, output, "the report", "report.html")
    data = catalog(ctx)
    query = build_query(data, filters)
    found, summary = report_listing(data, query, every)
    near = measure(data, query, found)

    from eastsyria.output.pictures.cards import card, link
    from eastsyria.output.pictures.page import report_page

    cards = [card(event_detail(data, event)) for event in found]
    views = [event_view(data, event, near.get(event["id"])) for event in found]
    pictures = _pictures(data, (found, views, summary), query, filters) if views else []
    sources = [(s["title"], link(s["url"])) for s in data.record["sources"]]
    page = report_page(
        cards,
        pictures,
        title=TITLE,
        about=_about(ctx, cards, summary),
        sources=sources,
        counts=_counts(data, summary) if summary else None,
    )
    write_text(output, "the report", page)
    from eastsyria.contract.texts import counted

    if summary is None:
        env.note(f"wrote {output}: {counted(len(cards), 'event')}")
    else:
        from eastsyria.contract.summary import report_more

        total = counted(summary.listed.total, "event")
        env.note(f"wrote {output}: {total}, {len(cards):,} of them listed")
        env.note(report_more(summary))
    if not cards:
        for note in no_match_notes(data, filters):
            env.note(note)


def _pictures(
    data: "Catalog",
    listed: "tuple[list[EventRecord], list[dict[str, Any]], ReportSummary | None]",
    query: "Query",
    filters: Filters,
) -> list[tuple[str, str]]:
    """The page's pictures, in order, as (heading, SVG document): each drawn from every
    matching event, as the --svg commands draw them (past MARK_CAP events, summarised as they
    summarise it), not only from the events the table lists. The control chart has the rows
    of the places these events happened at that someone held."""
    from eastsyria.contract.events import event_view
    from eastsyria.contract.maps import choose_map, density_view, events_map
    from eastsyria.contract.summary import MARK_CAP, stored_summary, summarise_timeline
    from eastsyria.core.query import date_bounds, measure, run
    from eastsyria.output.pictures.control import control_svg
    from eastsyria.output.pictures.map import map_svg
    from eastsyria.output.pictures.timeline import timeline_svg

    found, views, summary = listed
    sides = data.side_names
    dates = date_bounds(filters)
    every = ""
    if summary is None:  # the table lists every event (--all too): every one is drawn
        places = {place["id"] for view in views for place in view["places"]}
    else:
        places = {place for place, _ in summary.places}
        if summary.listed.total <= MARK_CAP:  # drawn one by one: every event is read
            found = run(data, query)
            near = measure(data, query, found)
            views = [event_view(data, event, near.get(event["id"])) for event in found]
        else:
            every = "--all draws every event"
    if not every:
        timeline = timeline_svg(views, width=PICTURE_WIDTH, sides=sides, dates=dates)
        view = events_map(data, found, views, filters.date_on)
    else:
        # A store counts the days and the places itself and reads only the events drawn.
        stored = stored_summary(data, filters)
        if stored is not None:
            charted, near = stored
        else:
            matching = run(data, query)
            charted, near = summarise_timeline(matching), measure(data, query, matching)
        ends = [*charted.first, *charted.last]
        drawn = [event_view(data, event, near.get(event["id"])) for event in ends]
        timeline = timeline_svg(
            drawn, width=PICTURE_WIDTH, sides=sides, dates=dates, summary=charted, every=every
        )
        tally = choose_map(data, filters).tally
        view = (
            events_map(data, found, views, filters.date_on)
            if tally is None
            else density_view(data, tally, filters.date_on)
        )
    return [
        ("Timeline", timeline),
        ("Map", map_svg(view, sides, width=PICTURE_WIDTH, every=every)),
        ("Who held what", control_svg(data, width=PICTURE_WIDTH, place_ids=places)),
    ]


def _counts(data: "Catalog", summary: "ReportSummary") -> "Counts":
    """The summary's counts as the page shows them: each by its name, as `stats` names it."""
    from eastsyria.output.pictures.page import Counts

    listed = summary.listed
    return Counts(
        total=listed.total,
        first=len(listed.first),
        last=len(listed.last),
        breakdowns=[
            (f"Events per {listed.unit}", listed.unit.capitalize(), listed.periods),
            ("By type", "Type", summary.types),
            ("By side", "Side", [(data.holder_name(s), n) for s, n in summary.sides]),
            ("By place", "Place", [(data.place_label(p), n) for p, n in summary.places]),
        ],
    )


def _about(
    ctx: typer.Context, cards: list[dict[str, Any]], summary: "ReportSummary | None"
) -> list[str]:
    """What the page shows: how many events over which days, and the filters that chose them
    as they were typed (so the page can be made again)."""
    from eastsyria import PROG, __version__
    from eastsyria.contract.texts import counted
    from eastsyria.core.calendar import span_text

    asked = []
    for param in ctx.command.params:
        value = ctx.params.get(param.name or "")
        if param.name in _NOT_FILTERS or value in (None, False, (), []) or not param.opts:
            continue
        if value == param.default and not param.required:
            continue
        flag = param.opts[0]
        values = value if isinstance(value, list | tuple) else [value]
        asked += [flag] if value is True else [f"{flag} {shlex.quote(str(v))}" for v in values]
    lines = []
    if summary is not None:
        periods = summary.listed.periods
        days = f"{periods[0][0]} to {periods[-1][0]} by their earliest possible day"
        lines.append(f"{counted(summary.listed.total, 'event')}, {days}.")
    elif cards:
        days = span_text(min(c["start"] for c in cards), max(c["end"] for c in cards))
        lines.append(f"{counted(len(cards), 'event')}, {days}.")
    chosen = " ".join(asked) if asked else "every event in the data"
    lines.append(f"Chosen with: {chosen}. Made by {PROG} {__version__}.")
    return lines
