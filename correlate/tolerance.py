"""How close the tape must come to a written figure for the claim to hold.

The rule, documented for users in docs/verification.md:

1. The figure's own precision: "5%" means anything that rounds to 5, so
   [4.5, 5.5]; "1.4%" means [1.35, 1.45].
2. Widened by the qualifier: "about" allows 10% of the figure either way,
   "nearly" allows 10% below and nothing above the rounding (for a price
   level such as "about 57,000" both allow 1%), "more than" and
   "at least" only need the move to reach the figure, "less than" and "up to"
   only need it to stay under, "much more than" needs 20% above the figure.
3. Plus a small data slack (0.05 percentage points plus 0.5% of the figure
   for moves) for differences between price sources.

Bands are computed on the magnitude in the claimed direction, so "fell 3%"
and "rose 3%" share one rule and a move the other way is a wrong direction.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

INF = math.inf
APPROX_SHARE = 0.10     # "about 120%": 108 to 132
NEARLY_SHARE = 0.10     # "nearly doubled": 90 to 100
MUCH_MORE_SHARE = 0.20  # "much more than 100%": 120 or more
LEVEL_SHARE = 0.01      # "around 57,000" on an index: within 1%

QUALIFIER_WORDS = {
    "exact": "", "approx": "approx", "more_than": "more than", "at_least": "at least",
    "less_than": "less than", "nearly": "nearly", "up_to": "up to", "much_more": "much more than",
}


@dataclass(frozen=True)
class Band:
    """Accepted magnitudes [low, high] of a move in the claimed direction."""

    low: float
    high: float
    sign: int          # +1 rise, -1 fall, 0 "unchanged"
    slack: float
    qualifier: str

    def signed(self) -> tuple[float, float]:
        """The band as signed values (what Verification.tolerance_low/high hold)."""
        if self.sign >= 0:
            return self.low, self.high
        return -self.high, -self.low


def data_slack(metric: str, figure: float) -> float:
    if metric in ("level",):
        return 0.0005 * abs(figure) + 0.01
    if metric == "points":
        return 0.002 * abs(figure) + 0.5
    return 0.05 + 0.005 * abs(figure)


def band(metric: str, value: float, precision: float | None, qualifier: str) -> Band:
    """The band a written figure allows, before comparing it with the tape."""
    figure = abs(value)
    step = precision if precision and precision > 0 else 1.0
    half = step / 2
    slack = data_slack(metric, value)
    sign = 1 if value > 0 else -1 if value < 0 else 0
    if metric == "level":
        sign = 1
    if sign == 0:  # "flat", "unchanged": both ways around zero
        if qualifier in ("more_than", "at_least", "much_more"):  # "outperformed"
            return Band(-slack, INF, 0, slack, qualifier)
        return Band(-half - slack, half + slack, 0, slack, qualifier)
    share = LEVEL_SHARE if metric == "level" else None
    if qualifier == "approx":
        width = max(half, (share or APPROX_SHARE) * figure)
        low, high = figure - width, figure + width
    elif qualifier == "nearly":
        low, high = figure - max(step, (share or NEARLY_SHARE) * figure), figure + half
    elif qualifier in ("more_than", "at_least"):
        low, high = figure, INF
    elif qualifier == "much_more":
        low, high = figure + max(step, MUCH_MORE_SHARE * figure), INF
    elif qualifier in ("less_than", "up_to"):
        low, high = 0.0, figure + (half if qualifier == "up_to" else 0.0)
    else:
        low, high = figure - half, figure + half
    return Band(low - slack, high + slack, sign, slack, qualifier)


def judge(b: Band, actual: float, metric: str = "price_return") -> str:
    """supported / exaggerated / understated / wrong_direction for one actual value."""
    if b.sign == 0:
        if b.low <= actual <= b.high:
            return "supported"
        if b.high == INF:
            return "wrong_direction"
        return "understated"
    magnitude = actual * b.sign
    if b.low <= magnitude <= b.high:
        return "supported"
    if magnitude > b.high:
        return "understated"
    if metric != "level" and magnitude < -b.slack and magnitude < b.low:
        return "wrong_direction"
    return "exaggerated"
