"""`make bench`: every bench section in one run, a table each, one results file.

Each section is a module in this folder exposing ``run(quick: bool) -> dict``.
The runner starts every section that exists in its own child process (so a
crash, a hang or a memory peak stays in that section), prints one table per
section, then an overview, writes ``results.json`` and refreshes the table in
``README.md``. A failing section prints its error and the others still run;
the exit status is non-zero when any section failed.

The result a section returns (the preferred shape)::

    {"name": "claims",                      # optional, defaults to the module name
     "rows": [{"metric": "extraction speed",
               "value": 41000.0,             # the median when runs are given
               "unit": "words/s",
               "runs": [40100.0, 41000.0, 41900.0],   # optional: every run
               "reference": 390000.0,        # optional: the in-run reference figure
               "reference_name": "spaCy tokenizer only",
               "ratio": 0.105,               # optional: value / reference
               "note": "3 runs, 200 articles"}],
     "summary": "any printable text"}       # optional

Only ``metric`` and ``value`` are required in a row. ``value`` is filled from
the median of ``runs`` when missing, ``ratio`` from value / reference.
When there is no "rows" list, the result is rendered as well as it can be: a
flat or nested dict of numbers becomes one row per number (nested keys joined
with "."), a list of numbers becomes its median (the list kept as runs),
strings become notes. ``summary`` is printed as it is. The whole returned dict
is kept in results.json under the section's "raw" key.

    python bench/run.py [--quick] [--only claims_bench,e2e_bench]
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import os
import platform
import re
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path

from rich import box
from rich.console import Console
from rich.table import Table

HERE = Path(__file__).resolve().parent
# Run order: accuracy and per-stage speed first, then scale.
SECTIONS = ("claims_bench", "verify_bench", "themes_bench", "app_bench", "e2e_bench",
            "batch_bench", "reliability")
TIMEOUT_S = {True: 170, False: 2400}          # per section, quick / full
QUICK_AIM_S = 180
README_START, README_END = "<!-- bench:start -->", "<!-- bench:end -->"

console = Console(width=120)


# -- timing helpers sections may import (``from run import runs_of``) ------------
def runs_of(fn, repeat: int = 3, warmup: int = 1) -> list[float]:
    """Wall seconds of ``repeat`` calls of ``fn`` after ``warmup`` unmeasured ones."""
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def row(metric: str, value: float | None = None, unit: str = "", *, runs=None,
        reference: float | None = None, reference_name: str | None = None,
        note: str = "") -> dict:
    """One row of the preferred shape, value and ratio filled in."""
    return _complete({"metric": metric, "value": value, "unit": unit, "runs": runs,
                      "reference": reference, "reference_name": reference_name,
                      "note": note})


# -- turning whatever a section returned into rows --------------------------------
def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _numbers(value) -> bool:
    return isinstance(value, (list, tuple)) and bool(value) and all(map(_number, value))


def _complete(r: dict) -> dict:
    runs = r.get("runs")
    if _numbers(runs):
        runs = [float(x) for x in runs]
        if r.get("value") is None:
            r["value"] = statistics.median(runs)
    else:
        runs = None
    value, reference = r.get("value"), r.get("reference")
    ratio = r.get("ratio")
    if ratio is None and _number(value) and _number(reference) and reference:
        ratio = value / reference
    return {"metric": str(r.get("metric", "?")),
            "value": value if _number(value) or value is None else str(value),
            "unit": str(r.get("unit") or ""),
            "runs": runs,
            "reference": reference if _number(reference) else None,
            "reference_name": r.get("reference_name"),
            "ratio": ratio if _number(ratio) else None,
            "note": str(r.get("note") or "")}


def _flatten(prefix: str, value, rows: list[dict]) -> None:
    if _number(value):
        rows.append(_complete({"metric": prefix, "value": value}))
    elif _numbers(value):
        rows.append(_complete({"metric": prefix, "runs": value,
                               "note": f"median of {len(value)}"}))
    elif isinstance(value, dict):
        if "metric" in value and ("value" in value or "runs" in value):
            rows.append(_complete(value))
            return
        for key, inner in value.items():
            _flatten(f"{prefix}.{key}" if prefix else str(key), inner, rows)
    elif isinstance(value, str) and len(value) <= 200:
        rows.append(_complete({"metric": prefix, "value": None, "note": value}))
    # long text, lists of records and the rest stay in "raw" only


def normalise(name: str, raw) -> dict:
    """Any section result as {"name", "rows", "summary"}."""
    if not isinstance(raw, dict):
        raw = {"result": raw}
    rows: list[dict] = []
    if isinstance(raw.get("rows"), list):
        # The section chose its rows; everything else it returned stays in "raw".
        rows = [_complete(item) for item in raw["rows"] if isinstance(item, dict)]
    else:
        _flatten("", {k: v for k, v in raw.items() if k not in ("name", "summary")}, rows)
        rows = [r for r in rows if r["value"] is not None or r["note"]]
    summary = raw.get("summary")
    return {"name": str(raw.get("name") or name), "rows": rows,
            "summary": summary if isinstance(summary, str) else ""}


# -- printing ---------------------------------------------------------------------
def fmt(value) -> str:
    if value is None:
        return ""
    if not _number(value):
        return str(value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    magnitude = abs(value)
    if magnitude >= 1000:
        return f"{value:,.0f}"
    if magnitude >= 100 or float(value).is_integer():
        return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
    if magnitude >= 1:
        return f"{value:.2f}"
    if magnitude == 0:
        return "0"
    return f"{value:.3g}"


def section_table(result: dict) -> Table:
    norm = result["normalised"]
    title = f"{norm['name']}  [{result['status']}, {result['seconds']:.1f} s"
    if result.get("peak_rss_mb"):
        title += f", peak RSS {result['peak_rss_mb']:.0f} MB"
    table = Table(title=title + "]", box=box.SIMPLE_HEAVY, title_justify="left")
    for column, justify, width in (("metric", "left", 30), ("value", "right", 8),
                                   ("unit", "left", None), ("reference", "right", None),
                                   ("ratio", "right", None), ("note", "left", None)):
        table.add_column(column, justify=justify, min_width=width)
    for r in norm["rows"]:
        table.add_row(*cells(r))
    return table


def cells(r: dict) -> list[str]:
    """metric, value, unit, reference, ratio, note of one row, as text."""
    reference = fmt(r["reference"])
    if reference and r.get("reference_name"):
        reference += f" ({r['reference_name']})"
    ratio = f"{r['ratio']:.3g}x" if r["ratio"] is not None else ""
    note = r["note"]
    if r["runs"] and len(r["runs"]) > 1 and "median" not in note:
        note = (note + "; " if note else "") + f"median of {len(r['runs'])}"
    return [r["metric"], fmt(r["value"]), r["unit"], reference, ratio, note]


def overview_table(results: dict) -> Table:
    table = Table(title="bench overview", box=box.SIMPLE_HEAVY, title_justify="left")
    for column in ("section", "status", "seconds", "peak RSS MB", "rows"):
        table.add_column(column, justify="left" if column in ("section", "status") else "right")
    for name, result in results.items():
        style = {"ok": "green", "missing": "dim"}.get(result["status"], "red")
        table.add_row(name, f"[{style}]{result['status']}[/]", f"{result['seconds']:.1f}",
                      _mb(result), str(len(result["normalised"]["rows"])))
    return table


def _load(meta: dict) -> str:
    load = meta.get("load_average") or {}
    return f"{load.get('start', 0):.1f} at the start, {load.get('end', 0):.1f} at the end"


def _mb(result: dict) -> str:
    peak = result.get("peak_rss_mb")
    return f"{peak:.0f}" if peak else ""


def markdown(results: dict, meta: dict) -> str:
    """The latest tables as Markdown, for README.md."""
    machine = meta["machine"]
    lines = [f"Latest run: {meta['date']} ({'quick' if meta['quick'] else 'full'} mode, "
             f"{meta['seconds']:.0f} s in all), commit `{meta.get('commit') or '?'}`.",
             "",
             f"Machine: {machine['nproc']} cores ({machine['cpu']}), "
             f"{machine['ram_gb']:.1f} GB RAM, Python {machine['python']}, "
             f"{machine['platform']}; load average {_load(meta)}.", "",
             "| section | status | seconds | peak RSS MB |", "|---|---|---:|---:|"]
    for name, result in results.items():
        lines.append(f"| {name} | {result['status']} | {result['seconds']:.1f} | "
                     f"{_mb(result)} |")
    for name, result in results.items():
        norm = result["normalised"]
        if not norm["rows"] and result["status"] == "missing":
            continue
        lines += ["", f"### {norm['name']} ({result['status']})", ""]
        if result.get("error"):
            lines += ["```", result["error"].strip().splitlines()[-1][:300], "```", ""]
        if norm["rows"]:
            lines += ["| metric | value | unit | reference | ratio | note |",
                      "|---|---:|---|---:|---:|---|"]
        for r in norm["rows"]:
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells(r)) + " |")
    return "\n".join(lines)


def update_readme(path: Path, text: str) -> None:
    """Replace the block between the markers (or append it)."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    block = f"{README_START}\n{text}\n{README_END}"
    if README_START in old and README_END in old:
        new = re.sub(re.escape(README_START) + ".*?" + re.escape(README_END),
                     lambda _: block, old, flags=re.S)
    else:
        new = old.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(new, encoding="utf-8")


