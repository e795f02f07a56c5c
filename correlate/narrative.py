"""Narrative versus numbers: did the theme's basket really beat its benchmark?

An article that tells "defense" as a driver implies that defence stocks did
better than the market over the period it speaks of. We take that period from
the article's own claims (their verification windows), or else the month to
the as-of, and compare the equal-weight return of the theme's basket with its
benchmark. Every figure carries its window; members without prices are
named, never guessed.

``narrative_match`` is pure (prices come through a ``PriceBook``);
``timeline``, ``themes_report`` and ``timeline_report`` read the store.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd

from tapecheck.records import Article, Claim, ThemeScore, Verification

EVEN_PP = 0.5            # basket and benchmark within this many points: "even"
STALE_DAYS = 10          # a last close this long before the window's end is not a close in it
BENCHMARK_NAMES = {"^N225": "Nikkei", "^TOPX": "Topix", "^GSPC": "S&P 500", "^IXIC": "Nasdaq",
                   "^DJI": "Dow"}
MATCHES, CONTRADICTS, EVEN = "matches", "contradicts", "even"
NO_DIRECTION, UNVERIFIABLE = "no direction", "unverifiable"


@dataclass(frozen=True)
class Window:
    """The base is the last close on or before ``start``; the end is the last
    close on or before ``end`` (each security on its own sessions)."""
    start: date
    end: date
    label: str               # "YTD", "week", "month to as-of", "2026-01-05 to 2026-02-13"
    source: str              # claims | default


def _day(value: date | datetime | None) -> date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, datetime) else value


def _label(start: date, end: date, period: str | None = None) -> tuple[date, str]:
    """A readable label for a window, and its base day normalised so that every
    exchange in a basket uses its own last session before the period."""
    if (period or "").startswith("ytd") or (start.month == 12 and start.day >= 20 and start.year == end.year - 1):
        return date(end.year - 1, 12, 31), "YTD"
    if period in ("week", "last_week", "month", "last_month", "1y"):
        return start, {"1y": "over the year", "week": "week", "last_week": "last week",
                       "month": "month", "last_month": "last month"}[period]
    return start, f"{start.isoformat()} to {end.isoformat()}"


def article_window(verifications: list[Verification] | None, as_of: date | datetime | None,
                   claims: list[Claim] | None = None, basket: tuple[str, ...] = (),
                   spans: tuple[tuple[int, int], ...] = ()) -> Window | None:
    """The window the article speaks of: among its claims' windows, those of
    claims in the theme's own sentences count most, then claims about basket
    members, then the rest; else the month to the as-of."""
    by_id = {claim.id: claim for claim in claims or ()}
    weights: Counter = Counter()
    periods: dict[tuple[date, date], str] = {}
    for v in verifications or ():
        if not (v.window_start and v.window_end and v.window_start < v.window_end):
            continue
        key = (v.window_start, v.window_end)
        claim = by_id.get(v.claim_id)
        weight = 1
        if claim is not None:
            if any(start <= claim.start < end for start, end in spans):
                weight = 4
            elif claim.ticker in basket:
                weight = 2
            periods.setdefault(key, claim.period)
        weights[key] += weight
    if weights:
        (start, end), _ = max(weights.items(), key=lambda item: (item[1], (item[0][1] - item[0][0]).days))
        base, label = _label(start, end, periods.get((start, end)))
        return Window(base, end, label, "claims")
    end = _day(as_of)
    if end is None:
        return None
    start = (pd.Timestamp(end) - pd.DateOffset(months=1)).date()
    return Window(start, end, "month to as-of", "default")


def close_on_or_before(book, ticker: str, day: date) -> tuple[date, float] | None:
    """The last close at or before ``day``, from a PriceBook (or anything with
    ``get(ticker)`` returning a Series), or None."""
    series = book.get(ticker) if book is not None else None
    if series is None:
        return None
    index = series.index_at_or_before(day)
    if index < 0:
        return None
    return series.day(index), float(series.closes[index])


def member_return(book, ticker: str, window: Window) -> tuple[float | None, str]:
    """Percent return over the window, or None with the reason."""
    base = close_on_or_before(book, ticker, window.start)
    last = close_on_or_before(book, ticker, window.end)
    if last is None:
        return None, f"{ticker}: no prices"
    if base is None:
        return None, f"{ticker}: no prices on or before {window.start}"
    if (window.end - last[0]).days > STALE_DAYS:
        return None, f"{ticker}: prices end {last[0]}"
    if (window.start - base[0]).days > STALE_DAYS:
        return None, f"{ticker}: no close near {window.start} (last {base[0]})"
    if last[0] <= base[0]:
        return None, f"{ticker}: no session inside the window"
    return (last[1] / base[1] - 1.0) * 100.0, ""


def basket_return(book, tickers: tuple[str, ...], window: Window) -> tuple[float | None, dict, list[str]]:
    """Equal-weight return of the members with prices, each member's return,
    and what is missing."""
    members, missing = {}, []
    for ticker in tickers:
        value, why = member_return(book, ticker, window)
        if value is None:
            missing.append(why)
        else:
            members[ticker] = value
    if not members:
        return None, members, missing
    return float(np.mean(list(members.values()))), {t: round(v, 2) for t, v in members.items()}, missing


def _pct(value: float) -> str:
    return f"{value:+.1f}%"


def verdict(direction: str, excess: float | None) -> str:
    """Does the basket-versus-benchmark gap agree with how the theme was told?"""
    if excess is None:
        return UNVERIFIABLE
    if direction not in ("driver", "headwind"):
        return NO_DIRECTION
    if abs(excess) < EVEN_PP:
        return EVEN
    return MATCHES if (excess > 0) == (direction == "driver") else CONTRADICTS


def match_theme(score: ThemeScore, theme, window: Window | None, book) -> dict:
    """One row: the theme as told, the two returns over the window, the verdict."""
    bench_name = BENCHMARK_NAMES.get(theme.benchmark, theme.benchmark)
    row = {
        "theme_id": theme.id, "label": theme.label, "score": score.score, "direction": score.direction,
        "evidence": score.evidence, "tickers": list(score.tickers), "benchmark": theme.benchmark,
        "benchmark_name": bench_name, "window_start": None, "window_end": None, "window_label": None,
        "window_source": None, "basket_return": None, "benchmark_return": None, "excess": None,
        "members": {}, "missing": [], "match": UNVERIFIABLE,
    }
    told = f"told as a {score.direction}" if score.direction != "neutral" else "told without direction"
    if window is None:
        row["summary"] = f"{theme.id}: {told}; no window (the as-of is unknown) — unverifiable"
        return row
    basket, members, missing = basket_return(book, theme.basket, window)
    bench, why = member_return(book, theme.benchmark, window)
    if bench is None:
        missing.append(why)
    excess = basket - bench if basket is not None and bench is not None else None
    row.update(window_start=window.start.isoformat(), window_end=window.end.isoformat(),
               window_label=window.label, window_source=window.source,
               basket_return=None if basket is None else round(basket, 2),
               benchmark_return=None if bench is None else round(bench, 2),
               excess=None if excess is None else round(excess, 2),
               members=members, missing=missing, match=verdict(score.direction, excess))
    period = f"{window.label} to {window.end.isoformat()}" if not window.label[:1].isdigit() else window.label
    if excess is None:
        row["summary"] = f"{theme.id}: {told}; cannot compare ({'; '.join(missing)}) — unverifiable"
    else:
        priced = "" if not missing else f" ({len(members)} of {len(theme.basket)} members priced)"
        row["summary"] = (f"{theme.id}: {told}; equal-weight basket {_pct(basket)}{priced} vs "
                          f"{bench_name} {_pct(bench)} {period} — {row['match']}")
    return row


def narrative_match(article: Article, theme_scores: list[ThemeScore],
                    windows: list[Verification] | Window | None, as_of: date | datetime | None,
                    book, claims: list[Claim] | None = None, taxonomy=None) -> list[dict]:
    """For each theme the article tells (article-level scores), whether its basket
    beat the benchmark over the article's window. ``windows``: the article's
    verifications (their claim windows), a Window, or None (month to as-of)."""
    if taxonomy is None:
        from tapecheck.nlp.themes import load_taxonomy
        taxonomy = load_taxonomy()
    known = {theme.id: theme for theme in taxonomy.themes}
    as_of = _day(as_of) or _day(article.published_at)
    rows = []
    for score in theme_scores:
        if score.sentence_start is not None or score.theme_id not in known:
            continue
        theme = known[score.theme_id]
        spans = tuple((s.sentence_start, s.sentence_end) for s in theme_scores
                      if s.theme_id == theme.id and s.sentence_start is not None)
        window = (windows if isinstance(windows, Window)
                  else article_window(windows, as_of, claims, theme.basket, spans))
        rows.append(match_theme(score, theme, window, book))
    return rows


# --- the store side: prices for baskets, the timeline, reports ------------------

def with_baskets(store, book=None, theme_ids=None, offline: bool = True, fetcher=None,
                 start: date | None = None, end: date | None = None):
    """A PriceBook holding ``book``'s series plus every basket member and
    benchmark of the themes (all by default). Offline it uses stored prices only
    (a fresh database holds none until imported: the bundled snapshot comes in
    through `tapecheck demo` or `prices import`); online, missing ranges are
    fetched once."""
    from tapecheck.correlate.prices import PriceBook
    from tapecheck.nlp.themes import load_taxonomy

    themes = [t for t in load_taxonomy().themes if theme_ids is None or t.id in theme_ids]
    tickers = sorted({t for theme in themes for t in (*theme.basket, theme.benchmark)})
    if offline:
        loaded = PriceBook.from_store(store, tickers)
    else:
        end = end or date.today()
        loaded = PriceBook.ensure(store, tickers, start or end - timedelta(days=400), end,
                                  fetcher=fetcher, offline=offline)
    merged = PriceBook(dict(loaded.series))
    if book is not None:
        merged.series.update(book.series)
    return merged


def _week_end(day: date) -> date:
    """The Friday on or after ``day``: weeks are labelled by their last weekday."""
    return day + timedelta(days=(4 - day.weekday()) % 7)


TIMELINE_COLUMNS = ["week_end", "articles", "drivers", "headwinds", "basket_return",
                    "benchmark_return", "excess", "dated_by_as_of"]

AS_OF_NOTE = ("Articles without a publication date are counted in the week of their as-of "
              "(the last session their claims fit); column dated_by_as_of says how many.")


def article_days(store) -> dict[str, tuple[date, str]]:
    """Each article's day on the timeline and what gave it: the publication date,
    else the as-of inferred from its claims (an undated article is still told)."""
    days = {}
    for row in store.article_rows():
        published = _day(_moment(row.get("published_at")))
        as_of = _day(_moment(row.get("as_of")))
        if published is not None:
            days[row["id"]] = (published, "published")
        elif as_of is not None:
            days[row["id"]] = (as_of, "as_of")
    return days


def _moment(value: str | None) -> date | datetime | None:
    if not value:
        return None
    return date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value)


def timeline(store, theme_id: str, book=None, pad_weeks: int = 4) -> pd.DataFrame:
    """Weekly counts of articles telling the theme (by publication date, else by
    their inferred as-of: see AS_OF_NOTE), beside the basket's and the
    benchmark's cumulative return from the week before the first week shown.
    Weeks span every dated article in the store, padded. ``frame.attrs`` holds
    the note and how many articles telling the theme have no day at all."""
    from tapecheck.nlp.themes import load_taxonomy

    theme = load_taxonomy().theme(theme_id)
    days = article_days(store)
    overall = [s for s in store.theme_scores() if s.sentence_start is None and s.theme_id == theme_id]
    undated = sum(1 for s in overall if s.article_id not in days)
    if not days:
        frame = pd.DataFrame(columns=TIMELINE_COLUMNS)
        frame.attrs.update(note=AS_OF_NOTE, undated=undated)
        return frame
    told = [(days[s.article_id][0], s.direction, days[s.article_id][1]) for s in overall
            if s.article_id in days]
    first = _week_end(min(day for day, _ in days.values())) - timedelta(weeks=pad_weeks)
    last = _week_end(max(day for day, _ in days.values())) + timedelta(weeks=pad_weeks)
    weeks = [first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]
    if book is None:
        book = with_baskets(store, theme_ids=[theme_id])
    base = first - timedelta(weeks=1)
    rows = []
    for week in weeks:
        window = Window(base, week, "timeline", "timeline")
        in_week = [direction for day, direction, _ in told if _week_end(day) == week]
        by_as_of = sum(1 for day, _, source in told if _week_end(day) == week and source == "as_of")
        basket, _, _ = basket_return(book, theme.basket, window)
        bench, _ = member_return(book, theme.benchmark, window)
        rows.append({
            "week_end": week, "articles": len(in_week),
            "drivers": in_week.count("driver"), "headwinds": in_week.count("headwind"),
            "basket_return": basket, "benchmark_return": bench,
            "excess": basket - bench if basket is not None and bench is not None else None,
            "dated_by_as_of": by_as_of,
        })
    frame = pd.DataFrame(rows, columns=TIMELINE_COLUMNS)
    for column in ("basket_return", "benchmark_return", "excess"):
        frame[column] = frame[column].astype("float64")
    frame.attrs.update(note=AS_OF_NOTE, undated=undated)
    return frame


def timeline_report(store, theme_id: str, book=None) -> list[dict]:
    """The timeline as plain rows for ``tapecheck timeline --theme ID``."""
    frame = timeline(store, theme_id, book)
    out = []
    for row in frame.to_dict("records"):
        out.append({key: (value.isoformat() if isinstance(value, date)
                          else None if isinstance(value, float) and np.isnan(value)
                          else round(value, 2) if isinstance(value, float) else value)
                    for key, value in row.items()})
    return out


def themes_report(store, article_id: str | None = None, theme_id: str | None = None) -> list[dict]:
    """Per article and theme told: score, direction, evidence sentence and the
    stored narrative-match result, for ``tapecheck themes [--article ID]``."""
    from tapecheck.nlp.themes import load_taxonomy

    if article_id is not None:
        store.article(article_id)            # NotFound with a clear message
    labels = {t.id: t.label for t in load_taxonomy().themes}
    if theme_id is not None and theme_id not in labels:
        load_taxonomy().theme(theme_id)      # NotFound naming the known themes
    articles = {a.id: a for a in ([store.article(article_id)] if article_id else store.articles())}
    matches = {(n["article_id"], n["theme_id"]): n for n in store.narratives(article_id, theme_id)}
    days = article_days(store)
    rows = []
    for score in store.theme_scores(article_id):
        if score.sentence_start is not None or (theme_id and score.theme_id != theme_id):
            continue
        article = articles.get(score.article_id)
        if article is None:
            continue
        found = matches.get((score.article_id, score.theme_id), {})
        published = _day(article.published_at)
        day, dated_by = days.get(score.article_id, (None, None))
        rows.append({
            "article_id": score.article_id, "title": article.title or "",
            "published": published.isoformat() if published else None,
            "day": day.isoformat() if day else None, "dated_by": dated_by,
            "theme_id": score.theme_id, "label": labels.get(score.theme_id, score.theme_id),
            "score": round(score.score, 3), "direction": score.direction, "evidence": score.evidence,
            "tickers": list(score.tickers), "match": found.get("match"),
            "summary": found.get("summary", "narrative not checked yet (run tapecheck verify)"),
            "basket_return": found.get("basket_return"), "benchmark_return": found.get("benchmark_return"),
            "excess": found.get("excess"), "window_start": found.get("window_start"),
            "window_end": found.get("window_end"), "window_label": found.get("window_label"),
        })
    rows.sort(key=lambda r: (r["day"] or "", r["article_id"], -r["score"]), reverse=False)
    return rows
