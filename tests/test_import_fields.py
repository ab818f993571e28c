"""What ACLED and UCDP users rely on, kept by `import` (issue 28, point 7): the rows' own
columns (ACLED's timestamp, sub_event_type, admin1-3...; UCDP's type_of_violence, conflict
and dyad ids...) on each event, in the JSON and as CSV columns; `--where FIELD=VALUE` on
them, through the whole file and through a store alike, completed from the file; and a
newer export imported `--update OLD.json`, told as added, changed and deleted.

Expected values are read from the sample rows (tests/samples), not from the program."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import TESTS, Run
from eastsyria.cli.completion import fast_candidates
from eastsyria.data import stores
from eastsyria.data.store import Store
from eastsyria.data.vocab import DATASET_FIELDS
from test_geo_clients import ogrinfo  # noqa: F401  (the fixture)

SAMPLES = TESTS / "samples"
ACLED = SAMPLES / "acled-syria.csv"
ACLED_NEWER = SAMPLES / "acled-syria-update.csv"
UCDP = SAMPLES / "ucdp-syria.csv"
OLD_ACLED = SAMPLES / "acled-old-layout.csv"


def rows(path: Path) -> dict[str, dict[str, str]]:
    """The sample's rows by id (the first of an id given twice)."""
    with path.open(encoding="utf-8", newline="") as stream:
        found: dict[str, dict[str, str]] = {}
        for row in csv.DictReader(stream):
            found.setdefault(row.get("event_id_cnty") or row["id"], row)
        return found


def imported(run: Run, kind: str, sample: Path, folder: Path, *extra: str) -> Path:
    out = folder / f"{sample.stem}.json"
    result = run("import", kind, str(sample), "-o", str(out), *extra)
    assert result.status == 0, result.err
    return out


@pytest.fixture
def acled(run: Run, tmp_path: Path) -> Path:
    return imported(run, "acled", ACLED, tmp_path)


def ids(run: Run, data: Path, *args: str) -> list[str]:
    return [event["id"] for event in views(run, data, *args)]


def views(run: Run, data: Path, *args: str) -> list[dict[str, Any]]:
    result = run("--data", str(data), "events", *args, "-f", "json")
    assert result.status == 0, result.err
    return list(result.json())


# -- the columns kept ------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "sample"), [("acled", ACLED), ("ucdp", UCDP)])
def test_every_kept_column_is_on_its_event_as_the_row_gives_it(
    run: Run, tmp_path: Path, kind: str, sample: Path
) -> None:
    data = imported(run, kind, sample, tmp_path)
    written = rows(sample)
    events = views(run, data)
    assert events
    for event in events:
        row = written[event["id"].removeprefix(f"{kind}-").upper()]
        assert event["dataset"] == kind
        expected = {
            column: (int(row[column]) if whole else row[column]) if row[column].strip() else None
            for column, whole in DATASET_FIELDS[kind].items()
        }
        assert event["dataset_fields"] == expected
    assert run("validate", str(data)).status == 0


def test_acled_timestamp_is_a_number_and_the_older_layouts_missing_columns_are_null(
    run: Run, tmp_path: Path
) -> None:
    data = imported(run, "acled", OLD_ACLED, tmp_path)
    event = views(run, data)[0]
    assert event["dataset_fields"]["timestamp"] == 1552577201
    # The older export has no disorder_type, civilian_targeting or tags column.
    assert event["dataset_fields"]["disorder_type"] is None
    assert event["dataset_fields"]["tags"] is None
    assert event["dataset_fields"]["source_scale"] == "National"


def test_a_curated_event_has_no_dataset(run: Run) -> None:
    event = run("events", "-n", "1", "-f", "json").json()[0]
    assert (event["dataset"], event["dataset_fields"]) == (None, {})


