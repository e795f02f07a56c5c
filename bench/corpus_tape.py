"""The bundled prices and exchange calendars as bench/corpus.py needs them:
plain lists and dicts keyed by date ordinal, so a window costs two bisections.
Windows follow DESIGN.md: base = close of the session before the period, end =
the last session at or before as-of, on the security's own calendar."""

from __future__ import annotations

import bisect
import csv
from datetime import date, datetime, timedelta
from functools import cache

START, END = date(2024, 7, 1), date(2026, 8, 21)

# ticker: exchange, names (first is the formal one), themes the security tells
SECURITIES = {
    "285A.T": ("XTKS", ("Kioxia", "Kioxia Holdings"), ("ai_semiconductors",)),
    "5016.T": ("XTKS", ("JX Advanced Metals",), ("critical_resources", "ai_semiconductors")),
    "5713.T": ("XTKS", ("Sumitomo Metal Mining",), ("critical_resources",)),
    "6857.T": ("XTKS", ("Advantest",), ("ai_semiconductors",)),
    "7011.T": ("XTKS", ("Mitsubishi Heavy Industries", "Mitsubishi Heavy"), ("defense",)),
    "7012.T": ("XTKS", ("Kawasaki Heavy Industries", "Kawasaki Heavy"), ("defense",)),
    "7013.T": ("XTKS", ("IHI", "IHI Corp"), ("defense",)),
    "7203.T": ("XTKS", ("Toyota", "Toyota Motor"), ("trade_policy",)),
    "8035.T": ("XTKS", ("Tokyo Electron",), ("ai_semiconductors",)),
    "^N225": ("XTKS", ("the Nikkei 225", "the Nikkei"), ()),
    "^TOPX": ("XTKS", ("the Topix", "the broader Topix"), ()),
    "^GSPC": ("XNYS", ("the S&P 500",), ()),
    "^IXIC": ("XNYS", ("the Nasdaq Composite", "the Nasdaq"), ()),
    "^DJI": ("XNYS", ("the Dow Jones Industrial Average", "the Dow"), ()),
    "NVDA": ("XNYS", ("Nvidia",), ("ai_semiconductors",)),
    "MU": ("XNYS", ("Micron", "Micron Technology"), ("ai_semiconductors",)),
}
@cache
def tape() -> dict[str, dict[int, float]]:
    """Closes per ticker keyed by date ordinal, from the bundled snapshot."""
    from tapecheck.config import data_dir

    closes = {}
    for ticker in SECURITIES:
        path = data_dir() / "prices" / f"{ticker.replace('^', '_')}.csv"
        with open(path, newline="", encoding="utf-8") as handle:
            closes[ticker] = {date.fromisoformat(r["date"]).toordinal(): float(r["close"])
                              for r in csv.DictReader(handle)}
    return closes


@cache
def sessions(exchange: str) -> tuple[list[int], list[float]]:
    """Session ordinals and their close moments (UTC epoch seconds)."""
    import exchange_calendars as xcals

    calendar = xcals.get_calendar(exchange, start=START - timedelta(days=400), end=END)
    days = [d.toordinal() for d in calendar.sessions.date]
    closes = [c.timestamp() for c in calendar.schedule["close"]]
    return days, closes


@cache
def record_days(ticker: str) -> frozenset[int]:
    """Sessions whose close is the highest in the snapshot so far (after 120 sessions of history)."""
    best, records = float("-inf"), set()
    for i, (day, close) in enumerate(sorted(tape()[ticker].items())):
        if close >= best:
            best = close
            if i >= 120:
                records.add(day)
    return frozenset(records)


def prev_session(exchange: str, day: int) -> int:
    days = sessions(exchange)[0]
    return days[bisect.bisect_left(days, day) - 1]


def last_session(exchange: str, day: int) -> int:
    days = sessions(exchange)[0]
    return days[bisect.bisect_right(days, day) - 1]


def as_of_session(ticker: str, published: datetime | date) -> int:
    """Last session of the security's exchange that had closed at publication."""
    exchange = SECURITIES[ticker][0]
    if isinstance(published, datetime):
        days, closes = sessions(exchange)
        return days[bisect.bisect_right(closes, published.timestamp()) - 1]
    return last_session(exchange, published.toordinal())


def window(ticker: str, period: str, as_of: int) -> tuple[int, int]:
    """(base session, end session) of a period, DESIGN.md's rule."""
    exchange = SECURITIES[ticker][0]
    today = date.fromordinal(as_of)
    if period == "1d" or period.startswith("day:"):
        return prev_session(exchange, as_of), as_of
    if period == "week":
        return prev_session(exchange, as_of - today.weekday()), as_of
    if period == "month":
        return prev_session(exchange, today.replace(day=1).toordinal()), as_of
    if period.startswith("ytd"):
        return prev_session(exchange, date(today.year, 1, 1).toordinal()), as_of
    if period == "1y":
        try:
            year_ago = today.replace(year=today.year - 1)
        except ValueError:            # 29 February
            year_ago = today.replace(year=today.year - 1, day=28)
        return prev_session(exchange, year_ago.toordinal() + 1), as_of
    if period.startswith("year:"):
        year = int(period[5:])
        return (prev_session(exchange, date(year, 1, 1).toordinal()),
                min(as_of, prev_session(exchange, date(year + 1, 1, 1).toordinal())))
    if period.startswith("month:"):
        year, month = map(int, period[6:].split("-"))
        after = date(year + month // 12, month % 12 + 1, 1)
        return (prev_session(exchange, date(year, month, 1).toordinal()),
                min(as_of, prev_session(exchange, after.toordinal())))
    if period.startswith("since:"):
        return prev_session(exchange, date.fromisoformat(period[6:]).toordinal()), as_of
    raise ValueError(f"unknown period {period!r}")


def move(ticker: str, period: str, as_of: int) -> dict | None:
    """The real move over a period, or None when the snapshot lacks either close."""
    base, end = window(ticker, period, as_of)
    closes = tape()[ticker]
    if base not in closes or end not in closes or base >= end:
        return None
    start_close, end_close = closes[base], closes[end]
    return {"window_start": date.fromordinal(base).isoformat(), "window_end": date.fromordinal(end).isoformat(),
            "start_close": start_close, "end_close": end_close,
            "actual": (end_close / start_close - 1) * 100, "points": end_close - start_close,
            "record": end in record_days(ticker)}
