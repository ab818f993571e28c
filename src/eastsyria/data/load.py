"""Finding, reading and validating the data file.

Data flows one way: file bytes -> JSON -> pydantic validation (`schema`, `references`) ->
plain records (`records`) -> `core.catalog.Catalog`. Validation is the slow step (pydantic
import and a full check of the file), so its result is cached (`cache`).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from eastsyria.data import cache
from eastsyria.errors import DataFileError, Problem

if TYPE_CHECKING:
    import io

    from eastsyria.data.records import DatasetRecord

DATA_ENV = "EASTSYRIA_DATA"

_HERE = Path(__file__).resolve().parent
# A wheel carries the file inside this package (eastsyria/data/events.json); an editable
# install or a checkout reads the repository's own data/events.json (src/eastsyria/data is
# three levels below the repository). Both are the same file in the source tree.
_SHIPPED_CANDIDATES = (
    _HERE / "events.json",
    _HERE.parents[2] / "data" / "events.json",
)

_BOM = b"\xef\xbb\xbf"


def shipped_data_path() -> Path:
    for candidate in _SHIPPED_CANDIDATES:
        if candidate.is_file():
            return candidate
    return _SHIPPED_CANDIDATES[0]


def data_path(option: str | Path | None) -> Path:
    """The file to read: `--data` wins over EASTSYRIA_DATA, which wins over the shipped file."""
    if option is not None and str(option) != "":
        return Path(option)
    from_env = os.environ.get(DATA_ENV)
    if from_env:
        return Path(from_env)
    return shipped_data_path()


# Larger files are refused before they are read: validating one takes about 25 times its
# size in memory. EASTSYRIA_MAX_DATA_MB raises (or, at 0, lifts) the limit.
MAX_DATA_ENV = "EASTSYRIA_MAX_DATA_MB"
DEFAULT_MAX_DATA_MB = 512


def max_data_bytes() -> int | None:
    """The largest data file read, in bytes; None for no limit."""
    configured = os.environ.get(MAX_DATA_ENV, "").strip()
    try:
        megabytes = float(configured) if configured else DEFAULT_MAX_DATA_MB
    except ValueError:
        raise DataFileError(
            f"{MAX_DATA_ENV}={configured!r} is not a number of megabytes (0 for no limit)"
        ) from None
    if not megabytes >= 0:  # negative, or NaN
        raise DataFileError(f"{MAX_DATA_ENV}={configured!r} is not a number of megabytes")
    return None if megabytes == 0 or megabytes == float("inf") else int(megabytes * 1024 * 1024)


_NOT_REGULAR = {
    stat.S_IFIFO: "a pipe (FIFO), not a regular file",
    stat.S_IFCHR: "a device, not a regular file",
    stat.S_IFBLK: "a device, not a regular file",
    stat.S_IFSOCK: "a socket, not a regular file",
}


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB" if size >= 1024 * 1024 else f"{size:,} bytes"


# -- what is wrong with a data file, worded once ---------------------------------------------
# The whole file (`read_bytes`, `parse_json`) and the stream a store is built from (`stream`)
# say the same of the same file: these are the only words for it.


def unreadable(path: Path, exc: OSError, what: str = "data file") -> DataFileError:
    where = f"{what} {str(path)!r}"
    if isinstance(exc, FileNotFoundError):
        return DataFileError(f"{where} does not exist")
    if isinstance(exc, PermissionError):
        return DataFileError(f"{where} cannot be read: permission denied")
    return DataFileError(f"{where} cannot be read: {exc.strerror}")


def empty(path: Path, what: str = "data file") -> DataFileError:
    return DataFileError(f"{what} {str(path)!r} is empty")


def not_utf8(path: Path, byte: int, line: int, column: int) -> DataFileError:
    return DataFileError(
        f"data file {str(path)!r} is not UTF-8 text: byte 0x{byte:02x} at line {line}, "
        f"column {column}"
    )


def not_json(path: Path, message: str, line: int, column: int) -> DataFileError:
    return DataFileError(
        f"data file {str(path)!r} is not valid JSON: {message} at line {line}, column {column}",
        [Problem(f"line {line}, column {column}", message)],
    )


def too_deep(path: Path) -> DataFileError:
    return DataFileError(f"data file {str(path)!r} is nested too deeply to read")


def number_too_long(path: Path) -> DataFileError:
    """A number of more digits than Python turns into an integer (4,300: CVE-2020-10735)."""
    import sys

    digits = sys.get_int_max_str_digits()
    return DataFileError(
        f"data file {str(path)!r} is not valid JSON: a number has more than {digits:,} digits"
    )


def line_and_column(text: str, at: int, before: tuple[int, int] = (0, 0)) -> tuple[int, int]:
    """The line and column (from 1, in characters) of `text[at]`; `before` is what came
    before `text` (a stream's window): the lines it held, and the characters of its last,
    unfinished line."""
    lines, carried = before
    line = lines + text.count("\n", 0, at) + 1
    start = text.rfind("\n", 0, at) + 1
    column = at - start + 1 + (carried if start == 0 else 0)
    return line, column


# A file of nothing but JSON's white space after its optional byte-order mark: empty. Matched
# from the start, so a large file is never copied nor scanned past its first character.
_BLANK = re.compile(rb"(?:\xef\xbb\xbf)?[ \t\n\r]*\Z")


def is_blank(content: bytes) -> bool:
    return _BLANK.match(content) is not None


def open_regular(
    path: Path, what: str = "data file", form: str = "JSON"
) -> tuple[int, os.stat_result]:
    """A descriptor of the file at `path` and its status, if it is a regular file.

    Opened without blocking and checked on the open descriptor, so a pipe, a device
    (/dev/zero) or a file swapped in between is refused, never waited on or read forever.
    `what` names the file in a message ("data file", "CSV file"), `form` what it should be.
    """
    where = f"{what} {str(path)!r}"
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise unreadable(path, exc, what) from None
    try:
        status = os.fstat(descriptor)
        kind = stat.S_IFMT(status.st_mode)
        if kind == stat.S_IFDIR:
            raise DataFileError(f"{where} is a directory, not a {form} file")
        if kind != stat.S_IFREG:
            raise DataFileError(f"{where} is {_NOT_REGULAR.get(kind, 'not a regular file')}")
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor, status


def check_readable(path: Path) -> None:
    """Raise DataFileError unless `path` is a regular file this user may read."""
    descriptor, _ = open_regular(path)
    os.close(descriptor)


def check_size(status: os.stat_result, where: str) -> int | None:
    """The size limit (`max_data_bytes`); DataFileError if the file of `status` is above it.
    `where` names the file ("data file 'x.json'")."""
    limit = max_data_bytes()
    if limit is not None and status.st_size > limit:
        raise DataFileError(
            f"{where} is {_megabytes(status.st_size)}, above the limit of "
            f"{_megabytes(limit)}; set {MAX_DATA_ENV} to a larger number of megabytes "
            "(0 for no limit) to read it"
        )
    return limit


def _read_up_to(stream: io.RawIOBase, most: int | None, size: int) -> bytes | None:
    """What `stream` holds, but no more than `most` bytes; `size` is what it should hold.

    Not `read(most)`: that sets aside all of `most` at once (the size limit, 512 MB by
    default), which a process under an address-space limit (`ulimit -v`) cannot have, and
    then even a small file ended in "out of memory".
    """
    chunks: list[bytes] = []
    total = 0
    while most is None or total < most:
        wanted = size + 1 if most is None else min(size + 1, most - total)
        chunk = stream.read(wanted)
        if chunk is None:
            return None
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    # One piece, as a file that did not change is read: joined without a copy.
    return b"".join(chunks)


def read_bytes(path: Path, what: str = "data file", form: str = "JSON") -> bytes:
    """The bytes of a data file: a regular file no larger than `max_data_bytes()`. `what`
    and `form` as for `open_regular`."""
    return read_with_status(path, what, form)[0]


def read_with_status(
    path: Path, what: str = "data file", form: str = "JSON"
) -> tuple[bytes, os.stat_result]:
    """The bytes of a data file (`read_bytes`), and the status of the file they were read
    from, taken on its descriptor before they were."""
    where = f"{what} {str(path)!r}"
    descriptor, status = open_regular(path, what, form)
    try:
        limit = check_size(status, where)
        with os.fdopen(descriptor, "rb", buffering=0, closefd=False) as stream:
            content = _read_up_to(stream, None if limit is None else limit + 1, status.st_size)
    except OSError as exc:
        raise unreadable(path, exc, what) from None
    finally:
        os.close(descriptor)
    if content is None or (limit is not None and len(content) > limit):
        # It grew while being read (or is not what fstat said).
        raise DataFileError(f"{where} changed while it was read, or is above the limit")
    if is_blank(content):
        raise empty(path, what)
    return content, status


def parse_json(content: bytes, path: Path) -> Any:
    """The JSON document in `content`; a UTF-8 byte-order mark is accepted."""
    if content.startswith(_BOM):
        content = content[len(_BOM) :]
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = content[: exc.start].decode("utf-8")  # whole characters, up to the bad byte
        line, column = line_and_column(before, len(before))
        raise not_utf8(path, content[exc.start], line, column) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise not_json(path, exc.msg, *line_and_column(text, exc.pos)) from None
    except RecursionError:
        raise too_deep(path) from None
    except ValueError:  # an integer of more digits than Python converts
        raise number_too_long(path) from None


_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def json_path(location: tuple[int | str, ...]) -> str:
    """Pydantic's error location as a JSON path: events[3].date.earliest. A key that is not
    a plain name (it comes from the data file: spaces, dots, escape sequences) is written
    as a JSON string in brackets, every non-ASCII or control character \\u-escaped."""
    path = ""
    for part in location:
        if isinstance(part, int):
            path += f"[{part}]"
        elif _PLAIN_KEY.fullmatch(part):
            path += f".{part}" if path else part
        else:
            path += f"[{json.dumps(part)}]"
    return path or "(document)"


@contextlib.contextmanager
def ctrl_c_held(pressed: list[int] | None = None) -> Iterator[None]:
    """Ctrl-C while the schema is built or a file validated interrupts once that is over:
    pydantic-core swallows an exception raised inside the Python it calls back (building a
    pattern's regex, a validator), and goes on with what it has: every string then "should
    match pattern '<unprintable str object>'" and the interrupt is lost. Each press is noted
    in `pressed`, so that a long task can stop at a safe point of its own (`storebuild`
    stops between two events)."""
    presses: list[int] = [] if pressed is None else pressed
    try:
        previous = signal.signal(signal.SIGINT, lambda number, _: presses.append(number))
    except ValueError:  # not the main thread: signals are not ours to handle
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.SIG_DFL)
    if signal.SIGINT in presses and callable(previous):
        previous(signal.SIGINT, None)  # Python's own handler raises KeyboardInterrupt


def validate_document(document: Any) -> tuple[DatasetRecord | None, list[Problem]]:
    """Validate a parsed document: the normalised records, or every problem found."""
    if not isinstance(document, dict):
        kind = type(document).__name__
        return None, [Problem("(document)", f"expected a JSON object, found {kind}")]
    # Importing pydantic and the schema builds validators in pydantic-core: all of it runs
    # with Ctrl-C held back, as validating does.
    with ctrl_c_held():
        return _validated(document)


def _validated(document: dict[str, Any]) -> tuple[DatasetRecord | None, list[Problem]]:
    # pydantic is imported here only: a cached dataset never needs it.
    from pydantic import ValidationError

    from eastsyria.data.references import reference_problems
    from eastsyria.data.schema import Dataset

    try:
        model = Dataset.model_validate(document)
    except ValidationError as exc:
        problems = [Problem(json_path(err["loc"]), err["msg"]) for err in exc.errors()]
        return None, problems
    except RecursionError:
        return None, [Problem("(document)", "nested too deeply")]
    problems = reference_problems(model)
    if problems:
        return None, problems
    record = cast("DatasetRecord", model.model_dump(mode="json", by_alias=True))
    record["events"].sort(key=lambda e: (e["date"]["earliest"], e["date"]["latest"], e["id"]))
    return record, []


def invalid(path: Path, problems: list[Problem]) -> DataFileError:
    first = problems[0]
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return DataFileError(
        f"data file {str(path)!r} is not valid: {first}{more}; "
        f"run 'eastsyria validate {path}' for every problem",
        problems,
    )


def load_record(path: Path, *, use_cache: bool = True) -> DatasetRecord:
    """The validated dataset at `path`, from the cache when this exact file was seen before."""
    content = read_bytes(path)
    key = cache.key_of(content) if use_cache else None
    if key is not None:
        cached = cache.lookup(key)
        if cached is not None:
            return cached
    record, problems = validate_document(parse_json(content, path))
    if record is None:
        raise invalid(path, problems)
    if key is not None:
        cache.store(key, record)
    return record


def check_file(path: Path) -> tuple[DatasetRecord | None, list[Problem]]:
    """Full validation for `eastsyria validate`: never trusts the cache."""
    document = parse_json(read_bytes(path), path)
    return validate_document(document)
