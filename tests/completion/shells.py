"""Real bash, zsh and fish in tmux panes, for tests that press TAB as a person would.

Each shell starts with no user configuration (bash --norc, zsh -f with compinit, fish
--no-config) in a private tmux server, loads the script `eastsyria --show-completion` prints
for it, as a user would, with this virtual environment's `eastsyria` first on PATH.

Missing tmux or a shell skips that shell's tests, except in CI (CI=true), where it fails.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

SHELLS = ("bash", "zsh", "fish")
PROMPT = "es$ "
VENV_BIN = Path(sys.executable).parent
STARTS = {
    "bash": ["bash", "--norc", "--noprofile"],
    "zsh": ["zsh", "-f"],
    "fish": ["fish", "--no-config", "--private"],
}
SETUP = {
    "bash": f"PS1='{PROMPT}'; eval \"$(eastsyria --show-completion)\"",
    "zsh": f"PS1='{PROMPT}'; autoload -Uz compinit; compinit -u -D; "
    'eval "$(eastsyria --show-completion)"',
    "fish": f"function fish_prompt; printf '{PROMPT}'; end; set -g fish_autosuggestion_enabled 0;"
    " eastsyria --show-completion | source",
}
STATUS = {"bash": "$?", "zsh": "$?", "fish": "$status"}
# Seconds any one step may take (tmux answering, the shell showing what was typed or
# completed): far above what it takes on a machine busy with a second full run.
TIMEOUT = 60.0


def _missing(shell: str) -> list[str]:
    return [tool for tool in ("tmux", shell) if shutil.which(tool) is None]


class Pane:
    """One shell in a tmux pane of a private tmux server."""

    def __init__(self, server: Path, shell: str, home: Path, width: int = 200) -> None:
        self.shell = shell
        self.home = home
        self.session = home.name  # one per pane: two panes of one shell may be open at once
        self.tmux = ["tmux", "-f", os.devnull, "-S", str(server)]
        env = {
            "HOME": str(home),
            "PATH": f"{VENV_BIN}:/usr/local/bin:/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "TERM": "xterm-256color",
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_DATA_HOME": str(home / "data"),
            "EASTSYRIA_CACHE_DIR": str(home / "cache"),
            "NO_COLOR": "1",
        }
        command = shlex.join(["env", "-i", *(f"{k}={v}" for k, v in env.items()), *STARTS[shell]])
        session = ["-s", self.session, "-c", str(home)]
        self._tmux("new-session", "-d", "-x", str(width), "-y", "50", *session)
        self._tmux("respawn-pane", "-k", "-t", self.session, "-c", str(home), command)
        # Keys sent before the shell is ready (Ctrl-C above all) would reach it too early.
        self.wait(lambda: any(line.strip() for line in self.screen()), "the first prompt")
        self.type(f"{SETUP[shell]}; clear")
        self.keys("Enter")
        self.wait(self._clear, "the shell set up")

    def _clear(self) -> bool:
        return [line.rstrip() for line in self.screen()][:2] == [PROMPT.rstrip(), ""]

    def _tmux(self, *args: str) -> str:
        # A loaded machine (a parallel run, other work) may take seconds to start a server
        # or answer: the deadline is for a hung tmux, not a slow one.
        done = subprocess.run(
            [*self.tmux, *args], capture_output=True, text=True, check=False, timeout=TIMEOUT
        )
        if done.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args[:1])} failed: {done.stderr.strip()}")
        return done.stdout

    def screen(self) -> list[str]:
        # -J: a long command line comes back whole, with its trailing space.
        return self._tmux("capture-pane", "-p", "-J", "-t", self.session).splitlines()

    def line(self) -> str:
        """The command line being edited: the last line that starts with the prompt."""
        lines = [line for line in self.screen() if line.startswith(PROMPT)]
        return lines[-1].removeprefix(PROMPT) if lines else ""

    def wait(self, check: Callable[[], bool], what: str, timeout: float = TIMEOUT) -> None:
        """Until `check()` holds: every wait is for a condition, none for a fixed time."""
        deadline = time.monotonic() + timeout
        pause = 0.01
        while not check():
            if time.monotonic() > deadline:
                shown = "\n".join(self.screen())
                raise AssertionError(f"{self.shell}: timed out waiting for {what}:\n{shown}")
            time.sleep(pause)
            # Each look at the screen is a tmux process, and a busy machine's CPU is what the
            # suite waits on: a short wait is seen within 10-30 ms, a long one every 50 ms.
            pause = min(pause * 2, 0.05)

    def type(self, text: str) -> None:
        self._tmux("send-keys", "-t", self.session, "-l", "--", text)

    def keys(self, *names: str) -> None:
        self._tmux("send-keys", "-t", self.session, *names)

    def clear(self) -> None:
        # Not Ctrl-C: its signal overtakes keys typed after it and would cancel them.
        self.keys("C-e", "C-u", "C-l")
        self.wait(self._clear, "a clear screen")

    def run(self, command: str) -> list[str]:
        """Run `command` to its end; the screen lines it printed."""
        self.clear()
        self.type(f"{command}; echo :DONE:{STATUS[self.shell]}")
        self.keys("Enter")
        self.wait(lambda: any(ln.startswith(":DONE:") for ln in self.screen()), command)
        return self.screen()

    def tab(self, typed: str, done: Callable[[str], bool]) -> str:
        """Type `typed` on a clear line, press Tab, and return the line once `done` says so."""
        self.clear()
        self.type(typed)
        self.wait(lambda: self.line() == typed, f"the typed line {typed!r}")
        self.keys("Tab")
        self.wait(lambda: done(self.line()), f"Tab to complete {typed!r}")
        return self.line()


@contextlib.contextmanager
def tmux_server() -> Iterator[Path]:
    """The socket of a private tmux server, killed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="es-tmux-"))
    socket = folder / "s"
    try:
        yield socket
    finally:
        if shutil.which("tmux") is not None:
            subprocess.run(
                ["tmux", "-S", str(socket), "kill-server"], capture_output=True, timeout=TIMEOUT
            )
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def open_pane(server: Path, shell: str, width: int = 200) -> Iterator[Pane]:
    """`shell` set up in a pane of `server`, in a fresh home folder; skipped (failed in CI)
    when tmux or the shell is missing."""
    missing = _missing(shell)
    if missing:
        message = f"{shell} completion needs {' and '.join(missing)} installed"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} (CI must install it: see .ci/run)")
        pytest.skip(message)
    home = Path(tempfile.mkdtemp(prefix=f"es-{shell}-"))
    try:
        yield Pane(server, shell, home, width)
    finally:
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="module", name="server")
def server_fixture() -> Iterator[Path]:
    """A private tmux server for a test module (import it to use it)."""
    with tmux_server() as socket:
        yield socket


@pytest.fixture(scope="module", name="pane", params=SHELLS)
def pane_fixture(request: pytest.FixtureRequest, server: Path) -> Iterator[Pane]:
    """Each shell in turn, one pane for the whole module (import it to use it)."""
    with open_pane(server, request.param) as opened:
        yield opened
