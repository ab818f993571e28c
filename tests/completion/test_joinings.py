"""The fast completion path reads a command line as Typer's own completion does, however the
shell joins its words, and offers the same candidates.

Typer's bash script joins COMP_WORDS with newlines; another script (Click's, one of a
user's own) with spaces, and Typer splits either as shell words. zsh and fish send the
line as typed (`_TYPER_COMPLETE_ARGS`). For every value a command completes, after other
options and the data option, typed plain, quoted or escaped, both paths are asked in-process
and must agree; a line the fast path could not read would fall back to Typer, at seven times
the cost of `python -c pass` (benchmarks/startup.py).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from functools import cache
from unittest import mock

import pytest

from conftest import MINI
from eastsyria.cli import completion
from eastsyria.cli.completion import fast_candidates
from eastsyria.cli.shellwords import offerable

# A protocol: the shell and how its words reach the program.
PROTOCOLS = ("bash-newlines", "bash-spaces", "zsh", "fish")
# What may be typed of a value, as a shell gives the word: nothing, a letter or two, in
# another case, a name with a space open-quoted, single-quoted or escaped.
TYPED = ("", "A", "Ab", "m", "T", "is", '"Abu K', "'Abu K", "Abu\\ K", "'abu k", "ab", "e")
# What may come before the option: nothing, the data option, another option and its value.
BEFORE: tuple[tuple[str, ...], ...] = ((), ("--data", str(MINI)), ("-t", "assault"))


@cache
def _typer_command() -> object:
    from typer.main import get_command

    from eastsyria.cli.app import app

    return get_command(app)


def _completable() -> Iterator[tuple[str, tuple[str, ...]]]:
    """(command, words before the value) for every value Typer completes with our values."""
    from typer.core import TyperGroup

    group = _typer_command()
    assert isinstance(group, TyperGroup)
    for name, command in group.commands.items():
        for param in command.params:
            if param._custom_shell_complete is None:
                continue
            if param.param_type_name == "argument":
                yield name, ()
            else:
                yield name, (param.opts[-1],)
                if len(param.opts) > 1:
                    yield name, (param.opts[0],)


def _environment(protocol: str, words: list[str]) -> dict[str, str]:
    if protocol.startswith("bash"):
        joiner = "\n" if protocol == "bash-newlines" else " "
        return {
            "_EASTSYRIA_COMPLETE": "complete_bash",
            "COMP_WORDS": joiner.join(words),
            "COMP_CWORD": str(len(words) - 1),
        }
    shell = protocol
    return {
        "_EASTSYRIA_COMPLETE": f"complete_{shell}",
        "_TYPER_COMPLETE_ARGS": " ".join(words),
        "_TYPER_COMPLETE_FISH_ACTION": "get-args",
    }


def _typer_offers(shell: str) -> list[str]:
    """What Typer's own completion finds for the request in the environment."""
    from typer._click.shell_completion import get_completion_class

    from eastsyria import PROG
    from eastsyria.cli import spec

    completer = get_completion_class(shell)
    assert completer is not None
    complete = completer(_typer_command(), {}, PROG, spec.COMPLETE_VAR)
    args, incomplete = complete.get_completion_args()
    return [str(item.value) for item in complete.get_completions(args, incomplete)]


def _lines() -> list[list[str]]:
    """Each completed value, after each of `BEFORE` in turn, typed in four ways of `TYPED`."""
    lines = []
    for number, (command, option) in enumerate(dict.fromkeys(_completable())):
        before = BEFORE[number % len(BEFORE)]
        data = before if before[:1] == ("--data",) else ()
        after = () if data else before
        for step in range(4):
            typed = TYPED[(number + step * 3) % len(TYPED)]
            lines.append(["eastsyria", *data, command, *after, *option, typed])
    return lines


LINES = _lines()


def test_the_lines_cover_every_completed_value() -> None:
    commands = {word for line in LINES for word in line[1:3] if word.isalpha()}
    assert {"events", "show", "cite", "control", "compare", "casualties", "timeline"} <= commands
    assert len(LINES) > 400


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_the_fast_path_offers_what_typer_offers(protocol: str) -> None:
    shell = protocol.partition("-")[0]
    differ = []
    for words in LINES:
        with mock.patch.dict(os.environ, _environment(protocol, words)):
            # The fast path answers each of these lines itself: Typer is never asked.
            with mock.patch.object(completion, "_typer_candidates", side_effect=AssertionError):
                request = fast_candidates(shell)
            assert request is not None, words
            typed, _, _, found = request
            theirs = [
                value
                for value in _typer_offers(shell)
                if typed.literal and value.startswith(typed.value) and offerable(value)
            ]
        ours = [value for value, _ in found]
        if ours != theirs:
            differ.append((words, ours, theirs))
    assert differ == [], f"{len(differ)} lines differ, first: {differ[:3]}"
