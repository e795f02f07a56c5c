"""Reading order and table rows of a PDF page, from where its text sits.

pypdf's plain extraction follows the order of the content stream: a broker
note written line by line across two columns comes out with the columns
interleaved, table cells come out joined by single spaces ("Kioxia Holdings
285A.T 77,000 -7.6 +637.9"), so the figures lose their column headers, and
paragraph breaks vanish. Here every text run keeps its position:

- runs on one baseline form a line; a wide gap between two runs is a cell
  boundary, written " | " as for HTML tables;
- a gutter that long runs on both sides of it start at, and no run crosses,
  splits the page into two columns, read left column first;
- a larger vertical gap than the page's usual line spacing is a paragraph
  break;
- running headers and footers (the same line at the same height on several
  pages), bare page numbers and small footnote markers are dropped.

Widths are estimated from Helvetica-like proportions (no font metrics are
read), so the gap for a cell boundary is a generous two ems.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

CELL_SEPARATOR = " | "
_CELL_GAP_EMS = 2.0
_MIN_COLUMN_CHARS = 25
_MARKER = re.compile(r"^[\d*\u2020\u2021,]{1,3}$")
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?$", re.I)


@dataclass(frozen=True)
class Run:
    x: float
    y: float          # baseline, from the bottom of the page
    text: str
    size: float
    end: float        # estimated right edge


def page_runs(page) -> list[Run]:
    """The text runs of a pypdf page with their positions."""
    runs: list[Run] = []

    def visit(text, cm, tm, font, size):
        if not text or not text.strip():
            return
        a, b, c, d, e, f = _multiply(tm, cm)
        scale = math.hypot(c, d) or 1.0
        text, size = " ".join(text.split()), (size or 10.0) * scale
        runs.append(Run(x=e, y=f, text=text, size=size, end=e + _width(text, size)))

    page.extract_text(visitor_text=visit)
    return runs


def _multiply(m, n):
    return (m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3],
            m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3],
            m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5])


def _width(text: str, size: float) -> float:
    ems = 0.0
    for ch in text:
        if ch == " ":
            ems += 0.28
        elif ch.isupper() or ch in "%&@MW":
            ems += 0.68
        elif ch.isdigit() or ch in "+-~$":
            ems += 0.56
        elif ch.isalpha():
            ems += 0.5 if ord(ch) < 0x2E80 else 1.0
        else:
            ems += 0.3
    return ems * size


def _lines(runs: list[Run]) -> list[list[Run]]:
    """Runs grouped by baseline, top to bottom, each line left to right."""
    lines: list[list[Run]] = []
    for run in sorted(runs, key=lambda r: (-r.y, r.x)):
        if lines and abs(lines[-1][0].y - run.y) <= 0.3 * max(run.size, lines[-1][0].size):
            lines[-1].append(run)
        else:
            lines.append([run])
    return [sorted(line, key=lambda r: r.x) for line in lines]


def _gutter(lines: list[list[Run]], width: float) -> float | None:
    """The x where a second column starts: long runs start there on several
    lines that also hold a long run ending before it, and no run crosses it."""
    starts = Counter(round(run.x) for line in lines for run in line
                     if 0.3 * width <= run.x <= 0.7 * width and len(run.text) >= _MIN_COLUMN_CHARS)
    for x, count in starts.most_common(3):
        if count < 3:
            break
        paired = sum(1 for line in lines
                     if any(abs(run.x - x) < 2 and len(run.text) >= _MIN_COLUMN_CHARS for run in line)
                     and any(run.end <= x + 2 and len(run.text) >= _MIN_COLUMN_CHARS for run in line))
        if paired >= 3:
            return float(x)
    return None


def page_text(runs: list[Run], width: float, height: float, running: set = frozenset()) -> str:
    """The page as text in reading order (see the module docstring)."""
    margin = [run for run in runs if run.y > 0.9 * height or run.y < 0.1 * height]
    dropped = {id(run) for run in margin if (round(run.y), run.text) in running or _PAGE_NUMBER.match(run.text)}
    usual = sorted(run.size for run in runs)[len(runs) // 2] if runs else 0.0
    # footnote markers ("Kioxia¹"): a small raised run would read as a figure glued to a name
    dropped |= {id(run) for run in runs if run.size <= 0.75 * usual and _MARKER.match(run.text)}
    lines = _lines([run for run in runs if id(run) not in dropped])
    gutter = _gutter(lines, width)
    ordered: list[list[Run]] = []
    left, right = [], []
    for line in lines:
        if gutter is not None and not any(run.x < gutter - 2 < run.end - 2 * run.size for run in line):
            left_part = [run for run in line if run.x < gutter - 2]
            right_part = [run for run in line if run.x >= gutter - 2]
            if left_part:
                left.append(left_part)
            if right_part:
                right.append(right_part)
            continue
        ordered += left + right
        left, right = [], []
        ordered.append(line)
    ordered += left + right
    return _paragraphs(ordered, _aligned_rows(ordered))


def _aligned_rows(lines: list[list[Run]]) -> set[int]:
    """Lines of a dense table: two or more consecutive lines of the same
    number (3 or more) of runs whose columns line up (starts or ends within
    two points: left-aligned names, right-aligned figures). Their runs are
    cells even where the gap between them is narrow."""
    rows: set[int] = set()
    start = 0
    while start < len(lines):
        width, end = len(lines[start]), start
        while end < len(lines) and len(lines[end]) == width:
            end += 1
        block = lines[start:end]
        if width >= 3 and len(block) >= 2 and all(_column_aligned([line[c] for line in block]) for c in range(width)):
            rows.update(range(start, end))
        start = end
    return rows


def _column_aligned(cells: list[Run]) -> bool:
    """All cells of a column (a header may be off, in three or more rows)
    start or end at the same place."""
    spare = 1 if len(cells) >= 3 else 0
    for edge in (lambda run: run.x, lambda run: run.end):
        middle = sorted(edge(run) for run in cells)[len(cells) // 2]
        if sum(1 for run in cells if abs(edge(run) - middle) <= 2.0) >= len(cells) - spare:
            return True
    return False


def _paragraphs(lines: list[list[Run]], rows: set[int] = frozenset()) -> str:
    """Lines joined by newlines; a blank line where the vertical gap is
    clearly wider than the usual spacing, or where reading jumps up (the
    top of the next column)."""
    gaps = [above[0].y - below[0].y for above, below in zip(lines, lines[1:]) if above[0].y > below[0].y]
    usual = sorted(gaps)[len(gaps) // 2] if gaps else 0.0
    cells = {id(lines[index]) for index in rows}
    blocks, block = [], []
    for index, line in enumerate(lines):
        gap = lines[index - 1][0].y - line[0].y if index else 0.0
        if block and not 0 < gap <= 1.35 * usual:
            blocks.append(block)
            block = []
        block.append(line)
    if block:
        blocks.append(block)
    return "\n\n".join(_block(block, _measure(block, blocks), cells) for block in blocks)


def _measure(block, blocks) -> tuple[float, float]:
    """Left and right edge of the column a block sits in: the widest extent
    of the blocks that start at its left edge."""
    left = min(line[0].x for line in block)
    right = max(max(line[-1].end for line in other) for other in blocks
                if abs(min(line[0].x for line in other) - left) < 2)
    return left, right


def _block(lines, edges, cells=frozenset()) -> str:
    """A paragraph: a line that runs to the column's right edge was wrapped
    there and joins the next, unless either is a table row or it ends in a
    figure (a plain-text table row)."""
    left, right = edges
    out = [_joined(lines[0], id(lines[0]) in cells)]
    for above, line in zip(lines, lines[1:]):
        text = out[-1]
        wrapped = (above[-1].end - left >= 0.75 * (right - left) and len(above) == 1 and len(line) == 1
                   and not _FIGURE_END.search(text))
        out.append(" " if wrapped else "\n")
        out.append(_joined(line, id(line) in cells))
    return "".join(out)


_FIGURE_END = re.compile(r"[\d%]\)?$")


def _joined(line: list[Run], cells: bool = False) -> str:
    parts = [line[0].text]
    for before, run in zip(line, line[1:]):
        gap = run.x - before.end
        parts.append(CELL_SEPARATOR if cells or gap > _CELL_GAP_EMS * max(run.size, before.size) else " ")
        parts.append(run.text)
    return "".join(parts)


def running_lines(pages: list[list[Run]], heights: list[float]) -> set[tuple[int, str]]:
    """(height, text) of runs that repeat on several pages in the top or
    bottom tenth of the page: running headers and footers."""
    if len(pages) < 2:
        return set()
    seen = Counter()
    for runs, height in zip(pages, heights):
        seen.update({(round(run.y), run.text) for run in runs if run.y > 0.9 * height or run.y < 0.1 * height})
    return {key for key, count in seen.items() if count >= 2}
