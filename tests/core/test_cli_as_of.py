"""The command line says which as-of each figure was counted to, and shows a
verdict on an inferred as-of as conditional (exports flag it); stored verdicts
are unchanged. Real pipeline on a temporary database with the bundled prices."""

import csv
import io
import json
from pathlib import Path

import pytest

from tapecheck import config

NOTES = Path(__file__).resolve().parent.parent / "fixtures" / "as_of"
UNDATED = (NOTES / "undated-chip-week.txt").read_text(encoding="utf-8")
DATED = (NOTES / "dated-note.txt").read_text(encoding="utf-8")


@pytest.fixture
def loaded(tmp_path, cli):
    """(db, undated id, dated id) after prices import, ingest and offline verify."""
    db = tmp_path / "asof.db"
    code, _, _ = cli("--db", db, "prices", "import", config.data_dir() / "prices")
    assert code == 0
    files = []
    for name, text in (("undated.txt", UNDATED), ("dated.txt", DATED)):
        (tmp_path / name).write_text(text)
        files.append(tmp_path / name)
    _, undated, _ = cli("--db", db, "ingest", files[0])
    _, dated, _ = cli("--db", db, "ingest", files[1], "--published", "2026-02-13")
    return db, undated.strip(), dated.strip()


def test_verify_says_the_as_of_and_that_inferred_verdicts_are_conditional(loaded, cli):
    db, undated, dated = loaded
    code, out, _ = cli("--db", db, "verify", "--offline")
    assert code == 0
    lines = {line.split()[0]: line for line in out.splitlines() if line.strip()}
    assert "as of 2026-02-13 (from the publication time)" in lines[dated]
    assert "conditional" not in lines[dated]
    inferred = lines[undated]
    assert " claims: verdicts are conditional on it)" in inferred and "inferred from " in inferred
    assert f"tapecheck verify --article {undated[:12]} --as-of YYYY-MM-DD" in inferred


def test_claims_table_stars_conditional_verdicts_and_names_each_as_of(loaded, cli):
    db, undated, dated = loaded
    cli("--db", db, "verify", "--offline")
    _, out, _ = cli("--db", db, "claims")
    heading = next(line for line in out.splitlines() if line.startswith(undated[:8]))
    assert "as of " in heading and "verdicts are conditional" in heading
    assert any(line.startswith(dated[:8]) and "from the publication time" in line
               for line in out.splitlines())
    assert "supported *" in out or "exaggerated *" in out
    assert "* holds only if the article is from " in out
    # one block per article, each starting at its heading line
    blocks = {}
    for line in out.splitlines():
        if line[:8] in (undated[:8], dated[:8]):
            current = blocks.setdefault(line[:8], [])
        current.append(line)
    assert not any(" *" in line for line in blocks[dated[:8]])
    assert any(" *" in line for line in blocks[undated[:8]])

def test_claims_exports_flag_conditional_verdicts(loaded, cli):
    db, undated, dated = loaded
    cli("--db", db, "verify", "--offline")
    _, out, _ = cli("--db", db, "claims", "--format", "json")
    rows = json.loads(out)
    for row in rows:
        inferred = row["article_id"] == undated
        assert row["as_of_source"] == ("inferred" if inferred else "published")
        assert row["verdict_conditional"] is (inferred and row["verdict"] != "unverifiable")
        assert bool(row["as_of_support"]) is inferred
        assert " if " not in row["verdict"]                     # stored verdict unchanged
    _, out, _ = cli("--db", db, "claims", "--format", "csv")
    table = list(csv.DictReader(io.StringIO(out)))
    assert {r["verdict_conditional"] for r in table if r["article_id"] == dated} == {"False"}
    assert "True" in {r["verdict_conditional"] for r in table if r["article_id"] == undated}


def test_timeline_and_themes_say_which_as_of_their_figures_use(loaded, cli):
    db, undated, dated = loaded
    cli("--db", db, "verify", "--offline")
    _, out, _ = cli("--db", db, "themes", "--article", undated, "--format", "json")
    told = json.loads(out)
    assert told and told[0]["dated_by"] == "as_of"
    theme = told[0]["theme_id"]

    _, out, _ = cli("--db", db, "themes")
    assert f"{told[0]['day']} (inferred as-of)" in out
    assert "to the last close at or before the article's as-of" in out

    _, out, _ = cli("--db", db, "timeline", "--theme", theme)
    assert "Returns are cumulative from the last close at or before " in out
    assert "that day is each figure's as-of" in out
    assert "1 without one count in the week of the as-of inferred from their claims" in out

    _, out, _ = cli("--db", db, "timeline", "--theme", theme, "--format", "json")
    weeks = json.loads(out)
    assert all(w["returns_to"] == w["week_end"] for w in weeks)
    assert len({w["returns_from"] for w in weeks}) == 1
    assert sum(w["dated_by_as_of"] for w in weeks) == 1
