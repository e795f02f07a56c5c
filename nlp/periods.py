"""Period phrases ('this week', 'YTD 2026', 'since the election') -> the
period grammar of ``records.Claim.period``.

The phrases are data (``data/vocab/periods.csv``). The article's publication
date is used only to put a year on a date the text gives without one.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from tapecheck import config
from tapecheck.errors import ConfigError

MONTH_NAMES = "jan feb mar apr may jun jul aug sep oct nov dec".split()
MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}


@dataclass(frozen=True)
class PeriodHit:
    start: int
    end: int
    period: str
    text: str


_MONTH = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_YEAR = r"(?:19|20)\d\d"
_IN = r"(?:in|during|over|for|through|across|throughout)"
_MOVE_NOUN = (r"(?= (?:gains?|loss(?:es)?|rally|advance|declines?|drop|fall|rise|returns?|performance|move|slide|"
              r"surge|jump|rebound|slump)\b)")     # 'its H1 gain' is a window, 'its Q2 results' is not
_EXTREME = r"low|lows|high|highs|peak|peaks|trough|top|bottom|record|records"   # 'since its low in April' is no month start
# an event already past: 'since investors expect a cut on 18 September' names none
_EVENT = r"(?:(?!\b(?:expects?|expected to|will|shall|plans?|planned to|due|awaits?|awaited|hopes?)\b)[^,.;:!?()%]){0,80}?"      # the words naming an event: 'the upper-house election', 'Ishiba said'
# Spans the period grammar names since quarters, halves and trailing months joined it
# (they run before the rows of data/vocab/periods.csv, so they win an overlap).
_TO_FIGURE = r"(?= (?:(?:up|down|higher|lower|about|around|some|nearly|almost|sharply|a|an) )*[+\-−]?\d)"
SPAN_PATTERNS = (
    # 'opened 2.4% lower', 'opens +0.6%': the open, part of the session (INTRADAY below)
    (rf"(?:opened|opens|opening){_TO_FIGURE}|at the (?:open|opening|opening bell)\b", "1d"),
    (r"at (?:midday|noon|lunch|lunchtime|the lunch break|the midday break|the break|mid-?session|mid-?morning)|"
     r"by (?:midday|noon|lunchtime|the lunch break)|in (?:the )?(?:morning|afternoon) session|"
     r"in (?:after-?hours|extended|pre-?market|premarket|late-?night) (?:trade|trading|deals|session)|"
     r"after[- ]hours|after the bell|pre-?market|premarket|"
     r"in (?:early|late|mid)[- ]?(?:morning|afternoon|session) (?:trade|trading|deals)|"
     r"(?:at|as of|by) \d{1,2}[:.]\d{2}(?:\s?(?:a\.?m\.?|p\.?m\.?))?(?: (?:local|jst|et|gmt|bst|cet|tokyo|new york|london)(?: time)?)?",
     "1d"),
    # 'ended November up 0.2%': that month ('closed November 5 at ...' is a date, not a month)
    (rf"(?:ended|finished|closed|ending|finishing|closing) (?P<month>{_MONTH})\b(?: (?P<year>{_YEAR}))?(?!\.?\s*\d)",
     "month:{month}"),
    # 'on the last trading day': a session
    (r"on the (?:last|final) (?:trading day|trading session|session|day of trading)", "1d"),
    # 'since the election on 20 July', 'since Ishiba said on 7 September that he would step down'
    (rf"since{_EVENT} on (?P<day>\d{{1,2}}) (?P<month>{_MONTH})\b\.?(?:,? (?P<year>{_YEAR}))?(?:,? (?:that|when|after)\b[^,.;]*)?",
     "since:{date}"),
    (rf"since{_EVENT} on (?P<month>{_MONTH})\.? (?P<day>\d{{1,2}})\b(?:,? (?P<year>{_YEAR}))?(?:,? (?:that|when|after)\b[^,.;]*)?",
     "since:{date}"),
    # 'since the tariff announcement in April': at least since that month began
    (rf"since (?:the |his |her |its |their )(?!(?:[\w'’-]+ )?(?:{_EXTREME})\b)[^,.;:!?()%]{{0,60}}? in (?P<month>{_MONTH})\b"
     rf"(?: (?P<year>{_YEAR}))?",
     "since:{monthstart}"),
    (r"since (?:\"|“|')[^\"”']{1,40}(?:\"|”|')", "since_event"),     # since "Liberation Day"
    # a fiscal quarter or half is the company's, not the calendar's: no window daily closes can place
    (rf"{_IN} (?:the |its |their )?(?:fiscal|financial|business) (?:year's )?(?:first|second|third|fourth|1st|2nd|3rd|4th)[- ]"
     rf"(?:quarter|half)|{_IN} (?:the )?(?:first|second|third|fourth|1st|2nd|3rd|4th)[- ](?:quarter|half) of (?:the |its |their )?"
     rf"(?:fiscal|financial|business) year|{_IN} (?:fiscal |fy ?)(?:q[1-4]|h[12])", "none"),
    (rf"{_IN} (?:the )?(?P<ordinal>first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter(?: (?:of )?(?P<year>{_YEAR}))?",
     "quarter:{quarter}"),
    (rf"{_IN} q(?P<qnum>[1-4])(?:[ -](?P<year>{_YEAR})|'(?P<yy>\d\d))?(?=\W|$)", "quarter:{quarter}"),
    (rf"(?:its|their|the) q(?P<qnum>[1-4])(?:[ -](?P<year>{_YEAR})|'(?P<yy>\d\d))?{_MOVE_NOUN}", "quarter:{quarter}"),
    (rf"{_IN} (?:the )?(?P<ordinal>first|second|1st|2nd)[- ]half(?: (?:of )?(?:the year|(?P<year>{_YEAR})))?(?: as a whole)?",
     "half:{half}"),
    (rf"{_IN} h(?P<hnum>[12])(?:[ -](?P<year>{_YEAR})|'(?P<yy>\d\d))?(?=\W|$)", "half:{half}"),
    (rf"(?:its|their|the) h(?P<hnum>[12])(?:[ -](?P<year>{_YEAR})|'(?P<yy>\d\d))?{_MOVE_NOUN}", "half:{half}"),
    (rf"(?:its|their|the) (?P<ordinal>first|second)-half{_MOVE_NOUN}", "half:{half}"),
    # 'over April-June', 'in January to March': a range that is a calendar quarter or half
    (rf"(?:{_IN}|from) (?P<month>{_MONTH})\.?(?:-|–| to | through )(?P<month2>{_MONTH})\b\.?(?: (?P<year>{_YEAR}))?", "months:{range}"),
    (r"(?:in|over|during|for) the (?:quarter|three months)(?! (?:ahead|to come|to \w+))|quarter[- ]to[- ]date|\bqtd\b",
     "quarter:the"),
    (r"this quarter|so far this quarter", "quarter:this"),
    (r"last quarter|the (?:previous|prior) quarter", "quarter:last"),
    (r"(?:over|during|across) the month|in the month(?! (?:of|ahead|to come))\b", "month:the"),
    # 'in the first two weeks of January': from the start of that month
    (rf"(?:in|over|during) the (?:first|opening) (?:few|two|three|\d) (?:weeks|sessions|trading days|days) of (?P<month>{_MONTH})\b(?: (?P<year>{_YEAR}))?",
     "month:start"),
    # 'over the twelve months to June': the year ending with that month
    (rf"(?:over|in|for|during) the (?:12 months|twelve months|year)"
     rf" (?:to|through|ended|ending)(?: the end of| end-)? (?P<month>{_MONTH})\b(?: (?P<year>{_YEAR}))?",
     "1y:{month}"),
    # 'in the three months to June' is Q2, 'the six months to June' H1 (other ends: no calendar span)
    (rf"(?:over|in|for|during) the (?P<size>three|3|six|6) months (?:to|through|ended|ending)(?: the end of| end-)? "
     rf"(?P<month>{_MONTH})\b(?: (?P<year>{_YEAR}))?", "months:{ending}"),
    (r"(?:over|in|during) the (?:past|last|previous) (?:three|3) months|(?:over|in) (?:three|3) months(?! (?:ahead|time|from))",
     "3m"),
    (r"(?:over|in|during) the (?:past|last|previous) (?:six|6) months|(?:over|in) (?:six|6) months(?! (?:ahead|time|from))",
     "6m"),
)


@functools.cache
def period_patterns() -> tuple[tuple[re.Pattern, str], ...]:
    path = config.data_dir() / "vocab" / "periods.csv"
    rows = [(re.compile(rf"(?<![\w-])(?:{pattern})(?![\w])", re.IGNORECASE), template)
            for pattern, template in SPAN_PATTERNS]
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#") or line.startswith("pattern,"):
            continue
        pattern, _, template = line.rpartition(",")
        try:
            rows.append((re.compile(rf"(?<![\w-])(?:{pattern})(?![\w])", re.IGNORECASE), template.strip()))
        except re.error as exc:
            raise ConfigError(f"{path}:{n}: bad period pattern: {exc}") from exc
    return tuple(rows)


@functools.cache
def _any_period() -> re.Pattern:
    """Every position where some period pattern matches, in one scan: each
    pattern is then tried only at those positions (same hits, far fewer scans)."""
    lead = r"(?<![\w-])"
    bodies = [re.sub(r"\(\?P<\w+>", "(?:", p.pattern) for p, _ in period_patterns()]
    bodies = [b[len(lead):] if b.startswith(lead) else b for b in bodies]     # the outer lookbehind asserts it
    return re.compile(lead + "(?=" + "|".join(f"(?:{b})" for b in bodies) + ")", re.IGNORECASE)


@functools.cache
def _any_period_folded() -> re.Pattern | None:
    """``_any_period`` without IGNORECASE, for text already lowered by ``fold``
    (several times faster); None if a pattern spells an upper-case letter."""
    body = _any_period().pattern.replace("[A-Z]", "[a-z]")
    return None if re.search(r"(?<!\\)[A-Z]", body) else re.compile(body)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ASCII_LETTER = re.compile(r"[a-z]", re.IGNORECASE)


def fold(text: str) -> str | None:
    """``text.lower()`` when a case-sensitive lower-case pattern run on it finds
    exactly what the IGNORECASE pattern finds on ``text`` at the same offsets;
    None when a character breaks that (the Kelvin sign, long s, dotted capital I...)."""
    for ch in set(_NON_ASCII.findall(text)):
        low = ch.lower()
        if (len(low) != 1 or low.isascii() or _ASCII_LETTER.match(ch) or _ASCII_LETTER.match(low)
                or ch.isalnum() != low.isalnum()):
            return None
    return text.lower()


def _published_date(published: datetime | date | None) -> date | None:
    if isinstance(published, datetime):
        return published.date()
    return published


def _month_number(text: str | None) -> int | None:
    if not text:
        return None
    return MONTHS.get(text.lower()[:3])


def _fill(template: str, groups: dict, published: date | None) -> str:
    """Turn a template such as 'month:{month}' into a period string."""
    year = int(groups["year"]) if groups.get("year") else None
    month = _month_number(groups.get("month")) or (int(groups["monthnum"]) if groups.get("monthnum") else None)
    day = int(groups["day"]) if groups.get("day") else None

    def year_for(m: int, d: int = 1) -> int | None:
        if year:
            return year
        if published is None:
            return None
        # the most recent such date at or before publication
        return published.year if (m, d) <= (published.month, published.day) else published.year - 1

    if template.startswith(("quarter:", "half:", "months:")):
        return _part(template, groups, year, published)
    if template == "month:the":
        return _the_month(published)
    if template == "month:start":       # 'the first two weeks of January': that month so far
        y = year_for(month)
        if y is None:
            return "since_event"
        if published is not None and (y, month) == (published.year, published.month):
            return "month"
        return f"since:{y}-{month:02d}-01"
    if template == "1y:{month}":
        y = year_for(month)
        return f"1y:{y}-{month:02d}" if y else "1y"
    if template == "year:last":
        return f"year:{published.year - 1}" if published else "none"
    if template == "day:yesterday":
        return f"day:{(published - timedelta(days=1)).isoformat()}" if published else "1d"
    if "{weekday}" in template:
        return "day:" + groups["weekday"].lower()[:3]     # 'Friday', 'Fri' -> 'fri'
    if "{date}" in template:
        y = year_for(month, day)
        if y is None:
            return "since_event" if template.startswith("since") else "none"
        try:
            return template.replace("{date}", date(y, month, day).isoformat())
        except ValueError:
            return "none"
    if "{monthend}" in template:        # 'since the end of December': from that month's last close (= ytd)
        y = year_for(month, 28)
        if y is None:
            return "since_event"
        if month == 12:
            return f"ytd:{y + 1}"
        return f"since:{y}-{month + 1:02d}-01"     # from the close before the next month's first day
    if template == "ytd:{sinceyear}":     # 'since the start of 2025' read in 2026 runs to today, not to end-2025
        return f"since:{year}-01-01" if published is not None and year < published.year else f"ytd:{year}"
    if template == "ytd:{nextyear}":
        return f"ytd:{year + 1}"
    if "{monthstart}" in template:
        y = year_for(month)
        return f"since:{y}-{month:02d}-01" if y else "since_event"
    if "{yearstart}" in template:
        return f"since:{year}-01-01"
    if "{month}" in template:
        y = year_for(month)
        return f"month:{y}-{month:02d}" if y else f"month:{month:02d}"
    if "{year}" in template:
        return template.replace("{year}", str(year))
    return template


# A session phrase that names part of the session: the figure is not a close.
INTRADAY = re.compile(r"\b(?:open|opened|opens|opening|midday|noon|lunch|lunchtime|break|mid-?session|mid-?morning|"
                      r"morning|afternoon|early|late|intraday|after[- ]?hours|extended|pre-?market|premarket|after the bell)\b|"
                      r"\d[:.]\d\d",
                      re.IGNORECASE)


# 'before closing 17% higher', 'ends +9.2%': the figure is the close whatever the sentence said before
CLOSE_VERB = re.compile(r"\b(?:closed|closes|closing|ended|ends|ending|finished|finishes|finishing|settled|settles|"
                        r"settling)\s+(?:(?:up|down|higher|lower|about|around|some|nearly|almost|a|an)\s+)*[+\-−]?$",
                        re.IGNORECASE)


def intraday(hit_text: str, before_figure: str = "") -> bool:
    """Does a period phrase ('in early trade', 'at midday', 'opened') name part of a
    session, for a figure with ``before_figure`` written just before it?"""
    return bool(INTRADAY.search(hit_text)) and not CLOSE_VERB.search(before_figure)


_ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
# a piece published this many days into a month or quarter is still about the one before
REVIEW_GRACE_DAYS = 10


def _part(template: str, groups: dict, year: int | None, published: date | None) -> str:
    """A quarter or half: 'Q2', 'the first half', 'April-June' (a month range that is
    one); 'the quarter' is the current one, or the one just ended for a piece
    published in its first days (a quarterly review); without a year, the most
    recent such part that has ended, or the current one once past its middle."""
    if groups.get("yy"):
        year = 2000 + int(groups["yy"])
    kind = template.split(":")[0]
    if template == "months:{ending}":
        last = _month_number(groups.get("month"))
        size = 3 if groups.get("size") in ("three", "3") else 6
        first = last - size + 1 if last else None
        groups = {"month": MONTH_NAMES[first - 1] if first and first >= 1 else None, "month2": groups.get("month")}
    if kind == "months":
        first, last = _month_number(groups.get("month")), _month_number(groups.get("month2"))
        if first is None or last is None or last < first:
            return "none"
        size = last - first + 1
        if size not in (3, 6) or (first - 1) % size:
            return "none"
        kind, part = ("quarter" if size == 3 else "half"), (first - 1) // size + 1
    elif template.endswith(("{quarter}", "{half}")):
        part = _ORDINAL.get((groups.get("ordinal") or "").lower()) or int(groups.get("qnum") or groups.get("hnum") or 0)
    else:                                   # quarter:the / this / last
        if published is None:
            return "none"
        which = template.split(":")[1]
        day = published - timedelta(days=REVIEW_GRACE_DAYS) if which == "the" else published
        part, year = (day.month - 1) // 3 + 1, day.year
        if which == "last":
            part, year = (part - 1, year) if part > 1 else (4, year - 1)
        return f"quarter:{year}-Q{part}"
    months = 3 if kind == "quarter" else 6
    if not 1 <= part <= 12 // months:
        return "none"
    if year is None:
        if published is None:
            return "none"
        # the most recent such part that has ended, or the current one once past its middle
        first = date(published.year, (part - 1) * months + 1, 1)
        middle = first + timedelta(days=months * 15)
        year = published.year if middle <= published else published.year - 1
    return f"{kind}:{year}-{'Q' if kind == 'quarter' else 'H'}{part}"


def _the_month(published: date | None) -> str:
    """'over the month': this month, or the one just ended for a piece published in
    the first days of the next (a monthly review written after the month closed)."""
    if published is None or published.day > REVIEW_GRACE_DAYS:
        return "month"
    prev = published.replace(day=1) - timedelta(days=1)
    return f"month:{prev.year}-{prev.month:02d}"


def find_periods(text: str, start: int = 0, end: int | None = None,
                 published: datetime | date | None = None, folded: str | None = None) -> list[PeriodHit]:
    """Period phrases in text[start:end]; earlier patterns win overlaps.
    ``folded`` is ``fold(text)`` when the caller has it (a faster first scan)."""
    end = len(text) if end is None else end
    pub = _published_date(published)
    hits: list[PeriodHit] = []
    quick = _any_period_folded() if folded is not None else None
    scan = quick.finditer(folded, start, end) if quick is not None else _any_period().finditer(text, start, end)
    starts = [m.start() for m in scan]
    if not starts:
        return hits
    for pattern, template in period_patterns():
        for m in _matches(pattern, text, starts, end):
            if any(not (m.end() <= h.start or m.start() >= h.end) for h in hits):
                continue
            hits.append(PeriodHit(m.start(), m.end(), _fill(template, m.groupdict(), pub), m.group(0)))
    hits.sort(key=lambda h: h.start)
    return hits


def _matches(pattern: re.Pattern, text: str, starts: list[int], end: int):
    """What ``pattern.finditer(text, starts[0], end)`` yields, trying only ``starts``
    (the only places any period pattern can begin)."""
    pos = starts[0]
    for i in starts:
        if i < pos:
            continue
        m = pattern.match(text, i, end)
        if m is not None:
            yield m
            pos = m.end() if m.end() > i else i + 1


_SAME_EVENT = (frozenset("election vote ballot poll polls".split()),)
_BACK_REFERENCE = re.compile(r"since (?:that (?:day|date|point|moment)|then|(?:the|that) (?P<noun>[a-z'’-]+))$", re.IGNORECASE)


def event_period(hit: PeriodHit, events: list[PeriodHit]) -> PeriodHit:
    """'since the vote', 'since that day' after 'since the election on 20 July':
    the date of the event named earlier (``events``, newest last) when the words
    point back to it; else the hit as it is."""
    if hit.period != "since_event" or not events:
        return hit
    m = _BACK_REFERENCE.match(hit.text)
    if m is None:
        return hit
    noun = (m.group("noun") or "").lower()
    for event in reversed(events):
        said = {w.lower() for w in re.findall(r"[A-Za-z'’-]+", event.text)}
        if not noun or noun in said or any(noun in fam and said & fam for fam in _SAME_EVENT):
            return PeriodHit(hit.start, hit.end, event.period, hit.text)
    return hit


def is_event(hit: PeriodHit) -> bool:
    """A dated event ('since the election on 20 July'), not a bare 'since 20 July'."""
    return hit.period.startswith("since:") and len(hit.text.split()) > 4


def specificity(period: str) -> int:
    """How much a period says: 'ytd:2026' says more than 'ytd'."""
    return 0 if period == "none" else (2 if ":" in period else 1)


def period_for(fig_start: int, fig_end: int, hits: list[PeriodHit], figures: list[tuple[int, int, bool]],
               zone_end: int | None = None, own_start: int | None = None, trailing: bool = True) -> PeriodHit | None:
    """The period phrase of a figure.

    ``figures`` are all (start, end, kept) figures of the sentence. In order:
    the nearest phrase after the figure and before the next figure (or
    ``zone_end``: where the next claim's own words begin); else a phrase
    opening the sentence before its first figure ('This week, Toyota fell 3%
    and Sony 2%'); else a phrase closing a list of kept figures ('rose 3% and
    2% this week') unless ``trailing`` is off. A phrase inside another figure's
    words is that figure's."""
    later = [f[0] for f in figures if f[0] >= fig_end]
    end = min([x for x in (zone_end, later[0] if later else None) if x is not None], default=None)
    after = [h for h in hits if h.start >= fig_end and (end is None or h.start < end)]
    if after:
        return after[0]
    if own_start is not None:       # between the claim's own subject and its figure
        own = [h for h in hits if h.start >= own_start and h.end <= fig_start]
        if own:
            return own[-1]
    first = min((f[0] for f in figures), default=fig_start)
    opening = [h for h in hits if h.end <= first]
    if opening:
        return opening[-1]
    if not trailing:                # a concession ('though ... still') opens another window
        return None
    last = max((f[1] for f in figures), default=fig_end)
    closing = [h for h in hits if h.start >= last and all(
        kept for start, _, kept in figures if fig_end <= start < h.start)]
    return closing[0] if closing else None
