"""Machine-readable outputs: JSON, JSON Lines, CSV, Markdown, GeoJSON and TimelineJS.

Each writer takes contract objects and a text stream; none of them knows about the
terminal, so what a script receives never carries colour or wrapping.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from eastsyria.contract.texts import LINKED_TEXTS, cell_text, claim_text, source_label
from eastsyria.core.links import is_web_link
from eastsyria.core.sanitise import csv_cells, json_text, safe, utf8_is_safe
from eastsyria.output.text import is_unicode

if TYPE_CHECKING:
    from eastsyria.contract.events import EventViews, ViewBatch

# Above this many items, JSON is written by orjson: the standard library writes indented
# JSON in pure Python (~1 s per 10,000 events), orjson in Rust, byte for byte the same
# (tests/test_store.py). Below it, importing orjson (~15 ms) would cost more.
LARGE_JSON_ITEMS = 2000


def _items(data: Any) -> int:
    if isinstance(data, list):
        return len(data)
    if isinstance(data, dict):
        return sum(len(value) for value in data.values() if isinstance(value, list))
    return 0


def _large_json(data: Any, *, ensure_ascii: bool) -> bytes | None:
    """orjson's indented JSON of `data` in UTF-8, where it is large and the stream takes
    UTF-8; else None (a key that is not text or an integer over 64 bits: None too)."""
    if ensure_ascii or _items(data) < LARGE_JSON_ITEMS:
        return None
    try:
        import orjson

        raw = orjson.dumps(data, option=orjson.OPT_INDENT_2)
    except (ImportError, TypeError):
        return None
    return None if _float_doubt(raw) else raw


# orjson writes a float under 1e-4 its own way (0.00001, 1e-7: Python's json 1e-05, 1e-07);
# JSON that may hold one is written by the standard library instead (needlessly where a
# text holds such characters: the same bytes either way). Two searches, each led by a
# literal: an alternation, or a look-behind first, would try every byte (50 times slower).
_SMALL_EXPONENT = re.compile(rb"e-(?<=[0-9]e-)")


def _float_doubt(raw: bytes) -> bool:
    return b"0.0000" in raw or _SMALL_EXPONENT.search(raw) is not None


def write_json(data: Any, out: TextIO) -> None:
    """`data` as indented JSON, every unsafe character \\u-escaped (`json_text`).

    A stream that cannot carry UTF-8 gets \\u escapes, so JSON stays lossless. One write:
    json.dump() would write millions of small pieces, each a system call when stdout is
    unbuffered (PYTHONUNBUFFERED=1). A large answer with nothing to escape goes to the
    stream's bytes as orjson wrote them: decoding 200 MB to write it encoded again took
    half a second."""
    ensure_ascii = not is_unicode(out)
    raw = _large_json(data, ensure_ascii=ensure_ascii)
    if raw is None:
        out.write(json_text(json.dumps(data, ensure_ascii=ensure_ascii, indent=2)))
    elif not utf8_is_safe(raw):
        out.write(json_text(raw.decode()))
    else:
        write_utf8 = getattr(out, "write_utf8", None)
        if write_utf8 is None or not write_utf8(raw):
            out.write(raw.decode())
    out.write("\n")


# -- answers written as they are read ------------------------------------------------------
# An answer of events (`contract.events.EventViews`) comes a batch of views at a time, from a
# store already serialised: each batch is written as one chunk (~1 MB), so the answer is
# never held whole. The bytes are those `write_json` and `write_jsonl` write for a list.

# Never in JSON text (a control character): between the items of a batch serialised at once.
_BETWEEN = b"\x04"
_LAYOUT_AFTER_COMMA = re.compile(rb",\n *")
_LAYOUT = re.compile(rb"\n *")


def _indented(items: Sequence[Any]) -> bytes:
    """`items` as indented JSON (`json.dumps(indent=2)`, unsafe characters escaped as by
    `json_text`), in UTF-8, joined by _BETWEEN: orjson where it writes the same bytes."""
    try:
        import orjson

        dumps: Any = orjson.dumps
        option = orjson.OPT_INDENT_2
    except ImportError:
        dumps = None
    tried: list[bytes | None] = []
    for item in items:
        try:
            tried.append(None if dumps is None else dumps(item, option=option))
        except TypeError:  # an integer beyond 64 bits, a lone surrogate
            tried.append(None)
    raws = [
        _standard(item) if raw is None or _float_doubt(raw) else raw
        for item, raw in zip(items, tried, strict=True)
    ]
    whole = _BETWEEN.join(raws)
    if utf8_is_safe(whole):
        return whole
    return _BETWEEN.join(
        raw if utf8_is_safe(raw) else json_text(raw.decode()).encode() for raw in raws
    )


def _standard(item: Any) -> bytes:
    """`item` as the standard library writes it (and `json_text` escapes it)."""
    return json_text(json.dumps(item, ensure_ascii=False, indent=2)).encode()


def _unindented(indented: bytes) -> bytes:
    """Indented JSON (`_indented`) as `json.dumps` writes it without indent. Replacing each
    depth's layout takes half the time of a regular expression; a view is 4 levels deep."""
    if b"\n" + b" " * 10 in indented:
        return _LAYOUT.sub(b"", _LAYOUT_AFTER_COMMA.sub(b", ", indented))
    for width in (8, 6, 4, 2, 0):
        indented = indented.replace(b",\n" + b" " * width, b", ")
    for width in (8, 6, 4, 2, 0):
        indented = indented.replace(b"\n" + b" " * width, b"")
    return indented


