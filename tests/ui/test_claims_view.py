"""How claims read on screen: figures, moves, periods."""

from tapecheck.ui.claims_view import actual_text, claimed_text, period_kind, period_label


def test_moves_read_with_their_units():
    assert actual_text({"metric": "price_return", "actual": 10.6042}) == "+10.6%"
    assert actual_text({"metric": "relative", "actual": -5.114}) == "-5.11 pp"
    assert actual_text({"metric": "level", "actual": 63339.07}) == "63,339.07"
    assert actual_text({"metric": "record_high", "actual": 0.0}) == "at the record"
    assert actual_text({"metric": "record_high", "actual": -2.5}) == "-2.50% vs record"
    assert actual_text({"metric": "price_return", "actual": None}) == ""


def test_claimed_figure_reads_signed_with_its_qualifier():
    assert claimed_text({"figure_text": "~120%", "value": 120.0, "metric": "price_return",
                         "qualifier": "approx"}) == "~+120%"
    # 'shares slipped 0.2%': the figure is written unsigned, the claim is a fall
    assert claimed_text({"figure_text": "0.2%", "value": -0.2, "metric": "price_return",
                         "qualifier": "exact"}) == "-0.2%"
    assert claimed_text({"figure_text": "doubled", "value": 100.0, "metric": "price_return",
                         "qualifier": "exact"}) == "+100% (doubled)"
    assert claimed_text({"figure_text": ">>%", "value": None, "metric": "price_return"}) == ">>%"
    assert claimed_text({"figure_text": "", "value": 5.0, "metric": "price_return",
                         "qualifier": "more_than"}) == ">+5%"
    assert claimed_text({"figure_text": None, "value": None, "metric": "price_return"}) == "no figure"
    assert claimed_text({"figure_text": "", "value": -1.0, "metric": "direction"}) == "down"


def test_periods_read_as_words_and_group_into_kinds():
    assert period_label("ytd:2026") == "YTD 2026"
    assert period_label("day:tue") == "on Tue"
    assert period_label("since:2026-01-05") == "since 2026-01-05"
    assert period_kind("ytd:2026") == period_kind("ytd") == "year to date"
    assert period_kind(None) == "no period"


def test_quarters_halves_and_trailing_spans_read_as_an_analyst_writes_them():
    assert period_label("quarter:2025-Q2") == "Q2 2025"
    assert period_label("half:2025-H1") == "H1 2025"
    assert period_label("3m") == "past 3 months"
    assert period_label("1y:2025-06") == "12 months to 2025-06"
    assert period_kind("quarter:2025-Q2") == "quarter" and period_kind("half:2026-H1") == "half year"
