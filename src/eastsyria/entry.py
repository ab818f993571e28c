"""The `eastsyria` console script: completion fast path first, then the Typer CLI.

Errors from the core become one line on stderr and exit 2 here, at the boundary; a closed
pipe ends quietly and Ctrl-C exits 130, never with a traceback.
"""

from __future__ import annotations

import contextlib
import os
import sys

from eastsyria.options import COMPLETE_VAR, PROG


def _quiet_stdout() -> None:
    # After a closed pipe, Python would complain again when it flushes stdout at exit.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _error(message: str) -> None:
    with contextlib.suppress(OSError, ValueError):
        print(f"{PROG}: error: {message}", file=sys.stderr)


def run(args: list[str] | None = None) -> int:
    """Run the CLI and return its exit status."""
    from eastsyria.errors import EastsyriaError, ExitStatus

    try:
        if COMPLETE_VAR in os.environ:
            from eastsyria.completion import fast_complete

            if fast_complete():
                return ExitStatus.OK
        from typer import main as typer_main
        from typer._click.exceptions import ClickException, NoArgsIsHelpError

        from eastsyria.cli import app

        command = typer_main.get_command(app)
        try:
            result = command.main(args=args, prog_name=PROG, standalone_mode=False)
        except NoArgsIsHelpError as exc:
            if exc.ctx is not None:
                print(exc.ctx.get_help())
            return ExitStatus.OK
        except ClickException as exc:
            hint = ""
            ctx = getattr(exc, "ctx", None)
            if ctx is not None:
                hint = f" (see '{ctx.command_path} --help')"
            _error(f"{exc.format_message()}{hint}")
            return ExitStatus.USAGE if exc.exit_code == 2 else exc.exit_code
        if result == ExitStatus.INTERRUPTED:
            # Typer turns Ctrl-C inside a command into a silent Exit(130).
            _quiet_stdout()
            _error("interrupted")
            return ExitStatus.INTERRUPTED
        sys.stdout.flush()
        return result if isinstance(result, int) else ExitStatus.OK
    except EastsyriaError as exc:
        _error(exc.message)
        return exc.status
    except BrokenPipeError:
        _quiet_stdout()
        return ExitStatus.OK
    except KeyboardInterrupt:
        _error("interrupted")
        return ExitStatus.INTERRUPTED


def main() -> None:
    # A terminal or pipe that cannot encode a name (LANG=C, PYTHONIOENCODING=ascii) gets a
    # replacement character instead of a UnicodeEncodeError.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    sys.exit(run())