def test_csv_gives_each_kept_column_a_column_of_its_own(run: Run, acled: Path) -> None:
    result = run("--data", str(acled), "events", "-f", "csv")
    table = list(csv.DictReader(io.StringIO(result.out)))
    header = next(csv.reader(io.StringIO(result.out)))
    names = [c for fields in DATASET_FIELDS.values() for c in fields]
    assert header[-len(names) - 1 :] == ["dataset", *names]
    assert "dataset_fields" not in header
    written = rows(ACLED)
    for line in table:
        row = written[line["id"].removeprefix("acled-").upper()]
        assert line["dataset"] == "acled"
        assert line["sub_event_type"] == row["sub_event_type"]
        assert line["timestamp"] == row["timestamp"]
        assert line["admin3"] == row["admin3"]
        assert line["type_of_violence"] == ""  # a UCDP column, blank for an ACLED row
    # The curated data: the same columns, blank.
    curated = list(csv.DictReader(io.StringIO(run("events", "-n", "1", "-f", "csv").out)))
    assert curated[0]["dataset"] == ""
    assert curated[0]["sub_event_type"] == ""


def test_tsv_and_markdown_give_the_kept_columns_as_one_cell(run: Run, acled: Path) -> None:
    result = run("--data", str(acled), "events", "--fields", "id,dataset_fields", "-f", "tsv")
    first = result.out.splitlines()[0].split("\t")
    row = rows(ACLED)[first[0].removeprefix("acled-").upper()]
    assert f"sub_event_type={row['sub_event_type']}" in first[1]
    assert f"timestamp={row['timestamp']}" in first[1]
    assert "admin3=" not in first[1]  # blank: not given


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"bogus": "x"}, "no kept field 'bogus'"),
        ({"timestamp": "1700000000"}, "field 'timestamp' is a whole number"),
        ({"admin1": 4}, "field 'admin1' is a text"),
        ({"admin1": True}, "fields.admin1"),
        ({"timestamp": -1}, "fields.timestamp"),
        ({"admin1": ""}, "fields.admin1"),
    ],
)
def test_validate_checks_the_kept_columns_types(
    run: Run, acled: Path, tmp_path: Path, change: dict[str, Any], message: str
) -> None:
    document = json.loads(acled.read_text(encoding="utf-8"))
    document["events"][0]["dataset"]["fields"].update(change)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    result = run("validate", str(bad))
    assert result.status != 0
    assert message in result.out + result.err


@pytest.mark.parametrize(
    "change",
    [{"bogus": "x"}, {"timestamp": "1700000000"}, {"admin1": 4}, {"type_of_violence": 1}],
)
def test_the_json_schema_refuses_what_validate_refuses_of_the_kept_columns(
    run: Run, acled: Path, tmp_path: Path, change: dict[str, Any]
) -> None:
    import jsonschema

    from eastsyria.data.schema import json_schema

    document = json.loads(acled.read_text(encoding="utf-8"))
    checker = jsonschema.Draft202012Validator(json_schema())
    assert list(checker.iter_errors(document)) == []
    document["events"][0]["dataset"]["fields"].update(change)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    assert run("validate", str(bad)).status == 2
    assert list(checker.iter_errors(document)) != []


def test_validate_refuses_a_dataset_it_does_not_know(run: Run, acled: Path, tmp_path: Path) -> None:
    document = json.loads(acled.read_text(encoding="utf-8"))
    document["events"][0]["dataset"]["name"] = "gdelt"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    result = run("validate", str(bad))
    assert result.status != 0
    assert "unknown dataset 'gdelt'" in result.out + result.err


