"""Scoring extracted claims against a labelled set: a claim counts as right
only when subject, metric, value, qualifier, period and the forward flag all
agree. Shared by the labelled-set test and ``bench/claims_bench.py``."""

from __future__ import annotations

from collections import Counter
from datetime import date

from tapecheck.records import FLAG_FORWARD, Article, Claim, content_id


P, LVL, PTS, REC, REL = "price_return", "level", "points", "record_high", "relative"


# Helpers to write expected claims as (ticker, metric, value, qualifier, period, forward).
def pr(ticker, value, qualifier="exact", period="1d", forward=False):
    return (ticker, P, value, qualifier, period, forward)


def lvl(ticker, value, period="1d", qualifier="exact"):
    return (ticker, LVL, value, qualifier, period, False)


def pts(ticker, value, period="1d", qualifier="exact"):
    return (ticker, PTS, value, qualifier, period, False)


def rec(ticker, period="1d", forward=False):
    return (ticker, REC, None, "exact", period, forward)


def rel(ticker, value, qualifier="exact", period="1d"):
    return (ticker, REL, value, qualifier, period, False)


def claim_key(c: Claim) -> tuple:
    value = None if c.value is None else round(c.value, 4)
    return (c.ticker, c.metric, value, c.qualifier, c.period, FLAG_FORWARD in c.flags)


def expected_key(t: tuple) -> tuple:
    ticker, metric, value, qualifier, period, forward = t
    return (ticker, metric, None if value is None else round(float(value), 4), qualifier, period, forward)


def score(cases, extract, published: date) -> dict:
    """Precision and recall over (text, expected claims) cases, with the misses."""
    tp = n_pred = n_exp = 0
    misses = []
    for text, expected in cases:
        article = Article(id=content_id(text), source="paste", text=text, published_at=published)
        got = Counter(claim_key(c) for c in extract(article).claims)
        want = Counter(expected_key(t) for t in expected)
        hit = sum((got & want).values())
        tp += hit
        n_pred += sum(got.values())
        n_exp += sum(want.values())
        if got != want:
            misses.append({"text": text, "extra": sorted(map(str, (got - want).elements())),
                           "missing": sorted(map(str, (want - got).elements()))})
    return {"precision": tp / n_pred if n_pred else 1.0, "recall": tp / n_exp if n_exp else 1.0,
            "true_positives": tp, "predicted": n_pred, "expected": n_exp, "cases": len(cases),
            "misses": misses}
