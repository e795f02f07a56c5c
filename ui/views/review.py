"""Article review: the text with its claims marked, the verdicts, the evidence
chart for a claim, and the analyst's confirmation or override."""

from __future__ import annotations

import html
from datetime import date

import pandas as pd
import streamlit as st

from tapecheck.records import Article
from tapecheck.ui import as_of as asof
from tapecheck.ui import charts, data
from tapecheck.ui import claims_view as cv
from tapecheck.ui.highlight import Entity, Mark, article_html
from tapecheck.ui.report import build_report, report_name

AS_OF_WORDS = {
    "published": "from the publication time",
    "inferred": "inferred from the claims (publication date unknown)",
    "user": "set by the analyst",
}


def pick_article(rows: list[dict]) -> str:
    """The article to show: one just uploaded (session state), the ?article= in the
    link, or the analyst's choice."""
    ids = [r["id"] for r in rows]
    wanted = st.session_state.pop("goto_article", None)
    if wanted is None and "review_article" not in st.session_state:
        wanted = st.query_params.get("article")
    if wanted:
        match = [i for i in ids if i == wanted] or [i for i in ids if i.startswith(wanted)]
        if match:
            st.session_state["review_article"] = match[0]
        else:
            st.warning(f"No article in this database has the id in the link "
                       f"({cv.plain(wanted[:16])}); showing the latest one instead.",
                       icon=":material/link_off:")
    if st.session_state.get("review_article") not in ids:
        st.session_state["review_article"] = ids[0]
    by_id = {r["id"]: r for r in rows}
    choice = st.selectbox("Article", ids, key="review_article", format_func=lambda i: _label(by_id[i]),
                          label_visibility="collapsed")
    st.query_params["article"] = choice
    return choice


def _label(row: dict) -> str:
    name = row.get("title") or row.get("path") or row.get("url") or row["id"][:8]
    when = (row.get("published_at") or "date unknown")[:16]
    return f"{name}  ·  {when}  ·  {row.get('claims') or 0} claims"


def as_of_banner(meta: dict) -> None:
    """Always visible: which session the verdicts are counted to, and why."""
    as_of, source = meta.get("as_of"), meta.get("as_of_source")
    note = meta.get("as_of_note") or ""
    published = meta.get("published_at") or "unknown"
    tail = f"  \n{cv.plain(note)}" if note else ""
    if st.session_state.get("offline"):
        tail += " · offline"
    if not as_of:
        st.warning(f"**As of: not set** — not verified yet, or no date could be inferred. "
                   f"Published: {cv.plain(published)}. Give the article's date with **Set the date** "
                   f"to check its claims.{tail}", icon=":material/schedule:")
        return
    if source == "inferred":
        count = asof.support_text(note)
        how = f"{count} claims" if count else "the claims"
        st.warning(f"**Verdicts are conditional: as of {as_of}, a date inferred from {how}.** "
                   "The publication date is unknown, and this date was chosen because the "
                   "claims fit it, so each verdict holds only if the article is from then. "
                   f"Use **Set the date** to give the real date and check them for real.{tail}",
                   icon=":material/warning:")
        return
    text = (f"**As of {as_of}** — {AS_OF_WORDS.get(source, cv.plain(source))}. "
            f"Published: {cv.plain(published)}.{tail}")
    st.info(text, icon=":material/schedule:")


def verdict_summary(claims: pd.DataFrame, meta: dict) -> str:
    counts = claims.apply(lambda r: cv.effective_verdict(r), axis=1).value_counts() \
        if len(claims) else pd.Series(dtype=int)
    parts = [f"{cv.md_badge(v)} **{int(counts[v])}**" for v in [*cv.VERDICT_CHOICES, "pending"]
             if v in counts]
    if not parts:
        return "No claims found."
    tail = f" &nbsp; *if as of {meta['as_of']}*" if meta.get("as_of_source") == "inferred" \
        and meta.get("as_of") else ""
    return f"**{len(claims)} claims** &nbsp; " + " &nbsp; ".join(parts) + tail


SHOW = ("all", "not supported", "not reviewed")


def focus(claims: pd.DataFrame, show: str) -> pd.DataFrame:
    """The claims the analyst wants to work through."""
    if show == "not supported" and len(claims):
        return claims[claims.apply(cv.effective_verdict, axis=1) != "supported"]
    if show == "not reviewed" and len(claims):
        return claims[claims["review_verdict"].isna()]
    return claims


def claims_table(claims: pd.DataFrame, article_id: str, show: str) -> tuple[list[str], dict]:
    """The claims table; a click on a row or the picker below selects a claim."""
    shown, config = cv.table(claims)
    ids = claims["claim_id"].tolist()
    event = st.dataframe(shown, column_config=config, hide_index=True, height=178,
                         on_select="rerun", selection_mode="single-row",
                         key=f"table-{article_id}-{show}", width="stretch")
    picked = event.selection.rows if event is not None else []
    pick_key, last_key = f"claim-{article_id}", f"table-last-{article_id}-{show}"
    if picked and picked[0] < len(ids) and picked[0] != st.session_state.get(last_key):
        st.session_state[last_key] = picked[0]
        st.session_state[pick_key] = ids[picked[0]]
    if st.session_state.get(pick_key) not in ids:
        st.session_state[pick_key] = ids[0]
    labels = {r["claim_id"]: f"#{number(r)}  {cv.subject_text(r)}: {cv.claimed_text(r)} — "
                             f"{cv.shown_verdict(r)}"
              for r in claims.to_dict("records")}
    return ids, labels


