"""TAB in real bash, zsh and fish, under tmux: what was typed is only ever extended.

A test types a partial command in a shell set up as `shells` describes, presses Tab and reads
the command line back from the pane. Missing tmux, zsh or fish skips that shell's tests,
except in CI (CI=true), where it fails.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from completion.shells import STATUS, Pane, pane_fixture, server_fixture  # noqa: F401 - the fixtures `pane`, `server`
from conftest import MINI

# Completion reads the cache as it is: each test starts from an empty one.
pytestmark = pytest.mark.private_cache


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


# Each shell types the names after a quote of its own, so that every quote is tried: each
# shell with each quote, in every role, is `test_hostile`'s (which reads the words back).
QUOTE_OF = {"bash": "", "zsh": '"', "fish": "'"}


def test_hostile_names_are_inserted_literally_and_never_run(pane: Pane) -> None:
    quote = QUOTE_OF[pane.shell]
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


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("ev", "events "),
        ("events --rev", "events --reverse "),
        ("stats --form", "stats --format "),
        ("events --pl", "events --place "),
        ("--ver", "--version "),
        ("control --di", "control --diff "),
        ("events -f json -- --disp", "events -f json -- --disputed "),
    ],
)
def test_command_and_option_names_complete(pane: Pane, typed: str, expected: str) -> None:
    # The first TAB asks Typer and keeps the table of names every later one reads
    # (`commandnames`); either way they are written by the same replies as values.
    line = pane.tab(f"eastsyria {typed}", lambda line: line != f"eastsyria {typed}")
    assert line == f"eastsyria {expected}"
    assert list((pane.home / "cache").glob("*.commands")) != []


ACLED_SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "acled-syria.csv"


def test_where_completes_a_field_then_its_value_and_the_query_gets_both(pane: Pane) -> None:
    """`--where FIELD=VALUE` over an imported ACLED file: TAB completes the field with its
    `=` and no space after it (bash splits its words at a `=`), then the value, spaces and
    all, as one word the program reads back whole."""
    pane.run(f"eastsyria import acled {ACLED_SAMPLE} -o a.json")
    assert (pane.home / "a.json").is_file()
    start = "eastsyria --data a.json events --where sub_ev"
    # bash writes the `=` it inserts as `\=` (a plain one would split the word).
    line = pane.tab(start, lambda line: line.replace("\\=", "=").endswith("sub_event_type="))
    assert line in (start + "ent_type=", start + "ent_type\\="), line
    pane.type("Ai")
    pane.wait(lambda: pane.line().endswith("Ai"), "typing Ai")
    pane.keys("Tab")
    pane.wait(lambda: pane.line().endswith("strike "), "Tab after Ai")
    assert pane.line().endswith("=Air/drone\\ strike "), pane.line()
    # A `=` typed by hand: bash hands readline only what follows it.
    typed = "eastsyria --data a.json events --where sub_event_type=Air"
    line = pane.tab(typed, lambda line: line.endswith("strike "))
    assert line == typed + "/drone\\ strike ", line
    pane.type(f"-f jsonl > out.jsonl; echo :DONE:{STATUS[pane.shell]}")
    pane.keys("Enter")
    pane.wait(lambda: any(ln.startswith(":DONE:") for ln in pane.screen()), "the query")
    assert [ln for ln in pane.screen() if ln.startswith(":DONE:")] == [":DONE:0"]
    rows = [json.loads(row) for row in (pane.home / "out.jsonl").read_text().splitlines()]
    assert rows
    assert {row["dataset_fields"]["sub_event_type"] for row in rows} == {"Air/drone strike"}
