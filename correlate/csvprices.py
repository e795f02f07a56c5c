"""Prices from CSV files: a user's own exports and the bundled snapshot.

A file needs ``date`` and ``close``; ``open, high, low, volume, adj_close``
are optional. The ticker comes from a ``ticker`` column or from the file
name, where ``_`` stands for ``^`` (``_N225.csv`` is ``^N225``).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tapecheck.config import data_dir
from tapecheck.correlate.prices import BAR_COLUMNS
from tapecheck.errors import PriceImportError

ALIASES = {"adj close": "adj_close", "adjclose": "adj_close", "adjusted close": "adj_close",
           "symbol": "ticker", "timestamp": "date", "day": "date"}
NUMERIC = ["open", "high", "low", "close", "adj_close", "volume"]


def ticker_from_name(path: Path) -> str:
    """'_N225.csv' -> '^N225', '285A.T.csv' -> '285A.T'."""
    stem = path.name[: -len(".csv")] if path.name.lower().endswith(".csv") else path.stem
    return "^" + stem[1:] if stem.startswith("_") else stem


def read_price_csv(path: str | Path) -> pd.DataFrame:
    """One CSV -> standard bars (ticker, date, open, high, low, close, adj_close, volume)."""
    path = Path(path)
    try:
        frame = pd.read_csv(path, dtype=str, skipinitialspace=True)
    except FileNotFoundError:
        raise PriceImportError(f"{path}: no such file") from None
    except (pd.errors.EmptyDataError, pd.errors.ParserError, UnicodeDecodeError) as error:
        raise PriceImportError(f"{path}: not a readable CSV ({error})") from None
    frame.columns = [ALIASES.get(str(c).strip().lower(), str(c).strip().lower())
                     for c in frame.columns]
    missing = [c for c in ("date", "close") if c not in frame.columns]
    if missing:
        raise PriceImportError(
            f"{path}: missing column(s) {', '.join(missing)}; a price CSV needs at least "
            f"date and close (found: {', '.join(frame.columns) or 'nothing'})")
    if frame.empty:
        raise PriceImportError(f"{path}: the file has a header but no rows")
    if "ticker" not in frame.columns:
        frame["ticker"] = ticker_from_name(path)
    frame["ticker"] = frame["ticker"].fillna("").str.strip()
    if (frame["ticker"] == "").any():
        raise PriceImportError(f"{path}: some rows have an empty ticker")
    dates = pd.to_datetime(frame["date"].str.strip(), errors="coerce", format="mixed")
    bad = frame.loc[dates.isna(), "date"]
    if len(bad):
        raise PriceImportError(f"{path}: row {bad.index[0] + 2} has a date that is not a "
                               f"date: {bad.iloc[0]!r}")
    frame["date"] = dates.dt.tz_localize(None).dt.date if dates.dt.tz is not None \
        else dates.dt.date
    for column in NUMERIC:
        if column not in frame.columns:
            frame[column] = float("nan")
            continue
        text = frame[column].fillna("").str.replace(",", "", regex=False).str.strip()
        values = pd.to_numeric(text.replace("", None), errors="coerce")
        wrong = values.isna() & (text != "") & (text.str.lower() != "nan") & (text != "null")
        if wrong.any():
            row = wrong.idxmax()
            raise PriceImportError(f"{path}: row {row + 2}, column {column} is not a number: "
                                   f"{frame.at[row, column]!r}")
        frame[column] = values.astype("float64")
    if frame["close"].isna().all():
        raise PriceImportError(f"{path}: the close column is empty")
    if (frame["close"] <= 0).any():
        row = (frame["close"] <= 0).idxmax()
        raise PriceImportError(f"{path}: row {row + 2} has a close that is not positive")
    frame = frame.dropna(subset=["close"])
    dup = frame.duplicated(["ticker", "date"], keep=False)
    if dup.any():
        first = frame[dup].iloc[0]
        raise PriceImportError(f"{path}: {first['ticker']} has two rows for {first['date']}")
    return frame[BAR_COLUMNS].sort_values(["ticker", "date"]).reset_index(drop=True)


def _csv_files(paths) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files += sorted(f for f in p.glob("*.csv") if f.name.upper() != "MANIFEST.CSV")
        elif p.exists():
            files.append(p)
        else:
            raise PriceImportError(f"{p}: no such file or folder")
    return files


def import_prices(store, paths, source: str = "csv") -> dict[str, int]:
    """Import CSV files or folders of them into the store. All files are read and
    checked before anything is written, so a bad file loses nothing."""
    frames = [read_price_csv(f) for f in _csv_files(paths if isinstance(paths, (list, tuple))
                                                   else [paths])]
    if not frames:
        return {}
    bars = pd.concat(frames, ignore_index=True)
    counts: dict[str, int] = {}
    with store.transaction():
        store.save_prices(bars, source)
        for ticker, part in bars.groupby("ticker"):
            store.record_fetch(str(ticker), part["date"].min(), part["date"].max(), source,
                               len(part))
            counts[str(ticker)] = len(part)
    return counts


def snapshot_dir() -> Path:
    return data_dir() / "prices"


def load_snapshot(store) -> dict[str, int]:
    """Import the bundled real daily prices (source "snapshot"); cheap to repeat."""
    return import_prices(store, [snapshot_dir()], source="snapshot")
