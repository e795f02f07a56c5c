"""The downloadable HTML verification report of one article."""

from __future__ import annotations

from conftest import no_errors, open_app

from tapecheck.records import Review
from tapecheck.ui.report import build_report


def test_report_holds_verdicts_closes_charts_and_escaped_comments(seeded):
    store, articles = seeded
    week = articles["week"]
    advantest = next(c for c in store.claims(week.id) if c.ticker == "6857.T")
    store.add_review(Review(advantest.id, week.id, "supported", "<i>checked</i> on the tape", "KM"))
    report = build_report(store, week.id)
    assert report.startswith("<!doctype html>") and "<script" not in report.lower()
    assert "As of 2026-02-13" in report
    # Advantest's two real closes with their sessions
    assert "Base close 2026-02-06: 24,530.00 · compared close 2026-02-13: 27,130.00" in report
    assert report.count("<svg") == 5                                # one chart per priced claim
    assert "&lt;i&gt;checked&lt;/i&gt; on the tape" in report and "<i>checked" not in report
    assert "&lt;script&gt;alert(&#x27;x&#x27;)" in report          # article prose stays text
    assert report.count("class=\"tc-tag\"") == 6                  # the text, claims numbered
    for verdict in ("✓ supported", "▲ exaggerated", "? unverifiable"):
        assert verdict in report


def test_review_page_downloads_the_report_of_its_article(seeded, downloads):
    _, articles = seeded
    at = open_app("review", article=articles["undated"].id)
    no_errors(at)
    button = at.get("download_button")[0]
    assert button.proto.label == "Report"
    report = downloads(button).decode("utf-8")
    assert "<h1>Memory makers undated</h1>" in report
    assert "Verdicts are conditional: as of 2026-02-13" in report
    assert "Base close 2025-12-30: 10,435.00 · compared close 2026-02-13: 22,845.00" in report
