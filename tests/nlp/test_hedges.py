"""Sizes said in words, ranges written with two units, and translated closing reports."""

from datetime import date


def _moves(claims, metric="price_return"):
    return [(c.ticker, c.value, c.qualifier, c.precision) for c in claims if c.metric == metric]


def test_double_digit_gain_is_at_least_ten(claims_of):
    claims = claims_of("Advantest booked a double-digit gain over the week, helped by chip demand.")
    assert _moves(claims) == [("6857.T", 10.0, "at_least", 1.0)]
    assert claims[0].period == "week"


def test_single_digit_hedges_are_the_middle_of_their_span_with_a_wide_tolerance(claims_of):
    high = claims_of("Sony has lost 4.2% this week and is down by high single digits this year.")
    assert ("6758.T", -8.0, "approx", 2.0) in _moves(high)
    low = claims_of("Honda Motor rose 3.1% on Monday, a low single-digit percentage move for the week as well.")
    assert ("7267.T", 2.0, "approx", 2.0) in _moves(low)


def test_an_earlier_move_sized_in_words_is_background(claims_of):
    claims = claims_of("Micron Technology added 5.6% on Friday after it had fallen by double digits in the prior two sessions.")
    assert _moves(claims) == [("MU", 5.6, "exact", 0.1)]


def test_a_gap_against_a_size_in_words_is_not_a_relative_claim(claims_of):
    claims = claims_of("Kioxia has gained 120% this year, while Toyota is down by high single digits.")
    assert [c for c in claims if c.metric == "relative"] == []


def test_a_range_with_a_unit_on_each_end_is_its_midpoint(claims_of):
    claims = claims_of("The Topix could fall 4% to 6% from here, one strategist said.")
    assert _moves(claims) == [("^TOPX", -5.0, "approx", 2.0)]
    assert _moves(claims_of("The bank lifted its deposit rate from 3% to 5%.")) == []


def test_translated_report_gives_points_in_yen_the_percent_and_the_close(claims_of):
    text = ("The Nikkei Stock Average closed the session with a gain of 1,204.50 yen (+2.61%) to 47,350.10 yen. "
            "Kioxia Holdings Corporation was sold on profit-taking and ended the day with a fall of 3.4%.")
    claims = claims_of(text, published=date(2025, 10, 6))
    got = [(c.ticker, c.metric, c.value) for c in claims]
    assert got == [("^N225", "points", 1204.5), ("^N225", "price_return", 2.61), ("^N225", "level", 47350.1),
                   ("285A.T", "price_return", -3.4)]
    assert all(c.flags == () for c in claims)


def test_a_level_at_the_end_of_a_named_month_or_span(claims_of):
    claims = claims_of("The Nikkei 225 climbed 3.1% over the month to end June at 40,487.39.", published=date(2025, 7, 4))
    assert ("^N225", "level", 40487.39) in [(c.ticker, c.metric, c.value) for c in claims]
    claims = claims_of("The Topix closed the month at 2,852.84.", published=date(2025, 7, 4))
    assert [(c.ticker, c.metric, c.value) for c in claims] == [("^TOPX", "level", 2852.84)]
    # a date after the month is no level: 'ended May 5 at ...' says when, the figure after 'at' is the price
    claims = claims_of("Toyota ended May 5 at 2,500 yen.", published=date(2025, 5, 9))
    assert all(c.value != 5.0 for c in claims)


def test_a_move_in_yen_after_its_verb_is_points_and_the_price_after_to_is_the_close(claims_of):
    claims = claims_of("Toyota Motor Corporation rose 41 yen to 2,974 yen.", published=date(2025, 10, 6))
    assert [(c.ticker, c.metric, c.value) for c in claims] == [("7203.T", "points", 41.0), ("7203.T", "level", 2974.0)]
    # a company's numbers in yen are not moves
    assert claims_of("Sony raised its dividend by 10 yen to 60 yen.", published=date(2025, 10, 6)) == []


def test_a_time_of_day_is_not_a_level(claims_of):
    claims = claims_of("The Nikkei was down 1.2% at 10:30 on Friday, and the Topix closed 0.8% higher at 15:30.")
    assert [c.metric for c in claims] == ["price_return", "price_return"]
    assert all(c.metric != "level" for c in claims_of("The Topix traded at 9.45 a.m. levels on Friday."))


def test_off_before_a_figure_is_down(claims_of):
    claims = claims_of("Mitsubishi Heavy is off 3% on Friday, and IHI is about 1% off.")
    assert [(c.ticker, c.value) for c in claims] == [("7011.T", -3.0), ("7013.T", -1.0)]
    assert claims_of("Sony is 12% off its record high.") == []


def test_a_hedge_in_a_sentence_without_any_digit_is_still_read(claims_of):
    claims = claims_of("Toyota is down by high single digits this year.")
    assert [(c.ticker, c.value, c.qualifier, c.period) for c in claims] == [("7203.T", -8.0, "approx", "ytd")]
