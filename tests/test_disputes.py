"""`events --disputed`, the ⚑ mark of the events table, and `disputes`: where the two articles
disagree, as the articles themselves say it."""

from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import FakeEnvironment, Run, ids, run_process, subprocess_env
from conftest import run_on_terminal as on_terminal
from eastsyria.cli import entry

# -- events --disputed ----------------------------------------------------------------------


def test_disputed_keeps_the_events_the_articles_disagree_about(run: Run) -> None:
    found = ids(run("events", "--disputed", "--format", "json"))
    # The offensive article: pro-government sources claimed Abu Kamal on the evening of
    # 8 November, SOHR confirmed it on the 9th; the campaign article has only the 9th.
    assert "abu-kamal-capture-claimed" in found
    assert "abu-kamal-first-capture" in found
    # 399 killed (campaign article) against 447 (offensive article).
    assert "countryside-fighters-killed" in found
    # The Hamdan airbase, taken "meanwhile", is told the same way: no disagreement.
    assert "hamdan-airbase-captured" not in found
    every = run("events", "--format", "json").json()
    assert found == [e["id"] for e in every if e["disputes"]]


def test_disputed_combines_with_the_other_filters(run: Run) -> None:
    found = ids(run("events", "--disputed", "--on", "2017-11-09", "--format", "json"))
    assert found == ["abu-kamal-first-capture", "isil-counter-attack-abu-kamal"]
    timeline = run("timeline", "--disputed", "--format", "json").json()
    assert [e["id"] for e in timeline] == ids(run("events", "--disputed", "-f", "json"))
    assert run("stats", "--disputed", "--format", "json").json()["events"] == len(
        ids(run("events", "--disputed", "-f", "json"))
    )


def test_the_table_marks_disputed_events_with_a_sign_and_a_legend() -> None:
    result = on_terminal("events", "--on", "2017-11-09", "--place", "Abu Kamal")
    rows = result.out.splitlines()
    assert any("⚑ Abu Kamal falls; SOHR and army" in row for row in rows)
    hamdan = next(row for row in rows if "Hamdan" in row)
    assert "⚑" not in hamdan
    assert result.err.splitlines()[-1] == "⚑ the sources disagree: eastsyria disputes"
    assert "(disputed)" not in result.out


def test_where_the_sign_may_not_show_the_table_says_disputed(run: Run) -> None:
    # A table forced onto a pipe (a file, a README), then a console without Unicode.
    for result in (
        run("events", "--on", "2017-11-09", "--place", "Abu Kamal", "--format", "table"),
        on_terminal("events", "--on", "2017-11-09", "--place", "Abu Kamal", encoding="ascii"),
    ):
        assert "⚑" not in result.out + result.err
        # Abu Kamal's first fall and the counter-attack that night; not the airbase.
        assert result.out.count("(disputed)") == 2
        assert "(disputed)" not in next(row for row in result.out.splitlines() if "aavs" in row)
        assert result.err.splitlines()[-1] == "(disputed) the sources disagree: eastsyria disputes"


