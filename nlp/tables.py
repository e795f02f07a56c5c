"""Columns of market tables: which header each figure sits under.

A table row such as ``| Kioxia | 285A.T | -11.2% | +783.4% |`` or the
space-aligned ``Kioxia HD   22,360   -1,030   -4.40`` says nothing of its own
period or unit: the column header does ('1D', 'YTD', 'Change %', 'Close').
Pipe tables (Markdown) and plain-text tables whose columns are separated by
two or more spaces (or tabs) are read; each numeric cell of a data row is
bound to its own column header, matching columns from the right (names and
codes on the left vary in width, figures are right-aligned).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tapecheck.nlp.figures import NUM, Figure, precision_of

# column header -> period (first match wins; headers are matched lower-cased)
_PERIOD_HEADERS = (
    (re.compile(r"\b(?:ytd|y-t-d|year[- ]to[- ]date)\b(?:\s*\(?\s*(?P<year>(?:19|20)\d\d))?"), "ytd"),
    (re.compile(r"\b(?:wtd|1w|1-?wk|1[- ]week|week|weekly|w/w|5d|5[- ]day)\b"), "week"),
    (re.compile(r"\b(?:mtd|month|monthly|m/m)\b"), "month"),
    # trailing months ('1M', '3M', '6 months'): the months up to the close (a footnote may name 1M's month)
    (re.compile(r"\b(?P<months>[1-9]|1[01])\s?m\b|\b(?P<spelled>[1-9]|1[01])[- ]months?\b"), "{n}m"),
    (re.compile(r"\b(?:1y|12m|1[- ]year|12[- ]month|52[- ]?w(?:ee)?k?|y/y|yoy)\b"), "1y"),
    (re.compile(r"\b(?:1d|1[- ]day|day|daily|d/d|dod|today|session)\b"), "1d"),
    # trailing spans daily closes cannot date without an end ('3M', '6M', '3Y'): kept, never verified
    (re.compile(r"\b[2-9]\s?y\b"), "none"),
)
# 'Q2 2025 %', '2Q25', 'H1 2026': a calendar quarter or half (a header without its year is left undated)
_PART_HEADER = re.compile(r"\b(?:(?P<kind>q|h)(?P<n>[1-4])|(?P<n2>[1-4])(?P<kind2>q|h))[\s'-]*(?P<year>(?:19|20)\d\d|\d\d)\b")
_PCT_HEADER = re.compile(r"%|\bpct\b|\bpercent\b|\bper ?cent\b")
_LEVEL_HEADER = re.compile(r"\b(?:close|closing|last|level|price|settle|settlement|end)\b")
_CHANGE_HEADER = re.compile(r"\b(?:chg|change|net|move|return|perf|performance)\b")
_CELL_NUMBER = re.compile(rf"^(?P<q>[~≈><])?\s?(?P<s>[+\-−–])?\s?(?P<n>{NUM})\s?(?P<pct>%)?(?:\(\d\)|\*)?$")  # '(3)': a footnote
_NOT_A_MOVE_HEADER = re.compile(r"\b(?:upside|downside|target|tp|forecast|fcst|est|estimate|consensus|implied|potential|"
                                r"fair|yield|weight|weighting|margin|eps|p/e|per|pe|pbr|p/b|div|dividend|stake|"
                                r"volume|vol|turnover|shares out|mkt cap|market cap|cap)\b")
_MONTH = r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december"
_HEADER_DATE = re.compile(rf"\b(?:\d{{1,2}}\s+(?:{_MONTH})\b\.?(?:\s+(?:19|20)\d\d)?|(?:{_MONTH})\.?\s+\d{{1,2}}\b(?:,?\s+(?:19|20)\d\d)?)")
_MONTH_HEADER = re.compile(rf"\b({_MONTH})\b")
MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
_SEPARATOR = re.compile(r"^\|?[\s:|-]+\|?$")
_RULE = re.compile(r"^[-=_–—]{3,}$")
_SPACED = re.compile(r"\t+|\s{2,}")


@dataclass(frozen=True)
class Column:
    header: str
    period: str | None      # '1d', 'week', 'month', 'month:04', '1m', '3m', 'ytd', 'ytd:2026', '1y' or None
    kind: str               # 'pct' (a percent move), 'level', 'points', 'text', 'other' (never a move)
    when: str | None = None     # a date the header gives ('Close (31 Oct)' -> '31 Oct')


@dataclass(frozen=True)
class Cell:
    figure: Figure | None   # the cell read as a figure of its column's kind (None: not a move)
    column: Column
    start: int
    end: int
    dated: bool = False     # the table's header names a period or a date: its closes are checkable
    when: str | None = None     # the date the table's header gives, if any


def column(header: str) -> Column:
    """What a column header says about the figures under it."""
    h = header.strip().lower()
    if _NOT_A_MOVE_HEADER.search(h):
        return Column(header.strip(), None, "other")    # 'Upside %', 'Target', 'Div yield %': never a move
    period = None
    part = _PART_HEADER.search(h)
    if part:
        kind_, n = (part.group("kind") or part.group("kind2")), int(part.group("n") or part.group("n2"))
        year = part.group("year") if len(part.group("year")) == 4 else f"20{part.group('year')}"
        if kind_ == "q" or n <= 2:
            period = f"quarter:{year}-Q{n}" if kind_ == "q" else f"half:{year}-H{n}"
    for pattern, name in (() if period else _PERIOD_HEADERS):
        m = pattern.search(h)
        if m:
            period = f"ytd:{m.group('year')}" if name == "ytd" and m.group("year") else name
            if name == "{n}m":
                period = f"{m.group('months') or m.group('spelled')}m"
            break
    if _PCT_HEADER.search(h) or period:
        kind = "pct"
    elif _LEVEL_HEADER.search(h):
        kind = "level"
    elif _CHANGE_HEADER.search(h):
        kind = "points"
    else:
        kind = "text"
    if period is None and kind == "pct" and _CHANGE_HEADER.search(h):
        period = "1d"       # a quote board's 'Change %' is the change since the previous close
    when = _HEADER_DATE.search(h)
    month = _MONTH_HEADER.search(h) if when is None and period is None else None
    if month and kind == "pct":
        period = f"month:{MONTHS[month.group(1)[:3]]:02d}"     # 'October %': the month's move
    return Column(header.strip(), period, kind, when.group(0) if when else None)


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def _pipe_cells(start: int, line: str) -> list[tuple[int, int]]:
    """(start, end) of each cell's trimmed text in a pipe-table line."""
    bars = [i for i, ch in enumerate(line) if ch == "|"]
    if line.strip() and not line.lstrip().startswith("|"):
        bars = [-1] + bars
    if line.rstrip() and not line.rstrip().endswith("|"):
        bars.append(len(line))
    out = []
    for a, b in zip(bars, bars[1:]):
        a += 1
        while a < b and line[a].isspace():
            a += 1
        while b > a and line[b - 1].isspace():
            b -= 1
        out.append((start + a, start + b))
    return out


