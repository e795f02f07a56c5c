"""One claim against the tape: the two closes, the real move, the band, the verdict.

``measure`` does the arithmetic (a few array lookups, no strings) so the as-of
search can call it thousands of times; ``verify_claim`` adds the one-sentence
reason and the alternative reading an analyst reads.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, datetime

from tapecheck.correlate.calendars import Calendar, calendar, exchange_for
from tapecheck.correlate.prices import PriceBook, Series
from tapecheck.correlate.tolerance import INF, QUALIFIER_WORDS, Band, band, distance, judge
from tapecheck.correlate.windows import NoWindow, Window, window
from tapecheck.records import FLAG_FORWARD, FLAG_NO_FIGURE, FLAG_UNRESOLVED, Claim, Verification

# Other common readings of a period, tried when the stated one fails.
READINGS = ("1d", "week", "month", "ytd", "1y")
READING_NAMES = {"1d": "the day", "week": "the week", "month": "the month", "ytd": "YTD",
                 "1y": "the trailing year", "last_week": "the previous week",
                 "last_month": "the previous month"}
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


def _close_at(series: Series, session: date, role: str) -> tuple[int, list[str]]:
    """Index of the close for ``session``; a hole in the data uses the close before it."""
    i = bisect_right(series.ordinals, session.toordinal()) - 1
    if i < 0:
        raise Unverifiable(f"no price data for {series.ticker} on or before {session} "
                           f"(prices start {series.first})")
    found = series.days[i]
    if found == session:
        return i, []
    if i == len(series.dates) - 1:
        raise Unverifiable(f"no price data for {series.ticker} for {session} "
                           f"(prices end {series.last})")
    return i, [f"no close for {session} in the data, used {found}"]


def leg(series: Series, cal: Calendar, period: str, as_of: date) -> Leg:
    try:
        w = window(period, as_of, cal)
    except NoWindow as error:
        raise Unverifiable(str(error)) from None
    if w.base < series.first:
        raise Unverifiable(f"no price data for {series.ticker} between {w.base} and "
                           f"{series.first} (prices start {series.first})")
    i, notes_a = _close_at(series, w.base, "base")
    j, notes_b = _close_at(series, w.end, "end")
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
            partner_as_of: date | None = None) -> Measure:
    """The real move behind a claim and its verdict; raises Unverifiable.

    ``as_of`` is the subject's as-of session; the partner of a relative claim
    has its own (``partner_as_of``, else its last session at or before as_of).
    """
    period = period or claim.period
    series = _series(book, claim.ticker)
    metric = claim.metric
    if metric in ("level", "record_high"):
        # the close at the end of the stated period ("ended 2025 at ..."), else as-of
        end_period = "1d" if period in ("none", "since_event", "") else period
        move = leg(series, cal, end_period, as_of)
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
    move = leg(series, cal, period, as_of)
    if metric == "relative":
        if not claim.partner_ticker:
            raise Unverifiable(f"the comparison partner {claim.partner_entity or ''!s} "
                               f"is not linked to a security".replace("  ", " "))
        partner_cal = partner_cal or cal
        if partner_as_of is None:
            partner_as_of = partner_cal.session_on_or_before(as_of)
        other = leg(_series(book, claim.partner_ticker), partner_cal, period, partner_as_of)
        actual = move.pct - other.pct
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


def precheck(claim: Claim) -> str | None:
    """Why a claim cannot be checked at all, before any price is looked at."""
    if FLAG_FORWARD in claim.flags:
        return "forward-looking: the claim is about the future, which no close can confirm"
    if FLAG_UNRESOLVED in claim.flags or not claim.ticker:
        return f"no security: {claim.entity!r} is not linked to a ticker"
    needs_figure = claim.metric not in ("record_high",)
    if FLAG_NO_FIGURE in claim.flags or (needs_figure and claim.value is None):
        shown = f" ({claim.figure_text!r})" if claim.figure_text else ""
        return f"no figure: the claim states no number to check{shown}"
    if claim.metric == "relative" and not claim.partner_ticker:
        return (f"no security: the comparison partner {claim.partner_entity or '(unnamed)'!r} "
                f"is not linked to a ticker")
    return None


# -- reasons -----------------------------------------------------------------------
def fmt_close(x: float) -> str:
    return f"{x:,.0f}" if abs(x - round(x)) < 1e-9 else f"{x:,.2f}"


def fmt_pct(x: float, unit: str = "%") -> str:
    digits = 1 if abs(x) >= 10 else 2
    return f"{x:+,.{digits}f}{unit}"


def _num(x: float) -> str:
    text = f"{x:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def describe_band(b: Band, unit: str) -> str:
    """The rule's own range (without the data slack): 'approx: 108–132%'."""
    lo, hi = b.low + b.slack, b.high - b.slack
    word = QUALIFIER_WORDS.get(b.qualifier, "")
    sign = -1 if b.sign < 0 else 1
    if hi == INF:
        text = f"{'below' if sign < 0 else 'above'} {_num(sign * lo)}{unit}"
    elif b.sign < 0:
        text = f"{_num(-hi)}{unit} to {_num(-lo)}{unit}"
    elif _num(lo) == _num(hi):   # an exact level: the band shows nothing new
        return f"{word}: {_num(lo)}{unit}" if word else ""
    else:
        text = f"{_num(lo)}–{_num(hi)}{unit}"
    return f"{word}: {text}" if word else text


