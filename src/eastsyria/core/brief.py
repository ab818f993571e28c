"""`brief`: the story of some events as cited prose, made from the data alone.

A brief is paragraphs of sentences. Each `Sentence` is its text, the ids of the events it
tells and the source sections it cites (an article's section, or an imported row, which
`contract.brief` cites as its dataset): the renderers (text, Markdown, HTML, JSON) only set
them out. Nothing is written that the data does not hold: an event is told by its own
summary (the project's words, never the articles'), its date as its span records it
(`date_phrase`: "by 16 October 2017", "some day between 23 and 26 October 2017"), the
changes of control it records (a part as the data words it), and the disagreements about it,
each claim with its own source. The brief ends with who held each place at the end of the
period, as sure as `control --on` is of it (`core.standing`), and the casualty figures side
by side, in the groups `casualties` makes of competing ones (`core.claims`), never added.

A budget (`--sentences`, `--max-words`) keeps the most important events, by `RANKING`, and
tells them in date order; the brief says how many it left out.
"""

from __future__ import annotations

import datetime as dt
import re
from calendar import monthrange
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from eastsyria.core.calendar import MONTH_NAMES, season_of
from eastsyria.errors import InputError

if TYPE_CHECKING:
    from eastsyria.core.catalog import Catalog
    from eastsyria.core.claims import Casualty
    from eastsyria.core.control import Share
    from eastsyria.core.filters import Filters
    from eastsyria.data.records import (
        CasualtyRecord,
        ControlRecord,
        DateSpanRecord,
        DisputeRecord,
        EventRecord,
    )

# A source section as cited: (article id, section id).
Ref = tuple[str, str]

# The citation styles of `brief --cite-style`: numbered references (the default), a
# footnote per sentence, or pandoc's citation keys (the ids `cite --format csl-json` writes).
CITE_STYLES = ("numbered", "footnotes", "pandoc")


class Rank(NamedTuple):
    """One step of the ranking a budget keeps events by: its name, what it says in the help
    and the docs, and its test of an event."""

    name: str
    about: str
    test: Callable[[Catalog, EventRecord], bool]


# What a brief keeps first when it cannot tell every event, first to last; events of one
# rank by date. The kept events are then told in date order.
RANKING: tuple[Rank, ...] = (
    Rank(
        "control",
        "captures and other changes of who held a place",
        lambda _, e: bool(e["control"]),
    ),
    Rank("casualties", "events with casualty figures", lambda _, e: bool(e["casualties"])),
    Rank(
        "disputed",
        "events the sources disagree about",
        lambda c, e: e["id"] in c.disputes_by_event,
    ),
    Rank("other", "every other event", lambda _, __: True),
)


def rank_of(catalog: Catalog, event: EventRecord) -> int:
    """The event's place in `RANKING` (0: first kept)."""
    return next(n for n, rank in enumerate(RANKING) if rank.test(catalog, event))


def ranking_text() -> str:
    """The rule in words, for the help and the docs: 'captures ..., then ..., then ...'."""
    return ", then ".join(rank.about for rank in RANKING)


class Sentence(NamedTuple):
    """One sentence: its text, the events it tells and the sections it cites."""

    text: str
    events: tuple[str, ...]
    refs: tuple[Ref, ...]


class Paragraph(NamedTuple):
    """Sentences told together: an event's (`kind` 'event'), the holders at the end
    ('control') or the casualty figures ('casualties')."""

    kind: str
    sentences: tuple[Sentence, ...]


class Brief(NamedTuple):
    """A brief: its paragraphs, the day it ends on, how many events were selected and
    told, and the command that lists the selection (named when some are left out)."""

    paragraphs: tuple[Paragraph, ...]
    end: str | None
    selected: int
    told: tuple[str, ...]
    listing: str

    @property
    def left_out(self) -> int:
        return self.selected - len(self.told)

    def sentences(self) -> list[Sentence]:
        return [s for p in self.paragraphs for s in p.sentences]

    def words(self) -> int:
        return sum(len(s.text.split()) for s in self.sentences())


