"""The `eastsyria` console script: completion fast path first, then the Typer CLI.

Errors from the core become one line on stderr and exit 2 here, at the boundary; a full or
closed stdout exits 74, running out of memory 1; a closed pipe ends quietly and Ctrl-C exits
130, wherever it lands, never with a traceback. The environment (streams, terminal, colour,
width) is built here once and handed down to every command.

A Ctrl-C while this module loads is caught by the `eastsyria` script itself
(scripts/eastsyria); from `main` on, here.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from typing import TYPE_CHECKING

from eastsyria.errors import EastsyriaError, ExitStatus, InputError, OutputError

if TYPE_CHECKING:
    from collections.abc import Iterator

    from eastsyria.output.environment import Environment

# Set by `_unraisable`: a Ctrl-C that Python could not raise where it landed.
_interrupted_quietly = False


def _quiet_stdout() -> None:
    # After a closed pipe or a failed write, Python would complain again when it flushes
    # stdout at exit.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):
        pass


def _say_interrupted() -> None:
    # Straight to the descriptor: no stream object may be half-built when Ctrl-C lands.
    with contextlib.suppress(OSError):
        os.write(2, b"eastsyria: error: interrupted\n")


def run(args: list[str] | None = None, env: Environment | None = None) -> int:
    """Run the CLI on `args` (else sys.argv) against `env` (else this process's streams)."""
    from eastsyria.cli.spec import COMPLETE_VAR
    from eastsyria.output.environment import Environment

    if env is None:
        env = Environment.from_process()
    try:
        if COMPLETE_VAR in os.environ:
            from eastsyria.cli.completion import fast_complete

            if fast_complete(env.stdout):
                return ExitStatus.OK
        _check_words(sys.argv[1:] if args is None else args)
        return _run_click(args, env)
    except EastsyriaError as exc:
        if isinstance(exc, OutputError):
            _quiet_stdout()
        env.error(exc.message)
        return exc.status
    except MemoryError:
        env.error(
            "out of memory: the data file is too large for this machine "
            "(see 'Your own data file' in the README for the size limit)"
        )
        return ExitStatus.FAILED
    except (BrokenPipeError, SystemExit) as exc:
        # Typer answers a closed pipe inside a command with a bare sys.exit(1).
        closed_pipe = isinstance(exc, BrokenPipeError) or isinstance(
            exc.__context__, BrokenPipeError
        )
        if not closed_pipe:
            raise
        _quiet_stdout()
        return ExitStatus.OK
    except KeyboardInterrupt:
        env.error("interrupted")
        return ExitStatus.INTERRUPTED


def _check_words(args: list[str]) -> None:
    """A NUL cannot reach a program from a shell (arguments are C strings), nor a lone
    surrogate, only a caller in Python; every file name and filter would refuse them later,
    some with a traceback, so they are refused once here."""
    for number, word in enumerate(args, start=1):
        if "\x00" in word:
            raise InputError(f"argument {number} contains a NUL character; leave it out")
        # Nor can a surrogate no bytes stand for ('\ud800'): bytes that are not UTF-8 come
        # in as surrogateescape's '\udc80'-'\udcff', which do encode back, and stay.
        try:
            os.fsencode(word)
        except UnicodeEncodeError:
            raise InputError(
                f"argument {number} contains a character no argument of a program can hold"
                " (a lone surrogate); leave it out"
            ) from None


def _run_click(args: list[str] | None, env: Environment) -> int:
    from typer._click.exceptions import ClickException, NoArgsIsHelpError

    from eastsyria import PROG
    from eastsyria.cli.app import click_command
    from eastsyria.errors import ExitStatus

    command = click_command(sys.argv[1:] if args is None else args)
    try:
        with _click_writes_through(env):
            result = command.main(args=args, prog_name=PROG, standalone_mode=False, obj=env)
    except NoArgsIsHelpError as exc:
        if exc.ctx is not None:
            print(exc.ctx.get_help(), file=env.stdout)
        return ExitStatus.OK
    except ClickException as exc:
        ctx = getattr(exc, "ctx", None)
        hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
        message = exc.format_message()
        wanted = _values_wanted(exc)
        env.error(f"{message.rstrip('.') + wanted if wanted else message}{hint}")
        return ExitStatus.USAGE if exc.exit_code == ExitStatus.USAGE else exc.exit_code
    if result == ExitStatus.INTERRUPTED:
        # Typer turns Ctrl-C inside a command into a silent Exit(130).
        _quiet_stdout()
        env.error("interrupted")
        return ExitStatus.INTERRUPTED
    env.answering()
    env.stdout.flush()
    return result if isinstance(result, int) else ExitStatus.OK


@contextlib.contextmanager
def _click_writes_through(env: Environment) -> Iterator[None]:
    """Click and Typer write help and completion scripts to `sys.stdout` themselves: while
    they run, that is the environment's checked stream, so a full disk or a closed stdout
    is the one line and exit 74 of any other answer, not a traceback or a silent 0."""
    from eastsyria.output.environment import OutputStream

    if not isinstance(env.stdout, OutputStream):
        yield
        return
    process_stdout = sys.stdout
    sys.stdout = env.stdout
    try:
        yield
    finally:
        sys.stdout = process_stdout


def _values_wanted(exc: Exception) -> str:
    """': --diff DATE1 DATE2' after Click's "Option '--diff' requires 2 arguments"."""
    from eastsyria.cli.spec import ALL

    flag = getattr(exc, "option_name", None)
    declared = next((o for o in ALL if flag in o.flags and o.values > 1), None)
    return f": {flag} {declared.metavar}" if declared is not None else ""


def main() -> None:
    # One short-lived process: the cyclic garbage collector would only walk, again and again,
    # the objects that imports and the loaded dataset create (millions at 100,000 events,
    # none of them in a cycle). Measured with benchmarks/: a run leaves about 1,500 objects
    # in cycles whatever the data size; turning the collector off saves ~4 ms at start-up and
    # over a second when a large dataset is loaded. `run` (what tests call) leaves it alone.
    try:
        sys.unraisablehook = _unraisable
        gc.disable()
        # A terminal or pipe that cannot encode a name (LANG=C, PYTHONIOENCODING=ascii) gets
        # a replacement character instead of a UnicodeEncodeError.
        for stream in (sys.stdout, sys.stderr):
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(errors="replace")
        status = run()
        if _interrupted_quietly:
            raise KeyboardInterrupt
        _end(status)
    except Exception as exc:
        # Ctrl-C while the program was still loading, before `run` could catch it: Python
        # wraps it in the error of what it interrupted (a class's __set_name__, a RuntimeError).
        if not _caused_by_interrupt(exc):
            raise
        status = _interrupted()
    except KeyboardInterrupt:
        status = _interrupted()
    sys.exit(status)


def _end(status: int) -> None:
    """End the process once its output is out: flush, run the atexit handlers, then leave
    without freeing every object still alive, one by one (a large answer's records and
    views: a tenth of a second per 30,000 events) nor a last garbage collection."""
    import atexit

    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except BrokenPipeError:
            _quiet_stdout()
        except (OSError, ValueError):
            pass
    atexit._run_exitfuncs()
    os._exit(status)


def _unraisable(unraisable: sys.UnraisableHookArgs) -> None:
    """A Ctrl-C that lands in a callback Python cannot raise from (a weak reference's, while a
    module loads) would be printed as 'Exception ignored' and then lost: it is kept, and the
    program ends as interrupted. (Raising it again from here lands in this hook itself.)"""
    global _interrupted_quietly  # noqa: PLW0603 - one flag for the whole process
    if isinstance(unraisable.exc_value, KeyboardInterrupt):
        _interrupted_quietly = True
    else:
        sys.__unraisablehook__(unraisable)


def _caused_by_interrupt(exc: BaseException) -> bool:
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, KeyboardInterrupt):
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return False


def _interrupted() -> int:
    _quiet_stdout()
    _say_interrupted()
    return ExitStatus.INTERRUPTED
