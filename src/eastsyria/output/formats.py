"""The one list of output formats, and `emit`, the one writer every command ends in.

A command hands `emit` one `Answer` (below): its rows for programs, whole documents
where a format's answer is not the rows, and how to draw it for people. The format chosen
picks what to write; no command decides that itself. Light on purpose: completion reads
the format names from here on every TAB press. Help text, validation, completion and the
format table of docs/formats.md all come from `FORMATS` and `COMMAND_FORMATS`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from eastsyria.errors import InputError

if TYPE_CHECKING:
    from rich.console import RenderableType

    from eastsyria.output.environment import Environment


_NO_DOCUMENTS: Mapping[str, Callable[[], Any]] = MappingProxyType({})


# A NamedTuple, not a dataclass: building a dataclass costs ~1 ms at every start-up.
class Answer(NamedTuple):
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
    # Other files written beside the answer, each before it and said on stderr as the
    # picture is: (path, its text) — the QGIS style of a GeoJSON answer (--qml FILE).
    files: tuple[tuple[Path, Callable[[], str]], ...] = ()

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


def _streamed(report: Answer, fmt: Format) -> tuple[Any, tuple[str, ...] | None] | None:
    """The rows of an answer written as they are read (`contract.events.EventViews`), and
    the fields to write of each (None: all of them, as they are kept); None for a list."""
    if not hasattr(report.rows, "batches"):
        return None
    names = report.fields_for(fmt)
    return report.rows, (None if names == report.fields else names)


def _json(env: Environment, report: Answer, fmt: Format) -> None:
    from eastsyria.output.machine import write_json, write_json_stream

    document = report.documents.get("json")
    streamed = None if document else _streamed(report, fmt)
    if streamed is not None:
        write_json_stream(*streamed, env.stdout)
        return
    write_json(document() if document else report.picked(fmt), env.stdout)


def _jsonl(env: Environment, report: Answer, fmt: Format) -> None:
    from eastsyria.output.machine import write_jsonl, write_jsonl_stream

    streamed = _streamed(report, fmt)
    if streamed is not None:
        write_jsonl_stream(*streamed, env.stdout)
        return
    write_jsonl(report.picked(fmt), env.stdout)


def _rows(report: Answer, fmt: Format) -> Iterable[Mapping[str, Any]]:
    """The rows of `report`, a streamed answer's as they are read."""
    if hasattr(report.rows, "batches"):
        from eastsyria.output.machine import streamed_views

        return streamed_views(report.rows)  # type: ignore[arg-type]
    return report.rows


def _csv(env: Environment, report: Answer, fmt: Format) -> None:
    from eastsyria.output.machine import write_csv, write_csv_stream

    fields, rows = report.fields_for(fmt), cast("Any", report.rows)
    if hasattr(rows, "batches"):  # a streamed answer (`contract.events.EventViews`)
        write_csv_stream(rows, fields, env.stdout, guard=env.csv_guard)
        return
    write_csv(rows, fields, env.stdout, guard=env.csv_guard)


def _tsv(env: Environment, report: Answer, fmt: Format) -> None:
    from eastsyria.output.machine import write_tsv, write_tsv_stream

    if env.tsv_header:  # --header: the names of the fields each line gives, in its order
        env.stdout.write("\t".join(report.fields_for(fmt)) + "\n")
    written = report.documents.get("tsv")
    if written is not None and report.chosen is None:  # its lines made already, in pieces
        for piece in written():
            env.stdout.write(piece)
        return
    fields, rows = report.fields_for(fmt), cast("Any", report.rows)
    if hasattr(rows, "batches"):  # a streamed answer (`contract.events.EventViews`)
        write_tsv_stream(rows, fields, env.stdout)
        return
    write_tsv(rows, fields, env.stdout)


def _markdown(env: Environment, report: Answer, fmt: Format) -> None:
    if "markdown" in report.documents:  # a document, not a table (`brief`)
        _plain(env, report, fmt)
        return
    from eastsyria.output.machine import write_markdown

    write_markdown(_rows(report, fmt), report.fields_for(fmt), env.stdout)


