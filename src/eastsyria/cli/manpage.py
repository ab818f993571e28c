"""The manual page, eastsyria(1), written from the Click commands `--help` is made from.

Every command's usage, description, examples, arguments and options (flags, metavar, help,
default) come from the same objects `eastsyria COMMAND --help` prints, so the two cannot
drift: `python -m eastsyria.cli.manpage man` writes eastsyria(1), every command in one page,
and eastsyria-COMMAND(1) for each, which the wheel installs in share/man/man1; and
tests/test_manpage.py fails when a committed page is not what this module writes now
(`--check man` says the same from the command line).

Only the environment variables and exit statuses are worded here; the statuses are checked
against `errors.ExitStatus`. Nothing read from a data file goes into the page (`--side`'s
help names the sides of the data only when `--help` is asked for, from that data).
"""

from __future__ import annotations

import inspect
import re
import sys
from pathlib import Path
from typing import Any

from eastsyria import PROG, __version__
from eastsyria.errors import ExitStatus

# What each exit status means (docs/errors.md tells the same, with examples).
EXIT_STATUSES: dict[ExitStatus, str] = {
    ExitStatus.OK: "The command ran, whether or not anything matched.",
    ExitStatus.FAILED: "Out of memory: the data file is too large for this machine.",
    ExitStatus.USAGE: "Bad input: a value on the command line (one line on stderr names it "
    "and the fix), or a data file that is missing, unreadable, too large or invalid "
    "(validate finding problems included).",
    ExitStatus.OUTPUT: "The answer could not be written: a full disk, a closed or failing "
    "standard output, no permission to write a file named with -o, --svg or --rejected. "
    "A closed pipe (| head) is not an error.",
    ExitStatus.INTERRUPTED: "Interrupted (Ctrl-C).",
}
ENVIRONMENT: tuple[tuple[str, str], ...] = (
    ("EASTSYRIA_DATA", "The data file to read instead of the shipped one (as --data)."),
    (
        "EASTSYRIA_CACHE_DIR",
        "Where validated data files and the stores of large ones are kept (an absolute "
        "path; a relative one turns the cache off).",
    ),
    ("EASTSYRIA_NO_CACHE", "1: keep no cache."),
    (
        "EASTSYRIA_STORE_MIN_MB",
        "The size from which a data file is read through its indexed SQLite store (default 16).",
    ),
    ("EASTSYRIA_MAX_DATA_MB", "The largest data file read whole, in megabytes (default 512)."),
    (
        "EASTSYRIA_FORCE_TTY",
        "Write tables and pictures to a pipe as to a terminal (no colour unless the stream is "
        "a terminal).",
    ),
    ("NO_COLOR", "Not empty: no colour. So does TERM=dumb."),
    ("COLUMNS, LINES", "The width and height to draw tables and pictures in."),
)
CONVENTIONS = (
    "Standard output carries only the answer; notes, counts and errors go to standard error. "
    "Without --format a table is drawn on a terminal and written as one tab-separated line "
    "per row to a pipe.",
    "An option that takes one value may be given once: given twice with two values it is "
    "refused (exit 2). {repeated} may be repeated, for any of several values.",
    '--svg FILE writes the picture to FILE and says "wrote FILE" on standard error, with '
    "nothing on standard output unless --format (or control's --chart) asks for an answer "
    "there as well. A file written (-o, --svg, --rejected) never destroys what is at the "
    "path: a device or FIFO is written into, a symbolic link followed, a regular file "
    "replaced whole or not at all.",
)


def escape(text: str) -> str:
    """`text` as roff reads it literally: a backslash, every hyphen-minus (options, dates
    and commands are copied from the page), a character outside ASCII by its code, and a
    line that would start with a request or macro made plain text."""
    out = []
    for char in text.replace("\\", "\\e").replace("-", "\\-"):
        out.append(char if ord(char) < 128 else f"\\[u{ord(char):04X}]")
    lines = "".join(out).split("\n")
    return "\n".join(f"\\&{line}" if line[:1] in (".", "'") else line for line in lines)


def _bold(text: str) -> str:
    return f"\\fB{escape(text)}\\fR"


def _italic(text: str) -> str:
    return f"\\fI{escape(text)}\\fR"


