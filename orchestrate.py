"""Orchestration: runs the stages over stored articles and writes the results.

The stages stay pure (records in, records out); this module is where they meet
the store. Each article's results are written in one transaction, so an
interrupted run leaves every article either fully processed or untouched.
"""

from __future__ import annotations

import csv
import logging
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Callable, Iterable

from tapecheck import config
from tapecheck.errors import TapecheckError
from tapecheck.records import Article, Claim
from tapecheck.store import Store

log = logging.getLogger(__name__)

Progress = Callable[[str], None]


@dataclass
class IngestOutcome:
    """One input (file, URL, text) and what became of it."""

    label: str
    article_id: str | None = None
    new: bool = False
    error: str | None = None


@dataclass
class ArticleOutcome:
    article_id: str
    claims: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)
    as_of: date | None = None
    as_of_source: str | None = None
    as_of_note: str = ""
    error: str | None = None


def registry_for(store: Store):
    """The securities registry with the user's own additions from the database."""
    from tapecheck.nlp.registry import load_registry

    extra, aliases = store.user_securities(), store.user_aliases()
    if not extra and not aliases:
        return load_registry()
    return load_registry(extra=extra, extra_aliases=aliases)


# -- ingest -------------------------------------------------------------------
def ingest_inputs(store: Store, inputs: Iterable[str], published: str | None = None,
                  title: str | None = None, stdin: bytes | None = None,
                  on_each: Progress | None = None) -> list[IngestOutcome]:
    """Ingest files, folders, URLs or '-' (standard input). One bad input never
    stops the others; each outcome says what happened."""
    from tapecheck import ingest

    when = ingest.parse_published(published) if published else None
    outcomes = []
    for label in _expand(inputs):
        outcome = IngestOutcome(label)
        try:
            if label == "-":
                article = ingest.from_bytes(stdin or b"", "stdin", source="stdin",
                                            published=when, title=title)
            elif "://" in label:      # from_url refuses every scheme but http(s), clearly
                article = ingest.from_url(label, published=when, title=title)
            else:
                article = ingest.from_path(Path(label), published=when, title=title)
            outcome.article_id = article.id
            outcome.new = store.add_article(article)
        except TapecheckError as error:
            outcome.error = str(error)
        outcomes.append(outcome)
        if on_each:
            on_each(label)
    return outcomes


def _expand(inputs: Iterable[str]) -> list[str]:
    """Folders become the article files inside them, in name order."""
    out = []
    for item in inputs:
        path = Path(item)
        if item != "-" and "://" not in item and path.is_dir():
            out += [str(p) for p in sorted(path.iterdir())
                    if p.suffix.lower() in (".txt", ".md", ".html", ".htm", ".pdf")]
        else:
            out.append(item)
    return out


# -- extract + verify -----------------------------------------------------------
def extract_article(store: Store, article: Article, registry=None) -> list[Claim]:
    from tapecheck import nlp

    extraction = nlp.extract(article, registry or registry_for(store))
    store.save_extraction(article.id, extraction.mentions, extraction.claims)
    return extraction.claims


