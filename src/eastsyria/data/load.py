"""Finding, reading and validating the data file.

Data flows one way: file bytes -> JSON -> pydantic validation (`schema`, `references`) ->
plain records (`records`) -> `core.catalog.Catalog`. Validation is the slow step (pydantic
import and a full check of the file), so its result is cached (`cache`).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from eastsyria.data import cache
from eastsyria.errors import DataFileError, Problem

if TYPE_CHECKING:
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


def read_bytes(path: Path) -> bytes:
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        raise DataFileError(f"data file {str(path)!r} does not exist") from None
    except IsADirectoryError:
        raise DataFileError(f"data file {str(path)!r} is a directory, not a JSON file") from None
    except PermissionError:
        raise DataFileError(f"data file {str(path)!r} cannot be read: permission denied") from None
    except OSError as exc:
        raise DataFileError(f"data file {str(path)!r} cannot be read: {exc.strerror}") from None
    # isspace() stops at the first other byte; strip() would copy the whole file first.
    if not content or content.isspace():
        raise DataFileError(f"data file {str(path)!r} is empty")
    return content


def _line_and_column(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def parse_json(content: bytes, path: Path) -> Any:
    """The JSON document in `content`; a UTF-8 byte-order mark is accepted."""
    if content.startswith(_BOM):
        content = content[len(_BOM) :]
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _line_and_column(content[: exc.start].decode("utf-8", "replace"), exc.start)
        raise DataFileError(
            f"data file {str(path)!r} is not UTF-8 text: "
            f"byte 0x{content[exc.start]:02x} at line {line}, column {column}"
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataFileError(
            f"data file {str(path)!r} is not valid JSON: {exc.msg} "
            f"at line {exc.lineno}, column {exc.colno}",
            [Problem(f"line {exc.lineno}, column {exc.colno}", exc.msg)],
        ) from None
    except RecursionError:
        raise DataFileError(f"data file {str(path)!r} is nested too deeply to read") from None


def json_path(location: tuple[int | str, ...]) -> str:
    """Pydantic's error location as a JSON path: events[3].date.earliest."""
    path = ""
    for part in location:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else part
    return path or "(document)"


def validate_document(document: Any) -> tuple[DatasetRecord | None, list[Problem]]:
    """Validate a parsed document: the normalised records, or every problem found."""
    # pydantic is imported here only: a cached dataset never needs it.
    from pydantic import ValidationError

    from eastsyria.data.references import reference_problems
    from eastsyria.data.schema import Dataset

    if not isinstance(document, dict):
        kind = type(document).__name__
        return None, [Problem("(document)", f"expected a JSON object, found {kind}")]
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


def _invalid(path: Path, problems: list[Problem]) -> DataFileError:
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
        raise _invalid(path, problems)
    if key is not None:
        cache.store(key, record)
    return record


def check_file(path: Path) -> tuple[DatasetRecord | None, list[Problem]]:
    """Full validation for `eastsyria validate`: never trusts the cache."""
    document = parse_json(read_bytes(path), path)
    return validate_document(document)
