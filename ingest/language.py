"""Which language an article is written in.

tapecheck's claim vocabulary is English; a German or Japanese article is
stored and flagged "non_english" so extraction skips it instead of inventing
claims. Short English snippets ("Kioxia ~120%") confuse any character-model
classifier, so text is only called non-English when the classifier is sure
AND the text does not read like English (its common function words).
"""

from __future__ import annotations

import functools
import re

FLAG_NON_ENGLISH = "non_english"
_MIN_LETTERS = 40
_CONFIDENCE = 0.9
_SAMPLE_CHARS = 6000
_WORD = re.compile(r"[^\W\d_]+")
_ENGLISH_WORDS = frozenset(
    "the a an of to in on and or but for with by at from as is are was were be been has have had "
    "its it this that these those while than more less after before over since up down year week "
    "shares stock stocks index rose fell gained lost percent per cent".split()
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
    words = _WORD.findall(text.lower())
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
    ascii_letters = sum(1 for ch in sample if ch.isascii() and ch.isalpha())
    if ascii_letters / letters > 0.9 and english_share(sample) >= 0.12:
        return "en", ()
    return language, (FLAG_NON_ENGLISH,)
