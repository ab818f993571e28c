"""The command line: parse arguments, call the core, render. Nothing else lives here.

Rich is imported only by the commands that draw for people; pydantic only when a file is
validated; dateutil only when a worded date is parsed.
"""

# No `from __future__ import annotations` here: Typer reads these annotations on every run,
# and evaluating them once at import is cheaper than eval()-ing strings per parameter.
import functools
import inspect
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO, TypeVar

import typer

from eastsyria import __version__, options
from eastsyria.errors import DataFileError, InputError

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from eastsyria.catalog import Catalog
    from eastsyria.query import Filters

app = typer.Typer(
    name=options.PROG,
    help="Query a source-cited timeline of the 2017 Eastern Syria campaign "
    "(Deir ez-Zor, Mayadin, Abu Kamal) and its 2018 aftermath.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


# -- environment ---------------------------------------------------------------------------


class Environment:
    """Where output goes and how it may look; tests build their own."""

    def __init__(self, stdout: TextIO, stderr: TextIO, data_option: str | None = None) -> None:
        self.stdout = stdout
        self.stderr = stderr
        self.data_option = data_option

    @property
    def color(self) -> bool:
        if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
            return False
        return bool(os.environ.get("FORCE_COLOR")) or self.stdout.isatty()

    def console(self, *, record: bool = False) -> "Console":
        from rich.console import Console

        from eastsyria.exports import is_unicode
        from eastsyria.render import AsciiFallbackStream

        stream = self.stdout if is_unicode(self.stdout) else AsciiFallbackStream(self.stdout)
        return Console(
            file=stream,  # type: ignore[arg-type]
            color_system="auto" if self.color else None,
            force_terminal=self.color,
            no_color=not self.color,
            highlight=False,
            markup=False,
            emoji=False,
            record=record,
        )

    def note(self, message: str) -> None:
        print(message, file=self.stderr)


def _env(ctx: typer.Context) -> Environment:
    root = ctx.find_root()
    if not isinstance(root.obj, Environment):
        root.obj = Environment(sys.stdout, sys.stderr)
    return root.obj


def _catalog(ctx: typer.Context) -> "Catalog":
    from eastsyria.catalog import Catalog
    from eastsyria.dataset import data_path, load_record

    return Catalog(load_record(data_path(_env(ctx).data_option)))


def _check_format(fmt: str, command: str) -> str:
    allowed = options.FORMATS_BY_COMMAND[command]
    value = fmt.strip().lower()
    if value not in allowed:
        from eastsyria.names import did_you_mean, suggest

        hint = did_you_mean(suggest(fmt, allowed))
        raise InputError(
            f"no format {fmt!r} for {command}{hint} (choose from {', '.join(allowed)})"
        )
    return value


def _print(env: Environment, renderable: "RenderableType", *, svg: Path | None = None) -> None:
    console = env.console(record=svg is not None)
    console.print(renderable)
    if svg is not None:
        try:
            console.save_svg(str(svg), title="eastsyria")
        except OSError as exc:
            raise InputError(f"cannot write SVG to {str(svg)!r}: {exc.strerror}") from None


# -- completion callbacks (Typer's own path; the fast path in `completion` answers first) --


def _completer(kind: str) -> Callable[[typer.Context, str], list[tuple[str, str]]]:
    def complete(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
        from eastsyria.completion import candidates
        from eastsyria.dataset import data_path

        command = ctx.info_name if ctx.parent is not None else None
        root = ctx.find_root()
        data = root.params.get("data") if root.params else None
        return candidates(kind, incomplete, command, data_path(data))

    return complete


# -- the shared filters ---------------------------------------------------------------------

FromOpt = Annotated[
    str | None,
    typer.Option(
        "--from",
        metavar="DATE",
        help="Events on or after DATE (2017, 2017-11, Nov 2017, 2017-11-19...).",
    ),
]
ToOpt = Annotated[
    str | None,
    typer.Option(
        "--to", metavar="DATE", help="Events on or before DATE; a month or year runs to its end."
    ),
]
OnOpt = Annotated[
    str | None, typer.Option("--on", metavar="DATE", help="Events on DATE (a day, month or year).")
]
WithinOpt = Annotated[
    bool,
    typer.Option("--within", help="Keep only events whose whole date span lies inside the dates."),
]
PlaceOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--place",
        "-p",
        metavar="NAME",
        help="At this place or anywhere inside it; repeat for any of several.",
        autocompletion=_completer("place"),
    ),
]
NearOpt = Annotated[
    str | None,
    typer.Option(
        "--near",
        metavar="NAME",
        help="At places within --radius of this place.",
        autocompletion=_completer("place"),
    ),
]
RadiusOpt = Annotated[
    float | None,
    typer.Option(
        "--radius",
        metavar="KM",
        help=f"Distance for --near, in km (default {options.DEFAULT_RADIUS_KM:g}).",
    ),
]
ActorOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--actor",
        "-a",
        metavar="NAME",
        help="Involving this actor or one of its units; repeat for any of several.",
        autocompletion=_completer("actor"),
    ),
]
SideOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--side",
        metavar="SIDE",
        help="Involving an actor of this side.",
        autocompletion=_completer("side"),
    ),
]
TypeOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--type",
        "-t",
        metavar="TYPE",
        help="Of this event type.",
        autocompletion=_completer("type"),
    ),
]
CampaignOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--campaign",
        "-c",
        metavar="NAME",
        help="In this campaign or one inside it.",
        autocompletion=_completer("campaign"),
    ),
]
TextOpt = Annotated[
    str | None,
    typer.Option("--text", metavar="WORDS", help="With all these words in the title or summary."),
]
LimitOpt = Annotated[
    int | None, typer.Option("--limit", "-n", metavar="N", help="At most N events.")
]
ReverseOpt = Annotated[bool, typer.Option("--reverse", help="Newest first.")]


