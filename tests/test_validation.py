"""`eastsyria validate` and loading: every rule has a small broken file of its own."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import MINI, Run


def test_valid_file_gives_one_summary_line(run: Run) -> None:
    result = run("validate", str(MINI))
    assert result.status == 0
    assert result.err == ""
    # One sentence, wrapped between words on a terminal narrower than it.
    assert " ".join(result.out.split()) == (
        f"valid: {MINI}: 2 events, 3 places, 3 actors, 1 campaigns, 0 disputes, 1 sources"
    )


def _event(doc: dict[str, Any], index: int = 0) -> dict[str, Any]:
    event: dict[str, Any] = doc["events"][index]
    return event


Broken = tuple[Callable[[dict[str, Any]], object], str, str]


def _bad_url(url: str, message: str) -> Broken:
    """The mini dataset's source given `url`, and what validation says of it."""
    return (lambda d: d["sources"][0].update(url=url), "sources[0].url", message)


BROKEN: dict[str, Broken] = {
    "duplicate id": (
        lambda d: _event(d, 1).update(id="town-a-taken"),
        "events[1].id",
        "duplicate id 'town-a-taken'",
    ),
    "unknown place": (
        lambda d: _event(d).update(places=["town-z"]),
        "events[0].places[0]",
        "unknown place 'town-z'",
    ),
    "unknown actor": (
        lambda d: _event(d)["actors"][0].update(actor="navy"),
        "events[0].actors[0].actor",
        "unknown actor 'navy'",
    ),
    "unknown campaign": (
        lambda d: _event(d).update(campaign="nope"),
        "events[0].campaign",
        "unknown campaign 'nope'",
    ),
    "unknown source section": (
        lambda d: _event(d)["sources"][0].update(section="epilogue"),
        "events[0].sources[0]",
        "no section 'epilogue' in source 'article-a'",
    ),
    "unknown source article": (
        lambda d: _event(d)["sources"][0].update(article="article-z"),
        "events[0].sources[0]",
        "no section 'battle' in source 'article-z'",
    ),
    "earliest after latest": (
        lambda d: _event(d)["date"].update(earliest="2017-10-09"),
        "events[0].date",
        "earliest 2017-10-09 is after latest 2017-10-05",
    ),
    "day precision with a span": (
        lambda d: _event(d)["date"].update(earliest="2017-10-01"),
        "events[0].date",
        "precision 'day' needs earliest == latest",
    ),
    "control of a place not in the event": (
        lambda d: _event(d)["control"][0].update(place="town-b"),
        "events[0].control[0].place",
        "not one of the event's places",
    ),
    "control to an unknown holder": (
        lambda d: _event(d)["control"][0].update(to="rebels"),
        "events[0].control[0].to",
        "unknown side or actor 'rebels'",
    ),
    "event without a source": (
        lambda d: _event(d).update(sources=[]),
        "events[0].sources",
        "at least 1 item",
    ),
    "unknown event type": (
        lambda d: _event(d).update(type="battle"),
        "events[0].type",
        "unknown event type 'battle'",
    ),
    "unknown side of an actor": (
        lambda d: d["actors"][0].update(side="rebels"),
        "actors[0].side",
        "unknown side 'rebels'",
    ),
    "place inside itself": (
        lambda d: d["places"][0].update(parent="town-a"),
        "places[0].parent",
        "lies inside itself",
    ),
    "unknown casualty party": (
        lambda d: _event(d, 1)["casualties"][0].update(party="aliens"),
        "events[1].casualties[0].party",
        "unknown party 'aliens'",
    ),
    "dispute naming an unknown event": (
        lambda d: d["disputes"].append(
            {
                "id": "d",
                "topic": "t",
                "claims": [
                    {"statement": "a", "source": {"article": "article-a", "section": "intro"}},
                    {
                        "statement": "b",
                        "source": {"article": "article-a", "section": "intro"},
                        "event": "ghost",
                    },
                ],
            }
        ),
        "disputes[0].claims[1].event",
        "unknown event 'ghost'",
    ),
    "latitude out of range": (
        lambda d: d["places"][1].update(lat=95),
        "places[1].lat",
        "less than or equal to 90",
    ),
    "unknown field": (
        lambda d: _event(d).update(when="today"),
        "events[0].when",
        "Extra inputs are not permitted",
    ),
    "source URL not on the web": _bad_url("ftp://example.org/a", "an absolute http or https"),
    "relative source URL": _bad_url("/wiki/Abu_Kamal", "an absolute http or https URL"),
    "source URL with a space": _bad_url("https://example.org/a b", "URL contains ' '"),
    "source URL with a control character": _bad_url(
        "https://example.org/\x1b[31m", "URL contains '\\x1b'"
    ),
    "source URL with a fragment": _bad_url("https://example.org/a#b", "no '#fragment'"),
    "anchor with a space": (
        lambda d: _linked(d)["sections"][1].update(anchor="The battle"),
        "sources[0].sections[1].anchor",
        "anchor contains ' '",
    ),
    "anchor without a URL": (
        lambda d: d["sources"][0]["sections"][1].update(anchor="The_battle"),
        "sources[0].sections[1].anchor",
        "an anchor needs its source's url",
    ),
    "outside_sources marks no field": (
        lambda d: d["places"][0].update(outside_sources={"coordinates": "from a map"}),
        "places[0]",
        "outside_sources names 'coordinates', which is not a field of this record",
    ),
    "outside_sources marks an empty field": (
        lambda d: d["sources"][0].update(outside_sources={"url": "built from the title"}),
        "sources[0]",
        "outside_sources marks 'url', which is empty here",
    ),
    "outside_sources marks a field its list's items lack": (
        lambda d: _linked(d).update(outside_sources={"sections.link": "built"}),
        "sources[0]",
        "the items of 'sections' have no 'link'",
    ),
    "outside_sources with an empty note": (
        lambda d: _event(d).update(outside_sources={"places": ""}),
        "events[0].outside_sources.places",
        "at least 1 character",
    ),
    "two sections with one anchor": (
        lambda d: [s.update(anchor="Battle") for s in _linked(d)["sections"]],
        "sources[0].sections[1].anchor",
        "duplicate anchor 'Battle'",
    ),
}


