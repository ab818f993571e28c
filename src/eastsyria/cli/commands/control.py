"""`control`: who held a place when, derived from the events' control changes; who held
every place at the end of a day (`--on`); what changed hands between two days (`--diff`)."""

# No `from __future__ import annotations`: Typer reads these annotations on every run.
from typing import TYPE_CHECKING, Annotated, Any

import typer

from eastsyria.cli import spec
from eastsyria.cli.context import catalog, check_output, environment, style_files
from eastsyria.cli.options import (
    NoCsvGuardOpt,
    PictureWidthOpt,
    QmlOpt,
    SvgOpt,
    completer,
    format_option,
    option,
)
from eastsyria.contract.control import VIEW_FIELDS
from eastsyria.output.formats import Answer, check_format, emit, picture_only

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.console import RenderableType

    from eastsyria.core.catalog import Catalog
    from eastsyria.data.records import EventRecord
    from eastsyria.output.formats import Format

# The columns of the summary table: (heading, field).
_SUMMARY_COLUMNS = (
    ("Place", "place_label"),
    ("Changes", "changes"),
    ("Last holder", "last_holder_name"),
    ("Since", "since_date"),
)
_FIELDS_HELP = "; ".join(f"{view}: {', '.join(names)}" for view, names in VIEW_FIELDS.items())


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
    *,
    on: Annotated[str | None, option(spec.CONTROL_ON)] = None,
    diff: Annotated[tuple[str, str] | None, option(spec.DIFF)] = None,
    svg: SvgOpt = None,
    width: PictureWidthOpt = 1200,
    chart: Annotated[bool, option(spec.CHART)] = False,
    all_: Annotated[
        bool,
        option(
            spec.EVERY_ROW,
            help="--chart and --svg: draw a row for every place, not only the 40 that "
            "changed hands most.",
        ),
    ] = False,
    fmt: Annotated[str | None, format_option("control")] = None,
    no_csv_guard: NoCsvGuardOpt = False,
    fields_: Annotated[
        str | None, option(spec.FIELDS, help=f"{spec.FIELDS.help}. {_FIELDS_HELP}.")
    ] = None,
    qml: QmlOpt = None,
) -> None:
    """Who held a place when, derived from the events' control changes.

    --on DATE gives every place (or PLACE) with its holder(s) at the end of that day, and how
    certain that is, by the weakest thing it rests on: certain (the texts state it), reported
    (only reported), inferred (implied, not stated: the JSON's basis gives the statement),
    possible (a change whose date is uncertain may already have happened), contested (a
    dispute touches it) or unknown. Before a place's first change its holder is unknown unless
    the data says who held it when the data begins: a change's "from" side says who held the
    place when it changed hands, not since when. --diff DATE1 DATE2 gives the places that
    changed hands between the end of DATE1 and the end of DATE2. --format geojson or kml (the
    summary or PLACE) gives a point per place and period of control, with its days, so that
    QGIS's temporal controller and Google Earth's time slider play who held what.

    Examples:

      eastsyria control "Abu Kamal"

      eastsyria control --on 2017-11-10

      eastsyria control --diff 2017-11-01 2017-11-30 --format geojson

      eastsyria control --format kml > held.kml

      eastsyria control -f geojson --qml held.qml > held.geojson

      eastsyria control --chart

      eastsyria control --svg control.svg --on 2017-11-10

    --chart and --svg draw a row for at most 40 places (those that changed hands most; --all
    draws every one), and where a place changed hands more than once within a pixel (a
    column of the chart) they draw that stretch as one, told in the legend.
    """
    from eastsyria.contract.fields import check_fields
    from eastsyria.errors import InputError

    env = environment(ctx, csv_guard=not no_csv_guard)
    chosen_format = check_format("control", fmt, env.terminal)
    if on is not None and diff is not None:
        raise InputError("--on and --diff cannot be combined: give --on DATE or --diff DATE1 DATE2")
    if chart:
        chosen_format = _chart_format(fmt, fields_)
    if svg is not None:
        check_output(ctx, svg, "SVG", "control.svg")
    view = "--on" if on is not None else "--diff" if diff is not None else "summary"
    if qml is not None and view != "summary":
        raise InputError(
            f"--qml styles the periods of control, which have days; {view} gives none: "
            f"drop {view} or --qml"
        )
    style = style_files(ctx, qml, fmt, layer="control")
    view = "PLACE" if view == "summary" and place is not None else view
    chosen = check_fields(fields_, VIEW_FIELDS[view]) if fields_ is not None else None
    data = catalog(ctx)
    place_id = data.resolve_place(place, "PLACE") if place is not None else None
    # Said on stderr once the answer (and any picture) is written: a failed write is then
    # the one line on stderr.
    said: list[str] = []
    if on is not None:
        report = _on(data, on, place_id, chosen)
    elif diff is not None:
        report = _diff(said, data, diff, place_id, chosen)
    elif place_id is None:
        report = _summary(data, chosen)
    else:
        report = _place(said, data, place_id, chosen)
    days = _days(on, diff)
    if chart:
        report = report._replace(screen=_chart(data, place_id, days, all_))
    if svg is not None:
        report = report._replace(svg=svg, picture=_picture(data, width, place_id, days, all_))
    report = report._replace(files=style)
    emit(env, chosen_format, report, answer=not picture_only(svg or qml, fmt, chart))
    for note in said:
        env.note(note)


