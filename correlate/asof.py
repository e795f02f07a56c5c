"""When does an article speak? Its publication, a user's date, or an inference.

With no publication date, the as-of is inferred from the claims whose check
depends on it ("this week", "this year", "closed at"), searched over a span:
the user's, else ``default_search_span`` (the year before ingestion, clipped to
the prices held). A date is accepted only when it clearly explains the
article's figures:

- most of them hold there as written (each figure counted once; a closing
  level stated exactly, which pins a session far more tightly than a
  percentage, counts ``LEVEL_WEIGHT`` times), and at least two do, or such a
  level does;
- no equally supported session lies more than ``TIE_DAYS`` away: dates far
  apart that fit as well mean the figures do not pin the date.

Otherwise the as-of is unknown and says why. Claims that name their own period
("in 2025", "in March 2025") take no part: they hold or fail whatever the date,
and are checked even when the as-of is unknown. When no session of the
default span closed at any stated level, the search extends to every session
with prices. An inferred as-of is always reported, never used silently.
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
from tapecheck.correlate.windows import part_range
from tapecheck.records import Article, Claim

SEARCH_DAYS = 366      # the default span: the year before ingestion
LEVEL_WEIGHT = 3       # a stated close that holds counts as three claims that hold
TIE_DAYS = 10          # equally supported sessions further apart: the date is not pinned
FIGURE_METRICS = ("price_return", "points", "level", "relative")
UNPLACED = ("none", "since_event")   # periods no date can place as written
FIX = "set the article's date to check it"


@dataclass(frozen=True)
class Inference:
    as_of: date | None
    supporting: int          # date-dependent figures that hold at as_of as written
    checkable: int           # date-dependent figures the date must explain (each once)
    run: tuple[date, date] | None   # the dates around as_of where as many hold
    note: str
    searched: tuple[date, date] | None = None   # the span finally searched
    named: frozenset[str] = frozenset()   # ids of claims whose named period needs no date
    latest: date | None = None   # the latest day the article can speak from (end of span)
    unknown: str = ""        # with no as-of: the reason a date-dependent claim is given

    @property
    def basis(self) -> str:
        """'date inferred: 4 of 6 claims hold there', for each reason checked on it."""
        return f"date inferred: {self.supporting} of {self.checkable} claims hold there"


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


def period_end(period: str) -> date | None:
    """The last day of a period named by its date ('year:2025', 'month:2025-03',
    'day:2026-02-13', 'quarter:2025-Q2'); None when the period runs to the article's date ('week',
    'since:2026-01-05', 'month:03', and 'ytd:2025': a "YTD 2025" header says
    the article is from within 2025)."""
    kind, _, arg = period.partition(":")
    try:
        if kind == "year" and arg:
            return date(int(arg), 12, 31)
        if kind == "month" and "-" in arg:
            year, month = (int(p) for p in arg.split("-")[:2])
            return date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
        if kind == "day" and len(arg) == 10:
            return date.fromisoformat(arg)
        if kind in ("quarter", "half"):
            return part_range(kind, arg)[1] - timedelta(days=1)
        if kind == "1y" and arg:
            year, month = (int(p) for p in arg.split("-")[:2])
            return date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    except ValueError:
        return None
    return None


def names_its_period(claim: Claim, latest: date) -> bool:
    """Does the claim hold or fail whatever the article's date? True for a
    period named by its date that ended before the latest day the article can
    be from ("rose 73% in 2025", read as the whole year)."""
    end = period_end(claim.period)
    return end is not None and end < latest


def _closeness(claim: Claim, m) -> float:
    """0 when the move equals the figure; used only to rank equally supported dates."""
    if m.band is None or claim.value is None:
        return 0.0
    if m.band.high == INF:
        return 0.0
    return min(abs(m.actual - claim.value) / max(abs(claim.value), 1.0), 1.0)


def _holds(claim: Claim, book: PriceBook, cal, partner_cal, day: date
           ) -> tuple[str | None, float, bool]:
    """Whether a claim holds for an article written on ``day``: as written, or
    under another common reading of its period (the YTD table row that is
    really the week). Returns ("written" | "reading" | None, misfit, measured
    as written)."""
    session = cal.session_on_or_before(day)
    measured = False
    try:
        m = measure(claim, book, cal, session, partner_cal, today=day)
        measured = True
        if m.verdict == "supported":
            return "written", _closeness(claim, m), True
    except Unverifiable:
        pass
    if claim.metric not in MOVE_METRICS + ("relative",):
        return None, 1.0, measured
    for reading in READINGS:
        if reading == claim.period:
            continue
        try:
            m = measure(claim, book, cal, session, partner_cal, reading)
        except Unverifiable:
            continue
        if m.verdict == "supported":
            return "reading", 0.5 + _closeness(claim, m) / 2, measured
    return None, 1.0, measured


@dataclass
class _Grid:
    """Per claim (rows) and searched session (columns): does the claim hold there?"""

    days: np.ndarray         # datetime64[D]
    written: np.ndarray      # bool: holds as written
    reading: np.ndarray      # bool: holds only under another common reading of the period
    misfit: np.ndarray       # how far the figures are from the moves (ranking only)
    measured: np.ndarray     # per claim: its written form can be measured on some session


def _grid(claims: list[Claim], book: PriceBook, cals, partner_cals,
          window: tuple[date, date]) -> _Grid:
    lo, hi = np.datetime64(window[0], "D"), np.datetime64(window[1], "D")
    days = np.unique(np.concatenate([cal.sessions[(cal.sessions >= lo) & (cal.sessions <= hi)]
                                     for cal in set(cals)]))
    shape = (len(claims), len(days))
    g = _Grid(days, np.zeros(shape, dtype=bool), np.zeros(shape, dtype=bool), np.zeros(shape),
              np.zeros(len(claims), dtype=bool))
    for n, day64 in enumerate(days):
        day = day64.astype(object)
        for k, claim in enumerate(claims):
            held, misfit, measured = _holds(claim, book, cals[k], partner_cals[k], day)
            g.misfit[k, n] = misfit
            g.measured[k] |= measured
            g.written[k, n] = held == "written"
            g.reading[k, n] = held == "reading"
    return g


def _levels_text(levels: list[Claim]) -> str:
    return ", ".join(f"{c.entity or c.ticker} {fmt_close(c.value)}" for c in levels)


def _once(claims: list[Claim]) -> list[Claim]:
    """Each figure once: a table row repeated in the prose is one piece of evidence."""
    seen = {}
    for c in claims:
        seen.setdefault((c.ticker, c.partner_ticker, c.metric, c.value, c.qualifier, c.period), c)
    return list(seen.values())


@dataclass(frozen=True)
class _Support:
    """What each searched session has going for it."""

    held: np.ndarray       # weighted figures that hold as written
    total: int             # weighted figures the date must explain
    reading: np.ndarray    # figures that hold only under another reading
    weak: np.ndarray       # figure-less claims (direction, record) that hold
    misfit: np.ndarray
    figures: np.ndarray    # row mask of the grid: claims with a figure that count
    levels: np.ndarray     # row mask: stated closing levels


def _support(claims: list[Claim], g: _Grid) -> _Support:
    figure = np.array([c.metric in FIGURE_METRICS and c.value is not None for c in claims])
    unplaced = np.array([c.period in UNPLACED for c in claims])
    counts = figure & (g.measured | unplaced)   # a figure no session can test is no evidence
    level = np.array([_pins_a_session(c) for c in claims]) & counts
    weight = np.where(level, LEVEL_WEIGHT, 1)[counts]
    held = (g.written[counts] * weight[:, None]).sum(axis=0)
    return _Support(held, int(weight.sum()), g.reading[counts].sum(axis=0),
                    (g.written | g.reading)[~figure].sum(axis=0), g.misfit.sum(axis=0),
                    counts, level)


def _pins_a_session(claim: Claim) -> bool:
    """A close stated exactly to its last few digits ("closed at 39,584.58", "at
    6,836") fits a handful of sessions; "about 57,000" or "at 4,000" fit many."""
    return (claim.metric == "level" and claim.qualifier == "exact" and claim.value is not None
            and claim.precision * 1000 <= abs(claim.value))


def infer_as_of(article: Article, claims: list[Claim], registry, book: PriceBook,
                span: tuple[date, date] | None = None) -> Inference:
    """The session that clearly explains most of the figures whose check
    depends on the date, or an unknown as-of with the reason; the note says how
    many hold, how, and which span was searched."""
    candidates = [c for c in claims if precheck(c) is None and c.ticker in book
                  and (not c.partner_ticker or c.partner_ticker in book)]
    window = search_span(article, candidates, book, span)
    if not candidates or window is None:
        return Inference(None, 0, 0, None, "as-of unknown: no publication date, and no claim "
                         "has prices to infer one from")
    named = frozenset(c.id for c in candidates if names_its_period(c, window[1]))
    dated = _once([c for c in candidates if c.id not in named])
    searched = f"searched {window[0]} to {window[1]}"
    if not dated:
        return Inference(None, 0, 0, None, (
            f"as-of unknown: no publication date, and none needed: every claim names its own "
            f"period ({searched})"), window, named, window[1])
    cals = [calendar(exchange_for(c.ticker, registry)) for c in dated]
    partner_cals = [calendar(exchange_for(c.partner_ticker, registry)) if c.partner_ticker
                    else None for c in dated]
    g = _grid(dated, book, cals, partner_cals, window)
    levels = [c for c in dated if c.metric == "level"]
    if levels and span is None and not g.written[[c.metric == "level" for c in dated]].any():
        # No session of the default span closed at any stated level: the article
        # is from outside it. Search every session with prices instead.
        wide = _held_range(dated, book)
        if wide != window:
            g = _grid(dated, book, cals, partner_cals, wide)
            searched += (f", then {wide[0]} to {wide[1]}, as no session in the first span "
                         f"closed at the stated level")
            window = wide
    return _decide(dated, g, _support(dated, g), searched, window, named, levels)


def _decide(dated: list[Claim], g: _Grid, s: _Support, searched: str,
            window: tuple[date, date], named: frozenset[str], levels: list[Claim]) -> Inference:
    """Accept the best session only when it clearly explains the figures."""
    n_figures = int(s.figures.sum())
    best = int(np.lexsort((s.misfit, -s.weak, -s.reading, -s.held))[0])
    top = s.held[best]
    day = g.days[best].astype(object)
    holding = g.written[s.figures, best]
    count = int(holding.sum())
    level_holds = bool((g.written[:, best] & s.levels).any())   # an exact close pins it
    is_level = np.array([c.metric == "level" for c in dated], dtype=bool)
    levels_held = int(g.written[is_level, best].sum())
    ties = np.nonzero(s.held == top)[0]
    spread = (g.days[ties[-1]] - g.days[ties[0]]).astype(int)
    unknown = None
    if n_figures == 0:
        unknown = ("no publication date, and no claim that depends on the date states a "
                   "figure to infer it from")
    elif top == 0:
        unknown = (f"no publication date, and none of {n_figures} claims that depend on the "
                   f"date holds on any session")
    elif 2 * top <= s.total:
        unknown = (f"no publication date, and no date fits most of the {n_figures} claims "
                   f"that depend on it: at best {count} of {n_figures} claims hold, on {day}")
    elif count < 2 and not level_holds:
        unknown = (f"no publication date, and a single figure cannot date the article: "
                   f"{count} of {n_figures} claims hold, {_also(g, ties, best)}")
    elif spread > TIE_DAYS:
        unknown = (f"no publication date, and no single date fits: {count} of {n_figures} "
                   f"claims hold on {day}, and as many on {len(ties) - 1} other session"
                   f"{'s' if len(ties) > 2 else ''} between {g.days[ties[0]]} and "
                   f"{g.days[ties[-1]]}")
    if unknown:
        reason = f"as-of unknown: {unknown}; {FIX}"
        note = f"as-of unknown: {unknown} ({searched}); {FIX.replace(' it', ' the claims')}"
        if levels and not g.written[[c.metric == "level" for c in dated]].any():
            note += f"; no session searched closed at the stated level ({_levels_text(levels)})"
        return Inference(None, count, n_figures, None, note, window, named, window[1], reason)
    start = end = best
    while start > 0 and s.held[start - 1] == top:
        start -= 1
    while end < len(g.days) - 1 and s.held[end + 1] == top:
        end += 1
    run = (g.days[start].astype(object), g.days[end].astype(object))
    other = int(g.reading[s.figures, best].sum())
    how = "as written"
    if other:
        how += f"; {other} more under another common reading of the period"
    if levels_held:
        how += f"; including {levels_held} stated closing level{'s' if levels_held > 1 else ''}"
    note = (f"inferred: {count} of {n_figures} claims hold for sessions {run[0]}..{run[1]} "
            f"({how}; each figure counted once, claims that name their own period left out; "
            f"{searched}); using {day}")
    elsewhere = [g.days[i].astype(object) for i in ties if not start <= i <= end]
    if elsewhere:  # a nearby equally supported date is said, not hidden
        note += (f"; as many hold on {len(elsewhere)} other session"
                 f"{'s' if len(elsewhere) > 1 else ''} nearby (first {elsewhere[0]}), "
                 f"where fewer hold under other readings or the figures fit less closely")
    if levels and not levels_held:
        note += (f"; no session searched closed at the stated level "
                 f"({_levels_text(levels)}), which contradicts this date")
    return Inference(day, count, n_figures, run, note, window, named, window[1])


def _also(g: _Grid, ties: np.ndarray, best: int) -> str:
    others = len(ties) - 1
    if not others:
        return f"on {g.days[best]} alone"
    return (f"on {g.days[best]} and {others} other session{'s' if others > 1 else ''} from "
            f"{g.days[ties[0]]} to {g.days[ties[-1]]}")


def describe_published(moment: datetime | date) -> str:
    if isinstance(moment, datetime):
        return f"published {moment.isoformat(timespec='minutes')}"
    return f"published {moment} (date only: the end of that day on each exchange)"