def _document(env: Environment, report: Answer, fmt: Format) -> None:
    from eastsyria.output.machine import write_json

    document = report.documents[fmt.name]()
    write_to = getattr(document, "write_to", None)  # a document written as it is read
    if write_to is not None:
        write_to(env.stdout)
        return
    write_json(document, env.stdout)


def _plain(env: Environment, report: Answer, fmt: Format) -> None:
    """A text document as it is (BibTeX, RIS): never wrapped, never coloured."""
    document = report.documents[fmt.name]()
    write_to = getattr(document, "write_to", None)  # a document written as it is read
    if write_to is not None:
        write_to(env.stdout)
        return
    env.stdout.write(document)


def _table(env: Environment, report: Answer, fmt: Format) -> None:
    if report.screen is not None:
        console = env.console()
        console.print(report.screen(console.width, report.chosen))
    for note in report.notes:
        env.note(note)


def _text(env: Environment, report: Answer, fmt: Format) -> None:
    if report.text is not None and env.terminal:
        # Each line wrapped between words for a person, a link where it must be (see
        # `layout.Cell.prose`); a pipe gets the lines a script parses.
        from eastsyria.core.sanitise import safe
        from eastsyria.output.layout import Cell, text_of, wrap

        width = env.console().width
        for paragraph in report.text.splitlines():
            for line in wrap(Cell.prose(paragraph), width):
                print(text_of(line).plain, file=env.stdout)
    elif report.text is not None:
        from eastsyria.core.sanitise import safe

        print("\n".join(safe(line) for line in report.text.splitlines()), file=env.stdout)
    for note in report.notes:
        env.note(note)


class Format(NamedTuple):
    name: str
    help: str
    write: Callable[[Environment, Answer, Format], None]
    # Whether --fields chooses what it writes.
    takes_fields: bool = False
    # Read by people rather than programs: takes a report's brief fields by default.
    for_people: bool = False


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "table",
            "a table (or timeline) for people on a terminal",
            _table,
            takes_fields=True,
            for_people=True,
        ),
        Format(
            "tsv",
            "one line per row, tab-separated, no header unless --header (piped default)",
            _tsv,
            True,
        ),
        Format(
            "text",
            "plain text: validate's verdict (problems on stderr), a citation a line, brief's prose",
            _text,
            for_people=True,
        ),
        Format("json", "one JSON document", _json, takes_fields=True),
        Format("jsonl", "JSON Lines: one object per line", _jsonl, takes_fields=True),
        Format("csv", "CSV with a header; lists joined with '; '", _csv, takes_fields=True),
        Format(
            "markdown",
            "a Markdown table for a report (brief: prose with pandoc footnotes)",
            _markdown,
            True,
            for_people=True,
        ),
        Format("geojson", "an RFC 7946 FeatureCollection, a Point per event and place", _document),
        Format("timelinejs", "TimelineJS3 JSON, campaigns as eras", _document),
        Format("bibtex", "BibTeX (biblatex), an @online entry per source section", _plain),
        Format("csl-json", "CSL-JSON items, as Zotero, pandoc and citeproc read them", _document),
        Format("ris", "RIS records, as reference managers import them", _plain),
        Format("kml", "KML 2.2 for Google Earth: a Placemark and TimeSpan per event", _plain),
        Format("html", "an HTML fragment, every data string escaped (brief)", _plain),
    )
}

