"""Claims: every stated price move in a document, as ``records.Claim``.

Works sentence by sentence over the spaCy doc: find the figures, drop the
ones that are not price moves, bind each to its subject, read its sign,
qualifier and period, then add relative and record-high claims. Periods
carry over from table headers and earlier sentences (see ``periods.period_for``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from spacy.tokens import Doc

from tapecheck.nlp.context import daily_report, review_period, table_values, weekly_report
from tapecheck.nlp.direction import direction_claims
from tapecheck.nlp.figures import Figure, find_figures
from tapecheck.nlp.periods import (PeriodHit, event_period, find_periods, fold, intraday, is_event, period_for,
                                   specificity)
from tapecheck.nlp.sessions import SessionTimes, mark_intraday, stamped
from tapecheck.nlp.relative import OUTPERFORM, relative_claims
from tapecheck.nlp.pipeline import sentence_spans
from tapecheck.nlp.sentences import paragraphs
from tapecheck.nlp.tables import Cell, table_cells
from tapecheck.nlp.subjects import BOUNDARIES, Found, MentionRef, SubjectFinder
from tapecheck.nlp.vocab import qualifier_before, vocab
from tapecheck.records import FLAG_FORWARD, FLAG_NO_FIGURE, FLAG_UNRESOLVED, Claim

AFTER_SIGNS = 3           # tokens after a figure that may hold its sign ('a 5% drop')
RECORD = re.compile(r"\b(?:record|all-time|all time|historic|lifetime)[- ](?:closing )?(?:highs?|peaks?|close|territory)\b|"
                    r"\b(?:hit|hits|set|sets|notched|reached|touched|marked|closed at|ended at|finished at|to) "
                    r"(?:an? )?(?:fresh |new )?records?\b|\bfresh records?\b|\bnew (?:all-time )?highs?\b|"
                    r"(?<=, )an? (?:new |fresh )?record(?: high| close)?\b(?! (?:low|number|amount|profit|loss|year))|"
                    r"\b(?:highest|best) (?:close|closing level|closing high|level|finish) (?:ever|on record)\b",
                    re.IGNORECASE)
# every RECORD alternative holds one of these: a cheap test on periods.fold(text) before RECORD runs
RECORD_HINT = re.compile(r"record|all-time|all time|historic|lifetime|new |ever")
# Cheap gates: a sentence without any of these cannot hold a claim or a period.
CANDIDATE = re.compile(r"[0-9%]|percent|per cent|pct|digit|doubl|tripl|trebl|quadrupl|halv|half|third|quarter|fifth|tenth|fold\b|record|all-time|all time|new high|"
                       r"outperform|underperform|outpac|lag|trail|beat", re.IGNORECASE)
PERIOD_HINT = re.compile(r"week|month|year|peak|record|high|low|trough|top|ytd|y-t-d|mtd|day|today|yesterday|night|since|session|trad|close|"
                         r"deal|annual|twelve|12|[12][09]\d\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|"
                         r"[dwmy]/[dwmy]|yoy|mom|wow|dod|mon|tue|wed|thu|fri|half|quarter|q[1-4]|h[12]|open|midday|noon|lunch|morning|afternoon|hours|bell|premarket|pre-market|\d:\d\d",
                         re.IGNORECASE)


def _folded_gate(pattern: re.Pattern) -> tuple[re.Pattern, ...]:
    """A flat IGNORECASE alternation as case-sensitive patterns for periods.fold(text):
    the alternatives opening with a literal in one (sre then skips ahead to their
    first characters), the rest in another; the gate passes if any finds a match."""
    alts = pattern.pattern.split("|")
    assert "(" not in pattern.pattern, "a gate must be a flat alternation"
    groups = ([a for a in alts if a[:1].isalnum()], [a for a in alts if not a[:1].isalnum()])
    return tuple(re.compile("|".join(g)) for g in groups if g)


CANDIDATE_FOLDED = _folded_gate(CANDIDATE)
PERIOD_HINT_FOLDED = _folded_gate(PERIOD_HINT)
# a figure inside ', which jumped 9% last week,' lends its period to nothing else
RELATIVE_CLAUSE = re.compile(r",\s+(?:which|who)\b")
RELATIVE_CLAUSE_SPAN = re.compile(r",\s+(?:which|who)\b[^,]*,")
RELATIVE_CLAUSE_OPEN = re.compile(r",\s+(?:which|who)\b[^,]*$")
SUPERLATIVE = re.compile(r"\b(?:biggest|largest|steepest|sharpest|worst|best|highest|lowest|strongest|weakest|"
                         r"first time|most|least)\b[\w\s'-]{0,30}$", re.IGNORECASE)
AFTER_CLAUSE = re.compile(r"\b(?:after|as|because|following|amid|when)\b", re.IGNORECASE)
# 'rose 1.9%, though the benchmark is still down 6.1% for the week': the later window is not this move's
CONCESSIVE = re.compile(r"\b(?:though|although|still|even after|even as|even though|despite)\b", re.IGNORECASE)
# 'giving back part of their gains from earlier in the week': another part of the window, not this move's
EARLIER_PART = re.compile(r"\b(?:earlier|later)\s+$", re.IGNORECASE)
THE_MONTH = re.compile(r"(?:over|during|across|in) the month", re.IGNORECASE)
VERB_DEFAULT = "1d"       # a move stated with a verb and no period: the day's session
BARE_DEFAULT = "none"     # a bare figure ('+5%', a table cell) and no period anywhere


@dataclass
class _State:
    """What carries from one sentence to the next."""
    claims: list[Claim] = field(default_factory=list)
    table_period: PeriodHit | None = None
    paragraph_period: tuple[str, str, str | None, int] | None = None  # (period, text, ticker, sentence start)
    subject_periods: dict[str, tuple[str, str]] = field(default_factory=dict)  # ticker -> period said with it
    cells: dict[int, Cell] = field(default_factory=dict)       # table cells by start (see ``tables``)
    cell_starts: list[int] = field(default_factory=list)
    row_periods: dict[str, tuple[str, str]] = field(default_factory=dict)  # ticker -> period its table row states
    table_values: dict[tuple[str, float], tuple[str, str]] = field(default_factory=dict)  # (ticker, %) -> column period
    paragraph_year: str | None = None   # the last 'year:2025' named in the paragraph
    daily: bool | None = None   # a closing report: a bare figure with no period is the session's move (lazy)
    weekly: bool | None = None  # a weekly column: a verb's move with no period is the week's (lazy)
    review: str | None = None   # a weekly/monthly review: the span a verb's move with no period covers ('' if none; lazy)
    session_times: SessionTimes = field(default_factory=SessionTimes)   # a flash list's closing time (lazy)
    folded: str | None = None   # periods.fold(text): the cheap gates run on it case-sensitively
    events: list[PeriodHit] = field(default_factory=list)   # dated events 'since' may point back to


def _row_like(text: str, s: int, e: int, header: bool = False) -> bool:
    """A whole line without closing punctuation: a table row, header or headline
    (a header may end with a colon: 'Top gainers of the week:')."""
    line_start = text.rfind("\n", 0, s) + 1
    line_end = text.find("\n", e)
    line_end = len(text) if line_end == -1 else line_end
    line = text[line_start:line_end].strip()
    body = line.rstrip("'\")")          # closing punctuation, perhaps inside quotes or a parenthesis
    closed = body[-1:] in (".", "!", "?", ";") or (not header and body[-1:] == ":")
    return not closed and len(line.split()) <= 16


def _set_table_period(state: _State, hits: list[PeriodHit]) -> None:
    """A header line's period; 'YTD 2026' in a title is not undone by a later '(YTD)'."""
    if state.table_period is None or not (
            state.table_period.period.split(":")[0] == hits[-1].period.split(":")[0]
            and specificity(state.table_period.period) > specificity(hits[-1].period)):
        state.table_period = hits[-1]


