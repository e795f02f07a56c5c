"""Figures as written: '5%', '-1.4%', '~120%', '>>%', '1.63 pct', 'doubled',
'844.72 points', 'closed at 51,117.26'.

A Figure is only the number and how it was written; whose move it is, its
sign from the verbs around it and its period are decided in ``claims``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SIGN = r"[+\-−–]"
# 'pc' only in lower case straight after the number ('5pc', '5 pc'), as British papers write it
_PCT_UNIT = r"\s?%|\s?(?:pct\b|per\s?cent\b|percent\b|(?-i:pc)\b)"
# A European decimal comma ('1,4%', '0,75 %'): one or two digits after the comma, then the unit
# at once; three digits ('1,400%') are a thousands group.
DECIMAL_COMMA = re.compile(r"(?<![\w.,])(?P<s>[+\-−–])?(?P<n>\d{1,3},\d{1,2})(?=\s?(?:%|pct\b|per\s?cent\b|percent\b))"
                           r"(?P<u>\s?(?:%|pct|per\s?cent|percent))", re.IGNORECASE)
_UNITS_WORDS = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
                "sixteen seventeen eighteen nineteen").split()
_TENS_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
WORD_VALUES = {w: float(n) for n, w in enumerate(_UNITS_WORDS, start=1)} | \
    {w: float(n) for n, w in zip(range(20, 100, 10), _TENS_WORDS)}
# 'five percent', 'two per cent', 'twenty-five percent', 'two and a half per cent', 'half a percent'
WORD_PERCENT = re.compile(
    rf"(?<![\w-])(?P<w>(?:{'|'.join(_TENS_WORDS)})(?:[- ](?:{'|'.join(_UNITS_WORDS[:9])}))?|"
    rf"{'|'.join(_UNITS_WORDS)}|half an?|a half)(?P<half>\s+and\s+a\s+half)?"
    r"[- ](?P<u>percentage[- ]points?|per\s?cent(?:age points?)?|percent|pct)\b",
    re.IGNORECASE)
_PP_UNIT = r"\s?(?:percentage[- ]points?|pct[- ]points?|pp|ppts?)\b"

PERCENT = re.compile(
    rf"(?<![\w.,])(?P<q>>>|>=|<=|[~≈><≥≤])?\s?(?P<s>{_SIGN})?\s?(?P<n>{NUM})"
    rf"(?:(?P<u0>\s?%)?(?:[-–]|\sto\s)(?P<n2>{NUM}))?(?P<u>{_PP_UNIT}|{_PCT_UNIT})(?P<plus>\+|-plus\b)?",
    re.IGNORECASE,
)
BETWEEN = re.compile(rf"\bbetween\s+(?P<a>{NUM})\s?(?:%|pct|per\s?cent|percent)?\s+and\s+(?P<b>{NUM})(?:{_PCT_UNIT})",
                     re.IGNORECASE)
NO_FIGURE = re.compile(r"(?P<q>>>|<<)\s?%")
MULTIPLES = {
    "doubled": 100.0, "doubling": 100.0, "doubles": 100.0, "double": 100.0,
    "tripled": 200.0, "tripling": 200.0, "triples": 200.0, "trebled": 200.0,
    "quadrupled": 300.0, "quadrupling": 300.0,
    "halved": -50.0, "halving": -50.0, "halves": -50.0, "halve": -50.0, "triple": 200.0,
}
_FOLD_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
               "nine": 9, "ten": 10, "twenty": 20, "hundred": 100}
_FORECAST_HINT = ("target", "forecast", "projection", "goal", "call", "see", "saw", "expect", "predict", "project",
                  "estimate")
_DIGIT = re.compile(r"\d")
_FRACTION_HINT = re.compile(r"half|third|quarter|fifth|tenth")
_MULTIPLE_HINT = re.compile(r"doubl|tripl|trebl|quadrupl|halv|fold")
MULTIPLE = re.compile(
    r"\b(?P<w>doubled|doubling|doubles|tripled|tripling|triples|trebled|quadrupled|quadrupling|"
    r"halved|halving|halves|(?<=could )double|(?<=could )triple|(?<=would )double|(?<=will )double|"
    r"(?<=may )double|(?<=might )double|(?<=to )double|(?<=to )triple|(?<=to )halve|(?<=could )halve)\b(?![- ]digit)|\b(?P<f>two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|\d+)[- ]?fold\b",
    re.IGNORECASE,
)
FRACTIONS = {"half": 50.0, "third": 100 / 3, "quarter": 25.0, "fifth": 20.0, "tenth": 10.0,
             "two-thirds": 200 / 3, "three-quarters": 75.0}
# 'lost a fifth of its value', 'have fallen by a third', 'shed more than half its market value'
FRACTION = re.compile(
    r"\b(?:lost|losing|lose|loses|shed|shedding|sheds|fallen|fell|falling|dropped|dropping|slumped|erased|erasing|"
    r"risen|rose|rising|gained|gaining|added|adding|given up|gave up|giving up|wiped out|wiping out|down|up|"
    r"jumped|surged|soared|climbed|rallied|advanced|slid|sank|tumbled|plunged|declined|shed|lost)\s+"
    r"(?:by\s+)?(?:(?:roughly|about|around|nearly|almost|more than|over|some|close to|at least)\s+)?"
    r"(?P<f>(?:(?:a|one)[- ])?(?:half|third|quarter|fifth|tenth)|two[- ]thirds|three[- ]quarters)\b"
    r"(?![- ](?:time|straight|consecutive|successive|day|session|week|month|year|place|largest|biggest|quarter))",
    re.IGNORECASE)
POINTS = re.compile(
    rf"(?<![\w.,])(?P<s>{_SIGN})?(?P<n>{NUM})[- ]?(?P<u>points?|pts?)\b(?!\s*(?:percentage|basis))",
    re.IGNORECASE,
)
_LEVEL_VERBS = (
    r"closed|ended|finished|settled|stood|traded|opened|close|end|finish|settle|closing|ending|finishing|"
    r"rose|fell|climbed|dropped|jumped|surged|rallied|slid|sank|tumbled|plunged|advanced|declined|"
    r"gained|slipped|eased|soared|rebounded|hit|reached|touched|topped|crossed|breached|broke|"
    r"rising|falling|climbing|dropping|hitting|reaching|touching|topping|"
    r"reach|touch|climb|rise|fall|drop|exceed|surpass|breach|cross|exceeding|surpassing"
)
# 'to end June at 40,487.39', 'closed the month at ...': the level at that span's last close
_MONTH_NAMES = ("january|february|march|april|may|june|july|august|september|october|november|december|"
                "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
LEVEL = re.compile(
    rf"\b(?:{_LEVEL_VERBS})(?:\s+(?:the\s+)?(?:day|session|week|month|quarter|half|year|trading|morning|afternoon|"
    rf"monday|tuesday|wednesday|thursday|friday)|\s+(?:{_MONTH_NAMES})(?=\s+(?:at|to)\s))?\s+"
    rf"(?:at|to|above|below|past|through)?\s*(?:an?\s+)?(?:(?:record|all-time|fresh|new|intraday|closing)\s+)*"
    rf"(?:(?:high|low|peak|record)\s+(?:of\s+)?)?(?P<c>[¥$€£]|US\$|HK\$)?\s?(?P<n>{NUM})"
    rf"(?!\d|[,.:]\d|\s?[ap]\.?m\b\.?|\s?(?:%|pct|per\s?cent|percent|percentage|points?|pts|bps|basis|times|[-–]\d|\.\d|years?|months?|weeks?|days?|sessions?|"
    rf"trillion|billion|million|bn|mn|tn|m\b|b\b))",
    re.IGNORECASE,
)

# A forecast level: 'a target of 60,000', "raised its year-end target for the S&P 500 to 7,800",
# 'sees the Nikkei at 62,000', 'forecast the Topix to end the year at 4,200' (claims marks them forward)
_CCY = r"(?:[¥$€£]|US\$)?\s?"
FORECAST_LEVEL = re.compile(
    rf"\b(?:target|forecast|projection|goal|call)s?(?:\s+(?:price|level))?\s+(?:of|at)\s+{_CCY}(?P<n>{NUM})|"
    rf"\btarget(?:\s+price)?\s+(?:for|on)\s+[^.;,%]{{1,40}}?\s+(?:to|at|of)\s+{_CCY}(?P<n2>{NUM})|"
    rf"\b(?:sees?|saw|expects?|expected|forecasts?|predicts?|projects?|estimates?)\s+(?:the\s+)?[^.;,%]{{1,30}}?\s+"
    rf"(?:at|(?:to\s+)?(?:end|finish|close)\s+(?:the\s+year\s+|\d{{4}}\s+)?at)\s+{_CCY}(?P<n3>{NUM})"
    rf"(?!\d|[,.:]\d|\s?[ap]\.?m\b\.?|\s?(?:%|pct|per\s?cent|percent|percentage|points?|bps|basis|times|trillion|billion|million|bn|mn|tn))",
    re.IGNORECASE)

# 'fell 75 points to 8,120', 'rose 2.1% to 50,020'
LEVEL_AFTER_MOVE = re.compile(
    rf"(?:%\)?|\bpct|\bper\s?cent|\bpercent|\bpoints?|\bpts|\d\s?yen)\s*,?\s+(?:higher\s+|lower\s+|up\s+|down\s+)?(?:to|at)\s+"
    rf"(?:close\s+at\s+|end\s+at\s+)?(?P<c>[¥$€£])?(?P<n>{NUM})"
    rf"(?!\d|[,.:]\d|\s?[ap]\.?m\b\.?|\s?(?:%|pct|per\s?cent|percent|[-–]\d|years?|months?|weeks?|days?|trillion|billion|million|bn|mn|tn|m\b|b\b))",
    re.IGNORECASE,
)


# Sizes said in words: 'a double-digit gain', 'down by high single digits', 'a low single-digit percentage'.
# (value, qualifier, precision): the middle of the span the words allow, and its width.
HEDGES = {"double": (10.0, "at_least", 1.0), "triple": (100.0, "at_least", 10.0),
          "high single": (8.0, "approx", 2.0), "mid single": (5.0, "approx", 2.0), "low single": (2.0, "approx", 2.0),
          "low double": (12.0, "approx", 4.0), "mid double": (15.0, "approx", 5.0)}
HEDGE = re.compile(r"\b(?P<w>(?:(?:high|mid|low)[- ])?single|(?:(?:low|mid)[- ])?double|triple)[- ]digits?\b"
                   r"(?:\s+(?:percentage|percent|per\s?cent|pct))?", re.IGNORECASE)
# A change in yen next to its percent ('a gain of 2,175.26 yen (+4.75%)'): translated Japanese reports
# write an index's points in yen
# write an index's points in yen; after a move verb ('rose 41 yen to 2,974 yen') a change in yen is the move
YEN_POINTS = re.compile(rf"(?<![\w.,])(?P<s>[+\-−–])?(?P<n>{NUM})\s?yen"
                        rf"(?=\s*\(\s*[+\-−–]?\s?\d[\d.,]*\s?%\s*\)|,?\s+or\s+[+\-−–]?\d)|"
                        rf"\b(?:rose|fell|gained|lost|added|shed|climbed|dropped|slid|jumped|surged|declined|advanced|"
                        rf"tumbled|slipped|eased|rallied|sank|plunged|soared|up|down)\s+(?:by\s+)?"
                        rf"(?P<s2>[+\-−–])?(?P<n2>{NUM})\s?yen\b(?!\s*(?:a|per)\s+share)",
                        re.IGNORECASE)


@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    text: str
    kind: str            # pct | pp | mult | points | level | nofig
    value: float | None  # magnitude as written; signed when written with +/- (or a multiple)
    explicit_sign: int   # +1 / -1 when the figure itself carries the sign, else 0
    qualifier: str | None
    precision: float


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def precision_of(number: str) -> float:
    """Rounding step implied by the digits: '1.4' -> 0.1, '5' -> 1, '1,000' -> 100.

    Whole numbers of 100 and more with trailing zeros are round figures, so
    their step is the last non-zero place, but never coarser than a tenth of
    the number ('120' -> 10, '1000' -> 100, '40,000' -> 1000).
    """
    digits = number.replace(",", "")
    if "." in digits:
        return 10.0 ** -len(digits.split(".", 1)[1])
    if len(digits) >= 3:
        trailing = len(digits) - len(digits.rstrip("0"))
        return float(10 ** min(trailing, len(digits) - 2))
    return 1.0


_SYMBOL_QUALIFIERS = {"~": "approx", "≈": "approx", ">": "more_than", ">>": "much_more", "<": "less_than",
                      ">=": "at_least", "≥": "at_least", "<=": "up_to", "≤": "up_to"}


# 'to a record close of 47,944.76', 'a closing high of 5,120': where it closed
CLOSE_OF = re.compile(rf"\b(?:record close|close|closing (?:high|low|level|record)|record closing high|finish)"
                      rf"\s+of\s+(?P<n>{NUM})\b(?!\s?(?:%|pct|per|percent|points?|pts|percentage))", re.IGNORECASE)
# a quote-board line 'Nikkei 225: 54,341.23 (+1.48%)': the figure after the colon is the level
QUOTE_LEVEL = re.compile(rf"(?<=:)\s+(?P<n>{NUM})(?=\s*\(\s*[+\-−–]\s?\d)")
# a broker's quote line '* N225 68,557.73: +1.2% d/d, -1.7% w/w': the figure before the colon is the level
QUOTE_LINE_LEVEL = re.compile(rf"(?m)^[ \t]*(?:[*•·–-][ \t]*)?[^\n:.;]{{1,40}}?[ \t](?P<n>{NUM})(?=:[ \t]*[+\-−–][ \t]?\d)")


def find_figures(text: str, start: int = 0, end: int | None = None) -> list[Figure]:
    """Every figure in text[start:end], with absolute character offsets."""
    end = len(text) if end is None else end
    chunk = text[start:end]
    out: list[Figure] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    def add(fig: Figure) -> None:
        if free(fig.start, fig.end):
            taken.append((fig.start, fig.end))
            out.append(fig)

    low = chunk.lower()
    digits = _DIGIT.search(chunk) is not None     # every pattern built on NUM needs one
    for m in (BETWEEN.finditer(chunk) if digits and "between" in low else ()):
        lo_, hi_ = _number(m.group("a")), _number(m.group("b"))
        add(Figure(start + m.start(), start + m.end(), m.group(0), "pct", (lo_ + hi_) / 2, 0, "approx",
                   abs(hi_ - lo_) or precision_of(m.group("a"))))
    for m in (NO_FIGURE.finditer(chunk) if ">>" in chunk or "<<" in chunk else ()):
        add(Figure(start + m.start(), start + m.end(), m.group(0), "nofig", None, 0,
                   _SYMBOL_QUALIFIERS.get(m.group("q"), "much_more"), 1.0))
    for m in (PERCENT.finditer(chunk) if digits else ()):
        sign = {"+": 1, "-": -1, "−": -1, "–": -1}.get(m.group("s") or "", 0)
        # A dash straight after a word or number is a hyphen, not a minus: '10-15%', 'S&P 500-1.4'.
        if sign == -1 and m.start("s") > 0 and chunk[m.start("s") - 1].isalnum():
            sign = 0
        qual = _SYMBOL_QUALIFIERS.get(m.group("q") or "")
        if m.group("plus"):
            qual = "more_than"
        value = _number(m.group("n"))
        prec = precision_of(m.group("n"))
        if re.fullmatch(r"(?:19|20)\d\d", m.group("n")) and not sign and not m.group("q") and re.search(
                r"\b(?:ytd|y-t-d|q[1-4]|h[12]|fy|cy|year|[1-4][qh])\s*$", chunk[max(0, m.start() - 8):m.start()], re.IGNORECASE):
            continue            # a column header 'YTD 2026 %', 'Q2 2025 %': the year of the column, not a figure
        if m.group("u0") and re.search(r"\bfrom\s+$", chunk[max(0, m.start() - 6):m.start()]):
            continue            # 'from 3% to 5%': a rate's two levels, never a range
        if m.group("n2"):        # a range: the midpoint, with the range as its step
            hi = _number(m.group("n2"))
            value, prec = (value + hi) / 2, abs(hi - value) or prec
            qual = qual or "approx"
        kind = "pp" if re.match(_PP_UNIT, m.group("u"), re.IGNORECASE) and "%" not in m.group("u") else "pct"
        fstart = m.start("q") if m.group("q") else (m.start("s") if m.group("s") and sign else m.start("n"))
        add(Figure(start + fstart, start + m.end(), chunk[fstart:m.end()], kind,
                   value * sign if sign else value, sign, qual, prec))
    if digits and "," in chunk:
        for m in DECIMAL_COMMA.finditer(chunk):
            sign = {"+": 1, "-": -1, "−": -1, "–": -1}.get(m.group("s") or "", 0)
            if sign == -1 and m.start("s") > 0 and chunk[m.start("s") - 1].isalnum():
                sign = 0
            number = m.group("n").replace(",", ".")
            fstart = m.start("s") if sign else m.start("n")
            add(Figure(start + fstart, start + m.end(), chunk[fstart:m.end()], "pct",
                       float(number) * (sign or 1), sign, None, precision_of(number)))
    if "per" in low or "pct" in low:
        for m in WORD_PERCENT.finditer(chunk):
            words = m.group("w").lower().replace("-", " ").split()
            if words[0] in ("half", "a"):
                value = 0.5
            else:
                value = sum(WORD_VALUES[w] for w in words) + (0.5 if m.group("half") else 0.0)
            kind = "pp" if "point" in m.group("u").lower() else "pct"
            add(Figure(start + m.start(), start + m.end(), m.group(0), kind, value, 0, None,
                       0.5 if value != int(value) else 1.0))
    for m in (HEDGE.finditer(chunk) if "digit" in low else ()):
        w = re.sub(r"[- ]", " ", m.group("w").lower())
        if w in HEDGES and not re.search(r"\bhad\s+(?:\w+\s+){1,2}$", chunk[max(0, m.start() - 30):m.start()]):
            # 'after both had fallen by double digits': a size in words for an earlier, undated move is background
            value, qual, prec = HEDGES[w]
            add(Figure(start + m.start(), start + m.end(), m.group(0), "pct", value, 0, qual, prec))
    for m in (YEN_POINTS.finditer(chunk) if digits and "yen" in low else ()):
        g, sg = ("n", "s") if m.group("n") else ("n2", "s2")
        sign = {"+": 1, "-": -1, "−": -1, "–": -1}.get(m.group(sg) or "", 0)
        fstart = m.start(sg) if sign else m.start(g)
        add(Figure(start + fstart, start + m.end(), chunk[fstart:m.end()], "points",
                   _number(m.group(g)) * (sign or 1), sign, None, precision_of(m.group(g))))
    for m in (FRACTION.finditer(chunk) if _FRACTION_HINT.search(low) else ()):
        words = re.sub(r"^(?:a|one)[- ]", "", m.group("f").lower()).replace(" ", "-")
        add(Figure(start + m.start("f"), start + m.end("f"), m.group("f"), "pct", round(FRACTIONS[words], 2), 0,
                   None, 5.0))
    for m in (MULTIPLE.finditer(chunk) if _MULTIPLE_HINT.search(low) else ()):
        if m.group("w"):
            value = MULTIPLES[m.group("w").lower()]
        else:
            f = m.group("f").lower()
            n = float(_FOLD_WORDS.get(f) or f)
            value = (n - 1) * 100.0
        add(Figure(start + m.start(), start + m.end(), m.group(0), "mult", value, 1 if value > 0 else -1,
                   None, max(10.0, abs(value) / 10)))
    for m in (FORECAST_LEVEL.finditer(chunk) if digits and any(w in low for w in _FORECAST_HINT) else ()):
        g = next(x for x in ("n", "n2", "n3") if m.group(x))
        n = m.group(g)
        if not re.fullmatch(r"(?:19|20)\d\d", n):
            add(Figure(start + m.start(g), start + m.end(g), n, "level", _number(n), 0, None, precision_of(n)))
    for m in (LEVEL_AFTER_MOVE.finditer(chunk) if digits and (" to " in low or " at " in low) else ()):
        n = m.group("n")
        add(Figure(start + m.start("n"), start + m.end("n"), n, "level", _number(n), 0, None, precision_of(n)))
    for m in (POINTS.finditer(chunk) if digits and "p" in low and ("point" in low or "pt" in low) else ()):
        if re.search(r"\b(?:to|at)\s+$", chunk[max(0, m.start() - 4):m.start()]):
            n = m.group("n")           # 'rose 0.5% to 5,480.2 points': where it ended, not how far it moved
            add(Figure(start + m.start("n"), start + m.end("n"), n, "level", _number(n), 0, None, precision_of(n)))
            continue
        sign = {"+": 1, "-": -1, "−": -1, "–": -1}.get(m.group("s") or "", 0)
        value = _number(m.group("n"))
        fstart = m.start("s") if sign else m.start("n")
        add(Figure(start + fstart, start + m.end(), chunk[fstart:m.end()], "points",
                   value * sign if sign else value, sign, None, precision_of(m.group("n"))))
    for m in (QUOTE_LEVEL.finditer(chunk) if digits and ":" in chunk else ()):
        n = m.group("n")
        add(Figure(start + m.start("n"), start + m.end("n"), n, "level", _number(n), 0, None, precision_of(n)))
    for m in (QUOTE_LINE_LEVEL.finditer(chunk) if digits and ":" in chunk else ()):
        n = m.group("n")
        add(Figure(start + m.start("n"), start + m.end("n"), n, "level", _number(n), 0, None, precision_of(n)))
    for m in (CLOSE_OF.finditer(chunk) if digits and " of " in low else ()):
        n = m.group("n")
        add(Figure(start + m.start("n"), start + m.end("n"), n, "level", _number(n), 0, None, precision_of(n)))
    for m in (LEVEL.finditer(chunk) if digits else ()):
        n = m.group("n")
        if re.fullmatch(r"(?:19|20)\d\d", n):      # 'rose in 2025' is a year, not a level
            continue
        add(Figure(start + m.start("n") - (1 if m.group("c") else 0) if m.group("c") else start + m.start("n"),
                   start + m.end("n"), n, "level", _number(n), 0, None, precision_of(n)))
    out.sort(key=lambda f: f.start)
    return out
