"""Batch runs: many article files, the heavy stages in parallel on Dask.

The work splits where the database begins. Workers get partitions of file
paths and return plain records (Article, mentions, claims, theme scores);
they never open the SQLite file. The client then loads prices once per
security for the whole batch, verifies, and writes every article in its own
transaction through the store: one writer, so a run on fifty workers is as
safe as a run on one, and an interrupted run leaves each article either
complete or absent.

``engine="local"`` runs the very same partition function in this process and
is the reference the Dask run must match, record for record.

Skipping: an article's id is the hash of its *extracted, normalised* text, so
only ingest can tell which file is which article (the same story saved as
HTML and as text is one article). The client therefore ships the set of ids
already processed to every worker once (a broadcast); a worker ingests a file,
and if its id is in the set it returns a one-line ``AlreadyDone`` instead of
running the NLP, which is where nearly all the time goes.

Failures: an input that is not an article (empty, binary, unsupported) is an
expected ``TapecheckError`` and is reported for that input at once. Anything
else fails its whole partition; the partition is retried (it may have been a
lost worker), and if it still fails it is split into single inputs so one
poison file cannot take a hundred good ones down. Nothing is dropped: every
input ends processed, skipped or failed with its error.
"""

from __future__ import annotations

import glob
import hashlib
import logging
import os
import time
import uuid
from asyncio import CancelledError
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from tapecheck.errors import ConfigError, InputError, TapecheckError
from tapecheck.records import Article, Claim, Mention, ThemeScore

ENGINES = ("local", "dask")
ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".pdf")
PARTITION_RETRIES = 2            # attempts after the first, before a partition is split

CLI_HELP = """\
Ingest, extract and tag many article files in parallel, then verify them
against prices and store the results. Articles already processed are skipped,
so an interrupted run can simply be started again.

Examples:

  tapecheck batch archive/                       # every article file under a folder
  tapecheck batch 'archive/2025/**/*.html' --engine dask
  tapecheck batch archive/ --engine dask --scheduler tcp://10.0.0.5:8786 --partition-size 200
"""

Progress = Callable[[int, int], None]


# -- records that travel between client and workers ------------------------------
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


@dataclass(frozen=True)
class Partition:
    number: int
    items: tuple[tuple[int, str], ...]   # (index, path)
    attempt: int = 0


@dataclass
class BatchReport:
    engine: str
    inputs: int = 0
    processed: int = 0
    skipped: int = 0
    failed: int = 0
    partitions: int = 0
    partitions_retried: int = 0
    partitions_split: int = 0
    workers: int = 1
    wall_time_s: float = 0.0
    stage_s: dict[str, float] = field(default_factory=dict)
    article_ids: list[str] = field(default_factory=list)
    skips: list[AlreadyDone] = field(default_factory=list)
    failures: list[InputFailure] = field(default_factory=list)
    verdicts: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        rate = self.processed / self.wall_time_s if self.wall_time_s else 0.0
        lines = [
            f"{self.inputs} inputs: {self.processed} processed, {self.skipped} skipped "
            f"(already done or repeated), {self.failed} failed; engine {self.engine} with "
            f"{self.workers} worker(s), {self.partitions} partitions "
            f"({self.partitions_retried} retried, {self.partitions_split} split); "
            f"{self.wall_time_s:.1f} s ({rate:.1f} articles/s)",
        ]
        if self.verdicts:
            lines.append("verdicts: " + ", ".join(f"{k} {v}" for k, v in sorted(self.verdicts.items())))
        lines += [f"FAILED {f.input}: {f.error} ({f.kind}, {f.stage})" for f in self.failures]
        return "\n".join(lines)


