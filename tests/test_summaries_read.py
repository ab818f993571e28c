"""The summarising commands read through the store only the events their answer names:
`stats` counts in SQL and reads the events with casualty claims, `casualties` those events
alone, `disputes` the events disputes name, `compare` the events either article cites. Each
test counts the records the store decodes, so a command that goes back to reading every
event fails however fast the machine; and each answer is the whole file's, byte for byte.

The data is a synthetic file of 600 events (`benchmarks/synthetic.generate`, fixed seed),
read through its store (`EASTSYRIA_STORE_MIN_MB=0`)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import FakeEnvironment, Result, run_on_terminal, synthetic_document

from eastsyria.cli import entry
from eastsyria.data.store import Store

EVENTS = 600
pytestmark = pytest.mark.private_cache


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return synthetic_document(EVENTS)


@pytest.fixture(scope="module")
def data_file(document: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("summaries") / "synthetic.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def decoded(data_file: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the records the store decodes while a command runs (through its store)."""
    monkeypatch.setenv("EASTSYRIA_DATA", str(data_file))
    monkeypatch.setenv("EASTSYRIA_CACHE_DIR", str(data_file.parent / "cache"))
    monkeypatch.setenv("EASTSYRIA_STORE_MIN_MB", "0")
    monkeypatch.setenv("COLUMNS", "100")
    seen: list[str] = []
    real = Store._events

    def counted(self: Store, sql: str, parameters: Sequence[Any] = ()) -> Iterator[Any]:
        for record in real(self, sql, parameters):
            seen.append(record["id"])
            yield record

    monkeypatch.setattr(Store, "_events", counted)
    run_on_terminal("places", "-f", "json")  # builds the store: what it reads is not counted
    seen.clear()
    return seen


def _claimed(document: dict[str, Any]) -> set[str]:
    return {e["id"] for e in document["events"] if e["casualties"]}


@pytest.mark.parametrize(
    "args", [("casualties",), ("casualties", "-f", "json"), ("casualties", "--total")]
)
def test_casualties_reads_only_the_events_with_a_claim(
    decoded: list[str], document: dict[str, Any], args: tuple[str, ...]
) -> None:
    result = run_on_terminal(*args)
    assert result.status == 0, result.err
    assert set(decoded) == _claimed(document)
    assert len(decoded) == len(set(decoded)) < EVENTS / 2


def test_casualties_of_a_place_reads_its_events_with_a_claim(
    decoded: list[str], document: dict[str, Any]
) -> None:
    result = run_on_terminal("casualties", "--from", "2017-11-01", "--to", "2017-12-31")
    assert result.status == 0, result.err
    november = {e["id"] for e in document["events"] if e["date"]["latest"] >= "2017-11"}
    december = {e["id"] for e in document["events"] if e["date"]["earliest"] <= "2017-12-31"}
    assert set(decoded) == _claimed(document) & november & december


@pytest.mark.parametrize("args", [("stats", "-f", "json"), ("stats", "--all")])
def test_stats_counts_in_the_store_and_reads_only_the_claims(
    decoded: list[str], document: dict[str, Any], args: tuple[str, ...]
) -> None:
    result = run_on_terminal(*args)
    assert result.status == 0, result.err
    assert set(decoded) == _claimed(document)
    assert len(decoded) == len(set(decoded))


def test_stats_on_a_screen_reads_only_the_events_of_the_claims_it_draws(
    decoded: list[str], document: dict[str, Any]
) -> None:
    result = run_on_terminal("stats")
    assert result.status == 0, result.err
    claims = sum(len(e["casualties"]) for e in document["events"])
    assert f"+ {claims - 15:,} more claims" in result.out
    # The 15 claims drawn, from at most 15 events, each read once; not the others'.
    assert set(decoded) <= _claimed(document)
    assert 0 < len(decoded) <= 15
    assert len(decoded) == len(set(decoded))


@pytest.mark.parametrize(
    "args",
    [
        ("disputes",),
        ("disputes", "-f", "json"),
        ("disputes", "-f", "csv"),
        ("disputes", "--from", "2017-11", "--to", "2017-12"),
        ("disputes", "--place", "Abu Kamal District", "-f", "json"),
    ],
)
def test_disputes_read_only_the_events_disputes_name(
    decoded: list[str], document: dict[str, Any], args: tuple[str, ...]
) -> None:
    result = run_on_terminal(*args)
    assert result.status == 0, result.err
    named = {c["event"] for d in document["disputes"] for c in d["claims"] if c["event"]}
    assert set(decoded) <= named
    # Each at most once for the answer and once for its short date on the screen.
    assert len(decoded) <= 2 * len(document["disputes"]) * max(
        len(d["claims"]) for d in document["disputes"]
    )


@pytest.mark.parametrize("args", [(), ("-f", "json")])
def test_compare_reads_only_the_events_either_article_cites(
    decoded: list[str], document: dict[str, Any], args: tuple[str, ...]
) -> None:
    first, second = (source["id"] for source in document["sources"][:2])
    result = run_on_terminal("compare", *args)
    assert result.status == 0, result.err
    citing = {
        e["id"]
        for e in document["events"]
        if {first, second} & {ref["article"] for ref in e["sources"]}
    }
    # Candidates are the records that mention either article anywhere (a casualty claim's
    # source too); the query core keeps those whose sources cite one.
    mentioning = {
        e["id"] for e in document["events"] if first in json.dumps(e) or second in json.dumps(e)
    }
    named = {c["event"] for d in document["disputes"] for c in d["claims"] if c["event"]}
    assert citing <= set(decoded) <= mentioning | named
    assert len(mentioning) < EVENTS / 2


