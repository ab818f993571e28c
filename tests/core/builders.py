"""Small datasets built in Python, as the validated cache would hand them to the core.

Each core test builds the few places, actors and events it is about, so that every expected
value can be read off the test itself. Defaults make a valid record; keywords change it.
"""

from __future__ import annotations

import copy
from typing import Any

from eastsyria.core.catalog import Catalog

SOURCE = {"article": "article-a", "section": "battle"}


def date(
    earliest: str,
    latest: str | None = None,
    *,
    precision: str | None = None,
    qualifier: str = "on",
    text: str | None = None,
) -> dict[str, Any]:
    latest = latest or earliest
    return {
        "earliest": earliest,
        "latest": latest,
        "precision": precision or ("day" if earliest == latest else "range"),
        "qualifier": qualifier,
        "text": text or (earliest if earliest == latest else f"{earliest} to {latest}"),
    }


def place(
    place_id: str, *, parent: str | None = None, lat: float = 34.0, lon: float = 40.0, **extra: Any
) -> dict[str, Any]:
    return {
        "id": place_id,
        "name": extra.pop("name", place_id.replace("-", " ").title()),
        "aliases": extra.pop("aliases", []),
        "kind": extra.pop("kind", "town"),
        "parent": parent,
        "surrounds": extra.pop("surrounds", None),
        "held_at_start": extra.pop("held_at_start", []),
        "country": "Syria",
        "lat": lat,
        "lon": lon,
        "coord_precision_km": extra.pop("coord_precision_km", 1.0),
        "coord_note": extra.pop("coord_note", None),
        **extra,
    }


def actor(actor_id: str, side: str, *, parent: str | None = None, **extra: Any) -> dict[str, Any]:
    return {
        "id": actor_id,
        "name": extra.pop("name", actor_id.replace("-", " ").title()),
        "aliases": extra.pop("aliases", []),
        "kind": extra.pop("kind", "force"),
        "side": side,
        "parent": parent,
        **extra,
    }


def casualty(party: str, count: int, **extra: Any) -> dict[str, Any]:
    return {
        "party": party,
        "subgroup": extra.pop("subgroup", None),
        "kind": extra.pop("kind", "killed"),
        "count": count,
        "count_max": extra.pop("count_max", None),
        "best": extra.pop("best", None),
        "qualifier": extra.pop("qualifier", "exact"),
        "claimed_by": extra.pop("claimed_by", None),
        "claimant": extra.pop("claimant", None),
        "period": extra.pop("period", None),
        "note": extra.pop("note", None),
        "source": extra.pop("source", SOURCE),
    }


def change(place_id: str, from_: str, to: str, **extra: Any) -> dict[str, Any]:
    return {
        "place": place_id,
        "from": from_,
        "to": to,
        "extent": extra.pop("extent", "full"),
        "part": extra.pop("part", None),
        "from_part": extra.pop("from_part", None),
        "status": extra.pop("status", "stated"),
        "basis": extra.pop("basis", None),
        "claimed_by": extra.pop("claimed_by", None),
        "note": extra.pop("note", None),
    }


