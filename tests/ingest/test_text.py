"""Normalisation: what reaches the NLP stage."""

import pytest

from tapecheck.errors import BinaryInput, EmptyInput
from tapecheck.ingest.text import decode, first_line, normalise


@pytest.mark.parametrize("raw, clean", [
    ("the company&apos;s shares", "the company's shares"),
    ("S&amp;P 500 fell", "S&P 500 fell"),
    ("double &amp;apos;escaped&amp;apos;", "double 'escaped'"),
    ("&#8220;quoted&#8221; &#x2019;", "\"quoted\" '"),
    ("\u201cKioxia\u201d \u2018rose\u2019", "\"Kioxia\" 'rose'"),
    ("rose \uff15\uff10\uff05 in a year", "rose 50% in a year"),
    ("fell \u22123.2%", "fell -3.2%"),
    ("fell \u20133.2% and \u20141.4%", "fell -3.2% and -1.4%"),
    ("Topix\u00a0gained\u202f8%", "Topix gained 8%"),
    ("Nik\u200bkei\u200d 225\ufeff", "Nikkei 225"),
    ("soft\u00adhyphen", "softhyphen"),
    ("line one\r\nline two\rline three", "line one\nline two\nline three"),
    ("para one\n\n\n\n\npara two", "para one\n\npara two"),
    ("trailing   \nspaces\t\t", "trailing\nspaces"),
    ("bell\x07 and nul\x00 go", "bell and nul go"),
])
def test_normalise(raw, clean):
    assert normalise(raw) == clean


def test_dash_between_words_is_kept_as_punctuation():
    # Only a dash glued to a number is a minus sign.
    assert normalise("Tokyo \u2013 a strong week") == "Tokyo \u2013 a strong week"


def test_table_rows_and_column_spacing_survive():
    table = "Issuer            Growth (YTD)   Factor\nKioxia Holdings   ~120%          Memory\nIHI Corp          +45%           Defense"
    assert normalise(table).split("\n") == table.split("\n")


def test_ampersand_text_that_is_not_an_entity_is_kept():
    assert normalise("AT&T and M&A; R&D &notanentity") == "AT&T and M&A; R&D &notanentity"


def test_decode_utf8_with_stray_cp1252_bytes():
    data = "Kioxia rose 120% \u2014 a record".encode("utf-8") + b" and the company\x92s view"
    assert decode(data) == "Kioxia rose 120% \u2014 a record and the company\u2019s view"


def test_decode_cp1252_file():
    data = "The yen\u2019s slide \u2013 25 \u20ac per share.".encode("cp1252") * 5
    assert "yen\u2019s slide" in decode(data)


def test_decode_shift_jis_file():
    text = "\u65e5\u7d4c\u5e73\u5747\u682a\u4fa1\u306f\u4eca\u9031\u3001\u5927\u304d\u304f\u4e0a\u6607\u3057\u307e\u3057\u305f\u3002" * 5
    assert decode(text.encode("shift_jis")) == text


def test_decode_utf16_with_bom():
    assert decode("Nikkei rose 5%".encode("utf-16")) == "Nikkei rose 5%"


def test_decode_declared_charset_in_meta():
    html = "<html><head><meta charset='windows-1251'></head><body>\u0418\u043d\u0434\u0435\u043a\u0441</body></html>"
    assert "\u0418\u043d\u0434\u0435\u043a\u0441" in decode(html.encode("cp1251"))


@pytest.mark.parametrize("data, message", [
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG image"),
    (b"PK\x03\x04" + b"\x00" * 50, "ZIP archive"),
    (b"abc\x00\x01\x02\x03" * 100, "NUL bytes"),
    (bytes(range(1, 32)) * 40, "binary data"),
])
def test_decode_refuses_binary(data, message):
    with pytest.raises(BinaryInput, match=message):
        decode(data, name="notes.txt")


def test_decode_refuses_empty():
    with pytest.raises(EmptyInput):
        decode(b"  \n\t ")


def test_first_line_title():
    assert first_line("\n\n# Tokyo week ahead\nbody") == "Tokyo week ahead"
    assert first_line("") is None
    assert first_line("word " * 100).endswith("...")


def test_text_that_merely_starts_like_a_signature_is_text():
    assert decode(b"MZ Capital raised its stake; RIFF Holdings fell 2%.") == "MZ Capital raised its stake; RIFF Holdings fell 2%."


def test_valid_utf8_wins_over_a_wrong_declared_charset():
    data = "The company\u2019s shares rose 5% \u2014 a record.".encode("utf-8")
    assert decode(data, declared="iso-8859-1") == "The company\u2019s shares rose 5% \u2014 a record."
