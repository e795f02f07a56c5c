"""Exchange calendars: which days are sessions, and when each session closes.

Every window is counted on the security's own exchange (Tokyo and New York
dates are never mixed). Sessions are kept as numpy ``datetime64[D]`` arrays so
a window is two ``searchsorted`` calls, not a pandas query per claim.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import exchange_calendars as xcals
import numpy as np

FIRST_YEAR = 2000
LAST_YEAR = 2031

# Yahoo suffix -> exchange_calendars code, for securities the registry lacks.
SUFFIX_EXCHANGES = {
    ".T": "XTKS", ".L": "XLON", ".DE": "XETR", ".F": "XFRA", ".PA": "XPAR",
    ".AS": "XAMS", ".BR": "XBRU", ".MI": "XMIL", ".MC": "XMAD", ".SW": "XSWX",
    ".ST": "XSTO", ".HE": "XHEL", ".CO": "XCSE", ".OL": "XOSL", ".VI": "XWBO",
    ".LS": "XLIS", ".IR": "XDUB", ".HK": "XHKG", ".SS": "XSHG", ".SZ": "XSHG",
    ".KS": "XKRX", ".KQ": "XKRX", ".TW": "XTAI", ".AX": "XASX", ".NZ": "XNZE",
    ".TO": "XTSE", ".V": "XTSX", ".SI": "XSES", ".BO": "XBOM", ".NS": "XBOM",
    ".SA": "BVMF", ".MX": "XMEX", ".JO": "XJSE", ".WA": "XWAR",
}
INDEX_EXCHANGES = {
    "^N225": "XTKS", "^TOPX": "XTKS", "^GSPC": "XNYS", "^DJI": "XNYS", "^IXIC": "XNYS",
    "^NDX": "XNYS", "^RUT": "XNYS", "^VIX": "XNYS", "^FTSE": "XLON", "^GDAXI": "XETR",
    "^FCHI": "XPAR", "^STOXX50E": "XETR", "^HSI": "XHKG", "^KS11": "XKRX",
    "^TWII": "XTAI", "^AXJO": "XASX", "^GSPTSE": "XTSE", "^SSEC": "XSHG", "^BSESN": "XBOM",
    "^NSEI": "XBOM", "^AEX": "XAMS", "^IBEX": "XMAD", "^SSMI": "XSWX",
}

CRYPTO = re.compile(r"^[A-Z0-9]{2,10}-(USD|EUR|JPY|GBP|USDT|BTC)$")


def exchange_for(ticker: str, registry=None) -> str:
    """The calendar code of a ticker: the registry's word first, else its suffix."""
    if registry is not None:
        try:
            security = registry.get(ticker)
        except Exception:  # a registry that raises for unknown tickers
            security = None
        code = getattr(security, "exchange", None)
        if code and code in _known_codes():
            return code
    if ticker in INDEX_EXCHANGES:
        return INDEX_EXCHANGES[ticker]
    upper = ticker.upper()
    if upper.endswith("=X"):          # currencies: JPY=X, EURUSD=X
        return "24/5"
    if upper.endswith("=F"):          # futures: CL=F, GC=F
        return "CMES"
    if CRYPTO.match(upper):           # BTC-USD, ETH-EUR
        return "24/7"
    dot = ticker.rfind(".")
    if dot > 0 and ticker[dot:].upper() in SUFFIX_EXCHANGES:
        return SUFFIX_EXCHANGES[ticker[dot:].upper()]
    return "XNYS"


@cache
def _known_codes() -> frozenset[str]:
    return frozenset(xcals.get_calendar_names(include_aliases=True))


