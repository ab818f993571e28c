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
import os
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from eastsyria.core.sanitise import json_text


def _text(item: Any) -> str:
    return json_text(json.dumps(item, indent=2, ensure_ascii=False))


class Spool:
    """A JSON array's items, one after another in a temporary file."""

    def __init__(self, folder: str, name: str) -> None:
        self.path = Path(folder) / name
        self._file = self.path.open("w", encoding="utf-8")
        self.count = 0
        # The string that stands for the items in the document `assemble` writes.
        self.mark = f"{name}-{uuid.uuid4().hex}"

    def add(self, item: Any) -> None:
        line = json_text(json.dumps(item, ensure_ascii=False))
        self._file.write(("" if self.count == 0 else ",\n") + line)
        self.count += 1

    def copy_to(self, out: IO[str], indent: str) -> None:
        """The items, each line indented to sit inside the array at `indent`."""
        self._file.close()
        with self.path.open(encoding="utf-8") as spooled:
            for line in spooled:
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
    with tempfile.TemporaryDirectory(prefix="eastsyria-import-") as folder:
        yield folder


@contextmanager
def atomic_file(target: Path) -> Iterator[IO[str]]:
    """A file that replaces `target` only once it is whole: a failed import leaves no half
    file, and the old one, if any, untouched."""
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, or removed
        "w", encoding="utf-8", dir=target.parent, prefix=f".{target.name}.", delete=False
    )
    try:
        with handle:
            yield handle
        os.replace(handle.name, target)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
