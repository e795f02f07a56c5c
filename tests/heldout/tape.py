"""Windows and moves straight from the bundled price CSVs, written independently
of ``tapecheck.correlate`` (only the data folder comes from config) so the answer key is not graded by the code under test.

The CSV dates are the exchange's sessions (XTKS / XNYS match them exactly).
Period rules as in tests/heldout/README.md: 1d from the previous session, week
from the prior week's last session, month from the prior month's last session,
ytd from the previous year's last session, year:YYYY as the calendar year,
since:DATE from the last session before DATE, day:DATE that session alone.
Shared by the held-out sets' key checks; it knows the periods analysts use: last_week (the previous calendar week),
quarter:YYYY-Qn and half:YYYY-Hn (calendar quarter / half, to the as-of day
if it is not over), 3m (trailing three months, like 1y).
"""

from __future__ import annotations

import calendar
import csv
from datetime import date, timedelta
from functools import cache

from tapecheck import config


@cache
def closes(ticker: str) -> dict[date, float]:
    with open(config.data_dir() / "prices" / (ticker.replace("^", "_") + ".csv"), newline="") as fh:
        return {date.fromisoformat(r["date"]): float(r["close"]) for r in csv.DictReader(fh)}


def sessions(ticker: str) -> list[date]:
    return sorted(closes(ticker))


def last_at_or_before(ticker: str, day: date) -> date:
    return max(d for d in sessions(ticker) if d <= day)


def last_before(ticker: str, day: date) -> date:
    return max(d for d in sessions(ticker) if d < day)


def window(ticker: str, period: str, as_of: date) -> tuple[date, date]:
    """(start session, end session) of a period ending at the as-of day."""
    end = last_at_or_before(ticker, as_of)
    kind, _, arg = period.partition(":")
    if kind == "1d":
        return last_before(ticker, end), end
    if kind == "day":
        d = date.fromisoformat(arg)
        return last_before(ticker, d), d
    if kind == "week":
        monday = end - timedelta(days=end.weekday())
        return last_before(ticker, monday), end
    if kind == "last_week":
        monday = end - timedelta(days=end.weekday())
        return last_before(ticker, monday - timedelta(days=7)), last_before(ticker, monday)
    if kind in ("quarter", "half"):
        y, part = int(arg[:4]), int(arg[-1])
        months = 3 if kind == "quarter" else 6
        first = date(y, (part - 1) * months + 1, 1)
        nxt = date(y + (first.month + months > 12), (first.month + months - 1) % 12 + 1, 1)
        return last_before(ticker, first), min(last_before(ticker, nxt), end)
    if kind == "3m":
        m = end.month - 3
        y, mo = end.year - (m < 1), (m - 1) % 12 + 1
        back = date(y, mo, min(end.day, calendar.monthrange(y, mo)[1]))
        return last_at_or_before(ticker, back), end
    if kind == "month" and not arg:
        return last_before(ticker, end.replace(day=1)), end
    if kind == "month":
        y, m = map(int, arg.split("-"))
        first = date(y, m, 1)
        nxt = date(y + (m == 12), m % 12 + 1, 1)
        return last_before(ticker, first), min(last_before(ticker, nxt), end)
    if kind == "ytd" and not arg:
        return last_before(ticker, date(end.year, 1, 1)), end
    if kind in ("year", "ytd"):
        y = int(arg)
        return last_before(ticker, date(y, 1, 1)), min(last_before(ticker, date(y + 1, 1, 1)), end)
    if kind == "since":
        return last_before(ticker, date.fromisoformat(arg)), end
    if kind == "1y":
        return last_at_or_before(ticker, end.replace(year=end.year - 1)), end
    raise ValueError(period)


def move(ticker: str, period: str, as_of: date) -> dict:
    start, end = window(ticker, period, as_of)
    c = closes(ticker)
    return {"start_date": start, "start_close": c[start], "end_date": end, "end_close": c[end],
            "pct": round((c[end] / c[start] - 1) * 100, 2), "points": round(c[end] - c[start], 2)}
