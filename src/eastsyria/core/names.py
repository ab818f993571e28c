"""Matching what people type against names and aliases, and suggesting fixes."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import difflib

# Apostrophes and ayn/hamza marks are dropped, hyphens and spaces ignored, so that
# "Al-Qa'im", "al qaim" and "AL-QA’IM" all fold to "alqaim".
_DROPPED = str.maketrans("", "", "'’‘`´ʿʾ-–—_. ,\t")
# In running text only the marks go: "Abu Kamal's" is searched as "abu kamals".
_MARKS = str.maketrans("", "", "'’‘`´ʿʾ")

# Arabic script: its block, supplement, extended block and presentation forms.
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
# What Arabic writes in more than one way, written one way (None: dropped). The short
# vowels and other marks over or under a letter (harakat, shadda, sukun, the dagger alef,
# the Quranic marks) and the tatweel that only stretches a word go; alef with hamza or
# madda and alef wasla are alef, waw and yeh with hamza are waw and yeh, alef maksura is
# yeh, taa marbuta is heh, the Persian yeh and kaf are the Arabic ones, and Arabic-Indic
# digits are 0-9: "أبو كمال" is "ابو كمال", and "الْمَيَادِين", vowels marked, is "الميادين".
_ARABIC_FOLD: dict[int, str | None] = {
    **dict.fromkeys([*range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE), 0x0640]),
    **dict.fromkeys(map(ord, "أإآٱ"), "ا"),
    **{ord(letter): plain for letter, plain in zip("ؤئىةیک", "وييهيك", strict=True)},
    **{first + digit: str(digit) for first in (0x0660, 0x06F0) for digit in range(10)},
}
# The article ال where a word starts is dropped when two letters or more follow it, so
# that "البوكمال", "البو كمال" and "بوكمال" are one name; but not from الله (God, as in
# حزب الله), whose ال is its own. The same rule reads names and what is typed.
_ARTICLE = re.compile(r"(?<!\w)ال(?=\w\w)(?!له(?!\w))")
# The end of a word the article rule may yet change as letters are added: "ا", "ال" and
# "الب" keep their alef and lam, "البو" does not; nor does "اللهم", after "الله".
_OPEN_ARTICLE = re.compile(r"(?<!\w)(?:ا|ال\w?|الله)\Z")


def _arabic(text: str) -> str:
    """Arabic script in `text` written one way (`_ARABIC_FOLD`, `_ARTICLE`)."""
    # NFKC first: a letter's presentation forms become the letter, and a hamza typed after
    # its alef joins it (ا + ٔ is أ), before marks are dropped and letters replaced.
    return _ARTICLE.sub("", unicodedata.normalize("NFKC", text).translate(_ARABIC_FOLD))


def _unaccented(text: str) -> str:
    if text.isascii():
        # Nothing to decompose: the common case, and much cheaper over many names.
        return text
    if _ARABIC.search(text):
        text = _arabic(text)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _article_open(text: str) -> bool:
    """Whether `text` ends in a word whose article `fold` may drop once more letters follow
    ("الب", kept, before "البوكمال", dropped): its fold is then not the start of theirs."""
    return not text.isascii() and _OPEN_ARTICLE.search(_arabic(text)) is not None


def arabic_name(names: Iterable[str]) -> str | None:
    """The first of `names` in Arabic script: a place's Arabic name among its aliases."""
    return next((name for name in names if _ARABIC.search(name)), None)


def fold(text: str) -> str:
    """The matching key of a name: case, accents, apostrophes, hyphens and spaces removed,
    and Arabic script written one way (vowel marks, hamza forms, the article: `_arabic`)."""
    return _unaccented(text).casefold().translate(_DROPPED)


# What is not a letter or a digit (str.isalnum): the regular expression engine's \w is
# exactly isalnum() or "_", so this finds what separates words without a Python loop.
_NOT_WORD = re.compile(r"[\W_]+")


def fold_words(text: str) -> str:
    """Like `fold`, but keeps word boundaries: for searching in titles and summaries."""
    lowered = _unaccented(text).casefold().translate(_MARKS)
    return _NOT_WORD.sub(" ", lowered).strip()