# -- machine ----------------------------------------------------------------------
def machine() -> dict:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import psutil
        ram = psutil.virtual_memory().total / 2**30
    except ImportError:  # pragma: no cover - psutil is a dependency
        ram = float("nan")
    return {"nproc": os.cpu_count(), "cpu": cpu or "unknown", "ram_gb": ram,
            "python": platform.python_version(), "platform": platform.platform(terse=True)}


def commit() -> str | None:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE,
                             capture_output=True, text=True, timeout=10)
        return out.stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


# -- running a section ------------------------------------------------------------
def child_main(name: str, quick: bool, out: Path, bench_dir: Path) -> int:
    """In the child process: import the section, run it, write what it returned."""
    sys.path.insert(0, str(bench_dir))
    start = time.perf_counter()
    payload: dict = {"status": "ok"}
    try:
        module = importlib.import_module(name)
        payload["raw"] = module.run(quick)
    except BaseException as error:  # noqa: BLE001 - the whole point is to report it
        payload["status"] = "failed"
        payload["error"] = "".join(traceback.format_exception(error))
        traceback.print_exc()
    payload["seconds"] = time.perf_counter() - start
    # The largest of the section's process and any process it started and waited for.
    payload["peak_rss_mb"] = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                                 resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    out.write_text(json.dumps(payload, default=str), encoding="utf-8")
    return 0 if payload["status"] == "ok" else 1


