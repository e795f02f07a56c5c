"""Answer key of the bundled demo: the claims each article makes on purpose,
their real figures, and the verdict they should get.

Running it recomputes every figure from the bundled CSVs (through
demo_facts.py, which does not use tapecheck's verifier) and rewrites
data/demo/answers.csv and data/demo/ANSWERS.md. It fails loudly when an
intended verdict no longer matches the prices under the simple rule below,
so the key cannot drift from the data.

Sanity rule (looser than tapecheck's, only to keep the key honest): a figure
written with step p holds within p/2 when exact; "about" widens that to
max(p, 10% of the figure); "more than" and "nearly" bound one side.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

from demo_facts import fact

DEMO = Path(__file__).resolve().parent.parent / "data" / "demo"

# Publication moments as in manifest.csv; the undated article's intended as-of.
PUBLISHED = {
    "01": "2025-06-27", "02": "2025-08-15T15:45+09:00", "03": "2025-09-30",
    "04": "2025-10-06T16:00+09:00", "05": "2025-10-31", "06": "2025-11-14T17:00+09:00",
    "07": "2025-12-31", "08": "2026-01-16", "09": "2026-02-09T15:45+09:00",
    "10": "2026-03-09T16:10+09:00", "11": "2026-04-10", "12": "",
    "13": "2026-06-19T21:40+03:00", "14": "2026-07-17T18:00+09:00",
    "15": "2026-08-21T17:30-04:00", "16": "2025-07-23T16:20+09:00",
}
INFERRED_AS_OF = {"12": "2026-05-22"}

R, L, P, H, X = "price_return", "level", "points", "record_high", "relative"

# (article, entity, ticker, metric, figure as written, value, qualifier, period, verdict[, partner])
CLAIMS = [
    ("01", "Tokyo Electron", "8035.T", R, "4.3%", 4.3, "exact", "day:fri", "supported"),
    ("01", "Tokyo Electron", "8035.T", R, "nearly 15%", 15, "nearly", "week", "supported"),
    ("01", "Advantest", "6857.T", R, "more than 40%", 40, "more_than", "month", "supported"),
    ("01", "Kioxia", "285A.T", R, "about 45%", 45, "approx", "ytd", "understated"),
    ("01", "Nikkei 225", "^N225", R, "1.4%", 1.4, "exact", "day:fri", "supported"),
    ("01", "Nikkei 225", "^N225", L, "40,150.79", 40150.79, "exact", "day:fri", "supported"),
    ("01", "Toyota", "7203.T", R, "nearly 20%", -20, "nearly", "ytd", "supported"),
    ("01", "Micron", "MU", R, "12%", 12, "exact", "week", "exaggerated"),

    ("02", "Nikkei 225", "^N225", H, "record high", None, "exact", "day:fri", "supported"),
    ("02", "Nikkei 225", "^N225", L, "43,378.31", 43378.31, "exact", "day:fri", "supported"),
    ("02", "Nikkei 225", "^N225", R, "3.7%", 3.7, "exact", "week", "supported"),
    ("02", "Topix", "^TOPX", R, "about 15%", 15, "approx", "ytd", "exaggerated"),
    ("02", "Mitsubishi Heavy Industries", "7011.T", R, "about 76%", 76, "approx", "ytd", "supported"),
    ("02", "Mitsubishi Heavy Industries", "7011.T", R, "more than doubled", 100, "more_than", "1y", "supported"),
    ("02", "IHI", "7013.T", R, "roughly 80%", 80, "approx", "ytd", "supported"),
    ("02", "Kawasaki Heavy Industries", "7012.T", R, "7%", 7, "exact", "week", "wrong_direction"),
    ("02", "JX Advanced Metals", "5016.T", R, "7.5%", 7.5, "exact", "day:fri", "supported"),

    ("03", "JX Advanced Metals", "5016.T", R, "about 44%", 44, "approx", "month:2025-09", "supported"),
    ("03", "JX Advanced Metals", "5016.T", H, "record", None, "exact", "day:tue", "supported"),
    ("03", "JX Advanced Metals", "5016.T", L, "1,960.5 yen", 1960.5, "exact", "day:tue", "supported"),
    ("03", "Sumitomo Metal Mining", "5713.T", R, "18%", 18, "exact", "month", "supported"),
    ("03", "Sumitomo Metal Mining", "5713.T", R, "about 23%", 23, "approx", "ytd", "understated"),
    ("03", "Kioxia", "285A.T", R, "about 50%", 50, "approx", "month:2025-09", "understated"),
    ("03", "Kioxia", "285A.T", R, "nearly tripled", 200, "nearly", "ytd", "supported"),
    ("03", "IHI", "7013.T", R, "more than doubled", 100, "more_than", "ytd", "supported"),
    ("03", "Toyota", "7203.T", R, "4%", -4, "exact", "week", "supported"),
    ("03", "Micron", "MU", R, "nearly doubled", 100, "nearly", "ytd", "supported"),

    ("04", "Nikkei 225", "^N225", R, "4.75%", 4.75, "exact", "1d", "supported"),
    ("04", "Nikkei 225", "^N225", H, "record close", None, "exact", "1d", "supported"),
    ("04", "Nikkei 225", "^N225", L, "47,944.76", 47944.76, "exact", "1d", "supported"),
    ("04", "Topix", "^TOPX", R, "3.1%", 3.1, "exact", "1d", "supported"),
    ("04", "Nikkei 225", "^N225", X, "4.75% vs 3.1%", 1.65, "exact", "1d", "supported", "^TOPX"),
    ("04", "Advantest", "6857.T", R, "14%", 14, "exact", "1d", "supported"),
    ("04", "Mitsubishi Heavy Industries", "7011.T", R, "11.2%", 11.2, "exact", "1d", "supported"),
    ("04", "IHI", "7013.T", R, "11.5%", 11.5, "exact", "1d", "supported"),
    ("04", "Kawasaki Heavy Industries", "7012.T", R, "9.4%", 9.4, "exact", "1d", "supported"),
    ("04", "Tokyo Electron", "8035.T", R, "7.3%", 7.3, "exact", "1d", "supported"),
    ("04", "Kioxia", "285A.T", R, "12%", 12, "exact", "1d", "exaggerated"),
    ("04", "Toyota", "7203.T", R, "4.7%", 4.7, "exact", "1d", "supported"),
    ("04", "S&P 500", "^GSPC", R, "about 1%", 1, "approx", "week", "supported"),

    ("05", "Nikkei 225", "^N225", R, "16.6%", 16.6, "exact", "month:2025-10", "supported"),
    ("05", "Nikkei 225", "^N225", L, "above 52,000", 52000, "more_than", "day:fri", "supported"),
    ("05", "Nikkei 225", "^N225", X, "16.6% vs 2.3%", 14.3, "exact", "month:2025-10", "supported", "^GSPC"),
    ("05", "S&P 500", "^GSPC", R, "2.3%", 2.3, "exact", "month:2025-10", "supported"),
    ("05", "Nasdaq Composite", "^IXIC", R, "7.4%", 7.4, "exact", "month:2025-10", "exaggerated"),
    ("05", "Kioxia", "285A.T", R, "more than doubled", 100, "more_than", "month:2025-10", "supported"),
    ("05", "Kioxia", "285A.T", R, "more than 500%", 500, "more_than", "ytd", "supported"),
    ("05", "Advantest", "6857.T", R, "35%", 35, "exact", "week", "supported"),
    ("05", "Advantest", "6857.T", H, "record", None, "exact", "day:fri", "supported"),
    ("05", "Tokyo Electron", "8035.T", R, "20%", 20, "exact", "month:2025-10", "understated"),
    ("05", "Micron", "MU", R, "34%", 34, "exact", "month:2025-10", "supported"),

    ("06", "Kioxia", "285A.T", R, "23%", -23, "exact", "day:fri", "supported"),
    ("06", "Kioxia", "285A.T", R, "about 17%", -17, "approx", "week", "supported"),
    ("06", "Kioxia", "285A.T", R, "more than 500%", 500, "more_than", "ytd", "supported"),
    ("06", "Advantest", "6857.T", R, "5.5%", -5.5, "exact", "1d", "supported"),
    ("06", "Tokyo Electron", "8035.T", R, "6.1%", -6.1, "exact", "1d", "supported"),
    ("06", "Nikkei 225", "^N225", R, "1.8%", -1.8, "exact", "1d", "supported"),
    ("06", "Topix", "^TOPX", R, "0.65%", -0.65, "exact", "1d", "supported"),
    ("06", "Nikkei 225", "^N225", X, "1.8% vs 0.65%", -1.15, "exact", "1d", "supported", "^TOPX"),
    ("06", "Nasdaq Composite", "^IXIC", R, "2.3%", -2.3, "exact", "day:thu", "supported"),
    ("06", "Nvidia", "NVDA", R, "3.6%", -3.6, "exact", "day:thu", "supported"),
    ("06", "JX Advanced Metals", "5016.T", R, "4%", -4, "exact", "1d", "understated"),
    ("06", "Toyota", "7203.T", R, "0.6%", 0.6, "exact", "1d", "wrong_direction"),

    ("07", "Nikkei 225", "^N225", R, "26%", 26, "exact", "year:2025", "supported"),
    ("07", "Nikkei 225", "^N225", L, "50,339.48", 50339.48, "exact", "year:2025", "supported"),
    ("07", "Topix", "^TOPX", R, "22.4%", 22.4, "exact", "year:2025", "supported"),
    ("07", "S&P 500", "^GSPC", R, "16.4%", 16.4, "exact", "year:2025", "supported"),
    ("07", "Nasdaq Composite", "^IXIC", R, "20.4%", 20.4, "exact", "year:2025", "supported"),
    ("07", "Dow Jones Industrial Average", "^DJI", R, "about 13%", 13, "approx", "year:2025", "supported"),
    ("07", "Nikkei 225", "^N225", X, "26% vs 16%", 10, "exact", "year:2025", "supported", "^GSPC"),
    ("07", "Nikkei 225", "^N225", R, "26%", 26, "exact", "year:2025", "supported"),
    ("07", "S&P 500", "^GSPC", R, "16%", 16, "exact", "year:2025", "supported"),
    ("07", "Kioxia", "285A.T", R, "more than 500%", 500, "more_than", "year:2025", "supported"),
    ("07", "Micron", "MU", R, "about 240%", 240, "approx", "year:2025", "supported"),
    ("07", "Nvidia", "NVDA", R, "about 60%", 60, "approx", "year:2025", "exaggerated"),
    ("07", "Sumitomo Metal Mining", "5713.T", R, "76%", 76, "exact", "year:2025", "supported"),
    ("07", "Mitsubishi Heavy Industries", "7011.T", R, "more than doubled", 100, "more_than", "year:2025", "exaggerated"),
    ("07", "Toyota", "7203.T", R, "6.7%", 6.7, "exact", "year:2025", "supported"),

    ("08", "Topix", "^TOPX", R, "4.1%", 4.1, "exact", "week", "supported"),
    ("08", "Nikkei 225", "^N225", R, "3.8%", 3.8, "exact", "week", "supported"),
    ("08", "S&P 500", "^GSPC", R, "0.4%", -0.4, "exact", "week", "supported"),
    ("08", "Nikkei 225", "^N225", X, "3.8% vs 0.4%", 4.2, "exact", "week", "supported", "^GSPC"),
    ("08", "Topix", "^TOPX", R, "4.1%", 4.1, "exact", "week", "supported"),
    ("08", "S&P 500", "^GSPC", R, "0.4%", -0.4, "exact", "week", "supported"),
    ("08", "Topix", "^TOPX", X, "4.1% vs 0.4%", 4.5, "exact", "week", "supported", "^GSPC"),
    ("08", "Kioxia", "285A.T", R, "8.2%", 8.2, "exact", "day:fri", "supported"),
    ("08", "Kioxia", "285A.T", H, "record close", None, "exact", "day:fri", "supported"),
    ("08", "Kioxia", "285A.T", R, "41%", 41, "exact", "ytd", "supported"),
    ("08", "Kawasaki Heavy Industries", "7012.T", R, "about 35%", 35, "approx", "ytd", "supported"),
    ("08", "Sumitomo Metal Mining", "5713.T", R, "12%", 12, "exact", "ytd", "understated"),
    ("08", "Micron", "MU", R, "7.8%", 7.8, "exact", "day:fri", "supported"),
    ("08", "Toyota", "7203.T", R, "1.2%", -1.2, "exact", "week", "wrong_direction"),

    ("09", "Nikkei 225", "^N225", R, "3.9%", 3.9, "exact", "1d", "supported"),
    ("09", "Nikkei 225", "^N225", H, "record close", None, "exact", "1d", "supported"),
    ("09", "Nikkei 225", "^N225", L, "56,363.94", 56363.94, "exact", "1d", "supported"),
    ("09", "Topix", "^TOPX", R, "2.3%", 2.3, "exact", "1d", "supported"),
    ("09", "Nikkei 225", "^N225", R, "about 20%", 20, "approx", "ytd", "exaggerated"),
    ("09", "Kawasaki Heavy Industries", "7012.T", R, "15.7%", 15.7, "exact", "1d", "supported"),
    ("09", "IHI", "7013.T", R, "8.7%", 8.7, "exact", "1d", "supported"),
    ("09", "Mitsubishi Heavy Industries", "7011.T", R, "8%", 8, "exact", "1d", "exaggerated"),
    ("09", "Advantest", "6857.T", R, "11.5%", 11.5, "exact", "1d", "supported"),
    ("09", "Kioxia", "285A.T", R, "more than 1,000%", 1000, "more_than", "1y", "supported"),

    ("10", "Nikkei 225", "^N225", R, "5.2%", -5.2, "exact", "1d", "supported"),
    ("10", "Nikkei 225", "^N225", P, "2,892 points", -2892, "exact", "1d", "supported"),
    ("10", "Topix", "^TOPX", R, "3.8%", -3.8, "exact", "1d", "supported"),
    ("10", "Nikkei 225", "^N225", R, "more than 10%", -10, "more_than", "month", "supported"),
    ("10", "Nikkei 225", "^N225", R, "about 5%", 5, "approx", "ytd", "supported"),
    ("10", "Advantest", "6857.T", R, "11%", -11, "exact", "1d", "supported"),
    ("10", "Kioxia", "285A.T", R, "nearly 10%", -10, "nearly", "1d", "supported"),
    ("10", "Sumitomo Metal Mining", "5713.T", R, "2%", -2, "exact", "1d", "understated"),
    ("10", "Toyota", "7203.T", R, "11%", -11, "exact", "ytd", "wrong_direction"),
    ("10", "S&P 500", "^GSPC", R, "1.3%", -1.3, "exact", "day:fri", "supported"),
    ("10", "S&P 500", "^GSPC", R, "1.5%", -1.5, "exact", "ytd", "supported"),

    ("11", "Kioxia", "285A.T", R, "about 38%", 38, "approx", "week", "supported"),
    ("11", "Kioxia", "285A.T", H, "record close", None, "exact", "day:fri", "supported"),
    ("11", "Kioxia", "285A.T", L, "30,140 yen", 30140, "exact", "day:fri", "supported"),
    ("11", "JX Advanced Metals", "5016.T", R, "25%", 25, "exact", "week", "supported"),
    ("11", "JX Advanced Metals", "5016.T", R, "more than doubled", 100, "more_than", "ytd", "supported"),
    ("11", "Nikkei 225", "^N225", R, "7.2%", 7.2, "exact", "week", "supported"),
    ("11", "Topix", "^TOPX", R, "2.6%", 2.6, "exact", "week", "supported"),
    ("11", "Nikkei 225", "^N225", X, "7.2% vs 2.6%", 4.6, "exact", "week", "supported", "^TOPX"),
    ("11", "Tokyo Electron", "8035.T", R, "about 25%", 25, "approx", "week", "exaggerated"),
    ("11", "Toyota", "7203.T", R, "about 1%", -1, "approx", "ytd", "supported"),
    ("11", "S&P 500", "^GSPC", R, "3.6%", 3.6, "exact", "week", "supported"),
    ("11", "S&P 500", "^GSPC", R, "4%", -4, "exact", "ytd", "exaggerated"),
    ("11", "Micron", "MU", R, "15%", 15, "exact", "week", "supported"),

    ("12", "Nikkei 225", "^N225", H, "record", None, "exact", "day:fri", "supported"),
    ("12", "Nikkei 225", "^N225", L, "63,339.07", 63339.07, "exact", "day:fri", "supported"),
    ("12", "Nikkei 225", "^N225", R, "3.1%", 3.1, "exact", "week", "supported"),
    ("12", "Kioxia", "285A.T", R, "29%", 29, "exact", "week", "supported"),
    ("12", "Kioxia", "285A.T", R, "about 450%", 450, "approx", "ytd", "supported"),
    ("12", "Tokyo Electron", "8035.T", R, "60%", 60, "exact", "ytd", "exaggerated"),
    ("12", "Toyota", "7203.T", R, "11%", -11, "exact", "ytd", "supported"),
    ("12", "Mitsubishi Heavy Industries", "7011.T", R, "14%", 14, "exact", "month", "wrong_direction"),
    ("12", "Sumitomo Metal Mining", "5713.T", R, "7.5%", -7.5, "exact", "week", "supported"),

    ("13", "Kioxia Holdings", "285A.T", R, "~940%", 940, "approx", "ytd:2026", "supported"),
    ("13", "Tokyo Electron", "8035.T", R, ">100%", 100, "more_than", "ytd:2026", "supported"),
    ("13", "JX Advanced Metals", "5016.T", R, "~140%", 140, "approx", "ytd:2026", "supported"),
    ("13", "Kawasaki Heavy", "7012.T", R, ">50%", 50, "more_than", "ytd:2026", "supported"),
    ("13", "Mitsubishi Heavy", "7011.T", R, "~25%", 25, "approx", "ytd:2026", "exaggerated"),
    ("13", "Nikkei 225", "^N225", R, "~40%", 40, "approx", "ytd:2026", "supported"),
    ("13", "TOPIX", "^TOPX", R, "++% (for the week)", None, "exact", "week", "unverifiable"),
    ("13", "S&P 500", "^GSPC", R, "~10%", 10, "approx", "ytd:2026", "supported"),
    ("13", "Nikkei 225", "^N225", R, "7.9%", 7.9, "exact", "week", "supported"),
    ("13", "S&P 500", "^GSPC", R, "0.9%", 0.9, "exact", "week", "supported"),
    ("13", "Nikkei 225", "^N225", X, "7.9% vs 0.9%", 7.0, "exact", "week", "supported", "^GSPC"),
    ("13", "Nasdaq", "^IXIC", R, "2%", -2, "exact", "week", "wrong_direction"),
    ("13", "Micron", "MU", R, "more than 800%", 800, "more_than", "1y", "supported"),

    ("14", "Kioxia", "285A.T", R, "16%", -16, "exact", "day:fri", "supported"),
    ("14", "Kioxia", "285A.T", R, "32%", -32, "exact", "week", "supported"),
    ("14", "Kioxia", "285A.T", R, "about 42%", -42, "approx", "month", "supported"),
    ("14", "Kioxia", "285A.T", R, "nearly 400%", 400, "nearly", "ytd", "supported"),
    ("14", "Tokyo Electron", "8035.T", R, "8.2%", -8.2, "exact", "1d", "supported"),
    ("14", "Advantest", "6857.T", R, "7.2%", -7.2, "exact", "1d", "supported"),
    ("14", "Topix", "^TOPX", R, "2.7%", -2.7, "exact", "1d", "supported"),
    ("14", "Nikkei 225", "^N225", R, "1.9%", -1.9, "exact", "day:fri", "unverifiable"),
    ("14", "Micron", "MU", R, "5.6%", -5.6, "exact", "day:thu", "supported"),
    ("14", "Micron", "MU", R, "16%", -16, "exact", "month", "understated"),
    ("14", "Nasdaq Composite", "^IXIC", R, "3%", -3, "exact", "day:thu", "exaggerated"),

    ("15", "S&P 500", "^GSPC", R, "0.4%", 0.4, "exact", "day:fri", "supported"),
    ("15", "S&P 500", "^GSPC", R, "1.4%", -1.4, "exact", "week", "supported"),
    ("15", "S&P 500", "^GSPC", R, "12%", 12, "exact", "ytd", "supported"),
    ("15", "Nasdaq Composite", "^IXIC", R, "2%", -2, "exact", "week", "supported"),
    ("15", "Dow Jones Industrial Average", "^DJI", R, "1%", 1, "exact", "day:fri", "supported"),
    ("15", "Nvidia", "NVDA", R, "nearly 5%", -5, "nearly", "week", "supported"),
    ("15", "Nvidia", "NVDA", R, "25%", 25, "exact", "ytd", "exaggerated"),
    ("15", "Micron", "MU", R, "about 240%", 240, "approx", "ytd", "supported"),
    ("15", "Topix", "^TOPX", R, "19%", 19, "exact", "ytd", "supported"),
    ("15", "Topix", "^TOPX", R, "3.1%", -3.1, "exact", "week", "supported"),
    ("15", "S&P 500", "^GSPC", R, "1.4%", -1.4, "exact", "week", "supported"),
    ("15", "Topix", "^TOPX", R, "3%", 3, "exact", "week", "wrong_direction"),
    ("15", "S&P 500", "^GSPC", X, "1.4% vs 3%", -4.4, "exact", "week", "wrong_direction", "^TOPX"),

    ("16", "Toyota", "7203.T", R, "14.3%", 14.3, "exact", "1d", "supported"),
    ("16", "Toyota", "7203.T", R, "more than 13%", 13, "more_than", "week", "supported"),
    ("16", "Toyota", "7203.T", R, "about 9%", -9, "approx", "ytd", "supported"),
    ("16", "Nikkei 225", "^N225", R, "3.5%", 3.5, "exact", "1d", "supported"),
    ("16", "Nikkei 225", "^N225", L, "41,711.32", 41711.32, "exact", "1d", "exaggerated"),
    ("16", "Topix", "^TOPX", R, "3.2%", 3.2, "exact", "1d", "supported"),
    ("16", "Kawasaki Heavy Industries", "7012.T", R, "3.1%", 3.1, "exact", "1d", "supported"),
    ("16", "Kioxia", "285A.T", R, "7%", 7, "exact", "1d", "exaggerated"),
    ("16", "IHI", "7013.T", R, "3.7%", -3.7, "exact", "1d", "supported"),
    ("16", "Mitsubishi Heavy Industries", "7011.T", R, "0.1%", -0.1, "exact", "1d", "supported"),
]

# Figures in the text that are NOT price claims and must not become claims.
NON_PRICE = {
    "01": ["62% of the 150 fund managers", "11% who plan to cut"],
    "02": ["more than 8 trillion yen (budget request)"],
    "03": ["roughly 9% a year through 2030 (demand forecast)"],
    "04": ["185 votes ... 156 (party runoff)"],
    "05": ["about 2 trillion yen (sales guidance)", "fewer than ten stocks", "several hundred points (no figure)"],
    "06": ["roughly 40% lower operating profit (earnings, illustrative)"],
    "07": ["growth of around 1% (GDP forecast)"],
    "08": ["about 18 trillion yen (supplementary budget)", "30-year yield"],
    "09": ["465-seat lower house"],
    "10": ["wage settlements above 5%"],
    "11": ["15% tariff on Japanese cars"],
    "12": ["about a third of Nikkei members", "50-day moving averages"],
    "13": ["tenfold rise (rhetorical, no period)", "Table 1"],
    "14": ["survey of 40 investors, 70% expected"],
    "15": ["about a 60% chance of a rate cut"],
    "16": ["15% tariff on Japanese vehicles", "up to 550 billion dollars of investment"],
}


def step(figure: str) -> float:
    """Rounding step implied by how the figure was written."""
    number = re.search(r"\d[\d,]*(?:\.(\d+))?", figure)
    return 10.0 ** -len(number.group(1)) if number and number.group(1) else 1.0


def sanity_verdict(metric: str, value, qualifier: str, figure: str, actual) -> str:
    if metric == "record_high" and actual is not None:
        return "supported" if actual else "exaggerated"
    if value is None or actual is None:
        return "unverifiable"
    p = step(figure)
    if metric in ("level", "points"):
        ok = actual > value if qualifier == "more_than" else abs(actual - value) <= p / 2 + 0.006
        return "supported" if ok else ("exaggerated" if abs(value) > abs(actual) else "understated")
    if value and actual and (value > 0) != (actual > 0):
        return "wrong_direction"
    v, a = abs(value), abs(actual)
    slack = p if metric == "relative" else p / 2
    lo, hi = {
        "exact": (v - slack, v + slack),
        "approx": (v - max(p, v / 10), v + max(p, v / 10)),
        "more_than": (v, float("inf")),
        "nearly": (v * 0.9, v + p / 2),
    }[qualifier]
    if lo <= a <= hi:
        return "supported"
    return "exaggerated" if a < lo else "understated"


def resolve(article: str, ticker: str, period: str) -> dict | None:
    published = PUBLISHED[article] or INFERRED_AS_OF[article]
    period = "ytd" if period.startswith("ytd:") else period
    try:
        return fact(ticker, period, published)
    except KeyError:
        return None


def build() -> list[dict]:
    rows = []
    for article, entity, ticker, metric, figure, value, qualifier, period, verdict, *partner in CLAIMS:
        f = resolve(article, ticker, period)
        actual = None
        if f is not None:
            actual = {"price_return": f["pct"], "level": f["end_close"], "points": f["points"],
                      "record_high": f["record_close"]}.get(metric)
            if metric == "relative":
                other = resolve(article, partner[0], period)
                actual = None if other is None else f["pct"] - other["pct"]
        check = sanity_verdict(metric, value, qualifier, figure, actual)
        if check != verdict:
            raise SystemExit(f"{article} {entity} {figure} {period}: intended {verdict}, prices say {check} ({actual})")
        rows.append({
            "article": article, "entity": entity, "ticker": ticker, "metric": metric,
            "figure_text": figure, "value": "" if value is None else value, "qualifier": qualifier,
            "period": period, "partner_ticker": partner[0] if partner else "",
            "as_of": f["as_of"] if f else "", "as_of_source": "published" if PUBLISHED[article] else "inferred",
            "window_start": f["start"] if f else "", "start_close": f"{f['start_close']:.4f}" if f else "",
            "window_end": f["end"] if f else "", "end_close": f"{f['end_close']:.4f}" if f else "",
            "actual": "" if actual is None else (actual if isinstance(actual, bool) else round(actual, 4)),
            "verdict": verdict,
        })
    return rows


def write(rows: list[dict]) -> None:
    files = {p.name[:2]: p.name for p in DEMO.glob("[0-9][0-9]-*.txt")}
    with open(DEMO / "answers.csv", "w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=["file", *rows[0]])
        writer.writeheader()
        for row in rows:
            writer.writerow({"file": files[row["article"]], **row})
    lines = [ANSWERS_HEAD]
    for article in sorted(files):
        published = PUBLISHED[article] or f"(none; intended as-of {INFERRED_AS_OF[article]}, inferred)"
        lines += [f"\n## {files[article]}\n", f"Published: {published}\n",
                  "| figure | subject | metric | period | window (base -> end) | actual | verdict |",
                  "|---|---|---|---|---|---|---|"]
        for r in (r for r in rows if r["article"] == article):
            subject = r["ticker"] + (f" minus {r['partner_ticker']}" if r["partner_ticker"] else "")
            window = (f"{r['window_start']} {float(r['start_close']):,.2f} -> {r['window_end']} {float(r['end_close']):,.2f}"
                      if r["window_start"] else "no price data")
            actual = r["actual"] if isinstance(r["actual"], (bool, str)) else f"{r['actual']:+,.2f}"
            lines.append(f"| {r['figure_text']} | {subject} | {r['metric']} | {r['period']} | {window} | {actual} | {r['verdict']} |")
        lines.append("\nNot claims: " + "; ".join(NON_PRICE.get(article, [])) + "\n")
    (DEMO / "ANSWERS.md").write_text("\n".join(lines))


ANSWERS_HEAD = """# Demo answer key

