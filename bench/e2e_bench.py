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
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUICK_SIZES = (25, 100)
FULL_SIZES = (100, 1000, 10000)
REPEATS = {25: 3, 100: 3}          # sizes cheap enough to take the median of several runs
TIME_AIM_S, RSS_AIM_MB = 120.0, 1536.0   # for 1,000 articles on a 2-core machine
CHILD_TIMEOUT_S = 1500


# -- the corpus --------------------------------------------------------------------
def write_corpus(n: int, out_dir: Path, seed: int = 7) -> tuple[list[Path], dict[Path, str], str]:
    """N article files, each file's publication date (when known) and the corpus's name."""
    sys.path.insert(0, str(HERE))
    try:
        import corpus
    except ImportError:
        return (*_demo_variants(n, out_dir), "demo articles, varied (bench/corpus.py absent)")
    paths = [Path(p) for p in corpus.generate(n, out_dir, seed)]
    return paths, _published_of(paths, out_dir), f"bench/corpus.py, seed {seed}"


def _published_of(paths: list[Path], out_dir: Path) -> dict[Path, str]:
    """Publication dates from a manifest.csv beside the files, if the corpus wrote one."""
    manifest = out_dir / "manifest.csv"
    if not manifest.exists():
        return {}
    with open(manifest, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {out_dir / r["file"]: r["published"] for r in rows
            if r.get("file") and r.get("published")}


def _demo_variants(n: int, out_dir: Path) -> tuple[list[Path], dict[Path, str]]:
    """Stand-in corpus: the bundled demo articles, each copy made distinct by a
    closing line, so every file is a new article with the demo's claims."""
    from tapecheck import orchestrate

    demo = orchestrate.demo_dir()
    with open(demo / "manifest.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    out_dir.mkdir(parents=True, exist_ok=True)
    paths, published = [], {}
    for i in range(n):
        source = rows[i % len(rows)]
        path = out_dir / f"{i:05d}-{source['file']}"
        text = (demo / source["file"]).read_text(encoding="utf-8")
        path.write_text(f"{text.rstrip()}\n\nDesk reference {i:05d}.\n", encoding="utf-8")
        paths.append(path)
        if source.get("published"):
            published[path] = source["published"]
    return paths, published


# -- one measured run (in a child process) ------------------------------------------
class StageClock:
    """Seconds spent inside wrapped functions, per stage."""

    def __init__(self):
        self.seconds: Counter[str] = Counter()
        self._undo: list = []

    def wrap(self, owner, attribute: str, stage: str) -> None:
        original = getattr(owner, attribute, None)
        if original is None:
            return

        @functools.wraps(original)
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[stage] += time.perf_counter() - start

        setattr(owner, attribute, timed)
        self._undo.append((owner, attribute, original))

    def restore(self) -> None:
        for owner, attribute, original in reversed(self._undo):
            setattr(owner, attribute, original)
        self._undo.clear()


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
    return clock


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(files: list[Path], published: dict[Path, str], db: Path,
            profile: Path | None = None) -> dict:
    """Ingest and process the files into a fresh database; times, counts, peak RSS."""
    started = time.perf_counter()
    from tapecheck import correlate, orchestrate
    from tapecheck.store import Store
    imported = time.perf_counter()
    rss_after_imports = _rss_mb()

    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    store = Store.open(db)
    correlate.load_snapshot(store)
    snapshot = time.perf_counter()

    by_date: dict[str | None, list[str]] = {}
    for path in files:
        by_date.setdefault(published.get(path), []).append(str(path))
    outcomes = []
    for when, group in by_date.items():
        outcomes += orchestrate.ingest_inputs(store, group, published=when)
    ingested = time.perf_counter()
    ids = [o.article_id for o in outcomes if o.article_id]

    clock = _stage_clock()
    try:
        results = orchestrate.process(store, ids, offline=True)
    finally:
        clock.restore()
    processed = time.perf_counter()
    if profiler:
        profiler.disable()
        profiler.dump_stats(profile)

    verdicts: Counter[str] = Counter()
    for outcome in results:
        verdicts.update(outcome.verdicts)
    store.close()
    stages = dict(clock.seconds)
    stages["store writes"] = stages.get("store writes", 0.0)
    process_s = processed - ingested
    stages["other (process)"] = max(0.0, process_s - sum(stages.values()))
    return {
        "articles": len(files), "ingested": len(ids),
        "ingest_errors": sum(1 for o in outcomes if o.error),
        "process_errors": sum(1 for o in results if o.error),
        "claims": sum(o.claims for o in results), "verdicts": dict(verdicts),
        "seconds": {"imports": imported - started, "snapshot": snapshot - imported,
                    "ingest": ingested - snapshot, **stages,
                    "pipeline": processed - snapshot, "wall": processed - started},
        "peak_rss_mb": _rss_mb(), "rss_after_imports_mb": rss_after_imports,
        "db_mb": sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) / 2**20,
    }


def measure_in_child(n: int, corpus_dir: Path, profile: Path | None = None) -> dict:
    """One run of size n in a fresh process and a fresh database."""
    with tempfile.TemporaryDirectory(prefix="tapecheck-e2e-") as tmp:
        out = Path(tmp) / "result.json"
        command = [sys.executable, str(Path(__file__).resolve()), "--child-corpus",
                   str(corpus_dir), "--db", str(Path(tmp) / "bench.db"), "--out", str(out)]
        if profile:
            command += ["--profile-out", str(profile)]
        env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1",
                   TOKENIZERS_PARALLELISM="false")
        proc = subprocess.run(command, env=env, timeout=CHILD_TIMEOUT_S,
                              capture_output=True, text=True)
        if proc.returncode != 0 or not out.exists():
            raise RuntimeError(f"e2e run of {n} articles failed (status {proc.returncode}):\n"
                               + proc.stderr[-3000:])
        return json.loads(out.read_text(encoding="utf-8"))


