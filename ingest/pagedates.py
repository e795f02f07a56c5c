"""When a saved page says it was published.

In order of trust:

1. a live blog (JSON-LD LiveBlogPosting, else three or more entries
   classed as live entries with zoned <time>s): the moment of its latest entry,
   since the saved text holds every entry up to then and claims in the
   newest ones ("Tokyo closes higher") must be checked as of that moment;
2. a zoned timestamp the page states as its publication: meta tags
   (article:published_time ...), JSON-LD datePublished of the article,
   <time itemprop="datePublished"> or <time pubdate>;
3. the page's own date line next to the headline: a <time datetime>, or the
   text of a byline/date element ("Nov 25, 2026 9:41 AM ET");
4. a publication date without time (or with a time but no zone);
5. htmldate on the metadata and the URL path (/2026/07/09/...).

Modified and updated moments are never taken for the publication moment:
the dateModified of JSON-LD and meta is not read, and in a date line what
follows "Updated" is cut off.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime

import htmldate
from lxml import html as lxml_html

from tapecheck.errors import InputError
from tapecheck.ingest.dates import parse_published, stated_moment

_PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "datepublished", "date",
    "pubdate", "publishdate", "publish-date", "publication_date", "dc.date", "dc.date.issued",
    "dcterms.created", "sailthru.date", "parsely-pub-date", "cxenseparse:recs:publishtime",
)
_DATE_LINE = re.compile(r"date|time|byline|dateline|posted|published|meta|stamp", re.I)
_UPDATED = re.compile(r"updat|modif|revis|\u66f4\u65b0", re.I)
_MAX_DATE_LINE = 160
_STORY_PARAGRAPH = 120
_NAIVE_MOMENT = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{1,2}:\d{2}")


def published(tree, url: str | None = None) -> datetime | date | None:
    if tree is None:
        return None
    live = _live_blog_moment(tree) or _live_entries_moment(tree)
    if live is not None:
        return live
    stated = _metadata(tree)
    moments = [value for value in stated if isinstance(value, datetime)]
    if moments:
        return moments[0]
    days = [value for value in stated if not isinstance(value, datetime)]
    line = _date_line(tree)
    if isinstance(line, datetime) and (not days or line.date() == days[0]):
        return line  # the time and zone of the day the metadata states
    if days:
        return days[0]
    return line or _htmldate(tree, url)


def _htmldate(tree, url: str | None) -> date | None:
    """htmldate on the page's metadata and URL path (/2026/02/13/...) only:
    the body's dates belong to rails and comments, and a modified date
    would stand in for a missing publication date."""
    metas = [meta for meta in tree.iter("meta")
             if not _UPDATED.search(" ".join(meta.get(key) or "" for key in ("name", "property", "itemprop")))]
    head = "".join(lxml_html.tostring(meta, encoding="unicode") for meta in metas)
    try:
        found = htmldate.find_date(f"<html><head>{head}</head><body></body></html>", url=url,
                                   extensive_search=False, original_date=True)
    except (ValueError, TypeError):
        return None
    return date.fromisoformat(found) if found else None


def _metadata(tree) -> list[datetime | date]:
    """Publication values stated in meta tags, JSON-LD and marked <time>s, in
    that order; a moment without a zone counts as its day."""
    candidates = []
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _PUBLISHED_META and meta.get("content"):
            candidates.append(meta.get("content"))
    for data in _json_ld(tree):
        # the article's own date before a WebPage's or a site's in the same graph
        articles = [item for item in _objects(data) if _ARTICLE_TYPE.search(str(item.get("@type", "")))]
        candidates.extend(value for item in articles for value in [item.get("datePublished")] if isinstance(value, str))
        candidates.extend(_values(data, "datePublished"))
    for time in tree.iter("time"):
        if time.get("datetime") and (time.get("itemprop") == "datePublished" or time.get("pubdate") is not None):
            candidates.append(time.get("datetime"))
    found = []
    for value in candidates:
        parsed = _parse(value)
        if parsed is not None:
            found.append(parsed)
    return found


def _parse(value: str) -> datetime | date | None:
    try:
        return parse_published(value)
    except InputError:
        naive = _NAIVE_MOMENT.match(value.strip())
        if naive:
            try:
                return date.fromisoformat(naive.group(1))
            except ValueError:
                return None
        return None


def _json_ld(tree) -> list:
    blocks = []
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            try:
                blocks.append(json.loads(script.text))
            except ValueError:
                continue
    return blocks


def _values(data, key: str, limit: int = 10) -> list[str]:
    """Values of ``key`` in document order, outer objects first."""
    found, queue = [], [data]
    while queue and len(found) < limit:
        item = queue.pop(0)
        if isinstance(item, dict):
            if isinstance(item.get(key), str):
                found.append(item[key])
            queue.extend(item.values())
        elif isinstance(item, list):
            queue.extend(item)
    return found


def _live_blog_moment(tree) -> datetime | None:
    for data in _json_ld(tree):
        for blog in _objects(data):
            if "LiveBlogPosting" not in str(blog.get("@type", "")):
                continue
            updates = blog.get("liveBlogUpdate") or []
            updates = updates if isinstance(updates, list) else [updates]
            moments = [_parse(update.get("datePublished", "")) for update in updates if isinstance(update, dict)]
            moments = [moment for moment in moments if isinstance(moment, datetime)]
            if moments:
                return max(moments)
    return None


_ARTICLE_TYPE = re.compile(r"Article|Posting|Report", re.I)
_LIVE_ENTRY = re.compile(r"live-?(?:blog)?[-_]?(?:entry|post|update|item|card)|liveblog-?(?:entry|post|update)", re.I)


def _live_entries_moment(tree) -> datetime | None:
    """A live blog without JSON-LD: three or more entries (class like
    "live-entry") each stamped with a zoned <time datetime>; the latest."""
    moments = []
    for element in tree.iter("div", "article", "section", "li"):
        if _LIVE_ENTRY.search(element.get("class", "")):
            stamps = [_parse(time.get("datetime")) for time in element.iter("time") if time.get("datetime")]
            stamps = [stamp for stamp in stamps if isinstance(stamp, datetime)]
            if stamps:
                moments.append(stamps[0])
    return max(moments) if len(moments) >= 3 else None


def _objects(data):
    queue = [data]
    while queue:
        item = queue.pop(0)
        if isinstance(item, dict):
            yield item
            queue.extend(item.get("@graph", []) if isinstance(item.get("@graph"), list) else [])
        elif isinstance(item, list):
            queue.extend(item)


def _date_line(tree) -> datetime | date | None:
    """The date next to the headline: <time> elements and short date/byline
    elements between the <h1> and the story's first paragraph, then those
    just before the <h1>. Dates further on belong to other stories (rails,
    "read next" lists) or to comments."""
    headline = tree.find(".//h1")
    after, before, seen_headline = [], [], headline is None
    for element in tree.iter():
        if element is headline:
            seen_headline = True
            continue
        if not isinstance(element.tag, str):
            continue
        if seen_headline and element.tag == "p" and len(element.text_content()) >= _STORY_PARAGRAPH:
            break
        if not (element.tag == "time" or _DATE_LINE.search(f"{element.get('class', '')} {element.get('id', '')}")):
            continue
        if any(parent.tag in ("aside", "nav", "footer") for parent in element.iterancestors()):
            continue
        (after if seen_headline else before).append(element)
    for element in after[:12] + before[::-1][:6]:
        found = _element_date(element)
        if found is not None:
            return found
    return None


def _element_date(element) -> datetime | date | None:
    if _is_update(element):
        return None
    if element.tag == "time" and element.get("datetime"):
        found = _parse(element.get("datetime"))
        if found is not None:
            return found
    elif any(time.get("datetime") for time in element.iter("time")):
        return None  # its <time> says it more exactly, and is visited next
    text = " ".join(element.text_content().split())
    return stated_moment(text) if 0 < len(text) <= _MAX_DATE_LINE else None


def _is_update(element) -> bool:
    """A <time> or date element that gives the last update, not publication."""
    if _UPDATED.search(f"{element.get('class', '')} {element.get('itemprop', '')}"):
        return True
    parent = element.getparent()
    if parent is None:
        return False
    before = (parent.text or "") + "".join(
        (sibling.text_content() if sibling is not element else "") + (sibling.tail or "")
        for sibling in list(parent)[:list(parent).index(element)])
    return bool(_UPDATED.search(before[-40:])) or bool(_UPDATED.search(parent.get("class", "")))