def _sign_near(doc: Doc, lo: int, i0: int, i1: int, hi: int, signs: dict[str, int]) -> tuple[int, bool]:
    """Sign for the figure at [i0, i1): a word right after it ('a 5% drop'),
    else the nearest sign word before it in [lo, i0). Returns (sign, found)."""
    for k in range(i1, min(hi, i1 + AFTER_SIGNS)):
        low = doc[k].lower_
        pair = f"{low} {doc[k + 1].lower_}" if k + 1 < hi else ""
        if pair in signs:           # '14% below where it started the year'
            return signs[pair], True
        if low in signs and not (low in ("up", "down") and k + 1 < hi and doc[k + 1].lower_ == "to"):
            return signs[low], True
        if low in (",", ";", "(", ")", "and", "while", "but", "on", "after", "as") or doc[k].like_num:
            break
    for k in range(i0 - 1, lo - 1, -1):
        low = doc[k].lower_
        pair = f"{doc[k - 1].lower_} {low}" if k > lo else ""
        if pair in signs:           # 'gave up 9%', 'handed back 2%': the pair outranks 'up'/'back'
            return signs[pair], True
        if low in signs:
            if low == "up" and k + 1 < i0 and doc[k + 1].lower_ == "to":
                continue
            return signs[low], True
    return 1, False


def _forward(doc: Doc, lo: int, i1: int, hi: int, words: frozenset[str],
             aside: tuple[tuple[int, int], ...] = ()) -> bool:
    """A forecast word in the figure's clause; words inside ``aside`` (the event
    of 'since Ishiba said ... that he would step down') are not the move's."""
    skipping = False
    for k in range(lo, min(hi, i1 + 3)):
        low = doc[k].lower_
        if aside and any(a <= doc[k].idx < b for a, b in aside):
            continue
        if k >= i1 and (low in _STOPS or doc[k].is_punct):
            break
        if (low in ("which", "who") and k > lo and doc[k - 1].text == ","
                and any(doc[j].text == "," for j in range(k + 1, i1))):
            skipping = True     # an aside that closes before the figure; one holding it is the figure's clause
        elif skipping and doc[k].text == ",":
            skipping = False
        elif not skipping and low in words:
            return True
    return False


