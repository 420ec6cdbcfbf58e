"""Train the sentence-level PLOVER classifier of :mod:`kronika.extract.event_classifier`.

Training data (``../shared/benchmarks/event-coding-cameo-plover``, or ``--data``):

- the PLOVER gold sentences of the **train** part of ``bench/data/plover_split.json``
  (v0.5b1 categories mapped to the 16 as in ``bench/events.py``); the test part is never read;
- the first sentence of 2,000 of the 4,500 synthetic stories (a seeded shuffle,
  to keep training within a few minutes on 2 cores; a 300-story trial reached the same
  combined cross-validation accuracy) of ``ngec-synthetic`` (NGEC,
  Halterman 2023; the prompted POLECAT category is a pseudo-label).

Each sentence is parsed by the kronika pipeline, the rules run alone
(``find_events(..., use_classifier=False)``) and :func:`sentence_features` describes it.
Hyperparameters (the regularisation ``C``, the weight of a PLOVER sentence against a
synthetic one, and the two decision thresholds) are chosen by 5-fold cross-validation over
the PLOVER train sentences (each fold's model also sees all synthetic sentences), maximising
the accuracy of the *combined* decision (rules + classifier) on the held-out folds. The final
model is fitted on everything and written as JSON (no pickle).

    python scripts/train_event_classifier.py [--data DIR] [--out PATH] [--synthetic N]

Needs scikit-learn (training only; the pipeline reads the JSON without it). Seeds are fixed.
"""

from __future__ import annotations

import argparse
import csv
import io
import itertools
import json
import random
import sys
import time
import warnings
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix
from sklearn import __version__ as sklearn_version
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from kronika.extract.actors import resolve_mentions
from kronika.extract.entities import extract_entities
from kronika.extract.event_classifier import MODEL_PATH, rule_summary, sentence_features
from kronika.extract.events import find_events
from kronika.knowledge import load_knowledge
from kronika.nlp.pipeline import load_pipeline
from kronika.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SPLIT = ROOT / "bench" / "data" / "plover_split.json"
V05_TO_16 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
             "FIGHT": "ASSAULT"}  # fmt: skip
SEED = 13
GRID_C = (0.3, 1.0, 3.0)
GRID_WEIGHT = (3.0, 10.0)
SYNTHETIC = 2000
GRID_NEW = (0.4, 0.5)
"""The threshold for a new event where the rules find none starts at 0.4. PLOVER has no
sentence without an event, so cross-validation cannot see what a low threshold costs in
running news text; the chronicle's dev stories can (`python bench/chronicle.py`, dev B³ with
the rules of round 37 of docs/events.md): 0.2 (the grid's choice when it started at 0.0)
0.923, 0.3 0.928, 0.4 0.930; cross-validated accuracy 0.823, 0.819, 0.814 (one sentence of
226 apart each)."""
GRID_OVERRIDE = (0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


def plover_train(data: Path) -> list[tuple[str, str]]:
    records = json.loads((data / "event-coding-cameo-plover" / "PLOVER_GSR_CAMEO.json").read_text())
    by_id = {r["id"]: r for r in records if r.get("text")}
    ids = json.loads(SPLIT.read_text())["train"]
    return [(by_id[i]["text"], V05_TO_16.get(by_id[i]["event"], by_id[i]["event"])) for i in ids]


def synthetic(data: Path, limit: int | None) -> list[tuple[str, str]]:
    path = data / "event-coding-cameo-plover" / "ngec-synthetic"
    with zipfile.ZipFile(path / "gpt_synthetic_events_2023-10-19_19.csv.zip") as z:
        name = z.namelist()[0]
        rows = list(csv.DictReader(io.TextIOWrapper(z.open(name), encoding="utf-8")))
    out = []
    for row in rows:
        first = row["text"].strip().split("\n")[0].strip()
        if first and row["label"]:
            out.append((first[:600], row["label"].strip().upper()))
    random.Random(SEED).shuffle(out)
    return out[:limit] if limit else out


def featurise(texts: list[str], first_only: bool) -> list[tuple[list[str], str]]:
    """Features and the rules' main category of each text (its first sentence only, for the
    synthetic stories)."""
    pipeline = load_pipeline(Settings())
    knowledge = load_knowledge()
    context = knowledge.context(reference_date=None)
    out: list[tuple[list[str], str]] = []
    for doc in pipeline.nlp.pipe(texts, batch_size=64):
        entities = extract_entities(
            doc, model_id=pipeline.model_id, label_precision=pipeline.label_precision
        )
        resolution = resolve_mentions(doc, entities, context)
        found = find_events(doc, resolution, use_classifier=False)
        sentences = list(doc.sents)[:1] if first_only else list(doc.sents)
        keep = {s.start for s in sentences}
        rules = sorted(
            (f for f in found if doc[f.trigger].sent.start in keep),
            key=lambda f: (f.depth, -f.confidence, f.trigger),
        )
        triples = [(f.coding.type, f.how, f.depth) for f in rules]
        feats: set[str] = set()
        for s in sentences:
            here = [
                (f.coding.type, f.how, f.depth)
                for f in rules
                if doc[f.trigger].sent.start == s.start
            ]
            feats.update(sentence_features(s, here))
        if len(sentences) > 1:  # a multi-sentence gold text: one rule summary for all
            feats = {f for f in feats if not f.startswith("rule")}
            feats.update(
                f for f in sentence_features(sentences[0], triples) if f.startswith("rule")
            )
        out.append((sorted(feats), rule_summary(triples)))
    return out


class Vectoriser:
    def __init__(self, rows: list[list[str]], min_count: int) -> None:
        counts: dict[str, int] = {}
        for feats in rows:
            for f in feats:
                counts[f] = counts.get(f, 0) + 1
        self.vocab = sorted(f for f, n in counts.items() if n >= min_count)
        self.index = {f: i for i, f in enumerate(self.vocab)}

    def matrix(self, rows: list[list[str]]) -> csr_matrix:
        indptr, indices = [0], []
        for feats in rows:
            indices += sorted({self.index[f] for f in feats if f in self.index})
            indptr.append(len(indices))
        values = np.ones(len(indices), dtype=np.float64)
        return csr_matrix((values, indices, indptr), shape=(len(rows), len(self.vocab)))


def fit(rows: list[list[str]], labels: list[str], weights: list[float], c: float) -> Any:
    vec = Vectoriser(rows, min_count=2)
    model = LogisticRegression(C=c, max_iter=1000, tol=1e-3, random_state=SEED)
    model.fit(vec.matrix(rows), labels, sample_weight=np.asarray(weights))
    return vec, model


def decide(rule: str, top: str, prob: float, new: float, override: float) -> str:
    if rule == "NONE":
        return top if prob >= new else "NONE"
    return top if top != rule and prob >= override else rule


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "benchmarks"))
    ap.add_argument("--out", default=str(ROOT / "kronika" / Path(*MODEL_PATH)))
    ap.add_argument(
        "--synthetic",
        type=int,
        default=SYNTHETIC,
        help=f"synthetic stories used (default {SYNTHETIC})",
    )
    args = ap.parse_args()
    warnings.filterwarnings("ignore", category=UserWarning)
    t0 = time.perf_counter()
    data = Path(args.data)
    gold = plover_train(data)
    synth = synthetic(data, args.synthetic)
    print(f"PLOVER train {len(gold)}, synthetic {len(synth)}", file=sys.stderr)
    g_feats = featurise([t for t, _ in gold], first_only=False)
    s_feats = featurise([t for t, _ in synth], first_only=True)
    print(f"featurised in {time.perf_counter() - t0:.0f}s", file=sys.stderr)
    g_rows, g_rules = [f for f, _ in g_feats], [r for _, r in g_feats]
    g_labels = [label for _, label in gold]
    s_rows, s_labels = [f for f, _ in s_feats], [label for _, label in synth]

    folds = list(
        StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED).split(g_rows, g_labels)
    )
    results: list[tuple[float, float, float, float, float]] = []
    for c, w in itertools.product(GRID_C, GRID_WEIGHT):
        preds: list[tuple[int, str, float]] = []
        for train_idx, test_idx in folds:
            rows = s_rows + [g_rows[i] for i in train_idx]
            labels = s_labels + [g_labels[i] for i in train_idx]
            weights = [1.0] * len(s_rows) + [w] * len(train_idx)
            vec, model = fit(rows, labels, weights, c)
            proba = model.predict_proba(vec.matrix([g_rows[i] for i in test_idx]))
            for i, p in zip(test_idx, proba, strict=True):
                k = int(np.argmax(p))
                preds.append((int(i), str(model.classes_[k]), float(p[k])))
        for new, over in itertools.product(GRID_NEW, GRID_OVERRIDE):
            ok = sum(decide(g_rules[i], top, p, new, over) == g_labels[i] for i, top, p in preds)
            results.append((ok / len(preds), c, w, new, over))
        alone = sum(top == g_labels[i] for i, top, _ in preds) / len(preds)
        print(f"C={c} w={w}: classifier alone {alone:.3f}", file=sys.stderr)
    rules_alone = sum(r == g for r, g in zip(g_rules, g_labels, strict=True)) / len(g_labels)
    for c, w in itertools.product(GRID_C, GRID_WEIGHT):
        top = max(r[0] for r in results if r[1] == c and r[2] == w)
        print(f"C={c} w={w}: combined {top:.3f}", file=sys.stderr)
    # Within one PLOVER sentence of the best accuracy (the noise of 226 sentences), take the
    # most conservative setting: stronger regularisation, a lower weight, then higher
    # thresholds. The classifier never sees a sentence without an event, so a less confident
    # model with higher thresholds codes fewer of them.
    top = max(r[0] for r in results)
    near = [r for r in results if r[0] >= top - 1 / len(g_labels) - 1e-9]
    acc, c, w, new, over = max(near, key=lambda r: (-r[1], -r[2], r[3], r[4], round(r[0], 6)))
    print(f"rules alone {rules_alone:.3f}; best CV {acc:.3f}: C={c} w={w} new={new} "
          f"override={over}", file=sys.stderr)  # fmt: skip

    rows = s_rows + g_rows
    labels = s_labels + g_labels
    vec, model = fit(rows, labels, [1.0] * len(s_rows) + [w] * len(g_rows), c)
    coef = model.coef_.T  # features × classes
    out = {
        "model": "kronika.events.plover_classifier",
        "kind": "multinomial logistic regression over binary sentence features",
        "sklearn": sklearn_version,
        "trained_by": "python scripts/train_event_classifier.py",
        "training_data": {
            "plover_train_sentences": len(g_rows),
            "synthetic_first_sentences": len(s_rows),
            "split": "bench/data/plover_split.json (train part only)",
        },
        "hyperparameters": {"C": c, "plover_weight": w, "seed": SEED},
        "cross_validation": {
            "folds": 5,
            "rules_alone_accuracy": round(rules_alone, 4),
            "combined_accuracy": round(acc, 4),
        },
        "thresholds": {"new": new, "override": over},
        "classes": [str(x) for x in model.classes_],
        "intercept": [round(float(x), 4) for x in model.intercept_],
        "features": vec.vocab,
        "coef": [[round(float(x), 4) for x in row] for row in coef],
    }
    path = Path(args.out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out, separators=(",", ":")) + "\n", encoding="utf-8")
    print(
        f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB, {len(vec.vocab)} features) "
        f"in {time.perf_counter() - t0:.0f}s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
