"""The claim vocabulary, read from ``data/vocab/``: sign words, qualifiers,
forward-looking cues, non-price nouns, anaphora and stock cues. Users extend
the files; code only reads them."""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from tapecheck import config
from tapecheck.errors import ConfigError


@dataclass(frozen=True)
class Vocab:
    signs: dict[str, int]
    qualifiers: tuple[tuple[str, str], ...]          # longest phrase first
    qualifier_re: re.Pattern
    qualifier_words: frozenset[str]
    forward: frozenset[str]
    nonprice: frozenset[str]
    anaphora: tuple[tuple[tuple[str, ...], str], ...]   # token tuple -> index|equity, longest first
    stock_cues: frozenset[str]


def _words(path: Path) -> frozenset[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"cannot read vocabulary {path}: {exc}") from exc
    return frozenset(w.lower() for line in lines if not line.startswith("#") for w in line.split())


def _rows(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            rows = csv.DictReader(line for line in fh if not line.startswith("#"))
            return [r for r in rows if any((v or "").strip() for v in r.values())]
    except (OSError, csv.Error) as exc:
        raise ConfigError(f"cannot read vocabulary {path}: {exc}") from exc


@functools.cache
def vocab() -> Vocab:
    root = config.data_dir() / "vocab"
    signs = {}
    for r in _rows(root / "signs.csv"):
        try:
            signs[r["word"].strip().lower()] = int(r["sign"])
        except (KeyError, ValueError) as exc:
            raise ConfigError(f"{root / 'signs.csv'}: bad row {r}") from exc
    quals = sorted(((r["phrase"].strip().lower(), r["qualifier"].strip()) for r in _rows(root / "qualifiers.csv")),
                   key=lambda p: -len(p[0]))
    alternation = "|".join(
        (r"(?<![\w])" + re.escape(p) if p[0].isalpha() else re.escape(p)) for p, _ in quals)
    qualifier_re = re.compile(rf"(?:{alternation})\s*(?:\bby\s+)?(?:\ban?\s+)?$", re.IGNORECASE)
    anaphora = sorted(((tuple(r["phrase"].strip().lower().replace("'s", " 's").split()), r["kind"].strip())
                       for r in _rows(root / "anaphora.csv")), key=lambda p: -len(p[0]))
    return Vocab(
        signs=signs, qualifiers=tuple(quals), qualifier_re=qualifier_re,
        qualifier_words=frozenset(w for p, _ in quals for w in p.split()),
        forward=_words(root / "forward.txt"), nonprice=_words(root / "nonprice.txt"),
        anaphora=tuple(anaphora), stock_cues=_words(root / "stock_cues.txt"),
    )


def qualifier_before(text: str) -> str | None:
    """The qualifier written right before a figure ('more than ', 'about ')."""
    v = vocab()
    words = text[-30:].split()
    if not words or (words[-1].lower() not in v.qualifier_words and words[-1] not in ("by", "a", "an")
                     and not any(ch in words[-1] for ch in "~≈<>≥≤")):
        return None             # cheap gate: the alternation below is costly to try at every offset
    m = v.qualifier_re.search(text[-30:])
    if not m:
        return None
    phrase = re.sub(r"\s*(?:\bby\s+)?(?:\ban?\s+)?$", "", m.group(0).lower(), flags=re.IGNORECASE).strip()
    return dict(v.qualifiers).get(phrase)


@dataclass(frozen=True)
class Descriptors:
    """Words of descriptive anaphora ('the flash-memory maker', 'the Danish group')."""
    heads: dict[str, tuple[str, ...]]       # head noun -> sector words (empty: any company)
    modifiers: dict[str, tuple[str, ...]]   # narrowing word -> sector words
    countries: dict[str, tuple[str, ...]]   # nationality -> exchange calendar codes


@functools.cache
def descriptors() -> Descriptors:
    path = config.data_dir() / "vocab" / "descriptors.csv"
    tables: dict[str, dict[str, tuple[str, ...]]] = {"head": {}, "modifier": {}, "country": {}}
    for r in _rows(path):
        word, role = (r.get("word") or "").strip().lower(), (r.get("role") or "").strip()
        if role not in tables or not word:
            raise ConfigError(f"{path}: bad row {r} (role must be head, modifier or country)")
        tables[role][word] = tuple(m for m in (r.get("match") or "").lower().split("|") if m)
    return Descriptors(tables["head"], tables["modifier"], tables["country"])


@functools.cache
def benchmarks() -> dict[str, str]:
    """Place -> its main index ("Taiwan's benchmark")."""
    path = config.data_dir() / "vocab" / "benchmarks.csv"
    out = {}
    for r in _rows(path):
        place, ticker = (r.get("place") or "").strip().lower(), (r.get("ticker") or "").strip()
        if not place or not ticker:
            raise ConfigError(f"{path}: bad row {r} (a place and a ticker)")
        out[place] = ticker
    return out


@functools.cache
def broader() -> dict[str, str]:
    """Narrow index -> the wide index of the same market ('the broader gauge')."""
    path = config.data_dir() / "vocab" / "broader.csv"
    return {r["index"].strip(): r["broader"].strip() for r in _rows(path) if r.get("index") and r.get("broader")}


@functools.cache
def subindex_words() -> frozenset[str]:
    """Words after an index's name that make it another series ('TOPIX Core30', 'Nikkei 225 VI')."""
    return _words(config.data_dir() / "vocab" / "subindex.txt")


@functools.cache
def listing_places() -> dict[str, frozenset[str]]:
    """Place words that name a listing ('Tokyo', 'new york') -> the exchanges that are that place."""
    rows = _rows(config.data_dir() / "vocab" / "listing_places.csv")
    return {r["place"].strip().lower(): frozenset(r["exchanges"].split()) for r in rows}