def _clause_start(doc: Doc, lo: int, i0: int) -> int:
    for k in range(i0 - 1, lo - 1, -1):
        if doc[k].lower_ in BOUNDARIES:
            return k + 1
    return lo


def _not_a_move(doc: Doc, text: str, fig: Figure, i0: int, i1: int, hi: int, finder: SubjectFinder,
                row: bool = False) -> bool:
    """Figures that describe something other than a price move."""
    if fig.kind in ("pct", "pp", "nofig"):
        before = text[max(0, fig.start - 40):fig.start].lower()
        if fig.qualifier is None and qualifier_before(before):
            before = vocab().qualifier_re.sub("", before)
        # 'rose to 35%', 'from 2% to 3%': the level of a rate, not a move
        if re.search(r"\b(?:to|from|at|of)\s+(?:a\s+|an\s+)?$", before) and \
                not re.search(r"\b(?:gains?|loss(?:es)?|rally|advance|decline|slide|rise|fall|drop|jump|by|growth|surge|returns?|up|down|"
                              r"success|performance|increase|slump|rebound)(?:\s+[\w-]+){0,3}\s+(?:of|to)\s+$", before):
            return True
        # '5% of the shares', '30% of the vote' (but '30% of its value' is a move)
        k = i1
        if k < hi and doc[k].lower_ == "of":
            nxt = " ".join(t.lower_ for t in doc[k + 1:min(hi, k + 4)])
            if not re.match(r"(?:its|their|the stock's|the company's)?\s*(?:market\s+)?(?:value|capitali[sz]ation|cap)", nxt):
                return True
    # 'lifted its annual forecast by 8%', 'cut the dividend to 2%': a change in a company's numbers
    if re.search(r"\b(?:forecasts?|outlook|guidance|targets?|estimates?|projections?|view|dividends?|payout|"
                 r"buyback|stake)\s+(?:by|to)\s+(?:(?:about|around|some|roughly|nearly|almost|more than|over)\s+)?$",
                 text[max(0, fig.start - 40):fig.start], re.IGNORECASE):
        return True
    # 'shaving about 40 points off the index': the name's weight in an index's move, not its own move
    if fig.kind == "points" and re.match(r"\s+(?:off|from|to|for|on)\s+(?:the\s+)?(?:[\w-]+\s+)?(?:index|benchmark|average|gauge)\b",
                                         text[fig.end:fig.end + 40], re.IGNORECASE):
        return True
    # '10%-a-quarter', '3% a year': a rate of growth, not a move
    if re.match(r"\s*-?\s*(?:a|per|each|every)[- ](?:year|quarter|month|week|day|annum|session)\b",
                text[fig.end:fig.end + 20], re.IGNORECASE):
        return True
    if fig.kind == "level":
        # 'touching 60 intraday': a level passed during the session is not a close
        return bool(re.search(r"\btouch(?:ed|es|ing)?\s+$", text[max(0, fig.start - 12):fig.start], re.IGNORECASE)
                    or re.match(r"\s*(?:intraday|in intraday|at one point|earlier in the (?:day|session))",
                                text[fig.end:fig.end + 30], re.IGNORECASE))
    # '15% below its record high': a distance from a level, not a move
    if re.match(r"\s*(?:below|above|off|short of|under)\s+(?:its|their|the)\s+(?:[\w-]+\s+){0,2}"
                r"(?:high|highs|peak|record|low|lows|level|top|average|target|price)\b", text[fig.end:fig.end + 40]):
        return True
    # '5% more cars', '3% fewer visitors'
    if i1 + 1 < hi and doc[i1].lower_ in ("more", "fewer", "less") and doc[i1 + 1].is_alpha \
            and doc[i1 + 1].lower_ not in ("than",):
        return True
    # a table row 'Name  figure  comment': the comment is another column
    k = i0 - 1
    while k > 0 and doc[k].is_space:
        k -= 1
    if row and k >= 0 and k in finder.at:
        return False
    for k in range(i1, min(hi, i1 + 5)):
        t = doc[k]
        if finder.is_nonprice(k):
            return True
        if t.is_punct and t.text not in "-" or t.lower_ in _STOPS or k in finder.at:
            break
    return False


_STOPS = frozenset("on after as while but and amid since over this last to at if when because despite with "
                   "following before until even ahead".split())


_AND_VERB = re.compile(r"\b(?:and|but|then)\s+(?:(?:has|have|had|is|was|are|were|also|then|later|now|still|"
                       r"since|so far|been)\s+)*(?P<verb>[a-z]+)\b", re.IGNORECASE)


_LINKED_PARTICIPLE = re.compile(r",?\s+\b(?:before|after)\s+(?P<verb>[a-z]+ing)\s+(?:[a-z]+\s+){0,2}$", re.IGNORECASE)
_CLOSE_PARTICIPLES = frozenset("closing ending finishing settling".split())


