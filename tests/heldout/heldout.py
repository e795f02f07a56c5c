"""The held-out set: articles written by QA in house styles the team never tuned
on, an answer key computed from the bundled prices, and the scoring that says
how the real pipeline does on them.

Used by ``test_heldout.py`` (floors) and ``bench/heldout_bench.py`` (figures).
Everything runs as a user would: a real SQLite file, the bundled price CSVs,
``ingest`` with the manifest's publication moment, then an offline verify.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"


def manifest(folder: Path = HERE) -> list[dict]:
    with open(folder / "manifest.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def answers(folder: Path = HERE) -> list[dict]:
    """Answer rows; ``expected_verdict == 'optional'`` rows may be found or not
    (a finding there is neither credited nor counted as spurious)."""
    with open(folder / "answers.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        row["value"] = float(row["value"])
        row["periods"] = set(row["period"].split("|"))
    return rows


def run_pipeline(db_path: Path, files: list[str] | None = None, folder: Path = HERE) -> list[dict]:
    """Import bundled prices, ingest each article with its manifest date, verify
    offline; return the claim rows (the ``claims --format json`` contract) with
    the article's file name added. ``folder`` holds manifest.csv and articles/
    (tests/heldout2 reuses this with its own set)."""
    from tapecheck import config, correlate, orchestrate
    from tapecheck.store import Store

    store = Store.open(db_path)
    correlate.import_prices(store, [config.data_dir() / "prices"])
    file_of = {}
    for entry in manifest(folder):
        if files is not None and entry["file"] not in files:
            continue
        outcomes = orchestrate.ingest_inputs(
            store, [str(folder / "articles" / entry["file"])], published=entry["published"] or None)
        outcome = outcomes[0]
        if outcome.error:
            raise AssertionError(f"{entry['file']} failed to ingest: {outcome.error}")
        file_of[outcome.article_id] = entry["file"]
    orchestrate.process(store, list(file_of), offline=True, themes=False)
    rows = store.claim_rows()
    for row in rows:
        row["file"] = file_of.get(row["article_id"])
    return rows


def _close(a: float | None, b: float) -> bool:
    return a is not None and abs(abs(a) - abs(b)) <= max(0.011, 0.001 * abs(b))


def match(rows: list[dict], key: list[dict]) -> tuple[list[tuple[dict, dict | None]], list[dict]]:
    """Pair each answer row with at most one product claim of the same file,
    ticker and metric whose figure is the same number (sign judged separately).
    Returns (answer, claim or None) pairs and the unpaired product claims."""
    free = list(rows)
    pairs = []
    for answer in key:
        found = None
        for claim in free:
            # a record_high claim has no figure: it pairs on file, ticker and metric alone
            same_figure = answer["metric"] == "record_high" or _close(claim["value"], answer["value"])
            if (claim["file"] == answer["file"] and claim["ticker"] == answer["ticker"]
                    and claim["metric"] == answer["metric"] and same_figure):
                found = claim
                break
        if found is not None:
            free.remove(found)
        pairs.append((answer, found))
    return pairs, free


def score(rows: list[dict], key: list[dict]) -> dict:
    """Claim precision/recall, attribute accuracy of found claims, verdict accuracy."""
    pairs, unpaired = match(rows, key)
    # A flagged forward-looking statement is the product doing its job, not noise.
    forward = [c for c in unpaired if "forward_looking" in c["flags"]]
    spurious = [c for c in unpaired if "forward_looking" not in c["flags"]]
    required = [(a, c) for a, c in pairs if a["expected_verdict"] != "optional"]
    found = [(a, c) for a, c in required if c is not None]
    optional_found = sum(1 for a, c in pairs if a["expected_verdict"] == "optional" and c is not None)
    n_claims = len(rows)
    sign_ok = sum(1 for a, c in found if (a["value"] >= 0) == (c["value"] >= 0))
    period_ok = sum(1 for a, c in found if "*" in a["periods"] or c["period"] in a["periods"])
    qualifier_ok = sum(1 for a, c in found if c["qualifier"] == a["qualifier"])
    verdict_ok = sum(1 for a, c in found if c.get("verdict") == a["expected_verdict"])
    wrong_key = [(a, c) for a, c in required if a["expected_verdict"] not in ("supported", "unverifiable")]
    caught = sum(1 for a, c in wrong_key if c is not None
                 and c.get("verdict") not in ("supported", "unverifiable"))
    confusion = Counter((a["expected_verdict"], c.get("verdict") if c else "missed") for a, c in required)
    return {
        "claims_found": n_claims,
        "answers": len(required),
        "matched": len(found),
        "recall": len(found) / len(required),
        "precision": (len(found) + optional_found + len(forward)) / n_claims if n_claims else 0.0,
        "forward_flagged": len(forward),
        "spurious": len(spurious),
        "sign_accuracy": sign_ok / len(found) if found else 0.0,
        "period_accuracy": period_ok / len(found) if found else 0.0,
        "qualifier_accuracy": qualifier_ok / len(found) if found else 0.0,
        "verdict_accuracy_found": verdict_ok / len(found) if found else 0.0,
        "verdict_accuracy_all": verdict_ok / len(required),
        "wrong_claims": len(wrong_key),
        "wrong_claims_caught": caught,
        "confusion": {f"{e}->{g}": n for (e, g), n in sorted(confusion.items())},
        "_pairs": pairs,
        "_spurious": spurious,
    }


def describe(result: dict) -> str:
    """A readable list of misses, spurious claims and wrong attributes."""
    lines = []
    for a, c in result["_pairs"]:
        if a["expected_verdict"] == "optional":
            continue
        if c is None:
            lines.append(f"MISSED   {a['file']}: {a['excerpt']!r} ({a['ticker']} {a['metric']} {a['value']})")
            continue
        problems = []
        if (a["value"] >= 0) != (c["value"] >= 0):
            problems.append(f"sign {c['value']} (want {a['value']})")
        if "*" not in a["periods"] and c["period"] not in a["periods"]:
            problems.append(f"period {c['period']} (want {a['period']})")
        if c["qualifier"] != a["qualifier"]:
            problems.append(f"qualifier {c['qualifier']} (want {a['qualifier']})")
        if c.get("verdict") != a["expected_verdict"]:
            problems.append(f"verdict {c.get('verdict')} (want {a['expected_verdict']}): {c.get('reason')}")
        if problems:
            lines.append(f"WRONG    {a['file']}: {a['excerpt']!r}: " + "; ".join(problems))
    for c in result["_spurious"]:
        lines.append(f"SPURIOUS {c['file']}: {c['entity']!r} {c['ticker']} {c['metric']} {c['value']} "
                     f"{c['period']} -> {c.get('verdict')} | {c['sentence'][:110]!r}")
    return "\n".join(lines)
