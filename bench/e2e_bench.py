"""End to end and scale: ingest -> extract -> themes -> verify into a fresh database.

Each size N runs in its own child process (so peak memory is that size's
alone) against a fresh SQLite file with the bundled price snapshot, through
the same calls the CLI makes: ``orchestrate.ingest_inputs`` then
``orchestrate.process(store, ids, offline=True)``. The stage entry points are
wrapped with timers for the per-stage split; the rest of ``process`` is store
writes and bookkeeping.

Growth is judged by the marginal cost per article between sizes: start-up
(imports, spaCy pipeline, the embedding model) is paid once, so a linear
pipeline shows the same seconds per extra article at every step.

    python bench/e2e_bench.py [--quick]             # the section, as bench/run.py runs it
    python bench/e2e_bench.py --n 1000 --profile    # one size, with the top of a cProfile
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import functools
import io
import json
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
TIME_AIM_S, RSS_AIM_MB = 120.0, 1536.0   # for 1,000 articles on a 2-core machine
CHILD_TIMEOUT_S = 1500


# -- the corpus --------------------------------------------------------------------
def write_corpus(n: int, out_dir: Path, seed: int = 7) -> tuple[list[Path], dict[Path, str]]:
    """N generated article files (bench/corpus.py) and each one's publication date
    from the manifest it writes ('' there means undated: as-of is inferred)."""
    sys.path.insert(0, str(HERE))
    import corpus

    paths = [Path(p) for p in corpus.generate(n, out_dir, seed)]
    with open(out_dir / "manifest.csv", newline="", encoding="utf-8") as handle:
        published = {out_dir / r["file"]: r["published"] for r in csv.DictReader(handle)
                     if r.get("published")}
    return paths, published


# -- one measured run (in a child process) ------------------------------------------
class StageClock:
    """Exclusive seconds (wall and CPU) spent inside wrapped functions, per stage:
    time in an inner wrapped call counts for the inner stage only."""

    def __init__(self):
        self.seconds: Counter[str] = Counter()
        self.cpu: Counter[str] = Counter()
        self._inner: list[list[float]] = []     # per open call: [wall, cpu] of wrapped callees
        self._undo: list = []

    def _timed(self, stage: str, call):
        self._inner.append([0.0, 0.0])
        start, cpu = time.perf_counter(), time.process_time()
        try:
            return call()
        finally:
            wall, used = time.perf_counter() - start, time.process_time() - cpu
            inner_wall, inner_cpu = self._inner.pop()
            self.seconds[stage] += wall - inner_wall
            self.cpu[stage] += used - inner_cpu
            if self._inner:
                self._inner[-1][0] += wall
                self._inner[-1][1] += used

    def wrap(self, owner, attribute: str, stage: str) -> None:
        original = getattr(owner, attribute, None)
        if original is None:
            return

        @functools.wraps(original)
        def timed(*args, **kwargs):
            return self._timed(stage, lambda: original(*args, **kwargs))

        self._replace(owner, attribute, original, timed)

    def wrap_commits(self, store_class, stage: str = "commit") -> None:
        """Time the end of every transaction (where SQLite commits and syncs)."""
        original = store_class.transaction

        @contextmanager
        def transaction(store):
            manager = original(store)
            manager.__enter__()
            try:
                yield
            except BaseException:
                if not manager.__exit__(*sys.exc_info()):
                    raise
            else:
                self._timed(stage, lambda: manager.__exit__(None, None, None))

        self._replace(store_class, "transaction", original, transaction)

    def _replace(self, owner, attribute, original, replacement) -> None:
        setattr(owner, attribute, replacement)
        self._undo.append((owner, attribute, original))

    def restore(self) -> None:
        for owner, attribute, original in reversed(self._undo):
            setattr(owner, attribute, original)
        self._undo.clear()


def _ingest_clock() -> StageClock:
    from tapecheck import ingest
    from tapecheck.store import Store

    clock = StageClock()
    clock.wrap(ingest, "from_path", "read files")
    clock.wrap_commits(Store)
    return clock


def _stage_clock() -> StageClock:
    from tapecheck import correlate, nlp
    from tapecheck.store import Store

    clock = StageClock()
    clock.wrap(nlp, "extract", "extract")
    clock.wrap(correlate, "prepare_prices", "prices")
    clock.wrap(correlate, "verify_article", "verify")
    try:
        from tapecheck.correlate import narrative
        from tapecheck.nlp import themes
        clock.wrap(themes, "tag_article", "themes")
        clock.wrap(narrative, "narrative_match", "narratives")
    except ImportError:
        pass
    for method in ("save_extraction", "save_verifications", "save_theme_scores",
                   "save_narratives", "set_as_of"):
        clock.wrap(Store, method, "store writes")
    clock.wrap_commits(Store)
    return clock


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _same_figure(truth: dict, row: dict) -> bool:
    if truth["value"] is None or row["value"] is None:
        return truth["value"] is None and row["value"] is None
    return abs(truth["value"] - row["value"]) <= max(1e-6, 0.5 * (truth.get("precision") or 0))


def accuracy(store, article_of: dict[str, str], truth_path: Path) -> dict:
    """Found claims against the corpus's answer key: a found claim matches a
    labelled one with the same security, metric and figure; verdicts and
    periods are compared on the matched pairs."""
    labelled = found = matched = verdicts = periods = 0
    with open(truth_path, encoding="utf-8") as handle:
        for line in handle:
            truth = json.loads(line)
            article_id = article_of.get(truth["file"])
            if not article_id:
                continue
            rows = store.claim_rows(article_id)
            labelled += len(truth["claims"])
            found += len(rows)
            unused = list(rows)
            for claim in truth["claims"]:
                pair = next((r for r in unused if r["ticker"] == claim["ticker"]
                             and r["metric"] == claim["metric"] and _same_figure(claim, r)), None)
                if pair is None:
                    continue
                unused.remove(pair)
                matched += 1
                verdicts += pair["verdict"] == claim["verdict"]
                periods += pair["period"] == claim["period"]
    return {"labelled": labelled, "found": found, "matched": matched,
            "precision": matched / found if found else None,
            "recall": matched / labelled if labelled else None,
            "verdict_accuracy": verdicts / matched if matched else None,
            "period_accuracy": periods / matched if matched else None}


def measure(files: list[Path], published: dict[Path, str], db: Path,
            profile: Path | None = None, themes: bool = True) -> dict:
    """Ingest and process the files into a fresh database; times, counts, peak RSS."""
    started, cpu_started = time.perf_counter(), time.process_time()
    from tapecheck import correlate, orchestrate
    from tapecheck.store import Store
    imported = time.perf_counter()
    rss_after_imports = _rss_mb()

    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    store = Store.open(db)
    correlate.load_snapshot(store)
    snapshot, cpu_snapshot = time.perf_counter(), time.process_time()

    by_date: dict[str | None, list[str]] = {}
    for path in files:
        by_date.setdefault(published.get(path), []).append(str(path))
    outcomes = []
    ingest_clock = _ingest_clock()
    try:
        for when, group in by_date.items():
            outcomes += orchestrate.ingest_inputs(store, group, published=when)
    finally:
        ingest_clock.restore()
    ingested, cpu_ingested = time.perf_counter(), time.process_time()
    ids = [o.article_id for o in outcomes if o.article_id]

    clock = _stage_clock()
    try:
        results = orchestrate.process(store, ids, offline=True, themes=themes)
    finally:
        clock.restore()
    processed, cpu_processed = time.perf_counter(), time.process_time()
    if profiler:
        profiler.disable()
        profiler.dump_stats(profile)

    verdicts: Counter[str] = Counter()
    for outcome in results:
        verdicts.update(outcome.verdicts)
    truth = files[0].parent / "truth.jsonl" if files else None
    scored = None
    if truth and truth.exists():
        scored = accuracy(store, {Path(o.label).name: o.article_id for o in outcomes
                                  if o.article_id}, truth)
    store.close()
    seconds = {"imports": imported - started, "snapshot": snapshot - imported}
    cpu = {}
    for phase, clock_of, wall, used in (
            ("ingest", ingest_clock, ingested - snapshot, cpu_ingested - cpu_snapshot),
            ("process", clock, processed - ingested, cpu_processed - cpu_ingested)):
        prefix = "ingest " if phase == "ingest" else ""
        for stage in clock_of.seconds:
            seconds[prefix + stage] = clock_of.seconds[stage]
            cpu[prefix + stage] = clock_of.cpu[stage]
        seconds[f"{phase} other"] = max(0.0, wall - sum(clock_of.seconds.values()))
        cpu[f"{phase} other"] = max(0.0, used - sum(clock_of.cpu.values()))
    return {
        "articles": len(files), "ingested": len(ids),
        "ingest_errors": sum(1 for o in outcomes if o.error),
        "process_errors": sum(1 for o in results if o.error),
        "claims": sum(o.claims for o in results), "verdicts": dict(verdicts),
        "accuracy": scored,
        "seconds": {**seconds, "pipeline": processed - snapshot, "wall": processed - started},
        "cpu_seconds": {**cpu, "pipeline": cpu_processed - cpu_snapshot,
                        "total": cpu_processed - cpu_started},
        "peak_rss_mb": _rss_mb(), "rss_after_imports_mb": rss_after_imports,
        "db_mb": sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) / 2**20,
    }


def measure_in_child(n: int, corpus_dir: Path, profile: Path | None = None,
                     themes: bool = True, env: dict | None = None) -> dict:
    """One run of size n in a fresh process and a fresh database."""
    with tempfile.TemporaryDirectory(prefix="tapecheck-e2e-") as tmp:
        out = Path(tmp) / "result.json"
        command = [sys.executable, str(Path(__file__).resolve()), "--child-corpus",
                   str(corpus_dir), "--db", str(Path(tmp) / "bench.db"), "--out", str(out)]
        if profile:
            command += ["--profile-out", str(profile)]
        if not themes:
            command.append("--no-themes")
        env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1",
                   TOKENIZERS_PARALLELISM="false", **(env or {}))
        proc = subprocess.run(command, env=env, timeout=CHILD_TIMEOUT_S,
                              capture_output=True, text=True)
        if proc.returncode != 0 or not out.exists():
            raise RuntimeError(f"e2e run of {n} articles failed (status {proc.returncode}):\n"
                               + proc.stderr[-3000:])
        return json.loads(out.read_text(encoding="utf-8"))


def _child(corpus_dir: Path, db: Path, out: Path, profile: Path | None, themes: bool) -> None:
    spec = json.loads((corpus_dir / "e2e-corpus.json").read_text(encoding="utf-8"))
    files = [corpus_dir / f for f in spec["files"]]
    published = {corpus_dir / f: when for f, when in spec["published"].items()}
    result = measure(files, published, db, profile, themes)
    out.write_text(json.dumps(result), encoding="utf-8")


def prepare(n: int, root: Path) -> Path:
    """Write the corpus for size n once; every run of that size reads it."""
    corpus_dir = root / f"n{n}"
    files, published = write_corpus(n, corpus_dir)
    spec = {"files": [str(p.relative_to(corpus_dir)) for p in files],
            "published": {str(p.relative_to(corpus_dir)): w for p, w in published.items()}}
    (corpus_dir / "e2e-corpus.json").write_text(json.dumps(spec), encoding="utf-8")
    return corpus_dir


# -- the section ---------------------------------------------------------------------
@dataclass(frozen=True)
class Series:
    """Sizes measured the same way: with or without themes, under one environment."""
    key: str
    label: str
    sizes: tuple[tuple[int, int], ...]      # (articles, runs)
    themes: bool = True
    env: tuple[tuple[str, str], ...] = ()


ONE_THREAD = (("OMP_NUM_THREADS", "1"),)
QUICK = (
    Series("e2e", "end to end", ((10, 1),)),
    Series("scale", "scale, without themes", ((10, 1), (100, 1)), themes=False),
)
FULL = (
    Series("e2e", "end to end", ((100, 3), (1000, 1))),
    Series("1thread", "end to end, OMP_NUM_THREADS=1", ((100, 1), (1000, 1)), env=ONE_THREAD),
    # 10,000 with themes is about 10 CPU-minutes of transformer inference with one
    # thread, several times that with the default threads on a busy machine (see
    # README); the stages whose cost could grow with the database go to 10,000.
    Series("scale", "scale, without themes", ((100, 1), (1000, 1), (10000, 1)), themes=False),
)


def _median_run(runs: list[dict]) -> dict:
    return sorted(runs, key=lambda r: r["seconds"]["wall"])[len(runs) // 2]


def _size_rows(series: Series, n: int, runs: list[dict]) -> list[dict]:
    m, walls = _median_run(runs), [r["seconds"]["wall"] for r in runs]
    aim = n == 1000 and series.themes and not series.env
    note = f"{m['claims']} claims, {m['cpu_seconds']['total']:.0f} CPU s"
    if m["ingest_errors"] or m["process_errors"]:
        note += f", {m['ingest_errors']} ingest / {m['process_errors']} process errors"
    split = ", ".join(f"{k} {v:.1f}" for k, v in m["seconds"].items()
                      if k not in ("pipeline", "wall") and v >= 0.05)
    tag = f"{series.key} N={n}"
    return [
        {"metric": f"{tag} wall", "value": m["seconds"]["wall"], "unit": "s", "runs": walls,
         "reference": TIME_AIM_S if aim else None, "reference_name": "aim" if aim else None,
         "note": note},
        {"metric": f"{tag} articles/s", "value": n / m["seconds"]["wall"], "unit": "articles/s",
         "runs": [n / w for w in walls]},
        {"metric": f"{tag} peak RSS", "value": m["peak_rss_mb"], "unit": "MB",
         "runs": [r["peak_rss_mb"] for r in runs],
         "reference": RSS_AIM_MB if aim else None, "reference_name": "aim" if aim else None,
         "note": f"{m['rss_after_imports_mb']:.0f} MB after imports, database {m['db_mb']:.0f} MB"},
        {"metric": f"{tag} stage split", "value": None, "unit": "s", "note": split},
    ]


def _marginal_rows(series: Series, medians: dict[int, dict]) -> list[dict]:
    """Seconds per extra article between consecutive sizes: flat when linear."""
    rows, sizes = [], sorted(medians)
    for small, large in zip(sizes, sizes[1:]):
        a, b = medians[small], medians[large]
        extra = large - small
        per = {k: (b["seconds"][k] - a["seconds"].get(k, 0.0)) / extra * 1000
               for k in b["seconds"] if k not in ("imports", "snapshot", "pipeline", "wall")}
        cpu = (b["cpu_seconds"]["pipeline"] - a["cpu_seconds"]["pipeline"]) / extra * 1000
        rows.append({"metric": f"{series.key} marginal {small}->{large}",
                     "value": (b["seconds"]["pipeline"] - a["seconds"]["pipeline"]) / extra * 1000,
                     "unit": "ms/article",
                     "note": f"CPU {cpu:.0f} ms/article; " + ", ".join(
                         f"{k} {v:.1f}" for k, v in per.items() if abs(v) >= 0.05)})
    if len(rows) >= 2 and rows[0]["value"] > 0:
        rows.append({"metric": f"{series.key} marginal growth", "value":
                     rows[-1]["value"] / rows[0]["value"], "unit": "x",
                     "note": "last step over first; 1.0 is linear"})
    return rows


def run(quick: bool) -> dict:
    plan = QUICK if quick else FULL
    rows, raw, medians_of = [], {}, {}
    with tempfile.TemporaryDirectory(prefix="tapecheck-e2e-corpus-") as tmp:
        corpora: dict[int, Path] = {}
        for series in plan:
            medians = medians_of[series.key] = {}
            for n, repeat in series.sizes:
                if n not in corpora:
                    corpora[n] = prepare(n, Path(tmp))
                runs = [measure_in_child(n, corpora[n], themes=series.themes,
                                         env=dict(series.env)) for _ in range(repeat)]
                raw[f"{series.key} N={n}"] = runs
                medians[n] = _median_run(runs)
                rows += _size_rows(series, n, runs)
                print(f"{series.label}, {n} articles: {medians[n]['seconds']['wall']:.1f} s",
                      flush=True)
            rows += _marginal_rows(series, medians)

    scored = [(n, m["accuracy"]) for medians in medians_of.values()
              for n, m in medians.items() if m.get("accuracy")]
    if scored:
        n, acc = max(scored, key=lambda item: item[0])
        note = f"N={n}: {acc['matched']} of {acc['labelled']} labelled claims found"
        rows += [
            {"metric": "claim precision (corpus key)", "value": acc["precision"], "unit": "",
             "note": f"{acc['found']} claims found, N={n}"},
            {"metric": "claim recall (corpus key)", "value": acc["recall"], "unit": "",
             "note": note},
            {"metric": "verdict accuracy (matched claims)", "value": acc["verdict_accuracy"],
             "unit": "", "note": "against the verdict the corpus key gives"},
            {"metric": "period accuracy (matched claims)", "value": acc["period_accuracy"],
             "unit": ""},
        ]

    default, single = medians_of.get("e2e", {}), medians_of.get("1thread", {})
    for n in sorted(set(default) & set(single)):
        rows.append({"metric": f"1thread/default wall N={n}",
                     "value": single[n]["seconds"]["wall"], "unit": "s",
                     "reference": default[n]["seconds"]["wall"],
                     "reference_name": "default torch threads",
                     "note": "themes' transformer with one OpenMP thread"})

    summary = ("End to end on bench/corpus.py articles: ingest, extract, themes, verify "
               "offline into a fresh database, one child process per run. Marginal cost "
               "(seconds per extra article between sizes) is flat when growth is linear.")
    return {"name": "end to end", "summary": summary, "rows": rows, "runs": raw}


def _top_of_profile(path: Path, limit: int = 25) -> str:
    text = io.StringIO()
    pstats.Stats(str(path), stream=text).sort_stats("cumulative").print_stats(limit)
    return text.getvalue()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--n", type=int, help="measure one size only")
    parser.add_argument("--profile", action="store_true", help="with --n: print a cProfile")
    parser.add_argument("--no-themes", action="store_true", help="skip theme tagging")
    parser.add_argument("--threads", type=int, help="with --n: OMP_NUM_THREADS for the run")
    parser.add_argument("--child-corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--profile-out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_corpus:
        _child(args.child_corpus, args.db, args.out, args.profile_out, not args.no_themes)
        return
    if args.n:
        with tempfile.TemporaryDirectory(prefix="tapecheck-e2e-") as tmp:
            corpus_dir = prepare(args.n, Path(tmp))
            profile = Path(tmp) / "profile.pstats" if args.profile else None
            env = {"OMP_NUM_THREADS": str(args.threads)} if args.threads else None
            result = measure_in_child(args.n, corpus_dir, profile, not args.no_themes, env)
            print(json.dumps(result, indent=1))
            if profile:
                print(_top_of_profile(profile))
        return
    print(json.dumps(run(args.quick), indent=1, default=str))


if __name__ == "__main__":
    main()