def _named_year(hits: list[PeriodHit], state: _State) -> list[PeriodHit]:
    """'ended 2025 up 55%, and Toyota gained 6.7% for the year': 'for the year'
    is the year the sentence already named, not the current one; 'over the
    calendar year' is the year the paragraph named."""
    out = []
    year = None
    for h in hits:
        if h.period.startswith("year:"):
            year = state.paragraph_year = h.period
        elif h.period == "ytd" and year and re.fullmatch(r"(?:for|on|over) the year", h.text, re.IGNORECASE):
            h = PeriodHit(h.start, h.end, year, h.text)
        elif h.period == "ytd" and (year or state.paragraph_year) and re.search(
                r"\b(?:calendar|full) year$", h.text, re.IGNORECASE):
            h = PeriodHit(h.start, h.end, year or state.paragraph_year, h.text)
        out.append(h)
    return out


_PLUPERFECT = re.compile(r"\b(?:after|as|when|because|since|following|though|although)\b[^.;]*?\bhad\b(?P<rest>[^.;]*)$",
                         re.IGNORECASE)


def _earlier_clause(before: str) -> bool:
    """'..., after both had fallen in the previous two sessions': a period in a
    pluperfect clause dates an earlier event, not the sentence's moves."""
    m = _PLUPERFECT.search(before)
    return m is not None and not re.search(r"\d\s?%", m.group("rest"))


def _shared_subject(text: str, prev_end: int, fig_start: int, found, signs: dict[str, int]) -> bool:
    """A clause 'and has gained 60%' has no subject of its own: it shares the
    subject of the figure before it, even when another name ('on the back of
    Advantest's print') sits in between."""
    if found.kind not in ("mention", "anaphora") or found.start < prev_end:
        return False
    m = None
    for m in _AND_VERB.finditer(text, prev_end, fig_start):
        pass
    if m is not None and m.group("verb").lower() in signs and m.start() > found.end:
        return True
    # '..., before closing 17% higher', 'after falling 3.2%': a participle with no subject of its own
    p = _LINKED_PARTICIPLE.search(text, max(prev_end, found.end), fig_start)
    return p is not None and (p.group("verb").lower() in signs or p.group("verb").lower() in _CLOSE_PARTICIPLES)


def _outperform_margin(text: str, s: int, fig: Figure) -> bool:
    """'outperformed the Dow by 2.5 points': the margin belongs to the relative claim."""
    before = text[max(s, fig.start - 60):fig.start]
    return bool(OUTPERFORM.search(before) and re.search(r"\bby\s+(?:[a-z]+\s+){0,2}$", before))


def extract_claims(article_id: str, doc: Doc, mentions: list[MentionRef],
                   published: datetime | date | None = None, text: str | None = None) -> list[Claim]:
    text = doc.text if text is None else text      # doc.text rebuilds the string: pass it when known
    finder = SubjectFinder(doc, mentions)
    v = vocab()
    state = _State()
    state.folded = fold(text)
    state.cells = table_cells(text)
    state.cell_starts = sorted(state.cells)
    state.row_periods = _row_periods(text, doc, finder, published)
    state.table_values = table_values(text, state.cells, finder)
    bounds = [pend for _, pend in paragraphs(text)]
    current = -1
    for sent in sentence_spans(doc):
        para = bisect.bisect_right(bounds, sent.start_char)
        if para != current:
            current = para
            state.table_period = None
            state.paragraph_period = None
            state.paragraph_year = None
            state.subject_periods = {}
        _sentence(article_id, doc, text, sent, finder, v, state, published)
    return state.claims


