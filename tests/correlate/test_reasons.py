"""Reasons an analyst reads: one sentence with both closes and their dates, the
band that was applied, and for an unverifiable claim the exact cause."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from tapecheck.correlate import AsOf, verify_article, verify_claim
from tapecheck.records import Article

from .conftest import claim

FEB13 = AsOf(date(2026, 2, 13), "user")


def check(book, c, when=FEB13):
    return verify_claim(c, None, book, when)


def test_a_move_held_only_by_the_data_slack_says_so(book):
    # Nikkei +4.96% for the week to 2026-02-13; "5.02%" rounds to 5.015-5.025,
    # and only the data slack takes it to 4.94.
    v = check(book, claim("Nikkei 225", "^N225", 5.02, "week", precision=0.01, figure="5.02%"))
    assert v.verdict == "supported"
    assert "(5.015–5.025%; +4.96% is inside the data slack: accepted 4.94–5.1%)" in v.reason


def test_an_exact_level_shows_the_range_accepted(book):
    # us-record.txt: the Topix closed 4,176.04 on 2026-08-13.
    moment = datetime(2026, 8, 13, 16, 30, tzinfo=ZoneInfo("America/New_York"))
    level = claim("Topix", "^TOPX", 4176.04, "1d", metric="level", precision=0.01,
                  figure="4,176.04")
    v = check(book, level, AsOf(moment, "published"))
    assert v.reason.startswith("Topix closed 4,176.04 on 2026-08-13, consistent with 4,176.04 "
                               "(accepted 4,173.94–4,178.14, including the data slack); ")
    wrong = claim("Topix", "^TOPX", 4197.2, "1d", metric="level", precision=0.01,
                  figure="4,197.20")
    v = check(book, wrong, AsOf(moment, "published"))
    assert v.verdict == "exaggerated"
    assert "short of the claimed 4,197.20 (accepted 4,195.09–4,199.31" in v.reason


def test_a_rise_said_as_a_plain_figure_is_shown_signed(book):
    # "Toyota rose 5% this week" when it fell: the claimed figure carries its sign.
    v = check(book, claim("Toyota", "7203.T", 5, "week", figure="5%"),
              AsOf(date(2025, 12, 12), "user"))
    assert "the claimed +5% (" in v.reason or "within +5% (" in v.reason


def test_a_qualifier_in_the_claim_and_the_band_share_one_parenthesis(book):
    v = check(book, claim("Mitsubishi Heavy", "7011.T", 100, "year:2025",
                          qualifier="more_than", figure="doubled"),
              AsOf(date(2026, 3, 2), "user"))
    assert v.verdict == "exaggerated"
    assert "the claimed 'doubled' (+100%; more than: above 100%)" in v.reason
    assert ") (" not in v.reason


def test_a_generic_subject_is_named_by_its_security(book):
    a = Article(id="a", source="paste", text="...", published_at=date(2026, 2, 13))
    v, = verify_article(a, [claim("the index", "^N225", 5, "week", figure="5%")], None,
                        book).verifications
    assert v.reason.startswith("^N225 closed 54,253.68 on 2026-02-06 and 56,941.97 on "
                               "2026-02-13")


def test_outside_data_names_the_close_needed_and_where_prices_end(book):
    v = check(book, claim("Nikkei", "^N225", 5, "week"), AsOf(date(2026, 8, 14), "user"))
    assert v.reason == ("outside data: the claim needs the ^N225 close of 2026-08-14, but "
                        "the prices held end on 2026-07-10")
    v = check(book, claim("JX Advanced Metals", "5016.T", 100, "1y"))
    assert v.reason == ("outside data: the claim needs the 5016.T close of 2025-02-13, but "
                        "the prices held start on 2025-03-19")


def test_a_direction_reason_names_the_direction(book):
    v = check(book, claim("Sumitomo Metal", "5713.T", 1, "1y", metric="direction",
                          figure="gains"))
    assert v.verdict == "supported"
    assert v.reason.endswith("over the trailing year, a rise as claimed ('gains')")
