"""Regenerate the screenshots in docs/ from the curated data: `python docs/pictures.py`.

Each entry of PICTURES runs one eastsyria command, opens what it made in headless Chromium
(tests/browser.py: offline, no request leaves the machine) and saves docs/NAME.png:

- "svg": the command writes an SVG picture to {file}; the PNG is the whole picture;
- "html": the command writes a page to {file} (the report); the PNG is what a window of
  `window` pixels shows, after `actions` (click a row, type in the search box...);
- "terminal": the command's output on a colour terminal `columns` wide, as Rich records it,
  drawn in a monospace font on a dark background.

`python docs/pictures.py timeline report` makes only those. A page that requests anything
or logs an error stops the run: the pictures are made the way the tests open them.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
sys.path.insert(0, str(ROOT / "tests"))

from browser import Browser  # noqa: E402 - found through the path set just above


class Picture(NamedTuple):
    name: str
    # The command's arguments after `eastsyria`; "{file}" is where it writes.
    args: tuple[str, ...]
    kind: str  # svg, html or terminal
    # The browser window: width and height in pixels.
    window: tuple[int, int] = (1300, 900)
    # For "html": what a reader does first, in order: ("click", CSS selector),
    # ("type", "selector=text"), ("top", selector: scrolled to the top of the window).
    actions: tuple[tuple[str, str], ...] = ()
    # For "terminal": its width in characters.
    columns: int = 100


PICTURES: tuple[Picture, ...] = (
    Picture("timeline", ("timeline", "--svg", "{file}"), "svg", window=(1200, 1500)),
    Picture("control", ("control", "--svg", "{file}"), "svg", window=(1200, 620)),
    Picture("map", ("map", "--svg", "{file}"), "svg", window=(1200, 700)),
    Picture(
        "map-terminal",
        ("map", "--campaign", "abu-kamal-offensive", "--on", "2017-11-10"),
        "terminal",
        columns=100,
    ),
    Picture(
        "control-terminal",
        ("control", "Abu Kamal", "--chart", "--on", "2017-11-10"),
        "terminal",
        columns=100,
    ),
    Picture("report", ("report", "-o", "{file}"), "html", window=(1300, 1000)),
    Picture(
        "report-card",
        ("report", "-o", "{file}"),
        "html",
        window=(1300, 900),
        actions=(
            ("type", "#search=Abu Kamal"),
            ("top", "#events"),
            ("click", 'tr[data-id="abu-kamal-first-capture"]'),
        ),
    ),
    Picture(
        "report-phone",
        ("report", "--campaign", "abu-kamal-offensive", "-o", "{file}"),
        "html",
        window=(390, 844),
        actions=(("top", "#events"),),
    ),
    Picture(
        "timeline-terminal",
        (
            "timeline",
            "--campaign",
            "abu-kamal-offensive",
            "--from",
            "2017-11-08",
            "--to",
            "2017-11-19",
        ),
        "terminal",
        columns=100,
    ),
)


def _run(args: tuple[str, ...], file: Path, columns: int) -> str:
    """Run `eastsyria ARGS` as on a colour terminal; its stdout. Stops on a failure."""
    env = {**os.environ, "EASTSYRIA_FORCE_TTY": "1", "FORCE_COLOR": "1", "COLUMNS": str(columns)}
    env.pop("NO_COLOR", None)
    done = subprocess.run(
        [sys.executable, "-m", "eastsyria", *(a.replace("{file}", str(file)) for a in args)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"eastsyria {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout


def _terminal_page(output: str, columns: int) -> str:
    """The terminal's output as a page: Rich reads the colours back and writes them inline."""
    from rich.console import Console
    from rich.text import Text

    console = Console(record=True, width=columns, file=io.StringIO(), color_system="truecolor")
    console.print(Text.from_ansi(output), end="")
    body = console.export_html(inline_styles=True, code_format="{code}")
    return (
        '<!DOCTYPE html><meta charset="utf-8"><title>terminal</title>'
        '<body style="margin:0;background:#1e1e1e">'
        '<pre style="margin:0;padding:14px 18px;color:#e8e8e8;background:#1e1e1e;'
        "font:14px/1.35 'DejaVu Sans Mono','Noto Sans Mono',monospace;"
        f'display:inline-block">{body}</pre></body>'
    )


def make(picture: Picture, work: Path) -> Path:
    """docs/NAME.png for one picture; the page it came from must be quiet and offline."""
    suffix = {"svg": ".svg", "html": ".html", "terminal": ".html"}[picture.kind]
    made = work / f"{picture.name}{suffix}"
    output = _run(picture.args, made, picture.columns)
    if picture.kind == "terminal":
        made.write_text(_terminal_page(output, picture.columns), encoding="utf-8")
    width, height = picture.window
    target = DOCS / f"{picture.name}.png"
    with Browser(width=width, height=height) as browser:
        page = browser.open(made.as_uri())
        for action, argument in picture.actions:
            if action == "click":
                page.click(argument)
            elif action == "type":
                selector, typed = argument.split("=", 1)
                page.type(selector, typed)
            elif action == "top":
                page.evaluate(f"document.querySelector({argument!r}).scrollIntoView()")
        if page.requests or page.errors:
            sys.exit(f"{picture.name}: requests {page.requests}, errors {page.errors}")
        page.screenshot(target, full_page=picture.kind != "html")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="only these pictures (default: all)")
    chosen = parser.parse_args().names
    unknown = set(chosen) - {p.name for p in PICTURES}
    if unknown:
        parser.error(f"no picture {', '.join(sorted(unknown))}")
    with tempfile.TemporaryDirectory() as work:
        for picture in PICTURES:
            if not chosen or picture.name in chosen:
                print(make(picture, Path(work)).relative_to(ROOT))


if __name__ == "__main__":
    main()
