"""Claims as the spec: a sentence in, the claim an analyst would write down out."""

from datetime import date
from pathlib import Path

import pytest

from tapecheck.nlp import Extraction, extract, sentences
from tapecheck.records import FLAG_FORWARD, FLAG_NO_FIGURE, FLAG_UNRESOLVED, Article, content_id


def only(claims, metric="price_return"):
    picked = [c for c in claims if c.metric == metric]
    assert len(picked) == 1, picked
    return picked[0]


def test_move_on_a_named_day(claims_of):
    c = only(claims_of("Toyota shares fell 3.2% on Tuesday."))
    assert (c.ticker, c.value, c.qualifier, c.period, c.period_source) == ("7203.T", -3.2, "exact", "day:tue", "sentence")
    assert c.precision == 0.1 and c.figure_text == "3.2%" and c.period_text == "on Tuesday"


def test_approximate_year_to_date(claims_of):
    c = only(claims_of("The Topix has gained about 8% since the start of the year."))
    assert (c.ticker, c.value, c.qualifier, c.period) == ("^TOPX", 8, "approx", "ytd")


def test_nearly_doubled_over_twelve_months(claims_of):
    c = only(claims_of("Tokyo Electron has nearly doubled over the past 12 months."))
    assert (c.ticker, c.value, c.qualifier, c.period) == ("8035.T", 100, "nearly", "1y")


def test_two_moves_joined_by_while_make_a_relative_claim(claims_of):
    claims = claims_of("The Nikkei rose 5% while the S&P 500 fell 1.4%.")
    moves = {c.ticker: c.value for c in claims if c.metric == "price_return"}
    assert moves == {"^N225": 5, "^GSPC": -1.4}
    rel = only(claims, "relative")
    assert (rel.ticker, rel.partner_ticker, rel.value) == ("^N225", "^GSPC", pytest.approx(6.4))


def test_outperformed_without_a_number_is_kept_and_flagged(claims_of):
    rel = only(claims_of("The Nikkei has outperformed the S&P 500 this year."), "relative")
    assert (rel.value, rel.period, rel.partner_ticker) == (None, "ytd", "^GSPC")
    assert FLAG_NO_FIGURE in rel.flags


def test_a_list_of_subjects_gets_one_claim_each(claims_of):
    claims = claims_of("Shiseido and Nintendo each lost more than 3%.")
    assert sorted((c.ticker, c.value, c.qualifier) for c in claims) == [
        ("4911.T", -3, "more_than"), ("7974.T", -3, "more_than")]


def test_respectively_pairs_subjects_and_figures_in_order(claims_of):
    claims = claims_of("Advantest and Tokyo Electron rose 5% and 3%, respectively.")
    assert {c.ticker: c.value for c in claims} == {"6857.T": 5, "8035.T": 3}


def test_level_points_and_percent(claims_of):
    claims = claims_of("The Nikkei closed at 51,117.26, down 844.72 points, or 1.63 pct.")
    assert {c.metric: c.value for c in claims} == {"level": 51117.26, "points": -844.72, "price_return": -1.63}
    assert all(c.ticker == "^N225" for c in claims)


def test_record_high_has_no_value(claims_of):
    c = only(claims_of("The Topix closed at a record high on Thursday."), "record_high")
    assert (c.ticker, c.value, c.period) == ("^TOPX", None, "day:thu")


def test_much_more_without_a_figure_is_kept(claims_of):
    c = only(claims_of("The Nikkei 225 is up >>% this week."))
    assert (c.value, c.qualifier, c.period) == (None, "much_more", "week")
    assert FLAG_NO_FIGURE in c.flags


def test_unknown_company_is_kept_unresolved(claims_of):
    c = only(claims_of("Shares of Acme Robotics Corp surged 25% on Monday."))
    assert (c.ticker, c.entity, c.value) == (None, "Acme Robotics Corp", 25)
    assert FLAG_UNRESOLVED in c.flags


@pytest.mark.parametrize("text", [
    "Analysts say Toyota could rise 20% this year.",
    "Nomura's price target for Sony implies 15% upside.",
    "Strategists expect the Nikkei to gain 10% in 2026.",
])
def test_forecasts_are_flagged_forward_looking(claims_of, text):
    assert FLAG_FORWARD in only(claims_of(text)).flags


@pytest.mark.parametrize("text", [
    "Japan's GDP grew 1.2% in the fourth quarter.",
    "Toyota's operating profit rose 12% in the quarter.",
    "Sony reported a 20% jump in revenue.",
    "The Bank of Japan raised its policy rate to 0.75%.",
    "Support for the cabinet rose to 45% in the latest poll.",
    "The LDP won 48% of the seats.",
    "SoftBank Group holds a 90% stake in Arm.",
    "Euro zone inflation eased to 2.2% in January.",
    "The 10-year JGB yield rose to 1.5%.",
])
def test_figures_that_are_not_price_moves_are_not_claims(claims_of, text):
    assert claims_of(text) == []