def _linked(doc: dict[str, Any]) -> dict[str, Any]:
    """The mini dataset's source, given a URL."""
    source: dict[str, Any] = doc["sources"][0]
    source["url"] = "https://example.org/wiki/Article_A"
    return source


def test_a_file_of_schema_1_without_links_stays_valid(run: Run) -> None:
    # tests/data/mini.json predates sources' url and container and sections' anchor.
    document = json.loads(MINI.read_text(encoding="utf-8"))
    assert {"url", "container"}.isdisjoint(document["sources"][0])
    assert run("validate", str(MINI)).status == 0


def test_fields_marked_as_from_outside_the_sources_are_valid(
    run: Run, write_data: Callable[..., Path]
) -> None:
    def marked(doc: dict[str, Any]) -> None:
        source = _linked(doc)
        source["sections"][1]["anchor"] = "The_battle"
        source["outside_sources"] = {
            "url": "built from the title",
            "sections.anchor": "built from the headings",
        }
        _event(doc)["outside_sources"] = {"places": "the article names no place"}

    assert run("validate", str(write_data(marked))).status == 0


def test_links_and_anchors_as_a_file_writes_them_are_valid(
    run: Run, write_data: Callable[..., Path]
) -> None:
    def linked(doc: dict[str, Any]) -> None:
        source = _linked(doc)
        source["container"] = "Wikipedia"
        source["sections"][0]["anchor"] = None
        source["sections"][1]["anchor"] = "Aftermath_–_Continued_ISIL_attacks"

    assert run("validate", str(write_data(linked))).status == 0


@pytest.mark.parametrize("case", list(BROKEN), ids=list(BROKEN))
def test_each_rule_reports_its_json_path(
    case: str, run: Run, write_data: Callable[..., Path]
) -> None:
    change, location, message = BROKEN[case]
    path = write_data(change)
    result = run("validate", str(path))
    assert result.status == 2
    assert result.out == ""
    problem_lines = [line for line in result.err.splitlines() if f": {location}: " in line]
    assert problem_lines, result.err
    assert any(message in line for line in problem_lines), result.err
    assert "Traceback" not in result.err


def test_every_problem_is_listed_not_only_the_first(
    run: Run, write_data: Callable[..., Path]
) -> None:
    def two_problems(doc: dict[str, Any]) -> None:
        doc["events"][0]["campaign"] = "nope"
        doc["actors"][0]["side"] = "rebels"

    result = run("validate", str(write_data(two_problems)))
    assert result.status == 2
    assert "unknown campaign 'nope'" in result.err
    assert "unknown side 'rebels'" in result.err
    assert result.err.splitlines()[-1].endswith("2 problems")


def test_a_query_on_an_invalid_file_is_one_line_pointing_at_validate(
    run: Run, write_data: Callable[..., Path]
) -> None:
    path = write_data(lambda d: _event(d).update(campaign="nope"))
    result = run("--data", str(path), "events")
    assert result.status == 2
    assert result.out == ""
    assert len(result.err.splitlines()) == 1
    assert "unknown campaign 'nope'" in result.err
    assert f"eastsyria validate {path}" in result.err


