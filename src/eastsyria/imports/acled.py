"""One ACLED row as an event of this project's schema.

Columns as ACLED's codebook names them (the current export, and the older one with data_id,
event_id_no_cnty and iso3: both have every column read here). Actor 1 and actor 2 have no
direction in ACLED ("do not imply attacker or defender"): in an armed clash both are recorded
as attackers; where the event type gives a direction (a strike, an attack on civilians, a
territory change) actor 2 is the target or the defender. Associated actors are supporters.
"""

from __future__ import annotations

from typing import Any

from eastsyria.imports.common import Book, clipped, count, names, place_names, row_id
from eastsyria.imports.precision import (
    ACLED_DATE_WORDS,
    ACLED_KM,
    acled_span,
    code,
    coordinates,
    parse_day,
)
from eastsyria.imports.rows import Row

DATASET = "ACLED"
SOURCE = {
    "id": "acled",
    "container": None,
    "publisher": "Armed Conflict Location & Event Data (ACLED)",
    "url": "https://acleddata.com/",
}
ID_COLUMN = "event_id_cnty"
# A place's level -> its column.
PLACE_COLUMNS = {
    "country": "country",
    "admin1": "admin1",
    "admin2": "admin2",
    "location": "location",
}
# event_type -> (this project's type, actor 1's role, actor 2's role); sub_event_type first.
TYPES: dict[str, tuple[str, str, str]] = {
    "Armed clash": ("clash-period", "attacker", "attacker"),
    "Government regains territory": ("capture", "attacker", "defender"),
    "Non-state actor overtakes territory": ("capture", "attacker", "defender"),
    "Air/drone strike": ("airstrike", "attacker", "target"),
    "Battles": ("clash-period", "attacker", "attacker"),
    "Explosions/Remote violence": ("assault", "attacker", "target"),
    "Violence against civilians": ("assault", "attacker", "target"),
    "Riots": ("assault", "attacker", "target"),
    "Protests": ("announcement", "claimant", "target"),
    "Strategic developments": ("announcement", "claimant", "claimant"),
}
_OTHER = ("announcement", "claimant", "claimant")


def convert(row: Row, book: Book) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """(the row's id as written, its event, its section of the dataset's source)."""
    v = row.values
    written = v[ID_COLUMN].strip()
    ident = row_id(written, ID_COLUMN)
    day = parse_day(v["event_date"], "event_date")
    date = acled_span(day, code(v["time_precision"], "time_precision", ACLED_DATE_WORDS))
    km = ACLED_KM[code(v["geo_precision"], "geo_precision", ACLED_KM)]
    lat, lon = coordinates(v["latitude"], v["longitude"])
    fatalities = count(v["fatalities"], "fatalities")
    # Before the place and actors are counted: a row reported here adds none.
    from eastsyria.imports.common import dataset_fields

    kept = dataset_fields("acled", v)

    levels = place_names(v, PLACE_COLUMNS)
    place = book.places.add(levels, lat, lon, km)
    sub, kind = v["sub_event_type"].strip(), v["event_type"].strip()
    event_type, first, second = TYPES.get(sub) or TYPES.get(kind) or _OTHER
    roles: list[dict[str, str]] = []
    for cell, inter, role in (
        (v["actor1"], v["inter1"], first),
        (v["actor2"], v["inter2"], second),
    ):
        roles.extend({"actor": book.actor(name, inter), "role": role} for name in names(cell))
    for cell in (v["assoc_actor_1"], v["assoc_actor_2"]):
        roles.extend({"actor": book.actor(name), "role": "supporter"} for name in names(cell))
    ref = {"article": book.source, "section": ident}
    # Who claims the figure: the outlets the row names (ACLED's `source`).
    outlets = clipped(v["source"]) or None
    casualties = []
    if fatalities is not None:
        casualties.append(
            {
                "party": "civilians" if kind == "Violence against civilians" else "all",
                "kind": "killed",
                "count": fatalities,
                "count_max": None,
                "best": None,
                "qualifier": "at-least" if fatalities else "exact",
                "claimed_by": None,
                "claimant": outlets,
                "period": None,
                "note": "ACLED's fatalities for the event (its codebook: a conservative count)",
                "source": ref,
            }
        )
    location = levels["location"] or levels["admin1"]
    event = {
        "id": f"acled-{ident}",
        "date": date,
        "title": clipped(f"{sub or kind or 'Event'} at {location or place}", 200),
        "summary": v["notes"].strip() or f"ACLED gives no notes for event {written}.",
        "type": event_type,
        "campaign": f"{book.source}-import",
        "places": [place],
        "actors": _unique(roles),
        "control": [],
        "casualties": casualties,
        "sources": [ref],
        "dated_by": [],
        "dataset": kept,
    }
    named = outlets or "no outlet named"
    section = {
        "id": ident,
        "title": clipped(f"{written}: {named}"),
        "path": [clipped(f"row {written}"), clipped(f"reported by {named}")],
        "anchor": None,
    }
    return written, event, section


def _unique(roles: list[dict[str, str]]) -> list[dict[str, str]]:
    seen: set[tuple[str, str]] = set()
    kept = []
    for role in roles:
        key = (role["actor"], role["role"])
        if key not in seen:
            seen.add(key)
            kept.append(role)
    return kept
