"""The Themes page: the weekly timeline beside the basket's real moves, and the
articles that tell each theme with their narrative-versus-numbers result."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import no_errors, open_app

import seed
from tapecheck.correlate.narrative import narrative_match, with_baskets
from tapecheck.nlp.themes import tag_article
from tapecheck.records import Article, content_id
from tapecheck.store import Store

STORIES = [
    (date(2026, 1, 14), "Defence Week", "Defence contractors surged after the cabinet approved a record military budget."),
    (date(2026, 1, 22), "Arms orders", "Arms makers rallied again as orders for missiles and submarines piled up."),
    (date(2026, 2, 10), "After the vote", "Defence stocks climbed after the ruling party's landslide win raised hopes for bigger budgets."),
    (date(2026, 2, 11), "Memory", "Flash-memory prices keep rising on demand from AI data centres."),
]


@pytest.fixture
def told(tmp_path, monkeypatch):
    path = tmp_path / "themes.db"
    monkeypatch.setenv("TAPECHECK_DB", str(path))
    monkeypatch.setenv("TAPECHECK_OFFLINE", "1")
    store = Store.open(path)
    seed.load_prices(store)
    book = with_baskets(store)
    for day, title, text in STORIES:
        article = Article(id=content_id(text), source="paste", text=text, title=title, published_at=day)
        store.add_article(article)
        scores = tag_article(article)
        store.save_theme_scores(article.id, scores)
        store.save_narratives(article.id, narrative_match(article, scores, None, day, book))
    yield store
    store.close()


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_most_told_theme_comes_first_with_its_articles_and_timeline(told):
    at = open_app("themes")
    no_errors(at)
    assert at.selectbox(key="theme_pick").value == "defense"
    assert metric(at, "Articles") == "3"
    table = at.dataframe[0].value
    assert list(table["title"]) == ["Defence Week", "Arms orders", "After the vote"]
    assert set(table["told as"]) == {"▲ driver"}
    assert all(v.startswith(("✓", "✗", "≈")) for v in table["narrative vs numbers"])
    assert at.get("plotly_chart"), "the timeline chart is drawn"
    assert metric(at, "Matches") == str(sum(v == "✓ matches" for v in table["narrative vs numbers"]))


def test_choosing_a_theme_shows_its_own_articles(told):
    at = open_app("themes")
    at.selectbox(key="theme_pick").select("ai_semiconductors").run()
    no_errors(at)
    assert list(at.dataframe[0].value["title"]) == ["Memory"]


def test_a_link_can_name_the_theme(told):
    at = open_app("themes", theme="ai_semiconductors")
    no_errors(at)
    assert at.selectbox(key="theme_pick").value == "ai_semiconductors"


def test_empty_database_explains_what_to_do(empty_db):
    at = open_app("themes")
    no_errors(at)
    assert "No article tells a theme yet" in at.info[0].value
