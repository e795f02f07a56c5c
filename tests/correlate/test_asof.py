"""As-of: publication moments per exchange, users' dates, and inference when unknown."""

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import yfinance as yf

from tapecheck import correlate
from tapecheck.correlate import verify_article
from tapecheck.records import FLAG_NO_FIGURE, Article

from .conftest import claim

INGESTED = datetime(2026, 11, 25, tzinfo=timezone.utc)


def article(published=None):
    return Article(id="a", source="paste", text="...", published_at=published,
                   ingested_at=INGESTED)


def test_published_moment_is_converted_per_exchange(book):
    # 21:56 Tokyo, 2026-02-13: Tokyo's Friday session is closed, New York's is not.
    moment = datetime(2026, 2, 13, 21, 56, tzinfo=ZoneInfo("Asia/Tokyo"))
    result = verify_article(article(moment), [
        claim("Nikkei", "^N225", 5, "week", start=1),
        claim("S&P 500", "^GSPC", -1.4, "week", precision=0.1, start=2)], None, book)
    nikkei, sp = result.verifications
    assert result.as_of_source == "published"
    assert nikkei.as_of == date(2026, 2, 13) and nikkei.verdict == "supported"
    assert sp.as_of == date(2026, 2, 12)   # New York had not closed Friday yet


def test_user_as_of_beats_publication(book):
    result = verify_article(article(date(2026, 6, 1)), [claim("Nikkei", "^N225", 5, "week")],
                            None, book, as_of=date(2026, 2, 13))
    assert result.as_of_source == "user" and result.as_of == date(2026, 2, 13)
    assert result.verifications[0].as_of_source == "user"


def test_an_as_of_that_explains_too_few_claims_is_unknown(book):
    # -5.04% for the week of 2026-03-06 and TOPIX +17% YTD never hold on one date:
    # the best session explains 1 of 2 figures, which dates nothing. Both claims
    # say why they are not checked and what would fix it.
    result = verify_article(article(), [
        claim("Tokyo Electron", "8035.T", -5, "week", start=1),
        claim("Topix", "^TOPX", 17, "ytd", start=2)], None, book,
        search=(date(2026, 1, 1), date(2026, 7, 17)))
    assert result.as_of is None and result.as_of_source is None
    assert result.as_of_note.startswith("as-of unknown: no publication date, and no date fits "
                                        "most of the 2 claims that depend on it: at best 1 of 2")
    assert "searched 2026-01-01 to 2026-07-17" in result.as_of_note
    for v in result.verifications:
        assert v.verdict == "unverifiable" and v.as_of is None and v.actual is None
        assert v.reason.startswith("as-of unknown") and v.reason.endswith(
            "set the article's date to check it")


def test_an_inferred_as_of_is_said_in_every_reason_checked_on_it(book):
    # Three figures of the week to Friday 2026-04-17 and one false one.
    result = verify_article(article(), [
        claim("Advantest", "6857.T", 11.5, "week", precision=0.1, start=1),
        claim("Mitsubishi Heavy", "7011.T", -7.9, "week", precision=0.1, start=2),
        claim("Toyota", "7203.T", -1.4, "day:fri", precision=0.1, start=3),
        claim("Tokyo Electron", "8035.T", 4, "day:fri", start=4),
        claim("Kioxia", "285A.T", None, "week", flags=(FLAG_NO_FIGURE,), start=5)], None, book)
    assert result.as_of == date(2026, 4, 17) and result.as_of_source == "inferred"
    assert result.as_of_note.startswith("inferred: 3 of 4 claims hold for sessions 2026-04-17")
    *held, wrong, no_figure = result.verifications
    prefix = "If the article is from 2026-04-17 (date inferred: 3 of 4 claims hold there): "
    assert all(v.reason.startswith(prefix) and v.verdict == "supported" for v in held)
    assert wrong.verdict == "wrong_direction" and wrong.reason.startswith(prefix)
    assert no_figure.reason.startswith("no figure")   # not checked on any date


def test_dates_far_apart_that_fit_as_well_leave_the_as_of_unknown(book):
    # Toyota and the Nikkei both rose about 1% on nine sessions between January
    # and July 2026: the figures do not say which.
    result = verify_article(article(), [claim("Toyota", "7203.T", 1, "1d", start=1),
                                        claim("Nikkei", "^N225", 1, "1d", start=2)], None, book)
    assert result.as_of is None
    assert "no single date fits: 2 of 2 claims hold on " in result.as_of_note
    assert "and as many on 8 other sessions between 2026-01-06 and 2026-07-03" in \
        result.as_of_note


