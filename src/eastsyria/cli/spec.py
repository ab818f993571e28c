"""Every option of the command line, declared once: flags, metavar, help, what completes it.

Plain data only, for two readers: `options` builds the Typer options from it, and the fast
completion path (`completion`), which runs on every TAB press without importing Typer,
learns from it which option takes which kind of value. The filters' options are declared
with their rules, in `core.filters`, and listed here as the others are.
"""

from __future__ import annotations

from typing import NamedTuple

from eastsyria.core.calendar import BUCKETS, TOTAL_PERIODS
from eastsyria.core.filters import OPTIONS
from eastsyria.core.lanes import LANES
from eastsyria.data.vocab import RECONCILE_DAYS, RECONCILE_MIN_SCORE, RECONCILE_SHOWS
from eastsyria.output.formats import FORMATS

COMPLETE_VAR = "_EASTSYRIA_COMPLETE"


class OptionSpec(NamedTuple):
    flags: tuple[str, ...]
    help: str
    metavar: str | None = None
    # What its value completes from: a kind `values.candidates` knows; None for free
    # text or a path. A flag without a value has no metavar.
    completes: str | None = None
    # How many values follow the flag (`control --diff DATE1 DATE2` takes two).
    values: int = 1

    @property
    def takes_value(self) -> bool:
        return self.metavar is not None


# The filters' options, declared with their rules in `core.filters`.
FILTER_OPTIONS: tuple[OptionSpec, ...] = tuple(
    OptionSpec(option.flags, option.help, option.metavar, option.completes)
    for option in OPTIONS.values()
)
PARTY = OptionSpec(
    ("--party",),
    "Only the figures of this party: a side (with all its actors), an actor (with its "
    "units), civilians or all-fighters; repeat for any of several.",
    "NAME",
    "party",
)
TOTAL = OptionSpec(
    ("--total",),
    "Add the figures up, per place and period: the least and the most they allow, separate "
    "events added, competing figures as a range, a part never added to its whole.",
)
PER = OptionSpec(
    ("--per",),
    "With --total: a period per calendar month (default), per year, or all the days as one; "
    "an event whose days cross the month or year is a period of its own.",
    "|".join(TOTAL_PERIODS),
    "per",
)
ALL_PLACES = OptionSpec(
    ("--all-places",), "With --total: all places as one, instead of a total per place."
)
FORMAT = OptionSpec(("--format", "-f"), "Output format.", "FORMAT", "format")
_FIELD_FORMATS = ", ".join(name for name, fmt in FORMATS.items() if fmt.takes_fields)
# `options.fields_option` adds the fields of each command.
FIELDS = OptionSpec(
    # --columns: what a table calls its fields.
    ("--fields", "--columns"),
    f"Only these fields, in this order ({_FIELD_FORMATS})",
    "A,B,...",
)
BY = OptionSpec(("--by",), f"Group by {' or '.join(BUCKETS)}.", "|".join(BUCKETS), "by")
NO_CSV_GUARD = OptionSpec(
    ("--no-csv-guard",),
    "CSV: write cells that start with =, +, -, @ as they are, without the leading apostrophe "
    "that keeps spreadsheets from running them as formulas.",
)
SVG = OptionSpec(
    ("--svg",),
    "Draw the picture into FILE, as SVG, and say so on stderr; stdout gets an answer too only "
    "if --format asks for one.",
    "FILE",
)
PICTURE_WIDTH = OptionSpec(
    ("--width",), "The --svg picture's width in pixels (default 1200).", "PIXELS"
)
OUTPUT = OptionSpec(("--output", "-o"), "Write the report, one HTML page, to FILE.", "FILE")
LANES_OPTION = OptionSpec(
    ("--lanes",),
    "The --svg chart's lanes: one per campaign (default), place, side (the event's lead "
    "side) or actor; an event at several places or with several actors is in each lane.",
    "|".join(LANES),
    "lanes",
)
CHART = OptionSpec(
    ("--chart",),
    "Draw who held each place as bands across time, a row per place (on a pipe: a letter "
    "per holder).",
)
SOURCE = OptionSpec(
    ("--source",),
    "Only what this article says: its events, its dates for them, its claims (the article's "
    "id, its title, or a unique start or word of either: campaign, offensive).",
    "ARTICLE",
    "article",
)
DATA = OptionSpec(
    ("--data",), "Read this data file instead of the shipped one (also: EASTSYRIA_DATA).", "PATH"
)
CONTROL_ON = OptionSpec(
    ("--on",),
    "Every place and its holder(s) at the end of DATE (a week, month or year: its last day).",
    "DATE",
)
DIFF = OptionSpec(
    ("--diff",),
    "The places that changed hands between the end of DATE1 and the end of DATE2.",
    "DATE1 DATE2",
    values=2,
)
VERSION = OptionSpec(("--version",), "Print the version.")
EVERY_ROW = OptionSpec(
    ("--all",),
    "Draw every row and mark, however many: a table or timeline of more than 200 events is "
    "otherwise summarised, a picture (map, --svg) of more than 500, and stats lists the top 15 "
    "of each breakdown (json and csv always have all).",
)
SIDES_FILE = OptionSpec(
    ("--sides",),
    "import: which side each actor is on, from this TOML or JSON file (start from "
    "`eastsyria import sides`).",
    "FILE",
)
REJECTED = OptionSpec(
    ("--rejected",),
    "import: also write every row that could not be converted to FILE, as CSV (line, reason).",
    "FILE",
)
HEADER = OptionSpec(
    ("--header",),
    "TSV: start with a line of the field names, tab-separated, as pandas and spreadsheets "
    "expect (csv, markdown and tables always have one).",
)
ACCESSED = OptionSpec(
    ("--accessed",),
    "The day you accessed the sources, as the citations' access date (default: today, as a "
    "citation manager records it).",
    "DATE",
)
GED_VERSION = OptionSpec(
    ("--ged-version",),
    "import ucdp: the UCDP GED release the file is, as UCDP numbers it (23.1); `cite` names "
    "it in the dataset's citation.",
    "VERSION",
)