# -- dates -----------------------------------------------------------------------------------


def _day(day: dt.date, year: bool = True) -> str:
    told = f"{day.day} {MONTH_NAMES[day.month - 1]}"
    return f"{told} {day.year}" if year else told


def _two_days(first: dt.date, last: dt.date, joiner: str) -> str:
    """'23 and 26 October 2017', '28 October and 3 November 2017', '30 December 2017 and 2
    January 2018': two days, each part said once."""
    if first.year != last.year:
        return f"{_day(first)}{joiner}{_day(last)}"
    if first.month != last.month:
        return f"{_day(first, False)}{joiner}{_day(last)}"
    return f"{first.day}{joiner}{_day(last)}"


def date_phrase(date: DateSpanRecord) -> str:
    """A date as its span records it, to follow a clause: 'on 9 November 2017', 'late on 9
    November 2017', 'by 16 October 2017', 'some day between 23 and 26 October 2017', 'around
    25 or 26 October 2017', 'early in November 2017', 'in summer 2017'. Never a day the span
    does not give."""
    first, last = dt.date.fromisoformat(date["earliest"]), dt.date.fromisoformat(date["latest"])
    precision, qualifier = date["precision"], date["qualifier"]
    if first == last:
        return f"late on {_day(first)}" if qualifier == "late" else f"on {_day(first)}"
    if qualifier == "by":
        return f"by {_day(last)}"
    if qualifier == "from":
        return f"from {_day(first)}"
    if qualifier == "until":
        return f"until {_day(last)}"
    if precision == "month-part" and qualifier in ("early", "mid", "late"):
        month = f"{MONTH_NAMES[first.month - 1]} {first.year}"
        return f"in mid-{month}" if qualifier == "mid" else f"{qualifier} in {month}"
    if precision == "season":
        return f"in {season_of(date['earliest'], date['latest'])}"
    whole_month = first.day == 1 and last.day == monthrange(last.year, last.month)[1]
    if (
        precision == "month"
        and whole_month
        and (first.year, first.month) == (last.year, last.month)
    ):
        return f"in {MONTH_NAMES[first.month - 1]} {first.year}"
    if precision == "year" and (first.month, first.day, last.month, last.day) == (1, 1, 12, 31):
        return (
            f"in {first.year}" if first.year == last.year else f"from {first.year} to {last.year}"
        )
    if precision == "approximate" or qualifier == "around":
        joiner = " or " if (last - first).days == 1 else " to "
        return f"around {_two_days(first, last, joiner)}"
    if qualifier == "during":
        return f"some time between {_two_days(first, last, ' and ')}"
    return f"some day between {_two_days(first, last, ' and ')}"


def _named_in(text: str, date: DateSpanRecord) -> bool:
    """Whether a text already says the date: a day of its span with its month, its month,
    or its season."""
    first, last = dt.date.fromisoformat(date["earliest"]), dt.date.fromisoformat(date["latest"])
    if date["precision"] in ("month", "month-part", "season", "year") or first.month != last.month:
        months = {MONTH_NAMES[first.month - 1], MONTH_NAMES[last.month - 1]}
        seasons = {season_of(date["earliest"], date["latest"]).split()[0]}
        return any(word in text or word.capitalize() in text for word in months | seasons)
    month = MONTH_NAMES[last.month - 1]
    days = {str(first.day), str(last.day)}
    return any(re.search(rf"\b{day} {month}\b", text) for day in days)


# -- sentences -------------------------------------------------------------------------------


# Words with a full stop that end no sentence: titles and ranks before a name.
_ABBREVIATIONS = frozenset(
    [
        "Maj",
        "Gen",
        "Lt",
        "Col",
        "Brig",
        "Capt",
        "Sgt",
        "Dr",
        "Mr",
        "Mrs",
        "Ms",
        "St",
        "No",
        "Adm",
        "Cpt",
        "Cmdr",
        "Gov",
        "Pres",
        "Sen",
        "Rep",
        "Jr",
        "Sr",
        "vs",
    ]
)


