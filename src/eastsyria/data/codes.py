"""Short codes for event ids, as git abbreviates a commit: 'k3fq' for a long slug.

In the data layer because a store keeps them: at a million events, working them out on
every run would cost more than the query.
"""

from __future__ import annotations

from collections.abc import Iterable

# Letters and digits that cannot be misread for one another (no l, 1, o, 0).
_CODE_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"


def _code(item: str, length: int) -> str:
    try:  # the built-in BLAKE2: importing hashlib would load OpenSSL
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - Pythons built without it
        from hashlib import blake2b

    number = int.from_bytes(blake2b(item.encode(), digest_size=8).digest(), "big")
    letters = []
    for _ in range(length):
        number, index = divmod(number, len(_CODE_ALPHABET))
        letters.append(_CODE_ALPHABET[index])
    return "".join(letters)


def short_ids(ids: Iterable[str], length: int = 4) -> dict[str, str]:
    """A short code for each id.

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
            if len(items) == 1:  # a longer code never equals one given in an earlier round
                codes[items[0]] = code
            else:
                pending += items
        length += 1
    return codes
