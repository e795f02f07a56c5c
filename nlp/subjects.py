"""Whose move is it? Binding a figure to the security it is said of.

The rule an analyst applies: the subject is the nearest security named before
the figure in the same clause ('the Nikkei rose 5% while the S&P 500 fell
1.4%'), a coordinated list names several ('Shiseido and Nintendo each lost'),
'the index' / 'its shares' point back to the last index / stock named, and a
non-price noun in between ('Toyota's operating profit rose 12%') means the
figure is not a price move at all.
"""

from __future__ import annotations

import bisect
import functools

from spacy.tokens import Doc

from tapecheck.nlp.listings import adr_symbols, listing_at, quoted_elsewhere, series_of
from tapecheck.nlp.mentions import Found, MentionRef
from tapecheck.nlp.registry import profile
from tapecheck.nlp.vocab import benchmarks, broader, descriptors, vocab


BOUNDARIES = frozenset("while whilst whereas but although though meanwhile versus vs vs. against ; compared "
                       "unlike".split())
# Words that carry no subject of their own: a clause made only of these
# ('..., but ended down 1%') still talks about the earlier subject.
FUNCTION = frozenset(
    "the a an was were is are has have had been be being by to at of and then later also further another more "
    "sharply slightly modestly much as its it they their it's ending end ended closing close closed trading "
    "traded finish finished finishing session day week in on for so far this that with after before before "
    "each both all respectively nearly almost about some just over than only still even yet back its "
    "over around roughly up down higher lower from earlier previously or nor not also".split())
APPOSITIVE_OPENERS = frozenset("a an the which who whose one two three four both each all among its japan's "
                               "europe's america's formerly previously once née nee".split())
CONNECT = frozenset({",", "and", "or", "&", "as", "well", "the"})
_OF_WORDS = frozenset("at of for from by into in".split())
# People and research after a name's possessive: the figure is their view, not the name's price
VOICES = frozenset("strategist strategists analyst analysts economist economists chief ceo cfo president chairman "
                   "head team desk research note report survey model house".split())
# Nouns that end a description of an index ('the broader gauge', "Taiwan's benchmark")
INDEX_HEADS = frozenset("index gauge benchmark average measure barometer".split())
INDEX_MODIFIERS = frozenset("broader wider broad narrower benchmark blue chip main key headline flagship leading bellwether "
                            "tech technology heavy small mid large cap all share stock equity market price weighted "
                            "capitalisation capitalization".split())
# A price's unit after its number ('15,000 yen'): not the currency as a subject
CURRENCY_UNITS = frozenset("yen dollar dollars euro euros pound pounds pence cents won yuan francs".split())
FORECAST_NOUNS = frozenset("target targets forecast forecasts goal call projection estimate".split())
# Verbs that may follow a company's description: 'the chipmaker said ...'
_SAYS = frozenset("said says reported reports posted posts announced announces saw sees cut cuts raised raises "
                  "lowered lifted which that whose who".split())
# After a figure, these start another clause: 'rose 2.1% after Berkshire raised ...'
FORWARD_STOPS = frozenset("after as when because following amid despite since while if before".split())
# 'IHI Corp., formerly ...,': a suffix between the name and the appositive's comma
COMPANY_SUFFIXES = frozenset("corp corp. corporation inc inc. ltd ltd. limited co co. plc ag sa se nv n.v. "
                             "holdings hd kk k.k.".split())
@functools.cache
def _place_words() -> frozenset[str]:
    from tapecheck.nlp.registry import _alias_stopwords
    return _alias_stopwords()


@functools.cache
def _anaphora_index() -> dict[str, tuple]:
    """Anaphora phrases by their last word, longest first."""
    index: dict[str, list] = {}
    for words, kind in vocab().anaphora:
        index.setdefault(words[-1], []).append((words, kind))
    return {k: tuple(v) for k, v in index.items()}


