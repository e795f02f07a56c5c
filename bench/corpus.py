"""Synthetic market articles with a labelled answer key, for the bench.

Every article is built from this module's own templates around REAL moves in
the bundled prices: for a random publication moment it computes the true
return of a security over a period (on the security's exchange calendar, the
window rule of DESIGN.md), then states it exactly, approximately, with "more
than"/"nearly", as a multiple, or deliberately wrong (exaggerated,
understated, wrong direction, or the figure of another period). The answer
key says, per claim, what was stated, the two closes it rests on and the
verdict a correct checker must give, so the bench can score accuracy at scale.

    python bench/corpus.py 1000 /tmp/corpus [--seed 0]

writes 0000.txt ... plus manifest.csv (file,title,published) and truth.jsonl,
one JSON object per article:

    file, title, published ('' when undated), as_of (home-market session the
    article speaks from), as_of_source (published|inferred), home (XTKS|XNYS),
    themes (theme ids of data/themes.toml), non_price and forward (figures in
    the text that are NOT verifiable price claims), claims: a list of
      entity, ticker, metric (price_return|level|points|record_high|relative),
      value (signed percent, level or points; null for a row with no figure),
      qualifier, period (records.py grammar), figure_text, precision, sentence,
      in_table, partner_ticker, intent (true|exaggerated|understated|
      wrong_direction|wrong_period|no_figure), verdict (what a correct checker
      says), as_of, window_start, window_end, start_close, end_close, actual.

Article i depends only on (seed, i), so a corpus of 100 is the first 100 of
a corpus of 10,000.
"""

from __future__ import annotations

import bisect
import csv
import json
import math
import random
import sys
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))   # siblings, also when loaded by file path
from corpus_tape import END, SECURITIES, START, as_of_session, move, sessions  # noqa: E402
from corpus_text import (  # noqa: E402
    DESCRIPTORS, FORWARD, NON_PRICE, PERIOD_PHRASES, THEME_SENTENCES, TITLES, closing_line, compound_sentence,
    descriptor, figure_words, level_sentence, points_sentence, record_sentence, relative_sentence,
    return_sentence, table_block,
)

TRUE_SHARE = 0.75         # share of return claims stated correctly
LEVEL_TRUE_SHARE = 0.85   # share of level and point claims stated correctly
WRONG_MODES = ("exaggerated", "understated", "wrong_direction", "wrong_period")

# Split ex-dates: levels before them exist only on the adjusted basis, so no level claims.
SPLITS = {"7012.T": date(2026, 3, 30).toordinal(), "7013.T": date(2025, 9, 29).toordinal()}
INDICES = ("^N225", "^TOPX", "^GSPC", "^IXIC", "^DJI")
HOME_INDEX = {"XTKS": ("^N225", "^TOPX"), "XNYS": ("^GSPC", "^IXIC", "^DJI")}
ZONES = {"XTKS": ZoneInfo("Asia/Tokyo"), "XNYS": ZoneInfo("America/New_York")}
THEMES = ("political_stability", "fiscal_stimulus", "defense", "ai_semiconductors",
          "critical_resources", "monetary_policy", "capital_flows", "trade_policy", "analyst_flows")
THEME_TICKERS = {
    "political_stability": ("^N225", "^TOPX", "7011.T", "7012.T", "7013.T"),
    "fiscal_stimulus": ("^N225", "^TOPX", "7011.T", "5016.T", "8035.T"),
    "defense": ("7011.T", "7012.T", "7013.T"),
    "ai_semiconductors": ("285A.T", "6857.T", "8035.T", "NVDA", "MU", "5016.T"),
    "critical_resources": ("5713.T", "5016.T"),
    "monetary_policy": ("^N225", "^TOPX", "^GSPC", "7203.T"),
    "capital_flows": ("^N225", "^TOPX", "^GSPC", "^IXIC"),
    "trade_policy": ("7203.T", "^N225", "^DJI"),
    "analyst_flows": ("285A.T", "6857.T", "7011.T", "8035.T", "5713.T"),
}


