"""Files, uploads and pasted text into Articles.

(The HTML and PDF readers are imported when first needed: a CLI call on a
.txt file should not pay for trafilatura.)

Every path ends in ``article()``: normalise, refuse empty text, take the
title (given, else the page's, else the first line), keep the publication
date given or stated by the document (page metadata, front matter, or a
dateline on its own line near the top of a text; never "now"), detect the
language, hash the text into the id.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from tapecheck import config
from tapecheck.errors import EmptyInput, InputError, TooLarge, UnsupportedFormat
from tapecheck.ingest.dates import dateline, parse_published
from tapecheck.ingest.language import detect
from tapecheck.ingest.text import decode, first_line, normalise
from tapecheck.records import Article, content_id

TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
PDF_SUFFIXES = (".pdf",)
SUPPORTED = ".txt, .md, .html, .htm, .pdf"
_HTML_DOCUMENT = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)

Published = str | datetime | date | None


def from_path(path: str | Path, published: Published = None, title: str | None = None) -> Article:
    """Read a .txt, .md, .html/.htm or .pdf file. The size limit is checked
    before anything is read."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"No such file: {path}")
    if not path.is_file():
        raise InputError(f"{path} is not a file (give article files, not a folder).")
    _kind(path.name, b"")  # refuse an unsupported extension before reading
    size = path.stat().st_size
    _check_size(size, path.name)
    if size == 0:
        raise EmptyInput(f"{path.name} is empty: there is no text to check.")
    return from_bytes(path.read_bytes(), path.name, published=published, title=title, source="file")


def from_bytes(data: bytes, filename: str, published: Published = None, title: str | None = None,
               source: str = "file") -> Article:
    """An uploaded or read file: the extension says the format; a name
    without extension is sniffed (PDF, HTML document, else text)."""
    _check_size(len(data), filename)
    if not data.strip():
        raise EmptyInput(f"{filename} is empty: there is no text to check.")
    kind = _kind(filename, data)
    stated_title = stated_date = origin = None
    if kind == "pdf":
        from tapecheck.ingest.pdf import extract_pdf

        text, stated_title = extract_pdf(data, filename)
        stated_date = dateline(text)
    else:
        text = decode(data, name=filename)
        if kind == "html" or _HTML_DOCUMENT.match(text[:4096]):
            from tapecheck.ingest.pages import extract_page

            page = extract_page(text, name=filename)
            text, stated_title, stated_date, origin = page.text, page.title, page.published, page.url
        elif kind == "markdown":
            text, stated_title, stated_date = front_matter(text)
            text = strip_markdown(text)
            stated_date = stated_date or dateline(text)
        else:
            text, stated_title = _story_of_page_copy(text)
            stated_date = dateline(text)
    return article(text, source=source, title=title or stated_title, published=published or stated_date,
                   url=origin, path=Path(filename).name, name=filename)


def from_text(text: str, source: str = "paste", published: Published = None, title: str | None = None,
              url: str | None = None) -> Article:
    """Pasted text or standard input. A whole HTML document (piped from curl)
    is read as a page, not as text with tags."""
    if not isinstance(text, str):
        raise InputError("The article text must be text.")
    _check_size(len(text), source)
    stated_title = stated_date = None
    if _HTML_DOCUMENT.match(text[:4096]):
        from tapecheck.ingest.pages import extract_page

        page = extract_page(text, name=f"the {source} text", url=url)
        text, stated_title, stated_date = page.text, page.title, page.published
    else:
        text, stated_title = _story_of_page_copy(text)
        stated_date = dateline(text)
    return article(text, source=source, title=title or stated_title, published=published or stated_date,
                   url=url, name=f"the {source} text")


def _story_of_page_copy(text: str) -> tuple[str, str | None]:
    """A whole page copied as text keeps only its story (ingest.pasted)."""
    from tapecheck.ingest.pasted import looks_like_page_copy, story

    if not looks_like_page_copy(text):
        return text, None
    found = story(text)
    return (found.text, found.title) if found.text.strip() else (text, None)


