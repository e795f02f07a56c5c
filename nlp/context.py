"""What an article says about its own windows, read once per article: is it a
closing report or a weekly column (a period-less move then means the session or
the week), and which period its tables give each security's figures."""

from __future__ import annotations

import bisect
import re

from tapecheck.nlp.subjects import SubjectFinder
from tapecheck.nlp.tables import Cell

_SESSION_WORDS = re.compile(r"\b(?:closed|closing|at the close|on the day|today|session|intraday|"
                            r"ended the day|finished the day|opening bell)\b", re.IGNORECASE)
_LONGER_WORDS = re.compile(r"\b(?:this week|for the week|weekly|this month|for the month|year to date|ytd|"
                           r"so far this year|this year|for the year|since the start of)\b", re.IGNORECASE)
_WEEK_WORDS = re.compile(r"\b(?:this week|for the week|on the week|over the week|in the week|weekly|week-on-week|w/w|"
                         r"five days|five sessions|five trading days|week in review|week ahead)\b", re.IGNORECASE)


def weekly_report(text: str) -> bool:
    """A weekly column states the week far more often than the session or the year."""
    week = len(_WEEK_WORDS.findall(text))
    if week < 3:
        return False
    session = len(_SESSION_WORDS.findall(text))
    longer = sum(1 for w in _LONGER_WORDS.findall(text) if "week" not in w.lower())
    return week > 2 * session and week > longer


def daily_report(text: str) -> bool:
    """A closing report talks about the session far more than about longer spans."""
    day = len(_SESSION_WORDS.findall(text))
    return day >= 2 and day > 2 * len(_LONGER_WORDS.findall(text))


def table_values(text: str, cells: dict[int, Cell], finder: SubjectFinder) -> dict[tuple[str, float], tuple[str, str]]:
    """(ticker, percent) -> (period, header) for each percent cell under a dated
    column, the ticker being the security that names the cell's row; a figure
    the table gives under two periods dates nothing."""
    seen: dict[tuple[str, float], set[tuple[str, str]]] = {}
    for start, cell in cells.items():
        fig = cell.figure
        if fig is None or fig.kind != "pct" or not cell.column.period or fig.value is None:
            continue
        line_start = text.rfind("\n", 0, start) + 1
        i = bisect.bisect_left(finder.starts, line_start)
        if i < len(finder.mentions) and finder.mentions[i].start < start and finder.mentions[i].ticker:
            key = (finder.mentions[i].ticker, round(fig.value, 4))
            seen.setdefault(key, set()).add((cell.column.period, cell.column.header))
    return {k: next(iter(v)) for k, v in seen.items() if len({p for p, _ in v}) == 1}
