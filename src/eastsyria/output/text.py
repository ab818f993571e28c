"""Terminals that are not UTF-8: typographic marks made ASCII (data text is made inert by
`core.sanitise`)."""

from __future__ import annotations

from typing import TextIO

# What a terminal that cannot show these characters (LANG=C) gets instead: one character
# for one, so that Rich's layout still lines up, and the marks keep their meaning. Anything
# else it cannot show becomes "?".
ASCII_FALLBACKS = str.maketrans(
    "–—·≤↔›→‘’“”″…█│─●■▲◆◇␛␇",
    '--.<*>>\'\'""".#|-o#^+x^^',
)


def is_unicode(stream: TextIO) -> bool:
    """Whether the stream can carry any character (not so under LANG=C)."""
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "")
    return encoding.startswith("utf")


class AsciiFallbackStream:
    """A text stream for a terminal that is not UTF-8: typographic marks become ASCII ones."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self.encoding = getattr(stream, "encoding", None) or "ascii"

    def write(self, text: str) -> int:
        return self._stream.write(text.translate(ASCII_FALLBACKS))

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()
