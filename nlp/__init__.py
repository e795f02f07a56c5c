"""NLP stage: Article -> mentions of securities and the price claims made.

    from tapecheck.nlp import extract
    result = extract(article)            # Extraction(mentions=[...], claims=[...])

Pure: no database, no network. The spaCy pipeline and the registry are built
once per process. Reading rules an analyst should know (where the text is
silent, this is what a claim means):

- value: signed percent; 'doubled' +100, 'tripled' +200, 'halved' -50,
  'tenfold' +900 (precision: a tenth of the move, at least 10 points).
  A range ('10-15%') is its midpoint, qualifier approx, precision the range width.
  'five percent', 'two and a half per cent', '5pc', '1,4%' (decimal comma, one or two
  digits) are percents; 'by 150 bps' in a relative claim is 1.5 points.
- precision: the last written digit ('1.4' -> 0.1, '5' -> 1); whole numbers of
  100 and more ending in zeros are round figures ('120' -> 10, '1,000' -> 100).
- period: from the sentence; else a table header for table rows; else the same
  figure said earlier of the same security; else the period of the previous
  claim in the paragraph ("context"); else "1d" when a move word ('rose',
  'down') states it, "none" for a bare figure ('+5%') (source "default").
  'for the year' and 'this year' mean year to date; 'in early 2026' is ytd:2026;
  'for the year' after a named year ('ended 2025 up 55% ... 6.7% for the year')
  is that year. An earlier sentence's period reaches a period-less move only for
  the same security or when it names the session. A prose move with no period
  takes the one its security's table row states in parentheses ('(for the week)').
  In a closing report (session words dominate) and on quote-board lines
  ('Topix: 3,609.40 (-2.91%)') a bare figure is the session's move ("1d").
- tables (``tables``): each cell of a pipe or space-aligned table is read under
  its own column header: 1D/Day -> 1d, WTD/1W -> week, MTD/1M -> month, YTD -> ytd,
  1Y/12M -> 1y; a '%' header makes bare numbers percent moves ('Change %' with no
  period is the day's change); in a dated table (a period column such as 'Change %'
  or '1D', a date in a header such as 'Close (31 Oct)', or a caption with a period) a
  Close/Last column gives level claims and a Change/Chg column point claims, dated by
  the header's date, a day in the caption, else '1d'; Target/Upside %/Div yield %/
  Weight % columns are never moves; 'October %' is that month's move.
- since: 'since the end of December' is the next year's ytd ('... of March' is
  since the first of April); 'from its peak/record' and 'on the day the ...'
  name an event (since_event). 'since the election on 20 July' (an event with its
  date, even 'since X said on 7 September that he would ...', which is no forecast)
  is since:<date>, and a later 'since the vote' / 'since that day' takes that date;
  'since the tariff announcement in April' is since the first of April.
- spans: 'Q2', 'the second quarter', 'April-June' -> quarter:YYYY-Qn; 'H1', 'the first
  half', 'January-June' -> half:YYYY-Hn (the most recent one ended by publication, or
  the current one once past its middle);
  'in the quarter' / 'over the month' is the current one, or the one just ended for a
  piece published within ten days after it; 'over the past three/six months' -> 3m/6m;
  'the twelve months / the year to June' -> 1y:YYYY-06 ('the three / six months to June'
  -> Q2 / H1); a fiscal quarter or half has no calendar window (none); 'the first two weeks of January' -> since
  the first of January ('month' when it is the current month).
- parts of a session: 'opened 2.4% lower', 'at midday', 'at the lunch break', 'in morning
  trade', after-hours and pre-market figures keep period 1d and are flagged 'intraday'
  (verification: unverifiable, daily closes cannot confirm them); 'before closing 8%
  higher' is the close. A line of a timed flash list ('15:33 SMM +5.4%; IHI +4.2%') is
  the session's move; a period after a semicolon dates only its own clause.
- reviews: a piece whose title or lead says 'week in review', 'November in review',
  'Monthly commentary - June 2025' (or that says 'over the month' three times) gives a
  verb's move with no period of its own the week / that month; 'ended November up
  0.2%' is November, 'on the last trading day' is a session.
- entity: a resolved claim whose subject was written as a pronoun, an anaphor or
  a code ('its', 'the broader index', '285A.T') carries the security's name.
- metric 'relative': subject minus partner in percentage points, made from
  two moves in opposite directions joined by while/whereas/but, or by an explicit
  comparison (versus, compared with, outpacing), or from 'A outperformed B
  (by N points)'; without a number its value is None and it is flagged
  no_figure (figure_text holds the verb: outperformed / lagged ...).
- fractions: 'lost a fifth of its value' -20, 'fallen by a third' -33.33 (precision 5).
- record highs: metric record_high, value None.
- direction: a move said without a figure ("Nvidia shares fell", "the S&P 500
  decline") is metric "direction", value +1.0 or -1.0; a verb defaults to "1d",
  a noun ("the surge in X") to "none"; it never borrows another subject's period.
- kept and flagged: '>>%' (no_figure, qualifier much_more), unresolved subjects
  ('Japanese stocks', an unknown company), forecasts (forward_looking); forecast levels
  ('a target of 60,000 for the Nikkei', 'sees the Topix at 4,200') are level claims
  flagged forward_looking, period 'none' unless stated.
- not claims: figures about GDP, earnings, rates, yields, polls, seats,
  stakes, currencies and commodities (data/vocab/nonprice.txt).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from tapecheck.nlp.sentences import sentences
from tapecheck.records import Article, Claim, Mention

__all__ = ["Extraction", "extract", "sentences"]

MIN_FUZZY_LINK = 0.9


@dataclass
class Extraction:
    mentions: list[Mention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


def extract(article: Article, registry=None) -> Extraction:
    """Mentions and claims of one article (pure: never touches the database)."""
    from tapecheck.nlp.claims import extract_claims
    from tapecheck.nlp.pipeline import get_nlp, run_pipeline
    from tapecheck.nlp.registry import load_registry
    from tapecheck.nlp.subjects import MentionRef

    registry = registry or load_registry()
    nlp = get_nlp(registry)
    text = article.text
    doc = run_pipeline(nlp, text)
    resolve = _memo(registry.resolve)       # a name is often written several times in one article
    refs: list[MentionRef] = []
    for span in doc.spans["securities"]:
        s, e, ticker = span.start_char, span.end_char, span.kb_id_
        sec = registry.get(ticker)
        refs.append(MentionRef(s, e, span.start, span.end, text[s:e], ticker, sec.kind if sec else None))
    for span in doc.spans["orgs"]:
        s, e = span.start_char, span.end_char
        ticker, conf = resolve(text[s:e])
        if conf < MIN_FUZZY_LINK:
            ticker = None
        sec = registry.get(ticker) if ticker else None
        refs.append(MentionRef(s, e, span.start, span.end, text[s:e], ticker, sec.kind if sec else None))
    refs.sort(key=lambda m: m.start)
    mentions = []
    for ref in refs:
        conf = 1.0
        if ref.ticker is not None and registry.aliases.get(ref.text) != ref.ticker:
            conf = resolve(ref.text)[1]
        mentions.append(Mention(article.id, ref.start, ref.end, ref.text, ref.ticker, conf))
    claims = extract_claims(article.id, doc, refs, article.published_at, text)
    exact = _memo(registry.exact)
    return Extraction(mentions=mentions, claims=[_named(c, registry, exact) for c in claims])


def _memo(lookup):
    """``lookup`` remembered for the length of one extract() call (the registry does not change within it)."""
    seen: dict = {}

    def remembered(key):
        if key not in seen:
            seen[key] = lookup(key)
        return seen[key]
    return remembered


def _named(claim: Claim, registry, exact) -> Claim:
    """A resolved claim says whose move it is in words: 'its', a code such as
    '285A.T' or 'the broader index' become the security's name."""
    if claim.ticker is None or claim.entity is None:
        return claim
    if exact(claim.entity) == claim.ticker and claim.entity.upper() != claim.ticker:
        return claim
    sec = registry.get(claim.ticker)
    return replace(claim, entity=sec.name) if sec else claim
