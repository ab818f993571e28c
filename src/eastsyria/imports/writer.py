"""The data file of an import, written as the rows come: the events and the rows' sections
go to temporary files one at a time, and only the small parts (places, actors, sides) wait
in memory for the end. UTF-8 as written; the small parts indented by 2 like data/events.json,
each event and section on a line of its own (json's C encoder: an indented dump runs the
pure-Python one, several times slower, and makes reference cycles at every call).

A cell's text is kept as it is, but every character a terminal would act on (an escape, a
C1 control, a bidirectional override, a line separator) is written as a \\u escape
(`core.sanitise.json_text`): the same string once parsed, inert when the file is printed,
as `--format json` writes it. The file goes to standard output as often as to a file.
"""

from __future__ import annotations

import json
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from eastsyria.core.sanitise import json_text
from eastsyria.errors import OutputError


def _text(item: Any) -> str:
    return json_text(json.dumps(item, indent=2, ensure_ascii=False))


class Spool:
    """A JSON array's items, one after another in a temporary file. A temporary file that
    cannot be written (a full disk) is one line, exit 74 (`OutputError`), as an output."""

    def __init__(self, folder: str, name: str) -> None:
        self.path = Path(folder) / name
        with self._failing("create"):
            self._file = self.path.open("w", encoding="utf-8")
        self.count = 0
        # The string that stands for the items in the document `assemble` writes.
        self.mark = f"{name}-{uuid.uuid4().hex}"

    @contextmanager
    def _failing(self, doing: str) -> Iterator[None]:
        try:
            yield
        except OSError as exc:
            raise OutputError(
                f"cannot {doing} the import's temporary file {self.path}: "
                f"{exc.strerror or exc}; free some space there, or set TMPDIR to a folder "
                "with room"
            ) from None

    def add(self, item: Any) -> None:
        line = json_text(json.dumps(item, ensure_ascii=False))
        with self._failing("write"):
            self._file.write(("" if self.count == 0 else ",\n") + line)
        self.count += 1

    def _lines(self) -> Iterator[str]:
        with self._failing("write"):
            self._file.close()  # writes what is buffered
        with self._failing("read"), self.path.open(encoding="utf-8") as spooled:
            yield from spooled

    def copy_to(self, out: IO[str], indent: str) -> None:
        """The items, each line indented to sit inside the array at `indent`. (A failure to
        write `out` is the caller's to report.)"""
        for line in self._lines():
            out.write(indent + line)
        out.write("\n")


def assemble(out: IO[str], document: dict[str, Any], spools: list[Spool]) -> None:
    """`document` with the spools' items in place of their marks: each mark is the last
    string in a list of the document, such as `"events": [spool.mark]`."""
    marks = {spool.mark: spool for spool in spools}
    for line in _text(document).splitlines(keepends=True):
        stripped = line.strip().rstrip(",")
        mark = stripped[1:-1] if stripped.startswith('"') else ""
        if mark in marks:
            marks[mark].copy_to(out, line[: len(line) - len(line.lstrip())])
        else:
            out.write(line)
    out.write("\n")


@contextmanager
def spool_folder() -> Iterator[str]:
    try:
        made = tempfile.TemporaryDirectory(prefix="eastsyria-import-")
    except OSError as exc:
        raise OutputError(
            f"cannot make a temporary folder for the import: {exc.strerror or exc}; set "
            "TMPDIR to a folder this user can write"
        ) from None
    with made as folder:
        yield folder
