"""`brief`: the selected events as cited prose, in every format and citation style.

Each test reads the brief as a reader would (its text, its references) and checks it
against the data it was made from: every sentence cites, every figure and day in a sentence
is in the data of the events it cites, no run of 8 words is the articles' (their hashes,
tests/data/article-shingles.txt, written by benchmarks/article_shingles.py), a disputed
event gets each account with its own source, and a budget keeps captures first.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import TESTS, Run, run_on_terminal, run_process
from eastsyria.core.calendar import MONTH_NAMES
from test_cite_styles import _pandoc  # skipped where missing, failed in CI

ON = ("--accessed", "2026-12-07")
ABU_KAMAL = ("--place", "Abu Kamal", "--from", "2017-11-01", "--to", "2017-11-20")
SELECTIONS = (
    (),
    ABU_KAMAL,
    ("--campaign", "abu-kamal-offensive"),
    ("--place", "Mayadin"),
    ("--from", "2018-01-01"),
    ("--type", "capture"),
)
SHINGLES = frozenset((TESTS / "data" / "article-shingles.txt").read_text().split())
MONTHS = MONTH_NAMES


def brief_json(run: Run, *args: str) -> dict[str, Any]:
    result = run("brief", *args, *ON, "-f", "json")
    assert result.status == 0, result.err
    return json.loads(result.out)  # type: ignore[no-any-return]


def sentences(view: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for p in view["paragraphs"] for s in p["sentences"]]


def texts(view: dict[str, Any]) -> list[str]:
    return [s["text"] for s in sentences(view)]


# -- every sentence cites ------------------------------------------------------------------


@pytest.mark.parametrize("selection", SELECTIONS)
def test_every_sentence_carries_a_citation_in_json(run: Run, selection: tuple[str, ...]) -> None:
    view = brief_json(run, *selection)
    assert sentences(view)
    numbers = {ref["number"] for ref in view["references"]}
    for sentence in sentences(view):
        assert sentence["citations"], sentence["text"]
        assert sentence["notes"], sentence["text"]
        assert set(sentence["notes"]) <= numbers, sentence["text"]
        assert sentence["events"], sentence["text"]


def test_every_sentence_of_the_text_ends_with_its_numbers(run: Run) -> None:
    result = run("brief", *ABU_KAMAL, *ON)
    body, _, references = result.out.partition("\nReferences\n")
    listed = re.findall(r"^\[(\d+)\] ", references, re.MULTILINE)
    assert listed == [str(n) for n in range(1, len(listed) + 1)]
    # Each sentence is followed by its numbers: a body cut at the numbers leaves no text.
    for lines in filter(None, body.split("\n\n")):
        paragraph = " ".join(lines.split("\n"))
        told = re.split(r" \[\d+(?:, \d+)*\]", paragraph.strip())
        assert told[-1] == "", paragraph
        cited = {
            int(n) for marks in re.findall(r"\[([\d, ]+)\]", paragraph) for n in marks.split(", ")
        }
        assert cited <= {int(n) for n in listed}


def test_every_sentence_of_the_markdown_has_a_footnote(run: Run) -> None:
    view = brief_json(run, *ABU_KAMAL)
    markdown = run("brief", *ABU_KAMAL, *ON, "-f", "markdown").out
    blocks = markdown.rstrip("\n").split("\n\n")
    definitions = [b for b in blocks if b.startswith("[^")]
    paragraphs = [b for b in blocks if not b.startswith("[^")]
    assert len(paragraphs) == len(view["paragraphs"])
    assert len(definitions) == len(view["references"])
    for paragraph, made in zip(paragraphs, view["paragraphs"], strict=True):
        assert len(re.findall(r"(?:\[\^\d+\])+", paragraph)) == len(made["sentences"])
        assert re.search(r"(?:\[\^\d+\])+$", paragraph)


def test_every_sentence_of_the_html_links_its_references(run: Run) -> None:
    view = brief_json(run, *ABU_KAMAL)
    page = run("brief", *ABU_KAMAL, *ON, "-f", "html").out
    paragraphs = re.findall(r"<p>(.*?)</p>", page)
    assert len(paragraphs) == len(view["paragraphs"])
    for paragraph, made in zip(paragraphs, view["paragraphs"], strict=True):
        runs = re.findall(r"(?:<sup><a href=\"#brief-note-\d+\">\[\d+\]</a></sup>)+", paragraph)
        assert len(runs) == len(made["sentences"])
    for number in {n for s in sentences(view) for n in s["notes"]}:
        assert f'<li id="brief-note-{number}">' in page


# -- the prose is the data's --------------------------------------------------------------


def _data() -> dict[str, Any]:
    return json.loads((TESTS.parent / "data" / "events.json").read_text(encoding="utf-8"))


def _told_of(document: dict[str, Any], event_ids: list[str]) -> str:
    """Everything the data holds of some events, their disputes and their places, as text."""
    events = {e["id"]: e for e in document["events"]}
    wanted = [events[i] for i in event_ids]
    disputes = [
        d for d in document["disputes"] if any(c["event"] in event_ids for c in d["claims"])
    ]
    return json.dumps([wanted, disputes], ensure_ascii=False)


def _day_month_phrases(text: str) -> list[tuple[str, str]]:
    """('9', 'November') for '9 November', and both days of '23 and 26 October'."""
    found = []
    for match in re.finditer(
        rf"(\d{{1,2}})(?: (?:and|to|or) (\d{{1,2}}))? ({'|'.join(MONTHS)})", text
    ):
        found += [(match[1], match[3])] + ([(match[2], match[3])] if match[2] else [])
    return found


def _iso_days(record: str) -> set[tuple[str, str]]:
    return {
        (str(int(day)), MONTHS[int(month) - 1])
        for month, day in re.findall(r"\d{4}-(\d\d)-(\d\d)", record)
    }


@pytest.mark.parametrize("selection", [(), ABU_KAMAL, ("--from", "2018-01-01")])
def test_every_figure_and_day_comes_from_the_events_it_cites(
    run: Run, selection: tuple[str, ...]
) -> None:
    document = _data()
    view = brief_json(run, *selection)
    for sentence in sentences(view):
        # The ending's day is the period's end (--to), else the last event's.
        record = _told_of(document, sentence["events"]) + f" {view['end']}"
        text = sentence["text"]
        days = _iso_days(record)
        for day, month in _day_month_phrases(text):
            assert (day, month) in days or f"{day} {month}" in record, (text, day, month)
        # Figures: every number in the sentence (1,050 as written, or a bare 1050).
        for number in re.findall(r"\d[\d,]*", text):
            bare = number.replace(",", "")
            assert number in record or re.search(rf"\b{bare}\b", record), (text, number)


def test_every_place_and_holder_named_is_in_the_cited_data(run: Run) -> None:
    document = _data()
    names = {p["id"]: p["name"] for p in document["places"]}
    names |= {s["id"]: s["name"] for s in document["sides"]}
    names |= {a["id"]: a["name"] for a in document["actors"]}
    view = brief_json(run, *ABU_KAMAL)
    for sentence in sentences(view):
        record = _told_of(document, sentence["events"])
        named = {names[i] for i in re.findall(r'"([a-z0-9-]+)"', record) if i in names}
        text = sentence["text"]
        # Longest first: "Abu Kamal border crossing" is not "Abu Kamal".
        for name in sorted(set(names.values()), key=len, reverse=True):
            pattern = rf"(?<![\w-]){re.escape(name)}(?![\w-])"
            if re.search(pattern, text):
                assert name in named or name in record, (text, name)
                text = re.sub(pattern, " ", text)


def test_no_day_is_made_up_for_a_span(run: Run) -> None:
    """An event known only within days is told as its span says, never on one day."""
    told = texts(brief_json(run, "--campaign", "abu-kamal-offensive"))
    assert any("some day between" in t or "some time between" in t for t in told)
    assert any(
        t.startswith(
            "Hezbollah attacks Abu Kamal from Iraq, some time between 8 and 11 November 2017"
        )
        for t in told
    )


# -- the project's own words ---------------------------------------------------------------


def _shingles(text: str) -> set[str]:
    words = re.findall(r"[^\W_]+", text.lower())
    runs = (" ".join(words[i : i + 8]) for i in range(len(words) - 7))
    return {hashlib.sha256(run.encode()).hexdigest()[:16] for run in runs}


def _copied(text: str) -> set[str]:
    return _shingles(text) & SHINGLES


def test_the_hashes_of_the_articles_are_there() -> None:
    assert len(SHINGLES) > 1000


@pytest.mark.parametrize("selection", SELECTIONS)
def test_no_eight_words_of_the_brief_are_the_articles(run: Run, selection: tuple[str, ...]) -> None:
    for fmt in ("text", "markdown"):
        out = run("brief", *selection, *ON, "-f", fmt).out
        prose = out.split("\nReferences\n")[0].split("\n[^1]:")[0]
        assert not _copied(prose), fmt
    for text in texts(brief_json(run, *selection)):
        assert not _copied(text), text


def test_the_check_catches_a_copied_run_of_words(run: Run) -> None:
    """The test hashes a brief's words as benchmarks/article_shingles.py hashes the
    articles', so a run of 8 of their words is caught whatever its case or punctuation: a
    brief's sentence is caught once its hashes are among the articles'."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "article_shingles", TESTS.parent / "benchmarks" / "article_shingles.py"
    )
    assert spec is not None
    assert spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    told = texts(brief_json(run, *ABU_KAMAL))
    sentence = next(t for t in told if len(t.split()) > 12)
    as_written = script.shingles(sentence.upper().replace(" ", "  ").replace(",", " ,"))
    assert as_written == _shingles(sentence)
    assert as_written
    pasted = frozenset(SHINGLES | as_written)
    assert _shingles(f"Some words first. {sentence} And after.") & pasted


