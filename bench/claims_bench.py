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


def _corpus(cases) -> list[str]:
    """Articles of realistic length: the labelled sentences in paragraphs of ten."""
    texts = [t for t, _ in cases]
    sample = (TESTS / "sample_article.txt").read_text(encoding="utf-8")
    return ["\n\n".join(texts[i:i + 10]) for i in range(0, len(texts), 10)] + [sample]


def _words_per_second(fn, texts: list[str], repeat: int) -> float:
    words = sum(len(t.split()) for t in texts) * repeat
    start = time.perf_counter()
    for _ in range(repeat):
        for t in texts:
            fn(t)
    return words / (time.perf_counter() - start)


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
    texts = _corpus(cases)
    blank = spacy.blank("en")
    ours = lambda t: extract(Article(id=content_id(t), source="paste", text=t), registry)  # noqa: E731
    ours(texts[0])                                            # build the pipeline outside the timing
    repeat = 2 if quick else 10
    ceiling = _words_per_second(blank.make_doc, texts, repeat * 5)
    speed = _words_per_second(ours, texts, repeat)
    out["speed"] = {"extract_words_per_s": round(speed), "tokenizer_words_per_s": round(ceiling),
                    "ratio_to_ceiling": round(speed / ceiling, 3)}
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
    s = result["speed"]
    print(f"speed: extract {s['extract_words_per_s']} words/s, tokenizer-only {s['tokenizer_words_per_s']} words/s, "
          f"ratio {s['ratio_to_ceiling']:.1%} of the ceiling")
    if "--json" in sys.argv:
        print(json.dumps({k: {kk: vv for kk, vv in v.items() if kk != "misses"} for k, v in result.items()}))


if __name__ == "__main__":
    main()