def _child(corpus_dir: Path, db: Path, out: Path, profile: Path | None) -> None:
    spec = json.loads((corpus_dir / "e2e-corpus.json").read_text(encoding="utf-8"))
    files = [corpus_dir / f for f in spec["files"]]
    published = {corpus_dir / f: when for f, when in spec["published"].items()}
    result = measure(files, published, db, profile)
    out.write_text(json.dumps(result), encoding="utf-8")


def prepare(n: int, root: Path) -> tuple[Path, str]:
    """Write the corpus for size n once; every run of that size reads it."""
    corpus_dir = root / f"n{n}"
    files, published, name = write_corpus(n, corpus_dir)
    spec = {"files": [str(p.relative_to(corpus_dir)) for p in files],
            "published": {str(p.relative_to(corpus_dir)): w for p, w in published.items()}}
    (corpus_dir / "e2e-corpus.json").write_text(json.dumps(spec), encoding="utf-8")
    return corpus_dir, name


# -- the section ---------------------------------------------------------------------
def _median_run(runs: list[dict]) -> dict:
    return sorted(runs, key=lambda r: r["seconds"]["wall"])[len(runs) // 2]


def run(quick: bool) -> dict:
    sizes = QUICK_SIZES if quick else FULL_SIZES
    rows, by_size, corpus_name = [], {}, ""
    with tempfile.TemporaryDirectory(prefix="tapecheck-e2e-corpus-") as tmp:
        for n in sizes:
            corpus_dir, corpus_name = prepare(n, Path(tmp))
            runs = [measure_in_child(n, corpus_dir) for _ in range(REPEATS.get(n, 1))]
            by_size[n] = {"runs": runs, "median": _median_run(runs)}
            print(f"e2e {n} articles: {by_size[n]['median']['seconds']['wall']:.1f} s",
                  flush=True)

    for n, entry in by_size.items():
        m, walls = entry["median"], [r["seconds"]["wall"] for r in entry["runs"]]
        note = f"{m['claims']} claims, {len(entry['runs'])} run(s)"
        if m["ingest_errors"] or m["process_errors"]:
            note += f", {m['ingest_errors']} ingest / {m['process_errors']} process errors"
        aim = n == 1000
        rows += [
            {"metric": f"N={n} wall", "value": m["seconds"]["wall"], "unit": "s",
             "runs": walls, "reference": TIME_AIM_S if aim else None,
             "reference_name": "aim" if aim else None, "note": note},
            {"metric": f"N={n} articles/s", "value": n / m["seconds"]["wall"],
             "unit": "articles/s", "runs": [n / w for w in walls]},
            {"metric": f"N={n} peak RSS", "value": m["peak_rss_mb"], "unit": "MB",
             "runs": [r["peak_rss_mb"] for r in entry["runs"]],
             "reference": RSS_AIM_MB if aim else None, "reference_name": "aim" if aim else None,
             "note": f"{m['rss_after_imports_mb']:.0f} MB after imports"},
        ]
        split = ", ".join(f"{k} {v:.1f}" for k, v in m["seconds"].items()
                          if k not in ("pipeline", "wall"))
        rows.append({"metric": f"N={n} stage split", "value": None, "unit": "s",
                     "note": split})

    sizes_run = list(by_size)
    for small, large in zip(sizes_run, sizes_run[1:]):
        a, b = by_size[small]["median"]["seconds"], by_size[large]["median"]["seconds"]
        marginal = (b["pipeline"] - a["pipeline"]) / (large - small) * 1000
        rows.append({"metric": f"marginal {small}->{large}", "value": marginal,
                     "unit": "ms/article",
                     "note": "per-stage: " + ", ".join(
                         f"{k} {(b[k] - a.get(k, 0.0)) / (large - small) * 1000:.1f}"
                         for k in b if k not in ("imports", "snapshot", "pipeline", "wall"))})
    marginals = [r["value"] for r in rows if r["metric"].startswith("marginal")]
    if len(marginals) >= 2 and marginals[0] > 0:
        growth = marginals[-1] / marginals[0]
        rows.append({"metric": "marginal cost growth", "value": growth, "unit": "x",
                     "note": "last step over first step; 1.0 is linear"})

    summary = (f"End to end on {corpus_name}: ingest, extract, themes, verify offline "
               f"into a fresh database per run, one child process per run.")
    return {"name": "end to end", "summary": summary, "rows": rows,
            "sizes": {str(n): e["runs"] for n, e in by_size.items()}}


def _top_of_profile(path: Path, limit: int = 25) -> str:
    text = io.StringIO()
    pstats.Stats(str(path), stream=text).sort_stats("cumulative").print_stats(limit)
    return text.getvalue()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--n", type=int, help="measure one size only")
    parser.add_argument("--profile", action="store_true", help="with --n: print a cProfile")
    parser.add_argument("--child-corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--profile-out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_corpus:
        _child(args.child_corpus, args.db, args.out, args.profile_out)
        return
    if args.n:
        with tempfile.TemporaryDirectory(prefix="tapecheck-e2e-") as tmp:
            corpus_dir, name = prepare(args.n, Path(tmp))
            profile = Path(tmp) / "profile.pstats" if args.profile else None
            result = measure_in_child(args.n, corpus_dir, profile)
            print(json.dumps(result, indent=1))
            if profile:
                print(_top_of_profile(profile))
        return
    print(json.dumps(run(args.quick), indent=1, default=str))


if __name__ == "__main__":
    main()