# -- disagreements ---------------------------------------------------------------------------


def test_a_disputed_capture_states_both_claims_with_their_sources(run: Run) -> None:
    view = brief_json(run, "--place", "Abu Kamal", "--from", "2017-11-08", "--to", "2017-11-09")
    told = sentences(view)
    topic = next(
        i
        for i, s in enumerate(told)
        if s["text"] == "Accounts differ on when Abu Kamal first fell."
    )
    claims = told[topic + 1 : topic + 4]
    assert claims[0]["text"].startswith(
        "One account: Pro-government sources said on the evening of 8 November"
    )
    assert claims[1]["text"].startswith("Another account: SOHR rejected the 8 November claim")
    assert "9 November" in claims[2]["text"]
    assert [c["citations"][0]["section"] for c in claims] == [
        "first-attack-on-the-city",
        "first-attack-on-the-city",
        "abu-kamal-offensive",
    ]


def test_the_partial_retake_gives_both_extents_each_with_its_source(run: Run) -> None:
    view = brief_json(run, "--place", "Abu Kamal", "--on", "2017-11-09")
    told = sentences(view)
    assert any(
        s["text"].startswith(
            "Control of part of Abu Kamal (40 percent (offensive article) or large parts"
        )
        for s in told
    )
    forty = next(s for s in told if s["text"].startswith("One account: IS won back 40 percent"))
    large = next(
        s for s in told if s["text"] == "Another account: IS won back large parts of the town."
    )
    assert forty["citations"] == [
        {"article": "abu-kamal-offensive-2017", "section": "first-attack-on-the-city",
         "keys": ["abu-kamal-offensive-2017:first-attack-on-the-city"]}
    ]  # fmt: skip
    assert large["citations"][0]["article"] == "eastern-syria-campaign"


