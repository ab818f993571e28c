"""How ACLED and UCDP ask to be cited: the works to cite for a data file `import` wrote.

An imported event's source is its row of the dataset (`acled.SOURCE`, `ucdp.SOURCE`, with
the row as the section). A reader cites the dataset, not the user's local CSV file: the
article that introduced it, and the dataset itself with the day it was accessed (and, for
UCDP GED, its version: `import ucdp --ged-version`, as UCDP numbers its releases).
ACLED's attribution policy asks for Raleigh et al. (2010) and the data with its access
date; UCDP for Sundberg and Melander (2013) and the year's "Organized violence" article
(Davies, Pettersson and Öberg 2023 for GED 23.1).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from eastsyria.imports import acled, ucdp


class Work(NamedTuple):
    """A work cited as a whole: an article in a journal, or a dataset."""

    key: str
    # 'article-journal' or 'dataset' (CSL's types).
    kind: str
    # Each author as (family, given), or (name,) for an organisation.
    authors: tuple[tuple[str, ...], ...]
    title: str
    year: int | None = None
    journal: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: tuple[str, str] | None = None
    doi: str | None = None
    version: str | None = None
    url: str | None = None
    # A dataset changes: the day it was accessed (`cite --accessed`); None for an article.
    accessed: dt.date | None = None
    language: str = "en"


_JPR = "Journal of Peace Research"

RALEIGH_2010 = Work(
    key="acled:raleigh-2010",
    kind="article-journal",
    authors=(
        ("Raleigh", "Clionadh"),
        ("Linke", "Andrew"),
        ("Hegre", "Håvard"),
        ("Karlsen", "Joakim"),
    ),
    title="Introducing ACLED: An Armed Conflict Location and Event Dataset",
    year=2010,
    journal=_JPR,
    volume="47",
    issue="5",
    pages=("651", "660"),
    doi="10.1177/0022343310378914",
)
ACLED_DATA = Work(
    key="acled:data",
    kind="dataset",
    authors=(("Armed Conflict Location & Event Data (ACLED)",),),
    title="ACLED data export",
    url="https://acleddata.com/",
)
SUNDBERG_MELANDER_2013 = Work(
    key="ucdp:sundberg-melander-2013",
    kind="article-journal",
    authors=(("Sundberg", "Ralph"), ("Melander", "Erik")),
    title="Introducing the UCDP Georeferenced Event Dataset",
    year=2013,
    journal=_JPR,
    volume="50",
    issue="4",
    pages=("523", "532"),
    doi="10.1177/0022343313484347",
)
# UCDP asks for the "Organized violence" article of the year of each release, by version.
ORGANIZED_VIOLENCE = {
    "23.1": Work(
        key="ucdp:davies-2023",
        kind="article-journal",
        authors=(("Davies", "Shawn"), ("Pettersson", "Therése"), ("Öberg", "Magnus")),
        title="Organized violence 1989–2022, and the return of conflict between states",
        year=2023,
        journal=_JPR,
        volume="60",
        issue="4",
        pages=("691", "708"),
        doi="10.1177/00223433231185169",
    ),
}
GED_TITLE = "UCDP Georeferenced Event Dataset (GED) Global"
# A GED release as UCDP numbers it: 23.1, 24.1, 25.0.3 (a candidate release).
GED_VERSION = re.compile(r"\d{1,2}\.\d{1,2}(?:\.\d{1,2})?")


def ged_version(typed: str) -> str:
    """`typed` as a GED version ('23.1'); ValueError with the reason where it is not one."""
    text = typed.strip().removeprefix("v").removeprefix("V")
    if not GED_VERSION.fullmatch(text):
        raise ValueError(f"{typed!r} is not a UCDP GED version: give it as UCDP numbers it, 23.1")
    return text


def ucdp_data(version: str | None) -> Work:
    """The GED release `version`: UCDP numbers a release by its year (23.1: the first of
    2023), so the year is the version's; without a version, neither."""
    return Work(
        key="ucdp:ged",
        kind="dataset",
        authors=(("Uppsala Conflict Data Program (UCDP)",),),
        title=GED_TITLE,
        # A hand-written version of another form ('2023 release') names no year.
        year=2000 + int(version.split(".")[0])
        if version and GED_VERSION.fullmatch(version)
        else None,
        version=version,
        url="https://ucdp.uu.se/downloads/",
    )


def dataset_works(source: dict[str, object]) -> list[Work] | None:
    """The works to cite for a source `import` wrote (recognised by the id, publisher and
    link the importer gives it), in the order the dataset's makers list them; None for any
    other source."""
    for importer in (acled, ucdp):
        made = importer.SOURCE
        if all(source.get(name) == made[name] for name in ("id", "publisher", "url")):
            if importer is acled:
                return [RALEIGH_2010, ACLED_DATA]
            version = source.get("version")
            version = version if isinstance(version, str) else None
            yearly = ORGANIZED_VIOLENCE.get(version or "")
            return [SUNDBERG_MELANDER_2013, *([yearly] if yearly else []), ucdp_data(version)]
    return None
