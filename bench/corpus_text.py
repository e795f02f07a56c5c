"""Wording for bench/corpus.py: how a real move is written, sentence shapes,
theme sentences, titles and non-price figures. All text is original."""

from __future__ import annotations

import math
import random
from datetime import date

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

DESCRIPTORS = {
    "285A.T": ("the flash-memory maker", "the NAND specialist", "Japan's largest memory maker"),
    "5016.T": ("the high-purity metals supplier", "the copper and materials group"),
    "5713.T": ("the nickel and copper miner", "the battery-materials supplier"),
    "6857.T": ("the chip-testing equipment maker", "the tester maker"),
    "7011.T": ("the country's biggest defense contractor", "the turbine and shipbuilding group"),
    "7012.T": ("the shipbuilder and engine maker", "the defense and motorcycles group"),
    "7013.T": ("the aircraft-engine maker", "the heavy-machinery group"),
    "7203.T": ("the carmaker", "Japan's largest exporter"),
    "8035.T": ("the chip-equipment maker", "the wafer-tool supplier"),
    "NVDA": ("the AI chip designer",),
    "MU": ("the US memory maker", "the DRAM producer"),
}
FACTORS = {
    "285A.T": "Memory shortage, AI storage", "5016.T": "Chip materials, resource security",
    "5713.T": "Copper and nickel prices", "6857.T": "AI chip testing demand",
    "7011.T": "Defense orders", "7012.T": "Defense budget, shipbuilding", "7013.T": "Engines, defense",
    "7203.T": "Tariffs, weak yen", "8035.T": "Equipment orders", "^N225": "Foreign inflows",
    "^TOPX": "Broad participation", "^GSPC": "Rate expectations", "^IXIC": "Tech valuations",
    "^DJI": "Cyclical rotation", "NVDA": "AI data centres", "MU": "Memory pricing",
}

UP_VERBS = (("rose", "risen"), ("gained", "gained"), ("climbed", "climbed"), ("advanced", "advanced"),
            ("added", "added"))
UP_BIG = (("jumped", "jumped"), ("surged", "surged"), ("soared", "soared"), ("rallied", "rallied"))
UP_SMALL = (("edged up", "edged up"), ("rose", "risen"), ("inched up", "inched up"))
DOWN_VERBS = (("fell", "fallen"), ("dropped", "dropped"), ("declined", "declined"), ("lost", "lost"),
              ("slid", "slid"))
DOWN_BIG = (("tumbled", "tumbled"), ("plunged", "plunged"), ("sank", "sunk"), ("slumped", "slumped"))
DOWN_SMALL = (("slipped", "slipped"), ("edged down", "edged down"), ("eased", "eased"))
TAILS = ("as investors rotated between sectors", "on heavy volume", "in a choppy market",
         "as foreign funds kept buying", "despite a firmer yen", "after a brokerage note",
         "in line with its peers", "extending its recent trend")


