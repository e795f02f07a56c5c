"""Main text, title and publication date of an HTML page.

trafilatura finds the article body (navigation, scripts, iframes, styles and
event handlers never reach the text); its XML output is rendered here so that
paragraphs stay paragraphs and every table row stays one line with its cells
separated by " | " (the header row first), which is what the claim parser's
table reading expects. Before extraction, promo and quote-strip blocks are
dropped (ingest.clutter) and tables drawn with <div>s become real tables
(ingest.grids). The date is what the page states (ingest.pagedates).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, datetime

import trafilatura
from lxml import etree
from lxml import html as lxml_html
from trafilatura.settings import use_config

try:  # the body selectors trafilatura tries first; an internal name, so not relied on
    from trafilatura.xpaths import BODY_XPATH
except ImportError:  # pragma: no cover - another trafilatura layout
    BODY_XPATH = ()

from tapecheck.errors import EmptyInput, InputError
from tapecheck.ingest.clutter import drop_clutter
from tapecheck.ingest.grids import signs_from_classes, tables_from_grids
from tapecheck.ingest.pagedates import published

CELL_SEPARATOR = " | "
_BOILERPLATE = re.compile(
    r"\b(cookies?|copyright|all rights reserved|privacy policy|terms of (use|service)|"
    r"sign in|log in|subscribe|newsletter|javascript)\b", re.I
)
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[\u3002\uff01\uff1f])")


@dataclass(frozen=True)
class Page:
    text: str
    title: str | None
    published: datetime | date | None
    url: str | None = None      # where a saved page came from (canonical link, "saved from" note)


def extract_page(markup: str, name: str = "page", url: str | None = None) -> Page:
    """Raise EmptyInput when the page holds no article text (all boilerplate)."""
    try:
        document = trafilatura.bare_extraction(
            _prepared(markup), url=url, include_tables=True, include_comments=False,
            include_images=False, include_links=False, deduplicate=False, with_metadata=False,
            config=_settings(),
        )
    except (ValueError, etree.LxmlError) as error:
        raise InputError(f"{name} is not readable HTML ({error}).") from None
    body = _render(document.body) if document is not None and document.body is not None else ""
    if not _has_article_text(body):
        raise EmptyInput(
            f"No article text found in {name}: the page holds only navigation, notices or "
            f"boilerplate. Save the article itself (or paste its text)."
        )
    tree = _parse(markup)
    origin = url or _origin(markup, tree)
    return Page(text=body, title=_title(tree, body), published=published(tree, origin), url=origin)


_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(https?://[^\s>]+?)\s*-->", re.I)


def _origin(markup: str, tree) -> str | None:
    """The address of a page saved from a browser: its canonical link or
    og:url, else the "saved from url" note browsers write at the top."""
    if tree is not None:
        for link in tree.iter("link"):
            if "canonical" in (link.get("rel") or "").lower().split() and (link.get("href") or "").startswith("http"):
                return link.get("href").strip()
        for meta in tree.iter("meta"):
            if (meta.get("property") or "").lower() == "og:url" and (meta.get("content") or "").startswith("http"):
                return meta.get("content").strip()
    found = _SAVED_FROM.search(markup[:2048])
    return found.group(1) if found else None


@functools.cache
def _settings():
    """trafilatura's defaults treat a body under 250 characters as a failure and
    fall back to a crude extractor that merges paragraphs: short news items
    are common, so accept them and judge boilerplate ourselves."""
    settings = use_config()
    settings.set("DEFAULT", "MIN_EXTRACTED_SIZE", "20")
    return settings


_COLUMN_GAP = re.compile(r"[ \t]{3,}|\t")
# Never article text: code, embedded documents, form fields, and what the page hides.
# (Not <form>: ASP.NET pages wrap the whole page, article included, in one.)
_NEVER_TEXT = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
               "textarea", "select", "button", "canvas", "audio", "video")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _prepared(markup: str):
    """The page as a tree, ready for trafilatura: hidden and non-text
    elements removed (pages hide decoy or stale text), and each <pre> turned
    into a paragraph of lines, wide column gaps shown as cell separators
    (trafilatura would flatten a plain-text table into one line)."""
    tree = _parse(markup)
    if tree is None:
        return markup
    doomed = [element for element in tree.iter(*_NEVER_TEXT)]
    doomed += [element for element in tree.iter()
               if isinstance(element.tag, str) and _is_hidden(element)]
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()
    for pre in list(tree.iter("pre")):
        lines = [_COLUMN_GAP.sub(CELL_SEPARATOR, line.strip()) for line in pre.text_content().split("\n")]
        lines = [line for line in lines if line]
        tail = pre.tail
        pre.clear()
        pre.tag, pre.tail = "p", tail
        pre.text = lines[0] if lines else ""
        for line in lines[1:]:
            pre.append(lxml_html.Element("br"))
            pre[-1].tail = line
    drop_clutter(tree)
    signs_from_classes(tree)
    tables_from_grids(tree)
    _mark_body(tree)
    return tree


def _mark_body(tree) -> None:
    """When no element is named like an article body, trafilatura falls back
    to collecting loose paragraphs and drops the story's lists (movers
    bullets) on the way: name the container holding most of the paragraph
    text as the body instead."""
    if any(expression(tree) for expression in BODY_XPATH):
        return
    best, best_chars = None, 0
    for element in tree.iter("div", "section", "main", "td"):
        chars = sum(len(child.text_content()) for child in element if child.tag == "p")
        if chars > best_chars:
            best, best_chars = element, chars
    if best is not None and best_chars >= 200:
        best.set("itemprop", "articleBody")


def _is_hidden(element) -> bool:
    if element.tag in ("html", "body"):
        return False
    # Not aria-hidden: a page saved while a dialog was open marks its whole content so.
    return element.get("hidden") is not None or bool(_HIDDEN_STYLE.search(element.get("style", "")))


def _render(body) -> str:
    """trafilatura's cleaned tree (p, head, list, table/row/cell, lb) as text."""
    blocks = [_block(element) for element in body]
    return "\n\n".join(block for block in blocks if block.strip())


