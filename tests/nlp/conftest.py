from datetime import date

import pytest

from tapecheck.nlp import extract
from tapecheck.nlp.registry import load_registry
from tapecheck.records import Article, content_id


@pytest.fixture(scope="session")
def registry():
    return load_registry()


@pytest.fixture(scope="session")
def claims_of(registry):
    """Sentence in, claims out (published Friday 2026-02-20)."""
    def run(text, published=date(2026, 2, 20)):
        article = Article(id=content_id(text), source="paste", text=text, published_at=published)
        return extract(article, registry).claims
    return run
