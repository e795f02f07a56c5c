"""What the pages read, cached; and the few writes the app makes.

The store connection and the securities registry load once per database
(st.cache_resource). Queries are cached (st.cache_data) under the database's
``PRAGMA data_version``, so a write by the CLI or a batch run shows up on the
next rerun, and every write the app itself makes calls ``changed()``.
"""

from __future__ import annotations

import os
import socket
import threading
from concurrent.futures import ThreadPoolExecutor, TimeoutError
from datetime import date

import pandas as pd
import streamlit as st

from tapecheck import config
from tapecheck.records import Review, Security
from tapecheck.store import Store

# Where the app probes to decide whether "online" is possible at all.
PRICE_HOST = ("query1.finance.yahoo.com", 443)


# -- resources ------------------------------------------------------------------
@st.cache_resource(show_spinner=False)
def _open(path: str) -> Store:
    return Store.open(path)


def db_path() -> str:
    return str(config.db_path())


def store() -> Store:
    """The store for the database the app was started on (TAPECHECK_DB)."""
    return _open(db_path())


@st.cache_resource(show_spinner=False, max_entries=8)
def _registry(path: str, additions: str):
    from tapecheck.orchestrate import registry_for

    return registry_for(_open(path))


def registry():
    """The securities registry with the user's additions (reloaded only when those
    change); None while the NLP stage, which owns the registry, is not installed."""
    try:
        return _registry(db_path(), _additions(store()))
    except ImportError:
        return None


def _additions(store: Store) -> str:
    """A key that changes when the user's securities or aliases do."""
    return store.db.execute(
        "select (select count(*) || ':' || coalesce(group_concat(ticker || aliases), '') "
        "from securities) || '|' || (select count(*) || ':' || "
        "coalesce(group_concat(alias || ticker), '') from aliases)").fetchone()[0]


def warm_up() -> None:
    """Start loading the heavy NLP parts, once per server process, when the server was
    started for it (`tapecheck ui` sets TAPECHECK_WARM_UP=1; tests that call the
    pipeline themselves do not)."""
    if os.environ.get("TAPECHECK_WARM_UP") == "1":
        _warm_up_once(db_path())


def warmed_up(timeout: float = 120.0) -> None:
    """Wait for the warm-up before running the pipeline: importing transformers from
    two threads at once fails in one of them ('cannot import name AutoModel')."""
    if os.environ.get("TAPECHECK_WARM_UP") == "1":
        _warm_up_once(db_path()).join(timeout)


@st.cache_resource(show_spinner=False, max_entries=1)
def _warm_up_once(_path: str) -> threading.Thread:
    """Load the registry, the spaCy pipeline and the theme model in the background
    once per server, so the first upload does not wait for them (about 20 s cold on a
    2-core machine, against about 5 s warm). Nothing is written; a failure here only
    means the first upload loads them itself."""

    def work() -> None:
        try:
            from tapecheck import nlp
            from tapecheck.nlp.themes import tag_article
            from tapecheck.records import Article, content_id

            text = "Warm-up note.\n\nToyota Motor shares rose 1% this week."
            article = Article(id=content_id(text), source="paste", text=text)
            own = Store.open(_path)          # its own connection: the pages keep theirs
            try:
                from tapecheck.orchestrate import registry_for

                nlp.extract(article, registry_for(own))
            finally:
                own.close()
            tag_article(article)
        except Exception:  # noqa: BLE001 - a warm-up never breaks the app
            pass

    thread = threading.Thread(target=work, name="tapecheck-warm-up", daemon=True)
    thread.start()
    return thread


@st.cache_resource(show_spinner=False, ttl=300)
def network_reachable() -> bool:
    """One short TCP probe to the price host; TAPECHECK_OFFLINE=1 skips it."""
    if os.environ.get("TAPECHECK_OFFLINE", "").lower() in ("1", "true", "yes"):
        return False

    def probe() -> bool:
        try:
            with socket.create_connection(PRICE_HOST, timeout=1.5):
                return True
        except OSError:
            return False

    # Name resolution ignores the socket timeout: bound the whole probe.
    pool = ThreadPoolExecutor(max_workers=1)
    try:
        return pool.submit(probe).result(timeout=2.5)
    except TimeoutError:
        return False
    finally:
        pool.shutdown(wait=False)


def offline() -> bool:
    """The sidebar toggle's value (default: offline when the network is unreachable)."""
    if "offline" not in st.session_state:
        st.session_state["offline"] = not network_reachable()
    return bool(st.session_state["offline"])


