"""The securities registry: every name an article may use for a security.

Built from three layers, later layers winning: pytickersymbols index members
(with their Yahoo symbols), the curated ``data/securities.csv`` and
``data/aliases.csv`` (indices, recent listings, the short names articles
really use), and the user's own additions (``config.user_dir()/securities.csv``
and ``aliases.csv``, plus whatever the caller passes as ``extra``).
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from tapecheck import config
from tapecheck.errors import ConfigError
from tapecheck.records import SECURITY_KINDS, Security

# Yahoo suffix -> (exchange_calendars code, currency).
SUFFIX_MARKETS = {
    "T": ("XTKS", "JPY"), "L": ("XLON", "GBP"), "DE": ("XETR", "EUR"), "F": ("XFRA", "EUR"),
    "PA": ("XPAR", "EUR"), "AS": ("XAMS", "EUR"), "BR": ("XBRU", "EUR"), "MC": ("XMAD", "EUR"),
    "MI": ("XMIL", "EUR"), "HE": ("XHEL", "EUR"), "ST": ("XSTO", "SEK"), "SW": ("XSWX", "CHF"),
    "HK": ("XHKG", "HKD"), "CO": ("XCSE", "DKK"), "OL": ("XOSL", "NOK"), "VI": ("XWBO", "EUR"),
    "LS": ("XLIS", "EUR"), "IR": ("XDUB", "EUR"), "KS": ("XKRX", "KRW"), "TW": ("XTAI", "TWD"),
    "AX": ("XASX", "AUD"), "TO": ("XTSE", "CAD"), "SS": ("XSHG", "CNY"), "SZ": ("XSHG", "CNY"),
}

# Words that end a company's legal name and that articles usually leave out.
LEGAL_SUFFIXES = (
    "corporation", "corp", "incorporated", "inc", "holdings", "holding", "company", "co",
    "limited", "ltd", "plc", "ag", "sa", "se", "nv", "n.v", "s.a", "spa", "s.p.a", "asa",
    "ab", "oyj", "kgaa", "& co", "and co", "co ltd", "co., ltd", "group",
)
_SUFFIX_RE = re.compile(
    r"(?:,?\s+(?:" + "|".join(re.escape(s) for s in sorted(LEGAL_SUFFIXES, key=len, reverse=True))
    + r")\.?)+$",
    re.IGNORECASE,
)
PYTICKERSYMBOLS_INDICES = (
    "NIKKEI 225", "S&P 500", "NASDAQ 100", "DOW JONES", "DAX", "MDAX", "TecDAX", "FTSE 100",
    "EURO STOXX 50", "CAC_40", "IBEX 35", "AEX", "Switzerland 20", "BEL 20", "OMX Stockholm 30",
    "OMX Helsinki 25", "S&P 100",
)


def market_of(ticker: str) -> tuple[str, str]:
    """Exchange calendar and currency implied by a Yahoo symbol."""
    if "." in ticker and not ticker.startswith("^"):
        suffix = ticker.rsplit(".", 1)[1].upper()
        if suffix in SUFFIX_MARKETS:
            return SUFFIX_MARKETS[suffix]
    return ("XNYS", "USD")


def base_names(name: str) -> list[str]:
    """Shorter forms of a legal name: 'IHI Corporation' -> ['IHI', 'IHI Corp']."""
    out: list[str] = []
    stripped = name.strip()
    if stripped.lower().startswith("the "):
        stripped = stripped[4:]
        out.append(stripped)
    short = _SUFFIX_RE.sub("", stripped).strip(" ,")
    if short and short != stripped and len(short) >= 2:
        out.append(short)
    if stripped.endswith(".") and not stripped.endswith(" Inc.") and len(stripped) > 3:
        out.append(stripped.rstrip("."))        # 'Mitsui & Co.' is written 'Mitsui & Co' too
    if re.search(r"\bCorporation$", stripped):
        out.append(re.sub(r"Corporation$", "Corp", stripped))
    # 'Mizuho Financial Group' -> also 'Mizuho Financial'
    if re.search(r"\s+Group$", stripped) and len(stripped.split()) > 2:
        out.append(re.sub(r"\s+Group$", "", stripped))
    return [n for n in dict.fromkeys(out) if n != name]


@dataclass
class Registry:
    securities: list[Security]
    aliases: dict[str, str] = field(default_factory=dict)   # surface -> ticker
    _by_ticker: dict[str, Security] = field(default_factory=dict, repr=False)
    _folded: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_ticker = {s.ticker: s for s in self.securities}
        self._folded = {_fold(a): t for a, t in self.aliases.items()}
        for s in self.securities:
            self._folded.setdefault(_fold(s.ticker), s.ticker)

    def __hash__(self) -> int:          # cached pipelines are keyed by registry identity
        return id(self)

    def __eq__(self, other: object) -> bool:
        return self is other

    def get(self, ticker: str) -> Security | None:
        return self._by_ticker.get(ticker)

    def all_aliases(self) -> dict[str, str]:
        """Every surface form the extractor looks for, with its ticker."""
        return dict(self.aliases)

    def exact(self, surface: str) -> str | None:
        """Ticker of a name written exactly as an alias (case and punctuation aside); no fuzzy search."""
        return self._folded.get(_fold(surface))

    def resolve(self, surface: str) -> tuple[str | None, float]:
        """Ticker for a name as written, with a confidence in [0, 1].

        Exact (case- and punctuation-insensitive) aliases give 1.0; near misses
        ('Kioxa Holdings', 'Kawasaki Heavy Industry') go through rapidfuzz and
        count only above a high cut-off, so an unknown name stays unknown.
        """
        key = _fold(surface)
        if not key:
            return None, 0.0
        if key in self._folded:
            return self._folded[key], 1.0
        stripped = _fold(_SUFFIX_RE.sub("", surface.strip()))
        if stripped in self._folded:
            return self._folded[stripped], 0.95
        from rapidfuzz import fuzz, process

        best = process.extractOne(key, self._folded.keys(), scorer=fuzz.ratio, score_cutoff=88)
        if best is None or len(key) < 5:
            return None, 0.0
        return self._folded[best[0]], round(best[1] / 100.0, 3)


def _fold(text: str) -> str:
    text = re.sub(r"['’]s?$", "", text.strip())
    return re.sub(r"[^0-9a-z&]+", " ", text.lower()).strip()


def _read_securities(path: Path) -> list[Security]:
    out = []
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            for n, row in enumerate(csv.DictReader(fh), start=2):
                ticker = (row.get("ticker") or "").strip()
                name = (row.get("name") or "").strip()
                if not ticker or not name:
                    raise ConfigError(f"{path}:{n}: a security needs a ticker and a name")
                kind = (row.get("kind") or "equity").strip() or "equity"
                if kind not in SECURITY_KINDS:
                    raise ConfigError(f"{path}:{n}: kind must be one of {', '.join(SECURITY_KINDS)}, not {kind!r}")
                exchange, currency = market_of(ticker)
                aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
                out.append(Security(
                    ticker=ticker, name=name, kind=kind,
                    exchange=(row.get("exchange") or "").strip() or exchange,
                    currency=(row.get("currency") or "").strip() or currency,
                    sector=(row.get("sector") or "").strip() or None, aliases=aliases,
                ))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ConfigError(f"cannot read securities file {path}: {exc}") from exc
    return out


def _read_aliases(path: Path) -> list[tuple[str, str]]:
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ConfigError(f"cannot read alias file {path}: {exc}") from exc
    out = []
    for n, row in enumerate(rows, start=2):
        alias, ticker = (row.get("alias") or "").strip(), (row.get("ticker") or "").strip()
        if not alias or not ticker:
            raise ConfigError(f"{path}:{n}: an alias row needs 'alias' and 'ticker'")
        out.append((alias, ticker))
    return out


@functools.cache
def _index_members() -> tuple[Security, ...]:
    """pytickersymbols members, first listing of a symbol wins."""
    return _index_listings()[0]


@functools.cache
def _index_listings() -> tuple[tuple[Security, ...], dict[str, tuple[str, ...]]]:
    """pytickersymbols members and every industry the source lists for each."""
    from pytickersymbols import PyTickerSymbols

    seen: dict[str, Security] = {}
    industries: dict[str, tuple[str, ...]] = {}
    source = PyTickerSymbols()
    for index in PYTICKERSYMBOLS_INDICES:
        for stock in source.get_stocks_by_index(index):
            ticker = (stock.get("symbol") or "").strip()
            name = (stock.get("name") or "").strip()
            if not ticker or not name or ticker in seen or ticker.count(".") > 1:
                continue            # the source has a few malformed symbols ('AIR.PA.DE')
            head, _, suffix = ticker.rpartition(".")
            if head and len(suffix) == 1 and suffix.upper() not in SUFFIX_MARKETS:
                ticker = f"{head}-{suffix}"     # share classes are 'BRK-B' on Yahoo, not 'BRK.B'
                if ticker in seen:
                    continue
            exchange, currency = market_of(ticker)
            listed = tuple(stock.get("industries") or ())
            industries[ticker] = listed
            seen[ticker] = Security(ticker=ticker, name=name, kind="equity", exchange=exchange,
                                    currency=currency, sector=listed[0] if listed else None)
    return tuple(seen.values()), industries


@functools.lru_cache(maxsize=4096)
def profile(ticker: str) -> tuple[str, str] | None:
    """(sector and industries in lower case, exchange) of a known security, for
    reading descriptions such as 'the Danish drugmaker'; None if unknown."""
    sec = _default_registry().get(ticker)
    if sec is None:
        return None
    words = [sec.sector or "", *_index_listings()[1].get(ticker, ())]
    return " | ".join(w for w in words if w).lower(), sec.exchange


@functools.cache
def _alias_stopwords() -> frozenset[str]:
    path = config.data_dir() / "vocab" / "alias_stopwords.txt"
    words = path.read_text(encoding="utf-8").split()
    return frozenset(w.lower() for w in words if not w.startswith("#"))


def _terminal_codes(s: Security) -> list[str]:
    """How broker notes and terminal screens write a listing: '7203 JT', '7203 JP', 'NVDA US'."""
    tokyo = re.fullmatch(r"([0-9A-Z]{4})\.T", s.ticker)
    if tokyo:
        return [f"{tokyo.group(1)} JT", f"{tokyo.group(1)} JP"]
    if s.kind == "equity" and re.fullmatch(r"[A-Z]{1,5}(?:-[A-Z])?", s.ticker):
        return [f"{s.ticker.replace('-', '/')} US", f"{s.ticker} US"]
    return []


def build_registry(securities: Iterable[Security], aliases: Iterable[tuple[str, str]]) -> Registry:
    """Merge securities (later wins per ticker) and derive the alias table.

    Priority of a surface form: explicit aliases > a security's own name and
    listed aliases > generated short forms. A generated form that two
    different securities would share is dropped: ambiguity is not a link.
    """
    by_ticker: dict[str, Security] = {}
    for s in securities:
        by_ticker[s.ticker] = s
    stop = _alias_stopwords()
    table: dict[str, str] = {}
    generated: dict[str, set[str]] = {}
    first_words: dict[str, set[str]] = {}
    for s in by_ticker.values():
        for form in (s.name, *s.aliases):
            table.setdefault(form, s.ticker)
        for form in base_names(s.name):
            generated.setdefault(form, set()).add(s.ticker)
        words = [w.strip(",.;:") for w in s.name.split()]
        if len(words) >= 2 and s.kind == "equity" and words[0]:
            first_words.setdefault(words[0], set()).add(s.ticker)     # 'Nasdaq, Inc.' -> 'Nasdaq', never 'Nasdaq,'
        if re.fullmatch(r"[0-9A-Z]{3,5}\.[A-Z]{1,2}", s.ticker) or s.ticker.startswith("^"):
            table.setdefault(s.ticker, s.ticker)        # '285A.T', '^IXIC' as quote pages write them
        for form in _terminal_codes(s):
            table.setdefault(form, s.ticker)
    for form, tickers in first_words.items():
        if len(tickers) == 1 and len(form) >= 4 and form[0].isupper() and form.lower() not in stop:
            generated.setdefault(form, set()).update(tickers)
    for form, tickers in generated.items():
        if len(tickers) == 1 and form.lower() not in stop:
            table.setdefault(form, next(iter(tickers)))
    for alias, ticker in aliases:
        if ticker not in by_ticker:
            raise ConfigError(f"alias {alias!r} points to {ticker!r}, which is not in the registry; add the security first")
        table[alias] = ticker
    # A possessive form is the same name: "Kioxia's" is found through the tokenizer.
    securities_list = [replace(s, aliases=tuple(sorted({a for a, t in table.items() if t == s.ticker and a != s.name})))
                       for s in by_ticker.values()]
    return Registry(securities=securities_list, aliases=table)


@functools.cache
def _default_registry() -> Registry:
    return _assemble((), ())


def _assemble(extra: Iterable[Security], extra_aliases: Iterable[tuple[str, str]]) -> Registry:
    data = config.data_dir()
    securities = list(_index_members()) + _read_securities(data / "securities.csv")
    aliases = _read_aliases(data / "aliases.csv")
    user = config.user_dir()
    if (user / "securities.csv").is_file():
        securities += _read_securities(user / "securities.csv")
    if (user / "aliases.csv").is_file():
        aliases += _read_aliases(user / "aliases.csv")
    securities += list(extra)
    aliases += list(extra_aliases)
    return build_registry(securities, aliases)


def load_registry(extra: Iterable[Security] = (), extra_aliases: Iterable[tuple[str, str]] = ()) -> Registry:
    """The registry; built once per process for the default call and once per
    distinct set of additions (so a caller passing the user's additions for
    every article reuses one registry, and one spaCy pipeline with it)."""
    extra, extra_aliases = tuple(extra), tuple((a, t) for a, t in extra_aliases)
    if not extra and not extra_aliases:
        return _default_registry()
    return _with_additions(extra, extra_aliases)


@functools.lru_cache(maxsize=8)
def _with_additions(extra: tuple[Security, ...], extra_aliases: tuple[tuple[str, str], ...]) -> Registry:
    return _assemble(extra, extra_aliases)