# Every filter option of events, timeline and stats: (parameter, annotation, default).
_FILTER_PARAMETERS: tuple[tuple[str, Any, Any], ...] = (
    ("date_from", FromOpt, None),
    ("date_to", ToOpt, None),
    ("date_on", OnOpt, None),
    ("within", WithinOpt, False),
    ("place", PlaceOpt, None),
    ("near", NearOpt, None),
    ("radius", RadiusOpt, None),
    ("actor", ActorOpt, None),
    ("side", SideOpt, None),
    ("type", TypeOpt, None),
    ("campaign", CampaignOpt, None),
    ("text", TextOpt, None),
    ("limit", LimitOpt, None),
    ("reverse", ReverseOpt, False),
)


def _filters(values: dict[str, Any]) -> "Filters":
    from eastsyria.query import Filters

    return Filters(
        date_from=values["date_from"],
        date_to=values["date_to"],
        date_on=values["date_on"],
        within=values["within"],
        places=tuple(values["place"] or ()),
        near=values["near"],
        radius_km=values["radius"],
        actors=tuple(values["actor"] or ()),
        sides=tuple(values["side"] or ()),
        types=tuple(values["type"] or ()),
        campaigns=tuple(values["campaign"] or ()),
        text=values["text"],
        limit=values["limit"],
        reverse=values["reverse"],
    )


_F = TypeVar("_F", bound=Callable[..., None])


def with_filters(command: _F) -> _F:
    """Give a command every filter option of `events`; it receives them as `filters: Filters`.

    Declared once in `_FILTER_PARAMETERS`, so events, timeline and stats never drift apart.
    """
    own = inspect.signature(command)
    kept = [p for p in own.parameters.values() if p.name != "filters"]
    extra = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=hint)
        for name, hint, default in _FILTER_PARAMETERS
    ]
    names = {name for name, _, _ in _FILTER_PARAMETERS}

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        values = {k: kwargs.pop(k) for k in list(kwargs) if k in names}
        command(*args, filters=_filters(values), **kwargs)

    parameters = kept + extra
    wrapper.__signature__ = own.replace(parameters=parameters)  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in parameters}
    return wrapper  # type: ignore[return-value]


