"""The store as an analyst relies on it: nothing duplicated, reviews never lost."""

from datetime import date, datetime, timezone

import pandas as pd
import pytest

from tapecheck.errors import NotFound
from tapecheck.records import Article, Claim, Mention, Review, Security, Verification, content_id
from tapecheck.store import Store

TEXT = "Toyota shares fell 3.2% on Tuesday after the yen strengthened."


def make_article(text=TEXT, published=date(2026, 2, 10)):
    return Article(id=content_id(text), source="paste", text=text, title="Toyota slips",
                   published_at=published)


def make_claim(article, value=-3.2):
    return Claim(article_id=article.id, start=0, end=23, sentence_start=0,
                 sentence_end=len(article.text), sentence=article.text, entity="Toyota",
                 ticker="7203.T", metric="price_return", value=value, period="day:tue",
                 figure_text="3.2%", precision=0.1, flags=())


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "t.db")
    yield s
    s.close()


def test_same_article_twice_is_stored_once(store):
    article = make_article()
    assert store.add_article(article) is True
    assert store.add_article(make_article()) is False
    assert [a.id for a in store.articles()] == [article.id]


def test_article_round_trips_dates_and_flags(store):
    moment = datetime(2026, 2, 13, 21, 56, tzinfo=timezone.utc)
    article = Article(id="a1", source="file", text="x", published_at=moment, flags=("non_english",))
    store.add_article(article)
    back = store.article("a1")
    assert back.published_at == moment and back.flags == ("non_english",)
    unknown = Article(id="a2", source="file", text="y")
    store.add_article(unknown)
    assert store.article("a2").published_at is None


def test_unknown_article_is_a_clear_error(store):
    with pytest.raises(NotFound, match="no article"):
        store.article("does-not-exist")


def test_reextraction_replaces_claims_but_keeps_reviews(store):
    article = make_article()
    store.add_article(article)
    claim = make_claim(article)
    store.save_extraction(article.id, [Mention(article.id, 0, 6, "Toyota", "7203.T")], [claim])
    store.save_verifications(article.id, [Verification(claim.id, "supported", "ok")])
    store.add_review(Review(claim.id, article.id, "exaggerated", "closes are stale"))

    store.save_extraction(article.id, [], [claim])          # extraction runs again
    store.save_verifications(article.id, [Verification(claim.id, "supported", "again")])

    rows = store.claim_rows(article.id)
    assert len(rows) == 1
    assert rows[0]["verdict"] == "supported" and rows[0]["reason"] == "again"
    assert rows[0]["review_verdict"] == "exaggerated"
    assert rows[0]["review_comment"] == "closes are stale"
    assert len(store.reviews(claim.id)) == 1


def test_latest_review_wins_and_history_is_kept(store):
    article = make_article()
    store.add_article(article)
    claim = make_claim(article)
    store.save_extraction(article.id, [], [claim])
    store.add_review(Review(claim.id, article.id, "supported", "first"))
    store.add_review(Review(claim.id, article.id, "wrong_direction", "second look"))
    assert store.claim_rows(article.id)[0]["review_comment"] == "second look"
    assert [r.comment for r in store.reviews(claim.id)] == ["first", "second look"]


def test_failed_transaction_leaves_nothing(store):
    article = make_article()
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.add_article(article)
            store.save_extraction(article.id, [], [make_claim(article)])
            raise RuntimeError("killed mid-way")
    assert store.articles() == [] and store.claims() == []


def test_prices_upsert_and_query_by_range(store):
    frame = pd.DataFrame({"ticker": ["^N225"] * 3,
                          "date": ["2026-02-12", "2026-02-13", "2026-02-16"],
                          "close": [57639.84, 56941.97, 56806.41]})
    assert store.save_prices(frame, "csv") == 3
    store.save_prices(frame.assign(close=frame.close + 1), "csv")   # same days again
    got = store.prices_frame(["^N225"], date(2026, 2, 13), date(2026, 2, 16))
    assert list(got["date"]) == [date(2026, 2, 13), date(2026, 2, 16)]
    assert got["close"].iloc[0] == pytest.approx(56942.97)
    assert store.price_coverage()[0]["rows"] == 3


def test_user_securities_and_aliases(store):
    store.add_security(Security("9984.T", "SoftBank Group Corp", exchange="XTKS",
                                currency="JPY", aliases=("SoftBank",)))
    store.add_alias("7012.T", "Kawaju")
    assert store.user_securities()[0].aliases == ("SoftBank",)
    assert ("Kawaju", "7012.T") in store.user_aliases()


def test_wal_mode_lets_a_second_connection_read_while_writing(tmp_path):
    path = tmp_path / "shared.db"
    writer, reader = Store.open(path), Store.open(path)
    assert writer.db.journal_mode == "wal"
    with writer.transaction():
        writer.add_article(make_article())
        assert reader.articles() == []          # uncommitted work is invisible, not blocking
    assert len(reader.articles()) == 1


def test_full_text_search_finds_articles(store):
    store.add_article(make_article())
    assert [r["id"] for r in store.search("yen")] == [content_id(TEXT)]
