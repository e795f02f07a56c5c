"""The command line: a thin layer of commands over the library.

Every command takes ``--db PATH`` (or TAPECHECK_DB). Errors print one line and
exit non-zero; a traceback only with TAPECHECK_DEBUG=1.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Optional

import click
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from tapecheck import config
from tapecheck.errors import TapecheckError

app = typer.Typer(
    help="Check market narratives against the tape.\n\n"
         "Example: tapecheck demo  (loads the bundled demo and prints its verdicts)",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
)
prices_app = typer.Typer(help="Daily prices: import CSV files, list coverage.", no_args_is_help=True)
securities_app = typer.Typer(help="The securities registry: add securities and aliases.",
                             no_args_is_help=True)
feed_app = typer.Typer(help="RSS/Atom feeds: add a feed, poll for new articles.", no_args_is_help=True)
app.add_typer(prices_app, name="prices")
app.add_typer(securities_app, name="securities")
app.add_typer(feed_app, name="feed")

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

FORMATS = ("table", "json", "csv")
CLAIM_FIELDS = [
    "article_id", "claim_id", "sentence", "entity", "ticker", "metric", "value", "qualifier",
    "period", "period_source", "figure_text", "partner_ticker", "flags", "as_of",
    "as_of_source", "window_start", "window_end", "start_close", "end_close", "actual",
    "tolerance_low", "tolerance_high", "verdict", "reason", "alternative", "review_verdict",
    "review_comment", "start", "end", "verdict_conditional", "as_of_support",
]
# verdict_conditional is true when the verdict rests on an as-of inferred from the
# claims themselves (as_of_source "inferred"): it holds only if the article is from
# that date. as_of_support says how many claims the inference rests on ("9 of 11").


class State:
    db: Optional[str] = None


def _store():
    from tapecheck.store import Store

    return Store.open(State.db)


def _progress() -> Progress:
    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=err, transient=True,
                    disable=not err.is_terminal)


def _check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise click.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    return fmt


@app.callback()
def _root(db: Optional[str] = typer.Option(
        None, "--db", metavar="PATH",
        help=f"SQLite database (default: $TAPECHECK_DB or {config.DEFAULT_DB}).")):
    State.db = db


# -- prices -------------------------------------------------------------------------
@prices_app.command("import")
def prices_import(paths: list[Path] = typer.Argument(..., help="CSV files or folders of them.")):
    """Import daily prices from CSV (date, close required; open, high, low, volume optional).

    The ticker comes from a 'ticker' column or the file name: _N225.csv -> ^N225.

    Example: tapecheck prices import prices/7203.T.csv prices/_N225.csv
    """
    from tapecheck import correlate

    counts = correlate.import_prices(_store(), paths)
    for ticker, rows in sorted(counts.items()):
        out.print(f"{ticker}\t{rows} rows")


@prices_app.command("list")
def prices_list():
    """Price coverage per security: first and last date, rows, source.

    Example: tapecheck prices list
    """
    table = Table("ticker", "first", "last", "rows", "source")
    for row in _store().price_coverage():
        table.add_row(*(str(row[k]) for k in ("ticker", "first", "last", "rows", "source")))
    out.print(table)


# -- ingest ---------------------------------------------------------------------------
@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files (.txt .md .html .pdf), folders, URLs, or - for stdin."),
    published: Optional[str] = typer.Option(
        None, help="Publication date or moment: 2026-02-13 or 2026-02-13T21:56+09:00."),
    title: Optional[str] = typer.Option(None, help="Title (default: the document's own)."),
):
    """Store articles; prints one id per article. The same text twice is stored once.

    Example: tapecheck ingest note.txt --published 2026-02-13
    """
    from tapecheck.orchestrate import ingest_inputs

    store = _store()
    stdin = sys.stdin.buffer.read() if "-" in paths else None   # bytes: ingest decodes
    with _progress() as bar:
        task = bar.add_task("ingesting", total=len(paths))
        outcomes = ingest_inputs(store, paths, published=published, title=title,
                                 stdin=stdin, on_each=lambda _: bar.advance(task))
    failed = 0
    for outcome in outcomes:
        if outcome.error:
            failed += 1
            err.print(f"error: {outcome.label}: {outcome.error}", markup=False, highlight=False)
        else:
            out.print(outcome.article_id)
    if failed:
        raise typer.Exit(2)


# -- verify / claims -----------------------------------------------------------------
@app.command()
def verify(
    article: Optional[str] = typer.Option(None, help="Only this article id (default: all)."),
    offline: bool = typer.Option(False, help="Never touch the network; stored prices only."),
    reextract: bool = typer.Option(False, help="Extract claims again even if already extracted."),
    as_of: Optional[str] = typer.Option(
        None, "--as-of", help="Check as of this date or moment instead of the publication time."),
):
    """Extract claims where needed, then verify every claim against daily prices.

    Example: tapecheck verify --offline
    """
    from tapecheck.orchestrate import process

    from tapecheck.ingest import parse_published

    store = _store()
    when = parse_published(as_of) if as_of else None
    ids = [store.article(article).id] if article else None
    total = len(ids) if ids else len(store.article_rows())
    with _progress() as bar:
        task = bar.add_task("verifying", total=total)
        outcomes = process(store, ids, offline=offline, reextract=reextract, as_of=when,
                           on_each=lambda _: bar.advance(task))
    from tapecheck.ui import as_of as asof

    for o in outcomes:
        verdicts = ", ".join(f"{n} {v}" for v, n in sorted(o.verdicts.items())) or "no claims"
        line = f"{o.article_id}\t{o.claims} claims\t{asof.as_of_text(o.as_of, o.as_of_source, o.as_of_note)}\t{verdicts}"
        if o.as_of_source == "inferred" and o.verdicts:
            line += (f"\tverdicts hold only if the article is from {o.as_of}; set its real date: "
                     f"tapecheck verify --article {o.article_id[:12]} --as-of YYYY-MM-DD")
        if o.error:
            line += f"\terror: {o.error}"
        out.print(line, markup=False, highlight=False)


def _claim_records(article: Optional[str]) -> list[dict]:
    from tapecheck.ui import as_of as asof

    store = _store()
    article_id = store.article(article).id if article else None
    notes = {r["id"]: r.get("as_of_note") for r in store.article_rows()}
    records = []
    for row in store.claim_rows(article_id):
        inferred = row.get("as_of_source") == "inferred"
        row["verdict_conditional"] = asof.conditional(row.get("verdict"), row.get("as_of_source"))
        row["as_of_support"] = asof.support_text(notes.get(row["article_id"])) if inferred else ""
        row["as_of_note"] = notes.get(row["article_id"])
        records.append({k: row.get(k) for k in CLAIM_FIELDS})
        records[-1].update(_note=row["as_of_note"], _title=row.get("article_title"))
    return records


def _public(rows: list[dict]) -> list[dict]:
    return [{k: v for k, v in row.items() if not k.startswith("_")} for row in rows]


@app.command()
def claims(
    article: Optional[str] = typer.Option(None, help="Only this article id."),
    format: str = typer.Option("table", "--format", help="table, json or csv."),
):
    """List claims with their verdicts, closes and windows.

    Example: tapecheck claims --format json
    """
    fmt = _check_format(format)
    records = _claim_records(article)
    rows = _public(records)
    if fmt == "json":
        out.print_json(json.dumps(rows, default=str)) if out.is_terminal else print(
            json.dumps(rows, default=str, indent=1))
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=CLAIM_FIELDS)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: (json.dumps(v) if isinstance(v, list) else v) for k, v in row.items()})
        sys.stdout.write(buffer.getvalue())
    else:
        print_claims(records)


def print_claims(rows: list[dict]) -> None:
    """One table per article under a heading naming the as-of its figures were counted
    to; a verdict on an inferred as-of is starred and its condition said below."""
    from rich.text import Text

    from tapecheck.ui import as_of as asof

    console = _wide()
    by_article: dict[str, list[dict]] = {}
    for row in rows:
        by_article.setdefault(row["article_id"], []).append(row)
    for article_id, group in by_article.items():
        first = group[0]
        title = first.get("_title") or ""
        as_of = asof.as_of_text(first["as_of"], first["as_of_source"], first.get("_note"))
        console.print(Text(f"{article_id[:8]}  {title}  ·  {as_of}", style="bold"))
        console.print(verdict_table(group))
        if any(asof.conditional(r["verdict"], r["as_of_source"]) for r in group):
            console.print(Text(
                f"* holds only if the article is from {first['as_of']} "
                f"({asof.inferred_basis(first.get('_note'))}); set its real date with: "
                f"tapecheck verify --article {article_id[:12]} --as-of YYYY-MM-DD"))


def verdict_table(rows: list[dict]) -> Table:
    """The claims of one article with their verdicts and evidence."""
    from rich.text import Text

    from tapecheck.ui import as_of as asof

    table = Table("subject", "claimed", "period", "actual", "window", "verdict", show_lines=False)
    table.add_column("reason", min_width=48)
    for row in rows:
        claimed = row.get("figure_text") or ("" if row["value"] is None else f"{row['value']:+g}")
        actual = _actual(row)
        window = f"{row['window_start']} → {row['window_end']}" if row["window_end"] else ""
        subject = row["entity"] + (f" ({row['ticker']})" if row["ticker"] else "")
        verdict = asof.verdict_words(row["verdict"]) if row["verdict"] else ""
        if asof.conditional(row["verdict"], row["as_of_source"]):
            verdict += " *"
        table.add_row(*(Text(str(v)) for v in (subject, claimed, row["period"] or "", actual,
                                               window, verdict, row["reason"] or "")))
    return table


def _actual(row: dict) -> str:
    """The move (or close) the verdict was computed from, in the claim's unit."""
    value, metric = row["actual"], row.get("metric")
    if value is None:
        return ""
    if metric == "level":
        return f"{value:,.2f}"
    if metric == "record_high":
        return "at the record" if abs(value) < 1e-9 else f"{value:+.2f}% vs record"
    return f"{value:+.2f}" + (" pp" if metric == "relative" else "%")


