"""Claims against the bundled real prices: the reference article and every verdict kind."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from tapecheck.correlate import AsOf, PriceBook, verify_article, verify_claim
from tapecheck.records import FLAG_FORWARD, FLAG_NO_FIGURE, FLAG_UNRESOLVED, Article

from .conftest import claim

FEB13 = AsOf(date(2026, 2, 13), "user")


def check(book, c, when=FEB13):
    return verify_claim(c, None, book, when)


# -- the reference article's claims (as-of 2026-02-13) -----------------------------
def test_kioxia_about_120_ytd(book):
    v = check(book, claim("Kioxia", "285A.T", 120, "ytd:2026", qualifier="approx",
                          precision=10, figure="~120%"))
    assert v.verdict == "supported"
    assert (v.window_start, v.start_close) == (date(2025, 12, 30), 10435)
    assert (v.window_end, v.end_close) == (date(2026, 2, 13), 22845)
    assert v.actual == pytest.approx(118.93, abs=0.01)
    assert "10,435 on 2025-12-30" in v.reason and "22,845 on 2026-02-13" in v.reason
    assert "+118.9%" in v.reason and "approx: 108–132%" in v.reason


def test_kawasaki_more_than_60_on_split_adjusted_closes(book):
    v = check(book, claim("Kawasaki Heavy", "7012.T", 60, qualifier="more_than",
                          precision=10, figure=">60%"))
    assert v.verdict == "supported"
    assert v.actual == pytest.approx(70.62, abs=0.01)
    # the bundled file is on the post-split (1:5) basis: 10,380 / 5 = 2,076
    assert v.start_close == 2076


def test_nikkei_five_percent_for_the_week(book):
    v = check(book, claim("Nikkei 225", "^N225", 5, "week"))
    assert v.verdict == "supported"
    assert v.actual == pytest.approx(4.96, abs=0.005)
    assert v.window_start == date(2026, 2, 6)


def test_sp500_row_judged_as_written_with_the_week_reading(book):
    v = check(book, claim("S&P 500", "^GSPC", -1.4, "ytd:2026", precision=0.1,
                          figure="-1.4%", period_source="table_header"))
    assert v.verdict == "exaggerated"             # YTD was only -0.14%
    assert v.actual == pytest.approx(-0.14, abs=0.005)
    assert v.alternative.startswith("the week: -1.39%")
    assert "the week: -1.39%" in v.reason


def test_kioxia_1000_percent_over_the_trailing_year(book):
    v = check(book, claim("Kioxia", "285A.T", 1000, "1y", precision=100, figure="+1000%"))
    assert (v.window_start, v.window_end) == (date(2025, 2, 13), date(2026, 2, 13))
    assert v.actual == pytest.approx(1084.3, abs=0.1)
    assert v.verdict == "understated"   # the real move was larger than 1000% (+-50)
    assert "trailing year" in v.reason


def test_reference_article_with_no_date_infers_the_as_of(book):
    article = Article(id="seed", source="paste", text="...", published_at=None,
                      ingested_at=datetime(2026, 11, 25, tzinfo=ZoneInfo("UTC")))
    claims = [
        claim("Kioxia", "285A.T", 120, "ytd:2026", qualifier="approx", precision=10, start=1),
        claim("Kawasaki Heavy", "7012.T", 60, "ytd:2026", qualifier="more_than", precision=10,
              start=2),
        claim("Nikkei 225", "^N225", None, "week", flags=(FLAG_NO_FIGURE,), start=3),
        claim("S&P 500", "^GSPC", -1.4, "ytd:2026", precision=0.1, start=4),
        claim("Kioxia", "285A.T", 1000, "1y", precision=100, start=5),
        claim("Nikkei", "^N225", 5, "week", start=6),
        claim("S&P 500", "^GSPC", -1.4, "week", precision=0.1, start=7),
    ]
    result = verify_article(article, claims, None, book)
    assert result.as_of_source == "inferred"
    assert result.as_of == date(2026, 2, 13)
    assert result.as_of_note.startswith("inferred: ")
    assert " of 6 claims hold for sessions " in result.as_of_note
    verdicts = [v.verdict for v in result.verifications]
    assert verdicts[0] == "supported" and verdicts[1] == "supported"
    assert verdicts[2] == "unverifiable" and verdicts[5] == "supported"


# -- every verdict kind and unverifiable reason -------------------------------------
def test_wrong_direction(book):
    v = check(book, claim("Topix", "^TOPX", -12, "ytd"))
    assert v.verdict == "wrong_direction"
    assert "opposite direction" in v.reason


def test_understated(book):
    v = check(book, claim("Toyota", "7203.T", 8, "ytd", qualifier="approx"))
    assert v.verdict == "understated"
    assert "+12.5%" in v.reason or "+12.46%" in v.reason


@pytest.mark.parametrize("kwargs, reason", [
    (dict(flags=(FLAG_FORWARD,)), "forward-looking"),
    (dict(flags=(FLAG_NO_FIGURE,), value=None, figure=">>%"), "no figure"),
    (dict(ticker=None, flags=(FLAG_UNRESOLVED,), entity="Acme Robotics"), "no security"),
    (dict(period="since_event"), "undated event"),
    (dict(period="none"), "no period"),
])
def test_unverifiable_reasons(book, kwargs, reason):
    args = dict(entity="Nikkei", ticker="^N225", value=5.0, period="week")
    args.update(kwargs)
    v = check(book, claim(**args))
    assert v.verdict == "unverifiable"
    assert reason in v.reason


def test_no_prices_names_the_range(book):
    v = check(book, claim("Sony", "6758.T", 5, "ytd"))
    assert v.verdict == "unverifiable"
    assert v.reason == "no price data for 6758.T between 2025-12-30 and 2026-02-13"


def test_outside_data_says_where_prices_end(book):
    v = check(book, claim("Nikkei", "^N225", 5, "week"), AsOf(date(2026, 8, 14), "user"))
    assert v.verdict == "unverifiable"
    assert v.reason == ("outside data: the claim needs the ^N225 close of 2026-08-14, but "
                        "the prices held end on 2026-07-10")


def test_as_of_unknown(book):
    v = check(book, claim("Nikkei", "^N225", 5, "week"), AsOf(None))
    assert v.verdict == "unverifiable" and "as-of unknown" in v.reason


def test_period_with_no_stated_window_offers_a_reading(book):
    v = check(book, claim("Nikkei", "^N225", 5, "none"))
    assert v.verdict == "unverifiable"
    assert v.reason.startswith("no period is stated; read as the week: +4.96%")
    assert v.alternative.startswith("the week: +4.96%")


# -- relative, record, level, points, "today" ----------------------------------------
def test_relative_rose_while_fell(book):
    v = check(book, claim("Nikkei", "^N225", 6.4, "week", metric="relative", precision=0.1,
                          partner="^GSPC"))
    assert v.verdict == "supported"
    assert v.actual == pytest.approx(4.955 - (-1.387), abs=0.01)
    assert "-1.39%" in v.reason and "+4.96%" in v.reason


def test_underperformed_is_wrong_direction(book):
    v = check(book, claim("S&P 500", "^GSPC", 0, "week", metric="relative",
                          qualifier="more_than", partner="^N225"))
    assert v.verdict == "wrong_direction"


def test_record_high_says_how_far_back_data_goes(book):
    v = check(book, claim("JX Advanced Metals", "5016.T", None, "none", metric="record_high"))
    assert v.verdict == "supported"
    assert "highest close in the data, which goes back to 2025-03-19" in v.reason


def test_not_a_record(book):
    v = check(book, claim("Nikkei", "^N225", None, "none", metric="record_high"))
    assert v.verdict == "exaggerated"
    assert "57,650.54 on 2026-02-10" in v.reason


def test_level_and_points_check_the_close(book):
    level = check(book, claim("S&P 500", "^GSPC", 6836, "none", metric="level"))
    assert level.verdict == "supported" and level.actual == pytest.approx(6836.17)
    points = check(book, claim("Nikkei", "^N225", -698, "1d", metric="points"))
    assert points.verdict == "supported" and points.actual == pytest.approx(-697.87, abs=0.01)


def test_today_before_the_close_is_checked_against_that_close(book):
    # Published 11:00 Tokyo on 2026-02-13, during the session.
    moment = datetime(2026, 2, 13, 11, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    v = check(book, claim("Toyota", "7203.T", 1.9, "1d", precision=0.1),
              AsOf(moment, "published"))
    assert v.window_end == date(2026, 2, 13)
    assert v.verdict == "supported"
    assert "published at 11:00 Tokyo time, while the 2026-02-13 session was trading" in v.reason
    # "on Friday", said on that Friday morning, is the same session.
    friday = check(book, claim("Toyota", "7203.T", 1.9, "day:fri", precision=0.1),
                   AsOf(moment, "published"))
    assert friday.window_end == date(2026, 2, 13) and "session was trading" in friday.reason
    # A week claim from the same moment counts only closed sessions.
    w = check(book, claim("Toyota", "7203.T", 1, "week"), AsOf(moment, "published"))
    assert w.window_end == date(2026, 2, 12)


def test_unadjusted_split_is_detected_and_said(book):
    # Undo the 1:5 split of Kawasaki Heavy (ex-date 2026-03-30) as a raw feed would.
    s = book.get("7012.T")
    frame = pd.DataFrame({"ticker": "7012.T", "date": s.days, "close": s.values})
    frame.loc[frame["date"] < date(2026, 3, 30), "close"] *= 5
    raw = PriceBook.from_frame(frame)
    v = check(raw, claim("Kawasaki Heavy", "7012.T", 29, "1y"), AsOf(date(2026, 7, 17), "user"))
    assert "jumps 1:5 on 2026-03-30" in v.reason
    assert v.actual == pytest.approx(29.13, abs=0.01) and v.verdict == "supported"


def test_limit_days_are_not_splits(book):
    # Kioxia has flat limit-up/limit-down bars and real 20%+ days; none is a split.
    assert book.get("285A.T").splits == []


@pytest.mark.parametrize("verb, partner, expected", [
    ("outperformed", "^TOPX", "supported"),      # Toyota +12.46% vs Topix +12.02% YTD
    ("lagged", "^TOPX", "wrong_direction"),
    ("underperformed", "^N225", "supported"),    # Toyota +12.46% vs Nikkei +13.12%
])
def test_outperformed_without_a_margin_checks_the_order(book, verb, partner, expected):
    c = claim("Toyota", "7203.T", None, "ytd", metric="relative", partner=partner,
              flags=(FLAG_NO_FIGURE,), figure=verb)
    v = check(book, c)
    assert v.verdict == expected
    assert f"Toyota {verb} {partner}" in v.reason


def test_a_session_missing_from_the_data_is_never_stood_in_for(book):
    # The TOPIX file has no row for 2026-05-26, a Tokyo trading day.
    v = check(book, claim("Topix", "^TOPX", 1.0, "1d"), AsOf(date(2026, 5, 26), "user"))
    assert v.verdict == "unverifiable"
    assert v.reason == "no price data for ^TOPX on 2026-05-26: the session is missing from the data"
    # As a base close, the previous close stands in, and the reason says so.
    nxt = check(book, claim("Topix", "^TOPX", 1.0, "1d"), AsOf(date(2026, 5, 27), "user"))
    assert nxt.window_start == date(2026, 5, 25)
    assert "no close for 2026-05-26 in the data, used 2026-05-25" in nxt.reason


def test_last_week_is_the_calendar_week_before_the_day_of_writing(book):
    # Monday 2026-02-16, 08:00 Tokyo, before the open: the last close is Friday's,
    # and "last week" is the week that Friday ended (+4.96% for the Nikkei).
    monday = datetime(2026, 2, 16, 8, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    v = check(book, claim("Nikkei", "^N225", 5, "last_week"), AsOf(monday, "published"))
    assert (v.window_start, v.window_end) == (date(2026, 2, 6), date(2026, 2, 13))
    assert v.verdict == "supported"
    # Sunday 1 March: "last month" is February, whose last session was the 27th.
    sunday = AsOf(date(2026, 3, 1), "published")
    w = check(book, claim("S&P 500", "^GSPC", 1, "last_month"), sunday)
    assert (w.window_start, w.window_end) == (date(2026, 1, 30), date(2026, 2, 27))
