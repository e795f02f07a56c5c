"""Pages saved from news, data and IR sites (tests/fixtures/pages, written for
these tests in the layouts such sites use): the story, its tables as rows
and its publication moment come through; rails, tickers and notices do not.

A ticker sidebar leaking into the text would be read as claims about other
securities, so every fixture also lists figures that must stay out.
"""

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tapecheck.ingest import from_path

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
TOKYO = timezone(timedelta(hours=9))


def read(name):
    return from_path(PAGES / name)


def in_order(text, *parts):
    """Each part is in the text, after the one before it."""
    position = 0
    for part in parts:
        found = text.find(part, position)
        assert found >= 0, f"missing or out of order: {part!r}"
        position = found + len(part)


def leaks(text, *noise):
    return [item for item in noise if item in text]


def test_wire_story_with_ticker_rail_and_related_coverage():
    article = read("wire-tokyo-close.html")
    assert article.title == "Chip stocks lift Nikkei as Kioxia rebounds 8%"
    # JSON-LD datePublished, not the later dateModified / article:modified_time
    assert article.published_at == datetime(2026, 7, 9, 6, 41, tzinfo=timezone.utc)
    in_order(article.text,
             "TOKYO, July 9 (Example Wire) - Japanese shares closed higher on Thursday",
             "The Nikkei share average rose 1.4% and the broader Topix added 0.3%",
             "Kawasaki Heavy Industries slid 2.8% and IHI lost 2.7%",
             "Company | Code | Change %\nKioxia Holdings | 285A.T | +8.3%\nAdvantest | 6857.T | +5.9%\n"
             "Tokyo Electron | 8035.T | +5.5%\nKawasaki Heavy Industries | 7012.T | -2.8%",
             "Tokyo Electron has more than doubled since the start of the year")
    assert not leaks(article.text, "2,824", "-2.21%", "7,543", "Nvidia", "151.42", "Related Coverage",
                     "slumps 11%", "above 70,000", "Read Next", "Toyota falls 4%", "Nvidia jumps 4%",
                     "cookies", "Advertisement", "passerby", "Licensing", "All rights reserved")


def test_div_grid_tables_become_rows_and_the_ranking_sidebar_stays_out():
    article = read("movers-grid.html")
    assert article.published_at == datetime(2026, 7, 9, 16, 20, tzinfo=TOKYO)
    in_order(article.text,
             "Memory and chip-equipment shares led the rebound",
             # role="table" rows of role="cell" divs
             "Company | Code | Close | Change %\nKioxia | 285A.T | 77,860 | +8.3%\nAdvantest | 6857.T | 29,160 | +5.9%\n"
             "JX Advanced Metals | 5016.T | 3,870 | +5.1%\nIHI | 7013.T | 2,813 | -2.7%",
             "Among the laggards",
             # a display:grid container of loose cells, three columns by its template
             "Index | Close | 1D\nNikkei 225 | 67,743.88 | +1.4%\nTopix | 4,020.38 | +0.3%",
             # the bullet list of movers (trafilatura's fallback drops lists)
             "\u2022 Sumitomo Metal Mining (5713) fell 1.6% as copper prices eased.\n"
             "\u2022 Toyota Motor (7203) slipped 2.2% on concerns about U.S. tariffs.")
    assert not leaks(article.text, "Access ranking", "Sony Group", "+9.9%", "Mitsubishi Heavy", "48,210",
                     "Nasdaq", "delayed by 20 minutes", "Log in", "Copyright", "not investment advice")


