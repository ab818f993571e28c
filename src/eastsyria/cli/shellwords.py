"""The word being completed as bash, zsh and fish see it, and replies that only extend it.

What each shell does with a reply (Typer's scripts, `eastsyria --show-completion`):

- bash assigns the reply's lines to COMPREPLY (`COMPREPLY=( $(...) )`: split at newlines,
  then expanded as file-name patterns). Readline replaces the text being completed (the word
  as typed, or what follows its open quote) with the longest common prefix of the replies
  and inserts them without quoting them. So every reply here starts with that text to the
  letter and quotes the rest for where the word stands: backslashes outside quotes, `\\$`
  inside double quotes, `'\\''` inside single ones; inside quotes a pattern character (`*`,
  `?`, `[`, the `(` of `+(`, `@(`, `!(`) steps out of the quote behind a backslash, which
  also keeps it from matching file names. Inside an open quote the listing shows plain names;
  outside quotes it shows what will be inserted.
- zsh evaluates the reply, twice: `eval $(...)`, then `_describe` reads `value:description`
  specs, dropping backslashes. Ours holds only `$'...'` strings with every byte that is not
  a letter or digit written as `\\xHH`, so no name is ever read as code; in the specs a
  backslash is doubled and the value's colons escaped, and `_describe` quotes what it
  inserts. zsh compares candidates with the word unquoted. (Typer's own zsh reply,
  `_arguments '*: :(("value":"description"))'`, leaves backslashes alone, and `_arguments`
  evaluates that list: a name ending in a backslash turned the next one into code. Every
  reply, even for what Typer completes, is written here; see `completion.fast_complete`.)
- fish reads `value<TAB>description` lines, compares them with the word unquoted and quotes
  what it inserts itself.

A word whose value the shell would still expand or split (`$`, a backquote, a glob, `(`...
outside single quotes) gets no candidates: what it stands for is not known until it runs.
Names with control characters (a newline, a tab) are never offered: no shell could take
them back as one word.
"""

from __future__ import annotations

import string
import unicodedata
from typing import NamedTuple

# Outside quotes, characters a shell may expand, split or act on; inside double quotes,
# those that still expand (and history's `!`).
_SPECIAL = frozenset("$`()<>|&;*?[]{}~!^#")
_SPECIAL_QUOTED = frozenset("$`!")
# What bash reads as itself outside quotes; anything else ASCII gets a backslash (also
# `:` and `=`, which split COMP_WORDS).
_BASH_PLAIN = frozenset(string.ascii_letters + string.digits + "_@%+,./-")
_ZSH_PLAIN = frozenset(string.ascii_letters + string.digits)


class Typed(NamedTuple):
    """One word of a command line as typed, and what the shell makes of it."""

    raw: str
    value: str  # quotes and backslashes removed: what candidates must start with
    quote: str  # the quote left open at its end: "'", '"' or ""
    text: str  # what bash's readline replaces: the raw word, or what follows its open quote
    pending: bool  # ends with a backslash that quotes the next character
    literal: bool  # nothing the shell would expand: `value` is what it stands for


def read_word(raw: str, shell: str = "bash") -> Typed:
    """`raw` as the shell reads it (fish lets `\\'` and `\\\\` through single quotes)."""
    value: list[str] = []
    quote = ""
    start = 0
    pending = False
    literal = True
    escapes_in_double = '$"\\\n' if shell == "fish" else '$`"\\\n'
    index = 0
    while index < len(raw):
        char = raw[index]
        index += 1
        if pending:
            pending = False
            if quote == '"' and char not in escapes_in_double:
                value.append("\\")
            if char != "\n":
                value.append(char)
        elif quote == "'":
            if shell == "fish" and char == "\\" and raw[index : index + 1] in ("'", "\\"):
                value.append(raw[index])
                index += 1
            elif char == "'":
                quote = ""
            else:
                value.append(char)
        elif char == "\\":
            pending = True
        elif quote == '"':
            if char == '"':
                quote = ""
            else:
                literal = literal and char not in _SPECIAL_QUOTED
                value.append(char)
        elif char in "'\"":
            quote, start = char, index
        else:
            literal = literal and char not in _SPECIAL
            value.append(char)
    text = raw[start:] if quote else raw
    return Typed(raw, "".join(value), quote, text, pending, literal)


