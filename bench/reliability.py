"""The reliability table: every hostile-input and fault case, what a user
should see, and what happened (the same cases tests/reliability runs), plus
ingest speed on a 100,000-word article.

    python bench/reliability.py          # or: make reliability
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from rich import box
from rich.console import Console
from rich.table import Table

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "reliability"))

from reliability_cases import CASES, run_case  # noqa: E402
import ingest_samples as samples  # noqa: E402  (the shared builders in tests/ingest)


def ingest_speed(repeat: int = 3) -> list[dict]:
    """Seconds to ingest a 100,000-word article as .txt, .html and .pdf, next
    to the bare library call each path is built on (what tapecheck adds:
    decoding, normalisation, boilerplate checks, dates, language, hashing)."""
    import io
    import unicodedata

    import trafilatura
    from pypdf import PdfReader

    from tapecheck import ingest

    # Distinct paragraphs: trafilatura rightly drops repeated ones as boilerplate.
    paragraphs = [
        f"In section {i} the desk noted that " + ", ".join(
            f"issuer {i}-{j} rose {j % 7}.{i % 9}% on the day" for j in range(40)) + "."
        for i in range(100_000 // 240 + 1)
    ]
    text = "\n\n".join(paragraphs)
    html = samples.page("".join(f"<p>{p}</p>" for p in paragraphs))
    wrapped = ["\n".join(p[i:i + 90] for i in range(0, len(p), 90)) for p in paragraphs]
    pdf = samples.make_pdf(["\n".join(wrapped[i:i + 4]) for i in range(0, len(wrapped), 4)])
    bare = {
        "txt": ("NFKC of the decoded text", lambda data: unicodedata.normalize("NFKC", data.decode())),
        "html": ("trafilatura.extract alone", lambda data: trafilatura.extract(data.decode())),
        "pdf": ("pypdf extract_text alone", lambda data: [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]),
    }
    ingest.from_text("Warm up the language model once, with a sentence long enough to be classified.")
    rows = []
    for label, data, name in (("txt", text.encode(), "long.txt"), ("html", html.encode(), "long.html"),
                              ("pdf", pdf, "long.pdf")):
        times, reference, words = [], [], 0
        reference_name, library_call = bare[label]
        for _ in range(repeat):
            started = time.perf_counter()
            article = ingest.from_bytes(data, name)
            times.append(time.perf_counter() - started)
            words = len(article.text.split())
            started = time.perf_counter()
            library_call(data)
            reference.append(time.perf_counter() - started)
        rows.append({"metric": f"ingest 100k-word .{label}", "value": statistics.median(times), "unit": "s",
                     "runs": times, "reference": statistics.median(reference), "reference_name": reference_name,
                     "note": f"{words:,} words, {len(data) / 1e6:.1f} MB, {repeat} runs"})
    return rows


def run(quick: bool = False) -> dict:
    """bench/run.py section: one row per case (value 1 = handled as promised)."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for number, case in enumerate(CASES):
            outcome = run_case(case, Path(tmp) / f"case{number}")
            rows.append({"metric": case.name, "value": 1.0 if outcome.ok else 0.0, "unit": "pass",
                         "expected": case.expected, "result": outcome.result, "seconds": outcome.seconds,
                         "note": f"{outcome.result} ({outcome.seconds:.2f} s)"})
    passed = sum(row["value"] for row in rows)
    rows += ingest_speed(1 if quick else 3)
    return {"name": "reliability", "rows": rows, "summary": f"{passed:.0f} of {len(CASES)} cases handled as expected"}


def main() -> int:
    console = Console(width=160)
    result = run(quick="--quick" in sys.argv)
    table = Table(title="tapecheck reliability", box=box.SIMPLE_HEAVY, show_lines=False)
    for column in ("case", "expected handling", "result", "s", "ok"):
        table.add_column(column, overflow="fold")
    cases = [row for row in result["rows"] if "expected" in row]
    for row in cases:
        table.add_row(row["metric"], row["expected"], row["result"], f"{row['seconds']:.2f}",
                      "[green]yes[/]" if row["value"] else "[red]NO[/]")
    console.print(table)
    speed = Table(title="ingest speed", box=box.SIMPLE_HEAVY)
    for column in ("input", "median s", "runs", "bare library s", "reference", "note"):
        speed.add_column(column)
    for row in result["rows"]:
        if "expected" not in row:
            speed.add_row(row["metric"], f"{row['value']:.3f}", ", ".join(f"{t:.3f}" for t in row["runs"]),
                          f"{row['reference']:.4f}", row["reference_name"], row["note"])
    console.print(speed)
    console.print(result["summary"])
    return 0 if all(row["value"] for row in cases) else 1


if __name__ == "__main__":
    sys.exit(main())
