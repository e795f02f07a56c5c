"""The evidence chart for one claim: the security's closes around the window,
the two closes the verdict was computed from, and claimed versus real move."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go

from tapecheck.ui.claims_view import actual_text, claimed_text, effective_verdict, shown_verdict
from tapecheck.ui.highlight import VERDICT_COLOURS


def chart_range(row) -> tuple[date | None, date | None]:
    """Dates to load: the window with a margin of a third of its length (at least
    three weeks) on each side; or the weeks around the as-of when there is no window."""
    start, end = _day(row.get("window_start")), _day(row.get("window_end"))
    if end is None:
        as_of = _day(row.get("as_of"))
        if as_of is None:
            return None, None
        return as_of - timedelta(days=120), as_of + timedelta(days=21)
    start = start or end
    margin = max(timedelta(days=21), (end - start) / 3)
    return start - margin, end + margin


def _day(value) -> date | None:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def claim_chart(row, prices: pd.DataFrame, height: int = 320) -> go.Figure:
    """Closes of the subject (and its partner, rebased, for relative claims)."""
    verdict = effective_verdict(row)
    colour = VERDICT_COLOURS.get(verdict, VERDICT_COLOURS["pending"])
    ticker, partner = row.get("ticker"), row.get("partner_ticker")
    relative = isinstance(partner, str) and bool(partner)
    start, end = _day(row.get("window_start")), _day(row.get("window_end"))
    fig = go.Figure()
    for symbol, dash in ((ticker, "solid"), (partner if relative else None, "dot")):
        series = prices[prices["ticker"] == symbol] if symbol else prices.iloc[0:0]
        if series.empty:
            continue
        y = series["close"]
        if relative and start is not None:
            base = series[series["date"] <= start]["close"]
            if not base.empty:
                y = (y / float(base.iloc[-1]) - 1) * 100
        fig.add_trace(go.Scatter(x=series["date"], y=y, mode="lines", name=symbol,
                                 line=dict(width=1.8, dash=dash)))
    if start and end:
        fig.add_vrect(x0=start, x1=end, fillcolor=colour, opacity=0.08, line_width=0)
    if not relative:
        points = [(d, c, label) for d, c, label in (
            (start, row.get("start_close"), "base close"),
            (end, row.get("end_close"), "compared close")) if d and c is not None and not pd.isna(c)]
        if points:
            fig.add_trace(go.Scatter(
                x=[p[0] for p in points], y=[p[1] for p in points], mode="markers+text",
                name="window closes", marker=dict(size=10, color=colour,
                                                  line=dict(width=1.5, color="white")),
                text=[f"{p[2]}<br>{p[0]}: {p[1]:,.2f}" for p in points],
                textposition=["bottom center", "top center"][:len(points)],
                textfont=dict(size=11), hoverinfo="text"))
    title = f"{row.get('entity') or ticker}: claimed {claimed_text(row)}"
    if actual_text(row):
        title += f", actual {actual_text(row)}"
    title += f" — {shown_verdict(row).replace(' (inferred)', '')}"   # fits a half-width chart
    fig.update_layout(
        title=dict(text=_plain(title), font=dict(size=14)), height=height,
        margin=dict(l=10, r=10, t=40, b=10), showlegend=relative,
        legend=dict(orientation="h", y=-0.15), hovermode="x unified",
        yaxis_title="% from base close" if relative else "close",
        template="plotly_white")
    return fig


def _plain(text: str) -> str:
    """Plotly titles accept a little HTML: keep article words literal."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
