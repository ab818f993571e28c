"""Validating a data file in a stream into a new store: the first run on a large file.

Each event is validated (pydantic) and its references checked as it is read, then written to
the store (`store.Writer`); the other collections are validated once the file is read. What
an event names must be known by then: the places, actors, campaigns, sides and sources come
before the events in every file this program writes. A file that gives one of them after
the events is still read, at the cost of reading the written events again to check them.
Problems are those `eastsyria validate` reports, at the same JSON paths.

On every core: a process per core checks a share of the events. Validating an event costs
four times as much as reading it, so each process reads the whole file (the operating system
keeps it in memory once) and checks one batch in N, writing the rows of its share to a store
of its own (a "shard"); the first process then copies the shards' rows into the store being
built. On two cores the first run at a million events takes about half the time. Without
fork (not on Linux or macOS) or with one core, one process checks everything.

A share's process ends with its problems; one that fails in any other way makes the build
fail, never a store with some events missing. Ctrl-C, an error or an early end in the first
process kills the others and removes their shards.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from eastsyria.data.references import event_problems
from eastsyria.data.stream import read_document
from eastsyria.errors import DataFileError, Problem

if TYPE_CHECKING:
    from eastsyria.data.records import DatasetRecord
    from eastsyria.data.references import Known
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
    share of the events each, where there are cores for them (`started`)."""
    with started(path, writer) as others:
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


# -- a share of the events per core ---------------------------------------------------------
# More processes than this gain little: each reads the whole file.
MAX_PARTS = 4


def _parts() -> int:
    if not hasattr(os, "fork"):
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_PARTS))


class Shares:
    """The other processes' shares of the events: (pid, the pipe of its result, its shard)."""

    def __init__(self, parts: int) -> None:
        self.parts = parts
        self.share = (0, parts)
        self.running: list[tuple[int, int, Path]] = []

    def gather(self, writer: Writer) -> list[Problem]:
        """Wait for every other share; copy its rows into `writer`; their problems."""
        problems: list[Problem] = []
        while self.running:
            # A share stays in `running` until its process has ended, so that Ctrl-C while
            # waiting for it still has `stop` kill it and remove its shard.
            pid, pipe, shard = self.running[0]
            result = _read_to_end(pipe)
            _, status = os.waitpid(pid, 0)
            self.running.pop(0)
            os.close(pipe)
            try:
                if status != 0 or not result:
                    raise DataFileError(
                        "a process checking part of the data file failed; run again"
                    )
                problems += pickle.loads(result)  # noqa: S301 - from our own child, through a pipe
                if not problems:
                    writer.absorb(shard)
            finally:
                shard.unlink(missing_ok=True)
        return problems

    def stop(self) -> None:
        for pid, pipe, shard in self.running:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(OSError):
                os.waitpid(pid, 0)
            with contextlib.suppress(OSError):
                os.close(pipe)
            shard.unlink(missing_ok=True)
        self.running.clear()


def _read_to_end(descriptor: int) -> bytes:
    """Everything a child writes to its pipe, the pipe left open (`stop` closes it)."""
    chunks = []
    while chunk := os.read(descriptor, 1 << 16):
        chunks.append(chunk)
    return b"".join(chunks)


@contextlib.contextmanager
def started(path: Path, writer: Writer) -> Iterator[Shares]:
    """The other shares of the file's events, started; stopped at the end, however it ends."""
    shares = Shares(_parts())
    try:
        for part in range(1, shares.parts):
            shard = writer.path.with_name(f"{writer.path.name}.{part}")
            shares.running.append(_start(path, shard, (part, shares.parts)))
        yield shares
    finally:
        shares.stop()


def _start(path: Path, shard: Path, share: tuple[int, int]) -> tuple[int, int, Path]:
    reading, writing = os.pipe()
    pid = os.fork()
    if pid != 0:
        os.close(writing)
        return pid, reading, shard
    # The child: never returns; its result goes through the pipe, its rows into the shard.
    status = 1
    try:
        os.close(reading)
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends it at once
        from eastsyria.data.store import Writer

        own = Writer(shard)
        problems = check_share(path, own, share)
        own.commit()
        own.close()
        with os.fdopen(writing, "wb") as out:
            out.write(pickle.dumps(problems))
        status = 0
    finally:
        os._exit(status)
