"""Upload: files and pasted text run through the real ingest, extraction and
verification; bad inputs are reported one by one and lose nothing."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from conftest import no_errors, open_app

NOTE = (
    "Tokyo close, 13 February 2026\n\n"
    "Advantest jumped 10.6% this week as chip testers stayed in demand. "
    "Toyota Motor shares slipped 0.2% over the week, while the Nikkei 225 rose 9% this week.\n"
)


def set_publication(at, day: str, time: str = "16:30", zone: str = "Asia/Tokyo"):
    from datetime import date, time as clock

    at.radio(key="upload_when").set_value("Date and time").run()
    at.date_input(key="upload_day").set_value(date.fromisoformat(day))
    at.time_input(key="upload_time").set_value(clock.fromisoformat(time))
    at.selectbox(key="upload_zone").set_value(zone)
    return at


def test_uploaded_file_is_verified_and_opened_for_review(empty_db):
    store = empty_db
    at = open_app("upload")
    no_errors(at)
    at.file_uploader(key="upload_files").set_value(("tokyo-week.txt", NOTE.encode(), "text/plain"))
    set_publication(at, "2026-02-13")
    at.button[0].click().run()
    no_errors(at)
    [article] = store.articles()
    assert article.published_at.isoformat() == "2026-02-13T16:30:00+09:00"
    rows = store.claim_rows(article.id)
    verdicts = {r["ticker"]: r["verdict"] for r in rows}
    assert verdicts["6857.T"] == "supported"              # 24,530 -> 27,130 is +10.6%
    assert verdicts["^N225"] == "exaggerated"             # the index rose about 5%
    # The app went on to the review page for that article.
    assert at.selectbox(key="review_article").value == article.id
    subjects = " ".join(at.dataframe[0].value["subject"])
    assert "6857.T" in subjects and "^N225" in subjects


def test_bad_files_are_reported_per_file_and_the_good_one_is_kept(empty_db):
    store = empty_db
    at = open_app("upload")
    at.file_uploader(key="upload_files").set_value([
        ("empty.txt", b"   \n", "text/plain"),
        ("good.md", NOTE.encode(), "text/markdown"),
        ("chart.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "application/pdf"),
    ])
    at.button[0].click().run()
    assert not at.exception
    errors = " | ".join(e.value for e in at.error).replace("\\", "")   # markdown escapes off
    assert "empty.txt" in errors and "chart.pdf" in errors and "good.md" not in errors
    [article] = store.articles()
    assert article.path == "good.md" and store.claims(article.id)
    assert len(store.verifications(article.id)) == len(store.claims(article.id))
    assert any(b.label == "Open" for b in at.button)     # stays here to show the errors


UNDATED = ("Tokyo desk note\n\nAdvantest jumped 10.6% this week as chip testers stayed in "
           "demand. Toyota Motor shares slipped 0.2% over the week, while the Nikkei 225 rose "
           "5% this week.\n")


def test_pasted_text_without_a_date_gets_an_inferred_as_of(empty_db):
    store = empty_db
    at = open_app("upload")
    at.text_area(key="upload_text").input(UNDATED)
    at.text_input(key="upload_title").input("Pasted desk note")
    at.button[0].click().run()
    no_errors(at)
    [article] = store.articles()
    assert article.title == "Pasted desk note" and article.published_at is None
    meta = store.article_rows()[0]
    assert meta["as_of_source"] == "inferred"
    assert "inferred" in at.warning[0].value


def test_nothing_to_check_says_so(empty_db):
    at = open_app("upload")
    at.button[0].click().run()
    no_errors(at)
    warning = at.warning[0].value
    assert "Nothing to check yet: add a file (up to 50 MB each" in warning
    assert "marks red was refused" in warning     # a file over the limit never reaches us


PAGE = (
    "<!doctype html><html><head><title>Chip testers lead Tokyo</title>"
    "<script>document.title='hijacked'</script></head><body><nav>Home | Markets</nav>"
    "<article><h1>Chip testers lead Tokyo</h1>"
    "<p>Advantest jumped 10.6% this week as chip testers stayed in demand.</p>"
    "<p>Toyota Motor shares slipped 0.2% over the week, while the Nikkei 225 rose 9% "
    "this week.</p></article><footer>Copyright</footer></body></html>"
)


@pytest.fixture
def site():
    """A local web server with one article page."""
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/markets/chip-testers"
    server.shutdown()


def test_private_address_is_refused_with_a_clear_message(empty_db, site):
    at = open_app("upload")
    at.text_input(key="upload_url").input(site)
    at.button[0].click().run()
    assert not at.exception
    message = at.error[0].value.replace("\\", "")
    assert site in message and "private" in message.lower()
    assert empty_db.articles() == []


def test_url_upload_on_an_intranet_reads_the_page(empty_db, site, monkeypatch):
    from tapecheck import config

    monkeypatch.setattr(config, "limits", lambda: config.Limits(allow_private_urls=True))
    at = open_app("upload")
    at.text_input(key="upload_url").input(site)
    set_publication(at, "2026-02-13")
    at.button[0].click().run()
    no_errors(at)
    [article] = empty_db.articles()
    assert article.url == site and article.source == "url"
    assert "Copyright" not in article.text and "hijacked" not in article.text
    verdicts = {r["ticker"]: r["verdict"] for r in empty_db.claim_rows(article.id)}
    assert verdicts.get("6857.T") == "supported"


def test_several_files_with_a_publication_day_are_all_verified(empty_db):
    from datetime import date

    store = empty_db
    second = NOTE.replace("Tokyo close", "Desk recap").replace("Advantest", "Advantest Corp")
    at = open_app("upload")
    at.file_uploader(key="upload_files").set_value([
        ("one.txt", NOTE.encode(), "text/plain"),
        ("two.html", f"<html><body><p>{second}</p></body></html>".encode(), "text/html"),
    ])
    at.radio(key="upload_when").set_value("Date only").run()
    at.date_input(key="upload_day").set_value(date(2026, 2, 13))
    at.button[0].click().run()
    no_errors(at)
    articles = store.articles()
    assert sorted(a.path for a in articles) == ["one.txt", "two.html"]
    assert all(a.published_at == date(2026, 2, 13) for a in articles)
    assert all(store.verifications(a.id) for a in articles)
    assert at.selectbox(key="review_article").value in {a.id for a in articles}


def test_review_page_on_an_empty_database_points_to_upload(empty_db):
    at = open_app("review")
    no_errors(at)
    assert "No articles yet" in at.info[0].value
