"""The whole labelled set: precision and recall of exact claims.

A claim counts only when subject, metric, value, qualifier, period and the
forward flag all agree. The threshold (0.95) is the issue's quality bar; the
set is the one the rules were developed on, so bench/claims_bench.py also
reports the held-out set written after the rules were frozen.
"""

from datetime import date
from pathlib import Path
import importlib.util

from tapecheck.nlp import extract
from tapecheck.nlp.scoring import score

THRESHOLD = 0.95


def _load(name):
    spec = importlib.util.spec_from_file_location(name, Path(__file__).parent / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_labelled_set_is_large_and_covers_negatives():
    cases = _load("labelled_claims").CASES
    assert len(cases) >= 150
    assert sum(1 for _, expected in cases if not expected) >= 25


def test_labelled_set_precision_and_recall(registry):
    labelled = _load("labelled_claims")
    result = score(labelled.CASES, lambda a: extract(a, registry), date.fromisoformat(labelled.PUBLISHED))
    report = "\n".join(f"{m['text']!r}: extra {m['extra']} missing {m['missing']}" for m in result["misses"])
    assert result["precision"] >= THRESHOLD, report
    assert result["recall"] >= THRESHOLD, report


def test_held_out_set_precision_and_recall(registry):
    """Sentences written after the rules; its first-run scores are in its docstring."""
    heldout = _load("heldout_claims")
    result = score(heldout.CASES, lambda a: extract(a, registry), date.fromisoformat(heldout.PUBLISHED))
    report = "\n".join(f"{m['text']!r}: extra {m['extra']} missing {m['missing']}" for m in result["misses"])
    assert result["precision"] >= THRESHOLD, report
    assert result["recall"] >= THRESHOLD, report
