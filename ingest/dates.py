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


# --- a dateline at the top of a text, or in a page's date line -------------------

_MONTHS = {name: number for number, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
    ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
    ("dec", "december")), start=1) for name in names}
# Fixed offsets in minutes; names that follow daylight saving map to a zone.
_ZONES = {"utc": 0, "gmt": 0, "z": 0, "jst": 540, "kst": 540, "hkt": 480, "sgt": 480, "cst8": 480,
          "ist": 330, "aest": 600, "aedt": 660, "cet": 60, "cest": 120, "bst": 60, "est": -300, "edt": -240,
          "cdt": -300, "pst": -480, "pdt": -420}
_NAMED_ZONES = {"et": "America/New_York", "ny": "America/New_York", "ct": "America/Chicago",
                "pt": "America/Los_Angeles", "uk": "Europe/London"}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20|21)\d{2})"
_DATE_FORMS = (
    rf"(?P<iso>{_YEAR}(?P<sep>[-/.])(?P<imonth>\d{{1,2}})(?P=sep)(?P<iday>\d{{1,2}}))",
    rf"(?P<cjk>{_YEAR}\s*\u5e74\s*(?P<cmonth>\d{{1,2}})\s*\u6708\s*(?P<cday>\d{{1,2}})\s*\u65e5(?:\s*[(\uff08][^)\uff09]{{1,3}}[)\uff09])?)",
    rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}",
    rf"{_DAY}\s+{_MONTH},?\s+{_YEAR}",
)
_ZONE = r"(?P<zone>(?:GMT|UTC)\s?[+-]\d{1,2}(?::?\d{2})?|[A-Za-z]{1,4}\b|[+-]\d{2}:?\d{2})"
_TIME = r"(?:[,\s\u00b7|T-]+(?:at\s+)?(?P<hour>\d{1,2})(?::|\u6642)(?P<minute>\d{2})(?::\d{2})?\u5206?" \
        r"\s*(?P<ampm>[ap]\.?m\.?)?(?:\s*\(?" + _ZONE + r"\)?)?)?"
_LEAD = r"(?:(?:published|posted|date|first published|\u516c\u958b|\u914d\u4fe1|\u63b2\u8f09)\s*:?\s*(?:on\s+)?)?"
_DATELINE = [re.compile(rf"^{_LEAD}(?:[A-Za-z]{{3,9}}\.?,?\s+)?{form}{_TIME}\s*$", re.I) for form in _DATE_FORMS]
_STATED = [re.compile(rf"(?<![\w/.-]){form}{_TIME}", re.I) for form in _DATE_FORMS]
_LATER = re.compile(r"(?<![A-Za-z])(?:updated|last updated|modified|revised|edited)\b|\u66f4\u65b0", re.I)
_HEAD_LINES = 6


def dateline(text: str) -> datetime | date | None:
    """The publication date a plain-text article states on a line of its own
    near the top ("February 13, 2026", "Published: 13 Feb 2026 21:56 JST",
    "2026-02-13", "2026\u5e7411\u670825\u65e5"), or on a byline copied from a page
    with it ("By A. Writer July 9, 2026 3:41 PM GMT+9Updated 3 hours ago").
    A time counts only with a known zone; "Updated" lines and what follows
    "Updated" are ignored (they are later than publication). None when there
    is none."""
    lines = [line.strip() for line in text.split("\n")[:40] if line.strip()][:_HEAD_LINES]
    for line in lines:
        if len(line) > 120 or _LATER.match(line):
            continue
        for pattern in _DATELINE:
            match = pattern.match(line) if len(line) <= 60 else None
            if match:
                found = _dateline_value(match)
                if found is not None:
                    return found
        found = _byline_date(line)
        if found is not None:
            return found
    return None


_READ_TIME = re.compile(r"\b\d+\s*min(?:ute)?s?\.?\s+read\b", re.I)
# Words a byline holds besides a name: "By A. Writer", "Published on".
_BYLINE_WORDS = frozenset(("by", "published", "posted", "on", "at", "date", "first", "and", "in"))
_SEPARATORS = frozenset("\u00b7|-\u2013\u2014\u2022/,")


def _byline_date(line: str) -> datetime | date | None:
    """A date with at most a few words around it, a name or "By" and
    "Published" (a reading time is skipped); a sentence or a headline that
    mentions a date ("Tokyo close, 13 February 2026") is not a date line."""
    later = _LATER.search(line)
    line = line[:later.start()] if later else line
    for pattern in _STATED:
        match = pattern.search(line)
        if match:
            rest = _READ_TIME.sub(" ", line[:match.start()] + " " + line[match.end():]).split()
            rest = [word for word in rest if word not in _SEPARATORS]
            if len(rest) <= 4 and all(word[:1].isupper() or word.lower() in _BYLINE_WORDS for word in rest) \
                    and not any(ch.isdigit() or ch in "!?%" for ch in "".join(rest)):
                return _dateline_value(match)
            return None
    return None


def stated_moment(text: str) -> datetime | date | None:
    """The publication date or moment in a page's short date line ("By A.
    Writer \u00b7 Nov 25, 2026 9:41 AM ET", "25 November 2026 at 15:30 JST").
    What follows "Updated" is a later moment and is not read; relative
    times ("2 hours ago") say nothing without the moment the page was saved."""
    later = _LATER.search(text)
    text = text[:later.start()] if later else text
    for pattern in _STATED:
        match = pattern.search(text)
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
        elif parts.get("cjk"):
            day = date(int(parts["year"]), int(parts["cmonth"]), int(parts["cday"]))
        else:
            month = _MONTHS.get(parts["month"].lower().rstrip("."))
            if month is None:
                return None
            day = date(int(parts["year"]), month, int(parts["day"]))
    except ValueError:
        return None
    if parts.get("hour") is None or parts.get("zone") is None:
        return day
    hour, minute = int(parts["hour"]), int(parts["minute"])
    if parts.get("ampm"):
        if not 1 <= hour <= 12:
            return day
        hour = hour % 12 + (12 if parts["ampm"].lower().startswith("p") else 0)
    if hour > 23 or minute > 59:
        return day
    zone = _zone(parts["zone"], datetime(day.year, day.month, day.day, hour, minute))
    if zone is None:
        return day
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)


def _zone(name: str, wall: datetime) -> timezone | None:
    """A fixed offset for a zone as written; "ET" takes the offset in force
    on that day (EDT in summer, EST in winter)."""
    text = name.strip().lower().replace(" ", "")
    if text[:3] in ("gmt", "utc") and len(text) > 3:
        text = text[3:]
    if text[0] in "+-":
        digits = text[1:].replace(":", "")
        hours, minutes = (digits, "0") if len(digits) <= 2 else (digits[:-2], digits[-2:])
        offset = int(hours) * 60 + int(minutes)
        return timezone(timedelta(minutes=offset if text[0] == "+" else -offset)) if offset <= 14 * 60 else None
    if text in _ZONES:
        return timezone(timedelta(minutes=_ZONES[text]))
    if text in _NAMED_ZONES:
        from zoneinfo import ZoneInfo

        return timezone(wall.replace(tzinfo=ZoneInfo(_NAMED_ZONES[text])).utcoffset())
    return None
