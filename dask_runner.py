"""Running batch partitions on Dask: a LocalCluster, or a real cluster by address.

``dask_runner(...)`` opens the client (starting a LocalCluster of one-thread
worker processes unless a scheduler address is given), refuses workers that run
other tapecheck code or data, and has every worker load spaCy and the theme model
once, when it starts or joins. ``DaskRunner`` then has the interface of
``batch_work.LocalRunner``: ``share`` broadcasts a value to every worker once,
``submit`` sends one partition task, ``results`` yields partitions as their
futures complete (a lost worker included, as an error ``batch_work.drive`` retries).
"""

from __future__ import annotations

import hashlib
import logging
import os
import uuid
from asyncio import CancelledError
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from tapecheck.batch_work import Outcome, Partition, preload
from tapecheck.errors import ConfigError


class DaskRunner:
    """Submits partition tasks to a Dask cluster and yields them as they complete."""

    def __init__(self, client):
        self.client = client
        self.workers = len(client.scheduler_info()["workers"])
        self.pending: dict[object, Partition] = {}
        self.completed = None

    def share(self, value):
        """The value on every worker, sent once (a future the tasks take as argument)."""
        return self.client.scatter([value], broadcast=True, hash=False)[0]

    def submit(self, task: Callable, partition: Partition, *args) -> None:
        from distributed import as_completed

        future = self.client.submit(
            task, partition, *args, pure=False,
            key=f"tapecheck-{task.__name__}-{partition.number}-{uuid.uuid4().hex}")
        self.pending[future] = partition
        if self.completed is None:
            self.completed = as_completed()
        self.completed.add(future)

    def results(self) -> Iterator[Outcome]:
        for future in self.completed or ():
            partition = self.pending.pop(future)
            try:
                result = future.result()
            except (Exception, CancelledError) as error:  # noqa: BLE001 - lost worker included
                yield partition, None, error
            else:
                yield partition, result, None
            future.release()
        self.completed = None


@contextmanager
def dask_runner(scheduler: str | None, workers: int | None, shipped_registry: tuple[str, object],
                themes: bool) -> Iterator[DaskRunner]:
    """A runner on the cluster at ``scheduler``, or on a LocalCluster of ``workers``
    processes (default: one per CPU core), closed afterwards."""
    from distributed import Client, LocalCluster

    plugin = _worker_plugin(shipped_registry, themes)
    if scheduler:
        with Client(scheduler, timeout="30s") as client:
            _check_versions(client)
            client.register_plugin(plugin)
            yield DaskRunner(client)
        return
    n = workers or max(1, os.cpu_count() or 1)
    with LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                      dashboard_address=":0", silence_logs=logging.CRITICAL) as cluster, \
            Client(cluster) as client:
        _check_versions(client)
        client.register_plugin(plugin)
        yield DaskRunner(client)


def _worker_plugin(shipped_registry: tuple[str, object], themes: bool):
    from distributed.diagnostics.plugin import WorkerPlugin

    class Preload(WorkerPlugin):
        """Loads the models when a worker starts (or joins later)."""

        name = "tapecheck-preload"

        def setup(self, worker) -> None:
            preload(shipped_registry, themes)

    return Preload()


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
