"""Quarters, halves, trailing months and 'the twelve months to June' on the exchange calendar."""

from datetime import date

import pytest

from tapecheck.correlate import AsOf, verify_claim
from tapecheck.correlate.calendars import calendar
from tapecheck.correlate.windows import NoWindow, window

from .conftest import claim

TOKYO = calendar("XTKS")
JULY4 = date(2025, 7, 4)


@pytest.mark.parametrize("period, base, end", [
    ("quarter:2025-Q2", date(2025, 3, 31), date(2025, 6, 30)),     # last close before April to June's last
    ("half:2025-H1", date(2024, 12, 30), date(2025, 6, 30)),       # Tokyo's last 2024 session was the 30th
    ("quarter:2025-Q3", date(2025, 6, 30), JULY4),                 # still running: to the as-of session
    ("3m", date(2025, 4, 4), JULY4),                                # same day three months back
    ("6m", date(2024, 12, 30), JULY4),                              # 4 January 2025 was a Saturday
    ("1y:2025-06", date(2024, 6, 28), date(2025, 6, 30)),
])
def test_span_windows(period, base, end):
    w = window(period, JULY4, TOKYO)
    assert (w.base, w.end) == (base, end)


@pytest.mark.parametrize("period", ["quarter:2025-Q4", "half:2025-H3", "quarter:2025-X2", "1y:2025-09"])
def test_a_span_that_is_later_or_unreadable_has_no_window(period):
    with pytest.raises(NoWindow):
        window(period, JULY4, TOKYO)


def test_a_quarter_claim_is_checked_over_the_quarter_not_the_month(book):
    # MHI: 2,526 at the end of March 2025, 3,610 at the end of June -> +42.9%
    v = verify_claim(claim("Mitsubishi Heavy", "7011.T", 42.9, "quarter:2025-Q2", precision=0.1),
                     None, book, AsOf(JULY4, "published"))
    assert v.verdict == "supported"
    assert (v.window_start, v.window_end) == (date(2025, 3, 31), date(2025, 6, 30))
    assert "Q2 2025" in v.reason


def test_a_wrong_half_year_figure_is_caught(book):
    # Advantest went from 9,198 to 10,655 in the first half of 2025 (+15.8%), not +40%
    v = verify_claim(claim("Advantest", "6857.T", 40, "half:2025-H1"), None, book, AsOf(JULY4, "published"))
    assert v.verdict == "exaggerated"
    assert "H1 2025" in v.reason


def test_an_intraday_figure_is_never_checked_against_the_close(book):
    from tapecheck.records import FLAG_INTRADAY
    v = verify_claim(claim("Nikkei", "^N225", -2.4, "1d", flags=(FLAG_INTRADAY,)), None, book,
                     AsOf(date(2026, 2, 13), "published"))
    assert v.verdict == "unverifiable"
    assert v.reason.startswith("intraday figure: daily closes cannot confirm it")


@pytest.mark.parametrize("period, last_day", [
    ("quarter:2025-Q2", date(2025, 6, 30)), ("half:2025-H2", date(2025, 12, 31)), ("1y:2025-06", date(2025, 6, 30)),
    ("3m", None),
])
def test_an_undated_article_checks_a_named_span_over_the_whole_span(period, last_day):
    from tapecheck.correlate.asof import period_end
    assert period_end(period) == last_day
