"""Shared fixtures: an isolated cache, a fixed terminal width, and ways to run the CLI."""

from __future__ import annotations

import copy
import io
import json
import os
import re
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from eastsyria.cli import entry
from eastsyria.output.environment import Environment, wants_colour

# pytest keeps each test module's rewritten assertions in __pycache__, unless bytecode may
# not be written (PYTHONDONTWRITEBYTECODE, set on some machines): then every run of every
# worker rewrites all of them again, seven seconds before the first test. The cache is
# only ever read back by this same interpreter, and git ignores it.
sys.dont_write_bytecode = False

TESTS = Path(__file__).resolve().parent
MINI = TESTS / "data" / "mini.json"
WIDTH = 100


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """`-n auto` (pyproject's addopts): one worker per core and one more, since a third of a
    worker's time goes to waiting for a shell under tmux or a browser to show something
    (on 2 cores: 75 s with 3 workers, 85 s with 2, 81 s with 4). None under mutmut, which
    runs pytest in its own process and must see every test call the code it mutated, and
    none when tests rewrite the docs (UPDATE_README=1...): each test reads, changes and
    writes the same file, and two at once would lose one's change."""
    if "mutmut" in sys.modules or "MUTANT_UNDER_TEST" in os.environ:
        return 0
    if any(name.startswith("UPDATE_") and value for name, value in os.environ.items()):
        return 0
    return len(os.sched_getaffinity(0)) + 1


@dataclass
class Result:
    status: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture(autouse=True)
def _isolated(
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """No inherited data file or colour, and a fixed width; a cache shared by the tests of
    this worker, so that the shipped data is validated once, not once for each of some 3,000
    tests (a sixtieth of a second in-process, a quarter of one in a new process).

    A test of the cache itself, or of what a cold start imports, is marked `private_cache`
    (a module's `pytestmark`): it gets an empty cache of its own."""
    if request.node.get_closest_marker("private_cache"):
        cache = tmp_path_factory.mktemp("cache")
    else:
        cache = tmp_path_factory.getbasetemp() / "shared-cache"
        cache.mkdir(exist_ok=True)
    monkeypatch.setenv("EASTSYRIA_CACHE_DIR", str(cache))
    for name in ("EASTSYRIA_DATA", "EASTSYRIA_NO_CACHE", "FORCE_COLOR", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", str(WIDTH))
    monkeypatch.setenv("LINES", "50")


@pytest.fixture(autouse=True)
def _ctrl_c_as_on_a_terminal() -> Iterator[None]:
    """Ctrl-C reaches the test, and the programs it starts, as it would on a terminal.

    pytest-xdist's workers ignore SIGINT (their controller takes Ctrl-C), and a program
    started with SIGINT ignored keeps ignoring it: every Ctrl-C test would see the program
    run to its end."""
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        yield
        return
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)


Run = Callable[..., Result]


class TextStream(io.StringIO):
    """A string stream that says which encoding it stands for (a real stdout does)."""

    def __init__(self, encoding: str = "utf-8") -> None:
        super().__init__()
        self._encoding = encoding

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding


class FakeEnvironment(Environment):
    """String streams instead of the process's, as httpie's MockEnvironment: the width is
    COLUMNS (a test may narrow it), colour follows NO_COLOR/FORCE_COLOR as for a real stream."""

    def __init__(self, *, encoding: str = "utf-8", isatty: bool = False) -> None:
        self.out = TextStream(encoding)
        self.err = TextStream(encoding)
        width = int(os.environ.get("COLUMNS", WIDTH))
        super().__init__(self.out, self.err, colour=wants_colour(isatty), width=width)


class TerminalStream(TextStream):
    """A string stream that says it is a terminal, as a person's stdout is."""

    def isatty(self) -> bool:
        return True


def run_on_terminal(*args: str, encoding: str = "utf-8") -> Result:
    """The command as a person runs it on a real terminal (not a table forced onto a pipe),
    without colour."""
    env = FakeEnvironment(encoding=encoding)
    env.out = env.stdout = TerminalStream(encoding)
    status = entry.run(list(args), env)
    return Result(int(status), env.out.getvalue(), env.err.getvalue())


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """Run the CLI in-process against a fake environment; stdout and stderr apart.

    Click writes its own help and usage text straight to the process's streams, so what
    they caught is added after the environment's.
    """

    def invoke(*args: str) -> Result:
        env = FakeEnvironment()
        status = entry.run(list(args), env)
        captured = capsys.readouterr()
        return Result(
            int(status), env.out.getvalue() + captured.out, env.err.getvalue() + captured.err
        )

    return invoke


def subprocess_env(**extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("EASTSYRIA_", "_EASTSYRIA", "_TYPER", "COMP_"))
    }
    env.update({"COLUMNS": str(WIDTH), "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"})
    env["EASTSYRIA_CACHE_DIR"] = os.environ["EASTSYRIA_CACHE_DIR"]
    env.update(extra)
    return env


