"""`import acled|ucdp` given hostile CSV files (issue 26, items 7 and 4).

The rule: whatever `import` writes passes `validate`, or the row is reported with its line;
the input is a regular file below the size limit, as a data file is; every failure is one
line with its exit status; no text from a cell reaches a terminal raw (stdout or stderr,
terminal or pipe), while the data file keeps each cell's text as it was (\\u-escaped where
a terminal would act on it: the same string once parsed).

The property test at the end generates rows of hostile cells (controls, long names, calendar
edges, figures of thousands of digits...) for both importers. A longer run:

    EASTSYRIA_FUZZ_EXAMPLES=5000 python -m pytest tests/security/test_import_hostile.py -k any_row
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import TESTS, Result, Run, run_on_terminal
from eastsyria.data.load import check_file
from eastsyria.imports.rows import NEEDS
from security.hostile import EVIL, unsafe_in
from security.test_streams import _one_error_line, _run_with_little_memory

SAMPLES = {
    "acled": TESTS / "samples" / "acled-syria.csv",
    "ucdp": TESTS / "samples" / "ucdp-syria.csv",
}
ID_COLUMN = {"acled": "event_id_cnty", "ucdp": "id"}
# EVIL and the characters the issue found echoed from cells: NEL, the separators, the
# information separators U+001C-U+001F (which Python splits lines at), a zero-width space.
HOSTILE = EVIL + "\x85\x1c\x1d\x1e\x1f\u2029\u200b\x00"
# Columns whose cells are free text: a hostile one is imported, not rejected.
TEXT_COLUMNS = {
    "acled": (
        "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
        "assoc_actor_2", "inter2", "country", "admin1", "admin2", "location", "source", "notes",
    ),
    "ucdp": (
        "conflict_name", "dyad_name", "side_a", "side_b", "source_article", "source_office",
        "source_headline", "where_coordinates", "where_description", "adm_1", "adm_2", "country",
    ),
}  # fmt: skip


def _sample(kind: str) -> tuple[list[str], dict[str, str]]:
    with SAMPLES[kind].open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        first = next(reader)
    return list(reader.fieldnames or []), first


def write_csv(path: Path, kind: str, changes: list[dict[str, str]]) -> Path:
    """A CSV file of `kind`: the sample's first row once for each of `changes`, changed by it
    (each with an id of its own unless the change gives one). Row i is on line i + 2."""
    header, good = _sample(kind)
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, header, lineterminator="\n")
        writer.writeheader()
        for index, change in enumerate(changes):
            writer.writerow({**good, ID_COLUMN[kind]: f"SYR{index + 1}", **change})
    return path


def reported_lines(result: Result, source: Path) -> dict[int, str]:
    """The rows reported on stderr: line -> reason."""
    found = {}
    for line in result.err.splitlines():
        if line.startswith(f"{source}:"):
            number, reason = line.removeprefix(f"{source}:").split(": ", 1)
            found[int(number)] = reason
    return found


def import_valid(run: Run, kind: str, source: Path, out: Path) -> tuple[Result, dict[int, str]]:
    """Import `source`: it succeeds, what it writes validates, every row is counted."""
    result = run("import", kind, str(source), "-o", str(out))
    assert result.status == 0, result.err
    assert "Traceback" not in result.err
    record, problems = check_file(out)
    assert problems == [], problems[:3]
    assert record is not None
    reported = reported_lines(result, source)
    rows = len(record["events"]) + len(reported)
    assert (
        result.err.strip()
        .splitlines()[-1]
        .startswith(f"imported {len(record['events'])} of {rows} rows; {len(reported)} reported")
    )
    return result, reported


# -- dates at the calendar's edges ------------------------------------------------------------


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "01 January 0001", "31 Dec 9999"])
def test_an_acled_span_past_the_calendar_is_a_reported_row(
    run: Run, tmp_path: Path, day: str
) -> None:
    # time_precision 2 is "within a week of the date": 6 days either side, which 0001-01-01
    # and 9999-12-31 do not have. Precision 1 and 3 (the day, the month) fit.
    rows = [{}, {"event_date": day, "time_precision": "2"}]
    rows += [{"event_date": day, "time_precision": code} for code in ("1", "3")]
    source = write_csv(tmp_path / "edge.csv", "acled", rows)
    _, reported = import_valid(run, "acled", source, tmp_path / "out.json")
    assert list(reported) == [3]
    assert "a week of" in reported[3]
    assert "0001-01-01 to 9999-12-31" in reported[3]


def test_ucdp_spans_from_the_first_day_to_the_last_are_imported(run: Run, tmp_path: Path) -> None:
    rows = [
        {"date_start": "0001-01-01", "date_end": "9999-12-31", "date_prec": "5"},
        {"date_start": "9999-12-31", "date_end": "9999-12-31", "date_prec": "1"},
        {"date_start": "0001-01-01", "date_end": "0001-01-31", "date_prec": "4"},
    ]
    source = write_csv(tmp_path / "edge.csv", "ucdp", rows)
    _, reported = import_valid(run, "ucdp", source, tmp_path / "out.json")
    assert reported == {}


# -- figures ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "column"),
    [("acled", "fatalities"), ("ucdp", "best"), ("ucdp", "deaths_a"), ("ucdp", "deaths_unknown")],
)
@pytest.mark.parametrize("figure", ["9" * 5000, "1" * 20, "1000000001", "9" * 4301 + ".0"])
def test_an_absurd_figure_is_a_reported_row(
    run: Run, tmp_path: Path, kind: str, column: str, figure: str
) -> None:
    change = {column: figure}
    if column == "best":
        change.update(low="0", high="")
    source = write_csv(tmp_path / "big.csv", kind, [{}, change])
    _result, reported = import_valid(run, kind, source, tmp_path / "out.json")
    assert list(reported) == [3]
    assert column in reported[3]
    assert "1,000,000,000" in reported[3]
    # The value is named, not echoed whole: one short line.
    assert len(reported[3]) < 200


def test_a_ucdp_best_above_low_with_no_high_is_a_reported_row(run: Run, tmp_path: Path) -> None:
    # The schema puts best between count and count_max: with high blank there is no range
    # that holds it, and a made-up high would fail `validate` or claim what UCDP did not.
    rows = [{"low": "20", "best": "26", "high": ""}, {"low": "", "best": "26", "high": ""}]
    source = write_csv(tmp_path / "best.csv", "ucdp", rows)
    _, reported = import_valid(run, "ucdp", source, tmp_path / "out.json")
    assert reported == {2: "best 26 is above low 20, and high is blank: no range holds it"}


def test_a_figure_with_leading_zeros_is_its_number(run: Run, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "zeros.csv", "acled", [{"fatalities": "0" * 5000 + "7"}])
    out = tmp_path / "out.json"
    import_valid(run, "acled", source, out)
    event = json.loads(out.read_text(encoding="utf-8"))["events"][0]
    assert event["casualties"][0]["count"] == 7


# -- names the schema would refuse ------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "column"),
    [
        ("acled", "location"),
        ("acled", "admin1"),
        ("acled", "admin2"),
        ("acled", "country"),
        ("ucdp", "where_coordinates"),
        ("ucdp", "adm_1"),
        ("ucdp", "adm_2"),
        ("ucdp", "country"),
    ],
)
def test_a_place_name_longer_than_the_schema_allows_is_a_reported_row(
    run: Run, tmp_path: Path, kind: str, column: str
) -> None:
    rows = [{}, {column: "x" * 301}, {column: "y" * 300}, {column: "z " * 400}]
    source = write_csv(tmp_path / "long.csv", kind, rows)
    out = tmp_path / "out.json"
    _, reported = import_valid(run, kind, source, out)
    assert sorted(reported) == [3, 5]
    assert f"{column} is 301 characters long" in reported[3]
    assert "300" in reported[3]
    names = {place["name"] for place in json.loads(out.read_text(encoding="utf-8"))["places"]}
    assert "y" * 300 in names


def test_long_actor_and_outlet_names_are_cut_to_the_schemas_length(
    run: Run, tmp_path: Path
) -> None:
    long = "word " * 200
    rows = [dict.fromkeys(("actor1", "assoc_actor_1", "source", "notes", "event_type"), long)]
    source = write_csv(tmp_path / "long.csv", "acled", rows)
    _, reported = import_valid(run, "acled", source, tmp_path / "out.json")
    assert reported == {}


def test_a_file_name_of_spaces_or_of_bytes_that_are_not_utf8_still_validates(
    run: Run, tmp_path: Path
) -> None:
    for name in ("   ", os.fsdecode(b"caf\xe9.csv")):
        source = write_csv(tmp_path / name, "acled", [{}])
        import_valid(run, "acled", source, tmp_path / "out.json")


# -- the file read: what --data refuses, import refuses ---------------------------------------


@pytest.mark.parametrize(
    ("path", "says"),
    [
        ("/dev/zero", "is a device, not a regular file"),
        ("fifo", "is a pipe (FIFO), not a regular file"),
        (".", "is a directory, not a CSV file"),
    ],
)
@pytest.mark.parametrize("kind", ["acled", "ucdp"])
def test_a_file_that_is_not_regular_is_refused_at_once(
    tmp_path: Path, kind: str, path: str, says: str
) -> None:
    if path == "fifo":
        os.mkfifo(tmp_path / "fifo")
    target = path if path.startswith("/") else str(tmp_path / path)
    # A real process: a FIFO with no writer blocked it, /dev/zero was read until memory ran
    # out (here, held to a little memory, it ends in "out of memory").
    done = _run_with_little_memory("import", kind, target)
    assert done.returncode == 2, done.stderr[-500:]
    assert _one_error_line(done.stderr) == f"eastsyria: error: CSV file {target!r} {says}"
    assert done.stdout == ""


def test_a_csv_file_that_is_a_loop_of_links_is_one_line(run: Run, tmp_path: Path) -> None:
    # With -o the file's path was resolved first, to tell it from the output: Path.resolve()
    # raised RuntimeError on the loop.
    (tmp_path / "a.csv").symlink_to(tmp_path / "b.csv")
    (tmp_path / "b.csv").symlink_to(tmp_path / "a.csv")
    result = run("import", "acled", str(tmp_path / "a.csv"), "-o", str(tmp_path / "out.json"))
    assert result.status == 2
    assert _one_error_line(result.err).endswith("Too many levels of symbolic links")


def test_a_sides_file_that_is_not_regular_is_refused_at_once(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "sides.toml")
    done = _run_with_little_memory(
        "import", "acled", str(SAMPLES["acled"]), "--sides", str(tmp_path / "sides.toml")
    )
    assert done.returncode == 2
    assert "is a pipe (FIFO), not a regular file" in _one_error_line(done.stderr)


def test_a_csv_file_above_the_size_limit_is_refused_and_the_limit_can_be_raised(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EASTSYRIA_MAX_DATA_MB", "0.001")
    result = run("import", "acled", str(SAMPLES["acled"]))
    assert result.status == 2
    line = _one_error_line(result.err)
    assert "above the limit of 1,048 bytes; set EASTSYRIA_MAX_DATA_MB" in line
    assert result.out == ""
    monkeypatch.setenv("EASTSYRIA_MAX_DATA_MB", "0")
    assert run("import", "acled", str(SAMPLES["acled"])).status == 0


@pytest.mark.parametrize(
    ("side_id", "name", "says"),
    [("a", "n" * 301, "sides[0].name"), ("a" * 121, "n", "sides[0].id")],
)
def test_a_sides_file_the_schema_would_refuse_is_one_line(
    run: Run, tmp_path: Path, side_id: str, name: str, says: str
) -> None:
    path = tmp_path / "sides.toml"
    text = f'default = "{side_id}"\n[[sides]]\nid = "{side_id}"\nname = "{name}"\n'
    path.write_text(text, encoding="utf-8")
    result = run("import", "acled", str(SAMPLES["acled"]), "--sides", str(path))
    assert result.status == 2
    assert says in _one_error_line(result.err)


def test_a_full_disk_under_the_temporary_files_is_one_line_and_exit_74(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The events wait in a temporary file until every row is read: here it is /dev/full.
    from eastsyria.imports import run as importer

    real = importer.spool_folder

    @contextlib.contextmanager
    def full_disk() -> Iterator[str]:
        with real() as folder:
            (Path(folder) / "events").symlink_to("/dev/full")
            yield folder

    monkeypatch.setattr(importer, "spool_folder", full_disk)
    result = run("import", "acled", str(SAMPLES["acled"]), "-o", str(tmp_path / "out.json"))
    assert result.status == 74
    line = result.err.strip().splitlines()[-1]
    assert line.startswith("eastsyria: error: cannot write the import's temporary file")
    assert "No space left on device; free some space there, or set TMPDIR" in line
    assert "Traceback" not in result.err
    assert not (tmp_path / "out.json").exists()


def test_no_folder_for_the_temporary_files_is_one_line_and_exit_74(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))
    result = run("import", "ucdp", str(SAMPLES["ucdp"]))
    assert result.status == 74
    assert "cannot make a temporary folder for the import" in _one_error_line(result.err)
    assert result.out == ""


# -- text that is not UTF-8 -------------------------------------------------------------------


def test_a_byte_that_is_not_utf8_is_reported_on_its_own_line(run: Run, tmp_path: Path) -> None:
    # The row on line 12 (and only it) has a Latin-1 byte; it used to refuse the whole file
    # "after row 0", the decoder having read ahead of the rows.
    source = write_csv(tmp_path / "latin.csv", "acled", [{} for _ in range(15)])
    lines = source.read_bytes().split(b"\n")
    lines[11] = lines[11].replace(b"Abu Kamal", b"Ab\xfa Kamal", 1)
    source.write_bytes(b"\n".join(lines))
    _, reported = import_valid(run, "acled", source, tmp_path / "out.json")
    assert list(reported) == [12]
    assert "byte 0xfa" in reported[12]
    assert "not UTF-8" in reported[12]


def test_a_header_that_is_not_utf8_refuses_the_file_with_its_line(run: Run, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "latin.csv", "acled", [{}])
    source.write_bytes(source.read_bytes().replace(b"notes", b"not\xe9s", 1))
    result = run("import", "acled", str(source))
    assert result.status == 2
    line = _one_error_line(result.err)
    assert "line 1" in line
    assert "byte 0xe9" in line


# -- controls in cells: inert on a terminal, kept in the data ----------------------------------


@pytest.mark.parametrize("kind", ["acled", "ucdp"])
@pytest.mark.parametrize("terminal", [False, True], ids=["pipe", "tty"])
def test_hostile_cells_reach_no_terminal_and_stay_in_the_data(
    run: Run, tmp_path: Path, kind: str, terminal: bool
) -> None:
    header, _ = _sample(kind)
    rows = [
        dict.fromkeys(TEXT_COLUMNS[kind], f"x{HOSTILE}"),  # imported
        dict.fromkeys(header, f"{HOSTILE}1"),  # rejected: its reason names a cell
        {ID_COLUMN[kind]: f"SYR{HOSTILE}3", "latitude": f"{HOSTILE}"},
        {"latitude": f"34{HOSTILE}"},
    ]
    source = write_csv(tmp_path / f"hostile{EVIL}.csv", kind, rows)
    rejected = tmp_path / "rejected.csv"
    args = ("import", kind, str(source), "--rejected", str(rejected))
    result = run_on_terminal(*args) if terminal else run(*args)
    assert result.status == 0, result.err
    assert unsafe_in(result.out) == []
    assert unsafe_in(result.err) == []
    assert unsafe_in(rejected.read_text(encoding="utf-8")) == []
    assert len(reported_lines(result, source)) == 0  # the path is shown made safe
    # three rows reported, "wrote" the rejected rows' file, and the count
    assert result.err.count("\n") == 5
    assert f"wrote {rejected}\n" in result.err
    document = json.loads(result.out)
    summary = document["events"][0]["summary"]
    if kind == "acled":
        assert summary == f"x{HOSTILE}"  # the notes, as written
    else:
        # Made of several cells, spaces (U+2028, U+001C...) made single: the rest as written.
        assert "x\x1b]0;PWNED\x07\x1b[31m\x1b[2J\x9b2J\u202eevil \U000e0041\x7f" in summary
    out = tmp_path / "out.json"
    out.write_text(result.out, encoding="utf-8")
    assert check_file(out)[1] == []


# -- any row at all ---------------------------------------------------------------------------

EXAMPLES = int(os.environ.get("EASTSYRIA_FUZZ_EXAMPLES", "100"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
_NASTY = st.sampled_from(
    ["\x1b", "\x07", "\x9b", "\x85", "\u202e", "\u2028", "\u2029", "\x1c", "\x1f", "\x00",
     "\r", "\n", "\t", " ", ",", '"', ";", "\u200b", "\ufeff", "\U000e0041", "\x7f", "é", "ب",
     "0", "9", "-", ".", "e", "x", "\udcff"]
)  # fmt: skip
_EDGE_DAYS = [dt.date.min, dt.date.min + dt.timedelta(days=5), dt.date.max, dt.date(2017, 2, 28)]


@st.composite
def cells(draw: st.DrawFn, good: str) -> str:
    """A cell: the sample's, or hostile text, or a long one, or an edge date or figure."""
    choice = draw(st.integers(0, 9))
    if choice <= 2:
        return good
    if choice == 3:
        return draw(st.text(_NASTY, max_size=12))
    if choice == 4:
        return good + draw(st.text(_NASTY, min_size=1, max_size=4))
    if choice == 5:
        return draw(st.sampled_from(["x", "word ", "9", "0", " "])) * draw(
            st.sampled_from([119, 120, 121, 199, 200, 201, 299, 300, 301, 4301, 5000])
        )
    if choice == 6:
        day = draw(st.sampled_from(_EDGE_DAYS))
        return draw(st.sampled_from([day.isoformat(), f"{day:%d %B} {day.year:04d}"]))
    if choice == 7:
        return str(draw(st.sampled_from([0, 1, 10**9, 10**9 + 1, 2**63, -1])))
    if choice == 8:
        return draw(st.sampled_from(["1", "2", "3", "4", "5", "6", "7", "8", "nan", "inf", "-90"]))
    return draw(st.text(max_size=20))