def _band_note(b: Band, unit: str) -> str:
    text = describe_band(b, unit)
    return f" ({text})" if text else ""


def _claimed(claim: Claim, unit: str) -> str:
    """The figure as written, with the sign the verb gave it ("fell 1.4%" -> -1.4%)."""
    sign = "+" if claim.value > 0 and claim.metric != "level" else ""
    number = f"{sign}{_num(claim.value)}{unit}"
    text = claim.figure_text.strip()
    if not text:
        return number
    if not any(ch.isdigit() for ch in text):      # "doubled", "halved"
        return f"{text!r} ({number})"
    if claim.value < 0 and not any(ch in text for ch in "-−–"):
        return "-" + text.lstrip("+")
    return text


VERDICT_WORDS = {"supported": "within", "exaggerated": "smaller than the claimed",
                 "understated": "larger than the claimed",
                 "wrong_direction": "the opposite direction to the claimed"}


def _leg_text(name: str, move: Leg) -> str:
    return (f"{name} closed {fmt_close(move.base_close)} on {move.base_day} and "
            f"{fmt_close(move.end_close)} on {move.end_day}")


def _verdict_words(m: Measure) -> str:
    if m.verdict == "supported" and m.band is not None and m.band.high == INF:
        return "consistent with"
    return VERDICT_WORDS[m.verdict]


def reason(claim: Claim, m: Measure, name: str, partner_name: str | None = None) -> str:
    move = m.leg
    if claim.metric == "record_high":
        top_day, top, start = m.record_high
        if m.verdict == "supported" and m.actual >= -1e-9:
            return (f"{name} closed {fmt_close(move.end_close)} on {move.end_day}, its highest "
                    f"close in the data, which goes back to {start}")
        return (f"{name} closed {fmt_close(move.end_close)} on {move.end_day}, "
                f"{abs(m.actual):.1f}% below its highest close of {fmt_close(top)} on {top_day} "
                f"(data from {start})")
    if claim.metric == "level":
        words = {"supported": "consistent with", "exaggerated": "short of the claimed",
                 "understated": "beyond the claimed"}[m.verdict]
        return (f"{name} closed {fmt_close(move.end_close)} on {move.end_day}, {words} "
                f"{_claimed(claim, '')}{_band_note(m.band, '')}")
    if claim.metric == "direction":
        said = "a rise" if claim.value > 0 else "a fall"
        verdict = "as claimed" if m.verdict == "supported" else f"not {said} as claimed"
        return f"{_leg_text(name, move)}: {fmt_pct(m.actual)} {move.window.label}, {verdict}"
    if claim.metric == "relative":
        other = m.partner
        return (f"{name} {fmt_pct(move.pct)} ({move.base_day} {fmt_close(move.base_close)} to "
                f"{move.end_day} {fmt_close(move.end_close)}) against {partner_name} "
                f"{fmt_pct(other.pct)} ({other.base_day} {fmt_close(other.base_close)} to "
                f"{other.end_day} {fmt_close(other.end_close)}) {move.window.label}: "
                f"{fmt_pct(m.actual, ' pp')}, {_verdict_words(m)} "
                f"{_claimed(claim, ' pp')}{_band_note(m.band, ' pp')}")
    unit = " points" if claim.metric == "points" else "%"
    actual = fmt_pct(m.actual, unit) if unit == "%" else f"{m.actual:+,.2f}{unit}"
    return (f"{_leg_text(name, move)}: {actual} {move.window.label}, "
            f"{_verdict_words(m)} {_claimed(claim, unit)}{_band_note(m.band, unit)}")


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
        score = distance(m.band, m.actual * 0.999) if m.band else 0.0
        gap = abs(m.actual - claim.value) if claim.value is not None else 0.0
        if best is None or (score, gap) < best[0]:
            best = ((score, gap), reading, m)
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
        if period == "1d" and isinstance(self.moment, datetime):
            live = cal.open_session_at(self.moment)
            if live is not None:
                local = self.moment.astimezone(cal.tz)
                return live, (f"published at {local:%H:%M} {cal.tz.key.split('/')[-1]} time "
                              f"before the close, so checked against that day's close")
        return cal.last_closed(self.moment), None


def verify_claim(claim: Claim, registry, book: PriceBook, as_of: AsOf,
                 name: str | None = None, alternatives: bool = True) -> Verification:
    """Check one claim; never raises for missing data, it says what is missing."""
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
            "as-of unknown: the article has no publication date and none could be inferred"
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
        m = measure(claim, book, cal, session, partner_cal, None, partner_session)
    except Unverifiable as error:
        return Verification(verdict="unverifiable", reason=_outside(str(error), claim, session),
                            **base)
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


def _outside(message: str, claim: Claim, session: date) -> str:
    if message.startswith("no price data"):
        return message
    return f"outside data: {message}" if "price" in message else message
