"""TAB in real bash, zsh and fish, under tmux: what was typed is only ever extended.

Each shell starts with no user configuration (bash --norc, zsh -f with compinit, fish
--no-config) in a private tmux server, loads the script `eastsyria --show-completion` prints
for it, as a user would, with this virtual environment's `eastsyria` first on PATH. A test
types a partial command, presses Tab and reads the command line back from the pane.

Missing tmux, zsh or fish skips that shell's tests, except in CI (CI=true), where it fails.
"""

from __future__ import annotations

import json
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

from conftest import MINI

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


def _missing(shell: str) -> list[str]:
    return [tool for tool in ("tmux", shell) if shutil.which(tool) is None]


class Pane:
    """One shell in a tmux pane of a private tmux server."""

    def __init__(self, server: Path, shell: str, home: Path) -> None:
        self.shell = shell
        self.home = home
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
        self._tmux("new-session", "-d", "-x", "200", "-y", "50", "-s", shell, "-c", str(home))
        self._tmux("respawn-pane", "-k", "-t", shell, "-c", str(home), command)
        # Keys sent before the shell is ready (Ctrl-C above all) would reach it too early.
        self.wait(lambda: any(line.strip() for line in self.screen()), "the first prompt")
        self.type(f"{SETUP[shell]}; clear")
        self.keys("Enter")
        self.wait(self._clear, "the shell set up")

    def _clear(self) -> bool:
        return [line.rstrip() for line in self.screen()][:2] == [PROMPT.rstrip(), ""]

    def _tmux(self, *args: str) -> str:
        done = subprocess.run(
            [*self.tmux, *args], capture_output=True, text=True, check=True, timeout=10
        )
        return done.stdout

    def screen(self) -> list[str]:
        # -J: a long command line comes back whole, with its trailing space.
        return self._tmux("capture-pane", "-p", "-J", "-t", self.shell).splitlines()

    def line(self) -> str:
        """The command line being edited: the last line that starts with the prompt."""
        lines = [line for line in self.screen() if line.startswith(PROMPT)]
        return lines[-1].removeprefix(PROMPT) if lines else ""

    def wait(self, check: Callable[[], bool], what: str, timeout: float = 8) -> None:
        deadline = time.monotonic() + timeout
        while not check():
            if time.monotonic() > deadline:
                shown = "\n".join(self.screen())
                raise AssertionError(f"{self.shell}: timed out waiting for {what}:\n{shown}")
            time.sleep(0.02)

    def type(self, text: str) -> None:
        self._tmux("send-keys", "-t", self.shell, "-l", "--", text)

    def keys(self, *names: str) -> None:
        self._tmux("send-keys", "-t", self.shell, *names)

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


@pytest.fixture(scope="module")
def server() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="es-tmux-"))
    socket = folder / "s"
    yield socket
    if shutil.which("tmux") is not None:
        subprocess.run(["tmux", "-S", str(socket), "kill-server"], capture_output=True)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module", params=SHELLS)
