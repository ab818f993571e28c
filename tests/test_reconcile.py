"""`reconcile`: sample ACLED and UCDP files written around real curated events, imported with
`eastsyria import`, then matched against the curated data and against each other.

The samples (tests/samples/acled-reconcile.csv, ucdp-reconcile.csv) were written so:

- ACLED SYR2001 and UCDP 290001: Abu Kamal, 9 November 2017, the army against IS: the
  curated `abu-kamal-first-capture` (9 November, the town handed to the government).
  ACLED's 12 killed (at least), UCDP's 20 to 45; the curated event gives no figure.
- ACLED SYR2002 (a capture, no fatalities) and UCDP 290003 (8 killed): Mayadin, 14 October
  2017: `mayadin-captured`.
- ACLED SYR2003 (at least 78 killed) and UCDP 290002 (10 to 20 killed): Mayadin, 23 May 2018,
  IS against the army: `mayadin-base-attack`, whose figures are 35 pro-government dead
  (SOHR's 9 Russians and the Russian ministry's 4 are parts of those) and 43 IS dead: 78 in
  all. ACLED's "at least 78" agrees; UCDP's 10-20 differs.
- ACLED SYR2004: Mayadin, 20 October 2017, a capture: three days after the last curated
  day of the valley's capture (14-17 October), beyond the default day of slack.
- ACLED SYR2005 (Raqqa, 2016), SYR2006 (Idlib, 9 November 2017, against HTS) and UCDP 290004
  (Mayadin, 2015): nothing curated is there then.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from conftest import TESTS, Run, run_on_terminal
from eastsyria.contract.reconcile import RECONCILE_FIELDS

SAMPLES = TESTS / "samples"
ACLED = SAMPLES / "acled-reconcile.csv"
UCDP = SAMPLES / "ucdp-reconcile.csv"

# (data event, curated event it confirms, dates, fatalities, held after, types)
AGAINST_CURATED = {
    "acled": [
        ("acled-syr2002", "mayadin-captured", "same", "none", "only-against", "same"),
        ("acled-syr2001", "abu-kamal-first-capture", "same", "only-data", "only-against", "same"),
        ("acled-syr2003", "mayadin-base-attack", "same", "agree", "none", "compatible"),
    ],
    "ucdp": [
        ("ucdp-290003", "mayadin-captured", "same", "only-data", "only-against", "compatible"),
        (
            "ucdp-290001",
            "abu-kamal-first-capture",
            "same",
            "only-data",
            "only-against",
            "compatible",
        ),
        ("ucdp-290002", "mayadin-base-attack", "same", "differ", "none", "compatible"),
    ],
}
ONLY_DATA = {
    "acled": {"acled-syr2004", "acled-syr2005", "acled-syr2006"},
    "ucdp": {"ucdp-290004"},
}
SAMPLE = {"acled": ACLED, "ucdp": UCDP}


@pytest.fixture
def files(run: Run, tmp_path: Path) -> dict[str, Path]:
    """Both samples, imported as a user imports them."""
    made = {}
    for kind, sample in SAMPLE.items():
        out = tmp_path / f"{kind}.json"
        result = run("import", kind, str(sample), "-o", str(out))
        assert result.status == 0, result.err
        made[kind] = out
    return made


def _json(run: Run, *args: str) -> list[dict[str, Any]]:
    result = run("reconcile", *args, "--format", "json")
    assert result.status == 0, result.err
    rows: list[dict[str, Any]] = json.loads(result.out)
    return rows


@pytest.mark.parametrize("kind", ["acled", "ucdp"])
def test_each_sample_confirms_the_curated_events_it_was_written_around(
    run: Run, files: dict[str, Path], kind: str
) -> None:
    rows = _json(run, "--data", str(files[kind]))
    matches = [
        (r["data_id"], r["against_id"], r["dates"], r["fatalities"], r["held_after"], r["types"])
        for r in rows
        if r["status"] == "match"
    ]
    assert matches == AGAINST_CURATED[kind]
    only = {r["data_id"] for r in rows if r["status"] == "only-data"}
    assert only == ONLY_DATA[kind]
    # Every curated event that no row confirms is listed, each once.
    confirmed = {m[1] for m in AGAINST_CURATED[kind]}
    curated = run("events", "--format", "json").json()
    unconfirmed = [r["against_id"] for r in rows if r["status"] == "only-against"]
    assert unconfirmed == [e["id"] for e in curated if e["id"] not in confirmed]


def test_the_figures_of_each_side_are_told_with_the_verdict(
    run: Run, files: dict[str, Path]
) -> None:
    by_id = {r["data_id"]: r for r in _json(run, "--data", str(files["ucdp"]))}
    base = by_id["ucdp-290002"]
    assert (base["data_killed"], base["against_killed"], base["fatalities"]) == (
        "10–20",
        "78+",  # 35 pro-government and 43 attackers: of the two sides, at least 78 in all
        "differ",
    )
    acled = {r["data_id"]: r for r in _json(run, "--data", str(files["acled"]))}
    assert (acled["acled-syr2003"]["data_killed"], acled["acled-syr2003"]["fatalities"]) == (
        "78+",
        "agree",
    )
    taken = acled["acled-syr2001"]
    assert (taken["data_held"], taken["against_held"]) == (None, "government")
    assert taken["reasons"] == [
        "same dates: 9 Nov 2017",
        "Abu Kamal (location) and Abu Kamal: 0 km apart, within 12 km precision",
        "sides agree: Syrian government and allies vs Islamic State (ISIL)",
        "types: both capture",
    ]


def test_a_row_days_off_is_only_in_its_file_unless_more_slack_is_given(
    run: Run, files: dict[str, Path]
) -> None:
    data = str(files["acled"])
    default = {r["data_id"]: r["status"] for r in _json(run, "--data", data)}
    assert default["acled-syr2004"] == "only-data"
    wider = {r["data_id"]: r for r in _json(run, "--data", data, "--days", "5")}
    late = wider["acled-syr2004"]
    assert (late["against_id"], late["dates"], late["days_apart"]) == (
        "deir-ez-zor-to-mayadin-valley-secured",
        "apart",
        3,
    )


def test_two_imported_files_against_each_other(run: Run, files: dict[str, Path]) -> None:
    rows = _json(run, "--data", str(files["acled"]), "--against", str(files["ucdp"]))
    matches = [
        (r["data_id"], r["against_id"], r["fatalities"]) for r in rows if r["status"] == "match"
    ]
    assert matches == [
        ("acled-syr2002", "ucdp-290003", "only-against"),
        ("acled-syr2001", "ucdp-290001", "agree"),  # at least 12 within 20–45
        ("acled-syr2003", "ucdp-290002", "differ"),  # at least 78 against 10–20
    ]
    assert {r["data_id"] for r in rows if r["status"] == "only-data"} == ONLY_DATA["acled"]
    assert [r["against_id"] for r in rows if r["status"] == "only-against"] == ["ucdp-290004"]


def test_the_global_data_option_and_the_commands_own_give_one_answer(
    run: Run, files: dict[str, Path]
) -> None:
    own = run("reconcile", "--data", str(files["acled"]), "-f", "json")
    global_ = run("--data", str(files["acled"]), "reconcile", "-f", "json")
    assert own.status == global_.status == 0
    assert own.out == global_.out


def test_filters_select_on_both_files(run: Run, files: dict[str, Path]) -> None:
    rows = _json(run, "--data", str(files["acled"]), "--from", "2017-11-01", "--to", "2017-11-30")
    assert [r["data_id"] for r in rows if r["status"] == "match"] == ["acled-syr2001"]
    assert {r["data_id"] for r in rows if r["status"] == "only-data"} == {"acled-syr2006"}
    curated = run("events", "--from", "2017-11-01", "--to", "2017-11-30", "-f", "json").json()
    listed = [r["against_id"] for r in rows if r["status"] == "only-against"]
    assert listed == [e["id"] for e in curated if e["id"] != "abu-kamal-first-capture"]


def test_a_place_one_file_does_not_know_is_an_error_naming_that_file(
    run: Run, files: dict[str, Path]
) -> None:
    result = run("reconcile", "--data", str(files["ucdp"]), "--place", "Hamdan Military Airbase")
    assert result.status == 2
    assert result.out == ""
    assert result.err.startswith("eastsyria: error: ucdp.json: no place 'Hamdan Military Airbase'")
    assert len(result.err.splitlines()) == 1


def test_min_score_and_show_choose_the_rows(run: Run, files: dict[str, Path]) -> None:
    data = str(files["ucdp"])
    everything = _json(run, "--data", data)
    strict = _json(run, "--data", data, "--min-score", "0.95")
    # The UCDP rows are battles, the curated events captures and an assault: 0.925 at best.
    assert [r for r in strict if r["status"] == "match"] == []
    assert all(r["score"] is None or r["score"] >= 0.5 for r in everything)
    matches = _json(run, "--data", data, "--show", "matches")
    assert {r["status"] for r in matches} == {"match"}
    only = _json(run, "--data", data, "--show", "only")
    assert {r["status"] for r in only} == {"only-data", "only-against"}
    assert len(matches) + len(only) == len(everything)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--min-score", "1.5"), "--min-score must be from 0 to 1, not 1.5"),
        (("--min-score", "-0.1"), "--min-score must be from 0 to 1, not -0.1"),
        (("--days", "-1"), "--days must be 0 or more, not -1"),
        (("--show", "some"), "--show must be all, matches or only, not 'some'"),
        (("--against", "nowhere.json"), "--against nowhere.json: the file does not exist"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    run: Run, files: dict[str, Path], args: tuple[str, ...], message: str
) -> None:
    result = run("reconcile", "--data", str(files["acled"]), *args)
    assert result.status == 2
    assert result.out == ""
    assert message in result.err
    assert len(result.err.splitlines()) == 1
    assert "Traceback" not in result.err


def test_the_same_file_on_both_sides_is_refused(run: Run, files: dict[str, Path]) -> None:
    alone = run("reconcile")
    assert alone.status == 2
    assert "--data and --against are the same file" in alone.err
    assert "give the file to check with --data" in alone.err
    twice = run("reconcile", "--data", str(files["acled"]), "--against", str(files["acled"]))
    assert twice.status == 2
    assert "give another file with --against" in twice.err
    assert len(twice.err.splitlines()) == 1


def test_an_empty_answer_exits_0(run: Run, files: dict[str, Path]) -> None:
    result = run("reconcile", "--data", str(files["acled"]), "--from", "2030-01-01")
    assert result.status == 0
    assert result.out == ""
    assert "0 matches" in result.err
    assert (
        json.loads(
            run(
                "reconcile", "--data", str(files["acled"]), "--from", "2030-01-01", "-f", "json"
            ).out
        )
        == []
    )


def test_every_format_carries_the_contract(run: Run, files: dict[str, Path]) -> None:
    data = ("--data", str(files["acled"]), "--against", str(files["ucdp"]))
    rows = _json(run, *data)
    for row in rows:
        assert list(row) == list(RECONCILE_FIELDS)
        assert row["status"] in ("match", "only-data", "only-against")
        assert isinstance(row["reasons"], list)
        if row["status"] == "match":
            assert 0.5 <= row["score"] <= 1
            assert len(row["reasons"]) == 4
        else:
            assert row["score"] is None
            assert row["reasons"] == []
    lines = run("reconcile", *data, "-f", "jsonl").out.splitlines()
    assert [json.loads(line) for line in lines] == rows
    table = list(csv.DictReader(io.StringIO(run("reconcile", *data, "-f", "csv").out)))
    assert list(table[0]) == list(RECONCILE_FIELDS)
    assert [r["data_id"] for r in table] == [r["data_id"] or "" for r in rows]
    assert table[1]["reasons"] == "; ".join(rows[1]["reasons"])
    tsv = run("reconcile", *data, "-f", "tsv").out.splitlines()
    assert tsv[1].split("\t")[:4] == ["match", "0.925", "acled-syr2001", "ucdp-290001"]
    picked = run("reconcile", *data, "--fields", "status,data_id,fatalities", "-f", "csv").out
    assert picked.splitlines()[:2] == [
        "status,data_id,fatalities",
        "match,acled-syr2002,only-against",
    ]


@pytest.mark.parametrize("width", [80, 120])
def test_the_table_for_people(
    files: dict[str, Path], monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    result = run_on_terminal("reconcile", "--data", str(files["acled"]))
    assert result.status == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "Matches: 3"
    assert all(len(line) <= width for line in lines)
    assert "Only in acled.json: 3 events" in result.out
    assert "Only in events.json: 69 events" in result.out
    assert result.err.strip() == (
        "3 matches (min score 0.5, 1 day of slack); only in acled.json: 3; only in events.json: 69"
    )
    # Each pair of events on its lines, the codes never cut.
    for code in ("acled-syr2001", "abu-kamal-first-capture"):
        assert f"[{code}]" not in result.out  # short codes, as the events table shows them
    start = lines.index(next(line for line in lines if line.startswith("1.00   9 Nov 2017")))
    row = lines[start : start + 4]
    assert "Abu Kamal falls" in " ".join(row)
    assert "held – / government" in " ".join(row)


@pytest.mark.private_cache
def test_a_large_file_is_answered_through_its_store_as_the_whole_file_answers(
    run: Run, files: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from eastsyria.data import storebuild, stores

    monkeypatch.setattr(storebuild, "SHARE_BATCH", 5)
    monkeypatch.setattr(storebuild, "_parts", lambda: 3)
    asked = [
        ("reconcile", "--data", str(files["acled"]), "-f", "json"),
        ("reconcile", "--data", str(files["ucdp"]), "--days", "5", "-f", "csv"),
        ("reconcile", "--data", str(files["acled"]), "--against", str(files["ucdp"]), "-f", "json"),
        ("reconcile", "--data", str(files["acled"]), "--place", "Mayadin", "-f", "json"),
        ("reconcile", "--data", str(files["acled"]), "--text", "Mayadin", "-f", "json"),
    ]
    whole = [run(*args) for args in asked]
    opened = []
    real_open_store = stores.open_store

    def open_store(path: Path, **options: Any) -> Any:
        opened.append(path)
        return real_open_store(path, **options)

    monkeypatch.setattr(stores, "open_store", open_store)
    monkeypatch.setenv("EASTSYRIA_STORE_MIN_MB", "0")
    for args, before in zip(asked, whole, strict=True):
        stored = run(*args)
        assert (stored.status, stored.out, stored.err) == (before.status, before.out, before.err)
        assert before.status == 0
    assert set(opened) >= {files["acled"], files["ucdp"]}


def test_the_committed_imports_of_the_samples_are_what_import_writes(
    files: dict[str, Path],
) -> None:
    # The help's and the docs' examples read them: `eastsyria import KIND SAMPLE.csv -o
    # tests/samples/SAMPLE.json` writes them again.
    for kind, made in files.items():
        committed = SAMPLE[kind].with_suffix(".json")
        assert committed.read_bytes() == made.read_bytes(), committed.name