def serialised(views: Sequence[Mapping[str, Any]]) -> tuple[list[bytes], list[bytes]]:
    """Each view as an item of the JSON array `write_json` writes (without the indentation
    of its first line) and as the line `write_jsonl` writes (without its line break), in
    UTF-8: what a store keeps of each event (`data.store`, `views` and `lines`)."""
    if not views:
        return [], []
    whole = _indented(views)
    items = whole.replace(b"\n", b"\n  ").split(_BETWEEN)
    lines = _unindented(whole).split(_BETWEEN)
    return items, lines


def view_of(line: bytes) -> dict[str, Any]:
    """A view from its line of JSON Lines (`serialised`): every integer exact."""
    import orjson

    # orjson reads an integer beyond 64 bits as a float: a line that may hold one (a run of
    # 19 digits, found as the store finds them: a tenth of a regular expression's time) is
    # read by the standard library.
    from eastsyria.data.store import may_hold_wide_integer

    if may_hold_wide_integer(line):
        return dict(json.loads(line))
    return dict(orjson.loads(line))


def _write_bytes(out: TextIO, data: bytes) -> None:
    """UTF-8 to the stream's own bytes where it has them, else as text."""
    write_utf8 = getattr(out, "write_utf8", None)
    if write_utf8 is None or not write_utf8(data):
        out.write(data.decode("utf-8"))


def _views(batch: ViewBatch) -> list[dict[str, Any]]:
    if batch.views is not None:
        return batch.views
    return [view_of(line) for line in batch.lines or ()]


def streamed_views(rows: EventViews, fields: Sequence[str] | None = None) -> Iterator[Any]:
    """The views of a streamed answer one at a time (only `fields` of each, if given)."""
    for batch in rows.batches("views"):
        views = _views(batch)
        if fields is None:
            yield from views
        else:
            yield from ({name: view[name] for name in fields} for view in views)


def _picked(views: list[dict[str, Any]], fields: Sequence[str] | None) -> list[dict[str, Any]]:
    if fields is None:
        return views
    return [{name: view[name] for name in fields} for view in views]


def _serialised_batches(
    rows: EventViews, fields: Sequence[str] | None, form: str
) -> Iterator[list[bytes]]:
    """A streamed answer a batch at a time as `serialised` writes it in `form` ('items' of a
    JSON array or 'lines' of JSON Lines): as the store keeps it, or made from the views (of
    `fields` only, if given)."""
    for batch in rows.batches(form if fields is None else "views"):
        kept = getattr(batch, form) if fields is None else None
        if kept is not None:
            yield kept
        else:
            items, lines = serialised(_picked(_views(batch), fields))
            yield items if form == "items" else lines