def number(row) -> int:
    """The claim's number in the article (its order of appearance), as in the text."""
    return int(row["ordinal"]) + 1


def claim_picker(ids: list[str], labels: dict, article_id: str) -> str:
    return st.selectbox("Claim", ids, key=f"claim-{article_id}", format_func=labels.get,
                        label_visibility="collapsed")


def evidence(row: dict) -> None:
    """The numbers behind the verdict and the chart of the window."""
    closes = "—"
    if pd.notna(row.get("start_close")) and pd.notna(row.get("end_close")):
        closes = f"{row['start_close']:,.2f} → {row['end_close']:,.2f}"
    facts = [("Claimed", f"{cv.claimed_text(row)} ({cv.period_label(row.get('period')) or 'no period'})"),
             ("Actual", cv.actual_text(row) or "—"), ("Window", cv.window_text(row) or "—"),
             ("Closes", closes), ("Prices", row.get("price_source") or "—")]
    flags = row.get("flags")
    if isinstance(flags, (list, tuple)) and flags:
        facts.append(("Flags", ", ".join(str(f).replace("_", " ") for f in flags)))
    st.html("<div style='display:flex;flex-wrap:wrap;gap:4px 18px;font-size:0.88rem'>" + "".join(
        f"<span><span style='color:#6b7280'>{html.escape(k)}</span> "
        f"<b>{html.escape(str(v))}</b></span>" for k, v in facts) + "</div>")
    start, end = charts.chart_range(row)
    tickers = [t for t in (row.get("ticker"), row.get("partner_ticker")) if isinstance(t, str) and t]
    frame = data.prices(tickers, start, end) if tickers and start else None
    if frame is not None and not frame.empty:
        st.plotly_chart(charts.claim_chart(row, frame, height=250), width="stretch",
                        config={"displayModeBar": False}, key=f"chart-{row['claim_id']}")
    else:
        missing = ", ".join(tickers) or "its subject, which is not a known security"
        if tickers and not row.get("as_of"):
            st.caption("No window to chart: the as-of is not set. Give the article's date "
                       "with **Set the date**.")
        else:
            st.caption(f"No stored prices to chart for {cv.plain(missing)}. "
                       + ("Import its daily closes (`tapecheck prices import`) or switch off "
                          "*Offline* in the sidebar and press **Verify** to fetch them."
                          if tickers else "Teach the name on the Securities page, then Verify."))
    why = row.get("reason") or "Not verified yet."
    extra = []
    low, high = row.get("tolerance_low"), row.get("tolerance_high")
    if pd.notna(low) and pd.notna(high) and "accepted" not in why:
        unit = cv.UNITS.get(row.get("metric"), "")
        extra.append(f"accepted range {cv.number(float(low), unit)} to {cv.number(float(high), unit)}")
    alternative = row.get("alternative")
    if isinstance(alternative, str) and alternative.strip() and alternative not in why:
        extra.append(f"other reading: {alternative}")
    if cv.condition(row) and not why.startswith("If the article is from"):
        why = (f"If the article is from {row.get('as_of')} "
               f"({asof.inferred_basis(row.get('as_of_note'))}): {why}")
    st.markdown(f"{cv.md_badge(row.get('verdict'))} {cv.plain(why)}"
                + (f"  \n{cv.plain('; '.join(extra))}" if extra else ""))
    st.caption(cv.plain(f"“{row.get('sentence') or ''}”"))


def review_form(row: dict, article_id: str) -> None:
    """Confirm or override the verdict; every review is kept, the latest shows."""
    current = cv.effective_verdict(row)
    choices = cv.VERDICT_CHOICES
    with st.form(key=f"review-{row['claim_id']}", border=True):
        st.markdown("**Analyst review**")
        verdict = st.radio("Verdict", choices, horizontal=True, format_func=cv.badge,
                           index=choices.index(current) if current in choices else 0)
        cols = st.columns([3, 1])
        comment = cols[0].text_area("Comment", height=68,
                                    placeholder="Why you confirm or override")
        reviewer = cols[1].text_input("Reviewer", value=st.session_state.get("last_reviewer", ""),
                                      placeholder="initials")
        if st.form_submit_button("Save review", type="primary"):
            with cv.guard("Saving the review"):
                st.session_state["last_reviewer"] = reviewer.strip()
                data.add_review(row["claim_id"], article_id, verdict, comment, reviewer)
                st.session_state["review_saved"] = row["claim_id"]
                st.rerun()
    if st.session_state.get("review_saved") == row["claim_id"]:
        st.success("Review saved.")
    history = data.reviews(row["claim_id"])
    if history:
        with st.expander(f"Review history ({len(history)})"):
            for review in reversed(history):
                who = review.reviewer or "anonymous"
                st.markdown(f"{cv.badge(review.verdict)} by {cv.plain(who)}, "
                            f"{review.reviewed_at:%Y-%m-%d %H:%M} UTC"
                            + (f"  \n{cv.plain(review.comment)}" if review.comment else ""))


