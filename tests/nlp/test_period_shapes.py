"""Period phrases as the spec (published Friday 2026-02-20)."""

import pytest


def move(claims):
    (c,) = [c for c in claims if c.metric == "price_return"]
    return c


@pytest.mark.parametrize("sentence, ticker, period", [
    ("The Nasdaq has shed 4.95% since the end of December.", "^IXIC", "since:2025-12-31"),
    ("The Topix has added 2% since the end of January.", "^TOPX", "since:2026-01-31"),
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


def test_for_the_year_alone_is_year_to_date(claims_of):
    assert move(claims_of("Sony gained 4.2% for the year.")).period == "ytd"
