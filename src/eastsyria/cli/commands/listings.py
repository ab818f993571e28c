"""`places`, `actors`, `campaigns`: the gazetteer, the actors, the campaigns' infoboxes.

The three commands differ only in what they list and how a table shows it, so one factory
makes them, each from one entry of `LISTINGS`.
"""

# No `from __future__ import annotations`: Typer reads these annotations on every run.
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

import typer

from eastsyria.cli.context import catalog, environment
from eastsyria.cli.options import NoCsvGuardOpt, fields_option, format_option
from eastsyria.contract import listings
from eastsyria.output.formats import Answer, check_format, emit

if TYPE_CHECKING:
    from rich.console import RenderableType

    from eastsyria.core.catalog import Catalog


class Listing(NamedTuple):
    command: str
    help: str
    views_of: Callable[["Catalog"], list[dict[str, Any]]]
    fields: tuple[str, ...]
    # The table's columns, (heading, field); none: a block per item instead.
    columns: tuple[tuple[str, str], ...] = ()
    # Fields the table may leave out where it would not fit, first one first.
    spare: tuple[str, ...] = ()
    # The fields of a piped line (TSV) when none are chosen; () for all of them.
    piped: tuple[str, ...] = ()

    def screen(
        self, views: list[dict[str, Any]], width: int, fields: tuple[str, ...] | None
    ) -> "RenderableType":
        from eastsyria.output.details import campaign_blocks, simple_table

        if fields is not None:
            return simple_table(views, [(name, name) for name in fields], width)
        if self.columns:
            return simple_table(views, self.columns, width, self.spare)
        return campaign_blocks(views, width)


LISTINGS = (
    Listing(
        "places",
        "The gazetteer: every place, its aliases, kind, parent, coordinates and event count."
        "\n\nExamples:\n\n  eastsyria places\n\n"
        "  eastsyria places --format csv --fields id,name,lat,lon",
        listings.place_views,
        listings.PLACE_FIELDS,
        (
            ("Place", "label"),
            ("Aliases", "aliases"),
            ("Kind", "kind"),
            ("In", "parent_label"),
            ("Lat", "lat"),
            ("Lon", "lon"),
            ("±km", "coord_precision_km"),
            ("Events", "event_count"),
        ),
        ("lon", "lat", "coord_precision_km", "aliases", "parent_label"),
        listings.PLACE_PIPED_FIELDS,
    ),
    Listing(
        "actors",
        "Every force, unit, militia, ministry, monitor and person, with side and event count."
        "\n\nExamples:\n\n  eastsyria actors\n\n"
        "  eastsyria actors --format tsv --fields name,side,event_count",
        listings.actor_views,
        listings.ACTOR_FIELDS,
        (
            ("Actor", "name"),
            ("Aliases", "aliases"),
            ("Kind", "kind"),
            ("Side", "side"),
            ("Part of", "parent_name"),
            ("Events", "event_count"),
        ),
        ("aliases", "parent_name", "kind"),
    ),
    Listing(
        "campaigns",
        "The campaigns and what their infoboxes state: dates, result, commanders, strengths."
        "\n\nExamples:\n\n  eastsyria campaigns\n\n"
        "  eastsyria campaigns --format json",
        listings.campaign_views,
        listings.CAMPAIGN_FIELDS,
    ),
)


def listing_command(listing: Listing) -> Callable[..., None]:
    """The command that prints `listing` in any of its formats."""

    def command(
        ctx: typer.Context,
        fmt: Annotated[str | None, format_option(listing.command)] = None,
        no_csv_guard: NoCsvGuardOpt = False,
        fields_: Annotated[str | None, fields_option(listing.fields)] = None,
    ) -> None:
        from eastsyria.contract.fields import check_fields

        env = environment(ctx, csv_guard=not no_csv_guard)
        chosen_format = check_format(listing.command, fmt, env.terminal)
        chosen = check_fields(fields_, listing.fields) if fields_ is not None else None
        views = listing.views_of(catalog(ctx))
        report = Answer(
            rows=views,
            fields=listing.fields,
            chosen=chosen,
            piped=listing.piped or None,
            screen=lambda width, fields: listing.screen(views, width, fields),
        )
        emit(env, chosen_format, report)

    command.__name__ = listing.command
    command.__doc__ = listing.help
    return command
