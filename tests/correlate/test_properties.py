"""Properties that hold for any security, period and date in the bundled prices."""

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tapecheck.correlate import AsOf, verify_claim

from .conftest import claim

TICKERS = ["285A.T", "7203.T", "7012.T", "^N225", "^TOPX", "^GSPC", "NVDA", "MU"]
PERIODS = ["1d", "day:tue", "week", "last_week", "month", "last_month", "ytd", "1y",
           "year:2025", "month:2025-11", "since:2025-09-01"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ticker=st.sampled_from(TICKERS), period=st.sampled_from(PERIODS),
       offset=st.integers(min_value=0, max_value=180))
def test_a_figure_rounded_from_the_tape_holds_and_its_distortions_do_not(
        book, ticker, period, offset):
    when = AsOf(date(2026, 1, 15) + timedelta(days=offset), "user")
    probe = verify_claim(claim("X", ticker, 1.0, period), None, book, when)
    if probe.verdict == "unverifiable":
        return
    actual = probe.actual
    # the closes and dates behind the verdict are the real ones, in order
    s = book.get(ticker)
    assert s.values[s.index_at_or_before(probe.window_start)] == probe.start_close
    assert s.values[s.index_at_or_before(probe.window_end)] == probe.end_close
    assert probe.window_start < probe.window_end <= when.moment
    written = round(actual, 1)
    if abs(written) < 0.3:
        return

    def verdict(value, qualifier="exact"):
        return verify_claim(claim("X", ticker, value, period, qualifier=qualifier,
                                  precision=0.1), None, book, when).verdict

    assert verdict(written) == "supported"
    assert verdict(-written) == "wrong_direction"
    assert verdict(round(written * 2, 1)) == "exaggerated"
    assert verdict(round(written / 2, 1)) == "understated"
    assert verdict(round(written * 0.95, 1), "more_than") == "supported"
    assert verdict(round(written * 1.05, 1) + (0.2 if written > 0 else -0.2),
                   "less_than") == "supported"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(period=st.one_of(
    st.text(max_size=20),
    st.builds(lambda k, a: f"{k}:{a}", st.sampled_from(["day", "month", "ytd", "year", "since"]),
              st.text(max_size=12))),
    value=st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False,
                                         min_value=-1e6, max_value=1e6)),
    metric=st.sampled_from(["price_return", "level", "points", "record_high", "direction",
                            "relative"]))
def test_no_period_or_figure_crashes_verification(book, period, value, metric):
    v = verify_claim(claim("Nikkei", "^N225", value, period, metric=metric, partner="^GSPC"),
                     None, book, AsOf(date(2026, 2, 13), "user"))
    assert v.verdict in ("supported", "exaggerated", "understated", "wrong_direction",
                         "unverifiable")
    assert v.reason
