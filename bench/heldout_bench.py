"""Held-out sets: claim precision/recall and verdict accuracy of the real
pipeline on QA's articles (tests/heldout, first set; tests/heldout2, second
set; tests/heldout3, third set), plus wall time of each run. For heldout2 and
heldout3 the first-run figures recorded before any fix (<set>/first_run.json)
and, once taken, the after-fix figures (<set>/after_fix.json) are shown beside
today's.

    .venv/bin/python bench/heldout_bench.py [--quick] [--details] [--set heldout|heldout2|heldout3]

``run(quick)`` returns the figures as a dict for the bench runner, one entry
per set; quick runs a third of each set's articles.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import tempfile
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent / "tests"
SETS = ("heldout", "heldout2", "heldout3")


def _module():
    spec = importlib.util.spec_from_file_location("heldout", TESTS / "heldout" / "heldout.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_set(name: str, quick: bool = False, details: bool = False) -> dict:
    heldout = _module()
    folder = TESTS / name
    files = [m["file"] for m in heldout.manifest(folder)]
    if quick:
        files = files[::3]
    key = [a for a in heldout.answers(folder) if a["file"] in files]
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        rows = heldout.run_pipeline(Path(tmp) / f"{name}.db", files, folder=folder)
        wall = time.perf_counter() - started
    result = heldout.score(rows, key)
    if details:
        print(f"--- {name}")
        print(heldout.describe(result))
    figures = {k: v for k, v in result.items() if not k.startswith("_") and k != "confusion"}
    figures.update(articles=len(files), wall_s=round(wall, 2))
    return figures


def recorded(name: str, kind: str = "first_run") -> dict:
    """Figures recorded in <set>/<kind>.json: first_run (before any fix) or
    after_fix (the end-of-session re-run), shown beside today's run."""
    path = TESTS / name / f"{kind}.json"
    if not path.exists():
        return {}
    figures = json.loads(path.read_text(encoding="utf-8"))["figures"]
    return {k: v for k, v in figures.items() if k != "confusion"}


def run(quick: bool = False, details: bool = False, sets: tuple[str, ...] = SETS) -> dict:
    out = {name: run_set(name, quick, details) for name in sets}
    for name in sets:
        for kind in ("first_run", "after_fix"):
            if recorded(name, kind) and not quick:
                out[f"{name}_{kind}"] = recorded(name, kind)
    return out


if __name__ == "__main__":
    chosen = SETS
    if "--set" in sys.argv:
        chosen = (sys.argv[sys.argv.index("--set") + 1],)
    results = run("--quick" in sys.argv, "--details" in sys.argv, chosen)
    names = list(results)
    metrics = list(dict.fromkeys(k for figures in results.values() for k in figures))
    print(f"{'':24}" + "".join(f"{n:>20}" for n in names))
    for metric in metrics:
        cells = []
        for n in names:
            v = results[n].get(metric, "")
            cells.append(f"{v:>20.3f}" if isinstance(v, float) else f"{v!s:>20}")
        print(f"{metric:24}" + "".join(cells))
