"""Train kronika's two attribution models on PolNeAR (train split only), CPU only.

1. **Cue model.** Every verb of the training articles is an example; it is a cue when it
   lies inside a gold Cue span.
2. **Attribution model.** After the rules and the cue model have run, every proposal of the
   learned pass (a verb or noun no rule used, with the content the parse gives it and a
   subject; ``kronika.extract.quotes.attribution_proposals``) is an example; it is positive
   when its content matches a gold Content at 0.3 overlap and its cue lies in that
   attribution's Cue. Its inputs are sparse features and the sentence encoder's vectors of
   the cue and the content (``kronika.extract.quotes.proposal_vector``).

Every fifth article (sorted by name) is held out to choose each model's regularisation (by
held-out log-loss) and threshold (the highest whose quote content F1 at 0.3 overlap on the
held-out articles is within 0.005 of the best); each model is then refitted on the whole
split and written to ``kronika/data/models/quotes/``.

    python scripts/train_quote_cues.py [--data DIR] [--cache FILE] [--out DIR]

Needs scikit-learn (in requirements.lock) and the spaCy model. See docs/quotes.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse  # type: ignore[import-untyped]
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
from sklearn.metrics import log_loss  # type: ignore[import-untyped]
from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from common import benchmarks_dir  # noqa: E402
from quotes import THRESHOLD, Article, Counts, prf, read_split, score_article  # noqa: E402
from quotes import tokens as word_starts  # noqa: E402

from kronika.extract.actors import resolve_mentions  # noqa: E402
from kronika.extract.cue_model import (  # noqa: E402
    ATTRIBUTION_MODEL,
    CUE_MODEL,
    CueModel,
    cue_features,
)
from kronika.extract.entities import extract_entities  # noqa: E402
from kronika.extract.quotes import (  # noqa: E402
    Proposal,
    QuoteContext,
    attribution_proposals,
    find_quotes,
)
from kronika.knowledge import load_knowledge  # noqa: E402
from kronika.nlp.embeddings import FRAMING_LAYERS  # noqa: E402
from kronika.nlp.pipeline import load_pipeline, parse_cached  # noqa: E402
from kronika.settings import Settings  # noqa: E402

VERSION = "1.4.0"
C_GRID = (0.03, 0.1, 0.3, 1.0)
THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
DENSE_SCALE = 3.0
"""The attribution model's dense inputs are multiplied by this before fitting (a weaker
penalty on them than on the sparse ones); chosen, with the inputs themselves, by held-out
log-loss and average precision on the held-out fifth of train."""
ENCODER_LAYERS = FRAMING_LAYERS
"""The encoder depth of the dense inputs: framing's, so a document is encoded once."""
MIN_COUNT = 2
F1_SLACK = 0.005
OUT = ROOT / "kronika" / "data" / "models" / "quotes"


def examples(article: Article, doc: Doc) -> list[tuple[list[str], int]]:
    cue_chars = {i for g in article.gold for a, b in g.cue for i in range(a, b)}
    return [
        (cue_features(t), int(t.idx in cue_chars)) for t in doc if t.pos_ == "VERB" and t.is_alpha
    ]


def matrix(rows: list[list[str]], index: dict[str, int]) -> Any:
    data_rows, cols = [], []
    for r, feats in enumerate(rows):
        for f in feats:
            k = index.get(f)
            if k is not None:
                data_rows.append(r)
                cols.append(k)
    values = np.ones(len(cols), dtype=np.float32)
    return sparse.csr_matrix((values, (data_rows, cols)), shape=(len(rows), len(index)))


Fitted = tuple[dict[str, float], tuple[float, ...]]
"""A logistic regression: sparse feature weights, and the dense part's weights (or ())."""


