"""A data file's events as Parquet, and DuckDB's answer to a query over them (benchmarks/duckdb).

What a power user would run instead of eastsyria: the events exported once to Parquet (one row
an event, with its places, actors, control changes and casualty claims as lists, its dates as
columns), the gazetteer, actors, sides and disputes beside them, then DuckDB querying them. The
export streams the file (eastsyria's own reader, in another process) into newline-delimited
JSON, which DuckDB turns into Parquet; it is kept in `out/` under the file's name, size and
time, so a second run reuses it.

The queries are the SQL files in benchmarks/duckdb/, one per command, each saying what it
computes. They see the views `events`, `places`, `actors`, `sides` and `claims` (the disputes'
claims, one row each), and the variables their command takes (`getvariable('place')`), and
print with `COPY ... TO '/dev/stdout'`, so their output goes into the benchmark's pipe as
eastsyria's does.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

QUERIES = Path(__file__).resolve().parent / "duckdb"
TABLES = ("events", "places", "actors", "sides", "claims")

# Child process: stream the data file; its events one JSON object a line, the rest as one
# JSON document (what is not events: hundreds of items, not millions).
_STREAM = """
import json, sys
from pathlib import Path
from eastsyria.data.stream import read_document
folder = Path(sys.argv[2])
with open(folder / "events.ndjson", "w", encoding="utf-8") as out:
    rest = read_document(Path(sys.argv[1]), {}, lambda _, e: out.write(json.dumps(e) + "\\n"))
rest.pop("events", None)
claims = [
    {"dispute": d["id"], "topic": d.get("topic"), "position": i, **claim}
    for d in rest.get("disputes", []) for i, claim in enumerate(d.get("claims", []))
]
for name, rows in (("places", rest["places"]), ("actors", rest["actors"]),
                   ("sides", rest["sides"]), ("claims", claims)):
    with open(folder / f"{name}.ndjson", "w", encoding="utf-8") as out:
        out.writelines(json.dumps(row) + "\\n" for row in rows)
"""

# Child process: the newline-delimited JSON into Parquet (types read from every row, so a
# list that is empty in the first rows is still typed by the rows that fill it).
_CONVERT = """
import duckdb, sys
from pathlib import Path
folder = Path(sys.argv[1])
duckdb.execute("SET enable_progress_bar = false")
for name in sys.argv[2:]:
    source = str(folder / f"{name}.ndjson")
    extra = ", date.earliest AS earliest, date.latest AS latest" if name == "events" else ""
    duckdb.execute(
        f"COPY (SELECT *{extra} FROM read_json('{source}', format='newline_delimited', "
        f"sample_size=-1, maximum_object_size=104857600)) "
        f"TO '{folder / name}.parquet' (FORMAT parquet)"
    )
    (folder / f"{name}.ndjson").unlink()
"""

# Child process: one query file over the Parquet files. argv: folder, query file, then
# name=value variables.
RUN = """
import duckdb, sys
folder, query = sys.argv[1], open(sys.argv[2], encoding="utf-8").read()
db = duckdb.connect()
db.execute("SET enable_progress_bar = false")
for name in ("events", "places", "actors", "sides", "claims"):
    db.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{folder}/{name}.parquet')")
for pair in sys.argv[3:]:
    name, value = pair.split("=", 1)
    db.execute(f"SET VARIABLE {name} = ?", [value])
db.execute(query)
"""


def available() -> bool:
    try:
        import duckdb  # noqa: F401
    except ImportError:
        return False
    return True


def export(path: Path, out: Path) -> Path:
    """The folder of Parquet files for the data file at `path`, made if missing."""
    status = path.stat()
    folder = out / f"parquet-{path.stem}-{status.st_size}-{status.st_mtime_ns}"
    if all((folder / f"{name}.parquet").exists() for name in TABLES):
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-c", _STREAM, str(path), str(folder)], check=True)
    subprocess.run([sys.executable, "-c", _CONVERT, str(folder), *TABLES], check=True)
    return folder


def query(folder: Path, command: str, **variables: str) -> list[str]:
    """The argv of DuckDB answering benchmarks/duckdb/COMMAND.sql over `folder`."""
    pairs = [f"{name}={value}" for name, value in variables.items()]
    return [sys.executable, "-c", RUN, str(folder), str(QUERIES / f"{command}.sql"), *pairs]


def inside(folder: Path, name: str) -> list[str]:
    """The ids of the place named `name` and of every place inside it, from the export (the
    data file is not read again)."""
    import duckdb

    db = duckdb.connect()
    db.read_parquet(str(folder / "places.parquet")).create_view("places")
    found = db.execute(
        "WITH RECURSIVE inside(id) AS (SELECT id FROM places WHERE name = ? UNION ALL "
        "SELECT places.id FROM places JOIN inside ON places.parent = inside.id) "
        "SELECT id FROM inside",
        [name],
    )
    return [row[0] for row in found.fetchall()]