def figure_words(rng: random.Random, actual: float, plain: bool = False) -> tuple[float, str, str, str, float]:
    """A TRUE way of writing a move: (signed value, qualifier, figure text, 'true', precision)."""
    m, sign = abs(actual), (1 if actual > 0 else -1)
    style = "exact" if plain else rng.choice(("exact", "exact", "exact", "approx", "more_than", "nearly", "multiple"))
    if style == "multiple" and actual > 0:
        for low, high, value, qualifier, text in (
                (100.5, 180, 100, "more_than", "more than doubled"), (92, 99.5, 100, "nearly", "nearly doubled"),
                (200.5, 280, 200, "more_than", "more than tripled"), (188, 199.5, 200, "nearly", "nearly tripled")):
            if low < m < high:
                return value, qualifier, text, "true", 1.0
    if style == "approx":
        step = 0.1 if m < 3 else 1.0 if m < 50 else 5.0
        value = round(m / step) * step
        if value > 0:
            word = rng.choice(("about", "roughly", "around", "some", "~"))
            text = f"{value:.1f}%" if step < 1 else f"{value:.0f}%"
            return sign * value, "approx", (f"~{text}" if word == "~" else f"{word} {text}"), "true", step
    if style == "more_than":
        for step in ((10, 5, 1) if m >= 10 else (1, 0.5)):
            value = math.floor(m / step) * step
            if 0 < value < m and value >= 0.75 * m:
                text = f"{value:g}%"
                return sign * value, "more_than", f"{rng.choice(('more than', 'over'))} {text}", "true", step
    if style == "nearly":
        for step in ((10, 5, 1) if m >= 10 else (1, 0.5)):
            value = math.ceil(m / step) * step
            if value > m and m >= 0.92 * value:
                text = f"{value:g}%"
                return sign * value, "nearly", f"{rng.choice(('nearly', 'almost'))} {text}", "true", step
    if m < 10 or (m < 100 and rng.random() < 0.3):
        value = round(m, 1)
        return sign * value, "exact", f"{value:.1f}%", "true", 0.1
    value = float(round(m))
    return sign * value, "exact", f"{value:,.0f}%", "true", 1.0


def PERIOD_PHRASES(rng: random.Random, kind: str, today: date) -> tuple[str, str]:
    """(grammar period, words) for a kind of period at the security's as-of date."""
    if kind == "1d":
        return "1d", rng.choice(("", "", "on the day", "in the session", "at the close"))
    if kind == "day":
        name = today.strftime("%A")
        return f"day:{name[:3].lower()}", f"on {name}"
    if kind == "week":
        return "week", rng.choice(("this week", "over the week", "so far this week", "on the week"))
    if kind == "month":
        return "month", rng.choice(("this month", "so far this month", "month to date"))
    if kind == "ytd":
        words = rng.choice(("this year", "since the start of the year", "year to date", "so far this year", "YEAR"))
        if words == "YEAR":
            return f"ytd:{today.year}", f"so far in {today.year}"
        return "ytd", words
    if kind == "1y":
        return "1y", rng.choice(("over the past year", "over the past 12 months", "in the last twelve months"))
    if kind.startswith("year:"):
        return kind, rng.choice(("in ", "over ", "during ")) + kind[5:]
    if kind.startswith("month:"):
        return kind, rng.choice(("in ", "during ")) + MONTHS[int(kind[-2:]) - 1]
    if kind.startswith("since:"):
        return kind, f"since the start of {MONTHS[int(kind[11:13]) - 1]}"
    raise ValueError(kind)


def descriptor(rng: random.Random, ticker: str) -> str | None:
    options = DESCRIPTORS.get(ticker)
    return rng.choice(options) if options and rng.random() < 0.25 else None


def verb(rng: random.Random, value: float) -> tuple[str, str]:
    m = abs(value)
    if value > 0:
        return rng.choice(UP_BIG if m >= 5 else UP_SMALL if m < 0.8 else UP_VERBS)
    return rng.choice(DOWN_BIG if m >= 4 else DOWN_SMALL if m < 0.8 else DOWN_VERBS)


