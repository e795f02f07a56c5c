"""RSS/Atom polling: each new item fetched and ingested once."""

from datetime import datetime, timezone

import pytest
import ingest_samples as samples

from tapecheck.errors import FetchError, UnsupportedFormat
from tapecheck.ingest.feeds import poll, read_feed


def story(headline: str, sentence: str, day: str | None = None) -> str:
    head = f"<meta name='date' content='{day}'>" if day else ""
    return samples.page(f"<h1>{headline}</h1><p>{sentence}</p>", head=head, title=headline)


def routes(base_items):
    return {
        "/feed.xml": samples.reply(samples.rss(base_items), content_type="application/rss+xml"),
        "/one": samples.reply(story("Toyota slips", "Toyota fell 3.2% on Tuesday after the yen firmed sharply.")),
        "/two": samples.reply(story("Chips rally", "Advantest jumped more than 10% this week on tester demand.", "2026-02-12")),
        "/copy-of-one": samples.reply(story("Toyota slips", "Toyota fell 3.2% on Tuesday after the yen firmed sharply.")),
        "/broken": samples.reply("oops", status=500),
    }


def test_poll_ingests_each_new_item_once():
    server_routes: dict = {}
    hits: list[str] = []
    seen: set[str] = set()
    with samples.serve(server_routes, hits) as base:
        server_routes.update(routes([
            ("Toyota slips", f"{base}/one", "Tue, 10 Feb 2026 06:30:00 GMT"),
            ("Chips rally", f"{base}/two", "Fri, 13 Feb 2026 21:56:00 +0900"),
            ("Same story, other link", f"{base}/copy-of-one", "Tue, 10 Feb 2026 06:31:00 GMT"),
            ("Broken", f"{base}/broken", "Tue, 10 Feb 2026 07:00:00 GMT"),
        ]))
        first = poll(base + "/feed.xml", seen.__contains__, allow_private=True)
        titles = [a.title for a in first.articles]
        assert titles == ["Toyota slips", "Chips rally", "Same story, other link"]
        # the same text behind two links: one id, so the store keeps it once
        assert first.articles[0].id == first.articles[2].id and first.articles[2].url == base + "/copy-of-one"
        assert [url for url, _ in first.failures] == [base + "/broken"]
        assert "HTTP 500" in first.failures[0][1]
        toyota, chips, _ = first.articles
        assert toyota.source == "rss" and toyota.url == base + "/one"
        # no date on the page: the feed's moment is used
        assert toyota.published_at == datetime(2026, 2, 10, 6, 30, tzinfo=timezone.utc)
        # the feed's zoned moment beats the page's bare date
        assert chips.published_at == datetime(2026, 2, 13, 12, 56, tzinfo=timezone.utc)

        seen.update([base + "/one", base + "/two", base + "/copy-of-one"])
        again = poll(base + "/feed.xml", seen.__contains__, allow_private=True)
    assert again.articles == [] and again.already_seen == 3
    assert hits.count("/one") == 1 and hits.count("/two") == 1 and hits.count("/feed.xml") == 2


def test_feed_that_is_not_xml():
    with pytest.raises(UnsupportedFormat, match="not an RSS or Atom feed"):
        read_feed(b"{\"items\": [1, 2, 3]}", "https://example.com/feed")
    with pytest.raises(UnsupportedFormat, match="not an RSS or Atom feed"):
        read_feed(samples.BOILERPLATE_HTML.encode(), "https://example.com/feed")


def test_feed_url_errors_are_fetch_errors():
    with samples.serve({"/feed": samples.reply("down", status=500)}) as base:
        with pytest.raises(FetchError, match="HTTP 500"):
            poll(base + "/feed", lambda url: False, allow_private=True)


def test_atom_feed_with_full_content_and_no_link():
    atom = (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>Desk</title>"
        "<id>urn:desk</id><updated>2026-03-03T08:00:00Z</updated>"
        "<entry><title>Morning note</title><id>urn:1</id><updated>2026-03-03T08:00:00+09:00</updated>"
        "<content type='html'>&lt;p&gt;The Nikkei 225 rose 1.2% in early trade as exporters gained on a weaker "
        "yen.&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</content></entry></feed>"
    )
    with samples.serve({"/atom": samples.reply(atom, content_type="application/atom+xml")}) as base:
        result = poll(base + "/atom", lambda url: False, allow_private=True)
    (note,) = result.articles
    assert note.title == "Morning note" and note.url is None
    assert note.text == "The Nikkei 225 rose 1.2% in early trade as exporters gained on a weaker yen."
    assert note.published_at == datetime(2026, 3, 2, 23, 0, tzinfo=timezone.utc)


def test_feed_items_pointing_inside_the_network_are_refused():
    feed = samples.rss([("Sneaky", "http://169.254.169.254/latest/meta-data/", "Tue, 10 Feb 2026 06:30:00 GMT")])
    with samples.serve({"/feed": samples.reply(feed, content_type="application/rss+xml")}) as base:
        result = poll(base + "/feed", lambda url: False, allow_private=True)
    assert result.articles == [] and "cloud-metadata" in result.failures[0][1]


def test_unchanged_feed_is_not_read_again():
    feed = samples.rss([("One", "https://example.com/1", "Fri, 13 Feb 2026 12:00:00 GMT")])
    hits: list[str] = []
    route = samples.reply(feed, content_type="application/rss+xml", headers={"ETag": '"v1"'})
    with samples.serve({"/feed": route}, hits) as base:
        seen = {"https://example.com/1"}
        first = poll(base + "/feed", seen.__contains__, allow_private=True)
        assert first.feed.etag == '"v1"' and first.already_seen == 1
        again = poll(base + "/feed", seen.__contains__, allow_private=True, etag=first.feed.etag)
    assert again.feed.not_modified and again.articles == [] and again.feed.etag == '"v1"'
    assert hits == ["/feed", "/feed"]


def test_feeds_declaring_entities_are_refused():
    xxe = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss version="2.0">'
           b"<channel><title>t</title><item><title>&xxe;</title><link>https://example.com/a</link></item></channel></rss>")
    with pytest.raises(UnsupportedFormat, match="declares XML entities"):
        read_feed(xxe, "https://example.com/rss")


def test_article_url_is_the_feed_link_even_after_a_redirect():
    routes_: dict = {}
    with samples.serve(routes_) as base:
        routes_.update({
            "/feed.xml": samples.reply(samples.rss([("Tracked", f"{base}/track?id=1", "Tue, 10 Feb 2026 06:30:00 GMT")]),
                                       content_type="application/rss+xml"),
            "/track?id=1": samples.redirect("/story"),
            "/story": samples.reply(story("Toyota slips", "Toyota fell 3.2% on Tuesday after the yen firmed sharply.")),
        })
        seen: set[str] = set()
        first = poll(base + "/feed.xml", seen.__contains__, allow_private=True)
        assert [a.url for a in first.articles] == [base + "/track?id=1"]
        seen.update(a.url for a in first.articles)
        assert poll(base + "/feed.xml", seen.__contains__, allow_private=True).already_seen == 1
