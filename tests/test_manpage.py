"""The manual page, eastsyria(1): the committed page is the one the commands make now, it
tells every command and option `--help` tells, and it renders without a warning."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import Run
from eastsyria.cli import manpage
from eastsyria.cli.app import COMMAND_MODULES

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "man" / "eastsyria.1"
REGENERATE = "python -m eastsyria.cli.manpage man/eastsyria.1"


def _needs(tool: str, package: str) -> str:
    found = shutil.which(tool)
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{tool} is not installed; .ci/run installs {package}")
        pytest.skip(f"{tool} ({package}) is not installed")
    return found


def _rendered(width: int = 80) -> str:
    """The page as `man` shows it: groff's man macros, as plain text `width` columns wide."""
    groff = _needs("groff", "groff-base")
    done = subprocess.run(
        [groff, "-man", "-Tutf8", "-ww", f"-rLL={width}n", "-P-cbou", str(PAGE)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # -ww: every warning on
    return done.stdout


def test_the_committed_page_is_the_one_the_commands_make() -> None:
    assert PAGE.read_text(encoding="utf-8") == manpage.render(), f"run: {REGENERATE}"


def test_the_check_says_how_to_mend_a_stale_page(tmp_path: Path) -> None:
    stale = tmp_path / "eastsyria.1"
    stale.write_text(manpage.render().replace("Newest first.", "Oldest first."), "utf-8")
    assert manpage.main(["--check", str(stale)]) == 1
    assert manpage.main(["--check", str(PAGE)]) == 0


def _help_options(text: str) -> list[str]:
    """Each option line's flags and metavar in a --help text ('-f, --format FORMAT')."""
    section = text.split("\nOptions:\n", 1)[1]
    return [m[1].strip() for m in re.finditer(r"^  (-[^ ].*?)(?:  |$)", section, re.MULTILINE)]


@pytest.mark.parametrize("command", [name for name, _ in COMMAND_MODULES])
def test_the_page_tells_every_option_of_every_command_as_help_does(run: Run, command: str) -> None:
    shown = _rendered(200)
    # A command's section runs to the next heading (three spaces in, or none).
    section = re.split(r"\n {0,3}\S", shown.split(f"\n   {command}\n", 1)[1])[0]
    helped = run(command, "--help")
    assert helped.status == 0
    assert f"eastsyria {command} " in section
    options = _help_options(helped.out)
    assert options
    for option in options:
        # --side's help names the data file's sides only in --help.
        told = "--side SIDE" if option.startswith("--side ") else option
        # A short one (--all) has its help on the same line.
        assert re.search(rf"^ +{re.escape(told)}(?: |$)", section, re.MULTILINE), option
    # The first paragraph of the help, the command's one-line summary, opens the section.
    summary = " ".join(helped.out.split("\n\n")[1].split())
    assert summary in " ".join(section.split())


def test_the_page_tells_the_global_options_and_every_exit_status(run: Run) -> None:
    shown = _rendered(200)
    for option in _help_options(run("--help").out):
        assert re.search(rf"^ +{re.escape(option)}(?: |$)", shown, re.MULTILINE), option
    statuses = shown.split("\nEXIT STATUS\n", 1)[1].split("\nSEE ALSO\n", 1)[0]
    assert re.findall(r"^ {7}(\d+) ", statuses, re.MULTILINE) == ["0", "1", "2", "74", "130"]


def test_options_dates_and_commands_copy_from_the_page_as_typed() -> None:
    """Every hyphen an ASCII hyphen-minus (a Unicode hyphen or minus sign in a copied
    option fails), no word hyphenated at a line's end."""
    shown = _rendered(80)
    assert "eastsyria timeline --from 2017-10 --to 2017-12 --by week --format csv" in shown
    assert "\u2010" not in shown
    assert "\u2212" not in shown
    assert "Syria\u2013Iraq" in shown  # not ASCII, by its code, intact


@pytest.mark.parametrize(
    ("text", "roff"),
    [
        ("--from", "\\-\\-from"),
        (".hidden request", "\\&.hidden request"),
        ("'quoted start", "\\&'quoted start"),
        ("a\\b", "a\\eb"),
        ("line\n.second", "line\n\\&.second"),
        ("Syria–Iraq", "Syria\\[u2013]Iraq"),
    ],
)
def test_text_is_escaped_for_roff(text: str, roff: str) -> None:
    assert manpage.escape(text) == roff


def test_a_line_of_help_starting_with_a_dot_stays_text(tmp_path: Path) -> None:
    groff = _needs("groff", "groff-base")
    page = tmp_path / "x.1"
    body = manpage.escape(".SH NOT A SECTION\n'br not a break\nback\\slash --flag")
    page.write_text(f'.TH X 1 "" "x" "x"\n.SH NAME\nx\n.PP\n.nf\n{body}\n.fi\n', "utf-8")
    done = subprocess.run(
        [groff, "-man", "-Tutf8", "-ww", "-P-cbou", str(page)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    assert done.stderr == ""
    for line in (".SH NOT A SECTION", "'br not a break", "back\\slash --flag"):
        assert line in done.stdout


def test_man_reads_the_page() -> None:
    """`man -l` (man-db), as a user reading the page from the source tree would."""
    man = _needs("man", "man-db")
    done = subprocess.run(
        [man, "-l", str(PAGE)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "MANWIDTH": "80", "MANPAGER": "cat", "PAGER": "cat"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "eastsyria - query a source-cited timeline" in done.stdout
    assert "EXIT STATUS" in done.stdout
