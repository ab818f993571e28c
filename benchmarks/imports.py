"""An ACLED import at scale: a synthetic export (the codebook's columns, fixed seed) of N rows,
then `eastsyria import acled FILE -o OUT`, timed, its peak memory measured (os.wait4), and
its output validated at the smallest size.

    python benchmarks/imports.py                   # 100,000 rows
    python benchmarks/imports.py --sizes 10000 100000 1000000

The import streams: the events and the rows' sections go to temporary files as they come,
so peak memory grows with the places and actors (a few thousand), and the set of row ids
(for the duplicate check), not with the rows' text.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADER = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]
ACTORS = [
    ("Military Forces of Syria (2000-)", "1"),
    ("Islamic State (Syria)", "2"),
    ("SDF: Syrian Democratic Forces", "2"),
    ("Civilians (Syria)", "7"),
    ("Unidentified Armed Group (Syria)", "3"),
]
TYPES = [
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Violence against civilians", "Attack"),
]
EXE = Path(sys.executable).with_name("eastsyria")


def write_csv(path: Path, rows: int, seed: int = 15) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as stream:
        out = csv.writer(stream, lineterminator="\n")
        out.writerow(HEADER)
        for n in range(rows):
            (a1, i1), (a2, i2) = rng.sample(ACTORS, 2)
            kind, sub = rng.choice(TYPES)
            district = rng.randrange(60)
            town = rng.randrange(40)
            lat = 33.0 + district * 0.08 + town * 0.002
            lon = 36.0 + district * 0.09 + town * 0.003
            day = f"2017-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
            values = {
                "event_id_cnty": f"SYR{n + 1}",
                "event_date": day,
                "year": "2017",
                "time_precision": str(rng.choice((1, 1, 1, 2, 3))),
                "event_type": kind,
                "sub_event_type": sub,
                "actor1": a1,
                "inter1": i1,
                "actor2": a2,
                "inter2": i2,
                "country": "Syria",
                "admin1": f"Governorate {district // 10}",
                "admin2": f"District {district}",
                "location": f"Town {district}-{town}",
                "latitude": f"{lat:.4f}",
                "longitude": f"{lon:.4f}",
                "geo_precision": str(rng.choice((1, 1, 2, 3))),
                "source": "Monitor; Local outlet",
                "notes": f'Synthetic row {n + 1}, with a comma, and "quotes".',
                "fatalities": str(rng.randrange(0, 12)),
            }
            out.writerow([values.get(column, "") for column in HEADER])


def measure(args: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in MiB, and stderr of one run."""
    start = time.perf_counter()
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert child.stderr is not None
    err = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed: {err}")
    return wall, usage.ru_maxrss / 1024, err


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    options = parser.parse_args()
    print(f"{'rows':>10} {'CSV MB':>8} {'JSON MB':>8} {'wall s':>8} {'peak MiB':>9}")
    with tempfile.TemporaryDirectory() as folder:
        for size in options.sizes:
            source, out = Path(folder) / f"acled-{size}.csv", Path(folder) / f"out-{size}.json"
            write_csv(source, size)
            wall, peak, err = measure([str(EXE), "import", "acled", str(source), "-o", str(out)])
            assert f"imported {size:,} of {size:,} rows; 0 reported" in err, err
            csv_mb, json_mb = source.stat().st_size / 1e6, out.stat().st_size / 1e6
            print(f"{size:>10,} {csv_mb:>8.1f} {json_mb:>8.1f} {wall:>8.2f} {peak:>9.0f}")
            if size == min(options.sizes) and size <= 100_000:
                env = {**os.environ, "EASTSYRIA_MAX_DATA_MB": "0"}
                check = subprocess.run(
                    [str(EXE), "validate", str(out)],
                    check=False,
                    env=env,
                    capture_output=True,
                    text=True,
                )
                print(f"{'':>10} validate: {check.stdout.strip() or check.stderr.strip()}")
            out.unlink()
            source.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
