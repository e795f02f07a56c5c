"""Fill a real SQLite database through the store API for the app's tests and bench.

Prices are the bundled real closes. Claims are placed at their real spans in
text written for these tests, and each verification is computed here from the
real closes of its window, so every number the app shows is a true one.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import pandas as pd

from tapecheck import config
from tapecheck.records import Article, Claim, Mention, Verification, content_id
from tapecheck.store import Store

TOKYO = timezone(timedelta(hours=9))


def load_prices(store: Store, tickers: list[str] | None = None) -> None:
    """The bundled real daily prices, as the snapshot loader would store them."""
    for path in sorted((config.data_dir() / "prices").glob("*.csv")):
        if path.name == "MANIFEST.csv":
            continue
        ticker = path.stem.replace("_", "^", 1) if path.stem.startswith("_") else path.stem
        if tickers is not None and ticker not in tickers:
            continue
        frame = pd.read_csv(path)
        frame["ticker"] = ticker
        store.save_prices(frame, source="csv")
    for key in [k for k in _CLOSES if k[0] == str(store.path)]:
        del _CLOSES[key]


@dataclass(frozen=True)
class Spec:
    """A claim to place: its subject and figure as written, and its window."""

    entity: str
    ticker: str | None
    figure: str
    value: float | None
    period: str
    base: date | None          # the session whose close is the base
    end: date | None           # the compared session
    qualifier: str = "exact"


_CLOSES: dict[tuple[str, str], dict[date, float]] = {}


def closes(store: Store, ticker: str) -> dict[date, float]:
    """Real closes by session (read once per database and ticker: prices never
    change while seeding)."""
    key = (str(store.path), ticker)
    if key not in _CLOSES:
        frame = store.prices_frame([ticker])
        _CLOSES[key] = dict(zip(frame["date"], frame["close"]))
    return _CLOSES[key]


def verify(store: Store, claim: Claim, spec: Spec, as_of: date | None, source: str) -> Verification:
    """The verdict for a seeded claim from the real closes (half a point of slack)."""
    if spec.ticker is None:
        return Verification(claim.id, "unverifiable", "The subject is not a known security.",
                            as_of=as_of, as_of_source=source)
    book = closes(store, spec.ticker)
    first, last = book[spec.base], book[spec.end]
    actual = (last / first - 1) * 100
    low, high = spec.value - 0.5, spec.value + 0.5
    if (actual >= 0) != (spec.value >= 0) and abs(actual) > 0.5:
        verdict = "wrong_direction"
    elif low <= actual <= high:
        verdict = "supported"
    elif abs(spec.value) > abs(actual):
        verdict = "exaggerated"
    else:
        verdict = "understated"
    reason = (f"{spec.ticker} moved {actual:+.2f}% from {spec.base} to {spec.end}; "
              f"the article says {spec.figure}.")
    return Verification(claim.id, verdict, reason, as_of=as_of, as_of_source=source,
                        window_start=spec.base, window_end=spec.end, start_close=first,
                        end_close=last, actual=round(actual, 4), tolerance_low=low,
                        tolerance_high=high, price_source="csv",
                        fetched_at=datetime(2026, 11, 1, tzinfo=timezone.utc))


def add_article(store: Store, text: str, specs: list[Spec], *, title: str,
                published: datetime | None, as_of: date | None, as_of_source: str | None,
                note: str = "", source: str = "file") -> Article:
    """Store the article, its mentions and claims at their spans, and verifications."""
    article = Article(id=content_id(text), source=source, text=text, title=title,
                      published_at=published, path=f"{title}.txt")
    store.add_article(article)
    claims, mentions, verifications, cursor = [], [], [], 0
    for spec in specs:
        start = text.index(spec.entity, cursor)
        figure_at = text.index(spec.figure, start)
        end = figure_at + len(spec.figure)
        cursor = end
        s_start = text.rfind(".", 0, start) + 1
        s_end = text.find(".", end) + 1 or len(text)
        while text[s_start] == " " or text[s_start] == "\n":
            s_start += 1
        claim = Claim(article_id=article.id, start=start, end=end, sentence_start=s_start,
                      sentence_end=s_end, sentence=text[s_start:s_end], entity=spec.entity,
                      ticker=spec.ticker, metric="price_return", value=spec.value,
                      qualifier=spec.qualifier, period=spec.period, period_source="sentence",
                      figure_text=spec.figure)
        claims.append(claim)
        mentions.append(Mention(article.id, start, start + len(spec.entity), spec.entity,
                                spec.ticker))
        verifications.append(verify(store, claim, spec, as_of, as_of_source))
    store.save_extraction(article.id, mentions, claims)
    store.save_verifications(article.id, verifications)
    store.set_as_of(article.id, as_of, as_of_source, note)
    return article


WEEK = (date(2026, 2, 6), date(2026, 2, 13))
YTD = (date(2025, 12, 30), date(2026, 2, 13))

TOKYO_WEEK = (
    "Tokyo equities closed the week near their highs as exporters and chip names led.\n\n"
    "Toyota Motor slipped 0.2% this week even as the yen weakened. "
    "Advantest jumped 10.6% on the week after strong guidance. "
    "The Nikkei 225 rose 9% this week, a move traders called the strongest in months. "
    "Kioxia has surged about 119% since the start of the year. "
    "On Wall Street the S&P 500 rose 2% over the week.\n\n"
    "Desk chatter <b>mentioned</b> Acme Robotics gaining 4% this week & a stray "
    "<script>alert('x')</script> tag, which the app must show as text."
)


def tokyo_week_specs() -> list[Spec]:
    return [
        Spec("Toyota Motor", "7203.T", "0.2%", -0.2, "week", *WEEK),
        Spec("Advantest", "6857.T", "10.6%", 10.6, "week", *WEEK),
        Spec("The Nikkei 225", "^N225", "9%", 9.0, "week", *WEEK),
        Spec("Kioxia", "285A.T", "about 119%", 119.0, "ytd", *YTD, qualifier="approx"),
        Spec("S&P 500", "^GSPC", "2%", 2.0, "week", date(2026, 2, 6), date(2026, 2, 12)),
        Spec("Acme Robotics", None, "4%", 4.0, "week", None, None),
    ]


def seed(path) -> tuple[Store, dict[str, Article]]:
    """A database with real prices and two articles: one published, one undated."""
    store = Store.open(path)
    load_prices(store)
    _CLOSES.clear()
    week = add_article(store, TOKYO_WEEK, tokyo_week_specs(), title="Tokyo week in review",
                       published=datetime(2026, 2, 13, 16, 30, tzinfo=TOKYO),
                       as_of=date(2026, 2, 13), as_of_source="published")
    undated_text = ("Memory makers kept climbing. Kioxia has more than doubled, up 110% "
                    "since the year began, while Toyota Motor added 12% year to date.")
    undated = add_article(
        store, undated_text,
        [Spec("Kioxia", "285A.T", "110%", 110.0, "ytd", *YTD, qualifier="more_than"),
         Spec("Toyota Motor", "7203.T", "12%", 12.0, "ytd", *YTD)],
        title="Memory makers undated", published=None, as_of=date(2026, 2, 13),
        as_of_source="inferred", note="Most claims hold for sessions 2026-02-12 to 2026-02-16.")
    return store, {"week": week, "undated": undated}


TICKERS = ["7203.T", "6857.T", "8035.T", "285A.T", "7011.T", "7012.T", "^N225", "^TOPX"]


def big_article(store: Store, n_claims: int, salt: str = "") -> Article:
    """An article of ``n_claims`` weekly-move claims on real Tokyo sessions, for the bench."""
    rng = random.Random(f"big{n_claims}{salt}")
    sessions = sorted(closes(store, "7203.T"))
    sessions = [d for d in sessions if date(2025, 1, 10) <= d <= date(2026, 6, 30)]
    lines, specs = [f"Weekly desk notes {salt}".strip() + "\n"], []
    for i in range(n_claims):
        ticker = rng.choice(TICKERS)
        end_index = rng.randrange(5, len(sessions))
        base, end = sessions[end_index - 5], sessions[end_index]
        book = closes(store, ticker)
        if base not in book or end not in book:
            base, end = WEEK
        move = (book[end] / book[base] - 1) * 100
        claimed = round(move * rng.choice((1, 1, 1.6, 0.5, -1)), 1)
        name = f"Name{i:03d} {ticker}"
        verb = "rose" if claimed >= 0 else "fell"
        figure = f"{abs(claimed):.1f}%"
        lines.append(f"In the week to {end}, {name} {verb} {figure} on the tape.")
        specs.append(Spec(name, ticker, figure, claimed, "week", base, end))
    text = " ".join(lines)
    return add_article(store, text, specs, title=f"Desk notes {n_claims} {salt}".strip(),
                       published=datetime(2026, 7, 1, 18, 0, tzinfo=TOKYO),
                       as_of=date(2026, 7, 1), as_of_source="published")
