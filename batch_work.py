"""The work of a batch, one partition at a time, on either engine.

Two tasks run per partition: ``extract_partition`` (files -> articles, mentions,
claims, theme scores) and ``verify_partition`` (those records plus one price
book -> verdicts and narratives, ready to write). Both are plain functions over
plain records that touch files and models but never the database, so they run
the same in this process (``LocalRunner``, the serial reference) and on a Dask
worker (``tapecheck.dask_runner``).

``drive`` runs partitions to an outcome on any runner. An input that is not an
article is an expected ``TapecheckError``, reported for that input at once.
Anything else fails its whole partition: the partition is retried (it may have
been a lost worker), and if it still fails it is split into single inputs so one
poison file cannot take a hundred good ones down. Nothing is dropped.
"""

from __future__ import annotations

import hashlib
from collections import deque
from dataclasses import dataclass, replace
from typing import Callable, Iterator

from tapecheck.errors import TapecheckError
from tapecheck.records import Article, Claim, Mention, ThemeScore

PARTITION_RETRIES = 2            # attempts after the first, before a partition is split


# -- records that travel between client and workers ------------------------------
@dataclass(frozen=True)
class Partition:
    number: int
    items: tuple[tuple, ...]     # (index, input, ...): position in the input list first
    attempt: int = 0


@dataclass(frozen=True)
class Extracted:
    """One input a worker read and ran the NLP stages on."""

    index: int                       # position in the expanded input list
    input: str
    article: Article
    mentions: tuple[Mention, ...]
    claims: tuple[Claim, ...]
    theme_scores: tuple[ThemeScore, ...] | None      # None: themes not run


@dataclass(frozen=True)
class Verified:
    """One article's results (``orchestrate.Results``), computed, not yet written."""

    index: int
    input: str
    results: object


@dataclass(frozen=True)
class AlreadyDone:
    index: int
    input: str
    article_id: str
    reason: str = "already processed"


@dataclass(frozen=True)
class InputFailure:
    input: str
    error: str
    kind: str                        # the error's class name
    stage: str                       # expand | ingest | extract | partition | verify


# -- the tasks -------------------------------------------------------------------------
_REGISTRIES: dict[str, object] = {}


def registry_fingerprint(registry) -> str:
    """Content hash of a registry, so a worker keeps one copy (and so one spaCy
    pipeline, which is cached per registry object) however often it is sent."""
    digest = hashlib.sha1()
    for sec in sorted(registry.securities, key=lambda s: s.ticker):
        digest.update(repr(sec).encode())
    digest.update(repr(sorted(registry.aliases.items())).encode())
    return digest.hexdigest()


def ship(registry) -> tuple[str, object]:
    """The registry as sent to workers: with its fingerprint."""
    return registry_fingerprint(registry), registry


def _adopt(shipped: tuple[str, object]):
    fingerprint, registry = shipped
    if fingerprint not in _REGISTRIES and len(_REGISTRIES) >= 4:   # a long-lived worker
        _REGISTRIES.pop(next(iter(_REGISTRIES)))
    return _REGISTRIES.setdefault(fingerprint, registry)


def extract_partition(partition: Partition, shipped_registry: tuple[str, object],
                      done: frozenset[str], themes: bool) -> list[Extracted | AlreadyDone | InputFailure]:
    """Ingest, extract and (optionally) theme-tag the files of one partition;
    a file whose article id is in ``done`` is only ingested."""
    from tapecheck import ingest, nlp

    registry = _adopt(shipped_registry)
    tag = _theme_stage() if themes else None
    out: list[Extracted | AlreadyDone | InputFailure] = []
    for index, path in partition.items:
        stage = "ingest"
        try:
            article = ingest.from_path(path)
            if article.id in done:
                out.append(AlreadyDone(index, path, article.id))
                continue
            stage = "extract"
            extraction = nlp.extract(article, registry)
            mentions = list(extraction.mentions)
            scores = tuple(tag(article, mentions)) if tag else None
            out.append(Extracted(index, path, article, tuple(mentions),
                                 tuple(extraction.claims), scores))
        except TapecheckError as error:
            out.append(InputFailure(path, str(error), type(error).__name__, stage))
    return out


