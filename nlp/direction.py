"""Direction claims: a move stated without a figure ('Nvidia shares fell on
Tuesday', 'amid the S&P 500 decline', 'the surge in JX Advanced Metals').

Metric 'direction', value +1.0 (rose) or -1.0 (fell). Only for securities the
registry knows, only when the sign word is said of the name itself, and never
beside a figure (that move is a price claim already) or after a modal.
"""

from __future__ import annotations

from spacy.tokens import Doc

from tapecheck.nlp.periods import PeriodHit, period_for
from tapecheck.nlp.subjects import SubjectFinder
from tapecheck.records import Claim

# Between a name and its verb: "Toyota shares were sharply lower".
_BETWEEN = frozenset("'s ’s shares stock stocks index were was is are has have had also sharply slightly further "
                     "briefly modestly steeply again".split())
_STATE_VERBS = frozenset("closed ended finished traded was were is are moved opened".split())
_RELATIVE_WORDS = frozenset(("up", "down", "higher", "lower"))
_NOUNS = frozenset("decline declines rally rallies surge surges slump selloff sell-off fall drop rise gains jump "
                   "plunge tumble rebound advance".split())
_NOT_A_MOVE_AFTER = frozenset("short to behind out into through apart prey victim in".split())
# 'Micron's surge fades': the noun's move is ending, which says nothing checkable about its sign
_FADING = frozenset("fades fade faded fading fizzles fizzled stalls stalled stall ends ended reverses reversed "
                    "cools cooled evaporates evaporated wanes waned unwinds unwound peters".split())
_VERB_FORMS = frozenset("rose fell slid sank lost shed grew leapt rises falls gains jumps slips drops climbs surges "
                        "rallies tumbles plunges sinks slides soars dips eases declines advances gained".split())


def _is_verb(word: str) -> bool:
    return word in _VERB_FORMS or word.endswith("ed")


def direction_claims(article_id: str, doc: Doc, text: str, s: int, e: int, lo: int, hi: int,
                     finder: SubjectFinder, hits: list[PeriodHit], made: list[Claim],
                     figure_starts: list[int], period_of) -> list[Claim]:
    """Direction claims of one sentence; ``period_of(hit, verbal)`` resolves the period."""
    signs = finder.v.signs
    quantified = {c.ticker for c in made}
    out: list[Claim] = []
    done: set[int] = set()
    for n, m in enumerate(finder.mentions):
        if not (s <= m.start < e) or m.ticker is None or m.ticker in quantified or n in done:
            continue
        members = finder.group(n, lo)
        last, first = finder.mentions[members[-1]], finder.mentions[members[0]]
        word = _after(doc, last.tok_end, hi, signs) or _before(doc, first.tok_start, lo, signs)
        if word is None:
            continue
        k = word
        if any(doc[k].idx <= f < doc[k].idx + 60 for f in figure_starts):
            continue                # a figure right after the verb: that is a price claim's business
        hit = period_for(doc[k].idx, doc[k].idx + len(doc[k].text), hits, [])
        # a verb reports a session ('fell'); a noun names a trend ('the surge in X'): no default window
        period, source, ptext = period_of(hit, _is_verb(doc[k].lower_) or doc[k].lower_ in _RELATIVE_WORDS)
        for member in members:
            ref = finder.mentions[member]
            if member in done or ref.ticker is None or ref.ticker in quantified:
                continue
            done.add(member)
            start, end = min(ref.start, doc[k].idx), max(ref.end, doc[k].idx + len(doc[k].text))
            out.append(Claim(article_id=article_id, start=start, end=end, sentence_start=s, sentence_end=e,
                             sentence=text[s:e], entity=ref.text, ticker=ref.ticker, metric="direction",
                             value=float(signs[doc[k].lower_]), qualifier="exact", period=period,
                             period_source=source, period_text=ptext, precision=1.0, figure_text=doc[k].text))
    return out


def _after(doc: Doc, k: int, hi: int, signs: dict[str, int]) -> int | None:
    """'Toyota shares fell', 'S&P 500 decline', 'Sony closed lower'."""
    state = False
    steps = 0
    while k < hi and doc[k].lower_ in _BETWEEN and steps < 4:
        steps += 1
        k += 1
    if k < hi and doc[k].lower_ in _STATE_VERBS:
        state = True
        k += 1
    if k >= hi:
        return None
    low = doc[k].lower_
    if low not in signs:
        return None
    if low in _RELATIVE_WORDS and not state:
        return None
    if not (low in _RELATIVE_WORDS or _is_verb(low) or low in _NOUNS):
        return None
    if k + 1 < hi and doc[k + 1].lower_ in _NOT_A_MOVE_AFTER:
        return None
    if low in _NOUNS and k + 1 < hi and doc[k + 1].lower_ in _FADING:
        return None
    return k


def _before(doc: Doc, k: int, lo: int, signs: dict[str, int]) -> int | None:
    """'the surge in JX Advanced Metals', 'a rally in Toyota shares'."""
    if k - 2 >= lo and doc[k - 1].lower_ in ("in", "of") and doc[k - 2].lower_ in _NOUNS:
        return k - 2
    if k - 3 >= lo and doc[k - 1].lower_ == "the" and doc[k - 2].lower_ in ("in", "of") \
            and doc[k - 3].lower_ in _NOUNS:
        return k - 3
    return None
