"""Every text a reader sees of a contract object, written once.

The CSV and Markdown cells, the tables and `show` all call these, so a control change or a
casualty figure reads the same wherever it appears.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from eastsyria.core.calendar import MONTH_NAMES, season_of, span_text, whole_period

if TYPE_CHECKING:
    from eastsyria.core.geo import Offset
    from eastsyria.data.records import CasualtyRecord, DateSpanRecord

# How a table marks an event the sources disagree about: the sign on a terminal that shows
# it, the words where it may not be seen (a pipe, a file, an ASCII console).
DISPUTED_SIGN = "⚑"
DISPUTED_WORDS = "(disputed)"


def counted(count: int, noun: str) -> str:
    """'1 event', '72 events', '99,800 events': a count with its noun, plural but for one."""
    return f"{count:,} {noun}{'s' if count != 1 else ''}"


def disputed_legend(mark: str) -> str:
    """The note under a table that marks disputed events: what the mark means, and where to
    read the disagreement."""
    return f"{mark} the sources disagree: eastsyria disputes"


# Above figures that count the same losses, and above the infoboxes' totals.
COMPETING_NOTE = "Competing claims, not to be added"
CAMPAIGN_TOTALS_NOTE = (
    "Each campaign's infobox totals, its article's own count (not to be added to the totals "
    "above, nor to each other: the offensive lies inside the campaign)"
)
TOTALS_NOTE = (
    "Campaign totals from the infoboxes, each article's own count (not to be added to the "
    "figures above, nor to each other: the offensive lies inside the campaign)"
)

_FIGURE_PREFIXES = {"at-least": "at least ", "up-to": "up to ", "about": "about "}


def figure_text(claim: CasualtyRecord) -> str:
    """'at least 601 killed', '5,000–10,000 killed': the figure as claimed, never rounded."""
    count = f"{claim['count']:,}"
    if claim["count_max"] is not None:
        count = f"{count}–{claim['count_max']:,}"
    best = claim.get("best")
    told = f"{_FIGURE_PREFIXES.get(claim['qualifier'], '')}{count} {claim['kind']}"
    # A best estimate inside a range ("8–15 killed (best estimate 10)"); of one figure it is
    # the figure.
    return (
        told if best is None or claim["count_max"] is None else f"{told} (best estimate {best:,})"
    )


def distance_text(found: Offset, reference: str) -> str:
    """Where a place lies from a reference place, as much as its coordinates tell (see
    `core.geo`): 'at Abu Kamal', 'in Deir ez-Zor', 'around Abu Kamal' (its countryside or
    outskirts), 'covers Mayadin' (a wider place it lies in, such as its governorate), 'up to
    15 km from Abu Kamal' (the places may coincide: the most the distance can be), '70–85 km
    NW of Abu Kamal' (the least and the most it can be; 'up to 20 km SE of Mayadin' where
    the least rounds down to 0)."""
    if found.relation in ("at", "in", "around", "covers"):
        return f"{found.relation} {reference}"
    if found.relation == "within":
        return f"up to {found.told_km} km from {reference}"
    # Apart by more than the margin, but by less than a step of it: the least is 0.
    least = f"{found.least_km}–" if found.least_km else "up to "
    return f"{least}{found.told_km} km {found.direction} of {reference}"


def short_distance_text(view: Mapping[str, Any]) -> str:
    """An event's `distance_text` under a heading that names the --near place: '60–80 km NW',
    'up to 15 km', 'at Abu Kamal'; '' without --near."""
    text, near = view.get("distance_text"), view.get("near")
    if not text or not near:
        return ""
    name = near.get("label", near["name"])
    return str(text).removesuffix(f" of {name}").removesuffix(f" from {name}")


def source_label(source: dict[str, Any]) -> str:
    """'2017 Abu Kamal offensive › First attack on the city'."""
    return f"{source['article_title']} › {source['section_title']}"


def control_about(change: Mapping[str, Any]) -> str:
    """'part: 40 percent; reported by SOHR', 'claimed by X, unconfirmed', or '' for a change
    of the whole place that the text states."""
    about = []
    if change["extent"] == "partial":
        about.append(f"part: {change['part']}" if change["part"] else "partial")
    said = status_text(change)
    return "; ".join([*about, *([said] if said else [])])


def status_text(change: Mapping[str, Any]) -> str:
    """How the text vouches for a change: '' when it states it, 'reported by SOHR',
    'reportedly', 'claimed by X, unconfirmed'."""
    by = change["claimed_by_name"]
    if change["status"] == "claimed":
        return f"claimed by {by}, unconfirmed"
    if change["status"] == "reported":
        return f"reported by {by}" if by else "reportedly"
    if change["status"] == "inferred":
        return "inferred, not stated"
    return ""


def source_text(source: dict[str, Any]) -> str:
    """The label and, where the section has one, its link in angle brackets, as a URL is set
    in plain text: '2017 Abu Kamal offensive › First attack on the city
    <https://en.wikipedia.org/wiki/2017_Abu_Kamal_offensive#First_attack_on_the_city>'."""
    label = source_label(source)
    return f"{label} <{source['url']}>" if source.get("url") else label


