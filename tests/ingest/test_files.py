"""Files, uploads and pasted text into Articles."""

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import ingest_samples as samples

from tapecheck import config
from tapecheck.errors import BinaryInput, EmptyInput, InputError, TooLarge, UnsupportedFormat
from tapecheck.ingest import from_bytes, from_path, from_text
from tapecheck.records import content_id


def test_txt_file(tmp_path):
    path = tmp_path / "tokyo-week.txt"
    path.write_text(samples.ARTICLE, encoding="utf-8")
    article = from_path(path)
    assert article.source == "file" and article.path == "tokyo-week.txt"
    assert article.title == "Tokyo shares extended their run this week as investors bet on fiscal support."
    assert article.id == content_id(article.text)
    assert article.published_at is None  # unknown stays unknown, never "now"
    assert article.language == "en" and article.flags == ()
    # the plain-text table survives row by row
    assert "\nKioxia Holdings ~120% Memory prices\nIHI Corp +45% Defense orders\n" in article.text
    assert "\n\nToyota fell 3.2% on Tuesday" in article.text


def test_published_and_title_given(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text(samples.ARTICLE, encoding="utf-8")
    article = from_path(path, published="2026-02-13T21:56+09:00", title="My  title\n")
    assert article.published_at == datetime(2026, 2, 13, 21, 56, tzinfo=timezone(timedelta(hours=9)))
    assert article.title == "My title"
    assert from_path(path, published="2026-02-13").published_at == date(2026, 2, 13)


def test_same_text_same_id_whatever_the_wrapping(tmp_path):
    crlf = tmp_path / "a.txt"
    crlf.write_bytes(samples.ARTICLE.replace("\n", "\r\n").encode("utf-8"))
    assert from_path(crlf).id == from_text(samples.ARTICLE).id == from_bytes(samples.ARTICLE.encode(), "b.txt").id


def test_markdown_file(tmp_path):
    path = tmp_path / "week.md"
    path.write_text(
        "# Tokyo week\n\nThe **Nikkei 225** rose 5% while [the S&P 500](https://example.com) fell 1.4%.\n\n"
        "| Issuer | Growth (YTD) |\n|---|---:|\n| Kioxia Holdings | ~120% |\n| IHI Corp | +45% |\n"
        "<script>alert(1)</script>\n",
        encoding="utf-8",
    )
    article = from_path(path)
    assert article.title == "Tokyo week"
    assert "The Nikkei 225 rose 5% while the S&P 500 fell 1.4%." in article.text
    assert "Issuer | Growth (YTD)\nKioxia Holdings | ~120%\nIHI Corp | +45%" in article.text
    assert "script" not in article.text and "alert" not in article.text and "---" not in article.text


def test_html_file_main_text_title_and_date(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(samples.page(
        "<h1>Tokyo shares climb</h1><p>The Topix gained about 8% since the start of the year, its best start "
        "in more than a decade, as foreign buyers returned.</p>"
        "<table><tr><th>Issuer</th><th>Growth (YTD 2026)</th></tr><tr><td>Kioxia Holdings</td><td>~120%</td></tr></table>"
        "<p>The company&apos;s shares &amp; the index both rose.</p>",
        head="<meta property='article:published_time' content='2026-02-13T21:56:00+09:00'>",
        title="Tokyo shares climb | Example Media",
    ), encoding="utf-8")
    article = from_path(path)
    assert article.published_at == datetime(2026, 2, 13, 21, 56, tzinfo=timezone(timedelta(hours=9)))
    assert article.title.startswith("Tokyo shares climb")
    assert "Issuer | Growth (YTD 2026)\nKioxia Holdings | ~120%" in article.text
    assert "The company's shares & the index both rose." in article.text
    assert "Home" not in article.text and "Copyright" not in article.text
    assert "&apos;" not in article.text and "&amp;" not in article.text


def test_html_date_only_metadata_gives_a_date(tmp_path):
    path = tmp_path / "page.htm"
    path.write_text(samples.page(
        "<p>Toyota fell 3.2% on Tuesday after the yen firmed against the dollar in early trade.</p>",
        head="<meta name='date' content='2026-03-03'>",
    ), encoding="utf-8")
    assert from_path(path).published_at == date(2026, 3, 3)


def test_html_without_date_stays_unknown(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(samples.page("<p>Toyota fell 3.2% on Tuesday after the yen firmed in early trade.</p>"), encoding="utf-8")
    assert from_path(path).published_at is None


def test_hostile_html_is_stripped():
    article = from_bytes(samples.HOSTILE_HTML.encode(), "hostile.html")
    assert "Tokyo Electron rose 4.1% on Monday" in article.text
    assert "The Topix gained 1.1% by the close." in article.text
    for bad in ("<", "script", "alert", "steal", "onerror", "onclick", "iframe", "javascript", "evil.example", "pwn"):
        assert bad not in article.text.lower()


def test_boilerplate_page_has_no_article_text():
    with pytest.raises(EmptyInput, match="No article text found"):
        from_bytes(samples.BOILERPLATE_HTML.encode(), "front.html")


def test_pdf_file(tmp_path):
    path = tmp_path / "note.pdf"
    path.write_bytes(samples.make_pdf(title="Weekly note"))
    article = from_path(path)
    assert article.title == "Weekly note"
    assert "Toyota fell 3.2% on Tuesday after the yen firmed, while Advantest jumped" in article.text
    assert "\nKioxia Holdings ~120% Memory prices\nIHI Corp +45% Defense orders\n" in article.text


def test_pdf_pages_and_wrapped_lines_are_joined():
    data = samples.make_pdf([
        "Kioxia shares rose sharply\nafter the memory maker raised\nits outlook, while shares of\nToyota fell.",
        "Growth (YTD)\nKioxia Holdings ~120%\nIHI Corp +45%",
    ])
    assert from_bytes(data, "x.pdf").text == (
        "Kioxia shares rose sharply after the memory maker raised its outlook, while shares of Toyota fell."
        "\n\nGrowth (YTD)\nKioxia Holdings ~120%\nIHI Corp +45%"
    )


@pytest.mark.parametrize("name, data, error, message", [
    ("empty.txt", b"", EmptyInput, "empty"),
    ("blank.txt", b" \n\n\t", EmptyInput, "empty"),
    ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, BinaryInput, "PNG"),
    ("report.docx", b"PK\x03\x04", UnsupportedFormat, ".docx"),
    ("scan.pdf", samples.make_pdf(text_layer=False), EmptyInput, "no text layer: scanned PDF?"),
    ("locked.pdf", samples.encrypt_pdf(samples.make_pdf()), InputError, "encrypted PDF"),
    ("broken.pdf", samples.make_pdf()[:400], InputError, "not a readable PDF"),
    ("junk.pdf", b"this is not a pdf at all", InputError, "not a readable PDF"),
])
def test_bad_files_get_one_clear_error(tmp_path, name, data, error, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(error, match=message):
        from_path(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError, match="No such file"):
        from_path(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="not a file"):
        from_path(tmp_path)


def test_size_limit_is_configurable(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "limits", lambda: config.Limits(max_file_bytes=1024 * 1024))
    path = tmp_path / "big.txt"
    path.write_bytes(b"Toyota fell 3.2% on Tuesday.\n" * 40000)  # 1.1 MB
    with pytest.raises(TooLarge, match="over the 1 MB limit"):
        from_path(path)
    with pytest.raises(TooLarge):
        from_bytes(path.read_bytes(), "big.txt")
    with pytest.raises(TooLarge):
        from_text(path.read_text())


def test_default_limit_refuses_a_sparse_60mb_file_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(60 * 1024 * 1024)  # sparse: costs no disk and no time
    with pytest.raises(TooLarge, match="over the 50 MB limit"):
        from_path(path)


def test_mixed_encoding_file(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes("Kioxia rose 120% \u2014 a record.".encode() + b" The company\x92s view was \x93bullish\x94.")
    article = from_path(path)
    assert article.text == "Kioxia rose 120% \u2014 a record. The company's view was \"bullish\"."


def test_non_english_text_is_flagged():
    article = from_text(
        "Der japanische Aktienmarkt hat in dieser Woche deutlich zugelegt. Der Nikkei stieg um f\u00fcnf Prozent, "
        "w\u00e4hrend die Anleger auf neue Konjunkturprogramme der Regierung setzten."
    )
    assert article.language == "de" and article.flags == ("non_english",)


def test_japanese_text_is_flagged():
    article = from_text("\u65e5\u7d4c\u5e73\u5747\u682a\u4fa1\u306f\u4eca\u9031\u3001\u9632\u885b\u95a2\u9023\u682a\u3084\u534a\u5c0e\u4f53\u682a\u306e\u4e0a\u6607\u3092\u80cc\u666f\u306b\u5927\u304d\u304f\u5024\u4e0a\u304c\u308a\u3057\u307e\u3057\u305f\u3002\u5e02\u5834\u3067\u306f\u3001\u653f\u5e9c\u306e\u7d4c\u6e08\u5bfe\u7b56\u3078\u306e\u671f\u5f85\u304c\u9ad8\u307e\u3063\u3066\u3044\u307e\u3059\u3002")
    assert article.language == "ja" and article.flags == ("non_english",)


@pytest.mark.parametrize("text", ["Kioxia ~120%", "Nikkei +5%, S&P 500 -1.4%", "Kawasaki Heavy Industries and IHI Corp +45%"])
def test_short_english_snippets_stay_english(text):
    assert from_text(text).language == "en"


def test_pasted_html_document_is_read_as_a_page():
    article = from_text(samples.HOSTILE_HTML, source="stdin")
    assert article.source == "stdin" and "Tokyo Electron rose 4.1%" in article.text and "<" not in article.text


def test_bad_published_value():
    with pytest.raises(InputError, match="no time zone"):
        from_text("Toyota fell 3.2% on Tuesday.", published=datetime(2026, 2, 13, 21, 56))
    with pytest.raises(InputError, match="Cannot read"):
        from_text("Toyota fell 3.2% on Tuesday.", published="last Friday")


def test_markdown_front_matter_gives_title_and_date(tmp_path):
    path = tmp_path / "note.md"
    path.write_text(
        "---\ntitle: \"Desk note: chips\"\ndate: 2026-03-03T08:00:00+09:00\ntags: [chips]\n---\n\n"
        "Advantest jumped more than 10% this week.\n", encoding="utf-8")
    article = from_path(path)
    assert article.title == "Desk note: chips"
    assert article.published_at == datetime(2026, 3, 3, 8, 0, tzinfo=timezone(timedelta(hours=9)))
    assert article.text == "Advantest jumped more than 10% this week."


def test_markdown_front_matter_with_unreadable_date_leaves_it_unknown(tmp_path):
    path = tmp_path / "note.md"
    path.write_text("---\ndate: last Tuesday\n---\nToyota fell 3.2% on Tuesday.\n", encoding="utf-8")
    assert from_path(path).published_at is None


def test_preformatted_table_keeps_its_rows():
    html = samples.page(
        "<p>Japanese equities set the pace this year as investors chased memory and defense names.</p>"
        "<pre>\nIssuer            Growth (YTD)   Factor\nKioxia Holdings   ~120%          Memory prices\n"
        "IHI Corp          +45%           Defense orders\n</pre><p>Source: exchange data.</p>")
    text = from_bytes(html.encode(), "p.html").text
    assert "Issuer | Growth (YTD) | Factor\nKioxia Holdings | ~120% | Memory prices\nIHI Corp | +45% | Defense orders" in text


def test_line_breaks_inside_a_paragraph_keep_table_rows():
    html = samples.page(
        "<p>Japanese equities set the pace this year as investors chased memory and defense names.</p>"
        "<p>Table 2. Growth (YTD 2026)<br>Kioxia Holdings ~120% Memory<br>IHI Corp +45% Defense</p>")
    assert "Table 2. Growth (YTD 2026)\nKioxia Holdings ~120% Memory\nIHI Corp +45% Defense" in from_bytes(html.encode(), "p.html").text


def test_json_ld_publication_moment():
    html = samples.page(
        "<p>Toyota fell 3.2% on Tuesday after the yen firmed against the dollar in early trade.</p>",
        head='<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
             '"headline": "Toyota slips", "datePublished": "2026-02-10T06:30:00Z"}</script>')
    assert from_bytes(html.encode(), "p.html").published_at == datetime(2026, 2, 10, 6, 30, tzinfo=timezone.utc)


def test_japanese_page_is_stored_and_flagged_not_called_boilerplate():
    html = samples.page("<h1>\u6771\u4eac\u682a\u5f0f\u5e02\u5834</h1><p>\u65e5\u7d4c\u5e73\u5747\u682a\u4fa1\u306f\u4eca\u9031\u3001"
                        "\u9632\u885b\u95a2\u9023\u682a\u3084\u534a\u5c0e\u4f53\u682a\u306e\u4e0a\u6607\u3092\u80cc\u666f\u306b"
                        "\u5927\u304d\u304f\u5024\u4e0a\u304c\u308a\u3057\u307e\u3057\u305f\u3002</p>")
    article = from_bytes(html.encode(), "tokyo.html")
    assert article.language == "ja" and article.flags == ("non_english",)


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_pdf_protected_only_against_editing_is_read(algorithm):
    data = samples.encrypt_pdf(samples.make_pdf(), password="", algorithm=algorithm)
    assert "Kioxia Holdings ~120%" in from_bytes(data, "report.pdf").text


def test_pdf_with_an_aes_open_password_is_refused_clearly():
    with pytest.raises(InputError, match="encrypted PDF"):
        from_bytes(samples.encrypt_pdf(samples.make_pdf(), algorithm="AES-256"), "locked.pdf")


def test_a_realistic_news_page():
    """A news page as sites build them (written for this test): header, nav,
    byline, figure, related links, ad slot, newsletter box, comments, most-read
    list, cookie banner. Only the story, its subhead and its table survive."""
    article = from_path(Path(__file__).parent / "pages" / "news-article.html")
    assert article.title == "Tokyo stocks hit record as defense names surge"
    assert article.published_at == datetime(2026, 2, 13, 7, 15, tzinfo=timezone.utc)
    text = article.text
    assert text.startswith("The Nikkei 225 rose 1.8% on Friday to a record close")
    assert '"The market is pricing a multi-year spending cycle," said one strategist' in text
    assert "\n\nChips follow through\n\n" in text
    assert "Index / issuer | Week | YTD\nNikkei 225 | +3.4% | +9.1%\nTopix | +2.6% | +7.7%\nKawasaki Heavy | +11.2% | +38%" in text
    assert text.endswith("the S&P 500 slipped 0.4% while the Nasdaq Composite fell 0.7%.")
    for noise in ("Subscribe", "Related", "Yen slides", "Advertisement", "newsletter", "Share on", "Comments",
                  "60000", "Most read", "Kioxia could double", "cookies", "All rights reserved", "dataLayer"):
        assert noise not in text, noise


def test_old_table_layout_page_keeps_its_paragraphs():
    html = (
        "<html><head><title>Market wrap</title></head><body><table width=100%><tr>"
        "<td class=nav><a href=/>Home</a><br><a href=/m>Markets</a></td><td class=content>"
        "<font size=4><b>Market wrap: Tokyo closes higher</b></font><br><br>"
        "The Nikkei 225 rose 1.8% on Friday to a record close, as investors piled back into defense names.<br><br>"
        "Kioxia Holdings ~120%<br>IHI Corp +45%<br><br>"
        "Tokyo Electron added 3.1% and Advantest climbed 2.7%, extending their rally this year."
        "</td></tr></table></body></html>"
    )
    text = from_bytes(html.encode(), "old.html").text
    assert "\n\nThe Nikkei 225 rose 1.8% on Friday to a record close, as investors piled back into defense names.\n\n" in text
    assert "Kioxia Holdings ~120%" in text and "IHI Corp +45%" in text
    assert text.endswith("Tokyo Electron added 3.1% and Advantest climbed 2.7%, extending their rally this year.")
    assert " | " not in text


@pytest.mark.parametrize("text, language", [
    ("Le march\u00e9 japonais a fortement progress\u00e9 cette semaine. Le Nikkei a gagn\u00e9 cinq pour cent, "
     "tandis que les investisseurs misaient sur le plan de relance du gouvernement.", "fr"),
    ("El mercado japon\u00e9s subi\u00f3 con fuerza esta semana. El Nikkei gan\u00f3 un cinco por ciento, mientras "
     "los inversores apostaban por el plan de est\u00edmulo del gobierno.", "es"),
])
def test_other_latin_script_languages_are_flagged(text, language):
    assert from_text(text).flags == ("non_english",) and from_text(text).language == language


def test_bilingual_text_with_a_real_english_part_stays_english():
    japanese = ("\u65e5\u7d4c\u5e73\u5747\u682a\u4fa1\u306f\u4eca\u9031\u3001\u9632\u885b\u95a2\u9023\u682a\u3084"
                "\u534a\u5c0e\u4f53\u682a\u306e\u4e0a\u6607\u3092\u80cc\u666f\u306b\u5927\u304d\u304f\u5024\u4e0a\u304c"
                "\u308a\u3057\u307e\u3057\u305f\u3002")
    english = "The Nikkei 225 rose sharply this week as defense and chip stocks climbed on hopes for stimulus."
    assert from_text("\n\n".join([japanese, english] * 3)).language == "en"


def test_hidden_and_non_text_elements_never_reach_the_text():
    html = samples.page(
        "<p>The Topix gained about 8% since the start of the year as foreign buyers returned to Tokyo.</p>"
        "<p style='display: none'>Nikkei fell 9% today.</p><p hidden>Topix up 50% this week.</p>"
        "<div style='visibility:hidden'>Nasdaq soars 20% today.</div>"
        "<template><p>Sony fell 30% on the day.</p></template><textarea>Toyota up 40% this year</textarea>"
        "<svg><text>Chip index up 15% this week</text></svg><object data='x'>Kioxia rose 99% today</object>"
        "<noscript><p>Enable JavaScript to see that Advantest rose 60%.</p></noscript>"
        "<p>Advantest jumped more than 10% this week on strong orders for its chip testers.</p>")
    text = from_bytes(html.encode(), "decoys.html").text
    assert text == ("The Topix gained about 8% since the start of the year as foreign buyers returned to Tokyo.\n\n"
                    "Advantest jumped more than 10% this week on strong orders for its chip testers.")


def test_article_inside_a_page_wide_form_survives():
    html = samples.page("<form id='aspnetForm' action='/x'><div class='story'><p>Toyota fell 3.2% on Tuesday after "
                        "the yen firmed against the dollar in early trade.</p></div></form>")
    assert "Toyota fell 3.2% on Tuesday" in from_bytes(html.encode(), "webforms.html").text
