"""The records subject search works on: a security named in the text
(MentionRef) and the subject found for a figure (Found)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Found:
    kind: str                   # mention | anaphora | cue | nonprice | none
    start: int = 0              # char span of the subject as written
    end: int = 0
    text: str = ""
    ticker: str | None = None
    members: tuple[int, ...] = ()   # mention indexes (a coordinated list)
    tok_end: int = 0            # token just after the subject


@dataclass(frozen=True)
class MentionRef:
    start: int
    end: int
    tok_start: int
    tok_end: int
    text: str
    ticker: str | None
    kind: str | None            # index | equity | etf | None
