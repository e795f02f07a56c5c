"""Claims explorer: every claim across articles, filtered, counted and downloadable."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import streamlit as st

from tapecheck.ui import as_of as asof
from tapecheck.ui import data
from tapecheck.ui import claims_view as cv

REVIEWED = ("all", "reviewed", "not reviewed")
# verdict_conditional: the verdict rests on an as-of inferred from the claims themselves
# (as_of_source "inferred"); it holds only if the article is from that date.
EXPORT_COLUMNS = [c for c in data.CLAIM_COLUMNS if c not in ("ordinal",)] + [
    "final_verdict", "verdict_conditional", "as_of_support"]


@st.cache_resource(show_spinner=False, max_entries=2)
def prepared(path: str, generation: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """All claims with the columns the filters need, and the display table, built once
    per database change so filtering is a mask. A resource, not data: a 10,000-row
    frame is shared read-only instead of unpickled on every rerun."""
    frame = data.claim_rows().reset_index(drop=True)
    sources = {r["id"]: r["source"] for r in data.article_rows()}
    frame["final_verdict"] = (frame["review_verdict"].where(frame["review_verdict"].notna(),
                                                             frame["verdict"]).fillna("pending"))
    kinds = {p: cv.period_kind(p) for p in frame["period"].dropna().unique()}
    frame["period_kind"] = frame["period"].map(kinds).fillna("no period")
    day = frame["published_at"].where(frame["published_at"].notna(), frame["as_of"])
    frame["day"] = pd.to_datetime(day.astype("string").str.slice(0, 10), errors="coerce")
    frame["source"] = frame["article_id"].map(sources).fillna("")
    frame["reviewed"] = frame["review_verdict"].notna()
    frame["conditional"] = (frame["as_of_source"].eq("inferred").fillna(False)
                            & frame["verdict"].isin(asof.DATED_VERDICTS))
    shown, _ = cv.table(frame, with_article=True)
    return frame, shown


AS_OF_KINDS = {"published": "publication time", "inferred": "inferred (conditional)",
               "user": "set by the analyst", None: "not set"}


def filters(frame: pd.DataFrame) -> pd.Series:
    """The filter bar (the common three, the rest folded); returns the mask of claims
    that pass."""
    row1 = st.columns([2, 2, 3])
    verdicts = row1[0].multiselect("Verdict", [*cv.VERDICT_CHOICES, "pending"],
                                   format_func=cv.badge, key="ex_verdict",
                                   help="The analyst's verdict where reviewed, else the machine's")
    tickers = sorted(t for t in frame["ticker"].dropna().unique())
    securities = row1[1].multiselect("Security", [*tickers, "(unresolved)"], key="ex_ticker")
    text = row1[2].text_input("Search subject or sentence", key="ex_text")
    days = frame["day"].dropna()
    span = (days.min().date(), days.max().date()) if len(days) else (date.today(), date.today())
    folded = ("ex_period", "ex_source", "ex_as_of")
    active = sum(bool(st.session_state.get(k)) for k in folded) + (
        st.session_state.get("ex_reviewed", "all") != "all") + (
        tuple(st.session_state.get("ex_dates", span)) != span)
    with st.expander("More filters" + (f" ({active} active)" if active else "")):
        row2 = st.columns(3)
        periods = row2[0].multiselect("Period", sorted(frame["period_kind"].unique()),
                                      key="ex_period")
        chosen = row2[1].date_input("Article date", value=span, key="ex_dates",
                                    format="YYYY-MM-DD")
        sources = row2[2].multiselect("Source", sorted(s for s in frame["source"].unique() if s),
                                      key="ex_source")
        row3 = st.columns(3)
        reviewed = row3[0].selectbox("Reviewed", REVIEWED, key="ex_reviewed")
        as_of_kinds = row3[1].multiselect(
            "As-of", list(AS_OF_KINDS), format_func=AS_OF_KINDS.get, key="ex_as_of",
            help="How each article's as-of was chosen; verdicts on an inferred one are "
                 "conditional on it")

    mask = pd.Series(True, index=frame.index)
    if verdicts:
        mask &= frame["final_verdict"].isin(verdicts)
    if securities:
        mask &= frame["ticker"].isin(securities) | (
            frame["ticker"].isna() & ("(unresolved)" in securities))
    if periods:
        mask &= frame["period_kind"].isin(periods)
    if isinstance(chosen, (tuple, list)) and len(chosen) == 2 and len(days):
        start, end = pd.Timestamp(chosen[0]), pd.Timestamp(chosen[1])
        mask &= (frame["day"] >= start) & (frame["day"] <= end)
    if sources:
        mask &= frame["source"].isin(sources)
    if reviewed != "all":
        mask &= frame["reviewed"] == (reviewed == "reviewed")
    if as_of_kinds:
        sources_of = frame["as_of_source"].astype(object).where(frame["as_of_source"].notna(), None)
        mask &= sources_of.isin(as_of_kinds)
    if text.strip():
        needle = text.strip()
        mask &= (frame["entity"].fillna("").str.contains(needle, case=False, regex=False)
                 | frame["sentence"].fillna("").str.contains(needle, case=False, regex=False))
    return mask


def export(frame: pd.DataFrame) -> pd.DataFrame:
    """The filtered claims in the columns of `tapecheck claims`, plus the final verdict."""
    out = frame.reindex(columns=EXPORT_COLUMNS).copy()
    out["verdict_conditional"] = [asof.conditional(v, s) for v, s in
                                  zip(frame["verdict"], frame["as_of_source"])]
    out["as_of_support"] = [asof.support_text(n) if s == "inferred" else "" for n, s in
                            zip(frame["as_of_note"], frame["as_of_source"])]
    out["flags"] = out["flags"].map(lambda f: json.dumps(list(f)) if isinstance(f, (list, tuple)) else f)
    return out


def counts(selected: pd.DataFrame) -> None:
    """Counts by verdict in one row that wraps on a phone (columns would stack)."""
    tally = selected["final_verdict"].value_counts()
    with st.container(horizontal=True, gap="medium"):
        st.metric("Claims", f"{len(selected):,}", width="content")
        for verdict in [*cv.VERDICT_CHOICES, "pending"]:
            st.metric(cv.badge(verdict), f"{int(tally.get(verdict, 0)):,}", width="content")


def main() -> None:
    st.title("Claims explorer")
    frame, shown = prepared(data.db_path(), data.generation())
    if frame.empty:
        cv.first_steps("No claims yet: every claim of every article appears here.",
                       bool(data.coverage()))
        return
    mask = filters(frame)
    selected = frame[mask]
    counts(selected)
    conditional = int(selected["conditional"].sum())
    if conditional:
        st.warning(f"{conditional:,} of these verdicts rest on an as-of inferred from the claims "
                   "themselves (marked “if as of … (inferred)”): each holds only if its article "
                   "is from that date. Open the article and set its real date to check them for "
                   "real.", icon=":material/warning:")
    _, config = cv.table(frame.iloc[0:0], with_article=True)
    event = st.dataframe(shown[mask.to_numpy()], column_config=config, hide_index=True,
                         height=460, width="stretch", on_select="rerun",
                         selection_mode="single-row", key="ex_table")
    picked = event.selection.rows if event is not None else []
    if picked and picked[0] < len(selected):
        row = selected.iloc[picked[0]]
        if st.button(f"Open “{row['article_title'] or row['article_id'][:8]}” for review",
                     icon=":material/fact_check:", key="ex_open"):
            st.session_state["goto_article"] = row["article_id"]
            st.session_state[f"claim-{row['article_id']}"] = row["claim_id"]
            st.switch_page("views/review.py", query_params={"article": row["article_id"]})
    # Built when clicked, not on every rerun: 10,000 rows take most of a second.
    cols = st.columns([1, 1, 6])
    cols[0].download_button("CSV", lambda: export(selected).to_csv(index=False),
                            file_name="tapecheck-claims.csv", mime="text/csv",
                            icon=":material/download:", on_click="ignore", key="ex_csv")
    cols[1].download_button(
        "JSON", lambda: export(selected).to_json(orient="records", indent=1, date_format="iso"),
        file_name="tapecheck-claims.json", mime="application/json",
        icon=":material/download:", on_click="ignore", key="ex_json")
    cols[2].caption(f"{len(selected):,} of {len(frame):,} claims. Open an article on the "
                    "review page to see its evidence and record a review.")


main()