def _spaced_cells(start: int, line: str) -> list[tuple[int, int]]:
    out = []
    pos = len(line) - len(line.lstrip())
    for m in _SPACED.finditer(line, pos):
        if m.start() > pos:
            out.append((start + pos, start + m.start()))
        pos = m.end()
    if pos < len(line.rstrip()):
        out.append((start + pos, start + len(line.rstrip())))
    return out


def _is_header(text: str, cells: list[tuple[int, int]]) -> bool:
    """A header names columns: no cell is a number, and some cell names a
    period, a percent or a price column."""
    names = [text[a:b] for a, b in cells]
    if any(len(n.split()) > 4 for n in names):
        return False            # prose that happens to hold a double space
    if any(re.match(r"[+\-−–~≈<>]", n) or (n[:1].isdigit() and column(n).period is None) for n in names):
        return False            # 'TOPIX   ++% (for the week)': a row whose figure is written in words
    if any(_CELL_NUMBER.match(n.replace(" ", "")) for n in names):
        return False
    return any(column(n).kind != "text" for n in names)


def _row_cells(text: str, header: list[Column], cells: list[tuple[int, int]]) -> list[Cell]:
    out = []
    k = min(len(cells), len(header))
    dated = any(c.period or c.when for c in header)
    when = next((c.when for c in header if c.when), None)
    for (a, b), col in zip(cells[len(cells) - k:], header[len(header) - k:]):
        m = _CELL_NUMBER.match(text[a:b])
        if not m:
            continue
        out.append(Cell(_figure(text, a, m, col), col, a, b, dated, when))
    return out