def _sentence(article_id, doc, text, sent, finder: SubjectFinder, v, state: _State, published) -> None:
    s, e = sent.start_char, sent.end_char
    while e > s and text[e - 1].isspace():
        e -= 1
    lo, hi = sent.start, sent.end
    mention_spans = finder.spans_between(s, e)
    row = _row_like(text, s, e)
    folded = state.folded
    if folded is not None:
        maybe_claim = any(g.search(folded, s, e) for g in CANDIDATE_FOLDED)
    else:
        maybe_claim = CANDIDATE.search(text, s, e) is not None
    if not maybe_claim and not row and not mention_spans and not text[s:e].rstrip().endswith(":"):
        return                      # nothing here can be or shape a claim: the common case, kept cheap
    hint = any(g.search(folded, s, e) for g in PERIOD_HINT_FOLDED) if folded is not None \
        else PERIOD_HINT.search(text, s, e)
    hits = find_periods(text, s, e, published, folded) if hint else []
    # 'its steepest drop since 2020' dates a comparison, not the move
    hits = [h for h in hits if not SUPERLATIVE.search(text, max(s, h.start - 40), h.start)
            and not _earlier_clause(text[s:h.start]) and not EARLIER_PART.search(text, max(s, h.start - 12), h.start)]
    hits = _named_year(hits, state)
    hits = [event_period(h, state.events) for h in hits]
    if any(THE_MONTH.fullmatch(h.text) for h in hits) and _review(state, text, published).startswith("month:"):
        # 'October in review', published in mid-November: 'over the month' is October
        hits = [PeriodHit(h.start, h.end, state.review, h.text) if THE_MONTH.fullmatch(h.text) else h for h in hits]
    state.events += [h for h in hits if is_event(h)]
    # 'The election was held on 20 July.' -> a later 'since the vote' / 'since that day' starts there
    state.events += [PeriodHit(h.start, h.end, "since:" + h.period[4:], text[s:e]) for h in hits
                     if h.period.startswith("day:") and len(h.period) == 14]
    figs = [f for f in find_figures(text, s, e)
            if not any(ms <= f.start < me or ms < f.end <= me for ms, me in mention_spans)] if maybe_claim else []
    records = list(RECORD.finditer(text, s, e)) if maybe_claim and (
        folded is None or RECORD_HINT.search(folded, s, e)) else []
    cells = _row_cells(state, s, e)
    if cells:       # a table row: each cell is read as its column says (percent move, level, points, text)
        figs = sorted([f for f in figs if not any(c.start <= f.start < c.end for c in cells.values())] +
                      [c.figure for c in cells.values() if c.figure is not None and (
                          c.figure.kind == "pct" or c.dated or state.table_period is not None)],
                      key=lambda f: f.start)
    if not maybe_claim:
        if hits and (row or _row_like(text, s, e, header=True)):
            _set_table_period(state, hits)
        elif hits:
            for m in finder.mentions:
                if s <= m.start < e and m.ticker:
                    state.subject_periods[m.ticker] = (hits[-1].period, hits[-1].text)
        if mention_spans:
            state.claims.extend(direction_claims(
                article_id, doc, text, s, e, lo, hi, finder, hits, [], [],
                lambda hit, verbal: _period(hit, None, "direction", None, verbal, state, text, s, e, carry=False)))
        return
    if not figs and not records and hits and (row or _row_like(text, s, e, header=True)):
        if not mention_spans:   # a row that names a security ('TOPIX ++% (for the week)') dates only itself
            _set_table_period(state, hits)
            return
    sentence = text[s:e]
    new: list[Claim] = []
    pending: list[tuple[Figure, Found, int, int, int, bool]] = []
    for n, fig in enumerate(figs):
        span = doc.char_span(fig.start, fig.end, alignment_mode="expand")
        if span is None:
            continue
        i0, i1 = span.start, span.end
        if _not_a_move(doc, text, fig, i0, i1, hi, finder, row) or _outperform_margin(text, s, fig):
            continue
        found = finder.find(i0, i1, lo, hi)
        if pending and _shared_subject(text, pending[-1][0].end, fig.start, found, v.signs):
            found = pending[-1][1]  # 'X rose 3% on Y's results and has gained 60% this year': both X's
        if found.kind in ("nonprice", "none"):
            continue
        if fig.kind == "pp":
            continue            # percentage points belong to relative claims only
        subj_end_tok = found.tok_end if found.start < fig.start else _clause_start(doc, lo, i0)
        sign, worded = (fig.explicit_sign, False) if fig.explicit_sign else _sign_near(
            doc, max(lo, subj_end_tok), i0, i1, hi, v.signs)
        if not fig.explicit_sign and not worded and pending and fig.kind in ("pct", "points"):
            sign, worded = pending[-1][3], pending[-1][5]       # 'Toyota fell 3% and Honda 2%'
        elif fig.explicit_sign and pending and pending[-1][5] and re.fullmatch(
                r"[^.]*[;,][^;,.]*", text[pending[-1][0].end:fig.start]):
            worded = True           # 'Kioxia sinks 19%; Advantest -11%': the list shares the verb's session
        pending.append((fig, found, i0, sign, i1, worded))

    # a list of subjects with as many figures: 'rose 2% and 3%, respectively'
    by_group: dict[tuple[int, ...], list[int]] = {}
    for n, (fig, found, *_rest) in enumerate(pending):
        if len(found.members) > 1:
            by_group.setdefault(found.members, []).append(n)

    forward_at: dict[int, bool] = {}
    events = tuple((h.start, h.end) for h in hits if h.period.startswith("since"))
    prev_hit: PeriodHit | None = None
    kept_starts = {f.start for f, *_ in pending}
    fig_zones = [(f.start, f.end, f.start in kept_starts) for f in figs]
    for n, (fig, found, i0, sign, i1, worded) in enumerate(pending):
        nxt = pending[n + 1][1] if n + 1 < len(pending) else None
        zone_end = nxt.start if nxt is not None and nxt.kind != "none" and fig.end <= nxt.start else None
        own_start = max([found.start if found.start < fig.start else s] +
                        [f.end for f in figs if f.end <= fig.start])
        for clause in RELATIVE_CLAUSE_SPAN.finditer(text, found.start if found.start < fig.start else s, fig.start):
            own_start = max(own_start, clause.end())        # 'Micron, which jumped 9% last week, gave back 3.8%'
        # '... and the TOPIX 7.3%; over the first half the TOPIX added 2.4%': a semicolon opens the next clause
        semi = text.find(";", fig.end, nxt.start) if zone_end is not None else -1
        if semi != -1:
            zone_end = semi
        prev_end = max([f.end for f in figs if f.end <= fig.start], default=s)
        if found.start < fig.start and text.rfind(";", prev_end, found.start) != -1:
            own_start = text.rfind(";", prev_end, found.start) + 1
        later = [f.start for f in figs if f.start >= fig.end]
        # 'Kioxia, which debuted in December, has since risen fivefold': the clause's date is not the move's
        aside = [(m.start(), m.end()) for m in RELATIVE_CLAUSE_SPAN.finditer(text, s, e)
                 if not m.start() <= fig.start < m.end()]
        # 'lost 2.43% after a payrolls report showed ... jobs in July': the month dates the report
        own_hits = [h for h in hits if not (h.start >= fig.end and h.period.startswith(("month:", "year:"))
                                             and AFTER_CLAUSE.search(text, fig.end, h.start))
                    and not any(a <= h.start < b for a, b in aside)]
        clause_end = text.find(";", fig.end, e)        # '... ends +9.2%; still down 9.6% on the week'
        if clause_end != -1:
            own_hits = [h for h in own_hits if h.start < clause_end]
        hit = period_for(fig.start, fig.end, own_hits, fig_zones, zone_end, own_start,
                         trailing=fig.kind != "level" and not CONCESSIVE.search(text, fig.end, later[0] if later else e))
        cell = cells.get(fig.start)
        if cell is not None and cell.column.period:
            hit = PeriodHit(cell.start, cell.end, cell.column.period, cell.column.header)
        elif cell is not None and fig.kind in ("level", "points"):
            hit = _close_period(cell, state, published)
        elif hit is None and prev_hit is not None and prev_hit.period not in ("since_event", "none"):
            hit = prev_hit          # 'The DAX rose 1.5% on Tuesday, but the CAC 40 slipped 0.5%'
        if fig.kind != "level" and (not RELATIVE_CLAUSE.search(text, s, fig.start) or not RELATIVE_CLAUSE_OPEN.search(
                text[s:fig.start])):
            prev_hit = hit          # a level's day ('ending Friday at 45,045') is no window for the next move
        window_lo = _clause_start(doc, lo, i0) if found.start >= fig.start else \
            _clause_start(doc, lo, doc.char_span(found.start, found.end, alignment_mode="expand").start)
        earlier = [f for f in figs if f.end <= fig.start]
        if earlier:                 # a cue before an earlier figure belongs to that figure's sentence part
            prev = doc.char_span(earlier[-1].start, earlier[-1].end, alignment_mode="expand")
            if prev is not None:
                window_lo = max(window_lo, prev.end)
        forward = _forward(doc, window_lo, i1, hi, v.forward, events)
        if earlier and found.start < earlier[-1].start and forward_at.get(earlier[-1].start):
            forward = True          # 'reaching 4,000 by year-end, a 12% gain': same forecast, same subject
        forward_at[fig.start] = forward
        members = found.members or (None,)
        group = by_group.get(found.members)
        if group and len(group) == len(members) and len(members) > 1:
            members = (members[group.index(n)],)
        for member in members:
            if member is None:
                ent_start, ent_end, entity, ticker = found.start, found.end, found.text, found.ticker
            else:
                ref = finder.mentions[member]
                ent_start, ent_end, entity, ticker = ref.start, ref.end, ref.text, ref.ticker
                if found.kind == "anaphora":
                    ent_start, ent_end, entity = found.start, found.end, found.text
            claim = _claim(article_id, text, s, e, sentence, fig, sign, worded, entity, ticker,
                           ent_start, ent_end, hit, forward, state)
            if cell is not None and (cell.column.period or fig.kind in ("level", "points")):
                claim = replace(claim, period_source="table_header")
            new.append(claim)
    new += _records(article_id, doc, text, sent, records, finder, hits, state, new)
    new += relative_claims(article_id, text, s, e, sentence, new, hits, finder.mentions)
    new += direction_claims(article_id, doc, text, s, e, lo, hi, finder, hits, new, [f.start for f in figs],
                            lambda hit, verbal: _period(hit, None, "direction", None, verbal, state, text, s, e,
                                                        carry=False))
    if new:
        new = mark_intraday(new, text, s, state.session_times)
    undated = [c for c in new if c.period == "none" and c.period_source == "default"]
    if undated and state.daily is None:
        state.daily = daily_report(text)
    if undated and (state.daily or any(c.metric == "level" for c in new) or stamped(text, s)):
        # 'Nikkei 225: 54,341.23 (+1.48%)', '* Toyota -3.1%' in a closing report: the session's move
        new = [replace(c, period=VERB_DEFAULT) if c.period == "none" and c.period_source == "default"
               and c.metric in ("price_return", "points") and c.value is not None and FLAG_FORWARD not in c.flags
               else c for c in new]
    verb_dated = [c for c in new if c.period == VERB_DEFAULT and c.period_source == "default"
                  and c.metric in ("price_return", "points") and FLAG_FORWARD not in c.flags]
    if verb_dated and state.weekly is None:
        state.weekly = weekly_report(text)
    if verb_dated and (_review(state, text, published) or state.weekly):
        # a weekly column or review: 'Mitsubishi Heavy fell 3.1%' with no window of its own is the week's
        # (the month's) move
        span, label = (state.review, "(review)") if state.review else ("week", "(weekly report)")
        new = [replace(c, period=span, period_text=label) if c in verb_dated else c for c in new]
    for c in new:
        if c.period_source in ("sentence", "context") and c.period not in ("none", "since_event"):
            state.paragraph_period = (c.period, c.period_text, c.ticker, s)
    if hits and not row:
        for m in finder.mentions:
            if s <= m.start < e and m.ticker:
                state.subject_periods[m.ticker] = (hits[-1].period, hits[-1].text)
    state.claims.extend(new)


