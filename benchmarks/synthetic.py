"""Synthetic data files in the project's schema, for the scale benchmark.

A fixed seed gives the same file every time. The gazetteer is a 3-level hierarchy under two
countries (governorate > district > settlement: a few hundred places with coordinates along
the Euphrates and in the desert of eastern Syria and western Iraq); actors have parents and
sides; events have 1-3 places, 1-4 actors, day / range / month-part / month dates, some
control changes and casualty claims, and cite sections of a few dozen source articles.

    python benchmarks/synthetic.py --events 10000 --seed 1 -o benchmarks/out/synthetic-10000.json

The file passes `eastsyria validate`. Importable: `generate(events, seed)` returns the document.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

# The vocabularies come from the program itself, so that a generated file stays valid when
# they change (a type or a role added or removed).
from eastsyria.core.control import Share, after
from eastsyria.data import vocab

Document = dict[str, Any]

START = dt.date(2017, 1, 1)
END = dt.date(2018, 12, 31)

SIDES: tuple[tuple[str, str, str], ...] = (
    ("government", "Syrian government and allies", "The Syrian Arab Army and allied militias"),
    ("isil", "Islamic State", "The Islamic State of Iraq and the Levant"),
    ("iraq", "Iraqi government and allies", "Iraqi Armed Forces and Popular Mobilization"),
    ("sdf", "Syrian Democratic Forces", "The SDF and the US-led coalition"),
    ("monitor", "Monitors", "Observers who report on the war"),
)

# Governorates ("country; governorate; lat; lon") and, indented under each, its districts
# ("district; lat; lon: the main town, then other known settlements").
GAZETTEER = """\
Syria; Deir ez-Zor Governorate; 35.00; 40.50
  Deir ez-Zor District; 35.33; 40.14: Deir ez-Zor, Hamidiyah, Saqr Island, Al-Jafrah, Huwayqah,
    Al-Muhassan, Al-Buqrus, Al-Husayniyah, Al-Tabni, Ayyash
  Mayadin District; 35.02; 40.45: Mayadin, Al-Asharah, Al-Quriyah, Mohasan, Al-Bulayl, Dhiban,
    Al-Shuhayl, Al-Tayyana, Al-Kishmah, Abu Hamam
  Abu Kamal District; 34.45; 40.92: Abu Kamal, Hajin, Al-Susah, Al-Shafah, Al-Baghuz Fawqani,
    Al-Jalaa, Al-Hari, Al-Salihiyah, Al-Sukkariyah, Al-Marashidah, T-2 Station
Syria; Raqqa Governorate; 35.90; 39.00
  Raqqa District; 35.95; 39.01: Raqqa, Al-Karamah, Maadan, Hamrat Ballasim
  Al-Thawrah District; 35.84; 38.55: Tabqa, Al-Mansurah, Al-Safsafah
Syria; Homs Governorate; 34.60; 37.90
  Palmyra District; 34.56; 38.27: Palmyra, Al-Sukhnah, T-3 Station, Arak, Humaymah
Syria; Al-Hasakah Governorate; 36.40; 40.90
  Al-Shaddadi District; 36.06; 40.73: Al-Shaddadi, Markadah, Al-Arishah
Iraq; Al Anbar Governorate; 33.40; 42.00
  Al-Qa'im District; 34.37; 41.09: Al-Qa'im, Husaybah, Karabilah, Ubaydi, Saadah
  Anah District; 34.47; 41.96: Anah, Rayhanah
  Rawa District; 34.47; 41.91: Rawa, Jubbah
  Haditha District; 34.14; 42.38: Haditha, Barwanah, Haqlaniyah
  Al-Rutba District; 33.04; 40.28: Al-Rutba, Akashat
Iraq; Nineveh Governorate; 36.20; 42.50
  Ba'aj District; 36.04; 41.73: Al-Ba'aj, Umm Jaris
  Tal Afar District; 36.38; 42.45: Tal Afar, Al-Ayadiyah
