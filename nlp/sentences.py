"""Sentence spans that respect what market text looks like.

A line break ends a sentence (headlines, table rows, datelines) unless the
text was hard-wrapped mid-sentence; inside a line, ``.``/``!``/``?`` end a
sentence except after abbreviations, initials and inside numbers.
"""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof inc corp co ltd plc st vs no nos jan feb mar apr jun jul aug sep sept oct nov dec "
    "u.s u.k e.g i.e etc approx est fig al gov sen rep jr sr bros dept univ hldgs ind mfg intl".split()
)
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_WRAPPED = re.compile(r"[a-z,;&\-]$")


def _lines(text: str):
    """(start, end) of each logical line: hard-wrapped lines are joined."""
    start = 0
    pos = 0
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        if nl == -1:
            break
        before = text[start:nl].rstrip()
        after = text[nl + 1:nl + 3]
        if before and _WRAPPED.search(before) and after[:1].islower():
            pos = nl + 1                      # mid-sentence wrap: keep going
            continue
        yield start, nl
        start = pos = nl + 1
    yield start, n


def sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text`` (whitespace trimmed)."""
    spans: list[tuple[int, int]] = []
    for lstart, lend in _lines(text):
        cut = lstart
        for m in _END.finditer(text, lstart, lend):
            word = re.search(r"([A-Za-z.]+)$", text[cut:m.start()])
            if word and text[m.start()] == ".":
                w = word.group(1).lower().rstrip(".")
                if w in ABBREVIATIONS or (len(w) == 1 and w.isalpha()):
                    continue
            _add(text, cut, m.end(), spans)
            cut = m.end()
        _add(text, cut, lend, spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of blocks separated by blank lines."""
    out = []
    start = 0
    for m in re.finditer(r"\n[ \t]*\n", text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return [s for s in out if text[s[0]:s[1]].strip()]
