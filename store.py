"""The embedded SQLite store: every write goes through here.

One file, WAL mode and a busy timeout so the app and the CLI can write at the
same time. Derived rows (mentions, claims, verifications, theme scores) are
replaced wholesale when a stage re-runs; analyst reviews are never deleted.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from contextlib import contextmanager
from dataclasses import asdict, fields
from datetime import date, datetime
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd
import sqlite_utils

from tapecheck import config
from tapecheck.errors import NotFound
from tapecheck.records import (
    Article, Claim, Mention, Review, Security, ThemeScore, Verification, now_utc,
)

BUSY_TIMEOUT_MS = 30_000

SCHEMA: dict[str, tuple[dict, dict]] = {
    # table: (columns, options)
    "articles": (
        {"id": str, "source": str, "url": str, "title": str, "published_at": str,
         "language": str, "text": str, "ingested_at": str, "path": str, "flags": str,
         "as_of": str, "as_of_source": str, "as_of_note": str},
        {"pk": "id"},
    ),
    "mentions": (
        {"article_id": str, "start": int, "end": int, "text": str, "ticker": str,
         "confidence": float},
        {"pk": ("article_id", "start", "end")},
    ),
    "claims": (
        {"id": str, "article_id": str, "ordinal": int, "start": int, "end": int,
         "sentence_start": int, "sentence_end": int, "sentence": str, "entity": str,
         "ticker": str, "metric": str, "value": float, "qualifier": str, "period": str,
         "period_source": str, "period_text": str, "precision": float, "figure_text": str,
         "partner_ticker": str, "partner_entity": str, "flags": str},
        {"pk": "id"},
    ),
    "verifications": (
        {"claim_id": str, "article_id": str, "verdict": str, "reason": str, "as_of": str,
         "as_of_source": str, "window_start": str, "window_end": str, "start_close": float,
         "end_close": float, "actual": float, "tolerance_low": float,
         "tolerance_high": float, "price_source": str, "fetched_at": str,
         "alternative": str},
        {"pk": "claim_id"},
    ),
    "reviews": (
        {"id": int, "claim_id": str, "article_id": str, "verdict": str, "comment": str,
         "reviewer": str, "reviewed_at": str},
        {"pk": "id"},
    ),
    "prices": (
        {"ticker": str, "date": str, "open": float, "high": float, "low": float,
         "close": float, "adj_close": float, "volume": float, "source": str,
         "fetched_at": str},
        {"pk": ("ticker", "date")},
    ),
    "price_fetches": (
        {"ticker": str, "start": str, "end": str, "source": str, "fetched_at": str,
         "rows": int},
        {"pk": ("ticker", "start", "end")},
    ),
    "securities": (
        {"ticker": str, "name": str, "kind": str, "exchange": str, "currency": str,
         "sector": str, "aliases": str},
        {"pk": "ticker"},
    ),
    "aliases": ({"alias": str, "ticker": str}, {"pk": "alias"}),
    "theme_scores": (
        {"article_id": str, "theme_id": str, "sentence_start": int, "sentence_end": int,
         "score": float, "evidence": str, "direction": str, "tickers": str},
        {},
    ),
    "narratives": ({"article_id": str, "theme_id": str, "data": str}, {}),
    "feeds": (
        {"url": str, "title": str, "added_at": str, "last_polled": str, "etag": str,
         "modified": str},
        {"pk": "url"},
    ),
    "feed_items": (
        {"feed_url": str, "item_url": str, "article_id": str, "seen_at": str},
        {"pk": ("feed_url", "item_url")},
    ),
    # Sentence vectors of the themes stage, so a re-run does not re-embed.
    "embeddings": ({"key": str, "model": str, "dim": int, "vector": bytes}, {"pk": "key"}),
}

INDEXES = {
    "claims": [["article_id"], ["ticker"]],
    "verifications": [["article_id"]],
    "reviews": [["claim_id"], ["article_id"]],
    "theme_scores": [["article_id"], ["theme_id"]],
    "narratives": [["article_id"], ["theme_id"]],
}


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def _moment(value: str | None) -> datetime | date | None:
    """ISO text back to what it was: a date if it was written as one."""
    if not value:
        return None
    return date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value)


def _tuple(value: str | None) -> tuple:
    return tuple(json.loads(value)) if value else ()


class Store:
    """A tapecheck database. Open with ``Store.open(path)``."""

    def __init__(self, path: Path):
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000,
                               check_same_thread=False, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        self.db = sqlite_utils.Database(conn)
        self._depth = threading.local()
        self._lock = threading.RLock()
        self._migrate()

    @classmethod
    def open(cls, path: str | Path | None = None) -> "Store":
        return cls(config.db_path(path))

    def close(self) -> None:
        self.db.conn.close()

    # -- schema ---------------------------------------------------------------
    def _migrate(self) -> None:
        if self.db.journal_mode != "wal":
            self.db.enable_wal()
        # The usual setting with WAL: still atomic and consistent after a crash; an OS
        # crash can lose the last transactions, which a re-run recomputes. A synced
        # commit per article was over half the wall time of large runs (bench/README.md).
        self.db.conn.execute("PRAGMA synchronous = NORMAL")
        with self.transaction():
            for name, (columns, options) in SCHEMA.items():
                table = self.db[name]
                if not table.exists():
                    table.create(columns, **options)
                else:
                    missing = {c: t for c, t in columns.items() if c not in table.columns_dict}
                    for column, kind in missing.items():
                        table.add_column(column, kind)
            for name, indexes in INDEXES.items():
                for cols in indexes:
                    self.db[name].create_index(cols, if_not_exists=True)
        if not self.db["articles"].detect_fts():
            self.db["articles"].enable_fts(["title", "text"], create_triggers=True)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic unit of work; nested calls join the outermost one."""
        with self._lock:
            depth = getattr(self._depth, "n", 0)
            if depth == 0:
                self.db.conn.execute("BEGIN IMMEDIATE")
            self._depth.n = depth + 1
            try:
                yield
            except BaseException:
                self._depth.n = depth
                if depth == 0:
                    self.db.conn.execute("ROLLBACK")
                raise
            self._depth.n = depth
            if depth == 0:
                self.db.conn.execute("COMMIT")

    # -- articles -------------------------------------------------------------
    def add_article(self, article: Article) -> bool:
        """Store an article once; the same text again changes nothing."""
        with self.transaction():
            if self.has_article(article.id):
                return False
            row = asdict(article)
            row["published_at"] = _iso(article.published_at)
            row["ingested_at"] = _iso(article.ingested_at)
            row["flags"] = json.dumps(list(article.flags))
            self.db["articles"].insert(row)
            return True

    def has_article(self, article_id: str) -> bool:
        return bool(self.db.execute(
            "select 1 from articles where id = ?", [article_id]).fetchone())

    def article(self, article_id: str) -> Article:
        rows = list(self.db["articles"].rows_where("id = ?", [article_id]))
        if not rows:
            rows = list(self.db["articles"].rows_where("id like ?", [article_id + "%"]))
        if len(rows) != 1:
            raise NotFound(f"no article with id {article_id!r}: `tapecheck claims` lists the ids")
        return self._article(rows[0])

    def articles(self) -> list[Article]:
        return [self._article(r) for r in self.db["articles"].rows_where(
            order_by="published_at desc, ingested_at desc")]

    def article_rows(self) -> list[dict]:
        """Article list without the text, with as-of and claim counts, for tables."""
        return list(self.db.query(
            """select a.id, a.title, a.source, a.url, a.path, a.published_at, a.language,
                      a.ingested_at, a.as_of, a.as_of_source, a.as_of_note, a.flags,
                      count(c.id) as claims
               from articles a left join claims c on c.article_id = a.id
               group by a.id order by coalesce(a.published_at, a.ingested_at) desc"""))

    @staticmethod
    def _article(row: dict) -> Article:
        names = {f.name for f in fields(Article)}
        data = {k: v for k, v in row.items() if k in names}
        data["published_at"] = _moment(row["published_at"])
        data["ingested_at"] = datetime.fromisoformat(row["ingested_at"])
        data["flags"] = _tuple(row["flags"])
        return Article(**data)

    def set_as_of(self, article_id: str, as_of: date | None, source: str | None,
                  note: str = "") -> None:
        self.db["articles"].update(article_id, {
            "as_of": _iso(as_of), "as_of_source": source, "as_of_note": note})

    def search(self, query: str, limit: int = 50) -> list[dict]:
        return list(self.db["articles"].search(query, columns=["id", "title"], limit=limit))

    # -- extraction -----------------------------------------------------------
    def save_extraction(self, article_id: str, mentions: Iterable[Mention],
                        claims: Iterable[Claim]) -> None:
        """Replace the article's mentions and claims (and so its verifications)."""
        with self.transaction():
            for table in ("mentions", "claims", "verifications"):
                self.db[table].delete_where("article_id = ?", [article_id])
            self.db["mentions"].insert_all(
                (asdict(m) for m in mentions), replace=True)
            rows = []
            for ordinal, claim in enumerate(claims):
                row = asdict(claim)
                row.update(id=claim.id, ordinal=ordinal, flags=json.dumps(list(claim.flags)))
                rows.append(row)
            self.db["claims"].insert_all(rows, replace=True)

    def claims(self, article_id: str | None = None) -> list[Claim]:
        where, args = ("article_id = ?", [article_id]) if article_id else (None, None)
        names = {f.name for f in fields(Claim)}
        out = []
        for row in self.db["claims"].rows_where(where, args, order_by="article_id, ordinal"):
            data = {k: v for k, v in row.items() if k in names}
            data["flags"] = _tuple(row["flags"])
            out.append(Claim(**data))
        return out

    def mentions(self, article_id: str) -> list[Mention]:
        return [Mention(**r) for r in self.db["mentions"].rows_where(
            "article_id = ?", [article_id], order_by="start")]

    def save_verifications(self, article_id: str,
                           verifications: Iterable[Verification]) -> None:
        with self.transaction():
            self.db["verifications"].delete_where("article_id = ?", [article_id])
            rows = []
            for v in verifications:
                row = {k: (_iso(x) if isinstance(x, (date, datetime)) else x)
                       for k, x in asdict(v).items()}
                row["article_id"] = article_id
                rows.append(row)
            self.db["verifications"].insert_all(rows, replace=True)

    def verifications(self, article_id: str | None = None) -> dict[str, Verification]:
        where, args = ("article_id = ?", [article_id]) if article_id else (None, None)
        out = {}
        for row in self.db["verifications"].rows_where(where, args):
            row.pop("article_id")
            for key in ("as_of", "window_start", "window_end"):
                row[key] = _date(row[key])
            row["fetched_at"] = _moment(row["fetched_at"])
            out[row["claim_id"]] = Verification(**row)
        return out

    def claim_rows(self, article_id: str | None = None) -> list[dict]:
        """Claims joined with their verification and latest review: the contract of
        ``tapecheck claims --format json`` and the app's tables."""
        where = "where c.article_id = :a" if article_id else ""
        sql = f"""
            select c.article_id, c.id as claim_id, c.ordinal, c.sentence, c.entity, c.ticker,
                   c.metric, c.value, c.qualifier, c.period, c.period_source, c.period_text,
                   c.figure_text, c.partner_ticker, c.partner_entity, c.flags, c.start, c.end,
                   c.sentence_start, c.sentence_end, c.precision,
                   v.as_of, v.as_of_source, v.window_start, v.window_end, v.start_close,
                   v.end_close, v.actual, v.tolerance_low, v.tolerance_high, v.verdict,
                   v.reason, v.alternative, v.price_source,
                   r.verdict as review_verdict, r.comment as review_comment,
                   r.reviewer, r.reviewed_at,
                   a.title as article_title, a.published_at
            from claims c
            join articles a on a.id = c.article_id
            left join verifications v on v.claim_id = c.id
            left join (select * from reviews where id in
                       (select max(id) from reviews group by claim_id)) r on r.claim_id = c.id
            {where}
            order by coalesce(a.published_at, a.ingested_at) desc, c.article_id, c.ordinal"""
        rows = list(self.db.query(sql, {"a": article_id} if article_id else {}))
        for row in rows:
            row["flags"] = list(_tuple(row["flags"]))
        return rows

    # -- reviews --------------------------------------------------------------
    def add_review(self, review: Review) -> None:
        row = asdict(review)
        row["reviewed_at"] = _iso(review.reviewed_at)
        with self.transaction():
            self.db["reviews"].insert(row)

    def reviews(self, claim_id: str | None = None) -> list[Review]:
        where, args = ("claim_id = ?", [claim_id]) if claim_id else (None, None)
        out = []
        for row in self.db["reviews"].rows_where(where, args, order_by="id"):
            row.pop("id")
            row["reviewed_at"] = datetime.fromisoformat(row["reviewed_at"])
            out.append(Review(**row))
        return out

    # -- prices ---------------------------------------------------------------
    def save_prices(self, frame: pd.DataFrame, source: str) -> int:
        """Upsert daily bars; columns ticker, date, close [, open, high, low, volume,
        adj_close]. Returns the number of rows written."""
        if frame.empty:
            return 0
        fetched = _iso(now_utc())
        cols = ["ticker", "date", "open", "high", "low", "close", "adj_close", "volume"]
        data = frame.reindex(columns=cols).copy()
        data["date"] = pd.to_datetime(data["date"]).dt.strftime("%Y-%m-%d")
        data = data.astype(object).where(data.notna(), None)
        rows = [dict(zip(cols, values), source=source, fetched_at=fetched)
                for values in data.itertuples(index=False, name=None)]
        with self.transaction():
            self.db["prices"].insert_all(rows, replace=True, batch_size=2000)
        return len(rows)

    def prices_frame(self, tickers: Iterable[str] | None = None, start: date | None = None,
                     end: date | None = None) -> pd.DataFrame:
        clauses, args = [], []
        if tickers is not None:
            tickers = list(tickers)
            if not tickers:
                return pd.DataFrame(columns=["ticker", "date", "open", "high", "low", "close",
                                             "adj_close", "volume", "source", "fetched_at"])
            clauses.append(f"ticker in ({','.join('?' * len(tickers))})")
            args += tickers
        if start:
            clauses.append("date >= ?")
            args.append(start.isoformat())
        if end:
            clauses.append("date <= ?")
            args.append(end.isoformat())
        where = ("where " + " and ".join(clauses)) if clauses else ""
        frame = pd.read_sql_query(
            f"select ticker, date, open, high, low, close, adj_close, volume, source, "
            f"fetched_at from prices {where} order by ticker, date", self.db.conn, params=args)
        frame["date"] = pd.to_datetime(frame["date"]).dt.date
        return frame

    def record_fetch(self, ticker: str, start: date, end: date, source: str,
                     rows: int) -> None:
        self.db["price_fetches"].insert(
            {"ticker": ticker, "start": _iso(start), "end": _iso(end), "source": source,
             "fetched_at": _iso(now_utc()), "rows": rows}, replace=True)

    def fetched_ranges(self, ticker: str) -> list[tuple[date, date, str]]:
        return [(_date(r["start"]), _date(r["end"]), r["source"]) for r in
                self.db["price_fetches"].rows_where("ticker = ?", [ticker], order_by="start")]

    def price_coverage(self) -> list[dict]:
        return list(self.db.query(
            """select ticker, min(date) as first, max(date) as last, count(*) as rows,
                      group_concat(distinct source) as source
               from prices group by ticker order by ticker"""))

    # -- securities added by users -------------------------------------------
    def add_security(self, security: Security) -> None:
        row = asdict(security)
        row["aliases"] = json.dumps(list(security.aliases))
        with self.transaction():
            self.db["securities"].upsert(row, pk="ticker")

    def add_alias(self, ticker: str, alias: str) -> None:
        with self.transaction():
            self.db["aliases"].upsert({"alias": alias, "ticker": ticker}, pk="alias")

    def user_securities(self) -> list[Security]:
        out = []
        for row in self.db["securities"].rows:
            row["aliases"] = _tuple(row["aliases"])
            out.append(Security(**row))
        return out

    def user_aliases(self) -> list[tuple[str, str]]:
        return [(r["alias"], r["ticker"]) for r in self.db["aliases"].rows]

    # -- themes ---------------------------------------------------------------
    def save_theme_scores(self, article_id: str, scores: Iterable[ThemeScore]) -> None:
        rows = []
        for score in scores:
            row = asdict(score)
            row["tickers"] = json.dumps(list(score.tickers))
            rows.append(row)
        with self.transaction():
            self.db["theme_scores"].delete_where("article_id = ?", [article_id])
            self.db["theme_scores"].insert_all(rows)

    def theme_scores(self, article_id: str | None = None) -> list[ThemeScore]:
        where, args = ("article_id = ?", [article_id]) if article_id else (None, None)
        out = []
        for row in self.db["theme_scores"].rows_where(where, args):
            row["tickers"] = _tuple(row["tickers"])
            out.append(ThemeScore(**row))
        return out

    def save_narratives(self, article_id: str, rows: Iterable[dict]) -> None:
        with self.transaction():
            self.db["narratives"].delete_where("article_id = ?", [article_id])
            self.db["narratives"].insert_all(
                {"article_id": article_id, "theme_id": r.get("theme_id"),
                 "data": json.dumps(r, default=str)} for r in rows)

    def narratives(self, article_id: str | None = None,
                   theme_id: str | None = None) -> list[dict]:
        clauses, args = [], []
        if article_id:
            clauses.append("article_id = ?")
            args.append(article_id)
        if theme_id:
            clauses.append("theme_id = ?")
            args.append(theme_id)
        where = " and ".join(clauses) or None
        return [dict(json.loads(r["data"]), article_id=r["article_id"])
                for r in self.db["narratives"].rows_where(where, args or None)]

    # -- sentence embeddings (themes stage) ----------------------------------
    def get_embeddings(self, keys: list[str], model: str) -> dict[str, "np.ndarray"]:
        """Stored vectors of ``model`` for the given sentence keys."""
        import numpy as np

        found = {}
        for begin in range(0, len(keys), 500):
            chunk = keys[begin:begin + 500]
            marks = ",".join("?" * len(chunk))
            for key, dim, blob in self.db.execute(
                    f"select key, dim, vector from embeddings where model = ? and key in ({marks})",
                    [model, *chunk]).fetchall():
                vector = np.frombuffer(blob, dtype=np.float32)
                if vector.size == dim:
                    found[key] = vector
        return found

    def put_embeddings(self, items: Iterable[tuple[str, "np.ndarray"]], model: str) -> None:
        """Store sentence vectors (float32) computed with ``model``."""
        import numpy as np

        rows = [{"key": key, "model": model, "dim": int(np.asarray(v).size),
                 "vector": np.asarray(v, dtype=np.float32).tobytes()} for key, v in items]
        if rows:
            with self.transaction():
                self.db["embeddings"].upsert_all(rows, pk="key")
