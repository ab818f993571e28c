"""A TAB only ever extends what was typed: the replies of the completion protocol, in-process.

Bash's readline replaces the text being completed (the word as typed, or what follows its
open quote) with the longest common prefix of the replies, so a reply that does not start
with that text to the letter shortens the command line. zsh and fish compare candidates with
the unquoted word. `tests/completion/test_shells.py` shows the same in the real shells.
"""

from __future__ import annotations

import io
import json
import os
import shlex
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINI, zsh_values
from eastsyria.cli.completion import fast_complete
from eastsyria.core.names import fold
from eastsyria.data.load import shipped_data_path

# Completion reads the cache as it is: each test starts from an empty one.
pytestmark = pytest.mark.private_cache


def answer(shell: str, *words: str, data: Path | None = None) -> list[str]:
    """The reply to completing the last of `words` (as typed), one line a candidate."""
    args = ["eastsyria", *(["--data", str(data)] if data else []), "events", *words]
    env = {"_EASTSYRIA_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        env |= {"COMP_WORDS": "\n".join(args), "COMP_CWORD": str(len(args) - 1)}
    else:
        env |= {"_TYPER_COMPLETE_ARGS": " ".join(args), "_TYPER_COMPLETE_FISH_ACTION": "get-args"}
    out = io.StringIO()
    with mock.patch.dict(os.environ, env):
        assert fast_complete(out)
    return out.getvalue().splitlines()


def fish_values(*words: str, data: Path | None = None) -> list[str]:
    return [line.split("\t")[0] for line in answer("fish", *words, data=data)]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ('"Abu K', ["Abu Kamal", "Abu Kamal countryside", "Abu Kamal border crossing"]),
        ("Deir\\ ez", ["Deir\\ ez-Zor\\ Governorate", "Deir\\ ez-Zor"]),
        ("Albu", ["Albu\\ Kamal"]),
        ("Abuk", ["Abukamal"]),
        ("'abu kamal c", ["abu kamal countryside"]),
        # The alias, not the name "Al-Qa'im border crossing" splits on: quoted the bash way.
        ("'Al-Qa", ["Al-Qa'\\''im", "Al-Qa'\\''im border crossing"]),
        # An open quote in the middle: readline completes only what follows it.
        ('Abu" Kamal c', [" Kamal countryside"]),
        ('"Abu"\\ Kamal\\ c', ['"Abu"\\ Kamal\\ countryside']),
        # A backslash typed last quotes the next character.
        (
            "Abu\\",
            [
                "Abu\\ Kamal",
                "Abu\\ Kamal\\ countryside",
                "Abu\\ Kamal\\ border\\ crossing",
            ],
        ),
    ],
)
def test_bash_replies_start_with_the_text_readline_replaces(word: str, expected: list[str]) -> None:
    replies = answer("bash", "--place", word)
    assert sorted(replies) == sorted(expected)


def test_bash_completes_after_an_equals_sign_split_off_by_comp_wordbreaks() -> None:
    # COMP_WORDS holds `--place=Deir\ ez` as three words; readline completes the last.
    assert answer("bash", "--place", "=", "Deir\\ ez-Zor\\ G") == ["Deir\\ ez-Zor\\ Governorate"]
    assert "Abu\\ Kamal" in answer("bash", "--place", "=")
    # Where COMP_WORDBREAKS has no `=`, the whole word is completed, or what follows a quote.
    assert answer("bash", "--place=Deir\\ ez-Zor\\ G") == ["--place=Deir\\ ez-Zor\\ Governorate"]
    assert answer("bash", '--place="Abu Kamal c') == ["Abu Kamal countryside"]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("abu", ["abu-kamal-offensive"]),
        ("East", ["Eastern\\ Syria\\ campaign"]),
        ("2017", ["2017\\ Abu\\ Kamal\\ offensive"]),
    ],
)
def test_campaigns_offer_the_id_or_the_name_that_was_being_typed(
    word: str, expected: list[str]
) -> None:
    assert answer("bash", "--campaign", word) == expected


@pytest.mark.parametrize("word", ["$HOME", '"$(echo Abu)', "`echo`", "Abu*", "~/Abu"])
def test_a_word_the_shell_would_still_expand_gets_no_candidates(word: str) -> None:
    assert answer("bash", "--place", word) == []
    assert answer("zsh", "--place", word) == ["_files"]
    assert answer("fish", "--place", word) == []


@pytest.mark.parametrize("word", ['"Abu K', "abu\\ k", "'Deir ez-Zor G", "Albu"])
def test_zsh_and_fish_values_start_with_the_unquoted_word(word: str) -> None:
    # Both shells compare candidates with the word unquoted, and quote what they insert.
    [unquoted] = shlex.split(word + word[0] if word[0] in "'\"" else word)
    zsh = [value for value, _ in zsh_values(answer("zsh", "--place", word)[0])]
    fish = fish_values("--place", word)
    assert zsh == fish
    assert fish
    assert all(value.startswith(unquoted) for value in fish)