# -- cache keys -------------------------------------------------------------------
def generation() -> int:
    """Changes when any connection commits: other processes move data_version,
    our own writes move the counter."""
    version = store().db.execute("pragma data_version").fetchone()[0]
    return version * 1_000_003 + _GLOBAL_WRITES[0]


_GLOBAL_WRITES = [0]


def changed() -> None:
    """Call after every write: drops the cached queries for all sessions."""
    _GLOBAL_WRITES[0] += 1
    for loader in (_article_rows, _claim_rows, _mentions, _article, _prices, _coverage,
                   _reviews, _user_securities):
        loader.clear()


# -- queries ------------------------------------------------------------------------
@st.cache_data(show_spinner=False, max_entries=64)
def _article_rows(path: str, generation: int) -> list[dict]:
    return _open(path).article_rows()


def article_rows() -> list[dict]:
    return _article_rows(db_path(), generation())


@st.cache_data(show_spinner=False, max_entries=64)
def _article(path: str, article_id: str, generation: int):
    return _open(path).article(article_id)


def article(article_id: str):
    """The Article record; raises errors.NotFound."""
    return _article(db_path(), article_id, generation())


@st.cache_data(show_spinner=False, max_entries=64)
def _claim_rows(path: str, article_id: str | None, generation: int) -> pd.DataFrame:
    store = _open(path)
    rows = store.claim_rows(article_id)
    # The article's as-of note says how an inferred as-of was found (its support).
    notes = {r["id"]: r.get("as_of_note") for r in store.article_rows()}
    for row in rows:
        row["as_of_note"] = notes.get(row["article_id"])
    return claims_frame(rows)


def claim_rows(article_id: str | None = None) -> pd.DataFrame:
    """Claims with verification and latest review, one row each (see Store.claim_rows)."""
    return _claim_rows(db_path(), article_id, generation())


CLAIM_COLUMNS = [
    "article_id", "claim_id", "ordinal", "sentence", "entity", "ticker", "metric", "value",
    "qualifier", "period", "period_source", "period_text", "figure_text", "partner_ticker",
    "partner_entity", "flags", "start", "end", "sentence_start", "sentence_end", "precision",
    "as_of", "as_of_source", "window_start", "window_end", "start_close", "end_close",
    "actual", "tolerance_low", "tolerance_high", "verdict", "reason", "alternative",
    "price_source", "review_verdict", "review_comment", "reviewer", "reviewed_at",
    "article_title", "published_at", "as_of_note",
]


def claims_frame(rows: list[dict]) -> pd.DataFrame:
    """claim_rows as a frame with fixed columns, so empty results still have them."""
    frame = pd.DataFrame(rows, columns=CLAIM_COLUMNS)
    return frame


@st.cache_data(show_spinner=False, max_entries=64)
def _mentions(path: str, article_id: str, generation: int) -> list:
    return _open(path).mentions(article_id)


def mentions(article_id: str) -> list:
    return _mentions(db_path(), article_id, generation())


@st.cache_data(show_spinner=False, max_entries=64)
def _prices(path: str, tickers: tuple[str, ...], start: date | None, end: date | None,
            generation: int) -> pd.DataFrame:
    return _open(path).prices_frame(list(tickers), start, end)


def prices(tickers: list[str], start: date | None = None, end: date | None = None) -> pd.DataFrame:
    return _prices(db_path(), tuple(tickers), start, end, generation())


@st.cache_data(show_spinner=False, max_entries=64)
def _coverage(path: str, generation: int) -> list[dict]:
    return _open(path).price_coverage()


def coverage() -> list[dict]:
    return _coverage(db_path(), generation())


@st.cache_data(show_spinner=False, max_entries=64)
def _reviews(path: str, claim_id: str, generation: int) -> list:
    return _open(path).reviews(claim_id)


def reviews(claim_id: str) -> list:
    return _reviews(db_path(), claim_id, generation())


@st.cache_data(show_spinner=False, max_entries=64)
def _user_securities(path: str, generation: int) -> list:
    return _open(path).user_securities()


def user_securities() -> list:
    return _user_securities(db_path(), generation())


# -- writes -----------------------------------------------------------------------------
def add_review(claim_id: str, article_id: str, verdict: str, comment: str, reviewer: str) -> None:
    store().add_review(Review(claim_id=claim_id, article_id=article_id, verdict=verdict,
                              comment=comment.strip(), reviewer=reviewer.strip()))
    changed()


def add_security(security: Security) -> None:
    store().add_security(security)
    changed()


def add_alias(ticker: str, alias: str) -> None:
    store().add_alias(ticker, alias.strip())
    changed()
