"""parse_published: the --published option and page metadata."""

from datetime import date, datetime, timedelta, timezone

import pytest

from tapecheck.errors import InputError
from tapecheck.ingest import from_text, parse_published
from tapecheck.ingest.dates import dateline, stated_moment

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


NEW_YORK_WINTER = timezone(timedelta(hours=-5))


@pytest.mark.parametrize("line, stated", [
    ("Nov 25, 2026 9:41 AM ET", datetime(2026, 11, 25, 9, 41, tzinfo=NEW_YORK_WINTER)),
    ("Jul 9, 2026 4:12 PM ET", datetime(2026, 7, 9, 16, 12, tzinfo=timezone(timedelta(hours=-4)))),  # EDT in July
    ("25 November 2026 at 15:30 JST", datetime(2026, 11, 25, 15, 30, tzinfo=TOKYO)),
    ("2026\u5e7411\u670825\u65e5", date(2026, 11, 25)),
    ("2026\u5e7411\u670825\u65e5(\u6c34) 15:30 JST", datetime(2026, 11, 25, 15, 30, tzinfo=TOKYO)),
    ("2026\u5e7411\u670825\u65e5 15\u664230\u5206", date(2026, 11, 25)),    # no zone stated: the day only
    ("Wed, Nov 25, 2026, 9:41 AM EST", datetime(2026, 11, 25, 9, 41, tzinfo=NEW_YORK_WINTER)),
    ("July 9, 2026 3:41 PM GMT+9", datetime(2026, 7, 9, 15, 41, tzinfo=TOKYO)),
    ("2026/07/09 16:20", date(2026, 7, 9)),
    ("Updated 2 hours ago", None),                                        # relative, and an update
    ("12 minutes ago", None),
])
def test_page_date_lines(line, stated):
    assert stated_moment(line) == stated
    assert dateline(f"Tokyo close\n{line}\n\nToyota fell 3.2%.") == stated
    found = stated_moment(line)
    if isinstance(found, datetime):
        assert found.utcoffset() == stated.utcoffset()


def test_an_update_never_replaces_the_publication():
    line = "Published Nov. 25, 2026, 9:41 a.m. ET \u00b7 Updated Nov 26, 2026 11:02 AM ET"
    assert stated_moment(line) == datetime(2026, 11, 25, 9, 41, tzinfo=NEW_YORK_WINTER)
    assert stated_moment("Updated Nov 26, 2026 11:02 AM ET") is None
    assert dateline("Tokyo close\nUpdated Nov 26, 2026\nNov 25, 2026 9:41 AM ET\nbody") == \
        datetime(2026, 11, 25, 9, 41, tzinfo=NEW_YORK_WINTER)


@pytest.mark.parametrize("line, stated", [
    ("By Hana Ozaki July 9, 2026 3:41 PM GMT+9 \u00b7 3 min read", datetime(2026, 7, 9, 15, 41, tzinfo=TOKYO)),
    ("July 9, 2026 3:41 PM GMT+9Updated 3 hours ago", datetime(2026, 7, 9, 15, 41, tzinfo=TOKYO)),
    ("Jordan Lee \u00b7 Jul 9, 2026 4:12 PM ET", datetime(2026, 7, 9, 16, 12, tzinfo=timezone(timedelta(hours=-4)))),
    ("The Nikkei closed at a record on July 9, 2026.", None),   # a sentence that mentions a date
    ("Kioxia rose 8% on July 9, 2026", None),
])
def test_byline_copied_with_its_date(line, stated):
    assert dateline(f"Chip stocks lift Nikkei\n{line}\n\nbody") == stated


@pytest.mark.parametrize("line", ["Tokyo close, 13 February 2026", "Markets wrap for July 9, 2026"])
def test_a_headline_with_a_date_is_not_a_byline(line):
    assert dateline(f"{line}\n\nAdvantest jumped 10.6% this week.") is None


def test_initials_in_a_byline():
    assert dateline("Headline\nBy A. Writer \u00b7 July 9, 2026\nbody") == date(2026, 7, 9)
