"""The README and the manual in docs/ document every command and option, the README's set-up
commands stay true, every example in them shows what the program really prints today, and
every page and link leads somewhere.

`UPDATE_README=1 python3 -m pytest tests/test_docs.py` rewrites the examples' output in the
README and in every docs/*.md page (as sqlite-utils' tests/test_docs.py checks its docs).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.main import get_command

from conftest import WIDTH, TextStream, subprocess_env
from eastsyria.cli import entry
from eastsyria.cli.app import app
from eastsyria.output.environment import Environment, OutputStream

ROOT = Path(__file__).resolve().parents[1]
README_PATH = ROOT / "README.md"
README = README_PATH.read_text(encoding="utf-8")
DOCS_DIR = ROOT / "docs"
# The README first, then the manual's pages: every page whose examples are run.
PAGES = [README_PATH, *sorted(DOCS_DIR.glob("*.md"))]
TEXTS = {page: page.read_text(encoding="utf-8") for page in PAGES}
ALL_TEXT = "\n".join(TEXTS.values())
ROOT_COMMAND = get_command(app)
COMMANDS = sorted(ROOT_COMMAND.commands)  # type: ignore[attr-defined]

# A console block: "$ command" on its first line, then what it prints.
EXAMPLE = re.compile(r"```console\n\$ (?P<command>[^\n]+)\n(?P<output>.*?)```", re.DOTALL)
# Each example with its page, in page order and then in the order of the page. Each example
# stands alone (one that reads a file it wrote first writes it too): they run in parallel.
EXAMPLES = [
    pytest.param(page, match.group("command"), id=f"{page.name}: {match.group('command')}")
    for page in PAGES
    for match in EXAMPLE.finditer(TEXTS[page])
]


def test_the_manual_has_pages() -> None:
    assert len(PAGES) > 1, "docs/*.md is missing"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_documented_with_an_example(name: str) -> None:
    assert re.search(rf"^\$ eastsyria (--data \S+ )?{name}\b", ALL_TEXT, re.MULTILINE), name


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_in_the_readme_table_of_commands(name: str) -> None:
    table = README.split("## Commands", 1)[1].split("\n## ", 1)[0]
    assert re.search(rf"^\| `eastsyria [^|]*\b{name}\b", table, re.MULTILINE), name


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
    assert f"`{option}" in ALL_TEXT or f" {option} " in ALL_TEXT, (command, option)


def test_the_two_setup_commands_are_there() -> None:
    assert 'eastsyria events --from 2017-11-01 --place "Abu Kamal"' in README
    block = README.split("<!-- test-command -->", 1)[1]
    command = re.search(r"```bash\n(.+?)\n```", block, re.DOTALL)
    assert command is not None
    assert "[test]" in command.group(1)
    assert "pytest" in command.group(1)


def test_the_two_setup_commands_come_first() -> None:
    # A newcomer reads the install-and-run command, then the test command, before any other.
    commands = re.findall(r"```(?:bash|console)\n(.+?)\n", README)
    assert commands[0].startswith("python3 -m venv .venv && ")
    assert commands[0].endswith('eastsyria events --from 2017-11-01 --place "Abu Kamal"')
    assert "pytest" in commands[1]
    assert README.index("<!-- test-command -->") < README.index(commands[1])


# A Markdown link or image [text](target) and an HTML <img src="target">; the target may be
# wrapped over two lines in the text only, never in the target itself.
LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)|<img [^>]*src=\"(?P<src>[^\"]+)\"")


def _anchors(text: str) -> set[str]:
    """The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as -."""
    anchors: set[str] = set()
    for heading in re.findall(r"^#{1,6} (.+)$", _outside_code(text), re.MULTILINE):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        anchor, n = slug, 0
        while anchor in anchors:
            n += 1
            anchor = f"{slug}-{n}"
        anchors.add(anchor)
    return anchors


def _outside_code(text: str) -> str:
    return re.sub(r"^```.*?^```", "", text, flags=re.DOTALL | re.MULTILINE)


def _links(page: Path) -> list[str]:
    return [m.group("target") or m.group("src") for m in LINK.finditer(_outside_code(TEXTS[page]))]


@pytest.mark.parametrize("page", sorted(DOCS_DIR.glob("*.md")), ids=lambda page: page.name)
def test_every_page_of_the_manual_is_linked_from_the_readme(page: Path) -> None:
    assert f"](docs/{page.name})" in README or f"](docs/{page.name}#" in README, page.name


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_every_relative_link_leads_to_a_file_and_an_anchor(page: Path) -> None:
    broken = []
    for target in _links(page):
        if re.match(r"[a-z][a-z0-9+.-]*:", target):  # https:, mailto:: not checked here
            continue
        path, _, anchor = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        if not linked.exists():
            broken.append(target)
        elif anchor and linked.suffix == ".md":
            text = linked.read_text(encoding="utf-8")
            if anchor not in _anchors(text):
                broken.append(target)
    assert broken == [], f"{page.name}: {broken}"


def _words_of_plain(command: str) -> list[str] | None:
    """The arguments of an example that is `eastsyria` alone, with no pipe, redirection or
    second command; None for any other."""
    lexer = shlex.shlex(command, posix=True, punctuation_chars=True)
    if any(set(token) <= set(lexer.punctuation_chars) for token in lexer):
        return None
    words = shlex.split(command)
    # Click writes help straight to the process's stdout.
    if words[:1] != ["eastsyria"] or "/tmp/" in command or "--help" in words:
        return None
    return words[1:]


def _run_in_process(
    args: list[str], monkeypatch: pytest.MonkeyPatch
) -> subprocess.CompletedProcess[str]:
    """The example run in this process, on streams that stand for a pipe forced to look like
    a terminal (EASTSYRIA_FORCE_TTY), as `_run_example` runs it: the same bytes, without a
    new interpreter (a fifth of a second each)."""
    monkeypatch.chdir(README_PATH.parent)
    monkeypatch.setenv("EASTSYRIA_FORCE_TTY", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    out, err = TextStream(), TextStream()
    env = Environment(OutputStream(out), err, colour=False, terminal=True)
    env.forced_terminal = True
    status = entry.run(args, env)
    return subprocess.CompletedProcess(args, status, out.getvalue(), err.getvalue())


def _run_example(command: str, private: Path) -> subprocess.CompletedProcess[str]:
    """Run a README command as a user would, with this interpreter's `eastsyria`. What it
    writes to /tmp goes to `private` instead, and is shown as /tmp: examples run at once
    on several cores, and two runs of the suite at once, never read each other's files."""
    program = f"{sys.executable} -m eastsyria"
    # /tmp of the example only: this interpreter may itself live under /tmp (CI's clone).
    shell_line = command.replace("/tmp/", f"{private}/")
    shell_line = re.sub(r"(^|\| |&& )eastsyria ", rf"\g<1>{program} ", shell_line)
    done = subprocess.run(
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
    done.stdout = done.stdout.replace(str(private), "/tmp")
    done.stderr = done.stderr.replace(str(private), "/tmp")
    return done


def _expected_output(result: subprocess.CompletedProcess[str]) -> str:
    # An error example shows its stderr line; anything else shows stdout only.
    shown = result.stdout if result.returncode == 0 else result.stderr
    return "\n".join(line.rstrip() for line in shown.splitlines()) + "\n"


@pytest.mark.parametrize(("page", "command"), EXAMPLES)
def test_every_example_shows_its_real_output(
    page: Path, command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if "| jq" in command and shutil.which("jq") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("jq is not installed; .ci/run installs it")
        pytest.skip("jq is not installed")
    plain = _words_of_plain(command)
    if plain is None:
        result = _run_example(command, tmp_path)
    else:
        result = _run_in_process(plain, monkeypatch)
    assert "Traceback" not in result.stderr
    if result.returncode != 0:
        assert result.returncode == 2, result.stderr
        assert result.stdout == ""
    expected = _expected_output(result)
    match = next(m for m in EXAMPLE.finditer(TEXTS[page]) if m.group("command") == command)
    if os.environ.get("UPDATE_README"):
        current = page.read_text(encoding="utf-8")
        current = current.replace(match.group(0), f"```console\n$ {command}\n{expected}```", 1)
        page.write_text(current, encoding="utf-8")
        return
    assert match.group("output") == expected, f"{page.name} example is out of date: {command}"


def _formats_table() -> str:
    from eastsyria.output.formats import COMMAND_FORMATS, FORMATS

    lines = ["| format | what it writes | commands |", "| --- | --- | --- |"]
    for name, fmt in FORMATS.items():
        commands = [command for command, names in COMMAND_FORMATS.items() if name in names]
        lines.append(f"| `{name}` | {fmt.help} | {', '.join(commands)} |")
    return "\n".join(lines)


FORMATS_PAGE = DOCS_DIR / "formats.md"


def test_the_table_of_formats_comes_from_the_registry() -> None:
    start, end = "<!-- formats -->\n", "<!-- /formats -->"
    current = TEXTS[FORMATS_PAGE].split(start, 1)[1].split(end, 1)[0]
    expected = _formats_table() + "\n"
    if os.environ.get("UPDATE_README"):
        text = FORMATS_PAGE.read_text(encoding="utf-8")
        FORMATS_PAGE.write_text(text.replace(start + current, start + expected), encoding="utf-8")
        return
    assert current == expected
