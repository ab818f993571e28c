"""Arabic names on the command line: a place or actor typed as an Arabic source writes it.

The 2017 Abu Kamal offensive article has Abu Kamal fall on 9 November, Hezbollah attack it
from Iraqi soil on 8–9 November and the IS counter-attack retake part of it on the 9th:
typed in Arabic script, in any of its spellings, the town finds the same events as its
English name.
"""

from __future__ import annotations

import pytest

from conftest import Run, run_process, subprocess_env

NOV_9 = ("--from", "2017-11-09", "--to", "2017-11-09")


def ids(run: Run, *args: str) -> list[str]:
    result = run("events", *args, "--format", "json", "--fields", "id")
    assert result.status == 0, result.err
    return [event["id"] for event in result.json()]


@pytest.mark.parametrize("typed", ["البوكمال", "البو كمال", "بوكمال", "أبو كمال", "ابو كمال"])
def test_abu_kamal_typed_in_arabic_finds_what_its_english_name_finds(run: Run, typed: str) -> None:
    found = ids(run, "--place", typed, *NOV_9)
    assert found == ids(run, "--place", "Abu Kamal", *NOV_9)
    assert {"abu-kamal-first-capture", "isil-counter-attack-abu-kamal"} <= set(found)
    assert "hezbollah-attacks-from-iraq" in found
    assert ids(run, "--place", typed) == ids(run, "--place", "Abu Kamal")


@pytest.mark.parametrize(
    ("arabic", "english"),
    [
        # With its vowels marked, stretched by a tatweel, without the hamza.
        ("الْمَيَادِين", "Mayadin"),
        ("الميـــادين", "Mayadin"),
        ("دير الزور", "Deir ez-Zor"),
        ("القايم", "Al-Qa'im"),
        ("سوريه", "Syria"),
    ],
)
def test_other_places_in_arabic_spellings(run: Run, arabic: str, english: str) -> None:
    assert ids(run, "--place", arabic) == ids(run, "--place", english)


@pytest.mark.parametrize(
    ("arabic", "english"),
    [
        ("حزب الله", "Hezbollah"),
        ("داعش", "ISIL"),
        ("الدولة الاسلامية", "ISIL"),
        ("الحشد الشعبى", "Popular Mobilization Forces"),
        ("المرصد السوري لحقوق الإنسان", "SOHR"),
    ],
)
def test_actors_in_arabic(run: Run, arabic: str, english: str) -> None:
    assert ids(run, "--actor", arabic) == ids(run, "--actor", english) != []


def test_a_misspelt_arabic_name_is_offered_the_place_meant(run: Run) -> None:
    result = run("events", "--place", "البوكمل")
    assert (result.status, result.out) == (2, "")
    assert result.err == "eastsyria: error: no place 'البوكمل'; did you mean 'Abu Kamal'?\n"


def test_show_gives_each_place_its_arabic_name(run: Run) -> None:
    out = run("show", "hezbollah-attacks-from-iraq").out
    assert "Abu Kamal (البوكمال; city; Deir ez-Zor Governorate, Syria)" in out
    assert "Al-Qa'im (القائم; town; Iraq)" in out


def test_the_arabic_argument_reaches_the_program_from_a_utf8_terminal() -> None:
    env = subprocess_env(LANG="C.UTF-8", LC_ALL="C.UTF-8")
    del env["PYTHONIOENCODING"]
    arabic = run_process("events", "--place", "البوكمال", *NOV_9, "--format", "tsv", env=env)
    english = run_process("events", "--place", "Abu Kamal", *NOV_9, "--format", "tsv", env=env)
    assert arabic.returncode == 0, arabic.stderr
    assert arabic.stdout == english.stdout != ""
