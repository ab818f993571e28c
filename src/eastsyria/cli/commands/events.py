"""`events`: the events matching the filters; `show`: one event in full."""

# No `from __future__ import annotations`: Typer reads these annotations on every run.
from typing import TYPE_CHECKING, Annotated

import typer

from eastsyria.cli.context import catalog, environment, style_files
from eastsyria.cli.options import (
    AllOpt,
    NoCsvGuardOpt,
    QmlOpt,
    completer,
    fields_option,
    format_option,
    takes_filters,
)
from eastsyria.contract.events import EVENT_FIELDS
from eastsyria.core.query import Filters
from eastsyria.output.formats import Answer, check_format, emit, picture_only

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from rich.console import RenderableType

    from eastsyria.contract.events import EventViews
    from eastsyria.output.environment import Environment
    from eastsyria.output.formats import Format

# The formats a large file's answer is written in as it is read (`_stream`).
STREAMED = frozenset({"json", "jsonl", "csv", "tsv", "markdown", "geojson", "kml"})


@takes_filters
def events(
    ctx: typer.Context,
    filters: Filters,
    fmt: Annotated[str | None, format_option("events")] = None,
    no_csv_guard: NoCsvGuardOpt = False,
    fields_: Annotated[str | None, fields_option(EVENT_FIELDS)] = None,
    *,
    every: AllOpt = False,
    qml: QmlOpt = None,
) -> None:
    """List the events matching every filter given, oldest first.

    A table of more than 200 events shows the first 200 and counts the rest (--all draws
    every one); the other formats always carry every event.

    Examples:

      eastsyria events --from 2017-11-01 --place "Abu Kamal"

      eastsyria events --actor Hezbollah --side isil --format json

      eastsyria events --on 2017-W45 --fields date,id,title

      eastsyria events --near "Abu Kamal" --radius 30 --sort distance --limit 3

      eastsyria events -f geojson --qml events.qml > events.geojson
    """
    from eastsyria.contract.events import (
        EVENT_BRIEF_FIELDS,
        EVENT_NEAR_BRIEF_FIELDS,
        EVENT_NEAR_PIPED_FIELDS,
        EVENT_PIPED_FIELDS,
        EventViews,
        event_view,
    )
    from eastsyria.contract.fields import check_fields
    from eastsyria.contract.texts import DISPUTED_SIGN, DISPUTED_WORDS, counted, disputed_legend
    from eastsyria.core.eventsource import InMemory
    from eastsyria.core.query import build_query, measure, no_match_notes, run

    env = environment(ctx, csv_guard=not no_csv_guard)
    chosen_format = check_format("events", fmt, env.terminal)
    chosen = check_fields(fields_, EVENT_FIELDS) if fields_ is not None else None
    style = style_files(ctx, qml, fmt, layer="events")
    answer = not picture_only(qml, fmt)
    data = catalog(ctx)
    query = build_query(data, filters)
    if chosen_format.name in STREAMED and not isinstance(data.source, InMemory):
        rows = EventViews(data, query)
        _stream(
            env,
            chosen_format,
            rows,
            chosen,
            near=query.near is not None,
            style=style,
            answer=answer,
        )
        return
    found = run(data, query)
    near = measure(data, query, found)
    shown, hidden = found, 0
    if chosen_format.name == "table" and not every:
        # A table draws the first ROW_CAP events: only theirs are made views and laid out.
        from eastsyria.contract.summary import ROW_CAP, cap

        shown, hidden = cap(found, ROW_CAP)
    views = [event_view(data, event, near.get(event["id"])) for event in shown]
    mark = env.sign(DISPUTED_SIGN, DISPUTED_WORDS)

    def screen(width: int, fields: tuple[str, ...] | None) -> "RenderableType":
        from eastsyria.contract.summary import more_rows
        from eastsyria.output.grid import with_note
        from eastsyria.output.tables import events_table

        table = events_table(views, width, fields=fields, short_ids=data.short_ids, mark=mark)
        return with_note(table, more_rows(hidden, "event") if hidden else None, width)

    def geojson() -> object:
        from eastsyria.output.machine import geojson

        return geojson(views, data.place_precision)

    def timelinejs() -> object:
        from eastsyria.contract.listings import campaign_views
        from eastsyria.output.machine import timelinejs

        return timelinejs(views, campaign_views(data))

    def kml() -> str:
        from eastsyria.output.kml import catalog_kml

        return catalog_kml(data, views, title="eastsyria events")

    count = counted(len(found), "event")
    marked = chosen is None or "title" in chosen
    legend = (disputed_legend(mark),) if marked and any(v["disputes"] for v in views) else ()
    report = Answer(
        rows=views,
        fields=EVENT_FIELDS,
        chosen=chosen,
        brief=EVENT_NEAR_BRIEF_FIELDS if near else EVENT_BRIEF_FIELDS,
        piped=EVENT_NEAR_PIPED_FIELDS if near else EVENT_PIPED_FIELDS,
        documents={"geojson": geojson, "timelinejs": timelinejs, "kml": kml},
        screen=screen if views else None,
        notes=(count, *legend) if views else no_match_notes(data, filters),
        files=style,
    )
    emit(env, chosen_format, report, answer=answer)


def _stream(
    env: "Environment",
    chosen_format: "Format",
    views: "EventViews",
    chosen: tuple[str, ...] | None,
    *,
    near: bool,
    style: "tuple[tuple[Path, Callable[[], str]], ...]" = (),
    answer: bool = True,
) -> None:
    """The answer of a store, written as it is read: never held whole (notes are for tables);
    `style`: the QGIS style (--qml), written before it (alone, without `answer`)."""
    from eastsyria.contract.events import (
        EVENT_BRIEF_FIELDS,
        EVENT_NEAR_BRIEF_FIELDS,
        EVENT_NEAR_PIPED_FIELDS,
        EVENT_PIPED_FIELDS,
    )
    from eastsyria.output.machine import StreamedGeoJSON

    data = views.catalog

    def geojson() -> object:
        return StreamedGeoJSON(views, data.place_precision)

    def kml() -> object:
        from eastsyria.output.kml import StreamedKML

        return StreamedKML(data, views, title="eastsyria events")

    report = Answer(
        rows=views,  # type: ignore[arg-type]
        fields=EVENT_FIELDS,
        chosen=chosen,
        brief=EVENT_NEAR_BRIEF_FIELDS if near else EVENT_BRIEF_FIELDS,
        piped=EVENT_NEAR_PIPED_FIELDS if near else EVENT_PIPED_FIELDS,
        documents={"geojson": geojson, "kml": kml},
        files=style,
    )
    emit(env, chosen_format, report, answer=answer)


def show(
    ctx: typer.Context,
    event_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="The event's id, its short code or a unique start of it.",
            autocompletion=completer("event"),
        ),
    ],
    fmt: Annotated[str | None, format_option("show")] = None,
) -> None:
    """Everything about one event: dates, places, actors, control, casualties, sources, disputes.

    ID is the event's id, the short code the events table shows, or any unique start of an id.

    Examples:

      eastsyria show abu-kamal-first-capture

      eastsyria show abu-kamal-first --format json
    """
    from eastsyria.contract.events import event_detail

    env = environment(ctx)
    chosen_format = check_format("show", fmt, env.terminal)
    data = catalog(ctx)
    detail = event_detail(data, data.resolve_event(event_id))

    def screen(width: int, _: object) -> "RenderableType":
        from eastsyria.output.details import event_detail as detail_screen

        return detail_screen(detail, width)

    emit(env, chosen_format, Answer(documents={"json": lambda: detail}, screen=screen))
