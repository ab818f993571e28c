"""Fuzzing: random command lines, and random damage to a data file, never end badly.

What "badly" means, for every case: an exception escaping the program (a traceback for a
user), an exit status other than 0 or 2, an error that is not exactly one line on stderr
(`validate` lists its problems first), data on stdout beside an error, a character from
the unsafe set on either stream (see `core.sanitise`), or a JSON answer that does not
parse. A file `validate` accepts must also be queried without error.

The number of examples per test is bounded for CI; a longer run, as in the closing note of
issue 12 (2 tests x 10,000 = 20,000 cases), is

    EASTSYRIA_FUZZ_EXAMPLES=10000 python -m pytest tests/security/test_fuzz.py -q

Commands run in-process against a fake environment (as `conftest.run` does), so a case
takes milliseconds; tests/security/test_streams.py covers what only a real process shows.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINI, FakeEnvironment
from eastsyria.cli import entry, spec
from eastsyria.output.formats import COMMAND_FORMATS, FORMATS
from security.fuzzcases import JSON_FORMATS, format_of, own_flags
from security.hostile import unsafe_in

EXAMPLES = int(os.environ.get("EASTSYRIA_FUZZ_EXAMPLES", "120"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
MINI_DOCUMENT: dict[str, Any] = json.loads(MINI.read_text(encoding="utf-8"))
COMMANDS = sorted(COMMAND_FORMATS)


# Not --svg, --qml, --data or --against: a fuzzed path would write files here or read any file.
WRITES_OR_READS_A_PATH = frozenset(["--svg", "--qml", "--data", "--against"])
OWN_FLAGS = own_flags(WRITES_OR_READS_A_PATH)
FLAGS = sorted({flag for option in spec.ALL for flag in option.flags} - WRITES_OR_READS_A_PATH)
NAMES = ["Town A", "town-a", "Al-Town", "Army", "army", "Daesh", "isil", "government"]
DATES = ["2017", "2017-10", "2017-10-05", "2017/10/05", "2017-W40", "Oct 2017", "9999-12",
         "9999-12-31", "Dec 9999", "0001-01-01", "2017-02-30", "2017-W53", "10000", ""]  # fmt: skip
CHARACTERS = [
    *"aZ09 -_.,;:'\"\\/$`()[]{}<>|&*?!#=+@%~^",
    *"\x1b\x07\x9b\u202e\n\t\r\x00\u2028يكé\U000e0041\ud800",
]
HOSTILE = st.text(alphabet=st.sampled_from(CHARACTERS), max_size=12)
VALUES = st.one_of(
    st.sampled_from(NAMES),
    st.sampled_from(DATES),
    st.sampled_from(sorted(FORMATS)),
    st.sampled_from(["1", "0", "-5", "30km", "30 KM", "nan", "inf", "1e309", "2" * 40]),
    st.sampled_from(["town-a-taken", "town-b-by", "id,title", "title,nope", "month", "week"]),
    HOSTILE,
)


def _run(args: list[str]) -> tuple[int, str, str]:
    env = FakeEnvironment()
    # Click writes its own help and usage straight to the process's streams.
    direct_out, direct_err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(direct_out), contextlib.redirect_stderr(direct_err):
        status = entry.run(args, env)
    return int(status), env.out.getvalue() + direct_out.getvalue(), env.err.getvalue()


@pytest.fixture(autouse=True)
def _elsewhere(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run in an empty directory of its own: no command may leave a file behind."""
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))


def _check(args: list[str]) -> tuple[int, str, str]:
    status, out, err = _run(args)
    assert not any(Path.cwd().iterdir()), (args, list(Path.cwd().iterdir()))
    assert status in (0, 2), (args, status, err)
    assert unsafe_in(out) == [], (args, out[:500])
    assert unsafe_in(err) == [], (args, err[:500])
    if status == 2:
        lines = err.splitlines()
        assert lines, args
        assert lines[-1].startswith("eastsyria: error: "), (args, err)
        if "validate" not in args:
            assert len(lines) == 1, (args, err)
            assert out == "", (args, out[:500])
    elif format_of(args) in JSON_FORMATS and out.strip() and not {"--help", "-h"} & set(args):
        json.loads(out)
    return status, out, err


# Well-typed values by what an option takes, so that most command lines get past parsing
# and reach the query; any value may still be swapped for a hostile one.
TYPED: dict[str, st.SearchStrategy[str]] = {
    "place": st.sampled_from(["Town A", "town-b", "Al-Town", "Syria", "Town"]),
    "actor": st.sampled_from(["Army", "brigade", "Daesh", "ISIL", "Arm"]),
    "side": st.sampled_from(["government", "isil", "govt"]),
    "type": st.sampled_from(["capture", "battle", "capturing"]),
    "campaign": st.sampled_from(["test-campaign", "Test campaign", "test"]),
    "by": st.sampled_from(["month", "week", "year"]),
    "--from": st.sampled_from(DATES),
    "--to": st.sampled_from(DATES),
    "--on": st.sampled_from(DATES),
    "--limit": st.sampled_from(["1", "0", "-1", "3", "99999999999999999999"]),
    "--radius": st.sampled_from(["30", "30km", "0.5 km", "0", "nan", "1e400"]),
    "--fields": st.sampled_from(["id,title", "title", "id,nope", "", "places,actors,sources"]),
    "--text": st.sampled_from(["army", "town b", ""]),
}


