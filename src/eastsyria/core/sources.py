"""The dataset as one article tells it: `--source ARTICLE` on every command.

`resolve_article` reads what a user typed for an article; `as_told_by` keeps only what that
article says: the events it cites (with its own sections and its own date for each), its
casualty claims, its claims in the disagreements (a disagreement left with one claim is no
longer one), its campaigns' infobox figures and its places' starting holders. Control changes
belong to events and go with them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from eastsyria.core.names import did_you_mean, fold, fold_words, suggest
from eastsyria.errors import InputError

if TYPE_CHECKING:
    from eastsyria.data.records import (
        CampaignRecord,
        DatasetRecord,
        DateSpanRecord,
        DisputeRecord,
        EventRecord,
        PlaceRecord,
    )


def resolve_article(sources: Iterable[Mapping[str, Any]], typed: str) -> str:
    """The id of the article `typed` names: its id or title, a unique start of either, or a
    unique word of either ("campaign", "offensive"); else one line with what was meant."""
    articles = {str(s["id"]): str(s["title"]) for s in sources}
    key = fold(typed)
    words = fold_words(typed)
    if not key:
        raise InputError(f"empty article name; choose from: {', '.join(articles)}")
    exact = [a for a, title in articles.items() if key in (fold(a), fold(title))]
    if exact:
        return exact[0]

    def matches(label: str) -> bool:
        return fold(label).startswith(key) or f" {words} " in f" {fold_words(label)} "

    found = [a for a, title in articles.items() if matches(a) or matches(title)]
    if len(found) == 1:
        return found[0]
    if found:
        raise InputError(
            f"article {typed!r} could be any of: {', '.join(found)}; type more of its id"
        )
    close = suggest(typed, [*articles, *articles.values()])
    meant = list(dict.fromkeys(a for a, t in articles.items() for c in close if c in (a, t)))
    hint = did_you_mean(meant) or f"; choose from: {', '.join(articles)}"
    return _unknown(typed, hint)


def _unknown(typed: str, hint: str) -> str:
    raise InputError(f"no article {typed!r} in this dataset{hint}")


def article_date(event: EventRecord, article: str) -> DateSpanRecord:
    """The date `article` gives the event: its own where the articles differ, else the
    event's."""
    for dated in event.get("dated_by", []):
        if dated["article"] == article:
            return dated["date"]
    return event["date"]


def cites(event: EventRecord, article: str) -> bool:
    return any(ref["article"] == article for ref in event["sources"])


def _told_event(event: EventRecord, article: str) -> EventRecord:
    told: EventRecord = {
        **event,
        "date": article_date(event, article),
        "casualties": [c for c in event["casualties"] if c["source"]["article"] == article],
        "sources": [ref for ref in event["sources"] if ref["article"] == article],
        "dated_by": [d for d in event.get("dated_by", []) if d["article"] == article],
    }
    return told


def _told_disputes(
    disputes: list[DisputeRecord], article: str, events: set[str]
) -> list[DisputeRecord]:
    """Each disagreement with only `article`'s claims, where two or more remain."""
    kept: list[DisputeRecord] = []
    for dispute in disputes:
        claims = [
            {**claim, "event": claim["event"] if claim["event"] in events else None}
            for claim in dispute["claims"]
            if claim["source"]["article"] == article
        ]
        if len(claims) >= 2:
            kept.append({**dispute, "claims": claims})  # type: ignore[typeddict-item]
    return kept


def _with_ancestors(wanted: set[str], parents: Mapping[str, str | None]) -> set[str]:
    found = set(wanted)
    for item in wanted:
        current = parents.get(item)
        while current is not None and current not in found:
            found.add(current)
            current = parents.get(current)
    return found


# What a campaign keeps of its infobox under an article that does not cite it: nothing.
_NO_INFOBOX: dict[str, Any] = {
    "codename": None,
    "part_of": [],
    "result": "",
    "territory": None,
    "commanders": [],
    "units": [],
    "strengths": [],
    "casualties": [],
    "concurrent": [],
    "sources": [],
}