def test_hostile_text_in_a_kept_column_is_inert(run: Run, tmp_path: Path) -> None:
    text = ACLED.read_text(encoding="utf-8").replace(
        ",National,", ",\x1b]8;;http://x\x07Nat\x1b[31mional,", 1
    )
    sample = tmp_path / "hostile.csv"
    sample.write_text(text, encoding="utf-8")
    data = imported(run, "acled", sample, tmp_path)
    assert "\x1b" not in data.read_text(encoding="utf-8")
    for form in ("json", "csv", "tsv", "md"):
        out = run("--data", str(data), "events", "--fields", "id,dataset_fields", "-f", form).out
        assert "\x1b" not in out, form
        assert "\x07" not in out, form
    kept = views(run, data, "--where", "source_scale=\x1b]8;;http://x\x07Nat\x1b[31mional")
    assert len(kept) == 1
    shown = run("--data", str(data), "show", kept[0]["id"])
    assert "source_scale: " in shown.out
    assert "\x1b" not in shown.out
    assert "\x07" not in shown.out


def test_show_lists_the_rows_own_columns_under_its_dataset(run: Run, acled: Path) -> None:
    event = views(run, acled)[0]
    lines = run("--data", str(acled), "show", event["id"]).out.splitlines()
    given = [(k, v) for k, v in event["dataset_fields"].items() if v is not None]
    at = next(i for i, line in enumerate(lines) if line.startswith("ACLED "))
    assert [
        line.split(None, 1)[-1] if i == 0 else line.strip()
        for i, line in enumerate(lines[at : at + len(given)])
    ] == [f"{k}: {v}" for k, v in given]
    assert "ACLED" not in run("show", "abu-kamal-first-capture").out.split("Sources")[-1]


# -- --where ---------------------------------------------------------------------------------


def test_where_keeps_the_events_whose_column_has_the_value(run: Run, acled: Path) -> None:
    written = rows(ACLED)
    found = ids(run, acled, "--where", "sub_event_type=Armed clash")
    expected = {
        f"acled-{key.lower()}"
        for key, row in written.items()
        if row["sub_event_type"] == "Armed clash"
    }
    assert set(found) == expected & set(ids(run, acled))
    assert len(found) >= 2


def test_where_ignores_case_and_spaces_and_matches_a_part_between_semicolons(
    run: Run, tmp_path: Path
) -> None:
    data = imported(run, "acled", ACLED_NEWER, tmp_path)
    assert len(ids(run, data, "--where", "sub_event_type=armed  CLASH"))
    tagged = ids(run, data, "--where", "tags=crowd size=no report")
    assert tagged == ["acled-syr1001"]


def test_where_repeated_all_fields_must_match_and_one_field_twice_is_either(
    run: Run, acled: Path
) -> None:
    written = {f"acled-{k.lower()}": row for k, row in rows(ACLED).items()}
    every = ids(run, acled)

    def expected(rule: Any) -> set[str]:
        return {event for event in every if rule(written[event])}

    both = ids(run, acled, "--where", "admin2=Abu Kamal", "--where", "sub_event_type=Armed clash")
    assert set(both) == expected(
        lambda r: r["admin2"] == "Abu Kamal" and r["sub_event_type"] == "Armed clash"
    )
    either = ids(
        run,
        acled,
        "--where",
        "sub_event_type=Armed clash",
        "--where",
        "sub_event_type=Air/drone strike",
    )
    assert set(either) == expected(
        lambda r: r["sub_event_type"] in ("Armed clash", "Air/drone strike")
    )
    assert set(both) < set(either)


def test_where_on_a_number_column(run: Run, tmp_path: Path) -> None:
    data = imported(run, "ucdp", UCDP, tmp_path)
    written = rows(UCDP)
    found = ids(run, data, "--where", "type_of_violence=1")
    every = ids(run, data)
    assert set(found) == {
        e for e in every if written[e.removeprefix("ucdp-")]["type_of_violence"] == "1"
    }
    assert found


