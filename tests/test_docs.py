"""The README documents every command and option, its set-up commands stay true, and every
example in it shows what the program really prints today.

`UPDATE_README=1 python3 -m pytest tests/test_docs.py` rewrites the examples' output.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.main import get_command

from conftest import WIDTH, subprocess_env
from eastsyria.cli.app import app

README_PATH = Path(__file__).resolve().parents[1] / "README.md"
README = README_PATH.read_text(encoding="utf-8")
ROOT_COMMAND = get_command(app)
COMMANDS = sorted(ROOT_COMMAND.commands)  # type: ignore[attr-defined]

# A console block: "$ command" on its first line, then what it prints.
EXAMPLE = re.compile(r"```console\n\$ (?P<command>[^\n]+)\n(?P<output>.*?)```", re.DOTALL)
EXAMPLES = [match.group("command") for match in EXAMPLE.finditer(README)]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_documented_with_an_example(name: str) -> None:
    assert re.search(rf"^\$ eastsyria (--data \S+ )?{name}\b", README, re.MULTILINE), name


@pytest.mark.parametrize(
    ("command", "option"),
    [
        (name, option)
        for name in COMMANDS
        for param in ROOT_COMMAND.commands[name].params  # type: ignore[attr-defined]
        for option in param.opts
        if option.startswith("--")
    ]
    + [
        ("eastsyria", option)
        for p in ROOT_COMMAND.params
        for option in p.opts
        if option.startswith("--")
    ],
)
def test_every_option_is_documented(command: str, option: str) -> None:
    assert f"`{option}" in README or f" {option} " in README, (command, option)


def test_the_two_setup_commands_are_there() -> None:
    assert 'eastsyria events --from 2017-11-01 --place "Abu Kamal"' in README
    block = README.split("<!-- test-command -->", 1)[1]
    command = re.search(r"```bash\n(.+?)\n```", block, re.DOTALL)
    assert command is not None
    assert "[test]" in command.group(1)
    assert "pytest" in command.group(1)


def _run_example(command: str) -> subprocess.CompletedProcess[str]:
    """Run a README command as a user would, with this interpreter's `eastsyria`."""
    program = f"{sys.executable} -m eastsyria"
    shell_line = re.sub(r"(^|\| |&& )eastsyria ", rf"\g<1>{program} ", command)
    return subprocess.run(
        ["bash", "-o", "pipefail", "-c", shell_line],
        capture_output=True,
        text=True,
        encoding="utf-8",
        # What a reader sees on a terminal, not the TSV a pipe gets.
        env=subprocess_env(COLUMNS=str(WIDTH), EASTSYRIA_FORCE_TTY="1"),
        timeout=60,
        check=False,
        cwd=README_PATH.parent,
    )


def _expected_output(result: subprocess.CompletedProcess[str]) -> str:
    # An error example shows its stderr line; anything else shows stdout only.
    shown = result.stdout if result.returncode == 0 else result.stderr
    return "\n".join(line.rstrip() for line in shown.splitlines()) + "\n"


@pytest.mark.parametrize("command", EXAMPLES)
def test_every_readme_example_shows_its_real_output(command: str) -> None:
    if "| jq" in command and shutil.which("jq") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("jq is not installed; .ci/run installs it")
        pytest.skip("jq is not installed")
    result = _run_example(command)
    assert "Traceback" not in result.stderr
    if result.returncode != 0:
        assert result.returncode == 2, result.stderr
        assert result.stdout == ""
    expected = _expected_output(result)
    match = next(m for m in EXAMPLE.finditer(README) if m.group("command") == command)
    if os.environ.get("UPDATE_README"):
        current = README_PATH.read_text(encoding="utf-8")
        current = current.replace(match.group(0), f"```console\n$ {command}\n{expected}```", 1)
        README_PATH.write_text(current, encoding="utf-8")
        return
    assert match.group("output") == expected, f"README example is out of date: {command}"


def _formats_table() -> str:
    from eastsyria.output.formats import COMMAND_FORMATS, FORMATS

    lines = ["| format | what it writes | commands |", "| --- | --- | --- |"]
    for name, fmt in FORMATS.items():
        commands = [command for command, names in COMMAND_FORMATS.items() if name in names]
        lines.append(f"| `{name}` | {fmt.help} | {', '.join(commands)} |")
    return "\n".join(lines)


def test_the_readme_table_of_formats_comes_from_the_registry() -> None:
    start, end = "<!-- formats -->\n", "<!-- /formats -->"
    current = README.split(start, 1)[1].split(end, 1)[0]
    expected = _formats_table() + "\n"
    if os.environ.get("UPDATE_README"):
        text = README_PATH.read_text(encoding="utf-8")
        README_PATH.write_text(text.replace(start + current, start + expected), encoding="utf-8")
        return
    assert current == expected
