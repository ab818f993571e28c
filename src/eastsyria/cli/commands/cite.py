"""`cite`: a ready citation of every source section some events cite."""

# No `from __future__ import annotations`: Typer reads these annotations on every run.
import datetime as dt
from typing import Annotated

import typer

from eastsyria.cli import spec
from eastsyria.cli.context import catalog, environment
from eastsyria.cli.options import completer, format_option, option
from eastsyria.output.formats import Answer, check_format, emit


def cite(
    ctx: typer.Context,
    event_ids: Annotated[
        list[str],
        typer.Argument(
            metavar="ID...",
            help="Events by id, short code or a unique start of an id.",
            autocompletion=completer("event"),
        ),
    ],
    fmt: Annotated[str | None, format_option("cite")] = None,
    accessed: Annotated[str | None, option(spec.ACCESSED)] = None,
) -> None:
    """Cite the sources of events: each section once, as text, BibTeX, CSL-JSON or RIS.

    Every section `show` cites for each event is cited: its sources, its casualty claims'
    and its disagreements' claims, each with the article's title, the section, the
    publisher, the day you accessed it (--accessed, default today) and the link to the
    section. Events imported from ACLED or UCDP GED cite the dataset as its makers ask.

    Examples:

      eastsyria cite abu-kamal-first-capture

      eastsyria cite 6xgm wuwv --format bibtex > sources.bib

      eastsyria cite abu-kamal-first --format csl-json --accessed 2026-12-07
    """
    from eastsyria.contract.citations import bibtex, citations, csl_json, ris, text_citations

    env = environment(ctx)
    chosen_format = check_format("cite", fmt, env.terminal)
    day = accessed_day(accessed)
    data = catalog(ctx)
    cited = citations(data, [data.resolve_event(event_id) for event_id in event_ids], day)
    documents = {
        "bibtex": lambda: bibtex(cited),
        "csl-json": lambda: csl_json(cited),
        "ris": lambda: ris(cited),
    }
    emit(env, chosen_format, Answer(documents=documents, text=text_citations(cited)))


def accessed_day(typed: str | None) -> dt.date:
    """The access date: the one day --accessed names, else today (what Zotero records when
    an item is saved)."""
    from eastsyria.core.dates import parse_span
    from eastsyria.errors import InputError

    if typed is None:
        return dt.date.today()
    try:
        span = parse_span(typed)
    except InputError as exc:
        raise InputError(f"--accessed: {exc}") from None
    if span.start != span.end:
        raise InputError(
            f"--accessed {typed!r} is {span.start} to {span.end}: give the one day you "
            f"accessed the sources, as 2026-12-07"
        )
    return span.start
