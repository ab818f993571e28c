"""The Typer options, built from `spec`, and those of the filters, built from their
declarations (`core.filters`) for every command that takes them (`takes_filters`).

No `from __future__ import annotations` here: Typer reads these annotations on every run,
and evaluating them once at import is cheaper than eval()-ing strings per parameter.
"""

import functools
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from eastsyria.cli import spec
from eastsyria.cli.context import SOURCE_KEY
from eastsyria.core.filters import FILTERS, Filters, Option
from eastsyria.output.formats import COMMAND_FORMATS


def completer(kind: str) -> Callable[[typer.Context, str], list[tuple[str, str]]]:
    """Typer's own completion callback for a kind of value (the fast path answers first)."""

    def complete(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
        from eastsyria.cli.values import candidates
        from eastsyria.data.load import data_path

        command = ctx.info_name if ctx.parent is not None else None
        root = ctx.find_root()
        data = root.params.get("data") if root.params else None
        return candidates(kind, incomplete, command, data_path(data))

    return complete


def option(declared: spec.OptionSpec, **extra: Any) -> Any:
    """The Typer option of a declared one, completing its values where it says so."""
    return typer.Option(
        *declared.flags,
        metavar=declared.metavar,
        help=extra.pop("help", declared.help),
        autocompletion=completer(declared.completes) if declared.completes else None,
        **extra,
    )


def format_option(command: str) -> Any:
    """--format of one command, its help naming the formats the command takes."""
    from eastsyria.output.formats import PIPED_FORMAT

    allowed = COMMAND_FORMATS[command]
    default = allowed[0]
    if default == "table" and PIPED_FORMAT in allowed:
        default = f"table on a terminal, {PIPED_FORMAT} when piped"
    return typer.Option(
        *spec.FORMAT.flags,
        metavar=spec.FORMAT.metavar,
        help=f"Output format: {', '.join(allowed)}. Default: {default}.",
        autocompletion=completer("format"),
    )


def fields_option(fields: tuple[str, ...]) -> Any:
    """--fields of a command whose rows have these fields, listed in its help."""
    return option(spec.FIELDS, help=f"{spec.FIELDS.help}: {', '.join(fields)}.")


NoCsvGuardOpt = Annotated[bool, option(spec.NO_CSV_GUARD)]
ByOpt = Annotated[str, option(spec.BY)]
SvgOpt = Annotated[Path | None, option(spec.SVG)]
PictureWidthOpt = Annotated[int, option(spec.PICTURE_WIDTH, min=320, max=10000)]
LanesOpt = Annotated[str, option(spec.LANES_OPTION)]
DataOpt = Annotated[str | None, option(spec.DATA)]
AllOpt = Annotated[bool, option(spec.EVERY_ROW)]


_Command = TypeVar("_Command", bound=Callable[..., None])


def _tell_places(ctx: typer.Context, filters: Filters) -> None:
    """Just before the answer, on stderr: each --place name that fits several places, which
    the answer is for, and how to pick one (`query.place_notes`); nothing if the command
    fails instead (see `Environment.before_answer`)."""
    from eastsyria.cli.context import catalog, environment
    from eastsyria.core.query import place_notes

    environment(ctx).before_answer += place_notes(catalog(ctx), filters)


def _filter_parameter(declared: Option) -> inspect.Parameter:
    """The command parameter of a filter's option (`core.filters`), as Typer reads it."""
    kind: Any = declared.value
    if declared.many:
        kind = list[kind] | None
    elif declared.value is not bool and declared.default is None:
        kind = kind | None
    typer_option = typer.Option(
        *declared.flags,
        metavar=declared.metavar,
        help=declared.help,
        autocompletion=completer(declared.completes) if declared.completes else None,
    )
    return inspect.Parameter(
        declared.name,
        inspect.Parameter.KEYWORD_ONLY,
        default=declared.default,
        annotation=Annotated[kind, typer_option],
    )


def takes_filters(command: _Command) -> _Command:
    """Give a command the options of every filter it takes (`core.filters.FILTERS`, by the
    command's name); it receives them as `filters: Filters`.

    Typer reads a command's options from its signature, so the command's own parameters
    are joined by those of the filters, and their values are handed to it as `Filters`.
    """
    own = inspect.signature(command)
    kept = [p for p in own.parameters.values() if p.name != "filters"]
    taken = [o for f in FILTERS if command.__name__ in f.commands for o in f.options]
    added = [_filter_parameter(declared) for declared in taken]

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        filters = Filters(**{declared.name: kwargs.pop(declared.name) for declared in taken})
        if filters.places:
            _tell_places(kwargs["ctx"], filters)
        command(*args, filters=filters, **kwargs)

    parameters = kept + added
    wrapper.__signature__ = own.replace(parameters=parameters)  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in parameters}
    return wrapper  # type: ignore[return-value]


SourceOpt = Annotated[str | None, option(spec.SOURCE)]


def _source(*, source: SourceOpt = None) -> None:
    """The `--source` parameter every query command gets from `takes_source`."""


_SOURCE_PARAMETER = inspect.signature(_source).parameters["source"]


def takes_source(command: _Command) -> _Command:
    """Give a command `--source ARTICLE`: its value waits in the context's meta, where
    `context.catalog` reads it and hands the command the dataset as that article tells it."""
    own = inspect.signature(command)

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        typed = kwargs.pop("source")
        if typed is not None:
            # Typer hands the command Click's own Context, of which typer.Context is a
            # subclass (for annotations only).
            kwargs["ctx"].meta[SOURCE_KEY] = typed
        command(*args, **kwargs)

    parameters = [*own.parameters.values(), _SOURCE_PARAMETER]
    wrapper.__signature__ = own.replace(parameters=parameters)  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in parameters}
    return wrapper  # type: ignore[return-value]


HeaderOpt = Annotated[bool, option(spec.HEADER)]


def _header(*, header: HeaderOpt = False) -> None:
    """The `--header` parameter every command that writes TSV gets from `takes_header`."""


_HEADER_PARAMETER = inspect.signature(_header).parameters["header"]


def takes_header(command: _Command) -> _Command:
    """Give a command that writes TSV `--header`: the environment then starts TSV with a
    line of its field names (`output.formats.emit`, which refuses it for a format with no
    rows of fields)."""
    own = inspect.signature(command)

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        from eastsyria.cli.context import environment

        header = kwargs.pop("header")
        environment(kwargs["ctx"]).tsv_header = header
        command(*args, **kwargs)

    parameters = [*own.parameters.values(), _HEADER_PARAMETER]
    wrapper.__signature__ = own.replace(parameters=parameters)  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in parameters}
    return wrapper  # type: ignore[return-value]


QmlOpt = Annotated[Path | None, option(spec.QML)]
