"""When does an article speak? Its publication, a user's date, or an inference.

With no publication date, the as-of is inferred as the date at which the most
of the article's claims hold, searched over a span: the user's, else
``default_search_span`` (the year before ingestion, clipped to the prices
held). A stated closing level ("closed at 39,584.58") pins a session far more
tightly than a percentage does, so it weighs ``LEVEL_WEIGHT`` claims, and when
no session of the default span matches any stated level the search extends to
every session with prices. The result is reported as inferred, with its support
and the range searched, never used silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np

from tapecheck.correlate.calendars import calendar, exchange_for
from tapecheck.correlate.measure import MOVE_METRICS, Unverifiable, measure, precheck
from tapecheck.correlate.prices import PriceBook
from tapecheck.correlate.reasons import fmt_close
from tapecheck.correlate.tolerance import INF
from tapecheck.correlate.verdicts import READINGS
from tapecheck.records import Article, Claim

SEARCH_DAYS = 366      # the default span: the year before ingestion
LEVEL_WEIGHT = 3       # a stated close that holds counts as three claims that hold


@dataclass(frozen=True)
class Inference:
    as_of: date | None
    supporting: int          # claims that hold at as_of
    checkable: int           # claims that could hold at some date
    run: tuple[date, date] | None   # the dates around as_of where as many claims hold
    note: str
    searched: tuple[date, date] | None = None   # the span finally searched


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


@dataclass
class _Scores:
    """Per searched session: how many claims hold, and how well."""

    days: np.ndarray
    written: np.ndarray      # claims that hold as written
    other: np.ndarray        # ... or under another common reading of the period
    levels: np.ndarray       # stated closing levels that hold
    closeness: np.ndarray
    ever: np.ndarray         # per claim: holds on some session

    @property
    def counts(self) -> np.ndarray:
        return self.written + self.other

    @property
    def score(self) -> np.ndarray:
        return self.counts + (LEVEL_WEIGHT - 1) * self.levels


def _score(candidates: list[Claim], book: PriceBook, cals, partner_cals,
           window: tuple[date, date]) -> _Scores:
    lo, hi = np.datetime64(window[0], "D"), np.datetime64(window[1], "D")
    days = np.unique(np.concatenate([cal.sessions[(cal.sessions >= lo) & (cal.sessions <= hi)]
                                     for cal in set(cals)]))
    s = _Scores(days, np.zeros(len(days), dtype=int), np.zeros(len(days), dtype=int),
                np.zeros(len(days), dtype=int), np.zeros(len(days)),
                np.zeros(len(candidates), dtype=bool))
    for n, day64 in enumerate(days):
        day = day64.astype(object)
        for k, claim in enumerate(candidates):
            held, fit = _holds(claim, book, cals[k], partner_cals[k], day)
            s.closeness[n] += fit
            if held:
                s.ever[k] = True
                if held == "written":
                    s.written[n] += 1
                    s.levels[n] += claim.metric == "level"
                else:
                    s.other[n] += 1
    return s


def _levels_text(levels: list[Claim]) -> str:
    return ", ".join(f"{c.entity or c.ticker} {fmt_close(c.value)}" for c in levels)


def infer_as_of(article: Article, claims: list[Claim], registry, book: PriceBook,
                span: tuple[date, date] | None = None) -> Inference:
    """The session at which most claims hold (stated levels weigh more), with
    a note that says how many hold, how, and which span was searched."""
    candidates = [c for c in claims if precheck(c) is None and c.ticker in book
                  and (not c.partner_ticker or c.partner_ticker in book)]
    window = search_span(article, candidates, book, span)
    if not candidates or window is None:
        return Inference(None, 0, 0, None, "as-of unknown: no publication date, and no claim "
                         "has prices to infer one from")
    cals = [calendar(exchange_for(c.ticker, registry)) for c in candidates]
    partner_cals = [calendar(exchange_for(c.partner_ticker, registry)) if c.partner_ticker
                    else None for c in candidates]
    s = _score(candidates, book, cals, partner_cals, window)
    searched = f"searched {window[0]} to {window[1]}"
    levels = [c for c in candidates if c.metric == "level"]
    if levels and not s.levels.any() and span is None:
        # No session of the default span closed at any stated level: the article
        # is from outside it. Search every session with prices instead.
        wide = _held_range(candidates, book)
        if wide != window:
            s = _score(candidates, book, cals, partner_cals, wide)
            searched += (f", then {wide[0]} to {wide[1]}, as no session in the first span "
                         f"closed at the stated level")
            window = wide
    counts, score = s.counts, s.score
    checkable = int(s.ever.sum())
    if counts.max(initial=0) == 0:
        return Inference(None, 0, len(candidates), None,
                         f"as-of unknown: no publication date, and none of {len(candidates)} "
                         f"claims holds on any date ({searched})", window)
    top = score.max()
    best = int(np.lexsort((s.closeness, -s.written, -score))[0])
    start = best
    while start > 0 and score[start - 1] == top:
        start -= 1
    end = best
    while end < len(s.days) - 1 and score[end + 1] == top:
        end += 1
    as_of = s.days[best].astype(object)
    run = (s.days[start].astype(object), s.days[end].astype(object))
    written, other = s.written[best], s.other[best]
    how = (f"{written} as written, {other} under another common reading of the period"
           if other else "all as written")
    if s.levels[best]:
        n_levels = int(s.levels[best])
        how += f", including {n_levels} stated closing level{'s' if n_levels > 1 else ''}"
    note = (f"inferred: {counts[best]} of {len(candidates)} claims hold for sessions "
            f"{run[0]}..{run[1]} ({how}; {searched}); using {as_of}")
    elsewhere = [s.days[i].astype(object) for i in np.nonzero(score == top)[0]
                 if not start <= i <= end]
    if elsewhere:  # an ambiguous date is said, not hidden
        note += (f"; as many hold on {len(elsewhere)} other session"
                 f"{'s' if len(elsewhere) > 1 else ''} (first {elsewhere[0]}), "
                 f"where fewer hold as written or the figures fit less closely")
    if levels and not s.levels.any():
        note += (f"; no session searched closed at the stated level "
                 f"({_levels_text(levels)}), which contradicts this date")
    return Inference(as_of, int(counts[best]), checkable, run, note, window)


def describe_published(moment: datetime | date) -> str:
    if isinstance(moment, datetime):
        return f"published {moment.isoformat(timespec='minutes')}"
    return f"published {moment} (date only: the end of that day on each exchange)"
