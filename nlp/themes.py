"""Which market stories an article tells: theme tagging by meaning and key terms.

Each sentence is embedded and compared with every theme's descriptive
sentences (cosine similarity); key terms from the taxonomy (spaCy
PhraseMatcher on lower-cased tokens) add evidence. A sentence tells a theme
when the combined score clears a threshold; the article tells it when any
sentence does. The sentence's direction words say whether the theme is told as
a driver or a headwind, and securities mentioned in a themed sentence are
linked to the theme.

Pure: records in, records out. The taxonomy lives in data/themes.toml and the
user's themes.toml.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path

import numpy as np
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from tapecheck import config
from tapecheck.errors import ConfigError
from tapecheck.records import Article, Mention, ThemeScore

# Chosen by 5-fold cross-validation on the "anchor" rows of
# tests/nlp/labelled_themes.jsonl (the rows shipped as data/theme_examples.jsonl);
# the "heldout" rows were never used to choose anything (bench/themes_bench.py).
SIM_FLOOR = 0.15          # below this similarity key terms alone do not tag a sentence
TERM_WEIGHT = 0.12        # added per distinct key term matched (at most MAX_TERMS)
MAX_TERMS = 2
THRESHOLD = 0.44          # combined score a sentence needs to tell a theme
REL_MARGIN = 0.08         # a second theme must score within this of the sentence's best
BG_MARGIN = 0.0           # without key terms, similarity must beat plain market reporting by this
ARTICLE_MIN = 0.55        # an article tells a theme with one sentence this strong, or two sentences
NEGATION_REACH = 3        # a negator flips direction words up to this many tokens later
# When direction words balance out, the labelled examples most like the sentence
# vote (chosen by leave-one-out on the anchor rows: 0.75 -> 0.78 accuracy there).
DIRECTION_NEIGHBOURS = 5
DIRECTION_VOTE = 0.2      # mean neighbour label (+1 driver, -1 headwind) needed to lean


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    description: tuple[str, ...]
    terms: tuple[str, ...]
    basket: tuple[str, ...]
    benchmark: str
    market: str = ""
    examples: tuple[str, ...] = ()   # labelled sentences that tell the theme (more anchors)


@dataclass(frozen=True)
class Taxonomy:
    themes: tuple[Theme, ...]
    background: tuple[str, ...]
    driver_words: frozenset[str]
    headwind_words: frozenset[str]
    negators: frozenset[str]
    driver_phrases: frozenset[str] = frozenset()
    headwind_phrases: frozenset[str] = frozenset()
    direction_examples: tuple[tuple[str, str], ...] = ()   # (sentence, driver|headwind|neutral)

    def theme(self, theme_id: str) -> Theme:
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        from tapecheck.errors import NotFound
        known = ", ".join(t.id for t in self.themes)
        raise NotFound(f"Unknown theme {theme_id!r}; known themes: {known}.")


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"Cannot read the theme file {path}: {exc}") from exc


def _theme_from(entry: dict, path: Path) -> Theme:
    missing = [key for key in ("id", "label", "description", "basket", "benchmark") if not entry.get(key)]
    if missing:
        raise ConfigError(f"A theme in {path} lacks {', '.join(missing)} (theme {entry.get('id', '?')!r}).")
    for key in ("description", "terms", "basket", "examples"):
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
            raise ConfigError(f"Theme {entry['id']!r} in {path}: {key} must be a list of non-empty strings.")
    if not re.fullmatch(r"[a-z0-9_]+", str(entry["id"])):
        raise ConfigError(f"Theme id {entry['id']!r} in {path} must be lower-case letters, digits and _.")
    return Theme(
        id=entry["id"], label=str(entry["label"]), description=tuple(entry["description"]),
        terms=tuple(entry.get("terms", [])), basket=tuple(entry["basket"]),
        benchmark=str(entry["benchmark"]), market=str(entry.get("market", "")),
        examples=tuple(entry.get("examples", [])),
    )


def _read_examples(path: Path) -> list[dict]:
    """theme_examples.jsonl: one {"text": ..., "themes": [...]} per line, with
    an optional "direction" (driver | headwind | neutral); an empty list of
    themes marks plain reporting that tells no story."""
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"Cannot read the theme examples {path}: {exc}") from exc
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            text, themes = row["text"], row["themes"]
        except (ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"{path} line {number}: expected {{\"text\": ..., \"themes\": [...]}}") from exc
        if not isinstance(text, str) or not text.strip() or not isinstance(themes, list):
            raise ConfigError(f"{path} line {number}: text must be a sentence and themes a list.")
        direction = row.get("direction")
        if direction not in (None, "driver", "headwind", "neutral"):
            raise ConfigError(f"{path} line {number}: direction must be driver, headwind or neutral.")
        rows.append({"text": text, "themes": themes, "direction": direction})
    return rows


def load_taxonomy(paths: tuple[Path, ...] | None = None) -> Taxonomy:
    """The bundled taxonomy, extended or overridden (by id) by the user's
    themes.toml; example sentences from theme_examples.jsonl beside each."""
    if paths is None:
        paths = (config.data_dir() / "themes.toml", config.user_dir() / "themes.toml")
    themes: dict[str, Theme] = {}
    words: dict[str, set[str]] = {"driver": set(), "headwind": set(), "negators": set(),
                                  "driver_more": set(), "headwind_more": set(),
                                  "driver_phrases": set(), "headwind_phrases": set()}
    background: list[str] = []
    for index, path in enumerate(paths):
        if not path.is_file():
            if index == 0:
                raise ConfigError(f"The theme taxonomy {path} is missing; reinstall tapecheck.")
            continue
        data = _read_toml(path)
        background.extend(data.get("background", {}).get("sentences", []))
        for key, bucket in words.items():
            bucket.update(word.lower() for word in data.get("direction", {}).get(key, []))
        for entry in data.get("theme", []):
            if not isinstance(entry, dict):
                raise ConfigError(f"{path}: every [[theme]] must be a table.")
            theme = _theme_from(entry, path)
            themes[theme.id] = theme
    extra: dict[str, list[str]] = {}
    directions: list[tuple[str, str]] = []
    for path in paths:
        examples = path.with_name("theme_examples.jsonl")
        if examples.is_file():
            for row in _read_examples(examples):
                if not row["themes"]:
                    background.append(row["text"])
                elif row["direction"]:
                    directions.append((row["text"], row["direction"]))
                for theme_id in row["themes"]:
                    extra.setdefault(theme_id, []).append(row["text"])
    for theme_id, texts in extra.items():
        if theme_id in themes:
            theme = themes[theme_id]
            themes[theme_id] = replace(theme, examples=theme.examples + tuple(texts))
    return Taxonomy(tuple(themes.values()), tuple(background),
                    frozenset(words["driver"] | words["driver_more"]),
                    frozenset(words["headwind"] | words["headwind_more"]), frozenset(words["negators"]),
                    frozenset(words["driver_phrases"]), frozenset(words["headwind_phrases"]),
                    tuple(directions))


# --- sentences -----------------------------------------------------------------

_ABBREVIATIONS = {"corp", "inc", "ltd", "co", "mr", "mrs", "ms", "dr", "no", "vs", "st", "jr", "u.s",
                  "u.k", "e.g", "i.e", "etc", "approx", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
                  "sep", "sept", "oct", "nov", "dec", "fig", "est", "dept", "gov", "sen", "rep"}
_BOUNDARY = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*\n|\n(?=\s*\S)")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of sentences: after . ! ? before a capital or digit, and
    at line breaks (headlines and plain-text table rows are lines)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        before = text[start:match.start()].rstrip("\"'”’)")
        last_word = re.search(r"([A-Za-z.]+)\.$", before)
        if match.group().strip() == "" and "\n" not in match.group() and last_word and (
            last_word.group(1).lower().rstrip(".") in _ABBREVIATIONS or len(last_word.group(1)) == 1
        ):
            continue
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    result = []
    for begin, end in spans:
        while begin < end and text[begin].isspace():
            begin += 1
        while end > begin and text[end - 1].isspace():
            end -= 1
        if end > begin:
            result.append((begin, end))
    return result


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The claim stage's sentence splitter when present (so theme and claim
    sentences share spans), else our own."""
    try:
        from tapecheck.nlp.sentences import sentences as shared
    except ImportError:
        return split_sentences(text)
    return [(int(start), int(end)) for start, end in shared(text)]


