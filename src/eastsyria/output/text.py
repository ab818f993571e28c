"""Text from the data file made safe for a terminal, and terminals that are not UTF-8."""

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


def safe(text: str) -> str:
    """Data text made inert: control characters (ESC, BEL, C1...) shown as visible symbols."""
    if text.isprintable():
        return text
    out: list[str] = []
    for ch in text:
        code = ord(ch)
        if ch in "\n\t":
            out.append(" ")
        elif code < 0x20:
            out.append(chr(0x2400 + code))
        elif code == 0x7F:
            out.append("␡")
        elif 0x80 <= code < 0xA0 or not ch.isprintable():
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)
