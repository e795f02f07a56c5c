"""Intraday figures, timed flash lists and review pieces: which window a move with no period of its own has."""

from datetime import date

from tapecheck.records import FLAG_INTRADAY

FRIDAY = date(2026, 7, 3)


def moves(claims):
    return [(c.ticker, c.value, c.period, FLAG_INTRADAY in c.flags) for c in claims if c.metric == "price_return"]


def test_the_open_midday_and_after_hours_are_parts_of_a_session(claims_of):
    text = ("The Topix opened 1.8% lower. At the lunch break Kioxia was down 6%. "
            "Micron jumped 9% in after-hours trading. Toyota rose 2% in morning trade.")
    assert moves(claims_of(text, FRIDAY)) == [
        ("^TOPX", -1.8, "1d", True), ("285A.T", -6.0, "1d", True), ("MU", 9.0, "1d", True), ("7203.T", 2.0, "1d", True)]


def test_a_close_after_an_intraday_swing_is_the_close(claims_of):
    text = "Kioxia soared as much as 15% in early trade before closing 8% higher."
    assert moves(claims_of(text, FRIDAY)) == [("285A.T", 15.0, "1d", True), ("285A.T", 8.0, "1d", False)]


def test_an_intraday_line_does_not_date_a_later_close_of_the_same_index(claims_of):
    text = "10:02 Topix up 0.9% at midday.\n15:31 Topix closes +1.4%."
    assert moves(claims_of(text, FRIDAY)) == [("^TOPX", 0.9, "1d", True), ("^TOPX", 1.4, "1d", False)]


def test_bare_figures_on_a_timed_flash_line_are_the_session(claims_of):
    text = ("FLASH - TOKYO\n\n15:34 Advantest +1.8%, Tokyo Electron +0.4%; Toyota -1.3%\n"
            "15:35 Kioxia ends +9.2% at 83,300; still down 9.6% on the week\n15:36 Topix +0.6% w/w")
    assert moves(claims_of(text, FRIDAY)) == [
        ("6857.T", 1.8, "1d", False), ("8035.T", 0.4, "1d", False), ("7203.T", -1.3, "1d", False),
        ("285A.T", 9.2, "1d", False), ("285A.T", -9.6, "week", False), ("^TOPX", 0.6, "week", False)]


def test_a_week_in_review_dates_period_less_moves_to_the_week(claims_of):
    text = ("Tokyo week in review: miners slip\n\nThe Nikkei 225 gained 2% over the five sessions. "
            "Advantest added about 4%, and Sumitomo Metal Mining lost 3%.")
    assert [m[2] for m in moves(claims_of(text, date(2026, 6, 12)))] == ["week", "week", "week"]


def test_a_month_in_review(claims_of):
    text = ("October in review: exporters lag\n\nThe Topix fell 1.5% over the month. Toyota shed 4% on tariff worries. "
            "Sony ended October up 2%, even after Sony dropped 1.2% on Friday. "
            "Advantest slid 3% on the last trading day.")
    assert [(m[0], m[2]) for m in moves(claims_of(text, date(2025, 10, 31)))] == [
        ("^TOPX", "month:2025-10"), ("7203.T", "month:2025-10"), ("6758.T", "month:2025-10"), ("6758.T", "day:fri"),
        ("6857.T", "1d")]


def test_an_ordinary_piece_keeps_the_session(claims_of):
    assert moves(claims_of("Toyota shed 4% on tariff worries.", date(2025, 10, 31))) == [("7203.T", -4.0, "1d", False)]


def test_an_even_after_clause_does_not_date_the_main_move(claims_of):
    claims = claims_of("Sony gained 2%, even after it dropped 1.4% on Friday.", date(2026, 7, 6))
    assert [(c.value, c.period) for c in claims if c.metric == "price_return"] == [(2.0, "1d"), (-1.4, "day:fri")]


def test_a_flash_line_stamped_before_the_closing_line_is_intraday(claims_of):
    text = ("FLASH - TOKYO\n\n10:40 Toyota +2.1%; Sony -0.8%\n15:31 Topix closes +1.4%\n15:33 Toyota +1.6%")
    assert moves(claims_of(text, FRIDAY)) == [
        ("7203.T", 2.1, "1d", True), ("6758.T", -0.8, "1d", True), ("^TOPX", 1.4, "1d", False),
        ("7203.T", 1.6, "1d", False)]


def test_over_the_month_in_a_review_is_the_month_reviewed(claims_of):
    text = "October in review\n\nThe Topix fell 1.5% over the month."
    assert moves(claims_of(text, date(2025, 11, 17))) == [("^TOPX", -1.5, "month:2025-10", False)]


def test_a_time_of_day_and_late_afternoon_trade_are_intraday(claims_of):
    text = "The S&P 500 was up 0.4% as of 11:15. The Nikkei was 0.8% higher in late afternoon trade."
    assert moves(claims_of(text, FRIDAY)) == [("^GSPC", 0.4, "1d", True), ("^N225", 0.8, "1d", True)]


def test_a_comparison_of_two_after_hours_moves_is_intraday_too(claims_of):
    claims = claims_of("Broadcom jumped 11% in after-hours trading, while Oracle slid 4%.", FRIDAY)
    assert {c.metric: FLAG_INTRADAY in c.flags for c in claims} == {"price_return": True, "relative": True}


def test_a_live_paragraph_stays_at_the_lunch_break(claims_of):
    text = ("At the lunch break the Topix is down 3.2%. Defence names hold up: Kawasaki Heavy is down 1%.\n\n"
            "The Topix closed 3.8% lower. Kawasaki Heavy slid 2%.")
    assert moves(claims_of(text, date(2026, 3, 9))) == [
        ("^TOPX", -3.2, "1d", True), ("7012.T", -1.0, "1d", True), ("^TOPX", -3.8, "1d", False), ("7012.T", -2.0, "1d", False)]


def test_a_monthly_economic_report_in_the_lead_is_no_review(claims_of):
    text = "Stocks slip after the government's monthly report\n\nToyota shed 4% on tariff worries."
    assert moves(claims_of(text, date(2025, 10, 31))) == [("7203.T", -4.0, "1d", False)]
