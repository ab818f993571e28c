"""`disputes`: where the sources disagree, each claim with its source and its events."""

# No `from __future__ import annotations`: Typer reads these annotations on every run.
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer

from eastsyria.cli.context import catalog, environment
from eastsyria.cli.options import NoCsvGuardOpt, format_option, option, takes_filters
from eastsyria.cli.spec import FIELDS
from eastsyria.contract.claims import DISPUTE_CLAIM_FIELDS, DISPUTE_FIELDS
from eastsyria.core.query import Filters
from eastsyria.output.formats import Answer, check_format, emit

if TYPE_CHECKING:
    from rich.console import RenderableType

    from eastsyria.data.records import EventRecord

# JSON and JSON Lines give each dispute whole; the other formats a row per claim.
_NESTED = ("json", "jsonl")
_DISPUTE_FIELDS_HELP = (
    f"{FIELDS.help}: {', '.join(DISPUTE_CLAIM_FIELDS)}; "
    f"in json and jsonl: {', '.join(DISPUTE_FIELDS)}."
)


def short_dates(events: "Iterable[EventRecord]") -> dict[str, str]:
    """Each event's short date, by id: of the events drawn, not of every event."""
    from eastsyria.contract.texts import record_date_text

    return {event["id"]: record_date_text(event["date"]) for event in events}


def drawn(
    rows: Sequence[Mapping[str, Any]], draw: Callable[[int], "RenderableType"]
) -> Callable[[int, tuple[str, ...] | None], "RenderableType"]:
    """A table of the fields asked for with --fields, else the command's own drawing."""

    def screen(width: int, fields: tuple[str, ...] | None) -> "RenderableType":
        from eastsyria.output.details import simple_table

        if fields:
            return simple_table(rows, [(name, name) for name in fields], width)
        return draw(width)

    return screen


@takes_filters
def disputes(
    ctx: typer.Context,
    filters: Filters,
    fmt: Annotated[str | None, format_option("disputes")] = None,
    no_csv_guard: NoCsvGuardOpt = False,
    fields_: Annotated[str | None, option(FIELDS, help=_DISPUTE_FIELDS_HELP)] = None,
) -> None:
    """Where the sources disagree: each claim with its claimant and source, and the events.

    With the events' filters, only the disagreements about an event they keep.

    Examples:

      eastsyria disputes

      eastsyria disputes --place "Abu Kamal" --format csv
    """
    from eastsyria.contract.claims import (
        DISPUTE_BRIEF_FIELDS,
        DISPUTE_PIPED_FIELDS,
        dispute_document,
        dispute_rows,
    )
    from eastsyria.contract.fields import check_fields
    from eastsyria.core.claims import disputes_kept

    env = environment(ctx, csv_guard=not no_csv_guard)
    chosen_format = check_format("disputes", fmt, env.terminal)
    nested = chosen_format.name in _NESTED
    known = DISPUTE_FIELDS if nested else DISPUTE_CLAIM_FIELDS
    chosen = check_fields(fields_, known) if fields_ is not None else None
    data = catalog(ctx)
    found = disputes_kept(data, filters)
    documents = [dispute_document(data, dispute) for dispute in found]
    rows = documents if nested else [row for d in found for row in dispute_rows(data, d)]

    def screen(width: int) -> "RenderableType":
        from eastsyria.output.claims import disputes_screen

        named = {event["id"] for document in documents for event in document["events"]}
        dates = short_dates(data.source.events_with_ids(named))
        return disputes_screen(documents, width, data.short_ids, dates)

    from eastsyria.contract.texts import counted

    count = counted(len(found), "dispute")
    report = Answer(
        rows=rows,
        fields=known,
        chosen=chosen,
        brief=DISPUTE_BRIEF_FIELDS,
        piped=DISPUTE_PIPED_FIELDS,
        screen=drawn(rows, screen) if found else None,
        notes=(count,) if found else ("no disputes about the events these filters keep",),
    )
    emit(env, chosen_format, report)
