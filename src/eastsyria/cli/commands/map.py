"""`map`: where the matching events happened, on the Euphrates valley, in the terminal or SVG."""

# No `from __future__ import annotations`: Typer reads these annotations on every run.
from typing import TYPE_CHECKING, Annotated

import typer

from eastsyria.cli import spec
from eastsyria.cli.context import catalog, check_output, environment, style_files
from eastsyria.cli.options import (
    AllOpt,
    PictureWidthOpt,
    QmlOpt,
    SvgOpt,
    format_option,
    option,
    takes_filters,
)
from eastsyria.core.query import Filters
from eastsyria.output.formats import Answer, check_format, emit, picture_only

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from rich.console import RenderableType

    from eastsyria.core.catalog import Catalog
    from eastsyria.output.environment import Environment
    from eastsyria.output.formats import Format


@takes_filters
def map(
    ctx: typer.Context,
    filters: Filters,
    *,
    svg: SvgOpt = None,
    width: PictureWidthOpt = 1200,
    fmt: Annotated[str | None, format_option("map")] = None,
    every: AllOpt = False,
    lines: Annotated[bool, option(spec.MAP_LINES)] = False,
    qml: QmlOpt = None,
) -> None:
    """A map of the matching events: the Euphrates from Deir ez-Zor to Al-Qa'im, the
    Syria–Iraq border, the places and how many events each saw.

    Drawn in braille at the terminal's width; --svg FILE draws it for print. With --on DATE
    (the events of that day, week, month or year) the places are coloured by who held them at
    its end, as control --on says. Each event is drawn once, at its most precisely located
    place; a place known only to within some km is a dotted ring of that size, and places
    known only to within more than 50 km (a governorate) are listed under the map.

    Over 500 events, each place is drawn as a disc sized by its number of events, in the
    colours of the sides that led them (--all draws every event); geojson and kml always
    carry every event. GeoJSON is a layer of Points (an event and place each); --lines
    writes the map's lines instead, as LineStrings.

    Examples:

      eastsyria map --campaign abu-kamal-offensive

      eastsyria map --on 2017-11-10 --svg map.svg

      eastsyria map --from 2017-11 --format kml > november.kml

      eastsyria map --format geojson --lines > lines.geojson

      eastsyria map -f geojson --qml map.qml > map.geojson
    """
    from eastsyria.contract.events import event_view
    from eastsyria.contract.maps import choose_map, density_view, events_map
    from eastsyria.core.eventsource import InMemory
    from eastsyria.core.query import no_match_notes

    env = environment(ctx)
    chosen_format = check_format("map", fmt, env.terminal)
    if lines:
        _lines_only(env, chosen_format, catalog(ctx), qml)
        return
    if svg is not None:
        check_output(ctx, svg, "SVG", "map.svg")
    style = style_files(ctx, qml, fmt, layer="events")
    if style and svg is None and fmt is None:  # the style alone: no map is drawn
        emit(env, chosen_format, Answer(files=style), answer=False)
        return
    data = catalog(ctx)
    if chosen_format.name in ("geojson", "kml") and not isinstance(data.source, InMemory):
        _stream(env, chosen_format, data, filters, (every, width, svg), style=style)
        return
    # Past MARK_CAP events a picture is a density: no event is read whole or made a view.
    drawing = chosen_format.name == "table"
    found, near, tally = choose_map(data, filters, every=every or not drawing)
    if tally is not None:
        views = []
        view = density_view(data, tally, filters.date_on)
    else:
        views = [event_view(data, event, near.get(event["id"])) for event in found]
        view = events_map(data, found, views, filters.date_on)
    sides = data.side_names

    def screen(width: int, _: object) -> "RenderableType":
        from eastsyria.output.pictures.terminal_map import map_screen

        return map_screen(view, width, sides)

    def picture() -> str:
        from eastsyria.contract.maps import place_ranks, tally_events
        from eastsyria.contract.summary import MARK_CAP
        from eastsyria.output.pictures.map import map_svg

        drawn = view
        if not every and not view.summarised and len(found) > MARK_CAP:  # read for geojson
            drawn = density_view(data, tally_events(found, place_ranks(data)), filters.date_on)
        return map_svg(drawn, sides, width=width)

    def geojson() -> object:
        from eastsyria.output.machine import geojson

        return geojson(views, data.place_precision)

    def kml() -> str:
        from eastsyria.output.kml import catalog_kml

        return catalog_kml(data, views, title="eastsyria map", lines=view.lines)

    from eastsyria.contract.texts import counted

    count = f"{counted(view.event_count, 'event')} on the map"
    report = Answer(
        documents={"geojson": geojson, "kml": kml},
        screen=screen,
        notes=(count,) if view.event_count else no_match_notes(data, filters),
        svg=svg,
        picture=picture,
        files=style,
    )
    emit(env, chosen_format, report, answer=not picture_only(svg or qml, fmt))


def _stream(
    env: "Environment",
    chosen_format: "Format",
    data: "Catalog",
    filters: Filters,
    chart: "tuple[bool, int, Path | None]",
    *,
    style: "tuple[tuple[Path, Callable[[], str]], ...]" = (),
) -> None:
    """GeoJSON or KML of a store's answer, written as it is read
    (`contract.events.EventViews`): never held whole, the map's lines after the events.
    `chart` is --all, --width and --svg: the picture, if asked for, is the one a table's
    map draws (past MARK_CAP, a density the store counts itself); `style` the QGIS style
    (--qml)."""
    from eastsyria.contract.events import EventViews
    from eastsyria.contract.maps import map_lines
    from eastsyria.core.query import build_query
    from eastsyria.output.machine import StreamedGeoJSON

    every, width, svg = chart

    rows = EventViews(data, build_query(data, filters))

    def geojson() -> object:
        return StreamedGeoJSON(rows, data.place_precision)

    def kml() -> object:
        from eastsyria.output.kml import StreamedKML

        return StreamedKML(data, rows, title="eastsyria map", lines=map_lines(data))

    def picture() -> str:
        from eastsyria.contract.events import event_view
        from eastsyria.contract.maps import choose_map, density_view, events_map
        from eastsyria.output.pictures.map import map_svg

        found, near, tally = choose_map(data, filters, every=every)
        if tally is not None:
            view = density_view(data, tally, filters.date_on)
        else:
            views = [event_view(data, event, near.get(event["id"])) for event in found]
            view = events_map(data, found, views, filters.date_on)
        return map_svg(view, data.side_names, width=width)

    report = Answer(
        documents={"geojson": geojson, "kml": kml}, svg=svg, picture=picture, files=style
    )
    emit(env, chosen_format, report)


def _lines_only(
    env: "Environment", chosen_format: "Format", data: "Catalog", qml: "Path | None"
) -> None:
    """`map --lines`: the map's lines as GeoJSON LineStrings, a layer of their own."""
    from eastsyria.errors import InputError

    if qml is not None:
        raise InputError(
            "--qml styles the events' layer, which has days and sides; the lines have "
            "neither: drop --lines or --qml"
        )
    if chosen_format.name != "geojson":
        raise InputError(
            f"--lines writes the map's lines as GeoJSON, not as {chosen_format.name}: "
            "add --format geojson (KML has them in a folder of their own)"
        )

    def geojson() -> object:
        from eastsyria.contract.maps import line_features, map_lines
        from eastsyria.output.machine import feature_collection

        return feature_collection(line_features(map_lines(data)))

    emit(env, chosen_format, Answer(documents={"geojson": geojson}))