def _figure(text: str, a: int, m: re.Match, col: Column) -> Figure | None:
    """A cell as its column reads it: a percent move, a close ('Close', 'Last')
    or a point change ('Change', 'Chg'); None for anything else."""
    n = m.group("n")
    value = float(n.replace(",", ""))
    sign = {"+": 1, None: 0}.get(m.group("s"), -1)
    qual = {"~": "approx", "≈": "approx", ">": "more_than", "<": "less_than"}.get(m.group("q") or "")
    if col.kind == "other":
        return None
    if col.kind == "pct" or m.group("pct"):
        kind = "pct"
    elif col.kind == "level" and not sign and not qual:
        kind = "level"
    elif col.kind == "points" and not qual:
        kind = "points"
    else:
        return None
    return Figure(a, a + m.end(), text[a:a + m.end()], kind, value * sign if sign else value, sign,
                  qual, precision_of(n))


# A note under a table naming a column's month: '1M is April', '1M = March 2026', '1M: April'
_COLUMN_MONTH = re.compile(rf"(?<![\w-])(?P<col>1\s?M)\s*(?:is|=|:|refers to|covers|means)\s+(?P<month>{_MONTH})\b",
                           re.IGNORECASE)
_NOTE_REACH = 1500          # characters after a header where its notes may sit


def _noted(columns: list[Column], text: str, after: int) -> list[Column]:
    """Columns as the table's notes define them: '1M is April' makes the '1M'
    column that month's move instead of the trailing month."""
    m = _COLUMN_MONTH.search(text, after, after + _NOTE_REACH)
    if m is None:
        return columns
    number = MONTHS[m.group("month").lower()[:3]]
    # the year the notes give that month ('... ending at the 30 April 2026 close'), if any
    year = re.search(rf"\b{m.group('month')}\w*\.?,?\s+((?:19|20)\d\d)\b", text[after:after + _NOTE_REACH], re.IGNORECASE)
    month = f"month:{year.group(1)}-{number:02d}" if year else f"month:{number:02d}"
    return [Column(c.header, month, c.kind, c.when) if c.period == "1m" else c for c in columns]


def table_cells(text: str) -> dict[int, Cell]:
    """Numeric cells of every table in ``text``, keyed by the cell's start."""
    cells: dict[int, Cell] = {}
    header: list[Column] | None = None
    kind = None
    for start, line in _lines(text):
        stripped = line.strip()
        if header is not None and _RULE.match(stripped):
            continue            # a ruled line under a plain-text header
        if not stripped or ("|" not in line and "  " not in stripped and "\t" not in stripped):
            header, kind = None, None       # blank, or prose: no columns here (the common case, kept cheap)
            continue
        is_pipe = stripped.count("|") >= 2
        if is_pipe and _SEPARATOR.match(stripped):
            continue
        spans = _pipe_cells(start, line) if is_pipe else _spaced_cells(start, line)
        if len(spans) < 2 or (kind is not None and kind != is_pipe):
            header, kind = None, None
            if len(spans) < 2:
                continue
        if _is_header(text, spans):
            header, kind = _noted([column(text[a:b]) for a, b in spans], text, start), is_pipe
            continue
        if header is None:
            continue
        for cell in _row_cells(text, header, spans):
            cells[cell.start] = cell
    return cells
