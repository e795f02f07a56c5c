"""Publication timestamps as the user types them or a page states them.

A bare date ("2026-02-13") stays a ``date``: verification reads it as the end
of that day in the security's exchange time zone. A moment must carry its
time zone ("2026-02-13T21:56+09:00", "...Z"): a naive time is refused rather
than guessed, because guessing UTC would shift a Tokyo evening article by
nine hours, across a session close.
"""

from __future__ import annotations

import email.utils
import re
from datetime import date, datetime

from tapecheck.errors import InputError

_EXAMPLES = "use 2026-02-13 or 2026-02-13T21:56+09:00"
_COMPACT_DATE = re.compile(r"^\d{8}$")


def parse_published(value: str) -> datetime | date:
    """Parse an ISO 8601 date or zoned moment (RFC 2822 as in feeds is also
    accepted). Raises InputError with a clear message otherwise."""
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"The publication date is empty: {_EXAMPLES}.")
    text = value.strip()
    if len(text) > 64:
        raise InputError(f"The publication date is not a date ({len(text)} characters): {_EXAMPLES}.")
    parsed = _iso(text) or _rfc2822(text)
    if parsed is None:
        raise InputError(f"Cannot read {text!r} as a publication date: {_EXAMPLES}.")
    if isinstance(parsed, datetime) and parsed.utcoffset() is None:
        raise InputError(
            f"{text!r} has a time but no time zone: add one (2026-02-13T21:56+09:00, "
            f"or Z for UTC), or give only the date."
        )
    year = parsed.year
    if not 1900 <= year <= 2200:
        raise InputError(f"{text!r} is not a plausible publication date (year {year}): {_EXAMPLES}.")
    return parsed


def _iso(text: str) -> datetime | date | None:
    candidate = text.replace(" ", "T", 1) if re.match(r"^\d{4}-\d{2}-\d{2} \d", text) else text
    if _COMPACT_DATE.match(candidate) or len(candidate) == 10 and candidate[4] == "-":
        try:
            return date.fromisoformat(candidate)
        except ValueError:
            return None
    if "T" not in candidate.upper():
        return None
    try:
        return datetime.fromisoformat(candidate.upper() if candidate.endswith("z") else candidate)
    except ValueError:
        return None


def _rfc2822(text: str) -> datetime | None:
    if not re.search(r"[A-Za-z]{3}", text) or not re.search(r"\d{1,2}:\d{2}", text):
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return parsed  # naive when the zone is "-0000" (unknown): refused by the caller


def to_iso(value: datetime | date | None) -> str | None:
    """The inverse of parse_published, for storage and display."""
    return None if value is None else value.isoformat()
