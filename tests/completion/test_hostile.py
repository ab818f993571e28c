"""Finding 1 of issue 12: TAB never runs code from a data file, and inserts the name itself.

A data file is shared input. Its names, aliases, ids, sides, campaigns and event titles reach
the shell through completion: as candidates (what TAB inserts) and as their descriptions.
Three layers of tests:

- the finding as it was found (zsh, two event titles on consecutive days, `show <TAB>`), and
  the same payload through Typer's own zsh reply, which this code still reached for what the
  fast path left to Typer (`events -p=<TAB>`): real zsh under tmux, a canary file;
- a property test that drives real bash, zsh and fish under tmux with arbitrary strings
  (biased towards shell metacharacters, `$(...)`, backquotes, lone trailing backslashes,
  Arabic and combining marks) in every role a data file gives them, presses TAB, then runs
  `printf '%s\\n'` over the completed line: the canary file never appears and the word the
  shell read is the name itself;
- the reply functions of each shell with the same strings, without tmux.

The property test runs its three written examples (one for each quote) in each shell; to draw
more:

    EASTSYRIA_FUZZ_EXAMPLES=2000 .venv/bin/pytest tests/completion/test_hostile.py

Missing tmux, zsh or fish skips that shell's tests, except in CI (CI=true), where it fails.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from completion.shells import SHELLS, STATUS, Pane, open_pane, server_fixture  # noqa: F401 - the fixture `server`
from conftest import MINI, subprocess_env, zsh_values
from eastsyria.cli.shellwords import bash_reply, fish_reply, offerable, read_word, zsh_reply

# Completion reads the cache as it is: each test starts from an empty one.
pytestmark = pytest.mark.private_cache

CANARY = "PWNED"
FUZZ_EXAMPLES = int(os.environ.get("EASTSYRIA_FUZZ_EXAMPLES", "0")) or None

# The two titles of the finding, as the probe wrote them.
FINDING = ("First \\", "x);touch PWNED;ws=(y")

# Pieces that mean something to a shell, and text that does not fit in ASCII.
TOKENS = [
    *"\\'\"$`()|&;<>*?[]{}~!#%^=:, @+-./",
    "$(touch PWNED)",
    "`touch PWNED`",
    ";touch PWNED;",
    "x);touch PWNED;ws=(y",
    '" ; touch PWNED ; "',
    "' ; touch PWNED ; '",
    "$'\\x41'",
    "${HOME}",
    "$HOME",
    "!!",
    "!-1",
    "%s",
    "\\\\",
    "+(x)",
    "@(x|y)",
    "*(x)",
    "=ls",
    "~root",
    "\\x5c",
    "دير الزور",
    "حزب الله",
    "e\u0301",
    "\u0627\u0651",
    "\u00a0",
    "\u200f",
    "中",
]
# Control characters: never in a candidate, but a description may hold them.
CONTROLS = ["\n", "\t", "\r", "\x1b[31m", "\x07", "\x00", "\u0085", "\n$(touch PWNED)\n"]

_piece = st.one_of(
    st.sampled_from(TOKENS),
    st.characters(exclude_categories=("Cc", "Cs")),
)
# What may follow a name's start: anything a data file may hold and a shell can take back as
# one word, a lone backslash at its end as often as not.
hostile = st.tuples(st.lists(_piece, max_size=5).map("".join), st.booleans()).map(
    lambda parts: parts[0] + ("\\" if parts[1] else "")
)
about = st.lists(st.one_of(_piece, st.sampled_from(CONTROLS)), max_size=6).map("".join)


# -- the data files --------------------------------------------------------------------------


def _mini() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(MINI.read_text(encoding="utf-8"))
    return document


def _write(path: Path, document: dict[str, Any]) -> None:
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")


def _finding_data(path: Path) -> None:
    """The mini dataset with the two titles of the finding on consecutive days."""
    document = _mini()
    first, second = document["events"][:2]
    first["title"], second["title"] = FINDING
    second["date"] = {
        "earliest": "2017-10-06",
        "latest": "2017-10-06",
        "precision": "day",
        "qualifier": "on",
        "text": "6 October 2017",
    }
    _write(path, document)


# Each role a string plays, the word typed before it, and the unique start of its value.
ROLES = (
    ("event id", "cite", "Zqf"),
    ("place name", "--place", "Zqa"),
    ("place alias", "--place", "Zqb"),
    ("actor name", "--actor", "Zqc"),
    ("side id", "--side", "Zqd"),
    ("campaign id", "--campaign", "Zqe"),
)


def _hostile_data(path: Path, names: list[str], descriptions: list[str]) -> None:
    """The mini dataset with `names` in every role of ROLES (each after its start), and
    `descriptions` in whatever a shell shows beside them."""
    document = _mini()
    event, place, aliased, actor, side, campaign = (
        document["events"][0],
        document["places"][0],
        document["places"][1],
        document["actors"][0],
        document["sides"][0],
        document["campaigns"][0],
    )
    values = [start + name for (_, _, start), name in zip(ROLES, names, strict=True)]
    event["id"], event["title"] = values[0], descriptions[0]
    place["name"], place["kind"] = values[1], descriptions[1]
    aliased["aliases"] = [values[2]]
    aliased["name"] = descriptions[2]
    actor["name"], actor["side"] = values[3], descriptions[3]
    side["id"], side["name"] = values[4], descriptions[4]
    campaign["id"], campaign["date"] = values[5], {"text": descriptions[5]}
    _write(path, document)


# -- real shells under tmux ------------------------------------------------------------------


@pytest.fixture(scope="module")
def zsh(server: Path) -> Iterator[Pane]:
    with open_pane(server, "zsh") as opened:
        yield opened


@pytest.fixture(scope="module", params=SHELLS)
def wide(request: pytest.FixtureRequest, server: Path) -> Iterator[Pane]:
    """A pane wide enough that no completed line wraps: zsh wraps a line itself, and where
    it and tmux disagree on a character's width, the line read back would be cut."""
    with open_pane(server, request.param, width=2000) as opened:
        yield opened


