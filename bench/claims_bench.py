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


def _cpu_seconds(fn, texts: list[str], repeat: int, rounds: int = 5) -> float:
    """Best of several rounds of CPU time (process_time): a loaded machine's noise only ever slows a round down."""
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for _ in range(repeat):
            for t in texts:
                fn(t)
        best = min(best, time.process_time() - start)
    return best


def _words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def _words_per_second(fn, texts: list[str], repeat: int, rounds: int = 5) -> float:
    return _words(texts) * repeat / _cpu_seconds(fn, texts, repeat, rounds)


# Where the time goes, in microseconds per word: the tokenizer, each pipeline
# component, then the claim logic (everything extract() does after the pipeline).
STAGES = ("tokenizer", "sentences", "securities", "orgs", "claim_logic")


def _stage_costs(nlp, extract_text, texts: list[str], repeat: int) -> dict[str, float]:
    """Per-stage cost by difference: the tokenizer, then the pipeline cut after
    each component, then the whole of extract()."""
    components = [c for _, c in nlp.pipeline]

    def upto(k: int):
        def run(text: str):
            doc = nlp.make_doc(text)
            doc.user_data["tapecheck_text"] = text
            for component in components[:k]:
                doc = component(doc)
        return run

    seconds = [_cpu_seconds(upto(k), texts, repeat) for k in range(len(components) + 1)]
    seconds.append(_cpu_seconds(extract_text, texts, repeat))
    per_word = 1e6 / (_words(texts) * repeat)
    return {name: round(max(0.0, b - a) * per_word if k else b * per_word, 3)
            for k, (name, a, b) in enumerate(zip(STAGES, [0.0] + seconds, seconds))}


def _prose_corpus(n: int = 40) -> list[str]:
    """Figure-free articles: paragraphs of two PROSE sentences."""
    paragraphs = [f"{PROSE[i % len(PROSE)]} {PROSE[(i + 3) % len(PROSE)]}" for i in range(n)]
    return ["\n\n".join(paragraphs[i:i + 10]) for i in range(0, n, 10)]


# name: (figure-free sentences after each labelled claim passage, what it stands for)
MIXES = {"dense": (0, "every sentence a claim"),
         "article": (3, "one claim passage in four sentences"),
         "news": (9, "one claim passage in ten sentences, closer to real articles")}
AIM = 0.40      # of the tokenizer-only ceiling (issue 3)


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
    for label, (prose, _) in MIXES.items():
        texts = _corpus(cases, prose)
        ceiling = _words_per_second(blank.make_doc, texts, repeat * 5)
        speed = _words_per_second(ours, texts, repeat)
        pipeline = _words_per_second(lambda t: run_pipeline(nlp, t), texts, repeat)
        out["speed"][label] = {"extract_words_per_s": round(speed), "tokenizer_words_per_s": round(ceiling),
                               "pipeline_words_per_s": round(pipeline),
                               "ratio_to_ceiling": round(speed / ceiling, 3),
                               "words": _words(texts),
                               "us_per_word": _stage_costs(nlp, ours, texts, repeat)}
    out["cost"] = _claim_costs(nlp, ours, cases, repeat, out["speed"])
    return out


def _claim_costs(nlp, ours, cases, repeat: int, speed: dict) -> dict:
    """Claim logic on figure-free prose (per word) and per labelled claim passage
    (from the dense mix), and per mix what the aim leaves for claim logic."""
    prose = _prose_corpus()
    prose_cost = _stage_costs(nlp, ours, prose, repeat)
    dense = _corpus(cases, 0)
    dense_words = _words(dense)
    passages = len(cases) + 1                       # and the sample article
    per_passage = speed["dense"]["us_per_word"]["claim_logic"] * dense_words / passages
    out = {"prose_us_per_word": prose_cost, "claim_logic_us_per_passage": round(per_passage, 1),
           "words_per_passage": round(dense_words / passages, 1)}
    for label in MIXES:
        stages = speed[label]["us_per_word"]
        budget = stages["tokenizer"] / AIM                   # us per word at the aim
        pipeline = sum(stages[k] for k in STAGES[:-1])       # tokenizer and components
        out[f"aim_{label}"] = {"budget_us_per_word": round(budget, 3), "pipeline_us_per_word": round(pipeline, 3),
                               "claim_logic_allowed_us_per_word": round(budget - pipeline, 3),
                               "claim_logic_us_per_word": stages["claim_logic"],
                               "best_ratio_without_claim_logic": round(stages["tokenizer"] / pipeline, 3)}
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
        print(f"speed ({label}: {MIXES[label][1]}, {s['words']} words): extract {s['extract_words_per_s']} words/s, "
              f"tokenizer-only {s['tokenizer_words_per_s']} words/s, ratio {s['ratio_to_ceiling']:.1%} of the ceiling "
              f"(the spaCy pipeline alone, before claim logic: {s['pipeline_words_per_s']} words/s)")
        print("   us per word: " + ", ".join(f"{k} {v:.3f}" for k, v in s["us_per_word"].items()))
    cost = result["cost"]
    print("figure-free prose, us per word: " + ", ".join(f"{k} {v:.3f}" for k, v in cost["prose_us_per_word"].items()))
    print(f"claim logic per labelled claim passage ({cost['words_per_passage']} words): "
          f"{cost['claim_logic_us_per_passage']} us")
    for label in MIXES:
        aim = cost[f"aim_{label}"]
        print(f"{label}: {AIM:.0%} of the ceiling allows {aim['budget_us_per_word']:.3f} us/word; the pipeline takes "
              f"{aim['pipeline_us_per_word']:.3f} (at best {aim['best_ratio_without_claim_logic']:.0%} with no claim "
              f"logic at all), leaving {aim['claim_logic_allowed_us_per_word']:.3f} us/word for claim logic, "
              f"which takes {aim['claim_logic_us_per_word']:.3f}")
    if "--json" in sys.argv:
        print(json.dumps({k: {kk: vv for kk, vv in v.items() if kk != "misses"} for k, v in result.items()}))


if __name__ == "__main__":
    main()
