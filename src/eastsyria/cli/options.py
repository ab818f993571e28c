"""The Typer options, built from `spec`, and the filter options shared by three commands.

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
from eastsyria.core.near import DEFAULT_RADIUS_KM, RADIUS_FORMS
from eastsyria.core.query import Filters
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


FromOpt = Annotated[str | None, option(spec.DATE_FROM)]
ToOpt = Annotated[str | None, option(spec.DATE_TO)]
OnOpt = Annotated[str | None, option(spec.DATE_ON)]
WithinOpt = Annotated[bool, option(spec.WITHIN)]
PlaceOpt = Annotated[list[str] | None, option(spec.PLACE)]
InsideOpt = Annotated[bool, option(spec.INSIDE)]
NearOpt = Annotated[str | None, option(spec.NEAR)]
_RADIUS_HELP = f"{spec.RADIUS.help}, as {RADIUS_FORMS} (default {DEFAULT_RADIUS_KM:g})."
RadiusOpt = Annotated[str | None, option(spec.RADIUS, help=_RADIUS_HELP)]
WhollyWithinOpt = Annotated[bool, option(spec.WHOLLY_WITHIN)]
ActorOpt = Annotated[list[str] | None, option(spec.ACTOR)]
SideOpt = Annotated[list[str] | None, option(spec.SIDE)]
TypeOpt = Annotated[list[str] | None, option(spec.TYPE)]
CampaignOpt = Annotated[list[str] | None, option(spec.CAMPAIGN)]
TextOpt = Annotated[str | None, option(spec.TEXT)]
LimitOpt = Annotated[int | None, option(spec.LIMIT)]
ReverseOpt = Annotated[bool, option(spec.REVERSE)]
SortOpt = Annotated[str, option(spec.SORT)]
DisputedOpt = Annotated[bool, option(spec.DISPUTED)]


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


def filter_options(
    *,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    date_on: OnOpt = None,
    within: WithinOpt = False,
    place: PlaceOpt = None,
    inside: InsideOpt = False,
    near: NearOpt = None,
    radius: RadiusOpt = None,
    wholly_within: WhollyWithinOpt = False,
    actor: ActorOpt = None,
    side: SideOpt = None,
    type: TypeOpt = None,
    campaign: CampaignOpt = None,
    text: TextOpt = None,
    limit: LimitOpt = None,
    reverse: ReverseOpt = False,
    sort: SortOpt = "date",
    disputed: DisputedOpt = False,
) -> Filters:
    """The filters of `events`, `timeline` and `stats`, declared here and nowhere else."""
    return Filters(
        date_from=date_from,
        date_to=date_to,
        date_on=date_on,
        within=within,
        places=tuple(place or ()),
        inside=inside,
        near=near,
        radius=radius,
        wholly_within=wholly_within,
        actors=tuple(actor or ()),
        sides=tuple(side or ()),
        types=tuple(type or ()),
        campaigns=tuple(campaign or ()),
        text=text,
        limit=limit,
        reverse=reverse,
        sort=sort,
        disputed=disputed,
    )


_Command = TypeVar("_Command", bound=Callable[..., None])


def _tell_places(ctx: typer.Context, filters: Filters) -> None:
    """Before the answer, on stderr: each --place name that fits several places, which the
    answer is for, and how to pick one (`query.place_notes`)."""
    from eastsyria.cli.context import catalog, environment
    from eastsyria.core.query import place_notes

    notes = place_notes(catalog(ctx), filters)
    for note in notes:
        environment(ctx).note(note)


_FILTER_PARAMETERS = inspect.signature(filter_options).parameters


def takes_filters(command: _Command) -> _Command:
    """Give a command the parameters of `filter_options`; it receives `filters: Filters`.

    Typer reads a command's options from its signature, so the command's own parameters
    are joined by those of `filter_options`, and their values are handed to it.
    """
    own = inspect.signature(command)
    kept = [p for p in own.parameters.values() if p.name != "filters"]
    added = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in _FILTER_PARAMETERS.values()]

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        values = {name: kwargs.pop(name) for name in _FILTER_PARAMETERS}
        filters = filter_options(**values)
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
