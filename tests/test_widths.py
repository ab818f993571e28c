"""Every screen at every width: no word, name or id cut, no line too long, no row lost.

Each command is drawn at COLUMNS 40, 60, 80, 120, 200 and 300 from the real dataset. A word
cut in two ("paramilitarie" / "s") leaves a piece that is no word of the same screen drawn
at 1000 columns, where nothing wraps; that is what `cut_words` looks for. Names are checked
whole: a place or actor name that fits in the width must stand on one line.
"""

from __future__ import annotations

import itertools
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from conftest import Run, run_on_terminal
from eastsyria.core.catalog import Catalog
from eastsyria.core.names import arabic_name
from eastsyria.data.load import load_record, shipped_data_path

WIDTHS = (40, 60, 80, 120, 200, 300)
COMMANDS = (
    ("events",),
    ("events", "--from", "2017-11-01", "--place", "Abu Kamal"),
    ("events", "--fields", "date,id,summary,sources"),
    ("show", "abu-kamal-first-capture"),
    ("show", "countryside-fighters-killed"),
    # The longest link: the aftermath section's, its en dash percent-encoded.
    ("show", "desert-pocket-offensive"),
    ("places",),
    ("actors",),
    # Every alias, Arabic ones among them, at widths where `places` leaves them out.
    ("places", "--fields", "name,aliases"),
    ("actors", "--fields", "name,aliases"),
    ("campaigns",),
    ("control",),
    ("control", "Abu Kamal"),
    ("stats",),
    ("timeline",),
    ("timeline", "--by", "week", "--campaign", "abu-kamal-offensive"),
    # A path relative to the checkout (see `screen`): the installed one can be wider than 40
    # columns, and a path is broken at its slashes, which the vocabulary cannot follow.
    ("validate", "data/events.json"),
    ("cite", "abu-kamal-first-capture", "desert-pocket-offensive"),
)
# Links from the issue and the articles' headings (the en dash of "Aftermath – Continued..."
# percent-encoded as UTF-8).
FIRST_ATTACK = "https://en.wikipedia.org/wiki/2017_Abu_Kamal_offensive#First_attack_on_the_city"
AFTERMATH = (
    "https://en.wikipedia.org/wiki/Eastern_Syria_campaign"
    "#Aftermath_%E2%80%93_Continued_ISIL_attacks_and_operation_to_take_the_ISIL_pocket"
)
# Words the screens add when they are narrow (the two-line events table, a left-out column).
LAYOUT_WORDS = frozenset(
    {"2017", "/", "Id", "Event", "places", "·", "actors", "type"}
    | {"Not", "shown", "at", "columns", "see", "--fields"}
)
_EDGES = ",;:()[]"


@cache
def catalog() -> Catalog:
    return Catalog(load_record(shipped_data_path()))


def tokens(text: str) -> list[str]:
    return [word.strip(_EDGES) for word in text.split() if word.strip(_EDGES)]


def screen(run: Run, monkeypatch: pytest.MonkeyPatch, width: int, args: tuple[str, ...]) -> str:
    monkeypatch.chdir(Path(__file__).resolve().parents[1])
    monkeypatch.setenv("COLUMNS", str(width))
    result = run(*args)
    assert result.status == 0, result.err
    return result.out


