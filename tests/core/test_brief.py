"""`core.brief`: the sentences a brief is made of, its date phrases and its ranking rule,
on small datasets whose every value is in the test."""

from __future__ import annotations

import pytest

from eastsyria.core.brief import (
    RANKING,
    brief,
    compose,
    date_phrase,
    figure_words,
    rank_of,
    ranking_text,
)
from eastsyria.errors import InputError

from .builders import casualty, catalog, change, date, event


@pytest.mark.parametrize(
    ("span", "said"),
    [
        (date("2017-11-09"), "on 9 November 2017"),
        (date("2017-11-09", qualifier="late"), "late on 9 November 2017"),
        (date("2017-10-01", "2017-10-16", qualifier="by"), "by 16 October 2017"),
        (
            date("2017-10-23", "2017-10-26", qualifier="between"),
            "some day between 23 and 26 October 2017",
        ),
        (
            date("2017-10-28", "2017-11-03", qualifier="between"),
            "some day between 28 October and 3 November 2017",
        ),
        (
            date("2017-12-30", "2018-01-02", qualifier="between"),
            "some day between 30 December 2017 and 2 January 2018",
        ),
        (
            date("2017-09-14", "2017-12-17", qualifier="during"),
            "some time between 14 September and 17 December 2017",
        ),
        (
            date("2017-11-09", "2017-11-10", precision="approximate", qualifier="around"),
            "around 9 or 10 November 2017",
        ),
        (date("2017-11-19", "2018-09-16", qualifier="from"), "from 19 November 2017"),
        (date("2018-05-23", "2018-06-20", qualifier="until"), "until 20 June 2018"),
        (
            date("2017-11-01", "2017-11-10", precision="month-part", qualifier="early"),
            "early in November 2017",
        ),
        (
            date("2017-11-11", "2017-11-20", precision="month-part", qualifier="mid"),
            "in mid-November 2017",
        ),
        (
            date("2017-11-01", "2017-11-30", precision="month", qualifier="during"),
            "in November 2017",
        ),
        (
            date("2017-06-01", "2017-08-31", precision="season", qualifier="during"),
            "in summer 2017",
        ),
        (
            date("2017-01-01", "2018-12-31", precision="year", qualifier="during"),
            "from 2017 to 2018",
        ),
        (
            date("2017-11-01", "2017-11-15", precision="month", qualifier="during"),
            "some time between 1 and 15 November 2017",
        ),
        (
            date("2017-03-01", "2017-12-31", precision="year", qualifier="between"),
            "some day between 1 March and 31 December 2017",
        ),
        (
            date("2017-11-21", "2017-11-30", precision="month-part", qualifier="late"),
            "late in November 2017",
        ),
        (
            date("2017-11-01", "2017-11-10", qualifier="early"),
            "some day between 1 and 10 November 2017",
        ),
        (
            date("2017-10-23", "2017-10-26", precision="approximate", qualifier="on"),
            "around 23 to 26 October 2017",
        ),
        (date("2017-10-23", "2017-10-24", qualifier="around"), "around 23 or 24 October 2017"),
        (date("2017-01-01", "2017-12-31", precision="year", qualifier="during"), "in 2017"),
    ],
)
def test_a_date_is_said_as_its_span_records_it(span: dict[str, str], said: str) -> None:
    assert date_phrase(span) == said  # type: ignore[arg-type]


def test_figures_are_said_as_claimed() -> None:
    assert figure_words(casualty("civilians", 601, qualifier="at-least")) == "at least 601"  # type: ignore[arg-type]
    ranged = casualty("all", 20, count_max=40, best=26)
    assert figure_words(ranged) == "20 to 40 (best estimate 26)"  # type: ignore[arg-type]
    assert figure_words(casualty("all", 1000, qualifier="up-to")) == "up to 1,000"  # type: ignore[arg-type]