class SubjectFinder:
    """Subject search over one document's tokens and mentions."""

    def __init__(self, doc: Doc, mentions: list[MentionRef]):
        self.doc = doc
        self.mentions = [series_of(doc, m) for m in mentions]
        self.at: dict[int, int] = {}
        for n, m in enumerate(mentions):
            for i in range(m.tok_start, m.tok_end):
                self.at[i] = n
        self.v = vocab()
        self.starts = [m.start for m in mentions]          # mentions come sorted by start
        self.anaphora_by_last = _anaphora_index()
        from tapecheck.nlp.pipeline import sentence_spans
        self.sentence_starts = {sent.start for sent in sentence_spans(doc)}
        self.sentence_order = sorted(self.sentence_starts)
        self.adr_symbols = adr_symbols(doc.text)

    def spans_between(self, start: int, end: int) -> list[tuple[int, int]]:
        """Character spans of the mentions that start in [start, end)."""
        a = bisect.bisect_left(self.starts, start)
        b = bisect.bisect_left(self.starts, end)
        return [(m.start, m.end) for m in self.mentions[a:b]]

    # -- helpers -----------------------------------------------------------
    def is_nonprice(self, i: int) -> bool:
        t = self.doc[i]
        low = t.lower_
        if low not in self.v.nonprice or i in self.at:
            return False
        if low in CURRENCY_UNITS and i > 0 and self.doc[i - 1].like_num:
            return False            # 'closed at 53,372.53 yen, down 1,866.87 yen (3.38%)': a price's unit
        if not (t.is_lower or t.is_upper or t.i in self.sentence_starts):
            return False
        if i + 2 < len(self.doc) and self.doc[i + 1].text == "-" and not t.whitespace_ \
                and self.doc[i + 2].lower_.endswith(("ing", "ed")):
            return False            # 'sold on profit-taking', 'an earnings-driven rally': a modifier, not the noun
        if low == "share" and i + 1 < len(self.doc) and self.doc[i + 1].lower_ in ("price", "prices", "average",
                                                                                   "index", "prices'"):
            return False
        return True

    def anaphora_at(self, j: int, lo: int) -> tuple[int, str] | None:
        """An anaphoric phrase ending at token j: (first token, kind)."""
        for words, kind in self.anaphora_by_last.get(self.doc[j].lower_, ()):
            n = len(words)
            s = j - n + 1
            if s < lo:
                continue
            if tuple(self.doc[k].lower_ for k in range(s, j + 1)) == words:
                if words == ("shares",) and s > lo and self.doc[s - 1].lower_ not in (
                        ",", "and", "but", "while", "whereas", ";", "its", "their", "the", "(", "as"):
                    return None     # 'Japanese shares', 'bank shares': a basket, not a pointer
                return s, kind
        return None

    def last_mention(self, before_char: int, kind: str) -> int | None:
        for n in range(len(self.mentions) - 1, -1, -1):
            m = self.mentions[n]
            if m.start >= before_char or m.ticker is None:
                continue
            if kind == "any" or (kind == "index") == (m.kind == "index"):
                return n
        return None

    def _goes_on(self, j: int) -> bool:
        """The noun at j is followed by another noun ('producer prices', 'the index of')."""
        if j + 1 >= len(self.doc):
            return False
        nxt = self.doc[j + 1]
        low = nxt.lower_
        return low in ("of", "-") or (nxt.is_alpha and low not in self.v.signs and low not in FUNCTION
                                      and low not in self.v.qualifier_words and low not in self.v.stock_cues
                                      and low not in _SAYS)

    def index_description(self, j: int, lo: int) -> Found | None:
        """'the broader gauge', 'the blue-chip measure' (the index named last);
        "Taiwan's benchmark", "Germany's main index" (that market's index)."""
        doc = self.doc
        if doc[j].lower_ not in INDEX_HEADS or j in self.at or self._goes_on(j):
            return None
        k = j - 1
        while k >= lo and j - k <= 4:
            low = doc[k].lower_
            if low == "the":
                span = doc[k:j + 1]
                n = self.last_mention(span.start_char, "index")
                if n is None:
                    return Found("cue", span.start_char, span.end_char, span.text, None, (), j + 1)
                ticker = self.mentions[n].ticker
                if any(doc[x].lower_ in ("broader", "wider", "broad") for x in range(k, j)) and ticker in broader():
                    return Found("anaphora", span.start_char, span.end_char, span.text, broader()[ticker], (), j + 1)
                return Found("anaphora", span.start_char, span.end_char, span.text, ticker, (n,), j + 1)
            if low in ("'s", "’s"):
                place = doc[k - 1].lower_ if k - 1 >= lo else ""
                two = f"{doc[k - 2].lower_} {place}" if k - 2 >= lo else ""
                ticker = benchmarks().get(two) or benchmarks().get(place)
                if ticker is None:
                    return None
                first = k - 2 if two in benchmarks() else k - 1
                span = doc[first:j + 1]
                return Found("anaphora", span.start_char, span.end_char, span.text, ticker, (), j + 1)
            if k in self.at or not (low in INDEX_MODIFIERS or doc[k].text == "-"):
                return None         # 'the dollar index' is no stock index
            k -= 1
        return None

    # -- descriptive anaphora ('the flash-memory maker', "the Danish group's shares") --
    def descriptor_at(self, j: int, lo: int) -> tuple[int, frozenset[str], frozenset[str]] | None:
        """A description of a company ending at token j: (first token, sector
        words, exchanges). It opens with 'the' ('the Tokyo-based chipmaker') or a
        place's possessive ("Japan's biggest automaker")."""
        doc, d = self.doc, descriptors()
        head = doc[j].lower_
        if head not in d.heads or j in self.at:
            return None
        if self._goes_on(j):
            return None             # 'the group of seven', 'producer prices': the noun goes on
        narrowing: set[str] = set()
        exchanges: set[str] = set()
        k = j - 1
        while True:
            if k < lo or j - k > 6:
                return None
            t, low = doc[k], doc[k].lower_
            if low == "the":
                break
            if low in ("'s", "’s") and k - 1 >= lo and doc[k - 1].text[:1].isupper() and (k - 1) not in self.at:
                k -= 1              # "Japan's biggest automaker": the place is the determiner
                exchanges.update(d.countries.get(doc[k].lower_, ()))
                break
            joins = low in ("and", "&") and k - 1 >= lo and doc[k - 1].is_alpha and doc[k - 1].lower_ != "the"
            if not joins and (k in self.at or low in self.v.signs or low in BOUNDARIES or low in FUNCTION
                              or self.is_nonprice(k) or not (t.is_alpha or t.text in ("-", "'s", "’s", ".")
                                                             or t.like_num)):
                return None         # 'the electronics and entertainment group' joins two trades
            narrowing.update(d.modifiers.get(low, ()))
            exchanges.update(d.countries.get(low, ()))
            k -= 1
        sectors = narrowing or set(d.heads[head])
        return k, frozenset(sectors), frozenset(exchanges)

    def _company_fits(self, m: MentionRef, sectors: frozenset[str], exchanges: frozenset[str]) -> bool:
        if m.kind == "index":
            return False            # 'the company' is never the Nikkei
        if m.ticker is None:        # an unlinked company name: fits, unless it is only a place
            return any(w.lower() not in _place_words() for w in m.text.split())
        known = profile(m.ticker)
        if known is None:
            return True
        industry, exchange = known
        return (not sectors or any(w in industry for w in sectors)) and \
            (not exchanges or exchange.lower() in exchanges)

    def descriptor_found(self, desc: tuple[int, frozenset[str], frozenset[str]], j: int) -> Found:
        """The company a description points to: the most recent fitting one named
        in this or the three sentences before; two different fitting companies in
        that sentence make it ambiguous (kept unresolved)."""
        s, sectors, exchanges = desc
        span = self.doc[s:j + 1]
        first = bisect.bisect_right(self.sentence_order, s) - 4
        floor = self.sentence_order[max(first, 0)] if self.sentence_order else 0
        fits = [n for n in range(bisect.bisect_left(self.starts, span.start_char) - 1, -1, -1)
                if self.mentions[n].tok_start >= floor and self.mentions[n].tok_end <= s
                and self._company_fits(self.mentions[n], sectors, exchanges)]
        if fits:
            best = fits[0]
            sent = bisect.bisect_right(self.sentence_order, self.mentions[best].tok_start)
            rivals = {self.mentions[n].ticker or self.mentions[n].text for n in fits
                      if bisect.bisect_right(self.sentence_order, self.mentions[n].tok_start) == sent}
            ref = self.mentions[best]
            if len(rivals) == 1 and ref.ticker is not None:
                return Found("anaphora", span.start_char, span.end_char, span.text, ref.ticker, (best,), j + 1)
        return Found("cue", span.start_char, span.end_char, span.text, None, (), j + 1)

    def group(self, n: int, lo: int) -> tuple[int, ...]:
        """A coordinated list ending with mention n: 'Shiseido, Sony and Nintendo'."""
        members = [n]
        while True:
            first = self.mentions[members[0]]
            k = first.tok_start - 1
            glue = []
            while k >= lo and k not in self.at and self.doc[k].lower_ in CONNECT:
                glue.append(self.doc[k].lower_)
                k -= 1
            if not glue or k < lo or k not in self.at or glue == ["as"]:
                break
            prev = self.at[k]
            if self.mentions[prev].ticker is None and self.mentions[members[0]].ticker is not None:
                pass
            members.insert(0, prev)
        return tuple(members)

    def from_mention(self, n: int, lo: int) -> Found:
        members = self.group(n, lo)
        m = self.mentions[n]
        # 'profit at Tokyo Electron', 'sales of Sony': the figure is about the noun, not the price
        k = self.mentions[members[0]].tok_start - 1
        if k - 1 >= lo and self.doc[k].lower_ in ("the", "a", "an"):
            k -= 1                  # 'EPS growth for the Topix'
        if k - 1 >= lo and self.doc[k].lower_ in _OF_WORDS and (
                self.is_nonprice(k - 1) or (k - 2 >= lo and self.is_nonprice(k - 2))):
            return Found("nonprice")
        return Found("mention", m.start, m.end, m.text, m.ticker, members, m.tok_end)

    def cue_span(self, j: int, lo: int) -> Found:
        """'European carmakers', 'Japanese stocks': an unlinked basket."""
        s = j
        while s - 1 >= lo and self.doc[s - 1].is_alpha and self.doc[s - 1].lower_ not in FUNCTION \
                and self.doc[s - 1].lower_ not in _OF_WORDS and not self.is_nonprice(s - 1) \
                and self.doc[s - 1].lower_ not in BOUNDARIES and j - s < 3:
            s -= 1
        while s - 2 >= lo and self.doc[s - 1].text == "-" and not self.doc[s - 1].whitespace_ \
                and not self.doc[s - 2].whitespace_:
            s -= 2                  # 'pan-European', never 'Feb 19 - European
        s = max(s, lo)
        if s - 1 >= lo and s == j and self.is_nonprice(s - 1):
            return Found("nonprice")    # 'the dollar index', 'the bond index': not a stock basket
        # 'inflows into Japanese equity funds': the figure is about the inflows
        if s - 2 >= lo and self.doc[s - 1].lower_ in _OF_WORDS and self.is_nonprice(s - 2):
            return Found("nonprice")
        span = self.doc[s:j + 1]
        return Found("cue", span.start_char, span.end_char, span.text, None, (), j + 1)

    def appositive(self, j: int, lo: int) -> int | None:
        """'Advantest, a key supplier to Nvidia, surged': skip back over ', a ... ,'.

        Returns the token before the opening comma when that token ends a name."""
        for k in range(j - 1, max(lo, j - 25) - 1, -1):
            if self.doc[k].text == ",":
                nxt = self.doc[k + 1].lower_ if k + 1 < j else ""
                opener = k + 1 < j and (nxt in APPOSITIVE_OPENERS or any(
                    self.doc[x].lower_ in ("'s", "’s") for x in range(k + 2, min(j, k + 4)))  # ", Wall Street's fear gauge,"
                    or (nxt.endswith("ed") and nxt not in self.v.signs))     # ', weighed down by exporters,'
                name = k - 1
                if name - 1 >= lo and self.doc[name].lower_ in COMPANY_SUFFIXES and (name - 1) in self.at:
                    name -= 1       # 'IHI Corp., formerly ...,'
                if opener and name in self.at:
                    return name
                return None
        return None

    def participle_subject(self, i0: int, lo: int) -> Found | None:
        """'X was the top performer in the FTSE 100, rising 5.6%': the move is X's."""
        k = i0 - 1
        while k >= lo and self.doc[k].lower_ in self.v.qualifier_words:
            k -= 1
        if k - 1 < lo or not self.doc[k].lower_.endswith("ing") or self.doc[k].lower_ not in self.v.signs \
                or self.doc[k - 1].text != ",":
            return None
        start = lo                  # the clause the participle hangs on: '..., while Y held up well, dropping 1.5%'
        for x in range(k - 2, lo - 1, -1):
            if self.doc[x].lower_ in BOUNDARIES:
                start = x + 1
                break
        for begin in dict.fromkeys((start, lo)):   # 'a good but far less dramatic year, adding 38.9%': no new subject
            first = next((n for n, m in enumerate(self.mentions) if begin <= m.tok_start < k - 1), None)
            if first is not None:
                break
        if first is None or self.mentions[first].tok_start > begin + 3:
            return None
        return self.from_mention(first, begin)

    # -- the search --------------------------------------------------------
    def find(self, i0: int, i1: int, lo: int, hi: int) -> Found:
        """Subject of the figure at tokens [i0, i1) in the sentence [lo, hi)."""
        doc = self.doc
        j = i0 - 1
        content = False
        main = self.participle_subject(i0, lo)
        if main is not None:
            return main
        # 'a target of 60,000 for the Nikkei', 'a price target of 15,000 yen on Kawasaki Heavy'
        k = i1 + (1 if i1 < hi and doc[i1].lower_ in CURRENCY_UNITS else 0)
        if k + 1 < hi and doc[k].lower_ in ("for", "on") and any(
                doc[x].lower_ in FORECAST_NOUNS for x in range(max(lo, i0 - 4), i0)):
            k += 2 if doc[k + 1].lower_ == "the" else 1
            if k < hi and k in self.at:
                return self.from_mention(self.at[k], k)
        # '12% upside for the S&P 500', 'a 5% rise in Toyota shares'
        k = i1
        if k + 1 < hi and doc[k].lower_ in self.v.signs and doc[k + 1].lower_ in ("for", "in", "on"):
            k += 2
            if k < hi and doc[k].lower_ == "the":
                k += 1
            if k < hi and k in self.at:
                return self.from_mention(self.at[k], k)
        while j >= lo:
            t = doc[j]
            if j in self.at:
                end = self.mentions[self.at[j]].tok_end
                if end + 1 < hi and doc[end].lower_ in ("'s", "’s") and doc[end + 1].lower_ in VOICES:
                    return Found("none")    # "Nomura's chief strategist sees a 10% correction": a voice, not a price
                return self.from_mention(self.at[j], lo)
            listed = listing_at(self, j, lo)
            if listed is not None:
                return listed
            if t.text == ",":
                skip = self.appositive(j, lo)
                if skip is not None:
                    j = skip
                    continue
            if t.text.startswith(")"):      # ')' or '):' as the tokenizer may leave it
                k = j
                while k >= lo and not doc[k].text.endswith("("):
                    k -= 1
                if k >= lo:
                    listed = quoted_elsewhere(self, k, j, lo)
                    if listed is not None:
                        return listed
                    j = k - 1
                    continue
            gauge = self.index_description(j, lo)
            if gauge is not None:
                return gauge
            desc = self.descriptor_at(j, lo)
            if desc:
                return self.descriptor_found(desc, j)
            ana = self.anaphora_at(j, lo)
            if ana:
                s, kind = ana
                # 'Toyota shares', "Toyota's stock": the name right before wins
                k = s - 1
                if k >= lo and doc[k].lower_ in ("'s", "’s", "'"):
                    k -= 1
                if k >= lo and k in self.at:
                    return self.from_mention(self.at[k], lo)
                span = doc[s:j + 1]
                n = self.last_mention(span.start_char, kind)
                if n is not None:
                    ref = self.mentions[n]
                    return Found("anaphora", span.start_char, span.end_char, span.text, ref.ticker, (n,), j + 1)
                return Found("cue", span.start_char, span.end_char, span.text, None, (), j + 1)
            if self.is_nonprice(j):
                return Found("nonprice")
            low = t.lower_
            if low in self.v.stock_cues and t.is_alpha:
                k = j - 1
                if k >= lo and doc[k].lower_ in ("'s", "’s", "'"):
                    k -= 1
                if k >= lo and k in self.at:      # 'Toyota shares', 'the Topix index'
                    return self.from_mention(self.at[k], lo)
                desc = self.descriptor_at(k, lo) if k >= lo and k < j else None
                if desc:                           # "the Danish group's shares"
                    return self.descriptor_found(desc, k)
                return self.cue_span(j, lo)
            if low in BOUNDARIES or (low == "," and j + 1 < i0 and doc[j + 1].lower_ in ("while", "but", "whereas")):
                if content:
                    return Found("none")
            elif t.is_alpha and low not in FUNCTION and low not in self.v.signs \
                    and low not in self.v.qualifier_words:
                content = True
            j -= 1
        return self.forward(i1, hi)

    def forward(self, i1: int, hi: int) -> Found:
        """'Up 5% this week, Toyota ...', 'a 5% rise in Toyota shares'."""
        doc = self.doc
        for k in range(i1, min(hi, i1 + 8)):
            if k in self.at:
                return self.from_mention(self.at[k], k)
            if self.is_nonprice(k) or doc[k].lower_ in BOUNDARIES or doc[k].like_num or doc[k].lower_ in FORWARD_STOPS:
                break
        return Found("none")