def test_table_header_period_applies_to_rows_unless_a_row_says_otherwise(claims_of):
    text = ("Leaders (YTD 2026)\nKioxia Holdings ~120% memory\nNikkei 225 >>% (for the week) politics\n"
            "S&P 500 -1.4% rates\n")
    rows = {c.ticker: (c.value, c.qualifier, c.period, c.period_source) for c in claims_of(text)}
    assert rows == {"285A.T": (120, "approx", "ytd:2026", "table_header"),
                    "^N225": (None, "much_more", "week", "sentence"),
                    "^GSPC": (-1.4, "exact", "ytd:2026", "table_header")}


def test_a_figure_said_again_keeps_its_period(claims_of):
    text = "Kioxia's run (+1000% over the year) is remarkable.\n\nBuying Kioxia after 1000% growth is risky."
    claims = claims_of(text)
    assert [(c.value, c.period, c.period_source) for c in claims] == [(1000, "1y", "sentence"),
                                                                      (1000, "1y", "context")]


def test_period_carries_to_the_next_sentence_of_the_paragraph(claims_of):
    claims = claims_of("The Nikkei fell 1% on Monday. Sony lost 2%.")
    assert [(c.ticker, c.period, c.period_source) for c in claims] == [
        ("^N225", "day:mon", "sentence"), ("6758.T", "day:mon", "context")]


def test_no_period_reads_as_the_session_for_a_worded_move(claims_of):
    c = only(claims_of("Nvidia surged 8.6%."))
    assert (c.period, c.period_source) == ("1d", "default")


def test_published_date_only_fills_a_missing_year(claims_of):
    assert only(claims_of("The Topix rose 4% in December.")).period == "month:2025-12"
    assert only(claims_of("The Topix rose 4% in December.", published=None)).period == "month:12"
    assert only(claims_of("The Topix rose 4% in December 2024.", published=None)).period == "month:2024-12"


def test_spans_point_into_the_article(claims_of):
    text = "Markets were mixed.\nIn Tokyo, Advantest's shares jumped 6% on Tuesday."
    c = only(claims_of(text))
    assert text[c.start:c.end] == "Advantest's shares jumped 6%"
    assert text[c.sentence_start:c.sentence_end] == c.sentence == "In Tokyo, Advantest's shares jumped 6% on Tuesday."


def test_mentions_include_names_that_link_to_nothing(registry):
    text = "Kioxia rose 3% and Zentrix Holdings fell 2%."
    x = extract(Article(id=content_id(text), source="paste", text=text), registry)
    assert isinstance(x, Extraction)
    assert [(m.text, m.ticker) for m in x.mentions] == [("Kioxia", "285A.T"), ("Zentrix Holdings", None)]
    assert all(text[m.start:m.end] == m.text for m in x.mentions)


def test_sentences_split_lines_and_keep_abbreviations():
    text = "Nikkei +5%\nShares of J. Front Retailing rose 2.5% on Tuesday. The U.S. market fell."
    assert [text[s:e] for s, e in sentences(text)] == [
        "Nikkei +5%", "Shares of J. Front Retailing rose 2.5% on Tuesday.", "The U.S. market fell."]


def test_seed_style_article_end_to_end(claims_of):
    """A whole article of our own in the seed's shape: headline, prose, table, comparison."""
    text = (Path(__file__).parent / "sample_article.txt").read_text(encoding="utf-8")
    got = {(c.ticker, c.metric, c.value, c.qualifier, c.period) for c in claims_of(text, date(2026, 2, 20))}
    assert got == {
        ("^N225", "price_return", 4, "exact", "ytd:2026"),
        ("285A.T", "price_return", 110, "approx", "ytd:2026"),
        ("7011.T", "price_return", 50, "more_than", "ytd:2026"),
        ("^TOPX", "price_return", None, "much_more", "week"),
        ("^GSPC", "price_return", -2.1, "exact", "ytd:2026"),
        ("5016.T", "price_return", 900, "exact", "1y"),
        ("^N225", "price_return", 4, "exact", "ytd:2026"),
        ("^GSPC", "price_return", -2.1, "exact", "ytd:2026"),
        ("^N225", "relative", 6.1, "exact", "ytd:2026"),
    }


