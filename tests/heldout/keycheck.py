"""Check a held-out set's answer key against the bundled price CSVs.

    .venv/bin/python tests/heldout/keycheck.py heldout2|heldout3

For every row with a window: the start session is the one the period rule
gives for the row's end session (tape.py, independent of tapecheck.correlate),
both closes are the CSV's, the actual follows from them, and the expected
verdict agrees with a plain reading of the written figure (rounding step,
qualifier, a small slack). Returns the problems; prints them and exits 1 if any.
"""

from __future__ import annotations

import csv
import sys
from datetime import date
from pathlib import Path


sys.path.insert(0, str(Path(__file__).resolve().parent))
import tape  # noqa: E402

TESTS = Path(__file__).resolve().parent.parent


def _step(value: float) -> float:
    text = repr(abs(value))
    decimals = len(text.split(".")[1].rstrip("0")) if "." in text else 0
    return 10.0 ** -decimals


def plain_verdict(metric: str, value: float, qualifier: str, actual: float) -> str:
    """What a careful reader would say, by the documented tolerance idea."""
    if metric in ("level", "points"):
        return "supported" if abs(actual - value) <= max(0.0005 * abs(value), 0.01) + _step(value) / 2 else "exaggerated"
    if value != 0 and actual != 0 and (value > 0) != (actual > 0):
        return "wrong_direction"
    fig, act = abs(value), abs(actual)
    slack = 0.05 + 0.005 * fig
    half = _step(value) / 2
    low, high = {
        "exact": (fig - half, fig + half),
        "approx": (fig - max(half, 0.1 * fig), fig + max(half, 0.1 * fig)),
        "nearly": (fig - max(2 * half, 0.1 * fig), fig + half),
        "more_than": (fig, float("inf")),
        "at_least": (fig, float("inf")),
        "less_than": (0.0, fig),
    }[qualifier]
    if act < low - slack:
        return "exaggerated"
    if act > high + slack:
        return "understated"
    return "supported"


def problems(folder: str | Path) -> list[str]:
    """Rows of the set in ``folder`` (a path, or a set name under tests/) that the prices contradict."""
    here = Path(folder) if Path(folder).is_absolute() else TESTS / folder
    out = []
    with open(here / "answers.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    files = {m["file"] for m in csv.DictReader(open(here / "manifest.csv", encoding="utf-8"))}
    for n, row in enumerate(rows, 2):
        where = f"line {n} {row['file']} {row['excerpt']!r}"
        if row["file"] not in files or not (here / "articles" / row["file"]).exists():
            out.append(f"{where}: no such article")
        if not row["end_date"]:
            continue
        ticker, metric, value = row["ticker"], row["metric"], float(row["value"])
        first = row["period"].split("|")[0]
        end = date.fromisoformat(row["end_date"])
        # a row's end_date is the window's last session; for last_week that is the
        # previous week's close, so the week ending there is the same window
        rule = {"*": "1d", "last_week": "week"}.get(first, first)
        start, end2 = tape.window(ticker, rule, end)
        closes = tape.closes(ticker)
        if (str(start), str(end2)) != (row["start_date"], row["end_date"]):
            out.append(f"{where}: window {start}..{end2}, key says {row['start_date']}..{row['end_date']}")
            continue
        if abs(closes[start] - float(row["start_close"])) > 0.01 or abs(closes[end] - float(row["end_close"])) > 0.01:
            out.append(f"{where}: closes differ from the CSV")
        actual = {"level": closes[end], "points": closes[end] - closes[start]}.get(
            metric, (closes[end] / closes[start] - 1) * 100)
        if abs(actual - float(row["actual"])) > 0.006:
            out.append(f"{where}: actual {actual:.2f}, key says {row['actual']}")
        expected = row["expected_verdict"]
        if expected != "optional" and plain_verdict(metric, value, row["qualifier"], actual) != expected:
            out.append(f"{where}: figure {value} vs actual {actual:.2f} reads "
                       f"{plain_verdict(metric, value, row['qualifier'], actual)}, key says {expected}")
    return out


if __name__ == "__main__":
    found = [f"{name}: {p}" for name in sys.argv[1:] or ("heldout2", "heldout3") for p in problems(name)]
    print("\n".join(found) or "answer keys agree with the bundled prices")
    sys.exit(1 if found else 0)
