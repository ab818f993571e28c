"""The one sanitiser: what a shared data file's text may not carry to a terminal, a JSON reader
or a spreadsheet, and the visible or escaped form each unsafe character takes."""

from __future__ import annotations

import json
from typing import Any

import pytest

from eastsyria.core import sanitise
from eastsyria.core.sanitise import (
    FORMULA_STARTS,
    UNSAFE,
    csv_cell,
    csv_cells,
    json_text,
    safe,
    utf8_is_safe,
)

# Every kind of unsafe character outside C0, at both ends of each range.
ESCAPED = [
    "\x80",
    "\x9b",  # CSI in one byte
    "\x9f",
    "\u00ad",  # soft hyphen
    "\u061c",  # Arabic letter mark
    "\u180e",
    "\u200b",  # zero-width space
    "\u200e",
    "\u200f",
    "\u2028",  # line separator
    "\u2029",
    "\u202a",
    "\u202e",  # right-to-left override
    "\u2060",  # word joiner
    "\u2066",
    "\u2069",
    "\u206f",
    "\ud800",  # lone surrogates
    "\udfff",
    "\ufeff",  # byte-order mark
    "\ufff9",
    "\ufffb",
]
TAGS = ["\U000e0000", "\U000e0041", "\U000e007f"]
# Characters next to the unsafe ranges, and the joiners Persian and Arabic spelling need.
KEPT = [
    "\u00a0",
    "\u00ac",
    "\u00ae",
    "\u061b",
    "\u200c",
    "\u200d",
    "\u202f",
    "\u205f",
    "\u2070",
    "\ufffc",
    "\U000e0080",
    "é",
    "دير الزور",
]


# -- safe: for people -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[31mred", "\u241b[31mred"),  # ␛: the escape shown, never acted on
        ("\x07", "\u2407"),  # ␇
        ("\x00", "\u2400"),  # ␀
        ("\x1f", "\u241f"),
        ("\r", "\u240d"),
        ("\x7f", "\u2421"),  # ␡
        ("a\nb\tc", "a b c"),
    ],
)
def test_controls_are_shown_as_their_pictures_and_breaks_as_spaces(raw: str, shown: str) -> None:
    assert safe(raw) == shown


@pytest.mark.parametrize("char", ESCAPED)
def test_other_unsafe_characters_are_shown_as_their_code(char: str) -> None:
    assert safe(f"a{char}b") == f"a\\u{ord(char):04x}b"


@pytest.mark.parametrize("char", TAGS)
def test_tag_characters_are_shown_as_their_long_code(char: str) -> None:
    assert safe(char) == f"\\U{ord(char):08x}"


@pytest.mark.parametrize("char", KEPT)
def test_characters_that_move_nothing_are_kept(char: str) -> None:
    assert safe(f"Hajin {char} x") == f"Hajin {char} x"


def test_every_unsafe_character_of_a_text_is_shown() -> None:
    assert safe("\u202eab\x1b\u202e") == "\\u202eab\u241b\\u202e"


# -- json_text: for JSON readers ----------------------------------------------------------------


def dumped(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


@pytest.mark.parametrize("char", [*ESCAPED[:17], "\ufeff", "\ufff9", "\ufffb", "\x7f"])
def test_json_escapes_each_unsafe_character_as_json_would_in_ascii(char: str) -> None:
    # In a text with other non-ASCII letters, as in one of plain ASCII.
    for text in (f"é{char}", f"a{char}"):
        written = json_text(dumped(text))
        assert written == json.dumps(text, ensure_ascii=True).replace("\\u00e9", "é")
        assert json.loads(written) == text


@pytest.mark.parametrize("char", TAGS)
def test_json_writes_a_tag_character_as_its_surrogate_pair(char: str) -> None:
    written = json_text(dumped(f"é{char}"))
    assert written == '"é' + json.dumps(char)[1:]
    assert json.loads(written) == f"é{char}"


def test_a_tag_character_is_escaped_as_the_pair_worked_out_by_hand() -> None:
    # U+E0041: 0xE0041 - 0x10000 = 0xD0041; its top ten bits 0x340, its low ten 0x041.
    assert json_text(dumped("\U000e0041")) == '"\\udb40\\udc41"'


def test_json_keeps_safe_text_and_what_json_escapes_itself() -> None:
    for text in KEPT:
        assert json_text(dumped(text)) == dumped(text)
    assert json_text(dumped("a\x1bb")) == '"a\\u001bb"'
    assert json_text(dumped("é\u202e\u202e\U000e0001")) == '"é\\u202e\\u202e\\udb40\\udc01"'


# -- utf8_is_safe: the quick look at a JSON file ------------------------------------------------


@pytest.mark.parametrize("char", [*ESCAPED[:17], "\ufeff", "\ufff9", "\ufffb", "\x7f", *TAGS])
def test_utf8_with_any_unsafe_character_is_not_safe(char: str) -> None:
    assert not utf8_is_safe(dumped(f"é\u00a0{char} end").encode())


@pytest.mark.parametrize("char", KEPT)
def test_utf8_with_only_safe_characters_is_safe(char: str) -> None:
    assert utf8_is_safe(dumped(f"{char} and {char}").encode())


def test_utf8_of_plain_ascii_is_safe() -> None:
    assert utf8_is_safe(b'{"name": "Hajin", "note": "a\\u001bb"}')
    assert utf8_is_safe(b"")


def test_a_very_long_text_is_searched_whole_with_the_same_answer() -> None:
    # Each no-break space starts with a byte an unsafe character may start with.
    many = "\u00a0" * 100_001
    assert utf8_is_safe(many.encode())
    assert not utf8_is_safe((many + "\u202e").encode())
    assert not utf8_is_safe(("\u202e" + many).encode())


# -- csv_cell: for spreadsheets -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+cmd", "'+cmd"),
        ("-cmd", "'-cmd"),
        ("@cmd", "'@cmd"),
        ("  =1+1", "'  =1+1"),
        ("\t=1", "' =1"),  # the tab is made visible first: a space
        ("=1", "'=1"),
        ("+1.5.2", "'+1.5.2"),
        ("-", "'-"),
    ],
)
def test_a_cell_that_starts_like_a_formula_is_quoted(text: str, cell: str) -> None:
    assert csv_cell(text) == cell


