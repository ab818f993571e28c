"""What `validate` finds, as the documented JSON object and the lines of its verdict."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from eastsyria.data.records import DatasetRecord
    from eastsyria.errors import Problem

COUNTED = ("events", "places", "actors", "campaigns", "disputes", "sources")


def validation_report(
    path: Path, record: DatasetRecord | None, problems: list[Problem], events: int | None = None
) -> dict[str, Any]:
    """`validate --format json`: {path, valid, counts, problems}. `events` counts the events
    where `record` does not hold them (a store's)."""
    counts = None if record is None else {key: len(record[key]) for key in COUNTED}  # type: ignore[literal-required]
    if counts is not None and events is not None:
        counts["events"] = events
    return {
        "path": str(path),
        "valid": record is not None,
        "counts": counts,
        "problems": [{"location": p.location, "message": p.message} for p in problems],
    }


def validation_lines(report: dict[str, Any]) -> list[str]:
    """['valid: data/events.json: 64 events, 29 places, ...'], or the problems, one a line."""
    if report["valid"]:
        listed = ", ".join(f"{count} {key}" for key, count in report["counts"].items())
        return [f"valid: {report['path']}: {listed}"]
    return [f"{report['path']}: {p['location']}: {p['message']}" for p in report["problems"]]
