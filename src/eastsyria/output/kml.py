"""KML 2.2 (Google Earth, QGIS, GDAL): a Placemark per event with its TimeSpan, so a time
slider plays the campaign; a folder of the places with how precise each is; the map's lines.

Every string from the data file is made inert and escaped for XML (`svg.text`). A balloon is
HTML (Google Earth renders a `<description>` as a web page, JavaScript and all), so each
description is written as HTML of our own in CDATA, every data string in it HTML-escaped
(`_html`) and a source a link only to an http(s) address; a shared BalloonStyle makes the
balloon that description alone, so no reader builds one from a name as HTML. Only the KML
namespace is named.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Container, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from eastsyria.core.links import is_web_link
from eastsyria.core.sanitise import safe
from eastsyria.data import vocab
from eastsyria.output.svg import side_colour, tag, text

if TYPE_CHECKING:
    from eastsyria.contract.events import EventViews
    from eastsyria.core.catalog import Catalog
    from eastsyria.data.records import GeoLineRecord

KML_NAMESPACE = "http://www.opengis.net/kml/2.2"
View = Mapping[str, Any]


# The names GDAL's KML reader (LIBKML, which QGIS uses) gives fields of its own, read from
# KML's elements (a TimeStamp's `timestamp`, a TimeSpan's `begin` and `end`): a kept column of
# that name (ACLED's `timestamp`, the Unix time of the row's last change) would be hidden by
# it, so it is written under its dataset's name.
_LIBKML_NAMES = {"timestamp": "acled_timestamp"}


def _kml_name(field: str) -> str:
    return _LIBKML_NAMES.get(field, field)


# The typed fields of each kind of placemark (KML's SimpleField types), by `<Schema>` id: GDAL
# and QGIS read a number as a number, Google Earth shows each under its name.
SCHEMAS: dict[str, tuple[tuple[str, str], ...]] = {
    "event-fields": (
        ("id", "string"),
        ("date", "string"),
        ("date_precision", "string"),
        ("date_qualifier", "string"),
        ("type", "string"),
        ("campaign", "string"),
        ("places", "string"),
        ("place", "string"),
        ("coord_precision_km", "double"),
        # Added in issue 28.
        ("place_name", "string"),
        ("lead_side", "string"),
        # An imported event's dataset and its own columns (ACLED's, UCDP's), typed as its
        # codebook gives them; empty for a curated event.
        ("dataset", "string"),
        *(
            (_kml_name(name), "int" if whole else "string")
            for fields in vocab.DATASET_FIELDS.values()
            for name, whole in fields.items()
        ),
    ),
    "place-fields": (("id", "string"), ("kind", "string"), ("coord_precision_km", "double")),
    "line-fields": (("id", "string"), ("kind", "string"), ("precision_km", "double")),
}


def _schema(schema_id: str) -> str:
    fields = [tag("SimpleField", type=kind, name=name) for name, kind in SCHEMAS[schema_id]]
    return tag("Schema", fields, name=schema_id, id=schema_id)


def _data(schema_id: str, fields: Mapping[str, object]) -> str:
    """`fields` (every one of the schema's, in its order) as typed ExtendedData."""
    values = [
        tag("SimpleData", text("" if fields[name] is None else fields[name]), name=name)
        for name, _ in SCHEMAS[schema_id]
    ]
    return tag("ExtendedData", tag("SchemaData", values, schemaUrl=f"#{schema_id}"))


def _point(lon: float, lat: float) -> str:
    return tag("Point", tag("coordinates", f"{round(lon, 6)},{round(lat, 6)}"))


# Every placemark's balloon is its description alone (the name is in it, escaped, as a
# heading). In a Placemark, KML orders styleUrl after the time and before ExtendedData.
BALLOON_STYLE = "balloon"


def _html(value: object) -> str:
    """A data string as HTML text: inert, escaped, and with no `$[`, which Google Earth
    would replace by a placemark's name or data as they are."""
    return html.escape(safe(str(value)), quote=False).replace("$", "&#36;")


def _cdata(markup: str) -> str:
    """`markup` as XML character data; a `]]>` in it (escaped data never has one) split
    across two sections, so it cannot end the section early."""
    return "<![CDATA[" + markup.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _balloon(heading: str, *paragraphs: str, links: Sequence[tuple[str, str | None]] = ()) -> str:
    """A description: the heading and paragraphs (data strings, escaped here), then a list
    of `links` (label, URL), each a link where its URL is an http(s) address."""
    parts = [f"<h3>{_html(heading)}</h3>", *(f"<p>{_html(p)}</p>" for p in paragraphs)]
    if links:
        items = [
            f'<li><a href="{html.escape(url)}">{_html(label)}</a></li>'
            if url and is_web_link(url)
            else f"<li>{_html(label)}</li>"
            for label, url in links
        ]
        parts.append(f"<p>Sources:</p><ul>{''.join(items)}</ul>")
    return tag("description", _cdata("".join(parts)))


def _description(view: View, precision_km: float) -> str:
    """The title, the date as the source words it, the summary, where, and the sources
    with their links."""
    where = ", ".join(place.get("label") or place["name"] for place in view["places"])
    return _balloon(
        view["title"],
        view["date"],
        view["summary"],
        f"Where: {where} (placed to within ±{precision_km:g} km)",
        links=[
            (f"{source['article_title']} › {source['section_title']}", source["url"])
            for source in view["sources"]
        ],
    )


_STYLED = tag("styleUrl", f"#{BALLOON_STYLE}")
# A style id is made of the program's own characters: a side's id where it is a plain word,
# else a digest of it (a data file names its sides).
_PLAIN_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
# The side of an event with no actor named (`contract.events.lead_side`).
UNKNOWN_SIDE = "unknown"


def side_style_id(side: str) -> str:
    if _PLAIN_ID.fullmatch(side):
        return f"side-{side}"
    return "sidehash-" + hashlib.sha256(side.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def kml_colour(colour: str) -> str:
    """`#RRGGBB` as KML writes a colour: aabbggrr, opaque."""
    red, green, blue = colour[1:3], colour[3:5], colour[5:7]
    return f"ff{blue}{green}{red}".lower()


def _balloon_style() -> str:
    return tag("BalloonStyle", tag("text", _cdata("$[description]")))


def _side_style(side: str) -> str:
    """An event's pin and label in its lead side's colour (that of the pictures, unknown in
    their grey), its balloon its description alone."""
    colour = kml_colour(side_colour(None if side == UNKNOWN_SIDE else side))
    return tag(
        "Style",
        [
            tag("IconStyle", tag("color", colour)),
            tag("LabelStyle", tag("color", colour)),
            _balloon_style(),
        ],
        id=side_style_id(side),
    )


def _event(view: View, precision: Mapping[str, float], sides: Container[str]) -> str:
    from eastsyria.contract.events import kept_columns, lead_side
    from eastsyria.output.machine import time_fields

    place = next(p for p in view["places"] if p["id"] == view["place_id"])  # its own place
    timed = time_fields(view["start"], view["end"])
    span = [tag("begin", text(timed["time_start"])) if timed["time_start"] else ""]
    span.append(tag("end", text(timed["time_end"])) if timed["time_end"] else "")
    side = lead_side(view)
    extended = {
        "id": view["id"],
        "date": view["date"],
        "date_precision": view["precision"],
        "date_qualifier": view["qualifier"],
        "type": view["type"],
        "campaign": view["campaign"],
        "places": "; ".join(p["id"] for p in view["places"]),
        "place": place["id"],
        "coord_precision_km": precision[place["id"]],
        "place_name": place["name"],
        "lead_side": side,
        "dataset": view["dataset"],
        **{_kml_name(n): value for n, value in kept_columns(view["dataset_fields"]).items()},
    }
    styled = side_style_id(side if side in sides else UNKNOWN_SIDE)
    return tag(
        "Placemark",
        [
            tag("name", text(view["title"])),
            _description(view, precision[place["id"]]),
            tag("TimeSpan", span) if any(span) else "",
            tag("styleUrl", f"#{styled}"),
            _data("event-fields", extended),
            _point(place["lon"], place["lat"]),
        ],
    )


def _place(place: View, precision_km: float) -> str:
    name = place.get("label") or place["name"]
    return tag(
        "Placemark",
        [
            tag("name", text(name)),
            _balloon(name, f"{place['kind']}; located to within ±{precision_km:g} km"),
            _STYLED,
            _data(
                "place-fields",
                {"id": place["id"], "kind": place["kind"], "coord_precision_km": precision_km},
            ),
            _point(place["lon"], place["lat"]),
        ],
    )


def _line(line: GeoLineRecord) -> str:
    coordinates = " ".join(f"{lon},{lat}" for lon, lat in line["points"])
    return tag(
        "Placemark",
        [
            tag("name", text(line["name"])),
            _balloon(line["name"], f"±{line['precision_km']:g} km. {line['note']}"),
            _STYLED,
            _data(
                "line-fields",
                {"id": line["id"], "kind": line["kind"], "precision_km": line["precision_km"]},
            ),
            tag("LineString", [tag("tessellate", "1"), tag("coordinates", coordinates)]),
        ],
    )


def kml_document(
    views: Sequence[View],
    precision: Mapping[str, float],
    *,
    title: str,
    lines: Iterable[GeoLineRecord] = (),
    sides: Sequence[str] = (),
) -> str:
    """The events (each at its most precisely located place, styled by its lead side), their
    places, and `lines`.

    `precision` gives each place's `coord_precision_km` by id; `sides` the sides a style is
    written for (an event led by another is styled as unknown)."""
    places = {place["id"]: place for view in views for place in view["places"]}
    styled = _styled(sides)
    head, tail = _framed(title, places.values(), precision, lines, styled)
    return head + "".join(_event(view, precision, styled) for view in views) + tail


def _styled(sides: Iterable[str]) -> tuple[str, ...]:
    """The sides given a style: `sides`, each once, and unknown."""
    return tuple(dict.fromkeys([*sides, UNKNOWN_SIDE]))


# Where the events go in a document (`_framed`): a character no text of it holds (`svg.text`
# and `_html` make a data string's NUL a visible "␀").
_EVENTS = "\x00"


def _framed(
    title: str,
    places: Iterable[View],
    precision: Mapping[str, float],
    lines: Iterable[GeoLineRecord],
    sides: Iterable[str],
) -> tuple[str, str]:
    """The document before its events (which does not depend on `places`) and after them:
    the folder of the places, then that of `lines`; `sides` are given a style each. Each
    folder holds one kind of geometry (GDAL reads a folder as a layer)."""
    folders = [
        tag("Folder", [tag("name", "Events"), _EVENTS]),
        tag(
            "Folder",
            [tag("name", "Places"), *(_place(p, precision[p["id"]]) for p in places)],
        ),
    ]
    drawn = [_line(line) for line in lines]
    if drawn:
        folders.append(tag("Folder", [tag("name", "Lines"), *drawn]))
    styles = [
        tag("Style", _balloon_style(), id=BALLOON_STYLE),
        *(_side_style(side) for side in sides),
    ]
    schemas = [_schema(schema_id) for schema_id in SCHEMAS]
    document = tag("Document", [tag("name", text(title)), *styles, *schemas, *folders])
    whole = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + tag("kml", document, xmlns=KML_NAMESPACE)
        + "\n"
    )
    head, tail = whole.split(_EVENTS)
    return head, tail


def catalog_kml(
    catalog: Catalog,
    views: Sequence[View],
    *,
    title: str,
    lines: Iterable[GeoLineRecord] = (),
) -> str:
    """`kml_document` of event views, the places' precision read from `catalog`."""
    precision = catalog.place_precision
    return kml_document(views, precision, title=title, lines=lines, sides=list(catalog.sides))


# Placemarks written at once by `StreamedKML`.
KML_CHUNK = 500


class StreamedKML:
    """`catalog_kml` of a streamed answer (`contract.events.EventViews`), written a batch
    of events at a time: only the places named so far are kept, for the folder of places
    that follows the events."""

    def __init__(
        self,
        catalog: Catalog,
        rows: EventViews,
        *,
        title: str,
        lines: Iterable[GeoLineRecord] = (),
    ) -> None:
        self.rows = rows
        self.title = title
        self.lines = lines
        self.precision = catalog.place_precision
        self.sides = _styled(catalog.sides)

    def write_to(self, out: TextIO) -> None:
        from eastsyria.output.machine import streamed_views

        precision = self.precision
        places: dict[str, View] = {}
        out.write(_framed(self.title, (), precision, (), self.sides)[0])
        chunk: list[str] = []
        for view in streamed_views(self.rows):
            for place in view["places"]:
                places[place["id"]] = place
            chunk.append(_event(view, precision, self.sides))
            if len(chunk) == KML_CHUNK:
                out.write("".join(chunk))
                chunk = []
        out.write("".join(chunk))
        out.write(_framed(self.title, places.values(), precision, self.lines, self.sides)[1])


# -- control: who held each place, period by period ----------------------------------------

PERIOD_SCHEMA = "period-fields"
PERIOD_FIELDS: tuple[tuple[str, str], ...] = (
    ("place_id", "string"),
    ("place_name", "string"),
    ("holder", "string"),
    ("holder_name", "string"),
    ("side", "string"),
    ("extent", "string"),
    ("certainty", "string"),
    # Not "start" and "end": GDAL reads a TimeSpan as the fields `begin` and `end`.
    ("start_date", "string"),
    ("end_date", "string"),
    ("coord_precision_km", "double"),
)


def _period(feature: Mapping[str, Any], sides: Container[str]) -> str:
    """A period of control (a feature of `output.machine.period_features`) as a Placemark:
    the place and its holder, in the holder's side's style, for the days it may have held."""
    p = feature["properties"]
    holder = p["holder_name"] or p["holder"] or "holder not known"
    name = f"{p['place_label']}: {holder}"
    side = p["side"] if p["side"] in sides else UNKNOWN_SIDE
    lon, lat = feature["geometry"]["coordinates"]
    told = [
        f"{p['extent'] or 'extent not known'}; {p['certainty'] or 'certainty not known'}",
        f"From {p['start_date'] or 'before the data'} to {p['end_date'] or 'the end of the data'}",
    ]
    if p["event_title"]:
        told.append(f"Began with: {p['event_title']}")
    values = dict(p)
    return tag(
        "Placemark",
        [
            tag("name", text(name)),
            _balloon(name, *told),
            tag(
                "TimeSpan",
                [tag("begin", text(p["time_start"])), tag("end", text(p["time_end"]))],
            ),
            tag("styleUrl", f"#{side_style_id(side)}"),
            tag(
                "ExtendedData",
                tag(
                    "SchemaData",
                    [
                        tag("SimpleData", text("" if values[n] is None else values[n]), name=n)
                        for n, _ in PERIOD_FIELDS
                    ],
                    schemaUrl=f"#{PERIOD_SCHEMA}",
                ),
            ),
            _point(lon, lat),
        ],
    )


def periods_kml(features: Sequence[Mapping[str, Any]], sides: Sequence[str], *, title: str) -> str:
    """`control --format kml`: a Placemark per place and period of control, with its
    TimeSpan, so Google Earth's time slider plays who held what."""
    styled = _styled(sides)
    schema = tag(
        "Schema",
        [tag("SimpleField", type=kind, name=name) for name, kind in PERIOD_FIELDS],
        name=PERIOD_SCHEMA,
        id=PERIOD_SCHEMA,
    )
    folder = tag("Folder", [tag("name", "Periods"), *(_period(f, styled) for f in features)])
    styles = [
        tag("Style", _balloon_style(), id=BALLOON_STYLE),
        *(_side_style(side) for side in styled),
    ]
    document = tag("Document", [tag("name", text(title)), *styles, schema, folder])
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + tag("kml", document, xmlns=KML_NAMESPACE)
        + "\n"
    )