def run_process(
    *args: str, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """The real program in a subprocess: `python -m eastsyria ARGS`."""
    return subprocess.run(
        [sys.executable, "-m", "eastsyria", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=env or subprocess_env(),
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="session")
def mini_document() -> dict[str, Any]:
    return json.loads(MINI.read_text(encoding="utf-8"))


@pytest.fixture
def write_data(tmp_path: Path, mini_document: dict[str, Any]) -> Iterator[Callable[..., Path]]:
    """Write a data file: the mini dataset changed by `change`, or raw bytes/text as given."""
    counter = iter(range(10_000))

    def write(
        change: Callable[[dict[str, Any]], object] | None = None,
        *,
        raw: bytes | str | None = None,
    ) -> Path:
        path = tmp_path / f"data-{next(counter)}.json"
        if raw is not None:
            path.write_bytes(raw.encode("utf-8") if isinstance(raw, str) else raw)
            return path
        document = copy.deepcopy(mini_document)
        if change is not None:
            change(document)
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        return path

    return write


def ids(result: Result) -> list[str]:
    return [event["id"] for event in result.json()]


def zsh_values(reply: str) -> list[tuple[str, str]]:
    """The (value, description) pairs of a zsh reply, read as zsh and `_describe` read them."""
    head, values, tail = reply.split(";")
    assert head == "local -a _eastsyria_values"
    assert re.fullmatch(r"_describe -t values \$'\w+' _eastsyria_values", tail), tail
    assert re.fullmatch(r"_eastsyria_values=\(.*\)", values), values
    pairs = []
    for word in values.removeprefix("_eastsyria_values=(").removesuffix(")").split(" "):
        # Nothing zsh could expand: letters, digits and \xHH bytes in one $'...' string.
        assert re.fullmatch(r"\$'(?:[A-Za-z0-9]|\\x[0-9a-f]{2})*'", word), word
        data = re.sub(rb"\\x([0-9a-f]{2})", lambda m: bytes([int(m[1], 16)]), word[2:-1].encode())
        # `_describe` splits at the first `:` not after a backslash, then drops backslashes.
        spec = data.decode("utf-8")
        value, index = "", 0
        while index < len(spec) and spec[index] != ":":
            index += spec[index] == "\\"
            value += spec[index]
            index += 1
        pairs.append((value, re.sub(r"\\(.)", r"\1", spec[index + 1 :])))
    return pairs


def synthetic_document(events: int) -> dict[str, Any]:
    """A dataset of `events` events as benchmarks/synthetic.py writes it (seed 1)."""
    import importlib.util

    path = TESTS.parent / "benchmarks" / "synthetic.py"
    spec = importlib.util.spec_from_file_location("synthetic", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    document: dict[str, Any] = module.generate(events, seed=1)
    return document


def drawn_map(run: Run, folder: Path, width: int, events: int | None = None) -> Path:
    """`map --svg` `width` px wide, saved in `folder`: of the shipped data, or of `events`
    synthetic events (`synthetic_document`)."""
    given: tuple[str, ...] = ()
    if events is not None:
        data = folder / "events.json"
        data.write_text(json.dumps(synthetic_document(events)), encoding="utf-8")
        given = ("--data", str(data))
    target = folder / "map.svg"
    result = run(*given, "map", "--width", str(width), "--svg", str(target))
    assert result.status == 0, result.err
    return target


def drawn_both_ways(
    data: Path, monkeypatch: pytest.MonkeyPatch, args: Callable[[Path], tuple[str, ...]]
) -> list[tuple[str, str, bytes]]:
    """A command on an 80-column terminal from the whole file `data`, then through its store
    (kept beside it): each time its stdout, stderr and the picture it saved, if `args` (given
    where to save one) asked for it."""
    monkeypatch.setenv("EASTSYRIA_CACHE_DIR", str(data.parent / "cache"))
    monkeypatch.setenv("COLUMNS", "80")
    answers = []
    for store_min_mb in ("1000000", "0"):
        monkeypatch.setenv("EASTSYRIA_STORE_MIN_MB", store_min_mb)
        target = data.parent / f"picture-{store_min_mb}.svg"
        target.unlink(missing_ok=True)
        result = run_on_terminal("--data", str(data), *args(target))
        assert result.status == 0, result.err
        saved = target.read_bytes() if target.exists() else b""
        # Each run says where it wrote its own picture ("wrote FILE").
        answers.append((result.out, result.err.replace(str(target), "PICTURE"), saved))
    return answers
