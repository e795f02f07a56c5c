"""Safe URL fetching against a local server the test starts."""

from datetime import date, datetime, timedelta, timezone

import pytest
import ingest_samples as samples

from tapecheck import config
from tapecheck.errors import EmptyInput, FetchError, TooLarge, UnsafeURL, UnsupportedFormat
from tapecheck.ingest import from_url
from tapecheck.ingest.web import check_url, fetch, refusal

ARTICLE_PAGE = samples.page(
    "<h1>Tokyo shares climb</h1><p>The Topix gained about 8% since the start of the year as foreign buyers "
    "returned to Tokyo.</p><p>The company&apos;s shares rose 3% on the day.</p>",
    head="<meta property='article:published_time' content='2026-02-13T21:56:00+09:00'>",
    title="Tokyo shares climb",
)


@pytest.fixture
def limits(monkeypatch):
    """Lower the fetch limits for one test (config reads them at call time)."""
    def set_limits(**changes):
        monkeypatch.setattr(config, "limits", lambda: config.Limits(**changes))
    return set_limits


@pytest.mark.parametrize("address", [
    "127.0.0.1", "127.9.9.9", "::1", "10.0.0.8", "172.16.5.4", "192.168.1.1", "169.254.169.254",
    "fe80::1", "fd00:ec2::254", "100.100.100.200", "224.0.0.251", "ff02::1", "0.0.0.0", "::",
    "::ffff:127.0.0.1", "::ffff:169.254.169.254", "2002:7f00:1::", "100.64.0.1", "240.0.0.1",
    "198.18.0.1", "192.0.0.192",
])
def test_internal_addresses_are_refused(address):
    assert refusal(address) is not None


@pytest.mark.parametrize("address", ["93.184.215.14", "8.8.8.8", "2606:4700::1111"])
def test_public_addresses_pass(address):
    assert refusal(address) is None


def test_allow_private_opens_intranet_but_never_metadata():
    assert refusal("127.0.0.1", allow_private=True) is None
    assert refusal("10.1.2.3", allow_private=True) is None
    for address in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200", "224.0.0.1", "0.0.0.0"):
        assert refusal(address, allow_private=True) is not None


@pytest.mark.parametrize("url, message", [
    ("file:///etc/passwd", "Only http and https"),
    ("ftp://example.com/x", "Only http and https"),
    ("gopher://127.0.0.1:70/", "Only http and https"),
    ("javascript:alert(1)", "Only http and https"),
    ("http://user:pw@example.com/", "user name or password"),
    ("http:///nohost", "no host"),
    ("http://localhost/admin", "loopback"),
    ("http://127.0.0.1:8080/", "loopback"),
    ("http://[::1]/", "loopback"),
    ("http://169.254.169.254/latest/meta-data/", "cloud-metadata"),
    ("http://2130706433/", "loopback"),  # 127.0.0.1 written as a number
    ("http://0x7f.1/", "loopback"),
    ("http://10.0.0.1/", "private network"),
    ("http://example.com:99999/", "not a valid web address"),
])
def test_unsafe_urls_are_refused_before_any_connection(url, message):
    with pytest.raises(UnsafeURL, match=message):
        check_url(url)


def test_local_server_is_refused_unless_allowed():
    with samples.serve({"/a": samples.reply(ARTICLE_PAGE)}) as base:
        with pytest.raises(UnsafeURL, match="loopback"):
            from_url(base + "/a", allow_private=False)


def test_fetch_article_page():
    with samples.serve({"/a": samples.reply(ARTICLE_PAGE)}) as base:
        article = from_url(base + "/a", allow_private=True)
    assert article.source == "url" and article.url == base + "/a"
    assert article.title == "Tokyo shares climb"
    assert article.published_at == datetime(2026, 2, 13, 21, 56, tzinfo=timezone(timedelta(hours=9)))
    assert "The company's shares rose 3% on the day." in article.text and "Home" not in article.text


def test_setting_allows_private(limits):
    limits(allow_private_urls=True)
    with samples.serve({"/a": samples.reply(ARTICLE_PAGE)}) as base:
        assert "Topix" in from_url(base + "/a").text


def test_redirects_are_followed_and_rechecked():
    with samples.serve({
        "/old": samples.redirect("/mid", 301),
        "/mid": samples.redirect("/a", 307),
        "/a": samples.reply(ARTICLE_PAGE),
        "/to-metadata": samples.redirect("http://169.254.169.254/latest/meta-data/"),
        "/to-file": samples.redirect("file:///etc/passwd"),
    }) as base:
        assert from_url(base + "/old", allow_private=True).url == base + "/a"
        with pytest.raises(UnsafeURL, match="cloud-metadata"):
            fetch(base + "/to-metadata", allow_private=True)
        with pytest.raises(UnsafeURL, match="Only http and https"):
            fetch(base + "/to-file", allow_private=True)


def test_too_many_redirects():
    routes = {f"/r{i}": samples.redirect(f"/r{i + 1}") for i in range(10)}
    with samples.serve(routes) as base:
        with pytest.raises(FetchError, match="redirects more than 5 times"):
            fetch(base + "/r0", allow_private=True)


def test_redirect_loop_stops():
    with samples.serve({"/loop": samples.redirect("/loop")}) as base:
        with pytest.raises(FetchError, match="redirects more than"):
            fetch(base + "/loop", allow_private=True)


