"""Where output goes and how it may look: streams, terminal, width, colour, encoding.

The console entry builds one from the process (`Environment.from_process()`) and hands it
down; tests build their own, with string streams and a fixed width, and run commands
in-process against it (as httpie's `MockEnvironment` does).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, TextIO

from eastsyria import PROG
from eastsyria.core.sanitise import safe
from eastsyria.errors import OutputError
from eastsyria.output.text import AsciiFallbackStream, is_unicode

if TYPE_CHECKING:
    from rich.console import Console


def wants_colour(isatty: bool, environ: Mapping[str, str] = os.environ) -> bool:
    """Colour for a terminal, or when FORCE_COLOR asks; never under NO_COLOR or TERM=dumb."""
    if environ.get("NO_COLOR") or environ.get("TERM") == "dumb":
        return False
    return bool(environ.get("FORCE_COLOR")) or isatty


class OutputStream:
    """Standard output whose failures become one `OutputError`: a full disk (ENOSPC), a
    closed descriptor, an I/O error. A closed pipe stays a BrokenPipeError: quiet, exit 0."""

    def __init__(self, stream: TextIO | None) -> None:
        # None: the process was started with stdout closed (`eastsyria events >&-`).
        self._stream = stream
        self.encoding = (getattr(stream, "encoding", None) or "utf-8") if stream else "utf-8"

    def _failed(self, exc: Exception | None) -> OutputError:
        reason = "it is closed" if exc is None else getattr(exc, "strerror", None) or str(exc)
        return OutputError(f"cannot write to standard output: {reason}")

    def write(self, text: str) -> int:
        if self._stream is None:
            if not text:  # nothing to say (an empty TSV answer) is no failure
                return 0
            raise self._failed(None)
        with self._failures():
            return self._stream.write(text)

    def flush(self) -> None:
        if self._stream is not None:
            with self._failures():
                self._stream.flush()

    def write_utf8(self, data: bytes) -> bool:
        """Write UTF-8 bytes straight to the stream's own bytes (what was written as text
        first, first); False, with nothing written, where it has none or is not UTF-8."""
        binary = getattr(self._stream, "buffer", None)
        if self._stream is None or binary is None:
            return False
        if self.encoding.lower().replace("-", "") != "utf8":
            return False
        with self._failures():
            self._stream.flush()
            binary.write(data)
        return True

    @contextlib.contextmanager
    def _failures(self) -> Iterator[None]:
        try:
            yield
        except BrokenPipeError:
            raise
        except (OSError, ValueError) as exc:
            raise self._failed(exc) from None

    def isatty(self) -> bool:
        try:
            return self._stream is not None and self._stream.isatty()
        except (OSError, ValueError):
            return False

    def fileno(self) -> int:
        if self._stream is None:
            raise OSError("standard output is closed")
        return self._stream.fileno()


class _Discard:
    """Standard error when the process was started without one: talk goes nowhere."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


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
        # Whether CSV cells that would start a spreadsheet formula are guarded (--no-csv-guard).
        self.csv_guard = True
        # Whether stdout is a terminal: if not, a table with no --format is written as TSV.
        self.terminal = terminal
        # EASTSYRIA_FORCE_TTY: a pipe to be written as a terminal would be, signs and all.
        self.forced_terminal = False
        # See `wants_colour`.
        self.colour = colour
        # Columns to lay tables out in; None lets Rich ask the terminal (or COLUMNS).
        self.width = width

    @classmethod
    def from_process(cls) -> Environment:
        stdout = OutputStream(sys.stdout)
        isatty = stdout.isatty()
        # As gh's GH_FORCE_TTY: tables on a pipe (`| less`, a README's examples). Colour
        # still follows the real stream.
        terminal = isatty or bool(os.environ.get("EASTSYRIA_FORCE_TTY"))
        stderr: TextIO = sys.stderr if sys.stderr is not None else _Discard()  # type: ignore[assignment]
        env = cls(stdout, stderr, colour=wants_colour(isatty), terminal=terminal)  # type: ignore[arg-type]
        env.forced_terminal = terminal and not isatty
        return env

    @property
    def unicode(self) -> bool:
        """Whether stdout can carry any character; JSON is \\u-escaped where it cannot."""
        return is_unicode(self.stdout)

    def sign(self, sign: str, words: str) -> str:
        """`sign` where a person sees it on a terminal that shows it (or EASTSYRIA_FORCE_TTY
        says to write as if); else `words`: a pipe or a file (`--format table` into one) and a
        console without Unicode get plain text."""
        on_terminal = self.stdout.isatty() or self.forced_terminal
        return sign if self.unicode and on_terminal else words

    def console(self) -> Console:
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
        )

    def note(self, message: str) -> None:
        """Talk for people on stderr: counts, 'no events match'. Names in it come from the
        data file: each line is made inert."""
        with contextlib.suppress(OSError, ValueError):
            print("\n".join(safe(line) for line in message.split("\n")), file=self.stderr)

    def error(self, message: str) -> None:
        """The one line a failed command leaves on stderr, made inert (it names bad values)."""
        with contextlib.suppress(OSError, ValueError):
            print(f"{PROG}: error: {safe(message)}", file=self.stderr)
