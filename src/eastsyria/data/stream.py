"""Reading a data file as a stream: the top-level object key by key, events one at a time.

A million-event file is 800 MB of JSON; `json.loads` of it holds the text, the parse tree
and (after validation) the models at once, 11 GB. Here the file is read in chunks and each
top-level value is decoded on its own with `json.JSONDecoder.raw_decode` (the C decoder), so
at any time only one chunk, the small collections (places, actors, ...) and one event are
held. A value cut by the end of a chunk is decoded again once more of the file is read.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eastsyria.data.load import (
    empty,
    line_and_column,
    not_json,
    not_utf8,
    number_too_long,
    too_deep,
    unreadable,
)
from eastsyria.errors import DataFileError

CHUNK = 4 * 1024 * 1024
_BOM = "\ufeff"
_WHITESPACE = " \t\n\r"
_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")
_SEPARATOR = re.compile(r"[ \t\n\r]*([,\]])")


class _Reader:
    """A window on the file's text, with where in the file the window begins."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.stream = path.open("rb")
        except OSError as exc:
            raise unreadable(path, exc) from None
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.text = ""
        self.at = 0  # position in `text`
        # What was dropped before the window: its lines, and its last line's characters.
        self.dropped_lines = 0
        self.dropped_tail = 0
        self.begun = False  # whether any text was read: a byte-order mark can only lead it
        self.ended = False

    def close(self) -> None:
        self.stream.close()

    def more(self, size: int | None = None) -> bool:
        """Read more of the file into the window (CHUNK, or `size`); False at its end."""
        if self.ended:
            return False
        try:
            chunk = self.stream.read(CHUNK if size is None else size)
        except OSError as exc:
            raise unreadable(self.path, exc) from None
        held = self.decoder.getstate()[0]  # the start of a character cut by the last chunk
        try:
            decoded = self.decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:
            raise self._not_utf8(held + chunk, exc.start) from None
        self.ended = not chunk
        if not decoded:  # the window is left as it was: a caller's positions still hold
            return bool(chunk)
        if not self.begun:
            self.begun = True
            decoded = decoded.removeprefix(_BOM)
        if self.at > CHUNK:  # drop what has been read, counting its lines
            done = self.text[: self.at]
            lines = done.count("\n")
            self.dropped_lines += lines
            self.dropped_tail = (
                len(done) - done.rfind("\n") - 1 if lines else (self.dropped_tail + len(done))
            )
            self.text, self.at = self.text[self.at :], 0
        self.text += decoded
        return True

    def _not_utf8(self, data: bytes, bad: int) -> DataFileError:
        """`data` (the bytes the decoder was given) breaks at `bad`: where that is in the text."""
        before = self.text + data[:bad].decode("utf-8")
        if not self.begun:
            before = before.removeprefix(_BOM)
        return not_utf8(self.path, data[bad], *self.where(len(before), before))

    def where(self, at: int, text: str | None = None) -> tuple[int, int]:
        """The line and column in the file of `at` in the window (or in `text`, which
        begins where the window does)."""
        within = self.text if text is None else text
        return line_and_column(within, at, (self.dropped_lines, self.dropped_tail))

    def fail(self, message: str, at: int | None = None) -> DataFileError:
        found = not_json(self.path, message, *self.where(self.at if at is None else at))
        self.check_rest_is_utf8()
        return found

    def check_rest_is_utf8(self) -> None:
        """Raise the not-UTF-8 error of a bad byte anywhere after the window, before any
        error of what the window holds: the whole file is decoded before it is parsed, so a
        file that is not UTF-8 is said to be that, wherever its bad byte is. Read on without
        keeping the text, counting its lines."""
        lines, tail = line_and_column(self.text, len(self.text), self._dropped())
        while not self.ended:
            try:
                chunk = self.stream.read(CHUNK)
            except OSError as exc:
                raise unreadable(self.path, exc) from None
            held = self.decoder.getstate()[0]
            try:
                decoded = self.decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                data = held + chunk
                before = data[: exc.start].decode("utf-8")
                line, column = line_and_column(before, len(before), (lines - 1, tail - 1))
                raise not_utf8(self.path, data[exc.start], line, column) from None
            self.ended = not chunk
            lines, tail = line_and_column(decoded, len(decoded), (lines - 1, tail - 1))

    def _dropped(self) -> tuple[int, int]:
        return self.dropped_lines, self.dropped_tail

    def peek(self) -> str:
        """The next character that is not white space ('' at the end of the file)."""
        while True:
            text, at = self.text, self.at
            while at < len(text) and text[at] in _WHITESPACE:
                at += 1
            self.at = at
            if at < len(text):
                return text[at]
            if not self.more():
                return ""

    def expect(self, characters: str, what: str) -> str:
        found = self.peek()
        if found == "" or found not in characters:
            raise self.fail(f"Expecting {what}")
        self.at += 1
        return found

    def value(self) -> Any:
        """The JSON value at the current position, read on until it is whole."""
        self.peek()
        size = CHUNK
        while True:
            try:
                found, end = _DECODER.raw_decode(self.text, self.at)
            except json.JSONDecodeError as exc:
                if self.more(size):
                    size *= 2  # a value longer than a chunk is decoded again a few times
                    continue
                raise self.fail(exc.msg, exc.pos) from None
            except RecursionError:
                self.check_rest_is_utf8()
                raise too_deep(self.path) from None
            except ValueError:  # an integer of more digits than Python converts
                if self.more(size):
                    size *= 2
                    continue
                self.check_rest_is_utf8()
                raise number_too_long(self.path) from None
            # A number cut by the chunk's end ("12" of "123") decodes without error.
            cut = end == len(self.text) and not isinstance(found, (dict, list))
            if cut and not self.ended and self.more(size):
                continue
            self.at = end
            return found


