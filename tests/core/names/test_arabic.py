"""Arabic script in names: one spelling for the ways Arabic writes a name, on real names.

Arabic sources write the same name with or without its short vowels, with or without the
hamza on its alef, with taa marbuta or heh, alef maksura or yeh, and with its article ال
joined or not ("البوكمال", "البو كمال"). Each rule is checked on a name of the region, and
the shipped data is checked whole: every Arabic alias finds its own item, and no spelling
finds two.
"""

from __future__ import annotations

import json
import unicodedata

import pytest

from eastsyria.core.catalog import Catalog
from eastsyria.core.names import arabic_name, completions, continued, fold, fold_words, suggest
from eastsyria.data.load import load_record, shipped_data_path

# Fatha, damma, kasra, sukun, shadda, dagger alef; the tatweel; Quranic marks.
FATHA, DAMMA, KASRA, SUKUN, SHADDA, DAGGER_ALEF = "\u064e\u064f\u0650\u0652\u0651\u0670"
TATWEEL = "\u0640"


@pytest.mark.parametrize(
    ("spelling", "same_as"),
    [
        # The article, joined, spaced or left out: the issue's two forms, and the bare name.
        ("البوكمال", "البو كمال"),
        ("البوكمال", "بوكمال"),
        ("دير الزور", "دير زور"),
        ("الميادين", "ميادين"),
        # Hamza and madda on alef, and alef wasla, are alef.
        ("أبو كمال", "ابو كمال"),
        ("إيران", "ايران"),
        ("الإمام علي", "الامام علي"),
        ("آل", "ال"),
        ("ٱلبوكمال", "البوكمال"),
        # Waw and yeh with hamza are waw and yeh.
        ("القائم", "القايم"),
        ("كتائب حزب الله", "كتايب حزب الله"),
        ("مؤتة", "موتة"),
        # Taa marbuta is heh; alef maksura is yeh.
        ("سورية", "سوريه"),
        ("الدولة الإسلامية", "الدوله الاسلاميه"),
        ("الحشد الشعبي", "الحشد الشعبى"),
        # The Persian yeh and kaf are the Arabic ones.
        ("ایران", "إيران"),
        ("کمال", "كمال"),
        # Short vowels, shadda, sukun, the dagger alef and the tatweel are dropped.
        (f"الْب{DAMMA}وكَمَال", "البوكمال"),
        (f"حزب الل{SHADDA}{DAGGER_ALEF}ه", "حزب الله"),
        (f"دَيْر{KASRA} الزَّوْر", "دير الزور"),
        (f"البوكم{TATWEEL * 3}ال", "البوكمال"),
        # Quranic annotation marks (U+06D6-U+06ED) too.
        ("تدمر\u06d6", "تدمر"),
        # Presentation forms (the shapes a letter takes inside a word) are the letters.
        ("ﺍﻟﺒﻮﻛﻤﺎﻝ", "البوكمال"),
        # A hamza typed after its alef is the same letter.
        ("ا\u0654بو كمال", "أبو كمال"),
        # Arabic-Indic digits are digits.
        ("محطة T٢", "محطة T2"),
    ],
)
def test_arabic_spellings_of_one_name_fold_alike(spelling: str, same_as: str) -> None:
    assert fold(spelling) == fold(same_as)


def test_the_article_is_dropped_only_where_a_word_starts_and_two_letters_follow() -> None:
    assert fold("البوكمال") == "بوكمال"
    assert fold("دير الزور") == "ديرزور"
    # Not inside a word: "كمال" ends in the letters of the article.
    assert fold("كمال") == "كمال"
    assert fold("ديرالزور") == "ديرالزور" != fold("دير الزور")
    # Too short to carry it: ال itself, or one letter after it.
    assert fold("ال") == "ال"
    assert fold("الف") == "الف"
    # الله (God) keeps its letters: حزب الله is not حزب له.
    assert fold("حزب الله") == "حزبالله"
    assert fold("حزب الله") != fold("حزب له")
    # "أبو كمال" is another name for the town, not its article-less form.
    assert fold("أبو كمال") != fold("البوكمال")


