"""The Typer app: the global options, and every command registered from `commands/`.

A new command is a function in a module of `commands/` and one entry in `COMMAND_MODULES`
below.
"""

# No `from __future__ import annotations`: Typer reads these annotations on every run.
import importlib
from collections.abc import Callable, Sequence
from functools import cache
from typing import Annotated, Any

import typer

from eastsyria import PROG, __version__
from eastsyria.cli import spec
from eastsyria.cli.context import environment
from eastsyria.cli.options import DataOpt, option, takes_header, takes_source
from eastsyria.cli.repeats import OneValueCommand, OneValueGroup
from eastsyria.output.formats import COMMAND_FORMATS


class _Group(OneValueGroup):
    """Typer's group, which also puts the data file's sides in `--side`'s help when a
    command's help is asked for (only then: reading the data is not worth it on every run).
    Its options, and those of its commands, refuse a second value (`repeats`)."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None and {"-h", "--help"} & set(rest):
            from eastsyria.cli.values import side_help

            listed = side_help(ctx.params.get("data"))
            for param in command.params if listed else ():
                if "--side" in param.opts:
                    param.help = listed  # type: ignore[attr-defined]
        return name, command, rest


# Every command in the order `--help` lists it, with the module of `commands/` that defines
# it: a run imports only the module of the command it names (see `click_command`).
COMMAND_MODULES: tuple[tuple[str, str], ...] = (
    ("events", "events"),
    ("show", "events"),
    ("cite", "cite"),
    ("places", "listings"),
    ("actors", "listings"),
    ("campaigns", "listings"),
    ("timeline", "timeline"),
    ("map", "map"),
    ("control", "control"),
    ("stats", "stats"),
    ("disputes", "disputes"),
    ("casualties", "casualties"),
    ("brief", "brief"),
    ("validate", "validate"),
    ("schema", "validate"),
    ("compare", "compare"),
    ("report", "report"),
    ("import", "import_"),
    ("reconcile", "reconcile"),
)
# The whole app, built on first use by the module's `__getattr__`.
app: typer.Typer
# Commands that answer from the data as a whole, not as one article tells it: every other
# command takes `--source ARTICLE`. `compare` names its own two articles.
WHOLE_DATA = frozenset({"validate", "schema", "compare", "import"})
# Issue 29: `reconcile` reads two files whole; --source would tell only one of them.
WHOLE_DATA |= {"reconcile"}


def command_function(name: str) -> Callable[..., None]:
    """The function of the command `name` (one of COMMAND_MODULES), its module imported."""
    module = dict(COMMAND_MODULES)[name]
    loaded: Any = importlib.import_module(f"eastsyria.cli.commands.{module}")
    if module == "listings":
        return loaded.listing_command(next(x for x in loaded.LISTINGS if x.command == name))  # type: ignore[no-any-return]
    # `import` is a Python keyword: its function is `import_`.
    return getattr(loaded, name, None) or getattr(loaded, f"{name}_")  # type: ignore[no-any-return]


def build_app(only: str | None = None) -> typer.Typer:
    """The Typer app with every command, or only the command `only`."""
    built = typer.Typer(
        name=PROG,
        cls=_Group,
        help="Query a source-cited timeline of the 2017 Eastern Syria campaign "
        "(Deir ez-Zor, Mayadin, Abu Kamal) and its 2018 aftermath.",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    built.callback()(main)
    for name, _ in COMMAND_MODULES:
        if only is not None and name != only:
            continue
        command = command_function(name)
        # The whole first paragraph in the command list: Click would cut it at about 45
        # characters with "...".
        summary = " ".join((command.__doc__ or "").split("\n\n")[0].split())
        registered = command if name in WHOLE_DATA else takes_source(command)
        if "tsv" in COMMAND_FORMATS.get(name, ()):
            registered = takes_header(registered)
        built.command(name, short_help=summary, cls=OneValueCommand)(registered)
    return built


def _version(ctx: typer.Context, value: bool) -> None:
    if value:
        print(f"{PROG} {__version__}", file=environment(ctx).stdout)
        raise typer.Exit()


def main(
    data: DataOpt = None,
    version: Annotated[bool, option(spec.VERSION, callback=_version, is_eager=True)] = False,
) -> None:
    """Query a source-cited timeline of the 2017 Eastern Syria campaign and its 2018 aftermath."""


def click_command(args: Sequence[str]) -> Any:
    """The Click group for a run on `args`, with only the command they name when they name
    one: importing every command's module and reading every parameter of every command
    costs a query a fifth of its start-up, and a run needs one. Anything else (help, a
    misspelt command, no command) gets the whole group."""
    name = _named_command(args)
    return _click_group(name if name in dict(COMMAND_MODULES) else None)


@cache
def _click_group(command: str | None) -> Any:
    # Built once per process: a Click group can run any number of times, and a caller that
    # runs many (the tests, an embedding program) would otherwise rebuild it every time.
    from typer.main import get_command

    return get_command(build_app(command))


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


def __getattr__(name: str) -> Any:
    """`app`, the whole Typer app, built when first asked for (Typer's own completion, the
    tests); a run builds only what it needs (`click_command`)."""
    if name == "app":
        globals()["app"] = built = build_app()
        return built
    raise AttributeError(name)
