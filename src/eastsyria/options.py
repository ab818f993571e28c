"""The command line's vocabulary, shared by the Typer CLI and the fast completion path.

Plain constants only: completion imports this on every TAB press.
"""

from __future__ import annotations

PROG = "eastsyria"
COMPLETE_VAR = "_EASTSYRIA_COMPLETE"

ROW_FORMATS: tuple[str, ...] = ("table", "json", "jsonl", "csv", "markdown")
FORMATS_BY_COMMAND: dict[str, tuple[str, ...]] = {
    "events": (*ROW_FORMATS, "geojson", "timelinejs"),
    "show": ("table", "json"),
    "places": ROW_FORMATS,
    "actors": ROW_FORMATS,
    "campaigns": ROW_FORMATS,
    "control": ("table", "json", "jsonl", "csv"),
    "stats": ("table", "json"),
    "validate": ("text", "json"),
}
DEFAULT_RADIUS_KM = 10.0
BUCKETS: tuple[str, ...] = ("month", "week")

# Options whose value completes from the dataset or a fixed list.
VALUE_KINDS: dict[str, str] = {
    "--place": "place",
    "-p": "place",
    "--near": "place",
    "--actor": "actor",
    "-a": "actor",
    "--side": "side",
    "--type": "type",
    "-t": "type",
    "--campaign": "campaign",
    "-c": "campaign",
    "--format": "format",
    "-f": "format",
    "--by": "by",
}
# Options that take a value with nothing to offer but files (or free text).
FREE_VALUE_OPTIONS: frozenset[str] = frozenset(
    {"--data", "--from", "--to", "--on", "--radius", "--limit", "-n", "--text", "--fields", "--svg"}
)
# What a command's positional argument is.
POSITIONAL_KINDS: dict[str, str] = {"show": "event", "control": "place"}
