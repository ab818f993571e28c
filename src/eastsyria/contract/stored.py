"""What a store keeps of each event besides its record, made once when the store is built
(`data.storebuild.Renderer`): its view serialised (`contract.events`), and its casualty
figures as the `claims` table holds them (`contract.claims`). All of it depends only on the
data file, which the store's fingerprint pins."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from eastsyria.contract.claims import stored_claims
from eastsyria.contract.events import view_renderer
from eastsyria.core.catalog import Catalog
from eastsyria.data.store import Rendered

if TYPE_CHECKING:
    from eastsyria.data.records import DatasetRecord, EventRecord


def store_renderer(
    serialise: Callable[[list[dict[str, Any]]], tuple[list[bytes], ...]],
    line: Callable[[Mapping[str, Any], Sequence[str]], str],
) -> Callable[[DatasetRecord], Callable[[list[EventRecord]], Rendered]]:
    """Given a dataset without its events, what a store keeps of a batch of its events:
    views serialised by `serialise` (`output.machine.kept_forms`), figures' piped lines made
    by `line` (`output.machine.tsv_line`)."""
    views = view_renderer(serialise)

    def for_dataset(record: DatasetRecord) -> Callable[[list[EventRecord]], Rendered]:
        render_views = views(record)
        catalog = Catalog({**record, "events": []})

        def render(events: list[EventRecord]) -> Rendered:
            claims = [stored_claims(catalog, event, line) for event in events]
            return Rendered(render_views(events), claims)

        return render

    return for_dataset