# --- key terms -------------------------------------------------------------------

@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light suffix stripper so "tariff", "tariffs", "subsidy", "subsidies",
    "subsidising" and "subsidised" meet; crude, but the same on both sides."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) <= 3 or not word.isalpha():
        return word
    word = re.sub(r"iz(e|ed|es|ing|ation|ations)$", r"is\1", word)
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            # "cutting", "slipped", "trimmed": one of a doubled final consonant goes.
            if suffix in ("ing", "ed") and word[-1] == word[-2] and word[-1] not in "aeiouslz":
                word = word[:-1]
            break
    if word.endswith("e") and len(word) >= 4:
        word = word[:-1]
    if word.endswith("y") and len(word) > 3:
        word = word[:-1] + "i"
    return word


@Language.component("theme_stems")
def theme_stems(doc: Doc) -> Doc:
    """Put each token's stem in NORM, which the theme PhraseMatcher compares."""
    for token in doc:
        token.norm_ = stem(token.text)
    return doc


def term_pipeline() -> Language:
    """A blank English pipeline that only tokenises and stems."""
    nlp = spacy.blank("en")
    nlp.add_pipe("theme_stems")
    return nlp


# --- tagging -------------------------------------------------------------------

@dataclass(frozen=True)
class SentenceTag:
    """One sentence's verdict on one theme (before it becomes a ThemeScore)."""
    theme_id: str
    score: float
    similarity: float
    terms: tuple[str, ...]