@dataclass(frozen=True, eq=False)
class Calendar:
    """Sessions of one exchange with their closing moments (UTC, as datetime64[s])."""

    code: str
    tz: ZoneInfo
    sessions: np.ndarray        # datetime64[D], sorted
    closes_utc: np.ndarray      # datetime64[s], close moment of each session
    early_closes: frozenset     # dates of half-days
    close_seconds: list = field(default_factory=list, repr=False)  # POSIX seconds of each close
    open_seconds: list = field(default_factory=list, repr=False)   # POSIX seconds of each open

    # Lookups go through plain lists and bisect: a claim needs a handful of them,
    # and bisect on a list is several times faster than numpy on one scalar.
    days: list = field(default_factory=list, repr=False)        # datetime.date per session
    ordinals: list = field(default_factory=list, repr=False)    # date.toordinal() per session

    def session_on_or_before(self, day: date) -> date | None:
        i = bisect_right(self.ordinals, day.toordinal()) - 1
        return None if i < 0 else self.days[i]

    def session_before(self, day: date) -> date | None:
        """Last session strictly before ``day``: the base of a window starting on ``day``."""
        i = bisect_left(self.ordinals, day.toordinal()) - 1
        return None if i < 0 else self.days[i]

    def is_session(self, day: date) -> bool:
        n = day.toordinal()
        i = bisect_left(self.ordinals, n)
        return i < len(self.ordinals) and self.ordinals[i] == n

    def close_moment(self, session: date) -> datetime:
        i = bisect_left(self.ordinals, session.toordinal())
        return datetime.fromtimestamp(self.close_seconds[i], tz=UTC)

    def last_closed(self, moment: datetime | date) -> date | None:
        """The last session whose close is at or before ``moment``.

        A plain date means the end of that day in the exchange's time zone.
        """
        if not isinstance(moment, datetime):
            moment = datetime.combine(moment, time(23, 59, 59), self.tz)
        elif moment.tzinfo is None:
            moment = moment.replace(tzinfo=self.tz)
        i = bisect_right(self.close_seconds, moment.timestamp()) - 1
        return None if i < 0 else self.days[i]

    def open_session_at(self, moment: datetime) -> date | None:
        """The session trading at ``moment``: opened at or before it, not yet closed.

        A session that has not opened yet is never returned (a New York evening
        is the early morning of Tokyo's next day, before its open)."""
        if not isinstance(moment, datetime):
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=self.tz)
        seconds = moment.timestamp()
        i = bisect_right(self.close_seconds, seconds)   # the first session still to close
        if i < len(self.days) and self.open_seconds[i] <= seconds:
            return self.days[i]
        return None


    def opens_later_today(self, moment: datetime) -> date | None:
        """Today's session (in the exchange's zone) when it has not opened yet at ``moment``."""
        if not isinstance(moment, datetime):
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=self.tz)
        seconds = moment.timestamp()
        i = bisect_right(self.close_seconds, seconds)
        if (i < len(self.days) and self.open_seconds[i] > seconds
                and self.days[i] == moment.astimezone(self.tz).date()):
            return self.days[i]
        return None


@cache
def calendar(code: str) -> Calendar:
    cal = xcals.get_calendar(code, start=f"{FIRST_YEAR}-01-01", end=f"{LAST_YEAR}-12-31")
    schedule = cal.schedule
    sessions = schedule.index.values.astype("datetime64[D]")
    closes = schedule["close"].dt.tz_convert("UTC").dt.tz_localize(None).values.astype("datetime64[s]")
    opens = schedule["open"].dt.tz_convert("UTC").dt.tz_localize(None).values.astype("datetime64[s]")
    early = frozenset(d.date() for d in cal.early_closes)
    days = [d.astype(object) for d in sessions]
    return Calendar(code=code, tz=ZoneInfo(str(cal.tz)), sessions=sessions,
                    closes_utc=closes, early_closes=early,
                    close_seconds=[int(x) for x in closes.astype("int64")],
                    open_seconds=[int(x) for x in opens.astype("int64")],
                    days=days, ordinals=[d.toordinal() for d in days])


def day_of_week(name: str) -> int:
    """'tue' / 'tuesday' -> 1."""
    names = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    key = name.strip().lower()[:3]
    if key not in names:
        raise ValueError(f"not a weekday: {name!r}")
    return names.index(key)


def previous_weekday(day: date, weekday: int) -> date:
    """Most recent date on ``weekday`` at or before ``day``."""
    return day - timedelta(days=(day.weekday() - weekday) % 7)