def reverify(article_id: str, as_of=None) -> None:
    """Verify again; an as-of the analyst set stays until they clear it."""
    from tapecheck import orchestrate

    with st.spinner("Verifying against the tape…"):
        data.warmed_up()
        outcomes = orchestrate.process(data.store(), [article_id], as_of=as_of,
                                       offline=bool(st.session_state.get("offline")))
    data.changed()
    st.session_state["verify_errors"] = [o.error for o in outcomes if o.error]


def _day(value) -> date | None:
    return date.fromisoformat(str(value)[:10]) if value else None


def as_of_control(article_id: str, meta: dict) -> None:
    """Let the analyst fix the as-of (source 'user') or go back to the automatic one."""
    unsure = meta.get("as_of_source") == "inferred" or not meta.get("as_of")
    with st.popover("Set the date" if unsure else "As-of", icon=":material/event:",
                    width="stretch", type="primary" if unsure else "secondary",
                    help="Verify as of the article's real date (or any session you choose)"):
        chosen = st.date_input("Verify as of", value=_day(meta.get("as_of")) or date.today(),
                               key=f"asof-{article_id}", format="YYYY-MM-DD",
                               help="Claims are counted to the last close at or before the "
                                    "end of this day on each security's exchange.")
        if st.button("Verify with this as-of", key=f"asof-go-{article_id}", type="primary"):
            with cv.guard("Verification"):
                reverify(article_id, chosen)
                st.rerun()
        if meta.get("as_of_source") == "user" and st.button(
                "Back to publication / inferred", key=f"asof-auto-{article_id}"):
            with cv.guard("Verification"):
                reverify(article_id)
                st.rerun()


def main() -> None:
    rows = data.article_rows()
    if not rows:
        st.title("Article review")
        cv.first_steps("No articles yet.", bool(data.coverage()))
        return
    top = st.columns([5.4, 3.6], vertical_alignment="center")
    with top[0]:
        article_id = pick_article(rows)
    meta = next(r for r in rows if r["id"] == article_id)
    article: Article = data.article(article_id)
    claims = data.claim_rows(article_id)
    # One row of actions, also on a phone (columns would stack them).
    actions = top[1].container(horizontal=True, gap="small", vertical_alignment="center")
    with actions:
        if st.button("Verify", icon=":material/refresh:", width="stretch", key="verify",
                     help="Extract where needed and verify this article again"):
            with cv.guard("Verification"):
                kept = _day(meta.get("as_of")) if meta.get("as_of_source") == "user" else None
                reverify(article_id, kept)
                st.rerun()
        as_of_control(article_id, meta)
        store = data.store()
        st.download_button(
            "Report", data=lambda: build_report(store, article_id),
            file_name=report_name(article), mime="text/html", icon=":material/download:",
            on_click="ignore", width="stretch", key="report",
            help="A self-contained HTML verification report of this article")
    for error in st.session_state.pop("verify_errors", []):
        st.error(f"Verification: {error}")
    as_of_banner(meta)
    if not data.coverage():
        st.warning(cv.no_prices_note(), icon=":material/cloud_off:")
    head = st.columns([3, 2], vertical_alignment="center")
    head[0].markdown(verdict_summary(claims, meta))
    show = head[1].radio("Show", SHOW, horizontal=True, key=f"show-{article_id}",
                         label_visibility="collapsed")
    listed = focus(claims, show)

    selected = None
    if len(listed):
        ids, labels = claims_table(listed, article_id, show)
    elif len(claims):
        st.caption(f"No claims are {show.replace('all', 'listed')}.")
    left, right = st.columns([1, 1], gap="medium")
    with right:
        if len(listed):
            claim_id = claim_picker(ids, labels, article_id)
            selected = claims[claims["claim_id"] == claim_id].iloc[0].to_dict()
            evidence(selected)
            review_form(selected, article_id)
        elif not len(claims):
            st.info("No price claims were found in this article.")
    with left:
        with st.container(height=560, border=True):
            st.html(highlighted(article, claims, selected))


def highlighted(article: Article, claims: pd.DataFrame, selected: dict | None) -> str:
    marks = [Mark(int(r["start"]), int(r["end"]), str(number(r)), cv.effective_verdict(r),
                  f"#{number(r)} {cv.shown_verdict(r, short=False)}: {r.get('reason') or ''}",
                  selected is not None and r["claim_id"] == selected["claim_id"])
             for r in claims.to_dict("records")]
    entities = [Entity(m.start, m.end, m.ticker) for m in data.mentions(article.id)]
    return article_html(article.text, marks, entities)


main()