def _value(draw: st.DrawFn, flag: str) -> str:
    kind = spec.VALUE_KINDS.get(flag, flag)
    typed = TYPED.get(kind)
    if typed is not None and draw(st.integers(0, 3)):
        return draw(typed)
    return draw(VALUES)


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    command = draw(st.sampled_from([*COMMANDS, *COMMANDS, "nope"]))
    args = [command]
    if command in spec.POSITIONAL_KINDS:
        kind = spec.POSITIONAL_KINDS[command]
        ids = st.sampled_from(["town-a-taken", "town-b-by", "town-a", "town"])
        args.append(draw(TYPED.get(kind, ids)) if draw(st.integers(0, 3)) else "x")
    elif command == "validate" and draw(st.booleans()):
        args.append(str(MINI))
    for _ in range(draw(st.integers(0, 4))):
        own = OWN_FLAGS.get(command) or FLAGS
        flag = draw(st.sampled_from(own if draw(st.integers(0, 5)) else [*FLAGS, "--bogus"]))
        args.append(flag)
        if flag in spec.VALUE_KINDS or flag in spec.FREE_VALUE_OPTIONS:
            args.append(_value(draw, flag))
    if draw(st.booleans()):
        args += ["--format", draw(st.sampled_from(COMMAND_FORMATS.get(command, ("json",))))]
    return ["--data", str(MINI), *args]


@FUZZ
@given(args=command_lines())
def test_any_command_line_ends_in_an_answer_or_one_line(args: list[str]) -> None:
    _check(args)


# -- damaged data files -----------------------------------------------------------------------

ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([10**400, -1, 0, 1.5, 1e308, "", "9999-12-31", "0001-01-01", "2017-13-01"]),
    HOSTILE,
    st.lists(st.integers(0, 3), max_size=3),
    st.dictionaries(st.sampled_from(["id", "name", "x"]), st.integers(0, 3), max_size=2),
)


FREE_TEXT = {"title", "summary", "name", "text", "description", "publisher", "note", "topic"}


def _paths(node: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [at]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*at, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*at, index))
    return found


@st.composite
def damaged_files(draw: st.DrawFn) -> bytes:
    document = copy.deepcopy(MINI_DOCUMENT)
    for _ in range(draw(st.integers(1, 3))):
        paths = [path for path in _paths(document) if path]
        path = draw(st.sampled_from(paths))
        parent = document
        for key in path[:-1]:
            parent = parent[key]
        action = draw(st.sampled_from([*["text"] * 4, "replace", "delete", "duplicate", "key"]))
        if action == "text":
            # Free text anywhere: the file stays valid, and every command shows it.
            texts = [p for p in paths if p[-1] in FREE_TEXT or (len(p) > 1 and p[-2] == "aliases")]
            if texts:
                chosen = draw(st.sampled_from(texts))
                holder = document
                for key in chosen[:-1]:
                    holder = holder[key]
                holder[chosen[-1]] = draw(HOSTILE.filter(str.strip))
            continue
        if action == "replace":
            parent[path[-1]] = draw(ODD_VALUES)
        elif action == "delete":
            del parent[path[-1]]
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[path[-1]]))
        elif isinstance(parent, dict):
            parent[draw(HOSTILE)] = draw(ODD_VALUES)
    text = json.dumps(document, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass")
    damage = draw(st.sampled_from([*["none"] * 6, "truncate", "flip", "bom", "nan"]))
    if damage == "truncate":
        text = text[: draw(st.integers(0, len(text)))]
    elif damage == "flip":
        at = draw(st.integers(0, len(text) - 1))
        text = text[:at] + bytes([draw(st.integers(0, 255))]) + text[at + 1 :]
    elif damage == "bom":
        text = b"\xef\xbb\xbf" + text
    elif damage == "nan":
        text = text.replace(b"35.0", b"NaN", 1)
    return text


QUERIES = [
    ["events", "--format", "json"],
    ["events"],
    ["timeline"],
    ["stats"],
    ["places", "--format", "csv"],
    ["actors"],
    ["campaigns", "--format", "markdown"],
    ["show", "town-a-taken"],
    ["control", "Town A"],
    ["cite", "town-b-by"],
    ["events", "--place", "Town A", "--from", "2017-10"],
]


@FUZZ
@given(content=damaged_files(), query=st.sampled_from(QUERIES))
def test_any_damaged_data_file_ends_in_an_answer_or_one_line(
    tmp_path: Path, content: bytes, query: list[str]
) -> None:
    path = tmp_path / "damaged.json"
    path.write_bytes(content)
    checked, _, _ = _check(["validate", str(path)])
    status, _, _ = _check(["--data", str(path), *query])
    if checked == 0 and query[0] in ("events", "timeline", "stats", "places", "actors"):
        # A file validate accepts is a file every query reads.
        assert status == 0, query
