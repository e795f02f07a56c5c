"""The arithmetic of a claim: its window's two closes, the real move, the verdict.

No strings beyond error reasons here, so the as-of search can call ``measure``
thousands of times per article.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from tapecheck.correlate.calendars import Calendar
from tapecheck.correlate.prices import PriceBook, Series
from tapecheck.correlate.tolerance import INF, Band, band, data_slack, judge
from tapecheck.correlate.windows import NoWindow, Window, window
from tapecheck.records import FLAG_FORWARD, FLAG_INTRADAY, FLAG_NO_FIGURE, FLAG_UNRESOLVED, Claim

AHEAD = ("outperform", "outpac", "beat", "outrun", "outstrip", "top")
BEHIND = ("underperform", "lag", "trail", "underperf")
RECORD_NEAR = 2.0   # "near a record": within 2% of the highest close
MOVE_METRICS = ("price_return", "points", "direction")


class Unverifiable(Exception):
    """Why a claim cannot be checked; the message is the reason an analyst reads."""


@dataclass(frozen=True)
class Leg:
    """One security's move over a window."""

    ticker: str
    window: Window
    base_day: date
    base_close: float
    end_day: date
    end_close: float
    pct: float
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Measure:
    actual: float
    band: Band | None
    verdict: str
    leg: Leg
    partner: Leg | None = None
    record_high: tuple[date, float, date] | None = None  # (day of the highest close, it, data start)


def _close_at(series: Series, session: date) -> tuple[int, list[str]]:
    """Index of the close for ``session``; a hole in the data uses the close before it."""
    i = bisect_right(series.ordinals, session.toordinal()) - 1
    if i < 0:
        raise Unverifiable(_outside(series, session))
    found = series.days[i]
    if found == session:
        return i, []
    if i == len(series.days) - 1:
        raise Unverifiable(_outside(series, session))
    return i, [f"no close for {session} in the data, used {found}"]


def _outside(series: Series, session: date) -> str:
    edge = (f"start on {series.first}" if session < series.first
            else f"end on {series.last}")
    return (f"outside data: the claim needs the {series.ticker} close of {session}, but the "
            f"prices held {edge}")


def leg(series: Series, cal: Calendar, period: str, as_of: date,
        today: date | None = None) -> Leg:
    """The move of one security over ``period`` as of session ``as_of``."""
    try:
        w = window(period, as_of, cal, today)
    except NoWindow as error:
        raise Unverifiable(str(error)) from None
    if w.base < series.first:
        raise Unverifiable(_outside(series, w.base))
    j, notes_b = _close_at(series, w.end)
    if notes_b:  # the very session the claim is about has no close: never stand in for it
        raise Unverifiable(f"no price data for {series.ticker} on {w.end}: the session is "
                           f"missing from the data")
    i, notes_a = _close_at(series, w.base)
    base_close = series.values[i]
    end_close = series.values[j]
    notes = notes_a + notes_b
    for split in series.splits:
        if i < split.index <= j:
            base_close *= split.factor
            notes.append(f"the series jumps {split.label} on {split.day}, which looks like an "
                         f"unadjusted split; the move is computed as if adjusted")
    pct = (end_close / base_close - 1) * 100
    return Leg(series.ticker, w, series.days[i], series.values[i], series.days[j],
               end_close, pct, tuple(notes))


def _series(book: PriceBook, ticker: str) -> Series:
    series = book.get(ticker)
    if series is None:
        raise Unverifiable(f"no price data for {ticker}")
    return series


