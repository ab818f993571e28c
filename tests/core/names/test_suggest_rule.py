"""The rule that decides which names a misspelt value is offered, checked on real names.

The names are those of the shipped dataset, without their aliases (an alias such as
"Mayadeen" would be found as it is typed, and hide the rule). Offered: a prefix of the name
or of its words; or difflib's ratio to the whole name of 0.7 with the same first letter, 0.8
without; or 0.8 to one word of the name. Not offered: anything else ("Raqqa" is 0.67 from
"Iraq", with another first letter), though difflib's own cutoff, 0.6, would offer it.
"""

from __future__ import annotations

import difflib

import pytest

from eastsyria.core.names import fold, suggest

PLACES = [
    "Syria", "Iraq", "Deir ez-Zor Governorate", "Homs Governorate", "Deir ez-Zor", "Hamidiyah",
    "Saqr island", "al-Husayniyah", "Euphrates", "western countryside of Deir ez-Zor", "Mayadin",
    "Mahkan", "Al-Quriyah", "ISIL pocket southeast of Mayadin", "Al-Asharah",
    "Euphrates western bank (Mayadin–Abu Kamal)", "Al-Salihiyah", "Hajin", "Abu Kamal", "Hiri",
    "Abu Kamal countryside", "Hamdan Military Airbase", "T-2 Pumping Station",
    "Abu Kamal–Al-Qa'im border crossing", "Syria–Iraq border", "Al-Qa'im",
    "Homs–Deir ez-Zor desert pocket", "Palmyra", "Shaer gas field",
]  # fmt: skip
ACTORS = [
    "ISIL", "Garrison of Deir ez-Zor Province", "Abu Bakr al-Baghdadi", "Pro-government forces",
    "Syrian Armed Forces", "Syrian Arab Army", "Tiger Forces", "Republican Guard",
    "124th Brigade", "National Defence Forces", "Palestinian Syrian militias", "Liwa al-Quds",
    "Suheil al-Hassan", "Issam Zahreddine", "Qasem Soleimani", "Russian Armed Forces",
    "Russian Aerospace Forces", "Russian Navy", "Islamic Revolutionary Guard Corps",
    "Hezbollah", "Syrian Hezbollah", "Iraqi security forces", "Popular Mobilization Forces",
    "Kata'ib Hezbollah", "Harakat Hezbollah al-Nujaba", "Asa'ib Ahl al-Haq",
    "Syrian Observatory for Human Rights", "Syrian Democratic Forces",
]  # fmt: skip
CAMPAIGNS = ["Eastern Syria campaign", "2017 Abu Kamal offensive", "2018 aftermath"]
NAMES = {"place": PLACES, "actor": ACTORS, "campaign": CAMPAIGNS}


@pytest.mark.parametrize(
    ("kind", "typed", "first"),
    [
        # Close to the whole name, same first letter.
        ("place", "Abu Kemal", "Abu Kamal"),
        ("place", "Mayadeen", "Mayadin"),
        ("place", "Dier ez-Zor", "Deir ez-Zor"),
        ("place", "Palmira", "Palmyra"),
        ("place", "Hajeen", "Hajin"),
        ("place", "Euphrate", "Euphrates"),
        ("actor", "Hezbolah", "Hezbollah"),
        ("actor", "hezbolla", "Hezbollah"),
        ("campaign", "abu kamal ofensive", "2017 Abu Kamal offensive"),
        # Folded, it is the name: offered first.
        ("place", "abukamal", "Abu Kamal"),
        # A prefix of the name, or words that start its words.
        ("place", "Deir", "Deir ez-Zor Governorate"),
        ("place", "zor gov", "Deir ez-Zor Governorate"),
        ("actor", "Tiger", "Tiger Forces"),
        ("actor", "Russian", "Russian Armed Forces"),
        ("actor", "Soleimani", "Qasem Soleimani"),
        ("actor", "Asaib", "Asa'ib Ahl al-Haq"),
        # Close to one word of the name.
        ("actor", "Suleimani", "Qasem Soleimani"),
        ("actor", "Zahreddin", "Issam Zahreddine"),
        ("campaign", "aftermat", "2018 aftermath"),
    ],
)
def test_real_misspellings_are_offered_the_name_meant_first(
    kind: str, typed: str, first: str
) -> None:
    assert suggest(typed, NAMES[kind])[0] == first


@pytest.mark.parametrize(
    ("kind", "typed"),
    [
        ("place", "Raqqa"),
        ("place", "Aleppo"),
        ("place", "Damascus"),
        ("place", "Homs city"),
        ("actor", "Raqqa"),
        ("actor", "Aleppo"),
        ("actor", "Damascus"),
        ("actor", "Iran"),
        ("actor", "coalition"),
        ("actor", "regime"),
        ("campaign", "Raqqa"),
        ("campaign", "Aleppo"),
    ],
)
def test_names_not_in_the_data_are_offered_nothing(kind: str, typed: str) -> None:
    assert suggest(typed, NAMES[kind]) == []


def ratio(typed: str, name: str) -> float:
    return difflib.SequenceMatcher(None, fold(typed), fold(name)).ratio()


def test_the_rule_turns_down_what_difflib_alone_would_offer() -> None:
    # difflib's default cutoff, 0.6, would offer these; another first letter, a shared
    # word inflating the ratio, or only one word at 0.75 is not close enough.
    assert ratio("Raqqa", "Iraq") > 0.6
    assert difflib.get_close_matches(fold("Raqqa"), [fold(p) for p in PLACES]) == ["iraq"]
    assert suggest("Raqqa", PLACES) == []
    assert 0.6 < ratio("Aleppo offensive", "Abu Kamal offensive") < 0.7
    assert suggest("Aleppo offensive", ["Abu Kamal offensive"]) == []
    assert ratio("Iran", "Iraq") == 0.75
    assert suggest("Iran", ["Islamic State of Iraq and the Levant"]) == []
    # The same first letter keeps a one-letter slip in a short name: a place typed "Iran"
    # may well be Iraq, misspelt.
    assert suggest("Iran", PLACES) == ["Iraq"]


def test_a_first_letter_slip_is_offered_when_the_rest_is_close() -> None:
    assert ratio("Elbu Kamal", "Abu Kamal") >= 0.8
    assert suggest("Elbu Kamal", PLACES)[0] == "Abu Kamal"


def test_a_prefix_needs_three_characters() -> None:
    assert suggest("Ha", PLACES) == []
    assert suggest("Ham", PLACES) == ["Hamidiyah", "Hamdan Military Airbase"]


def test_a_ratio_exactly_at_the_cutoff_is_close_enough() -> None:
    from eastsyria.core.names import suggest

    # "mayadin" (7 letters) inside 13 typed ones, the same first letter: 2 * 7 / 20 = 0.7.
    assert suggest("Mayadinxxxxxx", ["Mayadin"]) == ["Mayadin"]
    # One more letter typed: 14 / 21, under 0.7.
    assert suggest("Mayadinxxxxxxx", ["Mayadin"]) == []


def test_nothing_to_suggest_from_gives_no_suggestion() -> None:
    from eastsyria.core.names import suggest

    assert suggest("Mayadin", []) == []
