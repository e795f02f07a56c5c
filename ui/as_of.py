"""How an as-of, and a verdict counted to it, read to an analyst.

A verdict on an inferred as-of is partly circular: the date was chosen because
most claims hold on it. Such a verdict is shown as conditional everywhere
(app, report, command line) — "supported if as of 2026-02-13 (date inferred
from 9 of 11 claims)" — and exports flag it; the stored verdict is unchanged.
No Streamlit here: the command line uses these words too.
"""

from __future__ import annotations

import math
import re

# Verdicts that depend on the date. "unverifiable" does not claim anything about
# the tape, so it stays as it is.
DATED_VERDICTS = ("supported", "exaggerated", "understated", "wrong_direction")
SOURCE_WORDS = {
    "published": "from the publication time",
    "inferred": "inferred from the claims",
    "user": "set by the analyst",
}
_SUPPORT = re.compile(r"(\d+) of (\d+) claims hold")


def _text(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def support(note) -> tuple[int, int] | None:
    """(claims that hold, claims checked) from an inference note, if it says."""
    found = _SUPPORT.search(_text(note))
    return (int(found.group(1)), int(found.group(2))) if found else None


def support_text(note) -> str:
    """'9 of 11', or '' when the note does not say."""
    found = support(note)
    return f"{found[0]} of {found[1]}" if found else ""


def inferred_basis(note) -> str:
    """'date inferred from 9 of 11 claims' (or from the claims, when the count is unknown)."""
    count = support_text(note)
    return f"date inferred from {count} claims" if count else "date inferred from the claims"


def conditional(verdict, as_of_source) -> bool:
    """True when the verdict only holds if the inferred as-of is the article's date."""
    return _text(as_of_source) == "inferred" and _text(verdict) in DATED_VERDICTS


def verdict_words(verdict) -> str:
    return _text(verdict).replace("_", " ") or "not verified"


def condition(as_of, as_of_source, note="", short: bool = False) -> str:
    """' if as of 2026-02-13 (date inferred from 9 of 11 claims)' for an inferred
    as-of, else ''. Short form: ' if as of 2026-02-13 (inferred)'."""
    if _text(as_of_source) != "inferred" or not _text(as_of):
        return ""
    basis = "inferred" if short else inferred_basis(note)
    return f" if as of {_text(as_of)[:10]} ({basis})"


def verdict_text(verdict, as_of, as_of_source, note="", short: bool = False) -> str:
    """The machine verdict in words, conditional on an inferred as-of."""
    words = verdict_words(verdict)
    if not conditional(verdict, as_of_source):
        return words
    return words + condition(as_of, as_of_source, note, short)


def as_of_text(as_of, as_of_source, note="") -> str:
    """'as of 2026-02-13 (from the publication time)' / '(inferred from 9 of 11
    claims: verdicts are conditional)' / 'as-of not set'."""
    if not _text(as_of):
        return "as-of not set"
    source = _text(as_of_source)
    if source == "inferred":
        count = support_text(note)
        how = f"inferred from {count} claims" if count else "inferred from the claims"
        return f"as of {_text(as_of)[:10]} ({how}: verdicts are conditional on it)"
    return f"as of {_text(as_of)[:10]} ({SOURCE_WORDS.get(source, source or 'unknown source')})"
