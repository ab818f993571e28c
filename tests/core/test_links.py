"""A section's link: the article's URL and the section's anchor, as a browser sends them."""

from __future__ import annotations

import pytest

from eastsyria.core.links import as_uri, section_url

OFFENSIVE = "https://en.wikipedia.org/wiki/2017_Abu_Kamal_offensive"


def test_a_section_link_is_the_article_url_and_the_anchor() -> None:
    assert section_url(OFFENSIVE, "First_attack_on_the_city") == (
        "https://en.wikipedia.org/wiki/2017_Abu_Kamal_offensive#First_attack_on_the_city"
    )


def test_a_section_without_an_anchor_links_to_the_article() -> None:
    assert section_url(OFFENSIVE, None) == OFFENSIVE


def test_no_url_no_link() -> None:
    assert section_url(None, "First_attack_on_the_city") is None


def test_non_ascii_in_an_anchor_is_percent_encoded_as_utf8() -> None:
    # The en dash of "Aftermath – Continued ISIL attacks...": U+2013, E2 80 93 in UTF-8.
    assert section_url("https://en.wikipedia.org/wiki/Eastern_Syria_campaign", "Aftermath_–_C") == (
        "https://en.wikipedia.org/wiki/Eastern_Syria_campaign#Aftermath_%E2%80%93_C"
    )


@pytest.mark.parametrize(
    ("anchor", "fragment"),
    [
        ("Deir_ez-Zor", "Deir_ez-Zor"),  # unreserved: kept
        ("Kata'ib_(PMF)", "Kata'ib_(PMF)"),  # sub-delims may stand in a fragment
        ("100%_sure", "100%25_sure"),  # an anchor's % is a percent sign
        ("a#b", "a%23b"),  # a second '#' would not be part of the fragment
        ("a[1]", "a%5B1%5D"),
        ('a"b<c>{d}\\e|f^g`h', "a%22b%3Cc%3E%7Bd%7D%5Ce%7Cf%5Eg%60h"),
        ("Ḥajīn", "%E1%B8%A4aj%C4%ABn"),
    ],
)
def test_a_fragment_carries_only_what_a_uri_fragment_may(anchor: str, fragment: str) -> None:
    assert section_url("https://x.org/p", anchor) == f"https://x.org/p#{fragment}"


def test_an_article_url_is_made_a_uri_and_keeps_its_escapes() -> None:
    assert as_uri("https://fr.wikipedia.org/wiki/Offensive_d'Abou_Kamal_(2017)") == (
        "https://fr.wikipedia.org/wiki/Offensive_d'Abou_Kamal_(2017)"
    )
    assert as_uri("https://x.org/Ḥajīn?q=a b") == "https://x.org/%E1%B8%A4aj%C4%ABn?q=a%20b"
    assert as_uri("https://x.org/a%E2%80%93b") == "https://x.org/a%E2%80%93b"
    assert as_uri("https://x.org/100%") == "https://x.org/100%25"
    assert as_uri('https://x.org/{a}"\\') == "https://x.org/%7Ba%7D%22%5C"


def test_a_fragment_in_an_article_url_gives_way_to_the_sections() -> None:
    assert section_url("https://x.org/p#old", "New") == "https://x.org/p#New"
    # The fragment is all that follows the first '#', a second one included.
    assert section_url("https://x.org/p#old#older", "New") == "https://x.org/p#New"
