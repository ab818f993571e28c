"""Ready citations of the source sections that events cite: plain text, BibTeX, CSL-JSON, RIS.

A citation says only what the data file holds: the article's title, the section, the work it
is part of, the publisher and the link, with the day the reader accessed it (`cite
--accessed`, default today, as a citation manager records it when an item is saved) and the
language of a Wikipedia edition (its address's subdomain: 'en'). No revision date or author
is made up (APA then writes "n.d." with the retrieval date, as it asks for an undated page
that changes); a source the file gives no URL is cited without one. Where the article is
part of a named work (Wikipedia), that work is the container and no publisher is given (APA
7 and Chicago 17 name none for a Wikipedia entry; a style would print the publisher as the
author). Events `import` made from ACLED or UCDP GED cite the dataset as its makers ask
(`imports.citing`), never the user's CSV file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from eastsyria.core.calendar import MONTH_NAMES
from eastsyria.core.links import section_url
from eastsyria.core.sanitise import safe
from eastsyria.imports.citing import Work, dataset_works

if TYPE_CHECKING:
    from eastsyria.core.catalog import Catalog
    from eastsyria.data.records import EventRecord, SourceRefRecord


class Citation(NamedTuple):
    """One cited section of one article."""

    # Stable and readable: '<article id>:<section id>', both slugs, so safe as a BibTeX key.
    key: str
    title: str
    section: str
    container: str | None
    publisher: str
    url: str | None
    # The edition's language where the address names it (en.wikipedia.org: 'en').
    language: str | None = None
    # The day the reader accessed the page.
    accessed: dt.date | None = None


# A Wikipedia edition's address: its language code is the subdomain (www is the portal).
_WIKIPEDIA = re.compile(
    r"https?://(?!www\.)([a-z]{2,3}(?:-[a-z]+)*)\.(?:m\.)?wikipedia\.org/", re.IGNORECASE
)


def language_of(url: str | None) -> str | None:
    """The language of a Wikipedia article by its address ('en' for en.wikipedia.org); None
    for any other address, whose language the data file does not say."""
    found = _WIKIPEDIA.match(url or "")
    return found.group(1).lower() if found else None


def _refs(catalog: Catalog, event: EventRecord) -> Iterator[SourceRefRecord]:
    """Every section `show` cites for the event: its sources, its casualty claims' and the
    claims of its disagreements'."""
    yield from event["sources"]
    yield from (claim["source"] for claim in event["casualties"])
    for dispute in catalog.disputes_by_event.get(event["id"], []):
        yield from (claim["source"] for claim in dispute["claims"])


def citations(
    catalog: Catalog, events: Iterable[EventRecord], accessed: dt.date | None = None
) -> list[Citation | Work]:
    """The sections the events cite, each once, in the order first cited; for a source
    `import` wrote, the dataset's own works instead, each once. `accessed`: the day the
    reader accessed the pages (and the datasets)."""
    refs = ((ref["article"], ref["section"]) for event in events for ref in _refs(catalog, event))
    found: dict[str, Citation | Work] = {}
    for cited in section_citations(catalog, refs, accessed).values():
        found.update((item.key, item) for item in cited if item.key not in found)
    return list(found.values())


def section_citations(
    catalog: Catalog, refs: Iterable[tuple[str, str]], accessed: dt.date | None = None
) -> dict[tuple[str, str], list[Citation | Work]]:
    """What each cited (article, section) is cited as, in the order first given: the
    section of its article, or for a source `import` wrote, the dataset's own works."""
    articles = {source["id"]: source for source in catalog.record["sources"]}
    datasets: dict[str, list[Work] | None] = {}
    found: dict[tuple[str, str], list[Citation | Work]] = {}
    for ref in refs:
        if ref in found:
            continue
        name, section_id = ref
        if name not in datasets:
            datasets[name] = dataset_works(dict(articles[name]))
        works = datasets[name]
        if works is not None:
            found[ref] = [_on(work, accessed) if accessed else work for work in works]
            continue
        article = articles[name]
        section = next(s for s in article["sections"] if s["id"] == section_id)
        found[ref] = [
            Citation(
                key=f"{name}:{section_id}",
                title=article["title"],
                section=section["title"],
                container=article["container"],
                publisher=article["publisher"],
                url=section_url(article["url"], section["anchor"]),
                language=language_of(article["url"]),
                accessed=accessed,
            )
        ]
    return found


def _on(item: Citation | Work, accessed: dt.date) -> Citation | Work:
    """A dataset with the day it was accessed (an article in a journal has none)."""
    if isinstance(item, Work) and item.kind == "dataset":
        return item._replace(accessed=accessed)
    return item