def _days(on: str | None, diff: tuple[str, str] | None) -> list[tuple[str, str]]:
    """The days the view is about, each with the words that mark it: (ISO day, words)."""
    from eastsyria.core.calendar import short_day
    from eastsyria.core.dates import parse_span

    dates = [on] if on is not None else list(diff) if diff is not None else []
    days = [parse_span(text).end.isoformat() for text in dates]
    return [(day, f"end of {short_day(day)}") for day in days]


def _chart_format(fmt: str | None, fields: str | None) -> "Format":
    """--chart draws for people, on a terminal or a pipe alike: the table format."""
    from eastsyria.errors import InputError
    from eastsyria.output.formats import FORMATS

    if fmt is not None and fmt.strip().lower() != "table":
        raise InputError(f"--chart draws for people, not as {fmt}: drop --chart or --format")
    if fields is not None:
        raise InputError("--chart draws every place's bands: drop --fields or --chart")
    return FORMATS["table"]


def _chart(
    data: "Catalog", place_id: str | None, days: list[tuple[str, str]], everything: bool
) -> "Callable[[int, tuple[str, ...] | None], RenderableType] | None":
    """The chart for a terminal; None where no place it shows ever had a holder."""
    from eastsyria.core.standing import held_places

    if not held_places(data, None if place_id is None else [place_id]):
        return None

    def screen(width: int, _: object) -> "RenderableType":
        from eastsyria.output.pictures.bands import control_chart

        return control_chart(data, width, place_id, days, everything)

    return screen


def _picture(
    data: "Catalog",
    width: int,
    place_id: str | None,
    days: list[tuple[str, str]],
    everything: bool,
) -> "Callable[[], str]":
    def draw() -> str:
        from eastsyria.output.pictures.control import control_svg

        return control_svg(
            data,
            width=width,
            place_ids=[place_id] if place_id else None,
            lines=days,
            everything=everything,
        )

    return draw


def _screen(
    rows: list[dict[str, Any]], draw: "Callable[[int], RenderableType]"
) -> "Callable[[int, tuple[str, ...] | None], RenderableType] | None":
    """The view's own table, or the fields asked for as plain columns."""

    def screen(width: int, fields: tuple[str, ...] | None) -> "RenderableType":
        if fields is not None:
            from eastsyria.output.details import simple_table

            return simple_table(rows, [(name, name) for name in fields], width)
        return draw(width)

    return screen if rows else None


def _report(
    data: "Catalog",
    rows: list[dict[str, Any]],
    fields: tuple[tuple[str, ...], tuple[str, ...] | None],
    chosen: tuple[str, ...] | None,
    draw: "Callable[[int], RenderableType]",
    *,
    periods: bool = False,
) -> Answer:
    """A view of a row per place: `fields` are all its fields and those a piped line shows
    (None: all); GeoJSON has a point per place (with `periods`: per place and period of
    control, `_held_features`)."""

    def geojson() -> object:
        from eastsyria.output.machine import feature_collection, place_points

        if periods:
            return feature_collection(_held_features(data, [row["place"] for row in rows]))
        return place_points(rows, data.places)

    def kml() -> str:
        from eastsyria.output.kml import rows_kml
        from eastsyria.output.machine import place_points

        if periods:
            return _held_kml(data, [row["place"] for row in rows])
        features = place_points(rows, data.places)["features"]
        return rows_kml(features, list(data.sides), title="eastsyria control")

    documents: dict[str, Callable[[], object]] = {"geojson": geojson, "kml": kml}
    return Answer(
        rows=rows,
        fields=fields[0],
        chosen=chosen,
        piped=fields[1],
        documents=documents,
        screen=_screen(rows, draw),
    )


def _on(data: "Catalog", on: str, place_id: str | None, chosen: tuple[str, ...] | None) -> Answer:
    from eastsyria.contract.control import ON_FIELDS, ON_PIPED_FIELDS, standing_views
    from eastsyria.core.dates import parse_span

    day = parse_span(on).end.isoformat()
    rows = standing_views(data, day, place_id)

    def draw(width: int) -> "RenderableType":
        from eastsyria.output.control import standing_table

        return standing_table(rows, day, width)

    return _report(data, rows, (ON_FIELDS, ON_PIPED_FIELDS), chosen, draw)


