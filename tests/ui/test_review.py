"""The article review page: highlighted text, verdict table, evidence, reviews."""

from __future__ import annotations

import json

from conftest import no_errors, open_app

from tapecheck.orchestrate import process


def claim_id_of(store, article, entity: str) -> str:
    return next(c.id for c in store.claims(article.id) if c.entity == entity)


def table_of(at):
    return at.dataframe[0].value


def test_shows_claims_with_verdicts_and_the_published_as_of(seeded):
    store, articles = seeded
    at = open_app("review", article=articles["week"].id)
    no_errors(at)
    table = table_of(at)
    verdicts = dict(zip(table["subject"], table["verdict"]))
    assert verdicts["Advantest (6857.T)"] == "✓ supported"
    assert verdicts["The Nikkei 225 (^N225)"] == "▲ exaggerated"   # +4.95% in that week, not 9%
    assert verdicts["Acme Robotics (?)"] == "? unverifiable"
    assert table.loc[table["subject"] == "Advantest (6857.T)", "window"].item() == \
        "2026-02-06 → 2026-02-13"
    banner = at.info[0].value
    assert "As of 2026-02-13" in banner and "publication time" in banner


def test_undated_article_says_its_as_of_was_inferred(seeded):
    _, articles = seeded
    at = open_app("review", article=articles["undated"].id)
    no_errors(at)
    banner = at.warning[0].value
    assert "as of 2026-02-13, a date inferred from the claims" in banner and "conditional" in banner


def test_article_text_is_escaped_and_claims_marked_at_their_spans(seeded):
    store, articles = seeded
    at = open_app("review", article=articles["week"].id)
    body = next(h.proto.body for h in at.html if "tc-article" in h.proto.body)
    assert "<script>" not in body and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in body
    assert "&lt;b&gt;mentioned&lt;/b&gt;" in body
    assert body.count("class=\"tc-tag\"") == len(store.claims(articles["week"].id))
    # Advantest's claim is marked exactly from its subject to its figure.
    assert "Advantest</span></mark><mark" in body and "jumped 10.6</mark>" not in body


def test_selected_claim_shows_a_chart_with_both_closes(seeded):
    store, articles = seeded
    week = articles["week"]
    at = open_app("review", article=week.id)
    at.selectbox(key=f"claim-{week.id}").set_value(claim_id_of(store, week, "Advantest")).run()
    no_errors(at)
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    points = next(t for t in spec["data"] if t.get("name") == "window closes")
    assert points["y"] == [24530, 27130]                # the real closes of 2026-02-06 / 02-13
    assert "10.6%" in spec["layout"]["title"]["text"]


def test_override_is_stored_and_survives_reverification(seeded):
    store, articles = seeded
    week = articles["week"]
    nikkei = claim_id_of(store, week, "The Nikkei 225")
    at = open_app("review", article=week.id)
    at.selectbox(key=f"claim-{week.id}").set_value(nikkei).run()
    next(r for r in at.radio if r.label == "Verdict").set_value("supported")
    at.text_area[0].input("Desk meant the two-week move.")
    next(t for t in at.text_input if t.label == "Reviewer").input("KM")
    at.button(key="FormSubmitter:review-" + nikkei + "-Save review").click().run()
    no_errors(at)
    [review] = store.reviews(nikkei)
    assert (review.verdict, review.comment, review.reviewer) == \
        ("supported", "Desk meant the two-week move.", "KM")
    assert "✓ supported" in table_of(at).set_index("subject").loc["The Nikkei 225 (^N225)", "review"]

    process(store, [week.id], offline=True)               # the real verifier runs again
    fresh = open_app("review", article=week.id)
    no_errors(fresh)
    row = fresh.dataframe[0].value.set_index("subject").loc["The Nikkei 225 (^N225)"]
    assert row["review"] == "✓ supported"


def test_analyst_sets_the_as_of_and_verify_keeps_it(seeded):
    from datetime import date

    store, articles = seeded
    week = articles["week"]
    at = open_app("review", article=week.id)
    at.date_input(key=f"asof-{week.id}").set_value(date(2026, 2, 6))
    at.button(key=f"asof-go-{week.id}").click().run()
    no_errors(at)
    meta = next(r for r in store.article_rows() if r["id"] == week.id)
    assert (meta["as_of"], meta["as_of_source"]) == ("2026-02-06", "user")
    assert "As of 2026-02-06" in at.info[0].value and "set by the analyst" in at.info[0].value

    at.button(key="verify").click().run()        # "Verify" again: the analyst's date stays
    no_errors(at)
    meta = next(r for r in store.article_rows() if r["id"] == week.id)
    assert meta["as_of_source"] == "user"
    at.button(key=f"asof-auto-{week.id}").click().run()
    meta = next(r for r in store.article_rows() if r["id"] == week.id)
    assert (meta["as_of"], meta["as_of_source"]) == ("2026-02-13", "published")


def test_analyst_can_list_only_the_claims_that_do_not_hold(seeded):
    store, articles = seeded
    week = articles["week"]
    at = open_app("review", article=week.id)
    at.radio(key=f"show-{week.id}").set_value("not supported").run()
    no_errors(at)
    table = table_of(at)
    # Nikkei (exaggerated), S&P 500 (wrong direction), Acme (unverifiable); numbers
    # stay those of the article text.
    assert "✓ supported" not in set(table["verdict"])
    assert list(table["#"]) == [3, 5, 6]
    picker = at.selectbox(key=f"claim-{week.id}")
    assert picker.value in set(c.id for c in store.claims(week.id) if c.entity != "Advantest")
    assert picker.format_func(picker.value).startswith("#3 ")