def _line(text: str) -> str:
    """Text from the data file on one line (a line break would start a new record), made
    inert (an escape sequence would reach the terminal or the TeX run)."""
    return safe(" ".join(text.split()))


def _day(day: dt.date) -> str:
    """'7 December 2026'"""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def _names(work: Work) -> str:
    """'Raleigh, Clionadh, Andrew Linke and Joakim Karlsen', as the datasets' makers write
    them; an organisation by its name."""
    names = [
        ", ".join(name) if index == 0 else " ".join(reversed(name))
        for index, name in enumerate(work.authors)
    ]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _doi_url(doi: str) -> str:
    return f"https://doi.org/{doi}"


# -- plain text ------------------------------------------------------------------------------


def text_citation(citation: Citation | Work) -> str:
    """'“2017 Abu Kamal offensive”, section “First attack on the city”. Wikipedia (English).
    Accessed 7 December 2026.
    https://en.wikipedia.org/wiki/2017_Abu_Kamal_offensive#First_attack_on_the_city'"""
    if isinstance(citation, Work):
        return _text_work(citation)
    text = f"“{_line(citation.title)}”, section “{_line(citation.section)}”. "
    text += f"{_line(citation.publisher)}."
    if citation.accessed:
        text += f" Accessed {_day(citation.accessed)}."
    return f"{text} {citation.url}" if citation.url else text


def _text_work(work: Work) -> str:
    """A journal article as its dataset's makers cite it ('Raleigh, Clionadh, ... (2010).
    “Introducing ACLED: ...” Journal of Peace Research 47(5): 651–660. https://doi.org/...'),
    a dataset with its version and the day it was accessed."""
    if work.kind == "dataset":
        text = f"{_names(work)}" + (f" ({work.year})" if work.year else "") + f". {work.title}"
        text += f", version {work.version}." if work.version else "."
    else:
        text = f"{_names(work)} ({work.year}). “{work.title}.” {work.journal} "
        text += f"{work.volume}({work.issue})"
        text += f": {'–'.join(work.pages)}." if work.pages else "."
    if work.accessed:
        text += f" Accessed {_day(work.accessed)}."
    link = _doi_url(work.doi) if work.doi else work.url
    return f"{text} {link}" if link else text


def text_citations(cited: Iterable[Citation | Work]) -> str:
    return "\n".join(text_citation(citation) for citation in cited)


# -- BibTeX ----------------------------------------------------------------------------------

# TeX's special characters as text. Braces become commands, not \{ and \}: BibTeX counts
# every brace, escaped or not, so a lone one would end (or never end) the field.
_TEX = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_TEX_SPECIAL = re.compile("[" + re.escape("".join(_TEX)) + "]")


def tex_text(text: str) -> str:
    """Text as a BibTeX field value: TeX's special characters escaped, one line; anything
    else, non-ASCII letters included, left as it is (UTF-8, as biber and BibTeX 8-bit read)."""
    return _TEX_SPECIAL.sub(lambda match: _TEX[match.group()], _line(text))


# biblatex's `langid` (babel's and polyglossia's names) of the languages a Wikipedia edition
# may have; another is left out.
_LANGID = {
    "ar": "arabic",
    "de": "ngerman",
    "en": "english",
    "es": "spanish",
    "fr": "french",
    "it": "italian",
    "nl": "dutch",
    "ru": "russian",
    "tr": "turkish",
}


def _entry(kind: str, key: str, fields: list[tuple[str, str | None]]) -> str:
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@{kind}{{{key},\n{body}\n}}\n"


def bibtex_entry(citation: Citation | Work) -> str:
    """A biblatex @online entry: title (double-braced, so no style lowercases a name in it),
    organization (the work the article is part of, else the publisher), note (the section),
    url, urldate (the access date) and langid; a dataset's works as @article and
    @dataset."""
    if isinstance(citation, Work):
        return _bibtex_work(citation)
    fields: list[tuple[str, str | None]] = [
        ("title", "{" + tex_text(citation.title) + "}"),
        ("organization", tex_text(citation.container or citation.publisher)),
        ("note", f"Section: {tex_text(citation.section)}"),
        # A link is ASCII with no brace, space or backslash (core.links): read verbatim by
        # biblatex and the url package.
        ("url", citation.url),
        ("urldate", citation.accessed.isoformat() if citation.accessed else None),
        ("langid", _LANGID.get(citation.language or "")),
    ]
    return _entry("online", citation.key, fields)


