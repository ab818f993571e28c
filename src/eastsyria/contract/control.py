"""Every view of `control` as the documented JSON objects: the summary, one place's periods
and unconfirmed claims, every place at the end of a day (`--on`), and what changed hands
between two days (`--diff`).

The field lists are read on every run (the help lists them), so this module imports the
core only inside its functions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from eastsyria.core.catalog import Catalog
    from eastsyria.core.control import Basis, Change, Period, Share
    from eastsyria.core.standing import Standing
    from eastsyria.data.records import DateSpanRecord, EventRecord

# `control`: every place that changed hands (see `control_summary`).
SUMMARY_FIELDS = (
    "place",
    "place_name",
    "changes",
    "last_holder",
    "last_holder_name",
    "last_extent",
    "since",
    "since_date",
    "event",
    # The name as shown: qualified where places share a name ("Abu Kamal (district)").
    "place_label",
)
# `control PLACE`: one row per period (see `period_view`).
PERIOD_FIELDS = (
    "holder",
    "holder_name",
    "side",
    "extent",
    "start",
    "start_latest",
    "start_date",
    "end",
    "end_latest",
    "end_date",
    "event",
    "event_title",
    "note",
    "part",
    "split",
    "holders",
    "status",
    "claimed_by",
    "claimed_by_name",
    # Added in issue 24.
    "certainty",
    "basis",
    "start_known",
    "from_part",
)
# `control --on DATE`: one row per place.
ON_FIELDS = (
    "place",
    "place_name",
    "on",
    "holder",
    "holder_name",
    "side",
    "extent",
    "part",
    "split",
    "holders",
    "certainty",
    "reason",
    "since",
    "since_latest",
    "since_date",
    "event",
    "event_title",
    "pending",
    "may_pass_to",
    "disputes",
    "claimed",
    "lat",
    "lon",
    "place_label",
    # Added in issue 24, after the fields scripts already read.
    "basis",
    "since_known",
)
# `control --diff DATE1 DATE2`: one row per place that changed hands.
DIFF_FIELDS = (
    "place",
    "place_name",
    "before_on",
    "after_on",
    "before_holder",
    "before_holder_name",
    "before_holders",
    "before_certainty",
    "before_reason",
    "after_holder",
    "after_holder_name",
    "after_holders",
    "after_certainty",
    "after_reason",
    "net_change",
    "changes",
    "lat",
    "lon",
    "place_label",
)
# A line of piped output (TSV) when no --fields are given: one place a line, its name first.
ON_PIPED_FIELDS = ("place_label", "holders", "certainty", "since", "reason")
DIFF_PIPED_FIELDS = ("place_label", "before_holders", "after_holders", "net_change", "changes")
# The fields of each view, by the name its help gives it.
VIEW_FIELDS = {
    "summary": SUMMARY_FIELDS,
    "PLACE": PERIOD_FIELDS,
    "--on": ON_FIELDS,
    "--diff": DIFF_FIELDS,
}


def _bound(event: EventRecord | None, prefix: str) -> dict[str, Any]:
    if event is None:
        return {prefix: None, f"{prefix}_latest": None, f"{prefix}_date": None}
    date = event["date"]
    return {
        prefix: date["earliest"],
        f"{prefix}_latest": date["latest"],
        f"{prefix}_date": date["text"],
    }


def share_view(catalog: Catalog, share: Share) -> dict[str, Any]:
    return {
        "holder": share.holder,
        "holder_name": catalog.holder_name(share.holder),
        "side": catalog.holder_side(share.holder),
        "extent": share.extent,
        "part": share.part,
    }


def period_view(catalog: Catalog, period: Period) -> dict[str, Any]:
    """A period of control; its start and end carry the uncertainty of their events' dates.

    `holder` is the one who took the place (or held it first); `holders` everyone who held a
    part of it, when it was split.
    """
    begun = period.begun
    change = begun.change if begun else None
    lead = share_view(catalog, period.lead)
    return {
        **{key: lead[key] for key in ("holder", "holder_name", "side", "extent")},
        **_bound(begun.event if begun else None, "start"),
        **_bound(period.ended.event if period.ended else None, "end"),
        "event": begun.event["id"] if begun else None,
        "event_title": begun.event["title"] if begun else None,
        "note": change["note"] if change else None,
        # Added in issue 11, so after the fields scripts already read.
        "part": lead["part"],
        "split": period.split,
        "holders": [share_view(catalog, share) for share in period.shares],
        "status": change["status"] if change else None,
        "claimed_by": change["claimed_by"] if change else None,
        "claimed_by_name": catalog.holder_name(change["claimed_by"])
        if change and change["claimed_by"]
        else None,
        "certainty": period.certainty,
        "basis": basis_view(period.rests_on),
        "start_known": period.known_since,
        "from_part": change["from_part"] if change else None,
    }


def claim_view(catalog: Catalog, claim: Change) -> dict[str, Any]:
    """A claimed change of control the text does not confirm: who claimed what, and when."""
    change = claim.change
    claimant = change["claimed_by"] or ""
    return {
        "claimed_by": claimant,
        "claimed_by_name": catalog.holder_name(claimant),
        "from": change["from"],
        "from_name": catalog.holder_name(change["from"]),
        "to": change["to"],
        "to_name": catalog.holder_name(change["to"]),
        "extent": change["extent"],
        "part": change["part"],
        **_bound(claim.event, "date"),
        "event": claim.event["id"],
        "event_title": claim.event["title"],
        "note": change["note"],
    }


def place_control(catalog: Catalog, place_id: str) -> dict[str, Any]:
    """`control PLACE --format json`: the place, who held it when, and unconfirmed claims."""
    from eastsyria.core.control import claims_by_place, periods

    place = catalog.places[place_id]
    return {
        "place": {
            **{key: place[key] for key in ("id", "name", "kind", "lat", "lon")},
            "label": catalog.place_label(place_id),
        },
        "periods": [period_view(catalog, p) for p in periods(catalog, place_id)],
        "claims": [claim_view(catalog, c) for c in claims_by_place(catalog).get(place_id, [])],
    }


def control_summary(catalog: Catalog) -> list[dict[str, Any]]:
    """`control --format json`: every place that changed hands, how often, who held it last."""
    from eastsyria.core.control import last_changes

    return [
        {
            "place": place_id,
            "place_name": catalog.places[place_id]["name"],
            "changes": count,
            "last_holder": last.change["to"],
            "last_holder_name": catalog.holder_name(last.change["to"]),
            "last_extent": last.change["extent"],
            "since": last.event["date"]["earliest"],
            "since_date": last.event["date"]["text"],
            "event": last.event["id"],
            "place_label": catalog.place_label(place_id),
        }
        for place_id, count, last in last_changes(catalog)
    ]


def when_text(date: DateSpanRecord) -> str:
    """A change's date for a sentence: '9 Nov 2017', '22–28 Nov 2017' (some day in it),
    'late 9 Nov 2017', '~ 9–10 Nov 2017'."""
    from eastsyria.contract.texts import record_date_text
    from eastsyria.core.calendar import span_text

    if date["qualifier"] == "by":
        return span_text(date["earliest"], date["latest"])
    return record_date_text(date)


# The fields of one change in `pending` and `changes`, in order.
STEP_FIELDS = (
    "event",
    "event_title",
    "date",
    "date_latest",
    "date_date",
    "when",
    "from",
    "from_name",
    "to",
    "to_name",
    "extent",
    "part",
)


def step_view(catalog: Catalog, step: Change) -> dict[str, Any]:
    """One change of control with its event and dates, as `pending` and `changes` list it."""
    # A change and a claim carry the same facts; a change also its date in short.
    view = {**claim_view(catalog, step), "when": when_text(step.event["date"])}
    return {name: view[name] for name in STEP_FIELDS}


def _holders(catalog: Catalog, shares: tuple[Share, ...]) -> list[dict[str, Any]]:
    return [share_view(catalog, share) for share in shares]


def _names(catalog: Catalog, shares: tuple[Share, ...]) -> str:
    from eastsyria.contract.texts import holding_text

    return " and ".join(holding_text(view) for view in _holders(catalog, shares))


def reason(catalog: Catalog, standing: Standing) -> str:
    """Why the holding is as certain as it is, in words: since when it held, the dispute,
    the change that may already have happened, and any claim made since."""
    from eastsyria.core.calendar import short_day

    first = standing.first_change
    if first is not None:
        return (
            f"the data does not say; {held_when_changed(catalog, first)}, "
            f"{when_text(first.event['date'])}"
        )
    if not standing.shares:
        return "the data does not say who held it"
    begun = standing.begun
    if begun:
        said = [f"since {when_text(begun.event['date'])}"]
    elif standing.known_since:
        said = ["since before the data"]
    else:
        said = ["held when it changed hands, since when the data does not say"]
    said += rests_on_text(standing.rests_on)
    if standing.disputes:
        said.append("disputed: " + "; ".join(d["topic"] for d in standing.disputes))
    if standing.pending:
        last = standing.pending[-1].event
        date = last["date"]
        # "by 28 November 2017" says no more than "by 28 Nov 2017" does.
        wording = "" if date["qualifier"] == "by" else f", {date['text']}"
        said.append(
            f"may have passed to {_names(catalog, standing.may_pass_to)} by "
            f"{short_day(date['latest'])} ({last['title']}{wording})"
        )
    for claim in standing.claims:
        claimant = catalog.holder_name(claim.change["claimed_by"] or "")
        said.append(
            f"{claimant} claimed {catalog.holder_name(claim.change['to'])} took it on "
            f"{when_text(claim.event['date'])}, unconfirmed"
        )
    return "; ".join(said)


def held_when_changed(catalog: Catalog, change: Change) -> str:
    """'held by the Syrian government when it changed hands' (with the part it held, where
    the data says): all the `from` side of a first change tells."""
    from eastsyria.core.control import losing_shares

    return f"held by {_names(catalog, losing_shares(change.change))} when it changed hands"


def rests_on_text(bases: tuple[Basis, ...]) -> list[str]:
    """What a holding rests on that is weaker than a statement of the text, in words."""
    said = []
    for basis in bases:
        what = f" ({basis.event['title']})" if basis.event else " (who held it at the start)"
        if basis.status == "inferred":
            said.append(f"inferred{what}: {basis.statement}")
        elif basis.status == "reported":
            said.append(f"reported, not stated{what}")
    return said


def basis_view(bases: tuple[Basis, ...]) -> list[dict[str, Any]]:
    """What a holding rests on, for `basis`: each change (by event) or starting holding (no
    event), how the text vouches for it, and an inference's statement."""
    return [{"event": b.event_id, "status": b.status, "statement": b.statement} for b in bases]


