"""Machine-readable outputs: JSON, JSON Lines, CSV, Markdown, GeoJSON and TimelineJS.

Each writer takes views (see `views`) and a text stream; none of them knows about the
terminal, so what a script receives never carries colour or wrapping.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from eastsyria.catalog import Catalog
from eastsyria.views import source_label

MACHINE_FORMATS: tuple[str, ...] = ("json", "jsonl", "csv")
EVENT_EXPORTS: tuple[str, ...] = ("markdown", "geojson", "timelinejs")


def is_unicode(stream: TextIO) -> bool:
    """Whether the stream can carry any character (not so under LANG=C)."""
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "")
    return encoding.startswith("utf")


def write_json(rows: Iterable[dict[str, Any]] | dict[str, Any], out: TextIO) -> None:
    data = rows if isinstance(rows, dict) else list(rows)
    # A stream that cannot carry UTF-8 gets \u escapes, so JSON stays lossless. One write:
    # json.dump() would write millions of small pieces, each a system call when stdout is
    # unbuffered (PYTHONUNBUFFERED=1).
    out.write(json.dumps(data, ensure_ascii=not is_unicode(out), indent=2))
    out.write("\n")


def write_jsonl(rows: Iterable[dict[str, Any]], out: TextIO) -> None:
    ensure_ascii = not is_unicode(out)
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=ensure_ascii))
        out.write("\n")


def cell_text(value: Any) -> str:
    """One CSV or Markdown cell: lists joined with '; ', objects by their name."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(cell_text(item) for item in value)
    if isinstance(value, dict):
        return _object_text(value)
    return str(value)


def _object_text(value: dict[str, Any]) -> str:
    if "article_title" in value:
        return source_label(value)
    if "place_name" in value and "from" in value:
        extent = " (partial)" if value.get("extent") == "partial" else ""
        return f"{value['place_name']}: {value['from']} → {value['to']}{extent}"
    if "figure" in value and "party_name" in value:
        claimant = (
            f" (claimed by {value['claimed_by_name']})" if value.get("claimed_by_name") else ""
        )
        return f"{value['party_name']}: {value['figure']}{claimant}"
    if "role" in value and "name" in value:
        return f"{value['name']} ({value['role']})"
    if "topic" in value:
        return str(value["id"])
    if "name" in value:
        return str(value["name"])
    return json.dumps(value, ensure_ascii=False)


def write_csv(rows: Iterable[dict[str, Any]], fields: Sequence[str], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(fields)
    for row in rows:
        writer.writerow([cell_text(row.get(name)) for name in fields])


def write_rows(
    rows: Iterable[dict[str, Any]], fields: Sequence[str], fmt: str, out: TextIO
) -> None:
    if fmt == "json":
        write_json(rows, out)
    elif fmt == "jsonl":
        write_jsonl(rows, out)
    elif fmt == "csv":
        write_csv(rows, fields, out)
    elif fmt == "markdown":
        write_markdown(rows, fields, out)
    else:
        raise ValueError(f"not a row format: {fmt}")


def _md_cell(value: Any) -> str:
    return cell_text(value).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def write_markdown(rows: Iterable[dict[str, Any]], fields: Sequence[str], out: TextIO) -> None:
    out.write("| " + " | ".join(fields) + " |\n")
    out.write("|" + "|".join(" --- " for _ in fields) + "|\n")
    for row in rows:
        out.write("| " + " | ".join(_md_cell(row.get(name)) for name in fields) + " |\n")


MARKDOWN_EVENT_FIELDS: tuple[str, ...] = ("date", "title", "places", "actors", "type", "sources")


# -- GeoJSON (RFC 7946) --------------------------------------------------------------------


def geojson(catalog: Catalog, views: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """One Point feature per event and place, [lon, lat], the event's fields in properties."""
    features: list[dict[str, Any]] = []
    for view in views:
        base = {key: value for key, value in view.items() if key != "places"}
        for place in view["places"]:
            record = catalog.places[place["id"]]
            properties = {
                **base,
                "place": {
                    "id": place["id"],
                    "name": place["name"],
                    "kind": place["kind"],
                    "coord_precision_km": record["coord_precision_km"],
                },
            }
            features.append(
                {
                    "type": "Feature",
                    "id": f"{view['id']}@{place['id']}",
                    "geometry": {
                        "type": "Point",
                        "coordinates": [round(place["lon"], 6), round(place["lat"], 6)],
                    },
                    "properties": properties,
                }
            )
    return {"type": "FeatureCollection", "features": features}


# -- TimelineJS3 ---------------------------------------------------------------------------


def _tl_date(iso: str) -> dict[str, str]:
    year, month, day = iso.split("-")
    return {"year": year, "month": str(int(month)), "day": str(int(day))}


def timelinejs(catalog: Catalog, views: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """TimelineJS3 JSON: events grouped by campaign, the campaigns as eras."""
    import html

    events: list[dict[str, Any]] = []
    for view in views:
        sources = "; ".join(source_label(s) for s in view["sources"])
        entry: dict[str, Any] = {
            "unique_id": view["id"],
            "start_date": _tl_date(view["start"]),
            "text": {
                "headline": html.escape(view["title"]),
                "text": f"<p>{html.escape(view['summary'])}</p>"
                f"<p><small>Sources: {html.escape(sources)}</small></p>",
            },
            "group": view["campaign_name"],
        }
        if view["end"] != view["start"]:
            entry["end_date"] = _tl_date(view["end"])
        if view["precision"] != "day":
            entry["display_date"] = view["date"]
        events.append(entry)
    eras = [
        {
            "start_date": _tl_date(c["date"]["earliest"]),
            "end_date": _tl_date(c["date"]["latest"]),
            "text": {"headline": html.escape(c["name"])},
        }
        for c in catalog.campaigns.values()
    ]
    return {
        "title": {"text": {"headline": "Eastern Syria campaign, 2017–2018"}},
        "events": events,
        "eras": eras,
    }
