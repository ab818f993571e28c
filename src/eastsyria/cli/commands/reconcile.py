"""`reconcile`: what one dataset confirms, contradicts or lacks in another."""

# No `from __future__ import annotations`: Typer reads these annotations on every run.
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from eastsyria.cli.context import catalog_at, environment
from eastsyria.cli.options import (
    DataOpt,
    NoCsvGuardOpt,
    fields_option,
    format_option,
    option,
    takes_filters,
)
from eastsyria.cli.spec import AGAINST, MATCH_DAYS, MIN_SCORE, SHOW
from eastsyria.contract.reconcile import RECONCILE_FIELDS
from eastsyria.core.query import Filters
from eastsyria.data.vocab import RECONCILE_DAYS, RECONCILE_MIN_SCORE, RECONCILE_SHOWS
from eastsyria.output.formats import Answer, check_format, emit

if TYPE_CHECKING:
    from rich.console import RenderableType

    from eastsyria.core.catalog import Catalog


@takes_filters
def reconcile(
    ctx: typer.Context,
    filters: Filters,
    *,
    data: DataOpt = None,
    against: Annotated[Path | None, option(AGAINST)] = None,
    min_score: Annotated[float, option(MIN_SCORE, show_default=False)] = RECONCILE_MIN_SCORE,
    days: Annotated[int, option(MATCH_DAYS, show_default=False)] = RECONCILE_DAYS,
    show: Annotated[str, option(SHOW, show_default=False)] = RECONCILE_SHOWS[0],
    fmt: Annotated[str | None, format_option("reconcile")] = None,
    no_csv_guard: NoCsvGuardOpt = False,
    fields_: Annotated[str | None, fields_option(RECONCILE_FIELDS)] = None,
) -> None:
    """Match the events of two data files: what one confirms, contradicts or lacks in the
    other.

    The data file (--data, typically one `eastsyria import` wrote) against the shipped
    curated data, or against any other data file (--against FILE). Two events match when
    their date spans overlap (or lie at most --days apart), their places lie within the
    distance their coordinates' precision allows (both precisions plus 5 km), they share a
    side and their types are compatible (a capture and a battle). A score from 0 to 1
    weighs the four (dates 0.35, place 0.30, sides 0.20, type 0.15); each event of the data
    file takes its best match at or above --min-score, and each match says why, and what
    agrees and what differs: the dates, the figures of the killed (never added up where
    they compete), who held the place after, the type. Events no match names are only in
    their file.

    The event filters select on both files; a place or actor one file does not know is an
    error naming that file.

    Examples:

      eastsyria reconcile --data tests/samples/acled-reconcile.json

      eastsyria reconcile --data tests/samples/ucdp-reconcile.json --days 5

      eastsyria reconcile --against tests/samples/ucdp-reconcile.json -f csv
    """
    from eastsyria.contract.fields import check_fields
    from eastsyria.contract.reconcile import (
        RECONCILE_BRIEF_FIELDS,
        RECONCILE_PIPED_FIELDS,
        reconcile_rows,
    )
    from eastsyria.core import reconcile as rule
    from eastsyria.errors import InputError

    env = environment(ctx, csv_guard=not no_csv_guard)
    chosen_format = check_format("reconcile", fmt, env.terminal)
    chosen = check_fields(fields_, RECONCILE_FIELDS) if fields_ is not None else None
    if not 0 <= min_score <= 1:
        raise InputError(f"--min-score must be from 0 to 1, not {min_score:g}")
    if days < 0:
        raise InputError(f"--days must be 0 or more, not {days}")
    if show not in RECONCILE_SHOWS:
        choices = f"{', '.join(RECONCILE_SHOWS[:-1])} or {RECONCILE_SHOWS[-1]}"
        raise InputError(f"--show must be {choices}, not {show!r}")
    paths = _two_files(ctx, data, against)
    catalogs = (catalog_at(ctx, paths[0]), catalog_at(ctx, paths[1]))
    names = (paths[0].name, paths[1].name)
    data_sketches, data_titles = rule.selected_sketches(catalogs[0], filters, names[0])
    against_sketches, against_titles = rule.selected_sketches(catalogs[1], filters, names[1])
    found = rule.reconcile(
        data_sketches,
        against_sketches,
        where=(rule.points(catalogs[0]), rule.points(catalogs[1])),
        labels=(catalogs[0].place_labels, catalogs[1].place_labels),
        side_names={**catalogs[1].side_names, **catalogs[0].side_names},
        days=days,
        min_score=min_score,
    )

    def records(first: list[str], second: list[str]) -> tuple[Any, Any]:
        def read(catalog: "Catalog", ids: list[str]) -> dict[str, Any]:
            return {e["id"]: e for e in catalog.source.events_with_ids(ids)}

        return read(catalogs[0], first), read(catalogs[1], second)

    rows = reconcile_rows(catalogs, found, (data_titles, against_titles), records, show)

    def screen(width: int, fields: tuple[str, ...] | None) -> "RenderableType":
        from eastsyria.output.details import simple_table
        from eastsyria.output.reconcile import reconcile_screen

        if fields is not None:
            return simple_table(rows, [(field, field) for field in fields], width)
        codes = (catalogs[0].short_ids, catalogs[1].short_ids)
        return reconcile_screen(rows, width, names, codes)

    matches = len(found.matches)
    note = (
        f"{matches:,} match{'es' * (matches != 1)} (min score {min_score:g}, {days} day"
        f"{'s' * (days != 1)} of slack); only in {names[0]}: {len(found.only_data):,}; "
        f"only in {names[1]}: {len(found.only_against):,}"
    )
    report = Answer(
        rows=rows,
        fields=RECONCILE_FIELDS,
        chosen=chosen,
        brief=RECONCILE_BRIEF_FIELDS,
        piped=RECONCILE_PIPED_FIELDS,
        screen=screen if rows else None,
        notes=(note,),
    )
    emit(env, chosen_format, report)


def _two_files(ctx: typer.Context, data: str | None, against: Path | None) -> tuple[Path, Path]:
    """The data file (this command's --data, else the global one, else EASTSYRIA_DATA) and
    the other (--against, else the shipped data); refused when they are one file."""
    from eastsyria.cli.context import data_file
    from eastsyria.data.load import shipped_data_path
    from eastsyria.errors import InputError

    first = data_file(ctx, data)
    second = against if against is not None else shipped_data_path()
    if against is not None and not against.is_file():
        why = "is a folder" if against.is_dir() else "does not exist"
        raise InputError(f"--against {against}: the file {why} (give a data file)")
    try:
        same = first.resolve() == second.resolve() or first.samefile(second)
    except OSError:
        same = False
    if same:
        fix = (
            "give the file to check with --data (one `eastsyria import` wrote)"
            if against is None
            else "give another file with --against"
        )
        raise InputError(f"--data and --against are the same file ({second}): {fix}")
    return first, second
