"""Subject binding in long sentences, and entity names that say whose move it is."""


def moves(claims):
    return [(c.ticker, c.value, c.period) for c in claims if c.metric == "price_return"]


def test_second_clause_without_a_subject_keeps_the_first_subject(claims_of):
    claims = claims_of("Sony (6758.T) rose 2.1% today after Nintendo's results and has gained about 40% this year.")
    assert moves(claims) == [("6758.T", 2.1, "1d"), ("6758.T", 40.0, "ytd")]


def test_a_second_named_subject_still_takes_its_own_figure(claims_of):
    claims = claims_of("Toyota rose 2% after Honda's update, and Nissan added 1%.")
    assert [t for t, *_ in moves(claims)] == ["7203.T", "7201.T"]


def test_a_pluperfect_clause_does_not_date_the_moves(claims_of):
    claims = claims_of("Sony rebounded 2.4% and Honda added 1.8%, after both had slid in the previous three sessions.")
    assert moves(claims) == [("6758.T", 2.4, "1d"), ("7267.T", 1.8, "1d")]


def test_pronoun_subject_carries_the_security_name(claims_of):
    claims = claims_of("Kioxia reported on Tuesday. Its shares jumped 12% on the day.")
    (c,) = [c for c in claims if c.metric == "price_return"]
    assert c.ticker == "285A.T" and "Kioxia" in c.entity


def test_an_appositive_with_a_possessive_a_few_words_in(claims_of):
    claims = claims_of("The CBOE Volatility index, Wall Street's fear gauge, fell 1.3 points to 15.2.")
    assert [(c.ticker, c.metric, c.value) for c in claims] == [("^VIX", "points", -1.3), ("^VIX", "level", 15.2)]