def write_json_stream(rows: EventViews, fields: Sequence[str] | None, out: TextIO) -> None:
    """A streamed answer as `write_json` writes the list of its views (of `fields` only, if
    given), a batch at a time."""
    started = False
    if is_unicode(out):
        for items in _serialised_batches(rows, fields, "items"):
            if items:
                _write_bytes(out, (b",\n  " if started else b"[\n  ") + b",\n  ".join(items))
                started = True
        _write_bytes(out, b"\n]\n" if started else b"[]\n")
        return
    for batch in rows.batches("views"):  # JSON in ASCII: \\u escapes for the rest
        dumped = [
            json_text(json.dumps(view, ensure_ascii=True, indent=2).replace("\n", "\n  "))
            for view in _picked(_views(batch), fields)
        ]
        if dumped:
            out.write((",\n  " if started else "[\n  ") + ",\n  ".join(dumped))
            started = True
    out.write("\n]\n" if started else "[]\n")


def write_jsonl_stream(rows: EventViews, fields: Sequence[str] | None, out: TextIO) -> None:
    """A streamed answer as `write_jsonl` writes the list of its views, a batch at a time."""
    if not is_unicode(out):
        write_jsonl(streamed_views(rows, fields), out)
        return
    for lines in _serialised_batches(rows, fields, "lines"):
        if lines:
            _write_bytes(out, b"\n".join(lines) + b"\n")


def write_jsonl(rows: Iterable[Mapping[str, Any]], out: TextIO) -> None:
    ensure_ascii = not is_unicode(out)
    for row in rows:
        out.write(json_text(json.dumps(row, ensure_ascii=ensure_ascii)))
        out.write("\n")


def write_csv(
    rows: Iterable[Mapping[str, Any]], fields: Sequence[str], out: TextIO, *, guard: bool = True
) -> None:
    """CSV with a header; with `guard`, no cell can start a spreadsheet formula (`csv_cell`)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(csv_header(fields))
    for row in rows:
        writer.writerow(_csv_cells(row, fields, guard))


def csv_header(fields: Sequence[str]) -> list[str]:
    """The CSV columns of `fields`: `dataset_fields` as one column per kept column of the
    datasets (`contract.events.DATASET_COLUMNS`), so that a spreadsheet sorts and filters by
    each."""
    if "dataset_fields" not in fields:
        return list(fields)
    from eastsyria.contract.events import DATASET_COLUMNS

    columns: list[str] = []
    for name in fields:
        columns.extend(DATASET_COLUMNS if name == "dataset_fields" else (name,))
    return columns


def _csv_cells(row: Mapping[str, Any], fields: Sequence[str], guard: bool) -> list[str]:
    texts = []
    for name in fields:
        value = row.get(name)
        if name == "dataset_fields":
            texts.extend(_kept_cells(value))
            continue
        # A text is its own cell_text, None an empty one: most of a view's fields.
        texts.append(
            value
            if type(value) is str
            else ""
            if value is None
            else cell_text(name, value, LINKED_TEXTS)
        )
    return csv_cells(texts, guard=guard)


def _kept_cells(kept: Mapping[str, Any] | None) -> list[str]:
    """An event's kept columns as CSV cells, one per `DATASET_COLUMNS`."""
    from eastsyria.contract.events import kept_columns

    return ["" if value is None else str(value) for value in kept_columns(kept).values()]


