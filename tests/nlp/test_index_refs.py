"""Indices named by description ('the broader gauge', "Taiwan's benchmark"),
record closes said in words, and windows written out ('over the five days',
'since the start of 2025' read a year later)."""


def moves(claims):
    return [(c.ticker, c.value, c.period) for c in claims if c.metric == "price_return"]


def test_a_broader_gauge_after_the_nikkei_is_the_topix(claims_of):
    claims = claims_of("The benchmark Nikkei 225 rose 2.6% on Wednesday. The broader gauge added 1.9%.")
    assert moves(claims) == [("^N225", 2.6, "day:wed"), ("^TOPX", 1.9, "day:wed")]


def test_a_described_index_points_back_to_the_index_named_last(claims_of):
    claims = claims_of("Toyota fell 2% and the S&P 500 rose 1% on Monday. The benchmark gauge has gained 14% this year.")
    assert moves(claims)[-1] == ("^GSPC", 14.0, "ytd")


def test_a_markets_benchmark_is_its_main_index(claims_of):
    claims = claims_of("South Korea's Kospi sank 8.8% and Taiwan's benchmark lost 8.4%, while Hong Kong's benchmark "
                       "index fell 2%.")
    assert [t for t, *_ in moves(claims)] == ["^KS11", "^TWII", "^HSI"]


def test_an_ambiguous_markets_benchmark_stays_unresolved(claims_of):
    claims = claims_of("China's benchmark index fell 2% on Monday.")
    assert [(c.ticker, c.value) for c in claims if c.metric == "price_return"] == [(None, -2.0)]


def test_highest_close_ever_is_a_record(claims_of):
    claims = claims_of("The pan-European STOXX 600 index rose 0.7% to 612.35 points, its highest close ever.")
    assert [(c.ticker, c.metric) for c in claims if c.metric == "record_high"] == [("^STOXX", "record_high")]


def test_a_dateline_dash_is_not_part_of_the_subject(claims_of):
    (claim,) = claims_of("LONDON, Feb 19 - European shares closed at a record on Thursday.")
    assert claim.entity == "European shares" and claim.ticker is None


def test_since_the_start_of_last_year_runs_to_today(claims_of):
    assert moves(claims_of("The Nikkei has gained 30% since the start of 2025.")) == [("^N225", 30.0, "since:2025-01-01")]
    assert moves(claims_of("The Nikkei has gained 3% since the start of 2026.")) == [("^N225", 3.0, "ytd:2026")]


def test_windows_written_out(claims_of):
    claims = claims_of("Tokyo Electron soared 13.4% over the five days, and IHI has more than quadrupled in a year.")
    assert moves(claims) == [("8035.T", 13.4, "week"), ("7013.T", 300.0, "1y")]


def test_a_fraction_after_any_move_verb_but_not_an_ordinal(claims_of):
    claims = claims_of("Sumitomo Metal Mining jumped a fifth in August. Toyota rose for a third straight session, "
                       "adding 1.1%.", published=None)
    assert moves(claims) == [("5713.T", 20.0, "month:08"), ("7203.T", 1.1, "1d")]


def test_a_close_on_a_named_day_does_not_date_the_next_move(claims_of):
    claims = claims_of("The Nikkei 225 gained 0.6% for the week, ending Friday at 45,045.81, while the broader "
                       "Topix slipped 0.4%.")
    assert [(c.ticker, c.metric, c.value, c.period) for c in claims if c.metric != "relative"] == [
        ("^N225", "price_return", 0.6, "week"), ("^N225", "level", 45045.81, "day:fri"),
        ("^TOPX", "price_return", -0.4, "week")]


def test_over_the_month_is_the_month(claims_of):
    claims = claims_of("The Nikkei 225 climbed 6.6% over the month, and Kioxia nearly doubled in the month.")
    assert moves(claims) == [("^N225", 6.6, "month"), ("285A.T", 100.0, "month")]
