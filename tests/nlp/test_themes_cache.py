"""Sentence vectors persist in the SQLite store: a re-run in a new process
(the demo again, an app restart) does not send cached sentences to the model."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np

from tapecheck import orchestrate
from tapecheck.nlp.embeddings import embedder, sentence_key
from tapecheck.nlp.themes import tagger
from tapecheck.records import Article, content_id
from tapecheck.store import Store

TEXT = ("Defence contractors in Tokyo extended their rally after the cabinet approved a record "
        "military budget for the persistence test. Chipmakers rose as memory prices climbed "
        "on demand for AI servers in the persistence test.")

# Runs in a fresh interpreter: tag the stored article again through the
# orchestration and report which sentences reached the model.
SECOND_RUN = """
import json, sys
from tapecheck import orchestrate
from tapecheck.nlp.embeddings import embedder
from tapecheck.nlp.themes import tagger
from tapecheck.store import Store

tagger()                                  # anchors are embedded before we count
model, inferred = embedder(), []
plain = model._infer
model._infer = lambda texts: (inferred.extend(texts), plain(texts))[1]
store = Store.open(sys.argv[1])
orchestrate.process(store, [sys.argv[2]], offline=True)
told = sorted(s.theme_id for s in store.theme_scores(sys.argv[2]) if s.sentence_start is None)
print(json.dumps({"inferred": inferred, "told": told}))
"""


def test_a_second_process_reads_cached_vectors_instead_of_calling_the_model(tmp_path):
    path = tmp_path / "tapecheck.db"
    store = Store.open(path)
    article = Article(content_id(TEXT), "paste", TEXT)
    store.add_article(article)
    orchestrate.process(store, [article.id], offline=True)
    told = sorted(s.theme_id for s in store.theme_scores(article.id) if s.sentence_start is None)
    assert {"defense", "ai_semiconductors"} <= set(told)

    model = embedder()
    keys = [sentence_key(TEXT[a:b]) for a, b in
            [(0, TEXT.index(" Chipmakers")), (TEXT.index("Chipmakers"), len(TEXT))]]
    stored = store.get_embeddings(keys, model.model_id)
    assert set(stored) == set(keys)
    assert np.allclose(stored[keys[0]], model.encode([TEXT[:TEXT.index(" Chipmakers")]])[0])
    assert store.get_embeddings(keys, "another-model") == {}
    store.close()

    env = dict(os.environ, TAPECHECK_HOME=str(tmp_path), HF_HUB_OFFLINE="1")
    run = subprocess.run([sys.executable, "-c", SECOND_RUN, str(path), article.id],
                         capture_output=True, text=True, env=env, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    second = json.loads(run.stdout.strip().splitlines()[-1])
    assert second["inferred"] == []
    assert second["told"] == told


def test_vectors_held_in_memory_are_written_to_a_new_store(tmp_path):
    """A sentence embedded earlier in the process (no store then) still lands
    in the store the first time a store is passed."""
    sentence = "Shipyards won frigate orders in the memory-to-store test."
    tagger().tag_sentences([sentence])
    store = Store.open(tmp_path / "t.db")
    tagger().tag_sentences([sentence], backing=store)
    assert set(store.get_embeddings([sentence_key(sentence)], embedder().model_id)) == {sentence_key(sentence)}
