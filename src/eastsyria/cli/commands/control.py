"""`control`: who held a place when, derived from the events' control changes."""

# No `from __future__ import annotations`: Typer reads these annotations on every run.
from typing import TYPE_CHECKING, Annotated

import typer

from eastsyria.cli.context import catalog, environment
from eastsyria.cli.options import completer, format_option
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
    fmt: Annotated[str, format_option("control")] = "table",
) -> None:
    """Who held a place when, derived from the events' control changes."""
    from eastsyria.contract.results import control_summary, place_control

    env = environment(ctx)
    chosen_format = check_format("control", fmt)
    data = catalog(ctx)
    if place is None:
        rows = control_summary(data)

        def summary(width: int) -> "RenderableType":
            from eastsyria.output.tables import simple_table

            return simple_table(rows, _SUMMARY_COLUMNS)

        report = Report(rows=rows, fields=tuple(rows[0]) if rows else (), screen=summary)
    else:
        held = place_control(data, data.resolve_place(place))
        periods = held["periods"]
        if not periods:
            env.note(f"{held['place']['name']} did not change hands in the data")

        def history(width: int) -> "RenderableType":
            from eastsyria.output.tables import control_periods

            return control_periods(held["place"], periods)

        report = Report(
            rows=periods,
            fields=tuple(periods[0]) if periods else (),
            documents={"json": lambda: held},
            screen=history if periods else None,
        )
    emit(env, chosen_format, report)