def process(store: Store, article_ids: Iterable[str] | None = None, *,
            offline: bool = False, reextract: bool = False, themes: bool = True,
            as_of: datetime | date | None = None, fetcher=None,
            on_each: Progress | None = None) -> list[ArticleOutcome]:
    """Extract (when needed), verify and tag the given articles (default: all).

    Prices are loaded once for everything the batch needs (one request per
    security when online); then each article is verified against that book and
    written in its own transaction.
    """
    from tapecheck import correlate
    from tapecheck.nlp.themes import load_taxonomy

    registry = registry_for(store)
    ids = list(article_ids) if article_ids is not None else [a.id for a in store.articles()]
    articles = [store.article(i) for i in ids]

    claims_by_article: dict[str, list[Claim]] = {}
    for article in articles:
        existing = store.claims(article.id)
        if reextract or not existing and not _extracted(store, article.id):
            existing = extract_article(store, article, registry)
        claims_by_article[article.id] = existing

    book = correlate.prepare_prices(store, articles, claims_by_article, registry,
                                    offline=offline, fetcher=fetcher, as_of=as_of)
    theme_book = theme_prices(store, book, offline=offline, fetcher=fetcher) if themes else None
    taxonomy = load_taxonomy() if themes else None

    outcomes = []
    for article in articles:
        try:
            outcome = save_results(store, article, claims_by_article[article.id], registry,
                                   book, as_of=as_of, theme_book=theme_book, taxonomy=taxonomy)
        except TapecheckError as error:
            outcome = ArticleOutcome(article.id, claims=len(claims_by_article[article.id]),
                                     error=str(error))
        outcomes.append(outcome)
        if on_each:
            on_each(article.id)
    return outcomes


def theme_prices(store: Store, book, offline: bool = False, fetcher=None):
    """The claims' price book plus every theme basket and benchmark (securities no
    claim names), for narrative matching only: verdicts never use it."""
    from tapecheck.correlate import narrative

    return narrative.with_baskets(store, book, offline=offline, fetcher=fetcher)


@dataclass
class Results:
    """All that derives from one article, computed and not yet written: what a
    batch worker hands the single writer."""

    article: Article
    claims: list[Claim]
    verification: object                      # correlate.ArticleVerification
    mentions: list | None = None              # given: the article and its extraction are new
    theme_scores: list | None = None
    narratives: list | None = None


def derive_results(article: Article, claims: list[Claim], registry, book, *,
                   as_of: datetime | date | None = None, theme_book=None,
                   mentions: list | None = None, theme_scores: list | None = None,
                   backing=None, taxonomy=None) -> Results:
    """Verify one article and match its themes against prices, touching no
    database (``backing`` only lends stored sentence vectors to the theme model).
    ``theme_book`` given means themes are tagged (unless a worker already did:
    ``theme_scores``) and matched; ``taxonomy`` saves re-reading it per article."""
    from tapecheck import correlate

    result = correlate.verify_article(article, claims, registry, book, as_of=as_of)
    narratives = None
    if theme_book is not None:
        from tapecheck.correlate import narrative
        from tapecheck.nlp import themes as theme_stage

        if theme_scores is None:
            theme_scores = theme_stage.tag_article(article, mentions or [], backing=backing)
        narratives = narrative.narrative_match(article, theme_scores, result.verifications,
                                               result.as_of, theme_book, claims=claims,
                                               taxonomy=taxonomy)
    return Results(article, claims, result, mentions, theme_scores, narratives)


def write_results(store: Store, results: Results) -> ArticleOutcome:
    """Write all that derives from one article in one transaction."""
    article, result = results.article, results.verification
    with store.transaction():
        if results.mentions is not None:
            store.add_article(article)
            store.save_extraction(article.id, results.mentions, results.claims)
        store.save_verifications(article.id, result.verifications)
        store.set_as_of(article.id, result.as_of, result.as_of_source, result.as_of_note)
        if results.theme_scores is not None:
            store.save_theme_scores(article.id, results.theme_scores)
        if results.narratives is not None:
            store.save_narratives(article.id, results.narratives)
    outcome = ArticleOutcome(article.id, claims=len(results.claims), as_of=result.as_of,
                             as_of_source=result.as_of_source, as_of_note=result.as_of_note)
    for v in result.verifications:
        outcome.verdicts[v.verdict] = outcome.verdicts.get(v.verdict, 0) + 1
    return outcome


