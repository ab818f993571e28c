"""The errors the core raises and the exit statuses the CLI maps them to."""

from __future__ import annotations

from enum import IntEnum

from eastsyria.problems import Problem


class ExitStatus(IntEnum):
    OK = 0
    # Problems found by `validate` in a file that could be read.
    INVALID = 2
    USAGE = 2
    INTERRUPTED = 130


class EastsyriaError(Exception):
    """Bad input from the user or from a data file: reported as one line, exit 2."""

    status = ExitStatus.USAGE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(EastsyriaError):
    """A bad value on the command line: a date, a place, a field name..."""


class DataFileError(EastsyriaError):
    """The data file is missing, unreadable or not valid; `problems` says where."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []
