"""Validating a data file in a stream into a new store: the first run on a large file.

Each event is validated (pydantic) and its references checked as it is read, then written to
the store (`store.Writer`); the other collections are validated once the file is read. What
an event names must be known by then: the places, actors, campaigns, sides and sources come
before the events in every file this program writes. A file that gives one of them after
the events is still read, at the cost of reading the written events again to check them.

Problems are those the whole file's check finds (`load.validate_document`), in its order and
at the same JSON paths: what does not fit the schema, if anything does not (the collections
before the events, the events, the rest, then unknown keys, as pydantic lists them); else
every broken reference (`references.reference_problems`, the events' own in their place).

On every core: a process per core checks a share of the events. Validating an event costs
four times as much as reading it, so each process reads the whole file (the operating system
keeps it in memory once) and checks one batch in N, writing the rows of its share to a store
of its own (a "shard", 0600 as every file of the cache); the first process then copies the
shards' rows into the store being built. On two cores the first run at a million events
takes about half the time. Without fork (not on Linux or macOS) or with one core, one
process checks everything.

A share's process ends with its problems; one that fails in any other way (a full disk, no
memory) makes the build fail with StoreUnavailable, never a store with some events missing.
Ctrl-C, SIGTERM, SIGHUP, an error or an early end in the first process kills the others and
removes their shards; on Linux they also end with the first process however it ends.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from eastsyria.data.cache import raise_noted, termination_held
from eastsyria.data.references import event_problems
from eastsyria.data.store import StoreUnavailable, chronological, record_of, remove, why
from eastsyria.data.stream import read_document
from eastsyria.errors import Problem

if TYPE_CHECKING:
    from eastsyria.data.records import DatasetRecord, EventRecord
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
        self.shapes: list[Problem] = []  # events that do not fit the schema
        self.references: list[Problem] = []  # events' broken references
        self.known: Known | None = None
        self.known_from: dict[str, Any] = {}  # the collections `known` was made of
        self.events_seen = False
        # Ctrl-C, SIGTERM, SIGHUP, held while pydantic runs (load.ctrl_c_held)
        self.presses: list[int] = []

    def note(self, problems: list[Problem], kind: list[Problem]) -> None:
        kind.extend(problems[: max(MAX_PROBLEMS - len(kind), 0)])
        if len(kind) >= MAX_PROBLEMS:
            raise _TooMany

    def found(self) -> list[Problem]:
        """What the whole file's check would tell first: its shape, else its references."""
        return self.shapes or self.references

    def again(self) -> None:
        """The file gives its events again: as `json.loads` reads it, the last are its own."""
        self.shapes, self.references = [], []
        self.known, self.known_from, self.events_seen = None, {}, False
        self.writer.clear()

    def on_event(self, index: int, item: Any) -> None:
        if self.presses:
            raise_noted(self.presses)  # between two events: never inside pydantic
        if not self.events_seen:
            self.events_seen = True
            if set(self.document) >= _NAMED_BY_EVENTS:  # else checked once all is read
                self.known = _known_so_far(self.document)
                self.known_from = {key: self.document[key] for key in _NAMED_BY_EVENTS}
        if self.parts > 1 and (index // SHARE_BATCH) % self.parts != self.part:
            return
        try:
            event = self.event_model.model_validate(item)
        except self.invalid as exc:
            from eastsyria.data.load import json_path

            errors = exc.errors()
            self.note(
                [Problem(json_path(("events", index, *e["loc"])), e["msg"]) for e in errors],
                self.shapes,
            )
            return
        except RecursionError:
            self.note([Problem(f"events[{index}]", "nested too deeply")], self.shapes)
            return
        if self.shapes:
            return  # the file will not be kept, and only what does not fit will be told
        if self.known is not None:
            broken = event_problems(index, event, self.known)
            if broken:
                self.note(broken, self.references)
        date = event.date
        # Written even with broken references: ids given twice are found among the rows.
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
            return None, [*state.found(), stopped]


def check_share(path: Path, writer: Writer, share: tuple[int, int]) -> tuple[list[Problem], ...]:
    """In another process: check share `share` of the file's events into `writer`; the
    problems found (up to MAX_PROBLEMS): of shape, of references."""
    state = _Build(writer, share)
    with contextlib.suppress(_TooMany):
        read_document(path, state.document, state.on_event, state.again)
    writer.flush()
    return state.shapes, state.references


def _build(
    path: Path, writer: Writer, state: _Build, others: Shares
) -> tuple[DatasetRecord | None, list[Problem]]:
    from eastsyria.data.load import ctrl_c_held
    from eastsyria.data.references import Known, reference_problems

    with ctrl_c_held(state.presses), termination_held(state.presses):
        document = read_document(path, state.document, state.on_event, state.again)
    # Their rows into this store (not needed if the file's shape is wrong), their problems
    # here, in the order of the events as one process finds them.
    shapes, references = others.gather(writer, rows_wanted=not state.shapes)
    state.shapes = sorted([*state.shapes, *shapes], key=_event_order)[:MAX_PROBLEMS]
    state.references = sorted([*state.references, *references], key=_event_order)
    if isinstance(document, dict) and any(
        document.get(key) is not value for key, value in state.known_from.items()
    ):  # given again after the events (the last is the file's): they were checked too early
        state.known, state.references = None, []
    if not isinstance(document, dict):
        kind = type(document).__name__
        return None, [Problem("(document)", f"expected a JSON object, found {kind}")]
    with ctrl_c_held(state.presses), termination_held(state.presses):
        model, shapes = _collections(document, state.shapes)
        if shapes:
            return None, shapes
        if state.events_seen and state.known is None:
            # What events refer to came after them (or does not validate): check them now.
            known = Known.of(model, event_ids=())
            for index, body in writer.bodies():
                if state.presses:
                    raise_noted(state.presses)
                event = state.event_model.model_validate_json(body)
                state.note(event_problems(index, event, known), state.references)
    duplicates = sorted(
        (
            Problem(f"events[{index}].id", f"duplicate id {event_id!r}")
            for event_id, indexes in writer.duplicate_ids(MAX_PROBLEMS)
            for index in indexes
        ),
        key=_event_order,
    )
    # The store is kept only without problems: else its ids are indexed only to look up.
    writer.index(unique=not (duplicates or state.references))
    problems = reference_problems(
        model, event_ids=_StoredIds(writer), events_checked=(duplicates, state.references)
    )
    if problems:
        return None, problems
    return cast("DatasetRecord", model.model_dump(mode="json", by_alias=True)), []


def _collections(document: dict[str, Any], events: list[Problem]) -> tuple[Any, list[Problem]]:
    """The dataset validated without its events (they are in the store; an `events` that is
    not an array is in `document`), and every problem of shape, the events' (`events`)
    where pydantic lists them in a whole file: after the collections declared before them,
    before those after them and any unknown key."""
    from pydantic import ValidationError

    from eastsyria.data.load import json_path
    from eastsyria.data.schema import Dataset

    try:
        model = Dataset.model_validate(document)
    except ValidationError as exc:
        fields = list(Dataset.model_fields)
        ahead = set(fields[: fields.index("events")])
        errors = [(e["loc"], Problem(json_path(e["loc"]), e["msg"])) for e in exc.errors()]
        first = [problem for loc, problem in errors if loc and loc[0] in ahead]
        rest = [problem for loc, problem in errors if not (loc and loc[0] in ahead)]
        return None, [*first, *events, *rest]
    except RecursionError:
        return None, [Problem("(document)", "nested too deeply")]
    return model, events


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


class _Share:
    """Another process, checking a share of the events: its pid until it has been waited
    for, the pipe its result comes through until closed, and its shard until removed."""

    def __init__(self, pid: int, pipe: int, shard: Path) -> None:
        self.pid: int | None = pid
        self.pipe: int | None = pipe
        self.shard = shard

    def end(self, *, kill: bool) -> int | None:
        """Wait for the process (killed first with `kill`): its wait status, once."""
        with _signals_held():  # a pid waited for is forgotten at once: never killed again
            pid, self.pid = self.pid, None
            if pid is None:
                return None
            if kill:
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
            try:
                return os.waitpid(pid, 0)[1]
            except ChildProcessError:
                return None

    def close(self) -> None:
        pipe, self.pipe = self.pipe, None
        if pipe is not None:
            with contextlib.suppress(OSError):
                os.close(pipe)


class Shares:
    """The other processes' shares of the events, and the share of this one."""

    def __init__(self, parts: int) -> None:
        self.parts = parts
        self.share = (0, parts)
        self.running: list[_Share] = []

    def gather(self, writer: Writer, *, rows_wanted: bool = True) -> tuple[list[Problem], ...]:
        """Wait for every other share; copy its rows into `writer` while `rows_wanted` and
        no share's events fit the schema badly; their problems: of shape, of references."""
        shapes: list[Problem] = []
        references: list[Problem] = []
        # Each share stays in `running` until its process has ended, its pipe is closed and
        # its shard removed, so that Ctrl-C, SIGTERM or an error at any point still has
        # `stop` finish the job.
        for share in self.running:
            result = b"" if share.pipe is None else _read_to_end(share.pipe)
            status = share.end(kill=False)
            share.close()
            try:
                found_shapes, found_references = _outcome(status, result)
                shapes += found_shapes
                references += found_references
                if rows_wanted and not shapes:
                    writer.absorb(share.shard)
            finally:
                remove(share.shard)
        self.running.clear()
        return shapes, references

    def stop(self) -> None:
        with _signals_held():  # a second Ctrl-C must not leave the rest running
            for share in self.running:
                share.end(kill=True)
                share.close()
                remove(share.shard)
            self.running.clear()


def _outcome(status: int | None, result: bytes) -> tuple[list[Problem], list[Problem]]:
    """A share's problems, from what its process wrote and how it ended."""
    told = pickle.loads(result) if result else None  # noqa: S301 - our own child's, by a pipe
    if status == 0 and told and told[0] == "checked":
        return told[1], told[2]
    if told and told[0] == "failed":
        raise StoreUnavailable(f"a process checking part of the file failed: {told[1]}")
    if status is not None and os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = f"signal {number}"
        raise StoreUnavailable(f"a process checking part of the file was ended by {name}")
    raise StoreUnavailable("a process checking part of the file ended early")


def _read_to_end(descriptor: int) -> bytes:
    """Everything a child writes to its pipe, the pipe left open (`stop` closes it)."""
    chunks = []
    while chunk := os.read(descriptor, 1 << 16):
        chunks.append(chunk)
    return b"".join(chunks)


_HELD = ("SIGINT", "SIGTERM", "SIGHUP")


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C, SIGTERM and SIGHUP wait, to be delivered on leaving, while the list of other
    processes changes: one landing in between would leave a process nobody stops, or would
    have one that was waited for (its pid perhaps another's by now) killed.

    Held by Python's handlers, not the signal mask: with a second thread in the process a
    signal blocked in this one still runs its Python handler here."""
    noted: list[int] = []
    previous: dict[int, Any] = {}
    try:
        for name in _HELD:
            number = getattr(signal, name, None)
            if number is not None and signal.getsignal(number) is not signal.SIG_IGN:
                previous[number] = signal.signal(number, lambda got, _: noted.append(got))
    except ValueError:  # not the main thread: signals are not ours to handle
        _restore(previous)
        yield
        return
    try:
        yield
    finally:
        _restore(previous)
        for number in noted[:1]:  # as the signal would have, had it landed now
            before = previous.get(number)
            if callable(before):
                before(number, None)
            else:
                os.kill(os.getpid(), number)


def _restore(handlers: dict[int, Any]) -> None:
    for number, before in handlers.items():
        signal.signal(number, signal.SIG_DFL if before is None else before)


@contextlib.contextmanager
def started(path: Path, writer: Writer) -> Iterator[Shares]:
    """The other shares of the file's events, started; stopped at the end, however it ends."""
    shares = Shares(_parts())
    try:
        for part in range(1, shares.parts):
            shard = writer.path.with_name(f"{writer.path.name}.{part}")
            with _signals_held():  # between fork and the list, a signal would lose a process
                shares.running.append(_start(path, shard, (part, shares.parts)))
        yield shares
    finally:
        shares.stop()


def _start(
    path: Path,
    shard: Path,
    share: tuple[int, int],
    task: Callable[[Writer], None] | None = None,
) -> _Share:
    parent = os.getpid()
    reading, writing = os.pipe()
    try:
        pid = os.fork()
    except BaseException:
        os.close(reading)
        os.close(writing)
        raise
    if pid != 0:
        os.close(writing)
        return _Share(pid, reading, shard)
    # The child: never returns; its result goes through the pipe, its rows into the shard.
    status = 1
    told: tuple[Any, ...] = ("failed", "it stopped")
    try:
        _be_a_share(parent)
        os.close(reading)
        from eastsyria.data.store import Writer

        own = Writer(shard)
        if task is None:
            shapes, references = check_share(path, own, share)
        else:
            task(own)
            shapes, references = [], []
        own.commit()
        own.close()
        status, told = 0, ("checked", shapes, references)
    except BaseException as exc:  # noqa: BLE001 - told to the first process, which decides
        told = ("failed", why(exc))
    finally:
        with contextlib.suppress(BaseException), os.fdopen(writing, "wb") as out:
            out.write(pickle.dumps(told))
        os._exit(status)


# -- numbering the events read, with their views ---------------------------------------------

# What makes the serialised views of a batch of events, given the dataset they belong to:
# JSON array items, JSON Lines and (if given) CSV rows and TSV lines (`Writer.add_numbered`).
Renderer = Callable[["DatasetRecord"], Callable[[list["EventRecord"]], tuple[list[bytes], ...]]]
NUMBER_BATCH = 1000


def number(read: Writer, into: Writer, record: DatasetRecord, renderer: Renderer | None) -> None:
    """Write the events `read` holds into `into`, numbered in chronological order (a query
    then reads them in the order of their numbers, with no sort), each with its view
    serialised by `renderer` (none without it), and their places and actors: a share of
    the numbers per core, as `build` checks a share of the events per core."""
    # Its exclusive lock let go (by the next read), so that `into` may attach it.
    read.connection.execute("PRAGMA locking_mode = NORMAL")
    total = int(read.connection.execute("SELECT count(*) FROM events").fetchone()[0])
    parts = _parts() if renderer is not None else 1
    bounds = [total * part // parts for part in range(parts + 1)]

    def share(part: int) -> Callable[[Writer], None]:
        def write(own: Writer) -> None:
            import sqlite3
            from urllib.parse import quote

            connection = sqlite3.connect(
                f"file:{quote(str(read.path))}?mode=ro&immutable=1", uri=True
            )
            rows = chronological(connection, bounds[part], bounds[part + 1])
            _numbered(rows, own, record, renderer, bounds[part])
            connection.close()

        return write

    with _tasks_started(into, [share(part) for part in range(1, parts)]) as others:
        rows = read.chronological(bounds[0], bounds[1])
        _numbered(rows, into, record, renderer, bounds[0])
        others.gather(into)
    into.number_links(read)
    into.index_numbered()


def _numbered(
    rows: Iterable[tuple[Any, ...]],
    into: Writer,
    record: DatasetRecord,
    renderer: Renderer | None,
    first: int,
) -> None:
    """Events read in chronological order, numbered from `first`, written with their views."""
    render = None if renderer is None else renderer(record)
    batch: list[tuple[Any, ...]] = []
    for row in rows:
        batch.append((first, *row[1:]))
        first += 1
        if len(batch) == NUMBER_BATCH:
            into.add_numbered(batch, render and render([record_of(row[-1]) for row in batch]))
            batch = []
    if batch:
        into.add_numbered(batch, render and render([record_of(row[-1]) for row in batch]))


@contextlib.contextmanager
def _tasks_started(writer: Writer, tasks: list[Callable[[Writer], None]]) -> Iterator[Shares]:
    """A process for each task, writing a shard of `writer`'s store; stopped at the end,
    however it ends."""
    shares = Shares(len(tasks) + 1)
    try:
        for part, task in enumerate(tasks, start=1):
            shard = writer.path.with_name(f"{writer.path.name}.{part}")
            with _signals_held():
                shares.running.append(_start(writer.path, shard, (part, shares.parts), task))
        yield shares
    finally:
        shares.stop()


def _be_a_share(parent: int) -> None:
    """Signals end a share's process at once (the first process removes what it leaves),
    as does, on Linux, the end of the first process, however it ends (kill -9 too)."""
    for name in _HELD:
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) is not signal.SIG_IGN:
            signal.signal(number, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            set_death_signal = 1  # prctl's PR_SET_PDEATHSIG
            ctypes.CDLL(None).prctl(set_death_signal, signal.SIGKILL)
        if os.getppid() != parent:  # the first process ended before that was set
            os._exit(1)
