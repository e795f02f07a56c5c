"""Parts of a session: a figure said at the open, at midday, after hours or on a
flash-list line stamped before the close is not a close, so no daily price can
confirm it. Such claims keep their session's period and carry the flag
``intraday`` (verification: unverifiable, with that reason)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from tapecheck.nlp.periods import CLOSE_VERB, intraday
from tapecheck.records import FLAG_INTRADAY, Claim

SESSION = "1d"


@dataclass
class SessionTimes:
    """What an article's flash list says of the session, read once when first needed."""
    close: int | None = -1      # minutes after midnight of its closing line; -1: not looked for yet


def mark_intraday(claims: list[Claim], text: str, s: int, times: SessionTimes) -> list[Claim]:
    """Flag the sentence's claims that report part of a session: its period phrase
    names one ('opened 2.4% lower', 'up 1.1% at midday', 'jumped 12% after hours'),
    or its flash-list line is stamped well before the list's close ('11:02 Toyota +2.1%'
    above '15:31 Nikkei closes ...'). A close verb before the figure ('before closing
    8% higher') is the close."""
    out = [_flag(c) if c.period_source in ("sentence", "context") and c.period == SESSION
           and intraday(c.period_text, before_figure(text, c)) else c for c in claims]
    stamp = stamp_at(text, s)
    if stamp is None:
        return out
    if times.close == -1:
        times.close = close_stamp(text)
    if times.close is None or stamp >= times.close - CLOSE_MARGIN_MINUTES:
        return out
    return [_flag(c) if c.period in (SESSION, "none") and c.period_source != "context"
            and not CLOSE_VERB.search(before_figure(text, c)) else c for c in out]


def _flag(c: Claim) -> Claim:
    return c if FLAG_INTRADAY in c.flags else replace(c, flags=c.flags + (FLAG_INTRADAY,))


def before_figure(text: str, c: Claim) -> str:
    """The few words written just before a claim's figure ('before closing ')."""
    at = text.rfind(c.figure_text, c.sentence_start, c.end) if c.figure_text else -1
    return text[max(c.sentence_start, at - 30):at] if at != -1 else ""


# a flash line opens with its time: '15:33 Sumitomo Metal Mining +5.4%; IHI +4.2%'
STAMP = re.compile(r"[ \t]*(?:(?P<h>\d{1,2})[:.](?P<m>\d{2})(?:\s?(?P<ampm>am|pm)|\s?(?:jst|et|gmt|bst|cet))?|"
                   r"(?P<h2>\d{1,2})\s?(?P<ampm2>am|pm))\b[ \t]*[-–:]?[ \t]*\S", re.IGNORECASE)
CLOSE_MARGIN_MINUTES = 15   # a line this close to the closing line is read as part of the close
CLOSE_LINE = re.compile(r"\b(?:closes|closed|close|ends|ended|finishes|finished|settles|settled)\b", re.IGNORECASE)


def stamp_at(text: str, s: int) -> int | None:
    """Minutes after midnight of the time a flash-list line opens with ('15:33 SMM +5.4%'), else None."""
    m = STAMP.match(text, text.rfind("\n", 0, s) + 1)
    if m is None:
        return None
    hour, minute, ampm = (int(m.group("h")), int(m.group("m")), m.group("ampm")) if m.group("h") else \
        (int(m.group("h2")), 0, m.group("ampm2"))
    if ampm and ampm.lower() == "pm" and hour < 12:
        hour += 12
    return hour * 60 + minute


def stamped(text: str, s: int) -> bool:
    """A line of a timed flash list: its bare signed figures are the session's moves, as on a quote board."""
    return stamp_at(text, s) is not None


def close_stamp(text: str) -> int | None:
    """The time of a flash list's closing line ('15:31 Nikkei closes +1.5%'): lines stamped
    before it report the session while it trades."""
    start = 0
    while True:
        end = text.find("\n", start)
        line = text[start:] if end == -1 else text[start:end]
        if CLOSE_LINE.search(line):
            at = stamp_at(text, start)
            if at is not None:
                return at
        if end == -1:
            return None
        start = end + 1