def read_document(
    path: Path,
    document: dict[str, Any],
    on_event: Callable[[int, Any], None],
    on_events_again: Callable[[], None] | None = None,
) -> Any:
    """Fill `document` with every top-level key of the data file but `events`, whose items
    go to `on_event(index, item)` one at a time as they are read (what was read before them
    is in `document` by then). Returns `document`, or the value the file holds when it is
    not a JSON object. An `events` that is not an array is kept in `document` as it is.

    A key given twice is read as `json.loads` reads it, the last value kept: `events` given
    again first calls `on_events_again` (the events handed on so far are not the file's)."""
    reader = _Reader(path)
    try:
        first = reader.peek()
        if first == "":
            raise empty(path)
        if first == _BOM and reader.at == 0:  # a second mark: json.loads refuses it too
            raise reader.fail("Unexpected UTF-8 BOM (decode using utf-8-sig)", 0)
        if first != "{":
            value = reader.value()
            if reader.peek() != "":
                raise reader.fail("Extra data")
            return value
        reader.at += 1
        streamed = False
        if reader.peek() == "}":
            reader.at += 1
        else:
            while True:
                if reader.peek() != '"':
                    raise reader.fail("Expecting property name enclosed in double quotes")
                key = reader.value()
                reader.expect(":", "':' delimiter")
                if key == "events" and (streamed or key in document):
                    document.pop(key, None)
                    if streamed and on_events_again is not None:
                        on_events_again()
                    streamed = False
                if key == "events" and reader.peek() == "[":
                    _events(reader, on_event)
                    streamed = True
                else:
                    document[key] = reader.value()
                if reader.expect(",}", "',' delimiter") == "}":
                    break
        if reader.peek() != "":
            raise reader.fail("Extra data")
        return document
    finally:
        reader.close()


def _events(reader: _Reader, on_event: Callable[[int, Any], None]) -> None:
    """Hand each item of the events array on.

    Most items lie wholly inside the window: those are decoded here directly, a million
    times; one cut by the window's end, or broken, goes the careful way (`_Reader.value`)."""
    reader.at += 1  # the '['
    if reader.peek() == "]":
        reader.at += 1
        return
    decode, space, separator = _DECODER.raw_decode, _SPACE.match, _SEPARATOR.match
    index = 0
    while True:
        text = reader.text
        blank = space(text, reader.at)  # always matches, if only nothing
        try:
            item, end = decode(text, blank.end() if blank else reader.at)
        except (ValueError, RecursionError):  # read again the careful way, to say where
            end = len(text)
        if end < len(text):
            reader.at = end
        else:
            item = reader.value()
        on_event(index, item)
        index += 1
        found = separator(reader.text, reader.at)
        if found is not None:
            reader.at = found.end()
            ended = found.group(1) == "]"
        else:
            ended = reader.expect(",]", "',' delimiter") == "]"
        if ended:
            return
