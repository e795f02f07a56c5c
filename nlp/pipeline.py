"""The spaCy pipeline: a blank English tokenizer plus registered components.

    tapecheck_sentences   sentence starts from ``nlp.sentences`` (lines, tables, headlines)
    tapecheck_securities  a PhraseMatcher over every registry alias -> doc.spans["securities"]
    tapecheck_orgs        organisation-like names that link to nothing -> doc.spans["orgs"]

Components are built from names (``@Language.factory``); the registry is
handed to them once after assembly. ``get_nlp`` caches one pipeline per registry.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

import numpy
import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from tapecheck.nlp.registry import Registry
from tapecheck.nlp.sentences import sentences

ORG_SUFFIXES = ["Corp", "Corporation", "Inc", "Incorporated", "Holdings", "Holding", "Group", "Ltd",
                "Limited", "plc", "PLC", "AG", "SA", "SE", "NV", "Co", "Company", "Industries",
                "Motors", "Electric", "Electronics", "Pharmaceutical", "Pharma", "Bank", "Financial",
                "Technologies", "Technology", "Systems", "Mining", "Metals", "Steel", "Heavy"]


class Sentence(NamedTuple):
    start_char: int
    end_char: int
    start: int          # first token
    end: int            # one past the last token


def sentence_spans(doc: Doc) -> list[Sentence]:
    """Sentences as set by ``tapecheck_sentences`` (character and token bounds)."""
    return doc.user_data.get("tapecheck_sentences") or [
        Sentence(sp.start_char, sp.end_char, sp.start, sp.end) for sp in doc.sents]


@Language.factory("tapecheck_sentences")
def make_sentences(nlp: Language, name: str):
    def set_sentences(doc: Doc) -> Doc:
        if not len(doc):
            return doc
        offsets = doc.to_array("IDX")
        # doc.text rebuilds the string token by token; the caller may hand it over
        text = doc.user_data.get("tapecheck_text")
        if text is None:
            text = doc.user_data["tapecheck_text"] = doc.text
        spans = sentences(text)
        starts = numpy.searchsorted(offsets, [s for s, _ in spans], side="left")
        flags = numpy.full(len(doc), -1, dtype="int64")
        flags[0] = 1
        flags[starts[starts < len(doc)]] = 1
        doc.from_array(["SENT_START"], flags.view("uint64").reshape(-1, 1))
        # Token bounds of each sentence, so later stages need not walk doc.sents.
        starts = starts.tolist()
        ends = starts[1:] + [len(doc)]
        doc.user_data["tapecheck_sentences"] = [
            Sentence(s, e, lo, hi) for (s, e), lo, hi in zip(spans, starts, ends) if hi > lo]
        return doc
    return set_sentences


class SecurityMatcher:
    """Finds every alias of every security; the longest match wins."""

    def __init__(self, nlp: Language):
        self.nlp = nlp
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.tickers: dict[int, str] = {}

    def set_registry(self, registry: Registry) -> None:
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        for alias, ticker in registry.all_aliases().items():
            forms = {alias}
            if alias.isupper() and len(alias) > 4:
                forms.add(alias.title())
            key = f"SEC|{ticker}"
            self.matcher.add(key, [self.nlp.make_doc(f) for f in forms])
            self.tickers[self.nlp.vocab.strings[key]] = ticker

    def __call__(self, doc: Doc) -> Doc:
        spans = [Span(doc, s, e, label="SECURITY", kb_id=self.tickers[m])
                 for m, s, e in self.matcher(doc)]
        doc.spans["securities"] = filter_spans(spans)
        return doc


@Language.factory("tapecheck_securities")
def make_securities(nlp: Language, name: str):
    return SecurityMatcher(nlp)


_NAME = r"[A-Z][\w&-]*"
ORG_PATTERNS = (
    # 'Acme Robotics Corp', 'Zentrix Holdings'
    re.compile(rf"\b(?:{_NAME}\s+){{1,4}}(?:{'|'.join(ORG_SUFFIXES)})\b\.?"),
    # "Zeta Labs shares", "Acme's stock"
    re.compile(rf"\b(?:{_NAME}\s+){{0,3}}{_NAME}(?=(?:'s|’s)?\s+(?:shares|stock)\b)"),
    # 'shares of Acme Widgets'
    re.compile(rf"\b(?:[Ss]hares|[Ss]tock) (?:of|in) (?:the\s+)?(?P<name>{_NAME}(?:\s+{_NAME}){{0,3}})"),
)


# Where each ORG_PATTERNS match can begin, found from the word it needs:
# a company suffix, 'shares'/'stock' after the name, 'shares of'/'stock in'.
# Scanning the whole text with the three patterns costs more than the tokenizer.
# (Each anchor pattern opens with a literal: sre then skips ahead to its first letter.)
_SUFFIX_WORD = re.compile(rf"(?:{'|'.join(ORG_SUFFIXES)})\b")
_STOCK_WORD = re.compile(r"shares|stock")
_SHARES_OF = (re.compile(r"hares (?:of|in) "), re.compile(r"tock (?:of|in) "))
_CAPITAL = re.compile(r"\b[A-Z]")
_NOT_IN_NAMES = ".,;:()\""       # none can sit between a match's first name and its anchor word


def _name_starts(text: str, anchors: list[int]) -> list[int]:
    """Every capital opening a word between an anchor and the punctuation
    before it: a run of names that ends at the anchor begins at one of them.
    Anchors come in order, so each stretch of text is searched once."""
    out: list[int] = []
    lo = done = 0           # after the last punctuation before the anchor; searched up to here
    for f in anchors:
        lo = max([lo] + [text.rfind(c, done, f) + 1 for c in _NOT_IN_NAMES])
        out.extend(m.start() for m in _CAPITAL.finditer(text, max(lo, done), f))
        done = f
    return out


def _matches(pattern: re.Pattern, text: str, starts: list[int]):
    """``pattern.finditer(text)`` when every match begins at one of ``starts``
    (sorted): the same leftmost, non-overlapping matches."""
    end = 0
    for p in starts:
        if p >= end:
            m = pattern.match(text, p)
            if m is not None:
                end = m.end()
                yield m


def org_matches(text: str):
    """The matches of each of ORG_PATTERNS in turn, as their ``finditer`` would give them."""
    suffixes = [m.start() for m in _SUFFIX_WORD.finditer(text) if m.start() and text[m.start() - 1].isspace()]
    yield from _matches(ORG_PATTERNS[0], text, _name_starts(text, suffixes))
    yield from _matches(ORG_PATTERNS[1], text, _name_starts(text, [m.start() for m in _STOCK_WORD.finditer(text)]))
    shares_of = sorted(m.start() - 1 for p in _SHARES_OF for m in p.finditer(text) if m.start())
    yield from _matches(ORG_PATTERNS[2], text, shares_of)


@Language.factory("tapecheck_orgs")
def make_orgs(nlp: Language, name: str):
    """Organisation-like names that link to no security, kept for review.

    Regular expressions over the text rather than a token Matcher: the same
    three shapes, at a fraction of the cost on long articles."""

    def find_orgs(doc: Doc) -> Doc:
        text = doc.user_data.get("tapecheck_text") or doc.text
        taken = {t for span in doc.spans.get("securities", []) for t in range(span.start, span.end)}
        found = []
        for m in org_matches(text):
            s, e = m.span("name") if "name" in m.re.groupindex else m.span()
            words = text[s:e].split()
            while words and words[0].lower() in _COMMON_OPENERS:
                s = text.index(words[0], s) + len(words[0])
                words = words[1:]
                while s < e and text[s].isspace():
                    s += 1
            if not words:
                continue
            span = doc.char_span(s, e, label="ORG", alignment_mode="contract")
            if span is not None and len(span) and not any(t in taken for t in range(span.start, span.end)):
                found.append(span)
        doc.spans["orgs"] = filter_spans(found)
        return doc
    return find_orgs


_COMMON_OPENERS = frozenset("the a an shares stock stocks in on at for and but while as after japanese us u.s. "
                            "european german british chinese global asian this that these those".split())


def run_pipeline(nlp: Language, text: str) -> Doc:
    """``nlp(text)``, with the text handed to the components so none rebuilds it."""
    doc = nlp.make_doc(text)
    doc.user_data["tapecheck_text"] = text
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


@functools.lru_cache(maxsize=8)
def get_nlp(registry: Registry) -> Language:
    """The extraction pipeline for a registry, built once."""
    nlp = spacy.blank("en")
    nlp.add_pipe("tapecheck_sentences")
    nlp.add_pipe("tapecheck_securities")
    nlp.add_pipe("tapecheck_orgs")
    nlp.get_pipe("tapecheck_securities").set_registry(registry)
    return nlp
