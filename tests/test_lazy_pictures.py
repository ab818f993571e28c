"""The drawing code loads only when a picture is asked for: `events`, `timeline` and
`control` as tables or JSON (run hundreds of times a day) never import it."""

from __future__ import annotations

import pytest
from tests.conftest import run_process, subprocess_env

# What a cold start imports: no cache entry to skip validation with.
pytestmark = pytest.mark.private_cache

DRAWING = ("eastsyria.output.pictures", "eastsyria.output.svg", "eastsyria.output.kml")


def _imported(*args: str) -> set[str]:
    result = run_process(*args, env=subprocess_env(PYTHONPROFILEIMPORTTIME="1"))
    assert result.returncode == 0, result.stderr
    return {
        row.split("|")[-1].strip()
        for row in result.stderr.splitlines()
        if row.startswith("import time:")
    }


@pytest.mark.parametrize(
    "args",
    [
        ("events", "--from", "2017-11-01", "--place", "Abu Kamal", "-f", "json"),
        ("events", "--place", "Mayadin", "-f", "table"),
        ("timeline", "-f", "json"),
        ("timeline", "-f", "table"),
        ("control", "-f", "json"),
        ("control", "Abu Kamal", "-f", "table"),
    ],
)
def test_queries_that_draw_nothing_import_no_drawing_code(args: tuple[str, ...]) -> None:
    imported = _imported(*args)
    assert "eastsyria.cli.entry" in imported  # the profile was read
    assert not {m for m in imported if m.startswith(DRAWING)}


def test_a_picture_does_import_it(tmp_path: object) -> None:
    target = f"{tmp_path}/t.svg"
    assert "eastsyria.output.svg" in _imported("timeline", "-f", "json", "--svg", target)