def test_syntax_errors_give_line_and_column(run: Run, write_data: Callable[..., Path]) -> None:
    path = write_data(raw='{\n  "schema_version": 1,\n  "sources": [,]\n}')
    result = run("validate", str(path))
    assert result.status == 2
    assert "line 3, column 15: Expecting value" in result.err


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "is empty"),
        (b"   \n", "is empty"),
        (b'{"schema_version": 1, "x": "\xff\xfe"}', "is not UTF-8 text: byte 0xff at line 1"),
        (b"[1, 2]", "expected a JSON object, found list"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ],
    ids=["empty", "blank", "not-utf8", "wrong-shape", "deep-nesting"],
)
def test_unreadable_content_is_one_clear_line(
    raw: bytes, message: str, run: Run, write_data: Callable[..., Path]
) -> None:
    path = write_data(raw=raw)
    result = run("--data", str(path), "events")
    assert result.status == 2
    assert result.out == ""
    assert result.err.count("\n") == 1
    assert message in result.err
    assert str(path) in result.err


def test_a_byte_order_mark_is_accepted(run: Run, write_data: Callable[..., Path]) -> None:
    path = write_data(raw=b"\xef\xbb\xbf" + MINI.read_bytes())
    result = run("--data", str(path), "events", "--format", "json", "--fields", "id")
    assert result.status == 0
    assert [e["id"] for e in result.json()] == ["town-b-by", "town-a-taken"]


def test_missing_file_and_directory(run: Run, tmp_path: Path) -> None:
    missing = run("--data", str(tmp_path / "nope.json"), "events")
    assert missing.status == 2
    assert missing.err == f"eastsyria: error: data file '{tmp_path / 'nope.json'}' does not exist\n"
    directory = run("--data", str(tmp_path), "events")
    assert directory.status == 2
    assert "is a directory" in directory.err


def test_data_option_wins_over_environment(
    run: Run, write_data: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    other = write_data(lambda d: d["events"].pop())  # only town-a-taken left
    monkeypatch.setenv("EASTSYRIA_DATA", str(MINI))
    from_env = run("events", "--format", "json", "--fields", "id")
    assert [e["id"] for e in from_env.json()] == ["town-b-by", "town-a-taken"]
    from_option = run("--data", str(other), "events", "--format", "json", "--fields", "id")
    assert [e["id"] for e in from_option.json()] == ["town-a-taken"]


def test_schema_is_a_json_schema_of_the_file(run: Run) -> None:
    result = run("schema")
    assert result.status == 0
    schema = json.loads(result.out)
    assert schema["$schema"].endswith("2020-12/schema")
    assert set(schema["required"]) >= {"schema_version", "sources", "sides"}
    event = schema["$defs"]["Event"]
    assert {"id", "date", "title", "summary", "type", "sources"} <= set(event["properties"])
    assert "from" in schema["$defs"]["ControlChange"]["properties"]


def test_the_json_schema_has_the_outside_sources_marks(run: Run) -> None:
    definitions = run("schema").json()["$defs"]
    for model in ("Source", "Place", "Actor", "Event"):
        mark = definitions[model]["properties"]["outside_sources"]
        assert mark["type"] == "object", model
        assert mark["additionalProperties"]["type"] == "string", model
        assert "outside_sources" not in definitions[model].get("required", []), model


def test_control_that_contradicts_itself_is_one_problem_line_each(
    run: Run, write_data: Callable[..., Path]
) -> None:
    """Syria held by ISIL throughout, while Town A inside it is the government's from the
    start and Town B from 20 October; and Town A's change starts from ISIL, which never held
    it by the data."""
    start = {"article": "article-a", "section": "battle"}

    def contradicting(doc: dict[str, Any]) -> None:
        syria, town_a, _ = doc["places"]
        syria["held_at_start"] = [{"holder": "isil", "source": start}]
        town_a["held_at_start"] = [{"holder": "government", "source": start}]

    path = write_data(contradicting)
    result = run("validate", str(path))
    assert result.status == 2
    assert result.out == ""
    lines = result.err.splitlines()
    assert [line.split(": ", 2)[1] for line in lines[:-1]] == [
        "events[id=town-a-taken].control (place town-a)",
        "places[id=syria] and places[id=town-a]",
        "places[id=syria] and places[id=town-b]",
    ]
    assert "isil loses town-a here, but its held_at_start leaves it to government" in lines[0]
    assert "from the end of 2017-10-01 until the end of the data" in lines[1]
    # Town B was taken "by 20 October": surely the government's only from then on.
    assert "from the end of 2017-10-20 until the end of the data" in lines[2]
    assert lines[-1] == f"eastsyria: error: {path}: 3 problems"
    # The same file without the contradictions is valid.
    assert run("validate", str(write_data())).status == 0
