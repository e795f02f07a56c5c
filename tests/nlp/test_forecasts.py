"""Forecasts and targets are kept, marked forward-looking and never dated to
a past session: a strategist's 60,000 is not a claim about yesterday's close."""

import pytest


def forward_levels(claims):
    return [(c.ticker, c.metric, c.value, c.period) for c in claims if "forward_looking" in c.flags]


@pytest.mark.parametrize("sentence, ticker, level", [
    ("Goldman set a target of 60,000 for the Nikkei.", "^N225", 60000.0),
    ("Morgan Stanley raised its year-end target for the S&P 500 to 7,800 from 7,200.", "^GSPC", 7800.0),
    ("Strategists forecast the Topix to end the year at 4,200.", "^TOPX", 4200.0),
    ("Nomura sees the Nikkei at 62,000 by the end of 2026.", "^N225", 62000.0),
    ("The Nikkei could hit 60,000 next year, analysts said.", "^N225", 60000.0),
    ("Jefferies has a price target of 15,000 yen on Kawasaki Heavy.", "7012.T", 15000.0),
    ("The S&P 500 is on track to reach 7,000 this year.", "^GSPC", 7000.0),
])
def test_forecast_levels_are_forward_looking(claims_of, sentence, ticker, level):
    claims = claims_of(sentence)
    assert [(c.ticker, c.value) for c in claims if c.metric == "level"] == [(ticker, level)]
    assert all("forward_looking" in c.flags for c in claims)


def test_a_forecast_without_a_horizon_has_no_window(claims_of):
    claims = claims_of("Goldman set a target of 60,000 for the Nikkei.")
    assert forward_levels(claims) == [("^N225", "level", 60000.0, "none")]


def test_a_broker_named_before_a_target_is_not_its_subject(claims_of):
    claims = claims_of("Goldman Sachs set a target of 60,000 for the Nikkei.")
    assert [c.ticker for c in claims] == ["^N225"]


def test_implied_upside_is_a_forecast_even_after_a_target_price(claims_of):
    claims = claims_of("Jefferies has a price target of 15,000 yen on Kawasaki Heavy, implying 20% upside.")
    assert forward_levels(claims) == [("7012.T", "level", 15000.0, "none"), ("7012.T", "price_return", 20.0, "none")]


def test_a_close_beside_a_forecast_stays_a_checkable_claim(claims_of):
    claims = claims_of("The Nikkei closed at 51,117.26 on Tuesday; BofA expects it to reach 55,000 by March.")
    assert [(c.ticker, c.metric, c.value, c.period, c.flags) for c in claims] == [
        ("^N225", "level", 51117.26, "day:tue", ())]


def test_a_price_in_yen_is_not_a_currency_figure(claims_of):
    claims = claims_of("The Nikkei Stock Average closed at 53,372.53 yen, a decline of 1,866.87 yen (3.38%).")
    assert [(c.ticker, c.metric, c.value) for c in claims] == [("^N225", "level", 53372.53),
                                                               ("^N225", "points", -1866.87),
                                                               ("^N225", "price_return", -3.38)]


def test_a_forecast_inside_a_who_clause_is_forward_looking(claims_of):
    claims = claims_of("A Tokyo strategist, who expects the S&P 500 to fall another 3% to 5% "
                       "before the reporting season ends, told clients to stay cautious.")
    spx = [c for c in claims if c.ticker == "^GSPC"]
    assert spx and all("forward_looking" in c.flags for c in spx)
    assert spx[0].value == -4.0


def test_a_past_move_inside_a_which_clause_is_not_made_a_forecast_by_what_follows(claims_of):
    claims = claims_of("Advantest, which jumped 9% last week, is expected to report strong orders.")
    assert [(c.ticker, c.value, c.flags) for c in claims] == [("6857.T", 9.0, ())]
