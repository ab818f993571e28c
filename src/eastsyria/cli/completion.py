"""Shell completion of real values, answered without Typer, pydantic, Rich or dateutil.

Every TAB press runs the whole program, so value completion (places, actors, types, event
ids...) is answered here, speaking the same protocol as the scripts Typer installs
(`eastsyria --install-completion`). Anything else (command and option names) falls through
to Typer's own completion.
"""

from __future__ import annotations

import json
import os
import re
import shlex
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from eastsyria.cli import spec
from eastsyria.core.calendar import BUCKETS
from eastsyria.core.catalog import count_events
from eastsyria.core.names import fold
from eastsyria.data import vocab
from eastsyria.output.formats import COMMAND_FORMATS, FORMATS

Candidate = tuple[str, str]  # value, short description


def _split(line: str) -> list[str]:
    """Shell words the way Click splits them: an unclosed quote keeps its partial word."""
    lexer = shlex.shlex(line, posix=True)
    lexer.whitespace_split = True
    lexer.commenters = ""
    words: list[str] = []
    try:
        for token in lexer:
            words.append(token)
    except ValueError:
        words.append(lexer.token)
    return words


def _load_plain(path: Path) -> dict[str, Any] | None:
    """The dataset for names only: the validated cache if there is one, else the raw JSON."""
    from eastsyria.data import cache

    try:
        content = path.read_bytes()
        cached = cache.lookup(cache.key_of(content))
        if cached is not None:
            return dict(cached)
        document = json.loads(content.removeprefix(b"\xef\xbb\xbf"))
    except Exception:  # noqa: BLE001 - completion must never print an error
        return None
    return document if isinstance(document, dict) else None


def _records(document: dict[str, Any], key: str) -> list[dict[str, Any]]:
    items = document.get(key)
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def _event_counts(document: dict[str, Any], field: str) -> Counter[str]:
    """Events per place or actor in a file not yet validated: malformed entries skipped."""

    def named(event: dict[str, Any]) -> list[str]:
        values = event.get(field)
        items = values if isinstance(values, list) else []
        ids = [v.get("actor") if isinstance(v, dict) else v for v in items]
        return [item for item in ids if isinstance(item, str)]

    return count_events(_records(document, "events"), named)


def _named(
    items: list[dict[str, Any]], describe: dict[str, str], incomplete: str
) -> Iterator[Candidate]:
    key = fold(incomplete)
    for item in items:
        name = str(item.get("name", ""))
        help_text = describe.get(str(item.get("id")), "")
        labels = [name, *[str(a) for a in item.get("aliases", []) or []]]
        shown = False
        for label in labels:
            if not label or not fold(label).startswith(key):
                continue
            # With nothing typed, offer names only: aliases would triple the list.
            if not key and label != name:
                continue
            yield label, (help_text if label == name else f"{name}; {help_text}")
            shown = True
        # The id is accepted too; offer it when no name fits, never a name that does not
        # start with what was typed (the shell would replace the typed word with it).
        item_id = str(item.get("id", ""))
        if not shown and key and item_id.startswith(incomplete.lower()):
            yield item_id, f"{name}; {help_text}"


# Kinds named from a collection of the data file, each described by one of its fields and
# its number of events: (collection, field).
_DESCRIBED = {"place": ("places", "kind"), "actor": ("actors", "side")}


def candidates(kind: str, incomplete: str, command: str | None, data: Path) -> list[Candidate]:
    """What may be typed for a value of `kind`, matching the prefix `incomplete`."""
    fixed: tuple[str, ...] = ()
    if kind == "type":
        fixed = vocab.EVENT_TYPES
    elif kind == "format":
        fixed = COMMAND_FORMATS.get(command or "", tuple(FORMATS))
    elif kind == "by":
        fixed = BUCKETS
    if fixed:
        return [(value, "") for value in fixed if value.startswith(incomplete.lower())]

    document = _load_plain(data)
    if document is None:
        return []
    if kind in _DESCRIBED:
        collection, about = _DESCRIBED[kind]
        items = _records(document, collection)
        counts = _event_counts(document, collection)
        describe = {
            str(item.get("id")): f"{item.get(about)}, {counts[str(item.get('id'))]} events"
            for item in items
        }
        return list(dict.fromkeys(_named(items, describe, incomplete)))
    if kind == "campaign":
        campaigns = _records(document, "campaigns")
        describe = {str(c.get("id")): str((c.get("date") or {}).get("text", "")) for c in campaigns}
        found = [
            (str(c.get("id")), str(c.get("name")))
            for c in campaigns
            if str(c.get("id")).startswith(incomplete.lower())
        ]
        return found or list(dict.fromkeys(_named(campaigns, describe, incomplete)))
    if kind == "side":
        return [
            (str(s.get("id")), str(s.get("name", "")))
            for s in _records(document, "sides")
            if fold(str(s.get("id"))).startswith(fold(incomplete))
        ]
    if kind == "event":
        return [
            (str(e.get("id")), str(e.get("title", ""))[:60])
            for e in _records(document, "events")
            if str(e.get("id")).startswith(incomplete)
        ]
    return []


