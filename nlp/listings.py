"""Which listing a figure is about: a depositary receipt ('its ADR (SONY)',
'Toyota Motor (NYSE: TM)') is its own security, never the home line; a line
named by its place ("Toyota's Tokyo shares") is the home listing only in the
company's own market; an index name followed by a series word ('TOPIX Core30')
is another series, never the parent index."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from tapecheck.nlp.mentions import Found, MentionRef
from tapecheck.nlp.registry import profile
from tapecheck.nlp.vocab import listing_places, subindex_words

# A depositary receipt trades apart from the home listing ('Toyota's ADRs (NYSE: TM)'): its own symbol, never the home line
ADR_WORDS = frozenset("ADR ADRs ADS ADSs GDR GDRs".split())     # as written: 'ads' are adverts
DEPOSITARY_NOUNS = frozenset("receipt receipts share shares".split())
_ADR_SYMBOL = re.compile(r"(?:ADRs?|ADSs?|GDRs?|[Dd]eposit[ao]ry\s+(?:[Rr]eceipts?|[Ss]hares?))\s*\("
                         r"(?:(?:NYSE|Nasdaq|NASDAQ|OTC|LSE|NYSE\s+American)\s*:\s*)?(?P<sym>[A-Z][A-Z0-9.]{0,6})\)")
_EXCHANGE_SYMBOL = re.compile(r"\(\s*(?P<ex>NYSE American|NYSE|Nasdaq|NASDAQ|OTC|TSE|TYO|LSE|HKEX)\s*:\s*"
                              r"(?P<sym>[A-Z][A-Z0-9.]{0,6})\s*\)")
# A line named by its place ("Toyota's Tokyo shares", 'the Tokyo line'; places in data/vocab/listing_places.csv)
LISTING_NOUNS = frozenset("shares share stock stocks line listing".split())
_UNITS_AFTER = frozenset("% pct percent per point points pts yen bps".split())


def series_of(doc: Doc, m: MentionRef) -> MentionRef:
    """An index name followed by a series word is another series ('TOPIX Core30',
    'Nikkei 225 VI', 'S&P 500 Equal Weight', 'TOPIX 100'): unresolved, named in full,
    never the parent index."""
    if m.kind != "index" or m.tok_end >= len(doc):
        return m
    nxt = doc[m.tok_end]
    low = nxt.lower_
    if low not in subindex_words() or not doc[m.tok_end - 1].whitespace_ and not nxt.is_alpha:
        return m
    end = m.tok_end + 1
    if nxt.like_num:
        after = doc[end].lower_ if end < len(doc) else ""
        if not nxt.text.isdigit() or after in _UNITS_AFTER or after.startswith("%") or (end < len(doc) and doc[end].like_num):
            return m                # 'the Topix 100 points higher': a figure, not a series
    elif nxt.is_lower and low not in ("equal-weight", "equal-weighted"):
        return m                    # 'the Nikkei value of ...' in prose: series names are capitalised
    while end < len(doc) and doc[end].lower_ in subindex_words() and doc[end].is_alpha and not doc[end].is_lower:
        end += 1                    # 'S&P 500 Equal Weight'
    span = doc[m.tok_start:end]
    return MentionRef(span.start_char, span.end_char, m.tok_start, end, span.text, None, None)


def adr_symbols(text: str) -> list[tuple[int, str]]:
    """(position, symbol) of each depositary receipt the text gives a symbol: 'ADRs (NYSE: TM)'."""
    return [(m.start(), m.group("sym")) for m in _ADR_SYMBOL.finditer(text)] if "(" in text else []


def listing_at(finder, j: int, lo: int) -> Found | None:
    """A depositary receipt ('its ADR (SONY)', "Toyota Motor's American
    depositary receipts (NYSE: TM)") is its own security: the symbol in
    brackets, else the last one the article gave an ADR; never the home
    line. A line named by its place ("Toyota's Tokyo shares", 'the Tokyo
    line') is the company's home listing."""
    doc = finder.doc
    low = doc[j].lower_
    adr = doc[j].text in ADR_WORDS or (low in DEPOSITARY_NOUNS and j - 1 >= lo
                                       and doc[j - 1].lower_ in ("depositary", "depository"))
    if adr:
        first = j if doc[j].text in ADR_WORDS else j - 1
        s = first
        while s - 1 >= lo and doc[s - 1].lower_ in ("american", "global", "its", "the", "their", "'s", "’s"):
            s -= 1
        if s - 1 >= lo and doc[s].lower_ in ("'s", "’s") and (s - 1) in finder.at:
            s = finder.mentions[finder.at[s - 1]].tok_start      # "Toyota Motor's ADRs"
        own = next((sym for at, sym in finder.adr_symbols if at == doc[first].idx), None)
        last = [sym for at, sym in finder.adr_symbols if at < doc[s].idx]
        pointer = doc[s].lower_ in ("the", "its", "their")
        ticker = own or (last[-1] if last and pointer else None)
        span = doc[s:j + 1]
        return Found("anaphora" if ticker else "cue", span.start_char, span.end_char, span.text, ticker, (), j + 1)
    if low not in LISTING_NOUNS or j - 1 < lo:
        return None
    k = j - 1
    if doc[k].lower_ in ("listed", "traded") and k - 2 >= lo and doc[k - 1].text == "-":
        k -= 2                  # "Toyota's Tokyo-listed shares"
    places = listing_places()
    two = f"{doc[k - 1].lower_} {doc[k].lower_}" if k - 1 >= lo else ""
    glued = doc[k].lower_.rsplit("-", 1)[0] if doc[k].lower_.endswith(("-listed", "-traded")) else None
    if glued in places:         # 'U.S.-listed' as one token
        exchanges, k = places[glued], k - 1
    elif two in places:
        exchanges, k = places[two], k - 2
    elif doc[k].lower_ in places and (k not in finder.at or finder.mentions[finder.at[k]].ticker is None):
        exchanges, k = places[doc[k].lower_], k - 1
    else:
        return None
    owner = None
    if k - 1 >= lo and doc[k].lower_ in ("'s", "’s") and (k - 1) in finder.at:
        owner = finder.at[k - 1]
    elif k >= lo and doc[k].lower_ in ("the", "its", "their") and (low in ("line", "listing") or doc[k].lower_ != "the"):
        owner = finder.last_mention(doc[k].idx, "equity")
    if owner is None:
        return None
    ref = finder.mentions[owner]
    known = profile(ref.ticker) if ref.ticker else None
    first = ref.tok_start if owner == finder.at.get(k - 1) else k
    span = doc[first:j + 1]
    if known is not None and known[1] not in exchanges:
        # 'Sony's New York-listed shares': a cross-listing, not the home line (no prices for it here)
        return Found("cue", span.start_char, span.end_char, span.text, None, (), j + 1)
    if first == ref.tok_start:
        return finder.from_mention(owner, lo)
    return Found("anaphora", span.start_char, span.end_char, span.text, ref.ticker, (owner,), j + 1)


def quoted_elsewhere(finder, k: int, j: int, lo: int) -> Found | None:
    """'Toyota Motor (NYSE: TM) rose 1.2%': an exchange and symbol in brackets
    after a company listed on another market name its cross-listing (an ADR),
    whose symbol is the subject; the home market's symbol changes nothing."""
    doc = finder.doc
    m = _EXCHANGE_SYMBOL.fullmatch(doc[k:j + 1].text.rstrip(":").strip())
    if m is None or k - 1 < lo or (k - 1) not in finder.at:
        return None
    ref = finder.mentions[finder.at[k - 1]]
    known = profile(ref.ticker) if ref.ticker else None
    exchanges = listing_places().get(" ".join(m.group("ex").lower().split()))
    if known is None or exchanges is None or known[1] in exchanges:
        return None
    span = doc[ref.tok_start:j + 1]
    return Found("anaphora", span.start_char, span.end_char, span.text, m.group("sym"), (), j + 1)