TOOK = change("town", "isil", "government")
EVENTS = [
    event("quiet", "2017-11-01", summary="On 1 November nothing moved."),
    event(
        "toll",
        "2017-11-02",
        summary="On 2 November a shell fell.",
        casualties=[casualty("civilians", 3)],
    ),
    event("taken", "2017-11-03", summary="On 3 November the army came in.", control=[TOOK]),
    event(
        "retaken",
        "2017-11-04",
        summary="Fighting went on.",
        control=[change("town", "government", "isil", extent="partial", part="the north")],
    ),
]


def test_the_ranking_puts_control_then_casualties_then_disputes_then_the_rest() -> None:
    data = catalog(events=EVENTS)
    ranks = {e["id"]: rank_of(data, e) for e in data.events}
    assert ranks == {"quiet": 3, "toll": 1, "taken": 0, "retaken": 0}
    assert [rank.name for rank in RANKING] == ["control", "casualties", "disputed", "other"]
    assert ranking_text() == (
        "captures and other changes of who held a place, then events with casualty figures, "
        "then events the sources disagree about, then every other event"
    )


def test_a_brief_tells_each_event_and_ends_with_the_holders_and_the_figures() -> None:
    data = catalog(events=EVENTS)
    made = brief(data, data.events, end="2017-11-05")
    events = [p for p in made.paragraphs if p.kind == "event"]
    assert [p.sentences[0].events for p in events] == [
        ("quiet",),
        ("toll",),
        ("taken",),
        ("retaken",),
    ]
    # An event its summary does not date is told with its title and date first.
    assert [s.text for s in events[3].sentences] == [
        "Retaken, on 4 November 2017.",
        "Fighting went on.",
        "Control of part of Town (the north) passed from Syrian government to Islamic State.",
    ]
    assert (
        events[2].sentences[-1].text
        == "Control of Town passed from Islamic State to Syrian government."
    )
    held = next(p for p in made.paragraphs if p.kind == "control").sentences
    assert held[0].text.startswith("At the end of 5 November 2017, Town was held by ")
    figures = next(p for p in made.paragraphs if p.kind == "casualties").sentences
    assert [s.text for s in figures] == [
        "A count of those killed among civilians in Town: 3 on 2 November 2017."
    ]
    assert all(s.refs == (("article-a", "battle"),) for p in made.paragraphs for s in p.sentences)


def test_a_budget_keeps_the_first_ranked_events_in_date_order() -> None:
    data = catalog(events=EVENTS)
    made = brief(data, data.events, sentences=6)
    assert made.told == ("taken", "retaken")
    assert made.left_out == 2
    assert len(made.sentences()) <= 6
    # At least one event, however small the budget.
    assert brief(data, data.events, sentences=1).told == ("taken",)
    assert brief(data, data.events).left_out == 0


def test_a_budget_of_words_counts_words() -> None:
    data = catalog(events=EVENTS)
    whole = compose(data, data.events, None, 4, "")
    made = brief(data, data.events, max_words=whole.words() - 1)
    assert made.words() <= whole.words() - 1
    assert made.left_out >= 1


@pytest.mark.parametrize(
    ("sentences", "words", "said"),
    [
        (0, None, "--sentences must be 1 or more, not 0"),
        (None, 0, "--max-words must be 1 or more, not 0"),
        (3, 30, "give --sentences or --max-words, not both"),
    ],
)
def test_a_bad_budget_is_refused(sentences: int | None, words: int | None, said: str) -> None:
    with pytest.raises(InputError, match=said):
        brief(catalog(events=EVENTS), [], sentences=sentences, max_words=words)


def test_a_claimed_or_reported_change_is_told_as_such() -> None:
    claimed = change("town", "isil", "government", status="claimed", claimed_by="army")
    reported = change("town", "isil", "government", status="reported")
    data = catalog(
        events=[event("said", "2017-11-01", summary="On 1 November.", control=[claimed, reported])]
    )
    told = [s.text for s in compose(data, data.events, None, 1, "").paragraphs[0].sentences]
    assert told[1:] == [
        "Army claimed that control of Town had passed from Islamic State to Syrian government; "
        "the sources do not confirm it.",
        "Reportedly, control of Town passed from Islamic State to Syrian government.",
    ]