# -- publication ---------------------------------------------------------------------
def publication(rng: random.Random, home: str) -> tuple[str, datetime | date, int]:
    """(published as written in the manifest, moment or day used for as-of, home as-of session)."""
    days = sessions(home)[0]
    lo, hi = bisect.bisect_left(days, START.toordinal()), bisect.bisect_right(days, END.toordinal())
    day = date.fromordinal(days[rng.randrange(lo + 5, hi)])
    form = rng.random()
    if form < 0.45:
        return day.isoformat(), day, day.toordinal()
    zone = ZONES[home]
    if form < 0.92:       # after the close
        hour, minute = (rng.randint(16, 22), rng.randrange(0, 60, 5))
    elif form < 0.97:     # during the session: the day's close does not count yet
        hour, minute = (rng.choice((10, 11, 13)), rng.randrange(0, 60, 5))
    else:                 # undated: the as-of must be inferred from the claims
        return "", day, day.toordinal()
    moment = datetime.combine(day, time(hour, minute), zone)
    session = as_of_session(HOME_INDEX[home][0], moment)
    return moment.isoformat(timespec="minutes"), moment, session


# -- claims --------------------------------------------------------------------------
def periods_for(rng: random.Random, as_of: int, bare_day: bool = True) -> list[str]:
    """Periods an article written at as_of could name. Without ``bare_day`` a
    one-day move always names its weekday: a reader of a mid-session article or
    of a foreign market's move cannot tell which session 'on the day' means."""
    today = date.fromordinal(as_of)
    options = ["1d" if bare_day else "day", "day", "week", "month", "ytd", "ytd", "1y"]
    if today.month <= 2:
        options.append(f"year:{today.year - 1}")
    if today.day <= 12:
        previous = today.replace(day=1) - timedelta(days=1)
        options.append(f"month:{previous:%Y-%m}")
    if today.month >= 4:
        start = date(today.year, rng.randint(2, today.month - 1), 1)
        options.append(f"since:{start.isoformat()}")
    return options


def clearly_wrong(value: float, actual: float) -> bool:
    return abs(value - actual) > max(1.5, 0.25 * abs(actual)) and abs(value) >= 0.5


def intended_verdict(value: float, actual: float) -> str:
    if (value > 0) != (actual > 0):
        return "wrong_direction"
    return "exaggerated" if abs(value) > abs(actual) else "understated"


def state(rng: random.Random, actual: float, other: float | None) -> tuple[float, str, str, str, float] | None:
    """How a move is written: (value, qualifier, figure text, intent, precision).
    ``other`` is the same security's move over a different period, for wrong-period claims."""
    if rng.random() < TRUE_SHARE:
        return figure_words(rng, actual)
    for mode in rng.sample(WRONG_MODES, len(WRONG_MODES)):
        stated = misstate(rng, mode, actual, other)
        if stated is not None:
            return stated
    return None


def misstate(rng: random.Random, mode: str, actual: float, other: float | None) -> tuple | None:
    if mode == "exaggerated":
        value = actual * rng.uniform(1.6, 3.0) + (2 if actual >= 0 else -2)
    elif mode == "understated":
        value = actual * rng.uniform(0.2, 0.55)
    elif mode == "wrong_direction":
        value = -actual * rng.uniform(0.8, 1.2)
    elif other is None:
        return None
    else:
        value = other
    if value <= -90:                    # a price cannot fall by 100% or more
        value = -rng.uniform(15, 80)
    value = round(value, 1) if abs(value) < 10 else float(round(value))
    if not clearly_wrong(value, actual):
        return None
    precision = 1.0 if abs(value) >= 10 else 0.1
    text = f"{abs(value):.1f}%" if abs(value) < 10 else f"{abs(value):.0f}%"
    if rng.random() < 0.3 and abs(value) >= 3 and clearly_wrong(float(round(value)), actual):
        value = float(round(value))
        return value, "approx", f"about {abs(value):.0f}%", mode, 1.0
    return value, "exact", text, mode, precision