def fit(
    rows: list[list[str]], labels: list[int], c: float, vectors: np.ndarray | None = None
) -> Fitted:
    counts = Counter(f for feats in rows for f in feats)
    index = {f: k for k, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_COUNT))}
    x = matrix(rows, index)
    if vectors is not None:
        x = sparse.hstack([x, sparse.csr_matrix(vectors * DENSE_SCALE)]).tocsr()
    model = LogisticRegression(C=c, solver="liblinear", fit_intercept=False, max_iter=500)
    model.fit(x, np.array(labels))
    coef = model.coef_[0]
    weights = {f: float(coef[k]) for f, k in index.items() if abs(coef[k]) > 1e-3}
    dense = tuple(float(v) * DENSE_SCALE for v in coef[len(index) :]) if vectors is not None else ()
    return weights, dense


def probabilities(
    fitted: Fitted, rows: list[list[str]], vectors: np.ndarray | None = None
) -> np.ndarray:
    weights, dense = fitted
    z = np.array([sum(weights.get(f, 0.0) for f in feats) for feats in rows])
    if dense and vectors is not None:
        z = z + vectors @ np.asarray(dense)
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def proposal_examples(
    article: Article, doc: Doc, resolution: Any, ctx: QuoteContext
) -> list[tuple[list[str], np.ndarray, int]]:
    gold = [(g, word_starts(article.text, g.content)) for g in article.gold]

    def matches(p: Proposal) -> bool:
        words = word_starts(article.text, [p.content])
        return any(
            len(words & g_words) >= THRESHOLD * max(len(words), len(g_words))
            and any(a < p.cue[1] and p.cue[0] < b for a, b in g.cue)
            for g, g_words in gold
            if g_words
        )

    return [
        (p.features, p.vector, int(matches(p)))
        for p in attribution_proposals(doc, resolution, ctx, ENCODER_LAYERS)
    ]


def choose(
    x_fit: list[list[str]],
    y_fit: list[int],
    x_held: list[list[str]],
    y_held: list[int],
    v_fit: np.ndarray | None = None,
    v_held: np.ndarray | None = None,
) -> float:
    """The regularisation with the best held-out log-loss."""
    best_c, best_loss = C_GRID[0], float("inf")
    for c in C_GRID:
        fitted = fit(x_fit, y_fit, c, v_fit)
        loss = log_loss(y_held, probabilities(fitted, x_held, v_held))
        print(f"C={c}: held-out log-loss {loss:.4f}", flush=True)
        if loss < best_loss:
            best_c, best_loss = c, loss
    return best_c


def best_threshold(f1s: dict[float, float]) -> float:
    """The most precise threshold within F1_SLACK of the best: a verb read as a cue when it
    is not one turns an action into someone's statement."""
    best_f1 = max(f1s.values())
    return max(t for t, f1 in f1s.items() if f1 >= best_f1 - F1_SLACK)