def _diff(
    said: list[str],
    data: "Catalog",
    diff: tuple[str, str],
    place_id: str | None,
    chosen: tuple[str, ...] | None,
) -> Answer:
    from eastsyria.contract.control import DIFF_FIELDS, DIFF_PIPED_FIELDS, shift_views
    from eastsyria.core.dates import parse_span
    from eastsyria.errors import InputError

    first, last = (parse_span(text).end.isoformat() for text in diff)
    if first > last:
        raise InputError(
            f"--diff {diff[0]!r} {diff[1]!r}: the first date ({first}, a span's last day) is "
            f"after the second ({last}); swap them: --diff {diff[1]!r} {diff[0]!r}"
        )
    rows = shift_views(data, first, last, place_id)
    if not rows:
        what = f"{data.place_label(place_id)} did not change" if place_id else "nothing changed"
        said.append(f"{what} hands between the end of {first} and the end of {last}")

    def draw(width: int) -> "RenderableType":
        from eastsyria.output.control import shift_table

        return shift_table(rows, first, last, width)

    return _report(data, rows, (DIFF_FIELDS, DIFF_PIPED_FIELDS), chosen, draw)


def _summary(data: "Catalog", chosen: tuple[str, ...] | None) -> Answer:
    from eastsyria.contract.control import SUMMARY_FIELDS, control_summary

    rows = control_summary(data)

    def draw(width: int) -> "RenderableType":
        from eastsyria.contract.texts import record_date_text
        from eastsyria.output.details import simple_table

        # The table's "Since" is the day written short, from the event that began it.
        events = _change_events(data)
        shown = [
            {**row, "since_date": record_date_text(events[row["event"]]["date"])} for row in rows
        ]
        return simple_table(shown, _SUMMARY_COLUMNS, width)

    return _report(data, rows, (SUMMARY_FIELDS, None), chosen, draw, periods=True)


def _place(
    said: list[str], data: "Catalog", place_id: str, chosen: tuple[str, ...] | None
) -> Answer:
    from eastsyria.contract.control import PERIOD_FIELDS, place_control

    held = place_control(data, place_id)
    periods = held["periods"]
    if not periods:
        said.append(f"{held['place']['label']} did not change hands in the data")

    def draw(width: int) -> "RenderableType":
        from eastsyria.contract.texts import record_date_text
        from eastsyria.output.control import control_periods

        events = _change_events(data, place_id)

        def short(event_id: str) -> str:
            return record_date_text(events[event_id]["date"])

        begun = [short(p["event"]) if p["event"] else None for p in periods]
        claims = [(c, short(c["event"])) for c in held["claims"]]
        return control_periods(held["place"], periods, width, begun, claims)

    def geojson() -> object:
        from eastsyria.output.machine import feature_collection

        return feature_collection(_held_features(data, [place_id], held))

    documents: dict[str, Callable[[], object]] = {
        "geojson": geojson,
        "kml": lambda: _held_kml(data, [place_id], held),
    }
    if chosen is None:
        documents["json"] = lambda: held
    return Answer(
        rows=periods,
        fields=PERIOD_FIELDS,
        chosen=chosen,
        documents=documents,
        screen=_screen(periods, draw),
    )


def _change_events(data: "Catalog", place_id: str | None = None) -> "dict[str, EventRecord]":
    """The events of every control change and claim (or only `place_id`'s), by id: already
    read, where asking the catalog for each by id would read it again (from a store, one
    query per period)."""
    from eastsyria.core.control import changes_by_place, claims_by_place

    found: dict[str, EventRecord] = {}
    for chains in (changes_by_place(data), claims_by_place(data)):
        for place, changes in chains.items():
            if place_id is None or place == place_id:
                found.update((change.event["id"], change.event) for change in changes)
    return found


def _held_features(
    data: "Catalog", place_ids: list[str], held: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """A Point per place and period of control (`output.machine.period_features`), so a
    time slider plays who held what; `held`: the one place's `place_control`, made already."""
    from eastsyria.contract.control import place_control
    from eastsyria.output.machine import period_features

    dates = [event["date"] for event in data.control_events()]
    # Held since before the data, or still at its end: the first or last day of a change.
    bounds = (
        (min(d["earliest"] for d in dates), max(d["latest"] for d in dates)) if dates else ("", "")
    )
    features = []
    for place_id in place_ids:
        view = held if held is not None else place_control(data, place_id)
        precision = data.places[place_id]["coord_precision_km"]
        features += period_features(view["place"], view["periods"], precision, bounds)
    return features


def _held_kml(data: "Catalog", place_ids: list[str], held: dict[str, Any] | None = None) -> str:
    """`control --format kml`: the periods of `_held_features` as KML placemarks."""
    from eastsyria.output.kml import periods_kml

    features = _held_features(data, place_ids, held)
    return periods_kml(features, list(data.sides), title="eastsyria control")
