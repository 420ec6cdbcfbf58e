"""A small linear classifier for the PLOVER category of a sentence's main event.

It backs up the rules of :mod:`kronika.extract.events`: where the lexicon finds no event in a
sentence, or where the rules' main event disagrees with a confident prediction, the
classifier's category is used (see ``docs/events.md``). The model is a multinomial logistic
regression over sparse binary features of one sentence (:func:`sentence_features`): content
lemmas, verb–object and verb–preposition pairs, the root and its clausal complements,
negation, and the categories the rules found. It is trained by
``scripts/train_event_classifier.py`` and stored as plain JSON (vocabulary, weights,
thresholds; no pickle) in ``kronika/data/models/events/plover_classifier.json``; it is read
lazily, once, on first use. Prediction is a sparse dot product in pure Python.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from spacy.tokens import Span, Token

MODEL_PATH = ("data", "models", "events", "plover_classifier.json")
_CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV"})
_COMPLEMENTS = frozenset({"xcomp", "ccomp", "conj", "advcl"})
_OBJECTS = frozenset({"dobj", "obj", "nsubjpass", "attr", "oprd"})
_NEGATIONS = frozenset({"not", "n't", "never", "no", "without"})


def _lemma(token: Token) -> str:
    return (token.lemma_ or token.text).lower()


def sentence_features(sentence: Span, rules: Iterable[tuple[str, str, int]] = ()) -> list[str]:
    """Sparse binary features of ``sentence``. ``rules`` are (category, how, depth) of the
    events the rules found in it; the shallowest is the rules' main event."""
    feats: set[str] = set()
    for tok in sentence:
        if not tok.is_alpha:
            continue
        lemma = _lemma(tok)
        if tok.lower_ in _NEGATIONS or tok.dep_ == "neg":
            feats.add("neg")
        if tok.pos_ not in _CONTENT_POS or tok.is_stop:
            continue
        feats.add(f"w:{lemma}")
        if tok.pos_ != "VERB":
            continue
        feats.add(f"v:{lemma}")
        for child in tok.children:
            if child.dep_ in _OBJECTS and child.is_alpha:
                feats.add(f"vo:{lemma}:{_lemma(child)}")
            elif child.dep_ in ("prep", "prt", "agent"):
                feats.add(f"vp:{lemma}:{child.lower_}")
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.is_alpha:
                        feats.add(f"vpo:{lemma}:{child.lower_}:{_lemma(obj)}")
            elif child.dep_ == "auxpass":
                feats.add(f"pass:{lemma}")
    root = sentence.root
    feats.add(f"root:{_lemma(root)}")
    for child in root.children:
        if child.dep_ in _COMPLEMENTS and child.pos_ in ("VERB", "AUX"):
            feats.add(f"comp:{_lemma(child)}")
            for grand in child.children:
                if grand.dep_ in ("xcomp", "ccomp") and grand.pos_ == "VERB":
                    feats.add(f"comp:{_lemma(grand)}")
    found = sorted(rules, key=lambda r: r[2])
    if not found:
        feats.add("rule:none")
    for i, (category, how, _) in enumerate(found):
        feats.add(f"rule-any:{category}")
        if i == 0:
            feats.add(f"rule:{category}")
            feats.add(f"rule:{category}:{how}")
    return sorted(feats)


@dataclass(frozen=True)
class EventClassifier:
    """A linear model over :func:`sentence_features`, with the decision thresholds chosen
    by cross-validation when it was trained."""

    classes: tuple[str, ...]
    weights: dict[str, tuple[float, ...]]
    """Feature → one weight per class."""
    intercept: tuple[float, ...]
    new_threshold: float
    """Least probability to add an event to a sentence where the rules found none."""
    override_threshold: float
    """Least probability to re-type the rules' main event of a sentence."""
    meta: dict[str, Any]

    def probabilities(self, features: Iterable[str]) -> dict[str, float]:
        scores = list(self.intercept)
        for feat in features:
            row = self.weights.get(feat)
            if row is not None:
                scores = [s + w for s, w in zip(scores, row, strict=True)]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}

    def predict(self, features: Iterable[str]) -> tuple[str, float]:
        probs = self.probabilities(features)
        best = max(probs, key=lambda c: probs[c])
        return best, probs[best]


def parse_event_classifier(data: dict[str, Any]) -> EventClassifier:
    """An :class:`EventClassifier` from the parsed JSON artefact."""
    classes = tuple(str(c) for c in data["classes"])
    n = len(classes)
    weights: dict[str, tuple[float, ...]] = {}
    for feat, row in zip(data["features"], data["coef"], strict=True):
        if len(row) != n:
            raise ValueError(f"event classifier: feature {feat!r} has {len(row)} weights")
        weights[str(feat)] = tuple(float(w) for w in row)
    intercept = tuple(float(w) for w in data["intercept"])
    if len(intercept) != n:
        raise ValueError("event classifier: intercept does not match the classes")
    thresholds = data.get("thresholds") or {}
    return EventClassifier(
        classes=classes,
        weights=weights,
        intercept=intercept,
        new_threshold=float(thresholds.get("new", 1.1)),
        override_threshold=float(thresholds.get("override", 1.1)),
        meta={k: v for k, v in data.items() if k not in ("features", "coef", "intercept")},
    )


@cache
def load_event_classifier() -> EventClassifier | None:
    """The packaged classifier, read once on first use; None when it is not installed."""
    path = resources.files("kronika").joinpath(*MODEL_PATH)
    if not path.is_file():
        return None
    data = json.loads(path.read_text("utf-8"))
    if not isinstance(data, dict):
        raise ValueError("event classifier: expected a JSON object")
    return parse_event_classifier(data)


def rule_summary(found: Sequence[tuple[str, str, int]]) -> str:
    """The rules' main category of a sentence ("NONE" when they found nothing)."""
    return min(found, key=lambda r: r[2])[0] if found else "NONE"


__all__ = [
    "MODEL_PATH",
    "EventClassifier",
    "load_event_classifier",
    "parse_event_classifier",
    "rule_summary",
    "sentence_features",
]
