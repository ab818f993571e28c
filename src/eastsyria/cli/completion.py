"""Shell completion of real values, answered without Typer, pydantic, Rich or dateutil.

Every TAB press runs the whole program, so value completion (places, actors, types, event
ids...) is answered here, speaking the same protocol as the scripts Typer installs
(`eastsyria --install-completion`). Command and option names are read as Typer's own
completion reads them, from a table of the built app kept in the cache (`commandnames`);
Typer itself is asked only the first time, which keeps that table, and its candidates are
written by the same replies.

Which values are offered, and how names match what was typed, is `values`. How each shell
reads the word being completed and takes the reply (quotes, backslashes, names that look
like code) is in `shellwords`.
"""

from __future__ import annotations

import os
from typing import TextIO

from eastsyria.cli import commandnames, spec
from eastsyria.cli.shellwords import (
    Typed,
    bash_reply,
    fish_reply,
    offerable,
    read_word,
    split_line,
    zsh_reply,
)
from eastsyria.cli.values import Candidate, candidates

# -- the protocol ------------------------------------------------------------------------------


def _target(args: list[str]) -> tuple[str | None, str | None, str | None]:
    """(command, value kind, data option) for the word being completed after `args`."""
    command = None
    data = None
    expecting: str | None = None
    # Values still to come for `expecting` (`--diff DATE1 DATE2` takes two).
    left = 0
    positional_done = False
    for word in args:
        if expecting is not None:
            if expecting == "--data":
                data = word
            left -= 1
            expecting = expecting if left else None
            continue
        if word.startswith("-"):
            name = word.split("=", 1)[0]
            if "=" in word:
                if name == "--data":
                    data = word.split("=", 1)[1]
                continue
            if name in spec.VALUE_KINDS or name in spec.FREE_VALUE_OPTIONS:
                expecting, left = name, spec.VALUE_COUNTS.get(name, 1)
            continue
        if command is None:
            command = word
        else:
            positional_done = True
    if expecting is not None:
        if expecting in spec.VALUE_KINDS:
            return command, spec.VALUE_KINDS[expecting], data
        return command, "free", data
    repeated = command in spec.REPEATED_POSITIONALS
    if (
        command is not None
        and (repeated or not positional_done)
        and command in spec.POSITIONAL_KINDS
    ):
        return command, spec.POSITIONAL_KINDS[command], data
    return command, None, data


def _args_and_word(shell: str) -> tuple[list[str], str, str]:
    """The words before the one being completed (unquoted), that one as typed, and the start
    of it bash's readline leaves alone (`FIELD=` of `--where FIELD=VALUE`, which COMP_WORDS
    splits at its `=`; "" for every other word)."""
    kept = ""
    if shell == "bash":
        # Typer's script joins COMP_WORDS with newlines (its IFS), which keeps an empty word
        # and the `=` bash splits off; other scripts, and people, join them with spaces, and
        # Typer's own completion reads either as shell words.
        words = os.environ.get("COMP_WORDS", "")
        raw = words.split("\n") if "\n" in words else split_line(words, "bash")
        cword = int(os.environ.get("COMP_CWORD", "0"))
        raw = raw[: cword + 1] + [""] * (cword + 1 - len(raw))
        # COMP_WORDS splits `--place=Abu` into `--place`, `=`, `Abu`; readline completes
        # only what follows the `=`.
        if raw[-1] == "=" and len(raw) > 2 and raw[-2].startswith("--"):
            raw.append("")
        if len(raw) > 3 and raw[-2] == "=" and raw[-3].startswith("--"):
            del raw[-2]
        # `--where sub_event_type=Air`: the same split, after a word that is no option.
        if len(raw) > 3 and raw[-1] == "=" and raw[-3] == "--where":
            raw.append("")
        if len(raw) > 4 and raw[-2] == "=" and raw[-4] == "--where":
            kept = f"{raw[-3]}="
            raw[-3:] = [kept + raw[-1]]
    else:
        raw = split_line(os.environ.get("_TYPER_COMPLETE_ARGS", ""), shell)
    return [read_word(word, shell).value for word in raw[1:-1]], raw[-1], kept


def _names(shell: str, args: list[str], incomplete: str) -> list[Candidate]:
    """Command and option names after `args`, read from the table of the app this build kept
    (`commandnames`); Typer is asked only without a table, or for a value `_target` missed."""
    from eastsyria.cli.values import side_help

    table = commandnames.kept_table()
    found = commandnames.names(table, args, incomplete, side_help) if table else None
    if isinstance(found, commandnames.Value):
        found = _value_of(found, incomplete)
    return _typer_candidates(shell, keep_table=table is None) if found is None else found