def _format_option(command: str) -> Any:
    """The --format option of one command, its help naming the formats it takes."""
    return typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help=f"Output format: {', '.join(options.FORMATS_BY_COMMAND[command])}.",
        autocompletion=_completer("format"),
    )


FieldsOpt = Annotated[
    str | None,
    typer.Option(
        "--fields", metavar="A,B,...", help="Only these fields (json, jsonl, csv, markdown)."
    ),
]
ByOpt = Annotated[
    str,
    typer.Option(
        "--by",
        metavar="month|week",
        help="Group by month or week.",
        autocompletion=_completer("by"),
    ),
]


def _check_by(value: str) -> str:
    if value not in options.BUCKETS:
        raise InputError(f"--by must be month or week, not {value!r}")
    return value


# -- commands ---------------------------------------------------------------------------------


def _version(value: bool) -> None:
    if value:
        print(f"eastsyria {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    data: Annotated[
        str | None,
        typer.Option(
            "--data",
            metavar="PATH",
            help="Read this data file instead of the shipped one (also: EASTSYRIA_DATA).",
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """Query a source-cited timeline of the 2017 Eastern Syria campaign and its 2018 aftermath."""
    _env(ctx).data_option = data


@app.command()
@with_filters
def events(
    ctx: typer.Context,
    filters: "Filters",
    fmt: Annotated[str, _format_option("events")] = "table",
    fields_: FieldsOpt = None,
) -> None:
    """List events matching every filter given, in chronological order.

    Example: eastsyria events --from 2017-11-01 --place "Abu Kamal"
    """
    from eastsyria import exports, query, views

    env = _env(ctx)
    fmt = _check_format(fmt, "events")
    catalog = _catalog(ctx)
    if fields_ is not None and fmt not in ("json", "jsonl", "csv", "markdown"):
        raise InputError(f"--fields works with json, jsonl, csv and markdown, not {fmt}")
    default_fields = exports.MARKDOWN_EVENT_FIELDS if fmt == "markdown" else views.EVENT_FIELDS
    chosen = views.check_fields(fields_, views.EVENT_FIELDS) if fields_ else default_fields
    _, found = query.select(catalog, filters)
    event_views = (views.event_view(catalog, e) for e in found)
    if fmt in options.ROW_FORMATS and fmt != "table":
        exports.write_rows((views.pick(v, chosen) for v in event_views), chosen, fmt, env.stdout)
    elif fmt == "geojson":
        exports.write_json(exports.geojson(catalog, event_views), env.stdout)
    elif fmt == "timelinejs":
        exports.write_json(exports.timelinejs(catalog, event_views), env.stdout)
    elif not found:
        env.note("no events match these filters")
    else:
        from eastsyria import render

        console = env.console()
        console.print(render.events_table(list(event_views), console.width))
        env.note(f"{len(found)} event{'s' if len(found) != 1 else ''}")


@app.command()
def show(
    ctx: typer.Context,
    event_id: Annotated[
        str,
        typer.Argument(metavar="ID", help="The event's id.", autocompletion=_completer("event")),
    ],
    fmt: Annotated[str, _format_option("show")] = "table",
) -> None:
    """Everything about one event: dates, places, actors, control, casualties, sources, disputes."""
    from eastsyria import exports, views

    env = _env(ctx)
    fmt = _check_format(fmt, "show")
    catalog = _catalog(ctx)
    event = catalog.resolve_event(event_id)
    view = views.event_view(catalog, event)
    if fmt == "json":
        detail = dict(view)
        detail["disputes"] = catalog.disputes_by_event.get(event["id"], [])
        exports.write_json(detail, env.stdout)
        return
    from eastsyria import render

    _print(env, render.event_detail(catalog, view))


def _listing(  # noqa: PLR0917 - one private helper for three commands
    ctx: typer.Context,
    command: str,
    rows_of: Callable[["Catalog"], list[dict[str, Any]]],
    known: tuple[str, ...],
    columns: list[tuple[str, str]],
    fmt: str,
    fields_: str | None,
) -> None:
    from eastsyria import exports, views

    env = _env(ctx)
    fmt = _check_format(fmt, command)
    chosen = views.check_fields(fields_, known)
    rows = rows_of(_catalog(ctx))
    if fmt == "table":
        from eastsyria import render

        if command == "campaigns":
            _print(env, render.campaign_blocks(rows))
        else:
            _print(env, render.simple_table(rows, columns))
    else:
        exports.write_rows((views.pick(r, chosen) for r in rows), chosen, fmt, env.stdout)


@app.command()
def places(
    ctx: typer.Context,
    fmt: Annotated[str, _format_option("places")] = "table",
    fields_: FieldsOpt = None,
) -> None:
    """The gazetteer: every place, its aliases, kind, parent, coordinates and event count."""
    from eastsyria import views

    columns = [
        ("Place", "name"),
        ("Aliases", "aliases"),
        ("Kind", "kind"),
        ("In", "parent_name"),
        ("Lat", "lat"),
        ("Lon", "lon"),
        ("±km", "coord_precision_km"),
        ("Events", "event_count"),
    ]
    _listing(ctx, "places", views.place_views, views.PLACE_FIELDS, columns, fmt, fields_)


@app.command()
def actors(
    ctx: typer.Context,
    fmt: Annotated[str, _format_option("actors")] = "table",
    fields_: FieldsOpt = None,
) -> None:
    """Every force, unit, militia, ministry, monitor and person, with side and event count."""
    from eastsyria import views

    columns = [
        ("Actor", "name"),
        ("Aliases", "aliases"),
        ("Kind", "kind"),
        ("Side", "side"),
        ("Part of", "parent_name"),
        ("Events", "event_count"),
    ]
    _listing(ctx, "actors", views.actor_views, views.ACTOR_FIELDS, columns, fmt, fields_)


@app.command()
def campaigns(
    ctx: typer.Context,
    fmt: Annotated[str, _format_option("campaigns")] = "table",
    fields_: FieldsOpt = None,
) -> None:
    """The campaigns and what their infoboxes state: dates, result, commanders, strengths."""
    from eastsyria import views

    columns = [
        ("Campaign", "name"),
        ("Dates", "date"),
        ("Part of", "parent"),
        ("Result", "result"),
        ("Commanders", "commanders"),
        ("Strengths", "strengths"),
        ("Casualties", "casualties"),
        ("Events", "event_count"),
    ]
    _listing(ctx, "campaigns", views.campaign_views, views.CAMPAIGN_FIELDS, columns, fmt, fields_)


@app.command()
@with_filters
def timeline(
    ctx: typer.Context,
    filters: "Filters",
    by: ByOpt = "month",
    svg: Annotated[
        Path | None,
        typer.Option("--svg", metavar="FILE", help="Also write the timeline as an SVG picture."),
    ] = None,
) -> None:
    """A vertical timeline of the matching events, a heading per month (or week)."""
    from eastsyria import query, views

    env = _env(ctx)
    by = _check_by(by)
    catalog = _catalog(ctx)
    _, found = query.select(catalog, filters)
    if not found:
        env.note("no events match these filters")
        return
    from eastsyria import render

    body = render.timeline(catalog, [views.event_view(catalog, e) for e in found], by)
    _print(env, body, svg=svg)


@app.command()
def control(
    ctx: typer.Context,
    place: Annotated[
        str | None,
        typer.Argument(
            metavar="[PLACE]",
            help="One place; without it, every place that changed hands.",
            autocompletion=_completer("place"),
        ),
    ] = None,
    fmt: Annotated[str, _format_option("control")] = "table",
) -> None:
    """Who held a place when, derived from the events' control changes."""
    from eastsyria import control as control_core
    from eastsyria import exports

    env = _env(ctx)
    fmt = _check_format(fmt, "control")
    catalog = _catalog(ctx)
    if place is None:
        rows = control_core.control_summary(catalog)
        if fmt == "table":
            from eastsyria import render

            columns = [
                ("Place", "place_name"),
                ("Changes", "changes"),
                ("Last holder", "last_holder_name"),
                ("Since", "since_date"),
            ]
            _print(env, render.simple_table(rows, columns))
        else:
            fields_ = tuple(rows[0]) if rows else ()
            exports.write_rows(rows, fields_, fmt, env.stdout)
        return
    result = control_core.place_control(catalog, catalog.resolve_place(place))
    if not result["periods"]:
        env.note(f"{result['place']['name']} did not change hands in the data")
    if fmt == "json":
        exports.write_json(result, env.stdout)
    elif fmt in ("jsonl", "csv"):
        periods = result["periods"]
        fields_ = tuple(periods[0]) if periods else ()
        exports.write_rows(periods, fields_, fmt, env.stdout)
    elif result["periods"]:
        from eastsyria import render

        _print(env, render.control_periods(result["place"], result["periods"]))


@app.command()
@with_filters
def stats(
    ctx: typer.Context,
    filters: "Filters",
    by: ByOpt = "month",
    fmt: Annotated[str, _format_option("stats")] = "table",
) -> None:
    """Events per month or week, by type, side and place; casualty claims side by side."""
    from eastsyria import exports, query
    from eastsyria import stats as stats_core

    env = _env(ctx)
    by = _check_by(by)
    fmt = _check_format(fmt, "stats")
    catalog = _catalog(ctx)
    _, found = query.select(catalog, filters)
    result = stats_core.event_stats(catalog, found, by)
    if fmt == "json":
        exports.write_json(result, env.stdout)
        return
    if not found:
        env.note("no events match these filters")
        return
    from eastsyria import render

    console = env.console()
    console.print(render.stats_view(result, console.width))


@app.command()
def validate(
    ctx: typer.Context,
    path: Annotated[
        str | None,
        typer.Argument(metavar="[PATH]", help="The file to check (default: the active data file)."),
    ] = None,
    fmt: Annotated[str, _format_option("validate")] = "text",
) -> None:
    """Check a data file: schema, references and dates. Lists every problem, exit 2 if any."""
    from eastsyria import dataset, exports

    env = _env(ctx)
    fmt = _check_format(fmt, "validate")
    target = dataset.data_path(path if path is not None else env.data_option)
    try:
        record, problems = dataset.check_file(target)
    except DataFileError as exc:
        if not exc.problems:
            raise
        record, problems = None, exc.problems
    counts = None
    if record is not None:
        counts = {
            "events": len(record["events"]),
            "places": len(record["places"]),
            "actors": len(record["actors"]),
            "campaigns": len(record["campaigns"]),
            "disputes": len(record["disputes"]),
            "sources": len(record["sources"]),
        }
    if fmt == "json":
        report = {
            "path": str(target),
            "valid": counts is not None,
            "counts": counts,
            "problems": [{"location": p.location, "message": p.message} for p in problems],
        }
        exports.write_json(report, env.stdout)
    elif counts is None:
        for problem in problems:
            env.note(f"{target}: {problem}")
    else:
        listed = ", ".join(f"{count} {key}" for key, count in counts.items())
        print(f"valid: {target}: {listed}", file=env.stdout)
    if counts is None:
        raise DataFileError(f"{target}: {len(problems)} problem{'s' if len(problems) != 1 else ''}")


@app.command()
def schema(ctx: typer.Context) -> None:
    """Print the JSON Schema of the data file."""
    from eastsyria import exports
    from eastsyria.model import json_schema

    exports.write_json(json_schema(), _env(ctx).stdout)
