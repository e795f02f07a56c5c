"""Fetch a URL without becoming a way into the analyst's network.

Every hop (the URL and each redirect, at most ``limits().max_redirects``) is
checked before any connection: http/https only, no credentials in the URL,
the host resolved and EVERY address refused if it is loopback, private,
link-local, multicast, reserved or a cloud-metadata address. The connection
then goes to the address that was checked (the host name is kept for the
Host header and TLS certificate check), so a second DNS answer cannot swap
in an internal address. Connect/read timeouts, an overall deadline and a size
cap counted on the decoded bytes while streaming (a gzip bomb stops at the
cap); only article-like content types are read.

``allow_private`` (or TAPECHECK_ALLOW_PRIVATE_URLS=1) opens private and
loopback addresses for intranet use; metadata and link-local stay refused.
"""

from __future__ import annotations

import functools
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass, replace
from urllib.parse import urljoin, urlsplit

import httpx

from tapecheck import __version__, config
from tapecheck.errors import FetchError, TooLarge, UnsafeURL, UnsupportedFormat

USER_AGENT = f"tapecheck/{__version__} (market article checker)"
# Content types worth reading, and what they are.
CONTENT_KINDS = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "text/markdown": "text",
    "application/pdf": "pdf",
    "application/xml": "xml",
    "text/xml": "xml",
    "application/rss+xml": "xml",
    "application/atom+xml": "xml",
    "application/rdf+xml": "xml",
    "application/feed+json": "unsupported",
}
_REDIRECTS = (301, 302, 303, 307, 308)
# Link-local covers 169.254.169.254 (AWS, GCP, Azure, OpenStack) and the ECS
# endpoints; the rest are other clouds' metadata services.
_ALWAYS_REFUSED = tuple(ipaddress.ip_network(net) for net in (
    "169.254.0.0/16", "fe80::/10", "fd00:ec2::/64", "100.100.100.200/32", "192.0.0.192/32",
))
_UNSPECIFIED = tuple(ipaddress.ip_network(net) for net in ("0.0.0.0/8", "::/128"))


@dataclass(frozen=True)
class Fetched:
    url: str                 # the final URL, after redirects
    kind: str                # html | text | pdf | xml | not_modified
    content_type: str
    charset: str | None
    data: bytes
    etag: str | None = None          # validators for the next conditional GET (feeds)
    last_modified: str | None = None


def fetch(url: str, allow_private: bool | None = None, etag: str | None = None,
          modified: str | None = None) -> Fetched:
    """GET ``url`` safely. Raises UnsafeURL, FetchError, TooLarge or
    UnsupportedFormat with one clear message. With ``etag``/``modified`` from
    an earlier fetch, an unchanged resource comes back as kind "not_modified"."""
    conditional = {}
    if etag:
        conditional["If-None-Match"] = etag
    if modified:
        conditional["If-Modified-Since"] = modified
    limits = config.limits()
    allow = limits.allow_private_urls if allow_private is None else allow_private
    timeout = httpx.Timeout(limits.fetch_timeout_s, connect=min(limits.fetch_timeout_s, 10.0))
    deadline = time.monotonic() + 4 * limits.fetch_timeout_s
    current = url.strip() if isinstance(url, str) else url
    with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False, verify=_tls()) as client:
        for _ in range(limits.max_redirects + 1):
            host, port, addresses = check_url(current, allow)
            location = _get(client, current, host, port, addresses, limits, deadline, conditional)
            if isinstance(location, Fetched):
                return location
            current = urljoin(current, location)
    raise FetchError(f"{url} redirects more than {limits.max_redirects} times; open it in a browser and give the final address.")


@functools.cache
def _tls() -> ssl.SSLContext:
    """Building a verifying TLS context costs ~50 ms: once per process."""
    import certifi

    return ssl.create_default_context(cafile=certifi.where())


