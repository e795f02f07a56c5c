"""Every page answers at its own address, and a review link names its article.

A browser opening http://host/review?article=ID asks the server for the page by
its URL path (no page hash). These tests make that same request through
AppTest and fail when Streamlit would show "page not found" over the default.
"""

from __future__ import annotations

import functools

import pytest
from conftest import APP, no_errors, open_app
from streamlit.commands import navigation
from streamlit.runtime.scriptrunner import RerunData
from streamlit.testing.v1 import AppTest, local_script_runner

TITLES = {"upload": "Upload articles", "explorer": "Claims explorer", "themes": "Themes",
          "securities": "Securities"}


def open_link(monkeypatch, path: str, **query) -> tuple[AppTest, list[str]]:
    """The app as a browser opening /<path>?<query>; also the "page not found"
    notices Streamlit sent."""
    not_found: list[str] = []
    monkeypatch.setattr(navigation, "send_page_not_found", lambda ctx: not_found.append(path))
    monkeypatch.setattr(local_script_runner, "RerunData",
                        functools.partial(RerunData, page_name=path))
    at = AppTest.from_file(str(APP), default_timeout=180)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run(), not_found


def selected_article(at) -> str:
    return next(s for s in at.selectbox if s.key == "review_article").value


@pytest.mark.parametrize("path", ["", "review"])
def test_a_review_link_opens_that_article(seeded, monkeypatch, path):
    _, articles = seeded
    undated = articles["undated"]
    at, not_found = open_link(monkeypatch, path, article=undated.id)
    no_errors(at)
    assert not_found == []
    assert selected_article(at) == undated.id
    assert at.query_params["article"] == undated.id


def test_a_short_article_id_in_the_link_is_enough(seeded, monkeypatch):
    _, articles = seeded
    at, not_found = open_link(monkeypatch, "review", article=articles["week"].id[:10])
    assert not_found == [] and selected_article(at) == articles["week"].id
    assert at.query_params["article"] == articles["week"].id   # the link is made whole


@pytest.mark.parametrize("path", sorted(TITLES))
def test_every_page_answers_at_its_own_address(seeded, monkeypatch, path):
    at, not_found = open_link(monkeypatch, path)
    no_errors(at)
    assert not_found == []
    assert at.title[0].value == TITLES[path]


def test_an_unknown_address_still_says_page_not_found(seeded, monkeypatch):
    _, not_found = open_link(monkeypatch, "no-such-page")
    assert not_found == ["no-such-page"]


def test_a_link_to_a_missing_article_says_so(seeded, monkeypatch):
    at, _ = open_link(monkeypatch, "review", article="ffffffffffff")
    assert not at.exception
    assert any("No article in this database has the id" in w.value for w in at.warning)


def test_selecting_an_article_puts_it_in_the_address(seeded):
    _, articles = seeded
    at = open_app("review")
    other = next(i for i in (a.id for a in articles.values()) if i != selected_article(at))
    next(s for s in at.selectbox if s.key == "review_article").set_value(other).run()
    assert at.query_params["article"] == other