# -- inputs ------------------------------------------------------------------------
def expand_inputs(inputs: Iterable[str]) -> tuple[list[str], list[InputFailure]]:
    """Paths, folders (searched recursively for article files) and globs, in a
    stable order without repeats; an input that names nothing is a failure.
    Paths come out absolute: a worker on another machine reads them as given."""
    paths: dict[str, None] = {}
    failures = []
    for item in inputs:
        path = Path(item).expanduser()
        if path.is_dir():
            found = sorted(str(p) for p in path.rglob("*") if _is_article_file(p)
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
        elif path.exists():
            found = [str(path)]
        elif glob.has_magic(item):
            found = sorted(p for p in glob.glob(str(path), recursive=True) if _is_article_file(Path(p)))
        else:
            found = []
        if not found:
            what = "no article files in" if path.is_dir() else "no file matches"
            failures.append(InputFailure(item, f"{what} {item}", "InputError", "expand"))
        for p in found:
            paths.setdefault(os.path.abspath(p), None)
    return list(paths), failures


def _is_article_file(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in ARTICLE_SUFFIXES


def partitions(paths: list[str], size: int) -> list[Partition]:
    if size < 1:
        raise InputError(f"--partition-size must be at least 1, not {size}")
    items = list(enumerate(paths))
    return [Partition(n, tuple(items[i:i + size])) for n, i in enumerate(range(0, len(items), size))]


# -- the worker side -----------------------------------------------------------------
_REGISTRIES: dict[str, object] = {}


def registry_fingerprint(registry) -> str:
    """Content hash of a registry, so a worker keeps one copy (and so one spaCy
    pipeline, which is cached per registry object) however often it is sent."""
    digest = hashlib.sha1()
    for sec in sorted(registry.securities, key=lambda s: s.ticker):
        digest.update(repr(sec).encode())
    digest.update(repr(sorted(registry.aliases.items())).encode())
    return digest.hexdigest()


def _adopt(shipped: tuple[str, object]):
    fingerprint, registry = shipped
    if fingerprint not in _REGISTRIES and len(_REGISTRIES) >= 4:   # a long-lived worker
        _REGISTRIES.pop(next(iter(_REGISTRIES)))
    return _REGISTRIES.setdefault(fingerprint, registry)


def extract_partition(partition: Partition, shipped_registry: tuple[str, object],
                      done: frozenset[str], themes: bool) -> list[Extracted | AlreadyDone | InputFailure]:
    """Ingest, extract and (optionally) theme-tag one partition. Runs on a worker;
    touches files and models, never the database."""
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


def _worker_plugin(shipped_registry: tuple[str, object], themes: bool):
    from distributed.diagnostics.plugin import WorkerPlugin

    class Preload(WorkerPlugin):
        """Loads the models when a worker starts (or joins later)."""

        name = "tapecheck-preload"

        def setup(self, worker) -> None:
            preload(shipped_registry, themes)

    return Preload()


# -- running partitions: the same retry/split logic for both engines -------------------
class _LocalRunner:
    """Runs partitions one after another in this process: the serial reference."""

    workers = 1

    def __init__(self, registry, done: frozenset[str], themes: bool):
        self.args = ((registry_fingerprint(registry), registry), done, themes)
        self.queue: deque[Partition] = deque()

    def submit(self, partition: Partition) -> None:
        self.queue.append(partition)

    def results(self) -> Iterator[tuple[Partition, list | None, BaseException | None]]:
        while self.queue:
            partition = self.queue.popleft()
            try:
                yield partition, extract_partition(partition, *self.args), None
            except Exception as error:  # noqa: BLE001 - reported per input, never dropped
                yield partition, None, error


class _DaskRunner:
    """Submits partitions to a Dask cluster and yields them as they complete."""

    def __init__(self, client, registry, done: frozenset[str], themes: bool):
        from distributed import as_completed

        self.client = client
        self.workers = len(client.scheduler_info()["workers"])
        shipped = (registry_fingerprint(registry), registry)
        self.registry, self.done = client.scatter([shipped, done], broadcast=True)
        self.themes = themes
        self.pending: dict[object, Partition] = {}
        self.completed = as_completed()

    def submit(self, partition: Partition) -> None:
        future = self.client.submit(
            extract_partition, partition, self.registry, self.done, self.themes,
            key=f"tapecheck-partition-{partition.number}-{uuid.uuid4().hex}", pure=False)
        self.pending[future] = partition
        self.completed.add(future)

    def results(self) -> Iterator[tuple[Partition, list | None, BaseException | None]]:
        for future in self.completed:
            partition = self.pending.pop(future)
            try:
                result = future.result()
            except (Exception, CancelledError) as error:  # noqa: BLE001 - lost worker included
                yield partition, None, error
            else:
                yield partition, result, None
            future.release()


def _drive(runner, parts: list[Partition], report: BatchReport, progress: Progress | None,
           total: int) -> list[Extracted | AlreadyDone | InputFailure]:
    """Run every partition to an outcome: retried, then split, then reported."""
    for part in parts:
        runner.submit(part)
    out: list[Extracted | AlreadyDone | InputFailure] = []
    finished = 0
    retried: set[int] = set()
    for part, result, error in runner.results():
        if error is None:
            out += result
            finished += len(part.items)
        elif part.attempt < PARTITION_RETRIES:
            retried.add(part.number)
            runner.submit(Partition(part.number, part.items, part.attempt + 1))
        elif len(part.items) > 1:
            report.partitions_split += 1
            for item in part.items:       # singles: no further retries
                runner.submit(Partition(part.number, (item,), PARTITION_RETRIES))
        else:
            out.append(InputFailure(part.items[0][1], f"{type(error).__name__}: {error}",
                                    type(error).__name__, "partition"))
            finished += 1
        if progress:
            progress(finished, total)
    report.partitions_retried = len(retried)
    return out


@contextmanager
def _dask_client(scheduler: str | None, workers: int | None, plugin):
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler, timeout="30s") as client:
            _check_versions(client)
            client.register_plugin(plugin)
            yield client
        return
    n = workers or max(1, os.cpu_count() or 1)
    with LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                      dashboard_address=":0", silence_logs=logging.CRITICAL) as cluster, \
            Client(cluster) as client:
        _check_versions(client)
        client.register_plugin(plugin)
        yield client


