"""One UCDP GED row as an event of this project's schema.

UCDP's side_a and side_b have no direction in state-based and non-state violence (both are
recorded as attackers); in one-sided violence side_b is the target (usually civilians).
Deaths: the total keeps UCDP's three estimates (count = low, best, count_max = high); each
party's share of the best estimate (deaths_a, deaths_b, deaths_civilians) is a claim of its
own where it is above 0. A blank cell is no claim; nothing is made up.
"""

from __future__ import annotations

from typing import Any

from eastsyria.imports.common import Book, clipped, count, names, place_names, row_id
from eastsyria.imports.precision import (
    UCDP_DATE_WORDS,
    UCDP_KM,
    code,
    coordinates,
    parse_day,
    ucdp_span,
)
from eastsyria.imports.rows import Reject, Row, shown

DATASET = "UCDP GED"
SOURCE = {
    "id": "ucdp",
    "container": None,
    "publisher": "Uppsala Conflict Data Program (UCDP)",
    "url": "https://ucdp.uu.se/",
}
ID_COLUMN = "id"
# A place's level -> its column.
PLACE_COLUMNS = {
    "country": "country",
    "admin1": "adm_1",
    "admin2": "adm_2",
    "location": "where_coordinates",
}
# type_of_violence -> (words, this project's type, side_a's role, side_b's role)
VIOLENCE: dict[str, tuple[str, str, str, str]] = {
    "1": ("state-based violence", "clash-period", "attacker", "attacker"),
    "2": ("non-state violence", "clash-period", "attacker", "attacker"),
    "3": ("one-sided violence", "assault", "attacker", "target"),
}


def _deaths(v: dict[str, str]) -> tuple[int | None, int | None, int | None]:
    low, best, high = (count(v[c], c) for c in ("low", "best", "high"))
    given = [n for n in (low, best, high) if n is not None]
    if given != sorted(given):
        raise Reject(
            f"low {shown(v['low'])}, best {shown(v['best'])}, high {shown(v['high'])} "
            "are not in order"
        )
    if high is None and low is not None and best is not None and best > low:
        # A claim's best lies between its count and its highest figure (the schema): a
        # high made up from best would be a figure UCDP did not give.
        raise Reject(f"best {best:,} is above low {low:,}, and high is blank: no range holds it")
    return low, best, high


def convert(row: Row, book: Book) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """(the row's id as written, its event, its section of the dataset's source)."""
    v = row.values
    written = v[ID_COLUMN].strip()
    ident = row_id(written, ID_COLUMN)
    violence = VIOLENCE.get(v["type_of_violence"].strip())
    if violence is None:
        raise Reject(f"type_of_violence {shown(v['type_of_violence'])} is not 1, 2 or 3")
    start, end = parse_day(v["date_start"], "date_start"), parse_day(v["date_end"], "date_end")
    date = ucdp_span(start, end, code(v["date_prec"], "date_prec", UCDP_DATE_WORDS))
    km = UCDP_KM[code(v["where_prec"], "where_prec", UCDP_KM)]
    lat, lon = coordinates(v["latitude"], v["longitude"])
    low, best, high = _deaths(v)
    shares = [(c, count(v[c], c)) for c in ("deaths_a", "deaths_b", "deaths_civilians")]
    unknown = count(v["deaths_unknown"], "deaths_unknown")
    # Before the place and actors are counted: a row reported here adds none.
    from eastsyria.imports.common import dataset_fields

    kept = dataset_fields("ucdp", v)

    levels = place_names(v, PLACE_COLUMNS)
    place = book.places.add(levels, lat, lon, km)
    words, event_type, role_a, role_b = violence
    parties: dict[str, str] = {}
    roles = []
    for column, role in (("side_a", role_a), ("side_b", role_b)):
        for name in names(v[column]):
            actor = book.actor(name, "civilians" if name.casefold() == "civilians" else "")
            parties.setdefault(column, actor)
            roles.append({"actor": actor, "role": role})
    ref = {"article": book.source, "section": ident}
    # Who claims the figures: the outlets the row names (UCDP's `source_office`).
    office = clipped(v["source_office"]) or None
    claims = []
    if low is not None or best is not None or high is not None:
        least = low if low is not None else best
        note = "UCDP's low, best and high estimates of all deaths in the event"
        if unknown:
            note += f"; {unknown:,} of the best estimate of unknown status"
        claims.append(
            _claim("all", (least if least is not None else high, best, high), note, ref, office)
            | {"qualifier": "up-to" if least is None else "exact"}
        )
    for column, deaths in shares:
        party = "civilians" if column == "deaths_civilians" else parties.get(f"side_{column[-1]}")
        if deaths and party:
            note = f"UCDP's best estimate: the deaths of this party ({column})"
            claims.append(_claim(party, (deaths, None, deaths), note, ref, office))
    place_name = levels["location"] or place
    where = " ".join(v["where_description"].split())
    event = {
        "id": f"ucdp-{ident}",
        "date": date,
        "title": clipped(f"{v['dyad_name'].strip() or words} at {place_name}", 200),
        "summary": clipped(
            f"UCDP GED event {written}, {words} in the conflict {v['conflict_name'].strip()}: "
            f"{v['dyad_name'].strip()}, at {where or place_name}.",
            2000,
        ),
        "type": event_type,
        "campaign": f"{book.source}-import",
        "places": [place],
        "actors": roles,
        "control": [],
        "casualties": claims,
        "sources": [ref],
        "dated_by": [],
        "dataset": kept,
    }
    outlets = clipped(v["source_office"]) or clipped(v["source_article"]) or "no outlet named"
    path = [clipped(f"row {written}"), clipped(f"reported by {outlets}")]
    path += [clipped(v[c]) for c in ("source_headline", "source_article") if v[c].strip()]
    section = {"id": ident, "title": clipped(f"{written}: {outlets}"), "path": path, "anchor": None}
    return written, event, section


def _claim(
    party: str,
    figures: tuple[int | None, int | None, int | None],
    note: str,
    ref: dict[str, str],
    claimant: str | None,
) -> dict[str, Any]:
    """A claim of `party`'s deaths: (low, best, high) as UCDP gives them, claimed by the
    row's outlets."""
    low, best, high = figures
    return {
        "party": party,
        "kind": "killed",
        "count": low,
        "count_max": high if high != low else None,
        "best": best,
        "qualifier": "exact",
        "claimed_by": None,
        "claimant": claimant,
        "period": None,
        "note": note,
        "source": ref,
    }