@pytest.mark.parametrize("text", ["", "Hajin", "1-2", "-3", "+12", "-3.5", " -3 ", "a=b", "'=x"])
def test_plain_text_and_plain_numbers_are_left_alone(text: str) -> None:
    assert csv_cell(text) == text


def test_a_cell_is_made_safe_and_unguarded_when_asked() -> None:
    assert csv_cell("=a\x1b") == "'=a\u241b"
    assert csv_cell("=SUM(A1)", guard=False) == "=SUM(A1)"
    assert csv_cell("a\u202e", guard=False) == "a\\u202e"
    assert FORMULA_STARTS == "=+-@"


# Every cell of the tests above, and a space that is not ' ' before a sign.
_CELLS = ["=SUM(A1:A9)", "+cmd", "-cmd", "@cmd", "  =1+1", "\t=1", "+1.5.2", "-", "", "Hajin"]
_CELLS += ["1-2", "-3", "+12", "-3.5", " -3 ", "a=b", "'=x", "\xa0=1", "\u3000+1", " ", "=a\x1b"]


@pytest.mark.parametrize("guard", [True, False])
def test_a_rows_cells_are_each_what_csv_cell_makes_of_it(guard: bool) -> None:
    for cells in ([cell] for cell in _CELLS):
        assert csv_cells(cells, guard=guard) == [csv_cell(cells[0], guard=guard)]
    safe_cells = [cell for cell in _CELLS if not UNSAFE.search(cell)]
    for row in (_CELLS, safe_cells, safe_cells[::-1]):
        assert csv_cells(list(row), guard=guard) == [csv_cell(c, guard=guard) for c in row]


# -- utf8_is_safe looks only where an unsafe character may start -------------------------------


class _SearchWhole:
    """The pattern `utf8_is_safe` uses, counting the times it falls back to a whole search."""

    def __init__(self, pattern: Any) -> None:
        self.pattern = pattern
        self.searched = 0

    def match(self, text: str) -> Any:
        return self.pattern.match(text)

    def search(self, text: str) -> Any:
        self.searched += 1
        return self.pattern.search(text)


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> _SearchWhole:
    """The lead bytes worked out anew, and every whole search counted."""
    monkeypatch.setattr(sanitise, "_leads", ())
    spy = _SearchWhole(sanitise._ANY_UNSAFE_IN_JSON)
    monkeypatch.setattr(sanitise, "_ANY_UNSAFE_IN_JSON", spy)
    return spy


def test_the_first_bytes_of_every_unsafe_character(fresh: _SearchWhole) -> None:
    # DEL; C1 controls and the soft hyphen (C2 xx); the Arabic letter mark (D8 9C); U+180E
    # (E1); the marks, separators and isolates of U+200B-U+206F (E2); the byte-order mark and
    # U+FFF9-U+FFFB (EF); the tag characters (F3). Surrogates have no UTF-8.
    assert sanitise._unsafe_leads() == (
        b"\x7f",
        b"\xc2",
        b"\xd8",
        b"\xe1",
        b"\xe2",
        b"\xef",
        b"\xf3",
    )


@pytest.mark.parametrize("char", [*ESCAPED[:17], "\ufeff", "\ufff9", "\ufffb", "\x7f", *TAGS])
def test_an_unsafe_character_is_found_among_others_of_its_first_byte(
    char: str, fresh: _SearchWhole
) -> None:
    # Safe characters that start with the same byte, before it and after it.
    same_lead = chr(0xA0) if char <= "\u00ff" else chr(0x2070) if char < "\uf000" else "\ufffc"
    neighbours = same_lead * 3
    assert not utf8_is_safe(f"{neighbours}{char}{neighbours}".encode())
    assert not utf8_is_safe(f"{char}{neighbours}".encode())
    assert utf8_is_safe(f"{neighbours}x{neighbours}".encode())
    assert fresh.searched == 0  # each found by looking at its first byte, never a whole search


def test_only_past_a_hundred_thousand_looks_is_the_text_searched_whole(
    fresh: _SearchWhole,
) -> None:
    assert utf8_is_safe(("\u00a0" * 100_000).encode())
    assert fresh.searched == 0
    assert utf8_is_safe(("\u00a0" * 100_001).encode())
    assert fresh.searched == 1


def test_a_long_text_with_bytes_that_are_not_utf8_is_still_looked_through() -> None:
    raw = "\u00a0".encode() * 100_001
    assert utf8_is_safe(raw + b"\xff")
    assert not utf8_is_safe(raw + b"\xff" + "\u202e".encode())
