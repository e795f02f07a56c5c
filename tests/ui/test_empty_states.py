"""What an analyst sees before there is anything to see: each empty page says what
to do next (a fresh database holds no prices either), and the evidence never
shows a missing value as 'nan'."""

from __future__ import annotations

import re

import pytest
from conftest import no_errors, open_app

from tapecheck.store import Store


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """A brand-new database: no articles, no prices."""
    path = tmp_path / "fresh.db"
    monkeypatch.setenv("TAPECHECK_DB", str(path))
    monkeypatch.setenv("TAPECHECK_OFFLINE", "1")
    store = Store.open(path)
    yield store
    store.close()


@pytest.mark.parametrize("page", ["review", "explorer"])
def test_a_fresh_database_says_how_to_start_and_that_prices_are_missing(fresh, page):
    at = open_app(page)
    no_errors(at)
    info = " ".join(i.value for i in at.info)
    assert "Upload an article" in info and f"tapecheck --db {fresh.path} demo" in info
    assert any("No prices are stored yet" in w.value and "tapecheck prices import" in w.value
               for w in at.warning)


def test_upload_warns_before_checking_against_no_prices(fresh):
    at = open_app("upload")
    no_errors(at)
    assert any("No prices are stored yet" in w.value for w in at.warning)


def test_securities_page_without_prices_says_what_to_do(fresh):
    at = open_app("securities")
    no_errors(at)
    assert any("No prices are stored yet" in w.value for w in at.warning)
    table = at.dataframe[0].value
    assert "None" not in set(table["first"].astype(str)) | set(table["source"].astype(str))


def test_evidence_has_no_nan_and_ranges_in_the_claims_unit(seeded):
    _, articles = seeded
    at = open_app("review", article=articles["week"].id)
    no_errors(at)
    evidence = " ".join(m.value for m in at.markdown if "-badge[" in m.value)
    assert "accepted range" in evidence
    assert not re.search(r"\bnan\b", evidence, re.IGNORECASE)
