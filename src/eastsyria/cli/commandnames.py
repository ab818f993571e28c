"""Command and option names for a TAB, found as Typer's completion finds them, without Typer.

Typer's completion (its vendored Click: `shell_completion._resolve_context`,
`_resolve_incomplete`, `Command.shell_complete`) builds the whole app, parses the words
before the cursor as a run would (resiliently: the first unknown option or missing value ends
the parsing), and offers what starts with the word: the group's commands that are not hidden
(with their short help), then, when the word starts with neither a letter nor a digit, the
names of every option that is not hidden and not already given (unless it may be repeated),
each with its help, `--help` among them.

The same reading is done here on a table of the built app: every command and parameter as
Typer made them (`table_of`). The table is made from the app the first time Typer is asked
(`completion`), kept in the cache keyed by the program's build (`build_key`: the files of
this program and of Typer, their sizes and modification times, as Python checks its own
bytecode against them), and read on every later TAB. A word that is a value (of an option
that takes one, of an argument) is told as such (`Value`), for `completion` to answer.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, NamedTuple

from eastsyria import __version__

Candidate = tuple[str, str]  # value, short description
TABLE_KIND = "commands"
# Bumped when the table's layout changes.
_TABLE_FORMAT = "2"


class Param(NamedTuple):
    """What the completion reads of one Click parameter."""

    kind: str  # "option", "argument" or "other"
    name: str
    opts: tuple[str, ...]
    secondary: tuple[str, ...]
    help: str
    hidden: bool
    multiple: bool
    takes_value: bool  # an option that is not a flag nor a count
    recorded: bool  # giving it stores a value (a flag whose constant is None stores none)
    nargs: int
    # How Typer completes its value: "custom" (a completion of ours, `values`), "nothing"
    # (its type offers none), or "typer" (anything else: Typer is asked).
    completes: str


class Command(NamedTuple):
    name: str
    help: str  # Click's short help
    hidden: bool
    params: tuple[Param, ...]


class Value(NamedTuple):
    """The word is a value of `param` (of `command`; None: the group's), `--data` says `data`."""

    param: Param
    command: str | None
    data: str | None


class Table(NamedTuple):
    root: tuple[Param, ...]
    commands: tuple[Command, ...]


# -- the table, from the built app -----------------------------------------------------------


def _completes(param: Any) -> str:
    from typer._click.types import ParamType
    from typer.models import TyperPath

    if param._custom_shell_complete is not None:
        return "custom"
    offers = type(param.type).shell_complete
    return "nothing" if offers in (ParamType.shell_complete, TyperPath.shell_complete) else "typer"


def _params(command: Any, ctx: Any) -> list[tuple[Any, ...]]:
    from typer.core import TyperArgument, TyperOption

    found = []
    for param in command.get_params(ctx):
        kind = (
            "option"
            if isinstance(param, TyperOption)
            else "argument"
            if isinstance(param, TyperArgument)
            else "other"
        )
        flag = bool(getattr(param, "is_flag", False))
        count = bool(getattr(param, "count", False))
        constant = getattr(param, "_depr_flag_value", True)
        bool_pair = bool(getattr(param, "is_bool_flag", False) and param.secondary_opts)
        found.append(
            (
                kind,
                str(param.name),
                tuple(param.opts),
                tuple(param.secondary_opts),
                str(getattr(param, "help", None) or ""),
                bool(getattr(param, "hidden", False)),
                bool(param.multiple),
                kind == "option" and not flag and not count,
                not flag or count or bool_pair or constant is not None,
                int(param.nargs),
                _completes(param),
            )
        )
    return found


def table_of(group: Any, prog: str) -> dict[str, Any]:
    """The table of Typer's built group, as plain data for the cache, its contexts made as
    completion makes them (so each command's help option is as completion sees it)."""
    ctx = group.make_context(prog, [], resilient_parsing=True)
    commands = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is None:
            continue
        sub = command.make_context(name, [], parent=ctx, resilient_parsing=True)
        commands.append(
            (name, command.get_short_help_str(), bool(command.hidden), _params(command, sub))
        )
    return {"format": _TABLE_FORMAT, "root": _params(group, ctx), "commands": commands}


def _read_table(kept: Any) -> Table | None:
    if not isinstance(kept, dict) or kept.get("format") != _TABLE_FORMAT:
        return None
    try:
        return Table(
            tuple(Param(*param) for param in kept["root"]),
            tuple(
                Command(name, about, hidden, tuple(Param(*param) for param in params))
                for name, about, hidden, params in kept["commands"]
            ),
        )
    except (KeyError, TypeError, ValueError):
        return None


# -- kept in the cache, by build -------------------------------------------------------------

_build_key: str | None = None


def _package_files(top: Path) -> list[str]:
    """Each Python file under `top`: its path, size and modification time."""
    found = []
    folders = [top]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as scan:
                for item in scan:
                    if item.name == "__pycache__":
                        continue
                    if item.is_dir(follow_symlinks=False):
                        folders.append(Path(item.path))
                    elif item.name.endswith(".py"):
                        status = item.stat()
                        found.append(f"{item.path}|{status.st_size}|{status.st_mtime_ns}")
        except OSError:
            found.append(f"{folder}|missing")
    return sorted(found)


def build_key() -> str:
    """The build of this program and of the Typer it runs on: what decides every command,
    option and help text. A change to any of their files (its size or modification time,
    what Python's own bytecode check reads) is another build."""
    global _build_key  # noqa: PLW0603 - computed on first use, like an import
    if _build_key is None:
        from importlib.machinery import PathFinder

        from eastsyria.data.cache import blake2b

        digest = blake2b(digest_size=32)
        digest.update(f"{__version__}|{_TABLE_FORMAT}|{sys.version_info[:3]}".encode())
        typer = PathFinder.find_spec("typer")
        origin = typer.origin if typer is not None else None
        # A module's __file__ is absolute already: resolving it would stat every component.
        tops = [Path(__file__).parent.parent]
        if origin:
            tops.append(Path(origin).parent)
        for top in tops:
            digest.update(str(top).encode())
            for line in _package_files(top):
                digest.update(line.encode("utf-8", "surrogateescape") + b"\n")
        _build_key = digest.hexdigest()
    return _build_key


def kept_table() -> Table | None:
    """The table this build kept, if any."""
    from eastsyria.data.cache import lookup_program

    return _read_table(lookup_program(TABLE_KIND, build_key()))


def keep_table(table: dict[str, Any]) -> None:
    from eastsyria.data.cache import store_program

    store_program(TABLE_KIND, build_key(), table)


# -- reading the line as Click does ----------------------------------------------------------


class _Stop(Exception):
    """Click's UsageError, which ends resilient parsing where it arises."""


class _Parsed(NamedTuple):
    values: dict[str, Any]  # by parameter name: what the parser stored (None: not given)
    rest: list[str]  # what is left for a command


def _split_opt(opt: str) -> tuple[str, str]:
    first = opt[:1]
    if first.isalnum():
        return "", opt
    if opt[1:2] == first:
        return opt[:2], opt[2:]
    return first, opt[1:]


def _parse(params: tuple[Param, ...], args: list[str], interspersed: bool) -> _Parsed:
    """Click's `_OptionParser.parse_args` with resilient parsing, for what completion reads."""
    short: dict[str, tuple[Param, Any]] = {}
    long: dict[str, tuple[Param, Any]] = {}
    prefixes = {"-", "--"}
    for param in params:
        if param.kind != "option":
            continue
        pairs = [(param.opts, True)]
        if param.secondary and not param.takes_value:
            pairs.append((param.secondary, False))
        for opts, constant in pairs:
            for opt in opts:
                prefix, value = _split_opt(opt)
                prefixes.add(prefix[:1])
                if len(prefix) == 1 and len(value) == 1:
                    short[opt] = (param, constant)
                else:
                    long[opt] = (param, constant)
                    prefixes.add(prefix)
    values: dict[str, Any] = {}
    largs: list[str] = []
    rargs = list(args)

    def take(opt: str, param: Param, constant: Any) -> None:
        if param.takes_value:
            if len(rargs) < param.nargs:
                raise _Stop(opt)
            value: Any = rargs.pop(0) if param.nargs == 1 else tuple(rargs[: param.nargs])
            if param.nargs != 1:
                del rargs[: param.nargs]
        else:
            value = constant if param.recorded else None
        if param.multiple:
            values.setdefault(param.name, []).append(value)
        else:
            values[param.name] = value

    def short_options(arg: str) -> None:
        for index, char in enumerate(arg[1:], start=2):
            found = short.get(f"{arg[0]}{char}")
            if found is None:
                raise _Stop(arg)
            if found[0].takes_value and index < len(arg):
                rargs.insert(0, arg[index:])
                take(arg, *found)
                return
            take(arg, *found)

    try:
        while rargs:
            arg = rargs.pop(0)
            if arg == "--":
                break
            if arg[:1] in prefixes and len(arg) > 1:
                name, equals, explicit = arg.partition("=")
                if name in long:
                    param, constant = long[name]
                    if equals and not param.takes_value:
                        raise _Stop(arg)
                    if equals:
                        rargs.insert(0, explicit)
                    take(name, param, constant)
                elif arg[:2] not in prefixes:
                    short_options(arg)
                else:
                    raise _Stop(arg)
            elif interspersed:
                largs.append(arg)
            else:
                rargs.insert(0, arg)
                break
    except _Stop:
        return _Parsed(values, largs)
    arguments = [param for param in params if param.kind == "argument"]
    if any(param.nargs not in (1, -1) for param in arguments):
        raise _Stop("arguments of several values")  # not read here: Typer answers
    unpacked, left = _unpack([*largs, *rargs], [param.nargs for param in arguments])
    for param, value in zip(arguments, unpacked, strict=True):
        values[param.name] = None if value == () else value
    return _Parsed(values, left)


def _unpack(args: list[str], counts: list[int]) -> tuple[list[Any], list[str]]:
    """Click's `_unpack_args` for arguments of one value or any number (-1): those after
    the one of any number are taken from the end."""
    star = counts.index(-1) if -1 in counts else len(counts)
    before = [args[i] if i < len(args) else None for i in range(star)]
    taken = args[star:]
    after_count = len(counts) - star - 1 if star < len(counts) else 0
    after: list[Any] = []
    for _ in range(after_count):
        after.insert(0, taken.pop() if taken else None)
    if star == len(counts):
        return before, args[star:]
    return [*before, tuple(taken), *after], []


def _offered(
    table: Table, params: tuple[Param, ...], given: set[str], group: bool, incomplete: str
) -> list[Candidate]:
    """`Group.shell_complete` / `Command.shell_complete`: commands, then option names."""
    found: list[Candidate] = []
    if group:
        found += [
            (command.name, command.help)
            for command in table.commands
            if command.name.startswith(incomplete) and not command.hidden
        ]
    if incomplete and not incomplete[0].isalnum():
        for param in params:
            if param.kind != "option" or param.hidden:
                continue
            if not param.multiple and param.name in given:
                continue
            found += [
                (name, param.help)
                for name in (*param.opts, *param.secondary)
                if name.startswith(incomplete)
            ]
    return found


def names(
    table: Table, args: list[str], incomplete: str, side_help: Any = None
) -> list[Candidate] | Value | None:
    """What Typer's completion offers after the words `args` for the word `incomplete`
    when that is a command or option name; the parameter whose value it is when it is a
    value; None when the line is not read here (Typer answers).

    `side_help(data)`: `--side`'s help once `-h`/`--help` follows the command, as the app's
    group then writes it (from the sides of the data file `--data` names)."""
    try:
        root = _parse(table.root, args, interspersed=False)
        params, given, group = table.root, _given(root), True
        name = None
        if root.rest:
            command = next((c for c in table.commands if c.name == root.rest[0]), None)
            if command is not None:
                rest = root.rest[1:]
                parsed = _parse(command.params, rest, interspersed=True)
                params, given, group = command.params, _given(parsed), False
                name = command.name
                if side_help is not None and {"-h", "--help"} & set(rest):
                    params = _with_side_help(params, side_help(root.values.get("data")))
    except _Stop:
        return None
    words = list(args)
    starts = {opt[:1] for param in params if param.kind == "option" for opt in param.opts}
    starts |= {opt[:1] for param in table.root if param.kind == "option" for opt in param.opts}
    starts.add("-")

    def option_like(word: str) -> bool:
        return bool(word) and word[0] in starts

    if incomplete == "=":
        incomplete = ""
    elif "=" in incomplete and option_like(incomplete):
        name, _, incomplete = incomplete.partition("=")
        words.append(name)
    if "--" not in words and option_like(incomplete):
        return _offered(table, params, given, group, incomplete)
    for param in params:
        if param.kind == "option" and param.takes_value:
            last = None
            for index, word in enumerate(reversed(words)):
                if index + 1 > param.nargs:
                    break
                if option_like(word):
                    last = word
                    break
            if last is not None and last in param.opts:
                return Value(param, name, root.values.get("data"))
    for param in params:
        if param.kind == "argument" and (param.nargs == -1 or param.name not in given):
            return Value(param, name, root.values.get("data"))
    return _offered(table, params, given, group, incomplete)


def _given(parsed: _Parsed) -> set[str]:
    return {name for name, value in parsed.values.items() if value is not None}


def _with_side_help(params: tuple[Param, ...], help_text: str | None) -> tuple[Param, ...]:
    if help_text is None:
        return params
    return tuple(
        param._replace(help=help_text) if "--side" in param.opts else param for param in params
    )
