"""`casualties`: every casualty figure as claimed, competing ones side by side."""

# No `from __future__ import annotations`: Typer reads these annotations on every run.
from typing import TYPE_CHECKING, Annotated, Any

import typer

from eastsyria.cli.commands.disputes import drawn, short_dates
from eastsyria.cli.context import catalog, environment
from eastsyria.cli.options import NoCsvGuardOpt, format_option, option, takes_filters
from eastsyria.cli.spec import ALL_PLACES, FIELDS, PARTY, PER, TOTAL
from eastsyria.contract.claims import CASUALTY_FIELDS, CASUALTY_TOTAL_FIELDS
from eastsyria.core.calendar import TOTAL_PERIODS
from eastsyria.core.query import Filters
from eastsyria.output.formats import Answer, check_format, emit

if TYPE_CHECKING:
    from collections.abc import Iterator

    from rich.console import RenderableType

    from eastsyria.core.catalog import Catalog
    from eastsyria.core.claims import Casualty, Competing
    from eastsyria.output.environment import Environment
    from eastsyria.output.formats import Format


@takes_filters
def casualties(
    ctx: typer.Context,
    filters: Filters,
    *,
    party: Annotated[list[str] | None, option(PARTY)] = None,
    total: Annotated[bool, option(TOTAL)] = False,
    per: Annotated[str, option(PER)] = "month",
    all_places: Annotated[bool, option(ALL_PLACES)] = False,
    fmt: Annotated[str | None, format_option("casualties")] = None,
    no_csv_guard: NoCsvGuardOpt = False,
    fields_: Annotated[
        str | None,
        option(
            FIELDS,
            help=f"{FIELDS.help}: {', '.join(CASUALTY_FIELDS)}; "
            f"with --total: {', '.join(CASUALTY_TOTAL_FIELDS)}.",
        ),
    ] = None,
) -> None:
    """Every casualty figure as claimed, with who claims it; or, with --total, what they
    add up to.

    A row per figure: party, kind, low and high, qualifier, the days it covers, who claims
    it (the actor, or an imported row's outlets: ACLED's source, UCDP's source_office), its
    source and event.

    The rules, in plain words. Figures compete (count the same losses, so only one of them
    can be right) when they are of one event, or of events a recorded disagreement links,
    of one kind, of the same party, over days that overlap: they share a group. Separate
    events never compete: each ACLED or UCDP row is its own event. A figure of part of a
    party's losses (civilians or one side of an event's total, SOHR's Russians of the
    pro-government dead) is a part of that whole: shown with it (part_of), never added to
    it. The infoboxes' campaign totals come apart (scope "campaign").

    --total adds up, per place and calendar month (--per), the least and the most the
    claims allow: separate events added, competing figures as a range (the lowest low to
    the highest high), a part left out where its whole is known (parts of one party that
    may overlap count as the largest at least, their sum at most).

    With the events' filters, the figures of the events they keep and the totals of their
    campaigns.

    Examples:

      eastsyria casualties

      eastsyria casualties --from 2017-11 --to 2017-12 --format csv

      eastsyria casualties --party isil

      eastsyria casualties --total --per year
    """
    from eastsyria.contract.claims import (
        CASUALTY_BRIEF_FIELDS,
        CASUALTY_PIPED_FIELDS,
        casualty_rows,
    )
    from eastsyria.contract.fields import check_fields
    from eastsyria.core.claims import (
        claimed_events,
        competing_groups,
        event_casualties,
        party_ids,
        span_totals,
        stored_groups,
    )
    from eastsyria.errors import InputError

    env = environment(ctx, csv_guard=not no_csv_guard)
    chosen_format = check_format("casualties", fmt, env.terminal)
    if not total and (per != "month" or all_places):
        flag = "--all-places" if all_places else f"--per {per}"
        raise InputError(f"{flag} is for the totals: add --total")
    if per not in TOTAL_PERIODS:
        raise InputError(f"--per must be {', '.join(TOTAL_PERIODS)}, not {per!r}")
    known = CASUALTY_TOTAL_FIELDS if total else CASUALTY_FIELDS
    chosen = check_fields(fields_, known) if fields_ is not None else None
    data = catalog(ctx)
    wanted = party_ids(data, tuple(party)) if party else None
    # Piped, a store's figures are written as it keeps their lines, their events unread.
    piped = chosen_format.name == "tsv" and chosen is None and not total
    stored = stored_groups(data, filters, wanted) if piped else None
    if stored is not None:
        kept, kept_groups, spans = stored
        totals = span_totals(data, spans)
        totals = [t for t in totals if wanted is None or t.claim["party"] in wanted]
        _piped(env, chosen_format, data, (kept, kept_groups), totals)
        return
    claimed, spans = claimed_events(data, filters)
    figures = event_casualties(claimed)
    totals = span_totals(data, spans)
    if wanted is not None:
        figures = [f for f in figures if f.claim["party"] in wanted]
        totals = [t for t in totals if t.claim["party"] in wanted]
    groups = competing_groups(data, figures)
    if total:
        both = (groups, competing_groups(data, totals))
        _totals(env, chosen_format, data, both, chosen=chosen, per=per, all_places=all_places)
        return
    rows = casualty_rows(data, groups, totals)

    def screen(width: int) -> "RenderableType":
        from eastsyria.output.claims import casualties_screen

        topic = {d["id"]: d["topic"] for d in data.disputes}
        topics = {n: topic[g.disputes[0]] for n, g in enumerate(groups, 1) if g.disputes}
        return casualties_screen(rows, width, topics, short_dates(claimed), data.short_ids)

    from eastsyria.contract.texts import counted

    count = f"{counted(len(rows), 'figure')}, never added up"
    report = Answer(
        rows=rows,
        fields=CASUALTY_FIELDS,
        chosen=chosen,
        brief=CASUALTY_BRIEF_FIELDS,
        piped=CASUALTY_PIPED_FIELDS,
        screen=drawn(rows, screen) if rows else None,
        notes=(count,) if rows else ("no casualty figures match these filters",),
    )
    emit(env, chosen_format, report)


