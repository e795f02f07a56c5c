"""PDFs as analysts get them: a two-column broker note with a table, and a
scan without a text layer (tests/fixtures/pdfs, rebuilt by build.py there)."""

import sys
from datetime import date
from pathlib import Path

import pytest

from tapecheck.errors import EmptyInput
from tapecheck.ingest import from_bytes, from_path

PDFS = Path(__file__).resolve().parent.parent / "fixtures" / "pdfs"
sys.path.insert(0, str(PDFS))
import build  # noqa: E402  (the fixture builder)

LEFT_THEN_RIGHT = (
    "Japanese equities paused this week after a strong first half. The Nikkei 225 fell 1.7% over the week and "
    "the Topix lost 0.7%, as investors took profits in the memory names that had led the market.\n\n"
    "Kioxia Holdings dropped 7.6% on the week, its second weekly decline in a row, yet the stock is still up more "
    "than sixfold since the start of the year. We see the pullback as positioning, not a change in the memory cycle."
    "\n\nChip-equipment makers held up better. Advantest gained 1.7% over the week, helped by steady orders for "
    "test systems, while Tokyo Electron was little changed.\n\n"
    "Defense contractors were mixed: Mitsubishi Heavy Industries added 0.7%, while IHI slipped 2.1%. We keep our "
    "preference for names with visible order books."
)
TABLE = (
    "Company | Code | Close (JPY) | 1W % | YTD %\n"
    "Kioxia Holdings | 285A.T | 77,000 | -7.6 | +637.9\n"
    "Advantest | 6857.T | 29,830 | +1.7 | +51.9\n"
    "Tokyo Electron | 8035.T | 72,940 | -0.4 | +112.5\n"
    "Mitsubishi Heavy | 7011.T | 3,818 | +0.7 | -0.6\n"
    "IHI | 7013.T | 2,810.5 | -2.1 | +2.0"
)


def test_two_column_broker_note_reads_column_by_column_with_its_table_as_rows():
    article = from_path(PDFS / "broker-note-two-column.pdf")
    assert article.title == "Tokyo weekly: memory leaders pause"
    assert article.published_at == date(2026, 7, 10)          # the date line under the headline
    assert article.text.startswith("Tokyo weekly: memory leaders pause\n\n10 July 2026\n\n" + LEFT_THEN_RIGHT)
    assert "\n\nFigure 1: Performance of coverage (as of 10 July 2026)\n\n" + TABLE + "\n\n" in article.text
    assert article.text.endswith("is our base case for the coming weeks.")
    # running header, disclaimer footer and page numbers are not text
    for noise in ("Equity Research", "important disclosures", "\n1\n", "\n2"):
        assert noise not in article.text, noise


def test_columns_written_line_by_line_across_the_page_still_read_column_by_column():
    across = from_bytes(build.broker_note(across=True), "note.pdf")
    assert LEFT_THEN_RIGHT in across.text
    assert across.text == from_path(PDFS / "broker-note-two-column.pdf").text


def test_the_fixtures_are_what_build_py_makes():
    assert (PDFS / "broker-note-two-column.pdf").read_bytes() == build.broker_note()
    assert (PDFS / "exchange-daily-report.pdf").read_bytes() == build.exchange_report()
    assert (PDFS / "scanned-note.pdf").read_bytes() == build.samples.scanned_pdf()


def test_scanned_pdf_gets_a_clear_error():
    with pytest.raises(EmptyInput, match=r"scanned-note.pdf has no text layer: scanned PDF\? Run it through OCR first."):
        from_path(PDFS / "scanned-note.pdf")


def test_dense_exchange_table_keeps_its_columns():
    """Right-aligned figures about one em apart: the columns line up, so each
    run is a cell, and "% Chg" stays the header of the last figure."""
    article = from_path(PDFS / "exchange-daily-report.pdf")
    assert article.published_at == date(2026, 7, 10)
    assert ("Index | Close | Change | % Chg\nNikkei 225 | 68,557.73 | +813.85 | +1.20\n"
            "TOPIX | 4,036.09 | +15.71 | +0.39\nTOPIX Core30 | 2,911.40 | +9.22 | +0.32") in article.text
    assert article.text.endswith("and the Nikkei 225 ended the week 1.7% lower despite the day's gain.")


def test_prose_written_word_by_word_stays_prose():
    """Some producers place every word on its own; words of two lines with
    the same number of words do not line up, so no cells appear."""
    import ingest_samples as samples

    lines = ["Tokyo Electron added 3.1% and Advantest climbed 2.7% on Friday",
             "while defense names slipped as investors locked in their gains"]
    runs = []
    for number, line in enumerate(lines):
        x = 40.0
        for word in line.split():
            runs.append((x, 100 + 13 * number, word, 10))
            x += (len(word) * 0.5 + 0.28) * 10
    text = from_bytes(samples.make_layout_pdf([runs]), "words.pdf").text
    assert " | " not in text
    assert text == ("Tokyo Electron added 3.1% and Advantest climbed 2.7% on Friday while defense names slipped as "
                    "investors locked in their gains")


def test_footnote_markers_do_not_become_figures():
    """"Kioxia¹ rose 8.3%": the raised small "1" is a footnote marker, not a
    number of the sentence."""
    import ingest_samples as samples

    runs = [(40, 100, "Kioxia", 10), (71.5, 96, "1", 6), (75, 100, "rose 8.3% on Thursday after two days of losses.", 10),
            (40, 780, "1 Kioxia Holdings, listed on the Prime market.", 7)]
    text = from_bytes(samples.make_layout_pdf([runs]), "note.pdf").text
    assert text.startswith("Kioxia rose 8.3% on Thursday after two days of losses.")