class Tagger:
    """The taxonomy compiled once: description vectors, a term matcher, direction words."""

    def __init__(self, taxonomy: Taxonomy | None = None, embedder=None):
        from spacy.matcher import PhraseMatcher

        from tapecheck.nlp.embeddings import embedder as shared_embedder

        self.taxonomy = taxonomy or load_taxonomy()
        self.embedder = embedder or shared_embedder()
        self.nlp = term_pipeline()
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="NORM")
        for theme in self.taxonomy.themes:
            if theme.terms:
                self.matcher.add(theme.id, list(self.nlp.pipe(theme.terms)))
        self._driver = {stem(word) for word in self.taxonomy.driver_words}
        self._headwind = {stem(word) for word in self.taxonomy.headwind_words}
        self._phrases = PhraseMatcher(self.nlp.vocab, attr="NORM")
        for key, phrases in (("driver", self.taxonomy.driver_phrases), ("headwind", self.taxonomy.headwind_phrases)):
            if phrases:
                self._phrases.add(key, list(self.nlp.pipe(sorted(phrases))))
        self.ids = [theme.id for theme in self.taxonomy.themes]
        owners, texts = [], []
        for index, theme in enumerate(self.taxonomy.themes):
            for sentence in theme.description + theme.examples:
                owners.append(index)
                texts.append(sentence)
        self._owners = np.array(owners)
        # Each theme's anchors are one contiguous block: reduceat takes the max per block.
        self._starts = np.array([owners.index(i) for i in range(len(self.ids))])
        self._descriptions = self.embedder.encode(texts)
        self._background = self.embedder.encode(list(self.taxonomy.background)) if self.taxonomy.background else None
        examples = self.taxonomy.direction_examples
        self._direction_vectors = self.embedder.encode([text for text, _ in examples]) if examples else None
        self._direction_labels = np.array([{"driver": 1, "headwind": -1}.get(label, 0) for _, label in examples])

    def similarities(self, sentences: list[str], backing=None) -> tuple[np.ndarray, np.ndarray]:
        """(sentences x themes: the best cosine against each theme's descriptions,
        per sentence: the best cosine against plain market reporting)."""
        vectors = self.embedder.encode(sentences, backing)
        cosine = vectors @ self._descriptions.T
        best = np.maximum.reduceat(cosine, self._starts, axis=1)
        background = ((vectors @ self._background.T).max(axis=1) if self._background is not None
                      else np.full(len(sentences), -1.0, dtype=np.float32))
        return best, background

    def term_hits(self, sentences: list[str]) -> list[dict[str, set[str]]]:
        hits = []
        for doc in self.nlp.pipe(sentences):
            found: dict[str, set[str]] = {}
            for match_id, start, end in self.matcher(doc):
                found.setdefault(self.nlp.vocab.strings[match_id], set()).add(doc[start:end].text.lower())
            hits.append(found)
        return hits

    def tag_sentences(self, sentences: list[str], backing=None) -> list[list[SentenceTag]]:
        """For each sentence, the themes it tells, best first. ``backing``
        (see embeddings.Backing) keeps vectors across processes."""
        if not sentences:
            return []
        similarity, background = self.similarities(sentences, backing)
        hits = self.term_hits(sentences)
        column = {theme_id: index for index, theme_id in enumerate(self.ids)}
        counts = np.zeros_like(similarity)
        for row, found in enumerate(hits):
            for theme_id, terms in found.items():
                counts[row, column[theme_id]] = min(len(terms), MAX_TERMS)
        scores = similarity + TERM_WEIGHT * counts
        passing = ((similarity >= SIM_FLOOR) & (scores >= THRESHOLD)
                   & (scores >= scores.max(axis=1, keepdims=True) - REL_MARGIN)
                   & ((counts > 0) | (similarity >= background[:, None] + BG_MARGIN)))
        tagged: list[list[SentenceTag]] = [[] for _ in sentences]
        for row, col in zip(*np.nonzero(passing)):
            theme_id = self.ids[col]
            tagged[row].append(SentenceTag(theme_id, round(float(scores[row, col]), 4),
                                           round(float(similarity[row, col]), 4),
                                           tuple(sorted(hits[row].get(theme_id, ())))))
        for tags in tagged:
            tags.sort(key=lambda tag: -tag.score)
        return tagged

    def direction(self, sentence: str) -> str:
        """driver | headwind | neutral, from the sentence's direction phrases and
        words (a phrase outweighs and hides the words inside it); when they
        balance out, from the labelled examples the sentence reads most like."""
        doc = self.nlp(sentence)
        tokens = [token.lower_ for token in doc]
        balance = 0
        covered: set[int] = set()
        for match_id, start, end in self._phrases(doc):
            sign = 1 if self.nlp.vocab.strings[match_id] == "driver" else -1
            if any(t in self.taxonomy.negators for t in tokens[max(0, start - NEGATION_REACH):start]):
                sign = -sign
            balance += 2 * sign
            covered.update(range(start, end))
        for position, token in enumerate(doc):
            if position in covered:
                continue
            stemmed = token.norm_
            sign = 1 if stemmed in self._driver else -1 if stemmed in self._headwind else 0
            if sign and any(t in self.taxonomy.negators for t in tokens[max(0, position - NEGATION_REACH):position]):
                sign = -sign
            balance += sign
        if balance == 0 and self._direction_vectors is not None:
            similar = self._direction_vectors @ self.embedder.encode([sentence])[0]
            nearest = np.argsort(-similar)[:DIRECTION_NEIGHBOURS]
            vote = float(self._direction_labels[nearest].mean())
            balance = 1 if vote > DIRECTION_VOTE else -1 if vote < -DIRECTION_VOTE else 0
        return "driver" if balance > 0 else "headwind" if balance < 0 else "neutral"

    def tag_article(self, article: Article, mentions: list[Mention] | None = None,
                    backing=None) -> list[ThemeScore]:
        """Per-sentence ThemeScores, then one article-level ThemeScore per theme
        (sentence_start=None) carrying the best evidence sentence. The model and
        the key terms are English: other languages get no themes rather than wrong ones."""
        if article.language and not article.language.lower().startswith("en"):
            return []
        spans = sentence_spans(article.text)
        sentences = [article.text[start:end] for start, end in spans]
        per_sentence: list[ThemeScore] = []
        for (start, end), sentence, tags in zip(spans, sentences, self.tag_sentences(sentences, backing)):
            if not tags:
                continue
            direction = self.direction(sentence)
            tickers = tuple(dict.fromkeys(
                m.ticker for m in (mentions or ()) if m.ticker and m.start >= start and m.end <= end
            ))
            for tag in tags:
                per_sentence.append(ThemeScore(
                    article_id=article.id, theme_id=tag.theme_id, score=tag.score,
                    sentence_start=start, sentence_end=end, evidence=sentence,
                    direction=direction, tickers=tickers,
                ))
        overall = _aggregate(article.id, per_sentence, self.ids)
        told = {score.theme_id for score in overall}
        return overall + [score for score in per_sentence if score.theme_id in told]


