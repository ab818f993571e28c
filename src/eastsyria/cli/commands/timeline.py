"""`timeline`: the matching events as a vertical timeline, by month or week."""

# No `from __future__ import annotations`: Typer reads these annotations on every run.
from typing import TYPE_CHECKING, Annotated, Any

import typer

from eastsyria.cli.context import catalog, check_output, environment
from eastsyria.cli.options import (
    AllOpt,
    ByOpt,
    LanesOpt,
    NoCsvGuardOpt,
    PictureWidthOpt,
    SvgOpt,
    format_option,
    takes_filters,
)
from eastsyria.core.query import Filters
from eastsyria.output.formats import Answer, check_format, emit, picture_only

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import RenderableType

    from eastsyria.contract.summary import TimelineSummary
    from eastsyria.core.catalog import Catalog
    from eastsyria.output.environment import Environment
    from eastsyria.output.formats import Format

# The formats a store's answer is written in as it is read (`_stream`): the rows a batch at a
# time, never held whole.
STREAMED = frozenset({"json", "jsonl", "csv", "markdown", "kml"})


@takes_filters
def timeline(
    ctx: typer.Context,
    filters: Filters,
    *,
    by: ByOpt = "month",
    svg: SvgOpt = None,
    width: PictureWidthOpt = 1200,
    lanes: LanesOpt = "campaign",
    fmt: Annotated[str | None, format_option("timeline")] = None,
    no_csv_guard: NoCsvGuardOpt = False,
    every: AllOpt = False,
) -> None:
    """A vertical timeline of the matching events, a heading per month (or week).

    Over 200 events, it draws the first and last 10 and counts the events per period
    between them (--all draws every one); so does --svg over 500 events. The other formats
    always carry every event.

    Examples:

      eastsyria timeline --campaign abu-kamal-offensive --from 2017-11-01

      eastsyria timeline --from 2017-10 --to 2017-12 --by week --format csv

      eastsyria timeline --campaign abu-kamal-offensive --svg abu-kamal.svg --lanes place
    """
    from eastsyria.contract.events import EVENT_BRIEF_FIELDS, EVENT_FIELDS, event_view
    from eastsyria.contract.listings import campaign_views
    from eastsyria.contract.summary import (
        MARK_CAP,
        ROW_CAP,
        TimelineSummary,
        stored_summary,
        summarise_timeline,
    )
    from eastsyria.core.calendar import check_bucket
    from eastsyria.core.eventsource import InMemory
    from eastsyria.core.query import date_bounds, no_match_notes, select_located
    from eastsyria.errors import InputError

    env = environment(ctx, csv_guard=not no_csv_guard)
    by = check_bucket(by)
    chosen_format = check_format("timeline", fmt, env.terminal)
    if svg is not None:
        from eastsyria.core.lanes import check_lanes

        check_output(ctx, svg, "SVG", "timeline.svg")
        lanes = check_lanes(lanes)
    elif lanes != "campaign":
        raise InputError(f"--lanes {lanes!r} is for the chart: add --svg FILE")
    if filters.sort != "date":
        raise InputError(
            f"--sort {filters.sort!r}: a timeline runs in date order; to list the events "
            f"nearest first, use eastsyria events --near PLACE --sort distance"
        )
    data = catalog(ctx)
    if chosen_format.name in STREAMED and not isinstance(data.source, InMemory):
        _stream(env, chosen_format, data, filters, (by, every, width, lanes, svg))
        return
    drawing = chosen_format.name == "table" and not every
    # A store counts a huge timeline itself: only the events drawn are read.
    stored = stored_summary(data, filters, by) if drawing else None
    if stored is not None:
        summary, near = stored
        found = [*summary.first, *summary.last]
    else:
        summary = None
        found, near = select_located(data, filters)
        if drawing and len(found) > ROW_CAP:
            summary = summarise_timeline(found, by)
    # Too many to draw: only the events drawn are made views (and, with --svg, all of them).
    drawn = [*summary.first, *summary.last] if summary else found
    views = [event_view(data, event, near.get(event["id"])) for event in drawn]

    def screen(width: int, _: object) -> "RenderableType":
        from eastsyria.output.charts import timeline as draw

        sides = [{"id": s["id"], "name": s["name"]} for s in data.sides.values()]
        return draw(views, campaign_views(data), sides, width, by, summary=summary)

    def every_view() -> list[dict[str, Any]]:
        if summary is None:
            return views
        # A store read only the events drawn.
        events, offsets = (found, near) if stored is None else select_located(data, filters)
        return [event_view(data, event, offsets.get(event["id"])) for event in events]

    def picture() -> str:
        # Past MARK_CAP events the chart counts them per period and draws only its ends.
        charted: TimelineSummary | None = None
        chosen = views
        if every:
            chosen = every_view()
        elif summary is not None and summary.total > MARK_CAP:
            charted = summary
        elif summary is None and len(found) > MARK_CAP:  # the answer is for programs
            charted = summarise_timeline(found, by)
            ends = [*charted.first, *charted.last]
            chosen = [event_view(data, event, near.get(event["id"])) for event in ends]
        else:
            chosen = every_view()
        return _picture(chosen, data, (width, lanes), date_bounds(filters), charted)

    def kml() -> str:
        from eastsyria.output.kml import catalog_kml

        return catalog_kml(data, views, title="eastsyria timeline")

    report = Answer(
        rows=views,
        fields=EVENT_FIELDS,
        brief=EVENT_BRIEF_FIELDS,
        screen=screen if views else None,
        notes=() if views else no_match_notes(data, filters),
        svg=svg,
        picture=picture,
        documents={"kml": kml},
    )
    emit(env, chosen_format, report, answer=not picture_only(svg, fmt))


