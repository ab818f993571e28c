"""The fast completion path reads a command line as Typer's own completion does, however the
shell joins its words, and offers the same candidates.

Typer's bash script joins COMP_WORDS with newlines; another script (Click's, one of a
user's own) with spaces, and Typer splits either as shell words. zsh and fish send the
line as typed (`_TYPER_COMPLETE_ARGS`). For every value a command completes, after other
options and the data option, typed plain, quoted or escaped, both paths are asked in-process
and must agree; a line the fast path could not read would fall back to Typer, at seven times
the cost of `python -c pass` (benchmarks/startup.py).

Command and option names are read from the table of the app a build keeps in the cache
(`commandnames`): for every command and every prefix of each of its options, options already
given, after a value, after `--`, with `--help` on the line, both paths must offer the same
names with the same help, in the same order, and Typer is asked only to keep the table.
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
    return [value for value, _ in _typer_items(shell)]


def _typer_items(shell: str) -> list[tuple[str, str]]:
    """(value, help) of what Typer's own completion finds for the request in the environment."""
    from typer._click.shell_completion import get_completion_class

    from eastsyria import PROG
    from eastsyria.cli import spec

    completer = get_completion_class(shell)
    assert completer is not None
    complete = completer(_typer_command(), {}, PROG, spec.COMPLETE_VAR)
    args, incomplete = complete.get_completion_args()
    items = complete.get_completions(args, incomplete)
    return [(str(item.value), str(item.help or "")) for item in items]


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


# -- command and option names ---------------------------------------------------------------

# Words that may stand where the line needs a value, for each kind of option.
_A_VALUE = {"--data": str(MINI), "--diff": "2017 2018"}


def _options(command: object, parent: object = None) -> list[tuple[str, ...]]:
    """Each option of a Click command, `--help` too: its names, and whether it takes a value
    (as `x`)."""
    from typer.core import TyperOption

    from eastsyria import PROG

    name = PROG if parent is None else None
    ctx = command.make_context(name, [], parent=parent, resilient_parsing=True)  # type: ignore[attr-defined]
    found = []
    for param in command.get_params(ctx):  # type: ignore[attr-defined]
        if isinstance(param, TyperOption):
            found.append((*param.opts, *param.secondary_opts, "x" if not param.is_flag else ""))
    return found


def _given(option: tuple[str, ...]) -> list[str]:
    """The option as given on a line, with its value(s) when it takes any."""
    name, takes = option[0], option[-1]
    if not takes:
        return [name]
    return [name, *_A_VALUE.get(name, "Abu").split()]


def _name_lines() -> list[list[str]]:
    """Every command's prefixes and every option's, at the top and after each command;
    options already given, after a value, after `--`, with `--help` on the line."""
    group = _typer_command()
    commands = group.commands  # type: ignore[attr-defined]
    lines: list[list[str]] = [["eastsyria", typed] for typed in ("", "-", "--", "x", "_", "--d")]
    for name in commands:
        lines += [["eastsyria", name[:size]] for size in (1, 2, len(name))]
    for top in (["--data", str(MINI)], ["--version"], ["-h"], ["--bogus"], ["--"]):
        lines += [["eastsyria", *top, typed] for typed in ("", "-", "--", "e", "--d")]
    for option in _options(group):
        for spelling in option[:-1]:
            lines += [["eastsyria", spelling[:size]] for size in range(2, len(spelling) + 1)]
        lines += [["eastsyria", *_given(option), "--"], ["eastsyria", *_given(option), "ev"]]
    root = group.make_context("eastsyria", [], resilient_parsing=True)  # type: ignore[attr-defined]
    for number, (name, command) in enumerate(commands.items()):
        options = _options(command, root)
        before = [["--data", str(MINI)], []][number % 2]
        start = ["eastsyria", *before, name]
        lines += [[*start, typed] for typed in ("", "-", "--", "x")]
        for option in options:
            for spelling in option[:-1]:
                lines += [[*start, spelling[:size]] for size in range(2, len(spelling) + 1)]
            given = _given(option)
            lines += [[*start, *given, "-"], [*start, *given, "--"], [*start, *given, given[0]]]
            lines.append([*start, *given, *given, "--"])
        lines += [
            [*start, "--", "--"],
            [*start, "--", "-"],
            [*start, "--", ""],
            [*start, "--", "a"],
            [*start, "-f", "json", "--", "A"],
            [*start, "value", "--"],
            [*start, "value", "other", "-"],
            [*start, "--bogus", "--"],
            [*start, "--help", "--"],
            [*start, "-h", "--s"],
            [*start, "--", "-h", "--s"],
            [*start, "-f=json", "-"],
            [*start, "-fjson", "--f"],
            [*start, "-x", "--"],
            [*start, "--format=json", "--"],
            [*start, "--help=x", "--"],
        ]
    return lines


NAME_LINES = _name_lines()


def test_the_name_lines_cover_every_command_and_option() -> None:
    typed = {line[-1] for line in NAME_LINES}
    assert {"--place", "--pl", "-p", "--fields", "--columns", "--help", "--diff", "--data"} <= typed
    assert len(NAME_LINES) > 1000


def _typer_helps() -> list[tuple[object, str]]:
    """Every parameter's help, to put back: a `--help` on the line rewrites `--side`'s."""
    group = _typer_command()
    commands = group.commands.values()  # type: ignore[attr-defined]
    return [(param, param.help) for command in commands for param in command.params]


@pytest.mark.private_cache
@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_names_are_what_typer_offers_without_typer(protocol: str) -> None:
    from eastsyria import PROG
    from eastsyria.cli import commandnames

    shell = protocol.partition("-")[0]
    # What the first TAB that asks Typer keeps; every later TAB reads it.
    commandnames.keep_table(commandnames.table_of(_typer_command(), PROG))
    helps = _typer_helps()
    differ = []
    for words in NAME_LINES:
        with mock.patch.dict(os.environ, _environment(protocol, words)):
            with mock.patch.object(completion, "_typer_candidates", side_effect=AssertionError):
                try:
                    request = fast_candidates(shell)
                except AssertionError:
                    request = None
            try:
                theirs = _typer_items(shell)
            finally:
                for param, text in helps:
                    param.help = text  # type: ignore[attr-defined]
        if request is None:
            differ.append((words, "asked Typer", theirs))
            continue
        typed, _, _, found = request
        theirs = [
            (value, about)
            for value, about in theirs
            if typed.literal and value.startswith(typed.value) and offerable(value)
        ]
        if found != theirs:
            differ.append((words, found, theirs))
    assert differ == [], f"{len(differ)} lines differ, first: {differ[:3]}"
