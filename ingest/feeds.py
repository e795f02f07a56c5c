"""RSS and Atom feeds: read safely fetched bytes, ingest each new item once.

feedparser only ever sees bytes that ``web.fetch`` brought in (it never
fetches anything itself). Poll state belongs to the store: ``poll`` asks a
``seen(url)`` callback which item links are already known, fetches the rest
through the same safe fetcher, and reports per-item failures without letting
one broken link stop the others. The store's content-hash id deduplicates
the same article reached through two links.
"""

from __future__ import annotations

import calendar
import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone

import feedparser

from tapecheck.errors import EmptyInput, FetchError, InputError, UnsupportedFormat
from tapecheck.ingest.files import article
from tapecheck.ingest.pages import extract_page
from tapecheck.ingest.web import fetch, from_url
from tapecheck.records import Article

MAX_ITEMS_PER_POLL = 100
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.I)
_MIN_CONTENT_WORDS = 40


@dataclass(frozen=True)
class FeedItem:
    url: str | None
    title: str | None
    published: datetime | None
    content: str             # the item's own HTML/text (summary or full content), may be ""


@dataclass(frozen=True)
class Feed:
    url: str
    title: str | None
    items: tuple[FeedItem, ...]
    etag: str | None = None              # store these; pass them to the next poll
    modified: str | None = None
    not_modified: bool = False           # the server said nothing changed since then


@dataclass
class PollResult:
    feed: Feed
    articles: list[Article] = field(default_factory=list)
    already_seen: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)   # (item url or title, message)


def read_feed(data: bytes, url: str = "feed") -> Feed:
    """Parse feed bytes. Raises UnsupportedFormat when they are not RSS/Atom."""
    if _ENTITY_DECLARATION.search(data[:65536]):
        # No real feed declares entities; hostile ones do (billion laughs, external files).
        raise UnsupportedFormat(f"{url} declares XML entities, which tapecheck refuses to expand: not a plain RSS or Atom feed.")
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=True, response_headers={"content-location": url})
    if not parsed.entries and (parsed.bozo or not parsed.version):
        raise UnsupportedFormat(
            f"{url} is not an RSS or Atom feed (no feed items could be read from it): check the feed address."
        )
    items = tuple(_item(entry) for entry in parsed.entries[:MAX_ITEMS_PER_POLL])
    return Feed(url=url, title=parsed.feed.get("title") or None, items=items)


def fetch_feed(url: str, allow_private: bool | None = None, etag: str | None = None,
               modified: str | None = None) -> Feed:
    fetched = fetch(url, allow_private=allow_private, etag=etag, modified=modified)
    if fetched.kind == "not_modified":
        return Feed(url=url, title=None, items=(), etag=fetched.etag or etag,
                    modified=fetched.last_modified or modified, not_modified=True)
    if fetched.kind not in ("xml", "html", "text"):
        raise UnsupportedFormat(f"{url} is {fetched.content_type}, not an RSS or Atom feed.")
    feed = read_feed(fetched.data, fetched.url)
    return dataclasses.replace(feed, etag=fetched.etag, modified=fetched.last_modified)


def poll(feed_url: str, seen: Callable[[str], bool], allow_private: bool | None = None,
         etag: str | None = None, modified: str | None = None) -> PollResult:
    """Fetch the feed and return the Articles of items whose link ``seen``
    does not know; each Article's ``url`` is its item's link, the key to mark
    seen (even when the link redirected elsewhere). Two links to the same
    story give two Articles with one id: the store keeps it once, and both
    links get marked. Items that fail are listed in ``failures`` and retried
    on the next poll. Keep ``result.feed.etag``/``modified`` for the next one."""
    feed = fetch_feed(feed_url, allow_private=allow_private, etag=etag, modified=modified)
    result = PollResult(feed=feed)
    for item in feed.items:
        key = item.url or item.title or ""
        if item.url and seen(item.url):
            result.already_seen += 1
            continue
        try:
            result.articles.append(item_article(item, allow_private=allow_private))
        except InputError as error:
            result.failures.append((key, str(error)))
    return result


def item_article(item: FeedItem, allow_private: bool | None = None) -> Article:
    """The linked page; the item's own content when there is no link, or when
    the page yields no article text but the feed carries the full story."""
    if item.url:
        try:
            found = from_url(item.url, title=item.title, allow_private=allow_private, source="rss")
        except (EmptyInput, FetchError):
            if len(item.content.split()) < _MIN_CONTENT_WORDS:
                raise
        else:
            if item.published and not isinstance(found.published_at, datetime):
                found = dataclasses.replace(found, published_at=item.published)
            return dataclasses.replace(found, url=item.url)
    if not item.content.strip():
        raise EmptyInput(f"Feed item {item.title or '(untitled)'} has no link and no content.")
    text = extract_page(f"<html><body><article>{item.content}</article></body></html>", name=item.title or "feed item").text
    return article(text, source="rss", title=item.title, published=item.published, url=item.url,
                   name=item.title or "feed item")


def _item(entry) -> FeedItem:
    content = ""
    for part in entry.get("content") or ():
        if len(part.get("value", "")) > len(content):
            content = part["value"]
    if not content:
        content = entry.get("summary", "") or ""
    link = entry.get("link") or None
    if link and not link.lower().startswith(("http://", "https://")):
        link = None
    return FeedItem(url=link, title=(entry.get("title") or "").strip() or None,
                    published=_entry_time(entry), content=content)


def _entry_time(entry) -> datetime | None:
    """feedparser normalises feed dates to UTC struct_time."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                moment = datetime.fromtimestamp(calendar.timegm(value), tz=timezone.utc)
            except (OverflowError, ValueError, OSError):
                continue
            if 1900 <= moment.year <= 2200:
                return moment
    return None


__all__ = ["Feed", "FeedItem", "PollResult", "fetch_feed", "item_article", "poll", "read_feed"]
