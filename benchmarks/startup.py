"""Start-up cost of the three commands people run most, as a multiple of `python -c pass`.

Each case runs alternately with `python -c pass` (same interpreter, same environment), `--runs`
times; the figure is the median of the per-pair ratios. The validated-data cache is warm (two
warm-up runs fill it); the cold first run (empty cache) is reported beside it. Output goes into
a pipe that the benchmark drains, as in `eastsyria ... | jq`.

    python benchmarks/startup.py                  # the three budgets
    python benchmarks/startup.py --compare-typer  # also: the json query under Typer 0.29

Exit status 0 when every budget is met, 1 when one is missed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import measure
from measure import Sample

HEAVY = ("pydantic", "rich", "dateutil")
QUERY = ("events", "--from", "2017-11-01", "--place", "Abu Kamal")
COMPLETION_ENV = {
    "_EASTSYRIA_COMPLETE": "complete_bash",
    # As Typer's bash script passes them: "${COMP_WORDS[*]}" joined by newlines (IFS).
    "COMP_WORDS": "eastsyria\nevents\n--place\nAb",
    "COMP_CWORD": "3",
}
TYPER_NEXT = "0.29"


@dataclass(frozen=True)
class Case:
    name: str
    shown: str
    args: tuple[str, ...]
    budget: float
    env: dict[str, str] = field(default_factory=dict)
    # The heavy modules this command needs; any other one on its path is a finding.
    needs: tuple[str, ...] = ()

    def argv(self, program: list[str]) -> list[str]:
        return [*program, *self.args]


CASES = (
    Case(
        name="completion",
        shown="eastsyria events --place Ab<TAB> (bash completion protocol)",
        args=(),
        budget=6.0,
        env=COMPLETION_ENV,
    ),
    Case(
        name="json",
        shown='eastsyria events --from 2017-11-01 --place "Abu Kamal" --format json | ...',
        args=(*QUERY, "--format", "json"),
        budget=7.0,
    ),
    Case(
        name="tsv",
        shown='eastsyria events --from 2017-11-01 --place "Abu Kamal" | ...  (piped: TSV)',
        args=QUERY,
        budget=7.0,
    ),
    Case(
        name="table",
        shown='EASTSYRIA_FORCE_TTY=1 eastsyria events --from 2017-11-01 --place "Abu Kamal"'
        " | ...  (the table a terminal gets)",
        args=QUERY,
        budget=11.0,
        needs=("rich",),
        env={"EASTSYRIA_FORCE_TTY": "1"},
    ),
)


@dataclass
class Figures:
    """Alternating runs of one case and of the bare interpreter."""

    case: Case
    runs: list[Sample] = field(default_factory=list)
    bare: list[Sample] = field(default_factory=list)

    def ratio(self) -> float:
        pairs = zip(self.runs, self.bare, strict=True)
        return measure.median([run.seconds / bare.seconds for run, bare in pairs])

    def seconds(self) -> float:
        return measure.median([run.seconds for run in self.runs])

    def bare_seconds(self) -> float:
        return measure.median([bare.seconds for bare in self.bare])

    def rss(self) -> float:
        return measure.median([run.max_rss_kib for run in self.runs])


def check_output(case: Case, sample: Sample) -> str:
    """What the case answered, checked enough to know the benchmark timed a real answer."""
    out = sample.stdout.decode("utf-8", "replace")
    if case.name == "completion":
        names = out.splitlines()
        if "Abu\\ Kamal" not in names:
            raise SystemExit(f"completion did not offer Abu Kamal: {names!r}")
        return f"{len(names)} names"
    if case.name == "json":
        events = json.loads(out)
        if not events:
            raise SystemExit("the json query found no event: is 'Abu Kamal' in the data?")
        return f"{len(events)} events, {len(sample.stdout):,} bytes"
    return f"{len(out.splitlines())} lines"


def heavy_imports(program: list[str], case: Case, env: dict[str, str]) -> list[str]:
    """Which of pydantic, rich and dateutil one warm run of the case imports."""
    if len(program) > 1:  # python -m eastsyria
        argv = [program[0], "-X", "importtime", *program[1:], *case.args]
    else:
        argv = [sys.executable, "-X", "importtime", *program, *case.args]
    sample = measure.run(argv, {**env, **case.env})
    found = set()
    for line in sample.stderr.decode("utf-8", "replace").splitlines():
        if line.startswith("import time:") and "|" in line:
            module = line.rsplit("|", 1)[1].strip().split(".")[0]
            if module in HEAVY:
                found.add(module)
    return sorted(found)


def alternate(
    cases: tuple[Case, ...], program: list[str], env: dict[str, str], runs: int
) -> dict[str, Figures]:
    """`runs` rounds; in each, every case and `python -c pass` one after the other."""
    bare = [sys.executable, "-c", "pass"]
    figures = {case.name: Figures(case) for case in cases}
    for round_ in range(runs):
        for case in cases:
            case_env = {**env, **case.env}
            # Alternate which goes first, so neither always runs on a warmer machine.
            if round_ % 2:
                figures[case.name].runs.append(measure.run(case.argv(program), case_env))
                figures[case.name].bare.append(measure.run(bare, env))
            else:
                figures[case.name].bare.append(measure.run(bare, env))
                figures[case.name].runs.append(measure.run(case.argv(program), case_env))
    return figures


def cold(
    cases: tuple[Case, ...], program: list[str], env: dict[str, str], cache: Path, runs: int
) -> dict[str, tuple[float, float]]:
    """Median (seconds, ratio) of first runs with an empty cache (validation with pydantic)."""
    bare = [sys.executable, "-c", "pass"]
    found: dict[str, tuple[float, float]] = {}
    for case in cases:
        seconds, ratios = [], []
        for _ in range(runs):
            measure.clear(cache)
            base = measure.run(bare, env)
            sample = measure.run(case.argv(program), {**env, **case.env})
            seconds.append(sample.seconds)
            ratios.append(sample.seconds / base.seconds)
        found[case.name] = (measure.median(seconds), measure.median(ratios))
    return found


def _version_of(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def _venv_python(venv: Path) -> Path:
    return venv / ("Scripts" if sys.platform == "win32" else "bin") / "python"


def _venv_state(python: Path) -> tuple[str, str] | None:
    """(typer version, where eastsyria is imported from) in that interpreter, if it works."""
    if not python.is_file():
        return None
    probe = "import typer, eastsyria; print(typer.__version__); print(eastsyria.__file__)"
    result = subprocess.run([str(python), "-c", probe], capture_output=True, text=True, check=False)
    lines = result.stdout.split()
    return (lines[0], lines[1]) if result.returncode == 0 and len(lines) == 2 else None


def typer_venv(venv: Path) -> Path:
    """A throwaway venv: Typer 0.29 and today's rich/pydantic/dateutil, this checkout."""
    python = _venv_python(venv)
    state = _venv_state(python)
    here = str(measure.CHECKOUT / "src")
    if state is not None and state[0].startswith(f"{TYPER_NEXT}.") and state[1].startswith(here):
        return python
    print(f"creating {venv} with typer=={TYPER_NEXT}.* (pip, a minute at most)...", flush=True)
    measure.clear(venv)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    same = [
        f"{name}=={version}"
        for name in ("rich", "pydantic", "python-dateutil")
        if (version := _version_of(name)) is not None
    ]
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, f"typer=={TYPER_NEXT}.*", *same], check=True)
    # --no-deps: the project pins typer<0.29, and that pin is what is being tested.
    subprocess.run([*pip, "--no-deps", "-e", str(measure.CHECKOUT)], check=True)
    state = _venv_state(python)
    if state is None or not state[0].startswith(f"{TYPER_NEXT}."):
        raise SystemExit(f"{venv}: could not set up typer {TYPER_NEXT} ({state})")
    return python


