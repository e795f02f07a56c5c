"""Descriptive anaphora: 'the flash-memory maker', 'the lender', "the Danish
group's shares" point back to the company named just before, never to an index;
when two companies fit, the move is kept but left unresolved."""


def price_moves(claims):
    return [(c.ticker, c.value, c.period) for c in claims if c.metric == "price_return"]


def test_a_description_of_the_company_binds_its_move(claims_of):
    claims = claims_of("Kioxia Holdings led Tokyo's chip rally. The flash-memory maker rose 29% this week, "
                       "and the chipmaker is up more than 120% so far this year.")
    assert price_moves(claims) == [("285A.T", 29.0, "week"), ("285A.T", 120.0, "ytd")]
    assert all(c.entity == "Kioxia Holdings" for c in claims)


def test_the_sector_word_skips_a_company_of_another_trade(claims_of):
    claims = claims_of("Toyota Motor cut its outlook on Tuesday. Mizuho said it would buy back shares. "
                       "The automaker fell 4.1% on the day.")
    assert price_moves(claims) == [("7203.T", -4.1, "1d")]


def test_a_nationality_picks_the_company_listed_there(claims_of):
    claims = claims_of("Rheinmetall and BAE Systems both won army contracts. The German arms maker jumped 6.5% on Monday.")
    assert price_moves(claims) == [("RHM.DE", 6.5, "day:mon")]


def test_the_companys_shares_through_a_possessive_description(claims_of):
    claims = claims_of("Novo Nordisk cut its sales forecast. The Danish group's shares are down 35% year to date.")
    assert price_moves(claims) == [("NOVO-B.CO", -35.0, "ytd")]


def test_a_description_never_points_to_an_index(claims_of):
    claims = claims_of("The Nikkei 225 slipped on Thursday. The company fell 3% after the results.")
    (claim,) = [c for c in claims if c.metric == "price_return"]
    assert claim.ticker is None and "unresolved_subject" in claim.flags


def test_two_fitting_companies_leave_the_move_unresolved(claims_of):
    claims = claims_of("Toyota Motor and Honda Motor reported results on Tuesday. The automaker rose 3%.")
    (claim,) = [c for c in claims if c.metric == "price_return"]
    assert claim.ticker is None and "unresolved_subject" in claim.flags


def test_a_description_set_off_by_commas_belongs_to_the_name_before_it(claims_of):
    claims = claims_of("Kawasaki Heavy rose 4% and Mitsubishi Heavy, Japan's biggest defence contractor, added 3.1%.")
    assert price_moves(claims) == [("7012.T", 4.0, "1d"), ("7011.T", 3.1, "1d")]


def test_a_noun_that_goes_on_is_not_a_company_description(claims_of):
    claims = claims_of("Toyota Motor reported on Monday. Japan's producer prices are expected to rise 2.4% next month.")
    assert not [c for c in claims if c.ticker == "7203.T" and c.metric == "price_return"]


def test_a_possessive_pronoun_points_back_to_an_index_too(claims_of):
    claims = claims_of("The Topix rose 2.2% this week, its third weekly gain, closing at 3,795.12.")
    assert [(c.ticker, c.metric) for c in claims] == [("^TOPX", "price_return"), ("^TOPX", "level")]


def test_a_description_joining_two_trades(claims_of):
    claims = claims_of("Sony Group rose 6.2% on Wednesday. The electronics and entertainment group's stock has "
                       "risen 28% this year.")
    assert price_moves(claims) == [("6758.T", 6.2, "day:wed"), ("6758.T", 28.0, "ytd")]
