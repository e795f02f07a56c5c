"""Property tests: arbitrary text never breaks normalisation or date parsing."""

import html
import unicodedata
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tapecheck.errors import InputError, UnsafeURL
from tapecheck.ingest import web
import ingest_samples as samples

from tapecheck.ingest import from_bytes, from_text, parse_published
from tapecheck.ingest.dates import dateline
from tapecheck.ingest.text import _ENTITY, normalise
from tapecheck.ingest.web import check_url

@pytest.fixture(scope="module")
def monkeypatch_resolver():
    """Every host resolves to one public address: no DNS traffic in tests."""
    original = web._resolve
    web._resolve = lambda host, port: ["93.184.215.14"]
    yield
    web._resolve = original


# Text with the characters real articles get wrong: entities, dashes, quotes,
# fullwidth forms, invisible and control characters, line separators.
_pieces = st.one_of(
    st.characters(),
    st.sampled_from(list("&;#apos0123456789%-.\n\r\t \u00a0\u200b\u2212\u2013\u2014\u2018\u2019\u201c\u201d"
                         "\uff10\uff05\u3000\u2028\u2029\ufeff\u00ad\x00\x0c")),
    st.sampled_from(["&apos;", "&amp;", "&#8217;", "&#x2212;", "&nbsp;", "&amp;apos;", "\r\n"]),
)
tricky = st.lists(_pieces, max_size=120).map("".join)


@settings(max_examples=400, deadline=None)
@given(tricky)
def test_normalise_is_total_idempotent_and_clean(text):
    clean = normalise(text)
    assert normalise(clean) == clean
    assert _ENTITY.sub(lambda m: html.unescape(m.group(0)), clean) == clean  # no entity survives
    assert "\r" not in clean and "\n\n\n" not in clean
    for bad in "\u00a0\u200b\u2212\u2018\u2019\u201c\u201d\ufeff\u00ad\u2028\u2029\x00\x0c\uff10\uff05\u3000":
        assert bad not in clean
    assert all(ch in "\t\n" or unicodedata.category(ch)[0] != "C" for ch in clean)
    assert clean == clean.strip("\n") and not any(line != line.rstrip() for line in clean.split("\n"))


@settings(max_examples=150, deadline=None)
@given(tricky)
def test_any_pasted_text_becomes_an_article_or_one_input_error(text):
    try:
        article = from_text(text)
    except InputError:
        return
    assert article.text == normalise(article.text) and article.text.strip()
    assert len(article.id) == 16 and article.published_at is None


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=80))
def test_parse_published_never_raises_anything_but_input_error(text):
    try:
        parsed = parse_published(text)
    except InputError as error:
        assert str(error)
        return
    assert isinstance(parsed, date)
    if isinstance(parsed, datetime):
        assert parsed.utcoffset() is not None


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_dates_round_trip(day):
    assert parse_published(day.isoformat()) == day


@given(
    st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2200, 12, 30)),
    st.integers(min_value=-14 * 60, max_value=14 * 60),
)
def test_zoned_moments_round_trip(moment, offset_minutes):
    aware = moment.replace(tzinfo=timezone(timedelta(minutes=offset_minutes)))
    parsed = parse_published(aware.isoformat())
    assert parsed == aware and parsed.utcoffset() == aware.utcoffset()


_prefixes = st.sampled_from([b"", b"%PDF-1.4\n", b"<!DOCTYPE html><html><body><p>", b"\xef\xbb\xbf", b"\xff\xfe",
                             b"<?xml version='1.0'?><rss>"])


@settings(max_examples=300, deadline=None)
@given(_prefixes, st.binary(max_size=2000), st.sampled_from(["a.txt", "a.md", "a.html", "a.pdf", "upload"]))
def test_any_bytes_become_an_article_or_one_input_error(prefix, body, name):
    try:
        article = from_bytes(prefix + body, name)
    except InputError as error:
        assert str(error)
        return
    assert article.text.strip() and article.text == normalise(article.text)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_damaged_pdfs_fail_cleanly(data):
    pdf = bytearray(samples.make_pdf())
    for _ in range(data.draw(st.integers(1, 20))):
        position = data.draw(st.integers(0, len(pdf) - 1))
        pdf[position] = data.draw(st.integers(0, 255))
    try:
        from_bytes(bytes(pdf), "damaged.pdf")
    except InputError:
        pass


@settings(max_examples=300, deadline=None)
@given(st.one_of(
    st.text(max_size=60),
    st.builds(lambda scheme, rest: scheme + rest, st.sampled_from(["http://", "https://", "HTTP://", "ftp://", "//"]),
              st.text(max_size=60)),
))
def test_any_url_text_is_accepted_or_refused_with_unsafe_url(monkeypatch_resolver, text):
    try:
        host, port, addresses = check_url(text)
    except UnsafeURL as error:
        assert str(error)
        return
    assert host and 0 < port < 65536 and addresses == ["93.184.215.14"]


_dateline_pieces = st.one_of(st.characters(), st.sampled_from(
    ["\n", " ", ",", ":", "Published: ", "Feb", "February", "13", "2026", "-", "21:56", "p.m.", "JST", "+09:00",
     "Z", "Friday, ", "at ", "00", "99"]))


@settings(max_examples=400, deadline=None)
@given(st.lists(_dateline_pieces, max_size=40).map("".join))
def test_dateline_never_raises(text):
    found = dateline(text)
    assert found is None or isinstance(found, date)
    if isinstance(found, datetime):
        assert found.utcoffset() is not None
