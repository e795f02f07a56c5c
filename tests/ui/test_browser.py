"""Real browser: headless Chromium opens the running app, uploads an article,
waits for its verdicts and saves a screenshot (tests/artifacts/).

Needs Debian's chromium (`sudo apt-get install -y chromium chromium-driver`,
or `make browser`). Without it this test FAILS, saying so: it never skips.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tapecheck.store import Store

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = os.environ.get("TAPECHECK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
NOTE = (
    "Tokyo desk note\n\n"
    "Advantest jumped 10.6% this week as chip testers stayed in demand. "
    "Toyota Motor shares slipped 0.2% over the week, while the Nikkei 225 rose 5% this week. "
    "Tokyo Electron added 4% this week.\n"
)   # undated: the as-of is inferred (most claims fit 2026-02-13), Tokyo Electron overstated


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    """`streamlit run ui/app.py` on a fresh database with the bundled prices."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is not installed, so the real-browser test did not run. "
                    "Install it with: sudo apt-get install -y chromium chromium-driver "
                    "(or `make browser`).")
    sys.path.insert(0, str(Path(__file__).parent))
    import seed
    from tapecheck.store import Store

    db = tmp_path / "browser.db"
    store = Store.open(db)
    seed.load_prices(store)
    store.close()
    port = free_port()
    env = dict(os.environ, TAPECHECK_DB=str(db), TAPECHECK_OFFLINE="1", TAPECHECK_WARM_UP="1",
               STREAMLIT_SERVER_HEADLESS="true", HF_HUB_OFFLINE="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "ui" / "app.py"),
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=tmp_path)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    out = proc.stdout.read().decode(errors="replace") if proc.poll() is not None else ""
                    pytest.fail(f"streamlit did not start: {out[-2000:]}")
                time.sleep(0.3)
        yield f"http://127.0.0.1:{port}", db
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_upload_in_a_real_browser_shows_verdicts(server, tmp_path):
    from playwright.sync_api import sync_playwright

    url, db = server
    article = tmp_path / "tokyo-week.txt"
    article.write_text(NOTE, encoding="utf-8")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto(f"{url}/upload", wait_until="networkidle")
            page.get_by_text("Upload articles").wait_for(timeout=60_000)
            page.locator("input[type=file]").set_input_files(str(article))
            page.get_by_text("tokyo-week.txt").wait_for(timeout=30_000)
            page.get_by_role("button", name="Check against the tape").click()
            # The app opens the review page once the claims are verified.
            page.locator(".tc-article").wait_for(timeout=180_000)
            page.locator("[data-testid='stPlotlyChart']").first.wait_for(timeout=60_000)
            page.get_by_text("exaggerated").first.wait_for(timeout=30_000)
            time.sleep(1.5)                      # let the chart finish drawing
            page.screenshot(path=str(ARTIFACTS / "review-1280x800.png"))
            body = page.inner_text("body")
            widths = page.evaluate(
                "[document.documentElement.scrollWidth, window.innerWidth]")
            address = page.url
            # The address names the article, and a fresh browser opening it (or the
            # /review form of it) lands on that article, with no "page not found".
            links = {}
            for link in (address, address.replace("/?", "/review?", 1), f"{url}/explorer"):
                other = browser.new_page(viewport={"width": 1280, "height": 800})
                other.goto(link, wait_until="networkidle")
                wanted = ".tc-article" if "article=" in link else "text=Claims explorer"
                other.locator(wanted).first.wait_for(timeout=60_000)
                time.sleep(1.0)
                links[link] = other.inner_text("body")
                other.close()
        finally:
            browser.close()
    assert "supported" in body and "exaggerated" in body
    assert "Verdicts are conditional" in body and "if as of 2026-02-13" in body
    assert "Traceback" not in body
    assert widths[0] <= widths[1], f"horizontal scrolling: {widths}"
    article_id = Store.open(db).article_rows()[0]["id"]
    assert f"article={article_id}" in address
    for link, text in links.items():
        assert "Page not found" not in text and "Traceback" not in text, link
    review_link = address.replace("/?", "/review?", 1)
    assert "Tokyo desk note" in links[review_link] and "exaggerated" in links[review_link]