def test_a_sentence_is_never_said_twice() -> None:
    twice = [
        event(
            "a", "2017-11-01", summary="On 1 November it fell. It gives no date.", control=[TOOK]
        ),
        event(
            "b",
            "2017-11-03",
            summary="On 3 November it fell again. It gives no date.",
            control=[TOOK],
        ),
    ]
    data = catalog(events=twice)
    told = [s.text for s in compose(data, data.events, None, 2, "").sentences()]
    assert len(told) == len(set(told))
    assert (
        "Control of Town passed from Islamic State to Syrian government (on 3 November 2017)."
        in told
    )


def _dispute(topic: str, *claims: tuple[str, str | None, str]) -> dict[str, object]:
    return {
        "id": "how-much",
        "topic": topic,
        "summary": "They differ.",
        "claims": [
            {"statement": text, "source": {"article": "article-a", "section": "battle"},
             "claimant": claimant, "event": on}
            for text, claimant, on in claims
        ],
    }  # fmt: skip


def test_a_disagreement_gives_each_account_with_its_claimant_and_source() -> None:
    dispute = _dispute(
        "How much of Town fell",
        ("Forty percent fell.", "army", "taken"),
        ("The army said all of it fell.", "army", "taken"),
        ("Most of it fell.", None, "taken"),
    )
    data = catalog(events=EVENTS, disputes=[dispute])
    told = compose(data, data.events, None, 4, "").sentences()
    texts = [s.text for s in told]
    start = texts.index("Accounts differ on how much of Town fell.")
    assert texts[start + 1 : start + 4] == [
        "One account, from Army: Forty percent fell.",
        "Another account: The army said all of it fell.",
        "A third account: Most of it fell.",
    ]
    assert all(s.refs == (("article-a", "battle"),) for s in told[start : start + 4])
    assert told[start + 1].events == ("taken",)
    # Told once, at the first event it touches; a topic that asks nothing is quoted.
    assert texts.count("Accounts differ on how much of Town fell.") == 1
    other = catalog(events=EVENTS, disputes=[_dispute("Losses", ("Ten.", None, "taken"))])
    said = [s.text for s in compose(other, other.events, None, 4, "").sentences()]
    assert "Accounts differ on the losses." in said
    # A topic that starts with a name keeps its capital, quoted whole.
    named = catalog(events=EVENTS, disputes=[_dispute("Army losses", ("Ten.", None, "taken"))])
    said = [s.text for s in compose(named, named.events, None, 4, "").sentences()]
    assert "Accounts differ on this point: Army losses." in said


def test_a_claim_that_opens_with_its_claimant_is_not_attributed_twice() -> None:
    dispute = _dispute("How many died", ("The ministry: ten died.", "army", "taken"))
    data = catalog(events=EVENTS, disputes=[dispute])
    texts = [s.text for s in compose(data, data.events, None, 4, "").sentences()]
    assert "One account: The ministry: ten died." in texts


def test_competing_figures_are_side_by_side_and_never_added() -> None:
    two = [
        casualty("civilians", 3, claimant="SOHR"),
        casualty("civilians", 5, qualifier="at-least"),
    ]
    data = catalog(events=[event("toll", "2017-11-02", summary="On 2 November.", casualties=two)])
    figures = next(
        p for p in compose(data, data.events, None, 1, "").paragraphs if p.kind == "casualties"
    )
    assert [s.text for s in figures.sentences] == [
        "Competing counts of those killed among civilians in Town, not to be added: 3 on 2 "
        "November 2017, according to SOHR; at least 5 on 2 November 2017."
    ]


def test_the_ending_gives_the_holding_with_the_certainty_control_gives() -> None:
    reported = change("town", "isil", "government", status="reported")
    data = catalog(
        events=[event("taken", "2017-11-03", summary="On 3 November.", control=[reported])]
    )
    held = next(
        p for p in compose(data, data.events, "2017-11-04", 1, "").paragraphs if p.kind == "control"
    )
    assert [s.text for s in held.sentences] == [
        "At the end of 4 November 2017, Town was held by Syrian government, as reported (not "
        "stated outright)."
    ]
    assert held.sentences[0].events == ("taken",)


