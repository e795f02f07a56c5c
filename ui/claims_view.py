"""How a claim reads on screen: verdict badges, claimed and actual figures,
periods and windows, and the claims table's columns.

Shared by the review page, the explorer and the report so a claim reads the
same everywhere.
"""

from __future__ import annotations

import math
from contextlib import contextmanager

import pandas as pd
import streamlit as st

from tapecheck.errors import TapecheckError
from tapecheck.records import VERDICTS
from tapecheck.ui import as_of as asof

# Plain symbols (not emoji) so badges read the same in any font.
VERDICT_BADGES = {
    "supported": "✓ supported",
    "exaggerated": "▲ exaggerated",
    "understated": "▼ understated",
    "wrong_direction": "✗ wrong direction",
    "unverifiable": "? unverifiable",
    "pending": "… not verified",
}
# Streamlit markdown badge colours for the same verdicts.
BADGE_COLOURS = {"supported": "green", "exaggerated": "orange", "understated": "violet",
                 "wrong_direction": "red", "unverifiable": "gray", "pending": "blue"}
VERDICT_CHOICES = list(VERDICTS)

PERIOD_NAMES = {
    "1d": "the day", "week": "this week", "last_week": "last week", "month": "this month",
    "last_month": "last month", "ytd": "year to date", "1y": "past year",
    "1m": "past month", "3m": "past 3 months", "6m": "past 6 months",
    "since_event": "since an event", "none": "no period",
}
PERIOD_KINDS = {"day": "named day", "month": "named month", "ytd": "year to date",
                "year": "calendar year", "since": "since a date", "quarter": "quarter",
                "half": "half year", "1y": "twelve months to a month"}
UNITS = {"price_return": "%", "relative": " pp", "points": " pts", "level": "",
         "direction": "%"}
QUALIFIER_WORDS = {
    "approx": "~", "more_than": ">", "at_least": "≥", "less_than": "<", "nearly": "nearly ",
    "up_to": "up to ", "much_more": ">>",
}


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def effective_verdict(row) -> str:
    """The analyst's verdict when there is one, else the machine's."""
    for key in ("review_verdict", "verdict"):
        value = row.get(key)
        if isinstance(value, str) and value:
            return value
    return "pending"


def badge(verdict: str | None) -> str:
    return VERDICT_BADGES.get(verdict or "pending", verdict or "")


def condition(row, short: bool = True) -> str:
    """' if as of 2026-02-13 (inferred)' when the row's verdict rests on an inferred as-of."""
    if not asof.conditional(row.get("verdict"), row.get("as_of_source")):
        return ""
    return asof.condition(row.get("as_of"), row.get("as_of_source"), row.get("as_of_note"), short)


def verdict_badge(row, short: bool = True) -> str:
    """The machine verdict's badge, conditional on an inferred as-of."""
    return badge(row.get("verdict")) + condition(row, short)


def shown_verdict(row, short: bool = True) -> str:
    """The verdict that counts: the analyst's as it is, else the machine's with its
    condition."""
    review = row.get("review_verdict")
    if isinstance(review, str) and review:
        return badge(review)
    return verdict_badge(row, short)


def md_badge(verdict: str | None) -> str:
    """A coloured badge for st.markdown."""
    key = verdict or "pending"
    colour = BADGE_COLOURS.get(key, "gray")
    return f":{colour}-badge[{plain(badge(key))}]"


def number(value: float, unit: str) -> str:
    if unit in ("%", " pp", " pts"):
        return f"{value:+,.2f}".rstrip("0").rstrip(".") + unit
    return f"{value:,.2f}"


def claimed_text(row) -> str:
    """The claim as parsed, signed (a fall reads as a fall even when the article
    wrote '0.2%' after 'slipped'); words such as 'doubled' are kept beside it."""
    figure = row.get("figure_text")
    figure = figure.strip() if isinstance(figure, str) else ""
    value = row.get("value")
    if figure and not _missing(value) and row.get("metric") != "direction":
        unit = UNITS.get(row.get("metric"), "")
        parsed = QUALIFIER_WORDS.get(row.get("qualifier"), "") + number(float(value), unit)
        return f"{parsed} ({figure})" if any(c.isalpha() for c in figure) else parsed
    if figure:
        return figure
    if row.get("metric") == "direction":         # a move stated without a figure
        return "up" if not _missing(value) and float(value) > 0 else "down"
    if _missing(value):
        return "record high" if row.get("metric") == "record_high" else "no figure"
    unit = UNITS.get(row.get("metric"), "")
    return QUALIFIER_WORDS.get(row.get("qualifier"), "") + number(float(value), unit)


def actual_text(row) -> str:
    value = row.get("actual")
    if _missing(value):
        return ""
    if row.get("metric") == "record_high":   # the gap between the close and the record
        return "at the record" if abs(float(value)) < 1e-9 else f"{float(value):+.2f}% vs record"
    return number(float(value), UNITS.get(row.get("metric"), ""))


def period_label(period) -> str:
    if not isinstance(period, str) or not period:
        return ""
    if period in PERIOD_NAMES:
        return PERIOD_NAMES[period]
    kind, _, rest = period.partition(":")
    if kind == "day" and len(rest) == 3:
        return f"on {rest.capitalize()}"
    if kind in ("quarter", "half"):              # 'quarter:2025-Q2' -> 'Q2 2025'
        year, _, part = rest.partition("-")
        return f"{part} {year}"
    return {"day": f"on {rest}", "month": f"month {rest}", "ytd": f"YTD {rest}",
            "year": f"year {rest}", "since": f"since {rest}",
            "1y": f"12 months to {rest}"}.get(kind, period)