@st.composite
def hostile_files(draw: st.DrawFn) -> tuple[str, list[dict[str, str]]]:
    kind = draw(st.sampled_from(["acled", "ucdp"]))
    _, good = _sample(kind)
    rows = []
    for _ in range(draw(st.integers(1, 4))):
        changed = draw(st.lists(st.sampled_from(NEEDS[kind]), max_size=6, unique=True))
        rows.append({column: draw(cells(good[column])) for column in changed})
    return kind, rows


def _write_raw(path: Path, kind: str, rows: list[dict[str, str]]) -> set[int]:
    """Write the rows as bytes (a lone surrogate in a cell stands for a byte that is not
    UTF-8); the lines they start on."""
    header, good = _sample(kind)
    starts, line = set(), 2
    with path.open("wb") as stream:
        stream.write((",".join(header) + "\n").encode())
        for index, change in enumerate(rows):
            row = {**good, ID_COLUMN[kind]: f"SYR{index + 1}", **change}
            text = ",".join('"' + row[c].replace('"', '""') + '"' for c in header) + "\n"
            stream.write(text.encode("utf-8", "surrogateescape"))
            starts.add(line)
            line += len(re.findall("\r\n|\r|\n", text))
    return starts


@FUZZ
@given(case=hostile_files())
def test_any_row_is_imported_validly_or_reported(
    run: Run, tmp_path_factory: pytest.TempPathFactory, case: tuple[str, list[dict[str, str]]]
) -> None:
    kind, rows = case
    folder = tmp_path_factory.mktemp("fuzz")
    source = folder / "rows.csv"
    starts = _write_raw(source, kind, rows)
    result = run("import", kind, str(source))
    assert result.status == 0, result.err
    assert unsafe_in(result.out) == []
    assert unsafe_in(result.err) == []
    out = folder / "out.json"
    out.write_text(result.out, encoding="utf-8")
    record, problems = check_file(out)
    assert problems == [], problems[:3]
    assert record is not None
    reported = reported_lines(result, source)
    assert len(record["events"]) + len(reported) == len(rows)
    assert set(reported) <= starts
