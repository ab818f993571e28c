"""Matching what people type against names and aliases, and suggesting fixes."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

# Apostrophes and ayn/hamza marks are dropped, hyphens and spaces ignored, so that
# "Al-Qa'im", "al qaim" and "AL-QA’IM" all fold to "alqaim".
_DROPPED = str.maketrans("", "", "'’‘`´ʿʾ-–—_. ,\t")
# In running text only the marks go: "Abu Kamal's" is searched as "abu kamals".
_MARKS = str.maketrans("", "", "'’‘`´ʿʾ")


def _unaccented(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """The matching key of a name: case, accents, apostrophes, hyphens and spaces removed."""
    return _unaccented(text).casefold().translate(_DROPPED)


def fold_words(text: str) -> str:
    """Like `fold`, but keeps word boundaries: for searching in titles and summaries."""
    lowered = _unaccented(text).casefold().translate(_MARKS)
    return " ".join("".join(ch if ch.isalnum() else " " for ch in lowered).split())


def suggest(value: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """The closest candidate names to a misspelt value, best first."""
    import difflib  # only on the error path

    by_key: dict[str, str] = {}
    for name in candidates:
        by_key.setdefault(fold(name), name)
    key = fold(value)
    close = difflib.get_close_matches(key, list(by_key), n=limit)
    if not close and key:
        close = [k for k in by_key if k.startswith(key) or key in k][:limit]
    return list(dict.fromkeys(by_key[k] for k in close))


def did_you_mean(suggestions: list[str]) -> str:
    if not suggestions:
        return ""
    quoted = [f"'{name}'" for name in suggestions]
    listed = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"
    return f"; did you mean {listed}?"


# How closely a spelling must start with what was typed, strictest first: as typed, whatever
# the case, then as `fold` compares names (case, accents, apostrophes, hyphens, spaces).
MATCHES = ("exact", "case", "fold")


def continued(typed: str, label: str, match: str = "fold") -> str | None:
    """`label` continued from `typed`: what was typed, then the rest of `label`; None when
    `label` does not start with `typed` under `match`.

    The result always starts with `typed` as it was typed ("abu k" gives "abu kamal" for
    "Abu Kamal") and folds like `label`, so it names the same thing.
    """
    if match == "exact":
        return label if label.startswith(typed) else None
    compare = str.casefold if match == "case" else fold
    key = compare(typed)
    if typed and not key:
        return None  # only marks typed ("-"): nothing to go by
    if not compare(label).startswith(key):
        return None
    # Where `label` stops matching: just after the last character typed; when what was
    # typed ends in a mark that `fold` ignores ("deir-"), after the label's own marks too.
    greedy = bool(typed) and not compare(typed[-1])
    cut: int | None = None
    for end in range(len(label) + 1):
        folded = compare(label[:end])
        if folded == key:
            cut = end
            if not greedy:
                break
        elif cut is not None or not key.startswith(folded):
            break
    return None if cut is None else typed + label[cut:]


def completions(
    typed: str, spellings: Iterable[Sequence[str]], loosest: str = "fold", own: int = 1
) -> list[tuple[int, int, str]]:
    """What TAB offers for `typed` among items, each given as its spellings (its own first,
    then its aliases): (item, spelling, that spelling continued from `typed`).

    The strictest match that finds anything wins, as zsh's usual `matcher-list` tries exact
    matches before case-insensitive ones: "Abu K" offers "Abu Kamal", and "abu k" offers
    "abu kamal" only because nothing starts with "abu k" as typed. An item offers the first
    of its `own` leading spellings that fits (its name), else those of its aliases that do:
    "Abu" offers "Abu Kamal" and not also its alias "Abukamal"; "Albu" offers "Albu Kamal".
    """
    items = [[label for label in labels if label] for labels in spellings]
    for match in MATCHES[: MATCHES.index(loosest) + 1]:
        found: list[tuple[int, int, str]] = []
        for index, labels in enumerate(items):
            fits = [(at, continued(typed, label, match)) for at, label in enumerate(labels)]
            offered = [(index, at, text) for at, text in fits if text is not None]
            found.extend(offered[:1] if offered and offered[0][1] < own else offered)
        if found:
            return found
    return []