# What the shells and the tests write in the pane's folder.
EXPECTED_FILES = {"cache", "config", "data", "h.json", "w.out"}


def _strays(pane: Pane) -> list[str]:
    """Files in the pane's folder that no test wrote: what a name run as code left there."""
    return sorted(set(os.listdir(pane.home)) - EXPECTED_FILES)


def _list_after_tab(pane: Pane, typed: str, *, listing: bool = True) -> str:
    """Type `typed` and press Tab twice (the second lists the candidates); the screen once
    the listing is shown (else once the shell has taken a further key)."""
    pane.clear()
    pane.type(typed)
    pane.wait(lambda: pane.line() == typed, f"the typed line {typed!r}")
    pane.keys("Tab")
    pane.keys("Tab")
    if listing:
        pane.wait(lambda: len([ln for ln in pane.screen() if ln.strip()]) > 1, "the listing")
    else:
        pane.type("@")
        pane.wait(lambda: pane.line().endswith("@"), "the key after Tab")
    return "\n".join(pane.screen())


def _warm_cache(pane: Pane) -> None:
    lines = pane.run("eastsyria --data h.json events > /dev/null")
    assert ":DONE:0" in lines, "\n".join(lines)
    assert any((pane.home / "cache").iterdir()), "the full run left no cache entry"


@pytest.mark.parametrize("cache", ["cold", "warm"])
def test_the_finding_zsh_show_tab_with_two_titles_runs_nothing(zsh: Pane, cache: str) -> None:
    shutil.rmtree(zsh.home / "cache", ignore_errors=True)
    _finding_data(zsh.home / "h.json")
    assert "valid: " in "\n".join(zsh.run("eastsyria --data h.json validate"))
    shutil.rmtree(zsh.home / "cache", ignore_errors=True)
    if cache == "warm":
        _warm_cache(zsh)
    screen = _list_after_tab(zsh, "eastsyria --data h.json show ")
    # Both ids are listed, each with its title as written (the backslash too).
    assert "town-a-taken  -- First \\" in screen, screen
    assert "town-b-by     -- x);touch PWNED;ws=(y" in screen, screen
    zsh.run("true")  # one more round trip: whatever TAB started has finished
    assert _strays(zsh) == []


@pytest.mark.parametrize("cache", ["cold", "warm"])
def test_the_finding_through_what_typer_completes_runs_nothing(zsh: Pane, cache: str) -> None:
    # Reproduced on this code before the fix: `-p=` is left to Typer, whose zsh reply
    # `_arguments '*: :(("First \":"town..." "x);touch PWNED;ws=(y \":"town..."))'` leaves
    # backslashes alone, and `_arguments` evaluates that list: `touch` ran.
    shutil.rmtree(zsh.home / "cache", ignore_errors=True)
    document = _mini()
    document["places"][1]["name"] = "First \\"
    document["places"][2]["name"] = "x);touch PWNED;ws=(y \\"
    _write(zsh.home / "h.json", document)
    if cache == "warm":
        _warm_cache(zsh)
    # `-p=x` gives --place the value `=x`: no name fits there, nothing is offered.
    _list_after_tab(zsh, "eastsyria --data h.json events -p=", listing=False)
    screen = _list_after_tab(zsh, "eastsyria --data h.json events -p ")
    assert "First \\  -- town, 1 events" in screen, screen
    zsh.run("true")
    assert _strays(zsh) == []


