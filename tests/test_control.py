"""Who held what when: periods derived from the events' control changes, as the sources tell."""

from __future__ import annotations

import itertools
from typing import Any

from conftest import Run


def control(run: Run, place: str) -> dict[str, Any]:
    result = run("control", place, "--format", "json")
    assert result.status == 0, result.err
    document: dict[str, Any] = result.json()
    assert set(document) == {"place", "periods", "claims"}
    return document


def periods(run: Run, place: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = control(run, place)["periods"]
    return found


def holders(period: dict[str, Any]) -> set[tuple[str, str]]:
    return {(h["holder"], h["extent"]) for h in period["holders"]}


def test_abu_kamal_changed_hands_three_times_before_19_november(run: Run) -> None:
    # The offensive article: entered on 8 November, when SOHR said only parts of the town
    # were held; taken 9 November; 40 percent lost late that day; all of it lost on
    # 11 November; stormed again on the 17th and held from 19 November.
    found = periods(run, "Abu Kamal")
    assert [(p["holder"], p["extent"], p["start"], p["end"]) for p in found] == [
        ("isil", "full", None, "2017-11-08"),
        ("government", "partial", "2017-11-08", "2017-11-09"),
        ("government", "full", "2017-11-09", "2017-11-09"),
        ("isil", "partial", "2017-11-09", "2017-11-11"),
        ("isil", "full", "2017-11-11", "2017-11-19"),
        ("government", "full", "2017-11-19", None),
    ]
    assert found[0]["event"] is None  # held since before the data begins
    assert found[2]["event"] == "abu-kamal-first-capture"
    assert found[-1]["event"] == "abu-kamal-second-capture"
    # Whole-town changes before the final capture: taken, partly retaken, wholly retaken.
    changes_before_final = [p for p in found[2:] if p["start"] < "2017-11-19"]
    assert len(changes_before_final) == 3
    # While split, both held a part: SOHR's "only parts of the town" on 8 November...
    assert holders(found[1]) == {("isil", "partial"), ("government", "partial")}
    assert (found[1]["status"], found[1]["claimed_by"]) == ("reported", "sohr")
    # ...and IS's 40 percent late on 9 November, which the government's part faced.
    assert holders(found[3]) == {("isil", "partial"), ("government", "partial")}
    assert "40 percent" in found[3]["part"]
    assert "large parts" in found[3]["part"]


def test_a_claim_the_text_does_not_confirm_never_moves_control(run: Run) -> None:
    # Pro-government sources said on 8 November that the town had fallen; SOHR denied it.
    document = control(run, "Abu Kamal")
    assert [(c["claimed_by"], c["to"], c["extent"], c["date"]) for c in document["claims"]] == [
        ("pro-government-media", "government", "full", "2017-11-08")
    ]
    assert not [
        p
        for p in document["periods"]
        if p["event"] == "abu-kamal-capture-claimed" and p["extent"] == "full"
    ]
    # The 20 June 2018 claim to have retaken the desert pocket, which the campaign article
    # calls premature: IS held the pocket until it fell back after 31 August.
    pocket = control(run, "Homs–Deir ez-Zor desert pocket")
    assert [c["claimed_by"] for c in pocket["claims"]] == ["syrian-defence-ministry"]
    assert [(p["holder"], p["start"]) for p in pocket["periods"]][:2] == [
        ("isil", None),
        ("government", "2018-08-31"),
    ]
    assert all(p["start"] != "2018-06-20" for p in pocket["periods"])
    assert pocket["periods"][1]["extent"] == "partial"
    # On 16 September IS re-entered most of the desert area: split, IS holding most.
    last = pocket["periods"][-1]
    assert (last["holder"], last["start"], last["part"]) == (
        "isil",
        "2018-09-16",
        "most of the desert area",
    )


def test_a_claim_is_shown_as_claimed_in_the_table(run: Run) -> None:
    out = run("control", "Homs–Deir ez-Zor desert pocket").out
    words = " ".join(out.split())
    assert "Claimed, not confirmed by the sources (not counted above)" in words
    assert "Syrian Defence Ministry 20 Jun 2018" in words


def test_each_period_ends_when_the_next_begins(run: Run) -> None:
    for place in ("Abu Kamal", "Mayadin", "Deir ez-Zor", "Al-Quriyah"):
        found = periods(run, place)
        assert found, place
        for before, after in itertools.pairwise(found):
            assert before["end"] == after["start"]
            assert before["end_date"] == after["start_date"]


def test_mayadin_fell_on_14_october_and_stayed_taken(run: Run) -> None:
    # Encircled on 12 October, its western and northern parts entered after that, captured
    # two days later; the May 2018 raid took nothing.
    found = periods(run, "mayadeen")
    assert [(p["holder"], p["extent"], p["start"], p["end"]) for p in found] == [
        ("isil", "full", None, "2017-10-12"),
        ("government", "partial", "2017-10-12", "2017-10-14"),
        ("government", "full", "2017-10-14", None),
    ]
    assert found[1]["start_latest"] == "2017-10-14"  # some day from the 12th to the 14th
    assert found[1]["part"] == "the western and northern parts"


def test_deir_ez_zor_city_was_cleared_on_3_november(run: Run) -> None:
    found = periods(run, "Deir ez-Zor")
    # The clearing took districts from 17 October: three that day, two and a stadium some
    # days after 26 October, Hamidiyah on 2 November and three more by midnight; the last
    # district on 3 November (the campaign article, "Deir ez-Zor city cleared").
    assert [(p["holder"], p["start"], p["end"]) for p in found] == [
        ("isil", None, "2017-10-17"),
        ("government", "2017-10-17", "2017-10-27"),
        ("government", "2017-10-27", "2017-11-02"),
        ("government", "2017-11-02", "2017-11-02"),
        ("government", "2017-11-02", "2017-11-03"),
        ("government", "2017-11-03", None),
    ]
    # Split until then: the army besieged the part ISIL held, so the government held the
    # rest of the city throughout (the campaign article, "Surrounding Deir ez-Zor").
    assert holders(found[0]) == {("isil", "partial"), ("government", "partial")}
    assert found[0]["split"] is True
    assert all(holders(p) == holders(found[0]) for p in found[1:-1])
    assert holders(found[-1]) == {("government", "full")}
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
    assert rows["abu-kamal"]["changes"] == 5
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
    # Two split periods, each holder with its part: SOHR's "parts of the town" on
    # 8 November, and IS's 40 percent late on 9 November; the rest stays with the other.
    assert out.count("(the rest)") == 2
    assert "(part: parts of the town)" in out
    assert "(reported by" in out