@pytest.mark.parametrize("status", [404, 500, 503])
def test_http_errors(status):
    with samples.serve({"/x": samples.reply("oops", status=status)}) as base:
        with pytest.raises(FetchError, match=f"HTTP {status}"):
            from_url(base + "/x", allow_private=True)


def test_timeout(limits):
    limits(fetch_timeout_s=0.3)
    with samples.serve({"/slow": samples.reply(ARTICLE_PAGE, delay=2)}) as base:
        with pytest.raises(FetchError, match="timed out"):
            from_url(base + "/slow", allow_private=True)


def test_slow_drip_hits_the_overall_deadline(limits):
    # every byte arrives well within the read timeout, but the whole page would take ~12 s
    limits(fetch_timeout_s=0.5)
    with samples.serve({"/drip": samples.reply(ARTICLE_PAGE, drip=0.02)}) as base:
        with pytest.raises(FetchError, match="too slowly"):
            from_url(base + "/drip", allow_private=True)


def test_size_cap_declared_streamed_and_compressed(limits):
    limits(max_fetch_bytes=100_000)
    big = ARTICLE_PAGE + "<!--" + "x" * 200_000 + "-->"
    with samples.serve({
        "/declared": samples.reply(big),
        "/streamed": samples.reply(big, declare_length=False),
        "/bomb": samples.gzip_bomb(5),
    }) as base:
        with pytest.raises(TooLarge, match="larger than"):
            fetch(base + "/declared", allow_private=True)
        with pytest.raises(TooLarge, match="larger than"):
            fetch(base + "/streamed", allow_private=True)
        with pytest.raises(TooLarge, match="larger than"):
            fetch(base + "/bomb", allow_private=True)


@pytest.mark.parametrize("content_type", ["image/png", "application/json", "application/zip", "video/mp4"])
def test_other_content_types_are_refused(content_type):
    with samples.serve({"/x": samples.reply(b"\x89PNG....", content_type=content_type)}) as base:
        with pytest.raises(UnsupportedFormat, match=content_type):
            from_url(base + "/x", allow_private=True)


def test_pdf_and_plain_text_urls():
    with samples.serve({
        "/note.pdf": samples.reply(samples.make_pdf(title="Weekly note"), content_type="application/pdf"),
        "/raw": samples.reply(samples.make_pdf(), content_type="application/octet-stream"),
        "/note.txt": samples.reply(samples.ARTICLE.encode("cp1252"), content_type="text/plain; charset=windows-1252"),
    }) as base:
        pdf = from_url(base + "/note.pdf", allow_private=True)
        assert pdf.title == "Weekly note" and pdf.url == base + "/note.pdf" and "Toyota fell 3.2%" in pdf.text
        assert "Kioxia Holdings ~120%" in from_url(base + "/raw", allow_private=True).text
        assert from_url(base + "/note.txt", allow_private=True).text.startswith("Tokyo shares extended")


def test_hostile_and_boilerplate_pages():
    with samples.serve({
        "/hostile": samples.reply(samples.HOSTILE_HTML),
        "/front": samples.reply(samples.BOILERPLATE_HTML),
    }) as base:
        text = from_url(base + "/hostile", allow_private=True).text
        assert "Tokyo Electron rose 4.1%" in text and "alert" not in text and "<" not in text
        with pytest.raises(EmptyInput, match="No article text found"):
            from_url(base + "/front", allow_private=True)


def test_feed_url_is_pointed_to_feed_add():
    feed = samples.rss([("One", "https://example.com/1", "Fri, 13 Feb 2026 12:00:00 GMT")])
    with samples.serve({"/feed": samples.reply(feed, content_type="application/rss+xml")}) as base:
        with pytest.raises(UnsupportedFormat, match="feed add"):
            from_url(base + "/feed", allow_private=True)


def test_connection_refused():
    with samples.serve({}) as base:
        pass  # server closed: the port now refuses
    with pytest.raises(FetchError, match="Could not connect"):
        from_url(base + "/gone", allow_private=True)


def test_dated_url_path_gives_the_day_when_the_page_has_no_date():
    body = samples.page("<p>Toyota fell 3.2% on Tuesday after the yen firmed against the dollar in early trade.</p>")
    with samples.serve({"/markets/2026/02/10/toyota": samples.reply(body), "/undated": samples.reply(body)}) as base:
        assert from_url(base + "/markets/2026/02/10/toyota", allow_private=True).published_at == date(2026, 2, 10)
        assert from_url(base + "/undated", allow_private=True).published_at is None


def test_pdf_served_with_a_wrong_type_is_still_read_as_pdf():
    with samples.serve({"/doc": samples.reply(samples.make_pdf(), content_type="text/html")}) as base:
        assert "Kioxia Holdings ~120%" in from_url(base + "/doc", allow_private=True).text


def test_unwanted_content_is_refused_before_its_body_is_read(limits):
    limits(allow_private_urls=True, fetch_timeout_s=0.5)
    # a slow 1 MB "video": refused at the headers, long before the body would time out
    with samples.serve({"/v": samples.reply(b"\0" * 1_000_000, content_type="video/mp4", drip=0.01)}) as base:
        with pytest.raises(UnsupportedFormat, match="video/mp4"):
            fetch(base + "/v")
