"""A short run of the long fuzz (benchmarks/fuzz.py): random whole runs of every command,
format and importer, with hostile data, odd widths and calendar edges, end well
(security/fuzzcases.py says what ending badly is). The seeds are fixed, so a failure here
is the same failure every time: `python benchmarks/fuzz.py --seed N -v` runs it alone.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest

from security import fuzzcases

RUNS = int(os.environ.get("EASTSYRIA_FUZZ_EXAMPLES", "160"))
# Far above what any case takes (the slowest, a report, well under a second): a case over it
# is a hang, not a slow machine.
LIMIT = 60


class _Hang(BaseException):
    pass


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise _Hang


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> fuzzcases.Files:
    return fuzzcases.prepare(tmp_path_factory.mktemp("fuzz-files"))


@pytest.fixture
def case_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.chdir(tmp_path)
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    try:
        yield tmp_path
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("block", range(8))
def test_random_runs_end_well(files: fuzzcases.Files, case_folder: Path, block: int) -> None:
    found = []
    for seed in range(block, RUNS, 8):
        folder = case_folder / str(seed)
        folder.mkdir()
        case = fuzzcases.make_case(seed, files, folder)
        signal.setitimer(signal.ITIMER_REAL, LIMIT)
        try:
            problem = fuzzcases.verdict(case)
        except _Hang:
            problem = f"hang: over {LIMIT} s"
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        if problem is not None:
            found.append((seed, problem, " ".join(case.args), case.width, case.terminal))
    assert found == []
