"""What people see: tables, the timeline, one event and stats, rendered at a fixed width.

These run on the small test dataset so that every expected line can be read and checked by
hand: "Town B" fell "by 20 October" (a span, 1-20 October), "Town A" on 5 October (a day).
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import MINI, Run


@pytest.fixture
def narrow(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    monkeypatch.setenv("EASTSYRIA_DATA", str(MINI))


def lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines()]


@pytest.mark.usefixtures("narrow")
def test_timeline_plain_text_at_60_columns(run: Run) -> None:
    result = run("timeline")
    assert result.status == 0
    assert result.err == ""
    assert lines(result.out) == [
        # The legend names only what the result holds: one campaign (lane A), one side.
        "Campaigns  A Test campaign (1–31 Oct 2017)",
        "Sides      ● Government",
        "Dates      3 Nov: that day; ≤ 5 Dec: by that day; 3–4 Nov:",
        "           some day in the span; ~: approximate",
        "",
        # Lane A is labelled at each heading and runs down the gutter; each event sits in
        # it, marked with its side. "by 20 October" spans 1-20 October: it comes first.
        "A October 2017",
        "● ≤ 20 Oct  Town B falls",
        "│           capture · Town B",
        "● 5 Oct     Army takes Town A",
        "│           capture · Town A",
    ]


@pytest.mark.usefixtures("narrow")
def test_timeline_by_week_heads_each_iso_week(run: Run) -> None:
    out = run("timeline", "--by", "week").out
    # 1 October 2017 (the earliest day of "by 20 October") is a Sunday: ISO week 39.
    assert "A Week 39, 2017 (from 25 September)" in lines(out)
    assert "A Week 40, 2017 (from 2 October)" in lines(out)


@pytest.mark.usefixtures("narrow")
def test_events_table_dates_are_short_and_ids_lead_to_show(run: Run) -> None:
    result = run("events")
    assert result.err == "2 events\n"
    out = lines(result.out)
    # Both events are in 2017: the heading says so once. Ids are short codes at 60
    # columns, and the type column gives way to the title.
    assert out[0].split() == ["2017", "Id", "Event", "Places", "Actors"]
    assert set(out[1]) == {"─"}
    cells = [[cell.strip() for cell in re.split(r"\s{2,}", line)] for line in out[2:]]
    assert [row[:1] + row[2:] for row in cells] == [
        ["≤ 20 Oct", "Town B falls", "Town B", "Army"],
        ["5 Oct", "Army takes Town A", "Town A", "Brigade, ISIL"],
    ]
    short = cells[0][1]
    assert run("show", short).out.startswith("Id          town-b-by")


@pytest.mark.usefixtures("narrow")
def test_a_very_narrow_terminal_gets_one_block_per_event(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    result = run("events")
    assert result.err == "2 events\n"
    out = lines(result.out)
    assert [re.sub(r" · [a-z2-9]{4}$", " · ID", line) for line in out] == [
        "≤ 20 Oct 2017 · capture · ID",
        "Town B falls",
        "  Town B",
        "  Army",
        "",
        "5 Oct 2017 · capture · ID",
        "Army takes Town A",
        "  Town A",
        "  Brigade, ISIL",
    ]


@pytest.mark.usefixtures("narrow")
def test_show_gives_every_fact_of_one_event(run: Run) -> None:
    assert lines(run("show", "town-b-by").out) == [
        "Id          town-b-by",
        "Title       Town B falls",
        # The source's words, then the days they allow.
        "Date        by 20 October 2017",
        "            (some day in 1–20 Oct 2017)",
        "Type        capture · Test campaign",
        "Places      Town B (town; Syria)",
        "Actors      Army (government, attacker)",
        "Control     Town B: Islamic State → Government",
        "Casualties  Islamic State: at least 12 killed [Article A ›",
        "            The battle]",
        "Summary     By 20 October the army held Town B.",
        "Sources     Article A › The battle",
    ]


@pytest.mark.usefixtures("narrow")
def test_an_ascii_terminal_gets_ascii_marks_that_still_line_up(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    ascii_out = io.TextIOWrapper(io.BytesIO(), encoding="ascii", errors="replace")
    monkeypatch.setattr(sys, "stdout", ascii_out)
    from eastsyria.cli import entry

    assert entry.run(["timeline", "--format", "table"]) == 0
    ascii_out.flush()
    text = ascii_out.buffer.getvalue().decode("ascii")  # type: ignore[attr-defined]
    assert lines(text)[5:8] == [
        "A October 2017",
        "o < 20 Oct  Town B falls",
        "|           capture . Town B",
    ]


@pytest.mark.usefixtures("narrow")
def test_stats_chart_counts_and_claims(run: Run) -> None:
    out = lines(run("stats").out)
    assert out[0] == "Events per month (2 events, by earliest possible day)"
    assert out[1].startswith("2017-10 2 ████")
    # Bars fill what the labels leave of 60 columns (44 cells) and scale to the largest count.
    assert "Government    2 " + "█" * 44 in out
    assert "Islamic State 1 " + "█" * 22 in out
    claims = "\n".join(out)
    assert "Casualty claims as claimed (overlaps never added up)" in claims
    assert "at least 12" in claims


@pytest.mark.usefixtures("narrow")
def test_no_colour_when_piped_but_colour_when_forced(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "\x1b[" not in run("timeline").out
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in run("timeline").out
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run("timeline").out


@pytest.mark.usefixtures("narrow")
def test_timeline_svg_is_written(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "timeline.svg"
    result = run("timeline", "--svg", str(target))
    assert result.status == 0
    svg = target.read_text(encoding="utf-8")
    assert ElementTree.fromstring(svg).tag == "{http://www.w3.org/2000/svg}svg"
    # Nothing to fetch when it is opened: no remote font, no link (the xmlns is a name).
    assert "https://" not in svg
    assert re.findall(r"url\((?!#)", svg) == []  # only references inside the picture
    assert svg.count("http://") == svg.count('xmlns="http://www.w3.org/2000/svg"') == 1
    assert "Town&#160;B&#160;falls" in svg or "Town B falls" in svg
    # A chart, not a listing: a mark per event (each named for the report page), in a lane.
    root = ElementTree.fromstring(svg)
    marks = [g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "event"]
    assert sorted(g.get("data-id") for g in marks) == ["town-a-taken", "town-b-by"]
    assert all(g.find("{http://www.w3.org/2000/svg}title") is not None for g in marks)
    unwritable = run("timeline", "--svg", str(tmp_path / "missing" / "t.svg"))
    assert unwritable.status == 2
    assert "cannot write SVG" in unwritable.err
