"""Compute the real price facts the demo articles state, from the bundled CSVs.

A developer aid, independent of tapecheck's own verifier: the demo's answer key
(data/demo/ANSWERS.md) was written from this script's output, so a verifier
bug cannot leak into the expected answers. Windows follow DESIGN.md: base is
the close of the session before the period, end is the last close at or
before the as-of moment, sessions from the exchange calendar.

    python bench/demo_facts.py 285A.T ytd 2026-02-13T16:30+09:00
    python bench/demo_facts.py ^N225 week 2026-02-13
"""

from __future__ import annotations

import sys
from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import exchange_calendars as xcals
import pandas as pd

PRICES = Path(__file__).resolve().parent.parent / "data" / "prices"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
TOKYO = ("285A.T", "5016.T", "5713.T", "6857.T", "7011.T", "7012.T", "7013.T",
         "7203.T", "8035.T", "^N225", "^TOPX")


def exchange(ticker: str) -> str:
    return "XTKS" if ticker in TOKYO or ticker.endswith(".T") else "XNYS"


@cache
def closes(ticker: str) -> pd.Series:
    frame = pd.read_csv(PRICES / f"{ticker.replace('^', '_')}.csv", parse_dates=["date"])
    return frame.set_index("date")["close"].astype(float)


@cache
def calendar(code: str):
    return xcals.get_calendar(code, start="2024-01-01", end="2026-12-31")


def as_of_session(ticker: str, published: str) -> date:
    """Last session whose close is at or before the publication moment.
    A bare date means the end of that day in the exchange's time zone."""
    cal = calendar(exchange(ticker))
    if "T" in published:
        moment = pd.Timestamp(datetime.fromisoformat(published)).tz_convert("UTC")
    else:
        local = datetime.combine(date.fromisoformat(published), time(23, 59), ZoneInfo(str(cal.tz)))
        moment = pd.Timestamp(local).tz_convert("UTC")
    closed = cal.schedule[cal.schedule["close"] <= moment]
    return closed.index[-1].date()


def previous_session(ticker: str, day: date) -> date:
    """Last session strictly before ``day``."""
    sessions = calendar(exchange(ticker)).sessions
    return sessions[sessions < pd.Timestamp(day)][-1].date()


def window(ticker: str, period: str, as_of: date) -> tuple[date, date]:
    """(base session, end session) for a period, both on the exchange calendar."""
    if period == "1d":
        return previous_session(ticker, as_of), as_of
    if period.startswith("day:") and period[4:] in WEEKDAYS:
        day = as_of - timedelta(days=(as_of.weekday() - WEEKDAYS.index(period[4:])) % 7)
        return previous_session(ticker, day), day
    if period.startswith("day:"):
        day = date.fromisoformat(period[4:])
        return previous_session(ticker, day), day
    if period == "week":
        monday = as_of - timedelta(days=as_of.weekday())
        return previous_session(ticker, monday), as_of
    if period == "last_week":
        monday = as_of - timedelta(days=as_of.weekday())
        return previous_session(ticker, monday - timedelta(days=7)), previous_session(ticker, monday)
    if period == "month":
        return previous_session(ticker, as_of.replace(day=1)), as_of
    if period == "ytd":
        return previous_session(ticker, date(as_of.year, 1, 1)), as_of
    if period.startswith("year:"):
        year = int(period[5:])
        return (previous_session(ticker, date(year, 1, 1)),
                min(as_of, previous_session(ticker, date(year + 1, 1, 1))))
    if period.startswith("month:"):
        y, m = map(int, period[6:].split("-"))
        nxt = date(y + (m == 12), m % 12 + 1, 1)
        return previous_session(ticker, date(y, m, 1)), min(as_of, previous_session(ticker, nxt))
    if period == "1y":
        return previous_session(ticker, as_of.replace(year=as_of.year - 1) + timedelta(days=1)), as_of
    if period.startswith("since:"):
        return previous_session(ticker, date.fromisoformat(period[6:])), as_of
    raise ValueError(f"unknown period {period!r}")


def close_on(ticker: str, day: date) -> tuple[date, float]:
    """Bundled close of session ``day``; KeyError when the snapshot lacks it
    (^N225 ends 2026-07-10, ^TOPX lacks 2026-05-26)."""
    return day, float(closes(ticker)[pd.Timestamp(day)])


def fact(ticker: str, period: str, published: str) -> dict:
    as_of = as_of_session(ticker, published)
    base, end = window(ticker, period, as_of)
    base_day, base_close = close_on(ticker, base)
    end_day, end_close = close_on(ticker, end)
    high = closes(ticker)[: pd.Timestamp(end_day)]
    return {
        "ticker": ticker, "period": period, "as_of": as_of,
        "start": base_day, "start_close": base_close,
        "end": end_day, "end_close": end_close,
        "pct": (end_close / base_close - 1) * 100,
        "points": end_close - base_close,
        "record_close": bool(end_close >= high.max()),
    }


def describe(f: dict) -> str:
    return (f"{f['ticker']:7} {f['period']:16} as_of {f['as_of']}  "
            f"{f['start']} {f['start_close']:.2f} -> {f['end']} {f['end_close']:.2f}  "
            f"{f['pct']:+.2f}%  ({f['points']:+.2f} pts)"
            + ("  RECORD CLOSE" if f["record_close"] else ""))


if __name__ == "__main__":
    ticker, period, published = sys.argv[1:4]
    print(describe(fact(ticker, period, published)))