def _check_versions(client) -> None:
    """A worker with other tapecheck code or data computes other results: refuse.
    The version string is not enough (an editable checkout keeps it while the code
    changes), so the stage code and the vocabularies are hashed too."""
    try:
        theirs = client.run(code_fingerprint)
    except Exception as error:  # noqa: BLE001 - any failure here means a broken worker install
        raise ConfigError(f"the Dask workers cannot run tapecheck ({type(error).__name__}: {error}): "
                          "install it on every worker (see docs/cluster.md)") from error
    if not theirs:
        raise ConfigError("the Dask scheduler has no workers: start some with `dask worker ADDRESS`")
    mine = code_fingerprint()
    wrong = sorted(w for w, v in theirs.items() if v != mine)
    if wrong:
        raise ConfigError(
            f"{len(wrong)} of {len(theirs)} Dask workers run other tapecheck code or data than "
            f"this client ({mine}; e.g. {wrong[0]} has {theirs[wrong[0]]}): install the same "
            "tapecheck on every worker (see docs/cluster.md)")


def code_fingerprint() -> str:
    """Version plus a hash of the stage code and the vocabulary/registry data the
    workers use, as installed now (client and workers hash at the same moment)."""
    import tapecheck
    from tapecheck import config

    root = Path(tapecheck.__file__).parent
    files = sorted([*root.glob("*.py"), *root.glob("ingest/*.py"), *root.glob("nlp/*.py"),
                    *root.glob("correlate/*.py")])
    data = config.data_dir()
    files += sorted([*data.glob("*.csv"), *data.glob("*.toml"), *data.glob("vocab/*")])
    digest = hashlib.sha1()
    for path in files:
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return f"{tapecheck.__version__}+{digest.hexdigest()[:12]}"


# -- the client side: one price load, one writer -----------------------------------------
def processed_ids(store) -> frozenset[str]:
    """Articles a previous run finished: they have extraction or verification rows,
    or an as-of decision (an article with no claims still gets one)."""
    rows = store.db.execute(
        "select id from articles where as_of_source is not null or coalesce(as_of_note, '') != '' "
        "union select article_id from mentions union select article_id from claims")
    return frozenset(row[0] for row in rows)


def write_results(store, extracted: list[Extracted], registry, report: BatchReport, *,
                  offline: bool = False, themes: bool = True, fetcher=None,
                  progress: Progress | None = None) -> None:
    """Verify everything against one price book and write each article in its
    own transaction. A verification error loses only that article (nothing of
    it is written, so the next run tries it again)."""
    from tapecheck import correlate
    from tapecheck.orchestrate import save_results, theme_prices

    # An article stored earlier (say by `tapecheck ingest --published ...`) keeps
    # its stored record: its publication date is the one the user gave.
    extracted = [replace(e, article=store.article(e.article.id)) if store.has_article(e.article.id)
                 else e for e in extracted]
    articles = [e.article for e in extracted]
    claims = {e.article.id: list(e.claims) for e in extracted}
    started = time.perf_counter()
    book = correlate.prepare_prices(store, articles, claims, registry, offline=offline,
                                    fetcher=fetcher)
    report.stage_s["prices"] = time.perf_counter() - started
    theme_book = theme_prices(store, book, offline=offline, fetcher=fetcher) if themes else None
    if progress:
        progress(0, len(extracted))
    for done, item in enumerate(extracted, 1):
        article = item.article
        try:
            outcome = save_results(
                store, article, claims[article.id], registry, book, mentions=list(item.mentions),
                theme_scores=None if item.theme_scores is None else list(item.theme_scores),
                theme_book=theme_book if item.theme_scores is not None else None)
        except TapecheckError as error:
            report.failures.append(InputFailure(item.input, str(error), type(error).__name__, "verify"))
        else:
            report.article_ids.append(article.id)
            for verdict, n in outcome.verdicts.items():
                report.verdicts[verdict] = report.verdicts.get(verdict, 0) + n
        if progress:
            progress(done, len(extracted))