def cut_words(text: str, vocabulary: set[str]) -> list[str]:
    """Tokens that are no word of the vocabulary: pieces of a cut word. A link broken over
    lines is pieces of a link by design (`test_a_link_breaks_only_between_its_parts`)."""
    links = [word for word in vocabulary if word.startswith("https://")]
    return [
        word
        for word in tokens(text)
        if word not in vocabulary
        and not re.fullmatch(r"\+?\d+|─+|█+", word)
        and not any(word in link for link in links)
    ]


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def names_of(run: Run, args: tuple[str, ...]) -> list[str]:
    """The place, actor, side and campaign names the command's rows show in full."""
    command = args[0]
    data = catalog()
    if command in ("places", "actors"):
        rows = json.loads(run(command, "--format", "json").out)
        aliases = [alias for row in rows for alias in row["aliases"]] if "--fields" in args else []
        return [row["name"] for row in rows] + aliases
    if command == "campaigns":
        return [c["name"] for c in data.campaigns.values()]
    if command == "control" and len(args) == 1:
        return [row["place_name"] for row in json.loads(run("control", "-f", "json").out)]
    if command == "show":
        event = json.loads(run(*args, "--format", "json").out)
        arabic = [name for p in event["places"] if (name := arabic_name(p["aliases"]))]
        return [p["name"] for p in event["places"]] + arabic + [a["name"] for a in event["actors"]]
    if command == "events" and "--fields" not in args:
        rows = json.loads(run(*args, "--format", "json").out)
        # The first place of each event is always shown; lists may be shortened after it.
        return [row["places"][0]["name"] for row in rows if row["places"]]
    return []


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_no_word_name_or_id_is_cut_and_no_line_is_too_long(
    run: Run, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    from rich.cells import cell_len  # the width a terminal gives each character

    unlimited = screen(run, monkeypatch, 1000, args)
    vocabulary = set(tokens(unlimited)) | LAYOUT_WORDS | set(catalog().short_ids.values())
    names = [name for name in names_of(run, args) if " " in name]
    for width in WIDTHS:
        out = screen(run, monkeypatch, width, args)
        lines = out.splitlines()
        too_long = [line for line in lines if cell_len(line) > width]
        assert not too_long, (width, too_long[:3])
        assert not [line for line in lines if line != line.rstrip()], (width, "trailing spaces")
        assert cut_words(out, vocabulary) == [], width
        for name in names:
            if cell_len(name) <= width - 12:  # the narrowest label column, as in `show`
                assert any(name in line for line in lines), (width, name)


@pytest.mark.parametrize("width", WIDTHS)
def test_every_event_keeps_its_row_at_every_width(
    run: Run, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    data = catalog()
    ids = list(data.events_by_id)
    out = screen(run, monkeypatch, width, ("events",))
    shown = set(tokens(out))
    # Each event's id, or its short code, is on the screen once.
    missing = [i for i in ids if i not in shown and data.short_ids[i] not in shown]
    assert missing == []
    assert sum(1 for i in ids if i in shown or data.short_ids[i] in shown) == len(ids)
    timeline = screen(run, monkeypatch, width, ("timeline",))
    # Below the legend, each event is a side's mark in its campaign's lane.
    body = timeline.split("\n\n", 1)[1]
    marks = sum(1 for line in body.splitlines() if re.match(r"^(?:[│ ] )*[●■▲◆◇]", line))
    assert marks == len(ids)


def test_a_word_wider_than_the_line_breaks_after_its_slashes() -> None:
    from eastsyria.output.layout import Cell, text_of, wrap

    path = "/tmp/ci/.venv/lib/python3.11/site-packages/eastsyria/data/events.json:"
    lines = [text_of(line).plain for line in wrap(Cell.words(f"valid: {path} 64 events"), 40)]
    assert lines == [
        "valid: /tmp/ci/.venv/lib/python3.11/",
        "site-packages/eastsyria/data/",
        "events.json: 64 events",
    ]


@pytest.mark.parametrize(
    ("width", "lines"),
    [
        (200, [AFTERMATH]),
        # Before the '#' where the fragment then has a line of its own.
        (90, [AFTERMATH[:52], AFTERMATH[52:]]),
        # Else after a '/', '-' or '_' in the line's second half (before the '#' counts
        # too), never inside a word or the escape %E2%80%93.
        (
            40,
            [
                "https://en.wikipedia.org/wiki/",
                "Eastern_Syria_campaign",
                "#Aftermath_%E2%80%93_Continued_ISIL_",
                "attacks_and_operation_to_take_the_ISIL_",
                "pocket",
            ],
        ),
        # A run wider than the line (the host), only then, cut at the width.
        (12, ["https://", "en.wikipedia", ".org/wiki/", "Eastern_", "Syria_", "campaign"]),
    ],
)
def test_a_link_breaks_where_a_reader_expects(width: int, lines: list[str]) -> None:
    from eastsyria.output.layout import Cell, text_of, wrap

    shown = [text_of(line).plain for line in wrap(Cell.link(AFTERMATH), width)]
    assert "".join(shown) == AFTERMATH
    assert all(len(line) <= width for line in shown)
    assert shown[: len(lines)] == lines


@pytest.mark.parametrize(("width", "most"), [(80, 2.5), (120, 1.3)])
def test_the_headline_query_reads_in_few_lines_per_event(
    run: Run, monkeypatch: pytest.MonkeyPatch, width: int, most: float
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    # On a terminal, where a disputed event is marked with a sign, not words.
    out = run_on_terminal("events", "--from", "2017-11-01", "--place", "Abu Kamal").out
    rows = out.splitlines()[2:]  # below the headings and the rule
    # The city and its surroundings from 1 November: 20 events in the curated data.
    found = run("events", "--from", "2017-11-01", "--place", "Abu Kamal", "--format", "tsv")
    events = len(found.out.splitlines())
    assert events == 20
    assert len(rows) / events <= most


def link_lines(text: str, link: str) -> list[str]:
    """The lines a link is shown on: from where it starts in a line, each line's text until
    they make up the link."""
    lines = [line.strip() for line in text.splitlines()]
    for start, line in enumerate(lines):
        parts = [line[line.find("https://") :]] if "https://" in line else [""]
        while parts[-1] and link.startswith("".join(parts)) and "".join(parts) != link:
            parts.append(lines[start + len(parts)] if start + len(parts) < len(lines) else "")
        if "".join(parts) == link:
            return parts
    raise AssertionError(f"{link} is not shown whole")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    ("args", "link"),
    [
        (("show", "abu-kamal-first-capture"), FIRST_ATTACK),
        (("show", "desert-pocket-offensive"), AFTERMATH),
        (("cite", "desert-pocket-offensive"), AFTERMATH),
    ],
)
def test_a_link_breaks_only_between_its_parts(
    run: Run, monkeypatch: pytest.MonkeyPatch, width: int, args: tuple[str, ...], link: str
) -> None:
    monkeypatch.setenv("EASTSYRIA_FORCE_TTY", "1")
    parts = link_lines(screen(run, monkeypatch, width, args), link)
    # Whole where the line has room for it; else each line ends after a '/', '-' or '_' or
    # before the '#', never inside a word or an escape such as %E2%80%93.
    assert len(parts) == 1 or len(link) > width - 2
    for part, after in itertools.pairwise(parts):
        assert part.endswith(("/", "-", "_")) or after.startswith("#"), (part, after)
    if len("Sources  " + link) <= width:
        assert parts == [link]
