"""What a command hands to `emit`: one `Report`, ready for any format the command takes."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple, cast

if TYPE_CHECKING:
    from rich.console import RenderableType

    from eastsyria.output.formats import Format


_NO_DOCUMENTS: Mapping[str, Callable[[], Any]] = MappingProxyType({})


# A NamedTuple, not a dataclass: building a dataclass costs ~1 ms at every start-up.
class Report(NamedTuple):
    """What a command has to say, ready for any format it accepts."""

    # The rows scripts receive (json, jsonl, csv, markdown), with every field of the contract.
    rows: Sequence[Mapping[str, Any]] = ()
    fields: tuple[str, ...] = ()
    # The fields asked for with --fields; else `brief` for formats read by people, else all.
    chosen: tuple[str, ...] | None = None
    brief: tuple[str, ...] | None = None
    # The fields of a TSV line when none are asked for; None: all of them.
    piped: tuple[str, ...] | None = None
    # A format's whole answer where it is not the rows: json of one place, geojson...
    documents: Mapping[str, Callable[[], Any]] = _NO_DOCUMENTS
    # The drawing for a terminal, given its width and the fields asked for (None: the
    # drawing's own); None when there is nothing to draw.
    screen: Callable[[int, tuple[str, ...] | None], RenderableType] | None = None
    # Plain text for stdout (`validate`'s verdict).
    text: str | None = None
    # Talk for people on stderr after a table or text: a count, "no events match".
    notes: tuple[str, ...] = ()
    # Where the command's picture is saved, and how to draw it (an SVG document): written
    # whatever the format, before it.
    svg: Path | None = None
    picture: Callable[[], str] | None = None

    def fields_for(self, fmt: Format) -> tuple[str, ...]:
        """The fields `fmt` writes: those asked for, else the brief ones for people, else all."""
        if self.chosen is not None:
            return self.chosen
        if fmt.name == "tsv" and self.piped is not None:
            return self.piped
        if fmt.for_people and self.brief is not None:
            return self.brief
        return self.fields

    def picked(self, fmt: Format) -> list[dict[str, Any]]:
        """The rows with only the fields `fmt` writes."""
        names = self.fields_for(fmt)
        rows = self.rows
        if rows and tuple(rows[0]) == names and all(len(row) == len(names) for row in rows):
            return cast("list[dict[str, Any]]", list(rows))  # all fields: not copied
        return [{name: row[name] for name in names} for row in rows]
