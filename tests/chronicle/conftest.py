"""The dev part of the multi-outlet chronicle corpus, ingested once for the corpus,
network, comparison and export tests (they read the store; the one rebuild they run is
idempotent)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from devcorpus import DevCorpus

import kronika
from kronika.core import user_metadata

CORPUS = Path(__file__).parents[1] / "data" / "chronicle"


@pytest.fixture(scope="session")
def dev_corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevCorpus]:
    labels = yaml.safe_load((CORPUS / "labels.yaml").read_text())["dev"]
    db = str(tmp_path_factory.mktemp("chronicle-dev") / "dev.duckdb")
    ids: dict[str, str] = {}
    with kronika.open(db) as k:
        for doc in labels:
            meta = user_metadata(outlet=doc["outlet"], published=str(doc["published"]))
            (result,) = k.ingest([str(CORPUS / doc["file"])], overrides=meta)
            assert result.status == "added" and result.document_id, result
            ids[doc["file"]] = result.document_id
    yield DevCorpus(db, ids, {f: (CORPUS / f).read_text() for f in ids})