def test_live_blog_keeps_every_entry_and_is_dated_by_its_latest_one():
    article = read("live-blog.html")
    # the saved page holds entries up to 15:45 JST; its claims about the close are checked as of then,
    # not as of the blog's 09:05 start (article:published_time)
    assert article.published_at == datetime(2026, 7, 9, 15, 45, tzinfo=TOKYO)
    in_order(article.text,
             "Tokyo closes higher",
             "The Nikkei 225 finished the day up 1.4% and the Topix closed 0.3% higher",
             "Kioxia ended the session 8.3% higher",
             "Chip makers extend gains",
             "Advantest was up more than 4% by the lunch break",
             "Tokyo opens firmer",
             "where the S&P 500 slipped 0.3% and the Nasdaq Composite edged up 0.2% overnight.")
    # the newsletter promo between two entries, the quote strip, key-events links, paywall counter
    assert not leaks(article.text, "Sign up", "Morning Briefing", "HANG SENG", "69,120", "KOSPI", "Key events",
                     "free articles", "Most popular", "surge 20%", "Copy link")


def test_page_dated_only_in_its_byline_and_modified_in_its_metadata():
    """Only article:modified_time (a day later) in the metadata; the byline
    says "Jul 9, 2026 4:12 PM ET": the publication moment, in New York
    summer time, and not the update's day."""
    article = read("us-close-yahoo-style.html")
    assert article.published_at == datetime(2026, 7, 9, 16, 12, tzinfo=timezone(timedelta(hours=-4)))
    in_order(article.text,
             "U.S. stocks rose on Thursday",
             "The S&P 500 gained 0.8%, and the tech-heavy Nasdaq Composite advanced 1.3%.",
             # rows of <span> cells in <div> rows, no ARIA roles
             "Symbol | Last price | % Change\nMU | 991.60 | +4.51%\nNVDA | 202.83 | -0.65%\n^IXIC | 26,206.92 | +1.30%",
             "Micron shares have nearly tripled since the start of 2026.")
    assert not leaks(article.text, "advertisement", "7,575", "48,390", "Crude", "Trending", "TSLA", "Tesla",
                     "AMD", "2,823", "drops 5%", "600 points", "View comments", "cookies", "Sign in")


def test_published_time_element_wins_over_the_updated_one():
    article = read("ft-style-paywall.html")
    assert article.published_at == datetime(2026, 7, 8, 10, 31, tzinfo=timezone.utc)
    in_order(article.text,
             "Investors who piled into Japanese memory and chip-equipment stocks",
             "Kioxia Holdings fell 11.3% on Tuesday and a further 0.7% on Wednesday",
             "Fund managers say the sell-off has not changed the case")
    assert not leaks(article.text, "Recommended", "market darling", "Keep reading", "$75", "FTSE", "9,120",
                     "Brent", "surges 9%", "tops 70,000", "Share on", "cookies", "Copyright")


def test_amp_page_with_a_naive_json_ld_time_keeps_the_day():
    """datePublished "2026-07-08T18:05:00" has no zone: the day is kept,
    the hour is not guessed."""
    article = read("amp-japan.html")
    assert article.title == "Defense shares retreat as Tokyo takes profits"
    assert article.published_at == date(2026, 7, 8)
    in_order(article.text,
             "Tokyo stocks fell for a second straight day on Wednesday",
             "The Nikkei 225 dropped 2.1%, and the Topix slipped 1.4%.",
             "Kioxia Holdings edged down 0.7%")
    assert not leaks(article.text, "66,819", "USD/JPY", "Menu", "Advertisement", "subscribers", "Related stories",
                     "hit record", "IHI jumps 7%", "Chuo Ward", "Copyright")


def test_ir_release_dated_in_japanese_with_a_results_table():
    article = read("ir-release.html")
    assert article.title == "Notice Regarding Revision of Consolidated Earnings Forecast for the First Half of Fiscal 2026"
    assert article.published_at == date(2026, 7, 9)
    in_order(article.text,
             "today revised its consolidated earnings forecast",
             "| Revenue (billion yen) | Operating income (billion yen) | Net income (billion yen)\n"
             "Previous forecast (A) | 1,050 | 310 | 205\nRevised forecast (B) | 1,240 | 455 | 300",
             "Change (%) | 18.1% | 46.8% | 46.3%",
             "Selling prices for flash memory rose faster than assumed")
    # the stock-price box of the IR sidebar and the breadcrumb trail stay out
    assert not leaks(article.text, "77,860", "+8.33%", "20 min delayed", "IR Library", "\u2022 Home", "Site Policy")


