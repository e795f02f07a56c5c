"""Relative claims: one security's move against another's, in percentage points.

'The Nikkei rose 5% while the S&P 500 fell 1.4%' -> Nikkei minus S&P = +6.4;
'A outperformed B by 4 points' -> +4; 'A outperformed B' -> no figure, flagged.
"""

from __future__ import annotations

import re
from dataclasses import replace

from tapecheck.nlp.figures import WORD_VALUES
from tapecheck.nlp.periods import PeriodHit, period_for
from tapecheck.nlp.subjects import MentionRef
from tapecheck.nlp.vocab import qualifier_before
from tapecheck.records import FLAG_FORWARD, FLAG_NO_FIGURE, FLAG_UNRESOLVED, Claim

CONTRAST = re.compile(r"\b(?:while|whilst|whereas|versus|vs\.?|against|compared (?:with|to)|but|outpacing|"
                      r"outperforming|lagging|in contrast|unlike)\b", re.IGNORECASE)
OUTPERFORM = re.compile(r"\b(?P<v>outperform(?:ed|s|ing)?|outpac(?:ed|es|ing|e)|beat|beating|"
                        r"underperform(?:ed|s|ing)?|lagged|lag|lags|lagging|trailed|trails)\b", re.IGNORECASE)
BY_FIGURE = re.compile(r"^\s*(?:by\s+)?(?P<q>(?:more than|nearly|almost|about|around|roughly|some|over|at least)\s+)?"
                       rf"(?P<n>\d+(?:\.\d+)?|{'|'.join(sorted(WORD_VALUES, key=len, reverse=True))})\s*(?:percentage points?|pct points?|points?|pp|%|percent|per cent|"
                       r"(?P<bp>basis points?|bps|bp)\b)",
                       re.IGNORECASE)


def relative_claims(article_id: str, text: str, s: int, e: int, sentence: str, made: list[Claim],
                    hits: list[PeriodHit], mentions: list[MentionRef]) -> list[Claim]:
    """'A rose 5% while B fell 1.4%' -> A minus B; 'A outperformed B (by N points)'."""
    out = []
    moves = [c for c in made if c.metric == "price_return" and c.value is not None and c.entity]
    for a, b in zip(moves, moves[1:]):
        if a.entity == b.entity or (a.ticker and a.ticker == b.ticker):
            continue
        between = text[a.end:b.start]
        joined = CONTRAST.search(between)
        if not joined or FLAG_FORWARD in a.flags or FLAG_FORWARD in b.flags:
            continue
        # 'A rose 2%, while B gained 1%' lists two moves; a contrast needs opposite
        # directions, or an explicit comparison ('compared with', 'versus', 'outpacing')
        if joined.group(0).lower() in ("while", "whilst", "whereas", "but") and (a.value > 0) == (b.value > 0):
            continue
        if a.ticker is None or b.ticker is None:
            continue            # a difference against an unknown basket cannot be checked
        if a.period != b.period:
            continue            # 'doubled over the past year, but B shed a third this month': two windows
        if not (re.search(r"\d", a.figure_text or "") and re.search(r"\d", b.figure_text or "")):
            continue            # 'down by high single digits': a size in words gives no gap worth a number
        qualifier = "exact" if a.qualifier == b.qualifier == "exact" else "approx"
        flags = tuple(f for f in (FLAG_UNRESOLVED,) if a.ticker is None or b.ticker is None)
        out.append(replace(a, start=a.start, end=b.end, metric="relative", value=round(a.value - b.value, 6),
                           qualifier=qualifier, precision=max(a.precision, b.precision),
                           figure_text=f"{a.figure_text} vs {b.figure_text}", partner_ticker=b.ticker,
                           partner_entity=b.entity, flags=flags))
    subjects = [m for m in mentions if s <= m.start < e]
    for m in OUTPERFORM.finditer(text, s, e):
        before = [x for x in subjects if x.end <= m.start()]
        after = [x for x in subjects if x.start >= m.end() and x.start - m.end() < 25]
        if not before or not after:
            continue
        a, b = before[-1], after[0]
        if re.search(r"[:;]", text[m.end():b.start]):
            continue            # 'Defence shares lagged: Kawasaki Heavy slid 2.8%': nothing was compared
        if any(c.metric == "relative" and c.partner_entity == b.text for c in out):
            continue
        sign = -1 if m.group("v").lower().startswith(("under", "lag", "trail")) else 1
        by = BY_FIGURE.match(text[b.end:e])
        hit = period_for(m.start(), m.end(), hits, [])
        own = next((c for c in made if c.ticker == a.ticker and c.metric == "price_return"), None)
        if hit is not None:
            period, source, ptext = hit.period, "sentence", hit.text
        elif own is not None:       # 'slipped 0.9%, underperforming the Nasdaq': the same window
            period, source, ptext = own.period, own.period_source, own.period_text
        else:
            period, source, ptext = "none", "default", ""
        value = sign * (WORD_VALUES.get(by.group("n").lower()) or float(by.group("n"))) if by else None
        if by and by.group("bp"):       # 'lagged the sector by 150 bps': a margin in hundredths of a point
            value = round(value / 100, 6)
        qualifier = "exact"
        if by and by.group("q"):
            qualifier = qualifier_before(by.group("q")) or "exact"
        prec = 10.0 ** -len(by.group("n").split(".")[1]) if by and "." in by.group("n") else 1.0
        if by and by.group("bp"):
            prec /= 100
        flags = [FLAG_NO_FIGURE] if value is None else []
        if a.ticker is None or b.ticker is None:
            flags.append(FLAG_UNRESOLVED)
        out.append(Claim(article_id=article_id, start=a.start, end=(b.end + by.end()) if by else b.end,
                         sentence_start=s, sentence_end=e, sentence=sentence, entity=a.text, ticker=a.ticker,
                         metric="relative", value=value, qualifier=qualifier,
                         period=period, period_source=source, period_text=ptext, precision=prec,
                         figure_text=by.group(0).strip() if by else m.group(0), partner_ticker=b.ticker,
                         partner_entity=b.text, flags=tuple(flags)))
    return out