def _review(state: _State, text: str, published) -> str:
    """The span the article reviews ('week', 'month:2025-10'), '' for no review; read once, when first needed."""
    if state.review is None:
        state.review = review_period(text, published) or ""
    return state.review


def _close_period(cell: Cell, state: _State, published) -> PeriodHit:
    """A table's close or point change is the session the table is dated by:
    a date in its header ('Close (31 Oct)'), a day its caption names, else the
    article's latest session ('1d')."""
    if cell.when:
        phrase = f"on {cell.when}"
        hits = find_periods(phrase, 0, len(phrase), published)
        if hits and hits[0].period.startswith("day:"):
            return PeriodHit(cell.start, cell.end, hits[0].period, cell.column.header)
    caption = state.table_period
    if caption is not None and (caption.period == "1d" or caption.period.startswith("day:")):
        return PeriodHit(cell.start, cell.end, caption.period, caption.text)
    return PeriodHit(cell.start, cell.end, VERB_DEFAULT, cell.column.header)


def _row_cells(state: _State, s: int, e: int) -> dict[int, Cell]:
    i = bisect.bisect_left(state.cell_starts, s)
    out = {}
    while i < len(state.cell_starts) and state.cell_starts[i] < e:
        out[state.cell_starts[i]] = state.cells[state.cell_starts[i]]
        i += 1
    return out