def _complete_line(pane: Pane, quote: str) -> None:
    """Type each role's start after `quote` and press Tab: one match, inserted whole."""
    pane.clear()
    pane.type("eastsyria --data h.json ")
    for _, before, start in ROLES:
        typed = f"{before} {quote}{start}"
        pane.type(typed)
        pane.wait(lambda t=typed: pane.line().endswith(t), f"typing {typed!r}")
        pane.keys("Tab")
        # One match: the shell inserts it whole, closes the quote and adds a space (fish
        # does neither after a name ending in `/=@:.,-`: it expects more to be typed).
        pane.wait(lambda t=typed: not pane.line().endswith(t), f"Tab after {typed!r}")
        if pane.shell == "fish" and not pane.line().endswith(" "):
            pane.type(f"{quote} ")
        pane.wait(lambda: pane.line().endswith(" "), f"the space after {typed!r}")


def _words_of_line(pane: Pane) -> list[str]:
    """Run the completed line as `printf '%s\\n' ...` into w.out: the words the shell read."""
    out = pane.home / "w.out"
    out.unlink(missing_ok=True)
    pane.keys("C-e")
    # The marker as typed (`:DO""NE:`) is not the marker printed: a long line that fills the
    # pane's width is joined with the next one.
    pane.type(f'> w.out; echo :DO""NE:{STATUS[pane.shell]}')
    pane.keys("C-a")
    pane.type("printf '%s\\n' ")
    pane.keys("Enter")
    pane.wait(lambda: any(":DONE:" in ln for ln in pane.screen()), "printf")
    return out.read_text(encoding="utf-8").split("\n")[:-1]


# The strings most likely to run or split: each shell's quoting is tried on them every run,
# in every role, besides the examples drawn (fewer than the pure test's below: each is a
# dozen tmux round trips and a completion process per role).
MOST_HOSTILE = [
    "x);touch PWNED;ws=(y \\",
    "$(touch PWNED)`touch PWNED`\\",
    "' ; touch PWNED ; '\\",
    '" ; touch PWNED ; "',
    "!! ${HOME} *(x) ~root =ls",
    "دير الزور e\u0301\u00a0\u200f",
]


@settings(
    max_examples=FUZZ_EXAMPLES or 1,
    deadline=None,
    # Each example is a dozen tmux round trips and six completion processes: an ordinary run
    # tries the three written below (every quote, the most hostile strings in every role);
    # EASTSYRIA_FUZZ_EXAMPLES draws more. A failing example is reported unshrunk.
    phases=[Phase.explicit, Phase.reuse, Phase.generate] if FUZZ_EXAMPLES else [Phase.explicit],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    names=st.lists(hostile, min_size=len(ROLES), max_size=len(ROLES)),
    descriptions=st.lists(about, min_size=len(ROLES), max_size=len(ROLES)),
    quote=st.sampled_from(["", '"', "'"]),
)
@example(names=MOST_HOSTILE, descriptions=CONTROLS[:6], quote="")
@example(names=MOST_HOSTILE[::-1], descriptions=CONTROLS[2:], quote='"')
@example(names=MOST_HOSTILE[3:] + MOST_HOSTILE[:3], descriptions=TOKENS[:6], quote="'")
def test_tab_inserts_any_name_as_itself_and_runs_nothing(
    wide: Pane, names: list[str], descriptions: list[str], quote: str
) -> None:
    pane = wide
    _hostile_data(pane.home / "h.json", names, descriptions)
    _complete_line(pane, quote)
    words = _words_of_line(pane)
    expected = ["eastsyria", "--data", "h.json"]
    for (_, before, start), name in zip(ROLES, names, strict=True):
        expected += [before, start + name]
    assert words == expected, pane.line()
    assert _strays(pane) == []


# -- the replies, without tmux ---------------------------------------------------------------