def _stream(
    env: "Environment",
    chosen_format: "Format",
    data: "Catalog",
    filters: Filters,
    chart: "tuple[str, bool, int, str, Path | None]",
) -> None:
    """The answer of a store, written as it is read (`contract.events.EventViews`): never
    held whole. `chart` is --by, --all, --width, --lanes and --svg: the picture, if asked
    for, reads only the events it draws, as a table's does (past MARK_CAP, a store counts
    them per period itself)."""
    from eastsyria.contract.events import (
        EVENT_BRIEF_FIELDS,
        EVENT_FIELDS,
        EventViews,
        event_view,
    )
    from eastsyria.contract.summary import MARK_CAP, stored_summary, summarise_timeline
    from eastsyria.core.query import build_query, date_bounds, select_located

    by, every, width, lanes, svg = chart

    def picture() -> str:
        charted: TimelineSummary | None = None
        stored = None if every else stored_summary(data, filters, by)
        if stored is not None and stored[0].total > MARK_CAP:
            charted, near = stored
            events = [*charted.first, *charted.last]
        else:
            events, near = select_located(data, filters)
            if not every and len(events) > MARK_CAP:
                charted = summarise_timeline(events, by)
                events = [*charted.first, *charted.last]
        views = [event_view(data, event, near.get(event["id"])) for event in events]
        return _picture(views, data, (width, lanes), date_bounds(filters), charted)

    rows = EventViews(data, build_query(data, filters))

    def kml() -> object:
        from eastsyria.output.kml import StreamedKML

        return StreamedKML(data, rows, title="eastsyria timeline")

    report = Answer(
        rows=rows,  # type: ignore[arg-type]
        fields=EVENT_FIELDS,
        brief=EVENT_BRIEF_FIELDS,
        svg=svg,
        picture=picture,
        documents={"kml": kml},
    )
    emit(env, chosen_format, report)


def _picture(
    views: list[dict[str, Any]],
    data: "Catalog",
    size: tuple[int, str],
    dates: tuple[str | None, str | None],
    summary: "TimelineSummary | None" = None,
) -> str:
    """The chart `size[0]` pixels wide with a lane per `size[1]`."""
    from eastsyria.output.pictures.timeline import timeline_svg

    width, lanes = size
    return timeline_svg(
        views, width=width, lanes=lanes, sides=data.side_names, dates=dates, summary=summary
    )
