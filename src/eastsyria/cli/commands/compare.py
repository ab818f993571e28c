"""`compare`: two articles lined up, event by event."""

# No `from __future__ import annotations`: Typer reads these annotations on every run.
from typing import TYPE_CHECKING, Annotated

import typer

from eastsyria.cli.context import catalog, environment
from eastsyria.cli.options import NoCsvGuardOpt, completer, fields_option, format_option
from eastsyria.contract.compare import COMPARE_FIELDS, COMPARE_PIPED_FIELDS
from eastsyria.output.formats import Answer, check_format, emit

if TYPE_CHECKING:
    from rich.console import RenderableType


def compare(
    ctx: typer.Context,
    articles: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[ARTICLE ARTICLE]",
            help="The two articles: id, title, or a unique start or word of either "
            "(default: the data file's first two).",
            autocompletion=completer("article"),
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[str | None, format_option("compare")] = None,
    no_csv_guard: NoCsvGuardOpt = False,
    fields_: Annotated[str | None, fields_option(COMPARE_FIELDS)] = None,
) -> None:
    """Line two source articles up: events only one tells, and those both tell differently.

    Four kinds of difference: events only one article cites; events both date differently;
    casualty figures both give for one event, party and kind that differ; and the
    disagreements with claims from both.

    Examples:

      eastsyria compare

      eastsyria compare offensive campaign --format csv
    """
    from eastsyria.contract.compare import compare_rows
    from eastsyria.contract.fields import check_fields
    from eastsyria.core.compare import differences, two_articles
    from eastsyria.core.sources import resolve_article

    env = environment(ctx, csv_guard=not no_csv_guard)
    chosen_format = check_format("compare", fmt, env.terminal)
    chosen = check_fields(fields_, COMPARE_FIELDS) if fields_ is not None else None
    data = catalog(ctx)
    sources = data.record["sources"]
    chosen_articles = list(articles or ())
    if len(chosen_articles) == 2:  # else `two_articles` says how many it takes
        chosen_articles = [resolve_article(sources, typed) for typed in chosen_articles]
    first, second = two_articles([s["id"] for s in sources], chosen_articles)
    found = differences(data, first, second)
    rows = compare_rows(data, found, first, second)
    titles = {s["id"]: s["title"] for s in sources}

    def screen(width: int, fields: tuple[str, ...] | None) -> "RenderableType":
        from eastsyria.contract.texts import record_date_text
        from eastsyria.output.compare import compare_screen
        from eastsyria.output.details import simple_table

        if fields is not None:  # the rows as they are, with the fields asked for
            return simple_table(rows, [(field, field) for field in fields], width)

        dates = {d.event["id"]: record_date_text(d.event["date"]) for d in found if d.event}
        return compare_screen(rows, (titles[first], titles[second]), width, dates, data.short_ids)

    from eastsyria.contract.texts import counted

    count = counted(len(rows), "difference")
    report = Answer(
        rows=rows,
        fields=COMPARE_FIELDS,
        chosen=chosen,
        piped=COMPARE_PIPED_FIELDS,
        screen=screen if rows else None,
        notes=(f"{count} between {first} and {second}",),
    )
    emit(env, chosen_format, report)
