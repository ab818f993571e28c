"""`brief` set out for a reader: plain text, Markdown (pandoc's footnotes or citations) and
HTML, each sentence followed by its references.

Citation styles (`core.brief.CITE_STYLES`): `numbered`, a number per source, used again
wherever it is cited, and a list of references; `footnotes`, a note per sentence giving its
sources; `pandoc`, Markdown's `[@key]` with the keys `cite --format csl-json` writes, for
`pandoc --citeproc`. Every string from the data is made inert: escaped in Markdown and HTML,
its control characters made visible everywhere (`core.sanitise`).
"""

from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING

from eastsyria.core.sanitise import safe

if TYPE_CHECKING:
    from eastsyria.contract.brief import Cited
    from eastsyria.core.brief import Brief, Sentence


def _notes(made: Brief, cited: Cited, style: str) -> tuple[list[list[int]], list[list[str]]]:
    """Each sentence's note numbers, and each note's keys: a number per source
    (`numbered`), or a note per sentence (`footnotes`)."""
    marks: list[list[int]] = []
    notes: list[list[str]] = []
    for sentence in made.sentences():
        keys = cited.sentence_keys(sentence)
        if style == "footnotes":
            notes.append(keys)
            marks.append([len(notes)])
        else:
            marks.append([cited.numbers[key] for key in keys])
    if style != "footnotes":
        notes = [[key] for key in cited.numbers]
    return marks, notes


def _note_texts(notes: list[list[str]], cited: Cited) -> list[str]:
    """Each note's text: its references' lines, or "Ibid." where it cites just what the note
    before it cites (a footnote per sentence repeats its source sentence after sentence)."""
    found = []
    for index, keys in enumerate(notes):
        same = index > 0 and keys == notes[index - 1]
        found.append("Ibid." if same else " ".join(cited.texts[key] for key in keys))
    return found


def _paragraphs(made: Brief, marks: list[list[int]]) -> list[list[tuple[Sentence, list[int]]]]:
    found = []
    index = 0
    for paragraph in made.paragraphs:
        found.append([(s, marks[index + n]) for n, s in enumerate(paragraph.sentences)])
        index += len(paragraph.sentences)
    return found


def brief_text(made: Brief, cited: Cited, style: str) -> str:
    """Paragraphs, a blank line apart, each sentence followed by its numbers ('[1, 2]'),
    then the references, one a line: 'References' ('Notes' for footnotes)."""
    marks, notes = _notes(made, cited, style)
    lines = []
    for paragraph in _paragraphs(made, marks):
        told = (f"{safe(s.text)} [{', '.join(map(str, m))}]" for s, m in paragraph)
        lines += [" ".join(told), ""]
    lines.append("Notes" if style == "footnotes" else "References")
    for number, text in enumerate(_note_texts(notes, cited), 1):
        lines.append(f"[{number}] {text}")
    return "\n".join(lines)


# Markdown's punctuation that could start markup inside a paragraph; pandoc reads a
# backslash before any ASCII punctuation as the character itself.
_MARKUP = re.compile(r"([\\`*_{}\[\]<>#|^~$@&!])")
_LINE_START = re.compile(r"^([-+>:=]|\d+[.)])")


def markdown_text(text: str) -> str:
    """Data text as inert Markdown: its markup characters escaped, and what would start a
    list, quote or heading at the start of a paragraph."""
    escaped = _MARKUP.sub(r"\\\1", safe(text))
    start = _LINE_START.match(escaped)
    if start is None:
        return escaped
    mark = start.group(0)
    cut = 0 if mark[0] in "-+>:=" else len(mark) - 1
    return f"{escaped[:cut]}\\{escaped[cut:]}"


def brief_markdown(made: Brief, cited: Cited, style: str) -> str:
    """Paragraphs with pandoc footnotes ('[^1]' and its definition at the end), or with
    `pandoc` citations ('[@key; @other]') for `pandoc --citeproc`."""
    marks, notes = _notes(made, cited, style)
    blocks = []
    for paragraph in _paragraphs(made, marks):
        told = []
        for sentence, numbers in paragraph:
            if style == "pandoc":
                keys = "; ".join(f"@{key}" for key in cited.sentence_keys(sentence))
                told.append(f"{markdown_text(sentence.text)} [{keys}]")
            else:
                told.append(markdown_text(sentence.text) + "".join(f"[^{n}]" for n in numbers))
        blocks.append(" ".join(told))
    if style != "pandoc":
        blocks += [
            f"[^{n}]: {markdown_text(text)}" for n, text in enumerate(_note_texts(notes, cited), 1)
        ]
    return "\n\n".join(blocks) + "\n"


def brief_html(made: Brief, cited: Cited, style: str) -> str:
    """An HTML fragment: a `<div class="eastsyria-brief">` of paragraphs, each sentence
    followed by links to its references, then their ordered list. Every data string
    escaped."""
    marks, notes = _notes(made, cited, style)
    out = ['<div class="eastsyria-brief">']
    for paragraph in _paragraphs(made, marks):
        told = []
        for sentence, numbers in paragraph:
            links = "".join(f'<sup><a href="#brief-note-{n}">[{n}]</a></sup>' for n in numbers)
            told.append(f"{escape(safe(sentence.text))}{links}")
        out.append(f"<p>{' '.join(told)}</p>")
    heading = "Notes" if style == "footnotes" else "References"
    out.append(f'<h2 class="brief-references">{heading}</h2>')
    out.append('<ol class="brief-references">')
    for n, text in enumerate(_note_texts(notes, cited), 1):
        out.append(f'<li id="brief-note-{n}">{escape(safe(text))}</li>')
    out += ["</ol>", "</div>"]
    return "\n".join(out) + "\n"