def run_section(name: str, quick: bool, bench_dir: Path, timeout: float) -> dict:
    """Run one section in a child process; never raises."""
    if not (bench_dir / f"{name}.py").exists():
        return {"status": "missing", "seconds": 0.0, "raw": None}
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1",
               TOKENIZERS_PARALLELISM="false", PYTHONUNBUFFERED="1")
    with tempfile.TemporaryDirectory(prefix="tapecheck-bench-") as tmp:
        out = Path(tmp) / "result.json"
        command = [sys.executable, str(Path(__file__).resolve()), "--child", name,
                   "--bench-dir", str(bench_dir), "--child-out", str(out)]
        if quick:
            command.append("--quick")
        start = time.perf_counter()
        # Its own process group, so a timeout also stops what the section started.
        proc = subprocess.Popen(command, env=env, start_new_session=True)
        try:
            code = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return {"status": "timeout", "seconds": time.perf_counter() - start, "raw": None,
                    "error": f"{name} did not finish within {timeout:.0f} s"}
        except KeyboardInterrupt:
            os.killpg(proc.pid, signal.SIGKILL)
            raise
        seconds = time.perf_counter() - start
        if not out.exists():
            return {"status": "failed", "seconds": seconds, "raw": None,
                    "error": f"{name} exited with status {code} and wrote no result"}
        payload = json.loads(out.read_text(encoding="utf-8"))
    payload["seconds"] = seconds
    return payload


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run tapecheck's benchmarks.")
    parser.add_argument("--quick", action="store_true", help="small sizes, under 3 minutes")
    parser.add_argument("--only", default="", help="comma-separated section names")
    parser.add_argument("--bench-dir", type=Path, default=HERE,
                        help="where the section modules live")
    parser.add_argument("--out", type=Path, default=None,
                        help="results file (default: <bench-dir>/results.json)")
    parser.add_argument("--readme", type=Path, default=None,
                        help="README to refresh (default: <bench-dir>/README.md)")
    parser.add_argument("--timeout", type=float, default=None, help="seconds per section")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--child-out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    bench_dir = args.bench_dir.resolve()
    if args.child:
        return child_main(args.child, args.quick, args.child_out, bench_dir)

    names = [n.strip().removesuffix(".py") for n in args.only.split(",") if n.strip()]
    names_given = bool(names)
    if not names:
        found = sorted(p.stem for p in bench_dir.glob("*_bench.py"))
        names = list(SECTIONS) + [n for n in found if n not in SECTIONS]
    timeout = args.timeout or TIMEOUT_S[args.quick]

    started, load_before = time.perf_counter(), os.getloadavg()[0]
    results: dict[str, dict] = {}
    for name in names:
        console.rule(f"[bold]{name}")
        result = run_section(name, args.quick, bench_dir, timeout)
        result["normalised"] = normalise(name, result.get("raw"))
        results[name] = result
        if result["status"] == "missing":
            console.print(f"[dim]{name}: no {name}.py in {bench_dir.name}/, skipped[/]")
            continue
        if result.get("error"):
            console.print(f"[red]{name} {result['status']}:[/] "
                          f"{result['error'].strip().splitlines()[-1]}")
        if result["normalised"]["summary"]:
            console.print(result["normalised"]["summary"])
        console.print(section_table(result))

    meta = {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "quick": args.quick, "seconds": time.perf_counter() - started,
            "machine": machine(), "commit": commit(),
            # Other work on the machine inflates every wall time: say how busy it was.
            "load_average": {"start": load_before, "end": os.getloadavg()[0]}}
    console.rule("[bold]overview")
    console.print(overview_table(results))
    console.print(f"{meta['seconds']:.0f} s in all on {meta['machine']['nproc']} cores "
                  f"({meta['machine']['cpu']}), load average {_load(meta)}"
                  + (f"; quick mode aims at under {QUICK_AIM_S} s" if args.quick else ""))

    if names_given and not (args.out or args.readme):
        console.print("[dim]--only: results.json and README.md left as they were "
                      "(pass --out / --readme to write them)[/]")
        return _status(results)
    out = args.out or bench_dir / "results.json"
    document = dict(meta, sections={
        name: {"status": r["status"], "seconds": r["seconds"],
               "peak_rss_mb": r.get("peak_rss_mb"), "error": r.get("error"),
               "summary": r["normalised"]["summary"], "rows": r["normalised"]["rows"],
               "raw": r.get("raw")}
        for name, r in results.items()})
    out.write_text(json.dumps(document, indent=1, default=str) + "\n", encoding="utf-8")
    if args.readme or not names_given:
        update_readme(args.readme or bench_dir / "README.md", markdown(results, meta))
    console.print(f"wrote {out}")

    return _status(results)


def _status(results: dict) -> int:
    failed = [n for n, r in results.items() if r["status"] not in ("ok", "missing")]
    if failed:
        console.print(f"[red]failed: {', '.join(failed)}[/]")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
