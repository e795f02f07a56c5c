"""`tapecheck feed add` / `feed poll` against a feed the test serves on 127.0.0.1."""

import http.server
import threading

import pytest

ARTICLE = """<html><head><title>{title}</title>
<meta property="article:published_time" content="2026-02-13T16:30:00+09:00"></head>
<body><nav>Home | Markets | About</nav><article><h1>{title}</h1>
<p>{body}</p><p>Brokers said the move reflected a steady flow of orders from overseas
funds, and several strategists raised their year-end targets for Japanese equities after
the session closed in Tokyo on Friday afternoon.</p></article></body></html>"""

PAGES = {
    "/a.html": ARTICLE.format(title="Kioxia extends its run",
                              body="Kioxia Holdings has more than doubled since the end of "
                                   "December, climbing about 119% year to date."),
    "/b.html": ARTICLE.format(title="Nikkei ends the week higher",
                              body="The Nikkei 225 rose 5% this week, its best week in months."),
}


def feed(items):
    entries = "".join(f"<item><title>{t}</title><link>{{base}}{p}</link></item>" for p, t in items)
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>Desk notes</title>{entries}</channel></rss>"


@pytest.fixture
def server(monkeypatch):
    routes = dict(PAGES)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = routes.get(self.path)
            if body is None:
                self.send_error(404)
                return
            data = body.replace("{base}", f"http://127.0.0.1:{self.server.server_port}").encode()
            kind = "application/rss+xml" if self.path.endswith(".xml") else "text/html"
            self.send_response(200)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    monkeypatch.setenv("TAPECHECK_ALLOW_PRIVATE_URLS", "1")   # intranet setting, local server
    yield routes, f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


def test_poll_ingests_each_new_item_once(server, cli, tmp_path):
    routes, base = server
    db = tmp_path / "feeds.db"
    routes["/feed.xml"] = feed([("/a.html", "Kioxia extends its run")])

    code, out, err = cli("--db", db, "feed", "add", f"{base}/feed.xml")
    assert code == 0 and "Desk notes" in out, err

    code, out, err = cli("--db", db, "feed", "poll")
    assert code == 0, err
    first = out.split()
    assert len(first) == 1 and "1 new" in err

    routes["/feed.xml"] = feed([("/a.html", "Kioxia extends its run"), ("/b.html", "Nikkei week")])
    code, out, err = cli("--db", db, "feed", "poll")
    assert code == 0 and len(out.split()) == 1 and out.split() != first
    assert "1 already seen" in err

    code, out, _ = cli("--db", db, "claims", "--format", "json")
    assert code == 0


def test_a_feed_that_is_not_xml_is_refused_clearly(server, cli, tmp_path):
    routes, base = server
    routes["/notfeed.xml"] = "this is not a feed at all"
    code, _, err = cli("--db", tmp_path / "f.db", "feed", "add", f"{base}/notfeed.xml")
    assert code != 0 and "not an RSS or Atom feed" in err and "Traceback" not in err


def test_polling_a_feed_never_added_says_so(cli, tmp_path):
    code, _, err = cli("--db", tmp_path / "f.db", "feed", "poll", "http://127.0.0.1:9/x.xml")
    assert code != 0 and "feed add" in err