def run_batch(store, inputs: list[str], engine: str = "local", scheduler: str | None = None,
              partition_size: int = 100, offline: bool = False, themes: bool = True,
              progress: Progress | None = None, *, workers: int | None = None,
              fetcher=None) -> BatchReport:
    """Process many article files: ingest -> extract (-> themes) per partition on
    the engine, then verify and write in this process.

    ``progress(done, total)`` is called as inputs finish the parallel stage and
    then as articles are written; each stage starts with ``progress(0, total)``.
    ``scheduler`` (a Dask address) implies the dask engine; ``workers`` sizes
    the LocalCluster (default: one per CPU core).
    """
    from tapecheck.orchestrate import registry_for

    if scheduler:
        engine = "dask"
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
    started = time.perf_counter()
    report = BatchReport(engine=engine)
    paths, report.failures = expand_inputs(inputs)
    report.inputs = len(paths) + len(report.failures)
    parts = partitions(paths, partition_size)
    report.partitions = len(parts)
    registry = registry_for(store)
    done = processed_ids(store)

    with _runner(engine, scheduler, workers, registry, done, themes) as runner:
        report.workers = runner.workers
        report.stage_s["startup"] = time.perf_counter() - started
        mark = time.perf_counter()
        if progress:
            progress(0, len(paths))
        results = _drive(runner, parts, report, progress, len(paths)) if parts else []
        report.stage_s["extract"] = time.perf_counter() - mark

    mark = time.perf_counter()
    to_write = _sort_out(results, report)
    if to_write:
        write_results(store, to_write, registry, report, offline=offline, themes=themes,
                      fetcher=fetcher, progress=progress)
    report.stage_s["write"] = time.perf_counter() - mark
    report.processed = len(report.article_ids)
    report.skipped = len(report.skips)
    report.failed = len(report.failures)
    report.wall_time_s = time.perf_counter() - started
    return report


@contextmanager
def _runner(engine: str, scheduler: str | None, workers: int | None, registry,
            done: frozenset[str], themes: bool):
    if engine == "local":
        yield _LocalRunner(registry, done, themes)
        return
    plugin = _worker_plugin((registry_fingerprint(registry), registry), themes)
    with _dask_client(scheduler, workers, plugin) as client:
        yield _DaskRunner(client, registry, done, themes)


def _sort_out(results: list, report: BatchReport) -> list[Extracted]:
    """Back into input order (so the first of two identical files wins, whatever
    finished first); skips and failures go to the report."""
    to_write: list[Extracted] = []
    first_input: dict[str, str] = {}
    ordered = sorted((r for r in results if not isinstance(r, InputFailure)), key=lambda r: r.index)
    report.failures += [r for r in results if isinstance(r, InputFailure)]
    for item in ordered:
        if isinstance(item, AlreadyDone):
            report.skips.append(item)
        elif item.article.id in first_input:
            report.skips.append(AlreadyDone(item.index, item.input, item.article.id,
                                            f"same text as {first_input[item.article.id]}"))
        else:
            first_input[item.article.id] = item.input
            to_write.append(item)
    return to_write


@contextmanager
def progress_bar(console=None) -> Iterator[Progress]:
    """A rich progress bar for ``run_batch(progress=...)``: one row per stage."""
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)

    stages = iter(("ingest + extract", "verify + write"))
    with Bar(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
             TimeElapsedColumn(), TimeRemainingColumn(), console=console) as bar:
        current: list = []

        def update(done: int, total: int) -> None:
            if done == 0 or not current:
                current[:] = [bar.add_task(next(stages, "batch"), total=total)]
            bar.update(current[0], completed=done, total=total)

        yield update
