"""QGIS started offscreen and a file opened as a user opens it (`QgsVectorLayer`, which applies
the style beside the file, if any): shared by the client scripts beside this one, each run
by the system's Python, which has QGIS. Nothing here imports eastsyria."""

from __future__ import annotations

import os
import sys
from typing import Any

# The application, kept for as long as the script runs (QGIS needs it to live).
_RUNNING: list[Any] = []


def open_layer(path: str) -> Any:
    """The layer of the file at `path`; exit 2, said on stderr, where QGIS cannot open it."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication, QgsVectorLayer

    app = QgsApplication([], False)
    app.initQgis()
    _RUNNING.append(app)
    layer = QgsVectorLayer(path, "events", "ogr")
    if not layer.isValid():
        print(f"QGIS cannot open {path}", file=sys.stderr)
        sys.exit(2)
    return layer
