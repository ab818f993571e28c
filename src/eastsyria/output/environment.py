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


# The width rule (see `usable_width`).
NARROWEST = 20
WIDEST = 1000
PICTURE_WIDEST = 300
# What a terminal that says nothing of its size is taken to be, as Rich and most tools do.
DEFAULT_SIZE = (80, 25)


def usable_width(columns: int | None) -> int:
    """The columns every screen is drawn in, from those the terminal has (None: it did not
    say, 80 as for any tool).

    A floor: a terminal narrower than NARROWEST columns (COLUMNS=3, a two-column pane) gets
    the screen drawn for NARROWEST columns, and the terminal wraps its lines. No layout then
    has to fit a word, an id or a date into a column or two (breaking a word one character a
    line, or none, is where an earlier version looped for ever). A ceiling: a terminal wider
    than WIDEST columns gets a screen WIDEST columns wide. A table or a text is never wider
    than what it holds, so this only bounds the pictures, whose work and size grow with the
    width; and those that grow with it in two directions (the map's rows are a share of its
    columns) are drawn no wider than PICTURE_WIDEST (see `picture_width`)."""
    if columns is None:
        return DEFAULT_SIZE[0]
    return min(max(columns, NARROWEST), WIDEST)


def picture_width(width: int) -> int:
    """The columns a picture drawn across the screen takes (the map, the control chart): the
    screen's usable width, up to PICTURE_WIDEST (see `usable_width`)."""
    return min(usable_width(width), PICTURE_WIDEST)


def _count(value: str | None) -> int | None:
    """A positive whole number of columns or lines as the environment gives one ("120"), or
    None for anything else: empty, 0, negative, junk ("²", "1e3", " 12"). A number too long
    to read (a thousand digits) stands for 'more than any ceiling'."""
    if value is None or not value.isascii() or not value.isdigit():
        return None
    digits = value.lstrip("0")
    if len(digits) > 9:
        return 10**9
    return int(digits) if digits else None


def terminal_size(environ: Mapping[str, str] = os.environ) -> tuple[int | None, int | None]:
    """The terminal's columns and lines, as Rich reads them but never failing: COLUMNS and
    LINES where each is a positive number, else the size of the first of stdin, stdout and
    stderr that is a terminal; None where nothing says."""
    columns, lines = _count(environ.get("COLUMNS")), _count(environ.get("LINES"))
    if columns is None or lines is None:
        for descriptor in (0, 1, 2):
            try:
                size = os.get_terminal_size(descriptor)
            except (OSError, ValueError):
                continue
            # A pseudo-terminal may say 0 x 0: it does not know.
            columns = columns or size.columns or None
            lines = lines or size.lines or None
            break
    return columns, lines


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
        # Notes about the question (which places a --place name fits), said just before the
        # answer, and not at all if the command fails instead: its error is then the one line.
        self.before_answer: list[str] = []
        # Columns to lay screens out in (see `usable_width`); None: the terminal's, asked when
        # a screen is drawn.
        self.width = None if width is None else usable_width(width)
        # Whether TSV starts with a line of its field names (--header).
        self.tsv_header = False

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
        columns, lines = terminal_size()
        # Both given, so that Rich never reads COLUMNS or LINES itself (it fails on "²").
        return Console(
            file=stream,  # type: ignore[arg-type]
            width=self.width if self.width is not None else usable_width(columns),
            height=lines or DEFAULT_SIZE[1],
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
        self.answering()
        with contextlib.suppress(OSError, ValueError):
            print("\n".join(safe(line) for line in message.split("\n")), file=self.stderr)

    def answering(self) -> None:
        """The answer is coming: say the notes kept for just before it (`before_answer`)."""
        kept, self.before_answer = self.before_answer, []
        for message in kept:
            self.note(message)

    def error(self, message: str) -> None:
        """The one line a failed command leaves on stderr, made inert (it names bad values)."""
        with contextlib.suppress(OSError, ValueError):
            print(f"{PROG}: error: {safe(message)}", file=self.stderr)
