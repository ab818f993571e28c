"""The timeline chart (SVG). A placeholder until the chart lands: one line per event."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eastsyria.output.svg import EVENT_CLASS, document, label, tag


def timeline_svg(views: Sequence[dict[str, Any]], *, width: int = 1200) -> str:
    rows = [
        tag(
            "g",
            label(f"{view['date']}  {view['title']}", 20, 30 + 18 * i),
            class_=EVENT_CLASS,
            data_id=view["id"],
        )
        for i, view in enumerate(views)
    ]
    return document(width, 40 + 18 * len(views), rows, title="eastsyria timeline")
