"""parse_published: the --published option and page metadata."""

from datetime import date, datetime, timedelta, timezone

import pytest

from tapecheck.errors import InputError
from tapecheck.ingest import from_text, parse_published
from tapecheck.ingest.dates import dateline

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


@pytest.mark.parametrize("text, stated", [
    ("Tokyo week\nFebruary 13, 2026\n\nToyota fell 3.2%.", date(2026, 2, 13)),
    ("Tokyo week\nPublished: 13 Feb 2026 21:56 JST\nToyota fell.", datetime(2026, 2, 13, 21, 56, tzinfo=TOKYO)),
    ("Tokyo week\nFriday, February 13, 2026 at 9:56 p.m. JST\nx", datetime(2026, 2, 13, 21, 56, tzinfo=TOKYO)),
    ("Tokyo week\n2026-02-13\nx", date(2026, 2, 13)),
    ("Tokyo week\n13 Feb 2026 21:56\nx", date(2026, 2, 13)),              # a time without a zone: the day only
    ("Tokyo week\nUpdated: Feb 14, 2026\nFeb 13, 2026\nx", date(2026, 2, 13)),  # updates are later than publication
    ("Tokyo week\nOn February 13, 2026 the Nikkei rose 5%.", None),         # a date inside prose is not a dateline
    ("Tokyo week\n21:56\nbody", None),
    ("Tokyo week\nFeb 30, 2026\nbody", None),
    ("a\nb\nc\nd\ne\nf\nFebruary 13, 2026", None),                         # only near the top
])
def test_dateline_near_the_top_of_a_text(text, stated):
    assert dateline(text) == stated


def test_pasted_text_with_a_dateline_gets_its_date():
    assert from_text("Tokyo week\nFebruary 13, 2026\n\nToyota fell 3.2% on Tuesday.").published_at == date(2026, 2, 13)
    assert from_text("Toyota fell 3.2% on Tuesday.").published_at is None
