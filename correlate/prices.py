"""Daily closes in memory, and the one way prices get into the store.

``PriceBook`` holds every ticker's closes as numpy arrays, so verifying a
claim is a few ``searchsorted`` calls with no query per claim. ``ensure``
fills the store from a fetcher for exactly the ranges it has never asked for:
a cached range is never fetched again, a missing one is fetched once.

A fetcher follows the OpenBB shape: ``fetch(tickers, start, end)`` turns the
query into the source's terms, extracts, and returns standard bars (columns
ticker, date, open, high, low, close, adj_close, volume).
"""

from __future__ import annotations

import logging
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Protocol

import numpy as np
import pandas as pd

from tapecheck.correlate.calendars import calendar, exchange_for
from tapecheck.errors import PriceError

log = logging.getLogger(__name__)

BAR_COLUMNS = ["ticker", "date", "open", "high", "low", "close", "adj_close", "volume"]
# 1:k splits (price divides by k) and k:1 reverse splits, as seen in unadjusted series.
SPLIT_RATIOS = (2, 3, 4, 5, 7, 8, 10, 15, 20, 25, 50, 100)
# A one-day ratio this close to 1/k (or k) looks like a split: real moves on a split
# day blur the ratio by a few percent, while real halvings or doublings in a day
# are rare and real falls of two thirds or more rarer still.
SPLIT_MATCH = {2: 0.05}
SPLIT_MATCH_WIDE = 0.10


class Fetcher(Protocol):
    source: str

    def fetch(self, tickers: list[str], start: date, end: date) -> pd.DataFrame: ...


@dataclass(frozen=True)
class Split:
    index: int        # position of the first close on the new basis
    day: date
    factor: float     # multiply earlier closes by this to put them on the new basis
    label: str        # "1:5"


@dataclass
class Series:
    """One ticker's closes, sorted by session."""

    ticker: str
    dates: np.ndarray           # datetime64[D]
    closes: np.ndarray          # float64, split-adjusted as stored
    running_max: np.ndarray     # highest close up to and including each index
    source: str = ""
    fetched_at: datetime | None = None
    splits: list[Split] = field(default_factory=list)
    days: list = field(default_factory=list, repr=False)       # datetime.date per close
    ordinals: list = field(default_factory=list, repr=False)   # for bisect lookups
    values: list = field(default_factory=list, repr=False)     # closes as Python floats

    def __post_init__(self):
        if not self.days:
            self.days = [d.astype(object) for d in self.dates]
            self.ordinals = [d.toordinal() for d in self.days]
            self.values = [float(x) for x in self.closes]

    @property
    def first(self) -> date:
        return self.days[0]

    @property
    def last(self) -> date:
        return self.days[-1]

    def index_at_or_before(self, day: date) -> int:
        return bisect_right(self.ordinals, day.toordinal()) - 1

    def day(self, i: int) -> date:
        return self.days[i]


def detect_splits(dates: np.ndarray, closes: np.ndarray) -> list[Split]:
    """One-day jumps that match a split ratio: a series someone forgot to adjust.

    Flat limit-up/limit-down days never match (their ratio is at most ~1.3).
    """
    if len(closes) < 2:
        return []
    ratio = closes[1:] / closes[:-1]
    suspects = np.nonzero((ratio < 1 / 1.8) | (ratio > 1.8))[0]
    found = []
    for j in suspects:
        r = float(ratio[j])
        for k in SPLIT_RATIOS:
            match = SPLIT_MATCH.get(k, SPLIT_MATCH_WIDE)
            if abs(r * k - 1) < match:
                found.append(Split(int(j) + 1, dates[j + 1].astype(object), 1 / k, f"1:{k}"))
                break
            if abs(r / k - 1) < match:
                found.append(Split(int(j) + 1, dates[j + 1].astype(object), float(k), f"{k}:1"))
                break
    return found


def make_series(ticker: str, frame: pd.DataFrame) -> Series | None:
    frame = frame.dropna(subset=["close"])
    frame = frame[frame["close"] > 0]
    if frame.empty:
        return None
    frame = frame.sort_values("date").drop_duplicates("date", keep="last")
    dates = pd.to_datetime(frame["date"]).values.astype("datetime64[D]")
    closes = frame["close"].to_numpy(dtype="float64")
    source = ""
    fetched = None
    if "source" in frame:
        sources = frame["source"].dropna().unique()
        source = "+".join(sorted(str(s) for s in sources))
    if "fetched_at" in frame:
        stamps = pd.to_datetime(frame["fetched_at"].dropna(), utc=True, errors="coerce").dropna()
        fetched = stamps.max().to_pydatetime() if len(stamps) else None
    return Series(ticker, dates, closes, np.maximum.accumulate(closes), source, fetched,
                  detect_splits(dates, closes))


