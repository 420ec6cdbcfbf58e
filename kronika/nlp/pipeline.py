"""Build the spaCy pipeline from settings, and run it in batches.

The model name is configurable (``--model``, ``KRONIKA_MODEL``, ``model =`` in the
config file). Official package names may be provided here by a faithful republished
copy under another name (see ``data/models.json`` and the README), so a name that is
not installed falls back to a listed substitute.

After the statistical ``ner``, kronika adds ``kronika_entity_corrector``
(``kronika.nlp.components``): corrections from the actor registry, the gazetteer and
``data/en/ner_corrections.yaml`` for names the small models get wrong (Pristina as PERSON,
Metohija as PRODUCT, "Leading Researcher" as ORG). Its tables are built once per process.
With ``n_process`` > 1 the pipeline also ends with ``kronika_token_vectors``: the sentence
encoder's token vectors for framing, computed in the worker processes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from kronika.errors import ModelNotFound
from kronika.nlp.components import FACTORY, FACTORY_V1
from kronika.nlp.embeddings import VECTORS_FACTORY, embeddings_available
from kronika.settings import Settings


@dataclass(frozen=True)
class Pipeline:
    """A loaded spaCy pipeline and what kronika needs to know about it."""

    nlp: Language
    requested: str
    loaded: str
    version: str
    label_precision: dict[str, float]

    @property
    def model_id(self) -> str:
        """``name-version`` as recorded in provenance."""
        return f"{self.loaded}-{self.version}"


def model_substitutes() -> dict[str, list[str]]:
    raw = resources.files("kronika.data").joinpath("models.json").read_text("utf-8")
    substitutes: dict[str, list[str]] = json.loads(raw)["substitutes"]
    return substitutes


def resolve_model_name(name: str) -> str:
    """The installed package (or path) to load for the configured ``name``."""
    candidates = [name, *model_substitutes().get(name, [])]
    for candidate in candidates:
        if spacy.util.is_package(candidate) or spacy.util.is_package(candidate.replace("_", "-")):
            return candidate
        if "/" in candidate or candidate.startswith("."):
            return candidate  # a path: spacy.load reports its own error
    tried = ", ".join(candidates)
    raise ModelNotFound(
        f"spaCy pipeline {name!r} is not installed (tried: {tried}). "
        f"Install it, e.g. `pip install {name.replace('_', '-')}`, or set --model / KRONIKA_MODEL."
    )


@cache
def _load(name: str, vectors: bool = False) -> Pipeline:
    package = resolve_model_name(name)
    try:
        nlp = spacy.load(package)
    except OSError as exc:
        raise ModelNotFound(f"cannot load spaCy pipeline {package!r}: {exc}") from exc
    add_entity_corrector(nlp)
    if vectors:
        nlp.add_pipe(VECTORS_FACTORY, last=True, config={"threads": 1})
    meta: dict[str, Any] = nlp.meta
    per_type = meta.get("performance", {}).get("ents_per_type", {}) or {}
    precision = {label: float(v["p"]) for label, v in per_type.items() if "p" in v}
    return Pipeline(
        nlp=nlp,
        requested=name,
        loaded=f"{meta.get('lang', 'xx')}_{meta.get('name', package)}",
        version=str(meta.get("version", "0")),
        label_precision=precision,
    )


def add_entity_corrector(nlp: Language) -> None:
    """Add ``kronika_entity_corrector`` right after ``ner`` (or last when there is none)."""
    if FACTORY in nlp.pipe_names:
        return
    if "ner" in nlp.pipe_names:
        nlp.add_pipe(FACTORY_V1, name=FACTORY, after="ner")
    else:
        nlp.add_pipe(FACTORY_V1, name=FACTORY, last=True)


def load_pipeline(settings: Settings) -> Pipeline:
    """Load (once per process and name) the pipeline the settings ask for. With more than
    one process, the sentence encoder's token vectors are computed during the parse
    (``kronika_token_vectors``), so that the worker processes share that work."""
    return _load(settings.model, settings.n_process > 1 and embeddings_available())


def analyse(pipeline: Pipeline, texts: Iterable[str], settings: Settings) -> Iterator[Doc]:
    """Run the pipeline over ``texts`` with ``nlp.pipe`` batching, in order."""
    yield from pipeline.nlp.pipe(
        texts, batch_size=settings.batch_size, n_process=settings.n_process
    )


def parse_cached(
    nlp: Language,
    texts: Sequence[str],
    cache: Path | None,
    attrs: Sequence[str] | None = None,
) -> list[Doc]:
    """The parses of ``texts``, kept in ``cache`` (a DocBin) between runs of a training or
    analysis script; a cache of other texts is parsed again and overwritten. ``attrs``:
    the token attributes worth keeping (default: all, with the user data)."""
    if cache is not None and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if len(docs) == len(texts) and all(d.text == t for d, t in zip(docs, texts, strict=True)):
            return docs
    docs = list(nlp.pipe(texts, batch_size=16))
    if cache is not None:
        kept = (
            DocBin(attrs=list(attrs), docs=docs)
            if attrs
            else DocBin(store_user_data=True, docs=docs)
        )
        kept.to_disk(cache)
    return docs
