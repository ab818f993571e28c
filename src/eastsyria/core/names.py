"""Matching what people type against names and aliases, and suggesting fixes."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

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


# Letters and digits that cannot be misread for one another (no l, 1, o, 0).
_CODE_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"


def _code(item: str, length: int) -> str:
    import hashlib  # only where short ids are shown

    number = int.from_bytes(hashlib.blake2b(item.encode(), digest_size=8).digest(), "big")
    letters = []
    for _ in range(length):
        number, index = divmod(number, len(_CODE_ALPHABET))
        letters.append(_CODE_ALPHABET[index])
    return "".join(letters)


def short_ids(ids: Iterable[str], length: int = 4) -> dict[str, str]:
    """A short code for each id, as git abbreviates a commit: 'k3fq' for a long slug.

    A code depends only on its id (a hash), so it stays the same while the dataset grows;
    ids whose codes collide get longer ones until each is unique.
    """
    pending = sorted(set(ids))
    codes: dict[str, str] = {}
    while pending:
        by_code: dict[str, list[str]] = {}
        for item in pending:
            by_code.setdefault(_code(item, length), []).append(item)
        pending = []
        for code, items in by_code.items():
            if len(items) == 1 and code not in codes.values():
                codes[items[0]] = code
            else:
                pending += items
        length += 1
    return codes
