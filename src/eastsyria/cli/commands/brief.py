"""`brief`: the story of the matching events as cited prose, ready to paste."""

# No `from __future__ import annotations`: Typer reads these annotations on every run.
from collections.abc import Callable
from typing import Annotated, Any

import typer

from eastsyria.cli import spec
from eastsyria.cli.context import catalog, environment
from eastsyria.cli.options import format_option, option, takes_filters
from eastsyria.core.query import Filters
from eastsyria.output.formats import Answer, check_format, emit


def _ranked(command: Callable[..., None]) -> Callable[..., None]:
    """The help says the ranking rule as `core.brief.RANKING` has it: one table for the
    code, the help and the docs."""
    from eastsyria.core.brief import ranking_text

    command.__doc__ = (command.__doc__ or "").replace("{ranking}", ranking_text())
    return command


@takes_filters
@_ranked
def brief(
    ctx: typer.Context,
    filters: Filters,
    *,
    sentences: Annotated[int | None, option(spec.SENTENCES)] = None,
    max_words: Annotated[int | None, option(spec.MAX_WORDS)] = None,
    cite_style: Annotated[str, option(spec.CITE_STYLE)] = "numbered",
    accessed: Annotated[str | None, option(spec.ACCESSED)] = None,
    fmt: Annotated[str | None, format_option("brief")] = None,
) -> None:
    """The matching events as cited prose a journalist can paste: each sentence with its
    sources, every uncertainty and disagreement as the data records it.

    The events are told in date order, each by its own summary (the project's words, never
    the articles'), its date as the data gives it ("by 16 October 2017", "some day between
    23 and 26 October 2017"), the changes of control it records and, where the sources
    disagree, each account with its own source. The brief ends with who held each place at
    the end of the period (the --to date, else the last event's), as sure as `control --on`
    is, and the casualty figures side by side: competing figures are never added.

    Every sentence cites its sources as `cite` does: numbered references (default), a note
    per sentence (--cite-style footnotes), or pandoc's [@key] citations of the ids `cite
    --format csl-json` writes (-f markdown --cite-style pandoc).

    With --sentences or --max-words, the events that rank first are kept when not all fit:
    {ranking}; by date within a rank. The kept events are told in date order, and a line on
    stderr says how many were left out and the `eastsyria events` command that lists the
    whole selection.

    Examples:

      eastsyria brief --place "Abu Kamal" --from 2017-11-01 --to 2017-11-20

      eastsyria brief --campaign abu-kamal-offensive --sentences 12 -f markdown

      eastsyria brief --place Mayadin -f markdown --cite-style pandoc
    """
    from eastsyria.cli.commands.cite import accessed_day
    from eastsyria.cli.context import SOURCE_KEY
    from eastsyria.contract.brief import brief_view, cite_brief, left_out_note
    from eastsyria.core.brief import CITE_STYLES, candidates, check_budget, events_command
    from eastsyria.core.brief import brief as make_brief
    from eastsyria.core.filters import date_bounds
    from eastsyria.core.names import did_you_mean, suggest
    from eastsyria.core.query import no_match_notes
    from eastsyria.errors import InputError

    env = environment(ctx)
    chosen_format = check_format("brief", fmt, env.terminal)
    check_budget(sentences, max_words)
    if cite_style not in CITE_STYLES:
        hint = did_you_mean(suggest(cite_style, list(CITE_STYLES)))
        raise InputError(
            f"no citation style {cite_style!r}{hint} (choose from {', '.join(CITE_STYLES)})"
        )
    if cite_style == "pandoc" and chosen_format.name != "markdown":
        raise InputError(
            "--cite-style pandoc writes pandoc's [@key] citations: give it with -f markdown"
        )
    day = accessed_day(accessed)
    data = catalog(ctx)
    found, selected = candidates(data, filters, sentences, max_words)
    root = ctx.find_root()
    listing = events_command(filters, root.params.get("data"), ctx.meta.get(SOURCE_KEY))
    made = make_brief(
        data,
        found,
        end=date_bounds(filters)[1],
        sentences=sentences,
        max_words=max_words,
        listing=listing,
        selected=selected,
    )
    cited = cite_brief(data, made, day)
    note = left_out_note(made)
    # Nothing selected: nothing on stdout but an empty brief for programs, and the line
    # `events` says, on stderr.
    notes = (note,) if note else () if found else no_match_notes(data, filters)

    def written(name: str) -> str:
        from eastsyria.output import brief as out

        if not found:
            return ""
        render = {"text": out.brief_text, "markdown": out.brief_markdown, "html": out.brief_html}
        return render[name](made, cited, cite_style)

    documents: dict[str, Callable[[], Any]] = {
        "json": lambda: brief_view(made, cited),
        "markdown": lambda: written("markdown"),
        "html": lambda: written("html"),
    }
    text = written("text") if chosen_format.name == "text" and found else None
    emit(env, chosen_format, Answer(documents=documents, text=text, notes=notes))
    if chosen_format.name != "text":  # the text format says its notes itself
        for line in notes:
            env.note(line)