@pytest.mark.parametrize(
    ("option", "word", "expected"),
    [
        # An Arabic prefix is offered the Arabic names (aliases) that continue it.
        ("--place", "البو", ["البوكمال"]),
        ("--place", "ريف", ["ريف دير الزور الغربي", "ريف البوكمال"]),
        ("--place", '"دير ال', ["دير الزور"]),
        ("--actor", "حزب", ["حزب الله", "حزب الله اللبناني", "حزب الله السوري"]),
        # Typed without its hamza or its article: continued from what was typed.
        ("--place", "ابو\\ ك", ["ابو كمال"]),
        ("--place", "بوك", ["بوكمال"]),
    ],
)
def test_an_arabic_prefix_is_offered_arabic_names_in_every_shell(
    option: str, word: str, expected: list[str]
) -> None:
    fish = fish_values(option, word)
    zsh = [value for value, _ in zsh_values(answer("zsh", option, word)[0])]
    # Bash gets the text after an open quote plain, else with backslashes before spaces.
    replies = answer("bash", option, word)
    bash = replies if word[0] == '"' else [shlex.split(reply)[0] for reply in replies]
    assert fish == zsh == bash == expected


def test_an_arabic_name_offered_says_whose_it_is() -> None:
    [(value, about)] = [line.split("\t") for line in answer("fish", "--place", "البو")]
    assert (value, about.split(", ")[0]) == ("البوكمال", "Abu Kamal; city")
    [(value, about)] = zsh_values(answer("zsh", "--actor", "داع")[0])
    assert (value, about.split(", ")[0]) == ("داعش", "ISIL; isil")


HOSTILE = {
    "dollar": "Dollar $(touch {mark}) ${{HOME}}",
    "tick": "Tick `touch {mark}`",
    "squote": "Squote '; touch {mark}; '",
    "dquote": 'Dquote "; touch {mark}; "',
    "bang": "Bang !! \\ (b): =x!",
    "newline": "Newline\n$(touch {mark})",
    "tab": "Tab\there",
}


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    document = json.loads(MINI.read_text(encoding="utf-8"))
    for key, name in HOSTILE.items():
        document["places"].append({"id": key, "name": name.format(mark=tmp_path / key)})
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.mark.parametrize("quote", ["", '"', "'"])
def test_bash_replies_for_hostile_names_are_one_literal_word(hostile: Path, quote: str) -> None:
    import subprocess

    for key in ("dollar", "tick", "squote", "dquote", "bang"):
        name = HOSTILE[key].format(mark=hostile.parent / key)
        replies = answer("bash", "--place", quote + name[:3], data=hostile)
        assert len(replies) == 1, replies
        # What readline leaves on the line: the reply, the quote closed unless it ends
        # with it, as bash itself reads it (with history expansion on, as at a prompt).
        closing = quote if quote and not replies[0].endswith(quote) else ""
        word = quote + replies[0] + closing
        script = f"set -H; printf '%s\\0' {word}"
        shown = subprocess.run(["bash", "-c", script], capture_output=True, check=True).stdout
        assert shown.decode().split("\0")[:-1] == [name]
    assert sorted(p.name for p in hostile.parent.iterdir()) == ["hostile.json"]


def test_names_with_control_characters_are_never_offered(hostile: Path) -> None:
    assert answer("bash", "--place", "New", data=hostile) == []
    assert answer("zsh", "--place", "New", data=hostile) == ["_files"]
    assert fish_values("--place", "Ta", data=hostile) == []
    # Nothing typed: every other name, and no line that is not a whole candidate.
    assert len(fish_values("--place", "", data=hostile)) == 3 + len(HOSTILE) - 2


# -- for any name of the shipped data, cut anywhere, typed any way ----------------------------


def _labels() -> list[tuple[str, str]]:
    """(option, name or alias) for every place and actor."""
    document = json.loads(shipped_data_path().read_text(encoding="utf-8"))
    return [
        (option, str(label))
        for option, collection in (("--place", "places"), ("--actor", "actors"))
        for item in document[collection]
        for label in [item["name"], *item.get("aliases", [])]
    ]


LABELS = _labels()
KEYS = {fold(label) for _, label in LABELS}


def _escape(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-./,_" else f"\\{c}" for c in text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    option_label=st.sampled_from(LABELS),
    cut=st.floats(0.1, 1),
    case=st.sampled_from([str, str.lower, str.upper]),
    how=st.sampled_from(["plain", "double", "single", "mixed"]),
)
def test_any_prefix_typed_any_way_is_only_ever_extended(
    option_label: tuple[str, str], cut: float, case: object, how: str
) -> None:
    option, label = option_label
    assert callable(case)
    typed = str(case(label[: max(1, round(len(label) * cut))]))
    # The word as typed and the text readline replaces (after an open quote).
    half = len(typed) // 2
    before, quote, inside = {
        "plain": ("", "", _escape(typed)),
        "double": ("", '"', typed.replace("\\", "\\\\").replace('"', '\\"')),
        "single": ("", "'", typed.replace("'", "'\\''")),
        "mixed": (_escape(typed[:half]), '"', typed[half:].replace('"', '\\"')),
    }[how]
    if quote == "'" and "'" in typed:
        # `'\''` closes the quote and opens another: readline completes after the last.
        before, inside = before + quote + inside.rsplit("'", 1)[0], inside.rsplit("'", 1)[1]
    replies = answer("bash", option, before + quote + inside)
    assert replies, f"nothing for {before + quote + inside!r}"
    for reply in replies:
        assert reply.startswith(inside)
        completed = before + quote + reply + (quote if quote and not reply.endswith(quote) else "")
        [word] = shlex.split(completed)
        assert word.startswith(typed)
        assert any(key.startswith(fold(word)) for key in KEYS)