def test_the_listing_command_gives_every_filter_as_typed() -> None:
    from eastsyria.core.brief import events_command
    from eastsyria.core.filters import Filters

    assert events_command(Filters()) == "eastsyria events"
    typed = Filters(places=("Abu Kamal", "Hajin"), date_from="2017-11", disputed=True, limit=5)
    assert events_command(typed, "my data.json", "campaign") == (
        "eastsyria --data 'my data.json' events --from 2017-11 --place 'Abu Kamal' "
        "--place Hajin --limit 5 --disputed --source campaign"
    )


def test_a_summary_is_cut_into_sentences_but_not_after_a_title_or_an_initial() -> None:
    from eastsyria.core.brief import _sentences_of

    assert _sentences_of("Maj. Gen. Issam Zahreddine fell.  It was late. “Quoted.” (Aside)") == [
        "Maj. Gen. Issam Zahreddine fell.",
        "It was late.",
        "“Quoted.”",
        "(Aside).",
    ]
    assert _sentences_of("He said “go.” Then (it ended.)") == ["He said “go.”", "Then (it ended.)"]
    assert _sentences_of("A. B. Smith came. Then he left") == ["A. B. Smith came.", "Then he left."]


@pytest.mark.parametrize(
    ("summary", "span", "dated"),
    [
        ("On 9 November it fell.", date("2017-11-09"), True),
        ("On 19 November it fell.", date("2017-11-09"), False),
        ("It fell.", date("2017-11-09"), False),
        ("By 26 October it fell.", date("2017-10-20", "2017-10-26", qualifier="by"), True),
        ("On 20 October it began.", date("2017-10-20", "2017-10-26", qualifier="by"), True),
        ("In November it fell.", date("2017-11-01", "2017-11-30", precision="month"), True),
        ("That summer it fell.", date("2017-06-01", "2017-08-31", precision="season"), True),
        ("It fell in the spring.", date("2017-06-01", "2017-08-31", precision="season"), False),
        ("From October into November.", date("2017-10-28", "2017-11-03"), True),
    ],
)
def test_a_summary_that_names_its_date_is_not_dated_again(
    summary: str, span: dict[str, str], dated: bool
) -> None:
    from eastsyria.core.brief import _named_in

    assert _named_in(summary, span) is dated  # type: ignore[arg-type]


def test_a_split_place_names_each_holder_and_its_part() -> None:
    took_north = change("town", "isil", "government", extent="partial", part="the north")
    data = catalog(
        events=[event("north", "2017-11-03", summary="On 3 November.", control=[took_north])]
    )
    held = next(
        p for p in compose(data, data.events, None, 1, "").paragraphs if p.kind == "control"
    )
    assert held.sentences[0].text == (
        "At the end of 3 November 2017, Town was held by Syrian government (part: the north) and "
        "Islamic State (the rest)."
    )


def test_a_subgroup_and_a_range_are_said_as_claimed() -> None:
    figures = [
        casualty("government", 20, count_max=40, best=26, claimed_by="army"),
        casualty("government", 9, qualifier="at-least", subgroup="Russians",
                 period=date("2017-11-01", "2017-11-05", qualifier="between")),
    ]  # fmt: skip
    data = catalog(
        events=[event("toll", "2017-11-02", summary="On 2 November.", casualties=figures)]
    )
    told = next(
        p for p in compose(data, data.events, None, 1, "").paragraphs if p.kind == "casualties"
    )
    assert [s.text for s in told.sentences] == [
        "A count of those killed among Syrian government in Town: 20 to 40 (best estimate 26) on 2 "
        "November 2017, according to Army.",
        "A count of those killed among Syrian government (Russians) in Town: at least 9 from 1 "
        "to 5 November 2017, a part of a count above, not to be added to it.",
    ]


