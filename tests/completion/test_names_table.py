"""The table of command and option names a TAB reads instead of building the Typer app:
kept by the first TAB that asks Typer, read by every later one without importing Typer,
trusted only as every cache entry is, and never another build's."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from eastsyria import PROG
from eastsyria.cli import commandnames

pytestmark = pytest.mark.private_cache

_TAB = {
    "_EASTSYRIA_COMPLETE": "complete_fish",
    "_TYPER_COMPLETE_ARGS": "eastsyria events --pl",
    "_TYPER_COMPLETE_FISH_ACTION": "get-args",
}
# A TAB in a new process, saying on stderr whether it imported Typer.
_PROBE = (
    "import sys\n"
    "from eastsyria.cli.entry import run\n"
    "status = run([])\n"
    "print('typer' in sys.modules, status, file=sys.stderr)\n"
)


def _tab() -> tuple[str, str]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE],
        env={**os.environ, **_TAB},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout, done.stderr.strip()


def _table_files() -> list[Path]:
    return sorted(Path(os.environ["EASTSYRIA_CACHE_DIR"]).glob("*.commands"))


def test_the_first_tab_keeps_the_table_and_the_next_one_reads_it_without_typer() -> None:
    first, imported = _tab()
    assert imported == "True 0"
    assert [path.name for path in _table_files()] == [f"{commandnames.build_key()}.commands"]
    second, imported = _tab()
    assert imported == "False 0"
    assert second == first
    assert first.startswith("--place\tAt this place")


def test_a_table_anyone_else_could_have_written_is_not_read() -> None:
    _tab()
    assert commandnames.kept_table() is not None
    (table,) = _table_files()
    table.chmod(0o664)  # group-writable: not trusted, as no cache entry would be
    assert commandnames.kept_table() is None
    _, imported = _tab()
    assert imported == "True 0"  # asked Typer again, and kept a table it can trust
    assert commandnames.kept_table() is not None


def test_a_build_keeps_its_own_table_and_drops_other_builds() -> None:
    other = Path(os.environ["EASTSYRIA_CACHE_DIR"]) / f"{'0' * 64}.commands"
    other.parent.mkdir(parents=True, exist_ok=True)
    other.write_bytes(b"another build's table")
    other.chmod(0o600)
    assert commandnames.kept_table() is None
    from typer.main import get_command

    from eastsyria.cli.app import app

    commandnames.keep_table(commandnames.table_of(get_command(app), PROG))
    assert [path.name for path in _table_files()] == [f"{commandnames.build_key()}.commands"]


def test_any_change_to_a_source_file_is_another_build(tmp_path: Path) -> None:
    source = tmp_path / "module.py"
    source.write_text("HELP = 'one'\n")
    before = commandnames._package_files(tmp_path)
    source.write_text("HELP = 'two, longer'\n")
    assert commandnames._package_files(tmp_path) != before
    os.utime(source, ns=(1, 1))
    assert commandnames._package_files(tmp_path) != before