def csv_rows(rows: Sequence[Mapping[str, Any]], fields: Sequence[str]) -> list[bytes]:
    """Each row as the line `write_csv` writes for it (`fields`, the guard on), its line
    break included, in UTF-8 (every cell is `safe`: no lone surrogate): what a store keeps
    of each event (`data.store`, `csv_rows`). One writer for the batch, cut where each row ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    ends = []
    for row in rows:
        writer.writerow(_csv_cells(row, fields, True))
        ends.append(buffer.tell())
    text = buffer.getvalue()
    return [text[start:end].encode() for start, end in zip([0, *ends], ends, strict=False)]


def kept_forms(views: Sequence[Mapping[str, Any]]) -> tuple[list[bytes], ...]:
    """What a store keeps of each event's view, in the order `Writer.add_numbered` takes
    them: `serialised` (JSON array items, JSON Lines), its CSV row of every field of the
    contract (`csv_rows`) and its TSV line of the piped fields (`tsv_rows`)."""
    from eastsyria.contract.events import EVENT_FIELDS, EVENT_PIPED_FIELDS

    items, lines = serialised(views)
    return items, lines, csv_rows(views, EVENT_FIELDS), tsv_rows(views, EVENT_PIPED_FIELDS)


def write_csv_stream(
    rows: EventViews, fields: Sequence[str], out: TextIO, *, guard: bool = True
) -> None:
    """A streamed answer as `write_csv` writes the list of its views, a batch at a time: the
    rows a store keeps where it keeps those asked for (every field, the guard on)."""
    from eastsyria.contract.events import EVENT_FIELDS

    if not guard or tuple(fields) != EVENT_FIELDS:
        write_csv(streamed_views(rows), fields, out, guard=guard)
        return
    header = io.StringIO()
    csv.writer(header, lineterminator="\n").writerow(csv_header(fields))
    out.write(header.getvalue())
    _write_kept_rows(rows, "csv", fields, out)


def _write_kept_rows(rows: EventViews, form: str, fields: Sequence[str], out: TextIO) -> None:
    """A streamed answer's rows of CSV or lines of TSV (`form`), a batch at a time: as the
    store keeps them, or made from the views."""
    make = csv_rows if form == "csv" else tsv_rows
    for batch in rows.batches(form):
        kept = getattr(batch, form)
        if kept is None:
            kept = make(_views(batch), fields)
        if kept:
            _write_bytes(out, b"".join(kept))


def _tsv_cell(name: str, value: Any) -> str:
    # TSV has no quoting: a tab or line break inside a value would start a new cell or row.
    return safe(" ".join(cell_text(name, value, LINKED_TEXTS).split()))


def tsv_rows(rows: Sequence[Mapping[str, Any]], fields: Sequence[str]) -> list[bytes]:
    """Each row as the line `write_tsv` writes for it (`fields`), its line break included, in
    UTF-8 (every cell is `safe`): what a store keeps of each event (`tsv_rows`)."""
    return [(tsv_line(row, fields) + "\n").encode() for row in rows]


def write_tsv_stream(rows: EventViews, fields: Sequence[str], out: TextIO) -> None:
    """A streamed answer as `write_tsv` writes the list of its views, a batch at a time: the
    lines a store keeps where it keeps those asked for (the piped fields, without --near)."""
    from eastsyria.contract.events import EVENT_PIPED_FIELDS

    if tuple(fields) != EVENT_PIPED_FIELDS:
        write_tsv(streamed_views(rows), fields, out)
        return
    _write_kept_rows(rows, "tsv", fields, out)


TSV_CHUNK = 1000  # lines written at once


def tsv_line(row: Mapping[str, Any], fields: Sequence[str]) -> str:
    """A row's cells of `fields`, joined by tabs, without the line break."""
    return "\t".join(_tsv_cell(n, row.get(n)) for n in fields)


def write_tsv(rows: Iterable[Mapping[str, Any]], fields: Sequence[str], out: TextIO) -> None:
    """One line per row, cells joined by tabs: no header, padding or trailing space. Written
    a thousand lines at a time: one write would hold a large answer's text whole."""
    lines: list[str] = []
    for row in rows:
        lines.append(tsv_line(row, fields) + "\n")
        if len(lines) == TSV_CHUNK:
            out.write("".join(lines))
            lines = []
    out.write("".join(lines))


