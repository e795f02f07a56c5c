"""Plain records passed between the stages.

Every stage takes and returns these; none of them knows about the database.
Dates are ``datetime.date`` in the exchange's local calendar; moments are
timezone-aware ``datetime``.

Period grammar (``Claim.period``), a short string an analyst can read:

    1d             one session: the as-of session ("today", "on the day")
    day:tue        a named weekday: the most recent such session at or before as-of
    day:2026-02-13 a dated session
    week           this week so far (from the prior week's last session)
    last_week      the previous calendar week
    month          this month so far
    last_month     the previous calendar month
    month:2026-01  a named calendar month (month:01 when the year is not known:
                   the most recent such month at or before as-of)
    ytd            year to date (from the previous year's last session)
    ytd:2026       year to date of a named year
    year:2025      a named calendar year ("in 2025")
    1y             the trailing twelve months ("over the past year")
    1y:2025-06     the twelve months to the end of a month ("over the twelve months to June")
    3m, 6m         the trailing three / six months (a "3M" column, "over the past six months")
    quarter:2025-Q2    a calendar quarter ("in Q2", "April-June", "in the quarter")
    half:2025-H1       a calendar half ("H1", "over the first half")
    since:2026-01-05   since a date
    since_event    since an undated event (text in ``period_text``)
    none           no period stated and none could be inferred

A figure said of part of a session (the open, midday, after hours) keeps its
session's period and carries the flag ``intraday``: no close confirms it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

METRICS = ("price_return", "level", "points", "record_high", "direction", "relative")
QUALIFIERS = (
    "exact", "approx", "more_than", "at_least", "less_than", "nearly", "up_to", "much_more",
)
PERIOD_SOURCES = ("sentence", "table_header", "context", "default")
VERDICTS = ("supported", "exaggerated", "understated", "wrong_direction", "unverifiable")
AS_OF_SOURCES = ("published", "inferred", "user")
SECURITY_KINDS = ("equity", "index", "etf")

# Flags a claim may carry; the UI shows them, verification reads them.
FLAG_NO_FIGURE = "no_figure"
FLAG_UNRESOLVED = "unresolved_subject"
FLAG_FORWARD = "forward_looking"
FLAG_INTRADAY = "intraday"       # said of part of a session (the open, midday, after hours): no close confirms it


def content_id(text: str) -> str:
    """Stable id of an article: the hash of its normalised text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def now_utc() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class Article:
    id: str
    source: str                      # file | url | rss | paste | stdin
    text: str
    title: str | None = None
    url: str | None = None
    # A datetime (tz-aware) when the moment is known; a plain date when only
    # the day is known (it then means the end of that day in the exchange's
    # time zone); None when unknown. Never "now".
    published_at: datetime | date | None = None
    language: str = "en"
    ingested_at: datetime = field(default_factory=now_utc)
    path: str | None = None          # original file name, for display only
    flags: tuple[str, ...] = ()      # e.g. ("non_english",)


@dataclass(frozen=True)
class Security:
    ticker: str                      # Yahoo symbol: 7203.T, ^N225, NVDA
    name: str
    kind: str = "equity"             # equity | index | etf
    exchange: str = "XNYS"           # exchange_calendars code: XTKS, XNYS, XLON ...
    currency: str = "USD"
    sector: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    article_id: str
    start: int                       # character span in Article.text
    end: int
    text: str
    ticker: str | None               # None: an organisation-like name that links to nothing
    confidence: float = 1.0


@dataclass(frozen=True)
class Claim:
    article_id: str
    start: int                       # span of the claim (subject .. figure) in Article.text
    end: int
    sentence_start: int
    sentence_end: int
    sentence: str
    entity: str                      # the subject as written
    ticker: str | None               # resolved subject, None if unresolved
    metric: str                      # one of METRICS
    value: float | None              # signed percent for price_return/relative, level, or points
    qualifier: str = "exact"
    period: str = "none"             # see the period grammar above
    period_source: str = "default"
    period_text: str = ""            # the period words as written ("since the start of the year")
    precision: float = 1.0           # rounding step implied by how the figure was written
    figure_text: str = ""            # the figure as written: "~120%", "doubled", ">>%"
    partner_ticker: str | None = None    # relative claims: subject minus partner
    partner_entity: str | None = None
    flags: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        """Stable across re-extraction, so reviews can follow the claim."""
        key = f"{self.article_id}|{self.start}|{self.end}|{self.entity}|{self.metric}|{self.partner_entity or ''}"
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Verification:
    claim_id: str
    verdict: str                     # one of VERDICTS
    reason: str                      # one sentence an analyst can read
    as_of: date | None = None        # the last session that counts
    as_of_source: str | None = None  # published | inferred | user
    window_start: date | None = None     # session whose close is the base
    window_end: date | None = None       # session whose close is compared
    start_close: float | None = None
    end_close: float | None = None
    actual: float | None = None      # percent move, level, or points, as the claim's metric
    tolerance_low: float | None = None
    tolerance_high: float | None = None
    price_source: str | None = None
    fetched_at: datetime | None = None
    alternative: str | None = None   # another common reading that would hold, with its figure


@dataclass(frozen=True)
class ThemeScore:
    article_id: str
    theme_id: str
    score: float
    sentence_start: int | None = None    # None: the article-level aggregate
    sentence_end: int | None = None
    evidence: str = ""               # evidence sentence or matched terms
    direction: str = "neutral"       # driver | headwind | neutral
    tickers: tuple[str, ...] = ()    # securities named in the themed sentence


@dataclass(frozen=True)
class PriceBar:
    ticker: str
    date: date
    close: float
    open: float | None = None
    high: float | None = None
    low: float | None = None
    volume: float | None = None
    adj_close: float | None = None
    source: str = "csv"
    fetched_at: datetime | None = None


@dataclass(frozen=True)
class Review:
    claim_id: str
    article_id: str
    verdict: str                     # the analyst's verdict (may equal the machine's: a confirmation)
    comment: str = ""
    reviewer: str = ""
    reviewed_at: datetime = field(default_factory=now_utc)
