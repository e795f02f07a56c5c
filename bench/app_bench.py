"""App speed: AppTest render time of the review page for an article with 200
claims, and of the claims explorer over 10,000 claims, with warm caches.

Data is a real SQLite file with the bundled real prices; claims sit at real
spans and their verifications are computed from the real closes (see
tests/ui/seed.py). Target: review page < 1.5 s warm.

    python bench/app_bench.py [--quick]
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "ui"))

import seed  # noqa: E402


def _timed(at, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        at.run()
        out.append(time.perf_counter() - start)
        if at.exception:
            raise RuntimeError(at.exception[0].value)
    return out


def _build(path: Path, review_claims: int, explorer_claims: int) -> str:
    from tapecheck.store import Store

    store = Store.open(path)
    seed.load_prices(store, seed.TICKERS)
    big = seed.big_article(store, review_claims)
    done, n = review_claims, 0
    while done < explorer_claims:          # more articles until the explorer has enough
        n += 1
        size = min(500, explorer_claims - done)
        seed.big_article(store, size, salt=f"batch {n}")
        done += size
    store.close()
    return big.id


def run(quick: bool = False) -> dict:
    from streamlit.testing.v1 import AppTest

    review_claims, explorer_claims = 200, (2_000 if quick else 10_000)
    runs = 3 if quick else 7
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        t0 = time.perf_counter()
        article_id = _build(path, review_claims, explorer_claims)
        build_s = time.perf_counter() - t0
        os.environ["TAPECHECK_DB"] = str(path)
        os.environ["TAPECHECK_OFFLINE"] = "1"
        app = str(ROOT / "ui" / "app.py")

        review = AppTest.from_file(app, default_timeout=300)
        review.query_params["article"] = article_id
        review.switch_page("views/review.py")
        review_cold = _timed(review, 1)[0]
        review_warm = _timed(review, runs)

        explorer = AppTest.from_file(app, default_timeout=300)
        explorer.switch_page("views/explorer.py")
        explorer_cold = _timed(explorer, 1)[0]
        explorer_warm = _timed(explorer, runs)
        shown = len(explorer.dataframe[0].value)
        explorer.multiselect(key="ex_verdict").select("supported")
        filtered = _timed(explorer, runs)

    rows = [
        {"metric": "review page, 200 claims, warm", "value": statistics.median(review_warm),
         "unit": "s", "runs": review_warm, "note": "target < 1.5 s"},
        {"metric": "review page, 200 claims, cold", "value": review_cold, "unit": "s"},
        {"metric": f"explorer, {explorer_claims:,} claims, warm",
         "value": statistics.median(explorer_warm), "unit": "s", "runs": explorer_warm,
         "note": f"{shown:,} rows shown"},
        {"metric": f"explorer, {explorer_claims:,} claims, cold", "value": explorer_cold,
         "unit": "s"},
        {"metric": f"explorer, {explorer_claims:,} claims, verdict filter",
         "value": statistics.median(filtered), "unit": "s", "runs": filtered},
        {"metric": "bench database build", "value": build_s, "unit": "s"},
    ]
    return {"name": "app", "rows": rows,
            "summary": f"review warm median {statistics.median(review_warm):.3f} s "
                       f"(target < 1.5 s); explorer warm median "
                       f"{statistics.median(explorer_warm):.3f} s over {explorer_claims:,} claims"}


if __name__ == "__main__":
    result = run(quick="--quick" in sys.argv)
    for row in result["rows"]:
        print(f"{row['metric']:<45} {row['value']:8.3f} {row['unit']}  {row.get('note', '')}")
    print(result["summary"])