def _paragraphs(help_text: str) -> list[str]:
    """The roff of a command's help: a paragraph filled, an indented one (an example
    command) kept as it is, each line its own."""
    body = inspect.cleandoc(help_text).split("\f")[0]
    lines: list[str] = []
    for paragraph in re.split(r"\n\s*\n", body):
        if not paragraph.strip():
            continue
        if paragraph.startswith((" ", "\t")):
            example = inspect.cleandoc(paragraph)
            lines += [".PP", ".RS 4", ".nf", escape(example), ".fi", ".RE"]
        else:
            lines += [".PP", escape(" ".join(paragraph.split()))]
    return lines


def _term(left: str) -> str:
    """An option's flags and metavar as --help shows them ('-f, --format FORMAT'), the
    flags bold and the value italic."""
    parts = []
    for chunk in left.split(", "):
        flag, _, value = chunk.partition(" ")
        if flag.startswith("-"):
            parts.append(_bold(flag) + (f" {_italic(value)}" if value else ""))
        else:
            parts.append(_italic(chunk))
    return ", ".join(parts)


def _items(command: Any, ctx: Any, kind: str) -> list[str]:
    """The roff of a command's arguments or options (`kind`), as its --help lists them."""
    lines: list[str] = []
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx) if param.param_type_name == kind else None
        if record is not None:
            left, right = record
            lines += [".TP", _term(left), escape(" ".join(right.split()))]
    return lines


def _parameters(command: Any, ctx: Any) -> list[str]:
    """The roff of a command's arguments and options, as its --help lists them."""
    arguments, options = _items(command, ctx, "argument"), _items(command, ctx, "option")
    lines = []
    if arguments:
        lines += [".PP", "Arguments:", ".RS 4", *arguments, ".RE"]
    if options:
        lines += [".PP", "Options:", ".RS 4", *options, ".RE"]
    return lines


def _repeated(group: Any, root: Any) -> list[str]:
    """The long flag of every option that may be given more than once, in --help's order."""
    found: dict[str, None] = {}
    for name, command in group.commands.items():
        ctx = command.make_context(name, [], parent=root, resilient_parsing=True)
        for param in command.get_params(ctx):
            if getattr(param, "multiple", False):
                found[max(param.opts, key=len)] = None
    return list(found)


def _usage(command: Any, ctx: Any) -> str:
    return " ".join([ctx.command_path, *command.collect_usage_pieces(ctx)])


def _header(title: str, name: str, summary: str, date: str) -> list[str]:
    return [
        f".\\\" Written by `python -m eastsyria.cli.manpage` from {PROG}'s commands: do not edit.",
        f'.TH {escape(title.upper())} 1 {date} "{PROG} {escape(__version__)}" "User Commands"',
        # Never hyphenate (an option or a name cut in two), lines not stretched to the margin.
        ".nh",
        ".ad l",
        ".SH NAME",
        f"{escape(name)} \\- {escape(summary[0].lower() + summary[1:])}",
    ]


def _commands() -> tuple[Any, Any, list[tuple[str, Any, Any]]]:
    """The Click group `--help` is made from, its context, and each command with its own,
    in --help's order."""
    from typer.main import get_command

    from eastsyria.cli.app import COMMAND_MODULES, build_app

    group: Any = get_command(build_app())
    # As a run makes them (`-h` beside `--help`), without running anything.
    root = group.make_context(PROG, [], resilient_parsing=True)
    commands = []
    for name, _ in COMMAND_MODULES:
        command = group.commands[name]
        ctx = command.make_context(name, [], parent=root, resilient_parsing=True)
        commands.append((name, command, ctx))
    return group, root, commands


def _summary(command: Any) -> str:
    """A command's first paragraph, on one line: what `eastsyria --help` lists."""
    return " ".join(inspect.cleandoc(command.help or "").split("\n\n")[0].split())