def _aggregate(article_id: str, per_sentence: list[ThemeScore], order: list[str]) -> list[ThemeScore]:
    """Article level: a theme told by one strong sentence or by two or more;
    best sentence as evidence; direction by score-weighted vote."""
    result = []
    for theme_id in order:
        scores = [s for s in per_sentence if s.theme_id == theme_id]
        if not scores or (len(scores) < 2 and scores[0].score < ARTICLE_MIN):
            continue
        best = max(scores, key=lambda s: s.score)
        vote = sum(s.score * (1 if s.direction == "driver" else -1 if s.direction == "headwind" else 0)
                   for s in scores)
        direction = "driver" if vote > 0 else "headwind" if vote < 0 else "neutral"
        tickers = tuple(dict.fromkeys(t for s in scores for t in s.tickers))
        # More sentences telling the theme make the article-level score a little stronger.
        score = min(1.0, best.score + 0.02 * (len(scores) - 1))
        result.append(ThemeScore(
            article_id=article_id, theme_id=theme_id, score=round(score, 4),
            sentence_start=None, sentence_end=None, evidence=best.evidence,
            direction=direction, tickers=tickers,
        ))
    return sorted(result, key=lambda s: -s.score)


@cache
def tagger() -> Tagger:
    """The process-wide tagger (taxonomy, matcher and model built once)."""
    return Tagger()


def tag_article(article: Article, mentions: list[Mention] | None = None,
                backing=None) -> list[ThemeScore]:
    """The NLP stage's theme entry point: article-level scores first, then per
    sentence. ``backing`` persists sentence vectors (the orchestration passes its Store)."""
    return tagger().tag_article(article, mentions, backing)


def taxonomy() -> Taxonomy:
    return load_taxonomy()
