"""The correlate stage's entry point: an article's claims in, verdicts out.

``needed_ranges`` tells the orchestrator which prices the claims need (one
range per security), ``prepare_prices`` gets them into the store and a
``PriceBook`` once per batch, and ``verify_article`` checks every claim
against that book without touching the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from tapecheck.correlate.asof import SEARCH_DAYS, Inference, describe_published, infer_as_of
from tapecheck.correlate.prices import PriceBook
from tapecheck.correlate.verdicts import AsOf, verify_claim
from tapecheck.correlate.windows import earliest_base
from tapecheck.records import Article, Claim, Verification

RECORD_HISTORY_YEARS = 10   # how far back a record-high claim asks for prices


@dataclass(frozen=True)
class ArticleVerification:
    as_of: date | None
    as_of_source: str | None          # published | inferred | user | None
    as_of_note: str
    verifications: list[Verification] = field(default_factory=list)
    inference: Inference | None = None


def _day(moment: datetime | date | None) -> date | None:
    if moment is None:
        return None
    return moment.date() if isinstance(moment, datetime) else moment


def verify_article(article: Article, claims: list[Claim], registry, book: PriceBook,
                   as_of: datetime | date | None = None,
                   search: tuple[date, date] | None = None) -> ArticleVerification:
    """Verify every claim of one article. ``as_of`` (a user's date) beats the
    publication date; with neither, the as-of is inferred from the claims,
    searching the sessions of ``search`` (first day, last day), by default
    ``asof.default_search_span``: the year before ingestion, clipped to the
    prices held. The note of an inferred as-of says which span was searched."""
    inference = None
    if as_of is not None:
        when = AsOf(as_of, "user")
        note = f"as-of given by the user: {as_of}"
    elif article.published_at is not None:
        when = AsOf(article.published_at, "published")
        note = describe_published(article.published_at)
    else:
        inference = infer_as_of(article, claims, registry, book, search)
        when = AsOf(inference.as_of, "inferred" if inference.as_of else None)
        note = inference.note
    names = _names(registry, claims)
    if inference is None:
        verifications = [verify_claim(c, registry, book, when, names.get(c.id)) for c in claims]
    else:
        verifications = [_on_inferred(c, inference, registry, book, names.get(c.id))
                         for c in claims]
    if when.moment is None:
        verifications = _say_what_is_missing(article, claims, book, verifications)
    return ArticleVerification(_day(when.moment), when.source, note, verifications, inference)


def _on_inferred(claim: Claim, inference: Inference, registry, book: PriceBook,
                 name: str | None) -> Verification:
    """A claim of an undated article. On an inferred as-of, its reason says the
    verdict holds if the article is from that date, and how sure the date is.
    With the as-of unknown, a claim that names its own period ("in 2025") is
    still checked, over that period; any other says why it cannot be."""
    if inference.as_of is None:
        if claim.id in inference.named:
            v = verify_claim(claim, registry, book, AsOf(inference.latest, None), name)
            if v.as_of is not None:   # counted to the period's end, not to any as-of
                v = replace(v, as_of=v.window_end or v.as_of, reason=(
                    f"{v.reason}; the article is undated: checked over the whole period the "
                    f"claim names, as for an article written after it"))
            return v
        return verify_claim(claim, registry, book, AsOf(None), name,
                            unknown=inference.unknown or None)
    v = verify_claim(claim, registry, book, AsOf(inference.as_of, "inferred"), name)
    if v.as_of is None:   # not checked on the date (no figure, forward-looking ...)
        return v
    return replace(v, reason=f"If the article is from {inference.as_of} ({inference.basis}): "
                             f"{v.reason}")


def _say_what_is_missing(article: Article, claims: list[Claim], book: PriceBook,
                         verifications: list[Verification]) -> list[Verification]:
    """With no as-of, a claim whose security has no prices at all is unverifiable
    for that plainer reason: say which prices over which span would help."""
    end = article.ingested_at.date() if article.ingested_at else date.today()
    start = end - timedelta(days=SEARCH_DAYS)
    out = []
    for c, v in zip(claims, verifications):
        missing = [t for t in (c.ticker, c.partner_ticker) if t and t not in book]
        if v.verdict == "unverifiable" and missing and v.reason.startswith("as-of unknown"):
            v = replace(v, reason=f"no price data for {missing[0]} between {start} and {end} "
                                  f"(needed to date the article and check the claim)")
        out.append(v)
    return out


def _names(registry, claims: list[Claim]) -> dict[str, str]:
    """Display names per claim id: the claim's own words are what the analyst
    wrote, so they win; an empty or generic subject ("the index", "the stock",
    no capital letter) is named by its security instead."""
    out = {}
    for c in claims:
        if not c.ticker or (c.entity and c.entity != c.entity.lower()):
            continue
        name = c.ticker
        if registry is not None:
            try:
                name = registry.get(c.ticker).name or c.ticker
            except Exception:
                pass
        out[c.id] = name
    return out


def needed_ranges(claims: list[Claim], registry=None,
                  as_of: datetime | date | None = None,
                  ingested: date | None = None) -> dict[str, tuple[date, date]]:
    """ticker -> (first day, last day) of prices the claims need: one range per
    security, so the provider is asked once per security."""
    end = _day(as_of)
    if end is not None:
        end += timedelta(days=1)   # a moment late in the day in one zone is tomorrow in another
        periods_end = end
    else:
        periods_end = ingested or date.today()
    ranges: dict[str, tuple[date, date]] = {}
    for c in claims:
        for ticker in (c.ticker, c.partner_ticker):
            if not ticker:
                continue
            if end is None:
                start = periods_end - timedelta(days=SEARCH_DAYS + 380)
            elif c.metric == "record_high":
                start = end.replace(year=end.year - RECORD_HISTORY_YEARS)
            else:
                start = earliest_base(c.period if c.period not in ("none", "since_event")
                                      else "1d", end)
            lo, hi = ranges.get(ticker, (start, periods_end))
            ranges[ticker] = (min(lo, start), max(hi, periods_end))
    return ranges


plan_windows = needed_ranges


def prepare_prices(store, articles: list[Article], claims_by_article: dict[str, list[Claim]],
                   registry=None, offline: bool = False, fetcher=None,
                   as_of: datetime | date | None = None) -> PriceBook:
    """Prices for a batch of articles, fetched at most once per security.

    A fresh database holds no prices: only `tapecheck demo` (load_snapshot) or
    an import brings in the bundled snapshot, so verdicts never rest on prices
    the user did not choose.
    """
    ranges: dict[str, tuple[date, date]] = {}
    for article in articles:
        moment = as_of if as_of is not None else article.published_at
        ingested = article.ingested_at.date() if article.ingested_at else None
        for ticker, (lo, hi) in needed_ranges(claims_by_article.get(article.id, []), registry,
                                              moment, ingested).items():
            old = ranges.get(ticker, (lo, hi))
            ranges[ticker] = (min(old[0], lo), max(old[1], hi))
    if not ranges:
        return PriceBook()
    return PriceBook.ensure(store, list(ranges), min(lo for lo, _ in ranges.values()),
                            max(hi for _, hi in ranges.values()), fetcher=fetcher,
                            offline=offline, ranges=ranges, registry=registry)
