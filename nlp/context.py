"""What an article says about its own windows, read once per article: is it a
closing report, a weekly column or a weekly/monthly review (a period-less move
then means the session, the week or the month), and which period its tables
give each security's figures."""

from __future__ import annotations

import bisect
import re
from datetime import date, datetime

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


_MONTH_NAMES = ("january february march april may june july august september october november december").split()
_REVIEW = re.compile(r"\b(?:(?P<week>week in review|weekly (?:review|wrap|round-?up|recap)|week(?:ly)? wrap|the week that was|"
                     r"week in markets)|(?P<month>month in review|monthly (?:review|wrap|round-?up|recap|commentary))|"
                     r"(?P<named>" + "|".join(_MONTH_NAMES) + r")(?: (?P<year>(?:19|20)\d\d))? (?:in review|review|wrap|recap))\b",
                     re.IGNORECASE)
_REVIEW_MONTHLY_WORDS = re.compile(r"\b(?:over the month|in the month|for the month|on the month|the month's|"
                                   r"ended the month|finished the month)\b", re.IGNORECASE)
LEAD_CHARS = 300      # the title and first lines, where a piece says what it reviews


def review_period(text: str, published: datetime | date | None) -> str | None:
    """The span a review piece covers, from its title or lead ('Tokyo week in review',
    'November in review', 'Monthly commentary - June 2025'): 'week', 'month' or a named
    month; a piece whose lead names no review but that says 'over the month' three
    times or more is a monthly review too. None for any other piece."""
    lines = [line for line in text[:LEAD_CHARS].splitlines() if line.strip()][:2]    # the title and the line under it
    m = _REVIEW.search("\n".join(lines))
    if m is None:
        return "month" if len(_REVIEW_MONTHLY_WORDS.findall(text)) >= 3 else None
    if m.group("week"):
        return "week"
    pub = published.date() if isinstance(published, datetime) else published
    named = m.group("named")
    if named is None:       # 'Monthly commentary - June 2025': the month the lead names, else this month
        named_in_lead = re.search(r"\b(" + "|".join(_MONTH_NAMES) + r")(?: ((?:19|20)\d\d))?\b",
                                  "\n".join(lines), re.IGNORECASE)
        if named_in_lead is None:
            return "month"
        named, year = named_in_lead.group(1), named_in_lead.group(2)
    else:
        year = m.group("year")
    month = _MONTH_NAMES.index(named.lower()) + 1
    if year is None:
        if pub is None:
            return f"month:{month:02d}"
        year = pub.year if month <= pub.month else pub.year - 1
    return f"month:{int(year)}-{month:02d}"


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
