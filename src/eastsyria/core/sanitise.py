"""The one sanitiser: text from a data file made inert for wherever it is written.

A data file is shared ("try my dataset with --data"), so its strings are untrusted. What
must never reach a terminal, a spreadsheet or a reference manager as it is:

- C0 controls, DEL and C1 controls: ESC starts CSI and OSC sequences (colours, window
  titles, hyperlinks, clipboard writes), BEL rings, CSI (U+009B) is ESC [ in one byte;
- bidirectional embeddings, overrides, isolates and marks (U+202A–U+202E, U+2066–U+2069,
  U+200E, U+200F, U+061C): they reorder what is shown ("Trojan Source");
- line and paragraph separators, and other invisible format characters (zero-width space,
  word joiner, byte-order mark, tag characters), and lone surrogates.

The zero-width non-joiner and joiner (U+200C, U+200D) are kept: Persian and Arabic
spelling and emoji sequences need them, and they move nothing.

For people (`safe`) these become visible stand-ins; in JSON (`json_text`) they become
`\\uXXXX` escapes, which parse back to the very same string; a CSV cell (`csv_cell`) is
made visible too and, by default, cannot start a spreadsheet formula.
"""

from __future__ import annotations

import re

# The unsafe set in three parts: JSON escapes C0 controls itself, and writes characters
# outside the BMP (of which only the tag characters are unsafe) as surrogate pairs.
_C0 = "\x00-\x1f"
_IN_THE_BMP = (
    "\x7f-\x9f\u00ad\u061c\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u206f"
    "\ud800-\udfff\ufeff\ufff9-\ufffb"
)
_TAGS = "\U000e0000-\U000e007f"
UNSAFE = re.compile(f"[{_C0}{_IN_THE_BMP}{_TAGS}]")


def _stand_in(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in "\n\t":
        return " "
    if code < 0x20:
        return chr(0x2400 + code)  # ␛ for ESC, ␇ for BEL...
    if code == 0x7F:
        return "␡"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def safe(text: str) -> str:
    """`text` for people: every unsafe character shown as a visible stand-in (␛, \\u202e);
    a line break or tab becomes a space."""
    return UNSAFE.sub(_stand_in, text) if UNSAFE.search(text) else text


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


# What json.dumps(ensure_ascii=False) leaves as it is, from the unsafe set.
_UNSAFE_IN_JSON = re.compile(f"[{_IN_THE_BMP}]")
_TAG = re.compile(f"[{_TAGS}]")
_ANY_UNSAFE_IN_JSON = re.compile(f"[{_IN_THE_BMP}{_TAGS}]")


def _json_tag(match: re.Match[str]) -> str:
    code = ord(match.group()) - 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_text(dumped: str) -> str:
    """JSON text (as json.dumps writes it) with every unsafe character \\u-escaped: the same
    document, which no terminal acts on. Outside strings JSON is ASCII, so only strings change."""
    if dumped.isascii():  # known without a look (Python keeps it), so a large answer is quick
        # JSON escapes C0 controls itself: DEL is the one unsafe ASCII character it leaves.
        return dumped.replace("\x7f", "\\u007f")
    if _UNSAFE_IN_JSON.search(dumped):
        dumped = _UNSAFE_IN_JSON.sub(_json_escape, dumped)
    if _TAG.search(dumped):
        dumped = _TAG.sub(_json_tag, dumped)
    return dumped


# Above this many bytes that may start an unsafe character, `utf8_is_safe` decodes the text
# and searches it whole instead of looking at each (text in Arabic script starts many).
_MOST_LOOKS = 100_000
_leads: tuple[bytes, ...] = ()


def _unsafe_leads() -> tuple[bytes, ...]:
    """The first bytes of every unsafe character's UTF-8 (surrogates have none)."""
    global _leads  # noqa: PLW0603 - worked out on first use, then kept
    if not _leads:
        found: set[int] = set()
        for low, high in re.findall(r"(.)(?:-(.))?", f"{_IN_THE_BMP}{_TAGS}", re.DOTALL):
            for code in range(ord(low), ord(high or low) + 1):
                if not 0xD800 <= code <= 0xDFFF:
                    found.add(chr(code).encode()[0])
        _leads = tuple(bytes([lead]) for lead in sorted(found))
    return _leads


def utf8_is_safe(raw: bytes) -> bool:
    """Whether JSON text in UTF-8 has no character `json_text` would escape. Quicker than
    decoding and searching it: only the bytes that may start such a character are looked
    at, each found by a byte search (on 200 MB of JSON: 0.1 s, not 1.2)."""
    looks = 0
    for lead in _unsafe_leads():
        at = raw.find(lead)
        while at != -1:
            looks += 1
            if looks > _MOST_LOOKS:
                return not _ANY_UNSAFE_IN_JSON.search(raw.decode("utf-8", "replace"))
            if _ANY_UNSAFE_IN_JSON.match(raw[at : at + 4].decode("utf-8", "ignore")):
                return False
            at = raw.find(lead, at + 1)
    return True


# OWASP's CSV injection guidance: a cell that starts with one of these is read as a formula
# by Excel, LibreOffice and Google Sheets (tab and CR are made visible by `safe` first).
FORMULA_STARTS = "=+-@"
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def csv_cell(text: str, *, guard: bool = True) -> str:
    """A CSV cell: unsafe characters made visible, and, with `guard`, a leading apostrophe
    where the cell (after spaces) starts like a formula, unless it is a plain number."""
    text = safe(text)
    first = text.lstrip()[:1]
    if guard and first and first in FORMULA_STARTS and not _PLAIN_NUMBER.fullmatch(text.strip()):
        return "'" + text
    return text


def csv_cells(texts: list[str], *, guard: bool = True) -> list[str]:
    """`csv_cell` of each of a row's texts: where none holds an unsafe character (one search
    of them all), only a cell that starts with a formula's sign or a space is looked at."""
    if UNSAFE.search("".join(texts)):
        return [csv_cell(text, guard=guard) for text in texts]
    if not guard:
        return texts
    return [
        csv_cell(text) if text and (text[0] in FORMULA_STARTS or text[0].isspace()) else text
        for text in texts
    ]
