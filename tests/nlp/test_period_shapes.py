"""Period phrases as the spec (published Friday 2026-02-20)."""

import pytest


def move(claims):
    (c,) = [c for c in claims if c.metric == "price_return"]
    return c


@pytest.mark.parametrize("sentence, ticker, period", [
    ("The Nasdaq has shed 4.95% since the end of December.", "^IXIC", "ytd:2026"),
    ("The Topix has added 2% since the end of January.", "^TOPX", "since:2026-02-01"),
    ("The Dow has gained 3% since the end of 2025.", "^DJI", "ytd:2026"),
    ("The Nikkei is down 4% from its record close on Jan. 5.", "^N225", "since_event"),
    ("Kioxia has lost nearly a third of its value from its peak.", "285A.T", "since_event"),
    ("Advantest dropped 9.6% on the day the selling started.", "6857.T", "since_event"),
    ("Sony fell 1.1% on the day.", "6758.T", "1d"),
    ("Toyota remains the year's best performer with a 27% gain.", "7203.T", "ytd"),
    ("The Topix rose 2.2% over the week to Friday.", "^TOPX", "week"),
    ("Nvidia climbed 6% over the week.", "NVDA", "week"),
])
def test_period_phrase(claims_of, sentence, ticker, period):
    c = move(claims_of(sentence))
    assert (c.ticker, c.period) == (ticker, period)


def test_for_the_year_follows_the_year_named_in_the_sentence(claims_of):
    claims = claims_of("Sony ended 2025 up 31%, and Honda gained just 4.2% for the year.")
    assert [(c.ticker, c.period) for c in claims if c.metric == "price_return"] == [
        ("6758.T", "year:2025"), ("7267.T", "year:2025")]


def test_an_event_period_stays_with_its_own_clause(claims_of):
    claims = claims_of("Advantest dropped 9.6% on the day the selling began, and Sony fell 3.2%. Nvidia jumped 5%.")
    assert [(c.ticker, c.period) for c in claims if c.metric == "price_return"] == [
        ("6857.T", "since_event"), ("6758.T", "1d"), ("NVDA", "1d")]


def test_for_the_year_alone_is_year_to_date(claims_of):
    assert move(claims_of("Sony gained 4.2% for the year.")).period == "ytd"


def test_a_list_after_a_verb_shares_its_session(claims_of):
    claims = claims_of("* Sony sinks 9.4%; Honda -6.5%; Mazda -11%")
    assert [(c.ticker, c.value, c.period) for c in claims] == [
        ("6758.T", -9.4, "1d"), ("7267.T", -6.5, "1d"), ("7261.T", -11.0, "1d")]


def test_quote_board_line_is_a_level_and_the_session_move(claims_of):
    claims = claims_of("Topix: 3,609.40 (-108.01, -2.91%)")
    assert {(c.metric, c.value, c.period) for c in claims} == {("level", 3609.4, "1d"), ("price_return", -2.91, "1d")}


def test_bare_bullets_in_a_closing_report_are_the_session(claims_of):
    text = ("Tokyo close: stocks slump\n\nThe Nikkei closed down 2.1% on the day, its worst session since April.\n\n"
            "* Sony -4.2%\n* Honda -3.0%\n\nThe selling eased into the close.")
    moves = {(c.ticker, c.period) for c in claims_of(text) if c.metric == "price_return"}
    assert moves == {("^N225", "1d"), ("6758.T", "1d"), ("7267.T", "1d")}


def test_a_bare_figure_outside_a_closing_report_stays_undated(claims_of):
    text = "Japan's chip names this year\n\n* Kioxia +120%\n* Advantest +60%\n\nBoth have rallied so far this year."
    assert all(c.period != "1d" for c in claims_of(text) if c.metric == "price_return")


def test_this_year_does_not_reach_another_securitys_bare_move(claims_of):
    claims = claims_of("Kioxia is up more than 300% this year. Sony fell 3.2% and Honda rose 1%.")
    assert [(c.ticker, c.period) for c in claims if c.metric == "price_return"] == [
        ("285A.T", "ytd"), ("6758.T", "1d"), ("7267.T", "1d")]


def test_this_year_still_reaches_the_same_security(claims_of):
    claims = claims_of("Kioxia is up more than 300% this year. Kioxia has added 40% since March, too.")
    assert [c.period for c in claims if c.metric == "price_return"][0] == "ytd"


def test_week_on_week_and_the_calendar_year(claims_of):
    assert move(claims_of("Sony was 3.5% lower week on week.")).period == "week"
    claims = claims_of("Sony gained 40% in 2025. Honda rose about 12% over the calendar year.")
    assert [(c.ticker, c.period) for c in claims if c.metric == "price_return"] == [
        ("6758.T", "year:2025"), ("7267.T", "year:2025")]


def test_a_vague_time_frame_yields_to_the_period_a_table_row_states(claims_of):
    text = ("In late 2025 Tokyo led the world: Topix +3% while Wall Street wobbled.\n\n"
            "Index        Move               Driver\n"
            "Topix        >>% (for the week)  Exporters\n"
            "Nasdaq       -2.1%               Rate worries\n\n"
            "In early 2026 the Topix rose 3% as chipmakers rallied.\n")
    moves = [c for c in claims_of(text) if c.metric == "price_return" and c.ticker == "^TOPX"
             and c.value == 3]
    assert moves and all(c.period == "week" for c in moves)
    # without a row for the security, 'in early 2026' still reads as the year so far
    (alone,) = [c for c in claims_of("In early 2026 the Topix rose 3% as chipmakers rallied.")
                if c.metric == "price_return"]
    assert alone.period == "ytd:2026"


def test_characters_that_lowercase_differently_keep_the_same_claims(claims_of):
    # A Kelvin sign (K) lowercases to a plain k but matches no ASCII pattern case-blindly:
    # the fast folded scan must give way and the claims stay those of the plain text.
    plain = "Tokyo Electron rose 4.2% this week. Heat reached 300 degrees."
    odd = plain.replace("300 degrees", "300 \u212a")
    assert [(c.ticker, c.value, c.period) for c in claims_of(odd)] == \
        [(c.ticker, c.value, c.period) for c in claims_of(plain)] == [("8035.T", 4.2, "week")]
