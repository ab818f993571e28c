"""The gazetteer, the actors and the campaigns as documented JSON objects."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from eastsyria.contract.events import casualty_view, source_view
from eastsyria.core.catalog import Catalog

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
    # The names as shown: qualified where places share a name ("Abu Kamal (district)").
    "label",
    "parent_label",
)
# A piped line of `places`: the gazetteer's fields, each name as shown.
PLACE_PIPED_FIELDS: tuple[str, ...] = tuple(
    {"name": "label", "parent_name": "parent_label"}.get(f, f) for f in PLACE_FIELDS[:-2]
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


def _view(fields: tuple[str, ...], record: Mapping[str, Any], **computed: Any) -> dict[str, Any]:
    """The contract object of a record: each field copied from it, or computed where given."""
    return {name: computed[name] if name in computed else record[name] for name in fields}


def _name_of(items: Mapping[str, Mapping[str, Any]], item_id: str | None) -> str | None:
    return str(items[item_id]["name"]) if item_id else None


def _with_parents(
    fields: tuple[str, ...],
    items: Mapping[str, Mapping[str, Any]],
    counts: Mapping[str, int],
    **computed: Callable[[Mapping[str, Any]], Any],
) -> list[dict[str, Any]]:
    """Views of places or actors: each with its parent's name and its number of events."""
    return [
        _view(
            fields,
            item,
            parent_name=_name_of(items, item["parent"]),
            event_count=counts[item["id"]],
            **{name: compute(item) for name, compute in computed.items()},
        )
        for item in items.values()
    ]


def place_views(catalog: Catalog) -> list[dict[str, Any]]:
    return _with_parents(
        PLACE_FIELDS,
        catalog.places,
        catalog.event_counts_by_place,
        label=lambda place: catalog.place_label(place["id"]),
        parent_label=lambda place: (
            catalog.place_label(place["parent"]) if place["parent"] else None
        ),
    )


def actor_views(catalog: Catalog) -> list[dict[str, Any]]:
    return _with_parents(
        ACTOR_FIELDS,
        catalog.actors,
        catalog.event_counts_by_actor,
        side_name=lambda actor: catalog.holder_name(actor["side"]),
    )


def campaign_views(catalog: Catalog) -> list[dict[str, Any]]:
    counts = catalog.event_counts_by_campaign
    return [
        _view(
            CAMPAIGN_FIELDS,
            c,
            start=c["date"]["earliest"],
            end=c["date"]["latest"],
            date=c["date"]["text"],
            commanders=[
                {**cmd, "side_name": catalog.holder_name(cmd["side"])} for cmd in c["commanders"]
            ],
            units=[{"id": u, "name": catalog.actors[u]["name"]} for u in c["units"]],
            strengths=[{**s, "side_name": catalog.holder_name(s["side"])} for s in c["strengths"]],
            casualties=[casualty_view(catalog, claim) for claim in c["casualties"]],
            sources=[source_view(catalog, ref) for ref in c["sources"]],
            event_count=counts[c["id"]],
        )
        for c in catalog.campaigns.values()
    ]
