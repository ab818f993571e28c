"""The Typer app: the global options, and every command registered from `commands/`.

A new command is a module in `commands/` and one entry in `COMMANDS` below.
"""

# No `from __future__ import annotations`: Typer reads these annotations on every run.
from collections.abc import Callable
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from eastsyria import PROG, __version__
from eastsyria.cli import spec
from eastsyria.cli.commands import (
    casualties,
    cite,
    compare,
    control,
    disputes,
    events,
    listings,
    stats,
    timeline,
    validate,
)
from eastsyria.cli.context import environment
from eastsyria.cli.options import DataOpt, option, takes_source


class _Group(TyperGroup):
    """Typer's group, which also puts the data file's sides in `--side`'s help when a
    command's help is asked for (only then: reading the data is not worth it on every run)."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None and {"-h", "--help"} & set(rest):
            from eastsyria.cli.completion import candidates
            from eastsyria.data.load import data_path

            sides = candidates("side", "", None, data_path(ctx.params.get("data")))
            listed = ", ".join(side for side, _ in sides)
            for param in command.params if sides else ():
                if "--side" in param.opts:
                    param.help = f"{spec.SIDE.help.rstrip('.')}: {listed}."  # type: ignore[attr-defined]
        return name, command, rest


app = typer.Typer(
    name=PROG,
    cls=_Group,
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
    cite.cite,
    *(listings.listing_command(listing) for listing in listings.LISTINGS),
    timeline.timeline,
    control.control,
    stats.stats,
    disputes.disputes,
    casualties.casualties,
    validate.validate,
    validate.schema,
    compare.compare,
)
# Commands that answer from the data as a whole, not as one article tells it: every other
# command takes `--source ARTICLE`.
# `compare` names its own two articles.
WHOLE_DATA: tuple[Callable[..., None], ...] = (validate.validate, validate.schema, compare.compare)
for command in COMMANDS:
    # The whole first paragraph in the command list: Click would cut it at about 45
    # characters with "...".
    summary = " ".join((command.__doc__ or "").split("\n\n")[0].split())
    app.command(short_help=summary)(command if command in WHOLE_DATA else takes_source(command))


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
