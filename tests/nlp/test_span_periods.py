"""Quarters, halves, month ranges, trailing months and dated events, read from prose."""

from datetime import date

import pytest

JULY4 = date(2025, 7, 4)           # a Friday, just after the second quarter ended


def moves(claims):
    return [(c.ticker, c.value, c.period) for c in claims if c.metric == "price_return"]


@pytest.mark.parametrize("sentence, period", [
    ("Advantest climbed 40% in Q2.", "quarter:2025-Q2"),
    ("Advantest climbed 40% during the second quarter.", "quarter:2025-Q2"),
    ("Advantest climbed 40% in the third quarter of 2024.", "quarter:2024-Q3"),
    ("Advantest climbed 40% over April-June.", "quarter:2025-Q2"),
    ("Advantest climbed 40% from January to June.", "half:2025-H1"),
    ("Advantest climbed 40% in H1.", "half:2025-H1"),
    ("Advantest climbed 40% over the first half of the year.", "half:2025-H1"),
    ("Advantest climbed 40% in the quarter.", "quarter:2025-Q2"),   # published four days after it ended
    ("Advantest climbed 40% over the past three months.", "3m"),
    ("Advantest climbed 40% over the twelve months to June.", "1y:2025-06"),
])
def test_quarter_half_and_trailing_phrases(claims_of, sentence, period):
    assert moves(claims_of(sentence, JULY4)) == [("6857.T", 40.0, period)]


def test_a_month_range_that_is_no_quarter_is_not_read_as_one(claims_of):
    (move,) = moves(claims_of("Advantest climbed 40% over February-April.", JULY4))
    assert not move[2].startswith(("quarter", "half"))


def test_the_quarter_is_the_current_one_well_into_it(claims_of):
    assert moves(claims_of("Advantest climbed 40% in the quarter.", date(2025, 8, 20))) == [
        ("6857.T", 40.0, "quarter:2025-Q3")]


def test_the_month_of_a_review_published_after_it(claims_of):
    text = "The Nikkei 225 climbed 6.6% over the month."
    assert moves(claims_of(text, JULY4)) == [("^N225", 6.6, "month:2025-06")]
    assert moves(claims_of(text, date(2025, 6, 27))) == [("^N225", 6.6, "month")]


def test_a_semicolon_keeps_each_clause_its_own_span(claims_of):
    text = "In Q2 the Nikkei rose 13.7% and the TOPIX 7.3%; over the first half the TOPIX added 2.4%."
    assert moves(claims_of(text, JULY4)) == [
        ("^N225", 13.7, "quarter:2025-Q2"), ("^TOPX", 7.3, "quarter:2025-Q2"), ("^TOPX", 2.4, "half:2025-H1")]


def test_since_an_event_on_a_date_is_since_that_date(claims_of):
    text = ("Since the snap election on 14 July, when the ruling party lost seats, the Topix has risen 8%. "
            "Kawasaki Heavy is up 12% since the vote, and Toyota has gained 3% since that day.")
    assert moves(claims_of(text, date(2025, 9, 12))) == [
        ("^TOPX", 8.0, "since:2025-07-14"), ("7012.T", 12.0, "since:2025-07-14"), ("7203.T", 3.0, "since:2025-07-14")]


def test_a_would_inside_the_event_does_not_make_the_move_a_forecast(claims_of):
    (c,) = [c for c in claims_of("Since the minister said on 3 September that he would resign, the Nikkei "
                                 "has added 4%.", date(2025, 9, 12)) if c.metric == "price_return"]
    assert (c.period, c.flags) == ("since:2025-09-03", ())


def test_since_an_event_in_a_month_starts_with_that_month(claims_of):
    assert moves(claims_of("The Nasdaq has gained 30% since the tariff shock in April.", date(2025, 9, 12))) == [
        ("^IXIC", 30.0, "since:2025-04-01")]


def test_the_first_weeks_of_a_month(claims_of):
    text = "Kioxia is up another 27% in the first two weeks of January."
    assert moves(claims_of(text, date(2026, 1, 16))) == [("285A.T", 27.0, "month")]
    assert moves(claims_of(text, date(2026, 3, 2))) == [("285A.T", 27.0, "since:2026-01-01")]


def test_q2_results_are_no_window(claims_of):
    (move,) = moves(claims_of("Toyota rose 3% after its Q2 results.", JULY4))
    assert move[2] == "1d"


def test_a_fiscal_half_is_not_the_calendar_half(claims_of):
    (move,) = moves(claims_of("Toyota rose 12% in the first half of the fiscal year.", JULY4))
    assert not move[2].startswith("half")
    (move,) = moves(claims_of("Toyota rose 12% in the fiscal second quarter.", JULY4))
    assert not move[2].startswith("quarter")


def test_a_figure_inside_the_event_words_is_not_read_as_an_event(claims_of):
    claims = claims_of("Sony has since risen 25% on 3 May hopes.", JULY4)
    assert all(not c.period.startswith("since:") for c in claims)


def test_a_part_without_a_year_is_the_last_one_ended_or_the_current_one_past_its_middle(claims_of):
    text = "Advantest rose 40% in the first half."
    assert moves(claims_of(text, date(2026, 2, 20))) == [("6857.T", 40.0, "half:2025-H1")]
    assert moves(claims_of(text, date(2026, 5, 20))) == [("6857.T", 40.0, "half:2026-H1")]
    assert moves(claims_of("Advantest rose 40% in Q1.", date(2026, 2, 20))) == [("6857.T", 40.0, "quarter:2026-Q1")]


def test_since_an_extreme_in_a_month_is_an_undated_event(claims_of):
    assert moves(claims_of("Advantest has risen 40% since its low in April.", JULY4)) == [("6857.T", 40.0, "since_event")]
    assert moves(claims_of("Advantest has fallen 20% since its record high in March.", JULY4)) == [
        ("6857.T", -20.0, "since_event")]


def test_since_the_vote_after_a_sentence_that_dates_the_election(claims_of):
    text = "The upper-house election was held on 20 July. Since the vote, the Nikkei has gained 12%."
    assert moves(claims_of(text, date(2025, 9, 12))) == [("^N225", 12.0, "since:2025-07-20")]


def test_since_the_vote_with_no_dated_vote_stays_undated(claims_of):
    text = "Toyota fell 2% on 3 September. Since the vote, the Nikkei has gained 12%."
    assert moves(claims_of(text, date(2025, 9, 12)))[-1] == ("^N225", 12.0, "since_event")


@pytest.mark.parametrize("phrase, period", [
    ("in the three months to June", "quarter:2025-Q2"),
    ("in the six months to June", "half:2025-H1"),
    ("in the year to June", "1y:2025-06"),
    ("in the three months to May", "none"),     # no calendar quarter, and no trailing window ends in May
])
def test_spans_to_a_month(claims_of, phrase, period):
    assert moves(claims_of(f"Advantest climbed 40% {phrase}.", JULY4)) == [("6857.T", 40.0, period)]


def test_since_as_because_before_a_coming_event_is_no_start_date(claims_of):
    claims = claims_of("Since investors expect a rate cut on 18 September, the Nikkei rose 2%.", date(2025, 9, 12))
    assert all(not c.period.startswith("since:") for c in claims)
