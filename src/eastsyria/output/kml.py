"""KML 2.2 (Google Earth, QGIS, GDAL): a Placemark per event with its TimeSpan, so a time
slider plays the campaign; a folder of the places with how precise each is; the map's lines.

Every string from the data file is made inert and escaped for XML (`svg.text`). Only the KML
namespace is named.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from eastsyria.output.svg import tag, text

if TYPE_CHECKING:
    from eastsyria.core.catalog import Catalog
    from eastsyria.data.records import GeoLineRecord

KML_NAMESPACE = "http://www.opengis.net/kml/2.2"
View = Mapping[str, Any]


def _data(fields: Mapping[str, object]) -> str:
    return tag(
        "ExtendedData",
        [
            tag("Data", tag("value", text("" if value is None else value)), name=name)
            for name, value in fields.items()
        ],
    )


def _point(lon: float, lat: float) -> str:
    return tag("Point", tag("coordinates", f"{round(lon, 6)},{round(lat, 6)}"))


def _description(view: View, precision_km: float) -> str:
    """The date as the source words it, the summary, where, and the sources with their
    links: each line made inert and escaped, the lines kept apart."""
    where = ", ".join(place.get("label") or place["name"] for place in view["places"])
    lines = [
        view["date"],
        "",
        view["summary"],
        "",
        f"Where: {where} (placed to within ±{precision_km:g} km)",
        "",
        "Sources:",
        *(
            f"- {source['article_title']} › {source['section_title']}"
            + (f" <{source['url']}>" if source["url"] else "")
            for source in view["sources"]
        ),
    ]
    return "\n".join(text(line) for line in lines)


def _event(view: View, precision: Mapping[str, float]) -> str:
    place = min(view["places"], key=lambda p: precision[p["id"]])
    span = [tag("begin", text(view["start"])) if view["start"] else ""]
    span.append(tag("end", text(view["end"])) if view["end"] else "")
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
    }
    return tag(
        "Placemark",
        [
            tag("name", text(view["title"])),
            tag("description", _description(view, precision[place["id"]])),
            tag("TimeSpan", span) if any(span) else "",
            _data(extended),
            _point(place["lon"], place["lat"]),
        ],
    )


def _place(place: View, precision_km: float) -> str:
    return tag(
        "Placemark",
        [
            tag("name", text(place.get("label") or place["name"])),
            tag("description", text(f"{place['kind']}; located to within ±{precision_km:g} km")),
            _data({"id": place["id"], "kind": place["kind"], "coord_precision_km": precision_km}),
            _point(place["lon"], place["lat"]),
        ],
    )


def _line(line: GeoLineRecord) -> str:
    coordinates = " ".join(f"{lon},{lat}" for lon, lat in line["points"])
    return tag(
        "Placemark",
        [
            tag("name", text(line["name"])),
            tag("description", text(f"±{line['precision_km']:g} km. {line['note']}")),
            _data({"id": line["id"], "kind": line["kind"], "precision_km": line["precision_km"]}),
            tag("LineString", [tag("tessellate", "1"), tag("coordinates", coordinates)]),
        ],
    )


def kml_document(
    views: Sequence[View],
    precision: Mapping[str, float],
    *,
    title: str,
    lines: Iterable[GeoLineRecord] = (),
) -> str:
    """The events (each at its most precisely located place), their places, and `lines`.

    `precision` gives each place's `coord_precision_km` by id."""
    places = {place["id"]: place for view in views for place in view["places"]}
    folders = [
        tag("Folder", [tag("name", "Events"), *(_event(view, precision) for view in views)]),
        tag(
            "Folder",
            [tag("name", "Places"), *(_place(p, precision[p["id"]]) for p in places.values())],
        ),
    ]
    drawn = [_line(line) for line in lines]
    if drawn:
        folders.append(tag("Folder", [tag("name", "Lines"), *drawn]))
    document = tag("Document", [tag("name", text(title)), *folders])
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + tag("kml", document, xmlns=KML_NAMESPACE)
        + "\n"
    )


def catalog_kml(
    catalog: Catalog,
    views: Sequence[View],
    *,
    title: str,
    lines: Iterable[GeoLineRecord] = (),
) -> str:
    """`kml_document` of event views, the places' precision read from `catalog`."""
    precision = {p["id"]: p["coord_precision_km"] for p in catalog.places.values()}
    return kml_document(views, precision, title=title, lines=lines)
