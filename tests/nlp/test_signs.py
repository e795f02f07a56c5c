"""Falling verbs and phrases read as falls, whatever small word follows them."""

import pytest


def move(claims):
    (c,) = [c for c in claims if c.metric == "price_return"]
    return c


@pytest.mark.parametrize("sentence", [
    "Sony gave up 4.2% on Thursday.",
    "Nintendo gives up 3% as the yen firms.",
    "Fast Retailing has given up 7.5% this week.",
    "SoftBank Group handed back 2.8% on Friday.",
    "Honda surrendered 1.9% after the forecast cut.",
    "Mazda pared 2.4% in afternoon trading.",
    "Toyota shed 3.1% on Tuesday.",
])
def test_giving_up_is_a_fall(claims_of, sentence):
    assert move(claims_of(sentence)).value < 0


def test_below_where_it_began_the_year_is_a_negative_ytd(claims_of):
    c = move(claims_of("The Dow is now about 9% below where it began the year."))
    assert (c.ticker, c.value, c.period) == ("^DJI", -9, "ytd")


def test_above_where_it_started_a_named_year(claims_of):
    c = move(claims_of("Nvidia ended the session 12% above where it started 2026."))
    assert (c.ticker, c.value, c.period) == ("NVDA", 12, "ytd:2026")
