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

from eastsyria.errors import DataFileError, Problem

CHUNK = 4 * 1024 * 1024
_BOM = "\ufeff"
_WHITESPACE = " \t\n\r"
_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")
_SEPARATOR = re.compile(r"[ \t\n\r]*([,\]])")


class _Reader:
    """A window on the file's text, with the line count of what was dropped before it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.stream = path.open("rb")
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.text = ""
        self.at = 0  # position in `text`
        self.dropped_lines = 0
        self.dropped_bytes = 0
        self.ended = False

    def close(self) -> None:
        self.stream.close()

    def more(self, size: int = CHUNK) -> bool:
        """Read more of the file into the window; False at its end."""
        if self.ended:
            return False
        chunk = self.stream.read(size)
        try:
            decoded = self.decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:
            offset = self.dropped_bytes + len(self.text.encode()) + exc.start
            raise DataFileError(
                f"data file {str(self.path)!r} is not UTF-8 text: byte "
                f"0x{chunk[exc.start]:02x} at byte offset {offset:,}"
            ) from None
        if not self.dropped_bytes and not self.text and decoded.startswith(_BOM):
            decoded = decoded[1:]
        if self.at > CHUNK:  # drop what has been read, counting its lines
            done = self.text[: self.at]
            self.dropped_lines += done.count("\n")
            self.dropped_bytes += len(done.encode())
            self.text, self.at = self.text[self.at :], 0
        self.text += decoded
        self.ended = not chunk
        return bool(chunk) or bool(decoded)

    def where(self, at: int) -> tuple[int, int]:
        line = self.dropped_lines + self.text.count("\n", 0, at) + 1
        column = at - (self.text.rfind("\n", 0, at) + 1) + 1
        return line, column

    def fail(self, message: str, at: int | None = None) -> DataFileError:
        line, column = self.where(self.at if at is None else at)
        return DataFileError(
            f"data file {str(self.path)!r} is not valid JSON: {message} "
            f"at line {line}, column {column}",
            [Problem(f"line {line}, column {column}", message)],
        )

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
                raise DataFileError(f"data file {str(self.path)!r} is nested too deeply") from None
            # A number cut by the chunk's end ("12" of "123") decodes without error.
            cut = end == len(self.text) and not isinstance(found, (dict, list))
            if cut and not self.ended and self.more(size):
                continue
            self.at = end
            return found


def read_document(
    path: Path, document: dict[str, Any], on_event: Callable[[int, Any], None]
) -> Any:
    """Fill `document` with every top-level key of the data file but `events`, whose items
    go to `on_event(index, item)` one at a time as they are read (what was read before them
    is in `document` by then). Returns `document`, or the value the file holds when it is
    not a JSON object. An `events` that is not an array is kept in `document` as it is."""
    reader = _Reader(path)
    try:
        if reader.peek() != "{":
            if reader.peek() == "":
                raise DataFileError(f"data file {str(path)!r} is empty")
            return reader.value()
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
                if key in document or (key == "events" and streamed):
                    raise reader.fail(f"the key {key!r} is given twice")
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
        except (json.JSONDecodeError, RecursionError):
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
