"""Figures that are not a security's price move never become price claims."""

import pytest


def price_claims(claims):
    return [c for c in claims if c.metric in ("price_return", "points", "level") and "forward_looking" not in c.flags]


@pytest.mark.parametrize("sentence", [
    "Expected EPS growth for the S&P 500 is 11% next year.",
    "Forecast earnings growth for the Topix stands at 8% for the fiscal year.",
    "The Dow swung in a range of nearly 900 points on Monday.",
    "The Nikkei is close to the 10% threshold that marks a correction.",
    "Nickel in London rose about 4% on supply worries.",
    "Aluminium prices in Paris trading slipped 2%.",
])
def test_not_a_price_move(claims_of, sentence):
    assert price_claims(claims_of(sentence)) == []


def test_intraday_touch_is_not_a_close_level(claims_of):
    levels = [(c.ticker, c.value) for c in claims_of("The Topix touched 3,100 before closing at 3,050.")
              if c.metric == "level"]
    assert levels == [("^TOPX", 3050.0)]


def test_a_rate_inside_a_forecast_is_not_the_claim(claims_of):
    claims = claims_of("Toyota could double if sales keep growing at a 5%-a-year pace.")
    assert [(c.ticker, c.value, "forward_looking" in c.flags) for c in claims] == [("7203.T", 100.0, True)]


def test_double_digit_is_not_a_doubling(claims_of):
    assert all(c.value != 100.0 for c in claims_of("Sony posted double-digit gains on Monday."))


def test_the_nasdaq_is_the_index_not_the_exchange_operator(claims_of):
    (c,) = claims_of("The Nasdaq fell 2.1% on Friday.")
    assert (c.ticker, c.value) == ("^IXIC", -2.1)


def test_city_names_never_link_to_companies(registry):
    for city in ("London", "Frankfurt", "Singapore", "Toronto"):
        assert registry.resolve(city)[1] < 0.9 or registry.get(registry.resolve(city)[0]).kind == "index"


def test_record_close_of_a_level(claims_of):
    claims = claims_of("The Topix rose 1.2% to a record close of 3,412.55.")
    assert {(c.metric, c.value) for c in claims} >= {("price_return", 1.2), ("level", 3412.55)}


def test_a_fading_surge_is_not_a_rise(claims_of):
    assert [c for c in claims_of("Chip stocks: Nvidia's rally fades") if c.metric == "direction"] == []


def test_a_raised_forecast_is_not_a_price_move(claims_of):
    claims = claims_of("Sony Group lifted its annual forecast by 8%, sending its shares up 6.2% on Wednesday.")
    assert [(c.ticker, c.value) for c in claims if c.metric == "price_return"] == [("6758.T", 6.2)]


def test_a_currency_index_is_not_a_stock_index(claims_of):
    claims = claims_of("The Nasdaq added 0.4% on Monday. The dollar index gained 0.5%.")
    assert [(c.ticker, c.value) for c in claims if c.metric == "price_return"] == [("^IXIC", 0.4)]


def test_spelled_and_fractional_figures_about_the_economy_are_not_moves(claims_of):
    text = ("Japan's core inflation rose to three percent in October, and the jobless rate held at 2,5%. "
            "Wages grew two per cent. Toyota's sales rose five percent to 12 million vehicles. "
            "Exports increased by a third in the year to March. Voter turnout was sixty percent. "
            "The central bank's balance sheet has doubled since 2020.")
    assert claims_of(text) == []


def test_a_brokers_strategist_is_a_voice_not_a_price(claims_of):
    claims = claims_of("Nomura's chief strategist sees a 10% correction as likely, and Sony rose 2% on Monday.")
    assert [(c.ticker, c.value) for c in claims if c.metric == "price_return"] == [("6758.T", 2.0)]
