"""The published JSON Schema is as strict as `validate` about every vocabulary: a file that
`validate` refuses for a word outside a vocabulary also fails check-jsonschema, the
validator a user runs on the schema `eastsyria schema` prints."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import Run

from eastsyria.data import vocab

SOURCE = {"article": "article-a", "section": "battle"}


def _set_event_type(doc: dict[str, Any], word: str) -> None:
    doc["events"][0]["type"] = word


def _set_precision(doc: dict[str, Any], word: str) -> None:
    doc["events"][1]["date"]["precision"] = word


def _set_qualifier(doc: dict[str, Any], word: str) -> None:
    doc["events"][1]["date"]["qualifier"] = word


def _set_role(doc: dict[str, Any], word: str) -> None:
    doc["events"][0]["actors"][0]["role"] = word


def _set_change_extent(doc: dict[str, Any], word: str) -> None:
    doc["events"][0]["control"][0]["extent"] = word


def _set_change_status(doc: dict[str, Any], word: str) -> None:
    doc["events"][0]["control"][0]["status"] = word


def _holding(doc: dict[str, Any], **fields: str) -> None:
    town_b = doc["places"][2]
    town_b["held_at_start"] = [{"holder": "isil", "source": SOURCE, **fields}]


def _set_holding_extent(doc: dict[str, Any], word: str) -> None:
    _holding(doc, extent=word)


def _set_holding_status(doc: dict[str, Any], word: str) -> None:
    _holding(doc, status=word)


def _set_casualty_kind(doc: dict[str, Any], word: str) -> None:
    doc["events"][1]["casualties"][0]["kind"] = word


def _set_figure_qualifier(doc: dict[str, Any], word: str) -> None:
    doc["events"][1]["casualties"][0]["qualifier"] = word


def _set_line_kind(doc: dict[str, Any], word: str) -> None:
    doc["lines"] = [
        {
            "id": "a-river",
            "name": "A river",
            "kind": word,
            "precision_km": 1,
            "note": "drawn by hand",
            "points": [[40.0, 35.0], [40.5, 34.5]],
        }
    ]


# Each vocabulary, where a data file uses it, and the words it allows (read from vocab, the
# tuples `validate` checks against).
VOCABULARIES: dict[str, tuple[Callable[[dict[str, Any], str], None], tuple[str, ...]]] = {
    "event type": (_set_event_type, vocab.EVENT_TYPES),
    "precision": (_set_precision, vocab.PRECISIONS),
    "qualifier": (_set_qualifier, vocab.QUALIFIERS),
    "role": (_set_role, vocab.ROLES),
    "control extent": (_set_change_extent, vocab.CONTROL_EXTENTS),
    "control status": (_set_change_status, vocab.CONTROL_STATUSES),
    "holding extent": (_set_holding_extent, vocab.CONTROL_EXTENTS),
    "holding status": (_set_holding_status, vocab.HOLDING_STATUSES),
    "casualty kind": (_set_casualty_kind, vocab.CASUALTY_KINDS),
    "figure qualifier": (_set_figure_qualifier, vocab.FIGURE_QUALIFIERS),
    "line kind": (_set_line_kind, vocab.LINE_KINDS),
}

# Words outside every vocabulary: a plausible wrong word, a near miss in case, an empty string.
OUTSIDE = ("massacre", "Day", "")


@pytest.fixture(scope="module")
def schema_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from eastsyria.cli.app import app

    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0, result.output
    path = tmp_path_factory.mktemp("schema") / "events.schema.json"
    path.write_text(result.stdout, encoding="utf-8")
    return path


def _check_jsonschema(schema: Path, *instances: Path) -> subprocess.CompletedProcess[str]:
    executable = shutil.which("check-jsonschema")
    assert executable, "check-jsonschema is a test dependency (pyproject's test extras)"
    return subprocess.run(
        [executable, "--no-cache", "--schemafile", str(schema), *map(str, instances)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_jsonschema_accepts_the_shipped_file_and_the_mini_one(schema_file: Path) -> None:
    shipped = Path(__file__).parents[1] / "data" / "events.json"
    result = _check_jsonschema(schema_file, shipped, Path(__file__).parent / "data" / "mini.json")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("vocabulary", sorted(VOCABULARIES))
def test_a_word_validate_refuses_fails_check_jsonschema_too(
    vocabulary: str, schema_file: Path, write_data: Callable[..., Path], run: Run
) -> None:
    set_word, _ = VOCABULARIES[vocabulary]
    for word in OUTSIDE:
        path = write_data(lambda doc, word=word: set_word(doc, word))
        refused = run("validate", str(path))
        assert refused.status == 2, (vocabulary, word)
        said = "control extent" if vocabulary == "holding extent" else vocabulary
        assert f"unknown {said} {word!r}" in refused.err, refused.err
        checked = _check_jsonschema(schema_file, path)
        assert checked.returncode == 1, (vocabulary, word, checked.stdout)
        assert "is not one of" in checked.stdout, checked.stdout


@pytest.mark.parametrize("vocabulary", sorted(VOCABULARIES))
def test_every_word_validate_takes_passes_check_jsonschema(
    vocabulary: str, schema_file: Path, write_data: Callable[..., Path], run: Run
) -> None:
    """The enums are no stricter than the vocabularies: each allowed word passes."""
    set_word, allowed = VOCABULARIES[vocabulary]
    paths = [write_data(lambda doc, word=word: set_word(doc, word)) for word in allowed]
    checked = _check_jsonschema(schema_file, *paths)
    assert checked.returncode == 0, checked.stdout


def test_the_schema_lists_each_vocabulary_from_the_same_words(run: Run) -> None:
    definitions = run("schema").json()["$defs"]
    enums = {
        ("Event", "type"): vocab.EVENT_TYPES,
        ("DateSpan", "precision"): vocab.PRECISIONS,
        ("DateSpan", "qualifier"): vocab.QUALIFIERS,
        ("EventActor", "role"): vocab.ROLES,
        ("ControlChange", "extent"): vocab.CONTROL_EXTENTS,
        ("ControlChange", "status"): vocab.CONTROL_STATUSES,
        ("Holding", "extent"): vocab.CONTROL_EXTENTS,
        ("Holding", "status"): vocab.HOLDING_STATUSES,
        ("CasualtyClaim", "kind"): vocab.CASUALTY_KINDS,
        ("CasualtyClaim", "qualifier"): vocab.FIGURE_QUALIFIERS,
        ("GeoLine", "kind"): vocab.LINE_KINDS,
        ("DatasetFields", "name"): tuple(vocab.DATASET_FIELDS),
    }
    for (model, field), words in enums.items():
        assert definitions[model]["properties"][field]["enum"] == list(words), (model, field)
    assert json.dumps(definitions).count('"enum"') == len(enums)