def _bibtex_work(work: Work) -> str:
    authors = " and ".join(
        ", ".join(tex_text(part) for part in name)
        if len(name) > 1
        else "{" + tex_text(name[0]) + "}"
        for name in work.authors
    )
    fields: list[tuple[str, str | None]] = [
        ("author", authors),
        ("title", "{" + tex_text(work.title) + "}"),
        ("journal", work.journal),
        ("year", str(work.year) if work.year else None),
        ("volume", work.volume),
        ("number", work.issue),
        ("pages", "--".join(work.pages) if work.pages else None),
        ("doi", work.doi),
        ("version", work.version),
        ("url", work.url),
        ("urldate", work.accessed.isoformat() if work.accessed else None),
        ("langid", _LANGID.get(work.language)),
    ]
    return _entry("article" if work.kind == "article-journal" else "dataset", work.key, fields)


def bibtex(cited: Iterable[Citation | Work]) -> str:
    return "\n".join(bibtex_entry(citation) for citation in cited)


# -- CSL-JSON --------------------------------------------------------------------------------


def _csl_date(day: dt.date) -> dict[str, Any]:
    return {"date-parts": [[day.year, day.month, day.day]]}


def csl_item(citation: Citation | Work) -> dict[str, Any]:
    """A CSL-JSON item (what Zotero, pandoc and citeproc read): an encyclopedia entry where
    the article is part of a named work (its container, with no publisher), else a web page
    with its publisher; the section, the link, the access date and the language."""
    if isinstance(citation, Work):
        return _csl_work(citation)
    item: dict[str, Any] = {
        "id": citation.key,
        "type": "entry-encyclopedia" if citation.container else "webpage",
        "title": citation.title,
    }
    if citation.container:
        item["container-title"] = citation.container
    else:
        item["publisher"] = citation.publisher
    item["section"] = citation.section
    if citation.url:
        item["URL"] = citation.url
    if citation.accessed:
        item["accessed"] = _csl_date(citation.accessed)
    if citation.language:
        item["language"] = citation.language
    return item


def _csl_work(work: Work) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": work.key,
        "type": work.kind,
        "author": [
            {"family": name[0], "given": name[1]} if len(name) > 1 else {"literal": name[0]}
            for name in work.authors
        ],
        "title": work.title,
    }
    optional: dict[str, Any] = {
        # What APA prints in brackets: its locale term for a dataset is new in CSL 1.0.2,
        # and pandoc 2.17's locales lack it.
        "genre": "Data set" if work.kind == "dataset" else None,
        "container-title": work.journal,
        "volume": work.volume,
        "issue": work.issue,
        "page": "-".join(work.pages) if work.pages else None,
        "issued": {"date-parts": [[work.year]]} if work.year else None,
        "DOI": work.doi,
        "version": work.version,
        "URL": work.url,
        "accessed": _csl_date(work.accessed) if work.accessed else None,
        "language": work.language,
    }
    item.update((name, value) for name, value in optional.items() if value)
    return item


def csl_json(cited: Iterable[Citation | Work]) -> list[dict[str, Any]]:
    return [csl_item(citation) for citation in cited]


# -- RIS -------------------------------------------------------------------------------------


def ris_record(citation: Citation | Work) -> str:
    """An RIS record: ENCYC (or ELEC, a web page), each value on its one line; the access
    date (Y2) and the language (LA) last. A dataset's works: JOUR and DATA."""
    if isinstance(citation, Work):
        return _ris_work(citation)
    tags = [
        ("TY", "ENCYC" if citation.container else "ELEC"),
        ("ID", citation.key),
        ("TI", citation.title),
        ("T2", citation.container),
        ("PB", None if citation.container else citation.publisher),
        ("N1", f"Section: {citation.section}"),
        ("UR", citation.url),
        ("Y2", _ris_date(citation.accessed)),
        ("LA", citation.language),
    ]
    return _record(tags)


def _ris_date(day: dt.date | None) -> str | None:
    return day.strftime("%Y/%m/%d") if day else None


def _record(tags: list[tuple[str, str | None]]) -> str:
    lines = [f"{tag}  - {_line(value)}" for tag, value in tags if value]
    return "\n".join([*lines, "ER  - "]) + "\n"


def _ris_work(work: Work) -> str:
    tags: list[tuple[str, str | None]] = [
        ("TY", "JOUR" if work.kind == "article-journal" else "DATA"),
        ("ID", work.key),
        *(("AU", ", ".join(name)) for name in work.authors),
        ("TI", work.title),
        ("T2", work.journal),
        ("VL", work.volume),
        ("IS", work.issue),
        ("SP", work.pages[0] if work.pages else None),
        ("EP", work.pages[1] if work.pages else None),
        ("PY", str(work.year) if work.year else None),
        ("DO", work.doi),
        ("ET", work.version),
        ("UR", work.url),
        ("Y2", _ris_date(work.accessed)),
        ("LA", work.language),
    ]
    return _record(tags)


def ris(cited: Iterable[Citation | Work]) -> str:
    return "\n".join(ris_record(citation) for citation in cited)