def claim_record(ticker: str, entity: str, metric: str, value, qualifier: str, period: str,
                 figure: str, intent: str, verdict: str, fact: dict, as_of: int, partner: str | None = None,
                 precision: float = 1.0, in_table: bool = False) -> dict:
    return {"entity": entity, "ticker": ticker, "metric": metric, "value": value, "qualifier": qualifier,
            "period": period, "figure_text": figure, "precision": precision, "intent": intent, "in_table": in_table,
            "verdict": verdict, "partner_ticker": partner, "as_of": date.fromordinal(as_of).isoformat(),
            "window_start": fact["window_start"], "window_end": fact["window_end"],
            "start_close": fact["start_close"], "end_close": fact["end_close"],
            "actual": fact["actual"] if metric in ("price_return", "relative") else
            fact["end_close"] if metric == "level" else fact["points"] if metric == "points" else fact["record"]}


def pick_period(rng: random.Random, ticker: str, as_of: int, bare_day: bool = True) -> tuple[str, str, dict] | None:
    """A period with data for this security: (grammar period, phrase, move)."""
    for _ in range(4):
        kind = rng.choice(periods_for(rng, as_of, bare_day))
        period, phrase = PERIOD_PHRASES(rng, kind, date.fromordinal(as_of))
        fact = move(ticker, period, as_of)
        if fact is not None and abs(fact["actual"]) >= 0.05:
            return period, phrase, fact
    return None


def return_claim(rng: random.Random, ticker: str, as_of: int, bare_day: bool) -> tuple[str, list[dict]] | None:
    chosen = pick_period(rng, ticker, as_of, bare_day)
    if chosen is None:
        return None
    period, phrase, fact = chosen
    alt = pick_period(rng, ticker, as_of, bare_day)
    other = alt[2]["actual"] if alt and alt[0] != period else None
    stated = state(rng, fact["actual"], other)
    if stated is None:
        return None
    value, qualifier, figure, intent, precision = stated
    verdict = "supported" if intent == "true" else intended_verdict(value, fact["actual"])
    entity = rng.choice(SECURITIES[ticker][1])
    sentence = return_sentence(rng, entity, value, figure, phrase, period, descriptor(rng, ticker))
    return sentence, [claim_record(ticker, entity.removeprefix("the "), "price_return", value, qualifier, period,
                                   figure, intent, verdict, fact, as_of, precision=precision)]


def compound_claim(rng: random.Random, ticker: str, as_of: int) -> tuple[str, list[dict]] | None:
    """A short move then a longer one for the same security, in one sentence or
    with the second told through an anaphor ('The stock is up 40% this year')."""
    today = date.fromordinal(as_of)
    short_period, short_phrase = PERIOD_PHRASES(rng, rng.choice(("day", "week")), today)
    long_period, long_phrase = PERIOD_PHRASES(rng, rng.choice(("ytd", "1y", "month")), today)
    short, long = move(ticker, short_period, as_of), move(ticker, long_period, as_of)
    if short is None or long is None or min(abs(short["actual"]), abs(long["actual"])) < 0.05:
        return None
    first = figure_words(rng, short["actual"], plain=True)
    second = state(rng, long["actual"], short["actual"])
    if second is None or "doubled" in second[2] or "tripled" in second[2]:
        return None
    entity = rng.choice(SECURITIES[ticker][1])
    anaphor = None
    if rng.random() < 0.5:
        anaphor = "the index" if ticker in INDICES else rng.choice(("the stock", "the shares", *DESCRIPTORS.get(ticker, ())))
    sentence = compound_sentence(rng, entity, first, short_phrase, second, long_phrase, anaphor)
    return sentence, [
        claim_record(ticker, entity.removeprefix("the "), "price_return", first[0], "exact", short_period,
                     first[2], "true", "supported", short, as_of, precision=first[4]),
        claim_record(ticker, (anaphor or entity).removeprefix("the "), "price_return", second[0], second[1],
                     long_period, second[2], second[3],
                     "supported" if second[3] == "true" else intended_verdict(second[0], long["actual"]),
                     long, as_of, precision=second[4]),
    ]


def forward_decoy(rng: random.Random, ticker: str) -> tuple[str, str]:
    """A forecast or target: a figure about the future, never a verifiable move."""
    return FORWARD(rng, rng.choice(SECURITIES[ticker][1]))