# Read as Markdown (and the HTML it may hold): a backslash, a pipe ending the cell, and `<`
# or `&` starting a tag or an entity.
_MD_TEXT = {ord("\\"): "\\\\", ord("|"): "\\|", ord("&"): "&amp;", ord("<"): "&lt;"}


def _md_text(text: str) -> str:
    return safe(text).translate(_MD_TEXT)


# Read as Markdown in a link's text: escaped so that a title cannot end the link or start
# another (a backslash escape stands for the character itself).
_MD_LINK_TEXT = {ord(char): f"\\{char}" for char in "\\`*_[]<>|&"}


def _md_link(source: dict[str, Any]) -> str:
    """A cited section as a Markdown link, where it has a URL: [label](url)."""
    label = safe(" ".join(source_label(source).split())).translate(_MD_LINK_TEXT)
    url = source.get("url")
    if not url:
        return label
    # A link is plain ASCII with no space, '<', '>' or '|' (see core.links); a parenthesis
    # would end the destination.
    return f"[{label}]({url.replace('(', '%28').replace(')', '%29')})"


def _md_casualty(claim: dict[str, Any]) -> str:
    return f"{_md_text(claim_text(claim))} {_md_link(claim['source'])}"


def _md_cell(name: str, value: Any) -> str:
    if name == "sources" and isinstance(value, list):
        return "; ".join(_md_link(source) for source in value)
    if name == "casualties" and isinstance(value, list):
        return "; ".join(_md_casualty(claim) for claim in value)
    return _md_text(cell_text(name, value))


def write_markdown(rows: Iterable[Mapping[str, Any]], fields: Sequence[str], out: TextIO) -> None:
    out.write("| " + " | ".join(fields) + " |\n")
    out.write("|" + "|".join(" --- " for _ in fields) + "|\n")
    for row in rows:
        out.write("| " + " | ".join(_md_cell(name, row.get(name)) for name in fields) + " |\n")


# -- GeoJSON (RFC 7946) --------------------------------------------------------------------


def point_feature(feature_id: str, lon: float, lat: float, properties: Any) -> dict[str, Any]:
    """One Point feature, [lon, lat] as RFC 7946 orders them, to 6 decimals (about 10 cm)."""
    return {
        "type": "Feature",
        "id": feature_id,
        "geometry": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
        "properties": properties,
    }


