"""Importing prices from CSV files and the bundled snapshot."""

from datetime import date

import pytest

from tapecheck.correlate import import_prices, load_snapshot, read_price_csv
from tapecheck.errors import PriceImportError
from tapecheck.store import Store


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_ticker_from_file_name(tmp_path):
    n225 = read_price_csv(write(tmp_path / "_N225.csv", "date,close\n2026-02-13,56941.97\n"))
    kioxia = read_price_csv(write(tmp_path / "285A.T.csv", "date,close\n2026-02-13,22845\n"))
    assert n225["ticker"].tolist() == ["^N225"]
    assert kioxia["ticker"].tolist() == ["285A.T"]
    assert kioxia["date"].tolist() == [date(2026, 2, 13)]


def test_ticker_column_and_optional_columns(tmp_path):
    frame = read_price_csv(write(tmp_path / "mixed.csv",
                                 "Date,Ticker,Close,Adj Close,Volume\n"
                                 "2026-02-12,NVDA,186.94,186.9,1\n2026-02-13,NVDA,182.81,182.8,\n"))
    assert frame["ticker"].unique().tolist() == ["NVDA"]
    assert frame["adj_close"].tolist() == [186.9, 182.8]
    assert frame["open"].isna().all()


@pytest.mark.parametrize("text, message", [
    ("when,price\n2026-02-13,1\n", "missing column(s) date, close"),
    ("date,close\n", "no rows"),
    ("date,close\nyesterday,5\n", "not a date"),
    ("date,close\n2026-02-13,abc\n", "not a number"),
    ("date,close\n2026-02-13,-4\n", "not positive"),
    ("date,close\n2026-02-13,4\n2026-02-13,5\n", "two rows for 2026-02-13"),
])
def test_bad_files_get_a_clear_error(tmp_path, text, message):
    with pytest.raises(PriceImportError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_price_csv(write(tmp_path / "X.csv", text))


def test_a_bad_file_in_a_folder_loses_nothing(tmp_path):
    write(tmp_path / "GOOD.csv", "date,close\n2026-02-13,10\n")
    write(tmp_path / "BAD.csv", "date,close\n2026-02-13,oops\n")
    store = Store.open(tmp_path / "t.db")
    with pytest.raises(PriceImportError, match="BAD.csv"):
        import_prices(store, [tmp_path])
    assert store.price_coverage() == []


def test_import_folder_records_the_range(tmp_path):
    write(tmp_path / "AAA.csv", "date,close\n2026-02-12,10\n2026-02-13,11\n")
    store = Store.open(tmp_path / "t.db")
    assert import_prices(store, [tmp_path]) == {"AAA": 2}
    assert store.fetched_ranges("AAA") == [(date(2026, 2, 12), date(2026, 2, 13), "csv")]


def test_snapshot_loads_every_bundled_series(tmp_path):
    store = Store.open(tmp_path / "t.db")
    counts = load_snapshot(store)
    assert counts["^N225"] == 515 and counts["285A.T"] == 384
    assert "MANIFEST" not in " ".join(counts)
    assert load_snapshot(store) == counts  # repeatable, no duplicates
    frame = store.prices_frame(["^N225"])
    assert len(frame) == 515 and set(frame["source"]) == {"snapshot"}
