"""Short codes for event ids, as git abbreviates a commit: 'k3fq' for a long slug.

In the data layer because a store keeps them: at a million events, working them out on
every run would cost more than the query.
"""

from __future__ import annotations

from collections.abc import Iterable

# Letters and digits that cannot be misread for one another (no l, 1, o, 0).
_CODE_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"


def _code(number: int, length: int) -> str:
    """The number's first `length` letters of _CODE_ALPHABET (32 of them: 5 bits a letter,
    lowest first)."""
    return "".join(_CODE_ALPHABET[(number >> 5 * i) & 31] for i in range(length))


def short_ids(ids: Iterable[str], length: int = 4) -> dict[str, str]:
    """A short code for each id.

    A code depends only on its id (a hash), so it stays the same while the dataset grows;
    ids whose codes collide get longer ones until each is unique. Each id is hashed once.
    """
    try:  # the built-in BLAKE2: importing hashlib would load OpenSSL
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - Pythons built without it
        from hashlib import blake2b

    numbers = {
        item: int.from_bytes(blake2b(item.encode(), digest_size=8).digest(), "big")
        for item in sorted(set(ids))
    }
    pending = list(numbers)
    codes: dict[str, str] = {}
    while pending:
        by_code: dict[str, list[str]] = {}
        for item in pending:
            by_code.setdefault(_code(numbers[item], length), []).append(item)
        pending = []
        for code, items in by_code.items():
            if len(items) == 1:  # a longer code never equals one given in an earlier round
                codes[items[0]] = code
            else:
                pending += items
        length += 1
    return codes