def level_claim(rng: random.Random, ticker: str, as_of: int) -> tuple[str, list[dict]] | None:
    fact = move(ticker, "1d", as_of)
    if fact is None or as_of < SPLITS.get(ticker, 0):
        return None
    entity = rng.choice(SECURITIES[ticker][1])
    weekday = date.fromordinal(as_of).strftime("%A")
    if fact["record"] and rng.random() < 0.6:
        sentence, with_level = record_sentence(rng, entity, ticker, fact["end_close"], weekday)
        claims = [claim_record(ticker, entity.removeprefix("the "), "record_high", None, "exact",
                               f"day:{weekday[:3].lower()}", "all-time high" if "all-time" in sentence else "record",
                               "true", "supported", fact, as_of)]
        if with_level:
            claims.append(claim_record(ticker, entity.removeprefix("the "), "level", round(fact["end_close"], 2),
                                       "exact", f"day:{weekday[:3].lower()}", with_level, "true", "supported",
                                       fact, as_of, precision=0.01))
        return sentence, claims
    if ticker in INDICES and rng.random() < 0.4:
        points, intent = float(round(fact["points"])), "true"
        if rng.random() > LEVEL_TRUE_SHARE:
            points, intent = float(round(fact["points"] * rng.uniform(1.6, 3.0))), "exaggerated"
        if abs(points) < 1 or (intent != "true" and abs(points - fact["points"]) < 5):
            return None
        sentence, figure = points_sentence(rng, entity, points, weekday)
        return sentence, [claim_record(ticker, entity.removeprefix("the "), "points", points, "exact",
                                       f"day:{weekday[:3].lower()}", figure, intent,
                                       "supported" if intent == "true" else "exaggerated", fact, as_of)]
    level, intent, verdict = fact["end_close"], "true", "supported"
    if rng.random() > LEVEL_TRUE_SHARE:     # a misremembered level, 2-8% off
        level = level * rng.uniform(1.02, 1.08) if rng.random() < 0.5 else level * rng.uniform(0.92, 0.98)
        level = round(level, 2) if ticker.startswith("^") or not ticker.endswith(".T") else float(round(level))
        intent = verdict = "exaggerated" if level > fact["end_close"] else "understated"
    sentence, figure = level_sentence(rng, entity, ticker, level, weekday)
    return sentence, [claim_record(ticker, entity.removeprefix("the "), "level", round(level, 2),
                                   "exact", f"day:{weekday[:3].lower()}", figure, intent, verdict, fact, as_of,
                                   precision=0.01)]


def relative_claim(rng: random.Random, first: str, second: str, as_of: dict[str, int],
                   bare_day: bool) -> tuple[str, list[dict]] | None:
    """'X rose a% while Y fell b%': the two legs and the gap between them. A
    one-day comparison only within one exchange, where 'that day' is one session."""
    same_market = SECURITIES[first][0] == SECURITIES[second][0]
    kind = rng.choice(("week", "ytd", "month", *(("1d" if bare_day else "day",) if same_market else ())))
    period, phrase = PERIOD_PHRASES(rng, kind, date.fromordinal(as_of[first]))
    a, b = move(first, period, as_of[first]), move(second, period, as_of[second])
    if a is None or b is None or min(abs(a["actual"]), abs(b["actual"])) < 0.05:
        return None
    legs = [figure_words(rng, x["actual"], plain=True) for x in (a, b)]
    gap = dict(a, actual=a["actual"] - b["actual"])
    relation = ("true", "supported")
    if rng.random() > TRUE_SHARE:          # one leg misstated, and so the gap
        wrong = misstate(rng, rng.choice(WRONG_MODES[:3]), b["actual"], None)
        if wrong is None or wrong[1] != "exact" or not clearly_wrong(legs[0][0] - wrong[0], gap["actual"]):
            return None
        legs[1] = wrong
        relation = (wrong[3], intended_verdict(legs[0][0] - wrong[0], gap["actual"]))
    names = [rng.choice(SECURITIES[t][1]) for t in (first, second)]
    sentence = relative_sentence(rng, names, [leg[0] for leg in legs], [leg[2] for leg in legs], phrase)
    claims = [claim_record(t, n.removeprefix("the "), "price_return", leg[0], "exact", period, leg[2], leg[3],
                           "supported" if leg[3] == "true" else intended_verdict(leg[0], x["actual"]),
                           x, as_of[t], precision=leg[4])
              for t, n, leg, x in zip((first, second), names, legs, (a, b))]
    claims.append(claim_record(first, names[0].removeprefix("the "), "relative", round(legs[0][0] - legs[1][0], 2),
                               "exact", period, f"{legs[0][2]} vs {legs[1][2]}", *relation, gap,
                               as_of[first], partner=second, precision=legs[0][4] + legs[1][4]))
    return sentence, claims


