"""What QGIS makes of a GeoJSON file and the style (QML) beside it (run by the system's Python,
which has QGIS: `QT_QPA_PLATFORM=offscreen /usr/bin/python3 qgis_style.py FILE --day DAY`).

The layer is opened as a user opens the file, with nothing set by hand: QGIS applies
`NAME.qml` beside `NAME.geojson` as its default style. Prints one JSON document: whether the
style was applied on opening and by `loadDefaultStyle()`, the temporal properties, the
renderer and its categories (value, label, colour, shape), the labels, the features (`--id`)
the temporal filter of DAY's frame shows (the frame a day-long temporal controller gives,
filtered as QGIS draws: `createFilterString`), and with `--png FILE` the frame of DAY drawn
to FILE (the temporal range set on the map, as the controller sets it) with, for each
category's colour, how many pixels of the picture have it.

Runs under QGIS 3.22 (Debian's python3-qgis); nothing in it imports eastsyria.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys

from qgis_open import open_layer


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--day", required=True, help="the frame's day, YYYY-MM-DD")
    parser.add_argument("--id", default="id", help="the field a feature is counted by")
    parser.add_argument("--png", help="draw the day's frame to this PNG file")
    args = parser.parse_args()
    from qgis.core import (
        QgsCategorizedSymbolRenderer,
        QgsCoordinateReferenceSystem,
        QgsDateTimeRange,
        QgsFeatureRequest,
        QgsMapRendererSequentialJob,
        QgsMapSettings,
        QgsVectorLayerTemporalContext,
    )
    from qgis.PyQt.QtCore import QDate, QDateTime, QSize, QTime
    from qgis.PyQt.QtGui import QColor

    layer = open_layer(args.path)
    on_opening = layer.renderer().type()
    message, loaded = layer.loadDefaultStyle()

    properties = layer.temporalProperties()
    renderer = layer.renderer()
    categories = []
    if isinstance(renderer, QgsCategorizedSymbolRenderer):
        for category in renderer.categories():
            symbol = category.symbol()
            categories.append(
                {
                    "value": category.value(),
                    "label": category.label(),
                    "colour": symbol.color().name().upper(),
                    "shape": symbol.symbolLayer(0).properties().get("name"),
                }
            )
    labeling = layer.labeling()
    settings = labeling.settings() if labeling is not None else None

    day = dt.date.fromisoformat(args.day)

    def midnight(when: dt.date) -> QDateTime:
        return QDateTime(QDate(when.year, when.month, when.day), QTime(0, 0, 0))

    # A day's frame as the temporal controller gives it: from its midnight to the next,
    # the next excluded.
    frame = QgsDateTimeRange(midnight(day), midnight(day + dt.timedelta(days=1)), True, False)
    context = QgsVectorLayerTemporalContext()
    context.setLayer(layer)
    condition = properties.createFilterString(context, frame)
    shown = sorted(
        {
            str(f[args.id])
            for f in layer.getFeatures(QgsFeatureRequest().setFilterExpression(condition))
        }
    )
    answer = {
        "renderer_on_opening": on_opening,
        "loaded": loaded,
        "message": message,
        "temporal": {
            "active": properties.isActive(),
            "mode": int(properties.mode()),
            "start_field": properties.startField(),
            "end_field": properties.endField(),
            "limit_mode": int(properties.limitMode()),
        },
        "renderer": renderer.type(),
        "field": renderer.classAttribute() if categories else None,
        "categories": categories,
        "labels": {
            "enabled": layer.labelsEnabled(),
            "field": settings.fieldName if settings is not None else None,
            "is_expression": settings.isExpression if settings is not None else None,
            "html": settings.format().allowHtmlFormatting() if settings is not None else None,
        },
        "filter": condition,
        "shown": shown,
    }
    if args.png:
        settings_ = QgsMapSettings()
        settings_.setLayers([layer])
        settings_.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
        extent = layer.extent()
        extent.grow(0.3)
        settings_.setExtent(extent)
        settings_.setOutputSize(QSize(1000, 700))
        settings_.setBackgroundColor(QColor("white"))
        settings_.setIsTemporal(True)
        settings_.setTemporalRange(frame)
        job = QgsMapRendererSequentialJob(settings_)
        job.start()
        job.waitForFinished()
        image = job.renderedImage()
        image.save(args.png, "PNG")
        wanted = {c["colour"]: 0 for c in categories}
        rgb = {QColor(colour).rgb() & 0xFFFFFF: colour for colour in wanted}
        for y in range(image.height()):
            for x in range(image.width()):
                colour = rgb.get(image.pixel(x, y) & 0xFFFFFF)
                if colour is not None:
                    wanted[colour] += 1
        answer["pixels"] = wanted
    print(json.dumps(answer))
    # QGIS 3.22 may crash while it tears down its layers: the answer is out, so leave at once.
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
