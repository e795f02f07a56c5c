"""Article text as safe HTML, with claims and entities marked at their exact spans.

Every character of the article goes through ``html.escape``: the only markup
on the page is the markup written here. Spans may nest or overlap (an entity
inside a claim, two claims sharing a subject); the text is cut at every span
boundary and each piece is wrapped in the marks that cover it.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

# Verdict colours, shared with the tables, charts and the report.
VERDICT_COLOURS = {
    "supported": "#1a7f37",
    "exaggerated": "#c2410c",
    "understated": "#7c3aed",
    "wrong_direction": "#b91c1c",
    "unverifiable": "#6b7280",
    "pending": "#2563eb",
}
VERDICT_BACKGROUNDS = {
    "supported": "#dcfce7",
    "exaggerated": "#ffedd5",
    "understated": "#ede9fe",
    "wrong_direction": "#fee2e2",
    "unverifiable": "#e5e7eb",
    "pending": "#dbeafe",
}

STYLE = """
<style>
.tc-article { white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.6;
  font-size: 0.92rem; font-family: inherit; }
.tc-claim { border-radius: 3px; padding: 0 1px; border-bottom: 2px solid; }
.tc-ent { text-decoration: underline dotted 1.5px; text-underline-offset: 3px; font-weight: 600; }
.tc-ent-none { text-decoration: underline dotted 1.5px #9ca3af; text-underline-offset: 3px; }
.tc-tag { font-size: 0.68rem; font-weight: 700; border-radius: 6px; padding: 0 4px;
  margin-left: 1px; color: white; vertical-align: super; }
.tc-selected { outline: 2px solid #111827; outline-offset: 1px; }
</style>
"""


@dataclass(frozen=True)
class Mark:
    """One highlighted claim: span, label shown after it, verdict for the colour."""

    start: int
    end: int
    label: str
    verdict: str
    title: str = ""
    selected: bool = False


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    ticker: str | None


def _valid(start, end, length: int) -> bool:
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= length


def article_html(text: str, marks: list[Mark], entities: list[Entity]) -> str:
    """The article text, escaped, with claims coloured by verdict and entities underlined."""
    n = len(text)
    marks = [m for m in marks if _valid(m.start, m.end, n)]
    entities = [e for e in entities if _valid(e.start, e.end, n)]
    cuts = sorted({0, n, *(m.start for m in marks), *(m.end for m in marks),
                   *(e.start for e in entities), *(e.end for e in entities)})
    opens: dict[int, list] = {}
    closes: dict[int, list] = {}
    for span in (*marks, *entities):
        opens.setdefault(span.start, []).append(span)
        closes.setdefault(span.end, []).append(span)

    out = [STYLE, '<div class="tc-article">']
    active_marks: list[Mark] = []
    active_entities: list[Entity] = []
    for a, b in zip(cuts, cuts[1:]):
        for span in closes.get(a, ()):
            (active_marks if isinstance(span, Mark) else active_entities).remove(span)
        for span in opens.get(a, ()):
            (active_marks if isinstance(span, Mark) else active_entities).append(span)
        piece = html.escape(text[a:b])
        if active_entities:
            entity = active_entities[-1]
            cls = "tc-ent" if entity.ticker else "tc-ent-none"
            tip = entity.ticker or "not linked to a security"
            piece = f'<span class="{cls}" title="{html.escape(tip)}">{piece}</span>'
        if active_marks:
            mark = min(active_marks, key=lambda m: m.end - m.start)
            piece = _wrap_claim(piece, mark)
        out.append(piece)
        for span in closes.get(b, ()):
            if isinstance(span, Mark):
                colour = VERDICT_COLOURS.get(span.verdict, VERDICT_COLOURS["pending"])
                out.append(f'<span class="tc-tag" style="background:{colour}">'
                           f'{html.escape(span.label)}</span>')
    out.append("</div>")
    return "".join(out)


def _wrap_claim(piece: str, mark: Mark) -> str:
    colour = VERDICT_COLOURS.get(mark.verdict, VERDICT_COLOURS["pending"])
    background = VERDICT_BACKGROUNDS.get(mark.verdict, VERDICT_BACKGROUNDS["pending"])
    cls = "tc-claim tc-selected" if mark.selected else "tc-claim"
    title = html.escape(mark.title or mark.verdict, quote=True)
    return (f'<mark class="{cls}" style="background:{background};border-color:{colour}" '
            f'title="{title}">{piece}</mark>')