For developers and tests. Each bundled demo article makes the claims below on
purpose. Figures were computed from `data/prices/*.csv` by `bench/demo_facts.py`
(independent of tapecheck's verifier) and are regenerated, with a consistency
check, by `python bench/demo_answers.py`. The same rows, machine-readable, are
in `answers.csv` (one row per claim; `value` is the signed figure as stated,
`actual` the real move, level, points or record flag).

Rules used: price return on split-adjusted closes; base = close of the session
before the period, end = last close at or before the as-of moment, on the
security's own calendar (XTKS for Tokyo stocks, ^N225, ^TOPX; XNYS for US). A
date without a time means the end of that day in the exchange's time zone, so a
Tokyo-morning timestamp sees only the previous New York session. `day:fri` is
the most recent Friday session at or before as-of; `month:2025-10` a named
calendar month; `year:2025` a calendar year; `1y` from the last session at or
before the same date a year earlier. Relative claims are subject minus
partner, in percentage points.

About a fifth of the claims are wrong on purpose (exaggerated, understated,
wrong direction, or the right figure for the wrong period: 08 Toyota, 10
Toyota). Two are unverifiable: a table row with no figure (13 TOPIX) and a
Nikkei move on a day the snapshot lacks (14: ^N225 ends 2026-07-10). Article 12
has no publication date: its as-of must be inferred (its supported claims hold on
2026-05-22, the levels pin it). "Not claims" lists figures that are not price
moves and must not become claims. Non-price figures about companies and
surveys are illustrative, not facts.
"""


if __name__ == "__main__":
    rows = build()
    write(rows)
    wrong = sum(r["verdict"] != "supported" for r in rows)
    print(f"{len(rows)} claims, {wrong} not supported ({wrong / len(rows):.0%}); wrote answers.csv, ANSWERS.md",
          file=sys.stderr)
