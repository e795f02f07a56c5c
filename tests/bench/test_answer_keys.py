"""The answer keys of the bundled demo and of the fixture articles agree with
the articles and with the bundled prices, so tests and the bench that score
tapecheck against them score it against the truth."""

from __future__ import annotations

import csv
import html
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo"
FIXTURES = ROOT / "tests" / "fixtures" / "articles"
sys.path.insert(0, str(ROOT / "bench"))

import demo_answers  # noqa: E402


def rows(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def close_on(ticker: str, day: str) -> float:
    for row in rows(ROOT / "data" / "prices" / f"{ticker.replace('^', '_')}.csv"):
        if row["date"] == day:
            return float(row["close"])
    raise KeyError(f"{ticker} has no close on {day}")


def test_manifest_lists_every_demo_article_with_its_headline():
    manifest = rows(DEMO / "manifest.csv")
    assert list(manifest[0]) == ["file", "title", "published", "source_note"]
    assert sorted(r["file"] for r in manifest) == sorted(p.name for p in DEMO.glob("[0-9][0-9]-*.txt"))
    assert len(manifest) >= 14
    for row in manifest:
        text = (DEMO / row["file"]).read_text(encoding="utf-8")
        assert text.splitlines()[0] == row["title"]
        assert 150 <= len(text.split()) <= 400, row["file"]


def test_demo_publication_dates_span_months_and_forms():
    published = [r["published"] for r in rows(DEMO / "manifest.csv")]
    assert published.count("") == 1
    moments = [datetime.fromisoformat(p) for p in published if "T" in p]
    days = [date.fromisoformat(p) for p in published if p and "T" not in p]
    assert moments and days and all(m.utcoffset() is not None for m in moments)
    months = {(d.year, d.month) for d in days} | {(m.year, m.month) for m in moments}
    assert len(months) >= 6


def test_demo_key_is_current_with_the_prices():
    """Regenerating the key from the CSVs reproduces answers.csv exactly."""
    fresh = demo_answers.build()
    stored = rows(DEMO / "answers.csv")
    assert len(fresh) == len(stored)
    for new, old in zip(fresh, stored):
        assert (new["ticker"], new["figure_text"], new["verdict"]) == (old["ticker"], old["figure_text"], old["verdict"])
        assert str(new["window_start"]) == old["window_start"] and str(new["window_end"]) == old["window_end"]


@pytest.mark.parametrize("key, folder", [(DEMO / "answers.csv", DEMO), (FIXTURES / "expected.csv", FIXTURES)])
def test_every_keyed_figure_is_in_its_article_and_its_closes_are_real(key, folder):
    for row in rows(key):
        text = html.unescape((folder / row["file"]).read_text(encoding="utf-8"))
        for part in row["figure_text"].split(" vs "):
            if part not in ("record", "record high", "record close"):
                assert part in text, (row["file"], part)
        if not row["window_start"]:
            assert row["verdict"] == "unverifiable"
            continue
        start = close_on(row["ticker"], row["window_start"])
        end = close_on(row["ticker"], row["window_end"])
        assert abs(start - float(row["start_close"])) < 1e-3 and abs(end - float(row["end_close"])) < 1e-3
        if row["metric"] == "price_return":
            assert abs((end / start - 1) * 100 - float(row["actual"])) < 1e-3


def test_demo_shows_every_verdict_and_every_security():
    key = rows(DEMO / "answers.csv")
    assert {r["verdict"] for r in key} == {"supported", "exaggerated", "understated", "wrong_direction", "unverifiable"}
    wrong = sum(r["verdict"] != "supported" for r in key)
    assert 0.12 <= wrong / len(key) <= 0.3
    tickers = {p.stem.replace("_", "^") for p in (ROOT / "data" / "prices").glob("*.csv") if p.stem != "MANIFEST"}
    assert {r["ticker"] for r in key} == tickers
    assert {r["metric"] for r in key} >= {"price_return", "level", "points", "record_high", "relative"}
