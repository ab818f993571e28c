"""What people type, on the shipped dataset: year-first and week dates, a radius with its unit,
and names that are not in the data. Each refusal is one line on stderr and exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Run

TYPES = (
    "offensive, advance, crossing, encirclement, siege, assault, capture, counter-attack,"
    " repulse, withdrawal, clearance, airstrike, link-up, announcement, clash-period,"
    " casualty-report, relief, commander-killed"
)


def found(run: Run, *args: str) -> list[str]:
    result = run("events", *args, "--format", "json", "--fields", "id")
    assert result.status == 0, result.err
    return [event["id"] for event in result.json()]


def refused(run: Run, *args: str) -> str:
    result = run("events", *args)
    assert (result.status, result.out) == (2, "")
    assert result.err.count("\n") == 1, result.err
    assert result.err.startswith("eastsyria: error: ")
    return result.err.removeprefix("eastsyria: error: ").rstrip("\n")


@pytest.mark.parametrize(
    ("typed", "same_as"),
    [
        (("--on", "2017/11/09"), ("--on", "2017-11-09")),
        (("--from", "2017/11", "--to", "2017/11"), ("--on", "2017-11")),
        # The week `stats --by week` labels 2017-W45: Monday 6 to Sunday 12 November.
        (("--on", "2017-W45"), ("--from", "2017-11-06", "--to", "2017-11-12")),
        (("--on", "2017w45"), ("--from", "2017-11-06", "--to", "2017-11-12")),
        (("--from", "2017W45", "--to", "2017-W46"), ("--from", "2017-11-06", "--to", "2017-11-19")),
    ],
)
def test_year_first_and_week_dates_find_what_their_iso_days_find(
    run: Run, typed: tuple[str, ...], same_as: tuple[str, ...]
) -> None:
    assert found(run, *typed) == found(run, *same_as) != []


def test_a_week_the_year_does_not_have_and_day_first_dates_are_refused(run: Run) -> None:
    assert refused(run, "--on", "2017-W53").startswith(
        "cannot read date '2017-W53': 2017 has no ISO week 53: its weeks run 1 to 52; use "
    )
    for typed in ("01/05/2017", "14/10/2017"):
        assert refused(run, "--on", typed).startswith(
            f"cannot read date '{typed}': all-numeric dates other than YYYY-MM-DD or"
            " YYYY/MM/DD are ambiguous; use "
        )


@pytest.mark.parametrize("radius", ["30", "30km", "30 km", "30 KM", "30.0km"])
def test_a_radius_is_read_with_or_without_km(run: Run, radius: str) -> None:
    assert found(run, "--near", "Abu Kamal", "--radius", radius) == found(
        run, "--near", "Abu Kamal", "--radius", "30.0"
    )


@pytest.mark.parametrize(
    ("radius", "message"),
    [
        ("30mi", "--radius '30mi' is not in km; give kilometres, as 30, 30km or 30.5 km"),
        ("abc", "--radius 'abc' is not a distance; give kilometres, as 30, 30km or 30.5 km"),
        ("nan", "--radius 'nan' is not a distance; give kilometres, as 30, 30km or 30.5 km"),
        ("0", "--radius '0' is out of range; give more than 0 and at most 20000 km"),
        ("-5", "--radius '-5' is out of range; give more than 0 and at most 20000 km"),
        ("20001", "--radius '20001' is out of range; give more than 0 and at most 20000 km"),
    ],
)
def test_a_radius_that_is_not_kilometres_in_range_is_refused(
    run: Run, radius: str, message: str
) -> None:
    assert refused(run, "--near", "Abu Kamal", "--radius", radius) == message


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--place", "Raqqa"),
            "no place 'Raqqa' in this dataset (29 places; list them with: eastsyria places)",
        ),
        (
            ("--actor", "Raqqa"),
            "no actor 'Raqqa' in this dataset (59 actors; list them with: eastsyria actors);"
            " side 'sdf' (Syrian Democratic Forces) mentions 'Raqqa': try --side sdf",
        ),
        (
            ("--actor", "coalition"),
            "no actor 'coalition' in this dataset (59 actors; list them with: eastsyria actors);"
            " actors of kind 'coalition': 'Pro-government forces'",
        ),
        (
            ("--side", "regime"),
            "no side 'regime' in this dataset; choose from: government, isil, iraq, sdf, monitor",
        ),
        (
            ("--type", "siege2"),
            f"no event type 'siege2'; did you mean 'siege'? (choose from: {TYPES})",
        ),
        (("--place", "Dier ez-Zor"), "no place 'Dier ez-Zor'; did you mean 'Deir ez-Zor'?"),
        (("--actor", "hezbolla"), "no actor 'hezbolla'; did you mean 'Hezbollah'"),
    ],
)
def test_a_name_not_in_the_data_gets_the_nearest_real_answer(
    run: Run, args: tuple[str, ...], message: str
) -> None:
    assert refused(run, *args).startswith(message)


@pytest.mark.parametrize("place", ["Aleppo", "Damascus"])
def test_a_place_with_nothing_close_is_offered_nothing(run: Run, place: str) -> None:
    assert refused(run, "--place", place) == (
        f"no place '{place}' in this dataset (29 places; list them with: eastsyria places)"
    )


@pytest.mark.parametrize(
    "args",
    [
        ("report", "-o", "a\x00b"),
        ("import", "acled", "x.csv", "-o", "\x00"),
        ("events", "--place", "\x00"),
    ],
)
def test_a_nul_in_an_argument_is_one_line_not_a_traceback(run: Run, args: tuple[str, ...]) -> None:
    done = run(*args)
    assert done.status == 2
    assert done.err.strip().endswith("contains a NUL character; leave it out")
    assert len(done.err.strip().splitlines()) == 1
    assert done.out == ""


@pytest.mark.parametrize(
    "args",
    [
        ("import", "--output", "\ud800"),
        ("report", "-o", "a\udfffb"),
        ("events", "--place", "\ud800"),
    ],
)
def test_a_lone_surrogate_in_an_argument_is_one_line_not_a_traceback(
    run: Run, args: tuple[str, ...]
) -> None:
    # Found by tests/security/test_fuzz.py: Typer's path check could not encode it.
    done = run(*args)
    assert done.status == 2
    assert done.err.strip().endswith("(a lone surrogate); leave it out")
    assert len(done.err.strip().splitlines()) == 1
    assert done.out == ""


def test_bytes_that_are_not_utf8_still_name_a_file(run: Run, tmp_path: Path) -> None:
    # A shell passes them as surrogateescape's '\udc80'-'\udcff': a real file name, kept.
    done = run("report", "-o", str(tmp_path / "r\udce9.html"))
    assert done.status == 0, done.err
    assert (tmp_path / "r\udce9.html").stat().st_size > 0
