"""Which language an article is written in.

tapecheck's claim vocabulary is English; a German or Japanese article is
stored and flagged "non_english" so extraction skips it instead of inventing
claims. Short English snippets ("Kioxia ~120%") confuse any character-model
classifier, so text is only called non-English when the classifier is sure
AND the text does not read like English (its common function words); a
bilingual text with a substantial English part stays English.
"""

from __future__ import annotations

import functools
import re

FLAG_NON_ENGLISH = "non_english"
_MIN_LETTERS = 40
_CONFIDENCE = 0.9
_SAMPLE_CHARS = 6000
_WORD = re.compile(r"[^\W\d_]+")
# Common English words that are not also common words of other Latin-script
# languages ("a", "in", "an", "on", "per cent" are left out on purpose).
_ENGLISH_WORDS = frozenset(
    "the of and to is are was were been has have had its this that these those which while than "
    "more after before over since with from by for their they said shares stock stocks rose fell "
    "gained lost percent week year".split()
)


@functools.cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _sample(text: str) -> str:
    """Beginning, middle and end: enough to judge, cheap on a 100,000-word text."""
    if len(text) <= 3 * _SAMPLE_CHARS:
        return text
    middle = len(text) // 2
    return "\n".join((text[:_SAMPLE_CHARS], text[middle:middle + _SAMPLE_CHARS], text[-_SAMPLE_CHARS:]))


def english_share(text: str) -> float:
    """Share of common English words among the Latin-script words."""
    words = [w for w in _WORD.findall(text.lower()) if w.isascii()]
    if not words:
        return 0.0
    return sum(1 for w in words if w in _ENGLISH_WORDS) / len(words)


def detect(text: str) -> tuple[str, tuple[str, ...]]:
    """Return (ISO 639-1 code, flags). Defaults to English when unsure."""
    sample = _sample(text)
    letters = sum(1 for ch in sample if ch.isalpha())
    if letters < _MIN_LETTERS:
        return "en", ()
    language, confidence = _identifier().classify(sample)
    if language == "en" or confidence < _CONFIDENCE:
        return "en", ()
    # English with a foreign table or quote, or a bilingual text: the English
    # part is still worth checking.
    ascii_letters = sum(1 for ch in sample if ch.isascii() and ch.isalpha())
    if ascii_letters / letters >= 0.5 and english_share(sample) >= 0.15:
        return "en", ()
    return language, (FLAG_NON_ENGLISH,)