def check_url(url: str, allow_private: bool = False) -> tuple[str, int, list[str]]:
    """Validate a URL and resolve its host; return (host, port, checked addresses)."""
    if not isinstance(url, str) or len(url) > 4096:
        raise UnsafeURL("Give a web address (http:// or https://) of at most 4096 characters.")
    try:
        parts = urlsplit(url.strip())
        port = parts.port
        httpx.URL(url.strip())
    except (ValueError, httpx.InvalidURL) as error:
        raise UnsafeURL(f"{url!r} is not a valid web address ({error}).") from None
    if parts.scheme not in ("http", "https"):
        raise UnsafeURL(f"Only http and https addresses are fetched, not {parts.scheme or 'a bare path'!r}: {url}")
    if parts.username is not None or parts.password is not None:
        raise UnsafeURL(f"Addresses with a user name or password are not fetched: {parts.hostname}")
    host = parts.hostname
    if not host:
        raise UnsafeURL(f"{url!r} has no host name.")
    port = port or (443 if parts.scheme == "https" else 80)
    addresses = _resolve(host, port)
    for address in addresses:
        reason = refusal(address, allow_private)
        if reason:
            raise UnsafeURL(f"Refusing {host}: it resolves to {address}, {reason}.")
    return host, port, addresses


def refusal(address: str, allow_private: bool = False) -> str | None:
    """Why an address must not be contacted, or None if it may be."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    embedded = _embedded_ipv4(ip)
    if embedded is not None:
        return refusal(str(embedded), allow_private)
    if ip.is_unspecified or any(ip in net for net in _UNSPECIFIED if net.version == ip.version):
        return "an unspecified address"
    if any(ip in network for network in _ALWAYS_REFUSED if network.version == ip.version):
        return "a link-local or cloud-metadata address"
    if ip.is_multicast:
        return "a multicast address"
    if allow_private:
        return None
    if ip.is_loopback:
        return "this machine (loopback); set TAPECHECK_ALLOW_PRIVATE_URLS=1 for intranet use"
    if ip.is_private:
        return "a private network address; set TAPECHECK_ALLOW_PRIVATE_URLS=1 for intranet use"
    if ip.is_reserved or not ip.is_global:
        return "a reserved, non-public address"
    return None


def _embedded_ipv4(ip) -> ipaddress.IPv4Address | None:
    if ip.version != 6:
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in ipaddress.ip_network("64:ff9b::/96"):  # NAT64
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def _resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as error:
        raise FetchError(f"Cannot resolve {host}: {error}.") from None
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not addresses:
        raise FetchError(f"Cannot resolve {host}.")
    return addresses


def _get(client, url, host, port, addresses, limits, deadline, conditional) -> Fetched | str:
    """One hop, pinned to a checked address: a Fetched, or a redirect target."""
    original = httpx.URL(url)
    sni = original.raw_host.decode("ascii")
    last_error = None
    for address in addresses:
        pinned = original.copy_with(host=address.split("%", 1)[0], port=port)
        headers = {
            "Host": original.netloc.decode("ascii"),
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,application/pdf,text/plain;q=0.8",
            "Accept-Encoding": "gzip, deflate",
            **conditional,
        }
        try:
            with client.stream("GET", pinned, headers=headers, extensions={"sni_hostname": sni}) as response:
                return _read(response, url, limits, deadline)
        except httpx.ConnectError as error:
            last_error = error  # try the next checked address
        except httpx.TimeoutException:
            raise FetchError(f"{url} timed out after {limits.fetch_timeout_s:g} s; try again later.") from None
        except (httpx.HTTPError, httpx.StreamError) as error:
            raise FetchError(f"Could not fetch {url}: {type(error).__name__} ({error}).") from None
    raise FetchError(f"Could not connect to {host}: {last_error}.")


def _read(response: httpx.Response, url: str, limits, deadline: float) -> Fetched | str:
    if response.status_code in _REDIRECTS:
        location = response.headers.get("location")
        if not location:
            raise FetchError(f"{url} redirects without saying where to.")
        return location
    if response.status_code == 304:
        return Fetched(url=url, kind="not_modified", content_type="", charset=None, data=b"",
                       etag=response.headers.get("etag"), last_modified=response.headers.get("last-modified"))
    if response.status_code >= 400:
        raise FetchError(f"{url} answered HTTP {response.status_code} ({response.reason_phrase}); nothing was ingested.")
    if response.status_code != 200:
        raise FetchError(f"{url} answered HTTP {response.status_code}, not a page.")
    media_type, charset = _content_type(response.headers.get("content-type", ""))
    if media_type not in CONTENT_KINDS and media_type not in _SNIFFABLE or CONTENT_KINDS.get(media_type) == "unsupported":
        raise UnsupportedFormat(_unsupported(url, media_type))  # refused before reading the body
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_fetch_bytes:
        raise TooLarge(_too_large(url, limits))
    chunks, total = [], 0
    for chunk in response.iter_bytes():
        total += len(chunk)
        if total > limits.max_fetch_bytes:
            raise TooLarge(_too_large(url, limits))
        if time.monotonic() > deadline:
            raise FetchError(f"{url} is sending too slowly (over {4 * limits.fetch_timeout_s:g} s); try again later.")
        chunks.append(chunk)
    data = b"".join(chunks)
    kind = "pdf" if data.startswith(b"%PDF-") else CONTENT_KINDS.get(media_type) or _sniff(data)
    if kind == "unsupported":
        raise UnsupportedFormat(_unsupported(url, media_type))
    return Fetched(url=url, kind=kind, content_type=media_type, charset=charset, data=data,
                   etag=response.headers.get("etag"), last_modified=response.headers.get("last-modified"))


def _too_large(url: str, limits) -> str:
    return f"{url} is larger than the {limits.max_fetch_bytes / 1048576:g} MB limit (TAPECHECK_MAX_FETCH_MB)."


def _content_type(header: str) -> tuple[str, str | None]:
    media_type, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return media_type.strip().lower(), charset


def _unsupported(url: str, media_type: str) -> str:
    return f"{url} is {media_type or 'of unknown type'}; tapecheck reads web pages, plain text, PDF and RSS/Atom feeds."


_SNIFFABLE = ("", "application/octet-stream", "binary/octet-stream")


def _sniff(data: bytes) -> str:
    """Servers that send no type or application/octet-stream: look at the bytes."""
    head = data[:512].lstrip().lower()
    if data.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if head.startswith(b"<?xml") or head.startswith((b"<rss", b"<feed")):
        return "xml"
    return "unsupported"


def from_url(url: str, published=None, title: str | None = None, allow_private: bool | None = None,
             source: str = "url"):
    """Fetch a page, PDF or text file safely and read it like an uploaded file."""
    from tapecheck.ingest.files import article, from_bytes
    from tapecheck.ingest.pages import extract_page
    from tapecheck.ingest.text import decode

    fetched = fetch(url, allow_private=allow_private)
    if fetched.kind == "pdf":
        found = from_bytes(fetched.data, "document.pdf", published=published, title=title, source=source)
        return replace(found, url=fetched.url, path=None)
    markup = decode(fetched.data, declared=fetched.charset, name=fetched.url)
    if fetched.kind == "text":
        return article(markup, source=source, title=title, published=published, url=fetched.url, name=fetched.url)
    if fetched.kind == "xml" and _is_feed(fetched.data):
        raise UnsupportedFormat(f"{fetched.url} is an RSS/Atom feed, not an article: follow it with `tapecheck feed add URL`.")
    page = extract_page(markup, name=fetched.url, url=fetched.url)
    return article(page.text, source=source, title=title or page.title, published=published or page.published,
                   url=fetched.url, name=fetched.url)


def _is_feed(data: bytes) -> bool:
    head = data[:2048].lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head