"""

District = tuple[str, float, float, list[str]]
Governorate = tuple[str, str, float, float, list[District]]


def gazetteer() -> list[Governorate]:
    """GAZETTEER as (governorate, country, lat, lon, [(district, lat, lon, [towns])])."""
    found: list[Governorate] = []
    for line in GAZETTEER.replace(",\n    ", ", ").splitlines():
        if not line.startswith(" "):
            country, name, lat, lon = (part.strip() for part in line.split(";"))
            found.append((name, country, float(lat), float(lon), []))
            continue
        head, towns = line.split(":", 1)
        name, lat, lon = (part.strip() for part in head.split(";"))
        found[-1][4].append((name, float(lat), float(lon), [t.strip() for t in towns.split(",")]))
    return found


ALIASES: dict[str, tuple[str, ...]] = {
    "Abu Kamal": ("Albu Kamal", "Al-Bukamal"),
    "Mayadin": ("Mayadeen", "Al-Mayadin"),
    "Deir ez-Zor": ("Deir ezzor", "Dayr az-Zawr"),
    "Al-Qa'im": ("Qaim",),
    "Hajin": ("Hajjin",),
    "Palmyra": ("Tadmur",),
}

VILLAGE_PREFIXES = ("Al-", "Tell ", "Khirbet ", "Ain ", "Jubb ", "Abu ", "Umm ", "Bir ", "")
VILLAGE_ROOTS = (
    "Hamra", "Kasrah", "Busayrah", "Zir", "Sabha", "Jadid", "Bahra", "Gharanij", "Hawi",
    "Ruwaished", "Sayal", "Masrab", "Zuhrah", "Khasham", "Mari", "Tabiyah", "Jarniyah",
    "Sharqiyah", "Qubba", "Husan", "Jazirah", "Shamitiyah", "Muhaymidah", "Kubar", "Talil",
    "Duwayr", "Buwaytiyah", "Safirah", "Rashid", "Ghabrah", "Mahmudiyah", "Naqqarah",
)  # fmt: skip

# (actor, kind, side, parent, aliases)
ACTORS: tuple[tuple[str, str, str, str | None, tuple[str, ...]], ...] = (
    ("Syrian Arab Army", "army", "government", None, ("SAA",)),
    ("Tiger Forces", "special-forces", "government", "Syrian Arab Army", ("Qawat al-Nimr",)),
    ("Republican Guard", "division", "government", "Syrian Arab Army", ()),
    ("104th Airborne Brigade", "brigade", "government", "Republican Guard", ()),
    ("5th Corps", "corps", "government", "Syrian Arab Army", ()),
    ("National Defence Forces", "militia", "government", None, ("NDF",)),
    ("Hezbollah", "militia", "government", None, ("Hizballah",)),
    ("Liwa Fatemiyoun", "militia", "government", None, ()),
    ("Russian Aerospace Forces", "air-force", "government", None, ("VKS",)),
    ("Syrian Arab Air Force", "air-force", "government", "Syrian Arab Army", ("SyAAF",)),
    ("Islamic State", "group", "isil", None, ("ISIL", "ISIS", "Daesh")),
    ("Wilayat al-Khayr", "province", "isil", "Islamic State", ()),
    ("Wilayat al-Furat", "province", "isil", "Islamic State", ()),
    ("Iraqi Army", "army", "iraq", None, ()),
    ("Popular Mobilization Forces", "militia", "iraq", None, ("PMF", "Hashd al-Shaabi")),
    ("Kata'ib Hezbollah", "militia", "iraq", "Popular Mobilization Forces", ()),
    ("Kata'ib Sayyid al-Shuhada", "militia", "iraq", "Popular Mobilization Forces", ()),
    ("Iraqi Counter Terrorism Service", "special-forces", "iraq", None, ("CTS",)),
    ("Syrian Democratic Forces", "alliance", "sdf", None, ("SDF",)),
    ("Deir ez-Zor Military Council", "council", "sdf", "Syrian Democratic Forces", ()),
    ("People's Protection Units", "militia", "sdf", "Syrian Democratic Forces", ("YPG",)),
    ("CJTF-OIR", "coalition", "sdf", None, ("US-led coalition",)),
    ("Syrian Observatory for Human Rights", "monitor", "monitor", None, ("SOHR",)),
    ("Airwars", "monitor", "monitor", None, ()),
)

UNIT_PARENTS = {
    "government": ("Syrian Arab Army", "Republican Guard", "5th Corps", "Tiger Forces"),
    "isil": ("Wilayat al-Khayr", "Wilayat al-Furat"),
    "iraq": ("Iraqi Army", "Popular Mobilization Forces"),
    "sdf": ("Deir ez-Zor Military Council", "People's Protection Units"),
}
UNIT_KINDS = ("brigade", "regiment", "battalion", "brigade")
ORDINALS = ("st", "nd", "rd")

ARTICLES = (
    ("Eastern Syria campaign (2017)", "Wikipedia"),
    ("Battle of Abu Kamal (2017)", "Wikipedia"),
    ("Deir ez-Zor offensive (September-November 2017)", "Wikipedia"),
    ("Battle of Mayadin", "Wikipedia"),
    ("Siege of Deir ez-Zor (2014-2017)", "Wikipedia"),
    ("Western Iraq campaign (2017)", "Wikipedia"),
    ("Deir ez-Zor campaign (2017-2019)", "Wikipedia"),
    ("Central Syria campaign (2017)", "Wikipedia"),
    ("Battle of Hajin", "Wikipedia"),
    ("Timeline of the Syrian civil war (September-December 2017)", "Wikipedia"),
    ("Timeline of the Syrian civil war (January-April 2018)", "Wikipedia"),
    ("Al-Qa'im offensive (2017)", "Wikipedia"),
)
SECTION_TITLES = (
    "Background", "Prelude", "The offensive", "Advance along the Euphrates", "Siege",
    "Capture of the city", "Counter-attack", "Aftermath", "Casualties", "Reactions",
)  # fmt: skip

CAMPAIGNS = (
    ("Eastern Syria campaign", "2017-05-01", "2017-12-31", None),
    ("Deir ez-Zor offensive", "2017-09-09", "2017-11-17", "Eastern Syria campaign"),
    ("Battle of Abu Kamal", "2017-11-08", "2017-12-06", "Eastern Syria campaign"),
    ("Battle of Mayadin", "2017-10-06", "2017-10-14", "Deir ez-Zor offensive"),
    ("Western Iraq campaign", "2017-09-19", "2017-11-17", None),
    ("Deir ez-Zor campaign", "2017-09-10", "2019-03-23", None),
    ("Battle of Hajin", "2018-09-10", "2018-12-14", "Deir ez-Zor campaign"),
    ("Desert aftermath", "2018-01-01", "2018-12-31", None),
)

VERBS = {
    "offensive": "launches an offensive towards",
    "advance": "advances on",
    "crossing": "crosses the Euphrates near",
    "encirclement": "encircles",
    "siege": "besieges",
    "assault": "storms",
    "capture": "captures",
    "counter-attack": "counter-attacks at",
    "repulse": "repulses an attack on",
    "withdrawal": "withdraws from",
    "clearance": "clears",
    "airstrike": "strikes",
    "link-up": "links up with allies at",
    "announcement": "announces the fall of",
    "clash-period": "clashes around",
    "casualty-report": "reports casualties at",
}


def slug(text: str) -> str:
    """An id in the schema's slug form: lower-case words joined by hyphens."""
    folded = text.lower().replace("'", "").replace("’", "")
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def _span(
    earliest: dt.date, latest: dt.date, precision: str, qualifier: str, text: str
) -> dict[str, str]:
    return {
        "earliest": earliest.isoformat(),
        "latest": latest.isoformat(),
        "precision": precision,
        "qualifier": qualifier,
        "text": text,
    }