def measure(claim: Claim, book: PriceBook, cal: Calendar, as_of: date,
            partner_cal: Calendar | None = None, period: str | None = None,
            partner_as_of: date | None = None, today: date | None = None) -> Measure:
    """The real move behind a claim and its verdict; raises Unverifiable.

    ``as_of`` is the subject's as-of session; the partner of a relative claim
    has its own (``partner_as_of``, else its last session at or before as_of).
    ``today`` is the day of writing, for "last week" and "last month".
    """
    period = period or claim.period
    series = _series(book, claim.ticker)
    metric = claim.metric
    if metric in ("level", "record_high"):
        # the close at the end of the stated period ("ended 2025 at ..."), else as-of
        end_period = "1d" if period in ("none", "since_event", "") else period
        move = leg(series, cal, end_period, as_of, today)
        if metric == "level":
            b = band("level", claim.value, claim.precision, claim.qualifier)
            return Measure(move.end_close, b, judge(b, move.end_close, "level"), move)
        j = series.index_at_or_before(move.end_day)
        high = float(series.running_max[j])
        k = int((series.closes[: j + 1] >= high).nonzero()[0][0])
        gap = (move.end_close / high - 1) * 100
        near = claim.qualifier in ("nearly", "approx")
        held = move.end_close >= high * (1 - 1e-9) or (near and -gap <= RECORD_NEAR)
        return Measure(gap, None, "supported" if held else "exaggerated", move,
                       record_high=(series.day(k), high, series.first))
    move = leg(series, cal, period, as_of, today)
    if metric == "relative":
        if not claim.partner_ticker:
            raise Unverifiable(f"the comparison partner {claim.partner_entity or ''!s} "
                               f"is not linked to a security".replace("  ", " "))
        partner_cal = partner_cal or cal
        if partner_as_of is None:
            partner_as_of = partner_cal.session_on_or_before(as_of)
        other = leg(_series(book, claim.partner_ticker), partner_cal, period, partner_as_of,
                    today)
        actual = move.pct - other.pct
        sign = relative_sign(claim)
        if sign is not None:  # "outperformed", "lagged": only the order is claimed
            slack = data_slack("relative", 0.0)
            b = Band(-slack, INF, sign, slack, "more_than")
        else:
            b = band("relative", claim.value, claim.precision, claim.qualifier)
        return Measure(actual, b, judge(b, actual), move, other)
    if metric == "points":
        actual = move.end_close - move.base_close
        b = band("points", claim.value, claim.precision, claim.qualifier)
        return Measure(actual, b, judge(b, actual), move)
    if metric == "direction":
        sign = 1 if claim.value > 0 else -1
        verdict = "supported" if move.pct * sign > 0 else "wrong_direction"
        return Measure(move.pct, None, verdict, move)
    b = band("price_return", claim.value, claim.precision, claim.qualifier)
    return Measure(move.pct, b, judge(b, move.pct), move)


def relative_sign(claim: Claim) -> int | None:
    """+1 for "A outperformed B", -1 for "A lagged B", when no margin is given."""
    if claim.metric != "relative" or claim.value is not None:
        return None
    verb = claim.figure_text.strip().lower()
    if verb.startswith(BEHIND):
        return -1
    if verb.startswith(AHEAD):
        return 1
    return None


def precheck(claim: Claim) -> str | None:
    """Why a claim cannot be checked at all, before any price is looked at."""
    if FLAG_FORWARD in claim.flags:
        return "forward-looking: the claim is about the future, which no close can confirm"
    if FLAG_INTRADAY in claim.flags:
        return "intraday figure: daily closes cannot confirm it"
    if FLAG_UNRESOLVED in claim.flags or not claim.ticker:
        return f"no security: {claim.entity!r} is not linked to a ticker"
    needs_figure = claim.metric != "record_high" and relative_sign(claim) is None
    if needs_figure and (FLAG_NO_FIGURE in claim.flags or claim.value is None):
        shown = f" ({claim.figure_text!r})" if claim.figure_text else ""
        return f"no figure: the claim states no number to check{shown}"
    if claim.metric == "relative" and not claim.partner_ticker:
        return (f"no security: the comparison partner {claim.partner_entity or '(unnamed)'!r} "
                f"is not linked to a ticker")
    return None


