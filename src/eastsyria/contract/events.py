"""One event as the documented JSON object (docs/formats.md, "JSON contract").

Every export and every screen starts from these views, so that the table, the timeline and
the JSON always say the same thing. Field names and their order are the contract pinned by
tests/test_contract.py; add fields at the end, never rename or remove one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple
from weakref import WeakKeyDictionary

from eastsyria.contract.texts import distance_text, figure_text, source_label
from eastsyria.core.catalog import Catalog
from eastsyria.core.eventsource import marked_place
from eastsyria.core.links import section_url
from eastsyria.data.vocab import DATASET_FIELD_NAMES, DATASET_FIELDS

if TYPE_CHECKING:
    from eastsyria.core.geo import Offset
    from eastsyria.core.query import Query
    from eastsyria.data.records import (
        CasualtyRecord,
        ClaimRecord,
        DatasetRecord,
        DisputeRecord,
        EventRecord,
        SourceRefRecord,
    )

# An event's most precisely located place (`eventsource.marked_place`: where the map and KML
# draw it), as flat values: null for an event with no place.
LOCATED_FIELDS: tuple[str, ...] = ("place_id", "place_name", "lat", "lon", "coord_precision_km")

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
    # With --near (null without it): where the event lies from the --near place.
    "near",
    "near_place",
    "distance_km",
    "distance_margin_km",
    "bearing_deg",
    "direction",
    "distance_text",
    # Where the articles date the event differently: each one's own date.
    "dated_by",
    # Where the event is located (`located_view`), flat, as a spreadsheet or a GIS maps it.
    *LOCATED_FIELDS,
    # An imported row's dataset (acled, ucdp; null for a curated event) and the columns kept
    # of it (issue 28; {} for a curated event). CSV gives each kept column a column of its
    # own (`DATASET_COLUMNS`).
    "dataset",
    "dataset_fields",
)
# The CSV columns that `dataset_fields` stands for: every kept column of every dataset, in
# a fixed order whatever the file, blank where an event has none.
DATASET_COLUMNS: tuple[str, ...] = DATASET_FIELD_NAMES


def kept_columns(dataset_fields: Mapping[str, Any] | None) -> dict[str, Any]:
    """An event's `dataset_fields` as the flat formats write them: a value (or null) for
    each of `DATASET_COLUMNS`, in their order (CSV cells, GeoJSON properties, KML data)."""
    kept = dataset_fields or {}
    return {column: kept.get(column) for column in DATASET_COLUMNS}


def source_view(catalog: Catalog, ref: SourceRefRecord) -> dict[str, Any]:
    """A cited section: its ids, titles and link (`url`: the article's URL and the section's
    anchor; null where the data file gives the article no URL). Made once per section and
    catalog, and shared (`_Parts`)."""
    return _shared_source(catalog, _parts(catalog).sources, ref)


def _shared_source(
    catalog: Catalog, made: dict[tuple[str, str], dict[str, Any]], ref: SourceRefRecord
) -> dict[str, Any]:
    key = (ref["article"], ref["section"])
    view = made.get(key)
    if view is None:
        view = made[key] = _source_view(catalog, ref)
    return view


class _Parts:
    """The views of a catalog's sections, places and actors in a role, each made once and
    shared by every event view that names it (a large answer names the same few hundred a
    hundred thousand times). Never changed once made: `event_detail` copies what it adds to."""

    def __init__(self) -> None:
        self.sources: dict[tuple[str, str], dict[str, Any]] = {}
        self.places: dict[str, dict[str, Any]] = {}
        self.roles: dict[tuple[str, str], dict[str, Any]] = {}
        self.voices: dict[str, str] = {}


_PARTS: WeakKeyDictionary[Catalog, _Parts] = WeakKeyDictionary()


def _parts(catalog: Catalog) -> _Parts:
    parts = _PARTS.get(catalog)
    if parts is None:
        parts = _PARTS[catalog] = _Parts()
    return parts


def _place_view(catalog: Catalog, made: dict[str, dict[str, Any]], place_id: str) -> dict[str, Any]:
    view = made.get(place_id)
    if view is None:
        p = catalog.places[place_id]
        view = made[place_id] = {
            "id": p["id"],
            "name": p["name"],
            "aliases": p["aliases"],
            "kind": p["kind"],
            "lat": p["lat"],
            "lon": p["lon"],
            "label": catalog.place_label(place_id),
        }
    return view


def _role_view(
    catalog: Catalog, made: dict[tuple[str, str], dict[str, Any]], actor_id: str, role: str
) -> dict[str, Any]:
    view = made.get((actor_id, role))
    if view is None:
        actor = catalog.actors[actor_id]
        view = made[actor_id, role] = {
            "id": actor_id,
            "name": actor["name"],
            "side": actor["side"],
            "role": role,
        }
    return view


def _source_view(catalog: Catalog, ref: SourceRefRecord) -> dict[str, Any]:
    article, section = _cited(catalog, ref)
    article_url = article["url"] if article else None
    return {
        "article": ref["article"],
        "section": ref["section"],
        "article_title": article["title"] if article else ref["article"],
        "section_title": section["title"] if section else ref["section"],
        "url": section_url(article_url, section["anchor"] if section else None),
        "article_url": section_url(article_url, None),
    }


_SECTIONS: WeakKeyDictionary[Catalog, dict[tuple[str, str], Any]] = WeakKeyDictionary()


def _cited(catalog: Catalog, ref: SourceRefRecord) -> tuple[Any, Any]:
    """(the article, the section) a reference cites, None where the file has none: looked up
    by id in an index made once per catalog. An imported file's source has a section per row
    (100,000 of them), and a search of the list for each event's took minutes."""
    index = _SECTIONS.get(catalog)
    if index is None:
        index = _SECTIONS[catalog] = {}
        for source in catalog.record["sources"]:
            index.setdefault((source["id"], ""), source)
            for section in source["sections"]:
                index.setdefault((source["id"], section["id"]), section)
    return index.get((ref["article"], "")), index.get((ref["article"], ref["section"]))