def _day_text(day: dt.date) -> str:
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def random_span(rng: random.Random) -> dict[str, str]:
    """A date as a source words it: a day, a range, a part of a month or a whole month."""
    day = START + dt.timedelta(days=rng.randrange((END - START).days + 1))
    month_name = calendar.month_name[day.month]
    roll = rng.random()
    if roll < 0.6:
        return _span(day, day, "day", "on", _day_text(day))
    if roll < 0.8:
        last = min(END, day + dt.timedelta(days=rng.randint(1, 12)))
        if rng.random() < 0.5:
            return _span(day, last, "range", "by", f"by {_day_text(last)}")
        return _span(
            day, last, "range", "between", f"between {_day_text(day)} and {_day_text(last)}"
        )
    last_day = calendar.monthrange(day.year, day.month)[1]
    if roll < 0.95:
        part = rng.choice(("early", "mid", "late"))
        first, final = {"early": (1, 10), "mid": (11, 20), "late": (21, last_day)}[part]
        return _span(
            day.replace(day=first),
            day.replace(day=final),
            "month-part",
            part,
            f"{part} {month_name} {day.year}",
        )
    return _span(
        day.replace(day=1),
        day.replace(day=last_day),
        "month",
        "during",
        f"{month_name} {day.year}",
    )