def period_kind(period) -> str:
    """Coarse period family for filters: 'ytd:2026' and 'ytd' are both year to date."""
    if not isinstance(period, str) or not period:
        return "no period"
    if period in PERIOD_NAMES:
        return PERIOD_NAMES[period] if period != "ytd" else "year to date"
    return PERIOD_KINDS.get(period.partition(":")[0], period)


def window_text(row) -> str:
    start, end = row.get("window_start"), row.get("window_end")
    if not end or _missing(end):
        return ""
    return f"{start} → {end}" if start and not _missing(start) else str(end)


def published_text(row) -> str:
    """Publication moment, or the as-of when the date is unknown (marked as such)."""
    published = row.get("published_at")
    if isinstance(published, str) and published:
        return published[:16].replace("T", " ")
    as_of = row.get("as_of")
    if not isinstance(as_of, str) or not as_of:
        return "unknown"
    how = {"inferred": "inferred", "user": "set"}.get(row.get("as_of_source"), "as-of")
    return f"{as_of[:10]} ({how})"


def subject_text(row) -> str:
    entity = row.get("entity") or ""
    ticker = row.get("ticker")
    text = f"{entity} ({ticker})" if isinstance(ticker, str) and ticker else f"{entity} (?)"
    partner = row.get("partner_entity")
    if isinstance(partner, str) and partner:
        text += f" vs {partner}"
    return text


def table(frame: pd.DataFrame, with_article: bool = False) -> tuple[pd.DataFrame, dict]:
    """The claims table shown to analysts, and its column configuration."""
    rows = frame.to_dict("records")
    shown = pd.DataFrame({
        "#": [int(r["ordinal"]) + 1 if not _missing(r.get("ordinal")) else i + 1
              for i, r in enumerate(rows)],
        "subject": [subject_text(r) for r in rows],
        "claimed": [claimed_text(r) for r in rows],
        "actual": [actual_text(r) for r in rows],
        "period": [period_label(r.get("period")) for r in rows],
        "window": [window_text(r) for r in rows],
        # One article shares one as-of (its banner says how it was chosen): the cell
        # keeps the condition short enough to read whole.
        "verdict": [verdict_badge(r) if with_article else
                    badge(r.get("verdict")) + condition(r).replace(" (inferred)", "")
                    for r in rows],
        "review": [badge(r["review_verdict"]) if isinstance(r.get("review_verdict"), str)
                   else "" for r in rows],
        "reason": [r.get("reason") or "" for r in rows],
    })
    config = {
        "#": st.column_config.NumberColumn("#", width=40, help="Claim number in the article"),
        "subject": st.column_config.TextColumn("Subject", width="medium"),
        "claimed": st.column_config.TextColumn("Claimed", width="small"),
        "actual": st.column_config.TextColumn("Actual", width="small",
                                              help="Move computed from the two closes"),
        "period": st.column_config.TextColumn("Period", width="small"),
        "window": st.column_config.TextColumn("Window", width="medium",
                                              help="Base session → compared session"),
        "verdict": st.column_config.TextColumn(
            "Verdict", width="medium",
            help="“if as of …(inferred)”: the article has no publication date and the as-of "
                 "was inferred from the claims themselves, so the verdict holds only if the "
                 "article is from that date. Set the real date on the review page."),
        "review": st.column_config.TextColumn("Analyst", width="small",
                                              help="The latest analyst review, if any"),
        "reason": st.column_config.TextColumn("Reason", width="large"),
    }
    if with_article:
        shown.insert(0, "article", [r.get("article_title") or r["article_id"][:8] for r in rows])
        shown.insert(1, "published", [published_text(r) for r in rows])
        config["article"] = st.column_config.TextColumn("Article", width="medium")
        config["published"] = st.column_config.TextColumn("Published", width="small")
    return shown, config


def no_prices_note() -> str:
    """What to do when the database holds no prices (a fresh one holds none)."""
    return ("No prices are stored yet, so claims cannot be checked. Load the bundled demo "
            "(`tapecheck demo`), import daily closes (`tapecheck prices import FOLDER`), or "
            "switch off *Offline* in the sidebar to fetch them from Yahoo Finance when you "
            "verify.")


def first_steps(what: str, has_prices: bool) -> None:
    """An empty page says what to do next."""
    from tapecheck.ui.data import db_path

    st.info(f"{what} Upload an article (file, pasted text or a web address) to check its "
            f"claims against the tape, or load the demo articles and prices into this "
            f"database with `tapecheck --db {db_path()} demo`.", icon=":material/info:")
    if not has_prices:
        st.warning(no_prices_note(), icon=":material/cloud_off:")
    st.page_link("views/upload.py", label="Upload an article", icon=":material/upload_file:")


@contextmanager
def guard(action: str):
    """Run a user action; any failure becomes one line in an error box, never a traceback."""
    try:
        yield
    except TapecheckError as error:
        st.error(f"{action}: {error}")
    except Exception as error:  # noqa: BLE001 - the app must never show a traceback
        st.error(f"{action}: unexpected {type(error).__name__}: {error}")


_MARKDOWN_SPECIALS = set("\\`*_{}[]()#+-.!|<>~$:")


def plain(text) -> str:
    """Article-derived text for st.markdown/st.caption: every markdown sign escaped,
    so a title can neither format nor link."""
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIALS else ch for ch in str(text or ""))
