"""The spaCy pipeline: a blank English tokenizer plus registered components.

    tapecheck_sentences   sentence starts from ``nlp.sentences`` (lines, tables, headlines)
    tapecheck_securities  a PhraseMatcher over every registry alias -> doc.spans["securities"]
    tapecheck_orgs        a Matcher for organisation-like names that link to nothing -> doc.spans["orgs"]

Components are built from names (``@Language.factory``); the registry is
handed to them once after assembly. ``get_nlp`` caches one pipeline per registry.
"""

from __future__ import annotations

import functools

import numpy
import spacy
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from tapecheck.nlp.registry import Registry
from tapecheck.nlp.sentences import sentences

ORG_SUFFIXES = ["Corp", "Corporation", "Inc", "Incorporated", "Holdings", "Holding", "Group", "Ltd",
                "Limited", "plc", "PLC", "AG", "SA", "SE", "NV", "Co", "Company", "Industries",
                "Motors", "Electric", "Electronics", "Pharmaceutical", "Pharma", "Bank", "Financial",
                "Technologies", "Technology", "Systems", "Mining", "Metals", "Steel", "Heavy"]


@Language.factory("tapecheck_sentences")
def make_sentences(nlp: Language, name: str):
    def set_sentences(doc: Doc) -> Doc:
        if not len(doc):
            return doc
        offsets = doc.to_array("IDX").tolist()
        starts = {s for s, _ in sentences(doc.text)}
        flags = [1 if (i == 0 or idx in starts) else -1 for i, idx in enumerate(offsets)]
        doc.from_array(["SENT_START"], numpy.asarray(flags, dtype="int64").astype("uint64").reshape(-1, 1))
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


@Language.factory("tapecheck_orgs")
def make_orgs(nlp: Language, name: str):
    matcher = Matcher(nlp.vocab)
    cap = {"IS_TITLE": True}
    caps = {"IS_UPPER": True, "LENGTH": {">=": 2}}
    # Shape predicates are cheap where regular expressions are not: Xxxxx, XXX, XxxXxx.
    name_tok = {"SHAPE": {"IN": _NAME_SHAPES}}
    more = {"SHAPE": {"IN": _NAME_SHAPES}, "OP": "{0,3}"}
    matcher.add("ORG_SUFFIX", [[name_tok, more, {"ORTH": {"IN": ORG_SUFFIXES}}, {"ORTH": ".", "OP": "?"}]])
    matcher.add("ORG_SHARES", [[name_tok, more, {"ORTH": {"IN": ["'s", "’s"]}, "OP": "?"},
                                {"LOWER": {"IN": ["shares", "stock"]}}]])
    matcher.add("SHARES_OF", [[{"LOWER": {"IN": ["shares", "stock"]}}, {"LOWER": {"IN": ["of", "in"]}},
                               {"LOWER": "the", "OP": "?"}, name_tok, more]])
    del cap, caps

    def find_orgs(doc: Doc) -> Doc:
        taken = {t for span in doc.spans.get("securities", []) for t in range(span.start, span.end)}
        found = []
        for match_id, s, e in matcher(doc):
            label = nlp.vocab.strings[match_id]
            if label == "ORG_SHARES":
                while e > s and doc[e - 1].lower_ in ("shares", "stock", "'s", "’s"):
                    e -= 1
            elif label == "SHARES_OF":
                s += 2
                if doc[s].lower_ == "the":
                    s += 1
            # a sentence-initial common word is not a name ('Shares of ...', 'Banks ...')
            while s < e and (doc[s].sent_start == 1 and doc[s].lower_ in _COMMON_OPENERS):
                s += 1
            if e > s and not any(t in taken for t in range(s, e)):
                found.append(Span(doc, s, e, label="ORG"))
        doc.spans["orgs"] = filter_spans(found)
        return doc
    return find_orgs


_NAME_SHAPES = ["Xx", "Xxx", "Xxxx", "Xxxxx", "XX", "XXX", "XXXX", "XxXxxxx", "XxXxxx", "XxxXxxx", "XxxXxx",
                "XxxxXxxx", "XxxxXxxxx", "XxxxXxxxx", "XXxxxx", "XXxxx", "XxXx", "XXd", "Xd", "XX&X", "X&X", "X&XX"]
_COMMON_OPENERS = frozenset("the a an shares stock stocks in on at for and but while as after japanese us u.s. "
                            "european german british chinese global asian this that these those".split())


@functools.cache
def get_nlp(registry: Registry) -> Language:
    """The extraction pipeline for a registry, built once."""
    nlp = spacy.blank("en")
    nlp.add_pipe("tapecheck_sentences")
    nlp.add_pipe("tapecheck_securities")
    nlp.add_pipe("tapecheck_orgs")
    nlp.get_pipe("tapecheck_securities").set_registry(registry)
    return nlp