HOSTILE_NAMES = [
    *FINDING,
    "x);touch PWNED;ws=(y \\",
    "a\\",
    "a\\\\",
    "\\",
    "$(touch PWNED)",
    "`touch PWNED`",
    "'; touch PWNED; '",
    '"; touch PWNED; "',
    "a b*",
    "*",
    "[ab]",
    "+(x)",
    "!(x)",
    "~root",
    "=ls",
    "a:b:c",
    "!!",
    "دير الزور",
    "e\u0301",
    "",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_zsh_reply_is_only_data_and_describe_reads_back_the_name(name: str) -> None:
    description = f"{name} ({name})\n$(touch PWNED)"
    reply = zsh_reply([(name, description)], "place")
    # `zsh_values` checks every word is a `$'...'` of letters, digits and \xHH only; the
    # description comes back on one line.
    assert zsh_values(reply) == [(name, " ".join(description.split()))]


@pytest.mark.skipif(shutil.which("zsh") is None, reason="needs zsh")
def test_zsh_evaluating_the_reply_gives_the_specs_and_runs_nothing(tmp_path: Path) -> None:
    found = [(name, f"about {name}") for name in HOSTILE_NAMES if name]
    reply = zsh_reply(found, "place")
    program = f"_describe() {{ print -rl -- ${{(P)4}} }}\neval $(cat <<'EOF'\n{reply}\nEOF\n)"
    done = subprocess.run(
        ["zsh", "-f", "-c", program],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
        timeout=10,
    )
    # `value:description` with `_describe`'s escapes: backslashes doubled, the value's colons
    # escaped; `_describe` splits at the first bare colon and drops the backslashes.
    assert done.stdout.split("\n")[:-1] == [
        value.replace("\\", "\\\\").replace(":", "\\:") + ":" + text.replace("\\", "\\\\")
        for value, text in found
    ]
    assert os.listdir(tmp_path) == []


def _bash_words(replies: list[str], quote: str, folder: Path) -> list[list[str]]:
    """What bash makes of each reply: through `COMPREPLY=( $(...) )` as Typer's script does
    (in a folder of files a pattern could match), then read back as readline inserts it."""
    script = [
        "IFS=$'\\n'",
        "COMPREPLY=( $(cat replies) )",
        "IFS=$' \\t\\n'",
        'for word in "${COMPREPLY[@]}"; do',
        # Readline closes an open quote after a single match unless the match ends with it.
        '  closer=""; [[ -n "$Q" && "${word: -1}" != "$Q" ]] && closer=$Q',
        "  eval \"printf '<%s>\\\\n' $Q$word$closer\"; echo :END",
        "done",
    ]
    (folder / "replies").write_text("".join(f"{reply}\n" for reply in replies), encoding="utf-8")
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", "\n".join(script)],
        capture_output=True,
        text=True,
        cwd=folder,
        env=subprocess_env(LANG="C.UTF-8", Q=quote),
        check=False,
        timeout=10,
    )
    assert done.stderr == ""
    runs = done.stdout.split(":END\n")[:-1]
    return [[w.removeprefix("<").removesuffix(">") for w in run.split("\n")[:-1]] for run in runs]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize("quote", ["", '"', "'"])
def test_bash_reply_is_read_back_as_the_name_even_among_matching_files(
    tmp_path: Path, quote: str
) -> None:
    names = [f"Zq{name}" for name in HOSTILE_NAMES]
    # Files that the names, read as patterns, would match: `Zqa b*` matches `Zqa bc`.
    for stray in ("Zqa bc", "Zqa", "Zqb", "Zq+(x)", "Zqx", "Zq!(x)"):
        (tmp_path / stray).write_text("")
    replies = [bash_reply(read_word(f"{quote}Zq"), [name]) for name in names]
    assert all(len(reply) == 1 for reply in replies)
    words = _bash_words([reply[0] for reply in replies], quote, tmp_path)
    assert words == [[name] for name in names]
    assert CANARY not in os.listdir(tmp_path)


def test_fish_lines_give_back_each_name_and_a_one_line_description() -> None:
    found = [(name, f"about {name}\n\t{name}") for name in HOSTILE_NAMES if name]
    lines = fish_reply(found).split("\n")
    assert [line.split("\t")[0] for line in lines] == [name for name, _ in found]
    assert all(line.count("\t") == 1 for line in lines)


@settings(max_examples=300 if FUZZ_EXAMPLES is None else FUZZ_EXAMPLES, deadline=None)
@given(name=hostile, description=about, quote=st.sampled_from(["", '"', "'"]))
def test_every_reply_reads_back_as_the_name(name: str, description: str, quote: str) -> None:
    """Pure: zsh's specs, fish's lines and bash's quoting (as `read_word` reads a word) give
    back the name; a name no shell can take back as one word is never offered."""
    value = f"Zq{name}"
    assert offerable(value)
    assert zsh_values(zsh_reply([(value, description)], "place"))[0][0] == value
    (line,) = fish_reply([(value, description)]).split("\n")
    assert line.split("\t")[0] == value
    assert line.count("\t") <= 1
    (reply,) = bash_reply(read_word(f"{quote}Zq"), [value])
    closer = quote if quote and not reply.endswith(quote) else ""
    read = read_word(f"{quote}{reply}{closer}")
    assert (read.value, read.quote, read.literal) == (value, "", True)
    assert bash_reply(read_word(f"{quote}Zq"), [f"Zq{name}\n"]) == []
