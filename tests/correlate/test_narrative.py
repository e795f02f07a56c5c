"""Narrative versus numbers on the bundled real prices: a theme told, a window,
the basket against its benchmark, and the verdict an analyst would write."""

from __future__ import annotations

from datetime import date, datetime, timezone
from functools import cache

import pandas as pd
import pytest

from tapecheck import config
from tapecheck.correlate import load_snapshot
from tapecheck.correlate.narrative import (
    Window, article_window, narrative_match, themes_report, timeline, timeline_report, with_baskets,
)
from tapecheck.errors import NotFound
from tapecheck.nlp.themes import tag_article
from tapecheck.records import Article, ThemeScore, Verification, content_id
from tapecheck.store import Store


@cache
def close(ticker: str, day: str) -> float:
    """Independent of the code under test: the last close on or before ``day``."""
    frame = pd.read_csv(config.data_dir() / "prices" / f"{ticker.replace('^', '_')}.csv", parse_dates=["date"])
    return float(frame.set_index("date")["close"][:day].iloc[-1])


def pct(ticker: str, start: str, end: str) -> float:
    return (close(ticker, end) / close(ticker, start) - 1) * 100


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = Store.open(tmp_path_factory.mktemp("narrative") / "t.db")
    load_snapshot(s)
    yield s
    s.close()


@pytest.fixture(scope="module")
def book(store):
    return with_baskets(store)


def article(text: str, published=None) -> Article:
    return Article(id=content_id(text), source="paste", text=text, published_at=published)


def overall(theme_id: str, direction: str, article_id: str = "a1") -> ThemeScore:
    return ThemeScore(article_id, theme_id, 0.8, evidence="evidence sentence", direction=direction)


def test_defense_told_as_driver_matches_the_ytd_tape(book):
    a = article("Defence makers keep rising.", date(2026, 2, 13))
    ytd = Verification("c1", "supported", "ok", window_start=date(2025, 12, 30), window_end=date(2026, 2, 13))
    [row] = narrative_match(a, [overall("defense", "driver", a.id)], [ytd], date(2026, 2, 13), book)
    expected = sum(pct(t, "2025-12-31", "2026-02-13") for t in ("7011.T", "7012.T", "7013.T")) / 3
    assert row["basket_return"] == pytest.approx(expected, abs=0.01)
    assert row["benchmark_return"] == pytest.approx(pct("^N225", "2025-12-31", "2026-02-13"), abs=0.01)
    assert row["match"] == "matches"
    assert row["summary"] == ("defense: told as a driver; equal-weight basket +50.9% vs Nikkei +13.1% "
                              "YTD to 2026-02-13 — matches")


def test_the_same_tape_contradicts_a_headwind_story(book):
    a = article("Defence makers face a reckoning.", date(2026, 2, 13))
    window = Window(date(2025, 12, 31), date(2026, 2, 13), "YTD", "claims")
    [row] = narrative_match(a, [overall("defense", "headwind", a.id)], window, None, book)
    assert row["match"] == "contradicts"
    [row] = narrative_match(a, [overall("defense", "neutral", a.id)], window, None, book)
    assert row["match"] == "no direction" and row["excess"] > 30


def test_without_claims_the_window_is_the_month_to_the_as_of(book):
    a = article("Chips are the story.", datetime(2025, 10, 31, 16, 0, tzinfo=timezone.utc))
    [row] = narrative_match(a, [overall("ai_semiconductors", "driver", a.id)], None, None, book)
    assert (row["window_start"], row["window_end"], row["window_source"]) == ("2025-09-30", "2025-10-31", "default")
    members = {t: pct(t, "2025-09-30", "2025-10-31") for t in ("285A.T", "8035.T", "6857.T", "5016.T", "NVDA", "MU")}
    assert row["members"] == pytest.approx({t: round(v, 2) for t, v in members.items()}, abs=0.01)
    assert row["basket_return"] == pytest.approx(sum(members.values()) / 6, abs=0.01)


