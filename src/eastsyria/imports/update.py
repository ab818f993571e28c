"""`import --update OLD.json`: a newer export of the same rows, told apart from the data file
an earlier import of the dataset wrote. The new export is read whole, as every import is, so
the file written holds its rows: a row of OLD that the export no longer has is deleted (ACLED
publishes deletions by leaving them out of later exports), one it has is updated. What
changed is told by row id: ACLED's by `timestamp` (its users sync updates by it), UCDP's
(which has none) by the event the row makes.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, NamedTuple

from eastsyria.errors import InputError


class _Before(NamedTuple):
    timestamp: int | None
    digest: str


def _digest(event: Any) -> str:
    text = json.dumps(event, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _timestamp(event: dict[str, Any]) -> int | None:
    kept = event.get("dataset")
    fields = kept.get("fields") if isinstance(kept, dict) else None
    stamp = fields.get("timestamp") if isinstance(fields, dict) else None
    return stamp if type(stamp) is int else None


class Update:
    """The rows of OLD by event id, and what the new export does to each."""

    def __init__(self, path: Path, kind: str, source_id: str) -> None:
        from eastsyria.data.stream import read_document
        from eastsyria.errors import DataFileError

        self.path = path
        self.before: dict[str, _Before] = {}
        self.added = self.changed = self.unchanged = self.older = 0
        self.seen: set[str] = set()
        prefix = f"{source_id}-"
        where = f"--update {path}"

        def on_event(index: int, item: Any) -> None:
            event_id = item.get("id") if isinstance(item, dict) else None
            if not isinstance(event_id, str) or not event_id.startswith(prefix):
                raise InputError(
                    f"{where}: event {index + 1} ({str(event_id)[:60]!r}) is not a row of an "
                    f"import of {kind}: --update takes the data file `eastsyria import {kind}` "
                    "wrote"
                )
            self.before[event_id] = _Before(_timestamp(item), _digest(item))

        try:
            document = read_document(path, {}, on_event)
        except DataFileError as exc:
            raise InputError(f"{where}: {exc.message}") from None
        except OSError as exc:
            raise InputError(f"{where} cannot be read: {exc.strerror or exc}") from None
        if not isinstance(document, dict) or "schema_version" not in document:
            raise InputError(f"{where} is not a data file of this project (no schema_version)")

    def see(self, event: dict[str, Any]) -> None:
        """An event of the new export, as written."""
        event_id = event["id"]
        self.seen.add(event_id)
        before = self.before.get(event_id)
        if before is None:
            self.added += 1
            return
        stamp = _timestamp(event)
        if before.timestamp is not None and stamp is not None:
            if stamp > before.timestamp:
                self.changed += 1
            elif stamp < before.timestamp:
                self.older += 1
            else:
                self.unchanged += 1
        elif _digest(event) != before.digest:
            self.changed += 1
        else:
            self.unchanged += 1

    def deleted(self) -> list[str]:
        """The events of OLD whose rows the export no longer has, in OLD's order."""
        return [event_id for event_id in self.before if event_id not in self.seen]

    def lines(self) -> list[str]:
        """What the update did, for stderr."""
        gone = self.deleted()
        lines = [
            f"update of {self.path}: added {self.added:,}, changed {self.changed:,}, "
            f"deleted {len(gone):,}, unchanged {self.unchanged:,}"
        ]
        if gone:
            shown = ", ".join(gone[:5]) + (f" and {len(gone) - 5:,} more" if len(gone) > 5 else "")
            lines.append(f"deleted (not in the export): {shown}")
        if self.older:
            lines.append(
                f"{self.older:,} rows have an older timestamp than in {self.path}: the "
                "export's kept; is the export older than the file?"
            )
        return lines
