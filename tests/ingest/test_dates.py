"""parse_published: the --published option and page metadata."""

from datetime import date, datetime, timedelta, timezone

import pytest

from tapecheck.errors import InputError
from tapecheck.ingest import parse_published

TOKYO = timezone(timedelta(hours=9))


def test_bare_date_stays_a_date():
    assert parse_published("2026-02-13") == date(2026, 2, 13)
    assert type(parse_published("2026-02-13")) is date


@pytest.mark.parametrize("text, moment", [
    ("2026-02-13T21:56+09:00", datetime(2026, 2, 13, 21, 56, tzinfo=TOKYO)),
    ("2026-02-13T21:56:30+09:00", datetime(2026, 2, 13, 21, 56, 30, tzinfo=TOKYO)),
    ("2026-02-13T12:56Z", datetime(2026, 2, 13, 12, 56, tzinfo=timezone.utc)),
    ("2026-02-13 12:56+00:00", datetime(2026, 2, 13, 12, 56, tzinfo=timezone.utc)),
    ("Fri, 13 Feb 2026 21:56:00 +0900", datetime(2026, 2, 13, 21, 56, tzinfo=TOKYO)),
])
def test_zoned_moment(text, moment):
    parsed = parse_published(text)
    assert parsed == moment and parsed.utcoffset() == moment.utcoffset()


def test_naive_time_is_refused_with_a_hint():
    with pytest.raises(InputError, match="no time zone"):
        parse_published("2026-02-13T21:56")


@pytest.mark.parametrize("text", ["", "   ", "yesterday", "2026-13-45", "13/02/2026", "0001-01-01", "x" * 500])
def test_garbage_is_refused(text):
    with pytest.raises(InputError, match="2026-02-13"):
        parse_published(text)
