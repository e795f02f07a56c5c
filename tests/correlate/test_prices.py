"""The in-memory price book and the cache bookkeeping behind it."""

from datetime import date

import pandas as pd

from tapecheck.correlate.prices import PriceBook, detect_splits, missing_range


def d(text):
    return date.fromisoformat(text)


def test_missing_range_is_what_the_cache_lacks():
    covered = [(d("2026-01-01"), d("2026-01-31"))]
    assert missing_range(covered, d("2026-01-05"), d("2026-01-20")) is None
    assert missing_range(covered, d("2026-01-05"), d("2026-02-10")) == (d("2026-02-01"),
                                                                          d("2026-02-10"))
    assert missing_range(covered, d("2025-12-01"), d("2026-01-10")) == (d("2025-12-01"),
                                                                          d("2025-12-31"))
    assert missing_range([], d("2026-01-01"), d("2026-01-02")) == (d("2026-01-01"),
                                                                     d("2026-01-02"))


def test_split_ratios_are_recognised_and_crashes_are_not():
    dates = pd.to_datetime(["2026-01-05", "2026-01-06", "2026-01-07", "2026-01-08"]).values
    split = detect_splits(dates.astype("datetime64[D]"), pd.Series([1000, 1010, 203, 205.0]).values)
    assert [(s.label, s.day) for s in split] == [("1:5", d("2026-01-07"))]
    crash = detect_splits(dates.astype("datetime64[D]"), pd.Series([1000, 1010, 640, 650.0]).values)
    assert crash == []   # a 37% fall is a crash, not a split


def test_book_keeps_sorted_closes_and_running_high():
    frame = pd.DataFrame({"ticker": ["A", "A", "A", "B"],
                          "date": [d("2026-01-07"), d("2026-01-05"), d("2026-01-06"),
                                   d("2026-01-05")],
                          "close": [9.0, 10.0, 12.0, None]})
    book = PriceBook.from_frame(frame)
    assert book.tickers() == ["A"]   # a series with no close is no series
    a = book.get("A")
    assert a.values == [10.0, 12.0, 9.0]
    assert list(a.running_max) == [10.0, 12.0, 12.0]
    assert a.index_at_or_before(d("2026-01-06")) == 1
    assert a.index_at_or_before(d("2026-01-04")) == -1
