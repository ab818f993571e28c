"""`cite`: a ready citation of every source section some events cite."""

# No `from __future__ import annotations`: Typer reads these annotations on every run.
from typing import Annotated

import typer

from eastsyria.cli.context import catalog, environment
from eastsyria.cli.options import completer, format_option
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
) -> None:
    """Cite the sources of events: each section once, as text, BibTeX, CSL-JSON or RIS.

    Every section `show` cites for each event is cited: its sources, its casualty claims'
    and its disagreements' claims, each with the article's title, the section, the
    publisher and the link to the section.

    Examples:

      eastsyria cite abu-kamal-first-capture

      eastsyria cite 6xgm wuwv --format bibtex > sources.bib

      eastsyria cite abu-kamal-first --format csl-json
    """
    from eastsyria.contract.citations import bibtex, citations, csl_json, ris, text_citations

    env = environment(ctx)
    chosen_format = check_format("cite", fmt, env.terminal)
    data = catalog(ctx)
    cited = citations(data, [data.resolve_event(event_id) for event_id in event_ids])
    documents = {
        "bibtex": lambda: bibtex(cited),
        "csl-json": lambda: csl_json(cited),
        "ris": lambda: ris(cited),
    }
    emit(env, chosen_format, Answer(documents=documents, text=text_citations(cited)))