def compare_typer(env: dict[str, str], runs: int, venv: Path) -> list[list[str]]:
    """The json query under this environment's Typer and under Typer 0.29, alternating."""
    other = typer_venv(venv)
    case = CASES[1]
    setups = [("this environment", Path(sys.executable)), ("throwaway venv", other)]
    rows = []
    figures = []
    for _, python in setups:
        state = _venv_state(python)
        program = measure.program(python)
        measure.checked(case.argv(program), env, f"{case.name} with {python}")
        measure.checked(case.argv(program), env, f"{case.name} with {python}")
        figures.append((state[0] if state else "?", python, program, Figures(case)))
    for round_ in range(runs):
        for _, python, program, figure in figures:
            bare = [str(python), "-c", "pass"]
            pair = [(figure.bare, bare), (figure.runs, case.argv(program))]
            for samples, argv in pair if round_ % 2 == 0 else reversed(pair):
                samples.append(measure.run(argv, env))
    base = figures[0][3].seconds()
    for (where, _), (version, _, _, figure) in zip(setups, figures, strict=True):
        rows.append(
            [
                f"typer {version}",
                where,
                measure.ms(figure.seconds()),
                measure.ms(figure.bare_seconds()),
                measure.ratio(figure.ratio()),
                f"{(figure.seconds() - base) * 1000:+.1f} ms",
                measure.verdict(figure.ratio(), case.budget),
            ]
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="alternating runs (default 15)")
    parser.add_argument("--cold-runs", type=int, default=3, help="empty-cache runs (default 3)")
    parser.add_argument("--data", type=Path, help="data file (default: the shipped one)")
    parser.add_argument(
        "--compare-typer",
        action="store_true",
        help=f"also time the json query under Typer {TYPER_NEXT} in a throwaway venv",
    )
    parser.add_argument(
        "--typer-venv",
        type=Path,
        default=measure.OUT / f"venv-typer-{TYPER_NEXT}",
        help="where that venv lives (default benchmarks/out/venv-typer-0.29)",
    )
    parser.add_argument(
        "--keep-env", action="store_true", help="keep PYTHONUNBUFFERED and the like"
    )
    args = parser.parse_args(argv)
    if args.runs < 10:
        parser.error("--runs must be 10 or more")

    cache = measure.OUT / "cache-startup"
    extra = {"EASTSYRIA_DATA": str(args.data.resolve())} if args.data else {}
    env = measure.child_env(cache, keep_env=args.keep_env, **extra)
    program = measure.program()
    version = measure.checked([*program, "--version"], env, "eastsyria --version")
    print(f"eastsyria start-up: {args.runs} runs per case, each alternating with `python -c pass`")
    print(f"interpreter: {sys.executable} ({sys.version.split()[0]}), typer {_version_of('typer')}")
    print(f"program: {measure.shell(program)} ({version.stdout.decode().strip()})")
    print(f"data: {args.data or 'the shipped data file'}; cache: {cache} (warm)")
    print(measure.describe_environment(args.keep_env))

    answers = {}
    for case in CASES:  # warm-up: bytecode written, cache filled, output checked
        measure.run(case.argv(program), {**env, **case.env})
        sample = measure.checked(case.argv(program), {**env, **case.env}, case.name)
        answers[case.name] = check_output(case, sample)
    imports = {case.name: heavy_imports(program, case, env) for case in CASES}
    figures = alternate(CASES, program, env, args.runs)
    first = cold(CASES, program, env, cache, args.cold_runs)
    for case in CASES:  # leave the cache warm for whoever runs next
        measure.run(case.argv(program), {**env, **case.env})

    rows = []
    missed = False
    findings = []
    for case in CASES:
        figure = figures[case.name]
        value = figure.ratio()
        unneeded = [name for name in imports[case.name] if name not in case.needs]
        if unneeded:
            findings.append(f"{case.name} imports {', '.join(unneeded)}, which it does not need")
        missed |= value > case.budget or bool(unneeded)
        cold_seconds, cold_ratio = first[case.name]
        rows.append(
            [
                case.name,
                measure.ms(figure.seconds()),
                measure.ms(figure.bare_seconds()),
                measure.ratio(value),
                measure.verdict(value, case.budget),
                f"{measure.ms(cold_seconds)} ({measure.ratio(cold_ratio)})",
                measure.mib(figure.rss()),
                ", ".join(imports[case.name]) or "none",
                answers[case.name],
            ]
        )
    header = [
        "case",
        "median",
        "python -c pass",
        "median ratio",
        "budget",
        "cold first run",
        "peak RSS",
        "heavy imports",
        "answer",
    ]
    print()
    print(measure.table(header, rows))
    for case in CASES:
        print(f"  {case.name}: {case.shown}")
    print("  median ratio: median over the runs of (case time / the paired `python -c pass` time)")
    print(
        "  cold first run: empty cache; a query validates the file (pydantic) and caches it,"
        " completion reads the raw JSON"
    )
    print(f"  heavy imports: which of {', '.join(HEAVY)} a warm run imports (python -X importtime)")

    for finding in findings:
        print(f"  MISSED: {finding}")

    if args.compare_typer:
        print()
        print(f"Typer {TYPER_NEXT} against this environment's Typer: the json query, warm cache")
        rows = compare_typer(env, args.runs, args.typer_venv)
        header = [
            "typer",
            "where",
            "median",
            "python -c pass",
            "median ratio",
            "vs this",
            "json budget",
        ]
        print(measure.table(header, rows))
    print()
    print("all budgets met" if not missed else "BUDGET MISSED (see above)")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
