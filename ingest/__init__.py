"""Ingest: files, uploads, pasted text, URLs and feeds into Articles.

One entry point per source, all returning ``records.Article`` with
normalised text, a content-hash id, a publication date only when one is
known, and the language detected.
"""

from tapecheck.ingest.dates import parse_published
from tapecheck.ingest.files import from_bytes, from_path, from_text

__all__ = ["from_bytes", "from_path", "from_text", "from_url", "parse_published"]


def from_url(url, published=None, title=None, allow_private=None):
    """Fetch a page safely and read it like a file (see ingest.web; the HTTP
    client is imported only when a URL is actually fetched)."""
    from tapecheck.ingest.web import from_url as fetch_article

    return fetch_article(url, published=published, title=title, allow_private=allow_private)
