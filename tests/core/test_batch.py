"""Batch runs: Dask on a real 2-process LocalCluster gives the serial results.

The articles are generated from the bundled real prices (bench/batch_bench.py),
written as .txt and .html files; prices come from the bundled snapshot
(offline), so nothing here touches the network.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from tapecheck import correlate
from tapecheck.batch import expand_inputs, run_batch
from tapecheck.errors import ConfigError, InputError
from tapecheck.orchestrate import ingest_inputs, process
from tapecheck.store import Store

ROOT = Path(__file__).resolve().parents[2]
GOOD = 12


def _bench():
    spec = importlib.util.spec_from_file_location("batch_bench_for_tests", ROOT / "bench" / "batch_bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """12 generated articles, one exact duplicate, one empty and one binary file."""
    folder = tmp_path_factory.mktemp("articles")
    paths = _bench().generate_articles(GOOD, folder / "wire", seed=11)
    (folder / "wire" / "zz-duplicate.txt").write_bytes(paths[1].read_bytes())
    (folder / "bad").mkdir()
    (folder / "bad" / "empty.txt").write_bytes(b"")
    (folder / "bad" / "scan.txt").write_bytes(bytes(range(256)) * 40)
    return folder


def _store(path: Path) -> Store:
    """A fresh database holding the bundled real price snapshot."""
    store = Store.open(path)
    correlate.load_snapshot(store)
    return store


def _outcome(store: Store) -> dict:
    """What an analyst sees: the articles, every claim, every verdict with its
    window and closes, the as-of decisions, the themes told and how each theme's
    basket did against its benchmark."""
    verifications = {k: replace(v, fetched_at=None) for k, v in store.verifications().items()}
    return {
        "articles": sorted(a.id for a in store.articles()),
        "claims": sorted(store.claims(), key=lambda c: (c.article_id, c.start, c.id)),
        "verifications": verifications,
        "as_of": sorted((r["id"], r["as_of"], r["as_of_source"], r["as_of_note"])
                        for r in store.article_rows()),
        "themes": sorted((t.article_id, t.theme_id, t.sentence_start or -1, t.direction)
                         for t in store.theme_scores()),
        "narratives": sorted(store.narratives(), key=lambda n: (n["article_id"], n["theme_id"])),
    }


def _written_order(store: Store) -> list[str]:
    return [row[0] for row in store.db.execute("select id from articles order by rowid")]


def _failures(report) -> list[tuple[str, str]]:
    return sorted((Path(f.input).name, f.kind) for f in report.failures)


def test_dask_run_matches_serial_run_and_rerun_skips(corpus, tmp_path):
    inputs = [str(corpus / "wire"), str(corpus / "bad" / "*.txt")]
    serial_store = _store(tmp_path / "serial.db")
    serial = run_batch(serial_store, inputs, engine="local", offline=True)

    seen: list[tuple[int, int]] = []
    dask_store = _store(tmp_path / "dask.db")
    parallel = run_batch(dask_store, inputs, engine="dask", partition_size=3, offline=True,
                         workers=2, progress=lambda done, total: seen.append((done, total)))

    # Every input is accounted for, the same way by both engines.
    for report in (serial, parallel):
        assert report.inputs == GOOD + 3
        assert report.processed == GOOD
        assert [s.reason for s in report.skips] == [f"same text as {corpus / 'wire' / 'article-00001.txt'}"]
        assert _failures(report) == [("empty.txt", "EmptyInput"), ("scan.txt", "BinaryInput")]
    assert parallel.engine == "dask" and parallel.workers == 2 and parallel.partitions == 5
    assert (GOOD + 3, GOOD + 3) in seen and seen[-1] == (GOOD, GOOD)  # both stages reported

    expected, got = _outcome(serial_store), _outcome(dask_store)
    assert sorted(parallel.article_ids) == sorted(serial.article_ids) == expected["articles"]
    assert got["claims"] == expected["claims"]
    assert got["verifications"] == expected["verifications"]
    assert got["as_of"] == expected["as_of"]
    assert got["themes"] == expected["themes"]
    assert got["narratives"] == expected["narratives"]
    # The comparison is not vacuous: real claims, verdicts of more than one kind,
    # undated articles dated by inference (on the workers), themes matched to prices.
    verdicts = [v.verdict for v in expected["verifications"].values()]
    assert len(expected["claims"]) >= 2 * GOOD
    assert "supported" in verdicts and len(set(verdicts)) >= 2
    assert {source for _, _, source, _ in expected["as_of"]} >= {"published", "inferred"}
    assert any(n["match"] != "unverifiable" for n in expected["narratives"])
    # Written in input order whatever finished first, so lists with tied sort keys agree too.
    assert _written_order(dask_store) == _written_order(serial_store)

    # A second run finds everything done and changes nothing (the skip decision
    # is the same code on both engines: the re-run on a cluster is tested below).
    again = run_batch(dask_store, inputs, engine="local", offline=True)
    assert again.processed == 0
    assert again.skipped == GOOD + 1
    assert {s.reason for s in again.skips} == {"already processed"}
    assert _failures(again) == _failures(parallel)
    assert _outcome(dask_store) == got


def test_batch_gives_what_ingest_and_verify_give(corpus, tmp_path):
    """The batch path and the ordinary `ingest` + `verify` path agree."""
    files = sorted(str(p) for p in (corpus / "wire").iterdir())[:6]
    batch_store = _store(tmp_path / "batch.db")
    run_batch(batch_store, files, engine="local", offline=True)

    plain_store = _store(tmp_path / "plain.db")
    ids = [o.article_id for o in ingest_inputs(plain_store, files)]
    process(plain_store, ids, offline=True)

    batch, plain = _outcome(batch_store), _outcome(plain_store)
    assert batch["claims"] == plain["claims"]
    assert batch["verifications"] == plain["verifications"]
    assert batch["as_of"] == plain["as_of"]
    assert batch["themes"] == plain["themes"]


def test_article_ingested_earlier_is_processed_not_skipped(corpus, tmp_path):
    store = _store(tmp_path / "t.db")
    first = str(corpus / "wire" / "article-00000.html")
    ingest_inputs(store, [first])                       # stored, never verified
    report = run_batch(store, [first], engine="local", offline=True, themes=False)
    assert report.processed == 1 and report.skipped == 0
    assert store.claims(report.article_ids[0])


def test_inputs_folders_globs_and_missing(corpus):
    paths, failures = expand_inputs([str(corpus / "wire"), str(corpus / "wire" / "*.html"),
                                     str(corpus / "nothing-*.txt"), str(corpus / "missing.txt")])
    assert len(paths) == GOOD + 1                        # folder and glob overlap: no repeats
    assert paths[0].endswith("article-00000.html")
    assert [(Path(f.input).name, f.stage) for f in failures] == [
        ("nothing-*.txt", "expand"), ("missing.txt", "expand")]


def test_bad_engine_and_partition_size_are_named_errors(tmp_path):
    store = Store.open(tmp_path / "t.db")
    with pytest.raises(InputError, match="unknown engine"):
        run_batch(store, [str(tmp_path)], engine="spark")
    with pytest.raises(InputError, match="partition-size"):
        run_batch(store, [str(tmp_path)], partition_size=0)


# -- failures on a real cluster reached by address (`--scheduler`) ------------------------
class FailingReads:
    """Worker plugin: reading a '*poison*' file always fails with an OS error; the
    first read of a '*flaky*' file fails once (a transient error, like a network share
    hiccup); verifying the article of a '*sour*' file always fails (on the workers
    only: the client never verifies). The real stages run for everything else."""

    name = "tapecheck-test-failing-reads"

    def __init__(self, marker: str):
        self.marker = marker

    def setup(self, worker) -> None:
        import tapecheck.ingest as ingest

        original = ingest.from_path
        marker = Path(self.marker)

        def from_path(path, *args, **kwargs):
            name = Path(path).name
            if "poison" in name:
                raise OSError(f"I/O error reading {name}")
            if "flaky" in name and not marker.exists():
                marker.touch()
                raise OSError(f"transient I/O error reading {name}")
            return original(path, *args, **kwargs)

        ingest.from_path = from_path

        import tapecheck.correlate as correlate

        verify = correlate.verify_article

        def verify_article(article, *args, **kwargs):
            if "sour" in Path(article.path or "").name:
                raise OSError(f"lost the price book verifying {Path(article.path).name}")
            return verify(article, *args, **kwargs)

        correlate.verify_article = verify_article


def test_failing_partition_is_retried_then_split_never_dropped(corpus, tmp_path):
    import cloudpickle
    from distributed import Client, LocalCluster
    from distributed.diagnostics.plugin import WorkerPlugin

    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    folder = tmp_path / "inbox"
    folder.mkdir()
    sources = sorted((corpus / "wire").glob("article-*"))[:8]
    # Folder order makes two partitions of four: a* (one transient failure), b* (one poison
    # file, and one whose verification fails: the seven read make verify partitions a*, b*).
    stems = ["a0", "a1", "a2-flaky", "a3", "b0-sour", "b1", "b2-poison", "b3"]
    names = [stem + source.suffix for stem, source in zip(stems, sources)]
    for source, name in zip(sources, names):
        (folder / name).write_bytes(source.read_bytes())
    poison = next(n for n in names if "poison" in n)
    sour = next(n for n in names if "sour" in n)

    plugin = type("Plugin", (FailingReads, WorkerPlugin), {})(str(tmp_path / "flaked"))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        client.register_plugin(plugin)
        store = _store(tmp_path / "t.db")
        report = run_batch(store, [str(folder)], scheduler=cluster.scheduler_address,
                           partition_size=4, offline=True, themes=False)
        again = run_batch(store, [str(folder)], scheduler=cluster.scheduler_address,
                          partition_size=4, offline=True, themes=False)
        pipelines = client.run(_pipelines_built)
        # A worker running other tapecheck code is refused, before any work is sent.
        client.run(_pretend_other_code)
        with pytest.raises(ConfigError, match="other tapecheck code"):
            run_batch(store, [str(folder)], scheduler=cluster.scheduler_address, offline=True)

    assert report.engine == "dask" and report.workers == 2
    assert [(Path(f.input).name, f.kind, f.stage) for f in report.failures] == [
        (poison, "OSError", "partition"), (sour, "OSError", "verify")]
    assert f"I/O error reading {poison}" in report.failures[0].error
    assert f"lost the price book verifying {sour}" in report.failures[1].error
    assert report.processed == 6                         # the flaky file made it on a retry
    # Retried: both extract partitions and the b* verify partition; split: one of each stage.
    assert report.partitions == 2 and report.partitions_retried == 3 and report.partitions_split == 2
    stored = {Path(a.path).name for a in store.articles()}
    assert stored == set(names) - {poison, sour}         # nothing of the unverified article
    # The re-run on the cluster skips the six and still reports the two failures.
    assert (again.processed, again.skipped, again.failed) == (0, 6, 2)
    # Each worker process built the spaCy pipeline once, for both runs together.
    assert list(pipelines.values()) == [1, 1]


def _pretend_other_code() -> None:
    import tapecheck.dask_runner

    tapecheck.dask_runner.code_fingerprint = lambda: "0.0.0+edited"


def _pipelines_built() -> int:
    from tapecheck.nlp.pipeline import get_nlp

    return get_nlp.cache_info().currsize


def test_progress_bar_shows_both_stages(corpus, tmp_path):
    from io import StringIO

    from rich.console import Console

    from tapecheck.batch import progress_bar

    out = StringIO()
    files = sorted(str(p) for p in (corpus / "wire").iterdir())[:3]
    with progress_bar(Console(file=out, width=100, force_terminal=False)) as progress:
        report = run_batch(_store(tmp_path / "t.db"), files, offline=True, themes=False,
                           progress=progress)
    assert report.processed == 3
    text = out.getvalue()
    assert "ingest + extract" in text and "verify + write" in text and "3/3" in text