def _place(catalog: Catalog, place_id: str) -> dict[str, Any]:
    return {"place": place_id, "place_name": catalog.places[place_id]["name"]}


def _coordinates(catalog: Catalog, place_id: str) -> dict[str, Any]:
    place = catalog.places[place_id]
    return {"lat": place["lat"], "lon": place["lon"], "place_label": catalog.place_label(place_id)}


def standing_view(catalog: Catalog, standing: Standing) -> dict[str, Any]:
    """`control --on DATE`: who held one place at the end of the day, and how surely."""
    lead = standing.lead
    shown = share_view(catalog, lead) if lead else dict.fromkeys(("holder", "holder_name"))
    begun = standing.begun
    date = begun.event["date"] if begun else None
    return {
        **_place(catalog, standing.place),
        "on": standing.day,
        "holder": shown["holder"],
        "holder_name": shown["holder_name"],
        "side": shown.get("side"),
        "extent": shown.get("extent"),
        "part": shown.get("part"),
        "split": len(standing.shares) > 1,
        "holders": _holders(catalog, standing.shares),
        "certainty": standing.certainty,
        "reason": reason(catalog, standing),
        "since": date["earliest"] if date else None,
        "since_latest": date["latest"] if date else None,
        "since_date": date["text"] if date else None,
        "event": begun.event["id"] if begun else None,
        "event_title": begun.event["title"] if begun else None,
        "pending": [step_view(catalog, step) for step in standing.pending],
        "may_pass_to": _holders(catalog, standing.may_pass_to),
        "disputes": [{"id": d["id"], "topic": d["topic"]} for d in standing.disputes],
        "claimed": [claim_view(catalog, claim) for claim in standing.claims],
        **_coordinates(catalog, standing.place),
        "basis": basis_view(standing.rests_on),
        "since_known": standing.known_since if standing.shares else None,
    }