_ROWS = ("table", "tsv", "json", "jsonl", "csv", "markdown")
# The formats each command accepts, its default first.
COMMAND_FORMATS: dict[str, tuple[str, ...]] = {
    "events": (*_ROWS, "geojson", "timelinejs", "kml"),
    "show": ("table", "json"),
    "places": _ROWS,
    "actors": _ROWS,
    "campaigns": _ROWS,
    "control": ("table", "tsv", "json", "jsonl", "csv", "markdown", "geojson", "kml"),
    "stats": ("table", "json"),
    "validate": ("text", "json"),
    "timeline": ("table", "json", "jsonl", "csv", "markdown", "kml"),
    "schema": ("json",),
    "cite": ("text", "bibtex", "csl-json", "ris"),
    "compare": _ROWS,
    "disputes": _ROWS,
    "casualties": _ROWS,
    "map": ("table", "geojson", "kml"),
    # `import` writes a data file: JSON, with no --format to choose.
    "import": ("json",),
    "brief": ("text", "markdown", "html", "json"),
    "reconcile": _ROWS,
}


# What a command writes when no --format is given and stdout is not a terminal: a table
# becomes one line per row, so that `| grep`, `| sort` and `| cut` work (as `gh` does).
PIPED_FORMAT = "tsv"


def check_format(command: str, value: str | None, terminal: bool = True) -> Format:
    """The format `value` names, if `command` takes it; else an InputError with the fix.

    None (no --format) is the command's default: its first format, or on a pipe `tsv` where
    the command takes it.
    """
    allowed = COMMAND_FORMATS[command]
    if value is None:
        piped = not terminal and allowed[0] == "table" and PIPED_FORMAT in allowed
        return FORMATS[PIPED_FORMAT if piped else allowed[0]]
    name = value.strip().lower()
    if name not in allowed:
        from eastsyria.core.names import did_you_mean, suggest

        hint = did_you_mean(suggest(value, allowed))
        raise InputError(
            f"no format {value!r} for {command}{hint} (choose from {', '.join(allowed)})"
        )
    return FORMATS[name]


# The formats `--header` may be given with: tsv, which it gives a header line, and those
# that always have one (a format of documents or objects has no line of field names).
HEADED_FORMATS = frozenset({"tsv", "csv", "markdown", "table"})


def emit(env: Environment, fmt: Format, report: Answer, *, answer: bool = True) -> None:
    """Write `report` to `env` in `fmt`: the end of every command. With `answer` False
    (`picture_only`), only its picture is written, to its file, and its notes said."""
    if report.chosen is not None and not fmt.takes_fields:
        takers = [f.name for f in FORMATS.values() if f.takes_fields]
        raise InputError(
            f"--fields works with {', '.join(takers[:-1])} and {takers[-1]}, not {fmt.name}"
        )
    if env.tsv_header and fmt.name not in HEADED_FORMATS:
        raise InputError(
            f"--header is for tsv (csv, markdown and tables always have one), not {fmt.name}"
        )
    # Every file the answer writes (its picture, `--svg`; a style, `--qml`), written before
    # any output so that a failure leaves nothing half written on stdout.
    files = list(report.files)
    if report.svg is not None and report.picture is not None:
        files.insert(0, (report.svg, report.picture))
    for path, made in files:
        write_picture(path, made())
    env.answering()
    if answer or not files:
        fmt.write(env, report, fmt)
    for path, _ in files:
        env.note(f"wrote {path}")
    if files and not answer:
        for note in report.notes:
            env.note(note)
    _WRITTEN[:] = [report]


def picture_only(svg: Path | None, *asked: object) -> bool:
    """Whether a command given `--svg FILE` writes only the picture (and says "wrote FILE"
    on stderr): yes, unless an answer on stdout was asked for as well, `asked` (-f/--format,
    `control --chart`), which is then written too."""
    return svg is not None and not any(value not in (None, False) for value in asked)


# The last report written, kept until the process ends (`cli.entry.main` ends it without
# freeing what is left): a large answer's hundred thousand rows take longer to free one
# by one than to write.
_WRITTEN: list[Answer] = []


def write_picture(path: Path, picture: str) -> None:
    """Save a drawn picture (SVG, HTML) before any output, so a failure leaves nothing half
    written on stdout."""
    from eastsyria.data.outfile import write_text

    write_text(path, path.suffix.lstrip(".").upper() or "the picture", picture)
