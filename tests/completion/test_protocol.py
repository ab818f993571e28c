"""Shell completion through the real protocol, in a subprocess, for bash, zsh and fish."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MINI, TESTS, subprocess_env, zsh_values

# Completion reads the cache as it is: each test starts from an empty one.
pytestmark = pytest.mark.private_cache

HEAVY = ("pydantic", "rich", "dateutil")


def complete(
    shell: str, line: str, *, action: str = "get-args", importtime: bool = False
) -> subprocess.CompletedProcess[str]:
    """Ask the program for completions the way the installed shell script does."""
    env = subprocess_env(_EASTSYRIA_COMPLETE=f"complete_{shell}")
    if shell == "bash":
        words = line.split("\x00")
        env["COMP_WORDS"] = "\n".join(words)
        env["COMP_CWORD"] = str(len(words) - 1)
    else:
        env["_TYPER_COMPLETE_ARGS"] = line
        if shell == "fish":
            env["_TYPER_COMPLETE_FISH_ACTION"] = action
    flags = ["-X", "importtime"] if importtime else []
    return subprocess.run(
        [sys.executable, *flags, "-m", "eastsyria"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
        check=False,
    )


def bash_words(*words: str) -> str:
    return "\x00".join(words)


def test_bash_completes_place_names_escaped_for_the_shell() -> None:
    result = complete("bash", bash_words("eastsyria", "events", "--place", "Ab"))
    assert result.returncode == 0
    assert result.stderr == ""
    assert "Abu\\ Kamal" in result.stdout.splitlines()


def test_bash_inside_an_open_quote_gets_the_plain_name() -> None:
    result = complete("bash", bash_words("eastsyria", "events", "--place", '"Abu Kamal c'))
    assert result.stdout.splitlines() == ["Abu Kamal countryside"]


def test_bash_escapes_apostrophes() -> None:
    result = complete("bash", bash_words("eastsyria", "events", "--actor", "Kata"))
    assert "Kata\\'ib\\ Hezbollah" in result.stdout.splitlines()


def test_matching_is_case_and_hyphen_insensitive_and_covers_aliases() -> None:
    # Nothing starts with "albu" as typed: the alias is continued from what was typed.
    result = complete("bash", bash_words("eastsyria", "events", "--place", "albu"))
    assert result.stdout.splitlines() == ["albu\\ Kamal"]
    mayadin = complete("bash", bash_words("eastsyria", "events", "--place", "MAYAD"))
    assert set(mayadin.stdout.splitlines()) == {"MAYADin", "MAYADin\\ pocket"}


def test_zsh_gets_values_with_descriptions_for_describe() -> None:
    result = complete("zsh", "eastsyria events --place Abu")
    assert result.returncode == 0
    assert result.stdout.endswith("_describe -t values $'place' _eastsyria_values")
    pairs = dict(zsh_values(result.stdout))
    assert pairs["Abu Kamal"].startswith("city, ")
    assert "Abukamal" not in pairs
    apostrophe = dict(zsh_values(complete("zsh", "eastsyria events --actor Kata").stdout))
    # The offensive's infobox lists it among the government side's units.
    assert apostrophe["Kata'ib Hezbollah"].startswith("government, ")


def test_zsh_with_nothing_to_offer_falls_back_to_files() -> None:
    assert complete("zsh", "eastsyria events --place Zzz").stdout == "_files"


def test_fish_gets_value_tab_description_and_the_is_args_answer() -> None:
    result = complete("fish", "eastsyria events --place Abu")
    lines = result.stdout.splitlines()
    assert any(line.startswith("Abu Kamal\tcity, ") for line in lines)
    assert complete("fish", "eastsyria events --place Abu", action="is-args").returncode == 0
    assert complete("fish", "eastsyria events --place Zzz", action="is-args").returncode == 1


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (("eastsyria", "events", "--type", "as"), ["assault"]),
        (("eastsyria", "events", "--format", "js"), ["json", "jsonl"]),
        (("eastsyria", "stats", "--format", ""), ["table", "json"]),
        (("eastsyria", "events", "--side", "i"), ["isil", "iraq"]),
        (("eastsyria", "timeline", "--by", "w"), ["week"]),
        (("eastsyria", "timeline", "--lanes", ""), ["campaign", "place", "side", "actor"]),
        (("eastsyria", "timeline", "--lanes", "a"), ["actor"]),
        (("eastsyria", "events", "--sort", ""), ["date", "distance"]),
        (("eastsyria", "events", "--sort", "di"), ["distance"]),
        # Issue 29: brief's citation styles and formats, and the command itself.
        (("eastsyria", "brief", "--cite-style", ""), ["numbered", "footnotes", "pandoc"]),
        (("eastsyria", "brief", "--cite-style", "f"), ["footnotes"]),
        (("eastsyria", "brief", "--format", ""), ["text", "markdown", "html", "json"]),
        (("eastsyria", "brief", "--place", "Abu\\ Kamal\\ c"), ["Abu\\ Kamal\\ countryside"]),
        (("eastsyria", "bri"), ["brief"]),
        # Mayadin's alias Mayadeen is left out: the name itself fits.
        (("eastsyria", "control", "Mayad"), ["Mayadin", "Mayadin\\ pocket"]),
    ],
)
def test_fixed_vocabularies_and_positionals(words: tuple[str, ...], expected: list[str]) -> None:
    result = complete("bash", bash_words(*words))
    assert sorted(result.stdout.splitlines()) == sorted(expected)


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_brief_options_complete_in_zsh_and_fish(shell: str) -> None:
    def offered(line: str) -> list[str]:
        reply = complete(shell, line).stdout
        if shell == "zsh":
            return [value for value, _ in zsh_values(reply)]
        return [row.split("\t")[0] for row in reply.splitlines()]

    assert offered("eastsyria brief --cite-style p") == ["pandoc"]
    assert "--max-words" in offered("eastsyria brief --max")


def test_show_completes_event_ids() -> None:
    result = complete("bash", bash_words("eastsyria", "show", "abu-kamal-"))
    found = result.stdout.splitlines()
    assert "abu-kamal-first-capture" in found
    assert all(value.startswith("abu-kamal-") for value in found)


def test_cite_completes_event_ids_for_each_id() -> None:
    first = complete("bash", bash_words("eastsyria", "cite", "abu-kamal-first"))
    assert first.stdout.splitlines() == ["abu-kamal-first-capture"]
    second = complete("bash", bash_words("eastsyria", "cite", "6xgm", "--format", "ris", "wuw"))
    assert second.stdout.splitlines() == []  # a short code is not offered; ids are
    second = complete("bash", bash_words("eastsyria", "cite", "6xgm", "russian-strike-abu"))
    assert second.stdout.splitlines() == ["russian-strike-abu-kamal-residential"]


def test_completion_reads_the_data_option() -> None:
    result = complete("bash", bash_words("eastsyria", "--data", str(MINI), "events", "-p", "To"))
    assert result.stdout.splitlines() == ["Town\\ A", "Town\\ B"]


def test_command_names_still_complete_through_typer() -> None:
    result = complete("bash", bash_words("eastsyria", "ev"))
    assert result.stdout.splitlines() == ["events"]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_a_completion_request_imports_no_pydantic_rich_or_dateutil(shell: str) -> None:
    """Nor `dataclasses` (with `inspect`) and the store's module, which took a fifth of a
    press: a TAB reads the options' declarations (`cli.spec`, `core.filters`), which build
    no dataclass and select nothing from a store."""
    line = (
        bash_words("eastsyria", "events", "--place", "Ab")
        if shell == "bash"
        else "eastsyria events --place Ab"
    )
    result = complete(shell, line, importtime=True)
    assert "Abu" in result.stdout
    modules = {
        row.split("|")[-1].strip()
        for row in result.stderr.splitlines()
        if row.startswith("import time:")
    }
    imported = {module.split(".")[0] for module in modules}
    assert imported, "no -X importtime output"
    assert not imported & set(HEAVY), imported & set(HEAVY)
    assert "eastsyria.core.filters" in modules
    unwanted = {"dataclasses", "inspect", "eastsyria.data.store", "sqlite3"}
    assert not modules & unwanted, modules & unwanted


def _console_script() -> Path | None:
    candidate = Path(sys.executable).with_name("eastsyria")
    return candidate if candidate.exists() else None


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_the_installed_bash_script_completes_a_quoted_name_in_real_bash() -> None:
    script = _console_script()
    if script is None:
        pytest.skip("the console script is not installed next to this interpreter")
    # Typer picks the shell by the process's parents (shellingham): asked from bash, as a
    # user asks, not from pytest's worker, whose parents are not always a shell it knows.
    # (`; exit` keeps bash from replacing itself with the one command it runs.)
    asked = f"{shlex.quote(str(script))} --show-completion; exit"
    shown = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", asked],
        capture_output=True,
        text=True,
        env=subprocess_env(),
        check=True,
    )
    program = (
        shown.stdout
        + "\nCOMP_WORDS=(eastsyria events --place 'Abu\\ Kamal\\ c'); COMP_CWORD=3\n"
        + "_eastsyria_completion eastsyria\n"
        + "printf '%s\\n' \"${COMPREPLY[@]}\"\n"
    )
    env = subprocess_env(PATH=f"{script.parent}:/usr/bin:/bin")
    result = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", program],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.stdout.splitlines() == ["Abu\\ Kamal\\ countryside"], result.stderr
    # What bash would put on the command line splits back into one word.
    words = subprocess.run(
        ["bash", "-c", f"printf '%s\\n' eastsyria --place {result.stdout.strip()}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert words == ["eastsyria", "--place", "Abu Kamal countryside"]


def test_diff_takes_two_dates_before_the_place() -> None:
    # After `--diff 2017-11-01 ` the second date is due: no place, no option name.
    second = complete("bash", bash_words("eastsyria", "control", "--diff", "2017-11-01", ""))
    assert second.returncode == 0
    assert second.stdout == ""
    # After both dates, the place is completed again.
    place = complete(
        "bash", bash_words("eastsyria", "control", "--diff", "2017-11-01", "2017-11-30", "Ab")
    )
    assert "Abu\\ Kamal" in place.stdout.splitlines()
    # `--on` takes one date.
    after_on = complete("bash", bash_words("eastsyria", "control", "--on", "2017-11-10", "Ab"))
    assert "Abu\\ Kamal" in after_on.stdout.splitlines()


def test_places_that_share_a_name_complete_as_shown(tmp_path: Path) -> None:
    # The ACLED sample's town and district are both "Abu Kamal": TAB offers each as the
    # commands show it, a name that picks that one place.
    data = tmp_path / "acled.json"
    sample = TESTS / "samples" / "acled-syria.csv"
    subprocess.run(
        [sys.executable, "-m", "eastsyria", "import", "acled", str(sample), "-o", str(data)],
        capture_output=True,
        env=subprocess_env(),
        timeout=60,
        check=True,
    )
    both = complete("bash", bash_words("eastsyria", "--data", str(data), "events", "-p", '"Abu'))
    assert both.stdout.splitlines() == ["Abu Kamal (location)", "Abu Kamal (district)"]
    one = complete("bash", bash_words("eastsyria", "--data", str(data), "control", '"abu kamal (d'))
    assert one.stdout.splitlines() == ["abu kamal (district)"]
    unique = complete("bash", bash_words("eastsyria", "--data", str(data), "events", "-p", "Haj"))
    assert unique.stdout.splitlines() == ["Hajin"]