def feature_collection(features: Iterable[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": list(features)}


def geojson(
    views: Iterable[dict[str, Any]], coord_precision_km: Mapping[str, float]
) -> dict[str, Any]:
    """One Point feature per event and place, [lon, lat], the event's fields in properties.

    `coord_precision_km` gives, by place id, how far each place's coordinates may be off.
    """
    return feature_collection(
        feature for view in views for feature in _event_features(view, coord_precision_km)
    )


def _event_features(
    view: Mapping[str, Any], coord_precision_km: Mapping[str, float]
) -> Iterator[dict[str, Any]]:
    """A Point per place of the event: its fields flat (`flat_properties`), then the
    feature's own place, the side it is drawn in and its days as date-times (`time_fields`)."""
    from eastsyria.contract.events import lead_side

    base = flat_properties(view)
    timed: dict[str, Any] = {
        "lead_side": lead_side(view),
        **time_fields(view["start"], view["end"]),
    }
    for place in view["places"]:
        own: dict[str, Any] = {
            "place_id": place["id"],
            "place_name": place["name"],
            "place_kind": place["kind"],
            "coord_precision_km": coord_precision_km[place["id"]],
        }
        # Where a row carries its best place's coordinates, this feature's are its own.
        where: dict[str, Any] = {k: place[k] for k in ("lat", "lon") if k in base}
        properties: dict[str, Any] = {**base, **own, **where, **timed}
        yield point_feature(f"{view['id']}@{place['id']}", place["lon"], place["lat"], properties)


# A day as a client that reads date-times takes it: from its first second to its last, so
# that a frame of that day (QGIS, either limit mode) or a time slider (Google Earth) shows it.
DAY_BEGINS = "T00:00:00"
DAY_ENDS = "T23:59:59"


def time_fields(start: str | None, end: str | None) -> dict[str, str | None]:
    """`time_start` and `time_end`: the first second of the day `start` and the last of the
    day `end` (ISO days; None stays None, an open end)."""
    return {
        "time_start": None if start is None else start + DAY_BEGINS,
        "time_end": None if end is None else end + DAY_ENDS,
    }


def flat_value(name: str, value: Any) -> Any:
    """A value as a GIS attribute: a text, number, boolean or null stays as it is; a list
    or object becomes the text its CSV cell holds (`cell_text`)."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return cell_text(name, value, LINKED_TEXTS)


def flat_properties(row: Mapping[str, Any]) -> dict[str, Any]:
    """A row's fields as flat values (`flat_value`), which QGIS can style and label by; an
    imported row's kept columns (`dataset_fields`) each a property of its own, as in CSV."""
    if "dataset_fields" not in row:
        return {name: flat_value(name, value) for name, value in row.items()}
    from eastsyria.contract.events import kept_columns

    flat: dict[str, Any] = {}
    for name, value in row.items():
        if name == "dataset_fields":
            flat.update(kept_columns(value))
        else:
            flat[name] = flat_value(name, value)
    return flat


class StreamedGeoJSON:
    """`geojson` of a streamed answer (`contract.events.EventViews`), written a batch of
    events at a time as `write_json` writes the whole document; `after`: features that
    follow the events' (a map's lines)."""

    _HEAD = '{\n  "type": "FeatureCollection",\n  "features": ['

    def __init__(
        self,
        rows: EventViews,
        coord_precision_km: Mapping[str, float],
        after: Sequence[dict[str, Any]] = (),
    ) -> None:
        self.rows = rows
        self.coord_precision_km = coord_precision_km
        self.after = after

    def _features(self) -> Iterator[list[dict[str, Any]]]:
        for batch in self.rows.batches("views"):
            yield [
                feature
                for view in _views(batch)
                for feature in _event_features(view, self.coord_precision_km)
            ]
        yield list(self.after)

    def write_to(self, out: TextIO) -> None:
        unicode = is_unicode(out)
        started = False
        for features in self._features():
            if not features:
                continue
            lead = ",\n    " if started else f"{self._HEAD}\n    "
            if unicode:
                items = _indented(features).replace(b"\n", b"\n    ").split(_BETWEEN)
                _write_bytes(out, lead.encode() + b",\n    ".join(items))
            else:
                dumped = (json.dumps(f, ensure_ascii=True, indent=2) for f in features)
                out.write(
                    lead + ",\n    ".join(json_text(d.replace("\n", "\n    ")) for d in dumped)
                )
            started = True
        out.write("\n  ]\n}\n" if started else f"{self._HEAD}]\n}}\n")


def place_points(
    rows: Iterable[Mapping[str, Any]], places: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    """One Point feature per row about a place (its `place` id, found in `places`), the row's
    other fields in properties, flat (`flat_properties`): a place's holder on a day, what
    changed hands..."""
    return feature_collection(
        point_feature(
            row["place"],
            places[row["place"]]["lon"],
            places[row["place"]]["lat"],
            flat_properties(
                {key: value for key, value in row.items() if key not in ("lat", "lon")}
            ),
        )
        for row in rows
    )


def period_features(
    place: Mapping[str, Any],
    periods: Sequence[Mapping[str, Any]],
    precision_km: float,
    bounds: tuple[str, str],
) -> list[dict[str, Any]]:
    """A Point feature per period of control of `place` (`contract.control.place_control`):
    the place, then the period's fields flat, then its days as date-times (`time_fields`):
    from the first day its change may have happened (`start`) to the last day its end may
    have (`end_latest`). Where the data gives none (held since before the data, still held
    at its end) they are `bounds`, the first and last days of the data's changes of control:
    QGIS 3.22 with GDAL 3.6 drops every feature of a frame when a date-time field is null."""
    own = {
        "place_id": place["id"],
        "place_name": place["name"],
        "place_label": place["label"],
        "place_kind": place["kind"],
        "coord_precision_km": precision_km,
    }
    return [
        point_feature(
            f"{place['id']}/{number}",
            place["lon"],
            place["lat"],
            {
                **own,
                **flat_properties(period),
                **time_fields(period["start"] or bounds[0], period["end_latest"] or bounds[1]),
            },
        )
        for number, period in enumerate(periods, 1)
    ]


# -- TimelineJS3 ---------------------------------------------------------------------------

# TimelineJS3 (3.9) shows every text it is given as HTML, and reads it in one of two ways.
# `text.headline`, `text.text` (and a media caption or credit) go through DOMPurify, which
# keeps text and entities as they are, then into innerHTML: a data string is HTML-escaped
# once. `group` and `display_date` are stripped of markup by taking the textContent of a
# DOMParser document, which decodes entities, and what is left goes into innerHTML: a data
# string is escaped twice, so that what reaches innerHTML is escaped once. (A reader that
# does not strip them shows "&amp;" as "&amp;": still text.)


def _html_escaped(text: str, *, quote: bool = False) -> str:
    """HTML's own characters in text (and with `quote` a double quote, for an attribute value
    in double quotes) as `html.escape` writes them; by str.replace, several times quicker
    than a translation table on the short strings of a large export."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text.replace('"', "&quot;") if quote and '"' in text else text


def _tl_html(text: str) -> str:
    """A data string as HTML text for a field TimelineJS sanitises."""
    return _html_escaped(safe(text))


def _tl_plain(text: str) -> str:
    """A data string for a field TimelineJS strips of markup (decoding entities once)."""
    return _html_escaped(_tl_html(text))


def _tl_date(iso: str) -> dict[str, str]:
    year, month, day = iso.split("-")
    return {"year": year, "month": str(int(month)), "day": str(int(day))}


def _tl_cited(source: dict[str, Any]) -> str:
    """A cited section: a link where it has a web address, else its label."""
    label = _tl_html(source_label(source))
    url = source["url"]
    if not url or not is_web_link(url):
        return label
    return f'<a href="{_html_escaped(url, quote=True)}">{label}</a>'


def timelinejs(
    views: Iterable[dict[str, Any]], campaigns: Iterable[dict[str, Any]]
) -> dict[str, Any]:
    """TimelineJS3 JSON: events grouped by campaign, the campaigns (their views) as eras.

    Every data string is shown as text in TimelineJS (see `_tl_html`, `_tl_plain`), and
    `autolink` is off: TimelineJS would turn a bare "www." in sanitised text into a link
    written with the text's own quotes inside its href, so a summary could add attributes
    (onfocus=...). The sources are links of their own."""
    events: list[dict[str, Any]] = []
    for view in views:
        sources = "; ".join(_tl_cited(s) for s in view["sources"])
        entry: dict[str, Any] = {
            "unique_id": view["id"],
            "start_date": _tl_date(view["start"]),
            "text": {
                "headline": _tl_html(view["title"]),
                "text": f"<p>{_tl_html(view['summary'])}</p>"
                f"<p><small>Sources: {sources}</small></p>",
            },
            "group": _tl_plain(view["campaign_name"]),
            "autolink": False,
        }
        if view["end"] != view["start"]:
            entry["end_date"] = _tl_date(view["end"])
        if view["precision"] != "day":
            entry["display_date"] = _tl_plain(view["date"])
        events.append(entry)
    eras = [
        {
            "start_date": _tl_date(c["start"]),
            "end_date": _tl_date(c["end"]),
            "text": {"headline": _tl_html(c["name"])},
        }
        for c in campaigns
    ]
    return {
        "title": {"text": {"headline": "Eastern Syria campaign, 2017–2018"}, "autolink": False},
        "events": events,
        "eras": eras,
    }