def article(text: str, source: str, title: str | None = None, published: Published = None,
            url: str | None = None, path: str | None = None, name: str = "the article") -> Article:
    """The one place an Article is made."""
    text = normalise(text)
    if not text.strip():
        raise EmptyInput(f"{name} holds no text to check.")
    language, flags = detect(text)
    clean_title = " ".join(normalise(title).split()) if title else ""
    return Article(
        id=content_id(text),
        source=source,
        text=text,
        title=clean_title or first_line(text),
        url=url,
        published_at=published_value(published),
        language=language,
        path=path,
        flags=flags,
    )


def published_value(published: Published) -> datetime | date | None:
    """A user's or a page's publication date as the record keeps it."""
    if published is None or published == "":
        return None
    if isinstance(published, str):
        return parse_published(published)
    if isinstance(published, datetime):
        if published.utcoffset() is None:
            raise InputError(f"{published.isoformat()} has a time but no time zone: add one, or give only the date.")
        return published
    if isinstance(published, date):
        return published
    raise InputError(f"Cannot use {published!r} as a publication date: use 2026-02-13 or 2026-02-13T21:56+09:00.")


def _check_size(size: int, name: str) -> None:
    limit = config.limits().max_file_bytes
    if size > limit:
        raise TooLarge(
            f"{name} is {size / 1048576:.1f} MB, over the {limit / 1048576:.0f} MB limit "
            f"(raise it with TAPECHECK_MAX_FILE_MB)."
        )


def _kind(filename: str, data: bytes) -> str:
    suffix = Path(filename).suffix.lower()
    if suffix in PDF_SUFFIXES:
        return "pdf"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in (".md", ".markdown"):
        return "markdown"
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix and not suffix[1:].isdigit():
        raise UnsupportedFormat(f"{filename}: tapecheck reads {SUPPORTED} files, not {suffix}.")
    return "pdf" if data.startswith(b"%PDF-") else "text"


# --- markdown ------------------------------------------------------------------

_MD_RULES = (
    (re.compile(r"<(script|style|iframe|object|embed)\b.*?</\1\s*>", re.I | re.S), ""),
    (re.compile(r"<[^>\n]+>"), ""),
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.M), r"\1"),
    (re.compile(r"^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*(?:\n|$)", re.M), ""),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])"), r"\1"),
    (re.compile(r"^([ \t]*)[-*+][ \t]+", re.M), "\\1\u2022 "),
    (re.compile(r"`([^`\n]+)`"), r"\1"),
)
_MD_TABLE_ROW = re.compile(r"^[ \t]*\|(.*)\|[ \t]*$", re.M)
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_DATE_KEYS = ("published", "published_at", "date", "pubdate")


def front_matter(text: str) -> tuple[str, str | None, date | datetime | None]:
    """A YAML front-matter block (static-site and note-taking exports) gives
    the title and publication date; an unreadable date is left unknown."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return text, None, None
    fields = {}
    for line in match.group(1).splitlines():
        key, colon, value = line.partition(":")
        if colon and key.strip() and not key.startswith((" ", "\t")):
            fields[key.strip().lower()] = value.strip().strip("\"'")
    published = None
    for key in _DATE_KEYS:
        if fields.get(key):
            try:
                published = parse_published(fields[key])
                break
            except InputError:
                continue
    return text[match.end():], fields.get("title") or None, published


def strip_markdown(text: str) -> str:
    """Markup out, words and figures in: links keep their text, headings and
    table rows keep their lines (cells joined by " | ", like HTML tables)."""
    for pattern, replacement in _MD_RULES:
        text = pattern.sub(replacement, text)
    return _MD_TABLE_ROW.sub(lambda m: " | ".join(cell.strip() for cell in m.group(1).split("|")), text)