def _sources(rng: random.Random) -> list[dict[str, Any]]:
    sources = []
    for title, publisher in ARTICLES:
        count = rng.randint(4, len(SECTION_TITLES))
        sections = [
            {"id": slug(name), "title": name, "path": ["History", name]}
            for name in SECTION_TITLES[:count]
        ]
        sources.append(
            {"id": slug(title), "title": title, "publisher": publisher, "sections": sections}
        )
    return sources


def _places(rng: random.Random, villages_per_district: int) -> list[dict[str, Any]]:
    places: list[dict[str, Any]] = []
    seen: set[str] = set()

    def add(
        name: str, kind: str, parent: str | None, *, country: str, lat: float, lon: float,
        precision: float,
    ) -> str:  # fmt: skip
        ident = slug(name)
        while ident in seen:
            ident = f"{ident}-{len(seen)}"
        seen.add(ident)
        places.append(
            {
                "id": ident,
                "name": name,
                "aliases": list(ALIASES.get(name, ())),
                "kind": kind,
                "parent": parent,
                "country": country,
                "lat": round(lat, 4),
                "lon": round(lon, 4),
                "coord_precision_km": precision,
            }
        )
        return ident

    countries = {
        "Syria": add(
            "Syria", "country", None, country="Syria", lat=35.0, lon=38.5, precision=300.0
        ),
        "Iraq": add("Iraq", "country", None, country="Iraq", lat=33.2, lon=43.7, precision=400.0),
    }
    used_names: set[str] = set()
    for governorate, country, glat, glon, districts in gazetteer():
        gov_id = add(
            governorate, "governorate", countries[country],
            country=country, lat=glat, lon=glon, precision=80.0,
        )  # fmt: skip
        for district, dlat, dlon, known in districts:
            dist_id = add(
                district, "district", gov_id, country=country, lat=dlat, lon=dlon, precision=25.0
            )
            for index, name in enumerate(known):
                # The district's main town sits on its centre; the rest around it.
                spread = 0.0 if index == 0 else 0.25
                lat = dlat + rng.uniform(-spread, spread)
                lon = dlon + rng.uniform(-spread, spread)
                kind = "city" if index == 0 else rng.choice(("town", "town", "village", "site"))
                precision = 2.0 if index == 0 else 1.0
                add(name, kind, dist_id, country=country, lat=lat, lon=lon, precision=precision)
                used_names.add(name)
            for _ in range(villages_per_district):
                name = rng.choice(VILLAGE_PREFIXES) + rng.choice(VILLAGE_ROOTS)
                if name in used_names:
                    name = f"{name} {rng.choice(('al-Gharbi', 'al-Sharqi', 'Saghir', 'Kabir'))}"
                if name in used_names:
                    continue
                used_names.add(name)
                lat = dlat + rng.uniform(-0.3, 0.3)
                lon = dlon + rng.uniform(-0.3, 0.3)
                add(name, "village", dist_id, country=country, lat=lat, lon=lon, precision=1.0)
    return places


def _actors(rng: random.Random, units_per_side: int) -> list[dict[str, Any]]:
    actors = [
        {
            "id": slug(name),
            "name": name,
            "aliases": list(aliases),
            "kind": kind,
            "side": side,
            "parent": slug(parent) if parent else None,
        }
        for name, kind, side, parent, aliases in ACTORS
    ]
    seen = {a["id"] for a in actors}
    for side, parents in UNIT_PARENTS.items():
        for _ in range(units_per_side):
            number = rng.randint(1, 180)
            suffix = ORDINALS[number % 10 - 1] if number % 10 in (1, 2, 3) else "th"
            if number % 100 in (11, 12, 13):
                suffix = "th"
            kind = rng.choice(UNIT_KINDS)
            name = f"{number}{suffix} {kind.title()} ({side})"
            if slug(name) in seen:
                continue
            seen.add(slug(name))
            actors.append(
                {
                    "id": slug(name),
                    "name": name,
                    "aliases": [],
                    "kind": kind,
                    "side": side,
                    "parent": slug(rng.choice(parents)),
                }
            )
    return actors