_BLOCK_TAGS = frozenset(("p", "head", "list", "table", "quote", "code"))


def _block(element) -> str:
    if element.tag == "table" and _is_layout(element):
        return _layout(element)
    if element.tag == "table":
        rows = []
        for row in element.iter("row"):
            cells = [_inline(cell) for cell in row.iter("cell")]
            while cells and not cells[-1]:  # a caption row spans the table: no empty cells after it
                cells.pop()
            if cells:
                rows.append(CELL_SEPARATOR.join(cells))
        return "\n".join(rows)
    if element.tag == "list":
        return "\n".join("\u2022 " + _inline(item) for item in element.iter("item") if _inline(item))
    return _inline(element)


def _is_layout(table) -> bool:
    """Old sites lay pages out with tables: cells holding paragraphs are page
    regions, not data."""
    return any(child.tag in _BLOCK_TAGS for row in table.findall("row") for cell in row.findall("cell")
               for child in cell)


def _layout(table) -> str:
    parts = []
    for row in table.findall("row"):
        for cell in row.findall("cell"):
            parts.append(" ".join((cell.text or "").split()))
            for child in cell:
                parts.append(_block(child))
                parts.append(" ".join((child.tail or "").split()))
    return "\n\n".join(part for part in parts if part.strip())


def _inline(element) -> str:
    """Text of an element; <lb/> is a line break, other markup is dropped."""
    lines = (" ".join(line.split()) for line in _text(element).split("\n"))
    return "\n".join(line for line in lines if line)


def _text(node) -> str:
    parts = [node.text or ""]
    for child in node:
        parts.append("\n" if child.tag == "lb" else _text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _has_article_text(body: str) -> bool:
    """At least one prose sentence that is not a site notice, or a real table."""
    table_rows = 0
    for line in body.split("\n"):
        if CELL_SEPARATOR in line:
            table_rows += 1
            continue
        for sentence in _SENTENCE_END.split(line):
            # Five words, or a run of letters in a script written without spaces.
            prose = len(_WORD.findall(sentence)) >= 5 or sum(ch.isalpha() for ch in sentence) >= 20
            if prose and not _BOILERPLATE.search(sentence):
                return True
    return table_rows >= 3


def _parse(markup: str):
    try:
        return lxml_html.document_fromstring(markup)
    except (ValueError, etree.LxmlError):
        return None


_SITE_SUFFIX = re.compile(r"\s+[|\u2013\u2014-]\s+(?:\S+\s?){1,4}$")


def _title(tree, body: str = "") -> str | None:
    """og:title, else the first <h1>, else the first <h2> heading the story
    (IR and exchange pages title every page "News Release | Site"), else
    <title> without its " | Site" tail."""
    if tree is None:
        return None
    for meta in tree.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() in ("og:title", "twitter:title"):
            if (meta.get("content") or "").strip():
                return " ".join(meta.get("content").split())
    lines = set(body.split("\n"))
    for tag in ("h1", "h2", "title"):
        found = tree.find(f".//{tag}")
        text = " ".join(found.text_content().split()) if found is not None else ""
        if tag == "h2" and (len(text) < 20 or text not in lines):
            continue
        if text:
            trimmed = _SITE_SUFFIX.sub("", text) if tag == "title" else text
            return trimmed if len(trimmed) >= 20 else text
    return None
