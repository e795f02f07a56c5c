"""Ingest: files, uploads, pasted text, URLs and feeds into Articles.

One entry point per source, all returning ``records.Article`` with
normalised text, a content-hash id, a publication date only when one is
known, and the language detected.
"""

from tapecheck.ingest.dates import parse_published
from tapecheck.ingest.files import from_bytes, from_path, from_text
from tapecheck.ingest.web import from_url

__all__ = ["from_bytes", "from_path", "from_text", "from_url", "parse_published"]
