"""`report`: the matching events as one offline HTML page, pictures, table and cards."""

# No `from __future__ import annotations`: Typer reads these annotations on every run.
import shlex
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from eastsyria.cli import spec
from eastsyria.cli.context import catalog, check_output, environment
from eastsyria.cli.options import option, takes_filters
from eastsyria.core.query import Filters

if TYPE_CHECKING:
    from eastsyria.core.catalog import Catalog
    from eastsyria.data.records import EventRecord

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
) -> None:
    """Write the matching events as one self-contained HTML page to open offline.

    The page holds the pictures, a table of the events that sorts (click a heading) and
    searches, and each event's card with its sources as links, as `show` gives it. All its
    style, script and data are inline, and it fetches nothing: it opens by double-click, with
    no server and no network. Takes the same filters as `events`.

    Examples:

      eastsyria report -o eastsyria.html

      eastsyria report --campaign abu-kamal-offensive -o abu-kamal.html
    """
    from eastsyria.contract.events import event_detail, event_view
    from eastsyria.core.query import no_match_notes, select_located
    from eastsyria.data.outfile import write_text

    env = environment(ctx)
    check_output(ctx, output, "the report", "report.html")
    data = catalog(ctx)
    found, near = select_located(data, filters)

    from eastsyria.output.pictures.cards import card, link
    from eastsyria.output.pictures.page import report_page

    cards = [card(event_detail(data, event)) for event in found]
    views = [event_view(data, event, near.get(event["id"])) for event in found]
    pictures = _pictures(data, found, views, filters) if views else []
    sources = [(s["title"], link(s["url"])) for s in data.record["sources"]]
    page = report_page(cards, pictures, title=TITLE, about=_about(ctx, cards), sources=sources)
    write_text(output, "the report", page)
    from eastsyria.contract.texts import counted

    count = counted(len(cards), "event")
    env.note(f"wrote {output}: {count}")
    if not cards:
        for note in no_match_notes(data, filters):
            env.note(note)


def _pictures(
    data: "Catalog", found: "list[EventRecord]", views: list[dict[str, Any]], filters: Filters
) -> list[tuple[str, str]]:
    """The page's pictures, in order, as (heading, SVG document): each drawn from the same
    events as the table, as the --svg commands draw them (past MARK_CAP events, summarised
    as they summarise it). The control chart has the rows of the places these events
    happened at that someone held."""
    from eastsyria.contract.maps import density_view, events_map, place_ranks, tally_events
    from eastsyria.contract.summary import MARK_CAP, summarise_timeline
    from eastsyria.core.query import date_bounds
    from eastsyria.output.pictures.control import control_svg
    from eastsyria.output.pictures.map import map_svg
    from eastsyria.output.pictures.timeline import timeline_svg

    sides = data.side_names
    places = {place["id"] for view in views for place in view["places"]}
    dates = date_bounds(filters)
    if len(found) > MARK_CAP:
        summary = summarise_timeline(found)
        drawn = [*views[: len(summary.first)], *views[len(views) - len(summary.last) :]]
        every = "the table lists every one"
        timeline = timeline_svg(
            drawn, width=PICTURE_WIDTH, sides=sides, dates=dates, summary=summary, every=every
        )
        view = density_view(data, tally_events(found, place_ranks(data)), filters.date_on)
    else:
        every = ""
        timeline = timeline_svg(views, width=PICTURE_WIDTH, sides=sides, dates=dates)
        view = events_map(data, found, views, filters.date_on)
    return [
        ("Timeline", timeline),
        ("Map", map_svg(view, sides, width=PICTURE_WIDTH, every=every)),
        ("Who held what", control_svg(data, width=PICTURE_WIDTH, place_ids=places)),
    ]


def _about(ctx: typer.Context, cards: list[dict[str, Any]]) -> list[str]:
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
    if cards:
        days = span_text(min(c["start"] for c in cards), max(c["end"] for c in cards))
        lines.append(f"{counted(len(cards), 'event')}, {days}.")
    chosen = " ".join(asked) if asked else "every event in the data"
    lines.append(f"Chosen with: {chosen}. Made by {PROG} {__version__}.")
    return lines
