"""The manual pages, eastsyria(1) and eastsyria-COMMAND(1): the committed pages are the ones
the commands make now, they tell every command and option `--help` tells, and they render
without a warning."""

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
MAN = ROOT / "man"
PAGE = MAN / "eastsyria.1"
REGENERATE = "python -m eastsyria.cli.manpage man"


def _needs(tool: str, package: str) -> str:
    found = shutil.which(tool)
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{tool} is not installed; .ci/run installs {package}")
        pytest.skip(f"{tool} ({package}) is not installed")
    return found


def _rendered(width: int = 80, page: Path = PAGE) -> str:
    """A page as `man` shows it: groff's man macros, as plain text `width` columns wide."""
    groff = _needs("groff", "groff-base")
    done = subprocess.run(
        [groff, "-man", "-Tutf8", "-ww", f"-rLL={width}n", "-P-cbou", str(page)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # -ww: every warning on
    return done.stdout


def test_the_committed_pages_are_the_ones_the_commands_make() -> None:
    committed = {page.name: page.read_text(encoding="utf-8") for page in MAN.glob("*.1")}
    made = manpage.pages(manpage.committed_date(MAN))
    assert sorted(made) == sorted(
        ["eastsyria.1", *(f"eastsyria-{name}.1" for name, _ in COMMAND_MODULES)]
    )
    assert committed == made, f"run: {REGENERATE}"


def test_the_check_says_how_to_mend_stale_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert manpage.main([str(tmp_path)]) == 0
    assert manpage.main(["--check", str(tmp_path)]) == 0
    stale = tmp_path / "eastsyria-events.1"
    stale.write_text(stale.read_text("utf-8").replace("Newest first.", "Oldest first."), "utf-8")
    (tmp_path / "eastsyria-gone.1").write_text(".TH GONE 1\n", "utf-8")
    assert manpage.main(["--check", str(tmp_path)]) == 1
    said = capsys.readouterr().err
    assert "eastsyria-events.1, eastsyria-gone.1" in said
    assert "python -m eastsyria.cli.manpage" in said
    # Writing them again mends both, the page of a command no longer there removed.
    assert manpage.main([str(tmp_path)]) == 0
    assert manpage.main(["--check", str(tmp_path)]) == 0
    assert not (tmp_path / "eastsyria-gone.1").exists()


def test_pages_keep_their_date_until_their_text_changes(tmp_path: Path) -> None:
    """The same commands write the same bytes (the wheel is reproducible); a page changed
    is dated the day it was written."""
    old = manpage.pages('"2020-02-02"')
    for name, text in old.items():
        (tmp_path / name).write_text(text, "utf-8")
    assert manpage.main([str(tmp_path)]) == 0
    assert {p.name: p.read_text("utf-8") for p in tmp_path.glob("*.1")} == old
    stale = tmp_path / "eastsyria-map.1"
    stale.write_text(stale.read_text("utf-8") + ".PP\nold words\n", "utf-8")
    assert manpage.main([str(tmp_path)]) == 0
    today = manpage.committed_date(tmp_path)
    assert today != '"2020-02-02"'
    assert re.fullmatch(r'"\d{4}-\d\d-\d\d"', today)
    assert (tmp_path / "eastsyria-map.1").read_text("utf-8") == manpage.pages(today)[
        "eastsyria-map.1"
    ]


def test_mandoc_finds_nothing_to_warn_of() -> None:
    """mandoc's lint, stricter than groff: a paragraph macro after a heading, a missing date,
    a bad escape."""
    mandoc = _needs("mandoc", "mandoc")
    pages = sorted(str(page) for page in MAN.glob("*.1"))
    done = subprocess.run(
        [mandoc, "-T", "lint", "-W", "warning", *pages],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout + done.stderr == ""


@pytest.mark.parametrize("page", sorted(p.name for p in MAN.glob("*.1")))
def test_every_page_renders_without_a_warning(page: str) -> None:
    shown = _rendered(80, MAN / page)  # no warning: see _rendered
    assert "\nSEE ALSO\n" in shown


def _help_options(text: str) -> list[str]:
    """Each option line's flags and metavar in a --help text ('-f, --format FORMAT')."""
    section = text.split("\nOptions:\n", 1)[1]
    return [m[1].strip() for m in re.finditer(r"^  (-[^ ].*?)(?:  |$)", section, re.MULTILINE)]


@pytest.mark.parametrize("command", [name for name, _ in COMMAND_MODULES])
def test_the_pages_tell_every_option_of_every_command_as_help_does(run: Run, command: str) -> None:
    shown = _rendered(200)
    # A command's section runs to the next heading (three spaces in, or none).
    section = re.split(r"\n {0,3}\S", shown.split(f"\n   {command}\n", 1)[1])[0]
    own = _rendered(200, MAN / f"eastsyria-{command}.1")
    helped = run(command, "--help")
    assert helped.status == 0
    options = _help_options(helped.out)
    assert options
    # The first paragraph of the help, the command's one-line summary.
    summary = " ".join(helped.out.split("\n\n")[1].split())
    for told in (section, own):
        assert f"eastsyria {command} [OPTIONS]" in told
        for option in options:
            # --side's help names the data file's sides only in --help.
            flags = "--side SIDE" if option.startswith("--side ") else option
            # A short one (--all) has its help on the same line.
            assert re.search(rf"^ +{re.escape(flags)}(?: |$)", told, re.MULTILINE), option
        assert summary in " ".join(told.split())
    assert own.startswith(f"EASTSYRIA-{command.upper()}(1)")
    assert f"eastsyria-{command} - {summary[0].lower()}" in own


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
    assert "eastsyria-timeline(1)" in done.stdout
