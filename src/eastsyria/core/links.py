"""Links to the sources: an article's URL, and a section's anchor added to it.

A data file writes a URL and an anchor as people read them ("Aftermath_–_Continued..."); a
link carries only the characters a URI may (RFC 3986), every other one percent-encoded as
its UTF-8 bytes ("Aftermath_%E2%80%93_Continued..."), as a browser sends it. So a link is
plain ASCII with no space, quote, brace or backslash, safe in every export.
"""

from __future__ import annotations

import re
import string

_UNRESERVED = string.ascii_letters + string.digits + "-._~"
_SUB_DELIMS = "!$&'()*+,;="
# What may stand for itself in a whole URI (a '%' only where it starts an escape already).
_URI_SAFE = frozenset(_UNRESERVED + _SUB_DELIMS + ":/?#[]@")
# ... and in a fragment, where '#', '[' and ']' may not, and an anchor's '%' is a percent sign.
_FRAGMENT_SAFE = frozenset(_UNRESERVED + _SUB_DELIMS + ":@/?")
_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")


def _encoded(char: str) -> str:
    return "".join(f"%{byte:02X}" for byte in char.encode("utf-8"))


def as_uri(url: str) -> str:
    """The URL with every character a URI cannot carry percent-encoded; escapes already in
    it are kept."""
    out: list[str] = []
    for index, char in enumerate(url):
        keep = char in _URI_SAFE or (char == "%" and _ESCAPE.match(url, index) is not None)
        out.append(char if keep else _encoded(char))
    return "".join(out)


def section_url(article_url: str | None, anchor: str | None) -> str | None:
    """The link to a section: the article's URL and the section's anchor as its fragment.

    None when the article has no URL; the article's own URL for a section with no anchor
    (a lead, an infobox).
    """
    if article_url is None:
        return None
    base = as_uri(article_url.split("#", 1)[0])
    if anchor is None:
        return base
    fragment = "".join(char if char in _FRAGMENT_SAFE else _encoded(char) for char in anchor)
    return f"{base}#{fragment}"


def is_web_link(url: str) -> bool:
    """Whether `url` is an absolute http(s) link: the only kind an export writes as a link
    that a reader can follow (a `javascript:` or `data:` one would run or show anything)."""
    scheme, _, rest = url.partition(":")
    return scheme.lower() in ("http", "https") and rest.startswith("//") and len(rest) > 2
