"""One claim against the tape: ``verify_claim`` turns a measurement into a
Verification with its reason, and names another reading of the period that
would hold when the stated one fails.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from tapecheck.correlate.calendars import Calendar, calendar, day_of_week, exchange_for
from tapecheck.correlate.measure import MOVE_METRICS, Measure, Unverifiable, measure, precheck
from tapecheck.correlate.prices import PriceBook
from tapecheck.correlate.reasons import fmt_close, fmt_pct, reason
from tapecheck.correlate.tolerance import INF
from tapecheck.correlate.windows import NoWindow, window
from tapecheck.records import Claim, Verification

# Other common readings of a period, tried when the stated one fails.
READINGS = ("1d", "week", "month", "ytd", "1y")
READING_NAMES = {"1d": "the day", "week": "the week", "month": "the month", "ytd": "YTD",
                 "1y": "the trailing year"}


def alternative(claim: Claim, book: PriceBook, cal: Calendar, as_of: date,
                partner_cal: Calendar | None, partner_as_of: date | None = None
                ) -> tuple[str, Measure] | None:
    """Another common reading of the period under which the claim would hold."""
    best = None
    for reading in READINGS:
        if reading == claim.period:
            continue
        try:
            m = measure(claim, book, cal, as_of, partner_cal, reading, partner_as_of)
        except Unverifiable:
            continue
        if m.verdict != "supported":
            continue
        gap = abs(m.actual - claim.value) if claim.value is not None else 0.0
        if best is None or gap < best[0]:   # the reading closest to the figure
            best = (gap, reading, m)
    if best is None:
        return None
    _, reading, m = best
    unit = " pp" if claim.metric == "relative" else " points" if claim.metric == "points" else "%"
    figure = fmt_pct(m.actual, unit) if unit != " points" else f"{m.actual:+,.2f}{unit}"
    text = (f"{READING_NAMES[reading]}: {figure} ({m.leg.base_day} {fmt_close(m.leg.base_close)} "
            f"to {m.leg.end_day} {fmt_close(m.leg.end_close)})")
    return text, m


@dataclass(frozen=True)
class AsOf:
    """When an article speaks: a moment (tz-aware datetime) or a day (end of that day)."""

    moment: datetime | date | None
    source: str | None = None   # published | inferred | user

    def session(self, cal: Calendar, period: str) -> tuple[date | None, str | None]:
        """The as-of session on ``cal``, and a note when the article speaks mid-session."""
        if self.moment is None:
            return None, None
        if period.startswith(("1d", "day:")) and isinstance(self.moment, datetime):
            local = self.moment.astimezone(cal.tz) if self.moment.tzinfo else self.moment
            city = cal.tz.key.split('/')[-1].replace('_', ' ')
            live = cal.open_session_at(self.moment)
            if live is not None and _about_day(period, live):
                return live, (f"published at {local:%H:%M} {city} time, while the {live} session "
                              f"was trading, so checked against that day's close")
            ahead = cal.opens_later_today(self.moment)
            if ahead is not None and _about_day(period, ahead):
                last = cal.last_closed(self.moment)
                return last, (f"published at {local:%H:%M} {city} time, before the {ahead} "
                              f"session opened, so checked against the {last} close")
        return cal.last_closed(self.moment), None

    def local_day(self, cal: Calendar) -> date | None:
        """The calendar day of writing, in the exchange's time zone."""
        if isinstance(self.moment, datetime):
            return self.moment.astimezone(cal.tz).date() if self.moment.tzinfo else \
                self.moment.date()
        return self.moment


def _about_day(period: str, day: date) -> bool:
    """Does the period name ``day``: "today", its weekday or its date?"""
    if period == "1d":
        return True
    arg = period[4:]
    if len(arg) == 10:
        return arg == day.isoformat()
    try:
        return day_of_week(arg) == day.weekday()
    except ValueError:
        return False


def verify_claim(claim: Claim, registry, book: PriceBook, as_of: AsOf,
                 name: str | None = None, alternatives: bool = True,
                 unknown: str | None = None) -> Verification:
    """Check one claim; never raises for missing data, it says what is missing.
    ``unknown`` is the reason given when the as-of is unknown (why none was found)."""
    base = dict(claim_id=claim.id, as_of_source=as_of.source)
    why = precheck(claim)
    if why:
        return Verification(verdict="unverifiable", reason=why, **base)
    cal = calendar(exchange_for(claim.ticker, registry))
    partner_cal = (calendar(exchange_for(claim.partner_ticker, registry))
                   if claim.partner_ticker else None)
    session, live_note = as_of.session(cal, claim.period)
    if session is None:
        return Verification(verdict="unverifiable", reason=(
            (unknown or "as-of unknown: the article has no publication date and none could be "
             "inferred; set the article's date to check it")
            if as_of.moment is None else f"as-of {as_of.moment} is before the {cal.code} calendar"),
            **base)
    base["as_of"] = session
    name = name or claim.entity or claim.ticker
    for ticker, code_cal in ((claim.ticker, cal), (claim.partner_ticker, partner_cal)):
        if ticker and ticker not in book:
            return Verification(verdict="unverifiable",
                                reason=_no_prices(ticker, claim, code_cal, session), **base)
    partner_session = as_of.session(partner_cal, claim.period)[0] if partner_cal else None
    if partner_cal and partner_session is None:
        return Verification(verdict="unverifiable", reason=(
            f"as-of {as_of.moment} is before the {partner_cal.code} calendar"), **base)
    try:
        m = measure(claim, book, cal, session, partner_cal, None, partner_session,
                    as_of.local_day(cal))
    except Unverifiable as error:
        text, alt = str(error), None
        if claim.period in ("none", "since_event") and claim.metric in MOVE_METRICS + ("relative",):
            found = alternative(claim, book, cal, session, partner_cal, partner_session)
            if found:  # no period stated: say which common reading would hold
                alt = found[0]
                text += f"; read as {alt}, it would hold"
        return Verification(verdict="unverifiable", reason=text, alternative=alt, **base)
    partner_name = claim.partner_entity or claim.partner_ticker
    text = reason(claim, m, name, partner_name)
    notes = list(m.leg.notes) + (list(m.partner.notes) if m.partner else [])
    if live_note:
        notes.insert(0, live_note)
    alt = None
    if alternatives and m.verdict != "supported" and claim.metric in MOVE_METRICS + ("relative",):
        found = alternative(claim, book, cal, session, partner_cal, partner_session)
        if found:
            alt = found[0]
            notes.append(f"read as {alt}, it would hold")
    if notes:
        text += "; " + "; ".join(notes)
    series = book.get(claim.ticker)
    low, high = m.band.signed() if m.band else (None, None)
    return Verification(
        verdict=m.verdict, reason=text, window_start=m.leg.base_day, window_end=m.leg.end_day,
        start_close=m.leg.base_close, end_close=m.leg.end_close, actual=m.actual,
        tolerance_low=low if low != -INF else None, tolerance_high=high if high != INF else None,
        price_source=series.source or None, fetched_at=series.fetched_at,
        alternative=alt, **base)


def _no_prices(ticker: str, claim: Claim, cal: Calendar, session: date) -> str:
    period = claim.period if claim.metric not in ("level", "record_high") else "1d"
    try:
        w = window(period, session, cal)
        start = w.base
    except NoWindow:
        start = session
    return f"no price data for {ticker} between {start} and {session}"
