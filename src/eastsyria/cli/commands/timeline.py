"""`timeline`: the matching events as a vertical timeline, by month or week."""

# No `from __future__ import annotations`: Typer reads these annotations on every run.
from typing import TYPE_CHECKING

import typer

from eastsyria.cli.context import catalog, environment
from eastsyria.cli.options import ByOpt, SvgOpt, takes_filters
from eastsyria.core.query import Filters
from eastsyria.output.formats import check_format, emit
from eastsyria.output.report import Report

if TYPE_CHECKING:
    from rich.console import RenderableType


@takes_filters
def timeline(
    ctx: typer.Context,
    filters: Filters,
    by: ByOpt = "month",
    svg: SvgOpt = None,
) -> None:
    """A vertical timeline of the matching events, a heading per month (or week)."""
    from eastsyria.contract.events import event_view
    from eastsyria.contract.listings import campaign_views
    from eastsyria.core.calendar import check_bucket
    from eastsyria.core.query import select

    env = environment(ctx)
    by = check_bucket(by)
    data = catalog(ctx)
    views = [event_view(data, event) for event in select(data, filters)]

    def screen(width: int) -> "RenderableType":
        from eastsyria.output.charts import timeline as draw

        sides = [{"id": s["id"], "name": s["name"]} for s in data.sides.values()]
        return draw(views, campaign_views(data), sides, by)

    report = Report(
        screen=screen if views else None,
        notes=() if views else ("no events match these filters",),
        svg=svg,
    )
    emit(env, check_format("timeline", "table"), report)