# -- the protocol ------------------------------------------------------------------------------


def _target(args: list[str]) -> tuple[str | None, str | None, str | None]:
    """(command, value kind, data option) for the word being completed after `args`."""
    command = None
    data = None
    expecting: str | None = None
    positional_done = False
    for word in args:
        if expecting is not None:
            if expecting == "--data":
                data = word
            expecting = None
            continue
        if word.startswith("-"):
            name = word.split("=", 1)[0]
            if "=" in word:
                if name == "--data":
                    data = word.split("=", 1)[1]
                continue
            if name in spec.VALUE_KINDS or name in spec.FREE_VALUE_OPTIONS:
                expecting = name
            continue
        if command is None:
            command = word
        else:
            positional_done = True
    if expecting is not None:
        if expecting in spec.VALUE_KINDS:
            return command, spec.VALUE_KINDS[expecting], data
        return command, "free", data
    if command is not None and not positional_done and command in spec.POSITIONAL_KINDS:
        return command, spec.POSITIONAL_KINDS[command], data
    return command, None, data


def _bash_quote(value: str, raw_word: str) -> str:
    # Inside an open quote readline closes it for us; otherwise escape what bash splits on.
    if raw_word[:1] in ("'", '"'):
        return value
    return re.sub(r"([^\w@%+=:,./-])", r"\\\1", value)


def _zsh_escape(text: str) -> str:
    return (
        text.replace('"', '""')
        .replace("'", "''")
        .replace("$", "\\$")
        .replace("`", "\\`")
        .replace(":", r"\\:")
    )


def _args_and_incomplete(shell: str) -> tuple[list[str], str, str]:
    if shell == "bash":
        raw_words = os.environ.get("COMP_WORDS", "").split("\n")
        cword = int(os.environ.get("COMP_CWORD", "0"))
        words = _split(os.environ.get("COMP_WORDS", ""))
        raw = raw_words[cword] if cword < len(raw_words) else ""
        incomplete = words[cword] if cword < len(words) else ""
        return words[1:cword], incomplete, raw
    line = os.environ.get("_TYPER_COMPLETE_ARGS", "")
    words = _split(line)[1:]
    if words and not line.endswith(" "):
        return words[:-1], words[-1], words[-1]
    return words, "", ""


def fast_complete(out: TextIO) -> bool:
    """Answer a value completion request on `out`; False when Typer should answer instead."""
    instruction = os.environ.get(spec.COMPLETE_VAR, "")
    shell = instruction.removeprefix("complete_")
    if not instruction.startswith("complete_") or shell not in ("bash", "zsh", "fish"):
        return False
    try:
        args, incomplete, raw = _args_and_incomplete(shell)
    except ValueError:
        return False
    prefix = ""
    if incomplete.startswith("--") and "=" in incomplete:
        option, _, incomplete = incomplete.partition("=")
        args = [*args, option]
        prefix = f"{option}="
    command, kind, data_option = _target(args)
    if kind is None:
        return False
    found: list[Candidate] = []
    if kind != "free":
        from eastsyria.data.load import data_path

        found = candidates(kind, incomplete, command, data_path(data_option))
    out.write(_format(shell, found, prefix, raw))
    out.flush()
    if shell == "fish" and os.environ.get("_TYPER_COMPLETE_FISH_ACTION") == "is-args":
        # Fish asks first whether there are values at all: no values lets it offer files.
        raise SystemExit(0 if found else 1)
    return True


def _format(shell: str, found: list[Candidate], prefix: str, raw: str) -> str:
    if shell == "bash":
        return "\n".join(_bash_quote(prefix + value, raw) for value, _ in found)
    if shell == "zsh":
        if not found:
            return "_files"
        items = "\n".join(
            f'"{_zsh_escape(prefix + value)}":"{_zsh_escape(help_text)}"'
            if help_text
            else f'"{_zsh_escape(prefix + value)}"'
            for value, help_text in found
        )
        return f"_arguments '*: :(({items}))'"
    lines = []
    for value, help_text in found:
        tidy = re.sub(r"\s", " ", help_text)
        lines.append(f"{prefix}{value}\t{tidy}" if tidy else f"{prefix}{value}")
    return "\n".join(lines)
