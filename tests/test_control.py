"""Who held what when: periods derived from the events' control changes, as the sources tell."""

from __future__ import annotations

import itertools
from typing import Any

from conftest import Run


def periods(run: Run, place: str) -> list[dict[str, Any]]:
    result = run("control", place, "--format", "json")
    assert result.status == 0, result.err
    document = result.json()
    assert set(document) == {"place", "periods"}
    found: list[dict[str, Any]] = document["periods"]
    return found


def test_abu_kamal_changed_hands_three_times_before_19_november(run: Run) -> None:
    # Both articles: taken 9 November, 40 percent lost late that day, all of it lost on
    # 11 November, stormed again on the 17th and held from 19 November.
    found = periods(run, "Abu Kamal")
    assert [(p["holder"], p["extent"], p["start"], p["end"]) for p in found] == [
        ("isil", "full", None, "2017-11-09"),
        ("government", "full", "2017-11-09", "2017-11-09"),
        ("isil", "partial", "2017-11-09", "2017-11-11"),
        ("isil", "full", "2017-11-11", "2017-11-19"),
        ("government", "full", "2017-11-19", None),
    ]
    assert found[0]["event"] is None  # held since before the data begins
    assert found[1]["event"] == "abu-kamal-first-capture"
    assert found[-1]["event"] == "abu-kamal-second-capture"
    changes_before_final = [p for p in found[1:] if p["start"] < "2017-11-19"]
    assert len(changes_before_final) == 3


def test_each_period_ends_when_the_next_begins(run: Run) -> None:
    for place in ("Abu Kamal", "Mayadin", "Deir ez-Zor", "Al-Quriyah"):
        found = periods(run, place)
        assert found, place
        for before, after in itertools.pairwise(found):
            assert before["end"] == after["start"]
            assert before["end_date"] == after["start_date"]


def test_mayadin_fell_on_14_october_and_stayed_taken(run: Run) -> None:
    # Encircled on 12 October, captured two days later; the May 2018 raid took nothing.
    found = periods(run, "mayadeen")
    assert [(p["holder"], p["start"], p["end"]) for p in found] == [
        ("isil", None, "2017-10-14"),
        ("government", "2017-10-14", None),
    ]


def test_deir_ez_zor_city_was_cleared_on_3_november(run: Run) -> None:
    found = periods(run, "Deir ez-Zor")
    assert [(p["holder"], p["start"], p["end"]) for p in found] == [
        ("isil", None, "2017-11-03"),
        ("government", "2017-11-03", None),
    ]
    # Its districts changed hands on their own days, before the city as a whole.
    assert periods(run, "Hamidiyah")[-1]["start"] == "2017-11-02"
    assert periods(run, "Saqr island")[-1]["start"] == "2017-10-26"


def test_an_uncertain_boundary_carries_its_span(run: Run) -> None:
    # "By 28 November" the pocket was gone and Al-Quriyah taken: a latest day, not a day.
    last = periods(run, "Al-Quriyah")[-1]
    assert last["holder"] == "government"
    assert last["start_latest"] == "2017-11-28"
    assert last["start"] < last["start_latest"]
    assert "28 November" in last["start_date"]


def test_without_a_place_every_place_that_changed_hands(run: Run) -> None:
    result = run("control", "--format", "json")
    assert result.status == 0, result.err
    rows = {row["place"]: row for row in result.json()}
    assert rows["abu-kamal"]["changes"] == 4
    assert rows["abu-kamal"]["last_holder"] == "government"
    assert rows["al-qaim"]["last_holder"] == "iraq"
    # Most changes first.
    counts = [row["changes"] for row in result.json()]
    assert counts == sorted(counts, reverse=True)


def test_a_place_that_never_changed_hands_says_so(run: Run) -> None:
    result = run("control", "Syria")
    assert result.status == 0
    assert result.out == ""
    assert result.err == "Syria did not change hands in the data\n"
    as_json = run("control", "Syria", "--format", "json").json()
    assert as_json["periods"] == []


def test_control_table_reads_as_a_history(run: Run) -> None:
    out = run("control", "Abu Kamal").out
    lines = [line.rstrip() for line in out.splitlines() if line.strip()]
    assert lines[0] == "Who held Abu Kamal"
    words = " ".join(" ".join(lines).split())
    assert "before the data begins" in words
    assert "end of the data" in words
    # Only the late-9-November period, when IS held 40 percent of the town, is partial.
    assert words.count("(part of it; contested)") == 1
