"""Claim extraction: precision/recall on the labelled sets and speed against
spaCy's tokenizer-only pipeline (the ceiling), in the same process.

    .venv/bin/python bench/claims_bench.py [--quick]

``run(quick)`` returns the figures as a dict for the bench runner.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import time
from datetime import date
from pathlib import Path

import spacy

from tapecheck.nlp import extract
from tapecheck.nlp.pipeline import get_nlp, run_pipeline
from tapecheck.nlp.registry import load_registry
from tapecheck.nlp.scoring import score
from tapecheck.records import Article, content_id

TESTS = Path(__file__).resolve().parent.parent / "tests" / "nlp"


def _cases(name: str):
    path = TESTS / f"{name}.py"
    if not path.is_file():
        return None, None
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.CASES, date.fromisoformat(module.PUBLISHED)


# Prose of our own with no figures in it: real articles are mostly this, with
# a stated move in perhaps one sentence of four.
PROSE = [
    "Investors spent the session weighing the central bank's next step against signs that wage gains are "
    "finally spreading to smaller companies.",
    "Strategists at several brokers argued that governance reforms and record buybacks still make Japanese "
    "equities attractive to foreign funds.",
    "Exporters traded cautiously as the currency swung in a wide range after comments from the finance ministry.",
    "Chip equipment makers remained in focus as traders looked for clues on spending plans from the largest "
    "foundries in Asia.",
    "In Europe, defence names stayed in demand after ministers agreed to coordinate procurement and extend "
    "multi-year contracts.",
    "Wall Street opened quietly ahead of a busy week of earnings from the biggest technology platforms.",
    "Fund managers said positioning looked stretched and warned that any disappointment could trigger "
    "profit-taking in the crowded trades.",
    "The government is expected to outline its economic package before the end of the month, with "
    "infrastructure and energy security at its centre.",
]


def _corpus(cases, prose_per_claim: int = 0) -> list[str]:
    """Articles of realistic length: the labelled sentences in paragraphs of ten,
    optionally with ``prose_per_claim`` figure-free sentences after each."""
    texts = []
    for n, (t, _) in enumerate(cases):
        texts.append(t)
        texts.extend(PROSE[(n + k) % len(PROSE)] for k in range(prose_per_claim))
    step = 10 * (1 + prose_per_claim)
    sample = (TESTS / "sample_article.txt").read_text(encoding="utf-8")
    return ["\n\n".join(texts[i:i + step]) for i in range(0, len(texts), step)] + [sample]


def _words_per_second(fn, texts: list[str], repeat: int, rounds: int = 5) -> float:
    """Best of several rounds of CPU time (process_time): a loaded machine's noise only ever slows a round down."""
    words = sum(len(t.split()) for t in texts) * repeat
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for _ in range(repeat):
            for t in texts:
                fn(t)
        best = min(best, time.process_time() - start)
    return words / best


def run(quick: bool = False) -> dict:
    registry = load_registry()
    out: dict = {}
    for name in ("labelled_claims", "heldout_claims"):
        cases, published = _cases(name)
        if cases is None:
            continue
        r = score(cases, lambda a: extract(a, registry), published)
        out[name] = {k: (round(v, 4) if isinstance(v, float) else v) for k, v in r.items() if k != "misses"}
        out[name]["misses"] = r["misses"]
    cases, _ = _cases("labelled_claims")
    blank = spacy.blank("en")
    ours = lambda t: extract(Article(id=content_id(t), source="paste", text=t), registry)  # noqa: E731
    ours("The Nikkei rose 1%.")                               # build the pipeline outside the timing
    nlp = get_nlp(registry)
    repeat = 1 if quick else 4
    out["speed"] = {}
    for label, prose in (("dense", 0), ("article", 3)):
        texts = _corpus(cases, prose)
        ceiling = _words_per_second(blank.make_doc, texts, repeat * 5)
        speed = _words_per_second(ours, texts, repeat)
        pipeline = _words_per_second(lambda t: run_pipeline(nlp, t), texts, repeat)
        out["speed"][label] = {"extract_words_per_s": round(speed), "tokenizer_words_per_s": round(ceiling),
                               "pipeline_words_per_s": round(pipeline),
                               "ratio_to_ceiling": round(speed / ceiling, 3),
                               "words": sum(len(t.split()) for t in texts)}
    return out


def main() -> None:
    result = run(quick="--quick" in sys.argv)
    for name in ("labelled_claims", "heldout_claims"):
        if name in result:
            r = result[name]
            print(f"{name}: precision {r['precision']:.3f}  recall {r['recall']:.3f}  "
                  f"({r['true_positives']} right of {r['predicted']} extracted, {r['expected']} expected, "
                  f"{r['cases']} cases)")
            for m in r["misses"]:
                print(f"   miss: {m['text'][:90]!r} extra={m['extra']} missing={m['missing']}")
    for label, s in result["speed"].items():
        what = "every sentence a claim" if label == "dense" else "one claim sentence in four"
        print(f"speed ({label}: {what}, {s['words']} words): extract {s['extract_words_per_s']} words/s, "
              f"tokenizer-only {s['tokenizer_words_per_s']} words/s, ratio {s['ratio_to_ceiling']:.1%} of the ceiling "
              f"(the spaCy pipeline alone, before claim logic: {s['pipeline_words_per_s']} words/s)")
    if "--json" in sys.argv:
        print(json.dumps({k: {kk: vv for kk, vv in v.items() if kk != "misses"} for k, v in result.items()}))


if __name__ == "__main__":
    main()
