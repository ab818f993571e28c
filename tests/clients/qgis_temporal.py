"""What QGIS's temporal controller shows of a GeoJSON file, day by day (run by the system's
Python, which has QGIS: `QT_QPA_PLATFORM=offscreen /usr/bin/python3 qgis_temporal.py FILE`).

The layer is set up as a user does in its Temporal properties: "Separate fields for start
and end date/time", the fields `--start` and `--end` (time_start, time_end), the limit mode
QGIS defaults to (include start, exclude end) or `--limit-mode include-end`. The controller
is given the file's whole span (from its first day to the day after its last) and frames a
day long; each frame's filter is the one QGIS draws by (`createFilterString`). For each day
it prints a JSON line: the day, the ids (`--id`, the features' event or place) the frame
shows, and those it should (a feature's `start`..`end` days, both included, or its
`--expect-start`/`--expect-end` fields; null is open). Exit 1 where they differ on any day.

Runs under QGIS 3.22 (Debian's python3-qgis); nothing in it imports eastsyria.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys

from qgis_open import open_layer


def _day(value: object) -> str | None:
    """A field's value as an ISO day (GDAL reads `start` as a date), None where null (QGIS
    gives a null QVariant)."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    if hasattr(value, "toString"):
        return str(value.toString("yyyy-MM-dd")) or None
    return None if value is None else str(value)


def _key(feature: object, names: str) -> str:
    """What a feature is counted as: its `names` (comma-separated fields), joined by '|'."""
    return "|".join(str(_day(feature[name])) for name in names.split(","))  # type: ignore[index]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--start", default="time_start")
    parser.add_argument("--end", default="time_end")
    parser.add_argument("--id", default="id", help="the fields a feature is counted by")
    parser.add_argument("--expect-start", default="start")
    parser.add_argument("--expect-end", default="end")
    parser.add_argument("--limit-mode", choices=("default", "include-end"), default="default")
    args = parser.parse_args()
    from qgis.core import (
        Qgis,
        QgsDateTimeRange,
        QgsFeatureRequest,
        QgsInterval,
        QgsTemporalNavigationObject,
        QgsUnitTypes,
        QgsVectorLayerTemporalContext,
        QgsVectorLayerTemporalProperties,
    )
    from qgis.PyQt.QtCore import QDate, QDateTime, Qt, QTime

    layer = open_layer(args.path)
    fields = {f.name(): f.typeName() for f in layer.fields()}
    properties = layer.temporalProperties()
    properties.setIsActive(True)
    properties.setMode(QgsVectorLayerTemporalProperties.ModeFeatureDateTimeStartAndEndFromFields)
    properties.setStartField(args.start)
    properties.setEndField(args.end)
    if args.limit_mode == "include-end":
        properties.setLimitMode(Qgis.VectorTemporalLimitMode.IncludeBeginIncludeEnd)

    expected: dict[str, list[tuple[str, str]]] = {}
    for feature in layer.getFeatures():
        first = feature[args.expect_start]
        last = feature[args.expect_end]
        span = (_day(first) or "0001-01-01", _day(last) or "9999-12-31")
        expected.setdefault(_key(feature, args.id), []).append(span)
    days = sorted({d for spans in expected.values() for span in spans for d in span})
    days = [d for d in days if d not in ("0001-01-01", "9999-12-31")]
    begin = dt.date.fromisoformat(days[0])
    end = dt.date.fromisoformat(days[-1]) + dt.timedelta(days=1)

    def at_midnight(day: dt.date) -> QDateTime:
        return QDateTime(QDate(day.year, day.month, day.day), QTime(0, 0, 0))

    navigation = QgsTemporalNavigationObject()
    navigation.setTemporalExtents(QgsDateTimeRange(at_midnight(begin), at_midnight(end)))
    navigation.setFrameDuration(QgsInterval(1, QgsUnitTypes.TemporalDays))
    context = QgsVectorLayerTemporalContext()
    context.setLayer(layer)
    wrong = 0
    for frame in range(navigation.totalFrameCount()):
        window = navigation.dateTimeRangeForFrameNumber(frame)
        today = window.begin().date().toString("yyyy-MM-dd")
        condition = properties.createFilterString(context, window)
        request = QgsFeatureRequest().setFilterExpression(condition)
        shown = sorted({_key(f, args.id) for f in layer.getFeatures(request)})
        should = sorted(
            key for key, spans in expected.items() if any(a <= today <= b for a, b in spans)
        )
        wrong += shown != should
        print(
            json.dumps(
                {
                    "day": today,
                    "shown": shown,
                    "expected": should,
                    "filter": condition,
                    "frame": [
                        window.begin().toString(Qt.ISODate),
                        window.end().toString(Qt.ISODate),
                        window.includeBeginning(),
                        window.includeEnd(),
                    ],
                    "fields": {n: fields.get(n) for n in (args.start, args.end)},
                }
            )
        )
    # QGIS 3.22 may crash while it tears down its layers: the answer is out, so leave at once.
    sys.stdout.flush()
    os._exit(1 if wrong else 0)


if __name__ == "__main__":
    sys.exit(main())
