"""`validate`: check a data file; `schema`: the JSON Schema it must follow."""

# No `from __future__ import annotations`: Typer reads these annotations on every run.
from typing import TYPE_CHECKING, Annotated

import typer

from eastsyria.cli.context import data_file, environment, stored
from eastsyria.cli.options import format_option
from eastsyria.errors import DataFileError, Problem
from eastsyria.output.formats import Answer, check_format, emit

if TYPE_CHECKING:
    from eastsyria.data.records import DatasetRecord


def validate(
    ctx: typer.Context,
    path: Annotated[
        str | None,
        typer.Argument(metavar="[PATH]", help="The file to check (default: the active data file)."),
    ] = None,
    fmt: Annotated[str | None, format_option("validate")] = None,
) -> None:
    """Check a data file: schema, references and dates. Lists every problem, exit 2 if any.

    Examples:

      eastsyria validate data/events.json

      eastsyria validate data/events.json --format json
    """
    from eastsyria.contract.validate import validation_lines, validation_report
    from eastsyria.core.catalog import Catalog
    from eastsyria.core.consistency import control_problems
    from eastsyria.data.load import check_file
    from eastsyria.data.stores import wants_store

    env = environment(ctx)
    chosen_format = check_format("validate", fmt, env.terminal)
    target = data_file(ctx, path)
    events = None
    record: DatasetRecord | None
    problems: list[Problem]
    catalog: Catalog | None
    try:
        # A large file is validated in a stream, into a new store queries then use.
        store = stored(env, target, reuse=False) if wants_store(target) else None
        if store is not None:
            record, problems, events = store.record, [], store.size
            catalog = Catalog(record, source=store)
        else:
            record, problems = check_file(target)
            catalog = Catalog(record) if record is not None else None
    except DataFileError as exc:
        if not exc.problems:
            raise
        record, problems, catalog = None, exc.problems, None
    if catalog is not None:
        # What the data says of control must agree with itself (a place and its parts).
        problems = control_problems(catalog)
        if problems:
            record = None
    report = validation_report(target, record, problems, events=events)
    # The verdict of a valid file is data (stdout); the problems of an invalid one are talk.
    lines = tuple(validation_lines(report))
    verdict, notes = (lines[0], ()) if record is not None else (None, lines)
    emit(
        env,
        chosen_format,
        Answer(documents={"json": lambda: report}, text=verdict, notes=notes),
    )
    if record is None:
        count = len(problems)
        from eastsyria.contract.texts import counted

        raise DataFileError(f"{target}: {counted(count, 'problem')}")


def schema(ctx: typer.Context) -> None:
    """Print the JSON Schema of the data file.

    Example:

      eastsyria schema > events.schema.json
    """
    from eastsyria.data.schema import json_schema

    report = Answer(documents={"json": json_schema})
    emit(environment(ctx), check_format("schema", "json"), report)