def _campaigns(sources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    campaigns = []
    for index, (name, earliest, latest, parent) in enumerate(CAMPAIGNS):
        source = sources[index % len(sources)]
        first, last = dt.date.fromisoformat(earliest), dt.date.fromisoformat(latest)
        campaigns.append(
            {
                "id": slug(name),
                "name": name,
                "aliases": [],
                "date": _span(
                    first,
                    last,
                    "range",
                    "between",
                    f"{_day_text(first)} – {_day_text(last)}",
                ),
                "parent": slug(parent) if parent else None,
                "result": "Decisive victory" if index % 2 == 0 else "Ongoing",
                "sources": [{"article": source["id"], "section": source["sections"][0]["id"]}],
            }
        )
    return campaigns


def _weighted(rng: random.Random, items: list[Any], count: int, skew: float) -> list[Any]:
    """`count` distinct items, the first ones of `items` much more often than the rest."""
    chosen: list[Any] = []
    while len(chosen) < count:
        index = min(len(items) - 1, int(rng.paretovariate(skew)) - 1)
        item = items[index] if rng.random() < 0.7 else rng.choice(items)
        if item not in chosen:
            chosen.append(item)
    return chosen


def _source_ref(rng: random.Random, sources: list[dict[str, Any]]) -> dict[str, str]:
    source = rng.choice(sources)
    return {"article": source["id"], "section": rng.choice(source["sections"])["id"]}


def _casualty(
    rng: random.Random, sources: list[dict[str, Any]], side_ids: list[str], claimant: str | None
) -> dict[str, Any]:
    count = rng.randint(1, 400)
    upper = count + rng.randint(1, 200) if rng.random() < 0.2 else None
    return {
        "party": rng.choice([*side_ids, "civilians", "all-fighters"]),
        "kind": rng.choice(vocab.CASUALTY_KINDS),
        "count": count,
        "count_max": upper,
        "qualifier": rng.choice(vocab.FIGURE_QUALIFIERS) if upper is None else "exact",
        "claimed_by": claimant,
        "period": None,
        "note": None,
        "source": _source_ref(rng, sources),
    }


def _chain_control(records: list[dict[str, Any]], kinds: dict[str, str]) -> None:
    """Make the random changes of control a story `validate` accepts: each place's changes,
    in the order the data sorts them, start from a side the change before left it to (a
    change to the side that already holds all of it is dropped), and districts and
    governorates never change hands (their villages' holders would contradict them). A
    place changes hands once at most on the same dates, so that no order among changes of
    one day has to be chosen."""
    held: dict[str, tuple[Share, ...]] = {}
    last_dates: dict[str, tuple[str, str]] = {}
    dated = sorted(records, key=lambda r: (r["date"]["earliest"], r["date"]["latest"], r["id"]))
    for record in dated:
        kept = []
        for change in record["control"]:
            place = change["place"]
            if kinds[place] in ("country", "governorate", "district"):
                continue
            dates = (record["date"]["earliest"], record["date"]["latest"])
            shares = held.get(place, (Share(change["from"], "full"),))
            losers = [share.holder for share in shares if share.holder != change["to"]]
            if not losers or last_dates.get(place) == dates:
                continue
            last_dates[place] = dates
            # The side that took it last, where it is not the taker now.
            change["from"] = losers[-1]
            held[place] = after(shares, {**change, "part": None})  # type: ignore[arg-type]
            kept.append(change)
        record["control"] = kept


def generate(events: int, seed: int = 1) -> Document:
    """A valid dataset with `events` events; the same `seed` gives the same document."""
    rng = random.Random(seed)
    sources = _sources(rng)
    places = _places(rng, villages_per_district=14)
    actors = _actors(rng, units_per_side=25)
    campaigns = _campaigns(sources)
    # Settlements (with the known towns first) are where events happen, weighted to the
    # famous ones; districts and governorates are named now and then too.
    settlements = [p for p in places if p["kind"] not in ("country", "governorate", "district")]
    settlements.sort(key=lambda p: (p["kind"] != "city", p["coord_precision_km"] != 2.0))
    areas = [p for p in places if p["kind"] in ("district", "governorate")]
    fighters = [a for a in actors if a["side"] != "monitor"]
    monitors = [a for a in actors if a["side"] == "monitor"]
    side_ids = [s[0] for s in SIDES if s[0] != "monitor"]
    types = [t for t in vocab.EVENT_TYPES if t in VERBS] or list(vocab.EVENT_TYPES)
    roles = [r for r in ("attacker", "defender", "supporter", "target") if r in vocab.ROLES]
    enemy_roles = [r for r in ("defender", "target") if r in vocab.ROLES] or roles
    campaign_ids = [c["id"] for c in campaigns]

    records: list[dict[str, Any]] = []
    for number in range(events):
        date = random_span(rng)
        where = _weighted(rng, settlements, rng.choice((1, 1, 1, 2, 2, 3)), 1.2)
        if rng.random() < 0.05:
            where[-1] = rng.choice([a for a in areas if a not in where])
        who = _weighted(rng, fighters, rng.choice((1, 2, 2, 3, 4)), 1.5)
        kind = rng.choice(types)
        main = who[0]
        place = where[0]
        ident = f"{place['id']}-{slug(kind)}-{number:06d}"
        # Actors of the main actor's side support it; the others defend or are targeted.
        event_actors = [{"actor": main["id"], "role": roles[0]}] + [
            {
                "actor": a["id"],
                "role": "supporter" if a["side"] == main["side"] else rng.choice(enemy_roles),
            }
            for a in who[1:]
        ]
        allies = [a["name"] for a in who[1:] if a["side"] == main["side"]]
        verb = VERBS.get(kind, "is reported at")
        title = f"{main['name']} {verb} {place['name']}"
        others = ", ".join(p["name"] for p in where[1:])
        also = f" and {others}" if others else ""
        support = f", supported by {' and '.join(allies)}" if allies else ""
        when = date["text"][0].upper() + date["text"][1:]
        summary = f"{when}, {main['name']} {verb} {place['name']}{also}{support}."
        control = []
        if kind in ("capture", "withdrawal", "clearance") or rng.random() < 0.05:
            winner = main["side"]
            loser = rng.choice([s for s in side_ids if s != winner])
            control.append(
                {
                    "place": place["id"],
                    "from": loser,
                    "to": winner,
                    "extent": "full" if rng.random() < 0.8 else "partial",
                    "note": None,
                }
            )
        casualties = []
        if kind == "casualty-report" or rng.random() < 0.15:
            claimant = rng.choice(monitors + fighters[:3])["id"] if rng.random() < 0.7 else None
            casualties.append(_casualty(rng, sources, side_ids, claimant))
        records.append(
            {
                "id": ident,
                "date": date,
                "title": title[:200],
                "summary": summary,
                "type": kind,
                "campaign": rng.choice(campaign_ids),
                "places": [p["id"] for p in where],
                "actors": event_actors,
                "control": control,
                "casualties": casualties,
                "sources": [_source_ref(rng, sources) for _ in range(rng.choice((1, 1, 1, 2, 3)))],
            }
        )

    _chain_control(records, {p["id"]: p["kind"] for p in places})
    disputes = []
    for number in range(max(1, events // 500)):
        subject = rng.choice(records) if records else None
        claims = [
            {
                "statement": f"Claim {index + 1} about "
                f"{subject['title'] if subject else 'the campaign'}",
                "source": _source_ref(rng, sources),
                "claimant": rng.choice(actors)["id"] if rng.random() < 0.5 else None,
                "event": subject["id"] if subject else None,
            }
            for index in range(rng.randint(2, 3))
        ]
        disputes.append(
            {
                "id": f"dispute-{number:05d}",
                "topic": f"When and how it happened ({number})",
                "summary": "The sources disagree.",
                "claims": claims,
            }
        )

    return {
        "schema_version": vocab.SCHEMA_VERSION,
        "sources": sources,
        "sides": [{"id": i, "name": n, "description": d} for i, n, d in SIDES],
        "campaigns": campaigns,
        "places": places,
        "actors": actors,
        "events": records,
        "disputes": disputes,
    }


def write(path: Path, events: int, seed: int = 1) -> Path:
    """Write the document for (`events`, `seed`) to `path`: one event per line."""
    document = generate(events, seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    body = {key: value for key, value in document.items() if key != "events"}
    head = json.dumps(body, ensure_ascii=False, indent=1)[:-2]
    with path.open("w", encoding="utf-8") as out:
        out.write(head)
        out.write(',\n "events": [\n')
        for index, event in enumerate(document["events"]):
            out.write(",\n" if index else "")
            out.write(json.dumps(event, ensure_ascii=False))
        out.write("\n ]\n}\n")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000, help="how many events")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the file to write")
    args = parser.parse_args(argv)
    if args.events < 0:
        parser.error("--events must be 0 or more")
    path = write(args.output, args.events, args.seed)
    print(f"wrote {path} ({args.events} events, seed {args.seed}, {path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
