"""Verdicts on an inferred as-of read as conditional wherever a verdict is shown,
and exports flag them; the stored verdicts stay as they are.

The undated article goes through the real pipeline (ingest, spaCy extraction,
as-of inference, verification on the bundled prices) on a real SQLite file.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from conftest import no_errors, open_app

from tapecheck import ingest
from tapecheck.orchestrate import process
from tapecheck.ui.as_of import support_text
from tapecheck.ui.report import build_report

NOTES = Path(__file__).resolve().parent.parent / "fixtures" / "as_of"
UNDATED = (NOTES / "undated-chip-week.txt").read_text(encoding="utf-8")
DATED = (NOTES / "dated-note.txt").read_text(encoding="utf-8")


@pytest.fixture
def undated(empty_db):
    """(store, undated article id, its as-of, dated article id) after the real pipeline."""
    store = empty_db
    article = ingest.from_text(UNDATED, source="paste", title="Undated chip note")
    dated = ingest.from_text(DATED, source="paste", title="Dated note", published=date(2026, 2, 13))
    store.add_article(article)
    store.add_article(dated)
    process(store, [article.id, dated.id], offline=True, themes=False)
    meta = {r["id"]: r for r in store.article_rows()}[article.id]
    assert meta["as_of_source"] == "inferred" and support_text(meta["as_of_note"])
    return store, article.id, meta["as_of"], dated.id


def stored_verdicts(store, article_id):
    return sorted(r["verdict"] for r in store.claim_rows(article_id))


def test_review_page_shows_verdicts_on_an_inferred_date_as_conditional(undated):
    store, article_id, as_of, _ = undated
    before = stored_verdicts(store, article_id)
    at = open_app("review", article=article_id)
    no_errors(at)
    banner = at.warning[0].value
    count = support_text(next(r for r in store.article_rows() if r["id"] == article_id)["as_of_note"])
    assert f"Verdicts are conditional: as of {as_of}, a date inferred from {count} claims" in banner
    assert "Set the date" in banner
    verdicts = at.dataframe[0].value["verdict"].tolist()
    assert verdicts and all(v.endswith(f"if as of {as_of}") for v in verdicts
                            if not v.startswith("?"))
    evidence = [m.value.replace("\\", "") for m in at.markdown if "If the article is from" in m.value]
    # said once, with the date and its support (by the verify stage's reason, or the page)
    assert evidence and evidence[0].count(f"If the article is from {as_of}") == 1
    assert count in evidence[0]
    assert stored_verdicts(store, article_id) == before          # presentation only
    assert all(" if " not in v for v in before)


def test_setting_the_real_date_makes_the_verdicts_plain(undated):
    store, article_id, _, _ = undated
    at = open_app("review", article=article_id)
    at.date_input(key=f"asof-{article_id}").set_value(date(2026, 2, 13))
    at.button(key=f"asof-go-{article_id}").click().run()
    no_errors(at)
    assert not [w for w in at.warning if "conditional" in w.value]
    assert "As of 2026-02-13" in at.info[0].value and "set by the analyst" in at.info[0].value
    assert not any("if as of" in v for v in at.dataframe[0].value["verdict"])


def test_a_dated_article_has_plain_verdicts(undated):
    _, _, _, dated = undated
    at = open_app("review", article=dated)
    no_errors(at)
    assert not any("if as of" in v for v in at.dataframe[0].value["verdict"])
    assert "publication time" in at.info[0].value


def test_explorer_marks_and_exports_conditional_verdicts(undated, downloads):
    store, article_id, as_of, dated = undated
    at = open_app("explorer")
    no_errors(at)
    table = at.dataframe[0].value
    undated_rows = table[table["article"] == "Undated chip note"]
    dated_rows = table[table["article"] == "Dated note"]
    assert all(v.endswith(f"if as of {as_of} (inferred)") for v in undated_rows["verdict"]
               if not v.startswith("?"))
    assert not any("if as of" in v for v in dated_rows["verdict"])
    assert set(undated_rows["published"]) == {f"{as_of} (inferred)"}
    assert any("rest on an as-of inferred" in w.value for w in at.warning)

    button = next(b for b in at.get("download_button") if b.proto.label == "CSV")
    rows = list(csv.DictReader(io.StringIO(downloads(button).decode())))
    by_article = {}
    for row in rows:
        by_article.setdefault(row["article_id"], []).append(row)
    assert {r["as_of_source"] for r in by_article[article_id]} == {"inferred"}
    assert {r["verdict_conditional"] for r in by_article[article_id]
            if r["verdict"] != "unverifiable"} == {"True"}
    assert {r["verdict_conditional"] for r in by_article[dated]} == {"False"}
    assert all(r["as_of_support"] for r in by_article[article_id])
    assert {r["verdict"] for r in rows} <= {"supported", "exaggerated", "understated",
                                            "wrong_direction", "unverifiable"}


def test_report_says_the_verdicts_are_conditional(undated):
    store, article_id, as_of, dated = undated
    report = build_report(store, article_id)
    assert "Verdicts are conditional" in report and f"if as of {as_of} (inferred)" in report
    assert "--as-of YYYY-MM-DD" in report
    plain = build_report(store, dated)
    assert "Verdicts are conditional" not in plain and "if as of" not in plain
