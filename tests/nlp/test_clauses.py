"""Clauses that carry their own subject or window: a participle after 'while',
a concession ('though ... still'), a report's month in an 'after' clause, a
weekly column's period-less moves, and comparisons across different windows."""


def moves(claims):
    return [(c.ticker, c.value, c.period) for c in claims if c.metric == "price_return"]


def test_a_participle_after_while_belongs_to_its_own_clause(claims_of):
    claims = claims_of("Australia's S&P/ASX 200 fell 3.7%, while Hong Kong's Hang Seng index held up "
                       "comparatively well, dropping 1.5%.")
    assert moves(claims) == [("^AXJO", -3.7, "1d"), ("^HSI", -1.5, "1d")]


def test_a_participial_phrase_between_commas_keeps_the_subject(claims_of):
    claims = claims_of("The Nikkei 225, weighed down by exporters worried about tariffs, is up less than 1% this year.")
    assert [(c.ticker, c.value, c.qualifier, c.period) for c in claims] == [("^N225", 1.0, "less_than", "ytd")]


def test_ahead_of_its_earnings_does_not_make_the_move_an_earnings_figure(claims_of):
    claims = claims_of("Nvidia gained 1.2% on Tuesday ahead of its earnings next week.")
    assert moves(claims) == [("NVDA", 1.2, "day:tue")]


def test_a_concession_opens_another_window(claims_of):
    claims = claims_of("In Tokyo, the Nikkei 225 rose 1.9%, though the benchmark is still down 6.1% for the week.")
    assert moves(claims) == [("^N225", 1.9, "1d"), ("^N225", -6.1, "week")]


def test_a_month_in_an_after_clause_dates_the_report_not_the_move(claims_of):
    claims = claims_of("On Friday, the Nasdaq Composite lost 2.43% after a weak report showed the economy added "
                       "114,000 jobs in July.")
    assert moves(claims) == [("^IXIC", -2.43, "day:fri")]


def test_a_weekly_column_dates_its_period_less_moves_to_the_week(claims_of):
    text = ("Week in review: chips lead again\n\n"
            "The Nikkei 225 gained 0.6% for the week and the Topix slipped 0.4% on the week. "
            "Tokyo Electron soared 13.4% over the five days.\n\n"
            "Outside chips the mood was sour. Mitsubishi Heavy fell 3.1% and Toyota edged up 1.2%.")
    assert moves(claims_of(text))[-2:] == [("7011.T", -3.1, "week"), ("7203.T", 1.2, "week")]


def test_a_closing_report_keeps_the_session(claims_of):
    text = ("Tokyo stocks close lower\n\nThe Nikkei fell 1.2% on the day and the Topix closed down 0.5% at the "
            "close. Earlier this week the index had gained. Toyota fell 3.1%.")
    assert moves(claims_of(text))[-1] == ("7203.T", -3.1, "1d")


def test_no_comparison_across_two_windows(claims_of):
    claims = claims_of("Mitsubishi Heavy has nearly doubled over the past year, but Kawasaki Heavy shed a third of "
                       "its value this month.")
    assert [c for c in claims if c.metric == "relative"] == []
    assert moves(claims) == [("7011.T", 100.0, "1y"), ("7012.T", -33.33, "month")]


def test_a_backlog_and_a_records_neighbourhood_are_not_price_claims(claims_of):
    claims = claims_of("IHI is up 150 per cent from a year ago; its order backlog has tripled since 2022. "
                       "With the Nikkei near record territory, strategists are cautious.")
    assert [(c.ticker, c.metric, c.value) for c in claims] == [("7013.T", "price_return", 150.0)]


def test_before_closing_higher_shares_the_first_subject(claims_of):
    claims = claims_of("Nissan surged as much as 24% in early trade on reports of a merger with Honda, before "
                       "closing 17% higher. Honda lost 3%.")
    assert [(c.ticker, c.value, c.qualifier) for c in claims if c.metric == "price_return"] == [
        ("7201.T", 24.0, "up_to"), ("7201.T", 17.0, "exact"), ("7267.T", -3.0, "exact")]


def test_a_date_inside_a_which_clause_does_not_date_the_move(claims_of):
    claims = claims_of("Kioxia shares, which debuted in December at 1,455 yen, have since risen fivefold.")
    assert moves(claims) == [("285A.T", 400.0, "since_event")]


def test_an_index_contribution_in_points_is_not_the_stocks_move(claims_of):
    claims = claims_of("Fast Retailing slipped 1.1%, shaving about 40 points off the index.")
    assert [(c.ticker, c.metric, c.value) for c in claims] == [("9983.T", "price_return", -1.1)]


def test_a_span_of_months_without_the_is_no_session(claims_of):
    claims = claims_of("Toyota has gained 40% over two years, and the Nikkei rose 120 points on Monday.")
    assert [(c.ticker, c.value, c.period) for c in claims] == [("7203.T", 40.0, "none"), ("^N225", 120.0, "day:mon")]
