"""Undated articles end to end: ingest, real spaCy extraction, as-of inference and
verification on the bundled prices, in a real SQLite file.

A date is inferred only when it clearly explains most of the figures that depend
on it; otherwise those claims are unverifiable and say how to fix it, while claims
that name their own period ("in 2025") are checked anyway.
"""

from __future__ import annotations

import pytest

from tapecheck import correlate, ingest
from tapecheck.orchestrate import process
from tapecheck.store import Store

# Every figure is the bundled tape as of Friday 2026-04-17, except Tokyo Electron,
# which fell 3.95% that day: a deliberate error the inferred date must catch.
TRUE_WEEK = """Testers carry Tokyo while exporters stall

Advantest climbed 11.5% this week and is up 37% this month, as orders for memory test \
systems kept arriving. Mitsubishi Heavy Industries lost 7.9% over the week.

The Nikkei 225 has gained about 16% since the start of the year. Kioxia is up about \
190% this year.

Toyota fell 1.4% on Friday, and Tokyo Electron rose 4% on Friday.
"""

# Figures from four different moments (the week of 2026-04-17, May 2026, late June
# 2026, the year 2025): no single date explains most of them.
MIXED = """Notes from a long spring

Advantest jumped 11.5% this week. Mitsubishi Heavy Industries has fallen 14% this month, \
and the Nikkei 225 is up about 38% this year. Sumitomo Metal Mining slid 7.9% today.

For the record, the Topix gained 22% in 2025.
"""

# Only named periods, all ended: checked over those periods, no date needed.
LOOK_BACK = """A look back at a strange year

The Topix gained 22% in 2025, and Sumitomo Metal Mining surged 76% in 2025. Toyota added \
15% in 2025.

In March 2025, Mitsubishi Heavy Industries rose 27%.
"""


@pytest.fixture(scope="module")
def verified(tmp_path_factory):
    """{name: (article row, {figure text: claim row})} after the real pipeline."""
    store = Store.open(tmp_path_factory.mktemp("undated") / "undated.db")
    correlate.load_snapshot(store)
    ids = {}
    for name, text in (("true", TRUE_WEEK), ("mixed", MIXED), ("look_back", LOOK_BACK)):
        article = ingest.from_text(text, source="paste")
        assert article.published_at is None
        store.add_article(article)
        ids[name] = article.id
    process(store, list(ids.values()), offline=True, themes=False)
    articles = {r["id"]: r for r in store.article_rows()}
    out = {}
    for name, article_id in ids.items():
        claims = {}
        for row in store.claim_rows(article_id):
            claims[(row["ticker"], row["value"])] = row
        out[name] = (articles[article_id], claims)
    yield out
    store.close()


def test_a_true_undated_piece_gets_its_date_and_says_it_is_inferred(verified):
    article, claims = verified["true"]
    assert (article["as_of"], article["as_of_source"]) == ("2026-04-17", "inferred")
    assert article["as_of_note"].startswith("inferred: 6 of 7 claims hold for sessions "
                                            "2026-04-17..2026-04-17")
    condition = "If the article is from 2026-04-17 (date inferred: 6 of 7 claims hold there): "
    for row in claims.values():
        assert row["reason"].startswith(condition), row["reason"]
    assert claims[("6857.T", 11.5)]["verdict"] == "supported"
    assert claims[("285A.T", 190.0)]["verdict"] == "supported"
    # the one false figure is caught on the inferred date, and says on which closes
    wrong = claims[("8035.T", 4.0)]
    assert wrong["verdict"] == "wrong_direction"
    assert "45,820 on 2026-04-16 and 44,010 on 2026-04-17" in wrong["reason"]


def test_claims_that_fit_no_single_date_leave_the_as_of_unknown(verified):
    article, claims = verified["mixed"]
    assert article["as_of"] is None and article["as_of_source"] is None
    note = article["as_of_note"]
    assert note.startswith("as-of unknown: no publication date, and no date fits most of the "
                           "4 claims that depend on it")
    assert "set the article's date" in note
    for key in (("6857.T", 11.5), ("7011.T", -14.0), ("^N225", 38.0), ("5713.T", -7.9)):
        row = claims[key]
        assert row["verdict"] == "unverifiable"
        assert row["reason"].startswith("as-of unknown") and row["reason"].endswith(
            "set the article's date to check it")
    # the named year is checked anyway, on its own closes
    topix = claims[("^TOPX", 22.0)]
    assert topix["verdict"] == "supported"
    assert (topix["window_start"], topix["window_end"]) == ("2024-12-30", "2025-12-30")
    assert (topix["as_of"], topix["as_of_source"]) == ("2025-12-30", None)
    assert topix["reason"].endswith("the article is undated: checked over the whole period the "
                                    "claim names, as for an article written after it")


def test_named_periods_need_no_date(verified):
    article, claims = verified["look_back"]
    assert article["as_of"] is None and article["as_of_source"] is None
    assert "every claim names its own period" in article["as_of_note"]
    verdicts = {key: row["verdict"] for key, row in claims.items()}
    assert verdicts == {("^TOPX", 22.0): "supported", ("5713.T", 76.0): "supported",
                        ("7203.T", 15.0): "exaggerated", ("7011.T", 27.0): "supported"}
    march = claims[("7011.T", 27.0)]
    assert (march["window_start"], march["window_end"]) == ("2025-02-28", "2025-03-31")
    # not conditional on any date: nothing was inferred
    assert all(row["as_of_source"] is None for row in claims.values())
    assert not any(row["reason"].startswith("If the article") for row in claims.values())
