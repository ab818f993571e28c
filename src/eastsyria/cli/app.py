"""The Typer app: the global options, and every command registered from `commands/`.

A new command is a module in `commands/` and one entry in `COMMANDS` below.
"""

# No `from __future__ import annotations`: Typer reads these annotations on every run.
from collections.abc import Callable
from typing import Annotated

import typer

from eastsyria import PROG, __version__
from eastsyria.cli import spec
from eastsyria.cli.commands import control, events, listings, stats, timeline, validate
from eastsyria.cli.context import environment
from eastsyria.cli.options import DataOpt, option

app = typer.Typer(
    name=PROG,
    help="Query a source-cited timeline of the 2017 Eastern Syria campaign "
    "(Deir ez-Zor, Mayadin, Abu Kamal) and its 2018 aftermath.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

COMMANDS: tuple[Callable[..., None], ...] = (
    events.events,
    events.show,
    *(listings.listing_command(listing) for listing in listings.LISTINGS),
    timeline.timeline,
    control.control,
    stats.stats,
    validate.validate,
    validate.schema,
)
for command in COMMANDS:
    app.command()(command)


def _version(ctx: typer.Context, value: bool) -> None:
    if value:
        print(f"{PROG} {__version__}", file=environment(ctx).stdout)
        raise typer.Exit()


@app.callback()
def main(
    data: DataOpt = None,
    version: Annotated[bool, option(spec.VERSION, callback=_version, is_eager=True)] = False,
) -> None:
    """Query a source-cited timeline of the 2017 Eastern Syria campaign and its 2018 aftermath."""
