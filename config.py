"""Where things live, and the few settings a user can change.

Every setting has an environment variable so the CLI, the app and a batch
worker agree without passing flags around.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

DEFAULT_DB = Path.home() / ".tapecheck" / "tapecheck.db"


def db_path(explicit: str | os.PathLike | None = None) -> Path:
    """--db beats TAPECHECK_DB beats ~/.tapecheck/tapecheck.db."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("TAPECHECK_DB")
    return Path(env).expanduser() if env else DEFAULT_DB


def data_dir() -> Path:
    """Bundled data (registry, vocabularies, themes, demo, price snapshot), found
    through the installed package, never through the current directory."""
    return Path(str(resources.files("tapecheck") / "data"))


def user_dir() -> Path:
    """User-extendable data files (extra securities, aliases, themes)."""
    return Path(os.environ.get("TAPECHECK_HOME", Path.home() / ".tapecheck")).expanduser()


def _env(name: str, default: str) -> str:
    return os.environ.get(name, default)


@dataclass(frozen=True)
class Limits:
    """Read from the environment each time ``limits()`` is called."""

    max_file_bytes: int = field(default_factory=lambda: int(float(_env("TAPECHECK_MAX_FILE_MB", "50")) * 1024 * 1024))
    max_fetch_bytes: int = field(default_factory=lambda: int(float(_env("TAPECHECK_MAX_FETCH_MB", "10")) * 1024 * 1024))
    fetch_timeout_s: float = field(default_factory=lambda: float(_env("TAPECHECK_FETCH_TIMEOUT", "15")))
    max_redirects: int = 5
    # Intranet use: let URL ingest reach private addresses. Off by default.
    allow_private_urls: bool = field(default_factory=lambda: _env(
        "TAPECHECK_ALLOW_PRIVATE_URLS", "").lower() in ("1", "true", "yes"))


def limits() -> Limits:
    return Limits()


def model_path() -> str | None:
    """Sentence-embedding model: TAPECHECK_MODEL (a directory) or the packaged MiniLM."""
    return os.environ.get("TAPECHECK_MODEL") or None


def torch_threads() -> int:
    """Intra-op threads for the embedding model (TAPECHECK_TORCH_THREADS, default 1)."""
    try:
        return max(1, int(os.environ.get("TAPECHECK_TORCH_THREADS", "1")))
    except ValueError:
        return 1