def table_claims(rng: random.Random, home_as_of: int, as_of: dict[str, int]) -> tuple[str, list[dict]] | None:
    """A translated-commentary table: 'Growth (YTD 2026)' rows of name, figure, factor."""
    year = date.fromordinal(home_as_of).year
    rows, claims = [], []
    for ticker in rng.sample(list(SECURITIES), rng.randint(3, 6)):
        fact = move(ticker, f"ytd:{year}", as_of[ticker])
        if fact is None or abs(fact["actual"]) < 0.05:
            continue
        if rng.random() < TRUE_SHARE:
            value, qualifier, _, intent, precision = figure_words(rng, fact["actual"], plain=True)
            if abs(value) >= 3 and rng.random() < 0.7:
                value, qualifier, precision = float(round(fact["actual"])), "approx", 1.0
            if value > 10 and rng.random() < 0.25:
                value, qualifier = float(math.floor(fact["actual"] / 5) * 5) or 1.0, "more_than"
        else:
            stated = state(rng, fact["actual"], None)
            if stated is None:
                continue
            value, qualifier, _, intent, precision = stated
        number = f"{abs(value):g}%"
        figure = {"approx": f"~{'-' if value < 0 else ''}{number}", "more_than": f">{number}"}.get(
            qualifier, f"{'-' if value < 0 else '+' if rng.random() < 0.3 else ''}{number}")
        verdict = "supported" if intent == "true" else intended_verdict(value, fact["actual"])
        names = SECURITIES[ticker][1]
        name = (names[0] if ticker in INDICES else names[-1]).removeprefix("the ")
        rows.append((name, figure, ticker))
        claims.append(claim_record(ticker, name, "price_return", value, qualifier, f"ytd:{year}", figure,
                                   intent, verdict, fact, as_of[ticker], precision=precision, in_table=True))
    if len(rows) < 3:
        return None
    if rng.random() < 0.2:              # a row with no figure: kept, unverifiable
        ticker = rng.choice(HOME_INDEX["XTKS"])
        name = SECURITIES[ticker][1][0].removeprefix("the ")
        rows.append((name, "++% (for the week)", ticker))
        fact = move(ticker, "week", as_of[ticker]) or {"window_start": None, "window_end": None, "start_close": None,
                                                       "end_close": None, "actual": None, "points": None, "record": None}
        claims.append(claim_record(ticker, name, "price_return", None, "exact", "week", "++% (for the week)",
                                   "no_figure", "unverifiable", fact, as_of[ticker], in_table=True))
    return table_block(rng, year, rows), claims