def test_nothing_holds_anywhere_means_as_of_unknown(book):
    result = verify_article(article(), [claim("Toyota", "7203.T", 900, "week")], None, book)
    assert result.as_of is None and result.as_of_source is None
    assert result.as_of_note.startswith("as-of unknown")
    assert result.verifications[0].verdict == "unverifiable"
    assert "as-of unknown" in result.verifications[0].reason


def test_needed_ranges_one_range_per_security():
    claims = [claim("Nikkei", "^N225", 5, "week", start=1),
              claim("Nikkei", "^N225", 13, "ytd", start=2),
              claim("Nikkei", "^N225", 6.4, "week", metric="relative", partner="^GSPC", start=3)]
    ranges = correlate.needed_ranges(claims, None, date(2026, 2, 13))
    assert set(ranges) == {"^N225", "^GSPC"}
    start, end = ranges["^N225"]
    assert start <= date(2025, 12, 30) and end >= date(2026, 2, 13)
    assert ranges["^GSPC"][0] <= date(2026, 2, 6)


def test_prepare_prices_offline_uses_stored_prices_only(tmp_path, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("offline must not download")

    monkeypatch.setattr(yf, "download", no_network)
    from tapecheck.store import Store

    store = Store.open(tmp_path / "t.db")
    a = article()
    claims = [claim("Kioxia", "285A.T", 120, "ytd", qualifier="approx", precision=10),
              claim("Sony", "6758.T", 5, "ytd", start=5)]
    # A fresh database holds no prices: nothing is verified until prices are imported.
    empty = correlate.prepare_prices(store, [a], {a.id: claims}, None, offline=True)
    assert {v.verdict for v in verify_article(a, claims, None, empty).verifications} == {
        "unverifiable"}
    correlate.load_snapshot(store)
    book = correlate.prepare_prices(store, [a], {a.id: claims}, None, offline=True)
    assert "285A.T" in book and "^N225" not in book   # only what the claims need
    result = verify_article(a, claims, None, book, as_of=date(2026, 2, 13))
    assert result.verifications[0].verdict == "supported"
    assert result.verifications[1].reason.startswith("no price data for 6758.T between ")


def test_a_single_figure_cannot_date_an_article(book):
    # "Toyota rose 1% on the day" holds on many sessions.
    result = verify_article(article(), [claim("Toyota", "7203.T", 1, "1d")], None, book,
                            search=(date(2026, 1, 1), date(2026, 3, 31)))
    assert result.as_of is None and result.as_of_source is None
    assert "a single figure cannot date the article: 1 of 1 claims hold, on " in \
        result.as_of_note


def test_a_tokyo_session_that_has_not_opened_is_never_used(book):
    # tests/fixtures/articles/us-record.txt: published 16:30 New York on Thursday
    # 2026-08-13, which is 05:30 Friday in Tokyo, before Tokyo opens. "The Topix
    # closed at a record 4,176.04" is Thursday's close, not Friday's (4,197.20).
    moment = datetime(2026, 8, 13, 16, 30, tzinfo=ZoneInfo("America/New_York"))
    level, record = verify_article(article(moment), [
        claim("Topix", "^TOPX", 4176.04, "1d", metric="level", precision=0.01,
              figure="4,176.04", start=1),
        claim("Topix", "^TOPX", None, "1d", metric="record_high", figure="record", start=2)],
        None, book).verifications
    for v in (level, record):
        assert v.as_of == date(2026, 8, 13) and v.window_end == date(2026, 8, 13)
        assert "closed 4,176.04 on 2026-08-13" in v.reason and "trading" not in v.reason
        assert v.reason.endswith("published at 05:30 Tokyo time, before the 2026-08-14 "
                                 "session opened, so checked against the 2026-08-13 close")
    assert level.verdict == "supported" and record.verdict == "supported"


def test_a_new_york_evening_checks_tokyo_against_its_last_close(book):
    # Monday 2026-02-16 18:00 New York = Tuesday 08:00 Tokyo: "the Nikkei fell
    # 0.2% today" can only be Monday's Tokyo session, the last one that closed.
    moment = datetime(2026, 2, 16, 18, 0, tzinfo=ZoneInfo("America/New_York"))
    nikkei, = verify_article(article(moment), [
        claim("Nikkei", "^N225", -0.2, "1d", precision=0.1, start=1)], None, book).verifications
    assert nikkei.window_end == date(2026, 2, 16) and nikkei.as_of == date(2026, 2, 16)
    assert "trading" not in nikkei.reason and nikkei.verdict == "supported"


def test_a_stated_close_outweighs_more_claims_that_hold_elsewhere(book):
    # Three week moves hold on 2025-06-13; the Nikkei's stated close of 39,584.58
    # and the Topix's week hold on 2025-06-26. A stated close pins a few
    # sessions, so the inference prefers the date where the stated level holds.
    claims = [claim("Toyota", "7203.T", -3.7, "week", precision=0.1, start=1),
              claim("Tokyo Electron", "8035.T", 0.6, "week", precision=0.1, start=2),
              claim("Mitsubishi Heavy", "7011.T", 1.2, "week", precision=0.1, start=3),
              claim("Topix", "^TOPX", 1.2, "week", precision=0.1, start=4),
              claim("Nikkei 225", "^N225", 39584.58, "1d", metric="level", precision=0.01,
                    figure="39,584.58", start=5)]
    result = verify_article(article(), claims, None, book,
                            search=(date(2025, 6, 1), date(2025, 7, 31)))
    assert result.as_of == date(2025, 6, 26)
    assert "including 1 stated closing level" in result.as_of_note
    assert result.verifications[-1].verdict == "supported"


def test_a_stated_close_outside_the_default_span_widens_the_search(book):
    # An undated article ingested 2026-11-25 whose figures are all from Thursday
    # 2025-06-26, more than a year earlier (bench corpus article 0041). The
    # default span (the year before ingestion) holds no session at the stated
    # Nikkei close, so the search extends to every session with prices.
    claims = [claim("Topix", "^TOPX", 1.2, "week", precision=0.1, start=1),
              claim("Topix", "^TOPX", 0.7, "ytd", precision=0.1, start=2),
              claim("Mitsubishi Heavy", "7011.T", 2.8, "week", precision=0.1, start=3),
              claim("Nikkei 225", "^N225", 1.6, "day:thu", precision=0.1, start=4),
              claim("Nikkei 225", "^N225", -0.2, "1y", precision=0.1, start=5),
              claim("Nikkei 225", "^N225", 39584.58, "day:thu", metric="level",
                    precision=0.01, figure="39,584.58", start=6)]
    result = verify_article(article(), claims, None, book)
    assert result.as_of == date(2025, 6, 26)
    assert {v.verdict for v in result.verifications} == {"supported"}
    assert "6 of 6 claims hold" in result.as_of_note
    assert "searched 2025-11-24 to 2026-08-21, then 2024-06-03 to 2026-08-21" in \
        result.as_of_note


def test_a_user_span_is_kept_and_a_contradicted_level_is_said(book):
    claims = [claim("Topix", "^TOPX", 1.2, "week", precision=0.1, start=1),
              claim("Nikkei 225", "^N225", 39584.58, "1d", metric="level", precision=0.01,
                    figure="39,584.58", start=2)]
    result = verify_article(article(), claims, None, book,
                            search=(date(2026, 1, 1), date(2026, 7, 31)))
    assert "searched 2026-01-01 to 2026-07-31)" in result.as_of_note
    assert "no session searched closed at the stated level (Nikkei 225 39,584.58)" in \
        result.as_of_note


def test_default_search_span_is_the_year_before_ingestion_within_the_prices():
    first, last = date(2024, 6, 3), date(2026, 8, 21)
    assert correlate.default_search_span(date(2026, 3, 1), first, last) == (
        date(2025, 2, 28), date(2026, 3, 1))
    # Ingested after the prices end: clipped at their last day.
    assert correlate.default_search_span(date(2026, 11, 25), first, last) == (
        date(2025, 11, 24), last)
    # Ingested years later: the last year of prices, not an empty span.
    assert correlate.default_search_span(date(2030, 1, 1), first, last) == (
        date(2025, 8, 20), last)


def test_the_note_says_the_default_span_searched(book):
    # Ingested 2026-11-25; the bundled Nikkei ends 2026-07-10, Toyota 2026-07-17.
    holds = verify_article(article(), [claim("Nikkei", "^N225", 5, "week")], None, book)
    assert "searched 2025-11-24 to 2026-07-10" in holds.as_of_note
    never = verify_article(article(), [claim("Toyota", "7203.T", 900, "week")], None, book)
    assert "searched 2025-11-24 to 2026-07-17" in never.as_of_note