def test_the_ending_says_who_held_the_places_and_competing_figures_side_by_side(run: Run) -> None:
    view = brief_json(run, *ABU_KAMAL)
    kinds = [p["kind"] for p in view["paragraphs"]]
    assert kinds[-2:] == ["control", "casualties"]
    held = [s["text"] for s in view["paragraphs"][-2]["sentences"]]
    assert (
        held[0]
        == "At the end of 20 November 2017, Abu Kamal was held by Syrian government and allies."
    )
    figures = [s["text"] for s in view["paragraphs"][-1]["sentences"]]
    assert figures == [
        "Competing counts of those killed among fighters on all sides in Abu Kamal countryside, "
        "not to be added: 399 from 16 to 28 November 2017; 447 from 15 November to 3 December 2017."
    ]
    assert "846" not in json.dumps(view)  # never summed


def test_the_ending_gives_the_certainty_control_gives(run: Run) -> None:
    control = json.loads(run("control", "--on", "2017-11-10", "-f", "json").out)
    hamdan = next(p for p in control if p["place"] == "hamdan-military-airbase")
    assert hamdan["certainty"] == "reported"
    view = brief_json(run, "--place", "Hamdan Military Airbase", "--to", "2017-11-10")
    held = view["paragraphs"][-1]["sentences"][0]["text"]
    assert held == (
        "At the end of 10 November 2017, Hamdan Military Airbase was held by Syrian government "
        "and allies, as reported (not stated outright)."
    )


