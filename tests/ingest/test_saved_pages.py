"""Pages saved from news, data and IR sites (tests/fixtures/pages, written for
these tests in the layouts such sites use): the story, its tables as rows
and its publication moment come through; rails, tickers and notices do not.

A ticker sidebar leaking into the text would be read as claims about other
securities, so every fixture also lists figures that must stay out.
"""

from datetime import datetime, timedelta, timezone
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