def verify_partition(partition: Partition, shipped_registry: tuple[str, object],
                     books: tuple) -> list[Verified | InputFailure]:
    """Verify the extracted articles of one partition (items: index, input,
    Extracted) against the batch's price book, infer the as-of of undated ones
    and match their themes: all pure given ``books`` (claims' book, theme book)."""
    from tapecheck.orchestrate import derive_results

    registry = _adopt(shipped_registry)
    book, theme_book = books
    taxonomy = None
    if theme_book is not None:
        from tapecheck.nlp.themes import load_taxonomy

        taxonomy = load_taxonomy()
    out: list[Verified | InputFailure] = []
    for index, path, item in partition.items:
        tagged = item.theme_scores is not None
        try:
            results = derive_results(
                item.article, list(item.claims), registry, book, mentions=list(item.mentions),
                theme_scores=list(item.theme_scores) if tagged else None,
                theme_book=theme_book if tagged else None, taxonomy=taxonomy)
        except TapecheckError as error:
            out.append(InputFailure(path, str(error), type(error).__name__, "verify"))
        else:
            out.append(Verified(index, path, results))
    return out


def _theme_stage():
    try:
        from tapecheck.nlp.themes import tag_article
    except ImportError:  # pragma: no cover - the themes stage is optional
        return None
    return tag_article


def preload(shipped_registry: tuple[str, object] | None = None, themes: bool = True) -> None:
    """Build the spaCy pipeline for the registry and load the theme model in this
    process (a worker), so the first partition does not pay for them."""
    if shipped_registry is not None:
        from tapecheck.nlp.pipeline import get_nlp

        get_nlp(_adopt(shipped_registry))
    if themes and _theme_stage():
        from tapecheck.nlp import themes as theme_module

        theme_module.tagger()


# -- running partitions: the same retry/split logic for both engines -------------------
Outcome = tuple[Partition, list | None, BaseException | None]


class LocalRunner:
    """Runs partitions one after another in this process: the serial reference."""

    workers = 1

    def __init__(self):
        self.queue: deque[tuple[Callable, Partition, tuple]] = deque()

    def share(self, value):
        return value

    def submit(self, task: Callable, partition: Partition, *args) -> None:
        self.queue.append((task, partition, args))

    def results(self) -> Iterator[Outcome]:
        while self.queue:
            task, partition, args = self.queue.popleft()
            try:
                yield partition, task(partition, *args), None
            except Exception as error:  # noqa: BLE001 - reported per input, never dropped
                yield partition, None, error


def drive(runner, task: Callable, args: tuple, parts: list[Partition], stage: str,
          counts: dict[str, int]) -> Iterator[tuple[Partition, list]]:
    """Run every partition to an outcome (retried, then split, then reported) and
    yield each finished partition, or single input split from one, with its
    records. ``counts`` gathers how many partitions were retried and split."""
    for part in parts:
        runner.submit(task, part, *args)
    retried: set[int] = set()
    for part, result, error in runner.results():
        if error is None:
            yield part, result
        elif part.attempt < PARTITION_RETRIES:
            retried.add(part.number)
            runner.submit(task, replace(part, attempt=part.attempt + 1), *args)
        elif len(part.items) > 1:
            counts["split"] = counts.get("split", 0) + 1
            for item in part.items:       # singles: no further retries
                runner.submit(task, Partition(part.number, (item,), PARTITION_RETRIES), *args)
        else:
            kind = type(error).__name__
            yield part, [InputFailure(part.items[0][1], f"{kind}: {error}", kind, stage)]
    counts["retried"] = counts.get("retried", 0) + len(retried)