class PriceBook:
    """Closes for many tickers, ready for vectorised lookups."""

    def __init__(self, series: dict[str, Series] | None = None):
        self.series: dict[str, Series] = dict(series or {})

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> "PriceBook":
        book = cls()
        if frame is None or frame.empty:
            return book
        for ticker, part in frame.groupby("ticker", sort=False):
            made = make_series(str(ticker), part)
            if made is not None:
                book.series[str(ticker)] = made
        return book

    @classmethod
    def from_store(cls, store, tickers: list[str] | None = None) -> "PriceBook":
        return cls.from_frame(store.prices_frame(tickers))

    def get(self, ticker: str) -> Series | None:
        return self.series.get(ticker)

    def __contains__(self, ticker: str) -> bool:
        return ticker in self.series

    def tickers(self) -> list[str]:
        return sorted(self.series)

    def span(self) -> tuple[date, date] | None:
        """First and last date any series covers."""
        if not self.series:
            return None
        return (min(s.first for s in self.series.values()),
                max(s.last for s in self.series.values()))

    @classmethod
    def ensure(cls, store, tickers, start: date, end: date | None = None,
               fetcher: Fetcher | None = None, offline: bool = False,
               ranges: dict[str, tuple[date, date]] | None = None, registry=None,
               now: datetime | None = None) -> "PriceBook":
        """Make sure the store holds prices for ``tickers`` over [start, end], then
        load them. ``ranges`` (ticker -> (start, end)) overrides the common range.

        Missing ranges are fetched once, in one batched call per distinct range;
        offline, or with no fetcher, the store's prices are used as they are.
        Failures to fetch never raise: verification then says which prices are
        missing.
        """
        tickers = sorted({t for t in tickers if t})
        wanted = dict(ranges or {})
        for t in tickers:
            wanted.setdefault(t, (start, end or date.today()))
        if fetcher is None and not offline:
            from tapecheck.correlate.yahoo import YahooFetcher
            fetcher = YahooFetcher()
        if not offline and fetcher is not None:
            _fill(store, wanted, fetcher, registry, now)
        return cls.from_store(store, sorted(wanted))


def missing_range(covered: list[tuple[date, date]], start: date, end: date
                  ) -> tuple[date, date] | None:
    """The smallest single range that, fetched, covers what ``covered`` lacks."""
    gaps = []
    cursor = start
    for lo, hi in sorted(covered):
        if hi < cursor:
            continue
        if lo > cursor:
            gaps.append((cursor, min(end, lo - timedelta(days=1))))
        cursor = max(cursor, hi + timedelta(days=1))
        if cursor > end:
            break
    if cursor <= end:
        gaps.append((cursor, end))
    gaps = [g for g in gaps if g[0] <= g[1]]
    if not gaps:
        return None
    return gaps[0][0], gaps[-1][1]


def _fill(store, wanted: dict[str, tuple[date, date]], fetcher: Fetcher, registry=None,
          now: datetime | None = None) -> None:
    """Fetch what the cache lacks, up to each exchange's last closed session: a bar
    for a session still trading is a live price, not a close, and is never kept."""
    now = now or datetime.now(UTC)
    closed = {t: calendar(exchange_for(t, registry)).last_closed(now) or date.min
              for t in wanted}
    groups: dict[tuple[date, date], list[str]] = {}
    for ticker, (start, end) in wanted.items():
        end = min(end, closed[ticker])
        covered = [(lo, hi) for lo, hi, _ in store.fetched_ranges(ticker)]
        gap = missing_range(covered, start, end)
        if gap is not None:
            groups.setdefault(gap, []).append(ticker)
    for (start, end), group in groups.items():
        try:
            bars = fetcher.fetch(group, start, end)
        except PriceError as error:
            log.warning("prices for %s not fetched: %s", ", ".join(group), error)
            continue
        if bars is not None and not bars.empty:
            bars = bars[pd.to_datetime(bars["date"]).dt.date <= bars["ticker"].map(closed)]
        if bars is None or bars.empty:
            log.info("no price data from %s for %s between %s and %s",
                     fetcher.source, ", ".join(group), start, end)
            continue
        with store.transaction():
            store.save_prices(bars, fetcher.source)
            counts = bars.groupby("ticker").size()
            for ticker in group:
                rows = int(counts.get(ticker, 0))
                if rows:  # an empty answer may be "offline": ask again next time
                    store.record_fetch(ticker, start, end, fetcher.source, rows)