@pytest.mark.parametrize("command", ["timeline", "stats", "map", "casualties", "disputes"])
def test_the_other_filtering_commands_take_where(run: Run, acled: Path, command: str) -> None:
    result = run("--data", str(acled), command, "--where", "sub_event_type=Armed clash")
    assert result.status == 0, result.err


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        (
            "sub_event=Airstrike",
            "eastsyria: error: --where: no kept field 'sub_event'; did you mean 'sub_event_type'?",
        ),
        ("sub_event_type", "--where 'sub_event_type' is not FIELD=VALUE"),
        ("=Airstrike", "--where '=Airstrike' is not FIELD=VALUE"),
        ("admin1=  ", "--where 'admin1=  ' has no value"),
    ],
)
def test_a_bad_where_is_one_line_and_exit_2(run: Run, acled: Path, typed: str, said: str) -> None:
    result = run("--data", str(acled), "events", "--where", typed)
    assert result.status == 2
    assert result.out == ""
    assert len(result.err.strip().splitlines()) == 1
    assert result.err.startswith(said) or said in result.err


def test_where_on_the_curated_data_is_an_empty_answer_not_an_error(run: Run) -> None:
    result = run("events", "--where", "sub_event_type=Armed clash", "-f", "json")
    assert (result.status, result.json()) == (0, [])


# -- through the store -----------------------------------------------------------------------

STORED_QUERIES = [
    ("events", "--where", "sub_event_type=Armed clash", "-f", "json"),
    ("events", "--where", "admin2=abu kamal", "--where", "sub_event_type=Attack", "-f", "csv"),
    ("events", "--where", "sub_event_type=Armed clash", "--where", "sub_event_type=Attack"),
    ("events", "--where", "tags=crowd size=no report", "-f", "jsonl"),
    ("events", "--where", "timestamp=1700600000", "--reverse", "-n", "1", "-f", "json"),
    ("events", "--where", "civilian_targeting=Civilian targeting", "-f", "csv"),
    ("events", "--where", "sub_event_type=Armed clash", "--text", "fighters", "-f", "json"),
    ("events", "-f", "csv"),
    ("events", "--fields", "id,dataset_fields", "-f", "tsv"),
    ("stats", "--where", "sub_event_type=Armed clash", "-f", "json"),
    ("timeline", "--where", "admin1=Deir ez Zor", "-f", "json"),
    ("casualties", "--where", "sub_event_type=Armed clash", "-f", "json"),
]