def render(date: str = "") -> str:
    """The whole page, eastsyria(1): every command, as `eastsyria COMMAND --help` tells it.
    `date`: the day its text last changed (see `pages`)."""
    group, root, commands = _commands()
    summary = " ".join(inspect.cleandoc(group.help or "").split())
    lines = [
        *_header(PROG, PROG, summary, date),
        ".SH SYNOPSIS",
        f"{_bold(PROG)} [{_bold('--data')} {_italic('PATH')}] {_italic('COMMAND')} "
        f"[{_italic('OPTIONS')}] [{_italic('ARGUMENTS')}]",
        ".br",
        f"{_bold(PROG)} {_italic('COMMAND')} {_bold('--help')}",
        ".SH DESCRIPTION",
        escape(summary),
        ".PP",
        f"Each command is described below, as {_bold(PROG + ' COMMAND --help')} tells it, "
        f"and in a page of its own: {_bold('man ' + PROG + '-COMMAND')}.",
        ".SH GLOBAL OPTIONS",
        "Given before the command.",
        *_items(group, root, "option"),
        ".SH COMMANDS",
    ]
    for name, command, ctx in commands:
        lines += [
            f".SS {name}",
            _bold(_usage(command, ctx)),
            *_paragraphs(command.help or ""),
            *_parameters(command, ctx),
        ]
    lines += [".SH CONVENTIONS"]
    repeated = _repeated(group, root)
    said = ", ".join(repeated[:-1]) + f" and {repeated[-1]}"
    for number, paragraph in enumerate(CONVENTIONS):
        # No paragraph break right after a heading.
        lines += [".PP"] * bool(number) + [escape(paragraph.replace("{repeated}", said))]
    lines += [".SH ENVIRONMENT"]
    for variable, meaning in ENVIRONMENT:
        lines += [".TP", _bold(variable), escape(meaning)]
    lines += [".SH EXIT STATUS"]
    for status in ExitStatus:
        lines += [".TP", _bold(str(int(status))), escape(EXIT_STATUSES[status])]
    lines += [
        ".SH SEE ALSO",
        ", ".join(f"{_bold(f'{PROG}-{name}')}(1)" for name, _, _ in commands),
        ".PP",
        f"The README and the pages of docs/ in {PROG}'s source distribution: queries, "
        "formats and the JSON contract, pictures, control, disputes, the data file, imports, "
        "errors, shell completion.",
    ]
    return "\n".join(lines) + "\n"


def _command_page(name: str, command: Any, ctx: Any, date: str) -> str:
    """eastsyria-COMMAND(1): one command, as `eastsyria COMMAND --help` tells it."""
    lines = [
        *_header(f"{PROG}-{name}", f"{PROG}-{name}", _summary(command), date),
        ".SH SYNOPSIS",
        _bold(_usage(command, ctx)),
        ".SH DESCRIPTION",
        *_paragraphs(command.help or "")[1:],
        *_parameters(command, ctx),
        ".SH SEE ALSO",
        f"{_bold(PROG)}(1): the global options ({_bold('--data')} {_italic('PATH')}), the "
        "conventions every command keeps, the environment and the exit statuses.",
    ]
    return "\n".join(lines) + "\n"


def pages(date: str = "") -> dict[str, str]:
    """Every page by its file name: eastsyria.1, then eastsyria-COMMAND.1 for each command,
    dated `date` (the .TH line's, quoted)."""
    _, _, commands = _commands()
    written = {f"{PROG}.1": render(date)}
    for name, command, ctx in commands:
        written[f"{PROG}-{name}.1"] = _command_page(name, command, ctx, date)
    return written


def committed_date(folder: Path) -> str:
    """The date of the pages in `folder` ('"2026-12-07"', as the .TH line has it), or ""."""
    page = folder / f"{PROG}.1"
    lines = page.read_text(encoding="utf-8").splitlines() if page.exists() else []
    found = [m[1] for line in lines[:3] if (m := re.match(r'\.TH \S+ 1 ("[^"]*")', line))]
    return found[0] if found else '""'


def main(argv: list[str]) -> int:
    """`python -m eastsyria.cli.manpage [--check] FOLDER`: write every page into FOLDER,
    dated today if their text changed (else they keep their date: the same commands make the
    same bytes); with --check, compare them with FOLDER's instead and exit 1 if any
    differs, is missing or is left over. Without FOLDER, eastsyria(1) goes to stdout."""
    check = "--check" in argv
    folders = [Path(arg) for arg in argv if arg != "--check"]
    if not folders:
        if check:
            print("usage: python -m eastsyria.cli.manpage --check FOLDER", file=sys.stderr)
            return 2
        sys.stdout.write(render())
        return 0
    folder = folders[0]
    made = pages(committed_date(folder))
    kept = {p.name: p.read_text(encoding="utf-8") for p in folder.glob(f"{PROG}*.1")}
    if not check:
        if made != kept:
            import datetime

            made = pages(f'"{datetime.datetime.now(datetime.UTC).date().isoformat()}"')
        folder.mkdir(parents=True, exist_ok=True)
        for stale in set(kept) - set(made):
            (folder / stale).unlink()
        for name, page in made.items():
            (folder / name).write_text(page, encoding="utf-8")
        return 0
    wrong = sorted(name for name in set(made) | set(kept) if made.get(name) != kept.get(name))
    if wrong:
        print(
            f"{', '.join(wrong)} in {folder} not what the commands make now: "
            f"python -m eastsyria.cli.manpage {folder}",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
