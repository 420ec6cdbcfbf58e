"""Two small learned models of attribution: is this verb the cue of a reported statement,
belief or stance ("slammed", "took offense at", "is leaning toward")? And, where the rules
found nothing, is this verb or noun with its object or clause an attribution at all?

The lexicon of :mod:`kronika.extract.quotes` lists the common reporting verbs; news also
attributes through a long tail of verbs that no list covers. This model scores any verb by
sparse binary features of the verb and its parse neighbourhood (:func:`cue_features`) with a
logistic regression trained on PolNeAR's training split by ``scripts/train_quote_cues.py``.
Where the rules find no quote for a verb, a verb the model scores above its threshold is read
as a stance verb (its clause or object is the content, its subject the source; see
``docs/quotes.md``).

The *attribution model* (``attribution_model.json``) scores a whole candidate that the rules
left alone: a verb or noun, the object or clause the parse gives it, and its subject
(features built by :mod:`kronika.extract.quotes`); see "The learned attribution model" in
``docs/quotes.md``. Both are trained by the same script.

The artefacts are plain JSON (feature weights, threshold; no pickle) in
``kronika/data/models/quotes/``, read lazily, once. Scoring is a sparse dot product in pure
Python.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources

import numpy as np
from spacy.tokens import Token

from kronika.nlp.embeddings import FRAMING_LAYERS

MODEL_DIR = ("data", "models", "quotes")
CUE_MODEL = "cue_model.json"
ATTRIBUTION_MODEL = "attribution_model.json"
_QUOTE_MARKS = frozenset('"“”«»„')
_CHILD_DEPS = frozenset(
    {
        "ccomp",
        "xcomp",
        "dobj",
        "nsubj",
        "nsubjpass",
        "csubj",
        "agent",
        "neg",
        "aux",
        "auxpass",
        "prt",
        "advcl",
        "dative",
        "oprd",
        "attr",
        "acomp",
        "advmod",
    }
)


def _lemma(token: Token) -> str:
    return (token.lemma_ or token.text).lower()


def _inside_quotes(token: Token) -> bool:
    """Whether an odd number of quotation marks precede ``token`` in its sentence."""
    sent = token.sent
    marks = sum(1 for t in token.doc[sent.start : token.i] if t.text in _QUOTE_MARKS)
    return marks % 2 == 1


def cue_features(token: Token) -> list[str]:
    """Sparse binary features of a verb as a possible attribution cue."""
    lemma = _lemma(token)
    feats = {
        "bias",
        f"l={lemma}",
        f"w={token.lower_}",
        f"tag={token.tag_}",
        f"dep={token.dep_}",
        f"l|dep={lemma}|{token.dep_}",
        f"h={_lemma(token.head)}" if token.head.i != token.i else "root",
        f"hdep={token.head.dep_}|{token.dep_}",
    }
    if _inside_quotes(token):
        feats.add("in-quotes")
    doc = token.doc
    if token.i > 0:
        feats.add(f"prev={doc[token.i - 1].lower_}")
    if token.i + 1 < len(doc):
        nxt = doc[token.i + 1]
        feats.add(f"next={nxt.lower_}")
        feats.add(f"l|next={lemma}|{nxt.lower_}")
    for child in token.children:
        dep = child.dep_
        if dep in _CHILD_DEPS:
            feats.add(f"c={dep}")
            feats.add(f"l|c={lemma}|{dep}")
        if dep in ("nsubj", "nsubjpass", "csubj"):
            kind = child.ent_type_ or child.pos_
            feats.add(f"subj={kind}")
            feats.add(f"subj-l={_lemma(child)}")
            feats.add(f"l|subj={lemma}|{kind}")
        elif dep == "xcomp" and any(x.lower_ == "to" for x in child.children):
            feats.add("c=xcomp-to")
            feats.add(f"l|c=xcomp-to={lemma}")
        elif dep in ("prep", "agent"):
            feats.add(f"p={child.lower_}")
            feats.add(f"l|p={lemma}|{child.lower_}")
        elif dep == "prt":
            feats.add(f"l|prt={lemma}|{child.lower_}")
        elif dep == "dobj":
            feats.add(f"l|obj={lemma}|{_lemma(child)}")
            feats.add(f"obj={child.ent_type_ or child.pos_}")
        elif dep == "ccomp":
            marks = [x.lower_ for x in child.children if x.dep_ == "mark"]
            feats.add(f"ccomp-mark={marks[0] if marks else '-'}")
    return sorted(feats)


@dataclass(frozen=True)
class CueModel:
    """Logistic regression over sparse binary features (:func:`cue_features` for the cue
    model) and, for the attribution model, a dense vector; ``threshold`` was chosen on
    held-out training articles for the best quote F1."""

    weights: Mapping[str, float]
    threshold: float
    version: str
    vector_weights: tuple[float, ...] = ()
    """Weights of the dense part: empty for a sparse model; for the attribution model one
    per dimension of :func:`kronika.extract.quotes.proposal_vector` (the encoder's unit
    vectors of the cue, of the content's mean and of the content's first token)."""
    vector_layers: int = FRAMING_LAYERS
    """The encoder depth of those vectors."""

    @cached_property
    def _vector_weights(self) -> np.ndarray:
        return np.asarray(self.vector_weights, dtype=np.float32)

    def score(self, features: Iterable[str], vector: np.ndarray | None = None) -> float:
        """P(positive) for a set of feature names (a feature the model never saw counts 0)
        and, where the model has a dense part, the proposal's vector."""
        z = sum(self.weights.get(f, 0.0) for f in set(features))
        if self.vector_weights and vector is not None:
            z += float(self._vector_weights @ vector)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def probability(self, token: Token) -> float:
        return self.score(cue_features(token))

    def is_cue(self, token: Token) -> bool:
        return token.pos_ == "VERB" and self.probability(token) >= self.threshold

    def to_json(self) -> str:
        weights = {k: round(v, 4) for k, v in sorted(self.weights.items())}
        body: dict[str, object] = {
            "version": self.version,
            "threshold": self.threshold,
            "weights": weights,
        }
        if self.vector_weights:
            body["vector"] = {
                "layers": self.vector_layers,
                "weights": [round(v, 5) for v in self.vector_weights],
            }
        return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def parse_cue_model(text: str) -> CueModel:
    data = json.loads(text)
    vector = data.get("vector") or {}
    return CueModel(
        weights={str(k): float(v) for k, v in data["weights"].items()},
        threshold=float(data["threshold"]),
        version=str(data.get("version", "?")),
        vector_weights=tuple(float(v) for v in vector.get("weights", ())),
        vector_layers=int(vector.get("layers", FRAMING_LAYERS)),
    )


@cache
def _load(name: str) -> CueModel | None:
    path = resources.files("kronika").joinpath(*MODEL_DIR, name)
    if not path.is_file():
        return None
    return parse_cue_model(path.read_text("utf-8"))


def load_cue_model() -> CueModel | None:
    """The packaged cue model, or None where it has not been trained (a clone without it)."""
    return _load(CUE_MODEL)


def load_attribution_model() -> CueModel | None:
    """The packaged attribution model, or None where it has not been trained."""
    return _load(ATTRIBUTION_MODEL)
