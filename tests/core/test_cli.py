"""The command-line contract, end to end on a temporary database."""

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tapecheck import cli as cli_module, config

PRICES = config.data_dir() / "prices"

REQUIRED_KEYS = {
    "article_id", "sentence", "entity", "ticker", "metric", "value", "qualifier", "period",
    "period_source", "as_of", "as_of_source", "window_start", "window_end", "start_close",
    "end_close", "actual", "verdict", "reason",
}


def real_move(ticker, start, end):
    rows = {r["date"]: float(r["close"]) for r in
            csv.DictReader(open(PRICES / f"{ticker.replace('^', '_')}.csv"))}
    return rows[start], rows[end], (rows[end] / rows[start] - 1) * 100


@pytest.fixture
def db(tmp_path):
    return tmp_path / "cli.db"


def test_prices_import_folder_reads_tickers_from_file_names(tmp_path, db, cli):
    folder = tmp_path / "prices"
    folder.mkdir()
    for name in ("_N225.csv", "285A.T.csv"):
        shutil.copy(PRICES / name, folder / name)
    code, out, _ = cli("--db", db, "prices", "import", folder)
    assert code == 0
    assert "^N225" in out and "285A.T" in out
    code, out, _ = cli("--db", db, "prices", "list")
    assert "^N225" in out and "2026-07-10" in out


def test_prices_import_rejects_a_file_without_close(tmp_path, db, cli):
    bad = tmp_path / "XYZ.csv"
    bad.write_text("date,open\n2026-01-05,10\n")
    code, out, err = cli("--db", db, "prices", "import", bad)
    assert code != 0
    assert "close" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_ingest_verify_claims_round_trip(tmp_path, db, cli):
    start_close, end_close, move = real_move("^N225", "2026-02-06", "2026-02-13")
    text = (f"Tokyo stocks had a strong week.\n\nThe Nikkei 225 rose {move:.1f}% this week, "
            "helped by exporters and chip names.\n")
    article = tmp_path / "week.txt"
    article.write_text(text)

    code, out, _ = cli("--db", db, "ingest", article, "--published", "2026-02-13")
    assert code == 0
    article_id = out.strip()
    assert len(article_id) == 16
    code, again, _ = cli("--db", db, "ingest", article)          # same text twice
    assert again.strip() == article_id

    # No prices yet: unverifiable with the reason, not a crash or a guess.
    code, _, _ = cli("--db", db, "verify", "--offline")
    assert code == 0
    _, out, _ = cli("--db", db, "claims", "--format", "json")
    claims = json.loads(out)
    nikkei = [c for c in claims if c["ticker"] == "^N225" and c["metric"] == "price_return"]
    assert nikkei and nikkei[0]["verdict"] == "unverifiable"
    assert "no price data" in nikkei[0]["reason"]

    cli("--db", db, "prices", "import", PRICES / "_N225.csv")
    code, _, _ = cli("--db", db, "verify", "--offline")
    _, out, _ = cli("--db", db, "claims", "--article", article_id, "--format", "json")
    claim = [c for c in json.loads(out) if c["ticker"] == "^N225" and c["metric"] == "price_return"][0]
    assert REQUIRED_KEYS <= set(claim)
    assert claim["value"] == pytest.approx(round(move, 1))
    assert claim["period"] == "week"
    assert claim["as_of"] == "2026-02-13" and claim["as_of_source"] == "published"
    assert claim["window_start"] == "2026-02-06" and claim["window_end"] == "2026-02-13"
    assert claim["start_close"] == pytest.approx(start_close)
    assert claim["end_close"] == pytest.approx(end_close)
    assert claim["verdict"] == "supported"

    _, out, _ = cli("--db", db, "claims", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and REQUIRED_KEYS <= set(rows[0])


def test_unknown_article_is_one_line_and_nonzero(db, cli):
    code, _, err = cli("--db", db, "claims", "--article", "0000000000000000")
    assert code != 0
    assert err.strip().startswith("error:") and "Traceback" not in err


@pytest.mark.parametrize("args, says", [
    (("claims", "extra"), "unexpected extra argument"),
    (("--no-such-option",), "No such option: --no-such-option"),
    (("claimz",), "Did you mean 'claims'"),
])
def test_a_mistyped_command_line_gets_usage_help_not_an_internal_error(db, cli, args, says):
    code, _, err = cli("--db", db, *args)
    assert code == 2
    assert says in err and "Try 'tapecheck" in err
    assert "unexpected UsageError" not in err and "TAPECHECK_DEBUG" not in err


def test_bad_published_value_is_a_clear_error(tmp_path, db, cli):
    article = tmp_path / "a.txt"
    article.write_text("Toyota shares rose 2% on Friday.")
    code, _, err = cli("--db", db, "ingest", article, "--published", "next tuesday-ish")
    assert code != 0 and "Traceback" not in err and "publication date" in err.lower()


def test_every_command_is_documented_with_an_example():
    import typer

    root = typer.main.get_command(cli_module.app)

    def walk(group, prefix=""):
        for name, command in group.commands.items():
            if hasattr(command, "commands"):
                yield from walk(command, f"{prefix}{name} ")
            else:
                yield f"{prefix}{name}", command

    for name, command in walk(root):
        assert command.help and "Example:" in command.help, f"`tapecheck {name}` lacks an example"


def test_installed_entry_point_runs_demo(db):
    """The real console script, as a user runs it."""
    exe = Path(sys.executable).with_name("tapecheck")
    result = subprocess.run([str(exe), "--db", str(db), "demo"], capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "supported" in result.stdout
    listing = subprocess.run([str(exe), "--db", str(db), "claims", "--format", "json"],
                             capture_output=True, text=True, timeout=300)
    rows = json.loads(listing.stdout)
    verdicts = {r["verdict"] for r in rows}
    assert {"supported", "exaggerated", "unverifiable"} <= verdicts
    assert len({r["article_id"] for r in rows}) >= 12
    checked = [r for r in rows if r["verdict"] in ("supported", "exaggerated", "understated")]
    assert all(r["start_close"] and r["end_close"] and r["window_start"] and r["window_end"]
               for r in checked)


def test_ingest_reads_standard_input_as_bytes(db, cli, monkeypatch):
    # Windows-1252 curly quotes in an otherwise UTF-8 paste must be repaired, not dropped.
    raw = "Toyota\u2019s shares rose 2% on Friday.".encode("cp1252")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
    code, out, err = cli("--db", db, "ingest", "-", "--published", "2026-02-13")
    assert code == 0, err
    from tapecheck.store import Store

    article = Store.open(db).article(out.strip())
    assert article.source == "stdin" and "Toyota's shares rose 2%" in article.text


def test_other_url_schemes_are_refused_as_urls(db, cli):
    code, _, err = cli("--db", db, "ingest", "ftp://example.com/note.txt")
    assert code == 2 and "http" in err and "No such file" not in err