SAME_BOTH_WAYS = [
    ("stats",),
    ("stats", "-f", "json"),
    ("stats", "--side", "isil", "--by", "week", "-f", "json"),
    ("casualties",),
    ("casualties", "-f", "csv"),
    ("casualties", "--place", "Abu Kamal District", "-f", "json"),
    ("casualties", "--from", "2017-11", "--reverse", "-f", "jsonl"),
    ("casualties", "--text", "Abu Kamal", "-f", "json"),
    ("casualties", "--limit", "50", "-f", "json"),
    ("casualties", "--total", "-f", "json"),
    ("casualties", "--total", "--from", "2017-11", "--per", "year", "--all-places"),
    ("disputes",),
    ("disputes", "-f", "csv"),
    ("disputes", "--place", "Abu Kamal District", "-f", "json"),
    ("disputes", "--limit", "400"),
    ("disputes", "--text", "siege", "-f", "json"),
    ("compare",),
    ("compare", "-f", "json"),
]


# Piped: TSV (casualties' figures as the store keeps their lines), stats' plain blocks.
PIPED_BOTH_WAYS = [
    ("casualties",),
    ("casualties", "--party", "isil"),
    ("casualties", "--party", "government"),
    ("casualties", "--from", "2017-11", "--reverse"),
    ("casualties", "--place", "Abu Kamal District"),
    ("casualties", "--side", "sdf", "--type", "assault"),
    ("casualties", "--actor", "isil", "--to", "2017-12"),
    ("stats",),
    ("stats", "--place", "Abu Kamal District", "--by", "week"),
]


@pytest.mark.parametrize(
    ("args", "terminal"),
    [(args, True) for args in SAME_BOTH_WAYS] + [(args, False) for args in PIPED_BOTH_WAYS],
    ids=lambda value: " ".join(value) if isinstance(value, tuple) else ("", "piped")[not value],
)
def test_the_store_answers_as_the_whole_file_does(
    data_file: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], terminal: bool
) -> None:
    monkeypatch.setenv("EASTSYRIA_DATA", str(data_file))
    monkeypatch.setenv("EASTSYRIA_CACHE_DIR", str(data_file.parent / "cache"))
    monkeypatch.setenv("COLUMNS", "100")
    answers = []
    for minimum in ("1000", "0"):
        monkeypatch.setenv("EASTSYRIA_STORE_MIN_MB", minimum)
        if terminal:
            answers.append(run_on_terminal(*args))
            continue
        env = FakeEnvironment()
        env.terminal = False  # a pipe: TSV
        status = entry.run(list(args), env)
        answers.append(Result(int(status), env.out.getvalue(), env.err.getvalue()))
    whole, stored = answers
    assert (stored.status, stored.out, stored.err) == (whole.status, whole.out, whole.err)
    assert whole.status == 0, whole.err
    assert whole.out.strip()


def test_casualties_piped_reads_no_record_through_the_store(
    decoded: list[str], document: dict[str, Any]
) -> None:
    env = FakeEnvironment()
    env.terminal = False  # a pipe: TSV
    assert entry.run(["casualties"], env) == 0, env.err.getvalue()
    figures = sum(len(e["casualties"]) for e in document["events"])
    campaigns = sum(len(c.get("casualties", [])) for c in document["campaigns"])
    assert len(env.out.getvalue().splitlines()) == figures + campaigns
    assert decoded == []


def test_figures_of_events_a_disagreement_links_compete_through_the_store_too(
    document: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One figure each, of two events far apart in the file that a dispute sets against each
    other, same party and kind over overlapping days: one group, listed together at the
    place of the first, as the whole file groups them."""
    linked = json.loads(json.dumps(document))
    claimed = [e for e in linked["events"] if len(e["casualties"]) == 1]
    first, last = claimed[3], claimed[-3]
    last["casualties"][0].update(
        {
            k: first["casualties"][0][k]
            for k in ("party", "kind", "subgroup")
            if k in first["casualties"][0]
        },
        period=first["date"] | {"text": first["date"]["text"]},
    )
    claim = linked["disputes"][0]["claims"]
    linked["disputes"].append(
        {
            "id": "dispute-linked",
            "topic": "Whose figure",
            "summary": "Two events, one loss.",
            "claims": [{**claim[0], "event": first["id"]}, {**claim[1], "event": last["id"]}],
        }
    )
    path = tmp_path / "linked.json"
    path.write_text(json.dumps(linked, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setenv("EASTSYRIA_DATA", str(path))
    monkeypatch.setenv("EASTSYRIA_CACHE_DIR", str(tmp_path / "cache"))
    answers = []
    for minimum in ("1000", "0"):
        monkeypatch.setenv("EASTSYRIA_STORE_MIN_MB", minimum)
        env = FakeEnvironment()
        env.terminal = False
        assert entry.run(["casualties"], env) == 0, env.err.getvalue()
        answers.append(env.out.getvalue())
    assert answers[0] == answers[1]
    lines = answers[0].splitlines()
    ours = [n for n, line in enumerate(lines) if line.endswith((first["id"], last["id"]))]
    assert len(ours) == 2
    assert ours[1] == ours[0] + 1  # listed together
    assert len({lines[n].split("\t")[1] for n in ours}) == 1  # one group
