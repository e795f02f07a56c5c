"""Verdict accuracy on the labelled claims, and claims verified per second.

Prices come from the bundled snapshot in a throwaway SQLite store. The
throughput figure (CPU time of this process, so other jobs on the machine do not
distort it) is for a warm PriceBook (prices cached in memory, the usual
case inside a batch); beside it runs the naive way, two SQL lookups per claim,
to show what the vectorised book buys.

    python bench/verify_bench.py          # full run
    python bench/verify_bench.py --quick  # a few seconds
"""

from __future__ import annotations

import csv
import sys
import tempfile
import time
from datetime import date, datetime, timezone
from pathlib import Path

import pandas as pd
from tapecheck.correlate import AsOf, PriceBook, load_snapshot, verify_article, verify_claim
from tapecheck.records import Article, Claim
from tapecheck.store import Store

LABELLED = Path(__file__).resolve().parent.parent / "tests" / "correlate" / "labelled_verifications.csv"


def labelled_claims(path: Path = LABELLED) -> list[tuple[Claim, date, str]]:
    """(claim, as-of day, expected verdict) for each row of the labelled set."""
    out = []
    with open(path, newline="", encoding="utf-8") as handle:
        for n, row in enumerate(csv.DictReader(handle)):
            text = f"{row['entity']} {row['value']} {row['period']}"
            claim = Claim(
                article_id="labelled", start=n, end=n + 1, sentence_start=n, sentence_end=n + 1,
                sentence=text, entity=row["entity"], ticker=row["ticker"] or None,
                metric=row["metric"], value=float(row["value"]) if row["value"] else None,
                qualifier=row["qualifier"], period=row["period"], period_source="sentence",
                precision=float(row["precision"] or 1), partner_ticker=row["partner"] or None,
                partner_entity=row["partner"] or None, figure_text=row.get("figure") or "",
                flags=tuple(f for f in row["flags"].split("|") if f))
            out.append((claim, date.fromisoformat(row["as_of"]), row["expected"]))
    return out


def accuracy(book: PriceBook, labelled) -> tuple[float, list[tuple[Claim, str, str, str]]]:
    misses = []
    for claim, day, expected in labelled:
        v = verify_claim(claim, None, book, AsOf(day, "user"))
        if v.verdict != expected:
            misses.append((claim, expected, v.verdict, v.reason))
    return 1 - len(misses) / len(labelled), misses


def naive_verification(db, claim: Claim, day: date, when: AsOf):
    """The slow way, same output: query this claim's closes from SQLite, then verify."""
    tickers = [t for t in (claim.ticker, claim.partner_ticker) if t]
    frame = pd.read_sql_query(
        f"select ticker, date, close from prices where ticker in ({','.join('?' * len(tickers))}) "
        f"and date <= ? order by ticker, date", db, params=[*tickers, day.isoformat()])
    return verify_claim(claim, None, PriceBook.from_frame(frame), when)


def older_article() -> list[Claim]:
    """An undated article's claims from Thursday 2025-06-26, more than a year
    before its ingestion, with a stated Nikkei close (like bench corpus 0041)."""
    rows = [("Topix", "^TOPX", "price_return", 1.2, "week", 0.1),
            ("Topix", "^TOPX", "price_return", 0.7, "ytd", 0.1),
            ("Mitsubishi Heavy", "7011.T", "price_return", 2.8, "week", 0.1),
            ("Nikkei 225", "^N225", "price_return", 1.6, "day:thu", 0.1),
            ("Nikkei 225", "^N225", "price_return", -0.2, "1y", 0.1),
            ("Nikkei 225", "^N225", "level", 39584.58, "day:thu", 0.01)]
    return [Claim(article_id="older", start=n, end=n + 1, sentence_start=n, sentence_end=n + 1,
                  sentence=f"{entity} {value} {period}", entity=entity, ticker=ticker,
                  metric=metric, value=value, qualifier="exact", period=period,
                  period_source="sentence", precision=precision)
            for n, (entity, ticker, metric, value, period, precision) in enumerate(rows)]


def run(quick: bool = False) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "bench.db")
        load_snapshot(store)
        started = time.process_time()
        book = PriceBook.from_store(store)
        load_s = time.process_time() - started
        labelled = labelled_claims()
        acc, misses = accuracy(book, labelled)

        n = 2_000 if quick else 40_000
        work = [labelled[i % len(labelled)] for i in range(n)]
        whens = {day: AsOf(day, "user") for _, day, _ in labelled}
        for claim, day, _ in work[:50]:  # warm the calendars
            verify_claim(claim, None, book, whens[day])
        started = time.process_time()
        for claim, day, _ in work:
            verify_claim(claim, None, book, whens[day])
        fast_s = time.process_time() - started

        m = 100 if quick else 1_000
        started = time.process_time()
        naive = [naive_verification(store.db.conn, claim, day, whens[day])
                 for claim, day, _ in work[:m]]
        naive_s = time.process_time() - started
        same = all(v.verdict == verify_claim(c, None, book, whens[d]).verdict
                   for v, (c, d, _) in zip(naive, work[:m]))
        # as-of inference: the labelled claims made on 2026-02-13, as one undated article
        undated = Article(id="undated", source="paste", text="...",
                          ingested_at=datetime(2026, 11, 25, tzinfo=timezone.utc))
        same_day = [c for c, day, _ in labelled if day == date(2026, 2, 13)]
        started = time.process_time()
        inferred = verify_article(undated, same_day, None, book)
        infer_s = time.process_time() - started
        # a stated close outside the default span: the search widens to all prices
        started = time.process_time()
        widened = verify_article(undated, older_article(), None, book)
        wide_s = time.process_time() - started
        store.close()
    result = {
        "inference_claims": len(same_day), "inference_s": infer_s,
        "inferred_as_of": inferred.as_of, "inference_note": inferred.as_of_note,
        "wide_inference_s": wide_s, "wide_inferred_as_of": widened.as_of,
        "wide_inference_note": widened.as_of_note,
        "labelled_claims": len(labelled), "accuracy": acc, "misses": len(misses),
        "claims": n, "claims_per_s": n / fast_s, "naive_claims": m,
        "naive_claims_per_s": m / naive_s, "naive_same_verdicts": same, "book_load_s": load_s,
    }
    for claim, expected, got, reason in misses:
        print(f"MISS {claim.entity} {claim.value} {claim.period}: expected {expected}, got {got}: "
              f"{reason}", file=sys.stderr)
    return result


if __name__ == "__main__":
    r = run(quick="--quick" in sys.argv)
    print(f"verdict accuracy    {r['accuracy']:.1%} on {r['labelled_claims']} labelled claims "
          f"({r['misses']} wrong)")
    print(f"throughput (book)   {r['claims_per_s']:,.0f} claims/s over {r['claims']:,} claims")
    print(f"throughput (naive)  {r['naive_claims_per_s']:,.0f} claims/s over "
          f"{r['naive_claims']:,} claims (SQL query per claim; same verdicts: "
          f"{'yes' if r['naive_same_verdicts'] else 'NO'})")
    print(f"price book load     {r['book_load_s'] * 1000:.0f} ms for the whole snapshot")
    print(f"as-of inference     {r['inference_s'] * 1000:.0f} ms for an undated article of "
          f"{r['inference_claims']} claims -> {r['inferred_as_of']}")
    print(f"as-of inference     {r['wide_inference_s'] * 1000:.0f} ms for 6 claims whose stated "
          f"close is outside the default span (search widened) -> {r['wide_inferred_as_of']}")