# -- demo / ui ------------------------------------------------------------------------------
@app.command()
def demo():
    """Load the bundled demo (real prices + demo articles), verify offline, print verdicts.

    Example: tapecheck --db /tmp/demo.db demo
    """
    from tapecheck.orchestrate import load_demo

    store = _store()
    with _progress() as bar:
        task = bar.add_task("loading demo", total=None)
        ids = load_demo(store, on_each=lambda _: bar.advance(task))
    rows = [r for r in _claim_records(None) if r["article_id"] in set(ids)]
    print_claims(rows)
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["verdict"] or "pending"] = counts.get(row["verdict"] or "pending", 0) + 1
    out.print(f"{len(ids)} articles, {len(rows)} claims: "
              + ", ".join(f"{n} {v}" for v, n in sorted(counts.items())))


@app.command()
def ui(port: int = typer.Option(8501, help="Port for the app."),
       headless: bool = typer.Option(True, help="Do not open a browser window.")):
    """Start the Streamlit app on this database.

    Example: tapecheck --db my.db ui --port 8502
    """
    app_file = Path(__file__).parent / "ui" / "app.py"
    env = dict(os.environ, TAPECHECK_DB=str(config.db_path(State.db)), TAPECHECK_WARM_UP="1")
    os.execvpe(sys.executable, [sys.executable, "-m", "streamlit", "run", str(app_file),
                                "--server.port", str(port),
                                "--server.headless", "true" if headless else "false",
                                "--browser.gatherUsageStats", "false",
                                "--client.toolbarMode", "minimal",
                                "--server.maxUploadSize", str(config.limits().max_file_bytes // 2**20)],
              env)


# -- securities ------------------------------------------------------------------------
@securities_app.command("add")
def securities_add(
    ticker: str = typer.Argument(..., help="Yahoo symbol, e.g. 9984.T"),
    name: str = typer.Argument(..., help="Full name, e.g. 'SoftBank Group Corp'"),
    kind: str = typer.Option("equity", help="equity, index or etf."),
    exchange: str = typer.Option("XNYS", help="exchange_calendars code: XTKS, XNYS, XLON ..."),
    currency: str = typer.Option("USD"),
    alias: list[str] = typer.Option([], help="Another name articles use (repeatable)."),
):
    """Add a security the registry lacks.

    Example: tapecheck securities add 9984.T "SoftBank Group Corp" --exchange XTKS --currency JPY --alias SoftBank
    """
    from tapecheck.records import Security

    _store().add_security(Security(ticker=ticker, name=name, kind=kind, exchange=exchange,
                                   currency=currency, aliases=tuple(alias)))
    out.print(f"added {ticker}")


@securities_app.command("alias")
def securities_alias(ticker: str = typer.Argument(...), alias: str = typer.Argument(...)):
    """Teach the registry another name for a security.

    Example: tapecheck securities alias 7012.T "Kawaju"
    """
    registry = _registry()
    if registry.get(ticker) is None:
        raise TapecheckError(f"unknown ticker {ticker!r}: add it first with `tapecheck securities add`")
    _store().add_alias(ticker, alias)
    out.print(f"{alias!r} -> {ticker}")


@securities_app.command("find")
def securities_find(name: str = typer.Argument(..., help="A name as articles write it.")):
    """Show which security a name resolves to.

    Example: tapecheck securities find "Kawasaki Heavy"
    """
    ticker, confidence = _registry().resolve(name)
    if ticker is None:
        raise TapecheckError(f"no security matches {name!r}")
    out.print(f"{ticker}\t{_registry().get(ticker).name}\tconfidence {confidence:.2f}")


def _registry():
    from tapecheck.orchestrate import registry_for

    return registry_for(_store())


# -- feeds ----------------------------------------------------------------------------
@feed_app.command("add")
def feed_add(url: str = typer.Argument(..., help="RSS or Atom feed address.")):
    """Remember a feed (it is fetched once to check that it is one).

    Example: tapecheck feed add https://example.com/markets/rss
    """
    from tapecheck.orchestrate import add_feed

    title = add_feed(_store(), url)
    out.print(f"added {url}" + (f" ({title})" if title else ""), markup=False)


@feed_app.command("poll")
def feed_poll(url: Optional[list[str]] = typer.Argument(None, help="Only these feeds.")):
    """Fetch every feed and ingest each new item once; prints new article ids.

    Example: tapecheck feed poll && tapecheck verify
    """
    from tapecheck.orchestrate import poll_feeds

    failed = False
    for report in poll_feeds(_store(), url or None):
        for article_id in report["new"]:
            out.print(article_id)
        err.print(f"{report['feed']}: {len(report['new'])} new, {report['duplicates']} "
                  f"duplicates, {report['already_seen']} already seen", markup=False)
        for item, message in report["failures"]:
            failed = True
            err.print(f"error: {item}: {message}", markup=False, highlight=False)
    if failed:
        raise typer.Exit(2)


@feed_app.command("list")
def feed_list():
    """The feeds you follow, with their last poll.

    Example: tapecheck feed list
    """
    for row in _store().db["feeds"].rows:
        out.print(f"{row['url']}\t{row['title'] or ''}\tlast polled {row['last_polled'] or 'never'}",
                  markup=False)


# -- themes ----------------------------------------------------------------------------
@app.command()
def themes(
    article: Optional[str] = typer.Option(None, help="Only this article id."),
    format: str = typer.Option("table", "--format", help="table or json."),
):
    """Themes each article tells, with evidence and whether prices back the story.

    Example: tapecheck themes --article 3f2a9c1e --format json
    """
    from tapecheck.correlate.narrative import themes_report

    fmt = _check_format(format)
    store = _store()
    rows = themes_report(store, store.article(article).id if article else None)
    if fmt != "table":
        _print_rows(rows, fmt)
        return
    table = Table("article", "dated", "theme", "score", "told as", "evidence")
    table.add_column("narrative vs numbers", min_width=40)
    for r in rows:
        dated = r["published"] or (f"{r['day']} (inferred as-of)" if r["day"] else "unknown")
        table.add_row(*(Text(str(v)) for v in (
            r["article_id"][:8], dated, r["label"], f"{r['score']:.2f}", r["direction"],
            r["evidence"], r["summary"])))
    _wide().print(table)
    out.print("Each narrative is checked over the window its article speaks of, to the last "
              "close at or before the article's as-of (its publication time, else the as-of "
              "inferred from its claims: such results are conditional on that date).",
              markup=False, highlight=False)


@app.command()
def timeline(
    theme: str = typer.Option(..., "--theme", help="Theme id, e.g. defense."),
    format: str = typer.Option("table", "--format", help="table, json or csv."),
):
    """Weekly count of articles telling a theme beside its basket versus benchmark.

    Example: tapecheck timeline --theme defense
    """
    from tapecheck.correlate.narrative import BENCHMARK_NAMES, timeline_report
    from tapecheck.nlp.themes import load_taxonomy

    fmt = _check_format(format)
    store = _store()
    subject = load_taxonomy().theme(theme)           # NotFound names the known themes
    rows = timeline_report(store, theme)
    base = (date.fromisoformat(rows[0]["week_end"]) - timedelta(weeks=1)).isoformat() \
        if rows else None
    for r in rows:      # which closes each figure was counted between
        r["returns_from"], r["returns_to"] = base, r["week_end"]
    if fmt != "table":
        _print_rows(rows, fmt)
        return
    if not rows:
        out.print(f"no article tells {theme!r} yet (or none has a date or an as-of)")
        return
    bench = BENCHMARK_NAMES.get(subject.benchmark, subject.benchmark)
    out.print(Text(f"{subject.label}: articles per week beside the equal-weight basket "
                   f"({' '.join(subject.basket)}) against {bench} ({subject.benchmark})",
                   style="bold"))
    table = Table("week ending", "articles", "drivers", "headwinds", "dated by as-of",
                  "basket %", "benchmark %", "excess pp")
    for r in rows:
        table.add_row(r["week_end"], *(str(r[k]) for k in ("articles", "drivers", "headwinds",
                                                           "dated_by_as_of")),
                      *(_pct(r[k]) for k in ("basket_return", "benchmark_return", "excess")))
    _wide().print(table)
    by_as_of = sum(r["dated_by_as_of"] for r in rows)
    out.print(f"Returns are cumulative from the last close at or before {base} to the last close "
              "at or before each week's end (that day is each figure's as-of). Articles count in "
              "the week of their publication date"
              + (f"; {by_as_of} without one count in the week of the as-of inferred from their "
                 "claims ('dated by as-of')" if by_as_of else "")
              + ". A blank return: no stored prices for that week.",
              markup=False, highlight=False)


def _pct(value) -> str:
    return "" if value is None else f"{value:+.2f}"


def _wide() -> Console:
    """The console for wide tables: piped output is not squeezed to 80 columns."""
    return out if out.is_terminal else Console(width=150, soft_wrap=True)


def _print_rows(rows: list[dict], fmt: str) -> None:
    if fmt == "json":
        print(json.dumps(rows, default=str, indent=1))
        return
    if not rows:
        return
    writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0].keys()))
    writer.writeheader()
    for row in rows:
        writer.writerow({k: (json.dumps(v) if isinstance(v, (list, dict)) else v)
                         for k, v in row.items()})


