"""The Typer app: the global options, and every command registered from `commands/`.

A new command is a module in `commands/` and one entry in `COMMANDS` below.
"""

# No `from __future__ import annotations`: Typer reads these annotations on every run.
from collections.abc import Callable, Sequence
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


def click_command(args: Sequence[str]) -> Any:
    """The Click group for a run on `args`, with only the command they name when they name
    one: Typer reads the signature of every registered command's every parameter to build
    a group (about a third of a query's start-up with fifteen commands), and a run needs
    one. Anything else (help, a misspelt command, no command) gets the whole group."""
    from typer.main import get_command, get_command_name

    name = _named_command(args)
    registered = app.registered_commands
    chosen = [
        info
        for info in registered
        if info.callback is not None and get_command_name(info.callback.__name__) == name
    ]
    if len(chosen) != 1:
        return get_command(app)
    app.registered_commands = chosen
    try:
        return get_command(app)
    finally:
        app.registered_commands = registered


def _named_command(args: Sequence[str]) -> str | None:
    """The command `args` run, past the global `--data PATH`; None before any other option
    (`--help`, `--version`) or without a command."""
    words = iter(args)
    for word in words:
        if word == spec.DATA.flags[0]:
            next(words, None)
        elif not word.startswith(f"{spec.DATA.flags[0]}="):
            return None if word.startswith("-") else word
    return None
