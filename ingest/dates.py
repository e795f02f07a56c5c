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
from datetime import date, datetime, timedelta, timezone

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


# --- a dateline at the top of a plain-text article -------------------------------

_MONTHS = {name: number for number, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
    ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
    ("dec", "december")), start=1) for name in names}
_ZONES = {"utc": 0, "gmt": 0, "z": 0, "jst": 540, "kst": 540, "hkt": 480, "sgt": 480, "cet": 60, "cest": 120,
          "bst": 60, "est": -300, "edt": -240}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20|21)\d{2})"
_DATE_FORMS = (
    rf"(?P<iso>{_YEAR}-(?P<imonth>\d{{2}})-(?P<iday>\d{{2}}))",
    rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}",
    rf"{_DAY}\s+{_MONTH},?\s+{_YEAR}",
)
_TIME = r"(?:[,\sT]+(?:at\s+)?(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::\d{2})?\s*(?P<ampm>[ap]\.?m\.?)?" \
        r"\s*(?P<zone>[A-Za-z]{1,4}|[+-]\d{2}:?\d{2})?)?"
_DATELINE = [re.compile(rf"^(?:(?:published|posted|date|first published)\s*:?\s*)?(?:[A-Za-z]+day,?\s+)?{form}{_TIME}\s*$",
                        re.I) for form in _DATE_FORMS]
_HEAD_LINES = 6


def dateline(text: str) -> datetime | date | None:
    """The publication date a plain-text article states on a line of its own
    near the top ("February 13, 2026", "Published: 13 Feb 2026 21:56 JST",
    "2026-02-13"). A time counts only with a known zone; "Updated" lines are
    ignored (they are later than publication). None when there is none."""
    lines = [line.strip() for line in text.split("\n")[:40] if line.strip()][:_HEAD_LINES]
    for line in lines:
        if len(line) > 60 or line.lower().startswith(("updated", "last updated", "modified")):
            continue
        for pattern in _DATELINE:
            match = pattern.match(line)
            if match:
                found = _dateline_value(match)
                if found is not None:
                    return found
    return None


def _dateline_value(match: re.Match) -> datetime | date | None:
    parts = match.groupdict()
    try:
        if parts.get("iso"):
            day = date(int(parts["year"]), int(parts["imonth"]), int(parts["iday"]))
        else:
            month = _MONTHS.get(parts["month"].lower().rstrip("."))
            if month is None:
                return None
            day = date(int(parts["year"]), month, int(parts["day"]))
    except ValueError:
        return None
    if parts.get("hour") is None or parts.get("zone") is None:
        return day
    offset = _zone_minutes(parts["zone"])
    hour = int(parts["hour"]) % 12 + (12 if (parts.get("ampm") or "").lower().startswith("p") else 0) \
        if parts.get("ampm") else int(parts["hour"])
    if offset is None or hour > 23 or int(parts["minute"]) > 59:
        return day
    return datetime(day.year, day.month, day.day, hour, int(parts["minute"]),
                    tzinfo=timezone(timedelta(minutes=offset)))


def _zone_minutes(zone: str) -> int | None:
    if zone[0] in "+-":
        digits = zone[1:].replace(":", "")
        minutes = int(digits[:2]) * 60 + int(digits[2:])
        return minutes if zone[0] == "+" else -minutes
    return _ZONES.get(zone.lower())