ROW_SCHEMA = "row-fields"


def _kind(values: Iterable[object]) -> str:
    """A field's SimpleField type: double where every value given is a number, bool where
    every one is a boolean, else string."""
    given = [v for v in values if v is not None]
    if given and all(isinstance(v, bool) for v in given):
        return "bool"
    if given and all(isinstance(v, int | float) and not isinstance(v, bool) for v in given):
        return "double"
    return "string"


def _written(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return text(value)


def rows_kml(features: Sequence[Mapping[str, Any]], sides: Sequence[str], *, title: str) -> str:
    """`control --on` and `--diff` as KML: a Placemark per place (GeoJSON Point features
    with flat properties, `output.machine.place_points`), named by its place, in its
    holder's side's style where the row names one (`side`), its fields typed by a Schema
    and told in its balloon."""
    styled = _styled(sides)
    names = list(dict.fromkeys(name for f in features for name in f["properties"]))
    kinds = {name: _kind(f["properties"].get(name) for f in features) for name in names}
    schema = tag(
        "Schema",
        [tag("SimpleField", type=kinds[name], name=name) for name in names],
        name=ROW_SCHEMA,
        id=ROW_SCHEMA,
    )
    marks = []
    for feature in features:
        p = feature["properties"]
        name = str(p.get("place_label") or p.get("place_name") or feature["id"])
        side = p.get("side")
        side = side if side in styled else UNKNOWN_SIDE
        told = [f"{key}: {value}" for key, value in p.items() if value not in (None, "")]
        lon, lat = feature["geometry"]["coordinates"]
        values = [tag("SimpleData", _written(p.get(n)), name=n) for n in names]
        marks.append(
            tag(
                "Placemark",
                [
                    tag("name", text(name)),
                    _balloon(name, *told),
                    tag("styleUrl", f"#{side_style_id(side)}"),
                    tag("ExtendedData", tag("SchemaData", values, schemaUrl=f"#{ROW_SCHEMA}")),
                    _point(lon, lat),
                ],
            )
        )
    styles = [
        tag("Style", _balloon_style(), id=BALLOON_STYLE),
        *(_side_style(side) for side in styled),
    ]
    folder = tag("Folder", [tag("name", "Places"), *marks])
    document = tag("Document", [tag("name", text(title)), *styles, schema, folder])
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + tag("kml", document, xmlns=KML_NAMESPACE)
        + "\n"
    )
