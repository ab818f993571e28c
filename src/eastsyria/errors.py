"""The errors every layer raises, and the exit statuses the command line maps them to.

The bottom layer: it imports nothing of the project, and everything may import it.
"""

from __future__ import annotations

from enum import IntEnum
from typing import NamedTuple


class ExitStatus(IntEnum):
    OK = 0
    # The machine ran out of memory (a data file too large for it).
    FAILED = 1
    # Bad input of any kind: a value on the command line, or a data file that is missing,
    # unreadable, too large, not a regular file or invalid (`validate` finding problems
    # included).
    USAGE = 2
    # The answer could not be written: a full disk, a closed or failing stdout (sysexits.h's
    # EX_IOERR). A closed pipe is not an error: `| head` ends quietly with 0.
    OUTPUT = 74
    INTERRUPTED = 130


# A NamedTuple rather than a dataclass: the dataclasses module costs ~6 ms to import, and
# completion, which runs on every TAB press, imports this module.
class Problem(NamedTuple):
    """A problem found in a data file, located by its JSON path (or line and column)."""

    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class EastsyriaError(Exception):
    """Bad input from the user or from a data file: reported as one line, exit 2."""

    status = ExitStatus.USAGE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(EastsyriaError):
    """A bad value on the command line: a date, a place, a field name..."""


class OutputError(EastsyriaError):
    """Standard output failed (not a closed pipe): reported as one line, exit 74."""

    status = ExitStatus.OUTPUT


class DataFileError(EastsyriaError):
    """The data file is missing, unreadable or not valid; `problems` says where."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []
