"""Train kronika's attribution-cue model on PolNeAR (train split only), CPU only.

Every verb of the training articles is an example; it is a cue when it lies inside a gold
Cue span. Every fifth article (sorted by name) is held out to choose the regularisation (by
held-out log-loss) and the threshold (the highest whose quote content F1 at 0.3 overlap,
rules plus model, on the held-out articles is within 0.005 of the best); the model is then
refitted on the whole split and written to ``kronika/data/models/quotes/cue_model.json``.

    python scripts/train_quote_cues.py [--data DIR] [--cache FILE] [--out FILE]

Needs scikit-learn (in requirements.lock) and the spaCy model. See docs/quotes.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
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
from quotes import Article, Counts, prf, read_split, score_article  # noqa: E402

from kronika.extract.actors import resolve_mentions  # noqa: E402
from kronika.extract.cue_model import CueModel, cue_features  # noqa: E402
from kronika.extract.entities import extract_entities  # noqa: E402
from kronika.extract.quotes import QuoteContext, find_quotes  # noqa: E402
from kronika.knowledge import load_knowledge  # noqa: E402
from kronika.nlp.pipeline import load_pipeline, parse_cached  # noqa: E402
from kronika.settings import Settings  # noqa: E402

VERSION = "1.0.0"
C_GRID = (0.1, 0.3, 1.0)
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
MIN_COUNT = 2
F1_SLACK = 0.005
OUT = ROOT / "kronika" / "data" / "models" / "quotes" / "cue_model.json"


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


def fit(rows: list[list[str]], labels: list[int], c: float) -> dict[str, float]:
    counts = Counter(f for feats in rows for f in feats)
    index = {f: k for k, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_COUNT))}
    model = LogisticRegression(C=c, solver="liblinear", fit_intercept=False, max_iter=500)
    model.fit(matrix(rows, index), np.array(labels))
    return {f: float(model.coef_[0][k]) for f, k in index.items() if abs(model.coef_[0][k]) > 1e-3}


def probabilities(weights: dict[str, float], rows: list[list[str]]) -> np.ndarray:
    z = np.array([sum(weights.get(f, 0.0) for f in feats) for feats in rows])
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def quote_f1(
    articles: list[Article], docs: list[Doc], resolutions: list[Any], model: CueModel | None
) -> dict[str, float]:
    ctx = QuoteContext.from_registry(load_knowledge().registry)
    ctx = QuoteContext(ctx.lexicon, ctx.lookup, ctx.by_id, cue_model=model)
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
    best_c, best_loss = C_GRID[0], float("inf")
    for c in C_GRID:
        loss = log_loss(y_held, probabilities(fit(x_fit, y_fit, c), x_held))
        print(f"C={c}: held-out log-loss {loss:.4f}", flush=True)
        if loss < best_loss:
            best_c, best_loss = c, loss
    weights = fit(x_fit, y_fit, best_c)
    knowledge = load_knowledge()
    context = knowledge.context(reference_date=None)
    held_articles = [articles[k] for k in held]
    held_docs = [docs[k] for k in held]
    resolutions = []
    for doc in held_docs:
        ents = extract_entities(
            doc, model_id=pipeline.model_id, label_precision=pipeline.label_precision
        )
        resolutions.append(resolve_mentions(doc, ents, context))
    f1s = {}
    for t in THRESHOLDS:
        model = CueModel(weights, t, VERSION) if t <= 1 else None
        score = quote_f1(held_articles, held_docs, resolutions, model)
        print(f"threshold {t}: held-out quotes {score}", flush=True)
        f1s[t] = score["f1"]
    # the most precise threshold within F1_SLACK of the best: a verb read as a cue when it
    # is not one turns an action into someone's statement
    best_f1 = max(f1s.values())
    best_t = max(t for t, f1 in f1s.items() if f1 >= best_f1 - F1_SLACK)
    final = CueModel(fit(*part(list(range(len(articles)))), best_c), best_t, VERSION)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(final.to_json() + "\n", "utf-8")
    print(
        f"C={best_c} threshold={best_t} (held-out F1@0.3 {f1s[best_t]:.3f}); "
        f"{len(final.weights)} weights -> {args.out} in {time.time() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
