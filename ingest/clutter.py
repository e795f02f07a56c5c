"""Blocks that sit around a story but are never its text.

trafilatura drops most navigation and rails on its own; what it lets
through are blocks inside the story's container: a newsletter promo between
two live-blog entries, a "related coverage" box, a strip of quotes. Those
matter here more than elsewhere: a quote strip ("HANG SENG 27,410 -0.8%") or
a related headline ("Kioxia slumps 11%") read as text would become claims
about moves the article never made.

Stand-alone notices ("Story continues below advertisement") and paragraphs
that only point to another story ("Read also: Kioxia shares fall 11% ...")
go too. Any
other block is dropped only when its class or id names it as such a block AND it is
small or mostly links, so a saved subscriber page whose long body sits in a
"paywall" container keeps its body.
"""

from __future__ import annotations

import re

_NAMES = re.compile(
    r"(?:^|[\s_-])(?:promo\w*|newsletter\w*|sign-?up|subscribe\w*|subscription|paywall\w*|regwall|"
    r"cookie\w*|consent|gdpr|related\w*|recirc\w*|read-?(?:next|more|also)|see-?also|also-?read|"
    r"more-?stories|most-?(?:read|popular|viewed)|trending|ad-?slot|advert\w*|sponsor\w*|outbrain|taboola|"
    r"share|sharing|social|breadcrumbs?|crumbs?|topic-?path|pankuzu|"
    # quotes of other securities: strips, tickers, "companies in this story" boxes
    r"ticker|tickers|quote-?(?:strip|box|card|module|widget)|stock-?(?:widget|box|card|quote)|"
    r"price-?(?:box|card)|market-?(?:data|widget|summary)|companies-in\w*)(?:$|[\s_-])",
    re.I,
)
# A paragraph that only points to another story: "Read also: Kioxia shares fall 11% ...".
_POINTER = re.compile(r"^(?:read (?:more|also|next)|see also|also read|related|more on this|recommended)\s*[:\-\u2013\u2014>|]", re.I)
# Notices that stand alone in a story's flow.
_NOTICE = re.compile(
    r"^(?:story continues (?:below|after)(?: this)? (?:advertisement|ad)|advertisement|ad|"
    r"scroll to continue(?: with content)?|continue reading(?: below)?|article continues below)\W*$", re.I)
_BLOCKS = ("div", "section", "aside", "ul", "ol", "figure", "p", "nav", "footer", "header")
_SMALL_CHARS = 400


def drop_clutter(tree) -> int:
    """Remove promo, rail and quote-strip blocks; returns how many."""
    doomed = []
    for element in tree.iter(*_BLOCKS):
        label = f"{element.get('class', '')} {element.get('id', '')}"
        text = " ".join(element.text_content().split())
        if _NOTICE.match(text) or (_POINTER.match(text) and _linked(element) >= 0.5 * len(text)):
            doomed.append(element)
            continue
        if not _NAMES.search(label) or any(True for _ in element.iter("h1", "article")):
            continue
        if len(text) < _SMALL_CHARS or _linked(element) >= 0.5 * len(text):
            doomed.append(element)
    for element in doomed:
        if element.getparent() is not None and not any(parent in doomed for parent in element.iterancestors()):
            element.drop_tree()
    return len(doomed)


def _linked(element) -> int:
    """Characters of link text inside ``element``."""
    return sum(len(" ".join(link.text_content().split())) for link in element.iter("a"))
