"""The registry: names as articles write them -> Yahoo tickers on the right exchange."""

import pytest

from tapecheck.errors import ConfigError
from tapecheck.nlp.registry import base_names, load_registry
from tapecheck.records import Security


@pytest.mark.parametrize("surface, ticker", [
    ("Kioxia", "285A.T"), ("Kioxia Holdings", "285A.T"), ("JX Advanced Metals", "5016.T"),
    ("Kawasaki Heavy", "7012.T"), ("IHI Corp", "7013.T"), ("Nikkei", "^N225"),
    ("Nikkei Stock Average", "^N225"), ("TOPIX", "^TOPX"), ("S&P 500", "^GSPC"), ("Dow", "^DJI"),
    ("Tokyo Electron", "8035.T"), ("Nvidia", "NVDA"), ("SoftBank Group", "9984.T"),
    ("Kioxia's", "285A.T"), ("DAX", "^GDAXI"), ("FTSE 100", "^FTSE"), ("CAC 40", "^FCHI"),
])
def test_known_names_resolve_exactly(registry, surface, ticker):
    assert registry.resolve(surface) == (ticker, 1.0)


def test_near_misses_resolve_with_lower_confidence(registry):
    ticker, confidence = registry.resolve("Kioxa Holdings")
    assert ticker == "285A.T" and 0.88 <= confidence < 1.0


def test_unknown_names_stay_unknown(registry):
    assert registry.resolve("Zentrix Robotics") == (None, 0.0)


@pytest.mark.parametrize("ticker, exchange, currency", [
    ("7203.T", "XTKS", "JPY"), ("^N225", "XTKS", "JPY"), ("^TOPX", "XTKS", "JPY"), ("NVDA", "XNYS", "USD"),
    ("^GSPC", "XNYS", "USD"), ("^FTSE", "XLON", "GBP"), ("^GDAXI", "XETR", "EUR"), ("^HSI", "XHKG", "HKD"),
    ("285A.T", "XTKS", "JPY"), ("SAP.DE", "XETR", "EUR"),
])
def test_every_security_trades_on_its_own_calendar(registry, ticker, exchange, currency):
    s = registry.get(ticker)
    assert (s.exchange, s.currency) == (exchange, currency)


def test_index_members_come_from_pytickersymbols(registry):
    assert len(registry.securities) > 1000
    assert registry.get("7974.T").kind == "equity"
    assert registry.get("^N225").kind == "index"


def test_legal_suffixes_are_dropped_for_aliases():
    assert "IHI" in base_names("IHI Corporation")
    assert "IHI Corp" in base_names("IHI Corporation")
    assert "Resona" in base_names("Resona Holdings")


def test_users_add_securities_and_aliases():
    reg = load_registry(extra=[Security("9999.T", "Zentrix Robotics", exchange="XTKS", currency="JPY")],
                        extra_aliases=[("Zentrix", "9999.T")])
    assert reg.resolve("Zentrix")[0] == "9999.T"
    assert reg.resolve("Zentrix Robotics")[0] == "9999.T"
    assert reg.get("9999.T").exchange == "XTKS"


def test_user_data_file_is_read(tmp_path, monkeypatch):
    (tmp_path / "securities.csv").write_text("ticker,name,kind,exchange,currency,sector,aliases\n"
                                             "4444.T,Hoshino Widgets,equity,,,,Hoshino\n")
    monkeypatch.setenv("TAPECHECK_HOME", str(tmp_path))
    reg = load_registry(extra_aliases=[("HW", "4444.T")])
    assert reg.resolve("Hoshino")[0] == "4444.T"
    assert (reg.get("4444.T").exchange, reg.get("4444.T").currency) == ("XTKS", "JPY")


def test_alias_to_an_unknown_ticker_is_a_clear_error():
    with pytest.raises(ConfigError, match="not in the registry"):
        load_registry(extra_aliases=[("Nowhere", "NOPE.T")])


def test_default_registry_is_built_once(registry):
    assert load_registry() is registry


def test_the_same_additions_reuse_one_registry():
    add = [Security("9998.T", "Hoshino Robotics", exchange="XTKS", currency="JPY")]
    assert load_registry(extra=add) is load_registry(extra=list(add))