@pytest.fixture(scope="module")
def updated_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The newer sample export (tags, civilian targeting) imported, with a cache of its own."""
    folder = tmp_path_factory.mktemp("stored")
    out = folder / "acled.json"
    from contextlib import nullcontext

    from eastsyria.imports.run import import_csv
    from eastsyria.imports.sides import load

    with out.open("w", encoding="utf-8") as stream:
        counts = import_csv("acled", ACLED_NEWER, load(None), lambda: nullcontext(stream), print)
    assert counts.reported == 0
    return out


@pytest.mark.private_cache
@pytest.mark.parametrize("args", STORED_QUERIES, ids=" ".join)
def test_the_store_answers_where_as_the_whole_file_does(
    run: Run, monkeypatch: pytest.MonkeyPatch, updated_sample: Path, args: tuple[str, ...]
) -> None:
    monkeypatch.setenv("EASTSYRIA_CACHE_DIR", str(updated_sample.parent / "cache"))
    opened: list[Store] = []
    real_open_store = stores.open_store

    def open_store(path: Path, **options: Any) -> Store:
        opened.append(real_open_store(path, **options))
        return opened[-1]

    monkeypatch.setattr(stores, "open_store", open_store)
    whole = run("--data", str(updated_sample), *args)
    assert opened == []
    monkeypatch.setenv("EASTSYRIA_STORE_MIN_MB", "0")
    stored = run("--data", str(updated_sample), *args)
    assert len(opened) == 1, "the store was not used"
    assert (stored.status, stored.out, stored.err) == (whole.status, whole.out, whole.err)
    assert whole.status == 0
    if "--where" in args and args[0] == "events":
        assert whole.out.strip() not in ("", "[]"), "a query that finds nothing proves little"


@pytest.mark.private_cache
def test_the_store_selects_where_by_its_index(
    monkeypatch: pytest.MonkeyPatch, updated_sample: Path, run: Run
) -> None:
    monkeypatch.setenv("EASTSYRIA_CACHE_DIR", str(updated_sample.parent / "cache"))
    monkeypatch.setenv("EASTSYRIA_STORE_MIN_MB", "0")
    assert run("--data", str(updated_sample), "events", "-n", "1").status == 0
    store = stores.open_store(updated_sample)
    assert store is not None
    from eastsyria.data.store import Selection

    chosen = Selection(kept=(("sub_event_type", frozenset({"armed clash"})),))
    sql, _parameters = chosen.where()
    assert "event_fields" in sql
    picked = [e["id"] for e in store.select(chosen)]
    assert picked
    assert all(
        rows(ACLED_NEWER)[i.removeprefix("acled-").upper()]["sub_event_type"] == "Armed clash"
        for i in picked
    )
    assert store.kept_values()["sub_event_type"]["Armed clash"] == len(picked)


# -- completion ------------------------------------------------------------------------------


def _complete(monkeypatch: pytest.MonkeyPatch, line: str) -> list[tuple[str, str]]:
    monkeypatch.setenv("_EASTSYRIA_COMPLETE", "complete_zsh")
    monkeypatch.setenv("_TYPER_COMPLETE_ARGS", line)
    request = fast_candidates("zsh")
    assert request is not None
    return request[3]


def test_where_completes_the_files_fields_then_their_values(
    monkeypatch: pytest.MonkeyPatch, acled: Path, run: Run
) -> None:
    kept = [e["dataset_fields"]["sub_event_type"] for e in views(run, acled)]
    admins = _complete(monkeypatch, f"eastsyria --data {acled} events --where adm")
    # The sample gives no admin3: a column no row fills is not offered.
    assert [value for value, _ in admins] == ["admin1=", "admin2="]
    # One field fits: its values, so that the shell inserts `sub_event_type=` with no space
    # after it, as it would after a lone candidate.
    fields = _complete(monkeypatch, f"eastsyria --data {acled} events --where sub")
    written = [r["sub_event_type"] for r in rows(ACLED).values()]
    assert {value for value, _ in fields} == {f"sub_event_type={v}" for v in kept}
    values = _complete(monkeypatch, f"eastsyria --data {acled} events --where sub_event_type=A")
    expected = {f"sub_event_type={v}" for v in written if v.startswith("A")}
    assert {value for value, _ in values} <= expected
    assert "sub_event_type=Armed clash" in [value for value, _ in values]
    about = dict(values)["sub_event_type=Armed clash"]
    assert about == f"{kept.count('Armed clash')} events"


def test_where_completes_nothing_on_a_file_without_imported_rows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert _complete(monkeypatch, "eastsyria events --where sub") == []


# -- --update --------------------------------------------------------------------------------


def test_a_newer_export_updates_the_rows_by_id_and_timestamp(run: Run, tmp_path: Path) -> None:
    old = imported(run, "acled", ACLED, tmp_path)
    merged = tmp_path / "merged.json"
    result = run("import", "acled", str(ACLED_NEWER), "--update", str(old), "-o", str(merged))
    assert result.status == 0, result.err
    before = set(ids(run, old))
    newer = rows(ACLED_NEWER)
    after = {f"acled-{key.lower()}" for key in newer}
    older = {f"acled-{k.lower()}": r for k, r in rows(ACLED).items()}
    changed = {
        event
        for event in after & before
        if int(newer[event.removeprefix("acled-").upper()]["timestamp"])
        > int(older[event]["timestamp"])
    }
    lines = result.err.splitlines()
    assert (
        f"update of {old}: added {len(after - before)}, changed {len(changed)}, "
        f"deleted {len(before - after)}, unchanged {len(after & before) - len(changed)}"
    ) in lines
    assert f"deleted (not in the export): {', '.join(sorted(before - after))}" in lines
    assert set(ids(run, merged)) == after
    assert run("validate", str(merged)).status == 0
    # The old file is only read.
    assert set(ids(run, old)) == before


def test_an_export_of_the_same_rows_is_all_unchanged(run: Run, tmp_path: Path) -> None:
    for kind, sample in (("acled", ACLED), ("ucdp", UCDP)):
        old = imported(run, kind, sample, tmp_path)
        result = run("import", kind, str(sample), "--update", str(old), "-o", str(tmp_path / "x"))
        count = len(ids(run, old))
        assert f"update of {old}: added 0, changed 0, deleted 0, unchanged {count}" in result.err


def test_ucdp_rows_change_by_what_they_say(run: Run, tmp_path: Path) -> None:
    old = imported(run, "ucdp", UCDP, tmp_path)
    text = UCDP.read_text(encoding="utf-8")
    first = text.splitlines()[1]
    # The first row's best estimate of deaths goes from 26 to 27 (still below high 40).
    newer = tmp_path / "ucdp-newer.csv"
    newer.write_text(text.replace(first, first.replace(",0,26,40,20,", ",0,27,40,20,")), "utf-8")
    assert newer.read_text(encoding="utf-8") != text
    result = run("import", "ucdp", str(newer), "--update", str(old), "-o", str(tmp_path / "y"))
    assert ", changed 1, deleted 0," in result.err


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("[]", "is not a data file of this project"),
        ("{", "--update"),
        (
            '{"schema_version": 1, "events": [{"id": "ucdp-1"}]}',
            "is not a row of an import of acled",
        ),
    ],
)
def test_update_refuses_a_file_that_no_import_of_the_dataset_wrote(
    run: Run, tmp_path: Path, content: str, said: str
) -> None:
    old = tmp_path / "old.json"
    old.write_text(content, encoding="utf-8")
    out = tmp_path / "out.json"
    result = run("import", "acled", str(ACLED), "--update", str(old), "-o", str(out))
    assert result.status == 2
    assert len(result.err.strip().splitlines()) == 1
    assert said in result.err
    assert not out.exists()


@pytest.mark.private_cache
def test_where_completes_through_a_store_as_from_the_whole_file(
    monkeypatch: pytest.MonkeyPatch, updated_sample: Path, run: Run
) -> None:
    from eastsyria.data import cache

    # As if the press came long after the file was written: a TAB trusts a store only for
    # a file settled before it (`cache.SETTLED_NS`), which the fixture's may not be yet.
    monkeypatch.setattr(cache, "SETTLED_NS", -60 * 10**9, raising=False)
    monkeypatch.setenv("EASTSYRIA_CACHE_DIR", str(updated_sample.parent / "cache"))
    line = f"eastsyria --data {updated_sample} events --where "
    whole = [_complete(monkeypatch, line + typed) for typed in ("", "sub_event_type=", "tags=w")]
    assert whole[1]
    monkeypatch.setenv("EASTSYRIA_STORE_MIN_MB", "0")
    assert run("--data", str(updated_sample), "events", "-n", "1").status == 0  # the store
    stored = [_complete(monkeypatch, line + typed) for typed in ("", "sub_event_type=", "tags=w")]
    assert stored == whole
    assert [field for field, _ in whole[0]][:3] == [
        "timestamp=",
        "disorder_type=",
        "sub_event_type=",
    ]
    assert whole[2] == [
        ("tags=women targeted: candidates for office; crowd size=no report", "1 event")
    ]
    newer = rows(ACLED_NEWER).values()
    assert dict(whole[1])["sub_event_type=Armed clash"] == (
        f"{sum(r['sub_event_type'] == 'Armed clash' for r in newer)} events"
    )


# -- GeoJSON in a GIS ------------------------------------------------------------------------


def test_geojson_gives_each_kept_column_a_property_of_its_own(run: Run, acled: Path) -> None:
    features = run("--data", str(acled), "events", "-f", "geojson").json()["features"]
    views_by_id = {view["id"]: view for view in views(run, acled)}
    names = [c for fields in DATASET_FIELDS.values() for c in fields]
    for feature in features:
        properties = feature["properties"]
        view = views_by_id[feature["id"].split("@")[0]]
        assert "dataset_fields" not in properties
        assert properties["dataset"] == "acled"
        assert {n: properties[n] for n in names} == {
            n: view["dataset_fields"].get(n) for n in names
        }


def _ogrinfo(*args: str) -> str:
    """What GDAL's ogrinfo says, opening its file read only."""
    done = subprocess.run(
        ["ogrinfo", "-ro", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def _exported(run: Run, acled: Path, path: Path, fmt: str) -> Path:
    path.write_text(run("--data", str(acled), "events", "-f", fmt).out, encoding="utf-8")
    return path


def _clashes(run: Run, acled: Path) -> list[dict[str, Any]]:
    return [v for v in views(run, acled) if v["dataset_fields"]["sub_event_type"] == "Armed clash"]


@pytest.mark.usefixtures("ogrinfo")
def test_ogr_reads_the_kept_columns_typed_and_filters_by_them(
    run: Run, acled: Path, tmp_path: Path
) -> None:
    layer = _exported(run, acled, tmp_path / "events.geojson", "geojson")
    summary = _ogrinfo("-al", "-so", str(layer))
    assert "timestamp: Integer" in summary
    assert "sub_event_type: String" in summary
    clashes = _ogrinfo("-al", "-q", "-where", "sub_event_type = 'Armed clash'", str(layer))
    features = sum(len(v["places"]) for v in _clashes(run, acled))
    assert clashes.count("OGRFeature") == features > 0


@pytest.mark.usefixtures("ogrinfo")
def test_google_earths_kml_carries_the_kept_columns_typed(
    run: Run, acled: Path, tmp_path: Path
) -> None:
    """Each placemark's ExtendedData has the dataset and its columns, typed by the Schema
    as the codebook gives them: GDAL's KML reader (QGIS's too) reads ACLED's timestamp as a
    whole number and filters on `sub_event_type`."""
    kml = _exported(run, acled, tmp_path / "events.kml", "kml")
    summary = _ogrinfo("-so", str(kml), "Events")
    # LIBKML reads a field `timestamp` from KML's TimeStamp: ACLED's has its dataset's name.
    assert "acled_timestamp: Integer" in summary
    assert "sub_event_type: String" in summary
    assert "admin2: String" in summary
    assert "type_of_violence: Integer" in summary  # UCDP's, empty for ACLED's rows
    clashes = _ogrinfo("-q", "-where", "sub_event_type = 'Armed clash'", str(kml), "Events")
    expected = _clashes(run, acled)
    assert clashes.count("OGRFeature") == len(expected) > 0
    assert clashes.count("dataset (String) = acled") == len(expected)
    assert clashes.count("acled_timestamp (Integer) = 17") == len(expected)


def test_a_kept_number_that_is_not_a_whole_number_is_a_reported_row(
    run: Run, tmp_path: Path
) -> None:
    text = ACLED_NEWER.read_text(encoding="utf-8")
    first = text.splitlines()[1]
    assert first.endswith(",1700600000")
    sample = tmp_path / "bad-timestamp.csv"
    sample.write_text(text.replace(first, first.removesuffix("1700600000") + "soon"), "utf-8")
    out = tmp_path / "out.json"
    result = run("import", "acled", str(sample), "-o", str(out))
    assert f"{sample}:2: timestamp 'soon' is not a whole number" in result.err.splitlines()
    assert result.err.strip().endswith("imported 4 of 5 rows; 1 reported")
    document = json.loads(out.read_text(encoding="utf-8"))
    # The reported row's place is none of the file's: Abu Kamal came only from it.
    assert "abu-kamal" not in {p["id"] for p in document["places"]}
    assert run("validate", str(out)).status == 0