def test_forcing_a_terminal_onto_a_pipe_shows_the_sign_as_a_terminal_would() -> None:
    # EASTSYRIA_FORCE_TTY (`| less -R`, the README's examples): written as for a terminal.
    args = ("events", "--on", "2017-11-09", "--place", "Abu Kamal")
    result = run_process(*args, env=subprocess_env(EASTSYRIA_FORCE_TTY="1"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("⚑") == 2
    assert "(disputed)" not in result.stdout


def test_no_legend_without_a_disputed_event_or_without_titles(run: Run) -> None:
    quiet = on_terminal("events", "--on", "2017-11-10", "--place", "Hamdan Military Airbase")
    assert "disagree" not in quiet.err
    no_titles = on_terminal("events", "--disputed", "--fields", "date,id")
    assert "⚑" not in no_titles.out + no_titles.err


def test_the_machine_formats_keep_their_fields(run: Run) -> None:
    tsv = run("events", "--disputed", "--on", "2017-11-09", "--format", "tsv").out
    assert "(disputed)" not in tsv
    assert "⚑" not in tsv
    rows = list(csv.DictReader(io.StringIO(run("events", "--disputed", "-f", "csv").out)))
    assert all(row["disputes"] for row in rows)
    event = json.loads(run("events", "--disputed", "-f", "jsonl").out.splitlines()[0])
    assert list(event["disputes"][0]) == ["id", "topic"]


@pytest.mark.parametrize("width", ["40", "80", "120", "200"])
def test_the_mark_never_splits_from_its_title(width: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", width)
    out = on_terminal("events", "--disputed").out
    assert out.count("⚑") == len(ids_of_disputed())
    for line in out.splitlines():
        assert not line.rstrip().endswith("⚑")


def ids_of_disputed() -> list[str]:
    env = FakeEnvironment()
    entry.run(["events", "--disputed", "--format", "json"], env)
    return [event["id"] for event in json.loads(env.out.getvalue())]


# -- disputes -------------------------------------------------------------------------------


def test_disputes_json_gives_each_disagreement_with_its_claims_and_events(run: Run) -> None:
    found = run("disputes", "--format", "json").json()
    by_id = {d["id"]: d for d in found}
    first = by_id["abu-kamal-first-capture-date"]
    assert list(first) == ["id", "topic", "summary", "claims", "events"]
    # The offensive article, "First attack on the city": pro-government sources claimed the
    # town on the evening of 8 November; SOHR confirmed the capture on the 9th.
    claimants = [c["claimant_name"] for c in first["claims"]]
    assert claimants[:2] == ["Pro-government sources", "Syrian Observatory for Human Rights"]
    assert first["claims"][0]["source"] == {
        "article": "abu-kamal-offensive-2017",
        "section": "first-attack-on-the-city",
    }
    assert first["claims"][0]["source_url"].endswith(
        "2017_Abu_Kamal_offensive#First_attack_on_the_city"
    )
    assert [(e["id"], e["start"]) for e in first["events"]] == [
        ("abu-kamal-capture-claimed", "2017-11-08"),
        ("abu-kamal-first-capture", "2017-11-09"),
    ]
    tolls = by_id["countryside-fighters-killed"]
    statements = " ".join(c["statement"] for c in tolls["claims"])
    assert "399" in statements
    assert "447" in statements


def test_disputes_jsonl_is_a_dispute_a_line(run: Run) -> None:
    lines = run("disputes", "--format", "jsonl").out.splitlines()
    assert [json.loads(line) for line in lines] == run("disputes", "--format", "json").json()


def test_disputes_csv_is_a_row_per_claim_with_the_dispute_repeated(run: Run) -> None:
    rows = list(csv.DictReader(io.StringIO(run("disputes", "--format", "csv").out)))
    claims = sum(len(d["claims"]) for d in run("disputes", "--format", "json").json())
    assert len(rows) == claims
    tolls = [row for row in rows if row["id"] == "countryside-fighters-killed"]
    assert [row["article"] for row in tolls] == [
        "eastern-syria-campaign",
        "abu-kamal-offensive-2017",
    ]
    assert {row["topic"] for row in tolls} == {"Fighters killed in the fighting around Abu Kamal"}
    assert tolls[0]["section"] == "western-bank-of-the-euphrates"
    assert tolls[1]["event_start"] == "2017-11-15"
    assert tolls[1]["event_end"] == "2017-12-03"


def test_disputes_fields_follow_the_shape_of_the_format(run: Run) -> None:
    out = run("disputes", "-f", "csv", "--fields", "id,claimant_name").out.splitlines()
    assert out[0] == "id,claimant_name"
    assert "abu-kamal-first-capture-date,Pro-government sources" in out
    docs = run("disputes", "-f", "json", "--fields", "id,events").json()
    assert all(list(d) == ["id", "events"] for d in docs)
    wrong = run("disputes", "-f", "json", "--fields", "statement")
    assert wrong.status == 2
    assert wrong.err.startswith("eastsyria: error: no field 'statement'")
    assert len(wrong.err.splitlines()) == 1


def test_disputes_take_the_events_filters(run: Run) -> None:
    near = run("disputes", "--place", "Abu Kamal", "--format", "json").json()
    ids_near = {d["id"] for d in near}
    assert "abu-kamal-first-capture-date" in ids_near
    # The Mayadin base attack of May 2018 is not at Abu Kamal.
    assert "mayadin-base-attack-losses" not in ids_near
    in_2018 = {d["id"] for d in run("disputes", "--from", "2018", "-f", "json").json()}
    assert in_2018 == {"mayadin-base-attack-losses", "desert-pocket-recaptured"}
    none = run("disputes", "--on", "2017-09-15")
    assert none.status == 0
    assert none.err == "no disputes about the events these filters keep\n"
    bad = run("disputes", "--place", "Abu Kamel")
    assert bad.status == 2
    assert bad.err == "eastsyria: error: no place 'Abu Kamel'; did you mean 'Abu Kamal'?\n"


def test_the_disputes_table_shows_topic_claims_sources_and_events(run: Run) -> None:
    result = run("disputes", "--from", "2017-11-15", "--to", "2017-11-16")
    text = " ".join(result.out.split())
    assert "Fighters killed in the fighting around Abu Kamal" in text
    assert "15 Nov – 3 Dec 2017 · mes4 · Two tolls for the fight around Abu Kamal" in text
    lines = [line.strip() for line in result.out.splitlines()]
    assert any(line.startswith("Eastern Syria campaign ›") for line in lines)
    assert any(line.startswith("Western bank of the Euphrates River") for line in lines)
    assert "399 fighters of all sides" in text
    assert result.err == "1 dispute\n"


def test_the_new_commands_and_their_values_complete() -> None:
    from completion.test_protocol import bash_words, complete

    assert complete("bash", bash_words("eastsyria", "dis")).stdout.split() == ["disputes"]
    places = complete("bash", bash_words("eastsyria", "casualties", "--place", "Ab")).stdout
    assert "Abu\\ Kamal" in places.splitlines()
    formats = complete("bash", bash_words("eastsyria", "disputes", "--format", "j")).stdout
    assert formats.split() == ["json", "jsonl"]
    flag = complete("bash", bash_words("eastsyria", "events", "--disp")).stdout
    assert flag.split() == ["--disputed"]


def test_the_government_strength_of_a_part_larger_than_the_whole_is_a_disagreement(
    run: Run,
) -> None:
    # Campaign infobox: "Strength1: Several thousand" for the whole campaign. Offensive
    # infobox, for the Abu Kamal offensive, a part of it: "8,000 Lebanese, Iraqi, Afghan and
    # Palestinian fighters, Tiger Forces: 450, Republican Guard's 124th Brigade: 300, 4th
    # Division's 42nd Brigade: 300".
    found = {d["id"]: d for d in run("disputes", "--format", "json").json()}
    claims = found["government-strength"]["claims"]
    by_article = {c["source"]["article"]: c for c in claims}
    assert set(by_article) == {"eastern-syria-campaign", "abu-kamal-offensive-2017"}
    assert all(c["source"]["section"] == "infobox" for c in claims)
    assert "several thousand" in by_article["eastern-syria-campaign"]["statement"]
    offensive = by_article["abu-kamal-offensive-2017"]["statement"]
    for figure in ("8,000", "450", "300"):
        assert figure in offensive
    # Both articles' infoboxes: `compare` lists it among the accounts that differ.
    compared = run("compare", "--format", "json").json()
    assert "government-strength" in {r["dispute"] for r in compared if r["kind"] == "account"}
