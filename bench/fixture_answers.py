"""Answer key of tests/fixtures/articles: recomputes each intended claim from
the bundled prices (demo_facts.py) and rewrites expected.csv; prints a line
per claim and flags any intended verdict the prices no longer support.

    python bench/fixture_answers.py
"""

import csv
from pathlib import Path

import demo_answers as da
from demo_facts import fact

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "articles"
R, L, P, H, X = "price_return", "level", "points", "record_high", "relative"
PUB = {"boj-week.txt": "2025-12-19", "defense-notes.md": "2026-06-05", "chip-stocks.html": "2026-01-30T16:05+09:00",
       "us-record.txt": "2026-08-13T16:30-04:00", "typography.txt": "2025-10-31", "no-claims.txt": ""}
C = [
 ("boj-week.txt", "Nikkei 225", "^N225", R, "1.0%", 1.0, "exact", "day:fri", "supported"),
 ("boj-week.txt", "Nikkei 225", "^N225", P, "506 points", 506, "exact", "day:fri", "supported"),
 ("boj-week.txt", "Nikkei 225", "^N225", R, "2.6%", -2.6, "exact", "week", "supported"),
 ("boj-week.txt", "Topix", "^TOPX", R, "2%", -2, "exact", "week", "exaggerated"),
 ("boj-week.txt", "Advantest", "6857.T", R, "7.6%", -7.6, "exact", "week", "supported"),
 ("boj-week.txt", "Toyota", "7203.T", R, "5%", 5, "exact", "week", "supported"),
 ("boj-week.txt", "Kioxia", "285A.T", R, "about 470%", 470, "approx", "ytd", "supported"),
 ("defense-notes.md", "Kioxia", "285A.T", R, "18.7%", 18.7, "exact", "week", "supported"),
 ("defense-notes.md", "Kioxia", "285A.T", H, "record close", None, "exact", "week", "supported"),
 ("defense-notes.md", "Nasdaq Composite", "^IXIC", R, "4.2%", -4.2, "exact", "day:fri", "supported"),
 ("defense-notes.md", "Micron", "MU", R, "13%", -13, "exact", "day:fri", "supported"),
 ("defense-notes.md", "S&P 500", "^GSPC", R, "1.6%", -1.6, "exact", "day:fri", "understated"),
 ("defense-notes.md", "Kawasaki Heavy", "7012.T", R, "-7.9%", -7.9, "exact", "week", "supported"),
 ("defense-notes.md", "IHI Corp", "7013.T", R, "-7%", -7, "exact", "week", "supported"),
 ("defense-notes.md", "Mitsubishi Heavy", "7011.T", R, "-0.4%", -0.4, "exact", "week", "supported"),
 ("defense-notes.md", "Toyota", "7203.T", R, "-6.3%", -6.3, "exact", "week", "supported"),
 ("chip-stocks.html", "Kioxia", "285A.T", R, "11%", 11, "exact", "day:fri", "supported"),
 ("chip-stocks.html", "Kioxia", "285A.T", H, "record close", None, "exact", "day:fri", "supported"),
 ("chip-stocks.html", "Kioxia", "285A.T", R, "more than doubled", 100, "more_than", "month:2026-01", "supported"),
 ("chip-stocks.html", "Advantest", "6857.T", R, "5%", -5, "exact", "day:fri", "supported"),
 ("chip-stocks.html", "Sumitomo Metal Mining", "5713.T", R, "5%", -5, "exact", "day:fri", "supported"),
 ("chip-stocks.html", "Sumitomo Metal Mining", "5713.T", R, "47%", 47, "exact", "month", "supported"),
 ("chip-stocks.html", "Nikkei 225", "^N225", R, "0.1%", -0.1, "exact", "1d", "supported"),
 ("chip-stocks.html", "Topix", "^TOPX", R, "0.6%", -0.6, "exact", "1d", "wrong_direction"),
 ("chip-stocks.html", "Micron", "MU", R, "53%", 53, "exact", "month:2026-01", "supported"),
 ("us-record.txt", "S&P 500", "^GSPC", R, "0.7%", 0.7, "exact", "day:thu", "supported"),
 ("us-record.txt", "S&P 500", "^GSPC", H, "record", None, "exact", "day:thu", "supported"),
 ("us-record.txt", "S&P 500", "^GSPC", L, "7,798.99", 7798.99, "exact", "day:thu", "supported"),
 ("us-record.txt", "S&P 500", "^GSPC", P, "50 points", 50, "exact", "day:thu", "supported"),
 ("us-record.txt", "Dow Jones Industrial Average", "^DJI", P, "70 points", 70, "exact", "day:thu", "supported"),
 ("us-record.txt", "Nasdaq Composite", "^IXIC", R, "15%", 15, "exact", "ytd", "supported"),
 ("us-record.txt", "Nvidia", "NVDA", R, "about 21%", 21, "approx", "ytd", "supported"),
 ("us-record.txt", "Micron", "MU", R, "more than tripled", 200, "more_than", "ytd", "supported"),
 ("us-record.txt", "Dow", "^DJI", R, "0.4%", -0.4, "exact", "day:thu", "wrong_direction"),
 ("us-record.txt", "Topix", "^TOPX", H, "record", None, "exact", "1d", "supported"),
 ("us-record.txt", "Topix", "^TOPX", L, "4,176.04", 4176.04, "exact", "1d", "supported"),
 ("typography.txt", "Kioxia", "285A.T", R, "122\u00a0per cent", 122, "exact", "month:2025-10", "supported"),
 ("typography.txt", "Advantest", "6857.T", R, "+57.9\u00a0%", 57.9, "exact", "month", "supported"),
 ("typography.txt", "Toyota", "7203.T", R, "\u22120.25%", -0.25, "exact", "ytd", "supported"),
 ("typography.txt", "Nikkei 225", "^N225", L, "52,411.34", 52411.34, "exact", "day:fri", "supported"),
]
rows = []
mismatches = 0
for name, ent, t, m, fig, v, q, per, verdict in C:
    f = fact(t, per, PUB[name])
    actual = {R: f["pct"], L: f["end_close"], P: f["points"], H: f["record_close"]}[m]
    chk = da.sanity_verdict(m, v, q, fig, actual)
    flag = "" if chk == verdict else f"  <-- MISMATCH {chk}"
    mismatches += bool(flag)
    print(f"{name:18} {ent:22} {fig:18} {per:14} {f['start']} {f['start_close']:.2f} -> {f['end']} {f['end_close']:.2f} actual {actual if isinstance(actual,bool) else round(actual,2)} {verdict}{flag}")
    rows.append(dict(file=name, entity=ent, ticker=t, metric=m, figure_text=fig, value="" if v is None else v, qualifier=q, period=per,
        as_of=f["as_of"], window_start=f["start"], start_close=f"{f['start_close']:.4f}", window_end=f["end"], end_close=f"{f['end_close']:.4f}",
        actual=actual if isinstance(actual, bool) else round(actual, 4), verdict=verdict))
with open(FIXTURES / "expected.csv", "w", newline="") as out:
    w = csv.DictWriter(out, fieldnames=list(rows[0])); w.writeheader(); w.writerows(rows)
if mismatches:
    raise SystemExit(f"{mismatches} intended verdicts do not match the prices")