def cap(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def return_sentence(rng: random.Random, entity: str, value: float, figure: str, phrase: str,
                    period: str, desc: str | None) -> str:
    past, participle = verb(rng, value)
    subject = f"{entity}, {desc}," if desc else entity
    tail = f" {phrase}" if phrase else ""
    if "doubled" in figure or "tripled" in figure:
        if period in ("1d", "week") or period.startswith(("day:", "month:", "year:")):
            return cap(f"{subject} {figure}{tail}.")
        return cap(f"{subject} has {figure}{tail}.")
    if figure[:1].isdigit() and rng.random() < 0.3:
        return _noun_shape(rng, entity, value, figure, phrase, period)
    if period.startswith(("ytd", "since:")) or period in ("1y", "month"):
        shape = rng.randrange(3)
        if shape == 0:
            return cap(f"{subject} has {participle} {figure}{tail}.")
        if shape == 1:
            return cap(f"{subject} is {'up' if value > 0 else 'down'} {figure}{tail}.")
        if phrase:
            return cap(f"{phrase}, {entity} has {participle} {figure}.")
        return cap(f"{subject} has {participle} {figure}.")
    shape = rng.randrange(4)
    if shape == 0 and phrase:
        return cap(f"{phrase}, {entity} {past} {figure}.")
    if shape == 1 and not entity.startswith("the "):
        return f"Shares of {entity} {past} {figure}{tail}."
    if shape == 2:
        return cap(f"{subject} {past} {figure}{tail}, {rng.choice(TAILS)}.")
    return cap(f"{subject} {past} {figure}{tail}.")


def _noun_shape(rng: random.Random, entity: str, value: float, figure: str, phrase: str, period: str) -> str:
    """The move as a noun or an aside: "Kioxia's 12% gain this week ...",
    "Toyota, down 11% this year, ...", "a 3.2% drop for the Topix on Friday"."""
    gain, higher = ("gain", "higher") if value > 0 else (rng.choice(("drop", "fall", "slide")), "lower")
    tail = f" {phrase}" if phrase else ""
    owner = f"{entity}'s" if not entity.endswith("s") else f"{entity}'"
    shape = rng.randrange(4 if period == "1d" or period.startswith("day:") else 3)
    if shape == 0:
        return cap(f"{owner} {figure} {gain}{tail} {rng.choice(('stood out', 'drew attention', 'set the tone'))}.")
    if shape == 1:
        return cap(f"{entity}, {'up' if value > 0 else 'down'} {figure}{tail}, "
                   f"{rng.choice(('remains in focus', 'was among the most traded names', 'led its sector'))}.")
    if shape == 2:
        return cap(f"Traders pointed to a {figure} {gain} for {entity}{tail}.")
    return cap(f"{entity} finished {figure} {higher}{tail}.")


def compound_sentence(rng: random.Random, entity: str, first: tuple, first_phrase: str,
                      second: tuple, second_phrase: str, anaphor: str | None) -> str:
    past = verb(rng, first[0])[0]
    updown = "up" if second[0] > 0 else "down"
    if anaphor:
        return cap(f"{entity} {past} {first[2]} {first_phrase}. {cap(anaphor)} is {updown} {second[2]} {second_phrase}.")
    if rng.random() < 0.5:
        return cap(f"{entity} {past} {first[2]} {first_phrase} and is {updown} {second[2]} {second_phrase}.")
    return cap(f"{entity} {past} {first[2]} {first_phrase}, leaving it {updown} {second[2]} {second_phrase}.")


def FORWARD(rng: random.Random, entity: str) -> tuple[str, str]:
    """A forward-looking sentence with a figure, and that figure."""
    x = rng.choice((10, 15, 20, 25, 30, 40))
    return cap(rng.choice((
        f"Brokers see another {x}% upside for {entity} over the next twelve months.",
        f"{entity} could rise {x}% by the end of the year if orders keep growing, one analyst said.",
        f"Some strategists expect {entity} to fall {x}% if the rally fades.",
        f"A bullish scenario would put {entity} {x}% higher by next spring.",
    ))), f"{x}%"


def _level(ticker: str, close: float) -> str:
    if ticker.startswith("^"):
        return f"{close:,.2f}"
    if ticker.endswith(".T"):
        return f"{close:,.0f} yen" if close == int(close) else f"{close:,.1f} yen"
    return f"${close:,.2f}"


def level_sentence(rng: random.Random, entity: str, ticker: str, close: float, weekday: str) -> tuple[str, str]:
    level = _level(ticker, close)
    shape = rng.choice((
        f"{entity} closed at {level} on {weekday}.",
        f"{entity} ended {weekday}'s session at {level}.",
        f"On {weekday}, {entity} finished at {level}.",
    ))
    return cap(shape), level


def record_sentence(rng: random.Random, entity: str, ticker: str, close: float, weekday: str) -> tuple[str, str | None]:
    """A true record-close sentence; the second item is the level text when one is stated."""
    level = _level(ticker, close)
    if rng.random() < 0.5:
        return cap(f"{entity} closed at a record {level} on {weekday}."), level
    return cap(rng.choice((f"{entity} closed at a record high on {weekday}.",
                           f"{entity} finished at an all-time high on {weekday}."))), None


def points_sentence(rng: random.Random, entity: str, points: float, weekday: str) -> tuple[str, str]:
    figure = f"{abs(points):,.0f} points"
    word = rng.choice(("rose", "gained", "added")) if points > 0 else rng.choice(("fell", "lost", "shed"))
    return cap(f"{entity} {word} {figure} on {weekday}."), figure


def relative_sentence(rng: random.Random, names: list[str], values: list[float], figures: list[str], phrase: str) -> str:
    (a, b), (va, vb), (fa, fb) = names, values, figures
    pa, pb = verb(rng, va)[0], verb(rng, vb)[0]
    tail = f" {phrase}" if phrase else ""
    if rng.random() < 0.6:
        return cap(f"{a} {pa} {fa}{tail} while {b} {pb} {fb}.")
    relation = "outpacing" if va > vb else "lagging"
    return cap(f"{a} {pa} {fa}{tail}, {relation} {b}, which {pb} {fb}.")


def table_block(rng: random.Random, year: int, rows: list[tuple[str, str, str]]) -> str:
    lines = [f"Table {rng.randint(1, 3)}. {rng.choice(('Comparative dynamics', 'Leaders and laggards', 'Scorecard'))} (YTD {year})",
             f"{'Index / Issuer':<24}{'Growth (YTD ' + str(year) + ')':<22}Influence Factor"]
    lines += [f"{name:<24}{figure:<22}{FACTORS.get(ticker, '')}" for name, figure, ticker in rows]
    return "\n".join(lines)


def NON_PRICE(rng: random.Random) -> tuple[str, str]:
    """A sentence with a figure that is NOT a price move, and that figure."""
    x = rng.uniform(0.2, 4.5)
    shapes = (
        (f"Japan's economy grew at an annualised {x:.1f}% in the latest quarter, government data showed.", f"{x:.1f}%"),
        (f"Core consumer prices rose {x:.1f}% from a year earlier.", f"{x:.1f}%"),
        (f"A weekend poll put support for the cabinet at {rng.randint(28, 62)}%.", "poll %"),
        (f"Toyota said operating profit fell {rng.randint(5, 40)}% from a year earlier.", "earnings %"),
        (f"Advantest raised its full-year profit forecast by {rng.randint(5, 30)}%.", "forecast %"),
        (f"Washington kept a {rng.choice((10, 15, 25))}% tariff on imported cars in place.", "tariff %"),
        (f"The cabinet approved an extra budget of about {rng.randint(10, 25)} trillion yen.", "trillion yen"),
        (f"The 10-year government bond yield rose to {rng.uniform(0.8, 2.4):.2f}%.", "yield %"),
        (f"Unemployment held at {rng.uniform(2.3, 4.4):.1f}%.", "unemployment %"),
        (f"Futures implied a {rng.randint(20, 85)}% chance of a rate cut at the next meeting.", "probability %"),
        (f"Spring wage talks delivered an average raise of {rng.uniform(3, 5.6):.1f}%.", "wages %"),
    )
    return rng.choice(shapes)


THEME_SENTENCES = {
    "political_stability": (
        "A clear result at the polls has removed the question of who will set policy for the next few years.",
        "Investors tend to pay up for predictability, and the ruling party's firmer grip delivers some.",
        "Political continuity lets the government commit to multi-year programmes rather than one-off measures.",
    ),
    "fiscal_stimulus": (
        "Government spending on strategic industries is feeding straight into order books.",
        "The extra budget channels money into chips, shipbuilding and energy security.",
        "Fund managers expect the stimulus to support domestic demand well into next year.",
    ),
    "defense": (
        "Higher military budgets are turning the heavy-industry groups into growth stocks.",
        "Orders for ships, missiles and engines keep arriving from Tokyo and from allied governments.",
        "Talk of loosening limits on arms exports has drawn new buyers to the defense contractors.",
    ),
    "ai_semiconductors": (
        "Spending on AI data centres continues to tighten supply of memory and test equipment.",
        "Contract prices for NAND flash and DRAM keep rising as cloud companies build capacity.",
        "Chipmakers are ordering tools for new memory lines faster than suppliers can ship them.",
    ),
    "critical_resources": (
        "Demand for copper, nickel and high-purity metals is rising with the energy transition.",
        "Buyers want supplies of critical materials that do not depend on China.",
        "Refiners of rare and precious metals are benefiting from tight supply and firm prices.",
    ),
    "monetary_policy": (
        "Traders are weighing how fast the Bank of Japan will raise rates again.",
        "Expectations for the Federal Reserve's next move swung sharply after the latest inflation data.",
        "A firmer yen, driven by the rate outlook, is squeezing exporters' margins.",
    ),
    "capital_flows": (
        "Foreign investors have been rotating out of crowded US technology trades and into Japan.",
        "Exchange data show overseas funds were net buyers of Japanese shares for a fourth week.",
        "Money is moving from last year's winners toward cheaper cyclical markets.",
    ),
    "trade_policy": (
        "Tariffs on cars and parts remain the biggest question for Japanese exporters.",
        "Efforts to move supply chains away from China favour Japanese equipment and materials makers.",
        "Negotiators are still working on the details of the trade agreement.",
    ),
    "analyst_flows": (
        "A large broker upgraded Japanese equities to overweight, a call that often draws institutional money.",
        "Several analysts raised their price targets after the latest results.",
        "Brokers have been lifting earnings estimates across the sector for weeks.",
    ),
}

TITLES = {
    "political_stability": ("Stable politics keep buyers in Tokyo", "Investors cheer a clear political mandate",
                            "Election outcome steadies Japanese stocks"),
    "fiscal_stimulus": ("Spending plans lift Japan's strategic sectors", "Stimulus trade broadens in Tokyo",
                        "Budget hopes underpin Japanese equities"),
    "defense": ("Defense contractors stay in demand", "Heavy-industry stocks ride military spending",
                "Defense names lead a mixed market"),
    "ai_semiconductors": ("Memory and chip stocks set the pace", "AI demand keeps chip shares moving",
                          "Chip-equipment makers in focus as memory tightens"),
    "critical_resources": ("Metals suppliers benefit from tight supply", "Critical-materials stocks in demand",
                           "Miners and refiners rally on resource security"),
    "monetary_policy": ("Rate outlook drives markets", "Central banks in focus as stocks swing",
                        "Yields and the yen set the tone"),
    "capital_flows": ("Global money rotates toward Tokyo", "Foreign flows shape the week in stocks",
                      "Investors shift from US tech to Japan"),
    "trade_policy": ("Tariff worries hang over exporters", "Trade talks keep carmakers on edge",
                     "Protectionism splits Japan's market"),
    "analyst_flows": ("Upgrades draw buyers to Japanese stocks", "Brokers turn more bullish on Japan",
                      "Analysts lift targets as flows improve"),
}


def closing_line(rng: random.Random) -> str:
    return rng.choice((
        "Strategists warn that positioning is crowded and that volatility could return quickly.",
        "Traders will watch next week's data for confirmation of the trend.",
        "Some investors are taking profits, but few expect a sharp reversal soon.",
        "The next test will be the coming round of corporate results.",
        "For now, buyers remain in control.",
    ))
