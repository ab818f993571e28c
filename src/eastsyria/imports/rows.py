"""A dataset's CSV file, row by row, with the physical line each row starts on.

`csv.reader` counts physical lines (`line_num`), so a quoted note that spans three lines
moves the next row's line number on by three: the number a reader finds in an editor.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, NamedTuple

from eastsyria.errors import InputError

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

# The columns a converter reads, by dataset; the codebooks' other columns are allowed and
# ignored.
ACLED_NEEDS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision",
    "source", "notes", "fatalities",
)  # fmt: skip
UCDP_NEEDS: tuple[str, ...] = (
    "id", "type_of_violence", "conflict_name", "dyad_name", "side_a", "side_b",
    "source_article", "source_office", "source_headline", "where_prec", "where_coordinates",
    "where_description", "adm_1", "adm_2", "latitude", "longitude", "country",
    "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians",
    "deaths_unknown", "best", "high", "low",
)  # fmt: skip
NEEDS = {"acled": ACLED_NEEDS, "ucdp": UCDP_NEEDS}
TITLES = {"acled": "an ACLED export", "ucdp": "a UCDP GED file"}
# Columns only one of the two layouts has: how a file given to the wrong importer is told.
_MARKS = {"acled": ("event_id_cnty", "geo_precision"), "ucdp": ("relid", "where_prec")}


class Row(NamedTuple):
    line: int
    values: dict[str, str]


class Reject(Exception):
    """A row that cannot be converted, and why (one line, with the value and the column)."""


# A value a reason quotes is cut to this many characters: a cell of 5,000 digits is named,
# not echoed.
SHOWN_MAX = 40


def shown(value: str) -> str:
    """A cell's value as a reason quotes it: in quotes, escaped as Python writes it, and cut."""
    return repr(value if len(value) <= SHOWN_MAX else value[: SHOWN_MAX - 1] + "…")


# What a byte that is not UTF-8 becomes when the file is decoded with "surrogateescape".
_NOT_UTF8 = re.compile("[\udc80-\udcff]")


def _not_utf8(header: list[str], fields: list[str]) -> str | None:
    """Where a row has a byte that is not UTF-8: 'byte 0xe9 in column location'."""
    joined = "".join(fields)
    # Quick for the rows that have none (nearly all): ASCII is known without a look, and
    # encoding fails only on a surrogate (a regex search over the row is 3 times slower).
    if joined.isascii():
        return None
    try:
        joined.encode("utf-8")
    except UnicodeEncodeError:
        pass
    else:
        return None
    for index, field in enumerate(fields):
        found = _NOT_UTF8.search(field)
        if found:
            column = header[index] if index < len(header) else f"{index + 1}"
            return f"byte 0x{ord(found.group()) - 0xDC00:02x} in column {column}"
    return None  # pragma: no cover - a lone surrogate only comes from a byte not UTF-8


def _layout(header: list[str]) -> str | None:
    return next((kind for kind, marks in _MARKS.items() if set(marks) <= set(header)), None)


def check_header(kind: str, path: Path, header: list[str]) -> None:
    """The header is the codebook's: one line on what is missing, and which layout was
    expected, or which importer the file is for."""
    found = _layout(header)
    if found is not None and found != kind:
        raise InputError(
            f"{path} looks like {TITLES[found]} (it has columns "
            f"{', '.join(_MARKS[found])}), not {TITLES[kind]}: use eastsyria import {found} {path}"
        )
    missing = [column for column in NEEDS[kind] if column not in header]
    if missing:
        shown = ", ".join(missing[:5]) + (
            f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        )
        raise InputError(
            f"{path}: no column {shown} in its first line; {TITLES[kind]} has the codebook's "
            f"columns ({', '.join(NEEDS[kind][:4])}, ...)"
        )


def read_rows(kind: str, path: Path, stream: IO[str]) -> Iterator[Row | tuple[int, str]]:
    """Each data row as a Row, or as (line, reason) where its shape is wrong. Blank lines
    are not rows."""
    reader = csv.reader(stream)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(f"{path} is empty: expected {TITLES[kind]} with its header line") from None
    except csv.Error as exc:
        raise InputError(f"{path}: line 1 is not CSV ({exc})") from None
    header = [name.strip() for name in header]
    bad = _not_utf8(header, header)
    if bad is not None:
        raise InputError(f"{path}: line 1 is not UTF-8 text ({bad}); save the file as UTF-8 CSV")
    check_header(kind, path, header)
    width = len(header)
    ended = reader.line_num
    while True:
        start = ended + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            ended = reader.line_num
            yield start, f"not CSV: {exc}"
            continue
        ended = reader.line_num
        if not fields or fields == [""]:
            continue
        # A byte that is not UTF-8 spoils its row only: the row is reported on its own line
        # (a decoder that failed would stop the file wherever it had read ahead to).
        bad = _not_utf8(header, fields)
        if bad is not None:
            yield start, f"not UTF-8 text: {bad} (save the file as UTF-8 CSV)"
            continue
        if len(fields) != width:
            yield start, f"{len(fields)} fields where the header has {width}"
            continue
        yield Row(start, dict(zip(header, fields, strict=True)))


def open_csv(path: Path) -> IO[str]:
    """The file, as UTF-8 text (a byte-order mark dropped; a byte that is not UTF-8 as a lone
    surrogate, which `read_rows` reports with its row). A regular file no larger than a
    data file may be (`data.load`): a pipe, a device or a directory is refused at once, as
    `--data` refuses it; one line if it cannot be read."""
    from eastsyria.data.load import check_size, open_regular

    descriptor, status = open_regular(path, "CSV file", "CSV")
    try:
        where = f"CSV file {str(path)!r}"
        raw = _Bounded(io.FileIO(descriptor, "rb"), check_size(status, where), where)
    except BaseException:
        os.close(descriptor)
        raise
    return io.TextIOWrapper(
        io.BufferedReader(raw), encoding="utf-8-sig", errors="surrogateescape", newline=""
    )


class _Bounded(io.RawIOBase):
    """A file read no further than the size limit (it may grow while it is read), whose
    failures are one line."""

    def __init__(self, raw: io.FileIO, limit: int | None, where: str) -> None:
        super().__init__()
        self._raw, self._left, self._where = raw, limit, where

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        try:
            done = self._raw.readinto(buffer)
        except OSError as exc:
            raise InputError(f"{self._where} cannot be read: {exc.strerror}") from None
        if self._left is not None:
            self._left -= done
            if self._left < 0:
                raise InputError(f"{self._where} grew above the size limit while it was read")
        return int(done)

    def close(self) -> None:
        self._raw.close()
        super().close()
