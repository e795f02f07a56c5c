"""Sessions and as-of on each market's own calendar."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from tapecheck.correlate.calendars import calendar, exchange_for
from tapecheck.correlate.windows import window
from tapecheck.records import Security

TOKYO = ZoneInfo("Asia/Tokyo")
NEW_YORK = ZoneInfo("America/New_York")


def test_tokyo_holiday_is_skipped():
    xtks = calendar("XTKS")
    # 2026-02-11 (National Foundation Day) is a Wednesday with no session.
    assert not xtks.is_session(date(2026, 2, 11))
    w = window("1d", date(2026, 2, 12), xtks)
    assert (w.base, w.end) == (date(2026, 2, 10), date(2026, 2, 12))


def test_named_weekday_on_a_holiday_means_the_week_before():
    w = window("day:wed", date(2026, 2, 13), calendar("XTKS"))
    assert w.end == date(2026, 2, 4)


def test_same_wednesday_is_a_session_in_new_york():
    w = window("day:wed", date(2026, 2, 13), calendar("XNYS"))
    assert w.end == date(2026, 2, 11)


def test_us_half_day_closes_at_one_pm():
    xnys = calendar("XNYS")
    assert date(2025, 11, 28) in xnys.early_closes
    # 14:00 New York on the half-day: the session has closed.
    after = datetime(2025, 11, 28, 14, 0, tzinfo=NEW_YORK)
    assert xnys.last_closed(after) == date(2025, 11, 28)
    # 14:00 on a normal day: still trading, the as-of is the day before.
    normal = datetime(2025, 11, 26, 14, 0, tzinfo=NEW_YORK)
    assert xnys.last_closed(normal) == date(2025, 11, 25)


def test_year_boundary_ytd_base_is_previous_years_last_session():
    # Tokyo's last session of 2025 is 2025-12-30; New York's is 2025-12-31.
    assert window("ytd", date(2026, 1, 6), calendar("XTKS")).base == date(2025, 12, 30)
    assert window("ytd", date(2026, 1, 6), calendar("XNYS")).base == date(2025, 12, 31)
    # In the first days of January the window is short but valid.
    w = window("ytd", date(2026, 1, 5), calendar("XTKS"))
    assert (w.base, w.end) == (date(2025, 12, 30), date(2026, 1, 5))


def test_named_year_ends_on_its_last_session():
    w = window("year:2025", date(2026, 3, 2), calendar("XTKS"))
    assert (w.base, w.end) == (date(2024, 12, 30), date(2025, 12, 30))


def test_tokyo_and_new_york_dates_never_mix():
    # 21:56 Tokyo on Friday 2026-02-13 is 07:56 in New York: Tokyo has closed
    # that day, New York has not opened it.
    moment = datetime(2026, 2, 13, 21, 56, tzinfo=TOKYO)
    assert calendar("XTKS").last_closed(moment) == date(2026, 2, 13)
    assert calendar("XNYS").last_closed(moment) == date(2026, 2, 12)


def test_date_only_publication_means_end_of_day_in_exchange_zone():
    assert calendar("XNYS").last_closed(date(2026, 2, 13)) == date(2026, 2, 13)
    assert calendar("XTKS").last_closed(date(2026, 2, 14)) == date(2026, 2, 13)  # Saturday


def test_exchange_from_registry_then_suffix():
    class Registry:
        def get(self, ticker):
            return Security(ticker, "Vodafone", exchange="XLON") if ticker == "VOD" else None

    assert exchange_for("VOD", Registry()) == "XLON"
    assert exchange_for("7203.T", Registry()) == "XTKS"
    assert exchange_for("^N225") == "XTKS"
    assert exchange_for("SAP.DE") == "XETR"
    assert exchange_for("0700.HK") == "XHKG"
    assert exchange_for("AAPL") == "XNYS"
    assert exchange_for("BTC-USD") == "24/7"     # crypto trades every day
    assert exchange_for("JPY=X") == "24/5"


def test_exchange_from_the_real_registry():
    from tapecheck.nlp.registry import load_registry

    registry = load_registry()
    assert exchange_for("7203.T", registry) == "XTKS"
    assert exchange_for("^GSPC", registry) == "XNYS"
    assert exchange_for("VOD.L", registry) == "XLON"
    assert exchange_for("SAP.DE", registry) == "XETR"


def test_london_window_skips_its_own_holiday():
    # 2025-08-25 was the UK summer bank holiday; New York traded.
    xlon, xnys = calendar("XLON"), calendar("XNYS")
    assert not xlon.is_session(date(2025, 8, 25)) and xnys.is_session(date(2025, 8, 25))
    assert window("1d", date(2025, 8, 26), xlon).base == date(2025, 8, 22)


def test_a_session_not_yet_open_is_not_trading():
    xtks = calendar("XTKS")
    # Monday 2026-02-16 18:00 New York is Tuesday 08:00 Tokyo: Tuesday has not opened.
    evening = datetime(2026, 2, 16, 18, 0, tzinfo=NEW_YORK)
    assert xtks.open_session_at(evening) is None
    assert xtks.last_closed(evening) == date(2026, 2, 16)
    # 10:00 Tokyo that Tuesday it is trading; at its 15:30 close it no longer is.
    assert xtks.open_session_at(datetime(2026, 2, 17, 10, 0, tzinfo=TOKYO)) == date(2026, 2, 17)
    assert xtks.open_session_at(datetime(2026, 2, 17, 15, 30, tzinfo=TOKYO)) is None
