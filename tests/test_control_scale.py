"""`control` in every form reads each control change a fixed number of times, however many
places and changes there are: counted (reads of the changes' dates), never timed.

A million events hold tens of thousands of changes of one town; work that grows with the
square of a place's changes, or with places times all changes, took minutes there."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from builders import actor, catalog, change, date, event, place, side

from eastsyria.contract.control import control_summary, place_control, shift_views, standing_views
from eastsyria.core.catalog import Catalog
from eastsyria.output.pictures.control import control_svg

SIDES = [side("government", "Syrian government"), side("isil", "Islamic State")]
FIRST = dt.date(2017, 1, 1)


class CountedDate(dict[str, Any]):
    """An event's date that counts how often a field of it is read."""

    reads = 0

    def __getitem__(self, key: str) -> Any:
        CountedDate.reads += 1
        return super().__getitem__(key)


def _day(offset: int) -> str:
    return (FIRST + dt.timedelta(days=offset)).isoformat()


def _town_events(town: str, changes: int) -> list[dict[str, Any]]:
    """`changes` changes of `town` back and forth: most a day apart, some over a span of
    days, some partial, some only claimed, and a quarter of them on one long day, each
    starting from the holder the one before left (the chaining of changes dated alike)."""
    found = []
    holder, other = "isil", "government"
    long_day = changes // 4
    for number in range(changes):
        offset = 2 * number if number < changes - long_day else 2 * (changes - long_day)
        when = (
            date(_day(offset), _day(offset + 3), qualifier="between")
            if number % 7 == 3
            else (date(_day(offset)))
        )
        claimed = number % 11 == 5
        extent = "partial" if number % 5 == 2 else "full"
        status = {"status": "claimed", "claimed_by": "isil"} if claimed else {}
        moved = change(town, holder, other, extent=extent, **status)
        found.append(event(f"{town}-{number:05d}", when, places=[town], control=[moved]))
        if not claimed and extent == "full":
            holder, other = other, holder
    return found


def _dataset(places: int, changes: int) -> Catalog:
    towns = [f"town-{number:03d}" for number in range(places)]
    events = [e for town in towns for e in _town_events(town, changes)]
    # A dispute about every tenth change: its holding is drawn contested.
    disputes = [
        {
            "id": f"dispute-{e['id']}",
            "topic": f"When {e['id']} happened",
            "summary": "The sources disagree.",
            "claims": [{"statement": "Then", "source": None, "claimant": None, "event": e["id"]}],
        }
        for e in events[::10]
    ]
    found = catalog(
        events=events,
        places=[place(town, lat=34.0 + i / 100) for i, town in enumerate(towns)],
        actors=[actor("army", "government"), actor("isil-fighters", "isil")],
        sides=SIDES,
        disputes=disputes,
    )
    for record in found.record["events"]:
        record["date"] = CountedDate(record["date"])
    return found


# Every form of `control`: the table of every place, one place, every place at the end of
# a day, what changed between two days, and the pictures of all places and of one.
FORMS: dict[str, Callable[[Catalog], object]] = {
    "control": control_summary,
    "control PLACE": lambda cat: place_control(cat, "town-000"),
    "control --on": lambda cat: standing_views(cat, _day(150)),
    "control PLACE --on": lambda cat: standing_views(cat, _day(150), "town-000"),
    "control --diff": lambda cat: shift_views(cat, _day(20), _day(300)),
    "control --svg": control_svg,
    "control PLACE --svg": lambda cat: control_svg(
        cat, place_ids=["town-000"], lines=[(_day(150), "then")]
    ),
}


def _reads(form: str, places: int, changes: int) -> int:
    cat = _dataset(places, changes)
    CountedDate.reads = 0
    FORMS[form](cat)
    return CountedDate.reads


@pytest.mark.parametrize("form", FORMS)
def test_twice_the_changes_of_each_place_are_read_about_twice_as_often(form: str) -> None:
    assert _reads(form, 3, 240) <= 2.2 * _reads(form, 3, 120)


@pytest.mark.parametrize("form", FORMS)
def test_twice_the_places_are_read_about_twice_as_often(form: str) -> None:
    assert _reads(form, 6, 60) <= 2.2 * _reads(form, 3, 60)


def test_the_control_events_are_read_once_for_every_form() -> None:
    cat = _dataset(3, 40)
    asked: list[int] = []
    read = cat.source.control_events

    def control_events() -> list[Any]:
        asked.append(1)
        return read()

    cat.source.control_events = control_events  # type: ignore[method-assign]
    for form in FORMS.values():
        form(cat)
    assert len(asked) == 1