def test_a_page_that_only_says_how_long_ago_it_was_updated_has_no_date(tmp_path):
    """"Updated 2 hours ago" names no day (the save time is unknown), and
    the dates in a rail of other stories are not this story's."""
    page = tmp_path / "undated.html"
    page.write_text(
        "<html><head><title>Tokyo close</title></head><body><main><h1>Tokyo shares end mixed after a volatile day</h1>"
        "<div class='meta'><span class='timestamp'>Updated 2 hours ago</span></div>"
        "<div class='story'><p>Toyota fell 3.2% on the day after the yen firmed against the dollar, while chip stocks "
        "recovered part of their early losses.</p></div></main>"
        "<aside class='rail'><ul><li><a href='/x'>Yen firms</a> <time datetime='2026-07-01T03:00:00Z'>July 1</time></li>"
        "</ul></aside></body></html>", encoding="utf-8")
    assert from_path(page).published_at is None


def test_a_whole_page_pasted_as_text_keeps_only_the_story():
    """Select-all, copy, paste of the wire page: the quote strip ("Toyota
    Motor2,824.0-2.21%") and the related and read-next headlines would each
    be a claim; the headline becomes the title and the byline gives the date."""
    article = read("pasted-wire-story.txt")
    assert article.title == "Chip stocks lift Nikkei as Kioxia rebounds 8%"
    assert article.published_at == datetime(2026, 7, 9, 15, 41, tzinfo=TOKYO)
    in_order(article.text,
             "TOKYO, July 9 (Example Wire) - Japanese shares closed higher on Thursday",
             "The Nikkei share average rose 1.4% and the broader Topix added 0.3%",
             "Defence shares lagged: Kawasaki Heavy Industries slid 2.8% and IHI lost 2.7% on the day.",
             '"The selling in chip names looked overdone')
    assert not leaks(article.text, "2,824", "7,543", "Skip to", "Register", "Related Coverage", "slumps 11%",
                     "above 70,000", "Advertisement", "Report this ad", "Licensing", "Read Next", "falls 4%",
                     "jumps 4%", "Chip stocks lift Nikkei")


def test_a_plain_note_with_a_table_is_not_taken_for_a_page_copy():
    note = ("Tokyo week\nFebruary 13, 2026\n\nShare\n\nJapanese equities set the pace this year as investors chased "
            "memory and defense names, with the Topix up about 8% since January.\n\nTable 2. Growth (YTD 2026)\n"
            "Kioxia Holdings ~120% Memory prices\nIHI Corp +45% Defense orders\n")
    from tapecheck.ingest import from_text

    article = from_text(note)
    assert article.title == "Tokyo week" and article.published_at == date(2026, 2, 13)
    assert "Table 2. Growth (YTD 2026)\nKioxia Holdings ~120% Memory prices\nIHI Corp +45% Defense orders" in article.text


def test_companies_box_and_read_also_pointer_inside_the_story_stay_out():
    """A "Companies in this story" box with each company's price change and
    a "Read also:" pointer sit between the story's paragraphs: the box's
    +2.30% for Advantest and the pointer's "Kioxia shares fall 11%" are not
    this article's claims."""
    article = read("asia-weekly-companies-box.html")
    assert article.published_at == datetime(2026, 7, 10, 18, 30, tzinfo=TOKYO)
    in_order(article.text,
             "TOKYO -- Japanese defense stocks that powered the market in the spring lost momentum this week",
             "Mitsubishi Heavy Industries ended the week up 0.7%, while Kawasaki Heavy Industries lost 1.4%",
             "Advantest rose 1.7% for the week. The Topix closed the week 0.7% lower",
             '"Defense budgets are not going away')
    assert not leaks(article.text, "Companies in this story", "3,818", "+0.34%", "+1.20%", "+2.30%", "Read also",
                     "fall 11%", "68,557", "first month free", "Copyright")


