"""The documented field contract: one event (or place, actor, campaign) as a JSON object.

Every export and every renderer starts from these views, so that the table, the timeline
and the JSON always say the same thing. Field names and their order are the contract
pinned by tests/test_contract.py; add fields at the end, never rename or remove one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eastsyria.catalog import Catalog
from eastsyria.errors import InputError
from eastsyria.names import did_you_mean, suggest

if TYPE_CHECKING:
    from eastsyria.records import CasualtyRecord, EventRecord, SourceRefRecord

EVENT_FIELDS: tuple[str, ...] = (
    "id",
    "start",
    "end",
    "precision",
    "qualifier",
    "date",
    "title",
    "summary",
    "type",
    "campaign",
    "campaign_name",
    "places",
    "actors",
    "control",
    "casualties",
    "sources",
    "disputes",
)


def source_view(catalog: Catalog, ref: SourceRefRecord) -> dict[str, Any]:
    article = next((s for s in catalog.record["sources"] if s["id"] == ref["article"]), None)
    section = None
    if article is not None:
        section = next((s for s in article["sections"] if s["id"] == ref["section"]), None)
    return {
        "article": ref["article"],
        "section": ref["section"],
        "article_title": article["title"] if article else ref["article"],
        "section_title": section["title"] if section else ref["section"],
    }


def source_label(view: dict[str, Any]) -> str:
    return f"{view['article_title']} › {view['section_title']}"


def figure_text(claim: CasualtyRecord) -> str:
    count = f"{claim['count']:,}"
    if claim["count_max"] is not None:
        count = f"{count}–{claim['count_max']:,}"
    prefix = {"at-least": "at least ", "up-to": "up to ", "about": "about "}.get(
        claim["qualifier"], ""
    )
    return f"{prefix}{count} {claim['kind']}"


def casualty_view(catalog: Catalog, claim: CasualtyRecord) -> dict[str, Any]:
    period = claim["period"]
    claimant = claim["claimed_by"]
    return {
        "party": claim["party"],
        "party_name": catalog.party_name(claim["party"]),
        "kind": claim["kind"],
        "count": claim["count"],
        "count_max": claim["count_max"],
        "qualifier": claim["qualifier"],
        "figure": figure_text(claim),
        "claimed_by": claimant,
        "claimed_by_name": catalog.holder_name(claimant) if claimant else None,
        "period": None
        if period is None
        else {"start": period["earliest"], "end": period["latest"], "date": period["text"]},
        "note": claim["note"],
        "source": source_view(catalog, claim["source"]),
    }


def event_view(catalog: Catalog, event: EventRecord) -> dict[str, Any]:
    date = event["date"]
    campaign = catalog.campaigns.get(event["campaign"])
    return {
        "id": event["id"],
        "start": date["earliest"],
        "end": date["latest"],
        "precision": date["precision"],
        "qualifier": date["qualifier"],
        "date": date["text"],
        "title": event["title"],
        "summary": event["summary"],
        "type": event["type"],
        "campaign": event["campaign"],
        "campaign_name": campaign["name"] if campaign else event["campaign"],
        "places": [
            {
                "id": p["id"],
                "name": p["name"],
                "aliases": p["aliases"],
                "kind": p["kind"],
                "lat": p["lat"],
                "lon": p["lon"],
            }
            for p in (catalog.places[pid] for pid in event["places"])
        ],
        "actors": [
            {
                "id": role["actor"],
                "name": catalog.actors[role["actor"]]["name"],
                "side": catalog.actors[role["actor"]]["side"],
                "role": role["role"],
            }
            for role in event["actors"]
        ],
        "control": [
            {
                "place": change["place"],
                "place_name": catalog.places[change["place"]]["name"],
                "from": change["from"],
                "to": change["to"],
                "extent": change["extent"],
                "note": change["note"],
            }
            for change in event["control"]
        ],
        "casualties": [casualty_view(catalog, claim) for claim in event["casualties"]],
        "sources": [source_view(catalog, ref) for ref in event["sources"]],
        "disputes": [
            {"id": d["id"], "topic": d["topic"]}
            for d in catalog.disputes_by_event.get(event["id"], [])
        ],
    }


def check_fields(requested: str | None, known: tuple[str, ...]) -> tuple[str, ...]:
    """The fields named by --fields, in the order given; all of them when None."""
    if requested is None:
        return known
    names = tuple(dict.fromkeys(name.strip() for name in requested.split(",") if name.strip()))
    if not names:
        raise InputError(f"--fields {requested!r} names no field; known: {', '.join(known)}")
    for name in names:
        if name not in known:
            hint = did_you_mean(suggest(name, known))
            raise InputError(f"no field {name!r}{hint} (known: {', '.join(known)})")
    return names


def pick(view: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    return {name: view[name] for name in fields}


# -- the other collections ---------------------------------------------------------------

PLACE_FIELDS: tuple[str, ...] = (
    "id",
    "name",
    "aliases",
    "kind",
    "parent",
    "parent_name",
    "country",
    "lat",
    "lon",
    "coord_precision_km",
    "event_count",
)

ACTOR_FIELDS: tuple[str, ...] = (
    "id",
    "name",
    "aliases",
    "kind",
    "side",
    "side_name",
    "parent",
    "parent_name",
    "event_count",
)

CAMPAIGN_FIELDS: tuple[str, ...] = (
    "id",
    "name",
    "aliases",
    "codename",
    "start",
    "end",
    "date",
    "parent",
    "part_of",
    "result",
    "territory",
    "commanders",
    "units",
    "strengths",
    "casualties",
    "concurrent",
    "sources",
    "event_count",
)


def place_views(catalog: Catalog) -> list[dict[str, Any]]:
    counts = catalog.event_counts_by_place
    return [
        {
            "id": p["id"],
            "name": p["name"],
            "aliases": p["aliases"],
            "kind": p["kind"],
            "parent": p["parent"],
            "parent_name": catalog.places[p["parent"]]["name"] if p["parent"] else None,
            "country": p["country"],
            "lat": p["lat"],
            "lon": p["lon"],
            "coord_precision_km": p["coord_precision_km"],
            "event_count": counts.get(p["id"], 0),
        }
        for p in catalog.places.values()
    ]


def actor_views(catalog: Catalog) -> list[dict[str, Any]]:
    counts = catalog.event_counts_by_actor
    return [
        {
            "id": a["id"],
            "name": a["name"],
            "aliases": a["aliases"],
            "kind": a["kind"],
            "side": a["side"],
            "side_name": catalog.holder_name(a["side"]),
            "parent": a["parent"],
            "parent_name": catalog.actors[a["parent"]]["name"] if a["parent"] else None,
            "event_count": counts.get(a["id"], 0),
        }
        for a in catalog.actors.values()
    ]


def campaign_views(catalog: Catalog) -> list[dict[str, Any]]:
    counts: dict[str, int] = {}
    for event in catalog.events:
        counts[event["campaign"]] = counts.get(event["campaign"], 0) + 1
    return [
        {
            "id": c["id"],
            "name": c["name"],
            "aliases": c["aliases"],
            "codename": c["codename"],
            "start": c["date"]["earliest"],
            "end": c["date"]["latest"],
            "date": c["date"]["text"],
            "parent": c["parent"],
            "part_of": c["part_of"],
            "result": c["result"],
            "territory": c["territory"],
            "commanders": [
                {**cmd, "side_name": catalog.holder_name(cmd["side"])} for cmd in c["commanders"]
            ],
            "units": [{"id": u, "name": catalog.actors[u]["name"]} for u in c["units"]],
            "strengths": [
                {**s, "side_name": catalog.holder_name(s["side"])} for s in c["strengths"]
            ],
            "casualties": [casualty_view(catalog, claim) for claim in c["casualties"]],
            "concurrent": c["concurrent"],
            "sources": [source_view(catalog, ref) for ref in c["sources"]],
            # As `--campaign` counts them: with the campaigns inside it.
            "event_count": sum(counts.get(i, 0) for i in catalog.campaigns_within(c["id"])),
        }
        for c in catalog.campaigns.values()
    ]