def claimant_name(catalog: Catalog, claim: CasualtyRecord) -> str:
    """Who claims a figure, in words: the actor (`claimed_by`), else the name the file gives
    (`claimant`: an imported row's outlets), else the article in its own voice
    ("Wikipedia article (unattributed)")."""
    if claim["claimed_by"]:
        return catalog.holder_name(claim["claimed_by"])
    named = claim.get("claimant")
    if named:
        return named
    voices = _parts(catalog).voices
    article = claim["source"]["article"]
    voice = voices.get(article)
    if voice is None:
        found = next((s for s in catalog.record["sources"] if s["id"] == article), None)
        container = found["container"] if found else None
        title = found["title"] if found else article
        voice = f"{container} article" if container else title
        voices[article] = voice = f"{voice} (unattributed)"
    return voice


def casualty_view(catalog: Catalog, claim: CasualtyRecord) -> dict[str, Any]:
    period = claim["period"]
    claimant = claim["claimed_by"]
    return {
        "party": claim["party"],
        "party_name": catalog.party_name(claim["party"]),
        "kind": claim["kind"],
        "count": claim["count"],
        "count_max": claim["count_max"],
        "best": claim.get("best"),
        "qualifier": claim["qualifier"],
        "figure": figure_text(claim),
        "claimed_by": claimant,
        "claimed_by_name": catalog.holder_name(claimant) if claimant else None,
        "period": None
        if period is None
        else {"start": period["earliest"], "end": period["latest"], "date": period["text"]},
        "note": claim["note"],
        "source": source_view(catalog, claim["source"]),
        "subgroup": claim.get("subgroup"),
        "claimant": claimant_name(catalog, claim),
    }


_NEAR_END = EVENT_FIELDS.index("distance_text") + 1


def located_view(catalog: Catalog, event: EventRecord) -> dict[str, Any]:
    """Where the event is located: its most precisely located place (`marked_place`, the
    first named of equals), its name (`name`, as a control change's `place_name`), its
    coordinates and how far they may be off; all null where it names no place known."""
    place_id = marked_place(event, catalog.place_precision)
    if place_id is None:
        return dict.fromkeys(LOCATED_FIELDS)
    place = catalog.places[place_id]
    return {
        "place_id": place_id,
        "place_name": place["name"],
        "lat": place["lat"],
        "lon": place["lon"],
        "coord_precision_km": place["coord_precision_km"],
    }


def offset_view(catalog: Catalog, found: Offset | None) -> dict[str, Any]:
    """The --near fields of an event: the reference place, the event's place nearest it,
    the distance between their coordinates and the margin the two places' precision leaves
    (both 0 when the place is the reference or lies inside it), the initial bearing from the
    reference and its compass point (null where the margin is as large as the distance), and
    all that as honestly as it can be told ("70–85 km NW of Abu Kamal"). All null without it."""
    if found is None:
        return dict.fromkeys(EVENT_FIELDS[EVENT_FIELDS.index("near") : _NEAR_END])
    reference, place = catalog.places[found.reference], catalog.places[found.place]
    bearing = None if found.bearing is None else round(found.bearing, 1)
    reference_label = catalog.place_label(reference["id"])
    return {
        "near": {"id": reference["id"], "name": reference["name"], "label": reference_label},
        "near_place": {
            "id": place["id"],
            "name": place["name"],
            "label": catalog.place_label(place["id"]),
        },
        "distance_km": round(found.km, 1),
        "distance_margin_km": float(found.margin_km),
        "bearing_deg": bearing,
        "direction": found.direction,
        "distance_text": distance_text(found, reference_label),
    }


