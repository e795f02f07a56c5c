"""Percentages as people write them: in words, with a decimal comma, as 'pc',
and margins in percentage points or basis points; none of it may turn a
yield or a spread into a price move."""

import pytest


def moves(claims, metric="price_return"):
    return [(c.ticker, c.value, c.qualifier, c.period) for c in claims if c.metric == metric]


@pytest.mark.parametrize("sentence, value", [
    ("Rheinmetall climbed five percent on Tuesday.", 5.0),
    ("Rheinmetall climbed two per cent on Tuesday.", 2.0),
    ("Rheinmetall climbed twenty-five percent on Tuesday.", 25.0),
    ("Rheinmetall climbed two and a half per cent on Tuesday.", 2.5),
    ("Rheinmetall climbed half a percent on Tuesday.", 0.5),
    ("Rheinmetall climbed 5pc on Tuesday.", 5.0),
    ("Rheinmetall climbed 1,4% on Tuesday.", 1.4),
    ("Rheinmetall climbed 0,75 % on Tuesday.", 0.75),
])
def test_spelled_percentages_are_moves(claims_of, sentence, value):
    assert moves(claims_of(sentence)) == [("RHM.DE", value, "exact", "day:tue")]


def test_a_comma_before_three_digits_is_still_a_thousands_separator(claims_of):
    assert moves(claims_of("Kioxia has gained 1,400% since its listing.")) == [("285A.T", 1400.0, "exact", "since_event")]


def test_a_qualifier_before_words_is_kept(claims_of):
    assert moves(claims_of("Toyota is down roughly fifteen percent this year.")) == [("7203.T", -15.0, "approx", "ytd")]


def test_pc_is_not_read_inside_words_or_in_capitals(claims_of):
    assert moves(claims_of("Lenovo said 5 PC makers cut prices, and Sony rose on the day.")) == []


def test_a_fraction_after_a_participle_and_its_own_period(claims_of):
    claims = claims_of("Tokyo Electron lost almost a quarter of its value in August and is down roughly "
                       "fifteen percent this year.", published=None)
    assert moves(claims) == [("8035.T", -25.0, "nearly", "month:08"), ("8035.T", -15.0, "approx", "ytd")]


def test_a_move_over_several_sessions_is_not_a_single_day(claims_of):
    claims = claims_of("Kioxia shed a quarter of its value in five sessions, and Sony rose 9% in three sessions.")
    assert moves(claims) == [("285A.T", -25.0, "exact", "week"), ("6758.T", 9.0, "exact", "none")]


def test_margins_in_points_and_basis_points_are_relative_claims(claims_of):
    claims = claims_of("The Nikkei outperformed the S&P 500 by two percentage points this week, "
                       "and the S&P 500 lagged the Nasdaq by 150 bps.")
    assert [(c.ticker, c.partner_ticker, c.value) for c in claims if c.metric == "relative"] == [
        ("^N225", "^GSPC", 2.0), ("^GSPC", "^IXIC", -1.5)]


@pytest.mark.parametrize("sentence", [
    "The 10-year Treasury yield rose 9 bps to 4.31% on Tuesday.",
    "The spread between Bunds and BTPs widened by seven percentage points.",
    "Inflation slowed to two per cent in January.",
    "Nvidia's gross margin rose 1.4 percentage points to 73.6%.",
    "Toyota's operating profit rose five percent in the quarter.",
])
def test_rates_and_margins_in_words_are_not_price_moves(claims_of, sentence):
    assert [c for c in claims_of(sentence) if c.metric in ("price_return", "relative", "points")] == []
