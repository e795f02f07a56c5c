"""The yfinance adapter against frames shaped exactly like yf.download's output.

yf.download is monkeypatched (the network edge); everything else is real.
"""

from datetime import date

import numpy as np
import pandas as pd
import pytest
import yfinance as yf
from yfinance.exceptions import YFRateLimitError

from tapecheck.correlate import PriceBook, YahooFetcher, verify_claim, AsOf
from tapecheck.errors import RateLimited
from tapecheck.store import Store

from .conftest import claim

# Real Yahoo closes for 2026-02-09..13 (Toyota, S&P 500); Adj Close differs by dividends.
DAYS = pd.DatetimeIndex(["2026-02-09", "2026-02-10", "2026-02-12", "2026-02-13"], name="Date")
TOYOTA = [3640.0, 3714.0, 3705.0, 3774.0]


def download_frame(tickers: dict[str, list[float]], index=DAYS) -> pd.DataFrame:
    """What yf.download(..., auto_adjust=False, group_by='column') returns: columns
    (Price, Ticker) with Adj Close, Close, High, Low, Open, Volume, sorted."""
    data = {}
    for ticker, closes in tickers.items():
        c = np.array(closes, dtype="float64")
        data[("Adj Close", ticker)] = c * 0.97
        data[("Close", ticker)] = c
        data[("High", ticker)] = c * 1.01
        data[("Low", ticker)] = c * 0.99
        data[("Open", ticker)] = c * 1.002
        data[("Volume", ticker)] = np.full(len(c), 1_000_000, dtype="int64")
    frame = pd.DataFrame(data, index=index)
    frame.columns = pd.MultiIndex.from_tuples(frame.columns, names=["Price", "Ticker"])
    return frame.sort_index(axis=1, level=0)


@pytest.fixture
def calls(monkeypatch):
    seen = []

    def fake_download(tickers, **kwargs):
        seen.append((sorted(tickers), kwargs))
        frame = download_frame({t: TOYOTA for t in tickers if t == "7203.T"})
        # a ticker Yahoo does not know comes back as an all-NaN column block
        for t in tickers:
            if t != "7203.T":
                for field in ("Adj Close", "Close", "High", "Low", "Open", "Volume"):
                    frame[(field, t)] = np.nan
        return frame.sort_index(axis=1, level=0)

    monkeypatch.setattr(yf, "download", fake_download)
    return seen


def test_one_batched_download_with_auto_adjust_off(calls):
    bars = YahooFetcher().fetch(["7203.T", "ZZZZ"], date(2026, 2, 9), date(2026, 2, 13))
    assert len(calls) == 1
    tickers, kwargs = calls[0]
    assert tickers == ["7203.T", "ZZZZ"]
    assert kwargs["auto_adjust"] is False
    assert kwargs["end"] == "2026-02-14"  # yfinance's end is exclusive
    assert list(bars["ticker"].unique()) == ["7203.T"]
    assert bars["close"].tolist() == TOYOTA
    assert bars["adj_close"].tolist() == pytest.approx([c * 0.97 for c in TOYOTA])
    assert bars["date"].tolist()[-1] == date(2026, 2, 13)


def test_single_ticker_flat_columns():
    frame = download_frame({"7203.T": TOYOTA}).droplevel(1, axis=1)
    bars = YahooFetcher().transform(frame, ["7203.T"])
    assert bars["ticker"].unique().tolist() == ["7203.T"]
    assert bars["close"].tolist() == TOYOTA


def test_rate_limit_backs_off_exponentially(monkeypatch):
    attempts = []

    def flaky(tickers, **kwargs):
        attempts.append(1)
        if len(attempts) < 3:
            raise YFRateLimitError()
        return download_frame({"7203.T": TOYOTA})

    monkeypatch.setattr(yf, "download", flaky)
    sleeps = []
    bars = YahooFetcher(sleep=sleeps.append, backoff=1.0).fetch(
        ["7203.T"], date(2026, 2, 9), date(2026, 2, 13))
    assert len(bars) == 4
    assert sleeps == [1.0, 2.0]


def test_rate_limit_that_never_ends_is_a_clear_error(monkeypatch):
    def limited(tickers, **kwargs):
        raise YFRateLimitError()

    monkeypatch.setattr(yf, "download", limited)
    with pytest.raises(RateLimited, match="rate limiting"):
        YahooFetcher(retries=2, sleep=lambda s: None).fetch(
            ["7203.T"], date(2026, 2, 9), date(2026, 2, 13))


def test_empty_frame_means_no_data(monkeypatch, tmp_path):
    # What yfinance returns offline: an empty frame, no exception.
    monkeypatch.setattr(yf, "download", lambda tickers, **kw: pd.DataFrame())
    store = Store.open(tmp_path / "t.db")
    book = PriceBook.ensure(store, ["7203.T"], date(2026, 1, 1), date(2026, 2, 13))
    assert "7203.T" not in book
    assert store.fetched_ranges("7203.T") == []   # asked again next time, when online
    v = verify_claim(claim("Toyota", "7203.T", 12, "ytd"), None, book,
                     AsOf(date(2026, 2, 13), "user"))
    assert v.verdict == "unverifiable"
    assert v.reason == "no price data for 7203.T between 2025-12-30 and 2026-02-13"


