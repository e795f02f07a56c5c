"""Quote pages and broker notes name securities by symbol ('MU', '^IXIC',
'7203 JT', 'NVDA US', 'CCMP'); clauses about another part of the window do not
date the move; a figure a table dates elsewhere keeps that period in prose."""


def moves(claims):
    return [(c.ticker, c.value, c.period) for c in claims if c.metric == "price_return"]


def test_a_quote_page_table_named_by_symbol(claims_of):
    text = ("| Symbol | Last price | % Change |\n|---|---|---|\n"
            "| MU | 991.60 | +4.51% |\n| ^IXIC | 26,206.92 | +1.30% |\n")
    assert moves(claims_of(text)) == [("MU", 4.51, "1d"), ("^IXIC", 1.3, "1d")]


def test_terminal_codes_in_a_morning_note(claims_of):
    claims = claims_of("Overnight: CCMP +1.7% w/w, INDU -0.5% w/w. NVDA US +4% Fri. 7203 JT -1.2% on the day.")
    assert moves(claims) == [("^IXIC", 1.7, "week"), ("^DJI", -0.5, "week"), ("NVDA", 4.0, "day:fri"),
                             ("7203.T", -1.2, "1d")]


def test_a_code_in_parentheses_before_a_colon_leaves_the_name_as_subject(claims_of):
    (claim,) = claims_of("Kioxia (285A JT): rose 0.3% on Tuesday.")
    assert claim.ticker == "285A.T" and claim.entity == "Kioxia"


def test_gains_from_earlier_in_the_week_do_not_date_the_days_move(claims_of):
    claims = claims_of("Kawasaki Heavy Industries slid 2.8% and IHI lost 2.7%, giving back part of their "
                       "gains from earlier in the week.")
    assert moves(claims) == [("7012.T", -2.8, "1d"), ("7013.T", -2.7, "1d")]


def test_finished_the_day_names_the_session(claims_of):
    claims = claims_of("The Nikkei 225 finished the day up 1.4%, recovering ground lost earlier in the week.")
    assert moves(claims) == [("^N225", 1.4, "1d")]


def test_a_verb_before_a_colon_compares_nothing(claims_of):
    claims = claims_of("Defence shares lagged: Kawasaki Heavy Industries slid 2.8% and IHI lost 2.7%.")
    assert [c for c in claims if c.metric == "relative"] == []


def test_a_figure_the_table_dates_keeps_that_period_in_prose(claims_of):
    text = ("Tokyo weekly: memory leaders pause\n\n"
            "Defense contractors were mixed: Mitsubishi Heavy Industries added 0.7%, while IHI slipped 2.1%.\n\n"
            "| Stock | 1W % |\n|---|---|\n| Mitsubishi Heavy Industries | +0.7 |\n| IHI | -2.1 |\n")
    assert moves(claims_of(text))[:2] == [("7011.T", 0.7, "week"), ("7013.T", -2.1, "week")]


def test_a_broker_quote_line_states_the_level_before_its_moves(claims_of):
    claims = claims_of("* N225 68,557.73: +1.2% d/d, -1.7% w/w, +36.2% YTD\nThe meeting starts at 10:30 and Sony rose 2%.")
    assert [(c.ticker, c.metric, c.value, c.period) for c in claims] == [
        ("^N225", "level", 68557.73, "1d"), ("^N225", "price_return", 1.2, "1d"),
        ("^N225", "price_return", -1.7, "week"), ("^N225", "price_return", 36.2, "ytd"),
        ("6758.T", "price_return", 2.0, "1d")]
