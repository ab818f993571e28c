"""Controlled vocabularies of the data file.

Kept free of imports so that completion and the query layer can use them without
loading pydantic; the model validates against these same tuples.
"""

from __future__ import annotations

SCHEMA_VERSION = 1

EVENT_TYPES: tuple[str, ...] = (
    "offensive",
    "advance",
    "crossing",
    "encirclement",
    "siege",
    "assault",
    "capture",
    "counter-attack",
    "repulse",
    "withdrawal",
    "clearance",
    "airstrike",
    "link-up",
    "announcement",
    "clash-period",
    "casualty-report",
    "relief",
    "commander-killed",
)

ROLES: tuple[str, ...] = (
    "attacker",
    "defender",
    "supporter",
    "commander",
    "reporter",
    "claimant",
    "target",
)

# How exact a date span is: "day" means earliest == latest and the day is known.
PRECISIONS: tuple[str, ...] = (
    "day",
    "approximate",
    "range",
    "month-part",
    "month",
    "season",
    "year",
)

# How the source words the date: "by 5 December" is qualifier "by".
QUALIFIERS: tuple[str, ...] = (
    "on",
    "by",
    "between",
    "from",
    "until",
    "around",
    "early",
    "mid",
    "late",
    "during",
)

# The qualifiers of a date that only bounds the day: "by 26 October" (done at some day up to
# then) and "around" ("meanwhile": that day or the next). Another reading inside the window
# narrows it rather than contradicts it: "on 26 October" agrees with "by 26 October".
BOUND_QUALIFIERS: tuple[str, ...] = ("by", "around")

CASUALTY_KINDS: tuple[str, ...] = ("killed", "wounded", "captured")

# "at-least" is the source's "601+" or "at least four"; "up-to" its "up to 1,000".
FIGURE_QUALIFIERS: tuple[str, ...] = ("exact", "at-least", "up-to", "about")

# Casualty parties that are not a side or an actor, with the name a reader sees.
SPECIAL_PARTIES: dict[str, str] = {
    "civilians": "civilians",
    "all-fighters": "fighters on all sides",
    "all": "everyone (fighters and civilians)",
}

CONTROL_EXTENTS: tuple[str, ...] = ("full", "partial")

# How the text vouches for a change of control: "stated" as fact, "reported" ("reportedly",
# "was reported to"), "inferred" (the text implies it without saying it: every town of a bank
# "cleared", troops that "withdrew"; the change carries the statement it rests on in `basis`),
# or "claimed" by a party and not confirmed by the text. A claim never changes who held a
# place; `control` lists it beside the periods.
CONTROL_STATUSES: tuple[str, ...] = ("stated", "reported", "inferred", "claimed")

# How the text vouches for who held a place when the data begins (`held_at_start`).
HOLDING_STATUSES: tuple[str, ...] = ("stated", "reported", "inferred")

# What a curated line of the map is (`lines`): it decides how it is drawn.
LINE_KINDS: tuple[str, ...] = ("river", "border")

# The columns of a dataset's rows that an import keeps on each event (`dataset` of an event:
# {"name": ..., "fields": {...}}), each with whether its values are whole numbers: what the
# datasets' users sync, group and filter by (`--where FIELD=VALUE`). In the order the CSV
# columns of `events` give them, ACLED's then UCDP's.
DATASET_FIELDS: dict[str, dict[str, bool]] = {
    "acled": {
        "timestamp": True,
        "disorder_type": False,
        "sub_event_type": False,
        "civilian_targeting": False,
        "tags": False,
        "source_scale": False,
        "admin1": False,
        "admin2": False,
        "admin3": False,
    },
    "ucdp": {
        "type_of_violence": True,
        "conflict_new_id": True,
        "conflict_name": False,
        "dyad_new_id": True,
        "dyad_name": False,
        "event_clarity": True,
        "deaths_unknown": True,
    },
}
# Every kept field's name, once, in that order.
DATASET_FIELD_NAMES: tuple[str, ...] = tuple(
    dict.fromkeys(name for fields in DATASET_FIELDS.values() for name in fields)
)


def fold_kept(value: object) -> str:
    """A kept column's value, or a value `--where` asks for, as they are compared: as text,
    spaces made single, case ignored."""
    return " ".join(str(value).split()).casefold()


def kept_parts(value: object) -> list[str]:
    """What `--where FIELD=VALUE` matches a kept column's value by, folded (`fold_kept`) as
    the typed value is: the whole value, and each of its parts between semicolons where it
    has several (ACLED's tags, 'crowd size=no report; women targeted: politicians'). The
    query core and a store's `event_fields` both use it."""
    whole = fold_kept(value)
    parts = [whole]
    if ";" in whole:
        parts.extend(part for part in (p.strip() for p in whole.split(";")) if part)
    return list(dict.fromkeys(parts))


# Issue 29: what `reconcile --show` keeps: every row, the matches, or the events only one
# file has (the default first).
RECONCILE_SHOWS: tuple[str, ...] = ("all", "matches", "only")
# Its defaults: the days two events' spans may lie apart and still match, and the least score
# of a match (read by the rule, the options' help and the command alike).
RECONCILE_DAYS = 1
RECONCILE_MIN_SCORE = 0.5