def _sentences_of(text: str) -> list[str]:
    """A summary cut into its sentences: at a full stop, question or exclamation mark
    followed by a capital, but not after a title ('Maj. Gen. Issam') or an initial."""
    # After a full stop, or one inside a closing quote or bracket ('“go.” Then').
    parts = re.split(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[A-Z\"“(])", " ".join(text.split()))
    found: list[str] = []
    for part in parts:
        last = found[-1].rsplit(" ", 1)[-1].rstrip(".") if found else ""
        if (
            found
            and found[-1].endswith(".")
            and (last in _ABBREVIATIONS or re.fullmatch(r"[A-Z]", last))
        ):
            found[-1] = f"{found[-1]} {part}"
        else:
            found.append(part)
    return [
        part if part.rstrip('"”’)').endswith((".", "!", "?")) else f"{part}."
        for part in found
        if part
    ]


def _refs(refs: Iterable[Ref]) -> tuple[Ref, ...]:
    return tuple(dict.fromkeys(refs))


def _event_refs(event: EventRecord) -> tuple[Ref, ...]:
    return _refs((ref["article"], ref["section"]) for ref in event["sources"])


def _place(catalog: Catalog, place_id: str) -> str:
    return catalog.place_label(place_id) if place_id in catalog.places else place_id


def _actor(catalog: Catalog, actor_id: str | None) -> str:
    if actor_id is None:
        return ""
    return catalog.holder_name(actor_id)


def control_sentence(catalog: Catalog, change: ControlRecord) -> str:
    """'Control of Abu Kamal passed from A to B.', of a part as the data words it, or as a
    report or an unconfirmed claim, as the data vouches for it."""
    place = _place(catalog, change["place"])
    whom = f"from {catalog.holder_name(change['from'])} to {catalog.holder_name(change['to'])}"
    if change["extent"] == "partial":
        part = change.get("part")
        what = f"control of part of {place} ({part})" if part else f"control of part of {place}"
    else:
        what = f"control of {place}"
    status, by = change["status"], _actor(catalog, change["claimed_by"])
    if status == "claimed":
        said = f"{by} claimed" if by else "It was claimed"
        return f"{said} that {what} had passed {whom}; the sources do not confirm it."
    if status == "reported":
        lead = f"According to {by}, {what}" if by else f"Reportedly, {what}"
        return f"{lead} passed {whom}."
    if status == "inferred":
        return f"{what[0].upper()}{what[1:]} passed {whom}, as the data infers (no text states it)."
    return f"{what[0].upper()}{what[1:]} passed {whom}."


_ASKING = frozenset({"when", "how", "whether", "who", "what", "where", "which", "why"})
_ORDINALS = ("One account", "Another account", "A third account", "A fourth account")


def _starts_a_name(catalog: Catalog, word: str) -> bool:
    """Whether `word` is the first word of a name of an actor, a place or a side."""
    records: list[Any] = [*catalog.actors.values(), *catalog.places.values()]
    names = [n for r in records for n in (r["name"], *r.get("aliases", ()))]
    names += catalog.side_names.values()
    wanted = word.casefold()
    return any(n.split(" ", 1)[0].casefold() == wanted for n in names if n)


def _topic_sentence(catalog: Catalog, topic: str) -> str:
    first, _, rest = topic.partition(" ")
    if first.lower() in _ASKING:
        return f"Accounts differ on {first.lower()} {rest}".rstrip() + "."
    # "Losses in the attack" reads "Accounts differ on the losses in the attack"; a topic
    # that starts with a name ("IS", "Hezbollah's") keeps its capital and is quoted whole.
    if first[1:].islower() and not _starts_a_name(catalog, first):
        return f"Accounts differ on the {first.lower()} {rest}".rstrip() + "."
    return f"Accounts differ on this point: {topic}."


def _names_of(catalog: Catalog, actor_id: str) -> list[str]:
    actor = catalog.actors.get(actor_id)
    if actor is None:
        return [catalog.holder_name(actor_id)]
    return [actor["name"], *actor["aliases"]]


def dispute_sentences(catalog: Catalog, dispute: DisputeRecord) -> list[Sentence]:
    """The disagreement: its topic, then each claim with its claimant and its own source."""
    events = tuple(dict.fromkeys(c["event"] for c in dispute["claims"] if c["event"]))
    refs = _refs((c["source"]["article"], c["source"]["section"]) for c in dispute["claims"])
    found = [Sentence(_topic_sentence(catalog, dispute["topic"]), events, refs)]
    for n, claim in enumerate(dispute["claims"]):
        lead = _ORDINALS[n] if n < len(_ORDINALS) else "Yet another account"
        claimant = claim.get("claimant")
        statement = claim["statement"].casefold()
        # "SOHR: 35 died" names its claimant already, as does a statement with its name.
        named = ":" in " ".join(claim["statement"].split()[:4])
        if (
            claimant
            and not named
            and not any(name.casefold() in statement for name in _names_of(catalog, claimant))
        ):
            lead += f", from {catalog.holder_name(claimant)}"
        told = (claim["event"],) if claim["event"] else events
        ref = (claim["source"]["article"], claim["source"]["section"])
        found.append(Sentence(f"{lead}: {' '.join(claim['statement'].split())}", told, (ref,)))
    return found


def event_sentences(catalog: Catalog, event: EventRecord, told: set[str]) -> list[Sentence]:
    """An event told: its summary (or, where that does not date it, its title with its
    date first), its changes of control, the disagreements about it. A sentence already in
    `told` is not said again: a disagreement is told at the first event it touches, and a
    change of control told before is told with its date."""
    refs, ids = _event_refs(event), (event["id"],)
    summary = _sentences_of(event["summary"])
    made: list[Sentence] = []
    if not summary or not _named_in(event["summary"], event["date"]):
        title = " ".join(event["title"].split()).rstrip(".")
        made.append(Sentence(f"{title}, {date_phrase(event['date'])}.", ids, refs))
    made += [Sentence(text, ids, refs) for text in summary]
    for change in event["control"]:
        said = control_sentence(catalog, change)
        if said in told or any(s.text == said for s in made):
            said = f"{said[:-1]} ({date_phrase(event['date'])})."
        made.append(Sentence(said, ids, refs))
    for dispute in catalog.disputes_by_event.get(event["id"], []):
        made += dispute_sentences(catalog, dispute)
    found = []
    for sentence in made:
        if sentence.text not in told:
            told.add(sentence.text)
            found.append(sentence)
    return found


# -- the ending ------------------------------------------------------------------------------

_CERTAINTY_WORDS = {
    "certain": "",
    "reported": ", as reported (not stated outright)",
    "inferred": ", as inferred from the text (not stated)",
    "possible": ", though it may already have changed hands",
    "contested": ", though the sources disagree about it",
}


def _held(catalog: Catalog, shares: Iterable[Share]) -> str:
    """'Syrian government and allies', or of a split place 'A (the rest) and B (part: the
    north)', as `control --on` words each share."""
    parts = []
    for share in shares:
        name = catalog.holder_name(share.holder)
        if share.extent == "full":
            parts.append(name)
        else:
            parts.append(f"{name} (part: {share.part})" if share.part else f"{name} (the rest)")
    return " and ".join(parts)


def holding_sentences(catalog: Catalog, places: Iterable[str], day: str) -> list[Sentence]:
    """Who held each place at the end of `day`, with the certainty `control --on` gives,
    citing the events the holding rests on (or, where the data does not say, the place's
    first change)."""
    from eastsyria.core.standing import standing

    found: list[Sentence] = []
    when = _day(dt.date.fromisoformat(day))
    for place_id in places:
        stood = standing(catalog, place_id, day)
        cited = [b.event for b in stood.rests_on if b.event is not None]
        cited += [c.event for c in stood.pending]
        if stood.begun is not None:
            cited.insert(0, stood.begun.event)
        if stood.first_change is not None:
            cited.append(stood.first_change.event)
        if not cited:
            continue  # held since before the data begins, on no event it cites
        refs = _refs(r for event in cited for r in _event_refs(event))
        ids = tuple(dict.fromkeys(event["id"] for event in cited))
        place = _place(catalog, place_id)
        if not stood.shares:
            text = f"The data does not say who held {place} at the end of {when}."
        else:
            # Whoever took it first, as `control --on` leads with it.
            lead = stood.lead
            held = _held(catalog, sorted(stood.shares, key=lambda share: share != lead))
            # The day is said once, in the first sentence.
            text = (
                f"{place} was held by {held}"
                if found
                else f"At the end of {when}, {place} was held by {held}"
            )
            text += _CERTAINTY_WORDS.get(stood.certainty, "") + "."
            text = text[0].upper() + text[1:]  # al-Husayniyah, at a sentence's start
        found.append(Sentence(text, ids, refs))
    return found


_FIGURE_PREFIXES = {"at-least": "at least ", "up-to": "up to ", "about": "about "}


def figure_words(claim: CasualtyRecord) -> str:
    """'at least 601', '20 to 40 (best estimate 26)': the figure as claimed, never rounded."""
    count = f"{claim['count']:,}"
    if claim["count_max"] is not None:
        count = f"{count} to {claim['count_max']:,}"
    told = f"{_FIGURE_PREFIXES.get(claim['qualifier'], '')}{count}"
    best = claim.get("best")
    return (
        told if best is None or claim["count_max"] is None else f"{told} (best estimate {best:,})"
    )


def _claimant(catalog: Catalog, claim: CasualtyRecord) -> str:
    if claim.get("claimed_by"):
        return catalog.holder_name(claim["claimed_by"] or "")
    return " ".join((claim.get("claimant") or "").split())


def _whose(catalog: Catalog, claim: CasualtyRecord) -> str:
    """'killed among civilians', 'killed among ISIL (Russians)'; of everyone, 'killed'."""
    sub = claim.get("subgroup")
    if claim["party"] == "all" and not sub:
        return claim["kind"]
    party = catalog.party_name(claim["party"])
    return f"{claim['kind']} among {party} ({sub})" if sub else f"{claim['kind']} among {party}"


def period_phrase(date: DateSpanRecord) -> str:
    """The days a count covers: 'on 9 November 2017', 'from 16 to 28 November 2017'; a
    bound as `date_phrase` says it ('by 5 December 2017')."""
    first, last = dt.date.fromisoformat(date["earliest"]), dt.date.fromisoformat(date["latest"])
    spread = date["precision"] == "range" and date["qualifier"] in ("between", "during")
    if first == last or not spread:
        return date_phrase(date)
    return f"from {_two_days(first, last, ' to ')}"


def _figure_clause(catalog: Catalog, figure: Casualty) -> str:
    """'399 from 16 to 28 November 2017, according to SOHR': a figure with its days and
    who claims it."""
    claim = figure.claim
    text = figure_words(claim)
    period = claim.get("period")
    if period is not None:
        text += f" {period_phrase(period)}"
    elif figure.event is not None:
        text += f" {period_phrase(figure.event['date'])}"
    who = _claimant(catalog, claim)
    return f"{text}, according to {who}" if who else text


def casualty_sentences(catalog: Catalog, events: list[EventRecord]) -> list[Sentence]:
    """The events' casualty figures, a sentence per group `competing_groups` makes: a figure
    alone, or competing figures side by side, never added together."""
    from eastsyria.core.claims import competing_groups, event_casualties

    found = []
    for group in competing_groups(catalog, event_casualties(events)):
        first = group.casualties[0]
        claim = first.claim
        places = first.event["places"][:2] if first.event is not None else []
        where = " and ".join(_place(catalog, p) for p in places)
        whose = _whose(catalog, claim) + (f" in {where}" if where else "")
        clauses = [_figure_clause(catalog, f) for f in group.casualties]
        if group.competing:
            text = f"Competing counts of those {whose}, not to be added: {'; '.join(clauses)}"
        else:
            text = f"A count of those {whose}: {clauses[0]}"
        # A part of another group's losses (SOHR's Russians of its pro-government dead).
        text += (
            ", a part of a count above, not to be added to it."
            if group.part_of is not None
            else "."
        )
        refs = _refs(
            (f.claim["source"]["article"], f.claim["source"]["section"]) for f in group.casualties
        )
        ids = tuple(dict.fromkeys(f.event["id"] for f in group.casualties if f.event is not None))
        found.append(Sentence(text, ids, refs))
    return found


# -- the brief -------------------------------------------------------------------------------


def _places_held(catalog: Catalog, events: list[EventRecord]) -> list[str]:
    """The places of the events that some change of control names, in the order first
    named."""
    from eastsyria.core.control import changes_by_place, claims_by_place

    chained = changes_by_place(catalog).keys() | claims_by_place(catalog).keys()
    named = (p for e in events for p in [*e["places"], *(c["place"] for c in e["control"])])
    return [p for p in dict.fromkeys(named) if p in chained]


def compose(
    catalog: Catalog, events: list[EventRecord], end: str | None, selected: int, listing: str
) -> Brief:
    """The brief of `events` (chronological), told whole."""
    told: set[str] = set()
    paragraphs = [Paragraph("event", tuple(event_sentences(catalog, e, told))) for e in events]
    day = end or max((e["date"]["latest"] for e in events), default=None)
    if day is not None:
        held = holding_sentences(catalog, _places_held(catalog, events), day)
        if held:
            paragraphs.append(Paragraph("control", tuple(held)))
    figures = casualty_sentences(catalog, events)
    if figures:
        paragraphs.append(Paragraph("casualties", tuple(figures)))
    kept = tuple(e["id"] for e in events)
    return Brief(tuple(p for p in paragraphs if p.sentences), day, selected, kept, listing)


# Without a budget a brief tells every event it selects up to this many; past it, the first
# this many by `RANKING`, and says so: a brief of a million events is no brief.
MOST_EVENTS = 1000


def budget_cap(sentences: int | None, max_words: int | None) -> int:
    """The most events a budget may tell: an event told is a sentence and a word at least;
    without a budget, `MOST_EVENTS`."""
    if sentences is not None:
        return sentences
    return max_words if max_words is not None else MOST_EVENTS


def rank_key(catalog: Catalog, event: EventRecord) -> tuple[int, str, str, str]:
    """Where the event stands in the order a budget keeps events: by rank, then by date."""
    date = event["date"]
    return rank_of(catalog, event), date["earliest"], date["latest"], event["id"]


def candidates(
    catalog: Catalog, filters: Filters, sentences: int | None, max_words: int | None
) -> tuple[list[EventRecord], int]:
    """(the selected events a brief within the budget may tell, how many were selected).

    Within a budget only the events that rank first can be told, as many as the budget's
    cap: a large file's store ranks the selection from its events' columns and only those
    are read whole; the brief made of them is the brief of the whole selection."""
    import heapq

    from eastsyria.core.query import build_query, decided_by_source, run, selection
    from eastsyria.data.store import Store

    cap = budget_cap(sentences, max_words)
    query = build_query(catalog, filters)
    source = catalog.source
    # --limit keeps the first of the selection by date: the whole query then picks them.
    decided = decided_by_source(query) and query.limit is None
    if isinstance(source, Store) and decided:
        from eastsyria.data.sketches import stored_ranks

        rows = stored_ranks(source, selection(catalog, query))
        disputed = catalog.disputes_by_event

        def key(row: tuple[str, str, str, bool, bool]) -> tuple[int, str, str, str]:
            event_id, earliest, latest, control, casualties = row
            # As `RANKING` ranks a record: control, casualties, disputed, the rest.
            rank = 0 if control else 1 if casualties else 2 if event_id in disputed else 3
            return rank, earliest, latest, event_id

        first = heapq.nsmallest(cap, rows, key=key)
        by_id = source.events_by_id()
        return [by_id[row[0]] for row in first], len(rows)
    found = run(catalog, query)
    if len(found) > cap:
        return heapq.nsmallest(cap, found, key=lambda e: rank_key(catalog, e)), len(found)
    return found, len(found)


def check_budget(sentences: int | None, max_words: int | None) -> None:
    if sentences is not None and max_words is not None:
        raise InputError("give --sentences or --max-words, not both")
    if sentences is not None and sentences < 1:
        raise InputError(f"--sentences must be 1 or more, not {sentences}")
    if max_words is not None and max_words < 1:
        raise InputError(f"--max-words must be 1 or more, not {max_words}")


def brief(
    catalog: Catalog,
    events: list[EventRecord],
    *,
    end: str | None = None,
    sentences: int | None = None,
    max_words: int | None = None,
    listing: str = "",
    selected: int | None = None,
) -> Brief:
    """The brief of the selected `events` (chronological), ending on `end` (else the last
    event's day): every event told (up to `MOST_EVENTS`), or within a budget of sentences or
    words, the most events that rank first by `RANKING` that fit (by date within a rank;
    always at least one), told in date order."""
    check_budget(sentences, max_words)
    selected = len(events) if selected is None else selected
    # Told in date order, whatever order the selection came in (--reverse, --sort distance).
    events = sorted(events, key=lambda e: (e["date"]["earliest"], e["date"]["latest"], e["id"]))
    cap = budget_cap(sentences, max_words)
    # Each event is a sentence at least: more events than sentences never fit whole.
    if len(events) == selected and len(events) <= cap:
        whole = compose(catalog, events, end, selected, listing)
        if (sentences is None or len(whole.sentences()) <= sentences) and (
            max_words is None or whole.words() <= max_words
        ):
            return whole
    order = sorted(range(len(events)), key=lambda i: rank_of(catalog, events[i]))

    def fits(made: Brief) -> bool:
        if sentences is not None:
            return len(made.sentences()) <= sentences
        if max_words is not None:
            return made.words() <= max_words
        return len(made.told) <= MOST_EVENTS

    def first(count: int) -> Brief:
        """The brief of the `count` events that rank first, told in date order."""
        kept = sorted(order[:count])
        return compose(catalog, [events[i] for i in kept], end, selected, listing)

    if sentences is None and max_words is None:
        return first(min(cap, len(events)))
    # The most that fit: a brief only grows with another event, so the count is found by
    # halving (a few briefs made, not one per event); at least one event is told. Given only
    # the first of the selection (`candidates`), all of them may fit.
    low, high = 1, min(cap, len(events) - 1 if len(events) == selected else len(events))
    while low < high:
        middle = (low + high + 1) // 2
        if fits(first(middle)):
            low = middle
        else:
            high = middle - 1
    return first(low)


def events_command(filters: Filters, data: str | None = None, source: str | None = None) -> str:
    """The `eastsyria events ...` command that lists the events these filters select."""
    import shlex

    from eastsyria.core.filters import OPTIONS

    words = ["eastsyria"]
    if data is not None:
        words += ["--data", data]
    words.append("events")
    for name, option in OPTIONS.items():
        value = getattr(filters, name)
        if value == option.typed(option.default):
            continue
        if option.metavar is None:
            words.append(option.flags[0])
            continue
        for item in value if option.many else (value,):
            words += [option.flags[0], str(item)]
    if source is not None:
        words += ["--source", source]
    return " ".join(shlex.quote(word) for word in words)