def test_a_period_inside_a_relative_clause_stays_there(claims_of):
    claims = claims_of("Micron, which jumped 9% last week, gave back 3.8%.")
    assert [(c.value, c.period) for c in claims] == [(9, "last_week"), (-3.8, "1d")]


def test_a_period_of_a_non_price_figure_is_not_borrowed(claims_of):
    claims = claims_of("Tesla gained 2% after the company said deliveries rose 15% from a year ago.")
    assert [(c.ticker, c.value, c.period) for c in claims] == [("TSLA", 2, "1d")]


def test_an_earlier_period_carries_within_the_sentence(claims_of):
    claims = claims_of("The Nasdaq Composite rose 2% last week and the S&P 500 gained 1.5%.")
    assert [c.period for c in claims] == ["last_week", "last_week"]


def test_upside_for_a_named_security_is_its_forecast(claims_of):
    c = only(claims_of("Analysts at Morgan Stanley see 12% upside for the S&P 500 over the next 12 months."))
    assert (c.ticker, c.value, c.period) == ("^GSPC", 12, "1y")
    assert FLAG_FORWARD in c.flags


def test_a_forecast_cue_before_another_figure_does_not_leak(claims_of):
    claims = claims_of("Shiseido lost 3.6% after cutting its profit forecast by 20%, and Fast Retailing fell 1.2%.")
    assert [(c.ticker, c.value, c.flags) for c in claims] == [("4911.T", -3.6, ()), ("9983.T", -1.2, ())]


def test_same_direction_moves_joined_by_while_are_not_a_comparison(claims_of):
    claims = claims_of("Toyota Motor rose 2.3%, while Honda climbed 1.9%.")
    assert [c.metric for c in claims] == ["price_return", "price_return"]


def test_futures_are_not_the_index(claims_of):
    assert claims_of("S&P 500 futures were up 0.2%.") == []


def test_participle_clause_belongs_to_the_sentence_subject(claims_of):
    c = only(claims_of("Rolls-Royce was the top performer in the FTSE 100, rising 5.6%."))
    assert c.ticker == "RR.L"


def test_a_list_under_a_colon_header_takes_its_period(claims_of):
    claims = claims_of("Top gainers of the week:\n1. Kioxia: +18.2%\n2. Advantest: +12.5%\n")
    assert [(c.ticker, c.value, c.period, c.period_source) for c in claims] == [
        ("285A.T", 18.2, "week", "table_header"), ("6857.T", 12.5, "week", "table_header")]


def test_tab_separated_table_with_change_abbreviation(claims_of):
    claims = claims_of("Index\tClose\tChange (d/d)\nNikkei 225\t50,410.12\t+1.2%\nTopix\t3,480.50\t-0.3%\n")
    assert [(c.ticker, c.metric, c.value, c.period) for c in claims] == [
        ("^N225", "level", 50410.12, "1d"), ("^N225", "price_return", 1.2, "1d"),
        ("^TOPX", "level", 3480.5, "1d"), ("^TOPX", "price_return", -0.3, "1d")]


@pytest.mark.parametrize("text, period", [("Sony (-3% d/d) slipped.", "1d"), ("Nintendo (+2.4% w/w) rose.", "week"),
                                          ("Toyota rose 8% y/y.", "1y")])
def test_change_abbreviations_are_periods(claims_of, text, period):
    assert only(claims_of(text)).period == period


def test_distance_from_an_average_is_not_a_move(claims_of):
    assert claims_of("Kioxia is trading 30% above its 200-day moving average.") == []


@pytest.mark.parametrize("text, ticker, sign", [
    ("Nvidia shares fell on Tuesday.", "NVDA", -1), ("The Nikkei closed higher.", "^N225", 1),
    ("Stocks in Tokyo rallied amid the S&P 500 decline.", "^GSPC", -1),
    ("The surge in Kioxia shows how hot memory is.", "285A.T", 1),
])
def test_moves_without_a_figure_are_direction_claims(claims_of, text, ticker, sign):
    c = only(claims_of(text), "direction")
    assert (c.ticker, c.value) == (ticker, sign)


@pytest.mark.parametrize("text", ["Toyota fell short of expectations.", "Analysts expect Sony to rise.",
                                  "Toyota rose 3% on Tuesday.", "Nvidia reported results."])
def test_no_direction_claim_without_a_plain_move(claims_of, text):
    assert [c for c in claims_of(text) if c.metric == "direction"] == []


def test_a_list_after_surge_in_gets_one_direction_claim_each(claims_of):
    claims = claims_of("The surge in JX Advanced Metals and Sumitomo Metal Mining continued.")
    assert sorted((c.ticker, c.value) for c in claims) == [("5016.T", 1.0), ("5713.T", 1.0)]
