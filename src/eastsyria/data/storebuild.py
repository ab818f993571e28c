"""Validating a data file in a stream into a new store: the first run on a large file.

Each event is validated (pydantic) and its references checked as it is read, then written to
the store (`store.Writer`); the other collections are validated once the file is read. What
an event names must be known by then: the places, actors, campaigns, sides and sources come
before the events in every file this program writes. A file that gives one of them after
the events is still read, at the cost of reading the written events again to check them.
Problems are those `eastsyria validate` reports, at the same JSON paths.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from eastsyria.data.references import event_problems
from eastsyria.data.stream import read_document
from eastsyria.errors import Problem

if TYPE_CHECKING:
    from eastsyria.data.records import DatasetRecord
    from eastsyria.data.references import Known
    from eastsyria.data.shares import Shares
    from eastsyria.data.store import Writer

# Enough to say what is wrong and where; a file with a million bad events is not listed whole.
MAX_PROBLEMS = 1000
# What an event refers to: read after the first event, they are checked again at the end.
_NAMED_BY_EVENTS = frozenset({"sources", "sides", "places", "actors", "campaigns"})


class _TooMany(Exception):
    """MAX_PROBLEMS were found: reading on would only take time."""


SHARE_BATCH = 1000


class _Build:
    def __init__(self, writer: Writer, share: tuple[int, int] = (0, 1)) -> None:
        from pydantic import ValidationError

        from eastsyria.data.schema import Event

        # This process's share of the events: batch `i` of SHARE_BATCH is ours when
        # i % parts == part (`shares`: the other parts are checked by other processes).
        self.part, self.parts = share
        self.writer = writer
        self.event_model = Event
        self.invalid = ValidationError
        self.document: dict[str, Any] = {}
        self.problems: list[Problem] = []
        self.known: Known | None = None
        self.events_seen = False
        self.presses: list[int] = []  # Ctrl-C, held while pydantic runs (load.ctrl_c_held)

    def note(self, problems: list[Problem]) -> None:
        room = MAX_PROBLEMS - len(self.problems)
        self.problems.extend(problems[: max(room, 0)])
        if len(self.problems) >= MAX_PROBLEMS:
            raise _TooMany

    def on_event(self, index: int, item: Any) -> None:
        if self.presses:
            raise KeyboardInterrupt  # between two events: never inside pydantic
        if not self.events_seen:
            self.events_seen = True
            if set(self.document) >= _NAMED_BY_EVENTS:  # else checked once all is read
                self.known = _known_so_far(self.document)
        if self.parts > 1 and (index // SHARE_BATCH) % self.parts != self.part:
            return
        try:
            event = self.event_model.model_validate(item)
        except self.invalid as exc:
            from eastsyria.data.load import json_path

            self.note(
                [Problem(json_path(("events", index, *e["loc"])), e["msg"]) for e in exc.errors()]
            )
            return
        except RecursionError:
            self.note([Problem(f"events[{index}]", "nested too deeply")])
            return
        if self.known is not None:
            found = event_problems(index, event, self.known)
            if found:
                self.note(found)
        if self.problems:
            return  # the file will not be kept: only its problems matter now
        date = event.date
        self.writer.add(
            index,
            (
                event.id,
                date.earliest.isoformat(),
                date.latest.isoformat(),
                event.type,
                event.campaign,
                bool(event.control),
                bool(event.casualties),
            ),
            (event.places, [role.actor for role in event.actors]),
            event.model_dump_json(by_alias=True),
        )


def _known_so_far(document: dict[str, Any]) -> Known | None:
    """What events may name, from the collections read before them; None if those do not
    validate (their problems are reported once the whole file is read)."""
    from pydantic import TypeAdapter, ValidationError

    from eastsyria.data.references import Known
    from eastsyria.data.schema import Actor, Campaign, Place, Side, Source

    def read(key: str, model: Any) -> Any:
        return TypeAdapter(list[model]).validate_python(document.get(key, []))

    try:
        return Known(
            sources=read("sources", Source),
            sides=read("sides", Side),
            places=read("places", Place),
            actors=read("actors", Actor),
            campaigns=read("campaigns", Campaign),
        )
    except ValidationError:
        return None


def build(path: Path, writer: Writer) -> tuple[DatasetRecord | None, list[Problem]]:
    """Validate the file at `path` into `writer`: the dataset without its events (they are
    in the store), or every problem found (up to MAX_PROBLEMS). Other processes check a
    share of the events each, where there are cores for them (`shares`)."""
    from eastsyria.data import shares

    with shares.started(path, writer) as others:
        state = _Build(writer, others.share)
        try:
            return _build(path, writer, state, others)
        except _TooMany:
            stopped = Problem("(file)", f"stopped after {MAX_PROBLEMS} problems; fix these first")
            return None, [*state.problems, stopped]


def check_share(path: Path, writer: Writer, share: tuple[int, int]) -> list[Problem]:
    """In another process: check share `share` of the file's events into `writer`; the
    problems found (up to MAX_PROBLEMS)."""
    state = _Build(writer, share)
    with contextlib.suppress(_TooMany):
        read_document(path, state.document, state.on_event)
    writer.flush()
    return state.problems


def _build(
    path: Path, writer: Writer, state: _Build, others: Shares
) -> tuple[DatasetRecord | None, list[Problem]]:
    from pydantic import ValidationError

    from eastsyria.data.load import ctrl_c_held, json_path
    from eastsyria.data.references import Known, reference_problems
    from eastsyria.data.schema import Dataset

    with ctrl_c_held(state.presses):
        document = read_document(path, state.document, state.on_event)
    theirs = others.gather(writer)  # their rows into this store, their problems here
    if theirs:  # in the order of the events, as one process finds them
        state.problems = sorted([*state.problems, *theirs], key=_event_order)[:MAX_PROBLEMS]
    if not isinstance(document, dict):
        kind = type(document).__name__
        return None, [Problem("(document)", f"expected a JSON object, found {kind}")]
    try:
        model = Dataset.model_validate({**document, "events": []})
    except ValidationError as exc:
        state.note([Problem(json_path(err["loc"]), err["msg"]) for err in exc.errors()])
        return None, state.problems
    if state.events_seen and state.known is None:
        # What events refer to came after them (or does not validate): check them now.
        known = Known.of(model, event_ids=())
        for index, body in writer.bodies():
            state.note(event_problems(index, state.event_model.model_validate_json(body), known))
    for event_id, indexes in writer.duplicate_ids():
        state.note([Problem(f"events[{i}].id", f"duplicate id {event_id!r}") for i in indexes])
    if state.problems:
        return None, state.problems
    writer.index()
    state.note(reference_problems(model, event_ids=_StoredIds(writer)))
    if state.problems:
        return None, state.problems
    return cast("DatasetRecord", model.model_dump(mode="json", by_alias=True)), []


def _event_order(problem: Problem) -> int:
    """The index of the event a problem is about ('events[12].date': 12)."""
    location = problem.location
    if location.startswith("events["):
        return int(location[7 : location.index("]")])
    return -1


class _StoredIds:
    """The ids of the events written so far, looked up in the store."""

    def __init__(self, writer: Writer) -> None:
        self.writer = writer

    def __contains__(self, event_id: object) -> bool:
        return isinstance(event_id, str) and self.writer.has_event(event_id)
