"""The claims explorer: every claim, filters, counts, CSV and JSON downloads."""

from __future__ import annotations

import csv
import io
from datetime import date

from conftest import no_errors, open_app

from tapecheck.records import Review


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_lists_every_claim_with_counts_by_verdict(seeded):
    store, _ = seeded
    at = open_app("explorer")
    no_errors(at)
    assert len(at.dataframe[0].value) == len(store.claim_rows()) == 8
    assert metric(at, "Claims") == "8"
    assert metric(at, "✓ supported") == str(sum(r["verdict"] == "supported" for r in store.claim_rows()))


def test_filters_by_verdict_security_and_review(seeded):
    store, articles = seeded
    at = open_app("explorer")
    at.multiselect(key="ex_verdict").select("supported").run()
    table = at.dataframe[0].value
    assert len(table) > 0 and {v.split(" if as of ")[0] for v in table["verdict"]} == {"✓ supported"}

    at.multiselect(key="ex_verdict").unselect("supported")
    at.multiselect(key="ex_ticker").select("7203.T").run()
    table = at.dataframe[0].value
    assert len(table) == 2 and all("7203.T" in s for s in table["subject"])

    toyota = next(c for c in store.claims(articles["week"].id) if c.ticker == "7203.T")
    store.add_review(Review(toyota.id, toyota.article_id, "exaggerated", "rounding", "KM"))
    at.selectbox(key="ex_reviewed").set_value("reviewed").run()   # a CLI-side write shows up
    table = at.dataframe[0].value
    assert len(table) == 1 and table["review"].item() == "▲ exaggerated"


def test_filters_by_period_and_article_date(seeded):
    at = open_app("explorer")
    at.multiselect(key="ex_period").select("year to date").run()
    assert set(at.dataframe[0].value["period"]) == {"year to date"}
    at.multiselect(key="ex_period").unselect("year to date")
    at.date_input(key="ex_dates").set_value((date(2026, 3, 1), date(2026, 12, 31))).run()
    no_errors(at)
    # Only the undated article (dated by its as-of, 2026-02-13) and the published one exist.
    assert len(at.dataframe[0].value) == 0
    assert metric(at, "Claims") == "0"


def test_csv_download_holds_the_filtered_claims(seeded, downloads):
    store, _ = seeded
    at = open_app("explorer")
    at.multiselect(key="ex_ticker").select("285A.T").run()
    button = next(b for b in at.get("download_button") if b.proto.label == "CSV")
    rows = list(csv.DictReader(io.StringIO(downloads(button).decode("utf-8"))))
    expected = {r["claim_id"] for r in store.claim_rows() if r["ticker"] == "285A.T"}
    assert {r["claim_id"] for r in rows} == expected and len(rows) == 2
    first = rows[0]
    assert first["window_start"] == "2025-12-30" and float(first["start_close"]) == 10435


def test_undated_articles_show_their_as_of_instead_of_a_date(seeded):
    at = open_app("explorer")
    published = set(at.dataframe[0].value["published"])
    assert published == {"2026-02-13 16:30", "2026-02-13 (inferred)"}


def test_a_selected_claim_opens_its_article_for_review(seeded):
    store, articles = seeded
    at = open_app("explorer")
    at.multiselect(key="ex_ticker").select("285A.T").run()
    at.session_state["ex_table"] = {"selection": {"rows": [1], "columns": [], "cells": []}}
    at.run()
    target = at.dataframe[0].value.iloc[1]
    at.button(key="ex_open").click().run()
    no_errors(at)
    chosen = at.selectbox(key="review_article").value
    assert store.article(chosen).title == target["article"]
    picked = at.selectbox(key=f"claim-{chosen}").value
    assert next(c for c in store.claims(chosen) if c.id == picked).ticker == "285A.T"


def test_json_download_holds_the_filtered_claims(seeded, downloads):
    import json

    at = open_app("explorer")
    at.multiselect(key="ex_verdict").select("unverifiable").run()
    button = next(b for b in at.get("download_button") if b.proto.label == "JSON")
    rows = json.loads(downloads(button))
    assert [r["entity"] for r in rows] == ["Acme Robotics"]
    assert rows[0]["final_verdict"] == "unverifiable" and rows[0]["ticker"] is None
