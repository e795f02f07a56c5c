"""Whatever the text, extraction returns claims whose spans point into it."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tapecheck.nlp import extract
from tapecheck.records import Article

PIECES = ["Toyota", "the Nikkei", "S&P 500", "Kioxia's", "rose", "fell", "5%", "-1.4%", ">>%", "~120%",
          "doubled", "while", "on Tuesday", "this week", "(YTD 2026)", "\n", "\n\n", ",", ".", "closed at 51,117.26",
          "844.72 points", "record high", "Zentrix Holdings", "GDP", "profit", "outperformed", "respectively", "and"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=30))
def test_any_text_gives_claims_with_valid_spans(registry, parts):
    text = " ".join(parts)
    x = extract(Article(id="fuzz", source="paste", text=text), registry)
    for c in x.claims:
        assert 0 <= c.sentence_start <= c.start <= c.end <= c.sentence_end <= len(text)
        assert c.sentence == text[c.sentence_start:c.sentence_end]
    for m in x.mentions:
        assert text[m.start:m.end] == m.text


def test_empty_and_non_english_text_give_nothing(registry):
    for text in ("", "   \n\n ", "トヨタ自動車は3%上昇した。"):
        x = extract(Article(id="e", source="paste", text=text), registry)
        assert x.claims == [] and x.mentions == []
