"""The bench runner's plumbing: sections in, tables and results.json out.

Timings are never asserted here; only that every section is run, isolated,
rendered and recorded.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module          # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def runner():
    return _load("run")


def _write(folder: Path, name: str, body: str) -> None:
    (folder / f"{name}.py").write_text(body, encoding="utf-8")


def test_one_failing_section_does_not_stop_the_others(runner, tmp_path):
    sections = tmp_path / "sections"
    sections.mkdir()
    _write(sections, "good_bench", '''
from run import row
def run(quick):
    return {"name": "good", "summary": "quick=%s" % quick, "detail": {"x": 1.0},
            "rows": [row("speed", runs=[3.0, 1.0, 2.0], unit="items/s", reference=4.0,
                         reference_name="ceiling")]}
''')
    _write(sections, "flat_bench", '''
def run(quick):
    return {"precision": 0.9, "recall": {"micro": 0.8, "macro": 0.7}, "times": [5, 1, 3],
            "corpus": "demo", "per_item": [{"id": 1}]}
''')
    _write(sections, "broken_bench", '''
def run(quick):
    raise RuntimeError("the model file is missing")
''')
    out, readme = tmp_path / "results.json", tmp_path / "README.md"
    readme.write_text("# Benchmarks\n\nHand-written intro.\n", encoding="utf-8")

    code = runner.main(["--quick", "--bench-dir", str(sections), "--out", str(out),
                        "--readme", str(readme),
                        "--only", "good_bench,flat_bench,broken_bench,absent_bench"])

    assert code == 1                      # a section failed, so the run fails
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["quick"] is True and doc["machine"]["nproc"] >= 1
    sections_out = doc["sections"]
    assert [sections_out[n]["status"] for n in
            ("good_bench", "flat_bench", "broken_bench", "absent_bench")] == \
        ["ok", "ok", "failed", "missing"]
    assert "the model file is missing" in sections_out["broken_bench"]["error"]

    good = sections_out["good_bench"]
    assert good["summary"] == "quick=True"
    (speed,) = good["rows"]                  # its own rows only; the rest stays in raw
    assert good["raw"]["detail"] == {"x": 1.0}
    assert speed["value"] == 2.0 and speed["ratio"] == 0.5   # median of runs, / reference
    assert good["peak_rss_mb"] > 0

    flat = {r["metric"]: r for r in sections_out["flat_bench"]["rows"]}
    assert flat["precision"]["value"] == 0.9
    assert flat["recall.macro"]["value"] == 0.7
    assert flat["times"]["value"] == 3 and flat["times"]["runs"] == [5, 1, 3]
    assert flat["corpus"]["note"] == "demo"
    assert sections_out["flat_bench"]["raw"]["per_item"] == [{"id": 1}]

    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# Benchmarks\n\nHand-written intro.")
    assert "| speed | 2 | items/s | 4 (ceiling) | 0.5x |" in text

    # A second run replaces the table instead of appending another one.
    runner.main(["--bench-dir", str(sections), "--out", str(out), "--readme", str(readme),
                 "--only", "good_bench"])
    again = readme.read_text(encoding="utf-8")
    assert again.count(runner.README_START) == 1 and "broken_bench" not in again
    assert "quick=False" in json.dumps(json.loads(out.read_text(encoding="utf-8")))


def test_a_hanging_section_is_stopped_and_reported(runner, tmp_path):
    _write(tmp_path, "slow_bench", "import time\ndef run(quick):\n    time.sleep(60)\n")
    out = tmp_path / "results.json"
    code = runner.main(["--bench-dir", str(tmp_path), "--out", str(out), "--readme",
                        str(tmp_path / "README.md"), "--only", "slow_bench", "--timeout", "3"])
    assert code == 1
    section = json.loads(out.read_text(encoding="utf-8"))["sections"]["slow_bench"]
    assert section["status"] == "timeout" and "3 s" in section["error"]


# -- the end-to-end section on a tiny corpus -----------------------------------------
@pytest.fixture(scope="module")
def e2e():
    return _load("e2e_bench")


def test_end_to_end_measures_every_stage_and_scores_against_the_corpus_key(e2e, tmp_path):
    from tapecheck.store import Store

    transaction = Store.transaction
    files, published = e2e.write_corpus(4, tmp_path / "corpus")
    result = e2e.measure(files, published, tmp_path / "db" / "bench.db", themes=False)

    assert result["articles"] == result["ingested"] == 4
    assert result["ingest_errors"] == result["process_errors"] == 0
    assert result["claims"] > 0 and sum(result["verdicts"].values()) > 0
    seconds = result["seconds"]
    for stage in ("ingest read files", "ingest commit", "extract", "verify", "commit",
                  "store writes", "process other", "pipeline", "wall"):
        assert seconds[stage] >= 0, stage
    # Exclusive stage clocks: the parts never add up to more than the whole.
    parts = sum(v for k, v in seconds.items() if k not in ("pipeline", "wall"))
    assert parts <= seconds["wall"] + 0.05
    scored = result["accuracy"]
    assert scored["labelled"] > 0 and scored["found"] == result["claims"]
    assert scored["recall"] > 0.5 and scored["precision"] > 0.5
    assert result["peak_rss_mb"] > result["rss_after_imports_mb"] / 2
    assert Store.transaction is transaction          # the timers are taken off again


def test_marginal_cost_is_flat_for_linear_growth(e2e):
    def fake(n, per):
        return {"seconds": {"imports": 1.0, "snapshot": 1.0, "extract": per * n,
                            "pipeline": 2.0 + per * n, "wall": 4.0 + per * n},
                "cpu_seconds": {"pipeline": per * n}}

    series = e2e.Series("x", "x", ())
    linear = e2e._marginal_rows(series, {100: fake(100, 0.01), 1000: fake(1000, 0.01),
                                         10000: fake(10000, 0.01)})
    assert [r["value"] for r in linear[:2]] == pytest.approx([10.0, 10.0])
    assert linear[-1]["metric"] == "x marginal growth" and linear[-1]["value"] == pytest.approx(1)
    slower = e2e._marginal_rows(series, {100: fake(100, 0.01), 1000: fake(1000, 0.01),
                                         10000: fake(10000, 0.03)})
    assert slower[-1]["value"] > 2