# -- articles ------------------------------------------------------------------------
def labelled_article(seed: int, index: int) -> dict:
    """One article with its answer key; depends only on (seed, index)."""
    rng = random.Random(seed * 1_000_003 + index)
    home = "XTKS" if rng.random() < 0.6 else "XNYS"
    published, moment, home_as_of = publication(rng, home)
    themes = rng.sample(THEMES, rng.randint(1, 3))
    as_of = {t: as_of_session(t, moment) for t in SECURITIES}
    intraday = isinstance(moment, datetime) and home_as_of != moment.date().toordinal()

    def bare_day(ticker: str) -> bool:
        return SECURITIES[ticker][0] == home and not intraday

    pool = list(dict.fromkeys([*HOME_INDEX[home], *(t for th in themes for t in THEME_TICKERS[th])]))
    paragraphs, claims = [], []
    for theme in themes:
        paragraphs.append(rng.choice(THEME_SENTENCES[theme]))
    used: set[tuple[str, str, str]] = set()
    wanted = rng.randint(3, 7)
    attempts = 0
    while len(claims) < wanted and attempts < wanted * 4:
        attempts += 1
        ticker = rng.choice(pool)
        roll = rng.random()
        if roll < 0.5:
            built = return_claim(rng, ticker, as_of[ticker], bare_day(ticker))
        elif roll < 0.62:
            built = compound_claim(rng, ticker, as_of[ticker])
        elif roll < 0.8:
            built = level_claim(rng, ticker, as_of[ticker])
        elif roll < 0.92:
            partner = rng.choice([t for t in INDICES if t != ticker] if ticker in INDICES else pool)
            built = relative_claim(rng, ticker, partner, as_of, bare_day(ticker)) if partner != ticker else None
        else:
            built = None if any(c["in_table"] for c in claims) else table_claims(rng, home_as_of, as_of)
        if built is None:
            continue
        sentence, new = built
        keys = {(c["ticker"], c["metric"], c["period"]) for c in new}
        if keys & used:                 # one statement per security, measure and period
            continue
        used |= keys
        paragraphs.insert(rng.randint(0, len(paragraphs)), sentence)
        for claim in new:
            claim["sentence"] = _row_of(sentence, claim["figure_text"]) if claim["in_table"] else sentence
        claims.extend(new)
    non_price = []
    for _ in range(rng.choice((0, 1, 1, 2))):
        sentence, figure = NON_PRICE(rng)
        paragraphs.insert(rng.randint(1, len(paragraphs)), sentence)
        non_price.append(figure)
    forward = []
    if rng.random() < 0.3:
        sentence, figure = forward_decoy(rng, rng.choice(pool))
        paragraphs.insert(rng.randint(1, len(paragraphs)), sentence)
        forward.append(figure)
    paragraphs.append(closing_line(rng))
    title = rng.choice(TITLES[themes[0]])
    text = title + "\n\n" + "\n\n".join(paragraphs) + "\n"
    claims.sort(key=lambda c: text.find(c["sentence"]))
    return {"title": title, "text": text, "published": published,
            "as_of": date.fromordinal(home_as_of).isoformat(),
            "as_of_source": "published" if published else "inferred",
            "home": home, "themes": themes, "claims": claims, "non_price": non_price, "forward": forward}


def _row_of(table: str, figure: str) -> str:
    """The table line that carries a figure."""
    return next(line for line in table.splitlines()[2:] if figure in line)


def iter_labelled(n: int, seed: int = 0) -> Iterator[dict]:
    for index in range(n):
        yield labelled_article(seed, index)


def iter_articles(n: int, seed: int = 0) -> Iterator[tuple[str, str, str]]:
    """(title, text, published ISO or '') for in-memory use."""
    for article in iter_labelled(n, seed):
        yield article["title"], article["text"], article["published"]


def generate(n: int, out_dir: Path, seed: int = 0) -> list[Path]:
    """Write n articles, manifest.csv and truth.jsonl into out_dir; return the article paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    width = max(4, len(str(n - 1)))
    paths = []
    with open(out_dir / "manifest.csv", "w", newline="", encoding="utf-8") as manifest, \
            open(out_dir / "truth.jsonl", "w", encoding="utf-8") as truth:
        writer = csv.writer(manifest)
        writer.writerow(["file", "title", "published"])
        for index, article in enumerate(iter_labelled(n, seed)):
            path = out_dir / f"{index:0{width}d}.txt"
            path.write_text(article["text"], encoding="utf-8")
            writer.writerow([path.name, article["title"], article["published"]])
            label = {k: v for k, v in article.items() if k != "text"}
            truth.write(json.dumps({"file": path.name, **label}, ensure_ascii=False) + "\n")
            paths.append(path)
    return paths


def main(argv: list[str]) -> int:
    import time as clock

    if len(argv) < 2 or not argv[0].isdigit():
        print("usage: python bench/corpus.py N OUT_DIR [--seed S]", file=sys.stderr)
        return 2
    seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 0
    started = clock.perf_counter()
    paths = generate(int(argv[0]), Path(argv[1]), seed)
    elapsed = clock.perf_counter() - started
    claims = sum(len(json.loads(line)["claims"]) for line in open(Path(argv[1]) / "truth.jsonl", encoding="utf-8"))
    print(f"{len(paths)} articles, {claims} labelled claims in {elapsed:.2f} s -> {argv[1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
