"""Batch runs: many article files, the heavy stages in parallel on Dask.

The work splits where the database begins. Workers get partitions of file
paths and return plain records (Article, mentions, claims, theme scores); the
client loads prices once per security for the whole batch and broadcasts the
price book to every worker once; workers then verify partitions of those
records (as-of inference for undated articles included) and return the results,
ready to write. Workers never open the SQLite file: the client is the one
writer, and writes each article in its own transaction, in input order, while
the workers go on verifying. A run on fifty workers is as safe as a run on one,
and an interrupted run leaves each article either complete or absent.

``engine="local"`` runs the very same partition tasks in this process and is
the reference the Dask run must match, record for record. The tasks, the
records they exchange and the retry/split driver are in ``batch_work``; the
cluster side is in ``dask_runner``.

Skipping: an article's id is the hash of its *extracted, normalised* text, so
only ingest can tell which file is which article (the same story saved as
HTML and as text is one article). The client therefore ships the set of ids
already processed to every worker once (a broadcast); a worker ingests a file,
and if its id is in the set it returns a one-line ``AlreadyDone`` instead of
running the NLP.
"""

from __future__ import annotations

import glob
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from tapecheck.batch_work import (
    AlreadyDone, Extracted, InputFailure, LocalRunner, Partition, Verified, drive,
    extract_partition, ship, verify_partition,
)
from tapecheck.errors import InputError, TapecheckError

ENGINES = ("local", "dask")
ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".pdf")

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


# -- the run ---------------------------------------------------------------------------
def processed_ids(store) -> frozenset[str]:
    """Articles a previous run finished: they have extraction or verification rows,
    or an as-of decision (an article with no claims still gets one)."""
    rows = store.db.execute(
        "select id from articles where as_of_source is not null or coalesce(as_of_note, '') != '' "
        "union select article_id from mentions union select article_id from claims")
    return frozenset(row[0] for row in rows)


def run_batch(store, inputs: list[str], engine: str = "local", scheduler: str | None = None,
              partition_size: int = 100, offline: bool = False, themes: bool = True,
              progress: Progress | None = None, *, workers: int | None = None,
              fetcher=None) -> BatchReport:
    """Process many article files: ingest -> extract (-> themes) per partition on
    the engine, one price load here, verification per partition on the engine,
    and every write here.

    ``progress(done, total)`` is called as inputs finish extraction and then as
    articles are written; each stage starts with ``progress(0, total)``.
    ``scheduler`` (a Dask address) implies the dask engine; ``workers`` sizes
    the LocalCluster (default: one per CPU core). ``report.stage_s`` times the
    parts: startup, extract, prices, verify (its wall time holds the writes,
    which go on while workers verify) and write (the writer's share of it).
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
    shipped = ship(registry)
    counts: dict[str, int] = {}

    with _runner(engine, scheduler, workers, shipped, themes) as runner:
        report.workers = runner.workers
        on_workers = runner.share(shipped)
        args = (on_workers, runner.share(processed_ids(store)), themes)
        report.stage_s["startup"] = time.perf_counter() - started
        mark = time.perf_counter()
        results: list = []
        if progress:
            progress(0, len(paths))
        for _, records in drive(runner, extract_partition, args, parts, "partition", counts):
            results += records
            if progress:
                progress(len(results), len(paths))
        report.stage_s["extract"] = time.perf_counter() - mark
        to_write = _sort_out(results, report)
        if to_write:
            _verify_and_write(store, runner, on_workers, to_write, registry, report,
                              partition_size, counts, offline=offline, themes=themes,
                              fetcher=fetcher, progress=progress)
    report.partitions_retried = counts.get("retried", 0)
    report.partitions_split = counts.get("split", 0)
    report.processed = len(report.article_ids)
    report.skipped = len(report.skips)
    report.failed = len(report.failures)
    report.wall_time_s = time.perf_counter() - started
    return report


@contextmanager
def _runner(engine: str, scheduler: str | None, workers: int | None,
            shipped_registry: tuple[str, object], themes: bool):
    if engine == "local":
        yield LocalRunner()
        return
    from tapecheck.dask_runner import dask_runner

    with dask_runner(scheduler, workers, shipped_registry, themes) as runner:
        yield runner


def _verify_and_write(store, runner, shipped_registry, extracted: list[Extracted], registry,
                      report: BatchReport, size: int, counts: dict[str, int], *,
                      offline: bool, themes: bool, fetcher, progress: Progress | None) -> None:
    """One price book for the whole batch, sent to every worker once; verification
    per partition on the engine; each article written here in its own transaction,
    in input order, as soon as it and all before it are verified. A verification
    error loses only that article (nothing of it is written: the next run retries it)."""
    from tapecheck import correlate
    from tapecheck.orchestrate import theme_prices, write_results

    # An article stored earlier (say by `tapecheck ingest --published ...`) keeps
    # its stored record: its publication date is the one the user gave.
    extracted = [replace(e, article=store.article(e.article.id)) if store.has_article(e.article.id)
                 else e for e in extracted]
    mark = time.perf_counter()
    book = correlate.prepare_prices(store, [e.article for e in extracted],
                                    {e.article.id: list(e.claims) for e in extracted}, registry,
                                    offline=offline, fetcher=fetcher)
    theme_book = theme_prices(store, book, offline=offline, fetcher=fetcher) if themes else None
    books = runner.share((book, theme_book))
    report.stage_s["prices"] = time.perf_counter() - mark

    mark, writing = time.perf_counter(), 0.0
    items = [(e.index, e.input, e) for e in extracted]
    parts = [Partition(n, tuple(items[i:i + size])) for n, i in enumerate(range(0, len(items), size))]
    finished = drive(runner, verify_partition, (shipped_registry, books), parts, "verify", counts)
    if progress:
        progress(0, len(items))
    for done, record in enumerate(_in_input_order(finished, parts), 1):
        if isinstance(record, InputFailure):
            report.failures.append(record)
        else:
            started = time.perf_counter()
            try:
                outcome = write_results(store, record.results)
            except TapecheckError as error:
                report.failures.append(InputFailure(record.input, str(error), type(error).__name__,
                                                    "write"))
            else:
                report.article_ids.append(outcome.article_id)
                for verdict, n in outcome.verdicts.items():
                    report.verdicts[verdict] = report.verdicts.get(verdict, 0) + n
            writing += time.perf_counter() - started
        if progress:
            progress(done, len(items))
    report.stage_s["verify"] = time.perf_counter() - mark
    report.stage_s["write"] = writing


def _in_input_order(finished: Iterator[tuple[Partition, list]], parts: list[Partition]
                    ) -> Iterator[Verified | InputFailure]:
    """Records of partitions as they finish, released in input order: a partition
    once it and every one before it are complete (a split one comes back in pieces)."""
    position = {item[1]: item[0] for part in parts for item in part.items}
    missing = {part.number: len(part.items) for part in parts}
    held: dict[int, list] = {}
    following = 0
    for part, records in finished:
        held.setdefault(part.number, []).extend(records)
        missing[part.number] -= len(part.items)
        while missing.get(following) == 0:
            yield from sorted(held.pop(following, []), key=lambda r: position[r.input])
            following += 1


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
