"""Securities: the registry with the price coverage of each security; teach it a
new name or a new security; fetch missing prices when online."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from tapecheck.records import SECURITY_KINDS, Security
from tapecheck.ui import data
from tapecheck.ui import claims_view as cv

EXCHANGES = ["XTKS", "XNYS", "XNAS", "XLON", "XETR", "XPAR", "XAMS", "XSWX", "XHKG", "XSHG",
             "XSHE", "XKRX", "XTAI", "XASX", "XTSE", "XBOM", "XSES"]
CURRENCIES = ["JPY", "USD", "EUR", "GBP", "CHF", "HKD", "CNY", "KRW", "TWD", "AUD", "CAD",
              "INR", "SGD"]


@st.cache_data(show_spinner=False, max_entries=4)
def registry_table(path: str, generation: int, _registry) -> pd.DataFrame:
    """One row per security (registry and stored prices), with its coverage."""
    coverage = {r["ticker"]: r for r in data.coverage()}
    names: dict[str, list[str]] = {}
    securities = list(_registry.securities) if _registry is not None else []
    if _registry is not None:
        for alias, ticker in _registry.all_aliases().items():
            names.setdefault(ticker, []).append(alias)
    rows = []
    known = set()
    for sec in securities:
        known.add(sec.ticker)
        rows.append(_row(sec.ticker, sec.name, sec.kind, sec.exchange, sec.currency,
                         sorted(set(names.get(sec.ticker, [])) | set(sec.aliases)),
                         coverage.get(sec.ticker)))
    for ticker, cov in coverage.items():
        if ticker not in known:
            rows.append(_row(ticker, "(not in the registry)", "", "", "", [], cov))
    frame = pd.DataFrame(rows)
    if frame.empty:
        return frame
    return frame.sort_values(["rows", "ticker"], ascending=[False, True],
                             na_position="last").reset_index(drop=True)


def _row(ticker, name, kind, exchange, currency, aliases, cov) -> dict:
    cov = cov or {}
    return {"ticker": ticker, "name": name, "kind": kind, "exchange": exchange,
            "currency": currency, "aliases": ", ".join(aliases[:12]),
            "first": cov.get("first") or "", "last": cov.get("last") or "",
            "rows": cov.get("rows"), "source": cov.get("source") or ""}


def listing(frame: pd.DataFrame) -> None:
    cols = st.columns([4, 1.4])
    query = cols[0].text_input("Search ticker, name or alias", key="sec_search")
    priced = cols[1].toggle("Only with prices", key="sec_priced")
    shown = frame
    if query.strip():
        needle = query.strip().lower()
        shown = shown[shown["ticker"].str.lower().str.contains(needle, regex=False)
                      | shown["name"].str.lower().str.contains(needle, regex=False)
                      | shown["aliases"].str.lower().str.contains(needle, regex=False)]
    if priced:
        shown = shown[shown["rows"].notna()]
    priced_count = int(frame["rows"].notna().sum())
    st.caption(f"{len(shown):,} of {len(frame):,} securities; {priced_count} with stored prices.")
    if not priced_count:
        st.warning(cv.no_prices_note(), icon=":material/cloud_off:")
    st.dataframe(shown, hide_index=True, height=380, width="stretch", column_config={
        "ticker": st.column_config.TextColumn("Ticker", width="small"),
        "name": st.column_config.TextColumn("Name", width="medium"),
        "kind": st.column_config.TextColumn("Kind", width="small"),
        "exchange": st.column_config.TextColumn("Calendar", width="small"),
        "currency": st.column_config.TextColumn("Ccy", width="small"),
        "aliases": st.column_config.TextColumn("Aliases", width="large"),
        "first": st.column_config.TextColumn("First price"),
        "last": st.column_config.TextColumn("Last price"),
        "rows": st.column_config.NumberColumn("Sessions", format="%d"),
        "source": st.column_config.TextColumn("Price source"),
    })


def alias_form(tickers: list[str], registry) -> None:
    with st.form("add_alias", clear_on_submit=True):
        st.markdown("**Teach a name**")
        ticker = st.selectbox("Security", tickers, key="alias_ticker", index=None,
                              placeholder="Choose a ticker")
        alias = st.text_input("Name as articles write it", key="alias_text",
                              placeholder="e.g. Kawaju")
        if st.form_submit_button("Add alias"):
            with cv.guard("Adding the alias"):
                if not ticker or not alias.strip():
                    st.warning("Choose a security and write the name.")
                    return
                before = registry.resolve(alias.strip())[0] if registry is not None else None
                data.add_alias(ticker, alias)
                note = f" (it meant {before} before)" if before and before != ticker else ""
                st.success(f"“{alias.strip()}” now means {ticker}{note}.")


def security_form() -> None:
    with st.form("add_security", clear_on_submit=True):
        st.markdown("**Add a security**")
        c = st.columns(2)
        ticker = c[0].text_input("Yahoo symbol", key="new_ticker", placeholder="9984.T")
        name = c[1].text_input("Name", key="new_name", placeholder="SoftBank Group Corp")
        c = st.columns(3)
        kind = c[0].selectbox("Kind", SECURITY_KINDS, key="new_kind")
        exchange = c[1].selectbox("Exchange calendar", EXCHANGES, key="new_exchange")
        currency = c[2].selectbox("Currency", CURRENCIES, key="new_currency")
        aliases = st.text_input("Other names (comma separated)", key="new_aliases")
        if st.form_submit_button("Add security"):
            with cv.guard("Adding the security"):
                if not ticker.strip() or not name.strip():
                    st.warning("A security needs a symbol and a name.")
                    return
                names = tuple(a.strip() for a in aliases.split(",") if a.strip())
                data.add_security(Security(ticker=ticker.strip(), name=name.strip(), kind=kind,
                                           exchange=exchange, currency=currency, aliases=names))
                st.success(f"Added {ticker.strip()}. Verify articles again to use it.")


def fetch_form(tickers: list[str], missing: list[str]) -> None:
    """Fetch daily prices from Yahoo for chosen securities (online only)."""
    offline = bool(st.session_state.get("offline"))
    st.markdown("**Fetch prices**")
    if missing:
        st.caption("Claims name securities without stored prices: " + ", ".join(missing[:20]))
    if offline:
        st.info("Offline: stored prices only. Switch off *Offline* in the sidebar to fetch "
                "prices from Yahoo Finance.")
    chosen = st.multiselect("Securities", tickers, default=[t for t in missing if t in tickers],
                            key="fetch_tickers")
    span = st.date_input("From – to", value=(date(2024, 6, 1), date.today()), key="fetch_span",
                         format="YYYY-MM-DD")
    if st.button("Fetch missing prices", disabled=offline or not chosen, key="fetch_go"):
        with cv.guard("Fetching prices"):
            from tapecheck.correlate import PriceBook

            start, end = (span if isinstance(span, (tuple, list)) and len(span) == 2
                          else (date(2024, 6, 1), date.today()))
            before = {r["ticker"]: r["rows"] for r in data.store().price_coverage()}
            with st.spinner(f"Fetching {len(chosen)} securities…"):
                PriceBook.ensure(data.store(), chosen, start, end, offline=False)
            data.changed()
            after = {r["ticker"]: r["rows"] for r in data.store().price_coverage()}
            gained = {t: after.get(t, 0) - before.get(t, 0) for t in chosen}
            if any(gained.values()):
                st.success("New sessions: " + ", ".join(f"{t} +{n}" for t, n in gained.items()))
            else:
                st.warning("No new prices: the service returned nothing (offline, unknown "
                           "symbol, or already stored).")


def main() -> None:
    st.title("Securities")
    registry = data.registry()
    if registry is None:
        st.warning("The securities registry is not installed; showing stored prices only.")
    frame = registry_table(data.db_path(), data.generation(), registry)
    if frame.empty:
        st.info("No securities known and no prices stored. Add a security below once the "
                "registry is installed, or import prices with `tapecheck prices import`.")
        return
    listing(frame)
    tickers = frame["ticker"].tolist()
    claims = data.claim_rows()
    priced = set(frame.loc[frame["rows"].notna(), "ticker"])
    missing = sorted({t for t in claims["ticker"].dropna().unique() if t not in priced})
    cols = st.columns(3, gap="medium")
    with cols[0]:
        alias_form(tickers, registry)
    with cols[1]:
        security_form()
    with cols[2]:
        fetch_form(tickers, missing)


main()
