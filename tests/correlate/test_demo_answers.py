"""The bundled demo's answer key (data/demo/answers.csv), computed independently
of this verifier by bench/demo_facts.py: every claim's verdict and window must match."""

import csv
import re
from datetime import date, datetime, timezone

import pytest

from tapecheck import ingest
from tapecheck.config import data_dir
from tapecheck.correlate import AsOf, verify_article, verify_claim
from tapecheck.records import FLAG_NO_FIGURE, Article, Claim

DEMO = data_dir() / "demo"


def precision(figure_text: str) -> float:
    """The rounding step of the written figure: '1.4%' -> 0.1, '120' -> 10, '5' -> 1."""
    found = re.search(r"\d[\d,]*(?:\.\d+)?", figure_text)
    if not found:
        return 1.0
    digits = found.group(0).replace(",", "")
    if "." in digits:
        return 10.0 ** -len(digits.split(".")[1])
    zeros = len(digits) - len(digits.rstrip("0"))
    return float(10 ** min(zeros, len(digits) - 2)) if len(digits) >= 3 else 1.0


def answer_claims():
    with open(DEMO / "answers.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    out = []
    for n, r in enumerate(rows):
        value = float(r["value"]) if r["value"] else None
        flags = (FLAG_NO_FIGURE,) if value is None and r["metric"] != "record_high" else ()
        claim = Claim(article_id=r["file"], start=n, end=n + 1, sentence_start=n,
                      sentence_end=n + 1, sentence="", entity=r["entity"],
                      ticker=r["ticker"] or None, metric=r["metric"], value=value,
                      qualifier=r["qualifier"], period=r["period"], precision=precision(
                          r["figure_text"]), figure_text=r["figure_text"],
                      partner_ticker=r["partner_ticker"] or None,
                      partner_entity=r["partner_ticker"] or None, flags=flags)
        out.append((claim, r))
    return out


def published():
    with open(DEMO / "manifest.csv", newline="", encoding="utf-8") as handle:
        return {r["file"]: ingest.parse_published(r["published"]) if r["published"] else None
                for r in csv.DictReader(handle)}


def test_every_answer_matches(book):
    moments = published()
    wrong = []
    for claim, row in answer_claims():
        moment = moments[row["file"]]
        when = (AsOf(moment, "published") if moment
                else AsOf(date.fromisoformat(row["as_of"]), "inferred"))
        v = verify_claim(claim, None, book, when)
        ok = v.verdict == row["verdict"]
        if ok and v.verdict != "unverifiable":
            ok = str(v.window_end) == row["window_end"] and (
                claim.metric in ("level", "record_high")
                or str(v.window_start) == row["window_start"])
            if claim.metric in ("price_return", "relative"):
                ok = ok and v.actual == pytest.approx(float(row["actual"]), abs=1e-3)
        if not ok:
            wrong.append(f"{row['file']} {claim.entity} {row['figure_text']}: want "
                         f"{row['verdict']} {row['window_start']}..{row['window_end']}, got "
                         f"{v.verdict} {v.window_start}..{v.window_end}: {v.reason}")
    assert wrong == []


def test_undated_article_as_of_is_inferred_from_its_claims(book):
    claims = [c for c, row in answer_claims() if row["file"].startswith("12-")]
    article = Article(id="12", source="file", text="...", published_at=None,
                      ingested_at=datetime(2026, 11, 25, tzinfo=timezone.utc))
    result = verify_article(article, claims, None, book)
    assert result.as_of == date(2026, 5, 22) and result.as_of_source == "inferred"
    # 8 figures depend on the date (the record-high claim states none); the two
    # deliberate errors (Tokyo Electron +60% YTD, Mitsubishi Heavy +14% this month)
    # fail, the other six hold
    assert result.as_of_note.startswith("inferred: 6 of 8 claims hold for sessions 2026-05-22")
    assert all(v.reason.startswith("If the article is from 2026-05-22 (date inferred: 6 of 8 "
                                   "claims hold there): ") for v in result.verifications)
