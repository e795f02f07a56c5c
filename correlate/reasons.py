"""One readable sentence per verdict, with the closes, dates and band it rests on."""

from __future__ import annotations

from tapecheck.correlate.measure import Leg, Measure
from tapecheck.correlate.tolerance import INF, QUALIFIER_WORDS, Band
from tapecheck.records import Claim


def fmt_close(x: float) -> str:
    return f"{x:,.0f}" if abs(x - round(x)) < 1e-9 else f"{x:,.2f}"


def fmt_pct(x: float, unit: str = "%") -> str:
    digits = 1 if abs(x) >= 10 else 2
    return f"{x:+,.{digits}f}{unit}"


def _num(x: float, digits: int = 3) -> str:
    text = f"{x:,.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def describe_band(b: Band, unit: str) -> str:
    """The rule's own range (without the data slack): 'approx: 108–132%'."""
    lo, hi = b.low + b.slack, b.high - b.slack
    word = QUALIFIER_WORDS.get(b.qualifier, "")
    sign = -1 if b.sign < 0 else 1
    if hi == INF:
        text = f"{'below' if sign < 0 else 'above'} {_num(sign * lo)}{unit}"
    elif b.sign < 0:   # "-1.45% to -1.35%", "-698.5 to -697.5 points"
        first = f"{_num(-hi)}{unit}" if unit == "%" else _num(-hi)
        text = f"{first} to {_num(-lo)}{unit}"
    elif _num(lo) == _num(hi):   # an exact level: the band shows nothing new
        return f"{word}: {_num(lo)}{unit}" if word else ""
    else:
        text = f"{_num(lo)}–{_num(hi)}{unit}"
    return f"{word}: {text}" if word else text


def _rule_bounds(b: Band) -> tuple[float, float]:
    return b.low + b.slack, b.high - b.slack


def describe_accepted(b: Band, unit: str) -> str:
    """The range actually accepted, data slack included: 'accepted 4.94–5.1%'."""
    edges = Band(b.low, b.high, b.sign, 0.0, "exact")
    text = describe_band(edges, unit) if b.high != INF else (
        f"{'below' if b.sign < 0 else 'above'} {_num(b.sign * b.low if b.sign else b.low, 2)}"
        f"{unit}")
    return f"accepted {text}"


def _band_parts(claim: Claim, m: Measure, unit: str) -> list[str]:
    """What the band note says: the rule's range, and the accepted range when the
    data slack decides (a level's own rounding is too narrow to show alone)."""
    b = m.band
    if b is None:
        return []
    if claim.metric == "level":
        word = QUALIFIER_WORDS.get(b.qualifier, "")
        low, high = b.low, b.high
        text = f"above {low:,.2f}" if high == INF else f"{low:,.2f}–{high:,.2f}"
        return [f"{word + ': ' if word else ''}accepted {text}, including the data slack"]
    parts = [p for p in (describe_band(b, unit),) if p]
    lo, hi = _rule_bounds(b)
    held = m.actual * b.sign if b.sign else m.actual
    if m.verdict == "supported" and not lo - 1e-9 <= held <= hi + 1e-9:
        shown = fmt_pct(m.actual, unit) if unit != " points" else f"{m.actual:+,.2f}{unit}"
        parts.append(f"{shown} is inside the data slack: {describe_accepted(b, unit)}")
    return parts


def _against(claim: Claim, m: Measure, unit: str) -> str:
    """'the claimed +5% (4.5–5.5%)': the figure as written and its band, in one
    parenthesis with any the figure already carries."""
    claimed = _claimed(claim, unit if claim.metric != "level" else "")
    parts = _band_parts(claim, m, unit)
    if not parts:
        return claimed
    if claimed.endswith(")"):
        return f"{claimed[:-1]}; {'; '.join(parts)})"
    return f"{claimed} ({'; '.join(parts)})"