def control_text(change: dict[str, Any]) -> str:
    """'Abu Kamal: Islamic State (ISIL) → Syrian government and allies (part: 40 percent)'."""
    about = control_about(change)
    said = f" ({about})" if about else ""
    place = change.get("place_label") or change["place_name"]
    return f"{place}: {change['from_name']} → {change['to_name']}{said}"


def share_text(share: Mapping[str, Any]) -> str:
    """'' for a whole place; 'part: the north', or 'the rest' for the holder who kept it."""
    if share["extent"] == "full":
        return ""
    return f"part: {share['part']}" if share["part"] else "the rest"


def holding_text(share: dict[str, Any]) -> str:
    """'Islamic State (ISIL)', 'Islamic State (ISIL) (part: the north)', '... (the rest)'."""
    part = share_text(share)
    return f"{share['holder_name']} ({part})" if part else str(share["holder_name"])


def claim_text(claim: dict[str, Any]) -> str:
    """A casualty claim with who claimed it, for when and any note: all but its source."""
    text = f"{claim['party_name']}: {claim['figure']}"
    if claim["claimed_by_name"]:
        text += f", claimed by {claim['claimed_by_name']}"
    if claim["period"]:
        text += f", {claim['period']['date']}"
    if claim["note"]:
        text += f" ({claim['note']})"
    return text


def casualty_text(claim: dict[str, Any]) -> str:
    """A casualty claim and, in brackets, its source."""
    return f"{claim_text(claim)} [{source_label(claim['source'])}]"


def linked_casualty_text(claim: dict[str, Any]) -> str:
    """A casualty claim and its source with the source's link (CSV)."""
    return f"{claim_text(claim)} [{source_text(claim['source'])}]"


def actor_text(actor: dict[str, Any]) -> str:
    return f"{actor['name']} ({actor['role']})"


def commander_text(commander: dict[str, Any]) -> str:
    """'Maj. Gen. Issam Zahreddine (Syrian government and allies; killed)'."""
    about = [commander["side_name"]]
    about += ["killed"] if commander["killed"] else []
    about += [commander["note"]] if commander["note"] else []
    return f"{commander['name']} ({'; '.join(about)})"


def strength_text(strength: dict[str, Any]) -> str:
    # A unit's figure already names the unit ("Tiger Forces: 450").
    if strength["unit"]:
        return str(strength["figure"])
    return f"{strength['side_name']}: {strength['figure']}"


def step_text(step: dict[str, Any]) -> str:
    """'9 Nov 2017: Islamic State (ISIL) → Syrian government and allies
    (abu-kamal-first-capture)': a change of control with its event."""
    part = f" (part: {step['part']})" if step["part"] else ""
    moved = f"{step['from_name']} → {step['to_name']}{part}"
    return f"{step['when']}: {moved} ({step['event']})"


def claimed_text(claim: dict[str, Any]) -> str:
    """'Pro-government sources, 8 Nov 2017: Islamic State (ISIL) → Syrian government...'."""
    moved = f"{claim['from_name']} → {claim['to_name']}"
    return f"{claim['claimed_by_name']}, {claim['date_date']}: {moved}"


def _name(value: dict[str, Any]) -> str:
    """An item by name; a place by its label, qualified where places share its name."""
    return str(value.get("label") or value["name"])


