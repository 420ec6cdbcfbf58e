"""The learned part of framing: persuasion-technique spans from two small linear models.

Trained on the PTC corpus (SemEval-2020 Task 11) by ``scripts/train_framing.py``; the
artefact lives in ``kronika/data/models/framing/`` and is read once by
:func:`load_technique_model`. Everything else here is pure: feature functions shared by
training and inference, and the scoring of a parsed ``Doc`` with a loaded model.

- **Span identification (SI)**: a binary logistic regression over tokens (the word, its
  shape, tag, VADER valence and neighbours, whether it sits inside quotation marks, and the
  words of its sentence); two small heads over the packaged sentence encoder's contextual
  token vectors (one per token, one per sentence; :class:`EncoderHeads`); then a second,
  stacked logistic regression over their binned probabilities around each token. Token
  probabilities are smoothed over a small window; runs above the lower threshold that reach
  the upper one somewhere, with one-token gaps bridged, become spans.
- **Technique classification (TC)**: a multinomial logistic regression over a span's words
  and bigrams, its length, the words around it, punctuation and how often the same words
  recur in the document (the Repetition signal).

PTC's 14 labels are mapped onto the SemEval-2023 Task 3 labels by :data:`PTC_TO_SEMEVAL2023`
(see ``docs/framing.md``). Inference needs only numpy (the encoder runs in numpy too).
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from spacy.tokens import Doc, Span

from kronika.nlp.embeddings import (
    EmbeddingModelMissing,
    document_token_vectors,
    load_encoder,
)

EXTRACTOR = "kronika.techniques"
VERSION = "1.3.0"

#: The 23 persuasion-technique labels of SemEval-2023 Task 3 (subtask 3).
SEMEVAL2023_LABELS: tuple[str, ...] = (
    "Appeal_to_Authority", "Appeal_to_Popularity", "Appeal_to_Values",
    "Appeal_to_Fear-Prejudice", "Flag_Waving", "Causal_Oversimplification",
    "False_Dilemma-No_Choice", "Consequential_Oversimplification", "Straw_Man", "Red_Herring",
    "Whataboutism", "Slogans", "Appeal_to_Time", "Conversation_Killer", "Loaded_Language",
    "Repetition", "Exaggeration-Minimisation", "Obfuscation-Vagueness-Confusion",
    "Name_Calling-Labeling", "Doubt", "Guilt_by_Association", "Appeal_to_Hypocrisy",
    "Questioning_the_Reputation",
)  # fmt: skip

#: PTC-2020 label → SemEval-2023 label. Two PTC labels merge several 2023 labels: the merged
#: "Whataboutism,Straw_Men,Red_Herring" maps to Whataboutism, and
#: "Bandwagon,Reductio_ad_hitlerum" is split by :func:`semeval2023_label` (a comparison with
#: Nazis, fascists and the like is Guilt_by_Association, the rest Appeal_to_Popularity).
PTC_TO_SEMEVAL2023: dict[str, str] = {
    "Appeal_to_Authority": "Appeal_to_Authority",
    "Appeal_to_fear-prejudice": "Appeal_to_Fear-Prejudice",
    "Bandwagon,Reductio_ad_hitlerum": "Appeal_to_Popularity",
    "Black-and-White_Fallacy": "False_Dilemma-No_Choice",
    "Causal_Oversimplification": "Causal_Oversimplification",
    "Doubt": "Doubt",
    "Exaggeration,Minimisation": "Exaggeration-Minimisation",
    "Flag-Waving": "Flag_Waving",
    "Loaded_Language": "Loaded_Language",
    "Name_Calling,Labeling": "Name_Calling-Labeling",
    "Repetition": "Repetition",
    "Slogans": "Slogans",
    "Thought-terminating_Cliches": "Conversation_Killer",
    "Whataboutism,Straw_Men,Red_Herring": "Whataboutism",
}
_REDUCTIO = re.compile(
    r"\b(nazi\w*|hitler\w*|fascis\w*|gestapo|goebbels|stalin\w*|mussolini|ku klux|kkk|"
    r"third reich|holocaust|terroris\w*|isis|al[- ]qaeda)\b",
    re.IGNORECASE,
)


@cache
def _valence() -> dict[str, float]:
    """VADER's word valences (``vaderSentiment``'s packaged lexicon; offline), read once."""
    from vaderSentiment.vaderSentiment import (  # type: ignore[import-untyped]
        SentimentIntensityAnalyzer,
    )

    lexicon: dict[str, float] = SentimentIntensityAnalyzer().lexicon
    return lexicon


def _valence_bin(value: float | None) -> str:
    """``0`` (not in the lexicon), ``+1``/``-1`` (mild) or ``+2``/``-2`` (|valence| ≥ 2)."""
    if value is None:
        return "0"
    return ("+" if value > 0 else "-") + ("2" if abs(value) >= 2 else "1")


FloatArray = npt.NDArray[np.float32]
_WORDS = re.compile(r"[#@]?\w+(?:['’]\w+)*|[!?]")
_QUOTE_MARKS = "\"“”«»„‘’'"


def semeval2023_label(ptc_label: str, text: str = "") -> str:
    """The SemEval-2023 label for a PTC label (``text``, the span, splits the merged
    Bandwagon/Reductio label)."""
    if ptc_label == "Bandwagon,Reductio_ad_hitlerum" and _REDUCTIO.search(text):
        return "Guilt_by_Association"
    return PTC_TO_SEMEVAL2023.get(ptc_label, ptc_label)


# ------------------------------------------------------------------------------ features
def _bucket(n: int, edges: Sequence[int]) -> str:
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f">{edges[-1]}"


def _quoted_tokens(tokens: Sequence[str]) -> list[bool]:
    """Whether each token of a sentence lies between quotation marks (toggled by marks)."""
    inside = False
    out = []
    for t in tokens:
        if t in ('"', "“", "”", "«", "»", "„"):
            if t in ("“", "«", "„"):
                inside = True
            elif t in ("”", "»"):
                inside = False
            else:
                inside = not inside
            out.append(False)
        else:
            out.append(inside)
    return out


def si_features(doc: Doc) -> list[list[str]]:
    """The span-identification features of every token of ``doc`` (tag features need a
    tagger; without one they are constant and harmless)."""
    out: list[list[str]] = [[] for _ in range(len(doc))]
    lexicon = _valence()
    for sent in doc.sents:
        toks = [t for t in sent if not t.is_space]
        lowers = [t.lower_ for t in toks]
        tags = [t.tag_ or "-" for t in toks]
        valence = [_valence_bin(lexicon.get(w)) for w in lowers]
        quoted = _quoted_tokens([t.text for t in toks])
        n = len(toks)
        content = {
            f"s={w}" for w, t in zip(lowers, toks, strict=True) if t.is_alpha and not t.is_stop
        }
        sent_flags = [f"slen={_bucket(n, (5, 10, 20, 35, 60))}"]
        if "!" in lowers:
            sent_flags.append("s!")
        if "?" in lowers:
            sent_flags.append("s?")
        if any(quoted):
            sent_flags.append("sq")
        for k, t in enumerate(toks):
            w = lowers[k]
            prev1 = lowers[k - 1] if k > 0 else "<s>"
            prev2 = lowers[k - 2] if k > 1 else "<s>"
            next1 = lowers[k + 1] if k + 1 < n else "</s>"
            next2 = lowers[k + 2] if k + 2 < n else "</s>"
            feats = [
                "b",
                f"w={w}",
                f"sh={t.shape_}",
                f"t={tags[k]}",
                f"suf={w[-3:]}",
                f"w-1={prev1}",
                f"w+1={next1}",
                f"w-2={prev2}",
                f"w+2={next2}",
                f"bi-={prev1}|{w}",
                f"bi+={w}|{next1}",
                f"t-1={tags[k - 1] if k > 0 else '<s>'}",
                f"t+1={tags[k + 1] if k + 1 < n else '</s>'}",
                f"tt={tags[k - 1] if k > 0 else '<s>'}|{tags[k]}",
                f"pos={_bucket(k, (0, 2, 5, 10, 20))}",
                f"rpos={_bucket(n - k - 1, (0, 2, 5, 10, 20))}",
                f"v={valence[k]}",
                f"v-1={valence[k - 1] if k > 0 else '<s>'}",
                f"v+1={valence[k + 1] if k + 1 < n else '</s>'}",
                f"vt={valence[k]}|{tags[k]}",
                *sent_flags,
                *content,
            ]
            if quoted[k]:
                feats.append("q")
                feats.append(f"qw={w}")
            out[t.i] = feats
    return out


def sentence_features(sent: Span) -> list[str]:
    """The features of the sentence gate (does the sentence hold any technique?): its
    words, crude stems, bigrams, tags and length."""
    toks = [t for t in sent if not t.is_space]
    lowers = [t.lower_ for t in toks]
    feats = {"b", f"slen={_bucket(len(toks), (3, 5, 10, 20, 35, 60))}"}
    feats.update(f"w={w}" for w in lowers)
    feats.update(f"st={w[:5]}" for w in lowers if len(w) > 3)
    feats.update(f"bi={a}|{b}" for a, b in pairwise(lowers))
    feats.update(f"t={t.tag_ or '-'}" for t in toks)
    return sorted(feats)


def _prob_bin(p: float) -> str:
    return str(min(int(p * 20), 19))


def stack_features(
    doc: Doc, probs: FloatArray, dense: tuple[FloatArray, FloatArray] | None = None
) -> list[list[str]]:
    """The second-stage (stacked) features of every token of ``doc``, from the first
    stage's token probabilities ``probs``: the binned probabilities of the token and of four
    tokens on each side, the highest of three on the left and on the right, its sentence's
    mean and maximum, the document's mean, and the token's tag (stacked sequential
    learning: the second model learns how a token's neighbours' scores shape its own).
    With ``dense`` (the encoder heads' token and sentence probabilities, see
    :func:`dense_probabilities`), their bins for the token, two tokens on each side and the
    sentence, and their crossings with the token's own first-stage bin."""
    out: list[list[str]] = [[] for _ in range(len(doc))]
    words = [t.i for t in doc if not t.is_space]
    dmean = float(probs[words].mean()) if words else 0.0
    for sent in doc.sents:
        idx = [t.i for t in sent if not t.is_space]
        if not idx:
            continue
        p = [float(x) for x in probs[idx]]  # plain floats: this runs for every token
        n = len(p)
        bins = [_prob_bin(x) for x in p]
        smean, smax = _prob_bin(sum(p) / n), _prob_bin(max(p))
        dbin = _prob_bin(min(2 * dmean, 0.99))
        for k, i in enumerate(idx):
            own = bins[k]
            left, right = p[max(0, k - 3) : k], p[k + 1 : k + 4]
            lmax = _prob_bin(max(left)) if left else "x"
            rmax = _prob_bin(max(right)) if right else "x"
            tag = doc[i].tag_ or "-"
            feats = [
                "b",
                f"smean={smean}",
                f"smax={smax}",
                f"dmean={dbin}",
                *(f"p{o}={bins[k + o] if 0 <= k + o < n else 'x'}" for o in range(-4, 5)),
                f"p0|smean={own}|{smean}",
                f"p0|smax={own}|{smax}",
                f"lmax={lmax}",
                f"rmax={rmax}",
                f"lr={lmax}|{rmax}",
                f"t={tag}",
                f"p0|t={own}|{tag}",
            ]
            if dense is not None:
                feats.extend(_dense_features(dense, idx, k, own))
            out[i] = feats
    return out


