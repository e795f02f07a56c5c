"""Yahoo Finance through yfinance: one batched download per set of tickers and range.

``auto_adjust=False`` keeps both Close (split-adjusted) and Adj Close (also
dividend-adjusted); verification uses Close. yfinance swallows most errors
and returns an empty frame (that is what "offline" looks like), so an empty
answer is "no data", and rate limits, raised or only logged, are retried with
exponential backoff.
"""

from __future__ import annotations

import logging
import time
from datetime import date, timedelta

import pandas as pd

from tapecheck.correlate.prices import BAR_COLUMNS
from tapecheck.errors import PriceError, RateLimited

FIELDS = {"Open": "open", "High": "high", "Low": "low", "Close": "close",
          "Adj Close": "adj_close", "Volume": "volume"}


class _ErrorLog(logging.Handler):
    """Collects what yfinance logs while a download runs (its errors are not raised)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _is_rate_limit(error: BaseException | str) -> bool:
    text = error if isinstance(error, str) else f"{type(error).__name__} {error}"
    return "RateLimit" in text or "Too Many Requests" in text or "Rate limited" in text


class YahooFetcher:
    source = "yahoo"

    def __init__(self, retries: int = 4, backoff: float = 2.0, timeout: float = 15.0,
                 sleep=time.sleep):
        self.retries = retries
        self.backoff = backoff
        self.timeout = timeout
        self.sleep = sleep

    # query -> the source's terms
    def query(self, tickers: list[str], start: date, end: date) -> dict:
        return {"tickers": sorted(set(tickers)), "start": start.isoformat(),
                # yfinance's end is exclusive
                "end": (end + timedelta(days=1)).isoformat(), "interval": "1d",
                "auto_adjust": False, "actions": False, "progress": False,
                "group_by": "column", "multi_level_index": True, "timeout": self.timeout}

    def extract(self, query: dict) -> pd.DataFrame:
        import yfinance as yf

        delay = self.backoff
        for attempt in range(self.retries + 1):
            handler = _ErrorLog()
            logger = logging.getLogger("yfinance")
            logger.addHandler(handler)
            try:
                raw = yf.download(**query)
            except Exception as error:  # YFRateLimitError, network errors
                if not _is_rate_limit(error):
                    raise PriceError(f"Yahoo download failed: {error}") from error
                raw = None
            finally:
                logger.removeHandler(handler)
            limited = raw is None or any(_is_rate_limit(m) for m in handler.messages)
            if not limited or (raw is not None and not raw.empty):
                return raw if raw is not None else pd.DataFrame()
            if attempt < self.retries:
                self.sleep(delay)
                delay *= 2
        raise RateLimited(f"Yahoo Finance is rate limiting requests for "
                          f"{', '.join(query['tickers'])}; try again in a few minutes "
                          f"or import prices from CSV (tapecheck prices import)")

    def transform(self, raw: pd.DataFrame, tickers: list[str]) -> pd.DataFrame:
        """yf.download's wide frame (columns (Price, Ticker)) -> standard long bars."""
        if raw is None or raw.empty:
            return pd.DataFrame(columns=BAR_COLUMNS)
        frame = raw
        if not isinstance(frame.columns, pd.MultiIndex):  # one ticker, flat columns
            frame = pd.concat({tickers[0]: frame}, axis=1).swaplevel(0, 1, axis=1)
        # (Price, Ticker) with group_by="column", (Ticker, Price) with group_by="ticker"
        price_level = 0 if set(frame.columns.get_level_values(0)) & set(FIELDS) else 1
        long = frame.stack(level=1 - price_level, future_stack=True)
        long.index = long.index.set_names(["date", "ticker"])
        long = long.rename(columns=FIELDS).reset_index()
        for column in BAR_COLUMNS:
            if column not in long:
                long[column] = float("nan")
        long = long[BAR_COLUMNS].dropna(subset=["close"])
        dates = pd.to_datetime(long["date"])
        if dates.dt.tz is not None:  # keep the exchange's local date
            dates = dates.dt.tz_localize(None)
        long["date"] = dates.dt.date
        long["ticker"] = long["ticker"].astype(str)
        return long.sort_values(["ticker", "date"]).reset_index(drop=True)

    def fetch(self, tickers: list[str], start: date, end: date) -> pd.DataFrame:
        query = self.query(tickers, start, end)
        return self.transform(self.extract(query), query["tickers"])