def _totals(
    env: "Environment",
    chosen_format: "Format",
    data: "Catalog",
    groups: "tuple[list[Competing], list[Competing]]",
    *,
    chosen: tuple[str, ...] | None,
    per: str,
    all_places: bool,
) -> None:
    """`--total`: a row per place and period (all places as one with `all_places`), then
    each campaign's infobox totals."""
    from eastsyria.contract.claims import (
        CASUALTY_TOTAL_BRIEF_FIELDS,
        CASUALTY_TOTAL_PIPED_FIELDS,
        total_row,
    )
    from eastsyria.contract.texts import counted
    from eastsyria.core.totals import totals

    found = totals(data, *groups, per=per, by_place=not all_places)
    rows = [total_row(data, t) for t in found]

    def screen(width: int) -> "RenderableType":
        from eastsyria.output.claims import totals_screen

        return totals_screen(rows, width)

    report = Answer(
        rows=rows,
        fields=CASUALTY_TOTAL_FIELDS,
        chosen=chosen,
        brief=CASUALTY_TOTAL_BRIEF_FIELDS,
        piped=CASUALTY_TOTAL_PIPED_FIELDS,
        screen=drawn(rows, screen) if rows else None,
        notes=(
            f"{counted(len(rows), 'total')}: separate events added, competing figures as a "
            "range, a part never added to its whole",
        )
        if rows
        else ("no casualty figures match these filters",),
    )
    emit(env, chosen_format, report)


def _piped(
    env: "Environment",
    chosen_format: "Format",
    data: "Catalog",
    stored: "tuple[list[tuple[Any, ...]], Iterator[list[int]]]",
    totals: "list[Casualty]",
) -> None:
    """The figures in TSV as a store keeps their lines, in their groups (`stored_groups`),
    then the campaigns' totals: the lines `casualty_rows` would give, made without the
    events."""
    from itertools import chain

    from eastsyria.contract.claims import CASUALTY_PIPED_FIELDS, casualty_row, piped_lines
    from eastsyria.contract.texts import counted
    from eastsyria.output.machine import tsv_line

    rows, groups = stored
    kept = [tsv_line(casualty_row(data, t, None, None), CASUALTY_PIPED_FIELDS) for t in totals]
    figures = len(rows) + len(kept)
    report = Answer(
        fields=CASUALTY_FIELDS,
        piped=CASUALTY_PIPED_FIELDS,
        documents={"tsv": lambda: chain(piped_lines(rows, groups), (line + "\n" for line in kept))},
        notes=(f"{counted(figures, 'figure')}, never added up",)
        if figures
        else ("no casualty figures match these filters",),
    )
    emit(env, chosen_format, report)