def _claim(article_id, text, s, e, sentence, fig: Figure, sign, worded, entity, ticker, ent_start, ent_end,
           hit: PeriodHit | None, forward: bool, state: _State) -> Claim:
    metric = {"pct": "price_return", "mult": "price_return", "nofig": "price_return",
              "points": "points", "level": "level"}[fig.kind]
    if fig.value is None:
        value = None
    elif fig.kind in ("level", "mult") or fig.explicit_sign:
        value = fig.value
    else:
        value = sign * fig.value
    qualifier = fig.qualifier or qualifier_before(text[max(s, fig.start - 30):fig.start]) or "exact"
    flags = []
    if value is None:
        flags.append(FLAG_NO_FIGURE)
    if ticker is None:
        flags.append(FLAG_UNRESOLVED)
    if forward:
        flags.append(FLAG_FORWARD)
    period, source, ptext = _period(hit, ticker, metric, value, worded and not forward, state, text, s, e)
    if forward and source == "default":
        period = BARE_DEFAULT           # a forecast with no horizon says nothing of a past window
    start = min(ent_start, fig.start) if s <= ent_start < e else fig.start
    end = max(ent_end, fig.end) if s <= ent_start < e else fig.end
    return Claim(article_id=article_id, start=start, end=end, sentence_start=s, sentence_end=e,
                 sentence=sentence, entity=entity, ticker=ticker, metric=metric, value=value,
                 qualifier=qualifier, period=period, period_source=source, period_text=ptext,
                 precision=fig.precision, figure_text=fig.text, flags=tuple(flags))


# Time frames that place a story rather than state a move's window.
VAGUE_FRAME = re.compile(r"in (?:early|late|mid)[- ]", re.IGNORECASE)


