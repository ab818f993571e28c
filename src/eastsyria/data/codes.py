"""Short codes for event ids, as git abbreviates a commit: 'k3fq' for a long slug.

In the data layer because a store keeps them: at a million events, working them out on
every run would cost more than the query. The algorithm (`short_ids`) is the one place
codes are made; a store keeps each id's `shortest_code` and runs it on the few ids that
share one.
"""

from __future__ import annotations

from collections.abc import Iterable

try:  # the built-in BLAKE2: importing hashlib would load OpenSSL
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - Pythons built without it
    from hashlib import blake2b

# Letters and digits that cannot be misread for one another (no l, 1, o, 0).
_CODE_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"


def _code(number: int, length: int) -> str:
    """The number's first `length` letters of _CODE_ALPHABET (32 of them: 5 bits a letter,
    lowest first)."""
    return "".join(_CODE_ALPHABET[(number >> 5 * i) & 31] for i in range(length))


SHORTEST = 4


def _number(item: str) -> int:
    return int.from_bytes(blake2b(item.encode(), digest_size=8).digest(), "big")


def shortest_code(item: str) -> str:
    """The code an id has unless another id's starts the same: a longer code starts with its
    shorter one, so ids whose codes collide are only ever told apart among themselves (a
    store keeps this one, and works out the longer ones for the few that share it)."""
    number = _number(item)
    letters = _CODE_ALPHABET
    return (
        letters[number & 31]
        + letters[(number >> 5) & 31]
        + letters[(number >> 10) & 31]
        + letters[(number >> 15) & 31]
    )


def short_ids(ids: Iterable[str], length: int = SHORTEST) -> dict[str, str]:
    """A short code for each id.

    A code depends only on its id (a hash), so it stays the same while the dataset grows;
    ids whose codes collide get longer ones until each is unique. Each id is hashed once.
    """
    numbers = {item: _number(item) for item in sorted(set(ids))}
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