def event_view(catalog: Catalog, event: EventRecord, near: Offset | None = None) -> dict[str, Any]:
    """The event as the contract gives it; `near`: where it lies from the --near place."""
    date = event["date"]
    campaign = catalog.campaigns.get(event["campaign"])
    parts = _parts(catalog)
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
        "places": [_place_view(catalog, parts.places, pid) for pid in event["places"]],
        "actors": [
            _role_view(catalog, parts.roles, role["actor"], role["role"])
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
                "from_name": catalog.holder_name(change["from"]),
                "to_name": catalog.holder_name(change["to"]),
                "part": change["part"],
                "status": change["status"],
                "claimed_by": change["claimed_by"],
                "claimed_by_name": (
                    catalog.holder_name(change["claimed_by"]) if change["claimed_by"] else None
                ),
                # Added in issue 24: an inferred change's statement, the loser's part.
                "basis": change["basis"],
                "from_part": change["from_part"],
                "place_label": catalog.place_label(change["place"]),
            }
            for change in event["control"]
        ],
        "casualties": [casualty_view(catalog, claim) for claim in event["casualties"]],
        "sources": [_shared_source(catalog, parts.sources, ref) for ref in event["sources"]],
        "disputes": [
            {"id": d["id"], "topic": d["topic"]}
            for d in catalog.disputes_by_event.get(event["id"], [])
        ],
        **offset_view(catalog, near),
        "dated_by": [
            {
                "article": dated["article"],
                "start": dated["date"]["earliest"],
                "end": dated["date"]["latest"],
                "precision": dated["date"]["precision"],
                "qualifier": dated["date"]["qualifier"],
                "date": dated["date"]["text"],
            }
            for dated in event.get("dated_by", [])
        ],
        # Added in issue 28.
        **located_view(catalog, event),
        **dataset_view(event),
    }


def dataset_view(event: EventRecord) -> dict[str, Any]:
    """`dataset` and `dataset_fields` of an event: its dataset's name and kept columns, every
    one of the dataset's (null where blank); null and {} for a curated event."""
    kept = event.get("dataset")
    if not kept:
        return {"dataset": None, "dataset_fields": {}}
    given = kept["fields"]
    names = DATASET_FIELDS.get(kept["name"], given)
    return {"dataset": kept["name"], "dataset_fields": {n: given.get(n) for n in names}}


def lead_side(view: Mapping[str, Any]) -> str:
    """The side an event is drawn in: its first attacker's, else its first actor's."""
    for role in ("attacker", "claimant", "reporter"):
        for actor in view["actors"]:
            if actor["role"] == role:
                return str(actor["side"])
    return str(view["actors"][0]["side"]) if view["actors"] else "unknown"


# The fields of the events table in Markdown, a report for people rather than a program.
EVENT_BRIEF_FIELDS: tuple[str, ...] = ("date", "title", "places", "actors", "type", "sources")
# The fields of a TSV line: sortable days first, so `| sort` and `| cut -f1` work.
# Then where the event is located (issue 28), after the columns scripts already cut.
_PIPED_FIELDS = ("start", "end", "id", "title", "places", "actors", "type")
EVENT_PIPED_FIELDS: tuple[str, ...] = (*_PIPED_FIELDS, *LOCATED_FIELDS)
# The same with --near: how far each event lies, beside its places (in a TSV line after the
# piped fields, so that the columns before it stay where scripts cut them; then where it is).
EVENT_NEAR_BRIEF_FIELDS: tuple[str, ...] = (
    "date", "title", "places", "distance_text", "actors", "type", "sources",
)  # fmt: skip
EVENT_NEAR_PIPED_FIELDS: tuple[str, ...] = (*_PIPED_FIELDS, "distance_text", *LOCATED_FIELDS)


def claim_view(catalog: Catalog, claim: ClaimRecord) -> dict[str, Any]:
    """One side of a disagreement, its claimant named and its source labelled and linked."""
    source = source_view(catalog, claim["source"])
    return {
        **claim,
        "claimant_name": catalog.holder_name(claim["claimant"]) if claim["claimant"] else None,
        "source_label": source_label(source),
        "source_url": source["url"],
    }