def test_a_saved_page_keeps_its_address_and_its_dated_path(tmp_path):
    """Browsers note where a page was saved from; with no date stated on the
    page, the day in that address (/2026/07/08/) is the publication day."""
    page = tmp_path / "saved.html"
    page.write_text(
        "<!DOCTYPE html>\n<!-- saved from url=(0068)https://news.example.com/markets/2026/07/08/defense-stocks-retreat/ -->\n"
        "<html><head><title>Defense stocks retreat</title></head><body><article><h1>Defense stocks retreat</h1>"
        "<p>Mitsubishi Heavy Industries lost 4.7% and Kawasaki Heavy Industries fell 3.8% as investors took profits "
        "in defense contractors.</p></article></body></html>", encoding="utf-8")
    article = from_path(page)
    assert article.url == "https://news.example.com/markets/2026/07/08/defense-stocks-retreat/"
    assert article.published_at == date(2026, 7, 8)
    assert read("wire-tokyo-close.html").url == "https://www.wire.example/markets/asia/chip-stocks-lift-nikkei-2026-07-09/"


def test_live_blog_without_json_ld_is_dated_by_its_latest_entry():
    markup = (PAGES / "live-blog.html").read_text(encoding="utf-8")
    start, end = markup.index('<script type="application/ld+json">'), markup.index("</script>") + len("</script>")
    from tapecheck.ingest import from_bytes

    article = from_bytes((markup[:start] + markup[end:]).encode(), "live.html")
    assert article.published_at == datetime(2026, 7, 9, 15, 45, tzinfo=TOKYO)


def test_the_article_date_in_a_json_ld_graph_beats_the_web_page_date(tmp_path):
    graph = ('{"@context":"https://schema.org","@graph":['
             '{"@type":"WebPage","datePublished":"2024-03-01T00:00:00Z"},'
             '{"@type":"NewsArticle","headline":"Kioxia rebounds","datePublished":"2026-07-09T06:41:00Z"}]}')
    page = tmp_path / "graph.html"
    page.write_text(f"<html><head><script type='application/ld+json'>{graph}</script></head><body><article>"
                    "<p>Kioxia Holdings jumped 8.3% on Thursday as memory-chip makers bounced back from two days of "
                    "heavy selling.</p></article></body></html>", encoding="utf-8")
    assert from_path(page).published_at == datetime(2026, 7, 9, 6, 41, tzinfo=timezone.utc)


def test_a_fall_shown_only_by_styling_gets_its_minus_sign(tmp_path):
    """Quote tables print "2.8%" with a down-arrow icon or a "negative"
    class: without the sign the row would claim a rise."""
    page = tmp_path / "quotes.html"
    page.write_text(
        "<html><body><article><h1>Defense names slip</h1><p>Defense contractors fell on Thursday as investors took "
        "profits after a strong run earlier in the month.</p><table><thead><tr><th>Company</th><th>Change %</th>"
        "</tr></thead><tbody>"
        "<tr><td>Kawasaki Heavy Industries</td><td><span class='chg chg--negative'>2.8%</span></td></tr>"
        "<tr><td>IHI</td><td class='price-down'><i class='icon icon-arrow-down'></i>2.7%</td></tr>"
        "<tr><td>Mitsubishi Heavy Industries</td><td><span class='chg is-up'>0.4%</span></td></tr>"
        "<tr><td>Toyota Motor</td><td><span class='red'>2.2%</span></td></tr>"
        "</tbody></table></article></body></html>", encoding="utf-8")
    text = from_path(page).text
    assert ("Company | Change %\nKawasaki Heavy Industries | -2.8%\nIHI | -2.7%\nMitsubishi Heavy Industries | +0.4%\n"
            "Toyota Motor | 2.2%") in text   # a colour alone says nothing: red is up in Tokyo
