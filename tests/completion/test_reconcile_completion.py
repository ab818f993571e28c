"""TAB for `reconcile` in bash, zsh and fish: its name, its options, `--show`'s values, and
the files `--against` takes (each shell's own file completion: nothing offered)."""

from __future__ import annotations

import pytest

from completion.test_protocol import bash_words, complete
from conftest import MINI

# Completion reads the cache as it is: each test starts from an empty one.
pytestmark = pytest.mark.private_cache


def test_the_command_and_its_options_complete() -> None:
    assert complete("bash", bash_words("eastsyria", "recon")).stdout.splitlines() == ["reconcile"]
    names = complete("bash", bash_words("eastsyria", "reconcile", "--")).stdout.splitlines()
    assert {"--data", "--against", "--min-score", "--days", "--show", "--place"} <= set(names)
    # A cut or an order of one file's events means nothing here.
    assert not {"--limit", "--reverse", "--sort"} & set(names)


@pytest.mark.parametrize(
    ("typed", "expected"), [("", ["all", "matches", "only"]), ("m", ["matches"]), ("x", [])]
)
def test_show_offers_its_three_values(typed: str, expected: list[str]) -> None:
    result = complete("bash", bash_words("eastsyria", "reconcile", "--show", typed))
    assert result.stdout.splitlines() == expected


def test_against_takes_a_file_in_every_shell() -> None:
    line = "eastsyria reconcile --against tes"
    assert complete("bash", bash_words(*line.split())).stdout == ""
    assert complete("zsh", line).stdout == "_files"
    assert complete("fish", line, action="is-args").returncode == 1


def test_the_commands_own_data_option_is_read_for_names() -> None:
    words = ("eastsyria", "reconcile", "--data", str(MINI), "--place", "To")
    assert complete("bash", bash_words(*words)).stdout.splitlines() == ["Town\\ A", "Town\\ B"]
    zsh = complete("zsh", "eastsyria reconcile --show m").stdout
    assert "matches" in zsh