def _value_of(value: commandnames.Value, incomplete: str) -> list[Candidate] | None:
    """What Typer offers for a value `_target` did not see (after `--`, after an option of
    Typer's own): nothing, or our values of its kind; None to ask Typer."""
    param = value.param
    if param.completes == "nothing":
        return []
    kind = (
        spec.POSITIONAL_KINDS.get(value.command or "")
        if param.kind == "argument"
        else spec.VALUE_KINDS.get(param.opts[0])
    )
    if param.completes != "custom" or kind is None:
        return None
    from eastsyria.data.load import data_path

    return candidates(kind, incomplete, value.command, data_path(value.data))


def _typer_candidates(shell: str, *, keep_table: bool = False) -> list[Candidate]:
    """What Typer's own completion offers (command and option names, and values wherever it
    reads the line differently from `_target`), to be written by our replies, not Typer's.
    With `keep_table`, the table of names a later TAB reads instead is kept."""
    from typer import main as typer_main
    from typer._click.shell_completion import get_completion_class

    from eastsyria import PROG
    from eastsyria.cli.app import app

    command = typer_main.get_command(app)  # registers Typer's completion classes
    if keep_table:
        # Before completing: a `--help` on the line rewrites `--side`'s help (`app._Group`).
        commandnames.keep_table(commandnames.table_of(command, PROG))
    completer = get_completion_class(shell)
    if completer is None:  # pragma: no cover - Typer registers bash, zsh and fish
        return []
    complete = completer(command, {}, PROG, spec.COMPLETE_VAR)
    args, incomplete = complete.get_completion_args()
    items = complete.get_completions(args, incomplete)
    return [(str(item.value), str(item.help or "")) for item in items]


def fast_candidates(shell: str) -> tuple[Typed, str, str, list[Candidate]] | None:
    """For the request in the environment: the word being completed as typed, the text each
    reply starts with (`--place=`), the kind of value, and the candidates that extend the
    word; None when the words cannot be read.

    Values are found here, command and option names from the kept table of the app
    (`commandnames`); Typer is asked only when there is no table yet."""
    try:
        args, raw, kept = _args_and_word(shell)
    except ValueError:
        return None
    prefix = ""
    if raw.startswith("--") and "=" in raw:
        option, _, raw = raw.partition("=")
        args = [*args, option]
        prefix = f"{option}="
    typed = read_word(raw, shell)
    command, kind, data_option = _target(args)
    if "--" in args or typed.value.startswith("-"):
        # Click offers option names for such a word wherever it stands, even after an
        # option that takes a value, and reads what follows `--` as `_target` does not
        # (`commandnames`; a value there is asked of Typer).
        kind = None
    found: list[Candidate] = []
    if kind is None:
        kind = "value"
        found = _names(shell, args, typed.value) if typed.literal else []
    elif kind != "free":
        from eastsyria.data.load import data_path

        found = candidates(kind, typed.value, command, data_path(data_option))
    if not typed.literal:
        found = []
    found = [(v, about) for v, about in found if v.startswith(typed.value) and offerable(v)]
    if kept:
        # Readline replaces only what follows the `=`: the candidates are that part of each.
        cut = len(read_word(kept, shell).value)
        typed = read_word(raw[len(kept) :], shell)
        found = [(value[cut:], about) for value, about in found]
    return typed, prefix, kind, found


def fast_complete(out: TextIO) -> bool:
    """Answer a completion request of bash, zsh or fish on `out`; False for other shells.

    Every reply is written by `shellwords`, even for what Typer completes: Typer's zsh reply
    lets a name run as code, its bash reply inserts names unquoted.
    """
    instruction = os.environ.get(spec.COMPLETE_VAR, "")
    shell = instruction.removeprefix("complete_")
    if not instruction.startswith("complete_") or shell not in ("bash", "zsh", "fish"):
        return False
    request = fast_candidates(shell)
    if request is None:
        return False
    typed, prefix, kind, found = request
    if shell == "bash":
        # Readline completes after an open quote: `--place="Abu K` needs no `--place=`.
        prefix = "" if typed.quote else prefix
        replies = bash_reply(typed, [value for value, _ in found])
        out.write("\n".join(prefix + reply for reply in replies))
    elif shell == "zsh":
        out.write(zsh_reply([(prefix + value, about) for value, about in found], kind))
    else:
        out.write(fish_reply([(prefix + value, about) for value, about in found]))
    out.flush()
    if shell == "fish" and os.environ.get("_TYPER_COMPLETE_FISH_ACTION") == "is-args":
        # Fish asks first whether there are values at all: no values lets it offer files.
        raise SystemExit(0 if found else 1)
    return True