def pane(request: pytest.FixtureRequest, server: Path) -> Iterator[Pane]:
    shell: str = request.param
    missing = _missing(shell)
    if missing:
        message = f"{shell} completion needs {' and '.join(missing)} installed"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} (CI must install it: see .ci/run)")
        pytest.skip(message)
    home = Path(tempfile.mkdtemp(prefix=f"es-{shell}-"))
    try:
        yield Pane(server, shell, home)
    finally:
        shutil.rmtree(home, ignore_errors=True)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        # Aliases such as "Abukamal" fold like "Abu K" but are not offered beside the name.
        ('events --place "Abu K', 'events --place "Abu Kamal'),
        ("events --place Deir\\ ez", "events --place Deir\\ ez-Zor"),
        ("events --actor Hezb", "events --actor Hezbollah"),
        ("events --format js", "events --format json"),
        ("events --place Albu", "events --place Albu\\ Kamal"),
        # Nothing starts with "abu k" as typed: the name is continued from what was typed.
        ("events --place 'abu k", "events --place 'abu kamal"),
        ("events --place=Deir\\ ez-Zor\\ G", "events --place=Deir\\ ez-Zor\\ Governorate"),
        # Arabic names (aliases) continue an Arabic prefix, typed without a hamza too.
        ("events --place البو", "events --place البوكمال"),
        ('events --place "دير ال', 'events --place "دير الزور'),
        ("events --place ابو\\ ك", "events --place ابو\\ كمال"),
        ("events --actor حزب", "events --actor حزب\\ الله"),
    ],
)
def test_tab_extends_what_was_typed(pane: Pane, typed: str, expected: str) -> None:
    # fish closes a quote it completes inside even when more than one name fits.
    wanted = f"eastsyria {expected}".rstrip("\"' ")
    line = pane.tab(f"eastsyria {typed}", lambda line: line.rstrip("\"' ") == wanted)
    assert line.startswith(f"eastsyria {typed}"), line


# Places named to run code, each with the start typed to complete it. Paths are relative to
# the shell's folder, so that three completed names fit on one line of the pane.
HOSTILE = {
    "Dol": "Dol $(touch m/dollar) ${HOME}",
    "Tic": "Tic `touch m/tick`",
    "Squ": "Squ '; touch m/squote; '",
    "Dqu": 'Dqu "; touch m/dquote; "',
    "Sem": "Sem; touch m/semi & echo > m/redirect | cat",
    "Ban": "Ban !! \\ (b): =x!",
    "New": "New\n$(touch m/newline)",
}


def _hostile_data(home: Path) -> None:
    """`h.json` in `home`: the mini dataset with the places above; `m/` empty."""
    shutil.rmtree(home / "m", ignore_errors=True)
    (home / "m").mkdir()
    document = json.loads(MINI.read_text(encoding="utf-8"))
    document["places"] += [
        {
            "id": f"hostile-{index}",
            "name": name,
            "kind": "town",
            "country": "Syria",
            "lat": 35.0,
            "lon": 40.0,
            "coord_precision_km": 1,
        }
        for index, name in enumerate(HOSTILE.values())
    ]
    (home / "h.json").write_text(json.dumps(document), encoding="utf-8")


@pytest.mark.parametrize("quote", ["", '"', "'"])
def test_hostile_names_are_inserted_literally_and_never_run(pane: Pane, quote: str) -> None:
    _hostile_data(pane.home)
    for starts in (("Dol", "Tic", "Squ"), ("Dqu", "Sem", "Ban")):
        pane.clear()
        pane.type("eastsyria --data h.json events ")
        for start in starts:
            typed = f"--place {quote}{start}"
            pane.type(typed)
            pane.wait(lambda t=typed: pane.line().endswith(t), f"typing {typed!r}")
            pane.keys("Tab")
            # One match: the shell inserts it whole, closes the quote and adds a space.
            pane.wait(lambda t=typed: pane.line().endswith(" "), f"Tab after {typed!r}")
        pane.type(f"--format jsonl > out.jsonl; echo :DONE:{STATUS[pane.shell]}")
        pane.keys("Enter")
        pane.wait(lambda: any(ln.startswith(":DONE:") for ln in pane.screen()), "the command")
        done = [ln for ln in pane.screen() if ln.startswith(":DONE:")]
        # The program knew every place: each name reached it whole, as one word.
        assert done == [":DONE:0"], "\n".join(pane.screen())
    # A name with a newline is never offered: Tab leaves the word as it was.
    pane.clear()
    pane.type(f"eastsyria --data h.json events --place {quote}New")
    pane.keys("Tab")
    pane.type("@")
    pane.wait(lambda: pane.line().endswith("@"), "the key after Tab")
    assert pane.line().endswith(f"--place {quote}New@"), pane.line()
    assert sorted(path.name for path in (pane.home / "m").iterdir()) == []
