"""`control`: who held a place when, derived from the events' control changes."""

# No `from __future__ import annotations`: Typer reads these annotations on every run.
from typing import TYPE_CHECKING, Annotated

import typer

from eastsyria.cli.context import catalog, environment
from eastsyria.cli.options import NoCsvGuardOpt, completer, format_option
from eastsyria.output.formats import check_format, emit
from eastsyria.output.report import Report

if TYPE_CHECKING:
    from rich.console import RenderableType

# The columns of the summary table: (heading, field).
_SUMMARY_COLUMNS = (
    ("Place", "place_name"),
    ("Changes", "changes"),
    ("Last holder", "last_holder_name"),
    ("Since", "since_date"),
)


def control(
    ctx: typer.Context,
    place: Annotated[
        str | None,
        typer.Argument(
            metavar="[PLACE]",
            help="One place; without it, every place that changed hands.",
            autocompletion=completer("place"),
        ),
    ] = None,
    fmt: Annotated[str | None, format_option("control")] = None,
    no_csv_guard: NoCsvGuardOpt = False,
) -> None:
    """Who held a place when, derived from the events' control changes.

    Examples:

      eastsyria control "Abu Kamal"

      eastsyria control --format json
    """
    from eastsyria.contract.results import control_summary, place_control

    env = environment(ctx, csv_guard=not no_csv_guard)
    chosen_format = check_format("control", fmt, env.terminal)
    data = catalog(ctx)
    if place is None:
        rows = control_summary(data)

        def summary(width: int, _: object) -> "RenderableType":
            from eastsyria.contract.texts import record_date_text
            from eastsyria.output.details import simple_table

            # The table's "Since" is the day written short, from the event that began it.
            shown = [
                {**row, "since_date": record_date_text(data.events_by_id[row["event"]]["date"])}
                for row in rows
            ]
            return simple_table(shown, _SUMMARY_COLUMNS, width)

        report = Report(rows=rows, fields=tuple(rows[0]) if rows else (), screen=summary)
    else:
        held = place_control(data, data.resolve_place(place))
        periods = held["periods"]
        if not periods:
            env.note(f"{held['place']['name']} did not change hands in the data")

        def history(width: int, _: object) -> "RenderableType":
            from eastsyria.contract.texts import record_date_text
            from eastsyria.output.details import control_periods

            def short(event_id: str) -> str:
                return record_date_text(data.events_by_id[event_id]["date"])

            begun = [short(p["event"]) if p["event"] else None for p in periods]
            claims = [(c, short(c["event"])) for c in held["claims"]]
            return control_periods(held["place"], periods, width, begun, claims)

        report = Report(
            rows=periods,
            fields=tuple(periods[0]) if periods else (),
            documents={"json": lambda: held},
            screen=history if periods else None,
        )
    emit(env, chosen_format, report)
