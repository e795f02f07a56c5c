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
# the lookahead is captured so that one scan of the whole text can tell whether
# it is satisfied within the sentence's own line
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=(\s+[\"'“‘(\[]?[A-Z0-9]))")
_WRAPS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ,;&-")  # "... the TOPIX\ngained"
_WORD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")


# A line that ends on one of these words cannot end there when a figure opens the next line
# ('shares are up about\n190% this year'); a heading ends on a noun, a list item on a figure.
_OPEN_WORDS = frozenset("about around roughly nearly almost some up down by of to the a an at from than over under "
                        "just only and or with rose fell gained lost added shed jumped climbed slid dropped "
                        "surged soared tumbled sank was were is are had has more less another".split())
_FIGURE_OPENERS = frozenset("0123456789+-−–$¥€£~")


def _open_word(text: str, start: int, last: int) -> bool:
    """The line [start, last) ends on a word that needs what follows."""
    if text[last - 1] in ",;&-":
        return True
    first = last
    while first > start and text[first - 1].isalpha():
        first -= 1
    return text[first:last].lower() in _OPEN_WORDS


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each logical line: hard-wrapped lines are joined."""
    out = []
    start = 0
    pos = 0
    find = text.find
    while True:
        nl = find("\n", pos)
        if nl == -1:
            break
        last = nl                             # the line's last visible character, if any
        while last > start and text[last - 1].isspace():
            last -= 1
        if last > start and text[last - 1] in _WRAPS and (text[nl + 1:nl + 2].islower() or (
                text[nl + 1:nl + 2] in _FIGURE_OPENERS and _open_word(text, start, last))):
            pos = nl + 1                      # mid-sentence wrap: keep going ('up about\n190%')
            continue
        out.append((start, nl))
        start = pos = nl + 1
    out.append((start, len(text)))
    return out


def _abbreviation(text: str, cut: int, dot: int) -> bool:
    """The word before the full stop at ``dot`` (not before ``cut``) is an
    abbreviation or an initial ('Corp.', 'U.S.', 'J.'), so the stop ends nothing."""
    end = dot
    if end > cut and text[end - 1] == "\n":
        end -= 1                              # the word may sit just before a line break
    start = end
    while start > cut and text[start - 1] in _WORD:
        start -= 1
    if start == end:
        return False
    w = text[start:end].lower().rstrip(".")
    return w in ABBREVIATIONS or (len(w) == 1 and w.isalpha())


def sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text`` (whitespace trimmed).

    One scan for sentence ends over the whole text; an end counts only when
    what makes it one (space, then a capital or a digit) lies on its own line."""
    spans: list[tuple[int, int]] = []
    ends = _END.finditer(text)
    m = next(ends, None)
    for lstart, lend in _lines(text):
        cut = lstart
        while m is not None and m.start() < lend:
            dot = m.start()
            if m.end(1) <= lend and not (text[dot] == "." and _abbreviation(text, cut, dot)):
                _add(text, cut, m.end(), spans)
                cut = m.end()
            m = next(ends, None)
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
