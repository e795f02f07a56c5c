"""Text copied from a whole web page (select all, copy, paste).

Such a paste carries what the page showed around the story: the menu, a
quote strip ("Toyota Motor2,824.0-2.21%", glued together by the copy),
"Related Coverage" and "Read Next" headlines ("Kioxia slumps 11% as ...").
Read as text, each of those is a claim the article never made. When a paste
shows the marks of a page copy, the story is cut out of it:

- before the first prose paragraph, only the headline and the date line are
  kept (the headline becomes the title, as for a saved page);
- a rail heading ("Related Coverage", "Read Next", "Most read" ...) and the
  short headline lines under it go, up to the next prose paragraph;
- stand-alone notices ("Advertisement", "Share", "Report this ad") and
  pointers to other stories ("Read also: Kioxia shares fall 11% ...") go.

A text without those marks (a note, a translated commentary with its plain
tables) is left as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tapecheck.ingest.dates import dateline

_UI_LINE = re.compile(
    r"^(?:skip to (?:main )?content|advertisement(?:\s*\W\s*scroll to continue)?|scroll to continue|"
    r"report (?:this )?ad|share(?: this article)?|save|copy link|print|email|purchase licensing rights|"
    r"sign (?:in|up)|log ?in|register|subscribe(?: now)?|accept (?:all )?cookies|accept all|reject all|"
    r"manage (?:cookies|preferences)|listen to (?:this )?article|\d+ min(?:ute)?s? read|"
    r"updated \d+ (?:minutes?|hours?|days?) ago|view comments|comments?(?: \(\d+\))?|"
    r"story continues below(?: this)? advertisement|our standards:.*|follow us.*)\W*$",
    re.I,
)
_RAIL_HEADING = re.compile(
    r"^(?:related(?: coverage| stories| articles| news| content)?|read next|read more|more from .{1,40}|"
    r"most (?:read|popular|viewed)|recommended(?: for you)?|trending(?: now| tickers)?|latest(?: news| stories)?|"
    r"more (?:stories|news|on this)|you may also like|top stories|editor'?s picks|sponsored(?: content)?|"
    r"recommended stories|further reading)\W*$",
    re.I,
)
_POINTER = re.compile(r"^(?:read (?:more|also|next)|see also|also read)\s*[:\-\u2013\u2014>|]", re.I)
_PROSE_END = re.compile(r"[.!?\"')\u201d]$")
_MIN_PROSE_WORDS = 12
_MAX_HEADLINE_WORDS = 18


@dataclass(frozen=True)
class Story:
    text: str
    title: str | None


def looks_like_page_copy(text: str) -> bool:
    """Two or more interface lines, or a menu of one- and two-word lines
    before the first paragraph."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    interface = sum(1 for line in lines if _UI_LINE.match(line) or _RAIL_HEADING.match(line))
    return interface >= 2 or (interface >= 1 and _menu_run(lines[:_first_prose(lines)]) >= 4)


def story(text: str) -> Story:
    """The story cut out of a page copy (see the module docstring)."""
    lines = [line.strip() for line in text.split("\n")]
    start = _first_prose(lines)
    head = [line for line in lines[:start] if line]
    title = _headline(head)
    date_line = next((line for line in head if dateline(line + "\n") is not None), None)
    kept = [date_line] if date_line else []
    kept.append("")
    in_rail = False
    for line in lines[start:]:
        if not line:
            in_rail = False
            kept.append("")
            continue
        if _RAIL_HEADING.match(line):
            in_rail = True
            continue
        if in_rail and not _is_prose(line):
            continue
        in_rail = False
        if _UI_LINE.match(line) or _POINTER.match(line):
            continue
        kept.append(line)
    return Story(text="\n".join(kept).strip("\n"), title=title)


def _is_prose(line: str) -> bool:
    return len(line.split()) >= _MIN_PROSE_WORDS and bool(_PROSE_END.search(line))


def _first_prose(lines: list[str]) -> int:
    return next((index for index, line in enumerate(lines) if _is_prose(line)), len(lines))


def _menu_run(lines: list[str]) -> int:
    """The longest run of consecutive one- or two-word lines."""
    best = run = 0
    for line in lines:
        run = run + 1 if len(line.split()) <= 2 else 0
        best = max(best, run)
    return best


def _headline(head: list[str]) -> str | None:
    """The last line before the story that reads like a headline: several
    words, not a byline, a date line, a rail heading or an interface line."""
    for line in reversed(head):
        words = line.split()
        if (4 <= len(words) <= _MAX_HEADLINE_WORDS and not line.lower().startswith("by ")
                and dateline(line + "\n") is None and not _UI_LINE.match(line) and not _RAIL_HEADING.match(line)):
            return line
    return None
