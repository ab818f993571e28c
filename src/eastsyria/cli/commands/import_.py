"""`import`: turn an ACLED export or a UCDP GED CSV file into a data file of this project."""

# No `from __future__ import annotations`: Typer reads these annotations on every run.
from pathlib import Path
from typing import Annotated, Any

import typer

from eastsyria.cli import spec
from eastsyria.cli.context import environment
from eastsyria.cli.options import option
from eastsyria.errors import InputError

DATASETS = ("acled", "ucdp", "sides")
# Rows reported on stderr before "and N more".
SHOWN_REJECTIONS = 20


def import_(
    ctx: typer.Context,
    dataset: Annotated[
        str,
        typer.Argument(
            metavar="acled|ucdp|sides",
            help="The dataset of FILE; `sides` prints the default side mapping instead.",
        ),
    ],
    file: Annotated[
        Path | None, typer.Argument(metavar="[FILE.csv]", help="The dataset's CSV file.")
    ] = None,
    *,
    output: Annotated[
        Path | None,
        option(spec.OUTPUT, help="Write the data file to FILE (default: standard output)."),
    ] = None,
    sides: Annotated[Path | None, option(spec.SIDES_FILE)] = None,
    rejected: Annotated[Path | None, option(spec.REJECTED)] = None,
    ged_version: Annotated[str | None, option(spec.GED_VERSION)] = None,
    update: Annotated[Path | None, option(spec.UPDATE)] = None,
) -> None:
    """Turn an ACLED export or a UCDP GED CSV file into a data file of this project.

    Every row becomes an event, with its date span, place, actors, casualty claims and its
    row of the dataset as source; a row that cannot be converted is reported on stderr with
    its line and the reason, and the last line counts them: imported N of M rows; K
    reported. Query the result with --data.

    Write it with -o FILE (see 'Writing files' in the README: never over the shipped data
    file), or to stdout. A newer export of rows imported before: --update OLD.json tells
    what it added, changed and deleted (eastsyria import acled new.csv --update old.json -o
    merged.json).

    Examples:

      eastsyria import acled tests/samples/acled-syria.csv > syria.json

      eastsyria import sides > sides.toml

      eastsyria import ucdp tests/samples/ucdp-syria.csv --ged-version 23.1
    """
    from eastsyria.imports.sides import default_text, load

    env = environment(ctx)
    kind = _dataset(dataset)
    if kind == "sides":
        if file is not None:
            raise InputError(f"eastsyria import sides takes no file (got {file})")
        env.stdout.write(default_text())
        return
    if file is None:
        raise InputError(
            f"eastsyria import {kind} needs the CSV file: eastsyria import {kind} FILE.csv"
        )
    version = _ged_version(kind, ged_version)
    mapping = load(sides)
    _check_outputs(output, rejected, file)
    before = None
    if update is not None:
        from eastsyria.imports.run import CONVERTERS
        from eastsyria.imports.update import Update

        before = Update(update, kind, CONVERTERS[kind].SOURCE["id"])
    _run(env, kind, file, mapping, output=output, rejected=rejected, version=version, update=before)


# `import` is a Python keyword: the function is `import_`, the command `import`.
import_.__name__ = "import"


def _dataset(typed: str) -> str:
    if typed.strip().lower() in DATASETS:
        return typed.strip().lower()
    from eastsyria.core.names import did_you_mean, suggest

    hint = did_you_mean(suggest(typed, DATASETS))
    raise InputError(f"no dataset {typed!r}{hint}: expected acled, ucdp or sides")


def _check_outputs(output: Path | None, rejected: Path | None, source: Path) -> None:
    from eastsyria.data.load import shipped_data_path
    from eastsyria.data.outfile import check_target

    never = {shipped_data_path(): "the shipped data file", source: "the CSV file being imported"}
    if output is not None:
        check_target(output, "the import", named="import.json", never=never)
        never[output] = "the -o file"
    if rejected is not None:
        check_target(rejected, "the rejected rows", named="rejected.csv", never=never)


def _run(
    env: Any,
    kind: str,
    file: Path,
    mapping: Any,
    *,
    output: Path | None,
    rejected: Path | None,
    version: str | None = None,
    update: Any = None,
) -> None:
    import contextlib
    import gc

    # `entry.main` turns the cyclic collector off for short runs; an import may run for
    # minutes over millions of rows, and must not keep what a cycle holds.
    gc.enable()

    from eastsyria.core.sanitise import csv_cell, safe
    from eastsyria.data.outfile import output_file
    from eastsyria.imports.run import import_csv, open_text

    shown = 0

    with contextlib.ExitStack() as stack:
        writer = None
        if rejected is not None:
            import csv

            handle = stack.enter_context(output_file(rejected, "the rejected rows"))
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["line", "reason"])

        def report(line: int, reason: str) -> None:
            # A reason quotes the row's cells, and the file's name is the user's: both are
            # made inert on the terminal, and in the CSV file a spreadsheet opens.
            nonlocal shown
            shown += 1
            if shown <= SHOWN_REJECTIONS:
                print(safe(f"{file}:{line}: {reason}"), file=env.stderr)
            if writer is not None:
                writer.writerow([line, csv_cell(reason)])

        def out() -> Any:
            return (
                output_file(output, "the import") if output is not None else open_text(env.stdout)
            )

        counts = import_csv(kind, file, mapping, out, report, version=version, update=update)
    if counts.reported > SHOWN_REJECTIONS:
        where = f"all of them in {rejected}" if rejected else "all of them: --rejected FILE.csv"
        print(
            safe(f"... and {counts.reported - SHOWN_REJECTIONS:,} more ({where})"), file=env.stderr
        )
    if update is not None:
        for line in update.lines():
            print(safe(line), file=env.stderr)
    # Each file written is said as every command says it ("wrote FILE"), then the counts.
    for path in (output, rejected):
        if path is not None:
            print(safe(f"wrote {path}"), file=env.stderr)
    print(
        safe(f"imported {counts.imported:,} of {counts.rows:,} rows; {counts.reported:,} reported"),
        file=env.stderr,
    )


def _ged_version(kind: str, typed: str | None) -> str | None:
    """The UCDP GED release --ged-version names ('23.1'), for `cite`; only a UCDP file has
    one (ACLED's data are cited with the day they were accessed)."""
    if typed is None:
        return None
    if kind != "ucdp":
        raise InputError(
            f"--ged-version is the release of a UCDP GED file, not of an {kind.upper()} "
            "export: leave it out"
        )
    from eastsyria.imports.citing import ged_version

    try:
        return ged_version(typed)
    except ValueError as exc:
        raise InputError(f"--ged-version {exc}") from None