@pytest.mark.parametrize(
    ("made", "said"),
    [
        (
            change("town", "isil", "government", extent="partial"),
            "Control of part of Town passed from Islamic State to Syrian government.",
        ),
        (
            change("town", "isil", "government", status="claimed"),
            "It was claimed that control of Town had passed from Islamic State to Syrian "
            "government; the sources do not confirm it.",
        ),
        (
            change("town", "isil", "government", status="reported", claimed_by="army"),
            "According to Army, control of Town passed from Islamic State to Syrian government.",
        ),
        (
            change("town", "isil", "government", status="inferred"),
            "Control of Town passed from Islamic State to Syrian government, as the data infers "
            "(no text states it).",
        ),
    ],
)
def test_each_kind_of_change_is_told_as_the_data_vouches_for_it(
    made: dict[str, object], said: str
) -> None:
    from eastsyria.core.brief import control_sentence

    assert control_sentence(catalog(), made) == said  # type: ignore[arg-type]


def test_a_title_loses_its_full_stop_and_an_empty_summary_gives_no_sentence() -> None:
    data = catalog(events=[event("a", "2017-11-01", title="It  fell.", summary=" ")])
    told = [s.text for s in compose(data, data.events, None, 1, "").paragraphs[0].sentences]
    assert told == ["It fell, on 1 November 2017."]


def test_a_budget_keeps_exactly_as_many_events_as_fit() -> None:
    """Ten events of one sentence each, none ranked above another: a budget of N sentences
    tells the first N by date, N words the events whose words fit."""
    days = [f"2017-11-{day:02d}" for day in range(1, 11)]
    events = [event(f"e{n}", day, summary=f"On {n + 1} November.") for n, day in enumerate(days)]
    data = catalog(events=events)
    for budget in range(1, 11):
        made = brief(data, data.events, sentences=budget)
        assert made.told == tuple(f"e{n}" for n in range(budget)), budget
        assert made.left_out == 10 - budget
        words = brief(data, data.events, max_words=3 * budget)  # "On 1 November." is 3 words
        assert words.told == made.told, budget
    assert brief(data, data.events, sentences=11).left_out == 0
    assert brief(data, data.events, max_words=30).left_out == 0
    assert brief(data, data.events, max_words=29).left_out == 1


def test_a_budget_tells_at_most_one_event_per_sentence() -> None:
    """Events whose sentences were all said before add none: still, a budget of N sentences
    tells N events at most, so that a large selection is ranked, not read whole."""
    events = [event(f"e{n}", "2017-11-01", summary="On 1 November.") for n in range(6)]
    data = catalog(events=events)
    assert len(brief(data, data.events).sentences()) == 1  # the five others add nothing
    made = brief(data, data.events, sentences=3)
    assert made.told == ("e0", "e1", "e2")
    assert made.left_out == 3


def test_the_first_ranked_candidates_make_the_brief_of_the_whole_selection() -> None:
    from eastsyria.core.brief import candidates
    from eastsyria.core.query import Filters

    data = catalog(events=EVENTS)
    for sentences, words in ((1, None), (2, None), (6, None), (None, 3), (None, 40)):
        first, selected = candidates(data, Filters(), sentences, words)
        assert selected == len(data.events)
        assert len(first) <= (sentences or words or 0)
        whole = brief(data, data.events, sentences=sentences, max_words=words)
        made = brief(data, first, sentences=sentences, max_words=words, selected=selected)
        assert made == whole, (sentences, words)


def test_without_a_budget_a_large_selection_tells_the_first_ranked_events(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from eastsyria.core import brief as module

    monkeypatch.setattr(module, "MOST_EVENTS", 2)
    data = catalog(events=EVENTS)
    made = brief(data, data.events)
    # The two changes of control rank first; the other two are left out, and said so.
    assert made.told == ("taken", "retaken")
    assert made.left_out == 2
    assert made == brief(data, data.events, sentences=None, max_words=None)


def test_the_documented_most_events_is_the_code_s() -> None:
    from pathlib import Path

    from eastsyria.core.brief import MOST_EVENTS

    docs = (Path(__file__).parents[2] / "docs" / "disputes.md").read_text(encoding="utf-8")
    assert f"up to {MOST_EVENTS:,}; of a larger selection" in " ".join(docs.split())
