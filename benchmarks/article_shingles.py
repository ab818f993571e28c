"""Write tests/data/article-shingles.txt: hashes of every 8-word run of the source articles.

Run by a developer, where the articles are (`../shared/sources/*.txt` beside the project):
`python benchmarks/article_shingles.py [SOURCES_DIR]`. The tests never read the articles;
they read these hashes (`tests/test_brief.py`: no 8 words in a row of a brief are the
articles'). Each article is normalised as the test normalises a brief (lowercase, letters
and digits only, one space between words), and each run of 8 words is hashed (SHA-256, the
first 16 hex digits): the file holds no text of the articles, only the sorted hashes.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = 8


def words(text: str) -> list[str]:
    """The text's words, lowercase, letters and digits only (a hyphen or an apostrophe
    splits a word, as punctuation does)."""
    return re.findall(r"[^\W_]+", text.lower())


def shingles(text: str, size: int = WORDS) -> set[str]:
    """The hashes of every run of `size` words of the text."""
    found = words(text)
    runs = (" ".join(found[i : i + size]) for i in range(len(found) - size + 1))
    return {hashlib.sha256(run.encode()).hexdigest()[:16] for run in runs}


def main() -> None:
    sources = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "sources"
    found: set[str] = set()
    articles = sorted(sources.glob("*.txt"))
    if not articles:
        sys.exit(f"no articles (*.txt) in {sources}")
    for article in articles:
        found |= shingles(article.read_text(encoding="utf-8"))
    target = ROOT / "tests" / "data" / "article-shingles.txt"
    target.write_text("".join(f"{h}\n" for h in sorted(found)), encoding="ascii")
    print(f"wrote {target}: {len(found):,} shingles of {len(articles)} articles")


if __name__ == "__main__":
    main()
