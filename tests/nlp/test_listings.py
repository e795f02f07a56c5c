"""Depositary receipts, home lines and former names: whose price the figure is."""


def _moves(claims):
    return [(c.ticker, c.value) for c in claims if c.metric == "price_return"]


def test_adr_with_exchange_symbol_is_its_own_security_not_the_tokyo_line(claims_of):
    claims = claims_of("Honda Motor's American depositary receipts (NYSE: HMC) slipped 0.8% in New York on Tuesday.")
    assert _moves(claims) == [("HMC", -0.8)]


def test_adr_symbol_in_brackets_after_a_pronoun_and_the_home_line_after_while(claims_of):
    text = "Sony had a split day: its ADR (SONY) gained 3% overnight while Sony Group (6758.T) lost 1.5% in Tokyo."
    moves = _moves(claims_of(text))
    assert ("SONY", 3.0) in moves and ("6758.T", -1.5) in moves
    assert ("6758.T", 3.0) not in moves


def test_the_adr_later_on_points_to_the_symbol_given_before(claims_of):
    text = ("Honda's ADRs (NYSE: HMC) fell 2% on Monday. "
            "This year the ADR is up about 5%, while Honda's Tokyo shares are up 9%.")
    moves = _moves(claims_of(text))
    assert ("HMC", 5.0) in moves and ("7267.T", 9.0) in moves


def test_adrs_without_a_symbol_stay_unresolved_never_the_home_listing(claims_of):
    claims = claims_of("Toyota's ADRs rose 3% in New York.")
    assert [c.ticker for c in claims if c.metric == "price_return"] == [None]


def test_a_home_line_named_by_its_place_is_the_company(claims_of):
    moves = _moves(claims_of("Toyota's Tokyo shares fell 4% this week. Over the past year the Tokyo line is up 10%."))
    assert moves == [("7203.T", -4.0), ("7203.T", 10.0)]
    assert _moves(claims_of("Toyota's Tokyo-listed shares gained 1.1%.")) == [("7203.T", 1.1)]


def test_formerly_keeps_the_current_name_as_subject(claims_of):
    claims = claims_of("IHI Corp., formerly Ishikawajima-Harima Heavy Industries, slid 3.5% on Friday.")
    assert _moves(claims) == [("7013.T", -3.5)]
    claims = claims_of("Kioxia Holdings, previously Toshiba Memory, climbed 8% this week.")
    assert _moves(claims) == [("285A.T", 8.0)]


def test_a_sub_index_is_never_its_parent_index(claims_of):
    text = ("TOPIX Core30 rose 1.2% on Monday. The Nikkei 225 VI jumped 15% on Monday. "
            "TOPIX 500 fell 0.5% on Monday. The Nikkei 225 fell 1% on Monday.")
    moves = [(c.entity, c.ticker, c.value) for c in claims_of(text) if c.metric == "price_return"]
    assert moves == [("TOPIX Core30", None, 1.2), ("Nikkei 225 VI", None, 15.0), ("TOPIX 500", None, -0.5),
                     ("Nikkei 225", "^N225", -1.0)]


def test_a_number_after_an_index_name_that_is_a_figure_keeps_the_index(claims_of):
    claims = claims_of("Topix 100 points lower as exporters slid on Friday.")
    assert {c.ticker for c in claims} == {"^TOPX"}
    claims = claims_of("The S&P 500 Equal Weight index gained 0.8% on Monday.")
    assert [c.ticker for c in claims] == [None]


def test_a_line_in_another_market_is_a_cross_listing_never_the_home_line(claims_of):
    claims = claims_of("Sony's New York-listed shares rose 2% on Friday, and Sony's U.S.-listed shares are up 9% this year.")
    assert [(c.ticker, c.value) for c in claims if c.metric == "price_return"] == [(None, 2.0), (None, 9.0)]
    # a US company named with its own market is its home line
    assert _moves(claims_of("Nvidia's New York shares rose 3% on Friday.")) == [("NVDA", 3.0)]


def test_an_exchange_symbol_in_another_market_names_the_cross_listing(claims_of):
    text = "Honda Motor (NYSE: HMC) fell 3% on Thursday, and Nvidia (Nasdaq: NVDA) rose 2% on Thursday."
    assert _moves(claims_of(text)) == [("HMC", -3.0), ("NVDA", 2.0)]