# -- batch -----------------------------------------------------------------------------
@app.command()
def batch(
    inputs: list[str] = typer.Argument(..., help="Files, folders or globs of articles."),
    engine: str = typer.Option("local", help="local (in-process) or dask."),
    scheduler: Optional[str] = typer.Option(None, help="Dask scheduler address (implies dask)."),
    partition_size: int = typer.Option(100, help="Articles per partition."),
    offline: bool = typer.Option(False, help="Stored prices only."),
    no_themes: bool = typer.Option(False, "--no-themes", help="Skip theme tagging."),
):
    """Process many article files in parallel; verify with one price load per security.

    Example: tapecheck batch 'archive/**/*.txt' --engine dask --partition-size 200
    """
    from tapecheck.batch import progress_bar, run_batch

    with progress_bar(err) as progress:      # a row per stage: ingest + extract, verify + write
        report = run_batch(_store(), inputs, engine=engine, scheduler=scheduler,
                           partition_size=partition_size, offline=offline,
                           themes=not no_themes, progress=progress)
    out.print(report.summary(), markup=False, highlight=False)
    if report.failed:
        raise typer.Exit(2)


# -- entry point -----------------------------------------------------------------------
def main() -> None:
    command = typer.main.get_command(app)
    try:
        code = command.main(prog_name="tapecheck", standalone_mode=False)
    except (click.exceptions.Abort, typer.Abort):
        err.print("aborted")
        code = 130
    except (click.ClickException, typer.TyperException) as error:
        # typer carries its own copy of click: a usage error (unknown option or
        # command, extra argument) comes from either and is shown as click shows it
        show = getattr(error, "show", None)
        if show is None:
            err.print(f"error: {error}", markup=False, highlight=False)
        else:
            show()
        code = getattr(error, "exit_code", 2)
    except TapecheckError as error:
        err.print(f"error: {error}", markup=False, highlight=False)
        code = error.exit_code
    except KeyboardInterrupt:
        code = 130
    except Exception as error:  # never a traceback for a user
        if os.environ.get("TAPECHECK_DEBUG"):
            raise
        err.print(f"error: unexpected {type(error).__name__}: {error} "
                  "(set TAPECHECK_DEBUG=1 for details)", markup=False, highlight=False)
        code = 1
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
