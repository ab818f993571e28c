"""Where output goes and how it may look: streams, terminal, width, colour, encoding.

The console entry builds one from the process (`Environment.from_process()`) and hands it
down; tests build their own, with string streams and a fixed width, and run commands
in-process against it (as httpie's `MockEnvironment` does).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, TextIO

from eastsyria import PROG
from eastsyria.output.text import AsciiFallbackStream, is_unicode

if TYPE_CHECKING:
    from rich.console import Console


def wants_colour(isatty: bool, environ: Mapping[str, str] = os.environ) -> bool:
    """Colour for a terminal, or when FORCE_COLOR asks; never under NO_COLOR or TERM=dumb."""
    if environ.get("NO_COLOR") or environ.get("TERM") == "dumb":
        return False
    return bool(environ.get("FORCE_COLOR")) or isatty


class Environment:
    # A plain class: completion builds one on every TAB press, and the dataclasses module
    # costs ~6 ms to import.
    def __init__(
        self,
        stdout: TextIO,
        stderr: TextIO,
        *,
        colour: bool = False,
        width: int | None = None,
        terminal: bool = True,
    ) -> None:
        self.stdout = stdout
        self.stderr = stderr
        # Whether stdout is a terminal: if not, a table with no --format is written as TSV.
        self.terminal = terminal
        # See `wants_colour`.
        self.colour = colour
        # Columns to lay tables out in; None lets Rich ask the terminal (or COLUMNS).
        self.width = width

    @classmethod
    def from_process(cls) -> Environment:
        isatty = sys.stdout.isatty()
        # As gh's GH_FORCE_TTY: tables on a pipe (`| less`, a README's examples). Colour
        # still follows the real stream.
        terminal = isatty or bool(os.environ.get("EASTSYRIA_FORCE_TTY"))
        return cls(sys.stdout, sys.stderr, colour=wants_colour(isatty), terminal=terminal)

    @property
    def unicode(self) -> bool:
        """Whether stdout can carry any character; JSON is \\u-escaped where it cannot."""
        return is_unicode(self.stdout)

    def console(self, *, record: bool = False) -> Console:
        """A Rich console on stdout that never reads data text as markup."""
        from rich.console import Console

        stream = self.stdout if self.unicode else AsciiFallbackStream(self.stdout)
        return Console(
            file=stream,  # type: ignore[arg-type]
            width=self.width,
            color_system="auto" if self.colour else None,
            force_terminal=self.colour,
            no_color=not self.colour,
            highlight=False,
            markup=False,
            emoji=False,
            record=record,
        )

    def note(self, message: str) -> None:
        """Talk for people on stderr: counts, 'no events match'."""
        print(message, file=self.stderr)

    def error(self, message: str) -> None:
        """The one line a failed command leaves on stderr."""
        with contextlib.suppress(OSError, ValueError):
            print(f"{PROG}: error: {message}", file=self.stderr)