def _period(hit, ticker, metric, value, worded, state: _State, text, s, e, carry: bool = True) -> tuple[str, str, str]:
    """Period of a claim and where it came from (see the module docstring)."""
    if hit is not None:
        if VAGUE_FRAME.match(hit.text) and ticker in state.row_periods:
            # 'In early 2026 ... Nikkei +5%' beside a row 'Nikkei 225 >>% (for the week)':
            # a vague time frame yields to the period the article states for that security
            return state.row_periods[ticker][0], "context", state.row_periods[ticker][1]
        return hit.period, "sentence", hit.text
    if state.table_period is not None and _row_like(text, s, e):
        return state.table_period.period, "table_header", state.table_period.text
    for c in reversed(state.claims):       # the same figure said again of the same security
        if ticker and c.ticker == ticker and c.metric == metric and c.value == value and c.period != "none":
            return c.period, "context", c.period_text
    stated = state.table_values.get((ticker, round(value, 4))) if ticker and value is not None else None
    if stated is not None and not _row_like(text, s, e):
        # 'IHI slipped 2.1%' beside a table row 'IHI | -2.1' under '1W %': the table dates the same figure
        return stated[0], "context", stated[1]
    if ticker and ticker in state.subject_periods and not intraday(state.subject_periods[ticker][1]):
        # 'Toyota reported on Tuesday. The shares rose 3%.'
        return state.subject_periods[ticker][0], "context", state.subject_periods[ticker][1]
    if ticker in state.row_periods and not _row_like(text, s, e):
        # 'the Nikkei rose 5%' beside a table row 'Nikkei 225  >>% (for the week)': the row dates it
        return state.row_periods[ticker][0], "context", state.row_periods[ticker][1]
    if carry and state.paragraph_period is not None and _carries(state.paragraph_period, ticker, s) and not (
            intraday(state.paragraph_period[1]) and stamped(text, s)):
        # 'At the lunch break the Nikkei is down 4.1%. Mitsubishi Heavy is off 3%.': still the lunch break
        # (but a flash line stands alone: '11:31 ... at midday' says nothing of '15:31 ... closes')
        return state.paragraph_period[0], "context", state.paragraph_period[1]
    return (VERB_DEFAULT if worded or metric == "level" else BARE_DEFAULT), "default", ""


def _row_periods(text: str, doc: Doc, finder: SubjectFinder, published) -> dict[str, tuple[str, str]]:
    """Periods that a table row or list line states for exactly one security
    ('Nikkei 225   >>% (for the week)'); a security whose rows disagree has none."""
    seen: dict[str, set[tuple[str, str]]] = {}
    for sent in sentence_spans(doc):
        s, e = sent.start_char, sent.end_char
        if "(" not in text[s:e] or not _row_like(text, s, e) or not PERIOD_HINT.search(text, s, e):
            continue
        tickers = {m.ticker for m in finder.mentions if s <= m.start < e and m.ticker}
        hits = [h for h in find_periods(text, s, e, published) if h.period not in ("none", "since_event")
                and text.count("(", s, h.start) > text.count(")", s, h.start)]     # '(for the week)'
        if len(tickers) == 1 and len(hits) == 1:
            seen.setdefault(tickers.pop(), set()).add((hits[0].period, hits[0].text))
    return {t: next(iter(p)) for t, p in seen.items() if len({x for x, _ in p}) == 1}


def _carries(prev: tuple[str, str, str | None, int], ticker: str | None, s: int) -> bool:
    """An earlier sentence's period reaches a period-less move only when it is
    about the same security, or names the session ('on Tuesday', 'today');
    'X is up 40% this year. Y fell 3%.' does not make Y's fall a ytd one."""
    period, _, prev_ticker, prev_sentence = prev
    return prev_sentence == s or (ticker is not None and ticker == prev_ticker) or \
        period == "1d" or period.startswith("day:")


def _records(article_id, doc, text, sent, records, finder: SubjectFinder, hits, state, made) -> list[Claim]:
    out = []
    s, e = sent.start_char, sent.end_char
    while e > s and text[e - 1].isspace():
        e -= 1
    for m in records:
        if re.search(r"\blows?\b", m.group(0), re.IGNORECASE) or re.search(
                r"\b(?:below|above|off|from|near|short of|under|within|close to|approaching)\s+(?:(?:its|their|the)\s+)?(?:\w+\s+)?$",
                text[max(s, m.start() - 30):m.start()]):
            continue
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        found = finder.find(span.start, span.end, sent.start, sent.end)
        if found.kind in ("nonprice", "none"):
            continue
        zones = [(c.start if c.start >= m.end() else c.end, c.end, True) for c in made if c.end > m.end()]
        hit = period_for(m.start(), m.end(), hits, zones)
        forward = _forward(doc, _clause_start(doc, sent.start, span.start), span.end, sent.end, vocab().forward)
        members = found.members or (None,)
        for member in members:
            ref = finder.mentions[member] if member is not None else None
            entity = ref.text if ref and found.kind == "mention" else found.text
            ticker = ref.ticker if ref else found.ticker
            if hit is not None:
                period, source, ptext = hit.period, "sentence", hit.text
            else:
                period, source, ptext = "1d", "default", ""
            flags = [FLAG_UNRESOLVED] if ticker is None else []
            if forward:
                flags.append(FLAG_FORWARD)
            start = min(found.start, m.start()) if s <= found.start < e else m.start()
            out.append(Claim(article_id=article_id, start=start, end=max(m.end(), found.end), sentence_start=s,
                             sentence_end=e, sentence=text[s:e], entity=entity, ticker=ticker, metric="record_high",
                             value=None, qualifier="exact", period=period, period_source=source, period_text=ptext,
                             precision=1.0, figure_text=m.group(0), flags=tuple(flags)))
    return out