ALL: tuple[OptionSpec, ...] = (
    *FILTER_OPTIONS, PARTY, TOTAL, PER, ALL_PLACES, FORMAT,
    FIELDS, NO_CSV_GUARD, BY, SVG, PICTURE_WIDTH, DATA,
    VERSION, CONTROL_ON, DIFF, SOURCE, OUTPUT, LANES_OPTION, CHART, EVERY_ROW,
    SIDES_FILE, REJECTED, HEADER,
    ACCESSED, GED_VERSION,
)  # fmt: skip
# Issue 28: a GeoJSON layer holds one kind of geometry, so the map's lines come on their own.
MAP_LINES = OptionSpec(
    ("--lines",),
    "map --format geojson: write the map's lines (the Euphrates, the Syria–Iraq border) as "
    "LineStrings instead of the events' Points: a GIS layer holds one kind of geometry.",
)
ALL += (MAP_LINES,)
# Issue 28: a newer export of rows imported before.
UPDATE = OptionSpec(
    ("--update",),
    "import: FILE is a newer export of the rows an earlier import wrote to OLD.json: tell on "
    "stderr what it added, changed (ACLED: a newer timestamp) and deleted (rows it no longer "
    "has). The data file written is FILE's rows; OLD.json is only read.",
    "OLD.json",
)
ALL += (UPDATE,)
# Issue 29: `brief`, a cited paragraph.
SENTENCES = OptionSpec(
    ("--sentences",),
    "brief: at most N sentences; the events that rank first are kept (see the command's "
    "help) and a closing line on stderr says how many were left out.",
    "N",
)
MAX_WORDS = OptionSpec(
    ("--max-words",),
    "brief: at most N words, the events kept as with --sentences (not with --sentences).",
    "N",
)
CITE_STYLE = OptionSpec(
    ("--cite-style",),
    "brief: numbered (default: a number per source and a list of references), footnotes (a "
    "note per sentence) or pandoc (-f markdown: [@key] citations of the ids `cite --format "
    "csl-json` writes, for pandoc --citeproc).",
    "numbered|footnotes|pandoc",
    "style",
)
ALL += (SENTENCES, MAX_WORDS, CITE_STYLE)
# Issue 29: `reconcile`, one dataset against another.
AGAINST = OptionSpec(
    ("--against",),
    "reconcile: the other data file (default: the shipped curated data).",
    "FILE",
)
MIN_SCORE = OptionSpec(
    ("--min-score",),
    f"reconcile: the least score a match needs, from 0 to 1 (default {RECONCILE_MIN_SCORE:g}).",
    "SCORE",
)
MATCH_DAYS = OptionSpec(
    ("--days",),
    "reconcile: how many days apart two events' date spans may lie and still match "
    f"(default {RECONCILE_DAYS}).",
    "N",
)
SHOW = OptionSpec(
    ("--show",),
    "reconcile: the rows to give: all (default), the matches, or the events only one file has.",
    "|".join(RECONCILE_SHOWS),
    "show",
)
ALL += (AGAINST, MIN_SCORE, MATCH_DAYS, SHOW)

# Options whose value completes from the dataset or a fixed list, by flag.
VALUE_KINDS: dict[str, str] = {
    flag: spec.completes for spec in ALL if spec.completes for flag in spec.flags
}
# Options that take a value with nothing to offer but files (or free text).
FREE_VALUE_OPTIONS: frozenset[str] = frozenset(
    flag for spec in ALL if spec.takes_value and not spec.completes for flag in spec.flags
)
# Options that take more than one value, by flag: how many.
VALUE_COUNTS: dict[str, int] = {
    flag: spec.values for spec in ALL if spec.values > 1 for flag in spec.flags
}
# What a command's positional argument is.
POSITIONAL_KINDS: dict[str, str] = {
    "show": "event", "control": "place", "cite": "event", "compare": "article",
}  # fmt: skip
# Commands that take any number of them.
REPEATED_POSITIONALS: frozenset[str] = frozenset({"cite", "compare"})
# Issue 28: QGIS opens NAME.qml beside NAME.geojson as the layer's style.
QML = OptionSpec(
    ("--qml",),
    "Also write FILE, a QGIS layer style for the GeoJSON: the temporal controller plays it "
    "(time_start to time_end), points in the pictures' colours by side, labels by place. Name "
    "it as the GeoJSON file (events.qml beside events.geojson) and QGIS applies it on opening. "
    "Said on stderr; stdout gets the GeoJSON too only with --format geojson.",
    "FILE",
)
ALL += (QML,)
# --qml (issue 28) is declared after the tables above were made from ALL, and takes a FILE:
# the fuzz cases (tests/security/test_fuzz.py) read these tables to give a value to each
# option that takes one; without it, `--qml --all` wrote a file named --all.
FREE_VALUE_OPTIONS = FREE_VALUE_OPTIONS | frozenset(QML.flags)