def test_cached_range_is_never_fetched_again(calls, tmp_path):
    store = Store.open(tmp_path / "t.db")
    start, end = date(2026, 2, 9), date(2026, 2, 13)
    first = PriceBook.ensure(store, ["7203.T"], start, end, fetcher=YahooFetcher())
    second = PriceBook.ensure(store, ["7203.T"], start, end, fetcher=YahooFetcher())
    assert len(calls) == 1
    assert first.get("7203.T").values == second.get("7203.T").values == TOYOTA
    assert store.fetched_ranges("7203.T") == [(start, end, "yahoo")]
    assert second.get("7203.T").source == "yahoo"


def test_missing_range_is_fetched_once_in_one_batch(calls, tmp_path):
    store = Store.open(tmp_path / "t.db")
    store.record_fetch("7203.T", date(2026, 1, 1), date(2026, 2, 10), "snapshot", 25)
    PriceBook.ensure(store, ["7203.T", "^N225"], date(2026, 2, 1), date(2026, 2, 13),
                     fetcher=YahooFetcher())
    # Toyota needs only 2026-02-11..13, the Nikkei everything: two ranges, two calls.
    assert sorted(c[1]["start"] for c in calls) == ["2026-02-01", "2026-02-11"]


def test_offline_never_calls_the_network(calls, tmp_path):
    store = Store.open(tmp_path / "t.db")
    book = PriceBook.ensure(store, ["7203.T"], date(2026, 2, 9), date(2026, 2, 13),
                            fetcher=YahooFetcher(), offline=True)
    assert calls == [] and "7203.T" not in book


def test_rate_limit_that_yfinance_only_logs_is_retried(monkeypatch):
    # yf.download catches per-ticker errors, logs them and returns an empty frame.
    import logging

    attempts = []

    def logs_then_works(tickers, **kwargs):
        attempts.append(1)
        if len(attempts) == 1:
            logging.getLogger("yfinance").error(
                "['7203.T']: YFRateLimitError('Too Many Requests. Rate limited. "
                "Try after a while.')")
            return pd.DataFrame()
        return download_frame({"7203.T": TOYOTA})

    monkeypatch.setattr(yf, "download", logs_then_works)
    sleeps = []
    bars = YahooFetcher(sleep=sleeps.append).fetch(["7203.T"], date(2026, 2, 9),
                                                   date(2026, 2, 13))
    assert len(attempts) == 2 and sleeps == [2.0] and len(bars) == 4


def test_other_download_errors_are_price_errors(monkeypatch):
    from tapecheck.errors import PriceError

    def broken(tickers, **kwargs):
        raise ConnectionError("connection refused")

    monkeypatch.setattr(yf, "download", broken)
    with pytest.raises(PriceError, match="connection refused"):
        YahooFetcher().fetch(["7203.T"], date(2026, 2, 9), date(2026, 2, 13))


def test_fetch_errors_never_crash_verification(monkeypatch, tmp_path):
    def broken(tickers, **kwargs):
        raise ConnectionError("no route to host")

    monkeypatch.setattr(yf, "download", broken)
    store = Store.open(tmp_path / "t.db")
    book = PriceBook.ensure(store, ["7203.T"], date(2026, 1, 1), date(2026, 2, 13))
    v = verify_claim(claim("Toyota", "7203.T", 12, "ytd"), None, book,
                     AsOf(date(2026, 2, 13), "user"))
    assert v.verdict == "unverifiable" and v.reason.startswith("no price data for 7203.T")


def test_timezone_aware_index_keeps_the_local_date():
    # yf.download(ignore_tz=False) labels Tokyo sessions at midnight Tokyo time.
    index = pd.DatetimeIndex(DAYS).tz_localize("Asia/Tokyo").rename("Date")
    bars = YahooFetcher().transform(download_frame({"7203.T": TOYOTA}, index), ["7203.T"])
    assert bars["date"].tolist() == [d.date() for d in DAYS]


def test_a_session_still_trading_is_not_cached(calls, tmp_path):
    # 11:00 Tokyo on 2026-02-13: Yahoo already has a bar for the day, a live price.
    from datetime import datetime
    from zoneinfo import ZoneInfo

    store = Store.open(tmp_path / "t.db")
    morning = datetime(2026, 2, 13, 11, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    book = PriceBook.ensure(store, ["7203.T"], date(2026, 2, 9), date(2026, 2, 13),
                            fetcher=YahooFetcher(), now=morning)
    assert book.get("7203.T").last == date(2026, 2, 12)
    assert store.fetched_ranges("7203.T") == [(date(2026, 2, 9), date(2026, 2, 12), "yahoo")]
    assert calls[0][1]["end"] == "2026-02-13"   # asked only through the 12th


def test_ticker_first_columns_work_too():
    frame = download_frame({"7203.T": TOYOTA, "^N225": [56363.94, 57650.54, 57639.84, 56941.97]})
    by_ticker = frame.swaplevel(0, 1, axis=1).sort_index(axis=1)   # group_by="ticker"
    bars = YahooFetcher().transform(by_ticker, ["7203.T", "^N225"])
    assert bars.groupby("ticker")["close"].last().to_dict() == {"7203.T": 3774.0,
                                                                "^N225": 56941.97}
