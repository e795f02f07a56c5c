"""When does an article speak? Its publication, a user's date, or an inference.

With no publication date, the as-of is inferred as the date at which the most
of the article's claims hold, searched over a span: the user's, else
``default_search_span`` (the year before ingestion, clipped to the prices
held). It is reported as inferred with how many claims support it and the
range searched, never used silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np

from tapecheck.correlate.calendars import calendar, exchange_for
from tapecheck.correlate.prices import PriceBook
from tapecheck.correlate.tolerance import INF
from tapecheck.correlate.measure import MOVE_METRICS, Unverifiable, measure, precheck
from tapecheck.correlate.verdicts import READINGS
from tapecheck.records import Article, Claim

SEARCH_DAYS = 366      # the default span: the year before ingestion


@dataclass(frozen=True)
class Inference:
    as_of: date | None
    supporting: int          # claims that hold at as_of
    checkable: int           # claims that could hold at some date
    run: tuple[date, date] | None   # the dates around as_of where as many claims hold
    note: str


def default_search_span(ingested: date | None, first: date, last: date) -> tuple[date, date]:
    """The span searched when the user gives none: the year before ingestion,
    clipped to the prices held (``first``..``last``). An article ingested long
    after the prices end (or before they start) gets the last year of prices."""
    end = ingested or last
    lo, hi = max(first, end - timedelta(days=SEARCH_DAYS)), min(last, end)
    if lo > hi:
        lo, hi = max(first, last - timedelta(days=SEARCH_DAYS)), last
    return lo, hi


def _held_range(claims: list[Claim], book: PriceBook) -> tuple[date, date] | None:
    tickers = {c.ticker for c in claims if c.ticker} | {c.partner_ticker for c in claims
                                                        if c.partner_ticker}
    held = [book.get(t) for t in tickers if book.get(t) is not None]
    if not held:
        return None
    return min(s.first for s in held), max(s.last for s in held)


def search_span(article: Article, claims: list[Claim], book: PriceBook,
                span: tuple[date, date] | None = None) -> tuple[date, date] | None:
    """The days to search: the user's span, else ``default_search_span``; either
    cut to the prices held for the article's securities."""
    held = _held_range(claims, book)
    if held is None:
        return None
    if span:
        return max(span[0], held[0]), min(span[1], held[1])
    ingested = article.ingested_at.date() if article.ingested_at else None
    return default_search_span(ingested, *held)


def _closeness(claim: Claim, m) -> float:
    """0 when the move equals the figure; used only to rank equally supported dates."""
    if m.band is None or claim.value is None:
        return 0.0
    if m.band.high == INF:
        return 0.0
    return min(abs(m.actual - claim.value) / max(abs(claim.value), 1.0), 1.0)


def _holds(claim: Claim, book: PriceBook, cal, partner_cal, day: date) -> tuple[str | None, float]:
    """Whether a claim holds for an article written on ``day``: as written, or
    under another common reading of its period (the YTD table row that is
    really the week). Returns ("written" | "reading" | None, misfit)."""
    session = cal.session_on_or_before(day)
    try:
        m = measure(claim, book, cal, session, partner_cal, today=day)
        if m.verdict == "supported":
            return "written", _closeness(claim, m)
    except Unverifiable:
        pass
    if claim.metric not in MOVE_METRICS + ("relative",):
        return None, 1.0
    for reading in READINGS:
        if reading == claim.period:
            continue
        try:
            m = measure(claim, book, cal, session, partner_cal, reading)
        except Unverifiable:
            continue
        if m.verdict == "supported":
            return "reading", 0.5 + _closeness(claim, m) / 2
    return None, 1.0


def infer_as_of(article: Article, claims: list[Claim], registry, book: PriceBook,
                span: tuple[date, date] | None = None) -> Inference:
    candidates = [c for c in claims if precheck(c) is None and c.ticker in book
                  and (not c.partner_ticker or c.partner_ticker in book)]
    window = search_span(article, candidates, book, span)
    if not candidates or window is None:
        return Inference(None, 0, 0, None, "as-of unknown: no publication date, and no claim "
                         "has prices to infer one from")
    cals = [calendar(exchange_for(c.ticker, registry)) for c in candidates]
    partner_cals = [calendar(exchange_for(c.partner_ticker, registry)) if c.partner_ticker
                    else None for c in candidates]
    lo, hi = np.datetime64(window[0], "D"), np.datetime64(window[1], "D")
    days = np.unique(np.concatenate([cal.sessions[(cal.sessions >= lo) & (cal.sessions <= hi)]
                                     for cal in set(cals)]))
    written = np.zeros(len(days), dtype=int)     # claims that hold as written
    other = np.zeros(len(days), dtype=int)       # ... or under another common reading
    closeness = np.zeros(len(days))
    ever = np.zeros(len(candidates), dtype=bool)
    for n, day64 in enumerate(days):
        day = day64.astype(object)
        for k, claim in enumerate(candidates):
            held, fit = _holds(claim, book, cals[k], partner_cals[k], day)
            closeness[n] += fit
            if held:
                ever[k] = True
                if held == "written":
                    written[n] += 1
                else:
                    other[n] += 1
    counts = written + other
    checkable = int(ever.sum())
    if counts.max(initial=0) == 0:
        return Inference(None, 0, len(candidates), None,
                         f"as-of unknown: no publication date, and none of {len(candidates)} "
                         f"claims holds on any date (searched {window[0]} to {window[1]})")
    top = counts.max()
    best = int(np.lexsort((closeness, -written, -counts))[0])
    start = best
    while start > 0 and counts[start - 1] == top:
        start -= 1
    end = best
    while end < len(days) - 1 and counts[end + 1] == top:
        end += 1
    as_of = days[best].astype(object)
    run = (days[start].astype(object), days[end].astype(object))
    how = (f"{written[best]} as written, {other[best]} under another common reading of the "
           f"period" if other[best] else "all as written")
    note = (f"inferred: {top} of {len(candidates)} claims hold for sessions {run[0]}..{run[1]}"
            f" ({how}; searched {window[0]} to {window[1]}); using {as_of}")
    elsewhere = [days[i].astype(object) for i in np.nonzero(counts == top)[0]
                 if not start <= i <= end]
    if elsewhere:  # an ambiguous date is said, not hidden
        note += (f"; as many hold on {len(elsewhere)} other session"
                 f"{'s' if len(elsewhere) > 1 else ''} (first {elsewhere[0]}), "
                 f"where fewer hold as written or the figures fit less closely")
    return Inference(as_of, int(top), checkable, run, note)


def describe_published(moment: datetime | date) -> str:
    if isinstance(moment, datetime):
        return f"published {moment.isoformat(timespec='minutes')}"
    return f"published {moment} (date only: the end of that day on each exchange)"
