"""`stats`: events per month or week, by type, side and place; casualty claims side by side."""

# No `from __future__ import annotations`: Typer reads these annotations on every run.
from typing import TYPE_CHECKING, Annotated

import typer

from eastsyria.cli.context import catalog, environment
from eastsyria.cli.options import AllOpt, ByOpt, format_option, takes_filters
from eastsyria.core.query import Filters
from eastsyria.output.formats import Answer, check_format, emit

if TYPE_CHECKING:
    from rich.console import RenderableType


@takes_filters
def stats(
    ctx: typer.Context,
    by: ByOpt = "month",
    fmt: Annotated[str | None, format_option("stats")] = None,
    every: AllOpt = False,
    *,
    filters: Filters,
) -> None:
    """Events per month or week, by type, side and place; casualty claims side by side.

    Each breakdown lists its 15 largest rows, and the first 15 casualty claims, with a count
    of the others (--all lists every one); --format json always has all of them.

    Examples:

      eastsyria stats --from 2017-11 --to 2017-12

      eastsyria stats --by week --place Mayadin --format json
    """
    from eastsyria.contract.stats import stats_view
    from eastsyria.core.calendar import check_bucket
    from eastsyria.core.query import no_match_notes
    from eastsyria.core.stats import select_stats

    env = environment(ctx)
    by = check_bucket(by)
    chosen_format = check_format("stats", fmt, env.terminal)
    data = catalog(ctx)
    counts, claimed = select_stats(data, filters, by)

    def screen(width: int, _: object) -> "RenderableType":
        from eastsyria.contract.summary import TOP
        from eastsyria.contract.texts import record_date_text
        from eastsyria.output.charts import stats_claims, stats_screen

        # Only the events of the claims drawn are read, and only those claims made views;
        # the others are counted.
        events = claimed.every() if every else claimed.first(TOP)
        view = stats_view(data, counts, events, claims_limit=None if every else TOP)
        total = claimed.total
        # The short dates of the events of the claims drawn, not of every event.
        drawn = {claim["event"] for _, claim in stats_claims(view, every, total).rows}
        dates = {e["id"]: record_date_text(e["date"]) for e in events if e["id"] in drawn}
        return stats_screen(view, width, dates, every, claims_total=total)

    report = Answer(
        documents={"json": lambda: stats_view(data, counts, claimed.every())},
        screen=screen if counts.events else None,
        notes=() if counts.events else no_match_notes(data, filters),
    )
    emit(env, chosen_format, report)
