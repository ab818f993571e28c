"""A QGIS layer style (QML) for the GeoJSON answers (events, map, control's periods).

QGIS opens `NAME.qml` beside `NAME.geojson` as the layer's default style, so the layer opens
ready: its Temporal properties on ("separate fields for start and end": `time_start` and
`time_end`, QGIS's default limit mode), so the temporal controller plays the campaign; its
points categorized by side (`lead_side` of an event, `side` of a period's holder) in the
colours and shapes of the SVG pictures (`svg.side_colour`, `svg.side_shape`), each category
labelled with the side's name from the data file; each point labelled with its place_name.

Every string from the data file (a side's name) is made inert (`core.sanitise.safe`: a
control character, which XML 1.0 cannot hold at all, becomes a visible stand-in) and then
escaped for XML by ElementTree, so a name like `</qgis><script>` is only ever a label.
Written for QGIS 3.22 (the version tested, `tests/test_qgis_style.py`) and read by later
ones; the symbols' properties are given both as 3.x writes them and as older versions read
them.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping

from eastsyria.core.sanitise import safe
from eastsyria.output.svg import UNKNOWN_COLOUR, side_colour, side_shape

# The QGIS version the style is written for (QGIS reads a style of an older version as it is).
QGIS_VERSION = "3.22.0"
DOCTYPE = "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>"
# What the style sets, so that loading it leaves the rest of a layer (its fields, forms,
# actions) as QGIS made it.
STYLE_CATEGORIES = "Symbology|Labeling|Temporal"
# QgsVectorLayerTemporalProperties::ModeFeatureDateTimeStartAndEndFromFields.
START_AND_END_FIELDS = "2"
# Qgis::VectorTemporalLimitMode::IncludeBeginExcludeEnd, QGIS's default.
DEFAULT_LIMIT_MODE = "0"
# The fields of a GeoJSON answer the style reads (`output.machine.time_fields`).
TIME_START, TIME_END = "time_start", "time_end"
LABEL_FIELD = "place_name"
# The labels of the category of every other value: an event with no actor named
# (`lead_side` "unknown"), a period whose holder is not known (no `side`).
NO_ACTOR_NAMED = "no actor named"
HOLDER_NOT_KNOWN = "holder not known"
# What each layer's points are categorized by, and the label of every other value: the
# events (of `events` and `map`) by their lead side, the periods of `control` by the side of
# their holder. Named by the command so that a command need not import this module (and
# xml.etree with it) until a style is written.
LAYERS: dict[str, tuple[str, str]] = {
    "events": ("lead_side", NO_ACTOR_NAMED),
    "control": ("side", HOLDER_NOT_KNOWN),
}
# As the pictures write text (`svg.document`: #222 on white).
_TEXT_COLOUR = "34,34,34,255"
_WHITE = "255,255,255,255"


def rgba(colour: str) -> str:
    """`#RRGGBB` as QGIS writes a colour: red, green, blue, alpha (opaque), in decimal."""
    return ",".join(str(int(colour[i : i + 2], 16)) for i in (1, 3, 5)) + ",255"


def _properties(parent: ET.Element, values: Mapping[str, str]) -> None:
    """A symbol layer's properties, as QGIS 3.22 writes them: a map of Options, and each
    again as the `prop` elements older versions read."""
    options = ET.SubElement(parent, "Option", type="Map")
    for key, value in values.items():
        ET.SubElement(options, "Option", name=key, value=value, type="QString")
    for key, value in values.items():
        ET.SubElement(parent, "prop", k=key, v=value)


def _marker(symbols: ET.Element, number: int, colour: str, shape: str) -> None:
    """A point of `colour` (#RRGGBB) and `shape` (circle, square, triangle, diamond: QGIS's
    simple markers have the pictures' shapes), with a thin white edge so that marks on one
    place stay apart."""
    symbol = ET.SubElement(
        symbols,
        "symbol",
        name=str(number),
        type="marker",
        alpha="1",
        clip_to_extent="1",
        force_rhr="0",
    )
    attributes = {"class": "SimpleMarker", "enabled": "1", "locked": "0", "pass": "0"}
    layer = ET.SubElement(symbol, "layer", attributes)
    _properties(
        layer,
        {
            "name": shape,
            "color": rgba(colour),
            "outline_color": _WHITE,
            "outline_style": "solid",
            "outline_width": "0.2",
            "outline_width_unit": "MM",
            "size": "3",
            "size_unit": "MM",
        },
    )


def _temporal(root: ET.Element) -> None:
    temporal = ET.SubElement(
        root,
        "temporal",
        enabled="1",
        mode=START_AND_END_FIELDS,
        startField=TIME_START,
        endField=TIME_END,
        limitMode=DEFAULT_LIMIT_MODE,
        accumulate="0",
        fixedDuration="0",
        durationField="",
        durationUnit="min",
        startExpression="",
        endExpression="",
    )
    fixed = ET.SubElement(temporal, "fixedRange")
    ET.SubElement(fixed, "start")
    ET.SubElement(fixed, "end")


def _renderer(root: ET.Element, field: str, sides: Mapping[str, str], other: str) -> None:
    """Points categorized by `field`: a category per side (its id the value, its name the
    label), then one for every other value (QGIS's empty value), in grey."""
    renderer = ET.SubElement(
        root,
        "renderer-v2",
        type="categorizedSymbol",
        attr=field,
        forceraster="0",
        symbollevels="0",
        enableorderby="0",
    )
    categories = ET.SubElement(renderer, "categories")
    symbols = ET.SubElement(renderer, "symbols")
    drawn = [
        (side, safe(name), side_colour(side), side_shape(side)) for side, name in sides.items()
    ]
    drawn.append(("", other, UNKNOWN_COLOUR, side_shape(None)))
    for number, (value, label, colour, shape) in enumerate(drawn):
        ET.SubElement(
            categories,
            "category",
            render="true",
            value=safe(value),
            label=label,
            symbol=str(number),
        )
        _marker(symbols, number, colour, shape)


def _labels(root: ET.Element) -> None:
    """Each point labelled with its place's name, dark on a white halo, beside the point."""
    settings = ET.SubElement(ET.SubElement(root, "labeling", type="simple"), "settings")
    style = ET.SubElement(
        settings,
        "text-style",
        fieldName=LABEL_FIELD,
        isExpression="0",
        allowHtml="0",  # a place's name from the data file is text, never markup
        fontSize="9",
        fontSizeUnit="Point",
        textColor=_TEXT_COLOUR,
    )
    ET.SubElement(
        style,
        "text-buffer",
        bufferDraw="1",
        bufferSize="0.8",
        bufferSizeUnits="MM",
        bufferColor=_WHITE,
    )
    # QgsPalLayerSettings::OrderedPositionsAroundPoint ("cartographic"), 1 mm off, above right
    # else below left: labels never overlap, so of the events stacked on one place at most
    # two name it. QGIS's own priority (5): without it, every label at such a place yields.
    ET.SubElement(
        settings,
        "placement",
        placement="6",
        predefinedPositionOrder="TR,BL",
        dist="1",
        distUnits="MM",
        priority="5",
    )
    ET.SubElement(settings, "rendering", drawLabels="1", obstacle="1")


def layer_style(field: str, sides: Mapping[str, str], *, other: str) -> str:
    """The QML document: temporal properties, points categorized by `field` (`lead_side`,
    `side`) with `sides` (id: name, as the data file names them) and `other` the label of
    every other value (`NO_ACTOR_NAMED`, `HOLDER_NOT_KNOWN`), labels by place_name."""
    root = ET.Element(
        "qgis",
        version=QGIS_VERSION,
        styleCategories=STYLE_CATEGORIES,
        labelsEnabled="1",
    )
    _temporal(root)
    _renderer(root, field, sides, other)
    _labels(root)
    ET.indent(root)
    return DOCTYPE + "\n" + ET.tostring(root, encoding="unicode") + "\n"