# When a typed value is offered a name (difflib's ratio between folded spellings):
# - it is a prefix: at least 3 characters that start the name ("deir"), or words that start
#   words of the name ("zor gov", "russia", "soleimani");
# - or it is close to the whole name: a ratio of 0.7 if both start with the same letter, 0.8
#   if not. "Abu Kemal" is 0.88 from "Abu Kamal", "Mayadeen" 0.80 from "Mayadin", "Hajeen"
#   0.73 from "Hajin"; but "Raqqa" is 0.67 from "Iraq", with another first letter, and
#   "Aleppo offensive" 0.69 from "Abu Kamal offensive": difflib's own cutoff, 0.6, offered
#   them both;
# - or it is close to one word of the name, 0.8: "Suleimani" is 0.89 from "Soleimani", but
#   "Iran" only 0.75 from "Iraq" in "Islamic State of Iraq and the Levant".
# Only the best of these three kinds of match is offered: a misspelt whole name ("البوكمل")
# is offered Abu Kamal, not also every name with a word like it (ريف البوكمال, its
# countryside).
_PREFIX_MIN = 3
_CLOSE_SAME_START = 0.7
_CLOSE_OTHER_START = 0.8
_CLOSE_WORD = 0.8


# The kinds of match, best first (the rule above).
_PREFIX, _WHOLE, _WORD = 2, 1, 0


def _ratio(matcher: difflib.SequenceMatcher[str], target: str, cutoff: float) -> float | None:
    """difflib's ratio of `target` to the typed key (the matcher's second sequence), or None
    below `cutoff`."""
    matcher.set_seq1(target)
    # The cheap upper bounds first, as difflib.get_close_matches does.
    if matcher.real_quick_ratio() < cutoff or matcher.quick_ratio() < cutoff:
        return None
    ratio = matcher.ratio()
    return ratio if ratio >= cutoff else None


def _closeness(
    matcher: difflib.SequenceMatcher[str], key: str, typed_words: list[str], folded: str, name: str
) -> tuple[int, float] | None:
    """How the folded `key` matches `name` (folded: `folded`) by the rule above: its kind of
    match and, within the kind, the ratio (1.0 for a prefix); None when it does not."""
    words = fold_words(name).split()
    if len(key) >= _PREFIX_MIN and (
        folded.startswith(key)
        or (typed_words and all(any(w.startswith(t) for w in words) for t in typed_words))
    ):
        return _PREFIX, 1.0
    cutoff = _CLOSE_SAME_START if folded[:1] == key[:1] else _CLOSE_OTHER_START
    whole = _ratio(matcher, folded, cutoff)
    if whole is not None:
        return _WHOLE, whole
    near = [ratio for word in words if (ratio := _ratio(matcher, word, _CLOSE_WORD)) is not None]
    return (_WORD, max(near)) if near else None


def suggest(value: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """The names closest to a misspelt value, best first (ties in the order given), all of
    the best kind of match that any name makes."""
    import difflib  # only on the error path

    by_key: dict[str, str] = {}
    for name in candidates:
        by_key.setdefault(fold(name), name)
    key = fold(value)
    if not key:
        return []
    matcher: difflib.SequenceMatcher[str] = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(key)
    typed_words = fold_words(value).split()
    scored = [
        (found, name)
        for folded, name in by_key.items()
        if (found := _closeness(matcher, key, typed_words, folded, name)) is not None
    ]
    scored.sort(key=lambda pair: (-pair[0][0], -pair[0][1]))
    best = scored[0][0][0] if scored else None
    return [name for (kind, _), name in scored if kind == best][:limit]


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
    # An Arabic article is dropped only once letters follow it, so "الا" (typed without
    # its hamza) starts "الإمام" although "الا" is not the start of "امام", its fold: such
    # a label is read letter by letter.
    arabic = match == "fold" and _ARABIC.search(typed) is not None
    if not compare(label).startswith(key) and not (arabic and _article_open(typed)):
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
        elif cut is not None or not (
            key.startswith(folded) or (arabic and _article_open(label[:end]))
        ):
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
