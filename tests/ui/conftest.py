"""Fixtures for the app's tests: a real SQLite database filled through the store,
and AppTest sessions on the real app entry point."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

sys.path.insert(0, str(Path(__file__).parent))
import seed  # noqa: E402

APP = Path(__file__).resolve().parents[2] / "ui" / "app.py"


@pytest.fixture
def seeded(tmp_path, monkeypatch):
    """(store, articles) on a fresh database the app will open."""
    path = tmp_path / "ui.db"
    monkeypatch.setenv("TAPECHECK_DB", str(path))
    monkeypatch.setenv("TAPECHECK_OFFLINE", "1")
    store, articles = seed.seed(path)
    yield store, articles
    store.close()


@pytest.fixture
def empty_db(tmp_path, monkeypatch):
    path = tmp_path / "empty.db"
    monkeypatch.setenv("TAPECHECK_DB", str(path))
    monkeypatch.setenv("TAPECHECK_OFFLINE", "1")
    from tapecheck.store import Store

    store = Store.open(path)
    seed.load_prices(store)
    yield store
    store.close()


def open_app(page: str | None = None, **query) -> AppTest:
    """A fresh browser session on the app (optionally on a page, with ?query)."""
    at = AppTest.from_file(str(APP), default_timeout=180)
    for key, value in query.items():
        at.query_params[key] = value
    if page:
        at.switch_page(f"views/{page}.py")
    return at.run()


def no_errors(at: AppTest) -> None:
    """The page rendered without a traceback or an error box."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.fixture
def downloads(monkeypatch):
    """What a download button would hand the browser: the stored bytes, or what its
    deferred callable returns when clicked (the app's media storage is in memory)."""
    held: dict[str, bytes] = {}
    deferred: dict[str, object] = {}
    original = MemoryMediaFileStorage.load_and_get_id
    original_deferred = MediaFileManager.add_deferred

    def keep(self, path_or_data, mimetype, kind, filename=None):
        file_id = original(self, path_or_data, mimetype, kind, filename)
        held[file_id] = path_or_data if isinstance(path_or_data, bytes) else str(path_or_data).encode()
        return file_id

    def keep_deferred(self, data_callable, *args, **kwargs):
        file_id = original_deferred(self, data_callable, *args, **kwargs)
        deferred[file_id] = data_callable
        return file_id

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", keep)
    monkeypatch.setattr(MediaFileManager, "add_deferred", keep_deferred)

    def data_of(button) -> bytes:
        if button.proto.deferred_file_id:
            out = deferred[button.proto.deferred_file_id]()
            return out.encode("utf-8") if isinstance(out, str) else out
        file_id = button.proto.url.rsplit("/", 1)[-1].split(".")[0]
        return held[file_id]

    return data_of
