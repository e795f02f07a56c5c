"""Shared fixtures: one real SQLite store holding the bundled snapshot, per session."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tapecheck.correlate import PriceBook, load_snapshot
from tapecheck.records import Claim
from tapecheck.store import Store

BENCH = Path(__file__).resolve().parents[2] / "bench" / "verify_bench.py"


@pytest.fixture(scope="session")
def snapshot_store(tmp_path_factory):
    store = Store.open(tmp_path_factory.mktemp("prices") / "snapshot.db")
    load_snapshot(store)
    yield store
    store.close()


@pytest.fixture(scope="session")
def book(snapshot_store) -> PriceBook:
    return PriceBook.from_store(snapshot_store)


@pytest.fixture(scope="session")
def verify_bench():
    spec = importlib.util.spec_from_file_location("verify_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def claim(entity: str, ticker: str | None, value: float | None, period: str = "ytd",
          metric: str = "price_return", qualifier: str = "exact", precision: float = 1.0,
          partner: str | None = None, flags: tuple[str, ...] = (), figure: str = "",
          article_id: str = "test", start: int = 0, period_source: str = "sentence") -> Claim:
    """A claim as the NLP stage would hand it over."""
    return Claim(article_id=article_id, start=start, end=start + 10, sentence_start=start,
                 sentence_end=start + 20, sentence=f"{entity} {figure or value} {period}",
                 entity=entity, ticker=ticker, metric=metric, value=value, qualifier=qualifier,
                 period=period, period_source=period_source, precision=precision,
                 figure_text=figure, partner_ticker=partner, partner_entity=partner,
                 flags=flags)