def test_most_common_claim_window_wins_and_ytd_is_labelled():
    v = [Verification(f"c{i}", "supported", "", window_start=date(2025, 12, 30), window_end=date(2026, 2, 13))
         for i in range(3)]
    v.append(Verification("c9", "supported", "", window_start=date(2026, 2, 12), window_end=date(2026, 2, 13)))
    window = article_window(v, date(2026, 2, 13))
    assert (window.start, window.end, window.label, window.source) == (
        date(2025, 12, 31), date(2026, 2, 13), "YTD", "claims")
    assert article_window([], None) is None


def test_members_without_prices_are_named_not_guessed(book):
    a = article("Spending plans lift contractors.", date(2026, 1, 16))
    [row] = narrative_match(a, [overall("fiscal_stimulus", "driver", a.id)], None, None, book)
    assert any(m.startswith("1801.T") for m in row["missing"])
    assert "4 of 6 members priced" in row["summary"]
    [bank] = narrative_match(a, [overall("monetary_policy", "driver", a.id)], None, None, book)
    assert bank["match"] == "unverifiable" and "(8306.T: no prices; 8316.T: no prices" in bank["summary"]


def test_a_window_past_the_last_price_is_unverifiable(book):
    a = article("Defence again.", date(2026, 10, 30))
    [row] = narrative_match(a, [overall("defense", "driver", a.id)], None, None, book)
    assert row["match"] == "unverifiable"
    assert "prices end 2026-07-17" in row["summary"]


def test_unknown_as_of_gives_no_window():
    a = article("Undated defence story.")
    [row] = narrative_match(a, [overall("defense", "driver", a.id)], None, None, None)
    assert row["match"] == "unverifiable" and "as-of is unknown" in row["summary"]


def test_only_article_level_scores_are_matched(book):
    a = article("x", date(2026, 2, 13))
    sentence = ThemeScore(a.id, "defense", 0.9, sentence_start=0, sentence_end=1, direction="driver")
    assert narrative_match(a, [sentence], None, None, book) == []


# --- the store side --------------------------------------------------------------

STORIES = [
    (date(2026, 1, 14), "Defence contractors surged after the cabinet approved a record military budget."),
    (date(2026, 1, 15), "Arms makers rallied again as orders for missiles and submarines piled up."),
    (date(2026, 2, 10), "Defence stocks climbed after the ruling party's landslide win raised hopes for bigger budgets."),
    (date(2026, 2, 11), "Flash-memory prices keep rising on demand from AI data centres."),
]


@pytest.fixture(scope="module")
def told(store, book):
    for day, text in STORIES:
        a = article(text, day)
        store.add_article(a)
        scores = tag_article(a)
        store.save_theme_scores(a.id, scores)
        store.save_narratives(a.id, narrative_match(a, scores, None, day, book))
    return store


def test_timeline_counts_articles_by_week_beside_the_cumulative_returns(told, book):
    frame = timeline(told, "defense", book)
    weeks = dict(zip(frame["week_end"], frame["articles"]))
    assert weeks[date(2026, 1, 16)] == 2 and weeks[date(2026, 2, 13)] == 1
    assert sum(weeks.values()) == 3
    base = str(frame["week_end"].iloc[0] - pd.Timedelta(days=7))
    row = frame[frame["week_end"] == date(2026, 2, 13)].iloc[0]
    expected = sum(pct(t, base, "2026-02-13") for t in ("7011.T", "7012.T", "7013.T")) / 3
    assert row["basket_return"] == pytest.approx(expected, abs=1e-6)
    assert row["excess"] == pytest.approx(expected - pct("^N225", base, "2026-02-13"), abs=1e-6)
    chips = timeline(told, "ai_semiconductors", book)
    assert chips["articles"].sum() == 1


def test_timeline_report_rows_are_plain_values(told):
    rows = timeline_report(told, "defense")
    assert rows[0].keys() == {"week_end", "articles", "drivers", "headwinds", "basket_return",
                              "benchmark_return", "excess", "dated_by_as_of"}
    assert all(isinstance(r["week_end"], str) for r in rows)
    assert sum(r["drivers"] for r in rows) == 3