def save_results(store: Store, article: Article, claims: list[Claim], registry, book, *,
                 as_of: datetime | date | None = None, theme_book=None, taxonomy=None
                 ) -> ArticleOutcome:
    """Verify one stored, extracted article and write its results: the serial path.
    The store keeps sentence vectors, so a re-run or a restart does not re-embed."""
    known = store.mentions(article.id) if theme_book is not None else None
    results = derive_results(article, claims, registry, book, as_of=as_of, theme_book=theme_book,
                             mentions=known, backing=store, taxonomy=taxonomy)
    return write_results(store, replace(results, mentions=None))   # the extraction is stored


def _extracted(store: Store, article_id: str) -> bool:
    """An article whose extraction found nothing is still extracted: mentions or
    a verification pass mark it."""
    return bool(store.db.execute(
        "select 1 from mentions where article_id = ? union select 1 from articles "
        "where id = ? and as_of_source is not null", [article_id, article_id]).fetchone())


# -- the bundled demo -------------------------------------------------------------
def demo_dir() -> Path:
    return config.data_dir() / "demo"


def load_demo(store: Store, on_each: Progress | None = None) -> list[str]:
    """Load the bundled price snapshot and demo articles, then verify them offline."""
    from tapecheck import correlate, ingest

    correlate.load_snapshot(store)
    ids = []
    with open(demo_dir() / "manifest.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            published = ingest.parse_published(row["published"]) if row.get("published") else None
            article = ingest.from_path(demo_dir() / row["file"], published=published,
                                       title=row.get("title") or None)
            store.add_article(article)
            ids.append(article.id)
    process(store, ids, offline=True, on_each=on_each)
    return ids


# -- feeds -----------------------------------------------------------------------
def add_feed(store: Store, url: str, allow_private: bool | None = None) -> str | None:
    """Check that the URL is a readable feed, then remember it. Returns its title."""
    from tapecheck.ingest import feeds

    feed = feeds.fetch_feed(url, allow_private=allow_private)
    with store.transaction():
        store.db["feeds"].upsert({"url": url, "title": feed.title,
                                  "added_at": datetime.now().astimezone().isoformat()}, pk="url")
    return feed.title


def poll_feeds(store: Store, urls: Iterable[str] | None = None,
               allow_private: bool | None = None) -> list[dict]:
    """Fetch every stored feed (or the given ones) and ingest each new item once.

    An item is new when its link was never seen; its article is stored (deduplicated
    by content hash) and the link marked seen in the same transaction. Items that
    fail are reported and retried at the next poll.
    """
    from tapecheck.ingest import feeds

    from tapecheck.errors import NotFound
    from tapecheck.records import now_utc

    known = {r["url"]: r for r in store.db["feeds"].rows}
    wanted = list(urls) if urls else list(known)
    for url in wanted:
        if url not in known:
            raise NotFound(f"feed {url!r} was never added: `tapecheck feed add {url}` first")
    reports = []
    for url in wanted:
        state = known[url]

        def seen(link: str, url=url) -> bool:
            return bool(store.db.execute(
                "select 1 from feed_items where feed_url = ? and item_url = ?",
                [url, link]).fetchone())

        report = {"feed": url, "new": [], "duplicates": 0, "already_seen": 0, "failures": []}
        try:
            result = feeds.poll(url, seen, allow_private=allow_private,
                                etag=state.get("etag"), modified=state.get("modified"))
        except TapecheckError as error:
            report["failures"].append((url, str(error)))
            reports.append(report)
            continue
        report["already_seen"] = result.already_seen
        report["failures"] = list(result.failures)
        for article in result.articles:
            with store.transaction():
                if store.add_article(article):
                    report["new"].append(article.id)
                else:
                    report["duplicates"] += 1
                store.db["feed_items"].upsert({
                    "feed_url": url, "item_url": article.url or article.id,
                    "article_id": article.id, "seen_at": now_utc().isoformat()},
                    pk=("feed_url", "item_url"))
        store.db["feeds"].update(url, {
            "last_polled": now_utc().isoformat(), "title": result.feed.title or state.get("title"),
            "etag": result.feed.etag, "modified": result.feed.modified})
        reports.append(report)
    return reports
