"""Themes: how often each story is told, week by week, beside how its basket
actually moved against the benchmark; and the articles that tell it, each with
its narrative-versus-numbers result. A row clicks through to the article review."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

from tapecheck.correlate import narrative
from tapecheck.nlp.themes import load_taxonomy
from tapecheck.ui import data
from tapecheck.ui.claims_view import plain

MATCH_BADGES = {"matches": "✓ matches", "contradicts": "✗ contradicts", "even": "≈ even",
                "no direction": "· no direction", "unverifiable": "? unverifiable", None: "… not checked"}
DIRECTION_BADGES = {"driver": "▲ driver", "headwind": "▼ headwind", "neutral": "· neutral"}


@st.cache_data(show_spinner=False, max_entries=4)
def _reports(path: str, generation: int) -> list[dict]:
    return narrative.themes_report(data.store())


@st.cache_data(show_spinner=False, max_entries=16)
def _timeline(path: str, theme_id: str, generation: int) -> pd.DataFrame:
    return narrative.timeline(data.store(), theme_id)


def overview(rows: list[dict], themes) -> pd.DataFrame:
    """One line per theme: how many articles tell it and how the stories fared."""
    frame = pd.DataFrame(rows, columns=["theme_id", "match", "article_id"])
    out = []
    for theme in themes:
        told = frame[frame["theme_id"] == theme.id]
        out.append({"theme": theme.label, "articles": len(told),
                    "matches": int((told["match"] == "matches").sum()),
                    "contradicts": int((told["match"] == "contradicts").sum()),
                    "basket": " ".join(theme.basket), "benchmark": theme.benchmark})
    return pd.DataFrame(out)


def timeline_chart(frame: pd.DataFrame, theme, bench_name: str) -> go.Figure:
    """Weekly counts (bars, by direction) over the cumulative basket and benchmark."""
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.38, 0.62],
                        vertical_spacing=0.06,
                        subplot_titles=("Articles telling the theme, per week",
                                        "Cumulative return, equal-weight basket vs benchmark"))
    neutral = frame["articles"] - frame["drivers"] - frame["headwinds"]
    for values, name, colour in ((frame["drivers"], "driver", "#2e7d32"),
                                 (frame["headwinds"], "headwind", "#c62828"),
                                 (neutral, "neutral", "#90a4ae")):
        fig.add_trace(go.Bar(x=frame["week_end"], y=values, name=name, marker_color=colour),
                      row=1, col=1)
    fig.add_trace(go.Scatter(x=frame["week_end"], y=frame["basket_return"], mode="lines+markers",
                             name=f"{theme.label} basket", line=dict(width=2.2, color="#1565c0")),
                  row=2, col=1)
    fig.add_trace(go.Scatter(x=frame["week_end"], y=frame["benchmark_return"], mode="lines",
                             name=bench_name, line=dict(width=1.8, dash="dot", color="#424242")),
                  row=2, col=1)
    fig.update_layout(barmode="stack", height=520, template="plotly_white", hovermode="x unified",
                      margin=dict(l=10, r=10, t=40, b=10), legend=dict(orientation="h", y=-0.08))
    fig.update_yaxes(title_text="articles", row=1, col=1)
    fig.update_yaxes(title_text="% since the first week", row=2, col=1)
    return fig


def article_table(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame([{
        "published": r["published"] or (f"{r['day']} (as-of)" if r.get("day") else "unknown"), "title": r["title"] or r["article_id"][:8],
        "told as": DIRECTION_BADGES.get(r["direction"], r["direction"]), "score": r["score"],
        "narrative vs numbers": MATCH_BADGES.get(r["match"], r["match"]),
        "basket %": r["basket_return"], "benchmark %": r["benchmark_return"],
        "window": r["window_label"] or "", "evidence": r["evidence"],
    } for r in rows])


def open_review(article_id: str) -> None:
    st.session_state["goto_article"] = article_id
    st.switch_page("views/review.py", query_params={"article": article_id})


st.title("Themes")
taxonomy = load_taxonomy()
reports = _reports(data.db_path(), data.generation())
if not reports:
    st.info("No article tells a theme yet. Upload an article (or run `tapecheck demo`) and the "
            "themes it tells appear here, with how their securities really moved.",
            icon=":material/insights:")
    st.stop()

counts = {t.id: sum(r["theme_id"] == t.id for r in reports) for t in taxonomy.themes}
ids = [t.id for t in sorted(taxonomy.themes, key=lambda t: -counts[t.id])]
labels = {t.id: t.label for t in taxonomy.themes}
wanted = st.query_params.get("theme")
if wanted in ids and "theme_pick" not in st.session_state:
    st.session_state["theme_pick"] = wanted
theme_id = st.selectbox("Theme", ids, key="theme_pick",
                        format_func=lambda i: f"{labels[i]}  ·  {counts[i]} articles")
st.query_params["theme"] = theme_id
theme = taxonomy.theme(theme_id)
bench_name = narrative.BENCHMARK_NAMES.get(theme.benchmark, theme.benchmark)
told = [r for r in reports if r["theme_id"] == theme_id]

with st.container(horizontal=True, gap="large"):   # one row that wraps on a phone
    st.metric("Articles", len(told), width="content")
    st.metric("Matches", sum(r["match"] == "matches" for r in told), width="content")
    st.metric("Contradicts", sum(r["match"] == "contradicts" for r in told), width="content")
    st.metric("Basket", f"{len(theme.basket)} securities", help=" ".join(theme.basket),
              width="content")
st.caption(f"Basket: {', '.join(theme.basket)} (equal weight) against {bench_name} ({theme.benchmark}). "
           "A story told as a driver matches when the basket beat the benchmark over the window the "
           "article speaks of (its claims' window, else the month to its as-of); a headwind when it lagged.")

frame = _timeline(data.db_path(), theme_id, data.generation())
if frame.empty or frame["basket_return"].isna().all():
    st.warning(f"No stored prices cover the {theme.label} basket over these weeks; the counts are shown alone.",
               icon=":material/cloud_off:")
if not frame.empty:
    st.plotly_chart(timeline_chart(frame, theme, bench_name), width="stretch", key="theme_chart")
    by_as_of = int(frame["dated_by_as_of"].sum())
    if by_as_of or frame.attrs.get("undated"):
        undated = frame.attrs.get("undated", 0)
        st.caption(f"{by_as_of} article(s) without a publication date are counted in the week of their "
                   "inferred as-of (the last session their claims fit)"
                   + (f"; {undated} with neither date are left out." if undated else "."))

st.subheader("Articles telling this theme")
if told:
    picked = st.dataframe(article_table(told), hide_index=True, width="stretch", key="theme_articles",
                          on_select="rerun", selection_mode="single-row",
                          column_config={"score": st.column_config.NumberColumn(format="%.2f"),
                                         "basket %": st.column_config.NumberColumn(format="%+.1f"),
                                         "benchmark %": st.column_config.NumberColumn(format="%+.1f")})
    rows = picked.selection.rows if picked is not None else []
    if rows:
        open_review(told[rows[0]]["article_id"])
    st.caption("Select a row to open the article review.")
    with st.expander("Narrative-versus-numbers lines"):
        for r in told:
            st.markdown(f"- {plain(r['title'] or r['article_id'][:8])}: {plain(r['summary'])}")
else:
    st.caption("No article tells this theme yet.")

with st.expander("All themes"):
    st.dataframe(overview(reports, taxonomy.themes), hide_index=True, width="stretch")