def test_themes_report_per_article_carries_the_narrative_result(told):
    rows = themes_report(told, theme_id="defense")
    assert len(rows) == 3
    assert all(r["direction"] == "driver" and r["match"] in {"matches", "contradicts", "even"} for r in rows)
    assert all(r["summary"].startswith("defense: told as a driver; equal-weight basket") for r in rows)
    one = themes_report(told, article_id=rows[0]["article_id"])
    assert {r["theme_id"] for r in one} >= {"defense"}


def test_reports_reject_unknown_ids(told):
    with pytest.raises(NotFound):
        themes_report(told, article_id="nope")
    with pytest.raises(NotFound, match="known themes"):
        timeline(told, "astrology")
    with pytest.raises(NotFound, match="known themes"):
        themes_report(told, theme_id="astrology")


def test_undated_articles_count_in_the_week_of_their_inferred_as_of(tmp_path, book):
    """An article with no publication date is still a story told: it lands in the
    week of its as-of, marked as such; one with neither date is only counted."""
    s = Store.open(tmp_path / "undated.db")
    dated = article("Defence contractors surged after the cabinet approved a record military budget.",
                    date(2026, 1, 14))
    undated = article("Arms makers rallied again as orders for missiles and submarines piled up.")
    lost = article("Shipyards building frigates for the navy won more defence orders this month.")
    for a in (dated, undated, lost):
        s.add_article(a)
        s.save_theme_scores(a.id, tag_article(a))
    s.set_as_of(undated.id, date(2026, 2, 10), "inferred", "claims fit the session of 2026-02-10")
    frame = timeline(s, "defense", book)
    weeks = frame.set_index("week_end")
    assert weeks.loc[date(2026, 1, 16), "articles"] == 1 and weeks.loc[date(2026, 1, 16), "dated_by_as_of"] == 0
    assert weeks.loc[date(2026, 2, 13), "articles"] == 1 and weeks.loc[date(2026, 2, 13), "dated_by_as_of"] == 1
    assert frame["articles"].sum() == 2 and frame.attrs["undated"] == 1
    assert "as-of" in frame.attrs["note"]
    rows = {r["article_id"]: r for r in themes_report(s, theme_id="defense")}
    assert rows[undated.id]["published"] is None
    assert (rows[undated.id]["day"], rows[undated.id]["dated_by"]) == ("2026-02-10", "as_of")
    assert rows[lost.id]["day"] is None
    s.close()


def test_empty_store_gives_an_empty_timeline(tmp_path):
    s = Store.open(tmp_path / "empty.db")
    assert timeline(s, "defense").empty
    assert themes_report(s) == []
    s.close()


def test_claims_in_the_themed_sentence_choose_the_window(book):
    from tapecheck.records import Claim

    text = "Nvidia jumped 3% on the day. Defence makers have gained 20% this week on new orders."
    a = article(text, date(2026, 2, 13))
    defence_at = text.index("Defence")

    def claim(start: int, ticker: str, period: str) -> Claim:
        return Claim(a.id, start, start + 10, start, start + 20, "", "x", ticker, "price_return", 3.0,
                     period=period)

    day1, week = claim(0, "NVDA", "1d"), claim(defence_at, "7011.T", "week")
    day2 = Claim(a.id, 5, 15, 0, 28, "", "y", "NVDA", "price_return", 3.0, period="1d")
    verifications = [
        Verification(day1.id, "supported", "", window_start=date(2026, 2, 12), window_end=date(2026, 2, 13)),
        Verification(day2.id, "supported", "", window_start=date(2026, 2, 12), window_end=date(2026, 2, 13)),
        Verification(week.id, "supported", "", window_start=date(2026, 2, 6), window_end=date(2026, 2, 13)),
    ]
    scores = [overall("defense", "driver", a.id),
              ThemeScore(a.id, "defense", 0.8, sentence_start=defence_at, sentence_end=len(text), direction="driver")]
    [row] = narrative_match(a, scores, verifications, None, book, claims=[day1, day2, week])
    assert (row["window_start"], row["window_end"], row["window_label"]) == ("2026-02-06", "2026-02-13", "week")
    [row] = narrative_match(a, scores, verifications, None, book)
    assert row["window_start"] == "2026-02-12", "without claims the most common window wins"