def test_fold_words_folds_arabic_and_keeps_its_words() -> None:
    assert fold_words("دَيْر الزَّوْر") == "دير زور"
    assert fold_words("الدولة الإسلامية، داعش") == "دوله اسلاميه داعش"


def _old_fold(text: str) -> str:
    """`fold` as it was before it knew Arabic script."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return plain.casefold().translate(str.maketrans("", "", "'’‘`´ʿʾ-–—_. ,\t"))


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    return Catalog(load_record(shipped_data_path(), use_cache=False))


def _spellings(item: dict[str, object]) -> list[str]:
    aliases = item.get("aliases", [])
    assert isinstance(aliases, list)
    return [str(item["id"]), str(item["name"]), *map(str, aliases)]


def test_latin_names_fold_as_they_did(shipped: Catalog) -> None:
    latin = [
        label
        for items in (shipped.places, shipped.actors, shipped.campaigns)
        for item in items.values()
        for label in _spellings(dict(item))
        if not arabic_name([label])
    ]
    assert len(latin) > 200
    assert [fold(label) for label in latin] == [_old_fold(label) for label in latin]
    assert fold("Al-Qá’im") == _old_fold("Al-Qá’im") == "alqaim"


def test_every_place_has_an_arabic_name_and_the_main_actors_too(shipped: Catalog) -> None:
    assert [p for p, place in shipped.places.items() if not arabic_name(place["aliases"])] == []
    main = ["isil", "hezbollah", "popular-mobilization-forces", "irgc", "syrian-arab-army"]
    main += ["tiger-forces", "republican-guard", "national-defence-forces", "liwa-al-quds"]
    main += ["kataib-hezbollah", "harakat-hezbollah-al-nujaba", "asaib-ahl-al-haq", "sohr"]
    main += ["kataib-al-imam-ali", "sdf", "iraqi-security-forces", "syrian-defence-ministry"]
    main += ["suheil-al-hassan", "issam-zahreddine", "qasem-soleimani", "abu-bakr-al-baghdadi"]
    assert [a for a in main if not arabic_name(shipped.actors[a]["aliases"])] == []


@pytest.mark.parametrize("kind", ["place", "actor"])
def test_every_spelling_finds_its_own_item_and_no_two_items_share_one(
    shipped: Catalog, kind: str
) -> None:
    items = shipped.places if kind == "place" else shipped.actors
    resolve = shipped.resolve_place if kind == "place" else shipped.resolve_actor
    owners: dict[str, set[str]] = {}
    arabic = 0
    for item_id, item in items.items():
        for label in _spellings(dict(item)):
            assert resolve(label) == item_id, label
            owners.setdefault(fold(label), set()).add(item_id)
            arabic += bool(arabic_name([label]))
    assert {key: ids for key, ids in owners.items() if len(ids) > 1} == {}
    assert arabic > 30


def test_the_issues_examples_find_abu_kamal(shipped: Catalog) -> None:
    for typed in ("البوكمال", "البو كمال", "بوكمال", "أبو كمال", "ابو كمال", "Abu Kamal"):
        assert shipped.resolve_place(typed) == "abu-kamal"
    assert shipped.resolve_actor("داعش") == shipped.resolve_actor("الدولة الاسلامية") == "isil"
    assert shipped.resolve_actor("حزب الله") == "hezbollah"
    assert shipped.resolve_actor("كتائب حزب الله") == "kataib-hezbollah"


def test_arabic_name_is_the_first_alias_in_arabic_script() -> None:
    assert arabic_name(["Albu Kamal", "البوكمال", "أبو كمال"]) == "البوكمال"
    assert arabic_name(["محطة T2", "T2"]) == "محطة T2"
    assert arabic_name(["Albu Kamal", "Qá’im"]) is None


# -- completion: TAB only ever extends an Arabic prefix ------------------------------------

ABU_KAMAL = ["Abu Kamal", "Albu Kamal", "البوكمال", "أبو كمال"]
COUNTRYSIDE = ["Abu Kamal countryside", "ريف البوكمال"]
IMAM_ALI = ["Kata'ib al-Imam Ali", "كتائب الإمام علي"]


@pytest.mark.parametrize(
    ("typed", "label", "expected"),
    [
        # The article typed, or left out: the rest of the name follows what was typed.
        ("البو", "البوكمال", "البوكمال"),
        ("ا", "البوكمال", "البوكمال"),
        ("بوك", "البوكمال", "بوكمال"),
        ("البو ك", "البوكمال", "البو كمال"),
        # Without its hamza, with a vowel mark.
        ("ابو ك", "أبو كمال", "ابو كمال"),
        ("الا", "الإمام علي", "الامام علي"),
        ("الْبو", "البوكمال", "الْبوكمال"),
        ("كتايب الا", "كتائب الإمام علي", "كتايب الامام علي"),
        # A name that does not start so is not offered.
        ("الب", "ريف البوكمال", None),
        ("اب", "البوكمال", None),
        ("ديرال", "دير الزور", None),
    ],
)
def test_an_arabic_prefix_is_continued_never_replaced(
    typed: str, label: str, expected: str | None
) -> None:
    found = continued(typed, label)
    assert found == expected
    if found is not None:
        assert found.startswith(typed)
        assert fold(found) == fold(label)


def test_every_prefix_of_every_arabic_name_is_continued_to_a_spelling_of_it(
    shipped: Catalog,
) -> None:
    document = json.loads(shipped_data_path().read_text(encoding="utf-8"))
    labels = [
        alias
        for collection in ("places", "actors")
        for item in document[collection]
        for alias in item["aliases"]
        if arabic_name([alias])
    ]
    checked = 0
    for label in labels:
        bare = label.replace("أ", "ا").replace("إ", "ا").replace("ة", "ه")
        for end in range(1, len(label) + 1):
            for typed in {label[:end], bare[:end]}:
                found = continued(typed, label)
                assert found is not None, (typed, label)
                assert found.startswith(typed)
                assert fold(found) == fold(label), (typed, label, found)
                checked += 1
    assert checked > 500


def test_an_arabic_prefix_is_offered_the_arabic_names_that_continue_it() -> None:
    items = [ABU_KAMAL, COUNTRYSIDE, IMAM_ALI]
    assert completions("البو", items) == [(0, 2, "البوكمال")]
    assert completions("ريف", items) == [(1, 1, "ريف البوكمال")]
    # Nothing starts with "ابو" as typed: the name with its hamza is continued.
    assert completions("ابو", items) == [(0, 3, "ابو كمال")]
    assert completions("كتايب", items) == [(2, 1, "كتايب الإمام علي")]
    # A Latin prefix is offered the Latin names, as before.
    assert [text for *_, text in completions("Abu", items)] == [
        "Abu Kamal",
        "Abu Kamal countryside",
    ]


def test_a_misspelt_arabic_name_is_offered_the_name_meant() -> None:
    names = ["البوكمال", "الميادين", "دير الزور", "القائم", "تدمر", "العراق"]
    assert suggest("البوكمل", names)[0] == "البوكمال"
    assert suggest("الميدين", names)[0] == "الميادين"
    assert suggest("ديرالزور", names)[0] == "دير الزور"
    assert suggest("تدمور", names)[0] == "تدمر"
    # A prefix of three letters or more, with or without its article.
    assert suggest("الميا", names) == ["الميادين"]
    # Names not in the data are offered nothing.
    assert suggest("حلب", names) == []
    assert suggest("الرقة", names) == []