def _told_campaigns(
    campaigns: list[CampaignRecord], article: str, events: list[EventRecord]
) -> list[CampaignRecord]:
    """The campaigns the article cites, with its figures; and, as bare names, those that
    hold its events or contain one that does (their infobox is another article's)."""
    cited = {c["id"] for c in campaigns if any(r["article"] == article for r in c["sources"])}
    parents = {c["id"]: c["parent"] for c in campaigns}
    named = _with_ancestors(cited | {e["campaign"] for e in events}, parents)
    kept: list[CampaignRecord] = []
    for campaign in campaigns:
        if campaign["id"] in cited:
            casualties = [c for c in campaign["casualties"] if c["source"]["article"] == article]
            sources = [r for r in campaign["sources"] if r["article"] == article]
            kept.append({**campaign, "casualties": casualties, "sources": sources})
        elif campaign["id"] in named:
            kept.append({**campaign, **_NO_INFOBOX})  # type: ignore[typeddict-item]
    return kept


def _told_places(
    places: list[PlaceRecord], article: str, events: list[EventRecord]
) -> list[PlaceRecord]:
    """The places the article's events name or whose first holder it states, with what
    they lie inside or around; starting holders only where the article states them."""
    held = {
        p["id"]: [h for h in p["held_at_start"] if h["source"]["article"] == article]
        for p in places
    }
    wanted = {p for e in events for p in e["places"]} | {p for p, h in held.items() if h}
    parents = {p["id"]: p["parent"] for p in places}
    surrounds = {p["id"]: p["surrounds"] for p in places}
    grown = True
    while grown:
        more = _with_ancestors(wanted, parents)
        more |= {s for p in more if (s := surrounds.get(p)) is not None}
        grown = more != wanted
        wanted = more
    return [{**p, "held_at_start": held[p["id"]]} for p in places if p["id"] in wanted]


def _named_actors(told: DatasetRecord) -> set[str]:
    """Every actor the told dataset names: in its events, claims, holdings and infoboxes."""
    named: set[str] = set()
    for event in told["events"]:
        named |= {role["actor"] for role in event["actors"]}
        for change in event["control"]:
            named |= {change["from"], change["to"], change["claimed_by"] or ""}
        named |= {c["claimed_by"] or "" for c in event["casualties"]} | {
            c["party"] for c in event["casualties"]
        }
    for campaign in told["campaigns"]:
        named |= {c["actor"] or "" for c in campaign["commanders"]} | set(campaign["units"])
        named |= {s["unit"] or "" for s in campaign["strengths"]}
        named |= {c["claimed_by"] or "" for c in campaign["casualties"]}
    named |= {h["holder"] for p in told["places"] for h in p["held_at_start"]}
    named |= {c["claimant"] or "" for d in told["disputes"] for c in d["claims"]}
    return named


def as_told_by(record: DatasetRecord, article: str) -> DatasetRecord:
    """The dataset with only what `article` (a source id) says; `record` is left as it is."""
    events = [_told_event(e, article) for e in record["events"] if cites(e, article)]
    events.sort(key=lambda e: (e["date"]["earliest"], e["date"]["latest"], e["id"]))
    event_ids = {e["id"] for e in events}
    told: DatasetRecord = {
        **record,
        "sources": [s for s in record["sources"] if s["id"] == article],
        "campaigns": _told_campaigns(record["campaigns"], article, events),
        "places": _told_places(record["places"], article, events),
        "events": events,
        "disputes": _told_disputes(record["disputes"], article, event_ids),
    }
    parents = {a["id"]: a["parent"] for a in record["actors"]}
    actors = _with_ancestors(_named_actors(told) & set(parents), parents)
    told["actors"] = [a for a in record["actors"] if a["id"] in actors]
    return told
