"""The securities page: coverage per security, search, aliases, new securities,
fetching missing prices (the Yahoo HTTP edge stubbed with data of its real shape)."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import no_errors, open_app

import seed
from tapecheck import config
from tapecheck.store import Store


def listing(at) -> pd.DataFrame:
    return at.dataframe[0].value


def test_shows_price_coverage_per_security(seeded):
    at = open_app("securities")
    no_errors(at)
    table = listing(at).set_index("ticker")
    real = pd.read_csv(config.data_dir() / "prices" / "7203.T.csv")
    assert table.loc["7203.T", "first"] == real["date"].iloc[0]
    assert table.loc["7203.T", "last"] == real["date"].iloc[-1]
    assert table.loc["7203.T", "rows"] == len(real)
    assert table.loc["7203.T", "source"] == "csv"


def test_search_finds_a_security_by_name(seeded):
    at = open_app("securities")
    at.text_input(key="sec_search").input("advantest").run()
    assert "6857.T" in set(listing(at)["ticker"])
    assert "7203.T" not in set(listing(at)["ticker"])


def test_alias_and_security_added_from_the_page_reach_the_registry(seeded):
    store, _ = seeded
    at = open_app("securities")
    at.selectbox(key="alias_ticker").set_value("7012.T")
    at.text_input(key="alias_text").input("Kawaju")
    at.button(key="FormSubmitter:add_alias-Add alias").click().run()
    no_errors(at)
    assert ("Kawaju", "7012.T") in store.user_aliases()

    at.text_input(key="new_ticker").input("9984.T")
    at.text_input(key="new_name").input("SoftBank Group Corp")
    at.selectbox(key="new_exchange").set_value("XTKS")
    at.selectbox(key="new_currency").set_value("JPY")
    at.text_input(key="new_aliases").input("SoftBank, SBG")
    at.button(key="FormSubmitter:add_security-Add security").click().run()
    no_errors(at)
    [added] = store.user_securities()
    assert (added.ticker, added.exchange, added.aliases) == ("9984.T", "XTKS", ("SoftBank", "SBG"))
    from tapecheck.orchestrate import registry_for
    assert registry_for(store).resolve("Kawaju")[0] == "7012.T"
    at.text_input(key="sec_search").input("softbank").run()
    assert "9984.T" in set(listing(at)["ticker"])


def test_offline_fetch_is_refused_with_a_clear_message(seeded):
    at = open_app("securities")
    assert at.toggle(key="offline").value is True
    assert any("Offline" in i.value for i in at.info)
    assert at.button(key="fetch_go").disabled


@pytest.fixture
def without_mu(tmp_path, monkeypatch):
    path = tmp_path / "fetch.db"
    monkeypatch.setenv("TAPECHECK_DB", str(path))
    monkeypatch.setenv("TAPECHECK_OFFLINE", "1")
    store = Store.open(path)
    seed.load_prices(store, ["7203.T"])
    yield store
    store.close()


def yahoo_frame(tickers, start, end, **_) -> pd.DataFrame:
    """What yf.download returns: wide, columns (Price, Ticker), dates as index."""
    parts = {}
    for ticker in tickers:
        bars = pd.read_csv(config.data_dir() / "prices" / f"{ticker}.csv", parse_dates=["date"])
        bars = bars[(bars["date"] >= pd.Timestamp(start)) & (bars["date"] < pd.Timestamp(end))]
        bars = bars.set_index("date").rename(columns=str.title)
        bars["Adj Close"] = bars["Close"]
        parts[ticker] = bars[["Adj Close", "Close", "High", "Low", "Open", "Volume"]]
    wide = pd.concat(parts, axis=1).swaplevel(0, 1, axis=1)
    wide.columns.names = ["Price", "Ticker"]
    wide.index.name = "Date"
    return wide


def test_online_fetch_stores_the_missing_prices(without_mu, monkeypatch):
    import yfinance

    monkeypatch.setattr(yfinance, "download", yahoo_frame)
    at = open_app("securities")
    at.toggle(key="offline").set_value(False).run()
    at.multiselect(key="fetch_tickers").select("MU").run()
    at.button(key="fetch_go").click().run()
    no_errors(at)
    coverage = {r["ticker"]: r for r in without_mu.price_coverage()}
    assert coverage["MU"]["source"] == "yahoo" and coverage["MU"]["rows"] > 400
    assert any("MU +" in s.value for s in at.success)
