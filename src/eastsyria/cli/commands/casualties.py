"""`casualties`: every casualty figure as claimed, competing ones side by side."""

# No `from __future__ import annotations`: Typer reads these annotations on every run.
from typing import TYPE_CHECKING, Annotated

import typer

from eastsyria.cli.commands.disputes import drawn, matching, short_dates
from eastsyria.cli.context import catalog, environment
from eastsyria.cli.options import NoCsvGuardOpt, format_option, option, takes_filters
from eastsyria.cli.spec import FIELDS, PARTY
from eastsyria.contract.claims import CASUALTY_FIELDS
from eastsyria.core.query import Filters
from eastsyria.output.formats import check_format, emit
from eastsyria.output.report import Report

if TYPE_CHECKING:
    from rich.console import RenderableType


@takes_filters
def casualties(
    ctx: typer.Context,
    filters: Filters,
    *,
    party: Annotated[list[str] | None, option(PARTY)] = None,
    fmt: Annotated[str | None, format_option("casualties")] = None,
    no_csv_guard: NoCsvGuardOpt = False,
    fields_: Annotated[
        str | None,
        option(FIELDS, help=f"{FIELDS.help}: {', '.join(CASUALTY_FIELDS)}."),
    ] = None,
) -> None:
    """Every casualty figure as claimed, competing ones side by side, never added up.

    A row per figure: party, kind, low and high, qualifier, the days it covers, who claims
    it, its source and event. Figures that count the same losses share a group; the
    infoboxes' campaign totals come apart (scope "campaign"). With the events' filters, the
    figures of the events they keep and the totals of their campaigns.

    Examples:

      eastsyria casualties

      eastsyria casualties --from 2017-11 --to 2017-12 --format csv

      eastsyria casualties --party isil
    """
    from eastsyria.contract.claims import (
        CASUALTY_BRIEF_FIELDS,
        CASUALTY_PIPED_FIELDS,
        casualty_rows,
    )
    from eastsyria.contract.fields import check_fields
    from eastsyria.core.claims import (
        campaign_totals,
        competing_groups,
        event_casualties,
        party_ids,
    )

    env = environment(ctx, csv_guard=not no_csv_guard)
    chosen_format = check_format("casualties", fmt, env.terminal)
    chosen = check_fields(fields_, CASUALTY_FIELDS) if fields_ is not None else None
    data = catalog(ctx)
    events = matching(data, filters)
    figures = event_casualties(data.events if events is None else events)
    totals = campaign_totals(data, events)
    if party:
        wanted = party_ids(data, tuple(party))
        figures = [f for f in figures if f.claim["party"] in wanted]
        totals = [t for t in totals if t.claim["party"] in wanted]
    groups = competing_groups(data, figures)
    rows = casualty_rows(data, groups, totals)

    def screen(width: int) -> "RenderableType":
        from eastsyria.output.claims import casualties_screen

        topic = {d["id"]: d["topic"] for d in data.disputes}
        topics = {n: topic[g.disputes[0]] for n, g in enumerate(groups, 1) if g.disputes}
        return casualties_screen(rows, width, topics, short_dates(data), data.short_ids)

    from eastsyria.contract.texts import counted

    count = f"{counted(len(rows), 'figure')}, never added up"
    report = Report(
        rows=rows,
        fields=CASUALTY_FIELDS,
        chosen=chosen,
        brief=CASUALTY_BRIEF_FIELDS,
        piped=CASUALTY_PIPED_FIELDS,
        screen=drawn(rows, screen) if rows else None,
        notes=(count,) if rows else ("no casualty figures match these filters",),
    )
    emit(env, chosen_format, report)
