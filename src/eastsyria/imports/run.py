"""An import from start to end: every row of the CSV file read once, converted or reported,
and the data file written. `imported + reported == rows` always holds."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import IO, TYPE_CHECKING, Any, NamedTuple

from eastsyria.imports import acled, ucdp
from eastsyria.imports.common import Book, clipped, row_id
from eastsyria.imports.precision import span
from eastsyria.imports.rows import Reject, Row, open_csv, read_rows, shown
from eastsyria.imports.sides import SideMap
from eastsyria.imports.writer import Spool, assemble, spool_folder

if TYPE_CHECKING:
    from eastsyria.imports.update import Update

CONVERTERS: dict[str, ModuleType] = {"acled": acled, "ucdp": ucdp}


class Counts(NamedTuple):
    rows: int
    imported: int
    reported: int


def import_csv(
    kind: str,
    path: Path,
    sides: SideMap,
    out: Callable[[], Any],
    report: Callable[[int, str], None],
    *,
    version: str | None = None,
    update: Update | None = None,
) -> Counts:
    """Convert the CSV file `path` of dataset `kind` ('acled' or 'ucdp'); `report(line,
    reason)` hears of each row that cannot be converted; `out()` opens (a context manager
    of) the text stream the data file is written to, once every row is read. `version`: the
    dataset's release (UCDP GED '23.1'), which the data file's source keeps for `cite`;
    `update` (`--update OLD.json`) hears of each event written."""
    converter = CONVERTERS[kind]
    book = Book(converter.DATASET, converter.SOURCE["id"], sides)
    rows = imported = 0
    first_seen: dict[str, int] = {}
    earliest, latest = "9999-12-31", "0000-01-01"
    with open_csv(path) as stream, spool_folder() as folder:
        events, sections = Spool(folder, "events"), Spool(folder, "sections")
        items = read_rows(kind, path, stream)
        for item in items:
            rows += 1
            if not isinstance(item, Row):
                report(*item)
                continue
            try:
                # Before the conversion, which counts the row's place and actors.
                written = item.values[converter.ID_COLUMN].strip()
                event_id = f"{converter.SOURCE['id']}-{row_id(written, converter.ID_COLUMN)}"
                # Keyed by the event's id: 'SYR1' and 'syr1' would make one.
                if event_id in first_seen:
                    raise Reject(
                        f"{converter.ID_COLUMN} {shown(written)} again (first on line "
                        f"{first_seen[event_id]}): kept the first, not merged"
                    )
                written, event, section = converter.convert(item, book)
            except Reject as exc:
                report(item.line, str(exc))
                continue
            first_seen[event_id] = item.line
            events.add(event)
            if update is not None:
                update.see(event)
            sections.add(section)
            imported += 1
            earliest = min(earliest, event["date"]["earliest"])
            latest = max(latest, event["date"]["latest"])
        document = _document(converter, book, path, (earliest, latest), events, sections)
        if version is not None:
            document["sources"][0]["version"] = version
        with out() as target:
            assemble(target, document, [events, sections])
    return Counts(rows, imported, rows - imported)


def _document(
    converter: ModuleType, book: Book, path: Path, dates: tuple[str, str], *spools: Spool
) -> dict[str, Any]:
    """The data file around the spooled events and sections, which take the places of
    their marks (`writer.assemble`)."""
    dataset, source_id = converter.DATASET, converter.SOURCE["id"]
    events, sections = spools
    name = file_name(path)
    whole = {
        "id": "file",
        "title": clipped(f"{dataset} file {name}"),
        "path": [name],
        "anchor": None,
    }
    source = {
        "id": source_id,
        "title": clipped(f"{dataset} data: {name}"),
        **{k: v for k, v in converter.SOURCE.items() if k != "id"},
        "sections": [whole, sections.mark] if sections.count else [whole],
    }
    campaigns = []
    if events.count:
        earliest, latest = dates
        one_day = earliest == latest
        campaigns.append(
            {
                "id": f"{source_id}-import",
                "name": clipped(f"{dataset} events in {name}"),
                "aliases": [],
                "codename": None,
                "date": span(
                    *(_day(earliest), _day(latest)),
                    "day" if one_day else "range",
                    "on" if one_day else "between",
                    earliest if one_day else f"{earliest} to {latest}, the rows' dates",
                ),
                "parent": None,
                "part_of": [],
                "result": "",
                "territory": None,
                "commanders": [],
                "units": [],
                "strengths": [],
                "casualties": [],
                "concurrent": [],
                "sources": [{"article": source_id, "section": "file"}],
            }
        )
    return {
        "schema_version": 1,
        "sources": [source],
        "sides": book.sides.sides(),
        "campaigns": campaigns,
        "places": list(book.places.records()),
        "actors": book.actors(),
        "events": [events.mark] if events.count else [],
        "disputes": [],
        "lines": [],
    }


def file_name(path: Path) -> str:
    """The CSV file's name as the data file names it: a name (1 to 300 characters) of
    UTF-8 text, a byte that is not UTF-8 shown as U+FFFD."""
    name = clipped(os.fsencode(path.name).decode("utf-8", "replace"))
    return name or "(a name of spaces)"


def _day(text: str) -> Any:
    import datetime as dt

    return dt.date.fromisoformat(text)


def open_text(stream: IO[str]) -> Any:
    """A context manager that hands over `stream` and leaves it open (standard output)."""
    from contextlib import nullcontext

    return nullcontext(stream)
