"""Hostile input and faults: one table of cases, run by the tests and by
bench/reliability.py. Each case says what a user should see; the runner
checks it and that nothing else changed in the database.

A case's ``run(tmp, store)`` does what a user would do and returns a short
description of the outcome; an input case that should fail raises the named
error. Heavy database cases (subprocesses) are plain functions too.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "ingest"))

import ingest_samples as samples  # noqa: E402  (the shared builders in tests/ingest)

from tapecheck import config, ingest  # noqa: E402
from tapecheck.errors import (  # noqa: E402
    BinaryInput, EmptyInput, FetchError, InputError, TapecheckError, TooLarge, UnsafeURL,
    UnsupportedFormat,
)
from tapecheck.ingest.feeds import read_feed  # noqa: E402
from tapecheck.records import Review  # noqa: E402
from tapecheck.store import Store  # noqa: E402


@dataclass(frozen=True)
class Case:
    name: str
    expected: str                        # the handling a user should see
    run: Callable[[Path, Store], str]
    error: type[Exception] | None = None     # the named error expected, if any
    match: str = ""                      # a fragment of its message


@dataclass(frozen=True)
class Outcome:
    case: Case
    ok: bool
    result: str
    seconds: float


def run_case(case: Case, tmp: Path) -> Outcome:
    """Run one case on a fresh database; an error case must leave it unchanged."""
    tmp.mkdir(parents=True, exist_ok=True)
    store = Store.open(tmp / "reliability.db")
    before = _counts(store)
    started = time.perf_counter()
    try:
        result = case.run(tmp, store)
        ok = case.error is None
        if not ok:
            result = f"no error raised: {result}"
    except TapecheckError as error:
        seconds = time.perf_counter() - started
        result = f"{type(error).__name__}: {error}"
        ok = case.error is not None and isinstance(error, case.error) and case.match in str(error)
        if _counts(store) != before:
            ok, result = False, result + " (but the database changed)"
        store.close()
        return Outcome(case, ok, result, seconds)
    except AssertionError as error:
        ok, result = False, f"check failed: {error}"
    except Exception as error:  # noqa: BLE001 - the point is to report anything unexpected
        ok, result = False, f"UNEXPECTED {type(error).__name__}: {error}"
    seconds = time.perf_counter() - started
    store.close()
    return Outcome(case, ok, result, seconds)


def _counts(store: Store) -> tuple[int, ...]:
    return tuple(store.db[t].count for t in ("articles", "claims", "verifications", "reviews"))


def _store_file(tmp: Path, store: Store, name: str, data: bytes) -> str:
    path = tmp / name
    path.write_bytes(data)
    article = ingest.from_path(path)
    new = store.add_article(article)
    return f"stored {article.id} ({'new' if new else 'duplicate'}), language {article.language}"


# --- input cases ------------------------------------------------------------------

def _empty(tmp, store):
    return _store_file(tmp, store, "empty.txt", b"")


def _binary(tmp, store):
    return _store_file(tmp, store, "photo.txt", b"\x89PNG\r\n\x1a\n" + os.urandom(4096))


def _random_bytes(tmp, store):
    return _store_file(tmp, store, "noise.md", bytes(range(1, 32)) * 200)


def _huge(tmp, store):
    path = tmp / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(config.limits().max_file_bytes + 1)  # sparse: no disk, no time
    store.add_article(ingest.from_path(path))
    return "stored"


def _mixed_encoding(tmp, store):
    data = "Kioxia rose 120% \u2014 a record.".encode() + b" The company\x92s view was \x93bullish\x94."
    result = _store_file(tmp, store, "mixed.txt", data)
    text = store.articles()[0].text
    assert text == "Kioxia rose 120% \u2014 a record. The company's view was \"bullish\".", text
    return result + ", UTF-8 and Windows-1252 both decoded"


def _legacy_encoding(tmp, store):
    text = "\u65e5\u7d4c\u5e73\u5747\u682a\u4fa1\u306f\u4eca\u9031\u3001\u534a\u5c0e\u4f53\u682a\u306e\u4e0a\u6607\u3067\u5927\u304d\u304f\u5024\u4e0a\u304c\u308a\u3057\u307e\u3057\u305f\u3002" * 3
    result = _store_file(tmp, store, "nikkei-sjis.txt", text.encode("shift_jis"))
    stored = store.articles()[0]
    assert stored.text == text and stored.flags == ("non_english",), stored.text[:40]
    return result + ", Shift-JIS decoded, flagged non_english"


def _hostile_html(tmp, store):
    result = _store_file(tmp, store, "hostile.html", samples.HOSTILE_HTML.encode())
    text = store.articles()[0].text.lower()
    for bad in ("<", "script", "alert", "onerror", "onclick", "iframe", "javascript", "evil.example"):
        assert bad not in text, bad
    return result + "; no script, iframe, handler or markup in the text"


def _boilerplate(tmp, store):
    return _store_file(tmp, store, "front-page.html", samples.BOILERPLATE_HTML.encode())


def _corrupt_pdf(tmp, store):
    return _store_file(tmp, store, "broken.pdf", samples.make_pdf()[:500])


def _encrypted_pdf(tmp, store):
    return _store_file(tmp, store, "locked.pdf", samples.encrypt_pdf(samples.make_pdf()))


def _scanned_pdf(tmp, store):
    return _store_file(tmp, store, "scan.pdf", samples.make_pdf(text_layer=False))


def _non_english(tmp, store):
    text = ("Der japanische Aktienmarkt hat in dieser Woche deutlich zugelegt. Der Nikkei stieg um f\u00fcnf "
            "Prozent, w\u00e4hrend die Anleger auf neue Konjunkturprogramme der Regierung setzten.")
    article = ingest.from_text(text)
    store.add_article(article)
    stored = store.article(article.id)
    assert stored.language == "de" and stored.flags == ("non_english",)
    from tapecheck import nlp
    from tapecheck.nlp.registry import load_registry

    claims = nlp.extract(stored, load_registry()).claims
    assert claims == [], claims
    return "stored, language de, flagged non_english, 0 claims extracted"


def _long_article(tmp, store):
    paragraph = ("Tokyo shares moved in a narrow range as investors weighed the yen against fresh export "
                 "data, and Toyota fell 3.2% on Tuesday while Advantest added 2.5% over the session. ")
    words = len(paragraph.split())
    body = "\n\n".join(f"Section {i}. " + paragraph * 4 for i in range(100_000 // (4 * words) + 1))
    started = time.perf_counter()
    result = _store_file(tmp, store, "long.txt", body.encode())
    seconds = time.perf_counter() - started
    stored = store.articles()[0]
    assert len(stored.text.split()) >= 100_000
    return f"{result}; {len(stored.text.split()):,} words ingested in {seconds:.2f} s"


def _duplicate(tmp, store):
    first = _store_file(tmp, store, "a.txt", samples.ARTICLE.encode())
    upload = ingest.from_bytes(samples.ARTICLE.replace("\n", "\r\n").encode(), "copy.txt", source="file")
    new = store.add_article(upload)
    assert not new and store.db["articles"].count == 1
    return f"{first}; the same text uploaded again: same id, nothing added"


def _feed_not_xml(tmp, store):
    read_feed(b"<html><body><p>Subscribe to our newsletter</p></body></html>", "https://example.com/rss")
    return "parsed"


def _entity_bomb(tmp, store):
    levels = "".join(f'<!ENTITY lol{i + 1} "{("&lol%d;" % i if i else "&lol;") * 10}">' for i in range(9))
    bomb = (f'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">{levels}]><rss version="2.0"><channel>'
            f'<title>t</title><item><title>&lol9;</title><link>https://example.com/a</link></item></channel></rss>')
    read_feed(bomb.encode(), "https://example.com/rss")
    return "parsed"


def _url(route: dict, path: str = "/x", allow_private: bool = True, **limits):
    def run(tmp, store):
        if limits:
            original = config.limits
            config.limits = lambda: config.Limits(**limits)
        try:
            with samples.serve({path: route} if route else {}) as base:
                article = ingest.from_url(base + path, allow_private=allow_private)
        finally:
            if limits:
                config.limits = original
        store.add_article(article)
        return f"stored {article.id}"
    return run


def _url_to_metadata(tmp, store):
    with samples.serve({"/go": samples.redirect("http://169.254.169.254/latest/meta-data/")}) as base:
        store.add_article(ingest.from_url(base + "/go", allow_private=True))
    return "stored"


INPUT_CASES = [
    Case("empty file", "EmptyInput: file is empty", _empty, EmptyInput, "is empty"),
    Case("binary file with .txt extension", "BinaryInput naming the real format", _binary, BinaryInput, "PNG image"),
    Case("control bytes in a .md file", "BinaryInput", _random_bytes, BinaryInput, "binary"),
    Case("text file over the size limit (sparse, default 50 MB)", "TooLarge before reading", _huge, TooLarge, "MB limit"),
    Case("invalid UTF-8 / mixed encodings", "decoded (UTF-8 + Windows-1252 repaired)", _mixed_encoding),
    Case("legacy encoding (Shift-JIS)", "decoded by detection, flagged non_english", _legacy_encoding),
    Case("HTML with scripts, iframes, inline handlers", "stored; none of them in the text", _hostile_html),
    Case("HTML that is all boilerplate", "EmptyInput: no article text found", _boilerplate, EmptyInput,
         "No article text found"),
    Case("corrupt PDF", "InputError: not a readable PDF", _corrupt_pdf, InputError, "not a readable PDF"),
    Case("encrypted PDF", "InputError: encrypted PDF", _encrypted_pdf, InputError, "encrypted PDF"),
    Case("PDF with no text layer", "EmptyInput: no text layer: scanned PDF?", _scanned_pdf, EmptyInput,
         "no text layer: scanned PDF?"),
    Case("non-English text", "stored, flagged non_english, no claims invented", _non_english),
    Case("article of 100,000 words", "stored; time measured", _long_article),
    Case("duplicate upload", "same id, nothing added", _duplicate),
    Case("feed that is not XML", "UnsupportedFormat: not an RSS or Atom feed", _feed_not_xml, UnsupportedFormat,
         "not an RSS or Atom feed"),
    Case("feed with nested XML entities (billion laughs)", "UnsupportedFormat at once, nothing expanded",
         _entity_bomb, UnsupportedFormat, "declares XML entities"),
    Case("URL that times out", "FetchError: timed out", _url(samples.reply("late", delay=1.5), fetch_timeout_s=0.3),
         FetchError, "timed out"),
    Case("URL that returns 500", "FetchError: HTTP 500", _url(samples.reply("oops", status=500)), FetchError, "HTTP 500"),
    Case("URL on this machine, private not allowed", "UnsafeURL: loopback",
         _url(samples.reply("<p>x</p>"), allow_private=False), UnsafeURL, "loopback"),
    Case("redirect to the cloud metadata address", "UnsafeURL after the redirect", _url_to_metadata, UnsafeURL,
         "cloud-metadata"),
    Case("gzip bomb (5 MB of zeros, 1 MB cap)", "TooLarge while streaming", _url(samples.gzip_bomb(5),
         max_fetch_bytes=1024 * 1024, allow_private_urls=True), TooLarge, "larger than"),
]


# --- database faults -------------------------------------------------------------------

def _write_articles(folder: Path, count: int, words: int = 400) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        sentence = f"Report {i}: the Topix gained {i % 9 + 1}.{i % 10}% this week as buyers returned. "
        (folder / f"report-{i:04d}.txt").write_text(sentence * (words // 12), encoding="utf-8")


def _python() -> str:
    return sys.executable


def _child_env(db: Path) -> dict:
    env = dict(os.environ, TAPECHECK_DB=str(db), PYTHONUNBUFFERED="1")
    env.pop("TAPECHECK_DEBUG", None)
    return env


def cli_mixed_batch(tmp, store):
    """The real CLI on a folder of good and hostile files: one error line per
    bad file, no traceback, the good ones stored, exit status 2."""
    folder = tmp / "inbox"
    folder.mkdir()
    (folder / "a-good.txt").write_text(samples.ARTICLE, encoding="utf-8")
    (folder / "b-empty.txt").write_bytes(b"")
    (folder / "c-photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (folder / "d-broken.pdf").write_bytes(samples.make_pdf()[:300])
    (folder / "e-scan.pdf").write_bytes(samples.make_pdf(text_layer=False))
    (folder / "f-front.html").write_text(samples.BOILERPLATE_HTML, encoding="utf-8")
    (folder / "g-good.html").write_text(samples.HOSTILE_HTML, encoding="utf-8")
    done = subprocess.run([_python(), "-m", "tapecheck.cli", "--db", str(store.path), "ingest", str(folder)],
                          capture_output=True, text=True, env=_child_env(store.path), timeout=120)
    errors = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
    assert done.returncode == 2, (done.returncode, done.stderr[-500:])
    assert "Traceback" not in done.stderr, done.stderr[-800:]
    assert len(errors) == 5 and all(name in done.stderr for name in ("b-empty", "c-photo", "d-broken", "e-scan", "f-front")), errors
    assert len(done.stdout.split()) == 2 and store.db["articles"].count == 2
    return "5 bad files, 5 one-line errors, exit 2, the 2 good articles stored"


def concurrent_writers(tmp, store):
    """The CLI ingests a folder in a subprocess while this process, like the
    app, writes analyst reviews one transaction at a time."""
    folder = tmp / "batch"
    _write_articles(folder, 60)
    cli = subprocess.Popen([_python(), "-m", "tapecheck.cli", "--db", str(store.path), "ingest", str(folder)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_child_env(store.path))
    errors: list[str] = []

    def app_writer():
        app = Store.open(store.path)
        try:
            for i in range(200):
                app.add_review(Review(claim_id=f"c{i}", article_id="a", verdict="supported", reviewer="app"))
        except Exception as error:  # noqa: BLE001
            errors.append(repr(error))
        finally:
            app.close()

    writer = threading.Thread(target=app_writer)
    writer.start()
    out, err = cli.communicate(timeout=300)
    writer.join()
    assert cli.returncode == 0, err.decode()[-500:]
    assert not errors, errors
    articles, reviews = store.db["articles"].count, store.db["reviews"].count
    assert articles == 60 and reviews == 200, (articles, reviews)
    return "CLI ingested 60 articles while the app wrote 200 reviews: nothing lost, no lock errors"


def killed_mid_batch(tmp, store):
    """SIGKILL a real ingest subprocess part-way: every article is either
    fully stored (row, full text, search index) or absent."""
    folder = tmp / "batch"
    _write_articles(folder, 300, words=3000)
    script = textwrap.dedent(f"""
        from tapecheck.orchestrate import ingest_inputs
        from tapecheck.store import Store
        store = Store.open({str(store.path)!r})
        ingest_inputs(store, [{str(folder)!r}], on_each=lambda label: print(label, flush=True))
    """)
    child = subprocess.Popen([_python(), "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env=_child_env(store.path))
    done = 0
    while done < 10:
        line = child.stdout.readline()
        if not line:
            break
        done += 1
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert done == 10, child.stderr.read().decode()[-500:]
    reopened = Store.open(store.path)
    try:
        assert reopened.db.execute("pragma integrity_check").fetchone()[0] == "ok"
        stored = reopened.articles()
        expected = {ingest.from_path(path).id: ingest.from_path(path).text
                    for path in sorted(folder.iterdir())[: len(stored) + 5]}
        for article in stored:
            assert expected.get(article.id) == article.text, f"article {article.id} is partial"
            hits = reopened.db.execute(
                "select count(*) from articles_fts where rowid = (select rowid from articles where id = ?)",
                [article.id]).fetchone()[0]
            assert hits == 1, f"article {article.id} missing from the search index"
        assert 10 <= len(stored) < 300, len(stored)
    finally:
        reopened.close()
    return f"killed after {done} reported; {len(stored)} of 300 articles stored, each complete; integrity ok"


def killed_mid_verify(tmp, store):
    """SIGKILL `process` (extract + verify) part-way: every article holds its
    complete extraction, and either a verification for every claim or none."""
    from tapecheck import correlate, nlp
    from tapecheck.nlp.registry import load_registry

    correlate.load_snapshot(store)
    names = ("Toyota", "Advantest", "Tokyo Electron", "the Topix", "the Nikkei 225")
    ids = []
    for i in range(40):
        text = " ".join(f"{names[(i + k) % 5]} rose {k + 1}.{i % 10}% this week." for k in range(4))
        article = ingest.from_text(f"Note {i}. {text}", published=f"2026-0{i % 6 + 1}-1{i % 9}")
        store.add_article(article)
        ids.append(article.id)
    script = textwrap.dedent(f"""
        import time
        from tapecheck.orchestrate import process
        from tapecheck.store import Store
        store = Store.open({str(store.path)!r})
        def report(article_id):  # a little slower, so the kill lands mid-batch
            print(article_id, flush=True)
            time.sleep(0.02)
        process(store, offline=True, themes=False, on_each=report)
    """)
    child = subprocess.Popen([_python(), "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env=_child_env(store.path))
    reported = [child.stdout.readline() for _ in range(3)]
    time.sleep(random.uniform(0, 0.05))  # anywhere: between articles or inside a transaction
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert all(reported), child.stderr.read().decode()[-800:]
    registry = load_registry()
    reopened = Store.open(store.path)
    verified = 0
    try:
        assert reopened.db.execute("pragma integrity_check").fetchone()[0] == "ok"
        for article_id in ids:
            claims = reopened.claims(article_id)
            fresh = nlp.extract(reopened.article(article_id), registry).claims
            assert [c.id for c in claims] in ([], [c.id for c in fresh]), f"{article_id}: partial claims"
            checks = reopened.verifications(article_id)
            assert not checks or set(checks) == {c.id for c in claims}, f"{article_id}: partial verification"
            verified += bool(checks)
    finally:
        reopened.close()
    assert 3 <= verified < len(ids), verified
    return f"killed after 3 verified; {verified} of 40 articles verified, each complete, the rest untouched"


def reviews_survive(tmp, store):
    """An analyst's review survives re-ingesting the article and re-running
    extraction and verification."""
    from tapecheck.orchestrate import process

    path = tmp / "note.txt"
    path.write_text("Toyota fell 3.2% on Tuesday as the yen firmed.\n", encoding="utf-8")
    article = ingest.from_path(path, published="2026-02-13")
    store.add_article(article)
    process(store, [article.id], offline=True, themes=False)
    claims = store.claims(article.id)
    assert claims, "no claim extracted from the test sentence"
    store.add_review(Review(claim_id=claims[0].id, article_id=article.id, verdict="wrong_direction",
                            comment="checked by hand", reviewer="analyst"))
    assert not store.add_article(ingest.from_path(path, published="2026-02-13"))
    process(store, [article.id], offline=True, reextract=True, themes=False)
    reviews = store.reviews(claims[0].id)
    assert [r.comment for r in reviews] == ["checked by hand"], reviews
    assert store.claims(article.id)[0].id == claims[0].id
    return "re-ingest and re-verify: review kept and still attached to its claim"


DATABASE_CASES = [
    Case("CLI batch of good and hostile files", "one error line per bad file, good ones stored", cli_mixed_batch),
    Case("CLI and app writing at the same time", "both finish (WAL, busy timeout), nothing lost", concurrent_writers),
    Case("ingest killed mid-batch (SIGKILL)", "each article fully stored or absent", killed_mid_batch),
    Case("verification killed mid-batch (SIGKILL)", "each article fully verified or untouched", killed_mid_verify),
    Case("reviews across re-ingest and re-verification", "review kept", reviews_survive),
]

CASES = INPUT_CASES + DATABASE_CASES