def event(
    event_id: str,
    when: dict[str, Any] | str,
    *,
    places: list[str] | None = None,
    actors: list[tuple[str, str]] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    return {
        "id": event_id,
        "date": date(when) if isinstance(when, str) else when,
        "title": extra.pop("title", event_id.replace("-", " ").capitalize()),
        "summary": extra.pop("summary", f"What happened: {event_id}."),
        "type": extra.pop("type", "capture"),
        "campaign": extra.pop("campaign", "campaign"),
        "places": places or ["town"],
        "actors": [{"actor": a, "role": role} for a, role in (actors or [])],
        "control": extra.pop("control", []),
        "casualties": extra.pop("casualties", []),
        "sources": extra.pop("sources", [SOURCE]),
    }


def campaign(campaign_id: str = "campaign", **extra: Any) -> dict[str, Any]:
    return {
        "id": campaign_id,
        "name": extra.pop("name", campaign_id.replace("-", " ").title()),
        "aliases": extra.pop("aliases", []),
        "codename": extra.pop("codename", None),
        "date": extra.pop("date", date("2017-09-01", "2017-12-31", qualifier="between")),
        "parent": extra.pop("parent", None),
        "part_of": extra.pop("part_of", []),
        "result": extra.pop("result", ""),
        "territory": extra.pop("territory", None),
        "commanders": extra.pop("commanders", []),
        "units": extra.pop("units", []),
        "strengths": extra.pop("strengths", []),
        "casualties": extra.pop("casualties", []),
        "concurrent": extra.pop("concurrent", []),
        "sources": extra.pop("sources", [SOURCE]),
    }


def side(side_id: str, name: str, description: str = "") -> dict[str, Any]:
    return {"id": side_id, "name": name, "description": description}


SIDES = [side("government", "Syrian government"), side("isil", "Islamic State")]
IRAQ = side("iraq", "Iraqi forces")
SOURCES = [
    {
        "id": "article-a",
        "title": "Article A",
        "container": None,
        "publisher": "Test",
        "url": None,
        "sections": [
            {"id": "battle", "title": "The battle", "path": ["The battle"], "anchor": None}
        ],
    }
]


def dataset(
    *,
    events: list[dict[str, Any]] | None = None,
    places: list[dict[str, Any]] | None = None,
    actors: list[dict[str, Any]] | None = None,
    campaigns: list[dict[str, Any]] | None = None,
    disputes: list[dict[str, Any]] | None = None,
    sides: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A dataset record; events sorted as loading sorts them (earliest, latest, id)."""
    ordered = sorted(
        copy.deepcopy(events or []),
        key=lambda e: (e["date"]["earliest"], e["date"]["latest"], e["id"]),
    )
    return {
        "schema_version": 1,
        "sources": copy.deepcopy(SOURCES),
        "sides": copy.deepcopy(sides or SIDES),
        "campaigns": campaigns if campaigns is not None else [campaign()],
        "places": places if places is not None else [place("town")],
        "actors": actors
        if actors is not None
        else [actor("army", "government"), actor("isil-fighters", "isil")],
        "events": ordered,
        "disputes": disputes or [],
    }


def catalog(**parts: Any) -> Catalog:
    return Catalog(dataset(**parts))  # type: ignore[arg-type]


# A small gazetteer: Syria > governorate > city > Hamidiyah, and Abu Kamal with two aliases.
PLACES = [
    place("syria", name="Syria", kind="country"),
    place("deir-ez-zor-governorate", name="Deir ez-Zor Governorate", parent="syria"),
    place("deir-ez-zor", name="Deir ez-Zor", parent="deir-ez-zor-governorate"),
    place("hamidiyah", name="Hamidiyah", parent="deir-ez-zor"),
    place(
        "abu-kamal",
        name="Abu Kamal",
        parent="deir-ez-zor-governorate",
        aliases=["Albu Kamal", "Bukamal"],
    ),
    place("raqqa", name="Raqqa", parent="syria"),
    place("al-qaim", name="Al-Qa'im", aliases=["Qaim"]),
]

# The army with a unit inside a unit; ISIL fighters on the other side.
ACTORS = [
    actor("syrian-arab-army", "government", name="Syrian Arab Army", aliases=["SAA"]),
    actor("tiger-forces", "government", name="Tiger Forces", parent="syrian-arab-army"),
    actor("tiger-brigade", "government", name="Tiger Brigade One", parent="tiger-forces"),
    actor("hezbollah", "government", name="Hezbollah"),
    actor("isil-fighters", "isil", name="ISIL fighters", aliases=["Daesh"]),
]

# Eastern Syria > Abu Kamal offensive > battle of the city; the aftermath stands alone.
CAMPAIGNS = [
    campaign("eastern-syria", name="Eastern Syria campaign"),
    campaign("abu-kamal-offensive", name="Abu Kamal offensive", parent="eastern-syria"),
    campaign("abu-kamal-city", name="Battle of Abu Kamal city", parent="abu-kamal-offensive"),
    campaign("aftermath", name="Aftermath", aliases=["2018 aftermath"]),
]


TYPES = (
    "offensive, advance, crossing, encirclement, siege, assault, capture, counter-attack,"
    " repulse, withdrawal, clearance, airstrike, link-up, announcement, clash-period,"
    " casualty-report, relief, commander-killed"
)


def gazetteer(**parts: Any) -> Catalog:
    """A catalog of the small gazetteer above; keywords replace its parts."""
    parts.setdefault("places", PLACES)
    parts.setdefault("actors", ACTORS)
    parts.setdefault("campaigns", CAMPAIGNS)
    return catalog(**parts)
