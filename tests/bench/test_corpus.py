"""The bench corpus: deterministic, complete, and every figure it calls true is
true on the bundled prices (checked with an independent pandas/calendar
computation, bench/demo_facts.py, not with the generator's own arithmetic)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402
from demo_facts import fact  # noqa: E402


@pytest.fixture(scope="module")
def labelled() -> list[dict]:
    return list(corpus.iter_labelled(120, seed=11))


def read_truth(folder: Path) -> list[dict]:
    return [json.loads(line) for line in (folder / "truth.jsonl").read_text(encoding="utf-8").splitlines()]


def test_generate_writes_n_articles_manifest_and_truth(tmp_path):
    paths = corpus.generate(25, tmp_path, seed=4)
    assert len(paths) == 25 and all(p.exists() and p.suffix == ".txt" for p in paths)
    with open(tmp_path / "manifest.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["file"] for r in rows] == [p.name for p in paths]
    assert list(rows[0]) == ["file", "title", "published"]
    truth = read_truth(tmp_path)
    assert [t["file"] for t in truth] == [p.name for p in paths]
    for path, row in zip(paths, rows):
        assert path.read_text(encoding="utf-8").splitlines()[0] == row["title"]


def test_same_seed_same_corpus_other_seed_other_corpus(tmp_path):
    first, second, other = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    corpus.generate(15, first, seed=9)
    corpus.generate(15, second, seed=9)
    corpus.generate(15, other, seed=10)
    for name in ["manifest.csv", "truth.jsonl", *(f"{i:04d}.txt" for i in range(15))]:
        assert (first / name).read_bytes() == (second / name).read_bytes()
    assert (first / "truth.jsonl").read_bytes() != (other / "truth.jsonl").read_bytes()


def test_small_corpus_is_the_start_of_a_large_one():
    assert list(corpus.iter_articles(8, seed=2)) == list(corpus.iter_articles(20, seed=2))[:8]


def test_iter_articles_matches_the_written_files(tmp_path):
    paths = corpus.generate(6, tmp_path, seed=5)
    for path, (title, text, published) in zip(paths, corpus.iter_articles(6, seed=5)):
        assert path.read_text(encoding="utf-8") == text
        assert text.startswith(title)


def test_publication_moments_are_mixed_and_well_formed(labelled):
    published = [a["published"] for a in labelled]
    moments = [p for p in published if "T" in p]
    assert any(p == "" for p in published) or len(labelled) < 50
    assert moments and any(len(p) == 10 for p in published)
    for p in moments:
        assert datetime.fromisoformat(p).utcoffset() is not None
    for article in labelled:
        assert article["as_of_source"] == ("published" if article["published"] else "inferred")


def _period(period: str) -> str:
    return "ytd" if period.startswith("ytd") else period


def _actual(claim: dict, published: str) -> float | bool:
    """The claim's real figure, recomputed independently of the generator."""
    own = fact(claim["ticker"], _period(claim["period"]), published)
    assert (str(own["start"]), str(own["end"])) == (claim["window_start"], claim["window_end"])
    if claim["metric"] == "relative":
        return own["pct"] - fact(claim["partner_ticker"], _period(claim["period"]), published)["pct"]
    return {"price_return": own["pct"], "level": own["end_close"], "points": own["points"],
            "record_high": own["record_close"]}[claim["metric"]]


def test_true_claims_state_the_real_move(labelled):
    checked = 0
    for article in labelled:
        published = article["published"] or article["as_of"]
        for claim in article["claims"]:
            assert claim["sentence"] in article["text"]
            assert all(part in claim["sentence"] for part in claim["figure_text"].split(" vs "))
            if claim["intent"] != "true":
                continue
            actual, value, half = _actual(claim, published), claim["value"], claim["precision"] / 2 + 1e-9
            qualifier = claim["qualifier"]
            if claim["metric"] == "record_high":
                assert actual is True
            elif claim["metric"] == "level":
                assert abs(value - actual) <= 0.005
            elif claim["metric"] == "points":
                assert abs(value - actual) <= 0.5
            elif qualifier in ("exact", "approx"):
                assert abs(value - actual) <= half, (claim, actual)
            elif qualifier == "more_than":
                assert abs(actual) > abs(value) and (actual > 0) == (value > 0), (claim, actual)
            elif qualifier == "nearly":
                assert 0.9 * abs(value) <= abs(actual) < abs(value) and (actual > 0) == (value > 0), (claim, actual)
            else:
                raise AssertionError(f"unexpected qualifier {qualifier}")
            assert claim["verdict"] == "supported"
            checked += 1
    assert checked > 300


def test_wrong_claims_are_clearly_wrong_in_the_labelled_direction(labelled):
    wrong = 0
    for article in labelled:
        published = article["published"] or article["as_of"]
        for claim in article["claims"]:
            if claim["intent"] == "true":
                continue
            if claim["value"] is None:
                assert claim["verdict"] == "unverifiable"
                continue
            actual, value = _actual(claim, published), claim["value"]
            if claim["metric"] in ("price_return", "relative"):
                assert abs(value - actual) > max(1.5, 0.25 * abs(actual)), (claim, actual)
            if (value > 0) != (actual > 0):
                assert claim["verdict"] == "wrong_direction"
            else:
                assert claim["verdict"] == ("exaggerated" if abs(value) > abs(actual) else "understated")
            wrong += 1
    total = sum(len(a["claims"]) for a in labelled)
    assert 0.1 < wrong / total < 0.35


def test_mix_covers_markets_metrics_qualifiers_and_non_price_figures(labelled):
    claims = [c for a in labelled for c in a["claims"]]
    assert {c["metric"] for c in claims} >= {"price_return", "level", "points", "relative"}
    assert {c["qualifier"] for c in claims} >= {"exact", "approx", "more_than", "nearly"}
    assert any(c["ticker"].endswith(".T") for c in claims) and any(c["ticker"] in ("NVDA", "MU") for c in claims)
    periods = {c["period"].split(":")[0] for c in claims}
    assert periods >= {"1d", "day", "week", "month", "ytd", "1y"}
    assert any(c["in_table"] for c in claims)
    assert sum(bool(a["non_price"]) for a in labelled) > len(labelled) // 3
    assert all(len(a["claims"]) >= 1 for a in labelled)


def test_command_line_writes_the_corpus(tmp_path):
    out = tmp_path / "cli"
    done = subprocess.run([sys.executable, str(BENCH / "corpus.py"), "7", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert len(list(out.glob("*.txt"))) == 7 and "7 articles" in done.stdout
    bad = subprocess.run([sys.executable, str(BENCH / "corpus.py")], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "usage" in bad.stderr
