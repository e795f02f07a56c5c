"""Upload: files, pasted text or a URL in; ingest -> extract -> verify with
visible progress; then on to the article. One bad input never loses the others."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Callable
from zoneinfo import ZoneInfo

import streamlit as st

from tapecheck.errors import TapecheckError
from tapecheck.ui import data
from tapecheck.ui import claims_view as cv

FILE_TYPES = ["txt", "md", "html", "htm", "pdf"]
ZONES = ["Asia/Tokyo", "America/New_York", "Europe/London", "UTC", "Europe/Paris",
         "Europe/Berlin", "Asia/Hong_Kong", "Asia/Shanghai", "Asia/Singapore", "Asia/Seoul",
         "Australia/Sydney", "America/Chicago", "America/Los_Angeles"]
WHEN = ("Unknown: infer the as-of", "Date only", "Date and time")


@dataclass
class Outcome:
    label: str
    article_id: str | None = None
    title: str | None = None
    new: bool = False
    error: str | None = None
    claims: int = 0
    verdicts: dict | None = None


def publication() -> date | datetime | None:
    """The publication moment the analyst gives, or None (the as-of is then inferred)."""
    cols = st.columns([2, 1.3, 1, 1.5])
    when = cols[0].radio("Publication date", WHEN, horizontal=False, key="upload_when",
                         help="When unknown, tapecheck infers the as-of from the dates on "
                              "which the most claims hold, and says so.")
    if when == WHEN[0]:
        return None
    day = cols[1].date_input("Date", key="upload_day", value=date.today(), format="YYYY-MM-DD")
    if when == WHEN[1]:
        return day
    moment = cols[2].time_input("Time", key="upload_time", value=time(16, 0), step=300)
    zone = cols[3].selectbox("Time zone", ZONES, key="upload_zone")
    return datetime.combine(day, moment, tzinfo=ZoneInfo(zone))


def inputs(files, pasted: str, url: str, title: str | None,
           published) -> list[tuple[str, Callable]]:
    """(label, make-article) pairs; the title only applies to a single input."""
    from tapecheck import ingest

    count = len(files or []) + bool(pasted.strip()) + bool(url.strip())
    title = title if count == 1 else None
    items: list[tuple[str, Callable]] = []
    for f in files or []:
        items.append((f.name, lambda f=f: ingest.from_bytes(
            f.getvalue(), f.name, published=published, title=title, source="file")))
    if pasted.strip():
        items.append(("pasted text", lambda: ingest.from_text(
            pasted, source="paste", published=published, title=title)))
    if url.strip():
        items.append((url.strip(), lambda: ingest.from_url(
            url.strip(), published=published, title=title)))
    return items


def run(items: list[tuple[str, Callable]], offline: bool) -> list[Outcome]:
    """Ingest every input, then extract and verify the articles in one batch."""
    from tapecheck import orchestrate

    store = data.store()
    outcomes: list[Outcome] = []
    with st.status(f"Checking {len(items)} input(s) against the tape…", expanded=True) as status:
        bar = st.progress(0.0, text="Reading")
        for n, (label, make) in enumerate(items, start=1):
            outcome = Outcome(label)
            try:
                article = make()
                outcome.new = store.add_article(article)
                outcome.article_id, outcome.title = article.id, article.title or label
                st.write(f":material/check_circle: {cv.plain(label)}: read"
                         + ("" if outcome.new else " (already in the database)"))
            except TapecheckError as error:
                outcome.error = str(error)
                st.write(f":material/error: {cv.plain(label)}: {cv.plain(error)}")
            except Exception as error:  # noqa: BLE001 - one bad file never loses the others
                outcome.error = f"unexpected {type(error).__name__}: {error}"
                st.write(f":material/error: {cv.plain(label)}: {cv.plain(outcome.error)}")
            outcomes.append(outcome)
            bar.progress(n / len(items) / 3, text=f"Read {n} of {len(items)}")
        good = [o for o in outcomes if o.article_id]
        ids = list(dict.fromkeys(o.article_id for o in good))
        if ids:
            done = [0]

            def step(_):
                done[0] += 1
                bar.progress(1 / 3 + 2 / 3 * done[0] / len(ids),
                             text=f"Verified {done[0]} of {len(ids)}")

            bar.progress(1 / 3, text="Extracting claims and verifying them")
            data.warmed_up()
            try:
                results = {r.article_id: r for r in orchestrate.process(
                    store, ids, offline=offline, on_each=step)}
            except TapecheckError as error:
                results = {}
                for o in good:
                    o.error = f"verification failed: {error}"
            for o in good:
                result = results.get(o.article_id)
                if result is not None:
                    o.claims, o.verdicts = result.claims, dict(result.verdicts)
                    if result.error:
                        o.error = f"verification failed: {result.error}"
        data.changed()
        failed = [o for o in outcomes if o.error]
        status.update(label=f"{len(outcomes) - len(failed)} checked, {len(failed)} with errors",
                      state="error" if failed else "complete", expanded=bool(failed))
    return outcomes


def show(outcomes: list[Outcome]) -> None:
    for n, o in enumerate(outcomes):
        if o.error:
            st.error(f"**{cv.plain(o.label)}**: {cv.plain(o.error)}")
        if o.article_id:
            verdicts = ", ".join(f"{k} {cv.badge(v)}" for v, k in sorted((o.verdicts or {}).items()))
            cols = st.columns([5, 1.2], vertical_alignment="center")
            cols[0].markdown(f"**{cv.plain(o.title)}** — {o.claims} claims"
                             + (f": {verdicts}" if verdicts else ""))
            if cols[1].button("Open", key=f"open-{n}-{o.article_id}", icon=":material/fact_check:"):
                open_article(o.article_id)


def open_article(article_id: str) -> None:
    st.session_state["goto_article"] = article_id
    st.switch_page("views/review.py", query_params={"article": article_id})


def max_mb() -> int:
    from tapecheck import config

    return config.limits().max_file_bytes // 2**20


def main() -> None:
    st.title("Upload articles")
    st.caption("Files (txt, md, html, pdf), pasted text or a web address. Each claim is "
               "extracted and checked against daily closes on its exchange calendar.")
    files = st.file_uploader("Article files", type=FILE_TYPES, accept_multiple_files=True,
                             key="upload_files",
                             help=f"Several at once; up to {max_mb()} MB each. A bad file gets "
                                  "its own error and the others go on.")
    left, right = st.columns(2)
    pasted = left.text_area("Or paste the text", height=140, key="upload_text")
    url = right.text_input("Or a web address", key="upload_url", placeholder="https://…")
    title = right.text_input("Title (optional, single input only)", key="upload_title")
    published = publication()
    offline = bool(st.session_state.get("offline"))
    if offline and not data.coverage():
        st.warning(cv.no_prices_note(), icon=":material/cloud_off:")
    elif offline:
        st.caption(":material/cloud_off: Offline: verification uses the prices already "
                   "stored (switch in the sidebar).")
    if st.button("Check against the tape", type="primary", icon=":material/play_arrow:"):
        with cv.guard("Upload"):
            items = inputs(files, pasted, url, title.strip() or None, published)
            if not items:
                st.warning(f"Nothing to check yet: add a file (up to {max_mb()} MB each; a file "
                           "the uploader marks red was refused and not sent), paste some text "
                           "or give a web address.")
                return
            outcomes = run(items, offline)
            st.session_state["upload_outcomes"] = outcomes
            opened = [o for o in outcomes if o.article_id]
            if opened and not any(o.error for o in outcomes):
                open_article(opened[0].article_id)
    if st.session_state.get("upload_outcomes"):
        show(st.session_state["upload_outcomes"])


main()