def dispute_view(catalog: Catalog, dispute: DisputeRecord) -> dict[str, Any]:
    """A recorded disagreement in full, each claim with its source and claimant named."""
    return {**dispute, "claims": [claim_view(catalog, claim) for claim in dispute["claims"]]}


def event_detail(catalog: Catalog, event: EventRecord) -> dict[str, Any]:
    """`show`: the event's fields, each place with what it lies in, its disputes in full."""
    view = event_view(catalog, event)
    view["places"] = [
        {**place, "within": catalog.place_path(place["id"])[1:]} for place in view["places"]
    ]
    view["disputes"] = [
        dispute_view(catalog, dispute) for dispute in catalog.disputes_by_event.get(event["id"], [])
    ]
    return view


# -- an answer's views, a batch at a time ---------------------------------------------------

# Events in a batch: ~1 MB of JSON, written as one chunk.
VIEW_BATCH = 500


class ViewBatch(NamedTuple):
    """Views of consecutive events of an answer: made (`views`), or as a store keeps them
    serialised (`items` of a JSON array, `lines` of JSON Lines; `output.machine.serialised`)."""

    views: list[dict[str, Any]] | None = None
    items: list[bytes] | None = None
    lines: list[bytes] | None = None
    # Rows of CSV as `write_csv` writes every field with the guard on, lines of TSV as
    # `write_tsv` writes EVENT_PIPED_FIELDS (`output.machine.kept_forms`), with line breaks.
    csv: list[bytes] | None = None
    tsv: list[bytes] | None = None


class EventViews:
    """The views of the events answering a query (`event_view`), read or made a batch at a
    time while they are written: an answer is never held whole. Where the store decides the
    whole query (`core.query.stored_answer`) its serialised views are read in order and
    never decoded; else the query core checks each event, whose stored view is then written
    (or, with --near or from a whole file, made)."""

    def __init__(self, catalog: Catalog, query: Query) -> None:
        self.catalog = catalog
        self.query = query

    def batches(self, want: str) -> Iterator[ViewBatch]:
        """The answer's views in batches, each with at least what a writer `want`s:
        'items', 'lines' or 'views' (the others where they come free); 'csv' or 'tsv':
        the rows a store keeps, where it decides the whole query, else 'views'."""
        from eastsyria.core.query import checked_serialised, measure, run, stored_answer

        catalog, query = self.catalog, self.query
        rows = stored_answer(catalog, query, rows=want) if want in ("csv", "tsv") else None
        if rows is not None:
            for chunk in rows:
                yield ViewBatch(csv=chunk) if want == "csv" else ViewBatch(tsv=chunk)
            return
        stored = stored_answer(catalog, query, lines=want != "items")
        if stored is not None:
            for chunk in stored:
                yield ViewBatch(items=chunk) if want == "items" else ViewBatch(lines=chunk)
            return
        checked = checked_serialised(catalog, query)
        if checked is not None:
            items: list[bytes] = []
            lines: list[bytes] = []
            for _, item, line in checked:
                items.append(item)
                lines.append(line)
                if len(items) == VIEW_BATCH:
                    yield ViewBatch(items=items, lines=lines)
                    items, lines = [], []
            if items:
                yield ViewBatch(items=items, lines=lines)
            return
        found = run(catalog, query)
        near = measure(catalog, query, found)
        for start in range(0, len(found), VIEW_BATCH):
            events = found[start : start + VIEW_BATCH]
            yield ViewBatch(views=[event_view(catalog, e, near.get(e["id"])) for e in events])


def view_renderer(
    serialise: Callable[[list[dict[str, Any]]], tuple[list[bytes], ...]],
) -> Callable[[DatasetRecord], Callable[[list[EventRecord]], tuple[list[bytes], ...]]]:
    """What a store is built with (`data.storebuild.Renderer`): given a dataset without its
    events, the views of a batch of its events serialised by `serialise` (in a store they
    depend only on the data file, which its fingerprint pins): JSON array items, JSON Lines
    and (if it gives them) rows of CSV and lines of TSV (`output.machine.kept_forms`)."""

    def for_dataset(
        record: DatasetRecord,
    ) -> Callable[[list[EventRecord]], tuple[list[bytes], ...]]:
        catalog = Catalog({**record, "events": []})

        def render(events: list[EventRecord]) -> tuple[list[bytes], ...]:
            return serialise([event_view(catalog, event) for event in events])

        return render

    return for_dataset