def standing_views(catalog: Catalog, day: str, place_id: str | None = None) -> list[dict[str, Any]]:
    """Every place at the end of `day` (or only `place_id`): known holders first, by name."""
    from eastsyria.core.standing import standing, standings

    found = [standing(catalog, place_id, day)] if place_id else standings(catalog, day)
    return [standing_view(catalog, s) for s in found]


def shift_views(
    catalog: Catalog, first: str, last: str, place_id: str | None = None
) -> list[dict[str, Any]]:
    """`control --diff DATE1 DATE2`: the places that changed hands between the two days."""
    from eastsyria.core.standing import shifts

    rows = []
    for shift in shifts(catalog, first, last):
        if place_id is not None and shift.place != place_id:
            continue
        ends: dict[str, Any] = {}
        for end, held in (("before", shift.before), ("after", shift.after)):
            view = standing_view(catalog, held)
            ends |= {
                f"{end}_on": held.day,
                f"{end}_holder": view["holder"],
                f"{end}_holder_name": view["holder_name"],
                f"{end}_holders": view["holders"],
                f"{end}_certainty": view["certainty"],
                f"{end}_reason": view["reason"],
            }
        rows.append(
            {
                **_place(catalog, shift.place),
                **{name: ends[name] for name in DIFF_FIELDS if name in ends},
                "net_change": shift.net_change,
                "changes": [step_view(catalog, step) for step in shift.changes],
                **_coordinates(catalog, shift.place),
            }
        )
    return rows
