"""Verdict accuracy on the labelled claims (tests/correlate/labelled_verifications.csv).

Each row was labelled from the real bundled closes (see its note column), not
from this verifier's output.
"""

from collections import Counter

from tapecheck.records import QUALIFIERS, VERDICTS


def test_labelled_set_covers_every_period_qualifier_and_verdict(verify_bench):
    rows = verify_bench.labelled_claims()
    assert len(rows) >= 80
    assert {c.qualifier for c, _, _ in rows} == set(QUALIFIERS)
    assert {expected for _, _, expected in rows} == set(VERDICTS)
    kinds = {c.period.split(":")[0] + (":" if ":" in c.period else "") for c, _, _ in rows}
    assert kinds >= {"1d", "day:", "week", "last_week", "month", "last_month", "month:",
                     "ytd", "ytd:", "year:", "1y", "since:", "since_event", "none"}
    metrics = Counter(c.metric for c, _, _ in rows)
    assert set(metrics) == {"price_return", "level", "points", "record_high", "direction",
                            "relative"}


def test_verdict_accuracy(verify_bench, book):
    rows = verify_bench.labelled_claims()
    accuracy, misses = verify_bench.accuracy(book, rows)
    print(f"verdict accuracy {accuracy:.1%} on {len(rows)} labelled claims")
    assert misses == [], "\n".join(f"{c.entity} {c.value} {c.period}: expected {e}, got {g}: {r}"
                                   for c, e, g, r in misses)


def test_bench_runs_quick(verify_bench):
    result = verify_bench.run(quick=True)
    assert result["accuracy"] == 1.0
    assert result["naive_same_verdicts"]
    assert result["claims_per_s"] > 0 and result["naive_claims_per_s"] > 0
    assert str(result["inferred_as_of"]) == "2026-02-13"
    assert str(result["wide_inferred_as_of"]) == "2025-06-26"