def basis_text(basis: dict[str, Any]) -> str:
    """'inferred (west-bank-link-up): The whole western bank was cleared...', 'stated
    (abu-kamal-second-capture)', 'stated (held at the start)'."""
    where = basis["event"] or "held at the start"
    said = f": {basis['statement']}" if basis["statement"] else ""
    return f"{basis['status']} ({where}){said}"


def _dispute_id(value: dict[str, Any]) -> str:
    return str(value["id"])


def fields_text(kept: Mapping[str, Any]) -> str:
    """An imported row's kept columns in one cell, those given: 'timestamp=1700000000;
    sub_event_type=Armed clash'."""
    return "; ".join(f"{name}={value}" for name, value in kept.items() if value is not None)


# How an object inside a field reads in one cell, by the field it is in.
def _article_date(dated: dict[str, Any]) -> str:
    """'eastern-syria-campaign: by 26 October 2017, ...'."""
    return f"{dated['article']}: {dated['date']}"


OBJECT_TEXTS: dict[str, Callable[[dict[str, Any]], str]] = {
    "places": _name,
    "actors": actor_text,
    "control": control_text,
    "holders": holding_text,
    "casualties": casualty_text,
    "sources": source_label,
    "disputes": _dispute_id,
    "units": _name,
    "commanders": commander_text,
    "strengths": strength_text,
    # `control --on` and `--diff` (issue 13).
    "pending": step_text,
    "changes": step_text,
    "may_pass_to": holding_text,
    "before_holders": holding_text,
    "after_holders": holding_text,
    "claimed": claimed_text,
    # What a holding rests on (issue 24).
    "basis": basis_text,
    "near": _name,
    "near_place": _name,
    "dated_by": _article_date,
    # An imported row's kept columns (issue 28): 'sub_event_type=Armed clash; admin1=...'.
    "dataset_fields": fields_text,
}


# The same in a file for programs (CSV, TSV), where a citation carries its link.
LINKED_TEXTS: dict[str, Callable[[dict[str, Any]], str]] = {
    **OBJECT_TEXTS,
    "casualties": linked_casualty_text,
    "sources": source_text,
}


def cell_text(
    field: str, value: Any, texts: Mapping[str, Callable[[dict[str, Any]], str]] = OBJECT_TEXTS
) -> str:
    """One CSV, Markdown or table cell: lists joined with '; ', objects as their field reads
    in `texts`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(cell_text(field, item, texts) for item in value)
    if isinstance(value, dict):
        text = texts.get(field)
        return text(value) if text else json.dumps(value, ensure_ascii=False)
    return str(value)


def date_text(event: Mapping[str, Any], *, year: bool = True) -> str:
    """The date for a table, built from the span: '3 Nov 2017', '≤ 16 Oct 2017' (by that day),
    '3–4 Nov 2017' (some time in the span), '~ 27 Oct – 1 Nov 2017' (approximate),
    'late 9 Nov 2017', 'early Apr 2018', 'summer 2018'.

    The source's own wording stays in the event's "date"; this is for scanning a column.
    Without `year` the year is left out where the span lies in one year.
    """
    start, end, precision = event["start"], event["end"], event["precision"]
    if precision == "day" and event["qualifier"] == "late":
        # Kept: it orders two events of one day ("9 Nov", then "late 9 Nov").
        return f"late {span_text(start, end, year=year)}"
    if event["qualifier"] == "by":
        return f"≤ {span_text(end, end, year=year)}"
    if precision == "month-part" and event["qualifier"] in ("early", "mid", "late"):
        month = dt.date.fromisoformat(start)
        named = f"{event['qualifier']} {MONTH_NAMES[month.month - 1][:3]}"
        return f"{named} {month.year}" if year else named
    if precision == "season":
        return season_of(start, end)
    if precision in ("month", "year"):
        whole = whole_period(start, end)
        if whole:
            return whole if year or precision == "year" else whole.split()[0]
    span = span_text(start, end, year=year)
    if precision == "approximate":
        return f"~ {span}"
    return span


def record_date_text(date: DateSpanRecord, *, year: bool = True) -> str:
    """`date_text` of a date as the data file records it."""
    view = {
        "start": date["earliest"],
        "end": date["latest"],
        "precision": date["precision"],
        "qualifier": date["qualifier"],
    }
    return date_text(view, year=year)