def _claimed(claim: Claim, unit: str) -> str:
    """The figure as written, with the sign the verb gave it ("fell 1.4%" -> -1.4%)."""
    sign = "+" if claim.value > 0 and claim.metric != "level" else ""
    number = f"{sign}{_num(claim.value)}{unit}"
    text = claim.figure_text.strip()
    if not text:
        return number
    if not any(ch.isdigit() for ch in text):      # "doubled", "halved"
        return f"{text!r} ({number})"
    if claim.metric == "relative" and " vs " in text:   # "5% vs 1.4%": the gap is the claim
        return f"{number} ({text})"
    if claim.value < 0 and not any(ch in text for ch in "-−–"):
        return "-" + text.lstrip("+")
    if claim.value > 0 and claim.metric != "level" and text[0].isdigit():
        return "+" + text        # "rose 5%" shown as +5%, beside a -3.2% move
    return text


VERDICT_WORDS = {"supported": "within", "exaggerated": "smaller than the claimed",
                 "understated": "larger than the claimed",
                 "wrong_direction": "the opposite direction to the claimed"}


def _leg_text(name: str, move: Leg) -> str:
    return (f"{name} closed {fmt_close(move.base_close)} on {move.base_day} and "
            f"{fmt_close(move.end_close)} on {move.end_day}")


def _verdict_words(m: Measure) -> str:
    if m.verdict == "supported" and m.band is not None and m.band.high == INF:
        return "consistent with"
    return VERDICT_WORDS[m.verdict]


def reason(claim: Claim, m: Measure, name: str, partner_name: str | None = None) -> str:
    move = m.leg
    if claim.metric == "record_high":
        top_day, top, start = m.record_high
        if m.verdict == "supported" and m.actual >= -1e-9:
            return (f"{name} closed {fmt_close(move.end_close)} on {move.end_day}, its highest "
                    f"close in the data, which goes back to {start}")
        return (f"{name} closed {fmt_close(move.end_close)} on {move.end_day}, "
                f"{abs(m.actual):.1f}% below its highest close of {fmt_close(top)} on {top_day} "
                f"(data from {start})")
    if claim.metric == "level":
        words = {"supported": "consistent with", "exaggerated": "short of the claimed",
                 "understated": "beyond the claimed"}[m.verdict]
        return (f"{name} closed {fmt_close(move.end_close)} on {move.end_day}, {words} "
                f"{_against(claim, m, '')}")
    if claim.metric == "direction":
        said = "a rise" if claim.value > 0 else "a fall"
        verdict = f"{said} as claimed" if m.verdict == "supported" else f"not {said} as claimed"
        words = claim.figure_text.strip()
        if words and not any(ch.isdigit() for ch in words):
            verdict += f" ({words!r})"
        return f"{_leg_text(name, move)}: {fmt_pct(m.actual)} {move.window.label}, {verdict}"
    if claim.metric == "relative" and claim.value is None:  # "outperformed", "lagged"
        other = m.partner
        said = f"{name} {claim.figure_text.strip()} {partner_name}"
        verdict = (f"as claimed ({said})" if m.verdict == "supported"
                   else f"the opposite of the claim ({said})")
        return (f"{name} {fmt_pct(move.pct)} ({move.base_day} {fmt_close(move.base_close)} to "
                f"{move.end_day} {fmt_close(move.end_close)}) against {partner_name} "
                f"{fmt_pct(other.pct)} ({other.base_day} {fmt_close(other.base_close)} to "
                f"{other.end_day} {fmt_close(other.end_close)}) {move.window.label}: "
                f"{fmt_pct(m.actual, ' pp')}, {verdict}")
    if claim.metric == "relative":
        other = m.partner
        return (f"{name} {fmt_pct(move.pct)} ({move.base_day} {fmt_close(move.base_close)} to "
                f"{move.end_day} {fmt_close(move.end_close)}) against {partner_name} "
                f"{fmt_pct(other.pct)} ({other.base_day} {fmt_close(other.base_close)} to "
                f"{other.end_day} {fmt_close(other.end_close)}) {move.window.label}: "
                f"{fmt_pct(m.actual, ' pp')}, {_verdict_words(m)} {_against(claim, m, ' pp')}")
    unit = " points" if claim.metric == "points" else "%"
    actual = fmt_pct(m.actual, unit) if unit == "%" else f"{m.actual:+,.2f}{unit}"
    return (f"{_leg_text(name, move)}: {actual} {move.window.label}, "
            f"{_verdict_words(m)} {_against(claim, m, unit)}")