def split_line(line: str, shell: str = "bash") -> list[str]:
    """The raw words of `line`; the last is the word under the cursor ("" after a space)."""
    words: list[str] = []
    word: list[str] = []
    quote = ""
    escaped = False
    for index, char in enumerate(line):
        if escaped:
            escaped = False
        elif char == "\\" and (
            quote != "'" or (shell == "fish" and line[index + 1 : index + 2] in ("'", "\\"))
        ):
            escaped = True
        elif quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in " \t\n":
            if word:
                words.append("".join(word))
                word = []
            continue
        word.append(char)
    words.append("".join(word))
    return words


def offerable(value: str) -> bool:
    """Whether a shell can take `value` back as one word: no control characters (nor lone
    surrogates, which no terminal can send)."""
    return not any(unicodedata.category(char) in ("Cc", "Cs") for char in value)


def _one_line(text: str) -> str:
    """A description on one line: control characters and runs of spaces become one space."""
    return " ".join("".join(" " if not offerable(c) else c for c in text).split())


def _pattern_at(text: str, index: int) -> bool:
    """Whether bash's file-name expansion reads `text[index]` as a pattern character."""
    char = text[index]
    return char in "*?[" or (char == "(" and index > 0 and text[index - 1] in "+@!")


def _bash_quote(text: str, quote: str) -> str:
    """`text` written to follow what was typed inside `quote` ("" for none)."""
    if not quote:
        return "".join(c if c in _BASH_PLAIN or not c.isascii() else f"\\{c}" for c in text)
    written = []
    for index, char in enumerate(text):
        if _pattern_at(text, index):
            written.append(f"{quote}\\{char}{quote}")
        elif quote == "'":
            written.append("'\\''" if char == "'" else char)
        elif char == "!":
            # History expansion sees `!` even inside double quotes: step out into single ones.
            written.append("\"'!'\"")
        else:
            written.append(f"\\{char}" if char in '$`"\\' else char)
    return "".join(written)


def bash_reply(typed: Typed, values: list[str]) -> list[str]:
    """What to put in COMPREPLY: each value that extends `typed`, written to extend its text."""
    replies = []
    # A pattern character typed inside quotes would match file names once in COMPREPLY.
    if typed.quote and any(_pattern_at(typed.text, i) for i in range(len(typed.text))):
        return []
    for value in values:
        if not value.startswith(typed.value) or not offerable(value):
            continue
        text, rest = typed.text, value[len(typed.value) :]
        if typed.pending:
            # The typed backslash quotes the next character: only one it may quote will do.
            if not rest or (typed.quote == '"' and rest[0] not in '$`"\\'):
                continue
            text, rest = text + rest[0], rest[1:]
        reply = text + _bash_quote(rest, typed.quote)
        # After a single match readline closes the open quote, unless the match already ends
        # with that quote character (an escaped `\\"`, a `'\\''` or a pattern character
        # stepping out of the quote and back): then the reply closes it itself.
        if typed.quote and reply.endswith(typed.quote):
            reply += typed.quote
        replies.append(reply)
    return replies


def _zsh_string(text: str) -> str:
    """`text` as a zsh `$'...'` string of letters, digits and `\\xHH` bytes only."""
    data = text.encode("utf-8", "replace")
    return "$'" + "".join(chr(b) if chr(b) in _ZSH_PLAIN else f"\\x{b:02x}" for b in data) + "'"


def zsh_reply(found: list[tuple[str, str]], what: str) -> str:
    """Code for zsh to evaluate: `_describe` the (value, description) pairs, else files."""
    if not found:
        return "_files"
    specs = []
    for value, about in found:
        spec = value.replace("\\", "\\\\").replace(":", "\\:")
        tidy = _one_line(about).replace("\\", "\\\\")
        specs.append(_zsh_string(f"{spec}:{tidy}" if tidy else spec))
    return (
        f"local -a _eastsyria_values;_eastsyria_values=({' '.join(specs)});"
        f"_describe -t values {_zsh_string(what)} _eastsyria_values"
    )


def fish_reply(found: list[tuple[str, str]]) -> str:
    """One `value<TAB>description` line a candidate."""
    lines = []
    for value, about in found:
        tidy = _one_line(about)
        lines.append(f"{value}\t{tidy}" if tidy else value)
    return "\n".join(lines)
