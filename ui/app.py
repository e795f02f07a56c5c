"""tapecheck's Streamlit app: `tapecheck ui --db PATH` (or `make run`) starts it.

This file only sets the page up and routes; each page is a module in views/.
(Not pages/: Streamlit treats a pages/ folder beside the entry script as its
old automatic multipage mode and then ignores st.navigation.) The database is
the one TAPECHECK_DB names (config.db_path()).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from tapecheck.ui import data

PAGES = Path(__file__).parent / "views"

st.set_page_config(page_title="tapecheck", page_icon=":material/query_stats:", layout="wide",
                   initial_sidebar_state="collapsed")
# A research tool wants the first screen for data: trim Streamlit's top padding.
COMPACT = """<style>
[data-testid="stMainBlockContainer"], .block-container { padding-top: 4rem; padding-bottom: 2rem; }
[data-testid="stHeading"] h1 { font-size: 1.8rem; padding-top: 0; }
[data-testid="stAlertContainer"] { padding: 0.55rem 0.9rem; }
</style>"""


def pages() -> list:
    """The pages in menu order, each at its own URL (/upload, /explorer, ...).

    The review page is the default, served at /; Streamlit serves a default page
    only at /, so the same page is also listed, hidden from the menu, at /review
    so that a link such as /review?article=ID opens it instead of "page not
    found". In-app links go to / (the first listing), which keeps the menu entry
    highlighted."""
    review = PAGES / "review.py"
    listed = [
        st.Page(review, title="Article review", icon=":material/fact_check:",
                url_path="article-review", default=True),
        st.Page(review, title="Article review", icon=":material/fact_check:",
                url_path="review", visibility="hidden"),
        st.Page(PAGES / "upload.py", title="Upload", icon=":material/upload_file:",
                url_path="upload"),
        st.Page(PAGES / "explorer.py", title="Claims explorer", icon=":material/table_view:",
                url_path="explorer"),
    ]
    if (PAGES / "themes.py").exists():
        listed.append(st.Page(PAGES / "themes.py", title="Themes", icon=":material/insights:",
                              url_path="themes"))
    listed.append(st.Page(PAGES / "securities.py", title="Securities",
                          icon=":material/account_balance:", url_path="securities"))
    return listed


def sidebar() -> None:
    with st.sidebar:
        data.offline()  # sets the default before the toggle reads it
        st.toggle("Offline", key="offline",
                  help="Verify with stored prices only. On by default when the price "
                       "service cannot be reached.")
        st.caption(f"Database: `{data.db_path()}`")


data.warm_up()
page = st.navigation(pages(), position="top")
st.html(COMPACT)
sidebar()
try:
    page.run()
except Exception as error:  # noqa: BLE001 - never a traceback in front of an analyst
    st.error(f"Something went wrong on this page: {type(error).__name__}: {error}")
