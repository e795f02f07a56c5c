"""Held-out set: claim precision/recall and verdict accuracy of the real
pipeline on QA's articles (tests/heldout), plus wall time of the run.

    .venv/bin/python bench/heldout_bench.py [--quick] [--details]

``run(quick)`` returns the figures as a dict for the bench runner; quick runs
a third of the articles.
"""

from __future__ import annotations

import importlib.util
import sys
import tempfile
import time
from pathlib import Path

HELDOUT = Path(__file__).resolve().parent.parent / "tests" / "heldout" / "heldout.py"


def _module():
    spec = importlib.util.spec_from_file_location("heldout", HELDOUT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(quick: bool = False, details: bool = False) -> dict:
    heldout = _module()
    files = [m["file"] for m in heldout.manifest()]
    if quick:
        files = files[::3]
    key = [a for a in heldout.answers() if a["file"] in files]
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        rows = heldout.run_pipeline(Path(tmp) / "heldout.db", files)
        wall = time.perf_counter() - started
    result = heldout.score(rows, key)
    if details:
        print(heldout.describe(result))
    figures = {k: v for k, v in result.items() if not k.startswith("_")}
    figures.update(articles=len(files), wall_s=round(wall, 2))
    return figures


if __name__ == "__main__":
    figures = run("--quick" in sys.argv, "--details" in sys.argv)
    for name, value in figures.items():
        print(f"{name:24} {value:.3f}" if isinstance(value, float) else f"{name:24} {value}")