# -- length ------------------------------------------------------------------------------------


def test_a_budget_keeps_the_captures_first_and_says_how_many_are_left_out(run: Run) -> None:
    result = run("brief", *ABU_KAMAL, *ON, "--sentences", "12", "-f", "json")
    view = json.loads(result.out)
    assert len(sentences(view)) <= 12
    told = [p["sentences"][0]["events"][0] for p in view["paragraphs"] if p["kind"] == "event"]
    document = {e["id"]: e for e in _data()["events"]}
    assert told
    assert all(document[i]["control"] for i in told)
    assert told == sorted(
        told, key=lambda i: (document[i]["date"]["earliest"], document[i]["date"]["latest"], i)
    )
    assert view["selected"] == 20
    assert view["left_out"] == 20 - view["told"] > 0
    assert view["listing"] == (
        "eastsyria events --from 2017-11-01 --to 2017-11-20 --place 'Abu Kamal'"
    )
    note = run("brief", *ABU_KAMAL, *ON, "--sentences", "12").err
    assert note == (
        f"{view['left_out']} of the 20 events selected are left out for length "
        f"({view['told']} told, ranked first); list them all with: {view['listing']}\n"
    )


def test_the_listing_command_lists_the_selection(run: Run) -> None:
    view = brief_json(run, *ABU_KAMAL, "--sentences", "3")
    import shlex

    words = shlex.split(view["listing"])[1:]
    listed = run(*words, "-f", "json")
    assert len(json.loads(listed.out)) == view["selected"]


def test_max_words_bounds_the_words(run: Run) -> None:
    view = brief_json(run, "--campaign", "abu-kamal-offensive", "--max-words", "200")
    assert sum(len(t.split()) for t in texts(view)) <= 200
    assert view["left_out"] > 0
    whole = brief_json(run, "--campaign", "abu-kamal-offensive")
    assert whole["left_out"] == 0
    assert whole["told"] == whole["selected"]


def test_the_ranking_puts_casualties_before_disputes_before_the_rest(run: Run) -> None:
    from eastsyria.core.brief import RANKING, ranking_text

    assert [rank.name for rank in RANKING] == ["control", "casualties", "disputed", "other"]
    assert ranking_text().startswith("captures and other changes of who held a place, then")
    # No event of 2018's selection changes hands but two carry figures: those are told.
    view = brief_json(run, "--from", "2018-05-01", "--sentences", "6")
    document = {e["id"]: e for e in _data()["events"]}
    told = [p["sentences"][0]["events"][0] for p in view["paragraphs"] if p["kind"] == "event"]
    assert told
    assert all(document[i]["control"] or document[i]["casualties"] for i in told)


# -- imported data ----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["acled", "ucdp"])
def test_an_imported_file_gives_a_brief_citing_its_dataset(
    run: Run, tmp_path: Path, kind: str
) -> None:
    made = tmp_path / f"{kind}.json"
    sample = TESTS / "samples" / f"{kind}-syria.csv"
    assert run("import", kind, str(sample), "-o", str(made)).status == 0
    result = run("--data", str(made), "brief", *ON, "-f", "json")
    assert result.status == 0, result.err
    view = json.loads(result.out)
    assert sentences(view)
    assert all(c["article"] == kind for s in sentences(view) for c in s["citations"])
    references = " ".join(r["text"] for r in view["references"])
    assert ("ACLED" if kind == "acled" else "UCDP") in references
    assert any(s["text"].startswith("A count of those killed") for s in sentences(view))
    text = run("--data", str(made), "brief", *ON).out
    assert "References" in text
    assert "None" not in text


