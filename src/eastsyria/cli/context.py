"""What every command asks of its Click context: the environment, and the active dataset."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from eastsyria.output.environment import Environment

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from eastsyria.core.catalog import Catalog
    from eastsyria.data.store import Store


def environment(ctx: typer.Context, *, csv_guard: bool = True) -> Environment:
    """The environment the console entry handed down (this process's, if none was);
    `csv_guard` is the command's --no-csv-guard, turned round."""
    root = ctx.find_root()
    if not isinstance(root.obj, Environment):
        root.obj = Environment.from_process()
    root.obj.csv_guard = csv_guard
    return root.obj


def data_file(ctx: typer.Context, path: str | None = None) -> Path:
    """`path` if given, else the file `--data` or EASTSYRIA_DATA names, else the shipped one."""
    from eastsyria.data.load import data_path

    root = ctx.find_root()
    return data_path(path if path is not None else root.params.get("data"))


def catalog(ctx: typer.Context) -> Catalog:
    """The active dataset, validated (or from the cache) and indexed; with `--source`, only
    what that article says (`core.sources`)."""
    path = data_file(ctx)
    typed = ctx.meta.get(SOURCE_KEY)
    # Made once per run: the --place notes read it before the command does.
    made: tuple[tuple[Path, str | None], Catalog] | None = ctx.meta.get(_CATALOG_KEY)
    if made is not None and made[0] == (path, typed):
        return made[1]
    root = ctx.find_root()
    # The command's own environment as it set it (`environment` would reset its CSV guard).
    env = root.obj if isinstance(root.obj, Environment) else environment(ctx)
    found = _load(path, typed, env)
    ctx.meta[_CATALOG_KEY] = ((path, typed), found)
    return found


def stored(env: Environment, path: Path, *, reuse: bool = True) -> Store | None:
    """The store of the large data file at `path` (`stores.open_store`); None, said in one
    warning, where none can be built: then the whole file answers, as for a small one."""
    from eastsyria import PROG
    from eastsyria.contract.stored import store_renderer
    from eastsyria.data.store import StoreUnavailable
    from eastsyria.data.stores import open_store
    from eastsyria.output.machine import kept_forms, tsv_line

    try:
        return open_store(path, reuse=reuse, renderer=store_renderer(kept_forms, tsv_line))
    except StoreUnavailable as exc:
        env.note(f"{PROG}: warning: {exc.message}")
        return None


_CATALOG_KEY = "eastsyria.catalog"
# Where `options.takes_source` leaves the typed --source for `catalog`.
SOURCE_KEY = "eastsyria.source"


def _load(path: Path, typed: str | None, env: Environment) -> Catalog:
    from eastsyria.core.catalog import Catalog
    from eastsyria.data.load import load_record
    from eastsyria.data.stores import wants_store

    store = stored(env, path) if wants_store(path) else None
    if store is not None:
        if typed is None:
            return Catalog(store.record, source=store)
        record = store.record  # --source rewrites every event
        record["events"] = store.all_events()
    else:
        record = load_record(path)
    if typed is not None:
        from eastsyria.core.sources import as_told_by, resolve_article

        article = resolve_article(record["sources"], typed)
        told = as_told_by(record, article)
        kept = {event["id"] for event in told["events"]}
        codes = Catalog(record).short_ids
        untold = {
            name: article
            for event_id in codes
            if event_id not in kept
            for name in (event_id, codes[event_id])
        }
        return Catalog(told, untold=untold)
    return Catalog(record)


def check_output(ctx: typer.Context, path: Path, kind: str, named: str) -> None:
    """Refuse an output path (`--svg`, `-o`) that cannot be written, or that is the data file
    being read, before anything is computed (see `data.outfile`); `named` is the file name
    suggested for a folder."""
    from eastsyria.data.load import shipped_data_path
    from eastsyria.data.outfile import check_target

    never = {
        shipped_data_path(): "the shipped data file",
        data_file(ctx): "the data file being read",
    }
    check_target(path, kind, named=named, never=never)


def style_files(
    ctx: typer.Context, path: Path | None, fmt: str | None, *, layer: str
) -> tuple[tuple[Path, Callable[[], str]], ...]:
    """`--qml FILE`, checked before any work: the QGIS layer style to write beside a GeoJSON
    answer (`output.qml.layer_style` of the `layer`, a key of `output.qml.LAYERS`), for
    `Answer.files`; () without it. Refused with any format but geojson (without --format,
    only the style is written)."""
    if path is None:
        return ()
    if fmt is not None and fmt.strip().lower() != "geojson":
        from eastsyria.errors import InputError

        raise InputError(
            f"--qml styles the GeoJSON layer, not {fmt}: add --format geojson, or drop "
            "--format to write only the style"
        )
    check_output(ctx, path, "the QGIS style", "events.qml")

    def written() -> str:
        from eastsyria.output.qml import LAYERS, layer_style

        field, other = LAYERS[layer]
        return layer_style(field, catalog(ctx).side_names, other=other)

    return ((path, written),)


def catalog_at(ctx: typer.Context, path: Path) -> Catalog:
    """The dataset of the file at `path` (`reconcile --against`), validated (or from the
    cache) and indexed, through its store where it is large; never as one article tells it."""
    root = ctx.find_root()
    env = root.obj if isinstance(root.obj, Environment) else environment(ctx)
    return _load(path, None, env)