def quote_f1(
    articles: list[Article],
    docs: list[Doc],
    resolutions: list[Any],
    model: CueModel | None,
    attribution: CueModel | None = None,
) -> dict[str, float]:
    ctx = QuoteContext.from_registry(load_knowledge().registry)
    ctx = QuoteContext(
        ctx.lexicon, ctx.lookup, ctx.by_id, cue_model=model, attribution_model=attribution
    )
    counts = Counts()
    for art, doc, res in zip(articles, docs, resolutions, strict=True):
        score_article(art, find_quotes(doc, res, None, ctx), counts)
    return prf(counts.tp["overlap"], counts.gold, counts.pred)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", help="benchmarks directory (default: ../shared/benchmarks)")
    ap.add_argument("--cache", type=Path, help="DocBin file to keep the parses in")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    started = time.time()
    articles = read_split(benchmarks_dir(args.data), "train")
    pipeline = load_pipeline(Settings())
    docs = parse_cached(pipeline.nlp, [a.text for a in articles], args.cache)
    print(f"{len(articles)} articles parsed in {time.time() - started:.0f} s", flush=True)
    held = [k for k in range(len(articles)) if k % 5 == 4]
    fit_part = [k for k in range(len(articles)) if k % 5 != 4]
    per_article = [examples(a, d) for a, d in zip(articles, docs, strict=True)]

    def part(ks: list[int]) -> tuple[list[list[str]], list[int]]:
        pairs = [e for k in ks for e in per_article[k]]
        return [f for f, _ in pairs], [y for _, y in pairs]

    x_fit, y_fit = part(fit_part)
    x_held, y_held = part(held)
    print(f"verbs: {len(y_fit)} fit ({sum(y_fit)} cues), {len(y_held)} held out", flush=True)
    cue_c = choose(x_fit, y_fit, x_held, y_held)
    weights, _ = fit(x_fit, y_fit, cue_c)
    knowledge = load_knowledge()
    context = knowledge.context(reference_date=None)
    resolutions = []
    for doc in docs:
        ents = extract_entities(
            doc, model_id=pipeline.model_id, label_precision=pipeline.label_precision
        )
        resolutions.append(resolve_mentions(doc, ents, context))
    print(f"mentions resolved at {time.time() - started:.0f} s", flush=True)

    def evaluate(model: CueModel | None, attribution: CueModel | None = None) -> dict[str, float]:
        return quote_f1(
            [articles[k] for k in held],
            [docs[k] for k in held],
            [resolutions[k] for k in held],
            model,
            attribution,
        )

    f1s = {}
    for t in THRESHOLDS:
        score = evaluate(CueModel(weights, t, VERSION) if t <= 1 else None)
        print(f"cue threshold {t}: held-out quotes {score}", flush=True)
        f1s[t] = score["f1"]
    cue_t = best_threshold(f1s)
    cue_model = CueModel(fit(*part(list(range(len(articles)))), cue_c)[0], cue_t, VERSION)
    print(f"cue model: C={cue_c} threshold={cue_t} (held-out F1@0.3 {f1s[cue_t]:.3f})")

    # the attribution model, on what the rules and the fit part's cue model leave
    base = QuoteContext.from_registry(knowledge.registry)
    fit_ctx = replace(base, cue_model=CueModel(weights, cue_t, VERSION))
    proposals = [
        proposal_examples(articles[k], docs[k], resolutions[k], fit_ctx)
        for k in range(len(articles))
    ]

    def columns(ks: list[int]) -> tuple[list[list[str]], list[int], np.ndarray]:
        rows = [e for k in ks for e in proposals[k]]
        return [f for f, _, _ in rows], [y for _, _, y in rows], np.stack([v for _, v, _ in rows])

    xs_fit, ys_fit, vs_fit = columns(fit_part)
    xs_held, ys_held, vs_held = columns(held)
    print(f"proposals: {len(ys_fit)} fit ({sum(ys_fit)} attributions), {len(ys_held)} held out")
    attr_c = choose(xs_fit, ys_fit, xs_held, ys_held, vs_fit, vs_held)
    attr_weights, attr_dense = fit(xs_fit, ys_fit, attr_c, vs_fit)

    def attribution_model(fitted: Fitted, threshold: float) -> CueModel:
        return CueModel(fitted[0], threshold, VERSION, fitted[1], ENCODER_LAYERS)

    f1s = {}
    for t in THRESHOLDS:
        attribution = attribution_model((attr_weights, attr_dense), t) if t <= 1 else None
        score = evaluate(fit_ctx.cue_model, attribution)
        print(f"attribution threshold {t}: held-out quotes {score}", flush=True)
        f1s[t] = score["f1"]
    attr_t = best_threshold(f1s)
    final_ctx = replace(base, cue_model=cue_model)
    proposals = [
        proposal_examples(articles[k], docs[k], resolutions[k], final_ctx)
        for k in range(len(articles))
    ]
    xs_all, ys_all, vs_all = columns(list(range(len(articles))))
    final = attribution_model(fit(xs_all, ys_all, attr_c, vs_all), attr_t)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, model in ((CUE_MODEL, cue_model), (ATTRIBUTION_MODEL, final)):
        (args.out / name).write_text(model.to_json() + "\n", "utf-8")
    print(
        f"attribution model: C={attr_c} threshold={attr_t} (held-out F1@0.3 {f1s[attr_t]:.3f}); "
        f"{len(cue_model.weights)} + {len(final.weights)} weights -> {args.out} "
        f"in {time.time() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