# -- formats and rendering ----------------------------------------------------------------------


def test_the_text_on_a_terminal_is_wrapped_and_piped_unwrapped(
    monkeypatch: pytest.MonkeyPatch, run: Run
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    monkeypatch.setenv("NO_COLOR", "1")
    shown = run_on_terminal("brief", "--place", "Abu Kamal", "--on", "2017-11-09", *ON)
    assert shown.status == 0
    lines = shown.out.splitlines()
    assert max(len(line) for line in lines if not line.startswith("[") and "http" not in line) <= 60
    assert "\x1b" not in shown.out
    assert lines[0] == "Hezbollah attacks Abu Kamal from Iraq, some time between 8"
    piped = run_process("brief", "--place", "Abu Kamal", "--on", "2017-11-09", *ON).stdout
    first = piped.splitlines()[0]
    assert len(first) > 60
    assert first.startswith(
        "Hezbollah attacks Abu Kamal from Iraq, some time between 8 and 11 November 2017. [1]"
    )
    assert "\x1b" not in piped


def test_the_prose_reads_as_prose(run: Run) -> None:
    for selection in SELECTIONS:
        view = brief_json(run, *selection)
        told = texts(view)
        assert len(told) == len(set(told)), selection  # no sentence twice
        ids = {e["id"] for e in _data()["events"]}
        for text in told:
            assert "None" not in text
            assert "null" not in text
            assert not any(i in text for i in ids if "-" in i), text  # no ids in the prose
            assert text[0].isupper() or text[0].isdigit(), text
            assert text.rstrip('”")')[-1] in ".!?", text


def test_hostile_text_stays_inert_in_html_and_markdown(
    run: Run, tmp_path: Path, mini_document: dict[str, Any]
) -> None:
    document = copy.deepcopy(mini_document)  # the fixture is shared by the session
    event = document["events"][0]
    evil = "<script>alert(1)</script> *x* [^9] [@k] \x1b[31m & <img src=x onerror=alert(2)>"
    event["summary"] = f"{evil} was seen."
    event["title"] = f"Capture {evil}"
    path = tmp_path / "evil.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    page = run("--data", str(path), "brief", *ON, "-f", "html")
    assert page.status == 0, page.err
    assert "<script>" not in page.out
    assert "<img" not in page.out
    assert "\x1b" not in page.out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.out
    markdown = run("--data", str(path), "brief", *ON, "-f", "markdown").out
    assert "\x1b" not in markdown
    assert "<script>" not in markdown
    assert r"\[\^9\]" in markdown
    assert r"\*x\*" in markdown
    text = run("--data", str(path), "brief", *ON).out
    assert "\x1b" not in text
    # pandoc reads the escaped Markdown as text: no element of the data's.
    html = _pandoc_to(markdown, "html")
    assert "<script>" not in html
    assert "<img" not in html
    assert "[^9]" in html


def _pandoc_to(markdown: str, to: str, *options: str) -> str:
    """What pandoc makes of Markdown."""
    done = subprocess.run(
        [_pandoc(), "-f", "markdown", "-t", to, *options],
        input=markdown,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_pandoc_renders_the_markdown_footnotes(run: Run) -> None:
    for style in ("numbered", "footnotes"):
        markdown = run(
            "brief",
            "--place",
            "Abu Kamal",
            "--on",
            "2017-11-09",
            *ON,
            "-f",
            "markdown",
            "--cite-style",
            style,
        ).out
        plain = _pandoc_to(markdown, "plain", "--wrap=none")
        assert "[^" not in plain
        assert re.search(r"first fell\.\[\d+\]", plain)
        assert "Accessed 7 December 2026." in plain
        html = _pandoc_to(markdown, "html")
        assert 'class="footnote-ref"' in html
        assert 'role="doc-endnote"' in html


def test_pandoc_citeproc_renders_the_brief_with_the_keys_cite_writes(
    run: Run, tmp_path: Path
) -> None:
    selection = ("--place", "Abu Kamal", "--on", "2017-11-09")
    markdown = run("brief", *selection, *ON, "-f", "markdown", "--cite-style", "pandoc").out
    keys = set(re.findall(r"@([\w:-]+)", markdown))
    view = brief_json(run, *selection)
    told = {event for sentence in sentences(view) for event in sentence["events"]}
    items = run("cite", *sorted(told), "-f", "csl-json", *ON).out
    assert keys <= {item["id"] for item in json.loads(items)}
    bibliography = tmp_path / "sources.json"
    bibliography.write_text(items, encoding="utf-8")
    result = subprocess.run(
        [_pandoc(), "--citeproc", f"--bibliography={bibliography}", "-t", "plain", "--wrap=none"],
        input=markdown, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert "[@" not in result.stdout
    assert "???" not in result.stdout
    assert (
        "(“2017 Abu Kamal Offensive,” n.d.)" in result.stdout or "2017 Abu Kamal" in result.stdout
    )
    assert "Retrieved" in result.stdout or "Accessed" in result.stdout


# -- bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--sentences", "0"), "--sentences must be 1 or more, not 0"),
        (("--max-words", "-3"), "--max-words must be 1 or more, not -3"),
        (("--sentences", "3", "--max-words", "50"), "give --sentences or --max-words, not both"),
        (("--cite-style", "footnote"), "no citation style 'footnote'; did you mean 'footnotes'?"),
        (("--cite-style", "pandoc"), "--cite-style pandoc writes pandoc's [@key] citations"),
        (("-f", "csv"), "no format 'csv' for brief"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(run: Run, args: tuple[str, ...], said: str) -> None:
    result = run("brief", *args)
    assert result.status == 2
    assert result.out == ""
    assert result.err.count("\n") == 1, result.err
    assert said in result.err, result.err


@pytest.mark.parametrize("fmt", ["markdown", "html", "json"])
def test_every_format_says_what_it_left_out_on_stderr(run: Run, fmt: str) -> None:
    result = run("brief", *ABU_KAMAL, *ON, "--sentences", "12", "-f", fmt)
    assert result.status == 0
    assert re.match(r"1\d of the 20 events selected are left out for length \(\d told", result.err)
    assert result.err.count("\n") == 1


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_an_empty_selection_writes_nothing_in_any_format(run: Run, fmt: str) -> None:
    result = run("brief", "--from", "2030-01-01", "-f", fmt)
    assert (result.status, result.out, result.err) == (0, "", "no events match these filters\n")
    empty = run("brief", "--from", "2030-01-01", "-f", "json")
    assert json.loads(empty.out)["paragraphs"] == []


def test_an_empty_selection_exits_0_saying_so(run: Run) -> None:
    result = run("brief", "--from", "2030-01-01")
    assert result.status == 0
    assert result.out == ""
    assert result.err == "no events match these filters\n"


def test_footnotes_give_a_note_per_sentence_ibid_where_the_source_repeats(run: Run) -> None:
    args = ("brief", "--place", "Hamdan Military Airbase", *ON, "--cite-style", "footnotes")
    view = brief_json(run, "--place", "Hamdan Military Airbase")
    out = run(*args).out
    body, _, notes = out.partition("\nNotes\n")
    count = len(sentences(view))
    assert re.findall(r"\[(\d+)\]", body) == [str(n) for n in range(1, count + 1)]
    listed = [line for line in notes.splitlines() if line.startswith("[")]  # wrapped at 100
    assert listed[0].startswith(
        "[1] “2017 Abu Kamal offensive”, section “First attack on the city”."
    )
    assert listed[1:] == [f"[{n}] Ibid." for n in range(2, count + 1)]
    markdown = run(*args, "-f", "markdown").out
    assert "[^2]: Ibid." in markdown


def test_the_help_and_the_docs_give_the_ranking_rule_of_the_code(run: Run) -> None:
    from eastsyria.core.brief import RANKING, ranking_text

    helped = " ".join(run("brief", "--help").out.split())
    assert f"all fit: {ranking_text()}; by date within a rank" in helped
    page = (TESTS.parent / "docs" / "disputes.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\d\. (.+);$", page.split("## A brief to paste", 1)[1], re.MULTILINE)
    assert listed == [rank.about for rank in RANKING]