def _dense_features(
    dense: tuple[FloatArray, FloatArray], idx: list[int], k: int, own: str
) -> list[str]:
    token, sentence = dense
    n = len(idx)
    near = [_prob_bin(float(token[idx[k + o]])) if 0 <= k + o < n else "x" for o in range(-2, 3)]
    whole = _prob_bin(float(sentence[idx[k]]))
    return [
        *(f"e{o}={near[o + 2]}" for o in range(-2, 3)),
        f"se={whole}",
        f"e0|p0={near[2]}|{own}",
        f"se|p0={whole}|{own}",
    ]


def _context_words(text: str, start: int, end: int, width: int = 60) -> tuple[list[str], list[str]]:
    before = _WORDS.findall(text[max(0, start - width) : start].lower())
    after = _WORDS.findall(text[end : end + width].lower())
    return before[-3:], after[:2]


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` without surrounding whitespace and sentence punctuation: PTC v2's
    boundaries (SOURCE.md: the dev labels keep the older, untrimmed ones)."""
    edge = " \t\n.,;:!?"
    while start < end and text[start] in edge:
        start += 1
    while end > start and text[end - 1] in edge:
        end -= 1
    return start, end


def tc_features(text: str, start: int, end: int, doc_lower: str | None = None) -> list[str]:
    """The technique-classification features of the span ``text[start:end]``
    (``doc_lower``: ``text.lower()``, passed in when classifying many spans of one text)."""
    start, end = trim_span(text, start, end)
    span = text[start:end]
    low = span.lower().strip(" \t\n" + _QUOTE_MARKS + ".,;:")
    words = _WORDS.findall(low)
    feats = ["b", f"len={_bucket(len(words), (1, 2, 3, 5, 8, 12, 20, 30))}"]
    feats += [f"w={w}" for w in set(words)]
    feats += [f"bi={a}|{b}" for a, b in set(pairwise(words))]
    for w in set(words):
        if len(w) > 3:
            feats.append(f"st={w[:5]}")  # a crude stem: "attack", "attacks", "attacked"
        if len(w) > 4:
            feats += [f"cg={w[k : k + 4]}" for k in range(len(w) - 3)]
    if words:
        feats += [f"first={words[0]}", f"last={words[-1]}"]
        if len(words) <= 3:
            feats.append(f"whole={' '.join(words)}")
    before, after = _context_words(text, start, end)
    feats += [f"pre={w}" for w in before]
    feats += [f"post={w}" for w in after]
    if before:
        feats.append(f"pre1={before[-1]}")
    if len(before) > 1:
        feats.append(f"pre2={before[-2]}|{before[-1]}")
    if "!" in span:
        feats.append("excl")
    if "?" in span:
        feats.append("quest")
    if "#" in span:
        feats.append("hashtag")
    if any(c in span for c in _QUOTE_MARKS) or (
        start > 0
        and text[start - 1] in _QUOTE_MARKS
        and end < len(text)
        and text[end : end + 1] in _QUOTE_MARKS
    ):
        feats.append("quoted")
    letters = [c for c in span if c.isalpha()]
    if len(letters) > 3 and all(c.isupper() for c in letters):
        feats.append("caps")
    if span[:1].isupper():
        feats.append("cap1")
    if low:
        haystack = doc_lower if doc_lower is not None else text.lower()
        count = haystack.count(low) if len(low) > 2 else 1
        feats.append(f"rep={_bucket(count, (1, 2, 3, 5))}")
        if count > 1 and len(words) <= 4:
            feats.append("rep_short")
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_len = (line_end if line_end != -1 else len(text)) - line_start
    if line_len > 0:
        feats.append(f"cover={_bucket(int(10 * (end - start) / line_len), (1, 3, 6, 8, 10))}")
    feats.append(f"line={_bucket(text.count(chr(10), 0, start), (0, 2, 5, 10, 20, 40))}")
    if _REDUCTIO.search(span):
        feats.append("reductio")
    return feats


# ------------------------------------------------------------------------------ models


@dataclass(frozen=True)
class LinearModel:
    """A softmax-regression model over string features: ``weights[feature]`` is a row of
    per-label weights; unknown features are ignored."""

    labels: tuple[str, ...]
    index: dict[str, int]
    weights: FloatArray  # (features, labels)

    def scores(self, features: Iterable[str]) -> FloatArray:
        rows = [self.index[f] for f in features if f in self.index]
        total: FloatArray = self.weights[rows].sum(axis=0, dtype=np.float32)
        return total

    def probabilities(self, features: Iterable[str]) -> FloatArray:
        z = self.scores(features)
        z = z - z.max()
        e = np.exp(z)
        out: FloatArray = (e / e.sum()).astype(np.float32)
        return out

    def positive_probabilities(self, rows: Sequence[Sequence[str]], label: str = "1") -> FloatArray:
        """P(``label``) for many feature lists at once, as :meth:`probabilities` gives it
        for each (one gather and one segment sum instead of a numpy call per row); an empty
        list scores 0."""
        ids: list[int] = []
        starts: list[int] = []
        for feats in rows:
            starts.append(len(ids))
            ids.extend(self.index[f] for f in feats if f in self.index)
        z = np.zeros((len(rows), len(self.labels)), dtype=np.float32)
        counts = np.diff(np.asarray([*starts, len(ids)], dtype=np.int64))
        known = counts > 0
        if ids:
            gathered = self.weights[np.asarray(ids)].astype(np.float32)
            z[known] = np.add.reduceat(gathered, np.asarray(starts)[known], axis=0)
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        out: FloatArray = (e[:, self.labels.index(label)] / e.sum(axis=1)).astype(np.float32)
        out[np.asarray([not f for f in rows], dtype=bool)] = 0.0
        return out

    def to_bytes(self) -> bytes:
        names = sorted(self.index, key=self.index.__getitem__)
        buffer = io.BytesIO()
        np.savez_compressed(
            buffer,
            weights=self.weights.astype(np.float16),
            features=np.frombuffer("\n".join(names).encode("utf-8"), dtype=np.uint8),
            labels=np.frombuffer("\n".join(self.labels).encode("utf-8"), dtype=np.uint8),
        )
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> LinearModel:
        with np.load(io.BytesIO(data), allow_pickle=False) as z:
            names = bytes(z["features"]).decode("utf-8").split("\n")
            labels = tuple(bytes(z["labels"]).decode("utf-8").split("\n"))
            weights = z["weights"].astype(np.float32)
        return cls(labels, {n: i for i, n in enumerate(names)}, weights)


@dataclass(frozen=True)
class VectorHead:
    """A small classifier over dense vectors: a logistic regression (one layer), or a
    network of ReLU layers ending in a logistic unit. ``layers`` holds each layer's
    ``(weights, bias)``."""

    layers: tuple[tuple[FloatArray, FloatArray], ...]

    def probabilities(self, vectors: FloatArray) -> FloatArray:
        """P(positive) for each row of ``vectors``."""
        x = vectors.astype(np.float32)
        for weights, bias in self.layers[:-1]:
            x = np.maximum(x @ weights + bias, 0.0)
        weights, bias = self.layers[-1]
        z = (x @ weights + bias).reshape(len(x))
        out: FloatArray = (1.0 / (1.0 + np.exp(-z))).astype(np.float32)
        return out

    def arrays(self, prefix: str) -> dict[str, FloatArray]:
        out: dict[str, FloatArray] = {}
        for k, (weights, bias) in enumerate(self.layers):
            out[f"{prefix}.w{k}"] = weights.astype(np.float32)
            out[f"{prefix}.b{k}"] = np.atleast_1d(bias).astype(np.float32)
        return out

    @classmethod
    def from_arrays(cls, arrays: Any, prefix: str) -> VectorHead:
        layers: list[tuple[FloatArray, FloatArray]] = []
        while f"{prefix}.w{len(layers)}" in arrays:
            k = len(layers)
            layers.append((arrays[f"{prefix}.w{k}"], arrays[f"{prefix}.b{k}"]))
        return cls(tuple(layers))


@dataclass(frozen=True)
class EncoderHeads:
    """The heads over the sentence encoder's token vectors (after its first ``layers``
    layers): P(token inside a technique span) from the token's vector, and P(sentence
    holds a technique) from the mean of its tokens' vectors."""

    token: VectorHead
    sentence: VectorHead
    layers: int

    @property
    def width(self) -> int:
        """The width of the vectors the heads read."""
        return int(self.token.layers[0][0].shape[0])

    def to_bytes(self) -> bytes:
        arrays: dict[str, Any] = {"layers": np.asarray([self.layers])}
        arrays.update(self.token.arrays("token"))
        arrays.update(self.sentence.arrays("sentence"))
        buffer = io.BytesIO()
        np.savez_compressed(buffer, allow_pickle=False, **arrays)
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> EncoderHeads:
        with np.load(io.BytesIO(data), allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
        return cls(
            VectorHead.from_arrays(arrays, "token"),
            VectorHead.from_arrays(arrays, "sentence"),
            int(arrays["layers"][0]),
        )


@dataclass(frozen=True)
class TechniqueModel:
    """The two models and the span decoder's settings (from training's model selection)."""

    si: LinearModel
    tc: LinearModel
    threshold: float
    smooth: int = 1
    sentence_weight: float = 0.0
    meta: dict[str, Any] | None = None
    gate: LinearModel | None = None
    gate_weight: float = 0.0
    #: the second, stacked token model over the first one's probabilities (:func:`stack_features`)
    stage2: LinearModel | None = None
    #: hysteresis: runs at or above ``low`` are spans when they reach ``threshold`` somewhere
    low: float | None = None
    #: heads over the sentence encoder's token vectors, read by the second stage
    heads: EncoderHeads | None = None

    @property
    def version(self) -> str:
        return str((self.meta or {}).get("version", "?"))

    def find_spans(self, doc: Doc) -> list[tuple[int, int, float]]:
        """Technique spans of ``doc``: ``(start, end, probability)``, not yet labelled."""
        probs = token_probabilities(doc, self.si)
        if self.stage2 is not None:
            dense = dense_probabilities(doc, self.heads) if self.heads is not None else None
            probs = stacked_probabilities(doc, probs, self.stage2, dense)
        if self.gate is not None and self.gate_weight:
            probs = gated_probabilities(doc, probs, self.gate, self.gate_weight)
        return decode_spans(
            doc, probs, self.threshold, self.smooth, self.sentence_weight, low=self.low
        )


MODEL_DIR = ("data", "models", "framing")


def save_technique_model(model: TechniqueModel, directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "si.npz").write_bytes(model.si.to_bytes())
    (directory / "tc.npz").write_bytes(model.tc.to_bytes())
    parts: tuple[tuple[str, LinearModel | EncoderHeads | None], ...] = (
        ("gate", model.gate),
        ("stage2", model.stage2),
        ("encoder_heads", model.heads),
    )
    for name, part in parts:
        if part is not None:
            (directory / f"{name}.npz").write_bytes(part.to_bytes())
        elif (directory / f"{name}.npz").exists():
            (directory / f"{name}.npz").unlink()  # an older artefact's part
    meta = dict(model.meta or {})
    meta.update(
        low=model.low,
        threshold=model.threshold,
        smooth=model.smooth,
        sentence_weight=model.sentence_weight,
        gate_weight=model.gate_weight,
    )
    (directory / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n")


@cache
def load_technique_model(directory: str | None = None) -> TechniqueModel:
    """Read the packaged artefact (``kronika/data/models/framing``), or one in ``directory``."""
    base = resources.files("kronika").joinpath(*MODEL_DIR) if directory is None else None
    folder = base if base is not None else Path(str(directory))

    def part(name: str) -> bytes | None:
        file = folder.joinpath(f"{name}.npz")
        return file.read_bytes() if file.is_file() else None

    si, tc, gate, stage2 = part("si"), part("tc"), part("gate"), part("stage2")
    heads = part("encoder_heads")
    if si is None or tc is None:
        raise FileNotFoundError(f"no si.npz or tc.npz in {folder}")
    meta = json.loads(folder.joinpath("meta.json").read_text("utf-8"))
    return TechniqueModel(
        si=LinearModel.from_bytes(si),
        tc=LinearModel.from_bytes(tc),
        threshold=float(meta["threshold"]),
        smooth=int(meta.get("smooth", 1)),
        sentence_weight=float(meta.get("sentence_weight", 0.0)),
        meta=meta,
        gate=LinearModel.from_bytes(gate) if gate is not None else None,
        gate_weight=float(meta.get("gate_weight", 0.0)),
        stage2=LinearModel.from_bytes(stage2) if stage2 is not None else None,
        low=float(meta["low"]) if meta.get("low") is not None else None,
        heads=EncoderHeads.from_bytes(heads) if heads is not None else None,
    )


# ------------------------------------------------------------------------------ inference
def token_probabilities(doc: Doc, model: LinearModel) -> FloatArray:
    """P(token inside a technique span) for every token of ``doc`` (0 for whitespace)."""
    return model.positive_probabilities(si_features(doc))


def stacked_probabilities(
    doc: Doc,
    probs: FloatArray,
    stage2: LinearModel,
    dense: tuple[FloatArray, FloatArray] | None = None,
) -> FloatArray:
    """The second stage's token probabilities from the first stage's ``probs`` (and the
    encoder heads' ``dense`` probabilities, when the model has them)."""
    return stage2.positive_probabilities(stack_features(doc, probs, dense))


def dense_probabilities(
    doc: Doc, heads: EncoderHeads, vectors: FloatArray | None = None
) -> tuple[FloatArray, FloatArray]:
    """The encoder heads' probabilities for every token of ``doc``: the token head's, and
    its sentence's from the sentence head (both 0 for whitespace). ``vectors`` are the
    tokens' encoder vectors when already computed (training caches them); else those the
    pipeline's ``kronika_token_vectors`` (or the quote extractor) stored on the doc, else they
    are computed here."""
    if vectors is None:
        encoder = load_encoder()
        if encoder.width != heads.width:
            raise EmbeddingModelMissing(
                f"the framing heads read {heads.width}-dimensional vectors, but the encoder "
                f"{encoder.name} gives {encoder.width}: use all-MiniLM-L6-v2 or retrain"
            )
        vectors = document_token_vectors(doc, heads.layers)
    token = np.zeros(len(doc), dtype=np.float32)
    sentence = np.zeros(len(doc), dtype=np.float32)
    words = [t.i for t in doc if not t.is_space]
    if not words:
        return token, sentence
    token[words] = heads.token.probabilities(vectors[words])
    members = [[t.i for t in s if not t.is_space] for s in doc.sents]
    members = [m for m in members if m]
    means = np.stack([vectors[m].mean(axis=0) for m in members])
    for m, p in zip(members, heads.sentence.probabilities(means), strict=True):
        sentence[m] = p
    return token, sentence


def gated_probabilities(
    doc: Doc, probs: FloatArray, gate: LinearModel, weight: float
) -> FloatArray:
    """Token probabilities mixed with their sentence's gate probability (P(the sentence
    holds a technique)): ``(1 - weight) * p + weight * gate``."""
    out = probs.copy()
    positive = gate.labels.index("1")
    for sent in doc.sents:
        if all(t.is_space for t in sent):
            continue
        g = float(gate.probabilities(sentence_features(sent))[positive])
        idx = [t.i for t in sent if not t.is_space]
        out[idx] = (1 - weight) * probs[idx] + weight * g
    return out


def decode_spans(
    doc: Doc,
    probs: FloatArray,
    threshold: float,
    smooth: int = 1,
    sentence_weight: float = 0.0,
    low: float | None = None,
) -> list[tuple[int, int, float]]:
    """Character spans ``(start, end, mean probability)``: runs of tokens whose smoothed
    probability (mixed with the sentence's mean by ``sentence_weight``) reaches
    ``threshold`` within a sentence, one-token gaps bridged, punctuation trimmed from the
    edges. With ``low`` (hysteresis), runs reach down to ``low`` and are kept when one of
    their tokens reaches ``threshold``."""
    spans: list[tuple[int, int, float]] = []
    for sent in doc.sents:
        idx = [t.i for t in sent if not t.is_space]
        if not idx:
            continue
        p = probs[idx]
        if smooth > 0 and len(p) > 1:
            at = np.arange(len(p))
            lo, hi = np.maximum(0, at - smooth), np.minimum(len(p), at + smooth + 1)
            sums = np.concatenate([[0.0], np.cumsum(p, dtype=np.float64)])
            p = (0.5 * p + 0.5 * (sums[hi] - sums[lo]) / (hi - lo)).astype(np.float32)
        if sentence_weight:
            p = ((1 - sentence_weight) * p + sentence_weight * p.mean()).astype(np.float32)
        on = p >= (threshold if low is None else min(low, threshold))
        for k in range(1, len(on) - 1):
            if not on[k] and on[k - 1] and on[k + 1]:
                on[k] = True
        k = 0
        while k < len(on):
            if not on[k]:
                k += 1
                continue
            j = k
            while j + 1 < len(on) and on[j + 1]:
                j += 1
            a, b = k, j
            while a <= b and (doc[idx[a]].is_punct or doc[idx[a]].is_space):
                a += 1
            while b >= a and (doc[idx[b]].is_punct or doc[idx[b]].is_space):
                b -= 1
            if b < j and doc[idx[b + 1]].text in _QUOTE_MARKS:
                inside = sum(doc[idx[x]].text in _QUOTE_MARKS for x in range(a, b + 1))
                b += inside % 2  # keep the mark that closes a quotation opened inside
            keep = a <= b and not all(doc[idx[x]].is_stop for x in range(a, b + 1))
            if keep and low is not None:
                keep = bool(p[a : b + 1].max() >= threshold)
            if keep:
                first, last = doc[idx[a]], doc[idx[b]]
                spans.append((first.idx, last.idx + len(last.text), float(p[a : b + 1].mean())))
            k = j + 1
    return spans


def classify_span(
    text: str, start: int, end: int, model: LinearModel, doc_lower: str | None = None
) -> list[tuple[str, float]]:
    """PTC labels for ``text[start:end]``, most probable first."""
    probs = model.probabilities(tc_features(text, start, end, doc_lower))
    order = np.argsort(-probs)
    return [(model.labels[k], float(probs[k])) for k in order]


# ------------------------------------------------------------------------------ metrics
def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def score_si(
    predicted: dict[str, list[tuple[int, int]]], gold: dict[str, list[tuple[int, int]]]
) -> dict[str, float]:
    """SemEval-2020 Task 11 SI metric: precision and recall with partial credit
    (each predicted span earns its overlap with every gold span over its own length,
    each gold span its overlap over its own length); overlapping spans are merged first."""
    p_num = r_num = 0.0
    p_den = r_den = 0
    for article in set(predicted) | set(gold):
        pred = _merge(predicted.get(article, []))
        gs = _merge(gold.get(article, []))
        p_den += len(pred)
        r_den += len(gs)
        for ps, pe in pred:
            for gs_, ge in gs:
                inter = min(pe, ge) - max(ps, gs_)
                if inter > 0:
                    p_num += inter / (pe - ps)
                    r_num += inter / (ge - gs_)
    p = p_num / p_den if p_den else 0.0
    r = r_num / r_den if r_den else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "predicted": p_den, "gold": r_den}
